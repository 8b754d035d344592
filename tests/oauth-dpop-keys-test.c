/* oauth-dpop-keys-test.c: DPoP (RFC 9449) on the client side: keys
 * (generated, saved and reloaded, thumbprints, refusals) and the proofs
 * they sign, checked independently and by Pim's own validator
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "oauth-dpop-common.h"
#include "pim-dpop-key-private.h"

/* base64url (SHA-256 (@text)), with GLib's own SHA-256. */
static char *
sha256_b64 (const char *text)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize  len = sizeof digest;

  g_checksum_update (checksum, (const guchar *) text, (gssize) strlen (text));
  g_checksum_get_digest (checksum, digest, &len);
  return pim_base64url_encode (digest, len);
}

static void
assert_public_only (JsonObject *jwk)
{
  const char *const private_members[] = { "d", "p", "q", "dp", "dq", "qi", "oth", "k" };

  for (gsize i = 0; i < G_N_ELEMENTS (private_members); i++)
    g_assert_false (json_object_has_member (jwk, private_members[i]));
  g_assert_true (json_object_has_member (jwk, "kty"));
}

/* ---- Keys and proofs ---- */

static void
test_proof_shape (void)
{
  const char *const algs[] = { "ES256", "ES384", "ES512", "EdDSA", "PS256", "RS256" };

  for (gsize a = 0; a < G_N_ELEMENTS (algs); a++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (algs[a], &error);
      g_autoptr (GHashTable) jtis = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autofree char *ath = sha256_b64 ("an-access-token");
      gint64           before = g_get_real_time () / G_USEC_PER_SEC;
      gint64           after;

      g_assert_no_error (error);
      g_assert_cmpstr (pim_dpop_key_get_alg (key), ==, algs[a]);
      for (guint i = 0; i < (a == 0 ? 100 : 3); i++)
        {
          g_autofree char *token =
              pim_dpop_key_create_proof (key, "POST", "https://AS.Example.com/token?x=1#frag",
                                         i % 2 ? "an-access-token" : NULL, i % 2 ? NULL : "n0nce",
                                         &error);
          g_auto (Proof) proof = { 0 };
          JsonObject *jwk;
          const char *jti;

          g_assert_no_error (error);
          decode_proof (token, &proof);
          g_assert_cmpstr (json_object_get_string_member (proof.header, "typ"), ==, "dpop+jwt");
          g_assert_cmpstr (json_object_get_string_member (proof.header, "alg"), ==, algs[a]);
          g_assert_false (json_object_has_member (proof.header, "kid"));
          jwk = json_object_get_object_member (proof.header, "jwk");
          assert_public_only (jwk);
          g_assert_cmpuint (json_object_get_size (proof.header), ==, 3);

          g_assert_cmpstr (json_object_get_string_member (proof.claims, "htm"), ==, "POST");
          g_assert_cmpstr (json_object_get_string_member (proof.claims, "htu"), ==,
                           "https://as.example.com/token");
          after = g_get_real_time () / G_USEC_PER_SEC;
          g_assert_cmpint (json_object_get_int_member (proof.claims, "iat"), >=, before);
          g_assert_cmpint (json_object_get_int_member (proof.claims, "iat"), <=, after);
          jti = json_object_get_string_member (proof.claims, "jti");
          /* At least 16 random bytes, base64url. */
          g_assert_cmpuint (strlen (jti), >=, 22);
          g_assert_false (g_hash_table_contains (jtis, jti));
          g_hash_table_add (jtis, g_strdup (jti));
          if (i % 2)
            {
              g_assert_cmpstr (json_object_get_string_member (proof.claims, "ath"), ==, ath);
              g_assert_false (json_object_has_member (proof.claims, "nonce"));
              g_assert_cmpuint (json_object_get_size (proof.claims), ==, 5);
            }
          else
            {
              g_assert_false (json_object_has_member (proof.claims, "ath"));
              g_assert_cmpstr (json_object_get_string_member (proof.claims, "nonce"), ==, "n0nce");
              g_assert_cmpuint (json_object_get_size (proof.claims), ==, 5);
            }
        }
    }
}

/* The ath of RFC 9449 §7.1's example: the hash of its access token. */
static void
test_proof_ath_vector (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autofree char *token = NULL;
  g_auto (Proof) proof = { 0 };

  g_assert_no_error (error);
  pim_dpop_key_set_time_for_testing (key, 1562262618);
  token = pim_dpop_key_create_proof (key, "GET", "https://resource.example.org/protectedresource",
                                     "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU", NULL, &error);
  g_assert_no_error (error);
  decode_proof (token, &proof);
  g_assert_cmpstr (json_object_get_string_member (proof.claims, "ath"), ==,
                   "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo");
  g_assert_cmpint (json_object_get_int_member (proof.claims, "iat"), ==, 1562262618);
  g_assert_cmpstr (json_object_get_string_member (proof.claims, "htm"), ==, "GET");
}

