/* discovery-document-test.c: PimDiscoveryDocument: parsing, the typed
 * getters, and every validation rule, on the documents in tests/discovery/
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-discovery-document-private.h"

#define FULL_ISSUER  "https://login.example.com"
#define LOCAL_ISSUER "http://127.0.0.1:33797"
#define OAUTH_ISSUER "https://server.example.com"

static char *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "discovery", name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* @fixture with @member set to @value (JSON text), or removed when @value
 * is NULL. */
static char *
mutate (const char *fixture, const char *member, const char *value)
{
  g_autofree char *text = load (fixture);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = json_from_string (text, &error);
  JsonObject *object;

  g_assert_no_error (error);
  object = json_node_get_object (root);
  if (value == NULL)
    {
      g_assert_true (json_object_has_member (object, member));
      json_object_remove_member (object, member);
    }
  else
    {
      JsonNode *node = json_from_string (value, &error);

      g_assert_no_error (error);
      json_object_set_member (object, member, node);
    }
  return json_to_string (root, FALSE);
}

/* @fixture with every occurrence of @from replaced by @to. */
static char *
replace (const char *fixture, const char *from, const char *to)
{
  g_autofree char *text = load (fixture);
  g_auto (GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

static PimDiscoveryDocument *
parse (const char *json, const char *expected_issuer, PimDiscoveryPolicy *policy)
{
  g_autoptr (GError) error = NULL;
  PimDiscoveryDocument *document =
      pim_discovery_document_new_from_json (json, expected_issuer, policy, &error);

  g_assert_no_error (error);
  g_assert_true (PIM_IS_DISCOVERY_DOCUMENT (document));
  return document;
}

/* Parsing @json fails with @code, and the message names @member. */
static void
assert_refused (const char         *json,
                const char         *expected_issuer,
                PimDiscoveryPolicy *policy,
                int                 code,
                const char         *member)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document =
      pim_discovery_document_new_from_json (json, expected_issuer, policy, &error);

  g_assert_error (error, PIM_DISCOVERY_ERROR, code);
  g_assert_null (document);
  g_test_message ("%s", error->message);
  if (member != NULL && strstr (error->message, member) == NULL)
    g_error ("“%s” does not name “%s”", error->message, member);
}

static void
assert_strv (const char *const *actual, const char *const *expected)
{
  g_assert_nonnull (actual);
  g_assert_cmpstrv (actual, expected);
}

#define STRV(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* ---- The getters ---- */

typedef const char *(*StringGetter) (PimDiscoveryDocument *self);
typedef const char *const *(*StrvGetter) (PimDiscoveryDocument *self);
typedef gboolean (*BooleanGetter) (PimDiscoveryDocument *self);

#define ROW(name) #name, pim_discovery_document_get_##name

static const struct
{
  const char  *name;
  StringGetter getter;
  const char  *expected;
} string_getters[] = {
  { ROW (issuer), FULL_ISSUER },
  { ROW (authorization_endpoint), FULL_ISSUER "/oauth2/v1/authorize" },
  { ROW (token_endpoint), FULL_ISSUER "/oauth2/v1/token" },
  { ROW (userinfo_endpoint), FULL_ISSUER "/oauth2/v1/userinfo" },
  { ROW (jwks_uri), FULL_ISSUER "/oauth2/v1/keys" },
  { ROW (registration_endpoint), FULL_ISSUER "/oauth2/v1/clients" },
  { ROW (service_documentation), "https://developer.example.com/docs/oidc" },
  { ROW (op_policy_uri), "https://www.example.com/privacy" },
  { ROW (op_tos_uri), "https://www.example.com/terms" },
  { ROW (revocation_endpoint), FULL_ISSUER "/oauth2/v1/revoke" },
  { ROW (introspection_endpoint), FULL_ISSUER "/oauth2/v1/introspect" },
  { ROW (end_session_endpoint), FULL_ISSUER "/oauth2/v1/logout" },
  { ROW (check_session_iframe), FULL_ISSUER "/oauth2/v1/checksession" },
  { ROW (device_authorization_endpoint), FULL_ISSUER "/oauth2/v1/device/authorize" },
  { ROW (pushed_authorization_request_endpoint), FULL_ISSUER "/oauth2/v1/par" },
  { ROW (backchannel_authentication_endpoint), FULL_ISSUER "/oauth2/v1/bc-authorize" },
  { ROW (signed_metadata), "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9."
                           "eyJpc3MiOiJodHRwczovL2xvZ2luLmV4YW1wbGUuY29tIn0.c2lnbmF0dXJl" },
};

static const struct
{
  const char        *name;
  StrvGetter         getter;
  const char *const *expected;
} strv_getters[] = {
  { ROW (scopes_supported),
    STRV ("openid", "profile", "email", "address", "phone", "offline_access", "groups") },
  { ROW (response_types_supported), STRV ("code",
                                          "id_token",
                                          "code id_token",
                                          "code token",
                                          "id_token token",
                                          "code id_token token",
                                          "none") },
  { ROW (response_modes_supported),
    STRV ("query", "fragment", "form_post", "jwt", "query.jwt", "fragment.jwt", "form_post.jwt") },
  { ROW (grant_types_supported), STRV ("authorization_code",
                                       "refresh_token",
                                       "client_credentials",
                                       "urn:ietf:params:oauth:grant-type:device_code",
                                       "urn:openid:params:grant-type:ciba",
                                       "urn:ietf:params:oauth:grant-type:token-exchange",
                                       "urn:ietf:params:oauth:grant-type:jwt-bearer") },
  { ROW (acr_values_supported), STRV ("urn:mace:incommon:iap:silver", "phr", "phrh") },
  { ROW (subject_types_supported), STRV ("public", "pairwise") },
  { ROW (id_token_signing_alg_values_supported), STRV ("RS256", "PS256", "ES256", "EdDSA") },
  { ROW (id_token_encryption_alg_values_supported), STRV ("RSA-OAEP-256", "ECDH-ES") },
  { ROW (id_token_encryption_enc_values_supported), STRV ("A128CBC-HS256", "A256GCM") },
  { ROW (userinfo_signing_alg_values_supported), STRV ("RS256", "ES384") },
  { ROW (userinfo_encryption_alg_values_supported), STRV ("RSA-OAEP", "ECDH-ES+A128KW") },
  { ROW (userinfo_encryption_enc_values_supported), STRV ("A128GCM", "A192GCM") },
  { ROW (request_object_signing_alg_values_supported), STRV ("RS256", "PS384", "ES512", "none") },
  { ROW (request_object_encryption_alg_values_supported), STRV ("RSA-OAEP-384", "ECDH-ES+A256KW") },
  { ROW (request_object_encryption_enc_values_supported), STRV ("A192CBC-HS384", "A256CBC-HS512") },
  { ROW (token_endpoint_auth_methods_supported), STRV ("client_secret_basic",
                                                       "client_secret_post",
                                                       "client_secret_jwt",
                                                       "private_key_jwt",
                                                       "tls_client_auth",
                                                       "self_signed_tls_client_auth",
                                                       "none") },
  { ROW (token_endpoint_auth_signing_alg_values_supported), STRV ("HS256", "RS256", "ES256") },
  { ROW (display_values_supported), STRV ("page", "popup", "touch", "wap") },
  { ROW (claim_types_supported), STRV ("normal", "aggregated", "distributed") },
  { ROW (claims_supported), STRV ("sub",
                                  "iss",
                                  "aud",
                                  "exp",
                                  "iat",
                                  "auth_time",
                                  "acr",
                                  "amr",
                                  "nonce",
                                  "name",
                                  "given_name",
                                  "family_name",
                                  "email",
                                  "email_verified",
                                  "locale",
                                  "groups") },
  { ROW (claims_locales_supported), STRV ("en", "de", "fr-CA") },
  { ROW (ui_locales_supported), STRV ("en-US", "en-GB", "de-DE", "fr-FR", "ja-JP") },
  { ROW (revocation_endpoint_auth_methods_supported),
    STRV ("client_secret_post", "private_key_jwt") },
  { ROW (revocation_endpoint_auth_signing_alg_values_supported), STRV ("RS384") },
  { ROW (introspection_endpoint_auth_methods_supported),
    STRV ("client_secret_jwt", "tls_client_auth") },
  { ROW (introspection_endpoint_auth_signing_alg_values_supported), STRV ("HS512") },
  { ROW (code_challenge_methods_supported), STRV ("S256") },
  { ROW (dpop_signing_alg_values_supported), STRV ("ES256", "EdDSA", "PS256") },
  { ROW (authorization_signing_alg_values_supported), STRV ("RS256", "ES256K") },
  { ROW (authorization_encryption_alg_values_supported), STRV ("RSA-OAEP-256") },
  { ROW (authorization_encryption_enc_values_supported), STRV ("A256GCM") },
  { ROW (backchannel_token_delivery_modes_supported), STRV ("poll", "ping", "push") },
  { ROW (backchannel_authentication_request_signing_alg_values_supported),
    STRV ("PS256", "ES256") },
  { ROW (prompt_values_supported), STRV ("none", "login", "consent", "select_account", "create") },
  { ROW (authorization_details_types_supported),
    STRV ("payment_initiation", "account_information") },
};

/* full.json sets each flag to the opposite of its default. */
static const struct
{
  const char   *name;
  BooleanGetter getter;
  gboolean      default_value;
} boolean_getters[] = {
  { ROW (claims_parameter_supported), FALSE },
  { ROW (request_parameter_supported), FALSE },
  { ROW (request_uri_parameter_supported), TRUE },
  { ROW (require_request_uri_registration), FALSE },
  { ROW (require_signed_request_object), FALSE },
  { ROW (frontchannel_logout_supported), FALSE },
  { ROW (frontchannel_logout_session_supported), FALSE },
  { ROW (backchannel_logout_supported), FALSE },
  { ROW (backchannel_logout_session_supported), FALSE },
  { ROW (require_pushed_authorization_requests), FALSE },
  { ROW (authorization_response_iss_parameter_supported), FALSE },
  { ROW (tls_client_certificate_bound_access_tokens), FALSE },
  { ROW (backchannel_user_code_parameter_supported), FALSE },
};

#undef ROW

static void
test_full_getters (void)
{
  g_autofree char *json = load ("full.json");
  g_autoptr (PimDiscoveryDocument) document = parse (json, FULL_ISSUER, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (string_getters); i++)
    {
      g_assert_cmpstr (string_getters[i].getter (document), ==, string_getters[i].expected);
      g_assert_cmpstr (pim_discovery_document_get_string (document, string_getters[i].name), ==,
                       string_getters[i].expected);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (strv_getters); i++)
    {
      g_auto (GStrv) copy = pim_discovery_document_dup_strv (document, strv_getters[i].name);

      assert_strv (strv_getters[i].getter (document), strv_getters[i].expected);
      assert_strv ((const char *const *) copy, strv_getters[i].expected);
      /* The same array each time: owned by the document. */
      g_assert_true (strv_getters[i].getter (document) == strv_getters[i].getter (document));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (boolean_getters); i++)
    g_assert_cmpint (boolean_getters[i].getter (document), ==, !boolean_getters[i].default_value);

  g_assert_cmpstr (pim_discovery_document_get_mtls_endpoint_alias (document, "token_endpoint"), ==,
                   "https://mtls.login.example.com/oauth2/v1/token");
  g_assert_cmpstr (pim_discovery_document_get_mtls_endpoint_alias (document, "pushed_authorization_"
                                                                             "request_endpoint"),
                   ==, "https://mtls.login.example.com/oauth2/v1/par");
  g_assert_cmpstr (pim_discovery_document_get_mtls_endpoint_alias (document, "x_vendor_endpoint"),
                   ==, "https://mtls.example.net/vendor");
  g_assert_null (pim_discovery_document_get_mtls_endpoint_alias (document, "userinfo_endpoint"));
}

/* Every getter of the header is in the tables above. */
static void
test_getters_complete (void)
{
  g_autofree char *path =
      g_test_build_filename (G_TEST_DIST, "..", "pim", "oidc", "pim-discovery-document.h", NULL);
  g_autofree char *header = NULL;
  g_autoptr (GRegex) regex = NULL;
  g_autoptr (GMatchInfo) match = NULL;
  guint found = 0;

  if (!g_file_get_contents (path, &header, NULL, NULL))
    {
      g_test_skip ("the header is not beside the tests");
      return;
    }
  regex = g_regex_new ("pim_discovery_document_get_([a-z_]+) \\(", 0, 0, NULL);
  g_regex_match (regex, header, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      gboolean         listed = FALSE;

      for (gsize i = 0; i < G_N_ELEMENTS (string_getters); i++)
        listed |= strcmp (string_getters[i].name, name) == 0;
      for (gsize i = 0; i < G_N_ELEMENTS (strv_getters); i++)
        listed |= strcmp (strv_getters[i].name, name) == 0;
      for (gsize i = 0; i < G_N_ELEMENTS (boolean_getters); i++)
        listed |= strcmp (boolean_getters[i].name, name) == 0;
      listed |= strcmp (name, "json") == 0 || strcmp (name, "string") == 0 ||
                strcmp (name, "mtls_endpoint_alias") == 0 || strcmp (name, "type") == 0;
      if (!listed)
        g_error ("pim_discovery_document_get_%s is not tested", name);
      found++;
    }
  g_assert_cmpuint (found, ==,
                    G_N_ELEMENTS (string_getters) + G_N_ELEMENTS (strv_getters) +
                        G_N_ELEMENTS (boolean_getters) + 4);
}

static void
test_full_generic (void)
{
  g_autofree char *json = load ("full.json");
  g_autoptr (PimDiscoveryDocument) document = parse (json, FULL_ISSUER, NULL);
  g_auto (GStrv) vendor = NULL;
  JsonObject *object = pim_discovery_document_get_json (document);

  /* Members Pim does not know are kept as they came, whatever their type. */
  g_assert_true (json_object_has_member (object, "x_vendor_flags"));
  g_assert_cmpint (json_object_get_int_member (object, "rbac_url"), ==, 42);
  g_assert_cmpstr (pim_discovery_document_get_string (document, "x_vendor_tenant_region"), ==,
                   "eu");
  g_assert_cmpstr (pim_discovery_document_get_string (document, "x_vendor_endpoint"), ==,
                   "http://somewhere-else.example.net/anything");
  g_assert_null (pim_discovery_document_get_string (document, "rbac_url"));
  g_assert_null (pim_discovery_document_get_string (document, "scopes_supported"));
  g_assert_null (pim_discovery_document_get_string (document, "nothing_here"));

  vendor = pim_discovery_document_dup_strv (document, "x_vendor_scopes_supported");
  assert_strv ((const char *const *) vendor, STRV ("vendor:read", "vendor:write"));
  g_assert_null (pim_discovery_document_dup_strv (document, "x_vendor_numbers"));
  g_assert_null (pim_discovery_document_dup_strv (document, "issuer"));
  g_assert_null (pim_discovery_document_dup_strv (document, "nothing_here"));

  g_assert_true (pim_discovery_document_supports (document, "scopes_supported", "groups"));
  g_assert_false (pim_discovery_document_supports (document, "scopes_supported", "group"));
  g_assert_true (
      pim_discovery_document_supports (document, "grant_types_supported", "client_credentials"));
  /* Listed, so the default does not apply. */
  g_assert_false (pim_discovery_document_supports (document, "grant_types_supported", "implicit"));
  g_assert_true (
      pim_discovery_document_supports (document, "x_vendor_scopes_supported", "vendor:write"));
  g_assert_false (pim_discovery_document_supports (document, "x_vendor_numbers", "1"));
  g_assert_false (pim_discovery_document_supports (document, "issuer", FULL_ISSUER));
  g_assert_false (pim_discovery_document_supports (document, "nothing_here", "x"));

  /* Nobody can change what the getters return. */
  g_assert_true (json_object_is_immutable (object));
}

static void
test_bytes (void)
{
  g_autofree char *json = load ("full.json");
  g_autoptr (GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document =
      pim_discovery_document_new_from_bytes (bytes, FULL_ISSUER, NULL, &error);
  g_autoptr (PimDiscoveryDocument) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pim_discovery_document_get_token_endpoint (document), ==,
                   FULL_ISSUER "/oauth2/v1/token");

  none = pim_discovery_document_new_from_bytes (empty, NULL, NULL, &error);
  g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MALFORMED);
  g_assert_null (none);
}

