/* fuzz-introspection-response.c: introspection answers
 * (pim/oauth/pim-introspection-response.c, RFC 7662 §2.2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is the body of an introspection endpoint's 200 answer, read
 * as pim_introspect_token() reads it; an accepted response is read
 * through its getters. Property: an inactive token has nothing else to
 * say (RFC 7662: the other members are only for an active token).
 */

#include "fuzz-common.h"

#include "pim-introspection-response-private.h"
#include "pim-oauth-private.h"

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (PimHttpResponse) http = NULL;
  g_autoptr (JsonObject) json = NULL;
  g_autoptr (PimIntrospectionResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  gint64 value;

  pim_fuzz_init ();

  http = pim_fuzz_response_new (200, "application/json", data, size);
  json = pim_oauth_response_parse_object (http, "introspection endpoint", &error);
  if (json != NULL)
    response = pim_introspection_response_new_from_object (json, &error);
  pim_fuzz_assert ((response == NULL) == (error != NULL), "a response xor an error");
  pim_fuzz_check_error (error);
  if (response == NULL)
    return 0;

  if (!pim_introspection_response_get_active (response))
    pim_fuzz_assert (pim_introspection_response_get_scope (response) == NULL &&
                         pim_introspection_response_get_subject (response) == NULL &&
                         pim_introspection_response_get_audiences (response) == NULL &&
                         pim_introspection_response_get_expiration (response) == 0,
                     "an inactive token's other members were read");
  (void) pim_introspection_response_get_scope (response);
  (void) pim_introspection_response_get_client_id (response);
  (void) pim_introspection_response_get_username (response);
  (void) pim_introspection_response_get_token_type (response);
  (void) pim_introspection_response_get_expiration (response);
  (void) pim_introspection_response_get_issued_at (response);
  (void) pim_introspection_response_get_not_before (response);
  (void) pim_introspection_response_get_subject (response);
  (void) pim_introspection_response_get_audiences (response);
  (void) pim_introspection_response_get_issuer (response);
  (void) pim_introspection_response_get_jwt_id (response);
  (void) pim_introspection_response_get_string (response, "scope");
  (void) pim_introspection_response_get_int (response, "exp", &value);
  pim_fuzz_assert (pim_introspection_response_get_json (response) != NULL,
                   "a response without JSON");
  return 0;
}
