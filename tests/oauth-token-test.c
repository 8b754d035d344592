/* oauth-token-test.c: the token endpoint: client credentials with every
 * client authentication method, token exchange, extension grants, and
 * what a provider may answer wrongly
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-oauth-private.h"
#include "pim-test-async.h"
#include "pim-test-provider.h"
#include "pim-test-server.h"

static const char *
issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

static char *
token_endpoint (void)
{
  return g_strconcat (issuer (), "/token", NULL);
}

static void
assert_no_secret (const GError *error, const char *secret)
{
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, secret));
}

/* ---- Client credentials, each authentication method ---- */

static PimClientCredentialsTokenRequest *
cc_request (const char *client_id, const char *secret)
{
  g_autofree char *address = token_endpoint ();

  return pim_client_credentials_token_request_new (address, client_id, secret);
}

/* A JWT access token for the default resource, validated with discovery. */
static void
assert_api_token (PimTokenResponse *response, const char *client_id)
{
  g_autoptr (PimTokenValidationParameters) p =
      pim_token_validation_parameters_new (issuer (), PIM_TEST_RESOURCE_JWT);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpstr (pim_token_response_get_token_type (response), ==, "Bearer");
  g_assert_cmpint (pim_token_response_get_expires_in (response), ==, 3600);
  g_assert_cmpint (pim_token_response_get_expires_at (response), >=, now + 3600 - 5);
  g_assert_cmpint (pim_token_response_get_expires_at (response), <=, now + 3600);
  g_assert_null (pim_token_response_get_refresh_token (response));
  g_object_set (p, "expected-type", "at+jwt", NULL);
  claims =
      pim_validate_token (pim_token_response_get_access_token (response), p, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_claims_get_string (claims, "client_id"), ==, client_id);
}

static void
test_cc_basic (gconstpointer data)
{
  g_autoptr (PimClientCredentialsTokenRequest) request =
      cc_request (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = NULL;

  pim_token_request_set_scope (PIM_TOKEN_REQUEST (request), "api:read");
  response =
      pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, GPOINTER_TO_INT (data), &error);
  g_assert_no_error (error);
  assert_api_token (response, PIM_TEST_CLIENT_BASIC_ID);
  g_assert_cmpstr (pim_token_response_get_scope (response), ==, "api:read");
  g_assert_null (pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request)));
}

/* The typed wrapper, and an id and secret RFC 6749 §2.3.1 must encode. */
static void
test_cc_reserved_characters (gconstpointer data)
{
  g_autoptr (PimClientCredentialsTokenRequest) request =
      cc_request (PIM_TEST_CLIENT_WEIRD_ID, PIM_TEST_CLIENT_WEIRD_SECRET);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = NULL;

  if (GPOINTER_TO_INT (data) == PIM_TEST_SYNC)
    response = pim_request_client_credentials_token (request, NULL, NULL, &error);
  else
    {
      pim_request_client_credentials_token_async (request, NULL, NULL, pim_test_store_result,
                                                  &result);
      pim_test_wait_result (&result);
      response = pim_request_client_credentials_token_finish (result, &error);
    }
  g_assert_no_error (error);
  assert_api_token (response, PIM_TEST_CLIENT_WEIRD_ID);
}

static void
test_cc_post (gconstpointer data)
{
  g_autoptr (PimClientCredentialsTokenRequest) request =
      cc_request (PIM_TEST_CLIENT_POST_ID, PIM_TEST_CLIENT_POST_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;

  /* "none" is not this client's method. */
  pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (request), PIM_CLIENT_AUTH_NONE);
  response =
      pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, GPOINTER_TO_INT (data), &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
  g_clear_error (&error);

  pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (request),
                                            PIM_CLIENT_AUTH_CLIENT_SECRET_POST);
  response =
      pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, GPOINTER_TO_INT (data), &error);
  g_assert_no_error (error);
  assert_api_token (response, PIM_TEST_CLIENT_POST_ID);
  /* A success forgets the last refusal. */
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  g_assert_null (details);
}

static PimJwk *
load_client_key (void)
{
  g_autofree char *path = pim_test_provider_dup_jwt_key_path ();
  g_autofree char *json = NULL;
  g_autoptr (GError) error = NULL;
  PimJwk *key;

  g_file_get_contents (path, &json, NULL, &error);
  g_assert_no_error (error);
  key = pim_jwk_new_from_json (json, &error);
  g_assert_no_error (error);
  return key;
}

