/* http-unit-test.c: the pure functions of the HTTP layer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-http-private.h"

#include <glib/gstdio.h>

/* ---- Environment ---- */

static void
test_settings_defaults (void)
{
  /* Empty values count as unset. */
  const char     *envp[] = { "HTTP_TIMEOUT=", "HTTP_RETRY_COUNT=", "SSL_CERT_FILE=", NULL };
  PimHttpSettings settings;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  pim_http_settings_from_environ (envp, &settings, problems);
  g_assert_cmpuint (settings.timeout, ==, PIM_HTTP_CLIENT_DEFAULT_TIMEOUT);
  g_assert_cmpuint (settings.retry_count, ==, PIM_HTTP_RETRY_COUNT_DEFAULT);
  g_assert_cmpfloat (settings.retry_base_delay, ==, PIM_HTTP_RETRY_BASE_DELAY_DEFAULT);
  g_assert_null (settings.ca_file);
  g_assert_cmpuint (problems->len, ==, 0);
  pim_http_settings_clear (&settings);
}

static void
test_settings_valid (void)
{
  const char     *envp[] = { "HTTP_TIMEOUT=2.5", "HTTP_RETRY_COUNT=5", "HTTP_RETRY_BASE_DELAY=0.25",
                             NULL };
  PimHttpSettings settings;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  pim_http_settings_from_environ (envp, &settings, problems);
  g_assert_cmpuint (settings.timeout, ==, 3); /* rounded up: never shorter than asked */
  g_assert_cmpuint (settings.retry_count, ==, 5);
  g_assert_cmpfloat (settings.retry_base_delay, ==, 0.25);
  g_assert_cmpuint (problems->len, ==, 0);
  pim_http_settings_clear (&settings);
}

typedef struct
{
  const char *assignment;
  guint       timeout;
  guint       retry_count;
  double      base_delay;
} BadEnvCase;

static const BadEnvCase bad_env_cases[] = {
  { "HTTP_TIMEOUT=abc", 30, 3, 1.0 },           { "HTTP_TIMEOUT=-4", 30, 3, 1.0 },
  { "HTTP_TIMEOUT=nan", 30, 3, 1.0 },           { "HTTP_TIMEOUT=inf", 30, 3, 1.0 },
  { "HTTP_TIMEOUT=10s", 30, 3, 1.0 },           { "HTTP_TIMEOUT=0", 1, 3, 1.0 },
  { "HTTP_TIMEOUT=999999", 3600, 3, 1.0 },      { "HTTP_RETRY_COUNT=99", 30, 10, 1.0 },
  { "HTTP_RETRY_COUNT=2.7", 30, 2, 1.0 },       { "HTTP_RETRY_COUNT=many", 30, 3, 1.0 },
  { "HTTP_RETRY_BASE_DELAY=1e9", 30, 3, 60.0 }, { "HTTP_RETRY_BASE_DELAY=-1", 30, 3, 1.0 },
};

static void
test_settings_bad (gconstpointer data)
{
  const BadEnvCase *c = data;
  const char       *envp[] = { c->assignment, NULL };
  PimHttpSettings   settings;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  pim_http_settings_from_environ (envp, &settings, problems);
  g_assert_cmpuint (settings.timeout, ==, c->timeout);
  g_assert_cmpuint (settings.retry_count, ==, c->retry_count);
  g_assert_cmpfloat (settings.retry_base_delay, ==, c->base_delay);
  /* Every bad value is reported, once. */
  g_assert_cmpuint (problems->len, ==, 1);
  pim_http_settings_clear (&settings);
}

