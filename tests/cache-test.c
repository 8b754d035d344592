/* cache-test.c: the process's cache of discovery documents and key sets,
 * against the fault server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-cache-private.h"
#include "pim-test-async.h"
#include "pim-test-server.h"

static PimTestServer *server;
static PimCache      *cache;
static gint           stale_logs;

/* Counts the cache's stale-while-error messages, and passes every message
 * on. */
static GLogWriterOutput
count_stale_logs (GLogLevelFlags   log_level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        strstr (fields[i].value, "serving the last good copy") != NULL)
      g_atomic_int_inc (&stale_logs);
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

typedef struct
{
  guint64 hits, misses, refreshes, coalesced, stale;
} Stats;

static Stats
stats_now (void)
{
  PimCacheStats s;
  Stats         out;

  pim_cache_get_stats (cache, &s);
  out.hits = s.hits;
  out.misses = s.misses;
  out.refreshes = s.refreshes;
  out.coalesced = s.coalesced;
  out.stale = s.stale_served;
  return out;
}

static PimJwkSet *
get_jwks (const char *uri, PimHttpClient *client, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_get_jwks (uri, client, NULL, error);
  pim_get_jwks_async (uri, client, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_get_jwks_finish (result, error);
}

static char *
jwks_key (const char *uri, PimHttpClient *client)
{
  const char *trust = pim_cache_trust_key (client);

  return g_strdup_printf ("%s\njwks\n%s", uri, trust);
}

static void
setup (void)
{
  pim_clear_discovery_cache ();
  pim_clear_jwks_cache ();
}

/* A hit makes no request, sync or async, and returns the same object. */
static void
test_hit (void)
{
  g_autofree char *uri = pim_test_server_get_uri (server, "/cached?key=hit&max_age=600");
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwkSet) first = NULL;
  g_autoptr (PimJwkSet) second = NULL;
  g_autoptr (PimJwkSet) third = NULL;
  Stats   before = stats_now (), after;
  guint64 hits, misses, refreshes, coalesced;

  setup ();
  first = get_jwks (uri, NULL, PIM_TEST_SYNC, &error);
  g_assert_no_error (error);
  second = get_jwks (uri, NULL, PIM_TEST_SYNC, &error);
  g_assert_no_error (error);
  third = get_jwks (uri, NULL, PIM_TEST_ASYNC, &error);
  g_assert_no_error (error);
  g_assert_true (first == second);
  g_assert_true (first == third);
  g_assert_cmpuint (pim_test_server_get_hits (server, "hit"), ==, 1);

  after = stats_now ();
  g_assert_cmpuint (after.misses - before.misses, ==, 1);
  g_assert_cmpuint (after.hits - before.hits, ==, 2);
  g_assert_cmpuint (after.refreshes, ==, before.refreshes);

  /* The public counters are the same. */
  pim_get_cache_stats (&hits, &misses, &refreshes, &coalesced);
  g_assert_cmpuint (hits, ==, after.hits);
  g_assert_cmpuint (misses, ==, after.misses);
  g_assert_cmpuint (refreshes, ==, after.refreshes);
  g_assert_cmpuint (coalesced, ==, after.coalesced);
  pim_get_cache_stats (NULL, NULL, NULL, NULL);

  /* Clearing drops the entry. */
  pim_clear_jwks_cache ();
  g_clear_object (&second);
  second = get_jwks (uri, NULL, PIM_TEST_SYNC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pim_test_server_get_hits (server, "hit"), ==, 2);
}

/* max-age sets the TTL (clamped to the minimum, set low here); without it
 * the default holds; no-store keeps nothing for later callers. */
