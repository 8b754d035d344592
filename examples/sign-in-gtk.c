/* sign-in-gtk.c: a GTK 4 app with a "Sign in" button that signs the user in
 * with the system browser (OAuth 2.0 for native apps, RFC 8252) and shows
 * the account's name.
 *
 *   sign-in-gtk https://accounts.example.com --client-id my-desktop-app
 *
 * The client must be registered at the provider as a public (native) client
 * whose redirect URI is the loopback address, http://127.0.0.1 on any port.
 * With --sign-in-now the app signs in as soon as it starts, prints the
 * outcome and quits (the test suite runs it so).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <gtk/gtk.h>
#include <pim/pim.h>

static char    *issuer;
static char    *client_id;
static char    *scope;
static gboolean sign_in_now;

typedef struct
{
  GtkApplication   *app;
  GtkWidget        *button;
  GtkWidget        *label;
  PimBrowserSignIn *sign_in;
  GCancellable     *cancellable;
  PimSignInResult  *result;
  /* The signed-in account's tokens, refreshed as needed: what the rest of
   * the app would call pim_token_manager_get_access_token_async() on. */
  PimTokenManager *tokens;
} SignInWindow;

static void
window_free (SignInWindow *self)
{
  /* Nothing calls back into a window that is gone. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sign_in);
  g_clear_object (&self->result);
  g_clear_object (&self->tokens);
  g_free (self);
}

static void
show_outcome (SignInWindow *self, const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->label), text);
  gtk_widget_set_sensitive (self->button, TRUE);
  if (sign_in_now)
    {
      g_print ("%s\n", text);
      g_application_quit (G_APPLICATION (self->app));
    }
}

static void
show_name (SignInWindow *self, const char *name)
{
  g_autofree char *text = g_strdup_printf ("Signed in as %s", name);

  show_outcome (self, text);
}

static void
userinfo_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  SignInWindow *self = user_data;
  g_autoptr (PimUserInfoResponse) info = NULL;
  g_autoptr (GError) error = NULL;
  const char *name = NULL;

  info = pim_get_userinfo_finish (res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (info != NULL)
    name = pim_userinfo_response_get_name (info);
  if (name == NULL && info != NULL)
    name = pim_userinfo_response_get_preferred_username (info);
  if (name == NULL)
    {
      PimClaims *claims = pim_sign_in_result_get_id_token_claims (self->result);

      name = pim_claims_get_string (claims, "preferred_username");
      if (name == NULL)
        name = pim_claims_get_subject (claims);
    }
  show_name (self, name);
}

static void
sign_in_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  SignInWindow *self = user_data;
  g_autoptr (PimSignInResult) result = NULL;
  g_autoptr (GError) error = NULL;
  PimClaims            *claims;
  PimDiscoveryDocument *provider;
  const char           *name;

  result = pim_browser_sign_in_run_finish (PIM_BROWSER_SIGN_IN (source), res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (result == NULL)
    {
      g_autofree char *text = g_strdup_printf ("Sign-in failed: %s", error->message);

      show_outcome (self, text);
      return;
    }

  g_set_object (&self->result, result);
  g_clear_object (&self->tokens);
  self->tokens = pim_token_manager_new_from_sign_in (result);

  claims = pim_sign_in_result_get_id_token_claims (result);
  if (claims == NULL)
    {
      show_outcome (self, "Signed in (no ID token: the scope needs openid)");
      return;
    }
  name = pim_claims_get_string (claims, "name");
  provider = pim_sign_in_result_get_discovery_document (result);
  if (name == NULL && pim_discovery_document_get_userinfo_endpoint (provider) != NULL)
    {
      /* No name in the ID token: ask the UserInfo endpoint. */
      g_autoptr (PimUserInfoRequest) request =
          pim_userinfo_request_new (pim_discovery_document_get_userinfo_endpoint (provider),
                                    pim_token_response_get_access_token (
                                        pim_sign_in_result_get_token_response (result)));

      pim_userinfo_request_set_expected_subject (request, pim_claims_get_subject (claims));
      pim_get_userinfo_async (request, NULL, self->cancellable, userinfo_done, self);
      return;
    }
  if (name == NULL)
    name = pim_claims_get_string (claims, "preferred_username");
  show_name (self, name != NULL ? name : pim_claims_get_subject (claims));
}

static void
sign_in_clicked (GtkButton *button, gpointer user_data)
{
  SignInWindow *self = user_data;

  gtk_widget_set_sensitive (self->button, FALSE);
  gtk_label_set_text (GTK_LABEL (self->label), "Continue in your web browser…");
  /* Opens the browser, waits for its redirect to 127.0.0.1, exchanges the
   * code (with PKCE) and validates the ID token, without blocking the UI. */
  pim_browser_sign_in_run_async (self->sign_in, self->cancellable, sign_in_done, self);
}

static void
activate (GtkApplication *app)
{
  SignInWindow *self = g_new0 (SignInWindow, 1);
  GtkWidget    *window = gtk_application_window_new (app);
  GtkWidget    *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->app = app;
  self->cancellable = g_cancellable_new ();
  self->sign_in =
      pim_browser_sign_in_new (issuer, client_id, scope != NULL ? scope : "openid profile email");
  self->label = gtk_label_new ("Not signed in");
  self->button = gtk_button_new_with_label ("Sign in");
  g_signal_connect (self->button, "clicked", G_CALLBACK (sign_in_clicked), self);
  g_object_set_data_full (G_OBJECT (window), "sign-in-window", self, (GDestroyNotify) window_free);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_box_append (GTK_BOX (box), self->label);
  gtk_box_append (GTK_BOX (box), self->button);
  gtk_window_set_title (GTK_WINDOW (window), "Sign in");
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  if (sign_in_now)
    sign_in_clicked (GTK_BUTTON (self->button), self);
}

int
main (int argc, char **argv)
{
  GOptionEntry entries[] = {
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id, "The app's client id (required)", "ID" },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope, "The scope (default: openid profile email)",
      "SCOPE" },
    { "sign-in-now", 0, 0, G_OPTION_ARG_NONE, &sign_in_now,
      "Sign in at start, print the outcome and quit", NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) options = g_option_context_new ("ISSUER");
  g_autoptr (GtkApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || argc != 2 || client_id == NULL)
    {
      g_printerr ("Usage: %s ISSUER --client-id ID [--scope SCOPE] [--sign-in-now]\n", argv[0]);
      return 2;
    }
  issuer = argv[1];

  app = gtk_application_new ("org.gnome.Pim.Example.SignIn", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  /* The options are parsed above: GApplication gets the program name only. */
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_free (client_id);
  g_free (scope);
  return status;
}
