/* oauth-endpoints-test.c: token introspection (RFC 7662), revocation (RFC
 * 7009) and UserInfo (OpenID Connect Core §5.3) against the real local
 * provider, and what a server may answer wrongly, against the fault server
 * and a small server of this file's own for WWW-Authenticate; sync and
 * async
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-oauth-private.h"
#include "pim-test-async.h"
#include "pim-test-login.h"
#include "pim-test-provider.h"
#include "pim-test-server.h"

/* Registered for pim-basic and pim-userinfo-jwt on any port; nothing
 * listens there, and the login helper never follows the final redirect. */
#define REDIRECT_URI "http://127.0.0.1:45679" PIM_TEST_REDIRECT_PATH
#define LOGIN        "carol"

/* The client whose UserInfo answers are ES256 JWTs (provider.mjs). */
#define USERINFO_JWT_ID     PIM_TEST_CLIENT_USERINFO_JWT_ID
#define USERINFO_JWT_SECRET PIM_TEST_CLIENT_USERINFO_JWT_SECRET

/* A token that only this file's servers see. */
#define FAKE_TOKEN "pim-test-access-token"

/* ---- Helpers ---- */

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

/* A client_credentials access token of @client_id for @resource. */
static char *
client_token (const char *client_id, const char *secret, const char *resource)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) response =
      pim_test_token_request (issuer (), client_id, secret, &error, "grant_type",
                              "client_credentials", "resource", resource, "scope",
                              PIM_TEST_SCOPE_API_READ, NULL);

  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (response, "access_token"));
}

static char *
opaque_token (void)
{
  return client_token (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET,
                       PIM_TEST_RESOURCE_OPAQUE);
}

static PimIntrospectionResponse *
introspect (PimIntrospectionRequest *request, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_introspect_token (request, NULL, NULL, error);
  pim_introspect_token_async (request, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_introspect_token_finish (result, error);
}

static gboolean
do_revoke (PimRevocationRequest *request, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_revoke_token (request, NULL, NULL, error);
  pim_revoke_token_async (request, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_revoke_token_finish (result, error);
}

/* An introspection request of pim-introspect, which may ask about any
 * client's tokens, at the provider's endpoint. */
static PimIntrospectionRequest *
introspector_request (const char *token)
{
  g_autofree char         *address = endpoint ("/token/introspection");
  PimIntrospectionRequest *request =
      pim_introspection_request_new (address, PIM_TEST_CLIENT_INTROSPECT_ID,
                                     PIM_TEST_CLIENT_INTROSPECT_SECRET);

  pim_introspection_request_set_token (request, token);
  return request;
}

/* Whether the provider still takes @token, as pim-introspect sees it. */
static gboolean
is_active (const char *token)
{
  g_autoptr (PimIntrospectionRequest) request = introspector_request (token);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimIntrospectionResponse) response = introspect (request, PIM_TEST_SYNC, &error);

  g_assert_no_error (error);
  return pim_introspection_response_get_active (response);
}

/* The refusal kept on @request: @error_string (NULL: none) and @status. */
static void
assert_error_response (PimOAuthRequest *request, const char *error_string, guint status)
{
  g_autoptr (PimOAuthErrorResponse) details = pim_oauth_request_get_error_response (request);

  g_assert_nonnull (details);
  g_assert_cmpstr (pim_oauth_error_response_get_error (details), ==, error_string);
  g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, status);
}

static void
assert_no_token_in (const GError *error, const char *token)
{
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, token));
}

/* ---- Introspection against the provider ---- */

static void
assert_active_opaque (PimIntrospectionResponse *response)
{
  const char *const *audiences = pim_introspection_response_get_audiences (response);
  gint64             exp = 0;

  g_assert_true (pim_introspection_response_get_active (response));
  g_assert_cmpstr (pim_introspection_response_get_scope (response), ==, PIM_TEST_SCOPE_API_READ);
  g_assert_cmpstr (pim_introspection_response_get_client_id (response), ==,
                   PIM_TEST_CLIENT_BASIC_ID);
  g_assert_cmpstr (pim_introspection_response_get_token_type (response), ==, "Bearer");
  g_assert_cmpstr (pim_introspection_response_get_issuer (response), ==, issuer ());
  g_assert_cmpstrv (audiences, ((const char *const[]){ PIM_TEST_RESOURCE_OPAQUE, NULL }));
  g_assert_cmpint (pim_introspection_response_get_expiration (response) -
                       pim_introspection_response_get_issued_at (response),
                   ==, 3600);
  g_assert_cmpint (pim_introspection_response_get_issued_at (response), <=,
                   g_get_real_time () / G_USEC_PER_SEC + 1);
  g_assert_cmpint (pim_introspection_response_get_issued_at (response), >,
                   g_get_real_time () / G_USEC_PER_SEC - 60);
  /* A client credentials token: no user, no nbf. */
  g_assert_null (pim_introspection_response_get_subject (response));
  g_assert_null (pim_introspection_response_get_username (response));
  g_assert_cmpint (pim_introspection_response_get_not_before (response), ==, 0);
  g_assert_true (pim_introspection_response_get_int (response, "exp", &exp));
  g_assert_cmpint (exp, ==, pim_introspection_response_get_expiration (response));
  g_assert_cmpstr (pim_introspection_response_get_string (response, "client_id"), ==,
                   PIM_TEST_CLIENT_BASIC_ID);
  g_assert_false (pim_introspection_response_get_int (response, "scope", NULL));
}

static void
test_introspect_active (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *token = opaque_token ();
  g_autoptr (PimIntrospectionRequest) request = introspector_request (token);
  g_autoptr (PimIntrospectionResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  response = introspect (request, mode, &error);
  g_assert_no_error (error);
  assert_active_opaque (response);
  g_assert_null (pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request)));

  /* The client that holds the token may ask too. */
  g_clear_object (&request);
  g_clear_object (&response);
  request =
      pim_introspection_request_new (NULL, PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET);
  g_object_set (request, "issuer", issuer (), "token", token, NULL);
  /* The endpoint from discovery this time. */
  response = introspect (request, mode, &error);
  g_assert_no_error (error);
  assert_active_opaque (response);
}

