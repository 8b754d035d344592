/* pim-test-server-routes.c: the fault server's routes and the callback
 * that dispatches to them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One handler per route of pim-test-server.h (/ok, /status/, /storm, /huge,
 * …), the table of routes, and the SoupServer callback that counts the hit
 * and serves a document, an alias or a route. Runs in the server thread.
 */

#include "pim-test-server-private.h"

#include <string.h>

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

  pim_test_server_respond (msg, SOUP_STATUS_OK, JSON_TYPE, OK_BODY);
}

static void
route_json (PimTestServer     *self,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            guint              hits)
{
  const char *body = pim_test_server_query_get (query, "body");
  const char *type = pim_test_server_query_get (query, "type");
  guint64     status;

  (void) self;
  (void) path;
  (void) hits;

  if (!pim_test_server_query_get_uint (msg, query, "status", SOUP_STATUS_OK, 200, 599, &status))
    return;

  if (body == NULL)
    body = "";
  if (type == NULL)
    type = JSON_TYPE;
  else if (*type == '\0')
    type = NULL;
  else if (!pim_test_server_is_header_value (type))
    {
      pim_test_server_respond_bad_parameter (msg, "type");
      return;
    }

  if (type == NULL && *body != '\0')
    {
      /* libsoup wants a content type for a non-empty body: send it, then
       * drop the header. */
      pim_test_server_respond (msg, status, "application/octet-stream", body);
      soup_message_headers_remove (soup_server_message_get_response_headers (msg), "Content-Type");
      return;
    }

  pim_test_server_respond (msg, status, type, body);
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
      pim_test_server_respond_bad_parameter (msg, "status");
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

  pim_test_server_respond_builder (msg, code, builder);
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
  const char      *retry_after = pim_test_server_query_get (query, "retry_after");
  guint64          fail, status, retry_after_in;

  (void) self;
  (void) path;

  if (!pim_test_server_query_get_uint (msg, query, "fail", 1, 0, G_MAXUINT, &fail) ||
      !pim_test_server_query_get_uint (msg, query, "status", SOUP_STATUS_SERVICE_UNAVAILABLE, 200,
                                       599, &status) ||
      !pim_test_server_query_get_uint (msg, query, "retry_after_in", 0, 0, 10 * 365 * 86400,
                                       &retry_after_in))
    return;

  if (retry_after != NULL && !pim_test_server_is_header_value (retry_after))
    {
      pim_test_server_respond_bad_parameter (msg, "retry_after");
      return;
    }

  json_builder_begin_object (builder);

  if (hits <= fail)
    {
      if (pim_test_server_query_get (query, "retry_after_in") != NULL)
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

  pim_test_server_respond_builder (msg, status, builder);
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

  if (!pim_test_server_query_get_uint (msg, query, "delay_ms", 1000, 0, 10 * 60 * 1000, &delay_ms))
    return;

  soup_server_message_pause (msg);
  pim_test_server_delayed_op_new (self, msg, OP_SLOW_HEADERS, delay_ms);
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

  if (!pim_test_server_query_get_uint (msg, query, "chunks", 3, 1, 100000, &n_chunks) ||
      !pim_test_server_query_get_uint (msg, query, "delay_ms", 100, 0, 10 * 60 * 1000, &delay_ms))
    return;

  start_chunked (msg, JSON_TYPE);
  pim_test_server_slow_body_append (msg, 0, n_chunks);

  if (n_chunks == 1)
    {
      soup_message_body_complete (soup_server_message_get_response_body (msg));
      return;
    }

  op = pim_test_server_delayed_op_new (self, msg, OP_SLOW_BODY, delay_ms);
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

  pim_test_server_respond (msg, SOUP_STATUS_OK, JSON_TYPE, "this is {not JSON");
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

  pim_test_server_respond (msg, SOUP_STATUS_OK, "text/html", "<html></html>");
}

static void
huge_wrote_chunk (SoupServerMessage *msg, gpointer user_data)
{
  HugeState       *state = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (state->offset < state->size)
    {
      g_autoptr (GBytes) piece = pim_test_server_huge_next_piece (state);

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

  if (!pim_test_server_query_get_uint (msg, query, "size", 1024 * 1024, PAD_MIN_SIZE,
                                       G_GUINT64_CONSTANT (1) << 40, &size) ||
      !pim_test_server_query_get_uint (msg, query, "chunked", 0, 0, 1, &chunked))
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

  piece = pim_test_server_huge_next_piece (state);
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

  if (!pim_test_server_query_get_uint (msg, query, "size", 100, PAD_MIN_SIZE, 64 * 1024 * 1024,
                                       &size) ||
      !pim_test_server_query_get_uint (msg, query, "claim", 10, 0, G_MAXINT64, &claim))
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
  pim_test_server_fill_pad (raw->str + header_len, 0, size, size);

  /* The connection can only be stolen safely outside of the handler. */
  soup_server_message_pause (msg);
  op = pim_test_server_delayed_op_new (self, msg, OP_RAW_RESPONSE, 0);
  op->raw = g_string_free_to_bytes (g_steal_pointer (&raw));
}

static void
route_redirect (PimTestServer     *self,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                guint              hits)
{
  const char *to = pim_test_server_query_get (query, "to");
  guint64     status;

  (void) self;
  (void) path;
  (void) hits;

  if (!pim_test_server_query_get_uint (msg, query, "status", SOUP_STATUS_FOUND, 300, 399, &status))
    return;

  if (to == NULL || !pim_test_server_is_header_value (to))
    {
      pim_test_server_respond_bad_parameter (msg, "to");
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

  pim_test_server_respond_builder (msg, SOUP_STATUS_OK, builder);
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
          if (!pim_test_server_is_header_name (name) || !pim_test_server_is_header_value (value))
            {
              soup_message_headers_clear (headers);
              pim_test_server_respond_bad_parameter (msg, name);
              return;
            }
          soup_message_headers_append (headers, name, value);
        }
    }

  pim_test_server_respond (msg, SOUP_STATUS_OK, JSON_TYPE, OK_BODY);
}

/* /cached: a body with cache headers, failing after a number of hits. */
static void
route_cached (PimTestServer     *self,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              guint              hits)
{
  const char      *body = pim_test_server_query_get (query, "body");
  const char      *cache_control = pim_test_server_query_get (query, "cache_control");
  g_autofree char *built = NULL;
  guint64          max_age, fail_after, status;

  (void) self;
  (void) path;

  if (!pim_test_server_query_get_uint (msg, query, "max_age", 0, 0, G_MAXUINT32, &max_age) ||
      !pim_test_server_query_get_uint (msg, query, "fail_after", G_MAXUINT, 0, G_MAXUINT,
                                       &fail_after) ||
      !pim_test_server_query_get_uint (msg, query, "status", SOUP_STATUS_SERVICE_UNAVAILABLE, 200,
                                       599, &status))
    return;
  if (cache_control != NULL && !pim_test_server_is_header_value (cache_control))
    {
      pim_test_server_respond_bad_parameter (msg, "cache_control");
      return;
    }

  if (hits > fail_after)
    {
      g_autofree char *failed =
          g_strdup_printf ("{\"status\":%u,\"hits\":%u}", (guint) status, hits);

      pim_test_server_respond (msg, status, JSON_TYPE, failed);
      return;
    }
  if (cache_control == NULL && pim_test_server_query_get (query, "max_age") != NULL)
    cache_control = built = g_strdup_printf ("max-age=%u", (guint) max_age);
  pim_test_server_respond (msg, SOUP_STATUS_OK, JSON_TYPE, body != NULL ? body : "{\"keys\":[]}");
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

G_GNUC_INTERNAL
void
pim_test_server_callback (SoupServer        *server,
                          SoupServerMessage *msg,
                          const char        *path,
                          GHashTable        *query,
                          gpointer           user_data)
{
  PimTestServer   *self = user_data;
  const char      *key = pim_test_server_query_get (query, "key");
  g_autofree char *alias = NULL;
  g_autoptr (GHashTable) alias_query = NULL;
  guint hits;

  (void) server;

  hits = pim_test_server_count_hit (self, key != NULL ? key : path);
  pim_test_server_record_peer_certificate (self, msg);

  if (pim_test_server_serve_document (self, msg, path, &alias))
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

  pim_test_server_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "path", path);
}
