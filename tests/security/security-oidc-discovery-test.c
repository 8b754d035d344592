/* security-oidc-discovery-test.c: the security controls of discovery
 * and of what token validation fetches: issuer pinning, foreign
 * endpoints, the kid-miss refresh cooldown, mTLS endpoint aliases under
 * the discovery policy
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Providers here are documents on the fault server (tests/pim-test-server.h),
 * whose hit counters show what Pim fetched. The checks of claims with
 * static keys are in security-oidc-claims-test.c.
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-cache-private.h"
#include "pim-discovery-private.h"
#include "pim-test-async.h"
#include "pim-test-server.h"
#include "security-oidc-common.h"
#include "security-util.h"

#define DISCOVERY_PATH "/.well-known/openid-configuration"

/* Tokens per source (4 threads and the main context) in a flood. */
#define FLOOD_TOKENS 25

static PimJwk *signing_key; /* RS256, kid "k1": the providers' key */
static PimJwk *stranger;    /* RS256, published nowhere */

/* ---- Providers on the fault server ---- */

typedef struct
{
  PimTestServer *server;
  char          *issuer;
} Fake;

/* A provider at @fake's issuer publishing @key as kid "k1", its JWKS at
 * @jwks_uri (its own /jwks when NULL) and its token endpoint at
 * @token_endpoint (its own /token when NULL). */
static void
fake_serve (Fake *fake, PimJwk *key, const char *jwks_uri, const char *token_endpoint)
{
  g_autofree char *own_jwks = g_strconcat (fake->issuer, "/jwks", NULL);
  g_autofree char *own_token = g_strconcat (fake->issuer, "/token", NULL);
  g_autoptr (PimJwkSet) keys = keys_of (key, "k1");
  g_autofree char *jwks = pim_jwk_set_to_json (keys, FALSE);
  g_autofree char *document = g_strdup_printf (
      "{\"issuer\":\"%s\",\"authorization_endpoint\":\"%s/auth\",\"token_endpoint\":\"%s\","
      "\"jwks_uri\":\"%s\",\"response_types_supported\":[\"code\"],"
      "\"subject_types_supported\":[\"public\"],"
      "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
      "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"]}",
      fake->issuer, fake->issuer, token_endpoint != NULL ? token_endpoint : own_token,
      jwks_uri != NULL ? jwks_uri : own_jwks);

  pim_test_server_set_document (fake->server, DISCOVERY_PATH, 200, "application/json", document);
  pim_test_server_set_document (fake->server, "/jwks", 200, "application/json", jwks);
  pim_test_server_set_document (fake->server, "/keys/jwks", 200, "application/json", jwks);
  pim_test_server_set_document (fake->server, "/keysevil", 200, "application/json", jwks);
  pim_test_server_set_document (fake->server, "/token", 200, "application/json",
                                "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}");
}

static void
fake_init (Fake *fake, PimJwk *key)
{
  fake->server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  fake->issuer = pim_test_server_get_uri (fake->server, "");
  fake_serve (fake, key, NULL, NULL);
}

static void
fake_clear (Fake *fake)
{
  pim_test_server_free (fake->server);
  g_free (fake->issuer);
}

