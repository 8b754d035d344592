/* pim-test-server.c: in-process fault-injecting HTTP(S) server for tests
 *
 * See pim-test-server.h for the routes. Everything below runs in the server
 * thread, except the public entry points, the hit counters (protected by
 * hits_lock) and the start-up handshake (lock/cond).
 */

#include "pim-test-server.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#define PIECE_SIZE       (16 * 1024)
#define JSON_TYPE        "application/json"
#define OK_BODY          "{\"ok\":true}"
#define PAD_PREFIX       "{\"pad\":\""
#define PAD_SUFFIX       "\"}"
#define PAD_MIN_SIZE     (sizeof PAD_PREFIX - 1 + sizeof PAD_SUFFIX - 1)
#define DRAIN_TIMEOUT_US (2 * G_USEC_PER_SEC)

struct _PimTestServer
{
  PimTestServerFlags flags;
  char              *cert_file;
  char              *key_file;

  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;

  /* Start-up handshake */
  GMutex   lock;
  GCond    cond;
  gboolean started;
  GError  *start_error;
  guint16  requested_port; /* 0: ephemeral */
  guint16  port;

  /* Hit counters: owned key -> GUINT_TO_POINTER (count) */
  GMutex      hits_lock;
  GHashTable *hits;
  GHashTable *documents; /* path → Document, under hits_lock */
  GHashTable *queues;    /* path → GQueue of one-time Document, under hits_lock */
  GHashTable *aliases;   /* path → route and query, under hits_lock */
  GHashTable *delays;    /* path → GUINT_TO_POINTER (ms), under hits_lock */

  /* Of the latest request, under hits_lock */
  GTlsCertificate *peer_certificate;

  /* Server thread only */
  SoupServer *server;
  GHashTable *ops;        /* set of DelayedOp */
  GHashTable *raw_writes; /* set of RawWrite */
  GHashTable *sockets;    /* set of owned client GSocket */
};

typedef enum
{
  OP_SLOW_HEADERS,
  OP_SLOW_BODY,
  OP_RAW_RESPONSE,
  OP_UNPAUSE, /* a delayed document: the response is set, send it */
} DelayedOpKind;

/* Work to be done on a message later, from a source on the server context.
 * Holds a reference to the message; freed when the work is done, when the
 * message finishes or its connection goes away, or when the server stops. */
typedef struct
{
  PimTestServer     *server;
  SoupServerMessage *msg;
  DelayedOpKind      kind;
  GSource           *source;
  gulong             finished_id;
  gulong             disconnected_id;

  guint   next_chunk; /* OP_SLOW_BODY */
  guint   n_chunks;
  GBytes *raw; /* OP_RAW_RESPONSE */
} DelayedOp;

/* A raw response written to a connection stolen from the SoupServer. */
typedef struct
{
  PimTestServer *server;
  GIOStream     *stream;
  GBytes        *data;
  GCancellable  *cancellable;
} RawWrite;

/* State of a streamed /huge response, attached to the message. */
typedef struct
{
  guint64 size;
  guint64 offset;
} HugeState;

/* ------------------------------------------------------------------------ */
/* Certificates                                                              */

const char *
pim_test_server_get_certs_dir (void)
{
  static char *dir = NULL;

  if (g_once_init_enter (&dir))
    {
      const char *env = g_getenv ("PIM_TEST_CERTS_DIR");
      char       *found;

      if (env != NULL && *env != '\0')
        found = g_canonicalize_filename (env, NULL);
      else
        {
#ifdef PIM_TEST_CERTS_DIR
          found = g_canonicalize_filename (PIM_TEST_CERTS_DIR, NULL);
#else
          g_autofree char *built = g_build_filename (g_test_get_dir (G_TEST_BUILT), "tls", NULL);
          found = g_canonicalize_filename (built, NULL);
#endif
        }

      g_once_init_leave (&dir, found);
    }

  return dir;
}

static const char *
cert_path (const char *basename, char **slot)
{
  if (g_once_init_enter (slot))
    {
      char *path = g_build_filename (pim_test_server_get_certs_dir (), basename, NULL);

      g_once_init_leave (slot, path);
    }

  return *slot;
}

