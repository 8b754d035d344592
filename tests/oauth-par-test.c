/* oauth-par-test.c: pushed authorization requests (RFC 9126), request
 * objects (RFC 9101), JWT-secured authorization responses (JARM) and
 * dpop_jkt (RFC 9449 §10): against the real local provider end to end
 * (login driven by PimTestBrowser, code exchanged for tokens), and
 * against the fault server for answers and attacks the provider cannot
 * make
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-authorization-request-private.h"
#include "pim-test-async.h"
#include "pim-test-issuer.h"
#include "pim-test-login.h"
#include "pim-test-provider.h"
#include "pim-test-server.h"

#define REDIRECT    "http://127.0.0.1:48214" PIM_TEST_REDIRECT_PATH
#define SCOPE       "openid profile"
#define REQUEST_URN "urn:ietf:params:oauth:request_uri:"
#define FAKE_CLIENT "app"
/* A JWK thumbprint, as pim_jwk_get_thumbprint() gives. */
#define JKT "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"

static const char *
issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

static PimDiscoveryDocument *
discover (void)
{
  g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (issuer ());
  g_autoptr (GError) error = NULL;
  PimDiscoveryDocument *document = pim_get_discovery_document (request, NULL, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static PimJwk *
secret_key (const char *secret)
{
  g_autoptr (GBytes) bytes = g_bytes_new (secret, strlen (secret));
  g_autoptr (GError) error = NULL;
  PimJwk *key = pim_jwk_new_from_secret (bytes, "HS256", NULL, &error);

  g_assert_no_error (error);
  return key;
}

/* An authorization request of @client_id to the provider, prepared. */
static PimAuthorizationRequest *
authorization_request (const char *client_id)
{
  g_autoptr (PimDiscoveryDocument) document = discover ();
  g_autoptr (GError) error = NULL;
  PimAuthorizationRequest *request =
      pim_authorization_request_new_from_discovery (document, client_id, REDIRECT);

  pim_authorization_request_set_scope (request, SCOPE);
  g_assert_true (pim_authorization_request_prepare (request, &error));
  g_assert_no_error (error);
  return request;
}

static PimAuthorizationResponse *
parse_jwt (PimAuthorizationRequest     *request,
           const char                  *response,
           PimAuthorizationResponseMode where,
           PimTestMode                  mode,
           GError                     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_authorization_request_parse_jwt_response (request, response, where, NULL, NULL,
                                                         error);
  pim_authorization_request_parse_jwt_response_async (request, response, where, NULL, NULL,
                                                      pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_authorization_request_parse_jwt_response_finish (request, result, error);
}

/* The browser's way through @url: the final redirect, as text. */
static char *
run_browser (const char *url, GError **error)
{
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer (), NULL);
  g_autoptr (GUri) redirect = pim_test_browser_authorize (browser, url, error);

  return redirect != NULL ? g_uri_to_string (redirect) : NULL;
}

/* Builds @authorization's plain URL and drives the browser through it:
 * the final redirect, as text; asserts both steps work. */
static char *
browse (PimAuthorizationRequest *authorization)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = pim_authorization_request_build_url (authorization, &error);
  char            *redirect;

  g_assert_no_error (error);
  redirect = run_browser (url, &error);
  g_assert_no_error (error);
  return redirect;
}

/* Asserts that @request refuses to build its URL, INVALID_ARGUMENT. */
static void
assert_url_refused (PimAuthorizationRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = pim_authorization_request_build_url (request, &error);

  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_assert_null (url);
}

/* The query of @url as a table; asserts it parses. */
static GHashTable *
query_of (const char *url)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) error = NULL;
  GHashTable *params;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, &error);
  g_assert_no_error (error);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  return params;
}

/* The code of a plain redirect to @request, checked. */
static PimAuthorizationResponse *
read_code (PimAuthorizationRequest *request, const char *redirect)
{
  g_autoptr (GError) error = NULL;
  PimAuthorizationResponse *response =
      pim_authorization_request_parse_response (request, redirect,
                                                PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pim_authorization_response_get_code (response));
  g_assert_cmpstr (pim_authorization_response_get_state (response), ==,
                   pim_authorization_request_get_state (request));
  g_assert_cmpstr (pim_authorization_response_get_issuer (response), ==, issuer ());
  return response;
}

/* Exchanges @response's code as @authorization's client, with @secret or
 * else @key, and checks the tokens. */
