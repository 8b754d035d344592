/* fuzz-json.c: the strict JSON reader (pim/jose/pim-json.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is a JSON text. Properties, beyond not crashing:
 *   - pim_json_scan_object() accepts exactly when pim_json_parse_strict()
 *     accepts and the document is an object (the header's contract: "the
 *     same verdict on every input"), at the default depth and at a small
 *     one;
 *   - the string members it copies out are the parsed object's;
 *   - an accepted document, written out again (by a plain writer here:
 *     json-glib 1.6 writes 1e40 as "1e+40.0"), reads again to an equal
 *     tree.
 */

#include "fuzz-common.h"

#include "pim-json-private.h"

/* A plain JSON writer for the round trip: json-glib 1.6's own writes
 * doubles such as 1e40 as "1e+40.0", which is not JSON. */
static void write_node (GString *out, JsonNode *node);

static void
write_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
write_node (GString *out, JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char    *name;
        JsonNode      *member;
        gboolean       first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            write_string (out, name);
            g_string_append_c (out, ':');
            write_node (out, member);
          }
        g_string_append_c (out, '}');
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
        break;
      }
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          write_string (out, json_node_get_string (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          {
            char text[G_ASCII_DTOSTR_BUF_SIZE];

            g_ascii_formatd (text, sizeof text, "%.17g", json_node_get_double (node));
            g_string_append (out, text);
            /* Still a double when read again. */
            if (strpbrk (text, ".eE") == NULL)
              g_string_append (out, ".0");
            break;
          }
        default:
          pim_fuzz_fail (G_STRLOC, "a value of an unexpected type");
        }
      break;
    }
}

static const char *const field_names[] = { "alg", "kid", "typ", "", "\xc3\xa9", "keys" };

static void
check_scan (const char *data, gsize len, guint max_depth)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (GError) scan_error = NULL;
  PimJsonField fields[G_N_ELEMENTS (field_names)];
  gboolean     parsed_object, scanned;

  for (gsize i = 0; i < G_N_ELEMENTS (field_names); i++)
    fields[i].name = field_names[i];

  root = pim_json_parse_strict (data, len, max_depth, &parse_error);
  pim_fuzz_assert ((root == NULL) == (parse_error != NULL), "parse: a result xor an error");
  pim_fuzz_check_error (parse_error);
  parsed_object = root != NULL && JSON_NODE_HOLDS_OBJECT (root);
  scanned = pim_json_scan_object (data, len, max_depth, fields, G_N_ELEMENTS (fields), &scan_error);
  pim_fuzz_assert (scanned == (scan_error == NULL), "scan: TRUE xor an error");
  pim_fuzz_assert (scanned == parsed_object, "scan and parse disagree about a document");

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      JsonObject *object = parsed_object ? json_node_get_object (root) : NULL;
      JsonNode   *member = object != NULL ? json_object_get_member (object, fields[i].name) : NULL;
      gboolean    is_string = member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
                           json_node_get_value_type (member) == G_TYPE_STRING;

      pim_fuzz_assert (fields[i].present == (member != NULL), "scan: member presence differs");
      pim_fuzz_assert (fields[i].is_string == is_string, "scan: member type differs");
      pim_fuzz_assert ((fields[i].value != NULL) == is_string, "scan: string value missing");
      if (is_string)
        pim_fuzz_assert (strcmp (fields[i].value, json_node_get_string (member)) == 0,
                         "scan: string value differs");
      g_free (fields[i].value);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  const char *text = (const char *) data;
  g_autoptr (JsonNode) root = NULL;

  pim_fuzz_init ();

  check_scan (text, size, PIM_JSON_MAX_DEPTH);
  check_scan (text, size, 1 + size % 4);

  root = pim_json_parse_strict (text, size, PIM_JSON_MAX_DEPTH, NULL);
  if (root != NULL)
    {
      g_autoptr (GString) written = g_string_new (NULL);
      g_autoptr (JsonNode) again = NULL;
      g_autoptr (GError) error = NULL;

      write_node (written, root);
      again = pim_json_parse_strict (written->str, written->len, PIM_JSON_MAX_DEPTH, &error);
      pim_fuzz_assert (again != NULL, "an accepted document, written again, is refused");
      pim_fuzz_assert (json_node_equal (root, again), "a document changed on a round trip");
    }
  return 0;
}
