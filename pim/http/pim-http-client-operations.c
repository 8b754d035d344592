/* pim-http-client-operations.c: one operation through a PimHttpClient
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What the transport in pim-http-send.c takes from the client for each
 * request (the session, a cancellable that close() cancels, the TLS
 * settings of each message), and get_json, the one request the client
 * makes itself.
 */

#include "pim-private.h"

#include "pim-http-client-private.h"
#include "pim-http-private.h"

/* ---- What the transport needs ---- */

static void
cancel_operation (GCancellable *source, gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* Takes a reference to the session for one operation, and a cancellable
 * that the caller's cancellable and close() both cancel. */
gboolean
pim_http_client_begin_operation (PimHttpClient    *self,
                                 GCancellable     *user_cancellable,
                                 PimHttpOperation *op,
                                 GError          **error)
{
  memset (op, 0, sizeof *op);

  g_mutex_lock (&self->lock);
  if (self->session != NULL && !self->closed)
    op->session = g_object_ref (self->session);
  g_mutex_unlock (&self->lock);

  if (op->session == NULL)
    {
      g_propagate_error (error, self->init_error != NULL ? g_error_copy (self->init_error)
                                                         : pim_http_client_closed_error ());
      return FALSE;
    }

  op->cancellable = g_cancellable_new ();
  op->close_cancellable = g_object_ref (self->close_cancellable);
  op->close_handler = g_cancellable_connect (op->close_cancellable, G_CALLBACK (cancel_operation),
                                             op->cancellable, NULL);
  if (user_cancellable != NULL)
    {
      op->user_cancellable = g_object_ref (user_cancellable);
      op->user_handler = g_cancellable_connect (user_cancellable, G_CALLBACK (cancel_operation),
                                                op->cancellable, NULL);
    }
  return TRUE;
}

void
pim_http_client_end_operation (PimHttpOperation *op)
{
  if (op->close_cancellable != NULL)
    g_cancellable_disconnect (op->close_cancellable, op->close_handler);
  if (op->user_cancellable != NULL)
    g_cancellable_disconnect (op->user_cancellable, op->user_handler);
  g_clear_object (&op->close_cancellable);
  g_clear_object (&op->user_cancellable);
  g_clear_object (&op->cancellable);
  g_clear_object (&op->session);
}

/* Whether the operation was cut short by close() rather than the caller. */
gboolean
pim_http_operation_closed (PimHttpOperation *op)
{
  return op->close_cancellable != NULL && g_cancellable_is_cancelled (op->close_cancellable);
}

static gboolean
accept_any_certificate (SoupMessage         *msg,
                        GTlsCertificate     *certificate,
                        GTlsCertificateFlags errors,
                        gpointer             user_data)
{
  return TRUE;
}

void
pim_http_client_prepare_message (PimHttpClient *self, SoupMessage *msg)
{
  if (self->tls_verify == PIM_TLS_VERIFY_DISABLED)
    g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
  /* Per message in libsoup 3: set on each attempt, retries included. */
  if (self->tls_client_certificate != NULL)
    soup_message_set_tls_client_certificate (msg, self->tls_client_certificate);
}

/* ---- get_json ---- */

static PimHttpRequest *
new_json_get (const char *uri)
{
  PimHttpRequest *request = pim_http_request_new ("GET", uri);

  pim_http_request_set_expect_json (request, TRUE);
  return request;
}

static JsonNode *
json_from_response (PimHttpResponse *response, GError **error)
{
  if (!pim_http_response_check_success (response, error))
    return NULL;
  return pim_http_response_parse_json (response, error);
}

/**
 * pim_http_client_get_json:
 * @self: a client
 * @uri: an `https` URL, or an `http` one on the loopback interface
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Fetches a JSON document with a GET request, under the client's rules: no
 * redirects, the size limit, retries of `429` and `503`. A status other
 * than 2xx fails with %PIM_HTTP_ERROR_STATUS; a body that is not JSON (by
 * content type or content) with %PIM_HTTP_ERROR_NOT_JSON.
 *
 * Possible error domains include [error@HttpError] and
 * [error@Gio.IOErrorEnum] (%G_IO_ERROR_CANCELLED).
 *
 * Returns: (transfer full): the document's root node, or %NULL with @error
 *   set
 *
 * Since: 0.1
 */
JsonNode *
pim_http_client_get_json (PimHttpClient *self,
                          const char    *uri,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr (PimHttpRequest) request = NULL;
  g_autoptr (PimHttpResponse) response = NULL;

  g_return_val_if_fail (PIM_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  request = new_json_get (uri);
  response = pim_http_client_send (self, request, cancellable, error);
  if (response == NULL)
    return NULL;
  return json_from_response (response, error);
}

static void
on_get_json_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (PimHttpResponse) response = NULL;
  GError   *error = NULL;
  JsonNode *node;

  response = pim_http_client_send_finish (result, &error);
  if (response == NULL || (node = json_from_response (response, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

/**
 * pim_http_client_get_json_async:
 * @self: a client
 * @uri: an `https` URL, or an `http` one on the loopback interface
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call when the document is here
 * @user_data: data for @callback
 *
 * Fetches a JSON document, as [method@HttpClient.get_json] does, without
 * blocking. @callback runs on the thread-default main context of the
 * calling thread; call [method@HttpClient.get_json_finish] in it.
 *
 * Since: 0.1
 */
void
pim_http_client_get_json_async (PimHttpClient      *self,
                                const char         *uri,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr (PimHttpRequest) request = NULL;
  GTask *task;

  g_return_if_fail (PIM_IS_HTTP_CLIENT (self));
  g_return_if_fail (uri != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_http_client_get_json_async));
  request = new_json_get (uri);
  pim_http_client_send_async (self, request, cancellable, on_get_json_sent, task);
}

/**
 * pim_http_client_get_json_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@HttpClient.get_json_async].
 *
 * Returns: (transfer full): the document's root node, or %NULL with @error
 *   set
 *
 * Since: 0.1
 */
JsonNode *
pim_http_client_get_json_finish (PimHttpClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (PIM_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            PIM_SOURCE_TAG (pim_http_client_get_json_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
