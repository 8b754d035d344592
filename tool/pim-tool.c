/* pim-tool: Pim from the command line
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-tool.h"

#include "pim-json-private.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>

static const char *const commands_help =
    N_ ("Commands:\n"
        "  fetch URL         Fetch a JSON document through PimHttpClient and print it\n"
        "  discover ISSUER   Fetch and validate ISSUER's discovery document; print it\n"
        "  jwks ISSUER       Discover ISSUER, fetch its key set and print the keys\n"
        "  validate --issuer ISSUER [--audience A…] TOKEN|-\n"
        "                    Validate a JWT and print its claims\n"
        "  token [--grant client-credentials|refresh|exchange] …\n"
        "                    Get a token from the token endpoint; print the response\n"
        "  introspect TOKEN|-\n"
        "                    Ask the provider about a token (RFC 7662); print the answer\n"
        "  revoke TOKEN|-    Revoke a token (RFC 7009)\n"
        "  userinfo TOKEN|-  Get the claims about the user an access token is for\n"
        "  device            Sign in with the device flow (RFC 8628); print the tokens\n"
        "  login ISSUER --client-id ID [--store]\n"
        "                    Sign in in the system browser (RFC 8252); print the tokens,\n"
        "                    or keep them in the keyring\n"
        "  logout ISSUER --client-id ID\n"
        "                    Revoke the tokens login --store kept and forget them\n"
        "\n"
        "The OAuth commands (token, introspect, revoke, userinfo, device) take\n"
        "--issuer ISSUER (the endpoint from its discovery document) or --endpoint URL,\n"
        "and --client-id ID. The client secret comes from --client-secret-file FILE\n"
        "(“-”: standard input) or else the environment variable PIM_CLIENT_SECRET,\n"
        "never from the command line.\n"
        "\n"
        "Run “pim-tool COMMAND --help” for a command's options.\n"
        "Exit status: 0 success, 2 usage, 3 HTTP, 4 discovery, 5 key or JWT error,\n"
        "6 token validation, 7 OAuth error (the provider refused the request or\n"
        "answered wrongly), 130 interrupted, 1 anything else.\n");

GOptionEntry *
common_entries (CommonOptions *options)
{
  GOptionEntry entries[] = {
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &options->ca_file,
      N_ ("Trust the CA certificates in FILE"), N_ ("FILE") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options->timeout, N_ ("Request timeout in seconds"),
      N_ ("SECONDS") },
    { "allow-http", 0, 0, G_OPTION_ARG_NONE, &options->allow_http,
      N_ ("Accept plain HTTP beyond the loopback interface (unsafe)"), NULL },
    G_OPTION_ENTRY_NULL,
  };

  options->timeout = -1;
  return g_memdup2 (entries, sizeof entries);
}

void
common_options_clear (CommonOptions *options)
{
  g_clear_pointer (&options->ca_file, g_free);
}

int
exit_code_for (const GError *error)
{
  if (error->domain == PIM_HTTP_ERROR)
    return EXIT_HTTP;
  if (error->domain == PIM_DISCOVERY_ERROR)
    return EXIT_DISCOVERY;
  if (error->domain == PIM_JOSE_ERROR)
    return EXIT_JOSE;
  if (error->domain == PIM_TOKEN_ERROR)
    return EXIT_TOKEN;
  if (error->domain == PIM_OAUTH_ERROR)
    return EXIT_OAUTH;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return EXIT_INTERRUPTED;
  return EXIT_FAILED;
}

int
fail (const char *command, const GError *error)
{
  g_printerr ("pim-tool %s: %s\n", command, error->message);
  return exit_code_for (error);
}

int
usage_error (const char *command, GOptionContext *context, const char *message)
{
  g_autofree char *help = NULL;

  if (message != NULL)
    {
      g_printerr ("pim-tool %s: %s\n", command, message);
      /* translators: %s is a command such as “token” */
      g_printerr (_ ("Run “pim-tool %s --help” for its options.\n"), command);
      return EXIT_USAGE;
    }
  help = g_option_context_get_help (context, TRUE, NULL);
  g_printerr ("%s", help);
  return EXIT_USAGE;
}

