/* security-sender-test.c: the security controls of sender-constrained and
 * high-assurance OAuth, against the real local provider and the fault
 * server: DPoP proofs on both sides and cnf.jkt binding (RFC 9449), JARM,
 * request objects and PAR (RFC 9101, 9126), and the FAPI 2.0 profile
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-authorization-request-private.h"
#include "pim-dpop-proof-validator-private.h"
#include "pim-oauth-private.h"
#include "pim-test-async.h"
#include "pim-test-issuer.h"
#include "pim-test-login.h"
#include "pim-test-provider.h"
#include "pim-test-server.h"
#include "security-util.h"

#define REDIRECT "http://127.0.0.1:48213" PIM_TEST_REDIRECT_PATH

static const char *
issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

/* ---- DPoP proofs and cnf.jkt (resource server side) ---- */

#define DPOP_NOW 1790000000
#define DPOP_HTU "https://api.example/resource"

/* A proof by @key at DPOP_NOW: typ dpop+jwt, and @jwk as the header's
 * "jwk" (NULL: @key's public JWK). */
static char *
dpop_proof (PimJwk     *key,
            const char *alg,
            JsonObject *jwk,
            const char *jti,
            const char *htm,
            const char *htu)
{
  g_autoptr (PimJwk) pub = pim_jwk_get_public (key);
  g_autoptr (JsonObject) header = json_object_new ();
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autoptr (GError) error = NULL;
  char *proof;

  json_object_set_string_member (header, "typ", "dpop+jwt");
  json_object_set_object_member (header, "jwk",
                                 jwk != NULL ? json_object_ref (jwk)
                                             : pim_jwk_to_object (pub, FALSE));
  json_object_set_string_member (claims, "jti", jti);
  json_object_set_string_member (claims, "htm", htm);
  json_object_set_string_member (claims, "htu", htu);
  json_object_set_int_member (claims, "iat", DPOP_NOW);
  proof = pim_jwt_sign (claims, key, alg, header, &error);
  g_assert_no_error (error);
  return proof;
}

static PimDPoPProofValidator *
dpop_validator (void)
{
  PimDPoPProofValidator *validator = pim_dpop_proof_validator_new ();

  pim_dpop_proof_validator_set_now (validator, DPOP_NOW);
  return validator;
}

static void
assert_dpop_refused (PimDPoPProofValidator *validator,
                     const char            *proof,
                     const char            *htm,
                     const char            *htu,
                     PimDPoPError           code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPProof) result =
      pim_dpop_proof_validator_validate (validator, proof, htm, htu, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, PIM_DPOP_ERROR, (gint) code);
}

static void
assert_dpop_accepted (PimDPoPProofValidator *validator,
                      const char            *proof,
                      const char            *htm,
                      const char            *htu)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPProof) result =
      pim_dpop_proof_validator_validate (validator, proof, htm, htu, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
}

/* A proof is accepted once; the same key and jti again is a replay, from
 * any thread, however many proofs came between (up to the cache size). */
static void
test_dpop_replay (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) key = pim_jwk_generate ("ES256", &error);
  g_autoptr (PimDPoPProofValidator) validator = dpop_validator ();
  g_autofree char *proof = NULL;

  g_assert_no_error (error);
  proof = dpop_proof (key, "ES256", NULL, "replayed", "GET", DPOP_HTU);
  assert_dpop_accepted (validator, proof, "GET", DPOP_HTU);
  assert_dpop_refused (validator, proof, "GET", DPOP_HTU, PIM_DPOP_ERROR_REPLAYED);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *jti = g_strdup_printf ("between-%u", i);
      g_autofree char *other = dpop_proof (key, "ES256", NULL, jti, "GET", DPOP_HTU);

      assert_dpop_accepted (validator, other, "GET", DPOP_HTU);
    }
  assert_dpop_refused (validator, proof, "GET", DPOP_HTU, PIM_DPOP_ERROR_REPLAYED);
}