/* Every request the provider answered, whatever the path. */
static guint
fake_hits (Fake *fake)
{
  return pim_test_server_get_hits (fake->server, DISCOVERY_PATH) +
         pim_test_server_get_hits (fake->server, "/jwks") +
         pim_test_server_get_hits (fake->server, "/keys/jwks") +
         pim_test_server_get_hits (fake->server, "/keysevil") +
         pim_test_server_get_hits (fake->server, "/token");
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

static void
assert_refused (const char                   *token,
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

static void
reset_caches (void)
{
  pim_clear_discovery_cache ();
  pim_clear_jwks_cache ();
}

/* ---- Issuer pinning ---- */

/* A token naming another issuer never makes Pim contact that issuer, nor
 * the pinned one: the attacker's provider, complete with discovery and a
 * key that really signed the token, sees no request at all. */
static void
test_issuer_pinning (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  Fake        trusted, attacker;
  g_autoptr (PimJwk) attacker_key = pim_jwk_generate ("RS256", NULL);
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autoptr (JsonObject) claims = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) valid = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *slash = NULL;
  g_autofree char *no_iss = NULL;
  g_autofree char *good = NULL;
  const char      *issuers[3];

  reset_caches ();
  fake_init (&trusted, signing_key);
  fake_init (&attacker, attacker_key);
  claims = claims_for (attacker.issuer, now ());
  forged = sign (claims, attacker_key, "k1", NULL);

  /* The pinned issuer, then a list of them, then a discovery address. */
  issuers[0] = "https://other.example";
  issuers[1] = trusted.issuer;
  issuers[2] = NULL;
  p = pim_token_validation_parameters_new (trusted.issuer, "api");
  assert_refused (forged, p, mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_ISSUER_MISMATCH);
  g_assert_cmpuint (fake_hits (&attacker), ==, 0);
  g_object_set (p, "issuer", NULL, "issuers", issuers, NULL);
  assert_refused (forged, p, mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_ISSUER_MISMATCH);
  g_assert_cmpuint (fake_hits (&attacker), ==, 0);
  g_object_set (p, "discovery-address", trusted.issuer, NULL);
  assert_refused (forged, p, mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_ISSUER_MISMATCH);
  g_assert_cmpuint (fake_hits (&attacker), ==, 0);
  g_assert_cmpuint (fake_hits (&trusted), ==, 0);
  g_object_set (p, "issuer", trusted.issuer, "issuers", NULL, "discovery-address", NULL, NULL);

  /* Near misses of the pinned issuer, and none at all. */
  slash = g_strconcat (trusted.issuer, "/", NULL);
  json_object_set_string_member (claims, "iss", slash);
  g_clear_pointer (&forged, g_free);
  forged = sign (claims, attacker_key, "k1", NULL);
  assert_refused (forged, p, mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_ISSUER_MISMATCH);
  json_object_remove_member (claims, "iss");
  no_iss = sign (claims, attacker_key, "k1", NULL);
  assert_refused (no_iss, p, mode, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_MISSING_CLAIM);

  g_assert_cmpuint (fake_hits (&attacker), ==, 0);
  g_assert_cmpuint (fake_hits (&trusted), ==, 0);

  /* The trusted provider's own token goes through, fetching from it. */
  json_object_unref (claims);
  claims = claims_for (trusted.issuer, now ());
  good = sign (claims, signing_key, "k1", NULL);
  valid = validate (good, p, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_claims_get_issuer (valid), ==, trusted.issuer);
  g_assert_cmpuint (pim_test_server_get_hits (trusted.server, DISCOVERY_PATH), ==, 1);
  g_assert_cmpuint (fake_hits (&attacker), ==, 0);

  fake_clear (&trusted);
  fake_clear (&attacker);
}

/* ---- Discovery endpoints on foreign hosts ---- */

static PimTokenResponse *
request_token (PimClientCredentialsTokenRequest *request, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_request_client_credentials_token (request, NULL, NULL, error);
  pim_request_client_credentials_token_async (request, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_request_client_credentials_token_finish (result, error);
}

static PimDiscoveryDocument *
discover (const char *issuer, PimDiscoveryPolicy *policy, PimTestMode mode, GError **error)
{
  g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (issuer);
  g_autoptr (GAsyncResult) result = NULL;

  if (policy != NULL)
    pim_discovery_request_set_policy (request, policy);
  if (mode == PIM_TEST_SYNC)
    return pim_get_discovery_document (request, NULL, NULL, error);
  pim_get_discovery_document_async (request, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_get_discovery_document_finish (result, error);
}

/* A discovery document whose key set or token endpoint is on another
 * authority (another port of 127.0.0.1 here) is refused by default, and
 * the other host never sees a request; an allowed base address admits
 * exactly what lies under it. */
static void
test_foreign_discovery_endpoints (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  Fake        provider, foreign;
  g_autoptr (JsonObject) claims = NULL;
  g_autofree char *token = NULL;
  g_autofree char *foreign_jwks = NULL;
  g_autofree char *foreign_token = NULL;
  g_autofree char *userinfo_trick = NULL;
  g_autoptr (PimTokenValidationParameters) p = NULL;

  reset_caches ();
  fake_init (&provider, signing_key);
  fake_init (&foreign, signing_key);
  claims = claims_for (provider.issuer, now ());
  token = sign (claims, signing_key, "k1", NULL);
  p = pim_token_validation_parameters_new (provider.issuer, "api");
  foreign_jwks = g_strconcat (foreign.issuer, "/jwks", NULL);
  foreign_token = g_strconcat (foreign.issuer, "/token", NULL);
  /* The provider's authority as user info, the foreign one as host. */
  userinfo_trick =
      g_strdup_printf ("http://%s@127.0.0.1:%u/jwks", provider.issuer + strlen ("http://"),
                       pim_test_server_get_port (foreign.server));

  /* The key set elsewhere: validation and discovery both refuse it. */
  {
    const char *jwks_uris[] = { foreign_jwks, userinfo_trick };

    for (guint i = 0; i < G_N_ELEMENTS (jwks_uris); i++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (PimDiscoveryDocument) document = NULL;

        reset_caches ();
        fake_serve (&provider, signing_key, jwks_uris[i], NULL);
        assert_refused (token, p, mode, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_FOREIGN_ENDPOINT);
        document = discover (provider.issuer, NULL, mode, &error);
        g_assert_null (document);
        g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_FOREIGN_ENDPOINT);
      }
  }

  /* The token endpoint elsewhere: a token request by issuer refuses it. */
  {
    g_autoptr (PimClientCredentialsTokenRequest) request =
        pim_client_credentials_token_request_new (NULL, "app", "app-secret");
    g_autoptr (PimTokenResponse) response = NULL;
    g_autoptr (GError) error = NULL;

    reset_caches ();
    fake_serve (&provider, signing_key, NULL, foreign_token);
    pim_oauth_request_set_issuer (PIM_OAUTH_REQUEST (request), provider.issuer);
    response = request_token (request, mode, &error);
    g_assert_null (response);
    g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_FOREIGN_ENDPOINT);
  }
  g_assert_cmpuint (fake_hits (&foreign), ==, 0);

  /* An allowed base address: only what is under it, at a path boundary. */
  {
    g_autoptr (PimDiscoveryPolicy) policy = pim_discovery_policy_new ();
    g_autofree char *base = g_strconcat (foreign.issuer, "/keys", NULL);
    g_autofree char *lookalike = g_strconcat (foreign.issuer, "/keysevil", NULL);
    g_autofree char *under = g_strconcat (foreign.issuer, "/keys/jwks", NULL);
    const char      *bases[] = { base, NULL };
    g_autoptr (GError) error = NULL;
    g_autoptr (PimClaims) valid = NULL;

    pim_discovery_policy_set_additional_endpoint_base_addresses (policy, bases);
    g_object_set (p, "discovery-policy", policy, NULL);
    reset_caches ();
    fake_serve (&provider, signing_key, lookalike, NULL);
    assert_refused (token, p, mode, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_FOREIGN_ENDPOINT);
    g_assert_cmpuint (fake_hits (&foreign), ==, 0);

    reset_caches ();
    fake_serve (&provider, signing_key, under, NULL);
    valid = validate (token, p, mode, &error);
    g_assert_no_error (error);
    g_assert_nonnull (valid);
    g_assert_cmpuint (pim_test_server_get_hits (foreign.server, "/keys/jwks"), ==, 1);
    g_assert_cmpuint (fake_hits (&foreign), ==, 1);
  }

  fake_clear (&provider);
  fake_clear (&foreign);
}

/* ---- The kid-miss refresh cooldown under a flood ---- */

typedef struct
{
  Fake  *fake;
  char **tokens;
  guint  n_tokens;
  guint  refused;       /* by the threads */
  guint  async_refused; /* on the main context */
} Flood;

static gboolean
is_kid_miss (const GError *error)
{
  return g_error_matches (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_NOT_FOUND) ||
         g_error_matches (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_INVALID_SIGNATURE);
}

static gpointer
flood_thread (gpointer data)
{
  Flood *flood = data;
  g_autoptr (PimTokenValidationParameters) p =
      pim_token_validation_parameters_new (flood->fake->issuer, "api");

  for (guint i = 0; i < flood->n_tokens; i++)
    {
      g_autoptr (GError) error = NULL;
      /* The shared client rather than a new thread default per thread,
       * whose setup (the system's CA bundle) would dominate under ASan. */
      g_autoptr (PimClaims) claims =
          pim_validate_token (flood->tokens[i], p, pim_http_client_get_shared_default (), NULL,
                              &error);

      g_assert_null (claims);
      g_assert_true (is_kid_miss (error));
      g_atomic_int_inc (&flood->refused);
    }
  return NULL;
}

static void
on_flood_validated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Flood *flood = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = pim_validate_token_finish (result, &error);

  g_assert_null (claims);
  g_assert_true (is_kid_miss (error));
  flood->async_refused++;
}

