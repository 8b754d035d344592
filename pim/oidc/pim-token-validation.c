/* pim-token-validation.c: the claims checks, and pim_validate_token in
 * both forms
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-base64url.h"
#include "pim-cache-private.h"
#include "pim-crypto-private.h"
#include "pim-discovery-private.h"
#include "pim-discovery.h"
#include "pim-jose-private.h"
#include "pim-jws-private.h"
#include "pim-token-error.h"
#include "pim-token-validation-private.h"

/* ---- The checks ---- */

static gboolean
claim_error (GError **error, int code, const char *claim, const char *message)
{
  /* translators: the first %s is a claim name such as “exp”, the second a
   * reason */
  g_set_error (error, PIM_TOKEN_ERROR, code, _ ("Claim “%s”: %s"), claim, message);
  return FALSE;
}

/* A NumericDate: an integer, or a number with a fraction (RFC 7519 §2). */
static gboolean
get_time (JsonObject *claims,
          const char *name,
          gboolean    required,
          gboolean   *present,
          double     *value,
          GError    **error)
{
  JsonNode *node = json_object_get_member (claims, name);
  GType     type;

  *present = node != NULL;
  if (node == NULL)
    return !required ||
           claim_error (error, PIM_TOKEN_ERROR_MISSING_CLAIM, name, _ ("required but missing"));
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return claim_error (error, PIM_TOKEN_ERROR_INVALID_CLAIM, name, _ ("not a number"));
  return TRUE;
}

static gboolean
check_times (JsonObject *claims, PimTokenValidationParameters *p, gint64 now, GError **error)
{
  double   value = 0, skew = p->clock_skew;
  gboolean present;

  if (!get_time (claims, "exp", p->require_exp || p->id_token, &present, &value, error))
    return FALSE;
  if (present && (double) now >= value + skew)
    return claim_error (error, PIM_TOKEN_ERROR_EXPIRED, "exp", _ ("the token has expired"));
  if (!get_time (claims, "nbf", p->require_nbf, &present, &value, error))
    return FALSE;
  if (present && (double) now + skew < value)
    return claim_error (error, PIM_TOKEN_ERROR_NOT_YET_VALID, "nbf",
                        _ ("the token is not valid yet"));
  if (!get_time (claims, "iat", p->require_iat || p->id_token, &present, &value, error))
    return FALSE;
  if (present && (double) now + skew < value)
    return claim_error (error, PIM_TOKEN_ERROR_ISSUED_IN_FUTURE, "iat",
                        _ ("the token was issued in the future"));
  if (p->max_age >= 0)
    {
      if (!get_time (claims, "auth_time", TRUE, &present, &value, error))
        return FALSE;
      if ((double) now > value + (double) p->max_age + skew)
        return claim_error (error, PIM_TOKEN_ERROR_AUTH_TOO_OLD, "auth_time",
                            _ ("the authentication is older than max_age allows"));
    }
  return TRUE;
}

