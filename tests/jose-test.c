/* jose-test.c: base64url, JWK, JWK Set, JWS and JWT: parsing, checks,
 * signing and verifying, and the RFC vectors in tests/jose-vectors/
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-base64url-private.h"
#include "pim-json-private.h"
#include "pim-jwk-private.h"

static const char *const all_algs[] = { "HS256", "HS384", "HS512", "RS256", "RS384",
                                        "RS512", "PS256", "PS384", "PS512", "ES256",
                                        "ES384", "ES512", "EdDSA", NULL };

/* Keys are slow to make (RSA): one per algorithm, shared by the tests. */
static PimJwk *keys[G_N_ELEMENTS (all_algs)];

static PimJwk *
key_for (const char *alg)
{
  for (gsize i = 0; all_algs[i] != NULL; i++)
    if (strcmp (all_algs[i], alg) == 0)
      {
        if (keys[i] == NULL)
          {
            g_autoptr (GError) error = NULL;

            keys[i] = pim_jwk_generate (alg, &error);
            g_assert_no_error (error);
          }
        return keys[i];
      }
  g_assert_not_reached ();
}

static PimJwkSet *
set_of (PimJwk *first, ...)
{
  PimJwkSet *set = pim_jwk_set_new ();
  va_list    args;

  va_start (args, first);
  for (PimJwk *key = first; key != NULL; key = va_arg (args, PimJwk *))
    pim_jwk_set_add (set, key);
  va_end (args);
  return set;
}

static PimJwk *
public_of (PimJwk *key)
{
  PimJwk *pub = pim_jwk_get_public (key);

  return pub != NULL ? pub : g_object_ref (key);
}

/* ---- base64url ---- */

static void
test_base64url_round_trip (void)
{
  for (gsize len = 0; len < 70; len++)
    {
      g_autofree guint8 *data = g_malloc (len + 1);
      g_autofree char   *text = NULL;
      g_autoptr (GBytes) back = NULL;
      g_autoptr (GError) error = NULL;

      for (gsize i = 0; i < len; i++)
        data[i] = (guint8) g_test_rand_int_range (0, 256);
      text = pim_base64url_encode (data, len);
      g_assert_null (strpbrk (text, "+/="));
      back = pim_base64url_decode (text, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (back, NULL), g_bytes_get_size (back), data, len);
    }
}

static void
test_base64url_strict (void)
{
  const char *bad[] = { "QQ==", "QQ=",  "Q",  "QUJD\n", " QUJD", "QU JD",
                        "QU+D", "QU/D", "QR", "QUJ",    "QUJD!", "\xc3\xa9\xc3\xa9" };
  const char *good[] = { "", "QQ", "QUI", "QUJD", "_-8" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) out = pim_base64url_decode (bad[i], &error);

      if (out != NULL)
        g_error ("“%s” decoded", bad[i]);
      g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      G_GNUC_UNUSED g_autoptr (GBytes) out = pim_base64url_decode (good[i], &error);

      g_assert_no_error (error);
    }
  /* Exactly one encoding per byte string: unused bits must be zero. */
  {
    g_autoptr (GError) error = NULL;
    G_GNUC_UNUSED g_autoptr (GBytes) out = pim_base64url_decode ("QR", &error);

    g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED);
  }
}

/* ---- JWK ---- */

static void
test_jwk_parse_errors (void)
{
  struct
  {
    const char *json;
    int         code;
  } cases[] = {
    { "", PIM_JOSE_ERROR_MALFORMED },
    { "[]", PIM_JOSE_ERROR_MALFORMED },
    { "{}", PIM_JOSE_ERROR_MALFORMED },
    { "{\"kty\":1}", PIM_JOSE_ERROR_MALFORMED },
    { "{\"kty\":\"XYZ\"}", PIM_JOSE_ERROR_UNSUPPORTED_ALG },
    { "{\"kty\":\"oct\",\"k\":\"AAAA\",\"k\":\"BBBB\"}", PIM_JOSE_ERROR_MALFORMED },
    { "{\"kty\":\"oct\",\"k\":\"AAAA\",\"kid\":7}", PIM_JOSE_ERROR_MALFORMED },
    { "{\"kty\":\"oct\",\"k\":\"AAAA\",\"key_ops\":[\"sign\",\"sign\"]}",
      PIM_JOSE_ERROR_MALFORMED },
    { "{\"kty\":\"oct\",\"k\":\"AAAA\",\"x5c\":\"notarray\"}", PIM_JOSE_ERROR_MALFORMED },
    { "{\"kty\":\"oct\",\"k\":\"AA==\"}", PIM_JOSE_ERROR_MALFORMED },
    { "{\"kty\":\"oct\",\"k\":\"\"}", PIM_JOSE_ERROR_MALFORMED },
    { "{\"kty\":\"RSA\",\"e\":\"AQAB\"}", PIM_JOSE_ERROR_MALFORMED },
    { "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AAAA\",\"y\":\"AAAA\"}",
      PIM_JOSE_ERROR_MALFORMED },
    { "{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"x\":\"AAAA\",\"y\":\"AAAA\"}",
      PIM_JOSE_ERROR_UNSUPPORTED_ALG },
    { "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"AAAA\"}", PIM_JOSE_ERROR_UNSUPPORTED_ALG },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimJwk) key = pim_jwk_new_from_json (cases[i].json, &error);

      if (key != NULL || !g_error_matches (error, PIM_JOSE_ERROR, cases[i].code))
        g_error ("%s: expected code %d, got %s", cases[i].json, cases[i].code,
                 error != NULL ? error->message : "a key");
    }
}

