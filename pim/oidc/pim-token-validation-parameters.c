/* pim-token-validation-parameters.c: PimTokenValidationParameters
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-token-error.h"
#include "pim-token-validation-private.h"

/**
 * PimTokenValidationParameters:
 *
 * What a token must be to pass [func@validate_token]: its issuer, its
 * audience, and the rest, all as properties so that Python and JavaScript
 * set them by name.
 *
 * The defaults are fail-closed: `exp` and `iat` are required, the audience
 * is required unless [property@TokenValidationParameters:skip-audience-check]
 * is set (an explicit, logged opt-out, never the result of leaving the
 * audience empty), the clock skew is 60 seconds, and without
 * [property@TokenValidationParameters:allowed-algorithms] only asymmetric
 * algorithms are accepted — those the provider advertises for ID tokens,
 * when discovery is used.
 *
 * Keys come from the issuer's discovery document and key set, unless a
 * [property@TokenValidationParameters:key-set] is given.
 *
 * For an ID token, set [property@TokenValidationParameters:id-token] and
 * [property@TokenValidationParameters:client-id]: `sub` is then required
 * too, and `aud` must name the client.
 *
 * Since: 0.1
 */

G_DEFINE_FINAL_TYPE (PimTokenValidationParameters, pim_token_validation_parameters, G_TYPE_OBJECT)

/**
 * pim_token_error_quark:
 *
 * Gets the quark of the [error@TokenError] domain.
 *
 * Returns: the error quark
 *
 * Since: 0.1
 */
/* clang-format off */
G_DEFINE_QUARK (pim-token-error-quark, pim_token_error)
/* clang-format on */

enum
{
  PROP_0,
  PROP_ISSUER,
  PROP_AUDIENCES,
  PROP_CLIENT_ID,
  PROP_ALLOWED_ALGORITHMS,
  PROP_KEY_SET,
  PROP_DISCOVERY_POLICY,
  PROP_CLOCK_SKEW,
  PROP_SKIP_AUDIENCE_CHECK,
  PROP_REQUIRE_EXP,
  PROP_REQUIRE_IAT,
  PROP_REQUIRE_NBF,
  PROP_NONCE,
  PROP_EXPECTED_TYPE,
  PROP_REQUIRED_CLAIMS,
  PROP_MAX_AGE,
  PROP_ACCESS_TOKEN,
  PROP_CODE,
  PROP_CURRENT_TIME,
  PROP_ISSUERS,
  PROP_DISCOVERY_ADDRESS,
  PROP_TOKEN_CACHE_SIZE,
  PROP_ID_TOKEN,
  PROP_AT_HASH_OPTIONAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives in the instance, so that one pair of
 * get/set_property functions serves them all. */
static const gsize offsets[N_PROPS] = {
  [PROP_ISSUER] = G_STRUCT_OFFSET (PimTokenValidationParameters, issuer),
  [PROP_AUDIENCES] = G_STRUCT_OFFSET (PimTokenValidationParameters, audiences),
  [PROP_CLIENT_ID] = G_STRUCT_OFFSET (PimTokenValidationParameters, client_id),
  [PROP_ALLOWED_ALGORITHMS] = G_STRUCT_OFFSET (PimTokenValidationParameters, allowed_algorithms),
  [PROP_KEY_SET] = G_STRUCT_OFFSET (PimTokenValidationParameters, key_set),
  [PROP_DISCOVERY_POLICY] = G_STRUCT_OFFSET (PimTokenValidationParameters, discovery_policy),
  [PROP_CLOCK_SKEW] = G_STRUCT_OFFSET (PimTokenValidationParameters, clock_skew),
  [PROP_SKIP_AUDIENCE_CHECK] = G_STRUCT_OFFSET (PimTokenValidationParameters, skip_audience_check),
  [PROP_REQUIRE_EXP] = G_STRUCT_OFFSET (PimTokenValidationParameters, require_exp),
  [PROP_REQUIRE_IAT] = G_STRUCT_OFFSET (PimTokenValidationParameters, require_iat),
  [PROP_REQUIRE_NBF] = G_STRUCT_OFFSET (PimTokenValidationParameters, require_nbf),
  [PROP_NONCE] = G_STRUCT_OFFSET (PimTokenValidationParameters, nonce),
  [PROP_EXPECTED_TYPE] = G_STRUCT_OFFSET (PimTokenValidationParameters, expected_type),
  [PROP_REQUIRED_CLAIMS] = G_STRUCT_OFFSET (PimTokenValidationParameters, required_claims),
  [PROP_MAX_AGE] = G_STRUCT_OFFSET (PimTokenValidationParameters, max_age),
  [PROP_ACCESS_TOKEN] = G_STRUCT_OFFSET (PimTokenValidationParameters, access_token),
  [PROP_CODE] = G_STRUCT_OFFSET (PimTokenValidationParameters, code),
  [PROP_CURRENT_TIME] = G_STRUCT_OFFSET (PimTokenValidationParameters, current_time),
  [PROP_ISSUERS] = G_STRUCT_OFFSET (PimTokenValidationParameters, issuers),
  [PROP_DISCOVERY_ADDRESS] = G_STRUCT_OFFSET (PimTokenValidationParameters, discovery_address),
  [PROP_TOKEN_CACHE_SIZE] = G_STRUCT_OFFSET (PimTokenValidationParameters, token_cache_size),
  [PROP_ID_TOKEN] = G_STRUCT_OFFSET (PimTokenValidationParameters, id_token),
  [PROP_AT_HASH_OPTIONAL] = G_STRUCT_OFFSET (PimTokenValidationParameters, at_hash_optional),
};

/* Drops what was derived from the properties: the discovery requests and
 * every validated token, whose verdicts may not hold any more. */
static void
forget_derived (PimTokenValidationParameters *self)
{
  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->requests);
  g_clear_pointer (&self->token_cache, pim_token_cache_unref);
  g_mutex_unlock (&self->lock);
}

