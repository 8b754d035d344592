/* pim-userinfo-request.h: the UserInfo endpoint (OpenID Connect Core §5.3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <gio/gio.h>

#include "pim-http-client.h"
#include "pim-oauth-request.h"
#include "pim-token-validation.h"
#include "pim-userinfo-response.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_USERINFO_REQUEST (pim_userinfo_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimUserInfoRequest,
                      pim_userinfo_request,
                      PIM,
                      USERINFO_REQUEST,
                      PimOAuthRequest)

PIM_AVAILABLE_IN_0_1
PimUserInfoRequest *pim_userinfo_request_new (const char *address, const char *access_token);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_request_get_access_token (PimUserInfoRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_userinfo_request_set_access_token (PimUserInfoRequest *self, const char *access_token);
PIM_AVAILABLE_IN_0_1
gboolean pim_userinfo_request_get_use_post (PimUserInfoRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_userinfo_request_set_use_post (PimUserInfoRequest *self, gboolean use_post);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_request_get_expected_subject (PimUserInfoRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_userinfo_request_set_expected_subject (PimUserInfoRequest *self,
                                                const char         *expected_subject);
PIM_AVAILABLE_IN_0_1
PimTokenValidationParameters *
pim_userinfo_request_get_validation_parameters (PimUserInfoRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_userinfo_request_set_validation_parameters (PimUserInfoRequest           *self,
                                                     PimTokenValidationParameters *parameters);

PIM_AVAILABLE_IN_0_1
PimUserInfoResponse *pim_get_userinfo (PimUserInfoRequest *request,
                                       PimHttpClient      *client,
                                       GCancellable       *cancellable,
                                       GError            **error);
PIM_AVAILABLE_IN_0_1
void pim_get_userinfo_async (PimUserInfoRequest *request,
                             PimHttpClient      *client,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data);
PIM_AVAILABLE_IN_0_1
PimUserInfoResponse *pim_get_userinfo_finish (GAsyncResult *result, GError **error);

G_END_DECLS
