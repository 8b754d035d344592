/* pim-version-macros.h: symbol visibility and availability
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib.h>

#include "pim-version.h"

#ifndef _PIM_EXTERN
#define _PIM_EXTERN extern
#endif

#define PIM_VERSION_0_1 (PIM_ENCODE_VERSION (0, 1, 0))

#ifndef PIM_VERSION_MIN_REQUIRED
#define PIM_VERSION_MIN_REQUIRED (PIM_VERSION_0_1)
#endif

#ifndef PIM_VERSION_MAX_ALLOWED
#define PIM_VERSION_MAX_ALLOWED (PIM_VERSION_0_1)
#endif

#define PIM_UNAVAILABLE(maj, min) G_UNAVAILABLE (maj, min) _PIM_EXTERN

/* Every public symbol carries one of these. */
#define PIM_AVAILABLE_IN_ALL _PIM_EXTERN

#if PIM_VERSION_MAX_ALLOWED < PIM_VERSION_0_1
#define PIM_AVAILABLE_IN_0_1 PIM_UNAVAILABLE (0, 1)
#else
#define PIM_AVAILABLE_IN_0_1 _PIM_EXTERN
#endif
