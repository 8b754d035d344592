/* pim-jwk.h: one JSON Web Key (RFC 7517)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_JWK (pim_jwk_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimJwk, pim_jwk, PIM, JWK, GObject)

PIM_AVAILABLE_IN_0_1
PimJwk *pim_jwk_new_from_json (const char *json, GError **error);

PIM_AVAILABLE_IN_0_1
PimJwk *pim_jwk_new_from_object (JsonObject *object, GError **error);

PIM_AVAILABLE_IN_0_1
PimJwk *pim_jwk_new_from_pem (const char *pem, const char *alg, const char *kid, GError **error);

PIM_AVAILABLE_IN_0_1
PimJwk *pim_jwk_new_from_secret (GBytes *secret, const char *alg, const char *kid, GError **error);

PIM_AVAILABLE_IN_0_1
PimJwk *pim_jwk_generate (const char *alg, GError **error);

PIM_AVAILABLE_IN_0_1
PimJwk *pim_jwk_generate_rsa (guint bits, const char *alg, GError **error);

PIM_AVAILABLE_IN_0_1
const char *pim_jwk_get_key_type (PimJwk *self);

PIM_AVAILABLE_IN_0_1
const char *pim_jwk_get_key_id (PimJwk *self);

PIM_AVAILABLE_IN_0_1
const char *pim_jwk_get_use (PimJwk *self);

PIM_AVAILABLE_IN_0_1
const char *pim_jwk_get_algorithm (PimJwk *self);

PIM_AVAILABLE_IN_0_1
const char *pim_jwk_get_curve (PimJwk *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_jwk_get_key_ops (PimJwk *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_jwk_get_x5c (PimJwk *self);

PIM_AVAILABLE_IN_0_1
const char *pim_jwk_get_x5t_s256 (PimJwk *self);

PIM_AVAILABLE_IN_0_1
guint pim_jwk_get_size (PimJwk *self);

PIM_AVAILABLE_IN_0_1
gboolean pim_jwk_is_private (PimJwk *self);

PIM_AVAILABLE_IN_0_1
const char *pim_jwk_get_thumbprint (PimJwk *self);

PIM_AVAILABLE_IN_0_1
gboolean pim_jwk_allows_algorithm (PimJwk *self, const char *alg);

PIM_AVAILABLE_IN_0_1
PimJwk *pim_jwk_get_public (PimJwk *self);

PIM_AVAILABLE_IN_0_1
JsonObject *pim_jwk_to_object (PimJwk *self, gboolean include_private);

PIM_AVAILABLE_IN_0_1
char *pim_jwk_to_json (PimJwk *self, gboolean include_private);

PIM_AVAILABLE_IN_0_1
char *pim_jwk_to_pem (PimJwk *self, gboolean include_private, GError **error);

G_END_DECLS
