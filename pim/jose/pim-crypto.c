/* pim-crypto.c: the crypto boundary, on OpenSSL's libcrypto 3: the key object
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The key object, its lifecycle, and how an EVP_PKEY becomes one (the
 * import checks); randomness and constant-time comparison. The other
 * jobs of the boundary are in pim-crypto-sign.c (signing, verifying,
 * digests), pim-crypto-templates.c (per-key state for verifying),
 * pim-crypto-jwk.c, pim-crypto-pem.c and pim-crypto-generate.c. Only
 * these files include libcrypto's headers, all through
 * pim-crypto-openssl-private.h. They use the OpenSSL 3 provider APIs only:
 * deprecated calls (RSA_*, EC_KEY_*, …) are hidden there and would not
 * even compile.
 */

#include "pim-private.h"

#include "pim-crypto-openssl-private.h"

/* The orders of the curves (SEC 2 §2.4.2, §2.5.1, §2.6.1), as libcrypto
 * gives them. */
static const guint8 p256_order[32] = {
  0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
};
static const guint8 p384_order[48] = {
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf,
  0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
};
static const guint8 p521_order[66] = {
  0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xfa, 0x51, 0x86, 0x87, 0x83, 0xbf, 0x2f, 0x96, 0x6b,
  0x7f, 0xcc, 0x01, 0x48, 0xf7, 0x09, 0xa5, 0xd0, 0x3b, 0xb5, 0xc9, 0xb8, 0x89, 0x9c,
  0x47, 0xae, 0xbb, 0x6f, 0xb7, 0x1e, 0x91, 0x38, 0x64, 0x09,
};

static const CurveInfo curves[] = {
  { "P-256", "prime256v1", 32, 256, p256_order },
  { "P-384", "secp384r1", 48, 384, p384_order },
  { "P-521", "secp521r1", 66, 521, p521_order },
};

/* Sets @error, and empties the thread's OpenSSL error queue so that
 * failures do not pile up there. */
void
pim_crypto_set_error (GError **error, PimJoseError code, const char *message)
{
  ERR_clear_error ();
  g_set_error_literal (error, PIM_JOSE_ERROR, code, message);
}

const CurveInfo *
pim_crypto_curve_by_name (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (curves); i++)
    if (g_strcmp0 (curves[i].name, name) == 0)
      return &curves[i];
  return NULL;
}

static const CurveInfo *
curve_by_group_name (const char *group_name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (curves); i++)
    if (g_strcmp0 (curves[i].group_name, group_name) == 0)
      return &curves[i];
  return NULL;
}

/* Key objects */

PimCryptoKey *
pim_crypto_key_new (PimKeyType type, EVP_PKEY *pkey, gboolean is_private)
{
  PimCryptoKey *key = g_new0 (PimCryptoKey, 1);

  g_atomic_ref_count_init (&key->ref_count);
  key->type = type;
  key->pkey = pkey;
  key->is_private = is_private;
  return key;
}

PimCryptoKey *
pim_crypto_key_new_oct (const guint8 *secret, gsize len)
{
  PimCryptoKey *key = pim_crypto_key_new (PIM_KEY_TYPE_OCT, NULL, TRUE);

  key->secret = g_memdup2 (secret, len);
  key->secret_len = len;
  key->bits = (guint) MIN (len * 8, G_MAXUINT);
  return key;
}

PimCryptoKey *
pim_crypto_key_ref (PimCryptoKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  g_atomic_ref_count_inc (&key->ref_count);
  return key;
}

void
pim_crypto_key_unref (PimCryptoKey *key)
{
  g_return_if_fail (key != NULL);

  if (!g_atomic_ref_count_dec (&key->ref_count))
    return;
  pim_crypto_key_clear_templates (key);
  EVP_PKEY_free (key->pkey);
  if (key->secret != NULL)
    OPENSSL_cleanse (key->secret, key->secret_len);
  g_free (key->secret);
  g_free (key);
}

