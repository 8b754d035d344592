/* fuzz-dpop-proof.c: DPoP proof validation for resource servers
 * (pim/oauth/pim-dpop-proof-validator.c) and the cnf.jkt check
 * (pim/oauth/pim-token-binding.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The first byte picks a mode, and whether the request presents an access
 * token (so that `ath` is checked):
 *   0     the rest is a proof, from anyone;
 *   1     a header prefix `{"typ":"dpop+jwt","jwk":<the signing key>` and
 *         a fuzzed rest of the header (a random-length string), and the
 *         claims (the rest), signed for real with the fuzzing key the next
 *         byte picks: arbitrary header members behind a valid signature;
 *   2     a fixed good header, fuzzed claims, signed for real: the claims
 *         checks see everything;
 *   3     as 2, then one character of the proof is changed.
 * The validator's clock is fixed at 1790000000 (in the dictionary), its
 * replay cache holds 4 entries. Properties: an accepted proof matches the
 * request's method and URI, its iat is in the window, its key is public,
 * is the key that signed it and not an HMAC secret, its `ath` is the
 * token's when a token was given; the same proof is then refused as a
 * replay; a tampered proof is never accepted; cnf.jkt of its own
 * thumbprint binds, of another key's does not.
 */

#include "fuzz-common.h"

#include "pim-dpop-proof-validator-private.h"

#define NOW          1790000000
#define HTM          "POST"
#define HTU          "https://rs.example/api"
#define ACCESS_TOKEN "fuzz-access-token"

static const char *const kids[] = { "fuzz-es256", "fuzz-rs256", "fuzz-eddsa", "fuzz-hs256" };

/* The "jwk" a proof by @kid carries: the public key (the secret itself
 * for HS256, which must never be accepted). */
static char *
jwk_json (const char *kid)
{
  PimJwk *key = pim_fuzz_get_signing_key (kid);
  g_autoptr (PimJwk) pub = pim_jwk_get_public (key);

  return pub != NULL ? pim_jwk_to_json (pub, FALSE) : pim_jwk_to_json (key, TRUE);
}

static void
check_proof (const char *proof, const char *signed_by, gboolean tampered, gboolean with_token)
{
  g_autoptr (PimDPoPProofValidator) validator = pim_dpop_proof_validator_new ();
  const char *token = with_token ? ACCESS_TOKEN : NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) again_error = NULL;
  g_autoptr (PimDPoPProof) result = NULL;
  g_autoptr (PimDPoPProof) again = NULL;
  g_autofree char *got_htu = NULL;
  g_autofree char *want_htu = NULL;
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autoptr (JsonObject) cnf = json_object_new ();
  g_autoptr (GError) bind_error = NULL;

  pim_dpop_proof_validator_set_now (validator, NOW);
  g_object_set (validator, "replay-cache-size", 4, NULL);
  result = pim_dpop_proof_validator_validate (validator, proof, HTM, HTU, token, &error);
  pim_fuzz_assert ((result == NULL) == (error != NULL), "validate: a proof xor an error");
  pim_fuzz_check_error (error);
  if (error != NULL)
    pim_fuzz_assert (error->domain == PIM_DPOP_ERROR, "an error outside the DPoP domain");
  if (result == NULL)
    return;

  pim_fuzz_assert (!tampered, "a tampered proof was accepted");
  pim_fuzz_assert (g_strcmp0 (signed_by, "fuzz-hs256") != 0, "an HS256 proof was accepted");
  pim_fuzz_assert (strcmp (pim_dpop_proof_get_htm (result), HTM) == 0, "htm not the request's");
  got_htu = pim_dpop_normalize_htu (pim_dpop_proof_get_htu (result));
  want_htu = pim_dpop_normalize_htu (HTU);
  pim_fuzz_assert (got_htu != NULL && strcmp (got_htu, want_htu) == 0, "htu not the request's");
  pim_fuzz_assert (pim_dpop_proof_get_issued_at (result) >= NOW - 60 &&
                       pim_dpop_proof_get_issued_at (result) <= NOW + 5,
                   "iat out of the window");
  pim_fuzz_assert (!pim_jwk_is_private (pim_dpop_proof_get_key (result)), "a private jwk");
  pim_fuzz_assert (pim_dpop_proof_get_jti (result)[0] != '\0', "an empty jti");
  if (signed_by != NULL)
    {
      g_autoptr (PimJwk) pub = pim_jwk_get_public (pim_fuzz_get_signing_key (signed_by));

      pim_fuzz_assert (strcmp (pim_dpop_proof_get_jkt (result), pim_jwk_get_thumbprint (pub)) == 0,
                       "accepted with another key than the one that signed");
    }

  /* A replay is refused. */
  again = pim_dpop_proof_validator_validate (validator, proof, HTM, HTU, token, &again_error);
  pim_fuzz_assert (again == NULL, "a replay was accepted");
  pim_fuzz_assert (g_error_matches (again_error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_REPLAYED) ||
                       g_error_matches (again_error, PIM_DPOP_ERROR,
                                        PIM_DPOP_ERROR_IAT_OUT_OF_WINDOW),
                   "a replay refused for another reason");

  /* cnf.jkt: its own thumbprint binds, another does not. */
  json_object_set_string_member (cnf, "jkt", pim_dpop_proof_get_jkt (result));
  json_object_set_object_member (claims, "cnf", json_object_ref (cnf));
  pim_fuzz_assert (pim_token_binding_check_jkt (claims, pim_dpop_proof_get_jkt (result), NULL),
                   "its own thumbprint does not bind");
  pim_fuzz_assert (!pim_token_binding_check_jkt (claims, "x", &bind_error),
                   "another thumbprint binds");
  pim_fuzz_check_error (bind_error);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  PimFuzzInput in = { data, size };
  guint8       first;
  guint8       mode;
  gboolean     with_token;

  pim_fuzz_init ();

  first = pim_fuzz_take_byte (&in);
  mode = first % 4;
  with_token = (first & 0x4) != 0;
  if (mode == 0)
    {
      g_autofree char *proof = pim_fuzz_take_rest_string (&in);

      check_proof (proof, NULL, FALSE, with_token);
    }
  else
    {
      const char      *kid = kids[pim_fuzz_take_byte (&in) % G_N_ELEMENTS (kids)];
      PimJwk          *key = pim_fuzz_get_signing_key (kid);
      const char      *alg = pim_jwk_get_algorithm (key);
      guint32          where = mode == 3 ? pim_fuzz_take_u32 (&in) : 0;
      guint8           with = mode == 3 ? pim_fuzz_take_byte (&in) : 0;
      g_autofree char *jwk = jwk_json (kid);
      g_autofree char *header = NULL;
      g_autofree char *token = NULL;
      gboolean         tampered = FALSE;

      if (mode == 1)
        {
          g_autofree char *rest = pim_fuzz_take_string (&in, 2048);

          header = g_strconcat ("{\"typ\":\"dpop+jwt\",\"jwk\":", jwk, rest, NULL);
        }
      else
        header = g_strdup_printf ("{\"alg\":\"%s\",\"typ\":\"dpop+jwt\",\"jwk\":%s}", alg, jwk);
      token =
          pim_fuzz_sign_raw (kid, alg, (const guint8 *) header, strlen (header), in.data, in.size);
      pim_fuzz_assert (token != NULL, "a fuzzing key could not sign");
      if (mode == 3)
        {
          gsize at = where % strlen (token);

          tampered = token[at] != (char) with && with != '\0';
          if (with != '\0')
            token[at] = (char) with;
        }
      check_proof (token, kid, tampered, with_token);
    }
  return 0;
}
