/* validation-faults-test.c: pim_validate_token against a provider made of
 * two documents on the fault server: cold-cache bursts, a provider down,
 * issuer lists and discovery addresses, the claims validator, and the
 * validated-token cache
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-cache-private.h"
#include "pim-test-async.h"
#include "pim-test-server.h"

#define DISCOVERY_PATH "/.well-known/openid-configuration"

static PimJwk    *signing_key;
static PimJwkSet *keys;

typedef struct
{
  PimTestServer *server;
  char          *issuer;
  char          *token; /* valid for a day, for audience "api" */
} FakeProvider;

static char *
mint_for (const char *issuer, gint64 exp, const char *scope)
{
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autoptr (GError) error = NULL;
  char *token;

  json_object_set_string_member (claims, "iss", issuer);
  json_object_set_string_member (claims, "aud", "api");
  json_object_set_string_member (claims, "sub", "alice");
  json_object_set_int_member (claims, "iat", g_get_real_time () / G_USEC_PER_SEC - 10);
  json_object_set_int_member (claims, "exp", exp);
  if (scope != NULL)
    json_object_set_string_member (claims, "scope", scope);
  token = pim_jwt_sign (claims, signing_key, NULL, NULL, &error);
  g_assert_no_error (error);
  return token;
}

static gint64
in_a_day (void)
{
  return g_get_real_time () / G_USEC_PER_SEC + 3600 * 24;
}

static void
fake_provider_serve (FakeProvider *fake, guint status)
{
  g_autofree char *document =
      g_strdup_printf ("{\"issuer\":\"%s\",\"authorization_endpoint\":\"%s/"
                       "auth\",\"token_endpoint\":\"%s/token\","
                       "\"jwks_uri\":\"%s/jwks\",\"response_types_supported\":[\"code\"],"
                       "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_"
                       "supported\":[\"RS256\"]}",
                       fake->issuer, fake->issuer, fake->issuer, fake->issuer);
  g_autofree char *jwks = pim_jwk_set_to_json (keys, FALSE);

  pim_test_server_set_document (fake->server, DISCOVERY_PATH, status, "application/json", document);
  pim_test_server_set_document (fake->server, "/jwks", status, "application/json", jwks);
}

static void
fake_provider_init (FakeProvider *fake)
{
  fake->server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  fake->issuer = pim_test_server_get_uri (fake->server, "");
  fake->token = mint_for (fake->issuer, in_a_day (), NULL);
  fake_provider_serve (fake, SOUP_STATUS_OK);
  pim_clear_discovery_cache ();
  pim_clear_jwks_cache ();
}

static void
fake_provider_clear (FakeProvider *fake)
{
  pim_test_server_free (fake->server);
  g_free (fake->issuer);
  g_free (fake->token);
}

static guint
discovery_hits (FakeProvider *fake)
{
  return pim_test_server_get_hits (fake->server, DISCOVERY_PATH);
}

static PimClaims *
validate (const char                   *token,
          PimTokenValidationParameters *parameters,
          PimHttpClient                *client,
          PimTestMode                   mode,
          GError                      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_validate_token (token, parameters, client, NULL, error);
  pim_validate_token_async (token, parameters, client, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_validate_token_finish (result, error);
}

/* ---- Cold caches and a provider down ---- */

typedef struct
{
  FakeProvider *fake;
  guint         ok;
} Burst;

static gpointer
burst_thread (gpointer data)
{
  Burst *burst = data;
  g_autoptr (PimTokenValidationParameters) p =
      pim_token_validation_parameters_new (burst->fake->issuer, "api");

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (GError) error = NULL;
      G_GNUC_UNUSED g_autoptr (PimClaims) claims =
          pim_validate_token (burst->fake->token, p, NULL, NULL, &error);

      g_assert_no_error (error);
      g_atomic_int_inc (&burst->ok);
    }
  return NULL;
}

static void
on_burst_validated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Burst *burst = user_data;
  g_autoptr (GError) error = NULL;
  G_GNUC_UNUSED g_autoptr (PimClaims) claims = pim_validate_token_finish (result, &error);

  g_assert_no_error (error);
  g_atomic_int_inc (&burst->ok);
}

/* A cold cache under 100 async and 8 threads × 5 sync validations at once:
 * one discovery request and one key set request in all. */
static void
test_cold_cache_burst (void)
{
  FakeProvider fake = { 0 };
  Burst        burst = { &fake, 0 };
  g_autoptr (PimTokenValidationParameters) p = NULL;
  GThread *threads[8];

  fake_provider_init (&fake);
  p = pim_token_validation_parameters_new (fake.issuer, "api");
  for (guint i = 0; i < 100; i++)
    pim_validate_token_async (fake.token, p, NULL, NULL, on_burst_validated, &burst);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("burst", burst_thread, &burst);
  while (g_atomic_int_get (&burst.ok) < 100 + 8 * 5)
    g_main_context_iteration (NULL, TRUE);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (discovery_hits (&fake), ==, 1);
  g_assert_cmpuint (pim_test_server_get_hits (fake.server, "/jwks"), ==, 1);
  fake_provider_clear (&fake);
}

