/* pim-crypto-private.h: the one boundary to the crypto library
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every cryptographic operation of Pim goes through these functions; only
 * the pim-crypto*.c files include the crypto library's headers (OpenSSL
 * libcrypto 3), through pim-crypto-openssl-private.h.
 * Keys are immutable and reference counted; verifying with one key from
 * several threads at once is safe.
 *
 * Errors are in PIM_JOSE_ERROR. Messages never contain key material.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "pim-jose-private.h"

G_BEGIN_DECLS

typedef struct _PimCryptoKey PimCryptoKey;

/* RSA keys this small are refused for signing always, and for verifying
 * unless the caller lowers min_rsa_bits. */
#define PIM_CRYPTO_MIN_RSA_BITS 2048

/* Imports the key members of a JWK (RFC 7517/7518, RFC 8037), after
 * checking them: members are strict base64url; RSA needs n and e, and for a
 * private key d with either all or none of p, q, dp, dq, qi ("oth" is
 * refused); EC needs crv (P-256, P-384, P-521) and x, y of exactly the
 * coordinate size, on the curve, and d of that size matching them; OKP
 * needs crv Ed25519 and a 32-byte x (and d, matching); oct needs a non-empty
 * k. Metadata (kid, use, alg, …) is not looked at.
 * Errors: MALFORMED (missing, mistyped or badly encoded members),
 * UNSUPPORTED_ALG (unknown kty or crv), KEY_CONVERSION_FAILED (a point off
 * its curve, inconsistent private members, anything the library refuses). */
G_GNUC_INTERNAL
PimCryptoKey *pim_crypto_key_new_from_jwk (JsonObject *jwk, GError **error);

/* Reads an optional string member of a JWK: *@out is NULL when absent;
 * another type is MALFORMED. Shared with the JWK parameters' reader. */
G_GNUC_INTERNAL
gboolean
pim_crypto_jwk_member_string (JsonObject *jwk, const char *name, const char **out, GError **error);

/* PEM: "PUBLIC KEY" (SPKI) or "PRIVATE KEY" (unencrypted PKCS#8); RSA, EC
 * on the three curves above, Ed25519. Anything else, or an encrypted key,
 * fails with KEY_CONVERSION_FAILED. */
G_GNUC_INTERNAL
PimCryptoKey *pim_crypto_key_new_from_pem (const char *pem, gsize len, GError **error);

/* A new random key: RSA of @rsa_bits (≥ 2048), EC on @curve, Ed25519, or
 * oct of @rsa_bits bits (≥ 256). */
G_GNUC_INTERNAL
PimCryptoKey *
pim_crypto_key_generate (PimKeyType type, guint bits, const char *curve, GError **error);

G_GNUC_INTERNAL
PimCryptoKey *pim_crypto_key_ref (PimCryptoKey *key);
G_GNUC_INTERNAL
void pim_crypto_key_unref (PimCryptoKey *key);

G_GNUC_INTERNAL
PimKeyType pim_crypto_key_get_key_type (PimCryptoKey *key);
/* RSA: modulus bits; EC: 256/384/521; OKP: 256; oct: secret bits. */
G_GNUC_INTERNAL
guint pim_crypto_key_get_bits (PimCryptoKey *key);
/* "P-256", "P-384", "P-521", "Ed25519", or NULL for RSA and oct. */
G_GNUC_INTERNAL
const char *pim_crypto_key_get_curve (PimCryptoKey *key);
/* TRUE for a private key, and always for oct (a shared secret). */
G_GNUC_INTERNAL
gboolean pim_crypto_key_is_private (PimCryptoKey *key);
/* The public part (a new key; the same key if it is already public).
 * NULL for oct, which has no public part. */
G_GNUC_INTERNAL
PimCryptoKey *pim_crypto_key_dup_public (PimCryptoKey *key);

/* Adds kty and the key members, base64url, in the RFC's canonical form
 * (RSA n and e without leading zero bytes, EC coordinates and d padded to
 * the curve size) to @out; private members only if @include_private. */
G_GNUC_INTERNAL
void pim_crypto_key_export_jwk (PimCryptoKey *key, gboolean include_private, JsonObject *out);

/* SPKI "PUBLIC KEY", or unencrypted PKCS#8 "PRIVATE KEY" if
 * @include_private (an error for a public key). oct cannot be PEM. */
G_GNUC_INTERNAL
char *pim_crypto_key_to_pem (PimCryptoKey *key, gboolean include_private, GError **error);

/* Signs with a private key (or oct). The key must fit the algorithm:
 * KEY_TYPE_MISMATCH for the wrong type or curve, WEAK_KEY for RSA under
 * PIM_CRYPTO_MIN_RSA_BITS or an HMAC secret shorter than the hash.
 * ECDSA signatures are raw r||s, each of the curve's size (RFC 7518 §3.4). */
G_GNUC_INTERNAL
GBytes *
pim_crypto_sign (PimCryptoKey *key, PimJwsAlg alg, const guint8 *data, gsize len, GError **error);

/* Verifies a JWS signature over @data. KEY_TYPE_MISMATCH for a key of the
 * wrong type or curve (no HMAC with an RSA key's bytes, no ES384 with a
 * P-256 key), WEAK_KEY for RSA under @min_rsa_bits, INVALID_SIGNATURE for
 * anything else that does not verify, including an ECDSA signature of the
 * wrong length or in DER, and r or s zero. HMAC compares in constant time. */
G_GNUC_INTERNAL
gboolean pim_crypto_verify (PimCryptoKey *key,
                            PimJwsAlg     alg,
                            const guint8 *data,
                            gsize         len,
                            const guint8 *signature,
                            gsize         signature_len,
                            guint         min_rsa_bits,
                            GError      **error);

/* @out has room for 64 bytes; returns the digest length. */
G_GNUC_INTERNAL
gsize pim_crypto_digest (PimDigest digest, const guint8 *data, gsize len, guint8 *out);

/* From the crypto library's CSPRNG; never GRand. */
G_GNUC_INTERNAL
gboolean pim_crypto_random_bytes (guint8 *buf, gsize len, GError **error);

/* Constant-time comparison of two buffers of the same length. */
G_GNUC_INTERNAL
gboolean pim_crypto_equal (const void *a, const void *b, gsize len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PimCryptoKey, pim_crypto_key_unref)

G_END_DECLS
