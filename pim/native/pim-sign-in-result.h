/* pim-sign-in-result.h: what a completed browser sign-in returns
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include "pim-claims.h"
#include "pim-discovery-document.h"
#include "pim-token-response.h"

G_BEGIN_DECLS

#define PIM_TYPE_SIGN_IN_RESULT (pim_sign_in_result_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimSignInResult, pim_sign_in_result, PIM, SIGN_IN_RESULT, GObject)

PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_sign_in_result_get_token_response (PimSignInResult *self);
PIM_AVAILABLE_IN_0_1
PimClaims *pim_sign_in_result_get_id_token_claims (PimSignInResult *self);
PIM_AVAILABLE_IN_0_1
PimDiscoveryDocument *pim_sign_in_result_get_discovery_document (PimSignInResult *self);
PIM_AVAILABLE_IN_0_1
const char *pim_sign_in_result_get_client_id (PimSignInResult *self);
PIM_AVAILABLE_IN_0_1
const char *pim_sign_in_result_get_redirect_uri (PimSignInResult *self);

G_END_DECLS
