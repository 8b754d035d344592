/* pim-discovery-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-discovery.h"

G_BEGIN_DECLS

/* Where to fetch from and which issuer to expect: @address is an issuer
 * (the well-known path is appended; for RFC 8414 metadata it is inserted
 * after the authority) or a full well-known URL (the issuer is what it was
 * built from). A query, a fragment, user info or a non-HTTP(S) scheme is
 * INVALID_ADDRESS. */
G_GNUC_INTERNAL
gboolean pim_discovery_resolve_address (const char *address,
                                        gboolean    oauth_metadata,
                                        char      **out_url,
                                        char      **out_issuer,
                                        gboolean   *out_oauth_metadata,
                                        GError    **error);

/* Whether the policy lets @url be fetched or named: https, or http on
 * loopback when allowed, or anything when HTTPS is not required. */
G_GNUC_INTERNAL
gboolean pim_discovery_policy_check_url (PimDiscoveryPolicy *policy,
                                         const char         *member,
                                         const char         *url,
                                         GError            **error);

/* A number that changes whenever the policy does, so that what was derived
 * from it can be kept until then. */
G_GNUC_INTERNAL
guint pim_discovery_policy_get_serial (PimDiscoveryPolicy *self);

/* How soon after a key set was fetched an unknown key may force it to be
 * fetched again, in seconds: forged tokens must not amplify traffic to the
 * provider. */
#define PIM_JWKS_REFRESH_COOLDOWN 5.0

/* Drops the cached key set at @jwks_uri for @client if it was fetched
 * more than PIM_JWKS_REFRESH_COOLDOWN ago, and with it every validated
 * token remembered. Returns whether it did, that is whether fetching again
 * can help. */
G_GNUC_INTERNAL
gboolean pim_jwks_cache_invalidate (const char *jwks_uri, PimHttpClient *client);

/* Whether looking the key set up again may bring another than @seen
 * without a fetch of its own: another caller's refresh is in flight or
 * done (callers that meet a rotated key together share one refresh). */
G_GNUC_INTERNAL
gboolean pim_jwks_cache_has_newer (const char *jwks_uri, PimHttpClient *client, PimJwkSet *seen);

G_END_DECLS
