/* security-http-test.c: the security controls of the transport: HTTPS
 * outside loopback, no redirects, and response size limits, on every kind
 * of endpoint Pim talks to
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Plain HTTP "outside loopback" is http://0.0.0.0:PORT: not a loopback
 * address to Pim, yet on Linux a connection to it reaches the servers
 * listening on 127.0.0.1. So a refusal here is Pim's doing, and the
 * servers' hit counters prove that nothing was sent (the explicit
 * require-https opt-out below shows the request would arrive).
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-test-async.h"
#include "pim-test-server.h"
#include "security-util.h"

#define DISCOVERY_PATH "/.well-known/openid-configuration"

static char *
discovery_document (const char *issuer, const char *jwks_uri, const char *token_endpoint)
{
  return g_strdup_printf ("{\"issuer\":\"%s\",\"authorization_endpoint\":\"%s/"
                          "auth\",\"token_endpoint\":\"%s\","
                          "\"jwks_uri\":\"%s\",\"response_types_supported\":[\"code\"],"
                          "\"subject_types_supported\":[\"public\"],"
                          "\"id_token_signing_alg_values_supported\":[\"RS256\"]}",
                          issuer, issuer, token_endpoint, jwks_uri);
}

/* ---- The operations, sync or async ---- */

static PimDiscoveryDocument *
discover (const char *address, PimHttpClient *client, PimTestMode mode, GError **error)
{
  g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (address);
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_get_discovery_document (request, client, NULL, error);
  pim_get_discovery_document_async (request, client, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_get_discovery_document_finish (result, error);
}

static PimJwkSet *
get_jwks (const char    *uri,
          PimHttpClient *client,
          GCancellable  *cancellable,
          PimTestMode    mode,
          GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_get_jwks (uri, client, cancellable, error);
  pim_get_jwks_async (uri, client, cancellable, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_get_jwks_finish (result, error);
}

static PimTokenResponse *
request_token (PimClientCredentialsTokenRequest *request,
               PimHttpClient                    *client,
               GCancellable                     *cancellable,
               PimTestMode                       mode,
               GError                          **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_request_client_credentials_token (request, client, cancellable, error);
  pim_request_client_credentials_token_async (request, client, cancellable, pim_test_store_result,
                                              &result);
  pim_test_wait_result (&result);
  return pim_request_client_credentials_token_finish (result, error);
}

static void
reset_caches (void)
{
  pim_clear_discovery_cache ();
  pim_clear_jwks_cache ();
}

/* ---- HTTPS outside loopback ---- */

/* Discovery, key sets, the token, introspection, revocation and UserInfo
 * endpoints, and the authorization and logout URLs: plain HTTP to a host
 * that is not loopback is refused before anything is sent. */
static void
test_https_required (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autofree char *insecure =
      g_strdup_printf ("http://0.0.0.0:%u", pim_test_server_get_port (server));
  g_autofree char *loopback = pim_test_server_get_uri (server, "");
  g_autofree char *insecure_jwks = g_strconcat (insecure, "/jwks", NULL);
  g_autofree char *insecure_token = g_strconcat (insecure, "/token", NULL);
  g_autofree char *loopback_jwks = g_strconcat (loopback, "/jwks", NULL);
  g_autofree char *loopback_token = g_strconcat (loopback, "/token", NULL);
  const char      *paths[] = { DISCOVERY_PATH, "/jwks", "/token", "/auth", "/logout" };
  g_autoptr (GError) error = NULL;

  reset_caches ();
  pim_test_server_set_document (server, "/jwks", 200, "application/json", "{\"keys\":[]}");
  pim_test_server_set_document (server, "/token", 200, "application/json",
                                "{\"access_token\":\"at\",\"token_type\":\"Bearer\","
                                "\"active\":true,\"sub\":\"alice\"}");

  /* Discovery of an insecure issuer. */
  {
    g_autofree char *document = discovery_document (insecure, insecure_jwks, insecure_token);
    g_autoptr (PimDiscoveryDocument) found = NULL;

    pim_test_server_set_document (server, DISCOVERY_PATH, 200, "application/json", document);
    found = discover (insecure, NULL, mode, &error);
    g_assert_null (found);
    g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT);
    g_clear_error (&error);
  }

  /* A loopback issuer whose document names insecure endpoints. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *document =
          discovery_document (loopback, i == 0 ? insecure_jwks : loopback_jwks,
                              i == 0 ? loopback_token : insecure_token);
      g_autoptr (PimDiscoveryDocument) found = NULL;

      reset_caches ();
      pim_test_server_set_document (server, DISCOVERY_PATH, 200, "application/json", document);
      found = discover (loopback, NULL, mode, &error);
      g_assert_null (found);
      g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT);
      g_clear_error (&error);
    }
  g_assert_cmpuint (pim_test_server_get_hits (server, DISCOVERY_PATH), ==, 2);
  pim_test_server_reset_hits (server);

  /* A key set. */
  {
    g_autoptr (PimJwkSet) keys = get_jwks (insecure_jwks, NULL, NULL, mode, &error);

    g_assert_null (keys);
    g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
    g_clear_error (&error);
  }

  /* The token endpoint, and the opt-out that shows the request would
   * arrive. */
  {
    g_autoptr (PimClientCredentialsTokenRequest) request =
        pim_client_credentials_token_request_new (insecure_token, "app", "app-secret");
    g_autoptr (PimTokenResponse) response = request_token (request, NULL, NULL, mode, &error);

    g_assert_null (response);
    g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
    g_clear_error (&error);
    g_assert_cmpuint (pim_test_server_get_hits (server, "/token"), ==, 0);

    g_object_set (request, "require-https", FALSE, NULL);
    response = request_token (request, NULL, NULL, mode, &error);
    g_assert_no_error (error);
    g_assert_nonnull (response);
    g_assert_cmpuint (pim_test_server_get_hits (server, "/token"), ==, 1);
    pim_test_server_reset_hits (server);
  }

  /* Introspection, revocation and UserInfo. */
  {
    g_autoptr (PimIntrospectionRequest) introspection =
        pim_introspection_request_new (insecure_token, "app", "app-secret");
    g_autoptr (PimRevocationRequest) revocation =
        pim_revocation_request_new (insecure_token, "app", "app-secret");
    g_autoptr (PimUserInfoRequest) info = pim_userinfo_request_new (insecure_token, "at");
    g_autoptr (PimIntrospectionResponse) introspected = NULL;
    g_autoptr (PimUserInfoResponse) user = NULL;

    pim_introspection_request_set_token (introspection, "at");
    pim_revocation_request_set_token (revocation, "at");
    introspected = sec_introspect (introspection, mode, &error);
    g_assert_null (introspected);
    g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
    g_clear_error (&error);
    g_assert_false (sec_revoke (revocation, mode, &error));
    g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
    g_clear_error (&error);
    user = sec_userinfo (info, mode, &error);
    g_assert_null (user);
    g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
    g_clear_error (&error);
  }

  /* The front channel: authorization and logout URLs. */
  {
    g_autofree char *auth = g_strconcat (insecure, "/auth", NULL);
    g_autofree char *logout = g_strconcat (insecure, "/logout", NULL);
    g_autoptr (PimAuthorizationRequest) authorization =
        pim_authorization_request_new (auth, "app", "http://127.0.0.1:48213/callback");
    g_autoptr (PimEndSessionRequest) end_session = pim_end_session_request_new (logout);
    g_autofree char *url = NULL;

    pim_authorization_request_set_state (authorization, "state");
    url = pim_authorization_request_build_url (authorization, &error);
    g_assert_null (url);
    g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
    g_clear_error (&error);
    pim_oauth_request_set_client_id (PIM_OAUTH_REQUEST (end_session), "app");
    url = pim_end_session_request_build_url (end_session, &error);
    g_assert_null (url);
    g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
    g_clear_error (&error);
  }

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    g_assert_cmpuint (pim_test_server_get_hits (server, paths[i]), ==, 0);

  /* The same key set over loopback is fine. */
  {
    g_autoptr (PimJwkSet) keys = get_jwks (loopback_jwks, NULL, NULL, mode, &error);

    g_assert_no_error (error);
    g_assert_nonnull (keys);
  }
}

/* ---- Redirects ---- */

/* A redirect from the discovery document's URL, the key set's or the
 * token endpoint (307, which would replay the POST with the client's
 * credentials) is an error, and its target never sees a request: the
 * targets hold answers that would succeed. */
static void
test_redirects_refused (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (SecServer) server = sec_server_new ();
  g_autoptr (SecServer) target = sec_server_new ();
  g_autofree char *issuer = sec_server_get_uri (server, "");
  g_autofree char *target_issuer = sec_server_get_uri (target, "");
  g_autofree char *jwks = sec_server_get_uri (server, "/jwks");
  g_autofree char *token = sec_server_get_uri (server, "/token");
  g_autofree char *document = discovery_document (issuer, jwks, token);
  g_autofree char *to_document = g_strdup_printf ("302 %s" DISCOVERY_PATH, target_issuer);
  g_autofree char *to_jwks = g_strdup_printf ("302 %s/jwks", target_issuer);
  g_autofree char *to_token = g_strdup_printf ("307 %s/token", target_issuer);
  g_autoptr (GError) error = NULL;

  reset_caches ();
  sec_server_set_route (server, DISCOVERY_PATH, SEC_ROUTE_REDIRECT, to_document);
  sec_server_set_route (server, "/jwks", SEC_ROUTE_REDIRECT, to_jwks);
  sec_server_set_route (server, "/token", SEC_ROUTE_REDIRECT, to_token);
  sec_server_set_route (target, DISCOVERY_PATH, SEC_ROUTE_DOCUMENT, document);
  sec_server_set_route (target, "/jwks", SEC_ROUTE_DOCUMENT, "{\"keys\":[]}");
  sec_server_set_route (target, "/token", SEC_ROUTE_DOCUMENT,
                        "{\"access_token\":\"at\",\"token_type\":\"Bearer\"}");

  {
    g_autoptr (PimDiscoveryDocument) found = discover (issuer, NULL, mode, &error);

    g_assert_null (found);
    g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_REDIRECT_REFUSED);
    g_clear_error (&error);
  }
  {
    g_autoptr (PimJwkSet) keys = get_jwks (jwks, NULL, NULL, mode, &error);

    g_assert_null (keys);
    g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_REDIRECT_REFUSED);
    g_clear_error (&error);
  }
  {
    g_autoptr (PimClientCredentialsTokenRequest) request =
        pim_client_credentials_token_request_new (token, "app", "app-secret");
    g_autoptr (PimTokenResponse) response = request_token (request, NULL, NULL, mode, &error);

    g_assert_null (response);
    g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_REDIRECT_REFUSED);
    g_clear_error (&error);
  }

  g_assert_cmpuint (sec_server_get_hits (server, DISCOVERY_PATH), ==, 1);
  g_assert_cmpuint (sec_server_get_hits (server, "/jwks"), ==, 1);
  g_assert_cmpuint (sec_server_get_hits (server, "/token"), ==, 1);
  g_assert_cmpuint (sec_server_get_hits (target, DISCOVERY_PATH), ==, 0);
  g_assert_cmpuint (sec_server_get_hits (target, "/jwks"), ==, 0);
  g_assert_cmpuint (sec_server_get_hits (target, "/token"), ==, 0);
}

