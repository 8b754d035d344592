/* pim-device-authorization-response.c: PimDeviceAuthorizationResponse
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-device-authorization-response-private.h"
#include "pim-oauth-json-private.h"
#include "pim-oauth-private.h"

/**
 * PimDeviceAuthorizationResponse:
 *
 * A successful answer of the device authorization endpoint (RFC 8628
 * §3.2): the device code the client polls with, the user code and the
 * address where the user enters it, how long the codes live and how often
 * the client may poll, with the raw JSON for any other member.
 *
 * Show [property@DeviceAuthorizationResponse:user-code] and
 * [property@DeviceAuthorizationResponse:verification-uri] to the user (or
 * [property@DeviceAuthorizationResponse:verification-uri-complete], which
 * holds both, as a link or a QR code), then hand the response to
 * [func@poll_device_token].
 *
 * [property@DeviceAuthorizationResponse:expires-at] is the absolute expiry,
 * computed when the answer arrived.
 *
 * Since: 0.1
 */

struct _PimDeviceAuthorizationResponse
{
  GObject parent_instance;

  JsonObject *json;
  const char *device_code;
  const char *user_code;
  const char *verification_uri;
  const char *verification_uri_complete;
  gint64      expires_in;
  gint64      expires_at;
  gint64      deadline; /* µs, real time */
  gint64      interval;
};

enum
{
  PROP_0,
  PROP_DEVICE_CODE,
  PROP_USER_CODE,
  PROP_VERIFICATION_URI,
  PROP_VERIFICATION_URI_COMPLETE,
  PROP_EXPIRES_IN,
  PROP_EXPIRES_AT,
  PROP_INTERVAL,
  PROP_JSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimDeviceAuthorizationResponse,
                     pim_device_authorization_response,
                     G_TYPE_OBJECT)

static void
pim_device_authorization_response_finalize (GObject *object)
{
  PimDeviceAuthorizationResponse *self = PIM_DEVICE_AUTHORIZATION_RESPONSE (object);

  g_clear_pointer (&self->json, json_object_unref);

  G_OBJECT_CLASS (pim_device_authorization_response_parent_class)->finalize (object);
}

