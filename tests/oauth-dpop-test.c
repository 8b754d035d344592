/* oauth-dpop-test.c: DPoP (RFC 9449) on the client side: keys, proofs,
 * DPoP-bound tokens from the real provider for every grant, UserInfo and
 * resource requests, and the use_dpop_nonce retry
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-dpop-key-private.h"
#include "pim-oauth-private.h"
#include "pim-test-async.h"
#include "pim-test-login.h"
#include "pim-test-provider.h"
#include "pim-test-server.h"

static const char *
issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

static char *
endpoint (const char *path)
{
  return g_strconcat (issuer (), path, NULL);
}

/* ---- Decoding proofs (independently of the key's own code) ---- */

typedef struct
{
  JsonObject *header;
  JsonObject *claims;
} Proof;

static void
proof_clear (Proof *proof)
{
  g_clear_pointer (&proof->header, json_object_unref);
  g_clear_pointer (&proof->claims, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Proof, proof_clear)

static JsonObject *
decode_part (const char *part, gsize len)
{
  g_autofree char *text = g_strndup (part, len);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = pim_base64url_decode (text, &error);
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                              (gssize) g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Decodes @token and checks its signature with the `jwk` of its header. */
static void
decode_proof (const char *token, Proof *out)
{
  g_auto (GStrv) parts = g_strsplit (token, ".", -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJws) jws = NULL;
  g_autoptr (PimJwk) jwk = NULL;
  const char *algs[] = { NULL, NULL };

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  out->header = decode_part (parts[0], strlen (parts[0]));
  out->claims = decode_part (parts[1], strlen (parts[1]));
  algs[0] = json_object_get_string_member (out->header, "alg");
  jwk = pim_jwk_new_from_object (json_object_get_object_member (out->header, "jwk"), &error);
  g_assert_no_error (error);
  jws = pim_jws_parse (token, &error);
  g_assert_no_error (error);
  g_assert_true (pim_jws_verify_with_key (jws, jwk, (const char *const *) algs, &error));
  g_assert_no_error (error);
}

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

static void
test_nonce_cache (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autoptr (SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autofree char *nonce = NULL;
  g_autoptr (PimHttpRequest) http = NULL;
  g_auto (Proof) proof = { 0 };

  g_assert_no_error (error);
  soup_message_headers_append (headers, "DPoP-Nonce", "n-1");
  g_assert_true (pim_dpop_key_learn_nonce (key, "https://AS.example:443/token", headers));
  /* The same nonce again is nothing new. */
  g_assert_false (pim_dpop_key_learn_nonce (key, "https://as.example/other", headers));
  /* By origin: path and query do not matter, scheme and port do. */
  nonce = pim_dpop_key_dup_nonce (key, "https://as.example/userinfo?x");
  g_assert_cmpstr (nonce, ==, "n-1");
  g_clear_pointer (&nonce, g_free);
  g_assert_null (pim_dpop_key_dup_nonce (key, "http://as.example/token"));
  g_assert_null (pim_dpop_key_dup_nonce (key, "https://as.example:8443/token"));
  g_assert_null (pim_dpop_key_dup_nonce (key, "https://rs.example/token"));

  /* Invalid nonces are not kept. */
  soup_message_headers_replace (headers, "DPoP-Nonce", "with space");
  g_assert_false (pim_dpop_key_learn_nonce (key, "https://as.example/token", headers));
  pim_dpop_key_set_nonce (key, "https://as.example/", "quote\"d");
  nonce = pim_dpop_key_dup_nonce (key, "https://as.example/");
  g_assert_cmpstr (nonce, ==, "n-1");
  g_clear_pointer (&nonce, g_free);

  /* The next proof to that origin carries it. */
  http = pim_http_request_new ("POST", "https://as.example/token");
  g_assert_true (pim_dpop_key_apply (key, http, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (SoupMessage) msg = pim_http_request_build_message (http, &error);

    g_assert_no_error (error);
    decode_proof (soup_message_headers_get_one (soup_message_get_request_headers (msg), "DPoP"),
                  &proof);
  }
  g_assert_cmpstr (json_object_get_string_member (proof.claims, "nonce"), ==, "n-1");

  /* Forgotten; and never over plain HTTP outside loopback. */
  pim_dpop_key_set_nonce (key, "https://as.example/", NULL);
  g_assert_null (pim_dpop_key_dup_nonce (key, "https://as.example/"));
  g_clear_pointer (&http, pim_http_request_unref);
  http = pim_http_request_new ("POST", "http://as.example/token");
  g_assert_false (pim_dpop_key_apply (key, http, NULL, &error));
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
  g_clear_error (&error);
  {
    g_autoptr (SoupMessage) msg = soup_message_new ("GET", "http://rs.example/api");

    g_assert_false (pim_dpop_key_sign_message (key, msg, "at", &error));
    g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
    g_assert_null (soup_message_headers_get_one (soup_message_get_request_headers (msg), "DPoP"));
  }
}

/* Which answers ask for a nonce. */
static void
test_wants_nonce (void)
{
  static const struct
  {
    guint       status;
    const char *challenge;
    const char *nonce;
    const char *body;
    gboolean    wants;
  } cases[] = {
    { 400, NULL, "n", "{\"error\":\"use_dpop_nonce\"}", TRUE },
    { 400, NULL, NULL, "{\"error\":\"use_dpop_nonce\"}", FALSE },
    { 400, NULL, "n", "{\"error\":\"invalid_dpop_proof\"}", FALSE },
    { 400, NULL, "n", "{\"error\":[\"use_dpop_nonce\"]}", FALSE },
    { 400, NULL, "n", "use_dpop_nonce", FALSE },
    { 401, "DPoP error=\"use_dpop_nonce\", error_description=\"x\"", "n", NULL, TRUE },
    { 401, "DPoP realm=\"r\", error=\"use_dpop_nonce\"", "n", "{}", TRUE },
    { 401, "DPoP error=\"use_dpop_nonce\"", NULL, NULL, FALSE },
    { 401, "Bearer error=\"use_dpop_nonce\"", "n", NULL, FALSE },
    { 401, "DPoP error=\"invalid_token\"", "n", NULL, FALSE },
    { 403, "DPoP error=\"use_dpop_nonce\"", "n", NULL, FALSE },
    { 200, NULL, "n", "{\"error\":\"use_dpop_nonce\"}", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SoupMessage) msg = soup_message_new ("POST", "https://as.example/token");
      SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
      g_autoptr (GBytes) body = NULL;
      g_autoptr (PimHttpResponse) response = NULL;

      if (cases[i].challenge != NULL)
        soup_message_headers_append (headers, "WWW-Authenticate", cases[i].challenge);
      if (cases[i].nonce != NULL)
        soup_message_headers_append (headers, "DPoP-Nonce", cases[i].nonce);
      if (cases[i].body != NULL)
        {
          soup_message_headers_set_content_type (headers, "application/json", NULL);
          body = g_bytes_new (cases[i].body, strlen (cases[i].body));
        }
      response = pim_http_response_new (msg, "https://as.example/token", body, 0);
      response->status = cases[i].status;
      g_assert_cmpint (pim_dpop_response_wants_nonce (response), ==, cases[i].wants);
    }
}

/* ---- A server that always wants a new nonce ---- */

typedef struct
{
  PimTestHandlerServer *http;
  const char           *base;
  GMutex                lock;
  GPtrArray            *seen; /* "path nonce" of each request, "-" for none */
} NonceServer;

static void
nonce_server_handle (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  NonceServer        *self = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char         *dpop = soup_message_headers_get_one (request, "DPoP");
  g_autoptr (PimJwt) jwt = dpop != NULL ? pim_jwt_parse (dpop, NULL) : NULL;
  const char      *nonce = jwt != NULL ? pim_jwt_get_string_claim (jwt, "nonce") : NULL;
  g_autofree char *next = NULL;
  guint            n;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->seen, g_strdup_printf ("%s %s", path, nonce != NULL ? nonce : "-"));
  n = self->seen->len;
  g_mutex_unlock (&self->lock);
  next = g_strdup_printf ("n-%u", n);
  if (strcmp (path, "/userinfo") == 0)
    {
      soup_message_headers_append (response, "WWW-Authenticate",
                                   "DPoP error=\"use_dpop_nonce\", error_description=\"nonce\"");
      soup_message_headers_append (response, "DPoP-Nonce", next);
      soup_server_message_set_status (msg, 401, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
      return;
    }
  if (strcmp (path, "/token-without-nonce") != 0)
    soup_message_headers_append (response, "DPoP-Nonce", next);
  soup_server_message_set_status (msg, 400, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"error\":\"use_dpop_nonce\"}", 26);
}

static NonceServer *
nonce_server_new (void)
{
  NonceServer *self = g_new0 (NonceServer, 1);

  g_mutex_init (&self->lock);
  self->seen = g_ptr_array_new_with_free_func (g_free);
  self->http = pim_test_handler_server_new (NULL, nonce_server_handle, self);
  self->base = pim_test_handler_server_get_base (self->http);
  return self;
}

static void
nonce_server_free (NonceServer *self)
{
  pim_test_handler_server_free (self->http);
  g_ptr_array_unref (self->seen);
  g_mutex_clear (&self->lock);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NonceServer, nonce_server_free)

static char *
seen (NonceServer *self)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->seen->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "; " : "", (char *) self->seen->pdata[i]);
  g_mutex_unlock (&self->lock);
  return g_strdup (text->str);
}

/* A server that asks for a new nonce every time gets exactly one retry,
 * whose proof carries the nonce of the first answer. */
static void
test_retry_once (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (NonceServer) server = nonce_server_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autofree char *token_uri = g_strconcat (server->base, "/token", NULL);
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (token_uri, "client", "secret");
  g_autoptr (PimTokenResponse) response = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;
  g_autofree char *requests = NULL;
  g_autofree char *nonce = NULL;

  g_assert_no_error (error);
  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (request), key);
  response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_USE_DPOP_NONCE);
  g_clear_error (&error);
  requests = seen (server);
  g_assert_cmpstr (requests, ==, "/token -; /token n-1");
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  g_assert_cmpstr (pim_oauth_error_response_get_error (details), ==, "use_dpop_nonce");
  /* The last answer's nonce is kept for the next request. */
  nonce = pim_dpop_key_dup_nonce (key, token_uri);
  g_assert_cmpstr (nonce, ==, "n-2");
  g_clear_pointer (&requests, g_free);

  /* Without a DPoP-Nonce, use_dpop_nonce is not retried. */
  g_ptr_array_set_size (server->seen, 0);
  {
    g_autofree char *uri = g_strconcat (server->base, "/token-without-nonce", NULL);

    pim_oauth_request_set_address (PIM_OAUTH_REQUEST (request), uri);
    response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_USE_DPOP_NONCE);
    g_clear_error (&error);
    requests = seen (server);
    /* The same origin: the cached nonce goes along. */
    g_assert_cmpstr (requests, ==, "/token-without-nonce n-2");
    g_clear_pointer (&requests, g_free);
  }

  /* A resource's 401 DPoP challenge, the same way. */
  g_ptr_array_set_size (server->seen, 0);
  pim_dpop_key_set_nonce (key, server->base, NULL);
  {
    g_autofree char *uri = g_strconcat (server->base, "/userinfo", NULL);
    g_autoptr (PimUserInfoRequest) userinfo = pim_userinfo_request_new (uri, "at");
    g_autoptr (PimUserInfoResponse) answer = NULL;

    pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (userinfo), key);
    answer = pim_test_get_userinfo (userinfo, NULL, mode, &error);
    g_assert_null (answer);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_USE_DPOP_NONCE);
    requests = seen (server);
    g_assert_cmpstr (requests, ==, "/userinfo -; /userinfo n-1");
  }
}