/* A wrong hint is only a hint (RFC 7662 §2.1). */
static void
test_introspect_wrong_hint (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *token = opaque_token ();
  g_autoptr (PimIntrospectionRequest) request = introspector_request (token);
  g_autoptr (PimIntrospectionResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  pim_introspection_request_set_token_type_hint (request, "refresh_token");
  g_assert_cmpstr (pim_introspection_request_get_token_type_hint (request), ==, "refresh_token");
  response = introspect (request, mode, &error);
  g_assert_no_error (error);
  assert_active_opaque (response);
}

static void
assert_inactive (PimIntrospectionResponse *response)
{
  g_assert_false (pim_introspection_response_get_active (response));
  g_assert_null (pim_introspection_response_get_scope (response));
  g_assert_null (pim_introspection_response_get_client_id (response));
  g_assert_null (pim_introspection_response_get_token_type (response));
  g_assert_null (pim_introspection_response_get_audiences (response));
  g_assert_null (pim_introspection_response_get_issuer (response));
  g_assert_cmpint (pim_introspection_response_get_expiration (response), ==, 0);
  g_assert_cmpint (pim_introspection_response_get_issued_at (response), ==, 0);
  g_assert_null (pim_introspection_response_get_string (response, "client_id"));
  g_assert_false (pim_introspection_response_get_int (response, "exp", NULL));
}

static void
test_introspect_inactive (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *token = opaque_token ();
  g_autoptr (PimIntrospectionRequest) request = introspector_request ("not-a-token-at-all");
  g_autoptr (PimIntrospectionResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  response = introspect (request, mode, &error);
  g_assert_no_error (error);
  assert_inactive (response);
  /* The provider says nothing more (RFC 7662 §2.2). */
  g_assert_cmpuint (json_object_get_size (pim_introspection_response_get_json (response)), ==, 1);

  /* Another client may not learn about pim-basic's token: inactive too. */
  g_clear_object (&request);
  g_clear_object (&response);
  request =
      pim_introspection_request_new (NULL, PIM_TEST_CLIENT_POST_ID, PIM_TEST_CLIENT_POST_SECRET);
  g_object_set (request, "issuer", issuer (), "token", token, "client-auth-method",
                PIM_CLIENT_AUTH_CLIENT_SECRET_POST, NULL);
  response = introspect (request, mode, &error);
  g_assert_no_error (error);
  assert_inactive (response);
  /* …while it is active for pim-introspect. */
  g_assert_true (is_active (token));
}

/* The provider's JWT access tokens cannot be introspected. */
static void
test_introspect_jwt (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *token =
      client_token (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET, PIM_TEST_RESOURCE_JWT);
  g_autoptr (PimIntrospectionRequest) request = introspector_request (token);
  g_autoptr (PimIntrospectionResponse) response = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;
  g_autoptr (GError) error = NULL;

  response = introspect (request, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_UNSUPPORTED_TOKEN_TYPE);
  assert_no_token_in (error, token);
  assert_error_response (PIM_OAUTH_REQUEST (request), "unsupported_token_type", 400);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  g_assert_true (
      g_str_has_suffix (pim_oauth_error_response_get_endpoint (details), "/token/introspection"));
}

static void
test_introspect_invalid_client (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *token = opaque_token ();
  g_autofree char *address = endpoint ("/token/introspection");
  g_autoptr (PimIntrospectionRequest) request =
      pim_introspection_request_new (address, PIM_TEST_CLIENT_INTROSPECT_ID, "wrong-secret");
  g_autoptr (PimIntrospectionResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  pim_introspection_request_set_token (request, token);
  response = introspect (request, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
  assert_no_token_in (error, token);
  assert_no_token_in (error, "wrong-secret");
  assert_error_response (PIM_OAUTH_REQUEST (request), "invalid_client", 401);
}

/* Nothing is sent without a token. */
static void
test_introspect_no_token (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autofree char *address = pim_test_server_get_uri (server, "/ok");
  g_autoptr (PimIntrospectionRequest) request =
      pim_introspection_request_new (address, "client", "secret");
  g_autoptr (PimIntrospectionResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  response = introspect (request, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  pim_introspection_request_set_token (request, "");
  response = introspect (request, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (pim_test_server_get_hits (server, "/ok"), ==, 0);
}

/* ---- Revocation against the provider ---- */

static PimRevocationRequest *
revocation_request (const char *client_id, const char *secret, const char *token)
{
  g_autofree char      *address = endpoint ("/token/revocation");
  PimRevocationRequest *request = pim_revocation_request_new (address, client_id, secret);

  pim_revocation_request_set_token (request, token);
  return request;
}

/* pim-basic revokes its own token; introspection then finds it inactive. */
static void
test_revoke_own (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *token = opaque_token ();
  g_autofree char *other = opaque_token ();
  g_autoptr (PimRevocationRequest) request =
      revocation_request (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET, token);
  g_autoptr (GError) error = NULL;

  g_assert_true (is_active (token));
  pim_revocation_request_set_token_type_hint (request, "access_token");
  g_assert_true (do_revoke (request, mode, &error));
  g_assert_no_error (error);
  g_assert_null (pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request)));
  g_assert_false (is_active (token));
  /* Only that token. */
  g_assert_true (is_active (other));

  /* Revoking it again is still success (RFC 7009 §2.2). */
  g_assert_true (do_revoke (request, mode, &error));
  g_assert_no_error (error);
}

/* pim-introspect revokes another client's token, found by discovery,
 * with a wrong hint. */
static void
test_revoke_by_introspector (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *token = opaque_token ();
  g_autoptr (PimRevocationRequest) request =
      pim_revocation_request_new (NULL, PIM_TEST_CLIENT_INTROSPECT_ID,
                                  PIM_TEST_CLIENT_INTROSPECT_SECRET);
  g_autoptr (GError) error = NULL;

  g_object_set (request, "issuer", issuer (), "token", token, "token-type-hint", "refresh_token",
                NULL);
  g_assert_true (do_revoke (request, mode, &error));
  g_assert_no_error (error);
  g_assert_false (is_active (token));
}

/* An unknown token: 200 (RFC 7009 §2.2), so success. */
static void
test_revoke_unknown (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimRevocationRequest) request =
      revocation_request (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET,
                          "never-issued-token");
  g_autoptr (GError) error = NULL;

  g_assert_true (do_revoke (request, mode, &error));
  g_assert_no_error (error);
}

static void
test_revoke_jwt (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *token =
      client_token (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET, PIM_TEST_RESOURCE_JWT);
  g_autoptr (PimRevocationRequest) request =
      revocation_request (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET, token);
  g_autoptr (GError) error = NULL;

  g_assert_false (do_revoke (request, mode, &error));
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_UNSUPPORTED_TOKEN_TYPE);
  assert_no_token_in (error, token);
  assert_error_response (PIM_OAUTH_REQUEST (request), "unsupported_token_type", 400);
}

static void
test_revoke_invalid_client (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *token = opaque_token ();
  g_autoptr (PimRevocationRequest) request =
      revocation_request (PIM_TEST_CLIENT_BASIC_ID, "not-the-secret", token);
  g_autoptr (GError) error = NULL;

  g_assert_false (do_revoke (request, mode, &error));
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
  assert_error_response (PIM_OAUTH_REQUEST (request), "invalid_client", 401);
  /* The token was not revoked. */
  g_assert_true (is_active (token));
}

/* ---- UserInfo against the provider ---- */

typedef struct
{
  char *access_token;
  char *subject; /* of the validated ID token */
} Login;

static void
login_clear (Login *login)
{
  g_free (login->access_token);
  g_free (login->subject);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Login, login_clear)

/* Signs in as LOGIN with the code flow, scope "openid profile email" and
 * no resource: the access token is for UserInfo. */
static void
login (const char *client_id, const char *secret, Login *out)
{
  g_autofree char *state = g_uuid_string_random ();
  g_autofree char *nonce = g_uuid_string_random ();
  g_autofree char *url =
      pim_test_login_authorize_url (issuer (), "client_id", client_id, "response_type", "code",
                                    "redirect_uri", REDIRECT_URI, "scope", "openid profile email",
                                    "state", state, "nonce", nonce, NULL);
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer (), LOGIN);
  g_autoptr (GError) error = NULL;
  g_autoptr (GUri) redirect = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (JsonObject) tokens = NULL;
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autoptr (PimClaims) claims = NULL;

  redirect = pim_test_browser_authorize (browser, url, &error);
  g_assert_no_error (error);
  params = pim_test_login_response_params (redirect);
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, state);
  g_assert_nonnull (g_hash_table_lookup (params, "code"));
  tokens =
      pim_test_exchange_code (issuer (), client_id, secret, g_hash_table_lookup (params, "code"),
                              REDIRECT_URI, NULL, &error);
  g_assert_no_error (error);

  p = pim_token_validation_parameters_new (issuer (), client_id);
  g_object_set (p, "nonce", nonce, NULL);
  claims = pim_validate_token (json_object_get_string_member (tokens, "id_token"), p, NULL, NULL,
                               &error);
  g_assert_no_error (error);
  out->access_token = g_strdup (json_object_get_string_member (tokens, "access_token"));
  out->subject = g_strdup (pim_claims_get_subject (claims));
  g_assert_cmpstr (out->subject, ==, LOGIN);
}

static void
assert_userinfo_of_login (PimUserInfoResponse *info)
{
  g_assert_cmpstr (pim_userinfo_response_get_subject (info), ==, LOGIN);
  g_assert_cmpstr (pim_userinfo_response_get_name (info), ==, "Test User " LOGIN);
  g_assert_cmpstr (pim_userinfo_response_get_preferred_username (info), ==, LOGIN);
  g_assert_cmpstr (pim_userinfo_response_get_email (info), ==, LOGIN "@example.test");
  g_assert_true (pim_userinfo_response_get_email_verified (info));
  /* Claims the provider does not have. */
  g_assert_null (pim_userinfo_response_get_given_name (info));
  g_assert_null (pim_userinfo_response_get_phone_number (info));
  g_assert_false (pim_userinfo_response_get_phone_number_verified (info));
  g_assert_null (pim_userinfo_response_get_address (info));
  g_assert_cmpint (pim_userinfo_response_get_updated_at (info), ==, 0);
}

static void
test_userinfo (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_auto (Login) l = { 0 };
  g_autofree char *address = NULL;
  g_autoptr (PimUserInfoRequest) request = NULL;
  g_autoptr (PimUserInfoResponse) info = NULL;
  g_autoptr (GError) error = NULL;
  gboolean verified = FALSE;

  login (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET, &l);

  /* GET, the endpoint given. */
  address = endpoint ("/me");
  request = pim_userinfo_request_new (address, l.access_token);
  pim_userinfo_request_set_expected_subject (request, l.subject);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_no_error (error);
  assert_userinfo_of_login (info);
  g_assert_null (pim_userinfo_response_get_claims (info));
  g_assert_cmpstr (pim_userinfo_response_get_string (info, "email"), ==, LOGIN "@example.test");
  g_assert_true (pim_userinfo_response_get_boolean (info, "email_verified", &verified));
  g_assert_true (verified);
  g_assert_false (pim_userinfo_response_get_boolean (info, "email", NULL));

  /* POST (§5.3.1), the endpoint discovered. */
  g_clear_object (&request);
  g_clear_object (&info);
  request = g_object_new (PIM_TYPE_USERINFO_REQUEST, "issuer", issuer (), "access-token",
                          l.access_token, "use-post", TRUE, "expected-subject", l.subject, NULL);
  g_assert_true (pim_userinfo_request_get_use_post (request));
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_no_error (error);
  assert_userinfo_of_login (info);

  /* Without an expected subject nothing is compared. */
  g_clear_object (&info);
  pim_userinfo_request_set_expected_subject (request, NULL);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_userinfo_response_get_subject (info), ==, l.subject);
}