static void
test_cc_private_key_jwt (gconstpointer data)
{
  g_autoptr (PimClientCredentialsTokenRequest) request = cc_request (PIM_TEST_CLIENT_JWT_ID, NULL);
  g_autoptr (PimJwk) key = load_client_key ();
  g_autoptr (PimJwk) public_key = pim_jwk_get_public (key);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = NULL;

  /* AUTO without a key or secret is "none": refused. */
  response =
      pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, GPOINTER_TO_INT (data), &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
  g_clear_error (&error);

  /* A public key cannot sign. */
  g_object_set (request, "client-key", public_key, NULL);
  response =
      pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, GPOINTER_TO_INT (data), &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* The assertion's aud: the endpoint by default, the issuer when set. */
  g_object_set (request, "client-key", key, NULL);
  response =
      pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, GPOINTER_TO_INT (data), &error);
  g_assert_no_error (error);
  assert_api_token (response, PIM_TEST_CLIENT_JWT_ID);
  g_clear_object (&response);
  pim_oauth_request_set_issuer (PIM_OAUTH_REQUEST (request), issuer ());
  response =
      pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, GPOINTER_TO_INT (data), &error);
  g_assert_no_error (error);
  g_clear_object (&response);

  /* An audience the provider does not answer to. */
  g_object_set (request, "assertion-audience", "https://elsewhere.example", NULL);
  response =
      pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, GPOINTER_TO_INT (data), &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
}

static void
test_cc_client_secret_jwt (gconstpointer data)
{
  g_autoptr (PimClientCredentialsTokenRequest) request =
      cc_request (PIM_TEST_CLIENT_SECRET_JWT_ID, PIM_TEST_CLIENT_SECRET_JWT_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = NULL;

  pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (request),
                                            PIM_CLIENT_AUTH_CLIENT_SECRET_JWT);
  response =
      pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, GPOINTER_TO_INT (data), &error);
  g_assert_no_error (error);
  assert_api_token (response, PIM_TEST_CLIENT_SECRET_JWT_ID);
  g_clear_object (&response);

  pim_oauth_request_set_client_secret (PIM_OAUTH_REQUEST (request),
                                       "not-the-secret-0123456789abcdef0123");
  response =
      pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, GPOINTER_TO_INT (data), &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
  assert_no_secret (error, "not-the-secret");
}

/* A refusal: the code, and the details reachable from the request. */
static void
test_cc_wrong_secret (gconstpointer data)
{
  g_autoptr (PimClientCredentialsTokenRequest) request =
      cc_request (PIM_TEST_CLIENT_BASIC_ID, "wrong-secret-value");
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;
  g_autofree char *endpoint = token_endpoint ();

  response =
      pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, GPOINTER_TO_INT (data), &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
  g_assert_nonnull (strstr (error->message, "invalid_client"));
  assert_no_secret (error, "wrong-secret-value");
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  g_assert_nonnull (details);
  g_assert_cmpstr (pim_oauth_error_response_get_error (details), ==, "invalid_client");
  g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, 401);
  g_assert_cmpstr (pim_oauth_error_response_get_endpoint (details), ==, endpoint);
  g_assert_nonnull (pim_oauth_error_response_get_json (details));
}

/* The endpoint from discovery, and the method held to the provider's list. */
static void
test_cc_discovered (gconstpointer data)
{
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (NULL, PIM_TEST_CLIENT_BASIC_ID,
                                                PIM_TEST_CLIENT_BASIC_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = NULL;

  response =
      pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, GPOINTER_TO_INT (data), &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  pim_oauth_request_set_issuer (PIM_OAUTH_REQUEST (request), issuer ());
  response =
      pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, GPOINTER_TO_INT (data), &error);
  g_assert_no_error (error);
  assert_api_token (response, PIM_TEST_CLIENT_BASIC_ID);
}

/* Repeated resource and audience values, and extra parameters, arrive as
 * they were given: the token exchange grant echoes them. */
