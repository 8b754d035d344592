/* pim-crypto.c: the crypto boundary, on OpenSSL's libcrypto 3
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The only file of Pim that includes libcrypto's headers. It uses the
 * OpenSSL 3 provider APIs only: deprecated calls (RSA_*, EC_KEY_*, …) are
 * hidden below and would not even compile.
 */

#include "pim-private.h"

#include <string.h>

#define OPENSSL_API_COMPAT    30000
#define OPENSSL_NO_DEPRECATED 1

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/encoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include "pim-base64url-private.h"
#include "pim-crypto-private.h"
#include "pim-jose-error.h"
#include "pim-jose-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIGNUM, BN_clear_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ECDSA_SIG, ECDSA_SIG_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_MD_CTX, EVP_MD_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY, EVP_PKEY_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY_CTX, EVP_PKEY_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OSSL_DECODER_CTX, OSSL_DECODER_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OSSL_ENCODER_CTX, OSSL_ENCODER_CTX_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OSSL_PARAM, OSSL_PARAM_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OSSL_PARAM_BLD, OSSL_PARAM_BLD_free)

/* RSA moduli outside this range are refused at import; the signing and
 * verifying policy (PIM_CRYPTO_MIN_RSA_BITS) is applied on use. */
#define RSA_IMPORT_MIN_BITS    512
#define RSA_IMPORT_MAX_BITS    16384
#define ED25519_SIZE           32
#define ED25519_SIGNATURE_SIZE 64
/* The largest coordinate (P-521) and its DER ECDSA signature. */
#define EC_MAX_SIZE   66
#define ECDSA_DER_MAX (3 + 2 * (3 + EC_MAX_SIZE))

struct _PimCryptoKey
{
  gatomicrefcount ref_count;
  PimKeyType      type;
  guint           bits;
  gboolean        is_private;
  const char     *curve;      /* static; NULL for RSA and oct */
  gsize           coord_size; /* EC: the coordinate size */
  const guint8   *order;      /* EC: the curve's order, of coord_size bytes */
  EVP_PKEY       *pkey;       /* NULL for oct */
  guint8         *secret;     /* oct */
  gsize           secret_len;
  /* Made on the first use of each algorithm, published with a
   * compare-and-exchange, then only read (by any number of threads) until
   * the key is freed: a HmacTemplate (oct), an EVP_PKEY_CTX ready for
   * EVP_PKEY_verify() (RSA, EC), an EVP_MD_CTX after EVP_DigestVerifyInit()
   * (OKP), or NO_TEMPLATE. See get_template (). */
  gpointer templates[PIM_JWS_ALG_LAST];
  /* RSA, EC: a copy of the template that one call at a time takes (an
   * atomic exchange) and puts back, or NULL. See pkey_verify (). */
  gpointer spares[PIM_JWS_ALG_LAST];
};

typedef struct
{
  const char   *name;       /* JWK "crv" */
  const char   *group_name; /* OpenSSL's */
  gsize         size;
  guint         bits;
  const guint8 *order; /* the group order n, big-endian, of @size bytes */
} CurveInfo;

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

/* Sets @error, and empties the thread's OpenSSL error queue so that
 * failures do not pile up there. */
static void
set_error (GError **error, PimJoseError code, const char *message)
{
  ERR_clear_error ();
  g_set_error_literal (error, PIM_JOSE_ERROR, code, message);
}

static const CurveInfo *
curve_by_name (const char *name)
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

static gboolean
alg_is_pss (PimJwsAlg alg)
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
    set_error (error, PIM_JOSE_ERROR_FAILED, _ ("The crypto library lacks a required digest"));
  return md;
}

/* Key objects */

static void key_clear_templates (PimCryptoKey *key);

static PimCryptoKey *
key_new (PimKeyType type, EVP_PKEY *pkey, gboolean is_private)
{
  PimCryptoKey *key = g_new0 (PimCryptoKey, 1);

  g_atomic_ref_count_init (&key->ref_count);
  key->type = type;
  key->pkey = pkey;
  key->is_private = is_private;
  return key;
}

