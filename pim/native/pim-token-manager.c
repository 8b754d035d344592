/* pim-token-manager.c: PimTokenManager, the object: its properties,
 * signals, constructors and accessors. Getting access tokens (the single
 * flight refresh) is in pim-token-manager-refresh.c, the store and
 * sign-out in pim-token-manager-storage.c.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <string.h>

#include "pim-sign-in-result.h"
#include "pim-token-manager-private.h"
#include "pim-token-manager.h"

/**
 * PimTokenManager:
 *
 * One account's tokens, kept fresh. [method@TokenManager.get_access_token]
 * always returns an access token that is valid for at least
 * [property@TokenManager:margin] seconds more, refreshing it ahead of
 * expiry with the refresh token grant at the token endpoint of
 * [property@TokenManager:discovery-document].
 *
 * However many threads and async callers ask at once, one refresh runs
 * at a time (single flight): the first caller that finds the token stale
 * sends the one token request, and the others wait for its outcome and
 * get the same new access token.
 *
 * Make a manager from a browser sign-in's result with
 * [ctor@TokenManager.new_from_sign_in], or, after a restart, with
 * [ctor@TokenManager.new] and [method@TokenManager.load], which reads the
 * refresh token from the [property@TokenManager:store] (the user's
 * keyring with [func@TokenStore.new_default]). New refresh tokens from
 * the provider (rotation) are saved to the store in the background; only
 * the refresh token and the DPoP key are ever stored, never access
 * tokens, and never in a plain file.
 *
 * ```c
 * g_autoptr (PimTokenManager) manager = pim_token_manager_new_from_sign_in (result);
 * g_autoptr (PimTokenStore) store = pim_token_store_new_default ();
 *
 * pim_token_manager_set_store (manager, store);
 * pim_token_manager_set_tokens (manager, pim_sign_in_result_get_token_response (result),
 *                               NULL, &error);
 * …
 * token = pim_token_manager_get_access_token (manager, NULL, &error);
 * ```
 *
 * What can go wrong is typed: %PIM_NATIVE_ERROR_SIGNED_OUT when there is
 * no refresh token or the provider refused it (`invalid_grant`: the
 * tokens and the stored secret are dropped and
 * [signal@TokenManager::signed-out] is emitted), and
 * %PIM_NATIVE_ERROR_OFFLINE when the provider cannot be reached and the
 * access token held has expired (one that is still valid, just not for
 * the whole margin, is returned instead). After a failure to reach the
 * provider the manager watches [property@TokenManager:network-monitor]
 * and refreshes by itself when the network comes back, emitting
 * [signal@TokenManager::tokens-changed].
 *
 * With a [property@TokenManager:dpop-key] the refresh requests carry DPoP
 * proofs of the key (RFC 9449), as refresh tokens bound to a key need,
 * and the store keeps the key beside the refresh token.
 *
 * A service uses [ctor@TokenManager.new_for_client_credentials]: the
 * manager then caches the token of a client credentials request and
 * renews it in the same way, without refresh token or store.
 *
 * The signals and property notifications are emitted on the main context
 * that was the thread-default one when the manager was made.
 *
 * Since: 0.1
 */

enum
{
  PROP_0,
  PROP_DISCOVERY_DOCUMENT,
  PROP_CLIENT_ID,
  PROP_CLIENT_CREDENTIALS_REQUEST,
  PROP_HTTP_CLIENT,
  PROP_STORE,
  PROP_ACCOUNT,
  PROP_MARGIN,
  PROP_DPOP_KEY,
  PROP_NETWORK_MONITOR,
  PROP_SIGNED_IN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_TOKENS_CHANGED,
  SIGNAL_REFRESH_FAILED,
  SIGNAL_SIGNED_OUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PimTokenManager, pim_token_manager, G_TYPE_OBJECT)

#define DEFAULT_MARGIN 60

gint64
pim_token_manager_now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
pim_token_manager_wipe_string (char **s)
{
  if (*s != NULL)
    {
      explicit_bzero (*s, strlen (*s));
      g_clear_pointer (s, g_free);
    }
}

/* Signals */

