/* pim-test-server-respond.c: how the fault server answers: the response
 * helpers and the delayed operations
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The helpers every route uses to answer and to read its query, and the work
 * done on a message later from the server thread (slow headers and bodies,
 * raw responses on a stolen connection, delayed documents). Runs in the
 * server thread, except pim_test_server_count_hit(), under hits_lock.
 */

#include "pim-test-server-private.h"

#include <string.h>

#define PIECE_SIZE (16 * 1024)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

G_GNUC_INTERNAL
guint
pim_test_server_count_hit (PimTestServer *self, const char *key)
{
  G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->hits_lock);
  guint         n;

  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, key)) + 1;
  g_hash_table_replace (self->hits, g_strdup (key), GUINT_TO_POINTER (n));

  return n;
}

G_GNUC_INTERNAL
void
pim_test_server_respond (SoupServerMessage *msg,
                         guint              status,
                         const char        *content_type,
                         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body,
                                    body ? strlen (body) : 0);
}

/* Takes the builder's document as the response body. */
G_GNUC_INTERNAL
void
pim_test_server_respond_builder (SoupServerMessage *msg, guint status, JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  char *body = json_to_string (root, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, JSON_TYPE, SOUP_MEMORY_TAKE, body, strlen (body));
}

G_GNUC_INTERNAL
void
pim_test_server_respond_error (SoupServerMessage *msg,
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

  pim_test_server_respond_builder (msg, status, builder);
}

G_GNUC_INTERNAL
void
pim_test_server_respond_bad_parameter (SoupServerMessage *msg, const char *name)
{
  pim_test_server_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_parameter", "parameter", name);
}

G_GNUC_INTERNAL
const char *
pim_test_server_query_get (GHashTable *query, const char *name)
{
  return query != NULL ? g_hash_table_lookup (query, name) : NULL;
}

/* Reads an optional unsigned decimal parameter; answers 400 and returns
 * FALSE if it is present but not a number in [min, max]. */
G_GNUC_INTERNAL
gboolean
pim_test_server_query_get_uint (SoupServerMessage *msg,
                                GHashTable        *query,
                                const char        *name,
                                guint64            fallback,
                                guint64            min,
                                guint64            max,
                                guint64           *out)
{
  const char *value = pim_test_server_query_get (query, name);

  if (value == NULL || *value == '\0')
    {
      *out = fallback;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (value, 10, min, max, out, NULL))
    {
      pim_test_server_respond_bad_parameter (msg, name);
      return FALSE;
    }

  return TRUE;
}

G_GNUC_INTERNAL
gboolean
pim_test_server_is_header_name (const char *name)
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

G_GNUC_INTERNAL
gboolean
pim_test_server_is_header_value (const char *value)
{
  return value != NULL && strpbrk (value, "\r\n") == NULL;
}

/* Fills buf with bytes [offset, offset + len) of the document
 * {"pad":"xxx…"} that is exactly size bytes long. */
G_GNUC_INTERNAL
void
pim_test_server_fill_pad (char *buf, guint64 offset, gsize len, guint64 size)
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

G_GNUC_INTERNAL
GBytes *
pim_test_server_huge_next_piece (HugeState *state)
{
  gsize len = (gsize) MIN ((guint64) PIECE_SIZE, state->size - state->offset);
  char *buf = g_malloc (len);

  pim_test_server_fill_pad (buf, state->offset, len, state->size);
  state->offset += len;

  return g_bytes_new_take (buf, len);
}

/* ------------------------------------------------------------------------ */
/* Delayed operations                                                        */

G_GNUC_INTERNAL
void
pim_test_server_delayed_op_free (DelayedOp *op)
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
  pim_test_server_delayed_op_free (user_data);
}

static gboolean delayed_op_run (gpointer user_data);

G_GNUC_INTERNAL
DelayedOp *
pim_test_server_delayed_op_new (PimTestServer     *self,
                                SoupServerMessage *msg,
                                DelayedOpKind      kind,
                                guint              delay_ms)
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

G_GNUC_INTERNAL
void
pim_test_server_slow_body_append (SoupServerMessage *msg, guint index, guint n_chunks)
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
      pim_test_server_respond (msg, SOUP_STATUS_OK, JSON_TYPE, OK_BODY);
      soup_server_message_unpause (msg);
      pim_test_server_delayed_op_free (op);
      return G_SOURCE_REMOVE;

    case OP_SLOW_BODY:
      pim_test_server_slow_body_append (msg, op->next_chunk, op->n_chunks);
      op->next_chunk++;
      if (op->next_chunk == op->n_chunks)
        {
          soup_message_body_complete (soup_server_message_get_response_body (msg));
          soup_server_message_unpause (msg);
          pim_test_server_delayed_op_free (op);
          return G_SOURCE_REMOVE;
        }
      soup_server_message_unpause (msg);
      return G_SOURCE_CONTINUE;

    case OP_UNPAUSE:
      soup_server_message_unpause (msg);
      pim_test_server_delayed_op_free (op);
      return G_SOURCE_REMOVE;

    case OP_RAW_RESPONSE:
      {
        g_autoptr (GBytes) raw = g_bytes_ref (op->raw);
        PimTestServer *self = op->server;

        /* Stealing may finish the message: drop our handlers first. */
        pim_test_server_delayed_op_free (op);
        raw_write_start (self, msg, raw);
      }
      return G_SOURCE_REMOVE;

    default:
      g_assert_not_reached ();
    }
}
