/* lifecycle-test.c: every GObject type of Pim is created and freed in every
 * state it can be in — built, used, failed, cancelled, closed — and is
 * finalized each time (weak pointers); the ASan build's LeakSanitizer and
 * the Valgrind setup check that nothing else is left behind.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * /lifecycle/coverage reads the public headers and fails when a type has
 * no case here: a new class must come with its lifecycle.
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-test-async.h"
#include "pim-test-server.h"

static PimTestServer *server;

static const char *const covered[] = {
  "PimHttpClient",
  "PimJwk",
  "PimJwkSet",
  "PimJws",
  "PimJwt",
  "PimDiscoveryPolicy",
  "PimDiscoveryRequest",
  "PimDiscoveryDocument",
  "PimTokenValidationParameters",
  "PimClaims",
  "PimOAuthErrorResponse",
  "PimOAuthRequest",
  "PimTokenRequest",
  "PimTokenResponse",
  "PimClientCredentialsTokenRequest",
  "PimAuthorizationCodeTokenRequest",
  "PimRefreshTokenRequest",
  "PimTokenExchangeRequest",
  "PimDeviceTokenRequest",
  "PimDeviceAuthorizationRequest",
  "PimDeviceAuthorizationResponse",
  "PimIntrospectionRequest",
  "PimIntrospectionResponse",
  "PimRevocationRequest",
  "PimUserInfoRequest",
  "PimUserInfoResponse",
  "PimAuthorizationRequest",
  "PimAuthorizationResponse",
  "PimEndSessionRequest",
  "PimDPoPKey",
  "PimDPoPProofValidator",
  "PimDPoPProof",
  "PimPushedAuthorizationRequest",
  "PimPushedAuthorizationResponse",
  "PimClientRegistrationRequest",
  "PimClientRegistrationResponse",
  "PimSecurityProfile",
  "PimMemoryTokenStore",
  "PimSecretTokenStore",
  "PimTokenManager",
  "PimBrowserSignIn",
  "PimSignInResult",
  NULL,
};

/* Drops the caller's reference and asserts the object is gone: at once,
 * or within a second, for a worker thread (the cache's fetch) or an idle
 * callback may still be letting go of its own reference. */
static void
assert_finalized (gpointer object)
{
  gpointer weak = object;
  gint64   deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

  g_assert_true (G_IS_OBJECT (object));
  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  while (g_atomic_pointer_get (&weak) != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (weak);
}

/* Every "G_DECLARE_*_TYPE (PimX," in the public headers has a case. */
static void
collect_types (const char *dir, GHashTable *types)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          collect_types (path, types);
          continue;
        }
      if (!g_str_has_suffix (name, ".h") || g_str_has_suffix (name, "-private.h") ||
          !g_file_get_contents (path, &text, NULL, NULL))
        continue;
      for (char *p = text; (p = strstr (p, "G_DECLARE_")) != NULL; p++)
        {
          char *open = strchr (p, '(');
          char *comma = open != NULL ? strchr (open, ',') : NULL;

          if (comma == NULL || strncmp (p, "G_DECLARE_INTERFACE", 19) == 0)
            continue;
          g_hash_table_add (types, g_strstrip (g_strndup (open + 1, comma - open - 1)));
        }
    }
}

static void
test_coverage (void)
{
  g_autofree char *pim_dir = g_test_build_filename (G_TEST_DIST, "..", "pim", NULL);
  g_autoptr (GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer       type;

  collect_types (pim_dir, types);
  g_assert_cmpuint (g_hash_table_size (types), >=, 29);
  g_hash_table_iter_init (&iter, types);
  while (g_hash_table_iter_next (&iter, &type, NULL))
    if (!g_strv_contains (covered, type))
      g_error ("%s has no lifecycle case in lifecycle-test.c", (const char *) type);
}

/* ---- HTTP ---- */

static void
test_http_client (void)
{
  g_autofree char *ok = pim_test_server_get_uri (server, "/ok");
  g_autofree char *garbage = pim_test_server_get_uri (server, "/garbage");
  g_autofree char *slow = pim_test_server_get_uri (server, "/slow-headers?delay_ms=3000");
  g_autoptr (GError) error = NULL;
  PimHttpClient *client;
  JsonNode      *node;

  /* Built, closed unused. */
  client = pim_http_client_new ();
  assert_finalized (client);
  client = pim_http_client_new ();
  pim_http_client_close (client);
  assert_finalized (client);

  /* Used, failed, then closed: a call after close fails. */
  client = pim_http_client_new ();
  node = pim_http_client_get_json (client, ok, NULL, &error);
  g_assert_no_error (error);
  json_node_unref (node);
  node = pim_http_client_get_json (client, garbage, NULL, &error);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_NOT_JSON);
  g_clear_error (&error);
  pim_http_client_close (client);
  node = pim_http_client_get_json (client, ok, NULL, &error);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_CLOSED);
  g_clear_error (&error);
  assert_finalized (client);

  /* Cancelled, and closed, in flight. */
  for (guint closing = 0; closing < 2; closing++)
    {
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      g_autoptr (GAsyncResult) result = NULL;
      GThread *later;

      client = pim_http_client_new ();
      pim_http_client_get_json_async (client, slow, cancellable, pim_test_store_result, &result);
      later = closing ? pim_test_close_later (client, 50) : pim_test_cancel_later (cancellable, 50);
      pim_test_wait_result (&result);
      g_thread_join (later);
      node = pim_http_client_get_json_finish (client, result, &error);
      g_assert_null (node);
      if (closing)
        g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_CLOSED);
      else
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_clear_object (&result);
      assert_finalized (client);
    }
}