gboolean
parse_context (const char     *command,
               GOptionContext *context,
               int             min_args,
               int             max_args,
               int            *argc,
               char         ***argv,
               int            *status)
{
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("pim-tool %s: %s\n", command, error->message);
      *status = EXIT_USAGE;
      return FALSE;
    }
  /* "--" ends the options, so that a positional argument may start with
   * "-" (a base64url token does, one time in 64); GOption stops there but
   * leaves it in place. */
  if (*argc > 1 && strcmp ((*argv)[1], "--") == 0)
    {
      memmove (&(*argv)[1], &(*argv)[2], (gsize) (*argc - 1) * sizeof (char *));
      (*argc)--;
    }
  if (*argc - 1 < min_args || *argc - 1 > max_args)
    {
      *status = usage_error (command, context, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Parses @argv for @command; leaves the one positional argument in
 * *@argument. */
gboolean
parse_command (const char    *command,
               const char    *parameter,
               const char    *summary,
               CommonOptions *options,
               int           *argc,
               char        ***argv,
               const char   **argument,
               int           *status)
{
  g_autoptr (GOptionContext) context = g_option_context_new (parameter);
  g_autofree GOptionEntry *entries = common_entries (options);

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_context (command, context, 1, 1, argc, argv, status))
    return FALSE;
  *argument = (*argv)[1];
  return TRUE;
}

char *
read_input (const char *path, GError **error)
{
  char *text = NULL;

  if (strcmp (path, "-") == 0)
    {
      g_autoptr (GIOChannel) in = g_io_channel_unix_new (0);

      if (g_io_channel_read_to_end (in, &text, NULL, error) != G_IO_STATUS_NORMAL)
        return NULL;
      return text;
    }
  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  return text;
}

char *
read_token (const char *argument, GError **error)
{
  char *token;

  if (strcmp (argument, "-") != 0)
    return g_strdup (argument);
  if ((token = read_input (argument, error)) == NULL)
    return NULL;
  return g_strstrip (token);
}

PimHttpClient *
client_for (CommonOptions *options, GError **error)
{
  return pim_http_client_new_full (NULL, options->timeout, PIM_TLS_VERIFY_DEFAULT, options->ca_file,
                                   error);
}

void
print_json (JsonNode *node)
{
  g_autofree char *text = pim_json_to_string_pretty (node);

  g_print ("%s\n", text);
}

void
print_json_object (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  print_json (node);
}

static int
run_fetch (int argc, char **argv)
{
  CommonOptions options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (JsonNode) document = NULL;
  const char *url = NULL;
  int         status = EXIT_OK;

  if (!parse_command ("fetch", _ ("URL"), _ ("Fetch a JSON document and print it."), &options,
                      &argc, &argv, &url, &status))
    goto out;
  if ((client = client_for (&options, &error)) == NULL ||
      (document = pim_http_client_get_json (client, url, NULL, &error)) == NULL)
    {
      status = fail ("fetch", error);
      goto out;
    }
  print_json (document);
out:
  common_options_clear (&options);
  return status;
}

PimDiscoveryDocument *
discover (CommonOptions *options, PimHttpClient *client, const char *issuer, GError **error)
{
  g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (issuer);

  if (options->allow_http)
    pim_discovery_policy_set_require_https (pim_discovery_request_get_policy (request), FALSE);
  return pim_get_discovery_document (request, client, NULL, error);
}

static int
run_discover (int argc, char **argv)
{
  CommonOptions options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (PimDiscoveryDocument) document = NULL;
  const char *issuer = NULL;
  int         status = EXIT_OK;

  if (!parse_command ("discover", _ ("ISSUER"),
                      _ ("Fetch an OpenID provider's discovery document, check it against the "
                         "strict policy (exact issuer, HTTPS, endpoints on the issuer's host) and "
                         "print it."),
                      &options, &argc, &argv, &issuer, &status))
    goto out;
  if ((client = client_for (&options, &error)) == NULL ||
      (document = discover (&options, client, issuer, &error)) == NULL)
    {
      status = fail ("discover", error);
      goto out;
    }
  print_json_object (pim_discovery_document_get_json (document));
out:
  common_options_clear (&options);
  return status;
}

static int
run_jwks (int argc, char **argv)
{
  CommonOptions options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (PimDiscoveryDocument) document = NULL;
  g_autoptr (PimJwkSet) keys = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char   *text = NULL;
  const char *const *skipped;
  const char        *issuer = NULL;
  int                status = EXIT_OK;

  if (!parse_command ("jwks", _ ("ISSUER"),
                      _ ("Discover ISSUER, fetch its JWK Set and print the keys Pim can use; "
                         "keys it skips are listed on standard error."),
                      &options, &argc, &argv, &issuer, &status))
    goto out;
  if ((client = client_for (&options, &error)) == NULL ||
      (document = discover (&options, client, issuer, &error)) == NULL ||
      (keys = pim_get_jwks (pim_discovery_document_get_jwks_uri (document), client, NULL,
                            &error)) == NULL)
    {
      status = fail ("jwks", error);
      goto out;
    }
  skipped = pim_jwk_set_get_skipped (keys);
  for (gsize i = 0; skipped[i] != NULL; i++)
    g_printerr ("pim-tool jwks: %s\n", skipped[i]);
  text = pim_jwk_set_to_json (keys, FALSE);
  node = json_from_string (text, NULL);
  print_json (node);
out:
  common_options_clear (&options);
  return status;
}

static int
run_validate (int argc, char **argv)
{
  CommonOptions    options = { 0 };
  g_autofree char *issuer = NULL;
  g_auto (GStrv) audiences = NULL;
  g_autofree char *type = NULL;
  gboolean         skip_audience = FALSE;
  GOptionEntry     entries[] = {
        { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer, N_ ("The issuer the token must come from"),
          N_ ("ISSUER") },
        { "audience", 0, 0, G_OPTION_ARG_STRING_ARRAY, &audiences,
          N_ ("An audience the token must be for (repeatable)"), N_ ("AUDIENCE") },
        { "type", 0, 0, G_OPTION_ARG_STRING, &type,
          N_ ("The header “typ” the token must have, such as at+jwt"), N_ ("TYPE") },
        { "skip-audience-check", 0, 0, G_OPTION_ARG_NONE, &skip_audience,
          N_ ("Accept any audience (unsafe)"), NULL },
        G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("TOKEN|-"));
  g_autofree GOptionEntry *common = common_entries (&options);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (PimTokenValidationParameters) parameters = NULL;
  g_autoptr (PimDiscoveryPolicy) policy = NULL;
  g_autoptr (PimClaims) claims = NULL;
  g_autofree char *token = NULL;
  int              status = EXIT_OK;

  g_option_context_set_summary (context,
                                _ ("Validate a JWT (signature from the issuer's keys, then the "
                                   "claims) and print its claims. “-” reads the token from "
                                   "standard input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (!parse_context ("validate", context, 1, 1, &argc, &argv, &status))
    goto out;
  if (issuer == NULL)
    {
      status = usage_error ("validate", context, _ ("The option --issuer is required"));
      goto out;
    }
  if ((token = read_token (argv[1], &error)) == NULL)
    {
      status = fail ("validate", error);
      goto out;
    }

  parameters = pim_token_validation_parameters_new (issuer, NULL);
  g_object_set (parameters, "audiences", audiences, "expected-type", type, "skip-audience-check",
                skip_audience, NULL);
  if (options.allow_http)
    {
      policy = pim_discovery_policy_new ();
      pim_discovery_policy_set_require_https (policy, FALSE);
      g_object_set (parameters, "discovery-policy", policy, NULL);
    }
  if ((client = client_for (&options, &error)) == NULL ||
      (claims = pim_validate_token (token, parameters, client, NULL, &error)) == NULL)
    {
      status = fail ("validate", error);
      goto out;
    }
  print_json_object (pim_claims_get_json (claims));
out:
  common_options_clear (&options);
  return status;
}

int
main (int argc, char **argv)
{
  static const struct
  {
    const char *name;
    int (*run) (int argc, char **argv);
  } commands[] = {
    { "fetch", run_fetch },       { "discover", run_discover }, { "jwks", run_jwks },
    { "validate", run_validate }, { "token", run_token },       { "introspect", run_introspect },
    { "revoke", run_revoke },     { "userinfo", run_userinfo }, { "device", run_device },
    { "login", run_login },       { "logout", run_logout },
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc >= 2 && g_strcmp0 (argv[1], "--version") == 0)
    {
      g_print ("pim-tool %s\n", PIM_VERSION_S);
      return EXIT_OK;
    }
  for (gsize i = 0; argc >= 2 && i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        g_autofree char *name = g_strconcat ("pim-tool ", commands[i].name, NULL);

        /* So that usage lines read “pim-tool COMMAND [OPTION…]”. */
        g_set_prgname (name);
        return commands[i].run (argc - 1, argv + 1);
      }

  g_printerr ("%s\n%s", _ ("Usage: pim-tool COMMAND [OPTION…] ARGUMENT"), _ (commands_help));
  return argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0) ? EXIT_OK
                                                                                       : EXIT_USAGE;
}

static gboolean
cancel_on_sigint_cb (gpointer data)
{
  /* The source is removed: a second Ctrl-C gets the default behaviour. */
  g_cancellable_cancel (G_CANCELLABLE (data));
  return G_SOURCE_REMOVE;
}

GSource *
cancel_on_sigint (GCancellable *cancellable)
{
  GSource *source = g_unix_signal_source_new (SIGINT);

  g_source_set_callback (source, cancel_on_sigint_cb, g_object_ref (cancellable), g_object_unref);
  g_source_attach (source, NULL);
  return source;
}
