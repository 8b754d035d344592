/* pim-http-settings.c: HTTP defaults read from the environment
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <errno.h>
#include <math.h>

#include "pim-http-private.h"

/* Parses a non-negative decimal number. Returns FALSE for anything else
 * (empty, trailing junk, NaN, infinities, negatives). */
static gboolean
parse_number (const char *text, double *out)
{
  char  *end = NULL;
  double value;

  if (text == NULL || *text == '\0')
    return FALSE;
  errno = 0;
  value = g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (errno != 0 || end == text || *end != '\0' || !isfinite (value) || value < 0)
    return FALSE;
  *out = value;
  return TRUE;
}

static void problem (GPtrArray *problems, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
problem (GPtrArray *problems, const char *format, ...)
{
  va_list args;

  if (problems == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static double
number_from_env (const char *const *envp,
                 const char        *name,
                 double             fallback,
                 double             min,
                 double             max,
                 GPtrArray         *problems)
{
  const char *text = g_environ_getenv ((char **) envp, name);
  double      value;

  if (text == NULL || *text == '\0')
    return fallback;
  if (!parse_number (text, &value))
    {
      problem (problems, "%s=“%s” is not a non-negative number; using %g", name, text, fallback);
      return fallback;
    }
  if (value < min || value > max)
    {
      double clamped = CLAMP (value, min, max);

      problem (problems, "%s=%g is not between %g and %g; using %g", name, value, min, max,
               clamped);
      return clamped;
    }
  return value;
}

/*
 * pim_http_settings_from_environ:
 * @envp: an environment, as g_get_environ() returns it
 * @out: (out caller-allocates): the settings
 * @problems: (nullable) (element-type utf8): where to add one message per
 *   value that was ignored or clamped
 *
 * Reads `HTTP_TIMEOUT` (seconds), `HTTP_RETRY_COUNT`,
 * `HTTP_RETRY_BASE_DELAY` (seconds) and the CA bundle from `SSL_CERT_FILE`,
 * `REQUESTS_CA_BUNDLE` or `CURL_CA_BUNDLE` (the first one set). Bad values
 * never fail: they fall back to the default or are clamped.
 */
void
pim_http_settings_from_environ (const char *const *envp, PimHttpSettings *out, GPtrArray *problems)
{
  static const char *const ca_vars[] = { "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE" };
  double                   timeout, count;

  memset (out, 0, sizeof *out);

  timeout = number_from_env (envp, "HTTP_TIMEOUT", PIM_HTTP_CLIENT_DEFAULT_TIMEOUT,
                             PIM_HTTP_TIMEOUT_MIN, PIM_HTTP_TIMEOUT_MAX, problems);
  out->timeout = (guint) ceil (timeout);

  count = number_from_env (envp, "HTTP_RETRY_COUNT", PIM_HTTP_RETRY_COUNT_DEFAULT, 0,
                           PIM_HTTP_RETRY_COUNT_MAX, problems);
  if (count != floor (count))
    problem (problems, "HTTP_RETRY_COUNT=%g is not a whole number; using %g", count, floor (count));
  out->retry_count = (guint) floor (count);

  out->retry_base_delay =
      number_from_env (envp, "HTTP_RETRY_BASE_DELAY", PIM_HTTP_RETRY_BASE_DELAY_DEFAULT, 0,
                       PIM_HTTP_RETRY_BASE_DELAY_MAX, problems);

  for (gsize i = 0; i < G_N_ELEMENTS (ca_vars); i++)
    {
      const char      *path = g_environ_getenv ((char **) envp, ca_vars[i]);
      g_autofree char *absolute = NULL;

      if (path == NULL || *path == '\0')
        continue;
      absolute = g_canonicalize_filename (path, NULL);
      if (!g_file_test (absolute, G_FILE_TEST_IS_REGULAR))
        {
          problem (problems, "%s=“%s” is not a readable file; using the system trust", ca_vars[i],
                   path);
          break;
        }
      out->ca_file = g_steal_pointer (&absolute);
      break;
    }
}

void
pim_http_settings_clear (PimHttpSettings *settings)
{
  g_clear_pointer (&settings->ca_file, g_free);
}

/*
 * pim_http_settings_get_process:
 *
 * The settings of this process's environment, read once; each problem is
 * logged once, as a message (never a warning: a bad variable is not fatal).
 */
const PimHttpSettings *
pim_http_settings_get_process (void)
{
  static PimHttpSettings settings;
  static gsize           initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_auto (GStrv) envp = g_get_environ ();
      g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

      pim_http_settings_from_environ ((const char *const *) envp, &settings, problems);
      for (guint i = 0; i < problems->len; i++)
        pim_log_message ("%s", (const char *) problems->pdata[i]);
      g_once_init_leave (&initialized, 1);
    }
  return &settings;
}