/* alg none (with or without a signature), HS* with the secret as the
 * "jwk", and a "jwk" with private members are refused; HS* cannot be
 * allowed. */
static void
test_dpop_alg_none_hs (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) key = pim_jwk_generate ("ES256", &error);
  g_autoptr (PimJwk) secret = pim_jwk_generate ("HS256", &error);
  g_autoptr (PimDPoPProofValidator) validator = dpop_validator ();
  g_autoptr (JsonObject) secret_jwk = pim_jwk_to_object (secret, TRUE);
  g_autofree char  *hs = NULL;
  g_autofree char  *good = NULL;
  const char *const with_hs[] = { "ES256", "HS256", NULL };

  g_assert_no_error (error);
  hs = dpop_proof (secret, "HS256", secret_jwk, "hs", "GET", DPOP_HTU);
  assert_dpop_refused (validator, hs, "GET", DPOP_HTU, PIM_DPOP_ERROR_INVALID_PROOF);
  /* An asymmetric proof whose "jwk" holds the private key too. */
  {
    g_autoptr (JsonObject) private_jwk = pim_jwk_to_object (key, TRUE);
    g_autofree char *leaky = dpop_proof (key, "ES256", private_jwk, "leaky", "GET", DPOP_HTU);

    assert_dpop_refused (validator, leaky, "GET", DPOP_HTU, PIM_DPOP_ERROR_INVALID_PROOF);
  }

  good = dpop_proof (key, "ES256", NULL, "none", "GET", DPOP_HTU);
  for (guint with_signature = 0; with_signature < 2; with_signature++)
    {
      g_autofree char *header = NULL;
      g_autofree char *forged = NULL;
      const char      *payload_and_signature = strchr (good, '.');
      g_autoptr (PimJwk) pub = pim_jwk_get_public (key);
      g_autoptr (JsonObject) object = json_object_new ();
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *text = NULL;

      json_object_set_string_member (object, "alg", "none");
      json_object_set_string_member (object, "typ", "dpop+jwt");
      json_object_set_object_member (object, "jwk", pim_jwk_to_object (pub, FALSE));
      json_node_set_object (node, object);
      text = json_to_string (node, FALSE);
      header = pim_base64url_encode ((const guint8 *) text, strlen (text));
      if (with_signature)
        forged = g_strconcat (header, payload_and_signature, NULL);
      else
        {
          g_autofree char *payload =
              g_strndup (payload_and_signature, strrchr (good, '.') - payload_and_signature);

          forged = g_strconcat (header, payload, ".", NULL);
        }
      assert_dpop_refused (validator, forged, "GET", DPOP_HTU, PIM_DPOP_ERROR_INVALID_PROOF);
    }

  g_test_expect_message ("Pim", G_LOG_LEVEL_CRITICAL, "*HS256*");
  pim_dpop_proof_validator_set_allowed_algs (validator, with_hs);
  g_test_assert_expected_messages ();
  assert_dpop_refused (validator, hs, "GET", DPOP_HTU, PIM_DPOP_ERROR_INVALID_PROOF);
}

/* A proof for one method and URI is no good for another. */
static void
test_dpop_htm_htu_bound (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) key = pim_jwk_generate ("ES256", &error);
  g_autoptr (PimDPoPProofValidator) validator = dpop_validator ();
  g_autofree char *proof = NULL;

  g_assert_no_error (error);
  proof = dpop_proof (key, "ES256", NULL, "bound", "GET", DPOP_HTU);
  assert_dpop_refused (validator, proof, "DELETE", DPOP_HTU, PIM_DPOP_ERROR_HTM_MISMATCH);
  assert_dpop_refused (validator, proof, "GET", "https://api.example/admin",
                       PIM_DPOP_ERROR_HTU_MISMATCH);
  assert_dpop_refused (validator, proof, "GET", "https://evil.example/resource",
                       PIM_DPOP_ERROR_HTU_MISMATCH);
  assert_dpop_refused (validator, proof, "GET", "http://api.example/resource",
                       PIM_DPOP_ERROR_HTU_MISMATCH);
  assert_dpop_accepted (validator, proof, "GET", DPOP_HTU "?q=1");
}

