/* pim-token-store.c: PimTokenStore
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-memory-token-store.h"
#include "pim-token-store.h"
#include "pim-token-store-private.h"
#include "pim-version.h"
#if PIM_HAS_LIBSECRET
#include "pim-secret-token-store.h"
#endif

/**
 * PimTokenStore:
 *
 * Where a [class@TokenManager] keeps what must outlive the process: one
 * opaque secret per issuer, client id and account. The token manager
 * stores a small JSON object in it holding the refresh token and, when it
 * has one, the private JWK of its DPoP key; access tokens are never
 * stored.
 *
 * Pim has two stores: [class@MemoryTokenStore], which forgets at exit,
 * and, when Pim was built with libsecret (%PIM_HAS_LIBSECRET),
 * `PimSecretTokenStore`, which keeps the secret in the user's keyring
 * through the Secret Service. [func@TokenStore.new_default] picks the
 * keyring when there is one. Pim never writes a secret to a plain file.
 *
 * An application may implement the interface itself (all six
 * virtual functions): a lookup of a missing item returns %NULL without
 * an error, and a clear of a missing item succeeds.
 *
 * Since: 0.1
 */

/**
 * PimTokenStoreInterface:
 * @g_iface: the parent interface
 * @lookup: finds the secret of an issuer, client id and account
 * @lookup_async: the same without blocking
 * @lookup_finish: finishes @lookup_async
 * @save: stores a secret, replacing any earlier one
 * @save_async: the same without blocking
 * @save_finish: finishes @save_async
 * @clear: removes a secret
 * @clear_async: the same without blocking
 * @clear_finish: finishes @clear_async
 *
 * The virtual functions of [iface@TokenStore]. @account is %NULL for the
 * only account of an issuer and client. Every operation has a blocking
 * form and an async one; a store implements all of them.
 *
 * Since: 0.1
 */

G_DEFINE_INTERFACE (PimTokenStore, pim_token_store, G_TYPE_OBJECT)

static void
pim_token_store_default_init (PimTokenStoreInterface *iface)
{
}

/**
 * pim_token_store_lookup:
 * @self: a store
 * @issuer: the issuer identifier
 * @client_id: the client's identifier
 * @account: (nullable): the account, or %NULL for the only one
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Finds the secret stored for @issuer, @client_id and @account.
 *
 * Returns: (transfer full) (nullable): the secret, or %NULL when there is
 *   none (without an error) or on error (%PIM_NATIVE_ERROR_STORE_FAILED)
 *
 * Since: 0.1
 */
