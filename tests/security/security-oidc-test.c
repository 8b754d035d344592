/* security-oidc-test.c: the security controls of token validation and
 * discovery: issuer pinning, foreign endpoints, checks that cannot be
 * switched off silently, `sub` in ID tokens, the kid-miss refresh cooldown,
 * and errors that tell a forger nothing
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Providers here are documents on the fault server (tests/pim-test-server.h),
 * whose hit counters show what Pim fetched.
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-cache-private.h"
#include "pim-crypto-private.h"
#include "pim-discovery-private.h"
#include "pim-test-async.h"
#include "pim-test-server.h"
#include "security-util.h"

#define DISCOVERY_PATH "/.well-known/openid-configuration"

/* Tokens per source (4 threads and the main context) in a flood. */
#define FLOOD_TOKENS 25
#define ISSUER       "https://op.example"
#define NOW          1790000000

static PimJwk *signing_key; /* RS256, kid "k1": the providers' key */
static PimJwk *stranger;    /* RS256, published nowhere */

/* ---- Tokens ---- */

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static JsonObject *
claims_for (const char *issuer, gint64 at)
{
  JsonObject *claims = json_object_new ();

  json_object_set_string_member (claims, "iss", issuer);
  json_object_set_string_member (claims, "aud", "api");
  json_object_set_string_member (claims, "sub", "alice");
  json_object_set_int_member (claims, "iat", at - 10);
  json_object_set_int_member (claims, "exp", at + 3600);
  return claims;
}

static char *
sign (JsonObject *claims, PimJwk *key, const char *kid, const char *typ)
{
  g_autoptr (JsonObject) header = json_object_new ();
  g_autoptr (GError) error = NULL;
  char *token;

  json_object_set_string_member (header, "kid", kid);
  if (typ != NULL)
    json_object_set_string_member (header, "typ", typ);
  token = pim_jwt_sign (claims, key, "RS256", header, &error);
  g_assert_no_error (error);
  return token;
}

static PimJwkSet *
keys_of (PimJwk *key, const char *kid)
{
  g_autoptr (PimJwk) pub = pim_jwk_get_public (key);
  g_autoptr (JsonObject) object = pim_jwk_to_object (pub, FALSE);
  g_autoptr (PimJwk) named = NULL;
  g_autoptr (GError) error = NULL;
  PimJwkSet *set = pim_jwk_set_new ();

  json_object_set_string_member (object, "kid", kid);
  named = pim_jwk_new_from_object (object, &error);
  g_assert_no_error (error);
  pim_jwk_set_add (set, named);
  return set;
}

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

/* ---- aud, iss and exp cannot be switched off silently ---- */

static PimTokenValidationParameters *
static_parameters (PimJwkSet *keys)
{
  PimTokenValidationParameters *p = pim_token_validation_parameters_new (ISSUER, "api");

  g_object_set (p, "key-set", keys, "current-time", (gint64) NOW, NULL);
  return p;
}

static void
assert_static_refused (JsonObject *claims, PimTokenValidationParameters *p, GQuark domain, int code)
{
  g_autofree char *token = sign (claims, signing_key, "k1", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) result = pim_validate_token (token, p, NULL, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, domain, code);
}

