/* pim-authorization-response.c: PimAuthorizationResponse
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-authorization-response-private.h"
#include "pim-oauth-error.h"

/**
 * PimAuthorizationResponse:
 *
 * A successful authorization response (RFC 6749 §4.1.2, OpenID Connect
 * Core §3.2.2.5 and §3.3.2.5), as
 * [method@AuthorizationRequest.parse_response] returns it once its `state`
 * and `iss` are checked: the authorization `code` to exchange with an
 * [class@AuthorizationCodeTokenRequest], and for the implicit and hybrid
 * response types the tokens that came through the front channel.
 *
 * An ID token here is not validated: pass it to [func@validate_token]
 * with the request's nonce (and, for a hybrid response, the code or
 * access token whose hash it carries). Every parameter, including those
 * of extensions, is in [property@AuthorizationResponse:json].
 *
 * Since: 0.1
 */

struct _PimAuthorizationResponse
{
  GObject parent_instance;

  JsonObject *json;
  const char *code;
  const char *state;
  const char *issuer;
  const char *id_token;
  const char *access_token;
  const char *token_type;
  const char *scope;
  const char *session_state;
  gint64      expires_in;
};

enum
{
  PROP_0,
  PROP_CODE,
  PROP_STATE,
  PROP_ISSUER,
  PROP_ID_TOKEN,
  PROP_ACCESS_TOKEN,
  PROP_TOKEN_TYPE,
  PROP_EXPIRES_IN,
  PROP_SCOPE,
  PROP_SESSION_STATE,
  PROP_JSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimAuthorizationResponse, pim_authorization_response, G_TYPE_OBJECT)

static void
pim_authorization_response_finalize (GObject *object)
{
  PimAuthorizationResponse *self = PIM_AUTHORIZATION_RESPONSE (object);

  g_clear_pointer (&self->json, json_object_unref);

  G_OBJECT_CLASS (pim_authorization_response_parent_class)->finalize (object);
}

