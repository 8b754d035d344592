/* pim-token-blob.c: the token manager's stored secret, and its clock
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <string.h>

#include "pim-json-private.h"
#include "pim-native-error.h"
#include "pim-token-manager-private.h"
#include "pim-token-store-private.h"

GBytes *
pim_token_blob_encode (const char *refresh_token, const char *dpop_jwk)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  char   *text = NULL;
  gsize   len = 0;
  GBytes *bytes = NULL;

  g_return_val_if_fail (refresh_token != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "refresh_token");
  json_builder_add_string_value (builder, refresh_token);
  if (dpop_jwk != NULL)
    {
      JsonNode *key = pim_json_parse_strict (dpop_jwk, strlen (dpop_jwk), PIM_JSON_MAX_DEPTH, NULL);

      if (key != NULL && JSON_NODE_HOLDS_OBJECT (key))
        {
          json_builder_set_member_name (builder, "dpop_key");
          json_builder_add_value (builder, key);
        }
      else if (key != NULL)
        json_node_unref (key);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = pim_json_to_string (root);
  len = strlen (text);
  bytes = pim_token_store_bytes_new_wiped (text, len);
  explicit_bzero (text, len);
  g_free (text);
  return bytes;
}

static gboolean
blob_error (GError **error)
{
  g_set_error_literal (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_STORE_FAILED,
                       _ ("The stored sign-in is not readable"));
  return FALSE;
}

gboolean
pim_token_blob_decode (const void *data,
                       gsize       len,
                       char      **refresh_token,
                       char      **dpop_jwk,
                       GError    **error)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object = NULL;
  JsonNode   *member = NULL;
  const char *token = NULL;

  g_return_val_if_fail (refresh_token != NULL && dpop_jwk != NULL, FALSE);

  *refresh_token = NULL;
  *dpop_jwk = NULL;
  if (data == NULL || len == 0 || len > PIM_TOKEN_BLOB_MAX_SIZE)
    return blob_error (error);
  root = pim_json_parse_strict (data, len, PIM_JSON_MAX_DEPTH, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return blob_error (error);
  object = json_node_get_object (root);

  member = json_object_get_member (object, "version");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_INT64 || json_node_get_int (member) != 1)
    return blob_error (error);

  member = json_object_get_member (object, "refresh_token");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    return blob_error (error);
  token = json_node_get_string (member);
  if (token == NULL || *token == '\0')
    return blob_error (error);

  member = json_object_get_member (object, "dpop_key");
  if (member != NULL && !JSON_NODE_HOLDS_OBJECT (member))
    return blob_error (error);

  if (member != NULL)
    *dpop_jwk = pim_json_to_string (member);
  *refresh_token = g_strdup (token);
  return TRUE;
}

gboolean
pim_token_needs_refresh (gint64 expires_at, gint64 now, guint margin)
{
  if (expires_at <= 0)
    return FALSE;
  /* expired, or expires_at - now < margin (without overflow) */
  return expires_at <= now || expires_at - now < (gint64) margin;
}

gboolean
pim_token_is_expired (gint64 expires_at, gint64 now)
{
  return expires_at > 0 && expires_at <= now;
}
