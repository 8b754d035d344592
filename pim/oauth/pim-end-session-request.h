/* pim-end-session-request.h: RP-initiated logout
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include "pim-oauth-request.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_END_SESSION_REQUEST (pim_end_session_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimEndSessionRequest,
                      pim_end_session_request,
                      PIM,
                      END_SESSION_REQUEST,
                      PimOAuthRequest)

PIM_AVAILABLE_IN_0_1
PimEndSessionRequest *pim_end_session_request_new (const char *address);

PIM_AVAILABLE_IN_0_1
const char *pim_end_session_request_get_id_token_hint (PimEndSessionRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_end_session_request_set_id_token_hint (PimEndSessionRequest *self,
                                                const char           *id_token_hint);
PIM_AVAILABLE_IN_0_1
const char *pim_end_session_request_get_logout_hint (PimEndSessionRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_end_session_request_set_logout_hint (PimEndSessionRequest *self, const char *logout_hint);
PIM_AVAILABLE_IN_0_1
const char *pim_end_session_request_get_post_logout_redirect_uri (PimEndSessionRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_end_session_request_set_post_logout_redirect_uri (PimEndSessionRequest *self,
                                                           const char *post_logout_redirect_uri);
PIM_AVAILABLE_IN_0_1
const char *pim_end_session_request_get_state (PimEndSessionRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_end_session_request_set_state (PimEndSessionRequest *self, const char *state);
PIM_AVAILABLE_IN_0_1
const char *pim_end_session_request_get_ui_locales (PimEndSessionRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_end_session_request_set_ui_locales (PimEndSessionRequest *self, const char *ui_locales);

PIM_AVAILABLE_IN_0_1
char *pim_end_session_request_build_url (PimEndSessionRequest *self, GError **error);

G_END_DECLS
