/* oauth-dpop-provider-test.c: DPoP (RFC 9449) against the real provider:
 * DPoP-bound tokens for every grant, UserInfo and a caller's own resource
 * requests, and the use_dpop_nonce retry with a client that must use
 * server nonces
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-test-async.h"
#include "pim-test-login.h"
#include "pim-test-provider.h"

static const char *
issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

static char *
endpoint (const char *path)
{
  return g_strconcat (issuer (), path, NULL);
}

/* ---- Against the provider ---- */

static void
assert_bound (PimTokenResponse *response, PimDPoPKey *key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwt) jwt = NULL;
  JsonObject *cnf;

  g_assert_cmpstr (pim_token_response_get_token_type (response), ==, "DPoP");
  jwt = pim_jwt_parse (pim_token_response_get_access_token (response), &error);
  g_assert_no_error (error);
  cnf = json_object_get_object_member (pim_jwt_get_claims (jwt), "cnf");
  g_assert_nonnull (cnf);
  g_assert_cmpstr (json_object_get_string_member (cnf, "jkt"), ==,
                   pim_dpop_key_get_thumbprint (key));
}

static PimClientCredentialsTokenRequest *
cc_request (const char *client_id, const char *secret, PimDPoPKey *key)
{
  g_autofree char                  *address = endpoint ("/token");
  PimClientCredentialsTokenRequest *request =
      pim_client_credentials_token_request_new (address, client_id, secret);

  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (request), key);
  return request;
}

static void
test_client_credentials (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autoptr (PimDPoPKey) eddsa = pim_dpop_key_new_generate ("EdDSA", &error);
  g_autoptr (PimClientCredentialsTokenRequest) request = NULL;
  g_autoptr (PimTokenResponse) response = NULL;

  g_assert_no_error (error);
  /* A DPoP-bound client: the token is bound to the key. */
  request = cc_request (PIM_TEST_CLIENT_DPOP_ID, PIM_TEST_CLIENT_DPOP_SECRET, key);
  response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
  g_assert_no_error (error);
  assert_bound (response, key);
  g_clear_object (&response);
  g_clear_object (&request);

  /* The same client without a proof is refused. */
  request = cc_request (PIM_TEST_CLIENT_DPOP_ID, PIM_TEST_CLIENT_DPOP_SECRET, NULL);
  response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_GRANT);
  g_clear_error (&error);
  g_clear_object (&request);

  /* Any client may ask for DPoP; EdDSA proofs too. */
  request = cc_request (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET, eddsa);
  g_object_set (request, "dpop-key", eddsa, NULL);
  response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
  g_assert_no_error (error);
  assert_bound (response, eddsa);
}

/* Counts the requests a client sends. */
static void
on_request_queued (SoupSession *session, SoupMessage *msg, gpointer user_data)
{
  g_atomic_int_inc ((int *) user_data);
}

static PimHttpClient *
counting_client (int *count)
{
  g_autoptr (SoupSession) session = soup_session_new ();

  g_signal_connect (session, "request-queued", G_CALLBACK (on_request_queued), count);
  return pim_http_client_new_for_session (session);
}

static PimTokenResponse *
request_token_with (PimTokenRequest *request,
                    PimHttpClient   *client,
                    PimTestMode      mode,
                    GError         **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_request_token (request, client, NULL, error);
  pim_request_token_async (request, client, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_request_token_finish (result, error);
}

/* The client that must use server nonces: one retry the first time, none
 * the next (the nonce is cached), one again after a stale nonce. */
static void
test_nonce_retry (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autoptr (PimClientCredentialsTokenRequest) request =
      cc_request (PIM_TEST_CLIENT_DPOP_NONCE_ID, PIM_TEST_CLIENT_DPOP_NONCE_SECRET, key);
  g_autoptr (PimTokenResponse) response = NULL;
  g_autofree char *token_uri = endpoint ("/token");
  g_autofree char *nonce = NULL;
  int              count = 0;
  g_autoptr (PimHttpClient) client = counting_client (&count);

  g_assert_no_error (error);
  g_assert_null (pim_dpop_key_dup_nonce (key, token_uri));
  response = request_token_with (PIM_TOKEN_REQUEST (request), client, mode, &error);
  g_assert_no_error (error);
  assert_bound (response, key);
  g_assert_cmpint (count, ==, 2);
  nonce = pim_dpop_key_dup_nonce (key, token_uri);
  g_assert_nonnull (nonce);
  g_clear_object (&response);

  response = request_token_with (PIM_TOKEN_REQUEST (request), client, mode, &error);
  g_assert_no_error (error);
  assert_bound (response, key);
  g_assert_cmpint (count, ==, 3);
  g_clear_object (&response);

  /* A nonce the provider never gave: refused, then the real one. */
  pim_dpop_key_set_nonce (key, token_uri, "made-up-nonce");
  response = request_token_with (PIM_TOKEN_REQUEST (request), client, mode, &error);
  g_assert_no_error (error);
  assert_bound (response, key);
  g_assert_cmpint (count, ==, 5);
  g_clear_pointer (&nonce, g_free);
  nonce = pim_dpop_key_dup_nonce (key, token_uri);
  g_assert_cmpstr (nonce, !=, "made-up-nonce");

  /* Without a key, this client is not asked for nonces... but gets no
   * DPoP token either. */
  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (request), NULL);
  g_clear_object (&response);
  response = request_token_with (PIM_TOKEN_REQUEST (request), client, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_token_type (response), ==, "Bearer");
  g_assert_cmpint (count, ==, 6);
}

