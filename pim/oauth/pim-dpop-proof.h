/* pim-dpop-proof.h: a DPoP proof that passed validation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib-object.h>

#include "pim-claims.h"
#include "pim-jwk.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_DPOP_PROOF (pim_dpop_proof_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimDPoPProof, pim_dpop_proof, PIM, DPOP_PROOF, GObject)

PIM_AVAILABLE_IN_0_1
const char *pim_dpop_proof_get_jkt (PimDPoPProof *self);
PIM_AVAILABLE_IN_0_1
PimJwk *pim_dpop_proof_get_key (PimDPoPProof *self);
PIM_AVAILABLE_IN_0_1
const char *pim_dpop_proof_get_jti (PimDPoPProof *self);
PIM_AVAILABLE_IN_0_1
const char *pim_dpop_proof_get_htm (PimDPoPProof *self);
PIM_AVAILABLE_IN_0_1
const char *pim_dpop_proof_get_htu (PimDPoPProof *self);
PIM_AVAILABLE_IN_0_1
gint64 pim_dpop_proof_get_issued_at (PimDPoPProof *self);
PIM_AVAILABLE_IN_0_1
const char *pim_dpop_proof_get_nonce (PimDPoPProof *self);
PIM_AVAILABLE_IN_0_1
const char *pim_dpop_proof_get_algorithm (PimDPoPProof *self);

PIM_AVAILABLE_IN_0_1
gboolean
pim_dpop_proof_check_binding (PimDPoPProof *self, PimClaims *access_token_claims, GError **error);

G_END_DECLS
