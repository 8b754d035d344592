/* browser-sign-in-test.c: PimBrowserSignIn against the real local
 * provider, the browser played by an "open-uri" handler
 *
 * The handler keeps the authorization URL and, in a thread, signs in with
 * a PimTestBrowser (the provider's login and consent pages over HTTP),
 * which stops at the redirect without following it; the thread then
 * sends that redirect, or a forged one, to the sign-in's loopback server
 * with a plain SoupSession, as the browser would. Every case runs sync
 * (the sign-in's private main context on the test thread) and async (the
 * test thread's default context).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <pim/pim.h>
#include <string.h>

#include "pim-loopback-redirect-private.h"
#include "pim-test-async.h"
#include "pim-test-login.h"
#include "pim-test-provider.h"

#define SCOPE         "openid profile email"
#define SCHEME_URI    "org.example.pim:/oauth2redirect"
#define EVIL_ISSUER   "http://127.0.0.1:9/evil"
#define OTHER_PATH    "/not-the-redirect"
#define LONG_QUERY_AT (PIM_LOOPBACK_MAX_QUERY + 1)

static const char *
issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

/* What the browser does with the authorization URL. */
typedef enum
{
  ACT_FOLLOW,      /* sign in, send the redirect */
  ACT_NOTHING,     /* the user never comes back */
  ACT_WRONG_STATE, /* sign in, send the redirect with another state */
  ACT_WRONG_ISS,   /* sign in, send the redirect with another iss */
  ACT_DENY,        /* send error=access_denied with the real state and iss */
  ACT_DUPLICATE,   /* sign in, send the redirect with its state twice */
  ACT_OTHER_PATH,  /* first GET another path (404), then follow */
  ACT_POST,        /* first POST the redirect (405), then follow */
  ACT_LONG,        /* first GET the path with an oversized query (414), then follow */
  ACT_NO_PARAMS,   /* first GET the path without a query (400), then follow */
  ACT_TWICE,       /* follow, then send the same redirect again */
  ACT_NESTED_RUN,  /* run the sign-in again from the handler (BUSY), then nothing */
  ACT_HAND_TO_APP, /* private-use scheme: sign in, hand the URI to the app */
} Action;

typedef struct
{
  PimTestMode mode;
  Action      action;

  PimBrowserSignIn *sign_in;
  char             *url;      /* the authorization URL */
  char             *redirect; /* the redirect address while running */
  guint             n_opened;
  GThread          *thread;
  GError           *nested_error; /* ACT_NESTED_RUN */

  /* Written by the thread, read after the join. */
  GError *browser_error;
  guint   first_status;    /* of the preliminary request (404, 405…) */
  guint   redirect_status; /* of the redirect */
  char   *redirect_cache_control;
  char   *redirect_referrer_policy;
  char   *redirect_csp;
  char   *redirect_body;
  guint   second_status; /* ACT_TWICE: 0 when the connection was refused */
  GError *second_error;
  char   *app_uri; /* ACT_HAND_TO_APP: what the app receives */

  /* ACT_HAND_TO_APP: the app's side, on the run's context. */
  GMainContext *run_context;
  gboolean      other_path_taken;
  gboolean      other_scheme_taken;
  gboolean      upper_case_taken;
  gboolean      repeat_taken;
} Browser;

static void
browser_clear (Browser *browser)
{
  if (browser->thread != NULL)
    g_thread_join (g_steal_pointer (&browser->thread));
  g_free (browser->url);
  g_free (browser->redirect);
  g_clear_error (&browser->nested_error);
  g_clear_error (&browser->browser_error);
  g_free (browser->redirect_cache_control);
  g_free (browser->redirect_referrer_policy);
  g_free (browser->redirect_csp);
  g_free (browser->redirect_body);
  g_clear_error (&browser->second_error);
  g_free (browser->app_uri);
  g_clear_pointer (&browser->run_context, g_main_context_unref);
}

/* The query parameter @name of @url (decoded), or NULL. */
static char *
url_param (const char *url, const char *name)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr (GHashTable) params = NULL;

  g_assert_nonnull (uri);
  if (g_uri_get_query (uri) == NULL)
    return NULL;
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);
  return g_strdup (g_hash_table_lookup (params, name));
}

/* Sends @method @uri with a new session (a new connection); returns the
 * status, 0 with @error set when the connection failed. */
