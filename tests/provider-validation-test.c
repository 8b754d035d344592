/* provider-validation-test.c: pim_validate_token on tokens from the real
 * local provider, keys found through its discovery document: JWT access
 * tokens and ID tokens (code and hybrid flows) for each of its signing
 * algorithms, and a key rotation across a provider restart; sync and async
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <glib/gstdio.h>
#include <pim/pim.h>

#include "pim-base64url.h"
#include "pim-cache-private.h"
#include "pim-discovery-private.h"
#include "pim-test-async.h"
#include "pim-test-login.h"
#include "pim-test-provider.h"

/* Registered for the ID token clients on any port; nothing listens there,
 * and the login helper never follows the final redirect. */
#define REDIRECT_URI "http://127.0.0.1:45678" PIM_TEST_REDIRECT_PATH
#define LOGIN        "alice"
/* max_age of every authorization request: ID tokens then carry auth_time */
#define MAX_AGE 600

typedef struct
{
  const char *alg;
  const char *resource;  /* its JWT access tokens use alg */
  const char *client_id; /* its ID tokens use alg */
} AlgCase;

static const AlgCase alg_cases[] = {
  { "RS256", PIM_TEST_RESOURCE_JWT, PIM_TEST_CLIENT_IDTOKEN_RS256_ID },
  { "PS256", PIM_TEST_RESOURCE_JWT_PS256, PIM_TEST_CLIENT_IDTOKEN_PS256_ID },
  { "ES256", PIM_TEST_RESOURCE_JWT_ES256, PIM_TEST_CLIENT_IDTOKEN_ES256_ID },
  { "EdDSA", PIM_TEST_RESOURCE_JWT_EDDSA, PIM_TEST_CLIENT_IDTOKEN_EDDSA_ID },
};

typedef struct
{
  const AlgCase *alg;
  PimTestMode    mode;
} Case;

static Case cases[G_N_ELEMENTS (alg_cases) * 2];

/* ---- Helpers ---- */

static const char *
shared_issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

static PimClaims *
validate (const char                   *token,
          PimTokenValidationParameters *parameters,
          PimTestMode                   mode,
          GError                      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_validate_token (token, parameters, NULL, NULL, error);
  pim_validate_token_async (token, parameters, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_validate_token_finish (result, error);
}

/* Expects validation to fail with exactly @domain/@code. */
static void
assert_rejected (const char                   *token,
                 PimTokenValidationParameters *parameters,
                 PimTestMode                   mode,
                 GQuark                        domain,
                 int                           code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = validate (token, parameters, mode, &error);

  g_assert_null (claims);
  g_assert_error (error, domain, code);
}

/* A client_credentials access token of pim-basic for @resource. */
static char *
client_credentials_token (const char *issuer, const char *resource)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) response =
      pim_test_token_request (issuer, PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET,
                              &error, "grant_type", "client_credentials", "resource", resource,
                              "scope", PIM_TEST_SCOPE_API_READ, NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (response, "token_type"), ==, "Bearer");
  return g_strdup (json_object_get_string_member (response, "access_token"));
}

static char *
dup_key_id (const char *token)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwt) jwt = pim_jwt_parse (token, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pim_jws_get_key_id (pim_jwt_get_jws (jwt)));
  return g_strdup (pim_jws_get_key_id (pim_jwt_get_jws (jwt)));
}

/* The token was signed with @alg, by the key of the provider's key set
 * that has the token's kid and is meant for @alg. */
static void
assert_signed_with (PimClaims *claims, const char *issuer, const char *alg)
{
  PimJws          *jws = pim_jwt_get_jws (pim_claims_get_jwt (claims));
  g_autofree char *jwks_uri = g_strconcat (issuer, "/jwks", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwkSet) keys = pim_get_jwks (jwks_uri, NULL, NULL, &error);
  g_autoptr (GPtrArray) found = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pim_jws_get_algorithm (jws), ==, alg);
  g_assert_nonnull (pim_jws_get_key_id (jws));
  found = pim_jwk_set_find (keys, pim_jws_get_key_id (jws), NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (pim_jwk_get_algorithm (g_ptr_array_index (found, 0)), ==, alg);
}

/* Every algorithm but @alg, for "allowed-algorithms". */
static GStrv
other_algorithms (const char *alg)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (alg_cases); i++)
    if (strcmp (alg_cases[i].alg, alg) != 0)
      g_strv_builder_add (builder, alg_cases[i].alg);
  return g_strv_builder_end (builder);
}

