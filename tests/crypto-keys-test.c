/* crypto-keys-test.c: keys on the crypto boundary: weak keys, JWK and PEM
 * (pim/jose/pim-crypto-private.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Key import and export: keys too weak to use, JWK export and import
 * errors, inconsistent private keys, PEM both ways, and public copies.
 * The 1024-bit RSA key, its signature and the refused PEM files were made
 * once with the openssl command.
 */

#include "pim-private.h"

#include <string.h>

#include "crypto-common.h"

/* ---- Vectors ---- */

/* A 1024-bit RSA key, and its RS256 signature of "Pim". */
static const char rsa1024_private_pem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBANRaUu8hHEf8Fm3u\n"
    "Ofd2r2ajJkeIKN++bboO9tCU+dkYqdAjLoBzaXXoWzjsT3fMbTYDLQjgglRREjHA\n"
    "PlcCEm+eQl7rxxemei9F0VGSv/XeUgoVU4cAytB69X28ZoXNLahfScsB6uZQGkN5\n"
    "2RfEv5hNLH+RdtWEsX7ETqJhpvMVAgMBAAECgYEAgHAtT1Nwfp2bl1wKlYGkr2io\n"
    "o4VYa5QLXAjnAdvJjqSbOTe+TZUAyX8DhddwbV4pBA1BtOfODF+IqKzFR+0J5nz+\n"
    "XwDoO9njyZpOWTsHqCiVuj5MEELj3f4wUS0IIu4fswDLpShqoe1yaMFb4jbkBqdR\n"
    "ao24TSGmAumnD+AK/NUCQQDqU1On/Xk2TwSWmcOGg+gUmIYJbqZfhTEkxSS+OttD\n"
    "84rworn4c49dYPd7UcRoHYVnRFdtepDbLRjuZxt0TZGXAkEA5/6y64vmC/1yAleI\n"
    "aEJp/3IHt8Q1NT5OUS6C2MTEO1yiOWz5fVrh2JJxR4kQz4fqDBTSuO8ONnLv+wA+\n"
    "997eMwJAEwOr+CfDXDrRPn8/tHyjqngt+Dn4WivurvMoZh9Uh5ENpzUtLhICgitK\n"
    "KcGa1HAA0T5kccfOVVq1eTL4sVlSBQJAeipub4lBAAlbkw4jH7vxc3nJxKSG3F3O\n"
    "AgP7FUkwiI30Q0c2biOAkHo1OtVby90ni2sfuBDyrAuEgemUPxTWbwJAC6M1Iv8T\n"
    "sX1ASF7CaqU1nwGHI2r6wG6mlOCUAl126I5GJpOcIaZcVnbqPVbYwHn0MINV7kdz\n"
    "sN+df5c7UwqEQg==\n"
    "-----END PRIVATE KEY-----\n";