static void
test_ttl (void)
{
  g_autofree char *uri = pim_test_server_get_uri (server, "/cached?key=ttl&max_age=5");
  g_autofree char *plain = pim_test_server_get_uri (server, "/cached?key=ttl-default");
  g_autofree char *nostore =
      pim_test_server_get_uri (server, "/cached?key=ttl-nostore&cache_control=no-store");
  g_autoptr (GError) error = NULL;
  Stats before = stats_now (), after;

  setup ();
  for (guint i = 0; i < 2; i++)
    g_object_unref (get_jwks (uri, NULL, i % 2 ? PIM_TEST_ASYNC : PIM_TEST_SYNC, &error));
  g_assert_cmpuint (pim_test_server_get_hits (server, "ttl"), ==, 1);
  pim_cache_advance_clock_for_testing (cache, 4);
  g_object_unref (get_jwks (uri, NULL, PIM_TEST_SYNC, &error));
  g_assert_cmpuint (pim_test_server_get_hits (server, "ttl"), ==, 1);
  pim_cache_advance_clock_for_testing (cache, 2);
  g_object_unref (get_jwks (uri, NULL, PIM_TEST_ASYNC, &error));
  g_assert_cmpuint (pim_test_server_get_hits (server, "ttl"), ==, 2);
  g_assert_no_error (error);
  after = stats_now ();
  g_assert_cmpuint (after.misses - before.misses, ==, 1);
  g_assert_cmpuint (after.refreshes - before.refreshes, ==, 1);
  g_assert_cmpuint (after.hits - before.hits, ==, 2);

  g_object_unref (get_jwks (plain, NULL, PIM_TEST_SYNC, &error));
  pim_cache_advance_clock_for_testing (cache, PIM_CACHE_DEFAULT_TTL - 10);
  g_object_unref (get_jwks (plain, NULL, PIM_TEST_SYNC, &error));
  g_assert_cmpuint (pim_test_server_get_hits (server, "ttl-default"), ==, 1);
  pim_cache_advance_clock_for_testing (cache, 20);
  g_object_unref (get_jwks (plain, NULL, PIM_TEST_SYNC, &error));
  g_assert_cmpuint (pim_test_server_get_hits (server, "ttl-default"), ==, 2);

  for (guint i = 0; i < 3; i++)
    g_object_unref (get_jwks (nostore, NULL, i % 2 ? PIM_TEST_ASYNC : PIM_TEST_SYNC, &error));
  g_assert_cmpuint (pim_test_server_get_hits (server, "ttl-nostore"), ==, 3);
  g_assert_no_error (error);
}