/* OpenID Connect Core §5.3.4: another subject than the ID token's. */
static void
test_userinfo_subject_mismatch (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_auto (Login) l = { 0 };
  g_autofree char *address = endpoint ("/me");
  g_autoptr (PimUserInfoRequest) request = NULL;
  g_autoptr (PimUserInfoResponse) info = NULL;
  g_autoptr (GError) error = NULL;

  login (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET, &l);
  request = pim_userinfo_request_new (address, l.access_token);
  for (gsize i = 0; i < 2; i++)
    {
      pim_userinfo_request_set_use_post (request, i == 1);
      pim_userinfo_request_set_expected_subject (request, "mallory");
      info = pim_test_get_userinfo (request, NULL, mode, &error);
      g_assert_null (info);
      g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_SUBJECT_MISMATCH);
      g_assert_null (strstr (error->message, LOGIN));
      g_clear_error (&error);
      /* A prefix is not a match. */
      pim_userinfo_request_set_expected_subject (request, LOGIN "x");
      info = pim_test_get_userinfo (request, NULL, mode, &error);
      g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_SUBJECT_MISMATCH);
      g_clear_error (&error);
    }
}

/* The provider refuses a token it does not know: 401, invalid_token. */
static void
test_userinfo_invalid_token (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *address = endpoint ("/me");
  g_autoptr (PimUserInfoRequest) request = pim_userinfo_request_new (address, FAKE_TOKEN);
  g_autoptr (PimUserInfoResponse) info = NULL;
  g_autoptr (GError) error = NULL;

  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_null (info);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_TOKEN);
  assert_no_token_in (error, FAKE_TOKEN);
  assert_error_response (PIM_OAUTH_REQUEST (request), "invalid_token", 401);

  /* A client credentials token is for a resource, not for UserInfo. */
  g_clear_error (&error);
  {
    g_autofree char *token = opaque_token ();

    pim_userinfo_request_set_access_token (request, token);
    info = pim_test_get_userinfo (request, NULL, mode, &error);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_TOKEN);
    assert_no_token_in (error, token);
  }
}