/* ---- Against the provider ---- */

static void
assert_bound (PimTokenResponse *response, PimDPoPKey *key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwt) jwt = NULL;
  JsonObject *cnf;

  g_assert_cmpstr (pim_token_response_get_token_type (response), ==, "DPoP");
  jwt = pim_jwt_parse (pim_token_response_get_access_token (response), &error);
  g_assert_no_error (error);
  cnf = json_object_get_object_member (pim_jwt_get_claims (jwt), "cnf");
  g_assert_nonnull (cnf);
  g_assert_cmpstr (json_object_get_string_member (cnf, "jkt"), ==,
                   pim_dpop_key_get_thumbprint (key));
}

static PimClientCredentialsTokenRequest *
cc_request (const char *client_id, const char *secret, PimDPoPKey *key)
{
  g_autofree char                  *address = endpoint ("/token");
  PimClientCredentialsTokenRequest *request =
      pim_client_credentials_token_request_new (address, client_id, secret);

  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (request), key);
  return request;
}

static void
test_client_credentials (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autoptr (PimDPoPKey) eddsa = pim_dpop_key_new_generate ("EdDSA", &error);
  g_autoptr (PimClientCredentialsTokenRequest) request = NULL;
  g_autoptr (PimTokenResponse) response = NULL;

  g_assert_no_error (error);
  /* A DPoP-bound client: the token is bound to the key. */
  request = cc_request (PIM_TEST_CLIENT_DPOP_ID, PIM_TEST_CLIENT_DPOP_SECRET, key);
  response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
  g_assert_no_error (error);
  assert_bound (response, key);
  g_clear_object (&response);
  g_clear_object (&request);

  /* The same client without a proof is refused. */
  request = cc_request (PIM_TEST_CLIENT_DPOP_ID, PIM_TEST_CLIENT_DPOP_SECRET, NULL);
  response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_GRANT);
  g_clear_error (&error);
  g_clear_object (&request);

  /* Any client may ask for DPoP; EdDSA proofs too. */
  request = cc_request (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET, eddsa);
  g_object_set (request, "dpop-key", eddsa, NULL);
  response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
  g_assert_no_error (error);
  assert_bound (response, eddsa);
}

