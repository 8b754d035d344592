/* security-oauth-test.c: the security controls of the OAuth layer, against
 * the real local provider and the fault server: HTTP Basic encoding of
 * reserved characters, no secret in any log line or error message
 * (registration and TLS client authentication included), and `sub` in the
 * provider's own ID tokens. Sender-constrained and high-assurance controls
 * are in security-sender-test.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The structured log is captured from the start (G_MESSAGES_DEBUG=all, so
 * debug records are produced too).
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-authorization-request-private.h"
#include "pim-dpop-proof-validator-private.h"
#include "pim-oauth-private.h"
#include "pim-test-async.h"
#include "pim-test-issuer.h"
#include "pim-test-login.h"
#include "pim-test-provider.h"
#include "pim-test-server.h"
#include "security-util.h"

#define REDIRECT "http://127.0.0.1:48213" PIM_TEST_REDIRECT_PATH

static const char *
issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

/* ---- The operations, sync or async ---- */

/* A fresh login of the public native client (PKCE): its code, and the
 * request (state, nonce, verifier). */
static char *
login (PimAuthorizationRequest **out_request)
{
  g_autoptr (PimDiscoveryRequest) discovery = pim_discovery_request_new (issuer ());
  g_autoptr (PimDiscoveryDocument) document = NULL;
  g_autoptr (PimAuthorizationRequest) request = NULL;
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer (), NULL);
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (GUri) redirect = NULL;
  g_autofree char *url = NULL;
  g_autofree char *redirect_text = NULL;
  g_autoptr (GError) error = NULL;

  document = pim_get_discovery_document (discovery, NULL, NULL, &error);
  g_assert_no_error (error);
  request =
      pim_authorization_request_new_from_discovery (document, PIM_TEST_CLIENT_NATIVE_ID, REDIRECT);
  pim_authorization_request_set_scope (request, "openid profile");
  g_assert_true (pim_authorization_request_prepare (request, &error));
  url = pim_authorization_request_build_url (request, &error);
  g_assert_no_error (error);
  redirect = pim_test_browser_authorize (browser, url, &error);
  g_assert_no_error (error);
  redirect_text = g_uri_to_string (redirect);
  response =
      pim_authorization_request_parse_response (request, redirect_text,
                                                PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);
  g_assert_no_error (error);
  *out_request = g_steal_pointer (&request);
  return g_strdup (pim_authorization_response_get_code (response));
}

/* ---- Basic auth encoding ---- */

/* RFC 6749 §2.3.1 and Appendix B: the id and secret are each
 * form-urlencoded, then joined by ":" and base64-encoded. */
static char *
form_decode (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        g_string_append_c (out, ' ');
      else if (*p == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (p[1]) * 16 +
                                          g_ascii_xdigit_value (p[2])));
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
assert_basic_round_trip (const char *id, const char *secret)
{
  g_autofree char *basic = pim_client_auth_basic_credentials (id, secret);
  gsize            len = 0;
  g_autofree char *joined = (char *) g_base64_decode (basic, &len);
  g_autofree char *text = g_strndup (joined, len);
  g_auto (GStrv) parts = g_strsplit (text, ":", -1);
  g_autofree char *decoded_id = NULL;
  g_autofree char *decoded_secret = NULL;

  /* One separator: every ":" of the id and secret is encoded. */
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  for (const char *p = text; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p) || strchr ("*-._%+:", *p) != NULL);
  decoded_id = form_decode (parts[0]);
  decoded_secret = form_decode (parts[1]);
  g_assert_cmpstr (decoded_id, ==, id);
  g_assert_cmpstr (decoded_secret, ==, secret);
}

/* The exact header of the provider's documented example, a round trip of
 * every printable ASCII character and some UTF-8, and a token request of
 * the client whose id and secret are full of them, which the provider
 * accepts only if they were encoded right. */
