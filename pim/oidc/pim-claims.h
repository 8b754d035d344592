/* pim-claims.h: the claims of a validated token
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "pim-jwt.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_CLAIMS (pim_claims_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimClaims, pim_claims, PIM, CLAIMS, GObject)

PIM_AVAILABLE_IN_0_1
PimJwt *pim_claims_get_jwt (PimClaims *self);
PIM_AVAILABLE_IN_0_1
JsonObject *pim_claims_get_json (PimClaims *self);
PIM_AVAILABLE_IN_0_1
const char *pim_claims_get_issuer (PimClaims *self);
PIM_AVAILABLE_IN_0_1
const char *pim_claims_get_subject (PimClaims *self);
PIM_AVAILABLE_IN_0_1
GStrv pim_claims_dup_audiences (PimClaims *self);
PIM_AVAILABLE_IN_0_1
gint64 pim_claims_get_expiration (PimClaims *self);
PIM_AVAILABLE_IN_0_1
gint64 pim_claims_get_issued_at (PimClaims *self);
PIM_AVAILABLE_IN_0_1
const char *pim_claims_get_string (PimClaims *self, const char *name);
PIM_AVAILABLE_IN_0_1
gboolean pim_claims_get_int (PimClaims *self, const char *name, gint64 *value);

G_END_DECLS
