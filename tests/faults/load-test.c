/* load-test.c: 20,000 async validations with 8 threads validating in
 * parallel, the caches expiring during the run and the provider restarted
 * once: every result right, exactly the expected upstream fetches, and a
 * resident set that stays flat after warm-up
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The schedule, by async validations completed (the threads run all the
 * while, from start to end):
 *
 *   0      cold caches: one discovery and one key set fetch (provider A),
 *          by a sync and an async validation on the main thread first
 *   10 %   warm: the resident set is measured
 *   20 %   the cache clock passes the TTL: one refresh of each (A)
 *   40 %   A stops and the clock passes the TTL again: each refresh fails
 *          (connection refused), the last good copies are served stale
 *   50 %   provider B starts on A's port and the clock passes the shortest
 *          TTL a stale copy is kept: one refresh of each (B)
 *   70 %   the clock passes the TTL: one refresh of each (B)
 *  100 %   the end: the resident set is measured again
 *
 * of the async validations: 20,000, except in a build with AddressSanitizer (see
 * below).
 *
 * Upstream fetches are counted by the providers (hits) and by the cache
 * (misses and refreshes). The cache answers concurrent misses with one
 * fetch (single flight) and keeps a value for its TTL (3600 s without
 * Cache-Control), so each expiry costs exactly one fetch per document
 * provided the next expiry comes after that fetch ended: before each step
 * the main thread looks both documents up itself (a "barrier": a cache
 * hit, or it joins the fetch in flight and returns when it ends). Those
 * lookups are counted with the rest.
 */

#include "pim-private.h"

#include "fault-provider.h"
#include "pim-cache-private.h"

#define N_THREADS 8
#define WINDOW    64 /* async validations in flight at once */
#define N_TOKENS  64

/* Under AddressSanitizer freed memory sits in a quarantine (256 MiB by
 * default) before it is reused, which would read as growth of the
 * resident set; a small one keeps the measure meaningful. CI's
 * ASAN_OPTIONS does not set it, so this default applies there too. */
#ifdef FAULT_UNDER_ASAN
const char *__asan_default_options (void);
const char *
__asan_default_options (void)
{
  return "quarantine_size_mb=4";
}
#endif

#define RSS_GROWTH_LIMIT_KIB (32 * 1024)

/* The issue asks for 20,000 async validations, and the normal build runs
 * them. CI's sanitizer run unwinds the full stack on every allocation
 * (fast_unwind_on_malloc=0, for its leak suppressions): measured there,
 * the 20,000 (and as many sync ones) took 79 s of one core against 2.7 s
 * in the normal build. That build runs 8,000, with the same schedule and
 * checks. PIM_LOAD_ASYNC (a count) overrides either. */
#ifdef FAULT_UNDER_ASAN
#define DEFAULT_N_ASYNC 8000
#else
#define DEFAULT_N_ASYNC 20000
#endif

static guint n_async = DEFAULT_N_ASYNC;

typedef enum
{
  TOKEN_VALID,
  TOKEN_EXPIRED,
  TOKEN_OTHER_AUDIENCE,
} TokenKind;

typedef struct
{
  char     *token;
  TokenKind kind;
  char     *subject;
} Token;

static FaultProvider                 provider;
static PimTokenValidationParameters *parameters;
static Token                         tokens[N_TOKENS];

/* Results, from every thread. */
static guint  wrong;
static GMutex first_wrong_lock;
static char  *first_wrong;

static void
check_result (const Token *t, PimClaims *claims, const GError *error)
{
  gboolean right;

  switch (t->kind)
    {
    case TOKEN_VALID:
      right = claims != NULL && error == NULL &&
              g_strcmp0 (pim_claims_get_subject (claims), t->subject) == 0;
      break;
    case TOKEN_EXPIRED:
      right = claims == NULL && g_error_matches (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_EXPIRED);
      break;
    case TOKEN_OTHER_AUDIENCE:
      right = claims == NULL &&
              g_error_matches (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH);
      break;
    default:
      g_assert_not_reached ();
    }
  if (right)
    return;
  g_atomic_int_inc (&wrong);
  g_mutex_lock (&first_wrong_lock);
  if (first_wrong == NULL)
    first_wrong =
        g_strdup_printf ("%s token: %s", t->subject, error != NULL ? error->message : "accepted");
  g_mutex_unlock (&first_wrong_lock);
}

/* ---- Sync threads ---- */

static gint stop_threads;
static gint async_completed;

typedef struct
{
  guint    index;
  guint    done;
  GThread *thread;
} Worker;

