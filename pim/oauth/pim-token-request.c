/* pim-token-request.c: PimTokenRequest and pim_request_token
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-dpop-key-private.h"
#include "pim-oauth-private.h"
#include "pim-token-request-private.h"
#include "pim-token-response-private.h"

/**
 * PimTokenRequest:
 *
 * A request to the token endpoint (RFC 6749 §3.2). Its subclasses are the
 * grants Pim models — [class@ClientCredentialsTokenRequest],
 * [class@AuthorizationCodeTokenRequest], [class@RefreshTokenRequest],
 * [class@DeviceTokenRequest], [class@TokenExchangeRequest] — and it serves
 * itself for any other grant (an extension grant type such as
 * `urn:ietf:params:oauth:grant-type:jwt-bearer`): set
 * [property@TokenRequest:grant-type] and add the grant's parameters with
 * [method@OAuthRequest.add_parameter].
 *
 * Every grant may carry a `scope`, RFC 8707 `resource` indicators and
 * `audience` values (repeatable, for token exchange and for providers that
 * take one). [func@request_token] sends any of them.
 *
 * Since: 0.1
 */

typedef struct
{
  char *grant_type;
  char *scope;
  GStrv resources;
  GStrv audiences;
} PimTokenRequestPrivate;

enum
{
  PROP_0,
  PROP_GRANT_TYPE,
  PROP_SCOPE,
  PROP_RESOURCES,
  PROP_AUDIENCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (PimTokenRequest, pim_token_request, PIM_TYPE_OAUTH_REQUEST)

#define PRIV(self) ((PimTokenRequestPrivate *) pim_token_request_get_instance_private (self))

static PimHttpRequest *
build_generic (PimOAuthRequest *self, const char *endpoint, GError **error)
{
  return pim_token_request_build_form (PIM_TOKEN_REQUEST (self), endpoint, error);
}

static const PimOAuthRequestKind generic_kind = {
  .endpoint_member = "token_endpoint",
  .auth_methods_member = "token_endpoint_auth_methods_supported",
  .endpoint_name = N_ ("token endpoint"),
  .build = build_generic,
};

static void
pim_token_request_finalize (GObject *object)
{
  PimTokenRequestPrivate *priv = PRIV (PIM_TOKEN_REQUEST (object));

  g_free (priv->grant_type);
  g_free (priv->scope);
  g_strfreev (priv->resources);
  g_strfreev (priv->audiences);

  G_OBJECT_CLASS (pim_token_request_parent_class)->finalize (object);
}

static void
pim_token_request_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PimTokenRequestPrivate *priv = PRIV (PIM_TOKEN_REQUEST (object));

  switch (prop_id)
    {
    case PROP_GRANT_TYPE:
      g_value_set_string (value, priv->grant_type);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, priv->scope);
      break;
    case PROP_RESOURCES:
      g_value_set_boxed (value, priv->resources);
      break;
    case PROP_AUDIENCES:
      g_value_set_boxed (value, priv->audiences);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_token_request_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PimTokenRequestPrivate *priv = PRIV (PIM_TOKEN_REQUEST (object));

