/* pim-pushed-authorization-response.h: the answer to a pushed
 * authorization request (RFC 9126)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "pim-authorization-request.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_PUSHED_AUTHORIZATION_RESPONSE (pim_pushed_authorization_response_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimPushedAuthorizationResponse,
                      pim_pushed_authorization_response,
                      PIM,
                      PUSHED_AUTHORIZATION_RESPONSE,
                      GObject)

PIM_AVAILABLE_IN_0_1
PimPushedAuthorizationResponse *pim_pushed_authorization_response_new_from_json (const char *json,
                                                                                 GError    **error);
PIM_AVAILABLE_IN_0_1
const char *
pim_pushed_authorization_response_get_request_uri (PimPushedAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
gint64 pim_pushed_authorization_response_get_expires_in (PimPushedAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
JsonObject *pim_pushed_authorization_response_get_json (PimPushedAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
char *
pim_pushed_authorization_response_build_authorization_url (PimPushedAuthorizationResponse *self,
                                                           PimAuthorizationRequest        *request,
                                                           GError                        **error);

G_END_DECLS
