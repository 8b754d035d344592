/* pim-tool-login.c: pim-tool login and logout, a user's sign-in in the
 * system browser (OAuth 2.0 for native apps, RFC 8252) and its end
 *
 * A token is printed only as a command's output, never in a message.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-tool.h"

/* What login and logout share: the provider, the client and the account. */
typedef struct
{
  CommonOptions common;
  char         *client_id;
  char         *account;
} AccountOptions;

static void
account_options_clear (AccountOptions *options)
{
  common_options_clear (&options->common);
  g_clear_pointer (&options->client_id, g_free);
  g_clear_pointer (&options->account, g_free);
}

/* A context for @command with its own @entries (nullable), --client-id,
 * --account and the common options. */
static GOptionContext *
account_context (const char *summary, const GOptionEntry *entries, AccountOptions *options)
{
  GOptionEntry account[] = {
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &options->client_id,
      N_ ("The client's identifier (a public client that may redirect to 127.0.0.1)"), N_ ("ID") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &options->account,
      N_ ("The name of the stored sign-in, for more than one per client (default: none)"),
      N_ ("NAME") },
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext          *context = g_option_context_new (_ ("ISSUER"));
  g_autofree GOptionEntry *common = common_entries (&options->common);

  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, account, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  return context;
}

/* The store of the signed-in users: the keyring. NULL, with an error,
 * when Pim was built without libsecret: an in-memory store would forget
 * the tokens when pim-tool exits. */
static PimTokenStore *
keyring_store (GError **error)
{
#if PIM_HAS_LIBSECRET
  return pim_token_store_new_default ();
#else
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _ ("Pim was built without libsecret: there is no keyring to keep the "
                          "sign-in in"));
  return NULL;
#endif
}

typedef struct
{
  GMainLoop       *loop;
  GCancellable    *cancellable;
  PimSignInResult *result;
  GError          *error;
} SignIn;

static void
on_signed_in (GObject *source, GAsyncResult *result, gpointer data)
{
  SignIn *sign_in = data;

  sign_in->result =
      pim_browser_sign_in_run_finish (PIM_BROWSER_SIGN_IN (source), result, &sign_in->error);
  g_main_loop_quit (sign_in->loop);
}

/* --no-browser: the user opens the authorization URL. On standard error,
 * so that standard output has the tokens only; the URL alone on its line. */
static gboolean
on_open_uri (PimBrowserSignIn *self, const char *uri, gpointer data)
{
  g_printerr ("%s\n%s\n", _ ("To sign in, open this address in a browser:"), uri);
  return TRUE;
}

/* Saves the tokens of @result in @store; prints who signed in. */
static gboolean
store_sign_in (AccountOptions  *options,
               PimHttpClient   *client,
               PimTokenStore   *store,
               PimSignInResult *result,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autoptr (PimTokenManager) manager = NULL;
  PimTokenResponse *tokens = pim_sign_in_result_get_token_response (result);
  PimClaims        *claims = pim_sign_in_result_get_id_token_claims (result);

  manager = pim_token_manager_new_from_sign_in (result);
  pim_token_manager_set_http_client (manager, client);
  pim_token_manager_set_store (manager, store);
  pim_token_manager_set_account (manager, options->account);
  if (!pim_token_manager_set_tokens (manager, tokens, cancellable, error))
    return FALSE;
  if (pim_token_response_get_refresh_token (tokens) == NULL)
    g_printerr ("pim-tool login: %s\n",
                _ ("The provider gave no refresh token: the sign-in ends with the access token "
                   "(ask for the scope offline_access)"));
  if (claims != NULL && pim_claims_get_subject (claims) != NULL)
    {
      g_autofree char *subject = printable (pim_claims_get_subject (claims));

      /* translators: %s is the user's identifier at the provider (sub) */
      g_print (_ ("Signed in as %s\n"), subject);
    }
  else
    g_print ("%s\n", _ ("Signed in"));
  return TRUE;
}

