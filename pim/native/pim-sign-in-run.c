/* pim-sign-in-run.c: one run of a PimBrowserSignIn, from start to
 * result: discovery, the authorization request (pushed or not), the
 * browser, the loopback redirect server or the private-use scheme
 * redirect, the timeout and cancellation, the code exchange and the ID
 * token validation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <libsoup/soup.h>
#include <string.h>

#include "pim-authorization-code-token-request.h"
#include "pim-authorization-request.h"
#include "pim-browser-sign-in-private.h"
#include "pim-discovery.h"
#include "pim-jwt.h"
#include "pim-loopback-redirect-private.h"
#include "pim-native-error.h"
#include "pim-oauth-error.h"
#include "pim-pkce.h"
#include "pim-pushed-authorization-request.h"
#include "pim-token-validation.h"

#define RANDOM_PATH_BYTES 16

struct _PimSignInRun
{
  PimBrowserSignIn *self; /* owned by the task (its source object) */
  GTask            *task; /* owned until the run ends; the task owns the run */
  PimHttpClient    *client;
  GCancellable     *cancellable;      /* ours; cancelled when the run ends */
  GCancellable     *user_cancellable; /* the caller's */
  gulong            cancel_id;
  GSource          *timeout_source;

  PimDiscoveryDocument *document;
  char                 *client_id; /* what the run started with */
  char                 *scope;
  PimDPoPKey           *dpop_key;
  char                 *redirect_uri; /* in use */
  gboolean              loopback;
  gboolean              ipv6;
  guint                 port; /* asked for; 0: ephemeral */
  char                 *path; /* the loopback redirect path */
  SoupServer           *server;

  PimAuthorizationRequest *request;
  gboolean                 taken; /* the redirect arrived */
  gboolean                 done;  /* the task returned */

  /* While the browser's answer to the redirect is being written, the end
   * of the run waits for it (closing the server would cut it off). */
  gboolean         answering;
  gboolean         pending;
  PimSignInResult *pending_result;
  GError          *pending_error;
};

static void
run_stop_server (PimSignInRun *run)
{
  if (run->server == NULL)
    return;
  soup_server_disconnect (run->server);
  g_clear_object (&run->server);
}

