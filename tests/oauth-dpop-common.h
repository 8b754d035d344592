/* oauth-dpop-common.h: what the DPoP client tests share: a proof decoded
 * and its signature checked with the key of its own header, independently
 * of the key's code
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  JsonObject *header;
  JsonObject *claims;
} Proof;

void proof_clear (Proof *proof);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Proof, proof_clear)

/* Decodes @token and checks its signature with the `jwk` of its header. */
void decode_proof (const char *token, Proof *out);

G_END_DECLS
