/* oauth-registration-test.c: dynamic client registration (RFC 7591) and
 * its management (RFC 7592) against the real local provider, and what a
 * server may answer wrongly, against the fault server; sync and async
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-test-async.h"
#include "pim-test-provider.h"
#include "pim-test-server.h"

#define SECRET_MARKER "pim-SECRET-marker-0123456789"

/* ---- Helpers ---- */

static const char *
issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

typedef enum
{
  REGISTER,
  READ,
  UPDATE,
} Op;

static PimClientRegistrationResponse *
run (Op op, PimClientRegistrationRequest *request, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    switch (op)
      {
      case REGISTER:
        return pim_register_client (request, NULL, NULL, error);
      case READ:
        return pim_read_client_registration (request, NULL, NULL, error);
      default:
        return pim_update_client_registration (request, NULL, NULL, error);
      }
  switch (op)
    {
    case REGISTER:
      pim_register_client_async (request, NULL, NULL, pim_test_store_result, &result);
      pim_test_wait_result (&result);
      return pim_register_client_finish (result, error);
    case READ:
      pim_read_client_registration_async (request, NULL, NULL, pim_test_store_result, &result);
      pim_test_wait_result (&result);
      return pim_read_client_registration_finish (result, error);
    default:
      pim_update_client_registration_async (request, NULL, NULL, pim_test_store_result, &result);
      pim_test_wait_result (&result);
      return pim_update_client_registration_finish (result, error);
    }
}

static gboolean delete (PimClientRegistrationRequest *request, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_delete_client_registration (request, NULL, NULL, error);
  pim_delete_client_registration_async (request, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_delete_client_registration_finish (result, error);
}

/* A confidential client that only uses client_credentials. */
static PimClientRegistrationRequest *
service_request (void)
{
  const char *const             grant_types[] = { "client_credentials", NULL };
  const char *const             none[] = { NULL };
  const char *const             contacts[] = { "ops@example.com", NULL };
  g_autofree char              *endpoint = g_strconcat (issuer (), "/reg", NULL);
  PimClientRegistrationRequest *request = pim_client_registration_request_new (endpoint);
  g_autoptr (GError) error = NULL;

  g_object_set (request, "client-name", "Pim registration test", "grant-types", grant_types,
                "response-types", none, "redirect-uris", none, "token-endpoint-auth-method",
                "client_secret_basic", "contacts", contacts, NULL);
  g_assert_true (pim_client_registration_request_set_metadata (request, "client_uri",
                                                               "\"https://app.example/\"", &error));
  g_assert_no_error (error);
  return request;
}

static PimTokenResponse *
client_credentials (const char *client_id, const char *secret, GError **error)
{
  g_autofree char *token_endpoint = g_strconcat (issuer (), "/token", NULL);
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (token_endpoint, client_id, secret);

  return pim_request_client_credentials_token (request, NULL, NULL, error);
}

/* ---- Against the provider ---- */

static void
test_lifecycle (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimClientRegistrationRequest) request = service_request ();
  g_autoptr (PimClientRegistrationRequest) manage = NULL;
  g_autoptr (PimClientRegistrationResponse) registered = NULL;
  g_autoptr (PimClientRegistrationResponse) read = NULL;
  g_autoptr (PimClientRegistrationResponse) updated = NULL;
  g_autoptr (PimClientRegistrationResponse) reread = NULL;
  g_autoptr (PimClientRegistrationResponse) gone = NULL;
  g_autoptr (PimTokenResponse) token = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *client_uri = NULL;
  g_autofree char *first_token = NULL;
  gint64           now = g_get_real_time () / G_USEC_PER_SEC;
  const char      *client_id;

  registered = run (REGISTER, request, mode, &error);
  g_assert_no_error (error);
  client_id = pim_client_registration_response_get_client_id (registered);
  g_assert_nonnull (client_id);
  g_assert_cmpuint (strlen (client_id), >, 8);
  g_assert_nonnull (pim_client_registration_response_get_client_secret (registered));
  g_assert_cmpint (pim_client_registration_response_get_client_secret_expires_at (registered), ==,
                   0);
  g_assert_cmpint (pim_client_registration_response_get_client_id_issued_at (registered), >=,
                   now - 5);
  g_assert_cmpint (pim_client_registration_response_get_client_id_issued_at (registered), <=,
                   now + 5);
  g_assert_cmpstr (pim_client_registration_response_get_client_name (registered), ==,
                   "Pim registration test");
  g_assert_cmpstr (pim_client_registration_response_get_token_endpoint_auth_method (registered), ==,
                   "client_secret_basic");
  g_assert_nonnull (pim_client_registration_response_get_registration_access_token (registered));
  g_assert_true (
      g_str_has_prefix (pim_client_registration_response_get_registration_client_uri (registered),
                        issuer ()));
  client_uri = pim_client_registration_response_dup_metadata_json (registered, "client_uri");
  g_assert_cmpstr (client_uri, ==, "\"https://app.example/\"");
  g_assert_null (pim_client_registration_response_dup_metadata_json (registered, "no_such"));

  /* The new client works. */
  token =
      client_credentials (client_id,
                          pim_client_registration_response_get_client_secret (registered), &error);
  g_assert_no_error (error);
  g_assert_nonnull (pim_token_response_get_access_token (token));
  g_clear_object (&token);

  /* Read. */
  manage = pim_client_registration_request_new_for_client (registered);
  g_assert_cmpstr (pim_oauth_request_get_client_id (PIM_OAUTH_REQUEST (manage)), ==, client_id);
  g_assert_cmpstr (pim_client_registration_request_get_client_name (manage), ==,
                   "Pim registration test");
  read = run (READ, manage, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_client_registration_response_get_client_id (read), ==, client_id);
  g_assert_cmpstr (pim_client_registration_response_get_client_name (read), ==,
                   "Pim registration test");

  /* Update the name; read it back, with the token the update may have
   * rotated. */
  first_token = g_strdup (pim_client_registration_request_get_registration_access_token (manage));
  pim_client_registration_request_set_client_name (manage, "Pim renamed");
  updated = run (UPDATE, manage, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_client_registration_response_get_client_id (updated), ==, client_id);
  g_assert_cmpstr (pim_client_registration_response_get_client_name (updated), ==, "Pim renamed");
  if (pim_client_registration_response_get_registration_access_token (updated) != NULL)
    g_assert_cmpstr (pim_client_registration_request_get_registration_access_token (manage), ==,
                     pim_client_registration_response_get_registration_access_token (updated));
  reread = run (READ, manage, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_client_registration_response_get_client_name (reread), ==, "Pim renamed");
  /* The other metadata was sent back as registered. */
  g_clear_pointer (&client_uri, g_free);
  client_uri = pim_client_registration_response_dup_metadata_json (reread, "client_uri");
  g_assert_cmpstr (client_uri, ==, "\"https://app.example/\"");

  /* Delete; the registration and the client are gone. */
  g_assert_true (delete (manage, mode, &error));
  g_assert_no_error (error);
  gone = run (READ, manage, mode, &error);
  g_assert_null (gone);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_TOKEN);
  {
    g_autoptr (PimOAuthErrorResponse) gone_details =
        pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (manage));

    g_assert_cmpuint (pim_oauth_error_response_get_status (gone_details), ==, 401);
  }
  g_clear_error (&error);
  token =
      client_credentials (client_id,
                          pim_client_registration_response_get_client_secret (registered), &error);
  g_assert_null (token);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT);
}

