/* fuzz-par-response.c: pushed authorization responses
 * (pim/oauth/pim-pushed-authorization-response.c, RFC 9126 §2.2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is the body of a pushed authorization request endpoint's 201
 * answer, read as the exchange reads it and by the public
 * pim_pushed_authorization_response_new_from_json(); the two must agree.
 * An accepted response has a non-empty request_uri and a positive
 * expires_in, and its follow-up URL carries exactly client_id and
 * request_uri.
 */

#include "fuzz-common.h"

#include "pim-oauth-private.h"
#include "pim-pushed-authorization-response-private.h"

static void
use_response (PimPushedAuthorizationResponse *response, gpointer user_data G_GNUC_UNUSED)
{
  const char *request_uri = pim_pushed_authorization_response_get_request_uri (response);
  g_autoptr (PimAuthorizationRequest) request =
      pim_authorization_request_new ("https://op.example/auth", "fuzz-client", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GHashTable) params = NULL;

  pim_fuzz_assert (request_uri != NULL && *request_uri != '\0', "no request_uri");
  pim_fuzz_assert (pim_pushed_authorization_response_get_expires_in (response) > 0,
                   "expires_in not positive");
  (void) pim_pushed_authorization_response_get_json (response);

  pim_oauth_request_add_parameter (PIM_OAUTH_REQUEST (request), "extra", "x");
  url = pim_pushed_authorization_response_build_authorization_url (response, request, &error);
  pim_fuzz_assert (url != NULL, "no follow-up URL");
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  pim_fuzz_assert (uri != NULL, "a follow-up URL that does not parse");
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  pim_fuzz_assert (params != NULL && g_hash_table_size (params) == 2,
                   "a follow-up URL with other parameters");
  pim_fuzz_assert (g_strcmp0 (g_hash_table_lookup (params, "request_uri"), request_uri) == 0,
                   "a follow-up URL with another request_uri");
  pim_fuzz_assert (g_strcmp0 (g_hash_table_lookup (params, "client_id"), "fuzz-client") == 0,
                   "a follow-up URL with another client_id");
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  pim_fuzz_init ();
  pim_fuzz_json_response (data, size, 201, "pushed authorization request endpoint",
                          (PimFuzzFromObjectFunc) pim_pushed_authorization_response_new_from_object,
                          (PimFuzzFromJsonFunc) pim_pushed_authorization_response_new_from_json,
                          (PimFuzzUseFunc) use_response, NULL);
  return 0;
}
