/* pim-refresh-token-request.c: PimRefreshTokenRequest
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-refresh-token-request.h"
#include "pim-token-request-private.h"

/**
 * PimRefreshTokenRequest:
 *
 * The refresh token grant (RFC 6749 §6): new tokens for a refresh token.
 * [property@TokenRequest:scope] may narrow the scope to part of what was
 * granted; unset, the new access token has the original scope. A
 * confidential client authenticates as for any grant
 * ([class@OAuthRequest]).
 *
 * ```c
 * g_autoptr (PimRefreshTokenRequest) request =
 *   pim_refresh_token_request_new (token_endpoint, "my-app", refresh_token);
 *
 * pim_token_request_set_scope (PIM_TOKEN_REQUEST (request), "openid");
 * tokens = pim_request_refresh_token (request, NULL, NULL, &error);
 * ```
 *
 * The answer may carry a new refresh token (rotation): keep it, as the
 * provider may refuse the old one from then on and treat its reuse as
 * theft (%PIM_OAUTH_ERROR_INVALID_GRANT).
 *
 * Since: 0.1
 */

struct _PimRefreshTokenRequest
{
  PimTokenRequest parent_instance;

  char *refresh_token;
};

enum
{
  PROP_0,
  PROP_REFRESH_TOKEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimRefreshTokenRequest, pim_refresh_token_request, PIM_TYPE_TOKEN_REQUEST)

static PimHttpRequest *
build (PimOAuthRequest *request, const char *endpoint, GError **error)
{
  PimRefreshTokenRequest *self = PIM_REFRESH_TOKEN_REQUEST (request);
  g_autoptr (PimHttpRequest) http = NULL;

  if (!pim_oauth_require (self->refresh_token, "refresh-token", error))
    return NULL;
  http = pim_token_request_build_form (PIM_TOKEN_REQUEST (self), endpoint, error);
  if (http == NULL)
    return NULL;
  pim_http_request_add_form_param (http, "refresh_token", self->refresh_token);
  return g_steal_pointer (&http);
}

static const PimOAuthRequestKind kind = {
  .endpoint_member = "token_endpoint",
  .auth_methods_member = "token_endpoint_auth_methods_supported",
  .endpoint_name = N_ ("token endpoint"),
  .build = build,
};

static void
pim_refresh_token_request_finalize (GObject *object)
{
  PimRefreshTokenRequest *self = PIM_REFRESH_TOKEN_REQUEST (object);

  pim_oauth_clear_secret (&self->refresh_token);

  G_OBJECT_CLASS (pim_refresh_token_request_parent_class)->finalize (object);
}

static void
pim_refresh_token_request_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  PimRefreshTokenRequest *self = PIM_REFRESH_TOKEN_REQUEST (object);

  switch (prop_id)
    {
    case PROP_REFRESH_TOKEN:
      g_value_set_string (value, self->refresh_token);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_refresh_token_request_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  PimRefreshTokenRequest *self = PIM_REFRESH_TOKEN_REQUEST (object);

  switch (prop_id)
    {
    case PROP_REFRESH_TOKEN:
      pim_oauth_clear_secret (&self->refresh_token);
      self->refresh_token = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_refresh_token_request_class_init (PimRefreshTokenRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pim_refresh_token_request_finalize;
  object_class->get_property = pim_refresh_token_request_get_property;
  object_class->set_property = pim_refresh_token_request_set_property;
  pim_oauth_request_class_set_kind (klass, &kind);

  /**
   * PimRefreshTokenRequest:refresh-token: (getter get_refresh_token) (setter set_refresh_token)
   *
   * The `refresh_token`. Required. A secret.
   *
   * Since: 0.1
   */
  properties[PROP_REFRESH_TOKEN] = g_param_spec_string ("refresh-token", NULL, NULL, NULL,
                                                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_refresh_token_request_init (PimRefreshTokenRequest *self)
{
  g_object_set (self, "grant-type", "refresh_token", NULL);
}

/**
 * pim_refresh_token_request_new:
 * @address: (nullable): the token endpoint, or %NULL to set an issuer
 *   later
 * @client_id: the client's identifier
 * @refresh_token: the refresh token
 *
 * Creates a refresh token request. A confidential client sets its secret
 * or key afterwards.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimRefreshTokenRequest *
pim_refresh_token_request_new (const char *address,
                               const char *client_id,
                               const char *refresh_token)
{
  g_return_val_if_fail (client_id != NULL, NULL);

  return g_object_new (PIM_TYPE_REFRESH_TOKEN_REQUEST, "address", address, "client-id", client_id,
                       "refresh-token", refresh_token, NULL);
}

/**
 * pim_refresh_token_request_get_refresh_token:
 * @self: a refresh token request
 *
 * Gets [property@RefreshTokenRequest:refresh-token].
 *
 * Returns: (nullable): the refresh token
 *
 * Since: 0.1
 */
const char *
pim_refresh_token_request_get_refresh_token (PimRefreshTokenRequest *self)
{
  g_return_val_if_fail (PIM_IS_REFRESH_TOKEN_REQUEST (self), NULL);
  return self->refresh_token;
}

/**
 * pim_refresh_token_request_set_refresh_token:
 * @self: a refresh token request
 * @refresh_token: (nullable): the refresh token
 *
 * Sets [property@RefreshTokenRequest:refresh-token].
 *
 * Since: 0.1
 */
void
pim_refresh_token_request_set_refresh_token (PimRefreshTokenRequest *self,
                                             const char             *refresh_token)
{
  g_return_if_fail (PIM_IS_REFRESH_TOKEN_REQUEST (self));
  g_object_set (self, "refresh-token", refresh_token, NULL);
}

/**
 * pim_request_refresh_token:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Asks for new tokens with a refresh token; see [func@request_token] for
 * how answers and errors are read. Without a refresh token the call fails
 * with %PIM_OAUTH_ERROR_INVALID_ARGUMENT before anything is sent.
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_request_refresh_token (PimRefreshTokenRequest *request,
                           PimHttpClient          *client,
                           GCancellable           *cancellable,
                           GError                **error)
{
  g_return_val_if_fail (PIM_IS_REFRESH_TOKEN_REQUEST (request), NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pim_token_request_send (PIM_TOKEN_REQUEST (request), client, cancellable, error);
}

/**
 * pim_request_refresh_token_async:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Asks for new tokens with a refresh token without blocking.
 *
 * Since: 0.1
 */
void
pim_request_refresh_token_async (PimRefreshTokenRequest *request,
                                 PimHttpClient          *client,
                                 GCancellable           *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  g_return_if_fail (PIM_IS_REFRESH_TOKEN_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  pim_token_request_send_async (PIM_TOKEN_REQUEST (request), client, cancellable,
                                PIM_SOURCE_TAG (pim_request_refresh_token_async), callback,
                                user_data);
}

/**
 * pim_request_refresh_token_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@request_refresh_token_async].
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_request_refresh_token_finish (GAsyncResult *result, GError **error)
{
  return (PimTokenResponse *)
      pim_oauth_call_finish (result, PIM_SOURCE_TAG (pim_request_refresh_token_async), error);
}
