/* http-send-test.c: the send helper, sync and async, against the fault
 * server: statuses, redirects, bodies, limits, retries, timeouts, TLS
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-http-private.h"
#include "pim-test-async.h"
#include "pim-test-server.h"

static PimTestServer *server;
static PimTestServer *tls_server;

/* Every test runs once per mode; the mode is the test data. */
#define MODE(data) ((PimTestMode) GPOINTER_TO_INT (data))

static PimHttpResponse *
send_request (PimHttpClient  *client,
              PimHttpRequest *request,
              PimTestMode     mode,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_http_client_send (client, request, cancellable, error);
  pim_http_client_send_async (client, request, cancellable, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_http_client_send_finish (result, error);
}

static PimHttpResponse *
send_get (PimHttpClient *client,
          PimTestServer *from,
          const char    *path,
          PimTestMode    mode,
          GError       **error)
{
  g_autofree char *uri = pim_test_server_get_uri (from, path);
  g_autoptr (PimHttpRequest) request = pim_http_request_new ("GET", uri);

  pim_http_request_set_expect_json (request, TRUE);
  return send_request (client, request, mode, NULL, error);
}

static JsonNode *
get_json (PimHttpClient *client,
          PimTestServer *from,
          const char    *path,
          PimTestMode    mode,
          GError       **error)
{
  g_autofree char *uri = pim_test_server_get_uri (from, path);

  return pim_test_get_json (client, uri, mode, error);
}

/* A client that retries quickly, so that tests stay short. */
static PimHttpClient *
fast_client (void)
{
  return g_object_new (PIM_TYPE_HTTP_CLIENT, "retry-base-delay", 0.01, "timeout", 5, NULL);
}

static void
test_ok (gconstpointer data)
{
  g_autoptr (PimHttpClient) client = fast_client ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpResponse) response = send_get (client, server, "/ok", MODE (data), &error);
  g_autoptr (JsonNode) node = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (response->retries, ==, 0);
  g_assert_true (pim_http_response_check_success (response, &error));
  node = pim_http_response_parse_json (response, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "ok"));
}

static void
test_status (gconstpointer data)
{
  g_autoptr (PimHttpClient) client = fast_client ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpResponse) response = NULL;
  g_autoptr (JsonNode) node = NULL;

  /* The send helper hands back any final status with its body: the OAuth
   * layer reads error bodies from 400 and 401 answers. */
  response = send_get (client, server, "/status/400", MODE (data), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 400);
  node = pim_http_response_parse_json (response, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "error"), ==,
                   "invalid_request");
  g_assert_false (pim_http_response_check_success (response, &error));
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_STATUS);
  g_clear_error (&error);
  g_clear_pointer (&node, json_node_unref);

  /* get_json turns it into an error naming the URL (without the query)
   * and the status; 500 is not retried. */
  pim_test_server_reset_hits (server);
  node = get_json (client, server, "/status/500?key=s500&secret=HUNTER2", MODE (data), &error);
  g_assert_null (node);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_STATUS);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_nonnull (strstr (error->message, "/status/500"));
  g_assert_null (strstr (error->message, "HUNTER2"));
  g_assert_cmpuint (pim_test_server_get_hits (server, "s500"), ==, 1);
}

static void
test_redirect_refused (gconstpointer data)
{
  g_autoptr (PimHttpClient) client = fast_client ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpResponse) response = NULL;
  const guint statuses[] = { 301, 302, 303, 307, 308 };

  pim_test_server_reset_hits (server);
  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *path =
          g_strdup_printf ("/redirect?status=%u&to=%%2Fok%%3Fkey%%3Dtarget%%26code%%3DSECRET",
                           statuses[i]);
      g_autofree char *status = g_strdup_printf ("(%u)", statuses[i]);

      response = send_get (client, server, path, MODE (data), &error);
      g_assert_null (response);
      g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_REDIRECT_REFUSED);
      g_assert_nonnull (strstr (error->message, status));
      /* The location is named, without its query. */
      g_assert_nonnull (strstr (error->message, "/ok”"));
      g_assert_null (strstr (error->message, "SECRET"));
      g_clear_error (&error);
    }
  /* Never followed. */
  g_assert_cmpuint (pim_test_server_get_hits (server, "target"), ==, 0);
}

