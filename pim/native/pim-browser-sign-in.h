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

/* Sign-in at @issuer (discovered on the first run) as public client
 * @client_id with @scope (NULL: "openid"). */
PIM_AVAILABLE_IN_0_1
PimBrowserSignIn *
pim_browser_sign_in_new (const char *issuer, const char *client_id, const char *scope);
/* The same with a discovery document already fetched. */
PIM_AVAILABLE_IN_0_1
PimBrowserSignIn *pim_browser_sign_in_new_from_discovery (PimDiscoveryDocument *document,
                                                          const char           *client_id,
                                                          const char           *scope);

/* Properties (all also GObject properties, readable and writable unless
 * said; set them before running):
 *   issuer (construct-only), discovery-document, client-id, scope,
 *   http-client (PimHttpClient, NULL: the library's default),
 *   redirect-uri: NULL (default) for a loopback redirect on 127.0.0.1 with
 *     an ephemeral port; a private-use scheme URI such as
 *     "org.example.App:/oauth2redirect" (RFC 8252 §7.1) for apps that
 *     receive the redirect through GApplication::open and hand it to
 *     pim_browser_sign_in_handle_redirect_uri();
 *   redirect-path: the loopback redirect's path; NULL (default) for an
 *     unguessable one ("/pim/" + 128 random bits), or the path registered
 *     with the provider, such as "/callback";
 *   use-ipv6: listen on [::1] instead of 127.0.0.1 (default FALSE);
 *   timeout: seconds to wait for the redirect, 0 for no limit (default 300);
 *   prompt, login-hint: the authorization request's parameters (NULL: none);
 *   dpop-key (PimDPoPKey): bind the tokens to this key (dpop_jkt + proofs);
 *   redirect-address (read-only): the loopback redirect URI of the running
 *     sign-in, NULL when none runs. */
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

/* Signal "open-uri" (gboolean handler (PimBrowserSignIn *, const char *uri),
 * run-last, stops at the first handler returning TRUE): asked to show the
 * authorization URL to the user. The default handler opens it with
 * g_app_info_launch_default_for_uri_async() (the OpenURI portal inside
 * Flatpak) and fails the run with PIM_NATIVE_ERROR_BROWSER_FAILED when that
 * fails. Tests and apps with their own web view connect and return TRUE. */

/* Runs the whole sign-in: discovery (if needed), PAR when the provider
 * requires it, the loopback server (or the private-use scheme wait), the
 * browser, the redirect (state and iss checked), the code exchange (PKCE
 * S256) and the ID token validation (nonce, at_hash). The sync form runs a
 * private main context on the calling thread until done. */
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

/* For the private-use scheme redirect: hands the URI the app received
 * (GApplication::open) to the running sign-in. Returns TRUE when the URI
 * was this sign-in's redirect and has been taken (the run then completes,
 * successfully or not); FALSE, without touching the run, when it is not
 * (another scheme or path, or no run waiting). Thread: the run's context. */
PIM_AVAILABLE_IN_0_1
gboolean pim_browser_sign_in_handle_redirect_uri (PimBrowserSignIn *self, const char *uri);

G_END_DECLS
