/* json-common.h: what the JSON reader's test programs share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * json-parse-test.c and json-scan-test.c both parse text with the strict
 * reader and both check that pim_json_scan_object() agrees with
 * pim_json_parse_strict() on the inputs they make.
 */

#pragma once

#include "pim-private.h"

#include "pim-json-private.h"

G_BEGIN_DECLS

/* pim_json_parse_strict() of a string, at the default depth. */
JsonNode *parse (const char *text, GError **error);

/* pim_json_scan_object() accepts @data iff pim_json_parse_strict() does
 * and the root is an object, fails with the same message on any other
 * input that starts as an object, and reports the top-level members that
 * the tree has (up to 64 of them, and a few absent names). */
void assert_scan_agrees (const char *data, gsize len, guint max_depth);

G_END_DECLS
