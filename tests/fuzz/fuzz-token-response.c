/* fuzz-token-response.c: token endpoint answers (pim/oauth/pim-token-response.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is the body of a token endpoint's 200 answer. It is read as
 * pim_token_request_send() reads it (the JSON of an application/json
 * response, then the checks) and by the public
 * pim_token_response_new_from_json(); the two must agree. An accepted
 * response is read through its getters.
 */

#include "fuzz-common.h"

#include "pim-oauth-private.h"
#include "pim-token-response-private.h"

static void
use_response (PimTokenResponse *response, gpointer user_data G_GNUC_UNUSED)
{
  pim_fuzz_assert (pim_token_response_get_access_token (response) != NULL,
                   "a token response without an access token");
  pim_fuzz_assert (pim_token_response_get_token_type (response) != NULL,
                   "a token response without a token type");
  pim_fuzz_assert (pim_token_response_get_json (response) != NULL, "a response without JSON");
  (void) pim_token_response_get_expires_in (response);
  (void) pim_token_response_get_expires_at (response);
  (void) pim_token_response_get_refresh_token (response);
  (void) pim_token_response_get_id_token (response);
  (void) pim_token_response_get_scope (response);
  (void) pim_token_response_get_issued_token_type (response);
  (void) pim_token_response_get_string (response, "access_token");
  (void) pim_token_response_get_string (response, "expires_in");
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  pim_fuzz_init ();
  pim_fuzz_json_response (data, size, 200, "token endpoint",
                          (PimFuzzFromObjectFunc) pim_token_response_new_from_object,
                          (PimFuzzFromJsonFunc) pim_token_response_new_from_json,
                          (PimFuzzUseFunc) use_response, NULL);
  return 0;
}
