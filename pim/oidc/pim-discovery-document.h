/* pim-discovery-document.h: an OpenID provider's metadata
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pim-discovery-policy.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_DISCOVERY_DOCUMENT (pim_discovery_document_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimDiscoveryDocument,
                      pim_discovery_document,
                      PIM,
                      DISCOVERY_DOCUMENT,
                      GObject)

PIM_AVAILABLE_IN_0_1
PimDiscoveryDocument *pim_discovery_document_new_from_json (const char         *json,
                                                            const char         *expected_issuer,
                                                            PimDiscoveryPolicy *policy,
                                                            GError            **error);

PIM_AVAILABLE_IN_0_1
PimDiscoveryDocument *pim_discovery_document_new_from_bytes (GBytes             *json,
                                                             const char         *expected_issuer,
                                                             PimDiscoveryPolicy *policy,
                                                             GError            **error);

PIM_AVAILABLE_IN_0_1
JsonObject *pim_discovery_document_get_json (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_string (PimDiscoveryDocument *self, const char *name);

PIM_AVAILABLE_IN_0_1
GStrv pim_discovery_document_dup_strv (PimDiscoveryDocument *self, const char *name);

PIM_AVAILABLE_IN_0_1
gboolean pim_discovery_document_supports (PimDiscoveryDocument *self,
                                          const char           *list_name,
                                          const char           *value);

/* Typed getters for every member of OpenID Connect Discovery 1.0 §3,
 * RFC 8414 §2 and the extensions Pim uses follow. */

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_issuer (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_authorization_endpoint (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_token_endpoint (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_userinfo_endpoint (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_jwks_uri (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_registration_endpoint (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_service_documentation (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_op_policy_uri (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_op_tos_uri (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_revocation_endpoint (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_introspection_endpoint (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_end_session_endpoint (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_check_session_iframe (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_device_authorization_endpoint (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *
pim_discovery_document_get_pushed_authorization_request_endpoint (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *
pim_discovery_document_get_backchannel_authentication_endpoint (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_signed_metadata (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_scopes_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_response_types_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_response_modes_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_grant_types_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_acr_values_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_subject_types_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_id_token_signing_alg_values_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_id_token_encryption_alg_values_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_id_token_encryption_enc_values_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_userinfo_signing_alg_values_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_userinfo_encryption_alg_values_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_userinfo_encryption_enc_values_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_request_object_signing_alg_values_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_request_object_encryption_alg_values_supported (
    PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_request_object_encryption_enc_values_supported (
    PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_token_endpoint_auth_methods_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_token_endpoint_auth_signing_alg_values_supported (
    PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_display_values_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_claim_types_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_claims_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_claims_locales_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_ui_locales_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_revocation_endpoint_auth_methods_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_revocation_endpoint_auth_signing_alg_values_supported (
    PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_introspection_endpoint_auth_methods_supported (
    PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_introspection_endpoint_auth_signing_alg_values_supported (
    PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_code_challenge_methods_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_dpop_signing_alg_values_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_authorization_signing_alg_values_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_authorization_encryption_alg_values_supported (
    PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_authorization_encryption_enc_values_supported (
    PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_backchannel_token_delivery_modes_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_backchannel_authentication_request_signing_alg_values_supported (
    PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *pim_discovery_document_get_prompt_values_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *const *
pim_discovery_document_get_authorization_details_types_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
gboolean pim_discovery_document_get_claims_parameter_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
gboolean pim_discovery_document_get_request_parameter_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
gboolean pim_discovery_document_get_request_uri_parameter_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
gboolean pim_discovery_document_get_require_request_uri_registration (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
gboolean pim_discovery_document_get_require_signed_request_object (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
gboolean pim_discovery_document_get_frontchannel_logout_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
gboolean
pim_discovery_document_get_frontchannel_logout_session_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
gboolean pim_discovery_document_get_backchannel_logout_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
gboolean
pim_discovery_document_get_backchannel_logout_session_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
gboolean
pim_discovery_document_get_require_pushed_authorization_requests (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
gboolean pim_discovery_document_get_authorization_response_iss_parameter_supported (
    PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
gboolean
pim_discovery_document_get_tls_client_certificate_bound_access_tokens (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
gboolean
pim_discovery_document_get_backchannel_user_code_parameter_supported (PimDiscoveryDocument *self);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_document_get_mtls_endpoint_alias (PimDiscoveryDocument *self,
                                                            const char           *name);

G_END_DECLS
