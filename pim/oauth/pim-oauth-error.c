/* pim-oauth-error.c: the OAuth error domain and its registered strings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-oauth-error.h"

/**
 * pim_oauth_error_quark:
 *
 * Gets the quark of the [error@OAuthError] domain.
 *
 * Returns: the error quark
 *
 * Since: 0.1
 */
/* clang-format off */
G_DEFINE_QUARK (pim-oauth-error-quark, pim_oauth_error)
/* clang-format on */

static const struct
{
  PimOAuthError code;
  const char   *string;
} registered[] = {
  { PIM_OAUTH_ERROR_INVALID_REQUEST, "invalid_request" },
  { PIM_OAUTH_ERROR_INVALID_CLIENT, "invalid_client" },
  { PIM_OAUTH_ERROR_INVALID_GRANT, "invalid_grant" },
  { PIM_OAUTH_ERROR_UNAUTHORIZED_CLIENT, "unauthorized_client" },
  { PIM_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE, "unsupported_grant_type" },
  { PIM_OAUTH_ERROR_INVALID_SCOPE, "invalid_scope" },
  { PIM_OAUTH_ERROR_ACCESS_DENIED, "access_denied" },
  { PIM_OAUTH_ERROR_UNSUPPORTED_RESPONSE_TYPE, "unsupported_response_type" },
  { PIM_OAUTH_ERROR_SERVER_ERROR, "server_error" },
  { PIM_OAUTH_ERROR_TEMPORARILY_UNAVAILABLE, "temporarily_unavailable" },
  { PIM_OAUTH_ERROR_AUTHORIZATION_PENDING, "authorization_pending" },
  { PIM_OAUTH_ERROR_SLOW_DOWN, "slow_down" },
  { PIM_OAUTH_ERROR_EXPIRED_TOKEN, "expired_token" },
  { PIM_OAUTH_ERROR_INVALID_TOKEN, "invalid_token" },
  { PIM_OAUTH_ERROR_INSUFFICIENT_SCOPE, "insufficient_scope" },
  { PIM_OAUTH_ERROR_UNSUPPORTED_TOKEN_TYPE, "unsupported_token_type" },
  { PIM_OAUTH_ERROR_INVALID_TARGET, "invalid_target" },
  { PIM_OAUTH_ERROR_INVALID_DPOP_PROOF, "invalid_dpop_proof" },
  { PIM_OAUTH_ERROR_USE_DPOP_NONCE, "use_dpop_nonce" },
  { PIM_OAUTH_ERROR_INTERACTION_REQUIRED, "interaction_required" },
  { PIM_OAUTH_ERROR_LOGIN_REQUIRED, "login_required" },
  { PIM_OAUTH_ERROR_ACCOUNT_SELECTION_REQUIRED, "account_selection_required" },
  { PIM_OAUTH_ERROR_CONSENT_REQUIRED, "consent_required" },
  { PIM_OAUTH_ERROR_INVALID_REQUEST_URI, "invalid_request_uri" },
  { PIM_OAUTH_ERROR_INVALID_REQUEST_OBJECT, "invalid_request_object" },
  { PIM_OAUTH_ERROR_REQUEST_NOT_SUPPORTED, "request_not_supported" },
  { PIM_OAUTH_ERROR_REQUEST_URI_NOT_SUPPORTED, "request_uri_not_supported" },
  { PIM_OAUTH_ERROR_REGISTRATION_NOT_SUPPORTED, "registration_not_supported" },
  { PIM_OAUTH_ERROR_INVALID_REDIRECT_URI, "invalid_redirect_uri" },
  { PIM_OAUTH_ERROR_INVALID_CLIENT_METADATA, "invalid_client_metadata" },
  { PIM_OAUTH_ERROR_INVALID_SOFTWARE_STATEMENT, "invalid_software_statement" },
  { PIM_OAUTH_ERROR_UNAPPROVED_SOFTWARE_STATEMENT, "unapproved_software_statement" },
  { PIM_OAUTH_ERROR_INVALID_AUTHORIZATION_DETAILS, "invalid_authorization_details" },
};

/**
 * pim_oauth_error_from_string:
 * @error: an OAuth `error` string, such as `invalid_grant`
 *
 * Finds the code of a registered error string. Strings are compared
 * exactly, as the registries define them.
 *
 * Returns: the code, or %PIM_OAUTH_ERROR_FAILED for a string that is not
 *   registered
 *
 * Since: 0.1
 */
PimOAuthError
pim_oauth_error_from_string (const char *error)
{
  g_return_val_if_fail (error != NULL, PIM_OAUTH_ERROR_FAILED);

  for (gsize i = 0; i < G_N_ELEMENTS (registered); i++)
    if (strcmp (registered[i].string, error) == 0)
      return registered[i].code;
  return PIM_OAUTH_ERROR_FAILED;
}
