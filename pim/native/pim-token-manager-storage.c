/* pim-token-manager-storage.c: PimTokenManager's tokens in and out: the
 * store kept in step with the refresh token, set_tokens, load and sign_out
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <string.h>

#include "pim-native-error.h"
#include "pim-revocation-request.h"
#include "pim-token-manager-private.h"
#include "pim-token-manager.h"

static const char *
issuer_of (PimTokenManager *self)
{
  return self->document != NULL ? pim_discovery_document_get_issuer (self->document) : NULL;
}

/* The store, written by one thread at a time with what the manager holds
 * then, so that the last write always has the latest refresh token. */
static gboolean
sync_store (PimTokenManager *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (PimTokenStore) store = NULL;
  g_autoptr (PimDPoPKey) key = NULL;
  g_autofree char *account = NULL;
  g_autofree char *jwk = NULL;
  char            *refresh_token = NULL;
  gboolean         ok = TRUE;

  g_mutex_lock (&self->store_lock);
  g_mutex_lock (&self->lock);
  if (self->store != NULL)
    store = g_object_ref (self->store);
  if (self->dpop_key != NULL)
    key = g_object_ref (self->dpop_key);
  account = g_strdup (self->account);
  refresh_token = g_strdup (self->refresh_token);
  g_mutex_unlock (&self->lock);

  if (store != NULL && self->cc_request == NULL && issuer_of (self) != NULL)
    {
      if (refresh_token != NULL)
        {
          g_autoptr (GBytes) blob = NULL;

          jwk = key != NULL ? pim_dpop_key_to_jwk (key) : NULL;
          blob = pim_token_blob_encode (refresh_token, jwk);
          ok = pim_token_store_save (store, issuer_of (self), self->client_id, account, blob,
                                     cancellable, error);
          if (jwk != NULL)
            explicit_bzero (jwk, strlen (jwk));
        }
      else
        ok = pim_token_store_clear (store, issuer_of (self), self->client_id, account, cancellable,
                                    error);
    }
  pim_token_manager_wipe_string (&refresh_token);
  g_mutex_unlock (&self->store_lock);
  return ok;
}

static void
sync_store_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;

  if (!sync_store (PIM_TOKEN_MANAGER (source), NULL, &error))
    pim_log_debug ("Could not update the token store: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

/* A rotated refresh token or a lost grant: the store follows in the
 * background, and a failure there is only logged. */
void
pim_token_manager_sync_store_in_background (PimTokenManager *self)
{
  g_autoptr (GTask) task = g_task_new (self, NULL, NULL, NULL);

  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_token_manager_sync_store_in_background));
  g_task_run_in_thread (task, sync_store_thread);
}

static gboolean
store_failed (GError **error, GError *cause)
{
  if (cause->domain == PIM_NATIVE_ERROR ||
      g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, cause);
  else
    {
      g_set_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_STORE_FAILED,
                   _ ("The token store failed: %s"), cause->message);
      g_error_free (cause);
    }
  return FALSE;
}

/**
 * pim_token_manager_set_tokens:
 * @self: a manager
 * @tokens: the tokens of a sign-in
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Takes new tokens, typically after a sign-in, and saves their refresh
 * token (with the DPoP key, if any) in the store, if there is one. Emits
 * [signal@TokenManager::tokens-changed].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *   (%PIM_NATIVE_ERROR_STORE_FAILED: the tokens are taken all the same)
 *
 * Since: 0.1
 */
gboolean
pim_token_manager_set_tokens (PimTokenManager  *self,
                              PimTokenResponse *tokens,
                              GCancellable     *cancellable,
                              GError          **error)
{
  GError  *local_error = NULL;
  gboolean was_signed_in = FALSE;
  guint    emissions = PIM_TOKEN_MANAGER_EMIT_TOKENS_CHANGED;

  g_return_val_if_fail (PIM_IS_TOKEN_MANAGER (self), FALSE);
  g_return_val_if_fail (PIM_IS_TOKEN_RESPONSE (tokens), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->lock);
  was_signed_in = pim_token_manager_signed_in_locked (self);
  g_set_object (&self->tokens, tokens);
  if (self->cc_request == NULL)
    {
      pim_token_manager_wipe_string (&self->refresh_token);
      self->refresh_token = g_strdup (pim_token_response_get_refresh_token (tokens));
    }
  if (was_signed_in != pim_token_manager_signed_in_locked (self))
    emissions |= PIM_TOKEN_MANAGER_EMIT_NOTIFY_SIGNED_IN;
  g_mutex_unlock (&self->lock);

  pim_token_manager_emit_later (self, emissions, NULL);
  if (!sync_store (self, cancellable, &local_error))
    return store_failed (error, local_error);
  return TRUE;
}

