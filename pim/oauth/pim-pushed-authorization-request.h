/* pim-pushed-authorization-request.h: pushed authorization requests
 * (RFC 9126)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <gio/gio.h>

#include "pim-authorization-request.h"
#include "pim-http-client.h"
#include "pim-oauth-request.h"
#include "pim-pushed-authorization-response.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_PUSHED_AUTHORIZATION_REQUEST (pim_pushed_authorization_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimPushedAuthorizationRequest,
                      pim_pushed_authorization_request,
                      PIM,
                      PUSHED_AUTHORIZATION_REQUEST,
                      PimOAuthRequest)

PIM_AVAILABLE_IN_0_1
PimPushedAuthorizationRequest *
pim_pushed_authorization_request_new (PimAuthorizationRequest *authorization_request);
PIM_AVAILABLE_IN_0_1
PimAuthorizationRequest *
pim_pushed_authorization_request_get_authorization_request (PimPushedAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_pushed_authorization_request_set_authorization_request (
    PimPushedAuthorizationRequest *self,
    PimAuthorizationRequest       *authorization_request);

PIM_AVAILABLE_IN_0_1
PimPushedAuthorizationResponse *
pim_pushed_authorization_request_send (PimPushedAuthorizationRequest *request,
                                       PimHttpClient                 *client,
                                       GCancellable                  *cancellable,
                                       GError                       **error);
PIM_AVAILABLE_IN_0_1
void pim_pushed_authorization_request_send_async (PimPushedAuthorizationRequest *request,
                                                  PimHttpClient                 *client,
                                                  GCancellable                  *cancellable,
                                                  GAsyncReadyCallback            callback,
                                                  gpointer                       user_data);
PIM_AVAILABLE_IN_0_1
PimPushedAuthorizationResponse *
pim_pushed_authorization_request_send_finish (PimPushedAuthorizationRequest *request,
                                              GAsyncResult                  *result,
                                              GError                       **error);

G_END_DECLS