/* An access token is only good with a proof by the key its cnf.jkt names:
 * another key's valid proof, or a token without cnf.jkt, is refused. */
static void
test_cnf_jkt_binding (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) key = pim_jwk_generate ("ES256", &error);
  g_autoptr (PimJwk) thief = pim_jwk_generate ("ES256", &error);
  g_autoptr (PimDPoPProofValidator) validator = dpop_validator ();
  g_autoptr (JsonObject) bound = json_object_new ();
  g_autoptr (JsonObject) unbound = json_object_new ();
  g_autoptr (JsonObject) cnf = json_object_new ();
  g_autofree char *good = NULL;
  g_autofree char *stolen = NULL;
  g_autoptr (PimDPoPProof) good_proof = NULL;
  g_autoptr (PimDPoPProof) stolen_proof = NULL;

  g_assert_no_error (error);
  good = dpop_proof (key, "ES256", NULL, "a", "GET", DPOP_HTU);
  stolen = dpop_proof (thief, "ES256", NULL, "b", "GET", DPOP_HTU);
  good_proof = pim_dpop_proof_validator_validate (validator, good, "GET", DPOP_HTU, NULL, &error);
  g_assert_no_error (error);
  stolen_proof =
      pim_dpop_proof_validator_validate (validator, stolen, "GET", DPOP_HTU, NULL, &error);
  g_assert_no_error (error);

  json_object_set_string_member (cnf, "jkt", pim_dpop_proof_get_jkt (good_proof));
  json_object_set_object_member (bound, "cnf", json_object_ref (cnf));
  json_object_set_string_member (unbound, "sub", "alice");

  g_assert_true (pim_token_binding_check_jkt (bound, pim_dpop_proof_get_jkt (good_proof), &error));
  g_assert_no_error (error);
  g_assert_false (
      pim_token_binding_check_jkt (bound, pim_dpop_proof_get_jkt (stolen_proof), &error));
  g_assert_error (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_KEY_MISMATCH);
  g_clear_error (&error);
  g_assert_false (
      pim_token_binding_check_jkt (unbound, pim_dpop_proof_get_jkt (good_proof), &error));
  g_assert_error (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_KEY_MISMATCH);
}

/* ---- JARM, request objects, PAR (RFC 9101, 9126, JARM) ---- */

typedef enum
{
  JARM_GOOD,
  JARM_WRONG_AUD,
  JARM_WRONG_ISS,
  JARM_EXPIRED,
  JARM_NO_EXP,
  JARM_TAMPERED,
  JARM_NONE,
  JARM_HS256,
  JARM_JWE,
} JarmForgery;

#define JARM_ISSUER "https://op.example"
#define JARM_CLIENT "app"

static char *
jarm_forge (PimJwk *key, JarmForgery how)
{
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  char  *jwt;

  json_object_set_string_member (claims, "iss",
                                 how == JARM_WRONG_ISS ? "https://evil.example" : JARM_ISSUER);
  json_object_set_string_member (claims, "aud", how == JARM_WRONG_AUD ? "evil-app" : JARM_CLIENT);
  if (how != JARM_NO_EXP)
    json_object_set_int_member (claims, "exp", how == JARM_EXPIRED ? now - 120 : now + 120);
  json_object_set_string_member (claims, "code", "c");
  json_object_set_string_member (claims, "state", "s");
  if (how == JARM_NONE)
    return pim_test_unsigned_jwt (claims, "{\"alg\":\"none\"}");
  if (how == JARM_JWE)
    return g_strdup ("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a2V5.aXY.Y2lwaGVy.dGFn");
  if (how == JARM_HS256)
    {
      const char *secret = "the-client-secret-of-app-32-bytes";
      g_autoptr (GBytes) bytes = g_bytes_new (secret, strlen (secret));
      g_autoptr (PimJwk) hmac = pim_jwk_new_from_secret (bytes, "HS256", NULL, &error);

      g_assert_no_error (error);
      jwt = pim_jwt_sign (claims, hmac, NULL, NULL, &error);
    }
  else
    jwt = pim_jwt_sign (claims, key, NULL, NULL, &error);
  g_assert_no_error (error);
  if (how == JARM_TAMPERED)
    {
      char *signature = strrchr (jwt, '.') + 1;

      signature[3] = signature[3] == 'A' ? 'B' : 'A';
    }
  return jwt;
}

