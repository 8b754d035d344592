/* pim-pkce.c: PKCE (RFC 7636) and random strings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-base64url.h"
#include "pim-crypto-private.h"
#include "pim-oauth-error.h"
#include "pim-pkce.h"

/* The fewest and most random bytes pim_generate_random_string() takes:
 * fewer than 16 (128 bits) can be guessed, and no protocol value needs
 * more than a kilobyte. */
#define MIN_RANDOM_BYTES 16
#define MAX_RANDOM_BYTES 1024

/* RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~" */
static gboolean
is_unreserved (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/**
 * pim_pkce_verifier_is_valid:
 * @verifier: a code verifier
 *
 * Checks that @verifier is a code verifier as RFC 7636 §4.1 defines it:
 * 43 to 128 characters, each a letter, a digit, `-`, `.`, `_` or `~`.
 *
 * Returns: whether @verifier is valid
 *
 * Since: 0.1
 */
gboolean
pim_pkce_verifier_is_valid (const char *verifier)
{
  gsize len;

  g_return_val_if_fail (verifier != NULL, FALSE);

  len = strlen (verifier);
  if (len < PIM_PKCE_VERIFIER_MIN_LENGTH || len > PIM_PKCE_VERIFIER_MAX_LENGTH)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!is_unreserved (verifier[i]))
      return FALSE;
  return TRUE;
}

/* @n_bytes from the CSPRNG, base64url without padding. */
static char *
random_base64url (gsize n_bytes, GError **error)
{
  g_autofree guint8 *bytes = g_malloc (n_bytes);
  char              *text;

  if (!pim_crypto_random_bytes (bytes, n_bytes, error))
    return NULL;
  text = pim_base64url_encode (bytes, n_bytes);
  memset (bytes, 0, n_bytes);
  return text;
}

/**
 * pim_pkce_generate_verifier:
 * @length: the verifier's length in characters, 43 to 128
 *
 * Makes a new PKCE code verifier (RFC 7636 §4.1) from the crypto
 * library's random generator: @length base64url characters, so 6 random
 * bits per character (43 characters carry 258 bits). Keep it secret
 * until the token request; send only its challenge
 * ([func@pkce_compute_challenge]) in the authorization request.
 *
 * Returns: (transfer full): the verifier, or %NULL with @error set: a
 *   %PIM_OAUTH_ERROR_INVALID_ARGUMENT for a @length out of range
 *
 * Since: 0.1
 */
char *
pim_pkce_generate_verifier (guint length, GError **error)
{
  char *verifier;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < PIM_PKCE_VERIFIER_MIN_LENGTH || length > PIM_PKCE_VERIFIER_MAX_LENGTH)
    {
      g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                   _ ("A code verifier has %d to %d characters, not %u"),
                   PIM_PKCE_VERIFIER_MIN_LENGTH, PIM_PKCE_VERIFIER_MAX_LENGTH, length);
      return NULL;
    }
  /* Every 3 bytes make 4 characters; cut the last group's excess. */
  verifier = random_base64url ((length * 3 + 3) / 4, error);
  if (verifier != NULL)
    verifier[length] = '\0';
  return verifier;
}

/**
 * pim_pkce_compute_challenge:
 * @verifier: a code verifier
 *
 * Computes the `S256` code challenge of @verifier (RFC 7636 §4.2): the
 * base64url encoding, without padding, of the SHA-256 of its ASCII.
 *
 * Returns: (transfer full): the challenge, or %NULL with @error set: a
 *   %PIM_OAUTH_ERROR_INVALID_ARGUMENT when @verifier is not a valid code
 *   verifier ([func@pkce_verifier_is_valid])
 *
 * Since: 0.1
 */
char *
pim_pkce_compute_challenge (const char *verifier, GError **error)
{
  guint8 digest[64];
  gsize  len;

  g_return_val_if_fail (verifier != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pim_pkce_verifier_is_valid (verifier))
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                           _ ("A code verifier has 43 to 128 letters, digits, “-”, “.”, “_” or "
                              "“~”"));
      return NULL;
    }
  len = pim_crypto_digest (PIM_DIGEST_SHA256, (const guint8 *) verifier, strlen (verifier), digest);
  return pim_base64url_encode (digest, len);
}

/**
 * pim_generate_random_string:
 * @n_bytes: how many random bytes, 16 to 1024
 *
 * Makes a string of @n_bytes from the crypto library's random generator,
 * base64url-encoded without padding: a value for `state`, `nonce` or
 * anything else that must not be guessed. 32 bytes (43 characters) are
 * what [method@AuthorizationRequest.prepare] uses.
 *
 * Returns: (transfer full): the string, or %NULL with @error set: a
 *   %PIM_OAUTH_ERROR_INVALID_ARGUMENT for @n_bytes out of range
 *
 * Since: 0.1
 */
char *
pim_generate_random_string (guint n_bytes, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_bytes < MIN_RANDOM_BYTES || n_bytes > MAX_RANDOM_BYTES)
    {
      g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                   _ ("A random string has %d to %d bytes, not %u"), MIN_RANDOM_BYTES,
                   MAX_RANDOM_BYTES, n_bytes);
      return NULL;
    }
  return random_base64url (n_bytes, error);
}