/* ---- Response size limits ---- */

/* Cancels a cancellable unless stopped within @seconds: a body read to its
 * end would otherwise hang the test instead of failing it. */
typedef struct
{
  GMutex        lock;
  GCond         cond;
  gboolean      stopped;
  GCancellable *cancellable;
  GThread      *thread;
} Watchdog;

static gpointer
watchdog_thread (gpointer data)
{
  Watchdog *dog = data;
  gint64    deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_mutex_lock (&dog->lock);
  while (!dog->stopped)
    if (!g_cond_wait_until (&dog->cond, &dog->lock, deadline))
      {
        g_cancellable_cancel (dog->cancellable);
        break;
      }
  g_mutex_unlock (&dog->lock);
  return NULL;
}

static void
watchdog_start (Watchdog *dog)
{
  g_mutex_init (&dog->lock);
  g_cond_init (&dog->cond);
  dog->stopped = FALSE;
  dog->cancellable = g_cancellable_new ();
  dog->thread = g_thread_new ("watchdog", watchdog_thread, dog);
}

static void
watchdog_stop (Watchdog *dog)
{
  g_mutex_lock (&dog->lock);
  dog->stopped = TRUE;
  g_cond_signal (&dog->cond);
  g_mutex_unlock (&dog->lock);
  g_thread_join (dog->thread);
  g_object_unref (dog->cancellable);
  g_mutex_clear (&dog->lock);
  g_cond_clear (&dog->cond);
}

