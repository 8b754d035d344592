/* pim-discovery.c: PimDiscoveryRequest, and fetching discovery documents
 * and key sets, sync and async
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-cache-private.h"
#include "pim-discovery-document-private.h"
#include "pim-discovery-error.h"
#include "pim-discovery-private.h"
#include "pim-http-private.h"
#include "pim-jwk-set-private.h"
#include "pim-token-cache-private.h"

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

  /* What the request resolved to, kept while it and its policy are
   * unchanged: a warm-cache lookup then costs no parsing. */
  GMutex            lock;
  struct _Resolved *resolved;
};

static void resolved_unref (struct _Resolved *resolved);

/* Forgets what the request resolved to, after a change. */
static void
forget_resolved (PimDiscoveryRequest *self)
{
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->resolved, resolved_unref);
  g_mutex_unlock (&self->lock);
}

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
  g_clear_pointer (&self->resolved, resolved_unref);
  g_mutex_clear (&self->lock);

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
  g_mutex_init (&self->lock);
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
  forget_resolved (self);
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
  forget_resolved (self);
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
  forget_resolved (self);
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

/* A request resolved under its policy: where to fetch, which issuer to
 * expect, and the cache key (without the TLS trust). Immutable. */
typedef struct _Resolved
{
  gatomicrefcount     ref_count;
  PimDiscoveryPolicy *policy;
  guint               policy_serial;
  char               *url;
  char               *issuer;
  gboolean            oauth_metadata;
  char               *key;
} Resolved;

static Resolved *
resolved_ref (Resolved *resolved)
{
  g_atomic_ref_count_inc (&resolved->ref_count);
  return resolved;
}

static void
resolved_unref (Resolved *resolved)
{
  if (!g_atomic_ref_count_dec (&resolved->ref_count))
    return;
  g_object_unref (resolved->policy);
  g_free (resolved->url);
  g_free (resolved->issuer);
  g_free (resolved->key);
  g_free (resolved);
}

static void
append_strv (GString *key, const char *name, const char *const *strv)
{
  g_string_append_printf (key, ";%s=", name);
  for (gsize i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      g_autofree char *escaped = g_strescape (strv[i], NULL);

      g_string_append_printf (key, "%s\"%s\"", i > 0 ? "," : "", escaped);
    }
}

/* The URL first (logs show it), then everything the document is validated
 * against; the TLS trust it is fetched under is appended per lookup. */
static char *
resolved_key (Resolved *resolved)
{
  PimDiscoveryPolicy *policy = resolved->policy;
  GString            *key = g_string_new (resolved->url);

  g_string_append_printf (
      key, "\ndiscovery\nissuer=%s;oauth=%d;https=%d;loopback=%d;issuer=%d;endpoints=%d;keys=%d",
      resolved->issuer, resolved->oauth_metadata, pim_discovery_policy_get_require_https (policy),
      pim_discovery_policy_get_allow_http_on_loopback (policy),
      pim_discovery_policy_get_validate_issuer (policy),
      pim_discovery_policy_get_validate_endpoints (policy),
      pim_discovery_policy_get_require_key_set (policy));
  append_strv (key, "bases", pim_discovery_policy_get_additional_endpoint_base_addresses (policy));
  append_strv (key, "excluded", pim_discovery_policy_get_endpoint_validation_excluded (policy));
  return g_string_free (key, FALSE);
}

/* Everything before the transport: where, what to expect, and whether the
 * policy lets us go there at all. Kept on the request until it or its
 * policy changes; NULL with @error set when the request is refused. */