/* ---- JOSE ---- */

static void
test_jose (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) claims = json_object_new ();
  PimJwk    *key, *pub, *bad;
  PimJwkSet *set;
  PimJwt    *jwt;
  PimJws    *jws;
  char      *token;

  key = pim_jwk_generate ("ES256", &error);
  g_assert_no_error (error);
  pub = pim_jwk_get_public (key);
  set = pim_jwk_set_new ();
  pim_jwk_set_add (set, pub);
  json_object_set_string_member (claims, "sub", "alice");
  token = pim_jwt_sign (claims, key, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Used: parsed and verified. */
  jwt = pim_jwt_parse (token, &error);
  g_assert_no_error (error);
  {
    PimJwk *verified = pim_jwt_verify (jwt, set, (const char *const[]){ "ES256", NULL }, &error);

    g_assert_no_error (error);
    g_object_unref (verified);
  }
  jws = g_object_ref (pim_jwt_get_jws (jwt));
  assert_finalized (jwt);
  assert_finalized (jws);

  /* Failed: a verification that refuses, parses that refuse. */
  jwt = pim_jwt_parse (token, &error);
  g_assert_null (pim_jwt_verify (jwt, set, (const char *const[]){ "RS256", NULL }, &error));
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_ALG_NOT_ALLOWED);
  g_clear_error (&error);
  assert_finalized (jwt);
  g_assert_null (pim_jwt_parse ("a.b", &error));
  g_clear_error (&error);
  bad = pim_jwk_new_from_json ("{\"kty\":\"EC\"}", &error);
  g_assert_null (bad);
  g_clear_error (&error);
  g_assert_null (pim_jwk_set_new_from_json ("{\"keys\":7}", &error));
  g_clear_error (&error);

  g_free (token);
  assert_finalized (set);
  assert_finalized (pub);
  assert_finalized (key);
}

/* ---- Discovery and validation ---- */

static char *issuer;

static void
serve_provider (PimJwkSet *keys)
{
  g_autofree char *document =
      g_strdup_printf ("{\"issuer\":\"%s\",\"authorization_endpoint\":\"%s/"
                       "auth\",\"token_endpoint\":\"%s/token\","
                       "\"jwks_uri\":\"%s/jwks\",\"response_types_supported\":[\"code\"],"
                       "\"subject_types_supported\":[\"public\"],"
                       "\"id_token_signing_alg_values_supported\":[\"ES256\"]}",
                       issuer, issuer, issuer, issuer);
  g_autofree char *jwks = pim_jwk_set_to_json (keys, FALSE);

  pim_test_server_set_document (server, "/.well-known/openid-configuration", 200,
                                "application/json", document);
  pim_test_server_set_document (server, "/jwks", 200, "application/json", jwks);
}

