/* fuzz-logout-token.c: back-channel logout tokens
 * (pim/oidc/pim-logout-token.c) with a static key set and a fixed current
 * time: no network
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Byte 0 sets the options (bit 0: the input is a logout request's body,
 * read with pim_logout_token_from_form() first; bit 1: a trusted extra
 * audience; bit 2: the typ of a signed token is logout+jwt, else JWT).
 * Byte 1 picks the token's source, as fuzz-validate-token.c does:
 *   0  the rest is a compact token (or a form), from anyone;
 *   1  the rest is the claims, signed for real with the fuzzing key byte 2
 *      picks, under a plain header;
 *   2  a header, then the claims, signed the same way.
 * Every token that parses also goes through the pure claim checks
 * (pim_logout_token_check_claims), signed or not.
 * Properties: a token that passes has the issuer, the client among its
 * audiences, an exp not past, a jti, sub or sid, the logout event, no
 * nonce; the pure checks never accept what the validator refuses for a
 * logout rule.
 */

#include "fuzz-common.h"

#include "pim-logout-token-private.h"

#define ISSUER    "https://op.example"
#define CLIENT_ID "fuzz-client"
#define NOW       G_GINT64_CONSTANT (1700000000)

static PimTokenValidationParameters *
parameters_for (guint8 bits)
{
  PimTokenValidationParameters *p = pim_token_validation_parameters_new (ISSUER, NULL);
  const char *const             audiences[] = { "fuzz-trusted", NULL };

  g_object_set (p, "key-set", pim_fuzz_get_public_keys (), "allowed-algorithms",
                pim_fuzz_allowed_algs, "current-time", NOW, "client-id", CLIENT_ID, NULL);
  if (bits & 2)
    g_object_set (p, "audiences", audiences, NULL);
  return p;
}

static void
check_claims (PimClaims *claims)
{
  JsonObject *json = pim_claims_get_json (claims);
  g_auto (GStrv) audiences = pim_claims_dup_audiences (claims);
  JsonNode *events = json_object_get_member (json, "events");
  JsonNode *exp = json_object_get_member (json, "exp");

  pim_fuzz_assert (g_strcmp0 (pim_claims_get_issuer (claims), ISSUER) == 0,
                   "a token from another issuer passed");
  pim_fuzz_assert (audiences != NULL &&
                       g_strv_contains ((const char *const *) audiences, CLIENT_ID),
                   "a token for another client passed");
  pim_fuzz_assert (!json_object_has_member (json, "nonce"), "a token with a nonce passed");
  pim_fuzz_assert (pim_claims_get_string (claims, "jti") != NULL, "a token without jti passed");
  pim_fuzz_assert (pim_claims_get_string (claims, "sub") != NULL ||
                       pim_claims_get_string (claims, "sid") != NULL,
                   "a token without sub or sid passed");
  pim_fuzz_assert (events != NULL && JSON_NODE_HOLDS_OBJECT (events) &&
                       json_object_get_member (json_node_get_object (events),
                                               PIM_BACKCHANNEL_LOGOUT_EVENT) != NULL,
                   "a token without the logout event passed");
  pim_fuzz_assert (exp != NULL && JSON_NODE_HOLDS_VALUE (exp), "a token without exp passed");
  if (json_node_get_value_type (exp) == G_TYPE_INT64)
    pim_fuzz_assert (json_node_get_int (exp) + 60 > NOW, "an expired token passed");
  else if (json_node_get_value_type (exp) == G_TYPE_DOUBLE)
    pim_fuzz_assert (json_node_get_double (exp) + 60 > (double) NOW, "an expired token passed");
  else
    pim_fuzz_assert (FALSE, "an exp that is not a number passed");
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  PimHttpClient   *client;
  PimFuzzInput     in = { data, size };
  guint8           bits, source;
  g_autofree char *token = NULL;
  g_autoptr (PimTokenValidationParameters) parameters = NULL;
  g_autoptr (PimClaims) claims = NULL;
  g_autoptr (PimJwt) jwt = NULL;
  g_autoptr (GError) error = NULL;

  pim_fuzz_init ();
  /* Never used for I/O: the parameters carry the keys. */
  client = pim_fuzz_get_idle_client ();

  bits = pim_fuzz_take_byte (&in);
  source = pim_fuzz_take_byte (&in) % 3;
  if (source == 0 && (bits & 1))
    {
      g_autoptr (GBytes) body = pim_fuzz_take_rest_bytes (&in);

      token = pim_logout_token_from_form (body, &error);
      pim_fuzz_assert ((token == NULL) == (error != NULL), "a token xor an error");
      pim_fuzz_check_error (error);
      if (token == NULL)
        return 0;
      g_clear_error (&error);
    }
  else if (source == 0)
    token = pim_fuzz_take_rest_string (&in);
  else
    token = pim_fuzz_take_signed_token (&in, source == 2, (bits & 4) ? "logout+jwt" : "JWT");

  parameters = parameters_for (bits);
  claims = pim_validate_logout_token (token, parameters, client, NULL, &error);
  pim_fuzz_assert ((claims == NULL) == (error != NULL), "claims xor an error");
  pim_fuzz_check_error (error);
  if (claims != NULL)
    check_claims (claims);

  /* The pure checks, on whatever parses, signed or not. */
  jwt = pim_jwt_parse (token, NULL);
  if (jwt != NULL)
    {
      g_autoptr (GError) pure_error = NULL;
      gboolean pure = pim_logout_token_check_claims (jwt, parameters, &pure_error);

      pim_fuzz_assert (pure == (pure_error == NULL), "a verdict xor an error");
      pim_fuzz_check_error (pure_error);
      if (claims != NULL)
        pim_fuzz_assert (pure, "the pure checks refuse a token the validator took");
      if (g_error_matches (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN))
        pim_fuzz_assert (!pure, "the pure checks take a token the validator refused");
    }
  return 0;
}