static gboolean
check_audience (JsonObject *claims, PimTokenValidationParameters *p, GError **error)
{
  g_auto (GStrv) audiences = NULL;
  gboolean valid;

  audiences = pim_claims_audiences_of (claims, &valid);
  if (!valid)
    return claim_error (error, PIM_TOKEN_ERROR_INVALID_CLAIM, "aud",
                        _ ("not a string or a list of strings"));

  if (p->id_token)
    {
      gboolean for_client = FALSE;

      /* OpenID Connect Core §3.1.3.7: the client must be an audience, and
       * any other audience one the client trusts. */
      if (audiences == NULL)
        return claim_error (error, PIM_TOKEN_ERROR_MISSING_CLAIM, "aud",
                            _ ("required but missing"));
      for (gsize i = 0; audiences[i] != NULL; i++)
        {
          if (strcmp (audiences[i], p->client_id) == 0)
            for_client = TRUE;
          else if (p->audiences == NULL ||
                   !g_strv_contains ((const char *const *) p->audiences, audiences[i]))
            return claim_error (error, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH, "aud",
                                _ ("the token is also for an audience the client does not trust"));
        }
      if (!for_client)
        return claim_error (error, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH, "aud",
                            _ ("the token was not issued to this client"));
    }
  else if (!p->skip_audience_check)
    {
      gboolean found = FALSE;

      if (audiences == NULL)
        return claim_error (error, PIM_TOKEN_ERROR_MISSING_CLAIM, "aud",
                            _ ("required but missing"));
      for (gsize i = 0; audiences[i] != NULL && !found; i++)
        found = g_strv_contains ((const char *const *) p->audiences, audiences[i]);
      if (!found)
        return claim_error (error, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH, "aud",
                            _ ("the token is not for this audience"));
    }

  /* OpenID Connect Core §3.1.3.7: several audiences want an azp, and any
   * azp names the client. */
  if (p->client_id != NULL)
    {
      JsonNode *azp = json_object_get_member (claims, "azp");

      if (azp == NULL && audiences != NULL && g_strv_length (audiences) > 1)
        return claim_error (error, PIM_TOKEN_ERROR_AZP_MISMATCH, "azp",
                            _ ("required for a token with several audiences"));
      if (azp != NULL &&
          (!JSON_NODE_HOLDS_VALUE (azp) || json_node_get_value_type (azp) != G_TYPE_STRING ||
           strcmp (json_node_get_string (azp), p->client_id) != 0))
        return claim_error (error, PIM_TOKEN_ERROR_AZP_MISMATCH, "azp",
                            _ ("the token was issued to another client"));
    }
  return TRUE;
}

/* OpenID Connect Core §3.1.3.6 / §3.3.2.11: the left half of the hash of
 * the ASCII value, with the hash of the token's algorithm (SHA-512 for
 * EdDSA, as Ed25519 uses it). */
static gboolean
check_hash (JsonObject *claims, PimJwsAlg alg, const char *claim, const char *value, GError **error)
{
  const char      *name = pim_jws_alg_get_name (alg);
  PimDigest        digest = g_str_has_suffix (name, "384")   ? PIM_DIGEST_SHA384
                            : g_str_has_suffix (name, "256") ? PIM_DIGEST_SHA256
                                                             : PIM_DIGEST_SHA512;
  guint8           out[64];
  gsize            len = pim_crypto_digest (digest, (const guint8 *) value, strlen (value), out);
  g_autofree char *expected = pim_base64url_encode (out, len / 2);
  JsonNode        *node = json_object_get_member (claims, claim);

  if (node == NULL)
    return claim_error (error, PIM_TOKEN_ERROR_MISSING_CLAIM, claim, _ ("required but missing"));
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      strlen (json_node_get_string (node)) != strlen (expected) ||
      !pim_crypto_equal (json_node_get_string (node), expected, strlen (expected)))
    return claim_error (error, PIM_TOKEN_ERROR_HASH_MISMATCH, claim,
                        _ ("does not match the token or code it was issued with"));
  return TRUE;
}

/* OpenID Connect Core §2: an ID token's `sub` is a non-empty string. */
static gboolean
check_subject (JsonObject *claims, GError **error)
{
  JsonNode *node = json_object_get_member (claims, "sub");

  if (node == NULL)
    return claim_error (error, PIM_TOKEN_ERROR_MISSING_CLAIM, "sub", _ ("required but missing"));
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      *json_node_get_string (node) == '\0')
    return claim_error (error, PIM_TOKEN_ERROR_INVALID_CLAIM, "sub", _ ("not a non-empty string"));
  return TRUE;
}

static gboolean
type_matches (const char *typ, const char *expected)
{
  /* RFC 7515 §4.1.9: "application/" may be left out, and case is not
   * significant. */
  if (typ != NULL && g_ascii_strncasecmp (typ, "application/", 12) == 0)
    typ += 12;
  if (g_ascii_strncasecmp (expected, "application/", 12) == 0)
    expected += 12;
  return typ != NULL && g_ascii_strcasecmp (typ, expected) == 0;
}

