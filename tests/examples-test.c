/* examples-test.c: the examples the README shows, run against the real
 * local provider, as a user would run them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>

#include "pim-test-login.h"
#include "pim-test-provider.h"
#include "pim-test-server.h"

static char *
discovery_uri (void)
{
  return g_strconcat (pim_test_provider_get_issuer (pim_test_provider_get_shared ()),
                      "/.well-known/openid-configuration", NULL);
}

/* Runs argv; returns stdout, asserting a zero exit. */
static char *
run (const char *const *argv, const char *typelib_dir)
{
  g_autoptr (GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  char            *out = NULL;
  g_autofree char *err = NULL;

  if (typelib_dir != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "GI_TYPELIB_PATH", typelib_dir, TRUE);
      g_subprocess_launcher_setenv (launcher, "LD_LIBRARY_PATH", typelib_dir, TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

static void
assert_is_discovery (const char *out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (out, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "issuer"), ==,
                   pim_test_provider_get_issuer (pim_test_provider_get_shared ()));
}

static void
test_c_example (void)
{
  g_autofree char *uri = discovery_uri ();
  const char      *argv[] = { PIM_EXAMPLE_HTTP_CLIENT, uri, NULL };
  g_autofree char *out = run (argv, NULL);

  assert_is_discovery (out);
}

static void
test_python_example (void)
{
#ifdef PIM_TYPELIB_DIR
  g_autofree char *uri = discovery_uri ();
  const char      *argv[] = { "/usr/bin/python3", PIM_EXAMPLE_HTTP_CLIENT_PY, uri, NULL };
  g_autofree char *out = run (argv, PIM_TYPELIB_DIR);

  assert_is_discovery (out);
#else
  g_test_skip ("built without introspection");
#endif
}

static void
test_vala_example (void)
{
#ifdef PIM_EXAMPLE_HTTP_CLIENT_VALA
  g_autofree char *uri = discovery_uri ();
  const char      *argv[] = { PIM_EXAMPLE_HTTP_CLIENT_VALA, uri, NULL };
  g_autofree char *out = run (argv, NULL);

  assert_is_discovery (out);
#else
  g_test_skip ("built without the vapi");
#endif
}

/* Runs argv; returns its exit status, and its standard output. Its
 * standard error goes to the test log. */
static int
run_status (const char *const *argv, char **out)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;

  process =
      g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                         &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, &err, &error);
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("%s %s: %s", argv[0], argv[1], err);
  return g_subprocess_get_exit_status (process);
}

static void
test_tool_discover_and_jwks (void)
{
  const char      *issuer = pim_test_provider_get_issuer (pim_test_provider_get_shared ());
  g_autofree char *slashed = g_strconcat (issuer, "/", NULL);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  const char *discover[] = { PIM_TOOL, "discover", issuer, NULL };
  const char *jwks[] = { PIM_TOOL, "jwks", issuer, NULL };
  const char *mismatch[] = { PIM_TOOL, "discover", slashed, NULL };
  const char *insecure[] = { PIM_TOOL, "discover", "http://op.example", NULL };
  const char *unreachable[] = { PIM_TOOL, "discover", "http://127.0.0.1:1", NULL };
  const char *usage[] = { PIM_TOOL, "jwks", NULL };

  g_assert_cmpint (run_status (discover, &out), ==, 0);
  assert_is_discovery (out);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_status (jwks, &out), ==, 0);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (json_node_get_object (node), "keys")),
                    >=, 4);
  g_clear_pointer (&out, g_free);

  /* One exit status per error class. */
  g_assert_cmpint (run_status (mismatch, &out), ==, 4);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_status (insecure, &out), ==, 4);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_status (unreachable, &out), ==, 3);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_status (usage, &out), ==, 2);
}

/* A client-credentials JWT access token from the local provider. */
static char *
provider_token (void)
{
  const char      *issuer = pim_test_provider_get_issuer (pim_test_provider_get_shared ());
  g_autofree char *uri = g_strconcat (issuer, "/token", NULL);
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", uri);
  const char *form = "grant_type=client_credentials&resource=urn%3Apim%3Atest%3Aapi";
  g_autoptr (GBytes) body = g_bytes_new_static (form, strlen (form));
  g_autoptr (GBytes) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                               "Basic cGltLWJhc2ljOnBpbS1iYXNpYy1zZWNyZXQ=");
  response = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  node = json_from_string (g_bytes_get_data (response, NULL), &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "access_token"));
}

