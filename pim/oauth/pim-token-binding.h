/* pim-token-binding.h: checks of an access token's `cnf` confirmation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pim-version-macros.h"

G_BEGIN_DECLS

PIM_AVAILABLE_IN_0_1
gboolean pim_token_binding_check_jkt (JsonObject *claims, const char *jkt, GError **error);

PIM_AVAILABLE_IN_0_1
gboolean pim_token_binding_check_certificate (JsonObject      *claims,
                                              GTlsCertificate *certificate,
                                              GError         **error);

PIM_AVAILABLE_IN_0_1
char *pim_token_binding_compute_certificate_thumbprint (GTlsCertificate *certificate,
                                                        GError         **error);

G_END_DECLS
