/* pim-client-registration-response-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-client-registration-response.h"

G_BEGIN_DECLS

/* A registration answer, checked: client_id a non-empty string, every
 * member Pim reads of the right type, the management pair complete. */
G_GNUC_INTERNAL
PimClientRegistrationResponse *pim_client_registration_response_new_from_object (JsonObject *json,
                                                                                 GError    **error);

G_END_DECLS