/* The smallest document the defaults accept. */
#define MINIMAL                                                  \
  "{\"issuer\":\"https://op.example\","                          \
  "\"authorization_endpoint\":\"https://op.example/authorize\"," \
  "\"token_endpoint\":\"https://op.example/token\","             \
  "\"jwks_uri\":\"https://op.example/jwks\","                    \
  "\"response_types_supported\":[\"code\"],"                     \
  "\"subject_types_supported\":[\"public\"],"                    \
  "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"

static void
test_defaults (void)
{
  g_autoptr (PimDiscoveryDocument) document = parse (MINIMAL, "https://op.example", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (boolean_getters); i++)
    g_assert_cmpint (boolean_getters[i].getter (document), ==, boolean_getters[i].default_value);
  for (gsize i = 0; i < G_N_ELEMENTS (strv_getters); i++)
    if (strcmp (strv_getters[i].name, "response_types_supported") != 0 &&
        strcmp (strv_getters[i].name, "subject_types_supported") != 0 &&
        strcmp (strv_getters[i].name, "id_token_signing_alg_values_supported") != 0)
      g_assert_null (strv_getters[i].getter (document));
  for (gsize i = 0; i < G_N_ELEMENTS (string_getters); i++)
    if (strcmp (string_getters[i].name, "issuer") != 0 &&
        strcmp (string_getters[i].name, "authorization_endpoint") != 0 &&
        strcmp (string_getters[i].name, "token_endpoint") != 0 &&
        strcmp (string_getters[i].name, "jwks_uri") != 0)
      g_assert_null (string_getters[i].getter (document));
  g_assert_null (pim_discovery_document_get_mtls_endpoint_alias (document, "token_endpoint"));

  /* Absent lists with a default in the specifications. */
  g_assert_true (pim_discovery_document_supports (document, "response_modes_supported", "query"));
  g_assert_true (
      pim_discovery_document_supports (document, "response_modes_supported", "fragment"));
  g_assert_false (
      pim_discovery_document_supports (document, "response_modes_supported", "form_post"));
  g_assert_true (
      pim_discovery_document_supports (document, "grant_types_supported", "authorization_code"));
  g_assert_true (pim_discovery_document_supports (document, "grant_types_supported", "implicit"));
  g_assert_false (
      pim_discovery_document_supports (document, "grant_types_supported", "client_credentials"));
  g_assert_true (pim_discovery_document_supports (document, "token_endpoint_auth_methods_supported",
                                                  "client_secret_basic"));
  g_assert_false (pim_discovery_document_supports (document,
                                                   "token_endpoint_auth_methods_supported",
                                                   "client_secret_post"));
  g_assert_true (pim_discovery_document_supports (document,
                                                  "revocation_endpoint_auth_methods_supported",
                                                  "client_secret_basic"));
  g_assert_true (pim_discovery_document_supports (document, "claim_types_supported", "normal"));
  /* No default: RFC 8414 §2 leaves these to other means, or says none. */
  g_assert_false (pim_discovery_document_supports (document,
                                                   "introspection_endpoint_auth_methods_supported",
                                                   "client_secret_basic"));
  g_assert_false (
      pim_discovery_document_supports (document, "code_challenge_methods_supported", "S256"));
  g_assert_false (pim_discovery_document_supports (document, "scopes_supported", "openid"));
  g_assert_null (pim_discovery_document_dup_strv (document, "grant_types_supported"));
}

