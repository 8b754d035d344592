/* pim-jwk-set.c: PimJwkSet, a JSON Web Key Set
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-jose-private.h"
#include "pim-json-private.h"
#include "pim-jwk-private.h"
#include "pim-jwk-set-private.h"
#include "pim-jwk-set.h"

/**
 * PimJwkSet:
 *
 * A JSON Web Key Set (RFC 7517 §5), such as a provider publishes at its
 * `jwks_uri`.
 *
 * Parsing is forgiving per key and strict per document: a key of an
 * unknown type or with unusable parameters is skipped and recorded
 * ([method@JwkSet.get_skipped]), so one odd key does not break a
 * provider's whole set, while a document that is not valid JSON, has
 * duplicate member names, or has no `keys` array is an error.
 *
 * Verifying a token tries every key that fits it: when several keys share
 * a `kid`, or the token has none, each candidate whose type, `alg` and
 * `use` fit is tried, never just the first ([method@JwkSet.find]).
 *
 * A set is safe to share between threads once built; do not add keys to a
 * set that other threads are reading.
 *
 * Since: 0.1
 */

struct _PimJwkSet
{
  GObject parent_instance;

  GPtrArray *keys;    /* PimJwk */
  GPtrArray *skipped; /* char*, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (PimJwkSet, pim_jwk_set, G_TYPE_OBJECT)

static void
pim_jwk_set_finalize (GObject *object)
{
  PimJwkSet *self = PIM_JWK_SET (object);

  g_ptr_array_unref (self->keys);
  g_ptr_array_unref (self->skipped);

  G_OBJECT_CLASS (pim_jwk_set_parent_class)->finalize (object);
}

static void
pim_jwk_set_class_init (PimJwkSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pim_jwk_set_finalize;
}

static void
pim_jwk_set_init (PimJwkSet *self)
{
  self->keys = g_ptr_array_new_with_free_func (g_object_unref);
  self->skipped = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

/**
 * pim_jwk_set_new:
 *
 * Creates an empty key set, to fill with [method@JwkSet.add].
 *
 * Returns: (transfer full): a new key set
 *
 * Since: 0.1
 */
PimJwkSet *
pim_jwk_set_new (void)
{
  return g_object_new (PIM_TYPE_JWK_SET, NULL);
}

PimJwkSet *
pim_jwk_set_new_from_data (const char *data, gsize len, GError **error)
{
  g_autoptr (PimJwkSet) self = NULL;
  GError *json_error = NULL;
  g_autoptr (JsonNode) root = pim_json_parse_strict (data, len, PIM_JSON_MAX_DEPTH, &json_error);
  JsonNode  *keys;
  JsonArray *array;

  if (root == NULL)
    {
      pim_jose_error_from_json (error, json_error);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (keys = json_object_get_member (json_node_get_object (root), "keys")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (keys))
    {
      g_set_error_literal (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED,
                           _ ("A JWK Set must be a JSON object with a “keys” array"));
      return NULL;
    }

  self = pim_jwk_set_new ();
  array = json_node_get_array (keys);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr (GError) key_error = NULL;
      PimJwk *key = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        key = pim_jwk_new_from_object_internal (json_node_get_object (element), &key_error);
      else
        g_set_error_literal (&key_error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED,
                             _ ("A JWK must be a JSON object"));

      if (key != NULL)
        g_ptr_array_add (self->keys, key);
      else
        g_ptr_array_add (self->skipped,
                         /* translators: %u is a position in a list, %s a reason */
                         g_strdup_printf (_ ("Key %u skipped: %s"), i, key_error->message));
    }
  return g_steal_pointer (&self);
}

/**
 * pim_jwk_set_new_from_json:
 * @json: a JWK Set as JSON text
 * @error: return location for a #GError
 *
 * Parses a JWK Set. Keys that cannot be used are skipped and listed by
 * [method@JwkSet.get_skipped]; the document itself must be strict JSON
 * with a `keys` array, or this fails with %PIM_JOSE_ERROR_MALFORMED.
 *
 * Returns: (transfer full): the key set, or %NULL with @error set
 *
 * Since: 0.1
 */
PimJwkSet *
pim_jwk_set_new_from_json (const char *json, GError **error)
{
  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pim_jwk_set_new_from_data (json, strlen (json), error);
}

/**
 * pim_jwk_set_new_from_bytes:
 * @json: a JWK Set as JSON text, for example an HTTP response body
 * @error: return location for a #GError
 *
 * Parses a JWK Set, as [ctor@JwkSet.new_from_json] does.
 *
 * Returns: (transfer full): the key set, or %NULL with @error set
 *
 * Since: 0.1
 */
PimJwkSet *
pim_jwk_set_new_from_bytes (GBytes *json, GError **error)
{
  gsize       len = 0;
  const char *data;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (json, &len);
  return pim_jwk_set_new_from_data (data != NULL ? data : "", len, error);
}

/**
 * pim_jwk_set_add:
 * @self: a key set
 * @key: a key
 *
 * Adds a key to the set.
 *
 * Since: 0.1
 */
void
pim_jwk_set_add (PimJwkSet *self, PimJwk *key)
{
  g_return_if_fail (PIM_IS_JWK_SET (self));
  g_return_if_fail (PIM_IS_JWK (key));

  g_ptr_array_add (self->keys, g_object_ref (key));
}

/**
 * pim_jwk_set_get_n_keys:
 * @self: a key set
 *
 * Gets how many usable keys the set holds.
 *
 * Returns: the number of keys
 *
 * Since: 0.1
 */
guint
pim_jwk_set_get_n_keys (PimJwkSet *self)
{
  g_return_val_if_fail (PIM_IS_JWK_SET (self), 0);
  return self->keys->len;
}

/**
 * pim_jwk_set_get_key:
 * @self: a key set
 * @index: a position, below [method@JwkSet.get_n_keys]
 *
 * Gets a key of the set.
 *
 * Returns: (transfer none): the key
 *
 * Since: 0.1
 */
PimJwk *
pim_jwk_set_get_key (PimJwkSet *self, guint index)
{
  g_return_val_if_fail (PIM_IS_JWK_SET (self), NULL);
  g_return_val_if_fail (index < self->keys->len, NULL);
  return self->keys->pdata[index];
}

GPtrArray *
pim_jwk_set_get_keys_internal (PimJwkSet *self)
{
  return self->keys;
}

/**
 * pim_jwk_set_find:
 * @self: a key set
 * @kid: (nullable): a key ID, or %NULL for any key
 * @alg: (nullable): an algorithm, such as `RS256`, or %NULL for any
 *
 * Finds every key that fits: with the key ID @kid, if given, and usable
 * for verifying @alg, if given (see [method@Jwk.allows_algorithm]), in the
 * set's order.
 *
 * Returns: (transfer container) (element-type PimJwk): the keys, maybe
 *   none
 *
 * Since: 0.1
 */
GPtrArray *
pim_jwk_set_find (PimJwkSet *self, const char *kid, const char *alg)
{
  GPtrArray *found;

  g_return_val_if_fail (PIM_IS_JWK_SET (self), NULL);

  found = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->keys->len; i++)
    {
      PimJwk *key = self->keys->pdata[i];

      if (kid != NULL && g_strcmp0 (pim_jwk_get_key_id (key), kid) != 0)
        continue;
      if (alg != NULL && !pim_jwk_allows_algorithm (key, alg))
        continue;
      g_ptr_array_add (found, g_object_ref (key));
    }
  return found;
}