/* A point off the curve: y changed by one bit. */
static void
test_jwk_point_not_on_curve (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) object = pim_jwk_to_object (key_for ("ES256"), FALSE);
  g_autoptr (GBytes) y = pim_base64url_decode (json_object_get_string_member (object, "y"), NULL);
  g_autofree guint8 *bent = g_memdup2 (g_bytes_get_data (y, NULL), g_bytes_get_size (y));
  g_autofree char   *bent_text = NULL;
  g_autoptr (PimJwk) key = NULL;

  bent[g_bytes_get_size (y) - 1] ^= 1;
  bent_text = pim_base64url_encode (bent, g_bytes_get_size (y));
  json_object_set_string_member (object, "y", bent_text);
  key = pim_jwk_new_from_object (object, &error);
  g_assert_null (key);
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);
}

static void
test_jwk_round_trip (gconstpointer data)
{
  const char *alg = data;
  PimJwk     *key = key_for (alg);
  g_autoptr (GError) error = NULL;
  g_autofree char *private_json = pim_jwk_to_json (key, TRUE);
  g_autofree char *public_json = pim_jwk_to_json (key, FALSE);
  g_autoptr (PimJwk) private_back = pim_jwk_new_from_json (private_json, &error);
  g_autoptr (PimJwk) public_back = NULL;
  g_autoptr (PimJwk) pub = pim_jwk_get_public (key);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  g_assert_true (pim_jwk_is_private (key));
  g_assert_true (pim_jwk_is_private (private_back));
  g_assert_cmpstr (pim_jwk_get_algorithm (key), ==, alg);
  g_assert_cmpstr (pim_jwk_get_key_id (key), ==, pim_jwk_get_thumbprint (key));
  g_assert_cmpstr (pim_jwk_get_thumbprint (private_back), ==, pim_jwk_get_thumbprint (key));
  again = pim_jwk_to_json (private_back, TRUE);
  g_assert_cmpstr (again, ==, private_json);

  if (g_str_has_prefix (alg, "HS"))
    {
      /* A shared secret has no public part, and is never shown without
       * asking for private members. */
      g_assert_null (pub);
      g_assert_null (strstr (public_json, "\"k\""));
      return;
    }
  g_assert_null (strstr (public_json, "\"d\""));
  public_back = pim_jwk_new_from_json (public_json, &error);
  g_assert_no_error (error);
  g_assert_false (pim_jwk_is_private (public_back));
  g_assert_false (pim_jwk_is_private (pub));
  g_assert_cmpstr (pim_jwk_get_thumbprint (public_back), ==, pim_jwk_get_thumbprint (key));
  g_assert_cmpstr (pim_jwk_get_thumbprint (pub), ==, pim_jwk_get_thumbprint (key));
  g_assert_cmpstr (pim_jwk_get_key_id (pub), ==, pim_jwk_get_key_id (key));
}

