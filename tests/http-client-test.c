/* http-client-test.c: PimHttpClient as an object: construction, sessions,
 * close, the default clients, the environment
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-http-private.h"
#include "pim-test-async.h"
#include "pim-test-server.h"

static PimTestServer *server;
static PimTestServer *tls_server;

static JsonNode *
get_json_from (PimTestServer *from,
               PimHttpClient *client,
               const char    *path,
               PimTestMode    mode,
               GError       **error)
{
  g_autofree char *uri = pim_test_server_get_uri (from, path);

  return pim_test_get_json (client, uri, mode, error);
}

static JsonNode *
get_json (PimHttpClient *client, const char *path, PimTestMode mode, GError **error)
{
  return get_json_from (server, client, path, mode, error);
}

static void
assert_fetch_works (PimHttpClient *client, PimTestMode mode)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = get_json (client, "/ok", mode, &error);

  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "ok"));
}

static void
test_owned_defaults (void)
{
  g_autoptr (PimHttpClient) client = pim_http_client_new ();
  SoupSession *session = pim_http_client_get_session (client);

  g_assert_true (PIM_IS_HTTP_CLIENT (client));
  g_assert_true (SOUP_IS_SESSION (session));
  g_assert_true (pim_http_client_get_owns_session (client));
  g_assert_false (pim_http_client_is_closed (client));
  g_assert_cmpuint (pim_http_client_get_timeout (client), ==, PIM_HTTP_CLIENT_DEFAULT_TIMEOUT);
  g_assert_cmpuint (soup_session_get_timeout (session), ==, PIM_HTTP_CLIENT_DEFAULT_TIMEOUT);
  g_assert_cmpuint (soup_session_get_max_conns_per_host (session), ==, 8);
  g_assert_cmpuint (pim_http_client_get_retry_count (client), ==, 3);
  g_assert_cmpfloat (pim_http_client_get_retry_base_delay (client), ==, 1.0);
  g_assert_cmpfloat (pim_http_client_get_retry_max_delay (client), ==, 60.0);
  g_assert_cmpuint (pim_http_client_get_max_response_size (client), ==, 1024 * 1024);
  g_assert_cmpint (pim_http_client_get_tls_verify (client), ==, PIM_TLS_VERIFY_DEFAULT);
  g_assert_null (pim_http_client_get_ca_file (client));
  assert_fetch_works (client, PIM_TEST_SYNC);
  assert_fetch_works (client, PIM_TEST_ASYNC);
}

static void
test_owned_properties (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpClient) client =
      g_initable_new (PIM_TYPE_HTTP_CLIENT, NULL, &error, "timeout", 5, "retry-count", 2,
                      "retry-base-delay", 0.125, "retry-max-delay", 2.0, "max-response-size",
                      (guint64) 100, "tls-verify", PIM_TLS_VERIFY_ENABLED, "ca-file",
                      pim_test_server_get_ca_file (), NULL);
  int              timeout = 0;
  g_autofree char *ca_file = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (pim_http_client_get_timeout (client), ==, 5);
  g_assert_cmpuint (soup_session_get_timeout (pim_http_client_get_session (client)), ==, 5);
  g_assert_cmpuint (pim_http_client_get_retry_count (client), ==, 2);
  g_assert_cmpfloat (pim_http_client_get_retry_base_delay (client), ==, 0.125);
  g_assert_cmpfloat (pim_http_client_get_retry_max_delay (client), ==, 2.0);
  g_assert_cmpuint (pim_http_client_get_max_response_size (client), ==, 100);
  g_assert_cmpint (pim_http_client_get_tls_verify (client), ==, PIM_TLS_VERIFY_ENABLED);
  g_assert_cmpstr (pim_http_client_get_ca_file (client), ==, pim_test_server_get_ca_file ());
  g_assert_nonnull (soup_session_get_tls_database (pim_http_client_get_session (client)));

  g_object_get (client, "timeout", &timeout, "ca-file", &ca_file, NULL);
  g_assert_cmpint (timeout, ==, 5);
  g_assert_cmpstr (ca_file, ==, pim_test_server_get_ca_file ());
}

static void
count_notify (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_owned_close (void)
{
  g_autoptr (PimHttpClient) client = pim_http_client_new ();
  SoupSession *session = pim_http_client_get_session (client);
  guint        notified = 0;

  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &session);
  g_signal_connect (client, "notify::closed", G_CALLBACK (count_notify), &notified);

  assert_fetch_works (client, PIM_TEST_SYNC);
  pim_http_client_close (client);
  g_assert_true (pim_http_client_is_closed (client));
  g_assert_null (pim_http_client_get_session (client));
  /* The owned session is released with the close, not with the client. */
  g_assert_null (session);
  g_assert_cmpuint (notified, ==, 1);

  /* Idempotent: no second notification, no crash. */
  pim_http_client_close (client);
  g_assert_cmpuint (notified, ==, 1);
}

