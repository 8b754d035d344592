/* oauth-code-flow-test.c: the authorization code flow with PKCE against
 * the real local provider: the URL from PimAuthorizationRequest, the login
 * driven by PimTestBrowser, the redirect read by the same request, the
 * code exchanged, the ID token validated, refresh with a narrower scope,
 * the hybrid flow, form_post, prompt=none, and RP-initiated logout
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-test-async.h"
#include "pim-test-login.h"
#include "pim-test-provider.h"

/* Native clients take any port on the loopback redirect URIs. */
#define REDIRECT        "http://127.0.0.1:48213" PIM_TEST_REDIRECT_PATH
#define LOGOUT_REDIRECT "http://127.0.0.1:48213/logout"
#define SCOPE           "openid profile email"
#define NARROWER_SCOPE  "openid profile"

typedef struct
{
  const char         *id;
  const char         *secret;
  PimClientAuthMethod method;
} TestClient;

static const TestClient native = { PIM_TEST_CLIENT_NATIVE_ID, NULL, PIM_CLIENT_AUTH_AUTO };
static const TestClient basic = { PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET,
                                  PIM_CLIENT_AUTH_AUTO };
static const TestClient post = { PIM_TEST_CLIENT_POST_ID, PIM_TEST_CLIENT_POST_SECRET,
                                 PIM_CLIENT_AUTH_CLIENT_SECRET_POST };

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

/* An authorization request of @client to the provider, prepared. */
static PimAuthorizationRequest *
authorization_request (const TestClient *client, const char *scope)
{
  g_autoptr (PimDiscoveryDocument) document = discover ();
  g_autoptr (GError) error = NULL;
  PimAuthorizationRequest *request =
      pim_authorization_request_new_from_discovery (document, client->id, REDIRECT);

  /* oidc-provider says it sends `iss` (RFC 9207). */
  g_assert_true (pim_authorization_request_get_require_issuer (request));
  pim_authorization_request_set_scope (request, scope);
  g_assert_true (pim_authorization_request_prepare (request, &error));
  g_assert_no_error (error);
  return request;
}

/* The browser's way through @request's URL: the final redirect, as text. */
static char *
run_browser (PimTestBrowser *browser, PimAuthorizationRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = pim_authorization_request_build_url (request, &error);
  g_autoptr (GUri) redirect = NULL;

  g_assert_no_error (error);
  redirect = pim_test_browser_authorize (browser, url, &error);
  g_assert_no_error (error);
  return g_uri_to_string (redirect);
}

static PimAuthorizationResponse *
login (PimTestBrowser *browser, PimAuthorizationRequest *request)
{
  g_autofree char *redirect = run_browser (browser, request);
  g_autoptr (GError) error = NULL;
  PimAuthorizationResponse *response = NULL;

  g_assert_true (g_str_has_prefix (redirect, REDIRECT "?"));
  response =
      pim_authorization_request_parse_response (request, redirect,
                                                PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pim_authorization_response_get_code (response));
  g_assert_cmpstr (pim_authorization_response_get_state (response), ==,
                   pim_authorization_request_get_state (request));
  g_assert_cmpstr (pim_authorization_response_get_issuer (response), ==, issuer ());
  return response;
}

static PimAuthorizationCodeTokenRequest *
code_request (const TestClient         *client,
              PimAuthorizationRequest  *authorization,
              PimAuthorizationResponse *response)
{
  PimAuthorizationCodeTokenRequest *request =
      pim_authorization_code_token_request_new (NULL, client->id,
                                                pim_authorization_response_get_code (response),
                                                pim_authorization_request_get_redirect_uri (
                                                    authorization),
                                                pim_authorization_request_get_code_verifier (
                                                    authorization));

  /* The token endpoint from discovery. */
  g_object_set (request, "issuer", issuer (), "client-secret", client->secret, "client-auth-method",
                client->method, NULL);
  return request;
}

