/* oauth-fapi-test.c: the FAPI 2.0 Security Profile (PimSecurityProfile):
 * each rule broken stops the request with PIM_OAUTH_ERROR_PROFILE_VIOLATION
 * before anything is sent (zero hits on a fault server, not even
 * discovery), and a compliant flow runs end to end against the real local
 * provider: PAR with private_key_jwt (ES256), PKCE S256 and dpop_jkt, the
 * login, a callback with iss, and a DPoP-bound code exchange
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-test-async.h"
#include "pim-test-login.h"
#include "pim-test-provider.h"
#include "pim-test-server.h"

#define REDIRECT       "http://127.0.0.1:48214" PIM_TEST_REDIRECT_PATH
#define DISCOVERY_PATH "/.well-known/openid-configuration"
#define CLIENT         "app"
/* 43 characters: a valid PKCE verifier */
#define VERIFIER "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG"

/* ---- A fault server standing for the provider ---- */

typedef struct
{
  PimTestServer *server;
  char          *issuer;
} Fault;

static void
fault_init (Fault *fault)
{
  g_autofree char *document = NULL;

  fault->server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  fault->issuer = pim_test_server_get_uri (fault->server, "");
  document = g_strdup_printf (
      "{\"issuer\":\"%s\",\"authorization_endpoint\":\"%s/auth\",\"token_endpoint\":\"%s/token\","
      "\"pushed_authorization_request_endpoint\":\"%s/par\",\"jwks_uri\":\"%s/jwks\","
      "\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\",\"client_secret_basic\","
      "\"tls_client_auth\"],"
      "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
      "\"id_token_signing_alg_values_supported\":[\"ES256\"]}",
      fault->issuer, fault->issuer, fault->issuer, fault->issuer, fault->issuer);
  pim_test_server_set_document (fault->server, DISCOVERY_PATH, 200, "application/json", document);
  pim_test_server_set_document (fault->server, "/token", 400, "application/json",
                                "{\"error\":\"invalid_client\"}");
  pim_test_server_set_document (fault->server, "/par", 400, "application/json",
                                "{\"error\":\"invalid_client\"}");
  pim_clear_discovery_cache ();
}

static void
fault_clear (Fault *fault)
{
  pim_test_server_free (fault->server);
  g_free (fault->issuer);
  pim_clear_discovery_cache ();
}

/* Nothing reached the server: no discovery, no endpoint. */
static void
assert_untouched (Fault *fault)
{
  g_assert_cmpuint (pim_test_server_get_hits (fault->server, DISCOVERY_PATH), ==, 0);
  g_assert_cmpuint (pim_test_server_get_hits (fault->server, "/token"), ==, 0);
  g_assert_cmpuint (pim_test_server_get_hits (fault->server, "/par"), ==, 0);
}

static PimJwk *
generate_key (const char *alg)
{
  g_autoptr (GError) error = NULL;
  PimJwk *key = pim_jwk_generate (alg, &error);

  g_assert_no_error (error);
  return key;
}

static PimDPoPKey *
generate_dpop_key (const char *alg)
{
  g_autoptr (GError) error = NULL;
  PimDPoPKey *key = pim_dpop_key_new_generate (alg, &error);

  g_assert_no_error (error);
  return key;
}

/* A FAPI-compliant client credentials request to @fault: private_key_jwt
 * with an ES256 key and an ES256 DPoP key. */
static PimTokenRequest *
compliant_token_request (Fault *fault, PimSecurityProfile *profile)
{
  g_autoptr (PimJwk) key = generate_key ("ES256");
  g_autoptr (PimDPoPKey) dpop = generate_dpop_key ("ES256");
  PimClientCredentialsTokenRequest *request =
      pim_client_credentials_token_request_new (NULL, CLIENT, NULL);

  g_object_set (request, "issuer", fault->issuer, "client-key", key, "client-auth-method",
                PIM_CLIENT_AUTH_PRIVATE_KEY_JWT, "dpop-key", dpop, "security-profile", profile,
                NULL);
  return PIM_TOKEN_REQUEST (request);
}

