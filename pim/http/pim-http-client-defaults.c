/* pim-http-client-defaults.c: the default clients of PimHttpClient
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The calling thread's client, which sync functions use when given none,
 * and the process-wide one, which async functions use. Neither can be
 * closed.
 */

#include "pim-private.h"

#include "pim-http-client-private.h"
#include "pim-http-private.h"

/* ---- Default clients ---- */

/* Released when its thread ends; disposing aborts the owned session. */
static GPrivate thread_default = G_PRIVATE_INIT (g_object_unref);

static PimHttpClient *
new_default_client (void)
{
  PimHttpClient *client = pim_http_client_new ();

  client->is_default = TRUE;
  return client;
}

/**
 * pim_http_client_get_thread_default:
 *
 * Gets the calling thread's default client, which sync functions use when
 * given none. Each thread has its own, created on first use from the
 * environment and released when the thread ends. It cannot be closed.
 *
 * Returns: (transfer none): the calling thread's default client
 *
 * Since: 0.1
 */
PimHttpClient *
pim_http_client_get_thread_default (void)
{
  PimHttpClient *client = g_private_get (&thread_default);

  if (client == NULL)
    {
      client = new_default_client ();
      g_private_set (&thread_default, client);
    }
  return client;
}

/**
 * pim_http_client_get_shared_default:
 *
 * Gets the process-wide default client, which async functions use when
 * given none. Callbacks run on the thread-default main context of the
 * thread that started the operation. It is created on first use from the
 * environment, lives as long as the process, and cannot be closed.
 *
 * Returns: (transfer none): the process-wide default client
 *
 * Since: 0.1
 */
PimHttpClient *
pim_http_client_get_shared_default (void)
{
  static PimHttpClient *shared = NULL;
  static gsize          initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      shared = new_default_client ();
      g_once_init_leave (&initialized, 1);
    }
  return shared;
}
