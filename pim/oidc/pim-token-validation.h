/* pim-token-validation.h: validating JWTs: parameters and functions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <gio/gio.h>

#include "pim-claims.h"
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

/**
 * PimClaimsValidator:
 * @claims: the claims of a token whose signature and standard claims
 *   passed every other check
 * @user_data: the data given with the validator
 *
 * A check of claims [func@validate_token] does not know about, such as a
 * scope, a role or a tenant. It runs last, on the thread that validates
 * (for [func@validate_token_async], in the caller's thread-default main
 * context), and must not block.
 *
 * Returns: (transfer full) (nullable): %NULL to accept the token, or a
 *   short reason to refuse it, which becomes the message of a
 *   %PIM_TOKEN_ERROR_REJECTED error
 *
 * Since: 0.1
 */
typedef char *(*PimClaimsValidator) (PimClaims *claims, gpointer user_data);

PIM_AVAILABLE_IN_0_1
void pim_token_validation_parameters_set_claims_validator (PimTokenValidationParameters *self,
                                                           PimClaimsValidator            validator,
                                                           gpointer                      user_data,
                                                           GDestroyNotify                destroy);
PIM_AVAILABLE_IN_0_1
void pim_token_validation_parameters_clear_token_cache (PimTokenValidationParameters *self);
PIM_AVAILABLE_IN_0_1
void pim_token_validation_parameters_get_token_cache_stats (PimTokenValidationParameters *self,
                                                            guint64                      *hits,
                                                            guint64                      *misses);

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
