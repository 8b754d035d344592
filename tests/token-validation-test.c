/* token-validation-test.c: pim_validate_token: every claim rule with
 * tokens minted here, and tokens from the real provider, sync and async
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-cache-private.h"
#include "pim-discovery-private.h"
#include "pim-http-private.h"
#include "pim-test-async.h"
#include "pim-test-issuer.h"
#include "pim-test-provider.h"

#define NOW    1790000000
#define ISSUER "https://op.example"

static PimJwk    *signing_key;
static PimJwkSet *keys;

/* Claims that pass with default_parameters(). */
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

static PimTokenValidationParameters *
default_parameters (void)
{
  PimTokenValidationParameters *p = pim_token_validation_parameters_new (ISSUER, "api");

  g_object_set (p, "key-set", keys, "current-time", (gint64) NOW, NULL);
  return p;
}

static char *
mint (JsonObject *claims, JsonObject *header)
{
  return pim_test_issuer_sign (claims, signing_key, header);
}

static void
test_valid (gconstpointer data)
{
  g_autoptr (JsonObject) claims = good_claims ();
  g_autofree char *token = mint (claims, NULL);
  g_autoptr (PimTokenValidationParameters) p = default_parameters ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) result = pim_test_validate_token (token, p, GPOINTER_TO_INT (data), &error);
  g_auto (GStrv) audiences = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pim_claims_get_issuer (result), ==, ISSUER);
  g_assert_cmpstr (pim_claims_get_subject (result), ==, "alice");
  g_assert_cmpint (pim_claims_get_expiration (result), ==, NOW + 300);
  g_assert_cmpint (pim_claims_get_issued_at (result), ==, NOW - 10);
  audiences = pim_claims_dup_audiences (result);
  g_assert_cmpstrv (audiences, ((const char *const[]){ "api", NULL }));
}

typedef void (*Mutate) (JsonObject *claims, PimTokenValidationParameters *p);

typedef struct
{
  const char *name;
  Mutate      mutate;
  GQuark (*domain) (void);
  int code; /* -1: valid */
} ClaimCase;