static char *
opaque_token (void)
{
  g_autoptr (PimClientCredentialsTokenRequest) request =
      cc_request (PIM_TEST_CLIENT_EXCHANGE_ID, PIM_TEST_CLIENT_EXCHANGE_SECRET);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = NULL;

  pim_token_request_set_resources (PIM_TOKEN_REQUEST (request),
                                   (const char *const[]){ PIM_TEST_RESOURCE_OPAQUE, NULL });
  response = pim_request_token (PIM_TOKEN_REQUEST (request), NULL, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (pim_token_response_get_access_token (response));
}

static PimTokenResponse *
exchange (PimTokenExchangeRequest *request, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_request_token_exchange (request, NULL, NULL, error);
  pim_request_token_exchange_async (request, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_request_token_exchange_finish (result, error);
}

static PimTokenExchangeRequest *
exchange_request (const char *subject)
{
  g_autofree char         *address = token_endpoint ();
  PimTokenExchangeRequest *request =
      pim_token_exchange_request_new (address, subject, PIM_TOKEN_TYPE_ACCESS_TOKEN);

  g_object_set (request, "client-id", PIM_TEST_CLIENT_EXCHANGE_ID, "client-secret",
                PIM_TEST_CLIENT_EXCHANGE_SECRET, NULL);
  return request;
}

static JsonObject *
received (PimTokenResponse *response)
{
  return json_object_get_object_member (pim_token_response_get_json (response), "pim_received");
}

static void
assert_list (JsonObject *object, const char *name, const char *const *expected)
{
  JsonArray *array = json_object_get_array_member (object, name);

  g_assert_cmpuint (json_array_get_length (array), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (json_array_get_string_element (array, i), ==, expected[i]);
}

/* Impersonation: an opaque access token for the subject; the six token
 * type URIs go out verbatim. */
static void
test_exchange_impersonation (gconstpointer data)
{
  static const char *const types[] = { PIM_TOKEN_TYPE_ACCESS_TOKEN, PIM_TOKEN_TYPE_REFRESH_TOKEN,
                                       PIM_TOKEN_TYPE_ID_TOKEN,     PIM_TOKEN_TYPE_SAML1,
                                       PIM_TOKEN_TYPE_SAML2,        PIM_TOKEN_TYPE_JWT };
  g_autofree char         *subject = opaque_token ();
  g_autoptr (PimTokenExchangeRequest) request = exchange_request (subject);

  g_assert_cmpstr (PIM_TOKEN_TYPE_ACCESS_TOKEN, ==,
                   "urn:ietf:params:oauth:token-type:access_token");
  g_assert_cmpstr (PIM_TOKEN_TYPE_REFRESH_TOKEN, ==,
                   "urn:ietf:params:oauth:token-type:refresh_token");
  g_assert_cmpstr (PIM_TOKEN_TYPE_ID_TOKEN, ==, "urn:ietf:params:oauth:token-type:id_token");
  g_assert_cmpstr (PIM_TOKEN_TYPE_SAML1, ==, "urn:ietf:params:oauth:token-type:saml1");
  g_assert_cmpstr (PIM_TOKEN_TYPE_SAML2, ==, "urn:ietf:params:oauth:token-type:saml2");
  g_assert_cmpstr (PIM_TOKEN_TYPE_JWT, ==, "urn:ietf:params:oauth:token-type:jwt");

  pim_token_request_set_resources (PIM_TOKEN_REQUEST (request),
                                   (const char *const[]){ "https://r1.example/api?x=1&y=2",
                                                          "urn:r2", NULL });
  pim_token_request_set_audiences (PIM_TOKEN_REQUEST (request),
                                   (const char *const[]){ "a b", "a+b", "a%b", NULL });
  pim_token_request_set_scope (PIM_TOKEN_REQUEST (request), "api:read api:write");
  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimTokenResponse) response = NULL;

      if (strcmp (types[i], PIM_TOKEN_TYPE_JWT) == 0)
        continue; /* the delegation case asks for that one */
      g_object_set (request, "requested-token-type", types[i], NULL);
      response = exchange (request, GPOINTER_TO_INT (data), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (pim_token_response_get_issued_token_type (response), ==,
                       PIM_TOKEN_TYPE_ACCESS_TOKEN);
      g_assert_cmpstr (pim_token_response_get_token_type (response), ==, "Bearer");
      g_assert_cmpstr (json_object_get_string_member (received (response), "requested_token_type"),
                       ==, types[i]);
      g_assert_cmpstr (json_object_get_string_member (received (response), "subject_token_type"),
                       ==, PIM_TOKEN_TYPE_ACCESS_TOKEN);
      g_assert_false (json_object_has_member (received (response), "actor_token_type"));
      g_assert_cmpstr (json_object_get_string_member (received (response), "scope"), ==,
                       "api:read api:write");
      assert_list (received (response), "resource",
                   (const char *const[]){ "https://r1.example/api?x=1&y=2", "urn:r2", NULL });
      assert_list (received (response), "audience",
                   (const char *const[]){ "a b", "a+b", "a%b", NULL });
    }
}

/* Delegation: an actor token, a JWT asked for, token_type N_A, and an
 * "act" claim naming the actor, checked by validating the JWT. */
static void
test_exchange_delegation (gconstpointer data)
{
  g_autofree char *subject = opaque_token ();
  g_autofree char *actor = opaque_token ();
  g_autoptr (PimTokenExchangeRequest) request = exchange_request (subject);
  g_autoptr (PimTokenValidationParameters) p =
      pim_token_validation_parameters_new (issuer (), "urn:pim:test:downstream");
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = NULL;
  g_autoptr (PimClaims) claims = NULL;
  JsonObject *act;

  g_object_set (request, "actor-token", actor, "actor-token-type", PIM_TOKEN_TYPE_ACCESS_TOKEN,
                "requested-token-type", PIM_TOKEN_TYPE_JWT, NULL);
  pim_token_request_set_audiences (PIM_TOKEN_REQUEST (request),
                                   (const char *const[]){ "urn:pim:test:downstream", NULL });
  response = exchange (request, GPOINTER_TO_INT (data), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_token_type (response), ==, "N_A");
  g_assert_cmpstr (pim_token_response_get_issued_token_type (response), ==, PIM_TOKEN_TYPE_JWT);
  g_assert_cmpstr (json_object_get_string_member (received (response), "actor_token_type"), ==,
                   PIM_TOKEN_TYPE_ACCESS_TOKEN);

  claims =
      pim_validate_token (pim_token_response_get_access_token (response), p, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_claims_get_subject (claims), ==, PIM_TEST_CLIENT_EXCHANGE_ID);
  act = json_object_get_object_member (pim_claims_get_json (claims), "act");
  g_assert_nonnull (act);
  g_assert_cmpstr (json_object_get_string_member (act, "sub"), ==, PIM_TEST_CLIENT_EXCHANGE_ID);
}

static void
test_exchange_errors (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *subject = opaque_token ();
  g_autoptr (PimTokenExchangeRequest) request = exchange_request (subject);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;

  /* Refused by the provider, typed. */
  pim_token_request_set_audiences (PIM_TOKEN_REQUEST (request),
                                   (const char *const[]){ "urn:pim:test:forbidden", NULL });
  response = exchange (request, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_TARGET);
  assert_no_secret (error, subject);
  g_clear_error (&error);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  g_assert_cmpstr (pim_oauth_error_response_get_error (details), ==, "invalid_target");
  g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, 400);

  /* An unknown subject token. */
  pim_token_request_set_audiences (PIM_TOKEN_REQUEST (request), NULL);
  g_object_set (request, "subject-token", "not-a-token-of-this-provider", NULL);
  response = exchange (request, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_GRANT);
  assert_no_secret (error, "not-a-token");
  g_clear_error (&error);

  /* Refused before sending: an actor token type without a token. */
  g_object_set (request, "subject-token", subject, "actor-token-type", PIM_TOKEN_TYPE_ACCESS_TOKEN,
                NULL);
  response = exchange (request, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_object_set (request, "actor-token-type", NULL, "subject-token-type", NULL, NULL);
  response = exchange (request, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "subject-token-type"));
}

/* An extension grant: the generic request, with its own parameters. */
static void
test_generic_grant (gconstpointer data)
{
  g_autoptr (PimTokenRequest) request = pim_token_request_new ("urn:example:grant:unknown");
  g_autoptr (PimTokenRequest) cc = pim_token_request_new ("client_credentials");
  g_autofree char *address = token_endpoint ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = NULL;

  g_object_set (request, "address", address, "client-id", PIM_TEST_CLIENT_BASIC_ID, "client-secret",
                PIM_TEST_CLIENT_BASIC_SECRET, NULL);
  pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (request), "assertion", "x");
  response = pim_test_request_token (request, NULL, GPOINTER_TO_INT (data), &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE);
  g_clear_error (&error);

  /* A known grant through the generic class works as the typed one. */
  g_object_set (cc, "address", address, "client-id", PIM_TEST_CLIENT_BASIC_ID, "client-secret",
                PIM_TEST_CLIENT_BASIC_SECRET, NULL);
  response = pim_test_request_token (cc, NULL, GPOINTER_TO_INT (data), &error);
  g_assert_no_error (error);
  assert_api_token (response, PIM_TEST_CLIENT_BASIC_ID);
}

