/* pim-discovery-policy.h: what a discovery document must satisfy
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

#define PIM_TYPE_DISCOVERY_POLICY (pim_discovery_policy_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimDiscoveryPolicy, pim_discovery_policy, PIM, DISCOVERY_POLICY, GObject)

PIM_AVAILABLE_IN_0_1
PimDiscoveryPolicy *pim_discovery_policy_new (void);

PIM_AVAILABLE_IN_0_1
gboolean pim_discovery_policy_get_require_https (PimDiscoveryPolicy *self);
PIM_AVAILABLE_IN_0_1
void pim_discovery_policy_set_require_https (PimDiscoveryPolicy *self, gboolean require_https);

PIM_AVAILABLE_IN_0_1
gboolean pim_discovery_policy_get_allow_http_on_loopback (PimDiscoveryPolicy *self);
PIM_AVAILABLE_IN_0_1
void pim_discovery_policy_set_allow_http_on_loopback (PimDiscoveryPolicy *self, gboolean allow);

PIM_AVAILABLE_IN_0_1
gboolean pim_discovery_policy_get_validate_issuer (PimDiscoveryPolicy *self);
PIM_AVAILABLE_IN_0_1
void pim_discovery_policy_set_validate_issuer (PimDiscoveryPolicy *self, gboolean validate);

PIM_AVAILABLE_IN_0_1
gboolean pim_discovery_policy_get_validate_endpoints (PimDiscoveryPolicy *self);
PIM_AVAILABLE_IN_0_1
void pim_discovery_policy_set_validate_endpoints (PimDiscoveryPolicy *self, gboolean validate);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_policy_get_additional_endpoint_base_addresses (PimDiscoveryPolicy *self);
PIM_AVAILABLE_IN_0_1
void pim_discovery_policy_set_additional_endpoint_base_addresses (PimDiscoveryPolicy *self,
                                                                  const char *const  *addresses);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_policy_get_endpoint_validation_excluded (PimDiscoveryPolicy *self);
PIM_AVAILABLE_IN_0_1
void pim_discovery_policy_set_endpoint_validation_excluded (PimDiscoveryPolicy *self,
                                                            const char *const  *names);

PIM_AVAILABLE_IN_0_1
gboolean pim_discovery_policy_get_require_key_set (PimDiscoveryPolicy *self);
PIM_AVAILABLE_IN_0_1
void pim_discovery_policy_set_require_key_set (PimDiscoveryPolicy *self, gboolean require);

G_END_DECLS