/**
 * pim_jwk_set_get_skipped:
 * @self: a key set
 *
 * Lists the keys that parsing skipped, one message each, naming the key's
 * position and why.
 *
 * Returns: (array zero-terminated=1) (transfer none): the messages, maybe
 *   none
 *
 * Since: 0.1
 */
const char *const *
pim_jwk_set_get_skipped (PimJwkSet *self)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (PIM_IS_JWK_SET (self), NULL);
  /* An empty null-terminated GPtrArray may have no pdata at all. */
  return self->skipped->pdata != NULL ? (const char *const *) self->skipped->pdata : none;
}

/**
 * pim_jwk_set_to_json:
 * @self: a key set
 * @include_private: whether to include private members
 *
 * Serializes the set as compact JSON text.
 *
 * Returns: (transfer full): the JWK Set
 *
 * Since: 0.1
 */
char *
pim_jwk_set_to_json (PimJwkSet *self, gboolean include_private)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *root = json_object_new ();
  JsonArray  *keys = json_array_new ();

  g_return_val_if_fail (PIM_IS_JWK_SET (self), NULL);

  for (guint i = 0; i < self->keys->len; i++)
    json_array_add_object_element (keys, pim_jwk_to_object (self->keys->pdata[i], include_private));
  json_object_set_array_member (root, "keys", keys);
  json_node_take_object (node, root);
  return pim_json_to_string (node);
}