#define LIMIT (64 * 1024)

/* Waits until the server stops writing, and says how much it wrote. */
static guint64
settled_bytes_sent (SecServer *server)
{
  guint64 before;

  do
    {
      before = sec_server_get_bytes_sent (server);
      g_usleep (50 * 1000);
    }
  while (sec_server_get_bytes_sent (server) != before);
  return before;
}

/* A discovery document, a key set and a token response of 256 MiB (or
 * that declare a terabyte and then stall): each fails with TOO_LARGE as
 * soon as the limit is passed, not after reading the whole body: the
 * server wrote little more than the limit plus what the sockets' buffers
 * hold before the client hung up. The default client's limit (1 MiB)
 * applies too. */
static void
test_response_size_limits (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (SecServer) server = sec_server_new ();
  g_autofree char *issuer = sec_server_get_uri (server, "");
  g_autofree char *jwks = sec_server_get_uri (server, "/jwks");
  g_autofree char *declared = sec_server_get_uri (server, "/declared");
  g_autofree char *token = sec_server_get_uri (server, "/token");
  g_autoptr (PimHttpClient) limited = NULL;
  g_autoptr (GError) error = NULL;

  reset_caches ();
  limited = g_initable_new (PIM_TYPE_HTTP_CLIENT, NULL, &error, "max-response-size",
                            (guint64) LIMIT, "timeout", 5, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (pim_http_client_get_max_response_size (limited), ==, LIMIT);
  sec_server_set_route (server, DISCOVERY_PATH, SEC_ROUTE_HUGE_CHUNKED, NULL);
  sec_server_set_route (server, "/jwks", SEC_ROUTE_HUGE_CHUNKED, NULL);
  sec_server_set_route (server, "/declared", SEC_ROUTE_HUGE_LENGTH, NULL);
  sec_server_set_route (server, "/token", SEC_ROUTE_HUGE_CHUNKED, NULL);

  for (guint i = 0; i < 5; i++)
    {
      PimHttpClient *client = i < 4 ? limited : pim_http_client_get_thread_default ();
      Watchdog       dog;
      gint64         start = g_get_monotonic_time ();
      guint64        sent_before = settled_bytes_sent (server);
      guint64        sent;
      gpointer       result = NULL;

      if (mode == PIM_TEST_ASYNC && i == 4)
        client = pim_http_client_get_shared_default ();
      watchdog_start (&dog);
      switch (i)
        {
        case 0:
          {
            g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (issuer);
            g_autoptr (GAsyncResult) async_result = NULL;

            if (mode == PIM_TEST_SYNC)
              result = pim_get_discovery_document (request, client, dog.cancellable, &error);
            else
              {
                pim_get_discovery_document_async (request, client, dog.cancellable,
                                                  pim_test_store_result, &async_result);
                pim_test_wait_result (&async_result);
                result = pim_get_discovery_document_finish (async_result, &error);
              }
            break;
          }
        case 1:
        case 4:
          result = get_jwks (jwks, client, dog.cancellable, mode, &error);
          break;
        case 2:
          result = get_jwks (declared, client, dog.cancellable, mode, &error);
          break;
        case 3:
          {
            g_autoptr (PimClientCredentialsTokenRequest) request =
                pim_client_credentials_token_request_new (token, "app", "app-secret");

            result = request_token (request, client, dog.cancellable, mode, &error);
            break;
          }
        default:
          g_assert_not_reached ();
        }
      watchdog_stop (&dog);
      sent = settled_bytes_sent (server) - sent_before;
      g_test_message ("case %u: %.3f s, %" G_GUINT64_FORMAT " bytes sent", i,
                      (g_get_monotonic_time () - start) / 1e6, sent);
      g_assert_null (result);
      g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TOO_LARGE);
      g_clear_error (&error);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
      g_assert_cmpuint (sent, <, 32 * 1024 * 1024);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  pim_test_add_both ("/security", "https-required", test_https_required);
  pim_test_add_both ("/security", "redirects-refused", test_redirects_refused);
  pim_test_add_both ("/security", "response-size-limits", test_response_size_limits);

  return g_test_run ();
}
