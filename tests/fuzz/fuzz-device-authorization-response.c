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
use_response (PimDeviceAuthorizationResponse *response, gpointer user_data)
{
  gint64 before = *(const gint64 *) user_data;

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
  gint64 before = g_get_real_time ();

  pim_fuzz_init ();
  pim_fuzz_json_response (data, size, 200, "device authorization endpoint",
                          (PimFuzzFromObjectFunc) pim_device_authorization_response_new_from_object,
                          (PimFuzzFromJsonFunc) pim_device_authorization_response_new_from_json,
                          (PimFuzzUseFunc) use_response, &before);
  return 0;
}