/* Counts the requests a client sends. */
static void
on_request_queued (SoupSession *session, SoupMessage *msg, gpointer user_data)
{
  g_atomic_int_inc ((int *) user_data);
}

static PimHttpClient *
counting_client (int *count)
{
  g_autoptr (SoupSession) session = soup_session_new ();

  g_signal_connect (session, "request-queued", G_CALLBACK (on_request_queued), count);
  return pim_http_client_new_for_session (session);
}

static PimTokenResponse *
request_token_with (PimTokenRequest *request,
                    PimHttpClient   *client,
                    PimTestMode      mode,
                    GError         **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_request_token (request, client, NULL, error);
  pim_request_token_async (request, client, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_request_token_finish (result, error);
}

/* The client that must use server nonces: one retry the first time, none
 * the next (the nonce is cached), one again after a stale nonce. */
static void
test_nonce_retry (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autoptr (PimClientCredentialsTokenRequest) request =
      cc_request (PIM_TEST_CLIENT_DPOP_NONCE_ID, PIM_TEST_CLIENT_DPOP_NONCE_SECRET, key);
  g_autoptr (PimTokenResponse) response = NULL;
  g_autofree char *token_uri = endpoint ("/token");
  g_autofree char *nonce = NULL;
  int              count = 0;
  g_autoptr (PimHttpClient) client = counting_client (&count);

  g_assert_no_error (error);
  g_assert_null (pim_dpop_key_dup_nonce (key, token_uri));
  response = request_token_with (PIM_TOKEN_REQUEST (request), client, mode, &error);
  g_assert_no_error (error);
  assert_bound (response, key);
  g_assert_cmpint (count, ==, 2);
  nonce = pim_dpop_key_dup_nonce (key, token_uri);
  g_assert_nonnull (nonce);
  g_clear_object (&response);

  response = request_token_with (PIM_TOKEN_REQUEST (request), client, mode, &error);
  g_assert_no_error (error);
  assert_bound (response, key);
  g_assert_cmpint (count, ==, 3);
  g_clear_object (&response);

  /* A nonce the provider never gave: refused, then the real one. */
  pim_dpop_key_set_nonce (key, token_uri, "made-up-nonce");
  response = request_token_with (PIM_TOKEN_REQUEST (request), client, mode, &error);
  g_assert_no_error (error);
  assert_bound (response, key);
  g_assert_cmpint (count, ==, 5);
  g_clear_pointer (&nonce, g_free);
  nonce = pim_dpop_key_dup_nonce (key, token_uri);
  g_assert_cmpstr (nonce, !=, "made-up-nonce");

  /* Without a key, this client is not asked for nonces... but gets no
   * DPoP token either. */
  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (request), NULL);
  g_clear_object (&response);
  response = request_token_with (PIM_TOKEN_REQUEST (request), client, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_token_type (response), ==, "Bearer");
  g_assert_cmpint (count, ==, 6);
}

