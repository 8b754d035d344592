/* pim-authorization-request-accessors.c: the getters and setters of the
 * properties of PimAuthorizationRequest (installed in
 * pim-authorization-request.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-authorization-request-private.h"

/**
 * pim_authorization_request_get_redirect_uri:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:redirect-uri].
 *
 * Returns: (nullable): the redirect URI
 *
 * Since: 0.1
 */
const char *
pim_authorization_request_get_redirect_uri (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->redirect_uri;
}

/**
 * pim_authorization_request_set_redirect_uri:
 * @self: an authorization request
 * @redirect_uri: (nullable): the redirect URI
 *
 * Sets [property@AuthorizationRequest:redirect-uri].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_redirect_uri (PimAuthorizationRequest *self, const char *redirect_uri)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "redirect-uri", redirect_uri, NULL);
}

/**
 * pim_authorization_request_get_response_type:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:response-type].
 *
 * Returns: (nullable): the response type
 *
 * Since: 0.1
 */
const char *
pim_authorization_request_get_response_type (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->response_type;
}

/**
 * pim_authorization_request_set_response_type:
 * @self: an authorization request
 * @response_type: (nullable): the response type
 *
 * Sets [property@AuthorizationRequest:response-type].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_response_type (PimAuthorizationRequest *self,
                                             const char              *response_type)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "response-type", response_type, NULL);
}

/**
 * pim_authorization_request_get_scope:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:scope].
 *
 * Returns: (nullable): space-separated scope values
 *
 * Since: 0.1
 */
const char *
pim_authorization_request_get_scope (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->scope;
}

/**
 * pim_authorization_request_set_scope:
 * @self: an authorization request
 * @scope: (nullable): space-separated scope values
 *
 * Sets [property@AuthorizationRequest:scope].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_scope (PimAuthorizationRequest *self, const char *scope)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "scope", scope, NULL);
}

/**
 * pim_authorization_request_get_state:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:state].
 *
 * Returns: (nullable): the state
 *
 * Since: 0.1
 */
const char *
pim_authorization_request_get_state (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->state;
}

/**
 * pim_authorization_request_set_state:
 * @self: an authorization request
 * @state: (nullable): the state
 *
 * Sets [property@AuthorizationRequest:state].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_state (PimAuthorizationRequest *self, const char *state)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "state", state, NULL);
}

/**
 * pim_authorization_request_get_nonce:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:nonce].
 *
 * Returns: (nullable): the nonce
 *
 * Since: 0.1
 */
const char *
pim_authorization_request_get_nonce (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->nonce;
}

/**
 * pim_authorization_request_set_nonce:
 * @self: an authorization request
 * @nonce: (nullable): the nonce
 *
 * Sets [property@AuthorizationRequest:nonce].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_nonce (PimAuthorizationRequest *self, const char *nonce)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "nonce", nonce, NULL);
}

/**
 * pim_authorization_request_get_code_verifier:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:code-verifier].
 *
 * Returns: (nullable): the PKCE code verifier
 *
 * Since: 0.1
 */
const char *
pim_authorization_request_get_code_verifier (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->code_verifier;
}

/**
 * pim_authorization_request_set_code_verifier:
 * @self: an authorization request
 * @code_verifier: (nullable): the PKCE code verifier
 *
 * Sets [property@AuthorizationRequest:code-verifier].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_code_verifier (PimAuthorizationRequest *self,
                                             const char              *code_verifier)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "code-verifier", code_verifier, NULL);
}

/**
 * pim_authorization_request_get_code_challenge:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:code-challenge].
 *
 * Returns: (nullable): the PKCE code challenge
 *
 * Since: 0.1
 */
const char *
pim_authorization_request_get_code_challenge (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->code_challenge;
}

/**
 * pim_authorization_request_set_code_challenge:
 * @self: an authorization request
 * @code_challenge: (nullable): the PKCE code challenge
 *
 * Sets [property@AuthorizationRequest:code-challenge].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_code_challenge (PimAuthorizationRequest *self,
                                              const char              *code_challenge)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "code-challenge", code_challenge, NULL);
}

/**
 * pim_authorization_request_get_code_challenge_method:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:code-challenge-method].
 *
 * Returns: (nullable): the PKCE code challenge method
 *
 * Since: 0.1
 */
