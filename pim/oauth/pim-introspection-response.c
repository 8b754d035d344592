/* pim-introspection-response.c: PimIntrospectionResponse
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-introspection-response-private.h"
#include "pim-oauth-private.h"

/**
 * PimIntrospectionResponse:
 *
 * What the introspection endpoint said about a token (RFC 7662 §2.2):
 * whether it is active and, when it is, what it stands for — its scope,
 * client, user, lifetime, subject, audiences, issuer — with the raw JSON
 * for any other member.
 *
 * An inactive token is one the server does not know, that expired, was
 * revoked, or that the asking client may not learn about; the server need
 * not tell which, and should say nothing more (RFC 7662 §2.2). For an
 * inactive token, then, every getter but
 * [method@IntrospectionResponse.get_active] and
 * [method@IntrospectionResponse.get_json] returns %NULL, 0 or %FALSE,
 * whatever else the server sent: nothing about a token that is not active
 * is to be trusted.
 *
 * Since: 0.1
 */

struct _PimIntrospectionResponse
{
  GObject parent_instance;

  JsonObject *json;
  gboolean    active;
  const char *scope;
  const char *client_id;
  const char *username;
  const char *token_type;
  gint64      expiration;
  gint64      issued_at;
  gint64      not_before;
  const char *subject;
  GStrv       audiences;
  const char *issuer;
  const char *jwt_id;
};

enum
{
  PROP_0,
  PROP_ACTIVE,
  PROP_SCOPE,
  PROP_CLIENT_ID,
  PROP_USERNAME,
  PROP_TOKEN_TYPE,
  PROP_EXPIRATION,
  PROP_ISSUED_AT,
  PROP_NOT_BEFORE,
  PROP_SUBJECT,
  PROP_AUDIENCES,
  PROP_ISSUER,
  PROP_JWT_ID,
  PROP_JSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimIntrospectionResponse, pim_introspection_response, G_TYPE_OBJECT)

static void
pim_introspection_response_finalize (GObject *object)
{
  PimIntrospectionResponse *self = PIM_INTROSPECTION_RESPONSE (object);

  g_clear_pointer (&self->json, json_object_unref);
  g_strfreev (self->audiences);

  G_OBJECT_CLASS (pim_introspection_response_parent_class)->finalize (object);
}