static void
run_free (gpointer data)
{
  PimSignInRun *run = data;

  run_stop_server (run);
  g_clear_object (&run->client);
  g_clear_object (&run->cancellable);
  g_assert (run->cancel_id == 0 && run->timeout_source == NULL);
  g_clear_object (&run->user_cancellable);
  g_clear_object (&run->document);
  g_free (run->client_id);
  g_free (run->scope);
  g_clear_object (&run->dpop_key);
  g_free (run->redirect_uri);
  g_free (run->path);
  g_clear_object (&run->request);
  g_clear_object (&run->pending_result);
  g_clear_error (&run->pending_error);
  g_free (run);
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* Ends @run with @result (a PimSignInResult, owned) or @error (owned):
 * everything is torn down first, the listening socket included. */
static void
run_finish (PimSignInRun *run, PimSignInResult *result, GError *error)
{
  PimBrowserSignIn *self = run->self;
  GTask            *task = run->task;

  if (run->done || run->pending)
    {
      g_clear_object (&result);
      g_clear_error (&error);
      return;
    }
  if (run->answering)
    {
      run->pending = TRUE;
      run->pending_result = result;
      run->pending_error = error;
      return;
    }
  run->done = TRUE;
  if (run->cancel_id != 0)
    {
      /* Drops the handler's reference to the task: the run's holds. */
      g_cancellable_disconnect (run->user_cancellable, run->cancel_id);
      run->cancel_id = 0;
    }
  clear_source (&run->timeout_source);
  g_cancellable_cancel (run->cancellable);
  run_stop_server (run);
  if (self->run == run)
    {
      self->run = NULL;
      g_atomic_int_set (&self->running, 0);
      pim_browser_sign_in_notify (self, PROP_REDIRECT_ADDRESS);
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
  /* The run may be gone now. */
  g_object_unref (task);
}

static void
run_fail (PimSignInRun *run, GQuark domain, int code, const char *message)
{
  run_finish (run, NULL, g_error_new_literal (domain, code, message));
}

/* The run of @task, or NULL when it has ended (a late callback). */
static PimSignInRun *
task_run (GTask *task)
{
  PimSignInRun *run = g_task_get_task_data (task);

  return run->done ? NULL : run;
}

/* The redirect URI of @run (NULL for none), or NULL once it has ended. */
const char *
pim_sign_in_run_get_redirect_uri (PimSignInRun *run)
{
  return run != NULL && !run->done ? run->redirect_uri : NULL;
}

static gboolean
cancelled_idle (gpointer data)
{
  PimSignInRun *run = task_run (data);

  if (run != NULL)
    run_fail (run, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Operation was cancelled"));
  return G_SOURCE_REMOVE;
}

/* The caller's cancellable was cancelled, maybe in another thread: end
 * the run on its own context. */
static void
on_cancelled (GCancellable *cancellable, gpointer data)
{
  GTask   *task = data;
  GSource *idle = g_idle_source_new ();

  g_source_set_callback (idle, cancelled_idle, g_object_ref (task), g_object_unref);
  g_source_attach (idle, g_task_get_context (task));
  g_source_unref (idle);
}

static gboolean
on_timeout (gpointer data)
{
  PimSignInRun *run = data;

  run_fail (run, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_TIMED_OUT,
            _ ("The sign-in was not completed in time"));
  return G_SOURCE_REMOVE;
}

/* ---- the end: the ID token ---- */

static gboolean
scope_has_openid (const char *scope)
{
  g_auto (GStrv) scopes = g_strsplit (scope, " ", -1);

  return g_strv_contains ((const char *const *) scopes, "openid");
}

static void
run_succeed (PimSignInRun *run, PimTokenResponse *tokens, PimClaims *claims)
{
  PimSignInResult *result =
      g_object_new (PIM_TYPE_SIGN_IN_RESULT, "token-response", tokens, "id-token-claims", claims,
                    "discovery-document", run->document, "client-id", run->client_id,
                    "redirect-uri", run->redirect_uri, NULL);

  run_finish (run, result, NULL);
}

typedef struct
{
  GTask            *task;
  PimTokenResponse *tokens;
} Validation;

static void
validated (GObject *source, GAsyncResult *res, gpointer data)
{
  Validation *validation = data;
  g_autoptr (GTask) task = validation->task;
  g_autoptr (PimTokenResponse) tokens = validation->tokens;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = pim_validate_token_finish (res, &error);
  PimSignInRun *run = task_run (task);

  g_free (validation);
  if (run == NULL)
    return;
  if (claims == NULL)
    run_finish (run, NULL, g_steal_pointer (&error));
  else
    run_succeed (run, tokens, claims);
}

static void
exchanged (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GTask) task = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) tokens = pim_request_authorization_code_token_finish (res, &error);
  g_autoptr (PimTokenValidationParameters) parameters = NULL;
  PimSignInRun *run = task_run (task);
  const char   *id_token;
  Validation   *validation;

  if (run == NULL)
    return;
  if (tokens == NULL)
    {
      run_finish (run, NULL, g_steal_pointer (&error));
      return;
    }
  id_token = pim_token_response_get_id_token (tokens);
  if (id_token == NULL)
    {
      if (scope_has_openid (run->scope))
        run_fail (run, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
                  _ ("The provider sent no ID token"));
      else
        run_succeed (run, tokens, NULL);
      return;
    }
  parameters =
      pim_token_validation_parameters_new (pim_discovery_document_get_issuer (run->document),
                                           run->client_id);
  /* at_hash is optional in a token endpoint's ID token (OpenID Connect
   * Core §3.1.3.8), and checked when present. */
  g_object_set (parameters, "client-id", run->client_id, "id-token", TRUE, "nonce",
                pim_authorization_request_get_nonce (run->request), "access-token",
                pim_token_response_get_access_token (tokens), "at-hash-optional", TRUE, NULL);
  validation = g_new0 (Validation, 1);
  validation->task = g_object_ref (task);
  validation->tokens = g_steal_pointer (&tokens);
  pim_validate_token_async (id_token, parameters, run->client, run->cancellable, validated,
                            validation);
}

/* ---- the redirect ---- */

/* Takes the redirect with @query (raw, NULL or empty for none): checks it
 * and starts the code exchange, or ends the run. Returns whether the
 * redirect is a good authorization response so far. */
static gboolean
run_take_redirect (PimSignInRun *run, const char *query)
{
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (PimAuthorizationCodeTokenRequest) exchange = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;

  run->taken = TRUE;
  clear_source (&run->timeout_source);
  if (query == NULL || *query == '\0')
    {
      run_fail (run, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_BAD_REDIRECT,
                _ ("The redirect has no parameters"));
      return FALSE;
    }
  params = pim_loopback_parse_query (query, &error);
  if (params == NULL)
    {
      run_finish (run, NULL, g_steal_pointer (&error));
      return FALSE;
    }
  uri = g_strconcat (run->redirect_uri, "?", query, NULL);
  response =
      pim_authorization_request_parse_response (run->request, uri,
                                                PIM_AUTHORIZATION_RESPONSE_MODE_QUERY, &error);
  if (response == NULL)
    {
      run_finish (run, NULL, g_steal_pointer (&error));
      return FALSE;
    }
  if (pim_authorization_response_get_code (response) == NULL)
    {
      run_fail (run, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_BAD_REDIRECT,
                _ ("The redirect has no authorization code"));
      return FALSE;
    }
  exchange =
      pim_authorization_code_token_request_new (pim_discovery_document_get_token_endpoint (
                                                    run->document),
                                                run->client_id,
                                                pim_authorization_response_get_code (response),
                                                run->redirect_uri,
                                                pim_authorization_request_get_code_verifier (
                                                    run->request));
  if (run->dpop_key != NULL)
    g_object_set (exchange, "dpop-key", run->dpop_key, NULL);
  pim_request_authorization_code_token_async (exchange, run->client, run->cancellable, exchanged,
                                              g_object_ref (run->task));
  return TRUE;
}

static gboolean
answered_idle (gpointer data)
{
  PimSignInRun *run = task_run (data);

  if (run == NULL)
    return G_SOURCE_REMOVE;
  if (run->pending)
    {
      run->pending = FALSE;
      run_finish (run, g_steal_pointer (&run->pending_result),
                  g_steal_pointer (&run->pending_error));
    }
  else
    run_stop_server (run);
  return G_SOURCE_REMOVE;
}

/* After the redirect's answer is written (or its connection lost), stop
 * listening, and end the run if it waited for that. */
static void
redirect_answered (SoupServerMessage *msg, gpointer data)
{
  GTask        *task = data;
  PimSignInRun *run = g_task_get_task_data (task);
  GSource      *idle = g_idle_source_new ();

  run->answering = FALSE;

  g_source_set_callback (idle, answered_idle, g_object_ref (task), g_object_unref);
  g_source_attach (idle, g_task_get_context (task));
  g_source_unref (idle);
}

static void
answer (SoupServerMessage *msg, guint status, PimLoopbackPage page)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *const  *extra = pim_loopback_response_headers ();
  char               *html = pim_loopback_build_page (page);

  for (guint i = 0; extra[i] != NULL; i += 2)
    soup_message_headers_replace (headers, extra[i], extra[i + 1]);
  if (status == SOUP_STATUS_METHOD_NOT_ALLOWED)
    soup_message_headers_replace (headers, "Allow", "GET");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, html,
                                    strlen (html));
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           data)
{
  PimSignInRun      *run = data;
  GUri              *uri = soup_server_message_get_uri (msg);
  PimLoopbackRequest request;

  if (run->taken || run->done)
    {
      answer (msg, SOUP_STATUS_GONE, PIM_LOOPBACK_PAGE_GONE);
      return;
    }
  request = pim_loopback_classify (soup_server_message_get_method (msg), g_uri_get_path (uri),
                                   g_uri_get_query (uri), run->path, PIM_LOOPBACK_MAX_QUERY);
  if (request != PIM_LOOPBACK_REQUEST_ACCEPT)
    {
      pim_log_debug ("Loopback redirect: ignored a request (HTTP %u)",
                     pim_loopback_request_status (request));
      answer (msg, pim_loopback_request_status (request), PIM_LOOPBACK_PAGE_NOT_REDIRECT);
      return;
    }
  run->answering = TRUE;
  g_signal_connect_data (msg, "finished", G_CALLBACK (redirect_answered), g_object_ref (run->task),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  if (run_take_redirect (run, g_uri_get_query (uri)))
    answer (msg, SOUP_STATUS_OK, PIM_LOOPBACK_PAGE_RECEIVED);
  else
    answer (msg, SOUP_STATUS_BAD_REQUEST, PIM_LOOPBACK_PAGE_FAILED);
}

/* The body of pim_browser_sign_in_handle_redirect_uri(), for the private-use
 * scheme redirect: takes @uri when it is @run's redirect URI followed by a
 * query; returns whether it did. */
gboolean
pim_sign_in_run_handle_redirect_uri (PimSignInRun *run, const char *uri)
{
  gsize            base_len, scheme_len;
  const char      *query = NULL;
  g_autofree char *query_copy = NULL;
  g_autoptr (GTask) task = NULL;

  if (run == NULL || run->done || run->taken || run->loopback || run->request == NULL)
    return FALSE;
  base_len = strcspn (uri, "?#");
  scheme_len = strcspn (run->redirect_uri, ":");
  if (base_len != strlen (run->redirect_uri) ||
      g_ascii_strncasecmp (uri, run->redirect_uri, scheme_len) != 0 ||
      strncmp (uri + scheme_len, run->redirect_uri + scheme_len, base_len - scheme_len) != 0)
    return FALSE;
  if (uri[base_len] == '?')
    {
      query = uri + base_len + 1;
      query_copy = g_strndup (query, strcspn (query, "#"));
    }
  task = g_object_ref (run->task);
  if (query_copy != NULL && strlen (query_copy) > PIM_LOOPBACK_MAX_QUERY)
    {
      run->taken = TRUE;
      run_fail (run, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_BAD_REDIRECT,
                _ ("The redirect is too long"));
      return TRUE;
    }
  run_take_redirect (run, query_copy);
  return TRUE;
}

/* ---- the browser ---- */

static void
run_open_browser (PimSignInRun *run, const char *url)
{
  PimBrowserSignIn *self = run->self;
  gboolean          handled;
  g_autoptr (GTask) task = g_object_ref (run->task);

  if (self->timeout > 0)
    {
      run->timeout_source =
          g_timeout_source_new ((guint) MIN ((guint64) self->timeout * 1000, G_MAXUINT));
      g_source_set_callback (run->timeout_source, on_timeout, run, NULL);
      g_source_attach (run->timeout_source, g_task_get_context (run->task));
    }
  handled = pim_browser_sign_in_emit_open_uri (self, url);
  if (!handled && task_run (task) != NULL)
    run_fail (run, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_BROWSER_FAILED,
              _ ("No handler opened the browser"));
}

static void
launched (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GTask) task = data;
  g_autoptr (GError) error = NULL;
  PimSignInRun *run;

  if (g_app_info_launch_default_for_uri_finish (res, &error))
    return;
  run = task_run (task);
  /* The message may name the URI (its state): never logged. */
  pim_log_debug ("Opening the browser failed (%s %d)", g_quark_to_string (error->domain),
                 error->code);
  if (run != NULL)
    run_fail (run, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_BROWSER_FAILED,
              _ ("The web browser could not be opened"));
}

