/* pim-security-profile.h: a security profile that requests must follow,
 * such as the FAPI 2.0 Security Profile
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib-object.h>

#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_SECURITY_PROFILE (pim_security_profile_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimSecurityProfile, pim_security_profile, PIM, SECURITY_PROFILE, GObject)

PIM_AVAILABLE_IN_0_1
PimSecurityProfile *pim_security_profile_new_fapi2 (void);
PIM_AVAILABLE_IN_0_1
const char *pim_security_profile_get_name (PimSecurityProfile *self);
PIM_AVAILABLE_IN_0_1
const char *const *pim_security_profile_get_allowed_algs (PimSecurityProfile *self);
PIM_AVAILABLE_IN_0_1
gboolean pim_security_profile_allows_alg (PimSecurityProfile *self, const char *alg);

G_END_DECLS