/* JARM: the response JWT's signature (asymmetric only, never none or a
 * MAC), iss, aud and exp are enforced; JWE is declined. */
static void
test_jarm_claims_enforced (void)
{
  static const struct
  {
    JarmForgery how;
    GQuark (*domain) (void);
    int code;
  } forgeries[] = {
    { JARM_WRONG_AUD, pim_token_error_quark, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH },
    { JARM_WRONG_ISS, pim_token_error_quark, PIM_TOKEN_ERROR_ISSUER_MISMATCH },
    { JARM_EXPIRED, pim_token_error_quark, PIM_TOKEN_ERROR_EXPIRED },
    { JARM_NO_EXP, pim_token_error_quark, PIM_TOKEN_ERROR_MISSING_CLAIM },
    { JARM_TAMPERED, pim_jose_error_quark, PIM_JOSE_ERROR_INVALID_SIGNATURE },
    { JARM_NONE, pim_jose_error_quark, PIM_JOSE_ERROR_ALG_NONE },
    { JARM_HS256, pim_jose_error_quark, PIM_JOSE_ERROR_ALG_NOT_ALLOWED },
    { JARM_JWE, pim_oauth_error_quark, PIM_OAUTH_ERROR_INVALID_RESPONSE },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) key = pim_jwk_generate ("ES256", &error);
  g_autoptr (PimJwk) public_key = NULL;
  g_autoptr (PimJwkSet) keys = pim_jwk_set_new ();
  g_autoptr (PimAuthorizationRequest) request =
      pim_authorization_request_new ("https://op.example/auth", JARM_CLIENT, REDIRECT);
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autofree char *good = NULL;
  g_autofree char *form = NULL;

  g_assert_no_error (error);
  public_key = pim_jwk_get_public (key);
  pim_jwk_set_add (keys, public_key);
  g_object_set (request, "issuer", JARM_ISSUER, "state", "s", "response-mode", "form_post.jwt",
                NULL);

  /* The control: a good one passes. */
  good = jarm_forge (key, JARM_GOOD);
  form = g_strconcat ("response=", good, NULL);
  response =
      pim_authorization_request_parse_jwt_response_with_keys (request, form,
                                                              PIM_AUTHORIZATION_RESPONSE_MODE_AUTO,
                                                              keys, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_authorization_response_get_code (response), ==, "c");
  g_clear_object (&response);

  for (gsize i = 0; i < G_N_ELEMENTS (forgeries); i++)
    {
      g_autofree char *jwt = jarm_forge (key, forgeries[i].how);
      g_autofree char *forged = g_strconcat ("response=", jwt, NULL);

      response = pim_authorization_request_parse_jwt_response_with_keys (
          request, forged, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, keys, 0, &error);
      if (error == NULL || error->domain != forgeries[i].domain () ||
          error->code != forgeries[i].code)
        g_error ("forgery %" G_GSIZE_FORMAT " not refused as it should be: %s", i,
                 error != NULL ? error->message : "accepted");
      g_assert_null (response);
      g_clear_error (&error);
    }
}

/* The same against the real provider: its own signed response, read by a
 * request of another client (same state), is refused for its audience. */
