/* pim-cache.c: the in-process single-flight TTL cache shared by discovery
 * documents and key sets (see pim-cache-private.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <errno.h>
#include <math.h>

#include "pim-cache-private.h"

#define USEC(seconds)   ((gint64) ((seconds) *G_USEC_PER_SEC))
#define WAITER_FINISHED ((gpointer) (guintptr) G_MAXSIZE)

typedef struct _Flight Flight;

typedef struct
{
  char        *key;
  PimCacheKind kind;
  GObject     *value; /* NULL when none, or dropped */
  gint64       expires_at;
  gint64       attempted_at; /* when the last fetch ended */
  gboolean     stale;        /* value is a last good one served after errors */
  gboolean     stale_logged;
  GObject     *last_good;
  gint64       last_good_at;
  gint64       last_good_until; /* when the last good value went stale */
  Flight      *flight;          /* the fetch in flight, not a reference */
  GList        lru;             /* in cache->lru, most recent first */
} Entry;

/* An async caller waiting for a flight. Whoever first sets `done` (the
 * flight's end or the caller's cancellable) returns the task. */
typedef struct
{
  gatomicrefcount ref;
  int             done;
  GTask          *task;
  GCancellable   *cancellable;
  gpointer        handler; /* gulong, 0 before connecting, WAITER_FINISHED */
  Flight         *flight;
} Waiter;

struct _Flight
{
  gatomicrefcount   ref;
  PimCache         *cache;
  char             *key;
  GCancellable     *cancellable; /* cancelled when every waiter has left */
  PimCacheFetchFunc fetch;
  gpointer          fetch_data;
  GDestroyNotify    fetch_data_free;
  guint             n_waiting;
  GPtrArray        *waiters; /* Waiter */
  gboolean          done;
  GObject          *value;
  GError           *error;
  gboolean          stale;
};

struct _PimCache
{
  GMutex        lock;
  GCond         cond;
  GHashTable   *entries; /* key → Entry */
  GQueue        lru;
  guint         max_entries;
  double        min_ttl;
  double        grace;
  gint64        clock_offset;
  PimCacheStats stats;
};

/* ---- Settings ---- */

static double default_ttls[PIM_CACHE_N_KINDS];

static double
ttl_from_env (const char *name)
{
  const char *text = g_getenv (name);
  char       *end = NULL;
  double      value;

  if (text == NULL || *text == '\0')
    return PIM_CACHE_DEFAULT_TTL;
  errno = 0;
  value = g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (errno != 0 || end == text || *end != '\0' || !isfinite (value) || value < 0)
    {
      pim_log_message ("%s=“%s” is not a non-negative number; using %g", name, text,
                       PIM_CACHE_DEFAULT_TTL);
      return PIM_CACHE_DEFAULT_TTL;
    }
  if (value < PIM_CACHE_MIN_TTL || value > PIM_CACHE_MAX_TTL)
    {
      double clamped = CLAMP (value, PIM_CACHE_MIN_TTL, PIM_CACHE_MAX_TTL);

      pim_log_message ("%s=%g is not between %g and %g; using %g", name, value, PIM_CACHE_MIN_TTL,
                       PIM_CACHE_MAX_TTL, clamped);
      return clamped;
    }
  return value;
}

/*
 * pim_cache_get_default:
 *
 * The process-wide cache. Its default TTLs are read once from
 * `DISCO_CACHE_TTL` and `JWKS_CACHE_TTL` (seconds, 3600 each, clamped to
 * [60, 86400]); a bad value is logged once.
 */
PimCache *
pim_cache_get_default (void)
{
  static PimCache *cache;
  static gsize     initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      PimCache *self = g_new0 (PimCache, 1);

      default_ttls[PIM_CACHE_KIND_DISCOVERY] = ttl_from_env ("DISCO_CACHE_TTL");
      default_ttls[PIM_CACHE_KIND_JWKS] = ttl_from_env ("JWKS_CACHE_TTL");
      g_mutex_init (&self->lock);
      g_cond_init (&self->cond);
      self->entries = g_hash_table_new (g_str_hash, g_str_equal);
      g_queue_init (&self->lru);
      self->max_entries = PIM_CACHE_DEFAULT_MAX_ENTRIES;
      self->min_ttl = PIM_CACHE_MIN_TTL;
      self->grace = PIM_CACHE_DEFAULT_GRACE;
      cache = self;
      g_once_init_leave (&initialized, 1);
    }
  return cache;
}

