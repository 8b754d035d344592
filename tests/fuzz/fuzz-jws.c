/* fuzz-jws.c: compact JWS and JWT parsing and verification
 * (pim/jose/pim-jws.c, pim-jwt.c) with a fixed key set
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The first byte picks a mode:
 *   0, 1  the rest is a compact token, from anyone;
 *   2     a header (a random-length string) and a payload (the rest),
 *         signed for real with the fuzzing key the next byte picks: the
 *         parser and the claims code then see arbitrary headers and claims
 *         behind a valid signature;
 *   3     as 2, then one character of the token is changed.
 * Every token is verified with the public key set (RS256, ES256, EdDSA,
 * HS256) and the four algorithms allowed. Properties: whatever verifies
 * was signed by the key that verified it, under the algorithm that key is
 * for and the kid the token names; a tampered token never verifies; the
 * set and the single-key forms agree; JWS and JWT parsing agree.
 */

#include "fuzz-common.h"

#include "pim-jws-private.h"

static const char *const kids[] = { "fuzz-rs256", "fuzz-es256", "fuzz-eddsa", "fuzz-hs256" };

static void
check_token (const char *token, gsize len, const char *signed_by, gboolean tampered)
{
  PimJwkSet *keys = pim_fuzz_get_public_keys ();
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (PimJws) jws = pim_jws_parse_len (token, len, &parse_error);
  g_autoptr (PimJwk) key = NULL;
  g_autoptr (PimJwt) jwt = NULL;
  g_autoptr (PimJwt) verified_jwt = NULL;
  g_autoptr (GError) error = NULL;
  gboolean         nul_free = memchr (token, '\0', len) == NULL;
  g_autofree char *text = g_strndup (token, len);
  gboolean         any_key = FALSE;
  const char      *kid;

  if (nul_free)
    {
      g_autoptr (PimJws) again = pim_jws_parse (text, NULL);

      pim_fuzz_assert ((again != NULL) == (jws != NULL), "pim_jws_parse and _parse_len disagree");
      jwt = pim_jwt_parse (text, NULL);
      pim_fuzz_assert (jwt == NULL || jws != NULL, "a JWT that is not a JWS");
    }
  pim_fuzz_check_error (parse_error);
  if (jws == NULL)
    return;

  /* What a caller reads of a parsed token. */
  kid = pim_jws_get_key_id (jws);
  pim_fuzz_assert (pim_jws_get_header (jws) != NULL, "no header");
  pim_fuzz_assert (pim_jws_get_algorithm (jws) != NULL, "no algorithm");
  pim_fuzz_assert (pim_jws_get_payload (jws) != NULL, "no payload");
  (void) pim_jws_get_media_type (jws);

  key = pim_jws_verify (jws, keys, pim_fuzz_allowed_algs, &error);
  pim_fuzz_assert ((key == NULL) == (error != NULL), "verify: a key xor an error");
  pim_fuzz_check_error (error);
  if (key != NULL)
    {
      pim_fuzz_assert (!tampered, "a tampered token verified");
      pim_fuzz_assert (signed_by == NULL || g_strcmp0 (pim_jwk_get_key_id (key), signed_by) == 0,
                       "a token verified with another key than the one that signed it");
      pim_fuzz_assert (g_strcmp0 (pim_jwk_get_algorithm (key), pim_jws_get_algorithm (jws)) == 0,
                       "a key verified a token under another algorithm than its own");
      pim_fuzz_assert (kid == NULL || g_strcmp0 (kid, pim_jwk_get_key_id (key)) == 0,
                       "a key verified a token that names another kid");
    }

  for (guint i = 0; i < pim_jwk_set_get_n_keys (keys); i++)
    {
      PimJwk  *one = pim_jwk_set_get_key (keys, i);
      gboolean ok = pim_jws_verify_with_key (jws, one, pim_fuzz_allowed_algs, NULL);

      pim_fuzz_assert (!ok || !tampered, "a tampered token verified with one key");
      pim_fuzz_assert (!ok || signed_by == NULL ||
                           g_strcmp0 (pim_jwk_get_key_id (one), signed_by) == 0,
                       "a token verified with one key that did not sign it");
      if (ok && (kid == NULL || g_strcmp0 (kid, pim_jwk_get_key_id (one)) == 0))
        any_key = TRUE;
    }
  pim_fuzz_assert (any_key == (key != NULL), "the set and the single-key forms disagree");

  if (jwt != NULL)
    {
      g_autoptr (PimJwk) jwt_key = pim_jwt_verify (jwt, keys, pim_fuzz_allowed_algs, NULL);
      gint64 exp;

      pim_fuzz_assert ((jwt_key != NULL) == (key != NULL),
                       "the JWT and the JWS verify differently");
      pim_fuzz_assert (pim_jwt_get_claims (jwt) != NULL, "a JWT without claims");
      pim_fuzz_assert (pim_jwt_get_header (jwt) != NULL, "a JWT without a header");
      pim_fuzz_assert (pim_jwt_get_jws (jwt) != NULL, "a JWT without its JWS");
      (void) pim_jwt_get_string_claim (jwt, "sub");
      (void) pim_jwt_get_string_claim (jwt, "iss");
      (void) pim_jwt_get_int_claim (jwt, "exp", &exp);
    }
  if (nul_free)
    {
      verified_jwt = pim_jwt_parse_and_verify (text, keys, pim_fuzz_allowed_algs, NULL);
      pim_fuzz_assert ((verified_jwt != NULL) == (jwt != NULL && key != NULL),
                       "pim_jwt_parse_and_verify disagrees with parse, then verify");
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  PimFuzzInput in = { data, size };
  guint8       mode;

  pim_fuzz_init ();

  mode = pim_fuzz_take_byte (&in) % 4;
  if (mode < 2)
    {
      g_autofree char *token = g_strndup ((const char *) in.data, in.size);

      /* The bytes as they are (NULs included), then as a C string. */
      check_token ((const char *) in.data, in.size, NULL, FALSE);
      if (strlen (token) != in.size)
        check_token (token, strlen (token), NULL, FALSE);
    }
  else
    {
      const char      *kid = kids[pim_fuzz_take_byte (&in) % G_N_ELEMENTS (kids)];
      guint32          where = mode == 3 ? pim_fuzz_take_u32 (&in) : 0;
      guint8           with = mode == 3 ? pim_fuzz_take_byte (&in) : 0;
      g_autofree char *header = pim_fuzz_take_string (&in, 4096);
      PimJwk          *key = pim_fuzz_get_signing_key (kid);
      g_autofree char *token =
          pim_fuzz_sign_raw (kid, pim_jwk_get_algorithm (key), (const guint8 *) header,
                             strlen (header), in.data, in.size);
      gboolean tampered = FALSE;

      pim_fuzz_assert (token != NULL, "a fuzzing key could not sign");
      if (mode == 3)
        {
          gsize at = where % strlen (token);

          tampered = token[at] != (char) with;
          token[at] = (char) with;
        }
      check_token (token, strlen (token), kid, tampered);
    }
  return 0;
}
