/* pim-secret-token-store.c: PimSecretTokenStore
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <libsecret/secret.h>

#include "pim-native-error.h"
#include "pim-secret-token-store.h"
#include "pim-token-store-private.h"

/**
 * PimSecretTokenStore:
 *
 * A [iface@TokenStore] in the user's keyring, through libsecret and the
 * Secret Service (GNOME Keyring, KWallet; inside Flatpak, libsecret goes
 * through the Secret portal instead). It exists only when Pim was built
 * with libsecret: %PIM_HAS_LIBSECRET is 1 then.
 *
 * Each secret is an item of the schema `org.gnome.Pim.Token` with three
 * string attributes, in the default collection (the "login" keyring):
 *
 * - `issuer`: the issuer identifier, e.g. `https://id.example.com`
 * - `client-id`: the client's identifier
 * - `account`: the account name, the empty string for none
 *
 * labelled "Pim sign-in for CLIENT at ISSUER", so that a user can find
 * it in Seahorse, and holding the token manager's JSON object (content
 * type `application/json`). From a shell:
 *
 * ```sh
 * secret-tool search --all issuer https://id.example.com
 * ```
 *
 * Errors of the Secret Service (no keyring daemon, a locked keyring the
 * user refused to unlock) are %PIM_NATIVE_ERROR_STORE_FAILED.
 *
 * Since: 0.1
 */

struct _PimSecretTokenStore
{
  GObject parent_instance;
};

static void pim_secret_token_store_iface_init (PimTokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PimSecretTokenStore,
                               pim_secret_token_store,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PIM_TYPE_TOKEN_STORE,
                                                      pim_secret_token_store_iface_init))

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "org.gnome.Pim.Token",
    SECRET_SCHEMA_NONE,
    {
        { "issuer", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { "client-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { NULL, 0 },
    },
  };

  return &schema;
}

static GHashTable *
attributes_new (const char *issuer, const char *client_id, const char *account)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "issuer", (gpointer) issuer);
  g_hash_table_insert (attributes, (gpointer) "client-id", (gpointer) client_id);
  g_hash_table_insert (attributes, (gpointer) "account",
                       (gpointer) (account != NULL ? account : ""));
  return attributes;
}

/* libsecret's messages say what failed (no daemon, a locked collection)
 * and never hold the secret. */
static void
store_error (GError **error, GError *cause, const char *what)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }
  g_set_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_STORE_FAILED, "%s: %s", what,
               cause->message);
  g_error_free (cause);
}

static GBytes *
bytes_from_value (SecretValue *value)
{
  gsize       len = 0;
  const char *data = secret_value_get (value, &len);

  return pim_token_store_bytes_new_wiped (data, len);
}

static GBytes *
secret_lookup (PimTokenStore *store,
               const char    *issuer,
               const char    *client_id,
               const char    *account,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr (GHashTable) attributes = attributes_new (issuer, client_id, account);
  GError      *local_error = NULL;
  SecretValue *value = NULL;
  GBytes      *bytes = NULL;

  value =
      secret_password_lookupv_binary_sync (token_schema (), attributes, cancellable, &local_error);
  if (local_error != NULL)
    {
      store_error (error, local_error, _ ("Could not read the sign-in from the keyring"));
      return NULL;
    }
  if (value == NULL)
    return NULL;
  bytes = bytes_from_value (value);
  secret_value_unref (value);
  return bytes;
}

static void
lookup_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError      *error = NULL;
  SecretValue *value = secret_password_lookup_binary_finish (result, &error);

  if (error != NULL)
    {
      GError *mapped = NULL;

      store_error (&mapped, error, _ ("Could not read the sign-in from the keyring"));
      g_task_return_error (task, mapped);
    }
  else if (value == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    {
      g_task_return_pointer (task, bytes_from_value (value), (GDestroyNotify) g_bytes_unref);
      secret_value_unref (value);
    }
}

static void
secret_lookup_async (PimTokenStore      *store,
                     const char         *issuer,
                     const char         *client_id,
                     const char         *account,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  g_autoptr (GHashTable) attributes = attributes_new (issuer, client_id, account);
  GTask *task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, PIM_SOURCE_TAG (secret_lookup_async));
  secret_password_lookupv (token_schema (), attributes, cancellable, lookup_done, task);
}

static char *
item_label (const char *issuer, const char *client_id)
{
  /* TRANSLATORS: the label of a keyring item, as shown in Seahorse; the
   * first %s is an OAuth client id, the second the provider's URL */
  return g_strdup_printf (_ ("Pim sign-in for %s at %s"), client_id, issuer);
}

