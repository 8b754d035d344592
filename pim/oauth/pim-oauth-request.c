/* pim-oauth-request.c: PimOAuthRequest
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-enum-types.h"
#include "pim-oauth-private.h"

/**
 * PimOAuthRequest:
 *
 * What every request to a provider's endpoint has: where to send it, who
 * the client is and how it authenticates, and extra parameters. The
 * requests themselves are its subclasses, such as
 * [class@ClientCredentialsTokenRequest]; they are plain objects with
 * properties, so that Python and JavaScript build them by name:
 *
 * ```python
 * request = Pim.ClientCredentialsTokenRequest(
 *     address='https://id.example.com/token', client_id='service',
 *     client_secret=secret, scope='orders:read')
 * response = Pim.request_token(request, None, None)
 * ```
 *
 * The endpoint is [property@OAuthRequest:address], or else found in the
 * discovery document of [property@OAuthRequest:issuer] (fetched under
 * [property@OAuthRequest:discovery-policy] and cached as
 * [func@get_discovery_document] caches it), in which case the client
 * authentication method must be one the provider lists. Endpoints must be
 * HTTPS unless they are on a loopback address or
 * [property@OAuthRequest:require-https] is turned off.
 *
 * When the provider refuses a request, the call fails with an
 * [error@OAuthError] and the request keeps the details (`error_uri`, the
 * HTTP status…) until its next call: [method@OAuthRequest.get_error_response].
 * A request may be used for several calls, one at a time.
 *
 * The client secret and key are write-only: they cannot be read back,
 * and never appear in logs or error messages.
 *
 * Since: 0.1
 */

typedef struct
{
  char               *address;
  char               *issuer;
  PimDiscoveryPolicy *discovery_policy;
  gboolean            require_https;
  char               *client_id;
  char               *client_secret;
  PimClientAuthMethod client_auth_method;
  PimJwk             *client_key;
  char               *assertion_audience;
  GPtrArray          *parameters; /* name, value, …, NULL */
  PimDPoPKey         *dpop_key;
  gboolean            use_mtls_endpoints;
  PimSecurityProfile *security_profile; /* FAPI 2.0 (pim-security-profile.c) */

  GMutex                 lock;
  PimOAuthErrorResponse *error_response;
} PimOAuthRequestPrivate;

enum
{
  PROP_0,
  PROP_ADDRESS,
  PROP_ISSUER,
  PROP_DISCOVERY_POLICY,
  PROP_REQUIRE_HTTPS,
  PROP_CLIENT_ID,
  PROP_CLIENT_SECRET,
  PROP_CLIENT_AUTH_METHOD,
  PROP_CLIENT_KEY,
  PROP_ASSERTION_AUDIENCE,
  PROP_ERROR_RESPONSE,
  PROP_USE_MTLS_ENDPOINTS,
  PROP_DPOP_KEY,
  PROP_SECURITY_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PimOAuthRequest, pim_oauth_request, G_TYPE_OBJECT)

static GQuark
kind_quark (void)
{
  return g_quark_from_static_string ("pim-oauth-request-kind");
}

void
pim_oauth_request_class_set_kind (gpointer klass, const PimOAuthRequestKind *kind)
{
  g_type_set_qdata (G_TYPE_FROM_CLASS (klass), kind_quark (), (gpointer) kind);
}

/* A class without a kind of its own has its parent's. */
const PimOAuthRequestKind *
pim_oauth_request_get_kind (PimOAuthRequest *self)
{
  for (GType type = G_OBJECT_TYPE (self); type != PIM_TYPE_OAUTH_REQUEST;
       type = g_type_parent (type))
    {
      const PimOAuthRequestKind *kind = g_type_get_qdata (type, kind_quark ());

      if (kind != NULL)
        return kind;
    }
  g_assert_not_reached ();
}

void
pim_oauth_clear_secret (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

gboolean
pim_oauth_require (const char *value, const char *property, GError **error)
{
  if (value != NULL && *value != '\0')
    return TRUE;
  g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
               /* translators: %s is a property name such as “code” */
               _ ("The request has no “%s”"), property);
  return FALSE;
}

