/* fuzz-discovery.c: discovery documents (pim/oidc/pim-discovery-document.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Byte 0 sets how the document is read (one bit each): as OAuth 2.0
 * metadata (RFC 8414) rather than OpenID; with no expected issuer rather
 * than https://op.example; and the policy: HTTPS not required, no HTTP on
 * loopback, issuer not validated, endpoints not validated, a key set
 * required, extra base addresses and an excluded member. Byte 0 = 0 is
 * the strict default. The rest is the document, as JSON text.
 *
 * An accepted document is then read through every getter kind. Property:
 * its JSON, written out again, is accepted again under the same rules.
 */

#include "fuzz-common.h"

#include "pim-discovery-document-private.h"
#include "pim-json-private.h"

#define ISSUER "https://op.example"

static PimDiscoveryPolicy *
policy_for (guint8 bits)
{
  PimDiscoveryPolicy *policy = pim_discovery_policy_new ();
  const char *const   bases[] = { "https://login.example/", "https://keys.example", NULL };
  const char *const   excluded[] = { "jwks_uri", NULL };

  if (bits & 4)
    pim_discovery_policy_set_require_https (policy, FALSE);
  if (bits & 8)
    pim_discovery_policy_set_allow_http_on_loopback (policy, FALSE);
  if (bits & 16)
    pim_discovery_policy_set_validate_issuer (policy, FALSE);
  if (bits & 32)
    pim_discovery_policy_set_validate_endpoints (policy, FALSE);
  if (bits & 64)
    pim_discovery_policy_set_require_key_set (policy, TRUE);
  if (bits & 128)
    {
      pim_discovery_policy_set_additional_endpoint_base_addresses (policy, bases);
      pim_discovery_policy_set_endpoint_validation_excluded (policy, excluded);
    }
  return policy;
}

static void
use_document (PimDiscoveryDocument *document)
{
  JsonObject    *json = pim_discovery_document_get_json (document);
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *member;

  pim_fuzz_assert (json != NULL, "a document without JSON");
  pim_fuzz_assert (pim_discovery_document_get_issuer (document) != NULL,
                   "a document without an issuer");

  /* Every member, through the untyped getters. */
  json_object_iter_init (&iter, json);
  while (json_object_iter_next (&iter, &name, &member))
    {
      g_auto (GStrv) values = pim_discovery_document_dup_strv (document, name);

      (void) pim_discovery_document_get_string (document, name);
      (void) pim_discovery_document_supports (document, name, "code");
      (void) pim_discovery_document_get_mtls_endpoint_alias (document, name);
      for (gsize i = 0; values != NULL && values[i] != NULL; i++)
        pim_fuzz_assert (pim_discovery_document_supports (document, name, values[i]),
                         "a listed value is not supported");
    }

  /* The typed getters of each kind. */
  (void) pim_discovery_document_get_authorization_endpoint (document);
  (void) pim_discovery_document_get_token_endpoint (document);
  (void) pim_discovery_document_get_userinfo_endpoint (document);
  (void) pim_discovery_document_get_jwks_uri (document);
  (void) pim_discovery_document_get_end_session_endpoint (document);
  (void) pim_discovery_document_get_device_authorization_endpoint (document);
  (void) pim_discovery_document_get_signed_metadata (document);
  (void) pim_discovery_document_get_scopes_supported (document);
  (void) pim_discovery_document_get_response_types_supported (document);
  (void) pim_discovery_document_get_response_modes_supported (document);
  (void) pim_discovery_document_get_grant_types_supported (document);
  (void) pim_discovery_document_get_id_token_signing_alg_values_supported (document);
  (void) pim_discovery_document_get_token_endpoint_auth_methods_supported (document);
  (void) pim_discovery_document_get_code_challenge_methods_supported (document);
  (void) pim_discovery_document_get_claims_parameter_supported (document);
  (void) pim_discovery_document_get_request_uri_parameter_supported (document);
  (void) pim_discovery_document_get_authorization_response_iss_parameter_supported (document);
  (void) pim_discovery_document_get_mtls_endpoint_alias (document, "token_endpoint");
  (void) pim_discovery_document_supports (document, "grant_types_supported", "authorization_code");
  (void) pim_discovery_document_supports (document, "response_modes_supported", "fragment");
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  PimFuzzInput in = { data, size };
  guint8       bits = pim_fuzz_take_byte (&in);
  gboolean     oauth_metadata = (bits & 1) != 0;
  const char  *expected = (bits & 2) ? NULL : ISSUER;
  g_autoptr (PimDiscoveryPolicy) policy = NULL;
  g_autoptr (PimDiscoveryDocument) document = NULL;
  g_autoptr (GError) error = NULL;

  pim_fuzz_init ();
  policy = policy_for (bits);

  document = pim_discovery_document_new_internal ((const char *) in.data, in.size, expected, policy,
                                                  oauth_metadata, &error);
  pim_fuzz_assert ((document == NULL) == (error != NULL), "a document xor an error");
  pim_fuzz_check_error (error);
  if (document == NULL)
    return 0;

  use_document (document);
  {
    g_autoptr (JsonNode) node =
        json_node_init_object (json_node_alloc (), pim_discovery_document_get_json (document));
    g_autofree char *written = pim_json_to_string (node);
    g_autoptr (PimDiscoveryDocument) again = NULL;
    g_autoptr (GError) again_error = NULL;

    again = pim_discovery_document_new_internal (written, strlen (written), expected, policy,
                                                 oauth_metadata, &again_error);
    pim_fuzz_assert (again != NULL, "a document, written out again, is refused");
  }

  if (!oauth_metadata && memchr (in.data, '\0', in.size) == NULL)
    {
      g_autofree char *copy = g_strndup ((const char *) in.data, in.size);
      g_autoptr (PimDiscoveryDocument) from_json =
          pim_discovery_document_new_from_json (copy, expected, policy, NULL);

      pim_fuzz_assert (from_json != NULL, "new_from_json refuses what new_internal accepts");
    }
  return 0;
}
