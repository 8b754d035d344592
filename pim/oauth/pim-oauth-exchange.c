/* pim-oauth-exchange.c: one exchange with an endpoint, sync or async
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-discovery.h"
#include "pim-dpop-key-private.h"
#include "pim-oauth-private.h"
#include "pim-security-profile-private.h"

/* ---- Pure pieces ---- */

char *
pim_oauth_sanitize_text (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0' && out->len < 200; p++)
    g_string_append_c (out, g_ascii_isprint (*p) ? *p : '?');
  return g_string_free (out, FALSE);
}

static const char *
string_member (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* RFC 6750 §3: Bearer realm="…", error="invalid_token", … */
static GHashTable *
bearer_challenge (PimHttpResponse *response)
{
  const char *header = soup_message_headers_get_one (response->headers, "WWW-Authenticate");

  gsize scheme = 6;

  /* RFC 9449 §7.1: a DPoP challenge has the same parameters. */
  if (header != NULL && g_ascii_strncasecmp (header, "DPoP", 4) == 0)
    scheme = 4;
  else if (header == NULL || g_ascii_strncasecmp (header, "Bearer", 6) != 0)
    return NULL;
  if (header[scheme] != ' ' && header[scheme] != '\0')
    return NULL;
  return soup_header_parse_param_list (header + scheme);
}

/* A challenge parameter as UTF-8: unlike a JSON body, a header's bytes
 * need not be, and the details are strings for bindings too. */
static char *
challenge_param (GHashTable *challenge, const char *name)
{
  const char *value = g_hash_table_lookup (challenge, name);

  return value != NULL ? g_utf8_make_valid (value, -1) : NULL;
}

GError *
pim_oauth_error_from_response (PimHttpResponse        *response,
                               const char             *endpoint_name,
                               PimOAuthErrorResponse **out_details)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GHashTable) challenge = NULL;
  JsonObject      *object = NULL;
  const char      *error = NULL, *description = NULL, *uri = NULL;
  g_autofree char *challenge_error = NULL;
  g_autofree char *challenge_description = NULL;
  g_autofree char *challenge_uri = NULL;
  g_autofree char *shown_error = NULL;
  g_autofree char *shown_description = NULL;
  GError          *result = NULL;

  if (pim_http_response_is_json (response) && response->body != NULL)
    {
      node = pim_http_parse_json_bytes (response->body, response->uri_display, NULL);
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        object = json_node_get_object (node);
    }
  if (object != NULL && (error = string_member (object, "error")) != NULL)
    {
      description = string_member (object, "error_description");
      uri = string_member (object, "error_uri");
    }
  else if ((challenge = bearer_challenge (response)) != NULL &&
           (error = challenge_error = challenge_param (challenge, "error")) != NULL)
    {
      description = challenge_description = challenge_param (challenge, "error_description");
      uri = challenge_uri = challenge_param (challenge, "error_uri");
    }

  *out_details = pim_oauth_error_response_new (error, description, uri, response->status,
                                               response->uri_display, object);
  if (error == NULL)
    {
      /* No OAuth error: an HTML page, a proxy's answer… */
      pim_http_response_check_success (response, &result);
      if (result == NULL)
        result = g_error_new (PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
                              /* translators: %s is an endpoint such as “token endpoint” */
                              _ ("The %s refused the request without saying why"), endpoint_name);
      return result;
    }
  shown_error = pim_oauth_sanitize_text (error);
  shown_description = pim_oauth_sanitize_text (description);
  if (shown_description != NULL && *shown_description != '\0')
    return g_error_new (PIM_OAUTH_ERROR, pim_oauth_error_from_string (error),
                        /* translators: the first %s is an endpoint such as “token
                         * endpoint”, the second an OAuth error code, the third the
                         * server's description */
                        _ ("The %s refused the request: %s (%s)"), endpoint_name, shown_error,
                        shown_description);
  return g_error_new (PIM_OAUTH_ERROR, pim_oauth_error_from_string (error),
                      /* translators: the first %s is an endpoint, the second an OAuth
                       * error code */
                      _ ("The %s refused the request: %s"), endpoint_name, shown_error);
}

