/* security-util.h: what the security control tests share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * - A capture of the structured log: every field of every record, whatever
 *   its level (debug included), for asserting that no secret is ever
 *   logged, or that an opt-out is logged exactly once.
 * - SecServer: a small HTTP server of its own, in a thread, on 127.0.0.1
 *   with an ephemeral port, for the answers the shared fault server
 *   (tests/pim-test-server.h) cannot give at a fixed path such as a
 *   discovery document's well-known URL: a redirect, and a body that never
 *   ends.
 */

#pragma once

#include <glib.h>
#include <pim/pim.h>

#include "pim-test-async.h"

G_BEGIN_DECLS

/* ---- The structured log ---- */

/* Installs the capturing writer and default handler (once per process,
 * after g_test_init(), which installs a handler of its own). Records of
 * level WARNING and more severe are also passed on to GLib's default
 * writer or the previous handler, so that the test harness still sees
 * them. */
void sec_log_capture_install (void);
/* Forgets what was captured so far. */
void sec_log_capture_clear (void);
/* Every record captured since the last clear: one string per record, its
 * fields as "NAME=VALUE" lines. */
GPtrArray *sec_log_capture_dup (void);
/* How many captured records have a field containing @text. */
guint sec_log_capture_count (const char *text);

/* ---- A server of the test's own ---- */

typedef enum
{
  /* 200 with a JSON body, Content-Length known */
  SEC_ROUTE_DOCUMENT,
  /* a redirect: the argument is the status and the location, such as
   * "307 http://127.0.0.1:8080/token" */
  SEC_ROUTE_REDIRECT,
  /* 200 application/json, chunked, SEC_SERVER_HUGE_SIZE bytes of a JSON
   * string that is never closed */
  SEC_ROUTE_HUGE_CHUNKED,
  /* 200 application/json declaring a Content-Length of 1 TiB, of which it
   * sends the first piece and then nothing */
  SEC_ROUTE_HUGE_LENGTH,
} SecRouteKind;

#define SEC_SERVER_HUGE_SIZE (256 * 1024 * 1024)

typedef struct _SecServer SecServer;

SecServer *sec_server_new (void);
void       sec_server_free (SecServer *self);
/* "http://127.0.0.1:PORT" followed by @path. */
char *sec_server_get_uri (SecServer *self, const char *path);
/* Answers requests to exactly @path as @kind says: @arg is the body of a
 * DOCUMENT and the status and Location of a REDIRECT. Other paths answer
 * 404. */
void sec_server_set_route (SecServer *self, const char *path, SecRouteKind kind, const char *arg);
/* How many requests reached @path. */
guint sec_server_get_hits (SecServer *self, const char *path);
/* How many bytes of HUGE_CHUNKED bodies were written to the sockets. */
guint64 sec_server_get_bytes_sent (SecServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecServer, sec_server_free)

/* Introspection, revocation and UserInfo with the default client, sync or
 * async as @mode says. */
PimIntrospectionResponse          *
sec_introspect (PimIntrospectionRequest *request, PimTestMode mode, GError **error);
gboolean sec_revoke (PimRevocationRequest *request, PimTestMode mode, GError **error);
PimUserInfoResponse *sec_userinfo (PimUserInfoRequest *request, PimTestMode mode, GError **error);

G_END_DECLS
