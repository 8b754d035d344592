/* pim-browser-sign-in.c: PimBrowserSignIn, signing a user in with the
 * system browser (OAuth 2.0 for native apps, RFC 8252): the object, its
 * properties and signal, and the entry points of a run (pim-sign-in-run.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-browser-sign-in-private.h"

/**
 * PimBrowserSignIn:
 *
 * Signs a user in with the system browser, as OAuth 2.0 for Native Apps
 * (RFC 8252) describes: the authorization code flow with PKCE (`S256`),
 * `state` and `nonce`, the authorization request pushed first (RFC 9126)
 * when the provider requires it or [property@BrowserSignIn:use-par] says
 * so, the redirect received by a small HTTP server on the loopback
 * interface, the code exchanged, and the ID token validated (signature,
 * issuer, audience, expiry, `nonce`, `at_hash`).
 *
 * [method@BrowserSignIn.run] (or [method@BrowserSignIn.run_async]) does it
 * all:
 *
 * 1. discovers [property@BrowserSignIn:issuer] if no
 *    [property@BrowserSignIn:discovery-document] was given;
 * 2. starts a server bound to `127.0.0.1` (or `::1` with
 *    [property@BrowserSignIn:use-ipv6]) on an ephemeral port, whose
 *    redirect path is unguessable (`/pim/` and 128 random bits) unless
 *    [property@BrowserSignIn:redirect-path] names the one registered with
 *    the provider;
 * 3. emits [signal@BrowserSignIn::open-uri] with the authorization URL,
 *    whose default handler opens it with
 *    [func@Gio.AppInfo.launch_default_for_uri_async] (the OpenURI portal
 *    inside Flatpak);
 * 4. waits for the redirect, at most [property@BrowserSignIn:timeout]
 *    seconds. The first `GET` on the redirect path with a query decides
 *    the sign-in: its `state` and `iss` (RFC 9207) are checked, and the
 *    browser gets a small page that tells the user to return to the
 *    application (it never shows the code). Requests for other paths
 *    (404), other methods (405), oversized queries (414) and a `GET`
 *    without parameters (400) are answered and ignored. After the
 *    redirect the server stops listening, and it is closed in every
 *    outcome;
 * 5. exchanges the code (with the [property@BrowserSignIn:dpop-key] when
 *    set, which the authorization request binds with `dpop_jkt`) and
 *    validates the ID token;
 * 6. returns a [class@SignInResult].
 *
 * Apps that register a private-use URI scheme (RFC 8252 §7.1), such as
 * `org.example.App:/oauth2redirect`, set it as
 * [property@BrowserSignIn:redirect-uri]: no server is started, and the app
 * passes the URI it receives (from [signal@Gio.Application::open]) to
 * [method@BrowserSignIn.handle_redirect_uri].
 *
 * ```python
 * sign_in = Pim.BrowserSignIn.new('https://id.example.com', 'my-app',
 *                                 'openid profile offline_access')
 * result = await sign_in.run_async(None)
 * print(result.get_id_token_claims().get_subject())
 * ```
 *
 * One sign-in runs at a time per object: another run while one is going
 * on fails with %PIM_NATIVE_ERROR_BUSY. The sync form runs a private main
 * context on the calling thread, so it works on a thread without a main
 * loop; the async form runs on the caller's thread-default main context,
 * where the signal is emitted too. Set the properties before running.
 *
 * Since: 0.1
 */

#define DEFAULT_TIMEOUT   300
#define RANDOM_PATH_BYTES 16

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_OPEN_URI,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PimBrowserSignIn, pim_browser_sign_in, G_TYPE_OBJECT)

/* ---- what the run needs of the object ---- */

void
pim_browser_sign_in_notify (PimBrowserSignIn *self, guint prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

gboolean
pim_browser_sign_in_emit_open_uri (PimBrowserSignIn *self, const char *uri)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[SIGNAL_OPEN_URI], 0, uri, &handled);
  return handled;
}

static gboolean
pim_browser_sign_in_real_open_uri (PimBrowserSignIn *self, const char *uri)
{
  return pim_sign_in_run_launch_browser (self->run, uri);
}

/* ---- the public API ---- */

static void
sync_done (GObject *source, GAsyncResult *res, gpointer data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (res);
}

