/* dpop-validation-test.c: PimDPoPProofValidator (RFC 9449) and the cnf
 * binding checks (cnf.jkt, RFC 9449 §6; cnf.x5t#S256, RFC 8705 §3.1),
 * with proofs built here by pim/jose (every malformed one included), and
 * a DPoP-bound access token from the real provider
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-token-validation-private.h"
#include "pim-crypto-private.h"
#include "pim-dpop-proof-validator-private.h"
#include "pim-http-private.h"
#include "pim-test-async.h"
#include "pim-test-provider.h"
#include "pim-test-server.h"

#define NOW  1790000000
#define HTM  "POST"
#define HTU  "https://api.example/resource"
#define HTU2 "https://api.example/other"

static PimJwk *es256_key;
static PimJwk *es256_other;
static PimJwk *rs256_key;
static PimJwk *ps256_key;
static PimJwk *eddsa_key;

/* ---- Building proofs ---- */

static JsonObject *
proof_claims (const char *jti, const char *htm, const char *htu, gint64 iat)
{
  JsonObject *claims = json_object_new ();

  if (jti != NULL)
    json_object_set_string_member (claims, "jti", jti);
  if (htm != NULL)
    json_object_set_string_member (claims, "htm", htm);
  if (htu != NULL)
    json_object_set_string_member (claims, "htu", htu);
  if (iat != 0)
    json_object_set_int_member (claims, "iat", iat);
  return claims;
}

/* The header of a proof by @key: typ dpop+jwt and @key's public JWK. */
static JsonObject *
proof_header (PimJwk *key)
{
  JsonObject *header = json_object_new ();
  g_autoptr (PimJwk) pub = pim_jwk_get_public (key);

  json_object_set_string_member (header, "typ", "dpop+jwt");
  json_object_set_object_member (header, "jwk", pim_jwk_to_object (pub, FALSE));
  return header;
}

static char *
sign_proof (PimJwk *key, const char *alg, JsonObject *header, JsonObject *claims)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *payload = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  char *token;

  json_node_set_object (node, claims);
  payload = json_to_string (node, FALSE);
  bytes = g_bytes_new (payload, strlen (payload));
  token = pim_jws_sign (bytes, key, alg, header, &error);
  g_assert_no_error (error);
  return token;
}

/* A good proof by @key for (@htm, @htu) at @iat with @jti. */
static char *
make_proof (PimJwk     *key,
            const char *alg,
            const char *jti,
            const char *htm,
            const char *htu,
            gint64      iat)
{
  g_autoptr (JsonObject) header = proof_header (key);
  g_autoptr (JsonObject) claims = proof_claims (jti, htm, htu, iat);

  return sign_proof (key, alg, header, claims);
}

static char *
b64_json (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);
  return pim_base64url_encode ((const guint8 *) text, strlen (text));
}

static char *
ath_of (const char *token)
{
  guint8 hash[64];
  gsize  len = pim_crypto_digest (PIM_DIGEST_SHA256, (const guint8 *) token, strlen (token), hash);

  return pim_base64url_encode (hash, len);
}

static PimDPoPProofValidator *
new_validator (void)
{
  PimDPoPProofValidator *validator = pim_dpop_proof_validator_new ();

  pim_dpop_proof_validator_set_now (validator, NOW);
  return validator;
}

static void
assert_refused (PimDPoPProofValidator *validator,
                const char            *proof,
                const char            *htm,
                const char            *htu,
                const char            *access_token,
                PimDPoPError           code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPProof) result =
      pim_dpop_proof_validator_validate (validator, proof, htm, htu, access_token, &error);

  g_assert_null (result);
  g_assert_error (error, PIM_DPOP_ERROR, (gint) code);
  /* Messages never quote the proof. */
  if (strlen (proof) > 8)
    g_assert_null (strstr (error->message, proof));
}