static PimTokenResponse *
exchange (PimAuthorizationCodeTokenRequest *request, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_request_authorization_code_token (request, NULL, NULL, error);
  pim_request_authorization_code_token_async (request, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_request_authorization_code_token_finish (result, error);
}

static PimTokenResponse *
refresh (PimRefreshTokenRequest *request, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_request_refresh_token (request, NULL, NULL, error);
  pim_request_refresh_token_async (request, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_request_refresh_token_finish (result, error);
}

static PimRefreshTokenRequest *
refresh_request (const TestClient *client, const char *refresh_token)
{
  PimRefreshTokenRequest *request = pim_refresh_token_request_new (NULL, client->id, refresh_token);

  g_object_set (request, "issuer", issuer (), "client-secret", client->secret, "client-auth-method",
                client->method, NULL);
  return request;
}

/* The ID token, validated for @client with @nonce (and @code's c_hash
 * when set). */
static PimClaims *
validate_id_token (const char       *id_token,
                   const TestClient *client,
                   const char       *nonce,
                   const char       *code,
                   PimTestMode       mode)
{
  g_autoptr (PimTokenValidationParameters) parameters =
      pim_token_validation_parameters_new (issuer (), client->id);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PimClaims *claims;

  g_assert_nonnull (id_token);
  g_object_set (parameters, "client-id", client->id, "nonce", nonce, "code", code, NULL);
  if (mode == PIM_TEST_SYNC)
    claims = pim_validate_token (id_token, parameters, NULL, NULL, &error);
  else
    {
      pim_validate_token_async (id_token, parameters, NULL, NULL, pim_test_store_result, &result);
      pim_test_wait_result (&result);
      claims = pim_validate_token_finish (result, &error);
    }
  g_assert_no_error (error);
  g_assert_cmpstr (pim_claims_get_issuer (claims), ==, issuer ());
  g_assert_cmpstr (pim_claims_get_subject (claims), ==, PIM_TEST_LOGIN_DEFAULT_USER);
  g_assert_cmpstr (pim_claims_get_string (claims, "nonce"), ==, nonce);
  return claims;
}

static void
assert_invalid_grant (PimTokenResponse *response, GError *error, PimOAuthRequest *request)
{
  g_autoptr (PimOAuthErrorResponse) details = pim_oauth_request_get_error_response (request);

  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_GRANT);
  g_assert_nonnull (details);
  g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, 400);
  g_assert_cmpstr (pim_oauth_error_response_get_error (details), ==, "invalid_grant");
}

/* ---- The whole flow, for each kind of client ---- */

typedef struct
{
  const TestClient *client;
  PimTestMode       mode;
} FlowCase;