static PimCryptoKey *
key_new_oct (const guint8 *secret, gsize len)
{
  PimCryptoKey *key = key_new (PIM_KEY_TYPE_OCT, NULL, TRUE);

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
  key_clear_templates (key);
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

/* Signing and verifying with an EVP_PKEY */

static gboolean
set_pss (EVP_PKEY_CTX *pctx, const EVP_MD *md)
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
      (pss && !set_pss (pctx, md)) || EVP_DigestSign (ctx, sig, &size, data, len) != 1)
    {
      ERR_clear_error ();
      return NULL;
    }
  *out_len = size;
  return g_steal_pointer (&sig);
}

/* Without a template: the key checks, and when a template cannot be made. */
static gboolean
digest_verify (EVP_PKEY     *pkey,
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
       (!pss || set_pss (pctx, md)) && EVP_DigestVerify (ctx, sig, sig_len, data, len) == 1;
  EVP_MD_CTX_free (ctx);
  if (!ok)
    ERR_clear_error ();
  return ok;
}

/* Per-key state for verifying
 *
 * Setting up a verification costs libcrypto more than an HMAC, and a good
 * part of an RSA verification: fetching the signature implementation,
 * exporting the key to its provider, setting the parameters. That is done
 * once per key and algorithm, on first use, into a template that each call
 * copies, or for RSA and EC takes as it is when no other call has it. */

static char no_template;
/* EdDSA when libcrypto cannot copy the context (early 3.0 releases). */
#define NO_TEMPLATE ((gpointer) &no_template)

/* Each thread's EVP_MD_CTX for HMAC and the digests to verify: allocating
 * one per call, and taking and dropping its reference to the shared digest,
 * is a good part of an HMAC. */
static GPrivate scratch_md_ctx = G_PRIVATE_INIT ((GDestroyNotify) EVP_MD_CTX_free);

static EVP_MD_CTX *
get_scratch_md_ctx (void)
{
  EVP_MD_CTX *ctx = g_private_get (&scratch_md_ctx);

  if (G_UNLIKELY (ctx == NULL))
    {
      ctx = EVP_MD_CTX_new ();
      g_private_set (&scratch_md_ctx, ctx);
    }
  return ctx;
}

/* HMAC (RFC 2104) on the digest: its states after the first block, the
 * key (hashed if longer than a block) padded with zeros and XORed with
 * ipad, and with opad. */
typedef struct
{
  EVP_MD_CTX *inner;
  EVP_MD_CTX *outer;
} HmacTemplate;

/* The block size of SHA-384 and SHA-512. */
#define HMAC_MAX_BLOCK 128

static void
hmac_template_free (HmacTemplate *tmpl)
{
  /* The provider wipes the states as it frees them. */
  EVP_MD_CTX_free (tmpl->inner);
  EVP_MD_CTX_free (tmpl->outer);
  g_free (tmpl);
}

/* XORs @block with @pad, and starts @ctx with it. */
static gboolean
hmac_start (EVP_MD_CTX *ctx, const EVP_MD *md, guint8 *block, gsize block_size, guint8 pad)
{
  for (gsize i = 0; i < block_size; i++)
    block[i] ^= pad;
  return EVP_DigestInit_ex2 (ctx, md, NULL) == 1 && EVP_DigestUpdate (ctx, block, block_size) == 1;
}

static HmacTemplate *
hmac_template_new (const EVP_MD *md, const guint8 *secret, gsize secret_len)
{
  HmacTemplate *tmpl = g_new0 (HmacTemplate, 1);
  guint8        block[HMAC_MAX_BLOCK] = { 0 };
  int           block_size = EVP_MD_get_block_size (md);
  unsigned int  hashed_len = 0;
  gboolean      ok;

  tmpl->inner = EVP_MD_CTX_new ();
  tmpl->outer = EVP_MD_CTX_new ();
  ok = tmpl->inner != NULL && tmpl->outer != NULL && block_size >= EVP_MD_get_size (md) &&
       block_size <= HMAC_MAX_BLOCK;
  if (ok && secret_len > (gsize) block_size)
    ok = EVP_Digest (secret, secret_len, block, &hashed_len, md, NULL) == 1;
  else if (ok)
    memcpy (block, secret, secret_len);
  /* The block is key ^ ipad, then key ^ opad. */
  ok = ok && hmac_start (tmpl->inner, md, block, (gsize) block_size, 0x36) &&
       hmac_start (tmpl->outer, md, block, (gsize) block_size, 0x36 ^ 0x5c);
  OPENSSL_cleanse (block, sizeof block);
  if (!ok)
    {
      ERR_clear_error ();
      hmac_template_free (tmpl);
      return NULL;
    }
  return tmpl;
}

