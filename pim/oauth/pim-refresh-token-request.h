/* pim-refresh-token-request.h: the refresh token grant
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include "pim-token-request.h"

G_BEGIN_DECLS

#define PIM_TYPE_REFRESH_TOKEN_REQUEST (pim_refresh_token_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimRefreshTokenRequest,
                      pim_refresh_token_request,
                      PIM,
                      REFRESH_TOKEN_REQUEST,
                      PimTokenRequest)

PIM_AVAILABLE_IN_0_1
PimRefreshTokenRequest *pim_refresh_token_request_new (const char *address,
                                                       const char *client_id,
                                                       const char *refresh_token);

PIM_AVAILABLE_IN_0_1
const char *pim_refresh_token_request_get_refresh_token (PimRefreshTokenRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_refresh_token_request_set_refresh_token (PimRefreshTokenRequest *self,
                                                  const char             *refresh_token);

PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_request_refresh_token (PimRefreshTokenRequest *request,
                                             PimHttpClient          *client,
                                             GCancellable           *cancellable,
                                             GError                **error);
PIM_AVAILABLE_IN_0_1
void pim_request_refresh_token_async (PimRefreshTokenRequest *request,
                                      PimHttpClient          *client,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data);
PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_request_refresh_token_finish (GAsyncResult *result, GError **error);

G_END_DECLS
