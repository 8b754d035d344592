/* oauth-par-jarm-test.c: JWT-secured authorization responses (JARM)
 * against the real local provider in every response mode, and the
 * attacks the provider cannot make, from a fake issuer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "oauth-par-common.h"
#include "pim-authorization-request-private.h"
#include "pim-test-async.h"
#include "pim-test-issuer.h"
#include "pim-test-server.h"

static PimAuthorizationResponse *
parse_jwt (PimAuthorizationRequest     *request,
           const char                  *response,
           PimAuthorizationResponseMode where,
           PimTestMode                  mode,
           GError                     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_authorization_request_parse_jwt_response (request, response, where, NULL, NULL,
                                                         error);
  pim_authorization_request_parse_jwt_response_async (request, response, where, NULL, NULL,
                                                      pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_authorization_request_parse_jwt_response_finish (request, result, error);
}

/* ---- JARM against the provider ---- */

typedef struct
{
  const char                  *name; /* in the test path */
  const char                  *response_mode;
  char                         separator; /* in the redirect, or 0 for form_post */
  PimAuthorizationResponseMode where;
} JarmCase;

static const JarmCase jarm_cases[] = {
  { "query", "query.jwt", '?', PIM_AUTHORIZATION_RESPONSE_MODE_QUERY },
  { "fragment", "fragment.jwt", '#', PIM_AUTHORIZATION_RESPONSE_MODE_FRAGMENT },
  { "form-post", "form_post.jwt", 0, PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST },
  { "default", "jwt", '?', PIM_AUTHORIZATION_RESPONSE_MODE_QUERY },
};

/* One registered run of jarm_flow(): a case, sync or async. */
typedef struct
{
  const JarmCase *jarm;
  PimTestMode     mode;
} JarmRun;

static JarmRun jarm_runs[G_N_ELEMENTS (jarm_cases) * 2];

static void
jarm_flow (const JarmCase *jarm, PimTestMode mode)
{
  g_autoptr (PimAuthorizationRequest) authorization =
      authorization_request (PIM_TEST_CLIENT_BASIC_ID);
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (PimAuthorizationResponse) plain = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *redirect = NULL;
  const char      *text;

  pim_authorization_request_set_response_mode (authorization, jarm->response_mode);
  redirect = browse (authorization);
  /* The browser hands a posted form over as the redirect's query. */
  g_assert_true (g_str_has_prefix (redirect, REDIRECT));
  g_assert_true (redirect[strlen (REDIRECT)] == (jarm->separator != 0 ? jarm->separator : '?'));
  g_assert_nonnull (strstr (redirect, "response="));
  g_assert_null (strstr (redirect, "code="));
  text = jarm->separator != 0 ? redirect : redirect + strlen (REDIRECT) + 1;

  /* Not readable as plain parameters. */
  plain = pim_authorization_request_parse_response (authorization, text,
                                                    PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_assert_null (plain);
  g_clear_error (&error);

  response = parse_jwt (authorization, text, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pim_authorization_response_get_code (response));
  g_assert_cmpstr (pim_authorization_response_get_state (response), ==,
                   pim_authorization_request_get_state (authorization));
  g_assert_cmpstr (pim_authorization_response_get_issuer (response), ==, issuer ());
  /* aud and exp are the envelope's, not parameters. */
  g_assert_null (pim_authorization_response_get_string (response, "aud"));
  g_assert_null (pim_authorization_response_get_string (response, "exp"));
  g_clear_object (&response);

  /* The same text read with the mode given explicitly. */
  response = parse_jwt (authorization, text, jarm->where, mode, &error);
  g_assert_no_error (error);
  exchange (authorization, response, PIM_TEST_CLIENT_BASIC_SECRET, NULL, mode);
}

static void
test_jarm_run (gconstpointer data)
{
  const JarmRun *run = data;

  jarm_flow (run->jarm, run->mode);
}

/* An error travels signed too: prompt=none without a session. */
static void
test_jarm_error (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimAuthorizationRequest) authorization =
      authorization_request (PIM_TEST_CLIENT_BASIC_ID);
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *redirect = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;

  pim_authorization_request_set_response_mode (authorization, "query.jwt");
  pim_authorization_request_set_prompt (authorization, "none");
  redirect = browse (authorization);
  g_assert_null (strstr (redirect, "error="));
  response =
      parse_jwt (authorization, redirect, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_LOGIN_REQUIRED);
  g_assert_null (response);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (authorization));
  g_assert_nonnull (details);
  g_assert_cmpstr (pim_oauth_error_response_get_error (details), ==, "login_required");
}

/* ---- JARM attacks against a fake issuer ---- */

typedef struct
{
  PimTestServer *server;
  char          *issuer;
  PimJwk        *key; /* the issuer's, served at /jwks */
} FakeIssuer;