const char *
pim_test_server_get_ca_file (void)
{
  static char *path = NULL;

  return cert_path ("ca.pem", &path);
}

const char *
pim_test_server_get_other_ca_file (void)
{
  static char *path = NULL;

  return cert_path ("other-ca.pem", &path);
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

static guint
count_hit (PimTestServer *self, const char *key)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->hits_lock);
  guint         n;

  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, key)) + 1;
  g_hash_table_replace (self->hits, g_strdup (key), GUINT_TO_POINTER (n));

  return n;
}

static void
respond (SoupServerMessage *msg, guint status, const char *content_type, const char *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body,
                                    body ? strlen (body) : 0);
}

/* Takes the builder's document as the response body. */
static void
respond_builder (SoupServerMessage *msg, guint status, JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  char *body = json_to_string (root, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, JSON_TYPE, SOUP_MEMORY_TAKE, body, strlen (body));
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *error,
               const char        *member,
               const char        *value)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error);
  if (member != NULL)
    {
      json_builder_set_member_name (builder, member);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);

  respond_builder (msg, status, builder);
}

static void
respond_bad_parameter (SoupServerMessage *msg, const char *name)
{
  respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_parameter", "parameter", name);
}

static const char *
query_get (GHashTable *query, const char *name)
{
  return query != NULL ? g_hash_table_lookup (query, name) : NULL;
}

/* Reads an optional unsigned decimal parameter; answers 400 and returns
 * FALSE if it is present but not a number in [min, max]. */
static gboolean
query_get_uint (SoupServerMessage *msg,
                GHashTable        *query,
                const char        *name,
                guint64            fallback,
                guint64            min,
                guint64            max,
                guint64           *out)
{
  const char *value = query_get (query, name);

  if (value == NULL || *value == '\0')
    {
      *out = fallback;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (value, 10, min, max, out, NULL))
    {
      respond_bad_parameter (msg, name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_header_name (const char *name)
{
  static const char separators[] = "()<>@,;:\\\"/[]?={} \t";

  if (name == NULL || *name == '\0')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p <= 0x20 || *p >= 0x7f || strchr (separators, *p) != NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_header_value (const char *value)
{
  return value != NULL && strpbrk (value, "\r\n") == NULL;
}

/* Fills buf with bytes [offset, offset + len) of the document
 * {"pad":"xxx…"} that is exactly size bytes long. */
static void
fill_pad (char *buf, guint64 offset, gsize len, guint64 size)
{
  const guint64 prefix_len = sizeof PAD_PREFIX - 1;
  const guint64 suffix_start = size - (sizeof PAD_SUFFIX - 1);
  guint64       end = offset + len;

  memset (buf, 'x', len);

  for (guint64 pos = offset; pos < MIN (prefix_len, end); pos++)
    buf[pos - offset] = PAD_PREFIX[pos];

  for (guint64 pos = MAX (offset, suffix_start); pos < end; pos++)
    buf[pos - offset] = PAD_SUFFIX[pos - suffix_start];
}

static GBytes *
huge_next_piece (HugeState *state)
{
  gsize len = (gsize) MIN ((guint64) PIECE_SIZE, state->size - state->offset);
  char *buf = g_malloc (len);

  fill_pad (buf, state->offset, len, state->size);
  state->offset += len;

  return g_bytes_new_take (buf, len);
}

/* ------------------------------------------------------------------------ */
/* Delayed operations                                                        */

static void
delayed_op_free (DelayedOp *op)
{
  if (!g_hash_table_remove (op->server->ops, op))
    return;

  g_clear_signal_handler (&op->finished_id, op->msg);
  g_clear_signal_handler (&op->disconnected_id, op->msg);
  if (op->source != NULL)
    {
      g_source_destroy (op->source);
      g_clear_pointer (&op->source, g_source_unref);
    }
  g_clear_pointer (&op->raw, g_bytes_unref);
  g_clear_object (&op->msg);
  g_free (op);
}

static void
delayed_op_msg_gone (SoupServerMessage *msg, gpointer user_data)
{
  (void) msg;
  delayed_op_free (user_data);
}

static gboolean delayed_op_run (gpointer user_data);

static DelayedOp *
delayed_op_new (PimTestServer *self, SoupServerMessage *msg, DelayedOpKind kind, guint delay_ms)
{
  DelayedOp *op = g_new0 (DelayedOp, 1);

  op->server = self;
  op->msg = g_object_ref (msg);
  op->kind = kind;
  op->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (delayed_op_msg_gone), op);
  op->disconnected_id =
      g_signal_connect (msg, "disconnected", G_CALLBACK (delayed_op_msg_gone), op);
  op->source = g_timeout_source_new (delay_ms);
  g_source_set_callback (op->source, delayed_op_run, op, NULL);
  g_source_set_static_name (op->source, "[pim-test-server] delayed op");
  g_hash_table_add (self->ops, op);
  g_source_attach (op->source, self->context);

  return op;
}

static void
raw_write_free (RawWrite *raw)
{
  g_hash_table_remove (raw->server->raw_writes, raw);
  g_clear_object (&raw->stream);
  g_clear_object (&raw->cancellable);
  g_clear_pointer (&raw->data, g_bytes_unref);
  g_free (raw);
}

static void
raw_write_closed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  raw_write_free (user_data);
}

static void
raw_write_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RawWrite *raw = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
  g_io_stream_close_async (raw->stream, G_PRIORITY_DEFAULT, NULL, raw_write_closed, raw);
}

/* Steals msg's connection and writes data on it as is, then closes it. */
static void
raw_write_start (PimTestServer *self, SoupServerMessage *msg, GBytes *data)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);
  RawWrite  *raw;

  if (stream == NULL)
    return;

  raw = g_new0 (RawWrite, 1);
  raw->server = self;
  raw->stream = stream;
  raw->data = g_bytes_ref (data);
  raw->cancellable = g_cancellable_new ();
  g_hash_table_add (self->raw_writes, raw);

  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                   G_PRIORITY_DEFAULT, raw->cancellable, raw_write_written, raw);
}