/* The default handler of PimBrowserSignIn::open-uri: opens @uri with the
 * desktop's default browser (the OpenURI portal inside Flatpak). */
gboolean
pim_sign_in_run_launch_browser (PimSignInRun *run, const char *uri)
{
  if (run == NULL || run->done)
    return FALSE;
  g_app_info_launch_default_for_uri_async (uri, NULL, run->cancellable, launched,
                                           g_object_ref (run->task));
  return TRUE;
}

/* ---- the authorization request ---- */

static void
pushed (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GTask) task = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimPushedAuthorizationResponse) response =
      pim_pushed_authorization_request_send_finish (PIM_PUSHED_AUTHORIZATION_REQUEST (source), res,
                                                    &error);
  g_autofree char *url = NULL;
  PimSignInRun    *run = task_run (task);

  if (run == NULL)
    return;
  if (response != NULL)
    url =
        pim_pushed_authorization_response_build_authorization_url (response, run->request, &error);
  if (url == NULL)
    run_finish (run, NULL, g_steal_pointer (&error));
  else
    run_open_browser (run, url);
}

static gboolean
run_listen (PimSignInRun *run, GError **error)
{
  g_autoptr (GInetAddress) address =
      g_inet_address_new_loopback (run->ipv6 ? G_SOCKET_FAMILY_IPV6 : G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) socket_address = g_inet_socket_address_new (address, run->port);
  g_autoslist (GUri) uris = NULL;
  g_autoptr (GError) local_error = NULL;
  int port;

  run->server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (run->server, NULL, server_callback, run, NULL);
  if (!soup_server_listen (run->server, socket_address, 0, &local_error))
    {
      g_set_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_FAILED,
                   _ ("Cannot listen for the redirect on the loopback interface: %s"),
                   local_error->message);
      return FALSE;
    }
  uris = soup_server_get_uris (run->server);
  if (uris == NULL || (port = g_uri_get_port (uris->data)) <= 0)
    {
      g_set_error_literal (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_FAILED,
                           _ ("Cannot listen for the redirect on the loopback interface"));
      return FALSE;
    }
  run->redirect_uri =
      g_strdup_printf ("http://%s:%d%s", run->ipv6 ? "[::1]" : "127.0.0.1", port, run->path);
  return TRUE;
}

