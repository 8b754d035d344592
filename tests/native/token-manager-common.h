/* token-manager-common.h: what the token manager tests share: the
 * signals a manager emitted, and setting tokens, loading and getting the
 * access token in either mode
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Header-only, like token-test-util.h, for token-manager-refresh-test.c,
 * token-manager-offline-test.c and token-manager-store-test.c.
 */

#pragma once

#include <pim/pim.h>

#include "pim-test-async.h"
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

static inline void
on_tokens_changed (PimTokenManager *manager, Signals *signals)
{
  signals->emitting_thread = g_thread_self ();
  g_atomic_int_inc (&signals->tokens_changed);
}

static inline void
on_refresh_failed (PimTokenManager *manager, GError *error, Signals *signals)
{
  g_clear_error (&signals->last_failure);
  signals->last_failure = g_error_copy (error);
  signals->emitting_thread = g_thread_self ();
  g_atomic_int_inc (&signals->refresh_failed);
}

static inline void
on_signed_out (PimTokenManager *manager, Signals *signals)
{
  signals->emitting_thread = g_thread_self ();
  g_atomic_int_inc (&signals->signed_out);
}

static inline void
on_notify_signed_in (PimTokenManager *manager, GParamSpec *pspec, Signals *signals)
{
  g_atomic_int_inc (&signals->notify_signed_in);
}

static inline void
signals_watch (Signals *signals, PimTokenManager *manager)
{
  g_signal_connect (manager, "tokens-changed", G_CALLBACK (on_tokens_changed), signals);
  g_signal_connect (manager, "refresh-failed", G_CALLBACK (on_refresh_failed), signals);
  g_signal_connect (manager, "signed-out", G_CALLBACK (on_signed_out), signals);
  g_signal_connect (manager, "notify::signed-in", G_CALLBACK (on_notify_signed_in), signals);
}

static inline void
signals_clear (Signals *signals, PimTokenManager *manager)
{
  g_signal_handlers_disconnect_by_data (manager, signals);
  g_clear_error (&signals->last_failure);
}

/* ---- Helpers ---- */

static inline gboolean
set_tokens (PimTokenManager *manager, PimTokenResponse *tokens, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_token_manager_set_tokens (manager, tokens, NULL, error);
  pim_token_manager_set_tokens_async (manager, tokens, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_token_manager_set_tokens_finish (manager, result, error);
}

static inline gboolean
load (PimTokenManager *manager, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_token_manager_load (manager, NULL, error);
  pim_token_manager_load_async (manager, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_token_manager_load_finish (manager, result, error);
}

static inline PimTokenManager *
desktop_manager (PimDiscoveryDocument *document, TestCounter *counter)
{
  PimTokenManager *manager = pim_token_manager_new (document, PIM_TEST_CLIENT_DESKTOP_ID);

  pim_token_manager_set_http_client (manager, counter->client);
  return manager;
}

static inline const char *
access_token_of (PimTokenManager *manager, char **out)
{
  g_autoptr (PimTokenResponse) tokens = pim_token_manager_dup_tokens (manager);

  g_assert_nonnull (tokens);
  g_free (*out);
  *out = g_strdup (pim_token_response_get_access_token (tokens));
  return *out;
}
