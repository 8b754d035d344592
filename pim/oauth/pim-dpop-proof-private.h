/* pim-dpop-proof-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-dpop-proof.h"

G_BEGIN_DECLS

/* Takes nothing: copies the strings and refs @key. */
G_GNUC_INTERNAL
PimDPoPProof *pim_dpop_proof_new (PimJwk     *key,
                                  const char *alg,
                                  const char *jti,
                                  const char *htm,
                                  const char *htu,
                                  gint64      iat,
                                  const char *nonce);

G_END_DECLS