static void
test_tool_validate (void)
{
  const char      *issuer = pim_test_provider_get_issuer (pim_test_provider_get_shared ());
  g_autofree char *token = provider_token ();
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  const char *valid[] = { PIM_TOOL,           "validate", "--issuer", issuer, "--audience",
                          "urn:pim:test:api", "--type",   "at+jwt",   token,  NULL };
  const char *other_audience[] = { PIM_TOOL,     "validate",  "--issuer", issuer,
                                   "--audience", "urn:other", token,      NULL };
  const char *garbage[] = { PIM_TOOL,     "validate",         "--issuer",    issuer,
                            "--audience", "urn:pim:test:api", "not.a.token", NULL };

  g_assert_cmpint (run_status (valid, &out), ==, 0);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "iss"), ==, issuer);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_status (other_audience, &out), ==, 6);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_status (garbage, &out), ==, 5);
}

static void
test_tool_fetch (void)
{
  g_autofree char *uri = discovery_uri ();
  const char      *argv[] = { PIM_TOOL, "fetch", uri, NULL };
  g_autofree char *out = run (argv, NULL);

  assert_is_discovery (out);
}

/* ---- pim-tool's OAuth commands ---- */

#define TOKEN_TYPE_URI(name) "urn:ietf:params:oauth:token-type:" name

static const char *
shared_issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

/* A launcher for pim-tool: all three standard streams piped, messages
 * untranslated, and PIM_CLIENT_SECRET set to @secret (NULL: unset). */
static GSubprocessLauncher *
tool_launcher (const char *secret)
{
  GSubprocessLauncher *launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                 G_SUBPROCESS_FLAGS_STDERR_PIPE);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (secret != NULL)
    g_subprocess_launcher_setenv (launcher, "PIM_CLIENT_SECRET", secret, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "PIM_CLIENT_SECRET");
  return launcher;
}

/* Runs pim-tool with @argv (after the program), @input on its standard
 * input and PIM_CLIENT_SECRET = @secret; returns its exit status, with its
 * standard output and error. */
static int
run_tool (const char *const *argv, const char *input, const char *secret, char **out, char **err)
{
  g_autoptr (GSubprocessLauncher) launcher = tool_launcher (secret);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  g_ptr_array_add (args, (gpointer) PIM_TOOL);
  for (gsize i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL, out, err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process))
    g_error ("pim-tool %s died of signal %d: %s", argv[0], g_subprocess_get_term_sig (process),
             *err);
  return g_subprocess_get_exit_status (process);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* Runs a command that must succeed and print a JSON object. */
static JsonObject *
tool_json (const char *const *argv, const char *input, const char *secret)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int              status = run_tool (argv, input, secret, &out, &err);

  if (status != 0)
    g_error ("pim-tool %s exited with %d: %s", argv[0], status, err);
  g_assert_cmpstr (err, ==, "");
  return parse_object (out);
}

/* An access token from `pim-tool token` (client credentials). */
static char *
tool_token (const char *client_id, const char *secret, const char *resource)
{
  const char *argv[] = { "token",   "--issuer",   shared_issuer (), "--client-id",
                         client_id, "--resource", resource,         NULL };
  g_autoptr (JsonObject) json = tool_json (argv, NULL, secret);

  return g_strdup (json_object_get_string_member (json, "access_token"));
}

/* The claims of a JWT access token for @resource, through `pim-tool
 * validate`. */
static JsonObject *
validated_claims (const char *token, const char *resource)
{
  const char *argv[] = { "validate",   "--issuer", shared_issuer (),
                         "--audience", resource,   "--type",
                         "at+jwt",     "-",        NULL };

  return tool_json (argv, token, NULL);
}

static void
test_tool_token_basic (void)
{
  const char      *opaque[] = { "token",
                                "--issuer",
                                shared_issuer (),
                                "--client-id",
                                PIM_TEST_CLIENT_BASIC_ID,
                                "--resource",
                                PIM_TEST_RESOURCE_OPAQUE,
                                "--scope",
                                PIM_TEST_SCOPE_API_READ,
                                NULL };
  g_autofree char *endpoint = g_strconcat (shared_issuer (), "/token", NULL);
  const char      *post[] = { "token",
                              "--endpoint",
                              endpoint,
                              "--client-id",
                              PIM_TEST_CLIENT_POST_ID,
                              "--client-secret-file",
                              "-",
                              "--auth-method",
                              "post",
                              "--scope",
                              PIM_TEST_SCOPE_API_READ " " PIM_TEST_SCOPE_API_WRITE,
                              NULL };
  g_autoptr (JsonObject) json = NULL;
  g_autoptr (JsonObject) claims = NULL;

  /* client_secret_basic, the secret from the environment */
  json = tool_json (opaque, NULL, PIM_TEST_CLIENT_BASIC_SECRET);
  g_assert_cmpstr (json_object_get_string_member (json, "token_type"), ==, "Bearer");
  g_assert_cmpstr (json_object_get_string_member (json, "scope"), ==, PIM_TEST_SCOPE_API_READ);
  g_assert_cmpint (json_object_get_int_member (json, "expires_in"), ==, 3600);
  g_assert_cmpuint (strlen (json_object_get_string_member (json, "access_token")), >, 20);
  g_clear_pointer (&json, json_object_unref);

  /* client_secret_post at an explicit endpoint, the secret from standard
   * input; the default resource gives a JWT access token */
  json = tool_json (post, PIM_TEST_CLIENT_POST_SECRET "\n", NULL);
  g_assert_cmpstr (json_object_get_string_member (json, "scope"), ==,
                   PIM_TEST_SCOPE_API_READ " " PIM_TEST_SCOPE_API_WRITE);
  claims = validated_claims (json_object_get_string_member (json, "access_token"),
                             PIM_TEST_RESOURCE_JWT);
  g_assert_cmpstr (json_object_get_string_member (claims, "client_id"), ==,
                   PIM_TEST_CLIENT_POST_ID);
}

