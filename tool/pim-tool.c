/* pim-tool: Pim from the command line
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <pim/pim.h>
#include <stdlib.h>

static int
usage (void)
{
  g_printerr ("%s", _ ("Usage:\n"
                       "  pim-tool fetch [--ca-file FILE] [--timeout SECONDS] URL\n"
                       "      Fetches a JSON document (for example a discovery document)\n"
                       "      through PimHttpClient and prints it.\n"));
  return 2;
}

static int
run_fetch (int argc, char **argv)
{
  g_autofree char *ca_file = NULL;
  int              timeout = -1;
  GOptionEntry     entries[] = {
        { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, N_ ("Trust the CA certificates in FILE"),
          N_ ("FILE") },
        { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_ ("Request timeout in seconds"),
          N_ ("SECONDS") },
        G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("URL"));
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (JsonNode) document = NULL;
  g_autofree char *text = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pim-tool fetch: %s\n", error->message);
      return 2;
    }
  if (argc != 2)
    return usage ();

  client = pim_http_client_new_full (NULL, timeout, PIM_TLS_VERIFY_DEFAULT, ca_file, &error);
  if (client == NULL)
    {
      g_printerr ("pim-tool fetch: %s\n", error->message);
      return 1;
    }
  document = pim_http_client_get_json (client, argv[1], NULL, &error);
  if (document == NULL)
    {
      g_printerr ("pim-tool fetch: %s\n", error->message);
      return 1;
    }
  text = json_to_string (document, TRUE);
  g_print ("%s\n", text);
  return 0;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return usage ();
  if (g_strcmp0 (argv[1], "fetch") == 0)
    return run_fetch (argc - 1, argv + 1);
  if (g_strcmp0 (argv[1], "--version") == 0)
    {
      g_print ("pim-tool %s\n", PIM_VERSION_S);
      return 0;
    }
  return usage ();
}