void
pim_token_manager_emit (PimTokenManager *self, guint what, const GError *error)
{
  if (what & PIM_TOKEN_MANAGER_EMIT_NOTIFY_SIGNED_IN)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
  if (what & PIM_TOKEN_MANAGER_EMIT_NOTIFY_DPOP_KEY)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DPOP_KEY]);
  if (what & PIM_TOKEN_MANAGER_EMIT_TOKENS_CHANGED)
    g_signal_emit (self, signals[SIGNAL_TOKENS_CHANGED], 0);
  if (what & PIM_TOKEN_MANAGER_EMIT_REFRESH_FAILED)
    g_signal_emit (self, signals[SIGNAL_REFRESH_FAILED], 0, error);
  if (what & PIM_TOKEN_MANAGER_EMIT_SIGNED_OUT)
    g_signal_emit (self, signals[SIGNAL_SIGNED_OUT], 0);
}

/* State, under the lock */

gboolean
pim_token_manager_signed_in_locked (PimTokenManager *self)
{
  if (self->cc_request != NULL)
    return TRUE;
  if (self->refresh_token != NULL)
    return TRUE;
  return self->tokens != NULL &&
         !pim_token_is_expired (pim_token_response_get_expires_at (self->tokens),
                                pim_token_manager_now_seconds ());
}

/* GObject */

static void
pim_token_manager_constructed (GObject *object)
{
  PimTokenManager *self = PIM_TOKEN_MANAGER (object);

  G_OBJECT_CLASS (pim_token_manager_parent_class)->constructed (object);

  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());
  if (self->cc_request != NULL && self->client_id == NULL)
    self->client_id =
        g_strdup (pim_oauth_request_get_client_id (PIM_OAUTH_REQUEST (self->cc_request)));
}

static void
pim_token_manager_dispose (GObject *object)
{
  PimTokenManager *self = PIM_TOKEN_MANAGER (object);

  g_mutex_lock (&self->lock);
  if (self->network_changed_id != 0 && self->monitor != NULL)
    g_signal_handler_disconnect (self->monitor, self->network_changed_id);
  self->network_changed_id = 0;
  g_mutex_unlock (&self->lock);

  G_OBJECT_CLASS (pim_token_manager_parent_class)->dispose (object);
}

static void
pim_token_manager_finalize (GObject *object)
{
  PimTokenManager *self = PIM_TOKEN_MANAGER (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_object (&self->cc_request);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->http_client);
  g_clear_object (&self->store);
  g_clear_pointer (&self->account, g_free);
  g_clear_object (&self->dpop_key);
  g_clear_object (&self->tokens);
  pim_token_manager_wipe_string (&self->refresh_token);
  pim_token_manager_wipe_string (&self->outcome_token);
  g_clear_error (&self->outcome_error);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->store_lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (pim_token_manager_parent_class)->finalize (object);
}

static void
pim_token_manager_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PimTokenManager *self = PIM_TOKEN_MANAGER (object);

  switch (prop_id)
    {
    case PROP_DISCOVERY_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_CLIENT_CREDENTIALS_REQUEST:
      g_value_set_object (value, self->cc_request);
      break;
    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, pim_token_manager_get_signed_in (self));
      break;
    default:
      g_mutex_lock (&self->lock);
      switch (prop_id)
        {
        case PROP_HTTP_CLIENT:
          g_value_set_object (value, self->http_client);
          break;
        case PROP_STORE:
          g_value_set_object (value, self->store);
          break;
        case PROP_ACCOUNT:
          g_value_set_string (value, self->account);
          break;
        case PROP_MARGIN:
          g_value_set_uint (value, self->margin);
          break;
        case PROP_DPOP_KEY:
          g_value_set_object (value, self->dpop_key);
          break;
        default:
          G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
        }
      g_mutex_unlock (&self->lock);
    }
}