static void
test_htu (void)
{
  static const struct
  {
    const char *uri, *htu;
  } cases[] = {
    { "https://as.example.com/token", "https://as.example.com/token" },
    { "HTTPS://AS.Example.COM:443/token?a=b#c", "https://as.example.com/token" },
    { "https://user:pw@as.example.com:8443/a/b/?q", "https://as.example.com:8443/a/b/" },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080/" },
    { "http://example.com:80/x#only-fragment", "http://example.com/x" },
    { "https://[::1]:9000/p%20q", "https://[::1]:9000/p%20q" },
    /* Normalized as the validator normalizes (pim_dpop_normalize_htu). */
    { "https://as.example.com/a/./b/../c%7e%2f", "https://as.example.com/a/c~%2F" },
    { "https://as.example.com:443", "https://as.example.com/" },
  };
  const char *const bad[] = { "/token",   "token", "ftp://example.com/x", "file:///etc/passwd",
                              "https://", "" };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *htu = pim_dpop_htu_from_uri (cases[i].uri, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (htu, ==, cases[i].htu);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *htu = pim_dpop_htu_from_uri (bad[i], &error);

      g_assert_null (htu);
      g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT);
    }
}

static void
round_trip (const char *alg, gboolean pem_needs_alg)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (alg, &error);
  g_autoptr (PimDPoPKey) from_jwk = NULL;
  g_autoptr (PimDPoPKey) from_pem = NULL;
  g_autofree char *jwk = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *proof = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_auto (Proof) decoded = { 0 };

  g_assert_no_error (error);
  jwk = pim_dpop_key_to_jwk (key);
  node = json_from_string (jwk, &error);
  g_assert_no_error (error);
  /* The saved key is the private one, with its algorithm. */
  g_assert_true (json_object_has_member (json_node_get_object (node), "d"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "alg"), ==, alg);

  from_jwk = pim_dpop_key_new_from_jwk (jwk, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_dpop_key_get_thumbprint (from_jwk), ==, pim_dpop_key_get_thumbprint (key));
  g_assert_cmpstr (pim_dpop_key_get_alg (from_jwk), ==, alg);

  pem = pim_dpop_key_to_pem (key, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pem, "-----BEGIN PRIVATE KEY-----"));
  from_pem = pim_dpop_key_new_from_pem (pem, pem_needs_alg ? alg : NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_dpop_key_get_thumbprint (from_pem), ==, pim_dpop_key_get_thumbprint (key));
  g_assert_cmpstr (pim_dpop_key_get_alg (from_pem), ==, alg);

  /* The reloaded keys still sign, with the same public key. */
  proof = pim_dpop_key_create_proof (from_pem, "GET", "https://rs.example/", NULL, NULL, &error);
  g_assert_no_error (error);
  decode_proof (proof, &decoded);
  {
    g_autoptr (PimJwk) header_jwk =
        pim_jwk_new_from_object (json_object_get_object_member (decoded.header, "jwk"), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (pim_jwk_get_thumbprint (header_jwk), ==, pim_dpop_key_get_thumbprint (key));
  }
  g_clear_pointer (&proof, g_free);
  proof = pim_dpop_key_create_proof (from_jwk, "GET", "https://rs.example/", NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  round_trip ("ES256", FALSE);
  round_trip ("ES384", FALSE);
  round_trip ("EdDSA", FALSE);
  round_trip ("PS256", TRUE);
}

static JsonObject *
vector_jwk (const char *file, const char *case_name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "jose-vectors", file, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *cases;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  cases =
      json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cases");
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);

      if (strcmp (json_object_get_string_member (c, "name"), case_name) == 0)
        return json_object_ref (json_object_get_object_member (c, "jwk"));
    }
  g_assert_not_reached ();
}