static void
test_not_json (gconstpointer data)
{
  g_autoptr (PimHttpClient) client = fast_client ();
  const char *paths[] = { "/garbage", "/html", "/json?body=%7B%7D&type=text%2Fplain",
                          "/json?body=&type=application%2Fjson" };

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = get_json (client, server, paths[i], MODE (data), &error);

      g_assert_null (node);
      g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_NOT_JSON);
    }

  /* A +json media type is JSON. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) node =
        get_json (client, server,
                  "/json?body=%7B%22keys%22%3A%5B%5D%7D&type=application%2Fjwk-set%2Bjson",
                  MODE (data), &error);

    g_assert_no_error (error);
    g_assert_true (json_object_has_member (json_node_get_object (node), "keys"));
  }
}

static void
test_size_limit (gconstpointer data)
{
  g_autoptr (PimHttpClient) client =
      g_object_new (PIM_TYPE_HTTP_CLIENT, "max-response-size", (guint64) 1000, "timeout", 5, NULL);
  struct
  {
    const char *path;
    gboolean    ok;
  } cases[] = {
    { "/huge?size=1000&chunked=0", TRUE },      { "/huge?size=1000&chunked=1", TRUE },
    { "/huge?size=1001&chunked=0", FALSE },     { "/huge?size=1001&chunked=1", FALSE },
    { "/huge?size=50000000&chunked=1", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimHttpResponse) response =
          send_get (client, server, cases[i].path, MODE (data), &error);

      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (g_bytes_get_size (response->body), ==, 1000);
        }
      else
        {
          g_assert_null (response);
          g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TOO_LARGE);
        }
    }
}

/* The limit is enforced while reading: a body that never ends fails as
 * soon as it passes the limit, not at the timeout. */
static void
test_size_limit_while_reading (gconstpointer data)
{
  g_autoptr (PimHttpClient) client =
      g_object_new (PIM_TYPE_HTTP_CLIENT, "max-response-size", (guint64) 4, "timeout", 30, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpResponse) response = send_get (client, server, "/stall", MODE (data), &error);

  g_assert_null (response);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TOO_LARGE);
}

static void
test_retry_then_success (gconstpointer data)
{
  g_autoptr (PimHttpClient) client = fast_client ();
  const char *statuses[] = { "503", "429" };

  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *key =
          g_strdup_printf ("storm-%s-%s", statuses[i], pim_test_mode_name (MODE (data)));
      g_autofree char *path = g_strdup_printf ("/storm?key=%s&fail=2&status=%s", key, statuses[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (PimHttpResponse) response = send_get (client, server, path, MODE (data), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (response->status, ==, 200);
      g_assert_cmpuint (response->retries, ==, 2);
      g_assert_cmpuint (pim_test_server_get_hits (server, key), ==, 3);
    }
}

static void
test_retry_exhausted (gconstpointer data)
{
  g_autoptr (PimHttpClient) client =
      g_object_new (PIM_TYPE_HTTP_CLIENT, "retry-base-delay", 0.01, "retry-count", 2, NULL);
  g_autofree char *key = g_strdup_printf ("exhausted-%s", pim_test_mode_name (MODE (data)));
  g_autofree char *path = g_strdup_printf ("/storm?key=%s&fail=10", key);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = get_json (client, server, path, MODE (data), &error);

  g_assert_null (node);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_STATUS);
  g_assert_nonnull (strstr (error->message, "503"));
  g_assert_nonnull (strstr (error->message, "2 retries"));
  g_assert_cmpuint (pim_test_server_get_hits (server, key), ==, 3);
}

static void
test_no_retry_when_zero (gconstpointer data)
{
  g_autoptr (PimHttpClient) client = g_object_new (PIM_TYPE_HTTP_CLIENT, "retry-count", 0, NULL);
  g_autofree char *key = g_strdup_printf ("zero-%s", pim_test_mode_name (MODE (data)));
  g_autofree char *path = g_strdup_printf ("/storm?key=%s&fail=1", key);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpResponse) response = send_get (client, server, path, MODE (data), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 503);
  g_assert_cmpuint (pim_test_server_get_hits (server, key), ==, 1);
}

/* Retry-After is honoured, in seconds and as an HTTP date: the computed
 * backoff (10 ms here) would be far shorter. */