PimKeyType
pim_crypto_key_get_key_type (PimCryptoKey *key)
{
  g_return_val_if_fail (key != NULL, PIM_KEY_TYPE_INVALID);
  return key->type;
}

guint
pim_crypto_key_get_bits (PimCryptoKey *key)
{
  g_return_val_if_fail (key != NULL, 0);
  return key->bits;
}

const char *
pim_crypto_key_get_curve (PimCryptoKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return key->curve;
}

gboolean
pim_crypto_key_is_private (PimCryptoKey *key)
{
  g_return_val_if_fail (key != NULL, FALSE);
  return key->is_private;
}

/* Key checks */

static gboolean
pairwise_check (EVP_PKEY *pkey)
{
  g_autoptr (EVP_PKEY_CTX) ctx = EVP_PKEY_CTX_new_from_pkey (NULL, pkey, NULL);

  return ctx != NULL && EVP_PKEY_pairwise_check (ctx) == 1;
}

static gboolean
public_check (EVP_PKEY *pkey)
{
  g_autoptr (EVP_PKEY_CTX) ctx = EVP_PKEY_CTX_new_from_pkey (NULL, pkey, NULL);

  return ctx != NULL && EVP_PKEY_public_check (ctx) == 1;
}

static gboolean
check_rsa (EVP_PKEY *pkey, gboolean is_private, GError **error)
{
  g_autoptr (BIGNUM) n = NULL;
  g_autoptr (BIGNUM) e = NULL;
  g_autoptr (BIGNUM) p = NULL;
  int      bits;
  gboolean has_crt;

  if (EVP_PKEY_get_bn_param (pkey, OSSL_PKEY_PARAM_RSA_N, &n) != 1 ||
      EVP_PKEY_get_bn_param (pkey, OSSL_PKEY_PARAM_RSA_E, &e) != 1)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                            _ ("The RSA key is not valid"));
      return FALSE;
    }
  bits = BN_num_bits (n);
  if (bits < RSA_IMPORT_MIN_BITS || bits > RSA_IMPORT_MAX_BITS)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                            _ ("The RSA modulus size is not supported"));
      return FALSE;
    }
  if (!BN_is_odd (n))
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                            _ ("The RSA modulus is not valid"));
      return FALSE;
    }
  if (!BN_is_odd (e) || BN_is_one (e) || BN_cmp (e, n) >= 0)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                            _ ("The RSA public exponent is not valid"));
      return FALSE;
    }
  if (!is_private)
    return TRUE;
  has_crt = EVP_PKEY_get_bn_param (pkey, OSSL_PKEY_PARAM_RSA_FACTOR1, &p) == 1;
  ERR_clear_error ();
  if (has_crt ? !pairwise_check (pkey) : !pim_crypto_rsa_self_test (pkey))
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                            _ ("The RSA private key does not match its public key"));
      return FALSE;
    }
  return TRUE;
}

/* Wraps @pkey (transfer full), of a key type and curve Pim supports. If
 * @check (keys from outside), also checks that public keys are valid and
 * that private parts match them. */
