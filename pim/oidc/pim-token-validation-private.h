/* pim-token-validation-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-discovery.h"
#include "pim-token-cache-private.h"
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
  GStrv               issuers;
  char               *discovery_address;
  guint               token_cache_size;
  gboolean            id_token;
  gboolean            at_hash_optional;

  PimClaimsValidator claims_validator;
  gpointer           claims_validator_data;
  GDestroyNotify     claims_validator_destroy;

  /* Derived from the above, dropped when any of it changes. */
  GMutex         lock;
  GHashTable    *requests;    /* address → PimDiscoveryRequest */
  PimTokenCache *token_cache; /* NULL while token_cache_size is 0 */
};

/* Whether @issuer is one of the issuers the parameters accept. */
G_GNUC_INTERNAL
gboolean pim_token_validation_parameters_accepts_issuer (PimTokenValidationParameters *self,
                                                         const char                   *issuer);

/* The discovery request for @address under the parameters' policy, made
 * once and kept until the parameters change: a new reference. */
G_GNUC_INTERNAL
PimDiscoveryRequest *
pim_token_validation_parameters_get_request (PimTokenValidationParameters *self,
                                             const char                   *address);

/* The validated-token cache, or NULL when it is off: a new reference. */
G_GNUC_INTERNAL
PimTokenCache *pim_token_validation_parameters_get_token_cache (PimTokenValidationParameters *self);

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

/* `aud` as a list: NULL when absent; *@valid is FALSE when it is neither
 * a string nor an array of strings. */
G_GNUC_INTERNAL
GStrv pim_claims_audiences_of (JsonObject *claims, gboolean *valid);

G_END_DECLS
