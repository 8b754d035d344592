/* pim-test-server.c: in-process fault-injecting HTTP(S) server for tests:
 * the server object
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The server object: the documents, routes and delays the tests set, the
 * server thread and the public API. See pim-test-server.h for the routes.
 * Everything runs in the server thread, except the public entry points,
 * the hit counters (protected by hits_lock) and the start-up handshake
 * (lock/cond).
 */

#include "pim-test-server-private.h"

#include <string.h>

#define DRAIN_TIMEOUT_US (2 * G_USEC_PER_SEC)

typedef struct
{
  char   *content_type;
  GBytes *body;
  guint   status;
} Document;

static void
document_free (gpointer data)
{
  Document *document = data;

  g_free (document->content_type);
  g_bytes_unref (document->body);
  g_free (document);
}

static void
queue_free (gpointer data)
{
  g_queue_free_full (data, document_free);
}

/* Serves the next document queued with pim_test_server_queue_document(),
 * else one set with pim_test_server_set_document(), if any, unless a route
 * set with pim_test_server_set_route() stands at @path: then returns FALSE
 * with *@out_alias set to it. */
G_GNUC_INTERNAL
gboolean
pim_test_server_serve_document (PimTestServer     *self,
                                SoupServerMessage *msg,
                                const char        *path,
                                char             **out_alias)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->hits_lock);
  Document     *document = g_hash_table_lookup (self->documents, path);
  GQueue       *queue = g_hash_table_lookup (self->queues, path);
  Document     *once = queue != NULL ? g_queue_pop_head (queue) : NULL;
  const char   *alias = g_hash_table_lookup (self->aliases, path);
  guint         delay_ms = GPOINTER_TO_UINT (g_hash_table_lookup (self->delays, path));
  gsize         len = 0;
  const char   *data;

  *out_alias = NULL;
  if (once != NULL)
    document = once;
  else if (alias != NULL)
    {
      *out_alias = g_strdup (alias);
      return FALSE;
    }
  if (document == NULL)
    return FALSE;
  data = g_bytes_get_data (document->body, &len);
  soup_server_message_set_status (msg, document->status, NULL);
  soup_server_message_set_response (msg, document->content_type, SOUP_MEMORY_COPY, data, len);
  if (once != NULL)
    document_free (once);
  if (delay_ms > 0)
    {
      soup_server_message_pause (msg);
      pim_test_server_delayed_op_new (self, msg, OP_UNPAUSE, delay_ms);
    }
  return TRUE;
}

G_GNUC_INTERNAL
void
pim_test_server_record_peer_certificate (PimTestServer *self, SoupServerMessage *msg)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->hits_lock);

  g_set_object (&self->peer_certificate, soup_server_message_get_tls_peer_certificate (msg));
}

/* ------------------------------------------------------------------------ */
/* Server thread                                                             */

/* Client sockets are tracked so that stopping can shut them down first:
 * SoupServer closes TLS connections synchronously, and the close_notify
 * write would block for good on a connection whose peer stopped reading. */
static void
server_request_started (SoupServer *server, SoupServerMessage *msg, gpointer user_data)
{
  PimTestServer *self = user_data;
  GSocket       *socket = soup_server_message_get_socket (msg);
  GHashTableIter iter;
  gpointer       item;

  (void) server;

  if (socket == NULL || g_hash_table_contains (self->sockets, socket))
    return;

  g_hash_table_iter_init (&iter, self->sockets);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      if (g_socket_is_closed (item))
        g_hash_table_iter_remove (&iter);
    }

  g_hash_table_add (self->sockets, g_object_ref (socket));
}

/* Mutual TLS: libsoup 3.2 refuses every client certificate unless the
 * first message of the connection accepts it; accept what the client trust
 * validates. */
static gboolean
mtls_accept_certificate (SoupServerMessage   *msg,
                         GTlsCertificate     *certificate,
                         GTlsCertificateFlags errors,
                         gpointer             user_data)
{
  return errors == 0;
}

static void
mtls_request_started (SoupServer *server, SoupServerMessage *msg, gpointer user_data)
{
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (mtls_accept_certificate), NULL);
}