static void
test_discovery (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwkSet) keys = pim_jwk_set_new ();
  PimDiscoveryPolicy   *policy;
  PimDiscoveryRequest  *request;
  PimDiscoveryDocument *document;

  serve_provider (keys);
  pim_clear_discovery_cache ();
  policy = pim_discovery_policy_new ();
  assert_finalized (policy);

  /* Used (the document outlives the request and the cache entry). */
  request = pim_discovery_request_new (issuer);
  pim_discovery_policy_set_require_key_set (pim_discovery_request_get_policy (request), FALSE);
  document = pim_get_discovery_document (request, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_finalized (request);
  pim_clear_discovery_cache ();
  assert_finalized (document);

  /* Failed: refused before and after fetching. */
  request = pim_discovery_request_new ("not a URL");
  g_assert_null (pim_get_discovery_document (request, NULL, NULL, &error));
  g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_INVALID_ADDRESS);
  g_clear_error (&error);
  assert_finalized (request);
  g_assert_null (pim_discovery_document_new_from_json ("{}", issuer, NULL, &error));
  g_clear_error (&error);

  /* Cancelled while the fetch is slow. */
  {
    g_autofree char *slow = pim_test_server_get_uri (server, "/slow-headers?delay_ms=3000");
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (GAsyncResult) result = NULL;
    GThread *later;

    request = pim_discovery_request_new (slow);
    pim_get_discovery_document_async (request, NULL, cancellable, pim_test_store_result, &result);
    later = pim_test_cancel_later (cancellable, 50);
    pim_test_wait_result (&result);
    g_thread_join (later);
    g_assert_null (pim_get_discovery_document_finish (result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_clear_object (&result);
    assert_finalized (request);
  }
}

static char *
reject_all (PimClaims *claims, gpointer user_data)
{
  return g_strdup ("no");
}

static void
test_validation (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) key = pim_jwk_generate ("ES256", &error);
  g_autoptr (PimJwk) pub = pim_jwk_get_public (key);
  g_autoptr (PimJwkSet) keys = pim_jwk_set_new ();
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autofree char              *token = NULL;
  gint64                        now = g_get_real_time () / G_USEC_PER_SEC;
  PimTokenValidationParameters *p;
  PimClaims                    *result;

  pim_jwk_set_add (keys, pub);
  serve_provider (keys);
  pim_clear_discovery_cache ();
  pim_clear_jwks_cache ();
  json_object_set_string_member (claims, "iss", issuer);
  json_object_set_string_member (claims, "aud", "api");
  json_object_set_int_member (claims, "iat", now);
  json_object_set_int_member (claims, "exp", now + 300);
  token = pim_jwt_sign (claims, key, NULL, NULL, &error);
  g_assert_no_error (error);

  p = pim_token_validation_parameters_new (issuer, "api");
  assert_finalized (p);

  /* Used through discovery with the token cache on; the claims outlive
   * the parameters. */
  p = pim_token_validation_parameters_new (issuer, "api");
  g_object_set (p, "token-cache-size", 4u, NULL);
  result = pim_validate_token (token, p, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_finalized (p);
  assert_finalized (result);

  /* Failed, with a validator whose data is freed with the parameters
   * (LeakSanitizer would see it otherwise). */
  p = pim_token_validation_parameters_new (issuer, "api");
  pim_token_validation_parameters_set_claims_validator (p, reject_all, g_strdup ("data"), g_free);
  g_assert_null (pim_validate_token (token, p, NULL, NULL, &error));
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_REJECTED);
  g_clear_error (&error);
  assert_finalized (p);

  /* Cancelled while discovery is slow. */
  {
    g_autofree char *slow = pim_test_server_get_uri (server, "/slow-headers?delay_ms=3000");
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (GAsyncResult) async_result = NULL;
    GThread *later;

    p = pim_token_validation_parameters_new (issuer, "api");
    g_object_set (p, "discovery-address", slow, NULL);
    pim_validate_token_async (token, p, NULL, cancellable, pim_test_store_result, &async_result);
    later = pim_test_cancel_later (cancellable, 50);
    pim_test_wait_result (&async_result);
    g_thread_join (later);
    g_assert_null (pim_validate_token_finish (async_result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_clear_object (&async_result);
    assert_finalized (p);
  }
}

/* ---- OAuth requests: built, used, failed (with an error response),
 * cancelled ---- */

typedef struct
{
  const char *path; /* where the fault server answers it */
  const char *good; /* a 200 answer */
  PimOAuthRequest *(*make) (const char *address);
  void (*start) (PimOAuthRequest *, GCancellable *, GAsyncReadyCallback, gpointer);
  GObject *(*finish) (GAsyncResult *, GError **);
} RequestCase;

#define TOKEN_JSON "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":60}"

static PimOAuthRequest *
make_cc (const char *address)
{
  return PIM_OAUTH_REQUEST (pim_client_credentials_token_request_new (address, "c", "s"));
}
static PimOAuthRequest *
make_code (const char *address)
{
  return PIM_OAUTH_REQUEST (
      pim_authorization_code_token_request_new (address, "c", "code", "http://127.0.0.1/cb", NULL));
}
static PimOAuthRequest *
make_refresh (const char *address)
{
  return PIM_OAUTH_REQUEST (pim_refresh_token_request_new (address, "c", "rt"));
}
static PimOAuthRequest *
make_exchange (const char *address)
{
  PimTokenExchangeRequest *request =
      pim_token_exchange_request_new (address, "subject", PIM_TOKEN_TYPE_ACCESS_TOKEN);

  pim_oauth_request_set_client_id (PIM_OAUTH_REQUEST (request), "c");
  return PIM_OAUTH_REQUEST (request);
}
static PimOAuthRequest *
make_generic (const char *address)
{
  PimTokenRequest *request = pim_token_request_new ("urn:example:grant");

  pim_oauth_request_set_address (PIM_OAUTH_REQUEST (request), address);
  pim_oauth_request_set_client_id (PIM_OAUTH_REQUEST (request), "c");
  return PIM_OAUTH_REQUEST (request);
}
static PimOAuthRequest *
make_device_token (const char *address)
{
  PimDeviceTokenRequest *request = pim_device_token_request_new (address, "c", "dc");

  g_object_set (request, "interval", 0.01, "expires-at", g_get_real_time () / G_USEC_PER_SEC + 60,
                NULL);
  return PIM_OAUTH_REQUEST (request);
}
static PimOAuthRequest *
make_device_authorization (const char *address)
{
  return PIM_OAUTH_REQUEST (pim_device_authorization_request_new (address, "c"));
}
static PimOAuthRequest *
make_introspection (const char *address)
{
  PimIntrospectionRequest *request = pim_introspection_request_new (address, "c", "s");

  pim_introspection_request_set_token (request, "t");
  return PIM_OAUTH_REQUEST (request);
}
static PimOAuthRequest *
make_revocation (const char *address)
{
  PimRevocationRequest *request = pim_revocation_request_new (address, "c", "s");

  pim_revocation_request_set_token (request, "t");
  return PIM_OAUTH_REQUEST (request);
}
static PimOAuthRequest *
make_userinfo (const char *address)
{
  return PIM_OAUTH_REQUEST (pim_userinfo_request_new (address, "at"));
}

static PimOAuthRequest *
make_registration (const char *address)
{
  PimClientRegistrationRequest *request = pim_client_registration_request_new (address);

  pim_client_registration_request_set_client_name (request, "c");
  pim_client_registration_request_set_initial_access_token (request, "iat");
  return PIM_OAUTH_REQUEST (request);
}

static void
start_token (PimOAuthRequest *r, GCancellable *c, GAsyncReadyCallback cb, gpointer data)
{
  pim_request_token_async (PIM_TOKEN_REQUEST (r), NULL, c, cb, data);
}
static GObject *
finish_token (GAsyncResult *result, GError **error)
{
  return G_OBJECT (pim_request_token_finish (result, error));
}
static void
start_poll (PimOAuthRequest *r, GCancellable *c, GAsyncReadyCallback cb, gpointer data)
{
  pim_poll_device_token_async (PIM_DEVICE_TOKEN_REQUEST (r), NULL, NULL, c, cb, data);
}
static GObject *
finish_poll (GAsyncResult *result, GError **error)
{
  return G_OBJECT (pim_poll_device_token_finish (result, error));
}
static void
start_device_authorization (PimOAuthRequest    *r,
                            GCancellable       *c,
                            GAsyncReadyCallback cb,
                            gpointer            data)
{
  pim_request_device_authorization_async (PIM_DEVICE_AUTHORIZATION_REQUEST (r), NULL, c, cb, data);
}
static GObject *
finish_device_authorization (GAsyncResult *result, GError **error)
{
  return G_OBJECT (pim_request_device_authorization_finish (result, error));
}
static void
start_introspection (PimOAuthRequest *r, GCancellable *c, GAsyncReadyCallback cb, gpointer data)
{
  pim_introspect_token_async (PIM_INTROSPECTION_REQUEST (r), NULL, c, cb, data);
}
static GObject *
finish_introspection (GAsyncResult *result, GError **error)
{
  return G_OBJECT (pim_introspect_token_finish (result, error));
}
static void
start_revocation (PimOAuthRequest *r, GCancellable *c, GAsyncReadyCallback cb, gpointer data)
{
  pim_revoke_token_async (PIM_REVOCATION_REQUEST (r), NULL, c, cb, data);
}
/* Revocation answers a boolean: stand an object in for TRUE. */
static GObject *
finish_revocation (GAsyncResult *result, GError **error)
{
  return pim_revoke_token_finish (result, error) ? g_object_new (G_TYPE_OBJECT, NULL) : NULL;
}
static void
start_userinfo (PimOAuthRequest *r, GCancellable *c, GAsyncReadyCallback cb, gpointer data)
{
  pim_get_userinfo_async (PIM_USERINFO_REQUEST (r), NULL, c, cb, data);
}
static GObject *
finish_userinfo (GAsyncResult *result, GError **error)
{
  return G_OBJECT (pim_get_userinfo_finish (result, error));
}

static void
start_registration (PimOAuthRequest *r, GCancellable *c, GAsyncReadyCallback cb, gpointer data)
{
  pim_register_client_async (PIM_CLIENT_REGISTRATION_REQUEST (r), NULL, c, cb, data);
}
static GObject *
finish_registration (GAsyncResult *result, GError **error)
{
  return G_OBJECT (pim_register_client_finish (result, error));
}

static const RequestCase request_cases[] = {
  { "/cc", TOKEN_JSON, make_cc, start_token, finish_token },
  { "/code", TOKEN_JSON, make_code, start_token, finish_token },
  { "/refresh", TOKEN_JSON, make_refresh, start_token, finish_token },
  { "/exchange", "{\"access_token\":\"at\",\"token_type\":\"N_A\",\"issued_token_type\":\"urn:x\"}",
    make_exchange, start_token, finish_token },
  { "/generic", TOKEN_JSON, make_generic, start_token, finish_token },
  { "/device-token", TOKEN_JSON, make_device_token, start_poll, finish_poll },
  { "/device-authorization",
    "{\"device_code\":\"d\",\"user_code\":\"U\",\"verification_uri\":\"https://v.example\","
    "\"expires_in\":60}",
    make_device_authorization, start_device_authorization, finish_device_authorization },
  { "/introspection", "{\"active\":true,\"scope\":\"a\"}", make_introspection, start_introspection,
    finish_introspection },
  { "/revocation", "", make_revocation, start_revocation, finish_revocation },
  { "/userinfo", "{\"sub\":\"alice\"}", make_userinfo, start_userinfo, finish_userinfo },
  { "/registration", "{\"client_id\":\"c\",\"client_secret\":\"s\"}", make_registration,
    start_registration, finish_registration },
};

static GObject *
run (const RequestCase *c, PimOAuthRequest *request, GCancellable *cancellable, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  c->start (request, cancellable, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return c->finish (result, error);
}

static void
test_request (gconstpointer data)
{
  const RequestCase *c = data;
  g_autofree char   *good = pim_test_server_get_uri (server, c->path);
  g_autofree char   *bad_path = g_strconcat (c->path, "-refused", NULL);
  g_autofree char   *bad = pim_test_server_get_uri (server, bad_path);
  g_autofree char   *slow = pim_test_server_get_uri (server, "/slow-headers?delay_ms=3000");
  g_autoptr (GError) error = NULL;
  PimOAuthRequest       *request;
  PimOAuthErrorResponse *details;
  GObject               *response;

  pim_test_server_set_document (server, c->path, 200, "application/json", c->good);
  pim_test_server_set_document (server, bad_path, 400, "application/json",
                                "{\"error\":\"invalid_request\",\"error_uri\":\"https://e\"}");

  /* Built. */
  assert_finalized (c->make (good));

  /* Used: the response outlives the request. */
  request = c->make (good);
  response = run (c, request, NULL, &error);
  g_assert_no_error (error);
  assert_finalized (request);
  assert_finalized (response);

  /* Failed: the error response outlives the request too. */
  request = c->make (bad);
  g_assert_null (run (c, request, NULL, &error));
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  details = pim_oauth_request_get_error_response (request);
  g_assert_nonnull (details);
  assert_finalized (request);
  assert_finalized (details);

  /* Cancelled in flight. */
  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    GThread *later = pim_test_cancel_later (cancellable, 50);

    request = c->make (slow);
    g_assert_null (run (c, request, cancellable, &error));
    g_thread_join (later);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    assert_finalized (request);
  }
}

/* ---- Responses built from JSON, and the front channel ---- */

static void
test_responses (void)
{
  g_autoptr (GError) error = NULL;
  GObject *object;

  object = G_OBJECT (pim_token_response_new_from_json (TOKEN_JSON, &error));
  g_assert_no_error (error);
  assert_finalized (object);
  g_assert_null (pim_token_response_new_from_json ("{}", &error));
  g_clear_error (&error);
  object = G_OBJECT (
      pim_device_authorization_response_new_from_json ("{\"device_code\":\"d\",\"user_code\":\"U\","
                                                       "\"verification_uri\":\"https://v\","
                                                       "\"expires_in\":5}",
                                                       &error));
  g_assert_no_error (error);
  assert_finalized (object);
  g_assert_null (pim_device_authorization_response_new_from_json ("[]", &error));
  g_clear_error (&error);
}

static void
test_front_channel (void)
{
  g_autoptr (GError) error = NULL;
  PimAuthorizationRequest  *request;
  PimAuthorizationResponse *response;
  PimEndSessionRequest     *logout;
  PimOAuthErrorResponse    *details;
  g_autofree char          *url = NULL;
  g_autofree char          *redirect = NULL;
  g_autofree char          *logout_url = NULL;

  request =
      pim_authorization_request_new ("https://op.example/auth", "c", "http://127.0.0.1/callback");
  assert_finalized (request);

  /* Used: prepared, built, answered. */
  request =
      pim_authorization_request_new ("https://op.example/auth", "c", "http://127.0.0.1/callback");
  g_assert_true (pim_authorization_request_prepare (request, &error));
  url = pim_authorization_request_build_url (request, &error);
  g_assert_no_error (error);
  redirect = g_strdup_printf ("http://127.0.0.1/callback?code=x&state=%s",
                              pim_authorization_request_get_state (request));
  response =
      pim_authorization_request_parse_response (request, redirect,
                                                PIM_AUTHORIZATION_RESPONSE_MODE_QUERY, &error);
  g_assert_no_error (error);
  assert_finalized (response);

  /* Failed: an error redirect, whose details outlive the request. */
  g_free (redirect);
  redirect = g_strdup_printf ("http://127.0.0.1/callback?error=access_denied&state=%s",
                              pim_authorization_request_get_state (request));
  g_assert_null (pim_authorization_request_parse_response (request, redirect,
                                                           PIM_AUTHORIZATION_RESPONSE_MODE_QUERY,
                                                           &error));
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_ACCESS_DENIED);
  g_clear_error (&error);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  assert_finalized (request);
  assert_finalized (details);

  logout = pim_end_session_request_new ("https://op.example/logout");
  g_object_set (logout, "post-logout-redirect-uri", "http://127.0.0.1/logout", "client-id", "c",
                NULL);
  logout_url = pim_end_session_request_build_url (logout, &error);
  g_assert_no_error (error);
  assert_finalized (logout);
}

/* ---- Pushed authorization requests ---- */

static PimPushedAuthorizationRequest *
make_pushed (const char *path, PimAuthorizationRequest **out_authorization)
{
  g_autofree char         *address = pim_test_server_get_uri (server, path);
  PimAuthorizationRequest *authorization =
      pim_authorization_request_new ("https://op.example/auth", "c", "http://127.0.0.1/callback");
  PimPushedAuthorizationRequest *request = pim_pushed_authorization_request_new (authorization);

  g_object_set (request, "address", address, "client-secret", "s", NULL);
  *out_authorization = authorization;
  return request;
}

static PimPushedAuthorizationResponse *
run_pushed (PimPushedAuthorizationRequest *request, GCancellable *cancellable, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  pim_pushed_authorization_request_send_async (request, NULL, cancellable, pim_test_store_result,
                                               &result);
  pim_test_wait_result (&result);
  return pim_pushed_authorization_request_send_finish (request, result, error);
}

/* Built, used (the response and the authorization request outlive the
 * pushed request), refused (the details outlive it) and cancelled. */
static void
test_pushed_authorization (void)
{
  g_autoptr (GError) error = NULL;
  PimAuthorizationRequest        *authorization;
  PimPushedAuthorizationRequest  *request;
  PimPushedAuthorizationResponse *response;
  PimOAuthErrorResponse          *details;
  g_autofree char                *url = NULL;

  pim_test_server_set_document (server, "/par", 201, "application/json",
                                "{\"request_uri\":\"urn:x\",\"expires_in\":60}");
  pim_test_server_set_document (server, "/par-refused", 400, "application/json",
                                "{\"error\":\"invalid_request\"}");

  request = make_pushed ("/par", &authorization);
  assert_finalized (request);
  assert_finalized (authorization);

  request = make_pushed ("/par", &authorization);
  response = run_pushed (request, NULL, &error);
  g_assert_no_error (error);
  assert_finalized (request);
  url = pim_pushed_authorization_response_build_authorization_url (response, authorization, &error);
  g_assert_no_error (error);
  assert_finalized (authorization);
  assert_finalized (response);

  request = make_pushed ("/par-refused", &authorization);
  g_assert_null (run_pushed (request, NULL, &error));
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  g_assert_nonnull (details);
  assert_finalized (request);
  assert_finalized (authorization);
  assert_finalized (details);

  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    GThread *later = pim_test_cancel_later (cancellable, 50);

    request = make_pushed ("/slow-headers?delay_ms=3000", &authorization);
    g_assert_null (run_pushed (request, cancellable, &error));
    g_thread_join (later);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    assert_finalized (request);
    assert_finalized (authorization);
  }
}

