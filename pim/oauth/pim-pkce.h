/* pim-pkce.h: PKCE (RFC 7636) and random strings for state and nonce
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
 * PIM_PKCE_VERIFIER_MIN_LENGTH:
 *
 * The shortest code verifier RFC 7636 §4.1 allows: 43 characters.
 *
 * Since: 0.1
 */
#define PIM_PKCE_VERIFIER_MIN_LENGTH 43

/**
 * PIM_PKCE_VERIFIER_MAX_LENGTH:
 *
 * The longest code verifier RFC 7636 §4.1 allows: 128 characters.
 *
 * Since: 0.1
 */
#define PIM_PKCE_VERIFIER_MAX_LENGTH 128

PIM_AVAILABLE_IN_0_1
char *pim_pkce_generate_verifier (guint length, GError **error);
PIM_AVAILABLE_IN_0_1
gboolean pim_pkce_verifier_is_valid (const char *verifier);
PIM_AVAILABLE_IN_0_1
char *pim_pkce_compute_challenge (const char *verifier, GError **error);

PIM_AVAILABLE_IN_0_1
char *pim_generate_random_string (guint n_bytes, GError **error);

G_END_DECLS