/* Writes the MAC (EVP_MAX_MD_SIZE bytes at most), computed in the thread's
 * scratch context from copies of the template's states. */
static gboolean
hmac_compute (const HmacTemplate *tmpl, const guint8 *data, gsize len, guint8 *out, gsize *out_len)
{
  EVP_MD_CTX  *ctx = get_scratch_md_ctx ();
  unsigned int size = 0;
  gboolean     ok;

  ok = ctx != NULL && EVP_MD_CTX_copy_ex (ctx, tmpl->inner) == 1 &&
       EVP_DigestUpdate (ctx, data, len) == 1 && EVP_DigestFinal_ex (ctx, out, &size) == 1 &&
       EVP_MD_CTX_copy_ex (ctx, tmpl->outer) == 1 && EVP_DigestUpdate (ctx, out, size) == 1 &&
       EVP_DigestFinal_ex (ctx, out, &size) == 1;
  if (!ok)
    {
      ERR_clear_error ();
      return FALSE;
    }
  *out_len = size;
  return TRUE;
}

/* RSA, EC: a context for EVP_PKEY_verify() of a digest. */
static EVP_PKEY_CTX *
verify_ctx_new (EVP_PKEY *pkey, const EVP_MD *md, gboolean pss)
{
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey (NULL, pkey, NULL);

  if (ctx == NULL || EVP_PKEY_verify_init (ctx) != 1 ||
      EVP_PKEY_CTX_set_signature_md (ctx, md) <= 0 || (pss && !set_pss (ctx, md)))
    {
      ERR_clear_error ();
      EVP_PKEY_CTX_free (ctx);
      return NULL;
    }
  return ctx;
}

static gpointer
eddsa_template_new (EVP_PKEY *pkey)
{
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  EVP_MD_CTX *probe = EVP_MD_CTX_new ();
  gpointer    tmpl = NULL;

  if (ctx != NULL && probe != NULL && EVP_DigestVerifyInit (ctx, NULL, NULL, NULL, pkey) == 1)
    tmpl = EVP_MD_CTX_copy_ex (probe, ctx) == 1 ? g_steal_pointer (&ctx) : NO_TEMPLATE;
  EVP_MD_CTX_free (probe);
  EVP_MD_CTX_free (ctx);
  ERR_clear_error ();
  return tmpl;
}

static void
template_free (PimKeyType type, gpointer tmpl)
{
  if (tmpl == NULL || tmpl == NO_TEMPLATE)
    return;
  switch (type)
    {
    case PIM_KEY_TYPE_OCT:
      hmac_template_free (tmpl);
      break;
    case PIM_KEY_TYPE_RSA:
    case PIM_KEY_TYPE_EC:
      EVP_PKEY_CTX_free (tmpl);
      break;
    case PIM_KEY_TYPE_OKP:
      EVP_MD_CTX_free (tmpl);
      break;
    case PIM_KEY_TYPE_INVALID:
    default:
      g_assert_not_reached ();
    }
}

static void
key_clear_templates (PimCryptoKey *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (key->templates); i++)
    {
      template_free (key->type, key->templates[i]);
      EVP_PKEY_CTX_free (key->spares[i]);
    }
}

/* The template of @alg (which fits @key), made on first use; NULL if it
 * cannot be made, or for NO_TEMPLATE. Thread-safe: if threads race to make
 * it, the first to publish it wins and the others free theirs. */
