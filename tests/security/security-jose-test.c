/* security-jose-test.c: the security controls of signed tokens: algorithm
 * confusion and downgrade, `alg: none`, duplicate key IDs, and constant-time
 * comparisons of secrets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The program is linked with -Wl,--wrap=CRYPTO_memcmp (see meson.build):
 * every call Pim's own objects make to libcrypto's constant-time comparison
 * goes through __wrap_CRYPTO_memcmp below, which counts it and calls the
 * real one. A comparison rewritten with memcmp() or strcmp() no longer
 * counts, and /security/constant-time-comparisons fails. Calls libcrypto
 * makes inside itself are not counted.
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-crypto-private.h"
#include "pim-test-server.h"

#define ISSUER "https://op.example"
#define NOW    1790000000

/* ---- Counting libcrypto's constant-time comparisons ---- */

int __real_CRYPTO_memcmp (const void *a, const void *b, size_t len);
int __wrap_CRYPTO_memcmp (const void *a, const void *b, size_t len);

static gint ct_calls;

int
__wrap_CRYPTO_memcmp (const void *a, const void *b, size_t len)
{
  g_atomic_int_inc (&ct_calls);
  return __real_CRYPTO_memcmp (a, b, len);
}

/* ---- Keys and tokens ---- */

static PimJwk *rsa_key;    /* RS256 only, kid "rsa" */
static PimJwk *rsa_any;    /* the same RSA key without "alg": RS* and PS* */
static PimJwk *rsa_second; /* another RS256 key, kid "rsa" too */
static PimJwk *ec_key;     /* ES256, kid "ec" */

