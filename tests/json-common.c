/* json-common.c: what the JSON reader's test programs share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The helpers of json-common.h: parsing a string, and the check that the
 * scanner agrees with the parser.
 */

#include "pim-private.h"

#include "json-common.h"
#include "pim-json-private.h"
#include "pim-jose-error.h"

#include <string.h>

JsonNode *
parse (const char *text, GError **error)
{
  return pim_json_parse_strict (text, strlen (text), PIM_JSON_MAX_DEPTH, error);
}

/* ---- The scanner agrees with the parser ---- */

/* The first byte that is not whitespace is '{'. */
static gboolean
object_rooted (const char *data, gsize len)
{
  gsize i = 0;

  while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
    i++;
  return i < len && data[i] == '{';
}

/* pim_json_scan_object() accepts @data iff pim_json_parse_strict() does
 * and the root is an object, fails with the same message on any other
 * input that starts as an object, and reports the top-level members that
 * the tree has (up to 64 of them, and a few absent names). */
void
assert_scan_agrees (const char *data, gsize len, guint max_depth)
{
  static const char *const probes[] = { "alg", "kid", "typ", "crit", "", "a", "kid\n" };
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (GError) scan_error = NULL;
  g_autoptr (JsonNode) node = pim_json_parse_strict (data, len, max_depth, &parse_error);
  g_autoptr (GArray) fields = g_array_new (FALSE, TRUE, sizeof (PimJsonField));
  JsonObject *object = NULL;
  gboolean    ok;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char    *name;

      object = json_node_get_object (node);
      json_object_iter_init (&iter, object);
      /* (Not all of them: each is looked for among all the members.) */
      while (json_object_iter_next (&iter, &name, NULL) && fields->len < 64)
        g_array_append_val (fields, ((PimJsonField){ .name = name }));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (probes); i++)
    if (object == NULL || !json_object_has_member (object, probes[i]))
      g_array_append_val (fields, ((PimJsonField){ .name = probes[i] }));
  /* Stale outputs must be overwritten. */
  for (guint i = 0; i < fields->len; i++)
    g_array_index (fields, PimJsonField, i).present = TRUE;

  ok = pim_json_scan_object (data, len, max_depth, (PimJsonField *) (void *) fields->data,
                             fields->len, &scan_error);

  g_assert_true (ok == (scan_error == NULL));
  if (ok != (object != NULL))
    g_error ("scan %s, parse %s: %.*s", ok ? "accepts" : "rejects",
             node == NULL     ? "rejects"
             : object != NULL ? "accepts"
                              : "reads a non-object",
             (int) MIN (len, 200), data);
  for (guint i = 0; i < fields->len; i++)
    {
      PimJsonField *field = &g_array_index (fields, PimJsonField, i);
      JsonNode *member = object != NULL && ok ? json_object_get_member (object, field->name) : NULL;

      g_assert_true (field->present == (member != NULL));
      g_assert_true (field->is_string == (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
                                          json_node_get_value_type (member) == G_TYPE_STRING));
      g_assert_cmpstr (field->value, ==, field->is_string ? json_node_get_string (member) : NULL);
      g_free (field->value);
    }
  if (ok)
    return;

  g_assert_error (scan_error, PIM_JSON_ERROR, 0);
  if (node != NULL)
    g_assert_true (g_str_has_suffix (scan_error->message, ": not an object"));
  else if (object_rooted (data, len))
    g_assert_cmpstr (scan_error->message, ==, parse_error->message);
}