/* The provider goes down after the caches expired: the last good documents
 * keep tokens validating within the grace period. */
static void
test_provider_down_warm_cache (void)
{
  FakeProvider fake = { 0 };
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autoptr (PimHttpClient) no_retry = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = NULL;

  fake_provider_init (&fake);
  p = pim_token_validation_parameters_new (fake.issuer, "api");
  claims = pim_validate_token (fake.token, p, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&claims);

  fake_provider_serve (&fake, SOUP_STATUS_SERVICE_UNAVAILABLE);
  pim_cache_advance_clock_for_testing (pim_cache_get_default (), 3700);
  /* No retries of the 503s: the test is about the cache, not backoff. A
   * client with the default TLS trust shares the default's entries. */
  no_retry = g_object_new (PIM_TYPE_HTTP_CLIENT, "retry-count", 0, NULL);
  claims = pim_validate_token (fake.token, p, no_retry, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claims);
  /* It did ask again. */
  g_assert_cmpuint (discovery_hits (&fake), >=, 2);
  fake_provider_clear (&fake);
}

/* ---- Issuer lists and discovery addresses ---- */

/* Two accepted issuers, each discovered for its own tokens; a token from a
 * third is refused before its provider is contacted. */
static void
test_issuer_list (gconstpointer data)
{
  PimTestMode  mode = GPOINTER_TO_INT (data);
  FakeProvider a = { 0 }, b = { 0 }, stranger = { 0 };
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = NULL;

  fake_provider_init (&a);
  fake_provider_init (&b);
  fake_provider_init (&stranger);
  p = g_object_new (PIM_TYPE_TOKEN_VALIDATION_PARAMETERS, "issuers",
                    (const char *const[]){ a.issuer, b.issuer, NULL }, "audiences",
                    (const char *const[]){ "api", NULL }, NULL);

  claims = validate (a.token, p, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_claims_get_issuer (claims), ==, a.issuer);
  g_clear_object (&claims);
  claims = validate (b.token, p, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_claims_get_issuer (claims), ==, b.issuer);
  g_clear_object (&claims);
  g_assert_cmpuint (discovery_hits (&a), ==, 1);
  g_assert_cmpuint (discovery_hits (&b), ==, 1);

  claims = validate (stranger.token, p, NULL, mode, &error);
  g_assert_null (claims);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_ISSUER_MISMATCH);
  g_assert_nonnull (strstr (error->message, "iss"));
  g_clear_error (&error);
  g_assert_cmpuint (discovery_hits (&stranger), ==, 0);
  g_assert_cmpuint (pim_test_server_get_hits (stranger.server, "/jwks"), ==, 0);

  /* "issuer" and "issuers" add up. */
  g_object_set (p, "issuer", stranger.issuer, NULL);
  claims = validate (stranger.token, p, NULL, mode, &error);
  g_assert_no_error (error);
  g_clear_object (&claims);

  /* No issuer at all is a parameters error. */
  g_object_set (p, "issuer", NULL, "issuers", NULL, NULL);
  claims = validate (a.token, p, NULL, mode, &error);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_PARAMETERS);

  fake_provider_clear (&a);
  fake_provider_clear (&b);
  fake_provider_clear (&stranger);
}

/* A discovery address that is not the issuer: the document found there
 * must be the token's issuer's. */
static void
test_discovery_address (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  FakeProvider     a = { 0 }, b = { 0 };
  g_autofree char *a_metadata = NULL;
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = NULL;

  fake_provider_init (&a);
  fake_provider_init (&b);
  a_metadata = g_strconcat (a.issuer, DISCOVERY_PATH, NULL);
  p = pim_token_validation_parameters_new (a.issuer, "api");
  g_object_set (p, "discovery-address", a_metadata, NULL);
  claims = validate (a.token, p, NULL, mode, &error);
  g_assert_no_error (error);
  g_clear_object (&claims);
  g_assert_cmpuint (discovery_hits (&a), ==, 1);

  /* Both issuers accepted, but discovery names B: A's token is refused. */
  g_object_set (p, "issuers", (const char *const[]){ b.issuer, NULL }, "discovery-address",
                b.issuer, NULL);
  claims = validate (a.token, p, NULL, mode, &error);
  g_assert_null (claims);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_ISSUER_MISMATCH);
  g_clear_error (&error);
  g_assert_cmpuint (discovery_hits (&b), ==, 1);
  claims = validate (b.token, p, NULL, mode, &error);
  g_assert_no_error (error);

  fake_provider_clear (&a);
  fake_provider_clear (&b);
}

