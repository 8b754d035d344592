/* tool-login-test.c: `pim-tool login` and `pim-tool logout` against the
 * local provider, in the real browser of tests/browser (headless
 * Chromium, GIO's default browser in this test's environment, or run by
 * the test itself for --no-browser), and the keyring of a private
 * gnome-keyring (tests/native/with-keyring.sh) for --store and logout
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <pim/pim.h>
#include <signal.h>

#include "pim-test-async.h"
#include "pim-test-provider.h"

#define CLIENT_ID PIM_TEST_CLIENT_DESKTOP_ID
#define SCOPE     "openid offline_access"
/* The driver's login ($PIM_TEST_BROWSER_LOGIN unset): it becomes `sub`. */
#define LOGIN "alice"
/* Each run of pim-tool, browser included, well within the test's time. */
#define RUN_TIMEOUT_S 60

static const char *
issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

/* ---- Running programs ---- */

typedef struct
{
  gboolean done;
  char    *out;
  char    *err;
  GError  *error;
} Run;

static void
on_communicated (GObject *source, GAsyncResult *result, gpointer data)
{
  Run *run = data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err,
                                        &run->error);
  run->done = TRUE;
}

/* Runs @argv with @env_extra (NULL-terminated NAME, VALUE pairs; a NULL
 * value unsets) and returns its exit status, with its standard output and
 * error. Standard output reaches its end when the browser GIO started (it
 * shares pim-tool's streams) has ended too. Killed, and failed, after
 * RUN_TIMEOUT_S seconds. */
static int
run_program (const char *const *argv, const char *const *env_extra, char **out, char **err)
{
  g_autoptr (GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                 G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + RUN_TIMEOUT_S * G_USEC_PER_SEC;
  gint64 start = g_get_monotonic_time ();
  Run    run = { 0 };

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  for (gsize i = 0; env_extra != NULL && env_extra[i] != NULL; i += 2)
    if (env_extra[i + 1] != NULL)
      g_subprocess_launcher_setenv (launcher, env_extra[i], env_extra[i + 1], TRUE);
    else
      g_subprocess_launcher_unsetenv (launcher, env_extra[i]);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, "", NULL, on_communicated, &run);
  while (!run.done && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10 * 1000);
  if (!run.done)
    {
      g_subprocess_force_exit (process);
      g_error ("%s %s still running after %d s", argv[0], argv[1], RUN_TIMEOUT_S);
    }
  g_assert_no_error (run.error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s %s: %.2f s", argv[0], argv[1] != NULL ? argv[1] : "",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  if (!g_subprocess_get_if_exited (process))
    g_error ("%s died of signal %d: %s", argv[0], g_subprocess_get_term_sig (process), run.err);
  *out = run.out;
  *err = run.err;
  return g_subprocess_get_exit_status (process);
}

/* pim-tool with @args (NULL-terminated, after the program). */
static int
run_tool (const char *const *args, const char *const *env_extra, char **out, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) PIM_TOOL);
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return run_program ((const char *const *) argv->pdata, env_extra, out, err);
}

/* The token response pim-tool login printed: the tokens of a sign-in as
 * LOGIN, the ID token valid for CLIENT_ID at the issuer. */
static void
assert_token_response (const char *out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (out, &error);
  g_autoptr (PimTokenValidationParameters) parameters = NULL;
  g_autoptr (PimClaims) claims = NULL;
  JsonObject *json;

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  json = json_node_get_object (node);
  g_assert_nonnull (json_object_get_string_member_with_default (json, "access_token", NULL));
  g_assert_nonnull (json_object_get_string_member_with_default (json, "refresh_token", NULL));
  g_assert_cmpstr (json_object_get_string_member_with_default (json, "token_type", NULL), ==,
                   "Bearer");
  g_assert_nonnull (json_object_get_string_member_with_default (json, "id_token", NULL));

  parameters = pim_token_validation_parameters_new (issuer (), CLIENT_ID);
  g_object_set (parameters, "id-token", TRUE, "client-id", CLIENT_ID, NULL);
  claims = pim_validate_token (json_object_get_string_member (json, "id_token"), parameters, NULL,
                               NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_claims_get_subject (claims), ==, LOGIN);
  g_assert_nonnull (pim_claims_get_string (claims, "nonce"));
}

/* ---- Printing the tokens ---- */

/* The browser is GIO's default one: the test's environment
 * (browser_test_env) makes it tests/browser's driver. */