/* Signed UserInfo (jwtUserinfo): validated, iss the issuer, aud the client. */
static void
test_userinfo_jwt (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_auto (Login) l = { 0 };
  g_autofree char *address = endpoint ("/me");
  g_autoptr (PimUserInfoRequest) request = NULL;
  g_autoptr (PimUserInfoResponse) info = NULL;
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) audiences = NULL;
  PimClaims *claims;

  login (USERINFO_JWT_ID, USERINFO_JWT_SECRET, &l);

  /* No parameters: the request's issuer and client id. */
  request = g_object_new (PIM_TYPE_USERINFO_REQUEST, "address", address, "issuer", issuer (),
                          "client-id", USERINFO_JWT_ID, "access-token", l.access_token,
                          "expected-subject", l.subject, NULL);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_no_error (error);
  assert_userinfo_of_login (info);
  claims = pim_userinfo_response_get_claims (info);
  g_assert_nonnull (claims);
  g_assert_cmpstr (pim_jws_get_algorithm (pim_jwt_get_jws (pim_claims_get_jwt (claims))), ==,
                   "ES256");
  g_assert_cmpstr (pim_claims_get_issuer (claims), ==, issuer ());
  audiences = pim_claims_dup_audiences (claims);
  g_assert_cmpstrv (audiences, ((const char *const[]){ USERINFO_JWT_ID, NULL }));
  g_assert_true (pim_userinfo_response_get_json (info) == pim_claims_get_json (claims));
  /* The provider's UserInfo JWTs do carry exp and iat. */
  g_assert_cmpint (pim_claims_get_expiration (claims), >, pim_claims_get_issued_at (claims));

  /* The POST form too. */
  g_clear_object (&info);
  pim_userinfo_request_set_use_post (request, TRUE);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pim_userinfo_response_get_claims (info));

  /* Parameters of the caller's, used as given (defaults: exp and iat
   * required, which these JWTs have). */
  g_clear_object (&info);
  p = pim_token_validation_parameters_new (issuer (), USERINFO_JWT_ID);
  pim_userinfo_request_set_validation_parameters (request, p);
  g_assert_true (pim_userinfo_request_get_validation_parameters (request) == p);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_userinfo_response_get_subject (info), ==, LOGIN);

  /* Another client's audience, another issuer: refused. */
  g_clear_object (&info);
  g_object_set (p, "audiences", (const char *const[]){ PIM_TEST_CLIENT_BASIC_ID, NULL }, NULL);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_null (info);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH);
  g_clear_error (&error);
  g_object_set (p, "audiences", (const char *const[]){ USERINFO_JWT_ID, NULL }, "issuer",
                "http://127.0.0.1:9", NULL);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_null (info);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_ISSUER_MISMATCH);
  g_clear_error (&error);

  /* A subject mismatch is found after validation too. */
  pim_userinfo_request_set_validation_parameters (request, NULL);
  pim_userinfo_request_set_expected_subject (request, "mallory");
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_SUBJECT_MISMATCH);
  g_clear_error (&error);

  /* Nothing to validate with: no parameters, no issuer. */
  pim_userinfo_request_set_expected_subject (request, NULL);
  pim_oauth_request_set_issuer (PIM_OAUTH_REQUEST (request), NULL);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_null (info);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

/* ---- Faults: the in-process fault server ---- */

static PimIntrospectionRequest *
fault_introspection (PimTestServer *server, const char *path)
{
  g_autofree char         *address = pim_test_server_get_uri (server, path);
  PimIntrospectionRequest *request = pim_introspection_request_new (address, "rs", "rs-secret");

  pim_introspection_request_set_token (request, FAKE_TOKEN);
  return request;
}

static void
assert_introspection_invalid (PimTestServer *server, const char *body, PimTestMode mode)
{
  g_autoptr (PimIntrospectionRequest) request = NULL;
  g_autoptr (PimIntrospectionResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  pim_test_server_set_document (server, "/introspect", 200, "application/json", body);
  request = fault_introspection (server, "/introspect");
  response = introspect (request, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
  /* A 2xx answer: no error response. */
  g_assert_null (pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request)));
}

