/* pim-token-validation.h: validating JWTs: parameters, claims, functions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <gio/gio.h>

#include "pim-discovery-policy.h"
#include "pim-http-client.h"
#include "pim-jwk-set.h"
#include "pim-jwt.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_TOKEN_VALIDATION_PARAMETERS (pim_token_validation_parameters_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimTokenValidationParameters,
                      pim_token_validation_parameters,
                      PIM,
                      TOKEN_VALIDATION_PARAMETERS,
                      GObject)

PIM_AVAILABLE_IN_0_1
PimTokenValidationParameters *pim_token_validation_parameters_new (const char *issuer,
                                                                   const char *audience);

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

PIM_AVAILABLE_IN_0_1
PimClaims *pim_validate_token (const char                   *token,
                               PimTokenValidationParameters *parameters,
                               PimHttpClient                *client,
                               GCancellable                 *cancellable,
                               GError                      **error);
PIM_AVAILABLE_IN_0_1
void pim_validate_token_async (const char                   *token,
                               PimTokenValidationParameters *parameters,
                               PimHttpClient                *client,
                               GCancellable                 *cancellable,
                               GAsyncReadyCallback           callback,
                               gpointer                      user_data);
PIM_AVAILABLE_IN_0_1
PimClaims *pim_validate_token_finish (GAsyncResult *result, GError **error);

G_END_DECLS