static void
test_login_print (void)
{
  const char *args[] = { "login", issuer (), "--client-id", CLIENT_ID, "--scope", SCOPE, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int              status = run_tool (args, NULL, &out, &err);

  if (status != 0)
    g_test_message ("pim-tool login: %s", err);
  g_assert_cmpint (status, ==, 0);
  assert_token_response (out);
  g_assert_nonnull (strstr (err, "Signing in in the browser"));
}

/* --no-browser: the address comes alone on a line of standard error; the
 * test opens it in the driver itself (not through GIO). */
static void
test_login_no_browser (void)
{
  const char *args[] = { PIM_TOOL,  "login", issuer (),      "--client-id", CLIENT_ID,
                         "--scope", SCOPE,   "--no-browser", NULL };
  g_autoptr (GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GDataInputStream) err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;
  g_autofree char *driver_err = NULL;
  g_autofree char *prompt = NULL;
  const char      *driver[] = { PIM_TEST_NODE, PIM_TEST_BROWSER_DRIVER, NULL, NULL };
  int              status;

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  /* GIO must not be what opens it: no default browser at all. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", "/nonexistent", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", "/nonexistent", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, args, &error);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  prompt = g_data_input_stream_read_line (err, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prompt, ==, "To sign in, open this address in a browser:");
  url = g_data_input_stream_read_line (err, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_assert_true (g_str_has_prefix (url, issuer ()));
  g_assert_nonnull (strstr (url, "client_id=" CLIENT_ID));
  g_assert_nonnull (strstr (url, "code_challenge_method=S256"));

  /* The user opens it: the driver prints the loopback page's text. */
  driver[2] = url;
  status = run_program (driver, NULL, &page, &driver_err);
  if (status != 0)
    g_test_message ("the browser: %s", driver_err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (page, !=, "");

  g_output_stream_splice (out, g_subprocess_get_stdout_pipe (process),
                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    {
      g_autoptr (GBytes) rest =
          g_input_stream_read_bytes (G_INPUT_STREAM (err), 1 << 20, NULL, NULL);

      g_test_message ("pim-tool login --no-browser: %.*s",
                      rest != NULL ? (int) g_bytes_get_size (rest) : 0,
                      rest != NULL ? (const char *) g_bytes_get_data (rest, NULL) : "");
    }
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  {
    g_autofree char *text =
        g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));

    assert_token_response (text);
  }
}

/* Ctrl-C while waiting for the browser ends the command with 130 and
 * nothing on standard output. */
static void
test_login_interrupt (void)
{
  const char *args[] = { PIM_TOOL,  "login",        issuer (), "--client-id",
                         CLIENT_ID, "--no-browser", NULL };
  g_autoptr (GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GDataInputStream) err = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *url = NULL;
  g_autofree char *out = NULL;

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, args, &error);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  prompt = g_data_input_stream_read_line (err, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prompt, ==, "To sign in, open this address in a browser:");
  url = g_data_input_stream_read_line (err, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, issuer ()));

  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);
  g_assert_cmpstr (out, ==, "");
}

