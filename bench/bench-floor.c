/* bench-floor.c: raw libcrypto verification, the floor
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "bench-floor.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <pim/pim.h>
#include <stdio.h>
#include <string.h>

const Algorithm bench_algorithms[5] = {
  { "RS256", "SHA256", FALSE, FALSE, FALSE }, { "PS256", "SHA256", TRUE, FALSE, FALSE },
  { "ES256", "SHA256", FALSE, TRUE, FALSE },  { "EdDSA", NULL, FALSE, FALSE, FALSE },
  { "HS256", "SHA256", FALSE, FALSE, TRUE },
};

static GBytes *
decode (const char *text, gsize len)
{
  g_autofree char *copy = g_strndup (text, len);

  return pim_base64url_decode (copy, NULL);
}

void
bench_prepare_floor (Token *t, const Algorithm *a)
{
  const char *dot = strrchr (t->token, '.');
  g_autoptr (GBytes) raw = decode (dot + 1, strlen (dot + 1));
  gsize         len = 0;
  const guint8 *data = g_bytes_get_data (raw, &len);

  t->input_len = (gsize) (dot - t->token);
  if (a->ecdsa)
    {
      ECDSA_SIG     *sig = ECDSA_SIG_new ();
      BIGNUM        *r = BN_bin2bn (data, (int) len / 2, NULL);
      BIGNUM        *s = BN_bin2bn (data + len / 2, (int) len / 2, NULL);
      unsigned char *der = NULL;
      int            der_len;

      ECDSA_SIG_set0 (sig, r, s);
      der_len = i2d_ECDSA_SIG (sig, &der);
      t->signature = g_memdup2 (der, (gsize) der_len);
      t->signature_len = (gsize) der_len;
      OPENSSL_free (der);
      ECDSA_SIG_free (sig);
    }
  else
    {
      t->signature = g_memdup2 (data, len);
      t->signature_len = len;
    }
}

gboolean
bench_floor_verify (const Algorithm *a,
                    EVP_PKEY        *pkey,
                    const EVP_MD    *md,
                    const guint8    *secret,
                    gsize            secret_len,
                    Token           *t)
{
  if (a->hmac)
    {
      guint8       mac[EVP_MAX_MD_SIZE];
      unsigned int mac_len = 0;

      HMAC (md, secret, (int) secret_len, (const guint8 *) t->token, t->input_len, mac, &mac_len);
      return mac_len == t->signature_len && CRYPTO_memcmp (mac, t->signature, mac_len) == 0;
    }
  else
    {
      EVP_MD_CTX   *ctx = EVP_MD_CTX_new ();
      EVP_PKEY_CTX *pctx = NULL;
      gboolean      ok;

      ok = EVP_DigestVerifyInit (ctx, &pctx, md, NULL, pkey) == 1;
      if (ok && a->pss)
        ok = EVP_PKEY_CTX_set_rsa_padding (pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
             EVP_PKEY_CTX_set_rsa_pss_saltlen (pctx, RSA_PSS_SALTLEN_DIGEST) == 1;
      ok = ok && EVP_DigestVerify (ctx, t->signature, t->signature_len, (const guint8 *) t->token,
                                   t->input_len) == 1;
      EVP_MD_CTX_free (ctx);
      return ok;
    }
}

double
bench_now (void)
{
  return (double) g_get_monotonic_time () / G_USEC_PER_SEC;
}
