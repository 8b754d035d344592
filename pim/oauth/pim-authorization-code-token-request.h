/* pim-authorization-code-token-request.h: the authorization code grant
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include "pim-token-request.h"

G_BEGIN_DECLS

#define PIM_TYPE_AUTHORIZATION_CODE_TOKEN_REQUEST (pim_authorization_code_token_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimAuthorizationCodeTokenRequest,
                      pim_authorization_code_token_request,
                      PIM,
                      AUTHORIZATION_CODE_TOKEN_REQUEST,
                      PimTokenRequest)

PIM_AVAILABLE_IN_0_1
PimAuthorizationCodeTokenRequest *
pim_authorization_code_token_request_new (const char *address,
                                          const char *client_id,
                                          const char *code,
                                          const char *redirect_uri,
                                          const char *code_verifier);

PIM_AVAILABLE_IN_0_1
const char *pim_authorization_code_token_request_get_code (PimAuthorizationCodeTokenRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_code_token_request_set_code (PimAuthorizationCodeTokenRequest *self,
                                                    const char                       *code);
PIM_AVAILABLE_IN_0_1
const char *
pim_authorization_code_token_request_get_redirect_uri (PimAuthorizationCodeTokenRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_code_token_request_set_redirect_uri (PimAuthorizationCodeTokenRequest *self,
                                                            const char *redirect_uri);
PIM_AVAILABLE_IN_0_1
const char *
pim_authorization_code_token_request_get_code_verifier (PimAuthorizationCodeTokenRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_code_token_request_set_code_verifier (PimAuthorizationCodeTokenRequest *self,
                                                             const char *code_verifier);

PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_request_authorization_code_token (PimAuthorizationCodeTokenRequest *request,
                                                        PimHttpClient                    *client,
                                                        GCancellable *cancellable,
                                                        GError      **error);
PIM_AVAILABLE_IN_0_1
void pim_request_authorization_code_token_async (PimAuthorizationCodeTokenRequest *request,
                                                 PimHttpClient                    *client,
                                                 GCancellable                     *cancellable,
                                                 GAsyncReadyCallback               callback,
                                                 gpointer                          user_data);
PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_request_authorization_code_token_finish (GAsyncResult *result,
                                                               GError      **error);

G_END_DECLS
