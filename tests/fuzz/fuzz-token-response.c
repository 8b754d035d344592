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
use_response (PimTokenResponse *response)
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
  g_autoptr (PimHttpResponse) http = NULL;
  g_autoptr (JsonObject) json = NULL;
  g_autoptr (PimTokenResponse) response = NULL;
  g_autoptr (GError) error = NULL;

  pim_fuzz_init ();

  http = pim_fuzz_response_new (200, "application/json", data, size);
  json = pim_oauth_response_parse_object (http, "token endpoint", &error);
  if (json != NULL)
    response = pim_token_response_new_from_object (json, &error);
  pim_fuzz_assert ((response == NULL) == (error != NULL), "a response xor an error");
  pim_fuzz_check_error (error);
  if (response != NULL)
    use_response (response);

  if (memchr (data, '\0', size) == NULL)
    {
      g_autofree char *text = g_strndup ((const char *) data, size);
      g_autoptr (PimTokenResponse) from_json = pim_token_response_new_from_json (text, NULL);

      pim_fuzz_assert ((from_json != NULL) == (response != NULL),
                       "pim_token_response_new_from_json disagrees with the exchange");
      if (from_json != NULL)
        use_response (from_json);
    }
  return 0;
}
