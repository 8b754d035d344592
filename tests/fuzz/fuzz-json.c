/* fuzz-json.c: the strict JSON reader and writer (pim/pim-json.c, pim/pim-json-writer.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is a JSON text. Properties, beyond not crashing:
 *   - pim_json_scan_object() accepts exactly when pim_json_parse_strict()
 *     accepts and the document is an object (the header's contract: "the
 *     same verdict on every input"), at the default depth and at a small
 *     one;
 *   - the string members it copies out are the parsed object's;
 *   - an accepted document, written out again by the library's writer
 *     (pim_json_write(); json-glib 1.6's writes 1e40 as "1e+40.0"), reads
 *     again to an equal tree, which writes out to the same text.
 */

#include "fuzz-common.h"

#include "pim-json-private.h"

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
      g_autofree char *written = pim_json_to_string (root);
      g_autofree char *rewritten = NULL;
      g_autoptr (JsonNode) again = NULL;
      g_autoptr (GError) error = NULL;

      again = pim_json_parse_strict (written, strlen (written), PIM_JSON_MAX_DEPTH, &error);
      pim_fuzz_assert (again != NULL, "an accepted document, written again, is refused");
      pim_fuzz_assert (json_node_equal (root, again), "a document changed on a round trip");
      rewritten = pim_json_to_string (again);
      pim_fuzz_assert (strcmp (written, rewritten) == 0, "a document is written two ways");
    }
  return 0;
}