static void
m_expired (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_int_member (c, "exp", NOW - 60);
}
static void
m_expired_in_skew (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_int_member (c, "exp", NOW - 59);
}
static void
m_no_exp (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_remove_member (c, "exp");
}
static void
m_no_exp_allowed (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_remove_member (c, "exp");
  g_object_set (p, "require-exp", FALSE, NULL);
}
static void
m_exp_string (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_string_member (c, "exp", "tomorrow");
}
static void
m_exp_fraction (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_double_member (c, "exp", NOW - 60.5);
}
static void
m_nbf_future (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_int_member (c, "nbf", NOW + 61);
}
static void
m_nbf_in_skew (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_int_member (c, "nbf", NOW + 60);
}
static void
m_nbf_required (JsonObject *c, PimTokenValidationParameters *p)
{
  g_object_set (p, "require-nbf", TRUE, NULL);
}
static void
m_iat_future (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_int_member (c, "iat", NOW + 61);
}
static void
m_no_iat (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_remove_member (c, "iat");
}
static void
m_zero_skew (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_int_member (c, "exp", NOW);
  g_object_set (p, "clock-skew", 0u, NULL);
}
static void
m_other_issuer (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_string_member (c, "iss", ISSUER "/");
}
static void
m_no_issuer (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_remove_member (c, "iss");
}
static void
m_issuer_number (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_int_member (c, "iss", 1);
}
static void
m_other_audience (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_string_member (c, "aud", "other");
}
static void
m_no_audience (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_remove_member (c, "aud");
}
static void
m_audience_number (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_int_member (c, "aud", 3);
}
static void
m_audience_array (JsonObject *c, PimTokenValidationParameters *p)
{
  JsonArray *a = json_array_new ();
  json_array_add_string_element (a, "other");
  json_array_add_string_element (a, "api");
  json_object_set_array_member (c, "aud", a);
}
static void
m_skip_audience (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_string_member (c, "aud", "other");
  g_object_set (p, "skip-audience-check", TRUE, "audiences", NULL, NULL);
}
static void
m_params_no_audience (JsonObject *c, PimTokenValidationParameters *p)
{
  g_object_set (p, "audiences", NULL, NULL);
}
static void
m_nonce_ok (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_string_member (c, "nonce", "n-0S6");
  g_object_set (p, "nonce", "n-0S6", NULL);
}
static void
m_nonce_wrong (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_string_member (c, "nonce", "n-0S7");
  g_object_set (p, "nonce", "n-0S6", NULL);
}
static void
m_nonce_missing (JsonObject *c, PimTokenValidationParameters *p)
{
  g_object_set (p, "nonce", "n-0S6", NULL);
}
static void
m_azp_needed (JsonObject *c, PimTokenValidationParameters *p)
{
  m_audience_array (c, p);
  g_object_set (p, "client-id", "api", NULL);
}
static void
m_azp_ok (JsonObject *c, PimTokenValidationParameters *p)
{
  m_azp_needed (c, p);
  json_object_set_string_member (c, "azp", "api");
}
static void
m_azp_wrong (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_string_member (c, "azp", "evil");
  g_object_set (p, "client-id", "api", NULL);
}
static void
m_max_age_ok (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_int_member (c, "auth_time", NOW - 100);
  g_object_set (p, "max-age", (gint64) 100, NULL);
}
static void
m_max_age_old (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_int_member (c, "auth_time", NOW - 161);
  g_object_set (p, "max-age", (gint64) 100, NULL);
}
static void
m_max_age_missing (JsonObject *c, PimTokenValidationParameters *p)
{
  g_object_set (p, "max-age", (gint64) 100, NULL);
}
static void
m_required_claim (JsonObject *c, PimTokenValidationParameters *p)
{
  g_object_set (p, "required-claims", (const char *const[]){ "sub", "email", NULL }, NULL);
}
/* OpenID Connect Core §A.3: at_hash of "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y" with RS256. */
static void
m_at_hash_ok (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_string_member (c, "at_hash", "77QmUPtjPfzWtF2AnpK9RQ");
  g_object_set (p, "access-token", "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", NULL);
}
static void
m_at_hash_wrong (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_string_member (c, "at_hash", "77QmUPtjPfzWtF2AnpK9RR");
  g_object_set (p, "access-token", "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", NULL);
}
/* at-hash-optional: a missing at_hash is accepted, a wrong one is not. */
static void
m_at_hash_optional_missing (JsonObject *c, PimTokenValidationParameters *p)
{
  g_object_set (p, "access-token", "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y",
                "at-hash-optional", TRUE, NULL);
}
static void
m_at_hash_optional_wrong (JsonObject *c, PimTokenValidationParameters *p)
{
  m_at_hash_wrong (c, p);
  g_object_set (p, "at-hash-optional", TRUE, NULL);
}
static void
m_at_hash_missing (JsonObject *c, PimTokenValidationParameters *p)
{
  g_object_set (p, "access-token", "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", NULL);
}
/* OpenID Connect Core §A.4: c_hash of "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk" with RS256. */
static void
m_c_hash_ok (JsonObject *c, PimTokenValidationParameters *p)
{
  json_object_set_string_member (c, "c_hash", "LDktKdoQak3Pk0cnXxCltA");
  g_object_set (p, "code", "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk", NULL);
}
static void
m_c_hash_missing (JsonObject *c, PimTokenValidationParameters *p)
{
  g_object_set (p, "code", "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk", NULL);
}
static void
m_type_wanted (JsonObject *c, PimTokenValidationParameters *p)
{
  g_object_set (p, "expected-type", "at+jwt", NULL);
}
static void
m_only_es256 (JsonObject *c, PimTokenValidationParameters *p)
{
  g_object_set (p, "allowed-algorithms", (const char *const[]){ "ES256", NULL }, NULL);
}
static void
m_no_issuer_param (JsonObject *c, PimTokenValidationParameters *p)
{
  g_object_set (p, "issuer", NULL, NULL);
}

static GQuark
token_error (void)
{
  return PIM_TOKEN_ERROR;
}
static GQuark
jose_error (void)
{
  return PIM_JOSE_ERROR;
}