static void
test_ttl_from_headers (void)
{
  struct
  {
    const char *value;
    double      ttl;
  } cases[] = {
    { NULL, -1 },          { "max-age=300", 300 }, { "public, max-age=10", 10 },
    { "max-age=0", 0 },    { "no-store", 0 },      { "no-cache, max-age=300", 0 },
    { "max-age=abc", -1 }, { "private", -1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

      if (cases[i].value != NULL)
        soup_message_headers_append (headers, "Cache-Control", cases[i].value);
      g_assert_cmpfloat (pim_cache_ttl_from_headers (headers), ==, cases[i].ttl);
      soup_message_headers_unref (headers);
    }
}

/* ---- Single flight ---- */

#define N_ASYNC   100
#define N_THREADS 8

typedef struct
{
  const char *uri;
  GObject    *value;
  GError     *error;
} SyncCall;

static gpointer
sync_call_thread (gpointer data)
{
  SyncCall *call = data;

  call->value = (GObject *) pim_get_jwks (call->uri, NULL, NULL, &call->error);
  return NULL;
}

typedef struct
{
  guint    pending;
  GObject *values[N_ASYNC];
  GError  *errors[N_ASYNC];
} AsyncCalls;

static AsyncCalls *async_calls;

static void
on_async_call (GObject *source, GAsyncResult *result, gpointer user_data)
{
  guint i = GPOINTER_TO_UINT (user_data);

  (void) source;
  async_calls->values[i] = (GObject *) pim_get_jwks_finish (result, &async_calls->errors[i]);
  async_calls->pending--;
}

/* 100 async callers on the main context and 8 threads of sync callers, on
 * a cold key: one request, and one answer for all. */
static void
run_storm (const char *uri, GObject **out_first, GError **out_error)
{
  SyncCall   calls[N_THREADS] = { 0 };
  GThread   *threads[N_THREADS];
  AsyncCalls state = { 0 };
  GObject   *first = NULL;
  GError    *first_error = NULL;

  async_calls = &state;
  state.pending = N_ASYNC;
  for (guint i = 0; i < N_ASYNC / 2; i++)
    pim_get_jwks_async (uri, NULL, NULL, on_async_call, GUINT_TO_POINTER (i));
  for (guint i = 0; i < N_THREADS; i++)
    {
      calls[i].uri = uri;
      threads[i] = g_thread_new ("sync-caller", sync_call_thread, &calls[i]);
    }
  for (guint i = N_ASYNC / 2; i < N_ASYNC; i++)
    pim_get_jwks_async (uri, NULL, NULL, on_async_call, GUINT_TO_POINTER (i));
  while (state.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  first = state.values[0];
  first_error = state.errors[0];
  for (guint i = 0; i < N_ASYNC; i++)
    {
      g_assert_true (state.values[i] == first);
      if (first_error != NULL)
        g_assert_error (state.errors[i], first_error->domain, first_error->code);
      else
        g_assert_no_error (state.errors[i]);
    }
  for (guint i = 0; i < N_THREADS; i++)
    {
      g_assert_true (calls[i].value == first);
      if (first_error != NULL)
        g_assert_error (calls[i].error, first_error->domain, first_error->code);
      else
        g_assert_no_error (calls[i].error);
      g_clear_object (&calls[i].value);
      g_clear_error (&calls[i].error);
    }
  *out_first = first != NULL ? g_object_ref (first) : NULL;
  *out_error = first_error != NULL ? g_error_copy (first_error) : NULL;
  for (guint i = 0; i < N_ASYNC; i++)
    {
      g_clear_object (&state.values[i]);
      g_clear_error (&state.errors[i]);
    }
  async_calls = NULL;
}

static void
test_single_flight (void)
{
  g_autofree char *uri = pim_test_server_get_uri (server, "/cached?key=storm&max_age=600");
  g_autoptr (GObject) value = NULL;
  g_autoptr (GError) error = NULL;
  Stats before = stats_now (), after;

  setup ();
  run_storm (uri, &value, &error);
  g_assert_no_error (error);
  g_assert_nonnull (value);
  g_assert_cmpuint (pim_test_server_get_hits (server, "storm"), ==, 1);
  after = stats_now ();
  g_assert_cmpuint (after.misses - before.misses, ==, 1);
  g_assert_cmpuint (after.refreshes, ==, before.refreshes);
  g_assert_cmpuint ((after.hits - before.hits) + (after.coalesced - before.coalesced), ==,
                    N_ASYNC + N_THREADS - 1);
}

/* A slow answer makes every caller join the one fetch; failures are not
 * cached, but still shared. */
static void
test_single_flight_slow (void)
{
  g_autofree char *uri = pim_test_server_get_uri (server, "/slow-headers?key=slow&delay_ms=500");
  g_autoptr (GObject) value = NULL;
  g_autoptr (GError) error = NULL;
  Stats before = stats_now (), after;

  setup ();
  run_storm (uri, &value, &error);
  g_assert_null (value);
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED);
  g_assert_cmpuint (pim_test_server_get_hits (server, "slow"), ==, 1);
  after = stats_now ();
  g_assert_cmpuint (after.misses - before.misses, ==, 1);
  g_assert_cmpuint (after.coalesced - before.coalesced, ==, N_ASYNC + N_THREADS - 1);
  g_assert_cmpuint (after.hits, ==, before.hits);
}

/* A waiter's cancellable ends its own wait, not the others'. */
static void
test_cancel_waiter (void)
{
  g_autofree char *uri = pim_test_server_get_uri (server, "/slow-headers?key=cancel&delay_ms=300");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) cancelled = NULL;
  g_autoptr (GAsyncResult) other = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwkSet) keys = NULL;

  setup ();
  pim_get_jwks_async (uri, NULL, cancellable, pim_test_store_result, &cancelled);
  pim_get_jwks_async (uri, NULL, NULL, pim_test_store_result, &other);
  g_cancellable_cancel (cancellable);
  pim_test_wait_result (&cancelled);
  keys = pim_get_jwks_finish (cancelled, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  pim_test_wait_result (&other);
  keys = pim_get_jwks_finish (other, &error);
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED);
  g_assert_cmpuint (pim_test_server_get_hits (server, "cancel"), ==, 1);
}

