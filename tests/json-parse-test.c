/* json-parse-test.c: the strict JSON reader of the JOSE layer: parsing
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * pim_json_parse_strict() on the corpus of tests/json/, values, errors,
 * depth limits and random documents, against json-glib's own parser; the
 * corpus and the random documents also go through the scanner. The
 * scanner's own tests are in json-scan-test.c.
 */

#include "pim-private.h"

#include "json-common.h"
#include "pim-json-private.h"
#include "pim-jose-error.h"

#include <math.h>
#include <string.h>

/* ---- Helpers ---- */

/* Exact equality: unlike json_node_equal(), an int node never equals a
 * double node, -0.0 differs from 0.0 and object members must come in the
 * same order. */
static gboolean
nodes_identical (JsonNode *a, JsonNode *b)
{
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;
  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_NULL:
      return TRUE;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        return FALSE;
      switch (json_node_get_value_type (a))
        {
        case G_TYPE_INT64:
          return json_node_get_int (a) == json_node_get_int (b);
        case G_TYPE_DOUBLE:
          return json_node_get_double (a) == json_node_get_double (b) &&
                 !signbit (json_node_get_double (a)) == !signbit (json_node_get_double (b));
        case G_TYPE_BOOLEAN:
          return json_node_get_boolean (a) == json_node_get_boolean (b);
        case G_TYPE_STRING:
          return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
        default:
          return FALSE;
        }
    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a), *y = json_node_get_array (b);

        if (json_array_get_length (x) != json_array_get_length (y))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (x); i++)
          if (!nodes_identical (json_array_get_element (x, i), json_array_get_element (y, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_OBJECT:
      {
        JsonObject    *x = json_node_get_object (a), *y = json_node_get_object (b);
        JsonObjectIter ix, iy;
        const char    *nx, *ny;
        JsonNode      *vx, *vy;

        if (json_object_get_size (x) != json_object_get_size (y))
          return FALSE;
        json_object_iter_init_ordered (&ix, x);
        json_object_iter_init_ordered (&iy, y);
        while (json_object_iter_next_ordered (&ix, &nx, &vx))
          {
            if (!json_object_iter_next_ordered (&iy, &ny, &vy))
              return FALSE;
            if (strcmp (nx, ny) != 0 || !nodes_identical (vx, vy))
              return FALSE;
          }
        return TRUE;
      }
    default:
      return FALSE;
    }
}

/* Like nodes_identical(), but also lets json-glib's wrapped integers pass:
 * json-glib 1.6 reads an integer beyond gint64 as a wrapped int64
 * (9223372036854775808 → INT64_MIN), where Pim gives the double. */
static gboolean
nodes_agree (JsonNode *pim, JsonNode *glib)
{
  if (JSON_NODE_HOLDS_VALUE (pim) && JSON_NODE_HOLDS_VALUE (glib) &&
      json_node_get_value_type (pim) == G_TYPE_DOUBLE &&
      json_node_get_value_type (glib) == G_TYPE_INT64)
    return json_node_get_double (pim) >= 9223372036854775808.0 ||
           json_node_get_double (pim) < -9223372036854775808.0;
  if (JSON_NODE_TYPE (pim) == JSON_NODE_ARRAY && JSON_NODE_TYPE (glib) == JSON_NODE_ARRAY)
    {
      JsonArray *x = json_node_get_array (pim), *y = json_node_get_array (glib);

      if (json_array_get_length (x) != json_array_get_length (y))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (x); i++)
        if (!nodes_agree (json_array_get_element (x, i), json_array_get_element (y, i)))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_TYPE (pim) == JSON_NODE_OBJECT && JSON_NODE_TYPE (glib) == JSON_NODE_OBJECT)
    {
      JsonObject    *x = json_node_get_object (pim), *y = json_node_get_object (glib);
      JsonObjectIter ix, iy;
      const char    *nx, *ny;
      JsonNode      *vx, *vy;

      if (json_object_get_size (x) != json_object_get_size (y))
        return FALSE;
      json_object_iter_init_ordered (&ix, x);
      json_object_iter_init_ordered (&iy, y);
      while (json_object_iter_next_ordered (&ix, &nx, &vx))
        {
          if (!json_object_iter_next_ordered (&iy, &ny, &vy))
            return FALSE;
          if (strcmp (nx, ny) != 0 || !nodes_agree (vx, vy))
            return FALSE;
        }
      return TRUE;
    }
  return nodes_identical (pim, glib);
}