static void
test_jarm_wrong_aud_provider (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimDiscoveryRequest) discovery = pim_discovery_request_new (issuer ());
  g_autoptr (PimDiscoveryDocument) document = NULL;
  g_autoptr (PimAuthorizationRequest) request = NULL;
  g_autoptr (PimAuthorizationRequest) other = NULL;
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer (), NULL);
  g_autoptr (GUri) redirect = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;

  document = pim_get_discovery_document (discovery, NULL, NULL, &error);
  g_assert_no_error (error);
  request =
      pim_authorization_request_new_from_discovery (document, PIM_TEST_CLIENT_BASIC_ID, REDIRECT);
  g_object_set (request, "scope", "openid", "response-mode", "query.jwt", NULL);
  g_assert_true (pim_authorization_request_prepare (request, &error));
  url = pim_authorization_request_build_url (request, &error);
  g_assert_no_error (error);
  redirect = pim_test_browser_authorize (browser, url, &error);
  g_assert_no_error (error);
  text = g_uri_to_string (redirect);

  /* The control: the right client reads it. */
  response = pim_authorization_request_parse_jwt_response (request, text,
                                                           PIM_AUTHORIZATION_RESPONSE_MODE_AUTO,
                                                           NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&response);

  other =
      pim_authorization_request_new_from_discovery (document, PIM_TEST_CLIENT_POST_ID, REDIRECT);
  g_object_set (other, "state", pim_authorization_request_get_state (request), "response-mode",
                "query.jwt", NULL);
  if (mode == PIM_TEST_SYNC)
    response = pim_authorization_request_parse_jwt_response (other, text,
                                                             PIM_AUTHORIZATION_RESPONSE_MODE_AUTO,
                                                             NULL, NULL, &error);
  else
    {
      pim_authorization_request_parse_jwt_response_async (other, text,
                                                          PIM_AUTHORIZATION_RESPONSE_MODE_AUTO,
                                                          NULL, NULL, pim_test_store_result,
                                                          &result);
      pim_test_wait_result (&result);
      response = pim_authorization_request_parse_jwt_response_finish (other, result, &error);
    }
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH);
  g_assert_null (response);
}

/* A request object is never unsigned: `none` in any casing is refused
 * before anything is built or pushed (the PAR endpoint is never hit). */
static void
test_request_object_never_none (void)
{
  static const char *const nones[] = { "none", "None", "NONE", "nOnE" };
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autofree char *par = pim_test_server_get_uri (server, "/par");
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) key = pim_jwk_generate ("ES256", &error);
  g_autoptr (PimAuthorizationRequest) request =
      pim_authorization_request_new ("https://op.example/auth", "app", REDIRECT);
  g_autoptr (PimPushedAuthorizationRequest) push = NULL;
  g_autofree char *control = NULL;

  g_assert_no_error (error);
  pim_test_server_set_document (server, "/par", 201, "application/json",
                                "{\"request_uri\":\"urn:x\",\"expires_in\":60}");
  g_object_set (request, "issuer", "https://op.example", "request-object-key", key, NULL);
  push = pim_pushed_authorization_request_new (request);
  g_object_set (push, "address", par, "client-secret", "app-secret", NULL);

  /* The control: signed, it builds. */
  control = pim_authorization_request_build_url (request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (control);

  for (gsize i = 0; i < G_N_ELEMENTS (nones); i++)
    {
      g_autofree char *url = NULL;
      g_autoptr (PimPushedAuthorizationResponse) pushed = NULL;

      pim_authorization_request_set_request_object_alg (request, nones[i]);
      url = pim_authorization_request_build_url (request, &error);
      g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
      g_assert_null (url);
      g_clear_error (&error);
      pushed = pim_pushed_authorization_request_send (push, NULL, NULL, &error);
      g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
      g_assert_null (pushed);
      g_clear_error (&error);
    }
  g_assert_cmpuint (pim_test_server_get_hits (server, "/par"), ==, 0);
}

/* The URL after PAR carries client_id and request_uri only (RFC 9126 §4):
 * none of the pushed parameters, nor the request's extra ones, leak into
 * the browser's URL. */
