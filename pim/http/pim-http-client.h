/* pim-http-client.h: the HTTP client every Pim operation goes through
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pim-version-macros.h"

G_BEGIN_DECLS

/**
 * PimTlsVerify:
 * @PIM_TLS_VERIFY_DEFAULT: no setting: a session that Pim creates verifies
 *   server certificates (against [property@HttpClient:ca-file] or the
 *   environment's CA bundle, else the system trust); a supplied session is
 *   left as it is
 * @PIM_TLS_VERIFY_ENABLED: verify server certificates (the same as
 *   @PIM_TLS_VERIFY_DEFAULT, but stated; invalid with a supplied session)
 * @PIM_TLS_VERIFY_DISABLED: accept any server certificate. Only for tests
 *   and development: it lets anyone on the path read and change the traffic
 *
 * Whether a [class@HttpClient] verifies the certificates of TLS servers.
 *
 * Since: 0.1
 */
typedef enum
{
  PIM_TLS_VERIFY_DEFAULT,
  PIM_TLS_VERIFY_ENABLED,
  PIM_TLS_VERIFY_DISABLED,
} PimTlsVerify;

/**
 * PIM_HTTP_CLIENT_DEFAULT_TIMEOUT:
 *
 * The request timeout in seconds of a client that is given none and finds
 * no `HTTP_TIMEOUT` in the environment.
 *
 * Since: 0.1
 */
#define PIM_HTTP_CLIENT_DEFAULT_TIMEOUT 30

/**
 * PIM_HTTP_CLIENT_DEFAULT_MAX_RESPONSE_SIZE:
 *
 * The default limit, in bytes, of a response body (1 MiB).
 *
 * Since: 0.1
 */
#define PIM_HTTP_CLIENT_DEFAULT_MAX_RESPONSE_SIZE (1024 * 1024)

#define PIM_TYPE_HTTP_CLIENT (pim_http_client_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimHttpClient, pim_http_client, PIM, HTTP_CLIENT, GObject)

PIM_AVAILABLE_IN_0_1
PimHttpClient *pim_http_client_new (void);

PIM_AVAILABLE_IN_0_1
PimHttpClient *pim_http_client_new_for_session (SoupSession *session);

PIM_AVAILABLE_IN_0_1
PimHttpClient *pim_http_client_new_full (SoupSession *session,
                                         int          timeout,
                                         PimTlsVerify tls_verify,
                                         const char  *ca_file,
                                         GError     **error);

PIM_AVAILABLE_IN_0_1
PimHttpClient *pim_http_client_get_thread_default (void);

PIM_AVAILABLE_IN_0_1
PimHttpClient *pim_http_client_get_shared_default (void);

PIM_AVAILABLE_IN_0_1
void pim_http_client_close (PimHttpClient *self);

PIM_AVAILABLE_IN_0_1
gboolean pim_http_client_is_closed (PimHttpClient *self);

PIM_AVAILABLE_IN_0_1
SoupSession *pim_http_client_get_session (PimHttpClient *self);

PIM_AVAILABLE_IN_0_1
gboolean pim_http_client_get_owns_session (PimHttpClient *self);

PIM_AVAILABLE_IN_0_1
guint pim_http_client_get_timeout (PimHttpClient *self);

PIM_AVAILABLE_IN_0_1
PimTlsVerify pim_http_client_get_tls_verify (PimHttpClient *self);

PIM_AVAILABLE_IN_0_1
const char *pim_http_client_get_ca_file (PimHttpClient *self);

PIM_AVAILABLE_IN_0_1
guint64 pim_http_client_get_max_response_size (PimHttpClient *self);

PIM_AVAILABLE_IN_0_1
GTlsCertificate *pim_http_client_get_tls_client_certificate (PimHttpClient *self);

PIM_AVAILABLE_IN_0_1
guint pim_http_client_get_retry_count (PimHttpClient *self);

PIM_AVAILABLE_IN_0_1
double pim_http_client_get_retry_base_delay (PimHttpClient *self);

PIM_AVAILABLE_IN_0_1
double pim_http_client_get_retry_max_delay (PimHttpClient *self);

PIM_AVAILABLE_IN_0_1
JsonNode *pim_http_client_get_json (PimHttpClient *self,
                                    const char    *uri,
                                    GCancellable  *cancellable,
                                    GError       **error);

PIM_AVAILABLE_IN_0_1
void pim_http_client_get_json_async (PimHttpClient      *self,
                                     const char         *uri,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);

PIM_AVAILABLE_IN_0_1
JsonNode *
pim_http_client_get_json_finish (PimHttpClient *self, GAsyncResult *result, GError **error);

G_END_DECLS