static void
test_jwk_pem_round_trip (gconstpointer data)
{
  const char *alg = data;
  PimJwk     *key = key_for (alg);
  g_autoptr (GError) error = NULL;
  g_autofree char *private_pem = pim_jwk_to_pem (key, TRUE, &error);
  g_autofree char *public_pem = NULL;
  g_autoptr (PimJwk) from_private = NULL;
  g_autoptr (PimJwk) from_public = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (private_pem, "-----BEGIN PRIVATE KEY-----"));
  public_pem = pim_jwk_to_pem (key, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (public_pem, "-----BEGIN PUBLIC KEY-----"));

  from_private = pim_jwk_new_from_pem (private_pem, alg, "k1", &error);
  g_assert_no_error (error);
  g_assert_true (pim_jwk_is_private (from_private));
  g_assert_cmpstr (pim_jwk_get_key_id (from_private), ==, "k1");
  g_assert_cmpstr (pim_jwk_get_thumbprint (from_private), ==, pim_jwk_get_thumbprint (key));
  from_public = pim_jwk_new_from_pem (public_pem, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (pim_jwk_is_private (from_public));
  g_assert_cmpstr (pim_jwk_get_thumbprint (from_public), ==, pim_jwk_get_thumbprint (key));
}

static void
test_jwk_pem_alg_mismatch (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pem = pim_jwk_to_pem (key_for ("ES256"), FALSE, &error);
  g_autoptr (PimJwk) key = pim_jwk_new_from_pem (pem, "RS256", NULL, &error);

  g_assert_null (key);
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
}

static void
test_jwk_allows (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) enc = NULL;
  PimJwk *es256 = key_for ("ES256");
  g_autoptr (JsonObject) object = pim_jwk_to_object (key_for ("RS256"), FALSE);

  g_assert_true (pim_jwk_allows_algorithm (es256, "ES256"));
  g_assert_false (pim_jwk_allows_algorithm (es256, "ES384"));
  g_assert_false (pim_jwk_allows_algorithm (es256, "RS256"));
  g_assert_false (pim_jwk_allows_algorithm (es256, "none"));
  g_assert_false (pim_jwk_allows_algorithm (key_for ("RS256"), "PS256")); /* alg: RS256 */
  g_assert_false (pim_jwk_allows_algorithm (key_for ("RS256"), "HS256"));

  json_object_remove_member (object, "alg");
  json_object_set_string_member (object, "use", "enc");
  enc = pim_jwk_new_from_object (object, &error);
  g_assert_no_error (error);
  g_assert_false (pim_jwk_allows_algorithm (enc, "RS256"));
}

/* Parameters are kept as they came, and key_ops restrict use. */
static void
test_jwk_parameters_kept (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) object = pim_jwk_to_object (key_for ("ES256"), FALSE);
  g_autoptr (JsonArray) x5c = json_array_new ();
  g_autoptr (JsonArray) ops = json_array_new ();
  g_autoptr (PimJwk) key = NULL;
  g_autoptr (PimJwk) pub = NULL;
  g_autofree char *json = NULL;

  json_array_add_string_element (x5c, "MIIBcert1");
  json_array_add_string_element (x5c, "MIIBcert2");
  json_array_add_string_element (ops, "encrypt");
  json_object_set_array_member (object, "x5c", json_array_ref (x5c));
  json_object_set_array_member (object, "key_ops", json_array_ref (ops));
  json_object_set_string_member (object, "x5t#S256", "thumb-of-cert");
  json_object_set_string_member (object, "use", "sig");
  json_object_set_string_member (object, "x-extension", "kept");
  key = pim_jwk_new_from_object (object, &error);
  g_assert_no_error (error);

  g_assert_cmpstrv (pim_jwk_get_x5c (key),
                    ((const char *const[]){ "MIIBcert1", "MIIBcert2", NULL }));
  g_assert_cmpstrv (pim_jwk_get_key_ops (key), ((const char *const[]){ "encrypt", NULL }));
  g_assert_cmpstr (pim_jwk_get_x5t_s256 (key), ==, "thumb-of-cert");
  g_assert_cmpstr (pim_jwk_get_use (key), ==, "sig");
  g_assert_cmpstr (pim_jwk_get_curve (key), ==, "P-256");
  g_assert_cmpstr (pim_jwk_get_key_type (key), ==, "EC");
  g_assert_cmpuint (pim_jwk_get_size (key), ==, 256);
  json = pim_jwk_to_json (key, FALSE);
  g_assert_nonnull (strstr (json, "\"x-extension\":\"kept\""));
  g_assert_nonnull (strstr (json, "\"x5t#S256\":\"thumb-of-cert\""));
  pub = pim_jwk_get_public (key);
  g_assert_cmpstrv (pim_jwk_get_x5c (pub), pim_jwk_get_x5c (key));

  /* key_ops without "verify": never used to verify. */
  g_assert_false (pim_jwk_allows_algorithm (key, "ES256"));
}

