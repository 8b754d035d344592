/* pim-oauth-json-private.h: reading a provider's JSON answer from text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Parses @json with the strict reader, as answers from the endpoint are
 * (json-glib 1.6 takes "1{…}" for its last value and leaks the rest), and
 * returns its root, an object. Anything else fails with
 * PIM_OAUTH_ERROR_INVALID_RESPONSE and @message, which is translated and
 * names the answer, such as “The token response is not a JSON object”. */
G_GNUC_INTERNAL
JsonNode *pim_oauth_json_parse_object (const char *json, const char *message, GError **error);

G_END_DECLS
