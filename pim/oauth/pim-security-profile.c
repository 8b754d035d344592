/* pim-security-profile.c: the FAPI 2.0 Security Profile, client side
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-security-profile.h"

#include "pim-authorization-code-token-request.h"
#include "pim-jwk-private.h"
#include "pim-oauth-private.h"
#include "pim-pushed-authorization-request.h"
#include "pim-security-profile-private.h"
#include "pim-token-request.h"

/**
 * PimSecurityProfile:
 *
 * A security profile: rules that every request holding it
 * ([property@OAuthRequest:security-profile]) must follow. A request that
 * breaks one fails with %PIM_OAUTH_ERROR_PROFILE_VIOLATION before anything
 * is sent, not even discovery.
 *
 * [ctor@SecurityProfile.new_fapi2] gives the client rules of the FAPI 2.0
 * Security Profile:
 *
 * - authorization requests are pushed (RFC 9126):
 *   [method@AuthorizationRequest.build_url] fails, the URL of a
 *   [class@PushedAuthorizationResponse] is the way to the authorization
 *   endpoint;
 * - the response type is `code`, with PKCE and the `S256` method; a code
 *   token request has its code verifier;
 * - the client authenticates with `private_key_jwt` or mutual TLS
 *   (`tls_client_auth`, `self_signed_tls_client_auth`), set explicitly in
 *   [property@OAuthRequest:client-auth-method]; mutual TLS needs an
 *   [class@HttpClient] with a TLS client certificate;
 * - token requests ask for sender-constrained tokens: a
 *   [property@OAuthRequest:dpop-key], or a TLS client certificate on the
 *   HTTP client (certificate-bound tokens, RFC 8705);
 * - every key Pim signs with (client assertion, DPoP proof, request
 *   object) uses one of [property@SecurityProfile:allowed-algs]: `PS256`,
 *   `ES256` or `EdDSA` with Ed25519;
 * - authorization responses carry `iss` (RFC 9207), as with
 *   [property@AuthorizationRequest:require-issuer].
 *
 * A [class@PushedAuthorizationRequest] follows the profile of its
 * authorization request too.
 *
 * Since: 0.1
 */

struct _PimSecurityProfile
{
  GObject parent_instance;

  char *name;
  GStrv allowed_algs;
};

enum
{
  PROP_0,
  PROP_NAME,
  PROP_ALLOWED_ALGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimSecurityProfile, pim_security_profile, G_TYPE_OBJECT)

static void
pim_security_profile_finalize (GObject *object)
{
  PimSecurityProfile *self = PIM_SECURITY_PROFILE (object);

  g_free (self->name);
  g_strfreev (self->allowed_algs);
  G_OBJECT_CLASS (pim_security_profile_parent_class)->finalize (object);
}

static void
pim_security_profile_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PimSecurityProfile *self = PIM_SECURITY_PROFILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ALLOWED_ALGS:
      g_value_set_boxed (value, self->allowed_algs);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_security_profile_class_init (PimSecurityProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_security_profile_finalize;
  object_class->get_property = pim_security_profile_get_property;

  /**
   * PimSecurityProfile:name: (getter get_name)
   *
   * The profile's name: `fapi2-security` for the FAPI 2.0 Security
   * Profile.
   *
   * Since: 0.1
   */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);

  /**
   * PimSecurityProfile:allowed-algs: (getter get_allowed_algs)
   *
   * The JWS algorithms the client may sign with: `PS256`, `ES256` and
   * `EdDSA` (Ed25519 only) for FAPI 2.0.
   *
   * Since: 0.1
   */
  properties[PROP_ALLOWED_ALGS] =
      g_param_spec_boxed ("allowed-algs", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_security_profile_init (PimSecurityProfile *self)
{
}

/**
 * pim_security_profile_new_fapi2:
 *
 * Creates the client rules of the FAPI 2.0 Security Profile (final,
 * 2025), to set on requests as their
 * [property@OAuthRequest:security-profile].
 *
 * Returns: (transfer full): a new profile
 *
 * Since: 0.1
 */
PimSecurityProfile *
pim_security_profile_new_fapi2 (void)
{
  static const char *const algs[] = { "PS256", "ES256", "EdDSA", NULL };
  PimSecurityProfile      *self = g_object_new (PIM_TYPE_SECURITY_PROFILE, NULL);

  self->name = g_strdup ("fapi2-security");
  self->allowed_algs = g_strdupv ((char **) algs);
  return self;
}

/**
 * pim_security_profile_get_name:
 * @self: a profile
 *
 * Gets [property@SecurityProfile:name].
 *
 * Returns: the name
 *
 * Since: 0.1
 */
const char *
pim_security_profile_get_name (PimSecurityProfile *self)
{
  g_return_val_if_fail (PIM_IS_SECURITY_PROFILE (self), NULL);

  return self->name;
}

/**
 * pim_security_profile_get_allowed_algs:
 * @self: a profile
 *
 * Gets [property@SecurityProfile:allowed-algs].
 *
 * Returns: (transfer none) (array zero-terminated=1): the algorithms
 *
 * Since: 0.1
 */
const char *const *
pim_security_profile_get_allowed_algs (PimSecurityProfile *self)
{
  g_return_val_if_fail (PIM_IS_SECURITY_PROFILE (self), NULL);

  return (const char *const *) self->allowed_algs;
}

/**
 * pim_security_profile_allows_alg:
 * @self: a profile
 * @alg: (nullable): a JWS algorithm, such as `ES256`
 *
 * Says whether the profile lets the client sign with @alg; names are
 * compared exactly.
 *
 * Returns: whether @alg is one of [property@SecurityProfile:allowed-algs]
 *
 * Since: 0.1
 */
gboolean
pim_security_profile_allows_alg (PimSecurityProfile *self, const char *alg)
{
  g_return_val_if_fail (PIM_IS_SECURITY_PROFILE (self), FALSE);

  return alg != NULL && g_strv_contains ((const char *const *) self->allowed_algs, alg);
}

/* ---- Checks ---- */

static gboolean
violation (GError **error, const char *message)
{
  g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_PROFILE_VIOLATION, message);
  return FALSE;
}