static void
test_par_url_only_request_uri (void)
{
  g_autoptr (PimAuthorizationRequest) request =
      pim_authorization_request_new ("https://op.example/auth?tenant=t1", "app", REDIRECT);
  g_autoptr (PimPushedAuthorizationResponse) pushed = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;

  g_object_set (request, "scope", "openid", "login-hint", "alice@example.com", "dpop-jkt", "jkt",
                NULL);
  g_assert_true (pim_authorization_request_prepare (request, &error));
  pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (request), "secret_hint", "s3cr3t");
  pushed = pim_pushed_authorization_response_new_from_json (
      "{\"request_uri\":\"urn:ietf:params:oauth:request_uri:r1\",\"expires_in\":60}", &error);
  g_assert_no_error (error);
  url = pim_pushed_authorization_response_build_authorization_url (pushed, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==,
                   "https://op.example/auth?tenant=t1&client_id=app&request_uri="
                   "urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Ar1");
}

/* ---- DPoP proofs made by the client ---- */

/* Keeps the DPoP header of every request the session sends. */
static void
on_dpop_request_queued (SoupSession *session, SoupMessage *msg, gpointer user_data)
{
  const char *proof = soup_message_headers_get_one (soup_message_get_request_headers (msg), "DPoP");

  g_assert_nonnull (proof);
  g_ptr_array_add (user_data, g_strdup (proof));
}

/* The header of @proof carries the public key only, under an asymmetric
 * algorithm, and nothing else. */
static void
assert_public_asymmetric_proof (const char *proof, const char *alg)
{
  const char *const private_members[] = { "d", "p", "q", "dp", "dq", "qi", "oth", "k" };
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJws) jws = pim_jws_parse (proof, &error);
  JsonObject *header, *jwk;

  g_assert_no_error (error);
  header = pim_jws_get_header (jws);
  g_assert_cmpstr (json_object_get_string_member (header, "typ"), ==, "dpop+jwt");
  g_assert_cmpstr (pim_jws_get_algorithm (jws), ==, alg);
  g_assert_false (g_str_has_prefix (pim_jws_get_algorithm (jws), "HS"));
  g_assert_cmpuint (json_object_get_size (header), ==, 3);
  jwk = json_object_get_object_member (header, "jwk");
  g_assert_nonnull (jwk);
  g_assert_cmpstr (json_object_get_string_member (jwk, "kty"), !=, "oct");
  for (gsize i = 0; i < G_N_ELEMENTS (private_members); i++)
    if (json_object_has_member (jwk, private_members[i]))
      g_error ("a DPoP proof's jwk has the private member “%s”", private_members[i]);
}

/* Every proof, made directly or sent with a token request, for keys of
 * every algorithm (and keys loaded from private JWKs with kid, use and
 * key_ops, whose extra members must not leak either); symmetric keys and
 * algorithms, and none, refused at every entrance. */