static void
assert_static_valid (JsonObject *claims, PimTokenValidationParameters *p)
{
  g_autofree char *token = sign (claims, signing_key, "k1", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) result = pim_validate_token (token, p, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
}

/* Leaving the audience or the issuer empty is an error of the parameters,
 * never a check skipped; the one opt-out, skip-audience-check, is logged
 * exactly once (as a message, shown by default) however often it is used;
 * require-exp only makes exp optional, never unchecked; and the clock
 * skew cannot be stretched to disable exp. */
static void
test_claim_checks_not_silently_disabled (void)
{
  g_autoptr (PimJwkSet) keys = keys_of (signing_key, "k1");
  g_autoptr (JsonObject) claims = claims_for (ISSUER, NOW);
  const char *const empty[] = { NULL };

  sec_log_capture_clear ();

  /* No audience, in every way of saying so. */
  {
    g_autoptr (PimTokenValidationParameters) p = static_parameters (keys);

    g_object_set (p, "audiences", NULL, NULL);
    assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_PARAMETERS);
    g_object_set (p, "audiences", empty, NULL);
    assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_PARAMETERS);
    g_clear_object (&p);
    p = pim_token_validation_parameters_new (ISSUER, NULL);
    g_object_set (p, "key-set", keys, "current-time", (gint64) NOW, NULL);
    assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_PARAMETERS);
  }

  /* No issuer. */
  {
    g_autoptr (PimTokenValidationParameters) p = static_parameters (keys);

    g_object_set (p, "issuer", NULL, NULL);
    assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_PARAMETERS);
    g_object_set (p, "issuers", empty, NULL);
    assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_PARAMETERS);
  }

  /* The audience and issuer are checked with static keys too. */
  {
    g_autoptr (PimTokenValidationParameters) p = static_parameters (keys);
    g_autoptr (JsonObject) other = claims_for ("https://evil.example", NOW);

    assert_static_refused (other, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_ISSUER_MISMATCH);
    json_object_set_string_member (other, "iss", ISSUER);
    json_object_set_string_member (other, "aud", "someone-else");
    assert_static_refused (other, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH);
    json_object_remove_member (other, "aud");
    assert_static_refused (other, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_MISSING_CLAIM);
  }

  /* The explicit opt-out works, and is logged once for the process. */
  {
    g_autoptr (JsonObject) other = claims_for (ISSUER, NOW);
    g_autoptr (GPtrArray) records = NULL;
    guint logged = 0;

    json_object_set_string_member (other, "aud", "someone-else");
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr (PimTokenValidationParameters) p = static_parameters (keys);

        g_object_set (p, "audiences", NULL, "skip-audience-check", TRUE, NULL);
        assert_static_valid (other, p);
        assert_static_valid (claims, p);
      }
    records = sec_log_capture_dup ();
    for (guint i = 0; i < records->len; i++)
      if (strstr (records->pdata[i], "skip-audience-check") != NULL)
        {
          logged++;
          /* G_LOG_LEVEL_MESSAGE: shown without G_MESSAGES_DEBUG. */
          g_assert_nonnull (strstr (records->pdata[i], "PRIORITY=5\n"));
          g_assert_nonnull (strstr (records->pdata[i], "GLIB_DOMAIN=Pim\n"));
        }
    g_assert_cmpuint (logged, ==, 1);
  }

  /* exp: optional with require-exp off, but checked whenever present, and
   * never ignored for being of the wrong type. */
  {
    g_autoptr (PimTokenValidationParameters) p = static_parameters (keys);
    g_autoptr (JsonObject) other = claims_for (ISSUER, NOW);

    json_object_set_int_member (other, "exp", NOW - 3600);
    assert_static_refused (other, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_EXPIRED);
    g_object_set (p, "require-exp", FALSE, NULL);
    assert_static_refused (other, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_EXPIRED);
    json_object_set_string_member (other, "exp", "99999999999");
    assert_static_refused (other, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_CLAIM);
    json_object_set_null_member (other, "exp");
    assert_static_refused (other, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_CLAIM);
    json_object_remove_member (other, "exp");
    assert_static_valid (other, p);
    g_object_set (p, "require-exp", TRUE, NULL);
    assert_static_refused (other, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_MISSING_CLAIM);
  }

  /* The skew is bounded: an hour at most. */
  {
    GParamSpec *skew =
        g_object_class_find_property (g_type_class_peek (PIM_TYPE_TOKEN_VALIDATION_PARAMETERS),
                                      "clock-skew");

    g_assert_cmpuint (G_PARAM_SPEC_UINT (skew)->maximum, ==, 3600);
  }
}

/* ---- sub in ID tokens ---- */

static PimTokenValidationParameters *
id_token_parameters (PimJwkSet *keys)
{
  PimTokenValidationParameters *p =
      g_object_new (PIM_TYPE_TOKEN_VALIDATION_PARAMETERS, "issuer", ISSUER, "client-id", "app",
                    "id-token", TRUE, "key-set", keys, "current-time", (gint64) NOW, NULL);

  return p;
}

/* OpenID Connect Core §2: an ID token has iss, sub, aud, exp and iat; with
 * id-token set, a token without a usable sub, exp or iat is refused, and
 * its aud must be the client (other audiences only if trusted). */