static void
set_tokens_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;

  if (pim_token_manager_set_tokens (source, data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * pim_token_manager_set_tokens_async:
 * @self: a manager
 * @tokens: the tokens of a sign-in
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Takes new tokens and saves them without blocking; see
 * [method@TokenManager.set_tokens].
 *
 * Since: 0.1
 */
void
pim_token_manager_set_tokens_async (PimTokenManager    *self,
                                    PimTokenResponse   *tokens,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PIM_IS_TOKEN_MANAGER (self));
  g_return_if_fail (PIM_IS_TOKEN_RESPONSE (tokens));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_token_manager_set_tokens_async));
  g_task_set_task_data (task, g_object_ref (tokens), g_object_unref);
  g_task_run_in_thread (task, set_tokens_thread);
}

/**
 * pim_token_manager_set_tokens_finish:
 * @self: a manager
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@TokenManager.set_tokens_async].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
pim_token_manager_set_tokens_finish (PimTokenManager *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            PIM_SOURCE_TAG (pim_token_manager_set_tokens_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pim_token_manager_load:
 * @self: a manager
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Loads the refresh token (and the DPoP key, which becomes
 * [property@TokenManager:dpop-key]) from the store. The next
 * [method@TokenManager.get_access_token] refreshes with it.
 *
 * Returns: %TRUE when a refresh token was found (the manager is then
 *   signed in), %FALSE without an error when the store has none or there
 *   is no store, %FALSE with @error set (%PIM_NATIVE_ERROR_STORE_FAILED)
 *   on failure
 *
 * Since: 0.1
 */
gboolean
pim_token_manager_load (PimTokenManager *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (PimTokenStore) store = NULL;
  g_autoptr (GBytes) blob = NULL;
  g_autoptr (PimDPoPKey) key = NULL;
  g_autofree char *account = NULL;
  char            *refresh_token = NULL;
  char            *jwk = NULL;
  GError          *local_error = NULL;
  gboolean         was_signed_in = FALSE;
  guint            emissions = PIM_TOKEN_MANAGER_EMIT_TOKENS_CHANGED;

  g_return_val_if_fail (PIM_IS_TOKEN_MANAGER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->lock);
  if (self->store != NULL)
    store = g_object_ref (self->store);
  account = g_strdup (self->account);
  g_mutex_unlock (&self->lock);
  if (store == NULL || self->cc_request != NULL || issuer_of (self) == NULL)
    return FALSE;

  blob = pim_token_store_lookup (store, issuer_of (self), self->client_id, account, cancellable,
                                 &local_error);
  if (local_error != NULL)
    return store_failed (error, local_error);
  if (blob == NULL)
    return FALSE;
  if (!pim_token_blob_decode (g_bytes_get_data (blob, NULL), g_bytes_get_size (blob),
                              &refresh_token, &jwk, error))
    return FALSE;
  if (jwk != NULL)
    {
      key = pim_dpop_key_new_from_jwk (jwk, NULL);
      explicit_bzero (jwk, strlen (jwk));
      g_free (jwk);
      if (key == NULL)
        {
          pim_token_manager_wipe_string (&refresh_token);
          g_set_error_literal (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_STORE_FAILED,
                               _ ("The stored DPoP key is not usable"));
          return FALSE;
        }
    }

  g_mutex_lock (&self->lock);
  was_signed_in = pim_token_manager_signed_in_locked (self);
  g_clear_object (&self->tokens);
  pim_token_manager_wipe_string (&self->refresh_token);
  self->refresh_token = refresh_token;
  if (key != NULL && g_set_object (&self->dpop_key, key))
    emissions |= PIM_TOKEN_MANAGER_EMIT_NOTIFY_DPOP_KEY;
  if (was_signed_in != pim_token_manager_signed_in_locked (self))
    emissions |= PIM_TOKEN_MANAGER_EMIT_NOTIFY_SIGNED_IN;
  g_mutex_unlock (&self->lock);

  pim_token_manager_emit_later (self, emissions, NULL);
  return TRUE;
}