static void
exchange (PimAuthorizationRequest  *authorization,
          PimAuthorizationResponse *response,
          const char               *secret,
          PimJwk                   *key,
          PimTestMode               mode)
{
  g_autoptr (PimAuthorizationCodeTokenRequest) request =
      pim_authorization_code_token_request_new (NULL,
                                                pim_oauth_request_get_client_id (
                                                    PIM_OAUTH_REQUEST (authorization)),
                                                pim_authorization_response_get_code (response),
                                                pim_authorization_request_get_redirect_uri (
                                                    authorization),
                                                pim_authorization_request_get_code_verifier (
                                                    authorization));
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_object_set (request, "issuer", issuer (), "client-secret", secret, "client-key", key, NULL);
  if (key != NULL)
    g_object_set (request, "client-auth-method", PIM_CLIENT_AUTH_PRIVATE_KEY_JWT, NULL);
  if (mode == PIM_TEST_SYNC)
    tokens = pim_request_authorization_code_token (request, NULL, NULL, &error);
  else
    {
      pim_request_authorization_code_token_async (request, NULL, NULL, pim_test_store_result,
                                                  &result);
      pim_test_wait_result (&result);
      tokens = pim_request_authorization_code_token_finish (result, &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (pim_token_response_get_access_token (tokens));
  g_assert_nonnull (pim_token_response_get_id_token (tokens));
}

/* ---- PAR against the provider ---- */

/* Pushes @authorization, checks the answer and the follow-up URL, and
 * drives the login to a code. */
static PimAuthorizationResponse *
push_and_login (PimAuthorizationRequest       *authorization,
                PimPushedAuthorizationRequest *push_request,
                PimTestMode                    mode)
{
  g_autoptr (PimPushedAuthorizationResponse) pushed = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *redirect = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (PimDiscoveryDocument) document = discover ();

  pushed = pim_test_push_authorization (push_request, mode, &error);
  g_assert_no_error (error);
  g_assert_true (
      g_str_has_prefix (pim_pushed_authorization_response_get_request_uri (pushed), REQUEST_URN));
  /* oidc-provider keeps pushed requests for 60 s at most. */
  g_assert_cmpint (pim_pushed_authorization_response_get_expires_in (pushed), >, 0);
  g_assert_cmpint (pim_pushed_authorization_response_get_expires_in (pushed), <=, 60);

  url = pim_pushed_authorization_response_build_authorization_url (pushed, authorization, &error);
  g_assert_no_error (error);
  g_assert_true (
      g_str_has_prefix (url, pim_discovery_document_get_authorization_endpoint (document)));
  params = query_of (url);
  g_assert_cmpuint (g_hash_table_size (params), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (params, "client_id"), ==,
                   pim_oauth_request_get_client_id (PIM_OAUTH_REQUEST (authorization)));
  g_assert_cmpstr (g_hash_table_lookup (params, "request_uri"), ==,
                   pim_pushed_authorization_response_get_request_uri (pushed));

  redirect = run_browser (url, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (redirect, REDIRECT "?"));
  return read_code (authorization, redirect);
}

static void
test_par_secret_basic (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimAuthorizationRequest) authorization =
      authorization_request (PIM_TEST_CLIENT_BASIC_ID);
  g_autoptr (PimPushedAuthorizationRequest) request =
      pim_pushed_authorization_request_new (authorization);
  g_autoptr (PimAuthorizationResponse) response = NULL;

  g_object_set (request, "client-secret", PIM_TEST_CLIENT_BASIC_SECRET, NULL);
  g_assert_true (pim_pushed_authorization_request_get_authorization_request (request) ==
                 authorization);
  response = push_and_login (authorization, request, mode);
  exchange (authorization, response, PIM_TEST_CLIENT_BASIC_SECRET, NULL, mode);
}

/* Pushed as the private_key_jwt client; with @request_object, the
 * request object (under the same key) is what is pushed. */
static void
par_private_key_jwt (PimTestMode mode, gboolean request_object)
{
  g_autoptr (PimAuthorizationRequest) authorization =
      authorization_request (PIM_TEST_CLIENT_PAR_JWT_ID);
  g_autoptr (PimPushedAuthorizationRequest) request =
      pim_pushed_authorization_request_new (authorization);
  g_autoptr (PimJwk) key = pim_test_provider_load_jwt_key ();
  g_autoptr (PimAuthorizationResponse) response = NULL;

  if (request_object)
    pim_authorization_request_set_request_object_key (authorization, key);
  g_object_set (request, "client-key", key, "client-auth-method", PIM_CLIENT_AUTH_PRIVATE_KEY_JWT,
                NULL);
  response = push_and_login (authorization, request, mode);
  exchange (authorization, response, NULL, key, mode);
}

static void
test_par_private_key_jwt (gconstpointer data)
{
  par_private_key_jwt (GPOINTER_TO_INT (data), FALSE);
}

/* The request object is what is pushed. */
static void
test_par_request_object (gconstpointer data)
{
  par_private_key_jwt (GPOINTER_TO_INT (data), TRUE);
}

/* Refusals from the endpoint: a wrong secret, and a request object signed
 * with a key the provider does not know. */
static void
test_par_refused (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimAuthorizationRequest) authorization =
      authorization_request (PIM_TEST_CLIENT_PAR_JWT_ID);
  g_autoptr (PimPushedAuthorizationRequest) request =
      pim_pushed_authorization_request_new (authorization);
  g_autoptr (PimAuthorizationRequest) basic = authorization_request (PIM_TEST_CLIENT_BASIC_ID);
  g_autoptr (PimPushedAuthorizationRequest) wrong_secret =
      pim_pushed_authorization_request_new (basic);
  g_autoptr (PimJwk) key = pim_test_provider_load_jwt_key ();
  g_autoptr (PimJwk) stranger = NULL;
  g_autoptr (PimPushedAuthorizationResponse) pushed = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;

  g_object_set (wrong_secret, "client-secret", "not-the-secret", NULL);
  pushed = pim_test_push_authorization (wrong_secret, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
  g_assert_null (pushed);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (wrong_secret));
  g_assert_nonnull (details);
  g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, 401);
  g_clear_error (&error);
  g_clear_object (&details);

  stranger = pim_jwk_generate ("ES256", &error);
  g_assert_no_error (error);
  pim_authorization_request_set_request_object_key (authorization, stranger);
  g_object_set (request, "client-key", key, "client-auth-method", PIM_CLIENT_AUTH_PRIVATE_KEY_JWT,
                NULL);
  pushed = pim_test_push_authorization (request, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_REQUEST_OBJECT);
  g_assert_null (pushed);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  g_assert_nonnull (details);
  g_assert_cmpstr (pim_oauth_error_response_get_error (details), ==, "invalid_request_object");
  g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, 400);
}