static void
assert_single_audience (PimClaims *claims, const char *audience)
{
  g_auto (GStrv) audiences = pim_claims_dup_audiences (claims);

  g_assert_cmpstrv (audiences, ((const char *const[]){ audience, NULL }));
}

/* ---- JWT access tokens ---- */

static void
test_access_token (gconstpointer data)
{
  const Case      *c = data;
  const char      *issuer = shared_issuer ();
  g_autofree char *token = client_credentials_token (issuer, c->alg->resource);
  g_autoptr (PimTokenValidationParameters) p =
      pim_token_validation_parameters_new (issuer, c->alg->resource);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = NULL;
  g_auto (GStrv) others = other_algorithms (c->alg->alg);
  gint64 exp, iat;

  g_object_set (p, "expected-type", "at+jwt", NULL);
  claims = validate (token, p, c->mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claims);

  assert_signed_with (claims, issuer, c->alg->alg);
  g_assert_cmpstr (pim_jws_get_media_type (pim_jwt_get_jws (pim_claims_get_jwt (claims))), ==,
                   "at+jwt");
  g_assert_cmpstr (pim_claims_get_issuer (claims), ==, issuer);
  assert_single_audience (claims, c->alg->resource);
  g_assert_cmpstr (pim_claims_get_string (claims, "client_id"), ==, PIM_TEST_CLIENT_BASIC_ID);
  g_assert_cmpstr (pim_claims_get_string (claims, "scope"), ==, PIM_TEST_SCOPE_API_READ);
  /* client_credentials: the client is the subject. */
  g_assert_cmpstr (pim_claims_get_subject (claims), ==, PIM_TEST_CLIENT_BASIC_ID);
  exp = pim_claims_get_expiration (claims);
  iat = pim_claims_get_issued_at (claims);
  g_assert_cmpint (exp - iat, ==, 3600);

  /* Only the token's own algorithm verifies it. */
  g_object_set (p, "allowed-algorithms", others, NULL);
  assert_rejected (token, p, c->mode, PIM_JOSE_ERROR, PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
  g_object_set (p, "allowed-algorithms", (const char *const[]){ c->alg->alg, NULL }, NULL);
  g_clear_object (&claims);
  claims = validate (token, p, c->mode, &error);
  g_assert_no_error (error);

  /* Not an ID token, and not for another resource. */
  g_object_set (p, "expected-type", "JWT", NULL);
  assert_rejected (token, p, c->mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_TYPE_MISMATCH);
  g_object_set (p, "expected-type", "at+jwt", "audiences",
                (const char *const[]){ PIM_TEST_RESOURCE_OPAQUE, NULL }, NULL);
  assert_rejected (token, p, c->mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH);
}

/* ---- ID tokens ---- */

/* Signs in as LOGIN with @response_type for @client_id and returns the
 * response parameters of the redirect, checking state and iss. */
static GHashTable *
authorize (const char *issuer,
           const char *client_id,
           const char *response_type,
           const char *nonce,
           GUri      **out_redirect)
{
  g_autofree char *state = g_uuid_string_random ();
  g_autofree char *url =
      pim_test_login_authorize_url (issuer, "client_id", client_id, "response_type", response_type,
                                    "redirect_uri", REDIRECT_URI, "scope", "openid email", "state",
                                    state, "nonce", nonce, "max_age", G_STRINGIFY (MAX_AGE), NULL);
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer, LOGIN);
  g_autoptr (GError) error = NULL;
  g_autoptr (GUri) redirect = NULL;
  g_autoptr (GHashTable) params = NULL;

  redirect = pim_test_browser_authorize (browser, url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (redirect);
  g_assert_cmpuint (pim_test_browser_get_n_logins (browser), ==, 1);
  /* Consent is automatic (README.md). */
  g_assert_cmpuint (pim_test_browser_get_n_consents (browser), ==, 0);
  g_assert_cmpstr (g_uri_get_host (redirect), ==, "127.0.0.1");
  g_assert_cmpint (g_uri_get_port (redirect), ==, 45678);
  g_assert_cmpstr (g_uri_get_path (redirect), ==, PIM_TEST_REDIRECT_PATH);

  params = pim_test_login_response_params (redirect);
  g_assert_cmpstr (g_hash_table_lookup (params, "error"), ==, NULL);
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, state);
  /* RFC 9207 iss, except where an ID token in the response names the
   * issuer already. */
  if (strstr (response_type, "id_token") != NULL)
    g_assert_null (g_hash_table_lookup (params, "iss"));
  else
    g_assert_cmpstr (g_hash_table_lookup (params, "iss"), ==, issuer);
  g_assert_nonnull (g_hash_table_lookup (params, "code"));
  if (out_redirect != NULL)
    *out_redirect = g_steal_pointer (&redirect);
  return g_steal_pointer (&params);
}

