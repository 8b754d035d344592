/* pim-dpop-proof-validator.h: DPoP proof validation for resource servers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib-object.h>

#include "pim-dpop-proof.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_DPOP_PROOF_VALIDATOR (pim_dpop_proof_validator_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimDPoPProofValidator,
                      pim_dpop_proof_validator,
                      PIM,
                      DPOP_PROOF_VALIDATOR,
                      GObject)

PIM_AVAILABLE_IN_0_1
PimDPoPProofValidator *pim_dpop_proof_validator_new (void);

PIM_AVAILABLE_IN_0_1
const char *const *pim_dpop_proof_validator_get_allowed_algs (PimDPoPProofValidator *self);
PIM_AVAILABLE_IN_0_1
void pim_dpop_proof_validator_set_allowed_algs (PimDPoPProofValidator *self,
                                                const char *const     *algs);
PIM_AVAILABLE_IN_0_1
guint pim_dpop_proof_validator_get_max_age (PimDPoPProofValidator *self);
PIM_AVAILABLE_IN_0_1
void pim_dpop_proof_validator_set_max_age (PimDPoPProofValidator *self, guint seconds);
PIM_AVAILABLE_IN_0_1
guint pim_dpop_proof_validator_get_clock_skew (PimDPoPProofValidator *self);
PIM_AVAILABLE_IN_0_1
void pim_dpop_proof_validator_set_clock_skew (PimDPoPProofValidator *self, guint seconds);
PIM_AVAILABLE_IN_0_1
guint pim_dpop_proof_validator_get_replay_cache_size (PimDPoPProofValidator *self);
PIM_AVAILABLE_IN_0_1
void pim_dpop_proof_validator_set_replay_cache_size (PimDPoPProofValidator *self, guint size);
PIM_AVAILABLE_IN_0_1
gboolean pim_dpop_proof_validator_get_require_nonce (PimDPoPProofValidator *self);
PIM_AVAILABLE_IN_0_1
void pim_dpop_proof_validator_set_require_nonce (PimDPoPProofValidator *self,
                                                 gboolean               require_nonce);
PIM_AVAILABLE_IN_0_1
guint pim_dpop_proof_validator_get_nonce_lifetime (PimDPoPProofValidator *self);
PIM_AVAILABLE_IN_0_1
void pim_dpop_proof_validator_set_nonce_lifetime (PimDPoPProofValidator *self, guint seconds);

PIM_AVAILABLE_IN_0_1
char *pim_dpop_proof_validator_issue_nonce (PimDPoPProofValidator *self);

PIM_AVAILABLE_IN_0_1
PimDPoPProof *pim_dpop_proof_validator_validate (PimDPoPProofValidator *self,
                                                 const char            *proof,
                                                 const char            *htm,
                                                 const char            *htu,
                                                 const char            *access_token,
                                                 GError               **error);

G_END_DECLS