static void
fake_issuer_init (FakeIssuer *fake)
{
  g_autoptr (PimJwkSet) keys = NULL;

  fake->key = pim_test_issuer_generate_key ("ES256", &keys);
  fake->server = pim_test_issuer_new (keys, "ES256", &fake->issuer);
}

static void
fake_issuer_clear (FakeIssuer *fake)
{
  pim_test_server_free (fake->server);
  g_free (fake->issuer);
  g_object_unref (fake->key);
}

static PimAuthorizationRequest *
fake_request (FakeIssuer *fake)
{
  g_autofree char         *auth = pim_test_server_get_uri (fake->server, "/auth");
  PimAuthorizationRequest *request = pim_authorization_request_new (auth, FAKE_CLIENT, REDIRECT);

  g_object_set (request, "issuer", fake->issuer, "state", "the-state", "response-mode", "query.jwt",
                NULL);
  return request;
}

typedef enum
{
  MINT_GOOD,
  MINT_WRONG_AUD,
  MINT_WRONG_ISS,
  MINT_EXPIRED,
  MINT_NO_EXP,
  MINT_WRONG_STATE,
  MINT_OTHER_KEY,
  MINT_HS256,
  MINT_NONE,
  MINT_BAD_SIGNATURE,
  MINT_JWE,
  MINT_OBJECT_CLAIM,
} Mint;

static char *
mint (FakeIssuer *fake, Mint how)
{
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  char  *jwt;

  json_object_set_string_member (claims, "iss",
                                 how == MINT_WRONG_ISS ? "https://evil.example" : fake->issuer);
  json_object_set_string_member (claims, "aud", how == MINT_WRONG_AUD ? "other-app" : FAKE_CLIENT);
  if (how != MINT_NO_EXP)
    json_object_set_int_member (claims, "exp", how == MINT_EXPIRED ? now - 120 : now + 300);
  json_object_set_string_member (claims, "code", "the-code");
  json_object_set_string_member (claims, "state",
                                 how == MINT_WRONG_STATE ? "another-state" : "the-state");
  if (how == MINT_OBJECT_CLAIM)
    json_object_set_object_member (claims, "extra", json_object_new ());

  if (how == MINT_NONE)
    return pim_test_unsigned_jwt (claims, "{\"alg\":\"none\",\"typ\":\"JWT\"}");
  if (how == MINT_JWE)
    return g_strdup ("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a2V5.aXY.Y2lwaGVy.dGFn");
  if (how == MINT_HS256)
    {
      g_autoptr (PimJwk) hmac = secret_key ("app-secret-app-secret-app-secret!");

      jwt = pim_jwt_sign (claims, hmac, "HS256", NULL, &error);
    }
  else if (how == MINT_OTHER_KEY)
    {
      g_autoptr (PimJwk) other = pim_jwk_generate ("ES256", &error);

      g_assert_no_error (error);
      jwt = pim_jwt_sign (claims, other, NULL, NULL, &error);
    }
  else
    jwt = pim_jwt_sign (claims, fake->key, NULL, NULL, &error);
  g_assert_no_error (error);
  if (how == MINT_BAD_SIGNATURE)
    {
      /* Flip a bit inside the signature (not its last character, whose
       * low bits base64url may not carry). */
      char *last_dot = strrchr (jwt, '.');

      last_dot[5] = last_dot[5] == 'A' ? 'B' : 'A';
    }
  return jwt;
}

static char *
callback_with (FakeIssuer *fake, Mint how)
{
  g_autofree char *jwt = mint (fake, how);

  return g_strconcat (REDIRECT "?response=", jwt, NULL);
}

