/* fuzz-base64url.c: the strict base64url decoder (pim/jose/pim-base64url.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is base64url text. Properties: the decoder accepts exactly
 * the canonical encodings (decoding then encoding gives the input back,
 * and every input that encoding can give is accepted); it writes no more
 * than the room it documents (len * 3 / 4 bytes, checked by ASan on an
 * exact-size buffer); the public, NUL-terminated form agrees.
 */

#include "fuzz-common.h"

#include "pim-base64url-private.h"

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  const char *text = (const char *) data;
  g_autoptr (GBytes) decoded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree guint8 *out = NULL;
  gsize              out_len = 0;
  gboolean           ok;

  pim_fuzz_init ();

  decoded = pim_base64url_decode_len (text, size, &error);
  pim_fuzz_assert ((decoded == NULL) == (error != NULL), "a result xor an error");
  pim_fuzz_check_error (error);

  /* Exactly the documented room, so that ASan sees any write past it. */
  out = g_malloc (size * 3 / 4 + 1);
  ok = pim_base64url_decode_to (text, size, out, &out_len);
  pim_fuzz_assert (ok == (decoded != NULL), "decode_to and decode_len disagree");

  if (decoded != NULL)
    {
      gsize            len = 0;
      const guint8    *bytes = g_bytes_get_data (decoded, &len);
      g_autofree char *again = pim_base64url_encode (bytes, len);

      pim_fuzz_assert (len == out_len && (len == 0 || memcmp (bytes, out, len) == 0),
                       "decode_to and decode_len decode differently");
      pim_fuzz_assert (len <= size * 3 / 4, "decoded more bytes than documented");
      pim_fuzz_assert (strlen (again) == size && memcmp (again, text, size) == 0,
                       "a non-canonical encoding was accepted");
    }
  else
    {
      /* Anything the encoder makes of these bytes must decode back. */
      g_autofree char *encoded = pim_base64url_encode (data, size);
      g_autoptr (GBytes) back = pim_base64url_decode (encoded, NULL);

      pim_fuzz_assert (back != NULL && g_bytes_get_size (back) == size &&
                           (size == 0 || memcmp (g_bytes_get_data (back, NULL), data, size) == 0),
                       "an encoding of the encoder's was refused or decoded wrong");
    }

  if (memchr (text, '\0', size) == NULL)
    {
      g_autofree char *copy = g_strndup (text, size);
      g_autoptr (GBytes) public_decoded = pim_base64url_decode (copy, NULL);

      pim_fuzz_assert ((public_decoded != NULL) == (decoded != NULL),
                       "pim_base64url_decode disagrees with the private form");
    }
  return 0;
}
