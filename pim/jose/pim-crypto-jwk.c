/* pim-crypto-jwk.c: keys to and from JWK members
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Importing the key members of a JWK (RFC 7517/7518, RFC 8037), strictly
 * checked, into a key, and exporting a key's members in their canonical
 * form. Private members are wiped from memory once used.
 */

#include "pim-private.h"

#include <string.h>

#include "pim-base64url-private.h"
#include "pim-crypto-openssl-private.h"

/* JWK */

/* Decoded members; private ones are wiped when cleared. */
typedef struct
{
  guint8 *data;
  gsize   len;
} Octets;

static void
octets_clear (Octets *octets)
{
  if (octets->data != NULL)
    OPENSSL_cleanse (octets->data, octets->len);
  g_clear_pointer (&octets->data, g_free);
  octets->len = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Octets, octets_clear)

/* A string member: *@out is NULL if it is missing. */
gboolean
pim_crypto_jwk_member_string (JsonObject *jwk, const char *name, const char **out, GError **error)
{
  JsonNode *node = json_object_get_member (jwk, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED,
                   _ ("The JWK member “%s” is not a string"), name);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

/* Decodes a base64url member; a member that is present must not be
 * empty, and one that is @required must be present. */
static gboolean
decode_member (JsonObject *jwk, const char *name, gboolean required, Octets *out, GError **error)
{
  const char *text = NULL;
  gsize       len;

  if (!pim_crypto_jwk_member_string (jwk, name, &text, error))
    return FALSE;
  if (text == NULL)
    {
      if (required)
        g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED,
                     _ ("The JWK member “%s” is missing"), name);
      return !required;
    }
  len = strlen (text);
  out->data = g_malloc (len / 4 * 3 + 3);
  if (!pim_base64url_decode_to (text, len, out->data, &out->len))
    {
      octets_clear (out);
      g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED,
                   _ ("The JWK member “%s” is not valid base64url"), name);
      return FALSE;
    }
  if (out->len == 0)
    {
      octets_clear (out);
      g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED,
                   _ ("The JWK member “%s” is empty"), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
decode_member_sized (JsonObject *jwk,
                     const char *name,
                     gboolean    required,
                     gsize       size,
                     Octets     *out,
                     GError    **error)
{
  if (!decode_member (jwk, name, required, out, error))
    return FALSE;
  if (out->data != NULL && out->len != size)
    {
      octets_clear (out);
      g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED,
                   _ ("The JWK member “%s” does not have the size of the curve"), name);
      return FALSE;
    }
  return TRUE;
}

/* Pushes a BIGNUM; @bn must live until the builder's params are made. */
static gboolean
push_bn (OSSL_PARAM_BLD *bld, const char *key, const Octets *octets, gboolean secret, BIGNUM **bn)
{
  *bn = secret ? BN_secure_new () : BN_new ();
  return *bn != NULL && BN_bin2bn (octets->data, (int) octets->len, *bn) != NULL &&
         OSSL_PARAM_BLD_push_BN (bld, key, *bn) == 1;
}