static void
slow_body_append (SoupServerMessage *msg, guint index, guint n_chunks)
{
  char *piece = g_strdup_printf ("%s%u%s", index == 0 ? "{\"chunks\":[" : ",", index,
                                 index + 1 == n_chunks ? "]}" : "");
  gsize len = strlen (piece);

  soup_message_body_append_take (soup_server_message_get_response_body (msg), (guchar *) piece,
                                 len);
}

static gboolean
delayed_op_run (gpointer user_data)
{
  DelayedOp *op = user_data;
  g_autoptr (SoupServerMessage) msg = g_object_ref (op->msg);

  switch (op->kind)
    {
    case OP_SLOW_HEADERS:
      respond (msg, SOUP_STATUS_OK, JSON_TYPE, OK_BODY);
      soup_server_message_unpause (msg);
      delayed_op_free (op);
      return G_SOURCE_REMOVE;

    case OP_SLOW_BODY:
      slow_body_append (msg, op->next_chunk, op->n_chunks);
      op->next_chunk++;
      if (op->next_chunk == op->n_chunks)
        {
          soup_message_body_complete (soup_server_message_get_response_body (msg));
          soup_server_message_unpause (msg);
          delayed_op_free (op);
          return G_SOURCE_REMOVE;
        }
      soup_server_message_unpause (msg);
      return G_SOURCE_CONTINUE;

    case OP_UNPAUSE:
      soup_server_message_unpause (msg);
      delayed_op_free (op);
      return G_SOURCE_REMOVE;

    case OP_RAW_RESPONSE:
      {
        g_autoptr (GBytes) raw = g_bytes_ref (op->raw);
        PimTestServer *self = op->server;

        /* Stealing may finish the message: drop our handlers first. */
        delayed_op_free (op);
        raw_write_start (self, msg, raw);
      }
      return G_SOURCE_REMOVE;

    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------------ */
/* Routes                                                                    */

typedef void (*RouteHandler) (PimTestServer     *self,
                              SoupServerMessage *msg,
                              const char        *path,
                              GHashTable        *query,
                              guint              hits);

static void
route_ok (PimTestServer     *self,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          guint              hits)
{
  (void) self;
  (void) path;
  (void) query;
  (void) hits;

  respond (msg, SOUP_STATUS_OK, JSON_TYPE, OK_BODY);
}

static void
route_json (PimTestServer     *self,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            guint              hits)
{
  const char *body = query_get (query, "body");
  const char *type = query_get (query, "type");
  guint64     status;

  (void) self;
  (void) path;
  (void) hits;

  if (!query_get_uint (msg, query, "status", SOUP_STATUS_OK, 200, 599, &status))
    return;

  if (body == NULL)
    body = "";
  if (type == NULL)
    type = JSON_TYPE;
  else if (*type == '\0')
    type = NULL;
  else if (!is_header_value (type))
    {
      respond_bad_parameter (msg, "type");
      return;
    }

  if (type == NULL && *body != '\0')
    {
      /* libsoup wants a content type for a non-empty body: send it, then
       * drop the header. */
      respond (msg, status, "application/octet-stream", body);
      soup_message_headers_remove (soup_server_message_get_response_headers (msg), "Content-Type");
      return;
    }

  respond (msg, status, type, body);
}

static void
route_status (PimTestServer     *self,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              guint              hits)
{
  g_autoptr (JsonBuilder) builder = NULL;
  const char *code_str = path + strlen ("/status/");
  guint64     code;

  (void) self;
  (void) query;
  (void) hits;

  if (!g_ascii_string_to_unsigned (code_str, 10, 200, 599, &code, NULL))
    {
      respond_bad_parameter (msg, "status");
      return;
    }

  if (code == SOUP_STATUS_NO_CONTENT || code == SOUP_STATUS_NOT_MODIFIED)
    {
      soup_server_message_set_status (msg, code, NULL);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, (gint64) code);
  if (code == SOUP_STATUS_BAD_REQUEST)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, "invalid_request");
    }
  json_builder_end_object (builder);

  respond_builder (msg, code, builder);
}

