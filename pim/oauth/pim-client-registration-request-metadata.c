/* pim-client-registration-request-metadata.c: the metadata a
 * PimClientRegistrationRequest sends
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The JSON object built from the properties and the members without a
 * property (shared with the HTTP requests in
 * pim-client-registration-request.c), the request made from a registered
 * client to manage it (RFC 7592), and the public setter and reader of the
 * metadata as JSON.
 */

#include "pim-private.h"

#include "pim-client-registration-request-private.h"
#include "pim-client-registration-response-private.h"
#include "pim-json-private.h"
#include "pim-oauth-private.h"

/* ---- The metadata ---- */

static void
set_strv (JsonObject *json, const char *name, GStrv value)
{
  JsonArray *array;

  if (value == NULL)
    return;
  array = json_array_new ();
  for (gsize i = 0; value[i] != NULL; i++)
    json_array_add_string_element (array, value[i]);
  json_object_set_array_member (json, name, array);
}

static void
set_string (JsonObject *json, const char *name, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (json, name, value);
}

/* What the request sends: the members without a property first, then
 * the properties, which win. */
JsonObject *
pim_client_registration_request_build_metadata (PimClientRegistrationRequest *self, GError **error)
{
  g_autoptr (JsonObject) json = json_object_new ();

  if (self->metadata != NULL)
    {
      JsonObjectIter iter;
      const char    *name;
      JsonNode      *node;

      json_object_iter_init_ordered (&iter, self->metadata);
      while (json_object_iter_next_ordered (&iter, &name, &node))
        json_object_set_member (json, name, json_node_copy (node));
    }
  set_strv (json, "redirect_uris", self->redirect_uris);
  set_string (json, "client_name", self->client_name);
  set_strv (json, "grant_types", self->grant_types);
  set_strv (json, "response_types", self->response_types);
  set_string (json, "token_endpoint_auth_method", self->token_endpoint_auth_method);
  set_string (json, "scope", self->scope);
  if (self->jwks != NULL)
    {
      JsonNode *jwks =
          pim_json_parse_strict (self->jwks, strlen (self->jwks), PIM_JSON_MAX_DEPTH, NULL);

      if (jwks == NULL || !JSON_NODE_HOLDS_OBJECT (jwks))
        {
          g_clear_pointer (&jwks, json_node_unref);
          g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                               _ ("The request's “jwks” is not a JSON object"));
          return NULL;
        }
      json_object_set_member (json, "jwks", jwks);
    }
  set_string (json, "jwks_uri", self->jwks_uri);
  set_string (json, "application_type", self->application_type);
  set_strv (json, "contacts", self->contacts);
  set_strv (json, "post_logout_redirect_uris", self->post_logout_redirect_uris);
  set_string (json, "backchannel_logout_uri", self->backchannel_logout_uri);
  if (self->backchannel_logout_session_required)
    json_object_set_boolean_member (json, "backchannel_logout_session_required", TRUE);
  set_string (json, "software_statement", self->software_statement);
  return g_steal_pointer (&json);
}

/* ---- The request for a registered client ---- */

/* Members of an answer that are not metadata to send back (RFC 7592
 * §2.2): the server's own, and the secret, which Pim does not repeat. */
static gboolean
is_server_member (const char *name)
{
  static const char *const members[] = { "client_id",
                                         "client_secret",
                                         "client_id_issued_at",
                                         "client_secret_expires_at",
                                         "registration_access_token",
                                         "registration_client_uri",
                                         NULL };

  return g_strv_contains (members, name);
}

static GStrv
strv_of (JsonNode *node)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