static void
test_use_after_close (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (SoupSession) session = soup_session_new ();
  PimHttpClient *clients[] = { pim_http_client_new (), pim_http_client_new_for_session (session) };

  pim_test_server_reset_hits (server);

  for (gsize i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = NULL;

      pim_http_client_close (clients[i]);
      node = get_json (clients[i], "/ok", mode, &error);
      g_assert_null (node);
      g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_CLOSED);
      g_object_unref (clients[i]);
    }
  g_assert_cmpuint (pim_test_server_get_hits (server, "/ok"), ==, 0);
}

static void
test_supplied_lifetime (void)
{
  g_autoptr (SoupSession) session = soup_session_new_with_options ("timeout", 7, NULL);
  g_autoptr (PimHttpClient) client = pim_http_client_new_for_session (session);
  g_autofree char *uri = pim_test_server_get_uri (server, "/ok");
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  SoupSession *weak = session;

  g_assert_false (pim_http_client_get_owns_session (client));
  g_assert_true (pim_http_client_get_session (client) == session);
  /* The session's own settings stay as they were, and are reported. */
  g_assert_cmpuint (pim_http_client_get_timeout (client), ==, 7);
  assert_fetch_works (client, PIM_TEST_SYNC);
  assert_fetch_works (client, PIM_TEST_ASYNC);

  pim_http_client_close (client);
  g_assert_true (pim_http_client_is_closed (client));
  g_assert_null (pim_http_client_get_session (client));

  /* The session is untouched and usable after the close… */
  msg = soup_message_new ("GET", uri);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpuint (soup_session_get_timeout (session), ==, 7);

  /* …and after the client is gone; our reference is the only one left. */
  g_clear_object (&client);
  g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
  g_clear_object (&msg);
  g_clear_object (&session);
  /* libsoup finishes its async bookkeeping in idle callbacks. */
  while (weak != NULL && g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (weak);
}

typedef struct
{
  const char  *property;
  int          timeout;
  PimTlsVerify tls_verify;
  gboolean     ca_file;
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "timeout", 5, PIM_TLS_VERIFY_DEFAULT, FALSE },
  { "timeout", 0, PIM_TLS_VERIFY_DEFAULT, FALSE },
  { "tls-verify", -1, PIM_TLS_VERIFY_ENABLED, FALSE },
  { "tls-verify", -1, PIM_TLS_VERIFY_DISABLED, FALSE },
  { "ca-file", -1, PIM_TLS_VERIFY_DEFAULT, TRUE },
};

static void
test_supplied_invalid (gconstpointer data)
{
  const InvalidCase *c = data;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (PimHttpClient) uninitialized = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *quoted = g_strdup_printf ("“%s”", c->property);
  const char      *ca_file = c->ca_file ? pim_test_server_get_ca_file () : NULL;

  pim_test_server_reset_hits (server);

  client = pim_http_client_new_full (session, c->timeout, c->tls_verify, ca_file, &error);
  g_assert_null (client);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, quoted));
  g_clear_error (&error);

  /* Built with g_object_new and never initialized, as bindings may do: the
   * error comes back from init and from every use, never a silent accept. */
  uninitialized = g_object_new (PIM_TYPE_HTTP_CLIENT, "session", session, "timeout", c->timeout,
                                "tls-verify", c->tls_verify, "ca-file", ca_file, NULL);
  g_assert_false (g_initable_init (G_INITABLE (uninitialized), NULL, &error));
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  node = get_json (uninitialized, "/ok", PIM_TEST_SYNC, &error);
  g_assert_null (node);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  node = get_json (uninitialized, "/ok", PIM_TEST_ASYNC, &error);
  g_assert_null (node);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (pim_test_server_get_hits (server, "/ok"), ==, 0);
}