static JsonNode *
parse_with_json_glib (const char *data, gsize len, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, data, (gssize) len, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, "empty document");
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static void
assert_malformed (const char *text, gsize expected_offset)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = parse (text, &error);
  g_autofree char *prefix =
      g_strdup_printf ("Invalid JSON at byte %" G_GSIZE_FORMAT ": ", expected_offset);

  g_assert_null (node);
  g_assert_error (error, PIM_JSON_ERROR, 0);
  g_assert_true (g_str_has_prefix (error->message, prefix));
}

/* ---- The corpus: y_ files parse (as json-glib reads them), n_ files fail ---- */

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Valid documents that json-glib 1.6 reads differently; checked by
 * test_numbers() instead. */
static const char *const json_glib_differs[] = {
  "y_number_int64_max_plus_one.json",  /* json-glib wraps to INT64_MIN */
  "y_number_int64_min_minus_one.json", /* json-glib wraps to INT64_MAX */
  "y_number_big_integer.json",         /* json-glib wraps */
  "y_number_nineteen_nines.json",      /* json-glib wraps */
  NULL,
};

static void
test_corpus (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, &error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint       n_valid = 0, n_invalid = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *data = NULL;
      gsize            len;
      g_autoptr (JsonNode) node = NULL;

      name = names->pdata[i];
      path = g_test_build_filename (G_TEST_DIST, "json", name, NULL);
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_test_message ("%s", name);
      node = pim_json_parse_strict (data, len, PIM_JSON_MAX_DEPTH, &error);
      assert_scan_agrees (data, len, PIM_JSON_MAX_DEPTH);

      if (g_str_has_prefix (name, "y_"))
        {
          g_autoptr (JsonNode) reference = NULL;

          g_assert_no_error (error);
          g_assert_nonnull (node);
          n_valid++;
          if (g_strv_contains ((const char *const *) json_glib_differs, name))
            continue;
          reference = parse_with_json_glib (data, len, &error);
          g_assert_no_error (error);
          if (!nodes_identical (node, reference))
            {
              g_autofree char *mine = json_to_string (node, FALSE);
              g_autofree char *theirs = json_to_string (reference, FALSE);

              g_error ("%s: Pim read %s, json-glib %s", name, mine, theirs);
            }
        }
      else if (g_str_has_prefix (name, "n_"))
        {
          if (node != NULL)
            g_error ("%s: accepted", name);
          g_assert_error (error, PIM_JSON_ERROR, 0);
          g_assert_true (g_str_has_prefix (error->message, "Invalid JSON at byte "));
          g_clear_error (&error);
          n_invalid++;
        }
      else
        g_error ("%s: neither y_ nor n_", name);
    }
  /* The data files are really there. */
  g_assert_cmpuint (n_valid, >=, 60);
  g_assert_cmpuint (n_invalid, >=, 190);
}

/* ---- Values ---- */

