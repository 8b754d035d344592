/* pim-token-validation.c: PimClaims, the claims checks, and
 * pim_validate_token in both forms
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-base64url.h"
#include "pim-crypto-private.h"
#include "pim-discovery-private.h"
#include "pim-discovery.h"
#include "pim-jose-private.h"
#include "pim-jws-private.h"
#include "pim-token-error.h"
#include "pim-token-validation-private.h"

/* ---- PimClaims ---- */

/**
 * PimClaims:
 *
 * The claims of a token that passed [func@validate_token]: its signature
 * verified and its claims checked. There is no way to make one from an
 * unverified token.
 *
 * Since: 0.1
 */

struct _PimClaims
{
  GObject parent_instance;

  PimJwt *jwt;
};

G_DEFINE_FINAL_TYPE (PimClaims, pim_claims, G_TYPE_OBJECT)

static void
pim_claims_finalize (GObject *object)
{
  g_clear_object (&PIM_CLAIMS (object)->jwt);

  G_OBJECT_CLASS (pim_claims_parent_class)->finalize (object);
}

static void
pim_claims_class_init (PimClaimsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pim_claims_finalize;
}

static void
pim_claims_init (PimClaims *self)
{
}

PimClaims *
pim_claims_new (PimJwt *jwt)
{
  PimClaims *self = g_object_new (PIM_TYPE_CLAIMS, NULL);

  self->jwt = g_object_ref (jwt);
  return self;
}

/**
 * pim_claims_get_jwt:
 * @self: claims
 *
 * Gets the validated token.
 *
 * Returns: (transfer none): the token
 *
 * Since: 0.1
 */
PimJwt *
pim_claims_get_jwt (PimClaims *self)
{
  g_return_val_if_fail (PIM_IS_CLAIMS (self), NULL);
  return self->jwt;
}

/**
 * pim_claims_get_json:
 * @self: claims
 *
 * Gets every claim, as the token carried them.
 *
 * Returns: (transfer none): the claims
 *
 * Since: 0.1
 */
JsonObject *
pim_claims_get_json (PimClaims *self)
{
  g_return_val_if_fail (PIM_IS_CLAIMS (self), NULL);
  return pim_jwt_get_claims (self->jwt);
}

/**
 * pim_claims_get_string:
 * @self: claims
 * @name: a claim name
 *
 * Gets a claim that is a string.
 *
 * Returns: (nullable): the value, or %NULL if missing or not a string
 *
 * Since: 0.1
 */
const char *
pim_claims_get_string (PimClaims *self, const char *name)
{
  g_return_val_if_fail (PIM_IS_CLAIMS (self), NULL);
  return pim_jwt_get_string_claim (self->jwt, name);
}

/**
 * pim_claims_get_int:
 * @self: claims
 * @name: a claim name
 * @value: (out) (optional): the value
 *
 * Gets a claim that is an integer.
 *
 * Returns: whether the claim is present and an integer
 *
 * Since: 0.1
 */
gboolean
pim_claims_get_int (PimClaims *self, const char *name, gint64 *value)
{
  g_return_val_if_fail (PIM_IS_CLAIMS (self), FALSE);
  return pim_jwt_get_int_claim (self->jwt, name, value);
}

/**
 * pim_claims_get_issuer:
 * @self: claims
 *
 * Gets `iss`.
 *
 * Returns: the issuer
 *
 * Since: 0.1
 */
const char *
pim_claims_get_issuer (PimClaims *self)
{
  return pim_claims_get_string (self, "iss");
}

/**
 * pim_claims_get_subject:
 * @self: claims
 *
 * Gets `sub`.
 *
 * Returns: (nullable): the subject
 *
 * Since: 0.1
 */
const char *
pim_claims_get_subject (PimClaims *self)
{
  return pim_claims_get_string (self, "sub");
}

