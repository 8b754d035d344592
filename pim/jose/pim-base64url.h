/* pim-base64url.h: base64url without padding (RFC 7515 §2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib.h>

#include "pim-version-macros.h"

G_BEGIN_DECLS

PIM_AVAILABLE_IN_0_1
char *pim_base64url_encode (const guint8 *data, gsize len);

PIM_AVAILABLE_IN_0_1
GBytes *pim_base64url_decode (const char *text, GError **error);

G_END_DECLS