static void
test_settings_ca_bundle (void)
{
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  g_autoptr (GError) error = NULL;
  int             fd = g_file_open_tmp ("pim-ca-XXXXXX.pem", &path, &error);
  PimHttpSettings settings;

  g_assert_no_error (error);
  close (fd);
  missing = g_strconcat (path, ".missing", NULL);

  /* SSL_CERT_FILE wins over the others; an empty one is skipped. */
  {
    g_autofree char *ssl = g_strconcat ("SSL_CERT_FILE=", path, NULL);
    const char      *envp[] = { "REQUESTS_CA_BUNDLE=/nonexistent", ssl, NULL };

    pim_http_settings_from_environ (envp, &settings, NULL);
    g_assert_cmpstr (settings.ca_file, ==, path);
    pim_http_settings_clear (&settings);
  }
  {
    g_autofree char *curl = g_strconcat ("CURL_CA_BUNDLE=", path, NULL);
    const char      *envp[] = { "SSL_CERT_FILE=", curl, NULL };

    pim_http_settings_from_environ (envp, &settings, NULL);
    g_assert_cmpstr (settings.ca_file, ==, path);
    pim_http_settings_clear (&settings);
  }
  /* A missing file is reported and the system trust is used. */
  {
    g_autofree char *ssl = g_strconcat ("SSL_CERT_FILE=", missing, NULL);
    const char      *envp[] = { ssl, NULL };
    g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

    pim_http_settings_from_environ (envp, &settings, problems);
    g_assert_null (settings.ca_file);
    g_assert_cmpuint (problems->len, ==, 1);
    pim_http_settings_clear (&settings);
  }
  g_unlink (path);
}

/* ---- URLs ---- */

static void
test_uri_display (void)
{
  struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "https://op.example/token?code=SECRET#frag", "https://op.example/token" },
    { "https://user:pass@op.example:8443/a/b", "https://op.example:8443/a/b" },
    { "http://127.0.0.1:80/x", "http://127.0.0.1:80/x" },
    { "not a url?secret=1", "not a url" },
    { "bad\001chars", "bad?chars" },
    /* GUri parses these, control characters and all (a fuzzed Location). */
    { "https://\f\f  x\x7f/p\r\n?q", "https://??  x?/p%0D%0A" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = pim_http_uri_for_display (cases[i].in);

      g_assert_cmpstr (shown, ==, cases[i].out);
    }
}

static void
test_uri_checked (void)
{
  struct
  {
    const char *uri;
    gboolean    allow_insecure;
    int         code; /* -1: accepted */
  } cases[] = {
    { "https://op.example/", FALSE, -1 },
    { "http://127.0.0.1:8080/", FALSE, -1 },
    { "http://127.1.2.3/", FALSE, -1 },
    { "http://[::1]:9/x", FALSE, -1 },
    { "http://localhost/x", FALSE, -1 },
    { "http://LOCALHOST/x", FALSE, -1 },
    { "http://op.example/", FALSE, PIM_HTTP_ERROR_INSECURE },
    { "http://10.0.0.1/", FALSE, PIM_HTTP_ERROR_INSECURE },
    { "http://127.0.0.1.evil.example/", FALSE, PIM_HTTP_ERROR_INSECURE },
    { "http://localhost.evil.example/", FALSE, PIM_HTTP_ERROR_INSECURE },
    { "http://op.example/", TRUE, -1 },
    { "ftp://op.example/", FALSE, PIM_HTTP_ERROR_INVALID_ARGUMENT },
    { "file:///etc/passwd", FALSE, PIM_HTTP_ERROR_INVALID_ARGUMENT },
    { "/relative", FALSE, PIM_HTTP_ERROR_INVALID_ARGUMENT },
    { "https://", FALSE, PIM_HTTP_ERROR_INVALID_ARGUMENT },
    { "", FALSE, PIM_HTTP_ERROR_INVALID_ARGUMENT },
    { NULL, FALSE, PIM_HTTP_ERROR_INVALID_ARGUMENT },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GUri) uri =
          pim_http_uri_parse_checked (cases[i].uri, cases[i].allow_insecure, &error);

      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (uri);
        }
      else
        {
          g_assert_error (error, PIM_HTTP_ERROR, cases[i].code);
          g_assert_null (uri);
        }
    }
}