static char *
object_json (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

/* RFC 7638: the §3.1 example key's thumbprint, through the same code the
 * DPoP key uses; the example is a public key, which a DPoP key refuses.
 * Then private keys of RFC 7515 (A.2 RSA, A.3 EC), whose thumbprints are
 * computed here from the canonical JSON of §3.2. */
static void
test_thumbprint (void)
{
  g_autoptr (JsonObject) rfc7638 = vector_jwk ("rfc7638.json", "3.1 RSA key thumbprint (SHA-256)");
  g_autoptr (JsonObject) rsa = vector_jwk ("rfc7515.json", "A.2 RS256");
  g_autoptr (JsonObject) ec = vector_jwk ("rfc7515.json", "A.3 ES256");
  g_autofree char *rfc7638_json = object_json (rfc7638);
  g_autofree char *rsa_json = object_json (rsa);
  g_autofree char *ec_json = object_json (ec);
  g_autofree char *rsa_canonical = NULL;
  g_autofree char *ec_canonical = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (PimJwk) jwk = NULL;
  g_autoptr (PimDPoPKey) key = NULL;
  g_autoptr (GError) error = NULL;

  jwk = pim_jwk_new_from_object (rfc7638, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_jwk_get_thumbprint (jwk), ==, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  key = pim_dpop_key_new_from_jwk (rfc7638_json, &error);
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
  g_assert_null (key);
  g_clear_error (&error);

  key = pim_dpop_key_new_from_jwk (rsa_json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_dpop_key_get_alg (key), ==, "RS256");
  rsa_canonical = g_strdup_printf ("{\"e\":\"%s\",\"kty\":\"RSA\",\"n\":\"%s\"}",
                                   json_object_get_string_member (rsa, "e"),
                                   json_object_get_string_member (rsa, "n"));
  expected = sha256_b64 (rsa_canonical);
  g_assert_cmpstr (pim_dpop_key_get_thumbprint (key), ==, expected);
  g_clear_object (&key);
  g_clear_pointer (&expected, g_free);

  key = pim_dpop_key_new_from_jwk (ec_json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_dpop_key_get_alg (key), ==, "ES256");
  ec_canonical = g_strdup_printf ("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"%s\",\"y\":\"%s\"}",
                                  json_object_get_string_member (ec, "x"),
                                  json_object_get_string_member (ec, "y"));
  expected = sha256_b64 (ec_canonical);
  g_assert_cmpstr (pim_dpop_key_get_thumbprint (key), ==, expected);
  /* The property and the public JWK agree. */
  {
    g_autofree char *thumbprint = NULL;
    g_autofree char *public_jwk = pim_dpop_key_get_public_jwk (key);
    g_autoptr (PimJwk) reparsed = pim_jwk_new_from_json (public_jwk, &error);

    g_assert_no_error (error);
    g_assert_false (pim_jwk_is_private (reparsed));
    g_assert_cmpstr (pim_jwk_get_thumbprint (reparsed), ==, expected);
    g_object_get (key, "thumbprint", &thumbprint, NULL);
    g_assert_cmpstr (thumbprint, ==, expected);
  }
}

static void
test_refusals (void)
{
  static const struct
  {
    const char *alg;
    int         code;
  } algs[] = {
    { "HS256", PIM_JOSE_ERROR_UNSUPPORTED_ALG }, { "HS512", PIM_JOSE_ERROR_UNSUPPORTED_ALG },
    { "none", PIM_JOSE_ERROR_ALG_NONE },         { "None", PIM_JOSE_ERROR_ALG_NONE },
    { "ES257", PIM_JOSE_ERROR_UNSUPPORTED_ALG }, { "es256", PIM_JOSE_ERROR_UNSUPPORTED_ALG },
    { "", PIM_JOSE_ERROR_UNSUPPORTED_ALG },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autoptr (PimDPoPKey) bare = g_object_new (PIM_TYPE_DPOP_KEY, NULL);
  g_autoptr (PimJwk) hmac = NULL;
  g_autofree char *hmac_json = NULL;
  g_autofree char *public_jwk = NULL;
  g_autofree char *es256_jwk = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *public_pem = NULL;
  char            *proof;

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (algs); i++)
    {
      g_autoptr (PimDPoPKey) refused = pim_dpop_key_new_generate (algs[i].alg, &error);

      g_assert_null (refused);
      g_assert_error (error, PIM_JOSE_ERROR, algs[i].code);
      g_clear_error (&error);
    }

  /* A shared secret, even with an asymmetric alg asked for. */
  hmac = pim_jwk_generate ("HS256", &error);
  g_assert_no_error (error);
  hmac_json = pim_jwk_to_json (hmac, TRUE);
  g_assert_null (pim_dpop_key_new_from_jwk (hmac_json, &error));
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
  g_clear_error (&error);

  /* The public half alone cannot sign. */
  public_jwk = pim_dpop_key_get_public_jwk (key);
  g_assert_null (pim_dpop_key_new_from_jwk (public_jwk, &error));
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
  g_clear_error (&error);
  g_assert_null (pim_dpop_key_new_from_jwk ("{\"kty\":\"EC\"", &error));
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED);
  g_clear_error (&error);

  /* A key whose "alg" is symmetric or does not fit it. */
  es256_jwk = pim_dpop_key_to_jwk (key);
  {
    g_autoptr (JsonNode) node = json_from_string (es256_jwk, NULL);
    g_autofree char *relabelled = NULL;

    json_object_set_string_member (json_node_get_object (node), "alg", "HS256");
    relabelled = json_to_string (node, FALSE);
    g_assert_null (pim_dpop_key_new_from_jwk (relabelled, &error));
    g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_UNSUPPORTED_ALG);
    g_clear_error (&error);
  }
  pem = pim_dpop_key_to_pem (key, &error);
  g_assert_no_error (error);
  g_assert_null (pim_dpop_key_new_from_pem (pem, "RS256", &error));
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
  g_clear_error (&error);
  g_assert_null (pim_dpop_key_new_from_pem (pem, "HS256", &error));
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_UNSUPPORTED_ALG);
  g_clear_error (&error);
  public_pem = g_strdup ("-----BEGIN PUBLIC KEY-----\n"
                         "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEVs/o5+uQbTjL3chynL4wXgUg2R9\n"
                         "q9UU8I5mEovUf86QZ7kOBIjJwqnzD1omageEHWwHdBO6B+dFabmdT9POxg==\n"
                         "-----END PUBLIC KEY-----\n");
  g_assert_null (pim_dpop_key_new_from_pem (public_pem, NULL, &error));
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
  g_clear_error (&error);

  /* Bad URLs, methods and nonces. */
  proof = pim_dpop_key_create_proof (key, "POST", "/token", NULL, NULL, &error);
  g_assert_null (proof);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  proof = pim_dpop_key_create_proof (key, "POST", "urn:example:token", NULL, NULL, &error);
  g_assert_null (proof);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  proof = pim_dpop_key_create_proof (key, "", "https://as.example/token", NULL, NULL, &error);
  g_assert_null (proof);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  proof = pim_dpop_key_create_proof (key, "PO ST", "https://as.example/token", NULL, NULL, &error);
  g_assert_null (proof);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  proof = pim_dpop_key_create_proof (key, "POST", "https://as.example/token", NULL, "bad\"nonce",
                                     &error);
  g_assert_null (proof);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  proof = pim_dpop_key_create_proof (key, "GET", "https://rs.example/", "", NULL, &error);
  g_assert_null (proof);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* An object without a key. */
  g_assert_null (pim_dpop_key_get_thumbprint (bare));
  g_assert_null (pim_dpop_key_to_jwk (bare));
  proof = pim_dpop_key_create_proof (bare, "GET", "https://rs.example/", NULL, NULL, &error);
  g_assert_null (proof);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

