/* sign-in-examples-test.c: the desktop sign-in examples (examples/sign-in*)
 * run as a user runs them, against the real local provider. The test runs
 * in the XDG environment of tests/browser, where the system's default
 * browser is the headless-chromium driver that logs alice in: the examples
 * open it the library's default way (g_app_info_launch_default_for_uri).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "pim-test-login.h"
#include "pim-test-provider.h"

/* The local provider's ID token carries only `sub` beside the protocol
 * claims when an access token is issued (OpenID Connect Core §5.4: the
 * profile scope's claims come from UserInfo), so the ID token gives the
 * subject and UserInfo the name (tests/oidc-provider/provider.mjs,
 * findAccount). */
#define EXPECTED_CLI_OUTPUT                                   \
  "Name from the ID token: " PIM_TEST_LOGIN_DEFAULT_USER "\n" \
  "Name from UserInfo: Test User " PIM_TEST_LOGIN_DEFAULT_USER "\n"

/* Longer than any sign-in takes; then the example is killed and the test
 * fails instead of waiting for the library's 300 s. */
#define EXAMPLE_TIMEOUT_SECONDS 60

typedef struct
{
  GMainLoop *loop;
  char      *out;
  char      *err;
  GError    *error;
  gboolean   timed_out;
} Run;

static void
communicated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err,
                                        &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
too_long (gpointer user_data)
{
  GSubprocess *process = user_data;

  g_subprocess_force_exit (process);
  return G_SOURCE_REMOVE;
}

/* Runs @argv with @launcher; asserts that it exits with 0 within the
 * timeout, and returns its standard output. */
static char *
run_example (GSubprocessLauncher *launcher, const char *const *argv)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GSource) timeout = NULL;
  g_autoptr (GError) error = NULL;
  Run              run = { loop, NULL, NULL, NULL, FALSE };
  g_autofree char *err = NULL;
  gint64           start = g_get_monotonic_time ();

  g_main_context_push_thread_default (context);
  g_subprocess_launcher_set_flags (launcher,
                                   G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  timeout = g_timeout_source_new_seconds (EXAMPLE_TIMEOUT_SECONDS);
  g_source_set_callback (timeout, too_long, process, NULL);
  g_source_attach (timeout, context);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated, &run);
  g_main_loop_run (loop);
  g_source_destroy (timeout);
  g_subprocess_wait (process, NULL, NULL);
  g_main_context_pop_thread_default (context);

  g_assert_no_error (run.error);
  err = run.err;
  g_test_message ("%s took %.1f s; its standard error:\n%s", argv[0],
                  (g_get_monotonic_time () - start) / 1e6, err);
  if (!g_subprocess_get_if_exited (process))
    g_error ("%s was killed (signal %d) after %d s", argv[0], g_subprocess_get_term_sig (process),
             EXAMPLE_TIMEOUT_SECONDS);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  return run.out;
}

/* A child's setup: it gets SIGTERM when the test dies, failed assertion
 * or not, instead of outliving it. */
static void
die_with_test (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static const char *
issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

/* A launcher with the test's environment (the browser's), messages in
 * English, and the build tree's typelib and library for the scripts. */
static GSubprocessLauncher *
example_launcher (void)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);

  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
#ifdef PIM_TYPELIB_DIR
  {
    const char      *library_path = g_getenv ("LD_LIBRARY_PATH");
    g_autofree char *prepended = g_strjoin (":", PIM_TYPELIB_DIR, library_path, NULL);

    g_subprocess_launcher_setenv (launcher, "GI_TYPELIB_PATH", PIM_TYPELIB_DIR, TRUE);
    g_subprocess_launcher_setenv (launcher, "LD_LIBRARY_PATH", prepended, TRUE);
  }
#endif
  return launcher;
}

/* Runs a command-line example with the provider's issuer and the desktop
 * client, and checks both names it prints. */
static void
check_cli (const char *program, const char *script)
{
  g_autoptr (GSubprocessLauncher) launcher = example_launcher ();
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;

  g_ptr_array_add (argv, (gpointer) program);
  if (script != NULL)
    g_ptr_array_add (argv, (gpointer) script);
  g_ptr_array_add (argv, (gpointer) issuer ());
  g_ptr_array_add (argv, (gpointer) "--client-id");
  g_ptr_array_add (argv, (gpointer) PIM_TEST_CLIENT_DESKTOP_ID);
  g_ptr_array_add (argv, NULL);
  out = run_example (launcher, (const char *const *) argv->pdata);
  g_assert_cmpstr (out, ==, EXPECTED_CLI_OUTPUT);
}

static void
test_c (void)
{
  check_cli (PIM_EXAMPLE_SIGN_IN, NULL);
}

/* Runs an example with an issuer but no client id: a usage error (exit 2,
 * "--client-id" in the message) before any network use. For the scripts,
 * this is also their syntax check: they parse and load Pim's typelib. */