/* 4 threads and as many async callers validate forged tokens at once, each
 * with a kid the provider never published (or the provider's kid with a
 * signature its key does not verify). Returns how many times the key set
 * was fetched meanwhile. */
static guint
run_flood (Fake                         *fake,
           PimTokenValidationParameters *p,
           char                        **tokens,
           guint                         n_tokens,
           double                       *elapsed)
{
  Flood    flood = { fake, tokens, n_tokens, 0, 0 };
  GThread *threads[4];
  guint    before = pim_test_server_get_hits (fake->server, "/jwks");
  gint64   start = g_get_monotonic_time ();

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("flood", flood_thread, &flood);
  for (guint i = 0; i < n_tokens; i++)
    pim_validate_token_async (tokens[i], p, NULL, NULL, on_flood_validated, &flood);
  while (flood.async_refused < n_tokens)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  g_assert_cmpuint (flood.refused, ==, n_tokens * G_N_ELEMENTS (threads));
  *elapsed = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  return pim_test_server_get_hits (fake->server, "/jwks") - before;
}

/* How many refetches a flood of @elapsed seconds may cause: one per
 * cooldown it spans (none when it is over within one, as it is unless the
 * machine is very slow), and one more when it starts past a cooldown. */
static guint
refetches_allowed (double elapsed, gboolean past_cooldown)
{
  return (guint) (elapsed / PIM_JWKS_REFRESH_COOLDOWN) + (past_cooldown ? 1 : 0);
}

