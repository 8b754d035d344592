/* pim-client-registration-request.c: PimClientRegistrationRequest,
 * registration (RFC 7591) and its management (RFC 7592)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The object: its properties, the HTTP requests it builds for each
 * operation and its constructor. The metadata it sends (and the request
 * made from a registered client) is in
 * pim-client-registration-request-metadata.c, the getters and setters of
 * the properties in pim-client-registration-request-accessors.c.
 */

#include "pim-private.h"

#include "pim-client-registration-request-private.h"
#include "pim-oauth-private.h"

/**
 * PimClientRegistrationRequest:
 *
 * A client's metadata, to register the client with a provider (OAuth 2.0
 * Dynamic Client Registration, RFC 7591) and to manage that registration
 * afterwards (RFC 7592: read, update, delete).
 *
 * The common metadata members are properties; any other member is set as
 * JSON with [method@ClientRegistrationRequest.set_metadata]. The
 * registration endpoint is [property@OAuthRequest:address], or the
 * discovery document's `registration_endpoint` of
 * [property@OAuthRequest:issuer]. A server whose registration is not open
 * wants an [property@ClientRegistrationRequest:initial-access-token].
 *
 * ```c
 * const char *const redirect_uris[] = { "https://app.example.com/cb", NULL };
 * g_autoptr (PimClientRegistrationRequest) request =
 *   pim_client_registration_request_new (NULL);
 * g_autoptr (PimClientRegistrationResponse) client = NULL;
 *
 * pim_oauth_request_set_issuer (PIM_OAUTH_REQUEST (request), "https://id.example.com");
 * pim_client_registration_request_set_redirect_uris (request, redirect_uris);
 * pim_client_registration_request_set_client_name (request, "Example");
 * client = pim_register_client (request, NULL, NULL, &error);
 * ```
 *
 * To manage the registration, make a request from the answer with
 * [ctor@ClientRegistrationRequest.new_for_client]: it carries the
 * registered metadata, the registration access token and the client
 * configuration endpoint, for [func@read_client_registration],
 * [func@update_client_registration] and
 * [func@delete_client_registration]. These requests do not
 * authenticate the client in any other way, and
 * [method@OAuthRequest.add_parameter] does not apply to them (sending one
 * is an error): they carry JSON, not a form.
 *
 * Send one operation at a time with a given request.
 *
 * Since: 0.1
 */

enum
{
  PROP_0,
  PROP_REDIRECT_URIS,
  PROP_CLIENT_NAME,
  PROP_GRANT_TYPES,
  PROP_RESPONSE_TYPES,
  PROP_TOKEN_ENDPOINT_AUTH_METHOD,
  PROP_SCOPE,
  PROP_JWKS,
  PROP_JWKS_URI,
  PROP_APPLICATION_TYPE,
  PROP_CONTACTS,
  PROP_POST_LOGOUT_REDIRECT_URIS,
  PROP_BACKCHANNEL_LOGOUT_URI,
  PROP_BACKCHANNEL_LOGOUT_SESSION_REQUIRED,
  PROP_SOFTWARE_STATEMENT,
  PROP_INITIAL_ACCESS_TOKEN,
  PROP_REGISTRATION_ACCESS_TOKEN,
  PROP_REGISTRATION_CLIENT_URI,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimClientRegistrationRequest,
                     pim_client_registration_request,
                     PIM_TYPE_OAUTH_REQUEST)

/* ---- The HTTP requests ---- */

static const char *
own_endpoint (PimOAuthRequest *request)
{
  PimClientRegistrationRequest *self = PIM_CLIENT_REGISTRATION_REQUEST (request);

  return self->operation == PIM_CLIENT_REGISTRATION_OPERATION_REGISTER
             ? NULL
             : self->registration_client_uri;
}

static void
add_bearer (PimHttpRequest *http, const char *token)
{
  g_autofree char *value = NULL;

  if (token == NULL)
    return;
  value = g_strconcat ("Bearer ", token, NULL);
  pim_http_request_add_header (http, "Authorization", value);
  pim_oauth_clear_secret (&value);
}

