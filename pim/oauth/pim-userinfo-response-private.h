/* pim-userinfo-response-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-userinfo-response.h"

G_BEGIN_DECLS

/* A UserInfo answer, checked: a string `sub`, the standard claims of the
 * right types. @claims (nullable) is the validated JWT the claims came
 * in, whose JSON @json is. */
G_GNUC_INTERNAL
PimUserInfoResponse *
pim_userinfo_response_new (JsonObject *json, PimClaims *claims, GError **error);

G_END_DECLS
