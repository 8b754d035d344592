/* pim-discovery-document.c: PimDiscoveryDocument, an OpenID provider's or
 * OAuth 2.0 authorization server's metadata
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The typed getters are in pim-discovery-document-fields.c.
 */

#include "pim-private.h"

#include <string.h>

#include "pim-discovery-document-private.h"
#include "pim-discovery-private.h"
#include "pim-discovery-error.h"
#include "pim-http-private.h"
#include "pim-json-private.h"

/**
 * PimDiscoveryDocument:
 *
 * The metadata of an OpenID provider (OpenID Connect Discovery 1.0 §3) or
 * of an OAuth 2.0 authorization server (RFC 8414 §2): its issuer, its
 * endpoints and what it supports.
 *
 * A document is checked when it is built, against a
 * [class@DiscoveryPolicy]:
 *
 * - the JSON is read strictly (a member name given twice is an error), its
 *   root must be an object, and every member Pim knows must have its
 *   registered type: URLs are absolute `http` or `https` URLs, lists are
 *   arrays of strings, flags are booleans. Members Pim does not know are
 *   kept as they came and not checked;
 * - the required members must be there: `issuer`, `response_types_supported`,
 *   `jwks_uri` when the policy requires a key set, `token_endpoint` unless
 *   the provider supports only the implicit grant, `authorization_endpoint`
 *   unless it supports neither the authorization code nor the implicit
 *   grant, and, in an OpenID provider's document, `subject_types_supported`
 *   and `id_token_signing_alg_values_supported`;
 * - `issuer` has no query or fragment and, when an issuer is expected, is
 *   exactly that string (OpenID Connect Discovery 1.0 §4.3, RFC 8414 §3.3);
 * - the issuer, every endpoint and every `mtls_endpoint_aliases` entry
 *   (RFC 8705) are `https`, unless the policy allows plain `http`,
 *   everywhere or on the loopback interface only;
 * - every endpoint is on the issuer's authority (scheme, host and port) or
 *   under one of the policy's additional base addresses, unless the policy
 *   excludes it by name. The `mtls_endpoint_aliases` may be on other hosts.
 *
 * The pages for people, `service_documentation`, `op_policy_uri` and
 * `op_tos_uri`, need only be absolute URLs: Pim never fetches them, and
 * RFC 8414's own example serves its documentation over plain `http`.
 *
 * Each metadata member has a typed getter, such as
 * [method@DiscoveryDocument.get_token_endpoint]; any member, known or not,
 * can be read with [method@DiscoveryDocument.get_string],
 * [method@DiscoveryDocument.dup_strv] or from the JSON itself
 * ([method@DiscoveryDocument.get_json]).
 *
 * A document is immutable once built, and safe to share between threads.
 *
 * Since: 0.1
 */

typedef enum
{
  MEMBER_URL,          /* an endpoint: HTTPS and on the issuer's authority */
  MEMBER_URL_DOCUMENT, /* a page for people: any http(s) URL */
  MEMBER_STRING,
  MEMBER_STRV,
  MEMBER_BOOLEAN,
  MEMBER_URL_MAP, /* an object of URLs: HTTPS only */
} MemberKind;

typedef struct
{
  const char        *name;
  MemberKind         kind;
  gboolean           default_boolean;
  const char *const *default_list;
} MemberInfo;

/* The defaults the specifications give to absent lists. */
static const char *const default_response_modes[] = { "query", "fragment", NULL };
static const char *const default_grant_types[] = { "authorization_code", "implicit", NULL };
static const char *const default_token_endpoint_auth_methods[] = { "client_secret_basic", NULL };
static const char *const default_claim_types[] = { "normal", NULL };
static const char *const default_revocation_endpoint_auth_methods[] = { "client_secret_basic",
                                                                        NULL };