/* Sends @request to @fault: a profile violation whose message holds
 * @needle, and nothing sent. */
static void
assert_violation (Fault           *fault,
                  PimTokenRequest *request,
                  PimHttpClient   *client,
                  PimTestMode      mode,
                  const char      *needle)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = pim_test_request_token (request, client, mode, &error);

  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_PROFILE_VIOLATION);
  g_assert_null (response);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, error->message);
  g_assert_nonnull (strstr (error->message, "FAPI 2.0"));
  assert_untouched (fault);
}

/* ---- The profile object ---- */

static void
test_profile_object (void)
{
  g_autoptr (PimSecurityProfile) profile = pim_security_profile_new_fapi2 ();
  g_auto (GStrv) algs = NULL;
  g_autofree char   *name = NULL;
  const char *const *own;

  g_assert_cmpstr (pim_security_profile_get_name (profile), ==, "fapi2-security");
  own = pim_security_profile_get_allowed_algs (profile);
  g_assert_cmpuint (g_strv_length ((char **) own), ==, 3);
  g_assert_cmpstr (own[0], ==, "PS256");
  g_assert_cmpstr (own[1], ==, "ES256");
  g_assert_cmpstr (own[2], ==, "EdDSA");
  g_object_get (profile, "name", &name, "allowed-algs", &algs, NULL);
  g_assert_cmpstr (name, ==, "fapi2-security");
  g_assert_true (g_strv_equal ((const char *const *) algs, own));
  g_assert_true (pim_security_profile_allows_alg (profile, "ES256"));
  g_assert_true (pim_security_profile_allows_alg (profile, "EdDSA"));
  g_assert_false (pim_security_profile_allows_alg (profile, "RS256"));
  g_assert_false (pim_security_profile_allows_alg (profile, "es256"));
  g_assert_false (pim_security_profile_allows_alg (profile, "none"));
  g_assert_false (pim_security_profile_allows_alg (profile, NULL));
}

static void
test_request_property (void)
{
  g_autoptr (PimSecurityProfile) profile = pim_security_profile_new_fapi2 ();
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new ("http://127.0.0.1/token", CLIENT, NULL);
  g_autoptr (PimSecurityProfile) got = NULL;

  g_assert_null (pim_oauth_request_get_security_profile (PIM_OAUTH_REQUEST (request)));
  pim_oauth_request_set_security_profile (PIM_OAUTH_REQUEST (request), profile);
  g_assert_true (pim_oauth_request_get_security_profile (PIM_OAUTH_REQUEST (request)) == profile);
  g_object_get (request, "security-profile", &got, NULL);
  g_assert_true (got == profile);
  pim_oauth_request_set_security_profile (PIM_OAUTH_REQUEST (request), NULL);
  g_assert_null (pim_oauth_request_get_security_profile (PIM_OAUTH_REQUEST (request)));
}

/* ---- Client authentication ---- */

