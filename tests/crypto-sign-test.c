/* crypto-sign-test.c: digests, randomness, key generation, signing and
 * verifying (pim/jose/pim-crypto-private.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The crypto boundary's primitives on keys it generates: every algorithm
 * signs and verifies, refuses what it must (algorithm confusion, ECDSA
 * signatures in the wrong format or out of range), and keeps working when
 * many threads share a key. The RFC vectors are in crypto-vectors-test.c,
 * key import and export in crypto-keys-test.c.
 */

#include "pim-private.h"

#include <string.h>

#include "crypto-common.h"

/* ---- Vectors ---- */

/* The order of P-256 */
static const guint8 p256_order[] = {
  0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
};

static const guint8 p384_order[] = {
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf,
  0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
};

static const guint8 p521_order[] = {
  0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xfa, 0x51, 0x86, 0x87, 0x83, 0xbf, 0x2f, 0x96, 0x6b,
  0x7f, 0xcc, 0x01, 0x48, 0xf7, 0x09, 0xa5, 0xd0, 0x3b, 0xb5, 0xc9, 0xb8, 0x89, 0x9c,
  0x47, 0xae, 0xbb, 0x6f, 0xb7, 0x1e, 0x91, 0x38, 0x64, 0x09,
};

/* ---- Helpers ---- */

/* Builds a DER ECDSA-Sig-Value from raw r || s, as most libraries want. */
static GBytes *
der_from_raw (const guint8 *raw, gsize size)
{
  GByteArray *der = g_byte_array_new ();
  guint8      header[2] = { 0x30, 0 };

  g_byte_array_append (der, header, 2);
  for (gsize half = 0; half < 2; half++)
    {
      const guint8 *num = raw + half * size;
      gsize         len = size;
      guint8        int_header[3] = { 0x02, 0, 0 };

      while (len > 1 && num[0] == 0)
        {
          num++;
          len--;
        }
      int_header[1] = (guint8) (len + (num[0] & 0x80 ? 1 : 0));
      g_byte_array_append (der, int_header, num[0] & 0x80 ? 3 : 2);
      g_byte_array_append (der, num, (guint) len);
    }
  g_assert_cmpuint (der->len - 2, <, 0x80);
  der->data[1] = (guint8) (der->len - 2);
  return g_byte_array_free_to_bytes (der);
}

/* ---- Digests, randomness, comparison ---- */