static gpointer
worker_thread (gpointer data)
{
  Worker *w = data;

  for (guint i = w->index; !g_atomic_int_get (&stop_threads); i += 7)
    {
      const Token *t = &tokens[i % N_TOKENS];
      g_autoptr (GError) error = NULL;
      g_autoptr (PimClaims) claims = NULL;

      /* Paced to the async run, about as many validations in all, so that
       * the threads run all through it rather than starve it of the two
       * cores CI has. */
      if (w->done * N_THREADS > (guint) g_atomic_int_get (&async_completed) + N_THREADS)
        {
          g_usleep (1000);
          continue;
        }
      claims = pim_validate_token (t->token, parameters, NULL, NULL, &error);
      check_result (t, claims, error);
      w->done++;
    }
  return NULL;
}

/* ---- Async ---- */

typedef struct
{
  guint launched;
  guint completed;
} Driver;

static Driver driver;

static void launch (void);

static void
on_validated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  const Token *t = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = pim_validate_token_finish (result, &error);

  (void) source;
  check_result (t, claims, error);
  driver.completed++;
  g_atomic_int_set (&async_completed, (gint) driver.completed);
  launch ();
}

static void
launch (void)
{
  while (driver.launched < n_async && driver.launched - driver.completed < WINDOW)
    {
      Token *t = &tokens[driver.launched % N_TOKENS];

      driver.launched++;
      pim_validate_token_async (t->token, parameters, NULL, NULL, on_validated, t);
    }
}

/* ---- Counting ---- */

typedef struct
{
  guint discovery;
  guint jwks;
} Hits;

static Hits
hits_now (void)
{
  return (Hits){ fault_provider_hits (&provider, FAULT_DISCOVERY_PATH),
                 fault_provider_hits (&provider, FAULT_JWKS_PATH) };
}

static guint barrier_lookups;
static guint warm_up_validations;

/* Looks both documents up from this thread: returns once any fetch in
 * flight for them has ended. */
static void
barrier (void)
{
  g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (provider.issuer);
  g_autoptr (PimDiscoveryDocument) document = NULL;
  g_autoptr (PimJwkSet) keys = NULL;
  g_autoptr (GError) error = NULL;

  document = pim_get_discovery_document (request, NULL, NULL, &error);
  g_assert_no_error (error);
  keys = pim_get_jwks (pim_discovery_document_get_jwks_uri (document), NULL, NULL, &error);
  g_assert_no_error (error);
  barrier_lookups += 2;
}

