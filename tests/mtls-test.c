/* mtls-test.c: mutual TLS on the client side (RFC 8705)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Against the in-process test server in its mutual-TLS mode: it requires a
 * client certificate and trusts ca.pem and self-signed-client.pem
 * (tests/mtls/make-pki.sh), and records the certificate each request
 * came with.
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-oauth-private.h"
#include "pim-test-async.h"
#include "pim-test-server.h"

#define TOKEN_BODY "{\"access_token\":\"at-mtls\",\"token_type\":\"Bearer\",\"expires_in\":60}"
#define PLAIN_BODY "{\"access_token\":\"at-plain\",\"token_type\":\"Bearer\",\"expires_in\":60}"

static char *
cert_path (const char *name)
{
  return g_build_filename (pim_test_server_get_certs_dir (), name, NULL);
}

static GTlsCertificate *
load_certificate (const char *cert_name, const char *key_name)
{
  g_autofree char *cert = cert_path (cert_name);
  g_autofree char *key = cert_path (key_name);
  g_autoptr (GError) error = NULL;
  GTlsCertificate *certificate = g_tls_certificate_new_from_files (cert, key, &error);

  g_assert_no_error (error);
  return certificate;
}

/* A client trusting the test CA, presenting @certificate (nullable). */
static PimHttpClient *
new_client (GTlsCertificate *certificate)
{
  g_autoptr (GError) error = NULL;
  PimHttpClient *client =
      g_initable_new (PIM_TYPE_HTTP_CLIENT, NULL, &error, "ca-file", pim_test_server_get_ca_file (),
                      "tls-client-certificate", certificate, "retry-base-delay", 0.01, NULL);

  g_assert_no_error (error);
  return client;
}

static void
assert_presented (PimTestServer *server, GTlsCertificate *expected)
{
  g_autoptr (GTlsCertificate) seen = pim_test_server_dup_peer_certificate (server);

  g_assert_nonnull (seen);
  g_assert_true (g_tls_certificate_is_same (seen, expected));
}

/* ---- The HTTP client ---- */

static void
test_property (void)
{
  g_autoptr (GTlsCertificate) certificate = load_certificate ("client.pem", "client-key.pem");
  g_autoptr (GTlsCertificate) other =
      load_certificate ("self-signed-client.pem", "self-signed-client-key.pem");
  g_autoptr (PimHttpClient) client = new_client (certificate);
  g_autoptr (PimHttpClient) plain = pim_http_client_new ();
  g_autoptr (GTlsCertificate) read = NULL;
  g_autoptr (GTlsCertificate) no_key = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *cert_only = cert_path ("client.pem");
  GObject         *refused;

  g_assert_true (pim_http_client_get_tls_client_certificate (client) == certificate);
  g_object_get (client, "tls-client-certificate", &read, NULL);
  g_assert_true (read == certificate);
  g_assert_false (g_tls_certificate_is_same (certificate, other));
  g_assert_null (pim_http_client_get_tls_client_certificate (plain));
  g_assert_null (
      pim_http_client_get_tls_client_certificate (pim_http_client_get_thread_default ()));

  /* Works around a supplied session too: the certificate is per message. */
  {
    g_autoptr (SoupSession) session = soup_session_new ();
    g_autoptr (PimHttpClient) wrapped =
        g_initable_new (PIM_TYPE_HTTP_CLIENT, NULL, &error, "session", session,
                        "tls-client-certificate", certificate, NULL);

    g_assert_no_error (error);
    g_assert_true (pim_http_client_get_tls_client_certificate (wrapped) == certificate);
  }

  /* A certificate without its private key is refused at construction. */
  no_key = g_tls_certificate_new_from_file (cert_only, &error);
  g_assert_no_error (error);
  refused =
      g_initable_new (PIM_TYPE_HTTP_CLIENT, NULL, &error, "tls-client-certificate", no_key, NULL);
  g_assert_null (refused);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT);
  g_assert_null (strstr (error->message, "PRIVATE KEY"));
}

