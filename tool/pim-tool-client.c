/* pim-tool-client.c: the client options of pim-tool's OAuth commands:
 * where a request goes, who the client is and how it authenticates
 *
 * Secrets come from a file, standard input or the environment, never from
 * the command line, and never go into a message.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-tool.h"

void
client_options_clear (ClientOptions *options)
{
  common_options_clear (&options->common);
  g_clear_pointer (&options->issuer, g_free);
  g_clear_pointer (&options->endpoint, g_free);
  g_clear_pointer (&options->client_id, g_free);
  g_clear_pointer (&options->client_secret_file, g_free);
  g_clear_pointer (&options->client_key_file, g_free);
  g_clear_pointer (&options->auth_method, g_free);
  if (options->client_secret != NULL)
    memset (options->client_secret, 0, strlen (options->client_secret));
  g_clear_pointer (&options->client_secret, g_free);
  g_clear_object (&options->client_key);
  g_clear_object (&options->policy);
}

/* A context for @command with its own @entries, the client options (the
 * client's credentials only when @authenticate) and the common ones. */
GOptionContext *
client_context (const char         *parameter,
                const char         *summary,
                const GOptionEntry *entries,
                ClientOptions      *options,
                gboolean            authenticate)
{
  GOptionEntry client[] = {
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &options->issuer,
      N_ ("The provider's issuer: the endpoint comes from its discovery document"), N_ ("ISSUER") },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &options->endpoint,
      N_ ("The endpoint's URL, instead of discovering it"), N_ ("URL") },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &options->client_id, N_ ("The client's identifier"),
      N_ ("ID") },
    { "client-secret-file", 0, 0, G_OPTION_ARG_FILENAME, &options->client_secret_file,
      N_ ("Read the client secret from FILE (“-”: standard input); without it, from the "
          "environment variable PIM_CLIENT_SECRET"),
      N_ ("FILE") },
    { "client-key-file", 0, 0, G_OPTION_ARG_FILENAME, &options->client_key_file,
      N_ ("Read the client's private key (a JWK, for private_key_jwt) from FILE"), N_ ("FILE") },
    { "auth-method", 0, 0, G_OPTION_ARG_STRING, &options->auth_method,
      N_ ("How the client authenticates: basic, post, secret-jwt, private-key-jwt, none or auto "
          "(the default: basic with a secret, private-key-jwt with a key, else none)"),
      N_ ("METHOD") },
    G_OPTION_ENTRY_NULL,
  };
  GOptionContext          *context = g_option_context_new (parameter);
  g_autofree GOptionEntry *common = common_entries (&options->common);

  if (!authenticate)
    client[3] = (GOptionEntry) G_OPTION_ENTRY_NULL;
  g_option_context_set_summary (context, summary);
  /* The context copies the entries. */
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, client, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  return context;
}

/* How many of @paths are “-”, standard input. */
guint
count_stdin (const char *const *paths, gsize n_paths)
{
  guint count = 0;

  for (gsize i = 0; i < n_paths; i++)
    count += g_strcmp0 (paths[i], "-") == 0;
  return count;
}

/* Reads a one-line secret or token from @path (“-”: standard input),
 * without its line end. An empty one is an error. */
char *
read_one_line (const char *path, const char *what, GError **error)
{
  g_autofree char *text = read_input (path, error);
  gsize            length;

  if (text == NULL)
    return NULL;
  length = strlen (text);
  while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == '\r'))
    text[--length] = '\0';
  if (length == 0)
    {
      /* translators: %s is what was read, such as “the client secret” */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("No %s in “%s”"), what,
                   strcmp (path, "-") == 0 ? _ ("standard input") : path);
      return NULL;
    }
  return g_steal_pointer (&text);
}

/* Checks the client options and reads the secret and key they name. On
 * failure prints why and returns the exit code; else EXIT_OK. */
