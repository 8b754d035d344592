/* pim-client-credentials-token-request.h: the client credentials grant
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include "pim-token-request.h"

G_BEGIN_DECLS

#define PIM_TYPE_CLIENT_CREDENTIALS_TOKEN_REQUEST (pim_client_credentials_token_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimClientCredentialsTokenRequest,
                      pim_client_credentials_token_request,
                      PIM,
                      CLIENT_CREDENTIALS_TOKEN_REQUEST,
                      PimTokenRequest)

PIM_AVAILABLE_IN_0_1
PimClientCredentialsTokenRequest *
pim_client_credentials_token_request_new (const char *address,
                                          const char *client_id,
                                          const char *client_secret);

PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_request_client_credentials_token (PimClientCredentialsTokenRequest *request,
                                                        PimHttpClient                    *client,
                                                        GCancellable *cancellable,
                                                        GError      **error);
PIM_AVAILABLE_IN_0_1
void pim_request_client_credentials_token_async (PimClientCredentialsTokenRequest *request,
                                                 PimHttpClient                    *client,
                                                 GCancellable                     *cancellable,
                                                 GAsyncReadyCallback               callback,
                                                 gpointer                          user_data);
PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_request_client_credentials_token_finish (GAsyncResult *result,
                                                               GError      **error);

G_END_DECLS
