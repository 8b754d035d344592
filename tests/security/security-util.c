/* security-util.c: the structured log capture and SecServer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "security-util.h"

#include <libsoup/soup.h>
#include <string.h>

/* ---- The structured log ---- */

static GMutex     log_lock;
static GPtrArray *log_records; /* char *, under log_lock */

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  GString *record = g_string_new (NULL);

  for (gsize i = 0; i < n_fields; i++)
    {
      g_string_append_printf (record, "%s=", fields[i].key);
      if (fields[i].length < 0)
        g_string_append (record, fields[i].value);
      else
        g_string_append_len (record, fields[i].value, fields[i].length);
      g_string_append_c (record, '\n');
    }
  g_mutex_lock (&log_lock);
  g_ptr_array_add (log_records, g_string_free (record, FALSE));
  g_mutex_unlock (&log_lock);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (log_level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static GLogFunc previous_handler;

/* Messages logged with g_log() rather than the structured API, which
 * g_test_init() sends to a handler of its own instead of the writer. */
static void
capture_handler (const char    *log_domain,
                 GLogLevelFlags log_level,
                 const char    *message,
                 gpointer       data)
{
  const GLogField fields[] = {
    { "GLIB_DOMAIN", log_domain != NULL ? log_domain : "", -1 },
    { "MESSAGE", message, -1 },
  };

  capture_writer (0, fields, G_N_ELEMENTS (fields), NULL);
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    previous_handler (log_domain, log_level, message, data);
}

void
sec_log_capture_install (void)
{
  log_records = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  previous_handler = g_log_set_default_handler (capture_handler, NULL);
}

void
sec_log_capture_clear (void)
{
  g_mutex_lock (&log_lock);
  g_ptr_array_set_size (log_records, 0);
  g_mutex_unlock (&log_lock);
}

GPtrArray *
sec_log_capture_dup (void)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  g_mutex_lock (&log_lock);
  for (guint i = 0; i < log_records->len; i++)
    g_ptr_array_add (copy, g_strdup (log_records->pdata[i]));
  g_mutex_unlock (&log_lock);
  return copy;
}

guint
sec_log_capture_count (const char *text)
{
  guint n = 0;

  g_mutex_lock (&log_lock);
  for (guint i = 0; i < log_records->len; i++)
    if (strstr (log_records->pdata[i], text) != NULL)
      n++;
  g_mutex_unlock (&log_lock);
  return n;
}

/* ---- SecServer ---- */

#define PIECE_SIZE (16 * 1024)

typedef struct
{
  SecRouteKind kind;
  char        *arg;
  guint        hits;
} Route;

struct _SecServer
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  guint16       port;

  GMutex      lock;
  GCond       cond;
  gboolean    ready;
  GHashTable *routes;     /* path → Route, under lock */
  gsize       bytes_sent; /* of huge bodies, atomic */
};

static void
route_free (gpointer data)
{
  Route *route = data;

  g_free (route->arg);
  g_free (route);
}

static char pad[PIECE_SIZE];

typedef struct
{
  SecServer *server;
  guint64    written;
} Stream;

static void
on_wrote_chunk (SoupServerMessage *msg, gpointer user_data)
{
  Stream          *stream = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  /* One more piece each time one was written, up to the end. */
  g_atomic_pointer_add (&stream->server->bytes_sent, (gssize) PIECE_SIZE);
  stream->written += PIECE_SIZE;
  if (stream->written < SEC_SERVER_HUGE_SIZE)
    soup_message_body_append (body, SOUP_MEMORY_STATIC, pad, sizeof pad);
  else
    soup_message_body_complete (body);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  static const char   first[] = "{\"pad\":\"";
  SecServer          *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody    *body = soup_server_message_get_response_body (msg);
  SecRouteKind        kind;
  g_autofree char    *arg = NULL;
  Route              *route;

  g_mutex_lock (&self->lock);
  route = g_hash_table_lookup (self->routes, path);
  if (route != NULL)
    {
      route->hits++;
      kind = route->kind;
      arg = g_strdup (route->arg);
    }
  g_mutex_unlock (&self->lock);

  if (route == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":\"not_found\"}", 21);
      return;
    }
  switch (kind)
    {
    case SEC_ROUTE_DOCUMENT:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, arg,
                                        strlen (arg));
      break;
    case SEC_ROUTE_REDIRECT:
      /* "307 http://…": the status, then the location. */
      soup_server_message_set_redirect (msg, (guint) g_ascii_strtoull (arg, NULL, 10),
                                        strchr (arg, ' ') + 1);
      break;
    case SEC_ROUTE_HUGE_CHUNKED:
      {
        Stream *stream = g_new0 (Stream, 1);

        stream->server = self;
        g_object_set_data_full (G_OBJECT (msg), "sec-stream", stream, g_free);
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_message_headers_set_content_type (headers, "application/json", NULL);
        soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
        soup_message_body_set_accumulate (body, FALSE);
        soup_message_body_append (body, SOUP_MEMORY_STATIC, first, sizeof first - 1);
        g_signal_connect (msg, "wrote-chunk", G_CALLBACK (on_wrote_chunk), stream);
        break;
      }
    case SEC_ROUTE_HUGE_LENGTH:
      /* The first piece, and then nothing. */
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      soup_message_headers_set_content_length (headers, G_GINT64_CONSTANT (1) << 40);
      soup_message_body_set_accumulate (body, FALSE);
      soup_message_body_append (body, SOUP_MEMORY_STATIC, first, sizeof first - 1);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gpointer
server_thread (gpointer data)
{
  SecServer *self = data;
  g_autoptr (GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  self->port = (guint16) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&self->lock);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* Let the connections' sources finish closing. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

SecServer *
sec_server_new (void)
{
  SecServer *self = g_new0 (SecServer, 1);

  memset (pad, 'x', sizeof pad);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, route_free);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("sec-server", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
sec_server_free (SecServer *self)
{
  if (self == NULL)
    return;
  g_main_context_invoke (self->context, quit_loop, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_hash_table_unref (self->routes);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

char *
sec_server_get_uri (SecServer *self, const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, path);
}

void
sec_server_set_route (SecServer *self, const char *path, SecRouteKind kind, const char *arg)
{
  Route *route = g_new0 (Route, 1);

  route->kind = kind;
  route->arg = g_strdup (arg);
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->routes, g_strdup (path), route);
  g_mutex_unlock (&self->lock);
}

guint64
sec_server_get_bytes_sent (SecServer *self)
{
  return (guint64) g_atomic_pointer_get (&self->bytes_sent);
}

guint
sec_server_get_hits (SecServer *self, const char *path)
{
  Route *route;
  guint  hits = 0;

  g_mutex_lock (&self->lock);
  route = g_hash_table_lookup (self->routes, path);
  if (route != NULL)
    hits = route->hits;
  g_mutex_unlock (&self->lock);
  return hits;
}

/* ---- Sync or async calls, for pim_test_add_both () cases ---- */

PimIntrospectionResponse *
sec_introspect (PimIntrospectionRequest *request, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_introspect_token (request, NULL, NULL, error);
  pim_introspect_token_async (request, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_introspect_token_finish (result, error);
}

gboolean
sec_revoke (PimRevocationRequest *request, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_revoke_token (request, NULL, NULL, error);
  pim_revoke_token_async (request, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_revoke_token_finish (result, error);
}

PimUserInfoResponse *
sec_userinfo (PimUserInfoRequest *request, PimTestMode mode, GError **error)
{
  return pim_test_get_userinfo (request, NULL, mode, error);
}
