/* pim-http-send.c: the transport, sync and async, around the pure builders
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One request may take several attempts: 429 and 503 answers are retried
 * with backoff. Each attempt builds a new message from the same request
 * (pim-http-request.c), and every response goes through the same checks
 * (pim-http-response.c). Only the waiting differs between the two forms.
 */

#include "pim-private.h"

#include "pim-http-private.h"

/* A body is read in chunks of this size and refused as soon as it passes
 * the limit, so an oversized body costs at most one chunk more. Smaller
 * reads are no saving: libsoup's chunked decoder needs room for its
 * boundaries. */
#define READ_CHUNK_SIZE (64 * 1024)

/* Drops a response stream without reading the rest of it: libsoup's close
 * reads the body to its end unless the close is cancelled, which would let
 * a stalled or endless body hold us. The connection is not reused. */
static void
discard_stream (GInputStream *stream)
{
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();

  if (stream == NULL || g_input_stream_is_closed (stream))
    return;
  g_cancellable_cancel (cancelled);
  g_input_stream_close (stream, cancelled, NULL);
}

static gboolean
status_is_redirect (guint status)
{
  return SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED;
}

static GError *
operation_error (PimHttpOperation *op, const GError *error, const char *uri_display)
{
  if (pim_http_operation_closed (op))
    return pim_http_client_closed_error ();
  return pim_http_error_from_transport (error, uri_display);
}

/* What an attempt's status line asks us to do next. */
typedef enum
{
  ATTEMPT_READ_BODY,
  ATTEMPT_RETRY,
  ATTEMPT_FAILED,
} AttemptVerdict;

static AttemptVerdict
judge_attempt (PimHttpClient *client,
               SoupMessage   *msg,
               guint          retries,
               const char    *uri_display,
               double        *delay,
               GError       **error)
{
  guint               status = soup_message_get_status (msg);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

  if (status_is_redirect (status))
    {
      g_propagate_error (error, pim_http_error_redirect (msg, uri_display));
      return ATTEMPT_FAILED;
    }
  if (pim_http_status_is_retryable (status) && retries < pim_http_client_get_retry_count (client))
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

      *delay = pim_http_retry_delay (retries, soup_message_headers_get_one (headers, "Retry-After"),
                                     pim_http_client_get_retry_base_delay (client),
                                     pim_http_client_get_retry_max_delay (client), now);
      pim_log_debug ("“%s” answered %u; retrying in %.2f s", uri_display, status, *delay);
      return ATTEMPT_RETRY;
    }
  if (!pim_http_check_content_length (headers, pim_http_client_get_max_response_size (client),
                                      uri_display, error))
    return ATTEMPT_FAILED;
  return ATTEMPT_READ_BODY;
}

/* ---- Sync ---- */

static GBytes *
read_body_sync (GInputStream     *stream,
                SoupMessage      *msg,
                guint64           limit,
                PimHttpOperation *op,
                const char       *uri_display,
                GError          **error)
{
  g_autoptr (GByteArray) body = g_byte_array_new ();

  for (;;)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (GBytes) chunk =
          g_input_stream_read_bytes (stream, READ_CHUNK_SIZE, op->cancellable, &local_error);

      if (chunk == NULL)
        {
          g_propagate_error (error, operation_error (op, local_error, uri_display));
          return NULL;
        }
      if (g_bytes_get_size (chunk) == 0)
        break;
      if (!pim_http_body_append (body, chunk, limit, uri_display, error))
        return NULL;
    }
  if (!pim_http_check_body_complete (soup_message_get_response_headers (msg), body->len,
                                     uri_display, error))
    return NULL;
  g_input_stream_close (stream, NULL, NULL);
  return g_byte_array_free_to_bytes (g_steal_pointer (&body));
}

static PimHttpResponse *
send_sync (PimHttpClient    *client,
           PimHttpRequest   *request,
           PimHttpOperation *op,
           const char       *uri_display,
           GError          **error)
{
  for (guint retries = 0;; retries++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (SoupMessage) msg = pim_http_request_build_message (request, error);
      g_autoptr (GInputStream) stream = NULL;
      g_autoptr (GBytes) body = NULL;
      double delay = 0;

      if (msg == NULL)
        return NULL;
      pim_http_client_prepare_message (client, msg);

      stream = soup_session_send (op->session, msg, op->cancellable, &local_error);
      if (stream == NULL)
        {
          g_propagate_error (error, operation_error (op, local_error, uri_display));
          return NULL;
        }

      switch (judge_attempt (client, msg, retries, uri_display, &delay, error))
        {
        case ATTEMPT_FAILED:
          discard_stream (stream);
          return NULL;
        case ATTEMPT_RETRY:
          discard_stream (stream);
          if (!pim_wait_sync (delay, op->cancellable))
            {
              g_autoptr (GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                                  _ ("Operation was cancelled"));

              g_propagate_error (error, operation_error (op, cancelled, uri_display));
              return NULL;
            }
          continue;
        case ATTEMPT_READ_BODY:
        default:
          break;
        }

      body = read_body_sync (stream, msg, pim_http_client_get_max_response_size (client), op,
                             uri_display, error);
      if (body == NULL)
        {
          discard_stream (stream);
          return NULL;
        }
      return pim_http_response_new (msg, uri_display, body, retries);
    }
}