static gboolean
server_start (PimTestServer *self, GError **error)
{
  g_autoptr (GInetAddress) loopback = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  SoupServerListenOptions options = 0;
  GSList                 *uris;

  self->server = soup_server_new ("server-header", "pim-test-server ", NULL);

  if (self->flags & PIM_TEST_SERVER_TLS)
    {
      g_autoptr (GTlsCertificate) cert = NULL;

      cert = g_tls_certificate_new_from_files (self->cert_file, self->key_file, error);
      if (cert == NULL)
        return FALSE;

      soup_server_set_tls_certificate (self->server, cert);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }

  if ((self->flags & PIM_TEST_SERVER_TLS_CLIENT_AUTH) == PIM_TEST_SERVER_TLS_CLIENT_AUTH)
    {
      g_autofree char *trust =
          g_build_filename (pim_test_server_get_certs_dir (), "client-trust.pem", NULL);
      g_autoptr (GTlsDatabase) database = g_tls_file_database_new (trust, error);

      if (database == NULL)
        return FALSE;
      soup_server_set_tls_database (self->server, database);
      soup_server_set_tls_auth_mode (self->server, G_TLS_AUTHENTICATION_REQUIRED);
      g_signal_connect (self->server, "request-started", G_CALLBACK (mtls_request_started), self);
    }

  soup_server_add_handler (self->server, NULL, pim_test_server_callback, self, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (server_request_started), self);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, self->requested_port);
  if (!soup_server_listen (self->server, address, options, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  if (uris == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SoupServer is not listening");
      return FALSE;
    }
  self->port = (guint16) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return TRUE;
}

static gboolean
drain_tick (gpointer user_data)
{
  (void) user_data;
  return G_SOURCE_CONTINUE;
}

static void
server_stop (PimTestServer *self)
{
  GHashTableIter iter;
  gpointer       item;
  gint64         deadline;
  GSource       *tick;

  /* Pending delayed work holds references on paused messages. */
  while (g_hash_table_size (self->ops) > 0)
    {
      g_hash_table_iter_init (&iter, self->ops);
      g_hash_table_iter_next (&iter, &item, NULL);
      pim_test_server_delayed_op_free (item);
    }

  g_hash_table_iter_init (&iter, self->raw_writes);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    g_cancellable_cancel (((RawWrite *) item)->cancellable);

  /* Nothing may block on a peer from here on (see server_request_started). */
  g_hash_table_iter_init (&iter, self->sockets);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      if (!g_socket_is_closed (item))
        g_socket_shutdown (item, TRUE, TRUE, NULL);
    }

  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }

  /* Let cancelled and closing I/O report back, without risking a hang. */
  deadline = g_get_monotonic_time () + DRAIN_TIMEOUT_US;
  tick = g_timeout_source_new (10);
  g_source_set_callback (tick, drain_tick, NULL, NULL);
  g_source_attach (tick, self->context);
  while (g_hash_table_size (self->raw_writes) > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (self->context, TRUE);
  g_source_destroy (tick);
  g_source_unref (tick);

  while (g_main_context_pending (self->context) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (self->context, FALSE);

  g_hash_table_remove_all (self->sockets);
}

static gpointer
pim_test_server_thread (gpointer user_data)
{
  PimTestServer *self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (self->context);

  ok = server_start (self, &error);

  g_mutex_lock (&self->lock);
  self->started = TRUE;
  if (!ok)
    self->start_error = g_steal_pointer (&error);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  if (ok)
    g_main_loop_run (self->loop);

  server_stop (self);

  g_main_context_pop_thread_default (self->context);

  return NULL;
}

static gboolean
quit_loop (gpointer user_data)
{
  PimTestServer *self = user_data;

  g_main_loop_quit (self->loop);

  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */

PimTestServer *
pim_test_server_new (PimTestServerFlags flags)
{
  return pim_test_server_new_on_port (flags, 0);
}

PimTestServer *
pim_test_server_new_on_port (PimTestServerFlags flags, guint16 port)
{
  PimTestServer *self = g_new0 (PimTestServer, 1);
  const char    *dir;

  self->flags = flags;
  self->requested_port = port;
  dir = pim_test_server_get_certs_dir ();
  self->cert_file = g_build_filename (dir, "server.pem", NULL);
  self->key_file = g_build_filename (dir, "server-key.pem", NULL);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_mutex_init (&self->hits_lock);
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, document_free);
  self->queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, queue_free);
  self->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->delays = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->ops = g_hash_table_new (NULL, NULL);
  self->raw_writes = g_hash_table_new (NULL, NULL);
  self->sockets = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("pim-test-server", pim_test_server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->started)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->start_error != NULL)
    g_error ("pim-test-server: cannot start %s server: %s",
             (flags & PIM_TEST_SERVER_TLS) ? "TLS" : "plain", self->start_error->message);

  return self;
}

