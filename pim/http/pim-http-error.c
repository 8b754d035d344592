/* pim-http-error.c: the HTTP error domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-http-error.h"

/**
 * pim_http_error_quark:
 *
 * Gets the quark of the [error@HttpError] domain.
 *
 * Returns: the error quark
 *
 * Since: 0.1
 */
/* clang-format off */
G_DEFINE_QUARK (pim-http-error-quark, pim_http_error)
/* clang-format on */
