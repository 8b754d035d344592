/* pim-token-response.c: PimTokenResponse
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-oauth-json-private.h"
#include "pim-oauth-private.h"
#include "pim-token-response-private.h"

/**
 * PimTokenResponse:
 *
 * A successful answer of the token endpoint (RFC 6749 §5.1): the access
 * token, its type and lifetime, and whatever else the grant gave — a
 * refresh token, an ID token, the granted scope, the issued token type
 * of a token exchange (RFC 8693) — with the raw JSON for any other member.
 *
 * [property@TokenResponse:expires-at] is the absolute expiry, computed when
 * the answer arrived, so that a stored response can tell whether its token
 * is still fresh.
 *
 * Since: 0.1
 */

struct _PimTokenResponse
{
  GObject parent_instance;

  JsonObject *json;
  const char *access_token;
  const char *token_type;
  const char *refresh_token;
  const char *id_token;
  const char *scope;
  const char *issued_token_type;
  gint64      expires_in;
  gint64      expires_at;
};

enum
{
  PROP_0,
  PROP_ACCESS_TOKEN,
  PROP_TOKEN_TYPE,
  PROP_EXPIRES_IN,
  PROP_EXPIRES_AT,
  PROP_REFRESH_TOKEN,
  PROP_ID_TOKEN,
  PROP_SCOPE,
  PROP_ISSUED_TOKEN_TYPE,
  PROP_JSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimTokenResponse, pim_token_response, G_TYPE_OBJECT)

static void
pim_token_response_finalize (GObject *object)
{
  PimTokenResponse *self = PIM_TOKEN_RESPONSE (object);

  g_clear_pointer (&self->json, json_object_unref);

  G_OBJECT_CLASS (pim_token_response_parent_class)->finalize (object);
}

