/* pim-oauth-error.h: errors of the OAuth layer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib.h>

#include "pim-version-macros.h"

G_BEGIN_DECLS

/**
 * PIM_OAUTH_ERROR:
 *
 * The error domain of OAuth 2.0 and OpenID Connect exchanges. Errors in
 * this domain are from the [error@OAuthError] enumeration: one code per
 * registered `error` string a provider may answer with, and a few for
 * failures Pim detects itself.
 *
 * The `error_description`, `error_uri` and HTTP status of a refused
 * exchange are kept in an [class@OAuthErrorResponse], which the request
 * object used for the exchange holds until its next exchange
 * ([method@OAuthRequest.get_error_response]).
 *
 * Since: 0.1
 */
#define PIM_OAUTH_ERROR (pim_oauth_error_quark ())

/**
 * PimOAuthError:
 * @PIM_OAUTH_ERROR_FAILED: an `error` string no other code stands for; the
 *   string itself is in [property@OAuthErrorResponse:error]
 * @PIM_OAUTH_ERROR_INVALID_ARGUMENT: the request cannot be sent as it is:
 *   a required property is missing, or two contradict each other
 * @PIM_OAUTH_ERROR_INVALID_RESPONSE: the server's answer does not follow
 *   the protocol (not JSON, no `access_token`, a wrong member type…)
 * @PIM_OAUTH_ERROR_UNSUPPORTED_BY_PROVIDER: the provider's metadata lacks
 *   the endpoint, or does not list the client authentication method
 * @PIM_OAUTH_ERROR_STATE_MISMATCH: an authorization response does not carry
 *   the `state` of its request
 * @PIM_OAUTH_ERROR_ISSUER_MISMATCH: an authorization response's `iss` (RFC
 *   9207) is missing though required, or is not the expected issuer
 * @PIM_OAUTH_ERROR_SUBJECT_MISMATCH: a UserInfo response's `sub` is not the
 *   ID token's
 * @PIM_OAUTH_ERROR_INVALID_REQUEST: `invalid_request` (RFC 6749)
 * @PIM_OAUTH_ERROR_INVALID_CLIENT: `invalid_client` (RFC 6749)
 * @PIM_OAUTH_ERROR_INVALID_GRANT: `invalid_grant` (RFC 6749)
 * @PIM_OAUTH_ERROR_UNAUTHORIZED_CLIENT: `unauthorized_client` (RFC 6749)
 * @PIM_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE: `unsupported_grant_type` (RFC 6749)
 * @PIM_OAUTH_ERROR_INVALID_SCOPE: `invalid_scope` (RFC 6749)
 * @PIM_OAUTH_ERROR_ACCESS_DENIED: `access_denied` (RFC 6749, RFC 8628)
 * @PIM_OAUTH_ERROR_UNSUPPORTED_RESPONSE_TYPE: `unsupported_response_type`
 *   (RFC 6749)
 * @PIM_OAUTH_ERROR_SERVER_ERROR: `server_error` (RFC 6749)
 * @PIM_OAUTH_ERROR_TEMPORARILY_UNAVAILABLE: `temporarily_unavailable` (RFC 6749)
 * @PIM_OAUTH_ERROR_AUTHORIZATION_PENDING: `authorization_pending` (RFC 8628)
 * @PIM_OAUTH_ERROR_SLOW_DOWN: `slow_down` (RFC 8628)
 * @PIM_OAUTH_ERROR_EXPIRED_TOKEN: `expired_token` (RFC 8628); also a device
 *   code whose `expires_in` passed while polling
 * @PIM_OAUTH_ERROR_INVALID_TOKEN: `invalid_token` (RFC 6750)
 * @PIM_OAUTH_ERROR_INSUFFICIENT_SCOPE: `insufficient_scope` (RFC 6750)
 * @PIM_OAUTH_ERROR_UNSUPPORTED_TOKEN_TYPE: `unsupported_token_type` (RFC 7009)
 * @PIM_OAUTH_ERROR_INVALID_TARGET: `invalid_target` (RFC 8707, RFC 8693)
 * @PIM_OAUTH_ERROR_INVALID_DPOP_PROOF: `invalid_dpop_proof` (RFC 9449)
 * @PIM_OAUTH_ERROR_USE_DPOP_NONCE: `use_dpop_nonce` (RFC 9449)
 * @PIM_OAUTH_ERROR_INTERACTION_REQUIRED: `interaction_required` (OpenID
 *   Connect Core)
 * @PIM_OAUTH_ERROR_LOGIN_REQUIRED: `login_required` (OpenID Connect Core)
 * @PIM_OAUTH_ERROR_ACCOUNT_SELECTION_REQUIRED: `account_selection_required`
 *   (OpenID Connect Core)
 * @PIM_OAUTH_ERROR_CONSENT_REQUIRED: `consent_required` (OpenID Connect Core)
 * @PIM_OAUTH_ERROR_INVALID_REQUEST_URI: `invalid_request_uri` (OpenID Connect
 *   Core)
 * @PIM_OAUTH_ERROR_INVALID_REQUEST_OBJECT: `invalid_request_object` (OpenID
 *   Connect Core, RFC 9101)
 * @PIM_OAUTH_ERROR_REQUEST_NOT_SUPPORTED: `request_not_supported` (OpenID
 *   Connect Core)
 * @PIM_OAUTH_ERROR_REQUEST_URI_NOT_SUPPORTED: `request_uri_not_supported`
 *   (OpenID Connect Core)
 * @PIM_OAUTH_ERROR_REGISTRATION_NOT_SUPPORTED: `registration_not_supported`
 *   (OpenID Connect Core)
 * @PIM_OAUTH_ERROR_INVALID_REDIRECT_URI: `invalid_redirect_uri` (RFC 7591)
 * @PIM_OAUTH_ERROR_INVALID_CLIENT_METADATA: `invalid_client_metadata` (RFC 7591)
 * @PIM_OAUTH_ERROR_INVALID_SOFTWARE_STATEMENT: `invalid_software_statement`
 *   (RFC 7591)
 * @PIM_OAUTH_ERROR_UNAPPROVED_SOFTWARE_STATEMENT:
 *   `unapproved_software_statement` (RFC 7591)
 * @PIM_OAUTH_ERROR_INVALID_AUTHORIZATION_DETAILS:
 *   `invalid_authorization_details` (RFC 9396)
 * @PIM_OAUTH_ERROR_PROFILE_VIOLATION: the request breaks a rule of its
 *   [class@SecurityProfile] (such as FAPI 2.0); nothing was sent
 *
 * Error codes of the [error@OAuthError] domain.
 *
 * Since: 0.1
 */
