/* mtls-provider-test.c: mutual TLS against the real provider (RFC 8705)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The provider runs in its mutual-TLS mode (PIM_PROVIDER_MTLS_CERTS, see
 * tests/oidc-provider/README.md): its issuer and usual endpoints are plain
 * http, and its discovery document's mtls_endpoint_aliases point at an
 * HTTPS listener that asks for client certificates. Its clients pim-mtls
 * (tls_client_auth, client.pem's subject) and pim-mtls-self-signed
 * (self_signed_tls_client_auth, self-signed-client.pem) get access tokens
 * bound to their certificate: JWTs with cnf.x5t#S256.
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-test-async.h"
#include "pim-test-provider.h"
#include "pim-test-server.h"

#define MTLS_CLIENT_ID        "pim-mtls"
#define SELF_SIGNED_CLIENT_ID "pim-mtls-self-signed"

static PimTestProvider *provider;

static GTlsCertificate *
load_certificate (const char *cert_name, const char *key_name)
{
  g_autofree char *cert = g_build_filename (pim_test_server_get_certs_dir (), cert_name, NULL);
  g_autofree char *key = g_build_filename (pim_test_server_get_certs_dir (), key_name, NULL);
  g_autoptr (GError) error = NULL;
  GTlsCertificate *certificate = g_tls_certificate_new_from_files (cert, key, &error);

  g_assert_no_error (error);
  return certificate;
}

static PimHttpClient *
new_client (GTlsCertificate *certificate)
{
  g_autoptr (GError) error = NULL;
  PimHttpClient *client =
      g_initable_new (PIM_TYPE_HTTP_CLIENT, NULL, &error, "ca-file", pim_test_server_get_ca_file (),
                      "tls-client-certificate", certificate, NULL);

  g_assert_no_error (error);
  return client;
}

/* RFC 8705 §3.1: base64url (no padding) of the SHA-256 of the DER. */
static char *
x5t_s256 (GTlsCertificate *certificate)
{
  g_autoptr (GByteArray) der = NULL;
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize  length = sizeof digest;
  char  *encoded;

  g_object_get (certificate, "certificate", &der, NULL);
  g_assert_nonnull (der);
  g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &length);
  g_assert_cmpuint (length, ==, 32);
  encoded = g_base64_encode (digest, length);
  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  *strchr (encoded, '=') = '\0';
  return encoded;
}

static PimClientCredentialsTokenRequest *
new_request (const char *client_id, PimClientAuthMethod method)
{
  PimClientCredentialsTokenRequest *request =
      pim_client_credentials_token_request_new (NULL, client_id, NULL);

  g_object_set (request, "issuer", pim_test_provider_get_issuer (provider), "client-auth-method",
                method, NULL);
  return request;
}

static void
bound_case (gconstpointer       data,
            const char         *client_id,
            PimClientAuthMethod method,
            const char         *cert_name,
            const char         *key_name)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GTlsCertificate) certificate = load_certificate (cert_name, key_name);
  g_autoptr (PimHttpClient) client = new_client (certificate);
  g_autoptr (PimClientCredentialsTokenRequest) request = new_request (client_id, method);
  g_autoptr (PimTokenResponse) response = NULL;
  g_autoptr (PimJwt) token = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = x5t_s256 (certificate);
  JsonObject      *cnf;

  response = pim_test_request_token (PIM_TOKEN_REQUEST (request), client, mode, &error);
  g_assert_no_error (error);
  token = pim_jwt_parse (pim_token_response_get_access_token (response), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_jwt_get_string_claim (token, "client_id"), ==, client_id);
  g_assert_true (json_object_has_member (pim_jwt_get_claims (token), "cnf"));
  cnf = json_object_get_object_member (pim_jwt_get_claims (token), "cnf");
  g_assert_cmpstr (json_object_get_string_member (cnf, "x5t#S256"), ==, expected);
}

static void
test_tls_client_auth (gconstpointer data)
{
  bound_case (data, MTLS_CLIENT_ID, PIM_CLIENT_AUTH_TLS_CLIENT_AUTH, "client.pem",
              "client-key.pem");
}

