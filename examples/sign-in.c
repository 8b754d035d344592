/* sign-in.c: sign a user in with the system browser (OAuth 2.0 for native
 * apps, RFC 8252) and print their name, from the ID token and from the
 * UserInfo endpoint.
 *
 *   sign-in https://accounts.example.com --client-id my-desktop-app
 *
 * The client must be registered at the provider as a public (native) client
 * whose redirect URI is the loopback address, http://127.0.0.1 on any port
 * and path.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <locale.h>
#include <pim/pim.h>

/* The user's name from a set of claims: `name`, else `preferred_username`,
 * else the subject. */
static const char *
name_of (PimClaims *claims)
{
  const char *name = pim_claims_get_string (claims, "name");

  if (name == NULL)
    name = pim_claims_get_string (claims, "preferred_username");
  return name != NULL ? name : pim_claims_get_subject (claims);
}

static char        *client_id;
static char        *scope;
static GOptionEntry entries[] = {
  { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id, "The app's client id (required)", "ID" },
  { "scope", 0, 0, G_OPTION_ARG_STRING, &scope, "The scope (default: openid profile email)",
    "SCOPE" },
  G_OPTION_ENTRY_NULL,
};

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) options = g_option_context_new ("ISSUER");
  g_autoptr (PimBrowserSignIn) sign_in = NULL;
  g_autoptr (PimSignInResult) result = NULL;
  g_autoptr (PimUserInfoRequest) request = NULL;
  g_autoptr (PimUserInfoResponse) info = NULL;
  g_autoptr (GError) error = NULL;
  PimTokenResponse     *tokens;
  PimClaims            *claims;
  PimDiscoveryDocument *provider;
  const char           *name;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc != 2 || client_id == NULL)
    {
      g_printerr ("Usage: %s ISSUER --client-id ID [--scope SCOPE]\n", argv[0]);
      return 2;
    }

  /* Discovers the provider, opens the authorization page in the user's
   * browser, waits for the redirect to a loopback address, exchanges the
   * code (with PKCE) and validates the ID token. */
  sign_in =
      pim_browser_sign_in_new (argv[1], client_id, scope != NULL ? scope : "openid profile email");
  g_printerr ("Continue in your web browser…\n");
  result = pim_browser_sign_in_run (sign_in, NULL, &error);
  if (result == NULL)
    {
      /* PIM_NATIVE_ERROR_TIMED_OUT, the provider's access_denied, … */
      g_printerr ("Sign-in failed: %s\n", error->message);
      return 1;
    }

  claims = pim_sign_in_result_get_id_token_claims (result);
  if (claims == NULL)
    {
      g_printerr ("No ID token: the scope needs openid\n");
      return 1;
    }
  g_print ("Name from the ID token: %s\n", name_of (claims));

  /* The access token gives the claims of the UserInfo endpoint, which must
   * be about the same user as the ID token. */
  tokens = pim_sign_in_result_get_token_response (result);
  provider = pim_sign_in_result_get_discovery_document (result);
  if (pim_discovery_document_get_userinfo_endpoint (provider) == NULL)
    return 0;
  request = pim_userinfo_request_new (pim_discovery_document_get_userinfo_endpoint (provider),
                                      pim_token_response_get_access_token (tokens));
  pim_userinfo_request_set_expected_subject (request, pim_claims_get_subject (claims));
  info = pim_get_userinfo (request, NULL, NULL, &error);
  if (info == NULL)
    {
      g_printerr ("UserInfo failed: %s\n", error->message);
      return 1;
    }
  name = pim_userinfo_response_get_name (info);
  if (name == NULL)
    name = pim_userinfo_response_get_preferred_username (info);
  g_print ("Name from UserInfo: %s\n",
           name != NULL ? name : pim_userinfo_response_get_subject (info));
  return 0;
}
