/* pim-http-response.c: reading and checking HTTP responses (pure, no I/O)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-http-private.h"
#include "pim-json-private.h"

PimHttpResponse *
pim_http_response_new (SoupMessage *msg, const char *uri_display, GBytes *body, guint retries)
{
  PimHttpResponse *self = g_new0 (PimHttpResponse, 1);

  self->status = soup_message_get_status (msg);
  self->reason = g_strdup (soup_message_get_reason_phrase (msg));
  self->uri_display = g_strdup (uri_display);
  self->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  self->body = body != NULL ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
  self->retries = retries;
  return self;
}

void
pim_http_response_free (PimHttpResponse *self)
{
  if (self == NULL)
    return;
  g_free (self->reason);
  g_free (self->uri_display);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self);
}

/*
 * pim_http_content_type_is_json:
 * @content_type: (nullable): a media type without parameters
 *
 * Returns: whether @content_type is `application/json` or a `+json`
 *   structured syntax type (RFC 6839), such as `application/jwk-set+json`
 */
gboolean
pim_http_content_type_is_json (const char *content_type)
{
  gsize len;

  if (content_type == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (content_type, "application/json") == 0)
    return TRUE;
  len = strlen (content_type);
  return g_ascii_strncasecmp (content_type, "application/", 12) == 0 && len > 17 &&
         g_ascii_strcasecmp (content_type + len - 5, "+json") == 0;
}

gboolean
pim_http_response_is_json (PimHttpResponse *self)
{
  return pim_http_content_type_is_json (
      soup_message_headers_get_content_type (self->headers, NULL));
}

/* The server's reason phrase, made safe for a message: libsoup passes on
 * whatever bytes the status line held (not always UTF-8, and maybe
 * terminal escapes), so only printable ASCII is kept, and at most 100
 * bytes of it. */
static char *
reason_for_display (const char *reason)
{
  GString *shown = g_string_new (NULL);

  for (const char *p = reason != NULL ? reason : ""; *p != '\0' && shown->len < 100; p++)
    g_string_append_c (shown, g_ascii_isprint (*p) ? *p : '?');
  return g_string_free (shown, FALSE);
}

gboolean
pim_http_response_check_success (PimHttpResponse *self, GError **error)
{
  g_autofree char *reason = NULL;

  if (SOUP_STATUS_IS_SUCCESSFUL (self->status))
    return TRUE;

  reason = reason_for_display (self->reason);
  if (self->retries > 0)
    g_set_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_STATUS,
                 /* translators: %s is a URL, %u an HTTP status code, the last %s
                  * its reason phrase and the second %u a number of attempts */
                 g_dngettext (GETTEXT_PACKAGE, "“%s” answered %u %s after %u retry",
                              "“%s” answered %u %s after %u retries", self->retries),
                 self->uri_display, self->status, reason, self->retries);
  else
    g_set_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_STATUS,
                 /* translators: %s is a URL, %u an HTTP status code, the last %s
                  * its reason phrase */
                 _ ("“%s” answered %u %s"), self->uri_display, self->status, reason);
  return FALSE;
}

/*
 * pim_http_parse_json_bytes:
 * @body: a response body
 * @uri_display: the URL it came from, for messages
 * @error: return location for a #GError
 *
 * Parses @body as one JSON document, with Pim's strict reader
 * (pim-json-private.h), as discovery documents and key sets are read.
 * Not json-glib's parser: version 1.6 accepts several values one after
 * the other ("1{…}", "{…}{…}"), returns the last and leaks the others.
 * The reader's own message is not passed on: an answer's body can hold
 * tokens.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set
 */
JsonNode *
pim_http_parse_json_bytes (GBytes *body, const char *uri_display, GError **error)
{
  gsize       len = 0;
  const char *data = g_bytes_get_data (body, &len);
  JsonNode   *root = NULL;

  if (len == 0 || (root = pim_json_parse_strict (data, len, PIM_JSON_MAX_DEPTH, NULL)) == NULL)
    {
      g_set_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_NOT_JSON,
                   _ ("The response from “%s” is not valid JSON"), uri_display);
      return NULL;
    }
  return root;
}

/* Refuses a response whose content type is not JSON. */
gboolean
pim_http_response_check_json_type (PimHttpResponse *self, GError **error)
{
  const char      *type;
  g_autofree char *shown = NULL;

  if (pim_http_response_is_json (self))
    return TRUE;
  type = soup_message_headers_get_content_type (self->headers, NULL);
  shown = g_strescape (type != NULL ? type : "none", NULL);
  g_set_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_NOT_JSON,
               /* translators: the first %s is a URL, the second a media type */
               _ ("The response from “%s” is not JSON (content type “%s”)"), self->uri_display,
               shown);
  return FALSE;
}

/* A 2xx answer with a JSON content type: what every JSON fetch needs
 * before it reads the body its own way. */
gboolean
pim_http_response_check_json (PimHttpResponse *self, GError **error)
{
  return pim_http_response_check_success (self, error) &&
         pim_http_response_check_json_type (self, error);
}