static void
load_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError  *error = NULL;
  gboolean found = pim_token_manager_load (source, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, found);
}

/**
 * pim_token_manager_load_async:
 * @self: a manager
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Loads the refresh token from the store without blocking; see
 * [method@TokenManager.load].
 *
 * Since: 0.1
 */
void
pim_token_manager_load_async (PimTokenManager    *self,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PIM_IS_TOKEN_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_token_manager_load_async));
  g_task_run_in_thread (task, load_thread);
}

/**
 * pim_token_manager_load_finish:
 * @self: a manager
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@TokenManager.load_async].
 *
 * Returns: %TRUE when a refresh token was found, %FALSE without an error
 *   when there was none, %FALSE with @error set on failure
 *
 * Since: 0.1
 */
gboolean
pim_token_manager_load_finish (PimTokenManager *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            PIM_SOURCE_TAG (pim_token_manager_load_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * pim_token_manager_sign_out:
 * @self: a manager
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Signs the user out: revokes the refresh token (RFC 7009) when the
 * provider has a revocation endpoint (a failure to revoke is only
 * logged), forgets the tokens, clears the store and emits
 * [signal@TokenManager::signed-out]. A client credentials manager only
 * forgets its token.
 *
 * Returns: %TRUE on success, %FALSE with @error set when the store could
 *   not be cleared (%PIM_NATIVE_ERROR_STORE_FAILED; the tokens are
 *   forgotten all the same)
 *
 * Since: 0.1
 */
gboolean
pim_token_manager_sign_out (PimTokenManager *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (PimHttpClient) http_client = NULL;
  GError  *local_error = NULL;
  char    *refresh_token = NULL;
  gboolean was_signed_in = FALSE;
  guint    emissions = PIM_TOKEN_MANAGER_EMIT_TOKENS_CHANGED;

  g_return_val_if_fail (PIM_IS_TOKEN_MANAGER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->lock);
  was_signed_in = pim_token_manager_signed_in_locked (self);
  refresh_token = g_steal_pointer (&self->refresh_token);
  g_clear_object (&self->tokens);
  if (self->http_client != NULL)
    http_client = g_object_ref (self->http_client);
  if (was_signed_in != pim_token_manager_signed_in_locked (self))
    emissions |= PIM_TOKEN_MANAGER_EMIT_NOTIFY_SIGNED_IN;
  g_mutex_unlock (&self->lock);

  if (self->cc_request == NULL)
    {
      const char *endpoint = pim_discovery_document_get_revocation_endpoint (self->document);

      emissions |= PIM_TOKEN_MANAGER_EMIT_SIGNED_OUT;
      if (refresh_token != NULL && endpoint != NULL)
        {
          g_autoptr (PimRevocationRequest) request =
              pim_revocation_request_new (endpoint, self->client_id, NULL);
          g_autoptr (GError) revoke_error = NULL;

          pim_revocation_request_set_token (request, refresh_token);
          pim_revocation_request_set_token_type_hint (request, "refresh_token");
          if (!pim_revoke_token (request, http_client, cancellable, &revoke_error))
            pim_log_debug ("Could not revoke the refresh token: %s", revoke_error->message);
        }
    }
  pim_token_manager_wipe_string (&refresh_token);

  pim_token_manager_emit_later (self, emissions, NULL);
  if (!sync_store (self, cancellable, &local_error))
    return store_failed (error, local_error);
  return TRUE;
}

static void
sign_out_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;

  if (pim_token_manager_sign_out (source, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * pim_token_manager_sign_out_async:
 * @self: a manager
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Signs the user out without blocking; see
 * [method@TokenManager.sign_out].
 *
 * Since: 0.1
 */
void
pim_token_manager_sign_out_async (PimTokenManager    *self,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PIM_IS_TOKEN_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_token_manager_sign_out_async));
  g_task_run_in_thread (task, sign_out_thread);
}

/**
 * pim_token_manager_sign_out_finish:
 * @self: a manager
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@TokenManager.sign_out_async].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
pim_token_manager_sign_out_finish (PimTokenManager *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            PIM_SOURCE_TAG (pim_token_manager_sign_out_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