static const char rsa1024_public_pem[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDUWlLvIRxH/BZt7jn3dq9moyZH\n"
    "iCjfvm26DvbQlPnZGKnQIy6Ac2l16Fs47E93zG02Ay0I4IJUURIxwD5XAhJvnkJe\n"
    "68cXpnovRdFRkr/13lIKFVOHAMrQevV9vGaFzS2oX0nLAermUBpDedkXxL+YTSx/\n"
    "kXbVhLF+xE6iYabzFQIDAQAB\n"
    "-----END PUBLIC KEY-----\n";
#define RSA1024_SIG                                                        \
  "eMFu5XhwksuX71zkI5VQv_hJRe1uH_5-bFawMQmPZcp1zmA3Ise2a4OBhZfk6SfGJFWKhg" \
  "NG2--MrKcJEaHv94vpeWLrl6SY3EYB-0z3Vng0jmPGYDroyTKnmhkUfPS0kgxlyo4TKGcn" \
  "dgPgwN9jzzGvurPIrWuNAYXfH6eHf8Q"

/* Refused PEM: encrypted PKCS #8 (passphrase "secret"), SEC1, Ed448,
 * secp256k1. */
static const char encrypted_pem[] =
    "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
    "MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiApSpOnEgpfgICCAAw\n"
    "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEECos6yefnxk9WzWeYGmQV08EgZAh\n"
    "vYI8OXQg0zBuXdA2tCh9Hk4opVAEClZMPeMVYZHOtqwNaxiDXgXimjxmY1mki5Xw\n"
    "eJ9RnWU/b5lgyiai79vMS/2VVnUaKcBBDry+9AzrJz2A0N/KOlPFkCgUiay6xvTf\n"
    "2gHJPlrzpR+zp33xv8VDb7qmfXMeZo2v9ZZKWtrgVm1DurrwUTrZ8uftjU/+iVk=\n"
    "-----END ENCRYPTED PRIVATE KEY-----\n";
static const char sec1_pem[] = "-----BEGIN EC PRIVATE KEY-----\n"
                               "MHcCAQEEIP24/QWxfnewj0JOGFG0hY6q8maku6Udi8GrDMMDALvgoAoGCCqGSM49\n"
                               "AwEHoUQDQgAE7S6jz4RNdRV8lu6T7w9ZMIT3Ac5Owxx+cB6ozKvggazZ+RMnOupI\n"
                               "5CdunwdHZVU/hFEsEKsoBUEEo0epexSA9A==\n"
                               "-----END EC PRIVATE KEY-----\n";
static const char ed448_pem[] = "-----BEGIN PUBLIC KEY-----\n"
                                "MEMwBQYDK2VxAzoAaiDMiWvzPG7KykjC7b+3pZ3WirZW8G1jgdaAY9ioJnMdAaeF\n"
                                "+smsOc6PIcedHlTCGtBlggIdkPEA\n"
                                "-----END PUBLIC KEY-----\n";
static const char secp256k1_pem[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAEvNZek/sv0rb2MQK/BZCIWqNZUJjAoB1X\n"
    "0TNxW2KfG9RveoZ43POxLZY8eDmAIvD6qpE3F8gSbiVAj/+DCxNy2g==\n"
    "-----END PUBLIC KEY-----\n";

/* ---- Helpers ---- */

static JsonObject *
parse_object (const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
import_fails (JsonObject *jwk, PimJoseError code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimCryptoKey) key = pim_crypto_key_new_from_jwk (jwk, &error);

  g_assert_error (error, PIM_JOSE_ERROR, (gint) code);
  g_assert_null (key);
  json_object_unref (jwk);
}

static PimCryptoKey *
pem_ok (const char *pem)
{
  g_autoptr (GError) error = NULL;
  PimCryptoKey *key = pim_crypto_key_new_from_pem (pem, strlen (pem), &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

static void
pem_fails (const char *pem, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimCryptoKey) key = pim_crypto_key_new_from_pem (pem, len, &error);

  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);
  g_assert_null (key);
}

/* The first @len bytes of a base64url member, re-encoded. */
static char *
b64_truncate (const char *text, gsize len)
{
  g_autoptr (GBytes) bytes = b64 (text);

  g_assert_cmpuint (g_bytes_get_size (bytes), >=, len);
  return b64_encode (g_bytes_get_data (bytes, NULL), len);
}

/* Same members, same string values. */
static void
assert_same_members (JsonObject *a, JsonObject *b)
{
  g_autoptr (GList) names = json_object_get_members (a);

  g_assert_cmpuint (json_object_get_size (a), ==, json_object_get_size (b));
  for (GList *l = names; l != NULL; l = l->next)
    g_assert_cmpstr (json_object_get_string_member (a, l->data), ==,
                     json_object_get_string_member_with_default (b, l->data, NULL));
}

/* ---- Weak keys ---- */

static void
test_weak_keys (void)
{
  g_autoptr (PimCryptoKey) rsa_private = pem_ok (rsa1024_private_pem);
  g_autoptr (PimCryptoKey) rsa_public = pem_ok (rsa1024_public_pem);
  g_autoptr (GBytes) sig = b64 (RSA1024_SIG);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimCryptoKey) short_secret = NULL;
  g_autoptr (PimCryptoKey) secret32 = NULL;
  g_autofree char *k16 = NULL, *k32 = NULL;
  guint8           mac[32] = { 0 };

  g_assert_cmpuint (pim_crypto_key_get_bits (rsa_public), ==, 1024);

  /* RSA under 2048 bits: never for signing, for verifying only if the
   * caller lowers the minimum. */
  sign_fails (rsa_private, PIM_JWS_ALG_RS256, PIM_JOSE_ERROR_WEAK_KEY);
  sign_fails (rsa_private, PIM_JWS_ALG_PS256, PIM_JOSE_ERROR_WEAK_KEY);
  assert_verify_fails (rsa_public, PIM_JWS_ALG_RS256, (const guint8 *) "Pim", 3,
                       g_bytes_get_data (sig, NULL), g_bytes_get_size (sig),
                       PIM_JOSE_ERROR_WEAK_KEY);
  g_assert_true (pim_crypto_verify (rsa_public, PIM_JWS_ALG_RS256, (const guint8 *) "Pim", 3,
                                    g_bytes_get_data (sig, NULL), g_bytes_get_size (sig), 1024,
                                    &error));
  g_assert_no_error (error);
  g_assert_false (pim_crypto_verify (rsa_public, PIM_JWS_ALG_RS256, (const guint8 *) "Pin", 3,
                                     g_bytes_get_data (sig, NULL), g_bytes_get_size (sig), 1024,
                                     &error));
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_INVALID_SIGNATURE);
  g_clear_error (&error);

  /* HMAC secrets shorter than the hash output (RFC 7518 §3.2) */
  k16 = b64_truncate (A1_K, 16);
  k32 = b64_truncate (A1_K, 32);
  short_secret = import_ok (jwk_new ("kty", "oct", "k", k16, NULL));
  secret32 = import_ok (jwk_new ("kty", "oct", "k", k32, NULL));
  g_assert_cmpuint (pim_crypto_key_get_bits (short_secret), ==, 128);
  sign_fails (short_secret, PIM_JWS_ALG_HS256, PIM_JOSE_ERROR_WEAK_KEY);
  assert_verify_fails (short_secret, PIM_JWS_ALG_HS256, (const guint8 *) "x", 1, mac, sizeof mac,
                       PIM_JOSE_ERROR_WEAK_KEY);
  g_bytes_unref (sign_ok (secret32, PIM_JWS_ALG_HS256, "x"));
  sign_fails (secret32, PIM_JWS_ALG_HS384, PIM_JOSE_ERROR_WEAK_KEY);
  sign_fails (secret32, PIM_JWS_ALG_HS512, PIM_JOSE_ERROR_WEAK_KEY);
  assert_verify_fails (secret32, PIM_JWS_ALG_HS512, (const guint8 *) "x", 1, mac, sizeof mac,
                       PIM_JOSE_ERROR_WEAK_KEY);
}