static PimDPoPProof *
assert_accepted (PimDPoPProofValidator *validator,
                 const char            *proof,
                 const char            *htm,
                 const char            *htu,
                 const char            *access_token)
{
  g_autoptr (GError) error = NULL;
  PimDPoPProof *result =
      pim_dpop_proof_validator_validate (validator, proof, htm, htu, access_token, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* ---- Accepted proofs ---- */

static void
test_valid_algorithms (void)
{
  struct
  {
    PimJwk    **key;
    const char *alg;
  } cases[] = {
    { &es256_key, "ES256" },
    { &rs256_key, "RS256" },
    { &ps256_key, "PS256" },
    { &eddsa_key, "EdDSA" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PimDPoPProofValidator) validator = new_validator ();
      g_autofree char *jti = g_strdup_printf ("jti-%" G_GSIZE_FORMAT, i);
      g_autofree char *proof = make_proof (*cases[i].key, cases[i].alg, jti, HTM, HTU, NOW - 3);
      g_autoptr (PimDPoPProof) result = assert_accepted (validator, proof, HTM, HTU, NULL);
      g_autoptr (PimJwk) pub = pim_jwk_get_public (*cases[i].key);
      g_autofree char *htu = NULL;
      gint64           iat = 0;

      g_assert_cmpstr (pim_dpop_proof_get_jkt (result), ==, pim_jwk_get_thumbprint (pub));
      g_assert_cmpstr (pim_dpop_proof_get_jti (result), ==, jti);
      g_assert_cmpstr (pim_dpop_proof_get_htm (result), ==, HTM);
      g_assert_cmpstr (pim_dpop_proof_get_htu (result), ==, HTU);
      g_assert_cmpint (pim_dpop_proof_get_issued_at (result), ==, NOW - 3);
      g_assert_cmpstr (pim_dpop_proof_get_algorithm (result), ==, cases[i].alg);
      g_assert_null (pim_dpop_proof_get_nonce (result));
      g_assert_false (pim_jwk_is_private (pim_dpop_proof_get_key (result)));
      g_assert_cmpstr (pim_jwk_get_thumbprint (pim_dpop_proof_get_key (result)), ==,
                       pim_jwk_get_thumbprint (pub));
      g_object_get (result, "htu", &htu, "issued-at", &iat, NULL);
      g_assert_cmpstr (htu, ==, HTU);
      g_assert_cmpint (iat, ==, NOW - 3);
    }
}

static void
test_defaults (void)
{
  g_autoptr (PimDPoPProofValidator) validator = pim_dpop_proof_validator_new ();
  const char *const *algs = pim_dpop_proof_validator_get_allowed_algs (validator);
  g_autofree char   *joined = g_strjoinv (" ", (char **) algs);

  g_assert_cmpstr (joined, ==, "ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512 EdDSA");
  g_assert_cmpuint (pim_dpop_proof_validator_get_max_age (validator), ==, 60);
  g_assert_cmpuint (pim_dpop_proof_validator_get_clock_skew (validator), ==, 5);
  g_assert_cmpuint (pim_dpop_proof_validator_get_replay_cache_size (validator), ==, 10000);
  g_assert_false (pim_dpop_proof_validator_get_require_nonce (validator));
  g_assert_cmpuint (pim_dpop_proof_validator_get_nonce_lifetime (validator), ==, 300);
}

/* HS* and none can never be allowed; the setting stays as it was. */
static void
test_allowed_algs_setting (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  const char *const es_only[] = { "ES256", NULL };
  const char *const with_hs[] = { "ES256", "HS256", NULL };
  const char *const with_none[] = { "none", NULL };
  g_autofree char  *rs_proof = make_proof (rs256_key, "RS256", "a", HTM, HTU, NOW);
  g_autofree char  *es_proof = make_proof (es256_key, "ES256", "b", HTM, HTU, NOW);
  g_autoptr (PimDPoPProof) accepted = NULL;

  g_object_set (validator, "allowed-algs", es_only, NULL);
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*HS256*not allowed*");
  pim_dpop_proof_validator_set_allowed_algs (validator, with_hs);
  g_test_assert_expected_messages ();
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*none*not allowed*");
  pim_dpop_proof_validator_set_allowed_algs (validator, with_none);
  g_test_assert_expected_messages ();
  g_assert_cmpstrv (pim_dpop_proof_validator_get_allowed_algs (validator), es_only);

  assert_refused (validator, rs_proof, HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
  accepted = assert_accepted (validator, es_proof, HTM, HTU, NULL);

  pim_dpop_proof_validator_set_allowed_algs (validator, NULL);
  g_assert_cmpuint (g_strv_length ((char **) pim_dpop_proof_validator_get_allowed_algs (validator)),
                    ==, 10);
}

/* ---- Refused proofs: the form ---- */

static void
test_typ (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  const char *bad[] = { NULL, "JWT", "at+jwt", "dpop", "dpop+jwt ", "" };
  const char *good[] = { "DPoP+JWT", "application/dpop+jwt" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (JsonObject) header = proof_header (es256_key);
      g_autoptr (JsonObject) claims = proof_claims ("typ-bad", HTM, HTU, NOW);
      g_autofree char *proof = NULL;

      if (bad[i] == NULL)
        json_object_remove_member (header, "typ");
      else
        json_object_set_string_member (header, "typ", bad[i]);
      proof = sign_proof (es256_key, "ES256", header, claims);
      assert_refused (validator, proof, HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
    }
  /* Media types compare case-insensitively, "application/" optional
   * (RFC 7515 §4.1.9). */
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (JsonObject) header = proof_header (es256_key);
      g_autofree char *jti = g_strdup_printf ("typ-good-%" G_GSIZE_FORMAT, i);
      g_autoptr (JsonObject) claims = proof_claims (jti, HTM, HTU, NOW);
      g_autofree char *proof = NULL;
      g_autoptr (PimDPoPProof) result = NULL;

      json_object_set_string_member (header, "typ", good[i]);
      proof = sign_proof (es256_key, "ES256", header, claims);
      result = assert_accepted (validator, proof, HTM, HTU, NULL);
    }
}

static void
test_alg_none (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  g_autoptr (JsonObject) header = proof_header (es256_key);
  g_autoptr (JsonObject) claims = proof_claims ("none", HTM, HTU, NOW);
  g_autofree char *h = NULL;
  g_autofree char *p = b64_json (claims);
  g_autofree char *unsigned_proof = NULL;
  g_autofree char *with_signature = NULL;
  g_autofree char *signed_proof = make_proof (es256_key, "ES256", "none", HTM, HTU, NOW);

  json_object_set_string_member (header, "alg", "none");
  h = b64_json (header);
  unsigned_proof = g_strconcat (h, ".", p, ".", NULL);
  /* A real ES256 signature, the header switched to none. */
  with_signature = g_strconcat (h, ".", p, strrchr (signed_proof, '.'), NULL);
  assert_refused (validator, unsigned_proof, HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
  assert_refused (validator, with_signature, HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
}

/* An HS256 proof whose "jwk" is the oct secret it is signed with: anyone
 * could make one. Refused even when the algorithm list is forced. */
static void
test_alg_hs256 (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) secret = pim_jwk_generate ("HS256", &error);
  g_autoptr (JsonObject) header = json_object_new ();
  g_autoptr (JsonObject) claims = proof_claims ("hs", HTM, HTU, NOW);
  g_autofree char *proof = NULL;

  g_assert_no_error (error);
  json_object_set_string_member (header, "typ", "dpop+jwt");
  json_object_set_object_member (header, "jwk", pim_jwk_to_object (secret, TRUE));
  proof = sign_proof (secret, "HS256", header, claims);
  assert_refused (validator, proof, HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
}

static void
test_private_jwk (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  PimJwk     *keys[] = { es256_key, rs256_key, eddsa_key };
  const char *algs[] = { "ES256", "RS256", "EdDSA" };

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr (JsonObject) header = json_object_new ();
      g_autoptr (JsonObject) claims = proof_claims ("private", HTM, HTU, NOW);
      g_autoptr (JsonObject) jwk = pim_jwk_to_object (keys[i], TRUE);
      g_autofree char *proof = NULL;

      g_assert_true (json_object_has_member (jwk, "d"));
      json_object_set_string_member (header, "typ", "dpop+jwt");
      json_object_set_object_member (header, "jwk", g_steal_pointer (&jwk));
      proof = sign_proof (keys[i], algs[i], header, claims);
      assert_refused (validator, proof, HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
    }
}

static void
test_bad_jwk (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  g_autoptr (JsonObject) claims = proof_claims ("jwk", HTM, HTU, NOW);
  g_autoptr (JsonObject) no_jwk = proof_header (es256_key);
  g_autoptr (JsonObject) string_jwk = proof_header (es256_key);
  g_autoptr (JsonObject) junk_jwk = proof_header (es256_key);
  g_autoptr (JsonObject) junk = json_object_new ();
  g_autoptr (JsonObject) other_key = proof_header (es256_other);
  g_autoptr (JsonObject) wrong_type = proof_header (rs256_key);
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL, *p4 = NULL, *p5 = NULL;

  json_object_remove_member (no_jwk, "jwk");
  json_object_set_string_member (string_jwk, "jwk", "{}");
  json_object_set_string_member (junk, "kty", "EC");
  json_object_set_object_member (junk_jwk, "jwk", g_steal_pointer (&junk));
  p1 = sign_proof (es256_key, "ES256", no_jwk, claims);
  p2 = sign_proof (es256_key, "ES256", string_jwk, claims);
  p3 = sign_proof (es256_key, "ES256", junk_jwk, claims);
  /* Signed by another key than the embedded one. */
  p4 = sign_proof (es256_key, "ES256", other_key, claims);
  /* An RSA jwk on an ES256 proof. */
  p5 = sign_proof (es256_key, "ES256", wrong_type, claims);
  assert_refused (validator, p1, HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
  assert_refused (validator, p2, HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
  assert_refused (validator, p3, HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
  assert_refused (validator, p4, HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
  assert_refused (validator, p5, HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
}

static void
test_not_a_jwt (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  g_autofree char *good = make_proof (es256_key, "ES256", "x", HTM, HTU, NOW);
  g_autofree char *tampered = g_strdup (good);
  g_autofree char *huge = g_strnfill (20000, 'a');
  const char      *junk[] = { "", "a.b", "a.b.c.d", "....", "eyJ9.e30.AA", huge };

  for (gsize i = 0; i < G_N_ELEMENTS (junk); i++)
    assert_refused (validator, junk[i], HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
  /* One payload character changed: the signature no longer verifies. */
  tampered[strchr (tampered, '.') - tampered + 5] ^= 1;
  assert_refused (validator, tampered, HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
}

static void
test_missing_claims (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  struct
  {
    const char *jti, *htm, *htu;
    gint64      iat;
  } cases[] = {
    { NULL, HTM, HTU, NOW }, { "", HTM, HTU, NOW }, { "m", NULL, HTU, NOW },
    { "m", HTM, NULL, NOW }, { "m", HTM, HTU, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *proof =
          make_proof (es256_key, "ES256", cases[i].jti, cases[i].htm, cases[i].htu, cases[i].iat);

      assert_refused (validator, proof, HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
    }
  /* Claims of the wrong type. */
  {
    g_autoptr (JsonObject) header = proof_header (es256_key);
    g_autoptr (JsonObject) claims = proof_claims (NULL, HTM, HTU, NOW);
    g_autofree char *proof = NULL;

    json_object_set_int_member (claims, "jti", 7);
    proof = sign_proof (es256_key, "ES256", header, claims);
    assert_refused (validator, proof, HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
  }
  {
    g_autoptr (JsonObject) header = proof_header (es256_key);
    g_autoptr (JsonObject) claims = proof_claims ("t", HTM, HTU, 0);
    g_autofree char *proof = NULL;

    json_object_set_string_member (claims, "iat", "1790000000");
    proof = sign_proof (es256_key, "ES256", header, claims);
    assert_refused (validator, proof, HTM, HTU, NULL, PIM_DPOP_ERROR_INVALID_PROOF);
  }
}

/* ---- htm, htu ---- */

static void
test_htm (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  g_autofree char *post = make_proof (es256_key, "ES256", "htm1", "POST", HTU, NOW);
  g_autofree char *lower = make_proof (es256_key, "ES256", "htm2", "get", HTU, NOW);
  g_autoptr (PimDPoPProof) ok = NULL;

  assert_refused (validator, post, "GET", HTU, NULL, PIM_DPOP_ERROR_HTM_MISMATCH);
  /* Methods are case-sensitive (RFC 9110 §9.1). */
  assert_refused (validator, lower, "GET", HTU, NULL, PIM_DPOP_ERROR_HTM_MISMATCH);
  /* Refusals did not enter the replay cache: the same proof passes. */
  ok = assert_accepted (validator, post, "POST", HTU, NULL);
  assert_refused (validator, "x", "", HTU, NULL, PIM_DPOP_ERROR_INVALID_ARGUMENT);
}

static void
test_htu (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  struct
  {
    const char *claim;
    const char *request;
    gboolean    match;
  } cases[] = {
    { HTU, HTU2, FALSE },
    { HTU, "https://api.example/resource/", FALSE },
    { HTU, "https://other.example/resource", FALSE },
    { HTU, "http://api.example/resource", FALSE },
    { HTU, "https://api.example:8443/resource", FALSE },
    { "https://api.example:8443/resource", HTU, FALSE },
    { "https://user@api.example/resource", HTU, FALSE },
    { "/resource", HTU, FALSE },
    { "ftp://api.example/resource", "https://api.example/resource", FALSE },
    { "https://api.example/RESOURCE", HTU, FALSE },
    /* Query and fragment are ignored, on either side. */
    { HTU, "https://api.example/resource?a=1&b=2", TRUE },
    { "https://api.example/resource?other=3", HTU, TRUE },
    { "https://api.example/resource#frag", HTU, TRUE },
    { HTU "?q#f", HTU "?r", TRUE },
    /* Normalization (RFC 3986 §6.2.2, §6.2.3). */
    { "HTTPS://API.Example/resource", HTU, TRUE },
    { "https://api.example:443/resource", HTU, TRUE },
    { HTU, "https://api.example:443/resource", TRUE },
    { "http://api.example:80", "http://api.example/", TRUE },
    { "https://api.example/a/../resource", HTU, TRUE },
    { "https://api.example/%72esource", HTU, TRUE },
    { "https://api.example/x%2fy", "https://api.example/x%2Fy", TRUE },
    { "https://api.example/x%2Fy", "https://api.example/x/y", FALSE },
    { "https://[::1]:8443/r", "https://[::1]:8443/r", TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *jti = g_strdup_printf ("htu-%" G_GSIZE_FORMAT, i);
      g_autofree char *proof = make_proof (es256_key, "ES256", jti, HTM, cases[i].claim, NOW);

      g_test_message ("htu %s, request %s", cases[i].claim, cases[i].request);
      if (cases[i].match)
        g_object_unref (assert_accepted (validator, proof, HTM, cases[i].request, NULL));
      else
        assert_refused (validator, proof, HTM, cases[i].request, NULL, PIM_DPOP_ERROR_HTU_MISMATCH);
    }
  /* The caller's URI must be absolute http(s). */
  assert_refused (validator, "x", HTM, "/resource", NULL, PIM_DPOP_ERROR_INVALID_ARGUMENT);
  assert_refused (validator, "x", HTM, "urn:x", NULL, PIM_DPOP_ERROR_INVALID_ARGUMENT);
}

/* ---- iat ---- */

static void
test_iat_window (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  struct
  {
    gint64   iat;
    gboolean ok;
  } cases[] = {
    { NOW - 61, FALSE }, { NOW - 60, TRUE },    { NOW, TRUE },         { NOW + 5, TRUE },
    { NOW + 6, FALSE },  { NOW - 3600, FALSE }, { NOW + 3600, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *jti = g_strdup_printf ("iat-%" G_GSIZE_FORMAT, i);
      g_autofree char *proof = make_proof (es256_key, "ES256", jti, HTM, HTU, cases[i].iat);

      if (cases[i].ok)
        g_object_unref (assert_accepted (validator, proof, HTM, HTU, NULL));
      else
        assert_refused (validator, proof, HTM, HTU, NULL, PIM_DPOP_ERROR_IAT_OUT_OF_WINDOW);
    }

  /* A wider window. */
  g_object_set (validator, "max-age", 600, "clock-skew", 0, NULL);
  {
    g_autofree char *old = make_proof (es256_key, "ES256", "old", HTM, HTU, NOW - 599);
    g_autofree char *ahead = make_proof (es256_key, "ES256", "ahead", HTM, HTU, NOW + 1);

    g_object_unref (assert_accepted (validator, old, HTM, HTU, NULL));
    assert_refused (validator, ahead, HTM, HTU, NULL, PIM_DPOP_ERROR_IAT_OUT_OF_WINDOW);
  }
}

/* ---- Replays ---- */

static void
test_replay (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  g_autofree char *proof = make_proof (es256_key, "ES256", "once", HTM, HTU, NOW);
  g_autofree char *again = make_proof (es256_key, "ES256", "once", HTM, HTU, NOW - 1);
  g_autofree char *other_jti = make_proof (es256_key, "ES256", "twice", HTM, HTU, NOW);
  g_autofree char *other_key = make_proof (es256_other, "ES256", "once", HTM, HTU, NOW);
  g_autofree char *later = make_proof (es256_key, "ES256", "once", HTM, HTU, NOW + 61);

  g_object_unref (assert_accepted (validator, proof, HTM, HTU, NULL));
  assert_refused (validator, proof, HTM, HTU, NULL, PIM_DPOP_ERROR_REPLAYED);
  /* Another proof with the same key and jti is a replay too. */
  assert_refused (validator, again, HTM, HTU, NULL, PIM_DPOP_ERROR_REPLAYED);
  g_object_unref (assert_accepted (validator, other_jti, HTM, HTU, NULL));
  /* The cache is per key: another key may use the same jti. */
  g_object_unref (assert_accepted (validator, other_key, HTM, HTU, NULL));
  g_assert_cmpuint (pim_dpop_proof_validator_get_replay_cache_length (validator), ==, 3);

  /* Once the window has passed, the proof is refused as too old, and its
   * entry has left the cache. */
  pim_dpop_proof_validator_set_now (validator, NOW + 61);
  assert_refused (validator, proof, HTM, HTU, NULL, PIM_DPOP_ERROR_IAT_OUT_OF_WINDOW);
  g_object_unref (assert_accepted (validator, later, HTM, HTU, NULL));
  g_assert_cmpuint (pim_dpop_proof_validator_get_replay_cache_length (validator), ==, 1);
}

/* The cache never holds more than its size; a dropped entry raises the
 * floor so that its proof (and anything as old) is still refused. */
static void
test_replay_cache_bounded (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  g_autoptr (GPtrArray) proofs = g_ptr_array_new_with_free_func (g_free);

  g_object_set (validator, "replay-cache-size", 8, NULL);
  /* 20 proofs, iat NOW-40 .. NOW-21: each accepted. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *jti = g_strdup_printf ("fill-%u", i);
      char            *proof = make_proof (es256_key, "ES256", jti, HTM, HTU, NOW - 40 + i);

      g_ptr_array_add (proofs, proof);
      g_object_unref (assert_accepted (validator, proof, HTM, HTU, NULL));
      g_assert_cmpuint (pim_dpop_proof_validator_get_replay_cache_length (validator), <=, 8);
    }
  g_assert_cmpuint (pim_dpop_proof_validator_get_replay_cache_length (validator), ==, 8);
  /* Every one is still refused: the 8 newest as replays, the others
   * because their iat is at or below the floor. */
  for (guint i = 0; i < 20; i++)
    assert_refused (validator, proofs->pdata[i], HTM, HTU, NULL,
                    i >= 12 ? PIM_DPOP_ERROR_REPLAYED : PIM_DPOP_ERROR_IAT_OUT_OF_WINDOW);
  /* A fresh proof newer than the floor is still accepted. */
  {
    g_autofree char *fresh = make_proof (es256_key, "ES256", "fresh", HTM, HTU, NOW);
    g_autofree char *at_floor = make_proof (es256_key, "ES256", "floor", HTM, HTU, NOW - 40 + 12);

    g_object_unref (assert_accepted (validator, fresh, HTM, HTU, NULL));
    assert_refused (validator, at_floor, HTM, HTU, NULL, PIM_DPOP_ERROR_IAT_OUT_OF_WINDOW);
  }
  g_assert_cmpuint (pim_dpop_proof_validator_get_replay_cache_length (validator), ==, 8);

  /* Shrinking the cache drops entries at once. */
  g_object_set (validator, "replay-cache-size", 2, NULL);
  g_assert_cmpuint (pim_dpop_proof_validator_get_replay_cache_length (validator), ==, 2);
}

/* 8 threads: each validates its own proofs and the one shared proof;
 * exactly one thread gets the shared proof accepted. */
#define N_THREADS  8
#define PER_THREAD 20

typedef struct
{
  PimDPoPProofValidator *validator;
  const char            *shared;
  GPtrArray             *own;
  gint                  *shared_accepted;
  gint                  *own_accepted;
  gint                  *replayed;
} ThreadData;

static gpointer
validate_thread (gpointer user_data)
{
  ThreadData *data = user_data;

  for (guint i = 0; i < data->own->len; i++)
    {
      g_autoptr (PimDPoPProof) proof =
          pim_dpop_proof_validator_validate (data->validator, data->own->pdata[i], HTM, HTU, NULL,
                                             NULL);

      if (proof != NULL)
        g_atomic_int_inc (data->own_accepted);
      if (i == PER_THREAD / 2)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (PimDPoPProof) shared =
              pim_dpop_proof_validator_validate (data->validator, data->shared, HTM, HTU, NULL,
                                                 &error);

          if (shared != NULL)
            g_atomic_int_inc (data->shared_accepted);
          else if (g_error_matches (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_REPLAYED))
            g_atomic_int_inc (data->replayed);
        }
    }
  return NULL;
}

static void
test_concurrency (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  g_autofree char *shared = make_proof (es256_key, "ES256", "shared", HTM, HTU, NOW);
  ThreadData       data[N_THREADS];
  GThread         *threads[N_THREADS];
  gint             shared_accepted = 0, own_accepted = 0, replayed = 0;

  for (guint t = 0; t < N_THREADS; t++)
    {
      data[t] =
          (ThreadData){ validator,        shared,        g_ptr_array_new_with_free_func (g_free),
                        &shared_accepted, &own_accepted, &replayed };
      for (guint i = 0; i < PER_THREAD; i++)
        {
          g_autofree char *jti = g_strdup_printf ("t%u-%u", t, i);

          g_ptr_array_add (data[t].own, make_proof (es256_key, "ES256", jti, HTM, HTU, NOW));
        }
    }
  for (guint t = 0; t < N_THREADS; t++)
    threads[t] = g_thread_new ("validate", validate_thread, &data[t]);
  for (guint t = 0; t < N_THREADS; t++)
    {
      g_thread_join (threads[t]);
      g_ptr_array_unref (data[t].own);
    }
  g_assert_cmpint (shared_accepted, ==, 1);
  g_assert_cmpint (replayed, ==, N_THREADS - 1);
  g_assert_cmpint (own_accepted, ==, N_THREADS * PER_THREAD);
  g_assert_cmpuint (pim_dpop_proof_validator_get_replay_cache_length (validator), ==,
                    N_THREADS * PER_THREAD + 1);
}

/* ---- ath ---- */

static void
test_ath (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  const char      *token = "an-access-token";
  g_autofree char *ath = ath_of (token);
  g_autofree char *other_ath = ath_of ("another-token");
  g_autoptr (JsonObject) header = proof_header (es256_key);
  g_autoptr (JsonObject) with_ath = proof_claims ("ath1", HTM, HTU, NOW);
  g_autoptr (JsonObject) with_other = proof_claims ("ath2", HTM, HTU, NOW);
  g_autoptr (JsonObject) with_number = proof_claims ("ath3", HTM, HTU, NOW);
  g_autofree char *good = NULL, *other = NULL, *number = NULL;
  g_autofree char *none = make_proof (es256_key, "ES256", "ath4", HTM, HTU, NOW);

  json_object_set_string_member (with_ath, "ath", ath);
  json_object_set_string_member (with_other, "ath", other_ath);
  json_object_set_int_member (with_number, "ath", 1);
  good = sign_proof (es256_key, "ES256", header, with_ath);
  other = sign_proof (es256_key, "ES256", header, with_other);
  number = sign_proof (es256_key, "ES256", header, with_number);

  assert_refused (validator, none, HTM, HTU, token, PIM_DPOP_ERROR_ATH_MISMATCH);
  assert_refused (validator, other, HTM, HTU, token, PIM_DPOP_ERROR_ATH_MISMATCH);
  assert_refused (validator, number, HTM, HTU, token, PIM_DPOP_ERROR_ATH_MISMATCH);
  assert_refused (validator, good, HTM, HTU, "an-access-tokeN", PIM_DPOP_ERROR_ATH_MISMATCH);
  g_object_unref (assert_accepted (validator, good, HTM, HTU, token));
  /* Without a token (a token endpoint request), ath is not looked at. */
  g_object_unref (assert_accepted (validator, none, HTM, HTU, NULL));
}

/* ---- Nonces ---- */

static char *
proof_with_nonce (const char *jti, const char *nonce)
{
  g_autoptr (JsonObject) header = proof_header (es256_key);
  g_autoptr (JsonObject) claims = proof_claims (jti, HTM, HTU, NOW);

  if (nonce != NULL)
    json_object_set_string_member (claims, "nonce", nonce);
  return sign_proof (es256_key, "ES256", header, claims);
}

static void
test_nonce (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  g_autoptr (PimDPoPProofValidator) other_validator = new_validator ();
  g_autofree char *nonce = pim_dpop_proof_validator_issue_nonce (validator);
  g_autofree char *nonce2 = pim_dpop_proof_validator_issue_nonce (validator);
  g_autofree char *foreign = pim_dpop_proof_validator_issue_nonce (other_validator);
  g_autofree char *tampered = g_strdup (nonce);
  g_autofree char *p_none = proof_with_nonce ("n1", NULL);
  g_autofree char *p_good = proof_with_nonce ("n2", nonce);
  g_autofree char *p_foreign = proof_with_nonce ("n3", foreign);
  g_autofree char *p_tampered = NULL;
  g_autofree char *p_junk = proof_with_nonce ("n5", "junk");
  g_autoptr (PimDPoPProof) result = NULL;

  g_assert_cmpstr (nonce, !=, nonce2);
  tampered[3] = tampered[3] == 'A' ? 'B' : 'A';
  p_tampered = proof_with_nonce ("n4", tampered);

  /* Not required: a proof without a nonce passes, one with any nonce too. */
  g_object_unref (assert_accepted (validator, p_none, HTM, HTU, NULL));
  result = assert_accepted (validator, p_junk, HTM, HTU, NULL);
  g_assert_cmpstr (pim_dpop_proof_get_nonce (result), ==, "junk");
  g_clear_object (&result);

  g_object_set (validator, "require-nonce", TRUE, NULL);
  {
    g_autofree char *p_none2 = proof_with_nonce ("n7", NULL);

    assert_refused (validator, p_none2, HTM, HTU, NULL, PIM_DPOP_ERROR_NONCE_REQUIRED);
  }
  assert_refused (validator, p_foreign, HTM, HTU, NULL, PIM_DPOP_ERROR_NONCE_MISMATCH);
  assert_refused (validator, p_tampered, HTM, HTU, NULL, PIM_DPOP_ERROR_NONCE_MISMATCH);
  result = assert_accepted (validator, p_good, HTM, HTU, NULL);
  g_assert_cmpstr (pim_dpop_proof_get_nonce (result), ==, nonce);

  /* A nonce expires after nonce-lifetime (the proof's iat moved along). */
  pim_dpop_proof_validator_set_now (validator, NOW + 301);
  {
    g_autoptr (JsonObject) header = proof_header (es256_key);
    g_autoptr (JsonObject) claims = proof_claims ("n8", HTM, HTU, NOW + 301);
    g_autofree char *proof = NULL;

    json_object_set_string_member (claims, "nonce", nonce2);
    proof = sign_proof (es256_key, "ES256", header, claims);
    assert_refused (validator, proof, HTM, HTU, NULL, PIM_DPOP_ERROR_NONCE_MISMATCH);
  }
  pim_dpop_proof_validator_set_now (validator, NOW + 300);
  {
    g_autoptr (JsonObject) header = proof_header (es256_key);
    g_autoptr (JsonObject) claims = proof_claims ("n9", HTM, HTU, NOW + 300);
    g_autofree char *proof = NULL;

    json_object_set_string_member (claims, "nonce", nonce2);
    proof = sign_proof (es256_key, "ES256", header, claims);
    g_object_unref (assert_accepted (validator, proof, HTM, HTU, NULL));
  }
}

/* ---- cnf.jkt ---- */

static JsonObject *
claims_with_cnf (const char *member, const char *value)
{
  JsonObject *claims = json_object_new ();

  json_object_set_string_member (claims, "sub", "alice");
  if (member != NULL)
    {
      JsonObject *cnf = json_object_new ();

      json_object_set_string_member (cnf, member, value);
      json_object_set_object_member (claims, "cnf", cnf);
    }
  return claims;
}

static void
test_cnf_jkt (void)
{
  g_autoptr (PimJwk) pub = pim_jwk_get_public (es256_key);
  g_autoptr (PimJwk) other_pub = pim_jwk_get_public (es256_other);
  const char *jkt = pim_jwk_get_thumbprint (pub);
  g_autoptr (JsonObject) bound = claims_with_cnf ("jkt", jkt);
  g_autoptr (JsonObject) other = claims_with_cnf ("jkt", pim_jwk_get_thumbprint (other_pub));
  g_autoptr (JsonObject) unbound = claims_with_cnf (NULL, NULL);
  g_autoptr (JsonObject) x5t_only = claims_with_cnf ("x5t#S256", jkt);
  g_autoptr (JsonObject) short_jkt = claims_with_cnf ("jkt", "abc");
  g_autoptr (JsonObject) number_jkt = json_object_new ();
  g_autoptr (JsonObject) cnf_string = json_object_new ();
  g_autoptr (GError) error = NULL;

  json_object_set_object_member (number_jkt, "cnf", json_object_new ());
  json_object_set_int_member (json_object_get_object_member (number_jkt, "cnf"), "jkt", 1);
  json_object_set_string_member (cnf_string, "cnf", jkt);

  g_assert_true (pim_token_binding_check_jkt (bound, jkt, &error));
  g_assert_no_error (error);
  {
    JsonObject *refused[] = { other, unbound, x5t_only, short_jkt, number_jkt, cnf_string };

    for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_assert_false (pim_token_binding_check_jkt (refused[i], jkt, &error));
        g_assert_error (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_KEY_MISMATCH);
        g_assert_null (strstr (error->message, jkt));
        g_clear_error (&error);
      }
  }
}

/* The proof's convenience form, on PimClaims of a token. */
static void
test_proof_check_binding (void)
{
  g_autoptr (PimDPoPProofValidator) validator = new_validator ();
  g_autofree char *proof = make_proof (es256_key, "ES256", "bind", HTM, HTU, NOW);
  g_autoptr (PimDPoPProof) result = assert_accepted (validator, proof, HTM, HTU, NULL);
  g_autoptr (PimJwk) other_pub = pim_jwk_get_public (es256_other);
  g_autoptr (GError) error = NULL;
  struct
  {
    const char *jkt;
    gboolean    ok;
  } cases[] = {
    { pim_dpop_proof_get_jkt (result), TRUE },
    { pim_jwk_get_thumbprint (other_pub), FALSE },
    { NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonObject) claims = claims_with_cnf (cases[i].jkt ? "jkt" : NULL, cases[i].jkt);
      g_autofree char *token = sign_proof (es256_other, "ES256", NULL, claims);
      g_autoptr (PimJwt) jwt = pim_jwt_parse (token, &error);
      g_autoptr (PimClaims) token_claims = NULL;

      g_assert_no_error (error);
      token_claims = pim_claims_new (jwt);
      if (cases[i].ok)
        {
          g_assert_true (pim_dpop_proof_check_binding (result, token_claims, &error));
          g_assert_no_error (error);
        }
      else
        {
          g_assert_false (pim_dpop_proof_check_binding (result, token_claims, &error));
          g_assert_error (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_KEY_MISMATCH);
          g_clear_error (&error);
        }
    }
}

/* ---- cnf.x5t#S256 ---- */

static GTlsCertificate *
load_certificate (const char *name)
{
  g_autofree char *path = g_build_filename (pim_test_server_get_certs_dir (), name, NULL);
  g_autoptr (GError) error = NULL;
  GTlsCertificate *certificate = g_tls_certificate_new_from_file (path, &error);

  g_assert_no_error (error);
  return certificate;
}

static void
test_cnf_x5t (void)
{
  g_autoptr (GTlsCertificate) client = load_certificate ("client.pem");
  g_autoptr (GTlsCertificate) server = load_certificate ("server.pem");
  g_autoptr (GError) error = NULL;
  g_autoptr (GByteArray) der = NULL;
  g_autofree char *thumbprint = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *server_thumbprint = NULL;
  guint8           digest[64];
  gsize            len;

  /* The thumbprint is base64url(SHA-256(DER)), computed independently
   * here with GChecksum. */
  g_object_get (client, "certificate", &der, NULL);
  {
    GChecksum *checksum = g_checksum_new (G_CHECKSUM_SHA256);

    len = sizeof digest;
    g_checksum_update (checksum, der->data, der->len);
    g_checksum_get_digest (checksum, digest, &len);
    g_checksum_free (checksum);
  }
  expected = pim_base64url_encode (digest, len);
  thumbprint = pim_token_binding_compute_certificate_thumbprint (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (thumbprint, ==, expected);
  g_assert_cmpuint (strlen (thumbprint), ==, 43);
  server_thumbprint = pim_token_binding_compute_certificate_thumbprint (server, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (server_thumbprint, !=, thumbprint);

  {
    g_autoptr (JsonObject) bound = claims_with_cnf ("x5t#S256", thumbprint);
    g_autoptr (JsonObject) jkt_only = claims_with_cnf ("jkt", thumbprint);
    g_autoptr (JsonObject) unbound = claims_with_cnf (NULL, NULL);
    g_autoptr (JsonObject) padded = NULL;
    g_autofree char *with_pad = g_strconcat (thumbprint, "=", NULL);

    padded = claims_with_cnf ("x5t#S256", with_pad);
    g_assert_true (pim_token_binding_check_certificate (bound, client, &error));
    g_assert_no_error (error);
    g_assert_false (pim_token_binding_check_certificate (bound, server, &error));
    g_assert_error (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_CERTIFICATE_MISMATCH);
    g_assert_null (strstr (error->message, thumbprint));
    g_clear_error (&error);
    g_assert_false (pim_token_binding_check_certificate (jkt_only, client, &error));
    g_assert_error (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_CERTIFICATE_MISMATCH);
    g_clear_error (&error);
    g_assert_false (pim_token_binding_check_certificate (unbound, client, &error));
    g_assert_error (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_CERTIFICATE_MISMATCH);
    g_clear_error (&error);
    g_assert_false (pim_token_binding_check_certificate (padded, client, &error));
    g_assert_error (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_CERTIFICATE_MISMATCH);
    g_clear_error (&error);
  }
}

/* ---- The real provider: a DPoP-bound JWT access token ---- */

/* A client-credentials token for the JWT resource, bound to @key by a
 * DPoP proof for the token endpoint. */
static char *
provider_dpop_token (PimJwk *key, const char *resource, char **token_type)
{
  const char      *issuer = pim_test_provider_get_issuer (pim_test_provider_get_shared ());
  g_autofree char *uri = g_strconcat (issuer, "/token", NULL);
  g_autoptr (PimHttpRequest) request = pim_http_request_new ("POST", uri);
  g_autofree char *basic = g_base64_encode ((const guchar *) "pim-basic:pim-basic-secret", 26);
  g_autofree char *authorization = g_strconcat ("Basic ", basic, NULL);
  g_autofree char *jti = NULL;
  g_autofree char *proof = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpResponse) response = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *object;
  guint8      random[16];

  g_assert_true (pim_crypto_random_bytes (random, sizeof random, NULL));
  jti = pim_base64url_encode (random, sizeof random);
  proof = make_proof (key, "ES256", jti, "POST", uri, g_get_real_time () / G_USEC_PER_SEC);
  pim_http_request_add_form_param (request, "grant_type", "client_credentials");
  pim_http_request_add_form_param (request, "resource", resource);
  pim_http_request_add_form_param (request, "scope", "api:read");
  pim_http_request_add_header (request, "Authorization", authorization);
  pim_http_request_add_header (request, "DPoP", proof);
  response = pim_http_client_send (NULL, request, NULL, &error);
  g_assert_no_error (error);
  node = pim_http_response_parse_json (response, &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_true (json_object_has_member (object, "access_token"));
  *token_type = g_strdup (json_object_get_string_member (object, "token_type"));
  return g_strdup (json_object_get_string_member (object, "access_token"));
}

static PimClaims *
validate_access_token (const char *token, PimTestMode mode)
{
  const char *issuer = pim_test_provider_get_issuer (pim_test_provider_get_shared ());
  g_autoptr (PimTokenValidationParameters) p =
      pim_token_validation_parameters_new (issuer, PIM_TEST_RESOURCE_JWT);
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  PimClaims *claims;

  g_object_set (p, "expected-type", "at+jwt", NULL);
  if (mode == PIM_TEST_SYNC)
    claims = pim_validate_token (token, p, NULL, NULL, &error);
  else
    {
      pim_validate_token_async (token, p, NULL, NULL, pim_test_store_result, &result);
      pim_test_wait_result (&result);
      claims = pim_validate_token_finish (result, &error);
    }
  g_assert_no_error (error);
  return claims;
}

static void
test_provider_binding (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *token_type = NULL;
  g_autofree char *token = provider_dpop_token (es256_key, PIM_TEST_RESOURCE_JWT, &token_type);
  g_autoptr (PimClaims) claims = validate_access_token (token, mode);
  g_autoptr (PimDPoPProofValidator) validator = pim_dpop_proof_validator_new ();
  g_autoptr (PimJwk) pub = pim_jwk_get_public (es256_key);
  gint64           now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *ath = ath_of (token);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPProof) proof = NULL;
  g_autoptr (PimDPoPProof) other_proof = NULL;

  g_assert_cmpstr (token_type, ==, "DPoP");
  /* The provider bound the token to the key. */
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (pim_claims_get_json (claims), "cnf"), "jkt"),
                   ==, pim_jwk_get_thumbprint (pub));

  /* The resource server's side: a proof for its request with ath. */
  {
    g_autoptr (JsonObject) header = proof_header (es256_key);
    g_autoptr (JsonObject) proof_claims_ = proof_claims ("rs-1", "GET", HTU, now);
    g_autofree char *text = NULL;

    json_object_set_string_member (proof_claims_, "ath", ath);
    text = sign_proof (es256_key, "ES256", header, proof_claims_);
    proof =
        pim_dpop_proof_validator_validate (validator, text, "GET", HTU "?page=2", token, &error);
    g_assert_no_error (error);
  }
  g_assert_true (pim_dpop_proof_check_binding (proof, claims, &error));
  g_assert_no_error (error);

  /* The stolen token presented with a proof by another key: the proof
   * itself is fine (and carries the token's ath), the binding is not. */
  {
    g_autoptr (JsonObject) header = proof_header (es256_other);
    g_autoptr (JsonObject) proof_claims_ = proof_claims ("rs-2", "GET", HTU, now);
    g_autofree char *text = NULL;

    json_object_set_string_member (proof_claims_, "ath", ath);
    text = sign_proof (es256_other, "ES256", header, proof_claims_);
    other_proof = pim_dpop_proof_validator_validate (validator, text, "GET", HTU, token, &error);
    g_assert_no_error (error);
  }
  g_assert_false (pim_dpop_proof_check_binding (other_proof, claims, &error));
  g_assert_error (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_KEY_MISMATCH);
}

/* An opaque DPoP-bound token: its introspection response carries cnf.jkt
 * (RFC 9449 §6.2), checked with the same function. */
static void
test_provider_introspection_binding (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  const char      *issuer = pim_test_provider_get_issuer (pim_test_provider_get_shared ());
  g_autofree char *address = g_strconcat (issuer, "/token/introspection", NULL);
  g_autofree char *token_type = NULL;
  g_autofree char *token = provider_dpop_token (es256_key, PIM_TEST_RESOURCE_OPAQUE, &token_type);
  g_autoptr (PimIntrospectionRequest) request =
      pim_introspection_request_new (address, PIM_TEST_CLIENT_INTROSPECT_ID,
                                     PIM_TEST_CLIENT_INTROSPECT_SECRET);
  g_autoptr (PimIntrospectionResponse) response = NULL;
  g_autoptr (PimJwk) pub = pim_jwk_get_public (es256_key);
  g_autoptr (PimJwk) other_pub = pim_jwk_get_public (es256_other);
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (token_type, ==, "DPoP");
  g_assert_cmpint (strchr (token, '.') == NULL, ==, TRUE);
  pim_introspection_request_set_token (request, token);
  if (mode == PIM_TEST_SYNC)
    response = pim_introspect_token (request, NULL, NULL, &error);
  else
    {
      g_autoptr (GAsyncResult) result = NULL;

      pim_introspect_token_async (request, NULL, NULL, pim_test_store_result, &result);
      pim_test_wait_result (&result);
      response = pim_introspect_token_finish (result, &error);
    }
  g_assert_no_error (error);
  g_assert_true (pim_introspection_response_get_active (response));
  g_assert_cmpstr (pim_introspection_response_get_token_type (response), ==, "DPoP");

  g_assert_true (pim_token_binding_check_jkt (pim_introspection_response_get_json (response),
                                              pim_jwk_get_thumbprint (pub), &error));
  g_assert_no_error (error);
  g_assert_false (pim_token_binding_check_jkt (pim_introspection_response_get_json (response),
                                               pim_jwk_get_thumbprint (other_pub), &error));
  g_assert_error (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_KEY_MISMATCH);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  es256_key = pim_jwk_generate ("ES256", &error);
  g_assert_no_error (error);
  es256_other = pim_jwk_generate ("ES256", &error);
  g_assert_no_error (error);
  rs256_key = pim_jwk_generate_rsa (2048, "RS256", &error);
  g_assert_no_error (error);
  ps256_key = pim_jwk_generate_rsa (2048, "PS256", &error);
  g_assert_no_error (error);
  eddsa_key = pim_jwk_generate ("EdDSA", &error);
  g_assert_no_error (error);

  g_test_add_func ("/dpop-validation/valid-algorithms", test_valid_algorithms);
  g_test_add_func ("/dpop-validation/defaults", test_defaults);
  g_test_add_func ("/dpop-validation/allowed-algs-setting", test_allowed_algs_setting);
  g_test_add_func ("/dpop-validation/typ", test_typ);
  g_test_add_func ("/dpop-validation/alg-none", test_alg_none);
  g_test_add_func ("/dpop-validation/alg-hs256", test_alg_hs256);
  g_test_add_func ("/dpop-validation/private-jwk", test_private_jwk);
  g_test_add_func ("/dpop-validation/bad-jwk", test_bad_jwk);
  g_test_add_func ("/dpop-validation/not-a-jwt", test_not_a_jwt);
  g_test_add_func ("/dpop-validation/missing-claims", test_missing_claims);
  g_test_add_func ("/dpop-validation/htm", test_htm);
  g_test_add_func ("/dpop-validation/htu", test_htu);
  g_test_add_func ("/dpop-validation/iat-window", test_iat_window);
  g_test_add_func ("/dpop-validation/replay", test_replay);
  g_test_add_func ("/dpop-validation/replay-cache-bounded", test_replay_cache_bounded);
  g_test_add_func ("/dpop-validation/concurrency", test_concurrency);
  g_test_add_func ("/dpop-validation/ath", test_ath);
  g_test_add_func ("/dpop-validation/nonce", test_nonce);
  g_test_add_func ("/dpop-validation/cnf-jkt", test_cnf_jkt);
  g_test_add_func ("/dpop-validation/proof-check-binding", test_proof_check_binding);
  g_test_add_func ("/dpop-validation/cnf-x5t-s256", test_cnf_x5t);
  pim_test_add_both ("/dpop-validation/provider", "binding", test_provider_binding);
  pim_test_add_both ("/dpop-validation/provider", "introspection-binding",
                     test_provider_introspection_binding);

  ret = g_test_run ();
  g_clear_object (&es256_key);
  g_clear_object (&es256_other);
  g_clear_object (&rs256_key);
  g_clear_object (&ps256_key);
  g_clear_object (&eddsa_key);
  return ret;
}
