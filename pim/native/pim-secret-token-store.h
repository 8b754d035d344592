/* pim-secret-token-store.h: a token store in the user's keyring
 * (Secret Service, through libsecret); only when PIM_HAS_LIBSECRET
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include "pim-token-store.h"

G_BEGIN_DECLS

#define PIM_TYPE_SECRET_TOKEN_STORE (pim_secret_token_store_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimSecretTokenStore, pim_secret_token_store, PIM, SECRET_TOKEN_STORE, GObject)

PIM_AVAILABLE_IN_0_1
PimTokenStore *pim_secret_token_store_new (void);

G_END_DECLS
