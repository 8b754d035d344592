/* pim-dpop-error.h: errors of DPoP proof validation and token binding
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib.h>

#include "pim-version-macros.h"

G_BEGIN_DECLS

/**
 * PIM_DPOP_ERROR:
 *
 * The error domain of a resource server's checks of sender-constrained
 * tokens: DPoP proofs (RFC 9449) checked by [class@DPoPProofValidator],
 * and the `cnf` confirmation of an access token checked against a DPoP
 * key ([func@token_binding_check_jkt]) or a TLS client certificate
 * ([func@token_binding_check_certificate], RFC 8705). Errors in this
 * domain are from the [error@DPoPError] enumeration. Messages name what
 * failed, never the proof's or the token's values.
 *
 * Since: 0.1
 */
#define PIM_DPOP_ERROR (pim_dpop_error_quark ())

/**
 * PimDPoPError:
 * @PIM_DPOP_ERROR_FAILED: a failure that no other code describes
 * @PIM_DPOP_ERROR_INVALID_ARGUMENT: the caller's own input cannot work,
 *   such as a request URI that is not an absolute `http` or `https` URI
 * @PIM_DPOP_ERROR_INVALID_PROOF: the proof is not a DPoP proof: not a
 *   signed JWT, a wrong `typ`, no public `jwk` in the header (or one with
 *   private members), an algorithm that is not allowed (`none`, `HS256`…),
 *   a signature the embedded key does not verify, a required claim
 *   (`jti`, `htm`, `htu`, `iat`) missing or of the wrong type
 * @PIM_DPOP_ERROR_HTM_MISMATCH: `htm` is not the request's method
 * @PIM_DPOP_ERROR_HTU_MISMATCH: `htu` is not the request's URI (scheme,
 *   authority and path; query and fragment ignored)
 * @PIM_DPOP_ERROR_IAT_OUT_OF_WINDOW: `iat` is older than
 *   [property@DPoPProofValidator:max-age] or ahead of the clock by more
 *   than [property@DPoPProofValidator:clock-skew]
 * @PIM_DPOP_ERROR_REPLAYED: a proof with the same key and `jti` was
 *   accepted before, within the window
 * @PIM_DPOP_ERROR_ATH_MISMATCH: an access token was presented and the
 *   proof's `ath` is missing or is not the token's hash
 * @PIM_DPOP_ERROR_NONCE_REQUIRED: the validator requires a server nonce
 *   and the proof has none; answer `use_dpop_nonce` with a fresh nonce
 *   ([method@DPoPProofValidator.issue_nonce]) in a `DPoP-Nonce` header
 * @PIM_DPOP_ERROR_NONCE_MISMATCH: the proof's `nonce` was not issued by
 *   the validator or has expired; answer as for
 *   %PIM_DPOP_ERROR_NONCE_REQUIRED
 * @PIM_DPOP_ERROR_KEY_MISMATCH: the access token is not bound to the
 *   proof's key: its `cnf.jkt` is another thumbprint, or it has none
 * @PIM_DPOP_ERROR_CERTIFICATE_MISMATCH: the access token is not bound to
 *   the client's TLS certificate: its `cnf.x5t#S256` is another
 *   thumbprint, or it has none
 *
 * Error codes of the [error@DPoPError] domain.
 *
 * Since: 0.1
 */
typedef enum /*< underscore_name=pim_dpop_error >*/
{
  PIM_DPOP_ERROR_FAILED,
  PIM_DPOP_ERROR_INVALID_ARGUMENT,
  PIM_DPOP_ERROR_INVALID_PROOF,
  PIM_DPOP_ERROR_HTM_MISMATCH,
  PIM_DPOP_ERROR_HTU_MISMATCH,
  PIM_DPOP_ERROR_IAT_OUT_OF_WINDOW,
  PIM_DPOP_ERROR_REPLAYED,
  PIM_DPOP_ERROR_ATH_MISMATCH,
  PIM_DPOP_ERROR_NONCE_REQUIRED,
  PIM_DPOP_ERROR_NONCE_MISMATCH,
  PIM_DPOP_ERROR_KEY_MISMATCH,
  PIM_DPOP_ERROR_CERTIFICATE_MISMATCH,
} PimDPoPError;

PIM_AVAILABLE_IN_0_1
GQuark pim_dpop_error_quark (void);

G_END_DECLS