/* The forced refresh of an unknown kid: at most one per cooldown, however
 * many callers ask. */
static void
test_invalidate_cooldown (void)
{
  g_autofree char *uri = pim_test_server_get_uri (server, "/cached?key=kid&max_age=600");
  g_autofree char *key = jwks_key (uri, pim_http_client_get_thread_default ());
  g_autoptr (GError) error = NULL;
  guint dropped = 0;

  setup ();
  g_assert_false (pim_cache_invalidate_if_older (cache, key, PIM_CACHE_DEFAULT_COOLDOWN));
  g_object_unref (get_jwks (uri, NULL, PIM_TEST_SYNC, &error));
  for (guint round = 0; round < 3; round++)
    {
      for (guint i = 0; i < 500; i++)
        if (pim_cache_invalidate_if_older (cache, key, PIM_CACHE_DEFAULT_COOLDOWN))
          {
            dropped++;
            g_object_unref (get_jwks (uri, NULL, i % 2 ? PIM_TEST_ASYNC : PIM_TEST_SYNC, &error));
            g_assert_no_error (error);
          }
      pim_cache_advance_clock_for_testing (cache, PIM_CACHE_DEFAULT_COOLDOWN + 1);
    }
  g_assert_cmpuint (dropped, ==, 2);
  g_assert_cmpuint (pim_test_server_get_hits (server, "kid"), ==, 3);
}

/* After expiry, a 503 is answered with the last good value, logged once;
 * past the grace period the error comes through. */
static void
test_stale_while_error (void)
{
  g_autofree char *uri =
      pim_test_server_get_uri (server, "/cached?key=stale&max_age=5&fail_after=1");
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwkSet) good = NULL;
  g_autoptr (PimJwkSet) stale = NULL;
  Stats before, after;
  gint  logs = g_atomic_int_get (&stale_logs);

  setup ();
  good = get_jwks (uri, NULL, PIM_TEST_SYNC, &error);
  g_assert_no_error (error);
  before = stats_now ();
  pim_cache_advance_clock_for_testing (cache, 6);
  stale = get_jwks (uri, NULL, PIM_TEST_ASYNC, &error);
  g_assert_no_error (error);
  g_assert_true (stale == good);
  g_assert_cmpuint (pim_test_server_get_hits (server, "stale"), ==, 2);
  g_assert_cmpint (g_atomic_int_get (&stale_logs), ==, logs + 1);
  g_clear_object (&stale);

  /* Retried after the shortest TTL, not at every call. */
  stale = get_jwks (uri, NULL, PIM_TEST_SYNC, &error);
  g_assert_true (stale == good);
  g_assert_cmpuint (pim_test_server_get_hits (server, "stale"), ==, 2);
  g_clear_object (&stale);
  pim_cache_advance_clock_for_testing (cache, 2);
  stale = get_jwks (uri, NULL, PIM_TEST_SYNC, &error);
  g_assert_no_error (error);
  g_assert_true (stale == good);
  g_assert_cmpuint (pim_test_server_get_hits (server, "stale"), ==, 3);
  g_assert_cmpint (g_atomic_int_get (&stale_logs), ==, logs + 1);
  g_clear_object (&stale);
  after = stats_now ();
  g_assert_cmpuint (after.stale - before.stale, ==, 3);
  g_assert_cmpuint (after.refreshes - before.refreshes, ==, 2);
  g_assert_cmpuint (after.hits - before.hits, ==, 1);

  pim_cache_advance_clock_for_testing (cache, PIM_CACHE_DEFAULT_GRACE);
  stale = get_jwks (uri, NULL, PIM_TEST_SYNC, &error);
  g_assert_null (stale);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_STATUS);
}

