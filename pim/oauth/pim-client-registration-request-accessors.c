/* pim-client-registration-request-accessors.c: the getters and setters
 * of the properties of PimClientRegistrationRequest (installed in
 * pim-client-registration-request.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-client-registration-request-private.h"

/**
 * pim_client_registration_request_get_redirect_uris:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:redirect-uris].
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the value
 *
 * Since: 0.1
 */
const char *const *
pim_client_registration_request_get_redirect_uris (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return (const char *const *) self->redirect_uris;
}

/**
 * pim_client_registration_request_set_redirect_uris:
 * @self: a registration request
 * @redirect_uris: (nullable) (array zero-terminated=1): the new value
 *
 * Sets [property@ClientRegistrationRequest:redirect-uris].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_redirect_uris (PimClientRegistrationRequest *self,
                                                   const char *const            *redirect_uris)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "redirect-uris", redirect_uris, NULL);
}

/**
 * pim_client_registration_request_get_client_name:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:client-name].
 *
 * Returns: (nullable): the value
 *
 * Since: 0.1
 */
const char *
pim_client_registration_request_get_client_name (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return self->client_name;
}

/**
 * pim_client_registration_request_set_client_name:
 * @self: a registration request
 * @client_name: (nullable): the new value
 *
 * Sets [property@ClientRegistrationRequest:client-name].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_client_name (PimClientRegistrationRequest *self,
                                                 const char                   *client_name)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "client-name", client_name, NULL);
}

/**
 * pim_client_registration_request_get_grant_types:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:grant-types].
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the value
 *
 * Since: 0.1
 */
const char *const *
pim_client_registration_request_get_grant_types (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return (const char *const *) self->grant_types;
}

/**
 * pim_client_registration_request_set_grant_types:
 * @self: a registration request
 * @grant_types: (nullable) (array zero-terminated=1): the new value
 *
 * Sets [property@ClientRegistrationRequest:grant-types].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_grant_types (PimClientRegistrationRequest *self,
                                                 const char *const            *grant_types)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "grant-types", grant_types, NULL);
}

/**
 * pim_client_registration_request_get_response_types:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:response-types].
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the value
 *
 * Since: 0.1
 */
const char *const *
pim_client_registration_request_get_response_types (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return (const char *const *) self->response_types;
}

/**
 * pim_client_registration_request_set_response_types:
 * @self: a registration request
 * @response_types: (nullable) (array zero-terminated=1): the new value
 *
 * Sets [property@ClientRegistrationRequest:response-types].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_response_types (PimClientRegistrationRequest *self,
                                                    const char *const            *response_types)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "response-types", response_types, NULL);
}

/**
 * pim_client_registration_request_get_token_endpoint_auth_method:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:token-endpoint-auth-method].
 *
 * Returns: (nullable): the value
 *
 * Since: 0.1
 */
const char *
pim_client_registration_request_get_token_endpoint_auth_method (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return self->token_endpoint_auth_method;
}

/**
 * pim_client_registration_request_set_token_endpoint_auth_method:
 * @self: a registration request
 * @token_endpoint_auth_method: (nullable): the new value
 *
 * Sets [property@ClientRegistrationRequest:token-endpoint-auth-method].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_token_endpoint_auth_method (
    PimClientRegistrationRequest *self,
    const char                   *token_endpoint_auth_method)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "token-endpoint-auth-method", token_endpoint_auth_method, NULL);
}

/**
 * pim_client_registration_request_get_scope:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:scope].
 *
 * Returns: (nullable): the value
 *
 * Since: 0.1
 */
const char *
pim_client_registration_request_get_scope (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return self->scope;
}

/**
 * pim_client_registration_request_set_scope:
 * @self: a registration request
 * @scope: (nullable): the new value
 *
 * Sets [property@ClientRegistrationRequest:scope].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_scope (PimClientRegistrationRequest *self, const char *scope)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "scope", scope, NULL);
}

/**
 * pim_client_registration_request_get_jwks:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:jwks].
 *
 * Returns: (nullable): the value
 *
 * Since: 0.1
 */
const char *
pim_client_registration_request_get_jwks (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return self->jwks;
}

/**
 * pim_client_registration_request_set_jwks:
 * @self: a registration request
 * @jwks: (nullable): the new value
 *
 * Sets [property@ClientRegistrationRequest:jwks].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_jwks (PimClientRegistrationRequest *self, const char *jwks)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "jwks", jwks, NULL);
}

/**
 * pim_client_registration_request_get_jwks_uri:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:jwks-uri].
 *
 * Returns: (nullable): the value
 *
 * Since: 0.1
 */
const char *
pim_client_registration_request_get_jwks_uri (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return self->jwks_uri;
}

/**
 * pim_client_registration_request_set_jwks_uri:
 * @self: a registration request
 * @jwks_uri: (nullable): the new value
 *
 * Sets [property@ClientRegistrationRequest:jwks-uri].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_jwks_uri (PimClientRegistrationRequest *self,
                                              const char                   *jwks_uri)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "jwks-uri", jwks_uri, NULL);
}

/**
 * pim_client_registration_request_get_application_type:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:application-type].
 *
 * Returns: (nullable): the value
 *
 * Since: 0.1
 */
const char *
pim_client_registration_request_get_application_type (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return self->application_type;
}

/**
 * pim_client_registration_request_set_application_type:
 * @self: a registration request
 * @application_type: (nullable): the new value
 *
 * Sets [property@ClientRegistrationRequest:application-type].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_application_type (PimClientRegistrationRequest *self,
                                                      const char *application_type)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "application-type", application_type, NULL);
}

/**
 * pim_client_registration_request_get_contacts:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:contacts].
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the value
 *
 * Since: 0.1
 */