/* The RFC 7638 thumbprint of the EC public key in @jwk, computed here. */
static char *
ec_thumbprint (JsonObject *jwk)
{
  g_autofree char *canonical =
      g_strdup_printf ("{\"crv\":\"%s\",\"kty\":\"EC\",\"x\":\"%s\",\"y\":\"%s\"}",
                       json_object_get_string_member (jwk, "crv"),
                       json_object_get_string_member (jwk, "x"),
                       json_object_get_string_member (jwk, "y"));
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize  len = sizeof digest;
  char  *text;

  g_checksum_update (checksum, (const guchar *) canonical, -1);
  g_checksum_get_digest (checksum, digest, &len);
  text = g_base64_encode (digest, len);
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  *strchr (text, '=') = '\0';
  return text;
}

/* `token --dpop FILE`: an ES256 key made and saved (0600) on the first run,
 * reused on the next, and DPoP-bound tokens (cnf.jkt) from a client that
 * requires them. */
static void
test_tool_token_dpop (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pim-tool-dpop-XXXXXX", &error);
  g_autofree char *key_file = g_build_filename (dir, "dpop.jwk", NULL);
  const char      *argv[] = {
         "token",  "--issuer", shared_issuer (), "--client-id", PIM_TEST_CLIENT_DPOP_ID, "--dpop",
         key_file, NULL
  };
  const char *no_dpop[] = {
    "token", "--issuer", shared_issuer (), "--client-id", PIM_TEST_CLIENT_DPOP_ID, NULL
  };
  g_autoptr (JsonObject) json = NULL;
  g_autoptr (JsonObject) claims = NULL;
  g_autoptr (JsonObject) key = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  g_autofree char *thumbprint = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GStatBuf         st;

  g_assert_no_error (error);
  json = tool_json (argv, NULL, PIM_TEST_CLIENT_DPOP_SECRET);
  g_assert_cmpstr (json_object_get_string_member (json, "token_type"), ==, "DPoP");
  g_assert_cmpint (g_stat (key_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (key_file, &saved, NULL, &error));
  g_assert_no_error (error);
  key = parse_object (saved);
  g_assert_cmpstr (json_object_get_string_member (key, "alg"), ==, "ES256");
  g_assert_true (json_object_has_member (key, "d"));
  thumbprint = ec_thumbprint (key);
  claims = validated_claims (json_object_get_string_member (json, "access_token"),
                             PIM_TEST_RESOURCE_JWT);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (claims, "cnf"),
                                                  "jkt"),
                   ==, thumbprint);
  g_clear_pointer (&json, json_object_unref);
  g_clear_pointer (&claims, json_object_unref);

  /* The second run reuses the key. */
  json = tool_json (argv, NULL, PIM_TEST_CLIENT_DPOP_SECRET);
  g_assert_true (g_file_get_contents (key_file, &saved_again, NULL, &error));
  g_assert_cmpstr (saved_again, ==, saved);
  claims = validated_claims (json_object_get_string_member (json, "access_token"),
                             PIM_TEST_RESOURCE_JWT);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (claims, "cnf"),
                                                  "jkt"),
                   ==, thumbprint);

  /* This client gets nothing without a proof. */
  g_assert_cmpint (run_tool (no_dpop, NULL, PIM_TEST_CLIENT_DPOP_SECRET, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "invalid_grant"));

  g_assert_cmpint (g_unlink (key_file), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_tool_token_private_key_jwt (void)
{
  g_autofree char *key = pim_test_provider_dup_jwt_key_path ();
  const char      *automatic[] = { "token",
                                   "--issuer",
                                   shared_issuer (),
                                   "--client-id",
                                   PIM_TEST_CLIENT_JWT_ID,
                                   "--client-key-file",
                                   key,
                                   NULL };
  const char *explicit[] = { "token",
                             "--issuer",
                             shared_issuer (),
                             "--client-id",
                             PIM_TEST_CLIENT_JWT_ID,
                             "--client-key-file",
                             key,
                             "--auth-method",
                             "private-key-jwt",
                             "--resource",
                             PIM_TEST_RESOURCE_JWT_ES256,
                             NULL };
  const char      *no_key[] = { "token",
                                "--issuer",
                                shared_issuer (),
                                "--client-id",
                                PIM_TEST_CLIENT_JWT_ID,
                                "--auth-method",
                                "private-key-jwt",
                                NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonObject) json = NULL;
  g_autoptr (JsonObject) claims = NULL;

  /* auto: a key means private_key_jwt */
  json = tool_json (automatic, NULL, NULL);
  claims = validated_claims (json_object_get_string_member (json, "access_token"),
                             PIM_TEST_RESOURCE_JWT);
  g_assert_cmpstr (json_object_get_string_member (claims, "client_id"), ==, PIM_TEST_CLIENT_JWT_ID);
  g_clear_pointer (&json, json_object_unref);
  g_clear_pointer (&claims, json_object_unref);

  json = tool_json (explicit, NULL, NULL);
  claims = validated_claims (json_object_get_string_member (json, "access_token"),
                             PIM_TEST_RESOURCE_JWT_ES256);
  g_assert_cmpstr (json_object_get_string_member (claims, "sub"), ==, PIM_TEST_CLIENT_JWT_ID);

  /* private_key_jwt without a key cannot be sent */
  g_assert_cmpint (run_tool (no_key, NULL, NULL, &out, &err), ==, 7);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "pim-tool token: "));
}