static void
run_authorize (PimSignInRun *run)
{
  PimBrowserSignIn *self = run->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  gboolean         use_par;

  if (run->loopback && !run_listen (run, &error))
    {
      run_finish (run, NULL, g_steal_pointer (&error));
      return;
    }
  pim_browser_sign_in_notify (self, PROP_REDIRECT_ADDRESS);

  run->request = pim_authorization_request_new_from_discovery (run->document, run->client_id,
                                                               run->redirect_uri);
  pim_authorization_request_set_scope (run->request, run->scope);
  pim_authorization_request_set_prompt (run->request, self->prompt);
  pim_authorization_request_set_login_hint (run->request, self->login_hint);
  pim_authorization_request_set_code_challenge_method (run->request, "S256");
  if (run->dpop_key != NULL)
    pim_authorization_request_set_dpop_jkt (run->request,
                                            pim_dpop_key_get_thumbprint (run->dpop_key));
  if (!pim_authorization_request_prepare (run->request, &error))
    {
      run_finish (run, NULL, g_steal_pointer (&error));
      return;
    }

  use_par = self->use_par ||
            pim_discovery_document_get_require_pushed_authorization_requests (run->document);
  if (use_par)
    {
      g_autoptr (PimPushedAuthorizationRequest) push =
          pim_pushed_authorization_request_new (run->request);
      const char *endpoint =
          pim_discovery_document_get_pushed_authorization_request_endpoint (run->document);

      if (endpoint == NULL)
        {
          run_fail (run, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                    _ ("The provider does not support pushed authorization requests"));
          return;
        }
      g_object_set (push, "address", endpoint, "issuer", NULL, NULL);
      pim_pushed_authorization_request_send_async (push, run->client, run->cancellable, pushed,
                                                   g_object_ref (run->task));
      return;
    }
  url = pim_authorization_request_build_url (run->request, &error);
  if (url == NULL)
    run_finish (run, NULL, g_steal_pointer (&error));
  else
    run_open_browser (run, url);
}