/* ---- DPoP proof validation ---- */

static char *
lifecycle_dpop_proof (PimJwk *key, const char *jti, gint64 age)
{
  g_autoptr (PimJwk) pub = pim_jwk_get_public (key);
  g_autoptr (JsonObject) header = json_object_new ();
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autoptr (GError) error = NULL;
  char *proof;

  json_object_set_string_member (header, "typ", "dpop+jwt");
  json_object_set_object_member (header, "jwk", pim_jwk_to_object (pub, FALSE));
  json_object_set_string_member (claims, "jti", jti);
  json_object_set_string_member (claims, "htm", "GET");
  json_object_set_string_member (claims, "htu", "https://api.example/r");
  json_object_set_int_member (claims, "iat", g_get_real_time () / G_USEC_PER_SEC - age);
  proof = pim_jwt_sign (claims, key, "ES256", header, &error);
  g_assert_no_error (error);
  return proof;
}

/* A validator unused, and one that accepted and refused proofs (its replay
 * cache full, then emptied by finalizing); a proof outlives its validator. */
static void
test_dpop_validation (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) key = pim_jwk_generate ("ES256", &error);
  g_autofree char       *proof = NULL;
  g_autofree char       *nonce = NULL;
  PimDPoPProofValidator *validator;
  PimDPoPProof          *result;

  g_assert_no_error (error);
  assert_finalized (pim_dpop_proof_validator_new ());

  validator = pim_dpop_proof_validator_new ();
  g_object_set (validator, "replay-cache-size", 2, NULL);
  nonce = pim_dpop_proof_validator_issue_nonce (validator);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *jti = g_strdup_printf ("j%u", i);
      g_autofree char *p = lifecycle_dpop_proof (key, jti, 20 - i);

      result = pim_dpop_proof_validator_validate (validator, p, "GET", "https://api.example/r",
                                                  NULL, &error);
      g_assert_no_error (error);
      assert_finalized (result);
    }
  proof = lifecycle_dpop_proof (key, "last", 0);
  result = pim_dpop_proof_validator_validate (validator, proof, "GET", "https://api.example/r",
                                              NULL, &error);
  g_assert_no_error (error);
  g_assert_null (pim_dpop_proof_validator_validate (validator, proof, "GET",
                                                    "https://api.example/r", NULL, &error));
  g_assert_error (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_REPLAYED);
  g_clear_error (&error);
  assert_finalized (validator);
  g_assert_cmpstr (pim_dpop_proof_get_jti (result), ==, "last");
  assert_finalized (result);
}