static Resolved *
resolve_request (PimDiscoveryRequest *request, GError **error)
{
  Resolved *resolved;
  guint     serial;

  g_mutex_lock (&request->lock);
  serial = pim_discovery_policy_get_serial (request->policy);
  resolved = request->resolved;
  if (resolved != NULL && resolved->policy == request->policy && resolved->policy_serial == serial)
    {
      resolved_ref (resolved);
      g_mutex_unlock (&request->lock);
      return resolved;
    }

  resolved = g_new0 (Resolved, 1);
  g_atomic_ref_count_init (&resolved->ref_count);
  resolved->policy = g_object_ref (request->policy);
  resolved->policy_serial = serial;
  if (!pim_discovery_resolve_address (request->address, request->oauth_metadata, &resolved->url,
                                      &resolved->issuer, &resolved->oauth_metadata, error) ||
      !pim_discovery_policy_check_url (resolved->policy, "address", resolved->url, error))
    {
      g_mutex_unlock (&request->lock);
      resolved_unref (resolved);
      return NULL;
    }
  resolved->key = resolved_key (resolved);
  g_clear_pointer (&request->resolved, resolved_unref);
  request->resolved = resolved_ref (resolved);
  g_mutex_unlock (&request->lock);
  return resolved;
}

static PimDiscoveryDocument *
finish_discovery (PimHttpResponse *response, Resolved *resolved, GError **error)
{
  gsize       len = 0;
  const char *body;

  if (!pim_http_response_check_json (response, error))
    return NULL;
  body = g_bytes_get_data (response->body, &len);
  return pim_discovery_document_new_internal (body, len, resolved->issuer, resolved->policy,
                                              resolved->oauth_metadata, error);
}

typedef struct
{
  PimHttpClient *client;
  Resolved      *resolved;
} DiscoveryFetch;

static void
discovery_fetch_free (gpointer user_data)
{
  DiscoveryFetch *fetch = user_data;

  g_clear_object (&fetch->client);
  g_clear_pointer (&fetch->resolved, resolved_unref);
  g_free (fetch);
}

/* Whether a failure may be answered with the last good value: the
 * provider or the path to it is failing, not the request or the caller. */
static gboolean
error_is_transient (const GError *error)
{
  return error != NULL && error->domain == PIM_HTTP_ERROR &&
         (error->code == PIM_HTTP_ERROR_FAILED || error->code == PIM_HTTP_ERROR_TIMEOUT ||
          error->code == PIM_HTTP_ERROR_CONNECTION || error->code == PIM_HTTP_ERROR_TLS);
}

/* A GET of JSON from @url: the one request both kinds make. */
static PimHttpResponse *
fetch_response (PimHttpClient *client,
                const char    *url,
                gboolean       allow_insecure,
                GCancellable  *cancellable,
                double        *out_ttl,
                gboolean      *out_transient,
                GError       **error)
{
  g_autoptr (PimHttpRequest) http = pim_http_request_new ("GET", url);
  PimHttpResponse *response;

  pim_http_request_set_expect_json (http, TRUE);
  pim_http_request_set_allow_insecure (http, allow_insecure);
  response = pim_http_client_send (client, http, cancellable, error);
  if (response == NULL)
    {
      *out_transient = error != NULL && error_is_transient (*error);
      return NULL;
    }
  *out_ttl = pim_cache_ttl_from_headers (response->headers);
  /* 429 is as passing as a 5xx: the provider says "come back later". */
  *out_transient = (response->status >= 500 && response->status <= 599) || response->status == 429;
  return response;
}

static GObject *
fetch_discovery (gpointer      user_data,
                 GCancellable *cancellable,
                 double       *out_ttl,
                 gboolean     *out_transient,
                 GError      **error)
{
  DiscoveryFetch *fetch = user_data;
  Resolved       *resolved = fetch->resolved;
  g_autoptr (PimHttpResponse) response = NULL;

  response = fetch_response (fetch->client, resolved->url,
                             !pim_discovery_policy_get_require_https (resolved->policy),
                             cancellable, out_ttl, out_transient, error);
  if (response == NULL)
    return NULL;
  return (GObject *) finish_discovery (response, resolved, error);
}

/* Prepares the fetch and its key; NULL with @error set when the request is
 * refused before any network traffic. The HTTP request itself is only
 * built if the cache misses. */
