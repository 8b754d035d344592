/* pim-oauth-error-response.c: PimOAuthErrorResponse
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-oauth-private.h"

/**
 * PimOAuthErrorResponse:
 *
 * What a provider answered when it refused an exchange: the OAuth `error`
 * string (RFC 6749 §5.2), its `error_description` and `error_uri`, the
 * HTTP status, and the whole JSON body. The `error` string also decides
 * the code of the [error@OAuthError] the call failed with; this object
 * carries what a code and a message cannot, for every language:
 *
 * ```python
 * try:
 *     Pim.request_token(request, None, None)
 * except GLib.Error as e:
 *     details = request.get_error_response()
 *     print(details.props.status, details.props.error_uri)
 * ```
 *
 * For an error given in a `WWW-Authenticate` header (RFC 6750 §3, as
 * UserInfo endpoints do), the members come from the header's parameters.
 * For a refusal without an OAuth body (an HTML error page), only the
 * status and endpoint are set.
 *
 * Since: 0.1
 */

struct _PimOAuthErrorResponse
{
  GObject parent_instance;

  char       *error;
  char       *error_description;
  char       *error_uri;
  guint       status;
  char       *endpoint;
  JsonObject *json;
};

enum
{
  PROP_0,
  PROP_ERROR,
  PROP_ERROR_DESCRIPTION,
  PROP_ERROR_URI,
  PROP_STATUS,
  PROP_ENDPOINT,
  PROP_JSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimOAuthErrorResponse, pim_oauth_error_response, G_TYPE_OBJECT)

static void
pim_oauth_error_response_finalize (GObject *object)
{
  PimOAuthErrorResponse *self = PIM_OAUTH_ERROR_RESPONSE (object);

  g_free (self->error);
  g_free (self->error_description);
  g_free (self->error_uri);
  g_free (self->endpoint);
  g_clear_pointer (&self->json, json_object_unref);

  G_OBJECT_CLASS (pim_oauth_error_response_parent_class)->finalize (object);
}

