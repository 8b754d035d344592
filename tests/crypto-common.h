/* crypto-common.h: what the crypto test programs share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The RFC vectors (RFC 7515 Appendix A.1–A.4 and RFC 8037 Appendix A,
 * typed from the RFCs with their line breaks) and the helpers that
 * crypto-sign-test.c, crypto-vectors-test.c and crypto-keys-test.c all
 * use: JWK import, base64url, signing and verifying with assertions, and
 * the generated keys, made once per program because RSA key generation
 * is slow.
 */

#pragma once

#include "pim-private.h"

#include "pim-crypto-private.h"

G_BEGIN_DECLS

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

/* ---- Helpers ---- */

/* A JWK of string members: name, value, …, NULL. */
JsonObject   *jwk_new (const char *first_name, ...) G_GNUC_NULL_TERMINATED;
PimCryptoKey *import_ok (JsonObject *jwk);
GBytes       *b64 (const char *text);
char         *b64_encode (const guint8 *data, gsize len);
void          assert_verifies (PimCryptoKey *key, PimJwsAlg alg, const char *input, GBytes *sig);
void          assert_verify_fails (PimCryptoKey *key,
                                   PimJwsAlg     alg,
                                   const guint8 *data,
                                   gsize         len,
                                   const guint8 *sig,
                                   gsize         sig_len,
                                   PimJoseError  code);
GBytes       *sign_ok (PimCryptoKey *key, PimJwsAlg alg, const char *input);
void          sign_fails (PimCryptoKey *key, PimJwsAlg alg, PimJoseError code);
JsonObject *export(PimCryptoKey *key, gboolean include_private);
JsonObject *a2_jwk (gboolean with_private, gboolean with_crt);

/* Generated keys, made once: RSA key generation is slow. */
PimCryptoKey *generate_ok (PimKeyType type, guint bits, const char *curve);
/* One key per algorithm; the RSA algorithms share one key, and so do
 * the HMAC ones. */
PimCryptoKey *key_for_alg (PimJwsAlg alg);
/* Frees the keys key_for_alg() made: call it after g_test_run(). */
void free_generated (void);

G_END_DECLS