static void
test_client_auth (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimSecurityProfile) profile = pim_security_profile_new_fapi2 ();
  Fault fault;

  fault_init (&fault);
  {
    g_autoptr (PimTokenRequest) request = compliant_token_request (&fault, profile);

    g_object_set (request, "client-secret", "secret", "client-auth-method",
                  PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC, NULL);
    assert_violation (&fault, request, NULL, mode, "not “client_secret_basic”");
    g_object_set (request, "client-auth-method", PIM_CLIENT_AUTH_CLIENT_SECRET_POST, NULL);
    assert_violation (&fault, request, NULL, mode, "not “client_secret_post”");
    g_object_set (request, "client-auth-method", PIM_CLIENT_AUTH_CLIENT_SECRET_JWT, NULL);
    assert_violation (&fault, request, NULL, mode, "not “client_secret_jwt”");
    g_object_set (request, "client-auth-method", PIM_CLIENT_AUTH_NONE, NULL);
    assert_violation (&fault, request, NULL, mode, "not “none”");
    /* AUTO would pick private_key_jwt from the key: still refused. */
    g_object_set (request, "client-auth-method", PIM_CLIENT_AUTH_AUTO, "client-secret", NULL, NULL);
    assert_violation (&fault, request, NULL, mode, "explicit client authentication method");
  }
  {
    g_autoptr (PimTokenRequest) request = compliant_token_request (&fault, profile);
    g_autoptr (PimJwk) rsa = NULL;
    g_autoptr (GError) error = NULL;

    rsa = pim_jwk_generate_rsa (2048, "RS256", &error);
    g_assert_no_error (error);
    g_object_set (request, "client-key", rsa, NULL);
    assert_violation (&fault, request, NULL, mode, "client key's algorithm “RS256”");
    g_object_set (request, "client-key", NULL, NULL);
    assert_violation (&fault, request, NULL, mode, "needs a “client-key”");
  }
  {
    g_autoptr (PimTokenRequest) request = compliant_token_request (&fault, profile);

    g_object_set (request, "client-auth-method", PIM_CLIENT_AUTH_TLS_CLIENT_AUTH, NULL);
    assert_violation (&fault, request, NULL, mode, "TLS client certificate");
    g_object_set (request, "client-auth-method", PIM_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH, NULL);
    assert_violation (&fault, request, NULL, mode, "TLS client certificate");
  }
  fault_clear (&fault);
}

/* ---- Sender-constrained tokens ---- */

static void
test_sender_constraint (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimSecurityProfile) profile = pim_security_profile_new_fapi2 ();
  g_autoptr (PimTokenRequest) request = NULL;
  g_autoptr (PimDPoPKey) rsa = NULL;
  Fault fault;

  fault_init (&fault);
  request = compliant_token_request (&fault, profile);
  g_object_set (request, "dpop-key", NULL, NULL);
  assert_violation (&fault, request, NULL, mode, "sender-constrained tokens");

  rsa = generate_dpop_key ("RS256");
  g_object_set (request, "dpop-key", rsa, NULL);
  assert_violation (&fault, request, NULL, mode, "DPoP key's algorithm “RS256”");

  /* A refresh token request too. */
  {
    g_autoptr (PimJwk) key = generate_key ("ES256");
    g_autoptr (PimRefreshTokenRequest) refresh =
        pim_refresh_token_request_new (NULL, CLIENT, "the-refresh-token");

    g_object_set (refresh, "issuer", fault.issuer, "client-key", key, "client-auth-method",
                  PIM_CLIENT_AUTH_PRIVATE_KEY_JWT, "security-profile", profile, NULL);
    assert_violation (&fault, PIM_TOKEN_REQUEST (refresh), NULL, mode, "sender-constrained tokens");
  }
  fault_clear (&fault);
}

/* ---- PKCE on the code exchange ---- */

static void
test_code_verifier (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimSecurityProfile) profile = pim_security_profile_new_fapi2 ();
  g_autoptr (PimJwk) key = generate_key ("ES256");
  g_autoptr (PimDPoPKey) dpop = generate_dpop_key ("ES256");
  g_autoptr (PimAuthorizationCodeTokenRequest) request =
      pim_authorization_code_token_request_new (NULL, CLIENT, "the-code", REDIRECT, NULL);
  Fault fault;

  fault_init (&fault);
  g_object_set (request, "issuer", fault.issuer, "client-key", key, "client-auth-method",
                PIM_CLIENT_AUTH_PRIVATE_KEY_JWT, "dpop-key", dpop, "security-profile", profile,
                NULL);
  assert_violation (&fault, PIM_TOKEN_REQUEST (request), NULL, mode, "“code-verifier”");
  fault_clear (&fault);
}

/* ---- A compliant request does go out (the control of the above) ---- */