static void
pim_introspection_response_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  PimIntrospectionResponse *self = PIM_INTROSPECTION_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_TOKEN_TYPE:
      g_value_set_string (value, self->token_type);
      break;
    case PROP_EXPIRATION:
      g_value_set_int64 (value, self->expiration);
      break;
    case PROP_ISSUED_AT:
      g_value_set_int64 (value, self->issued_at);
      break;
    case PROP_NOT_BEFORE:
      g_value_set_int64 (value, self->not_before);
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_AUDIENCES:
      g_value_set_boxed (value, self->audiences);
      break;
    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;
    case PROP_JWT_ID:
      g_value_set_string (value, self->jwt_id);
      break;
    case PROP_JSON:
      g_value_set_boxed (value, self->json);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_introspection_response_class_init (PimIntrospectionResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_introspection_response_finalize;
  object_class->get_property = pim_introspection_response_get_property;

  /**
   * PimIntrospectionResponse:active: (getter get_active)
   *
   * Whether the token is active (`active`): issued by this server, not
   * expired, not revoked, and one the asking client may learn about.
   *
   * Since: 0.1
   */
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, flags);

  /**
   * PimIntrospectionResponse:scope: (getter get_scope)
   *
   * The token's `scope`: space-separated scope values.
   *
   * Since: 0.1
   */
  properties[PROP_SCOPE] = g_param_spec_string ("scope", NULL, NULL, NULL, flags);

  /**
   * PimIntrospectionResponse:client-id: (getter get_client_id)
   *
   * The client the token was issued to (`client_id`).
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, NULL, flags);

  /**
   * PimIntrospectionResponse:username: (getter get_username)
   *
   * A name of the resource owner fit for people to read (`username`).
   *
   * Since: 0.1
   */
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, flags);

  /**
   * PimIntrospectionResponse:token-type: (getter get_token_type)
   *
   * The token's type (`token_type`), such as `Bearer` or `DPoP`.
   *
   * Since: 0.1
   */
  properties[PROP_TOKEN_TYPE] = g_param_spec_string ("token-type", NULL, NULL, NULL, flags);

  /**
   * PimIntrospectionResponse:expiration: (getter get_expiration)
   *
   * When the token expires (`exp`), in Unix seconds; 0 when not said.
   *
   * Since: 0.1
   */
  properties[PROP_EXPIRATION] =
      g_param_spec_int64 ("expiration", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * PimIntrospectionResponse:issued-at: (getter get_issued_at)
   *
   * When the token was issued (`iat`), in Unix seconds; 0 when not said.
   *
   * Since: 0.1
   */
  properties[PROP_ISSUED_AT] =
      g_param_spec_int64 ("issued-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * PimIntrospectionResponse:not-before: (getter get_not_before)
   *
   * When the token becomes usable (`nbf`), in Unix seconds; 0 when not
   * said.
   *
   * Since: 0.1
   */
  properties[PROP_NOT_BEFORE] =
      g_param_spec_int64 ("not-before", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * PimIntrospectionResponse:subject: (getter get_subject)
   *
   * Whom the token is about (`sub`): usually the resource owner.
   *
   * Since: 0.1
   */
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);

  /**
   * PimIntrospectionResponse:audiences: (getter get_audiences)
   *
   * Whom the token is for (`aud`, a string or a list of strings).
   *
   * Since: 0.1
   */
  properties[PROP_AUDIENCES] = g_param_spec_boxed ("audiences", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * PimIntrospectionResponse:issuer: (getter get_issuer)
   *
   * Who issued the token (`iss`).
   *
   * Since: 0.1
   */
  properties[PROP_ISSUER] = g_param_spec_string ("issuer", NULL, NULL, NULL, flags);

  /**
   * PimIntrospectionResponse:jwt-id: (getter get_jwt_id)
   *
   * The token's identifier (`jti`).
   *
   * Since: 0.1
   */
  properties[PROP_JWT_ID] = g_param_spec_string ("jwt-id", NULL, NULL, NULL, flags);

  /**
   * PimIntrospectionResponse:json: (getter get_json)
   *
   * The whole answer, as the server sent it, with any member beyond the
   * standard ones.
   *
   * Since: 0.1
   */
  properties[PROP_JSON] = g_param_spec_boxed ("json", NULL, NULL, JSON_TYPE_OBJECT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_introspection_response_init (PimIntrospectionResponse *self)
{
}

/* ---- Reading ---- */

static GType
value_type (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                      : G_TYPE_INVALID;
}

/* A NumericDate (RFC 7519 §2): 0 when absent. */
static gboolean
read_time (JsonObject *json, const char *name, const char *what, gint64 *out, GError **error)
{
  if (!pim_oauth_json_int (json, name, FALSE, what, out, error))
    return FALSE;
  if (*out < 0)
    *out = 0;
  return TRUE;
}

PimIntrospectionResponse *
pim_introspection_response_new_from_object (JsonObject *json, GError **error)
{
  g_autoptr (PimIntrospectionResponse) self = g_object_new (PIM_TYPE_INTROSPECTION_RESPONSE, NULL);
  const char *what = _ ("introspection response");

  self->json = json_object_ref (json);
  if (!pim_oauth_json_boolean (json, "active", TRUE, what, &self->active, error))
    return NULL;
  /* Nothing about an inactive token is read (RFC 7662 §2.2). */
  if (!self->active)
    return g_steal_pointer (&self);
  if (!pim_oauth_json_string (json, "scope", FALSE, what, &self->scope, error) ||
      !pim_oauth_json_string (json, "client_id", FALSE, what, &self->client_id, error) ||
      !pim_oauth_json_string (json, "username", FALSE, what, &self->username, error) ||
      !pim_oauth_json_string (json, "token_type", FALSE, what, &self->token_type, error) ||
      !read_time (json, "exp", what, &self->expiration, error) ||
      !read_time (json, "iat", what, &self->issued_at, error) ||
      !read_time (json, "nbf", what, &self->not_before, error) ||
      !pim_oauth_json_string (json, "sub", FALSE, what, &self->subject, error) ||
      !pim_oauth_json_strv (json, "aud", what, &self->audiences, error) ||
      !pim_oauth_json_string (json, "iss", FALSE, what, &self->issuer, error) ||
      !pim_oauth_json_string (json, "jti", FALSE, what, &self->jwt_id, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- Getters ---- */

#define GETTER(type, name, fallback)                                          \
  type pim_introspection_response_get_##name (PimIntrospectionResponse *self) \
  {                                                                           \
    g_return_val_if_fail (PIM_IS_INTROSPECTION_RESPONSE (self), fallback);    \
    return self->name;                                                        \
  }

/**
 * pim_introspection_response_get_active:
 * @self: an introspection response
 *
 * Gets [property@IntrospectionResponse:active].
 *
 * Returns: whether the token is active
 *
 * Since: 0.1
 */
GETTER (gboolean, active, FALSE)

/**
 * pim_introspection_response_get_scope:
 * @self: an introspection response
 *
 * Gets [property@IntrospectionResponse:scope].
 *
 * Returns: (nullable): the scope
 *
 * Since: 0.1
 */
GETTER (const char *, scope, NULL)

/**
 * pim_introspection_response_get_client_id:
 * @self: an introspection response
 *
 * Gets [property@IntrospectionResponse:client-id].
 *
 * Returns: (nullable): the client's identifier
 *
 * Since: 0.1
 */
GETTER (const char *, client_id, NULL)

/**
 * pim_introspection_response_get_username:
 * @self: an introspection response
 *
 * Gets [property@IntrospectionResponse:username].
 *
 * Returns: (nullable): the user name
 *
 * Since: 0.1
 */
GETTER (const char *, username, NULL)

/**
 * pim_introspection_response_get_token_type:
 * @self: an introspection response
 *
 * Gets [property@IntrospectionResponse:token-type].
 *
 * Returns: (nullable): the token type
 *
 * Since: 0.1
 */
GETTER (const char *, token_type, NULL)

/**
 * pim_introspection_response_get_expiration:
 * @self: an introspection response
 *
 * Gets [property@IntrospectionResponse:expiration].
 *
 * Returns: the expiry in Unix seconds, or 0
 *
 * Since: 0.1
 */
GETTER (gint64, expiration, 0)

/**
 * pim_introspection_response_get_issued_at:
 * @self: an introspection response
 *
 * Gets [property@IntrospectionResponse:issued-at].
 *
 * Returns: the issue time in Unix seconds, or 0
 *
 * Since: 0.1
 */
GETTER (gint64, issued_at, 0)

/**
 * pim_introspection_response_get_not_before:
 * @self: an introspection response
 *
 * Gets [property@IntrospectionResponse:not-before].
 *
 * Returns: the start of validity in Unix seconds, or 0
 *
 * Since: 0.1
 */
GETTER (gint64, not_before, 0)

/**
 * pim_introspection_response_get_subject:
 * @self: an introspection response
 *
 * Gets [property@IntrospectionResponse:subject].
 *
 * Returns: (nullable): the subject
 *
 * Since: 0.1
 */
GETTER (const char *, subject, NULL)

/**
 * pim_introspection_response_get_audiences:
 * @self: an introspection response
 *
 * Gets [property@IntrospectionResponse:audiences].
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1): the
 *   audiences
 *
 * Since: 0.1
 */
const char *const *
pim_introspection_response_get_audiences (PimIntrospectionResponse *self)
{
  g_return_val_if_fail (PIM_IS_INTROSPECTION_RESPONSE (self), NULL);
  return (const char *const *) self->audiences;
}

/**
 * pim_introspection_response_get_issuer:
 * @self: an introspection response
 *
 * Gets [property@IntrospectionResponse:issuer].
 *
 * Returns: (nullable): the issuer
 *
 * Since: 0.1
 */
GETTER (const char *, issuer, NULL)

/**
 * pim_introspection_response_get_jwt_id:
 * @self: an introspection response
 *
 * Gets [property@IntrospectionResponse:jwt-id].
 *
 * Returns: (nullable): the token's identifier
 *
 * Since: 0.1
 */
GETTER (const char *, jwt_id, NULL)

/**
 * pim_introspection_response_get_json:
 * @self: an introspection response
 *
 * Gets [property@IntrospectionResponse:json].
 *
 * Returns: (transfer none): the whole answer
 *
 * Since: 0.1
 */
GETTER (JsonObject *, json, NULL)

/**
 * pim_introspection_response_get_string:
 * @self: an introspection response
 * @name: a member name
 *
 * Gets any string member of the answer about an active token, such as
 * an extension's.
 *
 * Returns: (nullable): the value, or %NULL if the token is inactive or
 *   the member is missing or not a string
 *
 * Since: 0.1
 */
const char *
pim_introspection_response_get_string (PimIntrospectionResponse *self, const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (PIM_IS_INTROSPECTION_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!self->active)
    return NULL;
  node = json_object_get_member (self->json, name);
  return value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

/**
 * pim_introspection_response_get_int:
 * @self: an introspection response
 * @name: a member name
 * @value: (out) (optional): the value
 *
 * Gets any integer member of the answer about an active token, such as
 * an extension's.
 *
 * Returns: whether the token is active and the member is present and an
 *   integer
 *
 * Since: 0.1
 */
gboolean
pim_introspection_response_get_int (PimIntrospectionResponse *self, const char *name, gint64 *value)
{
  JsonNode *node;

  g_return_val_if_fail (PIM_IS_INTROSPECTION_RESPONSE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!self->active)
    return FALSE;
  node = json_object_get_member (self->json, name);
  if (value_type (node) != G_TYPE_INT64)
    return FALSE;
  if (value != NULL)
    *value = json_node_get_int (node);
  return TRUE;
}