/* ---- The claims validator ---- */

typedef struct
{
  guint calls;
  guint destroyed;
} ValidatorState;

static char *
require_orders_scope (PimClaims *claims, gpointer user_data)
{
  ValidatorState *state = user_data;
  const char     *scope = pim_claims_get_string (claims, "scope");
  g_auto (GStrv) scopes = g_strsplit (scope != NULL ? scope : "", " ", -1);

  state->calls++;
  if (!g_strv_contains ((const char *const *) scopes, "orders:read"))
    return g_strdup ("scope orders:read is required");
  return NULL;
}

static void
validator_state_destroyed (gpointer user_data)
{
  ((ValidatorState *) user_data)->destroyed++;
}

static void
test_claims_validator (gconstpointer data)
{
  PimTestMode                   mode = GPOINTER_TO_INT (data);
  FakeProvider                  fake = { 0 };
  ValidatorState                state = { 0, 0 };
  ValidatorState                other = { 0, 0 };
  g_autofree char              *reader = NULL;
  g_autofree char              *expired = NULL;
  PimTokenValidationParameters *p;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = NULL;

  fake_provider_init (&fake);
  reader = mint_for (fake.issuer, in_a_day (), "openid orders:read");
  expired = mint_for (fake.issuer, g_get_real_time () / G_USEC_PER_SEC - 3600, "orders:read");
  p = pim_token_validation_parameters_new (fake.issuer, "api");
  pim_token_validation_parameters_set_claims_validator (p, require_orders_scope, &state,
                                                        validator_state_destroyed);

  claims = validate (reader, p, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claims);
  g_clear_object (&claims);
  g_assert_cmpuint (state.calls, ==, 1);

  claims = validate (fake.token, p, NULL, mode, &error);
  g_assert_null (claims);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "scope orders:read is required"));
  g_clear_error (&error);
  g_assert_cmpuint (state.calls, ==, 2);

  /* It runs last: a token failing a standard check never reaches it. */
  claims = validate (expired, p, NULL, mode, &error);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_EXPIRED);
  g_clear_error (&error);
  g_assert_cmpuint (state.calls, ==, 2);

  /* Replacing it frees the old data; so does finalizing. */
  pim_token_validation_parameters_set_claims_validator (p, require_orders_scope, &other,
                                                        validator_state_destroyed);
  g_assert_cmpuint (state.destroyed, ==, 1);
  g_assert_cmpuint (other.destroyed, ==, 0);
  g_object_unref (p);
  g_assert_cmpuint (other.destroyed, ==, 1);
  g_assert_cmpuint (state.destroyed, ==, 1);
  fake_provider_clear (&fake);
}

/* ---- The validated-token cache ---- */

static void
assert_cache_stats (PimTokenValidationParameters *p, guint64 hits, guint64 misses)
{
  guint64 h = 99, m = 99;

  pim_token_validation_parameters_get_token_cache_stats (p, &h, &m);
  g_assert_cmpuint (h, ==, hits);
  g_assert_cmpuint (m, ==, misses);
}

static PimClaims *
validate_ok (const char *token, PimTokenValidationParameters *p, PimTestMode mode)
{
  g_autoptr (GError) error = NULL;
  PimClaims *claims = validate (token, p, NULL, mode, &error);

  g_assert_no_error (error);
  g_assert_nonnull (claims);
  return claims;
}