/* ---- DPoP keys ---- */

static void
test_dpop_key (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char                  *address = pim_test_server_get_uri (server, "/status/400");
  PimDPoPKey                       *key = pim_dpop_key_new_generate (NULL, &error);
  PimDPoPKey                       *bare = g_object_new (PIM_TYPE_DPOP_KEY, NULL);
  PimDPoPKey                       *reloaded;
  PimClientCredentialsTokenRequest *request;
  SoupMessage                      *msg = soup_message_new ("GET", address);
  g_autofree char                  *jwk = NULL;
  g_autofree char                  *proof = NULL;

  g_assert_no_error (error);
  /* Used: a proof, a signed message, a nonce, a refused token request. */
  proof = pim_dpop_key_create_proof (key, "GET", address, "at", "n", &error);
  g_assert_no_error (error);
  g_assert_true (pim_dpop_key_sign_message (key, msg, "at", &error));
  pim_dpop_key_set_nonce (key, address, "n-1");
  request = pim_client_credentials_token_request_new (address, "client", "secret");
  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (request), key);
  g_assert_null (pim_request_token (PIM_TOKEN_REQUEST (request), NULL, NULL, &error));
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  jwk = pim_dpop_key_to_jwk (key);
  reloaded = pim_dpop_key_new_from_jwk (jwk, &error);
  g_assert_no_error (error);
  assert_finalized (request);
  assert_finalized (msg);
  assert_finalized (reloaded);
  assert_finalized (key);
  /* Without a key, failed. */
  g_assert_null (pim_dpop_key_create_proof (bare, "GET", address, NULL, NULL, &error));
  g_clear_error (&error);
  assert_finalized (bare);
}

