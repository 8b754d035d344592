/* pim-client-registration-response.h: a registered client (RFC 7591/7592)
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

#define PIM_TYPE_CLIENT_REGISTRATION_RESPONSE (pim_client_registration_response_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimClientRegistrationResponse,
                      pim_client_registration_response,
                      PIM,
                      CLIENT_REGISTRATION_RESPONSE,
                      GObject)

PIM_AVAILABLE_IN_0_1
PimClientRegistrationResponse *pim_client_registration_response_new_from_json (const char *json,
                                                                               GError    **error);

PIM_AVAILABLE_IN_0_1
const char *pim_client_registration_response_get_client_id (PimClientRegistrationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *
pim_client_registration_response_get_client_secret (PimClientRegistrationResponse *self);
PIM_AVAILABLE_IN_0_1
gint64
pim_client_registration_response_get_client_id_issued_at (PimClientRegistrationResponse *self);
PIM_AVAILABLE_IN_0_1
gint64
pim_client_registration_response_get_client_secret_expires_at (PimClientRegistrationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_client_registration_response_get_registration_access_token (
    PimClientRegistrationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *
pim_client_registration_response_get_registration_client_uri (PimClientRegistrationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_client_registration_response_get_client_name (PimClientRegistrationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *const *
pim_client_registration_response_get_redirect_uris (PimClientRegistrationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_client_registration_response_get_token_endpoint_auth_method (
    PimClientRegistrationResponse *self);
PIM_AVAILABLE_IN_0_1
JsonObject *pim_client_registration_response_get_json (PimClientRegistrationResponse *self);
PIM_AVAILABLE_IN_0_1
char *pim_client_registration_response_dup_metadata_json (PimClientRegistrationResponse *self,
                                                          const char                    *name);

G_END_DECLS
