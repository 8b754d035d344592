/* pim-crypto-sign.c: signing and verifying JWS, and digests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The JWS algorithms on libcrypto: the digests (fetched once), HMAC,
 * RSA PKCS #1 v1.5 and PSS, ECDSA with its raw r || s <-> DER conversion,
 * and EdDSA; the key's fit to the algorithm and the size policies. The
 * per-key state that makes verifying fast is in pim-crypto-templates.c.
 */

#include "pim-private.h"

#include <string.h>

#include "pim-crypto-openssl-private.h"

static const struct
{
  const char *name;
  gsize       size;
} digests[] = {
  [PIM_DIGEST_SHA256] = { OSSL_DIGEST_NAME_SHA2_256, 32 },
  [PIM_DIGEST_SHA384] = { OSSL_DIGEST_NAME_SHA2_384, 48 },
  [PIM_DIGEST_SHA512] = { OSSL_DIGEST_NAME_SHA2_512, 64 },
};

/* Implicit fetches on every call are slow in OpenSSL 3: the digests are
 * fetched once and kept for the life of the process. */
typedef struct
{
  EVP_MD *md[G_N_ELEMENTS (digests)];
} Algorithms;

static const Algorithms *
get_algorithms (void)
{
  static Algorithms algorithms;
  static gsize      initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (digests); i++)
        algorithms.md[i] = EVP_MD_fetch (NULL, digests[i].name, NULL);
      ERR_clear_error ();
      g_once_init_leave (&initialized, 1);
    }
  return &algorithms;
}

static PimDigest
alg_get_digest (PimJwsAlg alg)
{
  switch (alg)
    {
    case PIM_JWS_ALG_HS384:
    case PIM_JWS_ALG_RS384:
    case PIM_JWS_ALG_PS384:
    case PIM_JWS_ALG_ES384:
      return PIM_DIGEST_SHA384;
    case PIM_JWS_ALG_HS512:
    case PIM_JWS_ALG_RS512:
    case PIM_JWS_ALG_PS512:
    case PIM_JWS_ALG_ES512:
      return PIM_DIGEST_SHA512;
    case PIM_JWS_ALG_INVALID:
    case PIM_JWS_ALG_HS256:
    case PIM_JWS_ALG_RS256:
    case PIM_JWS_ALG_PS256:
    case PIM_JWS_ALG_ES256:
    case PIM_JWS_ALG_EDDSA:
    case PIM_JWS_ALG_LAST:
    default:
      return PIM_DIGEST_SHA256;
    }
}

gboolean
pim_crypto_alg_is_pss (PimJwsAlg alg)
{
  return alg == PIM_JWS_ALG_PS256 || alg == PIM_JWS_ALG_PS384 || alg == PIM_JWS_ALG_PS512;
}

/* The digest of a JWS algorithm, or NULL (with @error set) if the crypto
 * library lacks it. EdDSA has none and never asks. */
static const EVP_MD *
get_md (PimDigest digest, GError **error)
{
  const EVP_MD *md = get_algorithms ()->md[digest];

  if (G_UNLIKELY (md == NULL))
    pim_crypto_set_error (error, PIM_JOSE_ERROR_FAILED,
                          _ ("The crypto library lacks a required digest"));
  return md;
}

/* Signing and verifying with an EVP_PKEY */

gboolean
pim_crypto_set_pss (EVP_PKEY_CTX *pctx, const EVP_MD *md)
{
  /* RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash. */
  return EVP_PKEY_CTX_set_rsa_padding (pctx, RSA_PKCS1_PSS_PADDING) > 0 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen (pctx, RSA_PSS_SALTLEN_DIGEST) > 0 &&
         EVP_PKEY_CTX_set_rsa_mgf1_md (pctx, md) > 0;
}

