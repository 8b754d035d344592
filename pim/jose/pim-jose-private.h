/* pim-jose-private.h: the JOSE layer's internals: algorithms, key types
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "pim-jose-error.h"

G_BEGIN_DECLS

/* The JWS algorithms Pim implements (RFC 7518 §3, RFC 8037 §3.1). */
typedef enum
{
  PIM_JWS_ALG_INVALID = 0,
  PIM_JWS_ALG_HS256,
  PIM_JWS_ALG_HS384,
  PIM_JWS_ALG_HS512,
  PIM_JWS_ALG_RS256,
  PIM_JWS_ALG_RS384,
  PIM_JWS_ALG_RS512,
  PIM_JWS_ALG_PS256,
  PIM_JWS_ALG_PS384,
  PIM_JWS_ALG_PS512,
  PIM_JWS_ALG_ES256,
  PIM_JWS_ALG_ES384,
  PIM_JWS_ALG_ES512,
  PIM_JWS_ALG_EDDSA,
  PIM_JWS_ALG_LAST,
} PimJwsAlg;

typedef enum
{
  PIM_KEY_TYPE_INVALID = 0,
  PIM_KEY_TYPE_RSA,
  PIM_KEY_TYPE_EC,
  PIM_KEY_TYPE_OKP,
  PIM_KEY_TYPE_OCT,
} PimKeyType;

typedef enum
{
  PIM_DIGEST_SHA256,
  PIM_DIGEST_SHA384,
  PIM_DIGEST_SHA512,
} PimDigest;

/* Reports @json_error, an error of the strict JSON reader
 * (pim-json-private.h), as PIM_JOSE_ERROR_MALFORMED with its message, and
 * frees it. */
G_GNUC_INTERNAL
void pim_jose_error_from_json (GError **error, GError *json_error);

/* Exact, case-sensitive names ("RS256"); PIM_JWS_ALG_INVALID otherwise. */
G_GNUC_INTERNAL
PimJwsAlg pim_jws_alg_from_name (const char *name);
G_GNUC_INTERNAL
const char *pim_jws_alg_get_name (PimJwsAlg alg);
/* The key type an algorithm needs, and for ES* the curve ("P-256"). */
G_GNUC_INTERNAL
PimKeyType pim_jws_alg_get_key_type (PimJwsAlg alg);
G_GNUC_INTERNAL
const char *pim_jws_alg_get_curve (PimJwsAlg alg);

G_END_DECLS
