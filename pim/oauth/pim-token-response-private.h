/* pim-token-response-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-token-response.h"

G_BEGIN_DECLS

/* A token endpoint's successful answer, checked: access_token and
 * token_type present, members of the right types. */
G_GNUC_INTERNAL
PimTokenResponse *pim_token_response_new_from_object (JsonObject *json, GError **error);

G_END_DECLS
