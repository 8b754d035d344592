/* pim-token-validation-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-token-validation.h"

G_BEGIN_DECLS

struct _PimTokenValidationParameters
{
  GObject parent_instance;

  char               *issuer;
  GStrv               audiences;
  char               *client_id;
  GStrv               allowed_algorithms;
  PimJwkSet          *key_set;
  PimDiscoveryPolicy *discovery_policy;
  guint               clock_skew;
  gboolean            skip_audience_check;
  gboolean            require_exp;
  gboolean            require_iat;
  gboolean            require_nbf;
  char               *nonce;
  char               *expected_type;
  GStrv               required_claims;
  gint64              max_age;
  char               *access_token;
  char               *code;
  gint64              current_time;
};

/* The claims checks, after the signature verified: pure, no I/O. */
G_GNUC_INTERNAL
gboolean pim_token_check_claims (PimJwt                       *jwt,
                                 PimTokenValidationParameters *parameters,
                                 gint64                        now,
                                 GError                      **error);

/* The algorithms to accept: the parameters', or the asymmetric ones among
 * @advertised (all asymmetric ones when @advertised is NULL). */
G_GNUC_INTERNAL
GStrv pim_token_allowed_algorithms (PimTokenValidationParameters *parameters,
                                    const char *const            *advertised);

G_GNUC_INTERNAL
PimClaims *pim_claims_new (PimJwt *jwt);

G_END_DECLS