static gint64
cache_now (PimCache *self)
{
  return g_get_monotonic_time () + self->clock_offset;
}

/* ---- Entries (under the lock) ---- */

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->value);
  g_clear_object (&entry->last_good);
  g_free (entry->key);
  g_free (entry);
}

static void
entry_remove (PimCache *self, Entry *entry)
{
  g_hash_table_remove (self->entries, entry->key);
  g_queue_unlink (&self->lru, &entry->lru);
  entry_free (entry);
}

static void
entry_touch (PimCache *self, Entry *entry)
{
  g_queue_unlink (&self->lru, &entry->lru);
  g_queue_push_head_link (&self->lru, &entry->lru);
}

static void
evict (PimCache *self)
{
  GList *link = self->lru.tail;

  while (g_hash_table_size (self->entries) > self->max_entries && link != NULL)
    {
      Entry *entry = link->data;

      link = link->prev;
      if (entry->flight == NULL)
        entry_remove (self, entry);
    }
}

static Entry *
entry_new (PimCache *self, PimCacheKind kind, const char *key)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->key = g_strdup (key);
  entry->kind = kind;
  entry->lru.data = entry;
  g_hash_table_insert (self->entries, entry->key, entry);
  g_queue_push_head_link (&self->lru, &entry->lru);
  evict (self);
  return entry;
}

static double
effective_ttl (PimCache *self, PimCacheKind kind, double ttl)
{
  if (ttl < 0 || isnan (ttl))
    ttl = default_ttls[kind];
  else if (ttl == 0)
    return 0;
  return CLAMP (ttl, self->min_ttl, PIM_CACHE_MAX_TTL);
}

/* ---- Flights ---- */

static Flight *
flight_ref (Flight *flight)
{
  g_atomic_ref_count_inc (&flight->ref);
  return flight;
}

static void
flight_unref (Flight *flight)
{
  if (!g_atomic_ref_count_dec (&flight->ref))
    return;
  g_assert (flight->waiters->len == 0);
  g_ptr_array_unref (flight->waiters);
  g_clear_object (&flight->value);
  g_clear_error (&flight->error);
  g_clear_object (&flight->cancellable);
  g_free (flight->key);
  g_free (flight);
}

static void
waiter_unref (gpointer data)
{
  Waiter *waiter = data;

  if (!g_atomic_ref_count_dec (&waiter->ref))
    return;
  g_clear_object (&waiter->task);
  g_clear_object (&waiter->cancellable);
  flight_unref (waiter->flight);
  g_free (waiter);
}

/* Under the lock: a waiter gave up. When none is left, the fetch is
 * cancelled, and later callers start a new one. */
static void
flight_waiter_left (PimCache *self, Flight *flight)
{
  Entry *entry;

  g_assert (flight->n_waiting > 0);
  if (--flight->n_waiting > 0 || flight->done)
    return;
  g_cancellable_cancel (flight->cancellable);
  entry = g_hash_table_lookup (self->entries, flight->key);
  if (entry != NULL && entry->flight == flight)
    entry->flight = NULL;
}

static void
waiter_disconnect (Waiter *waiter)
{
  gpointer handler = g_atomic_pointer_exchange (&waiter->handler, WAITER_FINISHED);

  if (handler != NULL && handler != WAITER_FINISHED)
    g_cancellable_disconnect (waiter->cancellable, (gulong) (guintptr) handler);
}

static void
on_waiter_cancelled (GCancellable *cancellable, gpointer data)
{
  Waiter *waiter = data;

  (void) cancellable;
  if (!g_atomic_int_compare_and_exchange (&waiter->done, 0, 1))
    return;
  g_mutex_lock (&waiter->flight->cache->lock);
  flight_waiter_left (waiter->flight->cache, waiter->flight);
  g_mutex_unlock (&waiter->flight->cache->lock);
  g_task_return_new_error (waiter->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                           _ ("Operation was cancelled"));
}

static gboolean
stale_usable (PimCache *self, Entry *entry, gint64 now)
{
  /* The grace period runs from when the value went stale, not from when
   * it was fetched: otherwise a TTL as long as the grace leaves none. */
  return entry->last_good != NULL && now - entry->last_good_until < USEC (self->grace);
}

/* Ends a flight: stores the value (or serves the last good one), wakes the
 * sync waiters and returns to the async ones. */