static char *
authorize (const char *client_id, const char *scope, const char *code_challenge)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url =
      pim_test_login_authorize_url (issuer (), "client_id", client_id, "response_type", "code",
                                    "redirect_uri", PIM_TEST_REDIRECT_URI, "scope", scope, "state",
                                    "dpop-state", "code_challenge", code_challenge,
                                    "code_challenge_method", code_challenge != NULL ? "S256" : NULL,
                                    NULL);
  char *code = pim_test_login_get_code (issuer (), url, &error);

  g_assert_no_error (error);
  return code;
}

static PimUserInfoResponse *
userinfo_with (const char *access_token, PimDPoPKey *key, PimTestMode mode, GError **error)
{
  g_autofree char *address = endpoint ("/me");
  g_autoptr (PimUserInfoRequest) request = pim_userinfo_request_new (address, access_token);

  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (request), key);
  return pim_test_get_userinfo (request, NULL, mode, error);
}

/* Code flow with a DPoP-bound client; then UserInfo, which takes the token
 * only with a proof of the key, and refresh. */
static void
test_code_flow (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autoptr (PimDPoPKey) other = pim_dpop_key_new_generate (NULL, &error);
  g_autofree char *code = authorize (PIM_TEST_CLIENT_DPOP_ID, "openid profile", NULL);
  g_autofree char *token_uri = endpoint ("/token");
  g_autoptr (PimAuthorizationCodeTokenRequest) request =
      pim_authorization_code_token_request_new (token_uri, PIM_TEST_CLIENT_DPOP_ID, code,
                                                PIM_TEST_REDIRECT_URI, NULL);
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (PimTokenResponse) refreshed = NULL;
  g_autoptr (PimUserInfoResponse) userinfo = NULL;
  g_autoptr (PimRefreshTokenRequest) refresh = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;

  g_assert_no_error (error);
  g_object_set (request, "client-secret", PIM_TEST_CLIENT_DPOP_SECRET, "dpop-key", key, NULL);
  tokens = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_token_type (tokens), ==, "DPoP");
  g_assert_nonnull (pim_token_response_get_refresh_token (tokens));

  /* UserInfo: with a proof of the key... */
  userinfo = userinfo_with (pim_token_response_get_access_token (tokens), key, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_userinfo_response_get_subject (userinfo), ==, PIM_TEST_LOGIN_DEFAULT_USER);
  g_clear_object (&userinfo);
  /* ...not as a Bearer token... */
  userinfo = userinfo_with (pim_token_response_get_access_token (tokens), NULL, mode, &error);
  g_assert_null (userinfo);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_TOKEN);
  g_clear_error (&error);
  /* ...nor with a proof of another key. */
  userinfo = userinfo_with (pim_token_response_get_access_token (tokens), other, mode, &error);
  g_assert_null (userinfo);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_TOKEN);
  g_clear_error (&error);
  /* A stale nonce at UserInfo: 401 use_dpop_nonce, retried once. */
  {
    g_autofree char *me = endpoint ("/me");

    pim_dpop_key_set_nonce (key, me, "made-up-nonce");
    userinfo = userinfo_with (pim_token_response_get_access_token (tokens), key, mode, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (pim_userinfo_response_get_subject (userinfo), ==, PIM_TEST_LOGIN_DEFAULT_USER);
  }

  /* Refresh: the DPoP-bound client needs a proof. */
  refresh = pim_refresh_token_request_new (token_uri, PIM_TEST_CLIENT_DPOP_ID,
                                           pim_token_response_get_refresh_token (tokens));
  g_object_set (refresh, "client-secret", PIM_TEST_CLIENT_DPOP_SECRET, NULL);
  refreshed = pim_test_request_token (PIM_TOKEN_REQUEST (refresh), NULL, mode, &error);
  g_assert_null (refreshed);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_GRANT);
  g_clear_error (&error);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (refresh));
  g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, 400);
  g_object_set (refresh, "dpop-key", key, NULL);
  refreshed = pim_test_request_token (PIM_TOKEN_REQUEST (refresh), NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_token_type (refreshed), ==, "DPoP");
}

/* Device flow with a public client: the refresh token is bound to the key
 * too, and refused with a proof of another key. */