/* ---- What a provider may answer wrongly: the fault server ---- */

typedef struct
{
  PimTestServer *server;
  char          *address;
} Fake;

static void
fake_init (Fake *fake, guint status, const char *type, const char *body)
{
  fake->server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  fake->address = pim_test_server_get_uri (fake->server, "/token");
  pim_test_server_set_document (fake->server, "/token", status, type, body);
}

static void
fake_clear (Fake *fake)
{
  pim_test_server_free (fake->server);
  g_free (fake->address);
}

typedef struct
{
  const char *name;
  guint       status;
  const char *type;
  const char *body;
  GQuark (*domain) (void);
  int         code;
  const char *error_string; /* the error response's "error", or NULL */
} AnswerCase;

static GQuark
oauth_domain (void)
{
  return PIM_OAUTH_ERROR;
}

static GQuark
http_domain (void)
{
  return PIM_HTTP_ERROR;
}

static const AnswerCase answer_cases[] = {
  { "error-with-details", 400, "application/json",
    "{\"error\":\"invalid_scope\",\"error_description\":\"no such scope\","
    "\"error_uri\":\"https://op.example/errors/scope\",\"extra\":1}",
    oauth_domain, PIM_OAUTH_ERROR_INVALID_SCOPE, "invalid_scope" },
  { "unregistered-error", 400, "application/json; charset=utf-8", "{\"error\":\"weird_error\"}",
    oauth_domain, PIM_OAUTH_ERROR_FAILED, "weird_error" },
  { "use-dpop-nonce", 400, "application/json", "{\"error\":\"use_dpop_nonce\"}", oauth_domain,
    PIM_OAUTH_ERROR_USE_DPOP_NONCE, "use_dpop_nonce" },
  { "html-error-page", 500, "text/html", "<html><body>Oops</body></html>", http_domain,
    PIM_HTTP_ERROR_STATUS, NULL },
  { "error-not-a-string", 400, "application/json", "{\"error\":42}", http_domain,
    PIM_HTTP_ERROR_STATUS, NULL },
  { "ok-junk", 200, "application/json", "{not json", oauth_domain, PIM_OAUTH_ERROR_INVALID_RESPONSE,
    NULL },
  { "ok-html", 200, "text/html", "<html></html>", oauth_domain, PIM_OAUTH_ERROR_INVALID_RESPONSE,
    NULL },
  { "ok-array", 200, "application/json", "[1,2]", oauth_domain, PIM_OAUTH_ERROR_INVALID_RESPONSE,
    NULL },
  /* Found by tests/fuzz: json-glib 1.6 read these as their last value. */
  { "ok-two-values", 200, "application/json",
    "2{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":\"120\"}", oauth_domain,
    PIM_OAUTH_ERROR_INVALID_RESPONSE, NULL },
  { "ok-duplicate-member", 200, "application/json",
    "{\"access_token\":\"x\",\"access_token\":\"at\",\"token_type\":\"Bearer\"}", oauth_domain,
    PIM_OAUTH_ERROR_INVALID_RESPONSE, NULL },
  { "no-access-token", 200, "application/json", "{\"token_type\":\"Bearer\"}", oauth_domain,
    PIM_OAUTH_ERROR_INVALID_RESPONSE, NULL },
  { "empty-access-token", 200, "application/json",
    "{\"access_token\":\"\",\"token_type\":\"Bearer\"}", oauth_domain,
    PIM_OAUTH_ERROR_INVALID_RESPONSE, NULL },
  { "access-token-number", 200, "application/json",
    "{\"access_token\":7,\"token_type\":\"Bearer\"}", oauth_domain,
    PIM_OAUTH_ERROR_INVALID_RESPONSE, NULL },
  { "no-token-type", 200, "application/json", "{\"access_token\":\"at\"}", oauth_domain,
    PIM_OAUTH_ERROR_INVALID_RESPONSE, NULL },
  { "expires-in-word", 200, "application/json",
    "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":\"soon\"}", oauth_domain,
    PIM_OAUTH_ERROR_INVALID_RESPONSE, NULL },
  { "expires-in-negative", 200, "application/json",
    "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":-5}", oauth_domain,
    PIM_OAUTH_ERROR_INVALID_RESPONSE, NULL },
  { "refresh-token-object", 200, "application/json",
    "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"refresh_token\":{}}", oauth_domain,
    PIM_OAUTH_ERROR_INVALID_RESPONSE, NULL },
  { "ok", 200, "application/json",
    "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":\"120\","
    "\"refresh_token\":null,\"x-extra\":\"kept\"}",
    NULL, -1, NULL },
};

