/* pim-pushed-authorization-request.c: PimPushedAuthorizationRequest and
 * pim_pushed_authorization_request_send
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-authorization-request-private.h"
#include "pim-oauth-private.h"
#include "pim-pushed-authorization-request.h"
#include "pim-pushed-authorization-response-private.h"

/**
 * PimPushedAuthorizationRequest:
 *
 * A pushed authorization request (RFC 9126): the parameters of an
 * [class@AuthorizationRequest] posted straight to the provider's
 * `pushed_authorization_request_endpoint`, with client authentication,
 * instead of travelling in the browser's URL. The provider answers with a
 * `request_uri` ([class@PushedAuthorizationResponse]), and the browser
 * opens the authorization endpoint with only `client_id` and that URI.
 *
 * ```python
 * authorization = Pim.AuthorizationRequest.new_from_discovery(
 *     document, 'my-app', 'http://127.0.0.1:8400/callback')
 * authorization.props.scope = 'openid'
 * authorization.prepare()
 * push = Pim.PushedAuthorizationRequest.new(authorization)
 * push.props.client_secret = secret
 * pushed = push.send(None, None)
 * open_browser(pushed.build_authorization_url(authorization))
 * # … then authorization.parse_response() as without PAR
 * ```
 *
 * Every parameter the authorization request would put in its URL is
 * pushed, its extra parameters too; with a
 * [property@AuthorizationRequest:request-object-key], the signed request
 * object is pushed instead (`request`, RFC 9126 §3). The client
 * authenticates as at the token endpoint ([class@OAuthRequest]): the
 * endpoint is [property@OAuthRequest:address], or the discovery
 * document's, and the method must then be one of
 * `token_endpoint_auth_methods_supported`. The client identifier must be
 * the authorization request's.
 *
 * Since: 0.1
 */

struct _PimPushedAuthorizationRequest
{
  PimOAuthRequest parent_instance;

  PimAuthorizationRequest *authorization_request;
};

enum
{
  PROP_0,
  PROP_AUTHORIZATION_REQUEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimPushedAuthorizationRequest,
                     pim_pushed_authorization_request,
                     PIM_TYPE_OAUTH_REQUEST)

static PimHttpRequest *
build (PimOAuthRequest *request, const char *endpoint, GError **error)
{
  PimPushedAuthorizationRequest *self = PIM_PUSHED_AUTHORIZATION_REQUEST (request);
  const char                    *client_id = pim_oauth_request_get_client_id (request);
  g_autoptr (GPtrArray) params = NULL;
  PimHttpRequest *http;
  gboolean        add_client_id;

  if (self->authorization_request == NULL)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                           _ ("The pushed authorization request has no "
                              "“authorization-request”"));
      return NULL;
    }
  if (g_strcmp0 (client_id, pim_oauth_request_get_client_id (
                                PIM_OAUTH_REQUEST (self->authorization_request))) != 0)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                           _ ("The pushed authorization request's “client-id” is not its "
                              "authorization request's"));
      return NULL;
    }
  params = pim_authorization_request_build_params (self->authorization_request, error);
  if (params == NULL)
    return NULL;

  /* Client authentication sends client_id itself, but in HTTP Basic. */
  add_client_id = pim_client_auth_resolve (request) == PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC;
  http = pim_oauth_form_post_new (endpoint);
  for (guint i = 0; i < params->len; i += 2)
    if (add_client_id || strcmp (g_ptr_array_index (params, i), "client_id") != 0)
      pim_http_request_add_form_param (http, g_ptr_array_index (params, i),
                                       g_ptr_array_index (params, i + 1));
  return http;
}

static const PimOAuthRequestKind pushed_kind = {
  .endpoint_member = "pushed_authorization_request_endpoint",
  .auth_methods_member = "token_endpoint_auth_methods_supported",
  .endpoint_name = N_ ("pushed authorization request endpoint"),
  .build = build,
};

