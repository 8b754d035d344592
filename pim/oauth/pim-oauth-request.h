/* pim-oauth-request.h: what every request to a provider's endpoint has
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib-object.h>

#include "pim-discovery-policy.h"
#include "pim-dpop-key.h"
#include "pim-jwk.h"
#include "pim-oauth-error-response.h"
#include "pim-security-profile.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

/**
 * PimClientAuthMethod:
 * @PIM_CLIENT_AUTH_AUTO: `client_secret_basic` when the request has a
 *   client secret, `private_key_jwt` when it has a client key, else `none`
 * @PIM_CLIENT_AUTH_NONE: `none`: a public client, whose `client_id` is sent
 *   in the body
 * @PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC: `client_secret_basic` (RFC 6749
 *   §2.3.1): HTTP Basic with the form-urlencoded id and secret
 * @PIM_CLIENT_AUTH_CLIENT_SECRET_POST: `client_secret_post`: id and secret in
 *   the body
 * @PIM_CLIENT_AUTH_CLIENT_SECRET_JWT: `client_secret_jwt` (RFC 7523): an
 *   assertion signed with HMAC-SHA-256 under the secret
 * @PIM_CLIENT_AUTH_PRIVATE_KEY_JWT: `private_key_jwt` (RFC 7523): an
 *   assertion signed with the client's private key
 * @PIM_CLIENT_AUTH_TLS_CLIENT_AUTH: `tls_client_auth` (RFC 8705 §2.1):
 *   the client's certificate, issued by a CA the provider trusts, presented
 *   in the TLS handshake; only `client_id` is sent in the body. The
 *   [class@HttpClient] used must have a
 *   [property@HttpClient:tls-client-certificate]
 * @PIM_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH: `self_signed_tls_client_auth`
 *   (RFC 8705 §2.2): like @PIM_CLIENT_AUTH_TLS_CLIENT_AUTH with a
 *   self-signed certificate that the provider knows from the client's
 *   registered keys
 *
 * How a client proves who it is to the token, introspection, revocation,
 * device authorization and PAR endpoints. When the endpoint comes from
 * discovery, the method must be one the provider lists.
 *
 * Since: 0.1
 */
typedef enum
{
  PIM_CLIENT_AUTH_AUTO,
  PIM_CLIENT_AUTH_NONE,
  PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC,
  PIM_CLIENT_AUTH_CLIENT_SECRET_POST,
  PIM_CLIENT_AUTH_CLIENT_SECRET_JWT,
  PIM_CLIENT_AUTH_PRIVATE_KEY_JWT,
  PIM_CLIENT_AUTH_TLS_CLIENT_AUTH,
  PIM_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH,
} PimClientAuthMethod;

#define PIM_TYPE_OAUTH_REQUEST (pim_oauth_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_DERIVABLE_TYPE (PimOAuthRequest, pim_oauth_request, PIM, OAUTH_REQUEST, GObject)

/**
 * PimOAuthRequestClass:
 * @parent_class: the parent class
 *
 * The class of [class@OAuthRequest]. Its subclasses are Pim's own.
 *
 * Since: 0.1
 */
struct _PimOAuthRequestClass
{
  GObjectClass parent_class;

  /*< private >*/
  gpointer padding[8];
};

PIM_AVAILABLE_IN_0_1
const char *pim_oauth_request_get_address (PimOAuthRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_oauth_request_set_address (PimOAuthRequest *self, const char *address);
PIM_AVAILABLE_IN_0_1
const char *pim_oauth_request_get_issuer (PimOAuthRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_oauth_request_set_issuer (PimOAuthRequest *self, const char *issuer);
PIM_AVAILABLE_IN_0_1
const char *pim_oauth_request_get_client_id (PimOAuthRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_oauth_request_set_client_id (PimOAuthRequest *self, const char *client_id);
PIM_AVAILABLE_IN_0_1
void pim_oauth_request_set_client_secret (PimOAuthRequest *self, const char *client_secret);
PIM_AVAILABLE_IN_0_1
PimClientAuthMethod pim_oauth_request_get_client_auth_method (PimOAuthRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_oauth_request_set_client_auth_method (PimOAuthRequest *self, PimClientAuthMethod method);
PIM_AVAILABLE_IN_0_1
gboolean pim_oauth_request_get_use_mtls_endpoints (PimOAuthRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_oauth_request_set_use_mtls_endpoints (PimOAuthRequest *self, gboolean use_mtls_endpoints);
PIM_AVAILABLE_IN_0_1
PimDPoPKey *pim_oauth_request_get_dpop_key (PimOAuthRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_oauth_request_set_dpop_key (PimOAuthRequest *self, PimDPoPKey *dpop_key);
PIM_AVAILABLE_IN_0_1
PimSecurityProfile *pim_oauth_request_get_security_profile (PimOAuthRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_oauth_request_set_security_profile (PimOAuthRequest *self, PimSecurityProfile *profile);
PIM_AVAILABLE_IN_0_1
void pim_oauth_request_add_parameter (PimOAuthRequest *self, const char *name, const char *value);
PIM_AVAILABLE_IN_0_1
PimOAuthErrorResponse *pim_oauth_request_get_error_response (PimOAuthRequest *self);

G_END_DECLS
