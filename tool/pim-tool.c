/* pim-tool: Pim from the command line
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <pim/pim.h>
#include <stdlib.h>

/* Exit codes, one per error class, so that scripts can tell them apart. */
enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_HTTP = 3,
  EXIT_DISCOVERY = 4,
  EXIT_JOSE = 5,
  EXIT_TOKEN = 6,
};

static const char *const commands_help =
    N_ ("Commands:\n"
        "  fetch URL         Fetch a JSON document through PimHttpClient and print it\n"
        "  discover ISSUER   Fetch and validate ISSUER's discovery document; print it\n"
        "  jwks ISSUER       Discover ISSUER, fetch its key set and print the keys\n"
        "  validate --issuer ISSUER [--audience A…] TOKEN|-\n"
        "                    Validate a JWT and print its claims\n"
        "\n"
        "Run “pim-tool COMMAND --help” for a command's options.\n"
        "Exit status: 0 success, 2 usage, 3 HTTP, 4 discovery, 5 key or token error,\n"
        "1 anything else.\n");

/* Options every network command takes. */
typedef struct
{
  char    *ca_file;
  int      timeout;
  gboolean allow_http;
} CommonOptions;

static GOptionEntry *
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

  return g_memdup2 (entries, sizeof entries);
}

static int
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
  return EXIT_FAILED;
}

static int
fail (const char *command, const GError *error)
{
  g_printerr ("pim-tool %s: %s\n", command, error->message);
  return exit_code_for (error);
}

/* Parses @argv for @command; leaves the one positional argument in
 * *@argument. */
static gboolean
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
  g_autoptr (GError) error = NULL;

  options->timeout = -1;
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("pim-tool %s: %s\n", command, error->message);
      *status = EXIT_USAGE;
      return FALSE;
    }
  if (*argc != 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      *status = EXIT_USAGE;
      return FALSE;
    }
  *argument = (*argv)[1];
  return TRUE;
}

static PimHttpClient *
client_for (CommonOptions *options, GError **error)
{
  return pim_http_client_new_full (NULL, options->timeout, PIM_TLS_VERIFY_DEFAULT, options->ca_file,
                                   error);
}

static void
print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  g_print ("%s\n", text);
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
  g_free (options.ca_file);
  return status;
}

static PimDiscoveryDocument *
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
  g_autoptr (JsonNode) node = NULL;
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
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, pim_discovery_document_get_json (document));
  print_json (node);
out:
  g_free (options.ca_file);
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
  g_free (options.ca_file);
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
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *token = NULL;
  int              status = EXIT_OK;

  options.timeout = -1;
  g_option_context_set_summary (context,
                                _ ("Validate a JWT (signature from the issuer's keys, then the "
                                   "claims) and print its claims. “-” reads the token from "
                                   "standard input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pim-tool validate: %s\n", error->message);
      status = EXIT_USAGE;
      goto out;
    }
  if (argc != 2 || issuer == NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      status = EXIT_USAGE;
      goto out;
    }
  if (strcmp (argv[1], "-") == 0)
    {
      g_autoptr (GIOChannel) in = g_io_channel_unix_new (0);

      if (g_io_channel_read_to_end (in, &token, NULL, &error) != G_IO_STATUS_NORMAL)
        {
          status = fail ("validate", error);
          goto out;
        }
      g_strstrip (token);
    }
  else
    token = g_strdup (argv[1]);

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
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, pim_claims_get_json (claims));
  print_json (node);
out:
  g_free (options.ca_file);
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
    { "fetch", run_fetch },
    { "discover", run_discover },
    { "jwks", run_jwks },
    { "validate", run_validate },
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
      return commands[i].run (argc - 1, argv + 1);

  g_printerr ("%s\n%s", _ ("Usage: pim-tool COMMAND [OPTION…] ARGUMENT"), _ (commands_help));
  return argc >= 2 && (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0) ? EXIT_OK
                                                                                       : EXIT_USAGE;
}