static void
test_jwk_from_secret (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) secret = g_bytes_new_static ("0123456789abcdef0123456789abcdef", 32);
  g_autoptr (GBytes) short_secret = g_bytes_new_static ("0123456789abcdef", 16);
  g_autoptr (PimJwk) key = pim_jwk_new_from_secret (secret, "HS256", "shared", &error);
  g_autoptr (PimJwk) weak = NULL;
  g_autoptr (PimJwk) rsa = NULL;
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autofree char *token = NULL;
  g_autoptr (PimJws) jws = NULL;
  const char *const hs256[] = { "HS256", NULL };
  const char *const rs256[] = { "RS256", NULL };

  g_assert_no_error (error);
  g_assert_cmpstr (pim_jwk_get_key_type (key), ==, "oct");
  g_assert_cmpstr (pim_jwk_get_key_id (key), ==, "shared");
  g_assert_cmpuint (pim_jwk_get_size (key), ==, 256);
  token = pim_jwt_sign (claims, key, NULL, NULL, &error);
  g_assert_no_error (error);

  /* verify_with_key: the one key, the caller's algorithms. */
  jws = pim_jws_parse (token, &error);
  g_assert_no_error (error);
  g_assert_true (pim_jws_verify_with_key (jws, key, hs256, &error));
  g_assert_no_error (error);
  g_assert_false (pim_jws_verify_with_key (jws, key, rs256, &error));
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
  g_clear_error (&error);

  /* A secret shorter than the hash cannot sign. */
  weak = pim_jwk_new_from_secret (short_secret, "HS256", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&token, g_free);
  token = pim_jwt_sign (claims, weak, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_WEAK_KEY);
  g_clear_error (&error);

  /* Nor is a small RSA key generated. */
  rsa = pim_jwk_generate_rsa (1024, "RS256", &error);
  g_assert_null (rsa);
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_WEAK_KEY);
}

/* ---- JWK Set ---- */

static void
test_jwk_set_skips (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *rsa = pim_jwk_to_json (key_for ("RS256"), FALSE);
  g_autofree char *json = g_strdup_printf ("{\"keys\":[{\"kty\":\"XYZ\",\"kid\":\"odd\"},%s,7,"
                                           "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\"}]}",
                                           rsa);
  g_autoptr (PimJwkSet) set = pim_jwk_set_new_from_json (json, &error);
  const char *const *skipped;

  g_assert_no_error (error);
  g_assert_cmpuint (pim_jwk_set_get_n_keys (set), ==, 1);
  skipped = pim_jwk_set_get_skipped (set);
  g_assert_cmpuint (g_strv_length ((GStrv) skipped), ==, 3);
  g_assert_true (g_str_has_prefix (skipped[0], "Key 0"));
  g_assert_true (g_str_has_prefix (skipped[1], "Key 2"));
  g_assert_true (g_str_has_prefix (skipped[2], "Key 3"));
}

static void
test_jwk_set_errors (void)
{
  const char *bad[] = {
    "", "[]", "{}", "{\"keys\":{}}", "{\"keys\":[],\"keys\":[]}", "{\"keys\":[]} x"
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimJwkSet) set = pim_jwk_set_new_from_json (bad[i], &error);

      g_assert_null (set);
      g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED);
    }
}

static void
test_jwk_set_find (void)
{
  g_autoptr (PimJwk) rs = public_of (key_for ("RS256"));
  g_autoptr (PimJwk) es = public_of (key_for ("ES256"));
  g_autoptr (PimJwkSet) set = set_of (rs, es, NULL);
  g_autoptr (GPtrArray) by_kid = pim_jwk_set_find (set, pim_jwk_get_key_id (es), NULL);
  g_autoptr (GPtrArray) by_alg = pim_jwk_set_find (set, NULL, "RS256");
  g_autoptr (GPtrArray) none = pim_jwk_set_find (set, pim_jwk_get_key_id (es), "RS256");
  g_autoptr (GError) error = NULL;
  g_autofree char *json = pim_jwk_set_to_json (set, FALSE);
  g_autoptr (PimJwkSet) back = pim_jwk_set_new_from_json (json, &error);

  g_assert_cmpuint (by_kid->len, ==, 1);
  g_assert_true (by_kid->pdata[0] == es);
  g_assert_cmpuint (by_alg->len, ==, 1);
  g_assert_true (by_alg->pdata[0] == rs);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (pim_jwk_set_get_n_keys (back), ==, 2);
}