static void
route_storm (PimTestServer     *self,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             guint              hits)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *date = NULL;
  const char      *retry_after = query_get (query, "retry_after");
  guint64          fail, status, retry_after_in;

  (void) self;
  (void) path;

  if (!query_get_uint (msg, query, "fail", 1, 0, G_MAXUINT, &fail) ||
      !query_get_uint (msg, query, "status", SOUP_STATUS_SERVICE_UNAVAILABLE, 200, 599, &status) ||
      !query_get_uint (msg, query, "retry_after_in", 0, 0, 10 * 365 * 86400, &retry_after_in))
    return;

  if (retry_after != NULL && !is_header_value (retry_after))
    {
      respond_bad_parameter (msg, "retry_after");
      return;
    }

  json_builder_begin_object (builder);

  if (hits <= fail)
    {
      if (query_get (query, "retry_after_in") != NULL)
        {
          g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
          g_autoptr (GDateTime) then = g_date_time_add_seconds (now, (gdouble) retry_after_in);

          date = soup_date_time_to_string (then, SOUP_DATE_HTTP);
          retry_after = date;
        }

      if (retry_after != NULL)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                      retry_after);

      json_builder_set_member_name (builder, "status");
      json_builder_add_int_value (builder, (gint64) status);
    }
  else
    {
      status = SOUP_STATUS_OK;
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
    }

  json_builder_set_member_name (builder, "hits");
  json_builder_add_int_value (builder, hits);
  json_builder_end_object (builder);

  respond_builder (msg, status, builder);
}

static void
route_slow_headers (PimTestServer     *self,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    guint              hits)
{
  guint64 delay_ms;

  (void) path;
  (void) hits;

  if (!query_get_uint (msg, query, "delay_ms", 1000, 0, 10 * 60 * 1000, &delay_ms))
    return;

  soup_server_message_pause (msg);
  delayed_op_new (self, msg, OP_SLOW_HEADERS, delay_ms);
}