gboolean
pim_token_check_claims (PimJwt *jwt, PimTokenValidationParameters *p, gint64 now, GError **error)
{
  JsonObject *claims = pim_jwt_get_claims (jwt);
  PimJws     *jws = pim_jwt_get_jws (jwt);
  const char *iss;

  if (p->expected_type != NULL && !type_matches (pim_jws_get_media_type (jws), p->expected_type))
    {
      g_set_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_TYPE_MISMATCH,
                   /* translators: %s is a media type such as “at+jwt” */
                   _ ("The token's type is not “%s”"), p->expected_type);
      return FALSE;
    }

  iss = pim_jwt_get_string_claim (jwt, "iss");
  if (iss == NULL)
    return claim_error (error,
                        json_object_has_member (claims, "iss") ? PIM_TOKEN_ERROR_INVALID_CLAIM
                                                               : PIM_TOKEN_ERROR_MISSING_CLAIM,
                        "iss", _ ("required but missing or not a string"));
  if (!pim_token_validation_parameters_accepts_issuer (p, iss))
    return claim_error (error, PIM_TOKEN_ERROR_ISSUER_MISMATCH, "iss",
                        _ ("the token is from another issuer"));

  if (p->id_token && !check_subject (claims, error))
    return FALSE;
  if (!check_audience (claims, p, error) || !check_times (claims, p, now, error))
    return FALSE;

  if (p->nonce != NULL)
    {
      const char *nonce = pim_jwt_get_string_claim (jwt, "nonce");

      if (nonce == NULL)
        return claim_error (error, PIM_TOKEN_ERROR_MISSING_CLAIM, "nonce",
                            _ ("required but missing"));
      if (strlen (nonce) != strlen (p->nonce) ||
          !pim_crypto_equal (nonce, p->nonce, strlen (nonce)))
        return claim_error (error, PIM_TOKEN_ERROR_NONCE_MISMATCH, "nonce",
                            _ ("not the nonce of the request"));
    }

  for (gsize i = 0; p->required_claims != NULL && p->required_claims[i] != NULL; i++)
    if (!json_object_has_member (claims, p->required_claims[i]))
      return claim_error (error, PIM_TOKEN_ERROR_MISSING_CLAIM, p->required_claims[i],
                          _ ("required but missing"));

  if (p->access_token != NULL &&
      (!p->at_hash_optional || json_object_has_member (claims, "at_hash")) &&
      !check_hash (claims, pim_jws_get_alg (jws), "at_hash", p->access_token, error))
    return FALSE;
  if (p->code != NULL && !check_hash (claims, pim_jws_get_alg (jws), "c_hash", p->code, error))
    return FALSE;
  return TRUE;
}

GStrv
pim_token_allowed_algorithms (PimTokenValidationParameters *p, const char *const *advertised)
{
  static const char *const asymmetric[] = { "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                                            "ES256", "ES384", "ES512", "EdDSA", NULL };
  g_autoptr (GStrvBuilder) builder = NULL;

  if (p->allowed_algorithms != NULL)
    return g_strdupv (p->allowed_algorithms);
  if (advertised == NULL)
    return g_strdupv ((GStrv) asymmetric);
  builder = g_strv_builder_new ();
  for (gsize i = 0; advertised[i] != NULL; i++)
    if (g_strv_contains (asymmetric, advertised[i]))
      g_strv_builder_add (builder, advertised[i]);
  return g_strv_builder_end (builder);
}

/* ---- Validation ---- */

static gboolean
check_parameters (PimTokenValidationParameters *p, GError **error)
{
  static gsize logged = 0;

  if (p->issuer == NULL && (p->issuers == NULL || p->issuers[0] == NULL))
    {
      g_set_error_literal (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_PARAMETERS,
                           _ ("No issuer is set to validate against"));
      return FALSE;
    }
  if (p->id_token && (p->client_id == NULL || *p->client_id == '\0'))
    {
      g_set_error_literal (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_PARAMETERS,
                           _ ("An ID token is validated for a client: set “client-id”"));
      return FALSE;
    }
  if (p->id_token && p->skip_audience_check)
    {
      g_set_error_literal (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_PARAMETERS,
                           _ ("The audience of an ID token is always checked: "
                              "“skip-audience-check” cannot be used with “id-token”"));
      return FALSE;
    }
  if (!p->id_token && !p->skip_audience_check && (p->audiences == NULL || p->audiences[0] == NULL))
    {
      g_set_error_literal (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_PARAMETERS,
                           _ ("No audience is set; set one, or opt out with "
                              "“skip-audience-check”"));
      return FALSE;
    }
  if (p->skip_audience_check && g_once_init_enter (&logged))
    {
      pim_log_message ("Token audience checks are disabled by “skip-audience-check”");
      g_once_init_leave (&logged, 1);
    }
  return TRUE;
}

static gint64
now_for (PimTokenValidationParameters *p)
{
  return p->current_time != 0 ? p->current_time : g_get_real_time () / G_USEC_PER_SEC;
}

/* An unknown kid, or a signature no cached key verifies, may mean the
 * provider rotated its keys since they were cached. */
static gboolean
may_be_rotation (const GError *error)
{
  return g_error_matches (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_NOT_FOUND) ||
         g_error_matches (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_INVALID_SIGNATURE);
}

/* After the keys are known: verify, check the claims, then the caller's
 * own check. */
static PimClaims *
finish_validation (PimJwt                       *jwt,
                   PimJwkSet                    *keys,
                   const char *const            *advertised,
                   PimTokenValidationParameters *p,
                   GError                      **error)
{
  g_auto (GStrv) allowed = pim_token_allowed_algorithms (p, advertised);
  g_autoptr (PimJwk) key = pim_jwt_verify (jwt, keys, (const char *const *) allowed, error);
  g_autoptr (PimClaims) claims = NULL;

  if (key == NULL || !pim_token_check_claims (jwt, p, now_for (p), error))
    return NULL;
  claims = pim_claims_new (jwt);
  if (p->claims_validator != NULL)
    {
      g_autofree char *reason = p->claims_validator (claims, p->claims_validator_data);

      if (reason != NULL)
        {
          g_set_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_REJECTED,
                       /* translators: %s is the reason an application gave */
                       _ ("The token was refused: %s"), reason);
          return NULL;
        }
    }
  return g_steal_pointer (&claims);
}

