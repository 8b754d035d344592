/* pim-authorization-code-token-request.c: PimAuthorizationCodeTokenRequest
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-authorization-code-token-request.h"
#include "pim-token-request-private.h"

/**
 * PimAuthorizationCodeTokenRequest:
 *
 * The authorization code grant (RFC 6749 §4.1.3): the client exchanges
 * the `code` of an authorization response for tokens, with the same
 * `redirect_uri` as the authorization request and, with PKCE (RFC 7636),
 * its code verifier. A public client sends its
 * [property@OAuthRequest:client-id] alone; a confidential one
 * authenticates ([property@OAuthRequest:client-auth-method]).
 *
 * ```c
 * g_autoptr (PimAuthorizationCodeTokenRequest) request =
 *   pim_authorization_code_token_request_new (
 *     token_endpoint, "my-app", pim_authorization_response_get_code (response),
 *     pim_authorization_request_get_redirect_uri (authorization),
 *     pim_authorization_request_get_code_verifier (authorization));
 * g_autoptr (PimTokenResponse) tokens =
 *   pim_request_authorization_code_token (request, NULL, NULL, &error);
 * ```
 *
 * A code is good for one exchange: a second one fails with
 * %PIM_OAUTH_ERROR_INVALID_GRANT, as does a wrong verifier. The ID token
 * of the answer is not validated: pass it to [func@validate_token] with
 * the authorization request's nonce.
 *
 * Since: 0.1
 */

struct _PimAuthorizationCodeTokenRequest
{
  PimTokenRequest parent_instance;

  char *code;
  char *redirect_uri;
  char *code_verifier;
};

enum
{
  PROP_0,
  PROP_CODE,
  PROP_REDIRECT_URI,
  PROP_CODE_VERIFIER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimAuthorizationCodeTokenRequest,
                     pim_authorization_code_token_request,
                     PIM_TYPE_TOKEN_REQUEST)

static PimHttpRequest *
build (PimOAuthRequest *request, const char *endpoint, GError **error)
{
  PimAuthorizationCodeTokenRequest *self = PIM_AUTHORIZATION_CODE_TOKEN_REQUEST (request);
  g_autoptr (PimHttpRequest) http = NULL;

  if (!pim_oauth_require (self->code, "code", error) ||
      !pim_oauth_require (self->redirect_uri, "redirect-uri", error))
    return NULL;
  http = pim_token_request_build_form (PIM_TOKEN_REQUEST (self), endpoint, error);
  if (http == NULL)
    return NULL;
  pim_http_request_add_form_param (http, "code", self->code);
  pim_http_request_add_form_param (http, "redirect_uri", self->redirect_uri);
  if (self->code_verifier != NULL)
    pim_http_request_add_form_param (http, "code_verifier", self->code_verifier);
  return g_steal_pointer (&http);
}

static const PimOAuthRequestKind kind = {
  .endpoint_member = "token_endpoint",
  .auth_methods_member = "token_endpoint_auth_methods_supported",
  .endpoint_name = N_ ("token endpoint"),
  .build = build,
};

static void
pim_authorization_code_token_request_finalize (GObject *object)
{
  PimAuthorizationCodeTokenRequest *self = PIM_AUTHORIZATION_CODE_TOKEN_REQUEST (object);

  pim_oauth_clear_secret (&self->code);
  g_free (self->redirect_uri);
  pim_oauth_clear_secret (&self->code_verifier);

  G_OBJECT_CLASS (pim_authorization_code_token_request_parent_class)->finalize (object);
}