static SecretValue *
value_from_bytes (GBytes *secret)
{
  gsize       len = 0;
  const char *data = g_bytes_get_data (secret, &len);

  return secret_value_new (data != NULL ? data : "", len, "application/json");
}

static gboolean
secret_save (PimTokenStore *store,
             const char    *issuer,
             const char    *client_id,
             const char    *account,
             GBytes        *secret,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr (GHashTable) attributes = attributes_new (issuer, client_id, account);
  g_autofree char *label = item_label (issuer, client_id);
  SecretValue     *value = value_from_bytes (secret);
  GError          *local_error = NULL;
  gboolean         ok = FALSE;

  ok = secret_password_storev_binary_sync (token_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                                           label, value, cancellable, &local_error);
  secret_value_unref (value);
  if (!ok)
    {
      if (local_error == NULL)
        local_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Unknown error"));
      store_error (error, local_error, _ ("Could not save the sign-in in the keyring"));
    }
  return ok;
}

static void
boolean_done (GTask *task, gboolean ok, GError *error, const char *what)
{
  if (error != NULL)
    {
      GError *mapped = NULL;

      store_error (&mapped, error, what);
      g_task_return_error (task, mapped);
    }
  else
    g_task_return_boolean (task, TRUE);
  (void) ok;
}

static void
save_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError  *error = NULL;
  gboolean ok = secret_password_store_finish (result, &error);

  if (!ok && error == NULL)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Unknown error"));
  boolean_done (task, ok, error, _ ("Could not save the sign-in in the keyring"));
}

static void
secret_save_async (PimTokenStore      *store,
                   const char         *issuer,
                   const char         *client_id,
                   const char         *account,
                   GBytes             *secret,
                   GCancellable       *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer            user_data)
{
  g_autoptr (GHashTable) attributes = attributes_new (issuer, client_id, account);
  g_autofree char *label = item_label (issuer, client_id);
  SecretValue     *value = value_from_bytes (secret);
  GTask           *task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, PIM_SOURCE_TAG (secret_save_async));
  secret_password_storev_binary (token_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                                 value, cancellable, save_done, task);
  secret_value_unref (value);
}

static gboolean
secret_clear (PimTokenStore *store,
              const char    *issuer,
              const char    *client_id,
              const char    *account,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr (GHashTable) attributes = attributes_new (issuer, client_id, account);
  GError *local_error = NULL;

  /* FALSE without an error: there was nothing to remove. */
  secret_password_clearv_sync (token_schema (), attributes, cancellable, &local_error);
  if (local_error != NULL)
    {
      store_error (error, local_error, _ ("Could not remove the sign-in from the keyring"));
      return FALSE;
    }
  return TRUE;
}

static void
clear_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError  *error = NULL;
  gboolean ok = secret_password_clear_finish (result, &error);

  boolean_done (task, ok, error, _ ("Could not remove the sign-in from the keyring"));
}

static void
secret_clear_async (PimTokenStore      *store,
                    const char         *issuer,
                    const char         *client_id,
                    const char         *account,
                    GCancellable       *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer            user_data)
{
  g_autoptr (GHashTable) attributes = attributes_new (issuer, client_id, account);
  GTask *task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, PIM_SOURCE_TAG (secret_clear_async));
  secret_password_clearv (token_schema (), attributes, cancellable, clear_done, task);
}

static void
pim_secret_token_store_iface_init (PimTokenStoreInterface *iface)
{
  iface->lookup = secret_lookup;
  iface->lookup_async = secret_lookup_async;
  iface->lookup_finish = pim_token_store_task_finish_bytes;
  iface->save = secret_save;
  iface->save_async = secret_save_async;
  iface->save_finish = pim_token_store_task_finish_boolean;
  iface->clear = secret_clear;
  iface->clear_async = secret_clear_async;
  iface->clear_finish = pim_token_store_task_finish_boolean;
}

static void
pim_secret_token_store_class_init (PimSecretTokenStoreClass *klass)
{
}

static void
pim_secret_token_store_init (PimSecretTokenStore *self)
{
}

/**
 * pim_secret_token_store_new:
 *
 * Creates a store in the user's keyring. Nothing is contacted until the
 * first operation: a missing Secret Service shows as
 * %PIM_NATIVE_ERROR_STORE_FAILED then.
 *
 * Returns: (transfer full): a new store
 *
 * Since: 0.1
 */
PimTokenStore *
pim_secret_token_store_new (void)
{
  return g_object_new (PIM_TYPE_SECRET_TOKEN_STORE, NULL);
}
