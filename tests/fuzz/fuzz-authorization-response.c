/* fuzz-authorization-response.c: authorization callbacks
 * (pim_authorization_request_parse_response in
 * pim/oauth/pim-authorization-request.c and the form reader in
 * pim-front-channel.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Byte 0 sets up a fixed, prepared request (state "fuzz-state", nonce
 * "fuzz-nonce", issuer https://op.example): bits 0-1 the mode the answer
 * is read in (auto, query, fragment, form_post), bits 2-4 the response
 * type, bit 5 require-issuer, bits 6-7 the request's response-mode. The
 * rest is what the browser came back with: a redirect URI, or a posted
 * form's body. Properties: an accepted answer carries the request's state,
 * the request's issuer if any (and one when it is required and there is
 * no ID token), and what its response type promises; a refusal by the
 * provider leaves its details on the request.
 */

#include "fuzz-common.h"

#define ISSUER "https://op.example"
#define STATE  "fuzz-state"

static const char *const response_types[] = {
  "code",       "code id_token",       "id_token", "id_token token",
  "code token", "code id_token token", "none",     NULL,
};
static const char *const response_modes[] = { NULL, "query", "fragment", "form_post" };

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  PimFuzzInput     in = { data, size };
  guint8           bits = pim_fuzz_take_byte (&in);
  g_autofree char *text = pim_fuzz_take_rest_string (&in);
  const char      *response_type = response_types[(bits >> 2) % 8];
  gboolean         require_issuer = (bits & 32) != 0;
  g_autoptr (PimAuthorizationRequest) request = NULL;
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (PimOAuthErrorResponse) details = NULL;
  g_autoptr (GError) error = NULL;

  pim_fuzz_init ();

  request = pim_authorization_request_new ("https://op.example/authorize", "fuzz-client",
                                           "http://127.0.0.1:8400/callback");
  g_object_set (request, "issuer", ISSUER, "state", STATE, "nonce", "fuzz-nonce", "require-issuer",
                require_issuer, "response-mode", response_modes[bits >> 6], NULL);
  if (response_type != NULL)
    pim_authorization_request_set_response_type (request, response_type);

  response = pim_authorization_request_parse_response (request, text, bits & 3, &error);
  details = pim_oauth_request_get_error_response (PIM_OAUTH_REQUEST (request));
  pim_fuzz_assert ((response == NULL) == (error != NULL), "a response xor an error");
  pim_fuzz_check_error (error);
  if (response != NULL)
    {
      const char *type = pim_authorization_request_get_response_type (request);
      const char *iss = pim_authorization_response_get_issuer (response);

      pim_fuzz_assert (g_strcmp0 (pim_authorization_response_get_state (response), STATE) == 0,
                       "an answer with another state was accepted");
      pim_fuzz_assert (iss == NULL || strcmp (iss, ISSUER) == 0,
                       "an answer from another issuer was accepted");
      pim_fuzz_assert (!require_issuer || iss != NULL ||
                           pim_authorization_response_get_id_token (response) != NULL,
                       "an answer without the required issuer was accepted");
      if (type != NULL && strstr (type, "code") != NULL)
        pim_fuzz_assert (pim_authorization_response_get_code (response) != NULL,
                         "a code answer without a code was accepted");
      if (type != NULL && strstr (type, "id_token") != NULL)
        pim_fuzz_assert (pim_authorization_response_get_id_token (response) != NULL,
                         "an id_token answer without an ID token was accepted");
      (void) pim_authorization_response_get_access_token (response);
      (void) pim_authorization_response_get_token_type (response);
      (void) pim_authorization_response_get_expires_in (response);
      (void) pim_authorization_response_get_scope (response);
      (void) pim_authorization_response_get_session_state (response);
      (void) pim_authorization_response_get_string (response, "code");
      pim_fuzz_assert (pim_authorization_response_get_json (response) != NULL,
                       "an answer without parameters");
      pim_fuzz_assert (details == NULL, "an accepted answer left error details");
    }
  else
    {
      if (details != NULL)
        pim_fuzz_assert (pim_oauth_error_response_get_status (details) == 0 &&
                             pim_oauth_error_response_get_error (details) != NULL,
                         "the provider's refusal without its details");
    }
  return 0;
}
