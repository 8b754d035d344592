/* pim-test-provider.c: the real local OpenID provider for tests
 *
 * See pim-test-provider.h.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "pim-test-provider.h"

#include <gio/gio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#define READY_TIMEOUT_SECONDS 30
#define STOP_TIMEOUT_SECONDS  5
#define STDERR_KEEP_BYTES     (16 * 1024)

struct _PimTestProvider
{
  GSubprocess      *process;
  GOutputStream    *stdin_pipe;   /* never written; its EOF stops the provider */
  GDataInputStream *stdout_lines; /* kept so the provider's stdout stays open */
  char             *issuer;

  GThread *stderr_thread;
  GMutex   stderr_lock;
  GString *stderr_text; /* the last STDERR_KEEP_BYTES of it */
  gboolean echo_stderr;
};

/* ---------------------------------------------------------------------- */
/* Locations                                                              */

const char *
pim_test_provider_get_dir (void)
{
  static char *dir = NULL;

  if (g_once_init_enter (&dir))
    {
#ifdef PIM_TEST_PROVIDER_DIR
      char *value = g_strdup (PIM_TEST_PROVIDER_DIR);
#else
      char *value = g_build_filename (g_test_get_dir (G_TEST_DIST), "oidc-provider", NULL);
#endif
      g_once_init_leave (&dir, value);
    }

  return dir;
}

char *
pim_test_provider_dup_jwt_key_path (void)
{
  return g_build_filename (pim_test_provider_get_dir (), "clients", "pim-jwt.private.jwk.json",
                           NULL);
}

static char *
dup_keys_dir (void)
{
#ifdef PIM_TEST_PROVIDER_KEYS_DIR
  return g_strdup (PIM_TEST_PROVIDER_KEYS_DIR);
#else
  g_autofree char *name = g_strdup_printf ("pim-test-provider-keys-%s", g_get_user_name ());

  return g_build_filename (g_get_tmp_dir (), name, NULL);
#endif
}

/* ---------------------------------------------------------------------- */
/* The provider's stderr                                                  */

/* Drains stderr in a thread of its own for the whole life of the process,
 * so the provider never blocks on a full pipe, whatever the test program's
 * threads and main contexts do. */
static gpointer
stderr_reader (gpointer data)
{
  PimTestProvider *self = data;
  GInputStream    *in = g_subprocess_get_stderr_pipe (self->process);
  char             buffer[4096];
  gssize           n;

  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    {
      if (self->echo_stderr)
        {
          fwrite (buffer, 1, (size_t) n, stderr);
          fflush (stderr);
        }

      g_mutex_lock (&self->stderr_lock);
      g_string_append_len (self->stderr_text, buffer, n);
      if (self->stderr_text->len > STDERR_KEEP_BYTES)
        g_string_erase (self->stderr_text, 0,
                        (gssize) (self->stderr_text->len - STDERR_KEEP_BYTES));
      g_mutex_unlock (&self->stderr_lock);
    }

  return NULL;
}

static char *
dup_stderr_text (PimTestProvider *self)
{
  char *text;

  g_mutex_lock (&self->stderr_lock);
  text = g_strdup (self->stderr_text->str);
  g_mutex_unlock (&self->stderr_lock);

  g_strstrip (text);
  if (*text == '\0')
    {
      g_free (text);
      text = g_strdup ("(nothing on stderr; set PIM_PROVIDER_DEBUG=1 for a log)");
    }

  return text;
}

/* ---------------------------------------------------------------------- */
/* Waiting with a deadline, without disturbing the caller's main contexts */

typedef struct
{
  gboolean done;
  char    *line;
  GError  *error;
} AsyncResultData;

static gboolean
cancel_on_timeout (gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
  return G_SOURCE_REMOVE;
}

static GSource *
attach_timeout (GMainContext *context, guint seconds, GCancellable *cancellable)
{
  GSource *source = g_timeout_source_new_seconds (seconds);

  g_source_set_callback (source, cancel_on_timeout, g_object_ref (cancellable), g_object_unref);
  g_source_attach (source, context);

  return source;
}

static void
on_line_read (GObject *object, GAsyncResult *result, gpointer data)
{
  AsyncResultData *read = data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                          NULL, &read->error);
  read->done = TRUE;
}