/* ---- JWK ---- */

static void
test_jwk_export (void)
{
  JsonObject *sources[] = {
    a2_jwk (TRUE, TRUE),
    a2_jwk (TRUE, FALSE),
    jwk_new ("kty", "EC", "crv", "P-256", "x", A3_X, "y", A3_Y, "d", A3_D, NULL),
    /* A.4's y has a leading zero byte: kept at the curve size */
    jwk_new ("kty", "EC", "crv", "P-521", "x", A4_X, "y", A4_Y, "d", A4_D, NULL),
    jwk_new ("kty", "OKP", "crv", "Ed25519", "d", ED_D, "x", ED_X, NULL),
    jwk_new ("kty", "oct", "k", A1_K, NULL),
  };

  for (gsize i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autoptr (JsonObject) source = sources[i];
      g_autoptr (PimCryptoKey) key = import_ok (json_object_ref (source));
      g_autoptr (JsonObject) full = export(key, TRUE);
      g_autoptr (JsonObject) pub = export(key, FALSE);
      g_autoptr (PimCryptoKey) reimported = import_ok (json_object_ref (full));
      g_autoptr (JsonObject) again = export(reimported, TRUE);
      g_autoptr (GList) public_names = json_object_get_members (pub);

      /* Import → export gives the same members back. */
      assert_same_members (source, full);
      assert_same_members (full, again);
      /* Without the private members */
      g_assert_false (json_object_has_member (pub, "d"));
      g_assert_false (json_object_has_member (pub, "p"));
      g_assert_false (json_object_has_member (pub, "qi"));
      g_assert_false (json_object_has_member (pub, "k"));
      for (GList *l = public_names; l != NULL; l = l->next)
        g_assert_cmpstr (json_object_get_string_member (pub, l->data), ==,
                         json_object_get_string_member (source, l->data));
    }

  /* RSA n without a leading zero byte, even when imported with one */
  {
    g_autoptr (GBytes) n = b64 (A2_N);
    g_autofree guint8 *padded = g_malloc0 (g_bytes_get_size (n) + 1);
    g_autofree char   *padded_n = NULL;
    g_autoptr (PimCryptoKey) key = NULL;
    g_autoptr (JsonObject) out = NULL;

    memcpy (padded + 1, g_bytes_get_data (n, NULL), g_bytes_get_size (n));
    padded_n = b64_encode (padded, g_bytes_get_size (n) + 1);
    key = import_ok (jwk_new ("kty", "RSA", "n", padded_n, "e", "AAEAAQ", NULL));
    g_assert_cmpuint (pim_crypto_key_get_bits (key), ==, 2048);
    out = export(key, TRUE);
    g_assert_cmpstr (json_object_get_string_member (out, "n"), ==, A2_N);
    g_assert_cmpstr (json_object_get_string_member (out, "e"), ==, "AQAB");
    g_assert_cmpuint (json_object_get_size (out), ==, 3);
  }

  /* EC members padded to the curve size: generate until some coordinate
   * or d has a leading zero byte. */
  {
    guint padded = 0;

    for (guint i = 0; i < 5000 && padded < 3; i++)
      {
        g_autoptr (PimCryptoKey) key = generate_ok (PIM_KEY_TYPE_EC, 0, "P-256");
        g_autoptr (JsonObject) out = export(key, TRUE);
        const char *members[] = { "x", "y", "d" };

        for (gsize m = 0; m < G_N_ELEMENTS (members); m++)
          {
            g_autoptr (GBytes) value = b64 (json_object_get_string_member (out, members[m]));

            g_assert_cmpuint (g_bytes_get_size (value), ==, 32);
            if (((const guint8 *) g_bytes_get_data (value, NULL))[0] == 0)
              padded++;
          }
        if (padded > 0)
          {
            g_autoptr (PimCryptoKey) back = import_ok (json_object_ref (out));
            g_autoptr (JsonObject) out2 = export(back, TRUE);

            assert_same_members (out, out2);
          }
      }
    g_assert_cmpuint (padded, >=, 1);
  }
}

