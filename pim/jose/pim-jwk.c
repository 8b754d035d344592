/* pim-jwk.c: PimJwk, one JSON Web Key
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-base64url-private.h"
#include "pim-base64url.h"
#include "pim-jose-private.h"
#include "pim-jwk-private.h"
#include "pim-json-private.h"

/**
 * PimJwk:
 *
 * A JSON Web Key (RFC 7517): an RSA, EC (P-256, P-384, P-521), OKP
 * (Ed25519, RFC 8037) or `oct` (HMAC) key, public or private, with its
 * parameters (`kid`, `use`, `key_ops`, `alg`, `x5c`, `x5t#S256`, and any
 * other member, kept as they came).
 *
 * A key is immutable once built, and safe to share between threads. Its
 * material is checked when it is built: EC points must lie on their
 * curve, private members must match the public ones. A key whose `alg`
 * names an algorithm is only ever used with that algorithm.
 *
 * Keys come from JSON ([ctor@Jwk.new_from_json], or a [class@JwkSet]),
 * from PEM ([ctor@Jwk.new_from_pem]), from a shared secret
 * ([ctor@Jwk.new_from_secret]) or are generated
 * ([func@Jwk.generate]), for example for DPoP or `private_key_jwt`.
 *
 * Since: 0.1
 */

struct _PimJwk
{
  GObject parent_instance;

  PimCryptoKey *key;
  const char   *kty; /* static */
  char         *kid;
  char         *use;
  char         *alg;
  GStrv         key_ops;
  GStrv         x5c;
  char         *x5t_s256;
  JsonObject   *params; /* every member that is not key material */
  char         *thumbprint;
};

G_DEFINE_FINAL_TYPE (PimJwk, pim_jwk, G_TYPE_OBJECT)

static void
pim_jwk_finalize (GObject *object)
{
  PimJwk *self = PIM_JWK (object);

  g_clear_pointer (&self->key, pim_crypto_key_unref);
  g_free (self->kid);
  g_free (self->use);
  g_free (self->alg);
  g_strfreev (self->key_ops);
  g_strfreev (self->x5c);
  g_free (self->x5t_s256);
  g_clear_pointer (&self->params, json_object_unref);
  g_free (self->thumbprint);

  G_OBJECT_CLASS (pim_jwk_parent_class)->finalize (object);
}

static void
pim_jwk_class_init (PimJwkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pim_jwk_finalize;
}

static void
pim_jwk_init (PimJwk *self)
{
}

static const char *
kty_name (PimKeyType type)
{
  switch (type)
    {
    case PIM_KEY_TYPE_RSA:
      return "RSA";
    case PIM_KEY_TYPE_EC:
      return "EC";
    case PIM_KEY_TYPE_OKP:
      return "OKP";
    case PIM_KEY_TYPE_OCT:
      return "oct";
    case PIM_KEY_TYPE_INVALID:
    default:
      return NULL;
    }
}

/* The members that hold key material, by key type (RFC 7518 §6, RFC 8037). */
static gboolean
is_key_member (const char *name)
{
  static const char *const members[] = { "kty", "n",  "e",   "d",   "p", "q", "dp",
                                         "dq",  "qi", "oth", "crv", "x", "y", "k" };

  for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
    if (strcmp (name, members[i]) == 0)
      return TRUE;
  return FALSE;
}

/* RFC 7638: the required members, in lexicographic order, no whitespace. */
static char *
compute_thumbprint (PimCryptoKey *key)
{
  static const char *const rsa[] = { "e", "kty", "n", NULL };
  static const char *const ec[] = { "crv", "kty", "x", "y", NULL };
  static const char *const okp[] = { "crv", "kty", "x", NULL };
  static const char *const oct[] = { "k", "kty", NULL };
  const char *const       *names;
  g_autoptr (JsonObject) members = json_object_new ();
  g_autoptr (GString) text = g_string_new ("{");
  guint8 digest[64];
  gsize  digest_len;

  switch (pim_crypto_key_get_key_type (key))
    {
    case PIM_KEY_TYPE_RSA:
      names = rsa;
      break;
    case PIM_KEY_TYPE_EC:
      names = ec;
      break;
    case PIM_KEY_TYPE_OKP:
      names = okp;
      break;
    case PIM_KEY_TYPE_OCT:
      names = oct;
      break;
    case PIM_KEY_TYPE_INVALID:
    default:
      g_return_val_if_reached (NULL);
    }

  /* oct's k is "private", but it is what the thumbprint is made of. */
  pim_crypto_key_export_jwk (key, TRUE, members);
  for (gsize i = 0; names[i] != NULL; i++)
    {
      /* The values are base64url or fixed names: nothing to escape. */
      g_string_append_printf (text, "%s\"%s\":\"%s\"", i > 0 ? "," : "", names[i],
                              json_object_get_string_member (members, names[i]));
    }
  g_string_append_c (text, '}');

  digest_len = pim_crypto_digest (PIM_DIGEST_SHA256, (const guint8 *) text->str, text->len, digest);
  return pim_base64url_encode (digest, digest_len);
}

