/* pim.h: the one header to include
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#define __PIM_INSIDE__

#include "pim-version.h"
#include "pim-version-macros.h"
#include "pim-enum-types.h"
#include "pim-http-error.h"
#include "pim-http-client.h"
#include "pim-jose-error.h"
#include "pim-base64url.h"
#include "pim-jwk.h"
#include "pim-jwk-set.h"
#include "pim-jws.h"
#include "pim-jwt.h"
#include "pim-discovery-error.h"
#include "pim-discovery-policy.h"
#include "pim-discovery-document.h"
#include "pim-discovery.h"
#include "pim-token-error.h"
#include "pim-claims.h"
#include "pim-token-validation.h"
#include "pim-oauth-error.h"
#include "pim-oauth-error-response.h"
#include "pim-oauth-request.h"
#include "pim-token-response.h"
#include "pim-token-request.h"
#include "pim-client-credentials-token-request.h"
#include "pim-authorization-code-token-request.h"
#include "pim-refresh-token-request.h"
#include "pim-pkce.h"
#include "pim-authorization-response.h"
#include "pim-authorization-request.h"
#include "pim-end-session-request.h"
#include "pim-token-exchange-request.h"
#include "pim-device-authorization-response.h"
#include "pim-device-authorization-request.h"
#include "pim-device-token-request.h"
#include "pim-introspection-response.h"
#include "pim-introspection-request.h"
#include "pim-revocation-request.h"
#include "pim-userinfo-response.h"
#include "pim-userinfo-request.h"

#undef __PIM_INSIDE__