/* A 4xx is not the provider failing: no stale value. */
static void
test_no_stale_for_4xx (void)
{
  g_autofree char *uri =
      pim_test_server_get_uri (server, "/cached?key=stale4&max_age=5&fail_after=1&status=404");
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwkSet) keys = NULL;

  setup ();
  keys = get_jwks (uri, NULL, PIM_TEST_SYNC, &error);
  g_assert_no_error (error);
  g_clear_object (&keys);
  pim_cache_advance_clock_for_testing (cache, 6);
  keys = get_jwks (uri, NULL, PIM_TEST_SYNC, &error);
  g_assert_null (keys);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_STATUS);
}

/* Clients with different TLS trust never share an entry. */
static void
test_tls_trust (void)
{
  g_autoptr (PimTestServer) tls = pim_test_server_new (PIM_TEST_SERVER_TLS);
  g_autofree char *uri = pim_test_server_get_uri (tls, "/cached?key=tls&max_age=600");
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpClient) trusting = NULL;
  g_autoptr (PimHttpClient) same = NULL;
  g_autoptr (PimHttpClient) other = NULL;
  g_autoptr (PimHttpClient) supplied = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (PimJwkSet) a = NULL;
  g_autoptr (PimJwkSet) b = NULL;
  g_autoptr (PimJwkSet) c = NULL;

  setup ();
  trusting = pim_http_client_new_full (NULL, 0, PIM_TLS_VERIFY_ENABLED,
                                       pim_test_server_get_ca_file (), &error);
  g_assert_no_error (error);
  same = pim_http_client_new_full (NULL, 0, PIM_TLS_VERIFY_ENABLED, pim_test_server_get_ca_file (),
                                   &error);
  g_assert_no_error (error);
  other = pim_http_client_new_full (NULL, 0, PIM_TLS_VERIFY_ENABLED,
                                    pim_test_server_get_other_ca_file (), &error);
  g_assert_no_error (error);
  supplied = pim_http_client_new_for_session (session);

  a = get_jwks (uri, trusting, PIM_TEST_SYNC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pim_test_server_get_hits (tls, "tls"), ==, 1);

  /* The same trust shares. */
  b = get_jwks (uri, same, PIM_TEST_ASYNC, &error);
  g_assert_no_error (error);
  g_assert_true (a == b);
  g_assert_cmpuint (pim_test_server_get_hits (tls, "tls"), ==, 1);

  /* Another CA is not served the first client's entry. */
  c = get_jwks (uri, other, PIM_TEST_SYNC, &error);
  g_assert_null (c);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TLS);
  g_clear_error (&error);
  c = get_jwks (uri, other, PIM_TEST_ASYNC, &error);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TLS);
  g_clear_error (&error);

  /* Nor is a supplied session (which trusts the system's CAs here). */
  c = get_jwks (uri, supplied, PIM_TEST_SYNC, &error);
  g_assert_null (c);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TLS);
  g_clear_error (&error);

  {
    const char *k1 = pim_cache_trust_key (trusting);
    const char *k2 = pim_cache_trust_key (same);
    const char *k3 = pim_cache_trust_key (other);
    const char *k4 = pim_cache_trust_key (supplied);
    g_autoptr (PimHttpClient) supplied2 = pim_http_client_new_for_session (session);
    const char *k5 = pim_cache_trust_key (supplied2);
    const char *k4b = pim_cache_trust_key (supplied);

    g_assert_cmpstr (k1, ==, k2);
    g_assert_cmpstr (k1, !=, k3);
    g_assert_cmpstr (k1, !=, k4);
    g_assert_cmpstr (k4, !=, k5);
    g_assert_cmpstr (k4, ==, k4b);
  }
  pim_http_client_close (trusting);
  pim_http_client_close (same);
  pim_http_client_close (other);
}