/* ---- JWS and JWT ---- */

static void
test_sign_verify (gconstpointer data)
{
  const char *alg = data;
  PimJwk     *key = key_for (alg);
  g_autoptr (PimJwk) pub = public_of (key);
  g_autoptr (PimJwkSet) set = set_of (pub, NULL);
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  g_autoptr (PimJwt) jwt = NULL;
  const char *const allowed[] = { alg, NULL };
  gint64            exp = 0;

  json_object_set_string_member (claims, "iss", "https://op.example");
  json_object_set_int_member (claims, "exp", 2000000000);
  token = pim_jwt_sign (claims, key, NULL, NULL, &error);
  g_assert_no_error (error);

  jwt = pim_jwt_parse_and_verify (token, set, allowed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_jwt_get_string_claim (jwt, "iss"), ==, "https://op.example");
  g_assert_true (pim_jwt_get_int_claim (jwt, "exp", &exp));
  g_assert_cmpint (exp, ==, 2000000000);
  g_assert_null (pim_jwt_get_string_claim (jwt, "exp"));
  g_assert_cmpstr (pim_jws_get_algorithm (pim_jwt_get_jws (jwt)), ==, alg);
  g_assert_cmpstr (pim_jws_get_media_type (pim_jwt_get_jws (jwt)), ==, "JWT");
  g_assert_cmpstr (pim_jws_get_key_id (pim_jwt_get_jws (jwt)), ==, pim_jwk_get_key_id (key));

  /* One flipped bit anywhere in the signature fails. */
  {
    g_autofree char *tampered = g_strdup (token);
    char            *last = tampered + strlen (tampered) - 2;
    g_autoptr (PimJwt) bad = NULL;

    *last = *last == 'A' ? 'B' : 'A';
    bad = pim_jwt_parse_and_verify (tampered, set, allowed, &error);
    g_assert_null (bad);
    g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_INVALID_SIGNATURE);
  }
}

static void
test_verify_tries_every_candidate (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) other = pim_jwk_generate ("ES256", &error);
  g_autoptr (PimJwk) other_pub = public_of (other);
  g_autoptr (PimJwk) pub = public_of (key_for ("ES256"));
  g_autoptr (PimJwkSet) set = set_of (other_pub, pub, NULL);
  g_autoptr (GBytes) payload = g_bytes_new_static ("{}", 2);
  const char *const allowed[] = { "ES256", NULL };
  g_autofree char  *no_kid = NULL;
  g_autoptr (PimJws) jws = NULL;
  g_autoptr (PimJwk) used = NULL;

  /* No kid: every key of the type is tried, the second verifies. */
  {
    g_autoptr (JsonObject) bare = pim_jwk_to_object (key_for ("ES256"), TRUE);
    g_autoptr (PimJwk) anonymous = NULL;

    json_object_remove_member (bare, "kid");
    anonymous = pim_jwk_new_from_object (bare, &error);
    g_assert_no_error (error);
    no_kid = pim_jws_sign (payload, anonymous, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  jws = pim_jws_parse (no_kid, &error);
  g_assert_no_error (error);
  g_assert_null (pim_jws_get_key_id (jws));
  used = pim_jws_verify (jws, set, allowed, &error);
  g_assert_no_error (error);
  g_assert_true (used == pub);
}

static void
test_verify_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) rs_pub = public_of (key_for ("RS256"));
  g_autoptr (PimJwkSet) set = set_of (rs_pub, NULL);
  g_autoptr (PimJwkSet) empty = pim_jwk_set_new ();
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autofree char *rs_token = pim_jwt_sign (claims, key_for ("RS256"), NULL, NULL, &error);
  g_autofree char *es_token = pim_jwt_sign (claims, key_for ("ES256"), NULL, NULL, &error);
  g_autoptr (JsonObject) header = json_object_new ();
  g_autofree char *hs_token = NULL;
  struct
  {
    const char       *token;
    PimJwkSet        *set;
    const char *const allowed[3];
    int               code;
  } cases[] = {
    { rs_token, set, { "ES256", NULL }, PIM_JOSE_ERROR_ALG_NOT_ALLOWED },
    { rs_token, set, { NULL }, PIM_JOSE_ERROR_ALG_NOT_ALLOWED },
    { rs_token, set, { "RS256", "XX1", NULL }, PIM_JOSE_ERROR_UNSUPPORTED_ALG },
    { rs_token, empty, { "RS256", NULL }, PIM_JOSE_ERROR_KEY_NOT_FOUND },
    { es_token, set, { "ES256", NULL }, PIM_JOSE_ERROR_KEY_NOT_FOUND }, /* other kid */
  };

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (PimJwt) jwt =
          pim_jwt_parse_and_verify (cases[i].token, cases[i].set, cases[i].allowed, &error);

      g_assert_null (jwt);
      if (!g_error_matches (error, PIM_JOSE_ERROR, cases[i].code))
        g_error ("case %zu: expected %d, got %s", i, cases[i].code, error->message);
      g_clear_error (&error);
    }

  /* HS256 "signed" with the RSA key's kid: the RSA key is never a secret. */
  json_object_set_string_member (header, "kid", pim_jwk_get_key_id (rs_pub));
  hs_token = pim_jwt_sign (claims, key_for ("HS256"), NULL, header, &error);
  g_assert_no_error (error);
  {
    const char *const allowed[] = { "HS256", "RS256", NULL };
    g_autoptr (PimJwt) jwt = pim_jwt_parse_and_verify (hs_token, set, allowed, &error);

    g_assert_null (jwt);
    g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
  }
}

