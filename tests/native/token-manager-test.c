/* token-manager-test.c: PimTokenManager against the real local provider:
 * one refresh for 100 async callers and 8 threads, expiry margins,
 * invalid_grant sign-out, the offline retry on network-changed, DPoP-bound
 * refresh tokens, client credentials, load and sign-out, cancelled
 * waiters; and the pure parts (the stored blob, the margin decision)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-test-async.h"
#include "pim-token-manager-private.h"
#include "token-test-util.h"

/* ---- What the manager emitted ---- */

typedef struct
{
  guint    tokens_changed;
  guint    refresh_failed;
  guint    signed_out;
  guint    notify_signed_in;
  GError  *last_failure;
  GThread *emitting_thread;
} Signals;

static void
on_tokens_changed (PimTokenManager *manager, Signals *signals)
{
  signals->emitting_thread = g_thread_self ();
  g_atomic_int_inc (&signals->tokens_changed);
}

static void
on_refresh_failed (PimTokenManager *manager, GError *error, Signals *signals)
{
  g_clear_error (&signals->last_failure);
  signals->last_failure = g_error_copy (error);
  signals->emitting_thread = g_thread_self ();
  g_atomic_int_inc (&signals->refresh_failed);
}

static void
on_signed_out (PimTokenManager *manager, Signals *signals)
{
  signals->emitting_thread = g_thread_self ();
  g_atomic_int_inc (&signals->signed_out);
}

static void
on_notify_signed_in (PimTokenManager *manager, GParamSpec *pspec, Signals *signals)
{
  g_atomic_int_inc (&signals->notify_signed_in);
}

static void
signals_watch (Signals *signals, PimTokenManager *manager)
{
  g_signal_connect (manager, "tokens-changed", G_CALLBACK (on_tokens_changed), signals);
  g_signal_connect (manager, "refresh-failed", G_CALLBACK (on_refresh_failed), signals);
  g_signal_connect (manager, "signed-out", G_CALLBACK (on_signed_out), signals);
  g_signal_connect (manager, "notify::signed-in", G_CALLBACK (on_notify_signed_in), signals);
}

static void
signals_clear (Signals *signals, PimTokenManager *manager)
{
  g_signal_handlers_disconnect_by_data (manager, signals);
  g_clear_error (&signals->last_failure);
}

/* ---- Helpers ---- */

