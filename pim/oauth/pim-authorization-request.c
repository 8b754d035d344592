/* pim-authorization-request.c: PimAuthorizationRequest, the object: its
 * properties and constructors. The accessors are in
 * pim-authorization-request-accessors.c, preparing and building the URL
 * in pim-authorization-request-build.c, reading the answer in
 * pim-authorization-request-parse.c.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-authorization-request-private.h"
#include "pim-token-request-private.h"

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