static gpointer
get_template (PimCryptoKey *key, PimJwsAlg alg, const EVP_MD *md)
{
  gpointer tmpl = g_atomic_pointer_get (&key->templates[alg]);

  if (G_UNLIKELY (tmpl == NULL))
    {
      switch (key->type)
        {
        case PIM_KEY_TYPE_OCT:
          tmpl = hmac_template_new (md, key->secret, key->secret_len);
          break;
        case PIM_KEY_TYPE_RSA:
        case PIM_KEY_TYPE_EC:
          tmpl = verify_ctx_new (key->pkey, md, alg_is_pss (alg));
          break;
        case PIM_KEY_TYPE_OKP:
          tmpl = eddsa_template_new (key->pkey);
          break;
        case PIM_KEY_TYPE_INVALID:
        default:
          g_assert_not_reached ();
        }
      /* A failure is not kept: the next call tries again. */
      if (tmpl == NULL)
        return NULL;
      if (!g_atomic_pointer_compare_and_exchange (&key->templates[alg], NULL, tmpl))
        {
          template_free (key->type, tmpl);
          tmpl = g_atomic_pointer_get (&key->templates[alg]);
        }
    }
  return tmpl != NO_TEMPLATE ? tmpl : NULL;
}

/* The HMAC of @data with @key (oct), EVP_MAX_MD_SIZE bytes at most. */
static gboolean
hmac (PimCryptoKey *key,
      PimJwsAlg     alg,
      const EVP_MD *md,
      const guint8 *data,
      gsize         len,
      guint8       *out,
      gsize        *out_len)
{
  const HmacTemplate *tmpl = get_template (key, alg, md);

  return tmpl != NULL && hmac_compute (tmpl, data, len, out, out_len);
}

/* RSA, EC: verifies the digest of @data with the spare context of the
 * template if no other call holds it, else with a copy. */
static gboolean
pkey_verify (PimCryptoKey *key,
             PimJwsAlg     alg,
             const EVP_MD *md,
             const guint8 *data,
             gsize         len,
             const guint8 *sig,
             gsize         sig_len)
{
  const EVP_PKEY_CTX *tmpl = get_template (key, alg, md);
  EVP_MD_CTX         *md_ctx;
  EVP_PKEY_CTX       *ctx;
  guint8              hash[EVP_MAX_MD_SIZE];
  unsigned int        hash_len = 0;
  gboolean            ok;

  if (G_UNLIKELY (tmpl == NULL))
    return digest_verify (key->pkey, md, alg_is_pss (alg), data, len, sig, sig_len);
  ctx = g_atomic_pointer_exchange (&key->spares[alg], NULL);
  if (ctx == NULL && (ctx = EVP_PKEY_CTX_dup (tmpl)) == NULL)
    {
      ERR_clear_error ();
      return digest_verify (key->pkey, md, alg_is_pss (alg), data, len, sig, sig_len);
    }
  md_ctx = get_scratch_md_ctx ();
  ok = md_ctx != NULL && EVP_DigestInit_ex2 (md_ctx, md, NULL) == 1 &&
       EVP_DigestUpdate (md_ctx, data, len) == 1 &&
       EVP_DigestFinal_ex (md_ctx, hash, &hash_len) == 1 &&
       EVP_PKEY_verify (ctx, sig, sig_len, hash, hash_len) == 1;
  if (!g_atomic_pointer_compare_and_exchange (&key->spares[alg], NULL, ctx))
    EVP_PKEY_CTX_free (ctx);
  if (!ok)
    ERR_clear_error ();
  return ok;
}

