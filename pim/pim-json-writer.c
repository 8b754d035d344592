/* pim-json-writer.c: the JSON writer of every layer (RFC 8259)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * json-glib 1.6's generator appends ".0" to every double printed without
 * a dot, so 1e40 comes out as "1e+40.0", which is not JSON: a request
 * body, a signed token or a stored key holding such a number would be
 * refused by its reader (and by ours). This writer prints what
 * pim_json_parse_strict() reads back to an equal tree: compact, members
 * in insertion order, doubles in the shortest form that reads back to
 * the same value and still reads as a double. pim-tool compiles this
 * file in too, for the indented form it prints.
 */

#include "pim-private.h"

#include "pim-json-private.h"

#include <math.h>
#include <string.h>

static void
write_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", (guint) c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_double (GString *out, double value)
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };
  char                     text[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON has no NaN or infinity; the parser never makes them. */
  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (text, sizeof text, formats[i], value);
      if (g_ascii_strtod (text, NULL) == value)
        break;
    }
  g_string_append (out, text);
  /* Still a double when read again ("-0" would be the integer 0). */
  if (strpbrk (text, ".eE") == NULL)
    g_string_append (out, ".0");
}

/* A line break and @depth levels of two-space indentation, when pretty. */
static void
write_break (GString *out, gboolean pretty, guint depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
write_node (GString *out, JsonNode *node, gboolean pretty, guint depth)
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
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            write_break (out, pretty, depth + 1);
            write_string (out, name);
            g_string_append (out, pretty ? " : " : ":");
            write_node (out, member, pretty, depth + 1);
          }
        if (!first)
          write_break (out, pretty, depth);
        g_string_append_c (out, '}');
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint      length = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < length; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_break (out, pretty, depth + 1);
            write_node (out, json_array_get_element (array, i), pretty, depth + 1);
          }
        if (length > 0)
          write_break (out, pretty, depth);
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
          write_double (out, json_node_get_double (node));
          break;
        default:
          /* json-glib's value nodes hold only the four types above. */
          g_assert_not_reached ();
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

void
pim_json_write (GString *out, JsonNode *node)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (node != NULL);

  write_node (out, node, FALSE, 0);
}

char *
pim_json_to_string (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  pim_json_write (out, node);
  return g_string_free (out, FALSE);
}

char *
pim_json_object_to_string (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (object != NULL, NULL);

  json_node_set_object (node, object);
  return pim_json_to_string (node);
}

char *
pim_json_to_string_pretty (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  write_node (out, node, TRUE, 0);
  return g_string_free (out, FALSE);
}
