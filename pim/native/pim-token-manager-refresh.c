/* pim-token-manager-refresh.c: PimTokenManager's access tokens: one
 * refresh at a time for all callers (single flight), the retry when the
 * network comes back, and the signals, emitted on the manager's main
 * context
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-http-error.h"
#include "pim-native-error.h"
#include "pim-oauth-error.h"
#include "pim-refresh-token-request.h"
#include "pim-token-manager-private.h"
#include "pim-token-manager.h"

/* Signals, on the manager's main context */

typedef struct
{
  PimTokenManager *self;
  guint            what;
  GError          *error;
} PendingEmission;

static void
pending_emission_free (gpointer data)
{
  PendingEmission *pending = data;

  g_object_unref (pending->self);
  g_clear_error (&pending->error);
  g_free (pending);
}

static gboolean
emit_now (gpointer data)
{
  PendingEmission *pending = data;

  pim_token_manager_emit (pending->self, pending->what, pending->error);
  return G_SOURCE_REMOVE;
}

void
pim_token_manager_emit_later (PimTokenManager *self, guint what, const GError *error)
{
  PendingEmission *pending = NULL;

  if (what == 0)
    return;
  pending = g_new0 (PendingEmission, 1);
  pending->self = g_object_ref (self);
  pending->what = what;
  pending->error = error != NULL ? g_error_copy (error) : NULL;
  /* At once when this thread is running the manager's context (a caller
   * in a callback), else from that context when its thread iterates it
   * (not g_main_context_invoke(), which would run it in any thread that
   * can acquire the context). */
  if (g_main_context_is_owner (self->context))
    {
      emit_now (pending);
      pending_emission_free (pending);
    }
  else
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_now, pending, pending_emission_free);
      g_source_set_static_name (source, "[pim] token manager signals");
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/* State, under the lock */

static gboolean
fresh_locked (PimTokenManager *self)
{
  return self->tokens != NULL && pim_token_response_get_access_token (self->tokens) != NULL &&
         !pim_token_needs_refresh (pim_token_response_get_expires_at (self->tokens),
                                   pim_token_manager_now_seconds (), self->margin);
}

/* Single flight */

static void start_get (PimTokenManager *self, GTask *task);
static void refresh_in_background (PimTokenManager *self);

/* An async caller waiting for the refresh, in self->waiters. With a
 * cancellable, it is also the data of the handler watching it, which
 * holds a reference of its own (an atomic rc box) released when it is
 * disconnected. */
typedef struct
{
  PimTokenManager *self; /* NULL once the handler has completed the task */
  GTask           *task; /* owned while queued */
  gulong           cancelled_id;
} PimTokenWaiter;

static void
waiter_clear (gpointer data)
{
  PimTokenWaiter *waiter = data;

  g_clear_object (&waiter->task);
}

static void
waiter_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, waiter_clear);
}

/* An async waiter's cancellable was cancelled, in any thread: if the
 * waiter is still queued, it leaves the queue and its task ends with
 * G_IO_ERROR_CANCELLED; if the leader has taken it, the leader completes
 * it (after disconnecting this handler, which waits for it to return).
 * The handler is never disconnected from here (that would deadlock): it
 * stays connected, inert, until the cancellable is finalized. */
static void
on_waiter_cancelled (GCancellable *cancellable, gpointer user_data)
{
  PimTokenWaiter  *waiter = user_data;
  PimTokenManager *self = waiter->self;
  GTask           *task = NULL;

  if (self == NULL)
    return;
  g_mutex_lock (&self->lock);
  if (g_queue_remove (&self->waiters, waiter))
    {
      task = g_steal_pointer (&waiter->task);
      waiter->self = NULL;
    }
  g_mutex_unlock (&self->lock);
  if (task == NULL)
    return;
  waiter_unref (waiter); /* the queue's reference */
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
}

static void
on_network_changed (GNetworkMonitor *monitor, gboolean available, gpointer user_data)
{
  PimTokenManager *self = user_data;
  gulong           id = 0;

  if (!available)
    return;
  g_mutex_lock (&self->lock);
  id = self->network_changed_id;
  self->network_changed_id = 0;
  g_mutex_unlock (&self->lock);
  if (id == 0)
    return;
  g_signal_handler_disconnect (monitor, id);
  pim_log_debug ("The network is back: refreshing the tokens");
  refresh_in_background (self);
}

static void
arm_retry_locked (PimTokenManager *self)
{
  if (self->network_changed_id == 0)
    self->network_changed_id =
        g_signal_connect (self->monitor, "network-changed", G_CALLBACK (on_network_changed), self);
}