static void
test_retry_after (gconstpointer data)
{
  g_autoptr (PimHttpClient) client = fast_client ();
  const char *forms[] = { "retry_after=1", "retry_after_in=2" };

  for (gsize i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *key = g_strdup_printf ("after-%zu-%s", i, pim_test_mode_name (MODE (data)));
      g_autofree char *path = g_strdup_printf ("/storm?key=%s&fail=1&%s", key, forms[i]);
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr (PimHttpResponse) response = send_get (client, server, path, MODE (data), &error);
      gint64 elapsed = g_get_monotonic_time () - start;

      g_assert_no_error (error);
      g_assert_cmpuint (response->status, ==, 200);
      g_assert_cmpuint (pim_test_server_get_hits (server, key), ==, 2);
      /* An HTTP date has one-second resolution: 2 s ahead is at least 1 s. */
      g_assert_cmpint (elapsed, >=, 900 * 1000);
    }
}

/* A Retry-After beyond the cap waits only the cap. */
static void
test_retry_after_capped (gconstpointer data)
{
  g_autoptr (PimHttpClient) client =
      g_object_new (PIM_TYPE_HTTP_CLIENT, "retry-max-delay", 0.05, NULL);
  g_autofree char *key = g_strdup_printf ("capped-%s", pim_test_mode_name (MODE (data)));
  g_autofree char *path = g_strdup_printf ("/storm?key=%s&fail=1&retry_after=3600", key);
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr (PimHttpResponse) response = send_get (client, server, path, MODE (data), &error);

  /* Had the cap been ignored, this would wait an hour (and meson's
   * timeout would fail the test). */
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
test_cancel_during_backoff (gconstpointer data)
{
  g_autoptr (PimHttpClient) client = pim_http_client_new ();
  g_autofree char *key = g_strdup_printf ("cancel-%s", pim_test_mode_name (MODE (data)));
  g_autofree char *path = g_strdup_printf ("/storm?key=%s&fail=5&retry_after=30", key);
  g_autofree char *uri = pim_test_server_get_uri (server, path);
  g_autoptr (PimHttpRequest) request = pim_http_request_new ("GET", uri);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  GThread *canceller = pim_test_cancel_later (cancellable, 300);
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr (PimHttpResponse) response =
      send_request (client, request, MODE (data), cancellable, &error);

  g_thread_join (canceller);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* It was waiting for the second attempt, and stopped well before it. */
  g_assert_cmpuint (pim_test_server_get_hits (server, key), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
}

static void
test_close_during_backoff (gconstpointer data)
{
  g_autoptr (PimHttpClient) client = pim_http_client_new ();
  g_autofree char *key = g_strdup_printf ("close-%s", pim_test_mode_name (MODE (data)));
  g_autofree char *path = g_strdup_printf ("/storm?key=%s&fail=5&retry_after=30", key);
  GThread         *closer = pim_test_close_later (client, 300);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpResponse) response = send_get (client, server, path, MODE (data), &error);

  g_thread_join (closer);
  g_assert_null (response);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_CLOSED);
  g_assert_cmpuint (pim_test_server_get_hits (server, key), ==, 1);
}

static void
test_cancel_before (gconstpointer data)
{
  g_autoptr (PimHttpClient) client = pim_http_client_new ();
  g_autofree char *uri = pim_test_server_get_uri (server, "/ok?key=cancelled-before");
  g_autoptr (PimHttpRequest) request = pim_http_request_new ("GET", uri);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpResponse) response = NULL;

  g_cancellable_cancel (cancellable);
  response = send_request (client, request, MODE (data), cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_timeout (gconstpointer data)
{
  g_autoptr (PimHttpClient) client = g_object_new (PIM_TYPE_HTTP_CLIENT, "timeout", 1, NULL);
  const char *paths[] = { "/slow-headers?delay_ms=4000", "/stall" };

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimHttpResponse) response =
          send_get (client, server, paths[i], MODE (data), &error);

      g_assert_null (response);
      g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TIMEOUT);
    }
}

