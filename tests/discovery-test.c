/* discovery-test.c: fetching discovery documents and key sets, sync and
 * async, from the real local provider and the fault server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-discovery-private.h"
#include "pim-test-async.h"
#include "pim-test-provider.h"
#include "pim-test-server.h"

#define MODE(data) ((PimTestMode) GPOINTER_TO_INT (data))

static PimTestServer *server;

static const char *
issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

static PimDiscoveryDocument *
discover (PimDiscoveryRequest *request, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_get_discovery_document (request, NULL, NULL, error);
  pim_get_discovery_document_async (request, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_get_discovery_document_finish (result, error);
}

static PimJwkSet *
get_jwks (const char *uri, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_get_jwks (uri, NULL, NULL, error);
  pim_get_jwks_async (uri, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_get_jwks_finish (result, error);
}

/* ---- Addresses (pure) ---- */

static void
test_resolve_address (void)
{
  struct
  {
    const char *address;
    gboolean    oauth;
    const char *url;
    const char *issuer;
    gboolean    oauth_out;
  } cases[] = {
    { "https://op.example", FALSE, "https://op.example/.well-known/openid-configuration",
      "https://op.example", FALSE },
    { "https://op.example/", FALSE, "https://op.example/.well-known/openid-configuration",
      "https://op.example/", FALSE },
    { "https://op.example/tenant/x", FALSE,
      "https://op.example/tenant/x/.well-known/openid-configuration", "https://op.example/tenant/x",
      FALSE },
    { "https://op.example/tenant/.well-known/openid-configuration", FALSE,
      "https://op.example/tenant/.well-known/openid-configuration", "https://op.example/tenant",
      FALSE },
    { "https://op.example/tenant/x", TRUE,
      "https://op.example/.well-known/oauth-authorization-server/tenant/x",
      "https://op.example/tenant/x", TRUE },
    { "https://op.example", TRUE, "https://op.example/.well-known/oauth-authorization-server",
      "https://op.example", TRUE },
    { "https://op.example:8443/.well-known/oauth-authorization-server/t", FALSE,
      "https://op.example:8443/.well-known/oauth-authorization-server/t",
      "https://op.example:8443/t", TRUE },
  };
  const char *invalid[] = { "op.example",
                            "ftp://op.example",
                            "https://op.example?x=1",
                            "https://op.example#f",
                            "https://user:pw@op.example",
                            "https://",
                            "" };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *url = NULL;
      g_autofree char *issuer_out = NULL;
      gboolean         oauth_out = !cases[i].oauth_out;

      g_assert_true (pim_discovery_resolve_address (cases[i].address, cases[i].oauth, &url,
                                                    &issuer_out, &oauth_out, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, cases[i].url);
      g_assert_cmpstr (issuer_out, ==, cases[i].issuer);
      g_assert_cmpint (oauth_out, ==, cases[i].oauth_out);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *url = NULL;
      g_autofree char *issuer_out = NULL;
      gboolean         oauth_out;

      g_assert_false (
          pim_discovery_resolve_address (invalid[i], FALSE, &url, &issuer_out, &oauth_out, &error));
      g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_INVALID_ADDRESS);
    }
}

static void
test_policy_check_url (void)
{
  g_autoptr (PimDiscoveryPolicy) policy = pim_discovery_policy_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (pim_discovery_policy_check_url (policy, "a", "https://op.example/x", &error));
  g_assert_true (pim_discovery_policy_check_url (policy, "a", "http://127.0.0.1:9/x", &error));
  g_assert_true (pim_discovery_policy_check_url (policy, "a", "http://[::1]:9/x", &error));
  g_assert_no_error (error);
  g_assert_false (pim_discovery_policy_check_url (policy, "a", "http://op.example/x", &error));
  g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT);
  g_clear_error (&error);

  pim_discovery_policy_set_allow_http_on_loopback (policy, FALSE);
  g_assert_false (pim_discovery_policy_check_url (policy, "a", "http://127.0.0.1:9/x", &error));
  g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT);
  g_clear_error (&error);

  pim_discovery_policy_set_require_https (policy, FALSE);
  g_assert_true (pim_discovery_policy_check_url (policy, "a", "http://op.example/x", &error));
  g_assert_no_error (error);
}

/* ---- The real provider ---- */