#define ROW(ID, KIND, NAME) [PIM_DISCOVERY_MEMBER_##ID] = { NAME, MEMBER_##KIND, FALSE, NULL }
#define ROW_DEFAULT(ID, KIND, NAME, BOOLEAN, LIST) \
  [PIM_DISCOVERY_MEMBER_##ID] = { NAME, MEMBER_##KIND, BOOLEAN, LIST }

/* Indexed by member, so that the table cannot drift from the enum. */
static const MemberInfo members[PIM_DISCOVERY_N_MEMBERS] = {
  ROW (ISSUER, URL, "issuer"),
  ROW (AUTHORIZATION_ENDPOINT, URL, "authorization_endpoint"),
  ROW (TOKEN_ENDPOINT, URL, "token_endpoint"),
  ROW (USERINFO_ENDPOINT, URL, "userinfo_endpoint"),
  ROW (JWKS_URI, URL, "jwks_uri"),
  ROW (REGISTRATION_ENDPOINT, URL, "registration_endpoint"),
  ROW (SERVICE_DOCUMENTATION, URL_DOCUMENT, "service_documentation"),
  ROW (OP_POLICY_URI, URL_DOCUMENT, "op_policy_uri"),
  ROW (OP_TOS_URI, URL_DOCUMENT, "op_tos_uri"),
  ROW (REVOCATION_ENDPOINT, URL, "revocation_endpoint"),
  ROW (INTROSPECTION_ENDPOINT, URL, "introspection_endpoint"),
  ROW (END_SESSION_ENDPOINT, URL, "end_session_endpoint"),
  ROW (CHECK_SESSION_IFRAME, URL, "check_session_iframe"),
  ROW (DEVICE_AUTHORIZATION_ENDPOINT, URL, "device_authorization_endpoint"),
  ROW (PUSHED_AUTHORIZATION_REQUEST_ENDPOINT, URL, "pushed_authorization_request_endpoint"),
  ROW (BACKCHANNEL_AUTHENTICATION_ENDPOINT, URL, "backchannel_authentication_endpoint"),
  ROW (SIGNED_METADATA, STRING, "signed_metadata"),
  ROW (SCOPES_SUPPORTED, STRV, "scopes_supported"),
  ROW (RESPONSE_TYPES_SUPPORTED, STRV, "response_types_supported"),
  ROW_DEFAULT (RESPONSE_MODES_SUPPORTED,
               STRV,
               "response_modes_supported",
               FALSE,
               default_response_modes),
  ROW_DEFAULT (GRANT_TYPES_SUPPORTED, STRV, "grant_types_supported", FALSE, default_grant_types),
  ROW (ACR_VALUES_SUPPORTED, STRV, "acr_values_supported"),
  ROW (SUBJECT_TYPES_SUPPORTED, STRV, "subject_types_supported"),
  ROW (ID_TOKEN_SIGNING_ALG_VALUES_SUPPORTED, STRV, "id_token_signing_alg_values_supported"),
  ROW (ID_TOKEN_ENCRYPTION_ALG_VALUES_SUPPORTED, STRV, "id_token_encryption_alg_values_supported"),
  ROW (ID_TOKEN_ENCRYPTION_ENC_VALUES_SUPPORTED, STRV, "id_token_encryption_enc_values_supported"),
  ROW (USERINFO_SIGNING_ALG_VALUES_SUPPORTED, STRV, "userinfo_signing_alg_values_supported"),
  ROW (USERINFO_ENCRYPTION_ALG_VALUES_SUPPORTED, STRV, "userinfo_encryption_alg_values_supported"),
  ROW (USERINFO_ENCRYPTION_ENC_VALUES_SUPPORTED, STRV, "userinfo_encryption_enc_values_supported"),
  ROW (REQUEST_OBJECT_SIGNING_ALG_VALUES_SUPPORTED,
       STRV,
       "request_object_signing_alg_values_supported"),
  ROW (REQUEST_OBJECT_ENCRYPTION_ALG_VALUES_SUPPORTED,
       STRV,
       "request_object_encryption_alg_values_supported"),
  ROW (REQUEST_OBJECT_ENCRYPTION_ENC_VALUES_SUPPORTED,
       STRV,
       "request_object_encryption_enc_values_supported"),
  ROW_DEFAULT (TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED,
               STRV,
               "token_endpoint_auth_methods_supported",
               FALSE,
               default_token_endpoint_auth_methods),
  ROW (TOKEN_ENDPOINT_AUTH_SIGNING_ALG_VALUES_SUPPORTED,
       STRV,
       "token_endpoint_auth_signing_alg_values_supported"),
  ROW (DISPLAY_VALUES_SUPPORTED, STRV, "display_values_supported"),
  ROW_DEFAULT (CLAIM_TYPES_SUPPORTED, STRV, "claim_types_supported", FALSE, default_claim_types),
  ROW (CLAIMS_SUPPORTED, STRV, "claims_supported"),
  ROW (CLAIMS_LOCALES_SUPPORTED, STRV, "claims_locales_supported"),
  ROW (UI_LOCALES_SUPPORTED, STRV, "ui_locales_supported"),
  ROW_DEFAULT (REVOCATION_ENDPOINT_AUTH_METHODS_SUPPORTED,
               STRV,
               "revocation_endpoint_auth_methods_supported",
               FALSE,
               default_revocation_endpoint_auth_methods),
  ROW (REVOCATION_ENDPOINT_AUTH_SIGNING_ALG_VALUES_SUPPORTED,
       STRV,
       "revocation_endpoint_auth_signing_alg_values_supported"),
  ROW (INTROSPECTION_ENDPOINT_AUTH_METHODS_SUPPORTED,
       STRV,
       "introspection_endpoint_auth_methods_supported"),
  ROW (INTROSPECTION_ENDPOINT_AUTH_SIGNING_ALG_VALUES_SUPPORTED,
       STRV,
       "introspection_endpoint_auth_signing_alg_values_supported"),
  ROW (CODE_CHALLENGE_METHODS_SUPPORTED, STRV, "code_challenge_methods_supported"),
  ROW (DPOP_SIGNING_ALG_VALUES_SUPPORTED, STRV, "dpop_signing_alg_values_supported"),
  ROW (AUTHORIZATION_SIGNING_ALG_VALUES_SUPPORTED,
       STRV,
       "authorization_signing_alg_values_supported"),
  ROW (AUTHORIZATION_ENCRYPTION_ALG_VALUES_SUPPORTED,
       STRV,
       "authorization_encryption_alg_values_supported"),
  ROW (AUTHORIZATION_ENCRYPTION_ENC_VALUES_SUPPORTED,
       STRV,
       "authorization_encryption_enc_values_supported"),
  ROW (BACKCHANNEL_TOKEN_DELIVERY_MODES_SUPPORTED,
       STRV,
       "backchannel_token_delivery_modes_supported"),
  ROW (BACKCHANNEL_AUTHENTICATION_REQUEST_SIGNING_ALG_VALUES_SUPPORTED,
       STRV,
       "backchannel_authentication_request_signing_alg_values_supported"),
  ROW (PROMPT_VALUES_SUPPORTED, STRV, "prompt_values_supported"),
  ROW (AUTHORIZATION_DETAILS_TYPES_SUPPORTED, STRV, "authorization_details_types_supported"),
  ROW (CLAIMS_PARAMETER_SUPPORTED, BOOLEAN, "claims_parameter_supported"),
  ROW (REQUEST_PARAMETER_SUPPORTED, BOOLEAN, "request_parameter_supported"),
  ROW_DEFAULT (REQUEST_URI_PARAMETER_SUPPORTED,
               BOOLEAN,
               "request_uri_parameter_supported",
               TRUE,
               NULL),
  ROW (REQUIRE_REQUEST_URI_REGISTRATION, BOOLEAN, "require_request_uri_registration"),
  ROW (REQUIRE_SIGNED_REQUEST_OBJECT, BOOLEAN, "require_signed_request_object"),
  ROW (FRONTCHANNEL_LOGOUT_SUPPORTED, BOOLEAN, "frontchannel_logout_supported"),
  ROW (FRONTCHANNEL_LOGOUT_SESSION_SUPPORTED, BOOLEAN, "frontchannel_logout_session_supported"),
  ROW (BACKCHANNEL_LOGOUT_SUPPORTED, BOOLEAN, "backchannel_logout_supported"),
  ROW (BACKCHANNEL_LOGOUT_SESSION_SUPPORTED, BOOLEAN, "backchannel_logout_session_supported"),
  ROW (REQUIRE_PUSHED_AUTHORIZATION_REQUESTS, BOOLEAN, "require_pushed_authorization_requests"),
  ROW (AUTHORIZATION_RESPONSE_ISS_PARAMETER_SUPPORTED,
       BOOLEAN,
       "authorization_response_iss_parameter_supported"),
  ROW (TLS_CLIENT_CERTIFICATE_BOUND_ACCESS_TOKENS,
       BOOLEAN,
       "tls_client_certificate_bound_access_tokens"),
  ROW (BACKCHANNEL_USER_CODE_PARAMETER_SUPPORTED,
       BOOLEAN,
       "backchannel_user_code_parameter_supported"),
  ROW (MTLS_ENDPOINT_ALIASES, URL_MAP, "mtls_endpoint_aliases"),
};

#undef ROW
#undef ROW_DEFAULT
struct _PimDiscoveryDocument
{
  GObject parent_instance;

  JsonNode   *root; /* sealed: nobody can change what the getters return */
  JsonObject *object;
  JsonObject *mtls_endpoint_aliases;

  /* Per member, read once when the document is built. */
  const char *strings[PIM_DISCOVERY_N_MEMBERS]; /* point into root */
  GStrv       lists[PIM_DISCOVERY_N_MEMBERS];
  gboolean    booleans[PIM_DISCOVERY_N_MEMBERS];
};

G_DEFINE_FINAL_TYPE (PimDiscoveryDocument, pim_discovery_document, G_TYPE_OBJECT)

static void
pim_discovery_document_finalize (GObject *object)
{
  PimDiscoveryDocument *self = PIM_DISCOVERY_DOCUMENT (object);

  for (guint i = 0; i < PIM_DISCOVERY_N_MEMBERS; i++)
    g_strfreev (self->lists[i]);
  g_clear_pointer (&self->root, json_node_unref);

  G_OBJECT_CLASS (pim_discovery_document_parent_class)->finalize (object);
}

static void
pim_discovery_document_class_init (PimDiscoveryDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pim_discovery_document_finalize;

  /* Each member has its row: an enum value without one would read NULL. */
  for (guint i = 0; i < PIM_DISCOVERY_N_MEMBERS; i++)
    g_assert (members[i].name != NULL);
}

static void
pim_discovery_document_init (PimDiscoveryDocument *self)
{
}

static int
find_member (const char *name)
{
  for (guint i = 0; i < PIM_DISCOVERY_N_MEMBERS; i++)
    if (strcmp (members[i].name, name) == 0)
      return (int) i;
  return -1;
}

/* ---- Reading the members ---- */

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* A member name or an alias name from the document, fit for a message:
 * printable ASCII only, and not too long. */
static char *
name_for_display (const char *prefix, const char *name)
{
  GString *shown = g_string_new (prefix);

  for (const char *p = name; *p != '\0' && p - name < 64; p++)
    g_string_append_c (shown, g_ascii_isprint (*p) ? *p : '?');
  return g_string_free (shown, FALSE);
}

/* An absolute http or https URL with a host, in printable ASCII without
 * spaces (GUri alone would accept spaces and control characters). */
static GUri *
parse_url (const char *member, const char *value, GError **error)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;

  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || (guchar) *p >= 0x7f)
      goto invalid;
  uri = g_uri_parse (value, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    goto invalid;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    goto invalid;
  return g_steal_pointer (&uri);

invalid:
  g_set_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MALFORMED,
               /* translators: %s is a metadata member name, such as “token_endpoint” */
               _ ("The discovery document member “%s” is not an absolute HTTP or HTTPS URL"),
               member);
  return NULL;
}

