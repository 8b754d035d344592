/* pim-introspection-response-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-introspection-response.h"

G_BEGIN_DECLS

/* An introspection endpoint's answer, checked: a boolean `active`, and
 * for an active token members of the right types. */
G_GNUC_INTERNAL
PimIntrospectionResponse *pim_introspection_response_new_from_object (JsonObject *json,
                                                                      GError    **error);

G_END_DECLS