static gboolean
eddsa_verify (PimCryptoKey *key, const guint8 *data, gsize len, const guint8 *sig, gsize sig_len)
{
  const EVP_MD_CTX *tmpl = get_template (key, PIM_JWS_ALG_EDDSA, NULL);
  EVP_MD_CTX       *ctx;
  gboolean          ok;

  if (G_UNLIKELY (tmpl == NULL))
    return digest_verify (key->pkey, NULL, FALSE, data, len, sig, sig_len);
  ctx = EVP_MD_CTX_new ();
  ok = ctx != NULL && EVP_MD_CTX_copy_ex (ctx, tmpl) == 1 &&
       EVP_DigestVerify (ctx, sig, sig_len, data, len) == 1;
  EVP_MD_CTX_free (ctx);
  if (!ok)
    ERR_clear_error ();
  return ok;
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

/* Key checks */

/* An RSA private key without CRT parameters cannot go through libcrypto's
 * pairwise check: sign and verify once to prove d belongs to n and e. */
static gboolean
rsa_self_test (EVP_PKEY *pkey)
{
  static const guint8 message[] = "Pim RSA key consistency check";
  const EVP_MD       *md = get_algorithms ()->md[PIM_DIGEST_SHA256];
  g_autofree guint8  *sig = NULL;
  gsize               sig_len = 0;

  if (md == NULL)
    return FALSE;
  sig = digest_sign (pkey, md, FALSE, message, sizeof message, &sig_len);
  return sig != NULL && digest_verify (pkey, md, FALSE, message, sizeof message, sig, sig_len);
}

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
      set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED, _ ("The RSA key is not valid"));
      return FALSE;
    }
  bits = BN_num_bits (n);
  if (bits < RSA_IMPORT_MIN_BITS || bits > RSA_IMPORT_MAX_BITS)
    {
      set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                 _ ("The RSA modulus size is not supported"));
      return FALSE;
    }
  if (!BN_is_odd (n))
    {
      set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED, _ ("The RSA modulus is not valid"));
      return FALSE;
    }
  if (!BN_is_odd (e) || BN_is_one (e) || BN_cmp (e, n) >= 0)
    {
      set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                 _ ("The RSA public exponent is not valid"));
      return FALSE;
    }
  if (!is_private)
    return TRUE;
  has_crt = EVP_PKEY_get_bn_param (pkey, OSSL_PKEY_PARAM_RSA_FACTOR1, &p) == 1;
  ERR_clear_error ();
  if (has_crt ? !pairwise_check (pkey) : !rsa_self_test (pkey))
    {
      set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                 _ ("The RSA private key does not match its public key"));
      return FALSE;
    }
  return TRUE;
}

/* Wraps @pkey (transfer full), of a key type and curve Pim supports. If
 * @check (keys from outside), also checks that public keys are valid and
 * that private parts match them. */
static PimCryptoKey *
key_wrap (EVP_PKEY *pkey_in, gboolean is_private, gboolean check, GError **error)
{
  g_autoptr (EVP_PKEY) pkey = pkey_in;
  PimCryptoKey *key;

  if (EVP_PKEY_is_a (pkey, "RSA"))
    {
      if (check && !check_rsa (pkey, is_private, error))
        return NULL;
      key = key_new (PIM_KEY_TYPE_RSA, g_steal_pointer (&pkey), is_private);
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
          set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                     _ ("The elliptic curve is not supported"));
          return NULL;
        }
      if (check && !public_check (pkey))
        {
          set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                     _ ("The public key is not a point on its curve"));
          return NULL;
        }
      if (check && is_private && !pairwise_check (pkey))
        {
          set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                     _ ("The private key does not match its public key"));
          return NULL;
        }
      key = key_new (PIM_KEY_TYPE_EC, g_steal_pointer (&pkey), is_private);
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
          set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                     _ ("The private key does not match its public key"));
          return NULL;
        }
      key = key_new (PIM_KEY_TYPE_OKP, g_steal_pointer (&pkey), is_private);
      key->curve = "Ed25519";
      key->coord_size = ED25519_SIZE;
      key->bits = 256;
      return key;
    }
  set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED, _ ("The key type is not supported"));
  return NULL;
}

static EVP_PKEY *
pkey_fromdata (const char *type, int selection, const OSSL_PARAM *params)
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
      set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
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
      set_error (error, PIM_JOSE_ERROR_MALFORMED,
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
  pkey = pkey_fromdata ("RSA", d.data != NULL ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params);
  if (pkey == NULL)
    goto conversion_failed;
  ok = TRUE;
  goto out;

conversion_failed:
  set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED, _ ("The RSA key is not valid"));
out:
  for (gsize i = 0; i < G_N_ELEMENTS (crt); i++)
    octets_clear (&crt[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (bns); i++)
    BN_clear_free (bns[i]);
  if (!ok)
    return NULL;
  return key_wrap (pkey, d.data != NULL, TRUE, error);
}