static PimTokenValidationParameters *
id_token_parameters (const char *issuer, const char *client_id, const char *nonce)
{
  PimTokenValidationParameters *p = pim_token_validation_parameters_new (issuer, client_id);

  g_object_set (p, "client-id", client_id, "nonce", nonce, "max-age", (gint64) MAX_AGE, NULL);
  return p;
}

static void
assert_id_token_claims (PimClaims     *claims,
                        const char    *issuer,
                        const AlgCase *alg,
                        const char    *nonce)
{
  gint64 auth_time = 0;

  assert_signed_with (claims, issuer, alg->alg);
  g_assert_cmpstr (pim_claims_get_issuer (claims), ==, issuer);
  g_assert_cmpstr (pim_claims_get_subject (claims), ==, LOGIN);
  assert_single_audience (claims, alg->client_id);
  g_assert_cmpstr (pim_claims_get_string (claims, "nonce"), ==, nonce);
  g_assert_true (pim_claims_get_int (claims, "auth_time", &auth_time));
  g_assert_cmpint (auth_time, <=, pim_claims_get_issued_at (claims));
  g_assert_cmpint (auth_time, >, pim_claims_get_issued_at (claims) - 60);
}

/* Code flow: the ID token from the token endpoint. */
static void
test_id_token_code (gconstpointer data)
{
  const Case      *c = data;
  const char      *issuer = shared_issuer ();
  g_autofree char *nonce = g_uuid_string_random ();
  g_autoptr (GHashTable) params = authorize (issuer, c->alg->client_id, "code", nonce, NULL);
  const char *code = g_hash_table_lookup (params, "code");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) tokens = NULL;
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autoptr (PimClaims) claims = NULL;
  const char *id_token;
  JsonObject *json;
  gint64      auth_time = 0;

  /* The front channel carries only the code. */
  g_assert_cmpuint (g_hash_table_size (params), ==, 3); /* code, state, iss */
  tokens = pim_test_exchange_code (issuer, c->alg->client_id, PIM_TEST_CLIENT_IDTOKEN_SECRET, code,
                                   REDIRECT_URI, NULL, &error);
  g_assert_no_error (error);
  id_token = json_object_get_string_member (tokens, "id_token");
  g_assert_nonnull (id_token);

  p = id_token_parameters (issuer, c->alg->client_id, nonce);
  claims = validate (id_token, p, c->mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claims);
  assert_id_token_claims (claims, issuer, c->alg, nonce);
  /* oidc-provider puts no at_hash or c_hash in token endpoint ID tokens
   * (both are optional there, OpenID Connect Core §3.1.3.6). */
  json = pim_claims_get_json (claims);
  g_assert_false (json_object_has_member (json, "at_hash"));
  g_assert_false (json_object_has_member (json, "c_hash"));

  /* Asking for c_hash, then, fails: the claim is missing. */
  g_object_set (p, "code", code, NULL);
  assert_rejected (id_token, p, c->mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_MISSING_CLAIM);

  /* The login is older than max_age allows (beyond the 60 s clock skew);
   * the token itself is still valid then. */
  g_assert_true (pim_claims_get_int (claims, "auth_time", &auth_time));
  g_object_set (p, "code", NULL, "current-time", auth_time + MAX_AGE + 61, NULL);
  assert_rejected (id_token, p, c->mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUTH_TOO_OLD);
  g_object_set (p, "current-time", auth_time + MAX_AGE + 60, NULL);
  g_clear_object (&claims);
  claims = validate (id_token, p, c->mode, &error);
  g_assert_no_error (error);
  g_object_set (p, "current-time", (gint64) 0, NULL);

  /* Another request's nonce. */
  g_object_set (p, "code", NULL, "nonce", "not-the-nonce", NULL);
  assert_rejected (id_token, p, c->mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_NONCE_MISMATCH);

  /* Another client's ID token. */
  g_object_set (p, "nonce", nonce, "audiences",
                (const char *const[]){ PIM_TEST_CLIENT_BASIC_ID, NULL }, NULL);
  assert_rejected (id_token, p, c->mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH);

  /* An ID token is no access token. */
  g_object_set (p, "audiences", (const char *const[]){ c->alg->client_id, NULL }, "expected-type",
                "at+jwt", NULL);
  assert_rejected (id_token, p, c->mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_TYPE_MISMATCH);
}