/* @key's public half, with @kid, and "alg" only if @alg is set. */
static PimJwk *
public_with (PimJwk *key, const char *kid, const char *alg)
{
  g_autoptr (PimJwk) pub = pim_jwk_get_public (key);
  g_autoptr (JsonObject) object = pim_jwk_to_object (pub, FALSE);
  g_autoptr (GError) error = NULL;
  PimJwk *result;

  json_object_remove_member (object, "alg");
  json_object_set_string_member (object, "kid", kid);
  if (alg != NULL)
    json_object_set_string_member (object, "alg", alg);
  result = pim_jwk_new_from_object (object, &error);
  g_assert_no_error (error);
  return result;
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

static JsonObject *
good_claims (void)
{
  JsonObject *claims = json_object_new ();

  json_object_set_string_member (claims, "iss", ISSUER);
  json_object_set_string_member (claims, "aud", "api");
  json_object_set_string_member (claims, "sub", "alice");
  json_object_set_int_member (claims, "iat", NOW - 10);
  json_object_set_int_member (claims, "exp", NOW + 300);
  return claims;
}

/* A token of good claims signed by @key with @alg, its header's kid @kid. */
static char *
mint (PimJwk *key, const char *alg, const char *kid)
{
  g_autoptr (JsonObject) claims = good_claims ();
  g_autoptr (JsonObject) header = json_object_new ();
  g_autoptr (GError) error = NULL;
  char *token;

  if (kid != NULL)
    json_object_set_string_member (header, "kid", kid);
  token = pim_jwt_sign (claims, key, alg, header, &error);
  g_assert_no_error (error);
  return token;
}

/* A token assembled by hand: header and payload JSON as given, and the
 * signature segment verbatim. */
static char *
assemble (const char *header_json, const char *payload_json, const char *signature)
{
  g_autofree char *header =
      pim_base64url_encode ((const guint8 *) header_json, strlen (header_json));
  g_autofree char *payload =
      pim_base64url_encode ((const guint8 *) payload_json, strlen (payload_json));

  return g_strconcat (header, ".", payload, ".", signature, NULL);
}

static const char *const asymmetric[] = { "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                                          "ES256", "ES384", "ES512", "EdDSA", NULL };

/* pim_jwt_parse_and_verify: the key set and allowed list, the error. */
static void
assert_refused (const char *token, PimJwkSet *keys, const char *const *allowed, int code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwt) jwt = pim_jwt_parse_and_verify (token, keys, allowed, &error);

  g_assert_null (jwt);
  g_assert_error (error, PIM_JOSE_ERROR, code);
}

static void
assert_verifies (const char *token, PimJwkSet *keys, const char *const *allowed, PimJwk *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwt) jwt = pim_jwt_parse (token, &error);
  g_autoptr (PimJwk) key = NULL;

  g_assert_no_error (error);
  key = pim_jwt_verify (jwt, keys, allowed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  if (expected != NULL)
    g_assert_cmpstr (pim_jwk_get_thumbprint (key), ==, pim_jwk_get_thumbprint (expected));
}

/* pim_validate_token with a static key set and default parameters (no
 * allowed-algorithms: every asymmetric one). */
static void
assert_validation_refused (const char *token, PimJwkSet *keys, GQuark domain, int code)
{
  g_autoptr (PimTokenValidationParameters) p = pim_token_validation_parameters_new (ISSUER, "api");
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = NULL;

  g_object_set (p, "key-set", keys, "current-time", (gint64) NOW, NULL);
  claims = pim_validate_token (token, p, NULL, NULL, &error);
  g_assert_null (claims);
  g_assert_error (error, domain, code);
}

/* ---- Algorithm confusion and downgrade ---- */

/* The token's header never widens what the verifier allows: the classic
 * HS256-with-the-RSA-public-key forgery, an RS256 key under a PS256 or
 * ES256 header, a stronger or weaker RSA hash, and the allowed list. */
static void
test_alg_confusion (void)
{
  g_autoptr (PimJwk) rsa_pub = public_with (rsa_key, "rsa", "RS256");
  g_autoptr (PimJwk) rsa_any_pub = public_with (rsa_any, "rsa", NULL);
  g_autoptr (PimJwkSet) pinned = set_of (rsa_pub, NULL);
  g_autoptr (PimJwkSet) unpinned = set_of (rsa_any_pub, NULL);
  g_autoptr (GError) error = NULL;
  const char *const rs256_only[] = { "RS256", NULL };
  const char *const careless[] = { "RS256", "HS256", "HS384", "HS512", NULL };
  const char *const with_es256[] = { "RS256", "ES256", NULL };
  const char *const with_ps256[] = { "RS256", "PS256", NULL };
  const char *const ps256_only[] = { "PS256", NULL };

  /* 1. HS256 signed with the RSA public key's bytes as the HMAC secret:
   * its PEM, its JWK, its modulus. */
  {
    g_autofree char *pem = pim_jwk_to_pem (rsa_pub, FALSE, &error);
    g_autofree char *jwk = pim_jwk_to_json (rsa_pub, FALSE);
    g_autoptr (JsonObject) object = pim_jwk_to_object (rsa_pub, FALSE);
    g_autoptr (GBytes) modulus =
        pim_base64url_decode (json_object_get_string_member (object, "n"), &error);
    GBytes *secrets[3];

    g_assert_no_error (error);
    secrets[0] = g_bytes_new (pem, strlen (pem));
    secrets[1] = g_bytes_new (jwk, strlen (jwk));
    secrets[2] = g_bytes_ref (modulus);
    for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
      {
        g_autoptr (PimJwk) hmac = pim_jwk_new_from_secret (secrets[i], "HS256", NULL, &error);
        g_autofree char *forged = NULL;

        g_assert_no_error (error);
        forged = mint (hmac, "HS256", "rsa");
        /* The default (asymmetric) list, an explicit RS256 one, and
         * validation's own default. */
        assert_refused (forged, pinned, asymmetric, PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
        assert_refused (forged, unpinned, rs256_only, PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
        assert_validation_refused (forged, unpinned, PIM_JOSE_ERROR,
                                   PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
        /* A careless caller allowing HMAC too: an RSA key is never an
         * HMAC secret. */
        assert_refused (forged, pinned, careless, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
        assert_refused (forged, unpinned, careless, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
        g_bytes_unref (secrets[i]);
      }
  }

  /* 2. A key pinned to RS256 (its JWK "alg") under other headers, even
   * when the caller allows them: PS256 and RS512 signatures made by the
   * very same private key, and an ES256 one by another key. */
  {
    g_autofree char *ps256 = mint (rsa_any, "PS256", "rsa");
    g_autofree char *rs512 = mint (rsa_any, "RS512", "rsa");
    g_autofree char *es256 = mint (ec_key, "ES256", "rsa");

    assert_refused (ps256, pinned, asymmetric, PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
    assert_refused (rs512, pinned, asymmetric, PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
    assert_refused (es256, pinned, asymmetric, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
    assert_refused (es256, unpinned, with_es256, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
    assert_validation_refused (ps256, pinned, PIM_JOSE_ERROR, PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
  }

  /* 3. The allowed list is respected: a key without "alg" can verify
   * PS256 (proven below), yet a list without PS256 refuses it, and a
   * weaker or stronger hash than the list names is refused too. */
  {
    g_autofree char *ps256 = mint (rsa_any, "PS256", "rsa");
    g_autofree char *rs384 = mint (rsa_any, "RS384", "rsa");
    g_autofree char *es256 = mint (ec_key, "ES256", "rsa");

    assert_verifies (ps256, unpinned, ps256_only, rsa_any_pub);
    assert_verifies (ps256, unpinned, with_ps256, rsa_any_pub);
    assert_refused (ps256, unpinned, rs256_only, PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
    assert_refused (rs384, unpinned, rs256_only, PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
    assert_refused (es256, unpinned, rs256_only, PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
    /* An empty or missing list allows nothing. */
    assert_refused (ps256, unpinned, (const char *const[]){ NULL }, PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
    assert_refused (ps256, unpinned, NULL, PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
  }

  /* 4. Validation parameters naming the algorithms: the same. */
  {
    g_autofree char *ps256 = mint (rsa_any, "PS256", "rsa");
    g_autoptr (PimTokenValidationParameters) p =
        pim_token_validation_parameters_new (ISSUER, "api");
    g_autoptr (PimClaims) claims = NULL;

    g_object_set (p, "key-set", unpinned, "current-time", (gint64) NOW, "allowed-algorithms",
                  rs256_only, NULL);
    claims = pim_validate_token (ps256, p, NULL, NULL, &error);
    g_assert_null (claims);
    g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
    g_clear_error (&error);
    g_object_set (p, "allowed-algorithms", ps256_only, NULL);
    claims = pim_validate_token (ps256, p, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (claims);
  }
}

/* ---- alg: none ---- */

static void
test_alg_none (void)
{
  static const char *const spellings[] = { "none", "None", "NONE", "nOnE" };
  static const char        payload[] = "{\"iss\":\"" ISSUER "\",\"aud\":\"api\",\"sub\":\"alice\","
                                       "\"iat\":1789999990,\"exp\":1790000300}";
  g_autoptr (PimJwk) rsa_pub = public_with (rsa_key, "rsa", "RS256");
  g_autoptr (PimJwkSet) keys = set_of (rsa_pub, NULL);
  const char *const with_none[] = { "RS256", "none", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autofree char *header = g_strdup_printf ("{\"alg\":\"%s\",\"kid\":\"rsa\"}", spellings[i]);
      /* Unsigned, and with a signature segment as some libraries accept. */
      const char *signatures[] = { "", "c2lnbmF0dXJl" };

      for (guint j = 0; j < G_N_ELEMENTS (signatures); j++)
        {
          g_autofree char *token = assemble (header, payload, signatures[j]);
          g_autoptr (GError) error = NULL;
          g_autoptr (PimJws) jws = pim_jws_parse (token, &error);
          g_autoptr (PimJwt) jwt = NULL;

          g_assert_null (jws);
          g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_ALG_NONE);
          g_clear_error (&error);
          jwt = pim_jwt_parse (token, &error);
          g_assert_null (jwt);
          g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_ALG_NONE);
          g_clear_error (&error);
          assert_refused (token, keys, asymmetric, PIM_JOSE_ERROR_ALG_NONE);
          /* Even a caller listing "none". */
          assert_refused (token, keys, with_none, PIM_JOSE_ERROR_ALG_NONE);
          assert_validation_refused (token, keys, PIM_JOSE_ERROR, PIM_JOSE_ERROR_ALG_NONE);
        }
    }

  /* A real algorithm with the signature stripped, and an empty "alg". */
  {
    g_autofree char *good = mint (rsa_key, "RS256", "rsa");
    g_autofree char *stripped = g_strndup (good, (gsize) (strrchr (good, '.') - good + 1));
    g_autofree char *empty_alg = assemble ("{\"alg\":\"\",\"kid\":\"rsa\"}", payload, "c2ln");
    g_autofree char *no_alg = assemble ("{\"kid\":\"rsa\"}", payload, "c2ln");
    g_autoptr (GError) error = NULL;
    g_autoptr (PimJws) jws = pim_jws_parse (stripped, &error);

    g_assert_null (jws);
    g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED);
    assert_validation_refused (stripped, keys, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED);
    assert_refused (empty_alg, keys, asymmetric, PIM_JOSE_ERROR_UNSUPPORTED_ALG);
    assert_refused (no_alg, keys, asymmetric, PIM_JOSE_ERROR_MALFORMED);
    /* The untouched token verifies: the refusals above are the control's. */
    assert_verifies (good, keys, asymmetric, rsa_pub);
  }
}

/* ---- Duplicate kid ---- */

/* Two keys share a kid: a token signed by either verifies, with the key
 * that signed it, whatever their order; an ES256 token picks the EC key of
 * a kid an RSA key also has; a forgery fails with every candidate. */
static void
test_duplicate_kid (void)
{
  g_autoptr (PimJwk) first = public_with (rsa_key, "dup", "RS256");
  g_autoptr (PimJwk) second = public_with (rsa_second, "dup", "RS256");
  g_autoptr (PimJwk) ec = public_with (ec_key, "dup", "ES256");
  g_autoptr (PimJwkSet) forward = set_of (first, second, ec, NULL);
  g_autoptr (PimJwkSet) backward = set_of (ec, second, first, NULL);
  g_autofree char *by_first = mint (rsa_key, "RS256", "dup");
  g_autofree char *by_second = mint (rsa_second, "RS256", "dup");
  g_autofree char *by_ec = mint (ec_key, "ES256", "dup");
  g_autoptr (PimJwk) stranger = NULL;
  g_autofree char *forged = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      PimJwkSet *keys = i == 0 ? forward : backward;
      g_autoptr (PimTokenValidationParameters) p =
          pim_token_validation_parameters_new (ISSUER, "api");

      assert_verifies (by_first, keys, asymmetric, first);
      assert_verifies (by_second, keys, asymmetric, second);
      assert_verifies (by_ec, keys, asymmetric, ec);

      /* And through validation. */
      g_object_set (p, "key-set", keys, "current-time", (gint64) NOW, NULL);
      for (guint j = 0; j < 3; j++)
        {
          const char *token = j == 0 ? by_first : j == 1 ? by_second : by_ec;
          g_autoptr (PimClaims) claims = pim_validate_token (token, p, NULL, NULL, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (pim_claims_get_subject (claims), ==, "alice");
        }
    }

  /* A key nobody published, under the shared kid: every candidate is
   * tried and fails. */
  stranger = pim_jwk_generate ("RS256", &error);
  g_assert_no_error (error);
  forged = mint (stranger, "RS256", "dup");
  assert_refused (forged, forward, asymmetric, PIM_JOSE_ERROR_INVALID_SIGNATURE);
}

/* ---- Constant-time comparisons ---- */

static guint
ct_count (void)
{
  return (guint) g_atomic_int_get (&ct_calls);
}

static PimAuthorizationResponse *
parse_with_state (PimAuthorizationRequest *request, const char *state, GError **error)
{
  g_autofree char *uri =
      g_strdup_printf ("http://127.0.0.1:48213/callback?code=c0de&state=%s", state);

  return pim_authorization_request_parse_response (request, uri,
                                                   PIM_AUTHORIZATION_RESPONSE_MODE_QUERY, error);
}

/* The state of an authorization response, the HMAC of an HS256 token, the
 * nonce and at_hash of an ID token: each comparison of a secret goes
 * through libcrypto's CRYPTO_memcmp (counted by the wrapper above), both
 * when it matches and when it does not, and gives the right verdict. A
 * timing measurement would be flaky; this fails as soon as a comparison
 * is rewritten with memcmp or strcmp. */
static void
test_constant_time_comparisons (void)
{
  g_autoptr (GError) error = NULL;
  guint before;

  /* 1. The state. */
  {
    g_autoptr (PimAuthorizationRequest) request =
        pim_authorization_request_new ("https://op.example/auth", "app",
                                       "http://127.0.0.1:48213/callback");
    g_autoptr (PimAuthorizationResponse) good = NULL;
    g_autoptr (PimAuthorizationResponse) bad = NULL;

    pim_authorization_request_set_state (request, "k7Qp2xZr9LmN4vTb");
    before = ct_count ();
    good = parse_with_state (request, "k7Qp2xZr9LmN4vTb", &error);
    g_assert_no_error (error);
    g_assert_nonnull (good);
    g_assert_cmpuint (ct_count (), >, before);

    before = ct_count ();
    bad = parse_with_state (request, "k7Qp2xZr9LmN4vTc", &error);
    g_assert_null (bad);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_STATE_MISMATCH);
    g_clear_error (&error);
    g_assert_cmpuint (ct_count (), >, before);
  }

  /* 2. The HMAC of an HS256 token, right and wrong (same length). */
  {
    g_autoptr (PimJwk) secret = pim_jwk_generate ("HS256", &error);
    g_autoptr (PimJwk) other = NULL;
    g_autoptr (PimJwkSet) keys = NULL;
    g_autofree char  *good = NULL;
    g_autofree char  *forged = NULL;
    const char *const hs256[] = { "HS256", NULL };

    g_assert_no_error (error);
    other = pim_jwk_generate ("HS256", &error);
    g_assert_no_error (error);
    keys = set_of (secret, NULL);
    good = mint (secret, "HS256", pim_jwk_get_key_id (secret));
    forged = mint (other, "HS256", pim_jwk_get_key_id (secret));

    before = ct_count ();
    assert_verifies (good, keys, hs256, secret);
    g_assert_cmpuint (ct_count (), >, before);
    before = ct_count ();
    assert_refused (forged, keys, hs256, PIM_JOSE_ERROR_INVALID_SIGNATURE);
    g_assert_cmpuint (ct_count (), >, before);
  }

  /* 3. The nonce and at_hash of an ID token. */
  {
    g_autoptr (PimJwk) rsa_pub = public_with (rsa_key, "rsa", "RS256");
    g_autoptr (PimJwkSet) keys = set_of (rsa_pub, NULL);
    g_autoptr (JsonObject) claims = good_claims ();
    g_autoptr (JsonObject) header = json_object_new ();
    g_autoptr (PimTokenValidationParameters) p =
        pim_token_validation_parameters_new (ISSUER, "api");
    g_autofree char *token = NULL;
    guint8           digest[64];
    gsize            len = pim_crypto_digest (PIM_DIGEST_SHA256, (const guint8 *) "access-token",
                                              strlen ("access-token"), digest);
    g_autofree char *at_hash = pim_base64url_encode (digest, len / 2);
    const char      *checks[][2] = {
           { "nonce", "n-0S6_WzA2Mj" },
           { "nonce", "n-0S6_WzA2Mk" },
           { "access-token", "access-token" },
           { "access-token", "access-tokeo" },
    };

    json_object_set_string_member (claims, "nonce", "n-0S6_WzA2Mj");
    json_object_set_string_member (claims, "at_hash", at_hash);
    json_object_set_string_member (header, "kid", "rsa");
    token = pim_jwt_sign (claims, rsa_key, "RS256", header, &error);
    g_assert_no_error (error);
    g_object_set (p, "key-set", keys, "current-time", (gint64) NOW, NULL);

    for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
      {
        g_autoptr (PimClaims) result = NULL;

        g_object_set (p, "nonce", NULL, "access-token", NULL, NULL);
        g_object_set (p, checks[i][0], checks[i][1], NULL);
        before = ct_count ();
        result = pim_validate_token (token, p, NULL, NULL, &error);
        g_assert_cmpuint (ct_count (), >, before);
        if (i % 2 == 0)
          {
            g_assert_no_error (error);
            g_assert_nonnull (result);
          }
        else
          {
            int code = i == 1 ? PIM_TOKEN_ERROR_NONCE_MISMATCH : PIM_TOKEN_ERROR_HASH_MISMATCH;

            g_assert_null (result);
            g_assert_error (error, PIM_TOKEN_ERROR, code);
            g_clear_error (&error);
          }
      }
  }
}

/* The thumbprints of sender-constrained tokens: cnf.x5t#S256 against the
 * client certificate, cnf.jkt against the DPoP key, a proof's ath against
 * the access token, and a server nonce's HMAC each go through the
 * constant-time comparison, matching or not (same lengths). */
static void
test_binding_constant_time (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_strdup (pim_test_server_get_certs_dir ());
  g_autofree char *client_path = g_build_filename (dir, "client.pem", NULL);
  g_autofree char *server_path = g_build_filename (dir, "server.pem", NULL);
  g_autoptr (GTlsCertificate) client = g_tls_certificate_new_from_file (client_path, &error);
  g_autoptr (GTlsCertificate) server = NULL;
  g_autofree char *thumbprint = NULL;
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autoptr (JsonObject) cnf = json_object_new ();
  guint before;

  g_assert_no_error (error);
  server = g_tls_certificate_new_from_file (server_path, &error);
  g_assert_no_error (error);
  thumbprint = pim_token_binding_compute_certificate_thumbprint (client, &error);
  g_assert_no_error (error);
  json_object_set_string_member (cnf, "x5t#S256", thumbprint);
  json_object_set_string_member (cnf, "jkt", thumbprint);
  json_object_set_object_member (claims, "cnf", json_object_ref (cnf));

  /* 1. x5t#S256 */
  before = ct_count ();
  g_assert_true (pim_token_binding_check_certificate (claims, client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ct_count (), >, before);
  before = ct_count ();
  g_assert_false (pim_token_binding_check_certificate (claims, server, &error));
  g_assert_error (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_CERTIFICATE_MISMATCH);
  g_clear_error (&error);
  g_assert_cmpuint (ct_count (), >, before);

  /* 2. jkt (the same 43-character length) */
  {
    g_autofree char *other = g_strdup (thumbprint);

    other[0] = other[0] == 'A' ? 'B' : 'A';
    before = ct_count ();
    g_assert_true (pim_token_binding_check_jkt (claims, thumbprint, &error));
    g_assert_cmpuint (ct_count (), >, before);
    before = ct_count ();
    g_assert_false (pim_token_binding_check_jkt (claims, other, &error));
    g_assert_error (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_KEY_MISMATCH);
    g_clear_error (&error);
    g_assert_cmpuint (ct_count (), >, before);
  }

  /* 3. ath, 4. the nonce's HMAC */
  {
    g_autoptr (PimDPoPProofValidator) validator = pim_dpop_proof_validator_new ();
    g_autoptr (PimJwk) pub = pim_jwk_get_public (ec_key);
    g_autofree char *nonce = pim_dpop_proof_validator_issue_nonce (validator);
    const char      *tokens[] = { "the-access-token", "the-access-tokeN" };

    g_object_set (validator, "require-nonce", TRUE, NULL);
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr (JsonObject) header = json_object_new ();
        g_autoptr (JsonObject) proof_claims = json_object_new ();
        g_autofree char *jti = g_strdup_printf ("ct-%u", i);
        g_autofree char *proof = NULL;
        g_autoptr (PimDPoPProof) result = NULL;
        guint8 hash[64];
        gsize  hash_len = pim_crypto_digest (PIM_DIGEST_SHA256, (const guint8 *) tokens[0],
                                             strlen (tokens[0]), hash);
        g_autofree char *ath = pim_base64url_encode (hash, hash_len);

        json_object_set_string_member (header, "typ", "dpop+jwt");
        json_object_set_object_member (header, "jwk", pim_jwk_to_object (pub, FALSE));
        json_object_set_string_member (proof_claims, "jti", jti);
        json_object_set_string_member (proof_claims, "htm", "GET");
        json_object_set_string_member (proof_claims, "htu", "https://api.example/r");
        json_object_set_int_member (proof_claims, "iat", g_get_real_time () / G_USEC_PER_SEC);
        json_object_set_string_member (proof_claims, "ath", ath);
        json_object_set_string_member (proof_claims, "nonce", nonce);
        proof = pim_jwt_sign (proof_claims, ec_key, "ES256", header, &error);
        g_assert_no_error (error);

        /* The nonce's MAC and the ath: two comparisons at least. */
        before = ct_count ();
        result = pim_dpop_proof_validator_validate (validator, proof, "GET",
                                                    "https://api.example/r", tokens[i], &error);
        if (i == 0)
          g_assert_no_error (error);
        else
          {
            g_assert_error (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_ATH_MISMATCH);
            g_clear_error (&error);
          }
        g_assert_cmpuint (ct_count (), >=, before + 2);
      }
  }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  rsa_key = pim_jwk_generate ("RS256", &error);
  g_assert_no_error (error);
  rsa_second = pim_jwk_generate ("RS256", &error);
  g_assert_no_error (error);
  ec_key = pim_jwk_generate ("ES256", &error);
  g_assert_no_error (error);
  {
    g_autoptr (JsonObject) object = pim_jwk_to_object (rsa_key, TRUE);

    json_object_remove_member (object, "alg");
    rsa_any = pim_jwk_new_from_object (object, &error);
    g_assert_no_error (error);
  }

  g_test_add_func ("/security/alg-confusion", test_alg_confusion);
  g_test_add_func ("/security/alg-none", test_alg_none);
  g_test_add_func ("/security/duplicate-kid", test_duplicate_kid);
  g_test_add_func ("/security/constant-time-comparisons", test_constant_time_comparisons);
  g_test_add_func ("/security/binding-constant-time", test_binding_constant_time);

  ret = g_test_run ();
  g_clear_object (&rsa_key);
  g_clear_object (&rsa_any);
  g_clear_object (&rsa_second);
  g_clear_object (&ec_key);
  return ret;
}
