/* token-manager-offline-test.c: PimTokenManager offline, against the
 * real local provider behind a forwarder the test switches off: the
 * still-valid token and OFFLINE, then the retry on network-changed (a
 * GNetworkMonitor of the test)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-test-async.h"
#include "token-manager-common.h"
#include "token-test-util.h"

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  pim_test_add_both ("/token-manager", "offline", test_offline);

  return g_test_run ();
}
