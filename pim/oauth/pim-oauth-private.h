/* pim-oauth-private.h: what the OAuth layer shares inside itself
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every exchange with an endpoint goes the same way, sync or async:
 * find the endpoint (the request's address, or the issuer's discovery
 * document), build the HTTP request (a pure function of the request
 * object), authenticate the client, send, and turn any refusal into a
 * PIM_OAUTH_ERROR with its PimOAuthErrorResponse kept on the request.
 * Only the transport differs between the two forms.
 */

#pragma once

#include "pim-discovery-document.h"
#include "pim-http-private.h"
#include "pim-oauth-error-response.h"
#include "pim-oauth-error.h"
#include "pim-oauth-request.h"

G_BEGIN_DECLS

/* What a kind of request needs from the exchange. Set once per class. */
typedef struct
{
  /* The discovery member naming the endpoint, e.g. "token_endpoint". */
  const char *endpoint_member;
  /* The discovery member listing the client authentication methods the
   * endpoint accepts, or NULL when the request does not authenticate the
   * client (UserInfo). */
  const char *auth_methods_member;
  /* The endpoint's name in messages, e.g. "token endpoint". */
  const char *endpoint_name;
  /* Builds the HTTP request for @endpoint: a pure function of the request
   * object. Client authentication and extra parameters are added after. */
  PimHttpRequest *(*build) (PimOAuthRequest *self, const char *endpoint, GError **error);
  /* Optional: an endpoint the request carries itself (RFC 7592's client
   * configuration endpoint), used as is, without discovery, when it
   * returns non-NULL. */
  const char *(*own_endpoint) (PimOAuthRequest *self);
} PimOAuthRequestKind;

G_GNUC_INTERNAL
void pim_oauth_request_class_set_kind (gpointer klass, const PimOAuthRequestKind *kind);
G_GNUC_INTERNAL
const PimOAuthRequestKind *pim_oauth_request_get_kind (PimOAuthRequest *self);

G_GNUC_INTERNAL
const char *pim_oauth_request_get_client_secret (PimOAuthRequest *self);
G_GNUC_INTERNAL
PimJwk *pim_oauth_request_get_client_key (PimOAuthRequest *self);
G_GNUC_INTERNAL
const char *pim_oauth_request_get_assertion_audience (PimOAuthRequest *self);
G_GNUC_INTERNAL
PimDiscoveryPolicy *pim_oauth_request_get_discovery_policy (PimOAuthRequest *self);
G_GNUC_INTERNAL
gboolean pim_oauth_request_get_require_https (PimOAuthRequest *self);
/* The extra parameters, as name, value, name, value…, NULL-terminated. */
G_GNUC_INTERNAL
const char *const *pim_oauth_request_get_parameters (PimOAuthRequest *self);
G_GNUC_INTERNAL
void pim_oauth_request_set_error_response (PimOAuthRequest *self, PimOAuthErrorResponse *response);

/* Wipes a secret's bytes, then frees it. */
G_GNUC_INTERNAL
void pim_oauth_clear_secret (char **secret);

/* INVALID_ARGUMENT naming @property unless @value is set and not empty. */
G_GNUC_INTERNAL
gboolean pim_oauth_require (const char *value, const char *property, GError **error);

/* The form of introspection and revocation: `token` (required) and an
 * optional `token_type_hint`, posted to @endpoint. */
G_GNUC_INTERNAL
PimHttpRequest *pim_oauth_token_form_new (const char *endpoint,
                                          const char *token,
                                          const char *token_type_hint,
                                          GError    **error);

/* A new POST of a form to @endpoint, expecting JSON. */
G_GNUC_INTERNAL
PimHttpRequest *pim_oauth_form_post_new (const char *endpoint);

/* ---- Client authentication (pim-client-auth.c) ---- */

/* The method @self uses once AUTO is resolved. */
G_GNUC_INTERNAL
PimClientAuthMethod pim_client_auth_resolve (PimOAuthRequest *self);
G_GNUC_INTERNAL
const char *pim_client_auth_method_to_string (PimClientAuthMethod method);

/* Authenticates the client on @http, a form POST to @endpoint. @issuer
 * (nullable) is the provider's, for a JWT assertion's default audience.
 * With @check_supported_methods, the method must be one of @supported,
 * what the provider lists (NULL: only client_secret_basic, RFC 8414). */
G_GNUC_INTERNAL
gboolean pim_client_auth_apply (PimOAuthRequest   *self,
                                PimHttpRequest    *http,
                                const char        *endpoint,
                                const char        *issuer,
                                gboolean           check_supported_methods,
                                const char *const *supported,
                                GError           **error);

/* RFC 8705 §2: whether @method is tls_client_auth or
 * self_signed_tls_client_auth. */
G_GNUC_INTERNAL
gboolean pim_client_auth_is_tls (PimClientAuthMethod method);
/* INVALID_ARGUMENT when @self authenticates with a TLS client certificate
 * and @client (NULL: a default client, which has none) has none. */