static void
test_fault_introspection (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autoptr (PimIntrospectionRequest) request = NULL;
  g_autoptr (PimIntrospectionResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  const char *const *audiences;
  gint64             value = 0;

  /* Junk, and answers without a boolean "active". */
  request = fault_introspection (server, "/garbage");
  response = introspect (request, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  g_clear_object (&request);
  request = fault_introspection (server, "/html");
  response = introspect (request, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  assert_introspection_invalid (server, "[true]", mode);
  assert_introspection_invalid (server, "{\"scope\":\"api:read\"}", mode);
  assert_introspection_invalid (server, "{\"active\":\"true\"}", mode);
  assert_introspection_invalid (server, "{\"active\":1}", mode);
  assert_introspection_invalid (server, "{\"active\":null}", mode);
  /* Members of the wrong type in an active answer. */
  assert_introspection_invalid (server, "{\"active\":true,\"exp\":\"soon\"}", mode);
  assert_introspection_invalid (server, "{\"active\":true,\"iat\":-5}", mode);
  assert_introspection_invalid (server, "{\"active\":true,\"scope\":[\"a\"]}", mode);
  assert_introspection_invalid (server, "{\"active\":true,\"aud\":[\"a\",1]}", mode);
  assert_introspection_invalid (server, "{\"active\":true,\"aud\":{}}", mode);
  assert_introspection_invalid (server, "{\"active\":true,\"sub\":7}", mode);

  /* Nothing of an inactive token is read, whatever was sent. */
  g_clear_object (&request);
  pim_test_server_set_document (server, "/introspect", 200, "application/json",
                                "{\"active\":false,\"scope\":\"leak\",\"client_id\":\"c\",\"exp\":"
                                "\"bad\",\"n\":1}");
  request = fault_introspection (server, "/introspect");
  response = introspect (request, mode, &error);
  g_assert_no_error (error);
  assert_inactive (response);
  g_assert_false (pim_introspection_response_get_int (response, "n", NULL));
  g_assert_cmpuint (json_object_get_size (pim_introspection_response_get_json (response)), ==, 5);

  /* Every standard member, aud as one string, a fractional exp, and an
   * extension's members. */
  g_clear_object (&response);
  pim_test_server_set_document (
      server, "/introspect", 200, "application/json; charset=utf-8",
      "{\"active\":true,\"scope\":\"a b\",\"client_id\":\"c\",\"username\":\"u\","
      "\"token_type\":\"DPoP\",\"exp\":1800000000.75,\"iat\":1700000000,\"nbf\":1700000001,"
      "\"sub\":\"s\",\"aud\":\"https://api.example\",\"iss\":\"https://op.example\","
      "\"jti\":\"j\",\"ext\":\"v\",\"n\":42,\"cnf\":{\"jkt\":\"x\"}}");
  response = introspect (request, mode, &error);
  g_assert_no_error (error);
  g_assert_true (pim_introspection_response_get_active (response));
  g_assert_cmpstr (pim_introspection_response_get_scope (response), ==, "a b");
  g_assert_cmpstr (pim_introspection_response_get_client_id (response), ==, "c");
  g_assert_cmpstr (pim_introspection_response_get_username (response), ==, "u");
  g_assert_cmpstr (pim_introspection_response_get_token_type (response), ==, "DPoP");
  g_assert_cmpint (pim_introspection_response_get_expiration (response), ==, 1800000000);
  g_assert_cmpint (pim_introspection_response_get_issued_at (response), ==, 1700000000);
  g_assert_cmpint (pim_introspection_response_get_not_before (response), ==, 1700000001);
  g_assert_cmpstr (pim_introspection_response_get_subject (response), ==, "s");
  audiences = pim_introspection_response_get_audiences (response);
  g_assert_cmpstrv (audiences, ((const char *const[]){ "https://api.example", NULL }));
  g_assert_cmpstr (pim_introspection_response_get_issuer (response), ==, "https://op.example");
  g_assert_cmpstr (pim_introspection_response_get_jwt_id (response), ==, "j");
  g_assert_cmpstr (pim_introspection_response_get_string (response, "ext"), ==, "v");
  g_assert_null (pim_introspection_response_get_string (response, "n"));
  g_assert_true (pim_introspection_response_get_int (response, "n", &value));
  g_assert_cmpint (value, ==, 42);
  g_assert_false (pim_introspection_response_get_int (response, "exp", NULL)); /* a double */
  g_assert_true (json_object_has_member (pim_introspection_response_get_json (response), "cnf"));

  /* A refusal: typed, with its status. */
  g_clear_object (&response);
  pim_test_server_set_document (server, "/introspect", 401, "application/json",
                                "{\"error\":\"invalid_client\",\"error_uri\":\"https://e/x\"}");
  response = introspect (request, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
  assert_error_response (PIM_OAUTH_REQUEST (request), "invalid_client", 401);
  {
    g_autoptr (PimOAuthErrorResponse) details =
        pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));

    g_assert_cmpstr (pim_oauth_error_response_get_error_uri (details), ==, "https://e/x");
  }
}

static PimRevocationRequest *
fault_revocation (PimTestServer *server, const char *path)
{
  g_autofree char      *address = pim_test_server_get_uri (server, path);
  PimRevocationRequest *request = pim_revocation_request_new (address, "app", "app-secret");

  pim_revocation_request_set_token (request, FAKE_TOKEN);
  return request;
}

/* Any 2xx is success, with or without a body, JSON or not. */
static void
test_fault_revocation_success (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  const struct
  {
    guint       status;
    const char *type;
    const char *body;
  } answers[] = {
    { 200, "text/plain", "" },
    { 200, "application/json", "" },
    { 200, "text/html", "<html>revoked</html>" },
    { 200, "application/json", "{not json" },
    { 202, "application/json", "{}" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr (PimRevocationRequest) request = NULL;
      g_autoptr (GError) error = NULL;

      pim_test_server_set_document (server, "/revoke", answers[i].status, answers[i].type,
                                    answers[i].body);
      request = fault_revocation (server, "/revoke");
      g_assert_true (do_revoke (request, mode, &error));
      g_assert_no_error (error);
    }
  /* 204 No Content. */
  {
    g_autoptr (PimRevocationRequest) request = fault_revocation (server, "/status/204");
    g_autoptr (GError) error = NULL;

    g_assert_true (do_revoke (request, mode, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (pim_test_server_get_hits (server, "/status/204"), ==, 1);
  }
  g_assert_cmpuint (pim_test_server_get_hits (server, "/revoke"), ==, G_N_ELEMENTS (answers));
}

static void
test_fault_revocation_errors (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autoptr (PimRevocationRequest) request = fault_revocation (server, "/revoke");
  g_autoptr (GError) error = NULL;

  pim_test_server_set_document (server, "/revoke", 400, "application/json",
                                "{\"error\":\"unsupported_token_type\",\"error_description\":\"no "
                                "such type\"}");
  g_assert_false (do_revoke (request, mode, &error));
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_UNSUPPORTED_TOKEN_TYPE);
  assert_error_response (PIM_OAUTH_REQUEST (request), "unsupported_token_type", 400);
  g_clear_error (&error);

  pim_test_server_set_document (server, "/revoke", 401, "application/json",
                                "{\"error\":\"invalid_client\"}");
  g_assert_false (do_revoke (request, mode, &error));
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
  assert_error_response (PIM_OAUTH_REQUEST (request), "invalid_client", 401);
  g_clear_error (&error);

  /* An HTML error page: an HTTP status error, the status still kept. */
  pim_test_server_set_document (server, "/revoke", 500, "text/html",
                                "<html><body>Internal error</body></html>");
  g_assert_false (do_revoke (request, mode, &error));
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_STATUS);
  assert_error_response (PIM_OAUTH_REQUEST (request), NULL, 500);
  g_clear_error (&error);

  /* A success afterwards forgets the refusal. */
  pim_test_server_set_document (server, "/revoke", 200, "text/plain", "");
  g_assert_true (do_revoke (request, mode, &error));
  g_assert_no_error (error);
  g_assert_null (pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request)));

  /* No token: nothing sent. */
  pim_revocation_request_set_token (request, NULL);
  g_assert_false (do_revoke (request, mode, &error));
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (pim_test_server_get_hits (server, "/revoke"), ==, 4);
}

/* ---- A server for what the fault server cannot do: a 401 with a
 * WWW-Authenticate challenge, and echoing the UserInfo request ---- */

static void
bearer_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody    *request_body = soup_server_message_get_request_body (msg);

  if (strcmp (path, "/challenge") == 0)
    {
      /* RFC 6750 §3: the error only in the header, no body. */
      soup_server_message_set_status (msg, 401, NULL);
      soup_message_headers_append (response_headers, "WWW-Authenticate",
                                   "Bearer realm=\"pim\", error=\"invalid_token\", "
                                   "error_description=\"The access token expired\"");
    }
  else if (strcmp (path, "/insufficient") == 0)
    {
      soup_server_message_set_status (msg, 403, NULL);
      soup_message_headers_append (response_headers, "WWW-Authenticate",
                                   "Bearer error=\"insufficient_scope\", scope=\"openid\"");
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<p>no</p>", 9);
    }
  else if (strcmp (path, "/basic") == 0)
    {
      /* Not a Bearer challenge: no OAuth error in it. */
      soup_server_message_set_status (msg, 401, NULL);
      soup_message_headers_append (response_headers, "WWW-Authenticate",
                                   "Basic realm=\"error=invalid_token\"");
    }
  else if (strcmp (path, "/garbled") == 0)
    {
      /* Server text that is not UTF-8 and holds a terminal escape: in the
       * challenge (found by tests/fuzz/fuzz-oauth-error). */
      soup_server_message_set_status (msg, 401, NULL);
      soup_message_headers_append (response_headers, "WWW-Authenticate",
                                   "Bearer error=\"invalid_token\", "
                                   "error_description=\"caf\xe9 \x1b[2J\"");
    }
  else if (strcmp (path, "/garbled-reason") == 0)
    {
      /* … and in the reason phrase, with no OAuth error to report. */
      soup_server_message_set_status (msg, 401, "No \xff\x1b[2J");
      soup_message_headers_append (response_headers, "WWW-Authenticate", "Basic realm=\"x\"");
    }
  else if (strcmp (path, "/echo") == 0)
    {
      /* A UserInfo answer describing the request it answers. */
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autoptr (GBytes) flat = NULL;
      g_autofree char *text = NULL;
      g_autofree char *body = NULL;
      const char      *type = soup_message_headers_get_one (request_headers, "Content-Type");
      const char *authorization = soup_message_headers_get_one (request_headers, "Authorization");
      const char *accept = soup_message_headers_get_one (request_headers, "Accept");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sub");
      json_builder_add_string_value (builder, "echo");
      json_builder_set_member_name (builder, "method");
      json_builder_add_string_value (builder, soup_server_message_get_method (msg));
      json_builder_set_member_name (builder, "authorization");
      json_builder_add_string_value (builder, authorization != NULL ? authorization : "");
      json_builder_set_member_name (builder, "accept");
      json_builder_add_string_value (builder, accept != NULL ? accept : "");
      json_builder_set_member_name (builder, "content_type");
      json_builder_add_string_value (builder, type != NULL ? type : "");
      json_builder_set_member_name (builder, "body_length");
      json_builder_add_int_value (builder, request_body->length);
      flat = soup_message_body_flatten (request_body);
      text = g_strndup (g_bytes_get_data (flat, NULL), g_bytes_get_size (flat));
      json_builder_set_member_name (builder, "body");
      json_builder_add_string_value (builder, text);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      body = json_to_string (root, FALSE);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                        strlen (body));
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static PimTestHandlerServer *
bearer_server_new (void)
{
  return pim_test_handler_server_new (NULL, bearer_handler, NULL);
}

static PimUserInfoRequest *
bearer_userinfo (PimTestHandlerServer *server, const char *path)
{
  g_autofree char *address = g_strconcat (pim_test_handler_server_get_base (server), path, NULL);

  return pim_userinfo_request_new (address, FAKE_TOKEN);
}

/* RFC 6750 §3: the error in a WWW-Authenticate Bearer challenge. */
static void
test_fault_userinfo_challenge (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestHandlerServer) server = bearer_server_new ();
  g_autoptr (PimUserInfoRequest) request = bearer_userinfo (server, "/challenge");
  g_autoptr (PimUserInfoResponse) info = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;
  g_autoptr (GError) error = NULL;

  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_null (info);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_TOKEN);
  assert_no_token_in (error, FAKE_TOKEN);
  assert_error_response (PIM_OAUTH_REQUEST (request), "invalid_token", 401);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  g_assert_cmpstr (pim_oauth_error_response_get_error_description (details), ==,
                   "The access token expired");
  g_assert_null (pim_oauth_error_response_get_json (details));
  g_clear_error (&error);

  /* The same with POST. */
  pim_userinfo_request_set_use_post (request, TRUE);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_TOKEN);
  g_clear_error (&error);

  /* insufficient_scope with a 403 and an HTML body. */
  g_clear_object (&request);
  request = bearer_userinfo (server, "/insufficient");
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INSUFFICIENT_SCOPE);
  assert_error_response (PIM_OAUTH_REQUEST (request), "insufficient_scope", 403);
  g_clear_error (&error);

  /* A Basic challenge carries no OAuth error. */
  g_clear_object (&request);
  request = bearer_userinfo (server, "/basic");
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_STATUS);
  assert_error_response (PIM_OAUTH_REQUEST (request), NULL, 401);
}