int
run_login (int argc, char **argv)
{
  AccountOptions   options = { 0 };
  g_autofree char *scope = NULL;
  gboolean         store = FALSE;
  gboolean         no_browser = FALSE;
  GOptionEntry     entries[] = {
        { "scope", 0, 0, G_OPTION_ARG_STRING, &scope,
          N_ ("The scope to ask for (default: openid; add offline_access to stay signed in)"),
          N_ ("SCOPE") },
        { "store", 0, 0, G_OPTION_ARG_NONE, &store,
          N_ ("Keep the sign-in in the keyring and print only who signed in, not the tokens"), NULL },
        { "no-browser", 0, 0, G_OPTION_ARG_NONE, &no_browser,
          N_ ("Print the address to open on standard error instead of starting the browser"), NULL },
        G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = account_context (
      _ ("Sign in at ISSUER in the system browser (OAuth 2.0 for native apps, RFC 8252: "
         "authorization code with PKCE, redirected to a server on 127.0.0.1) and print the "
         "token response, or with --store keep it in the keyring. Ctrl-C stops waiting."),
      entries, &options);
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (PimDiscoveryDocument) document = NULL;
  g_autoptr (PimBrowserSignIn) sign_in = NULL;
  g_autoptr (PimTokenStore) keyring = NULL;
  g_autoptr (GSource) sigint = NULL;
  SignIn run = { 0 };
  int    status = EXIT_OK;

  if (!parse_context ("login", context, 1, 1, &argc, &argv, &status))
    goto out;
  if (options.client_id == NULL)
    {
      status = usage_error ("login", context, _ ("The option --client-id is required"));
      goto out;
    }
  /* No sign-in that could not be kept. */
  if ((store && (keyring = keyring_store (&run.error)) == NULL) ||
      (client = client_for (&options.common, &run.error)) == NULL ||
      (document = discover (&options.common, client, argv[1], &run.error)) == NULL)
    {
      status = fail ("login", run.error);
      goto out;
    }

  sign_in = pim_browser_sign_in_new_from_discovery (document, options.client_id, scope);
  pim_browser_sign_in_set_http_client (sign_in, client);
  if (no_browser)
    g_signal_connect (sign_in, "open-uri", G_CALLBACK (on_open_uri), NULL);
  else
    g_printerr ("%s\n", _ ("Signing in in the browser…"));

  run.loop = g_main_loop_new (NULL, FALSE);
  run.cancellable = g_cancellable_new ();
  sigint = cancel_on_sigint (run.cancellable);
  pim_browser_sign_in_run_async (sign_in, run.cancellable, on_signed_in, &run);
  g_main_loop_run (run.loop);
  g_source_destroy (sigint);

  if (run.result == NULL)
    {
      status = fail ("login", run.error);
      if (g_error_matches (run.error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_BROWSER_FAILED))
        g_printerr ("pim-tool login: %s\n",
                    _ ("Run it with --no-browser to open the address in a browser yourself"));
    }
  else if (!store)
    print_json_object (
        pim_token_response_get_json (pim_sign_in_result_get_token_response (run.result)));
  else if (!store_sign_in (&options, client, keyring, run.result, run.cancellable, &run.error))
    status = fail ("login", run.error);
out:
  g_clear_error (&run.error);
  g_clear_object (&run.result);
  g_clear_object (&run.cancellable);
  g_clear_pointer (&run.loop, g_main_loop_unref);
  account_options_clear (&options);
  return status;
}

int
run_logout (int argc, char **argv)
{
  AccountOptions options = { 0 };
  g_autoptr (GOptionContext) context = account_context (
      _ ("Sign out the user “pim-tool login --store” signed in at ISSUER: revoke the refresh "
         "token (RFC 7009, when the provider can) and remove the sign-in from the keyring."),
      NULL, &options);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (PimDiscoveryDocument) document = NULL;
  g_autoptr (PimTokenStore) store = NULL;
  g_autoptr (PimTokenManager) manager = NULL;
  int status = EXIT_OK;

  if (!parse_context ("logout", context, 1, 1, &argc, &argv, &status))
    goto out;
  if (options.client_id == NULL)
    {
      status = usage_error ("logout", context, _ ("The option --client-id is required"));
      goto out;
    }
  if ((store = keyring_store (&error)) == NULL ||
      (client = client_for (&options.common, &error)) == NULL ||
      (document = discover (&options.common, client, argv[1], &error)) == NULL)
    {
      status = fail ("logout", error);
      goto out;
    }

  manager = pim_token_manager_new (document, options.client_id);
  pim_token_manager_set_http_client (manager, client);
  pim_token_manager_set_store (manager, store);
  pim_token_manager_set_account (manager, options.account);
  if (!pim_token_manager_load (manager, NULL, &error))
    {
      if (error == NULL)
        g_print ("%s\n", _ ("Not signed in: nothing is stored"));
      else
        status = fail ("logout", error);
      goto out;
    }
  if (!pim_token_manager_sign_out (manager, NULL, &error))
    {
      status = fail ("logout", error);
      goto out;
    }
  g_print ("%s\n", _ ("Signed out"));
out:
  account_options_clear (&options);
  return status;
}