static void
test_basic_auth_encoding (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *basic =
      pim_client_auth_basic_credentials (PIM_TEST_CLIENT_WEIRD_ID, PIM_TEST_CLIENT_WEIRD_SECRET);
  g_autofree char *expected = NULL;
  GString         *printable = g_string_new (NULL);
  g_autofree char *all = NULL;
  const char      *pair = "pim-weird%3Aid:p%3Am+%25%2B%26%3D%2F%3F%23%7Esecret";

  expected = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_assert_cmpstr (basic, ==, expected);

  for (char c = ' '; c <= '~'; c++)
    g_string_append_c (printable, c);
  all = g_string_free (printable, FALSE);
  assert_basic_round_trip (all, all);
  assert_basic_round_trip ("client:with:colons", "s3cr3t:é€😀 \"'`");
  assert_basic_round_trip ("", "");

  /* On the wire, to the provider. */
  {
    g_autofree char *endpoint = g_strconcat (issuer (), "/token", NULL);
    g_autoptr (PimClientCredentialsTokenRequest) request =
        pim_client_credentials_token_request_new (endpoint, PIM_TEST_CLIENT_WEIRD_ID,
                                                  PIM_TEST_CLIENT_WEIRD_SECRET);
    g_autoptr (PimTokenResponse) response = NULL;
    g_autoptr (GError) error = NULL;

    g_assert_cmpint (pim_client_auth_resolve (PIM_OAUTH_REQUEST (request)), ==,
                     PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC);
    response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
    g_assert_no_error (error);
    g_assert_nonnull (pim_token_response_get_access_token (response));
  }
}

/* ---- No secret in any log line or error message ---- */

typedef struct
{
  GPtrArray *secrets;  /* char *: what must never be shown */
  GPtrArray *messages; /* char *: every GError message Pim gave */
} Leaks;

static void
secret (Leaks *leaks, const char *value)
{
  g_assert_nonnull (value);
  g_assert_cmpuint (strlen (value), >=, 8);
  g_ptr_array_add (leaks->secrets, g_strdup (value));
}

static char *
new_secret (Leaks *leaks, const char *prefix)
{
  g_autofree char *uuid = g_uuid_string_random ();
  char            *value = g_strconcat (prefix, uuid, NULL);

  secret (leaks, value);
  return value;
}

/* Records the error a call ended with: it must be one. */
static void
failed (Leaks *leaks, GError *error)
{
  g_assert_nonnull (error);
  g_ptr_array_add (leaks->messages, g_strdup (error->message));
}

static void
assert_no_leak (Leaks *leaks)
{
  g_autoptr (GPtrArray) records = sec_log_capture_dup ();

  for (guint i = 0; i < leaks->secrets->len; i++)
    {
      const char *value = leaks->secrets->pdata[i];

      for (guint j = 0; j < records->len; j++)
        if (strstr (records->pdata[j], value) != NULL)
          g_error ("Secret “%s” logged: %s", value, (const char *) records->pdata[j]);
      for (guint j = 0; j < leaks->messages->len; j++)
        if (strstr (leaks->messages->pdata[j], value) != NULL)
          g_error ("Secret “%s” in an error: %s", value, (const char *) leaks->messages->pdata[j]);
    }
  g_test_message ("%u secrets, %u log records, %u error messages", leaks->secrets->len,
                  records->len, leaks->messages->len);
  if (g_test_verbose ())
    {
      for (guint j = 0; j < records->len; j++)
        g_test_message ("record: %s", (const char *) records->pdata[j]);
      for (guint j = 0; j < leaks->messages->len; j++)
        g_test_message ("error: %s", (const char *) leaks->messages->pdata[j]);
    }
}