static gboolean
set_tokens (PimTokenManager *manager, PimTokenResponse *tokens, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_token_manager_set_tokens (manager, tokens, NULL, error);
  pim_token_manager_set_tokens_async (manager, tokens, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_token_manager_set_tokens_finish (manager, result, error);
}

static gboolean
load (PimTokenManager *manager, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_token_manager_load (manager, NULL, error);
  pim_token_manager_load_async (manager, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_token_manager_load_finish (manager, result, error);
}

static gboolean
sign_out (PimTokenManager *manager, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_token_manager_sign_out (manager, NULL, error);
  pim_token_manager_sign_out_async (manager, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_token_manager_sign_out_finish (manager, result, error);
}

static PimTokenManager *
desktop_manager (PimDiscoveryDocument *document, TestCounter *counter)
{
  PimTokenManager *manager = pim_token_manager_new (document, PIM_TEST_CLIENT_DESKTOP_ID);

  pim_token_manager_set_http_client (manager, counter->client);
  return manager;
}

static const char *
access_token_of (PimTokenManager *manager, char **out)
{
  g_autoptr (PimTokenResponse) tokens = pim_token_manager_dup_tokens (manager);

  g_assert_nonnull (tokens);
  g_free (*out);
  *out = g_strdup (pim_token_response_get_access_token (tokens));
  return *out;
}

/* ---- Pure parts ---- */

static void
test_blob (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autofree char *jwk = pim_dpop_key_to_jwk (key);
  g_autoptr (GBytes) plain = pim_token_blob_encode ("rt-1", NULL);
  g_autoptr (GBytes) with_key = pim_token_blob_encode ("rt-2", jwk);
  char                    *refresh_token = NULL;
  char                    *dpop_jwk = NULL;
  static const char *const bad[] = {
    "",
    "[]",
    "{}",
    "{\"version\":1}",
    "{\"version\":2,\"refresh_token\":\"x\"}",
    "{\"version\":\"1\",\"refresh_token\":\"x\"}",
    "{\"version\":1.0,\"refresh_token\":\"x\"}",
    "{\"version\":1,\"refresh_token\":\"\"}",
    "{\"version\":1,\"refresh_token\":7}",
    "{\"version\":1,\"refresh_token\":\"x\",\"dpop_key\":\"k\"}",
    "{\"version\":1,\"refresh_token\":\"x\",\"refresh_token\":\"y\"}",
    "{\"version\":1,\"refresh_token\":\"x\"} x",
    "{\"version\":1,\"refresh_token\":\"x\\u0000\"}",
  };

  g_assert_no_error (error);
  g_assert_cmpstr (g_bytes_get_data (plain, NULL), ==,
                   "{\"version\":1,\"refresh_token\":\"rt-1\"}");
  g_assert_true (pim_token_blob_decode (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain),
                                        &refresh_token, &dpop_jwk, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (refresh_token, ==, "rt-1");
  g_assert_null (dpop_jwk);
  g_free (refresh_token);

  g_assert_true (pim_token_blob_decode (g_bytes_get_data (with_key, NULL),
                                        g_bytes_get_size (with_key), &refresh_token, &dpop_jwk,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpstr (refresh_token, ==, "rt-2");
  g_assert_nonnull (dpop_jwk);
  {
    g_autoptr (PimDPoPKey) back = pim_dpop_key_new_from_jwk (dpop_jwk, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (pim_dpop_key_get_thumbprint (back), ==, pim_dpop_key_get_thumbprint (key));
  }
  g_free (refresh_token);
  g_free (dpop_jwk);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gsize len = strlen (bad[i]);

      g_assert_false (pim_token_blob_decode (bad[i], len, &refresh_token, &dpop_jwk, &error));
      g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_STORE_FAILED);
      g_assert_null (refresh_token);
      g_assert_null (dpop_jwk);
      g_clear_error (&error);
    }
}

static void
test_needs_refresh (void)
{
  /* no expiry known: never */
  g_assert_false (pim_token_needs_refresh (0, 1000, 60));
  /* 100 s left: fine with a margin up to 100 s, stale with 101 or 120 */
  g_assert_false (pim_token_needs_refresh (1100, 1000, 60));
  g_assert_false (pim_token_needs_refresh (1100, 1000, 100));
  g_assert_true (pim_token_needs_refresh (1100, 1000, 101));
  g_assert_true (pim_token_needs_refresh (1100, 1000, 120));
  /* expired, or far in the past */
  g_assert_true (pim_token_needs_refresh (1000, 1000, 0));
  g_assert_false (pim_token_needs_refresh (1001, 1000, 0));
  g_assert_true (pim_token_needs_refresh (1, G_MAXINT64, G_MAXUINT));
  g_assert_false (pim_token_needs_refresh (G_MAXINT64, 0, G_MAXUINT));

  g_assert_false (pim_token_is_expired (0, 1000));
  g_assert_true (pim_token_is_expired (1000, 1000));
  g_assert_false (pim_token_is_expired (1001, 1000));
}

/* No refresh token: SIGNED_OUT at once, without a request. */
static void
test_no_refresh_token (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = test_discover ();
  g_autoptr (TestCounter) counter = test_counter_new ();
  g_autoptr (PimTokenManager) manager = desktop_manager (document, counter);
  g_autofree char *token = NULL;

  g_assert_false (pim_token_manager_get_signed_in (manager));
  g_assert_null (pim_token_manager_dup_tokens (manager));
  g_assert_cmpuint (pim_token_manager_get_margin (manager), ==, 60);
  token = pim_test_get_access_token (manager, mode, &error);
  g_assert_null (token);
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_SIGNED_OUT);
  g_assert_cmpuint (test_counter_get (counter), ==, 0);
  /* no store: load finds nothing */
  g_clear_error (&error);
  g_assert_false (load (manager, mode, &error));
  g_assert_no_error (error);
}

/* ---- Single flight ---- */

#define N_ASYNC   100
#define N_THREADS 8

typedef struct
{
  PimTokenManager *manager;
  char            *token;
  GError          *error;
} ThreadCall;

static gint n_threads_calling; /* atomic */

static gpointer
sync_caller (gpointer data)
{
  ThreadCall *call = data;

  g_atomic_int_inc (&n_threads_calling);
  call->token = pim_token_manager_get_access_token (call->manager, NULL, &call->error);
  return NULL;
}

typedef struct
{
  guint   done;
  char   *tokens[N_ASYNC];
  GError *errors[N_ASYNC];
} AsyncCalls;

typedef struct
{
  AsyncCalls *calls;
  guint       index;
} AsyncCall;

static void
async_caller_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncCall *call = user_data;

  call->calls->tokens[call->index] =
      pim_token_manager_get_access_token_finish (PIM_TOKEN_MANAGER (source), result,
                                                 &call->calls->errors[call->index]);
  call->calls->done++;
  g_free (call);
}

static void
start_async_caller (PimTokenManager *manager, AsyncCalls *calls, guint index)
{
  AsyncCall *call = g_new0 (AsyncCall, 1);

  call->calls = calls;
  call->index = index;
  pim_token_manager_get_access_token_async (manager, NULL, async_caller_done, call);
}

/* The token is stale for every caller (a margin longer than its
 * lifetime): 100 async callers on the main context and 8 threads at once
 * make exactly one token request and all get its access token. The
 * request is held at the gate until every caller is waiting. */
static void
test_single_flight (gconstpointer data)
{
  gboolean leader_sync = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = test_discover ();
  g_autoptr (TestCounter) counter = test_counter_new ();
  g_autoptr (PimTokenManager) manager = desktop_manager (document, counter);
  g_autoptr (PimTokenResponse) tokens = test_sign_in (NULL);
  g_autofree char *new_token = NULL;
  ThreadCall       threads_calls[N_THREADS] = { 0 };
  GThread         *threads[N_THREADS] = { 0 };
  AsyncCalls      *calls = g_new0 (AsyncCalls, 1);
  Signals          signals = { 0 };
  guint            first_async = 0;

  g_assert_true (pim_token_manager_set_tokens (manager, tokens, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pim_token_response_get_expires_in (tokens), <, 7200);
  pim_token_manager_set_margin (manager, 7200);
  test_drain ();
  signals_watch (&signals, manager);
  test_counter_set_gate (counter, TRUE);
  g_atomic_int_set (&n_threads_calling, 0);

  for (guint i = 0; i < N_THREADS; i++)
    threads_calls[i].manager = manager;
  /* The leader first, held at the gate once its request is queued. */
  if (leader_sync)
    threads[0] = g_thread_new ("leader", sync_caller, &threads_calls[0]);
  else
    start_async_caller (manager, calls, first_async++);
  while (test_counter_get (counter) == 0)
    g_usleep (1000);

  /* Then everyone else. */
  for (guint i = leader_sync ? 1 : 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("follower", sync_caller, &threads_calls[i]);
  for (guint i = first_async; i < N_ASYNC; i++)
    start_async_caller (manager, calls, i);
  /* the follower threads reach their wait */
  while (g_atomic_int_get (&n_threads_calling) < N_THREADS)
    g_usleep (1000);
  g_usleep (300 * 1000);
  g_assert_cmpuint (calls->done, ==, 0);

  test_counter_set_gate (counter, FALSE);
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);
  test_wait_count (&calls->done, N_ASYNC);
  test_wait_count (&signals.tokens_changed, 1);

  g_assert_cmpuint (test_counter_get (counter), ==, 1);
  access_token_of (manager, &new_token);
  g_assert_cmpstr (new_token, !=, pim_token_response_get_access_token (tokens));
  for (guint i = 0; i < N_THREADS; i++)
    {
      g_assert_no_error (threads_calls[i].error);
      g_assert_cmpstr (threads_calls[i].token, ==, new_token);
      g_free (threads_calls[i].token);
    }
  for (guint i = 0; i < N_ASYNC; i++)
    {
      g_assert_no_error (calls->errors[i]);
      g_assert_cmpstr (calls->tokens[i], ==, new_token);
      g_free (calls->tokens[i]);
    }
  g_assert_cmpuint (signals.tokens_changed, ==, 1);
  g_assert_cmpuint (signals.refresh_failed, ==, 0);
  /* emitted on the context the manager was made on */
  g_assert_true (signals.emitting_thread == g_thread_self ());
  /* the rotated refresh token replaced the old one */
  {
    g_autoptr (PimTokenResponse) now = pim_token_manager_dup_tokens (manager);

    g_assert_nonnull (pim_token_response_get_refresh_token (now));
    g_assert_cmpstr (pim_token_response_get_refresh_token (now), !=,
                     pim_token_response_get_refresh_token (tokens));
  }
  signals_clear (&signals, manager);
  g_free (calls);
}

/* ---- Cancelled waiters ---- */

typedef struct
{
  PimTokenManager *manager;
  GCancellable    *cancellable;
  char            *token;
  GError          *error;
  guint            calling; /* atomic */
  guint            done;    /* atomic */
} WaiterCall;

static gpointer
waiter_call_thread (gpointer data)
{
  WaiterCall *call = data;

  g_atomic_int_set (&call->calling, 1);
  call->token = pim_token_manager_get_access_token (call->manager, call->cancellable, &call->error);
  g_atomic_int_set (&call->done, 1);
  return NULL;
}

static void
waiter_call_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  WaiterCall *call = user_data;

  call->token =
      pim_token_manager_get_access_token_finish (PIM_TOKEN_MANAGER (source), result, &call->error);
  g_atomic_int_inc (&call->done);
}

static void
waiter_call_start_async (WaiterCall *call)
{
  g_atomic_int_set (&call->calling, 1);
  pim_token_manager_get_access_token_async (call->manager, call->cancellable, waiter_call_done,
                                            call);
}

static gpointer
cancel_thread (gpointer data)
{
  g_cancellable_cancel (data);
  return NULL;
}

static void
assert_cancelled (WaiterCall *call)
{
  g_assert_error (call->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (call->token);
  g_clear_error (&call->error);
}

static void
assert_got (WaiterCall *call, const char *token)
{
  g_assert_cmpuint (g_atomic_int_get (&call->done), ==, 1);
  g_assert_no_error (call->error);
  g_assert_cmpstr (call->token, ==, token);
  g_clear_pointer (&call->token, g_free);
}

/* While the one refresh is held at the gate, the callers waiting for it
 * whose cancellables are cancelled end at once (the gate still closed)
 * with G_IO_ERROR_CANCELLED: async ones cancelled on the main context,
 * from another thread and before the call, sync ones on their threads
 * cancelled from the main thread and before the call. Then the leader and
 * the waiters not cancelled all get the new token of the one request. */
static void
test_single_flight_cancel_waiters (gconstpointer data)
{
  gboolean leader_sync = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = test_discover ();
  g_autoptr (TestCounter) counter = test_counter_new ();
  g_autoptr (PimTokenManager) manager = desktop_manager (document, counter);
  g_autoptr (PimTokenResponse) tokens = test_sign_in (NULL);
  g_autoptr (GCancellable) async_main = g_cancellable_new ();
  g_autoptr (GCancellable) async_other = g_cancellable_new ();
  g_autoptr (GCancellable) async_early = g_cancellable_new ();
  g_autoptr (GCancellable) sync_main = g_cancellable_new ();
  g_autoptr (GCancellable) sync_early = g_cancellable_new ();
  g_autoptr (GCancellable) unused = g_cancellable_new ();
  g_autofree char *new_token = NULL;
  WaiterCall       leader = { manager, NULL };
  WaiterCall       async_cancelled_main = { manager, async_main };
  WaiterCall       async_cancelled_other = { manager, async_other };
  WaiterCall       async_cancelled_early = { manager, async_early };
  WaiterCall       async_waiter = { manager, NULL };
  WaiterCall       async_watching = { manager, unused };
  WaiterCall       sync_cancelled_main = { manager, sync_main };
  WaiterCall       sync_cancelled_early = { manager, sync_early };
  WaiterCall       sync_waiter = { manager, NULL };
  WaiterCall       sync_watching = { manager, unused };
  GThread         *leader_thread = NULL;
  GThread         *threads[4] = { 0 };

  g_assert_true (pim_token_manager_set_tokens (manager, tokens, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pim_token_response_get_expires_in (tokens), <, 7200);
  pim_token_manager_set_margin (manager, 7200);
  test_drain ();
  test_counter_set_gate (counter, TRUE);

  /* The leader, held at the gate. */
  if (leader_sync)
    leader_thread = g_thread_new ("leader", waiter_call_thread, &leader);
  else
    waiter_call_start_async (&leader);
  while (test_counter_get (counter) == 0)
    g_usleep (1000);

  /* The waiters. */
  waiter_call_start_async (&async_cancelled_main);
  waiter_call_start_async (&async_cancelled_other);
  waiter_call_start_async (&async_waiter);
  waiter_call_start_async (&async_watching);
  threads[0] = g_thread_new ("cancelled", waiter_call_thread, &sync_cancelled_main);
  threads[1] = g_thread_new ("waiter", waiter_call_thread, &sync_waiter);
  threads[2] = g_thread_new ("watching", waiter_call_thread, &sync_watching);
  while (!g_atomic_int_get (&sync_cancelled_main.calling) ||
         !g_atomic_int_get (&sync_waiter.calling) || !g_atomic_int_get (&sync_watching.calling))
    g_usleep (1000);
  g_usleep (300 * 1000);
  test_drain ();
  g_assert_cmpuint (g_atomic_int_get (&async_cancelled_main.done), ==, 0);
  g_assert_cmpuint (g_atomic_int_get (&sync_cancelled_main.done), ==, 0);

  /* Each cancellation ends its own call, the gate still closed. */
  g_cancellable_cancel (async_main);
  test_wait_count (&async_cancelled_main.done, 1);
  assert_cancelled (&async_cancelled_main);

  g_thread_join (g_thread_new ("cancel", cancel_thread, async_other));
  test_wait_count (&async_cancelled_other.done, 1);
  assert_cancelled (&async_cancelled_other);

  g_cancellable_cancel (async_early);
  waiter_call_start_async (&async_cancelled_early);
  test_wait_count (&async_cancelled_early.done, 1);
  assert_cancelled (&async_cancelled_early);

  g_cancellable_cancel (sync_main);
  test_wait_count (&sync_cancelled_main.done, 1);
  g_thread_join (threads[0]);
  assert_cancelled (&sync_cancelled_main);

  g_cancellable_cancel (sync_early);
  threads[3] = g_thread_new ("cancelled-early", waiter_call_thread, &sync_cancelled_early);
  test_wait_count (&sync_cancelled_early.done, 1);
  g_thread_join (threads[3]);
  assert_cancelled (&sync_cancelled_early);

  /* The others still wait for the one request. */
  test_drain ();
  g_assert_cmpuint (test_counter_get (counter), ==, 1);
  g_assert_cmpuint (g_atomic_int_get (&leader.done), ==, 0);
  g_assert_cmpuint (g_atomic_int_get (&async_waiter.done), ==, 0);
  g_assert_cmpuint (g_atomic_int_get (&async_watching.done), ==, 0);
  g_assert_cmpuint (g_atomic_int_get (&sync_waiter.done), ==, 0);
  g_assert_cmpuint (g_atomic_int_get (&sync_watching.done), ==, 0);

  test_counter_set_gate (counter, FALSE);
  if (leader_thread != NULL)
    g_thread_join (leader_thread);
  g_thread_join (threads[1]);
  g_thread_join (threads[2]);
  test_wait_count (&leader.done, 1);
  test_wait_count (&async_waiter.done, 1);
  test_wait_count (&async_watching.done, 1);
  test_drain ();

  g_assert_cmpuint (test_counter_get (counter), ==, 1);
  access_token_of (manager, &new_token);
  g_assert_cmpstr (new_token, !=, pim_token_response_get_access_token (tokens));
  assert_got (&leader, new_token);
  assert_got (&async_waiter, new_token);
  assert_got (&async_watching, new_token);
  assert_got (&sync_waiter, new_token);
  assert_got (&sync_watching, new_token);
  /* the cancelled calls completed once only */
  g_assert_cmpuint (async_cancelled_main.done, ==, 1);
  g_assert_cmpuint (async_cancelled_other.done, ==, 1);
  g_assert_cmpuint (async_cancelled_early.done, ==, 1);
}

/* ---- Margins ---- */

static void
test_margin (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = test_discover ();
  g_autoptr (TestCounter) counter = test_counter_new ();
  g_autoptr (PimTokenManager) manager = desktop_manager (document, counter);
  g_autoptr (PimTokenResponse) signed_in = test_sign_in (NULL);
  g_autoptr (PimTokenResponse) tokens = test_tokens_expiring_in (signed_in, 100);
  g_autofree char *token = NULL;
  g_autofree char *again = NULL;

  g_assert_true (set_tokens (manager, tokens, mode, &error));
  g_assert_no_error (error);
  g_assert_true (pim_token_manager_get_signed_in (manager));

  /* 100 s left, a 60 s margin: the token as it is, no request */
  token = pim_test_get_access_token (manager, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, pim_token_response_get_access_token (tokens));
  g_assert_cmpuint (test_counter_get (counter), ==, 0);

  /* a 120 s margin: within it, so one refresh */
  pim_token_manager_set_margin (manager, 120);
  g_free (token);
  token = pim_test_get_access_token (manager, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, !=, pim_token_response_get_access_token (tokens));
  g_assert_cmpuint (test_counter_get (counter), ==, 1);

  /* the new token has the provider's full lifetime: no more requests */
  again = pim_test_get_access_token (manager, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, token);
  g_assert_cmpuint (test_counter_get (counter), ==, 1);
}

/* ---- invalid_grant ---- */

static void
test_invalid_grant (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = test_discover ();
  g_autoptr (TestCounter) counter = test_counter_new ();
  g_autoptr (PimTokenManager) manager = desktop_manager (document, counter);
  g_autoptr (PimTokenStore) store = pim_memory_token_store_new ();
  g_autoptr (PimTokenResponse) tokens = test_sign_in (NULL);
  g_autoptr (PimRevocationRequest) revoke =
      pim_revocation_request_new (pim_discovery_document_get_revocation_endpoint (document),
                                  PIM_TEST_CLIENT_DESKTOP_ID, NULL);
  const char      *refresh_token = pim_token_response_get_refresh_token (tokens);
  g_autofree char *token = NULL;
  Signals          signals = { 0 };

  pim_token_manager_set_store (manager, store);
  g_assert_true (set_tokens (manager, tokens, mode, &error));
  g_assert_no_error (error);
  test_wait_stored (store, PIM_TEST_CLIENT_DESKTOP_ID, refresh_token);
  test_drain ();
  signals_watch (&signals, manager);

  /* The provider forgets the grant. */
  pim_revocation_request_set_token (revoke, refresh_token);
  g_assert_true (pim_revoke_token (revoke, NULL, NULL, &error));
  g_assert_no_error (error);

  pim_token_manager_set_margin (manager, 7200);
  token = pim_test_get_access_token (manager, mode, &error);
  g_assert_null (token);
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_SIGNED_OUT);
  g_assert_null (strstr (error->message, refresh_token));
  g_assert_cmpuint (test_counter_get (counter), ==, 1);
  test_wait_count (&signals.signed_out, 1);
  test_wait_count (&signals.refresh_failed, 1);
  g_assert_error (signals.last_failure, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_SIGNED_OUT);
  g_assert_false (pim_token_manager_get_signed_in (manager));
  g_assert_cmpuint (signals.notify_signed_in, ==, 1);
  g_assert_null (pim_token_manager_dup_tokens (manager));
  test_wait_stored (store, PIM_TEST_CLIENT_DESKTOP_ID, NULL);

  /* Signed out: no more requests, no second signal. */
  g_clear_error (&error);
  token = pim_test_get_access_token (manager, mode, &error);
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_SIGNED_OUT);
  g_assert_cmpuint (test_counter_get (counter), ==, 1);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (signals.signed_out, ==, 1);
  signals_clear (&signals, manager);
}

/* ---- Offline: a network monitor of the test, a switchable forwarder ---- */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject parent_instance;
};

static void test_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor,
                               test_monitor,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_init)
                                   G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                          test_monitor_iface_init))