static gboolean
is_transport_error (const GError *error)
{
  if (error->domain == PIM_HTTP_ERROR)
    return error->code == PIM_HTTP_ERROR_CONNECTION || error->code == PIM_HTTP_ERROR_TIMEOUT;
  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED;
  return error->domain == G_RESOLVER_ERROR;
}

/* What the leader sends: a snapshot of the state taken under the lock. */
static PimTokenResponse *
request_tokens (PimTokenManager *self,
                const char      *refresh_token,
                PimHttpClient   *http_client,
                PimDPoPKey      *dpop_key,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr (PimRefreshTokenRequest) request = NULL;
  const char *endpoint = NULL;

  if (self->cc_request != NULL)
    return pim_request_client_credentials_token (self->cc_request, http_client, cancellable, error);
  if (refresh_token == NULL)
    {
      g_set_error_literal (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_SIGNED_OUT,
                           _ ("Not signed in: there is no refresh token"));
      return NULL;
    }
  endpoint = pim_discovery_document_get_token_endpoint (self->document);
  if (endpoint == NULL)
    {
      g_set_error_literal (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_FAILED,
                           _ ("The provider has no token endpoint"));
      return NULL;
    }
  request = pim_refresh_token_request_new (endpoint, self->client_id, refresh_token);
  if (dpop_key != NULL)
    pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (request), dpop_key);
  return pim_request_refresh_token (request, http_client, cancellable, error);
}

/* Runs the one refresh: the caller set self->refreshing under the lock
 * and does not hold it. Completes the waiting callers, emits the signals
 * and returns the access token or the error. */
