/* pim-http-private.h: the HTTP layer's internals, shared by the layers above
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Request building and response parsing are pure functions: the sync and the
 * async transport in pim-http-send.c share them, and the tests call them
 * directly.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pim-http-client.h"
#include "pim-http-error.h"

G_BEGIN_DECLS

/* ---- Settings from the environment (pim-http-settings.c) ---- */

#define PIM_HTTP_TIMEOUT_MIN              1
#define PIM_HTTP_TIMEOUT_MAX              3600
#define PIM_HTTP_RETRY_COUNT_DEFAULT      3
#define PIM_HTTP_RETRY_COUNT_MAX          10
#define PIM_HTTP_RETRY_BASE_DELAY_DEFAULT 1.0
#define PIM_HTTP_RETRY_BASE_DELAY_MAX     60.0
#define PIM_HTTP_RETRY_MAX_DELAY_DEFAULT  60.0

typedef struct
{
  guint  timeout; /* seconds */
  guint  retry_count;
  double retry_base_delay; /* seconds */
  char  *ca_file;          /* absolute path, or NULL for the system trust */
} PimHttpSettings;

G_GNUC_INTERNAL
void
pim_http_settings_from_environ (const char *const *envp, PimHttpSettings *out, GPtrArray *problems);
G_GNUC_INTERNAL
void pim_http_settings_clear (PimHttpSettings *settings);
G_GNUC_INTERNAL
const PimHttpSettings *pim_http_settings_get_process (void);

/* ---- URLs (pim-http-request.c) ---- */

G_GNUC_INTERNAL
char *pim_http_uri_for_display (const char *uri);
G_GNUC_INTERNAL
gboolean pim_http_uri_is_loopback (GUri *uri);
G_GNUC_INTERNAL
GUri *pim_http_uri_parse_checked (const char *uri, gboolean allow_insecure, GError **error);

/* ---- Requests (pim-http-request.c) ---- */

typedef struct _PimHttpRequest PimHttpRequest;

G_GNUC_INTERNAL
PimHttpRequest *pim_http_request_new (const char *method, const char *uri);
G_GNUC_INTERNAL
PimHttpRequest *pim_http_request_ref (PimHttpRequest *self);
G_GNUC_INTERNAL
void pim_http_request_unref (PimHttpRequest *self);
G_GNUC_INTERNAL
const char *pim_http_request_get_method (PimHttpRequest *self);
G_GNUC_INTERNAL
const char *pim_http_request_get_uri (PimHttpRequest *self);
G_GNUC_INTERNAL
void pim_http_request_add_header (PimHttpRequest *self, const char *name, const char *value);
G_GNUC_INTERNAL
void pim_http_request_add_form_param (PimHttpRequest *self, const char *name, const char *value);
G_GNUC_INTERNAL
void pim_http_request_set_json_body (PimHttpRequest *self, JsonNode *node);
G_GNUC_INTERNAL
void pim_http_request_set_body (PimHttpRequest *self, const char *content_type, GBytes *body);
G_GNUC_INTERNAL
void pim_http_request_set_expect_json (PimHttpRequest *self, gboolean expect_json);
G_GNUC_INTERNAL
gboolean pim_http_request_get_expect_json (PimHttpRequest *self);
G_GNUC_INTERNAL
void pim_http_request_set_allow_insecure (PimHttpRequest *self, gboolean allow_insecure);
G_GNUC_INTERNAL
GBytes *pim_http_request_get_body (PimHttpRequest *self, const char **content_type);
G_GNUC_INTERNAL
SoupMessage *pim_http_request_build_message (PimHttpRequest *self, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PimHttpRequest, pim_http_request_unref)

/* ---- Responses (pim-http-response.c) ---- */

typedef struct
{
  guint               status;
  char               *reason;
  char               *uri_display; /* no query, fragment or user info */
  SoupMessageHeaders *headers;
  GBytes             *body;
  guint               retries; /* how many 429/503 answers were retried */
} PimHttpResponse;

G_GNUC_INTERNAL
PimHttpResponse *
pim_http_response_new (SoupMessage *msg, const char *uri_display, GBytes *body, guint retries);
G_GNUC_INTERNAL
void pim_http_response_free (PimHttpResponse *self);
G_GNUC_INTERNAL
gboolean pim_http_response_is_json (PimHttpResponse *self);
G_GNUC_INTERNAL
gboolean pim_http_response_check_success (PimHttpResponse *self, GError **error);
G_GNUC_INTERNAL
gboolean pim_http_response_check_json_type (PimHttpResponse *self, GError **error);
G_GNUC_INTERNAL
gboolean pim_http_response_check_json (PimHttpResponse *self, GError **error);
G_GNUC_INTERNAL
JsonNode *pim_http_response_parse_json (PimHttpResponse *self, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PimHttpResponse, pim_http_response_free)

