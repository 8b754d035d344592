/* fuzz-validate-token.c: pim_validate_token() with a static key set and a
 * fixed current time (pim/oidc/pim-token-validation.c): no network
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Byte 0 sets the parameters (one bit each: validated-token cache, nonce,
 * max_age, skip the audience check, expected type, at_hash and c_hash,
 * require nbf, a list of issuers). Byte 1 picks the token's source:
 *   0  the rest is a compact token, from anyone;
 *   1  the rest is the claims, signed for real with the fuzzing key byte 2
 *      picks, under a plain header;
 *   2  a header (a random-length string), then the claims (the rest),
 *      signed the same way.
 * Properties: a token that passes has the accepted issuer, the audience
 * (unless that check is off), the nonce asked for, and did not expire;
 * with the cache on, validating again gives the same verdict.
 */

#include "fuzz-common.h"

#define ISSUER   "https://op.example"
#define AUDIENCE "fuzz-client"
#define NOW      G_GINT64_CONSTANT (1700000000)

static PimTokenValidationParameters *
parameters_for (guint8 bits)
{
  PimTokenValidationParameters *p = pim_token_validation_parameters_new (ISSUER, AUDIENCE);
  const char *const             issuers[] = { ISSUER, "https://other.example", NULL };

  g_object_set (p, "key-set", pim_fuzz_get_public_keys (), "allowed-algorithms",
                pim_fuzz_allowed_algs, "current-time", NOW, "client-id", AUDIENCE,
                "token-cache-size", (bits & 1) ? 4u : 0u, NULL);
  if (bits & 2)
    g_object_set (p, "nonce", "fuzz-nonce", NULL);
  if (bits & 4)
    g_object_set (p, "max-age", G_GINT64_CONSTANT (3600), NULL);
  if (bits & 8)
    g_object_set (p, "skip-audience-check", TRUE, NULL);
  if (bits & 16)
    g_object_set (p, "expected-type", "at+jwt", NULL);
  if (bits & 32)
    g_object_set (p, "access-token", "fuzz-access-token", "code", "fuzz-code", NULL);
  if (bits & 64)
    g_object_set (p, "require-nbf", TRUE, NULL);
  if (bits & 128)
    g_object_set (p, "issuers", issuers, NULL);
  return p;
}

static void
check_claims (PimClaims *claims, guint8 bits)
{
  JsonObject *json = pim_claims_get_json (claims);
  const char *issuer = pim_claims_get_issuer (claims);
  g_auto (GStrv) audiences = pim_claims_dup_audiences (claims);
  JsonNode *exp = json_object_get_member (json, "exp");
  gint64    value;

  pim_fuzz_assert (g_strcmp0 (issuer, ISSUER) == 0 ||
                       ((bits & 128) && g_strcmp0 (issuer, "https://other.example") == 0),
                   "a token from another issuer passed");
  if (!(bits & 8))
    pim_fuzz_assert (audiences != NULL &&
                         g_strv_contains ((const char *const *) audiences, AUDIENCE),
                     "a token for another audience passed");
  if (bits & 2)
    pim_fuzz_assert (g_strcmp0 (pim_claims_get_string (claims, "nonce"), "fuzz-nonce") == 0,
                     "a token with another nonce passed");
  pim_fuzz_assert (exp != NULL && JSON_NODE_HOLDS_VALUE (exp), "a token without exp passed");
  if (json_node_get_value_type (exp) == G_TYPE_INT64)
    pim_fuzz_assert (json_node_get_int (exp) + 60 > NOW, "an expired token passed");
  else
    pim_fuzz_assert (json_node_get_double (exp) + 60 > (double) NOW, "an expired token passed");

  /* What a caller reads. */
  pim_fuzz_assert (pim_claims_get_jwt (claims) != NULL, "claims without their JWT");
  (void) pim_claims_get_subject (claims);
  (void) pim_claims_get_expiration (claims);
  (void) pim_claims_get_issued_at (claims);
  (void) pim_claims_get_int (claims, "auth_time", &value);
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
  g_autoptr (GError) error = NULL;

  pim_fuzz_init ();
  /* Never used for I/O: the parameters carry the keys. */
  client = pim_fuzz_get_idle_client ();

  bits = pim_fuzz_take_byte (&in);
  source = pim_fuzz_take_byte (&in) % 3;
  if (source == 0)
    token = pim_fuzz_take_rest_string (&in);
  else
    token = pim_fuzz_take_signed_token (&in, source == 2, (bits & 16) ? "at+jwt" : "JWT");

  parameters = parameters_for (bits);
  claims = pim_validate_token (token, parameters, client, NULL, &error);
  pim_fuzz_assert ((claims == NULL) == (error != NULL), "claims xor an error");
  pim_fuzz_check_error (error);
  if (claims != NULL)
    check_claims (claims, bits);

  if (bits & 1)
    {
      /* Again, through the validated-token cache when it kept the token. */
      g_autoptr (PimClaims) again = NULL;
      g_autoptr (GError) again_error = NULL;

      again = pim_validate_token (token, parameters, client, NULL, &again_error);
      pim_fuzz_assert ((again != NULL) == (claims != NULL), "the cache changed the verdict");
      if (again != NULL)
        check_claims (again, bits);
      else
        pim_fuzz_assert (again_error->domain == error->domain && again_error->code == error->code,
                         "the cache changed the error");
    }
  return 0;
}