static PimCryptoKey *
rsa_from_jwk (JsonObject *jwk, GError **error)
{
  static const char *const crt_names[] = { "p", "q", "dp", "dq", "qi" };
  static const char *const crt_params[] = {
    OSSL_PKEY_PARAM_RSA_FACTOR1,   OSSL_PKEY_PARAM_RSA_FACTOR2,      OSSL_PKEY_PARAM_RSA_EXPONENT1,
    OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
  };
  g_auto (Octets) n = { 0 };
  g_auto (Octets) e = { 0 };
  g_auto (Octets) d = { 0 };
  Octets  crt[G_N_ELEMENTS (crt_names)] = { { 0 } };
  BIGNUM *bns[3 + G_N_ELEMENTS (crt_names)] = { 0 };
  g_autoptr (OSSL_PARAM_BLD) bld = NULL;
  g_autoptr (OSSL_PARAM) params = NULL;
  EVP_PKEY *pkey = NULL;
  gsize     n_crt = 0;
  gboolean  ok = FALSE;

  if (json_object_has_member (jwk, "oth"))
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                            _ ("RSA keys with more than two primes are not supported"));
      return NULL;
    }
  if (!decode_member (jwk, "n", TRUE, &n, error) || !decode_member (jwk, "e", TRUE, &e, error) ||
      !decode_member (jwk, "d", FALSE, &d, error))
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (crt_names); i++)
    {
      if (!decode_member (jwk, crt_names[i], FALSE, &crt[i], error))
        goto out;
      if (crt[i].data != NULL)
        n_crt++;
    }
  if ((n_crt != 0 && n_crt != G_N_ELEMENTS (crt_names)) || (n_crt != 0 && d.data == NULL))
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_MALFORMED,
                            _ ("The JWK has some but not all RSA private members"));
      goto out;
    }

  bld = OSSL_PARAM_BLD_new ();
  if (bld == NULL || !push_bn (bld, OSSL_PKEY_PARAM_RSA_N, &n, FALSE, &bns[0]) ||
      !push_bn (bld, OSSL_PKEY_PARAM_RSA_E, &e, FALSE, &bns[1]) ||
      (d.data != NULL && !push_bn (bld, OSSL_PKEY_PARAM_RSA_D, &d, TRUE, &bns[2])))
    goto conversion_failed;
  for (gsize i = 0; i < n_crt; i++)
    if (!push_bn (bld, crt_params[i], &crt[i], TRUE, &bns[3 + i]))
      goto conversion_failed;
  params = OSSL_PARAM_BLD_to_param (bld);
  if (params == NULL)
    goto conversion_failed;
  pkey = pim_crypto_pkey_fromdata ("RSA", d.data != NULL ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                                   params);
  if (pkey == NULL)
    goto conversion_failed;
  ok = TRUE;
  goto out;

conversion_failed:
  pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                        _ ("The RSA key is not valid"));
out:
  for (gsize i = 0; i < G_N_ELEMENTS (crt); i++)
    octets_clear (&crt[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (bns); i++)
    BN_clear_free (bns[i]);
  if (!ok)
    return NULL;
  return pim_crypto_key_wrap (pkey, d.data != NULL, TRUE, error);
}

static PimCryptoKey *
ec_from_jwk (JsonObject *jwk, const char *crv, GError **error)
{
  const CurveInfo *curve = pim_crypto_curve_by_name (crv);
  g_auto (Octets) x = { 0 };
  g_auto (Octets) y = { 0 };
  g_auto (Octets) d = { 0 };
  guint8 point[1 + 2 * EC_MAX_SIZE];
  g_autoptr (OSSL_PARAM_BLD) bld = NULL;
  g_autoptr (OSSL_PARAM) params = NULL;
  g_autoptr (BIGNUM) priv = NULL;
  EVP_PKEY *pkey;

  if (curve == NULL)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_UNSUPPORTED_ALG,
                            _ ("The elliptic curve is not supported"));
      return NULL;
    }
  if (!decode_member_sized (jwk, "x", TRUE, curve->size, &x, error) ||
      !decode_member_sized (jwk, "y", TRUE, curve->size, &y, error) ||
      !decode_member_sized (jwk, "d", FALSE, curve->size, &d, error))
    return NULL;

  point[0] = POINT_CONVERSION_UNCOMPRESSED;
  memcpy (point + 1, x.data, curve->size);
  memcpy (point + 1 + curve->size, y.data, curve->size);
  bld = OSSL_PARAM_BLD_new ();
  if (bld == NULL ||
      OSSL_PARAM_BLD_push_utf8_string (bld, OSSL_PKEY_PARAM_GROUP_NAME, curve->group_name, 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string (bld, OSSL_PKEY_PARAM_PUB_KEY, point, 1 + 2 * curve->size) !=
          1 ||
      (d.data != NULL && !push_bn (bld, OSSL_PKEY_PARAM_PRIV_KEY, &d, TRUE, &priv)) ||
      (params = OSSL_PARAM_BLD_to_param (bld)) == NULL)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                            _ ("The EC key is not valid"));
      return NULL;
    }
  pkey = pim_crypto_pkey_fromdata ("EC", d.data != NULL ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                                   params);
  if (pkey == NULL)
    {
      /* libcrypto already refuses most points off the curve here. */
      pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                            _ ("The EC key is not valid"));
      return NULL;
    }
  return pim_crypto_key_wrap (pkey, d.data != NULL, TRUE, error);
}

