/* browser-e2e-test.c: the browser sign-in end to end, in a real browser
 *
 * PimBrowserSignIn for the local provider's desktop client, with no
 * "open-uri" handler: the library's default one opens the authorization
 * URL with g_app_info_launch_default_for_uri_async(), the path a desktop
 * app takes. The test environment (tests/browser/meson.build) makes
 * GIO's default browser a .desktop file that runs headless Chromium
 * through playwright-core (tests/browser/sign-in-browser.mjs), which fills
 * the provider's login (and consent) page; the redirect reaches the
 * sign-in's loopback server. Then the claims and the tokens, and the token
 * manager's refresh path with them; sync and async.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib/gstdio.h>
#include <pim/pim.h>

#include "pim-test-async.h"
#include "pim-test-provider.h"

#define SCOPE "openid profile email offline_access"
/* The driver's login ($PIM_TEST_BROWSER_LOGIN unset): it becomes `sub`. */
#define LOGIN "alice"
/* Longer than the provider's access tokens live (1 h): every
 * pim_token_manager_get_access_token() refreshes. */
#define MARGIN_ALWAYS_REFRESH 7200

static const char *
issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

/* What the driver logged (it runs as GIO's child: its output is not
 * ours), from @offset on. */
static char *
browser_log_since (goffset offset)
{
  const char      *path = g_getenv ("PIM_TEST_BROWSER_LOG");
  g_autofree char *text = NULL;
  gsize            length = 0;

  g_assert_nonnull (path);
  if (!g_file_get_contents (path, &text, &length, NULL) || (gsize) offset > length)
    return g_strdup ("");
  return g_strdup (text + offset);
}

/* The driver's log from @offset on, once it has ended ("done" or
 * "FAILED"), or after @seconds: the sign-in completes when the loopback
 * server has the redirect, a little before the driver sees the page. */
static char *
browser_log_wait (goffset offset, guint seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *text = browser_log_since (offset);

      if (strstr (text, "s: done\n") != NULL || strstr (text, "s: FAILED") != NULL ||
          g_get_monotonic_time () > deadline)
        return g_steal_pointer (&text);
      g_usleep (50 * 1000);
    }
}

static goffset
browser_log_size (void)
{
  const char *path = g_getenv ("PIM_TEST_BROWSER_LOG");
  GStatBuf    buf;

  g_assert_nonnull (path);
  return g_stat (path, &buf) == 0 ? buf.st_size : 0;
}

/* Signs in through GIO's default browser; asserts that the browser
 * reached the sign-in's redirect URI. The browser's log in *@log_out. */
static PimSignInResult *
sign_in_in_browser (PimBrowserSignIn *sign_in, PimTestMode mode, char **log_out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimSignInResult) result = NULL;
  g_autofree char *log = NULL;
  g_autofree char *reached = NULL;
  goffset          offset = browser_log_size ();
  gint64           start = g_get_monotonic_time ();
  const char      *redirect_uri;

  g_assert_null (pim_browser_sign_in_get_redirect_address (sign_in));
  result = pim_test_run_sign_in (sign_in, NULL, mode, &error);
  g_test_message ("sign-in (%s) in %.2f s", pim_test_mode_name (mode),
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  log = browser_log_wait (offset, result != NULL ? 20 : 2);
  if (result == NULL)
    g_test_message ("the browser's log:\n%s", log);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_null (pim_browser_sign_in_get_redirect_address (sign_in));

  /* The real browser got there: its final page was the loopback redirect
   * (the driver logs it without the query). */
  redirect_uri = pim_sign_in_result_get_redirect_uri (result);
  g_assert_nonnull (redirect_uri);
  reached = g_strdup_printf ("redirected to %s;", redirect_uri);
  if (strstr (log, reached) == NULL)
    g_test_message ("the browser's log:\n%s", log);
  g_assert_nonnull (strstr (log, reached));
  if (log_out != NULL)
    *log_out = g_steal_pointer (&log);
  return g_steal_pointer (&result);
}