/* ---- Real-world shapes ---- */

static void
test_local_provider (void)
{
  g_autofree char *json = load ("local-provider.json");
  g_autoptr (PimDiscoveryPolicy) no_loopback = pim_discovery_policy_new ();
  g_autoptr (PimDiscoveryPolicy) plain = pim_discovery_policy_new ();
  g_autoptr (PimDiscoveryDocument) document = parse (json, LOCAL_ISSUER, NULL);
  g_autoptr (PimDiscoveryDocument) relaxed = NULL;

  g_assert_cmpstr (pim_discovery_document_get_issuer (document), ==, LOCAL_ISSUER);
  g_assert_cmpstr (pim_discovery_document_get_token_endpoint (document), ==, LOCAL_ISSUER "/token");
  g_assert_cmpstr (pim_discovery_document_get_device_authorization_endpoint (document), ==,
                   LOCAL_ISSUER "/device/auth");
  g_assert_cmpstr (pim_discovery_document_get_pushed_authorization_request_endpoint (document), ==,
                   LOCAL_ISSUER "/request");
  g_assert_cmpstr (pim_discovery_document_get_end_session_endpoint (document), ==,
                   LOCAL_ISSUER "/session/end");
  g_assert_true (
      pim_discovery_document_get_authorization_response_iss_parameter_supported (document));
  g_assert_true (pim_discovery_document_get_backchannel_logout_supported (document));
  g_assert_false (pim_discovery_document_get_request_uri_parameter_supported (document));
  g_assert_true (pim_discovery_document_get_request_parameter_supported (document));
  g_assert_false (pim_discovery_document_get_frontchannel_logout_supported (document));
  g_assert_true (pim_discovery_document_supports (document, "grant_types_supported",
                                                  "urn:ietf:params:oauth:grant-type:device_code"));
  g_assert_true (
      pim_discovery_document_supports (document, "code_challenge_methods_supported", "S256"));

  /* Loopback http, refused when the policy says so. */
  pim_discovery_policy_set_allow_http_on_loopback (no_loopback, FALSE);
  assert_refused (json, LOCAL_ISSUER, no_loopback, PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT, "issuer");
  /* ... and allowed again when HTTPS is not required at all. */
  pim_discovery_policy_set_allow_http_on_loopback (plain, FALSE);
  pim_discovery_policy_set_require_https (plain, FALSE);
  relaxed = parse (json, LOCAL_ISSUER, plain);
  g_assert_nonnull (relaxed);
}