static void
pim_oauth_error_response_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  PimOAuthErrorResponse *self = PIM_OAUTH_ERROR_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_ERROR_DESCRIPTION:
      g_value_set_string (value, self->error_description);
      break;
    case PROP_ERROR_URI:
      g_value_set_string (value, self->error_uri);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_JSON:
      g_value_set_boxed (value, self->json);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_oauth_error_response_class_init (PimOAuthErrorResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_oauth_error_response_finalize;
  object_class->get_property = pim_oauth_error_response_get_property;

  /**
   * PimOAuthErrorResponse:error: (getter get_error)
   *
   * The `error` string, such as `invalid_grant`, exactly as sent; %NULL
   * when the answer had none.
   *
   * Since: 0.1
   */
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);

  /**
   * PimOAuthErrorResponse:error-description: (getter get_error_description)
   *
   * The `error_description`, if any: text for developers, not for users.
   *
   * Since: 0.1
   */
  properties[PROP_ERROR_DESCRIPTION] =
      g_param_spec_string ("error-description", NULL, NULL, NULL, flags);

  /**
   * PimOAuthErrorResponse:error-uri: (getter get_error_uri)
   *
   * The `error_uri`, if any: a page about the error.
   *
   * Since: 0.1
   */
  properties[PROP_ERROR_URI] = g_param_spec_string ("error-uri", NULL, NULL, NULL, flags);

  /**
   * PimOAuthErrorResponse:status: (getter get_status)
   *
   * The HTTP status of the answer, or 0 for an error that came in a
   * redirect (an authorization response).
   *
   * Since: 0.1
   */
  properties[PROP_STATUS] = g_param_spec_uint ("status", NULL, NULL, 0, 999, 0, flags);

  /**
   * PimOAuthErrorResponse:endpoint: (getter get_endpoint)
   *
   * The endpoint that answered, without query or fragment.
   *
   * Since: 0.1
   */
  properties[PROP_ENDPOINT] = g_param_spec_string ("endpoint", NULL, NULL, NULL, flags);

  /**
   * PimOAuthErrorResponse:json: (getter get_json)
   *
   * The whole JSON body, if the answer had one, with any member beyond the
   * standard three.
   *
   * Since: 0.1
   */
  properties[PROP_JSON] = g_param_spec_boxed ("json", NULL, NULL, JSON_TYPE_OBJECT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_oauth_error_response_init (PimOAuthErrorResponse *self)
{
}

PimOAuthErrorResponse *
pim_oauth_error_response_new (const char *error,
                              const char *error_description,
                              const char *error_uri,
                              guint       status,
                              const char *endpoint,
                              JsonObject *json)
{
  PimOAuthErrorResponse *self = g_object_new (PIM_TYPE_OAUTH_ERROR_RESPONSE, NULL);

  self->error = g_strdup (error);
  self->error_description = g_strdup (error_description);
  self->error_uri = g_strdup (error_uri);
  self->status = status;
  self->endpoint = g_strdup (endpoint);
  self->json = json != NULL ? json_object_ref (json) : NULL;
  return self;
}

/**
 * pim_oauth_error_response_get_error:
 * @self: an error response
 *
 * Gets [property@OAuthErrorResponse:error].
 *
 * Returns: (nullable): the `error` string
 *
 * Since: 0.1
 */
const char *
pim_oauth_error_response_get_error (PimOAuthErrorResponse *self)
{
  g_return_val_if_fail (PIM_IS_OAUTH_ERROR_RESPONSE (self), NULL);
  return self->error;
}

/**
 * pim_oauth_error_response_get_error_description:
 * @self: an error response
 *
 * Gets [property@OAuthErrorResponse:error-description].
 *
 * Returns: (nullable): the description
 *
 * Since: 0.1
 */
const char *
pim_oauth_error_response_get_error_description (PimOAuthErrorResponse *self)
{
  g_return_val_if_fail (PIM_IS_OAUTH_ERROR_RESPONSE (self), NULL);
  return self->error_description;
}

/**
 * pim_oauth_error_response_get_error_uri:
 * @self: an error response
 *
 * Gets [property@OAuthErrorResponse:error-uri].
 *
 * Returns: (nullable): the URI
 *
 * Since: 0.1
 */
const char *
pim_oauth_error_response_get_error_uri (PimOAuthErrorResponse *self)
{
  g_return_val_if_fail (PIM_IS_OAUTH_ERROR_RESPONSE (self), NULL);
  return self->error_uri;
}

/**
 * pim_oauth_error_response_get_status:
 * @self: an error response
 *
 * Gets [property@OAuthErrorResponse:status].
 *
 * Returns: the HTTP status, or 0
 *
 * Since: 0.1
 */
guint
pim_oauth_error_response_get_status (PimOAuthErrorResponse *self)
{
  g_return_val_if_fail (PIM_IS_OAUTH_ERROR_RESPONSE (self), 0);
  return self->status;
}

/**
 * pim_oauth_error_response_get_endpoint:
 * @self: an error response
 *
 * Gets [property@OAuthErrorResponse:endpoint].
 *
 * Returns: (nullable): the endpoint
 *
 * Since: 0.1
 */
const char *
pim_oauth_error_response_get_endpoint (PimOAuthErrorResponse *self)
{
  g_return_val_if_fail (PIM_IS_OAUTH_ERROR_RESPONSE (self), NULL);
  return self->endpoint;
}

/**
 * pim_oauth_error_response_get_json:
 * @self: an error response
 *
 * Gets [property@OAuthErrorResponse:json].
 *
 * Returns: (nullable) (transfer none): the body
 *
 * Since: 0.1
 */
JsonObject *
pim_oauth_error_response_get_json (PimOAuthErrorResponse *self)
{
  g_return_val_if_fail (PIM_IS_OAUTH_ERROR_RESPONSE (self), NULL);
  return self->json;
}
