/* pim-dpop-key.c: PimDPoPKey
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-base64url.h"
#include "pim-crypto-private.h"
#include "pim-dpop-key-private.h"
#include "pim-dpop-proof-validator-private.h"
#include "pim-json-private.h"
#include "pim-jwk-private.h"
#include "pim-jwt.h"
#include "pim-oauth-private.h"

/**
 * PimDPoPKey:
 *
 * A key that proves possession of DPoP-bound tokens (RFC 9449): the
 * client signs a short-lived JWT, the DPoP proof, for each request to the
 * token endpoint and to resource servers, and the provider binds the
 * tokens it issues to the key's RFC 7638 thumbprint
 * ([method@DPoPKey.get_thumbprint], the `jkt`). A stolen DPoP-bound token
 * is useless without the private key.
 *
 * Make a key with [ctor@DPoPKey.new_generate] (ES256 by default), save it
 * with [method@DPoPKey.to_jwk] (the private JWK: keep it as secret as a
 * client secret, e.g. in a file of mode 0600) and load it after a restart
 * with [ctor@DPoPKey.new_from_jwk] or [ctor@DPoPKey.new_from_pem]: tokens
 * bound to a key are usable only with that key, refresh tokens included.
 * Only asymmetric algorithms are possible: `ES256`, `ES384`, `ES512`,
 * `RS256`, `RS384`, `RS512`, `PS256`, `PS384`, `PS512` and `EdDSA`
 * (Ed25519).
 *
 * Set the key as [property@OAuthRequest:dpop-key] of token requests and
 * UserInfo requests and Pim sends the proofs, retries once when the
 * server demands a nonce (`use_dpop_nonce`), and remembers the last nonce
 * of each server (origin) for the next proof. For requests of its own to a
 * resource server, a caller signs a #SoupMessage with
 * [method@DPoPKey.sign_message] and, after the answer, passes it to
 * [method@DPoPKey.remember_nonce], which says when to send it again.
 *
 * ```python
 * key = Pim.DPoPKey.new_generate(None)
 * request = Pim.ClientCredentialsTokenRequest(
 *     address=token_endpoint, client_id='service', client_secret=secret,
 *     dpop_key=key)
 * token = Pim.request_token(request, None, None)
 * assert token.get_token_type() == 'DPoP'
 * ```
 *
 * A key is immutable but for its nonce cache, and may be used from
 * several threads at once. An object made with g_object_new() instead of
 * a constructor has no key, and every proof it is asked for fails.
 *
 * Since: 0.1
 */

struct _PimDPoPKey
{
  GObject parent_instance;

  PimJwk     *key; /* private, restricted to alg, without kid */
  char       *alg;
  JsonObject *public_jwk; /* kty and the public key members only */

  GMutex      lock;
  GHashTable *nonces; /* origin → last nonce */
  gint64      fixed_iat;
};

enum
{
  PROP_0,
  PROP_ALG,
  PROP_THUMBPRINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimDPoPKey, pim_dpop_key, G_TYPE_OBJECT)

static void
pim_dpop_key_finalize (GObject *object)
{
  PimDPoPKey *self = PIM_DPOP_KEY (object);

  g_clear_object (&self->key);
  g_free (self->alg);
  g_clear_pointer (&self->public_jwk, json_object_unref);
  g_hash_table_unref (self->nonces);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pim_dpop_key_parent_class)->finalize (object);
}

