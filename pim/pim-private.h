/* pim-private.h: what every Pim source file includes first
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "config.h"

#include <glib/gi18n-lib.h>

/* Logs through the structured log with the "Pim" domain. Messages never
 * carry secrets: callers pass URLs through pim_http_uri_for_display(). */
#define pim_log_message(...)                                                                      \
  g_log_structured_standard (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE, __FILE__, G_STRINGIFY (__LINE__), \
                             G_STRFUNC, __VA_ARGS__)
#define pim_log_debug(...)                                                                      \
  g_log_structured_standard (G_LOG_DOMAIN, G_LOG_LEVEL_DEBUG, __FILE__, G_STRINGIFY (__LINE__), \
                             G_STRFUNC, __VA_ARGS__)

/* A GTask source tag from a function, without the function-to-object
 * pointer conversion that ISO C (and -Wpedantic) forbids. */
#define PIM_SOURCE_TAG(func) ((gpointer) (guintptr) (func))