enum
{
  MONITOR_PROP_0,
  MONITOR_PROP_AVAILABLE,
  MONITOR_PROP_METERED,
  MONITOR_PROP_CONNECTIVITY,
};

static gboolean
test_monitor_initable_init_impl (GInitable *initable, GCancellable *cancellable, GError **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init_impl;
}

static gboolean
test_monitor_can_reach (GNetworkMonitor    *monitor,
                        GSocketConnectable *connectable,
                        GCancellable       *cancellable,
                        GError            **error)
{
  return TRUE;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_monitor_can_reach;
}

static void
test_monitor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case MONITOR_PROP_AVAILABLE:
      g_value_set_boolean (value, TRUE);
      break;
    case MONITOR_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MONITOR_PROP_CONNECTIVITY:
      g_value_set_enum (value, G_NETWORK_CONNECTIVITY_FULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MONITOR_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MONITOR_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
}

/* A TCP forwarder on loopback to the provider, in a thread of its own
 * (the sync tests block the main thread in the request). While off, it
 * accepts and closes every connection at once. */
typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  guint16       port;
  guint16       target_port;
  gint          on; /* atomic */
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
} Forwarder;

static void
splice_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_io_stream_splice_finish (result, NULL);
  g_object_unref (user_data);
}

static gboolean
forwarder_incoming (GSocketService    *service,
                    GSocketConnection *connection,
                    GObject           *source,
                    gpointer           user_data)
{
  Forwarder *forwarder = user_data;
  g_autoptr (GSocketClient) client = NULL;
  g_autoptr (GSocketConnection) upstream = NULL;

  if (!g_atomic_int_get (&forwarder->on))
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }
  client = g_socket_client_new ();
  upstream =
      g_socket_client_connect_to_host (client, "127.0.0.1", forwarder->target_port, NULL, NULL);
  if (upstream == NULL)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }
  g_io_stream_splice_async (G_IO_STREAM (connection), G_IO_STREAM (upstream),
                            G_IO_STREAM_SPLICE_CLOSE_STREAM1 | G_IO_STREAM_SPLICE_CLOSE_STREAM2,
                            G_PRIORITY_DEFAULT, NULL, splice_done, g_object_ref (upstream));
  return TRUE;
}

