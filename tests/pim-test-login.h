/* pim-test-login.h: the local provider's login pages and token endpoint,
 * driven over plain HTTP without a browser
 *
 * A PimTestBrowser is a libsoup session with a cookie jar (cookie paths
 * honoured, as the provider's interaction cookies need) that follows the
 * provider's redirects itself and submits the forms of its pages as a user
 * would: the login form (any login, any password), the consent form, the
 * device flow's user-code and confirmation forms, and auto-submitting
 * "form_post" pages. It stops at the first redirect, or form, that leaves
 * the issuer: the client's redirect URI. It never contacts the client.
 *
 * These are test helpers: failures are GErrors (G_IO_ERROR_FAILED unless
 * said otherwise) with the provider's status and page text in the message.
 * Everything is sync; call them from any thread (not while an async
 * operation needs that thread's main context to progress). See
 * tests/oidc-provider/README.md for the flows and the clients.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The login name the helpers sign in with unless told otherwise: it
 * becomes `sub`, and `email` is PIM_TEST_LOGIN_DEFAULT_USER "@example.test". */
#define PIM_TEST_LOGIN_DEFAULT_USER "alice"

typedef struct _PimTestBrowser PimTestBrowser;

/* A browser for @issuer's pages (e.g. "http://127.0.0.1:38121"), signing in
 * as @login (NULL: PIM_TEST_LOGIN_DEFAULT_USER). Its cookies last as long
 * as it does, so a second authorization with the same browser finds the
 * provider's login session (single sign-on); use a new one for a fresh
 * login. */
PimTestBrowser *pim_test_browser_new (const char *issuer, const char *login);
void            pim_test_browser_free (PimTestBrowser *self);

/* Opens @authorize_url (an authorization request at the issuer, e.g. from
 * pim_test_login_authorize_url() or the library's authorize URL builder,
 * or a PAR `request_uri` one) and goes through login and consent. Returns
 * the URI the provider finally sends the user agent to: the redirect URI
 * with the response in its query (or fragment, for the hybrid response
 * types), including error responses such as `error=access_denied`; with
 * `response_mode=form_post` the form's fields are put in the query. It is
 * parsed with G_URI_FLAGS_ENCODED; pim_test_login_response_params() reads
 * it. An error only when the flow breaks (an error page, a loop). */
GUri *pim_test_browser_authorize (PimTestBrowser *self, const char *authorize_url, GError **error);

/* Completes a device authorization as its user: opens @verification_uri
 * (the `verification_uri` with @user_code, or `verification_uri_complete`
 * with @user_code NULL), enters and confirms the code, signs in and
 * consents, up to the provider's "Sign-in Success" page. */
gboolean pim_test_browser_verify_device (PimTestBrowser *self,
                                         const char     *verification_uri,
                                         const char     *user_code,
                                         GError        **error);

/* Ends the browser's session at the provider: opens @end_session_url (an
 * RP-initiated logout request, e.g. from PimEndSessionRequest), confirms
 * the sign-out form with "logout=yes", and follows the provider until it
 * lets go. Returns the redirect out of the provider as a string, or the
 * text of its last page (no post-logout redirect URI). */
char *
pim_test_browser_end_session (PimTestBrowser *self, const char *end_session_url, GError **error);

/* How many login and consent forms the browser has submitted so far. */
guint pim_test_browser_get_n_logins (PimTestBrowser *self);
guint pim_test_browser_get_n_consents (PimTestBrowser *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PimTestBrowser, pim_test_browser_free)

/* "@issuer/auth?" followed by the form-encoded name/value pairs (a NULL
 * name ends them; a NULL value leaves that parameter out). */
char *pim_test_login_authorize_url (const char *issuer,
                                    const char *first_name,
                                    ...) G_GNUC_NULL_TERMINATED;

/* The response parameters of a redirect from pim_test_browser_authorize():
 * the fragment's when it has one, else the query's; a new table of
 * decoded names and values, empty when there are none. */
GHashTable *pim_test_login_response_params (GUri *redirect);

/* Signs in once with a fresh browser and returns the authorization code of
 * the redirect; an error when the redirect has none (its `error` and
 * `error_description` in the message) or when its `iss` (RFC 9207) is not
 * @issuer. */
char *pim_test_login_get_code (const char *issuer, const char *authorize_url, GError **error);

/* POSTs the form-encoded name/value pairs (up to a NULL name, as
 * soup_form_encode() takes them; a NULL value leaves that parameter out)
 * to "@issuer/token", authenticating with
 * client_secret_basic when @client_secret is set (id and secret
 * form-urlencoded first, RFC 6749 §2.3.1), else sending @client_id in the
 * form (public clients). Returns the JSON object of a 2xx response; any
 * other answer is an error whose message holds the status, `error` and
 * `error_description`. */
JsonObject *pim_test_token_request (const char *issuer,
                                    const char *client_id,
                                    const char *client_secret,
                                    GError    **error,
                                    const char *first_name,
                                    ...) G_GNUC_NULL_TERMINATED;

/* The same for another endpoint of the provider: @path such as
 * "/device/auth", "/token/introspection" or "/request" (PAR). */
JsonObject *pim_test_endpoint_request (const char *issuer,
                                       const char *path,
                                       const char *client_id,
                                       const char *client_secret,
                                       GError    **error,
                                       const char *first_name,
                                       ...) G_GNUC_NULL_TERMINATED;

/* The authorization_code grant with pim_test_token_request();
 * @code_verifier may be NULL (no PKCE). */
JsonObject *pim_test_exchange_code (const char *issuer,
                                    const char *client_id,
                                    const char *client_secret,
                                    const char *code,
                                    const char *redirect_uri,
                                    const char *code_verifier,
                                    GError    **error);

G_END_DECLS