/* A client the provider accepts only through PAR: the plain URL is
 * refused (the error comes back to the redirect URI), the pushed one
 * works; and a request marked so refuses to build the plain URL. */
static void
test_par_required (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimAuthorizationRequest) authorization =
      authorization_request (PIM_TEST_CLIENT_PAR_REQUIRED_ID);
  g_autoptr (PimPushedAuthorizationRequest) request =
      pim_pushed_authorization_request_new (authorization);
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *redirect = NULL;

  redirect = browse (authorization);
  response =
      pim_authorization_request_parse_response (authorization, redirect,
                                                PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_REQUEST);
  g_assert_null (response);
  g_clear_error (&error);

  pim_authorization_request_set_require_pushed_authorization_requests (authorization, TRUE);
  assert_url_refused (authorization);

  g_object_set (request, "client-secret", PIM_TEST_CLIENT_PAR_REQUIRED_SECRET, NULL);
  response = push_and_login (authorization, request, mode);
  exchange (authorization, response, PIM_TEST_CLIENT_PAR_REQUIRED_SECRET, NULL, mode);
}

/* dpop_jkt pushed binds the code to that key: redeeming it without a
 * DPoP proof is refused, while the same flow without dpop_jkt works (see
 * test_par_secret_basic). */
static void
test_par_dpop_jkt (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimAuthorizationRequest) authorization =
      authorization_request (PIM_TEST_CLIENT_BASIC_ID);
  g_autoptr (PimPushedAuthorizationRequest) request =
      pim_pushed_authorization_request_new (authorization);
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (PimAuthorizationCodeTokenRequest) token_request = NULL;
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GError) error = NULL;

  pim_authorization_request_set_dpop_jkt (authorization, JKT);
  g_assert_cmpstr (pim_authorization_request_get_dpop_jkt (authorization), ==, JKT);
  g_object_set (request, "client-secret", PIM_TEST_CLIENT_BASIC_SECRET, NULL);
  response = push_and_login (authorization, request, mode);

  token_request =
      pim_authorization_code_token_request_new (NULL, PIM_TEST_CLIENT_BASIC_ID,
                                                pim_authorization_response_get_code (response),
                                                REDIRECT,
                                                pim_authorization_request_get_code_verifier (
                                                    authorization));
  g_object_set (token_request, "issuer", issuer (), "client-secret", PIM_TEST_CLIENT_BASIC_SECRET,
                NULL);
  tokens = pim_request_authorization_code_token (token_request, NULL, NULL, &error);
  g_assert_null (tokens);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_GRANT);
}

