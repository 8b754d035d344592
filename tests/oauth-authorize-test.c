/* oauth-authorize-test.c: PKCE, the authorization and end-session URLs,
 * reading authorization responses, and the forms of the code and refresh
 * grants: pure functions, no network
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-http-private.h"
#include "pim-oauth-private.h"
#include "pim-test-async.h"

#define AUTHORIZE   "https://op.example/authorize"
#define ISSUER      "https://op.example"
#define CLIENT_ID   "my-app"
#define REDIRECT    "http://127.0.0.1:8400/callback"
#define STATE       "state-0123456789"
#define UNRESERVED  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
#define VECTOR_FILE "rfc7636-appendix-b.json"

/* ---- PKCE ---- */

static JsonObject *
load_vector (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "vectors", VECTOR_FILE, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static GBytes *
octets (JsonObject *vector, const char *name)
{
  JsonArray  *array = json_object_get_array_member (vector, name);
  GByteArray *bytes = g_byte_array_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      guint8 b = (guint8) json_array_get_int_element (array, i);

      g_byte_array_append (bytes, &b, 1);
    }
  return g_byte_array_free_to_bytes (bytes);
}

/* RFC 7636 Appendix B, from tests/vectors/. */
static void
test_pkce_vector (void)
{
  g_autoptr (JsonObject) vector = load_vector ();
  const char *verifier = json_object_get_string_member (vector, "code_verifier");
  g_autoptr (GBytes) verifier_octets = octets (vector, "code_verifier_octets");
  g_autoptr (GBytes) challenge_octets = octets (vector, "code_challenge_sha256_octets");
  g_autoptr (GBytes) decoded_verifier = NULL;
  g_autoptr (GBytes) decoded_challenge = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *challenge = NULL;

  g_assert_cmpstr (json_object_get_string_member (vector, "code_challenge_method"), ==, "S256");
  /* The verifier is the base64url of the octets, as the RFC makes it. */
  decoded_verifier = pim_base64url_decode (verifier, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (decoded_verifier, verifier_octets));
  g_assert_true (pim_pkce_verifier_is_valid (verifier));

  challenge = pim_pkce_compute_challenge (verifier, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (challenge, ==, json_object_get_string_member (vector, "code_challenge"));
  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  decoded_challenge = pim_base64url_decode (challenge, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (decoded_challenge, challenge_octets));
}

static void
assert_alphabet (const char *text, const char *alphabet)
{
  for (const char *p = text; *p != '\0'; p++)
    if (strchr (alphabet, *p) == NULL)
      g_error ("“%c” in “%s” is not in the alphabet", *p, text);
}

static void
test_pkce_generate (void)
{
  const guint lengths[] = { 43, 44, 45, 46, 64, 100, 127, 128 };
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree char *verifier = pim_pkce_generate_verifier (lengths[i], &error);
      g_autofree char *challenge = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (strlen (verifier), ==, lengths[i]);
      assert_alphabet (verifier, UNRESERVED);
      g_assert_true (pim_pkce_verifier_is_valid (verifier));
      challenge = pim_pkce_compute_challenge (verifier, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (strlen (challenge), ==, 43);
    }

  /* 200 verifiers of the minimum length: all different. */
  for (guint i = 0; i < 200; i++)
    {
      char *verifier = pim_pkce_generate_verifier (PIM_PKCE_VERIFIER_MIN_LENGTH, &error);

      g_assert_no_error (error);
      g_assert_true (g_hash_table_add (seen, verifier));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 200);

  /* Every character of the base64url alphabet turns up in 200 × 43
   * characters, and the last position is not stuck on a subset either. */
  {
    g_autoptr (GHashTable) chars = g_hash_table_new (NULL, NULL);
    g_autoptr (GHashTable) last = g_hash_table_new (NULL, NULL);
    GHashTableIter iter;
    gpointer       key;

    g_hash_table_iter_init (&iter, seen);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        const char *verifier = key;

        for (const char *p = verifier; *p != '\0'; p++)
          g_hash_table_add (chars, GINT_TO_POINTER ((int) *p));
        g_hash_table_add (last, GINT_TO_POINTER ((int) verifier[42]));
      }
    g_assert_cmpuint (g_hash_table_size (chars), ==, 64);
    g_assert_cmpuint (g_hash_table_size (last), >, 16);
  }

  for (guint bad = 0; bad < 3; bad++)
    {
      const guint      lengths_out[] = { 0, 42, 129 };
      g_autofree char *verifier = pim_pkce_generate_verifier (lengths_out[bad], &error);

      g_assert_null (verifier);
      g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
}

static void
test_pkce_invalid_verifier (void)
{
  g_autofree char *too_long = g_strnfill (129, 'a');
  g_autofree char *longest = g_strnfill (128, 'a');
  const char      *bad[] = {
         "",
         "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX",   /* 42 */
         "dBjftJeZ4CVP+mB92K27uhbUJU1p1r_wW1gFWFOEjXk",  /* "+" */
         "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk=", /* padding */
         "dBjftJeZ4CVP mB92K27uhbUJU1p1r_wW1gFWFOEjXk",  /* space */
         "dBjftJeZ4CVP/mB92K27uhbUJU1p1r_wW1gFWFOEjXk",  /* "/" */
         "dBjftJeZ4CVP\xc3\xa9mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
         too_long,
  };
  g_autoptr (GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *challenge = pim_pkce_compute_challenge (bad[i], &error);

      g_assert_false (pim_pkce_verifier_is_valid (bad[i]));
      g_assert_null (challenge);
      g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  /* All four punctuation characters, and both length limits. */
  g_assert_true (pim_pkce_verifier_is_valid ("abc-def.ghi_jkl~mno0123456789ABCDEFGHIJKLMN"));
  g_assert_true (pim_pkce_verifier_is_valid (longest));
}

static void
test_random_string (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *a = pim_generate_random_string (32, &error);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (a), ==, 43);
  assert_alphabet (a, UNRESERVED);
  b = pim_generate_random_string (32, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, !=, b);
  c = pim_generate_random_string (16, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (c), ==, 22);
  g_clear_pointer (&c, g_free);

  c = pim_generate_random_string (15, &error);
  g_assert_null (c);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  c = pim_generate_random_string (1025, &error);
  g_assert_null (c);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

/* ---- The authorization URL ---- */

static PimAuthorizationRequest *
new_request (void)
{
  return pim_authorization_request_new (AUTHORIZE, CLIENT_ID, REDIRECT);
}

static char *
build (PimAuthorizationRequest *request)
{
  g_autoptr (GError) error = NULL;
  char *url = pim_authorization_request_build_url (request, &error);

  g_assert_no_error (error);
  g_assert_nonnull (url);
  return url;
}

static void
assert_build_fails (PimAuthorizationRequest *request, GQuark domain, int code)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *url = pim_authorization_request_build_url (request, &error);

  g_assert_null (url);
  g_assert_error (error, domain, code);
}

/* The decoded parameters of @url's query. */
static GHashTable *
query_params (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  GHashTable *params;

  g_assert_nonnull (uri);
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  g_assert_nonnull (params);
  return params;
}

static void
test_url_minimal (void)
{
  g_autoptr (PimAuthorizationRequest) request = new_request ();
  g_autofree char *url = build (request);

  /* Defaults: response_type=code, nothing else that was not set, and no
   * PKCE method without a challenge. */
  g_assert_cmpstr (url, ==,
                   AUTHORIZE "?response_type=code&client_id=my-app"
                             "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8400%2Fcallback");
  g_assert_cmpstr (pim_authorization_request_get_response_type (request), ==, "code");
  g_assert_cmpint (pim_authorization_request_get_max_age (request), ==, -1);
  g_assert_false (pim_authorization_request_get_require_issuer (request));
}

static void
test_url_all_parameters (void)
{
  g_autoptr (PimAuthorizationRequest) request = new_request ();
  const char *resources[] = { "urn:api:one", "https://api.example/two", NULL };
  const char *claims = "{\"id_token\":{\"email\":{\"essential\":true}}}";
  g_autoptr (JsonObject) vector = load_vector ();
  g_autofree char *url = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autofree char *expected = NULL;

  g_object_set (request, "scope", "openid profile api:read", "state", STATE, "nonce", "n-0S6",
                "code-verifier", json_object_get_string_member (vector, "code_verifier"),
                "response-mode", "form_post", "prompt", "login consent", "max-age", (gint64) 0,
                "login-hint", "alice@example.com", "acr-values", "urn:acr:1 urn:acr:2", "claims",
                claims, "resources", resources, NULL);
  pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (request), "ui_locales", "fr-CA fr");
  pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (request), "x-extra", "1");
  pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (request), "x-extra", "2");
  url = build (request);

  /* Every parameter, in Pim's order, then the extra ones in theirs. */
  expected = g_strconcat (
      AUTHORIZE, "?response_type=code&client_id=my-app",
      "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8400%2Fcallback",
      "&scope=openid%20profile%20api%3Aread&state=", STATE, "&nonce=n-0S6",
      "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
      "&response_mode=form_post&prompt=login%20consent&max_age=0",
      "&login_hint=alice%40example.com&acr_values=urn%3Aacr%3A1%20urn%3Aacr%3A2",
      "&claims=%7B%22id_token%22%3A%7B%22email%22%3A%7B%22essential%22%3Atrue%7D%7D%7D",
      "&resource=urn%3Aapi%3Aone&resource=https%3A%2F%2Fapi.example%2Ftwo",
      "&ui_locales=fr-CA%20fr&x-extra=1&x-extra=2", NULL);
  g_assert_cmpstr (url, ==, expected);

  /* And they decode to what was set; the verifier itself is not sent. */
  params = query_params (url);
  g_assert_cmpstr (g_hash_table_lookup (params, "claims"), ==, claims);
  g_assert_cmpstr (g_hash_table_lookup (params, "scope"), ==, "openid profile api:read");
  g_assert_null (strstr (url, json_object_get_string_member (vector, "code_verifier")));
  g_assert_false (g_hash_table_contains (params, "code_verifier"));
}

