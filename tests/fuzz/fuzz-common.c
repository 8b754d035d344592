/* fuzz-common.c: input splitting, logging, keys and helpers for the
 * libFuzzer targets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fuzz-common.h"

#include <stdio.h>
#include <stdlib.h>

#include "pim-base64url-private.h"
#include "pim-crypto-private.h"
#include "pim-jose-private.h"
#include "pim-jwk-private.h"
#include "pim-oauth-private.h"

const char *const pim_fuzz_allowed_algs[] = { "RS256", "ES256", "EdDSA", "HS256", NULL };

static PimJwkSet *public_keys;
static PimJwkSet *private_keys;

void
pim_fuzz_fail (const char *where, const char *what)
{
  fprintf (stderr, "pim-fuzz: property violated at %s: %s\n", where, what);
  fflush (stderr);
  abort ();
}

static G_NORETURN void
fail_text (const char *text, const char *what, const char *why)
{
  g_autofree char *shown = g_strescape (text, NULL);

  fprintf (stderr, "pim-fuzz: property violated: %s %s: “%s”\n", what, why, shown);
  fflush (stderr);
  abort ();
}

void
pim_fuzz_check_text (const char *text, const char *what)
{
  if (text == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL))
    fail_text (text, what, "is not UTF-8");
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      fail_text (text, what, "has a control character");
}

void
pim_fuzz_check_error (const GError *error)
{
  if (error != NULL)
    pim_fuzz_check_text (error->message, "an error message");
}

/* Criticals and warnings are bugs to the fuzzer (a g_return_if_fail()
 * reached from untrusted input, an internal invariant broken): abort, so
 * that libFuzzer reports the input. Everything quieter is dropped, to keep
 * the runs fast and the output readable. */
static GLogWriterOutput
log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      fprintf (stderr, "pim-fuzz: a critical or warning was logged\n");
      fflush (stderr);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

static PimJwkSet *
load_keys (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  PimJwkSet       *set;

  if (!g_file_get_contents (PIM_FUZZ_KEYS_FILE, &text, NULL, &error))
    g_error ("Cannot read the fuzzers' keys: %s", error->message);
  set = pim_jwk_set_new_from_json (text, &error);
  if (set == NULL || pim_jwk_set_get_n_keys (set) != 4)
    g_error ("Cannot load the fuzzers' keys: %s", error != NULL ? error->message : "not 4 keys");
  return set;
}