/* ---- Security profiles ---- */

static void
test_security_profile (void)
{
  g_autofree char                  *address = pim_test_server_get_uri (server, "/status/400");
  PimSecurityProfile               *profile = pim_security_profile_new_fapi2 ();
  PimClientCredentialsTokenRequest *request;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  /* Used: refused sync and async; the request holds the profile. */
  request = pim_client_credentials_token_request_new (address, "client", "secret");
  pim_oauth_request_set_security_profile (PIM_OAUTH_REQUEST (request), profile);
  g_assert_null (pim_request_token (PIM_TOKEN_REQUEST (request), NULL, NULL, &error));
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_PROFILE_VIOLATION);
  g_clear_error (&error);
  pim_request_token_async (PIM_TOKEN_REQUEST (request), NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  g_assert_null (pim_request_token_finish (result, &error));
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_PROFILE_VIOLATION);
  g_clear_object (&result);
  assert_finalized (request);
  assert_finalized (profile);
}

/* ---- Token stores and the token manager ---- */

static PimDiscoveryDocument *
token_manager_document (const char *token_endpoint)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryPolicy) policy = pim_discovery_policy_new ();
  g_autofree char *json =
      g_strdup_printf ("{\"issuer\":\"%s\",\"authorization_endpoint\":\"%s/"
                       "auth\",\"token_endpoint\":\"%s\","
                       "\"jwks_uri\":\"%s/jwks\",\"response_types_supported\":[\"code\"],"
                       "\"subject_types_supported\":[\"public\"],"
                       "\"id_token_signing_alg_values_supported\":[\"ES256\"]}",
                       issuer, issuer, token_endpoint, issuer);
  PimDiscoveryDocument *document = NULL;

  pim_discovery_policy_set_validate_endpoints (policy, FALSE);
  document = pim_discovery_document_new_from_json (json, issuer, policy, &error);
  g_assert_no_error (error);
  return document;
}

