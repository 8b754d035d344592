/* pim-client-registration.c: sending client registration requests,
 * registration (RFC 7591) and its management (RFC 7592)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-client-registration-request-private.h"
#include "pim-client-registration-response-private.h"
#include "pim-oauth-private.h"

static gboolean
prepare (PimClientRegistrationRequest  *self,
         PimClientRegistrationOperation operation,
         GError                       **error)
{
  pim_client_registration_request_set_operation (self, operation);
  if (operation == PIM_CLIENT_REGISTRATION_OPERATION_REGISTER)
    return TRUE;
  return pim_oauth_require (pim_client_registration_request_get_registration_client_uri (self),
                            "registration-client-uri", error) &&
         pim_oauth_require (pim_client_registration_request_get_registration_access_token (self),
                            "registration-access-token", error);
}

static gboolean
check_status (PimHttpResponse *response, guint expected, guint also, GError **error)
{
  if (response->status == expected || response->status == also)
    return TRUE;
  g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
               /* translators: the first %u is an HTTP status such as 202, the
                * second the one expected, such as 201 */
               _ ("The registration endpoint answered with status %u instead of %u"),
               response->status, expected);
  return FALSE;
}

/* A registration answer; a read or an update may come with a new
 * registration access token (RFC 7592 §2.1, §2.2), which the request
 * takes for the next operation. */
static GObject *
parse (PimClientRegistrationRequest *self, PimHttpResponse *response, GError **error)
{
  g_autoptr (JsonObject) json = NULL;
  g_autoptr (PimClientRegistrationResponse) registration = NULL;
  const char *token, *uri, *current;

  if ((json = pim_oauth_response_parse_object (response, _ ("registration endpoint"), error)) ==
          NULL ||
      (registration = pim_client_registration_response_new_from_object (json, error)) == NULL)
    return NULL;
  token = pim_client_registration_response_get_registration_access_token (registration);
  uri = pim_client_registration_response_get_registration_client_uri (registration);
  current = pim_client_registration_request_get_registration_access_token (self);
  if (current != NULL && token != NULL && strcmp (token, current) != 0)
    g_object_set (self, "registration-access-token", token, "registration-client-uri", uri, NULL);
  return G_OBJECT (g_steal_pointer (&registration));
}

/* RFC 7591 §3.2.1 says 201 Created; some servers answer 200 with the
 * same body, which is taken as well. */
static GObject *
parse_registered (PimOAuthRequest *request, PimHttpResponse *response, GError **error)
{
  if (!check_status (response, SOUP_STATUS_CREATED, SOUP_STATUS_OK, error))
    return NULL;
  return parse (PIM_CLIENT_REGISTRATION_REQUEST (request), response, error);
}

static GObject *
parse_managed (PimOAuthRequest *request, PimHttpResponse *response, GError **error)
{
  if (!check_status (response, SOUP_STATUS_OK, SOUP_STATUS_OK, error))
    return NULL;
  return parse (PIM_CLIENT_REGISTRATION_REQUEST (request), response, error);
}

static PimClientRegistrationResponse *
call (PimClientRegistrationRequest  *self,
      PimClientRegistrationOperation operation,
      PimHttpClient                 *client,
      GCancellable                  *cancellable,
      GError                       **error)
{
  if (!prepare (self, operation, error))
    return NULL;
  return (PimClientRegistrationResponse *)
      pim_oauth_call (PIM_OAUTH_REQUEST (self),
                      operation == PIM_CLIENT_REGISTRATION_OPERATION_REGISTER ? parse_registered
                                                                              : parse_managed,
                      client, cancellable, error);
}

static void
call_async (PimClientRegistrationRequest  *self,
            PimClientRegistrationOperation operation,
            PimHttpClient                 *client,
            GCancellable                  *cancellable,
            gpointer                       source_tag,
            GAsyncReadyCallback            callback,
            gpointer                       user_data)
{
  GError *error = NULL;

  if (!prepare (self, operation, &error))
    {
      g_task_report_error (NULL, callback, user_data, source_tag, error);
      return;
    }
  pim_oauth_call_async (PIM_OAUTH_REQUEST (self),
                        operation == PIM_CLIENT_REGISTRATION_OPERATION_REGISTER ? parse_registered
                                                                                : parse_managed,
                        client, cancellable, source_tag, callback, user_data);
}

#define CHECK_ARGS(fallback)                                                      \
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (request), fallback);  \
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), fallback); \
  g_return_val_if_fail (error == NULL || *error == NULL, fallback)