static void
test_loopback_hosts (void)
{
  static const char *const hosts[] = { "http://localhost:8080", "http://[::1]:8080",
                                       "http://127.0.0.2", "http://LOCALHOST" };
  g_autoptr (PimDiscoveryPolicy) no_loopback = pim_discovery_policy_new ();

  pim_discovery_policy_set_allow_http_on_loopback (no_loopback, FALSE);
  for (gsize i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      g_autofree char *json = replace ("local-provider.json", LOCAL_ISSUER, hosts[i]);
      g_autoptr (PimDiscoveryDocument) document = parse (json, hosts[i], NULL);

      g_assert_cmpstr (pim_discovery_document_get_issuer (document), ==, hosts[i]);
      assert_refused (json, hosts[i], no_loopback, PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT, "issuer");
    }
}

static void
test_oauth_metadata (void)
{
  g_autofree char *json = load ("oauth-metadata.json");
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document =
      pim_discovery_document_new_internal (json, strlen (json), OAUTH_ISSUER, NULL, TRUE, &error);
  g_autofree char *no_jwks = mutate ("oauth-metadata.json", "jwks_uri", NULL);
  g_autoptr (PimDiscoveryPolicy) no_key_set = pim_discovery_policy_new ();
  g_autoptr (PimDiscoveryDocument) keyless = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (pim_discovery_document_get_issuer (document), ==, OAUTH_ISSUER);
  g_assert_cmpstr (pim_discovery_document_get_registration_endpoint (document), ==,
                   OAUTH_ISSUER "/register");
  /* RFC 8414's own example documents itself over plain http. */
  g_assert_cmpstr (pim_discovery_document_get_service_documentation (document), ==,
                   "http://server.example.com/service_documentation.html");
  g_assert_null (pim_discovery_document_get_subject_types_supported (document));

  /* As an OpenID provider's document, it lacks OpenID members. */
  assert_refused (json, OAUTH_ISSUER, NULL, PIM_DISCOVERY_ERROR_MISSING_FIELD,
                  "subject_types_supported");

  /* jwks_uri is the policy's call. */
  g_clear_object (&document);
  document = pim_discovery_document_new_internal (no_jwks, strlen (no_jwks), OAUTH_ISSUER, NULL,
                                                  TRUE, &error);
  g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MISSING_FIELD);
  g_assert_nonnull (strstr (error->message, "jwks_uri"));
  g_clear_error (&error);
  pim_discovery_policy_set_require_key_set (no_key_set, FALSE);
  keyless = pim_discovery_document_new_internal (no_jwks, strlen (no_jwks), OAUTH_ISSUER,
                                                 no_key_set, TRUE, &error);
  g_assert_no_error (error);
  g_assert_null (pim_discovery_document_get_jwks_uri (keyless));
}

