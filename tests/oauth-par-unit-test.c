/* oauth-par-unit-test.c: request objects (RFC 9101) and pushed
 * authorization requests (RFC 9126) without the provider: request objects
 * and URLs as built, PAR answers parsed, and what the fault server
 * answers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "oauth-par-common.h"
#include "pim-authorization-request-private.h"
#include "pim-test-async.h"
#include "pim-test-server.h"

/* ---- Request objects, built (no network) ---- */

static PimJwt *
request_object_of (const char *url)
{
  g_autoptr (GHashTable) params = query_of (url);
  g_autoptr (GError) error = NULL;
  PimJwt *jwt;

  g_assert_cmpuint (g_hash_table_size (params), ==, 2);
  jwt = pim_jwt_parse (g_hash_table_lookup (params, "request"), &error);
  g_assert_no_error (error);
  return jwt;
}

static void
test_request_object_claims (void)
{
  g_autoptr (PimAuthorizationRequest) request =
      pim_authorization_request_new ("https://id.example.com/auth", "app", REDIRECT);
  g_autoptr (PimJwk) key = NULL;
  g_autoptr (PimJwt) jwt = NULL;
  g_autoptr (PimJwkSet) keys = pim_jwk_set_new ();
  g_autoptr (PimJwk) public_key = NULL;
  g_autoptr (PimJwk) verified = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char  *url = NULL;
  const char *const resources[] = { "urn:a", "urn:b", NULL };
  const char *const algs[] = { "PS256", NULL };
  JsonObject       *claims;
  JsonObject       *header;
  gint64            iat = 0, nbf = 0, exp = 0;

  key = pim_jwk_generate_rsa (2048, NULL, &error);
  g_assert_no_error (error);
  g_object_set (request, "issuer", "https://id.example.com", "scope", "openid", "state", "s1",
                "nonce", "n1", "max-age", (gint64) 600, "claims", "{\"id_token\":{}}", "resources",
                resources, "dpop-jkt", JKT, "request-object-key", key, "request-object-alg",
                "PS256", NULL);
  pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (request), "ui_locales", "fr");
  url = pim_authorization_request_build_url (request, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "https://id.example.com/auth?client_id=app&request="));
  jwt = request_object_of (url);

  public_key = pim_jwk_get_public (key);
  pim_jwk_set_add (keys, public_key);
  verified = pim_jwt_verify (jwt, keys, algs, &error);
  g_assert_no_error (error);
  header = pim_jwt_get_header (jwt);
  g_assert_cmpstr (json_object_get_string_member (header, "typ"), ==, "oauth-authz-req+jwt");
  g_assert_cmpstr (json_object_get_string_member (header, "alg"), ==, "PS256");

  claims = pim_jwt_get_claims (jwt);
  g_assert_cmpstr (pim_jwt_get_string_claim (jwt, "iss"), ==, "app");
  g_assert_cmpstr (pim_jwt_get_string_claim (jwt, "aud"), ==, "https://id.example.com");
  g_assert_cmpstr (pim_jwt_get_string_claim (jwt, "client_id"), ==, "app");
  g_assert_cmpstr (pim_jwt_get_string_claim (jwt, "response_type"), ==, "code");
  g_assert_cmpstr (pim_jwt_get_string_claim (jwt, "redirect_uri"), ==, REDIRECT);
  g_assert_cmpstr (pim_jwt_get_string_claim (jwt, "scope"), ==, "openid");
  g_assert_cmpstr (pim_jwt_get_string_claim (jwt, "state"), ==, "s1");
  g_assert_cmpstr (pim_jwt_get_string_claim (jwt, "nonce"), ==, "n1");
  g_assert_cmpstr (pim_jwt_get_string_claim (jwt, "dpop_jkt"), ==, JKT);
  g_assert_cmpstr (pim_jwt_get_string_claim (jwt, "ui_locales"), ==, "fr");
  g_assert_cmpint (json_object_get_int_member (claims, "max_age"), ==, 600);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (claims, "claims")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (claims, "resource")), ==,
                    2);
  g_assert_nonnull (pim_jwt_get_string_claim (jwt, "jti"));
  g_assert_true (pim_jwt_get_int_claim (jwt, "iat", &iat));
  g_assert_true (pim_jwt_get_int_claim (jwt, "nbf", &nbf));
  g_assert_true (pim_jwt_get_int_claim (jwt, "exp", &exp));
  g_assert_cmpint (nbf, ==, iat);
  g_assert_cmpint (exp - iat, ==, PIM_REQUEST_OBJECT_LIFETIME);
  g_assert_cmpint (ABS (iat - g_get_real_time () / G_USEC_PER_SEC), <=, 5);
}