static void
test_token_manager (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char      *token_endpoint = pim_test_server_get_uri (server, "/lifecycle-token");
  PimDiscoveryDocument *document = token_manager_document (token_endpoint);
  PimDiscoveryDocument *unreachable = token_manager_document ("http://127.0.0.1:1/token");
  PimTokenStore        *store = pim_memory_token_store_new ();
  g_autoptr (GBytes) held = NULL;
  g_autoptr (GBytes) secret = g_bytes_new_static ("s", 1);
  PimTokenResponse *tokens = pim_token_response_new_from_json ("{\"access_token\":\"at\",\"token_"
                                                               "type\":\"Bearer\",\"expires_in\":0,"
                                                               "\"refresh_token\":\"rt\"}",
                                                               &error);
  PimClientCredentialsTokenRequest *request =
      pim_client_credentials_token_request_new (token_endpoint, "client", "secret");
  PimTokenManager *manager;
  g_autoptr (GAsyncResult) result = NULL;
  char *token;

  g_assert_no_error (error);
  pim_test_server_set_document (server, "/lifecycle-token", 400, "application/json",
                                "{\"error\":\"invalid_grant\"}");

  /* A memory store, used, and one holding a secret a caller still has. */
  g_assert_true (pim_token_store_save (store, issuer, "c", NULL, secret, NULL, &error));
  held = pim_token_store_lookup (store, issuer, "c", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (held);
  assert_finalized (store);
  store = pim_memory_token_store_new ();
#if PIM_HAS_LIBSECRET
  /* A keyring store, never used (no Secret Service here). */
  assert_finalized (pim_secret_token_store_new ());
#endif

  /* Built only; with a store and tokens; client credentials. */
  assert_finalized (pim_token_manager_new (document, "c"));
  manager = pim_token_manager_new (document, "c");
  pim_token_manager_set_store (manager, store);
  g_assert_true (pim_token_manager_set_tokens (manager, tokens, NULL, &error));
  g_assert_no_error (error);
  assert_finalized (manager);
  assert_finalized (pim_token_manager_new_for_client_credentials (request));

  /* Failed, sync then async (a refresh in a worker thread): signed out. */
  manager = pim_token_manager_new (document, "c");
  pim_token_manager_set_store (manager, store);
  g_assert_true (pim_token_manager_set_tokens (manager, tokens, NULL, &error));
  g_assert_null (pim_token_manager_get_access_token (manager, NULL, &error));
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_SIGNED_OUT);
  g_clear_error (&error);
  g_assert_true (pim_token_manager_set_tokens (manager, tokens, NULL, &error));
  pim_token_manager_get_access_token_async (manager, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  token = pim_token_manager_get_access_token_finish (manager, result, &error);
  g_assert_null (token);
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_SIGNED_OUT);
  g_clear_error (&error);
  g_clear_object (&result);
  assert_finalized (manager);

  /* Offline, waiting for the network to come back; then loaded again. */
  manager = pim_token_manager_new (unreachable, "c");
  pim_token_manager_set_store (manager, store);
  g_assert_true (pim_token_manager_set_tokens (manager, tokens, NULL, &error));
  g_assert_null (pim_token_manager_get_access_token (manager, NULL, &error));
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_OFFLINE);
  g_clear_error (&error);
  g_assert_true (pim_token_manager_load (manager, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pim_token_manager_sign_out (manager, NULL, &error));
  g_assert_no_error (error);
  assert_finalized (manager);

  assert_finalized (request);
  assert_finalized (tokens);
  assert_finalized (store);
  assert_finalized (unreachable);
  assert_finalized (document);
}