static void
test_device_flow (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate ("EdDSA", &error);
  g_autoptr (PimDPoPKey) other = pim_dpop_key_new_generate (NULL, &error);
  g_autofree char *device_uri = endpoint ("/device/auth");
  g_autofree char *token_uri = endpoint ("/token");
  g_autoptr (PimDeviceAuthorizationRequest) authorization_request =
      pim_device_authorization_request_new (device_uri, PIM_TEST_CLIENT_DEVICE_ID);
  g_autoptr (PimDeviceAuthorizationResponse) authorization = NULL;
  g_autoptr (PimDeviceTokenRequest) request = NULL;
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (PimTokenResponse) refreshed = NULL;
  g_autoptr (PimRefreshTokenRequest) refresh = NULL;
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer (), NULL);
  g_autoptr (PimUserInfoResponse) userinfo = NULL;

  g_assert_no_error (error);
  pim_device_authorization_request_set_scope (authorization_request, "openid offline_access");
  authorization = pim_request_device_authorization (authorization_request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (
      pim_test_browser_verify_device (browser,
                                      pim_device_authorization_response_get_verification_uri (
                                          authorization),
                                      pim_device_authorization_response_get_user_code (
                                          authorization),
                                      &error));
  g_assert_no_error (error);

  request = pim_device_token_request_new (token_uri, PIM_TEST_CLIENT_DEVICE_ID,
                                          pim_device_authorization_response_get_device_code (
                                              authorization));
  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (request), key);
  tokens = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_token_type (tokens), ==, "DPoP");
  g_assert_nonnull (pim_token_response_get_refresh_token (tokens));
  userinfo = userinfo_with (pim_token_response_get_access_token (tokens), key, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_userinfo_response_get_subject (userinfo), ==, PIM_TEST_LOGIN_DEFAULT_USER);

  refresh = pim_refresh_token_request_new (token_uri, PIM_TEST_CLIENT_DEVICE_ID,
                                           pim_token_response_get_refresh_token (tokens));
  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (refresh), other);
  refreshed = pim_test_request_token (PIM_TOKEN_REQUEST (refresh), NULL, mode, &error);
  g_assert_null (refreshed);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_GRANT);
  g_clear_error (&error);
  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (refresh), key);
  refreshed = pim_test_request_token (PIM_TOKEN_REQUEST (refresh), NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_token_type (refreshed), ==, "DPoP");
}

/* A caller's own resource request: a raw SoupMessage to UserInfo. */
static GBytes *
send_message (SoupSession *session, SoupMessage *msg, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return soup_session_send_and_read (session, msg, NULL, error);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, pim_test_store_result,
                                    &result);
  pim_test_wait_result (&result);
  return soup_session_send_and_read_finish (session, result, error);
}

static void
test_sign_message (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *me = endpoint ("/me");
  g_autofree char *code = authorize (PIM_TEST_CLIENT_DPOP_ID, "openid", NULL);
  g_autofree char *token_uri = endpoint ("/token");
  g_autoptr (PimAuthorizationCodeTokenRequest) code_request =
      pim_authorization_code_token_request_new (token_uri, PIM_TEST_CLIENT_DPOP_ID, code,
                                                PIM_TEST_REDIRECT_URI, NULL);
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonNode) node = NULL;
  const char *access_token;

  g_assert_no_error (error);
  g_object_set (code_request, "client-secret", PIM_TEST_CLIENT_DPOP_SECRET, "dpop-key", key, NULL);
  tokens = pim_test_request_token (PIM_TOKEN_REQUEST (code_request), NULL, mode, &error);
  g_assert_no_error (error);
  access_token = pim_token_response_get_access_token (tokens);

  /* A stale nonce: the provider says use_dpop_nonce, with a new one. */
  pim_dpop_key_set_nonce (key, me, "made-up-nonce");
  msg = soup_message_new ("GET", me);
  g_assert_true (pim_dpop_key_sign_message (key, msg, access_token, &error));
  g_assert_no_error (error);
  g_assert_true (
      g_str_has_prefix (soup_message_headers_get_one (soup_message_get_request_headers (msg),
                                                      "Authorization"),
                        "DPoP "));
  body = send_message (session, msg, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  g_assert_true (pim_dpop_key_remember_nonce (key, msg));
  g_clear_object (&msg);
  g_clear_pointer (&body, g_bytes_unref);

  /* Once more, as documented. */
  msg = soup_message_new ("GET", me);
  g_assert_true (pim_dpop_key_sign_message (key, msg, access_token, &error));
  body = send_message (session, msg, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_false (pim_dpop_key_remember_nonce (key, msg));
  node = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "sub"), ==,
                   PIM_TEST_LOGIN_DEFAULT_USER);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  pim_test_add_both ("/oauth-dpop/provider", "client-credentials", test_client_credentials);
  pim_test_add_both ("/oauth-dpop/provider", "nonce-retry", test_nonce_retry);
  pim_test_add_both ("/oauth-dpop/provider", "code-flow", test_code_flow);
  pim_test_add_both ("/oauth-dpop/provider", "device-flow", test_device_flow);
  pim_test_add_both ("/oauth-dpop/provider", "sign-message", test_sign_message);

  return g_test_run ();
}