static void
start_chunked (SoupServerMessage *msg, const char *content_type)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, content_type, NULL);
}

static void
route_slow_body (PimTestServer     *self,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 guint              hits)
{
  DelayedOp *op;
  guint64    n_chunks, delay_ms;

  (void) path;
  (void) hits;

  if (!query_get_uint (msg, query, "chunks", 3, 1, 100000, &n_chunks) ||
      !query_get_uint (msg, query, "delay_ms", 100, 0, 10 * 60 * 1000, &delay_ms))
    return;

  start_chunked (msg, JSON_TYPE);
  slow_body_append (msg, 0, n_chunks);

  if (n_chunks == 1)
    {
      soup_message_body_complete (soup_server_message_get_response_body (msg));
      return;
    }

  op = delayed_op_new (self, msg, OP_SLOW_BODY, delay_ms);
  op->next_chunk = 1;
  op->n_chunks = n_chunks;
}

static void
route_stall (PimTestServer     *self,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             guint              hits)
{
  static const char first[] = "{\"stall\":";

  (void) self;
  (void) path;
  (void) query;
  (void) hits;

  start_chunked (msg, JSON_TYPE);
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC, first,
                            sizeof first - 1);
  /* Never completed: once the piece is written the I/O pauses for good. */
}

static void
route_garbage (PimTestServer     *self,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               guint              hits)
{
  (void) self;
  (void) path;
  (void) query;
  (void) hits;

  respond (msg, SOUP_STATUS_OK, JSON_TYPE, "this is {not JSON");
}

static void
route_html (PimTestServer     *self,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            guint              hits)
{
  (void) self;
  (void) path;
  (void) query;
  (void) hits;

  respond (msg, SOUP_STATUS_OK, "text/html", "<html></html>");
}

static void
huge_wrote_chunk (SoupServerMessage *msg, gpointer user_data)
{
  HugeState       *state = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (state->offset < state->size)
    {
      g_autoptr (GBytes) piece = huge_next_piece (state);

      soup_message_body_append_bytes (body, piece);
    }
  else
    soup_message_body_complete (body);

  /* No unpause needed: the I/O looks for the next piece only after this
   * signal, so it never ran dry and paused. */
}

static void
route_huge (PimTestServer     *self,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            guint              hits)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody    *body = soup_server_message_get_response_body (msg);
  g_autoptr (GBytes) piece = NULL;
  HugeState *state;
  guint64    size, chunked;

  (void) self;
  (void) path;
  (void) hits;

  if (!query_get_uint (msg, query, "size", 1024 * 1024, PAD_MIN_SIZE, G_GUINT64_CONSTANT (1) << 40,
                       &size) ||
      !query_get_uint (msg, query, "chunked", 0, 0, 1, &chunked))
    return;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, JSON_TYPE, NULL);
  if (chunked)
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  else
    soup_message_headers_set_content_length (headers, (goffset) size);

  soup_message_body_set_accumulate (body, FALSE);

  state = g_new0 (HugeState, 1);
  state->size = size;
  g_object_set_data_full (G_OBJECT (msg), "pim-test-server-huge", state, g_free);

  piece = huge_next_piece (state);
  soup_message_body_append_bytes (body, piece);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (huge_wrote_chunk), state);
}

static void
route_lying_length (PimTestServer     *self,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    guint              hits)
{
  g_autoptr (GString) raw = NULL;
  DelayedOp *op;
  guint64    size, claim;
  gsize      header_len;

  (void) path;
  (void) hits;

  if (!query_get_uint (msg, query, "size", 100, PAD_MIN_SIZE, 64 * 1024 * 1024, &size) ||
      !query_get_uint (msg, query, "claim", 10, 0, G_MAXINT64, &claim))
    return;

  raw = g_string_new (NULL);
  g_string_append_printf (raw,
                          "HTTP/1.1 200 OK\r\n"
                          "Content-Type: " JSON_TYPE "\r\n"
                          "Content-Length: %" G_GUINT64_FORMAT "\r\n"
                          "Connection: close\r\n"
                          "\r\n",
                          claim);
  header_len = raw->len;
  g_string_set_size (raw, header_len + size);
  fill_pad (raw->str + header_len, 0, size, size);

  /* The connection can only be stolen safely outside of the handler. */
  soup_server_message_pause (msg);
  op = delayed_op_new (self, msg, OP_RAW_RESPONSE, 0);
  op->raw = g_string_free_to_bytes (g_steal_pointer (&raw));
}

