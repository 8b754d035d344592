/* pim-crypto-pem.c: keys to and from PEM
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * SPKI "PUBLIC KEY" and unencrypted PKCS #8 "PRIVATE KEY", through
 * libcrypto's decoders and encoders; encrypted keys are refused.
 */

#include "pim-private.h"

#include <string.h>

#include "pim-crypto-openssl-private.h"

/* PEM */

static int
refuse_passphrase (char            *pass,
                   size_t           pass_size,
                   size_t          *pass_len,
                   const OSSL_PARAM params[],
                   void            *arg)
{
  return 0;
}

PimCryptoKey *
pim_crypto_key_new_from_pem (const char *pem, gsize len, GError **error)
{
  static const char begin[] = "-----BEGIN ";
  static const char public_label[] = "PUBLIC KEY-----";
  static const char private_label[] = "PRIVATE KEY-----";
  static const char encrypted[] = "ENCRYPTED ";
  const char       *label;
  gsize             rest;
  gboolean          is_private;
  g_autoptr (OSSL_DECODER_CTX) ctx = NULL;
  EVP_PKEY            *pkey = NULL;
  const unsigned char *data = (const unsigned char *) pem;
  size_t               data_len = len;

  g_return_val_if_fail (pem != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  label = pem != NULL ? g_strstr_len (pem, (gssize) len, begin) : NULL;
  if (label != NULL)
    label += strlen (begin);
  rest = label != NULL ? len - (gsize) (label - pem) : 0;
  if (label != NULL && rest >= strlen (public_label) &&
      memcmp (label, public_label, strlen (public_label)) == 0)
    is_private = FALSE;
  else if (label != NULL && rest >= strlen (private_label) &&
           memcmp (label, private_label, strlen (private_label)) == 0)
    is_private = TRUE;
  else
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                            label != NULL && rest >= strlen (encrypted) &&
                                    memcmp (label, encrypted, strlen (encrypted)) == 0
                                ? _ ("Encrypted private keys are not supported")
                                : _ ("The PEM data is not a public key or an unencrypted PKCS #8 "
                                     "private "
                                     "key"));
      return NULL;
    }

  ctx = OSSL_DECODER_CTX_new_for_pkey (&pkey, "PEM",
                                       is_private ? "PrivateKeyInfo" : "SubjectPublicKeyInfo", NULL,
                                       is_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, NULL,
                                       NULL);
  if (ctx == NULL || OSSL_DECODER_CTX_set_passphrase_cb (ctx, refuse_passphrase, NULL) != 1 ||
      OSSL_DECODER_from_data (ctx, &data, &data_len) != 1 || pkey == NULL)
    {
      EVP_PKEY_free (pkey);
      pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                            _ ("The PEM key could not be read"));
      return NULL;
    }
  return pim_crypto_key_wrap (pkey, is_private, TRUE, error);
}

char *
pim_crypto_key_to_pem (PimCryptoKey *key, gboolean include_private, GError **error)
{
  g_autoptr (OSSL_ENCODER_CTX) ctx = NULL;
  unsigned char *data = NULL;
  size_t         data_len = 0;
  char          *pem;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (key->type == PIM_KEY_TYPE_OCT)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                            _ ("A symmetric key cannot be written as PEM"));
      return NULL;
    }
  if (include_private && !key->is_private)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                            _ ("The key has no private part"));
      return NULL;
    }
  ctx = OSSL_ENCODER_CTX_new_for_pkey (key->pkey,
                                       include_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                                       "PEM",
                                       include_private ? "PrivateKeyInfo" : "SubjectPublicKeyInfo",
                                       NULL);
  if (ctx == NULL || OSSL_ENCODER_CTX_get_num_encoders (ctx) == 0 ||
      OSSL_ENCODER_to_data (ctx, &data, &data_len) != 1)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                            _ ("Could not write the key as PEM"));
      return NULL;
    }
  pem = g_strndup ((const char *) data, data_len);
  OPENSSL_clear_free (data, data_len);
  return pem;
}