static void
presented_case (gconstpointer data,
                const char   *cert_name,
                const char   *key_name,
                const char   *path,
                guint         expected_hits)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_TLS_CLIENT_AUTH);
  g_autoptr (GTlsCertificate) certificate = load_certificate (cert_name, key_name);
  g_autoptr (PimHttpClient) client = new_client (certificate);
  g_autofree char *uri = pim_test_server_get_uri (server, path);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  node = pim_test_get_json (client, uri, mode, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "ok"));
  assert_presented (server, certificate);
  g_assert_cmpuint (pim_test_server_get_hits (server, "mtls"), ==, expected_hits);
}

static void
test_presented (gconstpointer data)
{
  presented_case (data, "client.pem", "client-key.pem", "/ok?key=mtls", 1);
}

static void
test_self_signed_presented (gconstpointer data)
{
  presented_case (data, "self-signed-client.pem", "self-signed-client-key.pem", "/ok?key=mtls", 1);
}

/* Each retry is a new attempt on a new connection (the 503's is dropped):
 * it succeeds only if the certificate goes with it too. */
static void
test_retries (gconstpointer data)
{
  presented_case (data, "client.pem", "client-key.pem", "/storm?key=mtls&fail=2&retry_after=0", 3);
}

/* A server that requires a certificate and gets none says so in a TLS
 * alert: PIM_HTTP_ERROR_TLS. One that dislikes the certificate it got
 * (glib-networking's, here) may just drop the connection: with TLS 1.3 the
 * client has finished its handshake by then and sees a reset,
 * PIM_HTTP_ERROR_CONNECTION (@either). Either way nothing is served. */
static void
refused_case (gconstpointer data, GTlsCertificate *certificate, gboolean either)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_TLS_CLIENT_AUTH);
  g_autoptr (PimHttpClient) client = new_client (certificate);
  g_autofree char *uri = pim_test_server_get_uri (server, "/ok?key=mtls");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  node = pim_test_get_json (client, uri, mode, &error);
  g_assert_null (node);
  g_assert_nonnull (error);
  if (either && g_error_matches (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_CONNECTION))
    g_test_message ("refused with a reset: %s", error->message);
  else
    g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TLS);
  g_assert_cmpuint (pim_test_server_get_hits (server, "mtls"), ==, 0);
}

static void
test_no_certificate (gconstpointer data)
{
  refused_case (data, NULL, FALSE);
}

static void
test_wrong_ca (gconstpointer data)
{
  g_autoptr (GTlsCertificate) certificate =
      load_certificate ("wrong-ca-client.pem", "wrong-ca-client-key.pem");

  refused_case (data, certificate, TRUE);
}

/* ---- Client authentication (RFC 8705 §2) ---- */

static PimHttpResponse *
exchange (PimOAuthRequest *request, PimHttpClient *client, PimTestMode mode, GError **error)
{
  GAsyncResult    *result = NULL;
  PimHttpResponse *response;

  if (mode == PIM_TEST_SYNC)
    return pim_oauth_exchange (request, client, NULL, error);
  pim_oauth_exchange_async (request, client, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  response = pim_oauth_exchange_finish (result, error);
  g_object_unref (result);
  return response;
}

static void
auth_form_case (gconstpointer       data,
                PimClientAuthMethod method,
                const char         *cert_name,
                const char         *key_name)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_TLS_CLIENT_AUTH);
  g_autoptr (GTlsCertificate) certificate = load_certificate (cert_name, key_name);
  g_autoptr (PimHttpClient) client = new_client (certificate);
  g_autofree char *address = pim_test_server_get_uri (server, "/echo");
  /* A secret and a key are set, and must not be sent. */
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (address, "mtls-client", "do-not-send-this-secret");
  g_autoptr (PimHttpResponse) response = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *echo, *headers;

  pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (request), method);
  response = exchange (PIM_OAUTH_REQUEST (request), client, mode, &error);
  g_assert_no_error (error);
  node = pim_http_response_parse_json (response, &error);
  g_assert_no_error (error);
  echo = json_node_get_object (node);
  headers = json_object_get_object_member (echo, "headers");
  form = soup_form_decode (json_object_get_string_member (echo, "body"));
  g_assert_cmpstr (g_hash_table_lookup (form, "client_id"), ==, "mtls-client");
  g_assert_cmpstr (g_hash_table_lookup (form, "grant_type"), ==, "client_credentials");
  g_assert_false (g_hash_table_contains (form, "client_secret"));
  g_assert_false (g_hash_table_contains (form, "client_assertion"));
  g_assert_false (g_hash_table_contains (form, "client_assertion_type"));
  g_assert_false (json_object_has_member (headers, "authorization"));
  g_assert_null (strstr (json_object_get_string_member (echo, "body"), "do-not-send"));
  assert_presented (server, certificate);
}