/* What a server says goes into error messages and error details as valid
 * UTF-8, and into messages without control characters, whatever bytes it
 * sent (headers and reason phrases are not UTF-8 by rule, and libsoup
 * passes them on as they are). */
static void
test_fault_garbled_text (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestHandlerServer) server = bearer_server_new ();
  g_autoptr (PimUserInfoRequest) request = bearer_userinfo (server, "/garbled");
  g_autoptr (PimUserInfoResponse) info = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;
  g_autoptr (GError) error = NULL;

  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_TOKEN);
  g_assert_true (g_str_has_suffix (error->message, ": invalid_token (caf??? ?[2J)"));
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  g_assert_cmpstr (pim_oauth_error_response_get_error_description (details), ==,
                   "caf\xef\xbf\xbd \x1b[2J");
  g_clear_error (&error);

  g_clear_object (&request);
  request = bearer_userinfo (server, "/garbled-reason");
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_STATUS);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_true (g_str_has_suffix (error->message, " answered 401 No ??[2J"));
}

/* What is sent: GET without a body, or POST with an empty form; the token
 * in the Authorization header either way. */
static void
test_fault_userinfo_request (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestHandlerServer) server = bearer_server_new ();
  g_autoptr (PimUserInfoRequest) request = bearer_userinfo (server, "/echo");
  g_autoptr (PimUserInfoResponse) info = NULL;
  g_autoptr (GError) error = NULL;
  gint64 length = -1;

  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_userinfo_response_get_string (info, "method"), ==, "GET");
  g_assert_cmpstr (pim_userinfo_response_get_string (info, "authorization"), ==,
                   "Bearer " FAKE_TOKEN);
  g_assert_cmpstr (pim_userinfo_response_get_string (info, "accept"), ==,
                   "application/json, application/jwt");
  g_assert_true (pim_userinfo_response_get_int (info, "body_length", &length));
  g_assert_cmpint (length, ==, 0);

  g_clear_object (&info);
  pim_userinfo_request_set_use_post (request, TRUE);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_userinfo_response_get_string (info, "method"), ==, "POST");
  g_assert_cmpstr (pim_userinfo_response_get_string (info, "authorization"), ==,
                   "Bearer " FAKE_TOKEN);
  g_assert_cmpstr (pim_userinfo_response_get_string (info, "content_type"), ==,
                   "application/x-www-form-urlencoded");
  g_assert_true (pim_userinfo_response_get_int (info, "body_length", &length));
  g_assert_cmpint (length, ==, 0);

  /* Extra parameters go in the POST form… */
  g_clear_object (&info);
  pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (request), "claims_locales", "fr en");
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_userinfo_response_get_string (info, "body"), ==, "claims_locales=fr%20en");

  /* …and a GET cannot carry them. */
  g_clear_object (&info);
  pim_userinfo_request_set_use_post (request, FALSE);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_null (info);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* No access token. */
  g_clear_object (&request);
  request = bearer_userinfo (server, "/echo");
  pim_userinfo_request_set_access_token (request, NULL);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