static void
test_compliant_reaches_server (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimSecurityProfile) profile = pim_security_profile_new_fapi2 ();
  g_autoptr (PimTokenRequest) request = NULL;
  g_autoptr (PimTokenResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  Fault fault;

  fault_init (&fault);
  request = compliant_token_request (&fault, profile);
  response = pim_test_request_token (request, NULL, mode, &error);
  /* The fault server refuses it: the request went out. */
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
  g_assert_null (response);
  g_assert_cmpuint (pim_test_server_get_hits (fault.server, DISCOVERY_PATH), ==, 1);
  g_assert_cmpuint (pim_test_server_get_hits (fault.server, "/token"), ==, 1);
  fault_clear (&fault);
}

/* ---- Mutual TLS: client authentication and certificate-bound tokens ---- */

static PimHttpClient *
client_with_certificate (void)
{
  g_autofree char *cert = g_build_filename (pim_test_server_get_certs_dir (), "client.pem", NULL);
  g_autofree char *key =
      g_build_filename (pim_test_server_get_certs_dir (), "client-key.pem", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert, key, &error);
  PimHttpClient *client;

  g_assert_no_error (error);
  client = g_initable_new (PIM_TYPE_HTTP_CLIENT, NULL, &error, "tls-client-certificate",
                           certificate, "retry-base-delay", 0.01, NULL);
  g_assert_no_error (error);
  return client;
}

static void
test_mtls (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimSecurityProfile) profile = pim_security_profile_new_fapi2 ();
  g_autoptr (PimHttpClient) client = client_with_certificate ();
  g_autoptr (PimTokenRequest) request = NULL;
  g_autoptr (PimTokenResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  Fault fault;

  fault_init (&fault);
  request = compliant_token_request (&fault, profile);
  /* tls_client_auth and certificate-bound tokens: no DPoP key needed. */
  g_object_set (request, "dpop-key", NULL, "client-key", NULL, "client-auth-method",
                PIM_CLIENT_AUTH_TLS_CLIENT_AUTH, NULL);
  /* Without the certificate, refused. */
  assert_violation (&fault, request, NULL, mode, "TLS client certificate");
  response = pim_test_request_token (request, client, mode, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
  g_assert_null (response);
  g_assert_cmpuint (pim_test_server_get_hits (fault.server, "/token"), ==, 1);
  g_clear_error (&error);

  /* private_key_jwt over a connection with a certificate: the tokens are
   * certificate-bound, no DPoP key needed either. */
  {
    g_autoptr (PimJwk) key = generate_key ("ES256");

    g_object_set (request, "client-key", key, "client-auth-method", PIM_CLIENT_AUTH_PRIVATE_KEY_JWT,
                  NULL);
    response = pim_test_request_token (request, client, mode, &error);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
    g_assert_null (response);
    g_assert_cmpuint (pim_test_server_get_hits (fault.server, "/token"), ==, 2);
  }
  fault_clear (&fault);
}

/* ---- Authorization requests ---- */

/* A FAPI-compliant authorization request to @fault, prepared (PKCE S256
 * verifier, state, nonce). */
static PimAuthorizationRequest *
compliant_authorization (Fault *fault, PimSecurityProfile *profile)
{
  g_autofree char         *endpoint = pim_test_server_get_uri (fault->server, "/auth");
  PimAuthorizationRequest *request = pim_authorization_request_new (endpoint, CLIENT, REDIRECT);
  g_autoptr (GError) error = NULL;

  g_object_set (request, "issuer", fault->issuer, "scope", "openid", "security-profile", profile,
                NULL);
  g_assert_true (pim_authorization_request_prepare (request, &error));
  g_assert_no_error (error);
  return request;
}

static PimPushedAuthorizationRequest *
compliant_push (PimAuthorizationRequest *authorization)
{
  g_autoptr (PimJwk) key = generate_key ("ES256");
  PimPushedAuthorizationRequest *request = pim_pushed_authorization_request_new (authorization);

  g_object_set (request, "client-key", key, "client-auth-method", PIM_CLIENT_AUTH_PRIVATE_KEY_JWT,
                NULL);
  return request;
}

static void
assert_push_violation (Fault                         *fault,
                       PimPushedAuthorizationRequest *request,
                       PimTestMode                    mode,
                       const char                    *needle)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimPushedAuthorizationResponse) response =
      pim_test_push_authorization (request, mode, &error);

  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_PROFILE_VIOLATION);
  g_assert_null (response);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, error->message);
  assert_untouched (fault);
}