const char *
pim_authorization_request_get_code_challenge_method (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->code_challenge_method;
}

/**
 * pim_authorization_request_set_code_challenge_method:
 * @self: an authorization request
 * @code_challenge_method: (nullable): the PKCE code challenge method
 *
 * Sets [property@AuthorizationRequest:code-challenge-method].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_code_challenge_method (PimAuthorizationRequest *self,
                                                     const char              *code_challenge_method)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "code-challenge-method", code_challenge_method, NULL);
}

/**
 * pim_authorization_request_get_response_mode:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:response-mode].
 *
 * Returns: (nullable): the response mode
 *
 * Since: 0.1
 */
const char *
pim_authorization_request_get_response_mode (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->response_mode;
}

/**
 * pim_authorization_request_set_response_mode:
 * @self: an authorization request
 * @response_mode: (nullable): the response mode
 *
 * Sets [property@AuthorizationRequest:response-mode].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_response_mode (PimAuthorizationRequest *self,
                                             const char              *response_mode)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "response-mode", response_mode, NULL);
}

/**
 * pim_authorization_request_get_prompt:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:prompt].
 *
 * Returns: (nullable): space-separated prompt values
 *
 * Since: 0.1
 */
const char *
pim_authorization_request_get_prompt (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->prompt;
}

/**
 * pim_authorization_request_set_prompt:
 * @self: an authorization request
 * @prompt: (nullable): space-separated prompt values
 *
 * Sets [property@AuthorizationRequest:prompt].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_prompt (PimAuthorizationRequest *self, const char *prompt)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "prompt", prompt, NULL);
}

/**
 * pim_authorization_request_get_login_hint:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:login-hint].
 *
 * Returns: (nullable): the login hint
 *
 * Since: 0.1
 */
const char *
pim_authorization_request_get_login_hint (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->login_hint;
}

/**
 * pim_authorization_request_set_login_hint:
 * @self: an authorization request
 * @login_hint: (nullable): the login hint
 *
 * Sets [property@AuthorizationRequest:login-hint].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_login_hint (PimAuthorizationRequest *self, const char *login_hint)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "login-hint", login_hint, NULL);
}

/**
 * pim_authorization_request_get_acr_values:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:acr-values].
 *
 * Returns: (nullable): space-separated ACR values
 *
 * Since: 0.1
 */
const char *
pim_authorization_request_get_acr_values (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->acr_values;
}

/**
 * pim_authorization_request_set_acr_values:
 * @self: an authorization request
 * @acr_values: (nullable): space-separated ACR values
 *
 * Sets [property@AuthorizationRequest:acr-values].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_acr_values (PimAuthorizationRequest *self, const char *acr_values)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "acr-values", acr_values, NULL);
}

/**
 * pim_authorization_request_get_claims:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:claims].
 *
 * Returns: (nullable): the claims request, a JSON object
 *
 * Since: 0.1
 */
const char *
pim_authorization_request_get_claims (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->claims;
}

/**
 * pim_authorization_request_set_claims:
 * @self: an authorization request
 * @claims: (nullable): the claims request, a JSON object
 *
 * Sets [property@AuthorizationRequest:claims].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_claims (PimAuthorizationRequest *self, const char *claims)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "claims", claims, NULL);
}

/**
 * pim_authorization_request_get_max_age:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:max-age].
 *
 * Returns: the maximum authentication age in seconds, or -1
 *
 * Since: 0.1
 */
gint64
pim_authorization_request_get_max_age (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), -1);
  return self->max_age;
}

/**
 * pim_authorization_request_set_max_age:
 * @self: an authorization request
 * @max_age: seconds, or -1 to leave `max_age` out
 *
 * Sets [property@AuthorizationRequest:max-age].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_max_age (PimAuthorizationRequest *self, gint64 max_age)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "max-age", max_age, NULL);
}

/**
 * pim_authorization_request_get_resources:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:resources].
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1): the resources
 *
 * Since: 0.1
 */