static void
on_waited (GObject *object, GAsyncResult *result, gpointer data)
{
  AsyncResultData *wait = data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, &wait->error);
  wait->done = TRUE;
}

/* Reads stdout until the "ready <issuer>" line. */
static gboolean
read_ready_line (PimTestProvider *self, GError **error)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  GSource *timeout;
  gboolean ok = FALSE;

  g_main_context_push_thread_default (context);
  timeout = attach_timeout (context, READY_TIMEOUT_SECONDS, cancellable);

  for (;;)
    {
      AsyncResultData read = { FALSE, NULL, NULL };

      g_data_input_stream_read_line_async (self->stdout_lines, G_PRIORITY_DEFAULT, cancellable,
                                           on_line_read, &read);
      while (!read.done)
        g_main_context_iteration (context, TRUE);

      if (read.error != NULL)
        {
          if (g_error_matches (read.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "no \"ready\" line within %d s",
                         READY_TIMEOUT_SECONDS);
          else
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot read its stdout: %s",
                         read.error->message);
          g_error_free (read.error);
          break;
        }

      if (read.line == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "it exited before it was ready");
          break;
        }

      if (g_str_has_prefix (read.line, "ready http://"))
        {
          self->issuer = g_strdup (read.line + strlen ("ready "));
          g_free (read.line);
          ok = TRUE;
          break;
        }

      g_debug ("test provider stdout: %s", read.line);
      g_free (read.line);
    }

  g_source_destroy (timeout);
  g_source_unref (timeout);
  g_main_context_pop_thread_default (context);

  return ok;
}

/* Waits at most @seconds for the process to exit; TRUE if it did. */
static gboolean
wait_for_exit (GSubprocess *process, guint seconds)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  AsyncResultData wait = { FALSE, NULL, NULL };
  GSource        *timeout;
  gboolean        exited;

  g_main_context_push_thread_default (context);
  timeout = attach_timeout (context, seconds, cancellable);

  g_subprocess_wait_async (process, cancellable, on_waited, &wait);
  while (!wait.done)
    g_main_context_iteration (context, TRUE);

  exited = (wait.error == NULL);
  g_clear_error (&wait.error);

  g_source_destroy (timeout);
  g_source_unref (timeout);
  g_main_context_pop_thread_default (context);

  return exited;
}

/* ---------------------------------------------------------------------- */
/* Start and stop                                                         */