/* ---- Required members ---- */

static const char *const required[] = {
  "issuer",
  "authorization_endpoint",
  "token_endpoint",
  "jwks_uri",
  "response_types_supported",
  "subject_types_supported",
  "id_token_signing_alg_values_supported",
};

static void
test_missing (gconstpointer data)
{
  const char      *member = data;
  g_autofree char *json = mutate ("full.json", member, NULL);

  assert_refused (json, FULL_ISSUER, NULL, PIM_DISCOVERY_ERROR_MISSING_FIELD, member);
}

static void
test_required_by_grants (void)
{
  g_autoptr (PimDiscoveryPolicy) no_key_set = pim_discovery_policy_new ();
  g_autofree char *no_jwks = mutate ("full.json", "jwks_uri", NULL);
  g_autoptr (PimDiscoveryDocument) keyless = NULL;
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;

  pim_discovery_policy_set_require_key_set (no_key_set, FALSE);
  keyless = parse (no_jwks, FULL_ISSUER, no_key_set);
  g_assert_null (pim_discovery_document_get_jwks_uri (keyless));

  /* Implicit only: no token endpoint needed. */
  root = json_from_string (MINIMAL, NULL);
  object = json_node_get_object (root);
  json_object_remove_member (object, "token_endpoint");
  {
    g_autofree char *json = json_to_string (root, FALSE);

    assert_refused (json, NULL, NULL, PIM_DISCOVERY_ERROR_MISSING_FIELD, "token_endpoint");
  }
  json_object_set_member (object, "grant_types_supported",
                          json_from_string ("[\"implicit\"]", NULL));
  {
    g_autofree char *json = json_to_string (root, FALSE);
    g_autoptr (PimDiscoveryDocument) document = parse (json, NULL, NULL);

    g_assert_null (pim_discovery_document_get_token_endpoint (document));
  }

  /* No grant that goes through the browser: no authorization endpoint
   * needed, but the token endpoint is. */
  g_clear_pointer (&root, json_node_unref);
  root = json_from_string (MINIMAL, NULL);
  object = json_node_get_object (root);
  json_object_remove_member (object, "authorization_endpoint");
  {
    g_autofree char *json = json_to_string (root, FALSE);

    assert_refused (json, NULL, NULL, PIM_DISCOVERY_ERROR_MISSING_FIELD, "authorization_endpoint");
  }
  json_object_set_member (object, "grant_types_supported",
                          json_from_string ("[\"client_credentials\", "
                                            "\"urn:ietf:params:oauth:grant-type:device_code\"]",
                                            NULL));
  {
    g_autofree char *json = json_to_string (root, FALSE);
    g_autoptr (PimDiscoveryDocument) document = parse (json, NULL, NULL);

    g_assert_null (pim_discovery_document_get_authorization_endpoint (document));
  }
  json_object_remove_member (object, "token_endpoint");
  {
    g_autofree char *json = json_to_string (root, FALSE);

    assert_refused (json, NULL, NULL, PIM_DISCOVERY_ERROR_MISSING_FIELD, "token_endpoint");
  }
  /* An empty list is no list: the default grants apply. */
  json_object_set_member (object, "grant_types_supported", json_from_string ("[]", NULL));
  {
    g_autofree char *json = json_to_string (root, FALSE);

    assert_refused (json, NULL, NULL, PIM_DISCOVERY_ERROR_MISSING_FIELD, NULL);
  }
}

/* ---- The issuer ---- */