static DiscoveryFetch *
discovery_fetch_new (PimDiscoveryRequest *request,
                     PimHttpClient       *client,
                     char               **out_key,
                     GError             **error)
{
  Resolved       *resolved = resolve_request (request, error);
  DiscoveryFetch *fetch;

  if (resolved == NULL)
    return NULL;
  fetch = g_new0 (DiscoveryFetch, 1);
  fetch->resolved = resolved;
  fetch->client = g_object_ref (client);
  *out_key = g_strconcat (resolved->key, "\n", pim_cache_trust_key (client), NULL);
  return fetch;
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
 * Documents are cached in the process, shared by the sync and async forms:
 * for `Cache-Control: max-age`, else `DISCO_CACHE_TTL` seconds (3600),
 * within [60 s, 24 h], separately for each URL, expected issuer, policy
 * and TLS trust of @client. Concurrent calls for one document make one
 * request. When a refresh fails with a transport error, a 5xx or a 429
 * status, the last good document (up to an hour old) is returned instead. See
 * [func@get_cache_stats] and [func@clear_discovery_cache].
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
  g_autofree char *key = NULL;
  DiscoveryFetch  *fetch;

  g_return_val_if_fail (PIM_IS_DISCOVERY_REQUEST (request), NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (client == NULL)
    client = pim_http_client_get_thread_default ();
  fetch = discovery_fetch_new (request, client, &key, error);
  if (fetch == NULL)
    return NULL;
  return (PimDiscoveryDocument *) pim_cache_lookup (pim_cache_get_default (),
                                                    PIM_CACHE_KIND_DISCOVERY, key, fetch_discovery,
                                                    fetch, discovery_fetch_free, cancellable,
                                                    error);
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
  g_autofree char *key = NULL;
  DiscoveryFetch  *fetch;
  GTask           *task;
  GError          *error = NULL;

  g_return_if_fail (PIM_IS_DISCOVERY_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_get_discovery_document_async));
  if (client == NULL)
    client = pim_http_client_get_shared_default ();
  fetch = discovery_fetch_new (request, client, &key, &error);
  if (fetch == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  pim_cache_lookup_async (pim_cache_get_default (), PIM_CACHE_KIND_DISCOVERY, key, fetch_discovery,
                          fetch, discovery_fetch_free, task);
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

static PimJwkSet *
finish_jwks (PimHttpResponse *response, GError **error)
{
  gsize       len = 0;
  const char *body;

  if (!pim_http_response_check_json (response, error))
    return NULL;
  body = g_bytes_get_data (response->body, &len);
  return pim_jwk_set_new_from_data (body != NULL ? body : "", len, error);
}

typedef struct
{
  PimHttpClient *client;
  char          *jwks_uri;
} JwksFetch;

static void
jwks_fetch_free (gpointer user_data)
{
  JwksFetch *fetch = user_data;

  g_clear_object (&fetch->client);
  g_free (fetch->jwks_uri);
  g_free (fetch);
}

static GObject *
fetch_jwks (gpointer      user_data,
            GCancellable *cancellable,
            double       *out_ttl,
            gboolean     *out_transient,
            GError      **error)
{
  JwksFetch *fetch = user_data;
  g_autoptr (PimHttpResponse) response = NULL;

  response = fetch_response (fetch->client, fetch->jwks_uri, FALSE, cancellable, out_ttl,
                             out_transient, error);
  if (response == NULL)
    return NULL;
  return (GObject *) finish_jwks (response, error);
}

static char *
jwks_cache_key (const char *jwks_uri, PimHttpClient *client)
{
  return g_strconcat (jwks_uri, "\njwks\n", pim_cache_trust_key (client), NULL);
}

static JwksFetch *
jwks_fetch_new (const char *jwks_uri, PimHttpClient *client, char **out_key)
{
  JwksFetch *fetch = g_new0 (JwksFetch, 1);

  fetch->client = g_object_ref (client);
  fetch->jwks_uri = g_strdup (jwks_uri);
  *out_key = jwks_cache_key (jwks_uri, client);
  return fetch;
}

gboolean
pim_jwks_cache_invalidate (const char *jwks_uri, PimHttpClient *client)
{
  g_autofree char *key = jwks_cache_key (jwks_uri, client);

  if (!pim_cache_invalidate_if_older (pim_cache_get_default (), key, PIM_JWKS_REFRESH_COOLDOWN))
    return FALSE;
  pim_token_cache_bump_generation ();
  return TRUE;
}

gboolean
pim_jwks_cache_has_newer (const char *jwks_uri, PimHttpClient *client, PimJwkSet *seen)
{
  g_autofree char *key = jwks_cache_key (jwks_uri, client);

  return pim_cache_has_newer (pim_cache_get_default (), key, G_OBJECT (seen));
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
 * Key sets are cached in the process as discovery documents are (see
 * [func@get_discovery_document]), for `Cache-Control: max-age`, else
 * `JWKS_CACHE_TTL` seconds (3600), within [60 s, 24 h]; see
 * [func@clear_jwks_cache].
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
  g_autofree char *key = NULL;
  JwksFetch       *fetch;

  g_return_val_if_fail (jwks_uri != NULL, NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (client == NULL)
    client = pim_http_client_get_thread_default ();
  fetch = jwks_fetch_new (jwks_uri, client, &key);
  return (PimJwkSet *) pim_cache_lookup (pim_cache_get_default (), PIM_CACHE_KIND_JWKS, key,
                                         fetch_jwks, fetch, jwks_fetch_free, cancellable, error);
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
  g_autofree char *key = NULL;
  JwksFetch       *fetch;
  GTask           *task;

  g_return_if_fail (jwks_uri != NULL);
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_get_jwks_async));
  if (client == NULL)
    client = pim_http_client_get_shared_default ();
  fetch = jwks_fetch_new (jwks_uri, client, &key);
  pim_cache_lookup_async (pim_cache_get_default (), PIM_CACHE_KIND_JWKS, key, fetch_jwks, fetch,
                          jwks_fetch_free, task);
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

/**
 * pim_get_cache_stats:
 * @hits: (out) (optional): where to store how many lookups a cached value
 *   answered
 * @misses: (out) (optional): where to store how many lookups fetched a
 *   value that was not cached
 * @refreshes: (out) (optional): where to store how many lookups fetched a
 *   value again, after it expired or was dropped
 * @coalesced: (out) (optional): where to store how many lookups joined a
 *   fetch already in flight rather than making a request
 *
 * Reads the counters of the process's cache of discovery documents and key
 * sets ([func@get_discovery_document], [func@get_jwks]). Each lookup counts
 * once, so the four add up to the number of lookups, and @misses plus
 * @refreshes is the number of requests made. The counters only grow:
 * clearing the caches does not reset them.
 *
 * Since: 0.1
 */
void
pim_get_cache_stats (guint64 *hits, guint64 *misses, guint64 *refreshes, guint64 *coalesced)
{
  PimCacheStats stats;

  pim_cache_get_stats (pim_cache_get_default (), &stats);
  if (hits != NULL)
    *hits = stats.hits;
  if (misses != NULL)
    *misses = stats.misses;
  if (refreshes != NULL)
    *refreshes = stats.refreshes;
  if (coalesced != NULL)
    *coalesced = stats.coalesced;
}

/**
 * pim_clear_discovery_cache:
 *
 * Drops every cached discovery document, so that the next
 * [func@get_discovery_document] fetches again. A fetch in flight still
 * answers its callers, but its result is not kept.
 *
 * Since: 0.1
 */
void
pim_clear_discovery_cache (void)
{
  pim_cache_clear (pim_cache_get_default (), PIM_CACHE_KIND_DISCOVERY);
}

/**
 * pim_clear_jwks_cache:
 *
 * Drops every cached key set, so that the next [func@get_jwks] fetches
 * again. A fetch in flight still answers its callers, but its result is
 * not kept.
 *
 * Since: 0.1
 */
void
pim_clear_jwks_cache (void)
{
  pim_cache_clear (pim_cache_get_default (), PIM_CACHE_KIND_JWKS);
  pim_token_cache_bump_generation ();
}
