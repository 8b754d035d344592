/* json-writer-test.c: the JSON writer of every layer (pim/pim-json-writer.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What the writer prints must read back, with the library's strict reader,
 * to the very same tree: int stays int, a double keeps every bit, members
 * keep their order. json-glib 1.6's own generator fails the first case
 * below (1e40 → "1e+40.0").
 */

#include "pim-private.h"

#include "pim-json-private.h"

#include <math.h>
#include <string.h>

static JsonNode *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = pim_json_parse_strict (text, strlen (text), PIM_JSON_MAX_DEPTH, &error);

  g_assert_no_error (error);
  return node;
}

/* Each input, read and written, gives the expected text, which is a fixed
 * point: read and written again, it does not change. */
static void
test_canonical (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "1e40", "1e+40" },
    { "[1E40, -1e-7, 2.5e300]", "[1e+40,-1e-07,2.5e+300]" },
    { "0.1", "0.1" },
    { "1.5", "1.5" },
    { "100.0", "100.0" },
    { "-0.0", "-0.0" },
    { "-0", "0" },
    { "1.7976931348623157e308", "1.7976931348623157e+308" },
    { "5e-324", "4.94065645841247e-324" },
    { "1e-400", "0.0" },
    { "9223372036854775807", "9223372036854775807" },
    { "-9223372036854775808", "-9223372036854775808" },
    { "9223372036854775808", "9.223372036854776e+18" },
    { "0.30000000000000004", "0.30000000000000004" },
    { "true", "true" },
    { "null", "null" },
    { " { \"z\" : 1 , \"a\" : [ ] , \"m\" : { } } ", "{\"z\":1,\"a\":[],\"m\":{}}" },
    { "\"\\u0000x\"", NULL },
    { "\"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f\"",
      "\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\"" },
    { "\"\\u00e9\\ud83d\\ude00\\u2028\"", "\"\xc3\xa9\xf0\x9f\x98\x80\xe2\x80\xa8\"" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) node = NULL;
      g_autoptr (JsonNode) again = NULL;
      g_autofree char *written = NULL;
      g_autofree char *rewritten = NULL;

      /* \u0000 is refused by the reader: nothing to write. */
      if (cases[i].out == NULL)
        {
          g_autoptr (GError) error = NULL;

          g_assert_null (pim_json_parse_strict (cases[i].in, strlen (cases[i].in),
                                                PIM_JSON_MAX_DEPTH, &error));
          g_assert_nonnull (error);
          continue;
        }
      node = parse (cases[i].in);
      written = pim_json_to_string (node);
      g_assert_cmpstr (written, ==, cases[i].out);
      again = parse (written);
      rewritten = pim_json_to_string (again);
      g_assert_cmpstr (rewritten, ==, written);
    }
}

/* Any finite double, written and read, keeps every bit and stays a
 * double; an int node stays an int. */
static void
test_doubles_exact (void)
{
  for (guint i = 0; i < 100000; i++)
    {
      guint64 bits = ((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ();
      double  value;
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autoptr (JsonNode) again = NULL;
      g_autofree char *written = NULL;
      double           back;

      memcpy (&value, &bits, sizeof value);
      if (!isfinite (value))
        continue;
      json_node_set_double (node, value);
      written = pim_json_to_string (node);
      again = parse (written);
      g_assert_cmpuint (json_node_get_value_type (again), ==, G_TYPE_DOUBLE);
      back = json_node_get_double (again);
      if (memcmp (&back, &value, sizeof value) != 0)
        g_error ("%.17g (bits %016" G_GINT64_MODIFIER "x) came back as %.17g from \"%s\"", value,
                 bits, back, written);
    }
  for (guint i = 0; i < 10000; i++)
    {
      gint64 value = (gint64) (((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ());
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autoptr (JsonNode) again = NULL;
      g_autofree char *written = NULL;

      json_node_set_int (node, value);
      written = pim_json_to_string (node);
      again = parse (written);
      g_assert_cmpuint (json_node_get_value_type (again), ==, G_TYPE_INT64);
      g_assert_cmpint (json_node_get_int (again), ==, value);
    }
}

/* Trees built in code: members in the order they were set (a replaced
 * member keeps its place), every control character escaped, and no NaN
 * or infinity, which JSON cannot say. */
static void
test_built (void)
{
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (JsonNode) nan_node = json_node_new (JSON_NODE_VALUE);
  g_autoptr (JsonNode) inf_node = json_node_new (JSON_NODE_VALUE);
  g_autoptr (GString) controls = g_string_new (NULL);
  g_autoptr (JsonNode) string_node = json_node_new (JSON_NODE_VALUE);
  g_autoptr (JsonNode) back = NULL;
  g_autofree char *text = NULL;
  g_autofree char *nan_text = NULL;
  g_autofree char *inf_text = NULL;
  g_autofree char *string_text = NULL;

  json_object_set_int_member (object, "z", 1);
  json_object_set_string_member (object, "a", "x");
  json_object_set_null_member (object, "m");
  json_object_set_int_member (object, "a", 2);
  text = pim_json_object_to_string (object);
  g_assert_cmpstr (text, ==, "{\"z\":1,\"a\":2,\"m\":null}");

  json_node_set_double (nan_node, NAN);
  nan_text = pim_json_to_string (nan_node);
  g_assert_cmpstr (nan_text, ==, "null");
  json_node_set_double (inf_node, -INFINITY);
  inf_text = pim_json_to_string (inf_node);
  g_assert_cmpstr (inf_text, ==, "null");

  for (char c = 1; c < 0x20; c++)
    g_string_append_c (controls, c);
  g_string_append (controls, "\"\\/");
  json_node_set_string (string_node, controls->str);
  string_text = pim_json_to_string (string_node);
  for (const char *p = string_text; *p != '\0'; p++)
    g_assert_cmpint ((guchar) *p, >=, 0x20);
  back = parse (string_text);
  g_assert_cmpstr (json_node_get_string (back), ==, controls->str);
}

/* pim-tool's indented form: json-glib's layout, the same numbers. */
static void
test_pretty (void)
{
  g_autoptr (JsonNode) node =
      parse ("{\"a\":1,\"b\":[1,{\"c\":null},[]],\"d\":{},\"e\":\"x\\ny\",\"f\":1e40}");
  g_autoptr (JsonNode) again = NULL;
  g_autofree char *text = pim_json_to_string_pretty (node);
  g_autofree char *scalar = NULL;

  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"a\" : 1,\n"
                   "  \"b\" : [\n"
                   "    1,\n"
                   "    {\n"
                   "      \"c\" : null\n"
                   "    },\n"
                   "    []\n"
                   "  ],\n"
                   "  \"d\" : {},\n"
                   "  \"e\" : \"x\\ny\",\n"
                   "  \"f\" : 1e+40\n"
                   "}");
  again = parse (text);
  g_assert_true (json_node_equal (node, again));
  scalar = pim_json_to_string_pretty (json_object_get_member (json_node_get_object (node), "f"));
  g_assert_cmpstr (scalar, ==, "1e+40");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-writer/canonical", test_canonical);
  g_test_add_func ("/json-writer/doubles-exact", test_doubles_exact);
  g_test_add_func ("/json-writer/built", test_built);
  g_test_add_func ("/json-writer/pretty", test_pretty);

  return g_test_run ();
}