static gpointer
forwarder_thread (gpointer data)
{
  Forwarder *forwarder = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketService) service = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;

  g_main_context_push_thread_default (forwarder->context);
  service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (forwarder_incoming), forwarder);
  g_socket_service_start (service);

  g_mutex_lock (&forwarder->lock);
  forwarder->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  forwarder->ready = TRUE;
  g_cond_signal (&forwarder->cond);
  g_mutex_unlock (&forwarder->lock);

  g_main_loop_run (forwarder->loop);
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  /* let pending splices finish */
  while (g_main_context_iteration (forwarder->context, FALSE))
    ;
  g_main_context_pop_thread_default (forwarder->context);
  return NULL;
}

static Forwarder *
forwarder_start (guint16 target_port)
{
  Forwarder *forwarder = g_new0 (Forwarder, 1);

  forwarder->target_port = target_port;
  forwarder->on = TRUE;
  forwarder->context = g_main_context_new ();
  forwarder->loop = g_main_loop_new (forwarder->context, FALSE);
  g_mutex_init (&forwarder->lock);
  g_cond_init (&forwarder->cond);
  forwarder->thread = g_thread_new ("forwarder", forwarder_thread, forwarder);
  g_mutex_lock (&forwarder->lock);
  while (!forwarder->ready)
    g_cond_wait (&forwarder->cond, &forwarder->lock);
  g_mutex_unlock (&forwarder->lock);
  return forwarder;
}

