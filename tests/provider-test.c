/* provider-test.c: checks the local OpenID provider the other tests rely on
 *
 * Plain libsoup + json-glib, no Pim code: if this fails, the ground is
 * broken, not the library.
 */

#include "pim-test-provider.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

static SoupSession *session = NULL;

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */

static char *
issuer_url (const char *path)
{
  return g_strconcat (pim_test_provider_get_issuer (pim_test_provider_get_shared ()), path, NULL);
}

/* Sends @msg and parses the body as a JSON object; returns the status. */
static guint
send_for_json (SoupMessage *msg, JsonObject **object)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode     *root;
  gconstpointer data;
  gsize         size;

  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (body);

  data = g_bytes_get_data (body, &size);
  json_parser_load_from_data (parser, data, (gssize) size, &error);
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  *object = json_object_ref (json_node_get_object (root));

  return soup_message_get_status (msg);
}

static JsonObject *
get_json (const char *path)
{
  g_autofree char *url = issuer_url (path);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  JsonObject *object = NULL;

  g_assert_cmpuint (send_for_json (msg, &object), ==, SOUP_STATUS_OK);

  return object;
}

/* application/x-www-form-urlencoded, as RFC 6749 §2.3.1 asks for the
 * client id and secret before they go into HTTP Basic. */
static char *
form_urlencode (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (g_ascii_isalnum (c) || strchr ("-._*", c) != NULL)
        g_string_append_c (out, (char) c);
      else if (c == ' ')
        g_string_append_c (out, '+');
      else
        g_string_append_printf (out, "%%%02X", c);
    }

  return g_string_free (out, FALSE);
}

static char *
basic_auth (const char *id, const char *secret)
{
  g_autofree char *encoded_id = form_urlencode (id);
  g_autofree char *encoded_secret = form_urlencode (secret);
  g_autofree char *joined = g_strconcat (encoded_id, ":", encoded_secret, NULL);
  g_autofree char *base64 = g_base64_encode ((const guchar *) joined, strlen (joined));

  return g_strconcat ("Basic ", base64, NULL);
}

/* POSTs @form (already encoded, taken) to @path with an optional
 * Authorization header; returns the status and the JSON body. */
static guint
post_form (const char *path, const char *authorization, char *form, JsonObject **object)
{
  g_autofree char *url = issuer_url (path);
  g_autoptr (SoupMessage) msg = soup_message_new_from_encoded_form ("POST", url, form);

  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  authorization);

  return send_for_json (msg, object);
}

static void
assert_bearer_token_response (JsonObject *object)
{
  g_assert_true (json_object_has_member (object, "access_token"));
  g_assert_cmpstr (json_object_get_string_member (object, "access_token"), !=, "");
  g_assert_cmpstr (json_object_get_string_member (object, "token_type"), ==, "Bearer");
  g_assert_cmpint (json_object_get_int_member (object, "expires_in"), >, 0);
}