PimHttpRequest *
pim_oauth_token_form_new (const char *endpoint,
                          const char *token,
                          const char *token_type_hint,
                          GError    **error)
{
  PimHttpRequest *http;

  if (!pim_oauth_require (token, "token", error))
    return NULL;
  http = pim_oauth_form_post_new (endpoint);
  pim_http_request_add_form_param (http, "token", token);
  /* Sent as given: a wrong hint is the server's to ignore (RFC 7009 §2.1,
   * RFC 7662 §2.1). */
  if (token_type_hint != NULL && *token_type_hint != '\0')
    pim_http_request_add_form_param (http, "token_type_hint", token_type_hint);
  return http;
}

static void
pim_oauth_request_finalize (GObject *object)
{
  PimOAuthRequestPrivate *priv =
      pim_oauth_request_get_instance_private (PIM_OAUTH_REQUEST (object));

  g_free (priv->address);
  g_free (priv->issuer);
  g_clear_object (&priv->discovery_policy);
  g_free (priv->client_id);
  pim_oauth_clear_secret (&priv->client_secret);
  g_clear_object (&priv->client_key);
  g_free (priv->assertion_audience);
  g_clear_object (&priv->dpop_key);
  g_clear_object (&priv->security_profile);
  g_ptr_array_unref (priv->parameters);
  g_clear_object (&priv->error_response);
  g_mutex_clear (&priv->lock);

  G_OBJECT_CLASS (pim_oauth_request_parent_class)->finalize (object);
}