/* What validating one token needs besides the network: shared by both
 * forms. */
typedef struct
{
  PimJwt                       *jwt;
  PimTokenValidationParameters *parameters;
  PimHttpClient                *client;
  PimTokenCache                *cache;
  const char                   *trust;
  guint                         generation;
  char                         *token;
  PimDiscoveryRequest          *request;
  PimDiscoveryDocument         *document;
  gboolean                      refreshed;
} Validation;

static void
validation_free (Validation *v)
{
  g_clear_object (&v->jwt);
  g_clear_object (&v->parameters);
  g_clear_object (&v->client);
  g_clear_pointer (&v->cache, pim_token_cache_unref);
  g_free (v->token);
  g_clear_object (&v->request);
  g_clear_object (&v->document);
  g_free (v);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Validation, validation_free)

/* Everything before the keys: the parameters, the token's form, the
 * validated-token cache and the issuer. Returns the validation to go on
 * with, or NULL with either *@out_claims (a cached verdict) or @error
 * set. @client is the caller's, or the default of the form in use. */
static Validation *
validation_begin (const char                   *token,
                  PimTokenValidationParameters *p,
                  PimHttpClient                *client,
                  PimClaims                   **out_claims,
                  GError                      **error)
{
  g_autoptr (Validation) v = NULL;
  const char *iss;

  *out_claims = NULL;
  if (!check_parameters (p, error))
    return NULL;
  v = g_new0 (Validation, 1);
  v->parameters = g_object_ref (p);
  v->client = g_object_ref (client);
  v->trust = p->key_set != NULL ? "" : pim_cache_trust_key (client);
  v->cache = pim_token_validation_parameters_get_token_cache (p);
  if (v->cache != NULL &&
      (*out_claims = pim_token_cache_lookup (v->cache, token, v->trust, now_for (p))) != NULL)
    return NULL;
  v->generation = pim_token_cache_get_generation ();
  if ((v->jwt = pim_jwt_parse (token, error)) == NULL)
    return NULL;
  if (v->cache != NULL)
    v->token = g_strdup (token);
  if (p->key_set != NULL)
    return g_steal_pointer (&v);

  /* The issuer is pinned before anything is fetched: a token cannot send
   * Pim to a provider the parameters do not name. */
  iss = pim_jwt_get_string_claim (v->jwt, "iss");
  if (!pim_token_validation_parameters_accepts_issuer (p, iss))
    {
      claim_error (error,
                   iss == NULL ? PIM_TOKEN_ERROR_MISSING_CLAIM : PIM_TOKEN_ERROR_ISSUER_MISMATCH,
                   "iss",
                   iss == NULL ? _ ("required but missing or not a string")
                               : _ ("the token is from another issuer"));
      return NULL;
    }
  v->request = pim_token_validation_parameters_get_request (p, p->discovery_address != NULL
                                                                   ? p->discovery_address
                                                                   : iss);
  return g_steal_pointer (&v);
}