static void
pim_authorization_response_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  PimAuthorizationResponse *self = PIM_AUTHORIZATION_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;
    case PROP_ID_TOKEN:
      g_value_set_string (value, self->id_token);
      break;
    case PROP_ACCESS_TOKEN:
      g_value_set_string (value, self->access_token);
      break;
    case PROP_TOKEN_TYPE:
      g_value_set_string (value, self->token_type);
      break;
    case PROP_EXPIRES_IN:
      g_value_set_int64 (value, self->expires_in);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    case PROP_SESSION_STATE:
      g_value_set_string (value, self->session_state);
      break;
    case PROP_JSON:
      g_value_set_boxed (value, self->json);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_authorization_response_class_init (PimAuthorizationResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_authorization_response_finalize;
  object_class->get_property = pim_authorization_response_get_property;

  /**
   * PimAuthorizationResponse:code: (getter get_code)
   *
   * The authorization `code`, for the response types that have one. A
   * secret: never log it.
   *
   * Since: 0.1
   */
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationResponse:state: (getter get_state)
   *
   * The `state`, equal to the request's.
   *
   * Since: 0.1
   */
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationResponse:issuer: (getter get_issuer)
   *
   * The `iss` parameter (RFC 9207), when the provider sent one.
   *
   * Since: 0.1
   */
  properties[PROP_ISSUER] = g_param_spec_string ("issuer", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationResponse:id-token: (getter get_id_token)
   *
   * The `id_token` of the implicit and hybrid response types, not
   * validated.
   *
   * Since: 0.1
   */
  properties[PROP_ID_TOKEN] = g_param_spec_string ("id-token", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationResponse:access-token: (getter get_access_token)
   *
   * The `access_token` of the response types that include `token`. A
   * secret.
   *
   * Since: 0.1
   */
  properties[PROP_ACCESS_TOKEN] = g_param_spec_string ("access-token", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationResponse:token-type: (getter get_token_type)
   *
   * The `token_type` of [property@AuthorizationResponse:access-token].
   *
   * Since: 0.1
   */
  properties[PROP_TOKEN_TYPE] = g_param_spec_string ("token-type", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationResponse:expires-in: (getter get_expires_in)
   *
   * The access token's lifetime in seconds, or -1 when the response did
   * not say.
   *
   * Since: 0.1
   */
  properties[PROP_EXPIRES_IN] =
      g_param_spec_int64 ("expires-in", NULL, NULL, -1, G_MAXINT64, -1, flags);

  /**
   * PimAuthorizationResponse:scope: (getter get_scope)
   *
   * The `scope` granted, when the response says.
   *
   * Since: 0.1
   */
  properties[PROP_SCOPE] = g_param_spec_string ("scope", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationResponse:session-state: (getter get_session_state)
   *
   * The `session_state` of OpenID Connect Session Management, when the
   * provider sent one.
   *
   * Since: 0.1
   */
  properties[PROP_SESSION_STATE] = g_param_spec_string ("session-state", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationResponse:json: (getter get_json)
   *
   * Every parameter of the response, as string members.
   *
   * Since: 0.1
   */
  properties[PROP_JSON] = g_param_spec_boxed ("json", NULL, NULL, JSON_TYPE_OBJECT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_authorization_response_init (PimAuthorizationResponse *self)
{
  self->expires_in = -1;
}

static const char *
string_param (JsonObject *params, const char *name)
{
  JsonNode *node = json_object_get_member (params, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

PimAuthorizationResponse *
pim_authorization_response_new_from_params (JsonObject *params, GError **error)
{
  g_autoptr (PimAuthorizationResponse) self = g_object_new (PIM_TYPE_AUTHORIZATION_RESPONSE, NULL);
  const char *expires_in;

  self->json = json_object_ref (params);
  self->code = string_param (params, "code");
  self->state = string_param (params, "state");
  self->issuer = string_param (params, "iss");
  self->id_token = string_param (params, "id_token");
  self->access_token = string_param (params, "access_token");
  self->token_type = string_param (params, "token_type");
  self->scope = string_param (params, "scope");
  self->session_state = string_param (params, "session_state");
  expires_in = string_param (params, "expires_in");
  if (expires_in != NULL)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (expires_in, 10, 0, G_MAXINT32, &value, NULL))
        {
          g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
                               _ ("The authorization response's “expires_in” is not a number "
                                  "of seconds"));
          return NULL;
        }
      self->expires_in = (gint64) value;
    }
  return g_steal_pointer (&self);
}

/**
 * pim_authorization_response_get_code:
 * @self: an authorization response
 *
 * Gets [property@AuthorizationResponse:code].
 *
 * Returns: (nullable): the authorization code
 *
 * Since: 0.1
 */
const char *
pim_authorization_response_get_code (PimAuthorizationResponse *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return self->code;
}

/**
 * pim_authorization_response_get_state:
 * @self: an authorization response
 *
 * Gets [property@AuthorizationResponse:state].
 *
 * Returns: (nullable): the state
 *
 * Since: 0.1
 */
const char *
pim_authorization_response_get_state (PimAuthorizationResponse *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return self->state;
}

/**
 * pim_authorization_response_get_issuer:
 * @self: an authorization response
 *
 * Gets [property@AuthorizationResponse:issuer].
 *
 * Returns: (nullable): the `iss` parameter
 *
 * Since: 0.1
 */
const char *
pim_authorization_response_get_issuer (PimAuthorizationResponse *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return self->issuer;
}

/**
 * pim_authorization_response_get_id_token:
 * @self: an authorization response
 *
 * Gets [property@AuthorizationResponse:id-token].
 *
 * Returns: (nullable): the ID token, not validated
 *
 * Since: 0.1
 */
const char *
pim_authorization_response_get_id_token (PimAuthorizationResponse *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return self->id_token;
}

/**
 * pim_authorization_response_get_access_token:
 * @self: an authorization response
 *
 * Gets [property@AuthorizationResponse:access-token].
 *
 * Returns: (nullable): the access token
 *
 * Since: 0.1
 */
const char *
pim_authorization_response_get_access_token (PimAuthorizationResponse *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return self->access_token;
}

/**
 * pim_authorization_response_get_token_type:
 * @self: an authorization response
 *
 * Gets [property@AuthorizationResponse:token-type].
 *
 * Returns: (nullable): the token type
 *
 * Since: 0.1
 */
const char *
pim_authorization_response_get_token_type (PimAuthorizationResponse *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return self->token_type;
}

/**
 * pim_authorization_response_get_expires_in:
 * @self: an authorization response
 *
 * Gets [property@AuthorizationResponse:expires-in].
 *
 * Returns: the lifetime in seconds, or -1
 *
 * Since: 0.1
 */
gint64
pim_authorization_response_get_expires_in (PimAuthorizationResponse *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_RESPONSE (self), -1);
  return self->expires_in;
}

/**
 * pim_authorization_response_get_scope:
 * @self: an authorization response
 *
 * Gets [property@AuthorizationResponse:scope].
 *
 * Returns: (nullable): the scope
 *
 * Since: 0.1
 */
const char *
pim_authorization_response_get_scope (PimAuthorizationResponse *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return self->scope;
}

/**
 * pim_authorization_response_get_session_state:
 * @self: an authorization response
 *
 * Gets [property@AuthorizationResponse:session-state].
 *
 * Returns: (nullable): the session state
 *
 * Since: 0.1
 */
const char *
pim_authorization_response_get_session_state (PimAuthorizationResponse *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return self->session_state;
}

/**
 * pim_authorization_response_get_json:
 * @self: an authorization response
 *
 * Gets [property@AuthorizationResponse:json].
 *
 * Returns: (transfer none): every parameter, as string members
 *
 * Since: 0.1
 */
JsonObject *
pim_authorization_response_get_json (PimAuthorizationResponse *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return self->json;
}

/**
 * pim_authorization_response_get_string:
 * @self: an authorization response
 * @name: a parameter name
 *
 * Gets any parameter of the response, such as an extension's.
 *
 * Returns: (nullable): the value, or %NULL if the response has no such
 *   parameter
 *
 * Since: 0.1
 */
const char *
pim_authorization_response_get_string (PimAuthorizationResponse *self, const char *name)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return string_param (self->json, name);
}
