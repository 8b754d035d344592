/* pim-dpop-proof-validator-private.h: test hooks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-dpop-proof-validator.h"

G_BEGIN_DECLS

/* Fixes the validator's clock at @now (Unix seconds); 0 returns it to the
 * real clock. */
G_GNUC_INTERNAL
void pim_dpop_proof_validator_set_now (PimDPoPProofValidator *self, gint64 now);

/* How many entries the replay cache holds now. */
G_GNUC_INTERNAL
guint pim_dpop_proof_validator_get_replay_cache_length (PimDPoPProofValidator *self);

/* The normalized form of an htu (RFC 9449 §4.3, RFC 3986 §6.2.2–6.2.3):
 * lower-case scheme and host, no default port, "/" for an empty path,
 * percent-encodings normalized, dot segments removed, no query, fragment
 * or user info; NULL for what is not an absolute http(s) URI. */
G_GNUC_INTERNAL
char *pim_dpop_normalize_htu (const char *uri);
/* The htu of a parsed URI: the same form, its user information left out
 * (the client drops it, the validator refuses it first); NULL when it is
 * not http(s) with a host. */
G_GNUC_INTERNAL
char *pim_dpop_htu_of_uri (GUri *parsed);

G_END_DECLS