static void
test_url_encoding (void)
{
  g_autoptr (PimAuthorizationRequest) request = new_request ();
  const char      *state = "a&b=c+d/e?f#g%h~i.j-k_l m";
  g_autofree char *url = NULL;
  g_autoptr (GHashTable) params = NULL;

  g_object_set (request, "state", state, "login-hint", "\xc3\xa9lise", "scope", "a\tb\nc", NULL);
  url = build (request);
  g_assert_nonnull (strstr (url, "&state=a%26b%3Dc%2Bd%2Fe%3Ff%23g%25h~i.j-k_l%20m&"));
  g_assert_nonnull (strstr (url, "&login_hint=%C3%A9lise"));
  g_assert_nonnull (strstr (url, "&scope=a%09b%0Ac&"));
  /* Only unreserved characters, "%", and the separators remain. */
  assert_alphabet (strchr (url, '?') + 1, UNRESERVED "%&=");

  params = query_params (url);
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, state);
  g_assert_cmpstr (g_hash_table_lookup (params, "login_hint"), ==, "\xc3\xa9lise");
}

static void
test_url_existing_query (void)
{
  g_autoptr (PimAuthorizationRequest) request =
      pim_authorization_request_new (AUTHORIZE "?tenant=a%20b&p=B2C_1_signin", CLIENT_ID, NULL);
  g_autofree char *url = build (request);

  g_assert_cmpstr (url, ==,
                   AUTHORIZE "?tenant=a%20b&p=B2C_1_signin&response_type=code&client_id=my-app");
  g_clear_pointer (&url, g_free);

  /* An empty query, or one that ends with its separator. */
  pim_oauth_request_set_address (PIM_OAUTH_REQUEST (request), AUTHORIZE "?");
  url = build (request);
  g_assert_cmpstr (url, ==, AUTHORIZE "?response_type=code&client_id=my-app");
  g_clear_pointer (&url, g_free);
  pim_oauth_request_set_address (PIM_OAUTH_REQUEST (request), AUTHORIZE "?tenant=x&");
  url = build (request);
  g_assert_cmpstr (url, ==, AUTHORIZE "?tenant=x&response_type=code&client_id=my-app");

  /* The endpoint's query may not carry a parameter Pim sets. */
  pim_oauth_request_set_address (PIM_OAUTH_REQUEST (request),
                                 AUTHORIZE "?tenant=x&client_id=someone-else");
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);

  /* An endpoint with a fragment is refused (RFC 6749 §3.1). */
  pim_oauth_request_set_address (PIM_OAUTH_REQUEST (request), AUTHORIZE "#top");
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

