/* pim-token-store-private.h: what the token stores share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-token-store.h"

G_BEGIN_DECLS

/* A copy of @data whose bytes are zeroed when its last reference goes. */
G_GNUC_INTERNAL
GBytes *pim_token_store_bytes_new_wiped (const void *data, gsize len);

/* The finish vfuncs of stores whose async forms return through a GTask of
 * the store: a GBytes (lookup) or a boolean (save, clear). */
G_GNUC_INTERNAL
GBytes *
pim_token_store_task_finish_bytes (PimTokenStore *store, GAsyncResult *result, GError **error);
G_GNUC_INTERNAL
gboolean
pim_token_store_task_finish_boolean (PimTokenStore *store, GAsyncResult *result, GError **error);

G_END_DECLS