/* Returns the signature (EVP_PKEY_get_size() bytes at most) or NULL. */
static guint8 *
digest_sign (EVP_PKEY     *pkey,
             const EVP_MD *md,
             gboolean      pss,
             const guint8 *data,
             gsize         len,
             gsize        *out_len)
{
  g_autoptr (EVP_MD_CTX) ctx = EVP_MD_CTX_new ();
  EVP_PKEY_CTX      *pctx = NULL;
  size_t             size = (size_t) EVP_PKEY_get_size (pkey);
  g_autofree guint8 *sig = g_malloc (MAX (size, 1));

  if (ctx == NULL || EVP_DigestSignInit (ctx, &pctx, md, NULL, pkey) != 1 ||
      (pss && !pim_crypto_set_pss (pctx, md)) || EVP_DigestSign (ctx, sig, &size, data, len) != 1)
    {
      ERR_clear_error ();
      return NULL;
    }
  *out_len = size;
  return g_steal_pointer (&sig);
}

/* Without a template: the key checks, and when a template cannot be made. */
gboolean
pim_crypto_digest_verify (EVP_PKEY     *pkey,
                          const EVP_MD *md,
                          gboolean      pss,
                          const guint8 *data,
                          gsize         len,
                          const guint8 *sig,
                          gsize         sig_len)
{
  EVP_MD_CTX   *ctx = EVP_MD_CTX_new ();
  EVP_PKEY_CTX *pctx = NULL;
  gboolean      ok;

  ok = ctx != NULL && EVP_DigestVerifyInit (ctx, &pctx, md, NULL, pkey) == 1 &&
       (!pss || pim_crypto_set_pss (pctx, md)) &&
       EVP_DigestVerify (ctx, sig, sig_len, data, len) == 1;
  EVP_MD_CTX_free (ctx);
  if (!ok)
    ERR_clear_error ();
  return ok;
}

/* An RSA private key without CRT parameters cannot go through libcrypto's
 * pairwise check: sign and verify once to prove d belongs to n and e. */
gboolean
pim_crypto_rsa_self_test (EVP_PKEY *pkey)
{
  static const guint8 message[] = "Pim RSA key consistency check";
  const EVP_MD       *md = get_algorithms ()->md[PIM_DIGEST_SHA256];
  g_autofree guint8  *sig = NULL;
  gsize               sig_len = 0;

  if (md == NULL)
    return FALSE;
  sig = digest_sign (pkey, md, FALSE, message, sizeof message, &sig_len);
  return sig != NULL &&
         pim_crypto_digest_verify (pkey, md, FALSE, message, sizeof message, sig, sig_len);
}

/* JWS ECDSA signatures are r || s, each of the coordinate size; libcrypto
 * takes and gives DER. Writes the DER INTEGER of a big-endian number. */
static gsize
der_put_integer (guint8 *out, const guint8 *num, gsize size)
{
  gsize pad;

  while (size > 1 && num[0] == 0)
    {
      num++;
      size--;
    }
  pad = (num[0] & 0x80) != 0 ? 1 : 0;
  out[0] = 0x02;
  out[1] = (guint8) (size + pad);
  out[2] = 0;
  memcpy (out + 2 + pad, num, size);
  return 2 + pad + size;
}

static gsize
ecdsa_raw_to_der (const guint8 *raw, gsize size, guint8 *der)
{
  guint8 body[ECDSA_DER_MAX];
  gsize  body_len, header_len;

  body_len = der_put_integer (body, raw, size);
  body_len += der_put_integer (body + body_len, raw + size, size);
  der[0] = 0x30;
  if (body_len < 0x80)
    {
      der[1] = (guint8) body_len;
      header_len = 2;
    }
  else
    {
      der[1] = 0x81;
      der[2] = (guint8) body_len;
      header_len = 3;
    }
  memcpy (der + header_len, body, body_len);
  return header_len + body_len;
}

static gboolean
is_zero (const guint8 *data, gsize len)
{
  guint8 acc = 0;

  for (gsize i = 0; i < len; i++)
    acc |= data[i];
  return acc == 0;
}