/* The LRU keeps at most max_entries. */
static void
test_lru (void)
{
  g_autoptr (GError) error = NULL;

  setup ();
  pim_cache_set_max_entries_for_testing (cache, 3);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *path = g_strdup_printf ("/cached?key=lru%u&max_age=600", i);
      g_autofree char *uri = pim_test_server_get_uri (server, path);

      g_object_unref (get_jwks (uri, NULL, PIM_TEST_SYNC, &error));
      g_assert_no_error (error);
    }
  /* lru0 was evicted; lru3 is still there. */
  for (guint i = 0; i < 4; i += 3)
    {
      g_autofree char *path = g_strdup_printf ("/cached?key=lru%u&max_age=600", i);
      g_autofree char *uri = pim_test_server_get_uri (server, path);
      g_autofree char *key = g_strdup_printf ("lru%u", i);

      g_object_unref (get_jwks (uri, NULL, PIM_TEST_SYNC, &error));
      g_assert_cmpuint (pim_test_server_get_hits (server, key), ==, i == 0 ? 2 : 1);
    }
  pim_cache_set_max_entries_for_testing (cache, PIM_CACHE_DEFAULT_MAX_ENTRIES);
}

/* Every lookup counts once. */
static void
test_counters_add_up (void)
{
  g_autofree char *uri = pim_test_server_get_uri (server, "/cached?key=count&max_age=5");
  g_autoptr (GError) error = NULL;
  Stats before = stats_now (), after;
  guint lookups = 0;

  setup ();
  for (guint i = 0; i < 20; i++)
    {
      PimJwkSet *keys = get_jwks (uri, NULL, i % 2 ? PIM_TEST_ASYNC : PIM_TEST_SYNC, &error);

      g_assert_no_error (error);
      g_object_unref (keys);
      lookups++;
      if (i % 5 == 4)
        pim_cache_advance_clock_for_testing (cache, 6);
    }
  after = stats_now ();
  g_assert_cmpuint ((after.hits - before.hits) + (after.misses - before.misses) +
                        (after.refreshes - before.refreshes) + (after.coalesced - before.coalesced),
                    ==, lookups);
  g_assert_cmpuint ((after.misses - before.misses) + (after.refreshes - before.refreshes), ==,
                    pim_test_server_get_hits (server, "count"));
  g_assert_cmpuint (pim_test_server_get_hits (server, "count"), ==, 4);
}

int
main (int argc, char **argv)
{
  int ret;

  /* 503 answers are not retried here: the cache is under test. */
  g_setenv ("HTTP_RETRY_COUNT", "0", TRUE);
  g_log_set_writer_func (count_stale_logs, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  cache = pim_cache_get_default ();
  pim_cache_set_min_ttl_for_testing (cache, 1);

  g_test_add_func ("/cache/hit", test_hit);
  g_test_add_func ("/cache/ttl", test_ttl);
  g_test_add_func ("/cache/ttl-from-headers", test_ttl_from_headers);
  g_test_add_func ("/cache/single-flight", test_single_flight);
  g_test_add_func ("/cache/single-flight-slow", test_single_flight_slow);
  g_test_add_func ("/cache/cancel-waiter", test_cancel_waiter);
  g_test_add_func ("/cache/invalidate-cooldown", test_invalidate_cooldown);
  g_test_add_func ("/cache/stale-while-error", test_stale_while_error);
  g_test_add_func ("/cache/no-stale-for-4xx", test_no_stale_for_4xx);
  g_test_add_func ("/cache/tls-trust", test_tls_trust);
  g_test_add_func ("/cache/lru", test_lru);
  g_test_add_func ("/cache/counters-add-up", test_counters_add_up);

  ret = g_test_run ();
  pim_test_server_free (server);
  return ret;
}
