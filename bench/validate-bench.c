/* validate-bench.c: full token validation with warm caches, against the
 * libcrypto floor, and a cold-cache burst
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A provider made of two documents (discovery and key set) on the tests'
 * in-process server. With the caches warm, pim_validate_token() does what
 * a service does per request: parse, find the cached keys, verify, check
 * the claims. It is timed, interleaved in the same process, against raw
 * libcrypto verification of the same signing inputs (bench-floor.c).
 * The same tokens are then validated again with the validated-token
 * cache on, against the same floor. Then a cold cache takes a burst of
 * concurrent validations, and the program prints how many requests
 * reached the provider.
 */

#include "bench-floor.h"

#include <openssl/pem.h>
#include <pim/pim.h>

#include "pim-test-server.h"

#define N_TOKENS      1000
#define ROUNDS        9
#define ROUND_SECONDS 0.2
#define BURST         64

static void
serve (PimTestServer *server, const char *issuer, PimJwkSet *keys, const char *alg)
{
  g_autofree char *document =
      g_strdup_printf ("{\"issuer\":\"%s\",\"authorization_endpoint\":\"%s/"
                       "auth\",\"token_endpoint\":\"%s/token\","
                       "\"jwks_uri\":\"%s/jwks\",\"response_types_supported\":[\"code\"],"
                       "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_"
                       "supported\":[\"%s\"]}",
                       issuer, issuer, issuer, issuer, alg);
  g_autofree char *jwks = pim_jwk_set_to_json (keys, FALSE);

  pim_test_server_set_document (server, "/.well-known/openid-configuration", 200,
                                "application/json", document);
  pim_test_server_set_document (server, "/jwks", 200, "application/json", jwks);
}

static void
on_validated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = pim_validate_token_finish (result, &error);

  if (claims == NULL)
    g_error ("burst: %s", error->message);
  (*(guint *) user_data)++;
}

int
main (int argc, char **argv)
{
  static const char *const algs[] = { "RS256", "ES256", "EdDSA" };
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autofree char *issuer = pim_test_server_get_uri (server, "");

  g_print ("%-6s %16s %14s %8s\n", "alg", "pim validate/s", "floor verify/s", "ratio");

  for (gsize ai = 0; ai < G_N_ELEMENTS (algs); ai++)
    {
      const Algorithm *a = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (PimJwk) key = pim_jwk_generate (algs[ai], &error);
      g_autoptr (PimJwk) pub = pim_jwk_get_public (key);
      g_autoptr (PimJwkSet) keys = pim_jwk_set_new ();
      g_autoptr (PimTokenValidationParameters) p =
          pim_token_validation_parameters_new (issuer, "api://orders");
      g_autofree char *pem = pim_jwk_to_pem (key, FALSE, NULL);
      BIO             *bio = BIO_new_mem_buf (pem, -1);
      EVP_PKEY        *pkey = PEM_read_bio_PUBKEY (bio, NULL, NULL, NULL);
      EVP_MD          *md = NULL;
      Token           *tokens = g_new0 (Token, N_TOKENS);
      double           best_pim = 0, best_floor = 0;
      gint64           now = g_get_real_time () / G_USEC_PER_SEC;

      BIO_free (bio);
      for (gsize i = 0; i < G_N_ELEMENTS (bench_algorithms); i++)
        if (strcmp (bench_algorithms[i].alg, algs[ai]) == 0)
          a = &bench_algorithms[i];
      md = a->md != NULL ? EVP_MD_fetch (NULL, a->md, NULL) : NULL;
      pim_jwk_set_add (keys, pub);
      serve (server, issuer, keys, algs[ai]);
      pim_clear_discovery_cache ();
      pim_clear_jwks_cache ();

      for (guint i = 0; i < N_TOKENS; i++)
        {
          g_autoptr (JsonObject) claims = json_object_new ();
          g_autofree char *jti = g_strdup_printf ("jti-%u", i);

          json_object_set_string_member (claims, "iss", issuer);
          json_object_set_string_member (claims, "sub", "248289761001-user");
          json_object_set_string_member (claims, "aud", "api://orders");
          json_object_set_int_member (claims, "iat", now);
          json_object_set_int_member (claims, "exp", now + 3600);
          json_object_set_string_member (claims, "jti", jti);
          json_object_set_string_member (claims, "scope", "openid profile orders:read");
          tokens[i].token = pim_jwt_sign (claims, key, NULL, NULL, &error);
          g_assert_no_error (error);
          bench_prepare_floor (&tokens[i], a);
        }

      /* Warm the caches. */
      {
        G_GNUC_UNUSED g_autoptr (PimClaims) warm =
            pim_validate_token (tokens[0].token, p, NULL, NULL, &error);

        g_assert_no_error (error);
      }

      for (guint round = 0; round < ROUNDS; round++)
        {
          guint  count = 0;
          double start = bench_now (), elapsed = 0;

          do
            {
              g_autoptr (PimClaims) claims =
                  pim_validate_token (tokens[count % N_TOKENS].token, p, NULL, NULL, NULL);

              if (claims == NULL)
                g_error ("%s: a valid token did not validate", algs[ai]);
              count++;
            }
          while ((count % 32 != 0) || (elapsed = bench_now () - start) < ROUND_SECONDS);
          best_pim = MAX (best_pim, count / elapsed);

          count = 0;
          start = bench_now ();
          do
            {
              if (!bench_floor_verify (a, pkey, md, NULL, 0, &tokens[count % N_TOKENS]))
                g_error ("%s: the floor did not verify", algs[ai]);
              count++;
            }
          while ((count % 32 != 0) || (elapsed = bench_now () - start) < ROUND_SECONDS);
          best_floor = MAX (best_floor, count / elapsed);
        }
      g_print ("%-6s %16.0f %14.0f %8.2f\n", algs[ai], best_pim, best_floor, best_pim / best_floor);

      /* The same tokens again, answered by the validated-token cache. */
      {
        g_autoptr (PimTokenValidationParameters) cached =
            pim_token_validation_parameters_new (issuer, "api://orders");
        double best_cached = 0;

        g_object_set (cached, "token-cache-size", (guint) N_TOKENS, NULL);
        for (guint round = 0; round < ROUNDS; round++)
          {
            guint  count = 0;
            double start = bench_now (), elapsed = 0;

            do
              {
                g_autoptr (PimClaims) claims =
                    pim_validate_token (tokens[count % N_TOKENS].token, cached, NULL, NULL, NULL);

                if (claims == NULL)
                  g_error ("%s: a valid token did not validate", algs[ai]);
                count++;
              }
            while ((count % 32 != 0) || (elapsed = bench_now () - start) < ROUND_SECONDS);
            best_cached = MAX (best_cached, count / elapsed);
          }
        g_print ("%-6s repeated tokens, validated-token cache: %.0f/s, %.1fx the floor\n", algs[ai],
                 best_cached, best_cached / best_floor);
      }

      /* A cold cache under a burst of concurrent validations. */
      if (ai == 0)
        {
          guint done = 0;

          pim_clear_discovery_cache ();
          pim_clear_jwks_cache ();
          pim_test_server_reset_hits (server);
          for (guint i = 0; i < BURST; i++)
            pim_validate_token_async (tokens[i].token, p, NULL, NULL, on_validated, &done);
          while (done < BURST)
            g_main_context_iteration (NULL, TRUE);
          g_print ("cold cache, %u concurrent validations: %u discovery and %u key set "
                   "requests\n",
                   BURST, pim_test_server_get_hits (server, "/.well-known/openid-configuration"),
                   pim_test_server_get_hits (server, "/jwks"));
        }

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