static void
test_issuer_mismatch (void)
{
  static const char *const others[] = {
    FULL_ISSUER "/", /* a trailing slash is a different issuer */
    "https://login.example.com/tenant",
    "https://LOGIN.example.com",
    "https://login.example.com:443",
    "https://login.example.net",
    "http://login.example.com",
    "",
  };
  g_autofree char *json = load ("full.json");
  g_autofree char *slashed = replace ("full.json", "\"" FULL_ISSUER "\"", "\"" FULL_ISSUER "/\"");
  g_autoptr (PimDiscoveryPolicy) lax = pim_discovery_policy_new ();
  g_autoptr (PimDiscoveryDocument) any = NULL;
  g_autoptr (PimDiscoveryDocument) unchecked = NULL;
  g_autoptr (PimDiscoveryDocument) with_slash = NULL;

  /* No issuer expected, any issuer goes. */
  g_assert_nonnull (any = parse (json, NULL, NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (others); i++)
    assert_refused (json, others[i], NULL, PIM_DISCOVERY_ERROR_ISSUER_MISMATCH, FULL_ISSUER);
  assert_refused (slashed, FULL_ISSUER, NULL, PIM_DISCOVERY_ERROR_ISSUER_MISMATCH, FULL_ISSUER);
  with_slash = parse (slashed, FULL_ISSUER "/", NULL);
  g_assert_cmpstr (pim_discovery_document_get_issuer (with_slash), ==, FULL_ISSUER "/");

  pim_discovery_policy_set_validate_issuer (lax, FALSE);
  unchecked = parse (json, "https://login.example.net", lax);
  g_assert_cmpstr (pim_discovery_document_get_issuer (unchecked), ==, FULL_ISSUER);
}

static void
test_issuer_form (void)
{
  static const char *const issuers[] = {
    "\"https://login.example.com?tenant=a\"",
    "\"https://login.example.com#x\"",
    "\"https://login.example.com/?\"",
    "\"login.example.com\"",
    "\"/relative\"",
    "\"urn:example:issuer\"",
    "\"https:///nohost\"",
    "\"\"",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (issuers); i++)
    {
      g_autofree char *json = mutate ("full.json", "issuer", issuers[i]);

      assert_refused (json, NULL, NULL, PIM_DISCOVERY_ERROR_MALFORMED, "issuer");
    }
}

/* ---- HTTPS ---- */

static void
test_insecure (void)
{
  g_autofree char *endpoint =
      mutate ("full.json", "token_endpoint", "\"http://login.example.com/oauth2/v1/token\"");
  g_autofree char *alias = mutate ("full.json", "mtls_endpoint_aliases",
                                   "{\"token_endpoint\": \"http://mtls.example.com/token\"}");
  g_autofree char *all_http = replace ("full.json", "https://", "http://");
  g_autoptr (PimDiscoveryPolicy) plain = pim_discovery_policy_new ();
  g_autoptr (PimDiscoveryDocument) document = NULL;

  assert_refused (endpoint, FULL_ISSUER, NULL, PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT,
                  "token_endpoint");
  assert_refused (alias, FULL_ISSUER, NULL, PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT,
                  "mtls_endpoint_aliases.token_endpoint");
  assert_refused (all_http, "http://login.example.com", NULL, PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT,
                  "issuer");

  pim_discovery_policy_set_require_https (plain, FALSE);
  document = parse (all_http, "http://login.example.com", plain);
  g_assert_cmpstr (pim_discovery_document_get_jwks_uri (document), ==,
                   "http://login.example.com/oauth2/v1/keys");
  g_clear_object (&document);
  document = parse (alias, FULL_ISSUER, plain);
  g_assert_cmpstr (pim_discovery_document_get_mtls_endpoint_alias (document, "token_endpoint"), ==,
                   "http://mtls.example.com/token");
  /* An http endpoint beside an https issuer is on another authority. */
  assert_refused (endpoint, FULL_ISSUER, plain, PIM_DISCOVERY_ERROR_FOREIGN_ENDPOINT,
                  "token_endpoint");

  /* Loopback endpoints of a public issuer are still foreign. */
  g_free (endpoint);
  endpoint = mutate ("full.json", "token_endpoint", "\"http://127.0.0.1:8080/token\"");
  assert_refused (endpoint, FULL_ISSUER, NULL, PIM_DISCOVERY_ERROR_FOREIGN_ENDPOINT,
                  "token_endpoint");
}

/* ---- Endpoints on the issuer's authority ---- */

static void
test_foreign (void)
{
  static const char *const foreign[] = {
    "https://evil.example.net/token",
    "https://login.example.com.evil.example.net/token",
    "https://login.example.com@evil.example.net/token",
    "https://login.example.com:8443/token",
    "https://example.com/token",
  };
  static const char *const same[] = {
    "https://login.example.com:443/token",
    "https://LOGIN.Example.COM/token",
    "HTTPS://login.example.com/token",
    "https://login.example.com",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (foreign); i++)
    {
      g_autofree char *value = g_strdup_printf ("\"%s\"", foreign[i]);
      g_autofree char *json = mutate ("full.json", "userinfo_endpoint", value);

      assert_refused (json, FULL_ISSUER, NULL, PIM_DISCOVERY_ERROR_FOREIGN_ENDPOINT,
                      "userinfo_endpoint");
    }
  for (gsize i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *value = g_strdup_printf ("\"%s\"", same[i]);
      g_autofree char *json = mutate ("full.json", "userinfo_endpoint", value);
      g_autoptr (PimDiscoveryDocument) document = parse (json, FULL_ISSUER, NULL);

      g_assert_cmpstr (pim_discovery_document_get_userinfo_endpoint (document), ==, same[i]);
    }
}

static void
test_foreign_every_endpoint (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (string_getters); i++)
    {
      const char      *name = string_getters[i].name;
      g_autofree char *json = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (PimDiscoveryDocument) document = NULL;

      if (strcmp (name, "issuer") == 0 || strcmp (name, "signed_metadata") == 0)
        continue;
      json = mutate ("full.json", name, "\"https://elsewhere.example.org/x\"");
      document = pim_discovery_document_new_from_json (json, FULL_ISSUER, NULL, &error);
      if (strcmp (name, "service_documentation") == 0 || strcmp (name, "op_policy_uri") == 0 ||
          strcmp (name, "op_tos_uri") == 0)
        g_assert_no_error (error);
      else if (error == NULL || strstr (error->message, name) == NULL)
        g_error ("%s on another host was accepted", name);
      else
        g_assert_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_FOREIGN_ENDPOINT);
    }
}

