/* pim-http-wait.c: cancellable waits, blocking or on a main context
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Shared by the HTTP layer's retry backoff and the device flow's poller.
 */

#include "pim-private.h"

#include <math.h>

#include "pim-http-private.h"

gboolean
pim_wait_sync (double seconds, GCancellable *cancellable)
{
  gint64  deadline = g_get_monotonic_time () + (gint64) (MAX (seconds, 0) * G_USEC_PER_SEC);
  GPollFD pollfd;

  if (!g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      if (seconds > 0)
        g_usleep ((gulong) (seconds * G_USEC_PER_SEC));
      return !g_cancellable_is_cancelled (cancellable);
    }
  for (;;)
    {
      gint64 left = deadline - g_get_monotonic_time ();

      if (g_cancellable_is_cancelled (cancellable) || left <= 0)
        break;
      g_poll (&pollfd, 1, (int) MIN ((left + 999) / 1000, G_MAXINT));
    }
  g_cancellable_release_fd (cancellable);
  return !g_cancellable_is_cancelled (cancellable);
}

typedef struct
{
  GSource    *timeout;
  GSource    *cancel;
  PimWaitFunc func;
  GObject    *object;
} Wait;

/* The first of the two sources to fire ends the wait for both. */
static void
finish (Wait *wait, gboolean cancelled)
{
  g_source_destroy (wait->timeout);
  g_source_unref (wait->timeout);
  if (wait->cancel != NULL)
    {
      g_source_destroy (wait->cancel);
      g_source_unref (wait->cancel);
    }
  wait->func (cancelled, wait->object);
  g_object_unref (wait->object);
  g_free (wait);
}

static gboolean
on_timeout (gpointer user_data)
{
  finish (user_data, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled (GCancellable *cancellable, gpointer user_data)
{
  finish (user_data, TRUE);
  return G_SOURCE_REMOVE;
}

void
pim_wait_async (double        seconds,
                GMainContext *context,
                int           priority,
                GCancellable *cancellable,
                PimWaitFunc   func,
                GObject      *object)
{
  Wait  *wait = g_new0 (Wait, 1);
  double ms = ceil (MAX (seconds, 0) * 1000);

  wait->func = func;
  wait->object = g_object_ref (object);
  wait->timeout = g_timeout_source_new ((guint) MIN (ms, (double) G_MAXUINT));
  g_source_set_priority (wait->timeout, priority);
  g_source_set_callback (wait->timeout, on_timeout, wait, NULL);
  if (cancellable != NULL)
    {
      wait->cancel = g_cancellable_source_new (cancellable);
      g_source_set_priority (wait->cancel, priority);
      g_source_set_callback (wait->cancel, G_SOURCE_FUNC (on_cancelled), wait, NULL);
      g_source_attach (wait->cancel, context);
    }
  g_source_attach (wait->timeout, context);
}