/* The token endpoint: refusals that carry a secret, then successes. */
static void
token_flows (Leaks *leaks, PimTestMode mode, char **out_access_token, char **out_id_token)
{
  g_autofree char *endpoint = g_strconcat (issuer (), "/token", NULL);
  g_autofree char *wrong = new_secret (leaks, "wrong-secret-");
  g_autofree char *bogus_code = new_secret (leaks, "bogus-code-");
  g_autofree char *bogus_refresh = new_secret (leaks, "bogus-refresh-");
  g_autofree char *wrong_verifier = new_secret (leaks, "wrong-verifier-0123456789-");
  static const struct
  {
    const char         *id;
    PimClientAuthMethod method;
  } clients[] = {
    { PIM_TEST_CLIENT_BASIC_ID, PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC },
    { PIM_TEST_CLIENT_POST_ID, PIM_CLIENT_AUTH_CLIENT_SECRET_POST },
    { PIM_TEST_CLIENT_SECRET_JWT_ID, PIM_CLIENT_AUTH_CLIENT_SECRET_JWT },
  };

  secret (leaks, PIM_TEST_CLIENT_BASIC_SECRET);
  secret (leaks, PIM_TEST_CLIENT_POST_SECRET);
  secret (leaks, PIM_TEST_CLIENT_SECRET_JWT_SECRET);
  {
    g_autofree char *basic = pim_client_auth_basic_credentials (PIM_TEST_CLIENT_BASIC_ID, wrong);

    secret (leaks, basic);
  }

  /* Wrong secrets, each way of sending one; then the right one. */
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autoptr (PimClientCredentialsTokenRequest) request =
          pim_client_credentials_token_request_new (endpoint, clients[i].id, wrong);
      g_autoptr (PimTokenResponse) response = NULL;
      g_autoptr (GError) error = NULL;

      pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (request), clients[i].method);
      response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
      g_assert_null (response);
      g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
      failed (leaks, error);
    }
  {
    g_autoptr (PimClientCredentialsTokenRequest) request =
        pim_client_credentials_token_request_new (endpoint, PIM_TEST_CLIENT_BASIC_ID,
                                                  PIM_TEST_CLIENT_BASIC_SECRET);
    g_autoptr (PimTokenResponse) response = NULL;
    g_autoptr (GError) error = NULL;

    response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
    g_assert_no_error (error);
    secret (leaks, pim_token_response_get_access_token (response));
  }

  /* A code nobody issued, and a refresh token nobody issued. */
  {
    g_autoptr (PimAuthorizationCodeTokenRequest) code =
        pim_authorization_code_token_request_new (endpoint, PIM_TEST_CLIENT_BASIC_ID, bogus_code,
                                                  REDIRECT, NULL);
    g_autoptr (PimRefreshTokenRequest) refresh =
        pim_refresh_token_request_new (endpoint, PIM_TEST_CLIENT_BASIC_ID, bogus_refresh);
    g_autoptr (PimTokenResponse) response = NULL;
    g_autoptr (GError) error = NULL;

    pim_oauth_request_set_client_secret (PIM_OAUTH_REQUEST (code), PIM_TEST_CLIENT_BASIC_SECRET);
    pim_oauth_request_set_client_secret (PIM_OAUTH_REQUEST (refresh), PIM_TEST_CLIENT_BASIC_SECRET);
    response = pim_test_request_token (PIM_TOKEN_REQUEST (code), NULL, mode, &error);
    g_assert_null (response);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_GRANT);
    failed (leaks, error);
    g_clear_error (&error);
    response = pim_test_request_token (PIM_TOKEN_REQUEST (refresh), NULL, mode, &error);
    g_assert_null (response);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_GRANT);
    failed (leaks, error);
  }

  /* A real code with a wrong verifier; another with the right one; the
   * refresh token it gives. */
  {
    g_autoptr (PimAuthorizationRequest) authorization = NULL;
    g_autofree char *code = login (&authorization);
    g_autoptr (PimAuthorizationCodeTokenRequest) request = NULL;
    g_autoptr (PimTokenResponse) response = NULL;
    g_autoptr (GError) error = NULL;

    secret (leaks, code);
    secret (leaks, pim_authorization_request_get_code_verifier (authorization));
    secret (leaks, pim_authorization_request_get_state (authorization));
    request = pim_authorization_code_token_request_new (endpoint, PIM_TEST_CLIENT_NATIVE_ID, code,
                                                        REDIRECT, wrong_verifier);
    response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
    g_assert_null (response);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_GRANT);
    failed (leaks, error);
  }
  {
    g_autoptr (PimAuthorizationRequest) authorization = NULL;
    g_autofree char *code = login (&authorization);
    g_autoptr (PimAuthorizationCodeTokenRequest) request = NULL;
    g_autoptr (PimRefreshTokenRequest) refresh = NULL;
    g_autoptr (PimTokenResponse) response = NULL;
    g_autoptr (PimTokenResponse) refreshed = NULL;
    g_autoptr (GError) error = NULL;

    secret (leaks, code);
    secret (leaks, pim_authorization_request_get_code_verifier (authorization));
    request =
        pim_authorization_code_token_request_new (endpoint, PIM_TEST_CLIENT_NATIVE_ID, code,
                                                  REDIRECT,
                                                  pim_authorization_request_get_code_verifier (
                                                      authorization));
    response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
    g_assert_no_error (error);
    secret (leaks, pim_token_response_get_access_token (response));
    secret (leaks, pim_token_response_get_id_token (response));
    secret (leaks, pim_token_response_get_refresh_token (response));
    *out_access_token = g_strdup (pim_token_response_get_access_token (response));
    *out_id_token = g_strdup (pim_token_response_get_id_token (response));

    refresh = pim_refresh_token_request_new (endpoint, PIM_TEST_CLIENT_NATIVE_ID,
                                             pim_token_response_get_refresh_token (response));
    refreshed = pim_test_request_token (PIM_TOKEN_REQUEST (refresh), NULL, mode, &error);
    g_assert_no_error (error);
    secret (leaks, pim_token_response_get_access_token (refreshed));
    if (pim_token_response_get_refresh_token (refreshed) != NULL)
      secret (leaks, pim_token_response_get_refresh_token (refreshed));
  }
}