static void
test_authorization_url (void)
{
  g_autoptr (PimSecurityProfile) profile = pim_security_profile_new_fapi2 ();
  g_autoptr (PimAuthorizationRequest) request = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  Fault            fault;

  fault_init (&fault);
  request = compliant_authorization (&fault, profile);
  url = pim_authorization_request_build_url (request, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_PROFILE_VIOLATION);
  g_assert_nonnull (strstr (error->message, "pushed authorization requests"));
  g_assert_null (url);
  g_clear_error (&error);

  /* The same request without the profile gives its URL. */
  pim_oauth_request_set_security_profile (PIM_OAUTH_REQUEST (request), NULL);
  url = pim_authorization_request_build_url (request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  fault_clear (&fault);
}

static void
test_par_rules (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimSecurityProfile) profile = pim_security_profile_new_fapi2 ();
  Fault fault;

  fault_init (&fault);
  {
    /* plain PKCE */
    g_autoptr (PimAuthorizationRequest) authorization = compliant_authorization (&fault, profile);
    g_autoptr (PimPushedAuthorizationRequest) request = compliant_push (authorization);

    g_object_set (authorization, "code-challenge-method", "plain", NULL);
    assert_push_violation (&fault, request, mode, "code challenge method S256");
    /* no PKCE at all */
    g_object_set (authorization, "code-challenge-method", NULL, "code-verifier", NULL, NULL);
    assert_push_violation (&fault, request, mode, "requires PKCE");
  }
  {
    /* a hybrid response type */
    g_autoptr (PimAuthorizationRequest) authorization = compliant_authorization (&fault, profile);
    g_autoptr (PimPushedAuthorizationRequest) request = compliant_push (authorization);

    g_object_set (authorization, "response-type", "code id_token", NULL);
    assert_push_violation (&fault, request, mode, "response type “code”");
  }
  {
    /* a request object signed with RS256 */
    g_autoptr (PimAuthorizationRequest) authorization = compliant_authorization (&fault, profile);
    g_autoptr (PimPushedAuthorizationRequest) request = compliant_push (authorization);
    g_autoptr (PimJwk) rsa = NULL;
    g_autoptr (GError) error = NULL;

    rsa = pim_jwk_generate_rsa (2048, "RS256", &error);
    g_assert_no_error (error);
    g_object_set (authorization, "request-object-key", rsa, NULL);
    assert_push_violation (&fault, request, mode, "request object's algorithm “RS256”");
    /* an allowed key with a forced algorithm that is not */
    g_clear_object (&rsa);
    rsa = generate_key ("ES256");
    g_object_set (authorization, "request-object-key", rsa, "request-object-alg", "ES384", NULL);
    assert_push_violation (&fault, request, mode, "request object's algorithm “ES384”");
  }
  {
    /* The PAR request's own client authentication, with the profile on
     * the PAR request only. */
    g_autoptr (PimAuthorizationRequest) authorization = compliant_authorization (&fault, NULL);
    g_autoptr (PimPushedAuthorizationRequest) request = compliant_push (authorization);

    g_object_set (request, "security-profile", profile, "client-secret", "secret",
                  "client-auth-method", PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC, NULL);
    assert_push_violation (&fault, request, mode, "not “client_secret_basic”");
    /* and its authorization request's rules */
    g_object_set (request, "client-secret", NULL, "client-auth-method",
                  PIM_CLIENT_AUTH_PRIVATE_KEY_JWT, NULL);
    g_object_set (authorization, "response-type", "token", NULL);
    assert_push_violation (&fault, request, mode, "response type “code”");
  }
  {
    /* The profile of the authorization request covers its push. */
    g_autoptr (PimAuthorizationRequest) authorization = compliant_authorization (&fault, profile);
    g_autoptr (PimPushedAuthorizationRequest) request = compliant_push (authorization);

    g_object_set (request, "client-secret", "secret", "client-auth-method",
                  PIM_CLIENT_AUTH_CLIENT_SECRET_POST, NULL);
    assert_push_violation (&fault, request, mode, "not “client_secret_post”");
  }
  {
    /* A compliant push goes out. */
    g_autoptr (PimAuthorizationRequest) authorization = compliant_authorization (&fault, profile);
    g_autoptr (PimPushedAuthorizationRequest) request = compliant_push (authorization);
    g_autoptr (PimPushedAuthorizationResponse) response = NULL;
    g_autoptr (GError) error = NULL;

    response = pim_test_push_authorization (request, mode, &error);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
    g_assert_null (response);
    g_assert_cmpuint (pim_test_server_get_hits (fault.server, "/par"), ==, 1);
  }
  fault_clear (&fault);
}

