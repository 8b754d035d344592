/* fuzz-token-blob.c: the token manager's stored secret
 * (pim_token_blob_decode in pim/native/pim-token-blob.c), which comes back
 * from the keyring, a store that other programs of the user can write
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is the blob. Properties: decoding succeeds exactly when it
 * gives a non-empty refresh token, and fails with
 * PIM_NATIVE_ERROR_STORE_FAILED and nothing returned otherwise; a DPoP
 * key returned is a JSON object; what decodes encodes back to a blob that
 * decodes to the same refresh token and key (a round trip).
 */

#include "fuzz-common.h"

#include "pim-token-manager-private.h"

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *refresh_token = NULL;
  g_autofree char *dpop_jwk = NULL;
  gboolean         ok;

  pim_fuzz_init ();

  ok = pim_token_blob_decode (data, size, &refresh_token, &dpop_jwk, &error);
  if (!ok)
    {
      pim_fuzz_assert (error != NULL, "a failure without an error");
      pim_fuzz_assert (g_error_matches (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_STORE_FAILED),
                       "an error of another code");
      pim_fuzz_check_error (error);
      pim_fuzz_assert (refresh_token == NULL && dpop_jwk == NULL, "a failure with a result");
      return 0;
    }
  pim_fuzz_assert (error == NULL, "a success with an error");
  pim_fuzz_assert (refresh_token != NULL && *refresh_token != '\0', "no refresh token");
  pim_fuzz_assert (g_utf8_validate (refresh_token, -1, NULL), "a refresh token not UTF-8");
  if (dpop_jwk != NULL)
    pim_fuzz_assert (dpop_jwk[0] == '{', "a DPoP key that is not an object");

  /* The round trip. */
  {
    g_autoptr (GBytes) again = pim_token_blob_encode (refresh_token, dpop_jwk);
    g_autofree char *token2 = NULL;
    g_autofree char *jwk2 = NULL;

    pim_fuzz_assert (pim_token_blob_decode (g_bytes_get_data (again, NULL),
                                            g_bytes_get_size (again), &token2, &jwk2, NULL),
                     "an encoded blob that does not decode");
    pim_fuzz_assert (g_strcmp0 (token2, refresh_token) == 0, "the refresh token changed");
    pim_fuzz_assert ((jwk2 == NULL) == (dpop_jwk == NULL), "the DPoP key came or went");
    if (jwk2 != NULL)
      pim_fuzz_assert (g_strcmp0 (jwk2, dpop_jwk) == 0, "the DPoP key changed");
  }
  return 0;
}