/* Introspection, revocation and UserInfo with tokens that are no good,
 * and with good ones. */
static void
endpoint_flows (Leaks *leaks, PimTestMode mode, const char *access_token)
{
  g_autofree char *bogus = new_secret (leaks, "bogus-access-token-");
  g_autofree char *wrong = new_secret (leaks, "wrong-introspect-secret-");
  g_autofree char *introspection_endpoint = g_strconcat (issuer (), "/token/introspection", NULL);
  g_autofree char *revocation_endpoint = g_strconcat (issuer (), "/token/revocation", NULL);
  g_autofree char *userinfo_endpoint = g_strconcat (issuer (), "/me", NULL);
  g_autoptr (GError) error = NULL;

  secret (leaks, PIM_TEST_CLIENT_INTROSPECT_SECRET);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (PimIntrospectionRequest) request =
          pim_introspection_request_new (introspection_endpoint, PIM_TEST_CLIENT_INTROSPECT_ID,
                                         i == 0 ? PIM_TEST_CLIENT_INTROSPECT_SECRET : wrong);
      g_autoptr (PimIntrospectionResponse) response = NULL;

      pim_introspection_request_set_token (request, bogus);
      response = sec_introspect (request, mode, &error);
      if (i == 0)
        {
          g_assert_no_error (error);
          g_assert_false (pim_introspection_response_get_active (response));
        }
      else
        {
          g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
          failed (leaks, error);
          g_clear_error (&error);
        }
    }
  {
    g_autoptr (PimRevocationRequest) request =
        pim_revocation_request_new (revocation_endpoint, PIM_TEST_CLIENT_INTROSPECT_ID, wrong);

    pim_revocation_request_set_token (request, bogus);
    g_assert_false (sec_revoke (request, mode, &error));
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
    failed (leaks, error);
    g_clear_error (&error);
  }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (PimUserInfoRequest) request =
          pim_userinfo_request_new (userinfo_endpoint, i == 0 ? bogus : access_token);
      g_autoptr (PimUserInfoResponse) response =
          pim_test_get_userinfo (request, NULL, mode, &error);

      if (i == 0)
        {
          g_assert_null (response);
          g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_TOKEN);
          failed (leaks, error);
          g_clear_error (&error);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpstr (pim_userinfo_response_get_subject (response), ==,
                           PIM_TEST_LOGIN_DEFAULT_USER);
        }
    }
}

/* Validation failures of the provider's own ID token, and of tampered or
 * garbled tokens. */
static void
validation_flows (Leaks *leaks, PimTestMode mode, const char *id_token)
{
  g_autofree char *wrong_nonce = new_secret (leaks, "wrong-nonce-");
  g_autofree char *tampered = g_strdup (id_token);
  g_autofree char *garbled = g_strconcat (id_token, ".", wrong_nonce, NULL);
  g_autoptr (PimTokenValidationParameters) p = NULL;
  const char *const tries[] = { id_token, tampered, garbled };
  char             *last = strrchr (tampered, '.') + 5;

  *last = *last == 'A' ? 'B' : 'A';
  secret (leaks, tampered);
  p = g_object_new (PIM_TYPE_TOKEN_VALIDATION_PARAMETERS, "issuer", issuer (), "client-id",
                    PIM_TEST_CLIENT_NATIVE_ID, "id-token", TRUE, "nonce", wrong_nonce, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimClaims) claims = pim_test_validate_token (tries[i], p, mode, &error);

      g_assert_null (claims);
      failed (leaks, error);
    }
  /* The ID token of another client. */
  g_object_set (p, "nonce", NULL, "client-id", PIM_TEST_CLIENT_BASIC_ID, NULL);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PimClaims) claims = pim_test_validate_token (id_token, p, mode, &error);

    g_assert_null (claims);
    g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH);
    failed (leaks, error);
  }
}