static char *
authorize (const char *client_id, const char *scope, const char *code_challenge)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url =
      pim_test_login_authorize_url (issuer (), "client_id", client_id, "response_type", "code",
                                    "redirect_uri", PIM_TEST_REDIRECT_URI, "scope", scope, "state",
                                    "dpop-state", "code_challenge", code_challenge,
                                    "code_challenge_method", code_challenge != NULL ? "S256" : NULL,
                                    NULL);
  char *code = pim_test_login_get_code (issuer (), url, &error);

  g_assert_no_error (error);
  return code;
}

static PimUserInfoResponse *
userinfo_with (const char *access_token, PimDPoPKey *key, PimTestMode mode, GError **error)
{
  g_autofree char *address = endpoint ("/me");
  g_autoptr (PimUserInfoRequest) request = pim_userinfo_request_new (address, access_token);

  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (request), key);
  return pim_test_get_userinfo (request, NULL, mode, error);
}

/* Code flow with a DPoP-bound client; then UserInfo, which takes the token
 * only with a proof of the key, and refresh. */
static void
test_code_flow (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autoptr (PimDPoPKey) other = pim_dpop_key_new_generate (NULL, &error);
  g_autofree char *code = authorize (PIM_TEST_CLIENT_DPOP_ID, "openid profile", NULL);
  g_autofree char *token_uri = endpoint ("/token");
  g_autoptr (PimAuthorizationCodeTokenRequest) request =
      pim_authorization_code_token_request_new (token_uri, PIM_TEST_CLIENT_DPOP_ID, code,
                                                PIM_TEST_REDIRECT_URI, NULL);
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (PimTokenResponse) refreshed = NULL;
  g_autoptr (PimUserInfoResponse) userinfo = NULL;
  g_autoptr (PimRefreshTokenRequest) refresh = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;

  g_assert_no_error (error);
  g_object_set (request, "client-secret", PIM_TEST_CLIENT_DPOP_SECRET, "dpop-key", key, NULL);
  tokens = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_token_type (tokens), ==, "DPoP");
  g_assert_nonnull (pim_token_response_get_refresh_token (tokens));

  /* UserInfo: with a proof of the key... */
  userinfo = userinfo_with (pim_token_response_get_access_token (tokens), key, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_userinfo_response_get_subject (userinfo), ==, PIM_TEST_LOGIN_DEFAULT_USER);
  g_clear_object (&userinfo);
  /* ...not as a Bearer token... */
  userinfo = userinfo_with (pim_token_response_get_access_token (tokens), NULL, mode, &error);
  g_assert_null (userinfo);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_TOKEN);
  g_clear_error (&error);
  /* ...nor with a proof of another key. */
  userinfo = userinfo_with (pim_token_response_get_access_token (tokens), other, mode, &error);
  g_assert_null (userinfo);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_TOKEN);
  g_clear_error (&error);
  /* A stale nonce at UserInfo: 401 use_dpop_nonce, retried once. */
  {
    g_autofree char *me = endpoint ("/me");

    pim_dpop_key_set_nonce (key, me, "made-up-nonce");
    userinfo = userinfo_with (pim_token_response_get_access_token (tokens), key, mode, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (pim_userinfo_response_get_subject (userinfo), ==, PIM_TEST_LOGIN_DEFAULT_USER);
  }

  /* Refresh: the DPoP-bound client needs a proof. */
  refresh = pim_refresh_token_request_new (token_uri, PIM_TEST_CLIENT_DPOP_ID,
                                           pim_token_response_get_refresh_token (tokens));
  g_object_set (refresh, "client-secret", PIM_TEST_CLIENT_DPOP_SECRET, NULL);
  refreshed = pim_test_request_token (PIM_TOKEN_REQUEST (refresh), NULL, mode, &error);
  g_assert_null (refreshed);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_GRANT);
  g_clear_error (&error);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (refresh));
  g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, 400);
  g_object_set (refresh, "dpop-key", key, NULL);
  refreshed = pim_test_request_token (PIM_TOKEN_REQUEST (refresh), NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_token_type (refreshed), ==, "DPoP");
}