static void
test_foreign_allowed (void)
{
  g_autofree char *json =
      mutate ("full.json", "jwks_uri", "\"https://keys.example.net/oauth2/v3/certs\"");
  g_autoptr (PimDiscoveryPolicy) based = pim_discovery_policy_new ();
  g_autoptr (PimDiscoveryPolicy) excluded = pim_discovery_policy_new ();
  g_autoptr (PimDiscoveryPolicy) off = pim_discovery_policy_new ();
  g_autoptr (PimDiscoveryPolicy) near_miss = pim_discovery_policy_new ();
  g_autoptr (PimDiscoveryPolicy) other_path = pim_discovery_policy_new ();
  static const char *const bases[] = { "https://keys.example.net", "https://keys.example.net/",
                                       "https://keys.example.net/oauth2/",
                                       "https://keys.example.net/oauth2/v3/certs" };
  static const char *const near[] = { "https://keys.example.ne", "https://keys.example.net/oauth",
                                      "https://keys.example.net/oauth2/v3/cert", "" };

  assert_refused (json, FULL_ISSUER, NULL, PIM_DISCOVERY_ERROR_FOREIGN_ENDPOINT, "jwks_uri");

  for (gsize i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      const char *const list[] = { "https://other.example.org/", bases[i], NULL };
      g_autoptr (PimDiscoveryDocument) document = NULL;

      pim_discovery_policy_set_additional_endpoint_base_addresses (based, list);
      document = parse (json, FULL_ISSUER, based);
      g_assert_cmpstr (pim_discovery_document_get_jwks_uri (document), ==,
                       "https://keys.example.net/oauth2/v3/certs");
    }
  for (gsize i = 0; i < G_N_ELEMENTS (near); i++)
    {
      const char *const list[] = { near[i], NULL };

      pim_discovery_policy_set_additional_endpoint_base_addresses (near_miss, list);
      assert_refused (json, FULL_ISSUER, near_miss, PIM_DISCOVERY_ERROR_FOREIGN_ENDPOINT,
                      "jwks_uri");
    }

  {
    const char *const list[] = { "token_endpoint", "end_session_endpoint", NULL };

    pim_discovery_policy_set_endpoint_validation_excluded (excluded, list);
    assert_refused (json, FULL_ISSUER, excluded, PIM_DISCOVERY_ERROR_FOREIGN_ENDPOINT, "jwks_uri");
  }
  {
    const char *const list[] = { "jwks_uri", NULL };
    g_autoptr (PimDiscoveryDocument) document = NULL;

    pim_discovery_policy_set_endpoint_validation_excluded (excluded, list);
    document = parse (json, FULL_ISSUER, excluded);
    g_assert_nonnull (document);
  }
  {
    g_autoptr (PimDiscoveryDocument) document = NULL;

    pim_discovery_policy_set_validate_endpoints (off, FALSE);
    document = parse (json, FULL_ISSUER, off);
    g_assert_nonnull (document);
  }
  /* Excluded or not, HTTPS still applies. */
  {
    const char *const list[] = { "jwks_uri", NULL };
    g_autofree char  *plain = mutate ("full.json", "jwks_uri", "\"http://keys.example.net/certs\"");

    pim_discovery_policy_set_endpoint_validation_excluded (other_path, list);
    assert_refused (plain, FULL_ISSUER, other_path, PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT,
                    "jwks_uri");
    assert_refused (plain, FULL_ISSUER, off, PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT, "jwks_uri");
  }
}

static void
test_mtls_aliases_elsewhere (void)
{
  g_autofree char *json =
      mutate ("full.json", "mtls_endpoint_aliases",
              "{\"token_endpoint\": \"https://mtls.other.example.org:8443/token\", "
              "\"userinfo_endpoint\": "
              "\"https://mtls.other.example.org/me\"}");
  g_autoptr (PimDiscoveryDocument) document = parse (json, FULL_ISSUER, NULL);

  g_assert_cmpstr (pim_discovery_document_get_mtls_endpoint_alias (document, "token_endpoint"), ==,
                   "https://mtls.other.example.org:8443/token");
  g_assert_cmpstr (pim_discovery_document_get_mtls_endpoint_alias (document, "userinfo_endpoint"),
                   ==, "https://mtls.other.example.org/me");
  g_assert_null (pim_discovery_document_get_mtls_endpoint_alias (document, "revocation_endpoint"));
}

/* ---- Malformed documents ---- */