static void
pim_oauth_request_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PimOAuthRequest        *self = PIM_OAUTH_REQUEST (object);
  PimOAuthRequestPrivate *priv = pim_oauth_request_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_value_set_string (value, priv->address);
      break;
    case PROP_ISSUER:
      g_value_set_string (value, priv->issuer);
      break;
    case PROP_DISCOVERY_POLICY:
      g_value_set_object (value, priv->discovery_policy);
      break;
    case PROP_REQUIRE_HTTPS:
      g_value_set_boolean (value, priv->require_https);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, priv->client_id);
      break;
    case PROP_CLIENT_AUTH_METHOD:
      g_value_set_enum (value, priv->client_auth_method);
      break;
    case PROP_ASSERTION_AUDIENCE:
      g_value_set_string (value, priv->assertion_audience);
      break;
    case PROP_ERROR_RESPONSE:
      g_value_take_object (value, pim_oauth_request_get_error_response (self));
      break;
    case PROP_DPOP_KEY:
      g_value_set_object (value, priv->dpop_key);
      break;
    case PROP_USE_MTLS_ENDPOINTS:
      g_value_set_boolean (value, priv->use_mtls_endpoints);
      break;
    case PROP_SECURITY_PROFILE:
      g_value_set_object (value, priv->security_profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_oauth_request_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PimOAuthRequest        *self = PIM_OAUTH_REQUEST (object);
  PimOAuthRequestPrivate *priv = pim_oauth_request_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_free (priv->address);
      priv->address = g_value_dup_string (value);
      break;
    case PROP_ISSUER:
      g_free (priv->issuer);
      priv->issuer = g_value_dup_string (value);
      break;
    case PROP_DISCOVERY_POLICY:
      g_clear_object (&priv->discovery_policy);
      priv->discovery_policy = g_value_dup_object (value);
      break;
    case PROP_REQUIRE_HTTPS:
      priv->require_https = g_value_get_boolean (value);
      break;
    case PROP_CLIENT_ID:
      g_free (priv->client_id);
      priv->client_id = g_value_dup_string (value);
      break;
    case PROP_CLIENT_SECRET:
      pim_oauth_clear_secret (&priv->client_secret);
      priv->client_secret = g_value_dup_string (value);
      break;
    case PROP_CLIENT_AUTH_METHOD:
      priv->client_auth_method = g_value_get_enum (value);
      break;
    case PROP_CLIENT_KEY:
      g_clear_object (&priv->client_key);
      priv->client_key = g_value_dup_object (value);
      break;
    case PROP_DPOP_KEY:
      g_clear_object (&priv->dpop_key);
      priv->dpop_key = g_value_dup_object (value);
      break;
    case PROP_ASSERTION_AUDIENCE:
      g_free (priv->assertion_audience);
      priv->assertion_audience = g_value_dup_string (value);
      break;
    case PROP_USE_MTLS_ENDPOINTS:
      priv->use_mtls_endpoints = g_value_get_boolean (value);
      break;
    case PROP_SECURITY_PROFILE:
      g_clear_object (&priv->security_profile);
      priv->security_profile = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_oauth_request_class_init (PimOAuthRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_oauth_request_finalize;
  object_class->get_property = pim_oauth_request_get_property;
  object_class->set_property = pim_oauth_request_set_property;

  /**
   * PimOAuthRequest:address: (getter get_address) (setter set_address)
   *
   * The endpoint's URL. Unset, the endpoint comes from the discovery
   * document of [property@OAuthRequest:issuer].
   *
   * Since: 0.1
   */
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);

  /**
   * PimOAuthRequest:issuer: (getter get_issuer) (setter set_issuer)
   *
   * The provider's issuer: where to discover the endpoint when
   * [property@OAuthRequest:address] is unset, and the default audience of
   * client assertions.
   *
   * Since: 0.1
   */
  properties[PROP_ISSUER] = g_param_spec_string ("issuer", NULL, NULL, NULL, flags);

  /**
   * PimOAuthRequest:discovery-policy:
   *
   * The policy for discovering [property@OAuthRequest:issuer]; unset, the
   * strict default.
   *
   * Since: 0.1
   */
  properties[PROP_DISCOVERY_POLICY] =
      g_param_spec_object ("discovery-policy", NULL, NULL, PIM_TYPE_DISCOVERY_POLICY, flags);

  /**
   * PimOAuthRequest:require-https:
   *
   * Whether the endpoint must be HTTPS (or on a loopback address). On by
   * default; turning it off sends secrets over plain HTTP.
   *
   * Since: 0.1
   */
  properties[PROP_REQUIRE_HTTPS] =
      g_param_spec_boolean ("require-https", NULL, NULL, TRUE, flags | G_PARAM_CONSTRUCT);

  /**
   * PimOAuthRequest:client-id: (getter get_client_id) (setter set_client_id)
   *
   * The client's identifier.
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, NULL, flags);

  /**
   * PimOAuthRequest:client-secret: (setter set_client_secret)
   *
   * The client's secret, for `client_secret_basic`, `client_secret_post`
   * and `client_secret_jwt`. Write-only.
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_SECRET] = g_param_spec_string ("client-secret", NULL, NULL, NULL,
                                                        G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);

  /**
   * PimOAuthRequest:client-auth-method: (getter get_client_auth_method) (setter set_client_auth_method)
   *
   * How the client authenticates; see [enum@ClientAuthMethod].
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_AUTH_METHOD] =
      g_param_spec_enum ("client-auth-method", NULL, NULL, PIM_TYPE_CLIENT_AUTH_METHOD,
                         PIM_CLIENT_AUTH_AUTO, flags);

  /**
   * PimOAuthRequest:client-key:
   *
   * The client's private key, for `private_key_jwt`. Its `alg` signs the
   * assertion, or without one the algorithm its type implies (RS256 for
   * RSA, ES256, ES384 or ES512 by curve, EdDSA for OKP); its `kid`, if
   * any, goes in the assertion's header. Write-only.
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_KEY] = g_param_spec_object ("client-key", NULL, NULL, PIM_TYPE_JWK,
                                                     G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);

  /**
   * PimOAuthRequest:assertion-audience:
   *
   * The `aud` of client assertions (`client_secret_jwt`,
   * `private_key_jwt`). Unset: the issuer when it is known, else the
   * endpoint's URL.
   *
   * Since: 0.1
   */
  properties[PROP_ASSERTION_AUDIENCE] =
      g_param_spec_string ("assertion-audience", NULL, NULL, NULL, flags);

  /**
   * PimOAuthRequest:error-response: (getter get_error_response)
   *
   * What the provider answered when it refused the last call made with
   * this request; %NULL after a call that succeeded or failed for another
   * reason.
   *
   * Since: 0.1
   */
  properties[PROP_ERROR_RESPONSE] =
      g_param_spec_object ("error-response", NULL, NULL, PIM_TYPE_OAUTH_ERROR_RESPONSE,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * PimOAuthRequest:use-mtls-endpoints: (getter get_use_mtls_endpoints) (setter set_use_mtls_endpoints)
   *
   * Whether an endpoint found by discovery is taken from the provider's
   * `mtls_endpoint_aliases` (RFC 8705 §5) when it lists one: set it when
   * the [class@HttpClient] has a
   * [property@HttpClient:tls-client-certificate] and the tokens are to be
   * bound to that certificate. The client authentication methods
   * `tls_client_auth` and `self_signed_tls_client_auth` always use the
   * aliases, whatever this says. An endpoint without an alias, or a
   * request with an [property@OAuthRequest:address], is used as it is.
   *
   * Since: 0.1
   */
  properties[PROP_USE_MTLS_ENDPOINTS] =
      g_param_spec_boolean ("use-mtls-endpoints", NULL, NULL, FALSE, flags);

  /**
   * PimOAuthRequest:dpop-key: (getter get_dpop_key) (setter set_dpop_key)
   *
   * The DPoP key (RFC 9449) of token and UserInfo requests: with one, each
   * request carries a DPoP proof, the provider binds the tokens it issues
   * to the key, and UserInfo requests send their access token as
   * `Authorization: DPoP`. A refusal for want of a server nonce
   * (`use_dpop_nonce`) is retried once with the nonce, which the key
   * remembers for later proofs. Other requests ignore it.
   *
   * Since: 0.1
   */
  properties[PROP_DPOP_KEY] =
      g_param_spec_object ("dpop-key", NULL, NULL, PIM_TYPE_DPOP_KEY, flags);

  /**
   * PimOAuthRequest:security-profile: (getter get_security_profile) (setter set_security_profile)
   *
   * The security profile the request must follow, such as FAPI 2.0
   * ([ctor@SecurityProfile.new_fapi2]): a request that breaks one of its
   * rules fails with %PIM_OAUTH_ERROR_PROFILE_VIOLATION before anything is
   * sent. %NULL for none.
   *
   * Since: 0.1
   */
  properties[PROP_SECURITY_PROFILE] =
      g_param_spec_object ("security-profile", NULL, NULL, PIM_TYPE_SECURITY_PROFILE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_oauth_request_init (PimOAuthRequest *self)
{
  PimOAuthRequestPrivate *priv = pim_oauth_request_get_instance_private (self);

  priv->require_https = TRUE;
  priv->parameters = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (priv->parameters, NULL);
  g_mutex_init (&priv->lock);
}

#define PRIV(self) ((PimOAuthRequestPrivate *) pim_oauth_request_get_instance_private (self))

/**
 * pim_oauth_request_get_address:
 * @self: a request
 *
 * Gets [property@OAuthRequest:address].
 *
 * Returns: (nullable): the endpoint's URL
 *
 * Since: 0.1
 */
const char *
pim_oauth_request_get_address (PimOAuthRequest *self)
{
  g_return_val_if_fail (PIM_IS_OAUTH_REQUEST (self), NULL);
  return PRIV (self)->address;
}

/**
 * pim_oauth_request_set_address:
 * @self: a request
 * @address: (nullable): the endpoint's URL
 *
 * Sets [property@OAuthRequest:address].
 *
 * Since: 0.1
 */
void
pim_oauth_request_set_address (PimOAuthRequest *self, const char *address)
{
  g_return_if_fail (PIM_IS_OAUTH_REQUEST (self));
  g_object_set (self, "address", address, NULL);
}

/**
 * pim_oauth_request_get_issuer:
 * @self: a request
 *
 * Gets [property@OAuthRequest:issuer].
 *
 * Returns: (nullable): the issuer
 *
 * Since: 0.1
 */
const char *
pim_oauth_request_get_issuer (PimOAuthRequest *self)
{
  g_return_val_if_fail (PIM_IS_OAUTH_REQUEST (self), NULL);
  return PRIV (self)->issuer;
}

/**
 * pim_oauth_request_set_issuer:
 * @self: a request
 * @issuer: (nullable): the issuer
 *
 * Sets [property@OAuthRequest:issuer].
 *
 * Since: 0.1
 */
void
pim_oauth_request_set_issuer (PimOAuthRequest *self, const char *issuer)
{
  g_return_if_fail (PIM_IS_OAUTH_REQUEST (self));
  g_object_set (self, "issuer", issuer, NULL);
}

/**
 * pim_oauth_request_get_client_id:
 * @self: a request
 *
 * Gets [property@OAuthRequest:client-id].
 *
 * Returns: (nullable): the client's identifier
 *
 * Since: 0.1
 */
const char *
pim_oauth_request_get_client_id (PimOAuthRequest *self)
{
  g_return_val_if_fail (PIM_IS_OAUTH_REQUEST (self), NULL);
  return PRIV (self)->client_id;
}

/**
 * pim_oauth_request_set_client_id:
 * @self: a request
 * @client_id: (nullable): the client's identifier
 *
 * Sets [property@OAuthRequest:client-id].
 *
 * Since: 0.1
 */
void
pim_oauth_request_set_client_id (PimOAuthRequest *self, const char *client_id)
{
  g_return_if_fail (PIM_IS_OAUTH_REQUEST (self));
  g_object_set (self, "client-id", client_id, NULL);
}

/**
 * pim_oauth_request_set_client_secret:
 * @self: a request
 * @client_secret: (nullable): the client's secret
 *
 * Sets [property@OAuthRequest:client-secret].
 *
 * Since: 0.1
 */
void
pim_oauth_request_set_client_secret (PimOAuthRequest *self, const char *client_secret)
{
  g_return_if_fail (PIM_IS_OAUTH_REQUEST (self));
  g_object_set (self, "client-secret", client_secret, NULL);
}

/**
 * pim_oauth_request_get_client_auth_method:
 * @self: a request
 *
 * Gets [property@OAuthRequest:client-auth-method].
 *
 * Returns: the method
 *
 * Since: 0.1
 */
PimClientAuthMethod
pim_oauth_request_get_client_auth_method (PimOAuthRequest *self)
{
  g_return_val_if_fail (PIM_IS_OAUTH_REQUEST (self), PIM_CLIENT_AUTH_AUTO);
  return PRIV (self)->client_auth_method;
}

/**
 * pim_oauth_request_set_client_auth_method:
 * @self: a request
 * @method: the method
 *
 * Sets [property@OAuthRequest:client-auth-method].
 *
 * Since: 0.1
 */
void
pim_oauth_request_set_client_auth_method (PimOAuthRequest *self, PimClientAuthMethod method)
{
  g_return_if_fail (PIM_IS_OAUTH_REQUEST (self));
  g_object_set (self, "client-auth-method", method, NULL);
}

/**
 * pim_oauth_request_get_use_mtls_endpoints:
 * @self: a request
 *
 * Gets [property@OAuthRequest:use-mtls-endpoints].
 *
 * Returns: whether the request was asked to use the mTLS endpoint aliases
 *
 * Since: 0.1
 */
gboolean
pim_oauth_request_get_use_mtls_endpoints (PimOAuthRequest *self)
{
  g_return_val_if_fail (PIM_IS_OAUTH_REQUEST (self), FALSE);
  return PRIV (self)->use_mtls_endpoints;
}

/**
 * pim_oauth_request_set_use_mtls_endpoints:
 * @self: a request
 * @use_mtls_endpoints: whether to use the mTLS endpoint aliases
 *
 * Sets [property@OAuthRequest:use-mtls-endpoints].
 *
 * Since: 0.1
 */
void
pim_oauth_request_set_use_mtls_endpoints (PimOAuthRequest *self, gboolean use_mtls_endpoints)
{
  g_return_if_fail (PIM_IS_OAUTH_REQUEST (self));
  g_object_set (self, "use-mtls-endpoints", use_mtls_endpoints, NULL);
}

gboolean
pim_oauth_request_uses_mtls_endpoints (PimOAuthRequest *self)
{
  return PRIV (self)->use_mtls_endpoints || pim_client_auth_is_tls (pim_client_auth_resolve (self));
}

/**
 * pim_oauth_request_get_dpop_key:
 * @self: a request
 *
 * Gets [property@OAuthRequest:dpop-key].
 *
 * Returns: (transfer none) (nullable): the DPoP key
 *
 * Since: 0.1
 */
PimDPoPKey *
pim_oauth_request_get_dpop_key (PimOAuthRequest *self)
{
  g_return_val_if_fail (PIM_IS_OAUTH_REQUEST (self), NULL);
  return PRIV (self)->dpop_key;
}

/**
 * pim_oauth_request_set_dpop_key:
 * @self: a request
 * @dpop_key: (nullable): the DPoP key
 *
 * Sets [property@OAuthRequest:dpop-key].
 *
 * Since: 0.1
 */
void
pim_oauth_request_set_dpop_key (PimOAuthRequest *self, PimDPoPKey *dpop_key)
{
  g_return_if_fail (PIM_IS_OAUTH_REQUEST (self));
  g_return_if_fail (dpop_key == NULL || PIM_IS_DPOP_KEY (dpop_key));
  g_object_set (self, "dpop-key", dpop_key, NULL);
}

/**
 * pim_oauth_request_get_security_profile:
 * @self: a request
 *
 * Gets [property@OAuthRequest:security-profile].
 *
 * Returns: (transfer none) (nullable): the profile
 *
 * Since: 0.1
 */
PimSecurityProfile *
pim_oauth_request_get_security_profile (PimOAuthRequest *self)
{
  g_return_val_if_fail (PIM_IS_OAUTH_REQUEST (self), NULL);
  return PRIV (self)->security_profile;
}

/**
 * pim_oauth_request_set_security_profile:
 * @self: a request
 * @profile: (nullable): the profile
 *
 * Sets [property@OAuthRequest:security-profile].
 *
 * Since: 0.1
 */
void
pim_oauth_request_set_security_profile (PimOAuthRequest *self, PimSecurityProfile *profile)
{
  g_return_if_fail (PIM_IS_OAUTH_REQUEST (self));
  g_return_if_fail (profile == NULL || PIM_IS_SECURITY_PROFILE (profile));
  g_object_set (self, "security-profile", profile, NULL);
}

/**
 * pim_oauth_request_add_parameter:
 * @self: a request
 * @name: a parameter name
 * @value: its value
 *
 * Adds a parameter to send beside the request's own, for extensions Pim
 * does not model. A name may be added several times. Parameters that Pim
 * sets itself (`grant_type`, `client_id`, `client_assertion`…) cannot be
 * overridden this way: sending them twice is an error of the call.
 *
 * Since: 0.1
 */
void
pim_oauth_request_add_parameter (PimOAuthRequest *self, const char *name, const char *value)
{
  GPtrArray *parameters;

  g_return_if_fail (PIM_IS_OAUTH_REQUEST (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);

  parameters = PRIV (self)->parameters;
  g_ptr_array_remove_index (parameters, parameters->len - 1);
  g_ptr_array_add (parameters, g_strdup (name));
  g_ptr_array_add (parameters, g_strdup (value));
  g_ptr_array_add (parameters, NULL);
}

/**
 * pim_oauth_request_get_error_response:
 * @self: a request
 *
 * Gets [property@OAuthRequest:error-response]: what the provider answered
 * when it refused the last call made with this request.
 *
 * Returns: (transfer full) (nullable): the provider's answer, or %NULL
 *
 * Since: 0.1
 */
PimOAuthErrorResponse *
pim_oauth_request_get_error_response (PimOAuthRequest *self)
{
  PimOAuthRequestPrivate *priv;
  PimOAuthErrorResponse  *response;

  g_return_val_if_fail (PIM_IS_OAUTH_REQUEST (self), NULL);

  priv = PRIV (self);
  g_mutex_lock (&priv->lock);
  response = priv->error_response != NULL ? g_object_ref (priv->error_response) : NULL;
  g_mutex_unlock (&priv->lock);
  return response;
}

void
pim_oauth_request_set_error_response (PimOAuthRequest *self, PimOAuthErrorResponse *response)
{
  PimOAuthRequestPrivate *priv = PRIV (self);
  gboolean                changed;

  g_mutex_lock (&priv->lock);
  changed = priv->error_response != response;
  g_set_object (&priv->error_response, response);
  g_mutex_unlock (&priv->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_RESPONSE]);
}

const char *
pim_oauth_request_get_client_secret (PimOAuthRequest *self)
{
  return PRIV (self)->client_secret;
}

PimJwk *
pim_oauth_request_get_client_key (PimOAuthRequest *self)
{
  return PRIV (self)->client_key;
}

const char *
pim_oauth_request_get_assertion_audience (PimOAuthRequest *self)
{
  return PRIV (self)->assertion_audience;
}

PimDiscoveryPolicy *
pim_oauth_request_get_discovery_policy (PimOAuthRequest *self)
{
  return PRIV (self)->discovery_policy;
}

gboolean
pim_oauth_request_get_require_https (PimOAuthRequest *self)
{
  return PRIV (self)->require_https;
}

const char *const *
pim_oauth_request_get_parameters (PimOAuthRequest *self)
{
  return (const char *const *) PRIV (self)->parameters->pdata;
}

PimHttpRequest *
pim_oauth_form_post_new (const char *endpoint)
{
  PimHttpRequest *http = pim_http_request_new ("POST", endpoint);

  pim_http_request_set_expect_json (http, TRUE);
  return http;
}