static gboolean
get_optional_string (JsonObject *object, const char *name, char **out, GError **error)
{
  const char *value = NULL;

  if (!pim_crypto_jwk_member_string (object, name, &value, error))
    return FALSE;
  *out = g_strdup (value);
  return TRUE;
}

static gboolean
get_optional_strv (JsonObject *object,
                   const char *name,
                   gboolean    unique,
                   GStrv      *out,
                   GError    **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr (GStrvBuilder) builder = NULL;
  JsonArray *array;
  guint      len;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto invalid;
  array = json_node_get_array (node);
  len = json_array_get_length (array);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < len; i++)
    {
      JsonNode   *element = json_array_get_element (array, i);
      const char *value;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        goto invalid;
      value = json_node_get_string (element);
      if (unique)
        for (guint j = 0; j < i; j++)
          if (g_strcmp0 (json_array_get_string_element (array, j), value) == 0)
            goto invalid;
      g_strv_builder_add (builder, value);
    }
  *out = g_strv_builder_end (builder);
  return TRUE;

invalid:
  g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED,
               /* translators: %s is a JWK member name, such as “key_ops” */
               _ ("The JWK member “%s” is not an array of distinct strings"), name);
  return FALSE;
}

/* Builds the object around an imported key; takes @key. */
static PimJwk *
jwk_new (PimCryptoKey *key, JsonObject *params)
{
  PimJwk *self = g_object_new (PIM_TYPE_JWK, NULL);

  self->key = key;
  self->kty = kty_name (pim_crypto_key_get_key_type (key));
  self->params = params != NULL ? json_object_ref (params) : json_object_new ();
  self->thumbprint = compute_thumbprint (key);
  return self;
}

static gboolean
read_params (PimJwk *self, JsonObject *object, GError **error)
{
  return get_optional_string (object, "kid", &self->kid, error) &&
         get_optional_string (object, "use", &self->use, error) &&
         get_optional_string (object, "alg", &self->alg, error) &&
         get_optional_string (object, "x5t#S256", &self->x5t_s256, error) &&
         get_optional_strv (object, "key_ops", TRUE, &self->key_ops, error) &&
         get_optional_strv (object, "x5c", FALSE, &self->x5c, error);
}

