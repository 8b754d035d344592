/* pim-device-authorization-request.c: PimDeviceAuthorizationRequest and
 * pim_request_device_authorization
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-device-authorization-request.h"
#include "pim-device-authorization-response-private.h"
#include "pim-oauth-private.h"

/**
 * PimDeviceAuthorizationRequest:
 *
 * The first step of the device authorization grant (RFC 8628 §3.1), for
 * devices without a browser or with an awkward keyboard: the client asks
 * the device authorization endpoint for a device code and a user code; the
 * user enters the user code on another device while the client polls the
 * token endpoint ([class@DeviceTokenRequest], [func@poll_device_token]).
 *
 * The endpoint is [property@OAuthRequest:address], or the
 * `device_authorization_endpoint` of the issuer's discovery document. The
 * client authenticates as it would at the token endpoint (RFC 8628 has no
 * list of its own): a public client, with no secret and no key, sends only
 * its `client_id`.
 *
 * ```c
 * g_autoptr (PimDeviceAuthorizationRequest) request =
 *   pim_device_authorization_request_new (NULL, "tv-app");
 * g_autoptr (PimDeviceAuthorizationResponse) authorization = NULL;
 *
 * pim_oauth_request_set_issuer (PIM_OAUTH_REQUEST (request), "https://id.example.com");
 * pim_device_authorization_request_set_scope (request, "openid profile");
 * authorization = pim_request_device_authorization (request, NULL, NULL, &error);
 * ```
 *
 * Since: 0.1
 */

struct _PimDeviceAuthorizationRequest
{
  PimOAuthRequest parent_instance;

  char *scope;
  GStrv resources;
};

enum
{
  PROP_0,
  PROP_SCOPE,
  PROP_RESOURCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimDeviceAuthorizationRequest,
                     pim_device_authorization_request,
                     PIM_TYPE_OAUTH_REQUEST)

/* RFC 8628 §3.1: client_id (added by the client authentication), scope,
 * and RFC 8707 resource indicators. */
static PimHttpRequest *
build_device_authorization (PimOAuthRequest *request, const char *endpoint, GError **error)
{
  PimDeviceAuthorizationRequest *self = PIM_DEVICE_AUTHORIZATION_REQUEST (request);
  PimHttpRequest                *http = pim_oauth_form_post_new (endpoint);

  if (self->scope != NULL)
    pim_http_request_add_form_param (http, "scope", self->scope);
  for (gsize i = 0; self->resources != NULL && self->resources[i] != NULL; i++)
    pim_http_request_add_form_param (http, "resource", self->resources[i]);
  return http;
}

static const PimOAuthRequestKind device_authorization_kind = {
  .endpoint_member = "device_authorization_endpoint",
  /* RFC 8628 defines no list of its own: the token endpoint's applies. */
  .auth_methods_member = "token_endpoint_auth_methods_supported",
  .endpoint_name = N_ ("device authorization endpoint"),
  .build = build_device_authorization,
};

static void
pim_device_authorization_request_finalize (GObject *object)
{
  PimDeviceAuthorizationRequest *self = PIM_DEVICE_AUTHORIZATION_REQUEST (object);

  g_free (self->scope);
  g_strfreev (self->resources);

  G_OBJECT_CLASS (pim_device_authorization_request_parent_class)->finalize (object);
}