static void
test_digest (void)
{
  static const struct
  {
    PimDigest   digest;
    const char *hex;
  } vectors[] = {
    { PIM_DIGEST_SHA256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
    { PIM_DIGEST_SHA384, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
                         "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7" },
    { PIM_DIGEST_SHA512, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                         "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
  };
  guint8 empty[64];

  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      guint8 out[64];
      gsize  len = pim_crypto_digest (vectors[i].digest, (const guint8 *) "abc", 3, out);
      g_autoptr (GString) hex = g_string_new (NULL);

      for (gsize j = 0; j < len; j++)
        g_string_append_printf (hex, "%02x", out[j]);
      g_assert_cmpstr (hex->str, ==, vectors[i].hex);
    }

  /* SHA-256 of nothing */
  g_assert_cmpuint (pim_crypto_digest (PIM_DIGEST_SHA256, NULL, 0, empty), ==, 32);
  g_assert_cmpuint (empty[0], ==, 0xe3);
  g_assert_cmpuint (empty[31], ==, 0x55);
}

static void
test_random (void)
{
  g_autoptr (GError) error = NULL;
  guint8 a[32] = { 0 }, b[32] = { 0 }, zero[32] = { 0 };

  g_assert_true (pim_crypto_random_bytes (a, sizeof a, &error));
  g_assert_no_error (error);
  g_assert_true (pim_crypto_random_bytes (b, sizeof b, &error));
  g_assert_no_error (error);
  g_assert_true (memcmp (a, b, sizeof a) != 0);
  g_assert_true (memcmp (a, zero, sizeof a) != 0);
  g_assert_true (pim_crypto_random_bytes (NULL, 0, &error));
  g_assert_no_error (error);
}

static void
test_equal (void)
{
  g_assert_true (pim_crypto_equal ("abcdef", "abcdef", 6));
  g_assert_false (pim_crypto_equal ("abcdef", "abcdeg", 6));
  g_assert_false (pim_crypto_equal ("\x80", "\x00", 1));
  g_assert_true (pim_crypto_equal ("a", "b", 0));
  g_assert_true (pim_crypto_equal (NULL, NULL, 0));
}

/* ---- Generation ---- */

static void
test_generate (void)
{
  static const struct
  {
    PimKeyType   type;
    guint        bits;
    const char  *curve;
    PimJoseError code;
  } refused[] = {
    { PIM_KEY_TYPE_RSA, 1024, NULL, PIM_JOSE_ERROR_WEAK_KEY },
    { PIM_KEY_TYPE_RSA, 2047, NULL, PIM_JOSE_ERROR_WEAK_KEY },
    { PIM_KEY_TYPE_OCT, 128, NULL, PIM_JOSE_ERROR_WEAK_KEY },
    { PIM_KEY_TYPE_OCT, 260, NULL, PIM_JOSE_ERROR_FAILED },
    { PIM_KEY_TYPE_EC, 0, "P-192", PIM_JOSE_ERROR_UNSUPPORTED_ALG },
    { PIM_KEY_TYPE_EC, 0, NULL, PIM_JOSE_ERROR_UNSUPPORTED_ALG },
    { PIM_KEY_TYPE_OKP, 0, "Ed448", PIM_JOSE_ERROR_UNSUPPORTED_ALG },
    { PIM_KEY_TYPE_OKP, 0, "X25519", PIM_JOSE_ERROR_UNSUPPORTED_ALG },
    { PIM_KEY_TYPE_INVALID, 0, NULL, PIM_JOSE_ERROR_UNSUPPORTED_ALG },
  };
  static const struct
  {
    const char *curve;
    guint       bits;
  } ec[] = { { "P-256", 256 }, { "P-384", 384 }, { "P-521", 521 } };
  PimCryptoKey *rsa = key_for_alg (PIM_JWS_ALG_RS256);
  g_autoptr (PimCryptoKey) oct = generate_ok (PIM_KEY_TYPE_OCT, 256, NULL);
  g_autoptr (PimCryptoKey) oct2 = generate_ok (PIM_KEY_TYPE_OCT, 256, NULL);
  g_autoptr (PimCryptoKey) ed = generate_ok (PIM_KEY_TYPE_OKP, 0, NULL);
  g_autoptr (JsonObject) oct_jwk = export(oct, TRUE);
  g_autoptr (JsonObject) oct2_jwk = export(oct2, TRUE);
  g_autoptr (JsonObject) rsa_jwk = export(rsa, FALSE);

  g_assert_cmpint (pim_crypto_key_get_key_type (rsa), ==, PIM_KEY_TYPE_RSA);
  g_assert_cmpuint (pim_crypto_key_get_bits (rsa), ==, 2048);
  g_assert_null (pim_crypto_key_get_curve (rsa));
  g_assert_true (pim_crypto_key_is_private (rsa));
  g_assert_cmpstr (json_object_get_string_member (rsa_jwk, "e"), ==, "AQAB");

  for (gsize i = 0; i < G_N_ELEMENTS (ec); i++)
    {
      g_autoptr (PimCryptoKey) key = generate_ok (PIM_KEY_TYPE_EC, 0, ec[i].curve);

      g_assert_cmpint (pim_crypto_key_get_key_type (key), ==, PIM_KEY_TYPE_EC);
      g_assert_cmpuint (pim_crypto_key_get_bits (key), ==, ec[i].bits);
      g_assert_cmpstr (pim_crypto_key_get_curve (key), ==, ec[i].curve);
      g_assert_true (pim_crypto_key_is_private (key));
    }

  g_assert_cmpint (pim_crypto_key_get_key_type (ed), ==, PIM_KEY_TYPE_OKP);
  g_assert_cmpuint (pim_crypto_key_get_bits (ed), ==, 256);
  g_assert_cmpstr (pim_crypto_key_get_curve (ed), ==, "Ed25519");

  g_assert_cmpint (pim_crypto_key_get_key_type (oct), ==, PIM_KEY_TYPE_OCT);
  g_assert_cmpuint (pim_crypto_key_get_bits (oct), ==, 256);
  g_assert_null (pim_crypto_key_get_curve (oct));
  g_assert_true (pim_crypto_key_is_private (oct));
  g_assert_cmpstr (json_object_get_string_member (oct_jwk, "k"), !=,
                   json_object_get_string_member (oct2_jwk, "k"));

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimCryptoKey) key =
          pim_crypto_key_generate (refused[i].type, refused[i].bits, refused[i].curve, &error);

      g_assert_error (error, PIM_JOSE_ERROR, (gint) refused[i].code);
      g_assert_null (key);
    }
}

