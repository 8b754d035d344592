/* pim-token-request.h: a request to the token endpoint, any grant
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <gio/gio.h>

#include "pim-http-client.h"
#include "pim-oauth-request.h"
#include "pim-token-response.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_TOKEN_REQUEST (pim_token_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_DERIVABLE_TYPE (PimTokenRequest, pim_token_request, PIM, TOKEN_REQUEST, PimOAuthRequest)

/**
 * PimTokenRequestClass:
 * @parent_class: the parent class
 *
 * The class of [class@TokenRequest]. Its subclasses are Pim's own.
 *
 * Since: 0.1
 */
struct _PimTokenRequestClass
{
  PimOAuthRequestClass parent_class;

  /*< private >*/
  gpointer padding[8];
};

PIM_AVAILABLE_IN_0_1
PimTokenRequest *pim_token_request_new (const char *grant_type);
PIM_AVAILABLE_IN_0_1
const char *pim_token_request_get_grant_type (PimTokenRequest *self);
PIM_AVAILABLE_IN_0_1
const char *pim_token_request_get_scope (PimTokenRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_token_request_set_scope (PimTokenRequest *self, const char *scope);
PIM_AVAILABLE_IN_0_1
const char *const *pim_token_request_get_resources (PimTokenRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_token_request_set_resources (PimTokenRequest *self, const char *const *resources);
PIM_AVAILABLE_IN_0_1
const char *const *pim_token_request_get_audiences (PimTokenRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_token_request_set_audiences (PimTokenRequest *self, const char *const *audiences);

PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_request_token (PimTokenRequest *request,
                                     PimHttpClient   *client,
                                     GCancellable    *cancellable,
                                     GError         **error);
PIM_AVAILABLE_IN_0_1
void pim_request_token_async (PimTokenRequest    *request,
                              PimHttpClient      *client,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data);
PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_request_token_finish (GAsyncResult *result, GError **error);

G_END_DECLS