static void
test_jwk_errors (void)
{
  g_autofree char *x31 = b64_truncate (A3_X, 31);
  g_autofree char *y31 = b64_truncate (A3_Y, 31);
  g_autofree char *ed_x31 = b64_truncate (ED_X, 31);
  g_autofree char *a4_x_as_256 = b64_truncate (A4_X, 32);
  g_autofree char *d33 = NULL;
  g_autofree char *small_n = b64_truncate (A2_N, 32);
  JsonObject      *jwk;

  {
    g_autoptr (GBytes) d = b64 (A3_D);
    guint8 buf[33] = { 0 };

    memcpy (buf + 1, g_bytes_get_data (d, NULL), 32);
    d33 = b64_encode (buf, 33);
  }

  /* Missing, mistyped, badly encoded members */
  import_fails (jwk_new ("n", A2_N, "e", A2_E, NULL), PIM_JOSE_ERROR_MALFORMED);
  import_fails (parse_object ("{\"kty\": 1, \"k\": \"" A1_K "\"}"), PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "RSA", "e", A2_E, NULL), PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "RSA", "n", A2_N, NULL), PIM_JOSE_ERROR_MALFORMED);
  import_fails (parse_object ("{\"kty\": \"RSA\", \"n\": \"" A2_N "\", \"e\": 65537}"),
                PIM_JOSE_ERROR_MALFORMED);
  import_fails (parse_object ("{\"kty\": \"RSA\", \"n\": \"" A2_N "\", \"e\": null}"),
                PIM_JOSE_ERROR_MALFORMED);
  import_fails (parse_object ("{\"kty\": \"RSA\", \"n\": [\"" A2_N "\"], \"e\": \"AQAB\"}"),
                PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "RSA", "n", A2_N, "e", "AQAB=", NULL), PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "RSA", "n", A2_N, "e", "AQ+B", NULL), PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "RSA", "n", A2_N, "e", A2_E, "d", "", NULL),
                PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "oct", "k", "", NULL), PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "oct", NULL), PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "oct", "k", "A B", NULL), PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "EC", "x", A3_X, "y", A3_Y, NULL), PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "EC", "crv", "P-256", "x", A3_X, NULL), PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "OKP", "crv", "Ed25519", NULL), PIM_JOSE_ERROR_MALFORMED);

  /* Some but not all CRT members, or CRT members without d */
  jwk = a2_jwk (TRUE, TRUE);
  json_object_remove_member (jwk, "qi");
  import_fails (jwk, PIM_JOSE_ERROR_MALFORMED);
  jwk = a2_jwk (FALSE, TRUE);
  import_fails (jwk, PIM_JOSE_ERROR_MALFORMED);
  /* Multi-prime RSA */
  jwk = a2_jwk (TRUE, TRUE);
  json_object_set_array_member (jwk, "oth", json_array_new ());
  import_fails (jwk, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);

  /* Wrong member lengths are badly encoded members: MALFORMED */
  import_fails (jwk_new ("kty", "EC", "crv", "P-256", "x", x31, "y", A3_Y, NULL),
                PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "EC", "crv", "P-256", "x", A3_X, "y", y31, NULL),
                PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "EC", "crv", "P-256", "x", A3_X, "y", A3_Y, "d", d33, NULL),
                PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "EC", "crv", "P-384", "x", A3_X, "y", A3_Y, NULL),
                PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "EC", "crv", "P-521", "x", a4_x_as_256, "y", A3_Y, NULL),
                PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "OKP", "crv", "Ed25519", "x", ed_x31, NULL),
                PIM_JOSE_ERROR_MALFORMED);
  import_fails (jwk_new ("kty", "OKP", "crv", "Ed25519", "x", ED_X, "d", A4_D, NULL),
                PIM_JOSE_ERROR_MALFORMED);

  /* Unknown key types and curves */
  import_fails (jwk_new ("kty", "DSA", NULL), PIM_JOSE_ERROR_UNSUPPORTED_ALG);
  import_fails (jwk_new ("kty", "rsa", "n", A2_N, "e", A2_E, NULL), PIM_JOSE_ERROR_UNSUPPORTED_ALG);
  import_fails (jwk_new ("kty", "EC", "crv", "P-192", "x", A3_X, "y", A3_Y, NULL),
                PIM_JOSE_ERROR_UNSUPPORTED_ALG);
  import_fails (jwk_new ("kty", "EC", "crv", "secp256k1", "x", A3_X, "y", A3_Y, NULL),
                PIM_JOSE_ERROR_UNSUPPORTED_ALG);
  import_fails (jwk_new ("kty", "EC", "crv", "Ed25519", "x", ED_X, NULL),
                PIM_JOSE_ERROR_UNSUPPORTED_ALG);
  import_fails (jwk_new ("kty", "OKP", "crv", "Ed448", "x", ED_X, NULL),
                PIM_JOSE_ERROR_UNSUPPORTED_ALG);
  import_fails (jwk_new ("kty", "OKP", "crv", "X25519", "x", ED_X, NULL),
                PIM_JOSE_ERROR_UNSUPPORTED_ALG);
  import_fails (jwk_new ("kty", "OKP", "crv", "P-256", "x", ED_X, NULL),
                PIM_JOSE_ERROR_UNSUPPORTED_ALG);

  /* RSA values libcrypto would take but are no key */
  import_fails (jwk_new ("kty", "RSA", "n", A2_N, "e", "AQ", NULL),
                PIM_JOSE_ERROR_KEY_CONVERSION_FAILED); /* e = 1 */
  import_fails (jwk_new ("kty", "RSA", "n", A2_N, "e", "AQAA", NULL),
                PIM_JOSE_ERROR_KEY_CONVERSION_FAILED); /* even */
  import_fails (jwk_new ("kty", "RSA", "n", small_n, "e", A2_E, NULL),
                PIM_JOSE_ERROR_KEY_CONVERSION_FAILED); /* 256 bits */
  import_fails (jwk_new ("kty", "RSA", "n", "AQAA", "e", "Aw", NULL),
                PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);

  /* Metadata is not looked at */
  jwk = jwk_new ("kty", "EC", "crv", "P-256", "x", A3_X, "y", A3_Y, "kid", "1", "alg", "RS256",
                 "use", "enc", NULL);
  json_object_set_int_member (jwk, "exp", 3);
  {
    g_autoptr (PimCryptoKey) key = import_ok (jwk);

    g_assert_false (pim_crypto_key_is_private (key));
  }
}