/* The ID token's claims and the token response of a sign-in as LOGIN
 * with @client_id. */
static void
assert_signed_in (PimSignInResult *result, const char *client_id)
{
  PimClaims        *claims = pim_sign_in_result_get_id_token_claims (result);
  PimTokenResponse *tokens = pim_sign_in_result_get_token_response (result);
  g_auto (GStrv) audiences = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 expires_in;

  g_assert_cmpstr (pim_sign_in_result_get_client_id (result), ==, client_id);
  g_assert_cmpstr (pim_discovery_document_get_issuer (
                       pim_sign_in_result_get_discovery_document (result)),
                   ==, issuer ());

  g_assert_nonnull (claims);
  g_assert_cmpstr (pim_claims_get_issuer (claims), ==, issuer ());
  g_assert_cmpstr (pim_claims_get_subject (claims), ==, LOGIN);
  audiences = pim_claims_dup_audiences (claims);
  g_assert_true (g_strv_contains ((const char *const *) audiences, client_id));
  /* The library sent one (and checked it). */
  g_assert_nonnull (pim_claims_get_string (claims, "nonce"));
  g_assert_cmpstr (pim_claims_get_string (claims, "nonce"), !=, "");
  g_assert_cmpint (pim_claims_get_expiration (claims), >, now);
  g_assert_cmpint (pim_claims_get_issued_at (claims), <=, now + 5);
  g_assert_nonnull (tokens);
  g_assert_nonnull (pim_token_response_get_access_token (tokens));
  g_assert_cmpstr (pim_token_response_get_token_type (tokens), ==, "Bearer");
  expires_in = pim_token_response_get_expires_in (tokens);
  g_assert_cmpint (expires_in, >, 3500);
  g_assert_cmpint (expires_in, <=, 3600);
  g_assert_nonnull (pim_token_response_get_refresh_token (tokens));
  g_assert_nonnull (pim_token_response_get_id_token (tokens));
  g_assert_true (g_str_has_prefix (pim_token_response_get_id_token (tokens), "eyJ"));
}

/* UserInfo with @access_token: the user is LOGIN. */
static void
assert_userinfo (PimDiscoveryDocument *document, const char *access_token, PimTestMode mode)
{
  g_autoptr (PimUserInfoRequest) request =
      pim_userinfo_request_new (pim_discovery_document_get_userinfo_endpoint (document),
                                access_token);
  g_autoptr (PimUserInfoResponse) info = NULL;
  g_autoptr (GError) error = NULL;

  pim_userinfo_request_set_expected_subject (request, LOGIN);
  info = pim_test_get_userinfo (request, NULL, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_userinfo_response_get_subject (info), ==, LOGIN);
  g_assert_cmpstr (pim_userinfo_response_get_email (info), ==, LOGIN "@example.test");
}

/* The token manager seeded with the sign-in: with a margin longer than
 * the access token lives, each get_access_token() is a refresh (a new
 * access token, the refresh token rotated); with the default margin (60 s)
 * the latest token comes back as it is. */