/**
 * pim_browser_sign_in_run:
 * @self: a browser sign-in
 * @cancellable: (nullable): a cancellable
 * @error: return location for a #GError
 *
 * Runs the whole sign-in (see [class@BrowserSignIn]) and waits for it,
 * iterating a private main context on the calling thread: the
 * [signal@BrowserSignIn::open-uri] signal is emitted on this thread, and
 * [method@BrowserSignIn.handle_redirect_uri] must be called from it too
 * (from a signal handler, say). Without an
 * [property@BrowserSignIn:http-client], it uses the thread's default
 * client.
 *
 * The errors are those of the protocol (%PIM_OAUTH_ERROR: such as
 * %PIM_OAUTH_ERROR_ACCESS_DENIED when the user refused,
 * %PIM_OAUTH_ERROR_STATE_MISMATCH or %PIM_OAUTH_ERROR_ISSUER_MISMATCH for
 * a forged redirect), of discovery, HTTP and token validation, and of
 * [error@NativeError]: %PIM_NATIVE_ERROR_TIMED_OUT,
 * %PIM_NATIVE_ERROR_BROWSER_FAILED, %PIM_NATIVE_ERROR_BAD_REDIRECT,
 * %PIM_NATIVE_ERROR_BUSY, %PIM_NATIVE_ERROR_INVALID_ARGUMENT;
 * %G_IO_ERROR_CANCELLED on cancellation.
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 *
 * Since: 0.1
 */