static gboolean
forwarder_quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
forwarder_stop (Forwarder *forwarder)
{
  g_main_context_invoke (forwarder->context, forwarder_quit, forwarder->loop);
  g_thread_join (forwarder->thread);
  g_main_loop_unref (forwarder->loop);
  g_main_context_unref (forwarder->context);
  g_mutex_clear (&forwarder->lock);
  g_cond_clear (&forwarder->cond);
  g_free (forwarder);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Forwarder, forwarder_stop)

/* The provider's discovery document with its token endpoint on the
 * forwarder. */
static PimDiscoveryDocument *
document_via (PimDiscoveryDocument *document, guint16 port)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonObject) copy = json_object_new ();
  JsonObject *json = pim_discovery_document_get_json (document);
  g_autoptr (GList) members = json_object_get_members (json);
  g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_autofree char *token_endpoint = g_strconcat (base, "/token", NULL);
  const char      *bases[] = { base, NULL };
  g_autoptr (PimDiscoveryPolicy) policy = pim_discovery_policy_new ();
  g_autofree char      *text = NULL;
  PimDiscoveryDocument *via = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (json, l->data)));
  json_object_set_string_member (copy, "token_endpoint", token_endpoint);
  json_node_set_object (node, copy);
  text = json_to_string (node, FALSE);
  pim_discovery_policy_set_additional_endpoint_base_addresses (policy, bases);
  via = pim_discovery_document_new_from_json (text, test_issuer (), policy, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_discovery_document_get_token_endpoint (via), ==, token_endpoint);
  return via;
}

