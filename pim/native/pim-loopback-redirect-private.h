/* pim-loopback-redirect-private.h: the pure part of the loopback redirect
 * server of PimBrowserSignIn (RFC 8252 §7.3): which HTTP request is the
 * redirect, its parameters, and the page the browser gets back
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest query a redirect may have, in bytes (as received, still
 * percent-encoded). Authorization responses are far shorter. */
#define PIM_LOOPBACK_MAX_QUERY (8 * 1024)

/* What the loopback server does with one request. */
typedef enum
{
  /* The redirect: it decides the run. */
  PIM_LOOPBACK_REQUEST_ACCEPT,
  /* A GET on the redirect path without any parameter: 400, ignored. */
  PIM_LOOPBACK_REQUEST_BAD_REQUEST,
  /* Another path: 404, ignored. */
  PIM_LOOPBACK_REQUEST_NOT_FOUND,
  /* Not a GET on the redirect path: 405, ignored. */
  PIM_LOOPBACK_REQUEST_METHOD_NOT_ALLOWED,
  /* A query longer than the limit on the redirect path: 414, ignored. */
  PIM_LOOPBACK_REQUEST_URI_TOO_LONG,
} PimLoopbackRequest;

/* Classifies a request of @method (such as "GET") for @path (the URI's
 * path, still percent-encoded) with @query (the raw query without '?',
 * NULL when the URI has none) against the redirect path @expected_path:
 * only a GET on exactly @expected_path with a non-empty query of at most
 * @max_query bytes is the redirect. Pure; never fails. */
G_GNUC_INTERNAL
PimLoopbackRequest pim_loopback_classify (const char *method,
                                          const char *path,
                                          const char *query,
                                          const char *expected_path,
                                          gsize       max_query);

/* The HTTP status for @request (200 for ACCEPT). */
G_GNUC_INTERNAL
guint pim_loopback_request_status (PimLoopbackRequest request);

/* The parameters of the raw query @query (without '?'): a new table of
 * decoded names → values. PIM_NATIVE_ERROR_BAD_REDIRECT for a query
 * longer than PIM_LOOPBACK_MAX_QUERY, a parameter given twice, a bad
 * percent-encoding, an empty name, or a NUL byte. '+' is a space
 * (application/x-www-form-urlencoded). Pure. */
G_GNUC_INTERNAL
GHashTable *pim_loopback_parse_query (const char *query, GError **error);

/* The pages the browser gets back. */
typedef enum
{
  /* The redirect arrived and is being checked: "return to the app". */
  PIM_LOOPBACK_PAGE_RECEIVED,
  /* The redirect arrived but the sign-in failed. */
  PIM_LOOPBACK_PAGE_FAILED,
  /* Any request that is not the redirect (with its status). */
  PIM_LOOPBACK_PAGE_NOT_REDIRECT,
  /* A request after the redirect was taken (410). */
  PIM_LOOPBACK_PAGE_GONE,
} PimLoopbackPage;

/* A small HTML page (UTF-8) for @page: translated, every text
 * HTML-escaped, no script, no external resource, and never a parameter of
 * the request (no code, no state, no token). Pure. */
G_GNUC_INTERNAL
char *pim_loopback_build_page (PimLoopbackPage page);

/* The response headers every answer of the loopback server carries, as
 * name, value, …, NULL: no caching, no referrer, a Content-Security-Policy
 * that allows only the page's own inline style, no framing, no sniffing. */
G_GNUC_INTERNAL
const char *const *pim_loopback_response_headers (void);

G_END_DECLS