static const ClaimCase claim_cases[] = {
  { "exp/expired", m_expired, token_error, PIM_TOKEN_ERROR_EXPIRED },
  { "exp/within-skew", m_expired_in_skew, NULL, -1 },
  { "exp/missing", m_no_exp, token_error, PIM_TOKEN_ERROR_MISSING_CLAIM },
  { "exp/missing-allowed", m_no_exp_allowed, NULL, -1 },
  { "exp/not-a-number", m_exp_string, token_error, PIM_TOKEN_ERROR_INVALID_CLAIM },
  { "exp/fraction-expired", m_exp_fraction, token_error, PIM_TOKEN_ERROR_EXPIRED },
  { "exp/zero-skew", m_zero_skew, token_error, PIM_TOKEN_ERROR_EXPIRED },
  { "nbf/future", m_nbf_future, token_error, PIM_TOKEN_ERROR_NOT_YET_VALID },
  { "nbf/within-skew", m_nbf_in_skew, NULL, -1 },
  { "nbf/required", m_nbf_required, token_error, PIM_TOKEN_ERROR_MISSING_CLAIM },
  { "iat/future", m_iat_future, token_error, PIM_TOKEN_ERROR_ISSUED_IN_FUTURE },
  { "iat/missing", m_no_iat, token_error, PIM_TOKEN_ERROR_MISSING_CLAIM },
  { "iss/other", m_other_issuer, token_error, PIM_TOKEN_ERROR_ISSUER_MISMATCH },
  { "iss/missing", m_no_issuer, token_error, PIM_TOKEN_ERROR_MISSING_CLAIM },
  { "iss/not-a-string", m_issuer_number, token_error, PIM_TOKEN_ERROR_INVALID_CLAIM },
  { "aud/other", m_other_audience, token_error, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH },
  { "aud/missing", m_no_audience, token_error, PIM_TOKEN_ERROR_MISSING_CLAIM },
  { "aud/not-a-string", m_audience_number, token_error, PIM_TOKEN_ERROR_INVALID_CLAIM },
  { "aud/array", m_audience_array, NULL, -1 },
  { "aud/skip-explicitly", m_skip_audience, NULL, -1 },
  { "aud/none-set-is-an-error", m_params_no_audience, token_error,
    PIM_TOKEN_ERROR_INVALID_PARAMETERS },
  { "nonce/matches", m_nonce_ok, NULL, -1 },
  { "nonce/wrong", m_nonce_wrong, token_error, PIM_TOKEN_ERROR_NONCE_MISMATCH },
  { "nonce/missing", m_nonce_missing, token_error, PIM_TOKEN_ERROR_MISSING_CLAIM },
  { "azp/needed-for-several-audiences", m_azp_needed, token_error, PIM_TOKEN_ERROR_AZP_MISMATCH },
  { "azp/matches", m_azp_ok, NULL, -1 },
  { "azp/other-client", m_azp_wrong, token_error, PIM_TOKEN_ERROR_AZP_MISMATCH },
  { "max-age/recent", m_max_age_ok, NULL, -1 },
  { "max-age/too-old", m_max_age_old, token_error, PIM_TOKEN_ERROR_AUTH_TOO_OLD },
  { "max-age/auth-time-missing", m_max_age_missing, token_error, PIM_TOKEN_ERROR_MISSING_CLAIM },
  { "required-claims", m_required_claim, token_error, PIM_TOKEN_ERROR_MISSING_CLAIM },
  { "at-hash/matches", m_at_hash_ok, NULL, -1 },
  { "at-hash/wrong", m_at_hash_wrong, token_error, PIM_TOKEN_ERROR_HASH_MISMATCH },
  { "at-hash/missing", m_at_hash_missing, token_error, PIM_TOKEN_ERROR_MISSING_CLAIM },
  { "at-hash/optional-missing", m_at_hash_optional_missing, NULL, -1 },
  { "at-hash/optional-wrong", m_at_hash_optional_wrong, token_error,
    PIM_TOKEN_ERROR_HASH_MISMATCH },
  { "c-hash/matches", m_c_hash_ok, NULL, -1 },
  { "c-hash/missing", m_c_hash_missing, token_error, PIM_TOKEN_ERROR_MISSING_CLAIM },
  { "typ/mismatch", m_type_wanted, token_error, PIM_TOKEN_ERROR_TYPE_MISMATCH },
  { "alg/not-allowed", m_only_es256, jose_error, PIM_JOSE_ERROR_ALG_NOT_ALLOWED },
  { "parameters/no-issuer", m_no_issuer_param, token_error, PIM_TOKEN_ERROR_INVALID_PARAMETERS },
};