static guint8 *
ecdsa_der_to_raw (const guint8 *der, gsize der_len, gsize size)
{
  const unsigned char *p = der;
  g_autoptr (ECDSA_SIG) sig = d2i_ECDSA_SIG (NULL, &p, (long) der_len);
  const BIGNUM *r = NULL, *s = NULL;
  guint8       *raw;

  if (sig == NULL)
    return NULL;
  ECDSA_SIG_get0 (sig, &r, &s);
  raw = g_malloc (2 * size);
  if (BN_bn2binpad (r, raw, (int) size) < 0 || BN_bn2binpad (s, raw + size, (int) size) < 0)
    {
      g_free (raw);
      return NULL;
    }
  return raw;
}

/* Signing and verifying */

static gboolean
check_key_fits (PimCryptoKey *key, PimJwsAlg alg, GError **error)
{
  const char *curve;

  if (alg <= PIM_JWS_ALG_INVALID || alg >= PIM_JWS_ALG_LAST)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_UNSUPPORTED_ALG,
                            _ ("The algorithm is not supported"));
      return FALSE;
    }
  if (key->type != pim_jws_alg_get_key_type (alg))
    {
      g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH,
                   _ ("The key type does not fit the algorithm %s"), pim_jws_alg_get_name (alg));
      return FALSE;
    }
  curve = pim_jws_alg_get_curve (alg);
  if (curve != NULL && g_strcmp0 (curve, key->curve) != 0)
    {
      g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH,
                   _ ("The key’s curve does not fit the algorithm %s"), pim_jws_alg_get_name (alg));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_hmac_key (PimCryptoKey *key, PimDigest digest, GError **error)
{
  /* RFC 7518 §3.2: a key at least as long as the hash output. */
  if (key->secret_len < digests[digest].size)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_WEAK_KEY,
                            _ ("The HMAC key is shorter than the hash output"));
      return FALSE;
    }
  return TRUE;
}

GBytes *
pim_crypto_sign (PimCryptoKey *key, PimJwsAlg alg, const guint8 *data, gsize len, GError **error)
{
  PimDigest          digest;
  const EVP_MD      *md = NULL;
  g_autofree guint8 *sig = NULL;
  gsize              sig_len = 0;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_key_fits (key, alg, error))
    return NULL;
  if (!key->is_private)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_FAILED, _ ("A public key cannot sign"));
      return NULL;
    }
  if (data == NULL)
    data = (const guint8 *) "";
  digest = alg_get_digest (alg);
  if (key->type != PIM_KEY_TYPE_OKP && (md = get_md (digest, error)) == NULL)
    return NULL;

  switch (key->type)
    {
    case PIM_KEY_TYPE_OCT:
      {
        guint8 mac[EVP_MAX_MD_SIZE];
        gsize  mac_len = 0;

        if (!check_hmac_key (key, digest, error))
          return NULL;
        if (!pim_crypto_hmac (key, alg, md, data, len, mac, &mac_len))
          {
            pim_crypto_set_error (error, PIM_JOSE_ERROR_FAILED, _ ("Could not compute the HMAC"));
            return NULL;
          }
        return g_bytes_new (mac, mac_len);
      }
    case PIM_KEY_TYPE_RSA:
      if (key->bits < PIM_CRYPTO_MIN_RSA_BITS)
        {
          pim_crypto_set_error (error, PIM_JOSE_ERROR_WEAK_KEY,
                                _ ("RSA keys under 2048 bits are too weak to sign with"));
          return NULL;
        }
      sig = digest_sign (key->pkey, md, pim_crypto_alg_is_pss (alg), data, len, &sig_len);
      break;
    case PIM_KEY_TYPE_EC:
      {
        g_autofree guint8 *der = digest_sign (key->pkey, md, FALSE, data, len, &sig_len);

        sig = der != NULL ? ecdsa_der_to_raw (der, sig_len, key->coord_size) : NULL;
        sig_len = 2 * key->coord_size;
        break;
      }
    case PIM_KEY_TYPE_OKP:
      sig = digest_sign (key->pkey, NULL, FALSE, data, len, &sig_len);
      break;
    case PIM_KEY_TYPE_INVALID:
    default:
      g_assert_not_reached ();
    }
  if (sig == NULL)
    {
      pim_crypto_set_error (error, PIM_JOSE_ERROR_FAILED, _ ("Could not sign"));
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&sig), sig_len);
}

