/* security-native-test.c: the security controls of the browser sign-in
 * (RFC 8252): CSRF (a forged state), mix-up (a wrong or missing iss),
 * duplicated parameters, one redirect only, the loopback server bound to
 * the loopback interface only, no redirect smuggled through another path
 * or method, and a browser page that reflects nothing of the request and
 * cannot be cached, framed or leak a referrer.
 *
 * The provider is the fault server: the sign-in has its discovery
 * document, whose token endpoint is a counted document on that server, so
 * "the code was never exchanged" is a hit count of 0. The scope has no
 * `openid` (there is no ID token to validate). The "open-uri" handler
 * plays the browser in a thread, over raw sockets so that the request
 * line is exactly what the test wrote.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>
#include <string.h>

#include "pim-test-async.h"
#include "pim-test-server.h"
#include "security-util.h"

#define TOKEN_JSON \
  "{\"access_token\":\"sec-native-at\",\"token_type\":\"Bearer\",\"expires_in\":60}"
#define SCOPE  "profile"
#define CODE   "sec-native-code-1"
#define CODE_2 "sec-native-code-2"
/* A path the redirect is never on: the tests' own. */
#define TOKEN_PATH "/sec-native/token"

static PimTestServer *server;
static char          *issuer;

static PimDiscoveryDocument *
document (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = g_strdup_printf (
      "{\"issuer\":\"%s\",\"authorization_endpoint\":\"%s/sec-native/auth\","
      "\"token_endpoint\":\"%s" TOKEN_PATH "\",\"jwks_uri\":\"%s/sec-native/jwks\","
      "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
      "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
      "\"code_challenge_methods_supported\":[\"S256\"],"
      "\"authorization_response_iss_parameter_supported\":true}",
      issuer, issuer, issuer, issuer);
  PimDiscoveryDocument *doc = pim_discovery_document_new_from_json (json, issuer, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

/* ---- the browser ---- */

typedef struct _Browser Browser;
typedef void (*Script) (Browser *browser);

struct _Browser
{
  Script        script;
  char         *url;
  char         *redirect; /* the loopback redirect URI */
  char         *state;    /* the real one */
  guint16       port;
  char         *path;
  GThread      *thread;
  GCancellable *cancellable;
  gboolean      use_ipv6;

  /* Results of the script. */
  char *responses[16]; /* raw HTTP answers, NULL when the connection failed */
  guint n_responses;
  char *listening; /* ACT: the loopback check's findings */
};

static void
browser_clear (Browser *browser)
{
  if (browser->thread != NULL)
    g_thread_join (g_steal_pointer (&browser->thread));
  g_free (browser->url);
  g_free (browser->redirect);
  g_free (browser->state);
  g_free (browser->path);
  for (guint i = 0; i < browser->n_responses; i++)
    g_free (browser->responses[i]);
  g_free (browser->listening);
}

/* Sends @request (the whole text) to the loopback server and returns the
 * raw answer, or NULL when the connection is refused or cut off before
 * anything came back. */
static char *
raw_exchange (Browser *browser, const char *request)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GString) answer = g_string_new (NULL);
  GOutputStream *out;
  GInputStream  *in;
  char           buf[4096];
  gssize         n;

  connection = g_socket_client_connect_to_host (client, browser->use_ipv6 ? "::1" : "127.0.0.1",
                                                browser->port, NULL, NULL);
  if (connection == NULL)
    return NULL;
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  if (!g_output_stream_write_all (out, request, strlen (request), NULL, NULL, NULL))
    return NULL;
  while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0 && answer->len < 65536)
    g_string_append_len (answer, buf, n);
  if (answer->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&answer), FALSE);
}

/* @method @target (the request line's target, verbatim) with
 * "Connection: close"; the answer is kept in order. */
static void
send_raw (Browser *browser, const char *method, const char *target)
{
  g_autofree char *request =
      g_strdup_printf ("%s %s HTTP/1.1\r\nHost: %s:%u\r\nConnection: close\r\n%s\r\n", method,
                       target, browser->use_ipv6 ? "[::1]" : "127.0.0.1", browser->port,
                       strcmp (method, "POST") == 0 ? "Content-Length: 0\r\n" : "");

  g_assert_cmpuint (browser->n_responses, <, G_N_ELEMENTS (browser->responses));
  browser->responses[browser->n_responses++] = raw_exchange (browser, request);
}