static void
test_id_token_sub (void)
{
  g_autoptr (PimJwkSet) keys = keys_of (signing_key, "k1");
  g_autoptr (PimTokenValidationParameters) p = id_token_parameters (keys);
  g_autoptr (JsonObject) claims = claims_for (ISSUER, NOW);
  const char *const two[] = { "app", "api", NULL };
  const char *const trusted[] = { "api", NULL };

  json_object_set_string_member (claims, "aud", "app");
  assert_static_valid (claims, p);

  /* sub: missing, empty, not a string. */
  json_object_remove_member (claims, "sub");
  assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_MISSING_CLAIM);
  json_object_set_string_member (claims, "sub", "");
  assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_CLAIM);
  json_object_set_int_member (claims, "sub", 42);
  assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_CLAIM);
  json_object_set_null_member (claims, "sub");
  assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_CLAIM);
  /* The same token as an access token: sub is not required there. */
  {
    g_autoptr (PimTokenValidationParameters) access =
        pim_token_validation_parameters_new (ISSUER, "app");

    g_object_set (access, "key-set", keys, "current-time", (gint64) NOW, NULL);
    json_object_remove_member (claims, "sub");
    assert_static_valid (claims, access);
    json_object_set_string_member (claims, "sub", "alice");
  }

  /* exp and iat, whatever require-exp and require-iat say. */
  g_object_set (p, "require-exp", FALSE, "require-iat", FALSE, NULL);
  json_object_remove_member (claims, "exp");
  assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_MISSING_CLAIM);
  json_object_set_int_member (claims, "exp", NOW + 300);
  json_object_remove_member (claims, "iat");
  assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_MISSING_CLAIM);
  json_object_set_int_member (claims, "iat", NOW - 10);
  assert_static_valid (claims, p);

  /* aud: the client, and only audiences it trusts besides. */
  json_object_set_string_member (claims, "aud", "api");
  assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH);
  {
    JsonArray *audiences = json_array_new ();

    json_array_add_string_element (audiences, "app");
    json_array_add_string_element (audiences, "api");
    json_object_set_array_member (claims, "aud", audiences);
    json_object_set_string_member (claims, "azp", "app");
  }
  assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH);
  g_object_set (p, "audiences", trusted, NULL);
  assert_static_valid (claims, p);
  g_object_set (p, "audiences", two, NULL);
  json_object_remove_member (claims, "aud");
  assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_MISSING_CLAIM);

  /* Parameters that cannot check an ID token. */
  json_object_set_string_member (claims, "aud", "app");
  g_object_set (p, "client-id", NULL, NULL);
  assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_PARAMETERS);
  g_object_set (p, "client-id", "app", "skip-audience-check", TRUE, NULL);
  assert_static_refused (claims, p, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_PARAMETERS);
  g_object_set (p, "skip-audience-check", FALSE, NULL);
  assert_static_valid (claims, p);
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

/* ---- Uniform errors ---- */

#define MARKER "Zq7MARKERv"

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      return TRUE;
  return FALSE;
}

typedef struct
{
  const char *claim; /* named in the error */
  void (*mutate) (JsonObject *claims);
  int code;
} Broken;

static void
b_expired (JsonObject *c)
{
  json_object_set_int_member (c, "exp", NOW - 777777);
}
static void
b_not_yet (JsonObject *c)
{
  json_object_set_int_member (c, "nbf", NOW + 777777);
}
static void
b_future (JsonObject *c)
{
  json_object_set_int_member (c, "iat", NOW + 777777);
}
static void
b_audience (JsonObject *c)
{
  json_object_set_string_member (c, "aud", MARKER "-aud");
}
static void
b_nonce (JsonObject *c)
{
  json_object_set_string_member (c, "nonce", MARKER "-nonce");
}
static void
b_azp (JsonObject *c)
{
  json_object_set_string_member (c, "azp", MARKER "-azp");
}
static void
b_sub (JsonObject *c)
{
  json_object_set_int_member (c, "sub", 777777);
}
static void
b_issuer (JsonObject *c)
{
  json_object_set_string_member (c, "iss", "https://" MARKER ".example");
}
static void
b_at_hash (JsonObject *c)
{
  json_object_set_string_member (c, "at_hash", MARKER "-hash");
}
static void
b_auth_time (JsonObject *c)
{
  json_object_set_int_member (c, "auth_time", NOW - 777777);
}

static const Broken broken[] = {
  { "exp", b_expired, PIM_TOKEN_ERROR_EXPIRED },
  { "nbf", b_not_yet, PIM_TOKEN_ERROR_NOT_YET_VALID },
  { "iat", b_future, PIM_TOKEN_ERROR_ISSUED_IN_FUTURE },
  { "aud", b_audience, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH },
  { "nonce", b_nonce, PIM_TOKEN_ERROR_NONCE_MISMATCH },
  { "azp", b_azp, PIM_TOKEN_ERROR_AZP_MISMATCH },
  { "sub", b_sub, PIM_TOKEN_ERROR_INVALID_CLAIM },
  { "iss", b_issuer, PIM_TOKEN_ERROR_ISSUER_MISMATCH },
  { "at_hash", b_at_hash, PIM_TOKEN_ERROR_HASH_MISMATCH },
  { "auth_time", b_auth_time, PIM_TOKEN_ERROR_AUTH_TOO_OLD },
};