static void
test_tls_client_auth_form (gconstpointer data)
{
  auth_form_case (data, PIM_CLIENT_AUTH_TLS_CLIENT_AUTH, "client.pem", "client-key.pem");
}

static void
test_self_signed_form (gconstpointer data)
{
  auth_form_case (data, PIM_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH, "self-signed-client.pem",
                  "self-signed-client-key.pem");
}

/* Without a certificate on the client, nothing is sent. */
static void
test_tls_auth_needs_certificate (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_TLS_CLIENT_AUTH);
  g_autoptr (PimHttpClient) client = new_client (NULL);
  g_autofree char *address = pim_test_server_get_uri (server, "/echo");
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (address, "mtls-client", NULL);
  PimClientAuthMethod methods[] = { PIM_CLIENT_AUTH_TLS_CLIENT_AUTH,
                                    PIM_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autoptr (PimHttpResponse) response = NULL;
      g_autoptr (GError) error = NULL;

      pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (request), methods[i]);
      response = exchange (PIM_OAUTH_REQUEST (request), client, mode, &error);
      g_assert_null (response);
      g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (
          strstr (error->message, i == 0 ? "“tls_client_auth”" : "“self_signed_tls_client_auth”"));
      g_clear_error (&error);

      /* Nor with the default clients, which have none. */
      response = exchange (PIM_OAUTH_REQUEST (request), NULL, mode, &error);
      g_assert_null (response);
      g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
    }
  g_assert_cmpuint (pim_test_server_get_hits (server, "/echo"), ==, 0);
}

/* ---- mtls_endpoint_aliases (RFC 8705 §5) ---- */

typedef struct
{
  PimTestServer *plain; /* issuer, discovery, token_endpoint */
  PimTestServer *mtls;  /* the token endpoint's alias */
  char          *issuer;
} Aliases;

static void
aliases_set_up (Aliases *fixture, gconstpointer data)
{
  g_autofree char *alias = NULL;
  g_autofree char *document = NULL;

  fixture->plain = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  fixture->mtls = pim_test_server_new (PIM_TEST_SERVER_TLS_CLIENT_AUTH);
  fixture->issuer = pim_test_server_get_uri (fixture->plain, "");
  alias = pim_test_server_get_uri (fixture->mtls, "/token");
  document = g_strdup_printf (
      "{\"issuer\":\"%s\",\"token_endpoint\":\"%s/token\",\"jwks_uri\":\"%s/jwks\","
      "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
      "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"authorization_endpoint\":\"%s/a\","
      "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\",\"tls_client_auth\","
      "\"self_signed_tls_client_auth\"],\"tls_client_certificate_bound_access_tokens\":true,"
      "\"mtls_endpoint_aliases\":{\"token_endpoint\":\"%s\"}}",
      fixture->issuer, fixture->issuer, fixture->issuer, fixture->issuer, alias);
  pim_test_server_set_document (fixture->plain, "/.well-known/openid-configuration", 200,
                                "application/json", document);
  pim_test_server_set_document (fixture->plain, "/token", 200, "application/json", PLAIN_BODY);
  pim_test_server_set_document (fixture->mtls, "/token", 200, "application/json", TOKEN_BODY);
  pim_clear_discovery_cache ();
}