/* Device flow with a public client: the refresh token is bound to the key
 * too, and refused with a proof of another key. */
static void
test_device_flow (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate ("EdDSA", &error);
  g_autoptr (PimDPoPKey) other = pim_dpop_key_new_generate (NULL, &error);
  g_autofree char *device_uri = endpoint ("/device/auth");
  g_autofree char *token_uri = endpoint ("/token");
  g_autoptr (PimDeviceAuthorizationRequest) authorization_request =
      pim_device_authorization_request_new (device_uri, PIM_TEST_CLIENT_DEVICE_ID);
  g_autoptr (PimDeviceAuthorizationResponse) authorization = NULL;
  g_autoptr (PimDeviceTokenRequest) request = NULL;
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (PimTokenResponse) refreshed = NULL;
  g_autoptr (PimRefreshTokenRequest) refresh = NULL;
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer (), NULL);
  g_autoptr (PimUserInfoResponse) userinfo = NULL;

  g_assert_no_error (error);
  pim_device_authorization_request_set_scope (authorization_request, "openid offline_access");
  authorization = pim_request_device_authorization (authorization_request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (
      pim_test_browser_verify_device (browser,
                                      pim_device_authorization_response_get_verification_uri (
                                          authorization),
                                      pim_device_authorization_response_get_user_code (
                                          authorization),
                                      &error));
  g_assert_no_error (error);

  request = pim_device_token_request_new (token_uri, PIM_TEST_CLIENT_DEVICE_ID,
                                          pim_device_authorization_response_get_device_code (
                                              authorization));
  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (request), key);
  tokens = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_token_type (tokens), ==, "DPoP");
  g_assert_nonnull (pim_token_response_get_refresh_token (tokens));
  userinfo = userinfo_with (pim_token_response_get_access_token (tokens), key, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_userinfo_response_get_subject (userinfo), ==, PIM_TEST_LOGIN_DEFAULT_USER);

  refresh = pim_refresh_token_request_new (token_uri, PIM_TEST_CLIENT_DEVICE_ID,
                                           pim_token_response_get_refresh_token (tokens));
  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (refresh), other);
  refreshed = pim_test_request_token (PIM_TOKEN_REQUEST (refresh), NULL, mode, &error);
  g_assert_null (refreshed);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_GRANT);
  g_clear_error (&error);
  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (refresh), key);
  refreshed = pim_test_request_token (PIM_TOKEN_REQUEST (refresh), NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_token_type (refreshed), ==, "DPoP");
}