static void
pim_device_authorization_response_get_property (GObject    *object,
                                                guint       prop_id,
                                                GValue     *value,
                                                GParamSpec *pspec)
{
  PimDeviceAuthorizationResponse *self = PIM_DEVICE_AUTHORIZATION_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_DEVICE_CODE:
      g_value_set_string (value, self->device_code);
      break;
    case PROP_USER_CODE:
      g_value_set_string (value, self->user_code);
      break;
    case PROP_VERIFICATION_URI:
      g_value_set_string (value, self->verification_uri);
      break;
    case PROP_VERIFICATION_URI_COMPLETE:
      g_value_set_string (value, self->verification_uri_complete);
      break;
    case PROP_EXPIRES_IN:
      g_value_set_int64 (value, self->expires_in);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_int64 (value, self->expires_at);
      break;
    case PROP_INTERVAL:
      g_value_set_int64 (value, self->interval);
      break;
    case PROP_JSON:
      g_value_set_boxed (value, self->json);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_device_authorization_response_class_init (PimDeviceAuthorizationResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_device_authorization_response_finalize;
  object_class->get_property = pim_device_authorization_response_get_property;

  /**
   * PimDeviceAuthorizationResponse:device-code: (getter get_device_code)
   *
   * The `device_code` the client polls the token endpoint with. A secret:
   * never show or log it.
   *
   * Since: 0.1
   */
  properties[PROP_DEVICE_CODE] = g_param_spec_string ("device-code", NULL, NULL, NULL, flags);

  /**
   * PimDeviceAuthorizationResponse:user-code: (getter get_user_code)
   *
   * The `user_code` the user enters at
   * [property@DeviceAuthorizationResponse:verification-uri].
   *
   * Since: 0.1
   */
  properties[PROP_USER_CODE] = g_param_spec_string ("user-code", NULL, NULL, NULL, flags);

  /**
   * PimDeviceAuthorizationResponse:verification-uri: (getter get_verification_uri)
   *
   * The `verification_uri`: where the user goes, on another device, to
   * enter the user code. A provider that sends `verification_url` instead
   * (as Google does) has it read from there.
   *
   * Since: 0.1
   */
  properties[PROP_VERIFICATION_URI] =
      g_param_spec_string ("verification-uri", NULL, NULL, NULL, flags);

  /**
   * PimDeviceAuthorizationResponse:verification-uri-complete: (getter get_verification_uri_complete)
   *
   * The `verification_uri_complete`, if the provider sent one: the
   * verification address with the user code in it, for a link or a QR
   * code.
   *
   * Since: 0.1
   */
  properties[PROP_VERIFICATION_URI_COMPLETE] =
      g_param_spec_string ("verification-uri-complete", NULL, NULL, NULL, flags);

  /**
   * PimDeviceAuthorizationResponse:expires-in: (getter get_expires_in)
   *
   * The lifetime of the device and user codes in seconds, as sent.
   *
   * Since: 0.1
   */
  properties[PROP_EXPIRES_IN] =
      g_param_spec_int64 ("expires-in", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * PimDeviceAuthorizationResponse:expires-at: (getter get_expires_at)
   *
   * When the codes expire, in Unix seconds, from
   * [property@DeviceAuthorizationResponse:expires-in] and the time the
   * answer arrived.
   *
   * Since: 0.1
   */
  properties[PROP_EXPIRES_AT] =
      g_param_spec_int64 ("expires-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * PimDeviceAuthorizationResponse:interval: (getter get_interval)
   *
   * The seconds to wait between polls of the token endpoint, as sent, or
   * %PIM_DEVICE_AUTHORIZATION_DEFAULT_INTERVAL (5) when the answer did not
   * say (RFC 8628 §3.2).
   *
   * Since: 0.1
   */
  properties[PROP_INTERVAL] = g_param_spec_int64 ("interval", NULL, NULL, 0, G_MAXINT64,
                                                  PIM_DEVICE_AUTHORIZATION_DEFAULT_INTERVAL, flags);

  /**
   * PimDeviceAuthorizationResponse:json: (getter get_json)
   *
   * The whole answer, with any member beyond the standard ones.
   *
   * Since: 0.1
   */
  properties[PROP_JSON] = g_param_spec_boxed ("json", NULL, NULL, JSON_TYPE_OBJECT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_device_authorization_response_init (PimDeviceAuthorizationResponse *self)
{
  self->interval = PIM_DEVICE_AUTHORIZATION_DEFAULT_INTERVAL;
}

static gboolean
invalid (GError **error, const char *member, const char *why)
{
  g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
               /* translators: the first %s is a member such as “device_code”, the
                * second a reason such as “missing” */
               _ ("The device authorization response's “%s” is %s"), member, why);
  return FALSE;
}

/* A string member: absent (or null) is fine unless @required, another
 * type or an empty string is not. */
static gboolean
read_string (JsonObject  *json,
             const char  *name,
             gboolean     required,
             const char **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (json, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return required ? invalid (error, name, _ ("missing")) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, name, _ ("not a string"));
  if (*json_node_get_string (node) == '\0')
    return invalid (error, name, _ ("empty"));
  *out = json_node_get_string (node);
  return TRUE;
}

/* A whole number of seconds (600 or 600.0). Some providers send one as a
 * string of digits; that is accepted, anything else (a fraction, a
 * negative number, another type) is not. Absent (or null): FALSE without an error. */
static gboolean
read_seconds (JsonObject *json, const char *name, gint64 *out, GError **error)
{
  JsonNode *node = json_object_get_member (json, name);
  GType     type;
  guint64   value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type == G_TYPE_INT64 && json_node_get_int (node) >= 0 &&
      json_node_get_int (node) <= G_MAXINT32)
    *out = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE && json_node_get_double (node) >= 0 &&
           json_node_get_double (node) <= G_MAXINT32 &&
           (double) (gint64) json_node_get_double (node) == json_node_get_double (node))
    *out = (gint64) json_node_get_double (node);
  else if (type == G_TYPE_STRING && g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0,
                                                                G_MAXINT32, &value, NULL))
    *out = (gint64) value;
  else
    return invalid (error, name, _ ("not a number of seconds"));
  return TRUE;
}

PimDeviceAuthorizationResponse *
pim_device_authorization_response_new_from_object (JsonObject *json, GError **error)
{
  g_autoptr (PimDeviceAuthorizationResponse) self =
      g_object_new (PIM_TYPE_DEVICE_AUTHORIZATION_RESPONSE, NULL);
  GError *local_error = NULL;
  gint64  now = g_get_real_time ();

  self->json = json_object_ref (json);
  if (!read_string (json, "device_code", TRUE, &self->device_code, error) ||
      !read_string (json, "user_code", TRUE, &self->user_code, error) ||
      !read_string (json, "verification_uri_complete", FALSE, &self->verification_uri_complete,
                    error))
    return NULL;
  /* verification_uri, or Google's verification_url when it is absent. */
  if (json_object_has_member (json, "verification_uri") ||
      !json_object_has_member (json, "verification_url"))
    {
      if (!read_string (json, "verification_uri", TRUE, &self->verification_uri, error))
        return NULL;
    }
  else if (!read_string (json, "verification_url", TRUE, &self->verification_uri, error))
    return NULL;

  if (!read_seconds (json, "expires_in", &self->expires_in, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        invalid (error, "expires_in", _ ("missing"));
      return NULL;
    }
  if (!read_seconds (json, "interval", &self->interval, &local_error) && local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  self->deadline = now + self->expires_in * G_USEC_PER_SEC;
  self->expires_at = now / G_USEC_PER_SEC + self->expires_in;
  return g_steal_pointer (&self);
}

gint64
pim_device_authorization_response_get_deadline (PimDeviceAuthorizationResponse *self)
{
  return self->deadline;
}

/**
 * pim_device_authorization_response_new_from_json:
 * @json: a device authorization endpoint's answer, as JSON text
 * @error: return location for a #GError
 *
 * Reads a device authorization response, for example one received by
 * other means, with the checks applied to answers of the endpoint:
 * `device_code`, `user_code`, `verification_uri` and `expires_in` present,
 * members of the right types. [property@DeviceAuthorizationResponse:expires-at]
 * counts from now.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimDeviceAuthorizationResponse *
pim_device_authorization_response_new_from_json (const char *json, GError **error)
{
  g_autoptr (JsonNode) node = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  node = pim_oauth_json_parse_object (json,
                                      _ ("The device authorization response is not a JSON object"),
                                      error);
  if (node == NULL)
    return NULL;
  return pim_device_authorization_response_new_from_object (json_node_get_object (node), error);
}

#define GETTER(type, name, fallback)                                                       \
  type pim_device_authorization_response_get_##name (PimDeviceAuthorizationResponse *self) \
  {                                                                                        \
    g_return_val_if_fail (PIM_IS_DEVICE_AUTHORIZATION_RESPONSE (self), fallback);          \
    return self->name;                                                                     \
  }

/**
 * pim_device_authorization_response_get_device_code:
 * @self: a device authorization response
 *
 * Gets [property@DeviceAuthorizationResponse:device-code].
 *
 * Returns: the device code
 *
 * Since: 0.1
 */
GETTER (const char *, device_code, NULL)

/**
 * pim_device_authorization_response_get_user_code:
 * @self: a device authorization response
 *
 * Gets [property@DeviceAuthorizationResponse:user-code].
 *
 * Returns: the user code
 *
 * Since: 0.1
 */
GETTER (const char *, user_code, NULL)

/**
 * pim_device_authorization_response_get_verification_uri:
 * @self: a device authorization response
 *
 * Gets [property@DeviceAuthorizationResponse:verification-uri].
 *
 * Returns: the verification URI
 *
 * Since: 0.1
 */
GETTER (const char *, verification_uri, NULL)

/**
 * pim_device_authorization_response_get_verification_uri_complete:
 * @self: a device authorization response
 *
 * Gets [property@DeviceAuthorizationResponse:verification-uri-complete].
 *
 * Returns: (nullable): the verification URI with the user code, or %NULL
 *
 * Since: 0.1
 */
GETTER (const char *, verification_uri_complete, NULL)

/**
 * pim_device_authorization_response_get_expires_in:
 * @self: a device authorization response
 *
 * Gets [property@DeviceAuthorizationResponse:expires-in].
 *
 * Returns: the lifetime of the codes in seconds
 *
 * Since: 0.1
 */
GETTER (gint64, expires_in, 0)

/**
 * pim_device_authorization_response_get_expires_at:
 * @self: a device authorization response
 *
 * Gets [property@DeviceAuthorizationResponse:expires-at].
 *
 * Returns: the expiry in Unix seconds
 *
 * Since: 0.1
 */
GETTER (gint64, expires_at, 0)

/**
 * pim_device_authorization_response_get_interval:
 * @self: a device authorization response
 *
 * Gets [property@DeviceAuthorizationResponse:interval].
 *
 * Returns: the polling interval in seconds
 *
 * Since: 0.1
 */
GETTER (gint64, interval, PIM_DEVICE_AUTHORIZATION_DEFAULT_INTERVAL)

/**
 * pim_device_authorization_response_get_json:
 * @self: a device authorization response
 *
 * Gets [property@DeviceAuthorizationResponse:json].
 *
 * Returns: (transfer none): the whole answer
 *
 * Since: 0.1
 */
GETTER (JsonObject *, json, NULL)
