/* pim-native-error.h: errors of desktop sign-in and token management
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib.h>

#include "pim-version-macros.h"

G_BEGIN_DECLS

/**
 * PIM_NATIVE_ERROR:
 *
 * The error domain of native-app sign-in (`PimBrowserSignIn`), token
 * management (`PimTokenManager`) and token storage
 * (`PimTokenStore`). Errors in this domain are from the
 * [error@NativeError] enumeration; protocol errors of the provider keep
 * their own domains (%PIM_OAUTH_ERROR, %PIM_TOKEN_ERROR, %PIM_HTTP_ERROR).
 * Messages never contain tokens, codes or secrets.
 *
 * Since: 0.1
 */
#define PIM_NATIVE_ERROR (pim_native_error_quark ())

/**
 * PimNativeError:
 * @PIM_NATIVE_ERROR_FAILED: a failure that no other code describes
 * @PIM_NATIVE_ERROR_INVALID_ARGUMENT: the caller's own input cannot work,
 *   such as a missing client id or a redirect URI that is neither a
 *   loopback `http` URI nor a private-use scheme
 * @PIM_NATIVE_ERROR_BUSY: the operation is already running (one sign-in
 *   at a time per `PimBrowserSignIn`)
 * @PIM_NATIVE_ERROR_TIMED_OUT: the user did not come back from the
 *   browser within `PimBrowserSignIn:timeout`
 * @PIM_NATIVE_ERROR_BROWSER_FAILED: the browser could not be opened
 * @PIM_NATIVE_ERROR_BAD_REDIRECT: the redirect that reached the app is
 *   not a valid authorization response (no `code` and no `error`,
 *   repeated parameters, an oversized query)
 * @PIM_NATIVE_ERROR_SIGNED_OUT: there is no usable grant: no refresh
 *   token, or the provider refused it (`invalid_grant`); the user must
 *   sign in again
 * @PIM_NATIVE_ERROR_OFFLINE: the provider could not be reached and the
 *   tokens held are no longer valid; the manager retries when the network
 *   comes back
 * @PIM_NATIVE_ERROR_STORE_FAILED: the token store could not load, save or
 *   clear the tokens (the keyring is locked or absent, say)
 *
 * Error codes of the [error@NativeError] domain.
 *
 * Since: 0.1
 */
typedef enum /*< underscore_name=pim_native_error >*/
{
  PIM_NATIVE_ERROR_FAILED,
  PIM_NATIVE_ERROR_INVALID_ARGUMENT,
  PIM_NATIVE_ERROR_BUSY,
  PIM_NATIVE_ERROR_TIMED_OUT,
  PIM_NATIVE_ERROR_BROWSER_FAILED,
  PIM_NATIVE_ERROR_BAD_REDIRECT,
  PIM_NATIVE_ERROR_SIGNED_OUT,
  PIM_NATIVE_ERROR_OFFLINE,
  PIM_NATIVE_ERROR_STORE_FAILED,
} PimNativeError;

PIM_AVAILABLE_IN_0_1
GQuark pim_native_error_quark (void);

G_END_DECLS