static void
flight_complete (Flight *flight, GObject *value, double ttl, gboolean transient, GError *error)
{
  PimCache *self = flight->cache;
  g_autoptr (GPtrArray) waiters = NULL;
  g_autofree char *log_key = NULL;
  Entry           *entry;
  gint64           now;

  g_mutex_lock (&self->lock);
  now = cache_now (self);
  entry = g_hash_table_lookup (self->entries, flight->key);
  if (entry != NULL && entry->flight == flight)
    {
      entry->flight = NULL;
      entry->attempted_at = now;
      if (value != NULL)
        {
          g_set_object (&entry->value, value);
          g_set_object (&entry->last_good, value);
          entry->last_good_at = now;
          entry->expires_at = now + USEC (effective_ttl (self, entry->kind, ttl));
          entry->last_good_until = entry->expires_at;
          entry->stale = FALSE;
          entry->stale_logged = FALSE;
        }
      else if (transient && stale_usable (self, entry, now))
        {
          /* Serve the last good value; try again after the shortest TTL,
           * never past the grace period. */
          g_set_object (&entry->value, entry->last_good);
          entry->expires_at =
              MIN (now + USEC (self->min_ttl), entry->last_good_until + USEC (self->grace));
          entry->stale = TRUE;
          value = entry->last_good;
          g_clear_error (&error);
          flight->stale = TRUE;
          if (!entry->stale_logged)
            {
              entry->stale_logged = TRUE;
              log_key = g_strdup (entry->key);
            }
        }
    }
  flight->done = TRUE;
  flight->value = value != NULL ? g_object_ref (value) : NULL;
  flight->error = error;
  waiters = g_steal_pointer (&flight->waiters);
  flight->waiters = g_ptr_array_new ();
  if (flight->stale)
    for (guint i = 0; i < waiters->len; i++)
      if (g_atomic_int_get (&((Waiter *) waiters->pdata[i])->done) == 0)
        self->stats.stale_served++;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (log_key != NULL)
    {
      g_autofree char *shown = g_strdup (log_key);
      char            *nl = strchr (shown, '\n');

      /* Keys are "URL\n…": only the URL is shown, without its query. */
      if (nl != NULL)
        *nl = '\0';
      g_free (log_key);
      log_key = pim_http_uri_for_display (shown);
      pim_log_message ("Refreshing %s failed; serving the last good copy", log_key);
    }

  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = waiters->pdata[i];

      if (g_atomic_int_compare_and_exchange (&waiter->done, 0, 1))
        {
          if (flight->value != NULL)
            g_task_return_pointer (waiter->task, g_object_ref (flight->value), g_object_unref);
          else
            g_task_return_error (waiter->task, g_error_copy (flight->error));
        }
      waiter_disconnect (waiter);
      waiter_unref (waiter);
    }
}

static gpointer
flight_thread (gpointer data)
{
  Flight  *flight = data;
  GError  *error = NULL;
  double   ttl = -1;
  gboolean transient = FALSE;
  g_autoptr (GObject) value = NULL;

  value = flight->fetch (flight->fetch_data, flight->cancellable, &ttl, &transient, &error);
  g_clear_pointer (&flight->fetch_data, flight->fetch_data_free);
  flight_complete (flight, value, ttl, transient, error);
  flight_unref (flight);
  return NULL;
}

/* Under the lock: a fresh value (a new reference), or the flight to wait
 * for (a new reference, counted as waiting). Takes @fetch_data. The
 * stale_served counter of fresh stale values is counted here; waiters'
 * by the caller. */