static void
pim_device_authorization_request_get_property (GObject    *object,
                                               guint       prop_id,
                                               GValue     *value,
                                               GParamSpec *pspec)
{
  PimDeviceAuthorizationRequest *self = PIM_DEVICE_AUTHORIZATION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    case PROP_RESOURCES:
      g_value_set_boxed (value, self->resources);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_device_authorization_request_set_property (GObject      *object,
                                               guint         prop_id,
                                               const GValue *value,
                                               GParamSpec   *pspec)
{
  PimDeviceAuthorizationRequest *self = PIM_DEVICE_AUTHORIZATION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_SCOPE:
      g_free (self->scope);
      self->scope = g_value_dup_string (value);
      break;
    case PROP_RESOURCES:
      g_strfreev (self->resources);
      self->resources = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_device_authorization_request_class_init (PimDeviceAuthorizationRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_device_authorization_request_finalize;
  object_class->get_property = pim_device_authorization_request_get_property;
  object_class->set_property = pim_device_authorization_request_set_property;
  pim_oauth_request_class_set_kind (klass, &device_authorization_kind);

  /**
   * PimDeviceAuthorizationRequest:scope: (getter get_scope) (setter set_scope)
   *
   * The `scope` asked for: space-separated scope values.
   *
   * Since: 0.1
   */
  properties[PROP_SCOPE] = g_param_spec_string ("scope", NULL, NULL, NULL, flags);

  /**
   * PimDeviceAuthorizationRequest:resources: (getter get_resources) (setter set_resources)
   *
   * RFC 8707 `resource` indicators: absolute URIs of the resources the
   * tokens are for, each sent as a `resource` parameter.
   *
   * Since: 0.1
   */
  properties[PROP_RESOURCES] = g_param_spec_boxed ("resources", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_device_authorization_request_init (PimDeviceAuthorizationRequest *self)
{
}

/**
 * pim_device_authorization_request_new:
 * @address: (nullable): the device authorization endpoint, or %NULL to set
 *   an issuer later
 * @client_id: the client's identifier
 *
 * Creates a device authorization request. A confidential client adds its
 * secret or key with [property@OAuthRequest:client-secret] or
 * [property@OAuthRequest:client-key].
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimDeviceAuthorizationRequest *
pim_device_authorization_request_new (const char *address, const char *client_id)
{
  g_return_val_if_fail (client_id != NULL, NULL);

  return g_object_new (PIM_TYPE_DEVICE_AUTHORIZATION_REQUEST, "address", address, "client-id",
                       client_id, NULL);
}

/**
 * pim_device_authorization_request_get_scope:
 * @self: a device authorization request
 *
 * Gets [property@DeviceAuthorizationRequest:scope].
 *
 * Returns: (nullable): the scope
 *
 * Since: 0.1
 */
const char *
pim_device_authorization_request_get_scope (PimDeviceAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_DEVICE_AUTHORIZATION_REQUEST (self), NULL);
  return self->scope;
}

/**
 * pim_device_authorization_request_set_scope:
 * @self: a device authorization request
 * @scope: (nullable): space-separated scope values
 *
 * Sets [property@DeviceAuthorizationRequest:scope].
 *
 * Since: 0.1
 */
void
pim_device_authorization_request_set_scope (PimDeviceAuthorizationRequest *self, const char *scope)
{
  g_return_if_fail (PIM_IS_DEVICE_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "scope", scope, NULL);
}

/**
 * pim_device_authorization_request_get_resources:
 * @self: a device authorization request
 *
 * Gets [property@DeviceAuthorizationRequest:resources].
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1): the resources
 *
 * Since: 0.1
 */
const char *const *
pim_device_authorization_request_get_resources (PimDeviceAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_DEVICE_AUTHORIZATION_REQUEST (self), NULL);
  return (const char *const *) self->resources;
}

/**
 * pim_device_authorization_request_set_resources:
 * @self: a device authorization request
 * @resources: (nullable) (array zero-terminated=1): absolute URIs
 *
 * Sets [property@DeviceAuthorizationRequest:resources].
 *
 * Since: 0.1
 */
void
pim_device_authorization_request_set_resources (PimDeviceAuthorizationRequest *self,
                                                const char *const             *resources)
{
  g_return_if_fail (PIM_IS_DEVICE_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "resources", resources, NULL);
}

/* ---- Sending ---- */

static GObject *
parse_device_authorization (PimOAuthRequest *self, PimHttpResponse *response, GError **error)
{
  g_autoptr (JsonObject) json =
      pim_oauth_response_parse_object (response, _ ("device authorization endpoint"), error);

  if (json == NULL)
    return NULL;
  return (GObject *) pim_device_authorization_response_new_from_object (json, error);
}

/**
 * pim_request_device_authorization:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Asks the device authorization endpoint for a device code and a user
 * code. A refusal is an [error@OAuthError] whose code is the provider's
 * `error`, and @request keeps the provider's answer
 * ([method@OAuthRequest.get_error_response]); an answer without a
 * `device_code`, `user_code`, `verification_uri` or `expires_in`, or with
 * a member of the wrong type, is %PIM_OAUTH_ERROR_INVALID_RESPONSE.
 *
 * Possible error domains include [error@OAuthError], [error@HttpError]
 * and, when the endpoint is discovered, [error@DiscoveryError].
 *
 * Returns: (transfer full): the provider's answer, or %NULL with @error set
 *
 * Since: 0.1
 */
PimDeviceAuthorizationResponse *
pim_request_device_authorization (PimDeviceAuthorizationRequest *request,
                                  PimHttpClient                 *client,
                                  GCancellable                  *cancellable,
                                  GError                       **error)
{
  g_return_val_if_fail (PIM_IS_DEVICE_AUTHORIZATION_REQUEST (request), NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return (PimDeviceAuthorizationResponse *) pim_oauth_call (PIM_OAUTH_REQUEST (request),
                                                            parse_device_authorization, client,
                                                            cancellable, error);
}

/**
 * pim_request_device_authorization_async:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Asks for a device code and a user code, as
 * [func@request_device_authorization] does, without blocking.
 *
 * Since: 0.1
 */
void
pim_request_device_authorization_async (PimDeviceAuthorizationRequest *request,
                                        PimHttpClient                 *client,
                                        GCancellable                  *cancellable,
                                        GAsyncReadyCallback            callback,
                                        gpointer                       user_data)
{
  g_return_if_fail (PIM_IS_DEVICE_AUTHORIZATION_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  pim_oauth_call_async (PIM_OAUTH_REQUEST (request), parse_device_authorization, client,
                        cancellable, PIM_SOURCE_TAG (pim_request_device_authorization_async),
                        callback, user_data);
}

/**
 * pim_request_device_authorization_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@request_device_authorization_async].
 *
 * Returns: (transfer full): the provider's answer, or %NULL with @error set
 *
 * Since: 0.1
 */
PimDeviceAuthorizationResponse *
pim_request_device_authorization_finish (GAsyncResult *result, GError **error)
{
  return (PimDeviceAuthorizationResponse *)
      pim_oauth_call_finish (result, PIM_SOURCE_TAG (pim_request_device_authorization_async),
                             error);
}