static void
route_redirect (PimTestServer     *self,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                guint              hits)
{
  const char *to = query_get (query, "to");
  guint64     status;

  (void) self;
  (void) path;
  (void) hits;

  if (!query_get_uint (msg, query, "status", SOUP_STATUS_FOUND, 300, 399, &status))
    return;

  if (to == NULL || !is_header_value (to))
    {
      respond_bad_parameter (msg, "to");
      return;
    }

  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", to);
}

static void
route_echo (PimTestServer     *self,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            guint              hits)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonObject) headers = json_object_new ();
  g_autoptr (GBytes) body = NULL;
  g_autofree char       *body_str = NULL;
  SoupMessageHeadersIter iter;
  const char            *name, *value;
  GUri                  *uri = soup_server_message_get_uri (msg);
  gsize                  body_len;
  const char            *body_data;

  (void) self;
  (void) query;
  (void) hits;

  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);
      const char      *old = json_object_get_string_member_with_default (headers, lower, NULL);

      if (old != NULL)
        {
          g_autofree char *joined = g_strconcat (old, ", ", value, NULL);

          json_object_set_string_member (headers, lower, joined);
        }
      else
        json_object_set_string_member (headers, lower, value);
    }

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  body_data = g_bytes_get_data (body, &body_len);
  body_str = g_utf8_make_valid (body_data != NULL ? body_data : "", body_len);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, soup_server_message_get_method (msg));
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "query");
  if (g_uri_get_query (uri) != NULL)
    json_builder_add_string_value (builder, g_uri_get_query (uri));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "headers");
  {
    JsonNode *node = json_node_alloc ();

    json_node_init_object (node, headers);
    json_builder_add_value (builder, node);
  }
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body_str);
  json_builder_end_object (builder);

  respond_builder (msg, SOUP_STATUS_OK, builder);
}

static void
route_headers (PimTestServer     *self,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               guint              hits)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  GHashTableIter      iter;
  gpointer            name, value;

  (void) self;
  (void) path;
  (void) hits;

  if (query != NULL)
    {
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &name, &value))
        {
          if (g_str_equal (name, "key"))
            continue;
          if (!is_header_name (name) || !is_header_value (value))
            {
              soup_message_headers_clear (headers);
              respond_bad_parameter (msg, name);
              return;
            }
          soup_message_headers_append (headers, name, value);
        }
    }

  respond (msg, SOUP_STATUS_OK, JSON_TYPE, OK_BODY);
}

/* /cached: a body with cache headers, failing after a number of hits. */
static void
route_cached (PimTestServer     *self,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              guint              hits)
{
  const char      *body = query_get (query, "body");
  const char      *cache_control = query_get (query, "cache_control");
  g_autofree char *built = NULL;
  guint64          max_age, fail_after, status;

  (void) self;
  (void) path;

  if (!query_get_uint (msg, query, "max_age", 0, 0, G_MAXUINT32, &max_age) ||
      !query_get_uint (msg, query, "fail_after", G_MAXUINT, 0, G_MAXUINT, &fail_after) ||
      !query_get_uint (msg, query, "status", SOUP_STATUS_SERVICE_UNAVAILABLE, 200, 599, &status))
    return;
  if (cache_control != NULL && !is_header_value (cache_control))
    {
      respond_bad_parameter (msg, "cache_control");
      return;
    }

  if (hits > fail_after)
    {
      g_autofree char *failed =
          g_strdup_printf ("{\"status\":%u,\"hits\":%u}", (guint) status, hits);

      respond (msg, status, JSON_TYPE, failed);
      return;
    }
  if (cache_control == NULL && query_get (query, "max_age") != NULL)
    cache_control = built = g_strdup_printf ("max-age=%u", (guint) max_age);
  respond (msg, SOUP_STATUS_OK, JSON_TYPE, body != NULL ? body : "{\"keys\":[]}");
  if (cache_control != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control",
                                  cache_control);
}