static void
test_parse_strict (void)
{
  struct
  {
    const char *token;
    int         code;
  } cases[] = {
    { "", PIM_JOSE_ERROR_MALFORMED },
    { "a.b", PIM_JOSE_ERROR_MALFORMED },
    { "a.b.c.d", PIM_JOSE_ERROR_MALFORMED },
    { ".e30.c2ln", PIM_JOSE_ERROR_MALFORMED },
    { "eyJhbGciOiJSUzI1NiJ9.e30.", PIM_JOSE_ERROR_MALFORMED },
    { "eyJhbGciOiJSUzI1NiJ9.e30.c2ln ", PIM_JOSE_ERROR_MALFORMED },
    { "eyJhbGciOiJSUzI1NiJ9=.e30.c2ln", PIM_JOSE_ERROR_MALFORMED },
    { "eyJhbGciOiJSUzI1NiJ9.e30.c2l+", PIM_JOSE_ERROR_MALFORMED },
    /* {"alg":"none"} and {"alg":"NoNe"} */
    { "eyJhbGciOiJub25lIn0.e30.c2ln", PIM_JOSE_ERROR_ALG_NONE },
    { "eyJhbGciOiJOb05lIn0.e30.c2ln", PIM_JOSE_ERROR_ALG_NONE },
    /* [] as header; {"alg":1}; {} */
    { "W10.e30.c2ln", PIM_JOSE_ERROR_MALFORMED },
    { "eyJhbGciOjF9.e30.c2ln", PIM_JOSE_ERROR_MALFORMED },
    { "e30.e30.c2ln", PIM_JOSE_ERROR_MALFORMED },
    /* {"alg":"RS256","alg":"HS256"} */
    { "eyJhbGciOiJSUzI1NiIsImFsZyI6IkhTMjU2In0.e30.c2ln", PIM_JOSE_ERROR_MALFORMED },
    /* {"alg":"RS256","crit":["x"],"x":1} */
    { "eyJhbGciOiJSUzI1NiIsImNyaXQiOlsieCJdLCJ4IjoxfQ.e30.c2ln",
      PIM_JOSE_ERROR_UNSUPPORTED_CRITICAL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimJws) jws = pim_jws_parse (cases[i].token, &error);

      if (jws != NULL || !g_error_matches (error, PIM_JOSE_ERROR, cases[i].code))
        g_error ("%s: expected code %d, got %s", cases[i].token, cases[i].code,
                 error != NULL ? error->message : "a token");
    }

  /* A JWT's payload must be an object: [] here. */
  {
    g_autoptr (GError) error = NULL;
    G_GNUC_UNUSED g_autoptr (PimJwt) jwt = pim_jwt_parse ("eyJhbGciOiJSUzI1NiJ9.W10.c2ln", &error);

    g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED);
  }
  /* Oversized tokens are refused before any work. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *huge = g_strnfill (PIM_JWS_MAX_TOKEN_SIZE + 1, 'A');
    G_GNUC_UNUSED    g_autoptr (PimJws) jws = pim_jws_parse (huge, &error);

    g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED);
  }
}

/* The header and claims objects are built on first use: threads asking at
 * once all get the same one. */
static gpointer
get_trees (gpointer data)
{
  PimJwt      *jwt = data;
  JsonObject **out = g_new (JsonObject *, 2);

  out[0] = pim_jwt_get_claims (jwt);
  out[1] = pim_jws_get_header (pim_jwt_get_jws (jwt));
  return out;
}