static void
test_offline (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) provider_document = test_discover ();
  g_autoptr (Forwarder) forwarder =
      forwarder_start (pim_test_provider_get_port (pim_test_provider_get_shared ()));
  g_autoptr (PimDiscoveryDocument) document = document_via (provider_document, forwarder->port);
  g_autoptr (GNetworkMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autoptr (TestCounter) counter = test_counter_new ();
  g_autoptr (PimTokenManager) manager = NULL;
  g_autoptr (PimTokenResponse) signed_in = test_sign_in (NULL);
  g_autoptr (PimTokenResponse) still_valid = test_tokens_expiring_in (signed_in, 30);
  g_autoptr (PimTokenResponse) expired = test_tokens_expiring_in (signed_in, 0);
  g_autofree char *token = NULL;
  g_autofree char *refreshed = NULL;
  Signals          signals = { 0 };

  manager = g_object_new (PIM_TYPE_TOKEN_MANAGER, "discovery-document", document, "client-id",
                          PIM_TEST_CLIENT_DESKTOP_ID, "network-monitor", monitor, "http-client",
                          counter->client, NULL);
  g_assert_false (pim_token_manager_get_signed_in (manager));
  signals_watch (&signals, manager);
  g_atomic_int_set (&forwarder->on, FALSE);

  /* Within the margin but still valid: that token, and "refresh-failed". */
  g_assert_true (set_tokens (manager, still_valid, mode, &error));
  g_assert_no_error (error);
  token = pim_test_get_access_token (manager, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, pim_token_response_get_access_token (still_valid));
  test_wait_count (&signals.refresh_failed, 1);
  g_assert_error (signals.last_failure, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_OFFLINE);
  g_assert_cmpuint (test_counter_get (counter), ==, 1);

  /* Expired: OFFLINE, still signed in (the refresh token is there). */
  g_assert_true (set_tokens (manager, expired, mode, &error));
  g_assert_no_error (error);
  g_clear_pointer (&token, g_free);
  token = pim_test_get_access_token (manager, mode, &error);
  g_assert_null (token);
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_OFFLINE);
  g_clear_error (&error);
  test_wait_count (&signals.refresh_failed, 2);
  g_assert_error (signals.last_failure, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_OFFLINE);
  g_assert_cmpuint (test_counter_get (counter), ==, 2);
  g_assert_true (pim_token_manager_get_signed_in (manager));
  g_assert_cmpuint (signals.signed_out, ==, 0);

  /* A network change to "down" does nothing. */
  g_signal_emit_by_name (monitor, "network-changed", FALSE);
  g_usleep (100 * 1000);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (test_counter_get (counter), ==, 2);

  /* The network is back: the manager refreshes by itself. */
  g_atomic_int_set (&forwarder->on, TRUE);
  test_drain ();
  signals.tokens_changed = 0;
  g_signal_emit_by_name (monitor, "network-changed", TRUE);
  test_wait_count (&signals.tokens_changed, 1);
  g_assert_cmpuint (test_counter_get (counter), ==, 3);
  access_token_of (manager, &refreshed);
  g_assert_cmpstr (refreshed, !=, pim_token_response_get_access_token (signed_in));

  /* ...and the next caller gets that token without a request. */
  token = pim_test_get_access_token (manager, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, refreshed);
  g_assert_cmpuint (test_counter_get (counter), ==, 3);

  /* Once retried, a network change does not refresh again. */
  g_signal_emit_by_name (monitor, "network-changed", TRUE);
  g_usleep (100 * 1000);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (test_counter_get (counter), ==, 3);
  g_assert_cmpuint (signals.refresh_failed, ==, 2);
  signals_clear (&signals, manager);
}

