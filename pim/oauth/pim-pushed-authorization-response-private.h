/* pim-pushed-authorization-response-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-pushed-authorization-response.h"

G_BEGIN_DECLS

/* A pushed authorization request endpoint's successful answer, checked:
 * `request_uri` a non-empty string, `expires_in` a positive JSON
 * integer. */
G_GNUC_INTERNAL
PimPushedAuthorizationResponse *pim_pushed_authorization_response_new_from_object (JsonObject *json,
                                                                                   GError **error);

G_END_DECLS
