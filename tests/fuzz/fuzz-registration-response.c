/* fuzz-registration-response.c: client registration answers
 * (pim/oauth/pim-client-registration-response.c, RFC 7591 §3.2.1, RFC
 * 7592 §3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is the body of a registration endpoint's 201 answer, read as
 * the exchange reads it and by the public
 * pim_client_registration_response_new_from_json(); the two must agree.
 * An accepted response has a non-empty client_id, both or neither of the
 * management pair, and is read through its getters; a request made from
 * it for management must serialize, and never carry the secret, the
 * registration access token or the server's times back.
 */

#include "fuzz-common.h"

#include "pim-client-registration-response-private.h"
#include "pim-oauth-private.h"

static void
use_response (PimClientRegistrationResponse *response, gpointer user_data G_GNUC_UNUSED)
{
  const char *client_id = pim_client_registration_response_get_client_id (response);
  g_autoptr (PimClientRegistrationRequest) manage = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *name = NULL;
  g_autoptr (JsonNode) sent = NULL;
  static const char *const server_members[] = {
    "client_secret",       "registration_access_token", "registration_client_uri",
    "client_id_issued_at", "client_secret_expires_at",
  };

  pim_fuzz_assert (client_id != NULL && *client_id != '\0', "no client_id");
  pim_fuzz_assert ((pim_client_registration_response_get_registration_access_token (response) ==
                    NULL) ==
                       (pim_client_registration_response_get_registration_client_uri (response) ==
                        NULL),
                   "half of the management pair");
  pim_fuzz_assert (pim_client_registration_response_get_client_id_issued_at (response) >= -1,
                   "an issued-at below -1");
  pim_fuzz_assert (pim_client_registration_response_get_client_secret_expires_at (response) >= -1,
                   "a secret expiry below -1");
  (void) pim_client_registration_response_get_client_secret (response);
  (void) pim_client_registration_response_get_client_name (response);
  (void) pim_client_registration_response_get_redirect_uris (response);
  (void) pim_client_registration_response_get_token_endpoint_auth_method (response);
  (void) pim_client_registration_response_get_json (response);
  name = pim_client_registration_response_dup_metadata_json (response, "grant_types");

  manage = pim_client_registration_request_new_for_client (response);
  json = pim_client_registration_request_to_json (manage, &error);
  pim_fuzz_assert (json != NULL, "a registered client's metadata does not serialize");
  sent = json_from_string (json, NULL);
  pim_fuzz_assert (sent != NULL && JSON_NODE_HOLDS_OBJECT (sent), "the metadata is not an object");
  for (gsize i = 0; i < G_N_ELEMENTS (server_members); i++)
    pim_fuzz_assert (!json_object_has_member (json_node_get_object (sent), server_members[i]),
                     "a member of the server's is sent back");
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  pim_fuzz_init ();
  pim_fuzz_json_response (data, size, 201, "registration endpoint",
                          (PimFuzzFromObjectFunc) pim_client_registration_response_new_from_object,
                          (PimFuzzFromJsonFunc) pim_client_registration_response_new_from_json,
                          (PimFuzzUseFunc) use_response, NULL);
  return 0;
}
