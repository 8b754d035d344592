/* crypto-vectors-test.c: the RFC vectors on the crypto boundary
 * (pim/jose/pim-crypto-private.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * RFC 7515 Appendix A.1–A.4 and RFC 8037 Appendix A, the vectors of
 * crypto-common.h, imported, signed and verified; and HMAC with keys
 * around the block size.
 */

#include "pim-private.h"

#include <string.h>

#include "crypto-common.h"

/* ---- RFC vectors ---- */

static void
test_rfc7515_a1 (void)
{
  g_autoptr (PimCryptoKey) key = import_ok (jwk_new ("kty", "oct", "k", A1_K, NULL));
  g_autoptr (GBytes) expected = b64 (A1_SIG);
  g_autoptr (GBytes) sig = sign_ok (key, PIM_JWS_ALG_HS256, A1_INPUT);
  g_autoptr (JsonObject) jwk = export(key, TRUE);
  g_autoptr (JsonObject) public_jwk = export(key, FALSE);

  g_assert_cmpint (pim_crypto_key_get_key_type (key), ==, PIM_KEY_TYPE_OCT);
  g_assert_cmpuint (pim_crypto_key_get_bits (key), ==, 512);
  g_assert_true (pim_crypto_key_is_private (key));
  g_assert_null (pim_crypto_key_dup_public (key));
  g_assert_true (g_bytes_equal (sig, expected));
  assert_verifies (key, PIM_JWS_ALG_HS256, A1_INPUT, expected);

  g_assert_cmpstr (json_object_get_string_member (jwk, "kty"), ==, "oct");
  g_assert_cmpstr (json_object_get_string_member (jwk, "k"), ==, A1_K);
  g_assert_cmpuint (json_object_get_size (jwk), ==, 2);
  /* The secret is all there is: nothing public to export. */
  g_assert_cmpuint (json_object_get_size (public_jwk), ==, 1);
}

/* HMAC with keys around the block size, past which a key is hashed first
 * (RFC 2104 §2): RFC 4231 §4.7 (a 131-byte key of 0xaa), and MACs from
 * Python's hmac module for keys of (i × 7 + 1) mod 256. */
