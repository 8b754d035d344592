/* pim-jose-error.c: the JOSE error domain, and the algorithm table
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-jose-error.h"
#include "pim-jose-private.h"

/**
 * pim_jose_error_quark:
 *
 * Gets the quark of the [error@JoseError] domain.
 *
 * Returns: the error quark
 *
 * Since: 0.1
 */
/* clang-format off */
G_DEFINE_QUARK (pim-jose-error-quark, pim_jose_error)
/* clang-format on */

void
pim_jose_error_from_json (GError **error, GError *json_error)
{
  g_set_error_literal (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED, json_error->message);
  g_error_free (json_error);
}

static const struct
{
  const char *name;
  PimKeyType  key_type;
  const char *curve;
} algorithms[PIM_JWS_ALG_LAST] = {
  [PIM_JWS_ALG_HS256] = { "HS256", PIM_KEY_TYPE_OCT, NULL },
  [PIM_JWS_ALG_HS384] = { "HS384", PIM_KEY_TYPE_OCT, NULL },
  [PIM_JWS_ALG_HS512] = { "HS512", PIM_KEY_TYPE_OCT, NULL },
  [PIM_JWS_ALG_RS256] = { "RS256", PIM_KEY_TYPE_RSA, NULL },
  [PIM_JWS_ALG_RS384] = { "RS384", PIM_KEY_TYPE_RSA, NULL },
  [PIM_JWS_ALG_RS512] = { "RS512", PIM_KEY_TYPE_RSA, NULL },
  [PIM_JWS_ALG_PS256] = { "PS256", PIM_KEY_TYPE_RSA, NULL },
  [PIM_JWS_ALG_PS384] = { "PS384", PIM_KEY_TYPE_RSA, NULL },
  [PIM_JWS_ALG_PS512] = { "PS512", PIM_KEY_TYPE_RSA, NULL },
  [PIM_JWS_ALG_ES256] = { "ES256", PIM_KEY_TYPE_EC, "P-256" },
  [PIM_JWS_ALG_ES384] = { "ES384", PIM_KEY_TYPE_EC, "P-384" },
  [PIM_JWS_ALG_ES512] = { "ES512", PIM_KEY_TYPE_EC, "P-521" },
  [PIM_JWS_ALG_EDDSA] = { "EdDSA", PIM_KEY_TYPE_OKP, "Ed25519" },
};

PimJwsAlg
pim_jws_alg_from_name (const char *name)
{
  if (name == NULL)
    return PIM_JWS_ALG_INVALID;
  for (int alg = PIM_JWS_ALG_INVALID + 1; alg < PIM_JWS_ALG_LAST; alg++)
    if (strcmp (algorithms[alg].name, name) == 0)
      return (PimJwsAlg) alg;
  return PIM_JWS_ALG_INVALID;
}

const char *
pim_jws_alg_get_name (PimJwsAlg alg)
{
  g_return_val_if_fail (alg > PIM_JWS_ALG_INVALID && alg < PIM_JWS_ALG_LAST, NULL);
  return algorithms[alg].name;
}

PimKeyType
pim_jws_alg_get_key_type (PimJwsAlg alg)
{
  g_return_val_if_fail (alg > PIM_JWS_ALG_INVALID && alg < PIM_JWS_ALG_LAST, PIM_KEY_TYPE_INVALID);
  return algorithms[alg].key_type;
}

const char *
pim_jws_alg_get_curve (PimJwsAlg alg)
{
  g_return_val_if_fail (alg > PIM_JWS_ALG_INVALID && alg < PIM_JWS_ALG_LAST, NULL);
  return algorithms[alg].curve;
}