static gboolean
read_strv (JsonNode *node, GStrv *out)
{
  g_autoptr (GStrvBuilder) builder = NULL;
  JsonArray *array;
  guint      len;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  len = json_array_get_length (array);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < len; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!node_is_string (element))
        return FALSE;
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_url_map (JsonNode *node, JsonObject **out, GError **error)
{
  const char    *member = members[PIM_DISCOVERY_MEMBER_MTLS_ENDPOINT_ALIASES].name;
  JsonObject    *object;
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MALFORMED,
                   /* translators: %s is a metadata member name, such as “mtls_endpoint_aliases” */
                   _ ("The discovery document member “%s” is not an object"), member);
      return FALSE;
    }
  object = json_node_get_object (node);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *shown = name_for_display ("mtls_endpoint_aliases.", name);
      g_autoptr (GUri) uri = NULL;

      if (!node_is_string (value))
        {
          g_set_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MALFORMED,
                       /* translators: %s is a metadata member name, such as “token_endpoint” */
                       _ ("The discovery document member “%s” is not a string"), shown);
          return FALSE;
        }
      uri = parse_url (shown, json_node_get_string (value), error);
      if (uri == NULL)
        return FALSE;
    }
  *out = object;
  return TRUE;
}

/* Checks the type of every member Pim knows, and keeps its value. */
static gboolean
read_members (PimDiscoveryDocument *self, GError **error)
{
  for (guint i = 0; i < PIM_DISCOVERY_N_MEMBERS; i++)
    {
      const MemberInfo *info = &members[i];
      JsonNode         *node = json_object_get_member (self->object, info->name);
      g_autoptr (GUri) uri = NULL;

      self->booleans[i] = info->default_boolean;
      if (node == NULL)
        continue;
      switch (info->kind)
        {
        case MEMBER_URL:
        case MEMBER_URL_DOCUMENT:
        case MEMBER_STRING:
          if (!node_is_string (node))
            {
              g_set_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MALFORMED,
                           /* translators: %s is a metadata member name, such as “token_endpoint” */
                           _ ("The discovery document member “%s” is not a string"), info->name);
              return FALSE;
            }
          self->strings[i] = json_node_get_string (node);
          if (info->kind != MEMBER_STRING &&
              (uri = parse_url (info->name, self->strings[i], error)) == NULL)
            return FALSE;
          break;
        case MEMBER_STRV:
          if (!read_strv (node, &self->lists[i]))
            {
              g_set_error (
                  error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MALFORMED,
                  /* translators: %s is a metadata member name, such as “scopes_supported” */
                  _ ("The discovery document member “%s” is not an array of strings"), info->name);
              return FALSE;
            }
          break;
        case MEMBER_BOOLEAN:
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
            {
              g_set_error (
                  error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MALFORMED,
                  /* translators: %s is a metadata member name, such as “claims_parameter_supported” */
                  _ ("The discovery document member “%s” is not a boolean"), info->name);
              return FALSE;
            }
          self->booleans[i] = json_node_get_boolean (node);
          break;
        case MEMBER_URL_MAP:
          if (!read_url_map (node, &self->mtls_endpoint_aliases, error))
            return FALSE;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

/* ---- Validation ---- */

static gboolean
missing (const char *member, GError **error)
{
  g_set_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MISSING_FIELD,
               /* translators: %s is a metadata member name, such as “jwks_uri” */
               _ ("The discovery document has no “%s”, which is required"), member);
  return FALSE;
}

static gboolean
check_issuer (PimDiscoveryDocument *self,
              const char           *expected_issuer,
              PimDiscoveryPolicy   *policy,
              GError              **error)
{
  const char *issuer = self->strings[PIM_DISCOVERY_MEMBER_ISSUER];
  g_autoptr (GUri) uri = NULL;

  if (issuer == NULL)
    return missing ("issuer", error);
  /* read_members() checked that it parses. */
  uri = g_uri_parse (issuer, G_URI_FLAGS_ENCODED, NULL);
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MALFORMED,
                           _ ("The discovery document’s issuer has a query or a fragment"));
      return FALSE;
    }
  if (expected_issuer != NULL && pim_discovery_policy_get_validate_issuer (policy) &&
      strcmp (issuer, expected_issuer) != 0)
    {
      g_autofree char *shown = pim_http_uri_for_display (issuer);
      g_autofree char *expected = pim_http_uri_for_display (expected_issuer);

      g_set_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_ISSUER_MISMATCH,
                   /* translators: both %s are issuer URLs */
                   _ ("The discovery document is for the issuer “%s”, not “%s”"), shown, expected);
      return FALSE;
    }
  return TRUE;
}

