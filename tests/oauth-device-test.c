/* oauth-device-test.c: the device authorization grant (RFC 8628): the
 * device authorization request, one poll, and the poller, against the
 * real local provider (approve, deny, refusals) and the fault server
 * (slow_down, pending, refusals, junk, expiry, timeouts, cancellation);
 * sync and async
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <libsoup/soup.h>
#include <pim/pim.h>

#include "pim-http-private.h"
#include "pim-oauth-private.h"
#include "pim-test-async.h"
#include "pim-test-login.h"
#include "pim-test-provider.h"
#include "pim-test-server.h"

#define JSON_TYPE "application/json"
#define PENDING   "{\"error\":\"authorization_pending\"}"
#define SLOW_DOWN "{\"error\":\"slow_down\"}"
#define TOKENS    "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":60}"
/* A device authorization answer without `interval`, valid for 600 s */
#define AUTHORIZATION                                                           \
  "{\"device_code\":\"dc-1\",\"user_code\":\"ABCD-EFGH\",\"verification_uri\":" \
  "\"https://op.example/device\",\"expires_in\":600}"

static PimTestServer *server;
/* Each fault test serves its own token endpoint path. */
static guint path_counter;

/* ---- Helpers ---- */

static const char *
shared_issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

static double
elapsed_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static PimDeviceAuthorizationResponse *
authorize (PimDeviceAuthorizationRequest *request, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_request_device_authorization (request, NULL, NULL, error);
  pim_request_device_authorization_async (request, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_request_device_authorization_finish (result, error);
}

static PimTokenResponse *
poll_once (PimDeviceTokenRequest *request, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_request_device_token (request, NULL, NULL, error);
  pim_request_device_token_async (request, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_request_device_token_finish (result, error);
}

static PimTokenResponse *
poll_until_done (PimDeviceTokenRequest          *request,
                 PimDeviceAuthorizationResponse *authorization,
                 PimHttpClient                  *client,
                 GCancellable                   *cancellable,
                 PimTestMode                     mode,
                 GError                        **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_poll_device_token (request, authorization, client, cancellable, error);
  pim_poll_device_token_async (request, authorization, client, cancellable, pim_test_store_result,
                               &result);
  pim_test_wait_result (&result);
  return pim_poll_device_token_finish (result, error);
}

static void
assert_error_response (PimOAuthRequest *request, const char *error, guint status)
{
  g_autoptr (PimOAuthErrorResponse) response = pim_oauth_request_get_error_response (request);

  if (error == NULL)
    {
      g_assert_null (response);
      return;
    }
  g_assert_nonnull (response);
  g_assert_cmpstr (pim_oauth_error_response_get_error (response), ==, error);
  g_assert_cmpuint (pim_oauth_error_response_get_status (response), ==, status);
}

/* A token endpoint of the fault server's own for one test: its path, and
 * the request pointed at it with a short interval. */
static char *
new_path (void)
{
  return g_strdup_printf ("/device-token-%u", ++path_counter);
}

static PimDeviceTokenRequest *
fault_request (const char *path, double interval)
{
  g_autofree char       *uri = pim_test_server_get_uri (server, path);
  PimDeviceTokenRequest *request = pim_device_token_request_new (uri, "pim-device", "dc-1");

  pim_device_token_request_set_interval (request, interval);
  return request;
}

/* The form a request builds: its pure part, before client authentication
 * and the extra parameters. */
static char *
form_text (PimOAuthRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpRequest) http =
      pim_oauth_request_get_kind (request)->build (request, "https://op.example/x", &error);
  g_autoptr (GBytes) body = NULL;
  const char *content_type = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pim_http_request_get_method (http), ==, "POST");
  g_assert_true (pim_http_request_get_expect_json (http));
  body = pim_http_request_get_body (http, &content_type);
  if (body == NULL)
    return g_strdup ("");
  g_assert_cmpstr (content_type, ==, "application/x-www-form-urlencoded");
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static GHashTable *
built_form (PimOAuthRequest *request)
{
  g_autofree char *text = form_text (request);

  return soup_form_decode (text);
}

/* ---- Building (pure) ---- */

static void
test_build_authorization_form (void)
{
  g_autoptr (PimDeviceAuthorizationRequest) request =
      pim_device_authorization_request_new (NULL, "pim-device");
  g_autoptr (GHashTable) form = NULL;
  g_autofree char *text = NULL;

  g_object_set (request, "scope", "openid api:read", "resources",
                (const char *const[]){ "urn:a", "urn:b", NULL }, NULL);
  g_assert_cmpstr (pim_device_authorization_request_get_scope (request), ==, "openid api:read");
  g_assert_cmpstrv (pim_device_authorization_request_get_resources (request),
                    ((const char *const[]){ "urn:a", "urn:b", NULL }));
  text = form_text (PIM_OAUTH_REQUEST (request));
  g_assert_cmpstr (text, ==, "scope=openid%20api%3Aread&resource=urn%3Aa&resource=urn%3Ab");
  g_clear_pointer (&text, g_free);

  /* Nothing set, nothing sent but what client authentication adds. */
  g_object_set (request, "scope", NULL, "resources", NULL, NULL);
  form = built_form (PIM_OAUTH_REQUEST (request));
  g_assert_cmpuint (g_hash_table_size (form), ==, 0);
}

static void
test_build_token_form (void)
{
  g_autoptr (PimDeviceTokenRequest) request =
      pim_device_token_request_new (NULL, "pim-device", "dc-1");
  g_autoptr (PimDeviceTokenRequest) empty = pim_device_token_request_new (NULL, "pim-device", NULL);
  g_autoptr (GHashTable) form = built_form (PIM_OAUTH_REQUEST (request));
  g_autoptr (PimHttpRequest) http = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (pim_token_request_get_grant_type (PIM_TOKEN_REQUEST (request)), ==,
                   "urn:ietf:params:oauth:grant-type:device_code");
  g_assert_cmpuint (g_hash_table_size (form), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (form, "grant_type"), ==, PIM_DEVICE_CODE_GRANT_TYPE);
  g_assert_cmpstr (g_hash_table_lookup (form, "device_code"), ==, "dc-1");

  /* The defaults of the poller's knobs. */
  g_assert_cmpfloat (pim_device_token_request_get_interval (request), ==, 0.0);
  g_assert_cmpint (pim_device_token_request_get_expires_at (request), ==, 0);
  g_assert_cmpfloat (pim_device_token_request_get_slow_down_increment (request), ==, 5.0);
  g_assert_cmpuint (pim_device_token_request_get_polls (request), ==, 0);
  g_assert_cmpfloat (pim_device_token_request_get_current_interval (request), ==, 0.0);

  /* No device code: the request cannot be built. */
  http = pim_oauth_request_get_kind (PIM_OAUTH_REQUEST (empty))
             ->build (PIM_OAUTH_REQUEST (empty), "https://op.example/x", &error);
  g_assert_null (http);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

/* ---- Reading device authorization responses ---- */

typedef struct
{
  const char *name;
  const char *body;
  const char *content_type;
  guint       status;
  /* expected */
  int         code; /* -1: valid */
  gint64      expires_in;
  gint64      interval;
  const char *verification_uri;
  const char *verification_uri_complete;
} AuthorizationCase;

static const AuthorizationCase authorization_cases[] = {
  { "valid-minimal", AUTHORIZATION, JSON_TYPE, 200, -1, 600, 5, "https://op.example/device", NULL },
  { "valid-full",
    "{\"device_code\":\"dc-1\",\"user_code\":\"ABCD-EFGH\",\"verification_uri\":\"https://op."
    "example/device\",\"verification_uri_complete\":\"https://op.example/"
    "device?user_code=ABCD-EFGH\",\"expires_in\":1800,\"interval\":7,\"extra\":[1]}",
    JSON_TYPE, 200, -1, 1800, 7, "https://op.example/device",
    "https://op.example/device?user_code=ABCD-EFGH" },
  { "valid-string-numbers",
    "{\"device_code\":\"dc-1\",\"user_code\":\"U\",\"verification_uri\":\"https://op.example/"
    "d\",\"expires_in\":\"900\",\"interval\":\"3\"}",
    JSON_TYPE, 200, -1, 900, 3, "https://op.example/d", NULL },
  { "valid-whole-double",
    "{\"device_code\":\"dc-1\",\"user_code\":\"U\",\"verification_uri\":\"https://op.example/"
    "d\",\"expires_in\":600.0,\"interval\":null}",
    JSON_TYPE, 200, -1, 600, 5, "https://op.example/d", NULL },
  { "valid-verification-url",
    "{\"device_code\":\"dc-1\",\"user_code\":\"U\",\"verification_url\":\"https://op.example/"
    "google\",\"expires_in\":600}",
    JSON_TYPE, 200, -1, 600, 5, "https://op.example/google", NULL },
  { "no-device-code",
    "{\"user_code\":\"U\",\"verification_uri\":\"https://op.example/d\",\"expires_in\":600}",
    JSON_TYPE, 200, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  { "empty-device-code",
    "{\"device_code\":\"\",\"user_code\":\"U\",\"verification_uri\":\"https://op.example/"
    "d\",\"expires_in\":600}",
    JSON_TYPE, 200, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  { "user-code-number",
    "{\"device_code\":\"dc\",\"user_code\":1234,\"verification_uri\":\"https://op.example/"
    "d\",\"expires_in\":600}",
    JSON_TYPE, 200, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  { "no-verification-uri", "{\"device_code\":\"dc\",\"user_code\":\"U\",\"expires_in\":600}",
    JSON_TYPE, 200, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  { "verification-uri-object",
    "{\"device_code\":\"dc\",\"user_code\":\"U\",\"verification_uri\":{},\"expires_in\":600}",
    JSON_TYPE, 200, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  { "verification-uri-complete-number",
    "{\"device_code\":\"dc\",\"user_code\":\"U\",\"verification_uri\":\"https://op.example/"
    "d\",\"verification_uri_complete\":5,\"expires_in\":600}",
    JSON_TYPE, 200, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  { "no-expires-in",
    "{\"device_code\":\"dc\",\"user_code\":\"U\",\"verification_uri\":\"https://op.example/d\"}",
    JSON_TYPE, 200, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  { "expires-in-words",
    "{\"device_code\":\"dc\",\"user_code\":\"U\",\"verification_uri\":\"https://op.example/"
    "d\",\"expires_in\":\"ten minutes\"}",
    JSON_TYPE, 200, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  { "expires-in-negative",
    "{\"device_code\":\"dc\",\"user_code\":\"U\",\"verification_uri\":\"https://op.example/"
    "d\",\"expires_in\":-1}",
    JSON_TYPE, 200, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  { "expires-in-fraction",
    "{\"device_code\":\"dc\",\"user_code\":\"U\",\"verification_uri\":\"https://op.example/"
    "d\",\"expires_in\":1.5}",
    JSON_TYPE, 200, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  { "interval-bool",
    "{\"device_code\":\"dc\",\"user_code\":\"U\",\"verification_uri\":\"https://op.example/"
    "d\",\"expires_in\":600,\"interval\":true}",
    JSON_TYPE, 200, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  { "array", "[" AUTHORIZATION "]", JSON_TYPE, 200, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  { "html", "<html></html>", "text/html", 200, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  { "garbage", "{\"device_code\":", JSON_TYPE, 200, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  { "refused", "{\"error\":\"invalid_scope\",\"error_description\":\"no\"}", JSON_TYPE, 400,
    PIM_OAUTH_ERROR_INVALID_SCOPE },
};

typedef struct
{
  const AuthorizationCase *c;
  PimTestMode              mode;
} AuthorizationRun;

static AuthorizationRun authorization_runs[G_N_ELEMENTS (authorization_cases) * 2];

static void
test_authorization_case (gconstpointer data)
{
  const AuthorizationRun  *run = data;
  const AuthorizationCase *c = run->c;
  g_autofree char         *path =
      g_strdup_printf ("/device-auth-%s-%s", c->name, pim_test_mode_name (run->mode));
  g_autofree char *uri = pim_test_server_get_uri (server, path);
  g_autoptr (PimDeviceAuthorizationRequest) request =
      pim_device_authorization_request_new (uri, "pim-device");
  g_autoptr (PimDeviceAuthorizationResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  pim_test_server_set_document (server, path, c->status, c->content_type, c->body);
  response = authorize (request, run->mode, &error);
  g_assert_cmpuint (pim_test_server_get_hits (server, path), ==, 1);
  if (c->code >= 0)
    {
      g_assert_null (response);
      g_assert_error (error, PIM_OAUTH_ERROR, c->code);
      assert_error_response (PIM_OAUTH_REQUEST (request), c->status == 200 ? NULL : "invalid_scope",
                             c->status);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpstr (pim_device_authorization_response_get_device_code (response), ==, "dc-1");
  g_assert_cmpstr (pim_device_authorization_response_get_verification_uri (response), ==,
                   c->verification_uri);
  g_assert_cmpstr (pim_device_authorization_response_get_verification_uri_complete (response), ==,
                   c->verification_uri_complete);
  g_assert_cmpint (pim_device_authorization_response_get_expires_in (response), ==, c->expires_in);
  g_assert_cmpint (pim_device_authorization_response_get_expires_at (response), >=,
                   before + c->expires_in);
  g_assert_cmpint (pim_device_authorization_response_get_expires_at (response), <=,
                   g_get_real_time () / G_USEC_PER_SEC + c->expires_in);
  g_assert_cmpint (pim_device_authorization_response_get_interval (response), ==, c->interval);
  g_assert_true (
      json_object_has_member (pim_device_authorization_response_get_json (response), "user_code"));
  assert_error_response (PIM_OAUTH_REQUEST (request), NULL, 0);
}

static void
test_authorization_from_json (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDeviceAuthorizationResponse) response =
      pim_device_authorization_response_new_from_json (AUTHORIZATION, &error);
  g_autoptr (PimDeviceAuthorizationResponse) bad = NULL;
  g_autofree char *user_code = NULL;
  gint64           interval = 0;

  g_assert_no_error (error);
  g_object_get (response, "user-code", &user_code, "interval", &interval, NULL);
  g_assert_cmpstr (user_code, ==, "ABCD-EFGH");
  g_assert_cmpint (interval, ==, PIM_DEVICE_AUTHORIZATION_DEFAULT_INTERVAL);

  bad = pim_device_authorization_response_new_from_json ("not json", &error);
  g_assert_null (bad);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* Found by tests/fuzz: json-glib 1.6 reads "{…}{…}" as its first value
   * and leaks the second. */
  bad = pim_device_authorization_response_new_from_json (AUTHORIZATION "{}", &error);
  g_assert_null (bad);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
}

/* ---- The real provider ---- */

static PimDeviceAuthorizationRequest *
provider_authorization_request (const char *scope)
{
  PimDeviceAuthorizationRequest *request =
      pim_device_authorization_request_new (NULL, PIM_TEST_CLIENT_DEVICE_ID);

  pim_oauth_request_set_issuer (PIM_OAUTH_REQUEST (request), shared_issuer ());
  pim_device_authorization_request_set_scope (request, scope);
  return request;
}

/* A public client, the endpoint discovered, then given by address. */
static void
test_provider_authorization (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  const char *issuer = shared_issuer ();
  g_autoptr (PimDeviceAuthorizationRequest) request =
      provider_authorization_request ("openid api:read");
  g_autoptr (PimDeviceAuthorizationResponse) response = NULL;
  g_autoptr (PimDeviceAuthorizationResponse) second = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *verification_uri = g_strconcat (issuer, "/device", NULL);
  g_autofree char *complete = NULL;
  g_autofree char *address = g_strconcat (issuer, "/device/auth", NULL);
  gint64           now;

  response = authorize (request, mode, &error);
  g_assert_no_error (error);
  now = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_cmpuint (strlen (pim_device_authorization_response_get_device_code (response)), >=, 20);
  g_assert_nonnull (pim_device_authorization_response_get_user_code (response));
  g_assert_cmpstr (pim_device_authorization_response_get_verification_uri (response), ==,
                   verification_uri);
  complete =
      g_strconcat (verification_uri,
                   "?user_code=", pim_device_authorization_response_get_user_code (response), NULL);
  g_assert_cmpstr (pim_device_authorization_response_get_verification_uri_complete (response), ==,
                   complete);
  /* oidc-provider's device codes live 10 minutes, and it sends no interval. */
  g_assert_cmpint (pim_device_authorization_response_get_expires_in (response), ==, 600);
  g_assert_cmpint (pim_device_authorization_response_get_expires_at (response), >=, now + 599);
  g_assert_cmpint (pim_device_authorization_response_get_expires_at (response), <=, now + 600);
  g_assert_false (
      json_object_has_member (pim_device_authorization_response_get_json (response), "interval"));
  g_assert_cmpint (pim_device_authorization_response_get_interval (response), ==, 5);
  assert_error_response (PIM_OAUTH_REQUEST (request), NULL, 0);

  /* The endpoint by address, with resource indicators: another code. */
  g_object_set (request, "issuer", NULL, "address", address, NULL);
  pim_device_authorization_request_set_resources (request, (const char *const[]){
                                                               PIM_TEST_RESOURCE_JWT, NULL });
  second = authorize (request, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_device_authorization_response_get_device_code (second), !=,
                   pim_device_authorization_response_get_device_code (response));
}

/* Refusals of the device authorization endpoint keep their details. */
static void
test_provider_authorization_refused (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimDeviceAuthorizationRequest) request = provider_authorization_request ("openid");
  g_autoptr (PimDeviceAuthorizationResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  /* An unknown client. */
  pim_oauth_request_set_client_id (PIM_OAUTH_REQUEST (request), "pim-nobody");
  response = authorize (request, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
  assert_error_response (PIM_OAUTH_REQUEST (request), "invalid_client", 401);
  g_clear_error (&error);

  /* A confidential client (client_secret_basic) that may not use the
   * device grant: authenticated, then refused (oidc-provider says
   * invalid_request, "…device_code is not allowed for this client"). */
  g_object_set (request, "client-id", PIM_TEST_CLIENT_BASIC_ID, "client-secret",
                PIM_TEST_CLIENT_BASIC_SECRET, NULL);
  response = authorize (request, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "not allowed for this client"));
  assert_error_response (PIM_OAUTH_REQUEST (request), "invalid_request", 400);
  g_clear_error (&error);

  /* The same client with a wrong secret. */
  pim_oauth_request_set_client_secret (PIM_OAUTH_REQUEST (request), "wrong");
  response = authorize (request, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
}

/* The user's side, run in a thread of its own once the poller has polled
 * twice (so it has seen authorization_pending at least once). */
typedef struct
{
  PimDeviceTokenRequest *request;
  char                  *verification_uri;
  char                  *user_code; /* NULL: verification_uri is the complete one */
  gboolean               deny;
  GError                *error;
} User;

/* Denies as a user would: the code form, then "Abort" on the confirmation
 * (oidc-provider's code_verification with abort=yes). */
static gboolean
deny_device (const char *verification_uri, const char *user_code, GError **error)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (SoupMessage) get = soup_message_new ("GET", verification_uri);
  g_autoptr (SoupMessage) post = NULL;
  g_autoptr (GBytes) page = NULL;
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (GRegex) regex = g_regex_new ("name=\"xsrf\" value=\"([^\"]+)\"", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *text = NULL;
  g_autofree char *xsrf = NULL;
  g_autofree char *answer_text = NULL;

  soup_session_add_feature_by_type (session, SOUP_TYPE_COOKIE_JAR);
  page = soup_session_send_and_read (session, get, NULL, error);
  if (page == NULL)
    return FALSE;
  text = g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));
  if (!g_regex_match (regex, text, 0, &match))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no xsrf on the device page: %s", text);
      return FALSE;
    }
  xsrf = g_match_info_fetch (match, 1);
  post = soup_message_new_from_encoded_form ("POST", verification_uri,
                                             soup_form_encode ("xsrf", xsrf, "user_code", user_code,
                                                               "abort", "yes", NULL));
  answer = soup_session_send_and_read (session, post, NULL, error);
  if (answer == NULL)
    return FALSE;
  answer_text = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  /* oidc-provider's page for an AbortedError */
  if (strstr (answer_text, "The Sign-in request was interrupted") == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the abort was not taken: %u %s",
                   soup_message_get_status (post), answer_text);
      return FALSE;
    }
  return TRUE;
}

static gpointer
user_thread (gpointer data)
{
  User  *user = data;
  gint64 give_up = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (pim_device_token_request_get_polls (user->request) < 2 &&
         g_get_monotonic_time () < give_up)
    g_usleep (10 * 1000);
  if (user->deny)
    deny_device (user->verification_uri, user->user_code, &user->error);
  else
    {
      g_autoptr (PimTestBrowser) browser = pim_test_browser_new (shared_issuer (), NULL);

      pim_test_browser_verify_device (browser, user->verification_uri, user->user_code,
                                      &user->error);
    }
  return NULL;
}

/* Records whether any poll was answered authorization_pending. */
static void
on_error_response (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  g_autoptr (PimOAuthErrorResponse) response =
      pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (object));

  if (response != NULL &&
      g_strcmp0 (pim_oauth_error_response_get_error (response), "authorization_pending") == 0)
    g_atomic_int_set ((int *) user_data, TRUE);
}

static PimDeviceTokenRequest *
provider_token_request (void)
{
  PimDeviceTokenRequest *request =
      pim_device_token_request_new (NULL, PIM_TEST_CLIENT_DEVICE_ID, NULL);

  pim_oauth_request_set_issuer (PIM_OAUTH_REQUEST (request), shared_issuer ());
  pim_device_token_request_set_interval (request, 0.2);
  return request;
}

/* The whole flow: authorization, polling while the user signs in on
 * another "device", tokens, and the ID token validated. */
static void
test_provider_approve (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  const char *issuer = shared_issuer ();
  g_autoptr (PimDeviceAuthorizationRequest) request =
      provider_authorization_request ("openid offline_access api:read");
  g_autoptr (PimDeviceAuthorizationResponse) authorization = NULL;
  g_autoptr (PimDeviceTokenRequest) token_request = provider_token_request ();
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (PimTokenValidationParameters) parameters = NULL;
  g_autoptr (PimClaims) claims = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) audiences = NULL;
  User     user = { 0 };
  GThread *thread;
  int      saw_pending = FALSE;

  authorization = authorize (request, mode, &error);
  g_assert_no_error (error);

  /* Sync: the user types the code; async: the complete URI (a QR code). */
  user.request = token_request;
  if (mode == PIM_TEST_SYNC)
    {
      user.verification_uri =
          g_strdup (pim_device_authorization_response_get_verification_uri (authorization));
      user.user_code = g_strdup (pim_device_authorization_response_get_user_code (authorization));
    }
  else
    user.verification_uri =
        g_strdup (pim_device_authorization_response_get_verification_uri_complete (authorization));
  g_signal_connect (token_request, "notify::error-response", G_CALLBACK (on_error_response),
                    &saw_pending);
  thread = g_thread_new ("user", user_thread, &user);
  tokens = poll_until_done (token_request, authorization, NULL, NULL, mode, &error);
  g_thread_join (thread);
  g_assert_no_error (user.error);
  g_assert_no_error (error);

  /* The device code came from the authorization. */
  g_assert_cmpstr (pim_device_token_request_get_device_code (token_request), ==,
                   pim_device_authorization_response_get_device_code (authorization));
  g_assert_true (g_atomic_int_get (&saw_pending));
  g_assert_cmpuint (pim_device_token_request_get_polls (token_request), >=, 2);
  g_assert_cmpfloat (pim_device_token_request_get_current_interval (token_request), ==, 0.2);
  assert_error_response (PIM_OAUTH_REQUEST (token_request), NULL, 0);

  g_assert_cmpuint (strlen (pim_token_response_get_access_token (tokens)), >, 0);
  g_assert_cmpstr (pim_token_response_get_token_type (tokens), ==, "Bearer");
  g_assert_cmpint (pim_token_response_get_expires_in (tokens), >, 0);
  g_assert_nonnull (pim_token_response_get_refresh_token (tokens));
  g_assert_nonnull (pim_token_response_get_id_token (tokens));

  parameters = pim_token_validation_parameters_new (issuer, PIM_TEST_CLIENT_DEVICE_ID);
  g_object_set (parameters, "client-id", PIM_TEST_CLIENT_DEVICE_ID, NULL);
  claims =
      pim_validate_token (pim_token_response_get_id_token (tokens), parameters, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_claims_get_issuer (claims), ==, issuer);
  g_assert_cmpstr (pim_claims_get_subject (claims), ==, PIM_TEST_LOGIN_DEFAULT_USER);
  audiences = pim_claims_dup_audiences (claims);
  g_assert_cmpstrv (audiences, ((const char *const[]){ PIM_TEST_CLIENT_DEVICE_ID, NULL }));

  g_free (user.verification_uri);
  g_free (user.user_code);
}

/* The user says no: the provider answers access_denied. */
static void
test_provider_deny (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimDeviceAuthorizationRequest) request = provider_authorization_request ("openid");
  g_autoptr (PimDeviceAuthorizationResponse) authorization = NULL;
  g_autoptr (PimDeviceTokenRequest) token_request = provider_token_request ();
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GError) error = NULL;
  User     user = { 0 };
  GThread *thread;
  guint    polls;

  authorization = authorize (request, mode, &error);
  g_assert_no_error (error);
  user.request = token_request;
  user.deny = TRUE;
  user.verification_uri =
      g_strdup (pim_device_authorization_response_get_verification_uri (authorization));
  user.user_code = g_strdup (pim_device_authorization_response_get_user_code (authorization));
  thread = g_thread_new ("user", user_thread, &user);
  tokens = poll_until_done (token_request, authorization, NULL, NULL, mode, &error);
  g_thread_join (thread);
  g_assert_no_error (user.error);
  g_assert_null (tokens);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_ACCESS_DENIED);
  assert_error_response (PIM_OAUTH_REQUEST (token_request), "access_denied", 400);
  polls = pim_device_token_request_get_polls (token_request);
  g_assert_cmpuint (polls, >=, 2);

  g_free (user.verification_uri);
  g_free (user.user_code);
}

/* pim_request_device_token polls once and returns what it gets. */
static void
test_provider_single_poll (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimDeviceAuthorizationRequest) request = provider_authorization_request ("openid");
  g_autoptr (PimDeviceAuthorizationResponse) authorization = NULL;
  g_autoptr (PimDeviceTokenRequest) token_request = NULL;
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (shared_issuer (), "bob");
  g_autoptr (GError) error = NULL;

  authorization = authorize (request, mode, &error);
  g_assert_no_error (error);
  token_request = pim_device_token_request_new (NULL, PIM_TEST_CLIENT_DEVICE_ID,
                                                pim_device_authorization_response_get_device_code (
                                                    authorization));
  pim_oauth_request_set_issuer (PIM_OAUTH_REQUEST (token_request), shared_issuer ());

  tokens = poll_once (token_request, mode, &error);
  g_assert_null (tokens);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_AUTHORIZATION_PENDING);
  assert_error_response (PIM_OAUTH_REQUEST (token_request), "authorization_pending", 400);
  g_clear_error (&error);
  /* A single poll is not the poller's. */
  g_assert_cmpuint (pim_device_token_request_get_polls (token_request), ==, 0);

  pim_test_browser_verify_device (browser,
                                  pim_device_authorization_response_get_verification_uri (
                                      authorization),
                                  pim_device_authorization_response_get_user_code (authorization),
                                  &error);
  g_assert_no_error (error);
  tokens = poll_once (token_request, mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pim_token_response_get_id_token (tokens));
  assert_error_response (PIM_OAUTH_REQUEST (token_request), NULL, 0);
  g_clear_object (&tokens);

  /* A device code gives tokens once. */
  tokens = poll_once (token_request, mode, &error);
  g_assert_null (tokens);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_GRANT);
  assert_error_response (PIM_OAUTH_REQUEST (token_request), "invalid_grant", 400);
}

/* ---- The fault server ---- */

/* Collects the values current-interval takes. */
static void
on_current_interval (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  double value = pim_device_token_request_get_current_interval (PIM_DEVICE_TOKEN_REQUEST (object));

  g_array_append_val ((GArray *) user_data, value);
}

static void
test_pending_then_success (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *path = new_path ();
  g_autoptr (PimDeviceTokenRequest) request = fault_request (path, 0.05);
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  for (guint i = 0; i < 3; i++)
    pim_test_server_queue_document (server, path, 400, JSON_TYPE, PENDING);
  pim_test_server_set_document (server, path, 200, JSON_TYPE, TOKENS);
  start = g_get_monotonic_time ();
  tokens = poll_until_done (request, NULL, NULL, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_access_token (tokens), ==, "at-1");
  g_assert_cmpuint (pim_test_server_get_hits (server, path), ==, 4);
  g_assert_cmpuint (pim_device_token_request_get_polls (request), ==, 4);
  g_assert_cmpfloat (pim_device_token_request_get_current_interval (request), ==, 0.05);
  /* It waited before each poll. */
  g_assert_cmpfloat (elapsed_since (start), >=, 4 * 0.05 - 0.005);
  assert_error_response (PIM_OAUTH_REQUEST (request), NULL, 0);
}

/* slow_down, again and again: each adds the increment, for good. */
static void
test_slow_down_storm (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *path = new_path ();
  g_autoptr (PimDeviceTokenRequest) request = fault_request (path, 0.02);
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) intervals = g_array_new (FALSE, FALSE, sizeof (double));
  const double expected[] = { 0.02, 0.05, 0.08, 0.11, 0.14 };
  gint64       start;

  pim_device_token_request_set_slow_down_increment (request, 0.03);
  for (guint i = 0; i < 4; i++)
    pim_test_server_queue_document (server, path, 400, JSON_TYPE, SLOW_DOWN);
  pim_test_server_queue_document (server, path, 400, JSON_TYPE, PENDING);
  pim_test_server_set_document (server, path, 200, JSON_TYPE, TOKENS);
  g_signal_connect (request, "notify::current-interval", G_CALLBACK (on_current_interval),
                    intervals);
  start = g_get_monotonic_time ();
  tokens = poll_until_done (request, NULL, NULL, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tokens);
  g_assert_cmpuint (pim_test_server_get_hits (server, path), ==, 6);
  g_assert_cmpuint (pim_device_token_request_get_polls (request), ==, 6);
  g_assert_cmpuint (intervals->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < intervals->len; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (intervals, double, i), expected[i], 1e-9);
  /* pending does not slow down further */
  g_assert_cmpfloat_with_epsilon (pim_device_token_request_get_current_interval (request), 0.14,
                                  1e-9);
  /* 0.02 + 0.05 + 0.08 + 0.11 + 0.14 + 0.14 s of waiting */
  g_assert_cmpfloat (elapsed_since (start), >=, 0.54 - 0.01);
}

typedef struct
{
  const char *name;
  guint       status;
  const char *content_type;
  const char *body;
  int         code;
  const char *error; /* the error response kept, if any */
} RefusalCase;

static const RefusalCase refusal_cases[] = {
  { "expired-token", 400, JSON_TYPE, "{\"error\":\"expired_token\"}", PIM_OAUTH_ERROR_EXPIRED_TOKEN,
    "expired_token" },
  { "access-denied", 400, JSON_TYPE,
    "{\"error\":\"access_denied\",\"error_description\":\"the user said no\"}",
    PIM_OAUTH_ERROR_ACCESS_DENIED, "access_denied" },
  { "invalid-grant", 400, JSON_TYPE, "{\"error\":\"invalid_grant\"}", PIM_OAUTH_ERROR_INVALID_GRANT,
    "invalid_grant" },
  { "invalid-client", 401, JSON_TYPE, "{\"error\":\"invalid_client\"}",
    PIM_OAUTH_ERROR_INVALID_CLIENT, "invalid_client" },
  { "unknown-error", 400, JSON_TYPE, "{\"error\":\"pim_unheard_of\"}", PIM_OAUTH_ERROR_FAILED,
    "pim_unheard_of" },
  { "junk-200", 200, JSON_TYPE, "junk", PIM_OAUTH_ERROR_INVALID_RESPONSE, NULL },
  { "html-200", 200, "text/html", "<html>Sign in</html>", PIM_OAUTH_ERROR_INVALID_RESPONSE, NULL },
  { "no-access-token", 200, JSON_TYPE, "{\"token_type\":\"Bearer\"}",
    PIM_OAUTH_ERROR_INVALID_RESPONSE, NULL },
};

typedef struct
{
  const RefusalCase *c;
  PimTestMode        mode;
} RefusalRun;

static RefusalRun refusal_runs[G_N_ELEMENTS (refusal_cases) * 2];

/* After one authorization_pending, an answer that ends the polling. */
static void
test_refusal (gconstpointer data)
{
  const RefusalRun  *run = data;
  const RefusalCase *c = run->c;
  g_autofree char   *path = new_path ();
  g_autoptr (PimDeviceTokenRequest) request = fault_request (path, 0.02);
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GError) error = NULL;

  pim_test_server_queue_document (server, path, 400, JSON_TYPE, PENDING);
  pim_test_server_set_document (server, path, c->status, c->content_type, c->body);
  tokens = poll_until_done (request, NULL, NULL, NULL, run->mode, &error);
  g_assert_null (tokens);
  g_assert_error (error, PIM_OAUTH_ERROR, c->code);
  g_assert_cmpuint (pim_test_server_get_hits (server, path), ==, 2);
  g_assert_cmpuint (pim_device_token_request_get_polls (request), ==, 2);
  assert_error_response (PIM_OAUTH_REQUEST (request), c->error, c->status);
}

/* The device code's lifetime passes while the provider keeps answering
 * authorization_pending. */
static void
test_local_expiry (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *path = new_path ();
  g_autoptr (PimDeviceTokenRequest) request = fault_request (path, 0.1);
  g_autoptr (PimDeviceAuthorizationResponse) authorization = NULL;
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;
  double elapsed;
  guint  polls;

  pim_test_server_set_document (server, path, 400, JSON_TYPE, PENDING);
  authorization = pim_device_authorization_response_new_from_json (
      "{\"device_code\":\"dc-other\",\"user_code\":\"U\",\"verification_uri\":\"https://"
      "op.example/d\",\"expires_in\":1,\"interval\":30}",
      &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  tokens = poll_until_done (request, authorization, NULL, NULL, mode, &error);
  elapsed = elapsed_since (start);
  g_assert_null (tokens);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_EXPIRED_TOKEN);
  /* Ended at the expiry, not at the next poll or the authorization's
   * interval (30 s; the request's 0.1 s wins). */
  g_assert_cmpfloat (elapsed, >=, 0.95);
  g_assert_cmpfloat (elapsed, <, 1.6);
  polls = pim_device_token_request_get_polls (request);
  g_assert_cmpuint (polls, >=, 5);
  g_assert_cmpuint (polls, <=, 10);
  g_assert_cmpuint (pim_test_server_get_hits (server, path), ==, polls);
  /* The request's own device code is kept. */
  g_assert_cmpstr (pim_device_token_request_get_device_code (request), ==, "dc-1");
  /* A failure of the poller's, not the provider's refusal. */
  assert_error_response (PIM_OAUTH_REQUEST (request), NULL, 0);
}

/* expires-at on the request, already past: no poll at all. */
static void
test_expires_at_property (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *path = new_path ();
  g_autoptr (PimDeviceTokenRequest) request = fault_request (path, 0.02);
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GError) error = NULL;

  pim_test_server_set_document (server, path, 200, JSON_TYPE, TOKENS);
  pim_device_token_request_set_expires_at (request, g_get_real_time () / G_USEC_PER_SEC - 1);
  tokens = poll_until_done (request, NULL, NULL, NULL, mode, &error);
  g_assert_null (tokens);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_EXPIRED_TOKEN);
  g_assert_cmpuint (pim_device_token_request_get_polls (request), ==, 0);
  g_assert_cmpuint (pim_test_server_get_hits (server, path), ==, 0);

  /* A later one lets the poll happen. */
  pim_device_token_request_set_expires_at (request, g_get_real_time () / G_USEC_PER_SEC + 60);
  g_clear_error (&error);
  tokens = poll_until_done (request, NULL, NULL, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pim_device_token_request_get_polls (request), ==, 1);
}

/* No device code anywhere: refused before any wait. */
static void
test_no_device_code (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *path = new_path ();
  g_autoptr (PimDeviceTokenRequest) request = fault_request (path, 0.02);
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GError) error = NULL;

  pim_device_token_request_set_device_code (request, NULL);
  tokens = poll_until_done (request, NULL, NULL, NULL, mode, &error);
  g_assert_null (tokens);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  tokens = poll_once (request, mode, &error);
  g_assert_null (tokens);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (pim_test_server_get_hits (server, path), ==, 0);
  g_assert_cmpuint (pim_device_token_request_get_polls (request), ==, 0);
}

/* Cancelled in the first wait, which is the default 5 s when neither the
 * request nor the authorization sets an interval. */
static void
test_cancel_first_wait (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *path = new_path ();
  g_autoptr (PimDeviceTokenRequest) request = fault_request (path, 0.0);
  g_autoptr (PimDeviceAuthorizationResponse) authorization = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GError) error = NULL;
  GThread *canceller;
  gint64   start;

  pim_test_server_set_document (server, path, 200, JSON_TYPE, TOKENS);
  authorization = pim_device_authorization_response_new_from_json (AUTHORIZATION, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  canceller = pim_test_cancel_later (cancellable, 200);
  tokens = poll_until_done (request, authorization, NULL, cancellable, mode, &error);
  g_thread_join (canceller);
  g_assert_null (tokens);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (elapsed_since (start), <, 1.5);
  g_assert_cmpfloat (pim_device_token_request_get_current_interval (request), ==, 5.0);
  g_assert_cmpuint (pim_device_token_request_get_polls (request), ==, 0);
  g_assert_cmpuint (pim_test_server_get_hits (server, path), ==, 0);

  /* Already cancelled: at once. */
  g_clear_error (&error);
  start = g_get_monotonic_time ();
  tokens = poll_until_done (request, authorization, NULL, cancellable, mode, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (elapsed_since (start), <, 0.5);
}

/* Cancelled in the long wait after a slow_down: the slow_down answer is
 * not kept as the request's error response. */
static void
test_cancel_after_slow_down (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *path = new_path ();
  g_autoptr (PimDeviceTokenRequest) request = fault_request (path, 0.02);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GError) error = NULL;
  GThread *canceller;
  gint64   start;

  pim_test_server_queue_document (server, path, 400, JSON_TYPE, SLOW_DOWN);
  pim_test_server_set_document (server, path, 200, JSON_TYPE, TOKENS);
  start = g_get_monotonic_time ();
  canceller = pim_test_cancel_later (cancellable, 300);
  tokens = poll_until_done (request, NULL, NULL, cancellable, mode, &error);
  g_thread_join (canceller);
  g_assert_null (tokens);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* well before the 5.02 s wait ends */
  g_assert_cmpfloat (elapsed_since (start), <, 1.5);
  g_assert_cmpfloat_with_epsilon (pim_device_token_request_get_current_interval (request), 5.02,
                                  1e-9);
  g_assert_cmpuint (pim_device_token_request_get_polls (request), ==, 1);
  g_assert_cmpuint (pim_test_server_get_hits (server, path), ==, 1);
  assert_error_response (PIM_OAUTH_REQUEST (request), NULL, 0);
}

/* Cancelled while a poll is in flight (the server answers in 3 s). */
static void
test_cancel_mid_poll (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *key = new_path ();
  g_autofree char *uri = NULL;
  g_autoptr (PimDeviceTokenRequest) request = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *query = g_strdup_printf ("/slow-headers?delay_ms=3000&key=%s", key);
  GThread         *canceller;
  gint64           start;

  uri = pim_test_server_get_uri (server, query);
  request = pim_device_token_request_new (uri, "pim-device", "dc-1");
  pim_device_token_request_set_interval (request, 0.02);
  start = g_get_monotonic_time ();
  canceller = pim_test_cancel_later (cancellable, 300);
  tokens = poll_until_done (request, NULL, NULL, cancellable, mode, &error);
  g_thread_join (canceller);
  g_assert_null (tokens);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (elapsed_since (start), <, 1.5);
  g_assert_cmpuint (pim_device_token_request_get_polls (request), ==, 1);
  g_assert_cmpuint (pim_test_server_get_hits (server, key), ==, 1);
  assert_error_response (PIM_OAUTH_REQUEST (request), NULL, 0);
}

/* A poll that times out doubles the interval (RFC 8628 §3.5) and polling
 * goes on, here until the code expires. */
static void
test_timeout_backoff (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *key = new_path ();
  g_autofree char *query = g_strdup_printf ("/slow-headers?delay_ms=2500&key=%s", key);
  g_autofree char *uri = pim_test_server_get_uri (server, query);
  g_autoptr (PimDeviceTokenRequest) request =
      pim_device_token_request_new (uri, "pim-device", NULL);
  g_autoptr (PimHttpClient) client = g_object_new (PIM_TYPE_HTTP_CLIENT, "timeout", 1, NULL);
  g_autoptr (PimDeviceAuthorizationResponse) authorization = NULL;
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GError) error = NULL;

  pim_device_token_request_set_interval (request, 0.05);
  authorization =
      pim_device_authorization_response_new_from_json ("{\"device_code\":\"dc-2\",\"user_code\":"
                                                       "\"U\",\"verification_uri\":\"https://"
                                                       "op.example/d\",\"expires_in\":2}",
                                                       &error);
  g_assert_no_error (error);
  /* 0.05 s wait, poll, timeout at ~1.05 s; 0.1 s wait, poll, timeout at
   * ~2.15 s; past the expiry. */
  tokens = poll_until_done (request, authorization, client, NULL, mode, &error);
  g_assert_null (tokens);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_EXPIRED_TOKEN);
  g_assert_cmpstr (pim_device_token_request_get_device_code (request), ==, "dc-2");
  g_assert_cmpuint (pim_device_token_request_get_polls (request), ==, 2);
  g_assert_cmpuint (pim_test_server_get_hits (server, key), ==, 2);
  g_assert_cmpfloat_with_epsilon (pim_device_token_request_get_current_interval (request), 0.2,
                                  1e-9);
}