/* ---- DPoP ---- */

static void
test_dpop (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = test_discover ();
  g_autoptr (TestCounter) counter = test_counter_new ();
  g_autoptr (PimTokenManager) manager = desktop_manager (document, counter);
  g_autoptr (PimTokenManager) keyless = desktop_manager (document, counter);
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autoptr (PimTokenResponse) tokens = test_sign_in (key);
  g_autoptr (PimTokenResponse) refreshed = NULL;
  g_autofree char *token = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_token_type (tokens), ==, "DPoP");

  /* Without the key the bound refresh token is refused... */
  g_assert_true (set_tokens (keyless, tokens, mode, &error));
  pim_token_manager_set_margin (keyless, 7200);
  token = pim_test_get_access_token (keyless, mode, &error);
  g_assert_null (token);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (test_counter_get (counter), ==, 1);

  /* ...with it, refreshed with a proof: a new DPoP token. */
  pim_token_manager_set_dpop_key (manager, key);
  g_assert_true (pim_token_manager_get_dpop_key (manager) == key);
  g_assert_true (set_tokens (manager, tokens, mode, &error));
  g_assert_no_error (error);
  pim_token_manager_set_margin (manager, 7200);
  token = pim_test_get_access_token (manager, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (test_counter_get (counter), ==, 2);
  g_assert_cmpstr (token, !=, pim_token_response_get_access_token (tokens));
  refreshed = pim_token_manager_dup_tokens (manager);
  g_assert_cmpstr (pim_token_response_get_token_type (refreshed), ==, "DPoP");
  g_assert_cmpstr (pim_token_response_get_access_token (refreshed), ==, token);
}

/* ---- Client credentials ---- */