const char *const *
pim_authorization_request_get_resources (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return (const char *const *) self->resources;
}

/**
 * pim_authorization_request_set_resources:
 * @self: an authorization request
 * @resources: (nullable) (array zero-terminated=1): absolute URIs
 *
 * Sets [property@AuthorizationRequest:resources].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_resources (PimAuthorizationRequest *self,
                                         const char *const       *resources)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "resources", resources, NULL);
}

/**
 * pim_authorization_request_get_require_issuer:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:require-issuer].
 *
 * Returns: whether the answer must carry `iss`
 *
 * Since: 0.1
 */
gboolean
pim_authorization_request_get_require_issuer (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), FALSE);
  return self->require_issuer;
}

/**
 * pim_authorization_request_set_require_issuer:
 * @self: an authorization request
 * @require_issuer: whether the answer must carry `iss`
 *
 * Sets [property@AuthorizationRequest:require-issuer].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_require_issuer (PimAuthorizationRequest *self,
                                              gboolean                 require_issuer)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "require-issuer", require_issuer, NULL);
}

/**
 * pim_authorization_request_get_dpop_jkt:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:dpop-jkt].
 *
 * Returns: (nullable): the DPoP key thumbprint
 *
 * Since: 0.1
 */
const char *
pim_authorization_request_get_dpop_jkt (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->dpop_jkt;
}

/**
 * pim_authorization_request_set_dpop_jkt:
 * @self: an authorization request
 * @dpop_jkt: (nullable): the DPoP key thumbprint
 *
 * Sets [property@AuthorizationRequest:dpop-jkt].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_dpop_jkt (PimAuthorizationRequest *self, const char *dpop_jkt)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "dpop-jkt", dpop_jkt, NULL);
}

/**
 * pim_authorization_request_get_request_object_alg:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:request-object-alg].
 *
 * Returns: (nullable): the JWS algorithm
 *
 * Since: 0.1
 */
const char *
pim_authorization_request_get_request_object_alg (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->request_object_alg;
}

/**
 * pim_authorization_request_set_request_object_alg:
 * @self: an authorization request
 * @request_object_alg: (nullable): the JWS algorithm
 *
 * Sets [property@AuthorizationRequest:request-object-alg].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_request_object_alg (PimAuthorizationRequest *self,
                                                  const char              *request_object_alg)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "request-object-alg", request_object_alg, NULL);
}

/**
 * pim_authorization_request_get_request_object_key:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:request-object-key].
 *
 * Returns: (nullable) (transfer none): the request object's signing key
 *
 * Since: 0.1
 */
PimJwk *
pim_authorization_request_get_request_object_key (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->request_object_key;
}

/**
 * pim_authorization_request_set_request_object_key:
 * @self: an authorization request
 * @key: (nullable): a private or `oct` key, or %NULL for no request object
 *
 * Sets [property@AuthorizationRequest:request-object-key].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_request_object_key (PimAuthorizationRequest *self, PimJwk *key)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_return_if_fail (key == NULL || PIM_IS_JWK (key));
  g_object_set (self, "request-object-key", key, NULL);
}

/**
 * pim_authorization_request_get_require_pushed_authorization_requests:
 * @self: an authorization request
 *
 * Gets [property@AuthorizationRequest:require-pushed-authorization-requests].
 *
 * Returns: whether the request may only be pushed
 *
 * Since: 0.1
 */
gboolean
pim_authorization_request_get_require_pushed_authorization_requests (PimAuthorizationRequest *self)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), FALSE);
  return self->require_pushed;
}

/**
 * pim_authorization_request_set_require_pushed_authorization_requests:
 * @self: an authorization request
 * @require_pushed: whether the request may only be pushed
 *
 * Sets [property@AuthorizationRequest:require-pushed-authorization-requests].
 *
 * Since: 0.1
 */
void
pim_authorization_request_set_require_pushed_authorization_requests (PimAuthorizationRequest *self,
                                                                     gboolean require_pushed)
{
  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_object_set (self, "require-pushed-authorization-requests", require_pushed, NULL);
}