static void
test_flow (gconstpointer data)
{
  const FlowCase   *flow = data;
  const TestClient *client = flow->client;
  g_autoptr (PimAuthorizationRequest) authorization = authorization_request (client, SCOPE);
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer (), NULL);
  g_autoptr (PimAuthorizationResponse) response = login (browser, authorization);
  g_autoptr (PimAuthorizationCodeTokenRequest) request =
      code_request (client, authorization, response);
  g_autoptr (PimRefreshTokenRequest) refresher = NULL;
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (PimTokenResponse) refreshed = NULL;
  g_autoptr (PimTokenResponse) again = NULL;
  g_autoptr (PimClaims) claims = NULL;
  g_autoptr (PimClaims) refreshed_claims = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (pim_test_browser_get_n_logins (browser), ==, 1);

  /* The code, with the verifier. */
  tokens = exchange (request, flow->mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pim_token_response_get_access_token (tokens));
  g_assert_cmpstr (pim_token_response_get_token_type (tokens), ==, "Bearer");
  g_assert_cmpstr (pim_token_response_get_scope (tokens), ==, SCOPE);
  g_assert_cmpint (pim_token_response_get_expires_in (tokens), >, 0);
  g_assert_nonnull (pim_token_response_get_refresh_token (tokens));
  claims =
      validate_id_token (pim_token_response_get_id_token (tokens), client,
                         pim_authorization_request_get_nonce (authorization), NULL, flow->mode);

  /* Refresh to a narrower scope. */
  refresher = refresh_request (client, pim_token_response_get_refresh_token (tokens));
  pim_token_request_set_scope (PIM_TOKEN_REQUEST (refresher), NARROWER_SCOPE);
  refreshed = refresh (refresher, flow->mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_scope (refreshed), ==, NARROWER_SCOPE);
  g_assert_cmpstr (pim_token_response_get_access_token (refreshed), !=,
                   pim_token_response_get_access_token (tokens));
  refreshed_claims =
      validate_id_token (pim_token_response_get_id_token (refreshed), client,
                         pim_authorization_request_get_nonce (authorization), NULL, flow->mode);
  g_assert_cmpstr (pim_claims_get_subject (refreshed_claims), ==, pim_claims_get_subject (claims));
  g_assert_null (pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (refresher)));

  /* Asking for more than was granted is refused. */
  pim_token_request_set_scope (PIM_TOKEN_REQUEST (refresher), SCOPE " api:write");
  if (pim_token_response_get_refresh_token (refreshed) != NULL)
    pim_refresh_token_request_set_refresh_token (refresher,
                                                 pim_token_response_get_refresh_token (refreshed));
  again = refresh (refresher, flow->mode, &error);
  g_assert_null (again);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_SCOPE);
  g_clear_error (&error);

  /* A code is good once. */
  again = exchange (request, flow->mode, &error);
  assert_invalid_grant (again, error, PIM_OAUTH_REQUEST (request));
}

/* ---- PKCE refusals ---- */

static void
test_wrong_verifier (gconstpointer data)
{
  PimTestMode       mode = GPOINTER_TO_INT (data);
  const TestClient *clients[] = { &native, &basic };

  for (gsize i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autoptr (PimAuthorizationRequest) authorization = authorization_request (clients[i], SCOPE);
      g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer (), NULL);
      g_autoptr (PimAuthorizationResponse) response = login (browser, authorization);
      g_autoptr (PimAuthorizationCodeTokenRequest) request =
          code_request (clients[i], authorization, response);
      g_autoptr (GError) error = NULL;
      g_autoptr (PimTokenResponse) tokens = NULL;
      g_autofree char *other = pim_pkce_generate_verifier (64, &error);

      g_test_message ("client %s", clients[i]->id);
      g_assert_no_error (error);
      pim_authorization_code_token_request_set_code_verifier (request, other);
      tokens = exchange (request, mode, &error);
      assert_invalid_grant (tokens, error, PIM_OAUTH_REQUEST (request));
      g_clear_error (&error);

      /* Nor without one, though the authorization had a challenge. */
      pim_authorization_code_token_request_set_code_verifier (request, NULL);
      tokens = exchange (request, mode, &error);
      assert_invalid_grant (tokens, error, PIM_OAUTH_REQUEST (request));
    }
}

/* pim-native requires PKCE: an authorization request without a challenge
 * is refused at the redirect. */
static void
test_native_requires_pkce (void)
{
  g_autoptr (PimAuthorizationRequest) authorization = authorization_request (&native, SCOPE);
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer (), NULL);
  g_autofree char *redirect = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;

  pim_authorization_request_set_code_verifier (authorization, NULL);
  redirect = run_browser (browser, authorization);
  response =
      pim_authorization_request_parse_response (authorization, redirect,
                                                PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_REQUEST);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (authorization));
  g_assert_cmpstr (pim_oauth_error_response_get_error (details), ==, "invalid_request");
  g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, 0);
  g_assert_nonnull (pim_oauth_error_response_get_error_description (details));
  g_assert_cmpuint (pim_test_browser_get_n_logins (browser), ==, 0);
}

/* ---- Other response modes and types ---- */

