/* pim-test-server-private.h: the fault server's instance and internals,
 * shared by its source files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pim-test-server.h"

G_BEGIN_DECLS

#define JSON_TYPE    "application/json"
#define OK_BODY      "{\"ok\":true}"
#define PAD_PREFIX   "{\"pad\":\""
#define PAD_SUFFIX   "\"}"
#define PAD_MIN_SIZE (sizeof PAD_PREFIX - 1 + sizeof PAD_SUFFIX - 1)

struct _PimTestServer
{
  PimTestServerFlags flags;
  char              *cert_file;
  char              *key_file;

  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;

  /* Start-up handshake */
  GMutex   lock;
  GCond    cond;
  gboolean started;
  GError  *start_error;
  guint16  requested_port; /* 0: ephemeral */
  guint16  port;

  /* Hit counters: owned key -> GUINT_TO_POINTER (count) */
  GMutex      hits_lock;
  GHashTable *hits;
  GHashTable *documents; /* path → Document, under hits_lock */
  GHashTable *queues;    /* path → GQueue of one-time Document, under hits_lock */
  GHashTable *aliases;   /* path → route and query, under hits_lock */
  GHashTable *delays;    /* path → GUINT_TO_POINTER (ms), under hits_lock */

  /* Of the latest request, under hits_lock */
  GTlsCertificate *peer_certificate;

  /* Server thread only */
  SoupServer *server;
  GHashTable *ops;        /* set of DelayedOp */
  GHashTable *raw_writes; /* set of RawWrite */
  GHashTable *sockets;    /* set of owned client GSocket */
};

typedef enum
{
  OP_SLOW_HEADERS,
  OP_SLOW_BODY,
  OP_RAW_RESPONSE,
  OP_UNPAUSE, /* a delayed document: the response is set, send it */
} DelayedOpKind;

/* Work to be done on a message later, from a source on the server context.
 * Holds a reference to the message; freed when the work is done, when the
 * message finishes or its connection goes away, or when the server stops. */
typedef struct
{
  PimTestServer     *server;
  SoupServerMessage *msg;
  DelayedOpKind      kind;
  GSource           *source;
  gulong             finished_id;
  gulong             disconnected_id;

  guint   next_chunk; /* OP_SLOW_BODY */
  guint   n_chunks;
  GBytes *raw; /* OP_RAW_RESPONSE */
} DelayedOp;

/* A raw response written to a connection stolen from the SoupServer. */
typedef struct
{
  PimTestServer *server;
  GIOStream     *stream;
  GBytes        *data;
  GCancellable  *cancellable;
} RawWrite;

/* State of a streamed /huge response, attached to the message. */
typedef struct
{
  guint64 size;
  guint64 offset;
} HugeState;

/* pim-test-server-respond.c */

G_GNUC_INTERNAL
guint pim_test_server_count_hit (PimTestServer *self, const char *key);
G_GNUC_INTERNAL
void pim_test_server_respond (SoupServerMessage *msg,
                              guint              status,
                              const char        *content_type,
                              const char        *body);
G_GNUC_INTERNAL
void pim_test_server_respond_builder (SoupServerMessage *msg, guint status, JsonBuilder *builder);
G_GNUC_INTERNAL
void pim_test_server_respond_error (SoupServerMessage *msg,
                                    guint              status,
                                    const char        *error,
                                    const char        *member,
                                    const char        *value);
G_GNUC_INTERNAL
void pim_test_server_respond_bad_parameter (SoupServerMessage *msg, const char *name);
G_GNUC_INTERNAL
const char *pim_test_server_query_get (GHashTable *query, const char *name);
G_GNUC_INTERNAL
gboolean pim_test_server_query_get_uint (SoupServerMessage *msg,
                                         GHashTable        *query,
                                         const char        *name,
                                         guint64            fallback,
                                         guint64            min,
                                         guint64            max,
                                         guint64           *out);
G_GNUC_INTERNAL
gboolean pim_test_server_is_header_name (const char *name);
G_GNUC_INTERNAL
gboolean pim_test_server_is_header_value (const char *value);
G_GNUC_INTERNAL
void pim_test_server_fill_pad (char *buf, guint64 offset, gsize len, guint64 size);
G_GNUC_INTERNAL
GBytes *pim_test_server_huge_next_piece (HugeState *state);
G_GNUC_INTERNAL
void pim_test_server_delayed_op_free (DelayedOp *op);
G_GNUC_INTERNAL
DelayedOp *pim_test_server_delayed_op_new (PimTestServer     *self,
                                           SoupServerMessage *msg,
                                           DelayedOpKind      kind,
                                           guint              delay_ms);
G_GNUC_INTERNAL
void pim_test_server_slow_body_append (SoupServerMessage *msg, guint index, guint n_chunks);

/* pim-test-server.c */

G_GNUC_INTERNAL
gboolean pim_test_server_serve_document (PimTestServer     *self,
                                         SoupServerMessage *msg,
                                         const char        *path,
                                         char             **out_alias);
G_GNUC_INTERNAL
void pim_test_server_record_peer_certificate (PimTestServer *self, SoupServerMessage *msg);

/* pim-test-server-routes.c */

G_GNUC_INTERNAL
void pim_test_server_callback (SoupServer        *server,
                               SoupServerMessage *msg,
                               const char        *path,
                               GHashTable        *query,
                               gpointer           user_data);

G_END_DECLS
