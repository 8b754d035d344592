/* pim-device-authorization-response-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-device-authorization-response.h"

G_BEGIN_DECLS

/* A device authorization endpoint's successful answer, checked:
 * device_code, user_code, verification_uri and expires_in present,
 * members of the right types. */
G_GNUC_INTERNAL
PimDeviceAuthorizationResponse *pim_device_authorization_response_new_from_object (JsonObject *json,
                                                                                   GError **error);

/* When the device code expires, in real time microseconds
 * (g_get_real_time ()): the moment the answer was read plus expires_in,
 * without the rounding of the expires-at property. */
G_GNUC_INTERNAL
gint64 pim_device_authorization_response_get_deadline (PimDeviceAuthorizationResponse *self);

G_END_DECLS
