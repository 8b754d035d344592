/* pim-authorization-request.c: PimAuthorizationRequest
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-authorization-request-private.h"
#include "pim-authorization-response-private.h"
#include "pim-base64url.h"
#include "pim-crypto-private.h"
#include "pim-front-channel-private.h"
#include "pim-pkce.h"
#include "pim-security-profile-private.h"
#include "pim-token-request-private.h"
#include "pim-token-validation.h"

/**
 * PimAuthorizationRequest:
 *
 * An authorization request (RFC 6749 §4.1.1, OpenID Connect Core
 * §3.1.2.1): the URL the user's browser opens at the provider's
 * authorization endpoint, and the checks on what comes back to the
 * redirect URI. Pim does not send it: [method@AuthorizationRequest.build_url]
 * makes the URL, the application opens it, and
 * [method@AuthorizationRequest.parse_response] reads the redirect.
 *
 * [method@AuthorizationRequest.prepare] fills in what must be random and
 * kept for the answer: a `state`, a `nonce` for OpenID Connect, and a PKCE
 * code verifier (RFC 7636), whose `S256` challenge goes in the URL. Keep
 * the request object until the redirect comes back; its
 * [property@AuthorizationRequest:code-verifier] then goes to the token
 * request.
 *
 * ```python
 * request = Pim.AuthorizationRequest.new_from_discovery(
 *     document, 'my-app', 'http://127.0.0.1:8400/callback')
 * request.props.scope = 'openid profile'
 * request.prepare()
 * open_browser(request.build_url())
 * # … the browser comes back to the redirect URI …
 * response = request.parse_response(redirect, Pim.AuthorizationResponseMode.AUTO)
 * token_request = Pim.AuthorizationCodeTokenRequest(
 *     address=document.get_token_endpoint(), client_id='my-app',
 *     code=response.props.code, redirect_uri=request.props.redirect_uri,
 *     code_verifier=request.props.code_verifier)
 * ```
 *
 * The endpoint is [property@OAuthRequest:address], which must be HTTPS
 * unless it is on a loopback address or
 * [property@OAuthRequest:require-https] is off; any query it has is kept.
 * [property@OAuthRequest:issuer] is the issuer an RFC 9207 `iss` in the
 * answer must equal. Extra parameters added with
 * [method@OAuthRequest.add_parameter] go in the URL after Pim's own.
 *
 * When the provider answers with an error, parsing fails with the
 * [error@OAuthError] of its `error` string, and the request keeps the
 * `error_description` and `error_uri` as an [class@OAuthErrorResponse]
 * ([method@OAuthRequest.get_error_response], with a status of 0: no HTTP
 * exchange carried it).
 *
 * Since: 0.1
 */

struct _PimAuthorizationRequest
{
  PimOAuthRequest parent_instance;

  char    *redirect_uri;
  char    *response_type;
  char    *scope;
  char    *state;
  char    *nonce;
  char    *code_verifier;
  char    *code_challenge;
  char    *code_challenge_method;
  char    *response_mode;
  char    *prompt;
  char    *login_hint;
  char    *acr_values;
  char    *claims;
  gint64   max_age;
  char    *dpop_jkt;
  char    *request_object_alg;
  GStrv    resources;
  gboolean require_issuer;
  gboolean require_pushed;
  PimJwk  *request_object_key;
};