static void
test_lazy_trees_threads (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autofree char *token = NULL;
  g_autoptr (PimJwt) jwt = NULL;
  GThread     *threads[8];
  JsonObject **first = NULL;

  json_object_set_string_member (claims, "sub", "racer");
  token = pim_jwt_sign (claims, key_for ("HS256"), NULL, NULL, &error);
  g_assert_no_error (error);
  jwt = pim_jwt_parse (token, &error);
  g_assert_no_error (error);

  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("tree", get_trees, jwt);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      JsonObject **got = g_thread_join (threads[i]);

      g_assert_nonnull (got[0]);
      g_assert_nonnull (got[1]);
      if (first == NULL)
        first = got;
      else
        {
          g_assert_true (got[0] == first[0]);
          g_assert_true (got[1] == first[1]);
          g_free (got);
        }
    }
  g_assert_cmpstr (json_object_get_string_member (first[0], "sub"), ==, "racer");
  g_assert_cmpstr (json_object_get_string_member (first[1], "alg"), ==, "HS256");
  g_free (first);
}

/* ---- RFC vectors ---- */

static JsonObject *
load_vectors (const char *name, JsonNode **keep)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "jose-vectors", name, NULL);
  g_autofree char *text = NULL;
  gsize            len = 0;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  *keep = json_from_string (text, &error);
  g_assert_no_error (error);
  return json_node_get_object (*keep);
}

static void
test_vectors (gconstpointer data)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *root = load_vectors (data, &keep);
  JsonArray  *cases = json_object_get_array_member (root, "cases");
  guint       checked = 0;

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *name = json_object_get_string_member (c, "name");
      g_autoptr (GError) error = NULL;
      g_autoptr (PimJwk) key = NULL;
      JsonNode *jwk = json_object_get_member (c, "jwk");

      if (jwk == NULL || !JSON_NODE_HOLDS_OBJECT (jwk))
        continue;
      key = pim_jwk_new_from_object (json_node_get_object (jwk), &error);
      if (error != NULL)
        g_error ("%s: %s", name, error->message);

      if (json_object_has_member (c, "thumbprint"))
        {
          g_assert_cmpstr (pim_jwk_get_thumbprint (key), ==,
                           json_object_get_string_member (c, "thumbprint"));
          checked++;
        }
      if (json_object_has_member (c, "token") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (c, "token")))
        {
          const char       *token = json_object_get_string_member (c, "token");
          const char       *alg = json_object_get_string_member (c, "alg");
          const char *const allowed[] = { alg, NULL };
          g_autoptr (PimJws) jws = pim_jws_parse (token, &error);
          g_autoptr (PimJwk) pub = public_of (key);
          g_autoptr (PimJwkSet) set = set_of (pub, NULL);
          g_autoptr (PimJwk) used = NULL;

          if (error != NULL)
            g_error ("%s: %s", name, error->message);
          used = pim_jws_verify (jws, set, allowed, &error);
          if (strcmp (json_object_get_string_member (c, "expect"), "valid") == 0)
            {
              const char *payload = json_object_get_string_member (c, "payload");
              GBytes     *got = pim_jws_get_payload (jws);

              if (error != NULL)
                g_error ("%s: %s", name, error->message);
              g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), payload,
                               strlen (payload));
            }
          else
            {
              g_assert_cmpstr (json_object_get_string_member (c, "expect"), ==,
                               "invalid_signature");
              g_assert_null (used);
              g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_INVALID_SIGNATURE);
            }
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 0);
}

/* RFC 8037 A.4: Ed25519 is deterministic, so Pim's token is the RFC's. */
static void
test_rfc8037_exact (void)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *root = load_vectors ("rfc8037.json", &keep);
  JsonArray  *cases = json_object_get_array_member (root, "cases");
  gboolean    found = FALSE;

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autoptr (GError) error = NULL;
      g_autoptr (PimJwk) key = NULL;
      g_autoptr (GBytes) payload = NULL;
      g_autofree char *token = NULL;
      const char      *payload_text;

      if (!json_object_has_member (c, "token") || !json_object_has_member (c, "jwk") ||
          !json_object_get_boolean_member_with_default (c, "deterministic", FALSE) ||
          !json_object_has_member (json_object_get_object_member (c, "jwk"), "d"))
        continue;
      key = pim_jwk_new_from_object (json_object_get_object_member (c, "jwk"), &error);
      g_assert_no_error (error);
      payload_text = json_object_get_string_member (c, "payload");
      payload = g_bytes_new (payload_text, strlen (payload_text));
      token = pim_jws_sign (payload, key, "EdDSA", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (token, ==, json_object_get_string_member (c, "token"));
      found = TRUE;
    }
  g_assert_true (found);
}