/* ---- Signing and verifying ---- */

static gsize
signature_size (PimJwsAlg alg)
{
  switch (alg)
    {
    case PIM_JWS_ALG_HS256:
      return 32;
    case PIM_JWS_ALG_HS384:
      return 48;
    case PIM_JWS_ALG_HS512:
    case PIM_JWS_ALG_ES256:
    case PIM_JWS_ALG_EDDSA:
      return 64;
    case PIM_JWS_ALG_ES384:
      return 96;
    case PIM_JWS_ALG_ES512:
      return 132;
    case PIM_JWS_ALG_RS256:
    case PIM_JWS_ALG_RS384:
    case PIM_JWS_ALG_RS512:
    case PIM_JWS_ALG_PS256:
    case PIM_JWS_ALG_PS384:
    case PIM_JWS_ALG_PS512:
      return 256;
    case PIM_JWS_ALG_INVALID:
    case PIM_JWS_ALG_LAST:
    default:
      g_assert_not_reached ();
    }
}

static void
test_sign_verify (void)
{
  static const char input[] = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwaW0ifQ";
  gsize             len = strlen (input);

  for (PimJwsAlg alg = PIM_JWS_ALG_HS256; alg < PIM_JWS_ALG_LAST; alg++)
    {
      PimCryptoKey *key = key_for_alg (alg);
      g_autoptr (PimCryptoKey) pub = pim_crypto_key_dup_public (key);
      g_autoptr (GBytes) sig = sign_ok (key, alg, input);
      g_autoptr (GBytes) sig2 = sign_ok (key, alg, input);
      gsize              sig_len = 0;
      const guint8      *sig_data = g_bytes_get_data (sig, &sig_len);
      g_autofree guint8 *bad = g_memdup2 (sig_data, sig_len);
      g_autofree char   *bad_input = g_strdup (input);

      g_test_message ("%s", pim_jws_alg_get_name (alg));
      g_assert_cmpuint (sig_len, ==, signature_size (alg));
      assert_verifies (key, alg, input, sig);
      assert_verifies (key, alg, input, sig2);
      if (pub != NULL)
        {
          g_assert_false (pim_crypto_key_is_private (pub));
          assert_verifies (pub, alg, input, sig);
          /* A public key cannot sign. */
          sign_fails (pub, alg, PIM_JOSE_ERROR_FAILED);
        }

      /* Deterministic algorithms give the same signature twice; the
       * others (PSS salt, ECDSA nonce) do not. */
      if (alg <= PIM_JWS_ALG_RS512 || alg == PIM_JWS_ALG_EDDSA)
        g_assert_true (g_bytes_equal (sig, sig2));
      else
        g_assert_false (g_bytes_equal (sig, sig2));

      /* One bit of the data, or of the signature, first, middle, last */
      bad_input[len / 2] ^= 0x01;
      assert_verify_fails (key, alg, (const guint8 *) bad_input, len, sig_data, sig_len,
                           PIM_JOSE_ERROR_INVALID_SIGNATURE);
      for (gsize pos = 0; pos < sig_len; pos += MAX (sig_len / 2 - 1, 1))
        {
          bad[pos] ^= 0x04;
          assert_verify_fails (key, alg, (const guint8 *) input, len, bad, sig_len,
                               PIM_JOSE_ERROR_INVALID_SIGNATURE);
          bad[pos] ^= 0x04;
        }
      bad[sig_len - 1] ^= 0x80;
      assert_verify_fails (key, alg, (const guint8 *) input, len, bad, sig_len,
                           PIM_JOSE_ERROR_INVALID_SIGNATURE);
      bad[sig_len - 1] ^= 0x80;

      /* Truncated, extended, empty */
      assert_verify_fails (key, alg, (const guint8 *) input, len, sig_data, sig_len - 1,
                           PIM_JOSE_ERROR_INVALID_SIGNATURE);
      assert_verify_fails (key, alg, (const guint8 *) input, len - 1, sig_data, sig_len,
                           PIM_JOSE_ERROR_INVALID_SIGNATURE);
      assert_verify_fails (key, alg, (const guint8 *) input, len, NULL, 0,
                           PIM_JOSE_ERROR_INVALID_SIGNATURE);
      {
        g_autofree guint8 *longer = g_malloc0 (sig_len + 1);

        memcpy (longer, sig_data, sig_len);
        assert_verify_fails (key, alg, (const guint8 *) input, len, longer, sig_len + 1,
                             PIM_JOSE_ERROR_INVALID_SIGNATURE);
      }

      /* Empty data signs and verifies too. */
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (GBytes) empty_sig = pim_crypto_sign (key, alg, NULL, 0, &error);
        gsize         empty_len = 0;
        const guint8 *empty_data = g_bytes_get_data (empty_sig, &empty_len);

        g_assert_no_error (error);
        g_assert_true (pim_crypto_verify (key, alg, NULL, 0, empty_data, empty_len,
                                          PIM_CRYPTO_MIN_RSA_BITS, &error));
        g_assert_no_error (error);
      }
    }
}