static void
test_numbers (void)
{
  static const struct
  {
    const char *text;
    gboolean    is_int;
    gint64      i;
    double      d;
  } cases[] = {
    { "0", TRUE, 0, 0 },
    { "-0", TRUE, 0, 0 },
    { "42", TRUE, 42, 0 },
    { "-42", TRUE, -42, 0 },
    { "1716239022", TRUE, 1716239022, 0 },
    { "9223372036854775807", TRUE, G_MAXINT64, 0 },
    { "-9223372036854775808", TRUE, G_MININT64, 0 },
    { "9223372036854775808", FALSE, 0, 9223372036854775808.0 },
    { "-9223372036854775809", FALSE, 0, -9223372036854775809.0 },
    { "9999999999999999999", FALSE, 0, 9999999999999999999.0 },
    { "18446744073709551616", FALSE, 0, 18446744073709551616.0 },
    { "123456789012345678901234567890", FALSE, 0, 123456789012345678901234567890.0 },
    { "1.0", FALSE, 0, 1.0 },
    { "1e2", FALSE, 0, 100.0 },
    { "1E+2", FALSE, 0, 100.0 },
    { "-12.5e-1", FALSE, 0, -1.25 },
    { "0e0", FALSE, 0, 0.0 },
    { "1716235400.5", FALSE, 0, 1716235400.5 },
    { "1.7976931348623157e308", FALSE, 0, 1.7976931348623157e308 },
    { "1e-400", FALSE, 0, 0.0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = parse (cases[i].text, &error);

      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_VALUE (node));
      if (cases[i].is_int)
        {
          g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
          g_assert_cmpint (json_node_get_int (node), ==, cases[i].i);
        }
      else
        {
          g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
          g_assert_cmpfloat (json_node_get_double (node), ==, cases[i].d);
        }
    }

  {
    g_autoptr (JsonNode) node = parse ("-0.0", NULL);

    g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_DOUBLE);
    g_assert_true (signbit (json_node_get_double (node)));
  }
}

static void
test_strings (void)
{
  static const struct
  {
    const char *text;
    const char *value;
  } cases[] = {
    { "\"\"", "" },
    { "\"abc\"", "abc" },
    { "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t" },
    { "\"\\u0061\\u00e9\\u20AC\"", "a\xc3\xa9\xe2\x82\xac" },
    { "\"\\u0001\\u001f\"", "\x01\x1f" },
    { "\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80" },
    { "\"\\uDBFF\\uDFFF\"", "\xf4\x8f\xbf\xbf" },
    { "\"x\\ud834\\udd1ey\"", "x\xf0\x9d\x84\x9ey" },
    { "\"\xf4\x8f\xbf\xbf\xc2\x80\"", "\xf4\x8f\xbf\xbf\xc2\x80" },
    { "\"\x7f\"", "\x7f" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = parse (cases[i].text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (json_node_get_string (node), ==, cases[i].value);
    }

  /* Member names are unescaped too. */
  {
    g_autoptr (JsonNode) node = parse ("{\"\\u0061\\n\":1}", NULL);

    g_assert_true (json_object_has_member (json_node_get_object (node), "a\n"));
  }
}

static void
test_structure (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = parse (" {\"b\":[1,{\"c\":null}],\"a\":true} ", &error);
  JsonObject *object;
  GList      *members;

  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  /* Members keep the document's order. */
  members = json_object_get_members (object);
  g_assert_cmpstr (members->data, ==, "b");
  g_assert_cmpstr (members->next->data, ==, "a");
  g_list_free (members);
  g_assert_true (json_object_get_boolean_member (object, "a"));
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (object, "b"), 0), ==,
                   1);
  g_assert_true (json_object_get_null_member (
      json_array_get_object_element (json_object_get_array_member (object, "b"), 1), "c"));
}

/* ---- Errors ---- */

static void
test_error_offsets (void)
{
  assert_malformed ("", 0);
  assert_malformed ("  ", 2);
  assert_malformed ("[1,]", 3);
  assert_malformed ("{\"a\":1,\"b\":2,\"a\":3}", 13); /* the second name */
  assert_malformed ("{\"a\":{\"x\":1,\"x\":2}}", 12);
  assert_malformed ("{} x", 3);
  assert_malformed ("01", 1);
  assert_malformed ("1.", 2);
  assert_malformed ("1e400", 0);
  assert_malformed ("[\"a\\u0000\"]", 3);
  assert_malformed ("\"\\ud800\"", 1);
  assert_malformed ("\"ab\xc0\xaf\"", 3);
  assert_malformed ("\"a\x01\"", 2);
  assert_malformed ("\"\\q\"", 1);
  assert_malformed ("\xef\xbb\xbf{}", 0);
  assert_malformed ("[[[", 3);
  assert_malformed ("[1 2]", 3);
}