/* The grant types that decide which endpoints are required: the listed
 * ones, or the default when the list is absent or empty. */
static const char *const *
grant_types (PimDiscoveryDocument *self)
{
  const char *const *listed =
      (const char *const *) self->lists[PIM_DISCOVERY_MEMBER_GRANT_TYPES_SUPPORTED];

  if (listed == NULL || listed[0] == NULL)
    return default_grant_types;
  return listed;
}

static gboolean
check_required (PimDiscoveryDocument *self,
                PimDiscoveryPolicy   *policy,
                gboolean              oauth_metadata,
                GError              **error)
{
  const char *const *grants = grant_types (self);
  gboolean           only_implicit = TRUE;

  for (gsize i = 0; grants[i] != NULL; i++)
    if (strcmp (grants[i], "implicit") != 0)
      only_implicit = FALSE;

  if (self->strings[PIM_DISCOVERY_MEMBER_AUTHORIZATION_ENDPOINT] == NULL &&
      (g_strv_contains (grants, "authorization_code") || g_strv_contains (grants, "implicit")))
    return missing ("authorization_endpoint", error);
  if (self->strings[PIM_DISCOVERY_MEMBER_TOKEN_ENDPOINT] == NULL && !only_implicit)
    return missing ("token_endpoint", error);
  if (self->strings[PIM_DISCOVERY_MEMBER_JWKS_URI] == NULL &&
      pim_discovery_policy_get_require_key_set (policy))
    return missing ("jwks_uri", error);
  if (self->lists[PIM_DISCOVERY_MEMBER_RESPONSE_TYPES_SUPPORTED] == NULL)
    return missing ("response_types_supported", error);
  if (!oauth_metadata && self->lists[PIM_DISCOVERY_MEMBER_SUBJECT_TYPES_SUPPORTED] == NULL)
    return missing ("subject_types_supported", error);
  if (!oauth_metadata &&
      self->lists[PIM_DISCOVERY_MEMBER_ID_TOKEN_SIGNING_ALG_VALUES_SUPPORTED] == NULL)
    return missing ("id_token_signing_alg_values_supported", error);
  return TRUE;
}