PimSignInResult *
pim_browser_sign_in_run (PimBrowserSignIn *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (GMainContext) context = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  PimHttpClient   *client;
  GTask           *task;
  PimSignInResult *sign_in;

  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  client = self->http_client != NULL ? self->http_client : pim_http_client_get_thread_default ();
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  task = pim_sign_in_run_start (self, client, cancellable, sync_done, &result);
  g_object_add_weak_pointer (G_OBJECT (task), (gpointer *) &task);
  g_object_unref (task);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  sign_in = g_task_propagate_pointer (G_TASK (result), error);
  g_clear_object (&result);
  /* Late callbacks (cancelled requests) still hold the task: let them
   * run, so that nothing is left on the private context. */
  while (task != NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  return sign_in;
}

/**
 * pim_browser_sign_in_run_async:
 * @self: a browser sign-in
 * @cancellable: (nullable): a cancellable
 * @callback: (scope async): called when the sign-in ends
 * @user_data: data for @callback
 *
 * Runs the whole sign-in (see [class@BrowserSignIn]) on the thread-default
 * main context, where [signal@BrowserSignIn::open-uri] is emitted and
 * [method@BrowserSignIn.handle_redirect_uri] must be called. Without an
 * [property@BrowserSignIn:http-client], it uses the shared default client.
 * Get the result with [method@BrowserSignIn.run_finish].
 *
 * Since: 0.1
 */
void
pim_browser_sign_in_run_async (PimBrowserSignIn   *self,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_return_if_fail (PIM_IS_BROWSER_SIGN_IN (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  g_object_unref (
      pim_sign_in_run_start (self, self->http_client, cancellable, callback, user_data));
}

/**
 * pim_browser_sign_in_run_finish:
 * @self: a browser sign-in
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@BrowserSignIn.run_async]; the errors are those of
 * [method@BrowserSignIn.run].
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 *
 * Since: 0.1
 */
PimSignInResult *
pim_browser_sign_in_run_finish (PimBrowserSignIn *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * pim_browser_sign_in_handle_redirect_uri:
 * @self: a browser sign-in
 * @uri: a URI the application received, such as from
 *   [signal@Gio.Application::open]
 *
 * Hands @uri to the running sign-in whose
 * [property@BrowserSignIn:redirect-uri] is a private-use scheme URI
 * (RFC 8252 §7.1). @uri is taken when it is that redirect URI (the scheme
 * compared without case, the rest exactly) followed by a query: the run
 * then completes, successfully or not (a wrong `state` fails it, with
 * %PIM_OAUTH_ERROR_STATE_MISMATCH; a query that is not an authorization
 * response with %PIM_NATIVE_ERROR_BAD_REDIRECT). Only the first such URI
 * is taken.
 *
 * Call it on the run's main context: the thread-default context of
 * [method@BrowserSignIn.run_async]'s caller, usually the application's
 * main context where [signal@Gio.Application::open] is emitted; for
 * [method@BrowserSignIn.run], the private context it iterates, which a
 * handler of [signal@BrowserSignIn::open-uri] can get with
 * g_main_context_ref_thread_default() and pass URIs to with
 * g_main_context_invoke().
 *
 * Returns: %TRUE if @uri was this sign-in's redirect and has been taken;
 *   %FALSE, leaving the run alone, when it is not (another scheme or path)
 *   or when no sign-in waits for one
 *
 * Since: 0.1
 */
gboolean
pim_browser_sign_in_handle_redirect_uri (PimBrowserSignIn *self, const char *uri)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  return pim_sign_in_run_handle_redirect_uri (self->run, uri);
}

/* ---- the object ---- */

static void
pim_browser_sign_in_finalize (GObject *object)
{
  PimBrowserSignIn *self = PIM_BROWSER_SIGN_IN (object);

  g_free (self->issuer);
  g_clear_object (&self->document);
  g_free (self->client_id);
  g_free (self->scope);
  g_clear_object (&self->http_client);
  g_free (self->redirect_uri);
  g_free (self->redirect_path);
  g_free (self->prompt);
  g_free (self->login_hint);
  g_clear_object (&self->dpop_key);
  G_OBJECT_CLASS (pim_browser_sign_in_parent_class)->finalize (object);
}

static void
pim_browser_sign_in_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PimBrowserSignIn *self = PIM_BROWSER_SIGN_IN (object);

  switch (prop_id)
    {
    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;
    case PROP_DISCOVERY_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    case PROP_HTTP_CLIENT:
      g_value_set_object (value, self->http_client);
      break;
    case PROP_REDIRECT_URI:
      g_value_set_string (value, self->redirect_uri);
      break;
    case PROP_REDIRECT_PATH:
      g_value_set_string (value, self->redirect_path);
      break;
    case PROP_USE_IPV6:
      g_value_set_boolean (value, self->use_ipv6);
      break;
    case PROP_USE_PAR:
      g_value_set_boolean (value, self->use_par);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_PROMPT:
      g_value_set_string (value, self->prompt);
      break;
    case PROP_LOGIN_HINT:
      g_value_set_string (value, self->login_hint);
      break;
    case PROP_DPOP_KEY:
      g_value_set_object (value, self->dpop_key);
      break;
    case PROP_REDIRECT_ADDRESS:
      g_value_set_string (value, pim_browser_sign_in_get_redirect_address (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string (char **field, const GValue *value)
{
  g_free (*field);
  *field = g_value_dup_string (value);
}

static void
set_object (gpointer field, const GValue *value)
{
  GObject **object = field;

  g_clear_object (object);
  *object = g_value_dup_object (value);
}

static void
pim_browser_sign_in_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PimBrowserSignIn *self = PIM_BROWSER_SIGN_IN (object);

  switch (prop_id)
    {
    case PROP_ISSUER:
      set_string (&self->issuer, value);
      break;
    case PROP_DISCOVERY_DOCUMENT:
      set_object (&self->document, value);
      break;
    case PROP_CLIENT_ID:
      set_string (&self->client_id, value);
      break;
    case PROP_SCOPE:
      set_string (&self->scope, value);
      break;
    case PROP_HTTP_CLIENT:
      set_object (&self->http_client, value);
      break;
    case PROP_REDIRECT_URI:
      set_string (&self->redirect_uri, value);
      break;
    case PROP_REDIRECT_PATH:
      set_string (&self->redirect_path, value);
      break;
    case PROP_USE_IPV6:
      self->use_ipv6 = g_value_get_boolean (value);
      break;
    case PROP_USE_PAR:
      self->use_par = g_value_get_boolean (value);
      break;
    case PROP_TIMEOUT:
      self->timeout = g_value_get_uint (value);
      break;
    case PROP_PROMPT:
      set_string (&self->prompt, value);
      break;
    case PROP_LOGIN_HINT:
      set_string (&self->login_hint, value);
      break;
    case PROP_DPOP_KEY:
      set_object (&self->dpop_key, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_browser_sign_in_class_init (PimBrowserSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_browser_sign_in_finalize;
  object_class->get_property = pim_browser_sign_in_get_property;
  object_class->set_property = pim_browser_sign_in_set_property;

  /**
   * PimBrowserSignIn:issuer: (getter get_issuer)
   *
   * The provider's issuer, discovered on the first run when no
   * [property@BrowserSignIn:discovery-document] is set. Set at
   * construction only.
   *
   * Since: 0.1
   */
  properties[PROP_ISSUER] =
      g_param_spec_string ("issuer", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * PimBrowserSignIn:discovery-document: (getter get_discovery_document) (setter set_discovery_document)
   *
   * The provider's discovery document: its endpoints, whether it requires
   * pushed authorization requests, whether it sends `iss` in the
   * redirect. Unset, the first run discovers
   * [property@BrowserSignIn:issuer] and sets it.
   *
   * Since: 0.1
   */
  properties[PROP_DISCOVERY_DOCUMENT] =
      g_param_spec_object ("discovery-document", NULL, NULL, PIM_TYPE_DISCOVERY_DOCUMENT, flags);

  /**
   * PimBrowserSignIn:client-id: (getter get_client_id) (setter set_client_id)
   *
   * The public client's id (native apps have no secret, RFC 8252 §8.5).
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, NULL, flags);

  /**
   * PimBrowserSignIn:scope: (getter get_scope) (setter set_scope)
   *
   * The scope to ask for, space-separated; %NULL for `openid`. Add
   * `offline_access` for a refresh token where the provider wants it.
   *
   * Since: 0.1
   */
  properties[PROP_SCOPE] = g_param_spec_string ("scope", NULL, NULL, NULL, flags);

  /**
   * PimBrowserSignIn:http-client: (getter get_http_client) (setter set_http_client)
   *
   * The client for discovery, the pushed request, the code exchange and
   * the provider's keys; %NULL for the library's defaults (the thread's
   * for [method@BrowserSignIn.run], the shared one for
   * [method@BrowserSignIn.run_async]).
   *
   * Since: 0.1
   */
  properties[PROP_HTTP_CLIENT] =
      g_param_spec_object ("http-client", NULL, NULL, PIM_TYPE_HTTP_CLIENT, flags);

  /**
   * PimBrowserSignIn:redirect-uri: (getter get_redirect_uri) (setter set_redirect_uri)
   *
   * %NULL (the default) for a loopback redirect on an ephemeral port (see
   * [property@BrowserSignIn:redirect-path] and
   * [property@BrowserSignIn:use-ipv6]); a private-use scheme URI such as
   * `org.example.App:/oauth2redirect` (RFC 8252 §7.1: the scheme must
   * contain a dot) for apps that receive the redirect themselves and hand
   * it to [method@BrowserSignIn.handle_redirect_uri]; or a loopback
   * `http` URI on `127.0.0.1` or `[::1]`, with a fixed port or none (an
   * ephemeral one). Any other URI fails the run with
   * %PIM_NATIVE_ERROR_INVALID_ARGUMENT.
   *
   * Since: 0.1
   */
  properties[PROP_REDIRECT_URI] = g_param_spec_string ("redirect-uri", NULL, NULL, NULL, flags);

  /**
   * PimBrowserSignIn:redirect-path: (getter get_redirect_path) (setter set_redirect_path)
   *
   * The path of the loopback redirect, such as `/callback`, for providers
   * that compare it with a registered one; %NULL (the default) for an
   * unguessable one, `/pim/` and 128 random bits, new for each run.
   *
   * Since: 0.1
   */
  properties[PROP_REDIRECT_PATH] = g_param_spec_string ("redirect-path", NULL, NULL, NULL, flags);

  /**
   * PimBrowserSignIn:use-ipv6: (getter get_use_ipv6) (setter set_use_ipv6)
   *
   * Whether the loopback redirect listens on `[::1]` instead of
   * `127.0.0.1` (the default, %FALSE).
   *
   * Since: 0.1
   */
  properties[PROP_USE_IPV6] = g_param_spec_boolean ("use-ipv6", NULL, NULL, FALSE, flags);

  /**
   * PimBrowserSignIn:use-par: (getter get_use_par) (setter set_use_par)
   *
   * Whether to push the authorization request first (RFC 9126) even
   * when the discovery document does not say
   * `require_pushed_authorization_requests`, for clients that the
   * provider requires it of. The browser then gets only the client id and
   * the `request_uri`. The default is %FALSE.
   *
   * Since: 0.1
   */
  properties[PROP_USE_PAR] = g_param_spec_boolean ("use-par", NULL, NULL, FALSE, flags);

  /**
   * PimBrowserSignIn:timeout: (getter get_timeout) (setter set_timeout)
   *
   * How long to wait for the user to come back from the browser, in
   * seconds, from the moment the browser is asked to open; 0 for no
   * limit; the default is 300 (five minutes). When it passes, the run
   * fails with %PIM_NATIVE_ERROR_TIMED_OUT.
   *
   * Since: 0.1
   */
  properties[PROP_TIMEOUT] =
      g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, DEFAULT_TIMEOUT, flags);

  /**
   * PimBrowserSignIn:prompt: (getter get_prompt) (setter set_prompt)
   *
   * The authorization request's `prompt`, such as `login` or `consent`;
   * %NULL for none.
   *
   * Since: 0.1
   */
  properties[PROP_PROMPT] = g_param_spec_string ("prompt", NULL, NULL, NULL, flags);

  /**
   * PimBrowserSignIn:login-hint: (getter get_login_hint) (setter set_login_hint)
   *
   * The authorization request's `login_hint`; %NULL for none.
   *
   * Since: 0.1
   */
  properties[PROP_LOGIN_HINT] = g_param_spec_string ("login-hint", NULL, NULL, NULL, flags);

  /**
   * PimBrowserSignIn:dpop-key: (getter get_dpop_key) (setter set_dpop_key)
   *
   * A key to bind the tokens to (RFC 9449): the authorization request
   * carries its thumbprint (`dpop_jkt`) and the code exchange its proof.
   * Keep the key to use the tokens.
   *
   * Since: 0.1
   */
  properties[PROP_DPOP_KEY] =
      g_param_spec_object ("dpop-key", NULL, NULL, PIM_TYPE_DPOP_KEY, flags);

  /**
   * PimBrowserSignIn:redirect-address: (getter get_redirect_address)
   *
   * The redirect URI of the running sign-in (the loopback one with its
   * port, once listening; or the private-use scheme URI); %NULL when none
   * runs.
   *
   * Since: 0.1
   */
  properties[PROP_REDIRECT_ADDRESS] =
      g_param_spec_string ("redirect-address", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PimBrowserSignIn::open-uri:
   * @self: the browser sign-in
   * @uri: the authorization URL to show the user
   *
   * Emitted, on the run's main context, when the user must be sent to the
   * provider. The default handler opens @uri with
   * [func@Gio.AppInfo.launch_default_for_uri_async] (the OpenURI portal
   * inside Flatpak) and fails the run with
   * %PIM_NATIVE_ERROR_BROWSER_FAILED when that fails. Applications with a
   * browser of their own, and tests, connect a handler that shows @uri and
   * returns %TRUE; the first handler that returns %TRUE stops the
   * emission. A run where no handler returns %TRUE fails with
   * %PIM_NATIVE_ERROR_BROWSER_FAILED.
   *
   * Returns: %TRUE when @uri was taken care of
   *
   * Since: 0.1
   */
  signals[SIGNAL_OPEN_URI] =
      g_signal_new_class_handler ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  G_CALLBACK (pim_browser_sign_in_real_open_uri),
                                  g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 1,
                                  G_TYPE_STRING);
}

static void
pim_browser_sign_in_init (PimBrowserSignIn *self)
{
  self->timeout = DEFAULT_TIMEOUT;
}

/**
 * pim_browser_sign_in_new:
 * @issuer: the provider's issuer, discovered on the first run
 * @client_id: the public client's id
 * @scope: (nullable): the scope; %NULL for `openid`
 *
 * Makes a sign-in at @issuer as @client_id.
 *
 * Returns: (transfer full): a new browser sign-in
 *
 * Since: 0.1
 */
PimBrowserSignIn *
pim_browser_sign_in_new (const char *issuer, const char *client_id, const char *scope)
{
  g_return_val_if_fail (issuer != NULL, NULL);

  return g_object_new (PIM_TYPE_BROWSER_SIGN_IN, "issuer", issuer, "client-id", client_id, "scope",
                       scope, NULL);
}

/**
 * pim_browser_sign_in_new_from_discovery:
 * @document: the provider's discovery document
 * @client_id: the public client's id
 * @scope: (nullable): the scope; %NULL for `openid`
 *
 * Makes a sign-in at the provider of @document, already discovered, as
 * @client_id.
 *
 * Returns: (transfer full): a new browser sign-in
 *
 * Since: 0.1
 */
PimBrowserSignIn *
pim_browser_sign_in_new_from_discovery (PimDiscoveryDocument *document,
                                        const char           *client_id,
                                        const char           *scope)
{
  g_return_val_if_fail (PIM_IS_DISCOVERY_DOCUMENT (document), NULL);

  return g_object_new (PIM_TYPE_BROWSER_SIGN_IN, "issuer",
                       pim_discovery_document_get_issuer (document), "discovery-document", document,
                       "client-id", client_id, "scope", scope, NULL);
}