static void
test_alg_confusion (void)
{
  static const char input[] = "header.payload";
  PimCryptoKey     *rsa = key_for_alg (PIM_JWS_ALG_RS256);
  g_autoptr (GBytes) rs256 = sign_ok (rsa, PIM_JWS_ALG_RS256, input);
  g_autoptr (GBytes) ps256 = sign_ok (rsa, PIM_JWS_ALG_PS256, input);
  gsize len = strlen (input);

  /* Same key type, other algorithm of it */
  assert_verify_fails (rsa, PIM_JWS_ALG_PS256, (const guint8 *) input, len,
                       g_bytes_get_data (rs256, NULL), g_bytes_get_size (rs256),
                       PIM_JOSE_ERROR_INVALID_SIGNATURE);
  assert_verify_fails (rsa, PIM_JWS_ALG_RS256, (const guint8 *) input, len,
                       g_bytes_get_data (ps256, NULL), g_bytes_get_size (ps256),
                       PIM_JOSE_ERROR_INVALID_SIGNATURE);
  assert_verify_fails (rsa, PIM_JWS_ALG_RS384, (const guint8 *) input, len,
                       g_bytes_get_data (rs256, NULL), g_bytes_get_size (rs256),
                       PIM_JOSE_ERROR_INVALID_SIGNATURE);

  /* Every key against every algorithm of another type or curve */
  for (PimJwsAlg key_alg = PIM_JWS_ALG_HS256; key_alg < PIM_JWS_ALG_LAST; key_alg++)
    for (PimJwsAlg alg = PIM_JWS_ALG_HS256; alg < PIM_JWS_ALG_LAST; alg++)
      {
        PimCryptoKey *key = key_for_alg (key_alg);
        const char   *curve = pim_jws_alg_get_curve (alg);

        if (pim_jws_alg_get_key_type (alg) == pim_crypto_key_get_key_type (key) &&
            g_strcmp0 (curve, pim_crypto_key_get_curve (key)) == 0)
          continue;
        sign_fails (key, alg, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
        assert_verify_fails (key, alg, (const guint8 *) input, len, g_bytes_get_data (rs256, NULL),
                             g_bytes_get_size (rs256), PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
      }

  /* Not an algorithm */
  sign_fails (rsa, PIM_JWS_ALG_INVALID, PIM_JOSE_ERROR_UNSUPPORTED_ALG);
  assert_verify_fails (rsa, PIM_JWS_ALG_LAST, (const guint8 *) input, len,
                       g_bytes_get_data (rs256, NULL), g_bytes_get_size (rs256),
                       PIM_JOSE_ERROR_UNSUPPORTED_ALG);
}

static void
test_ecdsa_format (void)
{
  static const char input[] = "header.payload";
  gsize             len = strlen (input);
  PimCryptoKey     *p256 = key_for_alg (PIM_JWS_ALG_ES256);
  PimCryptoKey     *p521 = key_for_alg (PIM_JWS_ALG_ES512);
  g_autoptr (GBytes) sig = sign_ok (p256, PIM_JWS_ALG_ES256, input);
  g_autoptr (GBytes) der = der_from_raw (g_bytes_get_data (sig, NULL), 32);
  guint8 raw[64];
  guint  short_r = 0;

  /* DER, as most libraries give it: the wrong length */
  assert_verify_fails (p256, PIM_JWS_ALG_ES256, (const guint8 *) input, len,
                       g_bytes_get_data (der, NULL), g_bytes_get_size (der),
                       PIM_JOSE_ERROR_INVALID_SIGNATURE);

  /* r or s zero */
  memcpy (raw, g_bytes_get_data (sig, NULL), 64);
  memset (raw, 0, 32);
  assert_verify_fails (p256, PIM_JWS_ALG_ES256, (const guint8 *) input, len, raw, 64,
                       PIM_JOSE_ERROR_INVALID_SIGNATURE);
  memcpy (raw, g_bytes_get_data (sig, NULL), 64);
  memset (raw + 32, 0, 32);
  assert_verify_fails (p256, PIM_JWS_ALG_ES256, (const guint8 *) input, len, raw, 64,
                       PIM_JOSE_ERROR_INVALID_SIGNATURE);
  memset (raw, 0, 64);
  assert_verify_fails (p256, PIM_JWS_ALG_ES256, (const guint8 *) input, len, raw, 64,
                       PIM_JOSE_ERROR_INVALID_SIGNATURE);

  /* r or s equal to the order, or all ones */
  memcpy (raw, g_bytes_get_data (sig, NULL), 64);
  memcpy (raw, p256_order, 32);
  assert_verify_fails (p256, PIM_JWS_ALG_ES256, (const guint8 *) input, len, raw, 64,
                       PIM_JOSE_ERROR_INVALID_SIGNATURE);
  memcpy (raw, g_bytes_get_data (sig, NULL), 64);
  memcpy (raw + 32, p256_order, 32);
  assert_verify_fails (p256, PIM_JWS_ALG_ES256, (const guint8 *) input, len, raw, 64,
                       PIM_JOSE_ERROR_INVALID_SIGNATURE);
  memset (raw, 0xff, 64);
  assert_verify_fails (p256, PIM_JWS_ALG_ES256, (const guint8 *) input, len, raw, 64,
                       PIM_JOSE_ERROR_INVALID_SIGNATURE);

  /* Signing left-pads r and s: over many signatures some r has a leading
   * zero byte, and all still verify at the fixed length. */
  for (guint i = 0; i < 2000 && short_r < 2; i++)
    {
      g_autofree char *data = g_strdup_printf ("message %u", i);
      g_autoptr (GBytes) s = sign_ok (p256, PIM_JWS_ALG_ES256, data);
      const guint8 *bytes = g_bytes_get_data (s, NULL);

      g_assert_cmpuint (g_bytes_get_size (s), ==, 64);
      if (bytes[0] == 0 || bytes[32] == 0)
        {
          short_r++;
          assert_verifies (p256, PIM_JWS_ALG_ES256, data, s);
        }
    }
  g_assert_cmpuint (short_r, ==, 2);

  /* P-521: 66 bytes each, the DER header is two bytes long there. */
  {
    g_autoptr (GBytes) sig521 = sign_ok (p521, PIM_JWS_ALG_ES512, input);

    g_assert_cmpuint (g_bytes_get_size (sig521), ==, 132);
    assert_verifies (p521, PIM_JWS_ALG_ES512, input, sig521);
  }
}

/* @a + @b or @a - @b, big-endian numbers of @size bytes, into @out;
 * returns the carry or borrow. */
static guint
be_add_sub (guint8 *out, const guint8 *a, const guint8 *b, gsize size, gboolean add)
{
  gint carry = 0;

  for (gsize i = size; i-- > 0;)
    {
      gint digit = add ? a[i] + b[i] + carry : a[i] - b[i] - carry;

      carry = add ? digit >> 8 : digit < 0;
      out[i] = (guint8) digit;
    }
  return (guint) carry;
}

/* r and s are taken in [1, n - 1] (SEC 1 §4.1.4): both (r, s) and
 * (r, n - s) verify, and r or s plus n, the same number modulo n, does
 * not. On P-521 the 66 bytes always have room for it. */
static void
test_ecdsa_order (void)
{
  static const struct
  {
    PimJwsAlg     alg;
    const guint8 *order;
    gsize         size;
  } curves[] = {
    { PIM_JWS_ALG_ES256, p256_order, 32 },
    { PIM_JWS_ALG_ES384, p384_order, 48 },
    { PIM_JWS_ALG_ES512, p521_order, 66 },
  };
  static const char input[] = "header.payload";

  for (gsize c = 0; c < G_N_ELEMENTS (curves); c++)
    {
      PimCryptoKey *key = key_for_alg (curves[c].alg);
      gsize         size = curves[c].size;
      const guint8 *n = curves[c].order;
      g_autoptr (GBytes) sig = sign_ok (key, curves[c].alg, input);
      const guint8 *rs = g_bytes_get_data (sig, NULL);
      guint8        raw[132];

      g_assert_cmpuint (g_bytes_get_size (sig), ==, 2 * size);

      /* (r, n - s) */
      memcpy (raw, rs, size);
      g_assert_cmpuint (be_add_sub (raw + size, n, rs + size, size, FALSE), ==, 0);
      {
        g_autoptr (GBytes) other = g_bytes_new (raw, 2 * size);

        assert_verifies (key, curves[c].alg, input, other);
      }

      /* (r, s + n) and (r + n, s), where they fit */
      memcpy (raw, rs, 2 * size);
      if (be_add_sub (raw + size, rs + size, n, size, TRUE) == 0)
        assert_verify_fails (key, curves[c].alg, (const guint8 *) input, strlen (input), raw,
                             2 * size, PIM_JOSE_ERROR_INVALID_SIGNATURE);
      else
        g_assert_cmpuint (size, !=, 66);
      memcpy (raw, rs, 2 * size);
      if (be_add_sub (raw, rs, n, size, TRUE) == 0)
        assert_verify_fails (key, curves[c].alg, (const guint8 *) input, strlen (input), raw,
                             2 * size, PIM_JOSE_ERROR_INVALID_SIGNATURE);
      else
        g_assert_cmpuint (size, !=, 66);

      /* n itself */
      memcpy (raw, rs, 2 * size);
      memcpy (raw + size, n, size);
      assert_verify_fails (key, curves[c].alg, (const guint8 *) input, strlen (input), raw,
                           2 * size, PIM_JOSE_ERROR_INVALID_SIGNATURE);
      memcpy (raw, n, size);
      memcpy (raw + size, rs + size, size);
      assert_verify_fails (key, curves[c].alg, (const guint8 *) input, strlen (input), raw,
                           2 * size, PIM_JOSE_ERROR_INVALID_SIGNATURE);
    }
}

/* ---- Threads ---- */

typedef struct
{
  PimCryptoKey *key;
  PimJwsAlg     alg;
  GBytes       *sig;
} VerifyJob;

static gpointer
verify_many (gpointer data)
{
  const VerifyJob *job = data;
  guint            ok = 0;

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr (GError) error = NULL;

      if (pim_crypto_verify (job->key, job->alg, (const guint8 *) "shared", 6,
                             g_bytes_get_data (job->sig, NULL), g_bytes_get_size (job->sig),
                             PIM_CRYPTO_MIN_RSA_BITS, &error))
        ok++;
    }
  return GUINT_TO_POINTER (ok);
}

static void
test_threads (void)
{
  static const PimJwsAlg algs[] = { PIM_JWS_ALG_RS256, PIM_JWS_ALG_ES256, PIM_JWS_ALG_EDDSA,
                                    PIM_JWS_ALG_HS256 };
  VerifyJob              jobs[G_N_ELEMENTS (algs)];
  GThread               *threads[2 * G_N_ELEMENTS (algs)];

  for (gsize i = 0; i < G_N_ELEMENTS (algs); i++)
    {
      jobs[i].key = key_for_alg (algs[i]);
      jobs[i].alg = algs[i];
      jobs[i].sig = sign_ok (jobs[i].key, algs[i], "shared");
    }
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("verify", verify_many, &jobs[i % G_N_ELEMENTS (jobs)]);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (threads[i])), ==, 100);
  for (gsize i = 0; i < G_N_ELEMENTS (jobs); i++)
    g_bytes_unref (jobs[i].sig);
}