static const struct
{
  const char *member;
  const char *value;
} wrong_types[] = {
  { "issuer", "42" },
  { "issuer", "null" },
  { "token_endpoint", "[\"https://login.example.com/token\"]" },
  { "token_endpoint", "null" },
  { "token_endpoint", "\"not a url\"" },
  { "token_endpoint", "\"/oauth2/v1/token\"" },
  { "token_endpoint", "\"ftp://login.example.com/token\"" },
  { "token_endpoint", "\"https://login.example.com/a b\"" },
  { "token_endpoint", "\"https://login.example.com/\\u0001\"" },
  { "token_endpoint", "\"https://login.example.com/caf\\u00e9\"" },
  { "token_endpoint", "\"https://login.example.com/%zz\"" },
  { "service_documentation", "\"docs\"" },
  { "signed_metadata", "7" },
  { "scopes_supported", "\"openid profile\"" },
  { "scopes_supported", "[\"openid\", 1]" },
  { "scopes_supported", "[\"openid\", null]" },
  { "scopes_supported", "[[\"openid\"]]" },
  { "scopes_supported", "{}" },
  { "claims_parameter_supported", "\"true\"" },
  { "claims_parameter_supported", "1" },
  { "request_uri_parameter_supported", "null" },
  { "mtls_endpoint_aliases", "[]" },
  { "mtls_endpoint_aliases", "\"https://mtls.example.com\"" },
  { "mtls_endpoint_aliases", "{\"token_endpoint\": 3}" },
  { "mtls_endpoint_aliases", "{\"token_endpoint\": \"/token\"}" },
};

static void
test_wrong_types (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (wrong_types); i++)
    {
      g_autofree char *json = mutate ("full.json", wrong_types[i].member, wrong_types[i].value);

      assert_refused (json, FULL_ISSUER, NULL, PIM_DISCOVERY_ERROR_MALFORMED,
                      wrong_types[i].member);
    }
}

static void
test_not_json (void)
{
  static const char *const texts[] = {
    "",
    "{",
    "[]",
    "\"https://login.example.com\"",
    "null",
    "42",
    "{}x",
    "{\"a\":1,}",
    "\xef\xbb\xbf{}",
  };
  g_autofree char *array = load ("not-object.json");
  g_autofree char *truncated = load ("truncated.json");

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_refused (texts[i], NULL, NULL, PIM_DISCOVERY_ERROR_MALFORMED, NULL);
  assert_refused (array, NULL, NULL, PIM_DISCOVERY_ERROR_MALFORMED, "JSON object");
  assert_refused (truncated, NULL, NULL, PIM_DISCOVERY_ERROR_MALFORMED, "not valid JSON");
  /* An empty object is JSON: it only lacks everything. */
  assert_refused ("{}", NULL, NULL, PIM_DISCOVERY_ERROR_MISSING_FIELD, "issuer");
}

static void
test_duplicate_member (void)
{
  g_autofree char *json = load ("duplicate-member.json");
  g_autofree char *nested = mutate ("full.json", "x_vendor_flags", "{\"a\": 1}");
  g_autofree char *dup_nested = NULL;
  g_auto (GStrv) parts = NULL;

  assert_refused (json, NULL, NULL, PIM_DISCOVERY_ERROR_MALFORMED, "not valid JSON");

  /* At any depth, and in members Pim does not know. */
  parts = g_strsplit (nested, "{\"a\":1}", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  dup_nested = g_strconcat (parts[0], "{\"a\":1,\"a\":2}", parts[1], NULL);
  assert_refused (dup_nested, NULL, NULL, PIM_DISCOVERY_ERROR_MALFORMED, NULL);
}

static void
test_unknown_members (void)
{
  g_autofree char *json = mutate ("full.json", "x_another", "[{\"deep\": {\"er\": [null]}}]");
  g_autoptr (PimDiscoveryDocument) document = parse (json, FULL_ISSUER, NULL);
  g_autoptr (PimDiscoveryDocument) odd_document = NULL;

  g_assert_true (json_object_has_member (pim_discovery_document_get_json (document), "x_another"));

  /* Names close to known ones are not the known ones. */
  g_free (json);
  json = mutate ("full.json", "Token_Endpoint", "false");
  odd_document = parse (json, FULL_ISSUER, NULL);
  g_assert_cmpstr (pim_discovery_document_get_token_endpoint (odd_document), ==,
                   FULL_ISSUER "/oauth2/v1/token");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/discovery-document/full/getters", test_full_getters);
  g_test_add_func ("/discovery-document/full/getters-complete", test_getters_complete);
  g_test_add_func ("/discovery-document/full/generic", test_full_generic);
  g_test_add_func ("/discovery-document/bytes", test_bytes);
  g_test_add_func ("/discovery-document/defaults", test_defaults);
  g_test_add_func ("/discovery-document/local-provider", test_local_provider);
  g_test_add_func ("/discovery-document/loopback-hosts", test_loopback_hosts);
  g_test_add_func ("/discovery-document/oauth-metadata", test_oauth_metadata);
  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autofree char *path = g_strdup_printf ("/discovery-document/missing/%s", required[i]);

      g_test_add_data_func (path, required[i], test_missing);
    }
  g_test_add_func ("/discovery-document/missing/by-grants", test_required_by_grants);
  g_test_add_func ("/discovery-document/issuer/mismatch", test_issuer_mismatch);
  g_test_add_func ("/discovery-document/issuer/form", test_issuer_form);
  g_test_add_func ("/discovery-document/insecure", test_insecure);
  g_test_add_func ("/discovery-document/foreign/endpoint", test_foreign);
  g_test_add_func ("/discovery-document/foreign/every-endpoint", test_foreign_every_endpoint);
  g_test_add_func ("/discovery-document/foreign/allowed", test_foreign_allowed);
  g_test_add_func ("/discovery-document/foreign/mtls-aliases", test_mtls_aliases_elsewhere);
  g_test_add_func ("/discovery-document/malformed/types", test_wrong_types);
  g_test_add_func ("/discovery-document/malformed/not-json", test_not_json);
  g_test_add_func ("/discovery-document/malformed/duplicate-member", test_duplicate_member);
  g_test_add_func ("/discovery-document/unknown-members", test_unknown_members);

  return g_test_run ();
}