static void
test_request_object_refused (void)
{
  g_autoptr (PimAuthorizationRequest) request =
      pim_authorization_request_new ("https://id.example.com/auth", "app", REDIRECT);
  g_autoptr (PimJwk) key = NULL;
  g_autoptr (PimJwk) public_key = NULL;
  g_autoptr (PimJwk) hmac = secret_key ("a-client-secret-of-32-bytes-long!");
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr (PimJwt) jwt = NULL;

  key = pim_jwk_generate ("ES256", &error);
  g_assert_no_error (error);
  pim_authorization_request_set_request_object_key (request, key);
  g_assert_true (pim_authorization_request_get_request_object_key (request) == key);

  /* No issuer: no audience. */
  assert_url_refused (request);
  g_object_set (request, "issuer", "https://id.example.com", NULL);

  /* Never alg none, in any casing. */
  pim_authorization_request_set_request_object_alg (request, "none");
  assert_url_refused (request);
  pim_authorization_request_set_request_object_alg (request, "NoNe");
  assert_url_refused (request);
  pim_authorization_request_set_request_object_alg (request, NULL);

  /* A public key cannot sign. */
  public_key = pim_jwk_get_public (key);
  pim_authorization_request_set_request_object_key (request, public_key);
  assert_url_refused (request);

  /* An extra parameter may not shadow a request object claim. */
  {
    g_autoptr (PimAuthorizationRequest) shadowed =
        pim_authorization_request_new ("https://id.example.com/auth", "app", REDIRECT);

    g_object_set (shadowed, "issuer", "https://id.example.com", "request-object-key", key, NULL);
    pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (shadowed), "aud", "elsewhere");
    assert_url_refused (shadowed);
  }

  /* An HS256 key made from the secret works; its alg is the key's. */
  pim_authorization_request_set_request_object_key (request, hmac);
  url = pim_authorization_request_build_url (request, &error);
  g_assert_no_error (error);
  jwt = request_object_of (url);
  g_assert_cmpstr (json_object_get_string_member (pim_jwt_get_header (jwt), "alg"), ==, "HS256");
}

static void
test_dpop_jkt_url (void)
{
  g_autoptr (PimAuthorizationRequest) request =
      pim_authorization_request_new ("https://id.example.com/auth", "app", REDIRECT);
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  g_object_set (request, "dpop-jkt", JKT, NULL);
  url = pim_authorization_request_build_url (request, &error);
  g_assert_no_error (error);
  params = query_of (url);
  g_assert_cmpstr (g_hash_table_lookup (params, "dpop_jkt"), ==, JKT);
}

/* require_pushed_authorization_requests in the metadata carries over. */
static void
test_require_pushed_from_discovery (void)
{
  const char *json =
      "{\"issuer\":\"https://id.example.com\",\"authorization_endpoint\":"
      "\"https://id.example.com/auth\",\"token_endpoint\":\"https://id.example.com/token\","
      "\"pushed_authorization_request_endpoint\":"
      "\"https://id.example.com/par\",\"require_pushed_authorization_requests\":true,"
      "\"jwks_uri\":\"https://id.example.com/jwks\",\"response_types_supported\":[\"code\"],"
      "\"subject_types_supported\":[\"public\"],"
      "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
  g_autoptr (PimDiscoveryDocument) document = NULL;
  g_autoptr (PimAuthorizationRequest) request = NULL;
  g_autoptr (PimPushedAuthorizationResponse) pushed = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  document = pim_discovery_document_new_from_json (json, "https://id.example.com", NULL, &error);
  g_assert_no_error (error);
  request = pim_authorization_request_new_from_discovery (document, "app", REDIRECT);
  g_assert_true (pim_authorization_request_get_require_pushed_authorization_requests (request));
  assert_url_refused (request);

  /* The follow-up URL carries client_id and request_uri only, not the
   * request's extra parameters. */
  pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (request), "ui_locales", "fr");
  pushed = pim_pushed_authorization_response_new_from_json ("{\"request_uri\":\"" REQUEST_URN
                                                            "abc\",\"expires_in\":90}",
                                                            &error);
  g_assert_no_error (error);
  url = pim_pushed_authorization_response_build_authorization_url (pushed, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==,
                   "https://id.example.com/auth?client_id=app&request_uri=urn%3Aietf%3Aparams%"
                   "3Aoauth%3Arequest_uri%3Aabc");
  params = query_of (url);
  g_assert_cmpuint (g_hash_table_size (params), ==, 2);
}

/* ---- PAR answers from the fault server ---- */