static void
test_owned_invalid (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpClient) client = NULL;

  client =
      pim_http_client_new_full (NULL, -1, PIM_TLS_VERIFY_DEFAULT, "/nonexistent/ca.pem", &error);
  g_assert_null (client);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  client = pim_http_client_new_full (NULL, -1, PIM_TLS_VERIFY_DISABLED,
                                     pim_test_server_get_ca_file (), &error);
  g_assert_null (client);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* A supplied session with nothing else is fine. */
  {
    g_autoptr (SoupSession) session = soup_session_new ();

    client = pim_http_client_new_full (session, -1, PIM_TLS_VERIFY_DEFAULT, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (client);
  }
}

static void
test_close_in_flight (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimHttpClient) client = pim_http_client_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  GThread *closer = pim_test_close_later (client, 200);

  node = get_json (client, "/slow-headers?delay_ms=20000", mode, &error);
  g_thread_join (closer);
  g_assert_null (node);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_CLOSED);
}

/* ---- Default clients ---- */

typedef struct
{
  GMutex         lock;
  GCond          cond;
  guint          recorded;
  gboolean       release;
  PimHttpClient *value[2];
  PimHttpClient *weak[2];
} ThreadDefaults;

static ThreadDefaults thread_defaults;

static gpointer
thread_default_thread (gpointer data)
{
  guint          i = GPOINTER_TO_UINT (data);
  PimHttpClient *client = pim_http_client_get_thread_default ();

  g_assert_true (pim_http_client_get_thread_default () == client);
  g_assert_true (pim_http_client_get_shared_default () != client);
  assert_fetch_works (client, PIM_TEST_SYNC);

  g_mutex_lock (&thread_defaults.lock);
  thread_defaults.value[i] = client;
  thread_defaults.weak[i] = client;
  g_object_add_weak_pointer (G_OBJECT (client), (gpointer *) &thread_defaults.weak[i]);
  thread_defaults.recorded++;
  g_cond_broadcast (&thread_defaults.cond);
  /* Stay alive until both defaults were compared. */
  while (!thread_defaults.release)
    g_cond_wait (&thread_defaults.cond, &thread_defaults.lock);
  g_mutex_unlock (&thread_defaults.lock);
  return NULL;
}

static void
test_thread_defaults (void)
{
  PimHttpClient *main_default = pim_http_client_get_thread_default ();
  GThread       *threads[2];

  g_assert_true (PIM_IS_HTTP_CLIENT (main_default));
  g_assert_true (pim_http_client_get_thread_default () == main_default);
  g_assert_true (pim_http_client_get_owns_session (main_default));

  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("default", thread_default_thread, GUINT_TO_POINTER (i));

  g_mutex_lock (&thread_defaults.lock);
  while (thread_defaults.recorded < 2)
    g_cond_wait (&thread_defaults.cond, &thread_defaults.lock);
  g_assert_true (thread_defaults.value[0] != main_default);
  g_assert_true (thread_defaults.value[1] != main_default);
  g_assert_true (thread_defaults.value[0] != thread_defaults.value[1]);
  thread_defaults.release = TRUE;
  g_cond_broadcast (&thread_defaults.cond);
  g_mutex_unlock (&thread_defaults.lock);

  /* Released when their thread ends. */
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);
  g_assert_null (thread_defaults.weak[0]);
  g_assert_null (thread_defaults.weak[1]);
  g_assert_true (pim_http_client_get_thread_default () == main_default);
}

static gpointer
shared_default_thread (gpointer data)
{
  return pim_http_client_get_shared_default ();
}

static void
test_shared_default (void)
{
  PimHttpClient *shared = pim_http_client_get_shared_default ();
  GThread       *thread = g_thread_new ("shared", shared_default_thread, NULL);

  g_assert_true (g_thread_join (thread) == shared);
  g_assert_true (pim_http_client_get_thread_default () != shared);
  assert_fetch_works (shared, PIM_TEST_ASYNC);
}

static void
test_defaults_cannot_close (void)
{
  PimHttpClient *defaults[] = { pim_http_client_get_thread_default (),
                                pim_http_client_get_shared_default () };

  for (gsize i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      g_test_expect_message ("Pim", G_LOG_LEVEL_CRITICAL, "*is_default*");
      pim_http_client_close (defaults[i]);
      g_test_assert_expected_messages ();
      g_assert_false (pim_http_client_is_closed (defaults[i]));
    }
  assert_fetch_works (defaults[0], PIM_TEST_SYNC);
}

/* ---- The environment ---- */

