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

/* The token response of the code exchange (access, refresh and ID token). */
PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_sign_in_result_get_token_response (PimSignInResult *self);
/* The validated claims of the ID token (signature, iss, aud, exp, nonce,
 * at_hash checked); NULL when the scope had no `openid`. */
PIM_AVAILABLE_IN_0_1
PimClaims *pim_sign_in_result_get_id_token_claims (PimSignInResult *self);
/* The provider's discovery document the sign-in used. */
PIM_AVAILABLE_IN_0_1
PimDiscoveryDocument *pim_sign_in_result_get_discovery_document (PimSignInResult *self);
/* The client id and redirect URI the code was exchanged with. */
PIM_AVAILABLE_IN_0_1
const char *pim_sign_in_result_get_client_id (PimSignInResult *self);
PIM_AVAILABLE_IN_0_1
const char *pim_sign_in_result_get_redirect_uri (PimSignInResult *self);

G_END_DECLS