/* The algorithm a key signs with when none is named: one choice for the
 * client assertions, DPoP keys and the FAPI profile's checks. */
static void
test_jwk_signing_algorithm (void)
{
  static const struct
  {
    const char *generate, *expected;
  } cases[] = {
    { "PS384", "RS256" }, { "ES256", "ES256" }, { "ES384", "ES384" },
    { "ES512", "ES512" }, { "EdDSA", "EdDSA" }, { "HS256", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimJwk) key = pim_jwk_generate (cases[i].generate, &error);
      g_autoptr (JsonObject) object = NULL;
      g_autoptr (PimJwk) bare = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (pim_jwk_get_signing_algorithm (key), ==,
                       pim_jwk_get_algorithm (key) != NULL ? pim_jwk_get_algorithm (key)
                                                           : cases[i].expected);
      object = pim_jwk_to_object (key, TRUE);
      json_object_remove_member (object, "alg");
      bare = pim_jwk_new_from_object (object, &error);
      g_assert_no_error (error);
      g_assert_null (pim_jwk_get_algorithm (bare));
      g_assert_cmpstr (pim_jwk_get_signing_algorithm (bare), ==, cases[i].expected);
    }
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jose/base64url/round-trip", test_base64url_round_trip);
  g_test_add_func ("/jose/base64url/strict", test_base64url_strict);
  g_test_add_func ("/jose/jwk/parse-errors", test_jwk_parse_errors);
  g_test_add_func ("/jose/jwk/signing-algorithm", test_jwk_signing_algorithm);
  g_test_add_func ("/jose/jwk/point-not-on-curve", test_jwk_point_not_on_curve);
  g_test_add_func ("/jose/jwk/pem-alg-mismatch", test_jwk_pem_alg_mismatch);
  g_test_add_func ("/jose/jwk/allows-algorithm", test_jwk_allows);
  g_test_add_func ("/jose/jwk/parameters-kept", test_jwk_parameters_kept);
  g_test_add_func ("/jose/jwk/from-secret", test_jwk_from_secret);
  for (gsize i = 0; all_algs[i] != NULL; i++)
    {
      g_autofree char *json = g_strdup_printf ("/jose/jwk/round-trip/%s", all_algs[i]);
      g_autofree char *pem = g_strdup_printf ("/jose/jwk/pem-round-trip/%s", all_algs[i]);
      g_autofree char *sign = g_strdup_printf ("/jose/jwt/sign-verify/%s", all_algs[i]);

      g_test_add_data_func (json, all_algs[i], test_jwk_round_trip);
      if (!g_str_has_prefix (all_algs[i], "HS"))
        g_test_add_data_func (pem, all_algs[i], test_jwk_pem_round_trip);
      g_test_add_data_func (sign, all_algs[i], test_sign_verify);
    }
  g_test_add_func ("/jose/jwk-set/skips-unusable-keys", test_jwk_set_skips);
  g_test_add_func ("/jose/jwk-set/errors", test_jwk_set_errors);
  g_test_add_func ("/jose/jwk-set/find", test_jwk_set_find);
  g_test_add_func ("/jose/jws/parse-strict", test_parse_strict);
  g_test_add_func ("/jose/jws/verify-tries-every-candidate", test_verify_tries_every_candidate);
  g_test_add_func ("/jose/jws/verify-errors", test_verify_errors);
  g_test_add_func ("/jose/jwt/lazy-trees-threads", test_lazy_trees_threads);
  g_test_add_data_func ("/jose/vectors/rfc7515", "rfc7515.json", test_vectors);
  g_test_add_data_func ("/jose/vectors/rfc7520", "rfc7520.json", test_vectors);
  g_test_add_data_func ("/jose/vectors/rfc8037", "rfc8037.json", test_vectors);
  g_test_add_data_func ("/jose/vectors/rfc7638", "rfc7638.json", test_vectors);
  g_test_add_func ("/jose/vectors/rfc8037-exact-signature", test_rfc8037_exact);

  ret = g_test_run ();
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    g_clear_object (&keys[i]);
  return ret;
}