/* ---- Request objects by value ---- */

/* @client_key authenticates the client at the token endpoint. */
static void
by_value (const char *client_id, PimJwk *key, const char *alg, PimJwk *client_key, PimTestMode mode)
{
  g_autoptr (PimAuthorizationRequest) authorization = authorization_request (client_id);
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *redirect = NULL;

  g_object_set (authorization, "request-object-key", key, "request-object-alg", alg, NULL);
  url = pim_authorization_request_build_url (authorization, &error);
  g_assert_no_error (error);
  params = query_of (url);
  g_assert_cmpuint (g_hash_table_size (params), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (params, "client_id"), ==, client_id);
  g_assert_nonnull (g_hash_table_lookup (params, "request"));

  redirect = run_browser (url, &error);
  g_assert_no_error (error);
  response = read_code (authorization, redirect);
  exchange (authorization, response, NULL, client_key, mode);
}

static void
test_jar_es256 (gconstpointer data)
{
  g_autoptr (PimJwk) key = pim_test_provider_load_jwt_key ();

  by_value (PIM_TEST_CLIENT_PAR_JWT_ID, key, NULL, key, GPOINTER_TO_INT (data));
}

/* HS256 under the client secret (RFC 9101 §10.1). */
static void
test_jar_hs256 (gconstpointer data)
{
  g_autoptr (PimJwk) key = secret_key (PIM_TEST_CLIENT_PAR_JWT_SECRET);
  g_autoptr (PimJwk) client_key = pim_test_provider_load_jwt_key ();

  by_value (PIM_TEST_CLIENT_PAR_JWT_ID, key, "HS256", client_key, GPOINTER_TO_INT (data));
}

/* A request object under a key the provider does not know never gives a
 * code: the provider stops at its error page, 400 invalid_request_object
 * (it cannot trust the redirect URI inside). */
static void
test_jar_wrong_key (void)
{
  g_autoptr (PimAuthorizationRequest) authorization =
      authorization_request (PIM_TEST_CLIENT_PAR_JWT_ID);
  g_autoptr (PimJwk) stranger = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *redirect = NULL;

  stranger = pim_jwk_generate ("ES256", &error);
  g_assert_no_error (error);
  pim_authorization_request_set_request_object_key (authorization, stranger);
  url = pim_authorization_request_build_url (authorization, &error);
  g_assert_no_error (error);
  redirect = run_browser (url, &error);
  g_assert_null (redirect);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "invalid_request_object"));
}

/* ---- JARM against the provider ---- */

typedef struct
{
  const char                  *name; /* in the test path */
  const char                  *response_mode;
  char                         separator; /* in the redirect, or 0 for form_post */
  PimAuthorizationResponseMode where;
} JarmCase;

static const JarmCase jarm_cases[] = {
  { "query", "query.jwt", '?', PIM_AUTHORIZATION_RESPONSE_MODE_QUERY },
  { "fragment", "fragment.jwt", '#', PIM_AUTHORIZATION_RESPONSE_MODE_FRAGMENT },
  { "form-post", "form_post.jwt", 0, PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST },
  { "default", "jwt", '?', PIM_AUTHORIZATION_RESPONSE_MODE_QUERY },
};

/* One registered run of jarm_flow(): a case, sync or async. */
typedef struct
{
  const JarmCase *jarm;
  PimTestMode     mode;
} JarmRun;

static JarmRun jarm_runs[G_N_ELEMENTS (jarm_cases) * 2];