/* The redirect's target with @query. */
static void
send_redirect (Browser *browser, const char *query)
{
  g_autofree char *target = g_strconcat (browser->path, "?", query, NULL);

  send_raw (browser, "GET", target);
}

/* The status of answer @i, 0 for none. */
static guint
status_of (Browser *browser, guint i)
{
  const char *answer = browser->responses[i];

  g_assert_cmpuint (i, <, browser->n_responses);
  if (answer == NULL || !g_str_has_prefix (answer, "HTTP/1.1 "))
    return 0;
  return (guint) g_ascii_strtoull (answer + strlen ("HTTP/1.1 "), NULL, 10);
}

static char *
escape (const char *text)
{
  return g_uri_escape_string (text, NULL, FALSE);
}

static char *
good_query (Browser *browser, const char *code)
{
  g_autofree char *state = escape (browser->state);
  g_autofree char *iss = escape (issuer);

  return g_strdup_printf ("code=%s&state=%s&iss=%s", code, state, iss);
}

static gpointer
browser_thread (gpointer data)
{
  Browser *browser = data;

  browser->script (browser);
  return NULL;
}

static char *
url_param (const char *url, const char *name)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr (GHashTable) params = NULL;

  g_assert_nonnull (uri);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  return g_strdup (g_hash_table_lookup (params, name));
}

static gboolean
open_uri (PimBrowserSignIn *sign_in, const char *uri, gpointer data)
{
  Browser *browser = data;
  g_autoptr (GUri) redirect = NULL;

  browser->url = g_strdup (uri);
  browser->redirect = g_strdup (pim_browser_sign_in_get_redirect_address (sign_in));
  browser->state = url_param (uri, "state");
  g_assert_nonnull (browser->state);
  redirect = g_uri_parse (browser->redirect, G_URI_FLAGS_ENCODED, NULL);
  g_assert_nonnull (redirect);
  browser->port = (guint16) g_uri_get_port (redirect);
  browser->path = g_strdup (g_uri_get_path (redirect));
  browser->thread = g_thread_new ("browser", browser_thread, browser);
  return TRUE;
}

static PimSignInResult *
run_sign_in (Browser *browser, PimTestMode mode, GError **error)
{
  g_autoptr (PimDiscoveryDocument) doc = document ();
  g_autoptr (PimBrowserSignIn) sign_in =
      pim_browser_sign_in_new_from_discovery (doc, "sec-native", SCOPE);
  g_autoptr (GAsyncResult) result = NULL;
  PimSignInResult *sign_in_result;

  g_object_set (sign_in, "timeout", 20, "use-ipv6", browser->use_ipv6, NULL);
  g_signal_connect (sign_in, "open-uri", G_CALLBACK (open_uri), browser);
  pim_test_server_set_document (server, TOKEN_PATH, 200, "application/json", TOKEN_JSON);
  pim_test_server_reset_hits (server);
  if (mode == PIM_TEST_SYNC)
    sign_in_result = pim_browser_sign_in_run (sign_in, browser->cancellable, error);
  else
    {
      pim_browser_sign_in_run_async (sign_in, browser->cancellable, pim_test_store_result, &result);
      pim_test_wait_result (&result);
      sign_in_result = pim_browser_sign_in_run_finish (sign_in, result, error);
    }
  if (browser->thread != NULL)
    g_thread_join (g_steal_pointer (&browser->thread));
  return sign_in_result;
}

static guint
token_hits (void)
{
  return pim_test_server_get_hits (server, TOKEN_PATH);
}

/* ---- CSRF: a forged or missing state fails the run, fail-closed ---- */

static const char *forged_query;

static void
script_forged (Browser *browser)
{
  g_autofree char *iss = escape (issuer);
  g_autofree char *query = g_strdup_printf (forged_query, iss);

  send_redirect (browser, query);
}

static void
assert_refused (PimTestMode mode, const char *query_format, GQuark domain, int code)
{
  Browser browser = { .script = script_forged };
  g_autoptr (PimSignInResult) result = NULL;
  g_autoptr (GError) error = NULL;

  forged_query = query_format;
  result = run_sign_in (&browser, mode, &error);
  g_assert_error (error, domain, code);
  g_assert_null (result);
  g_assert_cmpuint (browser.n_responses, ==, 1);
  g_assert_cmpuint (status_of (&browser, 0), ==, 400);
  /* The code was never exchanged. */
  g_assert_cmpuint (token_hits (), ==, 0);
  browser_clear (&browser);
}