/* Hybrid flow "code id_token token": the front-channel ID token, with
 * c_hash and at_hash (left halves of SHA-256, or SHA-512 for EdDSA). */
static void
test_id_token_hybrid (gconstpointer data)
{
  const Case      *c = data;
  const char      *issuer = shared_issuer ();
  g_autofree char *nonce = g_uuid_string_random ();
  g_autoptr (GUri) redirect = NULL;
  g_autoptr (GHashTable) params =
      authorize (issuer, c->alg->client_id, "code id_token token", nonce, &redirect);
  const char      *code = g_hash_table_lookup (params, "code");
  const char      *id_token = g_hash_table_lookup (params, "id_token");
  const char      *access_token = g_hash_table_lookup (params, "access_token");
  g_autofree char *wrong_code = g_strconcat (code, "x", NULL);
  g_autofree char *wrong_access_token = g_strconcat (access_token, "x", NULL);
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = NULL;
  JsonObject *json;

  /* The response is in the fragment (the default for these response
   * types), not the query. */
  g_assert_null (g_uri_get_query (redirect));
  g_assert_nonnull (id_token);
  g_assert_nonnull (access_token);
  g_assert_cmpstr (g_hash_table_lookup (params, "token_type"), ==, "Bearer");

  p = id_token_parameters (issuer, c->alg->client_id, nonce);
  g_object_set (p, "code", code, "access-token", access_token, NULL);
  claims = validate (id_token, p, c->mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claims);
  assert_id_token_claims (claims, issuer, c->alg, nonce);
  json = pim_claims_get_json (claims);
  /* 16 bytes (SHA-256) or 32 (SHA-512), base64url without padding. */
  g_assert_cmpuint (strlen (json_object_get_string_member (json, "c_hash")), ==,
                    strcmp (c->alg->alg, "EdDSA") == 0 ? 43 : 22);
  g_assert_cmpuint (strlen (json_object_get_string_member (json, "at_hash")), ==,
                    strcmp (c->alg->alg, "EdDSA") == 0 ? 43 : 22);

  /* Each hash binds its value. */
  g_object_set (p, "code", wrong_code, NULL);
  assert_rejected (id_token, p, c->mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_HASH_MISMATCH);
  g_object_set (p, "code", code, "access-token", wrong_access_token, NULL);
  assert_rejected (id_token, p, c->mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_HASH_MISMATCH);
  g_object_set (p, "access-token", access_token, "nonce", "not-the-nonce", NULL);
  assert_rejected (id_token, p, c->mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_NONCE_MISMATCH);
}

/* A public client with PKCE (S256): the code from
 * pim_test_login_get_code(), no client secret at the token endpoint. */
static void
test_id_token_public_pkce (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  const char      *issuer = shared_issuer ();
  g_autofree char *nonce = g_uuid_string_random ();
  guint8           random[32], digest[32];
  gsize            digest_len = sizeof digest;
  g_autofree char *verifier = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *url = NULL;
  g_autofree char *code = NULL;
  g_autoptr (GChecksum) sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) tokens = NULL;
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autoptr (PimClaims) claims = NULL;

  for (gsize i = 0; i < sizeof random; i++)
    random[i] = (guint8) g_random_int_range (0, 256);
  verifier = pim_base64url_encode (random, sizeof random);
  g_checksum_update (sha256, (const guchar *) verifier, (gssize) strlen (verifier));
  g_checksum_get_digest (sha256, digest, &digest_len);
  challenge = pim_base64url_encode (digest, digest_len);

  url = pim_test_login_authorize_url (issuer, "client_id", PIM_TEST_CLIENT_NATIVE_ID,
                                      "response_type", "code", "redirect_uri", REDIRECT_URI,
                                      "scope", "openid", "nonce", nonce, "code_challenge",
                                      challenge, "code_challenge_method", "S256", NULL);
  code = pim_test_login_get_code (issuer, url, &error);
  g_assert_no_error (error);
  tokens = pim_test_exchange_code (issuer, PIM_TEST_CLIENT_NATIVE_ID, NULL, code, REDIRECT_URI,
                                   verifier, &error);
  g_assert_no_error (error);

  p = pim_token_validation_parameters_new (issuer, PIM_TEST_CLIENT_NATIVE_ID);
  g_object_set (p, "client-id", PIM_TEST_CLIENT_NATIVE_ID, "nonce", nonce, NULL);
  claims = validate (json_object_get_string_member (tokens, "id_token"), p, mode, &error);
  g_assert_no_error (error);
  /* The client's default id_token_signed_response_alg. */
  assert_signed_with (claims, issuer, "RS256");
  g_assert_cmpstr (pim_claims_get_subject (claims), ==, PIM_TEST_LOGIN_DEFAULT_USER);
  assert_single_audience (claims, PIM_TEST_CLIENT_NATIVE_ID);
}