PimJwk *
pim_jwk_new_from_object_internal (JsonObject *object, GError **error)
{
  g_autoptr (PimJwk) self = NULL;
  g_autoptr (JsonObject) params = json_object_new ();
  PimCryptoKey  *key;
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *node;

  key = pim_crypto_key_new_from_jwk (object, error);
  if (key == NULL)
    return NULL;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    if (!is_key_member (name))
      json_object_set_member (params, name, json_node_copy (node));

  self = jwk_new (key, params);
  if (!read_params (self, object, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * pim_jwk_new_from_json:
 * @json: a JWK as JSON text
 * @error: return location for a #GError
 *
 * Parses a JWK. The JSON is read strictly (duplicate member names are an
 * error), and the key material is checked.
 *
 * Possible error codes are in [error@JoseError]: %PIM_JOSE_ERROR_MALFORMED,
 * %PIM_JOSE_ERROR_UNSUPPORTED_ALG for an unknown `kty` or curve,
 * %PIM_JOSE_ERROR_KEY_CONVERSION_FAILED.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 *
 * Since: 0.1
 */
PimJwk *
pim_jwk_new_from_json (const char *json, GError **error)
{
  g_autoptr (JsonNode) root = NULL;
  GError *json_error = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = pim_json_parse_strict (json, strlen (json), PIM_JSON_MAX_DEPTH, &json_error);
  if (root == NULL)
    {
      pim_jose_error_from_json (error, json_error);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED,
                           _ ("A JWK must be a JSON object"));
      return NULL;
    }
  return pim_jwk_new_from_object_internal (json_node_get_object (root), error);
}

/**
 * pim_jwk_new_from_object:
 * @object: a JWK as a JSON object
 * @error: return location for a #GError
 *
 * Builds a JWK from a JSON object, as [ctor@Jwk.new_from_json] does.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 *
 * Since: 0.1
 */
PimJwk *
pim_jwk_new_from_object (JsonObject *object, GError **error)
{
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pim_jwk_new_from_object_internal (object, error);
}

static gboolean
set_alg_and_kid (PimJwk *self, const char *alg, const char *kid, GError **error)
{
  if (alg != NULL)
    {
      PimJwsAlg parsed = pim_jws_alg_from_name (alg);

      if (parsed == PIM_JWS_ALG_INVALID)
        {
          g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_UNSUPPORTED_ALG,
                       /* translators: %s is an algorithm name, such as “RS256” */
                       _ ("Unsupported algorithm “%s”"), alg);
          return FALSE;
        }
      if (!pim_jwk_check_algorithm (self, parsed, FALSE, error))
        return FALSE;
      self->alg = g_strdup (alg);
      json_object_set_string_member (self->params, "alg", alg);
    }
  if (kid != NULL)
    {
      self->kid = g_strdup (kid);
      json_object_set_string_member (self->params, "kid", kid);
    }
  return TRUE;
}

/**
 * pim_jwk_new_from_pem:
 * @pem: a PEM `PUBLIC KEY` (SPKI) or unencrypted `PRIVATE KEY` (PKCS#8)
 * @alg: (nullable): the only algorithm the key may be used with
 * @kid: (nullable): a key ID
 * @error: return location for a #GError
 *
 * Imports an RSA, EC or Ed25519 key from PEM.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 *
 * Since: 0.1
 */
PimJwk *
pim_jwk_new_from_pem (const char *pem, const char *alg, const char *kid, GError **error)
{
  g_autoptr (PimJwk) self = NULL;
  PimCryptoKey *key;

  g_return_val_if_fail (pem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key = pim_crypto_key_new_from_pem (pem, strlen (pem), error);
  if (key == NULL)
    return NULL;
  self = jwk_new (key, NULL);
  if (!set_alg_and_kid (self, alg, kid, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * pim_jwk_new_from_secret:
 * @secret: the shared secret of an HMAC key
 * @alg: (nullable): the only algorithm the key may be used with, such as
 *   `HS256`
 * @kid: (nullable): a key ID
 * @error: return location for a #GError
 *
 * Makes an `oct` key for HS256, HS384 or HS512.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 *
 * Since: 0.1
 */
PimJwk *
pim_jwk_new_from_secret (GBytes *secret, const char *alg, const char *kid, GError **error)
{
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (PimJwk) self = NULL;
  g_autofree char *k = NULL;
  gsize            len = 0;
  const guint8    *data;
  PimCryptoKey    *key;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (secret, &len);
  k = pim_base64url_encode (data, len);
  json_object_set_string_member (object, "kty", "oct");
  json_object_set_string_member (object, "k", k);
  key = pim_crypto_key_new_from_jwk (object, error);
  if (key == NULL)
    return NULL;
  self = jwk_new (key, NULL);
  if (!set_alg_and_kid (self, alg, kid, error))
    return NULL;
  return g_steal_pointer (&self);
}

static PimJwk *
generate (PimKeyType type, guint bits, const char *curve, const char *alg, GError **error)
{
  g_autoptr (PimJwk) self = NULL;
  PimCryptoKey *key = pim_crypto_key_generate (type, bits, curve, error);

  if (key == NULL)
    return NULL;
  self = jwk_new (key, NULL);
  /* The RFC 7638 thumbprint makes a stable, unique key ID. */
  if (!set_alg_and_kid (self, alg, self->thumbprint, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * pim_jwk_generate:
 * @alg: the algorithm the key is for, such as `ES256` or `EdDSA`
 * @error: return location for a #GError
 *
 * Generates a new private key for @alg from the crypto library's random
 * generator: RSA 2048 bits for `RS*` and `PS*`, the matching curve for
 * `ES*`, Ed25519 for `EdDSA`, a secret of the hash's size for `HS*`. The
 * key is restricted to @alg and its key ID is its RFC 7638 thumbprint.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 *
 * Since: 0.1
 */
PimJwk *
pim_jwk_generate (const char *alg, GError **error)
{
  PimJwsAlg parsed;

  g_return_val_if_fail (alg != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parsed = pim_jws_alg_from_name (alg);
  switch (parsed)
    {
    case PIM_JWS_ALG_HS256:
      return generate (PIM_KEY_TYPE_OCT, 256, NULL, alg, error);
    case PIM_JWS_ALG_HS384:
      return generate (PIM_KEY_TYPE_OCT, 384, NULL, alg, error);
    case PIM_JWS_ALG_HS512:
      return generate (PIM_KEY_TYPE_OCT, 512, NULL, alg, error);
    case PIM_JWS_ALG_INVALID:
    case PIM_JWS_ALG_LAST:
      g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_UNSUPPORTED_ALG,
                   _ ("Unsupported algorithm “%s”"), alg);
      return NULL;
    default:
      return generate (pim_jws_alg_get_key_type (parsed), 2048, pim_jws_alg_get_curve (parsed), alg,
                       error);
    }
}

/**
 * pim_jwk_generate_rsa:
 * @bits: the modulus size, at least 2048
 * @alg: (nullable): the only algorithm the key may be used with, such as
 *   `PS256`
 * @error: return location for a #GError
 *
 * Generates a new RSA private key.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 *
 * Since: 0.1
 */
PimJwk *
pim_jwk_generate_rsa (guint bits, const char *alg, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return generate (PIM_KEY_TYPE_RSA, bits, NULL, alg, error);
}

PimCryptoKey *
pim_jwk_get_crypto_key (PimJwk *self)
{
  return self->key;
}

gboolean
pim_jwk_check_algorithm (PimJwk *self, PimJwsAlg alg, gboolean signing, GError **error)
{
  const char *curve = pim_jws_alg_get_curve (alg);
  const char *name = pim_jws_alg_get_name (alg);

  if (pim_jws_alg_get_key_type (alg) != pim_crypto_key_get_key_type (self->key) ||
      (curve != NULL && g_strcmp0 (curve, pim_crypto_key_get_curve (self->key)) != 0))
    {
      g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH,
                   /* translators: the first %s is an algorithm such as “ES256”, the
                    * second a key type such as “RSA” */
                   _ ("A key of type “%s” cannot be used with %s"), self->kty, name);
      return FALSE;
    }
  if (self->alg != NULL && strcmp (self->alg, name) != 0)
    {
      g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_ALG_NOT_ALLOWED,
                   /* translators: both %s are algorithm names */
                   _ ("The key is for %s only, not %s"), self->alg, name);
      return FALSE;
    }
  if ((self->use != NULL && strcmp (self->use, "sig") != 0) ||
      (self->key_ops != NULL &&
       !g_strv_contains ((const char *const *) self->key_ops, signing ? "sign" : "verify")))
    {
      g_set_error_literal (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_NOT_FOUND,
                           signing ? _ ("The key is not for signing")
                                   : _ ("The key is not for verifying signatures"));
      return FALSE;
    }
  return TRUE;
}

/**
 * pim_jwk_allows_algorithm:
 * @self: a key
 * @alg: an algorithm name, such as `RS256`
 *
 * Tells whether the key may verify signatures made with @alg: its type
 * and curve fit the algorithm, its `alg`, if any, is @alg, its `use`, if
 * any, is `sig`, and its `key_ops`, if any, include `verify`.
 *
 * Returns: whether the key may be used with @alg
 *
 * Since: 0.1
 */
gboolean
pim_jwk_allows_algorithm (PimJwk *self, const char *alg)
{
  PimJwsAlg parsed;

  g_return_val_if_fail (PIM_IS_JWK (self), FALSE);

  parsed = pim_jws_alg_from_name (alg);
  return parsed != PIM_JWS_ALG_INVALID && pim_jwk_check_algorithm (self, parsed, FALSE, NULL);
}

/**
 * pim_jwk_get_key_type:
 * @self: a key
 *
 * Gets the key type (`kty`).
 *
 * Returns: `RSA`, `EC`, `OKP` or `oct`
 *
 * Since: 0.1
 */
const char *
pim_jwk_get_key_type (PimJwk *self)
{
  g_return_val_if_fail (PIM_IS_JWK (self), NULL);
  return self->kty;
}

/**
 * pim_jwk_get_key_id:
 * @self: a key
 *
 * Gets the key ID (`kid`).
 *
 * Returns: (nullable): the key ID
 *
 * Since: 0.1
 */
const char *
pim_jwk_get_key_id (PimJwk *self)
{
  g_return_val_if_fail (PIM_IS_JWK (self), NULL);
  return self->kid;
}

/**
 * pim_jwk_get_use:
 * @self: a key
 *
 * Gets the intended use (`use`): `sig` or `enc`.
 *
 * Returns: (nullable): the use
 *
 * Since: 0.1
 */
const char *
pim_jwk_get_use (PimJwk *self)
{
  g_return_val_if_fail (PIM_IS_JWK (self), NULL);
  return self->use;
}

/**
 * pim_jwk_get_algorithm:
 * @self: a key
 *
 * Gets the one algorithm the key is for (`alg`), if it names one.
 *
 * Returns: (nullable): the algorithm
 *
 * Since: 0.1
 */
const char *
pim_jwk_get_algorithm (PimJwk *self)
{
  g_return_val_if_fail (PIM_IS_JWK (self), NULL);
  return self->alg;
}

/**
 * pim_jwk_get_curve:
 * @self: a key
 *
 * Gets the curve of an EC or OKP key.
 *
 * Returns: (nullable): `P-256`, `P-384`, `P-521` or `Ed25519`
 *
 * Since: 0.1
 */
const char *
pim_jwk_get_curve (PimJwk *self)
{
  g_return_val_if_fail (PIM_IS_JWK (self), NULL);
  return pim_crypto_key_get_curve (self->key);
}

/**
 * pim_jwk_get_key_ops:
 * @self: a key
 *
 * Gets the permitted operations (`key_ops`).
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the
 *   operations, or %NULL if the key does not list them
 *
 * Since: 0.1
 */
const char *const *
pim_jwk_get_key_ops (PimJwk *self)
{
  g_return_val_if_fail (PIM_IS_JWK (self), NULL);
  return (const char *const *) self->key_ops;
}

/**
 * pim_jwk_get_x5c:
 * @self: a key
 *
 * Gets the certificate chain (`x5c`), each certificate in standard
 * base64 DER, as the key carried it.
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the
 *   chain
 *
 * Since: 0.1
 */
const char *const *
pim_jwk_get_x5c (PimJwk *self)
{
  g_return_val_if_fail (PIM_IS_JWK (self), NULL);
  return (const char *const *) self->x5c;
}

/**
 * pim_jwk_get_x5t_s256:
 * @self: a key
 *
 * Gets the certificate's SHA-256 thumbprint (`x5t#S256`), as the key
 * carried it.
 *
 * Returns: (nullable): the thumbprint
 *
 * Since: 0.1
 */
const char *
pim_jwk_get_x5t_s256 (PimJwk *self)
{
  g_return_val_if_fail (PIM_IS_JWK (self), NULL);
  return self->x5t_s256;
}

/**
 * pim_jwk_get_size:
 * @self: a key
 *
 * Gets the key size: the RSA modulus, the curve, or the secret, in bits.
 *
 * Returns: the size in bits
 *
 * Since: 0.1
 */
guint
pim_jwk_get_size (PimJwk *self)
{
  g_return_val_if_fail (PIM_IS_JWK (self), 0);
  return pim_crypto_key_get_bits (self->key);
}

/**
 * pim_jwk_is_private:
 * @self: a key
 *
 * Tells whether the key holds private material. An `oct` key always does.
 *
 * Returns: whether the key can sign
 *
 * Since: 0.1
 */
gboolean
pim_jwk_is_private (PimJwk *self)
{
  g_return_val_if_fail (PIM_IS_JWK (self), FALSE);
  return pim_crypto_key_is_private (self->key);
}

/**
 * pim_jwk_get_thumbprint:
 * @self: a key
 *
 * Gets the key's RFC 7638 thumbprint: the SHA-256 of its required public
 * members, base64url. DPoP calls it `jkt`.
 *
 * Returns: the thumbprint
 *
 * Since: 0.1
 */
const char *
pim_jwk_get_thumbprint (PimJwk *self)
{
  g_return_val_if_fail (PIM_IS_JWK (self), NULL);
  return self->thumbprint;
}

/**
 * pim_jwk_get_public:
 * @self: a key
 *
 * Gets the public part of the key, with the same parameters. For a public
 * key, that is a key equal to it; an `oct` key has no public part.
 *
 * Returns: (transfer full) (nullable): the public key, or %NULL for `oct`
 *
 * Since: 0.1
 */
PimJwk *
pim_jwk_get_public (PimJwk *self)
{
  PimCryptoKey *key;
  PimJwk       *copy;

  g_return_val_if_fail (PIM_IS_JWK (self), NULL);

  key = pim_crypto_key_dup_public (self->key);
  if (key == NULL)
    return NULL;
  copy = jwk_new (key, self->params);
  copy->kid = g_strdup (self->kid);
  copy->use = g_strdup (self->use);
  copy->alg = g_strdup (self->alg);
  copy->key_ops = g_strdupv (self->key_ops);
  copy->x5c = g_strdupv (self->x5c);
  copy->x5t_s256 = g_strdup (self->x5t_s256);
  return copy;
}

/**
 * pim_jwk_to_object:
 * @self: a key
 * @include_private: whether to include private members
 *
 * Serializes the key as a JSON object: its parameters, then its key
 * members in canonical form.
 *
 * Returns: (transfer full): the JWK
 *
 * Since: 0.1
 */
JsonObject *
pim_jwk_to_object (PimJwk *self, gboolean include_private)
{
  JsonObject    *object;
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *node;

  g_return_val_if_fail (PIM_IS_JWK (self), NULL);

  object = json_object_new ();
  pim_crypto_key_export_jwk (self->key, include_private, object);
  json_object_iter_init_ordered (&iter, self->params);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    json_object_set_member (object, name, json_node_copy (node));
  return object;
}

/**
 * pim_jwk_to_json:
 * @self: a key
 * @include_private: whether to include private members
 *
 * Serializes the key as compact JSON text.
 *
 * Returns: (transfer full): the JWK
 *
 * Since: 0.1
 */
char *
pim_jwk_to_json (PimJwk *self, gboolean include_private)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (PIM_IS_JWK (self), NULL);

  json_node_take_object (node, pim_jwk_to_object (self, include_private));
  return pim_json_to_string (node);
}

/**
 * pim_jwk_to_pem:
 * @self: a key
 * @include_private: %TRUE for a PKCS#8 `PRIVATE KEY`, %FALSE for an SPKI
 *   `PUBLIC KEY`
 * @error: return location for a #GError
 *
 * Exports an RSA, EC or Ed25519 key as PEM.
 *
 * Returns: (transfer full): the PEM text, or %NULL with @error set
 *
 * Since: 0.1
 */
char *
pim_jwk_to_pem (PimJwk *self, gboolean include_private, GError **error)
{
  g_return_val_if_fail (PIM_IS_JWK (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pim_crypto_key_to_pem (self->key, include_private, error);
}

const char *
pim_jwk_get_signing_algorithm (PimJwk *self)
{
  const char *kty = pim_jwk_get_key_type (self);
  const char *crv = pim_jwk_get_curve (self);

  if (pim_jwk_get_algorithm (self) != NULL)
    return pim_jwk_get_algorithm (self);
  if (g_strcmp0 (kty, "RSA") == 0)
    return "RS256";
  if (g_strcmp0 (kty, "OKP") == 0)
    return "EdDSA";
  if (g_strcmp0 (kty, "EC") == 0)
    {
      if (g_strcmp0 (crv, "P-256") == 0)
        return "ES256";
      if (g_strcmp0 (crv, "P-384") == 0)
        return "ES384";
      if (g_strcmp0 (crv, "P-521") == 0)
        return "ES512";
    }
  return NULL;
}