static void
test_answer (gconstpointer data)
{
  const AnswerCase *c = data;
  Fake              fake = { 0 };
  g_autoptr (PimClientCredentialsTokenRequest) request = NULL;
  g_autoptr (PimHttpClient) client = g_object_new (PIM_TYPE_HTTP_CLIENT, "retry-count", 0, NULL);

  fake_init (&fake, c->status, c->type, c->body);
  request = pim_client_credentials_token_request_new (fake.address, "cid", "s3cr3t-value");
  for (PimTestMode mode = PIM_TEST_SYNC; mode <= PIM_TEST_ASYNC; mode++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimTokenResponse) response = NULL;
      g_autoptr (PimOAuthErrorResponse) details = NULL;
      g_autoptr (GAsyncResult) result = NULL;

      if (mode == PIM_TEST_SYNC)
        response = pim_request_token (PIM_TOKEN_REQUEST (request), client, NULL, &error);
      else
        {
          pim_request_token_async (PIM_TOKEN_REQUEST (request), client, NULL, pim_test_store_result,
                                   &result);
          pim_test_wait_result (&result);
          response = pim_request_token_finish (result, &error);
        }
      details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
      if (c->code < 0)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (pim_token_response_get_access_token (response), ==, "at");
          g_assert_cmpint (pim_token_response_get_expires_in (response), ==, 120);
          g_assert_null (pim_token_response_get_refresh_token (response));
          g_assert_cmpstr (pim_token_response_get_string (response, "x-extra"), ==, "kept");
          g_assert_null (details);
          continue;
        }
      g_assert_null (response);
      g_assert_error (error, c->domain (), c->code);
      assert_no_secret (error, "s3cr3t");
      if (c->status >= 400)
        {
          g_assert_nonnull (details);
          g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, c->status);
          g_assert_cmpstr (pim_oauth_error_response_get_error (details), ==, c->error_string);
        }
      else
        g_assert_null (details);
    }
  if (strcmp (c->name, "error-with-details") == 0)
    {
      g_autoptr (PimOAuthErrorResponse) details =
          pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));

      g_assert_cmpstr (pim_oauth_error_response_get_error_description (details), ==,
                       "no such scope");
      g_assert_cmpstr (pim_oauth_error_response_get_error_uri (details), ==,
                       "https://op.example/errors/scope");
      g_assert_cmpint (json_object_get_int_member (pim_oauth_error_response_get_json (details),
                                                   "extra"),
                       ==, 1);
    }
  fake_clear (&fake);
}