static void
pim_token_manager_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PimTokenManager *self = PIM_TOKEN_MANAGER (object);

  switch (prop_id)
    {
    case PROP_DISCOVERY_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_CLIENT_ID:
      self->client_id = g_value_dup_string (value);
      break;
    case PROP_CLIENT_CREDENTIALS_REQUEST:
      self->cc_request = g_value_dup_object (value);
      break;
    case PROP_NETWORK_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    case PROP_HTTP_CLIENT:
      pim_token_manager_set_http_client (self, g_value_get_object (value));
      break;
    case PROP_STORE:
      pim_token_manager_set_store (self, g_value_get_object (value));
      break;
    case PROP_ACCOUNT:
      pim_token_manager_set_account (self, g_value_get_string (value));
      break;
    case PROP_MARGIN:
      pim_token_manager_set_margin (self, g_value_get_uint (value));
      break;
    case PROP_DPOP_KEY:
      pim_token_manager_set_dpop_key (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_token_manager_class_init (PimTokenManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags construct_only = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = pim_token_manager_constructed;
  object_class->dispose = pim_token_manager_dispose;
  object_class->finalize = pim_token_manager_finalize;
  object_class->get_property = pim_token_manager_get_property;
  object_class->set_property = pim_token_manager_set_property;

  /**
   * PimTokenManager:discovery-document: (getter get_discovery_document)
   *
   * The provider's discovery document: its issuer names the tokens in the
   * store, and its token and revocation endpoints are used. %NULL for a
   * client credentials manager.
   *
   * Since: 0.1
   */
  properties[PROP_DISCOVERY_DOCUMENT] =
      g_param_spec_object ("discovery-document", NULL, NULL, PIM_TYPE_DISCOVERY_DOCUMENT,
                           construct_only);

  /**
   * PimTokenManager:client-id: (getter get_client_id)
   *
   * The public client whose tokens these are.
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, NULL, construct_only);

  /**
   * PimTokenManager:client-credentials-request:
   *
   * The request a client credentials manager gets and renews its token
   * with ([ctor@TokenManager.new_for_client_credentials]), or %NULL for a
   * user's tokens.
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_CREDENTIALS_REQUEST] =
      g_param_spec_object ("client-credentials-request", NULL, NULL,
                           PIM_TYPE_CLIENT_CREDENTIALS_TOKEN_REQUEST, construct_only);

  /**
   * PimTokenManager:http-client: (getter get_http_client) (setter set_http_client)
   *
   * The HTTP client of the token requests, or %NULL for the library's
   * defaults.
   *
   * Since: 0.1
   */
  properties[PROP_HTTP_CLIENT] =
      g_param_spec_object ("http-client", NULL, NULL, PIM_TYPE_HTTP_CLIENT, flags);

  /**
   * PimTokenManager:store: (getter get_store) (setter set_store)
   *
   * Where the refresh token (and DPoP key) is kept, or %NULL for nowhere.
   * Set it before [method@TokenManager.load] and
   * [method@TokenManager.set_tokens].
   *
   * Since: 0.1
   */
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, PIM_TYPE_TOKEN_STORE, flags);

  /**
   * PimTokenManager:account: (getter get_account) (setter set_account)
   *
   * The account's name in the store, for applications with several
   * accounts at one provider, or %NULL for the only one.
   *
   * Since: 0.1
   */
  properties[PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, flags);

  /**
   * PimTokenManager:margin: (getter get_margin) (setter set_margin)
   *
   * How many seconds an access token must still be valid for to be
   * returned; a token closer to its expiry is refreshed first. The
   * default is 60.
   *
   * Since: 0.1
   */
  properties[PROP_MARGIN] =
      g_param_spec_uint ("margin", NULL, NULL, 0, G_MAXUINT, DEFAULT_MARGIN, flags);

  /**
   * PimTokenManager:dpop-key: (getter get_dpop_key) (setter set_dpop_key)
   *
   * The DPoP key that refresh requests prove possession of (RFC 9449),
   * stored with the refresh token and restored by
   * [method@TokenManager.load], or %NULL.
   *
   * Since: 0.1
   */
  properties[PROP_DPOP_KEY] =
      g_param_spec_object ("dpop-key", NULL, NULL, PIM_TYPE_DPOP_KEY, flags);

  /**
   * PimTokenManager:network-monitor:
   *
   * The network monitor whose [signal@Gio.NetworkMonitor::network-changed]
   * starts a refresh that failed for want of a network again. %NULL at
   * construction means the default one.
   *
   * Since: 0.1
   */
  properties[PROP_NETWORK_MONITOR] =
      g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR, construct_only);

  /**
   * PimTokenManager:signed-in: (getter get_signed_in)
   *
   * Whether there is a refresh token or an access token that has not
   * expired; always %TRUE for a client credentials manager.
   *
   * Since: 0.1
   */
  properties[PROP_SIGNED_IN] = g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PimTokenManager::tokens-changed:
   * @self: the manager
   *
   * The tokens changed: a refresh brought new ones, or
   * [method@TokenManager.set_tokens], [method@TokenManager.load] or
   * [method@TokenManager.sign_out] replaced them. Get them with
   * [method@TokenManager.dup_tokens].
   *
   * Since: 0.1
   */
  signals[SIGNAL_TOKENS_CHANGED] =
      g_signal_new ("tokens-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 0);

  /**
   * PimTokenManager::refresh-failed:
   * @self: the manager
   * @error: what went wrong: %PIM_NATIVE_ERROR_OFFLINE,
   *   %PIM_NATIVE_ERROR_SIGNED_OUT, or the provider's error
   *
   * A refresh failed. After %PIM_NATIVE_ERROR_OFFLINE the manager tries
   * again when the network monitor reports the network back.
   *
   * Since: 0.1
   */
  signals[SIGNAL_REFRESH_FAILED] =
      g_signal_new ("refresh-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * PimTokenManager::signed-out:
   * @self: the manager
   *
   * The grant is gone: the provider refused the refresh token
   * (`invalid_grant`), or [method@TokenManager.sign_out] was called. The
   * tokens and the stored secret are dropped; the application should
   * offer to sign in again.
   *
   * Since: 0.1
   */
  signals[SIGNAL_SIGNED_OUT] =
      g_signal_new ("signed-out", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 0);
}

static void
pim_token_manager_init (PimTokenManager *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->store_lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->waiters);
  self->margin = DEFAULT_MARGIN;
  self->context = g_main_context_ref_thread_default ();
}

/**
 * pim_token_manager_new:
 * @document: the provider's discovery document
 * @client_id: the public client's identifier
 *
 * Creates a manager of a user's tokens at the provider of @document for
 * the public client @client_id, without tokens yet: give it some with
 * [method@TokenManager.set_tokens] or [method@TokenManager.load].
 *
 * Returns: (transfer full): a new manager
 *
 * Since: 0.1
 */
PimTokenManager *
pim_token_manager_new (PimDiscoveryDocument *document, const char *client_id)
{
  g_return_val_if_fail (PIM_IS_DISCOVERY_DOCUMENT (document), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return g_object_new (PIM_TYPE_TOKEN_MANAGER, "discovery-document", document, "client-id",
                       client_id, NULL);
}

/**
 * pim_token_manager_new_from_sign_in:
 * @result: a completed sign-in
 *
 * Creates a manager of the tokens of a sign-in (with its discovery
 * document and client id), holding them. They are not saved: call
 * [method@TokenManager.set_tokens] with them after setting a store to
 * keep the user signed in across runs; without a store, the manager is
 * enough for a process that does not keep the user signed in.
 *
 * Returns: (transfer full): a new manager
 *
 * Since: 0.1
 */
PimTokenManager *
pim_token_manager_new_from_sign_in (PimSignInResult *result)
{
  PimTokenManager  *self = NULL;
  PimTokenResponse *tokens = NULL;

  g_return_val_if_fail (PIM_IS_SIGN_IN_RESULT (result), NULL);

  self = pim_token_manager_new (pim_sign_in_result_get_discovery_document (result),
                                pim_sign_in_result_get_client_id (result));
  tokens = pim_sign_in_result_get_token_response (result);
  if (tokens != NULL)
    {
      self->tokens = g_object_ref (tokens);
      self->refresh_token = g_strdup (pim_token_response_get_refresh_token (tokens));
    }
  return self;
}

/**
 * pim_token_manager_new_for_client_credentials:
 * @request: a client credentials request
 *
 * Creates a manager of a service's token, got and renewed with @request
 * (its client authentication, scope, resources and DPoP key are used as
 * they are). It has no refresh token and uses no store.
 *
 * Returns: (transfer full): a new manager
 *
 * Since: 0.1
 */
PimTokenManager *
pim_token_manager_new_for_client_credentials (PimClientCredentialsTokenRequest *request)
{
  g_return_val_if_fail (PIM_IS_CLIENT_CREDENTIALS_TOKEN_REQUEST (request), NULL);

  return g_object_new (PIM_TYPE_TOKEN_MANAGER, "client-credentials-request", request, NULL);
}

/**
 * pim_token_manager_get_discovery_document:
 * @self: a manager
 *
 * Gets [property@TokenManager:discovery-document].
 *
 * Returns: (transfer none) (nullable): the discovery document
 *
 * Since: 0.1
 */
PimDiscoveryDocument *
pim_token_manager_get_discovery_document (PimTokenManager *self)
{
  g_return_val_if_fail (PIM_IS_TOKEN_MANAGER (self), NULL);

  return self->document;
}

/**
 * pim_token_manager_get_client_id:
 * @self: a manager
 *
 * Gets [property@TokenManager:client-id].
 *
 * Returns: (nullable): the client id
 *
 * Since: 0.1
 */
const char *
pim_token_manager_get_client_id (PimTokenManager *self)
{
  g_return_val_if_fail (PIM_IS_TOKEN_MANAGER (self), NULL);

  return self->client_id;
}

/**
 * pim_token_manager_get_http_client:
 * @self: a manager
 *
 * Gets [property@TokenManager:http-client].
 *
 * Returns: (transfer none) (nullable): the HTTP client
 *
 * Since: 0.1
 */
PimHttpClient *
pim_token_manager_get_http_client (PimTokenManager *self)
{
  g_return_val_if_fail (PIM_IS_TOKEN_MANAGER (self), NULL);

  return self->http_client;
}

/**
 * pim_token_manager_set_http_client:
 * @self: a manager
 * @client: (nullable): an HTTP client, or %NULL for the defaults
 *
 * Sets [property@TokenManager:http-client].
 *
 * Since: 0.1
 */
void
pim_token_manager_set_http_client (PimTokenManager *self, PimHttpClient *client)
{
  gboolean changed = FALSE;

  g_return_if_fail (PIM_IS_TOKEN_MANAGER (self));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  g_mutex_lock (&self->lock);
  changed = g_set_object (&self->http_client, client);
  g_mutex_unlock (&self->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HTTP_CLIENT]);
}

/**
 * pim_token_manager_get_store:
 * @self: a manager
 *
 * Gets [property@TokenManager:store].
 *
 * Returns: (transfer none) (nullable): the store
 *
 * Since: 0.1
 */
PimTokenStore *
pim_token_manager_get_store (PimTokenManager *self)
{
  g_return_val_if_fail (PIM_IS_TOKEN_MANAGER (self), NULL);

  return self->store;
}

/**
 * pim_token_manager_set_store:
 * @self: a manager
 * @store: (nullable): a token store, or %NULL for none
 *
 * Sets [property@TokenManager:store].
 *
 * Since: 0.1
 */
void
pim_token_manager_set_store (PimTokenManager *self, PimTokenStore *store)
{
  gboolean changed = FALSE;

  g_return_if_fail (PIM_IS_TOKEN_MANAGER (self));
  g_return_if_fail (store == NULL || PIM_IS_TOKEN_STORE (store));

  g_mutex_lock (&self->lock);
  changed = g_set_object (&self->store, store);
  g_mutex_unlock (&self->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * pim_token_manager_get_account:
 * @self: a manager
 *
 * Gets [property@TokenManager:account].
 *
 * Returns: (nullable): the account
 *
 * Since: 0.1
 */
const char *
pim_token_manager_get_account (PimTokenManager *self)
{
  g_return_val_if_fail (PIM_IS_TOKEN_MANAGER (self), NULL);

  return self->account;
}

/**
 * pim_token_manager_set_account:
 * @self: a manager
 * @account: (nullable): an account name, or %NULL for the only one
 *
 * Sets [property@TokenManager:account].
 *
 * Since: 0.1
 */
void
pim_token_manager_set_account (PimTokenManager *self, const char *account)
{
  gboolean changed = FALSE;

  g_return_if_fail (PIM_IS_TOKEN_MANAGER (self));

  g_mutex_lock (&self->lock);
  if (g_strcmp0 (self->account, account) != 0)
    {
      g_free (self->account);
      self->account = g_strdup (account);
      changed = TRUE;
    }
  g_mutex_unlock (&self->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

/**
 * pim_token_manager_get_margin:
 * @self: a manager
 *
 * Gets [property@TokenManager:margin].
 *
 * Returns: the margin in seconds
 *
 * Since: 0.1
 */
guint
pim_token_manager_get_margin (PimTokenManager *self)
{
  guint margin = 0;

  g_return_val_if_fail (PIM_IS_TOKEN_MANAGER (self), 0);

  g_mutex_lock (&self->lock);
  margin = self->margin;
  g_mutex_unlock (&self->lock);
  return margin;
}

/**
 * pim_token_manager_set_margin:
 * @self: a manager
 * @seconds: the margin in seconds
 *
 * Sets [property@TokenManager:margin].
 *
 * Since: 0.1
 */
void
pim_token_manager_set_margin (PimTokenManager *self, guint seconds)
{
  gboolean changed = FALSE;

  g_return_if_fail (PIM_IS_TOKEN_MANAGER (self));

  g_mutex_lock (&self->lock);
  changed = self->margin != seconds;
  self->margin = seconds;
  g_mutex_unlock (&self->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARGIN]);
}

/**
 * pim_token_manager_get_dpop_key:
 * @self: a manager
 *
 * Gets [property@TokenManager:dpop-key].
 *
 * Returns: (transfer none) (nullable): the DPoP key
 *
 * Since: 0.1
 */
PimDPoPKey *
pim_token_manager_get_dpop_key (PimTokenManager *self)
{
  g_return_val_if_fail (PIM_IS_TOKEN_MANAGER (self), NULL);

  return self->dpop_key;
}

/**
 * pim_token_manager_set_dpop_key:
 * @self: a manager
 * @key: (nullable): a DPoP key, or %NULL
 *
 * Sets [property@TokenManager:dpop-key].
 *
 * Since: 0.1
 */
void
pim_token_manager_set_dpop_key (PimTokenManager *self, PimDPoPKey *key)
{
  gboolean changed = FALSE;

  g_return_if_fail (PIM_IS_TOKEN_MANAGER (self));
  g_return_if_fail (key == NULL || PIM_IS_DPOP_KEY (key));

  g_mutex_lock (&self->lock);
  changed = g_set_object (&self->dpop_key, key);
  g_mutex_unlock (&self->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DPOP_KEY]);
}

/**
 * pim_token_manager_get_signed_in:
 * @self: a manager
 *
 * Gets [property@TokenManager:signed-in].
 *
 * Returns: whether the manager has a grant
 *
 * Since: 0.1
 */
gboolean
pim_token_manager_get_signed_in (PimTokenManager *self)
{
  gboolean signed_in = FALSE;

  g_return_val_if_fail (PIM_IS_TOKEN_MANAGER (self), FALSE);

  g_mutex_lock (&self->lock);
  signed_in = pim_token_manager_signed_in_locked (self);
  g_mutex_unlock (&self->lock);
  return signed_in;
}

/**
 * pim_token_manager_dup_tokens:
 * @self: a manager
 *
 * Gets the latest token response: of the last refresh, or given to
 * [method@TokenManager.set_tokens].
 *
 * Returns: (transfer full) (nullable): the tokens, or %NULL when there
 *   are none
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_token_manager_dup_tokens (PimTokenManager *self)
{
  PimTokenResponse *tokens = NULL;

  g_return_val_if_fail (PIM_IS_TOKEN_MANAGER (self), NULL);

  g_mutex_lock (&self->lock);
  if (self->tokens != NULL)
    tokens = g_object_ref (self->tokens);
  g_mutex_unlock (&self->lock);
  return tokens;
}
