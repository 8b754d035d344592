/* pim-test-server.h: in-process fault-injecting HTTP(S) server for tests
 *
 * The server runs a SoupServer in a thread of its own, with its own
 * GMainContext, listening on 127.0.0.1 on an ephemeral port. Tests talk to it
 * over real sockets with a normal client.
 *
 * Certificates are read from the directory given at compile time by
 * PIM_TEST_CERTS_DIR (where tests/tls/gen-test-certs.sh wrote them); the
 * environment variable of the same name overrides it, and without either
 * g_test_get_dir (G_TEST_BUILT)/tls is used.
 *
 * Routes (every request is counted under the key given by the `key` query
 * parameter, or by the request path when there is none):
 *
 *   /ok                           200 {"ok":true}
 *   /json?body=B&type=T&status=S  S (200) with body B ("") of type T
 *                                 (application/json; type= sends none)
 *   /status/CODE                  CODE (200..599) with {"status":CODE}; 400
 *                                 also has "error":"invalid_request"; 204
 *                                 and 304 have no body
 *   /storm?fail=N&status=S&retry_after=V&retry_after_in=SECS
 *                                 the first N (1) hits of the key answer S
 *                                 (503) {"status":S,"hits":n} with
 *                                 Retry-After: V verbatim, or an HTTP-date
 *                                 SECS seconds ahead; later hits answer 200
 *                                 {"ok":true,"hits":n}
 *   /slow-headers?delay_ms=M      200 {"ok":true} after M (1000) ms
 *   /slow-body?chunks=N&delay_ms=M
 *                                 chunked 200 {"chunks":[0,1,…,N-1]}, one
 *                                 piece at once, then one every M (100) ms
 *   /stall                        chunked 200, headers and a first piece,
 *                                 then nothing until the server is freed
 *   /garbage                      200 application/json that is not JSON
 *   /html                         200 text/html <html></html>
 *   /huge?size=N&chunked=0|1      200 application/json {"pad":"xx…"} of exactly
 *                                 N (1048576, >= 10) bytes, streamed in 16 KiB
 *                                 pieces, with Content-Length or chunked
 *   /lying-length?size=N&claim=M  raw HTTP/1.1 200 whose Content-Length is M
 *                                 (10) while the body is N (100, >= 10) bytes
 *                                 of JSON; the connection is then closed
 *   /redirect?to=URI&status=S     S (302, 300..399) with Location: URI verbatim
 *                                 and no body; `to` is required
 *   /echo                         200 {"method","path","query","headers":{…},
 *                                 "body"} describing the request; header names
 *                                 are lower-cased, repeats joined with ", "
 *   /headers?Name=Value&…         200 {"ok":true} with those response headers
 *                                 (every parameter except `key`)
 *   /cached?max_age=S&cache_control=V&body=B&fail_after=N&status=C
 *                                 200 with body B ({"keys":[]}) of type
 *                                 application/json and Cache-Control: V
 *                                 verbatim, or max-age=S (none without
 *                                 either); hits after the first N (no
 *                                 limit) answer C (503) {"status":C,"hits":n}
 *   anything else                 404 {"error":"not_found","path":…}
 *
 * Bad parameters answer 400 {"error":"bad_parameter","parameter":…}.
 *
 * pim_test_server_free() shuts every client connection down first, so
 * requests still open (/stall, /slow-*, /huge) end promptly on the client
 * side with EOF or an I/O error rather than hanging.
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum
{
  PIM_TEST_SERVER_PLAIN = 0,
  PIM_TEST_SERVER_TLS = 1 << 0,
  /* Mutual TLS: TLS, and a client certificate is required, trusted if
   * issued by ca.pem or if it is self-signed-client.pem (client-trust.pem,
   * written by tests/mtls/make-pki.sh beside the other certificates). */
  PIM_TEST_SERVER_TLS_CLIENT_AUTH = (1 << 1) | PIM_TEST_SERVER_TLS,
} PimTestServerFlags;

typedef struct _PimTestServer PimTestServer;

PimTestServer *pim_test_server_new (PimTestServerFlags flags);
void           pim_test_server_free (PimTestServer *self);

char   *pim_test_server_get_uri (PimTestServer *self, const char *path_and_query);
guint16 pim_test_server_get_port (PimTestServer *self);

guint pim_test_server_get_hits (PimTestServer *self, const char *key);
void  pim_test_server_reset_hits (PimTestServer *self);

const char *pim_test_server_get_certs_dir (void);
const char *pim_test_server_get_ca_file (void);
const char *pim_test_server_get_other_ca_file (void);

/* Serves @body with @status and @content_type at @path (exactly, before
 * the built-in routes) until replaced; thread-safe. */
void pim_test_server_set_document (PimTestServer *self,
                                   const char    *path,
                                   guint          status,
                                   const char    *content_type,
                                   const char    *body);

/* Queues a one-time answer at @path: each request to @path takes the
 * oldest answer still queued there, in the order they were queued, before
 * any document set with pim_test_server_set_document() and the built-in
 * routes, which serve the requests that find the queue empty; thread-safe.
 * Hits are counted as usual. */
void pim_test_server_queue_document (PimTestServer *self,
                                     const char    *path,
                                     guint          status,
                                     const char    *content_type,
                                     const char    *body);

/* Like pim_test_server_new(), listening on @port of 127.0.0.1 (0: an
 * ephemeral one): a provider "restarted" on the port of one just freed
 * (the socket is bound with SO_REUSEADDR). Aborts if the port is taken. */
PimTestServer *pim_test_server_new_on_port (PimTestServerFlags flags, guint16 port);

/* Serves requests to @path (exactly) as if they were for @target, a
 * built-in route with its query (e.g. "/slow-headers?delay_ms=3000"),
 * so that a fault can stand at any path, such as a discovery document's;
 * @target NULL removes it. Hits are counted for the request as sent.
 * Checked after one-time documents queued at @path and before documents
 * set there; thread-safe. */
void pim_test_server_set_route (PimTestServer *self, const char *path, const char *target);

/* Holds every answer served at @path from a document (set or queued) for
 * @delay_ms before sending it (0: no delay), so that a request is
 * observably in flight; thread-safe. */
void pim_test_server_set_delay (PimTestServer *self, const char *path, guint delay_ms);

/* The certificate the client presented on the latest request (any path),
 * or NULL if it presented none; thread-safe. libsoup 3.2 knows it only on
 * the first request of a connection: later ones on a kept-alive
 * connection record NULL. */
GTlsCertificate *pim_test_server_dup_peer_certificate (PimTestServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PimTestServer, pim_test_server_free)

/* ---- A server of a test's own ----
 *
 * For what the fault server cannot answer: @handler, with @user_data, for
 * requests under @path (NULL: every path), in a SoupServer that runs in a
 * thread of its own, with its own GMainContext, on 127.0.0.1 and an
 * ephemeral port. The handler runs in that thread: what it shares with the
 * test needs a lock. Freeing stops the thread. */
typedef struct _PimTestHandlerServer PimTestHandlerServer;

PimTestHandlerServer      *
pim_test_handler_server_new (const char *path, SoupServerCallback handler, gpointer user_data);
void pim_test_handler_server_free (PimTestHandlerServer *self);
/* "http://127.0.0.1:PORT", without a trailing slash. */
const char *pim_test_handler_server_get_base (PimTestHandlerServer *self);
guint16     pim_test_handler_server_get_port (PimTestHandlerServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PimTestHandlerServer, pim_test_handler_server_free)

G_END_DECLS
