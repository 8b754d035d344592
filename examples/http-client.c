/* http-client.c: fetch a JSON document, such as a provider's discovery
 * document, through PimHttpClient.
 *
 *   http-client https://accounts.example.com/.well-known/openid-configuration
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <pim/pim.h>

int
main (int argc, char **argv)
{
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (JsonNode) document = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s URL\n", argv[0]);
      return 2;
    }

  /* A client with a SoupSession of its own, configured from the
   * environment (HTTP_TIMEOUT, SSL_CERT_FILE, …). */
  client = pim_http_client_new ();

  document = pim_http_client_get_json (client, argv[1], NULL, &error);
  if (document == NULL)
    {
      /* For example PIM_HTTP_ERROR_REDIRECT_REFUSED or _TOO_LARGE. */
      g_printerr ("%s\n", error->message);
      return 1;
    }

  text = json_to_string (document, TRUE);
  g_print ("%s\n", text);

  /* Aborts and releases the client's session; later use is an error. */
  pim_http_client_close (client);
  return 0;
}