static void
test_csrf_state (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);

  /* %s is the (right) issuer. */
  assert_refused (mode, "code=" CODE "&state=forged&iss=%s", PIM_OAUTH_ERROR,
                  PIM_OAUTH_ERROR_STATE_MISMATCH);
  assert_refused (mode, "code=" CODE "&iss=%s", PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_STATE_MISMATCH);
  assert_refused (mode, "code=" CODE "&state=&iss=%s", PIM_OAUTH_ERROR,
                  PIM_OAUTH_ERROR_STATE_MISMATCH);
}

/* ---- Mix-up: a wrong or missing iss (RFC 9207) ---- */

static const char *mixup_iss;

static void
script_mixup (Browser *browser)
{
  g_autofree char *state = escape (browser->state);
  g_autofree char *query = NULL;

  if (mixup_iss != NULL)
    {
      g_autofree char *iss = escape (mixup_iss);

      query = g_strdup_printf ("code=" CODE "&state=%s&iss=%s", state, iss);
    }
  else
    query = g_strdup_printf ("code=" CODE "&state=%s", state);
  send_redirect (browser, query);
}

static void
test_mixup_iss (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *trailing_slash = g_strconcat (issuer, "/", NULL);
  const char      *bad[] = { "http://127.0.0.1:1", trailing_slash, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      Browser browser = { .script = script_mixup };
      g_autoptr (PimSignInResult) result = NULL;
      g_autoptr (GError) error = NULL;

      mixup_iss = bad[i];
      result = run_sign_in (&browser, mode, &error);
      g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_ISSUER_MISMATCH);
      g_assert_null (result);
      g_assert_cmpuint (status_of (&browser, 0), ==, 400);
      g_assert_cmpuint (token_hits (), ==, 0);
      browser_clear (&browser);
    }
}

/* ---- Duplicated parameters: refused whatever their order ---- */

static gboolean duplicate_forged_first;

static void
script_duplicate (Browser *browser)
{
  g_autofree char *state = escape (browser->state);
  g_autofree char *iss = escape (issuer);
  g_autofree char *query =
      duplicate_forged_first
          ? g_strdup_printf ("state=forged&code=" CODE "&state=%s&iss=%s", state, iss)
          : g_strdup_printf ("code=" CODE "&state=%s&iss=%s&state=forged", state, iss);

  send_redirect (browser, query);
}

static void
test_duplicate_parameters (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);

  for (int first = 0; first <= 1; first++)
    {
      Browser browser = { .script = script_duplicate };
      g_autoptr (PimSignInResult) result = NULL;
      g_autoptr (GError) error = NULL;

      duplicate_forged_first = first;
      result = run_sign_in (&browser, mode, &error);
      g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_BAD_REDIRECT);
      g_assert_null (result);
      g_assert_cmpuint (status_of (&browser, 0), ==, 400);
      g_assert_cmpuint (token_hits (), ==, 0);
      browser_clear (&browser);
    }
}

/* ---- One redirect only ---- */

static void
script_twice (Browser *browser)
{
  g_autofree char *first = good_query (browser, CODE);
  g_autofree char *second = good_query (browser, CODE_2);

  send_redirect (browser, first);
  send_redirect (browser, second);
}

static void
test_second_redirect (gconstpointer data)
{
  Browser browser = { .script = script_twice };
  g_autoptr (PimSignInResult) result = NULL;
  g_autoptr (GError) error = NULL;
  guint second;

  result = run_sign_in (&browser, GPOINTER_TO_INT (data), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_access_token (
                       pim_sign_in_result_get_token_response (result)),
                   ==, "sec-native-at");
  g_assert_cmpuint (status_of (&browser, 0), ==, 200);
  /* Refused (the server stopped listening), cut off (it was stopping) or
   * Gone: never taken. */
  second = status_of (&browser, 1);
  g_assert_true (second == 0 || second == 410);
  g_assert_cmpuint (token_hits (), ==, 1);
  browser_clear (&browser);
}

/* ---- Bound to the loopback interface only ---- */

/* The local addresses (hex, as in /proc/net/tcp) of the sockets that
 * listen on @port, space-separated. */