/* Private keys that do not parse: the error never quotes their material. */
static void
key_flows (Leaks *leaks)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) rsa = pim_jwk_generate ("RS256", &error);
  g_autoptr (PimJwk) ec = NULL;
  g_autoptr (JsonObject) rsa_object = NULL;
  g_autoptr (JsonObject) ec_object = NULL;
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *bad_k = new_secret (leaks, "not base64url!!");
  g_autofree char *pem = NULL;
  GPtrArray       *broken = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  ec = pim_jwk_generate ("ES256", &error);
  g_assert_no_error (error);
  rsa_object = pim_jwk_to_object (rsa, TRUE);
  ec_object = pim_jwk_to_object (ec, TRUE);
  secret (leaks, json_object_get_string_member (rsa_object, "d"));
  secret (leaks, json_object_get_string_member (rsa_object, "p"));
  secret (leaks, json_object_get_string_member (ec_object, "d"));

  /* RSA: p replaced by q (d stays); EC: d one byte short, and d with an x
   * that does not match. */
  json_object_set_string_member (rsa_object, "p", json_object_get_string_member (rsa_object, "q"));
  json_node_set_object (node, rsa_object);
  g_ptr_array_add (broken, json_to_string (node, FALSE));
  {
    g_autofree char *d = g_strdup (json_object_get_string_member (ec_object, "d"));

    d[strlen (d) - 2] = '\0';
    json_object_set_string_member (ec_object, "d", d);
    json_node_set_object (node, ec_object);
    g_ptr_array_add (broken, json_to_string (node, FALSE));
  }
  g_ptr_array_add (broken, g_strdup_printf ("{\"kty\":\"oct\",\"k\":\"%s\"}", bad_k));

  for (guint i = 0; i < broken->len; i++)
    {
      g_autofree char *set = g_strdup_printf ("{\"keys\":[%s]}", (char *) broken->pdata[i]);
      g_autoptr (PimJwk) key = pim_jwk_new_from_json (broken->pdata[i], &error);
      g_autoptr (PimJwkSet) keys = NULL;
      const char *const *skipped;

      g_assert_null (key);
      failed (leaks, error);
      g_clear_error (&error);
      keys = pim_jwk_set_new_from_json (set, &error);
      g_assert_no_error (error);
      skipped = pim_jwk_set_get_skipped (keys);
      g_assert_nonnull (skipped[0]);
      g_ptr_array_add (leaks->messages, g_strdup (skipped[0]));
    }

  /* A PEM private key with its middle garbled. */
  pem = pim_jwk_to_pem (rsa, TRUE, &error);
  g_assert_no_error (error);
  {
    char            *middle = pem + strlen (pem) / 2;
    g_autofree char *line = g_strndup (middle, 40);
    g_autoptr (PimJwk) key = NULL;

    memcpy (middle, "!!!!", 4);
    secret (leaks, line + 4);
    key = pim_jwk_new_from_pem (pem, NULL, NULL, &error);
    g_assert_null (key);
    failed (leaks, error);
    g_clear_error (&error);
  }
  g_ptr_array_unref (broken);
}

/* The fault server: a retried request whose URL carries a secret (logged
 * at debug level), a redirect whose target carries a code, an HTML error
 * page. */