static void
test_hmac_key_sizes (void)
{
  static const char rfc4231_data[] = "Test Using Larger Than Block-Size Key - Hash Key First";
  static const char data[] = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwaW0ifQ";
  static const struct
  {
    PimJwsAlg   alg;
    gsize       key_len;
    gboolean    rfc4231;
    const char *mac;
  } cases[] = {
    { PIM_JWS_ALG_HS256, 131, TRUE, "YOQxWR7gtn8Niiaqy_W3f44LxiE3KMUUBUYEDw7jf1Q" },
    { PIM_JWS_ALG_HS384, 131, TRUE,
      "Ts4IRIWBPpCI0sY6BBvFtE-e8QEqK1iPPNEfBQM6xMYMLvarQDD-gpYkjfFj9ElS" },
    { PIM_JWS_ALG_HS512, 131, TRUE,
      "gLJCY8fBo-u3FJPB3XvotJtG0fQbSu7BEhsBN4P481JrVtA34F8lmL0P0iFdah5SleZPc_Y_CuyLkVqYXXhlmA" },
    { PIM_JWS_ALG_HS256, 32, FALSE, "4q2YsCU_BgkUIe23zMHoTXDgRGNMWYHnkX1Nf3_HdTo" },
    { PIM_JWS_ALG_HS256, 64, FALSE, "1a0Ay5TlV73IwFz4vKfssa1dq1zPgZ_1XjfYuyGLcPc" },
    { PIM_JWS_ALG_HS256, 65, FALSE, "zJIcamdlpoUZtWm2iWk4sZhPBR5Lg2DxRjfDE667lLY" },
    { PIM_JWS_ALG_HS384, 48, FALSE,
      "VmeJZHWb89ibyR_JbPQLBkpZu1vtufDZqxiMr4-wqEIgmpu6E64ycMNZfanChsbk" },
    { PIM_JWS_ALG_HS384, 128, FALSE,
      "d6VYE_yawh88OppS-do0wOZ_OKVrqhdJ7XPCWZqYccRWC-2dgagJjXvpMwsOBTHT" },
    { PIM_JWS_ALG_HS384, 129, FALSE,
      "6iJabFVHL6yPXm1v9QHU_Ym0QD1gT24z2ygRoccIJZajTJt174N6GnccqiToz_j2" },
    { PIM_JWS_ALG_HS512, 64, FALSE,
      "JdyS0CjR2q7cNN_H9h5aa2bz6xP6Gvrt11LGndP8nR0Ep8Xq9jrJ3VPd2YaelDFellJegQkiLXb5QUUmOm3iNA" },
    { PIM_JWS_ALG_HS512, 128, FALSE,
      "2-5d0wQriioG6H8xqR-LLcYm801RVB5Uxe4V0HSTr1Ibxe1xaaKNC1JkA7lAOOBvvXtQAb5SpPEk8Zj-ZGA76A" },
    { PIM_JWS_ALG_HS512, 129, FALSE,
      "soHfd9CGcpCBxA5FMtHjmpa7YJt1uSQiYNMbBkaUV2F7pYQUC1sp7DU_YV5OFGiXrzOLica5n8XNR0Cs0qFQhQ" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char      *input = cases[i].rfc4231 ? rfc4231_data : data;
      guint8           secret[131];
      g_autofree char *k = NULL;
      g_autoptr (PimCryptoKey) key = NULL;
      g_autoptr (GBytes) expected = b64 (cases[i].mac);
      g_autoptr (GBytes) sig = NULL;

      g_assert_cmpuint (cases[i].key_len, <=, sizeof secret);
      for (gsize j = 0; j < cases[i].key_len; j++)
        secret[j] = cases[i].rfc4231 ? 0xaa : (guint8) (j * 7 + 1);
      k = b64_encode (secret, cases[i].key_len);
      key = import_ok (jwk_new ("kty", "oct", "k", k, NULL));
      sig = sign_ok (key, cases[i].alg, input);
      g_assert_true (g_bytes_equal (sig, expected));
      assert_verifies (key, cases[i].alg, input, expected);
    }
}

static void
test_rfc7515_a2 (void)
{
  g_autoptr (PimCryptoKey) full = import_ok (a2_jwk (TRUE, TRUE));
  g_autoptr (PimCryptoKey) no_crt = import_ok (a2_jwk (TRUE, FALSE));
  g_autoptr (PimCryptoKey) pub = import_ok (a2_jwk (FALSE, FALSE));
  g_autoptr (GBytes) expected = b64 (A2_SIG);
  g_autoptr (GBytes) sig = sign_ok (full, PIM_JWS_ALG_RS256, A2_INPUT);
  g_autoptr (GBytes) sig_no_crt = sign_ok (no_crt, PIM_JWS_ALG_RS256, A2_INPUT);

  g_assert_cmpint (pim_crypto_key_get_key_type (full), ==, PIM_KEY_TYPE_RSA);
  g_assert_cmpuint (pim_crypto_key_get_bits (full), ==, 2048);
  g_assert_true (pim_crypto_key_is_private (full));
  g_assert_true (pim_crypto_key_is_private (no_crt));
  g_assert_false (pim_crypto_key_is_private (pub));
  g_assert_null (pim_crypto_key_get_curve (pub));

  /* RSASSA-PKCS1-v1_5 is deterministic: the RFC's exact signature. */
  g_assert_true (g_bytes_equal (sig, expected));
  g_assert_true (g_bytes_equal (sig_no_crt, expected));
  assert_verifies (pub, PIM_JWS_ALG_RS256, A2_INPUT, expected);
  assert_verifies (full, PIM_JWS_ALG_RS256, A2_INPUT, expected);
  sign_fails (pub, PIM_JWS_ALG_RS256, PIM_JOSE_ERROR_FAILED);
  /* Not an HMAC secret */
  assert_verify_fails (pub, PIM_JWS_ALG_HS256, (const guint8 *) A2_INPUT, strlen (A2_INPUT),
                       g_bytes_get_data (expected, NULL), 32, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
}

static void
test_rfc7515_a3 (void)
{
  g_autoptr (PimCryptoKey) key =
      import_ok (jwk_new ("kty", "EC", "crv", "P-256", "x", A3_X, "y", A3_Y, "d", A3_D, NULL));
  g_autoptr (PimCryptoKey) pub =
      import_ok (jwk_new ("kty", "EC", "crv", "P-256", "x", A3_X, "y", A3_Y, NULL));
  g_autoptr (GBytes) expected = b64 (A3_SIG);
  g_autoptr (GBytes) sig = sign_ok (key, PIM_JWS_ALG_ES256, A3_INPUT);

  g_assert_cmpint (pim_crypto_key_get_key_type (key), ==, PIM_KEY_TYPE_EC);
  g_assert_cmpstr (pim_crypto_key_get_curve (key), ==, "P-256");
  g_assert_cmpuint (pim_crypto_key_get_bits (key), ==, 256);
  g_assert_true (pim_crypto_key_is_private (key));
  g_assert_false (pim_crypto_key_is_private (pub));

  assert_verifies (pub, PIM_JWS_ALG_ES256, A3_INPUT, expected);
  assert_verifies (pub, PIM_JWS_ALG_ES256, A3_INPUT, sig);
  assert_verify_fails (pub, PIM_JWS_ALG_ES384, (const guint8 *) A3_INPUT, strlen (A3_INPUT),
                       g_bytes_get_data (expected, NULL), g_bytes_get_size (expected),
                       PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
}

static void
test_rfc7515_a4 (void)
{
  g_autoptr (PimCryptoKey) key =
      import_ok (jwk_new ("kty", "EC", "crv", "P-521", "x", A4_X, "y", A4_Y, "d", A4_D, NULL));
  g_autoptr (PimCryptoKey) pub = pim_crypto_key_dup_public (key);
  g_autoptr (GBytes) expected = b64 (A4_SIG);
  g_autoptr (GBytes) sig = sign_ok (key, PIM_JWS_ALG_ES512, A4_INPUT);

  g_assert_cmpstr (pim_crypto_key_get_curve (key), ==, "P-521");
  g_assert_cmpuint (pim_crypto_key_get_bits (key), ==, 521);
  g_assert_cmpuint (g_bytes_get_size (expected), ==, 132);
  assert_verifies (pub, PIM_JWS_ALG_ES512, A4_INPUT, expected);
  assert_verifies (pub, PIM_JWS_ALG_ES512, A4_INPUT, sig);
  assert_verify_fails (pub, PIM_JWS_ALG_ES256, (const guint8 *) A4_INPUT, strlen (A4_INPUT),
                       g_bytes_get_data (expected, NULL), g_bytes_get_size (expected),
                       PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
}

static void
test_rfc8037 (void)
{
  /* A.1 private key, A.2 public key */
  g_autoptr (PimCryptoKey) key =
      import_ok (jwk_new ("kty", "OKP", "crv", "Ed25519", "d", ED_D, "x", ED_X, NULL));
  g_autoptr (PimCryptoKey) pub =
      import_ok (jwk_new ("kty", "OKP", "crv", "Ed25519", "x", ED_X, NULL));
  static const char thumbprint_input[] = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" ED_X "\"}";
  g_autoptr (GBytes) payload = b64 ("RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc");
  g_autoptr (GBytes) expected = b64 (ED_SIG);
  g_autoptr (GBytes) sig = NULL;
  g_autofree char *thumbprint = NULL;
  guint8           digest[64];
  gsize            digest_len;

  g_assert_cmpint (pim_crypto_key_get_key_type (key), ==, PIM_KEY_TYPE_OKP);
  g_assert_cmpstr (pim_crypto_key_get_curve (key), ==, "Ed25519");
  g_assert_cmpuint (pim_crypto_key_get_bits (key), ==, 256);
  g_assert_true (pim_crypto_key_is_private (key));
  g_assert_false (pim_crypto_key_is_private (pub));

  /* A.3: the JWK thumbprint is SHA-256 over the canonical members. */
  digest_len = pim_crypto_digest (PIM_DIGEST_SHA256, (const guint8 *) thumbprint_input,
                                  strlen (thumbprint_input), digest);
  thumbprint = b64_encode (digest, digest_len);
  g_assert_cmpstr (thumbprint, ==, ED_THUMBPRINT);

  /* A.4: Ed25519 is deterministic: the exact signature */
  g_assert_cmpmem (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload),
                   "Example of Ed25519 signing", 26);
  sig = sign_ok (key, PIM_JWS_ALG_EDDSA, ED_INPUT);
  g_assert_true (g_bytes_equal (sig, expected));

  /* A.5: verification */
  assert_verifies (pub, PIM_JWS_ALG_EDDSA, ED_INPUT, expected);
  assert_verify_fails (pub, PIM_JWS_ALG_EDDSA, (const guint8 *) ED_INPUT, strlen (ED_INPUT) - 1,
                       g_bytes_get_data (expected, NULL), g_bytes_get_size (expected),
                       PIM_JOSE_ERROR_INVALID_SIGNATURE);
  assert_verify_fails (pub, PIM_JWS_ALG_ES256, (const guint8 *) ED_INPUT, strlen (ED_INPUT),
                       g_bytes_get_data (expected, NULL), g_bytes_get_size (expected),
                       PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crypto/rfc7515/a1-hs256", test_rfc7515_a1);
  g_test_add_func ("/crypto/hmac-key-sizes", test_hmac_key_sizes);
  g_test_add_func ("/crypto/rfc7515/a2-rs256", test_rfc7515_a2);
  g_test_add_func ("/crypto/rfc7515/a3-es256", test_rfc7515_a3);
  g_test_add_func ("/crypto/rfc7515/a4-es512", test_rfc7515_a4);
  g_test_add_func ("/crypto/rfc8037/ed25519", test_rfc8037);

  return g_test_run ();
}
