/* pim-token-manager.h: one account's tokens, kept fresh
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <gio/gio.h>

#include "pim-client-credentials-token-request.h"
#include "pim-discovery-document.h"
#include "pim-dpop-key.h"
#include "pim-http-client.h"
#include "pim-sign-in-result.h"
#include "pim-token-response.h"
#include "pim-token-store.h"

G_BEGIN_DECLS

#define PIM_TYPE_TOKEN_MANAGER (pim_token_manager_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimTokenManager, pim_token_manager, PIM, TOKEN_MANAGER, GObject)

PIM_AVAILABLE_IN_0_1
PimTokenManager *pim_token_manager_new (PimDiscoveryDocument *document, const char *client_id);
PIM_AVAILABLE_IN_0_1
PimTokenManager *pim_token_manager_new_from_sign_in (PimSignInResult *result);
PIM_AVAILABLE_IN_0_1
PimTokenManager *
pim_token_manager_new_for_client_credentials (PimClientCredentialsTokenRequest *request);

PIM_AVAILABLE_IN_0_1
PimDiscoveryDocument *pim_token_manager_get_discovery_document (PimTokenManager *self);
PIM_AVAILABLE_IN_0_1
const char *pim_token_manager_get_client_id (PimTokenManager *self);
PIM_AVAILABLE_IN_0_1
PimHttpClient *pim_token_manager_get_http_client (PimTokenManager *self);
PIM_AVAILABLE_IN_0_1
void pim_token_manager_set_http_client (PimTokenManager *self, PimHttpClient *client);
PIM_AVAILABLE_IN_0_1
PimTokenStore *pim_token_manager_get_store (PimTokenManager *self);
PIM_AVAILABLE_IN_0_1
void pim_token_manager_set_store (PimTokenManager *self, PimTokenStore *store);
PIM_AVAILABLE_IN_0_1
const char *pim_token_manager_get_account (PimTokenManager *self);
PIM_AVAILABLE_IN_0_1
void pim_token_manager_set_account (PimTokenManager *self, const char *account);
PIM_AVAILABLE_IN_0_1
guint pim_token_manager_get_margin (PimTokenManager *self);
PIM_AVAILABLE_IN_0_1
void pim_token_manager_set_margin (PimTokenManager *self, guint seconds);
PIM_AVAILABLE_IN_0_1
PimDPoPKey *pim_token_manager_get_dpop_key (PimTokenManager *self);
PIM_AVAILABLE_IN_0_1
void pim_token_manager_set_dpop_key (PimTokenManager *self, PimDPoPKey *key);
PIM_AVAILABLE_IN_0_1
gboolean pim_token_manager_get_signed_in (PimTokenManager *self);
PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_token_manager_dup_tokens (PimTokenManager *self);

PIM_AVAILABLE_IN_0_1
char *pim_token_manager_get_access_token (PimTokenManager *self,
                                          GCancellable    *cancellable,
                                          GError         **error);
PIM_AVAILABLE_IN_0_1
void pim_token_manager_get_access_token_async (PimTokenManager    *self,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
PIM_AVAILABLE_IN_0_1
char *pim_token_manager_get_access_token_finish (PimTokenManager *self,
                                                 GAsyncResult    *result,
                                                 GError         **error);

PIM_AVAILABLE_IN_0_1
gboolean pim_token_manager_set_tokens (PimTokenManager  *self,
                                       PimTokenResponse *tokens,
                                       GCancellable     *cancellable,
                                       GError          **error);
PIM_AVAILABLE_IN_0_1
void pim_token_manager_set_tokens_async (PimTokenManager    *self,
                                         PimTokenResponse   *tokens,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
PIM_AVAILABLE_IN_0_1
gboolean
pim_token_manager_set_tokens_finish (PimTokenManager *self, GAsyncResult *result, GError **error);

PIM_AVAILABLE_IN_0_1
gboolean pim_token_manager_load (PimTokenManager *self, GCancellable *cancellable, GError **error);
PIM_AVAILABLE_IN_0_1
void pim_token_manager_load_async (PimTokenManager    *self,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
PIM_AVAILABLE_IN_0_1
gboolean
pim_token_manager_load_finish (PimTokenManager *self, GAsyncResult *result, GError **error);

PIM_AVAILABLE_IN_0_1
gboolean
pim_token_manager_sign_out (PimTokenManager *self, GCancellable *cancellable, GError **error);
PIM_AVAILABLE_IN_0_1
void pim_token_manager_sign_out_async (PimTokenManager    *self,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
PIM_AVAILABLE_IN_0_1
gboolean
pim_token_manager_sign_out_finish (PimTokenManager *self, GAsyncResult *result, GError **error);

G_END_DECLS
