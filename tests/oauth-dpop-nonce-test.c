/* oauth-dpop-nonce-test.c: DPoP (RFC 9449) server nonces on the client
 * side: the nonce cache, which answers ask for a nonce, and the
 * use_dpop_nonce retry against a server that always wants a new one
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "oauth-dpop-common.h"
#include "pim-dpop-key-private.h"
#include "pim-oauth-private.h"
#include "pim-test-async.h"
#include "pim-test-server.h"

static void
test_nonce_cache (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autoptr (SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autofree char *nonce = NULL;
  g_autoptr (PimHttpRequest) http = NULL;
  g_auto (Proof) proof = { 0 };

  g_assert_no_error (error);
  soup_message_headers_append (headers, "DPoP-Nonce", "n-1");
  g_assert_true (pim_dpop_key_learn_nonce (key, "https://AS.example:443/token", headers));
  /* The same nonce again is nothing new. */
  g_assert_false (pim_dpop_key_learn_nonce (key, "https://as.example/other", headers));
  /* By origin: path and query do not matter, scheme and port do. */
  nonce = pim_dpop_key_dup_nonce (key, "https://as.example/userinfo?x");
  g_assert_cmpstr (nonce, ==, "n-1");
  g_clear_pointer (&nonce, g_free);
  g_assert_null (pim_dpop_key_dup_nonce (key, "http://as.example/token"));
  g_assert_null (pim_dpop_key_dup_nonce (key, "https://as.example:8443/token"));
  g_assert_null (pim_dpop_key_dup_nonce (key, "https://rs.example/token"));

  /* Invalid nonces are not kept. */
  soup_message_headers_replace (headers, "DPoP-Nonce", "with space");
  g_assert_false (pim_dpop_key_learn_nonce (key, "https://as.example/token", headers));
  pim_dpop_key_set_nonce (key, "https://as.example/", "quote\"d");
  nonce = pim_dpop_key_dup_nonce (key, "https://as.example/");
  g_assert_cmpstr (nonce, ==, "n-1");
  g_clear_pointer (&nonce, g_free);

  /* The next proof to that origin carries it. */
  http = pim_http_request_new ("POST", "https://as.example/token");
  g_assert_true (pim_dpop_key_apply (key, http, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (SoupMessage) msg = pim_http_request_build_message (http, &error);

    g_assert_no_error (error);
    decode_proof (soup_message_headers_get_one (soup_message_get_request_headers (msg), "DPoP"),
                  &proof);
  }
  g_assert_cmpstr (json_object_get_string_member (proof.claims, "nonce"), ==, "n-1");

  /* Forgotten; and never over plain HTTP outside loopback. */
  pim_dpop_key_set_nonce (key, "https://as.example/", NULL);
  g_assert_null (pim_dpop_key_dup_nonce (key, "https://as.example/"));
  g_clear_pointer (&http, pim_http_request_unref);
  http = pim_http_request_new ("POST", "http://as.example/token");
  g_assert_false (pim_dpop_key_apply (key, http, NULL, &error));
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
  g_clear_error (&error);
  {
    g_autoptr (SoupMessage) msg = soup_message_new ("GET", "http://rs.example/api");

    g_assert_false (pim_dpop_key_sign_message (key, msg, "at", &error));
    g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
    g_assert_null (soup_message_headers_get_one (soup_message_get_request_headers (msg), "DPoP"));
  }
}

/* Which answers ask for a nonce. */
static void
test_wants_nonce (void)
{
  static const struct
  {
    guint       status;
    const char *challenge;
    const char *nonce;
    const char *body;
    gboolean    wants;
  } cases[] = {
    { 400, NULL, "n", "{\"error\":\"use_dpop_nonce\"}", TRUE },
    { 400, NULL, NULL, "{\"error\":\"use_dpop_nonce\"}", FALSE },
    { 400, NULL, "n", "{\"error\":\"invalid_dpop_proof\"}", FALSE },
    { 400, NULL, "n", "{\"error\":[\"use_dpop_nonce\"]}", FALSE },
    { 400, NULL, "n", "use_dpop_nonce", FALSE },
    { 401, "DPoP error=\"use_dpop_nonce\", error_description=\"x\"", "n", NULL, TRUE },
    { 401, "DPoP realm=\"r\", error=\"use_dpop_nonce\"", "n", "{}", TRUE },
    { 401, "DPoP error=\"use_dpop_nonce\"", NULL, NULL, FALSE },
    { 401, "Bearer error=\"use_dpop_nonce\"", "n", NULL, FALSE },
    { 401, "DPoP error=\"invalid_token\"", "n", NULL, FALSE },
    { 403, "DPoP error=\"use_dpop_nonce\"", "n", NULL, FALSE },
    { 200, NULL, "n", "{\"error\":\"use_dpop_nonce\"}", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SoupMessage) msg = soup_message_new ("POST", "https://as.example/token");
      SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
      g_autoptr (GBytes) body = NULL;
      g_autoptr (PimHttpResponse) response = NULL;

      if (cases[i].challenge != NULL)
        soup_message_headers_append (headers, "WWW-Authenticate", cases[i].challenge);
      if (cases[i].nonce != NULL)
        soup_message_headers_append (headers, "DPoP-Nonce", cases[i].nonce);
      if (cases[i].body != NULL)
        {
          soup_message_headers_set_content_type (headers, "application/json", NULL);
          body = g_bytes_new (cases[i].body, strlen (cases[i].body));
        }
      response = pim_http_response_new (msg, "https://as.example/token", body, 0);
      response->status = cases[i].status;
      g_assert_cmpint (pim_dpop_response_wants_nonce (response), ==, cases[i].wants);
    }
}

