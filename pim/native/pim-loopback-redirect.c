/* pim-loopback-redirect.c: the pure part of the loopback redirect server
 * (RFC 8252 §7.3): classifying requests, reading the redirect's query,
 * and the pages the browser gets back
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <string.h>

#include "pim-loopback-redirect-private.h"
#include "pim-native-error.h"

PimLoopbackRequest
pim_loopback_classify (const char *method,
                       const char *path,
                       const char *query,
                       const char *expected_path,
                       gsize       max_query)
{
  if (path == NULL || expected_path == NULL || strcmp (path, expected_path) != 0)
    return PIM_LOOPBACK_REQUEST_NOT_FOUND;
  if (method == NULL || strcmp (method, "GET") != 0)
    return PIM_LOOPBACK_REQUEST_METHOD_NOT_ALLOWED;
  if (query != NULL && strlen (query) > max_query)
    return PIM_LOOPBACK_REQUEST_URI_TOO_LONG;
  if (query == NULL || *query == '\0')
    return PIM_LOOPBACK_REQUEST_BAD_REQUEST;
  return PIM_LOOPBACK_REQUEST_ACCEPT;
}

guint
pim_loopback_request_status (PimLoopbackRequest request)
{
  switch (request)
    {
    case PIM_LOOPBACK_REQUEST_ACCEPT:
      return 200;
    case PIM_LOOPBACK_REQUEST_BAD_REQUEST:
      return 400;
    case PIM_LOOPBACK_REQUEST_NOT_FOUND:
      return 404;
    case PIM_LOOPBACK_REQUEST_METHOD_NOT_ALLOWED:
      return 405;
    case PIM_LOOPBACK_REQUEST_URI_TOO_LONG:
      return 414;
    default:
      return 500;
    }
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes @len bytes of @text ('+' is a space); NULL for a bad escape, a
 * NUL byte or text that is not UTF-8. */
static char *
decode (const char *text, gsize len)
{
  g_autoptr (GString) out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '+')
        c = ' ';
      else if (c == '%')
        {
          int hi, lo;

          if (i + 2 >= len)
            return NULL;
          hi = hex_value (text[i + 1]);
          lo = hex_value (text[i + 2]);
          if (hi < 0 || lo < 0)
            return NULL;
          c = (char) (hi * 16 + lo);
          i += 2;
        }
      if (c == '\0')
        return NULL;
      g_string_append_c (out, c);
    }
  if (!g_utf8_validate (out->str, out->len, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GHashTable *
bad_redirect (GError **error, const char *message)
{
  g_set_error_literal (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_BAD_REDIRECT, message);
  return NULL;
}

GHashTable *
pim_loopback_parse_query (const char *query, GError **error)
{
  g_autoptr (GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *p;

  g_return_val_if_fail (query != NULL, NULL);

  if (strlen (query) > PIM_LOOPBACK_MAX_QUERY)
    return bad_redirect (error, _ ("The redirect is too long"));
  p = query;
  while (*p != '\0')
    {
      const char      *end = strchr (p, '&');
      const char      *eq;
      gsize            len = end != NULL ? (gsize) (end - p) : strlen (p);
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (len > 0)
        {
          eq = memchr (p, '=', len);
          name = decode (p, eq != NULL ? (gsize) (eq - p) : len);
          value = eq != NULL ? decode (eq + 1, len - (gsize) (eq + 1 - p)) : g_strdup ("");
          if (name == NULL || value == NULL)
            return bad_redirect (error, _ ("The redirect has a badly encoded parameter"));
          if (*name == '\0')
            return bad_redirect (error, _ ("The redirect has a parameter without a name"));
          if (g_hash_table_contains (params, name))
            return bad_redirect (error, _ ("The redirect has a parameter more than once"));
          g_hash_table_insert (params, g_steal_pointer (&name), g_steal_pointer (&value));
        }
      if (end == NULL)
        break;
      p = end + 1;
    }
  return g_steal_pointer (&params);
}

static void
append_escaped (GString *page, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (page, escaped);
}

char *
pim_loopback_build_page (PimLoopbackPage page)
{
  const char *title;
  const char *text;
  g_autoptr (GString) html = g_string_new (NULL);

  switch (page)
    {
    case PIM_LOOPBACK_PAGE_RECEIVED:
      title = _ ("Signed in");
      text = _ ("You can close this page and return to the application.");
      break;
    case PIM_LOOPBACK_PAGE_FAILED:
      title = _ ("Sign-in failed");
      text = _ ("The sign-in did not succeed. Return to the application for details.");
      break;
    case PIM_LOOPBACK_PAGE_GONE:
      title = _ ("Sign-in already finished");
      text = _ ("This sign-in is over. You can close this page.");
      break;
    case PIM_LOOPBACK_PAGE_NOT_REDIRECT:
    default:
      title = _ ("Not found");
      text = _ ("This page is not part of the sign-in.");
      break;
    }

  g_string_append (html, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                         "<meta name=\"viewport\" content=\"width=device-width\">"
                         "<meta name=\"referrer\" content=\"no-referrer\"><title>");
  append_escaped (html, title);
  g_string_append (html, "</title><style>body{font-family:sans-serif;margin:3em auto;"
                         "max-width:32em;padding:0 1em;line-height:1.5}</style></head>"
                         "<body><h1>");
  append_escaped (html, title);
  g_string_append (html, "</h1><p>");
  append_escaped (html, text);
  g_string_append (html, "</p></body></html>\n");
  return g_string_free (g_steal_pointer (&html), FALSE);
}

const char *const *
pim_loopback_response_headers (void)
{
  static const char *const headers[] = {
    "Cache-Control",
    "no-store",
    "Pragma",
    "no-cache",
    "Referrer-Policy",
    "no-referrer",
    "Content-Security-Policy",
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'",
    "X-Content-Type-Options",
    "nosniff",
    "X-Frame-Options",
    "DENY",
    NULL,
  };

  return headers;
}
