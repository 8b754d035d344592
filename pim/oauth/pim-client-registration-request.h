/* pim-client-registration-request.h: dynamic client registration (RFC
 * 7591) and its management (RFC 7592)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <gio/gio.h>

#include "pim-client-registration-response.h"
#include "pim-http-client.h"
#include "pim-oauth-request.h"

G_BEGIN_DECLS

#define PIM_TYPE_CLIENT_REGISTRATION_REQUEST (pim_client_registration_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimClientRegistrationRequest,
                      pim_client_registration_request,
                      PIM,
                      CLIENT_REGISTRATION_REQUEST,
                      PimOAuthRequest)

PIM_AVAILABLE_IN_0_1
PimClientRegistrationRequest *pim_client_registration_request_new (const char *address);
PIM_AVAILABLE_IN_0_1
PimClientRegistrationRequest *
pim_client_registration_request_new_for_client (PimClientRegistrationResponse *registration);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_client_registration_request_get_redirect_uris (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_client_registration_request_set_redirect_uris (PimClientRegistrationRequest *self,
                                                        const char *const *redirect_uris);
PIM_AVAILABLE_IN_0_1
const char *pim_client_registration_request_get_client_name (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_client_registration_request_set_client_name (PimClientRegistrationRequest *self,
                                                      const char                   *client_name);
PIM_AVAILABLE_IN_0_1
const char *const *
pim_client_registration_request_get_grant_types (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_client_registration_request_set_grant_types (PimClientRegistrationRequest *self,
                                                      const char *const            *grant_types);
PIM_AVAILABLE_IN_0_1
const char *const *
pim_client_registration_request_get_response_types (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_client_registration_request_set_response_types (PimClientRegistrationRequest *self,
                                                         const char *const *response_types);
PIM_AVAILABLE_IN_0_1
const char *
pim_client_registration_request_get_token_endpoint_auth_method (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_client_registration_request_set_token_endpoint_auth_method (
    PimClientRegistrationRequest *self,
    const char                   *token_endpoint_auth_method);
PIM_AVAILABLE_IN_0_1
const char *pim_client_registration_request_get_scope (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_client_registration_request_set_scope (PimClientRegistrationRequest *self,
                                                const char                   *scope);
PIM_AVAILABLE_IN_0_1
const char *pim_client_registration_request_get_jwks (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_client_registration_request_set_jwks (PimClientRegistrationRequest *self,
                                               const char                   *jwks);
PIM_AVAILABLE_IN_0_1
const char *pim_client_registration_request_get_jwks_uri (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_client_registration_request_set_jwks_uri (PimClientRegistrationRequest *self,
                                                   const char                   *jwks_uri);
PIM_AVAILABLE_IN_0_1
const char *
pim_client_registration_request_get_application_type (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_client_registration_request_set_application_type (PimClientRegistrationRequest *self,
                                                           const char *application_type);
PIM_AVAILABLE_IN_0_1
const char *const *
pim_client_registration_request_get_contacts (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_client_registration_request_set_contacts (PimClientRegistrationRequest *self,
                                                   const char *const            *contacts);
PIM_AVAILABLE_IN_0_1
const char *const *
pim_client_registration_request_get_post_logout_redirect_uris (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_client_registration_request_set_post_logout_redirect_uris (
    PimClientRegistrationRequest *self,
    const char *const            *post_logout_redirect_uris);
PIM_AVAILABLE_IN_0_1
const char *
pim_client_registration_request_get_backchannel_logout_uri (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void
pim_client_registration_request_set_backchannel_logout_uri (PimClientRegistrationRequest *self,
                                                            const char *backchannel_logout_uri);
PIM_AVAILABLE_IN_0_1
gboolean pim_client_registration_request_get_backchannel_logout_session_required (
    PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_client_registration_request_set_backchannel_logout_session_required (
    PimClientRegistrationRequest *self,
    gboolean                      backchannel_logout_session_required);
PIM_AVAILABLE_IN_0_1
const char *
pim_client_registration_request_get_software_statement (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_client_registration_request_set_software_statement (PimClientRegistrationRequest *self,
                                                             const char *software_statement);
PIM_AVAILABLE_IN_0_1
const char *
pim_client_registration_request_get_initial_access_token (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_client_registration_request_set_initial_access_token (PimClientRegistrationRequest *self,
                                                               const char *initial_access_token);
PIM_AVAILABLE_IN_0_1
const char *
pim_client_registration_request_get_registration_access_token (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_client_registration_request_set_registration_access_token (
    PimClientRegistrationRequest *self,
    const char                   *registration_access_token);
PIM_AVAILABLE_IN_0_1
const char *
pim_client_registration_request_get_registration_client_uri (PimClientRegistrationRequest *self);
PIM_AVAILABLE_IN_0_1
void
pim_client_registration_request_set_registration_client_uri (PimClientRegistrationRequest *self,
                                                             const char *registration_client_uri);

PIM_AVAILABLE_IN_0_1
gboolean pim_client_registration_request_set_metadata (PimClientRegistrationRequest *self,
                                                       const char                   *name,
                                                       const char                   *json_value,
                                                       GError                      **error);
PIM_AVAILABLE_IN_0_1
char *pim_client_registration_request_to_json (PimClientRegistrationRequest *self, GError **error);

PIM_AVAILABLE_IN_0_1
PimClientRegistrationResponse *pim_register_client (PimClientRegistrationRequest *request,
                                                    PimHttpClient                *client,
                                                    GCancellable                 *cancellable,
                                                    GError                      **error);
PIM_AVAILABLE_IN_0_1
void pim_register_client_async (PimClientRegistrationRequest *request,
                                PimHttpClient                *client,
                                GCancellable                 *cancellable,
                                GAsyncReadyCallback           callback,
                                gpointer                      user_data);
PIM_AVAILABLE_IN_0_1
PimClientRegistrationResponse *pim_register_client_finish (GAsyncResult *result, GError **error);

PIM_AVAILABLE_IN_0_1
PimClientRegistrationResponse *pim_read_client_registration (PimClientRegistrationRequest *request,
                                                             PimHttpClient                *client,
                                                             GCancellable *cancellable,
                                                             GError      **error);
PIM_AVAILABLE_IN_0_1
void pim_read_client_registration_async (PimClientRegistrationRequest *request,
                                         PimHttpClient                *client,
                                         GCancellable                 *cancellable,
                                         GAsyncReadyCallback           callback,
                                         gpointer                      user_data);
PIM_AVAILABLE_IN_0_1
PimClientRegistrationResponse *pim_read_client_registration_finish (GAsyncResult *result,
                                                                    GError      **error);

PIM_AVAILABLE_IN_0_1
PimClientRegistrationResponse *
pim_update_client_registration (PimClientRegistrationRequest *request,
                                PimHttpClient                *client,
                                GCancellable                 *cancellable,
                                GError                      **error);
PIM_AVAILABLE_IN_0_1
void pim_update_client_registration_async (PimClientRegistrationRequest *request,
                                           PimHttpClient                *client,
                                           GCancellable                 *cancellable,
                                           GAsyncReadyCallback           callback,
                                           gpointer                      user_data);
PIM_AVAILABLE_IN_0_1
PimClientRegistrationResponse *pim_update_client_registration_finish (GAsyncResult *result,
                                                                      GError      **error);

PIM_AVAILABLE_IN_0_1
gboolean pim_delete_client_registration (PimClientRegistrationRequest *request,
                                         PimHttpClient                *client,
                                         GCancellable                 *cancellable,
                                         GError                      **error);
PIM_AVAILABLE_IN_0_1
void pim_delete_client_registration_async (PimClientRegistrationRequest *request,
                                           PimHttpClient                *client,
                                           GCancellable                 *cancellable,
                                           GAsyncReadyCallback           callback,
                                           gpointer                      user_data);
PIM_AVAILABLE_IN_0_1
gboolean pim_delete_client_registration_finish (GAsyncResult *result, GError **error);

G_END_DECLS
