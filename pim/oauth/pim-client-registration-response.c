/* pim-client-registration-response.c: PimClientRegistrationResponse
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-client-registration-response-private.h"
#include "pim-json-private.h"
#include "pim-oauth-json-private.h"
#include "pim-oauth-private.h"

/**
 * PimClientRegistrationResponse:
 *
 * A registered client, as the registration endpoint (RFC 7591 §3.2.1)
 * or the client configuration endpoint (RFC 7592 §3) describes it: the
 * client's identifier and secret, when they were issued and when the
 * secret expires, the registration access token and client configuration
 * endpoint that manage the registration, and every metadata member the
 * server registered, in [property@ClientRegistrationResponse:json].
 *
 * The answer is read strictly: `client_id` must be a non-empty string,
 * and every member Pim reads must have its type, else the answer is
 * refused with %PIM_OAUTH_ERROR_INVALID_RESPONSE.
 *
 * [property@ClientRegistrationResponse:client-secret] and
 * [property@ClientRegistrationResponse:registration-access-token] are
 * secrets: Pim never logs them or puts them in an error message; store
 * them as such.
 *
 * Since: 0.1
 */

struct _PimClientRegistrationResponse
{
  GObject parent_instance;

  JsonObject *json;
  const char *client_id;
  const char *client_secret;
  gint64      client_id_issued_at;
  gint64      client_secret_expires_at;
  const char *registration_access_token;
  const char *registration_client_uri;
  const char *client_name;
  GStrv       redirect_uris;
  const char *token_endpoint_auth_method;
};

enum
{
  PROP_0,
  PROP_CLIENT_ID,
  PROP_CLIENT_SECRET,
  PROP_CLIENT_ID_ISSUED_AT,
  PROP_CLIENT_SECRET_EXPIRES_AT,
  PROP_REGISTRATION_ACCESS_TOKEN,
  PROP_REGISTRATION_CLIENT_URI,
  PROP_CLIENT_NAME,
  PROP_REDIRECT_URIS,
  PROP_TOKEN_ENDPOINT_AUTH_METHOD,
  PROP_JSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimClientRegistrationResponse, pim_client_registration_response, G_TYPE_OBJECT)

static void
pim_client_registration_response_finalize (GObject *object)
{
  PimClientRegistrationResponse *self = PIM_CLIENT_REGISTRATION_RESPONSE (object);

  g_clear_pointer (&self->json, json_object_unref);
  g_strfreev (self->redirect_uris);

  G_OBJECT_CLASS (pim_client_registration_response_parent_class)->finalize (object);
}

