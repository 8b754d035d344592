/* pim-discovery.c: PimDiscoveryRequest, and fetching discovery documents
 * and key sets, sync and async
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-discovery-document-private.h"
#include "pim-discovery-error.h"
#include "pim-discovery-private.h"
#include "pim-http-private.h"
#include "pim-jwk-set-private.h"

#define OPENID_WELL_KNOWN "/.well-known/openid-configuration"
#define OAUTH_WELL_KNOWN  "/.well-known/oauth-authorization-server"

/**
 * PimDiscoveryRequest:
 *
 * What to discover: an `address` — an issuer such as
 * `https://accounts.example.com`, or the full URL of its metadata — and the
 * [class@DiscoveryPolicy] the document must satisfy.
 *
 * By default the OpenID Connect form is fetched
 * (`/.well-known/openid-configuration` appended to the issuer); with
 * [property@DiscoveryRequest:oauth-metadata] the RFC 8414 form, whose
 * well-known path goes between the authority and the issuer's path.
 *
 * Since: 0.1
 */

struct _PimDiscoveryRequest
{
  GObject parent_instance;

  char               *address;
  PimDiscoveryPolicy *policy;
  gboolean            oauth_metadata;
};

enum
{
  PROP_0,
  PROP_ADDRESS,
  PROP_POLICY,
  PROP_OAUTH_METADATA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimDiscoveryRequest, pim_discovery_request, G_TYPE_OBJECT)

static void
pim_discovery_request_finalize (GObject *object)
{
  PimDiscoveryRequest *self = PIM_DISCOVERY_REQUEST (object);

  g_free (self->address);
  g_clear_object (&self->policy);

  G_OBJECT_CLASS (pim_discovery_request_parent_class)->finalize (object);
}