static void
test_jarm_attacks (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  static const struct
  {
    Mint how;
    GQuark (*domain) (void);
    int code;
  } attacks[] = {
    { MINT_WRONG_AUD, pim_token_error_quark, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH },
    { MINT_WRONG_ISS, pim_token_error_quark, PIM_TOKEN_ERROR_ISSUER_MISMATCH },
    { MINT_EXPIRED, pim_token_error_quark, PIM_TOKEN_ERROR_EXPIRED },
    { MINT_NO_EXP, pim_token_error_quark, PIM_TOKEN_ERROR_MISSING_CLAIM },
    { MINT_WRONG_STATE, pim_oauth_error_quark, PIM_OAUTH_ERROR_STATE_MISMATCH },
    { MINT_OTHER_KEY, pim_jose_error_quark, PIM_JOSE_ERROR_KEY_NOT_FOUND },
    { MINT_HS256, pim_jose_error_quark, PIM_JOSE_ERROR_ALG_NOT_ALLOWED },
    { MINT_NONE, pim_jose_error_quark, PIM_JOSE_ERROR_ALG_NONE },
    { MINT_BAD_SIGNATURE, pim_jose_error_quark, PIM_JOSE_ERROR_INVALID_SIGNATURE },
    { MINT_JWE, pim_oauth_error_quark, PIM_OAUTH_ERROR_INVALID_RESPONSE },
    { MINT_OBJECT_CLAIM, pim_oauth_error_quark, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  };
  FakeIssuer fake;
  g_autoptr (PimAuthorizationRequest) request = NULL;
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *good = NULL;

  fake_issuer_init (&fake);
  request = fake_request (&fake);

  /* The control: a good response is accepted. */
  good = callback_with (&fake, MINT_GOOD);
  response = parse_jwt (request, good, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_authorization_response_get_code (response), ==, "the-code");
  g_assert_cmpstr (pim_authorization_response_get_state (response), ==, "the-state");
  g_assert_cmpstr (pim_authorization_response_get_issuer (response), ==, fake.issuer);
  g_clear_object (&response);

  for (gsize i = 0; i < G_N_ELEMENTS (attacks); i++)
    {
      g_autofree char *callback = callback_with (&fake, attacks[i].how);

      response = parse_jwt (request, callback, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
      if (error == NULL || error->domain != attacks[i].domain () || error->code != attacks[i].code)
        g_error ("attack %" G_GSIZE_FORMAT ": %s", i, error != NULL ? error->message : "accepted");
      g_assert_null (response);
      g_clear_error (&error);
    }

  /* The JWE error says what it is. */
  {
    g_autofree char *callback = callback_with (&fake, MINT_JWE);

    response = parse_jwt (request, callback, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
    g_assert_nonnull (strstr (error->message, "ncrypted"));
    g_clear_error (&error);
  }

  /* No response parameter at all, or plain parameters instead. */
  response = parse_jwt (request, REDIRECT "?code=the-code&state=the-state",
                        PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
  g_assert_null (response);
  g_clear_error (&error);
  response = parse_jwt (request, REDIRECT, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
  g_assert_null (response);
  g_clear_error (&error);

  /* A mode that is not a JWT one. */
  pim_authorization_request_set_response_mode (request, "query");
  response = parse_jwt (request, good, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_assert_null (response);
  g_clear_error (&error);

  /* No issuer to check against. */
  g_object_set (request, "issuer", NULL, "response-mode", "query.jwt", NULL);
  response = parse_jwt (request, good, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_assert_null (response);

  fake_issuer_clear (&fake);
}

/* The pure path the fuzz target takes, with a fixed key set. */
static void
test_jarm_with_keys (void)
{
  FakeIssuer fake;
  g_autoptr (PimJwkSet) keys = pim_jwk_set_new ();
  g_autoptr (PimJwk) public_key = NULL;
  g_autoptr (PimAuthorizationRequest) request = NULL;
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (JsonObject) params = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *wrong_aud = NULL;
  g_autofree char *callback = NULL;

  fake_issuer_init (&fake);
  public_key = pim_jwk_get_public (fake.key);
  pim_jwk_set_add (keys, public_key);
  request = fake_request (&fake);

  good = mint (&fake, MINT_GOOD);
  params = pim_authorization_jarm_validate (good, keys, fake.issuer, FAKE_CLIENT, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (params, "code"), ==, "the-code");
  g_assert_false (json_object_has_member (params, "aud"));
  g_assert_false (json_object_has_member (params, "exp"));

  wrong_aud = mint (&fake, MINT_WRONG_AUD);
  g_clear_pointer (&params, json_object_unref);
  params = pim_authorization_jarm_validate (wrong_aud, keys, fake.issuer, FAKE_CLIENT, 0, &error);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH);
  g_assert_null (params);
  g_clear_error (&error);

  callback = g_strconcat ("response=", good, NULL);
  response = pim_authorization_request_parse_jwt_response_with_keys (
      request, callback, PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST, keys, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_authorization_response_get_code (response), ==, "the-code");
  /* No network: the fake issuer was never asked. */
  g_assert_cmpuint (pim_test_server_get_hits (fake.server, "/jwks"), ==, 0);

  fake_issuer_clear (&fake);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oauth-par/unit/jarm-with-keys", test_jarm_with_keys);
  pim_test_add_both ("/oauth-par/faults", "jarm-attacks", test_jarm_attacks);
  for (gsize i = 0; i < G_N_ELEMENTS (jarm_runs); i++)
    {
      JarmRun         *run = &jarm_runs[i];
      g_autofree char *path = NULL;

      run->jarm = &jarm_cases[i / 2];
      run->mode = i % 2 == 0 ? PIM_TEST_SYNC : PIM_TEST_ASYNC;
      path = g_strdup_printf ("/oauth-par/jarm/%s/%s", run->jarm->name,
                              pim_test_mode_name (run->mode));
      g_test_add_data_func (path, run, test_jarm_run);
    }
  pim_test_add_both ("/oauth-par/jarm", "error", test_jarm_error);

  return g_test_run ();
}