static void
pim_client_registration_response_get_property (GObject    *object,
                                               guint       prop_id,
                                               GValue     *value,
                                               GParamSpec *pspec)
{
  PimClientRegistrationResponse *self = PIM_CLIENT_REGISTRATION_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_CLIENT_SECRET:
      g_value_set_string (value, self->client_secret);
      break;
    case PROP_CLIENT_ID_ISSUED_AT:
      g_value_set_int64 (value, self->client_id_issued_at);
      break;
    case PROP_CLIENT_SECRET_EXPIRES_AT:
      g_value_set_int64 (value, self->client_secret_expires_at);
      break;
    case PROP_REGISTRATION_ACCESS_TOKEN:
      g_value_set_string (value, self->registration_access_token);
      break;
    case PROP_REGISTRATION_CLIENT_URI:
      g_value_set_string (value, self->registration_client_uri);
      break;
    case PROP_CLIENT_NAME:
      g_value_set_string (value, self->client_name);
      break;
    case PROP_REDIRECT_URIS:
      g_value_set_boxed (value, self->redirect_uris);
      break;
    case PROP_TOKEN_ENDPOINT_AUTH_METHOD:
      g_value_set_string (value, self->token_endpoint_auth_method);
      break;
    case PROP_JSON:
      g_value_set_boxed (value, self->json);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_client_registration_response_class_init (PimClientRegistrationResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_client_registration_response_finalize;
  object_class->get_property = pim_client_registration_response_get_property;

  /**
   * PimClientRegistrationResponse:client-id: (getter get_client_id)
   *
   * The client's identifier (`client_id`). Always set.
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationResponse:client-secret: (getter get_client_secret)
   *
   * The client's secret (`client_secret`), or %NULL for a public client
   * or one that authenticates with a key. A secret: never log it.
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_SECRET] = g_param_spec_string ("client-secret", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationResponse:client-id-issued-at: (getter get_client_id_issued_at)
   *
   * When the identifier was issued (`client_id_issued_at`), in Unix
   * seconds, or -1 when the server did not say.
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_ID_ISSUED_AT] =
      g_param_spec_int64 ("client-id-issued-at", NULL, NULL, -1, G_MAXINT64, -1, flags);

  /**
   * PimClientRegistrationResponse:client-secret-expires-at: (getter get_client_secret_expires_at)
   *
   * When the secret expires (`client_secret_expires_at`), in Unix
   * seconds: 0 when it never does, -1 when the server did not say.
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_SECRET_EXPIRES_AT] =
      g_param_spec_int64 ("client-secret-expires-at", NULL, NULL, -1, G_MAXINT64, -1, flags);

  /**
   * PimClientRegistrationResponse:registration-access-token: (getter get_registration_access_token)
   *
   * The token that manages the registration (RFC 7592
   * `registration_access_token`), or %NULL when the server offers no
   * management. A secret: never log it.
   *
   * Since: 0.1
   */
  properties[PROP_REGISTRATION_ACCESS_TOKEN] =
      g_param_spec_string ("registration-access-token", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationResponse:registration-client-uri: (getter get_registration_client_uri)
   *
   * The client configuration endpoint (RFC 7592
   * `registration_client_uri`), or %NULL when the server offers no
   * management. Set exactly when
   * [property@ClientRegistrationResponse:registration-access-token] is.
   *
   * Since: 0.1
   */
  properties[PROP_REGISTRATION_CLIENT_URI] =
      g_param_spec_string ("registration-client-uri", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationResponse:client-name: (getter get_client_name)
   *
   * The registered `client_name`, or %NULL.
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_NAME] = g_param_spec_string ("client-name", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationResponse:redirect-uris: (getter get_redirect_uris)
   *
   * The registered `redirect_uris`, or %NULL.
   *
   * Since: 0.1
   */
  properties[PROP_REDIRECT_URIS] =
      g_param_spec_boxed ("redirect-uris", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * PimClientRegistrationResponse:token-endpoint-auth-method: (getter get_token_endpoint_auth_method)
   *
   * The registered `token_endpoint_auth_method`, or %NULL (the server's
   * default, `client_secret_basic` in RFC 7591).
   *
   * Since: 0.1
   */
  properties[PROP_TOKEN_ENDPOINT_AUTH_METHOD] =
      g_param_spec_string ("token-endpoint-auth-method", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationResponse:json: (getter get_json)
   *
   * The whole answer, every metadata member included.
   *
   * Since: 0.1
   */
  properties[PROP_JSON] = g_param_spec_boxed ("json", NULL, NULL, JSON_TYPE_OBJECT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_client_registration_response_init (PimClientRegistrationResponse *self)
{
  self->client_id_issued_at = -1;
  self->client_secret_expires_at = -1;
}

static gboolean
invalid (GError **error, const char *member, const char *why)
{
  g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
               /* translators: the first %s is a member such as “client_id”, the
                * second a reason */
               _ ("The registration response's “%s” is %s"), member, why);
  return FALSE;
}

/* Metadata members Pim does not read but whose type RFC 7591 §2 and
 * OpenID Connect Registration §2 fix: a server that gets them wrong is
 * not one to trust with the rest. */
static gboolean
check_types (JsonObject *json, GError **error)
{
  static const char *const lists[] = {
    "redirect_uris", "grant_types", "response_types", "contacts", "post_logout_redirect_uris", NULL
  };
  static const char *const strings[] = { "scope",
                                         "jwks_uri",
                                         "application_type",
                                         "backchannel_logout_uri",
                                         "software_statement",
                                         "software_id",
                                         "software_version",
                                         NULL };
  JsonNode                *node;

  for (gsize i = 0; lists[i] != NULL; i++)
    {
      node = json_object_get_member (json, lists[i]);
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return invalid (error, lists[i], _ ("not a list of strings"));
      for (guint j = 0; j < json_array_get_length (json_node_get_array (node)); j++)
        {
          JsonNode *element = json_array_get_element (json_node_get_array (node), j);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            return invalid (error, lists[i], _ ("not a list of strings"));
        }
    }
  for (gsize i = 0; strings[i] != NULL; i++)
    {
      node = json_object_get_member (json, strings[i]);
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
          (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING))
        return invalid (error, strings[i], _ ("not a string"));
    }
  node = json_object_get_member (json, "jwks");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, "jwks", _ ("not a JSON object"));
  node = json_object_get_member (json, "backchannel_logout_session_required");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN))
    return invalid (error, "backchannel_logout_session_required", _ ("not a boolean"));
  return TRUE;
}

/* An absolute http(s) URI: where the registration access token goes. */
static gboolean
is_http_uri (const char *text)
{
  g_autoptr (GUri) uri = g_uri_parse (text, G_URI_FLAGS_ENCODED, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ||
          g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0);
}

PimClientRegistrationResponse *
pim_client_registration_response_new_from_object (JsonObject *json, GError **error)
{
  g_autoptr (PimClientRegistrationResponse) self =
      g_object_new (PIM_TYPE_CLIENT_REGISTRATION_RESPONSE, NULL);
  const char *what = _ ("registration response");

  self->json = json_object_ref (json);
  if (!pim_oauth_json_string (json, "client_id", TRUE, what, &self->client_id, error) ||
      !pim_oauth_json_string (json, "client_secret", FALSE, what, &self->client_secret, error) ||
      !pim_oauth_json_int (json, "client_id_issued_at", FALSE, what, &self->client_id_issued_at,
                           error) ||
      !pim_oauth_json_int (json, "client_secret_expires_at", FALSE, what,
                           &self->client_secret_expires_at, error) ||
      !pim_oauth_json_string (json, "registration_access_token", FALSE, what,
                              &self->registration_access_token, error) ||
      !pim_oauth_json_string (json, "registration_client_uri", FALSE, what,
                              &self->registration_client_uri, error) ||
      !pim_oauth_json_string (json, "client_name", FALSE, what, &self->client_name, error) ||
      !pim_oauth_json_string (json, "token_endpoint_auth_method", FALSE, what,
                              &self->token_endpoint_auth_method, error) ||
      !check_types (json, error) ||
      !pim_oauth_json_strv (json, "redirect_uris", what, &self->redirect_uris, error))
    return NULL;
  if ((self->client_secret != NULL && *self->client_secret == '\0' &&
       !invalid (error, "client_secret", _ ("empty"))) ||
      (self->registration_access_token != NULL && *self->registration_access_token == '\0' &&
       !invalid (error, "registration_access_token", _ ("empty"))))
    return NULL;
  /* RFC 7592 §3: the two come together; one without the other cannot
   * manage anything. */
  if ((self->registration_access_token == NULL) != (self->registration_client_uri == NULL))
    {
      invalid (error,
               self->registration_access_token == NULL ? "registration_access_token"
                                                       : "registration_client_uri",
               _ ("missing"));
      return NULL;
    }
  if (self->registration_client_uri != NULL && !is_http_uri (self->registration_client_uri))
    {
      invalid (error, "registration_client_uri", _ ("not an HTTP address"));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * pim_client_registration_response_new_from_json:
 * @json: a registration or client configuration endpoint's answer, as
 *   JSON text
 * @error: return location for a #GError
 *
 * Reads a registration response, for example one stored earlier, with
 * the checks applied to answers of the endpoints: `client_id` a non-empty
 * string, the other members Pim reads of their types,
 * `registration_access_token` and `registration_client_uri` both present
 * or both absent.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimClientRegistrationResponse *
pim_client_registration_response_new_from_json (const char *json, GError **error)
{
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  node = pim_oauth_json_parse_object (json, _ ("The registration response is not a JSON object"),
                                      error);
  if (node == NULL)
    return NULL;
  return pim_client_registration_response_new_from_object (json_node_get_object (node), error);
}

#define GETTER(type, name, fallback)                                                     \
  type pim_client_registration_response_get_##name (PimClientRegistrationResponse *self) \
  {                                                                                      \
    g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_RESPONSE (self), fallback);         \
    return self->name;                                                                   \
  }

/**
 * pim_client_registration_response_get_client_id:
 * @self: a registration response
 *
 * Gets [property@ClientRegistrationResponse:client-id].
 *
 * Returns: the client's identifier
 *
 * Since: 0.1
 */
GETTER (const char *, client_id, NULL)

/**
 * pim_client_registration_response_get_client_secret:
 * @self: a registration response
 *
 * Gets [property@ClientRegistrationResponse:client-secret].
 *
 * Returns: (nullable): the client's secret
 *
 * Since: 0.1
 */
GETTER (const char *, client_secret, NULL)

/**
 * pim_client_registration_response_get_client_id_issued_at:
 * @self: a registration response
 *
 * Gets [property@ClientRegistrationResponse:client-id-issued-at].
 *
 * Returns: Unix seconds, or -1
 *
 * Since: 0.1
 */
GETTER (gint64, client_id_issued_at, -1)

/**
 * pim_client_registration_response_get_client_secret_expires_at:
 * @self: a registration response
 *
 * Gets [property@ClientRegistrationResponse:client-secret-expires-at].
 *
 * Returns: Unix seconds, 0 for never, or -1
 *
 * Since: 0.1
 */
GETTER (gint64, client_secret_expires_at, -1)

/**
 * pim_client_registration_response_get_registration_access_token:
 * @self: a registration response
 *
 * Gets [property@ClientRegistrationResponse:registration-access-token].
 *
 * Returns: (nullable): the registration access token
 *
 * Since: 0.1
 */
GETTER (const char *, registration_access_token, NULL)

/**
 * pim_client_registration_response_get_registration_client_uri:
 * @self: a registration response
 *
 * Gets [property@ClientRegistrationResponse:registration-client-uri].
 *
 * Returns: (nullable): the client configuration endpoint
 *
 * Since: 0.1
 */
GETTER (const char *, registration_client_uri, NULL)

/**
 * pim_client_registration_response_get_client_name:
 * @self: a registration response
 *
 * Gets [property@ClientRegistrationResponse:client-name].
 *
 * Returns: (nullable): the client's name
 *
 * Since: 0.1
 */
GETTER (const char *, client_name, NULL)

/**
 * pim_client_registration_response_get_token_endpoint_auth_method:
 * @self: a registration response
 *
 * Gets [property@ClientRegistrationResponse:token-endpoint-auth-method].
 *
 * Returns: (nullable): the authentication method
 *
 * Since: 0.1
 */
GETTER (const char *, token_endpoint_auth_method, NULL)

/**
 * pim_client_registration_response_get_json:
 * @self: a registration response
 *
 * Gets [property@ClientRegistrationResponse:json].
 *
 * Returns: (transfer none): the whole answer
 *
 * Since: 0.1
 */
GETTER (JsonObject *, json, NULL)

/**
 * pim_client_registration_response_get_redirect_uris:
 * @self: a registration response
 *
 * Gets [property@ClientRegistrationResponse:redirect-uris].
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the
 *   redirect URIs
 *
 * Since: 0.1
 */
const char *const *
pim_client_registration_response_get_redirect_uris (PimClientRegistrationResponse *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_RESPONSE (self), NULL);
  return (const char *const *) self->redirect_uris;
}

/**
 * pim_client_registration_response_dup_metadata_json:
 * @self: a registration response
 * @name: a metadata member, such as `grant_types`
 *
 * Gets one member of the answer as JSON text, for metadata without a
 * property of its own.
 *
 * Returns: (transfer full) (nullable): the member's value as JSON, or
 *   %NULL when the answer has no such member
 *
 * Since: 0.1
 */
char *
pim_client_registration_response_dup_metadata_json (PimClientRegistrationResponse *self,
                                                    const char                    *name)
{
  JsonNode *node;

  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  node = json_object_get_member (self->json, name);
  return node != NULL ? pim_json_to_string (node) : NULL;
}
