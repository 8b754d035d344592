/* pim-device-authorization-request.h: a request to the device
 * authorization endpoint (RFC 8628)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <gio/gio.h>

#include "pim-device-authorization-response.h"
#include "pim-http-client.h"
#include "pim-oauth-request.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_DEVICE_AUTHORIZATION_REQUEST (pim_device_authorization_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimDeviceAuthorizationRequest,
                      pim_device_authorization_request,
                      PIM,
                      DEVICE_AUTHORIZATION_REQUEST,
                      PimOAuthRequest)

PIM_AVAILABLE_IN_0_1
PimDeviceAuthorizationRequest *pim_device_authorization_request_new (const char *address,
                                                                     const char *client_id);
PIM_AVAILABLE_IN_0_1
const char *pim_device_authorization_request_get_scope (PimDeviceAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_device_authorization_request_set_scope (PimDeviceAuthorizationRequest *self,
                                                 const char                    *scope);
PIM_AVAILABLE_IN_0_1
const char *const *
pim_device_authorization_request_get_resources (PimDeviceAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_device_authorization_request_set_resources (PimDeviceAuthorizationRequest *self,
                                                     const char *const             *resources);

PIM_AVAILABLE_IN_0_1
PimDeviceAuthorizationResponse *
pim_request_device_authorization (PimDeviceAuthorizationRequest *request,
                                  PimHttpClient                 *client,
                                  GCancellable                  *cancellable,
                                  GError                       **error);
PIM_AVAILABLE_IN_0_1
void pim_request_device_authorization_async (PimDeviceAuthorizationRequest *request,
                                             PimHttpClient                 *client,
                                             GCancellable                  *cancellable,
                                             GAsyncReadyCallback            callback,
                                             gpointer                       user_data);
PIM_AVAILABLE_IN_0_1
PimDeviceAuthorizationResponse *pim_request_device_authorization_finish (GAsyncResult *result,
                                                                         GError      **error);

G_END_DECLS