static void
test_tool_token_exchange (void)
{
  g_autofree char *subject = tool_token (PIM_TEST_CLIENT_EXCHANGE_ID,
                                         PIM_TEST_CLIENT_EXCHANGE_SECRET, PIM_TEST_RESOURCE_OPAQUE);
  g_autofree char *actor =
      tool_token (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET, PIM_TEST_RESOURCE_OPAQUE);
  g_autofree char *actor_file = NULL;
  g_autoptr (GError) error = NULL;
  int              fd = g_file_open_tmp ("pim-tool-actor-XXXXXX", &actor_file, &error);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonObject) json = NULL;
  JsonObject *received;

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (actor_file, actor, -1, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { "token",
                           "--grant",
                           "exchange",
                           "--issuer",
                           shared_issuer (),
                           "--client-id",
                           PIM_TEST_CLIENT_EXCHANGE_ID,
                           "--subject-token-file",
                           "-",
                           "--subject-token-type",
                           "access_token",
                           "--actor-token-file",
                           actor_file,
                           "--actor-token-type",
                           TOKEN_TYPE_URI ("access_token"),
                           "--requested-token-type",
                           "jwt",
                           "--audience",
                           "urn:pim:test:a",
                           "--audience",
                           "urn:pim:test:b",
                           "--scope",
                           PIM_TEST_SCOPE_API_READ,
                           NULL };

    json = tool_json (argv, subject, PIM_TEST_CLIENT_EXCHANGE_SECRET);
  }
  g_assert_cmpstr (json_object_get_string_member (json, "issued_token_type"), ==,
                   TOKEN_TYPE_URI ("jwt"));
  g_assert_cmpstr (json_object_get_string_member (json, "token_type"), ==, "N_A");
  received = json_object_get_object_member (json, "pim_received");
  g_assert_nonnull (received);
  /* short names were sent as their URIs */
  g_assert_cmpstr (json_object_get_string_member (received, "subject_token_type"), ==,
                   TOKEN_TYPE_URI ("access_token"));
  g_assert_cmpstr (json_object_get_string_member (received, "actor_token_type"), ==,
                   TOKEN_TYPE_URI ("access_token"));
  g_assert_cmpstr (json_object_get_string_member (received, "requested_token_type"), ==,
                   TOKEN_TYPE_URI ("jwt"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (received, "audience")), ==,
                    2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (received,
                                                                                "audience"),
                                                  1),
                   ==, "urn:pim:test:b");

  /* A refused exchange: exit 7, the error and status on stderr */
  {
    const char *argv[] = { "token",
                           "--grant",
                           "exchange",
                           "--issuer",
                           shared_issuer (),
                           "--client-id",
                           PIM_TEST_CLIENT_EXCHANGE_ID,
                           "--subject-token-file",
                           "-",
                           "--subject-token-type",
                           "access_token",
                           "--audience",
                           "urn:pim:test:forbidden",
                           NULL };

    g_assert_cmpint (run_tool (argv, subject, PIM_TEST_CLIENT_EXCHANGE_SECRET, &out, &err), ==, 7);
  }
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "invalid_target"));
  g_assert_nonnull (strstr (err, "HTTP status 400 from "));
  g_assert_null (strstr (err, subject));
  g_unlink (actor_file);
}

/* Introspection (pim-introspect may look at pim-basic's tokens), then
 * revocation, then introspection again. */