/* The device flow: the user's part done by pim_test_browser_verify_device(),
 * with the code typed in (sync case) or in verification_uri_complete
 * (async case). Its ID token has no nonce. */
static void
test_id_token_device (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  const char *issuer = shared_issuer ();
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer, "device-user");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) authorization = NULL;
  g_autoptr (JsonObject) tokens = NULL;
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autoptr (PimClaims) claims = NULL;
  const char *id_token;
  gboolean    ok;

  authorization = pim_test_endpoint_request (issuer, "/device/auth", PIM_TEST_CLIENT_DEVICE_ID,
                                             NULL, &error, "scope", "openid", NULL);
  g_assert_no_error (error);
  if (mode == PIM_TEST_SYNC)
    ok = pim_test_browser_verify_device (browser,
                                         json_object_get_string_member (authorization,
                                                                        "verification_uri"),
                                         json_object_get_string_member (authorization, "user_code"),
                                         &error);
  else
    ok =
        pim_test_browser_verify_device (browser,
                                        json_object_get_string_member (authorization,
                                                                       "verification_uri_complete"),
                                        NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (pim_test_browser_get_n_logins (browser), ==, 1);

  tokens =
      pim_test_token_request (issuer, PIM_TEST_CLIENT_DEVICE_ID, NULL, &error, "grant_type",
                              "urn:ietf:params:oauth:grant-type:device_code", "device_code",
                              json_object_get_string_member (authorization, "device_code"), NULL);
  g_assert_no_error (error);
  id_token = json_object_get_string_member (tokens, "id_token");
  g_assert_nonnull (id_token);

  p = pim_token_validation_parameters_new (issuer, PIM_TEST_CLIENT_DEVICE_ID);
  g_object_set (p, "client-id", PIM_TEST_CLIENT_DEVICE_ID, NULL);
  claims = validate (id_token, p, mode, &error);
  g_assert_no_error (error);
  assert_signed_with (claims, issuer, "RS256");
  g_assert_cmpstr (pim_claims_get_subject (claims), ==, "device-user");
  assert_single_audience (claims, PIM_TEST_CLIENT_DEVICE_ID);
  g_assert_null (pim_claims_get_string (claims, "nonce"));

  /* Expecting a nonce where none was sent. */
  g_object_set (p, "nonce", "n-0S6", NULL);
  assert_rejected (id_token, p, mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_MISSING_CLAIM);
}

/* ---- Key rotation ---- */

