/* pim-pushed-authorization-response.c: PimPushedAuthorizationResponse
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-front-channel-private.h"
#include "pim-oauth-json-private.h"
#include "pim-pushed-authorization-response-private.h"

/**
 * PimPushedAuthorizationResponse:
 *
 * What the pushed authorization request endpoint answers (RFC 9126
 * §2.2): a `request_uri` that stands for the pushed parameters, and how
 * many seconds it stays valid. The browser then opens
 * [method@PushedAuthorizationResponse.build_authorization_url]: the
 * authorization endpoint with only `client_id` and `request_uri`.
 *
 * Since: 0.1
 */

struct _PimPushedAuthorizationResponse
{
  GObject parent_instance;

  char       *request_uri;
  gint64      expires_in;
  JsonObject *json;
};

enum
{
  PROP_0,
  PROP_REQUEST_URI,
  PROP_EXPIRES_IN,
  PROP_JSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimPushedAuthorizationResponse,
                     pim_pushed_authorization_response,
                     G_TYPE_OBJECT)

static void
pim_pushed_authorization_response_finalize (GObject *object)
{
  PimPushedAuthorizationResponse *self = PIM_PUSHED_AUTHORIZATION_RESPONSE (object);

  g_free (self->request_uri);
  g_clear_pointer (&self->json, json_object_unref);

  G_OBJECT_CLASS (pim_pushed_authorization_response_parent_class)->finalize (object);
}

