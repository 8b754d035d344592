/* fuzz-userinfo-response.c: UserInfo answers
 * (pim/oauth/pim-userinfo-response.c, OpenID Connect Core §5.3.2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Byte 0 picks the answer's form:
 *   even  the rest is the body of a 200 application/json answer, read as
 *         pim_get_userinfo() reads it;
 *   odd   the rest is the claims of a signed answer (application/jwt),
 *         signed for real with the fuzzing key byte 1 picks, validated as
 *         pim_get_userinfo() validates it by default (issuer and audience,
 *         exp and iat optional), then read.
 * An accepted response is read through its getters; it always has a sub.
 */

#include "fuzz-common.h"

#include "pim-oauth-private.h"
#include "pim-userinfo-response-private.h"

#define ISSUER   "https://op.example"
#define AUDIENCE "fuzz-client"

static const char *const kids[] = { "fuzz-rs256", "fuzz-es256", "fuzz-eddsa", "fuzz-hs256" };

static void
use_response (PimUserInfoResponse *response)
{
  gint64 value;

  pim_fuzz_assert (pim_userinfo_response_get_subject (response) != NULL, "a response without sub");
  (void) pim_userinfo_response_get_name (response);
  (void) pim_userinfo_response_get_given_name (response);
  (void) pim_userinfo_response_get_family_name (response);
  (void) pim_userinfo_response_get_middle_name (response);
  (void) pim_userinfo_response_get_nickname (response);
  (void) pim_userinfo_response_get_preferred_username (response);
  (void) pim_userinfo_response_get_profile (response);
  (void) pim_userinfo_response_get_picture (response);
  (void) pim_userinfo_response_get_website (response);
  (void) pim_userinfo_response_get_email (response);
  (void) pim_userinfo_response_get_email_verified (response);
  (void) pim_userinfo_response_get_gender (response);
  (void) pim_userinfo_response_get_birthdate (response);
  (void) pim_userinfo_response_get_zoneinfo (response);
  (void) pim_userinfo_response_get_locale (response);
  (void) pim_userinfo_response_get_phone_number (response);
  (void) pim_userinfo_response_get_phone_number_verified (response);
  (void) pim_userinfo_response_get_address (response);
  (void) pim_userinfo_response_get_updated_at (response);
  (void) pim_userinfo_response_get_claims (response);
  (void) pim_userinfo_response_get_string (response, "email");
  (void) pim_userinfo_response_get_int (response, "updated_at", &value);
  pim_fuzz_assert (pim_userinfo_response_get_json (response) != NULL, "a response without JSON");
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  static PimHttpClient *client;
  PimFuzzInput          in = { data, size };
  g_autoptr (PimUserInfoResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  pim_fuzz_init ();
  if (client == NULL)
    client = pim_http_client_new ();

  if (pim_fuzz_take_byte (&in) % 2 == 0)
    {
      g_autoptr (PimHttpResponse) http =
          pim_fuzz_response_new (200, "application/json", in.data, in.size);
      g_autoptr (JsonObject) json =
          pim_oauth_response_parse_object (http, "UserInfo endpoint", &error);

      if (json != NULL)
        response = pim_userinfo_response_new (json, NULL, &error);
    }
  else
    {
      const char      *kid = kids[pim_fuzz_take_byte (&in) % G_N_ELEMENTS (kids)];
      PimJwk          *key = pim_fuzz_get_signing_key (kid);
      g_autofree char *header =
          g_strdup_printf ("{\"alg\":\"%s\",\"kid\":\"%s\"}", pim_jwk_get_algorithm (key), kid);
      g_autofree char *token =
          pim_fuzz_sign_raw (kid, pim_jwk_get_algorithm (key), (const guint8 *) header,
                             strlen (header), in.data, in.size);
      g_autoptr (PimTokenValidationParameters) parameters =
          pim_token_validation_parameters_new (ISSUER, AUDIENCE);
      g_autoptr (PimClaims) claims = NULL;

      g_object_set (parameters, "key-set", pim_fuzz_get_public_keys (), "allowed-algorithms",
                    pim_fuzz_allowed_algs, "current-time", G_GINT64_CONSTANT (1700000000),
                    "require-exp", FALSE, "require-iat", FALSE, NULL);
      claims = pim_validate_token (token, parameters, client, NULL, &error);
      if (claims != NULL)
        response = pim_userinfo_response_new (pim_claims_get_json (claims), claims, &error);
    }
  pim_fuzz_assert ((response == NULL) == (error != NULL), "a response xor an error");
  pim_fuzz_check_error (error);
  if (response != NULL)
    use_response (response);
  return 0;
}
