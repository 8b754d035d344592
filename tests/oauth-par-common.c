/* oauth-par-common.c: what the PAR, request object and JARM tests share:
 * the provider's issuer and discovery, an authorization request of one of
 * its clients, the browser's way through an authorization URL, and the
 * code exchanged for tokens
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "oauth-par-common.h"
#include "pim-test-login.h"

const char *
issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

PimDiscoveryDocument *
discover (void)
{
  g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (issuer ());
  g_autoptr (GError) error = NULL;
  PimDiscoveryDocument *document = pim_get_discovery_document (request, NULL, NULL, &error);

  g_assert_no_error (error);
  return document;
}

PimJwk *
secret_key (const char *secret)
{
  g_autoptr (GBytes) bytes = g_bytes_new (secret, strlen (secret));
  g_autoptr (GError) error = NULL;
  PimJwk *key = pim_jwk_new_from_secret (bytes, "HS256", NULL, &error);

  g_assert_no_error (error);
  return key;
}

/* An authorization request of @client_id to the provider, prepared. */
PimAuthorizationRequest *
authorization_request (const char *client_id)
{
  g_autoptr (PimDiscoveryDocument) document = discover ();
  g_autoptr (GError) error = NULL;
  PimAuthorizationRequest *request =
      pim_authorization_request_new_from_discovery (document, client_id, REDIRECT);

  pim_authorization_request_set_scope (request, SCOPE);
  g_assert_true (pim_authorization_request_prepare (request, &error));
  g_assert_no_error (error);
  return request;
}

/* The browser's way through @url: the final redirect, as text. */
char *
run_browser (const char *url, GError **error)
{
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer (), NULL);
  g_autoptr (GUri) redirect = pim_test_browser_authorize (browser, url, error);

  return redirect != NULL ? g_uri_to_string (redirect) : NULL;
}

/* Builds @authorization's plain URL and drives the browser through it:
 * the final redirect, as text; asserts both steps work. */
char *
browse (PimAuthorizationRequest *authorization)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = pim_authorization_request_build_url (authorization, &error);
  char            *redirect;

  g_assert_no_error (error);
  redirect = run_browser (url, &error);
  g_assert_no_error (error);
  return redirect;
}

/* Asserts that @request refuses to build its URL, INVALID_ARGUMENT. */
void
assert_url_refused (PimAuthorizationRequest *request)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = pim_authorization_request_build_url (request, &error);

  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_assert_null (url);
}

/* The query of @url as a table; asserts it parses. */
GHashTable *
query_of (const char *url)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) error = NULL;
  GHashTable *params;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, &error);
  g_assert_no_error (error);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  return params;
}

/* Exchanges @response's code as @authorization's client, with @secret or
 * else @key, and checks the tokens. */
void
exchange (PimAuthorizationRequest  *authorization,
          PimAuthorizationResponse *response,
          const char               *secret,
          PimJwk                   *key,
          PimTestMode               mode)
{
  g_autoptr (PimAuthorizationCodeTokenRequest) request =
      pim_authorization_code_token_request_new (NULL,
                                                pim_oauth_request_get_client_id (
                                                    PIM_OAUTH_REQUEST (authorization)),
                                                pim_authorization_response_get_code (response),
                                                pim_authorization_request_get_redirect_uri (
                                                    authorization),
                                                pim_authorization_request_get_code_verifier (
                                                    authorization));
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  g_object_set (request, "issuer", issuer (), "client-secret", secret, "client-key", key, NULL);
  if (key != NULL)
    g_object_set (request, "client-auth-method", PIM_CLIENT_AUTH_PRIVATE_KEY_JWT, NULL);
  if (mode == PIM_TEST_SYNC)
    tokens = pim_request_authorization_code_token (request, NULL, NULL, &error);
  else
    {
      pim_request_authorization_code_token_async (request, NULL, NULL, pim_test_store_result,
                                                  &result);
      pim_test_wait_result (&result);
      tokens = pim_request_authorization_code_token_finish (result, &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (pim_token_response_get_access_token (tokens));
  g_assert_nonnull (pim_token_response_get_id_token (tokens));
}