/* However many tokens with unknown kids arrive, the key set is fetched
 * again at most once per cooldown (5 s, on the cache's clock, which the
 * test moves forward past it). */
static void
test_kid_miss_refresh_cooldown (void)
{
  double elapsed = 0;
  guint  fetches;

  Fake fake;
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autoptr (JsonObject) claims = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) valid = NULL;
  g_autofree char *good = NULL;
  GPtrArray       *tokens = g_ptr_array_new_with_free_func (g_free);
  PimCache        *cache = pim_cache_get_default ();

  reset_caches ();
  fake_init (&fake, signing_key);
  claims = claims_for (fake.issuer, now ());
  good = sign (claims, signing_key, "k1", NULL);
  for (guint i = 0; i < FLOOD_TOKENS; i++)
    {
      g_autofree char *kid = g_strdup_printf ("unknown-%u", i);

      g_ptr_array_add (tokens, sign (claims, stranger, i % 5 == 0 ? "k1" : kid, NULL));
    }

  p = pim_token_validation_parameters_new (fake.issuer, "api");
  valid = validate (good, p, PIM_TEST_SYNC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pim_test_server_get_hits (fake.server, "/jwks"), ==, 1);

  /* A cooldown under a second would protect nothing. */
  g_assert_cmpfloat (PIM_JWKS_REFRESH_COOLDOWN, >=, 1.0);

  /* Just fetched: no refresh at all. */
  fetches = run_flood (&fake, p, (char **) tokens->pdata, tokens->len, &elapsed);
  g_test_message ("flood of %u in %.2f s: %u fetches", tokens->len * 5, elapsed, fetches);
  g_assert_cmpuint (fetches, <=, refetches_allowed (elapsed, FALSE));

  /* Past the cooldown: one refresh for the whole flood, then none. */
  for (guint round = 1; round <= 2; round++)
    {
      pim_cache_advance_clock_for_testing (cache, PIM_JWKS_REFRESH_COOLDOWN + 1);
      fetches = run_flood (&fake, p, (char **) tokens->pdata, tokens->len, &elapsed);
      g_test_message ("flood of %u in %.2f s: %u fetches", tokens->len * 5, elapsed, fetches);
      g_assert_cmpuint (fetches, >=, 1);
      g_assert_cmpuint (fetches, <=, refetches_allowed (elapsed, TRUE));
      fetches = run_flood (&fake, p, (char **) tokens->pdata, tokens->len, &elapsed);
      g_test_message ("flood of %u in %.2f s: %u fetches", tokens->len * 5, elapsed, fetches);
      g_assert_cmpuint (fetches, <=, refetches_allowed (elapsed, FALSE));
    }

  /* The real token is still fine, from the cache. */
  fetches = pim_test_server_get_hits (fake.server, "/jwks");
  g_clear_object (&valid);
  valid = validate (good, p, PIM_TEST_ASYNC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pim_test_server_get_hits (fake.server, "/jwks"), ==, fetches);
  g_assert_cmpuint (pim_test_server_get_hits (fake.server, DISCOVERY_PATH), ==, 1);

  g_ptr_array_unref (tokens);
  fake_clear (&fake);
}

