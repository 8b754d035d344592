/* pim-authorization-request.h: the authorization request and its answer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include "pim-authorization-response.h"
#include "pim-discovery-document.h"
#include "pim-http-client.h"
#include "pim-jwk.h"
#include "pim-oauth-request.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

/**
 * PimAuthorizationResponseMode:
 * @PIM_AUTHORIZATION_RESPONSE_MODE_AUTO: the mode the request asked for:
 *   its [property@AuthorizationRequest:response-mode], or else the default
 *   of its response type (`query` for `code` and `none`, `fragment` for
 *   the others)
 * @PIM_AUTHORIZATION_RESPONSE_MODE_QUERY: the parameters are in the query
 *   of the redirect URI
 * @PIM_AUTHORIZATION_RESPONSE_MODE_FRAGMENT: the parameters are in the
 *   fragment of the redirect URI
 * @PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST: the text is the body of the
 *   form the provider had the browser post to the redirect URI (OAuth 2.0
 *   Form Post Response Mode), `application/x-www-form-urlencoded`
 *
 * Where an authorization response carries its parameters; see
 * [method@AuthorizationRequest.parse_response].
 *
 * Since: 0.1
 */
typedef enum
{
  PIM_AUTHORIZATION_RESPONSE_MODE_AUTO,
  PIM_AUTHORIZATION_RESPONSE_MODE_QUERY,
  PIM_AUTHORIZATION_RESPONSE_MODE_FRAGMENT,
  PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST,
} PimAuthorizationResponseMode;

#define PIM_TYPE_AUTHORIZATION_REQUEST (pim_authorization_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimAuthorizationRequest,
                      pim_authorization_request,
                      PIM,
                      AUTHORIZATION_REQUEST,
                      PimOAuthRequest)

PIM_AVAILABLE_IN_0_1
PimAuthorizationRequest *pim_authorization_request_new (const char *address,
                                                        const char *client_id,
                                                        const char *redirect_uri);
PIM_AVAILABLE_IN_0_1
PimAuthorizationRequest *
pim_authorization_request_new_from_discovery (PimDiscoveryDocument *document,
                                              const char           *client_id,
                                              const char           *redirect_uri);

PIM_AVAILABLE_IN_0_1
const char *pim_authorization_request_get_redirect_uri (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_redirect_uri (PimAuthorizationRequest *self,
                                                 const char              *redirect_uri);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_request_get_response_type (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_response_type (PimAuthorizationRequest *self,
                                                  const char              *response_type);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_request_get_scope (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_scope (PimAuthorizationRequest *self, const char *scope);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_request_get_state (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_state (PimAuthorizationRequest *self, const char *state);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_request_get_nonce (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_nonce (PimAuthorizationRequest *self, const char *nonce);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_request_get_code_verifier (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_code_verifier (PimAuthorizationRequest *self,
                                                  const char              *code_verifier);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_request_get_code_challenge (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_code_challenge (PimAuthorizationRequest *self,
                                                   const char              *code_challenge);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_request_get_code_challenge_method (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_code_challenge_method (PimAuthorizationRequest *self,
                                                          const char *code_challenge_method);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_request_get_response_mode (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_response_mode (PimAuthorizationRequest *self,
                                                  const char              *response_mode);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_request_get_prompt (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_prompt (PimAuthorizationRequest *self, const char *prompt);
PIM_AVAILABLE_IN_0_1
gint64 pim_authorization_request_get_max_age (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_max_age (PimAuthorizationRequest *self, gint64 max_age);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_request_get_login_hint (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_login_hint (PimAuthorizationRequest *self,
                                               const char              *login_hint);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_request_get_acr_values (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_acr_values (PimAuthorizationRequest *self,
                                               const char              *acr_values);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_request_get_claims (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_claims (PimAuthorizationRequest *self, const char *claims);
PIM_AVAILABLE_IN_0_1
const char *const *pim_authorization_request_get_resources (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_resources (PimAuthorizationRequest *self,
                                              const char *const       *resources);
PIM_AVAILABLE_IN_0_1
gboolean pim_authorization_request_get_require_issuer (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_require_issuer (PimAuthorizationRequest *self,
                                                   gboolean                 require_issuer);

PIM_AVAILABLE_IN_0_1
const char *pim_authorization_request_get_dpop_jkt (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_dpop_jkt (PimAuthorizationRequest *self, const char *dpop_jkt);
PIM_AVAILABLE_IN_0_1
PimJwk *pim_authorization_request_get_request_object_key (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_request_object_key (PimAuthorizationRequest *self, PimJwk *key);
PIM_AVAILABLE_IN_0_1
const char *pim_authorization_request_get_request_object_alg (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_set_request_object_alg (PimAuthorizationRequest *self,
                                                       const char              *request_object_alg);
PIM_AVAILABLE_IN_0_1
gboolean
pim_authorization_request_get_require_pushed_authorization_requests (PimAuthorizationRequest *self);
PIM_AVAILABLE_IN_0_1
void
pim_authorization_request_set_require_pushed_authorization_requests (PimAuthorizationRequest *self,
                                                                     gboolean require_pushed);

PIM_AVAILABLE_IN_0_1
gboolean pim_authorization_request_prepare (PimAuthorizationRequest *self, GError **error);
PIM_AVAILABLE_IN_0_1
char *pim_authorization_request_build_url (PimAuthorizationRequest *self, GError **error);
PIM_AVAILABLE_IN_0_1
PimAuthorizationResponse *
pim_authorization_request_parse_response (PimAuthorizationRequest     *self,
                                          const char                  *response,
                                          PimAuthorizationResponseMode mode,
                                          GError                     **error);

PIM_AVAILABLE_IN_0_1
PimAuthorizationResponse *
pim_authorization_request_parse_jwt_response (PimAuthorizationRequest     *self,
                                              const char                  *response,
                                              PimAuthorizationResponseMode mode,
                                              PimHttpClient               *client,
                                              GCancellable                *cancellable,
                                              GError                     **error);
PIM_AVAILABLE_IN_0_1
void pim_authorization_request_parse_jwt_response_async (PimAuthorizationRequest     *self,
                                                         const char                  *response,
                                                         PimAuthorizationResponseMode mode,
                                                         PimHttpClient               *client,
                                                         GCancellable                *cancellable,
                                                         GAsyncReadyCallback          callback,
                                                         gpointer                     user_data);
PIM_AVAILABLE_IN_0_1
PimAuthorizationResponse *
pim_authorization_request_parse_jwt_response_finish (PimAuthorizationRequest *self,
                                                     GAsyncResult            *result,
                                                     GError                 **error);

G_END_DECLS