static void
test_discovered (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimClientRegistrationRequest) request = service_request ();
  g_autoptr (PimClientRegistrationRequest) manage = NULL;
  g_autoptr (PimClientRegistrationResponse) registered = NULL;
  g_autoptr (GError) error = NULL;

  g_object_set (request, "address", NULL, "issuer", issuer (), NULL);
  registered = run (REGISTER, request, mode, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pim_client_registration_response_get_client_id (registered));
  manage = pim_client_registration_request_new_for_client (registered);
  g_assert_true (delete (manage, mode, &error));
  g_assert_no_error (error);
}

static void
test_invalid_metadata (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimClientRegistrationRequest) request = service_request ();
  g_autoptr (PimClientRegistrationResponse) registered = NULL;
  g_autoptr (GError) error = NULL;
  const char *const redirect_uris[] = { "not a uri", NULL };
  const char *const grant_types[] = { "authorization_code", NULL };
  const char *const response_types[] = { "code", NULL };
  g_autoptr (PimOAuthErrorResponse) details = NULL;

  g_object_set (request, "redirect-uris", redirect_uris, "grant-types", grant_types,
                "response-types", response_types, NULL);
  registered = run (REGISTER, request, mode, &error);
  g_assert_null (registered);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_REDIRECT_URI) ||
                 g_error_matches (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT_METADATA));
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  g_assert_nonnull (details);
  g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, 400);
  g_assert_cmpint (pim_oauth_error_from_string (pim_oauth_error_response_get_error (details)), ==,
                   error->code);
  g_clear_error (&error);

  /* An unknown authentication method is invalid metadata. */
  g_clear_object (&request);
  request = service_request ();
  pim_client_registration_request_set_token_endpoint_auth_method (request, "pim_no_such_method");
  registered = run (REGISTER, request, mode, &error);
  g_assert_null (registered);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_CLIENT_METADATA);
}

/* ---- Requests without the network ---- */

