/* pim-userinfo-response.h: what the UserInfo endpoint answered
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "pim-claims.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_USERINFO_RESPONSE (pim_userinfo_response_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimUserInfoResponse, pim_userinfo_response, PIM, USERINFO_RESPONSE, GObject)

PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_subject (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_name (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_given_name (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_family_name (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_middle_name (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_nickname (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_preferred_username (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_profile (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_picture (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_website (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_email (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
gboolean pim_userinfo_response_get_email_verified (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_gender (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_birthdate (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_zoneinfo (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_locale (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_phone_number (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
gboolean pim_userinfo_response_get_phone_number_verified (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
JsonObject *pim_userinfo_response_get_address (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
gint64 pim_userinfo_response_get_updated_at (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
JsonObject *pim_userinfo_response_get_json (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
PimClaims *pim_userinfo_response_get_claims (PimUserInfoResponse *self);
PIM_AVAILABLE_IN_0_1
const char *pim_userinfo_response_get_string (PimUserInfoResponse *self, const char *name);
PIM_AVAILABLE_IN_0_1
gboolean pim_userinfo_response_get_int (PimUserInfoResponse *self, const char *name, gint64 *value);
PIM_AVAILABLE_IN_0_1
gboolean
pim_userinfo_response_get_boolean (PimUserInfoResponse *self, const char *name, gboolean *value);

G_END_DECLS