static void
test_environment (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (PimHttpClient) client = pim_http_client_new ();
      g_autoptr (PimHttpClient) second = pim_http_client_new ();
      g_autoptr (SoupSession) session = soup_session_new ();
      g_autoptr (PimHttpClient) wrapper = pim_http_client_new_for_session (session);

      g_assert_cmpuint (pim_http_client_get_timeout (client), ==, 7);
      g_assert_cmpuint (soup_session_get_timeout (pim_http_client_get_session (client)), ==, 7);
      g_assert_cmpuint (pim_http_client_get_retry_count (client), ==, 10); /* clamped */
      g_assert_cmpfloat (pim_http_client_get_retry_base_delay (client), ==, 0.25);
      /* The CA bundle from the environment is trusted. */
      {
        g_autoptr (GError) error = NULL;
        G_GNUC_UNUSED g_autoptr (JsonNode) node =
            get_json_from (tls_server, client, "/ok", PIM_TEST_SYNC, &error);

        g_assert_no_error (error);
      }
      /* Retry settings apply to a wrapped session too; TLS ones do not. */
      g_assert_cmpuint (pim_http_client_get_retry_count (wrapper), ==, 10);
      g_assert_cmpuint (pim_http_client_get_retry_count (second), ==, 10);
      return;
    }

  g_setenv ("HTTP_TIMEOUT", "7", TRUE);
  g_setenv ("HTTP_RETRY_COUNT", "99", TRUE);
  g_setenv ("HTTP_RETRY_BASE_DELAY", "0.25", TRUE);
  g_setenv ("REQUESTS_CA_BUNDLE", pim_test_server_get_ca_file (), TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("HTTP_TIMEOUT");
  g_unsetenv ("HTTP_RETRY_COUNT");
  g_unsetenv ("HTTP_RETRY_BASE_DELAY");
  g_unsetenv ("REQUESTS_CA_BUNDLE");

  g_test_trap_assert_passed ();
  /* The clamp is logged once, however many clients are made. */
  g_test_trap_assert_stderr ("*HTTP_RETRY_COUNT=99*");
  g_test_trap_assert_stderr_unmatched ("*HTTP_RETRY_COUNT=99*HTTP_RETRY_COUNT=99*");
  g_test_trap_assert_stderr_unmatched ("*HTTP_TIMEOUT*");
}

static void
test_environment_bad_ca (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (PimHttpClient) client = pim_http_client_new ();

      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = NULL;

      /* Not fatal: the system trust is used, which does not know the
       * test CA. */
      g_assert_false (pim_http_client_is_closed (client));
      node = get_json_from (tls_server, client, "/ok", PIM_TEST_SYNC, &error);
      g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TLS);
      return;
    }

  g_setenv ("SSL_CERT_FILE", "/nonexistent/bundle.pem", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("SSL_CERT_FILE");
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*SSL_CERT_FILE*system trust*");
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  tls_server = pim_test_server_new (PIM_TEST_SERVER_TLS);

  g_test_add_func ("/http-client/owned/defaults", test_owned_defaults);
  g_test_add_func ("/http-client/owned/properties", test_owned_properties);
  g_test_add_func ("/http-client/owned/close", test_owned_close);
  g_test_add_func ("/http-client/owned/invalid", test_owned_invalid);
  g_test_add_data_func ("/http-client/close/in-flight/sync", GINT_TO_POINTER (PIM_TEST_SYNC),
                        test_close_in_flight);
  g_test_add_data_func ("/http-client/close/in-flight/async", GINT_TO_POINTER (PIM_TEST_ASYNC),
                        test_close_in_flight);
  g_test_add_data_func ("/http-client/close/use-after/sync", GINT_TO_POINTER (PIM_TEST_SYNC),
                        test_use_after_close);
  g_test_add_data_func ("/http-client/close/use-after/async", GINT_TO_POINTER (PIM_TEST_ASYNC),
                        test_use_after_close);
  g_test_add_func ("/http-client/supplied/lifetime", test_supplied_lifetime);
  for (gsize i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path =
          g_strdup_printf ("/http-client/supplied/invalid/%s/%zu", invalid_cases[i].property, i);

      g_test_add_data_func (path, &invalid_cases[i], test_supplied_invalid);
    }
  g_test_add_func ("/http-client/defaults/per-thread", test_thread_defaults);
  g_test_add_func ("/http-client/defaults/shared", test_shared_default);
  g_test_add_func ("/http-client/defaults/cannot-close", test_defaults_cannot_close);
  g_test_add_func ("/http-client/environment/values", test_environment);
  g_test_add_func ("/http-client/environment/bad-ca", test_environment_bad_ca);

  ret = g_test_run ();
  pim_test_server_free (server);
  pim_test_server_free (tls_server);
  return ret;
}