static void
pim_dpop_key_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PimDPoPKey *self = PIM_DPOP_KEY (object);

  switch (prop_id)
    {
    case PROP_ALG:
      g_value_set_string (value, pim_dpop_key_get_alg (self));
      break;
    case PROP_THUMBPRINT:
      g_value_set_string (value, pim_dpop_key_get_thumbprint (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_dpop_key_class_init (PimDPoPKeyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_dpop_key_finalize;
  object_class->get_property = pim_dpop_key_get_property;

  /**
   * PimDPoPKey:alg: (getter get_alg)
   *
   * The algorithm of the proofs, such as `ES256`.
   *
   * Since: 0.1
   */
  properties[PROP_ALG] = g_param_spec_string ("alg", NULL, NULL, NULL, flags);

  /**
   * PimDPoPKey:thumbprint: (getter get_thumbprint)
   *
   * The RFC 7638 thumbprint of the public key (SHA-256, base64url): the
   * `jkt` that DPoP-bound tokens carry in their `cnf` claim.
   *
   * Since: 0.1
   */
  properties[PROP_THUMBPRINT] = g_param_spec_string ("thumbprint", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_dpop_key_init (PimDPoPKey *self)
{
  g_mutex_init (&self->lock);
  self->nonces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ---- Keys ---- */

static gboolean
alg_is_allowed (PimJwsAlg alg)
{
  switch (alg)
    {
    case PIM_JWS_ALG_RS256:
    case PIM_JWS_ALG_RS384:
    case PIM_JWS_ALG_RS512:
    case PIM_JWS_ALG_PS256:
    case PIM_JWS_ALG_PS384:
    case PIM_JWS_ALG_PS512:
    case PIM_JWS_ALG_ES256:
    case PIM_JWS_ALG_ES384:
    case PIM_JWS_ALG_ES512:
    case PIM_JWS_ALG_EDDSA:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
check_alg (const char *alg, GError **error)
{
  if (alg != NULL && g_ascii_strcasecmp (alg, "none") == 0)
    {
      g_set_error_literal (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_ALG_NONE,
                           _ ("A DPoP proof cannot be unsigned"));
      return FALSE;
    }
  if (alg == NULL || !alg_is_allowed (pim_jws_alg_from_name (alg)))
    {
      g_autofree char *shown = pim_oauth_sanitize_text (alg);

      g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_UNSUPPORTED_ALG,
                   /* translators: %s is a JWS algorithm name such as “HS256” */
                   _ ("“%s” is not an algorithm for DPoP proofs: use an asymmetric one "
                      "such as ES256"),
                   shown != NULL ? shown : "");
      return FALSE;
    }
  return TRUE;
}

/* A key from @loaded: private, asymmetric, strong enough, fit for @alg
 * (NULL: its own "alg", else its type's default). Only the key members and
 * the algorithm are kept. */
static PimDPoPKey *
key_new (PimJwk *loaded, const char *alg, GError **error)
{
  g_autoptr (PimDPoPKey) self = NULL;
  g_autoptr (JsonObject) members = json_object_new ();
  PimCryptoKey *crypto = pim_jwk_get_crypto_key (loaded);

  if (g_strcmp0 (pim_jwk_get_key_type (loaded), "oct") == 0)
    {
      g_set_error_literal (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH,
                           _ ("A DPoP key must be asymmetric, not a shared secret"));
      return NULL;
    }
  if (!pim_jwk_is_private (loaded))
    {
      g_set_error_literal (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH,
                           _ ("A DPoP key needs its private part"));
      return NULL;
    }
  if (alg == NULL)
    alg = pim_jwk_get_signing_algorithm (loaded);
  if (!check_alg (alg, error) ||
      !pim_jwk_check_algorithm (loaded, pim_jws_alg_from_name (alg), TRUE, error))
    return NULL;
  if (g_strcmp0 (pim_jwk_get_key_type (loaded), "RSA") == 0 &&
      pim_jwk_get_size (loaded) < PIM_CRYPTO_MIN_RSA_BITS)
    {
      g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_WEAK_KEY,
                   _ ("An RSA key for DPoP needs at least %u bits"), PIM_CRYPTO_MIN_RSA_BITS);
      return NULL;
    }

  self = g_object_new (PIM_TYPE_DPOP_KEY, NULL);
  self->alg = g_strdup (alg);
  self->public_jwk = json_object_new ();
  pim_crypto_key_export_jwk (crypto, FALSE, self->public_jwk);
  pim_crypto_key_export_jwk (crypto, TRUE, members);
  json_object_set_string_member (members, "alg", alg);
  self->key = pim_jwk_new_from_object_internal (members, error);
  if (self->key == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * pim_dpop_key_new_generate:
 * @alg: (nullable): the algorithm, such as `ES256` (the default) or
 *   `EdDSA`
 * @error: return location for a #GError
 *
 * Generates a new key from the crypto library's random generator: the
 * curve of `ES*`, Ed25519 for `EdDSA`, RSA 2048 bits for `RS*` and `PS*`.
 * Symmetric algorithms (`HS*`) and `none` are refused with
 * %PIM_JOSE_ERROR_UNSUPPORTED_ALG and %PIM_JOSE_ERROR_ALG_NONE.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 *
 * Since: 0.1
 */
PimDPoPKey *
pim_dpop_key_new_generate (const char *alg, GError **error)
{
  g_autoptr (PimJwk) key = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (alg == NULL)
    alg = "ES256";
  if (!check_alg (alg, error) || (key = pim_jwk_generate (alg, error)) == NULL)
    return NULL;
  return key_new (key, alg, error);
}

/**
 * pim_dpop_key_new_from_jwk:
 * @json: a private JWK, as saved by [method@DPoPKey.to_jwk]
 * @error: return location for a #GError
 *
 * Loads a key from a JWK with its private members. Its `alg`, if any, is
 * the proofs' algorithm; without one, RSA keys sign with RS256, EC keys
 * with the ES algorithm of their curve and Ed25519 keys with EdDSA. Other
 * members (`kid`, `use`…) are not kept.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 *   (%PIM_JOSE_ERROR: a public key, a symmetric key or algorithm, a
 *   malformed JWK)
 *
 * Since: 0.1
 */
PimDPoPKey *
pim_dpop_key_new_from_jwk (const char *json, GError **error)
{
  g_autoptr (PimJwk) key = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = pim_jwk_new_from_json (json, error);
  if (key == NULL)
    return NULL;
  return key_new (key, NULL, error);
}

/**
 * pim_dpop_key_new_from_pem:
 * @pem: an unencrypted PKCS#8 `PRIVATE KEY` (RSA, EC or Ed25519)
 * @alg: (nullable): the algorithm; %NULL as for a JWK without `alg`
 * @error: return location for a #GError
 *
 * Loads a key from PEM, as saved by [method@DPoPKey.to_pem].
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 *
 * Since: 0.1
 */
PimDPoPKey *
pim_dpop_key_new_from_pem (const char *pem, const char *alg, GError **error)
{
  g_autoptr (PimJwk) key = NULL;

  g_return_val_if_fail (pem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (alg != NULL && !check_alg (alg, error))
    return NULL;
  key = pim_jwk_new_from_pem (pem, NULL, NULL, error);
  if (key == NULL)
    return NULL;
  return key_new (key, alg, error);
}

static gboolean
check_has_key (PimDPoPKey *self, GError **error)
{
  if (self->key != NULL)
    return TRUE;
  g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                       _ ("The DPoP key object holds no key"));
  return FALSE;
}

/**
 * pim_dpop_key_to_jwk:
 * @self: a key
 *
 * Serializes the key, private members included, with its `alg`: what
 * [ctor@DPoPKey.new_from_jwk] loads. Keep it secret.
 *
 * Returns: (transfer full) (nullable): the private JWK as JSON, or %NULL
 *   for an object without a key
 *
 * Since: 0.1
 */
char *
pim_dpop_key_to_jwk (PimDPoPKey *self)
{
  g_return_val_if_fail (PIM_IS_DPOP_KEY (self), NULL);

  if (self->key == NULL)
    return NULL;
  return pim_jwk_to_json (self->key, TRUE);
}

/**
 * pim_dpop_key_to_pem:
 * @self: a key
 * @error: return location for a #GError
 *
 * Serializes the private key as unencrypted PKCS#8 PEM. PEM does not
 * carry the algorithm: pass it to [ctor@DPoPKey.new_from_pem] when it is
 * not the key type's default. Keep it secret.
 *
 * Returns: (transfer full): the PEM text, or %NULL with @error set
 *
 * Since: 0.1
 */
char *
pim_dpop_key_to_pem (PimDPoPKey *self, GError **error)
{
  g_return_val_if_fail (PIM_IS_DPOP_KEY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_has_key (self, error))
    return NULL;
  return pim_jwk_to_pem (self->key, TRUE, error);
}

/**
 * pim_dpop_key_get_public_jwk:
 * @self: a key
 *
 * Gets the public key as the JWK that proofs carry in their header: `kty`
 * and the public key members only.
 *
 * Returns: (transfer full) (nullable): the public JWK as JSON, or %NULL
 *   for an object without a key
 *
 * Since: 0.1
 */
char *
pim_dpop_key_get_public_jwk (PimDPoPKey *self)
{
  g_return_val_if_fail (PIM_IS_DPOP_KEY (self), NULL);

  if (self->public_jwk == NULL)
    return NULL;
  return pim_json_object_to_string (self->public_jwk);
}

/**
 * pim_dpop_key_get_thumbprint:
 * @self: a key
 *
 * Gets [property@DPoPKey:thumbprint].
 *
 * Returns: (nullable): the RFC 7638 thumbprint, or %NULL for an object
 *   without a key
 *
 * Since: 0.1
 */
const char *
pim_dpop_key_get_thumbprint (PimDPoPKey *self)
{
  g_return_val_if_fail (PIM_IS_DPOP_KEY (self), NULL);

  return self->key != NULL ? pim_jwk_get_thumbprint (self->key) : NULL;
}

/**
 * pim_dpop_key_get_alg:
 * @self: a key
 *
 * Gets [property@DPoPKey:alg].
 *
 * Returns: (nullable): the algorithm, or %NULL for an object without a key
 *
 * Since: 0.1
 */
const char *
pim_dpop_key_get_alg (PimDPoPKey *self)
{
  g_return_val_if_fail (PIM_IS_DPOP_KEY (self), NULL);

  return self->alg;
}

/* ---- Proofs ---- */

char *
pim_dpop_htu_from_uri (const char *uri, GError **error)
{
  g_autoptr (GUri) parsed = pim_http_uri_parse_checked (uri, TRUE, error);
  char *htu;

  if (parsed == NULL)
    return NULL;
  /* Normalized as the validator normalizes it, so the two agree; the
   * user information is not part of the target URI (RFC 9110 §4.2.4). */
  htu = pim_dpop_htu_of_uri (parsed);
  if (htu == NULL)
    g_set_error_literal (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT,
                         _ ("The URL cannot be the target of a DPoP proof"));
  return htu;
}

gboolean
pim_dpop_nonce_is_valid (const char *nonce)
{
  gsize len;

  if (nonce == NULL || *nonce == '\0')
    return FALSE;
  len = strlen (nonce);
  if (len > PIM_DPOP_NONCE_MAX_LENGTH)
    return FALSE;
  /* NQCHAR = %x21 / %x23-5B / %x5D-7E */
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) nonce[i];

      if (c < 0x21 || c > 0x7e || c == '"' || c == '\\')
        return FALSE;
    }
  return TRUE;
}

/* RFC 9110 token characters: a method name. */
static gboolean
method_is_valid (const char *method)
{
  if (method == NULL || *method == '\0')
    return FALSE;
  for (const char *p = method; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("!#$%&'*+-.^_`|~", *p) == NULL)
      return FALSE;
  return TRUE;
}

/**
 * pim_dpop_key_create_proof:
 * @self: a key
 * @htm: the HTTP method of the request, such as `POST`
 * @htu: the URL of the request: an absolute `http` or `https` URL
 * @access_token: (nullable): the access token the request carries, for
 *   requests to resource servers: its hash goes in the proof's `ath`
 * @nonce: (nullable): the server's last `DPoP-Nonce`, if any
 * @error: return location for a #GError
 *
 * Makes a DPoP proof (RFC 9449 §4.2): a JWT whose header has `typ`
 * `dpop+jwt`, the key's `alg` and its public `jwk`, and whose claims are a
 * fresh random `jti`, `htm`, `htu` (the URL without query and fragment),
 * `iat` (now), and `ath` and `nonce` when given. Each proof is for one
 * request: make a new one for every request, retries included.
 *
 * Returns: (transfer full): the proof, a compact JWS, or %NULL with @error
 *   set (%PIM_HTTP_ERROR_INVALID_ARGUMENT for a URL that is not absolute
 *   `http` or `https`, %PIM_OAUTH_ERROR_INVALID_ARGUMENT for a bad method
 *   or nonce)
 *
 * Since: 0.1
 */
char *
pim_dpop_key_create_proof (PimDPoPKey *self,
                           const char *htm,
                           const char *htu,
                           const char *access_token,
                           const char *nonce,
                           GError    **error)
{
  g_autoptr (JsonObject) header = NULL;
  g_autoptr (JsonObject) claims = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *jti = NULL;
  guint8           random[32];
  gint64           iat;

  g_return_val_if_fail (PIM_IS_DPOP_KEY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_has_key (self, error))
    return NULL;
  if (!method_is_valid (htm))
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                           _ ("A DPoP proof needs an HTTP method"));
      return NULL;
    }
  if (nonce != NULL && !pim_dpop_nonce_is_valid (nonce))
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                           _ ("The DPoP nonce is not a valid nonce"));
      return NULL;
    }
  if (access_token != NULL && *access_token == '\0')
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                           _ ("The access token for a DPoP proof is empty"));
      return NULL;
    }
  normalized = pim_dpop_htu_from_uri (htu, error);
  if (normalized == NULL)
    return NULL;
  if (!pim_crypto_random_bytes (random, sizeof random, error))
    return NULL;
  jti = pim_base64url_encode (random, sizeof random);
  g_mutex_lock (&self->lock);
  iat = self->fixed_iat;
  g_mutex_unlock (&self->lock);
  if (iat == 0)
    iat = g_get_real_time () / G_USEC_PER_SEC;

  header = json_object_new ();
  json_object_set_string_member (header, "typ", "dpop+jwt");
  json_object_set_object_member (header, "jwk", json_object_ref (self->public_jwk));
  claims = json_object_new ();
  json_object_set_string_member (claims, "jti", jti);
  json_object_set_string_member (claims, "htm", htm);
  json_object_set_string_member (claims, "htu", normalized);
  json_object_set_int_member (claims, "iat", iat);
  if (access_token != NULL)
    {
      guint8           digest[64];
      gsize            len = pim_crypto_digest (PIM_DIGEST_SHA256, (const guint8 *) access_token,
                                                strlen (access_token), digest);
      g_autofree char *ath = pim_base64url_encode (digest, len);

      json_object_set_string_member (claims, "ath", ath);
    }
  if (nonce != NULL)
    json_object_set_string_member (claims, "nonce", nonce);
  return pim_jwt_sign (claims, self->key, self->alg, header, error);
}