/* Messages never quote the input: tokens hold secrets. */
static void
test_error_no_quote (void)
{
  static const char *const docs[] = {
    "{\"secret-value\":1,\"secret-value\":2}",
    "{\"secret-value\":secret-value}",
    "[\"secret-value\\x\"]",
    "\"secret-value",
    "{\"secret-value\" 1}",
    "[1] secret-value",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) node = parse (docs[i], &error);

      g_assert_null (node);
      g_assert_error (error, PIM_JSON_ERROR, 0);
      g_assert_null (strstr (error->message, "secret"));
    }
}

/* The length is the document: no NUL terminator is needed or read. */
static void
test_length (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  char *exact = g_memdup2 ("{\"a\":[123", 9);

  node = pim_json_parse_strict ("[1]]]]", 3, PIM_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  g_clear_pointer (&node, json_node_unref);

  node = pim_json_parse_strict ("12345", 2, PIM_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_int (node), ==, 12);
  g_clear_pointer (&node, json_node_unref);

  /* A buffer without terminator: under ASan a read past it would show. */
  for (gsize len = 0; len <= 9; len++)
    {
      node = pim_json_parse_strict (exact, len, PIM_JSON_MAX_DEPTH, &error);
      g_assert_null (node);
      g_assert_error (error, PIM_JSON_ERROR, 0);
      g_clear_error (&error);
    }
  g_free (exact);

  node = pim_json_parse_strict (NULL, 0, PIM_JSON_MAX_DEPTH, &error);
  g_assert_null (node);
  g_assert_error (error, PIM_JSON_ERROR, 0);
}

/* ---- Depth ---- */

static char *
nested_arrays (gsize depth, gboolean closed)
{
  GString *s = g_string_sized_new (2 * depth);

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (gsize i = 0; closed && i < depth; i++)
    g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static void
test_depth (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *deep = nested_arrays (5000, TRUE);

  /* Scalars are depth 0; the top-level container is depth 1. */
  node = pim_json_parse_strict ("1", 1, 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);
  node = pim_json_parse_strict ("[]", 2, 0, &error);
  g_assert_error (error, PIM_JSON_ERROR, 0);
  g_clear_error (&error);
  node = pim_json_parse_strict ("{}", 2, 1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);
  node = pim_json_parse_strict ("{\"a\":[]}", 8, 1, &error);
  g_assert_error (error, PIM_JSON_ERROR, 0);
  g_clear_error (&error);

  /* A larger limit than the built-in stack of open containers. */
  node = pim_json_parse_strict (deep, 10000, 5000, &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);
  node = pim_json_parse_strict (deep, 10000, 4999, &error);
  g_assert_error (error, PIM_JSON_ERROR, 0);
  g_assert_true (g_str_has_prefix (error->message, "Invalid JSON at byte 4999: "));
  g_clear_error (&error);
  /* An error deep inside drops everything built so far. */
  deep[9999] = '}';
  node = pim_json_parse_strict (deep, 10000, 5000, &error);
  g_assert_error (error, PIM_JSON_ERROR, 0);
  g_assert_null (node);
}

static void
test_depth_bomb (void)
{
  const gsize      n = 1000000;
  g_autofree char *bomb = nested_arrays (n, FALSE);
  g_autoptr (GString) s = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  JsonNode *node;

  node = pim_json_parse_strict (bomb, n, PIM_JSON_MAX_DEPTH, &error);
  g_assert_null (node);
  /* Stopped at the first bracket too many, not at the end. */
  g_assert_error (error, PIM_JSON_ERROR, 0);
  g_assert_true (g_str_has_prefix (error->message, "Invalid JSON at byte 32: "));
  g_clear_error (&error);

  while (s->len < n)
    g_string_append (s, "{\"a\":");
  node = pim_json_parse_strict (s->str, s->len, PIM_JSON_MAX_DEPTH, &error);
  g_assert_null (node);
  g_assert_true (g_str_has_prefix (error->message, "Invalid JSON at byte 160: "));
}

/* ---- Randomized ---- */

static char *
random_string (void)
{
  static const char *const pieces[] = {
    "a",
    "Z",
    "0",
    " ",
    "\"",
    "\\",
    "/",
    "\b",
    "\f",
    "\n",
    "\r",
    "\t",
    "\x01",
    /* json-glib 1.6's generator writes U+001F unescaped (an invalid
     * document), so the generated strings leave it out. */
    "\x7f",
    "\xc3\xa9",
    "\xe2\x82\xac",
    "\xef\xbf\xbf",
    "\xf0\x9f\x98\x80",
    "\xf4\x8f\xbf\xbf",
    "\xe2\x80\xa8",
    "kid",
    "alg",
    "https://example.com/",
  };
  GString *s = g_string_new (NULL);
  gint32   n = g_test_rand_int_range (0, 8);

  for (gint32 i = 0; i < n; i++)
    g_string_append (s, pieces[g_test_rand_int_range (0, (gint32) G_N_ELEMENTS (pieces))]);
  return g_string_free (s, FALSE);
}

static double
random_double (void)
{
  for (;;)
    {
      char   buf[G_ASCII_DTOSTR_BUF_SIZE];
      double d;

      switch (g_test_rand_int_range (0, 4))
        {
        case 0:
          d = g_test_rand_double_range (-1e6, 1e6);
          break;
        case 1:
          d = g_test_rand_int_range (-1000, 1000) / 8.0;
          break;
        case 2:
          {
            char text[32];

            /* (Tests do not link libm: no pow().) */
            g_snprintf (text, sizeof text, "%.6fe%d", g_test_rand_double (),
                        g_test_rand_int_range (-320, 308));
            d = g_ascii_strtod (text, NULL);
          }
          break;
        default:
          d = -0.0;
          break;
        }
      /* json-glib 1.6's generator appends ".0" to any double without a
       * '.', writing 1e+21 as "1e+21.0" (an invalid document): skip those. */
      g_ascii_dtostr (buf, sizeof buf, d);
      if (strchr (buf, '.') != NULL || strchr (buf, 'e') == NULL)
        return d;
    }
}

static JsonNode *random_node (guint depth);

static JsonNode *
random_object (guint depth)
{
  g_autoptr (JsonObject) object = json_object_new ();
  gint32 n = g_test_rand_int_range (0, 6);

  for (gint32 i = 0; i < n; i++)
    {
      g_autofree char *name = random_string ();

      if (!json_object_has_member (object, name))
        json_object_set_member (object, name, random_node (depth + 1));
    }
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
random_node (guint depth)
{
  switch (g_test_rand_int_range (0, depth >= 6 ? 6 : 8))
    {
    case 0:
      return json_node_init_null (json_node_alloc ());
    case 1:
      return json_node_init_boolean (json_node_alloc (), g_test_rand_bit ());
    case 2:
      {
        gint64 v = (gint64) (((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ());

        return json_node_init_int (json_node_alloc (),
                                   g_test_rand_bit () ? v : v >> g_test_rand_int_range (0, 64));
      }
    case 3:
      return json_node_init_double (json_node_alloc (), random_double ());
    case 4:
    case 5:
      {
        g_autofree char *s = random_string ();

        return json_node_init_string (json_node_alloc (), s);
      }
    case 6:
      {
        g_autoptr (JsonArray) array = json_array_new ();
        gint32 n = g_test_rand_int_range (0, 6);

        for (gint32 i = 0; i < n; i++)
          json_array_add_element (array, random_node (depth + 1));
        return json_node_init_array (json_node_alloc (), array);
      }
    default:
      return random_object (depth);
    }
}

static void
test_random (void)
{
  guint n_docs = g_test_thorough () ? 20000 : 2000;
  guint n_mutants = 0, n_accepted = 0;

  for (guint i = 0; i < n_docs; i++)
    {
      /* Half of them objects, as tokens are. */
      guint depth = (guint) g_test_rand_int_range (0, 4);
      g_autoptr (JsonNode) doc = g_test_rand_bit () ? random_object (depth) : random_node (depth);
      g_autofree char *text = json_to_string (doc, g_test_rand_bit ());
      gsize            len = strlen (text);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) parsed = pim_json_parse_strict (text, len, PIM_JSON_MAX_DEPTH, &error);

      g_assert_no_error (error);
      if (!nodes_identical (doc, parsed))
        g_error ("round trip of %s differs", text);
      assert_scan_agrees (text, len, PIM_JSON_MAX_DEPTH);

      /* Mutants: never a crash, and whatever Pim accepts is valid JSON, so
       * json-glib reads it too and the same way (up to big integers, see
       * nodes_agree()). json-glib is laxer (it takes duplicate names, "01",
       * "1.", ".5", "0x10", 'single quotes', comments, a BOM, \u0000, raw
       * control characters, unknown escapes such as "\x", wrapped big
       * integers, 1e400 as inf): what only json-glib accepts is no bug. */
      for (guint m = 0; m < 8; m++)
        {
          g_autofree char *mutant = g_memdup2 (text, len + 1);
          gsize            mutant_len = len;
          guint            n_changes = (guint) g_test_rand_int_range (1, 4);
          g_autoptr (JsonNode) mine = NULL;
          g_autoptr (JsonNode) theirs = NULL;
          g_autoptr (GError) my_error = NULL;
          g_autoptr (GError) their_error = NULL;

          for (guint c = 0; c < n_changes && mutant_len > 0; c++)
            {
              gsize at = (gsize) g_test_rand_int_range (0, (gint32) mutant_len);

              switch (g_test_rand_int_range (0, 4))
                {
                case 0: /* any byte */
                  mutant[at] = (char) g_test_rand_int_range (0, 256);
                  break;
                case 1: /* a JSON character */
                  {
                    static const char json_chars[] = "{}[],:\"\\0123456789.eE+-tfnu \t\n";

                    mutant[at] = json_chars[g_test_rand_int_range (0, sizeof json_chars - 1)];
                  }
                  break;
                case 2: /* delete */
                  memmove (mutant + at, mutant + at + 1, mutant_len - at);
                  mutant_len--;
                  break;
                default: /* truncate */
                  mutant_len = at;
                  break;
                }
            }
          mutant[mutant_len] = '\0';
          n_mutants++;
          /* A copy of exactly mutant_len bytes, so ASan sees any overread. */
          {
            g_autofree char *exact = g_memdup2 (mutant, mutant_len ? mutant_len : 1);

            mine = pim_json_parse_strict (exact, mutant_len, PIM_JSON_MAX_DEPTH, &my_error);
            assert_scan_agrees (exact, mutant_len, PIM_JSON_MAX_DEPTH);
          }
          g_assert_true ((mine == NULL) != (my_error == NULL));
          if (my_error != NULL)
            g_assert_error (my_error, PIM_JSON_ERROR, 0);
          if (mine == NULL)
            continue;
          /* (json-glib is only asked about what Pim accepts: on errors,
           * json-glib 1.6 leaks the nodes it built.) */
          n_accepted++;
          theirs = parse_with_json_glib (mutant, mutant_len, &their_error);
          if (theirs == NULL)
            g_error ("json-glib rejects what Pim accepts: %s", their_error->message);
          if (!nodes_agree (mine, theirs))
            g_error ("Pim and json-glib read a mutant differently");
        }
    }
  g_test_message ("%u mutants, %u accepted", n_mutants, n_accepted);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/corpus", test_corpus);
  g_test_add_func ("/json/numbers", test_numbers);
  g_test_add_func ("/json/strings", test_strings);
  g_test_add_func ("/json/structure", test_structure);
  g_test_add_func ("/json/error-offsets", test_error_offsets);
  g_test_add_func ("/json/error-no-quote", test_error_no_quote);
  g_test_add_func ("/json/length", test_length);
  g_test_add_func ("/json/depth", test_depth);
  g_test_add_func ("/json/depth-bomb", test_depth_bomb);
  g_test_add_func ("/json/random", test_random);

  return g_test_run ();
}