static void
test_request_json (void)
{
  g_autoptr (PimClientRegistrationRequest) request = pim_client_registration_request_new (NULL);
  const char *const redirect_uris[] = { "https://app.example/cb", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;

  pim_client_registration_request_set_redirect_uris (request, redirect_uris);
  pim_client_registration_request_set_backchannel_logout_session_required (request, TRUE);
  pim_client_registration_request_set_jwks (request, "{\"keys\":[]}");
  /* A property wins over metadata of the same name. */
  g_assert_true (pim_client_registration_request_set_metadata (request, "client_name",
                                                               "\"from metadata\"", &error));
  pim_client_registration_request_set_client_name (request, "from property");
  g_assert_true (
      pim_client_registration_request_set_metadata (request, "default_max_age", "600", &error));
  g_assert_true (
      pim_client_registration_request_set_metadata (request, "tos_uri", "\"https://x/\"", &error));
  g_assert_true (pim_client_registration_request_set_metadata (request, "tos_uri", NULL, &error));
  g_assert_no_error (error);
  json = pim_client_registration_request_to_json (request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==,
                   "{\"client_name\":\"from property\",\"default_max_age\":600,"
                   "\"redirect_uris\":[\"https://app.example/cb\"],\"jwks\":{\"keys\":[]},"
                   "\"backchannel_logout_session_required\":true}");

  g_assert_false (pim_client_registration_request_set_metadata (request, "x", "{nope", &error));
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  pim_client_registration_request_set_jwks (request, "[1]");
  g_clear_pointer (&json, g_free);
  json = pim_client_registration_request_to_json (request, &error);
  g_assert_null (json);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

static void
test_management_needs_token (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimClientRegistrationRequest) request =
      pim_client_registration_request_new ("http://127.0.0.1:9/reg");
  g_autoptr (PimClientRegistrationResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  response = run (READ, request, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  pim_client_registration_request_set_registration_client_uri (request, "http://127.0.0.1:9/reg/c");
  g_assert_false (delete (request, mode, &error));
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* A form parameter has no place in JSON. */
  pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (request), "foo", "bar");
  response = run (REGISTER, request, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT);
}

static void
test_response_parse (void)
{
  const struct
  {
    const char *json;
    gboolean    valid;
  } cases[] = {
    { "{\"client_id\":\"c\"}", TRUE },
    { "{\"client_id\":\"c\",\"client_secret\":\"s\",\"client_secret_expires_at\":0,"
      "\"client_id_issued_at\":1700000000,\"registration_access_token\":\"t\","
      "\"registration_client_uri\":\"https://op.example/reg/c\",\"redirect_uris\":[\"https://a/"
      "\"]}",
      TRUE },
    { "{}", FALSE },
    { "{\"client_id\":\"\"}", FALSE },
    { "{\"client_id\":7}", FALSE },
    { "{\"client_id\":null}", FALSE },
    { "[\"client_id\"]", FALSE },
    { "{\"client_id\":\"c\"} x", FALSE },
    { "{\"client_id\":\"c\",\"client_secret\":5}", FALSE },
    { "{\"client_id\":\"c\",\"client_secret\":\"\"}", FALSE },
    { "{\"client_id\":\"c\",\"client_secret_expires_at\":\"soon\"}", FALSE },
    { "{\"client_id\":\"c\",\"client_id_issued_at\":-1}", FALSE },
    { "{\"client_id\":\"c\",\"registration_access_token\":\"t\"}", FALSE },
    { "{\"client_id\":\"c\",\"registration_client_uri\":\"https://op/reg\"}", FALSE },
    { "{\"client_id\":\"c\",\"registration_access_token\":\"t\","
      "\"registration_client_uri\":\"javascript:alert(1)\"}",
      FALSE },
    { "{\"client_id\":\"c\",\"redirect_uris\":\"https://a/\"}", FALSE },
    { "{\"client_id\":\"c\",\"redirect_uris\":[1]}", FALSE },
    { "{\"client_id\":\"c\",\"grant_types\":{}}", FALSE },
    { "{\"client_id\":\"c\",\"jwks\":\"keys\"}", FALSE },
    { "{\"client_id\":\"c\",\"backchannel_logout_session_required\":\"yes\"}", FALSE },
    { "{\"client_id\":\"c\",\"client_name\":[]}", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimClientRegistrationResponse) response =
          pim_client_registration_response_new_from_json (cases[i].json, &error);

      if (cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (pim_client_registration_response_get_client_id (response), ==, "c");
        }
      else
        {
          g_assert_null (response);
          g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
        }
    }
}

/* Numbers a provider registered come back as JSON (json-glib 1.6 writes
 * 1e40 as "1e+40.0"): the jwks property, other metadata and
 * dup_metadata_json() all read again. */
static void
test_manage_numbers (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClientRegistrationResponse) registered =
      pim_client_registration_response_new_from_json (
          "{\"client_id\":\"c\",\"jwks\":{\"keys\":[],\"x\":1e40},"
          "\"default_max_age\":1E40,\"ratio\":0.1,\"zero\":-0.0}",
          &error);
  g_autoptr (PimClientRegistrationRequest) manage = NULL;
  g_autofree char *json = NULL;
  g_autofree char *max_age = NULL;

  g_assert_no_error (error);
  max_age = pim_client_registration_response_dup_metadata_json (registered, "default_max_age");
  g_assert_cmpstr (max_age, ==, "1e+40");
  manage = pim_client_registration_request_new_for_client (registered);
  json = pim_client_registration_request_to_json (manage, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==,
                   "{\"default_max_age\":1e+40,\"ratio\":0.1,\"zero\":-0.0,"
                   "\"jwks\":{\"keys\":[],\"x\":1e+40}}");
}

/* ---- Faults ---- */

static PimClientRegistrationResponse *
register_at (PimTestServer *server, PimTestMode mode, GError **error)
{
  g_autofree char *endpoint = pim_test_server_get_uri (server, "/register");
  g_autoptr (PimClientRegistrationRequest) request = pim_client_registration_request_new (endpoint);

  pim_client_registration_request_set_client_name (request, "x");
  return run (REGISTER, request, mode, error);
}

static void
test_fault_answers (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  const struct
  {
    guint       status;
    const char *type;
    const char *body;
    gboolean    valid;
  } cases[] = {
    { 201, "application/json", "{\"client_id\":\"c\",\"client_secret\":\"" SECRET_MARKER "\"}",
      TRUE },
    { 200, "application/json", "{\"client_id\":\"c\"}", TRUE },
    { 202, "application/json", "{\"client_id\":\"c\"}", FALSE },
    { 204, "application/json", "", FALSE },
    { 201, "application/json", "{\"client_secret\":\"" SECRET_MARKER "\"}", FALSE },
    { 201, "application/json", "{\"client_id\":42,\"client_secret\":\"" SECRET_MARKER "\"}",
      FALSE },
    { 201, "application/json",
      "{\"client_id\":\"c\",\"client_secret\":\"" SECRET_MARKER
      "\",\"registration_access_token\":\"" SECRET_MARKER "\"}",
      FALSE },
    { 201, "text/html", "<html>" SECRET_MARKER "</html>", FALSE },
    { 201, "application/json", "{\"client_id\":\"c\"", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimClientRegistrationResponse) response = NULL;

      pim_test_server_set_document (server, "/register", cases[i].status, cases[i].type,
                                    cases[i].body);
      response = register_at (server, mode, &error);
      if (cases[i].valid)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (pim_client_registration_response_get_client_id (response), ==, "c");
          continue;
        }
      g_assert_null (response);
      g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE);
      g_assert_null (strstr (error->message, SECRET_MARKER));
    }
}