/* Pim's proofs pass Pim's resource-server validator, for every algorithm
 * a key can have: the htu the client writes is the one the validator
 * compares, ath and nonce included; and a proof for another URL or
 * token is refused. */
static void
test_proof_validates (void)
{
  const char *const algs[] = { "ES256", "ES384", "ES512", "RS256", "PS256", "EdDSA" };
  g_autoptr (PimDPoPProofValidator) validator = pim_dpop_proof_validator_new ();
  g_autofree char *nonce = pim_dpop_proof_validator_issue_nonce (validator);

  pim_dpop_proof_validator_set_require_nonce (validator, TRUE);
  for (gsize i = 0; i < G_N_ELEMENTS (algs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (algs[i], &error);
      g_autofree char *proof = NULL;
      g_autofree char *other = NULL;
      g_autoptr (PimDPoPProof) checked = NULL;
      g_autoptr (PimDPoPProof) refused = NULL;

      g_assert_no_error (error);
      proof = pim_dpop_key_create_proof (key, "GET", "HTTPS://RS.Example:443/a/./b?q=1#f", "at",
                                         nonce, &error);
      g_assert_no_error (error);
      checked = pim_dpop_proof_validator_validate (validator, proof, "GET",
                                                   "https://rs.example/a/b", "at", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (pim_dpop_proof_get_jkt (checked), ==, pim_dpop_key_get_thumbprint (key));
      g_assert_cmpstr (pim_dpop_proof_get_algorithm (checked), ==, algs[i]);

      other = pim_dpop_key_create_proof (key, "GET", "https://rs.example/a/c", "at", nonce, &error);
      g_assert_no_error (error);
      refused = pim_dpop_proof_validator_validate (validator, other, "GET",
                                                   "https://rs.example/a/b", "at", &error);
      g_assert_null (refused);
      g_assert_error (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_HTU_MISMATCH);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oauth-dpop/proof/shape", test_proof_shape);
  g_test_add_func ("/oauth-dpop/proof/ath-vector", test_proof_ath_vector);
  g_test_add_func ("/oauth-dpop/proof/htu", test_htu);
  g_test_add_func ("/oauth-dpop/proof/validates", test_proof_validates);
  g_test_add_func ("/oauth-dpop/key/round-trip", test_round_trip);
  g_test_add_func ("/oauth-dpop/key/thumbprint", test_thumbprint);
  g_test_add_func ("/oauth-dpop/key/refusals", test_refusals);

  return g_test_run ();
}