int
client_options_load (const char     *command,
                     GOptionContext *context,
                     ClientOptions  *options,
                     gboolean        authenticate)
{
  static const struct
  {
    const char         *name;
    PimClientAuthMethod method;
  } methods[] = {
    { "auto", PIM_CLIENT_AUTH_AUTO },
    { "basic", PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC },
    { "post", PIM_CLIENT_AUTH_CLIENT_SECRET_POST },
    { "secret-jwt", PIM_CLIENT_AUTH_CLIENT_SECRET_JWT },
    { "private-key-jwt", PIM_CLIENT_AUTH_PRIVATE_KEY_JWT },
    { "none", PIM_CLIENT_AUTH_NONE },
  };
  g_autoptr (GError) error = NULL;
  gboolean known = options->auth_method == NULL;

  if (options->issuer == NULL && options->endpoint == NULL)
    return usage_error (command, context, _ ("Give the provider's --issuer or an --endpoint"));
  if (authenticate && options->client_id == NULL)
    return usage_error (command, context, _ ("The option --client-id is required"));
  options->method = PIM_CLIENT_AUTH_AUTO;
  for (gsize i = 0; !known && i < G_N_ELEMENTS (methods); i++)
    if (strcmp (options->auth_method, methods[i].name) == 0)
      {
        options->method = methods[i].method;
        known = TRUE;
      }
  if (!known)
    {
      g_autofree char *message =
          g_strdup_printf (_ ("Unknown client authentication method “%s”"), options->auth_method);

      return usage_error (command, context, message);
    }
  if (options->common.allow_http)
    {
      options->policy = pim_discovery_policy_new ();
      pim_discovery_policy_set_require_https (options->policy, FALSE);
    }
  if (!authenticate)
    return EXIT_OK;

  if (options->client_secret_file != NULL)
    {
      options->client_secret =
          read_one_line (options->client_secret_file, _ ("client secret"), &error);
      if (options->client_secret == NULL)
        return fail (command, error);
    }
  else if (g_getenv ("PIM_CLIENT_SECRET") != NULL && *g_getenv ("PIM_CLIENT_SECRET") != '\0')
    options->client_secret = g_strdup (g_getenv ("PIM_CLIENT_SECRET"));
  if (options->client_key_file != NULL)
    {
      g_autofree char *json = read_input (options->client_key_file, &error);

      options->client_key = json != NULL ? pim_jwk_new_from_json (json, &error) : NULL;
      if (json != NULL)
        memset (json, 0, strlen (json));
      if (options->client_key == NULL)
        return fail (command, error);
    }
  return EXIT_OK;
}

/* Puts the loaded client options on @request. */
void
client_options_apply (ClientOptions *options, gpointer request)
{
  PimOAuthRequest *self = PIM_OAUTH_REQUEST (request);

  pim_oauth_request_set_address (self, options->endpoint);
  pim_oauth_request_set_issuer (self, options->issuer);
  pim_oauth_request_set_client_id (self, options->client_id);
  if (options->client_secret != NULL)
    pim_oauth_request_set_client_secret (self, options->client_secret);
  if (options->client_key != NULL)
    g_object_set (self, "client-key", options->client_key, NULL);
  pim_oauth_request_set_client_auth_method (self, options->method);
  if (options->policy != NULL)
    g_object_set (self, "require-https", FALSE, "discovery-policy", options->policy, NULL);
}

/* Text a server sent, safe for a terminal: printable ASCII only. */
char *
printable (const char *text)
{
  char *copy = g_strndup (text, 200);

  for (char *p = copy; *p != '\0'; p++)
    if (*p < 0x20 || *p > 0x7e)
      *p = '?';
  return copy;
}

/* fail (), and what the provider said beyond the message when it refused
 * @request: the HTTP status and any error URI. */
int
fail_request (const char *command, gpointer request, const GError *error)
{
  g_autoptr (PimOAuthErrorResponse) response = NULL;
  int status = fail (command, error);

  if (error->domain != PIM_OAUTH_ERROR ||
      (response = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request))) == NULL)
    return status;
  if (pim_oauth_error_response_get_status (response) != 0)
    {
      g_autofree char *endpoint =
          printable (pim_oauth_error_response_get_endpoint (response) != NULL
                         ? pim_oauth_error_response_get_endpoint (response)
                         : "");

      /* translators: %u is an HTTP status such as 401, %s an endpoint's URL */
      g_printerr (_ ("pim-tool %s: HTTP status %u from %s\n"), command,
                  pim_oauth_error_response_get_status (response), endpoint);
    }
  if (pim_oauth_error_response_get_error_uri (response) != NULL)
    {
      g_autofree char *uri = printable (pim_oauth_error_response_get_error_uri (response));

      /* translators: %s is the error_uri of the provider's answer */
      g_printerr (_ ("pim-tool %s: more about the error: %s\n"), command, uri);
    }
  return status;
}
