/* fuzz-device-authorization-response.c: device authorization answers
 * (pim/oauth/pim-device-authorization-response.c, RFC 8628 §3.2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is the body of a device authorization endpoint's 200 answer,
 * read as the exchange reads it and by the public
 * pim_device_authorization_response_new_from_json(); the two must agree.
 * An accepted response is read through its getters, and its deadline must
 * not be before now.
 */

#include "fuzz-common.h"

#include "pim-device-authorization-response-private.h"
#include "pim-oauth-private.h"

static void
use_response (PimDeviceAuthorizationResponse *response, gint64 before)
{
  pim_fuzz_assert (pim_device_authorization_response_get_device_code (response) != NULL,
                   "no device_code");
  pim_fuzz_assert (pim_device_authorization_response_get_user_code (response) != NULL,
                   "no user_code");
  pim_fuzz_assert (pim_device_authorization_response_get_verification_uri (response) != NULL,
                   "no verification_uri");
  pim_fuzz_assert (pim_device_authorization_response_get_expires_in (response) >= 0,
                   "a negative expires_in");
  pim_fuzz_assert (pim_device_authorization_response_get_deadline (response) >= before,
                   "a deadline in the past");
  (void) pim_device_authorization_response_get_verification_uri_complete (response);
  (void) pim_device_authorization_response_get_expires_at (response);
  (void) pim_device_authorization_response_get_interval (response);
  (void) pim_device_authorization_response_get_json (response);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (PimHttpResponse) http = NULL;
  g_autoptr (JsonObject) json = NULL;
  g_autoptr (PimDeviceAuthorizationResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  gint64 before = g_get_real_time ();

  pim_fuzz_init ();

  http = pim_fuzz_response_new (200, "application/json", data, size);
  json = pim_oauth_response_parse_object (http, "device authorization endpoint", &error);
  if (json != NULL)
    response = pim_device_authorization_response_new_from_object (json, &error);
  pim_fuzz_assert ((response == NULL) == (error != NULL), "a response xor an error");
  pim_fuzz_check_error (error);
  if (response != NULL)
    use_response (response, before);

  if (memchr (data, '\0', size) == NULL)
    {
      g_autofree char *text = g_strndup ((const char *) data, size);
      g_autoptr (PimDeviceAuthorizationResponse) from_json =
          pim_device_authorization_response_new_from_json (text, NULL);

      pim_fuzz_assert ((from_json != NULL) == (response != NULL),
                       "new_from_json disagrees with the exchange");
      if (from_json != NULL)
        use_response (from_json, before);
    }
  return 0;
}