static void
child_setup (gpointer data)
{
  pid_t parent = (pid_t) GPOINTER_TO_INT (data);

  /* Async-signal-safe calls only: we are between fork and exec. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () != parent)
    _exit (1);
}

/* Ends the process, if it runs, and the stderr thread. Idempotent. */
static void
end_process (PimTestProvider *self)
{
  if (self->process != NULL)
    {
      /* EOF on its stdin and SIGTERM each make it exit at once. */
      if (self->stdin_pipe != NULL)
        g_output_stream_close (self->stdin_pipe, NULL, NULL);
      g_subprocess_send_signal (self->process, SIGTERM);

      if (!wait_for_exit (self->process, STOP_TIMEOUT_SECONDS))
        {
          g_warning ("test provider did not exit %d s after SIGTERM, killing it",
                     STOP_TIMEOUT_SECONDS);
          g_subprocess_force_exit (self->process);
          g_subprocess_wait (self->process, NULL, NULL);
        }
    }

  /* Its stderr reaches EOF once the process is gone. */
  if (self->stderr_thread != NULL)
    g_thread_join (g_steal_pointer (&self->stderr_thread));
}

static void
provider_free (PimTestProvider *self)
{
  end_process (self);

  g_clear_object (&self->stdout_lines);
  g_clear_object (&self->stdin_pipe);
  g_clear_object (&self->process);
  g_clear_pointer (&self->issuer, g_free);
  g_string_free (self->stderr_text, TRUE);
  g_mutex_clear (&self->stderr_lock);
  g_free (self);
}

PimTestProvider *
pim_test_provider_start (GError **error)
{
  return pim_test_provider_start_full (0, NULL, error);
}

PimTestProvider *
pim_test_provider_start_full (guint port, const char *keys_dir, GError **error)
{
  const char      *dir = pim_test_provider_get_dir ();
  g_autofree char *script = g_build_filename (dir, "provider.mjs", NULL);
  g_autofree char *module =
      g_build_filename (dir, "node_modules", "oidc-provider", "package.json", NULL);
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *keys_path = keys_dir != NULL ? g_strdup (keys_dir) : dup_keys_dir ();
  g_autofree char *port_arg = g_strdup_printf ("%u", port);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) local_error = NULL;
  PimTestProvider *self;
  gint64           started;

  if (!g_file_test (script, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "Cannot start the test OpenID provider: %s does not exist", script);
      return NULL;
    }

  if (!g_file_test (module, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "Cannot start the test OpenID provider: its npm packages are "
                   "not installed; run `npm ci` in %s",
                   dir);
      return NULL;
    }

  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "Cannot start the test OpenID provider: `node` is not "
                           "in PATH");
      return NULL;
    }

  self = g_new0 (PimTestProvider, 1);
  g_mutex_init (&self->stderr_lock);
  self->stderr_text = g_string_new (NULL);
  self->echo_stderr = (g_strcmp0 (g_getenv ("PIM_PROVIDER_DEBUG"), "1") == 0);

  launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                 G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, GINT_TO_POINTER ((int) getpid ()),
                                         NULL);

  started = g_get_monotonic_time ();
  self->process = g_subprocess_launcher_spawn (launcher, &local_error, node, script, "--port",
                                               port_arg, "--keys-dir", keys_path, NULL);
  if (self->process == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot start the test OpenID provider (%s %s): %s", node, script,
                   local_error->message);
      provider_free (self);
      return NULL;
    }

  self->stdin_pipe = g_object_ref (g_subprocess_get_stdin_pipe (self->process));
  self->stdout_lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  self->stderr_thread = g_thread_new ("pim-test-provider-stderr", stderr_reader, self);

  if (!read_ready_line (self, &local_error))
    {
      g_autofree char *log = NULL;

      /* Collect all it said: end it, and its stderr thread, first. */
      end_process (self);
      log = dup_stderr_text (self);

      g_set_error (error, G_IO_ERROR, local_error->code,
                   "Cannot start the test OpenID provider (%s %s --port %s --keys-dir %s): "
                   "%s. Its stderr:\n%s",
                   node, script, port_arg, keys_path, local_error->message, log);
      provider_free (self);
      return NULL;
    }

  g_debug ("test provider %s ready in %.0f ms", self->issuer,
           (double) (g_get_monotonic_time () - started) / 1000.0);

  return self;
}

const char *
pim_test_provider_get_issuer (PimTestProvider *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->issuer;
}

guint
pim_test_provider_get_port (PimTestProvider *self)
{
  g_autoptr (GUri) uri = NULL;

  g_return_val_if_fail (self != NULL, 0);

  uri = g_uri_parse (self->issuer, G_URI_FLAGS_NONE, NULL);
  g_return_val_if_fail (uri != NULL, 0);
  return (guint) g_uri_get_port (uri);
}

void
pim_test_provider_stop (PimTestProvider *self)
{
  if (self == NULL)
    return;

  provider_free (self);
}

/* ---------------------------------------------------------------------- */
/* One provider per test program                                          */

static GMutex           shared_lock;
static PimTestProvider *shared_provider = NULL;
static pid_t            shared_owner = 0;

static void
stop_shared_provider (void)
{
  /* A forked child inherits this atexit handler, not the provider. */
  if (shared_provider != NULL && getpid () == shared_owner)
    pim_test_provider_stop (g_steal_pointer (&shared_provider));
}

PimTestProvider *
pim_test_provider_get_shared (void)
{
  static gboolean  registered = FALSE;
  PimTestProvider *provider;

  g_mutex_lock (&shared_lock);

  if (shared_provider == NULL)
    {
      g_autoptr (GError) error = NULL;

      shared_provider = pim_test_provider_start (&error);
      if (shared_provider == NULL)
        g_error ("%s", error->message);
      shared_owner = getpid ();

      if (!registered)
        {
          atexit (stop_shared_provider);
          registered = TRUE;
        }
    }

  provider = shared_provider;
  g_mutex_unlock (&shared_lock);

  return provider;
}
