/* pim-crypto-openssl-private.h: libcrypto inside the crypto boundary
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Shared by the pim-crypto*.c files, and only by them: libcrypto's headers
 * (OpenSSL 3 provider APIs only, deprecated calls hidden), the cleanup
 * functions of its types, the key object's instance and the internals one
 * file of the boundary calls in another. Nothing else may include it:
 * the rest of Pim sees pim-crypto-private.h.
 */

#pragma once

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

#include <glib.h>

#include "pim-crypto-private.h"
#include "pim-jose-error.h"
#include "pim-jose-private.h"

G_BEGIN_DECLS

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
   * (OKP), or NO_TEMPLATE. See get_template () in pim-crypto-templates.c. */
  gpointer templates[PIM_JWS_ALG_LAST];
  /* RSA, EC: a copy of the template that one call at a time takes (an
   * atomic exchange) and puts back, or NULL. See pim_crypto_pkey_verify (). */
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

/* pim-crypto.c: the key object */

/* Sets @error, and empties the thread's OpenSSL error queue so that
 * failures do not pile up there. */
G_GNUC_INTERNAL
void pim_crypto_set_error (GError **error, PimJoseError code, const char *message);

/* The curve of a JWK "crv", or NULL. */
G_GNUC_INTERNAL
const CurveInfo *pim_crypto_curve_by_name (const char *name);

/* A new key holding @pkey (transfer full, may be NULL for oct). */
G_GNUC_INTERNAL
PimCryptoKey *pim_crypto_key_new (PimKeyType type, EVP_PKEY *pkey, gboolean is_private);

/* A new oct key with a copy of @secret. */
G_GNUC_INTERNAL
PimCryptoKey *pim_crypto_key_new_oct (const guint8 *secret, gsize len);

/* Wraps @pkey (transfer full), of a key type and curve Pim supports. If
 * @check (keys from outside), also checks that public keys are valid and
 * that private parts match them. */
G_GNUC_INTERNAL
PimCryptoKey *
pim_crypto_key_wrap (EVP_PKEY *pkey_in, gboolean is_private, gboolean check, GError **error);

/* A new EVP_PKEY of @type from @params, or NULL. */
G_GNUC_INTERNAL
EVP_PKEY *pim_crypto_pkey_fromdata (const char *type, int selection, const OSSL_PARAM *params);

/* pim-crypto-sign.c: signing and verifying */

G_GNUC_INTERNAL
gboolean pim_crypto_alg_is_pss (PimJwsAlg alg);

/* RFC 7518 §3.5 PSS parameters on @pctx. */
G_GNUC_INTERNAL
gboolean pim_crypto_set_pss (EVP_PKEY_CTX *pctx, const EVP_MD *md);

/* Without a template: the key checks, and when a template cannot be made. */
G_GNUC_INTERNAL
gboolean pim_crypto_digest_verify (EVP_PKEY     *pkey,
                                   const EVP_MD *md,
                                   gboolean      pss,
                                   const guint8 *data,
                                   gsize         len,
                                   const guint8 *sig,
                                   gsize         sig_len);

/* An RSA private key without CRT parameters cannot go through libcrypto's
 * pairwise check: sign and verify once to prove d belongs to n and e. */
G_GNUC_INTERNAL
gboolean pim_crypto_rsa_self_test (EVP_PKEY *pkey);

/* pim-crypto-templates.c: per-key state for verifying */

/* Frees the key's templates and spares, when the key is freed. */
G_GNUC_INTERNAL
void pim_crypto_key_clear_templates (PimCryptoKey *key);

/* The HMAC of @data with @key (oct), EVP_MAX_MD_SIZE bytes at most. */
G_GNUC_INTERNAL
gboolean pim_crypto_hmac (PimCryptoKey *key,
                          PimJwsAlg     alg,
                          const EVP_MD *md,
                          const guint8 *data,
                          gsize         len,
                          guint8       *out,
                          gsize        *out_len);

/* RSA, EC: verifies the digest of @data with the spare context of the
 * template if no other call holds it, else with a copy. */
G_GNUC_INTERNAL
gboolean pim_crypto_pkey_verify (PimCryptoKey *key,
                                 PimJwsAlg     alg,
                                 const EVP_MD *md,
                                 const guint8 *data,
                                 gsize         len,
                                 const guint8 *sig,
                                 gsize         sig_len);

G_GNUC_INTERNAL
gboolean pim_crypto_eddsa_verify (PimCryptoKey *key,
                                  const guint8 *data,
                                  gsize         len,
                                  const guint8 *sig,
                                  gsize         sig_len);

G_END_DECLS