static void
fault_flows (Leaks *leaks, PimTestMode mode)
{
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autofree char *in_query = new_secret (leaks, "query-secret-");
  g_autofree char *code = new_secret (leaks, "redirected-code-");
  g_autofree char *client_secret = new_secret (leaks, "fault-client-secret-");
  g_autofree char *storm =
      g_strdup_printf ("/storm?fail=1&status=503&retry_after=0&key=storm-%d&x=%s", mode, in_query);
  g_autofree char *target = g_strdup_printf ("http://127.0.0.1:1/cb?code=%s&state=s", code);
  g_autofree char *escaped = g_uri_escape_string (target, NULL, TRUE);
  g_autofree char *redirect = g_strdup_printf ("/redirect?to=%s&status=307", escaped);
  const char      *paths[] = { storm, redirect, "/html", "/status/500", "/garbage" };
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (GError) error = NULL;

  client = g_initable_new (PIM_TYPE_HTTP_CLIENT, NULL, &error, "retry-count", 1, "retry-base-delay",
                           0.01, NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *endpoint = pim_test_server_get_uri (server, paths[i]);
      g_autoptr (PimClientCredentialsTokenRequest) request =
          pim_client_credentials_token_request_new (endpoint, "app", client_secret);
      g_autoptr (PimTokenResponse) response =
          pim_test_request_token (PIM_TOKEN_REQUEST (request), client, mode, &error);

      g_assert_null (response);
      failed (leaks, error);
      g_clear_error (&error);
    }
  /* The retry was logged, at debug level: the capture sees debug records. */
  g_assert_cmpuint (sec_log_capture_count ("retrying"), >=, 1);
}

/* Many failing and succeeding flows against the provider and the fault
 * server, with every secret they involve recorded: no captured log record
 * (every field, every level) and no error message contains any of them. */
static void
test_no_secrets_in_logs (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  Leaks            leaks = { g_ptr_array_new_with_free_func (g_free),
                             g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *access_token = NULL;
  g_autofree char *id_token = NULL;

  sec_log_capture_clear ();
  token_flows (&leaks, mode, &access_token, &id_token);
  endpoint_flows (&leaks, mode, access_token);
  validation_flows (&leaks, mode, id_token);
  key_flows (&leaks);
  fault_flows (&leaks, mode);
  assert_no_leak (&leaks);

  g_ptr_array_unref (leaks.secrets);
  g_ptr_array_unref (leaks.messages);
}

/* ---- sub in the provider's ID tokens ---- */

/* The provider's ID token passes as one with id-token set (it has sub,
 * iat, exp, and aud = the client), and is refused for another client. */
static void
test_id_token_sub_provider (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimAuthorizationRequest) authorization = NULL;
  g_autofree char *code = login (&authorization);
  g_autoptr (PimAuthorizationCodeTokenRequest) request = NULL;
  g_autoptr (PimTokenResponse) response = NULL;
  g_autoptr (PimTokenValidationParameters) p = NULL;
  g_autoptr (PimClaims) claims = NULL;
  g_autoptr (GError) error = NULL;

  request =
      pim_authorization_code_token_request_new (NULL, PIM_TEST_CLIENT_NATIVE_ID, code, REDIRECT,
                                                pim_authorization_request_get_code_verifier (
                                                    authorization));
  pim_oauth_request_set_issuer (PIM_OAUTH_REQUEST (request), issuer ());
  response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
  g_assert_no_error (error);

  p = g_object_new (PIM_TYPE_TOKEN_VALIDATION_PARAMETERS, "issuer", issuer (), "client-id",
                    PIM_TEST_CLIENT_NATIVE_ID, "id-token", TRUE, "nonce",
                    pim_authorization_request_get_nonce (authorization), NULL);
  claims = pim_test_validate_token (pim_token_response_get_id_token (response), p, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_claims_get_subject (claims), ==, PIM_TEST_LOGIN_DEFAULT_USER);

  g_object_set (p, "client-id", PIM_TEST_CLIENT_BASIC_ID, NULL);
  g_clear_object (&claims);
  claims = pim_test_validate_token (pim_token_response_get_id_token (response), p, mode, &error);
  g_assert_null (claims);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH);
}

/* ---- tls_client_auth (RFC 8705 §2) ---- */

/* With tls_client_auth and self_signed_tls_client_auth the certificate in
 * the handshake is the proof: a request that also holds a secret and a
 * private key sends neither, nor anything made from them (no Basic header,
 * no assertion); only grant_type and client_id go in the body. */
