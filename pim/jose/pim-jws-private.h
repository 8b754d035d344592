/* pim-jws-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-jose-private.h"
#include "pim-jws.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL
PimJws *pim_jws_parse_len (const char *token, gsize len, GError **error);
G_GNUC_INTERNAL
PimJwsAlg pim_jws_get_alg (PimJws *self);
/* The compact serialization of @payload_b64 (already base64url) under a
 * header of alg, kid (the key's, if it has one and @header does not say)
 * and @header's members. */
G_GNUC_INTERNAL
char *pim_jws_sign_encoded (const char *payload_b64,
                            gsize       payload_b64_len,
                            PimJwk     *key,
                            const char *alg,
                            JsonObject *header,
                            GError    **error);

G_END_DECLS