static void
test_client_credentials (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = test_discover ();
  g_autoptr (TestCounter) counter = test_counter_new ();
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (pim_discovery_document_get_token_endpoint (
                                                    document),
                                                PIM_TEST_CLIENT_BASIC_ID,
                                                PIM_TEST_CLIENT_BASIC_SECRET);
  g_autoptr (PimTokenManager) manager = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr (PimTokenResponse) tokens = NULL;

  pim_token_request_set_scope (PIM_TOKEN_REQUEST (request), PIM_TEST_SCOPE_API_READ);
  manager = pim_token_manager_new_for_client_credentials (request);
  pim_token_manager_set_http_client (manager, counter->client);
  g_assert_true (pim_token_manager_get_signed_in (manager));
  g_assert_cmpstr (pim_token_manager_get_client_id (manager), ==, PIM_TEST_CLIENT_BASIC_ID);
  g_assert_null (pim_token_manager_get_discovery_document (manager));

  first = pim_test_get_access_token (manager, mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpuint (test_counter_get (counter), ==, 1);
  tokens = pim_token_manager_dup_tokens (manager);
  g_assert_null (pim_token_response_get_refresh_token (tokens));
  g_assert_cmpint (pim_token_response_get_expires_in (tokens), >, 60);

  /* cached */
  second = pim_test_get_access_token (manager, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, first);
  g_assert_cmpuint (test_counter_get (counter), ==, 1);

  /* a margin beyond its lifetime: renewed */
  pim_token_manager_set_margin (manager, (guint) pim_token_response_get_expires_in (tokens) + 60);
  third = pim_test_get_access_token (manager, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (third, !=, first);
  g_assert_cmpuint (test_counter_get (counter), ==, 2);
  g_assert_true (pim_token_manager_get_signed_in (manager));
}

/* ---- Store, load, sign-out ---- */

/* set_tokens saves the refresh token; a new manager loads it (signed in,
 * no access token) and refreshes with it; the rotated refresh token is
 * saved in the background. */
static void
test_load (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = test_discover ();
  g_autoptr (TestCounter) counter = test_counter_new ();
  g_autoptr (PimTokenStore) store = pim_memory_token_store_new ();
  g_autoptr (PimTokenManager) first = desktop_manager (document, counter);
  g_autoptr (PimTokenManager) second = desktop_manager (document, counter);
  g_autoptr (PimTokenManager) other_account = desktop_manager (document, counter);
  g_autoptr (PimTokenResponse) tokens = test_sign_in (NULL);
  g_autoptr (PimTokenResponse) refreshed = NULL;
  g_autofree char *token = NULL;
  Signals          signals = { 0 };

  pim_token_manager_set_store (first, store);
  g_assert_true (set_tokens (first, tokens, mode, &error));
  g_assert_no_error (error);
  test_wait_stored (store, PIM_TEST_CLIENT_DESKTOP_ID,
                    pim_token_response_get_refresh_token (tokens));

  /* another account of the same client: nothing stored */
  pim_token_manager_set_store (other_account, store);
  pim_token_manager_set_account (other_account, "bob");
  g_assert_false (load (other_account, mode, &error));
  g_assert_no_error (error);
  g_assert_false (pim_token_manager_get_signed_in (other_account));

  pim_token_manager_set_store (second, store);
  signals_watch (&signals, second);
  g_assert_false (pim_token_manager_get_signed_in (second));
  g_assert_true (load (second, mode, &error));
  g_assert_no_error (error);
  test_wait_count (&signals.notify_signed_in, 1);
  test_wait_count (&signals.tokens_changed, 1);
  g_assert_true (pim_token_manager_get_signed_in (second));
  g_assert_null (pim_token_manager_dup_tokens (second));

  token = pim_test_get_access_token (second, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (test_counter_get (counter), ==, 1);
  refreshed = pim_token_manager_dup_tokens (second);
  g_assert_cmpstr (token, ==, pim_token_response_get_access_token (refreshed));
  g_assert_cmpstr (pim_token_response_get_refresh_token (refreshed), !=,
                   pim_token_response_get_refresh_token (tokens));
  test_wait_stored (store, PIM_TEST_CLIENT_DESKTOP_ID,
                    pim_token_response_get_refresh_token (refreshed));
  signals_clear (&signals, second);
}

/* sign_out revokes the refresh token at the provider, forgets the tokens,
 * clears the store and emits "signed-out". */
static void
test_sign_out (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = test_discover ();
  g_autoptr (TestCounter) counter = test_counter_new ();
  g_autoptr (PimTokenStore) store = pim_memory_token_store_new ();
  g_autoptr (PimTokenManager) manager = desktop_manager (document, counter);
  g_autoptr (PimTokenManager) copy = desktop_manager (document, counter);
  g_autoptr (PimTokenResponse) tokens = test_sign_in (NULL);
  g_autofree char *token = NULL;
  Signals          signals = { 0 };

  pim_token_manager_set_store (manager, store);
  g_assert_true (set_tokens (manager, tokens, mode, &error));
  g_assert_no_error (error);
  test_drain ();
  signals_watch (&signals, manager);

  g_assert_true (sign_out (manager, mode, &error));
  g_assert_no_error (error);
  test_wait_count (&signals.signed_out, 1);
  g_assert_false (pim_token_manager_get_signed_in (manager));
  g_assert_null (pim_token_manager_dup_tokens (manager));
  test_wait_stored (store, PIM_TEST_CLIENT_DESKTOP_ID, NULL);

  /* the refresh token is dead at the provider too */
  g_assert_true (pim_token_manager_set_tokens (copy, tokens, NULL, &error));
  pim_token_manager_set_margin (copy, 7200);
  token = pim_test_get_access_token (copy, mode, &error);
  g_assert_null (token);
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_SIGNED_OUT);
  signals_clear (&signals, manager);
}

/* A sign-in's result: its document, client id and tokens. */
static void
test_from_sign_in (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = test_discover ();
  g_autoptr (PimTokenResponse) tokens = test_sign_in (NULL);
  g_autoptr (PimSignInResult) result =
      g_object_new (PIM_TYPE_SIGN_IN_RESULT, "token-response", tokens, "discovery-document",
                    document, "client-id", PIM_TEST_CLIENT_DESKTOP_ID, NULL);
  g_autoptr (PimTokenManager) manager = pim_token_manager_new_from_sign_in (result);
  g_autoptr (PimTokenResponse) held = pim_token_manager_dup_tokens (manager);
  g_autofree char *token = NULL;

  g_assert_true (pim_token_manager_get_discovery_document (manager) == document);
  g_assert_cmpstr (pim_token_manager_get_client_id (manager), ==, PIM_TEST_CLIENT_DESKTOP_ID);
  g_assert_true (held == tokens);
  g_assert_true (pim_token_manager_get_signed_in (manager));
  token = pim_token_manager_get_access_token (manager, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, pim_token_response_get_access_token (tokens));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token-manager/blob", test_blob);
  g_test_add_func ("/token-manager/needs-refresh", test_needs_refresh);
  pim_test_add_both ("/token-manager", "no-refresh-token", test_no_refresh_token);
  g_test_add_data_func ("/token-manager/single-flight/leader-sync", GINT_TO_POINTER (TRUE),
                        test_single_flight);
  g_test_add_data_func ("/token-manager/single-flight/leader-async", GINT_TO_POINTER (FALSE),
                        test_single_flight);
  g_test_add_data_func ("/token-manager/single-flight/cancel-waiters/leader-sync",
                        GINT_TO_POINTER (TRUE), test_single_flight_cancel_waiters);
  g_test_add_data_func ("/token-manager/single-flight/cancel-waiters/leader-async",
                        GINT_TO_POINTER (FALSE), test_single_flight_cancel_waiters);
  pim_test_add_both ("/token-manager", "margin", test_margin);
  pim_test_add_both ("/token-manager", "invalid-grant", test_invalid_grant);
  pim_test_add_both ("/token-manager", "offline", test_offline);
  pim_test_add_both ("/token-manager", "dpop", test_dpop);
  pim_test_add_both ("/token-manager", "client-credentials", test_client_credentials);
  pim_test_add_both ("/token-manager", "load", test_load);
  pim_test_add_both ("/token-manager", "sign-out", test_sign_out);
  g_test_add_func ("/token-manager/from-sign-in", test_from_sign_in);

  return g_test_run ();
}
