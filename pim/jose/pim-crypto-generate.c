/* pim-crypto-generate.c: new random keys
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * RSA, EC, Ed25519 and oct keys from libcrypto's generators and CSPRNG,
 * with the same size policies as the imported keys.
 */

#include "pim-private.h"

#include <string.h>

#include "pim-crypto-openssl-private.h"

/* Generation */

static PimCryptoKey *
generate_pkey (const char *type, const OSSL_PARAM *params, GError **error)
{
  g_autoptr (EVP_PKEY_CTX) ctx = EVP_PKEY_CTX_new_from_name (NULL, type, NULL);
  EVP_PKEY *pkey = NULL;

  if (ctx == NULL || EVP_PKEY_keygen_init (ctx) != 1 ||
      (params != NULL && EVP_PKEY_CTX_set_params (ctx, params) != 1) ||
      EVP_PKEY_generate (ctx, &pkey) != 1)
    {
      EVP_PKEY_free (pkey);
      pim_crypto_set_error (error, PIM_JOSE_ERROR_FAILED, _ ("Could not generate a key"));
      return NULL;
    }
  /* Our own keys: no need for the import checks. */
  return pim_crypto_key_wrap (pkey, TRUE, FALSE, error);
}

PimCryptoKey *
pim_crypto_key_generate (PimKeyType type, guint bits, const char *curve, GError **error)
{
  OSSL_PARAM params[3];

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (type)
    {
    case PIM_KEY_TYPE_RSA:
      {
        size_t       rsa_bits = bits;
        unsigned int e = 65537;

        if (bits < PIM_CRYPTO_MIN_RSA_BITS)
          {
            pim_crypto_set_error (error, PIM_JOSE_ERROR_WEAK_KEY,
                                  _ ("RSA keys must have at least 2048 bits"));
            return NULL;
          }
        if (bits > RSA_IMPORT_MAX_BITS)
          {
            pim_crypto_set_error (error, PIM_JOSE_ERROR_FAILED,
                                  _ ("The RSA key size is not supported"));
            return NULL;
          }
        params[0] = OSSL_PARAM_construct_size_t (OSSL_PKEY_PARAM_RSA_BITS, &rsa_bits);
        params[1] = OSSL_PARAM_construct_uint (OSSL_PKEY_PARAM_RSA_E, &e);
        params[2] = OSSL_PARAM_construct_end ();
        return generate_pkey ("RSA", params, error);
      }
    case PIM_KEY_TYPE_EC:
      {
        const CurveInfo *info = pim_crypto_curve_by_name (curve);

        if (info == NULL)
          {
            pim_crypto_set_error (error, PIM_JOSE_ERROR_UNSUPPORTED_ALG,
                                  _ ("The elliptic curve is not supported"));
            return NULL;
          }
        params[0] = OSSL_PARAM_construct_utf8_string (OSSL_PKEY_PARAM_GROUP_NAME,
                                                      (char *) info->group_name, 0);
        params[1] = OSSL_PARAM_construct_end ();
        return generate_pkey ("EC", params, error);
      }
    case PIM_KEY_TYPE_OKP:
      if (curve != NULL && strcmp (curve, "Ed25519") != 0)
        {
          pim_crypto_set_error (error, PIM_JOSE_ERROR_UNSUPPORTED_ALG,
                                _ ("The OKP curve is not supported"));
          return NULL;
        }
      return generate_pkey ("ED25519", NULL, error);
    case PIM_KEY_TYPE_OCT:
      {
        g_autofree guint8 *secret = NULL;
        PimCryptoKey      *key;

        if (bits < 256)
          {
            pim_crypto_set_error (error, PIM_JOSE_ERROR_WEAK_KEY,
                                  _ ("Symmetric keys must have at least 256 bits"));
            return NULL;
          }
        if (bits % 8 != 0)
          {
            pim_crypto_set_error (error, PIM_JOSE_ERROR_FAILED,
                                  _ ("The size of a symmetric key must be a multiple of 8 bits"));
            return NULL;
          }
        secret = g_malloc (bits / 8);
        if (!pim_crypto_random_bytes (secret, bits / 8, error))
          return NULL;
        key = pim_crypto_key_new_oct (secret, bits / 8);
        OPENSSL_cleanse (secret, bits / 8);
        return key;
      }
    case PIM_KEY_TYPE_INVALID:
    default:
      pim_crypto_set_error (error, PIM_JOSE_ERROR_UNSUPPORTED_ALG,
                            _ ("The key type is not supported"));
      return NULL;
    }
}
