/* pim-jwk-private.h: what the JWS code needs of a JWK
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-crypto-private.h"
#include "pim-jwk.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL
PimCryptoKey *pim_jwk_get_crypto_key (PimJwk *self);

/* Whether the key may be used with @alg, for verifying or signing: its
 * type and curve fit (else KEY_TYPE_MISMATCH), its JWK "alg", if any, is
 * @alg (else ALG_NOT_ALLOWED), its "use", if any, is "sig" and its
 * "key_ops", if any, include "verify" or "sign" (else KEY_NOT_FOUND). */
G_GNUC_INTERNAL
gboolean pim_jwk_check_algorithm (PimJwk *self, PimJwsAlg alg, gboolean signing, GError **error);

/* The algorithm @self signs with when none is named: its JWK "alg", else
 * the one its type implies (RS256 for RSA, ES256/ES384/ES512 by curve,
 * EdDSA for OKP); NULL for a secret or another curve without "alg". The
 * one choice for every signer (client assertions, DPoP keys) and for the
 * checks that must agree with them. */
G_GNUC_INTERNAL
const char *pim_jwk_get_signing_algorithm (PimJwk *self);

/* A JWK from a JSON object that already went through the strict reader. */
G_GNUC_INTERNAL
PimJwk *pim_jwk_new_from_object_internal (JsonObject *object, GError **error);

G_END_DECLS