/* The discovered document must be the token's issuer's (it names the
 * issuer it was asked for; with a discovery address, that may be another
 * accepted issuer). */
static gboolean
validation_check_document (Validation *v, GError **error)
{
  if (g_strcmp0 (pim_discovery_document_get_issuer (v->document),
                 pim_jwt_get_string_claim (v->jwt, "iss")) != 0)
    return claim_error (error, PIM_TOKEN_ERROR_ISSUER_MISMATCH, "iss",
                        _ ("the token is not from the discovered issuer"));
  return TRUE;
}

static PimClaims *
validation_verify (Validation *v, PimJwkSet *keys, GError **error)
{
  const char *const *advertised = NULL;

  if (v->document != NULL)
    advertised = pim_discovery_document_get_id_token_signing_alg_values_supported (v->document);
  return finish_validation (v->jwt, keys, advertised, v->parameters, error);
}

/* Remembers a valid token's verdict, if the cache is on and the token
 * expires. */
static void
validation_remember (Validation *v, PimClaims *claims)
{
  gint64 exp;

  if (v->cache != NULL && pim_jwt_get_int_claim (v->jwt, "exp", &exp))
    pim_token_cache_insert (v->cache, v->token, v->trust, claims, exp, v->generation);
}

/**
 * pim_validate_token:
 * @token: a JWT, such as an ID token or a JWT access token
 * @parameters: what the token must be
 * @client: (nullable): the HTTP client for discovery, or %NULL for the
 *   calling thread's default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Validates a token: parses it strictly, checks that its issuer is an
 * accepted one, finds that issuer's keys (from discovery, unless the
 * parameters give a key set), verifies the signature with an allowed
 * algorithm, and checks the claims: `iss`, `aud`, `exp`, `nbf`, `iat`, and
 * as the parameters ask `typ`, `sub` (of an ID token), `nonce`, `azp`,
 * `auth_time`, `at_hash`, `c_hash`, required claims and the application's
 * own check.
 *
 * A token whose key is not in the cached key set, or whose signature the
 * cached keys do not verify, makes the key set be fetched once more (at
 * most every 5 seconds per key set) before it is refused: providers
 * rotate keys.
 *
 * Possible error domains include [error@TokenError] (the claims),
 * [error@JoseError] (the token and its signature), [error@DiscoveryError]
 * and [error@HttpError].
 *
 * Returns: (transfer full): the claims of the valid token, or %NULL with
 *   @error set
 *
 * Since: 0.1
 */