static Flight *
lookup_begin (PimCache         *self,
              PimCacheKind      kind,
              const char       *key,
              PimCacheFetchFunc fetch,
              gpointer          fetch_data,
              GDestroyNotify    fetch_data_free,
              GObject         **out_value,
              gboolean         *out_start)
{
  Entry  *entry = g_hash_table_lookup (self->entries, key);
  gint64  now = cache_now (self);
  Flight *flight;

  *out_value = NULL;
  *out_start = FALSE;
  if (entry != NULL && entry->value != NULL && now < entry->expires_at)
    {
      self->stats.hits++;
      if (entry->stale)
        self->stats.stale_served++;
      entry_touch (self, entry);
      *out_value = g_object_ref (entry->value);
      if (fetch_data_free != NULL)
        fetch_data_free (fetch_data);
      return NULL;
    }
  if (entry != NULL && entry->flight != NULL)
    {
      self->stats.coalesced++;
      entry_touch (self, entry);
      entry->flight->n_waiting++;
      if (fetch_data_free != NULL)
        fetch_data_free (fetch_data);
      return flight_ref (entry->flight);
    }
  if (entry == NULL)
    entry = entry_new (self, kind, key);
  else
    entry_touch (self, entry);
  if (entry->last_good != NULL)
    self->stats.refreshes++;
  else
    self->stats.misses++;

  flight = g_new0 (Flight, 1);
  g_atomic_ref_count_init (&flight->ref);
  flight->cache = self;
  flight->key = g_strdup (key);
  flight->cancellable = g_cancellable_new ();
  flight->fetch = fetch;
  flight->fetch_data = fetch_data;
  flight->fetch_data_free = fetch_data_free;
  flight->waiters = g_ptr_array_new ();
  flight->n_waiting = 1;
  entry->flight = flight;
  *out_start = TRUE;
  return flight; /* the caller's reference; the fetch takes another */
}

static void
flight_pool_run (gpointer data, gpointer user_data)
{
  flight_thread (data);
}

/* Fetches run in a shared pool of threads, as many at once as there are
 * flights: a thread per fetch would come and go with each one, and a
 * process that exits while one is still ending trips leak checkers. */
static void
flight_start (Flight *flight)
{
  static GThreadPool *pool;
  static gsize        pool_ready;
  g_autoptr (GError) error = NULL;

  if (g_once_init_enter (&pool_ready))
    {
      pool = g_thread_pool_new (flight_pool_run, NULL, -1, FALSE, NULL);
      g_once_init_leave (&pool_ready, 1);
    }
  /* On failure the flight stays queued, and runs when a thread can be
   * made or one of the pool's is free again. */
  if (!g_thread_pool_push (pool, flight_ref (flight), &error))
    pim_log_message ("Cannot start a fetch thread now: %s", error->message);
}

GObject *
pim_cache_lookup (PimCache         *self,
                  PimCacheKind      kind,
                  const char       *key,
                  PimCacheFetchFunc fetch,
                  gpointer          fetch_data,
                  GDestroyNotify    fetch_data_free,
                  GCancellable     *cancellable,
                  GError          **error)
{
  GObject *value = NULL;
  Flight  *flight;
  gboolean start;

  /* Cancelled already: no fetch is started for a caller that will not
   * wait for it. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      if (fetch_data_free != NULL)
        fetch_data_free (fetch_data);
      return NULL;
    }
  g_mutex_lock (&self->lock);
  flight = lookup_begin (self, kind, key, fetch, fetch_data, fetch_data_free, &value, &start);
  g_mutex_unlock (&self->lock);
  if (flight == NULL)
    return value;
  if (start)
    flight_start (flight);

  /* The wait is cancellable; the fetch others share is not. */
  g_mutex_lock (&self->lock);
  while (!flight->done && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait_until (&self->cond, &self->lock,
                       g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND);
  if (!flight->done)
    {
      flight_waiter_left (self, flight);
      g_mutex_unlock (&self->lock);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      flight_unref (flight);
      return NULL;
    }
  if (flight->stale)
    self->stats.stale_served++;
  g_mutex_unlock (&self->lock);

  if (flight->value != NULL)
    value = g_object_ref (flight->value);
  else
    g_propagate_error (error, g_error_copy (flight->error));
  flight_unref (flight);
  return value;
}

void
pim_cache_lookup_async (PimCache         *self,
                        PimCacheKind      kind,
                        const char       *key,
                        PimCacheFetchFunc fetch,
                        gpointer          fetch_data,
                        GDestroyNotify    fetch_data_free,
                        GTask            *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  GObject      *value = NULL;
  Waiter       *waiter;
  Flight       *flight;
  gboolean      start;
  gulong        handler;

  g_mutex_lock (&self->lock);
  flight = lookup_begin (self, kind, key, fetch, fetch_data, fetch_data_free, &value, &start);
  if (flight == NULL)
    {
      g_mutex_unlock (&self->lock);
      g_task_return_pointer (task, value, g_object_unref);
      g_object_unref (task);
      return;
    }
  waiter = g_new0 (Waiter, 1);
  g_atomic_ref_count_init (&waiter->ref);
  waiter->task = task;
  waiter->flight = flight_ref (flight);
  waiter->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_ptr_array_add (flight->waiters, waiter);
  if (cancellable != NULL)
    g_atomic_ref_count_inc (&waiter->ref); /* for the handler */
  g_mutex_unlock (&self->lock);

  /* The flight's end returns the task; the waiter keeps the flight alive
   * as long as it is in its list, and the handler as long as it may run. */
  if (cancellable != NULL)
    {
      handler = g_cancellable_connect (cancellable, G_CALLBACK (on_waiter_cancelled), waiter,
                                       waiter_unref);
      if (handler != 0 && !g_atomic_pointer_compare_and_exchange (&waiter->handler, NULL,
                                                                  (gpointer) (guintptr) handler))
        g_cancellable_disconnect (cancellable, handler);
    }
  if (start)
    flight_start (flight);
  flight_unref (flight);
}

gboolean
pim_cache_invalidate_if_older (PimCache *self, const char *key, double cooldown)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Entry        *entry = g_hash_table_lookup (self->entries, key);

  if (entry == NULL || entry->flight != NULL || entry->value == NULL ||
      cache_now (self) - entry->attempted_at <= USEC (cooldown))
    return FALSE;
  g_clear_object (&entry->value);
  entry->expires_at = 0;
  return TRUE;
}

