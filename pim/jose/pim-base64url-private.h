/* pim-base64url-private.h: base64url on buffers, for the JOSE internals
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

G_GNUC_INTERNAL
gsize pim_base64url_encoded_length (gsize len);
G_GNUC_INTERNAL
void pim_base64url_encode_to (const guint8 *data, gsize len, char *out);
G_GNUC_INTERNAL
gboolean pim_base64url_decode_to (const char *text, gsize len, guint8 *out, gsize *out_len);
G_GNUC_INTERNAL
GBytes *pim_base64url_decode_len (const char *text, gsize len, GError **error);

G_END_DECLS
