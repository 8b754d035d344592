/* pim-front-channel-logout.h: OpenID Connect Front-Channel Logout requests
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
gboolean pim_front_channel_logout_check (const char *uri,
                                         const char *issuer,
                                         const char *sid,
                                         char      **out_sid,
                                         GError    **error);

G_END_DECLS