/* The algorithm @key signs with, as the signers choose it. EdDSA on
 * another curve than Ed25519 is named by the curve, which no profile
 * allows. */
static const char *
key_alg (PimJwk *key)
{
  const char *alg = pim_jwk_get_signing_algorithm (key);
  const char *crv = pim_jwk_get_curve (key);

  if (g_strcmp0 (alg, "EdDSA") == 0 && g_strcmp0 (crv, "Ed25519") != 0)
    return crv != NULL ? crv : "EdDSA";
  return alg;
}

gboolean
pim_security_profile_check_client (PimSecurityProfile *self,
                                   PimOAuthRequest    *request,
                                   PimHttpClient      *client,
                                   GError            **error)
{
  PimClientAuthMethod method = pim_oauth_request_get_client_auth_method (request);

  switch (method)
    {
    case PIM_CLIENT_AUTH_AUTO:
      return violation (error, _ ("FAPI 2.0 requires an explicit client authentication method: "
                                  "set “client-auth-method” to private_key_jwt, tls_client_auth "
                                  "or self_signed_tls_client_auth"));
    case PIM_CLIENT_AUTH_PRIVATE_KEY_JWT:
      {
        PimJwk     *key = pim_oauth_request_get_client_key (request);
        const char *alg = key != NULL ? key_alg (key) : NULL;

        if (key == NULL)
          return violation (error, _ ("FAPI 2.0 private_key_jwt needs a “client-key”"));
        if (!pim_security_profile_allows_alg (self, alg))
          {
            g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_PROFILE_VIOLATION,
                         /* translators: %s is a JWS algorithm such as “RS256” */
                         _ ("FAPI 2.0 does not allow the client key's algorithm “%s”: use PS256, "
                            "ES256 or EdDSA"),
                         alg != NULL ? alg : "?");
            return FALSE;
          }
        return TRUE;
      }
    case PIM_CLIENT_AUTH_TLS_CLIENT_AUTH:
    case PIM_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH:
      if (client == NULL || pim_http_client_get_tls_client_certificate (client) == NULL)
        return violation (error, _ ("FAPI 2.0 mutual TLS client authentication needs an HTTP "
                                    "client with a TLS client certificate"));
      return TRUE;
    case PIM_CLIENT_AUTH_NONE:
    case PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC:
    case PIM_CLIENT_AUTH_CLIENT_SECRET_POST:
    case PIM_CLIENT_AUTH_CLIENT_SECRET_JWT:
    default:
      g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_PROFILE_VIOLATION,
                   /* translators: %s is a method such as “client_secret_basic” */
                   _ ("FAPI 2.0 allows only private_key_jwt, tls_client_auth or "
                      "self_signed_tls_client_auth client authentication, not “%s”"),
                   pim_client_auth_method_to_string (method));
      return FALSE;
    }
}