static void
jarm_flow (const JarmCase *jarm, PimTestMode mode)
{
  g_autoptr (PimAuthorizationRequest) authorization =
      authorization_request (PIM_TEST_CLIENT_BASIC_ID);
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (PimAuthorizationResponse) plain = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *redirect = NULL;
  const char      *text;

  pim_authorization_request_set_response_mode (authorization, jarm->response_mode);
  redirect = browse (authorization);
  /* The browser hands a posted form over as the redirect's query. */
  g_assert_true (g_str_has_prefix (redirect, REDIRECT));
  g_assert_true (redirect[strlen (REDIRECT)] == (jarm->separator != 0 ? jarm->separator : '?'));
  g_assert_nonnull (strstr (redirect, "response="));
  g_assert_null (strstr (redirect, "code="));
  text = jarm->separator != 0 ? redirect : redirect + strlen (REDIRECT) + 1;

  /* Not readable as plain parameters. */
  plain = pim_authorization_request_parse_response (authorization, text,
                                                    PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_assert_null (plain);
  g_clear_error (&error);

  response = parse_jwt (authorization, text, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pim_authorization_response_get_code (response));
  g_assert_cmpstr (pim_authorization_response_get_state (response), ==,
                   pim_authorization_request_get_state (authorization));
  g_assert_cmpstr (pim_authorization_response_get_issuer (response), ==, issuer ());
  /* aud and exp are the envelope's, not parameters. */
  g_assert_null (pim_authorization_response_get_string (response, "aud"));
  g_assert_null (pim_authorization_response_get_string (response, "exp"));
  g_clear_object (&response);

  /* The same text read with the mode given explicitly. */
  response = parse_jwt (authorization, text, jarm->where, mode, &error);
  g_assert_no_error (error);
  exchange (authorization, response, PIM_TEST_CLIENT_BASIC_SECRET, NULL, mode);
}

static void
test_jarm_run (gconstpointer data)
{
  const JarmRun *run = data;

  jarm_flow (run->jarm, run->mode);
}

/* An error travels signed too: prompt=none without a session. */
static void
test_jarm_error (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimAuthorizationRequest) authorization =
      authorization_request (PIM_TEST_CLIENT_BASIC_ID);
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *redirect = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;

  pim_authorization_request_set_response_mode (authorization, "query.jwt");
  pim_authorization_request_set_prompt (authorization, "none");
  redirect = browse (authorization);
  g_assert_null (strstr (redirect, "error="));
  response =
      parse_jwt (authorization, redirect, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_LOGIN_REQUIRED);
  g_assert_null (response);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (authorization));
  g_assert_nonnull (details);
  g_assert_cmpstr (pim_oauth_error_response_get_error (details), ==, "login_required");
}

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

/* ---- JARM attacks against a fake issuer ---- */

typedef struct
{
  PimTestServer *server;
  char          *issuer;
  PimJwk        *key; /* the issuer's, served at /jwks */
} FakeIssuer;

static void
fake_issuer_init (FakeIssuer *fake)
{
  g_autoptr (PimJwkSet) keys = NULL;

  fake->key = pim_test_issuer_generate_key ("ES256", &keys);
  fake->server = pim_test_issuer_new (keys, "ES256", &fake->issuer);
}

static void
fake_issuer_clear (FakeIssuer *fake)
{
  pim_test_server_free (fake->server);
  g_free (fake->issuer);
  g_object_unref (fake->key);
}

static PimAuthorizationRequest *
fake_request (FakeIssuer *fake)
{
  g_autofree char         *auth = pim_test_server_get_uri (fake->server, "/auth");
  PimAuthorizationRequest *request = pim_authorization_request_new (auth, FAKE_CLIENT, REDIRECT);

  g_object_set (request, "issuer", fake->issuer, "state", "the-state", "response-mode", "query.jwt",
                NULL);
  return request;
}

typedef enum
{
  MINT_GOOD,
  MINT_WRONG_AUD,
  MINT_WRONG_ISS,
  MINT_EXPIRED,
  MINT_NO_EXP,
  MINT_WRONG_STATE,
  MINT_OTHER_KEY,
  MINT_HS256,
  MINT_NONE,
  MINT_BAD_SIGNATURE,
  MINT_JWE,
  MINT_OBJECT_CLAIM,
} Mint;