static void
check_usage (const char *const *argv)
{
  g_autoptr (GSubprocessLauncher) launcher = example_launcher ();
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_launcher_set_flags (launcher,
                                   G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s: %s", argv[0], err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "--client-id"));
}

static void
test_usage (void)
{
  const char *c[] = { PIM_EXAMPLE_SIGN_IN, "https://op.example", NULL };

  check_usage (c);
#ifdef PIM_TYPELIB_DIR
  {
    const char *python[] = { "/usr/bin/python3", PIM_EXAMPLE_SIGN_IN_PY, "https://op.example",
                             NULL };

    check_usage (python);
  }
#endif
#if defined(PIM_TYPELIB_DIR) && defined(PIM_GJS)
  {
    const char *gjs[] = { PIM_GJS, "-m", PIM_EXAMPLE_SIGN_IN_JS, "https://op.example", NULL };

    check_usage (gjs);
  }
#endif
#ifdef PIM_EXAMPLE_SIGN_IN_VALA
  {
    const char *vala[] = { PIM_EXAMPLE_SIGN_IN_VALA, "https://op.example", NULL };

    check_usage (vala);
  }
#endif
#ifdef PIM_EXAMPLE_SIGN_IN_GTK
  {
    const char *gtk[] = { PIM_EXAMPLE_SIGN_IN_GTK, "https://op.example", NULL };

    check_usage (gtk);
  }
#endif
}

static void
test_python (void)
{
#ifdef PIM_TYPELIB_DIR
  check_cli ("/usr/bin/python3", PIM_EXAMPLE_SIGN_IN_PY);
#else
  g_test_skip ("built without introspection");
#endif
}

static void
test_gjs (void)
{
#if defined(PIM_TYPELIB_DIR) && defined(PIM_GJS)
  g_autoptr (GSubprocessLauncher) launcher = example_launcher ();
  g_autofree char *out = NULL;
  const char      *argv[] = { PIM_GJS,   "-m",          PIM_EXAMPLE_SIGN_IN_JS,
                              issuer (), "--client-id", PIM_TEST_CLIENT_DESKTOP_ID,
                              NULL };

  out = run_example (launcher, argv);
  g_assert_cmpstr (out, ==, EXPECTED_CLI_OUTPUT);
#else
  g_test_skip ("built without introspection, or no gjs");
#endif
}

static void
test_vala (void)
{
#ifdef PIM_EXAMPLE_SIGN_IN_VALA
  check_cli (PIM_EXAMPLE_SIGN_IN_VALA, NULL);
#else
  g_test_skip ("built without the vapi");
#endif
}

/* The GTK example, under a Broadway display server of its own (no X, no
 * Wayland): --sign-in-now clicks "Sign in" at start, and the app prints
 * the label it then shows and quits. */
static void
test_gtk (void)
{
#if defined(PIM_EXAMPLE_SIGN_IN_GTK) && defined(PIM_BROADWAYD)
  g_autoptr (GError) error = NULL;
  g_autofree char *runtime_dir = g_dir_make_tmp ("pim-broadway-XXXXXX", &error);
  g_autofree char *http_socket = g_build_filename (runtime_dir, "http.socket", NULL);
  g_autofree char *display_socket = g_build_filename (runtime_dir, "broadway1.socket", NULL);
  g_autoptr (GSubprocessLauncher) server_launcher = NULL;
  g_autoptr (GSubprocessLauncher) launcher = example_launcher ();
  g_autoptr (GSubprocess) server = NULL;
  g_autofree char *out = NULL;
  const char      *server_argv[] = { PIM_BROADWAYD, "--unixsocket", http_socket, ":0", NULL };
  const char      *argv[] = { PIM_EXAMPLE_SIGN_IN_GTK,    issuer (),       "--client-id",
                              PIM_TEST_CLIENT_DESKTOP_ID, "--sign-in-now", NULL };

  g_assert_no_error (error);
  /* Display :0 in a runtime directory of its own: its socket and the
   * HTTP one are this test's, whatever else runs. */
  server_launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (server_launcher, die_with_test, NULL, NULL);
  g_subprocess_launcher_setenv (server_launcher, "XDG_RUNTIME_DIR", runtime_dir, TRUE);
  server = g_subprocess_launcher_spawnv (server_launcher, server_argv, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 500 && !g_file_test (display_socket, G_FILE_TEST_EXISTS); i++)
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
  g_assert_true (g_file_test (display_socket, G_FILE_TEST_EXISTS));

  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "broadway", TRUE);
  g_subprocess_launcher_setenv (launcher, "BROADWAY_DISPLAY", ":0", TRUE);
  /* no accessibility bus to look for */
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  out = run_example (launcher, argv);
  g_assert_cmpstr (out, ==, "Signed in as Test User " PIM_TEST_LOGIN_DEFAULT_USER "\n");

  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
  g_remove (display_socket);
  g_remove (http_socket);
  g_rmdir (runtime_dir);
#else
  g_test_skip ("no GTK 4 or no gtk4-broadwayd, or a sanitizer build");
#endif
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sign-in-examples/usage", test_usage);
  g_test_add_func ("/sign-in-examples/c", test_c);
  g_test_add_func ("/sign-in-examples/python", test_python);
  g_test_add_func ("/sign-in-examples/gjs", test_gjs);
  g_test_add_func ("/sign-in-examples/vala", test_vala);
  g_test_add_func ("/sign-in-examples/gtk", test_gtk);

  return g_test_run ();
}