/* A token exchange answer must say what it issued. */
static void
test_exchange_without_issued_type (gconstpointer data)
{
  Fake fake = { 0 };
  g_autoptr (PimTokenExchangeRequest) request = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = NULL;

  fake_init (&fake, 200, "application/json", "{\"access_token\":\"at\",\"token_type\":\"N_A\"}");
  request = pim_token_exchange_request_new (fake.address, "subject", PIM_TOKEN_TYPE_JWT);
  g_object_set (request, "client-id", "cid", "client-secret", "secret", NULL);
  response = exchange (request, GPOINTER_TO_INT (data), &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
  fake_clear (&fake);
}

/* What goes on the wire: the form, Basic credentials (RFC 6749 §2.3.1),
 * a client assertion's claims. The server echoes the request. */
static JsonObject *
echo_exchange (PimOAuthRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpResponse) response = pim_oauth_exchange (request, NULL, NULL, &error);
  g_autoptr (JsonNode) node = NULL;

  g_assert_no_error (error);
  node = pim_http_response_parse_json (response, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static GHashTable *
echoed_form (JsonObject *echo)
{
  return soup_form_decode (json_object_get_string_member (echo, "body"));
}

static void
test_wire (void)
{
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autofree char *address = pim_test_server_get_uri (server, "/echo");
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (address, "pim-weird:id", "p:m %+&=/?#~secret");
  g_autoptr (JsonObject) echo = NULL;
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (PimJwk) key = load_client_key ();
  g_autoptr (PimJwt) assertion = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *basic = NULL;
  const char      *expected_basic = "pim-weird%3Aid:p%3Am+%25%2B%26%3D%2F%3F%23%7Esecret";
  gint64           now = g_get_real_time () / G_USEC_PER_SEC;

  basic = g_base64_encode ((const guchar *) expected_basic, strlen (expected_basic));
  pim_token_request_set_scope (PIM_TOKEN_REQUEST (request), "a b");
  pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (request), "x-extra", "1&2");
  echo = echo_exchange (PIM_OAUTH_REQUEST (request));
  {
    g_autofree char *header = g_strconcat ("Basic ", basic, NULL);

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (echo, "headers"),
                                                    "authorization"),
                     ==, header);
  }
  form = echoed_form (echo);
  g_assert_cmpstr (g_hash_table_lookup (form, "grant_type"), ==, "client_credentials");
  g_assert_cmpstr (g_hash_table_lookup (form, "scope"), ==, "a b");
  g_assert_cmpstr (g_hash_table_lookup (form, "x-extra"), ==, "1&2");
  g_assert_false (g_hash_table_contains (form, "client_id"));
  g_assert_false (g_hash_table_contains (form, "client_secret"));
  g_clear_pointer (&form, g_hash_table_unref);
  g_clear_pointer (&echo, json_object_unref);

  /* client_secret_post */
  pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (request),
                                            PIM_CLIENT_AUTH_CLIENT_SECRET_POST);
  echo = echo_exchange (PIM_OAUTH_REQUEST (request));
  form = echoed_form (echo);
  g_assert_cmpstr (g_hash_table_lookup (form, "client_id"), ==, "pim-weird:id");
  g_assert_cmpstr (g_hash_table_lookup (form, "client_secret"), ==, "p:m %+&=/?#~secret");
  g_assert_false (
      json_object_has_member (json_object_get_object_member (echo, "headers"), "authorization"));
  g_clear_pointer (&form, g_hash_table_unref);
  g_clear_pointer (&echo, json_object_unref);

  /* none */
  pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (request), PIM_CLIENT_AUTH_NONE);
  echo = echo_exchange (PIM_OAUTH_REQUEST (request));
  form = echoed_form (echo);
  g_assert_cmpstr (g_hash_table_lookup (form, "client_id"), ==, "pim-weird:id");
  g_assert_false (g_hash_table_contains (form, "client_secret"));
  g_clear_pointer (&form, g_hash_table_unref);
  g_clear_pointer (&echo, json_object_unref);

  /* private_key_jwt: RFC 7523 §3 */
  g_object_set (request, "client-key", key, "client-auth-method", PIM_CLIENT_AUTH_PRIVATE_KEY_JWT,
                NULL);
  echo = echo_exchange (PIM_OAUTH_REQUEST (request));
  form = echoed_form (echo);
  g_assert_cmpstr (g_hash_table_lookup (form, "client_assertion_type"), ==,
                   "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  assertion = pim_jwt_parse (g_hash_table_lookup (form, "client_assertion"), &error);
  g_assert_no_error (error);
  {
    g_autoptr (PimJwk) public_key = pim_jwk_get_public (key);
    g_autoptr (PimJwkSet) set = pim_jwk_set_new ();
    g_autoptr (PimJwk) verified = NULL;
    gint64 iat = 0, exp = 0;
    char  *jti1;
    g_autoptr (JsonObject) echo2 = NULL;
    g_autoptr (GHashTable) form2 = NULL;
    g_autoptr (PimJwt) assertion2 = NULL;

    pim_jwk_set_add (set, public_key);
    verified = pim_jwt_verify (assertion, set, (const char *const[]){ "ES256", NULL }, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (pim_jwt_get_string_claim (assertion, "iss"), ==, "pim-weird:id");
    g_assert_cmpstr (pim_jwt_get_string_claim (assertion, "sub"), ==, "pim-weird:id");
    g_assert_cmpstr (pim_jwt_get_string_claim (assertion, "aud"), ==, address);
    g_assert_true (pim_jwt_get_int_claim (assertion, "iat", &iat));
    g_assert_true (pim_jwt_get_int_claim (assertion, "exp", &exp));
    g_assert_cmpint (iat, >=, now - 5);
    g_assert_cmpint (exp - iat, ==, 60);
    jti1 = (char *) pim_jwt_get_string_claim (assertion, "jti");
    g_assert_cmpuint (strlen (jti1), >=, 22);
    g_assert_cmpstr (pim_jws_get_key_id (pim_jwt_get_jws (assertion)), ==, PIM_TEST_CLIENT_JWT_KID);

    /* A fresh jti each time. */
    echo2 = echo_exchange (PIM_OAUTH_REQUEST (request));
    form2 = echoed_form (echo2);
    assertion2 = pim_jwt_parse (g_hash_table_lookup (form2, "client_assertion"), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (pim_jwt_get_string_claim (assertion2, "jti"), !=, jti1);
  }
}

/* The endpoint's and the metadata's rules, before anything is sent. */
static void
test_refused_before_sending (void)
{
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autofree char *issuer_uri = pim_test_server_get_uri (server, "");
  g_autofree char *document = NULL;
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new ("http://token.example/token", "cid", "secret");
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = NULL;

  /* Plain HTTP outside loopback. */
  response = pim_request_token (PIM_TOKEN_REQUEST (request), NULL, NULL, &error);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
  g_clear_error (&error);

  /* The provider lists only client_secret_post. */
  document = g_strdup_printf (
      "{\"issuer\":\"%s\",\"token_endpoint\":\"%s/echo\",\"jwks_uri\":\"%s/jwks\","
      "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
      "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"authorization_endpoint\":\"%s/a\","
      "\"token_endpoint_auth_methods_supported\":[\"client_secret_post\"]}",
      issuer_uri, issuer_uri, issuer_uri, issuer_uri);
  pim_test_server_set_document (server, "/.well-known/openid-configuration", 200,
                                "application/json", document);
  pim_clear_discovery_cache ();
  g_object_set (request, "address", NULL, "issuer", issuer_uri, NULL);
  response = pim_request_token (PIM_TOKEN_REQUEST (request), NULL, NULL, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_UNSUPPORTED_BY_PROVIDER);
  g_assert_nonnull (strstr (error->message, "client_secret_basic"));
  g_clear_error (&error);
  g_assert_cmpuint (pim_test_server_get_hits (server, "/echo"), ==, 0);

  /* Without a list, only client_secret_basic (RFC 8414 §2). */
  g_free (document);
  document = g_strdup_printf (
      "{\"issuer\":\"%s\",\"token_endpoint\":\"%s/echo\",\"jwks_uri\":\"%s/jwks\","
      "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
      "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"authorization_endpoint\":\"%s/a\"}",
      issuer_uri, issuer_uri, issuer_uri, issuer_uri);
  pim_test_server_set_document (server, "/.well-known/openid-configuration", 200,
                                "application/json", document);
  pim_clear_discovery_cache ();
  pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (request),
                                            PIM_CLIENT_AUTH_CLIENT_SECRET_POST);
  response = pim_request_token (PIM_TOKEN_REQUEST (request), NULL, NULL, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_UNSUPPORTED_BY_PROVIDER);
  g_clear_error (&error);
  g_assert_cmpuint (pim_test_server_get_hits (server, "/echo"), ==, 0);
  pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (request),
                                            PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC);
  response = pim_request_token (PIM_TOKEN_REQUEST (request), NULL, NULL, &error);
  /* It reached the endpoint (the echo is no token response). */
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (pim_test_server_get_hits (server, "/echo"), ==, 1);
}