/* ---- Requests ---- */

static void
test_request_form (void)
{
  g_autoptr (PimHttpRequest) request = pim_http_request_new ("POST", "https://op.example/token");
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  const char *type = NULL;

  pim_http_request_add_form_param (request, "grant_type", "client_credentials");
  pim_http_request_add_form_param (request, "scope", "a b+c");
  pim_http_request_add_form_param (request, "x", "p:m %&=/é");
  pim_http_request_add_form_param (request, "empty", NULL);
  pim_http_request_add_header (request, "X-Test", "1");
  pim_http_request_set_expect_json (request, TRUE);

  body = pim_http_request_get_body (request, &type);
  g_assert_cmpstr (type, ==, "application/x-www-form-urlencoded");
  g_assert_cmpmem (
      g_bytes_get_data (body, NULL), g_bytes_get_size (body),
      "grant_type=client_credentials&scope=a%20b%2Bc&x=p%3Am%20%25%26%3D%2F%C3%A9&empty=",
      strlen ("grant_type=client_credentials&scope=a%20b%2Bc&x=p%3Am%20%25%26%3D%2F%C3%A9&empty="));

  msg = pim_http_request_build_message (request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (soup_message_get_method (msg), ==, "POST");
  g_assert_true (soup_message_query_flags (msg, SOUP_MESSAGE_NO_REDIRECT));
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (msg), "Accept"),
                   ==, "application/json");
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (msg), "X-Test"),
                   ==, "1");
}

static void
test_request_json_body (void)
{
  g_autoptr (PimHttpRequest) request = pim_http_request_new ("POST", "https://op.example/reg");
  g_autoptr (JsonNode) node = json_from_string ("{\"a\":[1,\"x\"]}", NULL);
  g_autoptr (GBytes) body = NULL;
  const char *type = NULL;

  pim_http_request_set_json_body (request, node);
  body = pim_http_request_get_body (request, &type);
  g_assert_cmpstr (type, ==, "application/json");
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "{\"a\":[1,\"x\"]}", 13);
}

static void
test_request_refuses_insecure (void)
{
  g_autoptr (PimHttpRequest) request = pim_http_request_new ("GET", "http://op.example/x?secret=1");
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupMessage) msg = pim_http_request_build_message (request, &error);

  g_assert_null (msg);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE);
  g_assert_null (strstr (error->message, "secret"));
  g_clear_error (&error);

  pim_http_request_set_allow_insecure (request, TRUE);
  g_clear_object (&msg);
  msg = pim_http_request_build_message (request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (msg);
}

/* ---- Responses ---- */

static void
test_content_type_json (void)
{
  g_assert_true (pim_http_content_type_is_json ("application/json"));
  g_assert_true (pim_http_content_type_is_json ("Application/JSON"));
  g_assert_true (pim_http_content_type_is_json ("application/jwk-set+json"));
  g_assert_true (pim_http_content_type_is_json ("application/problem+json"));
  g_assert_false (pim_http_content_type_is_json ("application/+json"));
  g_assert_false (pim_http_content_type_is_json ("text/json+html"));
  g_assert_false (pim_http_content_type_is_json ("text/html"));
  g_assert_false (pim_http_content_type_is_json ("application/jsonx"));
  g_assert_false (pim_http_content_type_is_json (NULL));
}

static void
test_parse_json_bytes (void)
{
  /* json-glib 1.6 took several values in a row for the last one and leaked
   * the others (found by tests/fuzz: "2{…}"); the strict reader refuses
   * them, and duplicate members. */
  const char *bad[] = { "",
                        "{",
                        "not json",
                        "{\"a\":1} trailing",
                        "\xff\xfe{}",
                        "2{\"a\":1}",
                        "\"x\"{\"a\":1}",
                        "{\"a\":1}{\"b\":2}",
                        "[1][2]",
                        "{\"a\":1,\"a\":2}" };
  g_autoptr (GBytes) good = g_bytes_new_static ("{\"a\":1}", 7);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = pim_http_parse_json_bytes (good, "https://x/", &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GBytes) body = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr (JsonNode) none = pim_http_parse_json_bytes (body, "https://x/", &error);

      g_assert_null (none);
      g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_NOT_JSON);
      g_clear_error (&error);
    }
}