static PimUserInfoRequest *
fault_userinfo (PimTestServer *server, const char *path)
{
  g_autofree char *address = pim_test_server_get_uri (server, path);

  return pim_userinfo_request_new (address, FAKE_TOKEN);
}

static void
assert_userinfo_invalid (PimTestServer *server, const char *body, PimTestMode mode)
{
  g_autoptr (PimUserInfoRequest) request = fault_userinfo (server, "/me");
  g_autoptr (PimUserInfoResponse) info = NULL;
  g_autoptr (GError) error = NULL;

  pim_test_server_set_document (server, "/me", 200, "application/json", body);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_null (info);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
}

static void
test_fault_userinfo_json (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autoptr (PimUserInfoRequest) request = NULL;
  g_autoptr (PimUserInfoResponse) info = NULL;
  g_autoptr (GError) error = NULL;
  gboolean value = TRUE;
  gint64   n = 0;

  /* No sub, or a sub that is not a string. */
  assert_userinfo_invalid (server, "{\"name\":\"No One\"}", mode);
  assert_userinfo_invalid (server, "{\"sub\":\"\"}", mode);
  assert_userinfo_invalid (server, "{\"sub\":42}", mode);
  assert_userinfo_invalid (server, "[{\"sub\":\"a\"}]", mode);
  assert_userinfo_invalid (server, "{\"sub\":\"a\"", mode);
  /* Standard claims of the wrong type. */
  assert_userinfo_invalid (server, "{\"sub\":\"a\",\"email\":[\"a@b\"]}", mode);
  assert_userinfo_invalid (server, "{\"sub\":\"a\",\"email_verified\":\"yes\"}", mode);
  assert_userinfo_invalid (server, "{\"sub\":\"a\",\"phone_number_verified\":1}", mode);
  assert_userinfo_invalid (server, "{\"sub\":\"a\",\"address\":\"1 Main St\"}", mode);
  assert_userinfo_invalid (server, "{\"sub\":\"a\",\"updated_at\":\"2024-01-01\"}", mode);
  /* Not JSON at all. */
  request = fault_userinfo (server, "/html");
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* Every standard claim, typed, and a provider's own. */
  g_clear_object (&request);
  pim_test_server_set_document (
      server, "/me", 200, "application/json",
      "{\"sub\":\"248289761001\",\"name\":\"Jane Doe\",\"given_name\":\"Jane\","
      "\"family_name\":\"Doe\",\"middle_name\":\"Q\",\"nickname\":\"JD\","
      "\"preferred_username\":\"j.doe\",\"profile\":\"https://p\",\"picture\":\"https://i\","
      "\"website\":\"https://w\",\"email\":\"janedoe@example.com\",\"email_verified\":\"true\","
      "\"gender\":\"female\",\"birthdate\":\"0000-10-31\",\"zoneinfo\":\"Europe/Paris\","
      "\"locale\":\"fr-FR\",\"phone_number\":\"+1 (425) 555-1212\","
      "\"phone_number_verified\":false,\"address\":{\"country\":\"FR\"},"
      "\"updated_at\":1311280970,\"groups\":[\"a\"],\"tenant\":\"t1\",\"level\":3,"
      "\"admin\":false}");
  request = fault_userinfo (server, "/me");
  pim_userinfo_request_set_expected_subject (request, "248289761001");
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_userinfo_response_get_subject (info), ==, "248289761001");
  g_assert_cmpstr (pim_userinfo_response_get_name (info), ==, "Jane Doe");
  g_assert_cmpstr (pim_userinfo_response_get_given_name (info), ==, "Jane");
  g_assert_cmpstr (pim_userinfo_response_get_family_name (info), ==, "Doe");
  g_assert_cmpstr (pim_userinfo_response_get_middle_name (info), ==, "Q");
  g_assert_cmpstr (pim_userinfo_response_get_nickname (info), ==, "JD");
  g_assert_cmpstr (pim_userinfo_response_get_preferred_username (info), ==, "j.doe");
  g_assert_cmpstr (pim_userinfo_response_get_profile (info), ==, "https://p");
  g_assert_cmpstr (pim_userinfo_response_get_picture (info), ==, "https://i");
  g_assert_cmpstr (pim_userinfo_response_get_website (info), ==, "https://w");
  g_assert_cmpstr (pim_userinfo_response_get_email (info), ==, "janedoe@example.com");
  g_assert_true (pim_userinfo_response_get_email_verified (info));
  g_assert_cmpstr (pim_userinfo_response_get_gender (info), ==, "female");
  g_assert_cmpstr (pim_userinfo_response_get_birthdate (info), ==, "0000-10-31");
  g_assert_cmpstr (pim_userinfo_response_get_zoneinfo (info), ==, "Europe/Paris");
  g_assert_cmpstr (pim_userinfo_response_get_locale (info), ==, "fr-FR");
  g_assert_cmpstr (pim_userinfo_response_get_phone_number (info), ==, "+1 (425) 555-1212");
  g_assert_false (pim_userinfo_response_get_phone_number_verified (info));
  g_assert_cmpstr (json_object_get_string_member (pim_userinfo_response_get_address (info),
                                                  "country"),
                   ==, "FR");
  g_assert_cmpint (pim_userinfo_response_get_updated_at (info), ==, 1311280970);
  g_assert_cmpstr (pim_userinfo_response_get_string (info, "tenant"), ==, "t1");
  g_assert_null (pim_userinfo_response_get_string (info, "groups"));
  g_assert_true (pim_userinfo_response_get_int (info, "level", &n));
  g_assert_cmpint (n, ==, 3);
  g_assert_true (pim_userinfo_response_get_boolean (info, "admin", &value));
  g_assert_false (value);
  g_assert_false (pim_userinfo_response_get_boolean (info, "level", NULL));
  g_assert_null (pim_userinfo_response_get_claims (info));
  g_assert_cmpuint (json_object_get_size (pim_userinfo_response_get_json (info)), ==, 24);

  /* The same answer about another subject. */
  g_clear_object (&info);
  pim_userinfo_request_set_expected_subject (request, "24828976100");
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_SUBJECT_MISMATCH);
}