void
pim_fuzz_init (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;

  /* The same quiet environment as the test suite (tests/meson.build). */
  g_setenv ("GIO_USE_VFS", "local", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_log_set_writer_func (log_writer, NULL, NULL);

  private_keys = load_keys ();
  public_keys = pim_jwk_set_new ();
  for (guint i = 0; i < pim_jwk_set_get_n_keys (private_keys); i++)
    {
      PimJwk *key = pim_jwk_set_get_key (private_keys, i);
      g_autoptr (PimJwk) pub = pim_jwk_get_public (key);

      /* An oct key has no public part: it verifies as it is. */
      pim_jwk_set_add (public_keys, pub != NULL ? pub : key);
    }

  g_once_init_leave (&done, 1);
}

PimJwkSet *
pim_fuzz_get_public_keys (void)
{
  return public_keys;
}

PimJwk *
pim_fuzz_get_signing_key (const char *kid)
{
  for (guint i = 0; i < pim_jwk_set_get_n_keys (private_keys); i++)
    {
      PimJwk *key = pim_jwk_set_get_key (private_keys, i);

      if (g_strcmp0 (pim_jwk_get_key_id (key), kid) == 0)
        return key;
    }
  g_error ("No fuzzing key “%s”", kid);
}

guint8
pim_fuzz_take_byte (PimFuzzInput *in)
{
  guint8 byte;

  if (in->size == 0)
    return 0;
  byte = in->data[0];
  in->data++;
  in->size--;
  return byte;
}

guint32
pim_fuzz_take_u32 (PimFuzzInput *in)
{
  guint32 value = 0;

  for (int i = 0; i < 4 && in->size > 0; i++)
    value = value << 8 | pim_fuzz_take_byte (in);
  return value;
}

char *
pim_fuzz_take_string (PimFuzzInput *in, gsize max_len)
{
  GString *out = g_string_new (NULL);
  gsize    i = 0;

  while (i < in->size && out->len < max_len)
    {
      guint8 c = in->data[i++];

      if (c == '\\' && i < in->size)
        {
          c = in->data[i++];
          if (c != '\\')
            break;
        }
      g_string_append_c (out, (char) c);
    }
  in->data += i;
  in->size -= i;
  return g_string_free (out, FALSE);
}

char *
pim_fuzz_take_rest_string (PimFuzzInput *in)
{
  char *out = g_strndup ((const char *) in->data, in->size);

  in->data += in->size;
  in->size = 0;
  return out;
}

GBytes *
pim_fuzz_take_rest_bytes (PimFuzzInput *in)
{
  GBytes *out = g_bytes_new_static (in->data, in->size);

  in->data += in->size;
  in->size = 0;
  return out;
}

char *
pim_fuzz_sign_raw (const char   *kid,
                   const char   *alg,
                   const guint8 *header,
                   gsize         header_len,
                   const guint8 *payload,
                   gsize         payload_len)
{
  PimJwk *key = pim_fuzz_get_signing_key (kid);
  g_autoptr (GBytes) signature = NULL;
  g_autofree char *header_b64 = pim_base64url_encode (header, header_len);
  g_autofree char *payload_b64 = pim_base64url_encode (payload, payload_len);
  g_autofree char *input = g_strconcat (header_b64, ".", payload_b64, NULL);
  g_autofree char *signature_b64 = NULL;

  signature = pim_crypto_sign (pim_jwk_get_crypto_key (key), pim_jws_alg_from_name (alg),
                               (const guint8 *) input, strlen (input), NULL);
  if (signature == NULL)
    return NULL;
  signature_b64 =
      pim_base64url_encode (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
  return g_strconcat (input, ".", signature_b64, NULL);
}

PimHttpResponse *
pim_fuzz_response_new (guint status, const char *content_type, const guint8 *body, gsize body_len)
{
  /* What pim_http_response_new() makes of a SoupMessage, without one:
   * the struct is plain, and pim_http_response_free() frees it. */
  PimHttpResponse *response = g_new0 (PimHttpResponse, 1);

  response->status = status;
  response->reason = g_strdup (soup_status_get_phrase (status));
  response->uri_display = g_strdup ("https://op.example/endpoint");
  response->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  if (content_type != NULL)
    soup_message_headers_set_content_type (response->headers, content_type, NULL);
  response->body = g_bytes_new (body, body_len);
  return response;
}

/* HMAC pads a key shorter than the hash's block with zero bytes (RFC 2104
 * §2), so an `oct` key and the same bytes followed by zeros make the same
 * MACs: equivalent keys, with different thumbprints (found by this target:
 * fuzz-jwk-set's crash-deac053a…, the fuzzing HS256 key with zero bytes
 * appended). */
static GBytes *
hmac_key_unpadded (PimJwk *key)
{
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (GBytes) k = NULL;
  const guint8 *bytes;
  gsize         len;

  if (g_strcmp0 (pim_jwk_get_key_type (key), "oct") != 0)
    return NULL;
  object = pim_jwk_to_object (key, TRUE);
  k = pim_base64url_decode (json_object_get_string_member (object, "k"), NULL);
  if (k == NULL)
    return NULL;
  bytes = g_bytes_get_data (k, &len);
  while (len > 0 && bytes[len - 1] == 0)
    len--;
  return len <= 64 ? g_bytes_new (bytes, len) : NULL;
}

gboolean
pim_fuzz_same_signing_key (PimJwk *key, PimJwk *signer)
{
  g_autoptr (GBytes) a = NULL;
  g_autoptr (GBytes) b = NULL;

  if (g_strcmp0 (pim_jwk_get_thumbprint (key), pim_jwk_get_thumbprint (signer)) == 0)
    return TRUE;
  a = hmac_key_unpadded (key);
  b = hmac_key_unpadded (signer);
  return a != NULL && b != NULL && g_bytes_equal (a, b);
}

void
pim_fuzz_json_response (const guint8         *data,
                        gsize                 size,
                        guint                 status,
                        const char           *endpoint,
                        PimFuzzFromObjectFunc from_object,
                        PimFuzzFromJsonFunc   from_json,
                        PimFuzzUseFunc        use,
                        gpointer              user_data)
{
  g_autoptr (PimHttpResponse) http = NULL;
  g_autoptr (JsonObject) json = NULL;
  g_autoptr (GObject) response = NULL;
  g_autoptr (GError) error = NULL;

  http = pim_fuzz_response_new (status, "application/json", data, size);
  json = pim_oauth_response_parse_object (http, endpoint, &error);
  if (json != NULL)
    response = from_object (json, &error);
  pim_fuzz_assert ((response == NULL) == (error != NULL), "a response xor an error");
  pim_fuzz_check_error (error);
  if (response != NULL)
    use (response, user_data);

  if (memchr (data, '\0', size) == NULL)
    {
      g_autofree char *text = g_strndup ((const char *) data, size);
      g_autoptr (GObject) from_text = from_json (text, NULL);

      pim_fuzz_assert ((from_text != NULL) == (response != NULL),
                       "new_from_json disagrees with the exchange");
      if (from_text != NULL)
        use (from_text, user_data);
    }
}

char *
pim_fuzz_take_signed_token (PimFuzzInput *in, gboolean random_header, const char *typ)
{
  static const char *const kids[] = { "fuzz-rs256", "fuzz-es256", "fuzz-eddsa", "fuzz-hs256" };
  const char              *kid = kids[pim_fuzz_take_byte (in) % G_N_ELEMENTS (kids)];
  PimJwk                  *key = pim_fuzz_get_signing_key (kid);
  g_autofree char         *header = NULL;
  char                    *token;

  if (!random_header)
    header = g_strdup_printf ("{\"alg\":\"%s\",\"kid\":\"%s\",\"typ\":\"%s\"}",
                              pim_jwk_get_algorithm (key), kid, typ);
  else
    header = pim_fuzz_take_string (in, 4096);
  token = pim_fuzz_sign_raw (kid, pim_jwk_get_algorithm (key), (const guint8 *) header,
                             strlen (header), in->data, in->size);
  pim_fuzz_assert (token != NULL, "a fuzzing key could not sign");
  in->data += in->size;
  in->size = 0;
  return token;
}

PimHttpClient *
pim_fuzz_get_idle_client (void)
{
  static PimHttpClient *client;

  if (client == NULL)
    client = pim_http_client_new ();
  return client;
}