PimCryptoKey *
pim_crypto_key_wrap (EVP_PKEY *pkey_in, gboolean is_private, gboolean check, GError **error)
{
  g_autoptr (EVP_PKEY) pkey = pkey_in;
  PimCryptoKey *key;

  if (EVP_PKEY_is_a (pkey, "RSA"))
    {
      if (check && !check_rsa (pkey, is_private, error))
        return NULL;
      key = pim_crypto_key_new (PIM_KEY_TYPE_RSA, g_steal_pointer (&pkey), is_private);
      key->bits = (guint) EVP_PKEY_get_bits (key->pkey);
      return key;
    }
  if (EVP_PKEY_is_a (pkey, "EC"))
    {
      char             group_name[64];
      const CurveInfo *curve = NULL;

      if (EVP_PKEY_get_utf8_string_param (pkey, OSSL_PKEY_PARAM_GROUP_NAME, group_name,
                                          sizeof group_name, NULL) == 1)
        curve = curve_by_group_name (group_name);
      if (curve == NULL)
        {
          pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                                _ ("The elliptic curve is not supported"));
          return NULL;
        }
      if (check && !public_check (pkey))
        {
          pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                                _ ("The public key is not a point on its curve"));
          return NULL;
        }
      if (check && is_private && !pairwise_check (pkey))
        {
          pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                                _ ("The private key does not match its public key"));
          return NULL;
        }
      key = pim_crypto_key_new (PIM_KEY_TYPE_EC, g_steal_pointer (&pkey), is_private);
      key->curve = curve->name;
      key->coord_size = curve->size;
      key->order = curve->order;
      key->bits = curve->bits;
      return key;
    }
  if (EVP_PKEY_is_a (pkey, "ED25519"))
    {
      if (check && is_private && !pairwise_check (pkey))
        {
          pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                                _ ("The private key does not match its public key"));
          return NULL;
        }
      key = pim_crypto_key_new (PIM_KEY_TYPE_OKP, g_steal_pointer (&pkey), is_private);
      key->curve = "Ed25519";
      key->coord_size = ED25519_SIZE;
      key->bits = 256;
      return key;
    }
  pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                        _ ("The key type is not supported"));
  return NULL;
}

EVP_PKEY *
pim_crypto_pkey_fromdata (const char *type, int selection, const OSSL_PARAM *params)
{
  g_autoptr (EVP_PKEY_CTX) ctx = EVP_PKEY_CTX_new_from_name (NULL, type, NULL);
  EVP_PKEY *pkey = NULL;

  if (ctx == NULL || EVP_PKEY_fromdata_init (ctx) != 1 ||
      EVP_PKEY_fromdata (ctx, &pkey, selection, (OSSL_PARAM *) params) != 1)
    {
      EVP_PKEY_free (pkey);
      return NULL;
    }
  return pkey;
}

PimCryptoKey *
pim_crypto_key_dup_public (PimCryptoKey *key)
{
  g_autoptr (OSSL_PARAM) params = NULL;
  EVP_PKEY     *pkey;
  PimCryptoKey *pub;

  g_return_val_if_fail (key != NULL, NULL);

  if (key->type == PIM_KEY_TYPE_OCT)
    return NULL;
  if (!key->is_private)
    return pim_crypto_key_ref (key);
  if (EVP_PKEY_todata (key->pkey, EVP_PKEY_PUBLIC_KEY, &params) != 1 ||
      (pkey = pim_crypto_pkey_fromdata (EVP_PKEY_get0_type_name (key->pkey), EVP_PKEY_PUBLIC_KEY,
                                        params)) == NULL)
    {
      ERR_clear_error ();
      g_critical ("Could not take the public part of a key");
      return NULL;
    }
  pub = pim_crypto_key_new (key->type, pkey, FALSE);
  pub->bits = key->bits;
  pub->curve = key->curve;
  pub->coord_size = key->coord_size;
  pub->order = key->order;
  return pub;
}

/* Randomness, comparison */

gboolean
pim_crypto_random_bytes (guint8 *buf, gsize len, GError **error)
{
  g_return_val_if_fail (buf != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  while (len > 0)
    {
      int chunk = (int) MIN (len, (gsize) G_MAXINT);

      if (RAND_bytes (buf, chunk) != 1)
        {
          pim_crypto_set_error (error, PIM_JOSE_ERROR_FAILED,
                                _ ("The random number generator failed"));
          return FALSE;
        }
      buf += chunk;
      len -= (gsize) chunk;
    }
  return TRUE;
}

gboolean
pim_crypto_equal (const void *a, const void *b, gsize len)
{
  g_return_val_if_fail ((a != NULL && b != NULL) || len == 0, FALSE);

  return len == 0 || CRYPTO_memcmp (a, b, len) == 0;
}
