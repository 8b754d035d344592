/* pim-base64url.c: base64url without padding (RFC 7515 §2), strict
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-base64url.h"
#include "pim-base64url-private.h"
#include "pim-jose-error.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* 0–63 for the alphabet, 0xff for everything else. */
static const guint8 values[256] = {
#define X 0xff
  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  /* 0x00 */
  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  /* 0x10 */
  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  62, X,  X,  /* 0x20 '-' */
  52, 53, 54, 55, 56, 57, 58, 59, 60, 61, X,  X,  X,  X,  X,  X,  /* 0x30 0-9 */
  X,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, /* 0x40 A- */
  15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, X,  X,  X,  X,  63, /* 0x50 -Z '_' */
  X,  26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, /* 0x60 a- */
  41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, X,  X,  X,  X,  X,  /* 0x70 -z */
  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X, X, X, X, X, X, X, X, X, X,
  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X, X, X, X, X, X, X, X, X, X,
  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X, X, X, X, X, X, X, X, X, X,
  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X, X, X, X, X, X, X, X, X, X,
  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X,  X, X, X, X, X, X, X, X,
#undef X
};

gsize
pim_base64url_encoded_length (gsize len)
{
  return len / 3 * 4 + (len % 3 == 0 ? 0 : len % 3 + 1);
}

/* Writes pim_base64url_encoded_length (len) characters, no terminator. */
void
pim_base64url_encode_to (const guint8 *data, gsize len, char *out)
{
  gsize i = 0;

  for (; i + 3 <= len; i += 3)
    {
      guint32 v = (guint32) data[i] << 16 | (guint32) data[i + 1] << 8 | data[i + 2];

      *out++ = alphabet[v >> 18];
      *out++ = alphabet[(v >> 12) & 63];
      *out++ = alphabet[(v >> 6) & 63];
      *out++ = alphabet[v & 63];
    }
  if (len - i == 1)
    {
      guint32 v = (guint32) data[i] << 16;

      *out++ = alphabet[v >> 18];
      *out++ = alphabet[(v >> 12) & 63];
    }
  else if (len - i == 2)
    {
      guint32 v = (guint32) data[i] << 16 | (guint32) data[i + 1] << 8;

      *out++ = alphabet[v >> 18];
      *out++ = alphabet[(v >> 12) & 63];
      *out++ = alphabet[(v >> 6) & 63];
    }
}

/* Decodes @len characters into @out, which has room for len * 3 / 4 bytes.
 * Refuses padding, whitespace, characters outside the alphabet, a length
 * of 1 modulo 4, and non-zero unused bits in the last character, so that
 * every byte string has exactly one encoding. */
gboolean
pim_base64url_decode_to (const char *text, gsize len, guint8 *out, gsize *out_len)
{
  const guint8 *in = (const guint8 *) text;
  guint8       *start = out;
  gsize         i = 0;

  if (len % 4 == 1)
    return FALSE;
  for (; i + 4 <= len; i += 4)
    {
      guint8 a = values[in[i]], b = values[in[i + 1]], c = values[in[i + 2]], d = values[in[i + 3]];

      if ((a | b | c | d) & 0xc0)
        return FALSE;
      *out++ = (guint8) (a << 2 | b >> 4);
      *out++ = (guint8) (b << 4 | c >> 2);
      *out++ = (guint8) (c << 6 | d);
    }
  if (len - i == 2)
    {
      guint8 a = values[in[i]], b = values[in[i + 1]];

      if ((a | b) & 0xc0 || (b & 0x0f) != 0)
        return FALSE;
      *out++ = (guint8) (a << 2 | b >> 4);
    }
  else if (len - i == 3)
    {
      guint8 a = values[in[i]], b = values[in[i + 1]], c = values[in[i + 2]];

      if ((a | b | c) & 0xc0 || (c & 0x03) != 0)
        return FALSE;
      *out++ = (guint8) (a << 2 | b >> 4);
      *out++ = (guint8) (b << 4 | c >> 2);
    }
  *out_len = (gsize) (out - start);
  return TRUE;
}

GBytes *
pim_base64url_decode_len (const char *text, gsize len, GError **error)
{
  guint8 *out = g_malloc (len / 4 * 3 + 3);
  gsize   out_len = 0;

  if (!pim_base64url_decode_to (text, len, out, &out_len))
    {
      g_free (out);
      g_set_error_literal (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED,
                           _ ("Invalid base64url data"));
      return NULL;
    }
  return g_bytes_new_take (out, out_len);
}

/**
 * pim_base64url_encode:
 * @data: (array length=len): the bytes to encode
 * @len: the number of bytes
 *
 * Encodes bytes as base64url without padding (RFC 7515 §2).
 *
 * Returns: (transfer full): the encoding
 *
 * Since: 0.1
 */
char *
pim_base64url_encode (const guint8 *data, gsize len)
{
  gsize out_len = pim_base64url_encoded_length (len);
  char *out = g_malloc (out_len + 1);

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  pim_base64url_encode_to (data, len, out);
  out[out_len] = '\0';
  return out;
}

/**
 * pim_base64url_decode:
 * @text: base64url text without padding
 * @error: return location for a #GError
 *
 * Decodes base64url strictly: padding, whitespace, characters outside the
 * base64url alphabet and non-canonical endings fail with
 * %PIM_JOSE_ERROR_MALFORMED.
 *
 * Returns: (transfer full): the bytes, or %NULL with @error set
 *
 * Since: 0.1
 */
GBytes *
pim_base64url_decode (const char *text, GError **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pim_base64url_decode_len (text, strlen (text), error);
}