/* A redirect from a token endpoint is never followed. */
static void
test_redirect_refused (gconstpointer data)
{
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autofree char *target = pim_test_server_get_uri (server, "/echo");
  g_autofree char *path = g_strdup_printf ("/redirect?status=307&to=%s", target);
  g_autofree char *address = pim_test_server_get_uri (server, path);
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (address, "cid", "secret");
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = NULL;

  response =
      pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, GPOINTER_TO_INT (data), &error);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_REDIRECT_REFUSED);
  g_assert_cmpuint (pim_test_server_get_hits (server, "/echo"), ==, 0);
}

static void
test_error_strings (void)
{
  g_assert_cmpint (pim_oauth_error_from_string ("invalid_grant"), ==,
                   PIM_OAUTH_ERROR_INVALID_GRANT);
  g_assert_cmpint (pim_oauth_error_from_string ("slow_down"), ==, PIM_OAUTH_ERROR_SLOW_DOWN);
  g_assert_cmpint (pim_oauth_error_from_string ("login_required"), ==,
                   PIM_OAUTH_ERROR_LOGIN_REQUIRED);
  g_assert_cmpint (pim_oauth_error_from_string ("use_dpop_nonce"), ==,
                   PIM_OAUTH_ERROR_USE_DPOP_NONCE);
  g_assert_cmpint (pim_oauth_error_from_string ("Invalid_Grant"), ==, PIM_OAUTH_ERROR_FAILED);
  g_assert_cmpint (pim_oauth_error_from_string (""), ==, PIM_OAUTH_ERROR_FAILED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oauth-token/error-strings", test_error_strings);
  g_test_add_func ("/oauth-token/wire", test_wire);
  g_test_add_func ("/oauth-token/refused-before-sending", test_refused_before_sending);
  pim_test_add_both ("/oauth-token", "redirect-refused", test_redirect_refused);
  for (gsize i = 0; i < G_N_ELEMENTS (answer_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oauth-token/answer/%s", answer_cases[i].name);

      g_test_add_data_func (path, &answer_cases[i], test_answer);
    }
  pim_test_add_both ("/oauth-token", "exchange-without-issued-type",
                     test_exchange_without_issued_type);

  pim_test_add_both ("/oauth-token/provider", "client-credentials/basic", test_cc_basic);
  pim_test_add_both ("/oauth-token/provider", "client-credentials/reserved-characters",
                     test_cc_reserved_characters);
  pim_test_add_both ("/oauth-token/provider", "client-credentials/post", test_cc_post);
  pim_test_add_both ("/oauth-token/provider", "client-credentials/private-key-jwt",
                     test_cc_private_key_jwt);
  pim_test_add_both ("/oauth-token/provider", "client-credentials/client-secret-jwt",
                     test_cc_client_secret_jwt);
  pim_test_add_both ("/oauth-token/provider", "client-credentials/wrong-secret",
                     test_cc_wrong_secret);
  pim_test_add_both ("/oauth-token/provider", "client-credentials/discovered", test_cc_discovered);
  pim_test_add_both ("/oauth-token/provider", "exchange/impersonation",
                     test_exchange_impersonation);
  pim_test_add_both ("/oauth-token/provider", "exchange/delegation", test_exchange_delegation);
  pim_test_add_both ("/oauth-token/provider", "exchange/errors", test_exchange_errors);
  pim_test_add_both ("/oauth-token/provider", "generic-grant", test_generic_grant);

  return g_test_run ();
}