static void
test_fault_refusal (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autofree char *endpoint = pim_test_server_get_uri (server, "/register");
  g_autoptr (PimClientRegistrationRequest) request = pim_client_registration_request_new (endpoint);
  g_autoptr (PimClientRegistrationResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;

  pim_test_server_set_document (server, "/register", 400, "application/json",
                                "{\"error\":\"invalid_software_statement\","
                                "\"error_description\":\"The statement is expired\"}");
  pim_client_registration_request_set_software_statement (request, "a.b.c");
  response = run (REGISTER, request, mode, &error);
  g_assert_null (response);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_SOFTWARE_STATEMENT);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  g_assert_cmpstr (pim_oauth_error_response_get_error (details), ==, "invalid_software_statement");
  g_assert_cmpstr (pim_oauth_error_response_get_error_description (details), ==,
                   "The statement is expired");
  g_assert_cmpuint (pim_oauth_error_response_get_status (details), ==, 400);
}

int
main (int argc, char **argv)
{
  const struct
  {
    const char   *name;
    GTestDataFunc func;
  } tests[] = {
    { "provider/lifecycle", test_lifecycle },
    { "provider/discovered", test_discovered },
    { "provider/invalid-metadata", test_invalid_metadata },
    { "management-needs-token", test_management_needs_token },
    { "faults/answers", test_fault_answers },
    { "faults/refusal", test_fault_refusal },
  };

  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (tests); i++)
    pim_test_add_both ("/oauth-registration", tests[i].name, tests[i].func);
  g_test_add_func ("/oauth-registration/request-json", test_request_json);
  g_test_add_func ("/oauth-registration/response-parse", test_response_parse);
  g_test_add_func ("/oauth-registration/manage-numbers", test_manage_numbers);
  return g_test_run ();
}