static void
test_par_response_parse (void)
{
  static const char *const junk[] = {
    "",
    "not json",
    "[]",
    "{}",
    "{\"expires_in\":60}",
    "{\"request_uri\":\"\",\"expires_in\":60}",
    "{\"request_uri\":7,\"expires_in\":60}",
    "{\"request_uri\":null,\"expires_in\":60}",
    "{\"request_uri\":\"urn:x\"}",
    "{\"request_uri\":\"urn:x\",\"expires_in\":\"60\"}",
    "{\"request_uri\":\"urn:x\",\"expires_in\":-5}",
    "{\"request_uri\":\"urn:x\",\"expires_in\":0}",
    "{\"request_uri\":\"urn:x\",\"expires_in\":1.5}",
    "{\"request_uri\":\"urn:x\",\"expires_in\":true}",
    "{\"request_uri\":\"urn:x\",\"expires_in\":60}trailing",
  };
  g_autoptr (PimPushedAuthorizationResponse) good = NULL;
  g_autoptr (GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      g_autoptr (PimPushedAuthorizationResponse) response =
          pim_pushed_authorization_response_new_from_json (junk[i], &error);

      g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
      g_assert_null (response);
      g_clear_error (&error);
    }
  good = pim_pushed_authorization_response_new_from_json (
      "{\"request_uri\":\"urn:x\",\"expires_in\":60,\"other\":1}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_pushed_authorization_response_get_request_uri (good), ==, "urn:x");
  g_assert_cmpint (pim_pushed_authorization_response_get_expires_in (good), ==, 60);
  g_assert_true (
      json_object_has_member (pim_pushed_authorization_response_get_json (good), "other"));
}

static PimPushedAuthorizationRequest *
fault_push_request (PimTestServer *server)
{
  g_autofree char *auth = pim_test_server_get_uri (server, "/auth");
  g_autofree char *par = pim_test_server_get_uri (server, "/par");
  g_autoptr (PimAuthorizationRequest) authorization =
      pim_authorization_request_new (auth, FAKE_CLIENT, REDIRECT);
  PimPushedAuthorizationRequest *request = pim_pushed_authorization_request_new (authorization);

  g_object_set (request, "address", par, "client-secret", "app-secret", NULL);
  return request;
}

static void
test_par_fault_answers (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  static const struct
  {
    guint       status;
    const char *body;
  } junk[] = {
    { 200, "{\"request_uri\":\"urn:x\",\"expires_in\":60}" },
    { 201, "{\"expires_in\":60}" },
    { 201, "{\"request_uri\":\"urn:x\",\"expires_in\":\"60\"}" },
    { 201, "{\"request_uri\":\"urn:x\",\"expires_in\":-1}" },
    { 201, "{\"request_uri\":\"urn:x\"" },
    { 201, "[\"urn:x\"]" },
  };
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autoptr (PimPushedAuthorizationRequest) request = fault_push_request (server);
  g_autoptr (PimPushedAuthorizationResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      pim_test_server_set_document (server, "/par", junk[i].status, "application/json",
                                    junk[i].body);
      response = pim_test_push_authorization (request, mode, &error);
      g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
      g_assert_null (response);
      g_clear_error (&error);
    }

  pim_test_server_set_document (server, "/par", 400, "application/json",
                                "{\"error\":\"invalid_request_object\",\"error_description\":"
                                "\"bad signature\",\"error_uri\":\"https://e.example/x\"}");
  response = pim_test_push_authorization (request, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_REQUEST_OBJECT);
  g_assert_null (response);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  g_assert_nonnull (details);
  g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, 400);
  g_assert_cmpstr (pim_oauth_error_response_get_error (details), ==, "invalid_request_object");
  g_assert_cmpstr (pim_oauth_error_response_get_error_description (details), ==, "bad signature");
  g_assert_cmpstr (pim_oauth_error_response_get_error_uri (details), ==, "https://e.example/x");
  g_clear_error (&error);

  pim_test_server_set_document (server, "/par", 201, "application/json",
                                "{\"request_uri\":\"urn:x\",\"expires_in\":60}");
  response = pim_test_push_authorization (request, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_pushed_authorization_response_get_request_uri (response), ==, "urn:x");
  g_assert_cmpuint (pim_test_server_get_hits (server, "/par"), ==, G_N_ELEMENTS (junk) + 2);
}

/* The pushed request: every parameter, client authenticated. */
static void
test_par_incomplete (void)
{
  g_autoptr (PimPushedAuthorizationRequest) request =
      g_object_new (PIM_TYPE_PUSHED_AUTHORIZATION_REQUEST, "address", "https://id.example.com/par",
                    "client-id", "app", "client-secret", "s", NULL);
  g_autoptr (PimAuthorizationRequest) other =
      pim_authorization_request_new ("https://id.example.com/auth", "other", REDIRECT);
  g_autoptr (PimPushedAuthorizationResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  response = pim_pushed_authorization_request_send (request, NULL, NULL, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_assert_null (response);
  g_clear_error (&error);

  pim_pushed_authorization_request_set_authorization_request (request, other);
  response = pim_pushed_authorization_request_send (request, NULL, NULL, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_assert_null (response);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oauth-par/unit/request-object-claims", test_request_object_claims);
  g_test_add_func ("/oauth-par/unit/request-object-refused", test_request_object_refused);
  g_test_add_func ("/oauth-par/unit/dpop-jkt-url", test_dpop_jkt_url);
  g_test_add_func ("/oauth-par/unit/require-pushed-from-discovery",
                   test_require_pushed_from_discovery);
  g_test_add_func ("/oauth-par/unit/response-parse", test_par_response_parse);
  g_test_add_func ("/oauth-par/unit/incomplete", test_par_incomplete);
  pim_test_add_both ("/oauth-par/faults", "answers", test_par_fault_answers);

  return g_test_run ();
}
