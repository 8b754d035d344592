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

/* A user's tokens at the provider of @document for public client
 * @client_id: refreshed with the refresh token grant. */
PIM_AVAILABLE_IN_0_1
PimTokenManager *pim_token_manager_new (PimDiscoveryDocument *document, const char *client_id);
/* The same, seeded with a sign-in's tokens (not yet saved: call
 * pim_token_manager_set_tokens() to save them, or this is enough for a
 * process that does not keep the user signed in). */
PIM_AVAILABLE_IN_0_1
PimTokenManager *pim_token_manager_new_from_sign_in (PimSignInResult *result);
/* A service's token, got and renewed with @request (client credentials;
 * its client authentication, scope, resources and DPoP key are used as
 * they are). No refresh token, no store. */
PIM_AVAILABLE_IN_0_1
PimTokenManager *
pim_token_manager_new_for_client_credentials (PimClientCredentialsTokenRequest *request);

/* Properties:
 *   discovery-document, client-id (construct-only);
 *   http-client (NULL: the library's default);
 *   store (PimTokenStore, NULL: none; set before load/set_tokens);
 *   account (NULL: the only one);
 *   margin: seconds of validity an access token must still have to be
 *     returned (default 60);
 *   dpop-key (PimDPoPKey): refresh with DPoP proofs (and store the key);
 *   network-monitor (GNetworkMonitor, construct-only, NULL: the default);
 *   signed-in (read-only): there is a refresh token or a usable access
 *     token, or (client credentials) always.
 * Signals (emitted on the thread-default main context current when the
 * manager was made):
 *   "tokens-changed" (PimTokenManager *): new tokens from a refresh,
 *     set_tokens, load or sign_out;
 *   "refresh-failed" (PimTokenManager *, GError *): a refresh failed;
 *   "signed-out" (PimTokenManager *): the grant is gone (invalid_grant, or
 *     sign_out); the app should offer to sign in again. */
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
/* The latest token response (transfer full), NULL when none. */
PIM_AVAILABLE_IN_0_1
PimTokenResponse *pim_token_manager_dup_tokens (PimTokenManager *self);

/* An access token valid for at least the margin, refreshed ahead of expiry
 * when needed: one refresh at a time for all threads and async callers
 * (the others wait for its outcome). Transfer full. Errors: SIGNED_OUT,
 * OFFLINE, or the provider's. */
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

/* Takes new tokens (after a sign-in) and saves the refresh token (and DPoP
 * key) in the store, if any. */
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

/* Loads the refresh token (and DPoP key) from the store. Returns TRUE when
 * one was found (the manager is then signed in), FALSE without error when
 * the store has none. */
PIM_AVAILABLE_IN_0_1
gboolean
pim_token_manager_load (PimTokenManager *self, GCancellable *cancellable, GError **error);
PIM_AVAILABLE_IN_0_1
void pim_token_manager_load_async (PimTokenManager    *self,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
PIM_AVAILABLE_IN_0_1
gboolean
pim_token_manager_load_finish (PimTokenManager *self, GAsyncResult *result, GError **error);

/* Revokes the refresh token (RFC 7009, when the provider has a revocation
 * endpoint; a failure to revoke is not an error), forgets the tokens,
 * clears the store and emits "signed-out". */
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
