/* fuzz-jwk.c: one JSON Web Key (pim/jose/pim-jwk.c, the key import in
 * pim-crypto-jwk.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is a JWK as JSON text. A key that imports is then used as a
 * caller would: its members, thumbprint, public part, JSON and PEM forms,
 * and verifying the fixed tokens (one per algorithm of the fuzzing keys);
 * a private key signs and its public part must verify that signature.
 * Properties: the JSON and PEM forms import again to the same key (same
 * thumbprint), the public part has the same thumbprint and no private
 * parts, a key never verifies a token signed by another key.
 */

#include "fuzz-common.h"

#include "pim-jose-private.h"
#include "pim-jwk-private.h"

static const char *const all_algs[] = { "HS256", "HS384", "HS512", "RS256", "RS384",
                                        "RS512", "PS256", "PS384", "PS512", "ES256",
                                        "ES384", "ES512", "EdDSA", NULL };
static const char *const kids[] = { "fuzz-rs256", "fuzz-es256", "fuzz-eddsa", "fuzz-hs256" };

/* One token per fuzzing key, made once. */
static PimJws *tokens[G_N_ELEMENTS (kids)];

static void
make_tokens (void)
{
  static const char payload[] = "{\"iss\":\"https://op.example\"}";

  for (gsize i = 0; i < G_N_ELEMENTS (kids); i++)
    {
      PimJwk *key = pim_fuzz_get_signing_key (kids[i]);
      g_autoptr (GBytes) bytes = g_bytes_new_static (payload, strlen (payload));
      g_autofree char *token = pim_jws_sign (bytes, key, NULL, NULL, NULL);

      tokens[i] = pim_jws_parse (token, NULL);
      g_assert (tokens[i] != NULL);
    }
}

static void
check_same_key (PimJwk *key, PimJwk *again, const char *what)
{
  pim_fuzz_assert (again != NULL, what);
  pim_fuzz_assert (g_strcmp0 (pim_jwk_get_thumbprint (key), pim_jwk_get_thumbprint (again)) == 0,
                   what);
  pim_fuzz_assert (g_strcmp0 (pim_jwk_get_key_type (key), pim_jwk_get_key_type (again)) == 0, what);
}

static void
use_key (PimJwk *key)
{
  const char *thumbprint = pim_jwk_get_thumbprint (key);
  g_autoptr (PimJwk) pub = pim_jwk_get_public (key);
  PimJwk          *verifier = pub != NULL ? pub : key;
  g_autofree char *json = pim_jwk_to_json (key, TRUE);
  g_autofree char *public_json = pim_jwk_to_json (key, FALSE);
  g_autoptr (PimJwk) from_json = pim_jwk_new_from_json (json, NULL);
  g_autofree char *pem = NULL;
  const char      *kid = pim_jwk_get_key_id (key);

  pim_fuzz_assert (thumbprint != NULL && *thumbprint != '\0', "a key without a thumbprint");
  (void) pim_jwk_get_use (key);
  (void) pim_jwk_get_curve (key);
  (void) pim_jwk_get_key_ops (key);
  (void) pim_jwk_get_x5c (key);
  (void) pim_jwk_get_x5t_s256 (key);
  (void) pim_jwk_get_size (key);
  for (gsize i = 0; all_algs[i] != NULL; i++)
    (void) pim_jwk_allows_algorithm (key, all_algs[i]);

  check_same_key (key, from_json, "a key's JSON does not import to the same key");
  pim_fuzz_assert (pim_jwk_is_private (from_json) == pim_jwk_is_private (key),
                   "a key's JSON lost or gained its private part");
  if (pub != NULL)
    {
      g_autoptr (PimJwk) from_public = pim_jwk_new_from_json (public_json, NULL);

      check_same_key (key, pub, "the public part is another key");
      pim_fuzz_assert (!pim_jwk_is_private (pub), "the public part is private");
      check_same_key (key, from_public, "a key's public JSON does not import to the same key");
    }

  pem = pim_jwk_to_pem (key, TRUE, NULL);
  if (pem != NULL)
    {
      /* A JWK may name an algorithm Pim does not implement ("RSA-OAEP"),
       * or one its type or curve does not fit ("ES512" on P-256): it is
       * kept (and can never be used), but the PEM constructor refuses
       * both. */
      const char *alg = pim_jwk_get_algorithm (key);
      PimJwsAlg   parsed = pim_jws_alg_from_name (alg);
      g_autoptr (GError) fit_error = NULL;
      gboolean fits =
          parsed != PIM_JWS_ALG_INVALID &&
          (pim_jwk_check_algorithm (key, parsed, FALSE, &fit_error) ||
           !g_error_matches (fit_error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH));
      g_autoptr (PimJwk) from_pem = pim_jwk_new_from_pem (pem, fits ? alg : NULL, kid, NULL);

      check_same_key (key, from_pem, "a key's PEM does not import to the same key");
    }

  /* The fixed tokens: only a fuzzing key's own public part may verify
   * one, and only its own. */
  for (gsize i = 0; i < G_N_ELEMENTS (tokens); i++)
    if (pim_jws_verify_with_key (tokens[i], verifier, pim_fuzz_allowed_algs, NULL))
      pim_fuzz_assert (pim_fuzz_same_signing_key (verifier, pim_fuzz_get_signing_key (kids[i])),
                       "a key verified a token another key signed");

  /* A private key signs with each algorithm it allows, and its public part
   * verifies that. */
  if (pim_jwk_is_private (key))
    for (gsize i = 0; all_algs[i] != NULL; i++)
      {
        static const char payload[] = "fuzz";
        g_autoptr (GBytes) bytes = g_bytes_new_static (payload, strlen (payload));
        g_autofree char *token = NULL;
        g_autoptr (PimJws) jws = NULL;
        const char *const alg[] = { all_algs[i], NULL };
        g_autoptr (GError) error = NULL;

        if (!pim_jwk_allows_algorithm (key, all_algs[i]))
          continue;
        token = pim_jws_sign (bytes, key, all_algs[i], NULL, NULL);
        if (token == NULL)
          continue; /* weak keys may not sign */
        jws = pim_jws_parse (token, NULL);
        pim_fuzz_assert (jws != NULL, "Pim cannot parse a token it signed");
        pim_fuzz_assert (pim_jws_verify_with_key (jws, verifier, alg, &error),
                         "a key's public part does not verify its signature");
      }
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *json = g_strndup ((const char *) data, size);
  g_autoptr (PimJwk) key = NULL;
  g_autoptr (GError) error = NULL;

  pim_fuzz_init ();
  if (tokens[0] == NULL)
    make_tokens ();

  key = pim_jwk_new_from_json (json, &error);
  pim_fuzz_assert ((key == NULL) == (error != NULL), "a key xor an error");
  pim_fuzz_check_error (error);
  if (key != NULL)
    use_key (key);
  return 0;
}