static guint
send_request (const char *method,
              const char *uri,
              char      **cache_control,
              char      **referrer_policy,
              char      **csp,
              char      **body,
              GError    **error)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr (GBytes) bytes = NULL;
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  bytes = soup_session_send_and_read (session, msg, NULL, error);
  if (bytes == NULL)
    return 0;
  headers = soup_message_get_response_headers (msg);
  if (cache_control != NULL)
    *cache_control = g_strdup (soup_message_headers_get_one (headers, "Cache-Control"));
  if (referrer_policy != NULL)
    *referrer_policy = g_strdup (soup_message_headers_get_one (headers, "Referrer-Policy"));
  if (csp != NULL)
    *csp = g_strdup (soup_message_headers_get_one (headers, "Content-Security-Policy"));
  if (body != NULL)
    *body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return soup_message_get_status (msg);
}

/* @redirect with the parameter @name's value replaced by @value (or a
 * second @name=@value added, with @add). */
static char *
forge (GUri *redirect, const char *name, const char *value, gboolean add)
{
  g_autoptr (GHashTable) params = pim_test_login_response_params (redirect);
  g_autoptr (GString) query = g_string_new (NULL);
  GHashTableIter   iter;
  gpointer         key, val;
  g_autofree char *base =
      g_uri_to_string_partial (redirect, G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT);

  g_assert_true (g_hash_table_contains (params, name));
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &val))
    {
      const char      *v = (!add && strcmp (key, name) == 0) ? value : val;
      g_autofree char *k_esc = g_uri_escape_string (key, NULL, FALSE);
      g_autofree char *v_esc = g_uri_escape_string (v, NULL, FALSE);

      g_string_append_printf (query, "%s%s=%s", query->len > 0 ? "&" : "", k_esc, v_esc);
    }
  if (add)
    {
      g_autofree char *v_esc = g_uri_escape_string (value, NULL, FALSE);

      g_string_append_printf (query, "&%s=%s", name, v_esc);
    }
  return g_strconcat (base, "?", query->str, NULL);
}

/* The app receives the redirect (GApplication::open) on its main context
 * and hands it to the sign-in: other URIs first, then its own. */
static gboolean
hand_to_app (gpointer data)
{
  Browser         *browser = data;
  const char      *query = strchr (browser->app_uri, '?');
  g_autofree char *other_path = NULL;
  g_autofree char *upper = NULL;

  g_assert_nonnull (query);
  g_assert_true (g_main_context_is_owner (browser->run_context));
  other_path = g_strconcat ("org.example.pim:/other", query, NULL);
  browser->other_path_taken =
      pim_browser_sign_in_handle_redirect_uri (browser->sign_in, other_path);
  browser->other_scheme_taken =
      pim_browser_sign_in_handle_redirect_uri (browser->sign_in, "https://example.com/?code=x");
  /* The scheme compares without case. */
  upper = g_strconcat ("ORG.Example.PIM", browser->app_uri + strlen ("org.example.pim"), NULL);
  browser->upper_case_taken = pim_browser_sign_in_handle_redirect_uri (browser->sign_in, upper);
  /* Only the first one is taken. */
  browser->repeat_taken =
      pim_browser_sign_in_handle_redirect_uri (browser->sign_in, browser->app_uri);
  return G_SOURCE_REMOVE;
}