gboolean
pim_crypto_verify (PimCryptoKey *key,
                   PimJwsAlg     alg,
                   const guint8 *data,
                   gsize         len,
                   const guint8 *signature,
                   gsize         signature_len,
                   guint         min_rsa_bits,
                   GError      **error)
{
  PimDigest     digest;
  const EVP_MD *md = NULL;
  gboolean      ok = FALSE;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (signature != NULL || signature_len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_key_fits (key, alg, error))
    return FALSE;
  if (data == NULL)
    data = (const guint8 *) "";
  if (signature == NULL)
    signature = (const guint8 *) "";
  digest = alg_get_digest (alg);
  if (key->type != PIM_KEY_TYPE_OKP && (md = get_md (digest, error)) == NULL)
    return FALSE;

  switch (key->type)
    {
    case PIM_KEY_TYPE_OCT:
      {
        guint8 mac[EVP_MAX_MD_SIZE];
        gsize  mac_len = 0;

        if (!check_hmac_key (key, digest, error))
          return FALSE;
        if (!pim_crypto_hmac (key, alg, md, data, len, mac, &mac_len))
          {
            pim_crypto_set_error (error, PIM_JOSE_ERROR_FAILED, _ ("Could not compute the HMAC"));
            return FALSE;
          }
        ok = signature_len == mac_len && CRYPTO_memcmp (mac, signature, mac_len) == 0;
        break;
      }
    case PIM_KEY_TYPE_RSA:
      if (key->bits < min_rsa_bits)
        {
          pim_crypto_set_error (error, PIM_JOSE_ERROR_WEAK_KEY, _ ("The RSA key is too small"));
          return FALSE;
        }
      ok = signature_len == (gsize) EVP_PKEY_get_size (key->pkey) &&
           pim_crypto_pkey_verify (key, alg, md, data, len, signature, signature_len);
      break;
    case PIM_KEY_TYPE_EC:
      {
        gsize  size = key->coord_size;
        guint8 der[ECDSA_DER_MAX];
        gsize  der_len;

        /* Exactly r || s, which also refuses DER, each in [1, n - 1]
         * (SEC 1 §4.1.4; libcrypto checks the range again). */
        if (signature_len != 2 * size || is_zero (signature, size) ||
            is_zero (signature + size, size) || memcmp (signature, key->order, size) >= 0 ||
            memcmp (signature + size, key->order, size) >= 0)
          break;
        der_len = ecdsa_raw_to_der (signature, size, der);
        ok = pim_crypto_pkey_verify (key, alg, md, data, len, der, der_len);
        break;
      }
    case PIM_KEY_TYPE_OKP:
      ok = signature_len == ED25519_SIGNATURE_SIZE &&
           pim_crypto_eddsa_verify (key, data, len, signature, signature_len);
      break;
    case PIM_KEY_TYPE_INVALID:
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    g_set_error_literal (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_INVALID_SIGNATURE,
                         _ ("The signature does not verify"));
  return ok;
}

/* Digests */

gsize
pim_crypto_digest (PimDigest digest, const guint8 *data, gsize len, guint8 *out)
{
  const EVP_MD *md;
  unsigned int  out_len = 0;

  g_return_val_if_fail (digest < G_N_ELEMENTS (digests), 0);
  g_return_val_if_fail (data != NULL || len == 0, 0);
  g_return_val_if_fail (out != NULL, 0);

  md = get_algorithms ()->md[digest];
  if (md == NULL ||
      EVP_Digest (data != NULL ? data : (const guint8 *) "", len, out, &out_len, md, NULL) != 1)
    {
      ERR_clear_error ();
      g_critical ("The crypto library could not compute a digest");
      return 0;
    }
  return out_len;
}