static void
test_form_post (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimAuthorizationRequest) authorization = authorization_request (&basic, SCOPE);
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer (), NULL);
  g_autofree char *redirect = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (PimAuthorizationCodeTokenRequest) request = NULL;
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (PimClaims) claims = NULL;

  pim_authorization_request_set_response_mode (authorization, "form_post");
  redirect = run_browser (browser, authorization);
  /* The browser hands the posted form over as the redirect's query. */
  uri = g_uri_parse (redirect, G_URI_FLAGS_ENCODED, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_path (uri), ==, PIM_TEST_REDIRECT_PATH);
  response =
      pim_authorization_request_parse_response (authorization, g_uri_get_query (uri),
                                                PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_authorization_response_get_issuer (response), ==, issuer ());

  request = code_request (&basic, authorization, response);
  tokens = exchange (request, mode, &error);
  g_assert_no_error (error);
  claims = validate_id_token (pim_token_response_get_id_token (tokens), &basic,
                              pim_authorization_request_get_nonce (authorization), NULL, mode);
}

/* "code id_token": the answer in the fragment, with an ID token bound to
 * the code by c_hash, and no `iss` (the provider leaves it out when the
 * response has an ID token) though discovery says it is sent. */
static void
test_hybrid (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  const TestClient idtoken = { PIM_TEST_CLIENT_IDTOKEN_RS256_ID, PIM_TEST_CLIENT_IDTOKEN_SECRET,
                               PIM_CLIENT_AUTH_AUTO };
  g_autoptr (PimAuthorizationRequest) authorization = authorization_request (&idtoken, SCOPE);
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer (), NULL);
  g_autofree char *redirect = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (PimAuthorizationCodeTokenRequest) request = NULL;
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (PimClaims) front = NULL;
  g_autoptr (PimClaims) back = NULL;

  pim_authorization_request_set_response_type (authorization, "code id_token");
  redirect = run_browser (browser, authorization);
  g_assert_true (g_str_has_prefix (redirect, REDIRECT "#"));
  response =
      pim_authorization_request_parse_response (authorization, redirect,
                                                PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);
  g_assert_no_error (error);
  g_assert_null (pim_authorization_response_get_issuer (response));
  front = validate_id_token (pim_authorization_response_get_id_token (response), &idtoken,
                             pim_authorization_request_get_nonce (authorization),
                             pim_authorization_response_get_code (response), mode);
  g_assert_nonnull (pim_claims_get_string (front, "c_hash"));

  request = code_request (&idtoken, authorization, response);
  tokens = exchange (request, mode, &error);
  g_assert_no_error (error);
  back = validate_id_token (pim_token_response_get_id_token (tokens), &idtoken,
                            pim_authorization_request_get_nonce (authorization), NULL, mode);
  g_assert_cmpstr (pim_claims_get_subject (back), ==, pim_claims_get_subject (front));

  /* The same redirect with someone else's iss added is refused. */
  {
    g_autofree char *forged = g_strconcat (redirect, "&iss=http%3A%2F%2F127.0.0.1%3A1", NULL);
    g_autoptr (PimAuthorizationResponse) none =
        pim_authorization_request_parse_response (authorization, forged,
                                                  PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);

    g_assert_null (none);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_ISSUER_MISMATCH);
  }
}

/* prompt=none without a session at the provider: login_required, as an
 * error response carrying the state and iss. */
