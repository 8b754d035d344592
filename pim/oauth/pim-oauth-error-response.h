/* pim-oauth-error-response.h: what a provider said when it refused
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_OAUTH_ERROR_RESPONSE (pim_oauth_error_response_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimOAuthErrorResponse,
                      pim_oauth_error_response,
                      PIM,
                      OAUTH_ERROR_RESPONSE,
                      GObject)

PIM_AVAILABLE_IN_0_1
const char *pim_oauth_error_response_get_error (PimOAuthErrorResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_oauth_error_response_get_error_description (PimOAuthErrorResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_oauth_error_response_get_error_uri (PimOAuthErrorResponse *self);
PIM_AVAILABLE_IN_0_1
guint pim_oauth_error_response_get_status (PimOAuthErrorResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_oauth_error_response_get_endpoint (PimOAuthErrorResponse *self);
PIM_AVAILABLE_IN_0_1
JsonObject *pim_oauth_error_response_get_json (PimOAuthErrorResponse *self);

G_END_DECLS