static void
discovered (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr (GTask) task = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = pim_get_discovery_document_finish (res, &error);
  PimSignInRun *run = task_run (task);

  if (run == NULL)
    return;
  if (document == NULL)
    {
      run_finish (run, NULL, g_steal_pointer (&error));
      return;
    }
  /* Kept for the next runs. */
  if (run->self->document == NULL)
    pim_browser_sign_in_set_discovery_document (run->self, document);
  run->document = g_steal_pointer (&document);
  run_authorize (run);
}

/* ---- starting ---- */

static gboolean
is_loopback_host (const char *host)
{
  return host != NULL && (strcmp (host, "127.0.0.1") == 0 || strcmp (host, "::1") == 0 ||
                          strcmp (host, "[::1]") == 0);
}

static gboolean
invalid_argument (GError **error, const char *message)
{
  g_set_error_literal (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

static gboolean
valid_path (const char *path)
{
  return path != NULL && path[0] == '/' && strpbrk (path, "?# ") == NULL &&
         g_utf8_validate (path, -1, NULL);
}

/* Checks what @self was given and fills in @run's redirect. */
static gboolean
run_configure (PimSignInRun *run, GError **error)
{
  PimBrowserSignIn *self = run->self;

  if (self->client_id == NULL || *self->client_id == '\0')
    return invalid_argument (error, _ ("The sign-in has no client id"));
  if (self->document == NULL && self->issuer == NULL)
    return invalid_argument (error,
                             _ ("The sign-in has neither an issuer nor a discovery document"));
  run->client_id = g_strdup (self->client_id);
  run->scope = g_strdup (self->scope != NULL ? self->scope : "openid");
  run->dpop_key = self->dpop_key != NULL ? g_object_ref (self->dpop_key) : NULL;

  if (self->redirect_uri == NULL)
    {
      run->loopback = TRUE;
      run->ipv6 = self->use_ipv6;
      if (self->redirect_path != NULL)
        {
          if (!valid_path (self->redirect_path))
            return invalid_argument (error, _ ("The redirect path must start with “/” and have "
                                               "no query"));
          run->path = g_strdup (self->redirect_path);
        }
      else
        {
          g_autofree char *random = pim_generate_random_string (RANDOM_PATH_BYTES, error);

          if (random == NULL)
            return FALSE;
          run->path = g_strconcat ("/pim/", random, NULL);
        }
      return TRUE;
    }
  else
    {
      g_autoptr (GUri) uri = g_uri_parse (self->redirect_uri, G_URI_FLAGS_ENCODED, NULL);
      const char *scheme;

      if (uri == NULL)
        return invalid_argument (error, _ ("The redirect URI is not a valid URI"));
      scheme = g_uri_get_scheme (uri);
      if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
          g_uri_get_userinfo (uri) != NULL)
        return invalid_argument (error,
                                 _ ("The redirect URI must have no query, fragment or user"));
      if (g_ascii_strcasecmp (scheme, "http") == 0)
        {
          if (!is_loopback_host (g_uri_get_host (uri)))
            return invalid_argument (error, _ ("An http redirect URI must be on 127.0.0.1 or "
                                               "[::1]"));
          run->loopback = TRUE;
          run->ipv6 = strchr (g_uri_get_host (uri), ':') != NULL;
          run->port = g_uri_get_port (uri) > 0 ? (guint) g_uri_get_port (uri) : 0;
          run->path = g_strdup (*g_uri_get_path (uri) != '\0' ? g_uri_get_path (uri) : "/");
          if (!valid_path (run->path))
            return invalid_argument (error, _ ("The redirect URI has an invalid path"));
          return TRUE;
        }
      if (strchr (scheme, '.') == NULL)
        return invalid_argument (error, _ ("The redirect URI must be a loopback http URI or a "
                                           "private-use scheme such as “org.example.App:/”"));
      run->redirect_uri = g_strdup (self->redirect_uri);
      return TRUE;
    }
}

/* Starts a run of @self on the thread-default main context; returns its
 * task (a new reference). */
GTask *
pim_sign_in_run_start (PimBrowserSignIn   *self,
                       PimHttpClient      *client,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  GTask        *task = g_task_new (self, cancellable, callback, user_data);
  PimSignInRun *run;
  g_autoptr (GError) error = NULL;

  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_browser_sign_in_run_async));
  if (!g_atomic_int_compare_and_exchange (&self->running, 0, 1))
    {
      g_task_return_new_error (task, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_BUSY, "%s",
                               _ ("A sign-in is already running"));
      return task;
    }
  run = g_new0 (PimSignInRun, 1);
  run->self = self;
  run->task = g_object_ref (task);
  run->client = client != NULL ? g_object_ref (client) : NULL;
  run->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, run, run_free);
  self->run = run;

  if (!run_configure (run, &error))
    {
      run_finish (run, NULL, g_steal_pointer (&error));
      return task;
    }
  if (cancellable != NULL)
    {
      run->user_cancellable = g_object_ref (cancellable);
      run->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled),
                                              g_object_ref (task), g_object_unref);
    }

  if (self->document != NULL)
    {
      run->document = g_object_ref (self->document);
      run_authorize (run);
    }
  else
    {
      g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (self->issuer);

      pim_get_discovery_document_async (request, client, run->cancellable, discovered,
                                        g_object_ref (task));
    }
  return task;
}
