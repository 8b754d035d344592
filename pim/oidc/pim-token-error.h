/* pim-token-error.h: errors of token validation
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
 * PIM_TOKEN_ERROR:
 *
 * The error domain of token validation: the claims. (A bad signature or
 * token format is an error of [error@JoseError].) Errors in this domain
 * are from the [error@TokenError] enumeration; messages name the claim.
 *
 * Since: 0.1
 */
#define PIM_TOKEN_ERROR (pim_token_error_quark ())

/**
 * PimTokenError:
 * @PIM_TOKEN_ERROR_FAILED: a failure that no other code describes
 * @PIM_TOKEN_ERROR_INVALID_PARAMETERS: the validation parameters cannot
 *   work: no issuer, or no audience without the explicit opt-out
 * @PIM_TOKEN_ERROR_MISSING_CLAIM: a required claim is missing
 * @PIM_TOKEN_ERROR_INVALID_CLAIM: a claim has the wrong type
 * @PIM_TOKEN_ERROR_EXPIRED: `exp` is past, beyond the clock skew
 * @PIM_TOKEN_ERROR_NOT_YET_VALID: `nbf` is ahead, beyond the clock skew
 * @PIM_TOKEN_ERROR_ISSUED_IN_FUTURE: `iat` is ahead, beyond the clock skew
 * @PIM_TOKEN_ERROR_ISSUER_MISMATCH: `iss` is not the expected issuer
 * @PIM_TOKEN_ERROR_AUDIENCE_MISMATCH: no `aud` value is an expected audience
 * @PIM_TOKEN_ERROR_NONCE_MISMATCH: `nonce` is not the expected one
 * @PIM_TOKEN_ERROR_TYPE_MISMATCH: the header's `typ` is not the expected one
 * @PIM_TOKEN_ERROR_AZP_MISMATCH: `azp` is missing or not the client
 * @PIM_TOKEN_ERROR_AUTH_TOO_OLD: `auth_time` is older than `max_age` allows
 * @PIM_TOKEN_ERROR_HASH_MISMATCH: `at_hash` or `c_hash` does not match
 * @PIM_TOKEN_ERROR_REJECTED: the claims validator (see
 *   [method@TokenValidationParameters.set_claims_validator]) refused the
 *   token
 * @PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN: a back-channel logout token, or
 *   the request that carried it, breaks a rule of OpenID Connect
 *   Back-Channel Logout 1.0 (a `nonce`, no `events`, neither `sub` nor
 *   `sid`, no `jti`…); see [func@validate_logout_token]
 *
 * Error codes of the [error@TokenError] domain.
 *
 * Since: 0.1
 */
typedef enum
{
  PIM_TOKEN_ERROR_FAILED,
  PIM_TOKEN_ERROR_INVALID_PARAMETERS,
  PIM_TOKEN_ERROR_MISSING_CLAIM,
  PIM_TOKEN_ERROR_INVALID_CLAIM,
  PIM_TOKEN_ERROR_EXPIRED,
  PIM_TOKEN_ERROR_NOT_YET_VALID,
  PIM_TOKEN_ERROR_ISSUED_IN_FUTURE,
  PIM_TOKEN_ERROR_ISSUER_MISMATCH,
  PIM_TOKEN_ERROR_AUDIENCE_MISMATCH,
  PIM_TOKEN_ERROR_NONCE_MISMATCH,
  PIM_TOKEN_ERROR_TYPE_MISMATCH,
  PIM_TOKEN_ERROR_AZP_MISMATCH,
  PIM_TOKEN_ERROR_AUTH_TOO_OLD,
  PIM_TOKEN_ERROR_HASH_MISMATCH,
  PIM_TOKEN_ERROR_REJECTED,
  PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN,
} PimTokenError;

PIM_AVAILABLE_IN_0_1
GQuark pim_token_error_quark (void);

G_END_DECLS
