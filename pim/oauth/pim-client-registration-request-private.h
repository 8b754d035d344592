/* pim-client-registration-request-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

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

/* Sets the operation the next exchange of @self performs. */
G_GNUC_INTERNAL
void pim_client_registration_request_set_operation (PimClientRegistrationRequest  *self,
                                                    PimClientRegistrationOperation operation);

G_END_DECLS
