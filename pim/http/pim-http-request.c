/* pim-http-request.c: building HTTP requests (pure, no I/O)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-http-private.h"
#include "pim-json-private.h"

struct _PimHttpRequest
{
  gatomicrefcount ref_count;
  char           *method;
  char           *uri;
  GPtrArray      *headers; /* name, value, name, value… */
  GString        *form;    /* application/x-www-form-urlencoded, or NULL */
  GBytes         *body;
  char           *content_type;
  gboolean        expect_json;
  gboolean        allow_insecure;
};

/*
 * pim_http_uri_for_display:
 * @uri: a URL, valid or not
 *
 * Returns: (transfer full): @uri without user info, query and fragment, for
 *   error and log messages: codes, tokens and secrets travel in those parts.
 */
char *
pim_http_uri_for_display (const char *uri)
{
  g_autoptr (GUri) parsed = NULL;

  if (uri == NULL)
    return g_strdup ("(none)");
  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  if (parsed != NULL)
    {
      char *shown = g_uri_to_string_partial (parsed, G_URI_HIDE_USERINFO | G_URI_HIDE_QUERY |
                                                         G_URI_HIDE_FRAGMENT);

      /* GUri keeps control characters of an encoded host or path as they
       * are (a redirect's Location can hold form feeds): never in a
       * message. */
      for (char *p = shown; *p != '\0'; p++)
        if ((guchar) *p < 0x20 || *p == 0x7f)
          *p = '?';
      return shown;
    }
  /* Not a URL: keep only what comes before a query or fragment, and only
   * printable ASCII, so that an error never echoes a secret or garbage. */
  {
    GString *shown = g_string_new (NULL);

    for (const char *p = uri; *p != '\0' && *p != '?' && *p != '#' && shown->len < 200; p++)
      g_string_append_c (shown, g_ascii_isprint (*p) ? *p : '?');
    return g_string_free (shown, FALSE);
  }
}

/*
 * pim_http_uri_is_loopback:
 * @uri: a parsed URL
 *
 * Returns: whether the host of @uri is a loopback address (127.0.0.0/8,
 *   ::1) or the name `localhost`.
 */
gboolean
pim_http_uri_is_loopback (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  g_autoptr (GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/*
 * pim_http_uri_parse_checked:
 * @uri: a URL
 * @allow_insecure: whether plain `http` may go beyond the loopback interface
 * @error: return location for a #GError
 *
 * Parses an absolute `http` or `https` URL with a host, and refuses plain
 * `http` outside loopback unless @allow_insecure.
 *
 * Returns: (transfer full): the parsed URL, or %NULL with @error set
 */
GUri *
pim_http_uri_parse_checked (const char *uri, gboolean allow_insecure, GError **error)
{
  g_autoptr (GUri) parsed = NULL;
  g_autofree char *shown = pim_http_uri_for_display (uri);
  const char      *scheme;

  if (uri != NULL)
    parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);
  if (parsed == NULL || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    {
      g_set_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is not an absolute HTTP URL"), shown);
      return NULL;
    }
  scheme = g_uri_get_scheme (parsed);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is not an HTTP or HTTPS URL"), shown);
      return NULL;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !allow_insecure &&
      !pim_http_uri_is_loopback (parsed))
    {
      g_set_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INSECURE,
                   _ ("Refusing plain HTTP to “%s”: HTTPS is required outside the "
                      "loopback interface"),
                   shown);
      return NULL;
    }
  return g_steal_pointer (&parsed);
}

PimHttpRequest *
pim_http_request_new (const char *method, const char *uri)
{
  PimHttpRequest *self = g_new0 (PimHttpRequest, 1);

  g_return_val_if_fail (method != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->method = g_strdup (method);
  self->uri = g_strdup (uri);
  self->headers = g_ptr_array_new_with_free_func (g_free);
  return self;
}

PimHttpRequest *
pim_http_request_ref (PimHttpRequest *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pim_http_request_unref (PimHttpRequest *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->method);
  g_free (self->uri);
  g_ptr_array_unref (self->headers);
  if (self->form != NULL)
    g_string_free (self->form, TRUE);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self->content_type);
  g_free (self);
}