JsonObject *
pim_oauth_response_parse_object (PimHttpResponse *response,
                                 const char      *endpoint_name,
                                 GError         **error)
{
  g_autoptr (JsonNode) node = NULL;

  if (!pim_http_response_is_json (response) || response->body == NULL ||
      (node = pim_http_parse_json_bytes (response->body, response->uri_display, NULL)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
                   /* translators: %s is an endpoint such as “token endpoint” */
                   _ ("The %s answered with something that is not a JSON object"), endpoint_name);
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

/* Everything after the endpoint is known, before the transport. */
static PimHttpRequest *
build_request (PimOAuthRequest      *self,
               const char           *endpoint,
               PimDiscoveryDocument *document,
               GError              **error)
{
  const PimOAuthRequestKind *kind = pim_oauth_request_get_kind (self);
  const char *const         *parameters = pim_oauth_request_get_parameters (self);
  g_autoptr (PimHttpRequest) http = kind->build (self, endpoint, error);

  if (http == NULL)
    return NULL;
  pim_http_request_set_allow_insecure (http, !pim_oauth_request_get_require_https (self));
  if (kind->auth_methods_member != NULL)
    {
      g_auto (GStrv) supported = NULL;
      const char *issuer = pim_oauth_request_get_issuer (self);

      if (document != NULL)
        {
          /* An endpoint without a list of its own follows the token
           * endpoint's. */
          supported = pim_discovery_document_dup_strv (document, kind->auth_methods_member);
          if (supported == NULL)
            supported =
                pim_discovery_document_dup_strv (document, "token_endpoint_auth_methods_supported");
          issuer = pim_discovery_document_get_issuer (document);
        }
      if (!pim_client_auth_apply (self, http, endpoint, issuer, document != NULL,
                                  (const char *const *) supported, error))
        return NULL;
    }
  for (gsize i = 0; parameters[i] != NULL; i += 2)
    pim_http_request_add_form_param (http, parameters[i], parameters[i + 1]);
  return g_steal_pointer (&http);
}

static const char *
endpoint_from (PimOAuthRequest *self, PimDiscoveryDocument *document, GError **error)
{
  const PimOAuthRequestKind *kind = pim_oauth_request_get_kind (self);
  const char                *endpoint;

  if (document == NULL)
    {
      if (kind->own_endpoint != NULL && (endpoint = kind->own_endpoint (self)) != NULL)
        return endpoint;
      return pim_oauth_request_get_address (self);
    }
  /* RFC 8705 §5: mutual TLS goes to the alias, when there is one. */
  if (pim_oauth_request_uses_mtls_endpoints (self) &&
      (endpoint = pim_discovery_document_get_mtls_endpoint_alias (document,
                                                                  kind->endpoint_member)) != NULL)
    return endpoint;
  endpoint = pim_discovery_document_get_string (document, kind->endpoint_member);
  if (endpoint == NULL)
    g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_UNSUPPORTED_BY_PROVIDER,
                 /* translators: %s is a metadata member such as “token_endpoint” */
                 _ ("The provider's metadata has no “%s”"), kind->endpoint_member);
  return endpoint;
}

/* Whether discovery is needed, or an error when there is nowhere to go. */
static gboolean
needs_discovery (PimOAuthRequest *self, gboolean *out_discover, GError **error)
{
  const PimOAuthRequestKind *kind = pim_oauth_request_get_kind (self);

  *out_discover = pim_oauth_request_get_address (self) == NULL &&
                  (kind->own_endpoint == NULL || kind->own_endpoint (self) == NULL);
  if (*out_discover && pim_oauth_request_get_issuer (self) == NULL)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                           _ ("The request has neither an “address” nor an “issuer”"));
      return FALSE;
    }
  return TRUE;
}

static PimDiscoveryRequest *
discovery_request_for (PimOAuthRequest *self)
{
  PimDiscoveryRequest *request = pim_discovery_request_new (pim_oauth_request_get_issuer (self));

  pim_discovery_request_set_policy (request, pim_oauth_request_get_discovery_policy (self));
  return request;
}

/* A 2xx answer is the request's; anything else is turned into an error,
 * whose details the request keeps. */
