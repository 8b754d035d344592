/* fuzz-oauth-error.c: OAuth error answers (pim_oauth_error_from_response
 * in pim/oauth/pim-oauth-exchange.c: RFC 6749 §5.2 bodies and RFC 6750 §3
 * WWW-Authenticate: Bearer challenges)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input makes a refused HTTP answer: byte 0 picks the status and the
 * Content-Type; then come the reason phrase and the WWW-Authenticate
 * value (random-length strings; a "Bearer " is put in front of the latter
 * when byte 1 is odd), and the rest is the body. Properties: there is
 * always an error and details; the error is PIM_OAUTH_ERROR or
 * PIM_HTTP_ERROR; its message is valid UTF-8 and short (server text is
 * sanitized and bounded); the details keep the status.
 */

#include "fuzz-common.h"

#include "pim-oauth-private.h"

static const guint       statuses[] = { 400, 401, 403, 429, 500, 503, 302, 200 };
static const char *const content_types[] = {
  "application/json",
  "application/json; charset=utf-8",
  "application/problem+json",
  "APPLICATION/JSON",
  "text/html",
  "text/plain; charset=iso-8859-1",
  "application/jsonx",
  NULL,
};

/* What an HTTP parser would let through into a header value or a reason
 * phrase: no CR, LF or NUL. */
static void
strip_line_breaks (char *text)
{
  for (char *p = text; *p != '\0'; p++)
    if (*p == '\r' || *p == '\n')
      *p = ' ';
}

static void
check_text (const char *text, const char *what)
{
  if (text != NULL)
    pim_fuzz_assert (g_utf8_validate (text, -1, NULL), what);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  PimFuzzInput     in = { data, size };
  guint8           pick = pim_fuzz_take_byte (&in);
  gboolean         bearer = pim_fuzz_take_byte (&in) & 1;
  g_autofree char *reason = pim_fuzz_take_string (&in, 256);
  g_autofree char *challenge = pim_fuzz_take_string (&in, 2048);
  guint            status = statuses[pick % G_N_ELEMENTS (statuses)];
  const char      *content_type = content_types[(pick / 8) % G_N_ELEMENTS (content_types)];
  g_autoptr (PimHttpResponse) response = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;
  g_autoptr (GError) error = NULL;

  pim_fuzz_init ();

  response = pim_fuzz_response_new (status, NULL, in.data, in.size);
  if (content_type != NULL)
    soup_message_headers_replace (response->headers, "Content-Type", content_type);
  strip_line_breaks (reason);
  g_free (response->reason);
  response->reason = g_strdup (reason);
  strip_line_breaks (challenge);
  if (bearer || *challenge != '\0')
    {
      g_autofree char *value = g_strconcat (bearer ? "Bearer " : "", challenge, NULL);

      soup_message_headers_append (response->headers, "WWW-Authenticate", value);
    }

  error = pim_oauth_error_from_response (response, "token endpoint", &details);
  pim_fuzz_assert (error != NULL, "a refusal without an error");
  pim_fuzz_assert (details != NULL, "a refusal without details");
  pim_fuzz_assert (error->domain == PIM_OAUTH_ERROR || error->domain == PIM_HTTP_ERROR,
                   "an error of another domain");
  pim_fuzz_check_error (error);
  pim_fuzz_assert (strlen (error->message) < 1024, "an unbounded error message");
  pim_fuzz_assert (pim_oauth_error_response_get_status (details) == status,
                   "the details lost the status");
  check_text (pim_oauth_error_response_get_error (details), "an error string that is not UTF-8");
  check_text (pim_oauth_error_response_get_error_description (details),
              "an error description that is not UTF-8");
  check_text (pim_oauth_error_response_get_error_uri (details), "an error URI that is not UTF-8");
  (void) pim_oauth_error_response_get_endpoint (details);
  (void) pim_oauth_error_response_get_json (details);
  return 0;
}