/* A reason phrase is the server's text, in whatever bytes it sent: only
 * printable ASCII of it reaches a message (found by tests/fuzz). */
static void
test_status_reason (void)
{
  PimHttpResponse *response = g_new0 (PimHttpResponse, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *long_reason = g_strnfill (300, 'x');

  response->status = 503;
  response->reason = g_strdup ("Busy \xff\xfe\x1b[31m\r\n");
  response->uri_display = g_strdup ("https://op.example/token");
  response->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_assert_false (pim_http_response_check_success (response, &error));
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_STATUS);
  g_assert_cmpstr (error->message, ==, "“https://op.example/token” answered 503 Busy ???[31m??");
  g_clear_error (&error);

  /* Bounded, with retries too. */
  g_free (response->reason);
  response->reason = g_strdup (long_reason);
  response->retries = 2;
  g_assert_false (pim_http_response_check_success (response, &error));
  g_assert_nonnull (strstr (error->message, long_reason + 200));
  g_assert_null (strstr (error->message, long_reason + 199));
  pim_http_response_free (response);
}

static void
test_body_limit (void)
{
  g_autoptr (GByteArray) body = g_byte_array_new ();
  g_autoptr (GBytes) chunk = g_bytes_new_static ("0123456789", 10);
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);

  g_assert_true (pim_http_body_append (body, chunk, 20, "u", &error));
  g_assert_true (pim_http_body_append (body, chunk, 20, "u", &error));
  g_assert_no_error (error);
  g_assert_false (pim_http_body_append (body, chunk, 20, "u", &error));
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TOO_LARGE);
  g_assert_cmpuint (body->len, ==, 20);
  g_clear_error (&error);

  soup_message_headers_set_content_length (headers, 21);
  g_assert_false (pim_http_check_content_length (headers, 20, "u", &error));
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TOO_LARGE);
  g_clear_error (&error);
  soup_message_headers_set_content_length (headers, 20);
  g_assert_true (pim_http_check_content_length (headers, 20, "u", &error));
  g_assert_no_error (error);
}

static void
test_transport_errors (void)
{
  struct
  {
    GQuark domain;
    int    code;
    GQuark want_domain;
    int    want_code;
  } cases[] = {
    { G_IO_ERROR, G_IO_ERROR_CANCELLED, G_IO_ERROR, G_IO_ERROR_CANCELLED },
    { G_IO_ERROR, G_IO_ERROR_TIMED_OUT, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TIMEOUT },
    { G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TLS },
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, PIM_HTTP_ERROR, PIM_HTTP_ERROR_CONNECTION },
    { G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, PIM_HTTP_ERROR, PIM_HTTP_ERROR_CONNECTION },
    { SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING, PIM_HTTP_ERROR, PIM_HTTP_ERROR_FAILED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) in = g_error_new_literal (cases[i].domain, cases[i].code, "reason");
      g_autoptr (GError) out = pim_http_error_from_transport (in, "https://op.example/x");

      g_assert_error (out, cases[i].want_domain, cases[i].want_code);
    }
}

/* ---- Retries ---- */