static char *
mint (FakeIssuer *fake, Mint how)
{
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  char  *jwt;

  json_object_set_string_member (claims, "iss",
                                 how == MINT_WRONG_ISS ? "https://evil.example" : fake->issuer);
  json_object_set_string_member (claims, "aud", how == MINT_WRONG_AUD ? "other-app" : FAKE_CLIENT);
  if (how != MINT_NO_EXP)
    json_object_set_int_member (claims, "exp", how == MINT_EXPIRED ? now - 120 : now + 300);
  json_object_set_string_member (claims, "code", "the-code");
  json_object_set_string_member (claims, "state",
                                 how == MINT_WRONG_STATE ? "another-state" : "the-state");
  if (how == MINT_OBJECT_CLAIM)
    json_object_set_object_member (claims, "extra", json_object_new ());

  if (how == MINT_NONE)
    return pim_test_unsigned_jwt (claims, "{\"alg\":\"none\",\"typ\":\"JWT\"}");
  if (how == MINT_JWE)
    return g_strdup ("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a2V5.aXY.Y2lwaGVy.dGFn");
  if (how == MINT_HS256)
    {
      g_autoptr (PimJwk) hmac = secret_key ("app-secret-app-secret-app-secret!");

      jwt = pim_jwt_sign (claims, hmac, "HS256", NULL, &error);
    }
  else if (how == MINT_OTHER_KEY)
    {
      g_autoptr (PimJwk) other = pim_jwk_generate ("ES256", &error);

      g_assert_no_error (error);
      jwt = pim_jwt_sign (claims, other, NULL, NULL, &error);
    }
  else
    jwt = pim_jwt_sign (claims, fake->key, NULL, NULL, &error);
  g_assert_no_error (error);
  if (how == MINT_BAD_SIGNATURE)
    {
      /* Flip a bit inside the signature (not its last character, whose
       * low bits base64url may not carry). */
      char *last_dot = strrchr (jwt, '.');

      last_dot[5] = last_dot[5] == 'A' ? 'B' : 'A';
    }
  return jwt;
}

static char *
callback_with (FakeIssuer *fake, Mint how)
{
  g_autofree char *jwt = mint (fake, how);

  return g_strconcat (REDIRECT "?response=", jwt, NULL);
}

