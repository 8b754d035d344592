/* pim-token-exchange-request.c: PimTokenExchangeRequest
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-token-exchange-request.h"
#include "pim-token-request-private.h"

#define GRANT_TYPE "urn:ietf:params:oauth:grant-type:token-exchange"

/**
 * PimTokenExchangeRequest:
 *
 * OAuth 2.0 Token Exchange (RFC 8693): trade a token (the subject's) for
 * another, for another audience or resource, or with less scope.
 *
 * Without an actor token, the new token lets the client act as the subject
 * (impersonation); with one, on behalf of the subject, as the actor
 * (delegation: the new token usually says so with an `act` claim). Token
 * types are URIs, sent as they are; `PIM_TOKEN_TYPE_*` names the six RFC
 * 8693 defines. `resource` and `audience` may be repeated
 * ([property@TokenRequest:resources], [property@TokenRequest:audiences]).
 *
 * The answer's [property@TokenResponse:issued-token-type] is required; its
 * [property@TokenResponse:token-type] is `N_A` when the issued token is not
 * an access token.
 *
 * Since: 0.1
 */

struct _PimTokenExchangeRequest
{
  PimTokenRequest parent_instance;

  char *subject_token;
  char *subject_token_type;
  char *actor_token;
  char *actor_token_type;
  char *requested_token_type;
};

enum
{
  PROP_0,
  PROP_SUBJECT_TOKEN,
  PROP_SUBJECT_TOKEN_TYPE,
  PROP_ACTOR_TOKEN,
  PROP_ACTOR_TOKEN_TYPE,
  PROP_REQUESTED_TOKEN_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimTokenExchangeRequest, pim_token_exchange_request, PIM_TYPE_TOKEN_REQUEST)

static char **
field (PimTokenExchangeRequest *self, guint prop_id)
{
  switch (prop_id)
    {
    case PROP_SUBJECT_TOKEN:
      return &self->subject_token;
    case PROP_SUBJECT_TOKEN_TYPE:
      return &self->subject_token_type;
    case PROP_ACTOR_TOKEN:
      return &self->actor_token;
    case PROP_ACTOR_TOKEN_TYPE:
      return &self->actor_token_type;
    case PROP_REQUESTED_TOKEN_TYPE:
    default:
      return &self->requested_token_type;
    }
}

static void
pim_token_exchange_request_finalize (GObject *object)
{
  PimTokenExchangeRequest *self = PIM_TOKEN_EXCHANGE_REQUEST (object);

  for (guint i = PROP_SUBJECT_TOKEN; i < N_PROPS; i++)
    g_free (*field (self, i));

  G_OBJECT_CLASS (pim_token_exchange_request_parent_class)->finalize (object);
}

static void
pim_token_exchange_request_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  g_value_set_string (value, *field (PIM_TOKEN_EXCHANGE_REQUEST (object), prop_id));
}

static void
pim_token_exchange_request_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  char **slot = field (PIM_TOKEN_EXCHANGE_REQUEST (object), prop_id);

  g_free (*slot);
  *slot = g_value_dup_string (value);
}

static PimHttpRequest *
build (PimOAuthRequest *request, const char *endpoint, GError **error)
{
  PimTokenExchangeRequest *self = PIM_TOKEN_EXCHANGE_REQUEST (request);
  g_autoptr (PimHttpRequest) http = NULL;

  if (!pim_oauth_require (self->subject_token, "subject-token", error) ||
      !pim_oauth_require (self->subject_token_type, "subject-token-type", error) ||
      (self->actor_token != NULL &&
       !pim_oauth_require (self->actor_token_type, "actor-token-type", error)))
    return NULL;
  if (self->actor_token == NULL && self->actor_token_type != NULL)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                           _ ("The request has an “actor-token-type” but no “actor-token”"));
      return NULL;
    }
  http = pim_token_request_build_form (PIM_TOKEN_REQUEST (self), endpoint, error);
  if (http == NULL)
    return NULL;
  pim_http_request_add_form_param (http, "subject_token", self->subject_token);
  pim_http_request_add_form_param (http, "subject_token_type", self->subject_token_type);
  if (self->actor_token != NULL)
    {
      pim_http_request_add_form_param (http, "actor_token", self->actor_token);
      pim_http_request_add_form_param (http, "actor_token_type", self->actor_token_type);
    }
  if (self->requested_token_type != NULL)
    pim_http_request_add_form_param (http, "requested_token_type", self->requested_token_type);
  return g_steal_pointer (&http);
}

static const PimOAuthRequestKind kind = {
  .endpoint_member = "token_endpoint",
  .auth_methods_member = "token_endpoint_auth_methods_supported",
  .endpoint_name = N_ ("token endpoint"),
  .build = build,
};