/* ---- Browser sign-in: built, refused, cancelled at the browser, failed
 * discovery; its result ---- */

static PimDiscoveryDocument *
sign_in_document (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json =
      g_strdup_printf ("{\"issuer\":\"%s\",\"authorization_endpoint\":\"%s/"
                       "auth\",\"token_endpoint\":\"%s/token\","
                       "\"jwks_uri\":\"%s/jwks\",\"response_types_supported\":[\"code\"],"
                       "\"subject_types_supported\":[\"public\"],"
                       "\"id_token_signing_alg_values_supported\":[\"RS256\"]}",
                       issuer, issuer, issuer, issuer);
  PimDiscoveryDocument *document =
      pim_discovery_document_new_from_json (json, issuer, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static gboolean
cancel_on_open (PimBrowserSignIn *sign_in, const char *uri, gpointer data)
{
  g_cancellable_cancel (data);
  return TRUE;
}

static void
test_browser_sign_in (void)
{
  g_autoptr (PimDiscoveryDocument) document = sign_in_document ();
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char  *missing = g_strdup_printf ("%s/missing", issuer);
  PimBrowserSignIn *sign_in;
  PimSignInResult  *result;

  /* Built. */
  sign_in = pim_browser_sign_in_new (issuer, "c", NULL);
  assert_finalized (sign_in);

  /* Refused: no client id. */
  sign_in = pim_browser_sign_in_new (issuer, NULL, NULL);
  g_assert_null (pim_browser_sign_in_run (sign_in, NULL, &error));
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  assert_finalized (sign_in);

  /* Cancelled at the browser, with the server listening: sync, async. */
  for (PimTestMode mode = PIM_TEST_SYNC; mode <= PIM_TEST_ASYNC; mode++)
    {
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      g_autoptr (GAsyncResult) async_result = NULL;

      sign_in = pim_browser_sign_in_new_from_discovery (document, "c", "openid");
      g_signal_connect (sign_in, "open-uri", G_CALLBACK (cancel_on_open), cancellable);
      if (mode == PIM_TEST_SYNC)
        result = pim_browser_sign_in_run (sign_in, cancellable, &error);
      else
        {
          pim_browser_sign_in_run_async (sign_in, cancellable, pim_test_store_result,
                                         &async_result);
          pim_test_wait_result (&async_result);
          result = pim_browser_sign_in_run_finish (sign_in, async_result, &error);
        }
      g_assert_null (result);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_clear_object (&async_result);
      assert_finalized (sign_in);
    }

  /* Failed discovery. */
  sign_in = pim_browser_sign_in_new (missing, "c", NULL);
  g_assert_null (pim_browser_sign_in_run (sign_in, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_finalized (sign_in);

  /* A result. */
  tokens = pim_token_response_new_from_json (TOKEN_JSON, &error);
  g_assert_no_error (error);
  result = g_object_new (PIM_TYPE_SIGN_IN_RESULT, "token-response", tokens, "discovery-document",
                         document, "client-id", "c", "redirect-uri", "http://127.0.0.1:1/cb", NULL);
  g_assert_true (pim_sign_in_result_get_token_response (result) == tokens);
  g_assert_true (pim_sign_in_result_get_discovery_document (result) == document);
  g_assert_null (pim_sign_in_result_get_id_token_claims (result));
  g_assert_cmpstr (pim_sign_in_result_get_client_id (result), ==, "c");
  g_assert_cmpstr (pim_sign_in_result_get_redirect_uri (result), ==, "http://127.0.0.1:1/cb");
  assert_finalized (result);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  issuer = pim_test_server_get_uri (server, "");

  g_test_add_func ("/lifecycle/coverage", test_coverage);
  g_test_add_func ("/lifecycle/http-client", test_http_client);
  g_test_add_func ("/lifecycle/jose", test_jose);
  g_test_add_func ("/lifecycle/discovery", test_discovery);
  g_test_add_func ("/lifecycle/validation", test_validation);
  g_test_add_func ("/lifecycle/responses", test_responses);
  g_test_add_func ("/lifecycle/front-channel", test_front_channel);
  g_test_add_func ("/lifecycle/dpop-key", test_dpop_key);
  g_test_add_func ("/lifecycle/security-profile", test_security_profile);
  g_test_add_func ("/lifecycle/dpop-validation", test_dpop_validation);
  g_test_add_func ("/lifecycle/pushed-authorization", test_pushed_authorization);
  g_test_add_func ("/lifecycle/browser-sign-in", test_browser_sign_in);
  g_test_add_func ("/lifecycle/token-manager", test_token_manager);
  for (gsize i = 0; i < G_N_ELEMENTS (request_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lifecycle/request%s", request_cases[i].path);

      g_test_add_data_func (path, &request_cases[i], test_request);
    }

  ret = g_test_run ();
  pim_test_server_free (server);
  g_free (issuer);
  return ret;
}
