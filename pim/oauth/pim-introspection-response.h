/* pim-introspection-response.h: what the introspection endpoint answered
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_INTROSPECTION_RESPONSE (pim_introspection_response_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimIntrospectionResponse,
                      pim_introspection_response,
                      PIM,
                      INTROSPECTION_RESPONSE,
                      GObject)

PIM_AVAILABLE_IN_0_1
gboolean pim_introspection_response_get_active (PimIntrospectionResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_introspection_response_get_scope (PimIntrospectionResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_introspection_response_get_client_id (PimIntrospectionResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_introspection_response_get_username (PimIntrospectionResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_introspection_response_get_token_type (PimIntrospectionResponse *self);
PIM_AVAILABLE_IN_0_1
gint64 pim_introspection_response_get_expiration (PimIntrospectionResponse *self);
PIM_AVAILABLE_IN_0_1
gint64 pim_introspection_response_get_issued_at (PimIntrospectionResponse *self);
PIM_AVAILABLE_IN_0_1
gint64 pim_introspection_response_get_not_before (PimIntrospectionResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_introspection_response_get_subject (PimIntrospectionResponse *self);
PIM_AVAILABLE_IN_0_1
const char *const *pim_introspection_response_get_audiences (PimIntrospectionResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_introspection_response_get_issuer (PimIntrospectionResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_introspection_response_get_jwt_id (PimIntrospectionResponse *self);
PIM_AVAILABLE_IN_0_1
JsonObject *pim_introspection_response_get_json (PimIntrospectionResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_introspection_response_get_string (PimIntrospectionResponse *self,
                                                   const char               *name);
PIM_AVAILABLE_IN_0_1
gboolean pim_introspection_response_get_int (PimIntrospectionResponse *self,
                                             const char               *name,
                                             gint64                   *value);

G_END_DECLS