/* Shared with the fetching code, which checks the address it is given. */
gboolean
pim_discovery_policy_check_url (PimDiscoveryPolicy *policy,
                                const char         *member,
                                const char         *url,
                                GError            **error)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *shown = NULL;

  if (uri == NULL)
    {
      g_set_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MALFORMED,
                   /* translators: %s is a metadata member name, such as “token_endpoint” */
                   _ ("“%s” is not an absolute URL"), member);
      return FALSE;
    }
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ||
      !pim_discovery_policy_get_require_https (policy) ||
      (pim_discovery_policy_get_allow_http_on_loopback (policy) && pim_http_uri_is_loopback (uri)))
    return TRUE;
  shown = pim_http_uri_for_display (url);
  g_set_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT,
               /* translators: the first %s is a metadata member name, such as
                * “token_endpoint”, the second its URL */
               _ ("The discovery document member “%s” is plain HTTP (“%s”), but the discovery "
                  "policy requires HTTPS"),
               member, shown);
  return FALSE;
}

static gboolean
check_https (PimDiscoveryDocument *self, PimDiscoveryPolicy *policy, GError **error)
{
  for (guint i = 0; i < PIM_DISCOVERY_N_MEMBERS; i++)
    if (members[i].kind == MEMBER_URL && self->strings[i] != NULL &&
        !pim_discovery_policy_check_url (policy, members[i].name, self->strings[i], error))
      return FALSE;

  if (self->mtls_endpoint_aliases != NULL)
    {
      JsonObjectIter iter;
      const char    *name;
      JsonNode      *value;

      json_object_iter_init (&iter, self->mtls_endpoint_aliases);
      while (json_object_iter_next (&iter, &name, &value))
        {
          g_autofree char *shown = name_for_display ("mtls_endpoint_aliases.", name);

          if (!pim_discovery_policy_check_url (policy, shown, json_node_get_string (value), error))
            return FALSE;
        }
    }
  return TRUE;
}

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port != -1)
    return port;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

