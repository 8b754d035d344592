/* pim-client-registration-request-private.h: what the files of
 * PimClientRegistrationRequest share: the object's fields
 * (pim-client-registration-request.c, -metadata.c, -accessors.c), the
 * metadata it sends, and the operation set by pim-client-registration.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "pim-client-registration-request.h"

G_BEGIN_DECLS

/* What a registration request sends: the HTTP method and body it builds
 * and the endpoint it goes to follow it. */
typedef enum
{
  PIM_CLIENT_REGISTRATION_OPERATION_REGISTER,
  PIM_CLIENT_REGISTRATION_OPERATION_READ,
  PIM_CLIENT_REGISTRATION_OPERATION_UPDATE,
  PIM_CLIENT_REGISTRATION_OPERATION_DELETE,
} PimClientRegistrationOperation;

struct _PimClientRegistrationRequest
{
  PimOAuthRequest parent_instance;

  GStrv                          redirect_uris;
  char                          *client_name;
  GStrv                          grant_types;
  GStrv                          response_types;
  char                          *token_endpoint_auth_method;
  char                          *scope;
  char                          *jwks;
  char                          *jwks_uri;
  char                          *application_type;
  GStrv                          contacts;
  GStrv                          post_logout_redirect_uris;
  char                          *backchannel_logout_uri;
  gboolean                       backchannel_logout_session_required;
  char                          *software_statement;
  char                          *initial_access_token;
  char                          *registration_access_token;
  char                          *registration_client_uri;
  JsonObject                    *metadata; /* the members without a property */
  PimClientRegistrationOperation operation;
};

/* What the request sends: the members without a property first, then
 * the properties, which win; %NULL with @error set when
 * PimClientRegistrationRequest:jwks is not a JSON object. */
G_GNUC_INTERNAL
JsonObject *pim_client_registration_request_build_metadata (PimClientRegistrationRequest *self,
                                                            GError                      **error);

/* Sets the operation the next exchange of @self performs. */
G_GNUC_INTERNAL
void pim_client_registration_request_set_operation (PimClientRegistrationRequest  *self,
                                                    PimClientRegistrationOperation operation);

G_END_DECLS