static void
test_url_insecure (void)
{
  g_autoptr (PimAuthorizationRequest) request = new_request ();
  const char *loopback[] = {
    "http://127.0.0.1:8080/auth",
    "http://[::1]:8080/auth",
    "http://localhost/auth",
  };

  pim_oauth_request_set_address (PIM_OAUTH_REQUEST (request), "http://op.example/authorize");
  assert_build_fails (request, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
  pim_oauth_request_set_address (PIM_OAUTH_REQUEST (request), "ftp://op.example/authorize");
  assert_build_fails (request, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT);
  pim_oauth_request_set_address (PIM_OAUTH_REQUEST (request), "/authorize");
  assert_build_fails (request, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT);

  for (gsize i = 0; i < G_N_ELEMENTS (loopback); i++)
    {
      g_autofree char *url = NULL;

      pim_oauth_request_set_address (PIM_OAUTH_REQUEST (request), loopback[i]);
      url = build (request);
      g_assert_true (g_str_has_prefix (url, loopback[i]));
    }

  /* Turned off on purpose, plain HTTP goes. */
  pim_oauth_request_set_address (PIM_OAUTH_REQUEST (request), "http://op.example/authorize");
  g_object_set (request, "require-https", FALSE, NULL);
  g_free (build (request));
}

static void
test_url_missing (void)
{
  g_autoptr (PimAuthorizationRequest) request = new_request ();

  pim_oauth_request_set_client_id (PIM_OAUTH_REQUEST (request), NULL);
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  pim_oauth_request_set_client_id (PIM_OAUTH_REQUEST (request), "");
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  pim_oauth_request_set_client_id (PIM_OAUTH_REQUEST (request), CLIENT_ID);

  pim_authorization_request_set_response_type (request, NULL);
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  pim_authorization_request_set_response_type (request, "");
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  pim_authorization_request_set_response_type (request, "code");

  pim_oauth_request_set_address (PIM_OAUTH_REQUEST (request), NULL);
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

static void
test_url_pkce (void)
{
  g_autoptr (PimAuthorizationRequest) request = new_request ();
  g_autoptr (JsonObject) vector = load_vector ();
  const char      *verifier = json_object_get_string_member (vector, "code_verifier");
  const char      *challenge = json_object_get_string_member (vector, "code_challenge");
  g_autofree char *url = NULL;
  g_autoptr (GHashTable) params = NULL;

  /* A challenge computed elsewhere: S256 is said for it. */
  pim_authorization_request_set_code_challenge (request, challenge);
  url = build (request);
  params = query_params (url);
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge"), ==, challenge);
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge_method"), ==, "S256");
  g_clear_pointer (&url, g_free);
  g_clear_pointer (&params, g_hash_table_unref);

  /* The verifier and its challenge together: they must agree. */
  pim_authorization_request_set_code_verifier (request, verifier);
  g_free (build (request));
  pim_authorization_request_set_code_challenge (request,
                                                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cN");
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  pim_authorization_request_set_code_challenge (request, "short");
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  pim_authorization_request_set_code_challenge (request, NULL);

  /* plain only when asked for, and then the verifier is the challenge. */
  pim_authorization_request_set_code_challenge_method (request, "plain");
  url = build (request);
  params = query_params (url);
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge"), ==, verifier);
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge_method"), ==, "plain");
  g_clear_pointer (&url, g_free);
  g_clear_pointer (&params, g_hash_table_unref);

  /* Unknown methods, a method without anything to send, and an invalid
   * verifier are refused. */
  pim_authorization_request_set_code_challenge_method (request, "S512");
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  pim_authorization_request_set_code_challenge_method (request, "s256");
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  pim_authorization_request_set_code_challenge_method (request, "S256");
  pim_authorization_request_set_code_verifier (request, NULL);
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  pim_authorization_request_set_code_challenge_method (request, NULL);
  pim_authorization_request_set_code_verifier (request, "too-short");
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

static void
test_url_checks (void)
{
  g_autoptr (PimAuthorizationRequest) request = new_request ();
  const char      *resources[] = { "urn:api:one", NULL };
  g_autofree char *url = NULL;

  /* An ID token in the front channel needs a nonce. */
  pim_authorization_request_set_response_type (request, "code id_token");
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  pim_authorization_request_set_nonce (request, "n");
  g_free (build (request));
  pim_authorization_request_set_response_type (request, "code");

  /* claims must be a JSON object. */
  pim_authorization_request_set_claims (request, "[\"email\"]");
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  pim_authorization_request_set_claims (request, "{\"userinfo\":");
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  pim_authorization_request_set_claims (request, NULL);

  /* An extra parameter may not repeat one of Pim's, except resource. */
  pim_authorization_request_set_resources (request, resources);
  pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (request), "resource", "urn:api:two");
  url = build (request);
  g_assert_nonnull (strstr (url, "&resource=urn%3Aapi%3Aone&resource=urn%3Aapi%3Atwo"));
  pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (request), "nonce", "sneaky");
  assert_build_fails (request, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

static void
test_prepare (void)
{
  g_autoptr (PimAuthorizationRequest) request = new_request ();
  g_autoptr (PimAuthorizationRequest) plain = new_request ();
  g_autoptr (PimAuthorizationRequest) preset = new_request ();
  g_autoptr (GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *nonce = NULL;
  g_autofree char *verifier = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *url = NULL;
  g_autoptr (GHashTable) params = NULL;

  pim_authorization_request_set_scope (request, "openid email");
  g_assert_true (pim_authorization_request_prepare (request, &error));
  g_assert_no_error (error);
  state = g_strdup (pim_authorization_request_get_state (request));
  nonce = g_strdup (pim_authorization_request_get_nonce (request));
  verifier = g_strdup (pim_authorization_request_get_code_verifier (request));
  g_assert_cmpuint (strlen (state), ==, 43);
  g_assert_cmpuint (strlen (nonce), ==, 43);
  g_assert_cmpuint (strlen (verifier), ==, 64);
  assert_alphabet (state, UNRESERVED);
  assert_alphabet (nonce, UNRESERVED);
  g_assert_true (pim_pkce_verifier_is_valid (verifier));
  g_assert_cmpstr (state, !=, nonce);
  g_assert_null (pim_authorization_request_get_code_challenge (request));

  /* The URL carries them, with the verifier's S256 challenge. */
  url = build (request);
  params = query_params (url);
  challenge = pim_pkce_compute_challenge (verifier, &error);
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, state);
  g_assert_cmpstr (g_hash_table_lookup (params, "nonce"), ==, nonce);
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge"), ==, challenge);
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge_method"), ==, "S256");
  g_assert_null (strstr (url, verifier));

  /* Again: what is set stays. */
  g_assert_true (pim_authorization_request_prepare (request, &error));
  g_assert_cmpstr (pim_authorization_request_get_state (request), ==, state);
  g_assert_cmpstr (pim_authorization_request_get_nonce (request), ==, nonce);
  g_assert_cmpstr (pim_authorization_request_get_code_verifier (request), ==, verifier);

  /* Plain OAuth: no nonce. */
  g_assert_true (pim_authorization_request_prepare (plain, &error));
  g_assert_nonnull (pim_authorization_request_get_state (plain));
  g_assert_null (pim_authorization_request_get_nonce (plain));
  g_assert_nonnull (pim_authorization_request_get_code_verifier (plain));
  g_assert_cmpstr (pim_authorization_request_get_state (plain), !=, state);

  /* A challenge of the caller's own: no verifier made. An ID token
   * response type: a nonce even without openid. */
  g_object_set (preset, "code-challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                "response-type", "id_token", "state", "mine", NULL);
  g_assert_true (pim_authorization_request_prepare (preset, &error));
  g_assert_null (pim_authorization_request_get_code_verifier (preset));
  g_assert_cmpstr (pim_authorization_request_get_state (preset), ==, "mine");
  g_assert_nonnull (pim_authorization_request_get_nonce (preset));
  pim_authorization_request_set_code_challenge (preset, NULL);
  g_assert_true (pim_authorization_request_prepare (preset, &error));
  g_assert_null (pim_authorization_request_get_code_verifier (preset));
}

static void
test_from_discovery (void)
{
  const char *json = "{\"issuer\":\"" ISSUER "\","
                     "\"authorization_endpoint\":\"" AUTHORIZE "\","
                     "\"token_endpoint\":\"" ISSUER "/token\","
                     "\"jwks_uri\":\"" ISSUER "/jwks\","
                     "\"response_types_supported\":[\"code\"],"
                     "\"subject_types_supported\":[\"public\"],"
                     "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                     "\"authorization_response_iss_parameter_supported\":%s}";
  g_autoptr (GError) error = NULL;

  for (guint with_iss = 0; with_iss < 2; with_iss++)
    {
      g_autofree char *text = g_strdup_printf (json, with_iss ? "true" : "false");
      g_autoptr (PimDiscoveryDocument) document =
          pim_discovery_document_new_from_json (text, ISSUER, NULL, &error);
      g_autoptr (PimAuthorizationRequest) request = NULL;

      g_assert_no_error (error);
      request = pim_authorization_request_new_from_discovery (document, CLIENT_ID, REDIRECT);
      g_assert_cmpstr (pim_oauth_request_get_address (PIM_OAUTH_REQUEST (request)), ==, AUTHORIZE);
      g_assert_cmpstr (pim_oauth_request_get_issuer (PIM_OAUTH_REQUEST (request)), ==, ISSUER);
      g_assert_cmpstr (pim_oauth_request_get_client_id (PIM_OAUTH_REQUEST (request)), ==,
                       CLIENT_ID);
      g_assert_cmpstr (pim_authorization_request_get_redirect_uri (request), ==, REDIRECT);
      g_assert_cmpint (pim_authorization_request_get_require_issuer (request), ==, with_iss);
    }
}

/* ---- Reading the answer ---- */

static PimAuthorizationRequest *
answered_request (void)
{
  PimAuthorizationRequest *request = new_request ();

  g_object_set (request, "issuer", ISSUER, "state", STATE, NULL);
  return request;
}

static PimAuthorizationResponse *
parse_ok (PimAuthorizationRequest *request, const char *text, PimAuthorizationResponseMode mode)
{
  g_autoptr (GError) error = NULL;
  PimAuthorizationResponse *response =
      pim_authorization_request_parse_response (request, text, mode, &error);

  g_assert_no_error (error);
  g_assert_nonnull (response);
  return response;
}

static void
assert_parse_fails (PimAuthorizationRequest     *request,
                    const char                  *text,
                    PimAuthorizationResponseMode mode,
                    int                          code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimAuthorizationResponse) response =
      pim_authorization_request_parse_response (request, text, mode, &error);

  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, code);
}

static void
test_response_query (void)
{
  g_autoptr (PimAuthorizationRequest) request = answered_request ();
  g_autoptr (PimAuthorizationResponse) response = NULL;
  const char *modes[] = { "auto", "query" };

  for (PimAuthorizationResponseMode mode = PIM_AUTHORIZATION_RESPONSE_MODE_AUTO;
       mode <= PIM_AUTHORIZATION_RESPONSE_MODE_QUERY; mode++)
    {
      g_test_message ("mode %s", modes[mode]);
      response = parse_ok (request,
                           REDIRECT "?code=SplxlOBeZQQYbYS6WxSbIA&state=" STATE
                                    "&iss=https%3A%2F%2Fop.example&session_state=s%2Bt",
                           mode);
      g_assert_cmpstr (pim_authorization_response_get_code (response), ==,
                       "SplxlOBeZQQYbYS6WxSbIA");
      g_assert_cmpstr (pim_authorization_response_get_state (response), ==, STATE);
      g_assert_cmpstr (pim_authorization_response_get_issuer (response), ==, ISSUER);
      g_assert_cmpstr (pim_authorization_response_get_session_state (response), ==, "s+t");
      g_assert_null (pim_authorization_response_get_id_token (response));
      g_assert_null (pim_authorization_response_get_access_token (response));
      g_assert_cmpint (pim_authorization_response_get_expires_in (response), ==, -1);
      g_assert_cmpuint (json_object_get_size (pim_authorization_response_get_json (response)), ==,
                        4);
      g_clear_object (&response);
    }

  /* As a loopback server sees it: the path and query only. "+" is a
   * space in form encoding; extensions are kept. */
  pim_authorization_request_set_state (request, "a b+c");
  response = parse_ok (request, "/callback?state=a+b%2Bc&code=x&x-ext=%C3%A9",
                       PIM_AUTHORIZATION_RESPONSE_MODE_AUTO);
  g_assert_cmpstr (pim_authorization_response_get_code (response), ==, "x");
  g_assert_cmpstr (pim_authorization_response_get_string (response, "x-ext"), ==, "\xc3\xa9");
  g_assert_null (pim_authorization_response_get_string (response, "nothing"));
  g_assert_null (pim_authorization_response_get_issuer (response));
}

static void
test_response_fragment (void)
{
  g_autoptr (PimAuthorizationRequest) request = answered_request ();
  g_autoptr (PimAuthorizationResponse) response = NULL;

  /* Hybrid: the fragment by default; no iss, as the ID token stands for
   * it even when iss is required. */
  g_object_set (request, "response-type", "code id_token token", "nonce", "n", "require-issuer",
                TRUE, NULL);
  response = parse_ok (request,
                       REDIRECT "?ignored=1#code=c1&id_token=h.p.s&access_token=at&token_type="
                                "Bearer&expires_in=3600&scope=openid&state=" STATE,
                       PIM_AUTHORIZATION_RESPONSE_MODE_AUTO);
  g_assert_cmpstr (pim_authorization_response_get_code (response), ==, "c1");
  g_assert_cmpstr (pim_authorization_response_get_id_token (response), ==, "h.p.s");
  g_assert_cmpstr (pim_authorization_response_get_access_token (response), ==, "at");
  g_assert_cmpstr (pim_authorization_response_get_token_type (response), ==, "Bearer");
  g_assert_cmpint (pim_authorization_response_get_expires_in (response), ==, 3600);
  g_assert_cmpstr (pim_authorization_response_get_scope (response), ==, "openid");
  g_assert_null (pim_authorization_response_get_string (response, "ignored"));
  g_clear_object (&response);

  /* What the response type promises must be there. */
  assert_parse_fails (request, REDIRECT "#code=c1&id_token=h.p.s&state=" STATE,
                      PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, PIM_OAUTH_ERROR_INVALID_RESPONSE);
  assert_parse_fails (request,
                      REDIRECT "#code=c1&access_token=at&token_type=Bearer&iss=" ISSUER
                               "&state=" STATE,
                      PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, PIM_OAUTH_ERROR_INVALID_RESPONSE);
  assert_parse_fails (request,
                      REDIRECT "#code=c1&id_token=h.p.s&access_token=at&expires_in=soon"
                               "&token_type=Bearer&state=" STATE,
                      PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, PIM_OAUTH_ERROR_INVALID_RESPONSE);

  /* The code flow asked for the fragment explicitly. */
  g_object_set (request, "response-type", "code", "response-mode", "fragment", NULL);
  response = parse_ok (request, REDIRECT "#code=c2&iss=" ISSUER "&state=" STATE,
                       PIM_AUTHORIZATION_RESPONSE_MODE_AUTO);
  g_assert_cmpstr (pim_authorization_response_get_code (response), ==, "c2");
  g_clear_object (&response);
  /* …and the caller may say where to look. */
  response = parse_ok (request, REDIRECT "?code=c3&iss=" ISSUER "&state=" STATE,
                       PIM_AUTHORIZATION_RESPONSE_MODE_QUERY);
  g_assert_cmpstr (pim_authorization_response_get_code (response), ==, "c3");
  /* The parameters are not where the mode says. */
  assert_parse_fails (request, REDIRECT "?code=c3&iss=" ISSUER "&state=" STATE,
                      PIM_AUTHORIZATION_RESPONSE_MODE_FRAGMENT, PIM_OAUTH_ERROR_INVALID_RESPONSE);
}

static void
test_response_form_post (void)
{
  g_autoptr (PimAuthorizationRequest) request = answered_request ();
  g_autoptr (PimAuthorizationResponse) response = NULL;

  pim_authorization_request_set_response_mode (request, "form_post");
  response = parse_ok (request, "code=c%2B1&state=" STATE "&iss=https%3A%2F%2Fop.example",
                       PIM_AUTHORIZATION_RESPONSE_MODE_AUTO);
  g_assert_cmpstr (pim_authorization_response_get_code (response), ==, "c+1");
  g_assert_cmpstr (pim_authorization_response_get_issuer (response), ==, ISSUER);
  g_clear_object (&response);
  response =
      parse_ok (request, "state=" STATE "&code=c2", PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST);
  g_assert_cmpstr (pim_authorization_response_get_code (response), ==, "c2");

  /* A body is not a URI to take a query from. */
  assert_parse_fails (request, "", PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST,
                      PIM_OAUTH_ERROR_INVALID_RESPONSE);

  /* JARM modes cannot be read as parameters. */
  pim_authorization_request_set_response_mode (request, "query.jwt");
  assert_parse_fails (request, REDIRECT "?response=a.b.c", PIM_AUTHORIZATION_RESPONSE_MODE_AUTO,
                      PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

static void
test_response_state (void)
{
  g_autoptr (PimAuthorizationRequest) request = answered_request ();
  g_autoptr (PimAuthorizationRequest) stateless = new_request ();
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;
  const char *wrong[] = {
    REDIRECT "?code=c&state=state-0123456788",  /* same length */
    REDIRECT "?code=c&state=state-012345678",   /* a prefix */
    REDIRECT "?code=c&state=state-01234567890", /* longer */
    REDIRECT "?code=c&state=",
    REDIRECT "?code=c",
    /* an error response with another state is not believed */
    REDIRECT "?error=access_denied&state=other",
    REDIRECT "?error=access_denied",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_test_message ("%s", wrong[i]);
      assert_parse_fails (request, wrong[i], PIM_AUTHORIZATION_RESPONSE_MODE_AUTO,
                          PIM_OAUTH_ERROR_STATE_MISMATCH);
      details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
      g_assert_null (details);
    }

  /* Without a state in the request, a state in the answer is someone
   * else's. */
  response = parse_ok (stateless, REDIRECT "?code=c", PIM_AUTHORIZATION_RESPONSE_MODE_AUTO);
  g_assert_null (pim_authorization_response_get_state (response));
  assert_parse_fails (stateless, REDIRECT "?code=c&state=x", PIM_AUTHORIZATION_RESPONSE_MODE_AUTO,
                      PIM_OAUTH_ERROR_STATE_MISMATCH);
}

typedef struct
{
  const char *error;
  int         code;
} ErrorCase;

static void
test_response_errors (void)
{
  g_autoptr (PimAuthorizationRequest) request = answered_request ();
  const ErrorCase cases[] = {
    { "access_denied", PIM_OAUTH_ERROR_ACCESS_DENIED },
    { "login_required", PIM_OAUTH_ERROR_LOGIN_REQUIRED },
    { "consent_required", PIM_OAUTH_ERROR_CONSENT_REQUIRED },
    { "interaction_required", PIM_OAUTH_ERROR_INTERACTION_REQUIRED },
    { "invalid_scope", PIM_OAUTH_ERROR_INVALID_SCOPE },
    { "unsupported_response_type", PIM_OAUTH_ERROR_UNSUPPORTED_RESPONSE_TYPE },
    { "temporarily_unavailable", PIM_OAUTH_ERROR_TEMPORARILY_UNAVAILABLE },
    { "weird_error", PIM_OAUTH_ERROR_FAILED },
  };
  g_autoptr (PimAuthorizationResponse) response = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri =
          g_strdup_printf ("%s?error=%s&error_description=The+user+said+no%%0A%%01&error_uri="
                           "https%%3A%%2F%%2Fop.example%%2Ferrors%%2F1&state=%s&iss=%s",
                           REDIRECT, cases[i].error, STATE, ISSUER);
      g_autoptr (GError) error = NULL;
      g_autoptr (PimOAuthErrorResponse) details = NULL;

      response =
          pim_authorization_request_parse_response (request, uri,
                                                    PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);
      g_assert_null (response);
      g_assert_error (error, PIM_OAUTH_ERROR, cases[i].code);
      /* The message shows the error and the description, made printable. */
      g_assert_nonnull (strstr (error->message, cases[i].error));
      g_assert_nonnull (strstr (error->message, "The user said no??"));

      details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
      g_assert_nonnull (details);
      g_assert_cmpstr (pim_oauth_error_response_get_error (details), ==, cases[i].error);
      g_assert_cmpstr (pim_oauth_error_response_get_error_description (details), ==,
                       "The user said no\n\x01");
      g_assert_cmpstr (pim_oauth_error_response_get_error_uri (details), ==,
                       "https://op.example/errors/1");
      g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, 0);
      g_assert_cmpstr (pim_oauth_error_response_get_endpoint (details), ==, AUTHORIZE);
      g_assert_cmpstr (json_object_get_string_member (pim_oauth_error_response_get_json (details),
                                                      "state"),
                       ==, STATE);
    }

  /* An error without a description; then a success clears the details. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PimOAuthErrorResponse) details = NULL;

    response =
        pim_authorization_request_parse_response (request,
                                                  REDIRECT "?error=server_error&state=" STATE,
                                                  PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, &error);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_SERVER_ERROR);
    details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
    g_assert_null (pim_oauth_error_response_get_error_description (details));
    g_assert_null (pim_oauth_error_response_get_error_uri (details));
  }
  response =
      parse_ok (request, REDIRECT "?code=c&state=" STATE, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO);
  g_assert_null (pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request)));
}

static void
test_response_issuer (void)
{
  g_autoptr (PimAuthorizationRequest) request = answered_request ();
  g_autoptr (PimAuthorizationResponse) response = NULL;

  /* Not required: absent is fine, present must match exactly. */
  response =
      parse_ok (request, REDIRECT "?code=c&state=" STATE, PIM_AUTHORIZATION_RESPONSE_MODE_AUTO);
  g_clear_object (&response);
  response = parse_ok (request, REDIRECT "?code=c&state=" STATE "&iss=" ISSUER,
                       PIM_AUTHORIZATION_RESPONSE_MODE_AUTO);
  g_clear_object (&response);
  assert_parse_fails (request, REDIRECT "?code=c&state=" STATE "&iss=https://evil.example",
                      PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, PIM_OAUTH_ERROR_ISSUER_MISMATCH);
  assert_parse_fails (request, REDIRECT "?code=c&state=" STATE "&iss=" ISSUER "/",
                      PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, PIM_OAUTH_ERROR_ISSUER_MISMATCH);
  assert_parse_fails (request, REDIRECT "?code=c&state=" STATE "&iss=HTTPS://op.example",
                      PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, PIM_OAUTH_ERROR_ISSUER_MISMATCH);
  /* An error response from another issuer is not believed either. */
  assert_parse_fails (request,
                      REDIRECT "?error=access_denied&state=" STATE "&iss=https://evil.example",
                      PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, PIM_OAUTH_ERROR_ISSUER_MISMATCH);
  g_assert_null (pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request)));

  /* Required (RFC 9207 metadata): absent is refused, except with an ID
   * token. */
  pim_authorization_request_set_require_issuer (request, TRUE);
  assert_parse_fails (request, REDIRECT "?code=c&state=" STATE,
                      PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, PIM_OAUTH_ERROR_ISSUER_MISMATCH);
  assert_parse_fails (request, REDIRECT "?error=access_denied&state=" STATE,
                      PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, PIM_OAUTH_ERROR_ISSUER_MISMATCH);
  response = parse_ok (request, REDIRECT "?code=c&state=" STATE "&iss=" ISSUER,
                       PIM_AUTHORIZATION_RESPONSE_MODE_AUTO);
  g_clear_object (&response);
  g_object_set (request, "response-type", "code id_token", "nonce", "n", NULL);
  response = parse_ok (request, REDIRECT "#code=c&id_token=h.p.s&state=" STATE,
                       PIM_AUTHORIZATION_RESPONSE_MODE_AUTO);
  g_clear_object (&response);
  assert_parse_fails (request,
                      REDIRECT "#code=c&id_token=h.p.s&state=" STATE "&iss=https://evil.example",
                      PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, PIM_OAUTH_ERROR_ISSUER_MISMATCH);

  /* Requiring an issuer without saying which is the caller's mistake. */
  pim_oauth_request_set_issuer (PIM_OAUTH_REQUEST (request), NULL);
  assert_parse_fails (request, REDIRECT "#code=c&id_token=h.p.s&state=" STATE "&iss=" ISSUER,
                      PIM_AUTHORIZATION_RESPONSE_MODE_AUTO, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

static void
test_response_malformed (void)
{
  g_autoptr (PimAuthorizationRequest) request = answered_request ();
  const char *bad[] = {
    REDIRECT "?code=c&code=d&state=" STATE, /* a parameter twice */
    REDIRECT "?code=c&state=" STATE "&state=" STATE,
    REDIRECT "?code=%zz&state=" STATE,    /* a bad escape */
    REDIRECT "?code=%FF%FE&state=" STATE, /* not UTF-8 */
    REDIRECT "?code&state=" STATE,        /* no "=" */
    REDIRECT "?state=" STATE,             /* no code */
    REDIRECT "?code=&state=" STATE,       /* an empty code */
    REDIRECT,                             /* nothing */
    REDIRECT "?",
    ("http://[::1/callback?code=c&state=" STATE), /* not a URI */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      assert_parse_fails (request, bad[i], PIM_AUTHORIZATION_RESPONSE_MODE_AUTO,
                          PIM_OAUTH_ERROR_INVALID_RESPONSE);
    }
}

/* ---- Logout ---- */

static void
test_end_session_url (void)
{
  g_autoptr (PimEndSessionRequest) request =
      pim_end_session_request_new (ISSUER "/session/end?tenant=t");
  g_autofree char *url = NULL;

  g_object_set (request, "id-token-hint", "h.p.s", "logout-hint", "alice@example.com", "client-id",
                CLIENT_ID, "post-logout-redirect-uri", "http://127.0.0.1:8400/logout", "state",
                "s 1", "ui-locales", "fr en", NULL);
  pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (request), "x", "y");
  url = pim_end_session_request_build_url (request, NULL);
  g_assert_cmpstr (url, ==,
                   ISSUER "/session/end?tenant=t&id_token_hint=h.p.s"
                          "&logout_hint=alice%40example.com&client_id=my-app"
                          "&post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A8400%2Flogout"
                          "&state=s%201&ui_locales=fr%20en&x=y");
  g_assert_cmpstr (pim_end_session_request_get_state (request), ==, "s 1");
  g_clear_pointer (&url, g_free);

  /* Nothing but the endpoint. */
  {
    g_autoptr (PimEndSessionRequest) bare = pim_end_session_request_new (ISSUER "/session/end");

    url = pim_end_session_request_build_url (bare, NULL);
    g_assert_cmpstr (url, ==, ISSUER "/session/end");
    g_clear_pointer (&url, g_free);
  }

  /* A post-logout redirect needs the client to be known. */
  {
    g_autoptr (PimEndSessionRequest) anonymous = pim_end_session_request_new (ISSUER "/end");
    g_autoptr (GError) error = NULL;

    pim_end_session_request_set_post_logout_redirect_uri (anonymous, "http://127.0.0.1/logout");
    url = pim_end_session_request_build_url (anonymous, &error);
    g_assert_null (url);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);

    pim_end_session_request_set_id_token_hint (anonymous, "h.p.s");
    url = pim_end_session_request_build_url (anonymous, &error);
    g_assert_no_error (error);
    g_clear_pointer (&url, g_free);

    /* Insecure, missing, or doubled. */
    pim_oauth_request_set_address (PIM_OAUTH_REQUEST (anonymous), "http://op.example/end");
    url = pim_end_session_request_build_url (anonymous, &error);
    g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
    g_clear_error (&error);
    pim_oauth_request_set_address (PIM_OAUTH_REQUEST (anonymous), NULL);
    url = pim_end_session_request_build_url (anonymous, &error);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    pim_oauth_request_set_address (PIM_OAUTH_REQUEST (anonymous), ISSUER "/end");
    pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (anonymous), "id_token_hint", "x");
    url = pim_end_session_request_build_url (anonymous, &error);
    g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
    g_assert_null (url);
  }
}