gboolean
pim_security_profile_check_sender_constraint (PimSecurityProfile *self,
                                              PimOAuthRequest    *request,
                                              PimHttpClient      *client,
                                              GError            **error)
{
  PimDPoPKey *key = pim_oauth_request_get_dpop_key (request);

  if (key != NULL)
    {
      const char *alg = pim_dpop_key_get_alg (key);

      if (pim_security_profile_allows_alg (self, alg))
        return TRUE;
      g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_PROFILE_VIOLATION,
                   /* translators: %s is a JWS algorithm such as “RS256” */
                   _ ("FAPI 2.0 does not allow the DPoP key's algorithm “%s”: use PS256, ES256 "
                      "or EdDSA"),
                   alg != NULL ? alg : "?");
      return FALSE;
    }
  if (client != NULL && pim_http_client_get_tls_client_certificate (client) != NULL)
    return TRUE;
  return violation (error, _ ("FAPI 2.0 requires sender-constrained tokens: set a “dpop-key” or "
                              "use an HTTP client with a TLS client certificate"));
}

gboolean
pim_security_profile_check_authorization (PimSecurityProfile      *self,
                                          PimAuthorizationRequest *request,
                                          gboolean                 pushed,
                                          GError                 **error)
{
  const char *method = pim_authorization_request_get_code_challenge_method (request);
  PimJwk     *object_key = pim_authorization_request_get_request_object_key (request);

  if (!pushed)
    return violation (error, _ ("FAPI 2.0 requires pushed authorization requests: push the "
                                "request and open the URL of its answer"));
  if (g_strcmp0 (pim_authorization_request_get_response_type (request), "code") != 0)
    return violation (error, _ ("FAPI 2.0 allows only the response type “code”"));
  if (pim_authorization_request_get_code_verifier (request) == NULL &&
      pim_authorization_request_get_code_challenge (request) == NULL)
    return violation (error, _ ("FAPI 2.0 requires PKCE: the authorization request has no code "
                                "challenge or verifier"));
  if (method != NULL && strcmp (method, "S256") != 0)
    return violation (error, _ ("FAPI 2.0 requires the code challenge method S256"));
  if (object_key != NULL)
    {
      const char *alg = pim_authorization_request_get_request_object_alg (request);

      if (alg == NULL)
        alg = key_alg (object_key);
      if (!pim_security_profile_allows_alg (self, alg))
        {
          g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_PROFILE_VIOLATION,
                       /* translators: %s is a JWS algorithm such as “RS256” */
                       _ ("FAPI 2.0 does not allow the request object's algorithm “%s”: use "
                          "PS256, ES256 or EdDSA"),
                       alg != NULL ? alg : "?");
          return FALSE;
        }
    }
  return TRUE;
}

PimSecurityProfile *
pim_security_profile_for_request (PimOAuthRequest *request)
{
  PimSecurityProfile      *profile = pim_oauth_request_get_security_profile (request);
  PimAuthorizationRequest *authorization;

  if (profile == NULL && PIM_IS_PUSHED_AUTHORIZATION_REQUEST (request) &&
      (authorization = pim_pushed_authorization_request_get_authorization_request (
           PIM_PUSHED_AUTHORIZATION_REQUEST (request))) != NULL)
    profile = pim_oauth_request_get_security_profile (PIM_OAUTH_REQUEST (authorization));
  return profile;
}

gboolean
pim_security_profile_check_exchange (PimOAuthRequest *request,
                                     PimHttpClient   *client,
                                     GError         **error)
{
  PimSecurityProfile *self = pim_security_profile_for_request (request);

  if (self == NULL)
    return TRUE;
  if (pim_oauth_request_get_kind (request)->auth_methods_member != NULL &&
      !pim_security_profile_check_client (self, request, client, error))
    return FALSE;
  if (PIM_IS_PUSHED_AUTHORIZATION_REQUEST (request))
    {
      PimAuthorizationRequest *authorization =
          pim_pushed_authorization_request_get_authorization_request (
              PIM_PUSHED_AUTHORIZATION_REQUEST (request));

      return authorization == NULL ||
             pim_security_profile_check_authorization (self, authorization, TRUE, error);
    }
  if (PIM_IS_AUTHORIZATION_CODE_TOKEN_REQUEST (request) &&
      pim_authorization_code_token_request_get_code_verifier (
          PIM_AUTHORIZATION_CODE_TOKEN_REQUEST (request)) == NULL)
    return violation (error, _ ("FAPI 2.0 requires PKCE: the code token request has no "
                                "“code-verifier”"));
  if (PIM_IS_TOKEN_REQUEST (request))
    return pim_security_profile_check_sender_constraint (self, request, client, error);
  return TRUE;
}

gboolean
pim_security_profile_check_url (PimAuthorizationRequest *request, GError **error)
{
  PimSecurityProfile *self = pim_security_profile_for_request (PIM_OAUTH_REQUEST (request));

  return self == NULL || pim_security_profile_check_authorization (self, request, FALSE, error);
}

gboolean
pim_security_profile_requires_issuer (PimOAuthRequest *request)
{
  return pim_security_profile_for_request (request) != NULL;
}
