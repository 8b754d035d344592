/* token-manager-refresh-test.c: when and how PimTokenManager refreshes,
 * against the real local provider: one refresh for 100 async callers and
 * 8 threads, cancelled waiters, expiry margins, DPoP-bound refresh
 * tokens, client credentials, no refresh token, a manager from a
 * sign-in's result; and the pure margin decision
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The offline retry is in token-manager-offline-test.c, the store, load
 * and sign-out in token-manager-store-test.c; what they share in
 * token-manager-common.h.
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-test-async.h"
#include "pim-token-manager-private.h"
#include "token-manager-common.h"
#include "token-test-util.h"

/* ---- Pure parts ---- */

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

/* Gives @manager @tokens (signed in, the signals of that dispatched)
 * with a margin longer than their lifetime: stale for every caller. */
static void
set_stale_tokens (PimTokenManager *manager, PimTokenResponse *tokens)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (pim_token_manager_set_tokens (manager, tokens, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pim_token_response_get_expires_in (tokens), <, 7200);
  pim_token_manager_set_margin (manager, 7200);
  test_drain ();
}

/* The token is stale for every caller (a margin longer than its
 * lifetime): 100 async callers on the main context and 8 threads at once
 * make exactly one token request and all get its access token. The
 * request is held at the gate until every caller is waiting. */
static void
test_single_flight (gconstpointer data)
{
  gboolean leader_sync = GPOINTER_TO_INT (data);
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

  set_stale_tokens (manager, tokens);
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

  set_stale_tokens (manager, tokens);
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

/* ---- From a sign-in ---- */

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
  pim_test_add_both ("/token-manager", "dpop", test_dpop);
  pim_test_add_both ("/token-manager", "client-credentials", test_client_credentials);
  g_test_add_func ("/token-manager/from-sign-in", test_from_sign_in);

  return g_test_run ();
}