/* ---- The authorization response's iss (RFC 9207) ---- */

static void
test_callback_iss (void)
{
  g_autoptr (PimSecurityProfile) profile = pim_security_profile_new_fapi2 ();
  g_autoptr (PimAuthorizationRequest) request =
      pim_authorization_request_new ("https://op.example/auth", CLIENT, REDIRECT);
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  const char *without = REDIRECT "?code=the-code&state=the-state";
  const char *with = REDIRECT "?code=the-code&state=the-state&iss=https%3A%2F%2Fop.example";

  g_object_set (request, "issuer", "https://op.example", "state", "the-state", NULL);
  /* Without the profile, iss is optional. */
  response =
      pim_authorization_request_parse_response (request, without,
                                                PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_authorization_response_get_code (response), ==, "the-code");
  g_clear_object (&response);

  pim_oauth_request_set_security_profile (PIM_OAUTH_REQUEST (request), profile);
  g_assert_false (pim_authorization_request_get_require_issuer (request));
  response =
      pim_authorization_request_parse_response (request, without,
                                                PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_ISSUER_MISMATCH);
  g_assert_null (response);
  g_clear_error (&error);

  response =
      pim_authorization_request_parse_response (request, with, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO,
                                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_authorization_response_get_issuer (response), ==, "https://op.example");
  g_clear_object (&response);

  /* Another issuer's is refused as ever. */
  response = pim_authorization_request_parse_response (
      request, REDIRECT "?code=c&state=the-state&iss=https%3A%2F%2Fevil.example",
      PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_ISSUER_MISMATCH);
  g_assert_null (response);
}

/* ---- End to end against the real provider ---- */

static const char *
issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

