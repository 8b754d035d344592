/* pim-jose-error.h: errors of the JOSE layer
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
 * PIM_JOSE_ERROR:
 *
 * The error domain of the JOSE layer (keys, JWS, JWT). Errors in this
 * domain are from the [error@JoseError] enumeration.
 *
 * Since: 0.1
 */
#define PIM_JOSE_ERROR (pim_jose_error_quark ())

/**
 * PimJoseError:
 * @PIM_JOSE_ERROR_FAILED: a failure that no other code describes
 * @PIM_JOSE_ERROR_MALFORMED: the token, key or key set is not well formed:
 *   bad base64url, bad or duplicated JSON, missing or mistyped members
 * @PIM_JOSE_ERROR_ALG_NONE: the token is unsecured (`alg: none`, in any
 *   casing), which is never accepted
 * @PIM_JOSE_ERROR_ALG_NOT_ALLOWED: the token's algorithm is not one the
 *   caller allowed, or not the one the key is restricted to
 * @PIM_JOSE_ERROR_UNSUPPORTED_ALG: the algorithm is not one Pim implements
 * @PIM_JOSE_ERROR_KEY_NOT_FOUND: no key in the set fits the token (by `kid`,
 *   type, algorithm and use)
 * @PIM_JOSE_ERROR_KEY_TYPE_MISMATCH: the key's type does not go with the
 *   algorithm, such as an RSA key for HS256
 * @PIM_JOSE_ERROR_INVALID_SIGNATURE: the signature does not verify
 * @PIM_JOSE_ERROR_KEY_CONVERSION_FAILED: key material could not be turned
 *   into a usable key: a point not on its curve, inconsistent private
 *   members, an unreadable PEM
 * @PIM_JOSE_ERROR_WEAK_KEY: the key is too weak, such as an RSA key under
 *   2048 bits
 * @PIM_JOSE_ERROR_UNSUPPORTED_CRITICAL: the header lists a `crit` extension
 *   that Pim does not understand (RFC 7515 §4.1.11)
 *
 * Error codes of the [error@JoseError] domain. Messages never contain key
 * material or token contents.
 *
 * Since: 0.1
 */
typedef enum
{
  PIM_JOSE_ERROR_FAILED,
  PIM_JOSE_ERROR_MALFORMED,
  PIM_JOSE_ERROR_ALG_NONE,
  PIM_JOSE_ERROR_ALG_NOT_ALLOWED,
  PIM_JOSE_ERROR_UNSUPPORTED_ALG,
  PIM_JOSE_ERROR_KEY_NOT_FOUND,
  PIM_JOSE_ERROR_KEY_TYPE_MISMATCH,
  PIM_JOSE_ERROR_INVALID_SIGNATURE,
  PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
  PIM_JOSE_ERROR_WEAK_KEY,
  PIM_JOSE_ERROR_UNSUPPORTED_CRITICAL,
} PimJoseError;

PIM_AVAILABLE_IN_0_1
GQuark pim_jose_error_quark (void);

G_END_DECLS
