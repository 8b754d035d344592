/* pim-test-handler-server.c: PimTestHandlerServer, a server of a test's
 * own
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A plain SoupServer with one handler of the test's, in a thread of its own
 * (see pim-test-server.h).
 */

#include "pim-test-server.h"

#include <gio/gio.h>
#include <libsoup/soup.h>

/* ---- A server of a test's own ---- */

struct _PimTestHandlerServer
{
  const char        *path;
  SoupServerCallback handler;
  gpointer           user_data;
  GThread           *thread;
  GMainContext      *context;
  GMainLoop         *loop;
  GMutex             lock;
  GCond              cond;
  guint16            port;
  char              *base;
};

static gpointer
handler_server_thread (gpointer data)
{
  PimTestHandlerServer *self = data;
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, self->path, self->handler, self->user_data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_mutex_lock (&self->lock);
  self->port = (guint16) g_uri_get_port (uris->data);
  self->base = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (self->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

PimTestHandlerServer *
pim_test_handler_server_new (const char *path, SoupServerCallback handler, gpointer user_data)
{
  PimTestHandlerServer *self = g_new0 (PimTestHandlerServer, 1);

  self->path = path;
  self->handler = handler;
  self->user_data = user_data;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("pim-test-handler-server", handler_server_thread, self);
  g_mutex_lock (&self->lock);
  while (self->base == NULL)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  return self;
}

static gboolean
handler_server_quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
pim_test_handler_server_free (PimTestHandlerServer *self)
{
  g_main_context_invoke (self->context, handler_server_quit, self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->base);
  g_free (self);
}

const char *
pim_test_handler_server_get_base (PimTestHandlerServer *self)
{
  return self->base;
}

guint16
pim_test_handler_server_get_port (PimTestHandlerServer *self)
{
  return self->port;
}