static void
test_provider_flow (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimSecurityProfile) profile = pim_security_profile_new_fapi2 ();
  g_autoptr (PimJwk) key = pim_test_provider_load_jwt_key ();
  g_autoptr (PimDPoPKey) dpop = generate_dpop_key ("ES256");
  g_autoptr (PimDiscoveryRequest) discovery = pim_discovery_request_new (issuer ());
  g_autoptr (PimDiscoveryDocument) document = NULL;
  g_autoptr (PimAuthorizationRequest) authorization = NULL;
  g_autoptr (PimPushedAuthorizationRequest) push_request = NULL;
  g_autoptr (PimPushedAuthorizationResponse) pushed = NULL;
  g_autoptr (PimTestBrowser) browser = NULL;
  g_autoptr (GUri) redirect = NULL;
  g_autofree char *redirect_text = NULL;
  g_autofree char *url = NULL;
  g_autofree char *by_value = NULL;
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (PimAuthorizationCodeTokenRequest) code_request = NULL;
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GError) error = NULL;

  document = pim_get_discovery_document (discovery, NULL, NULL, &error);
  g_assert_no_error (error);
  authorization =
      pim_authorization_request_new_from_discovery (document, PIM_TEST_CLIENT_PAR_JWT_ID, REDIRECT);
  g_object_set (authorization, "scope", "openid", "security-profile", profile, "dpop-jkt",
                pim_dpop_key_get_thumbprint (dpop), NULL);
  g_assert_true (pim_authorization_request_prepare (authorization, &error));
  g_assert_no_error (error);

  /* Not by value… */
  by_value = pim_authorization_request_build_url (authorization, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_PROFILE_VIOLATION);
  g_assert_null (by_value);
  g_clear_error (&error);

  /* …but pushed, with private_key_jwt (ES256). */
  push_request = pim_pushed_authorization_request_new (authorization);
  g_object_set (push_request, "client-key", key, "client-auth-method",
                PIM_CLIENT_AUTH_PRIVATE_KEY_JWT, NULL);
  pushed = pim_test_push_authorization (push_request, mode, &error);
  g_assert_no_error (error);
  url = pim_pushed_authorization_response_build_authorization_url (pushed, authorization, &error);
  g_assert_no_error (error);
  g_assert_true (
      g_str_has_prefix (url, pim_discovery_document_get_authorization_endpoint (document)));

  browser = pim_test_browser_new (issuer (), NULL);
  redirect = pim_test_browser_authorize (browser, url, &error);
  g_assert_no_error (error);
  redirect_text = g_uri_to_string (redirect);
  response =
      pim_authorization_request_parse_response (authorization, redirect_text,
                                                PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_authorization_response_get_issuer (response), ==, issuer ());
  g_assert_nonnull (pim_authorization_response_get_code (response));

  /* The code, exchanged with DPoP. */
  code_request =
      pim_authorization_code_token_request_new (NULL, PIM_TEST_CLIENT_PAR_JWT_ID,
                                                pim_authorization_response_get_code (response),
                                                REDIRECT,
                                                pim_authorization_request_get_code_verifier (
                                                    authorization));
  g_object_set (code_request, "issuer", issuer (), "client-key", key, "client-auth-method",
                PIM_CLIENT_AUTH_PRIVATE_KEY_JWT, "dpop-key", dpop, "security-profile", profile,
                NULL);
  tokens = pim_test_request_token (PIM_TOKEN_REQUEST (code_request), NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_token_type (tokens), ==, "DPoP");
  g_assert_nonnull (pim_token_response_get_access_token (tokens));
  g_assert_nonnull (pim_token_response_get_id_token (tokens));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oauth-fapi/unit/profile-object", test_profile_object);
  g_test_add_func ("/oauth-fapi/unit/request-property", test_request_property);
  g_test_add_func ("/oauth-fapi/unit/authorization-url", test_authorization_url);
  g_test_add_func ("/oauth-fapi/unit/callback-iss", test_callback_iss);
  pim_test_add_both ("/oauth-fapi/faults", "client-auth", test_client_auth);
  pim_test_add_both ("/oauth-fapi/faults", "sender-constraint", test_sender_constraint);
  pim_test_add_both ("/oauth-fapi/faults", "code-verifier", test_code_verifier);
  pim_test_add_both ("/oauth-fapi/faults", "mtls", test_mtls);
  pim_test_add_both ("/oauth-fapi/faults", "par-rules", test_par_rules);
  pim_test_add_both ("/oauth-fapi/faults", "compliant-reaches-server",
                     test_compliant_reaches_server);
  pim_test_add_both ("/oauth-fapi/provider", "par-dpop-flow", test_provider_flow);

  return g_test_run ();
}