static void
run_until (guint completed)
{
  while (driver.completed < completed)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_load (void)
{
  PimCache     *cache = pim_cache_get_default ();
  PimCacheStats before, after;
  Worker        workers[N_THREADS];
  Hits          a, b;
  guint64       rss_warm, rss_end, lookups, validations;
  guint         sync_done = 0;
  gint64        start = g_get_monotonic_time ();
  gint64        now_s = g_get_real_time () / G_USEC_PER_SEC;

  fault_provider_init (&provider, PIM_TEST_SERVER_PLAIN);
  parameters = pim_token_validation_parameters_new (provider.issuer, FAULT_AUDIENCE);
  for (guint i = 0; i < N_TOKENS; i++)
    {
      Token *t = &tokens[i];

      t->kind = i % 16 == 5 ? TOKEN_EXPIRED : i % 16 == 11 ? TOKEN_OTHER_AUDIENCE : TOKEN_VALID;
      t->subject = g_strdup_printf ("user-%u", i);
      t->token =
          fault_provider_mint (&provider,
                               t->kind == TOKEN_OTHER_AUDIENCE ? "someone-else" : FAULT_AUDIENCE,
                               t->subject, t->kind == TOKEN_EXPIRED ? now_s - 600 : now_s + 3600);
    }
  pim_cache_get_stats (cache, &before);

  /* One validation of each form on this thread first, cold: the types
   * both paths use (GTask, libsoup's) are set up before other threads
   * race to. GLib 2.74 can deadlock when one thread registers GTask while
   * another initializes a class that asks for it (seen here: a fetch
   * thread in soup_session_send() against this thread's first
   * g_task_new()). */
  for (PimTestMode mode = PIM_TEST_SYNC; mode <= PIM_TEST_ASYNC; mode++)
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (PimClaims) claims = NULL;

      if (mode == PIM_TEST_SYNC)
        claims = pim_validate_token (tokens[0].token, parameters, NULL, NULL, &error);
      else
        {
          pim_validate_token_async (tokens[0].token, parameters, NULL, NULL, pim_test_store_result,
                                    &result);
          pim_test_wait_result (&result);
          claims = pim_validate_token_finish (result, &error);
        }
      check_result (&tokens[0], claims, error);
      warm_up_validations++;
    }

  for (guint i = 0; i < N_THREADS; i++)
    {
      workers[i] = (Worker){ i, 0, NULL };
      workers[i].thread = g_thread_new ("load", worker_thread, &workers[i]);
    }
  launch ();

  run_until (n_async / 10);
  rss_warm = fault_vm_rss_kib ();
  barrier ();
  a = hits_now ();
  g_assert_cmpuint (a.discovery, ==, 1);
  g_assert_cmpuint (a.jwks, ==, 1);

  run_until (n_async / 5);
  pim_cache_advance_clock_for_testing (cache, PIM_CACHE_DEFAULT_TTL + 1);

  run_until (n_async * 2 / 5);
  barrier ();
  a = hits_now ();
  g_assert_cmpuint (a.discovery, ==, 2);
  g_assert_cmpuint (a.jwks, ==, 2);
  fault_provider_stop (&provider);
  pim_cache_get_stats (cache, &after);
  pim_cache_advance_clock_for_testing (cache, PIM_CACHE_DEFAULT_TTL + 1);
  barrier (); /* the failed refreshes have ended */
  {
    PimCacheStats down;

    pim_cache_get_stats (cache, &down);
    g_assert_cmpuint (down.stale_served, >=, after.stale_served + 2);
  }

  run_until (n_async / 2);
  fault_provider_restart (&provider);
  pim_cache_advance_clock_for_testing (cache, PIM_CACHE_MIN_TTL + 1);

  run_until (n_async * 7 / 10);
  barrier ();
  b = hits_now ();
  g_assert_cmpuint (b.discovery, ==, 1);
  g_assert_cmpuint (b.jwks, ==, 1);
  pim_cache_advance_clock_for_testing (cache, PIM_CACHE_DEFAULT_TTL + 1);

  run_until (n_async);
  g_atomic_int_set (&stop_threads, 1);
  for (guint i = 0; i < N_THREADS; i++)
    {
      g_thread_join (workers[i].thread);
      sync_done += workers[i].done;
    }
  barrier ();
  rss_end = fault_vm_rss_kib ();
  b = hits_now ();
  pim_cache_get_stats (cache, &after);

  g_test_message ("%u async and %u sync validations in %.1f s", n_async, sync_done,
                  fault_elapsed (start));
  g_test_message ("VmRSS after warm-up: %" G_GUINT64_FORMAT " KiB; at the end: %" G_GUINT64_FORMAT
                  " KiB",
                  rss_warm, rss_end);
  if (first_wrong != NULL)
    g_test_message ("first wrong result: %s", first_wrong);

  /* Every result right. */
  g_assert_cmpuint (wrong, ==, 0);
  g_assert_cmpuint (driver.completed, ==, n_async);
  g_assert_cmpuint (sync_done, >, 0);

  /* Exactly the expected fetches: B's two (restart, last expiry), after
   * A's two (cold, first expiry) checked above; the cache saw a miss of
   * each, then four refreshes of each (A's expiry, the two failures while
   * A was down, B's two); every validation looked each document up once. */
  g_assert_cmpuint (b.discovery, ==, 2);
  g_assert_cmpuint (b.jwks, ==, 2);
  g_assert_cmpuint (after.misses - before.misses, ==, 2);
  g_assert_cmpuint (after.refreshes - before.refreshes, ==, 2 * 4);
  validations = n_async + sync_done + warm_up_validations;
  lookups = (after.hits - before.hits) + (after.misses - before.misses) +
            (after.refreshes - before.refreshes) + (after.coalesced - before.coalesced);
  g_assert_cmpuint (lookups, ==, 2 * validations + barrier_lookups);

  /* Flat after warm-up. */
  g_assert_cmpuint (rss_end, <, rss_warm + RSS_GROWTH_LIMIT_KIB);

  for (guint i = 0; i < N_TOKENS; i++)
    {
      g_free (tokens[i].token);
      g_free (tokens[i].subject);
    }
  g_clear_object (&parameters);
  g_clear_pointer (&first_wrong, g_free);
  fault_provider_clear (&provider);
}

int
main (int argc, char **argv)
{
  const char *count = g_getenv ("PIM_LOAD_ASYNC");

  g_test_init (&argc, &argv, NULL);
  if (count != NULL && *count != '\0')
    n_async = (guint) g_ascii_strtoull (count, NULL, 10);
  g_assert_cmpuint (n_async, >=, 100);
  g_test_add_func ("/load/validate", test_load);
  return g_test_run ();
}