/* A caller's own resource request: a raw SoupMessage to UserInfo. */
static GBytes *
send_message (SoupSession *session, SoupMessage *msg, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return soup_session_send_and_read (session, msg, NULL, error);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, pim_test_store_result,
                                    &result);
  pim_test_wait_result (&result);
  return soup_session_send_and_read_finish (session, result, error);
}

static void
test_sign_message (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *me = endpoint ("/me");
  g_autofree char *code = authorize (PIM_TEST_CLIENT_DPOP_ID, "openid", NULL);
  g_autofree char *token_uri = endpoint ("/token");
  g_autoptr (PimAuthorizationCodeTokenRequest) code_request =
      pim_authorization_code_token_request_new (token_uri, PIM_TEST_CLIENT_DPOP_ID, code,
                                                PIM_TEST_REDIRECT_URI, NULL);
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonNode) node = NULL;
  const char *access_token;

  g_assert_no_error (error);
  g_object_set (code_request, "client-secret", PIM_TEST_CLIENT_DPOP_SECRET, "dpop-key", key, NULL);
  tokens = pim_test_request_token (PIM_TOKEN_REQUEST (code_request), NULL, mode, &error);
  g_assert_no_error (error);
  access_token = pim_token_response_get_access_token (tokens);

  /* A stale nonce: the provider says use_dpop_nonce, with a new one. */
  pim_dpop_key_set_nonce (key, me, "made-up-nonce");
  msg = soup_message_new ("GET", me);
  g_assert_true (pim_dpop_key_sign_message (key, msg, access_token, &error));
  g_assert_no_error (error);
  g_assert_true (
      g_str_has_prefix (soup_message_headers_get_one (soup_message_get_request_headers (msg),
                                                      "Authorization"),
                        "DPoP "));
  body = send_message (session, msg, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  g_assert_true (pim_dpop_key_remember_nonce (key, msg));
  g_clear_object (&msg);
  g_clear_pointer (&body, g_bytes_unref);

  /* Once more, as documented. */
  msg = soup_message_new ("GET", me);
  g_assert_true (pim_dpop_key_sign_message (key, msg, access_token, &error));
  body = send_message (session, msg, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_false (pim_dpop_key_remember_nonce (key, msg));
  node = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "sub"), ==,
                   PIM_TEST_LOGIN_DEFAULT_USER);
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
  g_test_add_func ("/oauth-dpop/nonce/cache", test_nonce_cache);
  g_test_add_func ("/oauth-dpop/nonce/wants-nonce", test_wants_nonce);
  pim_test_add_both ("/oauth-dpop/nonce", "retry-once", test_retry_once);
  pim_test_add_both ("/oauth-dpop/provider", "client-credentials", test_client_credentials);
  pim_test_add_both ("/oauth-dpop/provider", "nonce-retry", test_nonce_retry);
  pim_test_add_both ("/oauth-dpop/provider", "code-flow", test_code_flow);
  pim_test_add_both ("/oauth-dpop/provider", "device-flow", test_device_flow);
  pim_test_add_both ("/oauth-dpop/provider", "sign-message", test_sign_message);

  return g_test_run ();
}