/* Pim's errors go to the application, which is trusted: they name the
 * check that failed. What an untrusted party sending tokens can learn from
 * them (should the application pass them on) is bounded:
 *
 * - a token not signed by the provider gets the same error whatever its
 *   claims, so a forger cannot probe which claim checks exist or pass (the
 *   signature is verified before any claim is looked at, but for `iss`,
 *   which is pinned first with discovery, see issuer-pinning);
 * - a message names the claim, never the token's value of it, nor the
 *   token itself;
 * - header values that a message does show (kid, alg) are made printable
 *   and short, so a token cannot inject lines or terminal escapes into a
 *   log. */
static void
test_uniform_errors (void)
{
  g_autoptr (PimJwkSet) keys = keys_of (signing_key, "k1");
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autofree char  *forged_message = NULL;
  const char *const app[] = { "app", NULL };

  p = g_object_new (PIM_TYPE_TOKEN_VALIDATION_PARAMETERS, "issuer", ISSUER, "audiences", app,
                    "client-id", "app", "id-token", TRUE, "nonce", "n-0S6_WzA2Mj", "access-token",
                    "at", "max-age", (gint64) 600, "key-set", keys, "current-time", (gint64) NOW,
                    NULL);

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr (JsonObject) claims = claims_for (ISSUER, NOW);
      g_autofree char *authentic = NULL;
      g_autofree char *forged = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", broken[i].claim);
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) forged_error = NULL;
      g_autoptr (PimClaims) result = NULL;
      guint8 digest[64];
      gsize  len = pim_crypto_digest (PIM_DIGEST_SHA256, (const guint8 *) "at", 2, digest);
      g_autofree char *at_hash = pim_base64url_encode (digest, len / 2);

      json_object_set_string_member (claims, "aud", "app");
      json_object_set_string_member (claims, "nonce", "n-0S6_WzA2Mj");
      json_object_set_string_member (claims, "at_hash", at_hash);
      json_object_set_int_member (claims, "auth_time", NOW - 60);
      broken[i].mutate (claims);
      authentic = sign (claims, signing_key, "k1", NULL);
      forged = sign (claims, stranger, "k1", NULL);

      /* The provider's token: the failing claim is named, its value not. */
      result = pim_validate_token (authentic, p, NULL, NULL, &error);
      g_assert_null (result);
      g_assert_error (error, PIM_TOKEN_ERROR, broken[i].code);
      g_assert_nonnull (strstr (error->message, quoted));
      g_assert_null (strstr (error->message, MARKER));
      g_assert_null (strstr (error->message, "777777"));
      g_assert_null (strstr (error->message, authentic));

      /* The forgery: always the same error, whatever is broken. */
      result = pim_validate_token (forged, p, NULL, NULL, &forged_error);
      g_assert_null (result);
      g_assert_error (forged_error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_INVALID_SIGNATURE);
      if (forged_message == NULL)
        forged_message = g_strdup (forged_error->message);
      g_assert_cmpstr (forged_error->message, ==, forged_message);
    }

  /* Header values a message shows, and bodies that do not parse. */
  {
    static const char *const headers[] = {
      "{\"alg\":\"RS256\",\"kid\":\"" MARKER "\\n[fake log line]\\u001b[31m\"}",
      "{\"alg\":\"RS256\\r\\n" MARKER "\\u0007\",\"kid\":\"k1\"}",
      "{\"alg\":\"RS256\",\"kid\":\"" MARKER
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}",
    };
    static const char *const payloads[] = {
      "{\"iss\":\"" ISSUER "\",\"sub\":\"" MARKER "\"",
      "{\"iss\":\"" ISSUER "\",\"sub\":\"" MARKER "\",\"sub\":\"again\"}",
      "[\"" MARKER "\"]",
    };

    for (guint i = 0; i < G_N_ELEMENTS (headers) + G_N_ELEMENTS (payloads); i++)
      {
        const char *header = i < G_N_ELEMENTS (headers) ? headers[i] : "{\"alg\":\"RS256\"}";
        const char *payload =
            i < G_N_ELEMENTS (headers) ? "{\"sub\":\"a\"}" : payloads[i - G_N_ELEMENTS (headers)];
        g_autofree char *h = pim_base64url_encode ((const guint8 *) header, strlen (header));
        g_autofree char *b = pim_base64url_encode ((const guint8 *) payload, strlen (payload));
        g_autofree char *token = g_strconcat (h, ".", b, ".c2lnbmF0dXJl", NULL);
        g_autoptr (GError) error = NULL;
        g_autoptr (PimClaims) result = pim_validate_token (token, p, NULL, NULL, &error);

        g_assert_null (result);
        g_assert_nonnull (error);
        g_test_message ("%s", error->message);
        g_assert_false (has_control_characters (error->message));
        g_assert_cmpuint (strlen (error->message), <, 200);
        g_assert_null (strstr (error->message, token));
        if (i >= G_N_ELEMENTS (headers))
          g_assert_null (strstr (error->message, MARKER));
      }
  }
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