static gpointer
browser_thread (gpointer data)
{
  Browser *browser = data;
  g_autoptr (PimTestBrowser) pages = NULL;
  g_autoptr (GUri) redirect = NULL;
  g_autofree char *target = NULL;
  g_autofree char *base = NULL;

  if (browser->action == ACT_DENY)
    {
      g_autofree char *state = url_param (browser->url, "state");
      g_autofree char *state_esc = g_uri_escape_string (state, NULL, FALSE);
      g_autofree char *iss_esc = g_uri_escape_string (issuer (), NULL, FALSE);

      target = g_strdup_printf ("%s?error=access_denied&state=%s&iss=%s", browser->redirect,
                                state_esc, iss_esc);
    }
  else
    {
      pages = pim_test_browser_new (issuer (), NULL);
      redirect = pim_test_browser_authorize (pages, browser->url, &browser->browser_error);
      if (redirect == NULL)
        return NULL;
      switch (browser->action)
        {
        case ACT_WRONG_STATE:
          target = forge (redirect, "state", "forged-state", FALSE);
          break;
        case ACT_WRONG_ISS:
          target = forge (redirect, "iss", EVIL_ISSUER, FALSE);
          break;
        case ACT_DUPLICATE:
          target = forge (redirect, "state", "forged-state", TRUE);
          break;
        default:
          target = g_uri_to_string (redirect);
        }
    }

  if (browser->action == ACT_HAND_TO_APP)
    {
      browser->app_uri = g_steal_pointer (&target);
      g_main_context_invoke (browser->run_context, hand_to_app, browser);
      return NULL;
    }

  base = g_strdup (browser->redirect);
  switch (browser->action)
    {
    case ACT_OTHER_PATH:
      {
        g_autoptr (GUri) uri = g_uri_parse (base, G_URI_FLAGS_ENCODED, NULL);
        g_autoptr (GUri) other = NULL;
        g_autofree char *other_uri = NULL;
        const char      *query = strchr (target, '?');

        other = g_uri_build (G_URI_FLAGS_ENCODED, "http", NULL, g_uri_get_host (uri),
                             g_uri_get_port (uri), OTHER_PATH, query + 1, NULL);
        other_uri = g_uri_to_string (other);
        browser->first_status =
            send_request ("GET", other_uri, NULL, NULL, NULL, NULL, &browser->browser_error);
        break;
      }
    case ACT_POST:
      browser->first_status =
          send_request ("POST", target, NULL, NULL, NULL, NULL, &browser->browser_error);
      break;
    case ACT_LONG:
      {
        g_autoptr (GString) long_uri = g_string_new (target);

        g_string_append (long_uri, "&padding=");
        while (long_uri->len - strlen (base) - 1 < LONG_QUERY_AT)
          g_string_append_c (long_uri, 'x');
        browser->first_status =
            send_request ("GET", long_uri->str, NULL, NULL, NULL, NULL, &browser->browser_error);
        break;
      }
    case ACT_NO_PARAMS:
      browser->first_status =
          send_request ("GET", base, NULL, NULL, NULL, NULL, &browser->browser_error);
      break;
    default:
      break;
    }
  if (browser->browser_error != NULL)
    return NULL;

  browser->redirect_status =
      send_request ("GET", target, &browser->redirect_cache_control,
                    &browser->redirect_referrer_policy, &browser->redirect_csp,
                    &browser->redirect_body, &browser->browser_error);
  if (browser->action == ACT_TWICE && browser->browser_error == NULL)
    browser->second_status =
        send_request ("GET", target, NULL, NULL, NULL, NULL, &browser->second_error);
  return NULL;
}

static void
nested_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Browser *browser = data;
  g_autoptr (PimSignInResult) nested =
      pim_browser_sign_in_run_finish (PIM_BROWSER_SIGN_IN (source), result, &browser->nested_error);

  g_assert_null (nested);
}

static gboolean
open_uri (PimBrowserSignIn *sign_in, const char *uri, gpointer data)
{
  Browser *browser = data;

  g_assert_true (sign_in == browser->sign_in);
  browser->n_opened++;
  g_assert_cmpuint (browser->n_opened, ==, 1);
  browser->url = g_strdup (uri);
  browser->redirect = g_strdup (pim_browser_sign_in_get_redirect_address (sign_in));
  g_assert_nonnull (browser->redirect);
  browser->run_context = g_main_context_ref_thread_default ();
  switch (browser->action)
    {
    case ACT_NOTHING:
      break;
    case ACT_NESTED_RUN:
      if (browser->mode == PIM_TEST_SYNC)
        {
          g_autoptr (PimSignInResult) nested =
              pim_browser_sign_in_run (sign_in, NULL, &browser->nested_error);

          g_assert_null (nested);
        }
      else
        pim_browser_sign_in_run_async (sign_in, NULL, nested_done, browser);
      break;
    default:
      browser->thread = g_thread_new ("browser", browser_thread, browser);
    }
  return TRUE;
}

