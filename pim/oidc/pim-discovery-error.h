/* pim-discovery-error.h: errors of discovery
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib.h>

#include "pim-version-macros.h"

G_BEGIN_DECLS

/**
 * PIM_DISCOVERY_ERROR:
 *
 * The error domain of discovery. Errors in this domain are from the
 * [error@DiscoveryError] enumeration.
 *
 * Since: 0.1
 */
#define PIM_DISCOVERY_ERROR (pim_discovery_error_quark ())

/**
 * PimDiscoveryError:
 * @PIM_DISCOVERY_ERROR_FAILED: a failure that no other code describes
 * @PIM_DISCOVERY_ERROR_INVALID_ADDRESS: the address to discover from is not
 *   a usable URL (not absolute, not HTTP(S), with a query or fragment)
 * @PIM_DISCOVERY_ERROR_MALFORMED: the document is not a JSON object, or a
 *   member has the wrong type
 * @PIM_DISCOVERY_ERROR_MISSING_FIELD: a required member is missing
 * @PIM_DISCOVERY_ERROR_ISSUER_MISMATCH: the document's `issuer` is not
 *   exactly the issuer it was fetched for (OpenID Connect Discovery §4.3,
 *   RFC 8414 §3.3)
 * @PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT: the issuer or an endpoint is plain
 *   `http` outside loopback while the policy requires HTTPS
 * @PIM_DISCOVERY_ERROR_FOREIGN_ENDPOINT: an endpoint is not on the issuer's
 *   authority (or an allowed base address) while the policy checks that
 *
 * Error codes of the [error@DiscoveryError] domain. Messages name the
 * offending member.
 *
 * Since: 0.1
 */
typedef enum
{
  PIM_DISCOVERY_ERROR_FAILED,
  PIM_DISCOVERY_ERROR_INVALID_ADDRESS,
  PIM_DISCOVERY_ERROR_MALFORMED,
  PIM_DISCOVERY_ERROR_MISSING_FIELD,
  PIM_DISCOVERY_ERROR_ISSUER_MISMATCH,
  PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT,
  PIM_DISCOVERY_ERROR_FOREIGN_ENDPOINT,
} PimDiscoveryError;

PIM_AVAILABLE_IN_0_1
GQuark pim_discovery_error_quark (void);

G_END_DECLS
