/* oauth-par-provider-test.c: pushed authorization requests (RFC 9126)
 * and request objects by value (RFC 9101) against the real local provider
 * end to end (login driven by PimTestBrowser, code exchanged for tokens),
 * dpop_jkt (RFC 9449 §10) pushed included
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "oauth-par-common.h"
#include "pim-test-async.h"
#include "pim-test-login.h"
#include "pim-test-provider.h"

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  pim_test_add_both ("/oauth-par/provider", "secret-basic", test_par_secret_basic);
  pim_test_add_both ("/oauth-par/provider", "private-key-jwt", test_par_private_key_jwt);
  pim_test_add_both ("/oauth-par/provider", "request-object", test_par_request_object);
  pim_test_add_both ("/oauth-par/provider", "refused", test_par_refused);
  pim_test_add_both ("/oauth-par/provider", "required", test_par_required);
  pim_test_add_both ("/oauth-par/provider", "dpop-jkt", test_par_dpop_jkt);
  pim_test_add_both ("/oauth-par/jar", "es256", test_jar_es256);
  pim_test_add_both ("/oauth-par/jar", "hs256", test_jar_hs256);
  g_test_add_func ("/oauth-par/jar/wrong-key", test_jar_wrong_key);

  return g_test_run ();
}