static void
test_tls_client_auth_no_secret (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  const char *secret = "tls-secret-MUST-NOT-LEAVE";
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_TLS_CLIENT_AUTH);
  g_autofree char *address = pim_test_server_get_uri (server, "/echo");
  g_autoptr (PimJwk) key = pim_jwk_generate ("ES256", NULL);
  struct
  {
    PimClientAuthMethod method;
    const char         *cert;
    const char         *key;
  } cases[] = {
    { PIM_CLIENT_AUTH_TLS_CLIENT_AUTH, "client.pem", "client-key.pem" },
    { PIM_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH, "self-signed-client.pem",
      "self-signed-client-key.pem" },
  };

  g_assert_nonnull (key);
  sec_log_capture_clear ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cert_file =
          g_build_filename (pim_test_server_get_certs_dir (), cases[i].cert, NULL);
      g_autofree char *key_file =
          g_build_filename (pim_test_server_get_certs_dir (), cases[i].key, NULL);
      g_autoptr (GTlsCertificate) certificate = NULL;
      g_autoptr (PimHttpClient) client = NULL;
      g_autoptr (PimClientCredentialsTokenRequest) request =
          pim_client_credentials_token_request_new (address, "app", secret);
      g_autoptr (PimHttpResponse) response = NULL;
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (JsonNode) node = NULL;
      g_autoptr (GHashTable) form = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *echoed = NULL;
      JsonObject      *echo;

      certificate = g_tls_certificate_new_from_files (cert_file, key_file, &error);
      g_assert_no_error (error);
      client = g_initable_new (PIM_TYPE_HTTP_CLIENT, NULL, &error, "ca-file",
                               pim_test_server_get_ca_file (), "tls-client-certificate",
                               certificate, NULL);
      g_assert_no_error (error);
      g_object_set (request, "client-key", key, "client-auth-method", cases[i].method, NULL);
      if (mode == PIM_TEST_SYNC)
        response = pim_oauth_exchange (PIM_OAUTH_REQUEST (request), client, NULL, &error);
      else
        {
          pim_oauth_exchange_async (PIM_OAUTH_REQUEST (request), client, NULL,
                                    pim_test_store_result, &result);
          pim_test_wait_result (&result);
          response = pim_oauth_exchange_finish (result, &error);
        }
      g_assert_no_error (error);
      node = pim_http_response_parse_json (response, &error);
      g_assert_no_error (error);
      echoed = json_to_string (node, FALSE);
      g_assert_null (strstr (echoed, secret));
      echo = json_node_get_object (node);
      g_assert_false (json_object_has_member (json_object_get_object_member (echo, "headers"),
                                              "authorization"));
      form = soup_form_decode (json_object_get_string_member (echo, "body"));
      g_assert_cmpuint (g_hash_table_size (form), ==, 2);
      g_assert_cmpstr (g_hash_table_lookup (form, "grant_type"), ==, "client_credentials");
      g_assert_cmpstr (g_hash_table_lookup (form, "client_id"), ==, "app");
    }
  g_assert_cmpuint (sec_log_capture_count (secret), ==, 0);
}

/* ---- Registration secrets ---- */

#define REG_MARKER "reg-SECRET-marker-5f3a9c"

static PimClientRegistrationResponse *
reg_run (int op, PimClientRegistrationRequest *request, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return op == 0   ? pim_register_client (request, NULL, NULL, error)
           : op == 1 ? pim_read_client_registration (request, NULL, NULL, error)
                     : pim_update_client_registration (request, NULL, NULL, error);
  if (op == 0)
    pim_register_client_async (request, NULL, NULL, pim_test_store_result, &result);
  else if (op == 1)
    pim_read_client_registration_async (request, NULL, NULL, pim_test_store_result, &result);
  else
    pim_update_client_registration_async (request, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return op == 0   ? pim_register_client_finish (result, error)
         : op == 1 ? pim_read_client_registration_finish (result, error)
                   : pim_update_client_registration_finish (result, error);
}

/* Runs @op expecting a failure, and keeps its message. */
static void
reg_fail (GPtrArray *messages, int op, PimClientRegistrationRequest *request, PimTestMode mode)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClientRegistrationResponse) response = reg_run (op, request, mode, &error);

  g_assert_null (response);
  g_assert_nonnull (error);
  g_ptr_array_add (messages, g_strdup (error->message));
}

/* The client secret and the registration access token a provider issues,
 * and the initial access token a client sends, are in no error message
 * and no log record, whatever goes wrong. */