/* RFC 8693 §2.2.1: issued_token_type is required. */
static GObject *
parse (PimOAuthRequest *self, PimHttpResponse *response, GError **error)
{
  g_autoptr (GObject) object = pim_token_request_parse_response (self, response, error);

  if (object == NULL)
    return NULL;
  if (pim_token_response_get_issued_token_type (PIM_TOKEN_RESPONSE (object)) == NULL)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
                           _ ("The token exchange response has no “issued_token_type”"));
      return NULL;
    }
  return g_steal_pointer (&object);
}

static void
pim_token_exchange_request_class_init (PimTokenExchangeRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_token_exchange_request_finalize;
  object_class->get_property = pim_token_exchange_request_get_property;
  object_class->set_property = pim_token_exchange_request_set_property;
  pim_oauth_request_class_set_kind (klass, &kind);

  /**
   * PimTokenExchangeRequest:subject-token:
   *
   * The token of the party the new token is for. Required; a secret.
   *
   * Since: 0.1
   */
  properties[PROP_SUBJECT_TOKEN] = g_param_spec_string ("subject-token", NULL, NULL, NULL, flags);

  /**
   * PimTokenExchangeRequest:subject-token-type:
   *
   * The subject token's type, a URI such as %PIM_TOKEN_TYPE_ACCESS_TOKEN.
   * Required.
   *
   * Since: 0.1
   */
  properties[PROP_SUBJECT_TOKEN_TYPE] =
      g_param_spec_string ("subject-token-type", NULL, NULL, NULL, flags);

  /**
   * PimTokenExchangeRequest:actor-token:
   *
   * The token of the party that will act on the subject's behalf
   * (delegation); unset for impersonation. A secret.
   *
   * Since: 0.1
   */
  properties[PROP_ACTOR_TOKEN] = g_param_spec_string ("actor-token", NULL, NULL, NULL, flags);

  /**
   * PimTokenExchangeRequest:actor-token-type:
   *
   * The actor token's type; required with an actor token.
   *
   * Since: 0.1
   */
  properties[PROP_ACTOR_TOKEN_TYPE] =
      g_param_spec_string ("actor-token-type", NULL, NULL, NULL, flags);

  /**
   * PimTokenExchangeRequest:requested-token-type:
   *
   * The type of token wanted, such as %PIM_TOKEN_TYPE_JWT; unset, the
   * provider chooses.
   *
   * Since: 0.1
   */
  properties[PROP_REQUESTED_TOKEN_TYPE] =
      g_param_spec_string ("requested-token-type", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_token_exchange_request_init (PimTokenExchangeRequest *self)
{
  g_object_set (self, "grant-type", GRANT_TYPE, NULL);
}

/**
 * pim_token_exchange_request_new:
 * @address: (nullable): the token endpoint, or %NULL to set an issuer later
 * @subject_token: the subject token
 * @subject_token_type: its type, such as %PIM_TOKEN_TYPE_ACCESS_TOKEN
 *
 * Creates a token exchange request.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimTokenExchangeRequest *
pim_token_exchange_request_new (const char *address,
                                const char *subject_token,
                                const char *subject_token_type)
{
  g_return_val_if_fail (subject_token != NULL, NULL);
  g_return_val_if_fail (subject_token_type != NULL, NULL);

  return g_object_new (PIM_TYPE_TOKEN_EXCHANGE_REQUEST, "address", address, "subject-token",
                       subject_token, "subject-token-type", subject_token_type, NULL);
}

/**
 * pim_request_token_exchange:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Exchanges a token (RFC 8693); see [func@request_token] for how answers
 * and errors are read. An answer without `issued_token_type` is
 * %PIM_OAUTH_ERROR_INVALID_RESPONSE.
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_request_token_exchange (PimTokenExchangeRequest *request,
                            PimHttpClient           *client,
                            GCancellable            *cancellable,
                            GError                 **error)
{
  g_return_val_if_fail (PIM_IS_TOKEN_EXCHANGE_REQUEST (request), NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return (PimTokenResponse *) pim_oauth_call (PIM_OAUTH_REQUEST (request), parse, client,
                                              cancellable, error);
}

/**
 * pim_request_token_exchange_async:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Exchanges a token without blocking.
 *
 * Since: 0.1
 */
void
pim_request_token_exchange_async (PimTokenExchangeRequest *request,
                                  PimHttpClient           *client,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  g_return_if_fail (PIM_IS_TOKEN_EXCHANGE_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  pim_oauth_call_async (PIM_OAUTH_REQUEST (request), parse, client, cancellable,
                        PIM_SOURCE_TAG (pim_request_token_exchange_async), callback, user_data);
}

/**
 * pim_request_token_exchange_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@request_token_exchange_async].
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_request_token_exchange_finish (GAsyncResult *result, GError **error)
{
  return (PimTokenResponse *)
      pim_oauth_call_finish (result, PIM_SOURCE_TAG (pim_request_token_exchange_async), error);
}