static void
test_tool_introspect_and_revoke (void)
{
  g_autofree char *token =
      tool_token (PIM_TEST_CLIENT_BASIC_ID, PIM_TEST_CLIENT_BASIC_SECRET, PIM_TEST_RESOURCE_OPAQUE);
  const char *introspect[] = { "introspect",
                               "--issuer",
                               shared_issuer (),
                               "--client-id",
                               PIM_TEST_CLIENT_INTROSPECT_ID,
                               "--hint",
                               "access_token",
                               "--", /* the token may start with "-" */
                               token,
                               NULL };
  const char *revoke[] = {
    "revoke", "--issuer", shared_issuer (), "--client-id", PIM_TEST_CLIENT_INTROSPECT_ID, "-", NULL
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonObject) json = NULL;

  json = tool_json (introspect, NULL, PIM_TEST_CLIENT_INTROSPECT_SECRET);
  g_assert_true (json_object_get_boolean_member (json, "active"));
  g_assert_cmpstr (json_object_get_string_member (json, "client_id"), ==, PIM_TEST_CLIENT_BASIC_ID);
  g_assert_cmpstr (json_object_get_string_member (json, "aud"), ==, PIM_TEST_RESOURCE_OPAQUE);
  g_assert_cmpstr (json_object_get_string_member (json, "iss"), ==, shared_issuer ());
  g_clear_pointer (&json, json_object_unref);

  /* the token from standard input, surrounded by white space */
  {
    g_autofree char *input = g_strdup_printf ("  %s\n\n", token);

    g_assert_cmpint (run_tool (revoke, input, PIM_TEST_CLIENT_INTROSPECT_SECRET, &out, &err), ==,
                     0);
  }
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");

  json = tool_json (introspect, NULL, PIM_TEST_CLIENT_INTROSPECT_SECRET);
  g_assert_false (json_object_get_boolean_member (json, "active"));
  g_assert_cmpuint (json_object_get_size (json), ==, 1);
}

static void
test_tool_userinfo_refused (void)
{
  const char *argv[] = { "userinfo", "--issuer", shared_issuer (), "not-a-token-0123456789", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_tool (argv, NULL, NULL, &out, &err), ==, 7);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "pim-tool userinfo: "));
  g_assert_nonnull (strstr (err, "invalid_token"));
  g_assert_nonnull (strstr (err, "HTTP status 401 from "));
  g_assert_null (strstr (err, "not-a-token-0123456789"));
}

/* After "--", an argument that starts with "-" is the token, as a base64url
 * token may be; without it, an unknown option (a usage error). */
static void
test_tool_dash_token (void)
{
  const char *ended[] = { "userinfo", "--issuer", shared_issuer (), "--", "-not-a-token-42", NULL };
  const char *option[] = { "userinfo", "--issuer", shared_issuer (), "-not-a-token-42", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_tool (ended, NULL, NULL, &out, &err), ==, 7);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "invalid_token"));
  g_assert_null (strstr (err, "-not-a-token-42"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (option, NULL, NULL, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "Unknown option"));
}

/* A signed UserInfo answer (pim-userinfo-jwt) is validated, and its claims
 * printed: they have the JWT's iss and aud. */
static void
test_tool_userinfo_signed (void)
{
  const char      *redirect = "http://127.0.0.1:45678" PIM_TEST_REDIRECT_PATH;
  g_autofree char *url =
      pim_test_login_authorize_url (shared_issuer (), "client_id", PIM_TEST_CLIENT_USERINFO_JWT_ID,
                                    "response_type", "code", "scope", "openid email",
                                    "redirect_uri", redirect, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *code = pim_test_login_get_code (shared_issuer (), url, &error);
  g_autoptr (JsonObject) tokens = NULL;
  g_autoptr (JsonObject) claims = NULL;
  const char *argv[] = {
    "userinfo", "--issuer", shared_issuer (), "--client-id", PIM_TEST_CLIENT_USERINFO_JWT_ID,
    "-",        NULL
  };
  const char      *no_client[] = { "userinfo", "--issuer", shared_issuer (), "-", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_no_error (error);
  tokens =
      pim_test_exchange_code (shared_issuer (), PIM_TEST_CLIENT_USERINFO_JWT_ID,
                              PIM_TEST_CLIENT_USERINFO_JWT_SECRET, code, redirect, NULL, &error);
  g_assert_no_error (error);
  claims = tool_json (argv, json_object_get_string_member (tokens, "access_token"), NULL);
  g_assert_cmpstr (json_object_get_string_member (claims, "sub"), ==, PIM_TEST_LOGIN_DEFAULT_USER);
  g_assert_cmpstr (json_object_get_string_member (claims, "iss"), ==, shared_issuer ());
  g_assert_cmpstr (json_object_get_string_member (claims, "aud"), ==,
                   PIM_TEST_CLIENT_USERINFO_JWT_ID);

  /* Without the client's id there is no audience to check it against */
  g_assert_cmpint (run_tool (no_client, json_object_get_string_member (tokens, "access_token"),
                             NULL, &out, &err),
                   ==, 7);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "pim-tool userinfo: "));
}