/* ---- The grants' forms ---- */

/* The form @request's kind builds for @endpoint, or NULL with @error. */
static char *
built_form (gpointer request, GError **error)
{
  const PimOAuthRequestKind *kind = pim_oauth_request_get_kind (PIM_OAUTH_REQUEST (request));
  g_autoptr (PimHttpRequest) http = kind->build (request, ISSUER "/token", error);
  g_autoptr (GBytes) body = NULL;
  const char *content_type = NULL;

  g_assert_cmpstr (kind->endpoint_member, ==, "token_endpoint");
  if (http == NULL)
    return NULL;
  body = pim_http_request_get_body (http, &content_type);
  g_assert_cmpstr (content_type, ==, "application/x-www-form-urlencoded");
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
test_code_grant_form (void)
{
  g_autoptr (PimAuthorizationCodeTokenRequest) request =
      pim_authorization_code_token_request_new (ISSUER "/token", CLIENT_ID, "c/+ode", REDIRECT,
                                                "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  const char *resources[] = { "urn:api", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *form = NULL;

  g_assert_cmpstr (pim_token_request_get_grant_type (PIM_TOKEN_REQUEST (request)), ==,
                   "authorization_code");
  pim_token_request_set_resources (PIM_TOKEN_REQUEST (request), resources);
  form = built_form (request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (form, ==,
                   "grant_type=authorization_code&resource=urn%3Aapi&code=c%2F%2Bode"
                   "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8400%2Fcallback"
                   "&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  g_clear_pointer (&form, g_free);

  /* Without PKCE, no code_verifier. */
  pim_authorization_code_token_request_set_code_verifier (request, NULL);
  form = built_form (request, &error);
  g_assert_null (strstr (form, "code_verifier"));
  g_clear_pointer (&form, g_free);

  pim_authorization_code_token_request_set_redirect_uri (request, NULL);
  form = built_form (request, &error);
  g_assert_null (form);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  pim_authorization_code_token_request_set_redirect_uri (request, REDIRECT);
  pim_authorization_code_token_request_set_code (request, "");
  form = built_form (request, &error);
  g_assert_null (form);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

static void
test_refresh_grant_form (void)
{
  g_autoptr (PimRefreshTokenRequest) request =
      pim_refresh_token_request_new (ISSUER "/token", CLIENT_ID, "rt+1");
  g_autoptr (GError) error = NULL;
  g_autofree char *form = NULL;

  g_assert_cmpstr (pim_token_request_get_grant_type (PIM_TOKEN_REQUEST (request)), ==,
                   "refresh_token");
  pim_token_request_set_scope (PIM_TOKEN_REQUEST (request), "openid email");
  form = built_form (request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (form, ==, "grant_type=refresh_token&scope=openid%20email&refresh_token=rt%2B1");
  g_clear_pointer (&form, g_free);

  pim_refresh_token_request_set_refresh_token (request, NULL);
  form = built_form (request, &error);
  g_assert_null (form);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

/* An incomplete request fails before anything is sent: the address is a
 * port nothing listens on. */
static void
test_grants_incomplete (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimAuthorizationCodeTokenRequest) code =
      pim_authorization_code_token_request_new ("http://127.0.0.1:9/token", CLIENT_ID, NULL,
                                                REDIRECT, NULL);
  g_autoptr (PimRefreshTokenRequest) refresh =
      pim_refresh_token_request_new ("http://127.0.0.1:9/token", CLIENT_ID, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenResponse) response = NULL;

  if (mode == PIM_TEST_SYNC)
    response = pim_request_authorization_code_token (code, NULL, NULL, &error);
  else
    {
      g_autoptr (GAsyncResult) result = NULL;

      pim_request_authorization_code_token_async (code, NULL, NULL, pim_test_store_result, &result);
      pim_test_wait_result (&result);
      response = pim_request_authorization_code_token_finish (result, &error);
    }
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  if (mode == PIM_TEST_SYNC)
    response = pim_request_refresh_token (refresh, NULL, NULL, &error);
  else
    {
      g_autoptr (GAsyncResult) result = NULL;

      pim_request_refresh_token_async (refresh, NULL, NULL, pim_test_store_result, &result);
      pim_test_wait_result (&result);
      response = pim_request_refresh_token_finish (result, &error);
    }
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oauth-authorize/pkce/rfc7636-appendix-b", test_pkce_vector);
  g_test_add_func ("/oauth-authorize/pkce/generate", test_pkce_generate);
  g_test_add_func ("/oauth-authorize/pkce/invalid-verifier", test_pkce_invalid_verifier);
  g_test_add_func ("/oauth-authorize/random-string", test_random_string);
  g_test_add_func ("/oauth-authorize/url/minimal", test_url_minimal);
  g_test_add_func ("/oauth-authorize/url/all-parameters", test_url_all_parameters);
  g_test_add_func ("/oauth-authorize/url/encoding", test_url_encoding);
  g_test_add_func ("/oauth-authorize/url/existing-query", test_url_existing_query);
  g_test_add_func ("/oauth-authorize/url/insecure", test_url_insecure);
  g_test_add_func ("/oauth-authorize/url/missing", test_url_missing);
  g_test_add_func ("/oauth-authorize/url/pkce", test_url_pkce);
  g_test_add_func ("/oauth-authorize/url/checks", test_url_checks);
  g_test_add_func ("/oauth-authorize/prepare", test_prepare);
  g_test_add_func ("/oauth-authorize/from-discovery", test_from_discovery);
  g_test_add_func ("/oauth-authorize/response/query", test_response_query);
  g_test_add_func ("/oauth-authorize/response/fragment", test_response_fragment);
  g_test_add_func ("/oauth-authorize/response/form-post", test_response_form_post);
  g_test_add_func ("/oauth-authorize/response/state", test_response_state);
  g_test_add_func ("/oauth-authorize/response/errors", test_response_errors);
  g_test_add_func ("/oauth-authorize/response/issuer", test_response_issuer);
  g_test_add_func ("/oauth-authorize/response/malformed", test_response_malformed);
  g_test_add_func ("/oauth-authorize/end-session/url", test_end_session_url);
  g_test_add_func ("/oauth-authorize/grant-form/authorization-code", test_code_grant_form);
  g_test_add_func ("/oauth-authorize/grant-form/refresh-token", test_refresh_grant_form);
  pim_test_add_both ("/oauth-authorize/grant", "incomplete", test_grants_incomplete);

  return g_test_run ();
}