const char *
pim_http_request_get_method (PimHttpRequest *self)
{
  return self->method;
}

const char *
pim_http_request_get_uri (PimHttpRequest *self)
{
  return self->uri;
}

void
pim_http_request_add_header (PimHttpRequest *self, const char *name, const char *value)
{
  g_ptr_array_add (self->headers, g_strdup (name));
  g_ptr_array_add (self->headers, g_strdup (value));
}

/* Form encoding percent-encodes everything but RFC 3986's unreserved set;
 * that is what application/x-www-form-urlencoded decoders accept, and what
 * RFC 6749 §2.3.1 asks for the client id and secret. */
void
pim_http_request_add_form_param (PimHttpRequest *self, const char *name, const char *value)
{
  g_return_if_fail (self->body == NULL);

  if (self->form == NULL)
    self->form = g_string_new (NULL);
  else
    g_string_append_c (self->form, '&');
  g_string_append_uri_escaped (self->form, name, NULL, FALSE);
  g_string_append_c (self->form, '=');
  g_string_append_uri_escaped (self->form, value != NULL ? value : "", NULL, FALSE);
}

void
pim_http_request_set_json_body (PimHttpRequest *self, JsonNode *node)
{
  g_autofree char *text = pim_json_to_string (node);
  gsize            len = strlen (text);

  pim_http_request_set_body (self, "application/json",
                             g_bytes_new_take (g_steal_pointer (&text), len));
}

/* Takes ownership of @body. */
void
pim_http_request_set_body (PimHttpRequest *self, const char *content_type, GBytes *body)
{
  g_return_if_fail (self->form == NULL);

  g_clear_pointer (&self->body, g_bytes_unref);
  self->body = body;
  g_free (self->content_type);
  self->content_type = g_strdup (content_type);
}

GBytes *
pim_http_request_get_body (PimHttpRequest *self, const char **content_type)
{
  if (self->form != NULL)
    {
      *content_type = "application/x-www-form-urlencoded";
      return g_bytes_new (self->form->str, self->form->len);
    }
  *content_type = self->content_type;
  return self->body != NULL ? g_bytes_ref (self->body) : NULL;
}

void
pim_http_request_set_expect_json (PimHttpRequest *self, gboolean expect_json)
{
  self->expect_json = expect_json;
}

gboolean
pim_http_request_get_expect_json (PimHttpRequest *self)
{
  return self->expect_json;
}

void
pim_http_request_set_allow_insecure (PimHttpRequest *self, gboolean allow_insecure)
{
  self->allow_insecure = allow_insecure;
}

/*
 * pim_http_request_build_message:
 * @self: a request
 * @error: return location for a #GError
 *
 * Builds the #SoupMessage for one attempt: a new one per attempt, since a
 * message is not sent twice. Redirects are never followed.
 *
 * Returns: (transfer full): the message, or %NULL with @error set
 */
SoupMessage *
pim_http_request_build_message (PimHttpRequest *self, GError **error)
{
  g_autoptr (GUri) uri = pim_http_uri_parse_checked (self->uri, self->allow_insecure, error);
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  SoupMessageHeaders *headers;
  const char         *content_type = NULL;

  if (uri == NULL)
    return NULL;

  msg = soup_message_new_from_uri (self->method, uri);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (msg);
  if (self->expect_json)
    soup_message_headers_replace (headers, "Accept", "application/json");
  for (guint i = 0; i + 1 < self->headers->len; i += 2)
    soup_message_headers_append (headers, self->headers->pdata[i], self->headers->pdata[i + 1]);

  body = pim_http_request_get_body (self, &content_type);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);

  return g_steal_pointer (&msg);
}