static void
test_prompt_none (void)
{
  g_autoptr (PimAuthorizationRequest) authorization = authorization_request (&native, SCOPE);
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer (), NULL);
  g_autofree char *redirect = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;

  pim_authorization_request_set_prompt (authorization, "none");
  redirect = run_browser (browser, authorization);
  response =
      pim_authorization_request_parse_response (authorization, redirect,
                                                PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_LOGIN_REQUIRED);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (authorization));
  g_assert_cmpstr (pim_oauth_error_response_get_error (details), ==, "login_required");
  g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (pim_oauth_error_response_get_json (details),
                                                  "iss"),
                   ==, issuer ());
  g_assert_cmpuint (pim_test_browser_get_n_logins (browser), ==, 0);

  /* Once signed in, the same browser gets a code without a login page. */
  g_clear_error (&error);
  g_clear_object (&details);
  pim_authorization_request_set_prompt (authorization, NULL);
  response = login (browser, authorization);
  g_clear_object (&response);
  pim_authorization_request_set_prompt (authorization, "none");
  response = login (browser, authorization);
  g_assert_cmpuint (pim_test_browser_get_n_logins (browser), ==, 1);
  g_assert_null (pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (authorization)));
}

/* ---- Logout ---- */

static void
test_end_session (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimDiscoveryDocument) document = discover ();
  g_autoptr (PimAuthorizationRequest) authorization = authorization_request (&native, SCOPE);
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer (), NULL);
  g_autoptr (PimAuthorizationResponse) response = login (browser, authorization);
  g_autoptr (PimAuthorizationCodeTokenRequest) request =
      code_request (&native, authorization, response);
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (PimEndSessionRequest) logout = NULL;
  g_autoptr (PimRefreshTokenRequest) refresher = NULL;
  g_autoptr (PimTokenResponse) refreshed = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (GUri) redirect = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *state = pim_generate_random_string (16, &error);

  tokens = exchange (request, mode, &error);
  g_assert_no_error (error);

  logout = pim_end_session_request_new (pim_discovery_document_get_end_session_endpoint (document));
  g_object_set (logout, "id-token-hint", pim_token_response_get_id_token (tokens), "client-id",
                native.id, "post-logout-redirect-uri", LOGOUT_REDIRECT, "state", state, NULL);
  url = pim_end_session_request_build_url (logout, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, issuer ()));

  /* The provider asks to confirm; the browser submits its form and is
   * sent to the post-logout redirect URI with the state. */
  redirect = pim_test_browser_authorize (browser, url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_host (redirect), ==, "127.0.0.1");
  g_assert_cmpint (g_uri_get_port (redirect), ==, 48213);
  g_assert_cmpstr (g_uri_get_path (redirect), ==, "/logout");
  params = pim_test_login_response_params (redirect);
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, state);

  /* The client's grant is gone with its session: its refresh token too. */
  refresher = refresh_request (&native, pim_token_response_get_refresh_token (tokens));
  refreshed = refresh (refresher, mode, &error);
  assert_invalid_grant (refreshed, error, PIM_OAUTH_REQUEST (refresher));
}

int
main (int argc, char **argv)
{
  static const struct
  {
    const char       *name;
    const TestClient *client;
  } flows[] = {
    { "native", &native },
    { "basic", &basic },
    { "post", &post },
  };
  static FlowCase cases[G_N_ELEMENTS (flows) * 2];

  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (flows); i++)
    for (PimTestMode mode = PIM_TEST_SYNC; mode <= PIM_TEST_ASYNC; mode++)
      {
        FlowCase        *flow = &cases[i * 2 + mode];
        g_autofree char *path =
            g_strdup_printf ("/oauth-code-flow/%s/%s", flows[i].name, pim_test_mode_name (mode));

        flow->client = flows[i].client;
        flow->mode = mode;
        g_test_add_data_func (path, flow, test_flow);
      }
  pim_test_add_both ("/oauth-code-flow", "wrong-verifier", test_wrong_verifier);
  g_test_add_func ("/oauth-code-flow/native-requires-pkce", test_native_requires_pkce);
  pim_test_add_both ("/oauth-code-flow", "form-post", test_form_post);
  pim_test_add_both ("/oauth-code-flow", "hybrid", test_hybrid);
  g_test_add_func ("/oauth-code-flow/prompt-none", test_prompt_none);
  pim_test_add_both ("/oauth-code-flow", "end-session", test_end_session);

  return g_test_run ();
}