GBytes *
pim_token_store_lookup (PimTokenStore *self,
                        const char    *issuer,
                        const char    *client_id,
                        const char    *account,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_return_val_if_fail (PIM_IS_TOKEN_STORE (self), NULL);
  g_return_val_if_fail (issuer != NULL && client_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return PIM_TOKEN_STORE_GET_IFACE (self)->lookup (self, issuer, client_id, account, cancellable,
                                                   error);
}

/**
 * pim_token_store_lookup_async:
 * @self: a store
 * @issuer: the issuer identifier
 * @client_id: the client's identifier
 * @account: (nullable): the account, or %NULL for the only one
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Finds a secret without blocking; see [method@TokenStore.lookup].
 *
 * Since: 0.1
 */
void
pim_token_store_lookup_async (PimTokenStore      *self,
                              const char         *issuer,
                              const char         *client_id,
                              const char         *account,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_return_if_fail (PIM_IS_TOKEN_STORE (self));
  g_return_if_fail (issuer != NULL && client_id != NULL);

  PIM_TOKEN_STORE_GET_IFACE (self)->lookup_async (self, issuer, client_id, account, cancellable,
                                                  callback, user_data);
}

/**
 * pim_token_store_lookup_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@TokenStore.lookup_async].
 *
 * Returns: (transfer full) (nullable): the secret, or %NULL when there is
 *   none (without an error) or on error
 *
 * Since: 0.1
 */
GBytes *
pim_token_store_lookup_finish (PimTokenStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (PIM_IS_TOKEN_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return PIM_TOKEN_STORE_GET_IFACE (self)->lookup_finish (self, result, error);
}

/**
 * pim_token_store_save:
 * @self: a store
 * @issuer: the issuer identifier
 * @client_id: the client's identifier
 * @account: (nullable): the account, or %NULL for the only one
 * @secret: the secret to keep
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Stores @secret for @issuer, @client_id and @account, replacing any
 * earlier one.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *   (%PIM_NATIVE_ERROR_STORE_FAILED)
 *
 * Since: 0.1
 */
gboolean
pim_token_store_save (PimTokenStore *self,
                      const char    *issuer,
                      const char    *client_id,
                      const char    *account,
                      GBytes        *secret,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (PIM_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (issuer != NULL && client_id != NULL, FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return PIM_TOKEN_STORE_GET_IFACE (self)->save (self, issuer, client_id, account, secret,
                                                 cancellable, error);
}

/**
 * pim_token_store_save_async:
 * @self: a store
 * @issuer: the issuer identifier
 * @client_id: the client's identifier
 * @account: (nullable): the account, or %NULL for the only one
 * @secret: the secret to keep
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Stores a secret without blocking; see [method@TokenStore.save].
 *
 * Since: 0.1
 */
void
pim_token_store_save_async (PimTokenStore      *self,
                            const char         *issuer,
                            const char         *client_id,
                            const char         *account,
                            GBytes             *secret,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_return_if_fail (PIM_IS_TOKEN_STORE (self));
  g_return_if_fail (issuer != NULL && client_id != NULL);
  g_return_if_fail (secret != NULL);

  PIM_TOKEN_STORE_GET_IFACE (self)->save_async (self, issuer, client_id, account, secret,
                                                cancellable, callback, user_data);
}

/**
 * pim_token_store_save_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@TokenStore.save_async].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
pim_token_store_save_finish (PimTokenStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (PIM_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return PIM_TOKEN_STORE_GET_IFACE (self)->save_finish (self, result, error);
}

/**
 * pim_token_store_clear:
 * @self: a store
 * @issuer: the issuer identifier
 * @client_id: the client's identifier
 * @account: (nullable): the account, or %NULL for the only one
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes the secret of @issuer, @client_id and @account; removing one
 * that is not there succeeds.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *   (%PIM_NATIVE_ERROR_STORE_FAILED)
 *
 * Since: 0.1
 */
gboolean
pim_token_store_clear (PimTokenStore *self,
                       const char    *issuer,
                       const char    *client_id,
                       const char    *account,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (PIM_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (issuer != NULL && client_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return PIM_TOKEN_STORE_GET_IFACE (self)->clear (self, issuer, client_id, account, cancellable,
                                                  error);
}

/**
 * pim_token_store_clear_async:
 * @self: a store
 * @issuer: the issuer identifier
 * @client_id: the client's identifier
 * @account: (nullable): the account, or %NULL for the only one
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Removes a secret without blocking; see [method@TokenStore.clear].
 *
 * Since: 0.1
 */
void
pim_token_store_clear_async (PimTokenStore      *self,
                             const char         *issuer,
                             const char         *client_id,
                             const char         *account,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_return_if_fail (PIM_IS_TOKEN_STORE (self));
  g_return_if_fail (issuer != NULL && client_id != NULL);

  PIM_TOKEN_STORE_GET_IFACE (self)->clear_async (self, issuer, client_id, account, cancellable,
                                                 callback, user_data);
}

/**
 * pim_token_store_clear_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@TokenStore.clear_async].
 *
 * Returns: %TRUE on success, %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
pim_token_store_clear_finish (PimTokenStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (PIM_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return PIM_TOKEN_STORE_GET_IFACE (self)->clear_finish (self, result, error);
}

/**
 * pim_token_store_new_default:
 *
 * Creates the store an application should use: the user's keyring when
 * Pim was built with libsecret (%PIM_HAS_LIBSECRET), else a new
 * [class@MemoryTokenStore].
 *
 * Returns: (transfer full): a new store
 *
 * Since: 0.1
 */
PimTokenStore *
pim_token_store_new_default (void)
{
#if PIM_HAS_LIBSECRET
  return pim_secret_token_store_new ();
#else
  return pim_memory_token_store_new ();
#endif
}

GBytes *
pim_token_store_task_finish_bytes (PimTokenStore *store, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
pim_token_store_task_finish_boolean (PimTokenStore *store, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