static void
test_slow_body_within_timeout (gconstpointer data)
{
  g_autoptr (PimHttpClient) client = g_object_new (PIM_TYPE_HTTP_CLIENT, "timeout", 2, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node =
      get_json (client, server, "/slow-body?chunks=4&delay_ms=100", MODE (data), &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
}

static void
test_connection_refused (gconstpointer data)
{
  g_autoptr (PimHttpClient) client = fast_client ();
  g_autoptr (PimTestServer) gone = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autofree char *uri = pim_test_server_get_uri (gone, "/ok");
  g_autoptr (PimHttpRequest) request = pim_http_request_new ("GET", uri);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpResponse) response = NULL;

  g_clear_pointer (&gone, pim_test_server_free);
  response = send_request (client, request, MODE (data), NULL, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_CONNECTION);
}

static void
test_insecure_refused (gconstpointer data)
{
  g_autoptr (PimHttpClient) client = fast_client ();
  g_autoptr (PimHttpRequest) request = pim_http_request_new ("GET", "http://op.example/x");
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpResponse) response = send_request (client, request, MODE (data), NULL, &error);

  g_assert_null (response);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
}

/* ---- TLS ---- */

static void
test_tls_untrusted (gconstpointer data)
{
  g_autoptr (PimHttpClient) system_trust = pim_http_client_new ();
  g_autoptr (PimHttpClient) other_ca =
      pim_http_client_new_full (NULL, -1, PIM_TLS_VERIFY_ENABLED,
                                pim_test_server_get_other_ca_file (), NULL);
  PimHttpClient *clients[] = { system_trust, other_ca };

  for (gsize i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = get_json (clients[i], tls_server, "/ok", MODE (data), &error);

      g_assert_null (node);
      g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TLS);
    }
}

static void
test_tls_trusted (gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpClient) client =
      pim_http_client_new_full (NULL, -1, PIM_TLS_VERIFY_DEFAULT, pim_test_server_get_ca_file (),
                                &error);
  g_autoptr (JsonNode) node = NULL;

  g_assert_no_error (error);
  node = get_json (client, tls_server, "/ok", MODE (data), &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
}

static void
test_tls_verify_disabled (gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpClient) client =
      pim_http_client_new_full (NULL, -1, PIM_TLS_VERIFY_DISABLED, NULL, &error);
  g_autoptr (JsonNode) node = NULL;

  g_assert_no_error (error);
  node = get_json (client, tls_server, "/ok", MODE (data), &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
}

/* ---- Bodies and headers sent ---- */

static JsonObject *
echo_request (PimHttpRequest *request, PimTestMode mode, JsonNode **keep)
{
  g_autoptr (PimHttpClient) client = fast_client ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpResponse) response = send_request (client, request, mode, NULL, &error);

  g_assert_no_error (error);
  *keep = pim_http_response_parse_json (response, &error);
  g_assert_no_error (error);
  return json_node_get_object (*keep);
}

static void
test_post_form (gconstpointer data)
{
  g_autofree char *uri = pim_test_server_get_uri (server, "/echo");
  g_autoptr (PimHttpRequest) request = pim_http_request_new ("POST", uri);
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *echo, *headers;

  pim_http_request_add_form_param (request, "grant_type", "client_credentials");
  pim_http_request_add_form_param (request, "scope", "a b");
  pim_http_request_add_header (request, "Authorization", "Basic eDp5");
  pim_http_request_set_expect_json (request, TRUE);
  echo = echo_request (request, MODE (data), &keep);

  g_assert_cmpstr (json_object_get_string_member (echo, "method"), ==, "POST");
  g_assert_cmpstr (json_object_get_string_member (echo, "body"), ==,
                   "grant_type=client_credentials&scope=a%20b");
  headers = json_object_get_object_member (echo, "headers");
  g_assert_cmpstr (json_object_get_string_member (headers, "content-type"), ==,
                   "application/x-www-form-urlencoded");
  g_assert_cmpstr (json_object_get_string_member (headers, "authorization"), ==, "Basic eDp5");
  g_assert_cmpstr (json_object_get_string_member (headers, "accept"), ==, "application/json");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (headers, "user-agent"), "pim/"));
}