static void
pim_token_response_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PimTokenResponse *self = PIM_TOKEN_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_ACCESS_TOKEN:
      g_value_set_string (value, self->access_token);
      break;
    case PROP_TOKEN_TYPE:
      g_value_set_string (value, self->token_type);
      break;
    case PROP_EXPIRES_IN:
      g_value_set_int64 (value, self->expires_in);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_int64 (value, self->expires_at);
      break;
    case PROP_REFRESH_TOKEN:
      g_value_set_string (value, self->refresh_token);
      break;
    case PROP_ID_TOKEN:
      g_value_set_string (value, self->id_token);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    case PROP_ISSUED_TOKEN_TYPE:
      g_value_set_string (value, self->issued_token_type);
      break;
    case PROP_JSON:
      g_value_set_boxed (value, self->json);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_token_response_class_init (PimTokenResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_token_response_finalize;
  object_class->get_property = pim_token_response_get_property;

  /**
   * PimTokenResponse:access-token: (getter get_access_token)
   *
   * The access token. A secret: never log it.
   *
   * Since: 0.1
   */
  properties[PROP_ACCESS_TOKEN] = g_param_spec_string ("access-token", NULL, NULL, NULL, flags);

  /**
   * PimTokenResponse:token-type: (getter get_token_type)
   *
   * The token's type as sent, such as `Bearer`, `DPoP` or, for a token
   * exchange that issued something other than an access token, `N_A`.
   *
   * Since: 0.1
   */
  properties[PROP_TOKEN_TYPE] = g_param_spec_string ("token-type", NULL, NULL, NULL, flags);

  /**
   * PimTokenResponse:expires-in: (getter get_expires_in)
   *
   * The token's lifetime in seconds as sent, or -1 when the answer did not
   * say.
   *
   * Since: 0.1
   */
  properties[PROP_EXPIRES_IN] =
      g_param_spec_int64 ("expires-in", NULL, NULL, -1, G_MAXINT64, -1, flags);

  /**
   * PimTokenResponse:expires-at: (getter get_expires_at)
   *
   * When the token expires, in Unix seconds, from
   * [property@TokenResponse:expires-in] and the time the answer arrived;
   * 0 when the answer did not say.
   *
   * Since: 0.1
   */
  properties[PROP_EXPIRES_AT] =
      g_param_spec_int64 ("expires-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * PimTokenResponse:refresh-token: (getter get_refresh_token)
   *
   * The refresh token, if one was issued. A secret.
   *
   * Since: 0.1
   */
  properties[PROP_REFRESH_TOKEN] = g_param_spec_string ("refresh-token", NULL, NULL, NULL, flags);

  /**
   * PimTokenResponse:id-token: (getter get_id_token)
   *
   * The ID token, if one was issued. It is not validated here: pass it to
   * [func@validate_token].
   *
   * Since: 0.1
   */
  properties[PROP_ID_TOKEN] = g_param_spec_string ("id-token", NULL, NULL, NULL, flags);

  /**
   * PimTokenResponse:scope: (getter get_scope)
   *
   * The scope granted, when the answer says (RFC 6749 §5.1: when it
   * differs from the scope asked for).
   *
   * Since: 0.1
   */
  properties[PROP_SCOPE] = g_param_spec_string ("scope", NULL, NULL, NULL, flags);

  /**
   * PimTokenResponse:issued-token-type: (getter get_issued_token_type)
   *
   * For a token exchange (RFC 8693): the type of the issued token, a URI
   * such as `urn:ietf:params:oauth:token-type:access_token`.
   *
   * Since: 0.1
   */
  properties[PROP_ISSUED_TOKEN_TYPE] =
      g_param_spec_string ("issued-token-type", NULL, NULL, NULL, flags);

  /**
   * PimTokenResponse:json: (getter get_json)
   *
   * The whole answer, with any member beyond the standard ones.
   *
   * Since: 0.1
   */
  properties[PROP_JSON] = g_param_spec_boxed ("json", NULL, NULL, JSON_TYPE_OBJECT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_token_response_init (PimTokenResponse *self)
{
  self->expires_in = -1;
}

PimTokenResponse *
pim_token_response_new_from_object (JsonObject *json, GError **error)
{
  g_autoptr (PimTokenResponse) self = g_object_new (PIM_TYPE_TOKEN_RESPONSE, NULL);

  const char *what = _ ("token response");

  self->json = json_object_ref (json);
  if (!pim_oauth_json_string (json, "access_token", TRUE, what, &self->access_token, error) ||
      !pim_oauth_json_string (json, "token_type", TRUE, what, &self->token_type, error) ||
      !pim_oauth_json_string (json, "refresh_token", FALSE, what, &self->refresh_token, error) ||
      !pim_oauth_json_string (json, "id_token", FALSE, what, &self->id_token, error) ||
      !pim_oauth_json_string (json, "scope", FALSE, what, &self->scope, error) ||
      !pim_oauth_json_string (json, "issued_token_type", FALSE, what, &self->issued_token_type,
                              error) ||
      !pim_oauth_json_int (json, "expires_in", FALSE, what, &self->expires_in, error))
    return NULL;
  if (self->expires_in >= 0)
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      /* Saturating: a provider's huge lifetime must not wrap around. */
      self->expires_at = self->expires_in > G_MAXINT64 - now ? G_MAXINT64 : now + self->expires_in;
    }
  return g_steal_pointer (&self);
}

/**
 * pim_token_response_new_from_json:
 * @json: a token endpoint's answer, as JSON text
 * @error: return location for a #GError
 *
 * Reads a token response, for example one saved earlier, with the checks
 * applied to answers of the token endpoint: `access_token` and
 * `token_type` present, members of the right types.
 * [property@TokenResponse:expires-at] counts from now.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_token_response_new_from_json (const char *json, GError **error)
{
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  node = pim_oauth_json_parse_object (json, _ ("The token response is not a JSON object"), error);
  if (node == NULL)
    return NULL;
  return pim_token_response_new_from_object (json_node_get_object (node), error);
}

#define GETTER(type, name, fallback)                               \
  type pim_token_response_get_##name (PimTokenResponse *self)      \
  {                                                                \
    g_return_val_if_fail (PIM_IS_TOKEN_RESPONSE (self), fallback); \
    return self->name;                                             \
  }

/**
 * pim_token_response_get_access_token:
 * @self: a token response
 *
 * Gets [property@TokenResponse:access-token].
 *
 * Returns: the access token
 *
 * Since: 0.1
 */
GETTER (const char *, access_token, NULL)

/**
 * pim_token_response_get_token_type:
 * @self: a token response
 *
 * Gets [property@TokenResponse:token-type].
 *
 * Returns: the token type
 *
 * Since: 0.1
 */
GETTER (const char *, token_type, NULL)

/**
 * pim_token_response_get_expires_in:
 * @self: a token response
 *
 * Gets [property@TokenResponse:expires-in].
 *
 * Returns: the lifetime in seconds, or -1
 *
 * Since: 0.1
 */
GETTER (gint64, expires_in, -1)

/**
 * pim_token_response_get_expires_at:
 * @self: a token response
 *
 * Gets [property@TokenResponse:expires-at].
 *
 * Returns: the expiry in Unix seconds, or 0
 *
 * Since: 0.1
 */
GETTER (gint64, expires_at, 0)

/**
 * pim_token_response_get_refresh_token:
 * @self: a token response
 *
 * Gets [property@TokenResponse:refresh-token].
 *
 * Returns: (nullable): the refresh token
 *
 * Since: 0.1
 */
GETTER (const char *, refresh_token, NULL)

/**
 * pim_token_response_get_id_token:
 * @self: a token response
 *
 * Gets [property@TokenResponse:id-token].
 *
 * Returns: (nullable): the ID token
 *
 * Since: 0.1
 */
GETTER (const char *, id_token, NULL)

/**
 * pim_token_response_get_scope:
 * @self: a token response
 *
 * Gets [property@TokenResponse:scope].
 *
 * Returns: (nullable): the granted scope
 *
 * Since: 0.1
 */
GETTER (const char *, scope, NULL)

/**
 * pim_token_response_get_issued_token_type:
 * @self: a token response
 *
 * Gets [property@TokenResponse:issued-token-type].
 *
 * Returns: (nullable): the issued token's type
 *
 * Since: 0.1
 */
GETTER (const char *, issued_token_type, NULL)

/**
 * pim_token_response_get_json:
 * @self: a token response
 *
 * Gets [property@TokenResponse:json].
 *
 * Returns: (transfer none): the whole answer
 *
 * Since: 0.1
 */
GETTER (JsonObject *, json, NULL)

/**
 * pim_token_response_get_string:
 * @self: a token response
 * @name: a member name
 *
 * Gets any string member of the answer, such as an extension's.
 *
 * Returns: (nullable): the value, or %NULL if the member is missing or not
 *   a string
 *
 * Since: 0.1
 */
const char *
pim_token_response_get_string (PimTokenResponse *self, const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (PIM_IS_TOKEN_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  node = json_object_get_member (self->json, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}
