/* pim-cache-private.h: the in-process cache of discovery documents and
 * key sets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One process-wide cache, keyed by string, holding immutable GObjects:
 *
 * - single flight: concurrent misses for one key, from threads (sync) and
 *   main contexts (async) alike, cause one fetch. Sync waiters block on a
 *   GCond; async waiters are queued GTasks, returned to from wherever the
 *   fetch finishes (each completes on its own context). The fetch runs in
 *   a thread of its own with the sync transport, so no caller's main
 *   context ever waits on another caller's, and a caller's cancellable
 *   ends only its own wait (the fetch is cancelled once nobody waits);
 * - TTL from `Cache-Control` (`max-age`; `no-store`, `no-cache` and
 *   `max-age=0` mean 0: the value serves the callers that were waiting for
 *   it, and the next lookup fetches again), else the kind's default
 *   (`DISCO_CACHE_TTL`, `JWKS_CACHE_TTL`, 3600 s each), clamped to
 *   [60 s, 24 h];
 * - stale-while-error: when a refresh fails transiently (transport error,
 *   5xx or 429) and the last good value is younger than the grace period
 *   (1 h), it is served, and that is logged once per key;
 * - LRU bounded to 64 entries (entries being fetched are never evicted).
 *
 * Every lookup counts as exactly one of hit, miss (fetch, no earlier
 * value), refresh (fetch replacing an expired or dropped value) or
 * coalesced (joined a fetch in flight); stale_served counts lookups
 * answered with a stale value.
 */

#pragma once

#include <gio/gio.h>

#include "pim-http-private.h"

G_BEGIN_DECLS

#define PIM_CACHE_DEFAULT_MAX_ENTRIES 64
#define PIM_CACHE_DEFAULT_TTL         3600.0
#define PIM_CACHE_MIN_TTL             60.0
#define PIM_CACHE_MAX_TTL             86400.0
#define PIM_CACHE_DEFAULT_GRACE       3600.0
#define PIM_CACHE_DEFAULT_COOLDOWN    5.0

typedef enum
{
  PIM_CACHE_KIND_DISCOVERY,
  PIM_CACHE_KIND_JWKS,
  PIM_CACHE_N_KINDS
} PimCacheKind;

typedef struct _PimCache PimCache;

typedef struct
{
  guint64 hits;
  guint64 misses;
  guint64 refreshes;
  guint64 coalesced;
  guint64 stale_served;
} PimCacheStats;

/* Fetches the value, blocking, in a worker thread; @cancellable is
 * cancelled when every waiter has given up. Returns a new reference, or NULL with @error set; sets
 * *@out_ttl to the response's TTL in seconds (see
 * pim_cache_ttl_from_headers(), -1 for the default) and *@out_transient
 * when a failure may be answered with a stale value. */
typedef GObject *(*PimCacheFetchFunc) (gpointer      fetch_data,
                                       GCancellable *cancellable,
                                       double       *out_ttl,
                                       gboolean     *out_transient,
                                       GError      **error);

G_GNUC_INTERNAL
PimCache *pim_cache_get_default (void);

/* Sync: returns a new reference or NULL with @error set. @fetch_data is
 * freed with @fetch_data_free in every case. @cancellable only ends this
 * caller's wait, never a fetch others share. */
G_GNUC_INTERNAL
GObject *pim_cache_lookup (PimCache         *cache,
                           PimCacheKind      kind,
                           const char       *key,
                           PimCacheFetchFunc fetch,
                           gpointer          fetch_data,
                           GDestroyNotify    fetch_data_free,
                           GCancellable     *cancellable,
                           GError          **error);

/* Async: returns to @task (taken) with g_task_return_pointer (a new
 * reference, g_object_unref) or an error; the task's cancellable ends its
 * wait. */
G_GNUC_INTERNAL
void pim_cache_lookup_async (PimCache         *cache,
                             PimCacheKind      kind,
                             const char       *key,
                             PimCacheFetchFunc fetch,
                             gpointer          fetch_data,
                             GDestroyNotify    fetch_data_free,
                             GTask            *task);

/* Drops @key's value if it was fetched more than @cooldown seconds ago
 * and no fetch is in flight (the last good value stays for
 * stale-while-error). Returns whether it did. */
G_GNUC_INTERNAL
gboolean pim_cache_invalidate_if_older (PimCache *cache, const char *key, double cooldown);

/* Whether a lookup of @key may now bring another value than @seen,
 * without anyone fetching for it: a fetch is in flight, the value was
 * dropped for one, or another caller's fetch replaced @seen. */
G_GNUC_INTERNAL
gboolean pim_cache_has_newer (PimCache *cache, const char *key, GObject *seen);

/* Drops every entry of @kind (all kinds for PIM_CACHE_N_KINDS). */
G_GNUC_INTERNAL
void pim_cache_clear (PimCache *cache, PimCacheKind kind);

G_GNUC_INTERNAL
void pim_cache_get_stats (PimCache *cache, PimCacheStats *out);

/* -1 without max-age, 0 for no-store, no-cache or max-age=0, else max-age. */
G_GNUC_INTERNAL
double pim_cache_ttl_from_headers (SoupMessageHeaders *headers);

/* What an HTTP client trusts, for keys: entries fetched under different
 * TLS trust are never shared. Owned by @client. */
G_GNUC_INTERNAL
const char *pim_cache_trust_key (PimHttpClient *client);

/* Tests only: the lower bound of TTLs (60 s), and a clock offset. */
G_GNUC_INTERNAL
void pim_cache_set_min_ttl_for_testing (PimCache *cache, double seconds);
G_GNUC_INTERNAL
void pim_cache_advance_clock_for_testing (PimCache *cache, double seconds);
G_GNUC_INTERNAL
void pim_cache_set_max_entries_for_testing (PimCache *cache, guint max_entries);

G_END_DECLS
