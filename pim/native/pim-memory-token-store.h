/* pim-memory-token-store.h: a token store that forgets at exit
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include "pim-token-store.h"

G_BEGIN_DECLS

#define PIM_TYPE_MEMORY_TOKEN_STORE (pim_memory_token_store_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimMemoryTokenStore, pim_memory_token_store, PIM, MEMORY_TOKEN_STORE, GObject)

PIM_AVAILABLE_IN_0_1
PimTokenStore *pim_memory_token_store_new (void);

G_END_DECLS