/* Fresh keys, whose per-algorithm state is made on first use, verified
 * with by many threads released at once: they race to make it (one HMAC
 * key for three digests, one RSA key for PKCS #1 and PSS), then share it. */

#define LAZY_THREADS 8

static const PimJwsAlg lazy_algs[] = {
  PIM_JWS_ALG_HS256, PIM_JWS_ALG_HS384, PIM_JWS_ALG_HS512, PIM_JWS_ALG_RS256, PIM_JWS_ALG_PS256,
  PIM_JWS_ALG_RS512, PIM_JWS_ALG_ES256, PIM_JWS_ALG_ES384, PIM_JWS_ALG_ES512, PIM_JWS_ALG_EDDSA,
};

typedef struct
{
  PimCryptoKey *keys[G_N_ELEMENTS (lazy_algs)];
  GBytes       *sigs[G_N_ELEMENTS (lazy_algs)];
  gint          waiting;
} LazyRound;

typedef struct
{
  LazyRound *round;
  guint      index;
} LazyThread;

static gpointer
verify_fresh (gpointer data)
{
  const LazyThread *thread = data;
  LazyRound        *round = thread->round;
  guint             ok = 0;

  /* All start together. */
  g_atomic_int_dec_and_test (&round->waiting);
  while (g_atomic_int_get (&round->waiting) > 0)
    g_thread_yield ();

  for (guint i = 0; i < 2 * G_N_ELEMENTS (lazy_algs); i++)
    {
      /* Each thread starts at another algorithm, and sees each twice. */
      guint         a = (thread->index + i) % G_N_ELEMENTS (lazy_algs);
      PimJwsAlg     alg = lazy_algs[a];
      gsize         sig_len = 0;
      const guint8 *sig = g_bytes_get_data (round->sigs[a], &sig_len);
      guint8        bad[512];
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) bad_error = NULL;

      g_assert_cmpuint (sig_len, <=, sizeof bad);
      memcpy (bad, sig, sig_len);
      bad[sig_len - 1] ^= 0x01;
      if (pim_crypto_verify (round->keys[a], alg, (const guint8 *) "shared", 6, sig, sig_len,
                             PIM_CRYPTO_MIN_RSA_BITS, &error) &&
          !pim_crypto_verify (round->keys[a], alg, (const guint8 *) "shared", 6, bad, sig_len,
                              PIM_CRYPTO_MIN_RSA_BITS, &bad_error) &&
          g_error_matches (bad_error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_INVALID_SIGNATURE))
        ok++;
      /* HMAC signing uses the same state. */
      if (pim_jws_alg_get_key_type (alg) == PIM_KEY_TYPE_OCT)
        {
          g_autoptr (GBytes) again =
              pim_crypto_sign (round->keys[a], alg, (const guint8 *) "shared", 6, NULL);

          if (again == NULL || !g_bytes_equal (again, round->sigs[a]))
            ok = 0;
        }
    }
  return GUINT_TO_POINTER (ok);
}

