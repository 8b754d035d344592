/* pim-front-channel-private.h: URLs the user agent carries
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The authorization and end-session requests are not sent by Pim: they
 * are URLs for the browser, and their answers come back as parameters of
 * a redirect. Building those URLs and reading those parameters is shared
 * here; both are pure.
 */

#pragma once

#include "pim-oauth-private.h"

G_BEGIN_DECLS

/* Adds @name=@value to @params (name, value, name, value…), unless @value
 * is NULL. */
G_GNUC_INTERNAL
void pim_front_channel_add (GPtrArray *params, const char *name, const char *value);

/* The URL of @request's address with @params, then the request's extra
 * parameters, added to its query (percent-encoded; an existing query is
 * kept, RFC 6749 §3.1). Refuses a missing address (INVALID_ARGUMENT naming
 * @what), an address that is not HTTP(S), plain HTTP outside loopback when
 * the request requires HTTPS (PIM_HTTP_ERROR), an address with a fragment,
 * and a parameter of @params given again by the address's query or the
 * extra parameters (INVALID_ARGUMENT), except the repeatable `resource`. */
G_GNUC_INTERNAL
char *pim_front_channel_build_url (PimOAuthRequest *request,
                                   const char      *what,
                                   GPtrArray       *params,
                                   GError         **error);

/* The same without the request's extra parameters: for URLs that must
 * carry only @params (a request object's or a pushed request's, RFC 9101
 * §5, RFC 9126 §4). */
G_GNUC_INTERNAL
char *pim_front_channel_build_url_without_extra (PimOAuthRequest *request,
                                                 const char      *what,
                                                 GPtrArray       *params,
                                                 GError         **error);

/* The parameters of @text, application/x-www-form-urlencoded, as an
 * object of string members. INVALID_RESPONSE for bad escapes, values that
 * are not UTF-8, a parameter given twice (RFC 6749 §3.1), or none at all. */
G_GNUC_INTERNAL
JsonObject *pim_front_channel_parse_params (const char *text, GError **error);

G_END_DECLS