static void
pim_pushed_authorization_request_dispose (GObject *object)
{
  PimPushedAuthorizationRequest *self = PIM_PUSHED_AUTHORIZATION_REQUEST (object);

  g_clear_object (&self->authorization_request);

  G_OBJECT_CLASS (pim_pushed_authorization_request_parent_class)->dispose (object);
}

static void
pim_pushed_authorization_request_get_property (GObject    *object,
                                               guint       prop_id,
                                               GValue     *value,
                                               GParamSpec *pspec)
{
  PimPushedAuthorizationRequest *self = PIM_PUSHED_AUTHORIZATION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_AUTHORIZATION_REQUEST:
      g_value_set_object (value, self->authorization_request);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_pushed_authorization_request_set_property (GObject      *object,
                                               guint         prop_id,
                                               const GValue *value,
                                               GParamSpec   *pspec)
{
  PimPushedAuthorizationRequest *self = PIM_PUSHED_AUTHORIZATION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_AUTHORIZATION_REQUEST:
      g_clear_object (&self->authorization_request);
      self->authorization_request = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_pushed_authorization_request_class_init (PimPushedAuthorizationRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pim_pushed_authorization_request_dispose;
  object_class->get_property = pim_pushed_authorization_request_get_property;
  object_class->set_property = pim_pushed_authorization_request_set_property;
  pim_oauth_request_class_set_kind (klass, &pushed_kind);

  /**
   * PimPushedAuthorizationRequest:authorization-request: (getter get_authorization_request) (setter set_authorization_request)
   *
   * The authorization request whose parameters are pushed. Required.
   *
   * Since: 0.1
   */
  properties[PROP_AUTHORIZATION_REQUEST] =
      g_param_spec_object ("authorization-request", NULL, NULL, PIM_TYPE_AUTHORIZATION_REQUEST,
                           flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_pushed_authorization_request_init (PimPushedAuthorizationRequest *self)
{
}

/**
 * pim_pushed_authorization_request_new:
 * @authorization_request: the authorization request to push
 *
 * Creates a pushed authorization request for @authorization_request,
 * with its [property@OAuthRequest:client-id] and
 * [property@OAuthRequest:issuer] (the endpoint is then discovered); set
 * the client's credentials ([property@OAuthRequest:client-secret] or
 * [property@OAuthRequest:client-key]) before sending it.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimPushedAuthorizationRequest *
pim_pushed_authorization_request_new (PimAuthorizationRequest *authorization_request)
{
  PimOAuthRequest *request = (PimOAuthRequest *) authorization_request;

  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (authorization_request), NULL);

  return g_object_new (PIM_TYPE_PUSHED_AUTHORIZATION_REQUEST, "authorization-request",
                       authorization_request, "client-id",
                       pim_oauth_request_get_client_id (request), "issuer",
                       pim_oauth_request_get_issuer (request), NULL);
}

/**
 * pim_pushed_authorization_request_get_authorization_request:
 * @self: a pushed authorization request
 *
 * Gets [property@PushedAuthorizationRequest:authorization-request].
 *
 * Returns: (nullable) (transfer none): the authorization request
 *
 * Since: 0.1
 */
PimAuthorizationRequest *
pim_pushed_authorization_request_get_authorization_request (PimPushedAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_PUSHED_AUTHORIZATION_REQUEST (self), NULL);
  return self->authorization_request;
}

/**
 * pim_pushed_authorization_request_set_authorization_request:
 * @self: a pushed authorization request
 * @authorization_request: (nullable): the authorization request to push
 *
 * Sets [property@PushedAuthorizationRequest:authorization-request].
 *
 * Since: 0.1
 */
void
pim_pushed_authorization_request_set_authorization_request (
    PimPushedAuthorizationRequest *self,
    PimAuthorizationRequest       *authorization_request)
{
  g_return_if_fail (PIM_IS_PUSHED_AUTHORIZATION_REQUEST (self));
  g_return_if_fail (authorization_request == NULL ||
                    PIM_IS_AUTHORIZATION_REQUEST (authorization_request));
  g_object_set (self, "authorization-request", authorization_request, NULL);
}

/* ---- Sending ---- */

static GObject *
parse_pushed_response (PimOAuthRequest *self, PimHttpResponse *response, GError **error)
{
  g_autoptr (JsonObject) json = NULL;

  (void) self;
  /* RFC 9126 §2.2: success is 201 Created, nothing else. */
  if (response->status != 201)
    {
      g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
                   /* translators: %u is an HTTP status such as 200 */
                   _ ("The pushed authorization request endpoint answered %u, not 201 Created"),
                   response->status);
      return NULL;
    }
  json = pim_oauth_response_parse_object (response, _ ("pushed authorization request endpoint"),
                                          error);
  if (json == NULL)
    return NULL;
  return (GObject *) pim_pushed_authorization_response_new_from_object (json, error);
}

/**
 * pim_pushed_authorization_request_send:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Pushes the authorization request's parameters to the pushed
 * authorization request endpoint (RFC 9126 §2.1), authenticating the
 * client, and reads the answer: a `request_uri` and its lifetime.
 *
 * Errors: an [error@OAuthError] when the request is incomplete or its
 * authorization request cannot be built
 * (%PIM_OAUTH_ERROR_INVALID_ARGUMENT, as for
 * [method@AuthorizationRequest.build_url]), when the server refuses it
 * (such as %PIM_OAUTH_ERROR_INVALID_CLIENT or
 * %PIM_OAUTH_ERROR_INVALID_REQUEST_OBJECT; the details are then in
 * [method@OAuthRequest.get_error_response]) or answers something else
 * than 201 Created with a JSON object holding a string `request_uri` and
 * a positive integer `expires_in` (%PIM_OAUTH_ERROR_INVALID_RESPONSE); an
 * [error@HttpError] for transport failures and refusals without an OAuth
 * error; a [error@DiscoveryError] when the endpoint is discovered.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimPushedAuthorizationResponse *
pim_pushed_authorization_request_send (PimPushedAuthorizationRequest *request,
                                       PimHttpClient                 *client,
                                       GCancellable                  *cancellable,
                                       GError                       **error)
{
  g_return_val_if_fail (PIM_IS_PUSHED_AUTHORIZATION_REQUEST (request), NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return (PimPushedAuthorizationResponse *) pim_oauth_call (PIM_OAUTH_REQUEST (request),
                                                            parse_pushed_response, client,
                                                            cancellable, error);
}

/**
 * pim_pushed_authorization_request_send_async:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Pushes an authorization request without blocking; see
 * [method@PushedAuthorizationRequest.send].
 *
 * Since: 0.1
 */
void
pim_pushed_authorization_request_send_async (PimPushedAuthorizationRequest *request,
                                             PimHttpClient                 *client,
                                             GCancellable                  *cancellable,
                                             GAsyncReadyCallback            callback,
                                             gpointer                       user_data)
{
  g_return_if_fail (PIM_IS_PUSHED_AUTHORIZATION_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  pim_oauth_call_method_async (PIM_OAUTH_REQUEST (request), parse_pushed_response, client,
                               cancellable,
                               PIM_SOURCE_TAG (pim_pushed_authorization_request_send_async),
                               callback, user_data);
}

/**
 * pim_pushed_authorization_request_send_finish:
 * @request: the request
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@PushedAuthorizationRequest.send_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimPushedAuthorizationResponse *
pim_pushed_authorization_request_send_finish (PimPushedAuthorizationRequest *request,
                                              GAsyncResult                  *result,
                                              GError                       **error)
{
  g_return_val_if_fail (PIM_IS_PUSHED_AUTHORIZATION_REQUEST (request), NULL);
  g_return_val_if_fail (g_task_is_valid (result, request), NULL);

  return (PimPushedAuthorizationResponse *)
      pim_oauth_call_finish (result, PIM_SOURCE_TAG (pim_pushed_authorization_request_send_async),
                             error);
}
