/* pim-security-profile-private.h: the checks of a security profile
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Pure functions: each returns FALSE with PIM_OAUTH_ERROR_PROFILE_VIOLATION
 * naming the rule broken. None sends anything: the exchange runs them
 * before discovery, so a request that breaks a rule never leaves.
 */

#pragma once

#include "pim-authorization-request.h"
#include "pim-http-client.h"
#include "pim-oauth-request.h"
#include "pim-security-profile.h"

G_BEGIN_DECLS

/* Client authentication of @request, which authenticates the client,
 * sent with @client (NULL: a default client, which has no certificate):
 * private_key_jwt with an allowed algorithm, or mutual TLS with a
 * certificate. */
G_GNUC_INTERNAL
gboolean pim_security_profile_check_client (PimSecurityProfile *self,
                                            PimOAuthRequest    *request,
                                            PimHttpClient      *client,
                                            GError            **error);

/* Sender-constrained tokens for the token request @request: a DPoP key
 * with an allowed algorithm, or a TLS client certificate on @client. */
G_GNUC_INTERNAL
gboolean pim_security_profile_check_sender_constraint (PimSecurityProfile *self,
                                                       PimOAuthRequest    *request,
                                                       PimHttpClient      *client,
                                                       GError            **error);

/* An authorization request: response type `code`, PKCE with S256, an
 * allowed request object algorithm, and @pushed (PAR). */
G_GNUC_INTERNAL
gboolean pim_security_profile_check_authorization (PimSecurityProfile      *self,
                                                   PimAuthorizationRequest *request,
                                                   gboolean                 pushed,
                                                   GError                 **error);

/* The profile @request is under: its own, or for a pushed authorization
 * request that of its authorization request. Nullable, not a new ref. */
G_GNUC_INTERNAL
PimSecurityProfile *pim_security_profile_for_request (PimOAuthRequest *request);

/* Every rule of the profile @request is under, for an exchange with
 * @client (already resolved: NULL only for none). TRUE without profile. */
G_GNUC_INTERNAL
gboolean pim_security_profile_check_exchange (PimOAuthRequest *request,
                                              PimHttpClient   *client,
                                              GError         **error);

/* The hook of pim_authorization_request_build_url(): a URL carries the
 * request by value, which a profile requiring PAR refuses. */
G_GNUC_INTERNAL
gboolean pim_security_profile_check_url (PimAuthorizationRequest *request, GError **error);

/* Whether authorization responses to @request must carry `iss`. */
G_GNUC_INTERNAL
gboolean pim_security_profile_requires_issuer (PimOAuthRequest *request);

G_END_DECLS
