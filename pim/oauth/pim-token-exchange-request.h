/* pim-token-exchange-request.h: OAuth 2.0 Token Exchange (RFC 8693)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include "pim-token-request.h"

G_BEGIN_DECLS

/**
 * PIM_TOKEN_TYPE_ACCESS_TOKEN:
 *
 * The RFC 8693 token type of an OAuth 2.0 access token.
 *
 * Since: 0.1
 */
#define PIM_TOKEN_TYPE_ACCESS_TOKEN "urn:ietf:params:oauth:token-type:access_token"

/**
 * PIM_TOKEN_TYPE_REFRESH_TOKEN:
 *
 * The RFC 8693 token type of an OAuth 2.0 refresh token.
 *
 * Since: 0.1
 */
#define PIM_TOKEN_TYPE_REFRESH_TOKEN "urn:ietf:params:oauth:token-type:refresh_token"

/**
 * PIM_TOKEN_TYPE_ID_TOKEN:
 *
 * The RFC 8693 token type of an OpenID Connect ID token.
 *
 * Since: 0.1
 */
#define PIM_TOKEN_TYPE_ID_TOKEN "urn:ietf:params:oauth:token-type:id_token"

/**
 * PIM_TOKEN_TYPE_SAML1:
 *
 * The RFC 8693 token type of a base64url-encoded SAML 1.1 assertion.
 *
 * Since: 0.1
 */
#define PIM_TOKEN_TYPE_SAML1 "urn:ietf:params:oauth:token-type:saml1"

/**
 * PIM_TOKEN_TYPE_SAML2:
 *
 * The RFC 8693 token type of a base64url-encoded SAML 2.0 assertion.
 *
 * Since: 0.1
 */
#define PIM_TOKEN_TYPE_SAML2 "urn:ietf:params:oauth:token-type:saml2"

/**
 * PIM_TOKEN_TYPE_JWT:
 *
 * The RFC 8693 token type of a JWT (RFC 7519).
 *
 * Since: 0.1
 */
#define PIM_TOKEN_TYPE_JWT "urn:ietf:params:oauth:token-type:jwt"

#define PIM_TYPE_TOKEN_EXCHANGE_REQUEST (pim_token_exchange_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimTokenExchangeRequest,
                      pim_token_exchange_request,
                      PIM,
                      TOKEN_EXCHANGE_REQUEST,
                      PimTokenRequest)

PIM_AVAILABLE_IN_0_1
PimTokenExchangeRequest *pim_token_exchange_request_new (const char *address,
                                                         const char *subject_token,
                                                         const char *subject_token_type);

PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_request_token_exchange (PimTokenExchangeRequest *request,
                                              PimHttpClient           *client,
                                              GCancellable            *cancellable,
                                              GError                 **error);
PIM_AVAILABLE_IN_0_1
void pim_request_token_exchange_async (PimTokenExchangeRequest *request,
                                       PimHttpClient           *client,
                                       GCancellable            *cancellable,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data);
PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_request_token_exchange_finish (GAsyncResult *result, GError **error);

G_END_DECLS
