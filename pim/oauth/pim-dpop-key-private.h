/* pim-dpop-key-private.h: what the exchange needs of a DPoP key
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-dpop-key.h"
#include "pim-http-private.h"

G_BEGIN_DECLS

/* The longest server nonce Pim keeps and sends. */
#define PIM_DPOP_NONCE_MAX_LENGTH 512
/* How many origins' nonces a key remembers. */
#define PIM_DPOP_NONCE_CACHE_SIZE 64

/* RFC 9449 §4.2 htu: @uri without query, fragment and user information,
 * normalized as pim_dpop_normalize_htu() does, by the same code (scheme
 * and host in lower case, no default port, "/" for an empty path,
 * percent-encodings and dot segments normalized); only absolute http and
 * https URLs (PIM_HTTP_ERROR). */
G_GNUC_INTERNAL
char *pim_dpop_htu_from_uri (const char *uri, GError **error);

/* Whether @nonce is a nonce Pim sends: 1*NQCHAR (RFC 9449 §8), at most
 * PIM_DPOP_NONCE_MAX_LENGTH bytes. */
G_GNUC_INTERNAL
gboolean pim_dpop_nonce_is_valid (const char *nonce);

/* Adds a `DPoP` proof header to @http for its method and URL, with the
 * nonce last learnt from that origin and, when @access_token is set, its
 * `ath`. Refuses plain http outside loopback (PIM_HTTP_ERROR_INSECURE). */
G_GNUC_INTERNAL
gboolean pim_dpop_key_apply (PimDPoPKey     *self,
                             PimHttpRequest *http,
                             const char     *access_token,
                             GError        **error);

/* Learns the `DPoP-Nonce` of @headers, an answer from @uri's origin;
 * returns whether it was a new valid nonce. */
G_GNUC_INTERNAL
gboolean pim_dpop_key_learn_nonce (PimDPoPKey *self, const char *uri, SoupMessageHeaders *headers);

/* Whether @response asks for a DPoP nonce: `use_dpop_nonce` as a 400 JSON
 * error (token endpoint, RFC 9449 §8) or a 401 `DPoP` challenge (resource,
 * §9). Pure. */
G_GNUC_INTERNAL
gboolean pim_dpop_response_wants_nonce (PimHttpResponse *response);

/* The same for a 401 challenge in @headers alone. */
G_GNUC_INTERNAL
gboolean pim_dpop_challenge_wants_nonce (guint status, SoupMessageHeaders *headers);

/* A test hook: proofs made after this carry @iat instead of the time
 * (0: the real time again). */
G_GNUC_INTERNAL
void pim_dpop_key_set_time_for_testing (PimDPoPKey *self, gint64 iat);

G_END_DECLS
