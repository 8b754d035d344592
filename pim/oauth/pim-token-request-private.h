/* pim-token-request-private.h: what the grants share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-oauth-private.h"
#include "pim-token-request.h"

G_BEGIN_DECLS

/* The form every grant starts from: grant_type, scope, resource…,
 * audience…, posted to @endpoint. */
G_GNUC_INTERNAL
PimHttpRequest *
pim_token_request_build_form (PimTokenRequest *self, const char *endpoint, GError **error);

/* A PimOAuthParseFunc: the token response in a 2xx answer. */
G_GNUC_INTERNAL
GObject *
pim_token_request_parse_response (PimOAuthRequest *self, PimHttpResponse *response, GError **error);

/* The token call every grant's functions wrap; @source_tag is the
 * wrapper's, checked by its _finish. */
G_GNUC_INTERNAL
PimTokenResponse *pim_token_request_send (PimTokenRequest *request,
                                          PimHttpClient   *client,
                                          GCancellable    *cancellable,
                                          GError         **error);
G_GNUC_INTERNAL
void pim_token_request_send_async (PimTokenRequest    *request,
                                   PimHttpClient      *client,
                                   GCancellable       *cancellable,
                                   gpointer            source_tag,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);

G_END_DECLS
