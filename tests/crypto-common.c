/* crypto-common.c: what the crypto test programs share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The helpers of crypto-common.h: JWK import, base64url, signing and
 * verifying with assertions, and the keys generated once per program.
 */

#include "pim-private.h"

#include <string.h>

#include "crypto-common.h"
#include "pim-base64url-private.h"

/* A JWK of string members: name, value, …, NULL. */
JsonObject *
jwk_new (const char *first_name, ...)
{
  JsonObject *jwk = json_object_new ();
  va_list     args;

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    json_object_set_string_member (jwk, name, va_arg (args, const char *));
  va_end (args);
  return jwk;
}

PimCryptoKey *
import_ok (JsonObject *jwk)
{
  g_autoptr (GError) error = NULL;
  PimCryptoKey *key = pim_crypto_key_new_from_jwk (jwk, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  json_object_unref (jwk);
  return key;
}

GBytes *
b64 (const char *text)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes = pim_base64url_decode_len (text, strlen (text), &error);

  g_assert_no_error (error);
  return bytes;
}

char *
b64_encode (const guint8 *data, gsize len)
{
  gsize out_len = pim_base64url_encoded_length (len);
  char *out = g_malloc (out_len + 1);

  pim_base64url_encode_to (data, len, out);
  out[out_len] = '\0';
  return out;
}

void
assert_verifies (PimCryptoKey *key, PimJwsAlg alg, const char *input, GBytes *sig)
{
  g_autoptr (GError) error = NULL;
  gsize         sig_len = 0;
  const guint8 *sig_data = g_bytes_get_data (sig, &sig_len);

  g_assert_true (pim_crypto_verify (key, alg, (const guint8 *) input, strlen (input), sig_data,
                                    sig_len, PIM_CRYPTO_MIN_RSA_BITS, &error));
  g_assert_no_error (error);
}

void
assert_verify_fails (PimCryptoKey *key,
                     PimJwsAlg     alg,
                     const guint8 *data,
                     gsize         len,
                     const guint8 *sig,
                     gsize         sig_len,
                     PimJoseError  code)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (
      pim_crypto_verify (key, alg, data, len, sig, sig_len, PIM_CRYPTO_MIN_RSA_BITS, &error));
  g_assert_error (error, PIM_JOSE_ERROR, (gint) code);
}

GBytes *
sign_ok (PimCryptoKey *key, PimJwsAlg alg, const char *input)
{
  g_autoptr (GError) error = NULL;
  GBytes *sig = pim_crypto_sign (key, alg, (const guint8 *) input, strlen (input), &error);

  g_assert_no_error (error);
  g_assert_nonnull (sig);
  return sig;
}

void
sign_fails (PimCryptoKey *key, PimJwsAlg alg, PimJoseError code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) sig = pim_crypto_sign (key, alg, (const guint8 *) "x", 1, &error);

  g_assert_error (error, PIM_JOSE_ERROR, (gint) code);
  g_assert_null (sig);
}

JsonObject *export(PimCryptoKey *key, gboolean include_private)
{
  JsonObject *out = json_object_new ();

  pim_crypto_key_export_jwk (key, include_private, out);
  return out;
}

JsonObject *
a2_jwk (gboolean with_private, gboolean with_crt)
{
  JsonObject *jwk = jwk_new ("kty", "RSA", "n", A2_N, "e", A2_E, NULL);

  if (with_private)
    json_object_set_string_member (jwk, "d", A2_D);
  if (with_crt)
    {
      json_object_set_string_member (jwk, "p", A2_P);
      json_object_set_string_member (jwk, "q", A2_Q);
      json_object_set_string_member (jwk, "dp", A2_DP);
      json_object_set_string_member (jwk, "dq", A2_DQ);
      json_object_set_string_member (jwk, "qi", A2_QI);
    }
  return jwk;
}

/* Generated keys, made once: RSA key generation is slow. */
static PimCryptoKey *generated[PIM_JWS_ALG_LAST];

PimCryptoKey *
generate_ok (PimKeyType type, guint bits, const char *curve)
{
  g_autoptr (GError) error = NULL;
  PimCryptoKey *key = pim_crypto_key_generate (type, bits, curve, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

/* One key per algorithm; the RSA algorithms share one key, and so do
 * the HMAC ones. */
PimCryptoKey *
key_for_alg (PimJwsAlg alg)
{
  if (generated[alg] != NULL)
    return generated[alg];
  switch (pim_jws_alg_get_key_type (alg))
    {
    case PIM_KEY_TYPE_RSA:
      generated[alg] = alg == PIM_JWS_ALG_RS256
                           ? generate_ok (PIM_KEY_TYPE_RSA, 2048, NULL)
                           : pim_crypto_key_ref (key_for_alg (PIM_JWS_ALG_RS256));
      break;
    case PIM_KEY_TYPE_OCT:
      generated[alg] = alg == PIM_JWS_ALG_HS256
                           ? generate_ok (PIM_KEY_TYPE_OCT, 512, NULL)
                           : pim_crypto_key_ref (key_for_alg (PIM_JWS_ALG_HS256));
      break;
    case PIM_KEY_TYPE_EC:
      generated[alg] = generate_ok (PIM_KEY_TYPE_EC, 0, pim_jws_alg_get_curve (alg));
      break;
    case PIM_KEY_TYPE_OKP:
      generated[alg] = generate_ok (PIM_KEY_TYPE_OKP, 0, "Ed25519");
      break;
    case PIM_KEY_TYPE_INVALID:
    default:
      g_assert_not_reached ();
    }
  return generated[alg];
}

void
free_generated (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (generated); i++)
    g_clear_pointer (&generated[i], pim_crypto_key_unref);
}
