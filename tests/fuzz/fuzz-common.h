/* fuzz-common.h: what the libFuzzer targets in tests/fuzz/ share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each target is one LLVMFuzzerTestOneInput() that hands the untrusted
 * bytes to a real parser of Pim's and, when the parser accepts them, uses
 * what it built. A target that needs several inputs splits the bytes the
 * way LLVM's FuzzedDataProvider does: fixed-size values from the front,
 * strings of random length terminated by a lone backslash, the rest last.
 *
 * Nothing here mocks Pim: the keys are real keys (tests/fuzz/keys.jwks, made
 * once for the fuzzers and for nothing else), verification is real
 * verification.
 */

#pragma once

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-http-private.h"

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* The bytes not consumed yet. */
typedef struct
{
  const guint8 *data;
  gsize         size;
} PimFuzzInput;

/* Once per process: logging (criticals and warnings abort, the rest is
 * dropped), a quiet environment, the keys. Every target calls it first. */
void pim_fuzz_init (void);

/* One byte from the front, 0 when there is none. */
guint8 pim_fuzz_take_byte (PimFuzzInput *in);
/* Up to 4 bytes from the front, big-endian. */
guint32 pim_fuzz_take_u32 (PimFuzzInput *in);
/* A string of random length, as FuzzedDataProvider's
 * ConsumeRandomLengthString(): bytes up to a backslash that is not
 * followed by another one ("\\\\" is one backslash), at most @max_len.
 * NUL-terminated (and cut at any NUL inside). Free with g_free(). */
char *pim_fuzz_take_string (PimFuzzInput *in, gsize max_len);
/* Everything left, NUL-terminated (cut at any NUL inside). */
char *pim_fuzz_take_rest_string (PimFuzzInput *in);
/* Everything left, as bytes (not copied; valid for this input). */
GBytes *pim_fuzz_take_rest_bytes (PimFuzzInput *in);

/* The key set the targets verify with: RS256, ES256, EdDSA (public
 * parts) and HS256 (kids "fuzz-rs256", "fuzz-es256", "fuzz-eddsa",
 * "fuzz-hs256"). */
PimJwkSet *pim_fuzz_get_public_keys (void);
/* The same keys with their private parts, for signing. */
PimJwk *pim_fuzz_get_signing_key (const char *kid);
/* What the targets accept: the four algorithms of the key set. */
extern const char *const pim_fuzz_allowed_algs[];

/* A compact JWS over exactly @header and @payload (raw bytes, encoded
 * here, not re-serialized), signed with the private key @kid under @alg,
 * or NULL when signing is refused. This is how the targets put arbitrary
 * headers and claims behind a valid signature. */
char *pim_fuzz_sign_raw (const char   *kid,
                         const char   *alg,
                         const guint8 *header,
                         gsize         header_len,
                         const guint8 *payload,
                         gsize         payload_len);

/* An HTTP client, one per process, for the validators' client argument
 * when the parameters carry the keys: never used for I/O. */
PimHttpClient *pim_fuzz_get_idle_client (void);

/* A token signed for real with the fuzzing key the next byte of @in picks
 * (a kid of the key set): with @random_header, over a header of random
 * length taken from @in, else over a plain header with the key's alg, its
 * kid and typ @typ; the claims are the rest of @in, consumed. */
char *pim_fuzz_take_signed_token (PimFuzzInput *in, gboolean random_header, const char *typ);

/* An HTTP answer as the transport would make it: @status, Content-Type
 * @content_type (nullable), and @body (copied). */
PimHttpResponse *
pim_fuzz_response_new (guint status, const char *content_type, const guint8 *body, gsize body_len);

/* A JSON answer's reader: a response object (a GObject) made from @json,
 * or NULL and @error. */
typedef gpointer (*PimFuzzFromObjectFunc) (JsonObject *json, GError **error);
/* The same from text. */
typedef gpointer (*PimFuzzFromJsonFunc) (const char *json, GError **error);
/* Uses an accepted response. */
typedef void (*PimFuzzUseFunc) (gpointer response, gpointer user_data);

/* Reads @data as the body of an application/json answer with @status
 * from @endpoint twice: as the exchange reads it
 * (pim_oauth_response_parse_object(), then @from_object) and, when it has
 * no NUL, by the public @from_json. Either a response or an error (a clean
 * one), the two readers must agree, and each response is handed to @use
 * with @user_data. */
void pim_fuzz_json_response (const guint8         *data,
                             gsize                 size,
                             guint                 status,
                             const char           *endpoint,
                             PimFuzzFromObjectFunc from_object,
                             PimFuzzFromJsonFunc   from_json,
                             PimFuzzUseFunc        use,
                             gpointer              user_data);

/* What an error made from untrusted input must be (nothing when @error is
 * NULL): its message valid UTF-8, without control characters, so that no
 * garbage or terminal escape from the input reaches a log or a binding. */
void pim_fuzz_check_error (const GError *error);
/* The same for any text made from untrusted input (nullable). */
void pim_fuzz_check_text (const char *text, const char *what);

/* Aborts with @what when @condition is false: for the properties a target
 * checks beyond "does not crash". */
#define pim_fuzz_assert(condition, what) \
  G_STMT_START                           \
  {                                      \
    if (G_UNLIKELY (!(condition)))       \
      pim_fuzz_fail (G_STRLOC, what);    \
  }                                      \
  G_STMT_END

G_NORETURN void pim_fuzz_fail (const char *where, const char *what);

/* Whether @key makes the same signatures as @signer: the same key, or for
 * HMAC the same bytes but for trailing zeros (HMAC pads short keys with
 * zeros, RFC 2104 §2, so those keys are equivalent). */
gboolean pim_fuzz_same_signing_key (PimJwk *key, PimJwk *signer);

G_END_DECLS