static void
pim_discovery_request_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PimDiscoveryRequest *self = PIM_DISCOVERY_REQUEST (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_POLICY:
      g_value_set_object (value, self->policy);
      break;
    case PROP_OAUTH_METADATA:
      g_value_set_boolean (value, self->oauth_metadata);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_discovery_request_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PimDiscoveryRequest *self = PIM_DISCOVERY_REQUEST (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      pim_discovery_request_set_address (self, g_value_get_string (value));
      break;
    case PROP_POLICY:
      pim_discovery_request_set_policy (self, g_value_get_object (value));
      break;
    case PROP_OAUTH_METADATA:
      pim_discovery_request_set_oauth_metadata (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_discovery_request_class_init (PimDiscoveryRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_discovery_request_finalize;
  object_class->get_property = pim_discovery_request_get_property;
  object_class->set_property = pim_discovery_request_set_property;

  /**
   * PimDiscoveryRequest:address: (getter get_address) (setter set_address)
   *
   * The issuer, or the full URL of its metadata.
   *
   * Since: 0.1
   */
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);

  /**
   * PimDiscoveryRequest:policy: (getter get_policy) (setter set_policy)
   *
   * The policy the document must satisfy; never %NULL (a strict default).
   *
   * Since: 0.1
   */
  properties[PROP_POLICY] =
      g_param_spec_object ("policy", NULL, NULL, PIM_TYPE_DISCOVERY_POLICY, flags);

  /**
   * PimDiscoveryRequest:oauth-metadata: (getter get_oauth_metadata) (setter set_oauth_metadata)
   *
   * Whether to fetch RFC 8414 authorization server metadata rather than an
   * OpenID Connect discovery document, when the address is an issuer.
   *
   * Since: 0.1
   */
  properties[PROP_OAUTH_METADATA] =
      g_param_spec_boolean ("oauth-metadata", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_discovery_request_init (PimDiscoveryRequest *self)
{
  self->policy = pim_discovery_policy_new ();
}

/**
 * pim_discovery_request_new:
 * @address: an issuer, or the full URL of its metadata
 *
 * Creates a request with the strict default policy.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimDiscoveryRequest *
pim_discovery_request_new (const char *address)
{
  g_return_val_if_fail (address != NULL, NULL);

  return g_object_new (PIM_TYPE_DISCOVERY_REQUEST, "address", address, NULL);
}

/**
 * pim_discovery_request_get_address:
 * @self: a request
 *
 * Gets [property@DiscoveryRequest:address].
 *
 * Returns: (nullable): the address
 *
 * Since: 0.1
 */
const char *
pim_discovery_request_get_address (PimDiscoveryRequest *self)
{
  g_return_val_if_fail (PIM_IS_DISCOVERY_REQUEST (self), NULL);
  return self->address;
}

/**
 * pim_discovery_request_set_address:
 * @self: a request
 * @address: an issuer, or the full URL of its metadata
 *
 * Sets [property@DiscoveryRequest:address].
 *
 * Since: 0.1
 */
void
pim_discovery_request_set_address (PimDiscoveryRequest *self, const char *address)
{
  g_return_if_fail (PIM_IS_DISCOVERY_REQUEST (self));

  if (g_strcmp0 (self->address, address) == 0)
    return;
  g_free (self->address);
  self->address = g_strdup (address);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
}

/**
 * pim_discovery_request_get_policy:
 * @self: a request
 *
 * Gets [property@DiscoveryRequest:policy].
 *
 * Returns: (transfer none): the policy
 *
 * Since: 0.1
 */
PimDiscoveryPolicy *
pim_discovery_request_get_policy (PimDiscoveryRequest *self)
{
  g_return_val_if_fail (PIM_IS_DISCOVERY_REQUEST (self), NULL);
  return self->policy;
}

/**
 * pim_discovery_request_set_policy:
 * @self: a request
 * @policy: (nullable): a policy, or %NULL for the strict default
 *
 * Sets [property@DiscoveryRequest:policy].
 *
 * Since: 0.1
 */
void
pim_discovery_request_set_policy (PimDiscoveryRequest *self, PimDiscoveryPolicy *policy)
{
  g_autoptr (PimDiscoveryPolicy) fallback = NULL;

  g_return_if_fail (PIM_IS_DISCOVERY_REQUEST (self));
  g_return_if_fail (policy == NULL || PIM_IS_DISCOVERY_POLICY (policy));

  if (policy == NULL)
    policy = fallback = pim_discovery_policy_new ();
  g_set_object (&self->policy, policy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

/**
 * pim_discovery_request_get_oauth_metadata:
 * @self: a request
 *
 * Gets [property@DiscoveryRequest:oauth-metadata].
 *
 * Returns: whether RFC 8414 metadata is fetched
 *
 * Since: 0.1
 */
gboolean
pim_discovery_request_get_oauth_metadata (PimDiscoveryRequest *self)
{
  g_return_val_if_fail (PIM_IS_DISCOVERY_REQUEST (self), FALSE);
  return self->oauth_metadata;
}

/**
 * pim_discovery_request_set_oauth_metadata:
 * @self: a request
 * @oauth_metadata: whether to fetch RFC 8414 metadata
 *
 * Sets [property@DiscoveryRequest:oauth-metadata].
 *
 * Since: 0.1
 */
void
pim_discovery_request_set_oauth_metadata (PimDiscoveryRequest *self, gboolean oauth_metadata)
{
  g_return_if_fail (PIM_IS_DISCOVERY_REQUEST (self));

  oauth_metadata = !!oauth_metadata;
  if (self->oauth_metadata == oauth_metadata)
    return;
  self->oauth_metadata = oauth_metadata;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OAUTH_METADATA]);
}

/* ---- Pure pieces ---- */

static gboolean
invalid_address (GError **error, const char *address)
{
  g_autofree char *shown = pim_http_uri_for_display (address);

  g_set_error (error, PIM_DISCOVERY_ERROR, PIM_DISCOVERY_ERROR_INVALID_ADDRESS,
               /* translators: %s is a URL */
               _ ("“%s” is not an issuer or metadata URL: an absolute HTTP(S) URL without "
                  "query, fragment or user info is needed"),
               shown);
  return FALSE;
}

gboolean
pim_discovery_resolve_address (const char *address,
                               gboolean    oauth_metadata,
                               char      **out_url,
                               char      **out_issuer,
                               gboolean   *out_oauth_metadata,
                               GError    **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autofree char *authority = NULL;
  const char      *scheme, *path;
  gsize            len;

  if (address == NULL || (uri = g_uri_parse (address, G_URI_FLAGS_ENCODED, NULL)) == NULL)
    return invalid_address (error, address);
  scheme = g_uri_get_scheme (uri);
  if ((g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    return invalid_address (error, address);

  authority = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);
  /* The authority is everything before the path. */
  path = g_uri_get_path (uri);
  authority[strlen (authority) - strlen (path)] = '\0';
  len = strlen (address);

  if (g_str_has_suffix (address, OPENID_WELL_KNOWN))
    {
      *out_url = g_strdup (address);
      *out_issuer = g_strndup (address, len - strlen (OPENID_WELL_KNOWN));
      *out_oauth_metadata = FALSE;
    }
  else if (g_str_has_prefix (path, OAUTH_WELL_KNOWN) &&
           (path[strlen (OAUTH_WELL_KNOWN)] == '\0' || path[strlen (OAUTH_WELL_KNOWN)] == '/'))
    {
      *out_url = g_strdup (address);
      *out_issuer = g_strconcat (authority, path + strlen (OAUTH_WELL_KNOWN), NULL);
      *out_oauth_metadata = TRUE;
    }
  else if (oauth_metadata)
    {
      g_autofree char *issuer_path = g_strdup (path);
      gsize            path_len = strlen (issuer_path);

      /* RFC 8414 §3: the well-known segment goes before the issuer's path,
       * whose terminating "/" is dropped. */
      if (path_len > 0 && issuer_path[path_len - 1] == '/')
        issuer_path[path_len - 1] = '\0';
      *out_url = g_strconcat (authority, OAUTH_WELL_KNOWN, issuer_path, NULL);
      *out_issuer = g_strdup (address);
      *out_oauth_metadata = TRUE;
    }
  else
    {
      /* OpenID Connect Discovery §4: the issuer's "/" is dropped before the
       * well-known path is appended; the issuer itself stays as given. */
      gsize base_len = len > 0 && address[len - 1] == '/' ? len - 1 : len;

      *out_url = g_strdup_printf ("%.*s%s", (int) base_len, address, OPENID_WELL_KNOWN);
      *out_issuer = g_strdup (address);
      *out_oauth_metadata = FALSE;
    }
  return TRUE;
}

/* ---- Fetching ---- */

typedef struct
{
  PimDiscoveryPolicy *policy;
  char               *issuer;
  gboolean            oauth_metadata;
} DiscoveryData;

static void
discovery_data_free (DiscoveryData *data)
{
  g_clear_object (&data->policy);
  g_free (data->issuer);
  g_free (data);
}

/* Everything before the transport: where, what to expect, and whether the
 * policy lets us go there at all. */
static PimHttpRequest *
prepare_discovery (PimDiscoveryRequest *request, DiscoveryData *data, GError **error)
{
  g_autofree char *url = NULL;
  PimHttpRequest  *http;

  data->policy = g_object_ref (request->policy);
  if (!pim_discovery_resolve_address (request->address, request->oauth_metadata, &url,
                                      &data->issuer, &data->oauth_metadata, error) ||
      !pim_discovery_policy_check_url (data->policy, "address", url, error))
    return NULL;
  http = pim_http_request_new ("GET", url);
  pim_http_request_set_expect_json (http, TRUE);
  pim_http_request_set_allow_insecure (http,
                                       !pim_discovery_policy_get_require_https (data->policy));
  return http;
}

static PimDiscoveryDocument *
finish_discovery (PimHttpResponse *response, DiscoveryData *data, GError **error)
{
  gsize       len = 0;
  const char *body;

  if (!pim_http_response_check_success (response, error) ||
      !pim_http_response_check_json_type (response, error))
    return NULL;
  body = g_bytes_get_data (response->body, &len);
  return pim_discovery_document_new_internal (body, len, data->issuer, data->policy,
                                              data->oauth_metadata, error);
}

/**
 * pim_get_discovery_document:
 * @request: what to discover
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Fetches and validates a provider's discovery document (OpenID Connect
 * Discovery 1.0) or authorization server metadata (RFC 8414), under the
 * request's policy.
 *
 * Possible error domains include [error@DiscoveryError],
 * [error@HttpError] and [error@Gio.IOErrorEnum].
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 *
 * Since: 0.1
 */
PimDiscoveryDocument *
pim_get_discovery_document (PimDiscoveryRequest *request,
                            PimHttpClient       *client,
                            GCancellable        *cancellable,
                            GError             **error)
{
  DiscoveryData data = { 0 };
  g_autoptr (PimHttpRequest) http = NULL;
  g_autoptr (PimHttpResponse) response = NULL;
  PimDiscoveryDocument *document = NULL;

  g_return_val_if_fail (PIM_IS_DISCOVERY_REQUEST (request), NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  http = prepare_discovery (request, &data, error);
  if (http != NULL && (response = pim_http_client_send (client, http, cancellable, error)) != NULL)
    document = finish_discovery (response, &data, error);
  g_clear_object (&data.policy);
  g_free (data.issuer);
  return document;
}

static void
on_discovery_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (PimHttpResponse) response = NULL;
  PimDiscoveryDocument *document;
  GError               *error = NULL;

  response = pim_http_client_send_finish (result, &error);
  if (response == NULL ||
      (document = finish_discovery (response, g_task_get_task_data (task), &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, document, g_object_unref);
}

/**
 * pim_get_discovery_document_async:
 * @request: what to discover
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call when the document is here
 * @user_data: data for @callback
 *
 * Fetches and validates a discovery document, as
 * [func@get_discovery_document] does, without blocking. @callback runs on
 * the calling thread's thread-default main context; call
 * [func@get_discovery_document_finish] in it.
 *
 * Since: 0.1
 */
void
pim_get_discovery_document_async (PimDiscoveryRequest *request,
                                  PimHttpClient       *client,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  DiscoveryData *data = g_new0 (DiscoveryData, 1);
  g_autoptr (PimHttpRequest) http = NULL;
  GError *error = NULL;

  g_return_if_fail (PIM_IS_DISCOVERY_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_get_discovery_document_async));
  g_task_set_task_data (task, data, (GDestroyNotify) discovery_data_free);
  http = prepare_discovery (request, data, &error);
  if (http == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  pim_http_client_send_async (client, http, cancellable, on_discovery_sent,
                              g_steal_pointer (&task));
}

/**
 * pim_get_discovery_document_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@get_discovery_document_async].
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 *
 * Since: 0.1
 */
PimDiscoveryDocument *
pim_get_discovery_document_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            PIM_SOURCE_TAG (pim_get_discovery_document_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static PimHttpRequest *
prepare_jwks (const char *jwks_uri)
{
  PimHttpRequest *http = pim_http_request_new ("GET", jwks_uri);

  pim_http_request_set_expect_json (http, TRUE);
  return http;
}

static PimJwkSet *
finish_jwks (PimHttpResponse *response, GError **error)
{
  gsize       len = 0;
  const char *body;

  if (!pim_http_response_check_success (response, error) ||
      !pim_http_response_check_json_type (response, error))
    return NULL;
  body = g_bytes_get_data (response->body, &len);
  return pim_jwk_set_new_from_data (body != NULL ? body : "", len, error);
}

/**
 * pim_get_jwks:
 * @jwks_uri: the key set's URL, such as a discovery document's `jwks_uri`
 *   (`https`, or `http` on loopback)
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Fetches a JWK Set. Keys the set cannot use are skipped, as
 * [ctor@JwkSet.new_from_json] does.
 *
 * Possible error domains include [error@JoseError], [error@HttpError] and
 * [error@Gio.IOErrorEnum].
 *
 * Returns: (transfer full): the key set, or %NULL with @error set
 *
 * Since: 0.1
 */
PimJwkSet *
pim_get_jwks (const char    *jwks_uri,
              PimHttpClient *client,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr (PimHttpRequest) http = NULL;
  g_autoptr (PimHttpResponse) response = NULL;

  g_return_val_if_fail (jwks_uri != NULL, NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  http = prepare_jwks (jwks_uri);
  response = pim_http_client_send (client, http, cancellable, error);
  return response != NULL ? finish_jwks (response, error) : NULL;
}

static void
on_jwks_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (PimHttpResponse) response = NULL;
  PimJwkSet *keys;
  GError    *error = NULL;

  response = pim_http_client_send_finish (result, &error);
  if (response == NULL || (keys = finish_jwks (response, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, keys, g_object_unref);
}

/**
 * pim_get_jwks_async:
 * @jwks_uri: the key set's URL
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call when the key set is here
 * @user_data: data for @callback
 *
 * Fetches a JWK Set, as [func@get_jwks] does, without blocking.
 *
 * Since: 0.1
 */
void
pim_get_jwks_async (const char         *jwks_uri,
                    PimHttpClient      *client,
                    GCancellable       *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer            user_data)
{
  GTask *task;
  g_autoptr (PimHttpRequest) http = NULL;

  g_return_if_fail (jwks_uri != NULL);
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_get_jwks_async));
  http = prepare_jwks (jwks_uri);
  pim_http_client_send_async (client, http, cancellable, on_jwks_sent, task);
}

/**
 * pim_get_jwks_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@get_jwks_async].
 *
 * Returns: (transfer full): the key set, or %NULL with @error set
 *
 * Since: 0.1
 */
PimJwkSet *
pim_get_jwks_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            PIM_SOURCE_TAG (pim_get_jwks_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
