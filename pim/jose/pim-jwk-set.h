/* pim-jwk-set.h: a JSON Web Key Set (RFC 7517 §5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pim-jwk.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_JWK_SET (pim_jwk_set_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimJwkSet, pim_jwk_set, PIM, JWK_SET, GObject)

PIM_AVAILABLE_IN_0_1
PimJwkSet *pim_jwk_set_new (void);

PIM_AVAILABLE_IN_0_1
PimJwkSet *pim_jwk_set_new_from_json (const char *json, GError **error);

PIM_AVAILABLE_IN_0_1
PimJwkSet *pim_jwk_set_new_from_bytes (GBytes *json, GError **error);

PIM_AVAILABLE_IN_0_1
void pim_jwk_set_add (PimJwkSet *self, PimJwk *key);

PIM_AVAILABLE_IN_0_1
guint pim_jwk_set_get_n_keys (PimJwkSet *self);

PIM_AVAILABLE_IN_0_1
PimJwk *pim_jwk_set_get_key (PimJwkSet *self, guint index);

PIM_AVAILABLE_IN_0_1
GPtrArray *pim_jwk_set_find (PimJwkSet *self, const char *kid, const char *alg);

PIM_AVAILABLE_IN_0_1
const char *const *pim_jwk_set_get_skipped (PimJwkSet *self);

PIM_AVAILABLE_IN_0_1
char *pim_jwk_set_to_json (PimJwkSet *self, gboolean include_private);

G_END_DECLS