static void
pim_token_validation_parameters_finalize (GObject *object)
{
  PimTokenValidationParameters *self = PIM_TOKEN_VALIDATION_PARAMETERS (object);

  g_free (self->issuer);
  g_strfreev (self->audiences);
  g_free (self->client_id);
  g_strfreev (self->allowed_algorithms);
  g_clear_object (&self->key_set);
  g_clear_object (&self->discovery_policy);
  g_free (self->nonce);
  g_free (self->expected_type);
  g_strfreev (self->required_claims);
  g_free (self->access_token);
  g_free (self->code);
  g_strfreev (self->issuers);
  g_free (self->discovery_address);
  if (self->claims_validator_destroy != NULL)
    self->claims_validator_destroy (self->claims_validator_data);
  g_hash_table_unref (self->requests);
  g_clear_pointer (&self->token_cache, pim_token_cache_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pim_token_validation_parameters_parent_class)->finalize (object);
}

static void
pim_token_validation_parameters_get_property (GObject    *object,
                                              guint       prop_id,
                                              GValue     *value,
                                              GParamSpec *pspec)
{
  gpointer field = G_STRUCT_MEMBER_P (object, offsets[prop_id]);

  switch (G_PARAM_SPEC_VALUE_TYPE (pspec))
    {
    case G_TYPE_STRING:
      g_value_set_string (value, *(char **) field);
      break;
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) field);
      break;
    case G_TYPE_UINT:
      g_value_set_uint (value, *(guint *) field);
      break;
    case G_TYPE_INT64:
      g_value_set_int64 (value, *(gint64 *) field);
      break;
    default:
      if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRV)
        g_value_set_boxed (value, *(GStrv *) field);
      else
        g_value_set_object (value, *(GObject **) field);
    }
}