static void
test_dpop_proof_public_asymmetric (gconstpointer data)
{
  const char *const algs[] = { "ES256", "ES384", "ES512", "EdDSA", "RS256", "PS512" };
  const char *const symmetric[] = { "HS256", "HS384", "HS512", "none", "NONE" };
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autofree char *address = pim_test_server_get_uri (server, "/status/400");
  g_autoptr (GPtrArray) sent = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (GError) error = NULL;

  g_signal_connect (session, "request-queued", G_CALLBACK (on_dpop_request_queued), sent);
  client = pim_http_client_new_for_session (session);
  for (gsize i = 0; i < G_N_ELEMENTS (algs); i++)
    {
      g_autoptr (PimDPoPKey) generated = pim_dpop_key_new_generate (algs[i], &error);
      g_autoptr (PimDPoPKey) loaded = NULL;
      g_autoptr (PimClientCredentialsTokenRequest) request =
          pim_client_credentials_token_request_new (address, "client", "secret");
      g_autoptr (JsonNode) node = NULL;
      g_autofree char *jwk = NULL;
      g_autofree char *decorated = NULL;
      g_autofree char *proof = NULL;
      g_autoptr (PimTokenResponse) response = NULL;
      g_autofree char *public_jwk = NULL;

      g_assert_no_error (error);
      jwk = pim_dpop_key_to_jwk (generated);
      node = json_from_string (jwk, &error);
      g_assert_no_error (error);
      json_object_set_string_member (json_node_get_object (node), "kid", "kid-1");
      json_object_set_string_member (json_node_get_object (node), "use", "sig");
      decorated = json_to_string (node, FALSE);
      loaded = pim_dpop_key_new_from_jwk (decorated, &error);
      g_assert_no_error (error);

      proof = pim_dpop_key_create_proof (loaded, "POST", address, "at", "nonce", &error);
      g_assert_no_error (error);
      assert_public_asymmetric_proof (proof, algs[i]);
      g_clear_pointer (&proof, g_free);
      public_jwk = pim_dpop_key_get_public_jwk (generated);
      g_assert_null (strstr (public_jwk, "\"d\""));

      g_ptr_array_set_size (sent, 0);
      pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (request), loaded);
      response = pim_test_request_token (PIM_TOKEN_REQUEST (request), client,
                                         GPOINTER_TO_INT (data), &error);
      g_assert_null (response);
      g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_REQUEST);
      g_clear_error (&error);
      g_assert_cmpuint (sent->len, ==, 1);
      assert_public_asymmetric_proof (sent->pdata[0], algs[i]);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (symmetric); i++)
    {
      g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (symmetric[i], &error);

      g_assert_null (key);
      g_assert_true (g_error_matches (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_UNSUPPORTED_ALG) ||
                     g_error_matches (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_ALG_NONE));
      g_clear_error (&error);
    }
  /* An HMAC secret as a key, or an asymmetric key labelled HS256. */
  {
    g_autoptr (PimJwk) secret = pim_jwk_generate ("HS256", &error);
    g_autofree char *secret_json = pim_jwk_to_json (secret, TRUE);
    g_autoptr (PimDPoPKey) es = pim_dpop_key_new_generate (NULL, &error);
    g_autofree char *es_json = pim_dpop_key_to_jwk (es);
    g_autoptr (JsonNode) node = json_from_string (es_json, NULL);
    g_autofree char *relabelled = NULL;

    g_assert_null (pim_dpop_key_new_from_jwk (secret_json, &error));
    g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_TYPE_MISMATCH);
    g_clear_error (&error);
    for (gsize i = 0; i < G_N_ELEMENTS (symmetric); i++)
      {
        json_object_set_string_member (json_node_get_object (node), "alg", symmetric[i]);
        g_free (relabelled);
        relabelled = json_to_string (node, FALSE);
        g_assert_null (pim_dpop_key_new_from_jwk (relabelled, &error));
        g_assert_nonnull (error);
        g_assert_true (error->domain == PIM_JOSE_ERROR);
        g_clear_error (&error);
      }
  }
}

/* FAPI 2.0 (PimSecurityProfile): a request that breaks a rule of its
 * profile fails with PROFILE_VIOLATION before anything is sent: a client
 * secret at the token, PAR and revocation endpoints, no hit on any; the
 * same requests without the profile do reach the server. */