static gboolean
same_authority (GUri *a, GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         effective_port (a) == effective_port (b);
}

/* @url starts with @base, and the match ends at a boundary: so that
 * `https://login.example.com` admits `https://login.example.com/token` but
 * neither `https://login.example.com.evil.example/` nor
 * `https://login.example.com@evil.example/`. */
static gboolean
under_base_address (const char *url, const char *base)
{
  gsize len = strlen (base);
  char  next;

  if (len == 0 || strncmp (url, base, len) != 0)
    return FALSE;
  if (base[len - 1] == '/')
    return TRUE;
  next = url[len];
  return next == '\0' || next == '/' || next == '?' || next == '#';
}

static gboolean
check_authority (PimDiscoveryDocument *self, PimDiscoveryPolicy *policy, GError **error)
{
  const char *const *bases = pim_discovery_policy_get_additional_endpoint_base_addresses (policy);
  const char *const *excluded = pim_discovery_policy_get_endpoint_validation_excluded (policy);
  g_autoptr (GUri) issuer = NULL;

  if (!pim_discovery_policy_get_validate_endpoints (policy))
    return TRUE;
  issuer = g_uri_parse (self->strings[PIM_DISCOVERY_MEMBER_ISSUER], G_URI_FLAGS_ENCODED, NULL);
  for (guint i = 0; i < PIM_DISCOVERY_N_MEMBERS; i++)
    {
      const char *url = self->strings[i];
      g_autoptr (GUri) uri = NULL;
      g_autofree char *shown = NULL;
      gboolean         allowed = FALSE;

      if (members[i].kind != MEMBER_URL || i == PIM_DISCOVERY_MEMBER_ISSUER || url == NULL ||
          (excluded != NULL && g_strv_contains (excluded, members[i].name)))
        continue;
      uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
      if (same_authority (uri, issuer))
        continue;
      for (gsize j = 0; bases != NULL && bases[j] != NULL && !allowed; j++)
        allowed = under_base_address (url, bases[j]);
      if (allowed)
        continue;
      shown = pim_http_uri_for_display (url);
      g_set_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_FOREIGN_ENDPOINT,
                   /* translators: the first %s is a metadata member name, such as
                    * “token_endpoint”, the second its URL */
                   _ ("The discovery document member “%s” (“%s”) is not on the issuer’s host, nor "
                      "under an allowed base address"),
                   members[i].name, shown);
      return FALSE;
    }
  return TRUE;
}

/* ---- Construction ---- */

