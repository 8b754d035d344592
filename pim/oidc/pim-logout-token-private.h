/* pim-logout-token-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-jwt.h"
#include "pim-logout-token.h"

G_BEGIN_DECLS

/* The parameters the signature and the claims ID tokens share are
 * checked with: the caller's issuer, keys, algorithms, clock, with the
 * client as the audience and `iat` and `exp` required. A new reference,
 * or NULL with INVALID_PARAMETERS when the caller's have no client id. */
G_GNUC_INTERNAL
PimTokenValidationParameters *
pim_logout_token_parameters_new (PimTokenValidationParameters *parameters, GError **error);

/* The checks of Back-Channel Logout 1.0 §2.6 beyond those, on a token
 * whose signature and standard claims passed: `typ`, every audience the
 * client or one it trusts (@parameters, the caller's), `events`, `jti`,
 * `sub` or `sid`, no `nonce`. Pure. */
G_GNUC_INTERNAL
gboolean pim_logout_token_check_claims (PimJwt                       *jwt,
                                        PimTokenValidationParameters *parameters,
                                        GError                      **error);

G_END_DECLS
