/* jws-verify-bench.c: JWT verification speed against the libcrypto floor
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * For each algorithm, mints distinct tokens of a typical size, then times
 * in the same process, interleaved, round after round:
 *  - Pim: pim_jwt_parse_and_verify() — split, base64url, header and claims
 *    read by the strict JSON reader, key lookup by kid, signature check;
 *  - the floor: raw libcrypto verification of the same signing inputs with
 *    the signatures decoded in advance (EVP_DigestVerify on a ready key,
 *    HMAC for HS256).
 * It prints verifications per second and Pim's ratio to the floor, the
 * best round of each (the machine is shared and noisy; ratios taken in one
 * process are what to compare).
 *
 * This program is not part of the library: it includes libcrypto's headers
 * to measure the floor, which nothing in pim/ but the pim-crypto*.c files may do.
 */

#include "bench-floor.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <pim/pim.h>
#include <stdio.h>
#include <string.h>

#define N_TOKENS      1000
#define ROUNDS        9
#define ROUND_SECONDS 0.2

int
main (int argc, char **argv)
{
  g_print ("%-6s %14s %14s %8s\n", "alg", "pim verify/s", "floor verify/s", "ratio");

  for (gsize ai = 0; ai < G_N_ELEMENTS (bench_algorithms); ai++)
    {
      const Algorithm  *a = &bench_algorithms[ai];
      const char *const allowed[] = { a->alg, NULL };
      g_autoptr (GError) error = NULL;
      g_autoptr (PimJwk) key = pim_jwk_generate (a->alg, &error);
      g_autoptr (PimJwkSet) set = pim_jwk_set_new ();
      g_autoptr (PimJwk) decoy = NULL;
      EVP_PKEY *pkey = NULL;
      EVP_MD   *md = a->md != NULL ? EVP_MD_fetch (NULL, a->md, NULL) : NULL;
      g_autoptr (GBytes) secret = NULL;
      Token *tokens = g_new0 (Token, N_TOKENS);
      double best_pim = 0, best_floor = 0;

      g_assert_no_error (error);
      /* A provider's set usually holds a few keys; the lookup is by kid. */
      decoy = pim_jwk_generate (a->alg, &error);
      g_assert_no_error (error);
      if (a->hmac)
        {
          g_autoptr (JsonObject) jwk = pim_jwk_to_object (key, TRUE);

          pim_jwk_set_add (set, decoy);
          pim_jwk_set_add (set, key);
          secret = pim_base64url_decode (json_object_get_string_member (jwk, "k"), NULL);
        }
      else
        {
          g_autoptr (PimJwk) pub = pim_jwk_get_public (key);
          g_autoptr (PimJwk) decoy_pub = pim_jwk_get_public (decoy);
          g_autofree char *pem = pim_jwk_to_pem (key, FALSE, &error);
          BIO             *bio = BIO_new_mem_buf (pem, -1);

          g_assert_no_error (error);
          pim_jwk_set_add (set, decoy_pub);
          pim_jwk_set_add (set, pub);
          pkey = PEM_read_bio_PUBKEY (bio, NULL, NULL, NULL);
          BIO_free (bio);
          g_assert_nonnull (pkey);
        }

      for (guint i = 0; i < N_TOKENS; i++)
        {
          g_autoptr (JsonObject) claims = json_object_new ();
          g_autoptr (JsonArray) aud = json_array_new ();
          g_autofree char *jti = g_strdup_printf ("jti-%u-%s", i, a->alg);

          json_object_set_string_member (claims, "iss", "https://accounts.example.com/realms/main");
          json_object_set_string_member (claims, "sub", "248289761001-user");
          json_array_add_string_element (aud, "api://orders");
          json_array_add_string_element (aud, "api://billing");
          json_object_set_array_member (claims, "aud", g_steal_pointer (&aud));
          json_object_set_int_member (claims, "iat", 1790000000 + i);
          json_object_set_int_member (claims, "nbf", 1790000000 + i);
          json_object_set_int_member (claims, "exp", 1790003600 + i);
          json_object_set_string_member (claims, "jti", jti);
          json_object_set_string_member (claims, "scope", "openid profile email orders:read");
          json_object_set_string_member (claims, "client_id", "web-frontend");
          tokens[i].token = pim_jwt_sign (claims, key, NULL, NULL, &error);
          g_assert_no_error (error);
          bench_prepare_floor (&tokens[i], a);
          g_assert_true (bench_floor_verify (a, pkey, md,
                                             secret ? g_bytes_get_data (secret, NULL) : NULL,
                                             secret ? g_bytes_get_size (secret) : 0, &tokens[i]));
        }

      for (guint round = 0; round < ROUNDS; round++)
        {
          guint  count = 0;
          double start = bench_now (), elapsed = 0;

          do
            {
              g_autoptr (PimJwt) jwt =
                  pim_jwt_parse_and_verify (tokens[count % N_TOKENS].token, set, allowed, NULL);

              if (jwt == NULL)
                g_error ("%s: a valid token did not verify", a->alg);
              count++;
            }
          while ((count % 64 != 0) || (elapsed = bench_now () - start) < ROUND_SECONDS);
          best_pim = MAX (best_pim, count / elapsed);

          count = 0;
          start = bench_now ();
          do
            {
              if (!bench_floor_verify (a, pkey, md, secret ? g_bytes_get_data (secret, NULL) : NULL,
                                       secret ? g_bytes_get_size (secret) : 0,
                                       &tokens[count % N_TOKENS]))
                g_error ("%s: the floor did not verify", a->alg);
              count++;
            }
          while ((count % 64 != 0) || (elapsed = bench_now () - start) < ROUND_SECONDS);
          best_floor = MAX (best_floor, count / elapsed);
        }

      g_print ("%-6s %14.0f %14.0f %8.2f\n", a->alg, best_pim, best_floor, best_pim / best_floor);

      for (guint i = 0; i < N_TOKENS; i++)
        {
          g_free (tokens[i].token);
          g_free (tokens[i].signature);
        }
      g_free (tokens);
      EVP_PKEY_free (pkey);
      EVP_MD_free (md);
    }
  return 0;
}