static void
test_token_cache (gconstpointer data)
{
  PimTestMode  mode = GPOINTER_TO_INT (data);
  FakeProvider fake = { 0 };
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autoptr (PimClaims) first = NULL;
  g_autoptr (PimClaims) again = NULL;
  g_autofree char *t2 = NULL;
  g_autofree char *t3 = NULL;
  ValidatorState   state = { 0, 0 };

  fake_provider_init (&fake);
  t2 = mint_for (fake.issuer, in_a_day (), "two");
  t3 = mint_for (fake.issuer, in_a_day (), "three");
  p = pim_token_validation_parameters_new (fake.issuer, "api");
  assert_cache_stats (p, 0, 0);

  /* Off by default. */
  first = validate_ok (fake.token, p, mode);
  again = validate_ok (fake.token, p, mode);
  g_assert_true (first != again);
  assert_cache_stats (p, 0, 0);
  g_clear_object (&first);
  g_clear_object (&again);

  /* On: the second validation is the first's verdict, not a new one (the
   * validator is not asked again). */
  g_object_set (p, "token-cache-size", 2u, NULL);
  pim_token_validation_parameters_set_claims_validator (p, require_orders_scope, &state, NULL);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PimClaims) refused = validate (fake.token, p, NULL, mode, &error);

    /* Refusals are never remembered. */
    g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_REJECTED);
    g_clear_error (&error);
    refused = validate (fake.token, p, NULL, mode, &error);
    g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_REJECTED);
    assert_cache_stats (p, 0, 2);
  }
  pim_token_validation_parameters_set_claims_validator (p, NULL, NULL, NULL);
  assert_cache_stats (p, 0, 0);
  first = validate_ok (fake.token, p, mode);
  again = validate_ok (fake.token, p, mode);
  g_assert_true (first == again);
  assert_cache_stats (p, 1, 1);
  g_clear_object (&again);

  /* Bounded, least recently used out: t2 and t3 push the first token out. */
  again = validate_ok (t2, p, mode);
  g_clear_object (&again);
  again = validate_ok (t3, p, mode);
  g_clear_object (&again);
  again = validate_ok (fake.token, p, mode);
  g_assert_true (first != again);
  assert_cache_stats (p, 1, 4);
  g_clear_object (&again);
  again = validate_ok (fake.token, p, mode);
  assert_cache_stats (p, 2, 4);
  g_clear_object (&again);

  /* Clearing the key sets forgets every verdict. */
  pim_clear_jwks_cache ();
  again = validate_ok (fake.token, p, mode);
  assert_cache_stats (p, 2, 5);
  g_clear_object (&again);

  /* Another TLS trust does not share verdicts. */
  {
    g_autoptr (PimHttpClient) untrusting =
        g_object_new (PIM_TYPE_HTTP_CLIENT, "tls-verify", PIM_TLS_VERIFY_DISABLED, NULL);
    g_autoptr (GError) error = NULL;
    G_GNUC_UNUSED g_autoptr (PimClaims) other = validate (fake.token, p, untrusting, mode, &error);

    g_assert_no_error (error);
    assert_cache_stats (p, 2, 6);
  }

  /* So does clearing it, and changing any property. */
  pim_token_validation_parameters_clear_token_cache (p);
  again = validate_ok (fake.token, p, mode);
  assert_cache_stats (p, 2, 7);
  g_clear_object (&again);
  g_object_set (p, "clock-skew", 30u, NULL);
  assert_cache_stats (p, 0, 0);
  fake_provider_clear (&fake);
}

/* An entry never outlives the token's exp, even when the clock skew still
 * accepts the token. */
static void
test_token_cache_exp (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  FakeProvider     fake = { 0 };
  g_autofree char *just_expired = NULL;
  g_autofree char *no_exp = NULL;
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autoptr (PimClaims) claims = NULL;

  fake_provider_init (&fake);
  just_expired = mint_for (fake.issuer, g_get_real_time () / G_USEC_PER_SEC - 5, NULL);
  p = pim_token_validation_parameters_new (fake.issuer, "api");
  g_object_set (p, "token-cache-size", 8u, NULL);
  for (guint i = 0; i < 3; i++)
    {
      claims = validate_ok (just_expired, p, mode);
      g_clear_object (&claims);
    }
  assert_cache_stats (p, 0, 3);

  /* A token without exp is never remembered. */
  {
    g_autoptr (JsonObject) c = json_object_new ();
    g_autoptr (GError) error = NULL;

    json_object_set_string_member (c, "iss", fake.issuer);
    json_object_set_string_member (c, "aud", "api");
    json_object_set_int_member (c, "iat", g_get_real_time () / G_USEC_PER_SEC);
    no_exp = pim_jwt_sign (c, signing_key, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  g_object_set (p, "require-exp", FALSE, NULL);
  claims = validate_ok (no_exp, p, mode);
  g_clear_object (&claims);
  claims = validate_ok (no_exp, p, mode);
  assert_cache_stats (p, 0, 2);
  fake_provider_clear (&fake);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) pub = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  signing_key = pim_jwk_generate ("RS256", &error);
  g_assert_no_error (error);
  pub = pim_jwk_get_public (signing_key);
  keys = pim_jwk_set_new ();
  pim_jwk_set_add (keys, pub);

  g_test_add_func ("/validation-faults/cold-cache-burst", test_cold_cache_burst);
  g_test_add_func ("/validation-faults/provider-down-warm-cache", test_provider_down_warm_cache);
  pim_test_add_both ("/validation-faults", "issuer-list", test_issuer_list);
  pim_test_add_both ("/validation-faults", "discovery-address", test_discovery_address);
  pim_test_add_both ("/validation-faults", "claims-validator", test_claims_validator);
  pim_test_add_both ("/validation-faults", "token-cache", test_token_cache);
  pim_test_add_both ("/validation-faults", "token-cache-exp", test_token_cache_exp);

  ret = g_test_run ();
  g_clear_object (&keys);
  g_clear_object (&signing_key);
  return ret;
}