static void
aliases_tear_down (Aliases *fixture, gconstpointer data)
{
  pim_clear_discovery_cache ();
  pim_test_server_free (fixture->plain);
  pim_test_server_free (fixture->mtls);
  g_free (fixture->issuer);
}

static void
routed (Aliases         *fixture,
        PimTestMode      mode,
        PimHttpClient   *client,
        PimTokenRequest *request,
        const char      *expected_token,
        PimTestServer   *expected_server)
{
  g_autoptr (PimTokenResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  pim_test_server_reset_hits (fixture->plain);
  pim_test_server_reset_hits (fixture->mtls);
  response = pim_test_request_token (request, client, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_token_response_get_access_token (response), ==, expected_token);
  g_assert_cmpuint (pim_test_server_get_hits (fixture->mtls, "/token"), ==,
                    expected_server == fixture->mtls ? 1 : 0);
  g_assert_cmpuint (pim_test_server_get_hits (fixture->plain, "/token"), ==,
                    expected_server == fixture->plain ? 1 : 0);
}

static void
test_alias_routing (Aliases *fixture, gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GTlsCertificate) certificate = load_certificate ("client.pem", "client-key.pem");
  g_autoptr (PimHttpClient) client = new_client (certificate);
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (NULL, "mtls-client", "secret");
  gboolean use = TRUE;

  g_object_set (request, "issuer", fixture->issuer, NULL);
  g_assert_false (pim_oauth_request_get_use_mtls_endpoints (PIM_OAUTH_REQUEST (request)));

  /* tls_client_auth: the alias, always. */
  pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (request),
                                            PIM_CLIENT_AUTH_TLS_CLIENT_AUTH);
  routed (fixture, mode, client, PIM_TOKEN_REQUEST (request), "at-mtls", fixture->mtls);
  assert_presented (fixture->mtls, certificate);
  pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (request),
                                            PIM_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH);
  routed (fixture, mode, client, PIM_TOKEN_REQUEST (request), "at-mtls", fixture->mtls);

  /* Another method: the usual endpoint, even with a certificate… */
  pim_oauth_request_set_client_auth_method (PIM_OAUTH_REQUEST (request),
                                            PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC);
  routed (fixture, mode, client, PIM_TOKEN_REQUEST (request), "at-plain", fixture->plain);

  /* …unless asked for certificate-bound tokens. */
  pim_oauth_request_set_use_mtls_endpoints (PIM_OAUTH_REQUEST (request), TRUE);
  g_object_get (request, "use-mtls-endpoints", &use, NULL);
  g_assert_true (use);
  routed (fixture, mode, client, PIM_TOKEN_REQUEST (request), "at-mtls", fixture->mtls);

  /* An address is used as it is. */
  {
    g_autofree char *plain_token = pim_test_server_get_uri (fixture->plain, "/token");

    g_object_set (request, "address", plain_token, NULL);
    routed (fixture, mode, client, PIM_TOKEN_REQUEST (request), "at-plain", fixture->plain);
  }
}

/* An endpoint without an alias is used as it is, with mutual TLS too. */
static void
test_alias_absent (Aliases *fixture, gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GTlsCertificate) certificate = load_certificate ("client.pem", "client-key.pem");
  g_autoptr (PimHttpClient) client = new_client (certificate);
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (NULL, "mtls-client", NULL);
  g_autofree char *document = NULL;

  document = g_strdup_printf (
      "{\"issuer\":\"%s\",\"token_endpoint\":\"%s/token\",\"jwks_uri\":\"%s/jwks\","
      "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
      "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"authorization_endpoint\":\"%s/a\","
      "\"token_endpoint_auth_methods_supported\":[\"tls_client_auth\"],"
      "\"mtls_endpoint_aliases\":{\"revocation_endpoint\":\"https://127.0.0.1:1/revoke\"}}",
      fixture->issuer, fixture->issuer, fixture->issuer, fixture->issuer);
  pim_test_server_set_document (fixture->plain, "/.well-known/openid-configuration", 200,
                                "application/json", document);
  g_object_set (request, "issuer", fixture->issuer, "client-auth-method",
                PIM_CLIENT_AUTH_TLS_CLIENT_AUTH, NULL);
  routed (fixture, mode, client, PIM_TOKEN_REQUEST (request), "at-plain", fixture->plain);
}