/**
 * pim_client_registration_request_new_for_client:
 * @registration: a registered client, with a registration access token
 *
 * Creates a request to manage @registration (RFC 7592): its
 * [property@OAuthRequest:client-id], registration access token and client
 * configuration endpoint are the registration's, and its metadata every
 * member of @registration that is not the server's own (not the secret,
 * the times or the management pair), so that an update that changes one
 * property sends the rest as registered.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimClientRegistrationRequest *
pim_client_registration_request_new_for_client (PimClientRegistrationResponse *registration)
{
  PimClientRegistrationRequest *self;
  JsonObject                   *json;
  JsonObjectIter                iter;
  const char                   *name;
  JsonNode                     *node;

  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_RESPONSE (registration), NULL);

  self =
      g_object_new (PIM_TYPE_CLIENT_REGISTRATION_REQUEST, "client-id",
                    pim_client_registration_response_get_client_id (registration),
                    "registration-client-uri",
                    pim_client_registration_response_get_registration_client_uri (registration),
                    "registration-access-token",
                    pim_client_registration_response_get_registration_access_token (registration),
                    NULL);
  json = pim_client_registration_response_get_json (registration);
  json_object_iter_init_ordered (&iter, json);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      GParamSpec      *pspec;
      g_autofree char *property = NULL;

      if (is_server_member (name) || JSON_NODE_HOLDS_NULL (node))
        continue;
      property = g_strdelimit (g_strdup (name), "_", '-');
      pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), property);
      /* The response checked the types of the members with a property. */
      if (pspec != NULL && strcmp (name, "jwks") == 0)
        {
          g_autofree char *text = pim_json_to_string (node);

          g_object_set (self, "jwks", text, NULL);
        }
      else if (pspec != NULL && pspec->value_type == G_TYPE_STRV && JSON_NODE_HOLDS_ARRAY (node))
        {
          g_auto (GStrv) value = strv_of (node);

          g_object_set (self, property, value, NULL);
        }
      else if (pspec != NULL && pspec->value_type == G_TYPE_STRING &&
               JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_object_set (self, property, json_node_get_string (node), NULL);
      else if (pspec != NULL && pspec->value_type == G_TYPE_BOOLEAN &&
               JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        g_object_set (self, property, json_node_get_boolean (node), NULL);
      else
        {
          if (self->metadata == NULL)
            self->metadata = json_object_new ();
          json_object_set_member (self->metadata, name, json_node_copy (node));
        }
    }
  return self;
}

/**
 * pim_client_registration_request_set_metadata:
 * @self: a registration request
 * @name: a metadata member, such as `tos_uri` or `default_max_age`
 * @json_value: (nullable): the member's value as JSON text (a string is
 *   quoted: `"\"https://app.example.com/tos\""`), or %NULL to remove it
 * @error: return location for a #GError
 *
 * Sets a metadata member that has no property of its own. A member that
 * has one is sent as the property says when the property is set.
 *
 * Returns: %TRUE, or %FALSE with %PIM_OAUTH_ERROR_INVALID_ARGUMENT when
 *   @json_value is not JSON
 *
 * Since: 0.1
 */
gboolean
pim_client_registration_request_set_metadata (PimClientRegistrationRequest *self,
                                              const char                   *name,
                                              const char                   *json_value,
                                              GError                      **error)
{
  JsonNode *node;

  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (json_value == NULL)
    {
      if (self->metadata != NULL)
        json_object_remove_member (self->metadata, name);
      return TRUE;
    }
  node = pim_json_parse_strict (json_value, strlen (json_value), PIM_JSON_MAX_DEPTH, NULL);
  if (node == NULL)
    {
      g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                   /* translators: %s is a metadata member such as “tos_uri” */
                   _ ("The value of “%s” is not JSON"), name);
      return FALSE;
    }
  if (self->metadata == NULL)
    self->metadata = json_object_new ();
  json_object_set_member (self->metadata, name, node);
  return TRUE;
}

/**
 * pim_client_registration_request_to_json:
 * @self: a registration request
 * @error: return location for a #GError
 *
 * The metadata the request sends, as JSON text: the members set with
 * [method@ClientRegistrationRequest.set_metadata] and the properties
 * that are set.
 *
 * Returns: (transfer full): the JSON text, or %NULL with @error set when
 *   [property@ClientRegistrationRequest:jwks] is not a JSON object
 *
 * Since: 0.1
 */
char *
pim_client_registration_request_to_json (PimClientRegistrationRequest *self, GError **error)
{
  g_autoptr (JsonObject) metadata = NULL;

  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((metadata = pim_client_registration_request_build_metadata (self, error)) == NULL)
    return NULL;
  return pim_json_object_to_string (metadata);
}