/* `aud` is a string or an array of strings (RFC 7519 §4.1.3). */
static GStrv
audiences_of (JsonObject *claims, gboolean *valid)
{
  JsonNode *node = json_object_get_member (claims, "aud");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  *valid = TRUE;
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_strv_builder_add (builder, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            {
              *valid = FALSE;
              return NULL;
            }
          g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  else
    {
      *valid = FALSE;
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/**
 * pim_claims_dup_audiences:
 * @self: claims
 *
 * Gets `aud` as a list, whether the token carried one string or several.
 *
 * Returns: (transfer full) (nullable) (array zero-terminated=1): the
 *   audiences, or %NULL if the token has none
 *
 * Since: 0.1
 */
GStrv
pim_claims_dup_audiences (PimClaims *self)
{
  gboolean valid;

  g_return_val_if_fail (PIM_IS_CLAIMS (self), NULL);
  return audiences_of (pim_jwt_get_claims (self->jwt), &valid);
}

/**
 * pim_claims_get_expiration:
 * @self: claims
 *
 * Gets `exp`.
 *
 * Returns: the expiry in Unix seconds, or 0 if the token has none
 *
 * Since: 0.1
 */
gint64
pim_claims_get_expiration (PimClaims *self)
{
  gint64 value = 0;

  pim_claims_get_int (self, "exp", &value);
  return value;
}

/**
 * pim_claims_get_issued_at:
 * @self: claims
 *
 * Gets `iat`.
 *
 * Returns: the issue time in Unix seconds, or 0 if the token has none
 *
 * Since: 0.1
 */
gint64
pim_claims_get_issued_at (PimClaims *self)
{
  gint64 value = 0;

  pim_claims_get_int (self, "iat", &value);
  return value;
}

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

  if (!get_time (claims, "exp", p->require_exp, &present, &value, error))
    return FALSE;
  if (present && (double) now >= value + skew)
    return claim_error (error, PIM_TOKEN_ERROR_EXPIRED, "exp", _ ("the token has expired"));
  if (!get_time (claims, "nbf", p->require_nbf, &present, &value, error))
    return FALSE;
  if (present && (double) now + skew < value)
    return claim_error (error, PIM_TOKEN_ERROR_NOT_YET_VALID, "nbf",
                        _ ("the token is not valid yet"));
  if (!get_time (claims, "iat", p->require_iat, &present, &value, error))
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

  audiences = audiences_of (claims, &valid);
  if (!valid)
    return claim_error (error, PIM_TOKEN_ERROR_INVALID_CLAIM, "aud",
                        _ ("not a string or a list of strings"));

  if (!p->skip_audience_check)
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
  if (strcmp (iss, p->issuer) != 0)
    return claim_error (error, PIM_TOKEN_ERROR_ISSUER_MISMATCH, "iss",
                        _ ("the token is from another issuer"));

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

  if (p->issuer == NULL)
    {
      g_set_error_literal (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_PARAMETERS,
                           _ ("No issuer is set to validate against"));
      return FALSE;
    }
  if (!p->skip_audience_check && (p->audiences == NULL || p->audiences[0] == NULL))
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

/* After the keys are known: verify, then check the claims. */
static PimClaims *
finish_validation (PimJwt                       *jwt,
                   PimJwkSet                    *keys,
                   const char *const            *advertised,
                   PimTokenValidationParameters *p,
                   GError                      **error)
{
  g_auto (GStrv) allowed = pim_token_allowed_algorithms (p, advertised);
  g_autoptr (PimJwk) key = pim_jwt_verify (jwt, keys, (const char *const *) allowed, error);

  if (key == NULL || !pim_token_check_claims (jwt, p, now_for (p), error))
    return NULL;
  return pim_claims_new (jwt);
}

static PimDiscoveryRequest *
discovery_request_for (PimTokenValidationParameters *p)
{
  PimDiscoveryRequest *request = pim_discovery_request_new (p->issuer);

  if (p->discovery_policy != NULL)
    pim_discovery_request_set_policy (request, p->discovery_policy);
  return request;
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
 * Validates a token: parses it strictly, finds the issuer's keys (from
 * discovery, unless the parameters give a key set), verifies the signature
 * with an allowed algorithm, and checks the claims: `iss`, `aud`, `exp`,
 * `nbf`, `iat`, and as the parameters ask `typ`, `nonce`, `azp`,
 * `auth_time`, `at_hash`, `c_hash` and required claims.
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
  g_autoptr (PimJwt) jwt = NULL;
  g_autoptr (PimDiscoveryDocument) document = NULL;
  g_autoptr (PimDiscoveryRequest) request = NULL;
  g_autoptr (PimJwkSet) keys = NULL;
  g_autoptr (GError) local_error = NULL;
  const char        *jwks_uri;
  const char *const *advertised;
  PimClaims         *claims;

  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (PIM_IS_TOKEN_VALIDATION_PARAMETERS (parameters), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_parameters (parameters, error) || (jwt = pim_jwt_parse (token, error)) == NULL)
    return NULL;
  if (parameters->key_set != NULL)
    return finish_validation (jwt, parameters->key_set, NULL, parameters, error);

  request = discovery_request_for (parameters);
  document = pim_get_discovery_document (request, client, cancellable, error);
  if (document == NULL)
    return NULL;
  jwks_uri = pim_discovery_document_get_jwks_uri (document);
  keys = pim_get_jwks (jwks_uri, client, cancellable, error);
  if (keys == NULL)
    return NULL;
  advertised = pim_discovery_document_get_id_token_signing_alg_values_supported (document);
  claims = finish_validation (jwt, keys, advertised, parameters, &local_error);
  if (claims == NULL && may_be_rotation (local_error) &&
      pim_jwks_cache_invalidate (jwks_uri, client, FALSE))
    {
      /* The provider may have rotated its keys: fetch them once more. */
      g_clear_error (&local_error);
      g_clear_object (&keys);
      keys = pim_get_jwks (jwks_uri, client, cancellable, error);
      if (keys == NULL)
        return NULL;
      claims = finish_validation (jwt, keys, advertised, parameters, &local_error);
    }
  if (claims == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return claims;
}

typedef struct
{
  PimJwt                       *jwt;
  PimTokenValidationParameters *parameters;
  PimHttpClient                *client;
  PimDiscoveryDocument         *document;
  gboolean                      refreshed;
} ValidateData;

static void
validate_data_free (ValidateData *data)
{
  g_clear_object (&data->jwt);
  g_clear_object (&data->parameters);
  g_clear_object (&data->client);
  g_clear_object (&data->document);
  g_free (data);
}

static void
on_jwks (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ValidateData *data = g_task_get_task_data (task);
  g_autoptr (PimJwkSet) keys = NULL;
  const char *jwks_uri = pim_discovery_document_get_jwks_uri (data->document);
  PimClaims  *claims = NULL;
  GError     *error = NULL;

  keys = pim_get_jwks_finish (result, &error);
  if (keys != NULL)
    claims = finish_validation (data->jwt, keys,
                                pim_discovery_document_get_id_token_signing_alg_values_supported (
                                    data->document),
                                data->parameters, &error);
  if (claims == NULL && !data->refreshed && may_be_rotation (error) &&
      pim_jwks_cache_invalidate (jwks_uri, data->client, TRUE))
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      /* The provider may have rotated its keys: fetch them once more. */
      g_clear_error (&error);
      data->refreshed = TRUE;
      pim_get_jwks_async (jwks_uri, data->client, cancellable, on_jwks, g_steal_pointer (&task));
      return;
    }
  if (claims == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, claims, g_object_unref);
}

static void
on_discovery (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ValidateData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError       *error = NULL;

  data->document = pim_get_discovery_document_finish (result, &error);
  if (data->document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Read before the task is handed on: argument order is unspecified. */
  cancellable = g_task_get_cancellable (task);
  pim_get_jwks_async (pim_discovery_document_get_jwks_uri (data->document), data->client,
                      cancellable, on_jwks, g_steal_pointer (&task));
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
  g_autoptr (PimDiscoveryRequest) request = NULL;
  ValidateData *data;
  PimClaims    *claims;
  GError       *error = NULL;

  g_return_if_fail (token != NULL);
  g_return_if_fail (PIM_IS_TOKEN_VALIDATION_PARAMETERS (parameters));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_validate_token_async));
  data = g_new0 (ValidateData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) validate_data_free);

  if (!check_parameters (parameters, &error) || (data->jwt = pim_jwt_parse (token, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->parameters = g_object_ref (parameters);
  data->client = client != NULL ? g_object_ref (client) : NULL;
  if (parameters->key_set != NULL)
    {
      claims = finish_validation (data->jwt, parameters->key_set, NULL, parameters, &error);
      if (claims == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, claims, g_object_unref);
      return;
    }
  request = discovery_request_for (parameters);
  pim_get_discovery_document_async (request, client, cancellable, on_discovery,
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