static PimCryptoKey *
ec_from_jwk (JsonObject *jwk, const char *crv, GError **error)
{
  const CurveInfo *curve = curve_by_name (crv);
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
      set_error (error, PIM_JOSE_ERROR_UNSUPPORTED_ALG, _ ("The elliptic curve is not supported"));
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
      set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED, _ ("The EC key is not valid"));
      return NULL;
    }
  pkey = pkey_fromdata ("EC", d.data != NULL ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params);
  if (pkey == NULL)
    {
      /* libcrypto already refuses most points off the curve here. */
      set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED, _ ("The EC key is not valid"));
      return NULL;
    }
  return key_wrap (pkey, d.data != NULL, TRUE, error);
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
      set_error (error, PIM_JOSE_ERROR_UNSUPPORTED_ALG, _ ("The OKP curve is not supported"));
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
          set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                     _ ("The Ed25519 key is not valid"));
          return NULL;
        }
      return key_wrap (g_steal_pointer (&pkey), FALSE, TRUE, error);
    }
  pkey = EVP_PKEY_new_raw_private_key_ex (NULL, "ED25519", NULL, d.data, d.len);
  if (pkey == NULL || EVP_PKEY_get_raw_public_key (pkey, derived, &derived_len) != 1 ||
      derived_len != ED25519_SIZE)
    {
      set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED, _ ("The Ed25519 key is not valid"));
      return NULL;
    }
  if (CRYPTO_memcmp (derived, x.data, ED25519_SIZE) != 0)
    {
      set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                 _ ("The private key does not match its public key"));
      return NULL;
    }
  return key_wrap (g_steal_pointer (&pkey), TRUE, TRUE, error);
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
      set_error (error, PIM_JOSE_ERROR_MALFORMED, _ ("The JWK has no key type"));
      return NULL;
    }
  if (strcmp (kty, "RSA") == 0)
    return rsa_from_jwk (jwk, error);
  if (strcmp (kty, "oct") == 0)
    {
      g_auto (Octets) k = { 0 };

      if (!decode_member (jwk, "k", TRUE, &k, error))
        return NULL;
      return key_new_oct (k.data, k.len);
    }
  if (strcmp (kty, "EC") != 0 && strcmp (kty, "OKP") != 0)
    {
      set_error (error, PIM_JOSE_ERROR_UNSUPPORTED_ALG, _ ("The JWK key type is not supported"));
      return NULL;
    }
  if (!pim_crypto_jwk_member_string (jwk, "crv", &crv, error))
    return NULL;
  if (crv == NULL)
    {
      set_error (error, PIM_JOSE_ERROR_MALFORMED, _ ("The JWK has no curve"));
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
      set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                 label != NULL && rest >= strlen (encrypted) &&
                         memcmp (label, encrypted, strlen (encrypted)) == 0
                     ? _ ("Encrypted private keys are not supported")
                     : _ ("The PEM data is not a public key or an unencrypted PKCS #8 private "
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
      set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED, _ ("The PEM key could not be read"));
      return NULL;
    }
  return key_wrap (pkey, is_private, TRUE, error);
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
      set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED,
                 _ ("A symmetric key cannot be written as PEM"));
      return NULL;
    }
  if (include_private && !key->is_private)
    {
      set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED, _ ("The key has no private part"));
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
      set_error (error, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED, _ ("Could not write the key as PEM"));
      return NULL;
    }
  pem = g_strndup ((const char *) data, data_len);
  OPENSSL_clear_free (data, data_len);
  return pem;
}

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
      set_error (error, PIM_JOSE_ERROR_FAILED, _ ("Could not generate a key"));
      return NULL;
    }
  /* Our own keys: no need for the import checks. */
  return key_wrap (pkey, TRUE, FALSE, error);
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
            set_error (error, PIM_JOSE_ERROR_WEAK_KEY, _ ("RSA keys must have at least 2048 bits"));
            return NULL;
          }
        if (bits > RSA_IMPORT_MAX_BITS)
          {
            set_error (error, PIM_JOSE_ERROR_FAILED, _ ("The RSA key size is not supported"));
            return NULL;
          }
        params[0] = OSSL_PARAM_construct_size_t (OSSL_PKEY_PARAM_RSA_BITS, &rsa_bits);
        params[1] = OSSL_PARAM_construct_uint (OSSL_PKEY_PARAM_RSA_E, &e);
        params[2] = OSSL_PARAM_construct_end ();
        return generate_pkey ("RSA", params, error);
      }
    case PIM_KEY_TYPE_EC:
      {
        const CurveInfo *info = curve_by_name (curve);

        if (info == NULL)
          {
            set_error (error, PIM_JOSE_ERROR_UNSUPPORTED_ALG,
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
          set_error (error, PIM_JOSE_ERROR_UNSUPPORTED_ALG, _ ("The OKP curve is not supported"));
          return NULL;
        }
      return generate_pkey ("ED25519", NULL, error);
    case PIM_KEY_TYPE_OCT:
      {
        g_autofree guint8 *secret = NULL;
        PimCryptoKey      *key;

        if (bits < 256)
          {
            set_error (error, PIM_JOSE_ERROR_WEAK_KEY,
                       _ ("Symmetric keys must have at least 256 bits"));
            return NULL;
          }
        if (bits % 8 != 0)
          {
            set_error (error, PIM_JOSE_ERROR_FAILED,
                       _ ("The size of a symmetric key must be a multiple of 8 bits"));
            return NULL;
          }
        secret = g_malloc (bits / 8);
        if (!pim_crypto_random_bytes (secret, bits / 8, error))
          return NULL;
        key = key_new_oct (secret, bits / 8);
        OPENSSL_cleanse (secret, bits / 8);
        return key;
      }
    case PIM_KEY_TYPE_INVALID:
    default:
      set_error (error, PIM_JOSE_ERROR_UNSUPPORTED_ALG, _ ("The key type is not supported"));
      return NULL;
    }
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
      (pkey = pkey_fromdata (EVP_PKEY_get0_type_name (key->pkey), EVP_PKEY_PUBLIC_KEY, params)) ==
          NULL)
    {
      ERR_clear_error ();
      g_critical ("Could not take the public part of a key");
      return NULL;
    }
  pub = key_new (key->type, pkey, FALSE);
  pub->bits = key->bits;
  pub->curve = key->curve;
  pub->coord_size = key->coord_size;
  pub->order = key->order;
  return pub;
}