/* ---- A server that always wants a new nonce ---- */

typedef struct
{
  PimTestHandlerServer *http;
  const char           *base;
  GMutex                lock;
  GPtrArray            *seen; /* "path nonce" of each request, "-" for none */
} NonceServer;

static void
nonce_server_handle (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  NonceServer        *self = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char         *dpop = soup_message_headers_get_one (request, "DPoP");
  g_autoptr (PimJwt) jwt = dpop != NULL ? pim_jwt_parse (dpop, NULL) : NULL;
  const char      *nonce = jwt != NULL ? pim_jwt_get_string_claim (jwt, "nonce") : NULL;
  g_autofree char *next = NULL;
  guint            n;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->seen, g_strdup_printf ("%s %s", path, nonce != NULL ? nonce : "-"));
  n = self->seen->len;
  g_mutex_unlock (&self->lock);
  next = g_strdup_printf ("n-%u", n);
  if (strcmp (path, "/userinfo") == 0)
    {
      soup_message_headers_append (response, "WWW-Authenticate",
                                   "DPoP error=\"use_dpop_nonce\", error_description=\"nonce\"");
      soup_message_headers_append (response, "DPoP-Nonce", next);
      soup_server_message_set_status (msg, 401, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
      return;
    }
  if (strcmp (path, "/token-without-nonce") != 0)
    soup_message_headers_append (response, "DPoP-Nonce", next);
  soup_server_message_set_status (msg, 400, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"error\":\"use_dpop_nonce\"}", 26);
}

static NonceServer *
nonce_server_new (void)
{
  NonceServer *self = g_new0 (NonceServer, 1);

  g_mutex_init (&self->lock);
  self->seen = g_ptr_array_new_with_free_func (g_free);
  self->http = pim_test_handler_server_new (NULL, nonce_server_handle, self);
  self->base = pim_test_handler_server_get_base (self->http);
  return self;
}

static void
nonce_server_free (NonceServer *self)
{
  pim_test_handler_server_free (self->http);
  g_ptr_array_unref (self->seen);
  g_mutex_clear (&self->lock);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NonceServer, nonce_server_free)

static char *
seen (NonceServer *self)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->seen->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "; " : "", (char *) self->seen->pdata[i]);
  g_mutex_unlock (&self->lock);
  return g_strdup (text->str);
}

/* A server that asks for a new nonce every time gets exactly one retry,
 * whose proof carries the nonce of the first answer. */
static void
test_retry_once (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (NonceServer) server = nonce_server_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autofree char *token_uri = g_strconcat (server->base, "/token", NULL);
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (token_uri, "client", "secret");
  g_autoptr (PimTokenResponse) response = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;
  g_autofree char *requests = NULL;
  g_autofree char *nonce = NULL;

  g_assert_no_error (error);
  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (request), key);
  response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_USE_DPOP_NONCE);
  g_clear_error (&error);
  requests = seen (server);
  g_assert_cmpstr (requests, ==, "/token -; /token n-1");
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  g_assert_cmpstr (pim_oauth_error_response_get_error (details), ==, "use_dpop_nonce");
  /* The last answer's nonce is kept for the next request. */
  nonce = pim_dpop_key_dup_nonce (key, token_uri);
  g_assert_cmpstr (nonce, ==, "n-2");
  g_clear_pointer (&requests, g_free);

  /* Without a DPoP-Nonce, use_dpop_nonce is not retried. */
  g_ptr_array_set_size (server->seen, 0);
  {
    g_autofree char *uri = g_strconcat (server->base, "/token-without-nonce", NULL);

    pim_oauth_request_set_address (PIM_OAUTH_REQUEST (request), uri);
    response = pim_test_request_token (PIM_TOKEN_REQUEST (request), NULL, mode, &error);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_USE_DPOP_NONCE);
    g_clear_error (&error);
    requests = seen (server);
    /* The same origin: the cached nonce goes along. */
    g_assert_cmpstr (requests, ==, "/token-without-nonce n-2");
    g_clear_pointer (&requests, g_free);
  }

  /* A resource's 401 DPoP challenge, the same way. */
  g_ptr_array_set_size (server->seen, 0);
  pim_dpop_key_set_nonce (key, server->base, NULL);
  {
    g_autofree char *uri = g_strconcat (server->base, "/userinfo", NULL);
    g_autoptr (PimUserInfoRequest) userinfo = pim_userinfo_request_new (uri, "at");
    g_autoptr (PimUserInfoResponse) answer = NULL;

    pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (userinfo), key);
    answer = pim_test_get_userinfo (userinfo, NULL, mode, &error);
    g_assert_null (answer);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_USE_DPOP_NONCE);
    requests = seen (server);
    g_assert_cmpstr (requests, ==, "/userinfo -; /userinfo n-1");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oauth-dpop/nonce/cache", test_nonce_cache);
  g_test_add_func ("/oauth-dpop/nonce/wants-nonce", test_wants_nonce);
  pim_test_add_both ("/oauth-dpop/nonce", "retry-once", test_retry_once);

  return g_test_run ();
}