static char *
lead_refresh (PimTokenManager *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (PimHttpClient) http_client = NULL;
  g_autoptr (PimDPoPKey) dpop_key = NULL;
  g_autoptr (PimTokenResponse) response = NULL;
  g_autoptr (GError) request_error = NULL;
  g_autoptr (GError) failure = NULL; /* for "refresh-failed" */
  char    *refresh_token = NULL;
  char    *token = NULL;
  GError  *outcome_error = NULL;
  GQueue   waiters = G_QUEUE_INIT;
  gboolean was_signed_in = FALSE;
  gboolean store_changed = FALSE;
  guint    emissions = 0;

  g_mutex_lock (&self->lock);
  refresh_token = g_strdup (self->refresh_token);
  if (self->http_client != NULL)
    http_client = g_object_ref (self->http_client);
  if (self->dpop_key != NULL)
    dpop_key = g_object_ref (self->dpop_key);
  g_mutex_unlock (&self->lock);

  response =
      request_tokens (self, refresh_token, http_client, dpop_key, cancellable, &request_error);

  g_mutex_lock (&self->lock);
  was_signed_in = pim_token_manager_signed_in_locked (self);
  if (response != NULL)
    {
      const char *rotated = pim_token_response_get_refresh_token (response);

      g_set_object (&self->tokens, response);
      if (self->cc_request == NULL && rotated != NULL &&
          g_strcmp0 (rotated, self->refresh_token) != 0)
        {
          pim_token_manager_wipe_string (&self->refresh_token);
          self->refresh_token = g_strdup (rotated);
          store_changed = TRUE;
        }
      token = g_strdup (pim_token_response_get_access_token (response));
      emissions |= PIM_TOKEN_MANAGER_EMIT_TOKENS_CHANGED;
    }
  else if (g_error_matches (request_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    outcome_error = g_error_copy (request_error);
  else if (self->cc_request == NULL &&
           (g_error_matches (request_error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_GRANT) ||
            g_error_matches (request_error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_SIGNED_OUT)))
    {
      if (request_error->domain == PIM_NATIVE_ERROR)
        outcome_error = g_error_copy (request_error);
      else
        {
          /* The grant is gone: forget it, here and in the store. */
          outcome_error = g_error_new (PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_SIGNED_OUT,
                                       _ ("Signed out: %s"), request_error->message);
          g_clear_object (&self->tokens);
          pim_token_manager_wipe_string (&self->refresh_token);
          store_changed = TRUE;
          emissions |= PIM_TOKEN_MANAGER_EMIT_SIGNED_OUT | PIM_TOKEN_MANAGER_EMIT_TOKENS_CHANGED |
                       PIM_TOKEN_MANAGER_EMIT_REFRESH_FAILED;
          failure = g_error_copy (outcome_error);
        }
    }
  else if (is_transport_error (request_error))
    {
      arm_retry_locked (self);
      failure = g_error_new (PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_OFFLINE,
                             _ ("The provider could not be reached: %s"), request_error->message);
      emissions |= PIM_TOKEN_MANAGER_EMIT_REFRESH_FAILED;
      if (self->tokens != NULL && pim_token_response_get_access_token (self->tokens) != NULL &&
          !pim_token_is_expired (pim_token_response_get_expires_at (self->tokens),
                                 pim_token_manager_now_seconds ()))
        token = g_strdup (pim_token_response_get_access_token (self->tokens));
      else
        outcome_error = g_error_copy (failure);
    }
  else
    {
      outcome_error = g_error_copy (request_error);
      failure = g_error_copy (request_error);
      emissions |= PIM_TOKEN_MANAGER_EMIT_REFRESH_FAILED;
    }
  if (was_signed_in != pim_token_manager_signed_in_locked (self))
    emissions |= PIM_TOKEN_MANAGER_EMIT_NOTIFY_SIGNED_IN;

  self->refreshing = FALSE;
  self->generation++;
  pim_token_manager_wipe_string (&self->outcome_token);
  g_clear_error (&self->outcome_error);
  self->outcome_token = g_strdup (token);
  self->outcome_error = outcome_error != NULL ? g_error_copy (outcome_error) : NULL;
  waiters = self->waiters;
  g_queue_init (&self->waiters);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  pim_token_manager_wipe_string (&refresh_token);

  /* The async callers that waited: the same outcome, or, when only the
   * leader was cancelled, another try. */
  for (GList *l = waiters.head; l != NULL; l = l->next)
    {
      PimTokenWaiter *waiter = l->data;
      GTask          *task = g_steal_pointer (&waiter->task);

      /* Out of the queue, its handler no longer touches it; disconnecting
       * waits for one running in another thread. */
      g_cancellable_disconnect (g_task_get_cancellable (task), waiter->cancelled_id);
      waiter_unref (waiter);
      if (g_error_matches (outcome_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        start_get (self, task);
      else
        {
          if (outcome_error != NULL)
            g_task_return_error (task, g_error_copy (outcome_error));
          else
            g_task_return_pointer (task, g_strdup (token), g_free);
          g_object_unref (task);
        }
    }
  g_list_free (waiters.head);

  pim_token_manager_emit_later (self, emissions, failure);
  if (store_changed)
    pim_token_manager_sync_store_in_background (self);

  if (outcome_error != NULL)
    {
      g_propagate_error (error, outcome_error);
      pim_token_manager_wipe_string (&token);
      return NULL;
    }
  return token;
}

static void
refresh_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;
  char   *token = lead_refresh (PIM_TOKEN_MANAGER (source), cancellable, &error);

  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_free);
}

/* An async caller: the token at once, a place in the queue (watching
 * its cancellable), or the lead. */
static void
start_get (PimTokenManager *self, GTask *task)
{
  GCancellable   *cancellable = g_task_get_cancellable (task);
  PimTokenWaiter *waiter = NULL;
  char           *token = NULL;
  gboolean        lead = FALSE;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      if (fresh_locked (self))
        {
          token = g_strdup (pim_token_response_get_access_token (self->tokens));
          break;
        }
      if (!self->refreshing)
        {
          self->refreshing = TRUE;
          lead = TRUE;
          break;
        }
      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (cancellable == NULL || waiter != NULL)
        {
          if (waiter == NULL)
            waiter = g_atomic_rc_box_new0 (PimTokenWaiter);
          waiter->self = self;
          waiter->task = task;
          g_queue_push_tail (&self->waiters, waiter);
          g_mutex_unlock (&self->lock);
          return;
        }
      /* Watch the cancellable, then look again: connected outside the
       * lock, as the handler takes it (and runs at once when the
       * cancellable is already cancelled). A cancellation from now on
       * either finds the waiter queued or is seen above. */
      g_mutex_unlock (&self->lock);
      waiter = g_atomic_rc_box_new0 (PimTokenWaiter);
      waiter->self = self;
      waiter->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_waiter_cancelled),
                                                    g_atomic_rc_box_acquire (waiter), waiter_unref);
      g_mutex_lock (&self->lock);
    }
  g_mutex_unlock (&self->lock);

  if (waiter != NULL)
    {
      g_cancellable_disconnect (cancellable, waiter->cancelled_id);
      waiter_unref (waiter);
    }
  if (token != NULL)
    g_task_return_pointer (task, token, g_free);
  else if (lead)
    g_task_run_in_thread (task, refresh_thread);
  else
    g_task_return_error_if_cancelled (task);
  g_object_unref (task);
}

