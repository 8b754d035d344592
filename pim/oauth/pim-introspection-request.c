/* pim-introspection-request.c: PimIntrospectionRequest and pim_introspect_token
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-introspection-request.h"
#include "pim-introspection-response-private.h"
#include "pim-oauth-private.h"

/**
 * PimIntrospectionRequest:
 *
 * A question to the introspection endpoint (RFC 7662): is this token
 * active, and what does it stand for? A resource server asks it about the
 * opaque tokens it is given, authenticating as a client
 * ([class@OAuthRequest]).
 *
 * ```python
 * request = Pim.IntrospectionRequest(
 *     issuer='https://id.example.com', client_id='orders-api',
 *     client_secret=secret, token=token)
 * response = Pim.introspect_token(request, None, None)
 * if response.props.active:
 *     print(response.props.scope, response.props.subject)
 * ```
 *
 * The endpoint is [property@OAuthRequest:address], or the discovery
 * document's `introspection_endpoint`; the client authentication method
 * must then be one of `introspection_endpoint_auth_methods_supported`
 * (or, without that list, of the token endpoint's).
 *
 * A token the server does not know, or will not describe to this client,
 * is not an error: the answer is then an inactive
 * [class@IntrospectionResponse].
 *
 * Since: 0.1
 */

struct _PimIntrospectionRequest
{
  PimOAuthRequest parent_instance;

  char *token;
  char *token_type_hint;
};

enum
{
  PROP_0,
  PROP_TOKEN,
  PROP_TOKEN_TYPE_HINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimIntrospectionRequest, pim_introspection_request, PIM_TYPE_OAUTH_REQUEST)

static PimHttpRequest *
build (PimOAuthRequest *request, const char *endpoint, GError **error)
{
  PimIntrospectionRequest *self = PIM_INTROSPECTION_REQUEST (request);

  return pim_oauth_token_form_new (endpoint, self->token, self->token_type_hint, error);
}

static const PimOAuthRequestKind introspection_kind = {
  .endpoint_member = "introspection_endpoint",
  .auth_methods_member = "introspection_endpoint_auth_methods_supported",
  .endpoint_name = N_ ("introspection endpoint"),
  .build = build,
};

static void
pim_introspection_request_finalize (GObject *object)
{
  PimIntrospectionRequest *self = PIM_INTROSPECTION_REQUEST (object);

  pim_oauth_clear_secret (&self->token);
  g_free (self->token_type_hint);

  G_OBJECT_CLASS (pim_introspection_request_parent_class)->finalize (object);
}