static PimHttpRequest *
build (PimOAuthRequest *request, const char *endpoint, GError **error)
{
  PimClientRegistrationRequest *self = PIM_CLIENT_REGISTRATION_REQUEST (request);
  static const char *const      methods[] = { "POST", "GET", "PUT", "DELETE" };
  g_autoptr (PimHttpRequest) http = NULL;
  g_autoptr (JsonObject) metadata = NULL;

  if (pim_oauth_request_get_parameters (request)[0] != NULL)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                           _ ("A registration request sends JSON: set extra metadata with "
                              "pim_client_registration_request_set_metadata(), not parameters"));
      return NULL;
    }
  if (self->operation == PIM_CLIENT_REGISTRATION_OPERATION_REGISTER ||
      self->operation == PIM_CLIENT_REGISTRATION_OPERATION_UPDATE)
    {
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      if ((metadata = pim_client_registration_request_build_metadata (self, error)) == NULL)
        return NULL;
      /* RFC 7592 §2.2: the update names the client. */
      if (self->operation == PIM_CLIENT_REGISTRATION_OPERATION_UPDATE)
        {
          const char *client_id = pim_oauth_request_get_client_id (request);

          if (!pim_oauth_require (client_id, "client-id", error))
            return NULL;
          json_object_set_string_member (metadata, "client_id", client_id);
        }
      http = pim_http_request_new (methods[self->operation], endpoint);
      json_node_set_object (node, metadata);
      pim_http_request_set_json_body (http, node);
    }
  else
    http = pim_http_request_new (methods[self->operation], endpoint);
  pim_http_request_set_expect_json (http,
                                    self->operation != PIM_CLIENT_REGISTRATION_OPERATION_DELETE);
  add_bearer (http, self->operation == PIM_CLIENT_REGISTRATION_OPERATION_REGISTER
                        ? self->initial_access_token
                        : self->registration_access_token);
  return g_steal_pointer (&http);
}

static const PimOAuthRequestKind registration_kind = {
  .endpoint_member = "registration_endpoint",
  .auth_methods_member = NULL,
  .endpoint_name = N_ ("registration endpoint"),
  .build = build,
  .own_endpoint = own_endpoint,
};

/* ---- The object ---- */

static void
pim_client_registration_request_finalize (GObject *object)
{
  PimClientRegistrationRequest *self = PIM_CLIENT_REGISTRATION_REQUEST (object);

  g_strfreev (self->redirect_uris);
  g_free (self->client_name);
  g_strfreev (self->grant_types);
  g_strfreev (self->response_types);
  g_free (self->token_endpoint_auth_method);
  g_free (self->scope);
  g_free (self->jwks);
  g_free (self->jwks_uri);
  g_free (self->application_type);
  g_strfreev (self->contacts);
  g_strfreev (self->post_logout_redirect_uris);
  g_free (self->backchannel_logout_uri);
  g_free (self->software_statement);
  pim_oauth_clear_secret (&self->initial_access_token);
  pim_oauth_clear_secret (&self->registration_access_token);
  g_free (self->registration_client_uri);
  g_clear_pointer (&self->metadata, json_object_unref);

  G_OBJECT_CLASS (pim_client_registration_request_parent_class)->finalize (object);
}