static void
test_self_signed (gconstpointer data)
{
  bound_case (data, SELF_SIGNED_CLIENT_ID, PIM_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH,
              "self-signed-client.pem", "self-signed-client-key.pem");
}

static void
refused_case (gconstpointer       data,
              const char         *client_id,
              PimClientAuthMethod method,
              const char         *cert_name,
              const char         *key_name)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GTlsCertificate) certificate = load_certificate (cert_name, key_name);
  g_autoptr (PimHttpClient) client = new_client (certificate);
  g_autoptr (PimClientCredentialsTokenRequest) request = new_request (client_id, method);
  g_autoptr (PimTokenResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  PimOAuthErrorResponse *details;

  response = pim_test_request_token (PIM_TOKEN_REQUEST (request), client, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  g_assert_nonnull (details);
  g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, 401);
  g_object_unref (details);
}

/* A certificate from a CA the provider does not trust. */
static void
test_wrong_ca (gconstpointer data)
{
  refused_case (data, MTLS_CLIENT_ID, PIM_CLIENT_AUTH_TLS_CLIENT_AUTH, "wrong-ca-client.pem",
                "wrong-ca-client-key.pem");
}

/* A trusted certificate that is not the one the client registered. */
static void
test_unregistered_self_signed (gconstpointer data)
{
  refused_case (data, SELF_SIGNED_CLIENT_ID, PIM_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH,
                "client.pem", "client-key.pem");
}

/* The provider's usual token endpoint never sees a certificate: sent
 * there (an address is used as it is), tls_client_auth fails. What made
 * the other tests pass is the alias. */
static void
test_alias_needed (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GTlsCertificate) certificate = load_certificate ("client.pem", "client-key.pem");
  g_autoptr (PimHttpClient) client = new_client (certificate);
  g_autoptr (PimClientCredentialsTokenRequest) request =
      new_request (MTLS_CLIENT_ID, PIM_CLIENT_AUTH_TLS_CLIENT_AUTH);
  g_autofree char *token_endpoint =
      g_strconcat (pim_test_provider_get_issuer (provider), "/token", NULL);
  g_autoptr (PimTokenResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  g_object_set (request, "issuer", NULL, "address", token_endpoint, NULL);
  response = pim_test_request_token (PIM_TOKEN_REQUEST (request), client, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
}

/* The discovery document as the provider publishes it. */
static void
test_discovery (void)
{
  g_autoptr (PimDiscoveryRequest) request =
      pim_discovery_request_new (pim_test_provider_get_issuer (provider));
  g_autoptr (PimDiscoveryDocument) document = NULL;
  g_autoptr (GError) error = NULL;
  const char *alias;

  document = pim_get_discovery_document (request, NULL, NULL, &error);
  g_assert_no_error (error);
  alias = pim_discovery_document_get_mtls_endpoint_alias (document, "token_endpoint");
  g_assert_nonnull (alias);
  g_assert_true (g_str_has_prefix (alias, "https://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (alias, "/token"));
  g_assert_cmpstr (alias, !=, pim_discovery_document_get_token_endpoint (document));
  g_assert_true (pim_discovery_document_get_tls_client_certificate_bound_access_tokens (document));
  g_assert_true (
      g_strv_contains (pim_discovery_document_get_token_endpoint_auth_methods_supported (document),
                       "self_signed_tls_client_auth"));
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The provider's mutual-TLS mode reads the test PKI from there. */
  g_setenv ("PIM_PROVIDER_MTLS_CERTS", pim_test_server_get_certs_dir (), TRUE);
  provider = pim_test_provider_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/mtls-provider/discovery", test_discovery);
  pim_test_add_both ("/mtls-provider", "tls-client-auth", test_tls_client_auth);
  pim_test_add_both ("/mtls-provider", "self-signed", test_self_signed);
  pim_test_add_both ("/mtls-provider", "wrong-ca", test_wrong_ca);
  pim_test_add_both ("/mtls-provider", "unregistered-self-signed", test_unregistered_self_signed);
  pim_test_add_both ("/mtls-provider", "alias-needed", test_alias_needed);

  status = g_test_run ();
  pim_test_provider_stop (provider);
  return status;
}