static PimHttpResponse *
check_answer (PimOAuthRequest *self, PimHttpResponse *response, GError **error)
{
  PimOAuthErrorResponse *details = NULL;

  if (response->status >= 200 && response->status <= 299)
    return response;
  g_propagate_error (error, pim_oauth_error_from_response (response,
                                                           _ (pim_oauth_request_get_kind (self)
                                                                  ->endpoint_name),
                                                           &details));
  pim_oauth_request_set_error_response (self, details);
  g_object_unref (details);
  pim_http_response_free (response);
  return NULL;
}

/* ---- DPoP (RFC 9449) ---- */

/* Learns the `DPoP-Nonce` of an answer to a request with a DPoP key, and
 * says whether to send the request once more: a `use_dpop_nonce` refusal
 * that came with a new nonce (§8, §9). The caller retries only once. */
static gboolean
dpop_wants_retry (PimOAuthRequest *self, const char *endpoint, PimHttpResponse *response)
{
  PimDPoPKey *key = pim_oauth_request_get_dpop_key (self);

  return key != NULL && pim_dpop_key_learn_nonce (key, endpoint, response->headers) &&
         pim_dpop_response_wants_nonce (response);
}

/* ---- Sync ---- */

PimHttpResponse *
pim_oauth_exchange (PimOAuthRequest *self,
                    PimHttpClient   *client,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autoptr (PimDiscoveryDocument) document = NULL;
  g_autoptr (PimHttpRequest) http = NULL;
  PimHttpResponse *response;
  const char      *endpoint;
  gboolean         discover;

  pim_oauth_request_set_error_response (self, NULL);
  if (!needs_discovery (self, &discover, error) ||
      /* Security profile (FAPI 2.0): before anything is sent. */
      !pim_security_profile_check_exchange (self,
                                            client != NULL ? client
                                                           : pim_http_client_get_thread_default (),
                                            error) ||
      !pim_client_auth_check_tls (self,
                                  client != NULL ? client : pim_http_client_get_thread_default (),
                                  error))
    return NULL;
  if (discover)
    {
      g_autoptr (PimDiscoveryRequest) request = discovery_request_for (self);

      document = pim_get_discovery_document (request, client, cancellable, error);
      if (document == NULL)
        return NULL;
    }
  if ((endpoint = endpoint_from (self, document, error)) == NULL ||
      (http = build_request (self, endpoint, document, error)) == NULL)
    return NULL;
  response = pim_http_client_send (client, http, cancellable, error);
  if (response == NULL)
    return NULL;
  if (dpop_wants_retry (self, endpoint, response))
    {
      /* Once, with a new proof carrying the nonce. */
      pim_http_response_free (response);
      g_clear_pointer (&http, pim_http_request_unref);
      if ((http = build_request (self, endpoint, document, error)) == NULL ||
          (response = pim_http_client_send (client, http, cancellable, error)) == NULL)
        return NULL;
      dpop_wants_retry (self, endpoint, response);
    }
  return check_answer (self, response, error);
}

/* ---- Async ---- */

typedef struct
{
  PimOAuthRequest *request;
  PimHttpClient   *client;
  /* For a DPoP nonce retry: where the request went, and whether it was
   * sent again already. */
  PimDiscoveryDocument *document;
  char                 *endpoint;
  gboolean              dpop_retried;
} ExchangeData;

static void
exchange_data_free (ExchangeData *data)
{
  g_clear_object (&data->request);
  g_clear_object (&data->client);
  g_clear_object (&data->document);
  g_free (data->endpoint);
  g_free (data);
}

static void
on_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  ExchangeData    *data = g_task_get_task_data (task);
  GError          *error = NULL;
  PimHttpResponse *response = pim_http_client_send_finish (result, &error);

  if (response != NULL && dpop_wants_retry (data->request, data->endpoint, response) &&
      !data->dpop_retried)
    {
      g_autoptr (PimHttpRequest) http = NULL;
      GCancellable *cancellable;

      /* Once, with a new proof carrying the nonce. */
      data->dpop_retried = TRUE;
      pim_http_response_free (response);
      http = build_request (data->request, data->endpoint, data->document, &error);
      if (http == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      cancellable = g_task_get_cancellable (task);
      pim_http_client_send_async (data->client, http, cancellable, on_sent,
                                  g_steal_pointer (&task));
      return;
    }
  if (response != NULL)
    response = check_answer (data->request, response, &error);
  if (response == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, response, (GDestroyNotify) pim_http_response_free);
}

