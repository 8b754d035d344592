/* pim-logout-token.h: OpenID Connect Back-Channel Logout tokens
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <gio/gio.h>

#include "pim-claims.h"
#include "pim-http-client.h"
#include "pim-token-validation.h"

G_BEGIN_DECLS

/**
 * PIM_BACKCHANNEL_LOGOUT_EVENT:
 *
 * The member of a logout token's `events` claim that makes it one
 * (OpenID Connect Back-Channel Logout 1.0 §2.4).
 *
 * Since: 0.1
 */
#define PIM_BACKCHANNEL_LOGOUT_EVENT "http://schemas.openid.net/event/backchannel-logout"

PIM_AVAILABLE_IN_0_1
PimClaims *pim_validate_logout_token (const char                   *token,
                                      PimTokenValidationParameters *parameters,
                                      PimHttpClient                *client,
                                      GCancellable                 *cancellable,
                                      GError                      **error);
PIM_AVAILABLE_IN_0_1
void pim_validate_logout_token_async (const char                   *token,
                                      PimTokenValidationParameters *parameters,
                                      PimHttpClient                *client,
                                      GCancellable                 *cancellable,
                                      GAsyncReadyCallback           callback,
                                      gpointer                      user_data);
PIM_AVAILABLE_IN_0_1
PimClaims *pim_validate_logout_token_finish (GAsyncResult *result, GError **error);

PIM_AVAILABLE_IN_0_1
char *pim_logout_token_from_form (GBytes *body, GError **error);

G_END_DECLS