void
pim_test_server_free (PimTestServer *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL)
    {
      GSource *source = g_idle_source_new ();

      /* A source rather than g_main_loop_quit(): the loop may not be
       * running yet, and a quit before run would be lost. */
      g_source_set_callback (source, quit_loop, self, NULL);
      g_source_set_static_name (source, "[pim-test-server] quit");
      g_source_attach (source, self->context);
      g_source_unref (source);

      g_thread_join (g_steal_pointer (&self->thread));
    }

  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->ops, g_hash_table_unref);
  g_clear_pointer (&self->raw_writes, g_hash_table_unref);
  g_clear_pointer (&self->sockets, g_hash_table_unref);
  g_clear_pointer (&self->hits, g_hash_table_unref);
  g_clear_error (&self->start_error);
  g_hash_table_unref (self->documents);
  g_hash_table_unref (self->queues);
  g_hash_table_unref (self->aliases);
  g_hash_table_unref (self->delays);
  g_mutex_clear (&self->hits_lock);
  g_cond_clear (&self->cond);
  g_mutex_clear (&self->lock);
  g_free (self->cert_file);
  g_free (self->key_file);
  g_clear_object (&self->peer_certificate);
  g_free (self);
}

GTlsCertificate *
pim_test_server_dup_peer_certificate (PimTestServer *self)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  locker = g_mutex_locker_new (&self->hits_lock);
  return self->peer_certificate != NULL ? g_object_ref (self->peer_certificate) : NULL;
}

char *
pim_test_server_get_uri (PimTestServer *self, const char *path_and_query)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (path_and_query == NULL)
    path_and_query = "";

  return g_strdup_printf ("%s://127.0.0.1:%u%s%s",
                          (self->flags & PIM_TEST_SERVER_TLS) ? "https" : "http",
                          (guint) self->port,
                          (*path_and_query != '\0' && *path_and_query != '/') ? "/" : "",
                          path_and_query);
}

guint16
pim_test_server_get_port (PimTestServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->port;
}

guint
pim_test_server_get_hits (PimTestServer *self, const char *key)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (key != NULL, 0);

  locker = g_mutex_locker_new (&self->hits_lock);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, key));
}

void
pim_test_server_reset_hits (PimTestServer *self)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_if_fail (self != NULL);

  locker = g_mutex_locker_new (&self->hits_lock);
  g_hash_table_remove_all (self->hits);
}

void
pim_test_server_set_document (PimTestServer *self,
                              const char    *path,
                              guint          status,
                              const char    *content_type,
                              const char    *body)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->hits_lock);
  Document     *document = g_new0 (Document, 1);

  document->status = status;
  document->content_type = g_strdup (content_type);
  document->body = g_bytes_new (body, strlen (body));
  g_hash_table_replace (self->documents, g_strdup (path), document);
}

void
pim_test_server_queue_document (PimTestServer *self,
                                const char    *path,
                                guint          status,
                                const char    *content_type,
                                const char    *body)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->hits_lock);
  Document     *document = g_new0 (Document, 1);
  GQueue       *queue = g_hash_table_lookup (self->queues, path);

  document->status = status;
  document->content_type = g_strdup (content_type);
  document->body = g_bytes_new (body, strlen (body));
  if (queue == NULL)
    {
      queue = g_queue_new ();
      g_hash_table_insert (self->queues, g_strdup (path), queue);
    }
  g_queue_push_tail (queue, document);
}

void
pim_test_server_set_route (PimTestServer *self, const char *path, const char *target)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->hits_lock);

  if (target == NULL)
    g_hash_table_remove (self->aliases, path);
  else
    g_hash_table_replace (self->aliases, g_strdup (path), g_strdup (target));
}

void
pim_test_server_set_delay (PimTestServer *self, const char *path, guint delay_ms)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->hits_lock);

  if (delay_ms == 0)
    g_hash_table_remove (self->delays, path);
  else
    g_hash_table_replace (self->delays, g_strdup (path), GUINT_TO_POINTER (delay_ms));
}
