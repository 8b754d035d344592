/* bench-floor.h: raw libcrypto verification, the floor Pim is measured
 * against, shared by the benchmarks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Not part of the library: it includes libcrypto's headers to measure the
 * floor, which nothing in pim/ but the pim-crypto*.c files may do.
 */

#pragma once

#include <glib.h>
#include <openssl/evp.h>

typedef struct
{
  const char *alg;
  const char *md; /* NULL for EdDSA */
  gboolean    pss;
  gboolean    ecdsa;
  gboolean    hmac;
} Algorithm;

extern const Algorithm bench_algorithms[5];

typedef struct
{
  char   *token;
  gsize   input_len; /* header.payload */
  guint8 *signature; /* DER for ECDSA, as libcrypto wants it */
  gsize   signature_len;
} Token;

/* Decodes @t's signature for the floor, in advance. */
void bench_prepare_floor (Token *t, const Algorithm *a);
/* One raw verification of @t's signing input. */
gboolean bench_floor_verify (const Algorithm *a,
                             EVP_PKEY        *pkey,
                             const EVP_MD    *md,
                             const guint8    *secret,
                             gsize            secret_len,
                             Token           *t);
double   bench_now (void);
