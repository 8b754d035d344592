/* token-manager-store-test.c: PimTokenManager and its store, against
 * the real local provider: the stored blob (pure), invalid_grant sign-out
 * clearing the store, load, and sign-out revoking at the provider
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-test-async.h"
#include "pim-token-manager-private.h"
#include "token-manager-common.h"
#include "token-test-util.h"

/* ---- Helpers ---- */

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/token-manager/blob", test_blob);
  pim_test_add_both ("/token-manager", "invalid-grant", test_invalid_grant);
  pim_test_add_both ("/token-manager", "load", test_load);
  pim_test_add_both ("/token-manager", "sign-out", test_sign_out);

  return g_test_run ();
}