  switch (prop_id)
    {
    case PROP_GRANT_TYPE:
      g_free (priv->grant_type);
      priv->grant_type = g_value_dup_string (value);
      break;
    case PROP_SCOPE:
      g_free (priv->scope);
      priv->scope = g_value_dup_string (value);
      break;
    case PROP_RESOURCES:
      g_strfreev (priv->resources);
      priv->resources = g_value_dup_boxed (value);
      break;
    case PROP_AUDIENCES:
      g_strfreev (priv->audiences);
      priv->audiences = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_token_request_class_init (PimTokenRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_token_request_finalize;
  object_class->get_property = pim_token_request_get_property;
  object_class->set_property = pim_token_request_set_property;
  pim_oauth_request_class_set_kind (klass, &generic_kind);

  /**
   * PimTokenRequest:grant-type: (getter get_grant_type)
   *
   * The `grant_type`. The subclasses set their own; a plain
   * [class@TokenRequest] needs one.
   *
   * Since: 0.1
   */
  properties[PROP_GRANT_TYPE] = g_param_spec_string ("grant-type", NULL, NULL, NULL, flags);

  /**
   * PimTokenRequest:scope: (getter get_scope) (setter set_scope)
   *
   * The `scope` asked for: space-separated scope values.
   *
   * Since: 0.1
   */
  properties[PROP_SCOPE] = g_param_spec_string ("scope", NULL, NULL, NULL, flags);

  /**
   * PimTokenRequest:resources: (getter get_resources) (setter set_resources)
   *
   * RFC 8707 `resource` indicators: absolute URIs of the resources the
   * token is for, each sent as a `resource` parameter.
   *
   * Since: 0.1
   */
  properties[PROP_RESOURCES] = g_param_spec_boxed ("resources", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * PimTokenRequest:audiences: (getter get_audiences) (setter set_audiences)
   *
   * `audience` values (RFC 8693, and providers that take one with other
   * grants), each sent as an `audience` parameter.
   *
   * Since: 0.1
   */
  properties[PROP_AUDIENCES] = g_param_spec_boxed ("audiences", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_token_request_init (PimTokenRequest *self)
{
}

PimHttpRequest *
pim_token_request_build_form (PimTokenRequest *self, const char *endpoint, GError **error)
{
  PimTokenRequestPrivate *priv = PRIV (self);
  g_autoptr (PimHttpRequest) http = NULL;

  if (priv->grant_type == NULL || *priv->grant_type == '\0')
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                           _ ("The token request has no “grant-type”"));
      return NULL;
    }
  http = pim_oauth_form_post_new (endpoint);
  pim_http_request_add_form_param (http, "grant_type", priv->grant_type);
  if (priv->scope != NULL)
    pim_http_request_add_form_param (http, "scope", priv->scope);
  for (gsize i = 0; priv->resources != NULL && priv->resources[i] != NULL; i++)
    pim_http_request_add_form_param (http, "resource", priv->resources[i]);
  for (gsize i = 0; priv->audiences != NULL && priv->audiences[i] != NULL; i++)
    pim_http_request_add_form_param (http, "audience", priv->audiences[i]);
  /* RFC 9449 §5: a proof of the DPoP key binds the tokens to it. */
  if (pim_oauth_request_get_dpop_key (PIM_OAUTH_REQUEST (self)) != NULL &&
      !pim_dpop_key_apply (pim_oauth_request_get_dpop_key (PIM_OAUTH_REQUEST (self)), http, NULL,
                           error))
    return NULL;
  return g_steal_pointer (&http);
}

/**
 * pim_token_request_new:
 * @grant_type: the `grant_type`
 *
 * Creates a request for a grant type Pim has no class for.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimTokenRequest *
pim_token_request_new (const char *grant_type)
{
  g_return_val_if_fail (grant_type != NULL, NULL);

  return g_object_new (PIM_TYPE_TOKEN_REQUEST, "grant-type", grant_type, NULL);
}

/**
 * pim_token_request_get_grant_type:
 * @self: a token request
 *
 * Gets [property@TokenRequest:grant-type].
 *
 * Returns: (nullable): the grant type
 *
 * Since: 0.1
 */
const char *
pim_token_request_get_grant_type (PimTokenRequest *self)
{
  g_return_val_if_fail (PIM_IS_TOKEN_REQUEST (self), NULL);
  return PRIV (self)->grant_type;
}

/**
 * pim_token_request_get_scope:
 * @self: a token request
 *
 * Gets [property@TokenRequest:scope].
 *
 * Returns: (nullable): the scope
 *
 * Since: 0.1
 */
const char *
pim_token_request_get_scope (PimTokenRequest *self)
{
  g_return_val_if_fail (PIM_IS_TOKEN_REQUEST (self), NULL);
  return PRIV (self)->scope;
}

/**
 * pim_token_request_set_scope:
 * @self: a token request
 * @scope: (nullable): space-separated scope values
 *
 * Sets [property@TokenRequest:scope].
 *
 * Since: 0.1
 */
void
pim_token_request_set_scope (PimTokenRequest *self, const char *scope)
{
  g_return_if_fail (PIM_IS_TOKEN_REQUEST (self));
  g_object_set (self, "scope", scope, NULL);
}

/**
 * pim_token_request_get_resources:
 * @self: a token request
 *
 * Gets [property@TokenRequest:resources].
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1): the resources
 *
 * Since: 0.1
 */
const char *const *
pim_token_request_get_resources (PimTokenRequest *self)
{
  g_return_val_if_fail (PIM_IS_TOKEN_REQUEST (self), NULL);
  return (const char *const *) PRIV (self)->resources;
}

/**
 * pim_token_request_set_resources:
 * @self: a token request
 * @resources: (nullable) (array zero-terminated=1): absolute URIs
 *
 * Sets [property@TokenRequest:resources].
 *
 * Since: 0.1
 */
void
pim_token_request_set_resources (PimTokenRequest *self, const char *const *resources)
{
  g_return_if_fail (PIM_IS_TOKEN_REQUEST (self));
  g_object_set (self, "resources", resources, NULL);
}

/**
 * pim_token_request_get_audiences:
 * @self: a token request
 *
 * Gets [property@TokenRequest:audiences].
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1): the audiences
 *
 * Since: 0.1
 */
const char *const *
pim_token_request_get_audiences (PimTokenRequest *self)
{
  g_return_val_if_fail (PIM_IS_TOKEN_REQUEST (self), NULL);
  return (const char *const *) PRIV (self)->audiences;
}

/**
 * pim_token_request_set_audiences:
 * @self: a token request
 * @audiences: (nullable) (array zero-terminated=1): audience values
 *
 * Sets [property@TokenRequest:audiences].
 *
 * Since: 0.1
 */
void
pim_token_request_set_audiences (PimTokenRequest *self, const char *const *audiences)
{
  g_return_if_fail (PIM_IS_TOKEN_REQUEST (self));
  g_object_set (self, "audiences", audiences, NULL);
}

/* ---- Sending ---- */

GObject *
pim_token_request_parse_response (PimOAuthRequest *self, PimHttpResponse *response, GError **error)
{
  g_autoptr (JsonObject) json =
      pim_oauth_response_parse_object (response, _ ("token endpoint"), error);

  if (json == NULL)
    return NULL;
  return (GObject *) pim_token_response_new_from_object (json, error);
}

PimTokenResponse *
pim_token_request_send (PimTokenRequest *request,
                        PimHttpClient   *client,
                        GCancellable    *cancellable,
                        GError         **error)
{
  return (PimTokenResponse *) pim_oauth_call (PIM_OAUTH_REQUEST (request),
                                              pim_token_request_parse_response, client, cancellable,
                                              error);
}

void
pim_token_request_send_async (PimTokenRequest    *request,
                              PimHttpClient      *client,
                              GCancellable       *cancellable,
                              gpointer            source_tag,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  pim_oauth_call_async (PIM_OAUTH_REQUEST (request), pim_token_request_parse_response, client,
                        cancellable, source_tag, callback, user_data);
}

/**
 * pim_request_token:
 * @request: a token request of any grant
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a token request and reads the answer. A refusal is an
 * [error@OAuthError] whose code is the provider's `error`, and
 * @request keeps the provider's answer
 * ([method@OAuthRequest.get_error_response]); an answer without an
 * access token is %PIM_OAUTH_ERROR_INVALID_RESPONSE.
 *
 * Possible error domains include [error@OAuthError], [error@HttpError]
 * and, when the endpoint is discovered, [error@DiscoveryError].
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_request_token (PimTokenRequest *request,
                   PimHttpClient   *client,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_return_val_if_fail (PIM_IS_TOKEN_REQUEST (request), NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pim_token_request_send (request, client, cancellable, error);
}

/**
 * pim_request_token_async:
 * @request: a token request of any grant
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Sends a token request, as [func@request_token] does, without blocking.
 *
 * Since: 0.1
 */
void
pim_request_token_async (PimTokenRequest    *request,
                         PimHttpClient      *client,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_return_if_fail (PIM_IS_TOKEN_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  pim_token_request_send_async (request, client, cancellable,
                                PIM_SOURCE_TAG (pim_request_token_async), callback, user_data);
}

/**
 * pim_request_token_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@request_token_async].
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_request_token_finish (GAsyncResult *result, GError **error)
{
  return (PimTokenResponse *) pim_oauth_call_finish (result,
                                                     PIM_SOURCE_TAG (pim_request_token_async),
                                                     error);
}