G_GNUC_INTERNAL
gboolean pim_client_auth_check_tls (PimOAuthRequest *self, PimHttpClient *client, GError **error);
/* Whether requests of @self go to the provider's mtls_endpoint_aliases
 * (RFC 8705 §5): with a TLS client auth method, or when asked to. */
G_GNUC_INTERNAL
gboolean pim_oauth_request_uses_mtls_endpoints (PimOAuthRequest *self);

/* The value of HTTP Basic for @id and @secret: each form-urlencoded (RFC
 * 6749 §2.3.1), joined by ":", base64. */
G_GNUC_INTERNAL
char *pim_client_auth_basic_credentials (const char *id, const char *secret);

/* ---- Exchanges (pim-oauth-exchange.c) ---- */

/* The answer of a 2xx status; any other answer is an error, and its
 * details are kept on @self (pim_oauth_request_get_error_response()). */
G_GNUC_INTERNAL
PimHttpResponse *pim_oauth_exchange (PimOAuthRequest *self,
                                     PimHttpClient   *client,
                                     GCancellable    *cancellable,
                                     GError         **error);
G_GNUC_INTERNAL
void pim_oauth_exchange_async (PimOAuthRequest    *self,
                               PimHttpClient      *client,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data);
G_GNUC_INTERNAL
PimHttpResponse *pim_oauth_exchange_finish (GAsyncResult *result, GError **error);

/* The refusal in @response (a non-2xx answer from @endpoint_name) as an
 * error, and its details. Pure. */
G_GNUC_INTERNAL
GError *pim_oauth_error_from_response (PimHttpResponse        *response,
                                       const char             *endpoint_name,
                                       PimOAuthErrorResponse **out_details);

/* The body of a 2xx answer as a JSON object, or INVALID_RESPONSE. */
G_GNUC_INTERNAL
JsonObject *pim_oauth_response_parse_object (PimHttpResponse *response,
                                             const char      *endpoint_name,
                                             GError         **error);

/* ---- Reading answers (pim-oauth-json.c) ---- */

/* Each reads member @name of @json: absent or null is fine unless
 * @required; another type is PIM_OAUTH_ERROR_INVALID_RESPONSE, whose
 * message names @what (e.g. "token response") and the member. */
G_GNUC_INTERNAL
gboolean pim_oauth_json_string (JsonObject  *json,
                                const char  *name,
                                gboolean     required,
                                const char  *what,
                                const char **out,
                                GError     **error);
/* A count or time: a non-negative integer (digits in a string too); -1
 * when absent. */
G_GNUC_INTERNAL
gboolean pim_oauth_json_int (JsonObject *json,
                             const char *name,
                             gboolean    required,
                             const char *what,
                             gint64     *out,
                             GError    **error);
G_GNUC_INTERNAL
gboolean pim_oauth_json_boolean (JsonObject *json,
                                 const char *name,
                                 gboolean    required,
                                 const char *what,
                                 gboolean   *out,
                                 GError    **error);
/* A string or a list of strings, as a list; NULL when absent. */
G_GNUC_INTERNAL
gboolean pim_oauth_json_strv (JsonObject *json,
                              const char *name,
                              const char *what,
                              GStrv      *out,
                              GError    **error);

/* Text a server sent, made safe to show: printable ASCII, at most 200
 * bytes. */
G_GNUC_INTERNAL
char *pim_oauth_sanitize_text (const char *text);

G_GNUC_INTERNAL
PimOAuthErrorResponse *pim_oauth_error_response_new (const char *error,
                                                     const char *error_description,
                                                     const char *error_uri,
                                                     guint       status,
                                                     const char *endpoint,
                                                     JsonObject *json);

/* Runs a sync operation's GTask pair: the shared shape of every
 * _async/_finish wrapper whose work is "exchange, then parse". */
typedef GObject *(*PimOAuthParseFunc) (PimOAuthRequest *self,
                                       PimHttpResponse *response,
                                       GError         **error);

G_GNUC_INTERNAL
GObject *pim_oauth_call (PimOAuthRequest  *self,
                         PimOAuthParseFunc parse,
                         PimHttpClient    *client,
                         GCancellable     *cancellable,
                         GError          **error);
G_GNUC_INTERNAL
void pim_oauth_call_async (PimOAuthRequest    *self,
                           PimOAuthParseFunc   parse,
                           PimHttpClient      *client,
                           GCancellable       *cancellable,
                           gpointer            source_tag,
                           GAsyncReadyCallback callback,
                           gpointer            user_data);
/* The same, for an operation that is a method of the request (its
 * _finish takes the request): the task's source object is @self, so that
 * bindings find the finish function on it. */
G_GNUC_INTERNAL
void pim_oauth_call_method_async (PimOAuthRequest    *self,
                                  PimOAuthParseFunc   parse,
                                  PimHttpClient      *client,
                                  GCancellable       *cancellable,
                                  gpointer            source_tag,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
/* Finishes either; the caller checks the source object when it has one. */
G_GNUC_INTERNAL
GObject *pim_oauth_call_finish (GAsyncResult *result, gpointer source_tag, GError **error);

G_END_DECLS
