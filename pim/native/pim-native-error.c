/* pim-native-error.c: the native-app error domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-native-error.h"

/**
 * pim_native_error_quark:
 *
 * Gets the quark of the [error@NativeError] domain.
 *
 * Returns: the error quark
 *
 * Since: 0.1
 */
/* clang-format off */
G_DEFINE_QUARK (pim-native-error-quark, pim_native_error)
/* clang-format on */