enum
{
  PROP_0,
  PROP_REDIRECT_URI,
  PROP_RESPONSE_TYPE,
  PROP_SCOPE,
  PROP_STATE,
  PROP_NONCE,
  PROP_CODE_VERIFIER,
  PROP_CODE_CHALLENGE,
  PROP_CODE_CHALLENGE_METHOD,
  PROP_RESPONSE_MODE,
  PROP_PROMPT,
  PROP_LOGIN_HINT,
  PROP_ACR_VALUES,
  PROP_CLAIMS,
  PROP_MAX_AGE,
  PROP_RESOURCES,
  PROP_REQUIRE_ISSUER,
  PROP_DPOP_JKT,
  PROP_REQUEST_OBJECT_KEY,
  PROP_REQUEST_OBJECT_ALG,
  PROP_REQUIRE_PUSHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each string property lives in the instance. */
static const gsize string_offsets[N_PROPS] = {
  [PROP_REDIRECT_URI] = G_STRUCT_OFFSET (PimAuthorizationRequest, redirect_uri),
  [PROP_RESPONSE_TYPE] = G_STRUCT_OFFSET (PimAuthorizationRequest, response_type),
  [PROP_SCOPE] = G_STRUCT_OFFSET (PimAuthorizationRequest, scope),
  [PROP_STATE] = G_STRUCT_OFFSET (PimAuthorizationRequest, state),
  [PROP_NONCE] = G_STRUCT_OFFSET (PimAuthorizationRequest, nonce),
  [PROP_CODE_VERIFIER] = G_STRUCT_OFFSET (PimAuthorizationRequest, code_verifier),
  [PROP_CODE_CHALLENGE] = G_STRUCT_OFFSET (PimAuthorizationRequest, code_challenge),
  [PROP_CODE_CHALLENGE_METHOD] = G_STRUCT_OFFSET (PimAuthorizationRequest, code_challenge_method),
  [PROP_RESPONSE_MODE] = G_STRUCT_OFFSET (PimAuthorizationRequest, response_mode),
  [PROP_PROMPT] = G_STRUCT_OFFSET (PimAuthorizationRequest, prompt),
  [PROP_LOGIN_HINT] = G_STRUCT_OFFSET (PimAuthorizationRequest, login_hint),
  [PROP_ACR_VALUES] = G_STRUCT_OFFSET (PimAuthorizationRequest, acr_values),
  [PROP_CLAIMS] = G_STRUCT_OFFSET (PimAuthorizationRequest, claims),
  [PROP_DPOP_JKT] = G_STRUCT_OFFSET (PimAuthorizationRequest, dpop_jkt),
  [PROP_REQUEST_OBJECT_ALG] = G_STRUCT_OFFSET (PimAuthorizationRequest, request_object_alg),
};

#define STRING_FIELD(self, prop_id) G_STRUCT_MEMBER (char *, (self), string_offsets[(prop_id)])

G_DEFINE_FINAL_TYPE (PimAuthorizationRequest, pim_authorization_request, PIM_TYPE_OAUTH_REQUEST)

/* 32 bytes: 256 bits for state and nonce, 43 characters. */
#define RANDOM_BYTES 32
/* A verifier of 64 characters: 384 random bits. */
#define VERIFIER_LENGTH 64

static void
pim_authorization_request_finalize (GObject *object)
{
  PimAuthorizationRequest *self = PIM_AUTHORIZATION_REQUEST (object);

  for (guint i = 0; i < N_PROPS; i++)
    if (string_offsets[i] != 0)
      pim_oauth_clear_secret (&STRING_FIELD (self, i));
  g_strfreev (self->resources);
  g_clear_object (&self->request_object_key);

  G_OBJECT_CLASS (pim_authorization_request_parent_class)->finalize (object);
}

static void
pim_authorization_request_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  PimAuthorizationRequest *self = PIM_AUTHORIZATION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_MAX_AGE:
      g_value_set_int64 (value, self->max_age);
      break;
    case PROP_RESOURCES:
      g_value_set_boxed (value, self->resources);
      break;
    case PROP_REQUIRE_ISSUER:
      g_value_set_boolean (value, self->require_issuer);
      break;
    case PROP_REQUIRE_PUSHED:
      g_value_set_boolean (value, self->require_pushed);
      break;
    case PROP_REQUEST_OBJECT_KEY:
      g_value_set_object (value, self->request_object_key);
      break;
    default:
      if (prop_id < N_PROPS && string_offsets[prop_id] != 0)
        g_value_set_string (value, STRING_FIELD (self, prop_id));
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_authorization_request_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  PimAuthorizationRequest *self = PIM_AUTHORIZATION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_MAX_AGE:
      self->max_age = g_value_get_int64 (value);
      break;
    case PROP_RESOURCES:
      g_strfreev (self->resources);
      self->resources = g_value_dup_boxed (value);
      break;
    case PROP_REQUIRE_ISSUER:
      self->require_issuer = g_value_get_boolean (value);
      break;
    case PROP_REQUIRE_PUSHED:
      self->require_pushed = g_value_get_boolean (value);
      break;
    case PROP_REQUEST_OBJECT_KEY:
      g_clear_object (&self->request_object_key);
      self->request_object_key = g_value_dup_object (value);
      break;
    default:
      if (prop_id < N_PROPS && string_offsets[prop_id] != 0)
        {
          pim_oauth_clear_secret (&STRING_FIELD (self, prop_id));
          STRING_FIELD (self, prop_id) = g_value_dup_string (value);
        }
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_authorization_request_class_init (PimAuthorizationRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_authorization_request_finalize;
  object_class->get_property = pim_authorization_request_get_property;
  object_class->set_property = pim_authorization_request_set_property;

  /**
   * PimAuthorizationRequest:redirect-uri: (getter get_redirect_uri) (setter set_redirect_uri)
   *
   * The `redirect_uri`: where the provider sends the browser back. Also
   * needed, the same, by the token request.
   *
   * Since: 0.1
   */
  properties[PROP_REDIRECT_URI] = g_param_spec_string ("redirect-uri", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationRequest:response-type: (getter get_response_type) (setter set_response_type)
   *
   * The `response_type`: `code` by default; `code id_token` and the
   * like for the hybrid flows, which need a
   * [property@AuthorizationRequest:nonce].
   *
   * Since: 0.1
   */
  properties[PROP_RESPONSE_TYPE] =
      g_param_spec_string ("response-type", NULL, NULL, "code", flags | G_PARAM_CONSTRUCT);

  /**
   * PimAuthorizationRequest:scope: (getter get_scope) (setter set_scope)
   *
   * The `scope`: space-separated scope values, with `openid` for OpenID
   * Connect.
   *
   * Since: 0.1
   */
  properties[PROP_SCOPE] = g_param_spec_string ("scope", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationRequest:state: (getter get_state) (setter set_state)
   *
   * The `state`: an unguessable value the answer must carry back (a
   * defence against cross-site request forgery).
   * [method@AuthorizationRequest.prepare] makes one.
   *
   * Since: 0.1
   */
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationRequest:nonce: (getter get_nonce) (setter set_nonce)
   *
   * The OpenID Connect `nonce`, which the ID token must carry: give it to
   * [property@TokenValidationParameters:nonce].
   * [method@AuthorizationRequest.prepare] makes one when the scope has
   * `openid`.
   *
   * Since: 0.1
   */
  properties[PROP_NONCE] = g_param_spec_string ("nonce", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationRequest:code-verifier: (getter get_code_verifier) (setter set_code_verifier)
   *
   * The PKCE code verifier (RFC 7636): never sent in the authorization
   * request, only its challenge; it goes to the token request
   * ([property@AuthorizationCodeTokenRequest:code-verifier]). Set, its
   * challenge is computed when the URL is built.
   * [method@AuthorizationRequest.prepare] makes one. A secret.
   *
   * Since: 0.1
   */
  properties[PROP_CODE_VERIFIER] = g_param_spec_string ("code-verifier", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationRequest:code-challenge: (getter get_code_challenge) (setter set_code_challenge)
   *
   * The PKCE `code_challenge`, for a challenge computed elsewhere. Unset,
   * it is computed from [property@AuthorizationRequest:code-verifier].
   *
   * Since: 0.1
   */
  properties[PROP_CODE_CHALLENGE] = g_param_spec_string ("code-challenge", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationRequest:code-challenge-method: (getter get_code_challenge_method) (setter set_code_challenge_method)
   *
   * The `code_challenge_method`: unset, `S256` whenever there is a
   * challenge. `plain` (the verifier itself as the challenge) is used only
   * when set here explicitly; other values are refused.
   *
   * Since: 0.1
   */
  properties[PROP_CODE_CHALLENGE_METHOD] =
      g_param_spec_string ("code-challenge-method", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationRequest:response-mode: (getter get_response_mode) (setter set_response_mode)
   *
   * The `response_mode`: `query`, `fragment` or `form_post`; unset, the
   * response type's default.
   *
   * Since: 0.1
   */
  properties[PROP_RESPONSE_MODE] = g_param_spec_string ("response-mode", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationRequest:prompt: (getter get_prompt) (setter set_prompt)
   *
   * The OpenID Connect `prompt`: space-separated values among `none`,
   * `login`, `consent` and `select_account`.
   *
   * Since: 0.1
   */
  properties[PROP_PROMPT] = g_param_spec_string ("prompt", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationRequest:login-hint: (getter get_login_hint) (setter set_login_hint)
   *
   * The OpenID Connect `login_hint`: who the user probably is.
   *
   * Since: 0.1
   */
  properties[PROP_LOGIN_HINT] = g_param_spec_string ("login-hint", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationRequest:acr-values: (getter get_acr_values) (setter set_acr_values)
   *
   * The OpenID Connect `acr_values`: space-separated authentication
   * context classes, in order of preference.
   *
   * Since: 0.1
   */
  properties[PROP_ACR_VALUES] = g_param_spec_string ("acr-values", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationRequest:claims: (getter get_claims) (setter set_claims)
   *
   * The OpenID Connect `claims` request (Core §5.5): a JSON object, as
   * text.
   *
   * Since: 0.1
   */
  properties[PROP_CLAIMS] = g_param_spec_string ("claims", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationRequest:max-age: (getter get_max_age) (setter set_max_age)
   *
   * The OpenID Connect `max_age` in seconds: how long ago the user may
   * have last signed in; the ID token then has `auth_time`. -1 (the
   * default) leaves it out.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_AGE] =
      g_param_spec_int64 ("max-age", NULL, NULL, -1, G_MAXINT64, -1, flags | G_PARAM_CONSTRUCT);

  /**
   * PimAuthorizationRequest:resources: (getter get_resources) (setter set_resources)
   *
   * RFC 8707 `resource` indicators: absolute URIs of the resources the
   * tokens are for, each sent as a `resource` parameter.
   *
   * Since: 0.1
   */
  properties[PROP_RESOURCES] = g_param_spec_boxed ("resources", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * PimAuthorizationRequest:require-issuer: (getter get_require_issuer) (setter set_require_issuer)
   *
   * Whether the answer must carry an RFC 9207 `iss` parameter equal to
   * [property@OAuthRequest:issuer]: set it when the provider's metadata
   * has `authorization_response_iss_parameter_supported`, as
   * [ctor@AuthorizationRequest.new_from_discovery] does. An answer
   * with an ID token (the hybrid and implicit flows) may go without, as
   * the token's own `iss` stands for it; validate the ID token.
   *
   * Since: 0.1
   */
  properties[PROP_REQUIRE_ISSUER] =
      g_param_spec_boolean ("require-issuer", NULL, NULL, FALSE, flags);

  /**
   * PimAuthorizationRequest:dpop-jkt: (getter get_dpop_jkt) (setter set_dpop_jkt)
   *
   * The `dpop_jkt` (RFC 9449 §10): the JWK SHA-256 thumbprint (RFC 7638,
   * base64url) of the DPoP key the code will be bound to. The token
   * request must then prove possession of that key.
   *
   * Since: 0.1
   */
  properties[PROP_DPOP_JKT] = g_param_spec_string ("dpop-jkt", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationRequest:request-object-key: (getter get_request_object_key) (setter set_request_object_key)
   *
   * The key that signs a request object (RFC 9101): set, the parameters
   * travel inside a signed JWT, the `request` parameter, and the URL has
   * only `client_id` and `request`. A private key registered with the
   * provider, or an `oct` key made from the client secret for `HS256`
   * ([ctor@Jwk.new_from_secret]). The request object's `aud` is
   * [property@OAuthRequest:issuer], which must then be set.
   *
   * Since: 0.1
   */
  properties[PROP_REQUEST_OBJECT_KEY] =
      g_param_spec_object ("request-object-key", NULL, NULL, PIM_TYPE_JWK, flags);

  /**
   * PimAuthorizationRequest:request-object-alg: (getter get_request_object_alg) (setter set_request_object_alg)
   *
   * The JWS algorithm of the request object, such as `ES256`, `PS256` or
   * `HS256`; unset, the key's `alg` (`RS256` for an RSA key without one).
   * `none` is always refused: an unsigned request object proves nothing.
   *
   * Since: 0.1
   */
  properties[PROP_REQUEST_OBJECT_ALG] =
      g_param_spec_string ("request-object-alg", NULL, NULL, NULL, flags);

  /**
   * PimAuthorizationRequest:require-pushed-authorization-requests: (getter get_require_pushed_authorization_requests) (setter set_require_pushed_authorization_requests)
   *
   * Whether the provider accepts this request only pushed (RFC 9126 §5,
   * `require_pushed_authorization_requests`), as
   * [ctor@AuthorizationRequest.new_from_discovery] sets from the metadata.
   * While it is set, [method@AuthorizationRequest.build_url] fails: push
   * the request with [method@PushedAuthorizationRequest.send] and open
   * [method@PushedAuthorizationResponse.build_authorization_url] instead.
   *
   * Since: 0.1
   */
  properties[PROP_REQUIRE_PUSHED] =
      g_param_spec_boolean ("require-pushed-authorization-requests", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_authorization_request_init (PimAuthorizationRequest *self)
{
  self->max_age = -1;
}

/**
 * pim_authorization_request_new:
 * @address: (nullable): the authorization endpoint
 * @client_id: the client's identifier
 * @redirect_uri: (nullable): the redirect URI
 *
 * Creates an authorization request for the `code` response type.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimAuthorizationRequest *
pim_authorization_request_new (const char *address, const char *client_id, const char *redirect_uri)
{
  g_return_val_if_fail (client_id != NULL, NULL);

  return g_object_new (PIM_TYPE_AUTHORIZATION_REQUEST, "address", address, "client-id", client_id,
                       "redirect-uri", redirect_uri, NULL);
}

/**
 * pim_authorization_request_new_from_discovery:
 * @document: the provider's discovery document
 * @client_id: the client's identifier
 * @redirect_uri: (nullable): the redirect URI
 *
 * Creates an authorization request for the `code` response type to the
 * provider's `authorization_endpoint`, expecting its issuer in the answer
 * ([property@OAuthRequest:issuer]), and requiring it there
 * ([property@AuthorizationRequest:require-issuer]) when the provider says
 * it sends one (`authorization_response_iss_parameter_supported`), and
 * noting whether it accepts only pushed requests
 * ([property@AuthorizationRequest:require-pushed-authorization-requests]).
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimAuthorizationRequest *
pim_authorization_request_new_from_discovery (PimDiscoveryDocument *document,
                                              const char           *client_id,
                                              const char           *redirect_uri)
{
  g_return_val_if_fail (PIM_IS_DISCOVERY_DOCUMENT (document), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  return g_object_new (PIM_TYPE_AUTHORIZATION_REQUEST, "address",
                       pim_discovery_document_get_authorization_endpoint (document), "issuer",
                       pim_discovery_document_get_issuer (document), "client-id", client_id,
                       "redirect-uri", redirect_uri, "require-issuer",
                       pim_discovery_document_get_authorization_response_iss_parameter_supported (
                           document),
                       "require-pushed-authorization-requests",
                       pim_discovery_document_get_require_pushed_authorization_requests (document),
                       NULL);
}

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

/* ---- Building ---- */

/* Whether the space-separated @list has @word. */
static gboolean
has_word (const char *list, const char *word)
{
  g_auto (GStrv) words = NULL;

  if (list == NULL)
    return FALSE;
  words = g_strsplit (list, " ", -1);
  return g_strv_contains ((const char *const *) words, word);
}

gboolean
pim_authorization_invalid_argument (GError **error, const char *message)
{
  g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

/**
 * pim_authorization_request_prepare:
 * @self: an authorization request
 * @error: return location for a #GError
 *
 * Fills in, from the crypto library's random generator, what is unset
 * among: [property@AuthorizationRequest:state];
 * [property@AuthorizationRequest:nonce] when the scope has `openid` or
 * the response type has `id_token`; and, for the response types with
 * `code` and no [property@AuthorizationRequest:code-challenge], a
 * [property@AuthorizationRequest:code-verifier]. Read them back from the
 * properties: the state and nonce for checking, the verifier for the
 * token request.
 *
 * Returns: %TRUE, or %FALSE with @error set if the random generator
 *   failed
 *
 * Since: 0.1
 */
gboolean
pim_authorization_request_prepare (PimAuthorizationRequest *self, GError **error)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->state == NULL)
    {
      g_autofree char *state = pim_generate_random_string (RANDOM_BYTES, error);

      if (state == NULL)
        return FALSE;
      g_object_set (self, "state", state, NULL);
    }
  if (self->nonce == NULL &&
      (has_word (self->scope, "openid") || has_word (self->response_type, "id_token")))
    {
      g_autofree char *nonce = pim_generate_random_string (RANDOM_BYTES, error);

      if (nonce == NULL)
        return FALSE;
      g_object_set (self, "nonce", nonce, NULL);
    }
  if (self->code_verifier == NULL && self->code_challenge == NULL &&
      has_word (self->response_type, "code"))
    {
      g_autofree char *verifier = pim_pkce_generate_verifier (VERIFIER_LENGTH, error);

      if (verifier == NULL)
        return FALSE;
      g_object_set (self, "code-verifier", verifier, NULL);
      memset (verifier, 0, strlen (verifier));
    }
  return TRUE;
}

/* The code challenge and its method to send, both NULL for none. */
static gboolean
resolve_pkce (PimAuthorizationRequest *self,
              char                   **out_challenge,
              const char             **out_method,
              GError                 **error)
{
  const char      *method = self->code_challenge_method;
  g_autofree char *computed = NULL;

  *out_challenge = NULL;
  *out_method = NULL;
  if (self->code_verifier == NULL && self->code_challenge == NULL)
    {
      if (method != NULL)
        return pim_authorization_invalid_argument (error, _ ("The authorization request has a "
                                                             "“code-challenge-method” but no "
                                                             "challenge or verifier"));
      return TRUE;
    }
  if (method == NULL)
    method = "S256";
  if (strcmp (method, "S256") != 0 && strcmp (method, "plain") != 0)
    return pim_authorization_invalid_argument (error, _ ("The “code-challenge-method” is neither "
                                                         "“S256” nor “plain”"));
  if (self->code_verifier != NULL)
    {
      if (!pim_pkce_verifier_is_valid (self->code_verifier))
        return pim_authorization_invalid_argument (error, _ ("The “code-verifier” has not 43 to "
                                                             "128 letters, digits, “-”, “.”, "
                                                             "“_” or “~”"));
      computed = strcmp (method, "S256") == 0
                     ? pim_pkce_compute_challenge (self->code_verifier, error)
                     : g_strdup (self->code_verifier);
      if (computed == NULL)
        return FALSE;
      if (self->code_challenge != NULL &&
          (strlen (computed) != strlen (self->code_challenge) ||
           !pim_crypto_equal (computed, self->code_challenge, strlen (computed))))
        return pim_authorization_invalid_argument (error, _ ("The “code-challenge” is not the "
                                                             "challenge of the “code-verifier”"));
    }
  else
    computed = g_strdup (self->code_challenge);
  *out_challenge = g_steal_pointer (&computed);
  *out_method = method;
  return TRUE;
}

static gboolean
check_claims (const char *claims, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonNode *root;

  if (claims == NULL)
    return TRUE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, claims, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return pim_authorization_invalid_argument (error,
                                               _ ("The “claims” request is not a JSON object"));
  return TRUE;
}

/* Pim's own parameters, name, value…, checked. */
static GPtrArray *
own_params (PimAuthorizationRequest *self, GError **error)
{
  PimOAuthRequest *request = PIM_OAUTH_REQUEST (self);
  g_autoptr (GPtrArray) params = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *max_age = NULL;
  const char      *method = NULL;

  if (!pim_oauth_require (pim_oauth_request_get_client_id (request), "client-id", error) ||
      !pim_oauth_require (self->response_type, "response-type", error))
    return NULL;
  if (has_word (self->response_type, "id_token") && (self->nonce == NULL || *self->nonce == '\0'))
    {
      pim_authorization_invalid_argument (error, _ ("The response type has “id_token” but the "
                                                    "request has no “nonce”"));
      return NULL;
    }
  if (!resolve_pkce (self, &challenge, &method, error) || !check_claims (self->claims, error))
    return NULL;
  if (self->max_age >= 0)
    max_age = g_strdup_printf ("%" G_GINT64_FORMAT, self->max_age);

  params = g_ptr_array_new_with_free_func (g_free);
  pim_front_channel_add (params, "response_type", self->response_type);
  pim_front_channel_add (params, "client_id", pim_oauth_request_get_client_id (request));
  pim_front_channel_add (params, "redirect_uri", self->redirect_uri);
  pim_front_channel_add (params, "scope", self->scope);
  pim_front_channel_add (params, "state", self->state);
  pim_front_channel_add (params, "nonce", self->nonce);
  pim_front_channel_add (params, "code_challenge", challenge);
  pim_front_channel_add (params, "code_challenge_method", method);
  pim_front_channel_add (params, "response_mode", self->response_mode);
  pim_front_channel_add (params, "prompt", self->prompt);
  pim_front_channel_add (params, "max_age", max_age);
  pim_front_channel_add (params, "login_hint", self->login_hint);
  pim_front_channel_add (params, "acr_values", self->acr_values);
  pim_front_channel_add (params, "claims", self->claims);
  pim_front_channel_add (params, "dpop_jkt", self->dpop_jkt);
  for (gsize i = 0; self->resources != NULL && self->resources[i] != NULL; i++)
    pim_front_channel_add (params, "resource", self->resources[i]);
  return g_steal_pointer (&params);
}

static gboolean
has_param (GPtrArray *params, const char *name)
{
  for (guint i = 0; i < params->len; i += 2)
    if (strcmp (g_ptr_array_index (params, i), name) == 0)
      return TRUE;
  return FALSE;
}

gboolean
pim_authorization_refuse_twice (const char *name, GError **error)
{
  g_autofree char *shown = pim_oauth_sanitize_text (name);

  g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
               /* translators: %s is a parameter name such as “client_id” */
               _ ("The parameter “%s” is given twice"), shown);
  return FALSE;
}

/* Adds the request's extra parameters to @params, refusing one that is
 * already there (but for the repeatable `resource`). */
static gboolean
add_extra (PimAuthorizationRequest *self, GPtrArray *params, GError **error)
{
  const char *const *extra = pim_oauth_request_get_parameters (PIM_OAUTH_REQUEST (self));

  for (gsize i = 0; extra[i] != NULL; i += 2)
    if (strcmp (extra[i], "resource") != 0 && has_param (params, extra[i]))
      return pim_authorization_refuse_twice (extra[i], error);
  for (gsize i = 0; extra[i] != NULL; i += 2)
    pim_front_channel_add (params, extra[i], extra[i + 1]);
  return TRUE;
}

GPtrArray *
pim_authorization_request_build_params (PimAuthorizationRequest *self, GError **error)
{
  g_autoptr (GPtrArray) params = own_params (self, error);
  g_autoptr (GPtrArray) outer = NULL;
  g_autofree char *request_object = NULL;

  if (params == NULL || !add_extra (self, params, error))
    return NULL;
  if (self->request_object_key == NULL)
    return g_steal_pointer (&params);
  request_object = pim_authorization_request_make_request_object (self, params, error);
  if (request_object == NULL)
    return NULL;
  outer = g_ptr_array_new_with_free_func (g_free);
  pim_front_channel_add (outer, "client_id",
                         pim_oauth_request_get_client_id (PIM_OAUTH_REQUEST (self)));
  pim_front_channel_add (outer, "request", request_object);
  return g_steal_pointer (&outer);
}

/**
 * pim_authorization_request_build_url:
 * @self: an authorization request
 * @error: return location for a #GError
 *
 * Builds the URL to open in the user's browser: the authorization
 * endpoint with `response_type`, `client_id`, `redirect_uri`, `scope`,
 * `state`, `nonce`, `code_challenge` and `code_challenge_method`,
 * `response_mode`, `prompt`, `max_age`, `login_hint`, `acr_values`,
 * `claims`, `dpop_jkt` and `resource` (those that are set), then the
 * extra parameters, each percent-encoded (RFC 3986 unreserved characters
 * only), after any query the endpoint already has.
 *
 * With a [property@AuthorizationRequest:request-object-key], all of
 * those go into a signed request object instead (RFC 9101 §5.1), and the
 * URL carries only `client_id` and `request`.
 *
 * It fails with %PIM_OAUTH_ERROR_INVALID_ARGUMENT when the request has no
 * address, client identifier or response type, when a response type with
 * `id_token` has no nonce, when the PKCE properties contradict each other
 * or the verifier is not valid, when the claims request is not a JSON
 * object, when a parameter Pim sets is also in the endpoint's query or
 * the extra parameters, when a request object cannot be signed (no
 * issuer for its audience, no algorithm, `none`, not a private key), or
 * when [property@AuthorizationRequest:require-pushed-authorization-requests]
 * is set; with an [error@HttpError] for an address that is not an HTTP
 * URL, or plain HTTP outside the loopback interface while
 * [property@OAuthRequest:require-https] is on.
 *
 * Returns: (transfer full): the URL, or %NULL with @error set
 *
 * Since: 0.1
 */
char *
pim_authorization_request_build_url (PimAuthorizationRequest *self, GError **error)
{
  g_autoptr (GPtrArray) params = NULL;

  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Security profile (FAPI 2.0): only pushed requests. */
  if (!pim_security_profile_check_url (self, error))
    return NULL;
  if (self->require_pushed)
    {
      pim_authorization_invalid_argument (
          error, _ ("The provider accepts only pushed authorization requests: "
                    "push the request and open the URL of its answer"));
      return NULL;
    }
  params = pim_authorization_request_build_params (self, error);
  if (params == NULL)
    return NULL;
  return pim_front_channel_build_url_without_extra (PIM_OAUTH_REQUEST (self),
                                                    _ ("authorization request"), params, error);
}

/* ---- Reading the answer ---- */

static gboolean
resolve_mode (PimAuthorizationRequest *self, PimAuthorizationResponseMode *mode, GError **error)
{
  const char *name = self->response_mode;

  if (*mode != PIM_AUTHORIZATION_RESPONSE_MODE_AUTO)
    return TRUE;
  if (name == NULL)
    *mode = self->response_type == NULL || strcmp (self->response_type, "code") == 0 ||
                    strcmp (self->response_type, "none") == 0
                ? PIM_AUTHORIZATION_RESPONSE_MODE_QUERY
                : PIM_AUTHORIZATION_RESPONSE_MODE_FRAGMENT;
  else if (strcmp (name, "query") == 0)
    *mode = PIM_AUTHORIZATION_RESPONSE_MODE_QUERY;
  else if (strcmp (name, "fragment") == 0)
    *mode = PIM_AUTHORIZATION_RESPONSE_MODE_FRAGMENT;
  else if (strcmp (name, "form_post") == 0)
    *mode = PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST;
  else
    return pim_authorization_invalid_argument (error, _ ("Responses in the request's "
                                                         "“response-mode” cannot be "
                                                         "read as parameters"));
  return TRUE;
}

JsonObject *
pim_authorization_read_params (const char                  *response,
                               PimAuthorizationResponseMode mode,
                               GError                     **error)
{
  g_autofree char *query = NULL;
  g_autofree char *fragment = NULL;

  if (mode == PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST)
    return pim_front_channel_parse_params (response, error);
  if (!g_uri_split (response, G_URI_FLAGS_ENCODED, NULL, NULL, NULL, NULL, NULL, &query, &fragment,
                    NULL))
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
                           _ ("The authorization response is not a URI"));
      return NULL;
    }
  return pim_front_channel_parse_params (mode == PIM_AUTHORIZATION_RESPONSE_MODE_QUERY ? query
                                                                                       : fragment,
                                         error);
}

const char *
pim_authorization_param (JsonObject *params, const char *name)
{
  return json_object_has_member (params, name) ? json_object_get_string_member (params, name)
                                               : NULL;
}

/* The state, compared in constant time. */
static gboolean
check_state (PimAuthorizationRequest *self, JsonObject *params, GError **error)
{
  const char *got = pim_authorization_param (params, "state");
  const char *expected = self->state;

  if (expected == NULL && got == NULL)
    return TRUE;
  if (expected != NULL && got != NULL && strlen (expected) == strlen (got) &&
      pim_crypto_equal (expected, got, strlen (got)))
    return TRUE;
  g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_STATE_MISMATCH,
                       got == NULL ? _ ("The authorization response has no “state”")
                                   : _ ("The authorization response's “state” is not the "
                                        "request's"));
  return FALSE;
}

/* RFC 9207 §2.4. */
static gboolean
check_issuer (PimAuthorizationRequest *self, JsonObject *params, GError **error)
{
  const char *got = pim_authorization_param (params, "iss");
  const char *expected = pim_oauth_request_get_issuer (PIM_OAUTH_REQUEST (self));
  /* A security profile (FAPI 2.0) requires iss too. */
  gboolean require =
      self->require_issuer || pim_security_profile_requires_issuer (PIM_OAUTH_REQUEST (self));

  if (require && expected == NULL)
    return pim_authorization_invalid_argument (error, _ ("The authorization request requires an "
                                                         "issuer but has "
                                                         "no “issuer”"));
  if (got != NULL && expected != NULL && strcmp (got, expected) != 0)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_ISSUER_MISMATCH,
                           _ ("The authorization response comes from another issuer"));
      return FALSE;
    }
  /* Responses with an ID token go without: its iss stands for it. */
  if (got == NULL && require && pim_authorization_param (params, "id_token") == NULL)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_ISSUER_MISMATCH,
                           _ ("The authorization response has no “iss”"));
      return FALSE;
    }
  return TRUE;
}

static GError *
error_from_params (PimAuthorizationRequest *self, JsonObject *params)
{
  const char      *error = pim_authorization_param (params, "error");
  const char      *description = pim_authorization_param (params, "error_description");
  g_autofree char *endpoint =
      pim_http_uri_for_display (pim_oauth_request_get_address (PIM_OAUTH_REQUEST (self)));
  g_autofree char *shown_error = pim_oauth_sanitize_text (error);
  g_autofree char *shown_description = pim_oauth_sanitize_text (description);
  g_autoptr (PimOAuthErrorResponse) details =
      pim_oauth_error_response_new (error, description,
                                    pim_authorization_param (params, "error_uri"), 0, endpoint,
                                    params);

  pim_oauth_request_set_error_response (PIM_OAUTH_REQUEST (self), details);
  if (shown_description != NULL && *shown_description != '\0')
    return g_error_new (PIM_OAUTH_ERROR, pim_oauth_error_from_string (error),
                        /* translators: the first %s is an OAuth error code, the second
                         * the server's description */
                        _ ("The authorization server refused the request: %s (%s)"), shown_error,
                        shown_description);
  return g_error_new (PIM_OAUTH_ERROR, pim_oauth_error_from_string (error),
                      /* translators: %s is an OAuth error code */
                      _ ("The authorization server refused the request: %s"), shown_error);
}

/* What the response type promises. */
static gboolean
check_required (PimAuthorizationRequest *self, JsonObject *params, GError **error)
{
  static const struct
  {
    const char *response_type;
    const char *param;
  } required[] = {
    { "code", "code" },
    { "id_token", "id_token" },
    { "token", "access_token" },
    { "token", "token_type" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const char *value = pim_authorization_param (params, required[i].param);

      if (has_word (self->response_type, required[i].response_type) &&
          (value == NULL || *value == '\0'))
        {
          g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
                       /* translators: %s is a parameter such as “code” */
                       _ ("The authorization response has no “%s”"), required[i].param);
          return FALSE;
        }
    }
  return TRUE;
}

/* The checks shared by plain and JWT responses. */
PimAuthorizationResponse *
pim_authorization_request_check_params (PimAuthorizationRequest *self,
                                        JsonObject              *params,
                                        GError                 **error)
{
  if (!check_state (self, params, error) || !check_issuer (self, params, error))
    return NULL;
  if (json_object_has_member (params, "error"))
    {
      g_propagate_error (error, error_from_params (self, params));
      return NULL;
    }
  if (!check_required (self, params, error))
    return NULL;
  return pim_authorization_response_new_from_params (params, error);
}

/**
 * pim_authorization_request_parse_response:
 * @self: the authorization request the response answers
 * @response: the URI the browser was sent back to (absolute, or only its
 *   path and what follows, as a loopback server sees it), or for
 *   %PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST the posted form's body
 * @mode: where the parameters are
 * @error: return location for a #GError
 *
 * Reads an authorization response and checks it against the request, in
 * this order:
 *
 * - the parameters must be well-formed, each at most once, else
 *   %PIM_OAUTH_ERROR_INVALID_RESPONSE;
 * - the `state` must be the request's (compared in constant time), and
 *   absent only if the request had none, else
 *   %PIM_OAUTH_ERROR_STATE_MISMATCH;
 * - an `iss` (RFC 9207) must be [property@OAuthRequest:issuer], and is
 *   required when [property@AuthorizationRequest:require-issuer] is set,
 *   except in a response with an ID token, else
 *   %PIM_OAUTH_ERROR_ISSUER_MISMATCH;
 * - an `error` makes the call fail with the [error@OAuthError] of that
 *   string (%PIM_OAUTH_ERROR_FAILED for one that is not registered), and
 *   the request keeps the details: [method@OAuthRequest.get_error_response];
 * - otherwise what the response type promises must be there (`code`,
 *   `id_token`, `access_token` and `token_type`), else
 *   %PIM_OAUTH_ERROR_INVALID_RESPONSE.
 *
 * The ID token of a hybrid or implicit response is not validated here:
 * use [func@validate_token] with the request's
 * [property@AuthorizationRequest:nonce].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimAuthorizationResponse *
pim_authorization_request_parse_response (PimAuthorizationRequest     *self,
                                          const char                  *response,
                                          PimAuthorizationResponseMode mode,
                                          GError                     **error)
{
  g_autoptr (JsonObject) params = NULL;

  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pim_oauth_request_set_error_response (PIM_OAUTH_REQUEST (self), NULL);
  if (!resolve_mode (self, &mode, error) ||
      (params = pim_authorization_read_params (response, mode, error)) == NULL)
    return NULL;
  return pim_authorization_request_check_params (self, params, error);
}
