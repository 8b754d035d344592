/* pim-browser-sign-in.h: signing a user in with the system browser
 * (OAuth 2.0 for native apps, RFC 8252)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <gio/gio.h>

#include "pim-discovery-document.h"
#include "pim-dpop-key.h"
#include "pim-http-client.h"
#include "pim-sign-in-result.h"

G_BEGIN_DECLS

#define PIM_TYPE_BROWSER_SIGN_IN (pim_browser_sign_in_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimBrowserSignIn, pim_browser_sign_in, PIM, BROWSER_SIGN_IN, GObject)

PIM_AVAILABLE_IN_0_1
PimBrowserSignIn *
pim_browser_sign_in_new (const char *issuer, const char *client_id, const char *scope);
PIM_AVAILABLE_IN_0_1
PimBrowserSignIn *pim_browser_sign_in_new_from_discovery (PimDiscoveryDocument *document,
                                                          const char           *client_id,
                                                          const char           *scope);

PIM_AVAILABLE_IN_0_1
const char *pim_browser_sign_in_get_issuer (PimBrowserSignIn *self);
PIM_AVAILABLE_IN_0_1
PimDiscoveryDocument *pim_browser_sign_in_get_discovery_document (PimBrowserSignIn *self);
PIM_AVAILABLE_IN_0_1
void pim_browser_sign_in_set_discovery_document (PimBrowserSignIn     *self,
                                                 PimDiscoveryDocument *document);
PIM_AVAILABLE_IN_0_1
const char *pim_browser_sign_in_get_client_id (PimBrowserSignIn *self);
PIM_AVAILABLE_IN_0_1
void pim_browser_sign_in_set_client_id (PimBrowserSignIn *self, const char *client_id);
PIM_AVAILABLE_IN_0_1
const char *pim_browser_sign_in_get_scope (PimBrowserSignIn *self);
PIM_AVAILABLE_IN_0_1
void pim_browser_sign_in_set_scope (PimBrowserSignIn *self, const char *scope);
PIM_AVAILABLE_IN_0_1
PimHttpClient *pim_browser_sign_in_get_http_client (PimBrowserSignIn *self);
PIM_AVAILABLE_IN_0_1
void pim_browser_sign_in_set_http_client (PimBrowserSignIn *self, PimHttpClient *client);
PIM_AVAILABLE_IN_0_1
const char *pim_browser_sign_in_get_redirect_uri (PimBrowserSignIn *self);
PIM_AVAILABLE_IN_0_1
void pim_browser_sign_in_set_redirect_uri (PimBrowserSignIn *self, const char *redirect_uri);
PIM_AVAILABLE_IN_0_1
const char *pim_browser_sign_in_get_redirect_path (PimBrowserSignIn *self);
PIM_AVAILABLE_IN_0_1
void pim_browser_sign_in_set_redirect_path (PimBrowserSignIn *self, const char *path);
PIM_AVAILABLE_IN_0_1
gboolean pim_browser_sign_in_get_use_ipv6 (PimBrowserSignIn *self);
PIM_AVAILABLE_IN_0_1
void pim_browser_sign_in_set_use_ipv6 (PimBrowserSignIn *self, gboolean use_ipv6);
PIM_AVAILABLE_IN_0_1
gboolean pim_browser_sign_in_get_use_par (PimBrowserSignIn *self);
PIM_AVAILABLE_IN_0_1
void pim_browser_sign_in_set_use_par (PimBrowserSignIn *self, gboolean use_par);
PIM_AVAILABLE_IN_0_1
guint pim_browser_sign_in_get_timeout (PimBrowserSignIn *self);
PIM_AVAILABLE_IN_0_1
void pim_browser_sign_in_set_timeout (PimBrowserSignIn *self, guint seconds);
PIM_AVAILABLE_IN_0_1
const char *pim_browser_sign_in_get_prompt (PimBrowserSignIn *self);
PIM_AVAILABLE_IN_0_1
void pim_browser_sign_in_set_prompt (PimBrowserSignIn *self, const char *prompt);
PIM_AVAILABLE_IN_0_1
const char *pim_browser_sign_in_get_login_hint (PimBrowserSignIn *self);
PIM_AVAILABLE_IN_0_1
void pim_browser_sign_in_set_login_hint (PimBrowserSignIn *self, const char *login_hint);
PIM_AVAILABLE_IN_0_1
PimDPoPKey *pim_browser_sign_in_get_dpop_key (PimBrowserSignIn *self);
PIM_AVAILABLE_IN_0_1
void pim_browser_sign_in_set_dpop_key (PimBrowserSignIn *self, PimDPoPKey *key);
PIM_AVAILABLE_IN_0_1
const char *pim_browser_sign_in_get_redirect_address (PimBrowserSignIn *self);

PIM_AVAILABLE_IN_0_1
PimSignInResult *
pim_browser_sign_in_run (PimBrowserSignIn *self, GCancellable *cancellable, GError **error);
PIM_AVAILABLE_IN_0_1
void pim_browser_sign_in_run_async (PimBrowserSignIn   *self,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
PIM_AVAILABLE_IN_0_1
PimSignInResult *
pim_browser_sign_in_run_finish (PimBrowserSignIn *self, GAsyncResult *result, GError **error);

PIM_AVAILABLE_IN_0_1
gboolean pim_browser_sign_in_handle_redirect_uri (PimBrowserSignIn *self, const char *uri);

G_END_DECLS
