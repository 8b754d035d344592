/* fuzz-http-headers.c: the header values Pim reads itself: Retry-After
 * (pim_http_parse_retry_after, pim_http_retry_delay in
 * pim/http/pim-http-retry.c), Cache-Control (pim_cache_ttl_from_headers
 * in pim/oidc/pim-cache.c), Content-Length against the size limit and
 * Content-Type (pim/http/pim-http-response.c), and the HTTP_* settings
 * from the environment (pim/http/pim-http-settings.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is a list of random-length strings: Retry-After,
 * Cache-Control, Content-Length, Content-Type, then HTTP_TIMEOUT,
 * HTTP_RETRY_COUNT and HTTP_RETRY_BASE_DELAY, then a redirect's Location
 * (pim_http_error_redirect). Properties: delays are
 * finite, never negative and never over the cap; a TTL is -1 or a
 * non-negative number; a Content-Length over the limit is refused; the
 * settings stay in their documented ranges; error messages carry no
 * garbage from the headers.
 */

#include "fuzz-common.h"

#include <math.h>

#include "pim-cache-private.h"

/* A header value as an HTTP parser would deliver it: no CR, LF. */
static void
strip_line_breaks (char *text)
{
  for (char *p = text; *p != '\0'; p++)
    if (*p == '\r' || *p == '\n')
      *p = ' ';
}

static char *
take_header (PimFuzzInput *in)
{
  char *value = pim_fuzz_take_string (in, 512);

  strip_line_breaks (value);
  return value;
}

static void
check_retry_after (const char *value)
{
  g_autoptr (GDateTime) now = g_date_time_new_utc (2026, 11, 27, 12, 0, 0);
  double seconds = -1, delay;

  if (pim_http_parse_retry_after (value, now, &seconds))
    pim_fuzz_assert (isfinite (seconds) && seconds >= 0, "a Retry-After of a bad number");
  for (guint attempt = 0; attempt < 40; attempt += 13)
    {
      delay = pim_http_retry_delay (attempt, value, 1.0, 60.0, now);
      pim_fuzz_assert (isfinite (delay) && delay >= 0 && delay <= 60.0, "a delay out of bounds");
    }
}

static void
check_cache_control (const char *value)
{
  g_autoptr (SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  double ttl;

  soup_message_headers_append (headers, "Cache-Control", value);
  /* A second header line is joined to the first, as by a list. */
  soup_message_headers_append (headers, "Cache-Control", "public");
  ttl = pim_cache_ttl_from_headers (headers);
  pim_fuzz_assert (ttl == -1 || (isfinite (ttl) && ttl >= 0 && ttl <= G_MAXUINT32),
                   "a TTL out of bounds");
}

static void
check_content (const char *length, const char *type)
{
  g_autoptr (SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr (GError) error = NULL;
  gboolean ok;

  soup_message_headers_append (headers, "Content-Length", length);
  soup_message_headers_append (headers, "Content-Type", type);
  ok = pim_http_check_content_length (headers, 1024, "https://op.example/", &error);
  pim_fuzz_assert (ok == (error == NULL), "TRUE xor an error");
  pim_fuzz_check_error (error);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    pim_fuzz_assert (ok == ((guint64) soup_message_headers_get_content_length (headers) <= 1024),
                     "the size limit was not applied");
  (void) pim_http_content_type_is_json (soup_message_headers_get_content_type (headers, NULL));
  (void) pim_http_content_type_is_json (type);
}

static void
check_redirect (const char *location)
{
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", "https://op.example/start?code=secret");
  g_autoptr (GError) error = NULL;

  soup_message_headers_append (soup_message_get_response_headers (msg), "Location", location);
  error = pim_http_error_redirect (msg, "https://op.example/start");
  pim_fuzz_assert (error != NULL, "a redirect without an error");
  pim_fuzz_check_error (error);
}

static void
check_settings (const char *timeout, const char *count, const char *delay)
{
  g_autofree char *e0 = g_strconcat ("HTTP_TIMEOUT=", timeout, NULL);
  g_autofree char *e1 = g_strconcat ("HTTP_RETRY_COUNT=", count, NULL);
  g_autofree char *e2 = g_strconcat ("HTTP_RETRY_BASE_DELAY=", delay, NULL);
  const char      *envp[] = { e0, e1, e2, NULL };
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  PimHttpSettings settings;

  pim_http_settings_from_environ (envp, &settings, problems);
  pim_fuzz_assert (settings.timeout >= PIM_HTTP_TIMEOUT_MIN &&
                       settings.timeout <= PIM_HTTP_TIMEOUT_MAX,
                   "HTTP_TIMEOUT out of range");
  pim_fuzz_assert (settings.retry_count <= PIM_HTTP_RETRY_COUNT_MAX,
                   "HTTP_RETRY_COUNT out of range");
  pim_fuzz_assert (isfinite (settings.retry_base_delay) && settings.retry_base_delay >= 0 &&
                       settings.retry_base_delay <= PIM_HTTP_RETRY_BASE_DELAY_MAX,
                   "HTTP_RETRY_BASE_DELAY out of range");
  pim_fuzz_assert (settings.ca_file == NULL, "a CA file from nowhere");
  pim_http_settings_clear (&settings);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  PimFuzzInput     in = { data, size };
  g_autofree char *retry_after = take_header (&in);
  g_autofree char *cache_control = take_header (&in);
  g_autofree char *content_length = take_header (&in);
  g_autofree char *content_type = take_header (&in);
  g_autofree char *timeout = pim_fuzz_take_string (&in, 64);
  g_autofree char *count = pim_fuzz_take_string (&in, 64);
  g_autofree char *delay = pim_fuzz_take_string (&in, 64);
  g_autofree char *location = take_header (&in);

  pim_fuzz_init ();

  check_retry_after (retry_after);
  check_cache_control (cache_control);
  check_content (content_length, content_type);
  check_settings (timeout, count, delay);
  check_redirect (location);
  return 0;
}