static void
test_post_json (gconstpointer data)
{
  g_autofree char *uri = pim_test_server_get_uri (server, "/echo");
  g_autoptr (PimHttpRequest) request = pim_http_request_new ("POST", uri);
  g_autoptr (JsonNode) body =
      json_from_string ("{\"redirect_uris\":[\"http://127.0.0.1/cb\"]}", NULL);
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *echo;

  pim_http_request_set_json_body (request, body);
  echo = echo_request (request, MODE (data), &keep);
  g_assert_cmpstr (json_object_get_string_member (echo, "body"), ==,
                   "{\"redirect_uris\":[\"http://127.0.0.1/cb\"]}");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (echo, "headers"),
                                                  "content-type"),
                   ==, "application/json");
}

/* ---- Default clients ---- */

static void
test_default_client (gconstpointer data)
{
  g_autofree char *uri = pim_test_server_get_uri (server, "/ok");
  g_autoptr (PimHttpRequest) request = pim_http_request_new ("GET", uri);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpResponse) response = NULL;

  if (MODE (data) == PIM_TEST_SYNC)
    {
      response = pim_http_client_send (NULL, request, NULL, &error);
    }
  else
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GObject) source = NULL;

      pim_http_client_send_async (NULL, request, NULL, pim_test_store_result, &result);
      pim_test_wait_result (&result);
      source = g_async_result_get_source_object (result);
      g_assert_true (source == G_OBJECT (pim_http_client_get_shared_default ()));
      response = pim_http_client_send_finish (result, &error);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, 200);
}

/* Async callbacks run on the context that was the thread default when the
 * operation started, also in another thread with its own context. */
static gpointer
async_in_thread (gpointer data)
{
  GMainContext    *context = g_main_context_new ();
  g_autofree char *uri = pim_test_server_get_uri (server, "/ok");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  g_main_context_push_thread_default (context);
  pim_http_client_get_json_async (pim_http_client_get_shared_default (), uri, NULL,
                                  pim_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  node = pim_http_client_get_json_finish (pim_http_client_get_shared_default (), result, &error);
  g_assert_no_error (error);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  return GINT_TO_POINTER (node != NULL);
}

static void
test_async_thread_context (void)
{
  GThread *threads[3];

  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("async", async_in_thread, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  tls_server = pim_test_server_new (PIM_TEST_SERVER_TLS);

  pim_test_add_both ("/http-send", "ok", test_ok);
  pim_test_add_both ("/http-send", "status", test_status);
  pim_test_add_both ("/http-send", "redirect-refused", test_redirect_refused);
  pim_test_add_both ("/http-send", "not-json", test_not_json);
  pim_test_add_both ("/http-send", "size-limit", test_size_limit);
  pim_test_add_both ("/http-send", "size-limit-while-reading", test_size_limit_while_reading);
  pim_test_add_both ("/http-send", "retry/then-success", test_retry_then_success);
  pim_test_add_both ("/http-send", "retry/exhausted", test_retry_exhausted);
  pim_test_add_both ("/http-send", "retry/count-zero", test_no_retry_when_zero);
  pim_test_add_both ("/http-send", "retry/retry-after", test_retry_after);
  pim_test_add_both ("/http-send", "retry/retry-after-capped", test_retry_after_capped);
  pim_test_add_both ("/http-send", "retry/cancel-during-backoff", test_cancel_during_backoff);
  pim_test_add_both ("/http-send", "retry/close-during-backoff", test_close_during_backoff);
  pim_test_add_both ("/http-send", "cancel-before", test_cancel_before);
  pim_test_add_both ("/http-send", "timeout", test_timeout);
  pim_test_add_both ("/http-send", "slow-body", test_slow_body_within_timeout);
  pim_test_add_both ("/http-send", "connection-refused", test_connection_refused);
  pim_test_add_both ("/http-send", "insecure-refused", test_insecure_refused);
  pim_test_add_both ("/http-send", "tls/untrusted", test_tls_untrusted);
  pim_test_add_both ("/http-send", "tls/trusted-ca-file", test_tls_trusted);
  pim_test_add_both ("/http-send", "tls/verify-disabled", test_tls_verify_disabled);
  pim_test_add_both ("/http-send", "post/form", test_post_form);
  pim_test_add_both ("/http-send", "post/json", test_post_json);
  pim_test_add_both ("/http-send", "default-client", test_default_client);
  g_test_add_func ("/http-send/async/thread-contexts", test_async_thread_context);

  ret = g_test_run ();
  pim_test_server_free (server);
  pim_test_server_free (tls_server);
  return ret;
}