static void
fapi_send_all (PimTestServer      *server,
               PimSecurityProfile *profile,
               PimTestMode         mode,
               GError            **errors)
{
  g_autofree char *token = pim_test_server_get_uri (server, "/token");
  g_autofree char *par = pim_test_server_get_uri (server, "/par");
  g_autofree char *revoke = pim_test_server_get_uri (server, "/revoke");
  g_autoptr (PimClientCredentialsTokenRequest) cc =
      pim_client_credentials_token_request_new (token, "app", "app-secret");
  g_autoptr (PimAuthorizationRequest) authorization =
      pim_authorization_request_new ("https://op.example/auth", "app", REDIRECT);
  g_autoptr (PimPushedAuthorizationRequest) push = NULL;
  g_autoptr (PimRevocationRequest) revocation =
      pim_revocation_request_new (revoke, "app", "app-secret");
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (PimPushedAuthorizationResponse) pushed = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  g_object_set (authorization, "issuer", "https://op.example", "code-verifier",
                "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG", NULL);
  push = pim_pushed_authorization_request_new (authorization);
  g_object_set (push, "address", par, "client-secret", "app-secret", NULL);
  pim_revocation_request_set_token (revocation, "a-token");
  pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (cc),
                                            PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC);
  pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (push),
                                            PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC);
  pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (revocation),
                                            PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC);
  pim_oauth_request_set_security_profile (PIM_OAUTH_REQUEST (cc), profile);
  pim_oauth_request_set_security_profile (PIM_OAUTH_REQUEST (push), profile);
  pim_oauth_request_set_security_profile (PIM_OAUTH_REQUEST (revocation), profile);
  if (mode == PIM_TEST_SYNC)
    {
      tokens = pim_request_token (PIM_TOKEN_REQUEST (cc), NULL, NULL, &errors[0]);
      pushed = pim_pushed_authorization_request_send (push, NULL, NULL, &errors[1]);
      g_assert_false (pim_revoke_token (revocation, NULL, NULL, &errors[2]));
    }
  else
    {
      pim_request_token_async (PIM_TOKEN_REQUEST (cc), NULL, NULL, pim_test_store_result, &result);
      pim_test_wait_result (&result);
      tokens = pim_request_token_finish (result, &errors[0]);
      g_clear_object (&result);
      pim_pushed_authorization_request_send_async (push, NULL, NULL, pim_test_store_result,
                                                   &result);
      pim_test_wait_result (&result);
      pushed = pim_pushed_authorization_request_send_finish (push, result, &errors[1]);
      g_clear_object (&result);
      pim_revoke_token_async (revocation, NULL, NULL, pim_test_store_result, &result);
      pim_test_wait_result (&result);
      g_assert_false (pim_revoke_token_finish (result, &errors[2]));
    }
  g_assert_null (tokens);
  g_assert_null (pushed);
}

static void
test_fapi_violations_send_nothing (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autoptr (PimSecurityProfile) profile = pim_security_profile_new_fapi2 ();
  static const char *const paths[] = { "/token", "/par", "/revoke" };
  GError                  *errors[3] = { NULL };

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    pim_test_server_set_document (server, paths[i], 401, "application/json",
                                  "{\"error\":\"invalid_client\"}");
  fapi_send_all (server, profile, mode, errors);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_assert_error (errors[i], PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_PROFILE_VIOLATION);
      g_assert_nonnull (strstr (errors[i]->message, "client_secret_basic"));
      g_assert_null (strstr (errors[i]->message, "app-secret"));
      g_assert_cmpuint (pim_test_server_get_hits (server, paths[i]), ==, 0);
      g_clear_error (&errors[i]);
    }
  /* The control: without the profile, each goes out. */
  fapi_send_all (server, NULL, mode, errors);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_assert_error (errors[i], PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
      g_assert_cmpuint (pim_test_server_get_hits (server, paths[i]), ==, 1);
      g_clear_error (&errors[i]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/security/dpop-replay", test_dpop_replay);
  g_test_add_func ("/security/dpop-alg-none-hs", test_dpop_alg_none_hs);
  g_test_add_func ("/security/dpop-htm-htu-bound", test_dpop_htm_htu_bound);
  g_test_add_func ("/security/cnf-jkt-binding", test_cnf_jkt_binding);
  g_test_add_func ("/security/jarm-claims-enforced", test_jarm_claims_enforced);
  pim_test_add_both ("/security", "jarm-wrong-aud/provider", test_jarm_wrong_aud_provider);
  g_test_add_func ("/security/request-object-never-none", test_request_object_never_none);
  g_test_add_func ("/security/par-url-only-request-uri", test_par_url_only_request_uri);
  pim_test_add_both ("/security", "fapi-violations-send-nothing",
                     test_fapi_violations_send_nothing);
  pim_test_add_both ("/security", "dpop-proof-public-asymmetric",
                     test_dpop_proof_public_asymmetric);

  return g_test_run ();
}