static void
test_claim_case (gconstpointer data)
{
  const ClaimCase *c = data;
  g_autoptr (JsonObject) claims = good_claims ();
  g_autoptr (PimTokenValidationParameters) p = default_parameters ();
  g_autofree char *token = NULL;

  c->mutate (claims, p);
  token = mint (claims, NULL);
  for (PimTestMode mode = PIM_TEST_SYNC; mode <= PIM_TEST_ASYNC; mode++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimClaims) result = pim_test_validate_token (token, p, mode, &error);

      if (c->code < 0)
        g_assert_no_error (error);
      else
        {
          g_assert_null (result);
          g_assert_error (error, c->domain (), c->code);
        }
    }
}

static void
test_typ (void)
{
  g_autoptr (JsonObject) claims = good_claims ();
  g_autoptr (JsonObject) header = json_object_new ();
  g_autoptr (PimTokenValidationParameters) p = default_parameters ();
  g_autofree char *token = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) result = NULL;

  json_object_set_string_member (header, "typ", "application/AT+JWT");
  token = mint (claims, header);
  g_object_set (p, "expected-type", "at+jwt", NULL);
  result = pim_validate_token (token, p, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Unsigned claims never come back: a bad signature fails first. */
static void
test_bad_signature (void)
{
  g_autoptr (JsonObject) claims = good_claims ();
  g_autofree char *token = mint (claims, NULL);
  g_autoptr (PimTokenValidationParameters) p = default_parameters ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) result = NULL;

  token[strlen (token) - 3] = token[strlen (token) - 3] == 'A' ? 'B' : 'A';
  result = pim_validate_token (token, p, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_INVALID_SIGNATURE);
}

/* HMAC is not among the default algorithms, even with a matching key. */
static void
test_default_algorithms_asymmetric (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) hmac = pim_jwk_generate ("HS256", &error);
  g_autoptr (PimJwkSet) set = pim_jwk_set_new ();
  g_autoptr (JsonObject) claims = good_claims ();
  g_autofree char *token = pim_jwt_sign (claims, hmac, NULL, NULL, &error);
  g_autoptr (PimTokenValidationParameters) p = default_parameters ();
  g_autoptr (PimClaims) result = NULL;

  pim_jwk_set_add (set, hmac);
  g_object_set (p, "key-set", set, NULL);
  result = pim_validate_token (token, p, NULL, NULL, &error);
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
}

/* ---- The real provider ---- */

static char *
provider_access_token (void)
{
  const char      *issuer = pim_test_provider_get_issuer (pim_test_provider_get_shared ());
  g_autofree char *uri = g_strconcat (issuer, "/token", NULL);
  g_autoptr (PimHttpRequest) request = pim_http_request_new ("POST", uri);
  g_autofree char *basic = g_base64_encode ((const guchar *) "pim-basic:pim-basic-secret", 26);
  g_autofree char *authorization = g_strconcat ("Basic ", basic, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpResponse) response = NULL;
  g_autoptr (JsonNode) node = NULL;

  pim_http_request_add_form_param (request, "grant_type", "client_credentials");
  pim_http_request_add_form_param (request, "resource", PIM_TEST_RESOURCE_JWT);
  pim_http_request_add_form_param (request, "scope", "api:read");
  pim_http_request_add_header (request, "Authorization", authorization);
  response = pim_http_client_send (NULL, request, NULL, &error);
  g_assert_no_error (error);
  node = pim_http_response_parse_json (response, &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "access_token"));
}

static void
test_provider_access_token (gconstpointer data)
{
  const char      *issuer = pim_test_provider_get_issuer (pim_test_provider_get_shared ());
  g_autofree char *token = provider_access_token ();
  g_autoptr (PimTokenValidationParameters) p =
      pim_token_validation_parameters_new (issuer, PIM_TEST_RESOURCE_JWT);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = NULL;

  g_object_set (p, "expected-type", "at+jwt", NULL);
  claims = pim_test_validate_token (token, p, GPOINTER_TO_INT (data), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_claims_get_issuer (claims), ==, issuer);
  g_assert_cmpstr (pim_claims_get_string (claims, "client_id"), ==, "pim-basic");
  g_clear_object (&claims);

  /* The same token for another audience. */
  g_object_set (p, "audiences", (const char *const[]){ "urn:other", NULL }, NULL);
  claims = pim_test_validate_token (token, p, GPOINTER_TO_INT (data), &error);
  g_assert_null (claims);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH);
}