/* Checks the content type, then the body. */
JsonNode *
pim_http_response_parse_json (PimHttpResponse *self, GError **error)
{
  if (!pim_http_response_check_json_type (self, error))
    return NULL;
  return pim_http_parse_json_bytes (self->body, self->uri_display, error);
}

static void
set_too_large (GError **error, const char *uri_display, guint64 limit)
{
  g_set_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TOO_LARGE,
               /* translators: %s is a URL, the number a size in bytes */
               _ ("The response from “%s” is larger than the limit of %llu bytes"), uri_display,
               (unsigned long long) limit);
}

/* A declared length over the limit is refused before any body is read. */
gboolean
pim_http_check_content_length (SoupMessageHeaders *headers,
                               guint64             limit,
                               const char         *uri_display,
                               GError            **error)
{
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (headers) > limit)
    {
      set_too_large (error, uri_display, limit);
      return FALSE;
    }
  return TRUE;
}

/* Appends one chunk read from the body stream; fails as soon as the body
 * passes @limit, so an endless body costs at most one chunk more. */
gboolean
pim_http_body_append (GByteArray *body,
                      GBytes     *chunk,
                      guint64     limit,
                      const char *uri_display,
                      GError    **error)
{
  gsize         len = 0;
  const guint8 *data = g_bytes_get_data (chunk, &len);

  if ((guint64) body->len + len > limit)
    {
      set_too_large (error, uri_display, limit);
      return FALSE;
    }
  g_byte_array_append (body, data, (guint) len);
  return TRUE;
}

gboolean
pim_http_check_body_complete (SoupMessageHeaders *headers,
                              guint64             received,
                              const char         *uri_display,
                              GError            **error)
{
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      received < (guint64) soup_message_headers_get_content_length (headers))
    {
      g_set_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_CONNECTION,
                   /* translators: %s is a URL */
                   _ ("The connection to “%s” ended before the whole response was received"),
                   uri_display);
      return FALSE;
    }
  return TRUE;
}

GError *
pim_http_error_from_transport (const GError *error, const char *uri_display)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (PIM_HTTP_ERROR, PIM_HTTP_ERROR_TIMEOUT, _ ("Timed out waiting for “%s”"),
                        uri_display);
  if (error->domain == G_TLS_ERROR ||
      (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_NOT_SUPPORTED))
    return g_error_new (PIM_HTTP_ERROR, PIM_HTTP_ERROR_TLS,
                        /* translators: the first %s is a URL, the second a reason */
                        _ ("TLS connection to “%s” failed: %s"), uri_display, error->message);
  if (error->domain == G_RESOLVER_ERROR ||
      (error->domain == G_IO_ERROR &&
       (error->code == G_IO_ERROR_CONNECTION_REFUSED ||
        error->code == G_IO_ERROR_HOST_UNREACHABLE ||
        error->code == G_IO_ERROR_NETWORK_UNREACHABLE ||
        error->code == G_IO_ERROR_CONNECTION_CLOSED || error->code == G_IO_ERROR_BROKEN_PIPE ||
        error->code == G_IO_ERROR_PARTIAL_INPUT || error->code == G_IO_ERROR_HOST_NOT_FOUND)))
    return g_error_new (PIM_HTTP_ERROR, PIM_HTTP_ERROR_CONNECTION,
                        /* translators: the first %s is a URL, the second a reason */
                        _ ("Could not reach “%s”: %s"), uri_display, error->message);
  return g_error_new (PIM_HTTP_ERROR, PIM_HTTP_ERROR_FAILED,
                      /* translators: the first %s is a URL, the second a reason */
                      _ ("Request to “%s” failed: %s"), uri_display, error->message);
}

GError *
pim_http_error_redirect (SoupMessage *msg, const char *uri_display)
{
  const char *location =
      soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
  g_autofree char *target = NULL;

  if (location != NULL)
    {
      g_autoptr (GUri) resolved =
          g_uri_parse_relative (soup_message_get_uri (msg), location, SOUP_HTTP_URI_FLAGS, NULL);
      g_autofree char *text = resolved != NULL ? g_uri_to_string (resolved) : NULL;

      target = pim_http_uri_for_display (text != NULL ? text : location);
      return g_error_new (PIM_HTTP_ERROR, PIM_HTTP_ERROR_REDIRECT_REFUSED,
                          /* translators: the first %s is a URL, %u an HTTP status
                           * code and the last %s the URL it redirects to */
                          _ ("“%s” answered with a redirect (%u) to “%s”, which is not "
                             "followed"),
                          uri_display, soup_message_get_status (msg), target);
    }
  return g_error_new (PIM_HTTP_ERROR, PIM_HTTP_ERROR_REDIRECT_REFUSED,
                      /* translators: %s is a URL, %u an HTTP status code */
                      _ ("“%s” answered with a redirect (%u), which is not followed"), uri_display,
                      soup_message_get_status (msg));
}
