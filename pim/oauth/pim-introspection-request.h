/* pim-introspection-request.h: token introspection (RFC 7662)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <gio/gio.h>

#include "pim-http-client.h"
#include "pim-introspection-response.h"
#include "pim-oauth-request.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_INTROSPECTION_REQUEST (pim_introspection_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimIntrospectionRequest,
                      pim_introspection_request,
                      PIM,
                      INTROSPECTION_REQUEST,
                      PimOAuthRequest)

PIM_AVAILABLE_IN_0_1
PimIntrospectionRequest *pim_introspection_request_new (const char *address,
                                                        const char *client_id,
                                                        const char *client_secret);
PIM_AVAILABLE_IN_0_1
const char *pim_introspection_request_get_token (PimIntrospectionRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_introspection_request_set_token (PimIntrospectionRequest *self, const char *token);
PIM_AVAILABLE_IN_0_1
const char *pim_introspection_request_get_token_type_hint (PimIntrospectionRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_introspection_request_set_token_type_hint (PimIntrospectionRequest *self,
                                                    const char              *token_type_hint);

PIM_AVAILABLE_IN_0_1
PimIntrospectionResponse *pim_introspect_token (PimIntrospectionRequest *request,
                                                PimHttpClient           *client,
                                                GCancellable            *cancellable,
                                                GError                 **error);
PIM_AVAILABLE_IN_0_1
void pim_introspect_token_async (PimIntrospectionRequest *request,
                                 PimHttpClient           *client,
                                 GCancellable            *cancellable,
                                 GAsyncReadyCallback      callback,
                                 gpointer                 user_data);
PIM_AVAILABLE_IN_0_1
PimIntrospectionResponse *pim_introspect_token_finish (GAsyncResult *result, GError **error);

G_END_DECLS
