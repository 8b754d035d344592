/* pim-http-client-private.h: PimHttpClient's instance, shared by its
 * source files (pim-http-client.c, -accessors.c, -defaults.c,
 * -operations.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "pim-http-client.h"

G_BEGIN_DECLS

struct _PimHttpClient
{
  GObject parent_instance;

  GMutex        lock;
  SoupSession  *session; /* NULL once closed */
  gboolean      owns_session;
  gboolean      closed;
  gboolean      is_default;
  GCancellable *close_cancellable;
  GError       *init_error;

  /* As set; -1 (or NULL) means "not set". */
  int          timeout_set;
  PimTlsVerify tls_verify;
  char        *ca_file;
  int          retry_count_set;
  double       retry_base_delay_set;

  /* Construct-only: read without the lock. */
  GTlsCertificate *tls_client_certificate;

  /* In effect. */
  guint   timeout;
  guint   retry_count;
  double  retry_base_delay;
  double  retry_max_delay;
  guint64 max_response_size;
};

G_END_DECLS