static char *
listening_addresses (guint16 port)
{
  g_autoptr (GString) found = g_string_new (NULL);
  const char *files[] = { "/proc/net/tcp", "/proc/net/tcp6" };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *text = NULL;
      g_auto (GStrv) lines = NULL;

      if (!g_file_get_contents (files[f], &text, NULL, NULL))
        continue;
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 1; lines[i] != NULL; i++)
        {
          g_auto (GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
          g_autoptr (GPtrArray) parts = g_ptr_array_new ();
          const char *local, *colon;

          for (guint j = 0; fields[j] != NULL; j++)
            if (*fields[j] != '\0')
              g_ptr_array_add (parts, fields[j]);
          /* sl local_address rem_address st … ; 0A is LISTEN */
          if (parts->len < 4 || strcmp (parts->pdata[3], "0A") != 0)
            continue;
          local = parts->pdata[1];
          colon = strchr (local, ':');
          if (colon == NULL || g_ascii_strtoull (colon + 1, NULL, 16) != port)
            continue;
          g_string_append_printf (found, "%s%.*s", found->len > 0 ? " " : "", (int) (colon - local),
                                  local);
        }
    }
  return g_string_free (g_steal_pointer (&found), FALSE);
}

static void
script_check_binding (Browser *browser)
{
  browser->listening = listening_addresses (browser->port);
  g_cancellable_cancel (browser->cancellable);
}

static void
test_loopback_only (gconstpointer data)
{
  for (int ipv6 = 0; ipv6 <= 1; ipv6++)
    {
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      Browser browser = { .script = script_check_binding,
                          .cancellable = cancellable,
                          .use_ipv6 = ipv6 };
      g_autoptr (PimSignInResult) result = NULL;
      g_autoptr (GError) error = NULL;

      if (!g_file_test ("/proc/net/tcp", G_FILE_TEST_EXISTS))
        {
          g_test_skip ("No /proc/net/tcp");
          return;
        }
      result = run_sign_in (&browser, GPOINTER_TO_INT (data), &error);
      if (ipv6 && g_error_matches (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_FAILED))
        {
          /* No [::1] on this machine. */
          browser_clear (&browser);
          continue;
        }
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      /* Exactly one listening socket, on 127.0.0.1 (0100007F) or ::1:
       * never 0.0.0.0 or ::. */
      g_assert_cmpstr (browser.listening, ==,
                       ipv6 ? "00000000000000000000000001000000" : "0100007F");
      g_assert_true (
          g_str_has_prefix (browser.redirect, ipv6 ? "http://[::1]:" : "http://127.0.0.1:"));
      /* Nothing listens once the run is over. */
      g_free (browser.listening);
      browser.listening = listening_addresses (browser.port);
      g_assert_cmpstr (browser.listening, ==, "");
      browser_clear (&browser);
    }
}

/* ---- No redirect smuggled through another path or method ---- */