/* What the provider said beyond the error code — the HTTP status and the
 * error_uri — goes to stderr, made safe for a terminal. */
static void
test_tool_error_details (void)
{
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  g_autofree char *endpoint = pim_test_server_get_uri (server, "/token");
  const char      *argv[] = { "token", "--endpoint", endpoint, "--client-id", "c", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = g_strconcat ("HTTP status 400 from ", endpoint, NULL);

  pim_test_server_set_document (server, "/token", 400, "application/json",
                                "{\"error\": \"invalid_grant\", \"error_description\": \"no "
                                "grant\", \"error_uri\": "
                                "\"https://errors.example/grant\\u001b[2J\"}");
  g_assert_cmpint (run_tool (argv, NULL, "client-secret-7d2e", &out, &err), ==, 7);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "invalid_grant (no grant)"));
  g_assert_nonnull (strstr (err, expected));
  g_assert_nonnull (strstr (err, "more about the error: https://errors.example/grant?[2J\n"));
  g_assert_null (strchr (err, '\033'));
  g_assert_null (strstr (err, "client-secret-7d2e"));
}

/* --allow-http lifts the HTTPS requirement of the request and of
 * discovery: without it, a plain-HTTP endpoint off the loopback interface
 * is refused before any connection; with it, the tool tries to connect
 * (to a TEST-NET address where nothing answers). */
