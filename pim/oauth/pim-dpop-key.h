/* pim-dpop-key.h: a DPoP proof-of-possession key (RFC 9449), client side
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib-object.h>
#include <libsoup/soup.h>

#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_DPOP_KEY (pim_dpop_key_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimDPoPKey, pim_dpop_key, PIM, DPOP_KEY, GObject)

PIM_AVAILABLE_IN_0_1
PimDPoPKey *pim_dpop_key_new_generate (const char *alg, GError **error);
PIM_AVAILABLE_IN_0_1
PimDPoPKey *pim_dpop_key_new_from_jwk (const char *json, GError **error);
PIM_AVAILABLE_IN_0_1
PimDPoPKey *pim_dpop_key_new_from_pem (const char *pem, const char *alg, GError **error);

PIM_AVAILABLE_IN_0_1
char *pim_dpop_key_to_jwk (PimDPoPKey *self);
PIM_AVAILABLE_IN_0_1
char *pim_dpop_key_to_pem (PimDPoPKey *self, GError **error);
PIM_AVAILABLE_IN_0_1
char *pim_dpop_key_get_public_jwk (PimDPoPKey *self);
PIM_AVAILABLE_IN_0_1
const char *pim_dpop_key_get_thumbprint (PimDPoPKey *self);
PIM_AVAILABLE_IN_0_1
const char *pim_dpop_key_get_alg (PimDPoPKey *self);

PIM_AVAILABLE_IN_0_1
char *pim_dpop_key_create_proof (PimDPoPKey *self,
                                 const char *htm,
                                 const char *htu,
                                 const char *access_token,
                                 const char *nonce,
                                 GError    **error);

PIM_AVAILABLE_IN_0_1
char *pim_dpop_key_dup_nonce (PimDPoPKey *self, const char *uri);
PIM_AVAILABLE_IN_0_1
void pim_dpop_key_set_nonce (PimDPoPKey *self, const char *uri, const char *nonce);

PIM_AVAILABLE_IN_0_1
gboolean pim_dpop_key_sign_message (PimDPoPKey  *self,
                                    SoupMessage *msg,
                                    const char  *access_token,
                                    GError     **error);
PIM_AVAILABLE_IN_0_1
gboolean pim_dpop_key_remember_nonce (PimDPoPKey *self, SoupMessage *msg);

G_END_DECLS
