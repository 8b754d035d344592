/* pim-test-provider.h: the real local OpenID provider for tests
 *
 * Runs tests/oidc-provider/provider.mjs (npm oidc-provider 9.13.3) with
 * `node` from PATH, listening on 127.0.0.1 on an ephemeral port, and hands
 * out its issuer (e.g. "http://127.0.0.1:38121"). See
 * tests/oidc-provider/README.md for what the provider offers and how to
 * drive its login pages without a browser.
 *
 * Compile-time defines:
 *   PIM_TEST_PROVIDER_DIR       absolute path of tests/oidc-provider in the
 *                               source tree (fallback:
 *                               g_test_get_dir (G_TEST_DIST)/oidc-provider)
 *   PIM_TEST_PROVIDER_KEYS_DIR  where the provider keeps its signing keys
 *                               between runs (fallback: a directory under
 *                               g_get_tmp_dir ())
 *
 * Run `npm ci` in tests/oidc-provider first. With PIM_PROVIDER_DEBUG=1 in
 * the environment the provider logs requests and error details, and the
 * fixture copies that log to stderr.
 *
 * The provider process never outlives the test program: it exits when its
 * stdin (a pipe held by the fixture) reaches EOF, and it gets SIGTERM when
 * the thread that started it dies (PR_SET_PDEATHSIG). Start providers from
 * the main thread (or a thread that lives as long as the provider).
 *
 * Every id, secret and key below is a public, test-only constant.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* client_secret_basic; client_credentials, authorization_code,
 * refresh_token; native: redirect URI http://127.0.0.1/callback (or
 * http://[::1]/callback) on any port */
#define PIM_TEST_CLIENT_BASIC_ID     "pim-basic"
#define PIM_TEST_CLIENT_BASIC_SECRET "pim-basic-secret"

/* client_secret_post; same grants and redirect URIs as pim-basic */
#define PIM_TEST_CLIENT_POST_ID     "pim-post"
#define PIM_TEST_CLIENT_POST_SECRET "pim-post-secret"

/* client_secret_basic; client_credentials. Id and secret hold characters
 * that RFC 6749 §2.3.1 form-urlencoding must escape before base64. */
#define PIM_TEST_CLIENT_WEIRD_ID     "pim-weird:id"
#define PIM_TEST_CLIENT_WEIRD_SECRET "p:m %+&=/?#~secret"

/* private_key_jwt (ES256, kid PIM_TEST_CLIENT_JWT_KID); client_credentials.
 * Private key: pim_test_provider_dup_jwt_key_path (). */
#define PIM_TEST_CLIENT_JWT_ID  "pim-jwt"
#define PIM_TEST_CLIENT_JWT_KID "pim-jwt-TEST-ONLY-key"
#define PIM_TEST_CLIENT_JWT_ALG "ES256"

/* public (auth none), native, PKCE S256 required; authorization_code,
 * refresh_token; redirect URI http://127.0.0.1/callback on any port */
#define PIM_TEST_CLIENT_NATIVE_ID "pim-native"

/* public desktop apps (RFC 8252): authorization_code, refresh_token; a
 * loopback redirect (127.0.0.1 or [::1]) on any port and any path; the
 * _PAR one must use pushed authorization requests */
#define PIM_TEST_CLIENT_DESKTOP_ID     "pim-desktop"
#define PIM_TEST_CLIENT_DESKTOP_PAR_ID "pim-desktop-par"

/* public (auth none); device_code, refresh_token */
#define PIM_TEST_CLIENT_DEVICE_ID "pim-device"

/* client_secret_basic; may introspect and revoke any client's tokens;
 * client_credentials */
#define PIM_TEST_CLIENT_INTROSPECT_ID     "pim-introspect"
#define PIM_TEST_CLIENT_INTROSPECT_SECRET "pim-introspect-secret"

/* client_secret_basic; authorization_code; native, redirect URI
 * http://127.0.0.1/callback on any port; UserInfo answers are ES256 JWTs
 * (userinfo_signed_response_alg, with iss = the issuer, aud = this id) */
#define PIM_TEST_CLIENT_USERINFO_JWT_ID     "pim-userinfo-jwt"
#define PIM_TEST_CLIENT_USERINFO_JWT_SECRET "pim-userinfo-jwt-secret"

/* client_secret_jwt (HS256 assertions under the secret); client_credentials */
#define PIM_TEST_CLIENT_SECRET_JWT_ID     "pim-secret-jwt"
#define PIM_TEST_CLIENT_SECRET_JWT_SECRET "pim-secret-jwt-secret-0123456789abcdef"

/* client_secret_basic; client_credentials and RFC 8693 token exchange
 * (subject and actor tokens: opaque access tokens of this provider, e.g.
 * client credentials for PIM_TEST_RESOURCE_OPAQUE). The answer echoes the
 * parameters in "pim_received"; requested_token_type
 * urn:ietf:params:oauth:token-type:jwt gives an RS256 JWT (token_type N_A,
 * "act" with an actor token); audience "urn:pim:test:forbidden" is refused
 * with invalid_target. */
#define PIM_TEST_CLIENT_EXCHANGE_ID     "pim-exchange"
#define PIM_TEST_CLIENT_EXCHANGE_SECRET "pim-exchange-secret"

/* One client per ID token signing algorithm (id_token_signed_response_alg):
 * client_secret_basic with PIM_TEST_CLIENT_IDTOKEN_SECRET; native, redirect
 * URI http://127.0.0.1/callback on any port; authorization_code and
 * implicit; response types "code", "code id_token" and "code id_token
 * token" (the hybrid ones give front-channel ID tokens with c_hash and
 * at_hash; ID tokens from the token endpoint have neither) */
