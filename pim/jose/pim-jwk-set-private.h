/* pim-jwk-set-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-jwk-set.h"

G_BEGIN_DECLS

G_GNUC_INTERNAL
PimJwkSet *pim_jwk_set_new_from_data (const char *data, gsize len, GError **error);
/* The keys, without a copy: for the verifier's hot path. */
G_GNUC_INTERNAL
GPtrArray *pim_jwk_set_get_keys_internal (PimJwkSet *self);

G_END_DECLS