static void
test_threads_lazy (void)
{
  for (guint r = 0; r < 20; r++)
    {
      LazyRound  round = { .waiting = LAZY_THREADS };
      LazyThread threads[LAZY_THREADS];
      GThread   *ids[LAZY_THREADS];

      for (gsize a = 0; a < G_N_ELEMENTS (lazy_algs); a++)
        {
          PimCryptoKey *source = key_for_alg (lazy_algs[a]);
          PimKeyType    type = pim_jws_alg_get_key_type (lazy_algs[a]);

          round.sigs[a] = sign_ok (source, lazy_algs[a], "shared");
          /* One fresh key per key, shared by its algorithms */
          for (gsize b = 0; b < a && round.keys[a] == NULL; b++)
            if (key_for_alg (lazy_algs[b]) == source)
              round.keys[a] = pim_crypto_key_ref (round.keys[b]);
          if (round.keys[a] == NULL)
            round.keys[a] = import_ok (export(source, type == PIM_KEY_TYPE_OCT));
        }
      g_assert_true (round.keys[0] == round.keys[2]);
      g_assert_true (round.keys[3] == round.keys[5]);

      for (guint i = 0; i < LAZY_THREADS; i++)
        {
          threads[i].round = &round;
          threads[i].index = i;
          ids[i] = g_thread_new ("verify-fresh", verify_fresh, &threads[i]);
        }
      for (guint i = 0; i < LAZY_THREADS; i++)
        g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (ids[i])), ==,
                          2 * G_N_ELEMENTS (lazy_algs));
      for (gsize a = 0; a < G_N_ELEMENTS (lazy_algs); a++)
        {
          pim_crypto_key_unref (round.keys[a]);
          g_bytes_unref (round.sigs[a]);
        }
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crypto/digest", test_digest);
  g_test_add_func ("/crypto/random", test_random);
  g_test_add_func ("/crypto/equal", test_equal);
  g_test_add_func ("/crypto/generate", test_generate);
  g_test_add_func ("/crypto/sign-verify", test_sign_verify);
  g_test_add_func ("/crypto/alg-confusion", test_alg_confusion);
  g_test_add_func ("/crypto/ecdsa-format", test_ecdsa_format);
  g_test_add_func ("/crypto/ecdsa-order", test_ecdsa_order);
  g_test_add_func ("/crypto/threads", test_threads);
  g_test_add_func ("/crypto/threads/lazy-state", test_threads_lazy);

  status = g_test_run ();
  free_generated ();
  return status;
}