static PimCryptoKey *
okp_from_jwk (JsonObject *jwk, const char *crv, GError **error)
{
  g_auto (Octets) x = { 0 };
  g_auto (Octets) d = { 0 };
  g_autoptr (EVP_PKEY) pkey = NULL;
  guint8 derived[ED25519_SIZE];
  size_t derived_len = sizeof derived;

  if (g_strcmp0 (crv, "Ed25519") != 0)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_UNSUPPORTED_ALG,
                            _ ("The OKP curve is not supported"));
      return NULL;
    }
  if (!decode_member_sized (jwk, "x", TRUE, ED25519_SIZE, &x, error) ||
      !decode_member_sized (jwk, "d", FALSE, ED25519_SIZE, &d, error))
    return NULL;

  if (d.data == NULL)
    {
      pkey = EVP_PKEY_new_raw_public_key_ex (NULL, "ED25519", NULL, x.data, x.len);
      if (pkey == NULL)
        {
          pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                                _ ("The Ed25519 key is not valid"));
          return NULL;
        }
      return pim_crypto_key_wrap (g_steal_pointer (&pkey), FALSE, TRUE, error);
    }
  pkey = EVP_PKEY_new_raw_private_key_ex (NULL, "ED25519", NULL, d.data, d.len);
  if (pkey == NULL || EVP_PKEY_get_raw_public_key (pkey, derived, &derived_len) != 1 ||
      derived_len != ED25519_SIZE)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                            _ ("The Ed25519 key is not valid"));
      return NULL;
    }
  if (CRYPTO_memcmp (derived, x.data, ED25519_SIZE) != 0)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                            _ ("The private key does not match its public key"));
      return NULL;
    }
  return pim_crypto_key_wrap (g_steal_pointer (&pkey), TRUE, TRUE, error);
}

PimCryptoKey *
pim_crypto_key_new_from_jwk (JsonObject *jwk, GError **error)
{
  const char *kty = NULL, *crv = NULL;

  g_return_val_if_fail (jwk != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pim_crypto_jwk_member_string (jwk, "kty", &kty, error))
    return NULL;
  if (kty == NULL)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_MALFORMED, _ ("The JWK has no key type"));
      return NULL;
    }
  if (strcmp (kty, "RSA") == 0)
    return rsa_from_jwk (jwk, error);
  if (strcmp (kty, "oct") == 0)
    {
      g_auto (Octets) k = { 0 };

      if (!decode_member (jwk, "k", TRUE, &k, error))
        return NULL;
      return pim_crypto_key_new_oct (k.data, k.len);
    }
  if (strcmp (kty, "EC") != 0 && strcmp (kty, "OKP") != 0)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_UNSUPPORTED_ALG,
                            _ ("The JWK key type is not supported"));
      return NULL;
    }
  if (!pim_crypto_jwk_member_string (jwk, "crv", &crv, error))
    return NULL;
  if (crv == NULL)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_MALFORMED, _ ("The JWK has no curve"));
      return NULL;
    }
  if (strcmp (kty, "EC") == 0)
    return ec_from_jwk (jwk, crv, error);
  return okp_from_jwk (jwk, crv, error);
}

static void
set_b64_member (JsonObject *out, const char *name, const guint8 *data, gsize len)
{
  gsize text_len = pim_base64url_encoded_length (len);
  char *text = g_malloc (text_len + 1);

  pim_base64url_encode_to (data, len, text);
  text[text_len] = '\0';
  json_object_set_string_member (out, name, text);
  OPENSSL_cleanse (text, text_len);
  g_free (text);
}

