/* pim-device-token-request.h: the device authorization grant's token
 * request, and the poller (RFC 8628)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include "pim-device-authorization-response.h"
#include "pim-token-request.h"

G_BEGIN_DECLS

/**
 * PIM_DEVICE_CODE_GRANT_TYPE:
 *
 * The `grant_type` of the device authorization grant (RFC 8628 §3.4).
 *
 * Since: 0.1
 */
#define PIM_DEVICE_CODE_GRANT_TYPE "urn:ietf:params:oauth:grant-type:device_code"

#define PIM_TYPE_DEVICE_TOKEN_REQUEST (pim_device_token_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimDeviceTokenRequest,
                      pim_device_token_request,
                      PIM,
                      DEVICE_TOKEN_REQUEST,
                      PimTokenRequest)

PIM_AVAILABLE_IN_0_1
PimDeviceTokenRequest *
pim_device_token_request_new (const char *address, const char *client_id, const char *device_code);
PIM_AVAILABLE_IN_0_1
const char *pim_device_token_request_get_device_code (PimDeviceTokenRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_device_token_request_set_device_code (PimDeviceTokenRequest *self,
                                               const char            *device_code);
PIM_AVAILABLE_IN_0_1
double pim_device_token_request_get_interval (PimDeviceTokenRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_device_token_request_set_interval (PimDeviceTokenRequest *self, double interval);
PIM_AVAILABLE_IN_0_1
gint64 pim_device_token_request_get_expires_at (PimDeviceTokenRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_device_token_request_set_expires_at (PimDeviceTokenRequest *self, gint64 expires_at);
PIM_AVAILABLE_IN_0_1
double pim_device_token_request_get_slow_down_increment (PimDeviceTokenRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_device_token_request_set_slow_down_increment (PimDeviceTokenRequest *self,
                                                       double                 increment);
PIM_AVAILABLE_IN_0_1
guint pim_device_token_request_get_polls (PimDeviceTokenRequest *self);
PIM_AVAILABLE_IN_0_1
double pim_device_token_request_get_current_interval (PimDeviceTokenRequest *self);

PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_request_device_token (PimDeviceTokenRequest *request,
                                            PimHttpClient         *client,
                                            GCancellable          *cancellable,
                                            GError               **error);
PIM_AVAILABLE_IN_0_1
void pim_request_device_token_async (PimDeviceTokenRequest *request,
                                     PimHttpClient         *client,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data);
PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_request_device_token_finish (GAsyncResult *result, GError **error);

PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_poll_device_token (PimDeviceTokenRequest          *request,
                                         PimDeviceAuthorizationResponse *authorization,
                                         PimHttpClient                  *client,
                                         GCancellable                   *cancellable,
                                         GError                        **error);
PIM_AVAILABLE_IN_0_1
void pim_poll_device_token_async (PimDeviceTokenRequest          *request,
                                  PimDeviceAuthorizationResponse *authorization,
                                  PimHttpClient                  *client,
                                  GCancellable                   *cancellable,
                                  GAsyncReadyCallback             callback,
                                  gpointer                        user_data);
PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_poll_device_token_finish (GAsyncResult *result, GError **error);

G_END_DECLS