static void
refresh_in_background (PimTokenManager *self)
{
  g_autoptr (GTask) task = NULL;

  g_mutex_lock (&self->lock);
  if (self->refreshing || fresh_locked (self))
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  self->refreshing = TRUE;
  g_mutex_unlock (&self->lock);
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (refresh_in_background));
  g_task_run_in_thread (task, refresh_thread);
}

/* A sync waiter's cancellable was cancelled, in any thread: wakes the
 * waiting threads, which look at their cancellables. */
static void
wake_waiters (GCancellable *cancellable, gpointer user_data)
{
  PimTokenManager *self = user_data;

  g_mutex_lock (&self->lock);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

/**
 * pim_token_manager_get_access_token:
 * @self: a manager
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets an access token that is valid for at least
 * [property@TokenManager:margin] seconds more, refreshing the tokens
 * first when needed. One refresh runs at a time for all threads and async
 * callers: a caller that finds one running waits for its outcome, or until
 * its own @cancellable is cancelled, which ends its wait at once with
 * %G_IO_ERROR_CANCELLED (the refresh goes on for the others); if the
 * refresh it waits for is cancelled by its own caller, it tries again. May
 * be called from any thread.
 *
 * Errors are %G_IO_ERROR_CANCELLED, %PIM_NATIVE_ERROR_SIGNED_OUT (no
 * refresh token, or the provider refused it), %PIM_NATIVE_ERROR_OFFLINE
 * (the provider could not be reached and the access token held has
 * expired), or the provider's own (%PIM_OAUTH_ERROR). When this call
 * sends the refresh itself, cancelling @cancellable cancels its request,
 * and the callers waiting for it try again.
 *
 * Returns: (transfer full): the access token, or %NULL with @error set
 *
 * Since: 0.1
 */
char *
pim_token_manager_get_access_token (PimTokenManager *self,
                                    GCancellable    *cancellable,
                                    GError         **error)
{
  gulong   cancelled_id = 0;
  char    *token = NULL;
  gboolean lead = FALSE;

  g_return_val_if_fail (PIM_IS_TOKEN_MANAGER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->lock);
  for (;;)
    {
      guint64 generation = 0;

      if (fresh_locked (self))
        {
          token = g_strdup (pim_token_response_get_access_token (self->tokens));
          break;
        }
      if (!self->refreshing)
        {
          self->refreshing = TRUE;
          lead = TRUE;
          break;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
      if (cancellable != NULL && cancelled_id == 0)
        {
          /* Wake the wait when cancelled: connected outside the lock, as
           * the handler takes it (and runs at once when the cancellable is
           * already cancelled, seen above on the next turn). */
          g_mutex_unlock (&self->lock);
          cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (wake_waiters), self, NULL);
          g_mutex_lock (&self->lock);
          continue;
        }
      generation = self->generation;
      while (self->refreshing && self->generation == generation &&
             !g_cancellable_is_cancelled (cancellable))
        g_cond_wait (&self->cond, &self->lock);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
      if (g_error_matches (self->outcome_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        continue;
      if (self->outcome_error != NULL)
        g_propagate_error (error, g_error_copy (self->outcome_error));
      else
        token = g_strdup (self->outcome_token);
      break;
    }
  g_mutex_unlock (&self->lock);
  /* after unlocking: this waits for a running handler, which takes the lock */
  g_cancellable_disconnect (cancellable, cancelled_id);

  if (lead)
    return lead_refresh (self, cancellable, error);
  return token;
}

/**
 * pim_token_manager_get_access_token_async:
 * @self: a manager
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Gets an access token without blocking; see
 * [method@TokenManager.get_access_token]. A refresh runs in a worker
 * thread; the callback is called on the thread-default main context of
 * the caller. A call waiting for another caller's refresh ends with
 * %G_IO_ERROR_CANCELLED as soon as @cancellable is cancelled.
 *
 * Since: 0.1
 */
void
pim_token_manager_get_access_token_async (PimTokenManager    *self,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data)
{
  GTask *task = NULL;

  g_return_if_fail (PIM_IS_TOKEN_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_token_manager_get_access_token_async));
  start_get (self, task);
}

/**
 * pim_token_manager_get_access_token_finish:
 * @self: a manager
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@TokenManager.get_access_token_async].
 *
 * Returns: (transfer full): the access token, or %NULL with @error set
 *
 * Since: 0.1
 */
char *
pim_token_manager_get_access_token_finish (PimTokenManager *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            PIM_SOURCE_TAG (pim_token_manager_get_access_token_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