/* Big-endian, without leading zeros if @size is 0, else padded to @size. */
static gboolean
set_bn_member (JsonObject *out, EVP_PKEY *pkey, const char *param, const char *name, gsize size)
{
  g_autoptr (BIGNUM) bn = NULL;
  guint8 *buf;
  gsize   len;
  int     written;

  if (EVP_PKEY_get_bn_param (pkey, param, &bn) != 1)
    {
      ERR_clear_error ();
      return FALSE;
    }
  len = size != 0 ? size : (gsize) BN_num_bytes (bn);
  buf = g_malloc (MAX (len, 1));
  written = BN_bn2binpad (bn, buf, (int) len);
  if (written >= 0)
    set_b64_member (out, name, buf, len);
  OPENSSL_cleanse (buf, len);
  g_free (buf);
  return written >= 0;
}

void
pim_crypto_key_export_jwk (PimCryptoKey *key, gboolean include_private, JsonObject *out)
{
  g_return_if_fail (key != NULL);
  g_return_if_fail (out != NULL);

  include_private = include_private && key->is_private;
  switch (key->type)
    {
    case PIM_KEY_TYPE_RSA:
      json_object_set_string_member (out, "kty", "RSA");
      if (!set_bn_member (out, key->pkey, OSSL_PKEY_PARAM_RSA_N, "n", 0) ||
          !set_bn_member (out, key->pkey, OSSL_PKEY_PARAM_RSA_E, "e", 0))
        g_critical ("Could not export an RSA key");
      if (include_private)
        {
          if (!set_bn_member (out, key->pkey, OSSL_PKEY_PARAM_RSA_D, "d", 0))
            g_critical ("Could not export an RSA private key");
          /* All or none of the CRT members, as imported. */
          if (set_bn_member (out, key->pkey, OSSL_PKEY_PARAM_RSA_FACTOR1, "p", 0))
            {
              set_bn_member (out, key->pkey, OSSL_PKEY_PARAM_RSA_FACTOR2, "q", 0);
              set_bn_member (out, key->pkey, OSSL_PKEY_PARAM_RSA_EXPONENT1, "dp", 0);
              set_bn_member (out, key->pkey, OSSL_PKEY_PARAM_RSA_EXPONENT2, "dq", 0);
              set_bn_member (out, key->pkey, OSSL_PKEY_PARAM_RSA_COEFFICIENT1, "qi", 0);
            }
        }
      break;
    case PIM_KEY_TYPE_EC:
      json_object_set_string_member (out, "kty", "EC");
      json_object_set_string_member (out, "crv", key->curve);
      if (!set_bn_member (out, key->pkey, OSSL_PKEY_PARAM_EC_PUB_X, "x", key->coord_size) ||
          !set_bn_member (out, key->pkey, OSSL_PKEY_PARAM_EC_PUB_Y, "y", key->coord_size) ||
          (include_private &&
           !set_bn_member (out, key->pkey, OSSL_PKEY_PARAM_PRIV_KEY, "d", key->coord_size)))
        g_critical ("Could not export an EC key");
      break;
    case PIM_KEY_TYPE_OKP:
      {
        guint8 raw[ED25519_SIZE];
        size_t len = sizeof raw;

        json_object_set_string_member (out, "kty", "OKP");
        json_object_set_string_member (out, "crv", key->curve);
        if (EVP_PKEY_get_raw_public_key (key->pkey, raw, &len) == 1)
          set_b64_member (out, "x", raw, len);
        len = sizeof raw;
        if (include_private && EVP_PKEY_get_raw_private_key (key->pkey, raw, &len) == 1)
          set_b64_member (out, "d", raw, len);
        OPENSSL_cleanse (raw, sizeof raw);
        break;
      }
    case PIM_KEY_TYPE_OCT:
      json_object_set_string_member (out, "kty", "oct");
      if (include_private)
        set_b64_member (out, "k", key->secret, key->secret_len);
      break;
    case PIM_KEY_TYPE_INVALID:
    default:
      g_assert_not_reached ();
    }
}
