/* pim-device-authorization-response.h: what the device authorization
 * endpoint answered
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

/**
 * PIM_DEVICE_AUTHORIZATION_DEFAULT_INTERVAL:
 *
 * The seconds a client waits between polls of the token endpoint when the
 * device authorization response gives no `interval` (RFC 8628 §3.2).
 *
 * Since: 0.1
 */
#define PIM_DEVICE_AUTHORIZATION_DEFAULT_INTERVAL 5

#define PIM_TYPE_DEVICE_AUTHORIZATION_RESPONSE (pim_device_authorization_response_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimDeviceAuthorizationResponse,
                      pim_device_authorization_response,
                      PIM,
                      DEVICE_AUTHORIZATION_RESPONSE,
                      GObject)

PIM_AVAILABLE_IN_0_1
PimDeviceAuthorizationResponse *pim_device_authorization_response_new_from_json (const char *json,
                                                                                 GError    **error);

PIM_AVAILABLE_IN_0_1
const char *
pim_device_authorization_response_get_device_code (PimDeviceAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_device_authorization_response_get_user_code (PimDeviceAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *
pim_device_authorization_response_get_verification_uri (PimDeviceAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_device_authorization_response_get_verification_uri_complete (
    PimDeviceAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
gint64 pim_device_authorization_response_get_expires_in (PimDeviceAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
gint64 pim_device_authorization_response_get_expires_at (PimDeviceAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
gint64 pim_device_authorization_response_get_interval (PimDeviceAuthorizationResponse *self);
PIM_AVAILABLE_IN_0_1
JsonObject *pim_device_authorization_response_get_json (PimDeviceAuthorizationResponse *self);

G_END_DECLS