static void
pim_authorization_code_token_request_get_property (GObject    *object,
                                                   guint       prop_id,
                                                   GValue     *value,
                                                   GParamSpec *pspec)
{
  PimAuthorizationCodeTokenRequest *self = PIM_AUTHORIZATION_CODE_TOKEN_REQUEST (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_REDIRECT_URI:
      g_value_set_string (value, self->redirect_uri);
      break;
    case PROP_CODE_VERIFIER:
      g_value_set_string (value, self->code_verifier);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_authorization_code_token_request_set_property (GObject      *object,
                                                   guint         prop_id,
                                                   const GValue *value,
                                                   GParamSpec   *pspec)
{
  PimAuthorizationCodeTokenRequest *self = PIM_AUTHORIZATION_CODE_TOKEN_REQUEST (object);

  switch (prop_id)
    {
    case PROP_CODE:
      pim_oauth_clear_secret (&self->code);
      self->code = g_value_dup_string (value);
      break;
    case PROP_REDIRECT_URI:
      g_free (self->redirect_uri);
      self->redirect_uri = g_value_dup_string (value);
      break;
    case PROP_CODE_VERIFIER:
      pim_oauth_clear_secret (&self->code_verifier);
      self->code_verifier = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_authorization_code_token_request_class_init (PimAuthorizationCodeTokenRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_authorization_code_token_request_finalize;
  object_class->get_property = pim_authorization_code_token_request_get_property;
  object_class->set_property = pim_authorization_code_token_request_set_property;
  pim_oauth_request_class_set_kind (klass, &kind);

  /**
   * PimAuthorizationCodeTokenRequest:code: (getter get_code) (setter set_code)
   *
   * The authorization `code` ([property@AuthorizationResponse:code]).
   * Required. A secret.
   *
   * Since: 0.1
   */
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationCodeTokenRequest:redirect-uri: (getter get_redirect_uri) (setter set_redirect_uri)
   *
   * The `redirect_uri`, exactly as in the authorization request. Required.
   *
   * Since: 0.1
   */
  properties[PROP_REDIRECT_URI] = g_param_spec_string ("redirect-uri", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationCodeTokenRequest:code-verifier: (getter get_code_verifier) (setter set_code_verifier)
   *
   * The PKCE `code_verifier` (RFC 7636) whose challenge the authorization
   * request sent ([property@AuthorizationRequest:code-verifier]). A
   * secret.
   *
   * Since: 0.1
   */
  properties[PROP_CODE_VERIFIER] = g_param_spec_string ("code-verifier", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_authorization_code_token_request_init (PimAuthorizationCodeTokenRequest *self)
{
  g_object_set (self, "grant-type", "authorization_code", NULL);
}

/**
 * pim_authorization_code_token_request_new:
 * @address: (nullable): the token endpoint, or %NULL to set an issuer
 *   later
 * @client_id: the client's identifier
 * @code: the authorization code
 * @redirect_uri: the redirect URI of the authorization request
 * @code_verifier: (nullable): the PKCE code verifier, or %NULL without
 *   PKCE
 *
 * Creates an authorization code request. A confidential client sets its
 * secret or key afterwards.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimAuthorizationCodeTokenRequest *
pim_authorization_code_token_request_new (const char *address,
                                          const char *client_id,
                                          const char *code,
                                          const char *redirect_uri,
                                          const char *code_verifier)
{
  g_return_val_if_fail (client_id != NULL, NULL);

  return g_object_new (PIM_TYPE_AUTHORIZATION_CODE_TOKEN_REQUEST, "address", address, "client-id",
                       client_id, "code", code, "redirect-uri", redirect_uri, "code-verifier",
                       code_verifier, NULL);
}

/**
 * pim_authorization_code_token_request_get_code:
 * @self: an authorization code request
 *
 * Gets [property@AuthorizationCodeTokenRequest:code].
 *
 * Returns: (nullable): the authorization code
 *
 * Since: 0.1
 */
const char *
pim_authorization_code_token_request_get_code (PimAuthorizationCodeTokenRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_CODE_TOKEN_REQUEST (self), NULL);
  return self->code;
}

/**
 * pim_authorization_code_token_request_set_code:
 * @self: an authorization code request
 * @code: (nullable): the authorization code
 *
 * Sets [property@AuthorizationCodeTokenRequest:code].
 *
 * Since: 0.1
 */
void
pim_authorization_code_token_request_set_code (PimAuthorizationCodeTokenRequest *self,
                                               const char                       *code)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_CODE_TOKEN_REQUEST (self));
  g_object_set (self, "code", code, NULL);
}

/**
 * pim_authorization_code_token_request_get_redirect_uri:
 * @self: an authorization code request
 *
 * Gets [property@AuthorizationCodeTokenRequest:redirect-uri].
 *
 * Returns: (nullable): the redirect URI
 *
 * Since: 0.1
 */
const char *
pim_authorization_code_token_request_get_redirect_uri (PimAuthorizationCodeTokenRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_CODE_TOKEN_REQUEST (self), NULL);
  return self->redirect_uri;
}

/**
 * pim_authorization_code_token_request_set_redirect_uri:
 * @self: an authorization code request
 * @redirect_uri: (nullable): the redirect URI
 *
 * Sets [property@AuthorizationCodeTokenRequest:redirect-uri].
 *
 * Since: 0.1
 */
void
pim_authorization_code_token_request_set_redirect_uri (PimAuthorizationCodeTokenRequest *self,
                                                       const char *redirect_uri)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_CODE_TOKEN_REQUEST (self));
  g_object_set (self, "redirect-uri", redirect_uri, NULL);
}

/**
 * pim_authorization_code_token_request_get_code_verifier:
 * @self: an authorization code request
 *
 * Gets [property@AuthorizationCodeTokenRequest:code-verifier].
 *
 * Returns: (nullable): the PKCE code verifier
 *
 * Since: 0.1
 */
const char *
pim_authorization_code_token_request_get_code_verifier (PimAuthorizationCodeTokenRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_CODE_TOKEN_REQUEST (self), NULL);
  return self->code_verifier;
}