/**
 * pim_register_client:
 * @request: the client's metadata
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Registers a client (RFC 7591 §3.1): posts the metadata as JSON to the
 * registration endpoint, with the initial access token if there is one.
 * The answer must be 201 Created (200 is taken too) and a registration
 * response.
 *
 * Errors: %PIM_OAUTH_ERROR_INVALID_REDIRECT_URI,
 * %PIM_OAUTH_ERROR_INVALID_CLIENT_METADATA,
 * %PIM_OAUTH_ERROR_INVALID_SOFTWARE_STATEMENT… when the server refuses
 * the metadata (RFC 7591 §3.2.2; the details are then in
 * [method@OAuthRequest.get_error_response]);
 * %PIM_OAUTH_ERROR_INVALID_RESPONSE for an answer that is not a valid
 * registration; an [error@HttpError] for transport failures; a
 * [error@DiscoveryError] when the endpoint is discovered.
 *
 * Returns: (transfer full): the registered client, or %NULL with @error
 *   set
 *
 * Since: 0.1
 */
PimClientRegistrationResponse *
pim_register_client (PimClientRegistrationRequest *request,
                     PimHttpClient                *client,
                     GCancellable                 *cancellable,
                     GError                      **error)
{
  CHECK_ARGS (NULL);
  return call (request, PIM_CLIENT_REGISTRATION_OPERATION_REGISTER, client, cancellable, error);
}

/**
 * pim_register_client_async:
 * @request: the client's metadata
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Registers a client without blocking; see [func@register_client].
 *
 * Since: 0.1
 */
void
pim_register_client_async (PimClientRegistrationRequest *request,
                           PimHttpClient                *client,
                           GCancellable                 *cancellable,
                           GAsyncReadyCallback           callback,
                           gpointer                      user_data)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  call_async (request, PIM_CLIENT_REGISTRATION_OPERATION_REGISTER, client, cancellable,
              PIM_SOURCE_TAG (pim_register_client_async), callback, user_data);
}

/**
 * pim_register_client_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@register_client_async].
 *
 * Returns: (transfer full): the registered client, or %NULL with @error
 *   set
 *
 * Since: 0.1
 */
PimClientRegistrationResponse *
pim_register_client_finish (GAsyncResult *result, GError **error)
{
  return (PimClientRegistrationResponse *)
      pim_oauth_call_finish (result, PIM_SOURCE_TAG (pim_register_client_async), error);
}

/**
 * pim_read_client_registration:
 * @request: a request made with
 *   [ctor@ClientRegistrationRequest.new_for_client], or with
 *   [property@ClientRegistrationRequest:registration-client-uri] and
 *   [property@ClientRegistrationRequest:registration-access-token] set
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the client's registration as the server has it (RFC 7592 §2.1):
 * a GET of the client configuration endpoint with the registration access
 * token. When the answer brings a new registration access token, the
 * request takes it.
 *
 * Errors: %PIM_OAUTH_ERROR_INVALID_ARGUMENT without the endpoint or the
 * token; %PIM_OAUTH_ERROR_INVALID_TOKEN when the server no longer knows
 * them (a deleted client); else as [func@register_client].
 *
 * Returns: (transfer full): the registered client, or %NULL with @error
 *   set
 *
 * Since: 0.1
 */
PimClientRegistrationResponse *
pim_read_client_registration (PimClientRegistrationRequest *request,
                              PimHttpClient                *client,
                              GCancellable                 *cancellable,
                              GError                      **error)
{
  CHECK_ARGS (NULL);
  return call (request, PIM_CLIENT_REGISTRATION_OPERATION_READ, client, cancellable, error);
}

/**
 * pim_read_client_registration_async:
 * @request: a management request
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Reads a registration without blocking; see
 * [func@read_client_registration].
 *
 * Since: 0.1
 */
void
pim_read_client_registration_async (PimClientRegistrationRequest *request,
                                    PimHttpClient                *client,
                                    GCancellable                 *cancellable,
                                    GAsyncReadyCallback           callback,
                                    gpointer                      user_data)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  call_async (request, PIM_CLIENT_REGISTRATION_OPERATION_READ, client, cancellable,
              PIM_SOURCE_TAG (pim_read_client_registration_async), callback, user_data);
}

/**
 * pim_read_client_registration_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@read_client_registration_async].
 *
 * Returns: (transfer full): the registered client, or %NULL with @error
 *   set
 *
 * Since: 0.1
 */
