/* pim-discovery-document-fields.c: the typed getters of PimDiscoveryDocument
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One getter per metadata member; the values are read and checked when the
 * document is built (pim-discovery-document.c).
 */

#include "pim-private.h"

#include "pim-discovery-document-private.h"

#define STRING_GETTER(name, ID)                                                  \
  const char *pim_discovery_document_get_##name (PimDiscoveryDocument *self)     \
  {                                                                              \
    return pim_discovery_document_peek_string (self, PIM_DISCOVERY_MEMBER_##ID); \
  }
#define STRV_GETTER(name, ID)                                                       \
  const char *const *pim_discovery_document_get_##name (PimDiscoveryDocument *self) \
  {                                                                                 \
    return pim_discovery_document_peek_strv (self, PIM_DISCOVERY_MEMBER_##ID);      \
  }
#define BOOLEAN_GETTER(name, ID)                                                  \
  gboolean pim_discovery_document_get_##name (PimDiscoveryDocument *self)         \
  {                                                                               \
    return pim_discovery_document_peek_boolean (self, PIM_DISCOVERY_MEMBER_##ID); \
  }

/**
 * pim_discovery_document_get_issuer:
 * @self: a discovery document
 *
 * Gets `issuer` (OpenID Connect Discovery 1.0 §3, RFC 8414 §2): the URL that
 * the provider asserts as its issuer identifier, `https` with no query or
 * fragment. It is always there, and equals the expected issuer when the
 * document was checked against one.
 *
 * Returns: the issuer
 *
 * Since: 0.1
 */
STRING_GETTER (issuer, ISSUER)

/**
 * pim_discovery_document_get_authorization_endpoint:
 * @self: a discovery document
 *
 * Gets `authorization_endpoint` (OpenID Connect Discovery 1.0 §3, RFC 8414
 * §2): the URL of the authorization endpoint (RFC 6749 §3.1).
 *
 * Returns: (nullable): the URL, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (authorization_endpoint, AUTHORIZATION_ENDPOINT)

/**
 * pim_discovery_document_get_token_endpoint:
 * @self: a discovery document
 *
 * Gets `token_endpoint` (OpenID Connect Discovery 1.0 §3, RFC 8414 §2): the
 * URL of the token endpoint (RFC 6749 §3.2).
 *
 * Returns: (nullable): the URL, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (token_endpoint, TOKEN_ENDPOINT)

/**
 * pim_discovery_document_get_userinfo_endpoint:
 * @self: a discovery document
 *
 * Gets `userinfo_endpoint` (OpenID Connect Discovery 1.0 §3): the URL of the
 * UserInfo endpoint (OpenID Connect Core 1.0 §5.3).
 *
 * Returns: (nullable): the URL, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (userinfo_endpoint, USERINFO_ENDPOINT)

/**
 * pim_discovery_document_get_jwks_uri:
 * @self: a discovery document
 *
 * Gets `jwks_uri` (OpenID Connect Discovery 1.0 §3, RFC 8414 §2): the URL of
 * the provider's JWK Set document, with the keys that sign its tokens.
 *
 * Returns: (nullable): the URL, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (jwks_uri, JWKS_URI)

/**
 * pim_discovery_document_get_registration_endpoint:
 * @self: a discovery document
 *
 * Gets `registration_endpoint` (OpenID Connect Discovery 1.0 §3, RFC 8414
 * §2): the URL of the dynamic client registration endpoint (RFC 7591, OpenID
 * Connect Dynamic Client Registration 1.0).
 *
 * Returns: (nullable): the URL, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (registration_endpoint, REGISTRATION_ENDPOINT)

/**
 * pim_discovery_document_get_service_documentation:
 * @self: a discovery document
 *
 * Gets `service_documentation` (OpenID Connect Discovery 1.0 §3, RFC 8414
 * §2): the URL of human-readable documentation for developers.
 *
 * Returns: (nullable): the URL, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (service_documentation, SERVICE_DOCUMENTATION)

/**
 * pim_discovery_document_get_op_policy_uri:
 * @self: a discovery document
 *
 * Gets `op_policy_uri` (OpenID Connect Discovery 1.0 §3, RFC 8414 §2): the
 * URL of the provider's policy on how a client may use the data it provides.
 *
 * Returns: (nullable): the URL, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (op_policy_uri, OP_POLICY_URI)

/**
 * pim_discovery_document_get_op_tos_uri:
 * @self: a discovery document
 *
 * Gets `op_tos_uri` (OpenID Connect Discovery 1.0 §3, RFC 8414 §2): the URL
 * of the provider's terms of service.
 *
 * Returns: (nullable): the URL, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (op_tos_uri, OP_TOS_URI)

/**
 * pim_discovery_document_get_revocation_endpoint:
 * @self: a discovery document
 *
 * Gets `revocation_endpoint` (RFC 8414 §2): the URL of the token revocation
 * endpoint (RFC 7009).
 *
 * Returns: (nullable): the URL, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (revocation_endpoint, REVOCATION_ENDPOINT)

/**
 * pim_discovery_document_get_introspection_endpoint:
 * @self: a discovery document
 *
 * Gets `introspection_endpoint` (RFC 8414 §2): the URL of the token
 * introspection endpoint (RFC 7662).
 *
 * Returns: (nullable): the URL, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (introspection_endpoint, INTROSPECTION_ENDPOINT)

/**
 * pim_discovery_document_get_end_session_endpoint:
 * @self: a discovery document
 *
 * Gets `end_session_endpoint` (OpenID Connect RP-Initiated Logout 1.0 §2.1):
 * the URL where a client sends the user to log out.
 *
 * Returns: (nullable): the URL, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (end_session_endpoint, END_SESSION_ENDPOINT)

/**
 * pim_discovery_document_get_check_session_iframe:
 * @self: a discovery document
 *
 * Gets `check_session_iframe` (OpenID Connect Session Management 1.0 §3.3):
 * the URL of the page a client loads in an iframe to follow the user's
 * session state.
 *
 * Returns: (nullable): the URL, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (check_session_iframe, CHECK_SESSION_IFRAME)

/**
 * pim_discovery_document_get_device_authorization_endpoint:
 * @self: a discovery document
 *
 * Gets `device_authorization_endpoint` (RFC 8628 §4): the URL of the device
 * authorization endpoint.
 *
 * Returns: (nullable): the URL, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (device_authorization_endpoint, DEVICE_AUTHORIZATION_ENDPOINT)

/**
 * pim_discovery_document_get_pushed_authorization_request_endpoint:
 * @self: a discovery document
 *
 * Gets `pushed_authorization_request_endpoint` (RFC 9126 §5): the URL of the
 * pushed authorization request endpoint.
 *
 * Returns: (nullable): the URL, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (pushed_authorization_request_endpoint, PUSHED_AUTHORIZATION_REQUEST_ENDPOINT)

/**
 * pim_discovery_document_get_backchannel_authentication_endpoint:
 * @self: a discovery document
 *
 * Gets `backchannel_authentication_endpoint` (OpenID Connect CIBA Core 1.0
 * §4): the URL of the client-initiated backchannel authentication endpoint.
 *
 * Returns: (nullable): the URL, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (backchannel_authentication_endpoint, BACKCHANNEL_AUTHENTICATION_ENDPOINT)

/**
 * pim_discovery_document_get_signed_metadata:
 * @self: a discovery document
 *
 * Gets `signed_metadata` (RFC 8414 §2.1): a JWT whose claims are metadata
 * values, as the provider signed it. Pim does not verify it, nor does it use
 * its claims: the document's own members are what the getters return.
 *
 * Returns: (nullable): the compact JWT, or %NULL when the document has none
 *
 * Since: 0.1
 */
STRING_GETTER (signed_metadata, SIGNED_METADATA)

/**
 * pim_discovery_document_get_scopes_supported:
 * @self: a discovery document
 *
 * Gets `scopes_supported` (OpenID Connect Discovery 1.0 §3, RFC 8414 §2): the
 * scope values the provider supports.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (scopes_supported, SCOPES_SUPPORTED)

/**
 * pim_discovery_document_get_response_types_supported:
 * @self: a discovery document
 *
 * Gets `response_types_supported` (OpenID Connect Discovery 1.0 §3, RFC 8414
 * §2): the `response_type` values the provider supports. The member is
 * required.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (response_types_supported, RESPONSE_TYPES_SUPPORTED)

/**
 * pim_discovery_document_get_response_modes_supported:
 * @self: a discovery document
 *
 * Gets `response_modes_supported` (OpenID Connect Discovery 1.0 §3, RFC 8414
 * §2): the `response_mode` values the provider supports (OAuth 2.0 Multiple
 * Response Type Encoding Practices). When the member is absent the
 * specification's default is `query`, `fragment`: this returns %NULL then,
 * and [method@DiscoveryDocument.supports] applies the default.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (response_modes_supported, RESPONSE_MODES_SUPPORTED)

/**
 * pim_discovery_document_get_grant_types_supported:
 * @self: a discovery document
 *
 * Gets `grant_types_supported` (OpenID Connect Discovery 1.0 §3, RFC 8414
 * §2): the grant types the provider supports. When the member is absent the
 * specification's default is `authorization_code`, `implicit`: this returns
 * %NULL then, and [method@DiscoveryDocument.supports] applies the default.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (grant_types_supported, GRANT_TYPES_SUPPORTED)

/**
 * pim_discovery_document_get_acr_values_supported:
 * @self: a discovery document
 *
 * Gets `acr_values_supported` (OpenID Connect Discovery 1.0 §3): the
 * Authentication Context Class References the provider supports.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (acr_values_supported, ACR_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_subject_types_supported:
 * @self: a discovery document
 *
 * Gets `subject_types_supported` (OpenID Connect Discovery 1.0 §3): the
 * subject identifier types the provider supports, such as `public` and
 * `pairwise`. The member is required in OpenID documents.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (subject_types_supported, SUBJECT_TYPES_SUPPORTED)

/**
 * pim_discovery_document_get_id_token_signing_alg_values_supported:
 * @self: a discovery document
 *
 * Gets `id_token_signing_alg_values_supported` (OpenID Connect Discovery 1.0
 * §3): the JWS algorithms the provider may sign ID tokens with. The member is
 * required in OpenID documents.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (id_token_signing_alg_values_supported, ID_TOKEN_SIGNING_ALG_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_id_token_encryption_alg_values_supported:
 * @self: a discovery document
 *
 * Gets `id_token_encryption_alg_values_supported` (OpenID Connect Discovery
 * 1.0 §3): the JWE `alg` values the provider may encrypt ID tokens with.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (id_token_encryption_alg_values_supported, ID_TOKEN_ENCRYPTION_ALG_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_id_token_encryption_enc_values_supported:
 * @self: a discovery document
 *
 * Gets `id_token_encryption_enc_values_supported` (OpenID Connect Discovery
 * 1.0 §3): the JWE `enc` values the provider may encrypt ID tokens with.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (id_token_encryption_enc_values_supported, ID_TOKEN_ENCRYPTION_ENC_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_userinfo_signing_alg_values_supported:
 * @self: a discovery document
 *
 * Gets `userinfo_signing_alg_values_supported` (OpenID Connect Discovery 1.0
 * §3): the JWS algorithms the UserInfo endpoint may sign its responses with.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (userinfo_signing_alg_values_supported, USERINFO_SIGNING_ALG_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_userinfo_encryption_alg_values_supported:
 * @self: a discovery document
 *
 * Gets `userinfo_encryption_alg_values_supported` (OpenID Connect Discovery
 * 1.0 §3): the JWE `alg` values the UserInfo endpoint may encrypt its
 * responses with.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (userinfo_encryption_alg_values_supported, USERINFO_ENCRYPTION_ALG_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_userinfo_encryption_enc_values_supported:
 * @self: a discovery document
 *
 * Gets `userinfo_encryption_enc_values_supported` (OpenID Connect Discovery
 * 1.0 §3): the JWE `enc` values the UserInfo endpoint may encrypt its
 * responses with.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (userinfo_encryption_enc_values_supported, USERINFO_ENCRYPTION_ENC_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_request_object_signing_alg_values_supported:
 * @self: a discovery document
 *
 * Gets `request_object_signing_alg_values_supported` (OpenID Connect
 * Discovery 1.0 §3): the JWS algorithms the provider accepts for request
 * objects.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (request_object_signing_alg_values_supported,
             REQUEST_OBJECT_SIGNING_ALG_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_request_object_encryption_alg_values_supported:
 * @self: a discovery document
 *
 * Gets `request_object_encryption_alg_values_supported` (OpenID Connect
 * Discovery 1.0 §3): the JWE `alg` values the provider accepts for request
 * objects.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (request_object_encryption_alg_values_supported,
             REQUEST_OBJECT_ENCRYPTION_ALG_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_request_object_encryption_enc_values_supported:
 * @self: a discovery document
 *
 * Gets `request_object_encryption_enc_values_supported` (OpenID Connect
 * Discovery 1.0 §3): the JWE `enc` values the provider accepts for request
 * objects.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (request_object_encryption_enc_values_supported,
             REQUEST_OBJECT_ENCRYPTION_ENC_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_token_endpoint_auth_methods_supported:
 * @self: a discovery document
 *
 * Gets `token_endpoint_auth_methods_supported` (OpenID Connect Discovery 1.0
 * §3, RFC 8414 §2): the client authentication methods the token endpoint
 * supports. When the member is absent the specification's default is
 * `client_secret_basic`: this returns %NULL then, and
 * [method@DiscoveryDocument.supports] applies the default.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (token_endpoint_auth_methods_supported, TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED)

/**
 * pim_discovery_document_get_token_endpoint_auth_signing_alg_values_supported:
 * @self: a discovery document
 *
 * Gets `token_endpoint_auth_signing_alg_values_supported` (OpenID Connect
 * Discovery 1.0 §3, RFC 8414 §2): the JWS algorithms the token endpoint
 * accepts for `private_key_jwt` and `client_secret_jwt` assertions.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (token_endpoint_auth_signing_alg_values_supported,
             TOKEN_ENDPOINT_AUTH_SIGNING_ALG_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_display_values_supported:
 * @self: a discovery document
 *
 * Gets `display_values_supported` (OpenID Connect Discovery 1.0 §3): the
 * `display` values the provider supports.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (display_values_supported, DISPLAY_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_claim_types_supported:
 * @self: a discovery document
 *
 * Gets `claim_types_supported` (OpenID Connect Discovery 1.0 §3): the claim
 * types the provider supports: `normal`, `aggregated`, `distributed`. When
 * the member is absent the specification's default is `normal`: this returns
 * %NULL then, and [method@DiscoveryDocument.supports] applies the default.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (claim_types_supported, CLAIM_TYPES_SUPPORTED)

/**
 * pim_discovery_document_get_claims_supported:
 * @self: a discovery document
 *
 * Gets `claims_supported` (OpenID Connect Discovery 1.0 §3): the claims the
 * provider may be able to supply.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (claims_supported, CLAIMS_SUPPORTED)

/**
 * pim_discovery_document_get_claims_locales_supported:
 * @self: a discovery document
 *
 * Gets `claims_locales_supported` (OpenID Connect Discovery 1.0 §3): the
 * languages and scripts (BCP 47 tags) of the claim values the provider
 * supports.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (claims_locales_supported, CLAIMS_LOCALES_SUPPORTED)

/**
 * pim_discovery_document_get_ui_locales_supported:
 * @self: a discovery document
 *
 * Gets `ui_locales_supported` (OpenID Connect Discovery 1.0 §3, RFC 8414 §2):
 * the languages and scripts (BCP 47 tags) of the provider's user interface.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (ui_locales_supported, UI_LOCALES_SUPPORTED)

/**
 * pim_discovery_document_get_revocation_endpoint_auth_methods_supported:
 * @self: a discovery document
 *
 * Gets `revocation_endpoint_auth_methods_supported` (RFC 8414 §2): the client
 * authentication methods the revocation endpoint supports. When the member is
 * absent the specification's default is `client_secret_basic`: this returns
 * %NULL then, and [method@DiscoveryDocument.supports] applies the default.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (revocation_endpoint_auth_methods_supported, REVOCATION_ENDPOINT_AUTH_METHODS_SUPPORTED)

/**
 * pim_discovery_document_get_revocation_endpoint_auth_signing_alg_values_supported:
 * @self: a discovery document
 *
 * Gets `revocation_endpoint_auth_signing_alg_values_supported` (RFC 8414 §2):
 * the JWS algorithms the revocation endpoint accepts for client assertions.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (revocation_endpoint_auth_signing_alg_values_supported,
             REVOCATION_ENDPOINT_AUTH_SIGNING_ALG_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_introspection_endpoint_auth_methods_supported:
 * @self: a discovery document
 *
 * Gets `introspection_endpoint_auth_methods_supported` (RFC 8414 §2): the
 * client authentication methods the introspection endpoint supports. There is
 * no default: when absent, the methods must be learnt by other means.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (introspection_endpoint_auth_methods_supported,
             INTROSPECTION_ENDPOINT_AUTH_METHODS_SUPPORTED)

/**
 * pim_discovery_document_get_introspection_endpoint_auth_signing_alg_values_supported:
 * @self: a discovery document
 *
 * Gets `introspection_endpoint_auth_signing_alg_values_supported` (RFC 8414
 * §2): the JWS algorithms the introspection endpoint accepts for client
 * assertions.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (introspection_endpoint_auth_signing_alg_values_supported,
             INTROSPECTION_ENDPOINT_AUTH_SIGNING_ALG_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_code_challenge_methods_supported:
 * @self: a discovery document
 *
 * Gets `code_challenge_methods_supported` (RFC 8414 §2): the PKCE code
 * challenge methods (RFC 7636) the provider supports. When absent, the
 * provider does not support PKCE.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (code_challenge_methods_supported, CODE_CHALLENGE_METHODS_SUPPORTED)

/**
 * pim_discovery_document_get_dpop_signing_alg_values_supported:
 * @self: a discovery document
 *
 * Gets `dpop_signing_alg_values_supported` (RFC 9449 §5.1): the JWS
 * algorithms the provider accepts for DPoP proofs.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (dpop_signing_alg_values_supported, DPOP_SIGNING_ALG_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_authorization_signing_alg_values_supported:
 * @self: a discovery document
 *
 * Gets `authorization_signing_alg_values_supported` (JWT Secured
 * Authorization Response Mode (JARM) §4): the JWS algorithms the provider may
 * sign JWT authorization responses (JARM) with.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (authorization_signing_alg_values_supported, AUTHORIZATION_SIGNING_ALG_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_authorization_encryption_alg_values_supported:
 * @self: a discovery document
 *
 * Gets `authorization_encryption_alg_values_supported` (JWT Secured
 * Authorization Response Mode (JARM) §4): the JWE `alg` values the provider
 * may encrypt JWT authorization responses (JARM) with.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (authorization_encryption_alg_values_supported,
             AUTHORIZATION_ENCRYPTION_ALG_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_authorization_encryption_enc_values_supported:
 * @self: a discovery document
 *
 * Gets `authorization_encryption_enc_values_supported` (JWT Secured
 * Authorization Response Mode (JARM) §4): the JWE `enc` values the provider
 * may encrypt JWT authorization responses (JARM) with.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (authorization_encryption_enc_values_supported,
             AUTHORIZATION_ENCRYPTION_ENC_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_backchannel_token_delivery_modes_supported:
 * @self: a discovery document
 *
 * Gets `backchannel_token_delivery_modes_supported` (OpenID Connect CIBA Core
 * 1.0 §4): the CIBA token delivery modes the provider supports: `poll`,
 * `ping`, `push`.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (backchannel_token_delivery_modes_supported, BACKCHANNEL_TOKEN_DELIVERY_MODES_SUPPORTED)

/**
 * pim_discovery_document_get_backchannel_authentication_request_signing_alg_values_supported:
 * @self: a discovery document
 *
 * Gets `backchannel_authentication_request_signing_alg_values_supported`
 * (OpenID Connect CIBA Core 1.0 §4): the JWS algorithms the provider accepts
 * for signed CIBA authentication requests.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (backchannel_authentication_request_signing_alg_values_supported,
             BACKCHANNEL_AUTHENTICATION_REQUEST_SIGNING_ALG_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_prompt_values_supported:
 * @self: a discovery document
 *
 * Gets `prompt_values_supported` (Initiating User Registration via OpenID
 * Connect 1.0 §4.1): the `prompt` values the provider supports, such as
 * `create`.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (prompt_values_supported, PROMPT_VALUES_SUPPORTED)

/**
 * pim_discovery_document_get_authorization_details_types_supported:
 * @self: a discovery document
 *
 * Gets `authorization_details_types_supported` (RFC 9396 §10): the
 * authorization details types (`authorization_details` `type` values) the
 * provider supports.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the values,
 *   or %NULL
 *
 * Since: 0.1
 */
STRV_GETTER (authorization_details_types_supported, AUTHORIZATION_DETAILS_TYPES_SUPPORTED)

/**
 * pim_discovery_document_get_claims_parameter_supported:
 * @self: a discovery document
 *
 * Gets `claims_parameter_supported` (OpenID Connect Discovery 1.0 §3):
 * whether the provider supports the `claims` request parameter. When the
 * member is absent this returns the specification's default, %FALSE.
 *
 * Returns: the value, or %FALSE when the document does not say
 *
 * Since: 0.1
 */
BOOLEAN_GETTER (claims_parameter_supported, CLAIMS_PARAMETER_SUPPORTED)

/**
 * pim_discovery_document_get_request_parameter_supported:
 * @self: a discovery document
 *
 * Gets `request_parameter_supported` (OpenID Connect Discovery 1.0 §3):
 * whether the provider supports the `request` parameter (request objects by
 * value). When the member is absent this returns the specification's default,
 * %FALSE.
 *
 * Returns: the value, or %FALSE when the document does not say
 *
 * Since: 0.1
 */
BOOLEAN_GETTER (request_parameter_supported, REQUEST_PARAMETER_SUPPORTED)

/**
 * pim_discovery_document_get_request_uri_parameter_supported:
 * @self: a discovery document
 *
 * Gets `request_uri_parameter_supported` (OpenID Connect Discovery 1.0 §3):
 * whether the provider supports the `request_uri` parameter (request objects
 * by reference). When the member is absent this returns the specification's
 * default, %TRUE.
 *
 * Returns: the value, or %TRUE when the document does not say
 *
 * Since: 0.1
 */
BOOLEAN_GETTER (request_uri_parameter_supported, REQUEST_URI_PARAMETER_SUPPORTED)

/**
 * pim_discovery_document_get_require_request_uri_registration:
 * @self: a discovery document
 *
 * Gets `require_request_uri_registration` (OpenID Connect Discovery 1.0 §3):
 * whether a client must register its `request_uri` values before using them.
 * When the member is absent this returns the specification's default, %FALSE.
 *
 * Returns: the value, or %FALSE when the document does not say
 *
 * Since: 0.1
 */
BOOLEAN_GETTER (require_request_uri_registration, REQUIRE_REQUEST_URI_REGISTRATION)

/**
 * pim_discovery_document_get_require_signed_request_object:
 * @self: a discovery document
 *
 * Gets `require_signed_request_object` (RFC 9101 §10.5): whether the provider
 * requires authorization requests in signed request objects. When the member
 * is absent this returns the specification's default, %FALSE.
 *
 * Returns: the value, or %FALSE when the document does not say
 *
 * Since: 0.1
 */
BOOLEAN_GETTER (require_signed_request_object, REQUIRE_SIGNED_REQUEST_OBJECT)

/**
 * pim_discovery_document_get_frontchannel_logout_supported:
 * @self: a discovery document
 *
 * Gets `frontchannel_logout_supported` (OpenID Connect Front-Channel Logout
 * 1.0 §3): whether the provider supports front-channel logout. When the
 * member is absent this returns the specification's default, %FALSE.
 *
 * Returns: the value, or %FALSE when the document does not say
 *
 * Since: 0.1
 */
BOOLEAN_GETTER (frontchannel_logout_supported, FRONTCHANNEL_LOGOUT_SUPPORTED)

/**
 * pim_discovery_document_get_frontchannel_logout_session_supported:
 * @self: a discovery document
 *
 * Gets `frontchannel_logout_session_supported` (OpenID Connect Front-Channel
 * Logout 1.0 §3): whether the provider passes `iss` and `sid` to
 * front-channel logout URLs. When the member is absent this returns the
 * specification's default, %FALSE.
 *
 * Returns: the value, or %FALSE when the document does not say
 *
 * Since: 0.1
 */
BOOLEAN_GETTER (frontchannel_logout_session_supported, FRONTCHANNEL_LOGOUT_SESSION_SUPPORTED)

/**
 * pim_discovery_document_get_backchannel_logout_supported:
 * @self: a discovery document
 *
 * Gets `backchannel_logout_supported` (OpenID Connect Back-Channel Logout 1.0
 * §2.1): whether the provider supports back-channel logout. When the member
 * is absent this returns the specification's default, %FALSE.
 *
 * Returns: the value, or %FALSE when the document does not say
 *
 * Since: 0.1
 */
BOOLEAN_GETTER (backchannel_logout_supported, BACKCHANNEL_LOGOUT_SUPPORTED)

/**
 * pim_discovery_document_get_backchannel_logout_session_supported:
 * @self: a discovery document
 *
 * Gets `backchannel_logout_session_supported` (OpenID Connect Back-Channel
 * Logout 1.0 §2.1): whether the provider puts a `sid` claim in back-channel
 * logout tokens. When the member is absent this returns the specification's
 * default, %FALSE.
 *
 * Returns: the value, or %FALSE when the document does not say
 *
 * Since: 0.1
 */
BOOLEAN_GETTER (backchannel_logout_session_supported, BACKCHANNEL_LOGOUT_SESSION_SUPPORTED)

/**
 * pim_discovery_document_get_require_pushed_authorization_requests:
 * @self: a discovery document
 *
 * Gets `require_pushed_authorization_requests` (RFC 9126 §5): whether the
 * provider accepts authorization requests only through its pushed
 * authorization request endpoint. When the member is absent this returns the
 * specification's default, %FALSE.
 *
 * Returns: the value, or %FALSE when the document does not say
 *
 * Since: 0.1
 */
BOOLEAN_GETTER (require_pushed_authorization_requests, REQUIRE_PUSHED_AUTHORIZATION_REQUESTS)

/**
 * pim_discovery_document_get_authorization_response_iss_parameter_supported:
 * @self: a discovery document
 *
 * Gets `authorization_response_iss_parameter_supported` (RFC 9207 §3):
 * whether the provider puts the `iss` parameter in its authorization
 * responses. When the member is absent this returns the specification's
 * default, %FALSE.
 *
 * Returns: the value, or %FALSE when the document does not say
 *
 * Since: 0.1
 */
BOOLEAN_GETTER (authorization_response_iss_parameter_supported,
                AUTHORIZATION_RESPONSE_ISS_PARAMETER_SUPPORTED)

/**
 * pim_discovery_document_get_tls_client_certificate_bound_access_tokens:
 * @self: a discovery document
 *
 * Gets `tls_client_certificate_bound_access_tokens` (RFC 8705 §3.3): whether
 * the provider binds access tokens to the client's TLS certificate. When the
 * member is absent this returns the specification's default, %FALSE.
 *
 * Returns: the value, or %FALSE when the document does not say
 *
 * Since: 0.1
 */
BOOLEAN_GETTER (tls_client_certificate_bound_access_tokens,
                TLS_CLIENT_CERTIFICATE_BOUND_ACCESS_TOKENS)

/**
 * pim_discovery_document_get_backchannel_user_code_parameter_supported:
 * @self: a discovery document
 *
 * Gets `backchannel_user_code_parameter_supported` (OpenID Connect CIBA Core
 * 1.0 §4): whether the provider supports the `user_code` parameter of CIBA
 * authentication requests. When the member is absent this returns the
 * specification's default, %FALSE.
 *
 * Returns: the value, or %FALSE when the document does not say
 *
 * Since: 0.1
 */
BOOLEAN_GETTER (backchannel_user_code_parameter_supported,
                BACKCHANNEL_USER_CODE_PARAMETER_SUPPORTED)