static void
pim_token_validation_parameters_set_property (GObject      *object,
                                              guint         prop_id,
                                              const GValue *value,
                                              GParamSpec   *pspec)
{
  gpointer field = G_STRUCT_MEMBER_P (object, offsets[prop_id]);

  forget_derived (PIM_TOKEN_VALIDATION_PARAMETERS (object));
  switch (G_PARAM_SPEC_VALUE_TYPE (pspec))
    {
    case G_TYPE_STRING:
      g_free (*(char **) field);
      *(char **) field = g_value_dup_string (value);
      break;
    case G_TYPE_BOOLEAN:
      *(gboolean *) field = g_value_get_boolean (value);
      break;
    case G_TYPE_UINT:
      *(guint *) field = g_value_get_uint (value);
      break;
    case G_TYPE_INT64:
      *(gint64 *) field = g_value_get_int64 (value);
      break;
    default:
      if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRV)
        {
          g_strfreev (*(GStrv *) field);
          *(GStrv *) field = g_value_dup_boxed (value);
        }
      else
        {
          g_clear_object ((GObject **) field);
          *(GObject **) field = g_value_dup_object (value);
        }
    }
}

static void
pim_token_validation_parameters_class_init (PimTokenValidationParametersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_token_validation_parameters_finalize;
  object_class->get_property = pim_token_validation_parameters_get_property;
  object_class->set_property = pim_token_validation_parameters_set_property;

  /**
   * PimTokenValidationParameters:issuer:
   *
   * The issuer the token must come from, exactly (`iss`). It is pinned
   * before any discovery is trusted: discovery is fetched from it and the
   * document must name it. This or
   * [property@TokenValidationParameters:issuers] is required.
   *
   * Since: 0.1
   */
  properties[PROP_ISSUER] = g_param_spec_string ("issuer", NULL, NULL, NULL, flags);

  /**
   * PimTokenValidationParameters:audiences:
   *
   * The audiences one of which the token's `aud` must contain. Required,
   * unless [property@TokenValidationParameters:skip-audience-check] or
   * [property@TokenValidationParameters:id-token] is set (an ID token's
   * audience is the client; these are then the other audiences it may
   * also name).
   *
   * Since: 0.1
   */
  properties[PROP_AUDIENCES] = g_param_spec_boxed ("audiences", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * PimTokenValidationParameters:client-id:
   *
   * For ID tokens: the client the token was issued to. A token with
   * several audiences must then carry an `azp` equal to it, and any `azp`
   * must equal it. With [property@TokenValidationParameters:id-token],
   * `aud` must also contain it.
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, NULL, flags);

  /**
   * PimTokenValidationParameters:allowed-algorithms:
   *
   * The signature algorithms accepted. Unset: the asymmetric algorithms
   * the provider advertises for ID tokens, or with a static key set every
   * asymmetric algorithm.
   *
   * Since: 0.1
   */
  properties[PROP_ALLOWED_ALGORITHMS] =
      g_param_spec_boxed ("allowed-algorithms", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * PimTokenValidationParameters:key-set:
   *
   * Keys to verify with, instead of discovering the issuer's.
   *
   * Since: 0.1
   */
  properties[PROP_KEY_SET] = g_param_spec_object ("key-set", NULL, NULL, PIM_TYPE_JWK_SET, flags);

  /**
   * PimTokenValidationParameters:discovery-policy:
   *
   * The policy for discovering the issuer; unset, the strict default.
   *
   * Since: 0.1
   */
  properties[PROP_DISCOVERY_POLICY] =
      g_param_spec_object ("discovery-policy", NULL, NULL, PIM_TYPE_DISCOVERY_POLICY, flags);

  /**
   * PimTokenValidationParameters:clock-skew:
   *
   * How far, in seconds, clocks may disagree for `exp`, `nbf`, `iat` and
   * `auth_time` (default 60).
   *
   * Since: 0.1
   */
  properties[PROP_CLOCK_SKEW] = g_param_spec_uint ("clock-skew", NULL, NULL, 0, 3600, 60, flags);

  /**
   * PimTokenValidationParameters:skip-audience-check:
   *
   * Accept a token whatever its audience. An explicit opt-out, logged
   * once per process; leaving the audiences empty is an error instead.
   *
   * Since: 0.1
   */
  properties[PROP_SKIP_AUDIENCE_CHECK] =
      g_param_spec_boolean ("skip-audience-check", NULL, NULL, FALSE, flags);

  /**
   * PimTokenValidationParameters:require-exp:
   *
   * Whether `exp` must be present (default %TRUE). When present it is
   * always checked.
   *
   * Since: 0.1
   */
  properties[PROP_REQUIRE_EXP] = g_param_spec_boolean ("require-exp", NULL, NULL, TRUE, flags);

  /**
   * PimTokenValidationParameters:require-iat:
   *
   * Whether `iat` must be present (default %TRUE). When present it must
   * not be in the future.
   *
   * Since: 0.1
   */
  properties[PROP_REQUIRE_IAT] = g_param_spec_boolean ("require-iat", NULL, NULL, TRUE, flags);

  /**
   * PimTokenValidationParameters:require-nbf:
   *
   * Whether `nbf` must be present (default %FALSE). When present it is
   * always checked.
   *
   * Since: 0.1
   */
  properties[PROP_REQUIRE_NBF] = g_param_spec_boolean ("require-nbf", NULL, NULL, FALSE, flags);

  /**
   * PimTokenValidationParameters:nonce:
   *
   * The `nonce` an ID token must carry, as sent in the authorization
   * request.
   *
   * Since: 0.1
   */
  properties[PROP_NONCE] = g_param_spec_string ("nonce", NULL, NULL, NULL, flags);

  /**
   * PimTokenValidationParameters:expected-type:
   *
   * The header `typ` the token must have, such as `at+jwt` for access
   * tokens (RFC 9068); compared without case and without an
   * `application/` prefix. Unset: not checked.
   *
   * Since: 0.1
   */
  properties[PROP_EXPECTED_TYPE] = g_param_spec_string ("expected-type", NULL, NULL, NULL, flags);

  /**
   * PimTokenValidationParameters:required-claims:
   *
   * Claims that must be present, such as `sub`.
   *
   * Since: 0.1
   */
  properties[PROP_REQUIRED_CLAIMS] =
      g_param_spec_boxed ("required-claims", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * PimTokenValidationParameters:max-age:
   *
   * The `max_age` of the authorization request, in seconds: `auth_time`
   * is then required and must be recent enough. -1 (default): not checked.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_AGE] = g_param_spec_int64 ("max-age", NULL, NULL, -1, G_MAXINT64, -1, flags);

  /**
   * PimTokenValidationParameters:access-token:
   *
   * An access token issued with the ID token: `at_hash` must then match
   * it, and be present unless
   * [property@TokenValidationParameters:at-hash-optional] is set.
   *
   * Since: 0.1
   */
  properties[PROP_ACCESS_TOKEN] = g_param_spec_string ("access-token", NULL, NULL, NULL, flags);

  /**
   * PimTokenValidationParameters:code:
   *
   * An authorization code issued with the ID token: `c_hash` must then be
   * present and match it.
   *
   * Since: 0.1
   */
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);

  /**
   * PimTokenValidationParameters:current-time:
   *
   * Validate as of this instant, in Unix seconds, instead of now (0,
   * the default): for replays and tests.
   *
   * Since: 0.1
   */
  properties[PROP_CURRENT_TIME] =
      g_param_spec_int64 ("current-time", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * PimTokenValidationParameters:issuers:
   *
   * More issuers to accept besides
   * [property@TokenValidationParameters:issuer], for a service that trusts
   * several providers or tenants. The token's `iss` must be one of them
   * exactly before anything else happens: only then is that issuer
   * discovered (and its document must name it), so a token cannot make
   * Pim contact a provider that is not on the list.
   *
   * Since: 0.1
   */
  properties[PROP_ISSUERS] = g_param_spec_boxed ("issuers", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * PimTokenValidationParameters:discovery-address:
   *
   * Where to discover the provider when it is not at the issuer itself: an
   * issuer or the full URL of its metadata, as
   * [property@DiscoveryRequest:address] takes. The document found there
   * must name an accepted issuer, and the token's `iss` must be that one.
   * Unset (the default), the token's issuer is discovered.
   *
   * Since: 0.1
   */
  properties[PROP_DISCOVERY_ADDRESS] =
      g_param_spec_string ("discovery-address", NULL, NULL, NULL, flags);

  /**
   * PimTokenValidationParameters:token-cache-size:
   *
   * How many validated tokens to remember (0, the default: none), so that
   * validating the same token again with these parameters costs a hash
   * lookup instead of a signature check. Tokens are remembered by their
   * SHA-256, never kept themselves, and only if they have an `exp`; an
   * entry never outlives it. Changing any property, [func@clear_jwks_cache],
   * or a forced refresh of a key set forgets every entry; so does
   * [method@TokenValidationParameters.clear_token_cache]. A token whose key
   * the provider withdraws is otherwise still accepted until its `exp`.
   *
   * Since: 0.1
   */
  properties[PROP_TOKEN_CACHE_SIZE] =
      g_param_spec_uint ("token-cache-size", NULL, NULL, 0, 1000000, 0, flags);

  /**
   * PimTokenValidationParameters:id-token:
   *
   * Whether the token is an OpenID Connect ID token, with the claims
   * OpenID Connect Core §2 and §3.1.3.7 require of one: `sub`, a
   * non-empty string; `exp` and `iat`, whatever
   * [property@TokenValidationParameters:require-exp] and
   * [property@TokenValidationParameters:require-iat] say; and an `aud`
   * that contains [property@TokenValidationParameters:client-id], which
   * must then be set. Any other audience in `aud` must be one of
   * [property@TokenValidationParameters:audiences] (those the client
   * trusts besides itself), and
   * [property@TokenValidationParameters:skip-audience-check] cannot be
   * used with it.
   *
   * %FALSE (the default) suits JWT access tokens (RFC 9068), whose `aud`
   * names the resource server.
   *
   * Since: 0.1
   */
  properties[PROP_ID_TOKEN] = g_param_spec_boolean ("id-token", NULL, NULL, FALSE, flags);

  /**
   * PimTokenValidationParameters:at-hash-optional:
   *
   * Whether an ID token may leave `at_hash` out when
   * [property@TokenValidationParameters:access-token] is set. OpenID
   * Connect Core makes it optional in the ID token of a token endpoint
   * answer (authorization code flow, §3.1.3.8) and requires it with an
   * access token from the authorization endpoint (implicit and hybrid
   * flows, §3.2.2.9 and §3.3.2.11). When present, it must match either
   * way. %FALSE (the default) requires it.
   *
   * Since: 0.1
   */
  properties[PROP_AT_HASH_OPTIONAL] =
      g_param_spec_boolean ("at-hash-optional", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_token_validation_parameters_init (PimTokenValidationParameters *self)
{
  self->clock_skew = 60;
  self->require_exp = TRUE;
  self->require_iat = TRUE;
  self->max_age = -1;
  g_mutex_init (&self->lock);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * pim_token_validation_parameters_new:
 * @issuer: the issuer tokens must come from
 * @audience: (nullable): the audience tokens must be for
 *
 * Creates parameters with the fail-closed defaults.
 *
 * Returns: (transfer full): new parameters
 *
 * Since: 0.1
 */
PimTokenValidationParameters *
pim_token_validation_parameters_new (const char *issuer, const char *audience)
{
  const char *audiences[] = { audience, NULL };

  g_return_val_if_fail (issuer != NULL, NULL);

  return g_object_new (PIM_TYPE_TOKEN_VALIDATION_PARAMETERS, "issuer", issuer, "audiences",
                       audience != NULL ? audiences : NULL, NULL);
}

/**
 * pim_token_validation_parameters_set_claims_validator:
 * @self: parameters
 * @validator: (nullable) (scope notified) (closure user_data) (destroy destroy):
 *   the check, or %NULL for none
 * @user_data: data for @validator
 * @destroy: (nullable): frees @user_data when the validator is replaced or
 *   the parameters are finalized
 *
 * Adds a check of your own, run after every other check passed: return
 * %NULL to accept, or a reason to refuse the token with
 * %PIM_TOKEN_ERROR_REJECTED. Tokens answered from the validated-token
 * cache (see [property@TokenValidationParameters:token-cache-size]) were
 * checked when they were first validated.
 *
 * Since: 0.1
 */
void
pim_token_validation_parameters_set_claims_validator (PimTokenValidationParameters *self,
                                                      PimClaimsValidator            validator,
                                                      gpointer                      user_data,
                                                      GDestroyNotify                destroy)
{
  GDestroyNotify old_destroy;
  gpointer       old_data;

  g_return_if_fail (PIM_IS_TOKEN_VALIDATION_PARAMETERS (self));

  forget_derived (self);
  old_destroy = self->claims_validator_destroy;
  old_data = self->claims_validator_data;
  self->claims_validator = validator;
  self->claims_validator_data = user_data;
  self->claims_validator_destroy = destroy;
  if (old_destroy != NULL)
    old_destroy (old_data);
}

/**
 * pim_token_validation_parameters_clear_token_cache:
 * @self: parameters
 *
 * Forgets every token validated with these parameters (see
 * [property@TokenValidationParameters:token-cache-size]), for example
 * after learning that a key was compromised.
 *
 * Since: 0.1
 */
void
pim_token_validation_parameters_clear_token_cache (PimTokenValidationParameters *self)
{
  g_return_if_fail (PIM_IS_TOKEN_VALIDATION_PARAMETERS (self));

  g_mutex_lock (&self->lock);
  if (self->token_cache != NULL)
    pim_token_cache_clear (self->token_cache);
  g_mutex_unlock (&self->lock);
}

/**
 * pim_token_validation_parameters_get_token_cache_stats:
 * @self: parameters
 * @hits: (out) (optional): where to store how many validations the
 *   validated-token cache answered
 * @misses: (out) (optional): where to store how many validations it could
 *   not answer
 *
 * Reads the counters of the validated-token cache (see
 * [property@TokenValidationParameters:token-cache-size]) since it was last
 * emptied by a change of the parameters; both are 0 while it is off.
 *
 * Since: 0.1
 */
void
pim_token_validation_parameters_get_token_cache_stats (PimTokenValidationParameters *self,
                                                       guint64                      *hits,
                                                       guint64                      *misses)
{
  g_return_if_fail (PIM_IS_TOKEN_VALIDATION_PARAMETERS (self));

  if (hits != NULL)
    *hits = 0;
  if (misses != NULL)
    *misses = 0;
  g_mutex_lock (&self->lock);
  if (self->token_cache != NULL)
    pim_token_cache_get_stats (self->token_cache, hits, misses);
  g_mutex_unlock (&self->lock);
}

gboolean
pim_token_validation_parameters_accepts_issuer (PimTokenValidationParameters *self,
                                                const char                   *issuer)
{
  if (issuer == NULL)
    return FALSE;
  if (self->issuer != NULL && strcmp (self->issuer, issuer) == 0)
    return TRUE;
  return self->issuers != NULL && g_strv_contains ((const char *const *) self->issuers, issuer);
}

PimDiscoveryRequest *
pim_token_validation_parameters_get_request (PimTokenValidationParameters *self,
                                             const char                   *address)
{
  PimDiscoveryRequest *request;

  g_mutex_lock (&self->lock);
  request = g_hash_table_lookup (self->requests, address);
  if (request == NULL)
    {
      request = pim_discovery_request_new (address);
      if (self->discovery_policy != NULL)
        pim_discovery_request_set_policy (request, self->discovery_policy);
      g_hash_table_insert (self->requests, g_strdup (address), request);
    }
  g_object_ref (request);
  g_mutex_unlock (&self->lock);
  return request;
}

PimTokenCache *
pim_token_validation_parameters_get_token_cache (PimTokenValidationParameters *self)
{
  PimTokenCache *cache;

  if (self->token_cache_size == 0)
    return NULL;
  g_mutex_lock (&self->lock);
  if (self->token_cache == NULL)
    self->token_cache = pim_token_cache_new (self->token_cache_size);
  cache = pim_token_cache_ref (self->token_cache);
  g_mutex_unlock (&self->lock);
  return cache;
}
