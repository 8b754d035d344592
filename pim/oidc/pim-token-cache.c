/* pim-token-cache.c: the validated-token cache
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-crypto-private.h"
#include "pim-token-cache-private.h"

#define DIGEST_LEN 32

typedef struct
{
  guint8     digest[DIGEST_LEN]; /* the key: SHA-256 of the token */
  char      *trust;
  PimClaims *claims;
  gint64     expires;
  guint      generation;
  GList      link; /* in the LRU queue, most recent first */
} Entry;

struct _PimTokenCache
{
  GMutex      lock;
  GHashTable *entries; /* digest → Entry, owned */
  GQueue      lru;
  guint       max_entries;
  guint64     hits;
  guint64     misses;
};

static guint generation = 1;

static guint
digest_hash (gconstpointer key)
{
  guint hash;

  /* A cryptographic digest: any of its bytes are as good as a hash. */
  memcpy (&hash, key, sizeof hash);
  return hash;
}

static gboolean
digest_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, DIGEST_LEN) == 0;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->trust);
  g_clear_object (&entry->claims);
  g_free (entry);
}

PimTokenCache *
pim_token_cache_new (guint max_entries)
{
  PimTokenCache *cache = g_atomic_rc_box_new0 (PimTokenCache);

  g_mutex_init (&cache->lock);
  cache->entries = g_hash_table_new_full (digest_hash, digest_equal, NULL, entry_free);
  g_queue_init (&cache->lru);
  cache->max_entries = MAX (max_entries, 1);
  return cache;
}

PimTokenCache *
pim_token_cache_ref (PimTokenCache *cache)
{
  return g_atomic_rc_box_acquire (cache);
}

static void
token_cache_clear_func (gpointer data)
{
  PimTokenCache *cache = data;

  g_hash_table_destroy (cache->entries);
  g_mutex_clear (&cache->lock);
}

void
pim_token_cache_unref (PimTokenCache *cache)
{
  g_atomic_rc_box_release_full (cache, token_cache_clear_func);
}

static void
remove_entry (PimTokenCache *cache, Entry *entry)
{
  g_queue_unlink (&cache->lru, &entry->link);
  g_hash_table_remove (cache->entries, entry->digest);
}

static void
token_digest (const char *token, guint8 out[DIGEST_LEN])
{
  guint8 digest[64];

  pim_crypto_digest (PIM_DIGEST_SHA256, (const guint8 *) token, strlen (token), digest);
  memcpy (out, digest, DIGEST_LEN);
}

PimClaims *
pim_token_cache_lookup (PimTokenCache *cache, const char *token, const char *trust, gint64 now)
{
  guint8     digest[DIGEST_LEN];
  Entry     *entry;
  PimClaims *claims = NULL;

  token_digest (token, digest);
  g_mutex_lock (&cache->lock);
  entry = g_hash_table_lookup (cache->entries, digest);
  if (entry != NULL &&
      (now >= entry->expires || entry->generation != (guint) g_atomic_int_get (&generation) ||
       strcmp (entry->trust, trust) != 0))
    {
      remove_entry (cache, entry);
      entry = NULL;
    }
  if (entry != NULL)
    {
      g_queue_unlink (&cache->lru, &entry->link);
      g_queue_push_head_link (&cache->lru, &entry->link);
      claims = g_object_ref (entry->claims);
      cache->hits++;
    }
  else
    cache->misses++;
  g_mutex_unlock (&cache->lock);
  return claims;
}

void
pim_token_cache_insert (PimTokenCache *cache,
                        const char    *token,
                        const char    *trust,
                        PimClaims     *claims,
                        gint64         expires,
                        guint          entry_generation)
{
  Entry *entry = g_new0 (Entry, 1);
  Entry *old;

  token_digest (token, entry->digest);
  entry->trust = g_strdup (trust);
  entry->claims = g_object_ref (claims);
  entry->expires = expires;
  entry->generation = entry_generation;
  entry->link.data = entry;

  g_mutex_lock (&cache->lock);
  if (entry_generation != (guint) g_atomic_int_get (&generation))
    {
      /* The keys changed while this token was being validated. */
      g_mutex_unlock (&cache->lock);
      entry_free (entry);
      return;
    }
  old = g_hash_table_lookup (cache->entries, entry->digest);
  if (old != NULL)
    remove_entry (cache, old);
  while (g_queue_get_length (&cache->lru) >= cache->max_entries)
    remove_entry (cache, g_queue_peek_tail (&cache->lru));
  g_hash_table_insert (cache->entries, entry->digest, entry);
  g_queue_push_head_link (&cache->lru, &entry->link);
  g_mutex_unlock (&cache->lock);
}

void
pim_token_cache_clear (PimTokenCache *cache)
{
  g_mutex_lock (&cache->lock);
  g_queue_init (&cache->lru);
  g_hash_table_remove_all (cache->entries);
  g_mutex_unlock (&cache->lock);
}

void
pim_token_cache_get_stats (PimTokenCache *cache, guint64 *hits, guint64 *misses)
{
  g_mutex_lock (&cache->lock);
  if (hits != NULL)
    *hits = cache->hits;
  if (misses != NULL)
    *misses = cache->misses;
  g_mutex_unlock (&cache->lock);
}

guint
pim_token_cache_get_generation (void)
{
  return (guint) g_atomic_int_get (&generation);
}

void
pim_token_cache_bump_generation (void)
{
  g_atomic_int_inc (&generation);
}
