/* pim-token-response.h: what the token endpoint answered
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

#define PIM_TYPE_TOKEN_RESPONSE (pim_token_response_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimTokenResponse, pim_token_response, PIM, TOKEN_RESPONSE, GObject)

PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_token_response_new_from_json (const char *json, GError **error);

PIM_AVAILABLE_IN_0_1
const char *pim_token_response_get_access_token (PimTokenResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_token_response_get_token_type (PimTokenResponse *self);
PIM_AVAILABLE_IN_0_1
gint64 pim_token_response_get_expires_in (PimTokenResponse *self);
PIM_AVAILABLE_IN_0_1
gint64 pim_token_response_get_expires_at (PimTokenResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_token_response_get_refresh_token (PimTokenResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_token_response_get_id_token (PimTokenResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_token_response_get_scope (PimTokenResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_token_response_get_issued_token_type (PimTokenResponse *self);
PIM_AVAILABLE_IN_0_1
JsonObject *pim_token_response_get_json (PimTokenResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_token_response_get_string (PimTokenResponse *self, const char *name);

G_END_DECLS
