/* pim-oauth-json.c: reading the members of a provider's JSON answer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-json-private.h"
#include "pim-oauth-json-private.h"
#include "pim-oauth-private.h"

static gboolean
invalid (GError **error, const char *what, const char *member, const char *why)
{
  g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
               /* translators: the first %s is an answer such as “token response”,
                * the second a member such as “access_token”, the third a reason */
               _ ("The %s's “%s” is %s"), what, member, why);
  return FALSE;
}

/* A member that is there and not null. */
static JsonNode *
member (JsonObject *json, const char *name)
{
  JsonNode *node = json_object_get_member (json, name);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

static GType
value_type (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
}

gboolean
pim_oauth_json_string (JsonObject  *json,
                       const char  *name,
                       gboolean     required,
                       const char  *what,
                       const char **out,
                       GError     **error)
{
  JsonNode *node = member (json, name);

  *out = NULL;
  if (node == NULL)
    return !required || invalid (error, what, name, _ ("missing"));
  if (value_type (node) != G_TYPE_STRING)
    return invalid (error, what, name, _ ("not a string"));
  *out = json_node_get_string (node);
  if (required && **out == '\0')
    return invalid (error, what, name, _ ("empty"));
  return TRUE;
}

gboolean
pim_oauth_json_int (JsonObject *json,
                    const char *name,
                    gboolean    required,
                    const char *what,
                    gint64     *out,
                    GError    **error)
{
  JsonNode *node = member (json, name);
  GType     type;
  guint64   value;

  *out = -1;
  if (node == NULL)
    return !required || invalid (error, what, name, _ ("missing"));
  type = value_type (node);
  /* Numbers; some providers send digits in a string, which is accepted. */
  if (type == G_TYPE_INT64 && json_node_get_int (node) >= 0)
    *out = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE && json_node_get_double (node) >= 0 &&
           json_node_get_double (node) < (double) G_MAXINT64)
    *out = (gint64) json_node_get_double (node);
  else if (type == G_TYPE_STRING && g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0,
                                                                G_MAXINT64, &value, NULL))
    *out = (gint64) value;
  else
    return invalid (error, what, name, _ ("not a number"));
  return TRUE;
}

gboolean
pim_oauth_json_boolean (JsonObject *json,
                        const char *name,
                        gboolean    required,
                        const char *what,
                        gboolean   *out,
                        GError    **error)
{
  JsonNode *node = member (json, name);

  *out = FALSE;
  if (node == NULL)
    return !required || invalid (error, what, name, _ ("missing"));
  if (value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, what, name, _ ("not a boolean"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
pim_oauth_json_strv (JsonObject *json,
                     const char *name,
                     const char *what,
                     GStrv      *out,
                     GError    **error)
{
  JsonNode *node = member (json, name);
  g_autoptr (GStrvBuilder) builder = NULL;
  JsonArray *array;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  builder = g_strv_builder_new ();
  if (value_type (node) == G_TYPE_STRING)
    g_strv_builder_add (builder, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (value_type (element) != G_TYPE_STRING)
            return invalid (error, what, name, _ ("not a list of strings"));
          g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  else
    return invalid (error, what, name, _ ("not a string or a list of strings"));
  *out = g_strv_builder_end (builder);
  return TRUE;
}

JsonNode *
pim_oauth_json_parse_object (const char *json, const char *message, GError **error)
{
  g_autoptr (JsonNode) node = NULL;

  node = pim_json_parse_strict (json, strlen (json), PIM_JSON_MAX_DEPTH, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE, message);
      return NULL;
    }
  return g_steal_pointer (&node);
}
