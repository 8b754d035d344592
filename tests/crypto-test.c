/* crypto-test.c: the crypto boundary (pim/jose/pim-crypto-private.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Vectors: RFC 7515 Appendix A.1–A.4 and RFC 8037 Appendix A, typed from
 * the RFCs with their line breaks; the 1024-bit RSA key, its signature and
 * the refused PEM files were made once with the openssl command.
 */

#include "pim-private.h"

#include <string.h>

#include "pim-base64url-private.h"
#include "pim-crypto-private.h"

/* ---- Vectors ---- */

/* RFC 7515 A.1: HS256 */
#define A1_K                                                           \
  "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS" \
  "4hcgUuTwjAzZr1Z9CAow"
#define A1_INPUT                                                         \
  "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"                             \
  "."                                                                    \
  "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxl" \
  "LmNvbS9pc19yb290Ijp0cnVlfQ"
#define A1_SIG "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"

/* The payload of A.2 and A.3 */
#define JOE_PAYLOAD                                                  \
  "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt" \
  "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ"

/* RFC 7515 A.2: RS256 */
#define A2_N                                                   \
  "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddx" \
  "HmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMs" \
  "D1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSH" \
  "SXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdV" \
  "MTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8" \
  "NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ"
#define A2_E "AQAB"
#define A2_D                                                   \
  "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97I" \
  "jlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0" \
  "BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn" \
  "439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYT" \
  "CBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLh" \
  "BOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ"
#define A2_P                                                   \
  "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdi" \
  "YrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPG" \
  "BY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc"
#define A2_Q                                                   \
  "uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxa" \
  "ewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA" \
  "-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc"
#define A2_DP                                                  \
  "BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3Q"  \
  "CLdhrqE2e9YkxvuxdBfpT_PI7Yz-FOKnu1R6HsJeDCjn12Sk3vmAktV2zb" \
  "34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0"
#define A2_DQ                                                  \
  "h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa"  \
  "7I9xXDoRwbKgB719rrmI2oKr6N3Do9U0ajaHF-NKJnwgjMd2w9cjz3_-ky" \
  "NlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU"
#define A2_QI                                                  \
  "IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2o"  \
  "y26F0EmpScGLq2MowX7fhd_QJQ3ydy5cY7YIBi87w93IKLEdfnbJtoOPLU" \
  "W0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U"
#define A2_INPUT "eyJhbGciOiJSUzI1NiJ9." JOE_PAYLOAD
#define A2_SIG                                                       \
  "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7" \
  "AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4" \
  "BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K" \
  "0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqv" \
  "hJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrB" \
  "p0igcN_IoypGlUPQGe77Rw"

/* RFC 7515 A.3: ES256 */
#define A3_X     "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"
#define A3_Y     "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"
#define A3_D     "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"
#define A3_INPUT "eyJhbGciOiJFUzI1NiJ9." JOE_PAYLOAD
#define A3_SIG                                                       \
  "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSA" \
  "pmWQxfKTUJqPP3-Kg6NU1Q"

/* RFC 7515 A.4: ES512 */
#define A4_X                                                 \
  "AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_" \
  "NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk"
#define A4_Y                                                 \
  "ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDl" \
  "y79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2"
#define A4_D                                                 \
  "AY5pb7A0UFiB3RELSD64fTLOSV_jazdF7fLYyuTw8lOfRhWg6Y6rUrPA" \
  "xerEzgdRhajnu0ferB0d53vM9mE15j2C"
#define A4_INPUT "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA"
#define A4_SIG                                                       \
  "AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZq" \
  "wqT2SI-KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8Kp" \
  "EHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn"

/* RFC 8037 A.1–A.5: Ed25519 */
#define ED_D          "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"
#define ED_X          "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
#define ED_THUMBPRINT "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
#define ED_INPUT      "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
#define ED_SIG                                                       \
  "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5B" \
  "hVsPt9g7sVvpAr_MuM0KAg"

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

/* A JWK of string members: name, value, …, NULL. */
static JsonObject *G_GNUC_NULL_TERMINATED
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