/* The async poller never blocks its context: other sources run while it
 * waits. */
static gboolean
count_tick (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_async_does_not_block (void)
{
  g_autofree char *path = new_path ();
  g_autoptr (PimDeviceTokenRequest) request = fault_request (path, 0.3);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GError) error = NULL;
  guint ticks = 0;
  guint id;

  pim_test_server_set_document (server, path, 200, JSON_TYPE, TOKENS);
  id = g_timeout_add (10, count_tick, &ticks);
  pim_poll_device_token_async (request, NULL, NULL, NULL, pim_test_store_result, &result);
  /* Nothing sent before the first interval. */
  g_assert_cmpuint (pim_test_server_get_hits (server, path), ==, 0);
  pim_test_wait_result (&result);
  g_source_remove (id);
  tokens = pim_poll_device_token_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ticks, >=, 10);
  g_assert_cmpuint (pim_test_server_get_hits (server, path), ==, 1);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);

  g_test_add_func ("/oauth-device/build/authorization-form", test_build_authorization_form);
  g_test_add_func ("/oauth-device/build/token-form", test_build_token_form);
  g_test_add_func ("/oauth-device/authorization/from-json", test_authorization_from_json);
  for (gsize i = 0; i < G_N_ELEMENTS (authorization_cases); i++)
    for (PimTestMode mode = PIM_TEST_SYNC; mode <= PIM_TEST_ASYNC; mode++)
      {
        AuthorizationRun *run = &authorization_runs[i * 2 + mode];
        g_autofree char  *name =
            g_strdup_printf ("/oauth-device/authorization/%s/%s", authorization_cases[i].name,
                             pim_test_mode_name (mode));

        run->c = &authorization_cases[i];
        run->mode = mode;
        g_test_add_data_func (name, run, test_authorization_case);
      }

  pim_test_add_both ("/oauth-device/provider", "authorization", test_provider_authorization);
  pim_test_add_both ("/oauth-device/provider", "authorization-refused",
                     test_provider_authorization_refused);
  pim_test_add_both ("/oauth-device/provider", "approve", test_provider_approve);
  pim_test_add_both ("/oauth-device/provider", "deny", test_provider_deny);
  pim_test_add_both ("/oauth-device/provider", "single-poll", test_provider_single_poll);

  pim_test_add_both ("/oauth-device/poll", "pending-then-success", test_pending_then_success);
  pim_test_add_both ("/oauth-device/poll", "slow-down-storm", test_slow_down_storm);
  for (gsize i = 0; i < G_N_ELEMENTS (refusal_cases); i++)
    for (PimTestMode mode = PIM_TEST_SYNC; mode <= PIM_TEST_ASYNC; mode++)
      {
        RefusalRun      *run = &refusal_runs[i * 2 + mode];
        g_autofree char *name = g_strdup_printf ("/oauth-device/poll/refusal/%s/%s",
                                                 refusal_cases[i].name, pim_test_mode_name (mode));

        run->c = &refusal_cases[i];
        run->mode = mode;
        g_test_add_data_func (name, run, test_refusal);
      }
  pim_test_add_both ("/oauth-device/poll", "local-expiry", test_local_expiry);
  pim_test_add_both ("/oauth-device/poll", "expires-at-property", test_expires_at_property);
  pim_test_add_both ("/oauth-device/poll", "no-device-code", test_no_device_code);
  pim_test_add_both ("/oauth-device/poll", "cancel-first-wait", test_cancel_first_wait);
  pim_test_add_both ("/oauth-device/poll", "cancel-after-slow-down", test_cancel_after_slow_down);
  pim_test_add_both ("/oauth-device/poll", "cancel-mid-poll", test_cancel_mid_poll);
  pim_test_add_both ("/oauth-device/poll", "timeout-backoff", test_timeout_backoff);
  g_test_add_func ("/oauth-device/poll/async-does-not-block", test_async_does_not_block);

  ret = g_test_run ();
  pim_test_server_free (server);
  return ret;
}