typedef enum /*< underscore_name=pim_oauth_error >*/
{
  PIM_OAUTH_ERROR_FAILED,
  PIM_OAUTH_ERROR_INVALID_ARGUMENT,
  PIM_OAUTH_ERROR_INVALID_RESPONSE,
  PIM_OAUTH_ERROR_UNSUPPORTED_BY_PROVIDER,
  PIM_OAUTH_ERROR_STATE_MISMATCH,
  PIM_OAUTH_ERROR_ISSUER_MISMATCH,
  PIM_OAUTH_ERROR_SUBJECT_MISMATCH,
  PIM_OAUTH_ERROR_INVALID_REQUEST,
  PIM_OAUTH_ERROR_INVALID_CLIENT,
  PIM_OAUTH_ERROR_INVALID_GRANT,
  PIM_OAUTH_ERROR_UNAUTHORIZED_CLIENT,
  PIM_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE,
  PIM_OAUTH_ERROR_INVALID_SCOPE,
  PIM_OAUTH_ERROR_ACCESS_DENIED,
  PIM_OAUTH_ERROR_UNSUPPORTED_RESPONSE_TYPE,
  PIM_OAUTH_ERROR_SERVER_ERROR,
  PIM_OAUTH_ERROR_TEMPORARILY_UNAVAILABLE,
  PIM_OAUTH_ERROR_AUTHORIZATION_PENDING,
  PIM_OAUTH_ERROR_SLOW_DOWN,
  PIM_OAUTH_ERROR_EXPIRED_TOKEN,
  PIM_OAUTH_ERROR_INVALID_TOKEN,
  PIM_OAUTH_ERROR_INSUFFICIENT_SCOPE,
  PIM_OAUTH_ERROR_UNSUPPORTED_TOKEN_TYPE,
  PIM_OAUTH_ERROR_INVALID_TARGET,
  PIM_OAUTH_ERROR_INVALID_DPOP_PROOF,
  PIM_OAUTH_ERROR_USE_DPOP_NONCE,
  PIM_OAUTH_ERROR_INTERACTION_REQUIRED,
  PIM_OAUTH_ERROR_LOGIN_REQUIRED,
  PIM_OAUTH_ERROR_ACCOUNT_SELECTION_REQUIRED,
  PIM_OAUTH_ERROR_CONSENT_REQUIRED,
  PIM_OAUTH_ERROR_INVALID_REQUEST_URI,
  PIM_OAUTH_ERROR_INVALID_REQUEST_OBJECT,
  PIM_OAUTH_ERROR_REQUEST_NOT_SUPPORTED,
  PIM_OAUTH_ERROR_REQUEST_URI_NOT_SUPPORTED,
  PIM_OAUTH_ERROR_REGISTRATION_NOT_SUPPORTED,
  PIM_OAUTH_ERROR_INVALID_REDIRECT_URI,
  PIM_OAUTH_ERROR_INVALID_CLIENT_METADATA,
  PIM_OAUTH_ERROR_INVALID_SOFTWARE_STATEMENT,
  PIM_OAUTH_ERROR_UNAPPROVED_SOFTWARE_STATEMENT,
  PIM_OAUTH_ERROR_INVALID_AUTHORIZATION_DETAILS,
  PIM_OAUTH_ERROR_PROFILE_VIOLATION,
} PimOAuthError;

PIM_AVAILABLE_IN_0_1
GQuark pim_oauth_error_quark (void);

PIM_AVAILABLE_IN_0_1
PimOAuthError pim_oauth_error_from_string (const char *error);

G_END_DECLS