PimHttpResponse *
pim_http_client_send (PimHttpClient  *client,
                      PimHttpRequest *request,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autofree char *uri_display = NULL;
  PimHttpOperation op = { 0 };
  PimHttpResponse *response;

  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (client == NULL)
    client = pim_http_client_get_thread_default ();
  if (!pim_http_client_begin_operation (client, cancellable, &op, error))
    return NULL;
  uri_display = pim_http_uri_for_display (pim_http_request_get_uri (request));
  response = send_sync (client, request, &op, uri_display, error);
  pim_http_client_end_operation (&op);
  return response;
}

/* ---- Async ---- */

typedef struct
{
  PimHttpClient   *client;
  PimHttpRequest  *request;
  PimHttpOperation op;
  char            *uri_display;
  guint            retries;
  SoupMessage     *msg;
  GInputStream    *stream;
  GByteArray      *body;
} SendData;

static void
send_data_free (SendData *data)
{
  discard_stream (data->stream);
  g_clear_object (&data->stream);
  g_clear_object (&data->msg);
  g_clear_pointer (&data->body, g_byte_array_unref);
  pim_http_client_end_operation (&data->op);
  g_clear_pointer (&data->request, pim_http_request_unref);
  g_clear_object (&data->client);
  g_free (data->uri_display);
  g_free (data);
}

static void start_attempt (GTask *task);

static void
return_operation_error (GTask *task, const GError *error)
{
  SendData *data = g_task_get_task_data (task);

  g_task_return_error (task, operation_error (&data->op, error, data->uri_display));
}

static void
finish_response (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  g_autoptr (GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&data->body));

  g_input_stream_close (data->stream, NULL, NULL);
  g_task_return_pointer (task,
                         pim_http_response_new (data->msg, data->uri_display, body, data->retries),
                         (GDestroyNotify) pim_http_response_free);
}

static void on_body_read (GObject *source, GAsyncResult *result, gpointer user_data);

/* Takes the task's reference. */
static void
read_next_chunk (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK_SIZE, g_task_get_priority (task),
                                   data->op.cancellable, on_body_read, task);
}

static void
on_body_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) chunk =
      g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  guint64 limit = pim_http_client_get_max_response_size (data->client);

  if (chunk == NULL)
    {
      return_operation_error (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      if (!pim_http_check_body_complete (soup_message_get_response_headers (data->msg),
                                         data->body->len, data->uri_display, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        finish_response (task);
      return;
    }
  if (!pim_http_body_append (data->body, chunk, limit, data->uri_display, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  read_next_chunk (g_steal_pointer (&task));
}

/* After a backoff wait, another attempt, unless the wait was cancelled. */
static void
on_waited (gboolean cancelled, GObject *object)
{
  GTask    *task = G_TASK (object);
  SendData *data = g_task_get_task_data (task);

  if (cancelled)
    {
      g_autoptr (GError) error =
          g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Operation was cancelled"));

      return_operation_error (task, error);
      return;
    }
  data->retries++;
  start_attempt (task);
}

static void
on_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  double delay = 0;

  data->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (data->stream == NULL)
    {
      return_operation_error (task, error);
      return;
    }

  switch (judge_attempt (data->client, data->msg, data->retries, data->uri_display, &delay, &error))
    {
    case ATTEMPT_FAILED:
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    case ATTEMPT_RETRY:
      discard_stream (data->stream);
      g_clear_object (&data->stream);
      g_clear_object (&data->msg);
      /* Waits on the task's own main context; the wait holds the task. */
      pim_wait_async (delay, g_task_get_context (task), g_task_get_priority (task),
                      data->op.cancellable, on_waited, G_OBJECT (task));
      return;
    case ATTEMPT_READ_BODY:
    default:
      break;
    }

  data->body = g_byte_array_new ();
  read_next_chunk (g_steal_pointer (&task));
}

static void
start_attempt (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  GError   *error = NULL;

  data->msg = pim_http_request_build_message (data->request, &error);
  if (data->msg == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  pim_http_client_prepare_message (data->client, data->msg);
  soup_session_send_async (data->op.session, data->msg, g_task_get_priority (task),
                           data->op.cancellable, on_sent, g_object_ref (task));
}

void
pim_http_client_send_async (PimHttpClient      *client,
                            PimHttpRequest     *request,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  SendData *data;
  GError   *error = NULL;

  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));
  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (client == NULL)
    client = pim_http_client_get_shared_default ();

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_http_client_send_async));
  data = g_new0 (SendData, 1);
  data->client = g_object_ref (client);
  data->request = pim_http_request_ref (request);
  data->uri_display = pim_http_uri_for_display (pim_http_request_get_uri (request));
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  if (!pim_http_client_begin_operation (client, cancellable, &data->op, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  start_attempt (task);
}

PimHttpResponse *
pim_http_client_send_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            PIM_SOURCE_TAG (pim_http_client_send_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