static void
pim_client_registration_request_get_property (GObject    *object,
                                              guint       prop_id,
                                              GValue     *value,
                                              GParamSpec *pspec)
{
  PimClientRegistrationRequest *self = PIM_CLIENT_REGISTRATION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_REDIRECT_URIS:
      g_value_set_boxed (value, self->redirect_uris);
      break;
    case PROP_CLIENT_NAME:
      g_value_set_string (value, self->client_name);
      break;
    case PROP_GRANT_TYPES:
      g_value_set_boxed (value, self->grant_types);
      break;
    case PROP_RESPONSE_TYPES:
      g_value_set_boxed (value, self->response_types);
      break;
    case PROP_TOKEN_ENDPOINT_AUTH_METHOD:
      g_value_set_string (value, self->token_endpoint_auth_method);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    case PROP_JWKS:
      g_value_set_string (value, self->jwks);
      break;
    case PROP_JWKS_URI:
      g_value_set_string (value, self->jwks_uri);
      break;
    case PROP_APPLICATION_TYPE:
      g_value_set_string (value, self->application_type);
      break;
    case PROP_CONTACTS:
      g_value_set_boxed (value, self->contacts);
      break;
    case PROP_POST_LOGOUT_REDIRECT_URIS:
      g_value_set_boxed (value, self->post_logout_redirect_uris);
      break;
    case PROP_BACKCHANNEL_LOGOUT_URI:
      g_value_set_string (value, self->backchannel_logout_uri);
      break;
    case PROP_BACKCHANNEL_LOGOUT_SESSION_REQUIRED:
      g_value_set_boolean (value, self->backchannel_logout_session_required);
      break;
    case PROP_SOFTWARE_STATEMENT:
      g_value_set_string (value, self->software_statement);
      break;
    case PROP_INITIAL_ACCESS_TOKEN:
      g_value_set_string (value, self->initial_access_token);
      break;
    case PROP_REGISTRATION_ACCESS_TOKEN:
      g_value_set_string (value, self->registration_access_token);
      break;
    case PROP_REGISTRATION_CLIENT_URI:
      g_value_set_string (value, self->registration_client_uri);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_client_registration_request_set_property (GObject      *object,
                                              guint         prop_id,
                                              const GValue *value,
                                              GParamSpec   *pspec)
{
  PimClientRegistrationRequest *self = PIM_CLIENT_REGISTRATION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_REDIRECT_URIS:
      g_strfreev (self->redirect_uris);
      self->redirect_uris = g_value_dup_boxed (value);
      break;
    case PROP_CLIENT_NAME:
      g_free (self->client_name);
      self->client_name = g_value_dup_string (value);
      break;
    case PROP_GRANT_TYPES:
      g_strfreev (self->grant_types);
      self->grant_types = g_value_dup_boxed (value);
      break;
    case PROP_RESPONSE_TYPES:
      g_strfreev (self->response_types);
      self->response_types = g_value_dup_boxed (value);
      break;
    case PROP_TOKEN_ENDPOINT_AUTH_METHOD:
      g_free (self->token_endpoint_auth_method);
      self->token_endpoint_auth_method = g_value_dup_string (value);
      break;
    case PROP_SCOPE:
      g_free (self->scope);
      self->scope = g_value_dup_string (value);
      break;
    case PROP_JWKS:
      g_free (self->jwks);
      self->jwks = g_value_dup_string (value);
      break;
    case PROP_JWKS_URI:
      g_free (self->jwks_uri);
      self->jwks_uri = g_value_dup_string (value);
      break;
    case PROP_APPLICATION_TYPE:
      g_free (self->application_type);
      self->application_type = g_value_dup_string (value);
      break;
    case PROP_CONTACTS:
      g_strfreev (self->contacts);
      self->contacts = g_value_dup_boxed (value);
      break;
    case PROP_POST_LOGOUT_REDIRECT_URIS:
      g_strfreev (self->post_logout_redirect_uris);
      self->post_logout_redirect_uris = g_value_dup_boxed (value);
      break;
    case PROP_BACKCHANNEL_LOGOUT_URI:
      g_free (self->backchannel_logout_uri);
      self->backchannel_logout_uri = g_value_dup_string (value);
      break;
    case PROP_BACKCHANNEL_LOGOUT_SESSION_REQUIRED:
      self->backchannel_logout_session_required = g_value_get_boolean (value);
      break;
    case PROP_SOFTWARE_STATEMENT:
      g_free (self->software_statement);
      self->software_statement = g_value_dup_string (value);
      break;
    case PROP_INITIAL_ACCESS_TOKEN:
      pim_oauth_clear_secret (&self->initial_access_token);
      self->initial_access_token = g_value_dup_string (value);
      break;
    case PROP_REGISTRATION_ACCESS_TOKEN:
      pim_oauth_clear_secret (&self->registration_access_token);
      self->registration_access_token = g_value_dup_string (value);
      break;
    case PROP_REGISTRATION_CLIENT_URI:
      g_free (self->registration_client_uri);
      self->registration_client_uri = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_client_registration_request_class_init (PimClientRegistrationRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_client_registration_request_finalize;
  object_class->get_property = pim_client_registration_request_get_property;
  object_class->set_property = pim_client_registration_request_set_property;
  pim_oauth_request_class_set_kind (klass, &registration_kind);

  /**
   * PimClientRegistrationRequest:redirect-uris: (getter get_redirect_uris) (setter set_redirect_uris)
   *
   * The redirection URIs (`redirect_uris`) of the client's authorization requests.
   *
   * Since: 0.1
   */
  properties[PROP_REDIRECT_URIS] =
      g_param_spec_boxed ("redirect-uris", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * PimClientRegistrationRequest:client-name: (getter get_client_name) (setter set_client_name)
   *
   * The client's name as users see it (`client_name`).
   *
   * Since: 0.1
   */
  properties[PROP_CLIENT_NAME] = g_param_spec_string ("client-name", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationRequest:grant-types: (getter get_grant_types) (setter set_grant_types)
   *
   * The grant types the client will use (`grant_types`), such as `authorization_code` and `refresh_token`.
   *
   * Since: 0.1
   */
  properties[PROP_GRANT_TYPES] = g_param_spec_boxed ("grant-types", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * PimClientRegistrationRequest:response-types: (getter get_response_types) (setter set_response_types)
   *
   * The response types the client will use (`response_types`), such as `code`.
   *
   * Since: 0.1
   */
  properties[PROP_RESPONSE_TYPES] =
      g_param_spec_boxed ("response-types", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * PimClientRegistrationRequest:token-endpoint-auth-method: (getter get_token_endpoint_auth_method) (setter set_token_endpoint_auth_method)
   *
   * How the client will authenticate at the token endpoint (`token_endpoint_auth_method`), such as `client_secret_basic`, `private_key_jwt` or `none`.
   *
   * Since: 0.1
   */
  properties[PROP_TOKEN_ENDPOINT_AUTH_METHOD] =
      g_param_spec_string ("token-endpoint-auth-method", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationRequest:scope: (getter get_scope) (setter set_scope)
   *
   * The scopes the client may ask for (`scope`), separated by spaces.
   *
   * Since: 0.1
   */
  properties[PROP_SCOPE] = g_param_spec_string ("scope", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationRequest:jwks: (getter get_jwks) (setter set_jwks)
   *
   * The client's public keys (`jwks`), as the JSON text of a JWK set; it must parse as a JSON object when the request is sent. Use either this or [property@ClientRegistrationRequest:jwks-uri].
   *
   * Since: 0.1
   */
  properties[PROP_JWKS] = g_param_spec_string ("jwks", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationRequest:jwks-uri: (getter get_jwks_uri) (setter set_jwks_uri)
   *
   * Where the client's public keys are published (`jwks_uri`).
   *
   * Since: 0.1
   */
  properties[PROP_JWKS_URI] = g_param_spec_string ("jwks-uri", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationRequest:application-type: (getter get_application_type) (setter set_application_type)
   *
   * `web` or `native` (OpenID Connect Registration `application_type`).
   *
   * Since: 0.1
   */
  properties[PROP_APPLICATION_TYPE] =
      g_param_spec_string ("application-type", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationRequest:contacts: (getter get_contacts) (setter set_contacts)
   *
   * Ways to reach the people responsible for the client (`contacts`), usually e-mail addresses.
   *
   * Since: 0.1
   */
  properties[PROP_CONTACTS] = g_param_spec_boxed ("contacts", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * PimClientRegistrationRequest:post-logout-redirect-uris: (getter get_post_logout_redirect_uris) (setter set_post_logout_redirect_uris)
   *
   * Where the provider may send the user after logging out (OpenID Connect RP-Initiated Logout `post_logout_redirect_uris`).
   *
   * Since: 0.1
   */
  properties[PROP_POST_LOGOUT_REDIRECT_URIS] =
      g_param_spec_boxed ("post-logout-redirect-uris", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * PimClientRegistrationRequest:backchannel-logout-uri: (getter get_backchannel_logout_uri) (setter set_backchannel_logout_uri)
   *
   * Where the provider posts logout tokens (OpenID Connect Back-Channel Logout `backchannel_logout_uri`); see [func@validate_logout_token].
   *
   * Since: 0.1
   */
  properties[PROP_BACKCHANNEL_LOGOUT_URI] =
      g_param_spec_string ("backchannel-logout-uri", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationRequest:backchannel-logout-session-required: (getter get_backchannel_logout_session_required) (setter set_backchannel_logout_session_required)
   *
   * Whether logout tokens must carry the session (`sid`) (`backchannel_logout_session_required`). Sent only when %TRUE, the default being %FALSE.
   *
   * Since: 0.1
   */
  properties[PROP_BACKCHANNEL_LOGOUT_SESSION_REQUIRED] =
      g_param_spec_boolean ("backchannel-logout-session-required", NULL, NULL, FALSE, flags);

  /**
   * PimClientRegistrationRequest:software-statement: (getter get_software_statement) (setter set_software_statement)
   *
   * A signed software statement (`software_statement`, RFC 7591 §2.3), a JWT sent as given.
   *
   * Since: 0.1
   */
  properties[PROP_SOFTWARE_STATEMENT] =
      g_param_spec_string ("software-statement", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationRequest:initial-access-token: (getter get_initial_access_token) (setter set_initial_access_token)
   *
   * The token that authorizes registration when the server's registration is not open (RFC 7591 §3, sent as `Authorization: Bearer`). A secret: Pim never logs it, and wipes it when it is replaced or the request freed.
   *
   * Since: 0.1
   */
  properties[PROP_INITIAL_ACCESS_TOKEN] =
      g_param_spec_string ("initial-access-token", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationRequest:registration-access-token: (getter get_registration_access_token) (setter set_registration_access_token)
   *
   * The token that manages the registration (RFC 7592 `registration_access_token`, sent as `Authorization: Bearer` to [property@ClientRegistrationRequest:registration-client-uri]). Replaced by the new one when a read or an update answers with another. A secret: Pim never logs it, and wipes it when it is replaced or the request freed.
   *
   * Since: 0.1
   */
  properties[PROP_REGISTRATION_ACCESS_TOKEN] =
      g_param_spec_string ("registration-access-token", NULL, NULL, NULL, flags);

  /**
   * PimClientRegistrationRequest:registration-client-uri: (getter get_registration_client_uri) (setter set_registration_client_uri)
   *
   * The client configuration endpoint (RFC 7592 `registration_client_uri`) that reads, updates and deletes the registration.
   *
   * Since: 0.1
   */
  properties[PROP_REGISTRATION_CLIENT_URI] =
      g_param_spec_string ("registration-client-uri", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_client_registration_request_init (PimClientRegistrationRequest *self)
{
}

/**
 * pim_client_registration_request_new:
 * @address: (nullable): the registration endpoint, or %NULL to set an
 *   issuer later
 *
 * Creates a registration request without metadata.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimClientRegistrationRequest *
pim_client_registration_request_new (const char *address)
{
  return g_object_new (PIM_TYPE_CLIENT_REGISTRATION_REQUEST, "address", address, NULL);
}