G_GNUC_INTERNAL
gboolean pim_http_content_type_is_json (const char *content_type);
G_GNUC_INTERNAL
JsonNode *pim_http_parse_json_bytes (GBytes *body, const char *uri_display, GError **error);

/* Bodies are read in chunks and refused as soon as they pass the limit. */
G_GNUC_INTERNAL
gboolean pim_http_check_content_length (SoupMessageHeaders *headers,
                                        guint64             limit,
                                        const char         *uri_display,
                                        GError            **error);
/* A body that ended before the length its headers declare was cut short.
 * libsoup 3.2 reports a premature end of a `Connection: close` response
 * with a `Content-Length` as a normal end, so this is checked after every
 * body (PIM_HTTP_ERROR_CONNECTION). */
G_GNUC_INTERNAL
gboolean pim_http_check_body_complete (SoupMessageHeaders *headers,
                                       guint64             received,
                                       const char         *uri_display,
                                       GError            **error);
G_GNUC_INTERNAL
gboolean pim_http_body_append (GByteArray *body,
                               GBytes     *chunk,
                               guint64     limit,
                               const char *uri_display,
                               GError    **error);

/* Transport errors from GIO, GLib's TLS and libsoup, turned into
 * PIM_HTTP_ERROR (cancellation stays G_IO_ERROR_CANCELLED). */
G_GNUC_INTERNAL
GError *pim_http_error_from_transport (const GError *error, const char *uri_display);
G_GNUC_INTERNAL
GError *pim_http_error_redirect (SoupMessage *msg, const char *uri_display);

/* ---- Retries (pim-http-retry.c) ---- */

G_GNUC_INTERNAL
gboolean pim_http_status_is_retryable (guint status);
G_GNUC_INTERNAL
gboolean pim_http_parse_retry_after (const char *value, GDateTime *now, double *out_seconds);
G_GNUC_INTERNAL
double pim_http_retry_delay (guint       attempt,
                             const char *retry_after,
                             double      base_delay,
                             double      max_delay,
                             GDateTime  *now);

/* ---- Waits (pim-http-wait.c) ---- */

/* Blocks for @seconds or until @cancellable (nullable) is cancelled;
 * FALSE when it was. */
G_GNUC_INTERNAL
gboolean pim_wait_sync (double seconds, GCancellable *cancellable);

typedef void (*PimWaitFunc) (gboolean cancelled, GObject *object);

/* Calls @func once, on @context, after @seconds or as soon as
 * @cancellable (nullable) is cancelled, whichever comes first; the wait
 * holds a reference on @object (typically the caller's GTask) until then. */
G_GNUC_INTERNAL
void pim_wait_async (double        seconds,
                     GMainContext *context,
                     int           priority,
                     GCancellable *cancellable,
                     PimWaitFunc   func,
                     GObject      *object);

/* ---- Transport (pim-http-send.c) ---- */

/* @client may be NULL: the sync form then uses the thread default, the
 * async form the shared default. Any final status is returned as a
 * response (check it with pim_http_response_check_success()); redirects,
 * transport failures, oversized bodies and a closed client are errors. */
G_GNUC_INTERNAL
PimHttpResponse *pim_http_client_send (PimHttpClient  *client,
                                       PimHttpRequest *request,
                                       GCancellable   *cancellable,
                                       GError        **error);
G_GNUC_INTERNAL
void pim_http_client_send_async (PimHttpClient      *client,
                                 PimHttpRequest     *request,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
G_GNUC_INTERNAL
PimHttpResponse *pim_http_client_send_finish (GAsyncResult *result, GError **error);

/* ---- What the transport needs of the client (pim-http-client.c) ---- */

typedef struct
{
  SoupSession  *session;     /* strong ref */
  GCancellable *cancellable; /* cancelled by the caller or by close() */
  gulong        user_handler;
  gulong        close_handler;
  GCancellable *user_cancellable;
  GCancellable *close_cancellable;
} PimHttpOperation;

G_GNUC_INTERNAL
gboolean pim_http_client_begin_operation (PimHttpClient    *self,
                                          GCancellable     *user_cancellable,
                                          PimHttpOperation *op,
                                          GError          **error);
G_GNUC_INTERNAL
void pim_http_client_end_operation (PimHttpOperation *op);
G_GNUC_INTERNAL
gboolean pim_http_operation_closed (PimHttpOperation *op);
G_GNUC_INTERNAL
void pim_http_client_prepare_message (PimHttpClient *self, SoupMessage *msg);
G_GNUC_INTERNAL
GError *pim_http_client_closed_error (void);

G_END_DECLS