static void
test_retry_after (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_utc (2026, 11, 27, 12, 0, 0);
  double seconds = -1;

  g_assert_true (pim_http_parse_retry_after ("3", now, &seconds));
  g_assert_cmpfloat (seconds, ==, 3);
  g_assert_true (pim_http_parse_retry_after (" 0 ", now, &seconds));
  g_assert_cmpfloat (seconds, ==, 0);
  g_assert_true (pim_http_parse_retry_after ("99999999999999999999", now, &seconds));
  g_assert_cmpfloat (seconds, ==, G_MAXINT32);
  g_assert_true (pim_http_parse_retry_after ("Fri, 27 Nov 2026 12:00:10 GMT", now, &seconds));
  g_assert_cmpfloat (seconds, ==, 10);
  g_assert_true (pim_http_parse_retry_after ("Fri, 27 Nov 2026 11:00:00 GMT", now, &seconds));
  g_assert_cmpfloat (seconds, ==, 0);

  g_assert_false (pim_http_parse_retry_after (NULL, now, &seconds));
  g_assert_false (pim_http_parse_retry_after ("", now, &seconds));
  g_assert_false (pim_http_parse_retry_after ("-1", now, &seconds));
  g_assert_false (pim_http_parse_retry_after ("1.5", now, &seconds));
  g_assert_false (pim_http_parse_retry_after ("3s", now, &seconds));
  g_assert_false (pim_http_parse_retry_after ("tomorrow", now, &seconds));
}

static void
test_retry_delay (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_utc (2026, 11, 27, 12, 0, 0);

  /* Exponential, with at most 10% jitter. */
  for (guint attempt = 0; attempt < 4; attempt++)
    {
      double expected = 0.5 * (1 << attempt);
      double delay = pim_http_retry_delay (attempt, NULL, 0.5, 60, now);

      g_assert_cmpfloat (delay, >=, expected);
      g_assert_cmpfloat (delay, <=, expected * 1.1);
    }
  /* Capped, whatever the attempt. */
  g_assert_cmpfloat (pim_http_retry_delay (200, NULL, 1, 5, now), ==, 5);
  /* Retry-After replaces the backoff, and is capped too. */
  g_assert_cmpfloat (pim_http_retry_delay (3, "2", 1, 60, now), ==, 2);
  g_assert_cmpfloat (pim_http_retry_delay (0, "3600", 1, 7, now), ==, 7);
  g_assert_cmpfloat (pim_http_retry_delay (0, "Fri, 27 Nov 2026 12:00:04 GMT", 1, 60, now), ==, 4);
  /* An unparsable Retry-After falls back to backoff. */
  g_assert_cmpfloat (pim_http_retry_delay (0, "soon", 1, 60, now), >=, 1);

  g_assert_true (pim_http_status_is_retryable (429));
  g_assert_true (pim_http_status_is_retryable (503));
  g_assert_false (pim_http_status_is_retryable (500));
  g_assert_false (pim_http_status_is_retryable (502));
  g_assert_false (pim_http_status_is_retryable (400));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http/settings/defaults", test_settings_defaults);
  g_test_add_func ("/http/settings/valid", test_settings_valid);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_env_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/http/settings/bad/%zu", i);

      g_test_add_data_func (path, &bad_env_cases[i], test_settings_bad);
    }
  g_test_add_func ("/http/settings/ca-bundle", test_settings_ca_bundle);
  g_test_add_func ("/http/uri/display", test_uri_display);
  g_test_add_func ("/http/uri/checked", test_uri_checked);
  g_test_add_func ("/http/request/form", test_request_form);
  g_test_add_func ("/http/request/json-body", test_request_json_body);
  g_test_add_func ("/http/request/refuses-insecure", test_request_refuses_insecure);
  g_test_add_func ("/http/response/content-type", test_content_type_json);
  g_test_add_func ("/http/response/parse-json", test_parse_json_bytes);
  g_test_add_func ("/http/response/status-reason", test_status_reason);
  g_test_add_func ("/http/response/body-limit", test_body_limit);
  g_test_add_func ("/http/response/transport-errors", test_transport_errors);
  g_test_add_func ("/http/retry/retry-after", test_retry_after);
  g_test_add_func ("/http/retry/delay", test_retry_delay);

  return g_test_run ();
}