static void
script_smuggle (Browser *browser)
{
  g_autofree char *query = good_query (browser, CODE_2);
  g_autofree char *good = good_query (browser, CODE);
  g_autofree char *upper = g_ascii_strup (browser->path, -1);
  char            *variants[] = {
               g_strconcat (browser->path, "/?", query, NULL),
               g_strconcat (browser->path, "x?", query, NULL),
               g_strdup_printf ("%.*s?%s", (int) strlen (browser->path) - 1, browser->path, query),
               g_strconcat ("/", browser->path, "?", query, NULL),
               g_strconcat (upper, "?", query, NULL),
               /* (libsoup decodes %2F in the path: "/pim%2F…" is the path itself,
     * which only someone who knows it can send.) */
               g_strconcat (browser->path, "%2F?", query, NULL),
               g_strconcat ("/?", query, NULL),
               g_strconcat ("/callback?", query, NULL),
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    send_raw (browser, "GET", variants[i]);
  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    g_free (variants[i]);
  {
    g_autofree char *target = g_strconcat (browser->path, "?", query, NULL);

    send_raw (browser, "POST", target);
    send_raw (browser, "HEAD", target);
    send_raw (browser, "PUT", target);
  }
  send_redirect (browser, good);
}

static void
test_redirect_smuggling (gconstpointer data)
{
  Browser browser = { .script = script_smuggle };
  g_autoptr (PimSignInResult) result = NULL;
  g_autoptr (GError) error = NULL;
  const guint expected[] = { 404, 404, 404, 404, 404, 404, 404, 404, 405, 405, 405, 200 };

  result = run_sign_in (&browser, GPOINTER_TO_INT (data), &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (browser.n_responses, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      if (status_of (&browser, i) != expected[i])
        g_error ("request %u: status %u, expected %u", i, status_of (&browser, i), expected[i]);
    }
  /* Only the real redirect's code was exchanged: once. */
  g_assert_cmpuint (token_hits (), ==, 1);
  browser_clear (&browser);
}

/* ---- The browser's page: nothing reflected, not cached, not framed ---- */

#define XSS "<script>alert('pim')</script>"

static void
script_reflect (Browser *browser)
{
  g_autofree char *state = escape (browser->state);
  g_autofree char *iss = escape (issuer);
  g_autofree char *xss = escape (XSS);
  g_autofree char *other = g_strconcat ("/other-", xss, "?code=", xss, NULL);
  g_autofree char *query = g_strdup_printf ("error=access_denied&error_description=%s"
                                            "&error_uri=%s&state=%s&iss=%s",
                                            xss, xss, state, iss);

  send_raw (browser, "GET", other);
  send_redirect (browser, query);
}

static void
assert_safe_page (const char *answer, guint status, const char *state)
{
  g_autofree char *lower = g_ascii_strdown (answer, -1);

  g_assert_nonnull (answer);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 "));
  g_assert_cmpuint (g_ascii_strtoull (answer + 9, NULL, 10), ==, status);
  g_assert_nonnull (strstr (lower, "\r\ncache-control: no-store\r\n"));
  g_assert_nonnull (strstr (lower, "\r\nreferrer-policy: no-referrer\r\n"));
  g_assert_nonnull (strstr (lower, "\r\ncontent-security-policy: default-src 'none';"));
  g_assert_nonnull (strstr (lower, "frame-ancestors 'none'"));
  g_assert_nonnull (strstr (lower, "\r\nx-frame-options: deny\r\n"));
  g_assert_nonnull (strstr (lower, "\r\nx-content-type-options: nosniff\r\n"));
  g_assert_nonnull (strstr (lower, "\r\ncontent-type: text/html; charset=utf-8\r\n"));
  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (lower, "alert"));
  g_assert_null (strstr (answer, state));
  g_assert_null (strstr (lower, "server: "));
}

static void
test_page_reflects_nothing (gconstpointer data)
{
  Browser browser = { .script = script_reflect };
  g_autoptr (PimSignInResult) result = NULL;
  g_autoptr (GError) error = NULL;

  result = run_sign_in (&browser, GPOINTER_TO_INT (data), &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_ACCESS_DENIED);
  g_assert_cmpuint (browser.n_responses, ==, 2);
  assert_safe_page (browser.responses[0], 404, browser.state);
  assert_safe_page (browser.responses[1], 400, browser.state);
  g_assert_cmpuint (token_hits (), ==, 0);
  browser_clear (&browser);
}

/* ---- No code, state or token in any log record or message ---- */

static void
script_good (Browser *browser)
{
  g_autofree char *query = good_query (browser, CODE);

  send_raw (browser, "GET", "/elsewhere?code=" CODE_2);
  send_redirect (browser, query);
}

static void
test_no_secrets_in_logs (gconstpointer data)
{
  Browser browser = { .script = script_good };
  g_autoptr (PimSignInResult) result = NULL;
  g_autoptr (GError) error = NULL;

  sec_log_capture_clear ();
  result = run_sign_in (&browser, GPOINTER_TO_INT (data), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sec_log_capture_count (CODE), ==, 0);
  g_assert_cmpuint (sec_log_capture_count (CODE_2), ==, 0);
  g_assert_cmpuint (sec_log_capture_count (browser.state), ==, 0);
  g_assert_cmpuint (sec_log_capture_count ("sec-native-at"), ==, 0);
  browser_clear (&browser);
}

int
main (int argc, char **argv)
{
  int ret;

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);
  sec_log_capture_install ();
  server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  issuer = pim_test_server_get_uri (server, "");

  pim_test_add_both ("/security/native", "csrf-state", test_csrf_state);
  pim_test_add_both ("/security/native", "mixup-iss", test_mixup_iss);
  pim_test_add_both ("/security/native", "duplicate-parameters", test_duplicate_parameters);
  pim_test_add_both ("/security/native", "second-redirect", test_second_redirect);
  pim_test_add_both ("/security/native", "loopback-only", test_loopback_only);
  pim_test_add_both ("/security/native", "redirect-smuggling", test_redirect_smuggling);
  pim_test_add_both ("/security/native", "page-reflects-nothing", test_page_reflects_nothing);
  pim_test_add_both ("/security/native", "no-secrets-in-logs", test_no_secrets_in_logs);

  ret = g_test_run ();
  pim_test_server_free (server);
  g_free (issuer);
  return ret;
}
