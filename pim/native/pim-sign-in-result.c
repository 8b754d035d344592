/* pim-sign-in-result.c: PimSignInResult
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-sign-in-result.h"

/**
 * PimSignInResult:
 *
 * What a completed [class@BrowserSignIn] returns: the provider's token
 * response (access, refresh and ID token), the validated claims of the ID
 * token, and what the sign-in was made with (the discovery document, the
 * client id and the redirect URI), so that the tokens can be refreshed and
 * stored.
 *
 * A result is immutable. Its properties are construct-only; Pim makes
 * results itself, after checking everything they hold.
 *
 * Since: 0.1
 */

struct _PimSignInResult
{
  GObject parent_instance;

  PimTokenResponse     *token_response;
  PimClaims            *id_token_claims;
  PimDiscoveryDocument *discovery_document;
  char                 *client_id;
  char                 *redirect_uri;
};

enum
{
  PROP_0,
  PROP_TOKEN_RESPONSE,
  PROP_ID_TOKEN_CLAIMS,
  PROP_DISCOVERY_DOCUMENT,
  PROP_CLIENT_ID,
  PROP_REDIRECT_URI,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimSignInResult, pim_sign_in_result, G_TYPE_OBJECT)

static void
pim_sign_in_result_finalize (GObject *object)
{
  PimSignInResult *self = PIM_SIGN_IN_RESULT (object);

  g_clear_object (&self->token_response);
  g_clear_object (&self->id_token_claims);
  g_clear_object (&self->discovery_document);
  g_free (self->client_id);
  g_free (self->redirect_uri);
  G_OBJECT_CLASS (pim_sign_in_result_parent_class)->finalize (object);
}

static void
pim_sign_in_result_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PimSignInResult *self = PIM_SIGN_IN_RESULT (object);

  switch (prop_id)
    {
    case PROP_TOKEN_RESPONSE:
      g_value_set_object (value, self->token_response);
      break;
    case PROP_ID_TOKEN_CLAIMS:
      g_value_set_object (value, self->id_token_claims);
      break;
    case PROP_DISCOVERY_DOCUMENT:
      g_value_set_object (value, self->discovery_document);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_REDIRECT_URI:
      g_value_set_string (value, self->redirect_uri);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_sign_in_result_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PimSignInResult *self = PIM_SIGN_IN_RESULT (object);

  switch (prop_id)
    {
    case PROP_TOKEN_RESPONSE:
      self->token_response = g_value_dup_object (value);
      break;
    case PROP_ID_TOKEN_CLAIMS:
      self->id_token_claims = g_value_dup_object (value);
      break;
    case PROP_DISCOVERY_DOCUMENT:
      self->discovery_document = g_value_dup_object (value);
      break;
    case PROP_CLIENT_ID:
      self->client_id = g_value_dup_string (value);
      break;
    case PROP_REDIRECT_URI:
      self->redirect_uri = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_sign_in_result_class_init (PimSignInResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_sign_in_result_finalize;
  object_class->get_property = pim_sign_in_result_get_property;
  object_class->set_property = pim_sign_in_result_set_property;

  /**
   * PimSignInResult:token-response: (getter get_token_response)
   *
   * The token response of the code exchange: the access token, and the
   * refresh and ID tokens when the provider issued them.
   *
   * Since: 0.1
   */
  properties[PROP_TOKEN_RESPONSE] =
      g_param_spec_object ("token-response", NULL, NULL, PIM_TYPE_TOKEN_RESPONSE, flags);

  /**
   * PimSignInResult:id-token-claims: (getter get_id_token_claims)
   *
   * The claims of the ID token, validated (signature, `iss`, `aud`, `exp`,
   * `nonce`, `at_hash`); %NULL when the scope had no `openid`.
   *
   * Since: 0.1
   */
  properties[PROP_ID_TOKEN_CLAIMS] =
      g_param_spec_object ("id-token-claims", NULL, NULL, PIM_TYPE_CLAIMS, flags);

  /**
   * PimSignInResult:discovery-document: (getter get_discovery_document)
   *
   * The provider's discovery document the sign-in used.
   *
   * Since: 0.1
   */
  properties[PROP_DISCOVERY_DOCUMENT] =
      g_param_spec_object ("discovery-document", NULL, NULL, PIM_TYPE_DISCOVERY_DOCUMENT, flags);

  /**
   * PimSignInResult:client-id: (getter get_client_id)
   *
   * The client id the code was exchanged with.
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, NULL, flags);

  /**
   * PimSignInResult:redirect-uri: (getter get_redirect_uri)
   *
   * The redirect URI the code was exchanged with: the loopback URI with
   * its port, or the private-use scheme URI.
   *
   * Since: 0.1
   */
  properties[PROP_REDIRECT_URI] = g_param_spec_string ("redirect-uri", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_sign_in_result_init (PimSignInResult *self)
{
}

/**
 * pim_sign_in_result_get_token_response:
 * @self: a sign-in result
 *
 * Gets [property@SignInResult:token-response].
 *
 * Returns: (transfer none) (nullable): the token response; never %NULL
 *   in a result Pim made
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_sign_in_result_get_token_response (PimSignInResult *self)
{
  g_return_val_if_fail (PIM_IS_SIGN_IN_RESULT (self), NULL);
  return self->token_response;
}

/**
 * pim_sign_in_result_get_id_token_claims:
 * @self: a sign-in result
 *
 * Gets [property@SignInResult:id-token-claims].
 *
 * Returns: (transfer none) (nullable): the validated claims of the ID
 *   token, or %NULL when the scope had no `openid`
 *
 * Since: 0.1
 */
PimClaims *
pim_sign_in_result_get_id_token_claims (PimSignInResult *self)
{
  g_return_val_if_fail (PIM_IS_SIGN_IN_RESULT (self), NULL);
  return self->id_token_claims;
}

/**
 * pim_sign_in_result_get_discovery_document:
 * @self: a sign-in result
 *
 * Gets [property@SignInResult:discovery-document].
 *
 * Returns: (transfer none) (nullable): the provider's discovery document
 *
 * Since: 0.1
 */
PimDiscoveryDocument *
pim_sign_in_result_get_discovery_document (PimSignInResult *self)
{
  g_return_val_if_fail (PIM_IS_SIGN_IN_RESULT (self), NULL);
  return self->discovery_document;
}

/**
 * pim_sign_in_result_get_client_id:
 * @self: a sign-in result
 *
 * Gets [property@SignInResult:client-id].
 *
 * Returns: (nullable): the client id
 *
 * Since: 0.1
 */
const char *
pim_sign_in_result_get_client_id (PimSignInResult *self)
{
  g_return_val_if_fail (PIM_IS_SIGN_IN_RESULT (self), NULL);
  return self->client_id;
}

/**
 * pim_sign_in_result_get_redirect_uri:
 * @self: a sign-in result
 *
 * Gets [property@SignInResult:redirect-uri].
 *
 * Returns: (nullable): the redirect URI
 *
 * Since: 0.1
 */
const char *
pim_sign_in_result_get_redirect_uri (PimSignInResult *self)
{
  g_return_val_if_fail (PIM_IS_SIGN_IN_RESULT (self), NULL);
  return self->redirect_uri;
}
