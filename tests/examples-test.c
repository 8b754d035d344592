/* examples-test.c: the examples the README shows, run against the real
 * local provider, as a user would run them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pim-test-provider.h"

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

/* Runs argv; returns its exit status, and its standard output. */
static int
run_status (const char *const *argv, char **out)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  process =
      g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                         &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, NULL, &error);
  g_assert_no_error (error);
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

  return g_test_run ();
}
