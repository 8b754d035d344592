/* pim-crypto-templates.c: per-key state for verifying
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The templates a key keeps, one per algorithm, made on first use and then
 * shared by every thread: HMAC states (RFC 2104), EVP_PKEY_CTX ready to
 * verify (RSA, EC) and EVP_MD_CTX for EdDSA, and each thread's scratch
 * digest context. pim-crypto-sign.c calls them; the key frees them.
 */

#include "pim-private.h"

#include <string.h>

#include "pim-crypto-openssl-private.h"

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
      EVP_PKEY_CTX_set_signature_md (ctx, md) <= 0 || (pss && !pim_crypto_set_pss (ctx, md)))
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

void
pim_crypto_key_clear_templates (PimCryptoKey *key)
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
          tmpl = verify_ctx_new (key->pkey, md, pim_crypto_alg_is_pss (alg));
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
gboolean
pim_crypto_hmac (PimCryptoKey *key,
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
gboolean
pim_crypto_pkey_verify (PimCryptoKey *key,
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
    return pim_crypto_digest_verify (key->pkey, md, pim_crypto_alg_is_pss (alg), data, len, sig,
                                     sig_len);
  ctx = g_atomic_pointer_exchange (&key->spares[alg], NULL);
  if (ctx == NULL && (ctx = EVP_PKEY_CTX_dup (tmpl)) == NULL)
    {
      ERR_clear_error ();
      return pim_crypto_digest_verify (key->pkey, md, pim_crypto_alg_is_pss (alg), data, len, sig,
                                       sig_len);
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

gboolean
pim_crypto_eddsa_verify (PimCryptoKey *key,
                         const guint8 *data,
                         gsize         len,
                         const guint8 *sig,
                         gsize         sig_len)
{
  const EVP_MD_CTX *tmpl = get_template (key, PIM_JWS_ALG_EDDSA, NULL);
  EVP_MD_CTX       *ctx;
  gboolean          ok;

  if (G_UNLIKELY (tmpl == NULL))
    return pim_crypto_digest_verify (key->pkey, NULL, FALSE, data, len, sig, sig_len);
  ctx = EVP_MD_CTX_new ();
  ok = ctx != NULL && EVP_MD_CTX_copy_ex (ctx, tmpl) == 1 &&
       EVP_DigestVerify (ctx, sig, sig_len, data, len) == 1;
  EVP_MD_CTX_free (ctx);
  if (!ok)
    ERR_clear_error ();
  return ok;
}