void
pim_dpop_key_set_time_for_testing (PimDPoPKey *self, gint64 iat)
{
  g_mutex_lock (&self->lock);
  self->fixed_iat = iat;
  g_mutex_unlock (&self->lock);
}

/* ---- Nonces ---- */

/* "scheme://host:port" of @uri, or NULL. */
static char *
origin_of (const char *uri)
{
  g_autoptr (GUri) parsed = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  int              port;

  if (uri == NULL || (parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL)) == NULL ||
      g_uri_get_host (parsed) == NULL)
    return NULL;
  scheme = g_ascii_strdown (g_uri_get_scheme (parsed), -1);
  host = g_ascii_strdown (g_uri_get_host (parsed), -1);
  port = g_uri_get_port (parsed);
  if (port <= 0)
    port = strcmp (scheme, "https") == 0 ? 443 : 80;
  return g_strdup_printf ("%s://%s:%d", scheme, host, port);
}

/**
 * pim_dpop_key_dup_nonce:
 * @self: a key
 * @uri: a URL of the server
 *
 * Gets the nonce this key last learnt from the server (the origin) of
 * @uri, which its next proof for that server carries.
 *
 * Returns: (transfer full) (nullable): the nonce, or %NULL
 *
 * Since: 0.1
 */
char *
pim_dpop_key_dup_nonce (PimDPoPKey *self, const char *uri)
{
  g_autofree char *origin = NULL;
  char            *nonce;

  g_return_val_if_fail (PIM_IS_DPOP_KEY (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  if ((origin = origin_of (uri)) == NULL)
    return NULL;
  g_mutex_lock (&self->lock);
  nonce = g_strdup (g_hash_table_lookup (self->nonces, origin));
  g_mutex_unlock (&self->lock);
  return nonce;
}

static gboolean
store_nonce (PimDPoPKey *self, const char *uri, const char *nonce)
{
  g_autofree char *origin = origin_of (uri);
  gboolean         changed;

  if (origin == NULL)
    return FALSE;
  g_mutex_lock (&self->lock);
  if (nonce == NULL)
    changed = g_hash_table_remove (self->nonces, origin);
  else
    {
      changed = g_strcmp0 (g_hash_table_lookup (self->nonces, origin), nonce) != 0;
      if (g_hash_table_size (self->nonces) >= PIM_DPOP_NONCE_CACHE_SIZE &&
          !g_hash_table_contains (self->nonces, origin))
        g_hash_table_remove_all (self->nonces);
      g_hash_table_insert (self->nonces, g_steal_pointer (&origin), g_strdup (nonce));
    }
  g_mutex_unlock (&self->lock);
  return changed;
}

/**
 * pim_dpop_key_set_nonce:
 * @self: a key
 * @uri: a URL of the server
 * @nonce: (nullable): the server's nonce, or %NULL to forget it
 *
 * Sets the nonce for the server (the origin) of @uri, for a nonce learnt
 * some other way than an answer Pim saw. An invalid nonce (RFC 9449 §8:
 * printable ASCII without quote and backslash) is ignored.
 *
 * Since: 0.1
 */
void
pim_dpop_key_set_nonce (PimDPoPKey *self, const char *uri, const char *nonce)
{
  g_return_if_fail (PIM_IS_DPOP_KEY (self));
  g_return_if_fail (uri != NULL);

  if (nonce != NULL && !pim_dpop_nonce_is_valid (nonce))
    return;
  store_nonce (self, uri, nonce);
}

gboolean
pim_dpop_key_learn_nonce (PimDPoPKey *self, const char *uri, SoupMessageHeaders *headers)
{
  const char *nonce = soup_message_headers_get_one (headers, "DPoP-Nonce");

  if (nonce == NULL || !pim_dpop_nonce_is_valid (nonce))
    return FALSE;
  return store_nonce (self, uri, nonce);
}

gboolean
pim_dpop_challenge_wants_nonce (guint status, SoupMessageHeaders *headers)
{
  SoupMessageHeadersIter iter;
  const char            *name, *value;

  if (status != 401 || soup_message_headers_get_one (headers, "DPoP-Nonce") == NULL)
    return FALSE;
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autoptr (GHashTable) params = NULL;

      if (g_ascii_strcasecmp (name, "WWW-Authenticate") != 0 ||
          g_ascii_strncasecmp (value, "DPoP", 4) != 0 || (value[4] != ' ' && value[4] != '\0'))
        continue;
      params = soup_header_parse_param_list (value + 4);
      if (g_strcmp0 (g_hash_table_lookup (params, "error"), "use_dpop_nonce") == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
pim_dpop_response_wants_nonce (PimHttpResponse *response)
{
  g_autoptr (JsonNode) node = NULL;
  JsonNode *error;

  if (pim_dpop_challenge_wants_nonce (response->status, response->headers))
    return TRUE;
  if (response->status != 400 ||
      soup_message_headers_get_one (response->headers, "DPoP-Nonce") == NULL ||
      !pim_http_response_is_json (response) || response->body == NULL)
    return FALSE;
  node = pim_http_parse_json_bytes (response->body, response->uri_display, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  error = json_object_get_member (json_node_get_object (node), "error");
  return error != NULL && JSON_NODE_HOLDS_VALUE (error) &&
         json_node_get_value_type (error) == G_TYPE_STRING &&
         g_strcmp0 (json_node_get_string (error), "use_dpop_nonce") == 0;
}

/* ---- Requests ---- */

gboolean
pim_dpop_key_apply (PimDPoPKey     *self,
                    PimHttpRequest *http,
                    const char     *access_token,
                    GError        **error)
{
  const char *uri = pim_http_request_get_uri (http);
  g_autoptr (GUri) checked = NULL;
  g_autofree char *nonce = NULL;
  g_autofree char *proof = NULL;

  /* Never over plain http outside loopback, whatever the request allows. */
  if ((checked = pim_http_uri_parse_checked (uri, FALSE, error)) == NULL)
    return FALSE;
  nonce = pim_dpop_key_dup_nonce (self, uri);
  proof = pim_dpop_key_create_proof (self, pim_http_request_get_method (http), uri, access_token,
                                     nonce, error);
  if (proof == NULL)
    return FALSE;
  pim_http_request_add_header (http, "DPoP", proof);
  return TRUE;
}

/**
 * pim_dpop_key_sign_message:
 * @self: a key
 * @msg: a request to a resource server, not yet sent
 * @access_token: (nullable): the DPoP-bound access token it carries
 * @error: return location for a #GError
 *
 * Makes @msg a DPoP request: sets its `DPoP` header to a new proof for its
 * method and URL (with the nonce last learnt from its server) and, with
 * @access_token, its `Authorization` to `DPoP` and the token (RFC 9449
 * §7.1). Plain `http` is refused outside loopback.
 *
 * After the answer, call [method@DPoPKey.remember_nonce]; when it returns
 * %TRUE, the server wants a nonce it has just given: sign a new message
 * (a proof is for one request) and send it once more:
 *
 * ```c
 * msg = soup_message_new ("GET", url);
 * pim_dpop_key_sign_message (key, msg, access_token, &error);
 * body = soup_session_send_and_read (session, msg, NULL, &error);
 * if (pim_dpop_key_remember_nonce (key, msg))
 *   {
 *     g_object_unref (msg);
 *     msg = soup_message_new ("GET", url);
 *     pim_dpop_key_sign_message (key, msg, access_token, &error);
 *     body = soup_session_send_and_read (session, msg, NULL, &error);
 *     pim_dpop_key_remember_nonce (key, msg);
 *   }
 * ```
 *
 * Returns: %TRUE, or %FALSE with @error set
 *
 * Since: 0.1
 */
gboolean
pim_dpop_key_sign_message (PimDPoPKey  *self,
                           SoupMessage *msg,
                           const char  *access_token,
                           GError     **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *nonce = NULL;
  g_autofree char *proof = NULL;
  g_autoptr (GUri) checked = NULL;
  SoupMessageHeaders *headers;

  g_return_val_if_fail (PIM_IS_DPOP_KEY (self), FALSE);
  g_return_val_if_fail (SOUP_IS_MESSAGE (msg), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  uri = g_uri_to_string (soup_message_get_uri (msg));
  if ((checked = pim_http_uri_parse_checked (uri, FALSE, error)) == NULL)
    return FALSE;
  nonce = pim_dpop_key_dup_nonce (self, uri);
  proof = pim_dpop_key_create_proof (self, soup_message_get_method (msg), uri, access_token, nonce,
                                     error);
  if (proof == NULL)
    return FALSE;
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "DPoP", proof);
  if (access_token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("DPoP ", access_token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
      memset (authorization, 0, strlen (authorization));
    }
  return TRUE;
}

/**
 * pim_dpop_key_remember_nonce:
 * @self: a key
 * @msg: a request that has been answered
 *
 * Learns the `DPoP-Nonce` of @msg's answer, if any, for the next proof to
 * its server, and says whether the answer was a refusal for want of that
 * nonce: a 401 with a `DPoP` challenge whose error is `use_dpop_nonce`
 * (RFC 9449 §9). Then sign a new message and send it once more; see
 * [method@DPoPKey.sign_message].
 *
 * Returns: %TRUE when the request should be sent again with the new nonce
 *
 * Since: 0.1
 */
gboolean
pim_dpop_key_remember_nonce (PimDPoPKey *self, SoupMessage *msg)
{
  g_autofree char    *uri = NULL;
  SoupMessageHeaders *headers;

  g_return_val_if_fail (PIM_IS_DPOP_KEY (self), FALSE);
  g_return_val_if_fail (SOUP_IS_MESSAGE (msg), FALSE);

  headers = soup_message_get_response_headers (msg);
  uri = g_uri_to_string (soup_message_get_uri (msg));
  pim_dpop_key_learn_nonce (self, uri, headers);
  return pim_dpop_challenge_wants_nonce (soup_message_get_status (msg), headers) &&
         pim_dpop_nonce_is_valid (soup_message_headers_get_one (headers, "DPoP-Nonce"));
}