/* An unknown kid forces one key set refresh (the provider may have rotated
 * its keys), and only one per cooldown, however many forged tokens come. */
static void
test_provider_unknown_kid_refresh (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  const char      *issuer = pim_test_provider_get_issuer (pim_test_provider_get_shared ());
  g_autofree char *good = provider_access_token ();
  g_autoptr (PimTokenValidationParameters) p =
      pim_token_validation_parameters_new (issuer, PIM_TEST_RESOURCE_JWT);
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autoptr (JsonObject) header = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) valid = NULL;
  g_autofree char *forged = NULL;
  guint64          refreshes_before, refreshes_after, misses_before, misses_after;

  /* Warm: discovery and keys cached. */
  valid = pim_test_validate_token (good, p, mode, &error);
  g_assert_no_error (error);

  json_object_set_string_member (claims, "iss", issuer);
  json_object_set_string_member (claims, "aud", PIM_TEST_RESOURCE_JWT);
  json_object_set_int_member (claims, "iat", g_get_real_time () / G_USEC_PER_SEC);
  json_object_set_int_member (claims, "exp", g_get_real_time () / G_USEC_PER_SEC + 300);
  json_object_set_string_member (header, "kid", "rotated-in");
  forged = mint (claims, header);

  /* Past the cooldown since the keys were fetched. */
  pim_cache_advance_clock_for_testing (pim_cache_get_default (), PIM_JWKS_REFRESH_COOLDOWN + 1);
  pim_get_cache_stats (NULL, &misses_before, &refreshes_before, NULL);
  for (guint i = 0; i < 25; i++)
    {
      g_autoptr (PimClaims) none = pim_test_validate_token (forged, p, mode, &error);

      g_assert_null (none);
      g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_NOT_FOUND);
      g_clear_error (&error);
    }
  pim_get_cache_stats (NULL, &misses_after, &refreshes_after, NULL);
  /* One refetch of the key set for 25 forged tokens. */
  g_assert_cmpuint ((refreshes_after + misses_after) - (refreshes_before + misses_before), ==, 1);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  signing_key = pim_test_issuer_generate_key ("RS256", &keys);

  g_test_add_data_func ("/token-validation/valid/sync", GINT_TO_POINTER (PIM_TEST_SYNC),
                        test_valid);
  g_test_add_data_func ("/token-validation/valid/async", GINT_TO_POINTER (PIM_TEST_ASYNC),
                        test_valid);
  for (gsize i = 0; i < G_N_ELEMENTS (claim_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/token-validation/%s", claim_cases[i].name);

      g_test_add_data_func (path, &claim_cases[i], test_claim_case);
    }
  g_test_add_func ("/token-validation/typ/application-prefix-and-case", test_typ);
  g_test_add_func ("/token-validation/bad-signature", test_bad_signature);
  g_test_add_func ("/token-validation/default-algorithms-asymmetric",
                   test_default_algorithms_asymmetric);
  g_test_add_data_func ("/token-validation/provider/access-token/sync",
                        GINT_TO_POINTER (PIM_TEST_SYNC), test_provider_access_token);
  g_test_add_data_func ("/token-validation/provider/access-token/async",
                        GINT_TO_POINTER (PIM_TEST_ASYNC), test_provider_access_token);

  g_test_add_data_func ("/token-validation/provider/unknown-kid-refresh/sync",
                        GINT_TO_POINTER (PIM_TEST_SYNC), test_provider_unknown_kid_refresh);
  g_test_add_data_func ("/token-validation/provider/unknown-kid-refresh/async",
                        GINT_TO_POINTER (PIM_TEST_ASYNC), test_provider_unknown_kid_refresh);

  ret = g_test_run ();
  g_clear_object (&keys);
  g_clear_object (&signing_key);
  return ret;
}
