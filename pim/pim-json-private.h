/* pim-json-private.h: the strict JSON reader of every layer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The only parser of token, JWK and JWK Set JSON, discovery documents and
 * HTTP answers, so that no second parser can disagree with it about what a
 * document says. It sits beneath the layers (http/ reads JSON answers with
 * it, jose/ tokens and keys), so its errors are its own internal domain:
 * each layer reports them in its own (jose/: pim_jose_error_from_json()).
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PIM_JSON_MAX_DEPTH 32

/* Never seen by callers of the library: each layer turns it into its own. */
#define PIM_JSON_ERROR (pim_json_error_quark ())
G_GNUC_INTERNAL
GQuark pim_json_error_quark (void);

/* Parses exactly one JSON text (RFC 8259) from @data[0..@len): UTF-8 only
 * (no BOM), no duplicate member names in any object at any depth (compared
 * after unescaping), no \u0000 and no lone surrogates in strings, nesting
 * at most @max_depth deep, only whitespace after the value. Integers that
 * fit in gint64 become int nodes, other numbers double nodes (out of range
 * is an error). Errors are PIM_JSON_ERROR with a message that
 * gives the byte offset and never quotes the input. */
G_GNUC_INTERNAL
JsonNode *pim_json_parse_strict (const char *data, gsize len, guint max_depth, GError **error);

G_END_DECLS

G_BEGIN_DECLS

/* One top-level member a caller wants out of a scanned object. */
typedef struct
{
  const char *name;      /* in: the member name */
  gboolean    present;   /* out: the member is there */
  gboolean    is_string; /* out: its value is a string */
  char       *value;     /* out: the decoded string (g_free it), or NULL */
} PimJsonField;

/* Reads @data exactly as pim_json_parse_strict() does — the same code,
 * the same verdict on every input — but builds no nodes: the document
 * must be an object, and the string values of the top-level members
 * named in @fields are returned. On error the fields' values are freed
 * and NULL. This is the fast path for token headers and claims, whose
 * trees are only built when someone asks for them. */
G_GNUC_INTERNAL
gboolean pim_json_scan_object (const char   *data,
                               gsize         len,
                               guint         max_depth,
                               PimJsonField *fields,
                               gsize         n_fields,
                               GError      **error);

/* Returns the object in *@slot, building it first from @data, which
 * pim_json_scan_object() already accepted, and publishing it with a
 * compare-and-exchange, so that concurrent first readers agree on one. */
G_GNUC_INTERNAL
JsonObject *pim_json_lazy_object (JsonObject **slot, const char *data, gsize len);

/* Writes @node as compact JSON that pim_json_parse_strict() reads back to
 * an equal tree (json-glib 1.6's generator writes 1e40 as "1e+40.0"):
 * members in insertion order, doubles in their shortest exact form. Every
 * JSON the library sends, signs or stores is written by these. */
G_GNUC_INTERNAL
void pim_json_write (GString *out, JsonNode *node);
G_GNUC_INTERNAL
char *pim_json_to_string (JsonNode *node);
G_GNUC_INTERNAL
char *pim_json_object_to_string (JsonObject *object);
/* The same, indented by two spaces a level, "name" : value (json-glib's
 * layout), for people to read (pim-tool). */
G_GNUC_INTERNAL
char *pim_json_to_string_pretty (JsonNode *node);

G_END_DECLS
