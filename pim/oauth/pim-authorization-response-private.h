/* pim-authorization-response-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-authorization-response.h"

G_BEGIN_DECLS

/* A successful authorization response from its parameters (@params: an
 * object of string members), checked only for their form: expires_in a
 * number of seconds. The protocol checks (state, iss, what the response
 * type requires) are the request's. */
G_GNUC_INTERNAL
PimAuthorizationResponse *pim_authorization_response_new_from_params (JsonObject *params,
                                                                      GError    **error);

G_END_DECLS