static JsonObject *
parse_object (const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static PimCryptoKey *
import_ok (JsonObject *jwk)
{
  g_autoptr (GError) error = NULL;
  PimCryptoKey *key = pim_crypto_key_new_from_jwk (jwk, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  json_object_unref (jwk);
  return key;
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

static GBytes *
b64 (const char *text)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes = pim_base64url_decode_len (text, strlen (text), &error);

  g_assert_no_error (error);
  return bytes;
}

static char *
b64_encode (const guint8 *data, gsize len)
{
  gsize out_len = pim_base64url_encoded_length (len);
  char *out = g_malloc (out_len + 1);

  pim_base64url_encode_to (data, len, out);
  out[out_len] = '\0';
  return out;
}

/* The first @len bytes of a base64url member, re-encoded. */
static char *
b64_truncate (const char *text, gsize len)
{
  g_autoptr (GBytes) bytes = b64 (text);

  g_assert_cmpuint (g_bytes_get_size (bytes), >=, len);
  return b64_encode (g_bytes_get_data (bytes, NULL), len);
}

static void
assert_verifies (PimCryptoKey *key, PimJwsAlg alg, const char *input, GBytes *sig)
{
  g_autoptr (GError) error = NULL;
  gsize         sig_len = 0;
  const guint8 *sig_data = g_bytes_get_data (sig, &sig_len);

  g_assert_true (pim_crypto_verify (key, alg, (const guint8 *) input, strlen (input), sig_data,
                                    sig_len, PIM_CRYPTO_MIN_RSA_BITS, &error));
  g_assert_no_error (error);
}

static void
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

static GBytes *
sign_ok (PimCryptoKey *key, PimJwsAlg alg, const char *input)
{
  g_autoptr (GError) error = NULL;
  GBytes *sig = pim_crypto_sign (key, alg, (const guint8 *) input, strlen (input), &error);

  g_assert_no_error (error);
  g_assert_nonnull (sig);
  return sig;
}

static void
sign_fails (PimCryptoKey *key, PimJwsAlg alg, PimJoseError code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) sig = pim_crypto_sign (key, alg, (const guint8 *) "x", 1, &error);

  g_assert_error (error, PIM_JOSE_ERROR, (gint) code);
  g_assert_null (sig);
}

static JsonObject *export(PimCryptoKey *key, gboolean include_private)
{
  JsonObject *out = json_object_new ();

  pim_crypto_key_export_jwk (key, include_private, out);
  return out;
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

static JsonObject *
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

static PimCryptoKey *
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
static PimCryptoKey *
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

static void
free_generated (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (generated); i++)
    g_clear_pointer (&generated[i], pim_crypto_key_unref);
}

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
  g_test_add_func ("/crypto/weak-keys", test_weak_keys);
  g_test_add_func ("/crypto/ecdsa-format", test_ecdsa_format);
  g_test_add_func ("/crypto/ecdsa-order", test_ecdsa_order);
  g_test_add_func ("/crypto/rfc7515/a1-hs256", test_rfc7515_a1);
  g_test_add_func ("/crypto/hmac-key-sizes", test_hmac_key_sizes);
  g_test_add_func ("/crypto/rfc7515/a2-rs256", test_rfc7515_a2);
  g_test_add_func ("/crypto/rfc7515/a3-es256", test_rfc7515_a3);
  g_test_add_func ("/crypto/rfc7515/a4-es512", test_rfc7515_a4);
  g_test_add_func ("/crypto/rfc8037/ed25519", test_rfc8037);
  g_test_add_func ("/crypto/jwk/export", test_jwk_export);
  g_test_add_func ("/crypto/jwk/errors", test_jwk_errors);
  g_test_add_func ("/crypto/jwk/inconsistent", test_jwk_inconsistent);
  g_test_add_func ("/crypto/pem", test_pem);
  g_test_add_func ("/crypto/dup-public", test_dup_public);
  g_test_add_func ("/crypto/threads", test_threads);
  g_test_add_func ("/crypto/threads/lazy-state", test_threads_lazy);

  status = g_test_run ();
  free_generated ();
  return status;
}