/* A signed answer from the fault server, checked with a static key set:
 * the JWT has no exp and no iat, as OpenID Connect allows. */
static void
test_fault_userinfo_jwt (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) key = pim_jwk_generate ("ES256", &error);
  g_autoptr (PimJwk) other = pim_jwk_generate ("ES256", &error);
  g_autoptr (PimJwk) public_key = pim_jwk_get_public (key);
  g_autoptr (PimJwkSet) keys = pim_jwk_set_new ();
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autoptr (PimTokenValidationParameters) p =
      pim_token_validation_parameters_new ("https://op.example", "rp");
  g_autoptr (PimUserInfoRequest) request = fault_userinfo (server, "/me");
  g_autoptr (PimUserInfoResponse) info = NULL;
  g_autofree char *token = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *padded = NULL;

  g_assert_no_error (error);
  pim_jwk_set_add (keys, public_key);
  json_object_set_string_member (claims, "iss", "https://op.example");
  json_object_set_string_member (claims, "aud", "rp");
  json_object_set_string_member (claims, "sub", "bob");
  json_object_set_string_member (claims, "email", "bob@example.test");
  token = pim_jwt_sign (claims, key, NULL, NULL, &error);
  g_assert_no_error (error);
  forged = pim_jwt_sign (claims, other, NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_set (p, "key-set", keys, NULL);
  pim_userinfo_request_set_validation_parameters (request, p);

  /* Parameters are used as given: exp is required by default. */
  pim_test_server_set_document (server, "/me", 200, "application/jwt", token);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_null (info);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_MISSING_CLAIM);
  g_clear_error (&error);

  /* Relaxed by the caller, as the documentation says. */
  g_object_set (p, "require-exp", FALSE, "require-iat", FALSE, NULL);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_userinfo_response_get_subject (info), ==, "bob");
  g_assert_cmpstr (pim_userinfo_response_get_email (info), ==, "bob@example.test");
  g_assert_nonnull (pim_userinfo_response_get_claims (info));
  g_assert_cmpstr (pim_claims_get_issuer (pim_userinfo_response_get_claims (info)), ==,
                   "https://op.example");

  /* With a charset parameter and a trailing newline. */
  g_clear_object (&info);
  padded = g_strconcat (token, "\r\n", NULL);
  pim_test_server_set_document (server, "/me", 200, "application/jwt; charset=utf-8", padded);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_userinfo_response_get_subject (info), ==, "bob");

  /* Signed by another key. */
  g_clear_object (&info);
  pim_test_server_set_document (server, "/me", 200, "application/jwt", forged);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_null (info);
  g_assert_true (error != NULL && error->domain == PIM_JOSE_ERROR);
  g_clear_error (&error);

  /* Not a JWT. */
  pim_test_server_set_document (server, "/me", 200, "application/jwt", "");
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  pim_test_server_set_document (server, "/me", 200, "application/jwt", "not a jwt");
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  pim_test_server_set_document (server, "/me", 200, "application/jwt", "abc.def");
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED);
  g_clear_error (&error);

  /* A valid JWT without sub. */
  {
    g_autofree char *no_sub = NULL;

    json_object_remove_member (claims, "sub");
    no_sub = pim_jwt_sign (claims, key, NULL, NULL, &error);
    g_assert_no_error (error);
    pim_test_server_set_document (server, "/me", 200, "application/jwt", no_sub);
    info = pim_test_get_userinfo (request, NULL, mode, &error);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
    g_clear_error (&error);
  }

  /* Without parameters, issuer or client id: nothing to validate with. */
  pim_test_server_set_document (server, "/me", 200, "application/jwt", token);
  pim_userinfo_request_set_validation_parameters (request, NULL);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

int
main (int argc, char **argv)
{
  const struct
  {
    const char   *name;
    GTestDataFunc func;
  } tests[] = {
    { "introspection/active", test_introspect_active },
    { "introspection/wrong-hint", test_introspect_wrong_hint },
    { "introspection/inactive", test_introspect_inactive },
    { "introspection/jwt-unsupported", test_introspect_jwt },
    { "introspection/invalid-client", test_introspect_invalid_client },
    { "introspection/no-token", test_introspect_no_token },
    { "revocation/own", test_revoke_own },
    { "revocation/by-introspector", test_revoke_by_introspector },
    { "revocation/unknown", test_revoke_unknown },
    { "revocation/jwt-unsupported", test_revoke_jwt },
    { "revocation/invalid-client", test_revoke_invalid_client },
    { "userinfo/get-and-post", test_userinfo },
    { "userinfo/subject-mismatch", test_userinfo_subject_mismatch },
    { "userinfo/invalid-token", test_userinfo_invalid_token },
    { "userinfo/signed", test_userinfo_jwt },
    { "faults/introspection", test_fault_introspection },
    { "faults/revocation-success", test_fault_revocation_success },
    { "faults/revocation-errors", test_fault_revocation_errors },
    { "faults/userinfo-challenge", test_fault_userinfo_challenge },
    { "faults/garbled-text", test_fault_garbled_text },
    { "faults/userinfo-request", test_fault_userinfo_request },
    { "faults/userinfo-json", test_fault_userinfo_json },
    { "faults/userinfo-jwt", test_fault_userinfo_jwt },
  };

  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (tests); i++)
    pim_test_add_both ("/oauth-endpoints", tests[i].name, tests[i].func);
  return g_test_run ();
}