static void
test_usage (void)
{
  const char *no_client[] = { "login", issuer (), NULL };
  const char *no_issuer[] = { "login", "--client-id", CLIENT_ID, NULL };
  const char *logout_no_client[] = { "logout", issuer (), NULL };
  const char *unreachable[] = { "login", "http://127.0.0.1:1", "--client-id", CLIENT_ID, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_tool (no_client, NULL, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "pim-tool login: The option --client-id is required"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (no_issuer, NULL, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_tool (logout_no_client, NULL, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "pim-tool logout: The option --client-id is required"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Discovery fails before any browser: an HTTP error. */
  g_assert_cmpint (run_tool (unreachable, NULL, &out, &err), ==, 3);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "pim-tool login: "));
}

/* No default browser at all (no .desktop file GIO could pick: the
 * environment has no system data dirs): login fails at once, and says
 * what to do. */
static void
test_login_no_default_browser (void)
{
  const char *args[] = { "login", issuer (), "--client-id", CLIENT_ID, NULL };
  const char *env[] = { "XDG_DATA_HOME", "/nonexistent", "XDG_CONFIG_HOME", "/nonexistent", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_tool (args, env, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err,
                            "\npim-tool login: Run it with --no-browser to open the address in "
                            "a browser yourself\n"));
}

/* ---- Keeping the sign-in in the keyring ---- */

#if PIM_HAS_LIBSECRET

/* A private D-Bus session with an unlocked gnome-keyring, for as long as
 * the test runs: with-keyring.sh runs a shell that prints the session's
 * address and waits for its standard input to end. */
typedef struct
{
  GSubprocess *process;
  char        *address;
} Keyring;

static gboolean
keyring_start (Keyring *keyring)
{
  const char *argv[] = { PIM_TEST_WITH_KEYRING, "/bin/sh", "-c",
                         "printf 'bus %s\\n' \"$DBUS_SESSION_BUS_ADDRESS\"; exec cat >/dev/null",
                         NULL };
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr (GString) said = g_string_new (NULL);

  keyring->process =
      g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                         &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (keyring->process));
  /* Its own messages (a skip, a failure) come before, and instead. */
  while ((line = g_data_input_stream_read_line (out, NULL, NULL, &error)) != NULL)
    {
      if (g_str_has_prefix (line, "bus ") && line[4] != '\0')
        {
          keyring->address = g_strdup (line + 4);
          return TRUE;
        }
      g_string_append_printf (said, "%s\n", line);
      g_clear_pointer (&line, g_free);
    }
  g_assert_no_error (error);
  g_subprocess_wait (keyring->process, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("with-keyring.sh: %s", said->str);
  if (g_subprocess_get_if_exited (keyring->process) &&
      g_subprocess_get_exit_status (keyring->process) == 77)
    return FALSE;
  g_error ("with-keyring.sh gave no D-Bus session: %s", said->str);
}

static void
keyring_stop (Keyring *keyring)
{
  g_autoptr (GError) error = NULL;

  g_output_stream_close (g_subprocess_get_stdin_pipe (keyring->process), NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (keyring->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&keyring->process);
  g_clear_pointer (&keyring->address, g_free);
}

/* The refresh token in the keyring (secret-tool, libsecret's), NULL when
 * there is no item. */
static char *
stored_refresh_token (Keyring *keyring)
{
  const char      *argv[] = { "secret-tool", "lookup",  "issuer", issuer (), "client-id",
                              CLIENT_ID,     "account", "",       NULL };
  const char      *env[] = { "DBUS_SESSION_BUS_ADDRESS", keyring->address, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;

  if (run_program (argv, env, &out, &err) != 0)
    {
      g_assert_cmpstr (out, ==, "");
      return NULL;
    }
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (node),
                                                               "refresh_token", NULL));
}

/* login --store keeps the refresh token in the keyring and prints who
 * signed in; logout revokes it and removes it; logout again has nothing
 * to do. */
static void
test_store_logout (void)
{
  const char *login[] = { "login",   issuer (), "--client-id", CLIENT_ID,
                          "--scope", SCOPE,     "--store",     NULL };
  const char *logout[] = { "logout", issuer (), "--client-id", CLIENT_ID, NULL };
  g_autoptr (PimRefreshTokenRequest) refresh = NULL;
  g_autoptr (PimTokenResponse) refreshed = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *address = g_strconcat (issuer (), "/token", NULL);
  g_autofree char *refresh_token = NULL;
  g_autofree char *left = NULL;
  Keyring          keyring = { 0 };
  const char      *env[3] = { "DBUS_SESSION_BUS_ADDRESS", NULL, NULL };
  int              status;

  if (!keyring_start (&keyring))
    {
      g_test_skip ("no gnome-keyring or dbus-run-session (with-keyring.sh exited 77)");
      return;
    }
  env[1] = keyring.address;

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    status = run_tool (login, env, &out, &err);
    if (status != 0)
      g_test_message ("pim-tool login --store: %s", err);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (out, ==, "Signed in as " LOGIN "\n");
  }
  refresh_token = stored_refresh_token (&keyring);
  g_assert_nonnull (refresh_token);

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    status = run_tool (logout, env, &out, &err);
    if (status != 0)
      g_test_message ("pim-tool logout: %s", err);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (out, ==, "Signed out\n");
    g_assert_cmpstr (err, ==, "");
  }
  left = stored_refresh_token (&keyring);
  g_assert_null (left);
  /* Revoked at the provider, not only forgotten. */
  refresh = pim_refresh_token_request_new (address, CLIENT_ID, refresh_token);
  refreshed = pim_request_refresh_token (refresh, NULL, NULL, &error);
  g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_GRANT);
  g_assert_null (refreshed);

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    status = run_tool (logout, env, &out, &err);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (out, ==, "Not signed in: nothing is stored\n");
    g_assert_cmpstr (err, ==, "");
  }
  keyring_stop (&keyring);
}

#else
/* Without libsecret there is no keyring: --store and logout refuse at
 * once, before any browser. */
static void
test_store_without_libsecret (void)
{
  const char *login[] = { "login", issuer (), "--client-id", CLIENT_ID, "--store", NULL };
  const char *logout[] = { "logout", issuer (), "--client-id", CLIENT_ID, NULL };

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_tool (i == 0 ? login : logout, NULL, &out, &err), ==, 1);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, "Pim was built without libsecret"));
    }
}
#endif

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tool-login/usage", test_usage);
  g_test_add_func ("/tool-login/print", test_login_print);
  g_test_add_func ("/tool-login/no-browser", test_login_no_browser);
  g_test_add_func ("/tool-login/interrupt", test_login_interrupt);
  g_test_add_func ("/tool-login/no-default-browser", test_login_no_default_browser);
#if PIM_HAS_LIBSECRET
  g_test_add_func ("/tool-login/store-logout", test_store_logout);
#else
  g_test_add_func ("/tool-login/store-without-libsecret", test_store_without_libsecret);
#endif
  return g_test_run ();
}
