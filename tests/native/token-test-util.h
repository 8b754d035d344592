/* token-test-util.h: real tokens from the local provider, and an HTTP
 * client that counts (and can hold) the token requests, for the token
 * manager and token store tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <pim/pim.h>

#include "pim-test-login.h"
#include "pim-test-provider.h"

static inline const char *
test_issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

static inline PimDiscoveryDocument *
test_discover (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (test_issuer ());
  PimDiscoveryDocument *document = pim_get_discovery_document (request, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

/* Signs alice in with the public desktop client (PKCE), the code
 * exchanged with a DPoP proof of @key when not NULL. */
static inline PimTokenResponse *
test_sign_in (PimDPoPKey *key)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *verifier = pim_pkce_generate_verifier (64, &error);
  g_autofree char *challenge = pim_pkce_compute_challenge (verifier, &error);
  g_autofree char *url =
      pim_test_login_authorize_url (test_issuer (), "client_id", PIM_TEST_CLIENT_DESKTOP_ID,
                                    "response_type", "code", "redirect_uri", PIM_TEST_REDIRECT_URI,
                                    "scope", "openid", "state", "token-manager", "code_challenge",
                                    challenge, "code_challenge_method", "S256", NULL);
  g_autofree char *code = pim_test_login_get_code (test_issuer (), url, &error);
  g_autofree char *token_uri = g_strconcat (test_issuer (), "/token", NULL);
  g_autoptr (PimAuthorizationCodeTokenRequest) request = NULL;
  PimTokenResponse *tokens = NULL;

  g_assert_no_error (error);
  request = pim_authorization_code_token_request_new (token_uri, PIM_TEST_CLIENT_DESKTOP_ID, code,
                                                      PIM_TEST_REDIRECT_URI, verifier);
  if (key != NULL)
    pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (request), key);
  tokens = pim_request_token (PIM_TOKEN_REQUEST (request), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pim_token_response_get_access_token (tokens));
  g_assert_nonnull (pim_token_response_get_refresh_token (tokens));
  return tokens;
}

/* The same tokens with "expires_in" replaced by @expires_in. */
static inline PimTokenResponse *
test_tokens_expiring_in (PimTokenResponse *tokens, gint64 expires_in)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonObject) copy = json_object_new ();
  JsonObject *json = pim_token_response_get_json (tokens);
  g_autoptr (GList) members = json_object_get_members (json);
  g_autofree char  *text = NULL;
  PimTokenResponse *changed = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (json, l->data)));
  json_object_set_int_member (copy, "expires_in", expires_in);
  json_node_set_object (node, copy);
  text = json_to_string (node, FALSE);
  changed = pim_token_response_new_from_json (text, &error);
  g_assert_no_error (error);
  return changed;
}

/* An HTTP client of its own session, counting the POSTs to the token
 * endpoint ("/token"), which wait while the gate is closed. */
typedef struct
{
  PimHttpClient *client;
  SoupSession   *session;
  gint           n_token_requests; /* atomic */
  GMutex         lock;
  GCond          cond;
  gboolean       gate_closed;
} TestCounter;

static inline void
test_counter_request_queued (SoupSession *session, SoupMessage *msg, gpointer user_data)
{
  TestCounter *counter = user_data;

  if (g_strcmp0 (soup_message_get_method (msg), "POST") != 0 ||
      g_strcmp0 (g_uri_get_path (soup_message_get_uri (msg)), "/token") != 0)
    return;
  g_atomic_int_inc (&counter->n_token_requests);
  g_mutex_lock (&counter->lock);
  while (counter->gate_closed)
    g_cond_wait (&counter->cond, &counter->lock);
  g_mutex_unlock (&counter->lock);
}

static inline TestCounter *
test_counter_new (void)
{
  TestCounter *counter = g_new0 (TestCounter, 1);

  g_mutex_init (&counter->lock);
  g_cond_init (&counter->cond);
  counter->session = soup_session_new ();
  g_signal_connect (counter->session, "request-queued", G_CALLBACK (test_counter_request_queued),
                    counter);
  counter->client = pim_http_client_new_for_session (counter->session);
  return counter;
}

static inline guint
test_counter_get (TestCounter *counter)
{
  return (guint) g_atomic_int_get (&counter->n_token_requests);
}

static inline void
test_counter_set_gate (TestCounter *counter, gboolean closed)
{
  g_mutex_lock (&counter->lock);
  counter->gate_closed = closed;
  g_cond_broadcast (&counter->cond);
  g_mutex_unlock (&counter->lock);
}

static inline void
test_counter_free (TestCounter *counter)
{
  g_signal_handlers_disconnect_by_data (counter->session, counter);
  g_object_unref (counter->client);
  g_object_unref (counter->session);
  g_mutex_clear (&counter->lock);
  g_cond_clear (&counter->cond);
  g_free (counter);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestCounter, test_counter_free)

/* Dispatches what is pending on the main context (the manager's signals
 * from other threads, or from a sync call on a context nobody iterated). */
static inline void
test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Iterates the thread-default main context until *@flag is at least
 * @value, for at most 15 s. */
static inline void
test_wait_count (const guint *flag, guint value)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (g_atomic_int_get ((const gint *) flag) < (gint) value)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Runs the main context until the store's secret for the manager is
 * @expected (NULL: none), for at most 15 s (the manager writes the store
 * in the background after a rotation or a lost grant). */
static inline void
test_wait_stored (PimTokenStore *store, const char *client_id, const char *expected)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) blob =
          pim_token_store_lookup (store, test_issuer (), client_id, NULL, NULL, &error);
      g_autofree char *stored = NULL;

      g_assert_no_error (error);
      if (blob != NULL)
        {
          g_autofree char *text =
              g_strndup (g_bytes_get_data (blob, NULL), g_bytes_get_size (blob));
          g_autoptr (JsonNode) root = json_from_string (text, &error);

          g_assert_no_error (error);
          stored = g_strdup (
              json_object_get_string_member (json_node_get_object (root), "refresh_token"));
        }
      if (g_strcmp0 (stored, expected) == 0)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}