/* A document whose aliases break the discovery policy is refused whole:
 * nothing is sent to any endpoint. */
static void
test_alias_policy (Aliases *fixture, gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GTlsCertificate) certificate = load_certificate ("client.pem", "client-key.pem");
  g_autoptr (PimHttpClient) client = new_client (certificate);
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (NULL, "mtls-client", NULL);
  struct
  {
    const char *aliases;
    GQuark      domain;
    int         code;
  } cases[] = {
    { "{\"token_endpoint\":\"http://mtls.example.com/token\"}", PIM_DISCOVERY_ERROR,
      PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT },
    { "{\"token_endpoint\":\"not a url\"}", PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MALFORMED },
    { "{\"token_endpoint\":42}", PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MALFORMED },
    { "[\"https://mtls.example.com/token\"]", PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MALFORMED },
  };

  g_object_set (request, "issuer", fixture->issuer, "client-auth-method",
                PIM_CLIENT_AUTH_TLS_CLIENT_AUTH, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *document = g_strdup_printf (
          "{\"issuer\":\"%s\",\"token_endpoint\":\"%s/token\",\"jwks_uri\":\"%s/jwks\","
          "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
          "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
          "\"authorization_endpoint\":\"%s/a\","
          "\"token_endpoint_auth_methods_supported\":[\"tls_client_auth\"],"
          "\"mtls_endpoint_aliases\":%s}",
          fixture->issuer, fixture->issuer, fixture->issuer, fixture->issuer, cases[i].aliases);
      g_autoptr (PimTokenResponse) response = NULL;
      g_autoptr (GError) error = NULL;

      pim_clear_discovery_cache ();
      pim_test_server_set_document (fixture->plain, "/.well-known/openid-configuration", 200,
                                    "application/json", document);
      response = pim_test_request_token (PIM_TOKEN_REQUEST (request), client, mode, &error);
      g_assert_null (response);
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_nonnull (strstr (error->message, "mtls_endpoint_aliases"));
    }
  g_assert_cmpuint (pim_test_server_get_hits (fixture->plain, "/token"), ==, 0);
  g_assert_cmpuint (pim_test_server_get_hits (fixture->mtls, "/token"), ==, 0);
}

static void
add_aliases (const char *name, void (*func) (Aliases *, gconstpointer))
{
  for (PimTestMode mode = PIM_TEST_SYNC; mode <= PIM_TEST_ASYNC; mode++)
    {
      g_autofree char *path =
          g_strdup_printf ("/mtls/aliases/%s/%s", name, pim_test_mode_name (mode));

      g_test_add (path, Aliases, GINT_TO_POINTER (mode), aliases_set_up, func, aliases_tear_down);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mtls/client/property", test_property);
  pim_test_add_both ("/mtls/client", "presented", test_presented);
  pim_test_add_both ("/mtls/client", "self-signed-presented", test_self_signed_presented);
  pim_test_add_both ("/mtls/client", "retries", test_retries);
  pim_test_add_both ("/mtls/client", "no-certificate", test_no_certificate);
  pim_test_add_both ("/mtls/client", "wrong-ca", test_wrong_ca);
  pim_test_add_both ("/mtls/auth", "tls-client-auth-form", test_tls_client_auth_form);
  pim_test_add_both ("/mtls/auth", "self-signed-form", test_self_signed_form);
  pim_test_add_both ("/mtls/auth", "needs-certificate", test_tls_auth_needs_certificate);
  add_aliases ("routing", test_alias_routing);
  add_aliases ("absent", test_alias_absent);
  add_aliases ("policy", test_alias_policy);

  return g_test_run ();
}