static void
pim_pushed_authorization_response_get_property (GObject    *object,
                                                guint       prop_id,
                                                GValue     *value,
                                                GParamSpec *pspec)
{
  PimPushedAuthorizationResponse *self = PIM_PUSHED_AUTHORIZATION_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_REQUEST_URI:
      g_value_set_string (value, self->request_uri);
      break;
    case PROP_EXPIRES_IN:
      g_value_set_int64 (value, self->expires_in);
      break;
    case PROP_JSON:
      g_value_set_boxed (value, self->json);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_pushed_authorization_response_class_init (PimPushedAuthorizationResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_pushed_authorization_response_finalize;
  object_class->get_property = pim_pushed_authorization_response_get_property;

  /**
   * PimPushedAuthorizationResponse:request-uri: (getter get_request_uri)
   *
   * The `request_uri` that stands for the pushed request, such as
   * `urn:ietf:params:oauth:request_uri:…`. Single use.
   *
   * Since: 0.1
   */
  properties[PROP_REQUEST_URI] = g_param_spec_string ("request-uri", NULL, NULL, NULL, flags);

  /**
   * PimPushedAuthorizationResponse:expires-in: (getter get_expires_in)
   *
   * The `expires_in`: how many seconds after the answer the request URI
   * stays valid; always positive.
   *
   * Since: 0.1
   */
  properties[PROP_EXPIRES_IN] =
      g_param_spec_int64 ("expires-in", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * PimPushedAuthorizationResponse:json: (getter get_json)
   *
   * The whole answer, for members Pim does not read.
   *
   * Since: 0.1
   */
  properties[PROP_JSON] = g_param_spec_boxed ("json", NULL, NULL, JSON_TYPE_OBJECT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_pushed_authorization_response_init (PimPushedAuthorizationResponse *self)
{
}

static gboolean
invalid (GError **error, const char *member, const char *why)
{
  g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
               /* translators: the first %s is a member such as “request_uri”, the second why
                * it is wrong */
               _ ("The pushed authorization response's “%s” is %s"), member, why);
  return FALSE;
}

PimPushedAuthorizationResponse *
pim_pushed_authorization_response_new_from_object (JsonObject *json, GError **error)
{
  g_autoptr (PimPushedAuthorizationResponse) self =
      g_object_new (PIM_TYPE_PUSHED_AUTHORIZATION_RESPONSE, NULL);
  JsonNode *node;

  self->json = json_object_ref (json);
  node = json_object_get_member (json, "request_uri");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return invalid (error, "request_uri", _ ("missing")), NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    return invalid (error, "request_uri", _ ("not a string")), NULL;
  self->request_uri = g_strdup (json_node_get_string (node));

  node = json_object_get_member (json, "expires_in");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return invalid (error, "expires_in", _ ("missing")), NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) <= 0)
    return invalid (error, "expires_in", _ ("not a positive integer")), NULL;
  self->expires_in = json_node_get_int (node);
  return g_steal_pointer (&self);
}

/**
 * pim_pushed_authorization_response_new_from_json:
 * @json: a pushed authorization request endpoint's answer, as JSON text
 * @error: return location for a #GError
 *
 * Reads a pushed authorization response, with the checks applied to the
 * endpoint's answers: `request_uri` a non-empty string and `expires_in` a
 * positive integer, both required; else %PIM_OAUTH_ERROR_INVALID_RESPONSE.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimPushedAuthorizationResponse *
pim_pushed_authorization_response_new_from_json (const char *json, GError **error)
{
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  node = pim_oauth_json_parse_object (json,
                                      _ ("The pushed authorization response is not a JSON object"),
                                      error);
  if (node == NULL)
    return NULL;
  return pim_pushed_authorization_response_new_from_object (json_node_get_object (node), error);
}

/**
 * pim_pushed_authorization_response_get_request_uri:
 * @self: a pushed authorization response
 *
 * Gets [property@PushedAuthorizationResponse:request-uri].
 *
 * Returns: the request URI
 *
 * Since: 0.1
 */
const char *
pim_pushed_authorization_response_get_request_uri (PimPushedAuthorizationResponse *self)
{
  g_return_val_if_fail (PIM_IS_PUSHED_AUTHORIZATION_RESPONSE (self), NULL);
  return self->request_uri;
}

/**
 * pim_pushed_authorization_response_get_expires_in:
 * @self: a pushed authorization response
 *
 * Gets [property@PushedAuthorizationResponse:expires-in].
 *
 * Returns: seconds
 *
 * Since: 0.1
 */
gint64
pim_pushed_authorization_response_get_expires_in (PimPushedAuthorizationResponse *self)
{
  g_return_val_if_fail (PIM_IS_PUSHED_AUTHORIZATION_RESPONSE (self), 0);
  return self->expires_in;
}

/**
 * pim_pushed_authorization_response_get_json:
 * @self: a pushed authorization response
 *
 * Gets [property@PushedAuthorizationResponse:json].
 *
 * Returns: (transfer none): the answer
 *
 * Since: 0.1
 */
JsonObject *
pim_pushed_authorization_response_get_json (PimPushedAuthorizationResponse *self)
{
  g_return_val_if_fail (PIM_IS_PUSHED_AUTHORIZATION_RESPONSE (self), NULL);
  return self->json;
}

/**
 * pim_pushed_authorization_response_build_authorization_url:
 * @self: a pushed authorization response
 * @request: the authorization request that was pushed: its
 *   [property@OAuthRequest:address] (the authorization endpoint) and
 *   [property@OAuthRequest:client-id]
 * @error: return location for a #GError
 *
 * Builds the URL to open in the user's browser (RFC 9126 §4): the
 * authorization endpoint with `client_id` and `request_uri` only. The
 * other parameters, and the request's extra ones, were pushed.
 *
 * Errors: %PIM_OAUTH_ERROR_INVALID_ARGUMENT when @request has no address
 * or client identifier, or its address's query already names one of the
 * two; an [error@HttpError] for an address that is not an HTTP URL, or
 * plain HTTP outside the loopback interface while
 * [property@OAuthRequest:require-https] is on.
 *
 * Returns: (transfer full): the URL, or %NULL with @error set
 *
 * Since: 0.1
 */
char *
pim_pushed_authorization_response_build_authorization_url (PimPushedAuthorizationResponse *self,
                                                           PimAuthorizationRequest        *request,
                                                           GError                        **error)
{
  const char *client_id;
  g_autoptr (GPtrArray) params = NULL;

  g_return_val_if_fail (PIM_IS_PUSHED_AUTHORIZATION_RESPONSE (self), NULL);
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (request), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  client_id = pim_oauth_request_get_client_id (PIM_OAUTH_REQUEST (request));
  if (!pim_oauth_require (client_id, "client-id", error))
    return NULL;
  params = g_ptr_array_new_with_free_func (g_free);
  pim_front_channel_add (params, "client_id", client_id);
  pim_front_channel_add (params, "request_uri", self->request_uri);
  return pim_front_channel_build_url_without_extra (PIM_OAUTH_REQUEST (request),
                                                    _ ("authorization request"), params, error);
}