static void
test_tool_allow_http (void)
{
  const char *endpoint[] = { "token",       "--endpoint", "http://192.0.2.1/token",
                             "--client-id", "c",          "--timeout",
                             "1",           NULL };
  const char *endpoint_allowed[] = {
    "token",     "--endpoint", "http://192.0.2.1/token", "--client-id", "c",
    "--timeout", "1",          "--allow-http",           NULL
  };
  const char *issuer[] = { "introspect",  "--issuer", "http://192.0.2.1",
                           "--client-id", "c",        "--timeout",
                           "1",           "t",        NULL };
  const char *issuer_allowed[] = {
    "introspect", "--issuer", "http://192.0.2.1", "--client-id", "c",
    "--timeout",  "1",        "--allow-http",     "t",           NULL
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_tool (endpoint, NULL, "s", &out, &err), ==, 3);
  g_assert_nonnull (strstr (err, "HTTPS is required"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (endpoint_allowed, NULL, "s", &out, &err), ==, 3);
  g_assert_null (strstr (err, "HTTPS"));
  g_assert_nonnull (strstr (err, "192.0.2.1"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_tool (issuer, NULL, "s", &out, &err), ==, 4);
  g_assert_nonnull (strstr (err, "requires HTTPS"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (issuer_allowed, NULL, "s", &out, &err), ==, 3);
  g_assert_null (strstr (err, "HTTPS"));
}

/* Starts `pim-tool device` and reads, from its standard error, where to
 * go and the user code. */
static GSubprocess *
start_device (GDataInputStream **err_stream, char **uri, char **code)
{
  g_autoptr (GSubprocessLauncher) launcher = tool_launcher (NULL);
  g_autoptr (GRegex) regex =
      g_regex_new ("open (\\S+) in a browser and enter the code (\\S+)$", 0, 0, NULL);
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  process = g_subprocess_launcher_spawn (launcher, &error, PIM_TOOL, "device", "--issuer",
                                         shared_issuer (), "--client-id", PIM_TEST_CLIENT_DEVICE_ID,
                                         "--scope", "openid email offline_access", "--interval",
                                         "0.2", NULL);
  g_assert_no_error (error);
  *err_stream = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  for (;;)
    {
      g_autoptr (GMatchInfo) match = NULL;
      g_autofree char *line = g_data_input_stream_read_line_utf8 (*err_stream, NULL, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        g_error ("pim-tool device ended without showing a code");
      if (g_regex_match (regex, line, 0, &match))
        {
          *uri = g_match_info_fetch (match, 1);
          *code = g_match_info_fetch (match, 2);
          return process;
        }
    }
}

static void
test_tool_device (void)
{
  g_autoptr (GDataInputStream) err_stream = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *code = NULL;
  g_autoptr (GSubprocess) process = start_device (&err_stream, &uri, &code);
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (shared_issuer (), NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonObject) tokens = NULL;
  g_autoptr (JsonObject) refreshed = NULL;
  g_autoptr (JsonObject) info = NULL;
  g_autofree char *device_uri = g_strconcat (shared_issuer (), "/device", NULL);

  g_assert_cmpstr (uri, ==, device_uri);
  g_assert_true (pim_test_browser_verify_device (browser, uri, code, &error));
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  tokens = parse_object (out);
  g_assert_cmpstr (json_object_get_string_member (tokens, "token_type"), ==, "Bearer");
  g_assert_true (json_object_has_member (tokens, "access_token"));
  g_assert_true (json_object_has_member (tokens, "id_token"));
  g_assert_true (json_object_has_member (tokens, "refresh_token"));
  g_assert_nonnull (strstr (json_object_get_string_member (tokens, "scope"), "openid"));
  /* nothing but the instructions on stderr: no token, no device code */
  g_assert_null (strstr (err, json_object_get_string_member (tokens, "access_token")));

  /* The access token is good for UserInfo… */
  {
    const char *argv[] = {
      "userinfo", "--issuer", shared_issuer (), "--expected-subject", PIM_TEST_LOGIN_DEFAULT_USER,
      "-",        NULL
    };

    info = tool_json (argv, json_object_get_string_member (tokens, "access_token"), NULL);
  }
  g_assert_cmpstr (json_object_get_string_member (info, "sub"), ==, PIM_TEST_LOGIN_DEFAULT_USER);
  g_assert_cmpstr (json_object_get_string_member (info, "email"), ==,
                   PIM_TEST_LOGIN_DEFAULT_USER "@example.test");
  /* …for its own user only */
  {
    const char *argv[] = {
      "userinfo", "--issuer", shared_issuer (), "--post", "--expected-subject", "somebody-else",
      "-",        NULL
    };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_tool (argv, json_object_get_string_member (tokens, "access_token"), NULL,
                               &out, &err),
                     ==, 7);
    g_assert_cmpstr (out, ==, "");
    g_assert_nonnull (strstr (err, "pim-tool userinfo: "));
  }

  /* and the refresh token gets new tokens (a public client: no secret) */
  {
    const char *argv[] = { "token",
                           "--grant",
                           "refresh",
                           "--issuer",
                           shared_issuer (),
                           "--client-id",
                           PIM_TEST_CLIENT_DEVICE_ID,
                           "--refresh-token-file",
                           "-",
                           NULL };

    refreshed = tool_json (argv, json_object_get_string_member (tokens, "refresh_token"), NULL);
  }
  g_assert_cmpstr (json_object_get_string_member (refreshed, "token_type"), ==, "Bearer");
  g_assert_cmpstr (json_object_get_string_member (refreshed, "access_token"), !=,
                   json_object_get_string_member (tokens, "access_token"));
}

/* Ctrl-C while waiting for the user ends the command with 130. */
static void
test_tool_device_interrupt (void)
{
  g_autoptr (GDataInputStream) err_stream = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *code = NULL;
  g_autoptr (GSubprocess) process = start_device (&err_stream, &uri, &code);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;

  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);
  g_assert_cmpstr (out, ==, "");
}

static void
test_tool_usage (void)
{
  const char *const issuer = shared_issuer ();
  const struct
  {
    const char *argv[12];
    const char *message; /* part of stderr, or NULL */
  } cases[] = {
    { { "token", "--client-id", "x", NULL }, "--issuer" },
    { { "token", "--issuer", issuer, NULL }, "--client-id" },
    { { "token", "--issuer", issuer, "--client-id", "x", "--grant", "implicit", NULL },
      "client-credentials, refresh or exchange" },
    { { "token", "--issuer", issuer, "--client-id", "x", "--grant", "refresh", NULL },
      "--refresh-token-file" },
    { { "token", "--issuer", issuer, "--client-id", "x", "--grant", "exchange",
        "--subject-token-file", "-", NULL },
      "--subject-token-type" },
    { { "token", "--issuer", issuer, "--client-id", "x", "--grant", "exchange",
        "--subject-token-file", "-", "--subject-token-type", "bogus", NULL },
      "Unknown token type" },
    { { "token", "--issuer", issuer, "--client-id", "x", "--subject-token-type", "jwt", NULL },
      "exchange grant only" },
    { { "token", "--issuer", issuer, "--client-id", "x", "--auth-method", "magic", NULL },
      "magic" },
    { { "token", "--issuer", issuer, "--client-id", "x", "--no-such-option", NULL },
      "no-such-option" },
    { { "token", "--issuer", issuer, "--client-id", "x", "extra", NULL }, "Usage:" },
    { { "introspect", "--issuer", issuer, "--client-id", "x", NULL }, "Usage:" },
    { { "revoke", "--issuer", issuer, "--client-id", "x", "--client-secret-file", "-", "-", NULL },
      "standard input" },
    { { "userinfo", "--issuer", issuer, "--client-secret-file", "f", "t", NULL },
      "client-secret-file" },
    { { "device", "--issuer", issuer, "--client-id", "x", "--interval", "-3", NULL }, "interval" },
    { { "nonsense", NULL }, "Commands:" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].argv[0]);
      /* No input: the tool exits before reading any, and writing to its
       * closed standard input would fail the test with EPIPE now and then. */
      g_assert_cmpint (run_tool (cases[i].argv, NULL, "secret", &out, &err), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, cases[i].message));
    }
}

