/* pim-authorization-response.h: what came back to the redirect URI
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

#define PIM_TYPE_AUTHORIZATION_RESPONSE (pim_authorization_response_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimAuthorizationResponse,
                      pim_authorization_response,
                      PIM,
                      AUTHORIZATION_RESPONSE,
                      GObject)

PIM_AVAILABLE_IN_0_1
const char *pim_authorization_response_get_code (PimAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_response_get_state (PimAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_response_get_issuer (PimAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_response_get_id_token (PimAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_response_get_access_token (PimAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_response_get_token_type (PimAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
gint64 pim_authorization_response_get_expires_in (PimAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_response_get_scope (PimAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_response_get_session_state (PimAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
JsonObject *pim_authorization_response_get_json (PimAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_response_get_string (PimAuthorizationResponse *self,
                                                   const char               *name);

G_END_DECLS
