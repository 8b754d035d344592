/* oauth-par-common.h: what the PAR, request object and JARM tests share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <pim/pim.h>

#include "pim-test-async.h"
#include "pim-test-provider.h"

G_BEGIN_DECLS

#define REDIRECT    "http://127.0.0.1:48214" PIM_TEST_REDIRECT_PATH
#define SCOPE       "openid profile"
#define REQUEST_URN "urn:ietf:params:oauth:request_uri:"
#define FAKE_CLIENT "app"
/* A JWK thumbprint, as pim_jwk_get_thumbprint() gives. */
#define JKT "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"

/* The local provider's issuer (started on first use). */
const char           *issuer (void);
PimDiscoveryDocument *discover (void);
/* An HS256 key made from @secret. */
PimJwk *secret_key (const char *secret);
/* An authorization request of @client_id to the provider, prepared. */
PimAuthorizationRequest *authorization_request (const char *client_id);

/* The browser's way through @url: the final redirect, as text. */
char *run_browser (const char *url, GError **error);
/* Builds @authorization's plain URL and drives the browser through it:
 * the final redirect, as text; asserts both steps work. */
char *browse (PimAuthorizationRequest *authorization);
/* Asserts that @request refuses to build its URL, INVALID_ARGUMENT. */
void assert_url_refused (PimAuthorizationRequest *request);
/* The query of @url as a table; asserts it parses. */
GHashTable *query_of (const char *url);

/* Exchanges @response's code as @authorization's client, with @secret or
 * else @key, and checks the tokens. */
void exchange (PimAuthorizationRequest  *authorization,
               PimAuthorizationResponse *response,
               const char               *secret,
               PimJwk                   *key,
               PimTestMode               mode);

G_END_DECLS