PimClientRegistrationResponse *
pim_read_client_registration_finish (GAsyncResult *result, GError **error)
{
  return (PimClientRegistrationResponse *)
      pim_oauth_call_finish (result, PIM_SOURCE_TAG (pim_read_client_registration_async), error);
}

/**
 * pim_update_client_registration:
 * @request: a management request, with the whole metadata
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Replaces the client's metadata (RFC 7592 §2.2): a PUT of all of the
 * request's metadata, with its `client_id`, to the client configuration
 * endpoint. Members left out may be dropped by the server: start from
 * [ctor@ClientRegistrationRequest.new_for_client]. When the answer brings
 * a new registration access token, the request takes it.
 *
 * Errors: as [func@read_client_registration].
 *
 * Returns: (transfer full): the client as now registered, or %NULL with
 *   @error set
 *
 * Since: 0.1
 */
PimClientRegistrationResponse *
pim_update_client_registration (PimClientRegistrationRequest *request,
                                PimHttpClient                *client,
                                GCancellable                 *cancellable,
                                GError                      **error)
{
  CHECK_ARGS (NULL);
  return call (request, PIM_CLIENT_REGISTRATION_OPERATION_UPDATE, client, cancellable, error);
}

/**
 * pim_update_client_registration_async:
 * @request: a management request, with the whole metadata
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Updates a registration without blocking; see
 * [func@update_client_registration].
 *
 * Since: 0.1
 */
void
pim_update_client_registration_async (PimClientRegistrationRequest *request,
                                      PimHttpClient                *client,
                                      GCancellable                 *cancellable,
                                      GAsyncReadyCallback           callback,
                                      gpointer                      user_data)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  call_async (request, PIM_CLIENT_REGISTRATION_OPERATION_UPDATE, client, cancellable,
              PIM_SOURCE_TAG (pim_update_client_registration_async), callback, user_data);
}

/**
 * pim_update_client_registration_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@update_client_registration_async].
 *
 * Returns: (transfer full): the client as now registered, or %NULL with
 *   @error set
 *
 * Since: 0.1
 */
PimClientRegistrationResponse *
pim_update_client_registration_finish (GAsyncResult *result, GError **error)
{
  return (PimClientRegistrationResponse *)
      pim_oauth_call_finish (result, PIM_SOURCE_TAG (pim_update_client_registration_async), error);
}

/**
 * pim_delete_client_registration:
 * @request: a management request
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Deletes the client's registration (RFC 7592 §2.3): a DELETE of the
 * client configuration endpoint with the registration access token. The
 * server answers 204 No Content; any 2xx is taken as success.
 *
 * Errors: as [func@read_client_registration].
 *
 * Returns: %TRUE when the client was deleted, else %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
pim_delete_client_registration (PimClientRegistrationRequest *request,
                                PimHttpClient                *client,
                                GCancellable                 *cancellable,
                                GError                      **error)
{
  g_autoptr (PimHttpResponse) response = NULL;

  CHECK_ARGS (FALSE);
  if (!prepare (request, PIM_CLIENT_REGISTRATION_OPERATION_DELETE, error))
    return FALSE;
  response = pim_oauth_exchange (PIM_OAUTH_REQUEST (request), client, cancellable, error);
  return response != NULL;
}

static void
on_deleted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (PimHttpResponse) response = NULL;
  GError *error = NULL;

  response = pim_oauth_exchange_finish (result, &error);
  if (response == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pim_delete_client_registration_async:
 * @request: a management request
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Deletes a registration without blocking; see
 * [func@delete_client_registration].
 *
 * Since: 0.1
 */
void
pim_delete_client_registration_async (PimClientRegistrationRequest *request,
                                      PimHttpClient                *client,
                                      GCancellable                 *cancellable,
                                      GAsyncReadyCallback           callback,
                                      gpointer                      user_data)
{
  GTask  *task;
  GError *error = NULL;

  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_delete_client_registration_async));
  if (!prepare (request, PIM_CLIENT_REGISTRATION_OPERATION_DELETE, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  pim_oauth_exchange_async (PIM_OAUTH_REQUEST (request), client, cancellable, on_deleted, task);
}

/**
 * pim_delete_client_registration_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@delete_client_registration_async].
 *
 * Returns: %TRUE when the client was deleted, else %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
pim_delete_client_registration_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            PIM_SOURCE_TAG (pim_delete_client_registration_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