static void
test_registration_secrets_never_in_messages (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) secrets = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *endpoint = g_strconcat (issuer (), "/reg", NULL);
  g_autoptr (PimClientRegistrationRequest) request = pim_client_registration_request_new (endpoint);
  g_autoptr (PimClientRegistrationRequest) manage = NULL;
  g_autoptr (PimClientRegistrationResponse) registered = NULL;
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autoptr (GError) error = NULL;
  g_autofree char  *fault_endpoint = pim_test_server_get_uri (server, "/register");
  g_autofree char  *wrong_token = NULL;
  const char *const grant_types[] = { "client_credentials", NULL };
  const char *const none[] = { NULL };
  const char *const answers[] = {
    "{\"client_secret\":\"" REG_MARKER "\"}",
    "{\"client_id\":[],\"client_secret\":\"" REG_MARKER "\"}",
    "{\"client_id\":\"c\",\"client_secret\":\"" REG_MARKER
    "\",\"registration_access_token\":\"" REG_MARKER "\"}",
    "{\"client_id\":\"c\",\"registration_access_token\":\"" REG_MARKER
    "\",\"registration_client_uri\":\"ftp://" REG_MARKER "\"}",
    "{\"client_id\":\"c\",\"client_secret\":{\"v\":\"" REG_MARKER "\"}}",
  };

  sec_log_capture_clear ();
  g_object_set (request, "grant-types", grant_types, "response-types", none, "redirect-uris", none,
                "initial-access-token", REG_MARKER "-initial", NULL);
  registered = reg_run (0, request, mode, &error);
  g_assert_no_error (error);
  g_ptr_array_add (secrets,
                   g_strdup (pim_client_registration_response_get_client_secret (registered)));
  g_ptr_array_add (secrets,
                   g_strdup (pim_client_registration_response_get_registration_access_token (
                       registered)));
  g_ptr_array_add (secrets, g_strdup (REG_MARKER));

  /* A wrong registration access token, invalid metadata with the right
   * one, and a deleted registration. */
  manage = pim_client_registration_request_new_for_client (registered);
  wrong_token =
      g_strconcat (pim_client_registration_response_get_registration_access_token (registered), "x",
                   NULL);
  g_ptr_array_add (secrets, g_strdup (wrong_token));
  pim_client_registration_request_set_registration_access_token (manage, wrong_token);
  reg_fail (messages, 1, manage, mode);
  pim_client_registration_request_set_registration_access_token (
      manage, pim_client_registration_response_get_registration_access_token (registered));
  pim_client_registration_request_set_token_endpoint_auth_method (manage, "no_such_method");
  reg_fail (messages, 2, manage, mode);
  g_assert_true (pim_delete_client_registration (manage, NULL, NULL, &error));
  g_assert_no_error (error);
  reg_fail (messages, 1, manage, mode);

  /* Junk answers holding secrets, and a refusal of the initial token. */
  g_object_set (request, "address", fault_endpoint, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      pim_test_server_set_document (server, "/register", 201, "application/json", answers[i]);
      reg_fail (messages, 0, request, mode);
    }
  pim_test_server_set_document (server, "/register", 401, "application/json",
                                "{\"error\":\"invalid_token\"}");
  reg_fail (messages, 0, request, mode);

  for (guint i = 0; i < secrets->len; i++)
    {
      const char *secret = secrets->pdata[i];

      g_assert_nonnull (secret);
      g_assert_cmpuint (strlen (secret), >=, 8);
      for (guint j = 0; j < messages->len; j++)
        if (strstr (messages->pdata[j], secret) != NULL)
          g_error ("a registration secret is in the message “%s”", (char *) messages->pdata[j]);
      g_assert_cmpuint (sec_log_capture_count (secret), ==, 0);
    }
}

int
main (int argc, char **argv)
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);
  sec_log_capture_install ();

  pim_test_add_both ("/security", "basic-auth-encoding", test_basic_auth_encoding);
  pim_test_add_both ("/security", "no-secrets-in-logs", test_no_secrets_in_logs);
  pim_test_add_both ("/security", "registration-secrets-never-in-messages",
                     test_registration_secrets_never_in_messages);
  pim_test_add_both ("/security", "id-token-sub/provider", test_id_token_sub_provider);
  pim_test_add_both ("/security", "tls-client-auth-no-secret", test_tls_client_auth_no_secret);

  return g_test_run ();
}
