/* fuzz-loopback-redirect.c: the requests that reach the browser sign-in's
 * loopback server (pim_loopback_classify, pim_loopback_parse_query and
 * pim_loopback_build_page in pim/native/pim-loopback-redirect.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Byte 0: bits 0-2 the method (GET, POST, HEAD, get, PUT, OPTIONS, an
 * empty one, none), bit 3 no query at all, bits 4-5 the page built, bit 6
 * a small query limit (64) instead of the real one. Then the request's
 * path as a random-length string, and the raw query (the rest).
 * Properties: only a GET on exactly the redirect path with a non-empty
 * query within the limit is accepted, and the status matches; the query
 * reader gives parameters or a BAD_REDIRECT error, never both, refuses an
 * oversized query, and what it accepts has non-empty UTF-8 names and
 * UTF-8 values without NUL that read back the same once re-encoded; the
 * page (built from no input at all) is UTF-8 with no script.
 */

#include "fuzz-common.h"

#include <string.h>

#include "pim-loopback-redirect-private.h"

#define EXPECTED_PATH "/pim/fuzz-redirect-path"

static const char *const methods[] = { "GET", "POST", "HEAD", "get", "PUT", "OPTIONS", "", NULL };

static char *
encode (GHashTable *params)
{
  g_autoptr (GString) query = g_string_new (NULL);
  GHashTableIter iter;
  gpointer       name, value;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      g_autofree char *n = g_uri_escape_string (name, NULL, FALSE);
      g_autofree char *v = g_uri_escape_string (value, NULL, FALSE);

      g_string_append_printf (query, "%s%s=%s", query->len > 0 ? "&" : "", n, v);
    }
  return g_string_free (g_steal_pointer (&query), FALSE);
}

static gboolean
same_params (GHashTable *a, GHashTable *b)
{
  GHashTableIter iter;
  gpointer       name, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &name, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, name)) != 0)
      return FALSE;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  PimFuzzInput       in = { data, size };
  guint8             bits = pim_fuzz_take_byte (&in);
  g_autofree char   *path = pim_fuzz_take_string (&in, 1024);
  g_autofree char   *rest = pim_fuzz_take_rest_string (&in);
  const char        *method = methods[bits & 7];
  const char        *query = (bits & 8) != 0 ? NULL : rest;
  gsize              limit = (bits & 64) != 0 ? 64 : PIM_LOOPBACK_MAX_QUERY;
  PimLoopbackRequest request;
  guint              status;
  g_autofree char   *page = NULL;

  pim_fuzz_init ();

  request = pim_loopback_classify (method, path, query, EXPECTED_PATH, limit);
  status = pim_loopback_request_status (request);
  pim_fuzz_assert (request <= PIM_LOOPBACK_REQUEST_URI_TOO_LONG, "a known verdict");
  pim_fuzz_assert (status == 200 || status == 400 || status == 404 || status == 405 ||
                       status == 414,
                   "a known status");
  if (request == PIM_LOOPBACK_REQUEST_ACCEPT)
    {
      pim_fuzz_assert (method != NULL && strcmp (method, "GET") == 0, "only GET is accepted");
      pim_fuzz_assert (strcmp (path, EXPECTED_PATH) == 0, "only the exact path is accepted");
      pim_fuzz_assert (query != NULL && *query != '\0' && strlen (query) <= limit,
                       "only a non-empty query within the limit is accepted");
      pim_fuzz_assert (status == 200, "accepted is 200");
    }
  else if (strcmp (path, EXPECTED_PATH) != 0)
    pim_fuzz_assert (status == 404, "another path is 404");

  if (query != NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GHashTable) params = pim_loopback_parse_query (query, &error);

      pim_fuzz_assert ((params == NULL) == (error != NULL), "parameters xor an error");
      pim_fuzz_check_error (error);
      if (error != NULL)
        pim_fuzz_assert (g_error_matches (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_BAD_REDIRECT),
                         "errors are BAD_REDIRECT");
      if (strlen (query) > PIM_LOOPBACK_MAX_QUERY)
        pim_fuzz_assert (params == NULL, "an oversized query is refused");
      if (params != NULL)
        {
          GHashTableIter   iter;
          gpointer         name, value;
          g_autofree char *again_text = NULL;
          g_autoptr (GHashTable) again = NULL;

          g_hash_table_iter_init (&iter, params);
          while (g_hash_table_iter_next (&iter, &name, &value))
            {
              pim_fuzz_assert (*(const char *) name != '\0', "names are not empty");
              pim_fuzz_assert (g_utf8_validate (name, -1, NULL), "names are UTF-8");
              pim_fuzz_assert (g_utf8_validate (value, -1, NULL), "values are UTF-8");
            }
          again_text = encode (params);
          if (strlen (again_text) <= PIM_LOOPBACK_MAX_QUERY)
            {
              again = pim_loopback_parse_query (again_text, NULL);
              pim_fuzz_assert (again != NULL, "re-encoded parameters are read again");
              pim_fuzz_assert (same_params (params, again), "and read the same");
            }
        }
    }

  page = pim_loopback_build_page ((PimLoopbackPage) ((bits >> 4) & 3));
  pim_fuzz_assert (g_utf8_validate (page, -1, NULL), "the page is UTF-8");
  pim_fuzz_assert (strstr (page, "<script") == NULL, "the page has no script");
  return 0;
}