/* Changes the first character of a base64url value: a different number of
 * the same length, still canonical. */
static char *
alter (const char *b64_value)
{
  char *copy = g_strdup (b64_value);

  copy[0] = copy[0] == 'A' ? 'B' : 'A';
  return copy;
}

static void
test_jwk_inconsistent (void)
{
  g_autofree char *bad_y = alter (A3_Y);
  g_autofree char *bad_d = alter (A3_D);
  g_autofree char *bad_a4_d = alter (A4_D);
  g_autofree char *bad_ed_d = alter (ED_D);
  g_autofree char *bad_rsa_d = alter (A2_D);
  g_autofree char *bad_p = alter (A2_P);
  g_autofree char *bad_qi = alter (A2_QI);
  JsonObject      *jwk;

  /* A point off its curve */
  import_fails (jwk_new ("kty", "EC", "crv", "P-256", "x", A3_X, "y", bad_y, NULL),
                PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);
  import_fails (jwk_new ("kty", "EC", "crv", "P-256", "x", A3_X, "y", bad_y, "d", A3_D, NULL),
                PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);
  /* 66-byte values that are no point of P-521 */
  import_fails (jwk_new ("kty", "EC", "crv", "P-521", "x", A4_X, "y", A4_D, NULL),
                PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);

  /* d that does not match x and y */
  import_fails (jwk_new ("kty", "EC", "crv", "P-256", "x", A3_X, "y", A3_Y, "d", bad_d, NULL),
                PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);
  import_fails (jwk_new ("kty", "EC", "crv", "P-521", "x", A4_X, "y", A4_Y, "d", bad_a4_d, NULL),
                PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);
  import_fails (jwk_new ("kty", "OKP", "crv", "Ed25519", "x", ED_X, "d", bad_ed_d, NULL),
                PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);

  /* RSA private members that do not belong together */
  jwk = a2_jwk (TRUE, FALSE);
  json_object_set_string_member (jwk, "d", bad_rsa_d);
  import_fails (jwk, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);
  jwk = a2_jwk (TRUE, TRUE);
  json_object_set_string_member (jwk, "d", bad_rsa_d);
  import_fails (jwk, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);
  jwk = a2_jwk (TRUE, TRUE);
  json_object_set_string_member (jwk, "p", bad_p);
  import_fails (jwk, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);
  jwk = a2_jwk (TRUE, TRUE);
  json_object_set_string_member (jwk, "qi", bad_qi);
  import_fails (jwk, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);
}