static void
test_jarm_attacks (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  static const struct
  {
    Mint how;
    GQuark (*domain) (void);
    int code;
  } attacks[] = {
    { MINT_WRONG_AUD, pim_token_error_quark, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH },
    { MINT_WRONG_ISS, pim_token_error_quark, PIM_TOKEN_ERROR_ISSUER_MISMATCH },
    { MINT_EXPIRED, pim_token_error_quark, PIM_TOKEN_ERROR_EXPIRED },
    { MINT_NO_EXP, pim_token_error_quark, PIM_TOKEN_ERROR_MISSING_CLAIM },
    { MINT_WRONG_STATE, pim_oauth_error_quark, PIM_OAUTH_ERROR_STATE_MISMATCH },
    { MINT_OTHER_KEY, pim_jose_error_quark, PIM_JOSE_ERROR_KEY_NOT_FOUND },
    { MINT_HS256, pim_jose_error_quark, PIM_JOSE_ERROR_ALG_NOT_ALLOWED },
    { MINT_NONE, pim_jose_error_quark, PIM_JOSE_ERROR_ALG_NONE },
    { MINT_BAD_SIGNATURE, pim_jose_error_quark, PIM_JOSE_ERROR_INVALID_SIGNATURE },
    { MINT_JWE, pim_oauth_error_quark, PIM_OAUTH_ERROR_INVALID_RESPONSE },
    { MINT_OBJECT_CLAIM, pim_oauth_error_quark, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  };
  FakeIssuer fake;
  g_autoptr (PimAuthorizationRequest) request = NULL;
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *good = NULL;

  fake_issuer_init (&fake);
  request = fake_request (&fake);

  /* The control: a good response is accepted. */
  good = callback_with (&fake, MINT_GOOD);
  response = parse_jwt (request, good, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_authorization_response_get_code (response), ==, "the-code");
  g_assert_cmpstr (pim_authorization_response_get_state (response), ==, "the-state");
  g_assert_cmpstr (pim_authorization_response_get_issuer (response), ==, fake.issuer);
  g_clear_object (&response);

  for (gsize i = 0; i < G_N_ELEMENTS (attacks); i++)
    {
      g_autofree char *callback = callback_with (&fake, attacks[i].how);

      response = parse_jwt (request, callback, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
      if (error == NULL || error->domain != attacks[i].domain () || error->code != attacks[i].code)
        g_error ("attack %" G_GSIZE_FORMAT ": %s", i, error != NULL ? error->message : "accepted");
      g_assert_null (response);
      g_clear_error (&error);
    }

  /* The JWE error says what it is. */
  {
    g_autofree char *callback = callback_with (&fake, MINT_JWE);

    response = parse_jwt (request, callback, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
    g_assert_nonnull (strstr (error->message, "ncrypted"));
    g_clear_error (&error);
  }

  /* No response parameter at all, or plain parameters instead. */
  response = parse_jwt (request, REDIRECT "?code=the-code&state=the-state",
                        PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
  g_assert_null (response);
  g_clear_error (&error);
  response = parse_jwt (request, REDIRECT, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
  g_assert_null (response);
  g_clear_error (&error);

  /* A mode that is not a JWT one. */
  pim_authorization_request_set_response_mode (request, "query");
  response = parse_jwt (request, good, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_assert_null (response);
  g_clear_error (&error);

  /* No issuer to check against. */
  g_object_set (request, "issuer", NULL, "response-mode", "query.jwt", NULL);
  response = parse_jwt (request, good, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_assert_null (response);

  fake_issuer_clear (&fake);
}

/* The pure path the fuzz target takes, with a fixed key set. */
static void
test_jarm_with_keys (void)
{
  FakeIssuer fake;
  g_autoptr (PimJwkSet) keys = pim_jwk_set_new ();
  g_autoptr (PimJwk) public_key = NULL;
  g_autoptr (PimAuthorizationRequest) request = NULL;
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (JsonObject) params = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *wrong_aud = NULL;
  g_autofree char *callback = NULL;

  fake_issuer_init (&fake);
  public_key = pim_jwk_get_public (fake.key);
  pim_jwk_set_add (keys, public_key);
  request = fake_request (&fake);

  good = mint (&fake, MINT_GOOD);
  params = pim_authorization_jarm_validate (good, keys, fake.issuer, FAKE_CLIENT, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (params, "code"), ==, "the-code");
  g_assert_false (json_object_has_member (params, "aud"));
  g_assert_false (json_object_has_member (params, "exp"));

  wrong_aud = mint (&fake, MINT_WRONG_AUD);
  g_clear_pointer (&params, json_object_unref);
  params = pim_authorization_jarm_validate (wrong_aud, keys, fake.issuer, FAKE_CLIENT, 0, &error);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH);
  g_assert_null (params);
  g_clear_error (&error);

  callback = g_strconcat ("response=", good, NULL);
  response = pim_authorization_request_parse_jwt_response_with_keys (
      request, callback, PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST, keys, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_authorization_response_get_code (response), ==, "the-code");
  /* No network: the fake issuer was never asked. */
  g_assert_cmpuint (pim_test_server_get_hits (fake.server, "/jwks"), ==, 0);

  fake_issuer_clear (&fake);
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
  g_test_add_func ("/oauth-par/unit/jarm-with-keys", test_jarm_with_keys);
  pim_test_add_both ("/oauth-par/faults", "answers", test_par_fault_answers);
  pim_test_add_both ("/oauth-par/faults", "jarm-attacks", test_jarm_attacks);

  pim_test_add_both ("/oauth-par/provider", "secret-basic", test_par_secret_basic);
  pim_test_add_both ("/oauth-par/provider", "private-key-jwt", test_par_private_key_jwt);
  pim_test_add_both ("/oauth-par/provider", "request-object", test_par_request_object);
  pim_test_add_both ("/oauth-par/provider", "refused", test_par_refused);
  pim_test_add_both ("/oauth-par/provider", "required", test_par_required);
  pim_test_add_both ("/oauth-par/provider", "dpop-jkt", test_par_dpop_jkt);
  pim_test_add_both ("/oauth-par/jar", "es256", test_jar_es256);
  pim_test_add_both ("/oauth-par/jar", "hs256", test_jar_hs256);
  g_test_add_func ("/oauth-par/jar/wrong-key", test_jar_wrong_key);
  for (gsize i = 0; i < G_N_ELEMENTS (jarm_runs); i++)
    {
      JarmRun         *run = &jarm_runs[i];
      g_autofree char *path = NULL;

      run->jarm = &jarm_cases[i / 2];
      run->mode = i % 2 == 0 ? PIM_TEST_SYNC : PIM_TEST_ASYNC;
      path = g_strdup_printf ("/oauth-par/jarm/%s/%s", run->jarm->name,
                              pim_test_mode_name (run->mode));
      g_test_add_data_func (path, run, test_jarm_run);
    }
  pim_test_add_both ("/oauth-par/jarm", "error", test_jarm_error);

  return g_test_run ();
}