gboolean
pim_cache_has_newer (PimCache *self, const char *key, GObject *seen)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  Entry        *entry = g_hash_table_lookup (self->entries, key);

  return entry != NULL && (entry->flight != NULL || entry->value != seen);
}

void
pim_cache_clear (PimCache *self, PimCacheKind kind)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GList        *link = self->lru.head;

  /* A fetch in flight still answers its waiters, but is not stored. */
  while (link != NULL)
    {
      Entry *entry = link->data;

      link = link->next;
      if (kind == PIM_CACHE_N_KINDS || entry->kind == kind)
        entry_remove (self, entry);
    }
}

void
pim_cache_get_stats (PimCache *self, PimCacheStats *out)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  *out = self->stats;
}

double
pim_cache_ttl_from_headers (SoupMessageHeaders *headers)
{
  g_autoptr (GHashTable) params = NULL;
  const char *value;
  const char *max_age;
  guint64     seconds;

  if (headers == NULL || (value = soup_message_headers_get_list (headers, "Cache-Control")) == NULL)
    return -1;
  params = soup_header_parse_param_list (value);
  if (g_hash_table_contains (params, "no-store") || g_hash_table_contains (params, "no-cache"))
    return 0;
  max_age = g_hash_table_lookup (params, "max-age");
  if (max_age == NULL || !g_ascii_string_to_unsigned (max_age, 10, 0, G_MAXUINT32, &seconds, NULL))
    return -1;
  return (double) seconds;
}

static GQuark
trust_key_quark (void)
{
  return g_quark_from_static_string ("pim-cache-trust-key");
}

const char *
pim_cache_trust_key (PimHttpClient *client)
{
  static gsize  next_serial = 0;
  static GMutex lock;
  char         *key;

  /* A client's trust never changes (its TLS settings are construct-only),
   * so its key is computed once and kept on it. */
  g_mutex_lock (&lock);
  key = g_object_get_qdata (G_OBJECT (client), trust_key_quark ());
  if (key == NULL)
    {
      if (pim_http_client_get_owns_session (client))
        {
          const char *ca_file = pim_http_client_get_ca_file (client);

          key = g_strdup_printf ("ca=%s;verify=%d", ca_file != NULL ? ca_file : "",
                                 pim_http_client_get_tls_verify (client) == PIM_TLS_VERIFY_DISABLED
                                     ? 0
                                     : 1);
        }
      else
        {
          /* A supplied session trusts whatever it was given: the client is
           * its own identity (a serial, as addresses are reused). */
          key = g_strdup_printf ("client=%" G_GSIZE_FORMAT, ++next_serial);
        }
      g_object_set_qdata_full (G_OBJECT (client), trust_key_quark (), key, g_free);
    }
  g_mutex_unlock (&lock);
  return key;
}

void
pim_cache_set_min_ttl_for_testing (PimCache *self, double seconds)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  self->min_ttl = seconds;
}

void
pim_cache_advance_clock_for_testing (PimCache *self, double seconds)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  self->clock_offset += USEC (seconds);
}

void
pim_cache_set_max_entries_for_testing (PimCache *self, guint max_entries)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  self->max_entries = max_entries;
  evict (self);
}