/* Signing and verifying */

static gboolean
check_key_fits (PimCryptoKey *key, PimJwsAlg alg, GError **error)
{
  const char *curve;

  if (alg <= PIM_JWS_ALG_INVALID || alg >= PIM_JWS_ALG_LAST)
    {
      set_error (error, PIM_JOSE_ERROR_UNSUPPORTED_ALG, _ ("The algorithm is not supported"));
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
      set_error (error, PIM_JOSE_ERROR_WEAK_KEY,
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
      set_error (error, PIM_JOSE_ERROR_FAILED, _ ("A public key cannot sign"));
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
        if (!hmac (key, alg, md, data, len, mac, &mac_len))
          {
            set_error (error, PIM_JOSE_ERROR_FAILED, _ ("Could not compute the HMAC"));
            return NULL;
          }
        return g_bytes_new (mac, mac_len);
      }
    case PIM_KEY_TYPE_RSA:
      if (key->bits < PIM_CRYPTO_MIN_RSA_BITS)
        {
          set_error (error, PIM_JOSE_ERROR_WEAK_KEY,
                     _ ("RSA keys under 2048 bits are too weak to sign with"));
          return NULL;
        }
      sig = digest_sign (key->pkey, md, alg_is_pss (alg), data, len, &sig_len);
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
      set_error (error, PIM_JOSE_ERROR_FAILED, _ ("Could not sign"));
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
        if (!hmac (key, alg, md, data, len, mac, &mac_len))
          {
            set_error (error, PIM_JOSE_ERROR_FAILED, _ ("Could not compute the HMAC"));
            return FALSE;
          }
        ok = signature_len == mac_len && CRYPTO_memcmp (mac, signature, mac_len) == 0;
        break;
      }
    case PIM_KEY_TYPE_RSA:
      if (key->bits < min_rsa_bits)
        {
          set_error (error, PIM_JOSE_ERROR_WEAK_KEY, _ ("The RSA key is too small"));
          return FALSE;
        }
      ok = signature_len == (gsize) EVP_PKEY_get_size (key->pkey) &&
           pkey_verify (key, alg, md, data, len, signature, signature_len);
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
        ok = pkey_verify (key, alg, md, data, len, der, der_len);
        break;
      }
    case PIM_KEY_TYPE_OKP:
      ok = signature_len == ED25519_SIGNATURE_SIZE &&
           eddsa_verify (key, data, len, signature, signature_len);
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

/* Digests, randomness, comparison */

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
          set_error (error, PIM_JOSE_ERROR_FAILED, _ ("The random number generator failed"));
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
