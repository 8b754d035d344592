/* loopback-redirect-test.c: the pure part of the browser sign-in's
 * loopback server (pim/native/pim-loopback-redirect.c): which request is
 * the redirect, reading its query, the page and headers of the answer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>
#include <string.h>

#include "pim-loopback-redirect-private.h"

#define PATH "/pim/AAAAAAAAAAAAAAAAAAAAAA"

static void
test_classify (void)
{
  static const struct
  {
    const char        *method;
    const char        *path;
    const char        *query;
    PimLoopbackRequest expected;
    guint              status;
  } cases[] = {
    { "GET", PATH, "code=a&state=b", PIM_LOOPBACK_REQUEST_ACCEPT, 200 },
    { "GET", PATH, "x", PIM_LOOPBACK_REQUEST_ACCEPT, 200 },
    { "GET", PATH, NULL, PIM_LOOPBACK_REQUEST_BAD_REQUEST, 400 },
    { "GET", PATH, "", PIM_LOOPBACK_REQUEST_BAD_REQUEST, 400 },
    { "POST", PATH, "code=a", PIM_LOOPBACK_REQUEST_METHOD_NOT_ALLOWED, 405 },
    { "HEAD", PATH, "code=a", PIM_LOOPBACK_REQUEST_METHOD_NOT_ALLOWED, 405 },
    { "get", PATH, "code=a", PIM_LOOPBACK_REQUEST_METHOD_NOT_ALLOWED, 405 },
    { NULL, PATH, "code=a", PIM_LOOPBACK_REQUEST_METHOD_NOT_ALLOWED, 405 },
    { "GET", PATH "/", "code=a", PIM_LOOPBACK_REQUEST_NOT_FOUND, 404 },
    { "GET", PATH "x", "code=a", PIM_LOOPBACK_REQUEST_NOT_FOUND, 404 },
    { "GET", "/pim/AAAAAAAAAAAAAAAAAAAAA", "code=a", PIM_LOOPBACK_REQUEST_NOT_FOUND, 404 },
    { "GET", "/pim/aaaaaaaaaaaaaaaaaaaaaa", "code=a", PIM_LOOPBACK_REQUEST_NOT_FOUND, 404 },
    { "GET", "/", "code=a", PIM_LOOPBACK_REQUEST_NOT_FOUND, 404 },
    { "GET", NULL, "code=a", PIM_LOOPBACK_REQUEST_NOT_FOUND, 404 },
    /* Another path wins over another method. */
    { "POST", "/favicon.ico", NULL, PIM_LOOPBACK_REQUEST_NOT_FOUND, 404 },
  };
  g_autofree char *at_limit = g_strnfill (PIM_LOOPBACK_MAX_QUERY, 'a');
  g_autofree char *over_limit = g_strnfill (PIM_LOOPBACK_MAX_QUERY + 1, 'a');

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PimLoopbackRequest request =
          pim_loopback_classify (cases[i].method, cases[i].path, cases[i].query, PATH,
                                 PIM_LOOPBACK_MAX_QUERY);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpint (request, ==, cases[i].expected);
      g_assert_cmpuint (pim_loopback_request_status (request), ==, cases[i].status);
    }
  g_assert_cmpint (pim_loopback_classify ("GET", PATH, at_limit, PATH, PIM_LOOPBACK_MAX_QUERY), ==,
                   PIM_LOOPBACK_REQUEST_ACCEPT);
  g_assert_cmpint (pim_loopback_classify ("GET", PATH, over_limit, PATH, PIM_LOOPBACK_MAX_QUERY),
                   ==, PIM_LOOPBACK_REQUEST_URI_TOO_LONG);
  g_assert_cmpuint (pim_loopback_request_status (PIM_LOOPBACK_REQUEST_URI_TOO_LONG), ==, 414);
  /* Too long on another path is still another path. */
  g_assert_cmpint (pim_loopback_classify ("GET", "/x", over_limit, PATH, PIM_LOOPBACK_MAX_QUERY),
                   ==, PIM_LOOPBACK_REQUEST_NOT_FOUND);
}