/* ---- mTLS endpoint aliases (RFC 8705 §5) ---- */

/* An alias is an endpoint like any other: plain http outside loopback
 * makes the whole document refused, and nothing reaches the alias, even
 * for a request that would use it. The policy's opt-out shows the request
 * would arrive ("outside loopback" is 0.0.0.0, see README.md). */
static void
test_mtls_aliases_policy (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autofree char *issuer = pim_test_server_get_uri (server, "");
  g_autofree char *cert = g_build_filename (pim_test_server_get_certs_dir (), "client.pem", NULL);
  g_autofree char *key =
      g_build_filename (pim_test_server_get_certs_dir (), "client-key.pem", NULL);
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (NULL, "app", NULL);
  g_autoptr (PimDiscoveryPolicy) open_policy = pim_discovery_policy_new ();
  g_autofree char *document = NULL;
  g_autoptr (GError) error = NULL;

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  client = g_initable_new (PIM_TYPE_HTTP_CLIENT, NULL, &error, "tls-client-certificate",
                           certificate, NULL);
  g_assert_no_error (error);
  document = g_strdup_printf (
      "{\"issuer\":\"%s\",\"token_endpoint\":\"%s/token\",\"jwks_uri\":\"%s/jwks\","
      "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
      "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"authorization_endpoint\":\"%s/a\","
      "\"token_endpoint_auth_methods_supported\":[\"tls_client_auth\"],"
      "\"mtls_endpoint_aliases\":{\"token_endpoint\":\"http://0.0.0.0:%u/mtls-token\"}}",
      issuer, issuer, issuer, issuer, (guint) pim_test_server_get_port (server));
  pim_test_server_set_document (server, "/.well-known/openid-configuration", 200,
                                "application/json", document);
  pim_test_server_set_document (server, "/mtls-token", 200, "application/json",
                                "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}");
  g_object_set (request, "issuer", issuer, "client-auth-method", PIM_CLIENT_AUTH_TLS_CLIENT_AUTH,
                NULL);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (PimTokenResponse) response = NULL;
      g_autoptr (GAsyncResult) result = NULL;

      reset_caches ();
      if (i == 1)
        {
          /* The opt-outs, policy and request: now it gets there. */
          pim_discovery_policy_set_require_https (open_policy, FALSE);
          g_object_set (request, "discovery-policy", open_policy, "require-https", FALSE, NULL);
        }
      if (mode == PIM_TEST_SYNC)
        response = pim_request_token (PIM_TOKEN_REQUEST (request), client, NULL, &error);
      else
        {
          pim_request_token_async (PIM_TOKEN_REQUEST (request), client, NULL, pim_test_store_result,
                                   &result);
          pim_test_wait_result (&result);
          response = pim_request_token_finish (result, &error);
        }
      if (i == 0)
        {
          g_assert_null (response);
          g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT);
          g_assert_nonnull (strstr (error->message, "mtls_endpoint_aliases.token_endpoint"));
          g_clear_error (&error);
          g_assert_cmpuint (pim_test_server_get_hits (server, "/mtls-token"), ==, 0);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpuint (pim_test_server_get_hits (server, "/mtls-token"), ==, 1);
        }
    }
  g_assert_cmpuint (pim_test_server_get_hits (server, "/token"), ==, 0);
  reset_caches ();
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int ret;

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);
  sec_log_capture_install ();

  signing_key = pim_jwk_generate ("RS256", &error);
  g_assert_no_error (error);
  stranger = pim_jwk_generate ("RS256", &error);
  g_assert_no_error (error);

  pim_test_add_both ("/security", "issuer-pinning", test_issuer_pinning);
  pim_test_add_both ("/security", "foreign-discovery-endpoints", test_foreign_discovery_endpoints);
  g_test_add_func ("/security/kid-miss-refresh-cooldown", test_kid_miss_refresh_cooldown);
  pim_test_add_both ("/security", "mtls-aliases-policy", test_mtls_aliases_policy);

  ret = g_test_run ();
  g_clear_object (&signing_key);
  g_clear_object (&stranger);
  return ret;
}