const char *const *
pim_client_registration_request_get_contacts (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return (const char *const *) self->contacts;
}

/**
 * pim_client_registration_request_set_contacts:
 * @self: a registration request
 * @contacts: (nullable) (array zero-terminated=1): the new value
 *
 * Sets [property@ClientRegistrationRequest:contacts].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_contacts (PimClientRegistrationRequest *self,
                                              const char *const            *contacts)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "contacts", contacts, NULL);
}

/**
 * pim_client_registration_request_get_post_logout_redirect_uris:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:post-logout-redirect-uris].
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the value
 *
 * Since: 0.1
 */
const char *const *
pim_client_registration_request_get_post_logout_redirect_uris (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return (const char *const *) self->post_logout_redirect_uris;
}

/**
 * pim_client_registration_request_set_post_logout_redirect_uris:
 * @self: a registration request
 * @post_logout_redirect_uris: (nullable) (array zero-terminated=1): the new value
 *
 * Sets [property@ClientRegistrationRequest:post-logout-redirect-uris].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_post_logout_redirect_uris (
    PimClientRegistrationRequest *self,
    const char *const            *post_logout_redirect_uris)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "post-logout-redirect-uris", post_logout_redirect_uris, NULL);
}

/**
 * pim_client_registration_request_get_backchannel_logout_uri:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:backchannel-logout-uri].
 *
 * Returns: (nullable): the value
 *
 * Since: 0.1
 */
const char *
pim_client_registration_request_get_backchannel_logout_uri (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return self->backchannel_logout_uri;
}

/**
 * pim_client_registration_request_set_backchannel_logout_uri:
 * @self: a registration request
 * @backchannel_logout_uri: (nullable): the new value
 *
 * Sets [property@ClientRegistrationRequest:backchannel-logout-uri].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_backchannel_logout_uri (PimClientRegistrationRequest *self,
                                                            const char *backchannel_logout_uri)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "backchannel-logout-uri", backchannel_logout_uri, NULL);
}

/**
 * pim_client_registration_request_get_backchannel_logout_session_required:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:backchannel-logout-session-required].
 *
 * Returns: the value
 *
 * Since: 0.1
 */
gboolean
pim_client_registration_request_get_backchannel_logout_session_required (
    PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), FALSE);
  return self->backchannel_logout_session_required;
}

/**
 * pim_client_registration_request_set_backchannel_logout_session_required:
 * @self: a registration request
 * @backchannel_logout_session_required: the new value
 *
 * Sets [property@ClientRegistrationRequest:backchannel-logout-session-required].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_backchannel_logout_session_required (
    PimClientRegistrationRequest *self,
    gboolean                      backchannel_logout_session_required)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "backchannel-logout-session-required", backchannel_logout_session_required,
                NULL);
}

/**
 * pim_client_registration_request_get_software_statement:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:software-statement].
 *
 * Returns: (nullable): the value
 *
 * Since: 0.1
 */
const char *
pim_client_registration_request_get_software_statement (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return self->software_statement;
}

/**
 * pim_client_registration_request_set_software_statement:
 * @self: a registration request
 * @software_statement: (nullable): the new value
 *
 * Sets [property@ClientRegistrationRequest:software-statement].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_software_statement (PimClientRegistrationRequest *self,
                                                        const char *software_statement)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "software-statement", software_statement, NULL);
}

/**
 * pim_client_registration_request_get_initial_access_token:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:initial-access-token].
 *
 * Returns: (nullable): the value
 *
 * Since: 0.1
 */
const char *
pim_client_registration_request_get_initial_access_token (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return self->initial_access_token;
}

/**
 * pim_client_registration_request_set_initial_access_token:
 * @self: a registration request
 * @initial_access_token: (nullable): the new value
 *
 * Sets [property@ClientRegistrationRequest:initial-access-token].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_initial_access_token (PimClientRegistrationRequest *self,
                                                          const char *initial_access_token)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "initial-access-token", initial_access_token, NULL);
}

/**
 * pim_client_registration_request_get_registration_access_token:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:registration-access-token].
 *
 * Returns: (nullable): the value
 *
 * Since: 0.1
 */
const char *
pim_client_registration_request_get_registration_access_token (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return self->registration_access_token;
}

/**
 * pim_client_registration_request_set_registration_access_token:
 * @self: a registration request
 * @registration_access_token: (nullable): the new value
 *
 * Sets [property@ClientRegistrationRequest:registration-access-token].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_registration_access_token (
    PimClientRegistrationRequest *self,
    const char                   *registration_access_token)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "registration-access-token", registration_access_token, NULL);
}

/**
 * pim_client_registration_request_get_registration_client_uri:
 * @self: a registration request
 *
 * Gets [property@ClientRegistrationRequest:registration-client-uri].
 *
 * Returns: (nullable): the value
 *
 * Since: 0.1
 */
const char *
pim_client_registration_request_get_registration_client_uri (PimClientRegistrationRequest *self)
{
  g_return_val_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self), NULL);
  return self->registration_client_uri;
}

/**
 * pim_client_registration_request_set_registration_client_uri:
 * @self: a registration request
 * @registration_client_uri: (nullable): the new value
 *
 * Sets [property@ClientRegistrationRequest:registration-client-uri].
 *
 * Since: 0.1
 */
void
pim_client_registration_request_set_registration_client_uri (PimClientRegistrationRequest *self,
                                                             const char *registration_client_uri)
{
  g_return_if_fail (PIM_IS_CLIENT_REGISTRATION_REQUEST (self));
  g_object_set (self, "registration-client-uri", registration_client_uri, NULL);
}

void
pim_client_registration_request_set_operation (PimClientRegistrationRequest  *self,
                                               PimClientRegistrationOperation operation)
{
  self->operation = operation;
}