PimDiscoveryDocument *
pim_discovery_document_new_internal (const char         *data,
                                     gsize               len,
                                     const char         *expected_issuer,
                                     PimDiscoveryPolicy *policy,
                                     gboolean            oauth_metadata,
                                     GError            **error)
{
  g_autoptr (PimDiscoveryDocument) self = NULL;
  g_autoptr (PimDiscoveryPolicy) default_policy = NULL;
  g_autoptr (GError) json_error = NULL;
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (policy == NULL || PIM_IS_DISCOVERY_POLICY (policy), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (policy == NULL)
    policy = default_policy = pim_discovery_policy_new ();

  root = pim_json_parse_strict (data != NULL ? data : "", len, PIM_JSON_MAX_DEPTH, &json_error);
  if (root == NULL)
    {
      g_set_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MALFORMED,
                   /* translators: %s is the JSON reader's error message */
                   _ ("The discovery document is not valid JSON: %s"), json_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_MALFORMED,
                           _ ("The discovery document is not a JSON object"));
      return NULL;
    }
  json_node_seal (root);

  self = g_object_new (PIM_TYPE_DISCOVERY_DOCUMENT, NULL);
  self->root = g_steal_pointer (&root);
  self->object = json_node_get_object (self->root);

  if (!read_members (self, error) || !check_issuer (self, expected_issuer, policy, error) ||
      !check_required (self, policy, oauth_metadata, error) || !check_https (self, policy, error) ||
      !check_authority (self, policy, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * pim_discovery_document_new_from_json:
 * @json: the document, as JSON text
 * @expected_issuer: (nullable): the issuer the document must be for, exactly
 *   as the caller knows it (with or without its trailing slash), or %NULL to
 *   accept any issuer
 * @policy: (nullable): what the document must satisfy, or %NULL for the
 *   defaults of [ctor@DiscoveryPolicy.new]
 * @error: return location for a #GError
 *
 * Parses and checks an OpenID provider's discovery document (OpenID Connect
 * Discovery 1.0 §3), as described in [class@DiscoveryDocument].
 *
 * The error codes are in [error@DiscoveryError]: %PIM_DISCOVERY_ERROR_MALFORMED
 * when the JSON is invalid, not an object, or a member has the wrong type;
 * %PIM_DISCOVERY_ERROR_MISSING_FIELD, %PIM_DISCOVERY_ERROR_ISSUER_MISMATCH,
 * %PIM_DISCOVERY_ERROR_INSECURE_ENDPOINT and
 * %PIM_DISCOVERY_ERROR_FOREIGN_ENDPOINT when the document breaks a rule.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 *
 * Since: 0.1
 */
PimDiscoveryDocument *
pim_discovery_document_new_from_json (const char         *json,
                                      const char         *expected_issuer,
                                      PimDiscoveryPolicy *policy,
                                      GError            **error)
{
  g_return_val_if_fail (json != NULL, NULL);

  return pim_discovery_document_new_internal (json, strlen (json), expected_issuer, policy, FALSE,
                                              error);
}

/**
 * pim_discovery_document_new_from_bytes:
 * @json: the document, as JSON text
 * @expected_issuer: (nullable): the issuer the document must be for, or
 *   %NULL to accept any issuer
 * @policy: (nullable): what the document must satisfy, or %NULL for the
 *   defaults
 * @error: return location for a #GError
 *
 * Parses and checks an OpenID provider's discovery document, as
 * [ctor@DiscoveryDocument.new_from_json] does.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 *
 * Since: 0.1
 */
PimDiscoveryDocument *
pim_discovery_document_new_from_bytes (GBytes             *json,
                                       const char         *expected_issuer,
                                       PimDiscoveryPolicy *policy,
                                       GError            **error)
{
  gsize       len = 0;
  const char *data;

  g_return_val_if_fail (json != NULL, NULL);

  data = g_bytes_get_data (json, &len);
  return pim_discovery_document_new_internal (data, len, expected_issuer, policy, FALSE, error);
}

/* ---- Reading ---- */

/**
 * pim_discovery_document_get_json:
 * @self: a discovery document
 *
 * Gets the whole document, with the members Pim does not know. The object
 * is sealed: it cannot be changed.
 *
 * Returns: (transfer none): the document's JSON object
 *
 * Since: 0.1
 */
JsonObject *
pim_discovery_document_get_json (PimDiscoveryDocument *self)
{
  g_return_val_if_fail (PIM_IS_DISCOVERY_DOCUMENT (self), NULL);
  return self->object;
}

/**
 * pim_discovery_document_get_string:
 * @self: a discovery document
 * @name: a member name, such as `end_session_endpoint`
 *
 * Gets a string member by name, whether Pim knows the member or not.
 *
 * Returns: (nullable): the member's value, or %NULL when the member is
 *   absent or not a string
 *
 * Since: 0.1
 */
const char *
pim_discovery_document_get_string (PimDiscoveryDocument *self, const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (PIM_IS_DISCOVERY_DOCUMENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  node = json_object_get_member (self->object, name);
  return node != NULL && node_is_string (node) ? json_node_get_string (node) : NULL;
}

/**
 * pim_discovery_document_dup_strv:
 * @self: a discovery document
 * @name: a member name, such as `scopes_supported`
 *
 * Gets a member that is an array of strings by name, whether Pim knows the
 * member or not. An absent list is %NULL even when the specification gives
 * it a default: see [method@DiscoveryDocument.supports] for that.
 *
 * Returns: (transfer full) (nullable): a copy of the values, or %NULL when
 *   the member is absent or not an array of strings
 *
 * Since: 0.1
 */
GStrv
pim_discovery_document_dup_strv (PimDiscoveryDocument *self, const char *name)
{
  JsonNode *node;
  GStrv     values = NULL;
  int       member;

  g_return_val_if_fail (PIM_IS_DISCOVERY_DOCUMENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  member = find_member (name);
  if (member >= 0 && members[member].kind == MEMBER_STRV)
    return g_strdupv (self->lists[member]);
  node = json_object_get_member (self->object, name);
  if (node == NULL || !read_strv (node, &values))
    return NULL;
  return values;
}

/**
 * pim_discovery_document_supports:
 * @self: a discovery document
 * @list_name: the name of a list member, such as `grant_types_supported`
 * @value: a value, such as `client_credentials`
 *
 * Tells whether a list of the document holds @value. When the list is
 * absent, the specification's default for it decides:
 * `response_modes_supported` defaults to `query` and `fragment`,
 * `grant_types_supported` to `authorization_code` and `implicit`,
 * `token_endpoint_auth_methods_supported` and
 * `revocation_endpoint_auth_methods_supported` to `client_secret_basic`,
 * `claim_types_supported` to `normal`; other absent lists hold nothing.
 *
 * Returns: whether the list holds @value
 *
 * Since: 0.1
 */
gboolean
pim_discovery_document_supports (PimDiscoveryDocument *self,
                                 const char           *list_name,
                                 const char           *value)
{
  JsonNode  *node;
  JsonArray *array;
  int        member;

  g_return_val_if_fail (PIM_IS_DISCOVERY_DOCUMENT (self), FALSE);
  g_return_val_if_fail (list_name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  member = find_member (list_name);
  if (member >= 0 && members[member].kind == MEMBER_STRV)
    {
      const char *const *list = (const char *const *) self->lists[member];

      if (list == NULL)
        list = members[member].default_list;
      return list != NULL && g_strv_contains (list, value);
    }
  node = json_object_get_member (self->object, list_name);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (node_is_string (element) && strcmp (json_node_get_string (element), value) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * pim_discovery_document_get_mtls_endpoint_alias:
 * @self: a discovery document
 * @name: an endpoint member name, such as `token_endpoint`
 *
 * Gets the alias of an endpoint from `mtls_endpoint_aliases` (RFC 8705
 * §5): the URL a client that authenticates with, or binds its tokens to, a
 * TLS client certificate uses instead of the endpoint's usual one. Aliases
 * may be on another host than the issuer; they must still be HTTPS as the
 * policy requires.
 *
 * Returns: (nullable): the alias, or %NULL when the document has none for
 *   @name
 *
 * Since: 0.1
 */
const char *
pim_discovery_document_get_mtls_endpoint_alias (PimDiscoveryDocument *self, const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (PIM_IS_DISCOVERY_DOCUMENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->mtls_endpoint_aliases == NULL)
    return NULL;
  node = json_object_get_member (self->mtls_endpoint_aliases, name);
  return node != NULL ? json_node_get_string (node) : NULL;
}

const char *
pim_discovery_document_peek_string (PimDiscoveryDocument *self, PimDiscoveryMember member)
{
  g_return_val_if_fail (PIM_IS_DISCOVERY_DOCUMENT (self), NULL);
  g_return_val_if_fail (member < PIM_DISCOVERY_N_MEMBERS, NULL);
  return self->strings[member];
}

const char *const *
pim_discovery_document_peek_strv (PimDiscoveryDocument *self, PimDiscoveryMember member)
{
  g_return_val_if_fail (PIM_IS_DISCOVERY_DOCUMENT (self), NULL);
  g_return_val_if_fail (member < PIM_DISCOVERY_N_MEMBERS, NULL);
  return (const char *const *) self->lists[member];
}

gboolean
pim_discovery_document_peek_boolean (PimDiscoveryDocument *self, PimDiscoveryMember member)
{
  g_return_val_if_fail (PIM_IS_DISCOVERY_DOCUMENT (self), FALSE);
  g_return_val_if_fail (member < PIM_DISCOVERY_N_MEMBERS, FALSE);
  return self->booleans[member];
}