#define PIM_TEST_CLIENT_IDTOKEN_RS256_ID "pim-idtoken-rs256"
#define PIM_TEST_CLIENT_IDTOKEN_PS256_ID "pim-idtoken-ps256"
#define PIM_TEST_CLIENT_IDTOKEN_ES256_ID "pim-idtoken-es256"
#define PIM_TEST_CLIENT_IDTOKEN_EDDSA_ID "pim-idtoken-eddsa"
#define PIM_TEST_CLIENT_IDTOKEN_SECRET   "pim-idtoken-secret"

/* DPoP (RFC 9449). client_secret_basic; client_credentials,
 * authorization_code, refresh_token; native, redirect URI
 * http://127.0.0.1/callback on any port; dpop_bound_access_tokens: token
 * requests without a DPoP proof are refused. */
#define PIM_TEST_CLIENT_DPOP_ID     "pim-dpop"
#define PIM_TEST_CLIENT_DPOP_SECRET "pim-dpop-secret"
/* DPoP with server nonces: client_secret_basic; client_credentials,
 * refresh_token; the proofs of its token requests must carry a nonce
 * (use_dpop_nonce otherwise). The provider offers DPoP-Nonce to every DPoP
 * request, but requires it only of this client. */
#define PIM_TEST_CLIENT_DPOP_NONCE_ID     "pim-dpop-nonce"
#define PIM_TEST_CLIENT_DPOP_NONCE_SECRET "pim-dpop-nonce-secret"

/* private_key_jwt with the pim-jwt key (ES256, PIM_TEST_CLIENT_JWT_KID),
 * which also signs its request objects; authorization_code, native. The
 * secret (32 bytes) keys HS256 request objects only. */
#define PIM_TEST_CLIENT_PAR_JWT_ID     "pim-par-jwt"
#define PIM_TEST_CLIENT_PAR_JWT_SECRET "pim-par-jwt-secret-0123456789abcdef"
/* client_secret_basic; authorization_code, native; authorization requests
 * only through PAR (require_pushed_authorization_requests) */
#define PIM_TEST_CLIENT_PAR_REQUIRED_ID     "pim-par-required"
#define PIM_TEST_CLIENT_PAR_REQUIRED_SECRET "pim-par-required-secret"

/* Redirect URIs registered for the native clients (any port matches) */
#define PIM_TEST_REDIRECT_PATH            "/callback"
#define PIM_TEST_REDIRECT_URI             "http://127.0.0.1/callback"
#define PIM_TEST_POST_LOGOUT_REDIRECT_URI "http://127.0.0.1/logout"

/* JWT access tokens (RS256, typ at+jwt, aud = this); the default resource
 * of client_credentials requests that name none */
#define PIM_TEST_RESOURCE_JWT "urn:pim:test:api"
/* JWT access tokens as PIM_TEST_RESOURCE_JWT's, signed with PS256, ES256
 * and EdDSA (Ed25519) */
#define PIM_TEST_RESOURCE_JWT_PS256 "urn:pim:test:api:ps256"
#define PIM_TEST_RESOURCE_JWT_ES256 "urn:pim:test:api:es256"
#define PIM_TEST_RESOURCE_JWT_EDDSA "urn:pim:test:api:eddsa"
/* opaque access tokens, for introspection and revocation */
#define PIM_TEST_RESOURCE_OPAQUE "urn:pim:test:opaque"

/* Scopes of every resource */
#define PIM_TEST_SCOPE_API_READ  "api:read"
#define PIM_TEST_SCOPE_API_WRITE "api:write"

typedef struct _PimTestProvider PimTestProvider;

/* A provider of the caller's own, on an ephemeral port with the shared
 * keys directory (PIM_TEST_PROVIDER_KEYS_DIR). */
PimTestProvider *pim_test_provider_start (GError **error);
/* The same on @port (0: an ephemeral one), keeping its signing keys in
 * @keys_dir (NULL: the shared directory). The keys are made when the
 * directory holds none, so a fresh directory means fresh keys with new
 * `kid`s, and restarting on the same port with another directory is a key
 * rotation under an unchanged issuer. */
PimTestProvider *pim_test_provider_start_full (guint port, const char *keys_dir, GError **error);
const char      *pim_test_provider_get_issuer (PimTestProvider *self);
guint            pim_test_provider_get_port (PimTestProvider *self);
void             pim_test_provider_stop (PimTestProvider *self);

PimTestProvider *pim_test_provider_get_shared (void);

const char *pim_test_provider_get_dir (void);
char       *pim_test_provider_dup_jwt_key_path (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PimTestProvider, pim_test_provider_stop)

/* The private key of the private_key_jwt clients, as a PimJwk (asserted).
 * Needs <pim/pim.h> included before this header. */
#ifdef PIM_TYPE_JWK
static inline PimJwk *
pim_test_provider_load_jwt_key (void)
{
  g_autofree char *path = pim_test_provider_dup_jwt_key_path ();
  g_autofree char *json = NULL;
  g_autoptr (GError) error = NULL;
  PimJwk *key;

  g_file_get_contents (path, &json, NULL, &error);
  g_assert_no_error (error);
  key = pim_jwk_new_from_json (json, &error);
  g_assert_no_error (error);
  return key;
}
#endif

G_END_DECLS