static void
send_to (GTask *task, PimDiscoveryDocument *document)
{
  ExchangeData *data = g_task_get_task_data (task);
  g_autoptr (PimHttpRequest) http = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  const char   *endpoint;
  GError       *error = NULL;

  if ((endpoint = endpoint_from (data->request, document, &error)) == NULL ||
      (http = build_request (data->request, endpoint, document, &error)) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  data->endpoint = g_strdup (endpoint);
  data->document = document != NULL ? g_object_ref (document) : NULL;
  pim_http_client_send_async (data->client, http, cancellable, on_sent, task);
}

static void
on_discovered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  g_autoptr (PimDiscoveryDocument) document = NULL;
  GError *error = NULL;

  document = pim_get_discovery_document_finish (result, &error);
  if (document == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  send_to (task, document);
}

void
pim_oauth_exchange_async (PimOAuthRequest    *self,
                          PimHttpClient      *client,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  GTask        *task = g_task_new (self, cancellable, callback, user_data);
  ExchangeData *data = g_new0 (ExchangeData, 1);
  GError       *error = NULL;
  gboolean      discover;

  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_oauth_exchange_async));
  data->request = g_object_ref (self);
  data->client = client != NULL ? g_object_ref (client) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) exchange_data_free);
  pim_oauth_request_set_error_response (self, NULL);
  if (!needs_discovery (self, &discover, &error) ||
      /* Security profile (FAPI 2.0): before anything is sent. */
      !pim_security_profile_check_exchange (self,
                                            client != NULL ? client
                                                           : pim_http_client_get_shared_default (),
                                            &error) ||
      !pim_client_auth_check_tls (self,
                                  client != NULL ? client : pim_http_client_get_shared_default (),
                                  &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (discover)
    {
      g_autoptr (PimDiscoveryRequest) request = discovery_request_for (self);

      pim_get_discovery_document_async (request, client, cancellable, on_discovered, task);
      return;
    }
  send_to (task, NULL);
}

PimHttpResponse *
pim_oauth_exchange_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Exchange, then parse ---- */

GObject *
pim_oauth_call (PimOAuthRequest  *self,
                PimOAuthParseFunc parse,
                PimHttpClient    *client,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autoptr (PimHttpResponse) response = pim_oauth_exchange (self, client, cancellable, error);

  if (response == NULL)
    return NULL;
  return parse (self, response, error);
}

typedef struct
{
  PimOAuthParseFunc parse;
} CallData;

static void
on_called (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr (PimHttpResponse) response = NULL;
  GObject *object = NULL;
  GError  *error = NULL;

  response = pim_oauth_exchange_finish (result, &error);
  if (response != NULL)
    object = data->parse (PIM_OAUTH_REQUEST (source), response, &error);
  if (object == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, object, g_object_unref);
}

static void
call_async (gpointer            source_object,
            PimOAuthRequest    *self,
            PimOAuthParseFunc   parse,
            PimHttpClient      *client,
            GCancellable       *cancellable,
            gpointer            source_tag,
            GAsyncReadyCallback callback,
            gpointer            user_data)
{
  GTask    *task = g_task_new (source_object, cancellable, callback, user_data);
  CallData *data = g_new0 (CallData, 1);

  g_task_set_source_tag (task, source_tag);
  data->parse = parse;
  g_task_set_task_data (task, data, g_free);
  pim_oauth_exchange_async (self, client, cancellable, on_called, task);
}

void
pim_oauth_call_async (PimOAuthRequest    *self,
                      PimOAuthParseFunc   parse,
                      PimHttpClient      *client,
                      GCancellable       *cancellable,
                      gpointer            source_tag,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  call_async (NULL, self, parse, client, cancellable, source_tag, callback, user_data);
}

void
pim_oauth_call_method_async (PimOAuthRequest    *self,
                             PimOAuthParseFunc   parse,
                             PimHttpClient      *client,
                             GCancellable       *cancellable,
                             gpointer            source_tag,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  call_async (self, self, parse, client, cancellable, source_tag, callback, user_data);
}

GObject *
pim_oauth_call_finish (GAsyncResult *result, gpointer source_tag, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