static void
assert_refresh_path (PimSignInResult *result, PimTestMode mode)
{
  g_autoptr (PimTokenManager) manager = pim_token_manager_new_from_sign_in (result);
  g_autoptr (PimTokenResponse) latest = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *kept = NULL;
  const char      *signed_in =
      pim_token_response_get_access_token (pim_sign_in_result_get_token_response (result));

  g_assert_true (pim_token_manager_get_signed_in (manager));
  g_assert_cmpstr (pim_token_manager_get_client_id (manager), ==, PIM_TEST_CLIENT_DESKTOP_ID);

  pim_token_manager_set_margin (manager, MARGIN_ALWAYS_REFRESH);
  first = pim_test_get_access_token (manager, mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpstr (first, !=, signed_in);
  second = pim_test_get_access_token (manager, mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_cmpstr (second, !=, first);
  g_assert_cmpstr (second, !=, signed_in);
  latest = pim_token_manager_dup_tokens (manager);
  g_assert_nonnull (latest);
  g_assert_cmpstr (pim_token_response_get_access_token (latest), ==, second);
  /* Rotated (a public client's refresh tokens are single-use here). */
  g_assert_nonnull (pim_token_response_get_refresh_token (latest));
  g_assert_cmpstr (pim_token_response_get_refresh_token (latest), !=,
                   pim_token_response_get_refresh_token (
                       pim_sign_in_result_get_token_response (result)));

  /* Fresh enough now: no refresh. */
  pim_token_manager_set_margin (manager, 60);
  kept = pim_test_get_access_token (manager, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, second);

  assert_userinfo (pim_sign_in_result_get_discovery_document (result), second, mode);
  g_assert_true (pim_token_manager_get_signed_in (manager));
}

/* The whole path: a sign-in in the browser (login page only: the local
 * provider grants consent itself), the claims, the tokens, refresh. */
static void
test_sign_in (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimBrowserSignIn) sign_in =
      pim_browser_sign_in_new (issuer (), PIM_TEST_CLIENT_DESKTOP_ID, SCOPE);
  g_autoptr (PimSignInResult) result = NULL;
  g_autofree char *log = NULL;
  const char      *redirect_uri;

  /* Before the test's own timeout, with the browser's log. */
  pim_browser_sign_in_set_timeout (sign_in, 60);
  result = sign_in_in_browser (sign_in, mode, &log);
  g_assert_nonnull (strstr (log, ": login page "));
  g_assert_null (strstr (log, ": consent page "));
  redirect_uri = pim_sign_in_result_get_redirect_uri (result);
  g_assert_true (g_str_has_prefix (redirect_uri, "http://127.0.0.1:"));
  /* The default path: "/pim/" and 128 random bits. */
  g_assert_nonnull (strstr (redirect_uri + strlen ("http://127.0.0.1:"), "/pim/"));
  assert_signed_in (result, PIM_TEST_CLIENT_DESKTOP_ID);
  assert_userinfo (pim_sign_in_result_get_discovery_document (result),
                   pim_token_response_get_access_token (
                       pim_sign_in_result_get_token_response (result)),
                   mode);
  assert_refresh_path (result, mode);
}

/* The other ways in, in one sign-in: a client that must push its
 * authorization requests (RFC 9126; a client's requirement, not in the
 * discovery document, hence use-par: the browser gets only the
 * request_uri), prompt=consent (the browser also goes through the consent
 * page), and the redirect to [::1] (use-ipv6) on a fixed path. */
static void
test_par_consent_ipv6 (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimBrowserSignIn) sign_in =
      pim_browser_sign_in_new (issuer (), PIM_TEST_CLIENT_DESKTOP_PAR_ID, SCOPE);
  g_autoptr (PimSignInResult) result = NULL;
  g_autofree char *log = NULL;
  const char      *redirect_uri;

  pim_browser_sign_in_set_timeout (sign_in, 60);
  pim_browser_sign_in_set_use_par (sign_in, TRUE);
  pim_browser_sign_in_set_prompt (sign_in, "consent");
  pim_browser_sign_in_set_use_ipv6 (sign_in, TRUE);
  pim_browser_sign_in_set_redirect_path (sign_in, "/desktop/callback");
  result = sign_in_in_browser (sign_in, mode, &log);
  g_assert_nonnull (strstr (log, ": login page "));
  g_assert_nonnull (strstr (log, ": consent page "));
  redirect_uri = pim_sign_in_result_get_redirect_uri (result);
  g_assert_true (g_str_has_prefix (redirect_uri, "http://[::1]:"));
  g_assert_true (g_str_has_suffix (redirect_uri, "/desktop/callback"));
  assert_signed_in (result, PIM_TEST_CLIENT_DESKTOP_PAR_ID);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  pim_test_add_both ("/browser-e2e", "sign-in", test_sign_in);
  g_test_add_data_func ("/browser-e2e/par-consent-ipv6/async", GINT_TO_POINTER (PIM_TEST_ASYNC),
                        test_par_consent_ipv6);
  return g_test_run ();
}