/**
 * pim_authorization_code_token_request_set_code_verifier:
 * @self: an authorization code request
 * @code_verifier: (nullable): the PKCE code verifier
 *
 * Sets [property@AuthorizationCodeTokenRequest:code-verifier].
 *
 * Since: 0.1
 */
void
pim_authorization_code_token_request_set_code_verifier (PimAuthorizationCodeTokenRequest *self,
                                                        const char *code_verifier)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_CODE_TOKEN_REQUEST (self));
  g_object_set (self, "code-verifier", code_verifier, NULL);
}

/**
 * pim_request_authorization_code_token:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Exchanges an authorization code for tokens; see [func@request_token] for
 * how answers and errors are read. Without a code or redirect URI the call
 * fails with %PIM_OAUTH_ERROR_INVALID_ARGUMENT before anything is sent.
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_request_authorization_code_token (PimAuthorizationCodeTokenRequest *request,
                                      PimHttpClient                    *client,
                                      GCancellable                     *cancellable,
                                      GError                          **error)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_CODE_TOKEN_REQUEST (request), NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pim_token_request_send (PIM_TOKEN_REQUEST (request), client, cancellable, error);
}

/**
 * pim_request_authorization_code_token_async:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Exchanges an authorization code for tokens without blocking.
 *
 * Since: 0.1
 */
void
pim_request_authorization_code_token_async (PimAuthorizationCodeTokenRequest *request,
                                            PimHttpClient                    *client,
                                            GCancellable                     *cancellable,
                                            GAsyncReadyCallback               callback,
                                            gpointer                          user_data)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_CODE_TOKEN_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  pim_token_request_send_async (PIM_TOKEN_REQUEST (request), client, cancellable,
                                PIM_SOURCE_TAG (pim_request_authorization_code_token_async),
                                callback, user_data);
}

/**
 * pim_request_authorization_code_token_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@request_authorization_code_token_async].
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_request_authorization_code_token_finish (GAsyncResult *result, GError **error)
{
  return (PimTokenResponse *)
      pim_oauth_call_finish (result, PIM_SOURCE_TAG (pim_request_authorization_code_token_async),
                             error);
}
