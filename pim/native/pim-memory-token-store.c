/* pim-memory-token-store.c: PimMemoryTokenStore
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <string.h>

#include "pim-memory-token-store.h"
#include "pim-token-store-private.h"

/**
 * PimMemoryTokenStore:
 *
 * A [iface@TokenStore] in the process's memory: it forgets everything at
 * exit. It is the store of applications that keep no one signed in
 * across runs, of tests, and [func@TokenStore.new_default]'s answer when
 * Pim was built without libsecret.
 *
 * It may be used from several threads at once. A secret's bytes are
 * overwritten with zeros before they are freed, when the secret has been
 * replaced or cleared and no one holds it any more.
 *
 * Since: 0.1
 */

struct _PimMemoryTokenStore
{
  GObject parent_instance;

  GMutex      lock;
  GHashTable *secrets; /* key (see make_key) → wiping GBytes */
};

static void pim_memory_token_store_iface_init (PimTokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PimMemoryTokenStore,
                               pim_memory_token_store,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PIM_TYPE_TOKEN_STORE,
                                                      pim_memory_token_store_iface_init))

typedef struct
{
  gsize  len;
  guint8 data[];
} WipedBuffer;

static void
wiped_buffer_free (gpointer data)
{
  WipedBuffer *buffer = data;

  explicit_bzero (buffer->data, buffer->len);
  g_free (buffer);
}

/* A copy of @secret whose bytes are zeroed when its last reference goes. */
GBytes *
pim_token_store_bytes_new_wiped (const void *data, gsize len)
{
  WipedBuffer *buffer = g_malloc (sizeof (WipedBuffer) + len + 1);

  buffer->len = len;
  if (len > 0)
    memcpy (buffer->data, data, len);
  buffer->data[len] = 0;
  return g_bytes_new_with_free_func (buffer->data, len, wiped_buffer_free, buffer);
}

/* One string for the triple: the parts cannot contain NUL bytes, so the
 * NUL-separated form is unambiguous; a NULL account differs from "". */
static char *
make_key (const char *issuer, const char *client_id, const char *account, gsize *len)
{
  GString *key = g_string_new (issuer);

  g_string_append_c (key, '\0');
  g_string_append (key, client_id);
  g_string_append_c (key, '\0');
  g_string_append_c (key, account != NULL ? '+' : '-');
  if (account != NULL)
    g_string_append (key, account);
  *len = key->len;
  return g_string_free (key, FALSE);
}

/* The keys hold NULs: hash and compare them as length-prefixed buffers. */
static guint
key_hash (gconstpointer key)
{
  return g_bytes_hash (key);
}

static gboolean
key_equal (gconstpointer a, gconstpointer b)
{
  return g_bytes_equal (a, b);
}

static GBytes *
key_bytes (const char *issuer, const char *client_id, const char *account)
{
  gsize len = 0;
  char *key = make_key (issuer, client_id, account, &len);

  return g_bytes_new_take (key, len);
}

static GBytes *
memory_lookup (PimTokenStore *store,
               const char    *issuer,
               const char    *client_id,
               const char    *account,
               GCancellable  *cancellable,
               GError       **error)
{
  PimMemoryTokenStore *self = PIM_MEMORY_TOKEN_STORE (store);
  g_autoptr (GBytes) key = key_bytes (issuer, client_id, account);
  GBytes *secret = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  g_mutex_lock (&self->lock);
  secret = g_hash_table_lookup (self->secrets, key);
  if (secret != NULL)
    g_bytes_ref (secret);
  g_mutex_unlock (&self->lock);
  return secret;
}

static gboolean
memory_save (PimTokenStore *store,
             const char    *issuer,
             const char    *client_id,
             const char    *account,
             GBytes        *secret,
             GCancellable  *cancellable,
             GError       **error)
{
  PimMemoryTokenStore *self = PIM_MEMORY_TOKEN_STORE (store);
  gsize                len = 0;
  const void          *data = g_bytes_get_data (secret, &len);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->secrets, key_bytes (issuer, client_id, account),
                        pim_token_store_bytes_new_wiped (data, len));
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static gboolean
memory_clear (PimTokenStore *store,
              const char    *issuer,
              const char    *client_id,
              const char    *account,
              GCancellable  *cancellable,
              GError       **error)
{
  PimMemoryTokenStore *self = PIM_MEMORY_TOKEN_STORE (store);
  g_autoptr (GBytes) key = key_bytes (issuer, client_id, account);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->secrets, key);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

/* The async forms: the memory store never blocks, so they finish at once
 * (the callback still runs from the caller's main context). */
static void
memory_lookup_async (PimTokenStore      *store,
                     const char         *issuer,
                     const char         *client_id,
                     const char         *account,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (store, cancellable, callback, user_data);
  GError *error = NULL;
  GBytes *secret = NULL;

  g_task_set_source_tag (task, PIM_SOURCE_TAG (memory_lookup_async));
  secret = memory_lookup (store, issuer, client_id, account, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) g_bytes_unref);
}

static void
memory_save_async (PimTokenStore      *store,
                   const char         *issuer,
                   const char         *client_id,
                   const char         *account,
                   GBytes             *secret,
                   GCancellable       *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (store, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, PIM_SOURCE_TAG (memory_save_async));
  if (memory_save (store, issuer, client_id, account, secret, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
memory_clear_async (PimTokenStore      *store,
                    const char         *issuer,
                    const char         *client_id,
                    const char         *account,
                    GCancellable       *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (store, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, PIM_SOURCE_TAG (memory_clear_async));
  if (memory_clear (store, issuer, client_id, account, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
pim_memory_token_store_iface_init (PimTokenStoreInterface *iface)
{
  iface->lookup = memory_lookup;
  iface->lookup_async = memory_lookup_async;
  iface->lookup_finish = pim_token_store_task_finish_bytes;
  iface->save = memory_save;
  iface->save_async = memory_save_async;
  iface->save_finish = pim_token_store_task_finish_boolean;
  iface->clear = memory_clear;
  iface->clear_async = memory_clear_async;
  iface->clear_finish = pim_token_store_task_finish_boolean;
}

static void
pim_memory_token_store_finalize (GObject *object)
{
  PimMemoryTokenStore *self = PIM_MEMORY_TOKEN_STORE (object);

  g_hash_table_unref (self->secrets);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pim_memory_token_store_parent_class)->finalize (object);
}

static void
pim_memory_token_store_class_init (PimMemoryTokenStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pim_memory_token_store_finalize;
}

static void
pim_memory_token_store_init (PimMemoryTokenStore *self)
{
  g_mutex_init (&self->lock);
  self->secrets = g_hash_table_new_full (key_hash, key_equal, (GDestroyNotify) g_bytes_unref,
                                         (GDestroyNotify) g_bytes_unref);
}

/**
 * pim_memory_token_store_new:
 *
 * Creates an empty in-memory store.
 *
 * Returns: (transfer full): a new store
 *
 * Since: 0.1
 */
PimTokenStore *
pim_memory_token_store_new (void)
{
  return g_object_new (PIM_TYPE_MEMORY_TOKEN_STORE, NULL);
}