static void
pim_introspection_request_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  PimIntrospectionRequest *self = PIM_INTROSPECTION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_TOKEN_TYPE_HINT:
      g_value_set_string (value, self->token_type_hint);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_introspection_request_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  PimIntrospectionRequest *self = PIM_INTROSPECTION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      pim_oauth_clear_secret (&self->token);
      self->token = g_value_dup_string (value);
      break;
    case PROP_TOKEN_TYPE_HINT:
      g_free (self->token_type_hint);
      self->token_type_hint = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_introspection_request_class_init (PimIntrospectionRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_introspection_request_finalize;
  object_class->get_property = pim_introspection_request_get_property;
  object_class->set_property = pim_introspection_request_set_property;
  pim_oauth_request_class_set_kind (klass, &introspection_kind);

  /**
   * PimIntrospectionRequest:token: (getter get_token) (setter set_token)
   *
   * The token to ask about (`token`). Required. It is a secret: Pim never
   * logs it or puts it in an error message, and wipes it from memory
   * when it is replaced or the request is freed; it stays readable for
   * the caller's convenience, so do not print the request's properties.
   *
   * Since: 0.1
   */
  properties[PROP_TOKEN] = g_param_spec_string ("token", NULL, NULL, NULL, flags);

  /**
   * PimIntrospectionRequest:token-type-hint: (getter get_token_type_hint) (setter set_token_type_hint)
   *
   * What the token is believed to be (`token_type_hint`), such as
   * `access_token` or `refresh_token`. Sent as given; a server that finds
   * the hint wrong looks the token up as any other type (RFC 7662 §2.1).
   *
   * Since: 0.1
   */
  properties[PROP_TOKEN_TYPE_HINT] =
      g_param_spec_string ("token-type-hint", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_introspection_request_init (PimIntrospectionRequest *self)
{
}

/**
 * pim_introspection_request_new:
 * @address: (nullable): the introspection endpoint, or %NULL to set an
 *   issuer later
 * @client_id: the client's identifier
 * @client_secret: (nullable): the client's secret, or %NULL to set a key
 *   later
 *
 * Creates an introspection request; set its
 * [property@IntrospectionRequest:token] before sending it.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimIntrospectionRequest *
pim_introspection_request_new (const char *address,
                               const char *client_id,
                               const char *client_secret)
{
  g_return_val_if_fail (client_id != NULL, NULL);

  return g_object_new (PIM_TYPE_INTROSPECTION_REQUEST, "address", address, "client-id", client_id,
                       "client-secret", client_secret, NULL);
}

/**
 * pim_introspection_request_get_token:
 * @self: an introspection request
 *
 * Gets [property@IntrospectionRequest:token].
 *
 * Returns: (nullable): the token
 *
 * Since: 0.1
 */
const char *
pim_introspection_request_get_token (PimIntrospectionRequest *self)
{
  g_return_val_if_fail (PIM_IS_INTROSPECTION_REQUEST (self), NULL);
  return self->token;
}

/**
 * pim_introspection_request_set_token:
 * @self: an introspection request
 * @token: (nullable): the token to ask about
 *
 * Sets [property@IntrospectionRequest:token].
 *
 * Since: 0.1
 */
void
pim_introspection_request_set_token (PimIntrospectionRequest *self, const char *token)
{
  g_return_if_fail (PIM_IS_INTROSPECTION_REQUEST (self));
  g_object_set (self, "token", token, NULL);
}

/**
 * pim_introspection_request_get_token_type_hint:
 * @self: an introspection request
 *
 * Gets [property@IntrospectionRequest:token-type-hint].
 *
 * Returns: (nullable): the hint
 *
 * Since: 0.1
 */
const char *
pim_introspection_request_get_token_type_hint (PimIntrospectionRequest *self)
{
  g_return_val_if_fail (PIM_IS_INTROSPECTION_REQUEST (self), NULL);
  return self->token_type_hint;
}

/**
 * pim_introspection_request_set_token_type_hint:
 * @self: an introspection request
 * @token_type_hint: (nullable): a hint such as `access_token`
 *
 * Sets [property@IntrospectionRequest:token-type-hint].
 *
 * Since: 0.1
 */
void
pim_introspection_request_set_token_type_hint (PimIntrospectionRequest *self,
                                               const char              *token_type_hint)
{
  g_return_if_fail (PIM_IS_INTROSPECTION_REQUEST (self));
  g_object_set (self, "token-type-hint", token_type_hint, NULL);
}

/* ---- Sending ---- */

static GObject *
parse_introspection_response (PimOAuthRequest *self, PimHttpResponse *response, GError **error)
{
  g_autoptr (JsonObject) json =
      pim_oauth_response_parse_object (response, _ ("introspection endpoint"), error);

  if (json == NULL)
    return NULL;
  return (GObject *) pim_introspection_response_new_from_object (json, error);
}

/**
 * pim_introspect_token:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Asks the introspection endpoint about
 * [property@IntrospectionRequest:token] (RFC 7662 §2.1).
 *
 * A token that is unknown, expired, revoked or not this client's to ask
 * about gives an inactive response, not an error. Errors: an
 * [error@OAuthError] when the request is incomplete
 * (%PIM_OAUTH_ERROR_INVALID_ARGUMENT), when the server refuses it (such
 * as %PIM_OAUTH_ERROR_INVALID_CLIENT; the details are then in
 * [method@OAuthRequest.get_error_response]) or answers something that is
 * not an introspection response (%PIM_OAUTH_ERROR_INVALID_RESPONSE: not a
 * JSON object, no boolean `active`, a member of the wrong type); an
 * [error@HttpError] for transport failures and refusals without an OAuth
 * error; a [error@DiscoveryError] when the endpoint is discovered.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimIntrospectionResponse *
pim_introspect_token (PimIntrospectionRequest *request,
                      PimHttpClient           *client,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  g_return_val_if_fail (PIM_IS_INTROSPECTION_REQUEST (request), NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return (PimIntrospectionResponse *) pim_oauth_call (PIM_OAUTH_REQUEST (request),
                                                      parse_introspection_response, client,
                                                      cancellable, error);
}

/**
 * pim_introspect_token_async:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Asks the introspection endpoint about a token without blocking; see
 * [func@introspect_token].
 *
 * Since: 0.1
 */
void
pim_introspect_token_async (PimIntrospectionRequest *request,
                            PimHttpClient           *client,
                            GCancellable            *cancellable,
                            GAsyncReadyCallback      callback,
                            gpointer                 user_data)
{
  g_return_if_fail (PIM_IS_INTROSPECTION_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  pim_oauth_call_async (PIM_OAUTH_REQUEST (request), parse_introspection_response, client,
                        cancellable, PIM_SOURCE_TAG (pim_introspect_token_async), callback,
                        user_data);
}

/**
 * pim_introspect_token_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@introspect_token_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimIntrospectionResponse *
pim_introspect_token_finish (GAsyncResult *result, GError **error)
{
  return (PimIntrospectionResponse *)
      pim_oauth_call_finish (result, PIM_SOURCE_TAG (pim_introspect_token_async), error);
}