/* The port of the loopback @redirect is closed: connecting fails. */
static void
assert_port_closed (const char *redirect)
{
  g_autoptr (GUri) uri = g_uri_parse (redirect, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (uri);
  g_assert_cmpint (g_uri_get_port (uri), >, 0);
  connection = g_socket_client_connect_to_host (client, g_uri_get_host (uri),
                                                (guint16) g_uri_get_port (uri), NULL, &error);
  g_assert_null (connection);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

/* ---- the cases ---- */

typedef struct
{
  const char *name;
  const char *client_id;
  const char *redirect_path; /* NULL: random */
  gboolean    use_ipv6;
  gboolean    use_par;
  gboolean    dpop;
  Action      action;
  GQuark (*domain) (void); /* NULL: success */
  int         code;
  guint       first_status;    /* of the preliminary request, 0 for none */
  guint       redirect_status; /* of the redirect */
  const char *redirect_uri;    /* a loopback URI given: its path, no port */
} Case;

typedef struct
{
  const Case *c;
  PimTestMode mode;
} CaseMode;

static gboolean
ipv6_loopback_available (void)
{
  g_autoptr (GSocket) socket =
      g_socket_new (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr (GInetAddress) address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
  g_autoptr (GSocketAddress) socket_address = g_inet_socket_address_new (address, 0);

  return socket != NULL && g_socket_bind (socket, socket_address, TRUE, NULL);
}

static void
test_case (gconstpointer data)
{
  const CaseMode *cm = data;
  const Case     *c = cm->c;
  Browser         browser = { .mode = cm->mode, .action = c->action };
  g_autoptr (PimBrowserSignIn) sign_in = NULL;
  g_autoptr (PimSignInResult) result = NULL;
  g_autoptr (PimDPoPKey) key = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *nonce = NULL;
  g_autofree char *expected_prefix = NULL;

  if (c->use_ipv6 && !ipv6_loopback_available ())
    {
      g_test_skip ("Cannot bind [::1]");
      return;
    }
  sign_in = pim_browser_sign_in_new (issuer (), c->client_id, SCOPE);
  browser.sign_in = sign_in;
  g_object_set (sign_in, "redirect-path", c->redirect_path, "use-ipv6", c->use_ipv6, "use-par",
                c->use_par, "redirect-uri", c->redirect_uri, "timeout", 20, NULL);
  if (c->dpop)
    {
      key = pim_dpop_key_new_generate (NULL, &error);
      g_assert_no_error (error);
      pim_browser_sign_in_set_dpop_key (sign_in, key);
    }
  g_signal_connect (sign_in, "open-uri", G_CALLBACK (open_uri), &browser);
  g_assert_null (pim_browser_sign_in_get_redirect_address (sign_in));

  result = pim_test_run_sign_in (sign_in, NULL, cm->mode, &error);
  if (browser.thread != NULL)
    g_thread_join (g_steal_pointer (&browser.thread));
  g_assert_no_error (browser.browser_error);
  g_assert_cmpuint (browser.n_opened, ==, 1);
  g_assert_null (pim_browser_sign_in_get_redirect_address (sign_in));

  /* The redirect URI: loopback, the port, the path. */
  expected_prefix = g_strdup_printf ("http://%s:", c->use_ipv6 ? "[::1]" : "127.0.0.1");
  g_assert_true (g_str_has_prefix (browser.redirect, expected_prefix));
  if (c->redirect_path != NULL)
    g_assert_true (g_str_has_suffix (browser.redirect, c->redirect_path));
  else
    {
      const char *path = strchr (browser.redirect + strlen ("http://"), '/');

      /* "/pim/" + 128 bits in base64url (22 characters). */
      g_assert_nonnull (path);
      g_assert_true (g_str_has_prefix (path, "/pim/"));
      g_assert_cmpuint (strlen (path), ==, strlen ("/pim/") + 22);
      g_assert_cmpuint (strspn (path + 5, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                          "0123456789-_"),
                        ==, 22);
    }

  /* The authorization URL. */
  g_assert_true (g_str_has_prefix (browser.url, issuer ()));
  if (c->use_par)
    {
      g_autofree char *request_uri = url_param (browser.url, "request_uri");
      g_autofree char *challenge = url_param (browser.url, "code_challenge");
      g_autofree char *client_id = url_param (browser.url, "client_id");

      g_assert_true (g_str_has_prefix (request_uri, "urn:ietf:params:oauth:request_uri:"));
      g_assert_null (challenge);
      g_assert_cmpstr (client_id, ==, c->client_id);
    }
  else
    {
      g_autofree char *challenge_method = url_param (browser.url, "code_challenge_method");
      g_autofree char *redirect_uri = url_param (browser.url, "redirect_uri");
      g_autofree char *jkt = url_param (browser.url, "dpop_jkt");

      g_assert_cmpstr (challenge_method, ==, "S256");
      g_assert_cmpstr (redirect_uri, ==, browser.redirect);
      g_assert_cmpstr (jkt, ==, key != NULL ? pim_dpop_key_get_thumbprint (key) : NULL);
      nonce = url_param (browser.url, "nonce");
      g_assert_nonnull (nonce);
    }

  /* What the loopback server answered. */
  g_assert_cmpuint (browser.first_status, ==, c->first_status);
  if (c->action != ACT_NOTHING)
    {
      g_assert_cmpuint (browser.redirect_status, ==, c->redirect_status);
      g_assert_cmpstr (browser.redirect_cache_control, ==, "no-store");
      g_assert_cmpstr (browser.redirect_referrer_policy, ==, "no-referrer");
      g_assert_true (g_str_has_prefix (browser.redirect_csp, "default-src 'none'"));
      g_assert_true (g_str_has_prefix (browser.redirect_body, "<!DOCTYPE html>"));
      /* The page never repeats the code or the state. */
      g_assert_null (strstr (browser.redirect_body, "code="));
      g_assert_null (strstr (browser.redirect_body, "state"));
    }
  if (c->action == ACT_TWICE)
    {
      /* The server stopped listening after the redirect (refused), or
       * was stopping while the second one connected (closed), or answers
       * "Gone" when the second one came in before: never taken. */
      if (browser.second_status == 0)
        {
          /* Closed: a reset, or an end of stream before any answer. */
          g_assert_nonnull (browser.second_error);
          if (!g_error_matches (browser.second_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) &&
              !g_error_matches (browser.second_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            g_assert_error (browser.second_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
        }
      else
        g_assert_cmpuint (browser.second_status, ==, SOUP_STATUS_GONE);
    }
  assert_port_closed (browser.redirect);

  if (c->domain != NULL)
    {
      g_assert_error (error, c->domain (), c->code);
      g_assert_null (result);
      browser_clear (&browser);
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpstr (pim_sign_in_result_get_client_id (result), ==, c->client_id);
  g_assert_cmpstr (pim_sign_in_result_get_redirect_uri (result), ==, browser.redirect);
  g_assert_cmpstr (pim_discovery_document_get_issuer (
                       pim_sign_in_result_get_discovery_document (result)),
                   ==, issuer ());
  /* Discovered once, kept. */
  g_assert_true (pim_browser_sign_in_get_discovery_document (sign_in) ==
                 pim_sign_in_result_get_discovery_document (result));
  {
    PimTokenResponse *tokens = pim_sign_in_result_get_token_response (result);
    PimClaims        *claims = pim_sign_in_result_get_id_token_claims (result);

    g_assert_nonnull (pim_token_response_get_access_token (tokens));
    g_assert_nonnull (pim_token_response_get_refresh_token (tokens));
    g_assert_nonnull (pim_token_response_get_id_token (tokens));
    g_assert_cmpstr (pim_token_response_get_token_type (tokens), ==, c->dpop ? "DPoP" : "Bearer");
    g_assert_nonnull (claims);
    g_assert_cmpstr (pim_claims_get_subject (claims), ==, PIM_TEST_LOGIN_DEFAULT_USER);
    g_assert_cmpstr (pim_claims_get_issuer (claims), ==, issuer ());
    g_assert_nonnull (pim_claims_get_string (claims, "nonce"));
    if (nonce != NULL)
      g_assert_cmpstr (pim_claims_get_string (claims, "nonce"), ==, nonce);
  }
  browser_clear (&browser);
}

#define OK        NULL, 0
#define OAUTH(c)  pim_oauth_error_quark, PIM_OAUTH_ERROR_##c
#define NATIVE(c) pim_native_error_quark, PIM_NATIVE_ERROR_##c

static const Case cases[] = {
  { "desktop", PIM_TEST_CLIENT_DESKTOP_ID, NULL, FALSE, FALSE, FALSE, ACT_FOLLOW, OK, 0, 200 },
  { "native-callback", PIM_TEST_CLIENT_NATIVE_ID, "/callback", FALSE, FALSE, FALSE, ACT_FOLLOW, OK,
    0, 200 },
  /* A loopback redirect URI given whole, without a port: an ephemeral one. */
  { "native-redirect-uri", PIM_TEST_CLIENT_NATIVE_ID, "/callback", FALSE, FALSE, FALSE, ACT_FOLLOW,
    OK, 0, 200, "http://127.0.0.1/callback" },
  { "par", PIM_TEST_CLIENT_DESKTOP_PAR_ID, NULL, FALSE, TRUE, FALSE, ACT_FOLLOW, OK, 0, 200 },
  { "ipv6", PIM_TEST_CLIENT_DESKTOP_ID, NULL, TRUE, FALSE, FALSE, ACT_FOLLOW, OK, 0, 200 },
  { "dpop", PIM_TEST_CLIENT_DESKTOP_ID, NULL, FALSE, FALSE, TRUE, ACT_FOLLOW, OK, 0, 200 },
  { "wrong-state", PIM_TEST_CLIENT_DESKTOP_ID, NULL, FALSE, FALSE, FALSE, ACT_WRONG_STATE,
    OAUTH (STATE_MISMATCH), 0, 400 },
  { "wrong-iss", PIM_TEST_CLIENT_DESKTOP_ID, NULL, FALSE, FALSE, FALSE, ACT_WRONG_ISS,
    OAUTH (ISSUER_MISMATCH), 0, 400 },
  { "access-denied", PIM_TEST_CLIENT_DESKTOP_ID, NULL, FALSE, FALSE, FALSE, ACT_DENY,
    OAUTH (ACCESS_DENIED), 0, 400 },
  { "duplicate-parameter", PIM_TEST_CLIENT_DESKTOP_ID, NULL, FALSE, FALSE, FALSE, ACT_DUPLICATE,
    NATIVE (BAD_REDIRECT), 0, 400 },
  { "other-path", PIM_TEST_CLIENT_DESKTOP_ID, NULL, FALSE, FALSE, FALSE, ACT_OTHER_PATH, OK, 404,
    200 },
  { "post", PIM_TEST_CLIENT_DESKTOP_ID, NULL, FALSE, FALSE, FALSE, ACT_POST, OK, 405, 200 },
  { "oversized-query", PIM_TEST_CLIENT_DESKTOP_ID, NULL, FALSE, FALSE, FALSE, ACT_LONG, OK, 414,
    200 },
  { "no-parameters", PIM_TEST_CLIENT_DESKTOP_ID, NULL, FALSE, FALSE, FALSE, ACT_NO_PARAMS, OK, 400,
    200 },
  { "second-redirect", PIM_TEST_CLIENT_DESKTOP_ID, NULL, FALSE, FALSE, FALSE, ACT_TWICE, OK, 0,
    200 },
};

/* ---- timeout, cancellation, busy, no browser ---- */

static PimBrowserSignIn *
waiting_sign_in (Browser *browser, Action action)
{
  PimBrowserSignIn *sign_in =
      pim_browser_sign_in_new (issuer (), PIM_TEST_CLIENT_DESKTOP_ID, SCOPE);

  browser->action = action;
  browser->sign_in = sign_in;
  g_signal_connect (sign_in, "open-uri", G_CALLBACK (open_uri), browser);
  return sign_in;
}

static void
test_timeout (gconstpointer data)
{
  Browser browser = { .mode = GPOINTER_TO_INT (data) };
  g_autoptr (PimBrowserSignIn) sign_in = waiting_sign_in (&browser, ACT_NOTHING);
  g_autoptr (PimSignInResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  pim_browser_sign_in_set_timeout (sign_in, 1);
  start = g_get_monotonic_time ();
  result = pim_test_run_sign_in (sign_in, NULL, browser.mode, &error);
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_TIMED_OUT);
  g_assert_null (result);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpuint (browser.n_opened, ==, 1);
  g_assert_null (pim_browser_sign_in_get_redirect_address (sign_in));
  assert_port_closed (browser.redirect);
  browser_clear (&browser);
}

static void
test_cancel (gconstpointer data)
{
  Browser browser = { .mode = GPOINTER_TO_INT (data) };
  g_autoptr (PimBrowserSignIn) sign_in = waiting_sign_in (&browser, ACT_NOTHING);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (PimSignInResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GThread *canceller;

  canceller = pim_test_cancel_later (cancellable, 300);
  result = pim_test_run_sign_in (sign_in, cancellable, browser.mode, &error);
  g_thread_join (canceller);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_cmpuint (browser.n_opened, ==, 1);
  assert_port_closed (browser.redirect);

  /* The object can run again afterwards: it is not left busy. */
  g_clear_error (&error);
  g_cancellable_reset (cancellable);
  browser_clear (&browser);
  memset (&browser, 0, sizeof browser);
  browser.mode = GPOINTER_TO_INT (data);
  browser.action = ACT_FOLLOW;
  browser.sign_in = sign_in;
  result = pim_test_run_sign_in (sign_in, cancellable, browser.mode, &error);
  if (browser.thread != NULL)
    g_thread_join (g_steal_pointer (&browser.thread));
  g_assert_no_error (browser.browser_error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_claims_get_subject (pim_sign_in_result_get_id_token_claims (result)), ==,
                   PIM_TEST_LOGIN_DEFAULT_USER);
  browser_clear (&browser);
}

static void
test_busy (gconstpointer data)
{
  Browser browser = { .mode = GPOINTER_TO_INT (data) };
  g_autoptr (PimBrowserSignIn) sign_in = waiting_sign_in (&browser, ACT_NESTED_RUN);
  g_autoptr (PimSignInResult) result = NULL;
  g_autoptr (GError) error = NULL;

  pim_browser_sign_in_set_timeout (sign_in, 1);
  result = pim_test_run_sign_in (sign_in, NULL, browser.mode, &error);
  /* The second run failed at once; the first one went on to its end. */
  g_assert_error (browser.nested_error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_BUSY);
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_TIMED_OUT);
  g_assert_cmpuint (browser.n_opened, ==, 1);
  browser_clear (&browser);
}

/* Without a browser (no handler, an empty XDG environment, no session
 * bus), the default handler fails the run. In a subprocess, so that GIO
 * reads the environment set for it. */
static void
test_no_browser (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);

  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("pim-no-browser-XXXXXX", NULL);
      g_autoptr (PimBrowserSignIn) sign_in = NULL;
      g_autoptr (PimSignInResult) result = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_nonnull (dir);
      /* GIO still needs the GSettings schemas, found through the data
       * dirs that are about to be hidden (read from the environment, not
       * with g_get_system_data_dirs(), which would cache them). */
      if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
        {
          const char *dirs = g_getenv ("XDG_DATA_DIRS");
          g_auto (GStrv) data_dirs =
              g_strsplit (dirs != NULL && *dirs != '\0' ? dirs : "/usr/local/share:/usr/share", ":",
                          -1);

          for (guint i = 0; data_dirs[i] != NULL; i++)
            {
              g_autofree char *schemas =
                  g_build_filename (data_dirs[i], "glib-2.0", "schemas", NULL);
              g_autofree char *compiled = g_build_filename (schemas, "gschemas.compiled", NULL);

              if (g_file_test (compiled, G_FILE_TEST_EXISTS))
                {
                  g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
                  break;
                }
            }
        }
      g_setenv ("XDG_DATA_HOME", dir, TRUE);
      g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
      g_setenv ("XDG_DATA_DIRS", dir, TRUE);
      g_setenv ("XDG_CONFIG_DIRS", dir, TRUE);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/pim-test-bus", TRUE);
      g_unsetenv ("BROWSER");
      sign_in = pim_browser_sign_in_new (issuer (), PIM_TEST_CLIENT_DESKTOP_ID, SCOPE);
      pim_browser_sign_in_set_timeout (sign_in, 10);
      result = pim_test_run_sign_in (sign_in, NULL, mode, &error);
      g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_BROWSER_FAILED);
      /* From the default handler's launch, not from "no handler". */
      g_assert_cmpstr (error->message, ==, "The web browser could not be opened");
      g_assert_null (result);
      g_rmdir (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* No handler returns TRUE: the run fails instead of waiting. */
static gboolean
decline (PimBrowserSignIn *sign_in, const char *uri, gpointer data)
{
  guint *n = data;

  (*n)++;
  return FALSE;
}

static gboolean
accept_quietly (PimBrowserSignIn *sign_in, const char *uri, gpointer data)
{
  return TRUE;
}

static void
test_handler_order (void)
{
  g_autoptr (PimBrowserSignIn) sign_in =
      pim_browser_sign_in_new (issuer (), PIM_TEST_CLIENT_DESKTOP_ID, SCOPE);
  g_autoptr (PimSignInResult) result = NULL;
  g_autoptr (GError) error = NULL;
  guint n_declined = 0;

  /* A handler that declines, then one that takes the URI and does
   * nothing: the default handler never runs, and the run times out. */
  g_signal_connect (sign_in, "open-uri", G_CALLBACK (decline), &n_declined);
  g_signal_connect (sign_in, "open-uri", G_CALLBACK (accept_quietly), NULL);
  pim_browser_sign_in_set_timeout (sign_in, 1);
  result = pim_browser_sign_in_run (sign_in, NULL, &error);
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_TIMED_OUT);
  g_assert_cmpuint (n_declined, ==, 1);
}

/* ---- arguments ---- */

static void
assert_invalid (const char *redirect_uri, const char *redirect_path, const char *client_id)
{
  g_autoptr (PimBrowserSignIn) sign_in = pim_browser_sign_in_new (issuer (), client_id, NULL);
  g_autoptr (PimSignInResult) result = NULL;
  g_autoptr (GError) error = NULL;
  guint opened = 0;

  g_signal_connect (sign_in, "open-uri", G_CALLBACK (decline), &opened);
  g_object_set (sign_in, "redirect-uri", redirect_uri, "redirect-path", redirect_path, NULL);
  result = pim_browser_sign_in_run (sign_in, NULL, &error);
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_INVALID_ARGUMENT);
  g_assert_null (result);
  g_assert_cmpuint (opened, ==, 0);
}

static void
test_invalid_arguments (void)
{
  assert_invalid ("https://app.example.com/callback", NULL, PIM_TEST_CLIENT_DESKTOP_ID);
  assert_invalid ("http://example.com/callback", NULL, PIM_TEST_CLIENT_DESKTOP_ID);
  assert_invalid ("http://localhost/callback", NULL, PIM_TEST_CLIENT_DESKTOP_ID);
  assert_invalid ("http://127.0.0.1/callback?x=1", NULL, PIM_TEST_CLIENT_DESKTOP_ID);
  assert_invalid ("myapp:/callback", NULL, PIM_TEST_CLIENT_DESKTOP_ID);
  assert_invalid ("not a uri", NULL, PIM_TEST_CLIENT_DESKTOP_ID);
  assert_invalid (NULL, "callback", PIM_TEST_CLIENT_DESKTOP_ID);
  assert_invalid (NULL, "/callback?x=1", PIM_TEST_CLIENT_DESKTOP_ID);
  assert_invalid (NULL, NULL, NULL);
}

/* ---- the private-use URI scheme (RFC 8252 §7.1) ---- */

static char *
register_scheme_client (void)
{
  g_autoptr (PimDiscoveryRequest) discovery = pim_discovery_request_new (issuer ());
  g_autoptr (PimDiscoveryDocument) document = NULL;
  g_autoptr (PimClientRegistrationRequest) request = NULL;
  g_autoptr (PimClientRegistrationResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  const char *const redirect_uris[] = { SCHEME_URI, NULL };
  const char *const grant_types[] = { "authorization_code", "refresh_token", NULL };
  const char *const response_types[] = { "code", NULL };

  document = pim_get_discovery_document (discovery, NULL, NULL, &error);
  g_assert_no_error (error);
  request = pim_client_registration_request_new (
      pim_discovery_document_get_registration_endpoint (document));
  pim_client_registration_request_set_redirect_uris (request, redirect_uris);
  pim_client_registration_request_set_application_type (request, "native");
  pim_client_registration_request_set_token_endpoint_auth_method (request, "none");
  pim_client_registration_request_set_grant_types (request, grant_types);
  pim_client_registration_request_set_response_types (request, response_types);
  response = pim_register_client (request, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (pim_client_registration_response_get_client_id (response));
}

static void
test_private_use_scheme (gconstpointer data)
{
  PimTestMode      mode = GPOINTER_TO_INT (data);
  g_autofree char *client_id = register_scheme_client ();
  Browser          browser = { .mode = mode };
  g_autoptr (PimBrowserSignIn) sign_in = waiting_sign_in (&browser, ACT_HAND_TO_APP);
  g_autoptr (PimSignInResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_object_set (sign_in, "client-id", client_id, "redirect-uri", SCHEME_URI, "timeout", 20, NULL);
  /* No run waits. */
  g_assert_false (pim_browser_sign_in_handle_redirect_uri (sign_in, SCHEME_URI "?code=x"));

  result = pim_test_run_sign_in (sign_in, NULL, mode, &error);
  if (browser.thread != NULL)
    g_thread_join (g_steal_pointer (&browser.thread));
  g_assert_no_error (browser.browser_error);
  g_assert_cmpstr (browser.redirect, ==, SCHEME_URI);
  g_assert_true (g_str_has_prefix (browser.app_uri, SCHEME_URI "?"));
  g_assert_false (browser.other_path_taken);
  g_assert_false (browser.other_scheme_taken);
  g_assert_true (browser.upper_case_taken);
  g_assert_false (browser.repeat_taken);

  g_assert_no_error (error);
  g_assert_cmpstr (pim_sign_in_result_get_redirect_uri (result), ==, SCHEME_URI);
  g_assert_cmpstr (pim_sign_in_result_get_client_id (result), ==, client_id);
  g_assert_cmpstr (pim_claims_get_subject (pim_sign_in_result_get_id_token_claims (result)), ==,
                   PIM_TEST_LOGIN_DEFAULT_USER);
  g_assert_null (pim_browser_sign_in_get_redirect_address (sign_in));
  g_assert_false (pim_browser_sign_in_handle_redirect_uri (sign_in, browser.app_uri));
  browser_clear (&browser);
}

int
main (int argc, char **argv)
{
  static CaseMode case_modes[G_N_ELEMENTS (cases) * 2];

  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    for (PimTestMode mode = PIM_TEST_SYNC; mode <= PIM_TEST_ASYNC; mode++)
      {
        CaseMode        *cm = &case_modes[i * 2 + mode];
        g_autofree char *path =
            g_strdup_printf ("/browser-sign-in/%s/%s", cases[i].name, pim_test_mode_name (mode));

        cm->c = &cases[i];
        cm->mode = mode;
        g_test_add_data_func (path, cm, test_case);
      }
  pim_test_add_both ("/browser-sign-in", "timeout", test_timeout);
  pim_test_add_both ("/browser-sign-in", "cancel", test_cancel);
  pim_test_add_both ("/browser-sign-in", "busy", test_busy);
  pim_test_add_both ("/browser-sign-in", "no-browser", test_no_browser);
  g_test_add_func ("/browser-sign-in/handler-order", test_handler_order);
  g_test_add_func ("/browser-sign-in/invalid-arguments", test_invalid_arguments);
  pim_test_add_both ("/browser-sign-in", "private-use-scheme", test_private_use_scheme);

  return g_test_run ();
}