/* ---- PEM ---- */

static void
test_pem (void)
{
  PimCryptoKey *keys[] = {
    key_for_alg (PIM_JWS_ALG_RS256), key_for_alg (PIM_JWS_ALG_ES256),
    key_for_alg (PIM_JWS_ALG_ES384), key_for_alg (PIM_JWS_ALG_ES512),
    key_for_alg (PIM_JWS_ALG_EDDSA),
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PimCryptoKey) a2 = import_ok (a2_jwk (TRUE, TRUE));
  g_autoptr (PimCryptoKey) a2_pub = import_ok (a2_jwk (FALSE, FALSE));
  g_autofree char *pem = NULL;
  g_autofree char *prefixed = NULL;
  g_autofree char *broken = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *private_pem = pim_crypto_key_to_pem (keys[i], TRUE, &error);
      g_autofree char *public_pem = NULL;
      g_autoptr (PimCryptoKey) private_back = NULL;
      g_autoptr (PimCryptoKey) public_back = NULL;
      g_autoptr (JsonObject) expected_private = export(keys[i], TRUE);
      g_autoptr (JsonObject) expected_public = export(keys[i], FALSE);
      g_autoptr (JsonObject) got_private = NULL;
      g_autoptr (JsonObject) got_public = NULL;

      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (private_pem, "-----BEGIN PRIVATE KEY-----\n"));
      public_pem = pim_crypto_key_to_pem (keys[i], FALSE, &error);
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (public_pem, "-----BEGIN PUBLIC KEY-----\n"));

      private_back = pem_ok (private_pem);
      public_back = pem_ok (public_pem);
      g_assert_true (pim_crypto_key_is_private (private_back));
      g_assert_false (pim_crypto_key_is_private (public_back));
      g_assert_cmpint (pim_crypto_key_get_key_type (private_back), ==,
                       pim_crypto_key_get_key_type (keys[i]));
      g_assert_cmpuint (pim_crypto_key_get_bits (public_back), ==,
                        pim_crypto_key_get_bits (keys[i]));
      g_assert_cmpstr (pim_crypto_key_get_curve (public_back), ==,
                       pim_crypto_key_get_curve (keys[i]));
      got_private = export(private_back, TRUE);
      got_public = export(public_back, TRUE);
      assert_same_members (expected_private, got_private);
      assert_same_members (expected_public, got_public);

      /* A public key has no private PEM. */
      g_assert_null (pim_crypto_key_to_pem (public_back, TRUE, &error));
      g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);
      g_clear_error (&error);
    }

  /* The RFC key through PEM still signs the RFC's signature. */
  pem = pim_crypto_key_to_pem (a2, TRUE, &error);
  g_assert_no_error (error);
  {
    g_autoptr (PimCryptoKey) back = pem_ok (pem);
    g_autoptr (GBytes) sig = sign_ok (back, PIM_JWS_ALG_RS256, A2_INPUT);
    g_autoptr (GBytes) expected = b64 (A2_SIG);

    g_assert_true (g_bytes_equal (sig, expected));
  }
  g_clear_pointer (&pem, g_free);
  pem = pim_crypto_key_to_pem (a2_pub, FALSE, &error);
  g_assert_no_error (error);

  /* Text before the PEM block is skipped, as by openssl. */
  prefixed = g_strconcat ("A key:\n", pem, NULL);
  g_clear_pointer (&a2_pub, pim_crypto_key_unref);
  a2_pub = pem_ok (prefixed);
  /* Only @len bytes count. */
  pem_fails (pem, strlen (pem) / 2);
  pem_fails (pem, 0);
  pem_fails (NULL, 0);

  /* oct has no PEM */
  g_assert_null (pim_crypto_key_to_pem (key_for_alg (PIM_JWS_ALG_HS256), FALSE, &error));
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_CONVERSION_FAILED);
  g_clear_error (&error);

  /* Refused: encrypted, SEC1, other curves and key types, garbage */
  pem_fails (encrypted_pem, strlen (encrypted_pem));
  pem_fails (sec1_pem, strlen (sec1_pem));
  pem_fails (ed448_pem, strlen (ed448_pem));
  pem_fails (secp256k1_pem, strlen (secp256k1_pem));
  pem_fails ("hello", 5);
  pem_fails ("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n",
             strlen ("-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n"));
  broken = g_strdup (rsa1024_public_pem);
  broken[40] = '!';
  pem_fails (broken, strlen (broken));
  g_clear_pointer (&broken, g_free);
  /* A private key under a public label, and the reverse */
  {
    g_autoptr (GString) swapped = g_string_new (rsa1024_private_pem);

    g_string_replace (swapped, "PRIVATE KEY", "PUBLIC KEY", 0);
    pem_fails (swapped->str, swapped->len);
    g_string_assign (swapped, rsa1024_public_pem);
    g_string_replace (swapped, "PUBLIC KEY", "PRIVATE KEY", 0);
    pem_fails (swapped->str, swapped->len);
  }
}