/* A fresh, empty directory: the provider makes new keys in it. */
static char *
make_keys_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("pim-rotation-keys-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_keys_dir (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

typedef struct
{
  guint64 hits;
  guint64 misses;
  guint64 refreshes;
  guint64 coalesced;
} Stats;

static Stats
stats_now (void)
{
  Stats s;

  pim_get_cache_stats (&s.hits, &s.misses, &s.refreshes, &s.coalesced);
  return s;
}

/* Checks how the cache counters moved since @before. */
static void
assert_stats_delta (const Stats *before, guint64 hits, guint64 misses, guint64 refreshes)
{
  Stats after = stats_now ();

  g_assert_cmpuint (after.hits - before->hits, ==, hits);
  g_assert_cmpuint (after.misses - before->misses, ==, misses);
  g_assert_cmpuint (after.refreshes - before->refreshes, ==, refreshes);
  g_assert_cmpuint (after.coalesced - before->coalesced, ==, 0);
}

/* Provider A, then B on the same port (the same issuer, discovery document
 * and jwks_uri) with new keys: B's token has a kid the cached key set
 * lacks, which forces exactly one refetch of the key set; A's token, whose
 * key is no longer published, then fails for want of its key. */
static void
test_key_rotation (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *dir_a = make_keys_dir ();
  g_autofree char *dir_b = make_keys_dir ();
  g_autofree char *issuer = NULL;
  g_autofree char *token_a = NULL;
  g_autofree char *token_b = NULL;
  g_autofree char *kid_a = NULL;
  g_autofree char *kid_b = NULL;
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = NULL;
  PimTestProvider *provider;
  Stats            before;
  guint            port;

  pim_clear_discovery_cache ();
  pim_clear_jwks_cache ();

  provider = pim_test_provider_start_full (0, dir_a, &error);
  g_assert_no_error (error);
  issuer = g_strdup (pim_test_provider_get_issuer (provider));
  port = pim_test_provider_get_port (provider);
  g_assert_cmpuint (port, >, 0);
  p = pim_token_validation_parameters_new (issuer, PIM_TEST_RESOURCE_JWT);
  g_object_set (p, "expected-type", "at+jwt", NULL);

  /* Cold caches: one discovery fetch and one key set fetch. */
  token_a = client_credentials_token (issuer, PIM_TEST_RESOURCE_JWT);
  kid_a = dup_key_id (token_a);
  before = stats_now ();
  claims = validate (token_a, p, mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claims);
  g_clear_object (&claims);
  assert_stats_delta (&before, 0, 2, 0);

  pim_test_provider_stop (provider);
  provider = pim_test_provider_start_full (port, dir_b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_test_provider_get_issuer (provider), ==, issuer);

  token_b = client_credentials_token (issuer, PIM_TEST_RESOURCE_JWT);
  kid_b = dup_key_id (token_b);
  g_assert_cmpstr (kid_b, !=, kid_a);

  /* Past the refresh cooldown since A's keys were fetched: discovery and
   * keys come from the cache (two hits), the kid is missing, the key set
   * is fetched once more (one refresh), and B's key verifies. */
  pim_cache_advance_clock_for_testing (pim_cache_get_default (), PIM_JWKS_REFRESH_COOLDOWN + 1);
  before = stats_now ();
  claims = validate (token_b, p, mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claims);
  g_assert_cmpstr (pim_claims_get_issuer (claims), ==, issuer);
  g_clear_object (&claims);
  assert_stats_delta (&before, 2, 0, 1);

  /* A's key is gone from the refreshed set, and within the cooldown no
   * new fetch is made for it. */
  before = stats_now ();
  assert_rejected (token_a, p, mode, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_NOT_FOUND);
  assert_stats_delta (&before, 2, 0, 0);

  /* After the cooldown it may fetch once more, which does not bring the
   * key back; still one fetch, not a loop. */
  pim_cache_advance_clock_for_testing (pim_cache_get_default (), PIM_JWKS_REFRESH_COOLDOWN + 1);
  before = stats_now ();
  assert_rejected (token_a, p, mode, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_NOT_FOUND);
  assert_stats_delta (&before, 2, 0, 1);

  /* B's token still verifies, from the cache. */
  before = stats_now ();
  claims = validate (token_b, p, mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claims);
  assert_stats_delta (&before, 2, 0, 0);

  pim_test_provider_stop (provider);
  remove_keys_dir (dir_a);
  remove_keys_dir (dir_b);
  pim_clear_discovery_cache ();
  pim_clear_jwks_cache ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (alg_cases); i++)
    for (PimTestMode mode = PIM_TEST_SYNC; mode <= PIM_TEST_ASYNC; mode++)
      {
        Case            *c = &cases[i * 2 + mode];
        g_autofree char *access = NULL;
        g_autofree char *code = NULL;
        g_autofree char *hybrid = NULL;

        c->alg = &alg_cases[i];
        c->mode = mode;
        access = g_strdup_printf ("/provider-validation/access-token/%s/%s", c->alg->alg,
                                  pim_test_mode_name (mode));
        code = g_strdup_printf ("/provider-validation/id-token/code/%s/%s", c->alg->alg,
                                pim_test_mode_name (mode));
        hybrid = g_strdup_printf ("/provider-validation/id-token/hybrid/%s/%s", c->alg->alg,
                                  pim_test_mode_name (mode));
        g_test_add_data_func (access, c, test_access_token);
        g_test_add_data_func (code, c, test_id_token_code);
        g_test_add_data_func (hybrid, c, test_id_token_hybrid);
      }
  pim_test_add_both ("/provider-validation", "id-token/public-pkce", test_id_token_public_pkce);
  pim_test_add_both ("/provider-validation", "id-token/device", test_id_token_device);
  pim_test_add_both ("/provider-validation", "key-rotation", test_key_rotation);

  return g_test_run ();
}