static JsonObject *
decode_jwt_part (const char *part)
{
  g_autoptr (GString) base64 = g_string_new (part);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree guchar *decoded = NULL;
  gsize              length;

  g_strdelimit (base64->str, "-", '+');
  g_strdelimit (base64->str, "_", '/');
  while (base64->len % 4 != 0)
    g_string_append_c (base64, '=');

  decoded = g_base64_decode (base64->str, &length);
  json_parser_load_from_data (parser, (const char *) decoded, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
string_array_contains (JsonArray *array, const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                  */

static void
test_discovery (void)
{
  const char *issuer = pim_test_provider_get_issuer (pim_test_provider_get_shared ());
  g_autoptr (JsonObject) config = get_json ("/.well-known/openid-configuration");
  const char *endpoints[] = {
    "authorization_endpoint",
    "token_endpoint",
    "jwks_uri",
    "userinfo_endpoint",
    "device_authorization_endpoint",
    "pushed_authorization_request_endpoint",
    "introspection_endpoint",
    "revocation_endpoint",
    "end_session_endpoint",
  };
  JsonArray *dpop_algs;
  JsonArray *scopes;
  JsonArray *grants;

  g_assert_true (g_str_has_prefix (issuer, "http://127.0.0.1:"));
  g_assert_cmpstr (json_object_get_string_member (config, "issuer"), ==, issuer);

  for (gsize i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      const char *url = json_object_get_string_member_with_default (config, endpoints[i], NULL);

      g_test_message ("%s: %s", endpoints[i], url);
      g_assert_nonnull (url);
      g_assert_true (g_str_has_prefix (url, issuer));
    }

  dpop_algs = json_object_get_array_member (config, "dpop_signing_alg_values_supported");
  g_assert_nonnull (dpop_algs);
  g_assert_true (string_array_contains (dpop_algs, "ES256"));

  scopes = json_object_get_array_member (config, "scopes_supported");
  g_assert_true (string_array_contains (scopes, "openid"));
  g_assert_true (string_array_contains (scopes, "offline_access"));
  g_assert_true (string_array_contains (scopes, PIM_TEST_SCOPE_API_READ));
  g_assert_true (string_array_contains (scopes, PIM_TEST_SCOPE_API_WRITE));

  grants = json_object_get_array_member (config, "grant_types_supported");
  g_assert_true (string_array_contains (grants, "client_credentials"));
  g_assert_true (string_array_contains (grants, "urn:ietf:params:oauth:grant-type:device_code"));
}

static void
test_jwks (void)
{
  g_autoptr (JsonObject) jwks = get_json ("/jwks");
  JsonArray  *keys = json_object_get_array_member (jwks, "keys");
  const char *wanted[] = { "RS256", "PS256", "ES256", "EdDSA" };

  g_assert_nonnull (keys);
  g_assert_cmpuint (json_array_get_length (keys), ==, G_N_ELEMENTS (wanted));

  for (gsize i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      gboolean found = FALSE;

      for (guint k = 0; k < json_array_get_length (keys); k++)
        {
          JsonObject *key = json_array_get_object_element (keys, k);

          g_assert_false (json_object_has_member (key, "d"));
          g_assert_true (json_object_has_member (key, "kid"));
          if (g_strcmp0 (json_object_get_string_member_with_default (key, "alg", NULL),
                         wanted[i]) == 0)
            found = TRUE;
        }

      g_assert_true (found);
    }
}

static void
test_client_credentials_basic (void)
{
  g_autofree char *auth = basic_auth (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET);
  g_autoptr (JsonObject) token = NULL;
  guint status;

  status = post_form ("/token", auth,
                      soup_form_encode ("grant_type", "client_credentials", "scope",
                                        PIM_TEST_SCOPE_API_READ, NULL),
                      &token);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  assert_bearer_token_response (token);
  g_assert_cmpstr (json_object_get_string_member (token, "scope"), ==, PIM_TEST_SCOPE_API_READ);
}

static void
test_client_credentials_post (void)
{
  g_autoptr (JsonObject) token = NULL;
  guint status;

  status = post_form ("/token", NULL,
                      soup_form_encode ("grant_type", "client_credentials", "client_id",
                                        PIM_TEST_CLIENT_POST_ID, "client_secret",
                                        PIM_TEST_CLIENT_POST_SECRET, NULL),
                      &token);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  assert_bearer_token_response (token);
}

static void
test_client_credentials_reserved_chars (void)
{
  g_autofree char *auth = basic_auth (PIM_TEST_CLIENT_WEIRD_ID, PIM_TEST_CLIENT_WEIRD_SECRET);
  g_autofree char *raw =
      g_strconcat (PIM_TEST_CLIENT_WEIRD_ID, ":", PIM_TEST_CLIENT_WEIRD_SECRET, NULL);
  g_autofree char *raw_base64 = g_base64_encode ((const guchar *) raw, strlen (raw));
  g_autofree char *raw_auth = g_strconcat ("Basic ", raw_base64, NULL);
  g_autoptr (JsonObject) token = NULL;
  g_autoptr (JsonObject) refused = NULL;
  guint status;

  g_test_message ("Authorization: %s", auth);
  status = post_form ("/token", auth, soup_form_encode ("grant_type", "client_credentials", NULL),
                      &token);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  assert_bearer_token_response (token);

  /* Without the form-urlencoding step the credentials do not survive. */
  status = post_form ("/token", raw_auth,
                      soup_form_encode ("grant_type", "client_credentials", NULL), &refused);
  g_assert_cmpuint (status, !=, SOUP_STATUS_OK);
  g_assert_true (json_object_has_member (refused, "error"));
}

static void
test_client_credentials_wrong_secret (void)
{
  g_autofree char *auth = basic_auth (PIM_TEST_CLIENT_BASIC_ID, "not-the-secret");
  g_autoptr (JsonObject) reply = NULL;
  guint status;

  status = post_form ("/token", auth, soup_form_encode ("grant_type", "client_credentials", NULL),
                      &reply);
  g_assert_cmpuint (status, ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_cmpstr (json_object_get_string_member (reply, "error"), ==, "invalid_client");
  g_assert_false (json_object_has_member (reply, "access_token"));
}

static void
test_access_token_is_jwt (void)
{
  const char      *issuer = pim_test_provider_get_issuer (pim_test_provider_get_shared ());
  g_autofree char *auth = basic_auth (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET);
  g_autoptr (JsonObject) token = NULL;
  g_autoptr (JsonObject) header = NULL;
  g_autoptr (JsonObject) payload = NULL;
  g_auto (GStrv) parts = NULL;
  guint status;

  /* No resource: client_credentials defaults to PIM_TEST_RESOURCE_JWT. */
  status = post_form ("/token", auth,
                      soup_form_encode ("grant_type", "client_credentials", "scope",
                                        "api:read api:write", NULL),
                      &token);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);

  parts = g_strsplit (json_object_get_string_member (token, "access_token"), ".", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);

  header = decode_jwt_part (parts[0]);
  g_assert_cmpstr (json_object_get_string_member (header, "alg"), ==, "RS256");
  g_assert_cmpstr (json_object_get_string_member (header, "typ"), ==, "at+jwt");
  g_assert_true (json_object_has_member (header, "kid"));

  payload = decode_jwt_part (parts[1]);
  g_assert_cmpstr (json_object_get_string_member (payload, "aud"), ==, PIM_TEST_RESOURCE_JWT);
  g_assert_cmpstr (json_object_get_string_member (payload, "iss"), ==, issuer);
  g_assert_cmpstr (json_object_get_string_member (payload, "client_id"), ==,
                   PIM_TEST_CLIENT_BASIC_ID);
  g_assert_cmpstr (json_object_get_string_member (payload, "scope"), ==, "api:read api:write");
  g_assert_cmpint (json_object_get_int_member (payload, "exp"), >,
                   json_object_get_int_member (payload, "iat"));
}

static void
test_opaque_introspect_revoke (void)
{
  g_autofree char *auth = basic_auth (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET);
  g_autofree char *introspector =
      basic_auth (PIM_TEST_CLIENT_INTROSPECT_ID, PIM_TEST_CLIENT_INTROSPECT_SECRET);
  g_autoptr (JsonObject) token = NULL;
  g_autoptr (JsonObject) active = NULL;
  g_autoptr (JsonObject) inactive = NULL;
  const char *access_token;
  guint       status;

  status = post_form ("/token", auth,
                      soup_form_encode ("grant_type", "client_credentials", "scope",
                                        PIM_TEST_SCOPE_API_READ, "resource",
                                        PIM_TEST_RESOURCE_OPAQUE, NULL),
                      &token);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  access_token = json_object_get_string_member (token, "access_token");
  g_assert_null (strchr (access_token, '.'));

  status = post_form ("/token/introspection", introspector,
                      soup_form_encode ("token", access_token, NULL), &active);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_true (json_object_get_boolean_member (active, "active"));
  g_assert_cmpstr (json_object_get_string_member (active, "aud"), ==, PIM_TEST_RESOURCE_OPAQUE);
  g_assert_cmpstr (json_object_get_string_member (active, "client_id"), ==,
                   PIM_TEST_CLIENT_BASIC_ID);

  /* A successful revocation answers 200 with an empty body: not JSON. */
  {
    g_autofree char *url = issuer_url ("/token/revocation");
    g_autoptr (SoupMessage) msg =
        soup_message_new_from_encoded_form ("POST", url,
                                            soup_form_encode ("token", access_token, NULL));
    g_autoptr (GBytes) body = NULL;
    g_autoptr (GError) error = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                  introspector);
    body = soup_session_send_and_read (session, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  }

  status = post_form ("/token/introspection", introspector,
                      soup_form_encode ("token", access_token, NULL), &inactive);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_false (json_object_get_boolean_member (inactive, "active"));
}

static void
test_start_stop (void)
{
  g_autoptr (GError) error = NULL;
  PimTestProvider *provider;
  g_autofree char *issuer = NULL;
  g_autofree char *url = NULL;
  gint64           started = g_get_monotonic_time ();

  provider = pim_test_provider_start (&error);
  g_assert_no_error (error);
  g_assert_nonnull (provider);
  g_test_message ("second provider ready in %.0f ms",
                  (double) (g_get_monotonic_time () - started) / 1000.0);

  issuer = g_strdup (pim_test_provider_get_issuer (provider));
  g_assert_cmpstr (issuer, !=, pim_test_provider_get_issuer (pim_test_provider_get_shared ()));

  url = g_strconcat (issuer, "/jwks", NULL);
  {
    g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
    G_GNUC_UNUSED g_autoptr (GBytes) body = soup_session_send_and_read (session, msg, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  }

  pim_test_provider_stop (provider);
  pim_test_provider_stop (NULL);

  {
    g_autoptr (SoupSession) fresh = soup_session_new ();
    g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
    g_autoptr (GBytes) body = soup_session_send_and_read (fresh, msg, NULL, &error);

    g_assert_null (body);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  }
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  session = soup_session_new_with_options ("timeout", 30, NULL);

  g_test_add_func ("/provider/discovery", test_discovery);
  g_test_add_func ("/provider/jwks", test_jwks);
  g_test_add_func ("/provider/client-credentials/basic", test_client_credentials_basic);
  g_test_add_func ("/provider/client-credentials/post", test_client_credentials_post);
  g_test_add_func ("/provider/client-credentials/reserved-chars",
                   test_client_credentials_reserved_chars);
  g_test_add_func ("/provider/client-credentials/wrong-secret",
                   test_client_credentials_wrong_secret);
  g_test_add_func ("/provider/access-token-is-jwt", test_access_token_is_jwt);
  g_test_add_func ("/provider/opaque-introspect-revoke", test_opaque_introspect_revoke);
  g_test_add_func ("/provider/start-stop", test_start_stop);

  status = g_test_run ();

  g_clear_object (&session);

  return status;
}