static void
test_parse_query (void)
{
  static const struct
  {
    const char *query;
    const char *name;
    const char *value;
    guint       n;
  } good[] = {
    { "code=a&state=b", "code", "a", 2 },
    { "code=a%2Bb%20c", "code", "a+b c", 1 },
    { "code=a+b", "code", "a b", 1 },
    { "a%3Db=c", "a=b", "c", 1 },
    { "flag", "flag", "", 1 },
    { "flag=", "flag", "", 1 },
    { "code=a&&state=b&", "state", "b", 2 },
    { "x=%C3%A9", "x", "\xc3\xa9", 1 },
    { "x=a=b", "x", "a=b", 1 },
    { "", NULL, NULL, 0 },
  };
  static const char *const bad[] = {
    "state=a&state=b", "state=a&code=c&state=a",
    "code=%",          "code=%4",
    "code=%ZZ",        "code=a%00b",
    "=value",          "code=%FF",
    "%C3=a",           "s%74ate=a&state=b",
  };
  g_autofree char *over_limit = g_strnfill (PIM_LOOPBACK_MAX_QUERY + 1, 'a');

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GHashTable) params = pim_loopback_parse_query (good[i].query, &error);

      g_test_message ("good %s", good[i].query);
      g_assert_no_error (error);
      g_assert_cmpuint (g_hash_table_size (params), ==, good[i].n);
      if (good[i].name != NULL)
        g_assert_cmpstr (g_hash_table_lookup (params, good[i].name), ==, good[i].value);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GHashTable) params = pim_loopback_parse_query (bad[i], &error);

      g_test_message ("bad %s", bad[i]);
      g_assert_null (params);
      g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_BAD_REDIRECT);
      /* The message names nothing of the query. */
      g_assert_null (strstr (error->message, "state="));
    }
  {
    g_autoptr (GError) error = NULL;

    g_assert_null (pim_loopback_parse_query (over_limit, &error));
    g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_BAD_REDIRECT);
  }
}

static void
test_pages (void)
{
  const PimLoopbackPage pages[] = { PIM_LOOPBACK_PAGE_RECEIVED, PIM_LOOPBACK_PAGE_FAILED,
                                    PIM_LOOPBACK_PAGE_NOT_REDIRECT, PIM_LOOPBACK_PAGE_GONE };
  const char *const    *headers = pim_loopback_response_headers ();
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *page = pim_loopback_build_page (pages[i]);

      g_assert_true (g_str_has_prefix (page, "<!DOCTYPE html>\n<html>"));
      g_assert_true (g_str_has_suffix (page, "</body></html>\n"));
      g_assert_true (g_utf8_validate (page, -1, NULL));
      g_assert_nonnull (strstr (page, "<meta charset=\"utf-8\">"));
      g_assert_null (strstr (page, "<script"));
      g_assert_null (strstr (page, "src="));
      g_assert_null (strstr (page, "href="));
      /* Each page says something of its own. */
      g_assert_false (g_hash_table_contains (seen, page));
      g_hash_table_add (seen, g_steal_pointer (&page));
    }
  {
    g_autofree char *received = pim_loopback_build_page (PIM_LOOPBACK_PAGE_RECEIVED);

    g_assert_nonnull (strstr (received, "return to the application"));
  }

  /* The headers: names and values, in pairs. */
  {
    g_autoptr (GHashTable) map = g_hash_table_new (g_str_hash, g_str_equal);
    gsize n = 0;

    for (; headers[n] != NULL; n += 2)
      {
        g_assert_nonnull (headers[n + 1]);
        g_hash_table_insert (map, (gpointer) headers[n], (gpointer) headers[n + 1]);
      }
    g_assert_cmpstr (g_hash_table_lookup (map, "Cache-Control"), ==, "no-store");
    g_assert_cmpstr (g_hash_table_lookup (map, "Referrer-Policy"), ==, "no-referrer");
    g_assert_cmpstr (g_hash_table_lookup (map, "X-Content-Type-Options"), ==, "nosniff");
    g_assert_cmpstr (g_hash_table_lookup (map, "X-Frame-Options"), ==, "DENY");
    g_assert_cmpstr (g_hash_table_lookup (map, "Content-Security-Policy"), ==,
                     "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                     "form-action 'none'; frame-ancestors 'none'");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loopback-redirect/classify", test_classify);
  g_test_add_func ("/loopback-redirect/parse-query", test_parse_query);
  g_test_add_func ("/loopback-redirect/pages", test_pages);

  return g_test_run ();
}