static void
test_provider_discovery (gconstpointer data)
{
  g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (issuer ());
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = discover (request, MODE (data), &error);
  g_autoptr (PimJwkSet) keys = NULL;
  g_autofree char *token_endpoint = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pim_discovery_document_get_issuer (document), ==, issuer ());
  token_endpoint = g_strconcat (issuer (), "/token", NULL);
  g_assert_cmpstr (pim_discovery_document_get_token_endpoint (document), ==, token_endpoint);
  g_assert_true (
      pim_discovery_document_supports (document, "grant_types_supported", "client_credentials"));

  keys = get_jwks (pim_discovery_document_get_jwks_uri (document), MODE (data), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pim_jwk_set_get_n_keys (keys), >=, 4);
  g_assert_cmpuint (g_strv_length ((GStrv) pim_jwk_set_get_skipped (keys)), ==, 0);
}

static void
test_provider_full_url (gconstpointer data)
{
  g_autofree char *url = g_strconcat (issuer (), "/.well-known/openid-configuration", NULL);
  g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (url);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = discover (request, MODE (data), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (pim_discovery_document_get_issuer (document), ==, issuer ());
}

/* The issuer is compared exactly: a trailing "/" is another issuer. */
static void
test_provider_issuer_mismatch (gconstpointer data)
{
  g_autofree char *slashed = g_strconcat (issuer (), "/", NULL);
  g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (slashed);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = discover (request, MODE (data), &error);

  g_assert_null (document);
  g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_ISSUER_MISMATCH);
}

/* A policy that refuses loopback http refuses before any request. */
static void
test_provider_policy_refuses (gconstpointer data)
{
  g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (issuer ());
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = NULL;

  pim_discovery_policy_set_allow_http_on_loopback (pim_discovery_request_get_policy (request),
                                                   FALSE);
  document = discover (request, MODE (data), &error);
  g_assert_null (document);
  g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT);
}

/* ---- Faults ---- */

static void
test_discovery_http_errors (gconstpointer data)
{
  g_autofree char *missing = pim_test_server_get_uri (server, "/no-such-issuer");
  g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (missing);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = discover (request, MODE (data), &error);

  g_assert_null (document);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_STATUS);
  g_clear_error (&error);

  pim_discovery_request_set_address (request, "https://op.example/?tenant=1");
  document = discover (request, MODE (data), &error);
  g_assert_null (document);
  g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_INVALID_ADDRESS);
  g_clear_error (&error);

  pim_discovery_request_set_address (request, "http://op.example");
  document = discover (request, MODE (data), &error);
  g_assert_null (document);
  g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT);
}

static void
test_jwks_errors (gconstpointer data)
{
  struct
  {
    const char *path;
    GQuark      domain;
    int         code;
  } cases[] = {
    { "/status/500", 0, PIM_HTTP_ERROR_STATUS },
    { "/html", 0, PIM_HTTP_ERROR_NOT_JSON },
    { "/garbage", 1, PIM_JOSE_ERROR_MALFORMED },
    { "/ok", 1, PIM_JOSE_ERROR_MALFORMED }, /* JSON, but no "keys" */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = pim_test_server_get_uri (server, cases[i].path);
      g_autoptr (GError) error = NULL;
      g_autoptr (PimJwkSet) keys = get_jwks (uri, MODE (data), &error);
      GQuark domain = cases[i].domain == 0 ? PIM_HTTP_ERROR : PIM_JOSE_ERROR;

      g_assert_null (keys);
      g_assert_error (error, domain, cases[i].code);
    }
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);

  g_test_add_func ("/discovery/resolve-address", test_resolve_address);
  g_test_add_func ("/discovery/policy-check-url", test_policy_check_url);
  pim_test_add_both ("/discovery", "provider/discovery-and-jwks", test_provider_discovery);
  pim_test_add_both ("/discovery", "provider/full-url", test_provider_full_url);
  pim_test_add_both ("/discovery", "provider/issuer-mismatch", test_provider_issuer_mismatch);
  pim_test_add_both ("/discovery", "provider/policy-refuses-loopback-http",
                     test_provider_policy_refuses);
  pim_test_add_both ("/discovery", "faults/discovery-errors", test_discovery_http_errors);
  pim_test_add_both ("/discovery", "faults/jwks-errors", test_jwks_errors);

  ret = g_test_run ();
  pim_test_server_free (server);
  return ret;
}