static void
test_dup_public (void)
{
  for (PimJwsAlg alg = PIM_JWS_ALG_RS256; alg < PIM_JWS_ALG_LAST; alg += 3)
    {
      PimCryptoKey *key = key_for_alg (alg);
      g_autoptr (PimCryptoKey) pub = pim_crypto_key_dup_public (key);
      g_autoptr (PimCryptoKey) again = pim_crypto_key_dup_public (pub);
      g_autoptr (JsonObject) expected = export(key, FALSE);
      g_autoptr (JsonObject) got = export(pub, TRUE);

      g_assert_true (pub != key);
      g_assert_true (again == pub);
      g_assert_false (pim_crypto_key_is_private (pub));
      g_assert_cmpint (pim_crypto_key_get_key_type (pub), ==, pim_crypto_key_get_key_type (key));
      g_assert_cmpuint (pim_crypto_key_get_bits (pub), ==, pim_crypto_key_get_bits (key));
      g_assert_cmpstr (pim_crypto_key_get_curve (pub), ==, pim_crypto_key_get_curve (key));
      assert_same_members (expected, got);
    }
  g_assert_null (pim_crypto_key_dup_public (key_for_alg (PIM_JWS_ALG_HS256)));
  /* EdDSA too */
  {
    g_autoptr (PimCryptoKey) pub = pim_crypto_key_dup_public (key_for_alg (PIM_JWS_ALG_EDDSA));

    g_assert_false (pim_crypto_key_is_private (pub));
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crypto/weak-keys", test_weak_keys);
  g_test_add_func ("/crypto/jwk/export", test_jwk_export);
  g_test_add_func ("/crypto/jwk/errors", test_jwk_errors);
  g_test_add_func ("/crypto/jwk/inconsistent", test_jwk_inconsistent);
  g_test_add_func ("/crypto/pem", test_pem);
  g_test_add_func ("/crypto/dup-public", test_dup_public);

  status = g_test_run ();
  free_generated ();
  return status;
}
