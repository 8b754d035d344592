/* pim-jwt.h: JSON Web Tokens (RFC 7519), signed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pim-jwk-set.h"
#include "pim-jwk.h"
#include "pim-jws.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_JWT (pim_jwt_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimJwt, pim_jwt, PIM, JWT, GObject)

PIM_AVAILABLE_IN_0_1
PimJwt *pim_jwt_parse (const char *token, GError **error);

PIM_AVAILABLE_IN_0_1
PimJwt *pim_jwt_parse_and_verify (const char        *token,
                                  PimJwkSet         *keys,
                                  const char *const *allowed_algs,
                                  GError           **error);

PIM_AVAILABLE_IN_0_1
PimJwk *
pim_jwt_verify (PimJwt *self, PimJwkSet *keys, const char *const *allowed_algs, GError **error);

PIM_AVAILABLE_IN_0_1
PimJws *pim_jwt_get_jws (PimJwt *self);

PIM_AVAILABLE_IN_0_1
JsonObject *pim_jwt_get_header (PimJwt *self);

PIM_AVAILABLE_IN_0_1
JsonObject *pim_jwt_get_claims (PimJwt *self);

PIM_AVAILABLE_IN_0_1
const char *pim_jwt_get_string_claim (PimJwt *self, const char *name);

PIM_AVAILABLE_IN_0_1
gboolean pim_jwt_get_int_claim (PimJwt *self, const char *name, gint64 *value);

PIM_AVAILABLE_IN_0_1
char *
pim_jwt_sign (JsonObject *claims, PimJwk *key, const char *alg, JsonObject *header, GError **error);

G_END_DECLS