/* ---- Back-channel logout tokens ---- */

static JsonObject *
logout_claims (void)
{
  JsonObject *claims = json_object_new ();
  JsonObject *events = json_object_new ();

  json_object_set_object_member (events, PIM_BACKCHANNEL_LOGOUT_EVENT, json_object_new ());
  json_object_set_string_member (claims, "iss", ISSUER);
  json_object_set_string_member (claims, "aud", "app");
  json_object_set_string_member (claims, "sid", "session-1");
  json_object_set_string_member (claims, "jti", "jti-1");
  json_object_set_int_member (claims, "iat", now () - 10);
  json_object_set_int_member (claims, "exp", now () + 120);
  json_object_set_object_member (claims, "events", events);
  return claims;
}

/* The verdict on @claims signed by the providers' key, for client "app". */
static PimClaims *
validate_logout (JsonObject *claims, GError **error)
{
  g_autoptr (PimJwkSet) keys = keys_of (signing_key, "k1");
  g_autoptr (PimTokenValidationParameters) parameters =
      pim_token_validation_parameters_new (ISSUER, NULL);
  g_autofree char *token = sign (claims, signing_key, "k1", "logout+jwt");

  g_object_set (parameters, "client-id", "app", "key-set", keys, NULL);
  return pim_validate_logout_token (token, parameters, NULL, NULL, error);
}

/* A token with a nonce is an ID token, never a logout: Back-Channel
 * Logout 1.0 §2.6 step 5. The same claims without it pass. */
static void
test_logout_token_nonce_refused (void)
{
  g_autoptr (JsonObject) claims = logout_claims ();
  g_autoptr (PimClaims) valid = NULL;
  g_autoptr (PimClaims) refused = NULL;
  g_autoptr (GError) error = NULL;

  valid = validate_logout (claims, &error);
  g_assert_no_error (error);
  g_assert_nonnull (valid);
  json_object_set_string_member (claims, "nonce", "n-0S6_WzA2Mj");
  refused = validate_logout (claims, &error);
  g_assert_null (refused);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN);
  g_assert_nonnull (strstr (error->message, "nonce"));
  g_assert_null (strstr (error->message, "n-0S6_WzA2Mj"));
}

/* `events` with the back-channel logout member, an object, is what makes
 * a logout token (§2.4): without it, or with another shape, refused. */
static void
test_logout_token_events_required (void)
{
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (JsonObject) claims = logout_claims ();
      g_autoptr (PimClaims) result = NULL;
      g_autoptr (GError) error = NULL;
      JsonObject *events = json_object_new ();

      switch (i)
        {
        case 0: /* valid */
          json_object_unref (events);
          break;
        case 1:
          json_object_unref (events);
          json_object_remove_member (claims, "events");
          break;
        case 2:
          json_object_set_object_member (claims, "events", events);
          break;
        case 3:
          json_object_set_boolean_member (events, PIM_BACKCHANNEL_LOGOUT_EVENT, TRUE);
          json_object_set_object_member (claims, "events", events);
          break;
        default:
          json_object_unref (events);
          json_object_set_string_member (claims, "events", PIM_BACKCHANNEL_LOGOUT_EVENT);
          break;
        }
      result = validate_logout (claims, &error);
      if (i == 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (result);
          continue;
        }
      g_assert_null (result);
      g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN);
    }
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
  g_test_add_func ("/security/claim-checks-not-silently-disabled",
                   test_claim_checks_not_silently_disabled);
  g_test_add_func ("/security/id-token-sub", test_id_token_sub);
  g_test_add_func ("/security/kid-miss-refresh-cooldown", test_kid_miss_refresh_cooldown);
  g_test_add_func ("/security/uniform-errors", test_uniform_errors);
  pim_test_add_both ("/security", "mtls-aliases-policy", test_mtls_aliases_policy);
  g_test_add_func ("/security/logout-token-nonce-refused", test_logout_token_nonce_refused);
  g_test_add_func ("/security/logout-token-events-required", test_logout_token_events_required);

  ret = g_test_run ();
  g_clear_object (&signing_key);
  g_clear_object (&stranger);
  return ret;
}
