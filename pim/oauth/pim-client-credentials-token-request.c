/* pim-client-credentials-token-request.c: PimClientCredentialsTokenRequest
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-client-credentials-token-request.h"
#include "pim-token-request-private.h"

/**
 * PimClientCredentialsTokenRequest:
 *
 * The client credentials grant (RFC 6749 §4.4): a service asks for a
 * token for itself, with its own credentials. Everything it sends is in
 * its parent classes: the client and its authentication
 * ([class@OAuthRequest]), and `scope`, `resource` and `audience`
 * ([class@TokenRequest]).
 *
 * ```c
 * g_autoptr (PimClientCredentialsTokenRequest) request =
 *   pim_client_credentials_token_request_new ("https://id.example.com/token",
 *                                             "orders-service", secret);
 * g_autoptr (PimTokenResponse) response = NULL;
 *
 * pim_token_request_set_scope (PIM_TOKEN_REQUEST (request), "inventory:read");
 * response = pim_request_client_credentials_token (request, NULL, NULL, &error);
 * ```
 *
 * Since: 0.1
 */

struct _PimClientCredentialsTokenRequest
{
  PimTokenRequest parent_instance;
};

G_DEFINE_FINAL_TYPE (PimClientCredentialsTokenRequest,
                     pim_client_credentials_token_request,
                     PIM_TYPE_TOKEN_REQUEST)

static void
pim_client_credentials_token_request_class_init (PimClientCredentialsTokenRequestClass *klass)
{
}

static void
pim_client_credentials_token_request_init (PimClientCredentialsTokenRequest *self)
{
  g_object_set (self, "grant-type", "client_credentials", NULL);
}

/**
 * pim_client_credentials_token_request_new:
 * @address: (nullable): the token endpoint, or %NULL to set an issuer
 *   later
 * @client_id: the client's identifier
 * @client_secret: (nullable): the client's secret, or %NULL to set a key
 *   later
 *
 * Creates a client credentials request.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimClientCredentialsTokenRequest *
pim_client_credentials_token_request_new (const char *address,
                                          const char *client_id,
                                          const char *client_secret)
{
  g_return_val_if_fail (client_id != NULL, NULL);

  return g_object_new (PIM_TYPE_CLIENT_CREDENTIALS_TOKEN_REQUEST, "address", address, "client-id",
                       client_id, "client-secret", client_secret, NULL);
}

/**
 * pim_request_client_credentials_token:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Asks for a token with the client credentials grant; see
 * [func@request_token] for how answers and errors are read.
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_request_client_credentials_token (PimClientCredentialsTokenRequest *request,
                                      PimHttpClient                    *client,
                                      GCancellable                     *cancellable,
                                      GError                          **error)
{
  g_return_val_if_fail (PIM_IS_CLIENT_CREDENTIALS_TOKEN_REQUEST (request), NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pim_token_request_send (PIM_TOKEN_REQUEST (request), client, cancellable, error);
}

/**
 * pim_request_client_credentials_token_async:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Asks for a token with the client credentials grant without blocking.
 *
 * Since: 0.1
 */
void
pim_request_client_credentials_token_async (PimClientCredentialsTokenRequest *request,
                                            PimHttpClient                    *client,
                                            GCancellable                     *cancellable,
                                            GAsyncReadyCallback               callback,
                                            gpointer                          user_data)
{
  g_return_if_fail (PIM_IS_CLIENT_CREDENTIALS_TOKEN_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  pim_token_request_send_async (PIM_TOKEN_REQUEST (request), client, cancellable,
                                PIM_SOURCE_TAG (pim_request_client_credentials_token_async),
                                callback, user_data);
}

/**
 * pim_request_client_credentials_token_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@request_client_credentials_token_async].
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_request_client_credentials_token_finish (GAsyncResult *result, GError **error)
{
  return (PimTokenResponse *)
      pim_oauth_call_finish (result, PIM_SOURCE_TAG (pim_request_client_credentials_token_async),
                             error);
}
