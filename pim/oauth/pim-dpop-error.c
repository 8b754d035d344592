/* pim-dpop-error.c: the DPoP and token binding error domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-dpop-error.h"

/**
 * pim_dpop_error_quark:
 *
 * Gets the quark of the [error@DPoPError] domain.
 *
 * Returns: the error quark
 *
 * Since: 0.1
 */
/* clang-format off */
G_DEFINE_QUARK (pim-dpop-error-quark, pim_dpop_error)
/* clang-format on */