/* A wrong secret: exit 7, the provider's error and status, and never the
 * secret. */
static void
test_tool_refused (void)
{
  const char *secret = "wrong-secret-5f3a9c";
  const char *from_env[] = {
    "token", "--issuer", shared_issuer (), "--client-id", PIM_TEST_CLIENT_BASIC_ID, NULL
  };
  const char      *from_stdin[] = { "introspect",
                                    "--issuer",
                                    shared_issuer (),
                                    "--client-id",
                                    PIM_TEST_CLIENT_INTROSPECT_ID,
                                    "--client-secret-file",
                                    "-",
                                    "some-token",
                                    NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_tool (from_env, NULL, secret, &out, &err), ==, 7);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "pim-tool token: "));
  g_assert_nonnull (strstr (err, "invalid_client"));
  g_assert_nonnull (strstr (err, "HTTP status 401 from "));
  g_assert_null (strstr (err, secret));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_tool (from_stdin, secret, NULL, &out, &err), ==, 7);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "invalid_client"));
  g_assert_null (strstr (err, secret));
  g_assert_null (strstr (err, "some-token"));
}

static void
test_tool_help (void)
{
  const struct
  {
    const char *command;
    const char *options[4];
  } cases[] = {
    { "fetch", { "--ca-file", "--timeout", NULL } },
    { "discover", { "--allow-http", NULL } },
    { "jwks", { "--ca-file", NULL } },
    { "validate", { "--issuer", "--audience", "--type", NULL } },
    { "token", { "--grant", "--subject-token-type", "--client-secret-file", NULL } },
    { "introspect", { "--hint", "--client-key-file", "--auth-method", NULL } },
    { "revoke", { "--hint", "--client-id", "--endpoint", NULL } },
    { "userinfo", { "--post", "--expected-subject", "--issuer", NULL } },
    { "device", { "--interval", "--scope", "--client-id", NULL } },
  };
  const char      *top[] = { "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char      *argv[] = { cases[i].command, "--help", NULL };
      g_autofree char *usage = g_strconcat ("pim-tool ", cases[i].command, " [OPTION", NULL);

      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_tool (argv, NULL, NULL, &out, &err), ==, 0);
      g_assert_nonnull (strstr (out, usage));
      for (gsize j = 0; cases[i].options[j] != NULL; j++)
        g_assert_nonnull (strstr (out, cases[i].options[j]));
      /* UserInfo does not authenticate the client: no secret to read */
      if (strcmp (cases[i].command, "userinfo") == 0)
        g_assert_null (strstr (out, "--client-secret-file"));
    }

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (top, NULL, NULL, &out, &err), ==, 0);
  for (const char *const *command =
           (const char *const[]){ "token", "introspect", "revoke", "userinfo", "device", NULL };
       *command != NULL; command++)
    g_assert_nonnull (strstr (err, *command));
  g_assert_nonnull (strstr (err, "7 OAuth error"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/examples/c/http-client", test_c_example);
  g_test_add_func ("/examples/python/http-client", test_python_example);
  g_test_add_func ("/examples/vala/http-client", test_vala_example);
  g_test_add_func ("/examples/pim-tool/fetch", test_tool_fetch);
  g_test_add_func ("/examples/pim-tool/discover-and-jwks", test_tool_discover_and_jwks);
  g_test_add_func ("/examples/pim-tool/validate", test_tool_validate);
  g_test_add_func ("/examples/pim-tool/token/basic", test_tool_token_basic);
  g_test_add_func ("/examples/pim-tool/token/private-key-jwt", test_tool_token_private_key_jwt);
  g_test_add_func ("/examples/pim-tool/token/dpop", test_tool_token_dpop);
  g_test_add_func ("/examples/pim-tool/token/exchange", test_tool_token_exchange);
  g_test_add_func ("/examples/pim-tool/introspect-and-revoke", test_tool_introspect_and_revoke);
  g_test_add_func ("/examples/pim-tool/userinfo/refused", test_tool_userinfo_refused);
  g_test_add_func ("/examples/pim-tool/dash-token", test_tool_dash_token);
  g_test_add_func ("/examples/pim-tool/userinfo/signed", test_tool_userinfo_signed);
  g_test_add_func ("/examples/pim-tool/allow-http", test_tool_allow_http);
  g_test_add_func ("/examples/pim-tool/error-details", test_tool_error_details);
  g_test_add_func ("/examples/pim-tool/device", test_tool_device);
  g_test_add_func ("/examples/pim-tool/device/interrupt", test_tool_device_interrupt);
  g_test_add_func ("/examples/pim-tool/usage", test_tool_usage);
  g_test_add_func ("/examples/pim-tool/refused", test_tool_refused);
  g_test_add_func ("/examples/pim-tool/help", test_tool_help);

  return g_test_run ();
}
