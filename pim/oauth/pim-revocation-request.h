/* pim-revocation-request.h: token revocation (RFC 7009)
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
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_REVOCATION_REQUEST (pim_revocation_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimRevocationRequest,
                      pim_revocation_request,
                      PIM,
                      REVOCATION_REQUEST,
                      PimOAuthRequest)

PIM_AVAILABLE_IN_0_1
PimRevocationRequest *
pim_revocation_request_new (const char *address, const char *client_id, const char *client_secret);
PIM_AVAILABLE_IN_0_1
const char *pim_revocation_request_get_token (PimRevocationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_revocation_request_set_token (PimRevocationRequest *self, const char *token);
PIM_AVAILABLE_IN_0_1
const char *pim_revocation_request_get_token_type_hint (PimRevocationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_revocation_request_set_token_type_hint (PimRevocationRequest *self,
                                                 const char           *token_type_hint);

PIM_AVAILABLE_IN_0_1
gboolean pim_revoke_token (PimRevocationRequest *request,
                           PimHttpClient        *client,
                           GCancellable         *cancellable,
                           GError              **error);
PIM_AVAILABLE_IN_0_1
void pim_revoke_token_async (PimRevocationRequest *request,
                             PimHttpClient        *client,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data);
PIM_AVAILABLE_IN_0_1
gboolean pim_revoke_token_finish (GAsyncResult *result, GError **error);

G_END_DECLS