PimClaims *
pim_validate_token (const char                   *token,
                    PimTokenValidationParameters *parameters,
                    PimHttpClient                *client,
                    GCancellable                 *cancellable,
                    GError                      **error)
{
  g_autoptr (Validation) v = NULL;
  g_autoptr (PimJwkSet) keys = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *jwks_uri;
  PimClaims  *claims = NULL;

  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (PIM_IS_TOKEN_VALIDATION_PARAMETERS (parameters), NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (client == NULL)
    client = pim_http_client_get_thread_default ();
  v = validation_begin (token, parameters, client, &claims, error);
  if (v == NULL)
    return claims;
  if (parameters->key_set != NULL)
    {
      claims = validation_verify (v, parameters->key_set, error);
      if (claims != NULL)
        validation_remember (v, claims);
      return claims;
    }

  v->document = pim_get_discovery_document (v->request, client, cancellable, error);
  if (v->document == NULL || !validation_check_document (v, error))
    return NULL;
  jwks_uri = pim_discovery_document_get_jwks_uri (v->document);
  keys = pim_get_jwks (jwks_uri, client, cancellable, error);
  if (keys == NULL)
    return NULL;
  claims = validation_verify (v, keys, &local_error);
  if (claims == NULL && may_be_rotation (local_error) &&
      (pim_jwks_cache_invalidate (jwks_uri, client) ||
       pim_jwks_cache_has_newer (jwks_uri, client, keys)))
    {
      /* The provider may have rotated its keys: fetch them once more, or
       * take what another caller's refresh brings. */
      g_clear_error (&local_error);
      g_clear_object (&keys);
      keys = pim_get_jwks (jwks_uri, client, cancellable, error);
      if (keys == NULL)
        return NULL;
      claims = validation_verify (v, keys, &local_error);
    }
  if (claims == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  validation_remember (v, claims);
  return claims;
}

static void
return_claims (GTask *task, PimClaims *claims, GError *error)
{
  if (claims == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, claims, g_object_unref);
}

static void
on_jwks (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Validation *v = g_task_get_task_data (task);
  g_autoptr (PimJwkSet) keys = NULL;
  const char *jwks_uri = pim_discovery_document_get_jwks_uri (v->document);
  PimClaims  *claims = NULL;
  GError     *error = NULL;

  keys = pim_get_jwks_finish (result, &error);
  if (keys != NULL)
    claims = validation_verify (v, keys, &error);
  if (claims == NULL && !v->refreshed && may_be_rotation (error) &&
      (pim_jwks_cache_invalidate (jwks_uri, v->client) ||
       pim_jwks_cache_has_newer (jwks_uri, v->client, keys)))
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      /* The provider may have rotated its keys: fetch them once more, or
       * take what another caller's refresh brings. */
      g_clear_error (&error);
      v->refreshed = TRUE;
      pim_get_jwks_async (jwks_uri, v->client, cancellable, on_jwks, g_steal_pointer (&task));
      return;
    }
  if (claims != NULL)
    validation_remember (v, claims);
  return_claims (task, claims, error);
}

static void
on_discovery (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Validation   *v = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError       *error = NULL;

  v->document = pim_get_discovery_document_finish (result, &error);
  if (v->document == NULL || !validation_check_document (v, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Read before the task is handed on: argument order is unspecified. */
  cancellable = g_task_get_cancellable (task);
  pim_get_jwks_async (pim_discovery_document_get_jwks_uri (v->document), v->client, cancellable,
                      on_jwks, g_steal_pointer (&task));
}

/**
 * pim_validate_token_async:
 * @token: a JWT
 * @parameters: what the token must be
 * @client: (nullable): the HTTP client for discovery, or %NULL for the
 *   process-wide default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Validates a token, as [func@validate_token] does, without blocking.
 * @callback runs on the calling thread's thread-default main context; call
 * [func@validate_token_finish] in it.
 *
 * Since: 0.1
 */
void
pim_validate_token_async (const char                   *token,
                          PimTokenValidationParameters *parameters,
                          PimHttpClient                *client,
                          GCancellable                 *cancellable,
                          GAsyncReadyCallback           callback,
                          gpointer                      user_data)
{
  g_autoptr (GTask) task = NULL;
  Validation *v;
  PimClaims  *claims = NULL;
  GError     *error = NULL;

  g_return_if_fail (token != NULL);
  g_return_if_fail (PIM_IS_TOKEN_VALIDATION_PARAMETERS (parameters));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_validate_token_async));
  if (client == NULL)
    client = pim_http_client_get_shared_default ();
  v = validation_begin (token, parameters, client, &claims, &error);
  if (v == NULL)
    {
      return_claims (task, claims, error);
      return;
    }
  g_task_set_task_data (task, v, (GDestroyNotify) validation_free);
  if (parameters->key_set != NULL)
    {
      claims = validation_verify (v, parameters->key_set, &error);
      if (claims != NULL)
        validation_remember (v, claims);
      return_claims (task, claims, error);
      return;
    }
  pim_get_discovery_document_async (v->request, client, cancellable, on_discovery,
                                    g_steal_pointer (&task));
}

/**
 * pim_validate_token_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@validate_token_async].
 *
 * Returns: (transfer full): the claims of the valid token, or %NULL with
 *   @error set
 *
 * Since: 0.1
 */
PimClaims *
pim_validate_token_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            PIM_SOURCE_TAG (pim_validate_token_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