static const struct
{
  const char  *path;
  gboolean     prefix;
  RouteHandler handler;
} routes[] = {
  { "/ok", FALSE, route_ok },
  { "/json", FALSE, route_json },
  { "/status/", TRUE, route_status },
  { "/storm", FALSE, route_storm },
  { "/slow-headers", FALSE, route_slow_headers },
  { "/slow-body", FALSE, route_slow_body },
  { "/stall", FALSE, route_stall },
  { "/garbage", FALSE, route_garbage },
  { "/html", FALSE, route_html },
  { "/huge", FALSE, route_huge },
  { "/lying-length", FALSE, route_lying_length },
  { "/redirect", FALSE, route_redirect },
  { "/echo", FALSE, route_echo },
  { "/headers", FALSE, route_headers },
  { "/cached", FALSE, route_cached },
};

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
static gboolean
serve_document (PimTestServer *self, SoupServerMessage *msg, const char *path, char **out_alias)
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
      delayed_op_new (self, msg, OP_UNPAUSE, delay_ms);
    }
  return TRUE;
}

static void
record_peer_certificate (PimTestServer *self, SoupServerMessage *msg)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->hits_lock);

  g_set_object (&self->peer_certificate, soup_server_message_get_tls_peer_certificate (msg));
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  PimTestServer   *self = user_data;
  const char      *key = query_get (query, "key");
  g_autofree char *alias = NULL;
  g_autoptr (GHashTable) alias_query = NULL;
  guint hits;

  (void) server;

  hits = count_hit (self, key != NULL ? key : path);
  record_peer_certificate (self, msg);

  if (serve_document (self, msg, path, &alias))
    return;
  if (alias != NULL)
    {
      char *question = strchr (alias, '?');

      /* The request is answered as if sent to the route it stands for. */
      if (question != NULL)
        {
          *question = '\0';
          alias_query = soup_form_decode (question + 1);
        }
      path = alias;
      query = alias_query;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (routes[i].prefix ? g_str_has_prefix (path, routes[i].path)
                           : g_str_equal (path, routes[i].path))
        {
          routes[i].handler (self, msg, path, query, hits);
          return;
        }
    }

  respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "path", path);
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

  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
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
      delayed_op_free (item);
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

/* ---- A server of a test's own ---- */

struct _PimTestHandlerServer
{
  const char        *path;
  SoupServerCallback handler;
  gpointer           user_data;
  GThread           *thread;
  GMainContext      *context;
  GMainLoop         *loop;
  GMutex             lock;
  GCond              cond;
  guint16            port;
  char              *base;
};

static gpointer
handler_server_thread (gpointer data)
{
  PimTestHandlerServer *self = data;
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, self->path, self->handler, self->user_data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_mutex_lock (&self->lock);
  self->port = (guint16) g_uri_get_port (uris->data);
  self->base = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (self->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

PimTestHandlerServer *
pim_test_handler_server_new (const char *path, SoupServerCallback handler, gpointer user_data)
{
  PimTestHandlerServer *self = g_new0 (PimTestHandlerServer, 1);

  self->path = path;
  self->handler = handler;
  self->user_data = user_data;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("pim-test-handler-server", handler_server_thread, self);
  g_mutex_lock (&self->lock);
  while (self->base == NULL)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
handler_server_quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
pim_test_handler_server_free (PimTestHandlerServer *self)
{
  g_main_context_invoke (self->context, handler_server_quit, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->base);
  g_free (self);
}

const char *
pim_test_handler_server_get_base (PimTestHandlerServer *self)
{
  return self->base;
}

guint16
pim_test_handler_server_get_port (PimTestHandlerServer *self)
{
  return self->port;
}
