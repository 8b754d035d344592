/* pim-revocation-request.c: PimRevocationRequest and pim_revoke_token
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-oauth-private.h"
#include "pim-revocation-request.h"

/**
 * PimRevocationRequest:
 *
 * A request to the revocation endpoint (RFC 7009): the client says it
 * no longer needs a token — on logout, say — and the server invalidates
 * it (and, for a refresh token, usually the access tokens of the same
 * grant). The client authenticates as on the token endpoint
 * ([class@OAuthRequest]).
 *
 * ```c
 * g_autoptr (PimRevocationRequest) request =
 *   pim_revocation_request_new ("https://id.example.com/revoke", "app", secret);
 *
 * pim_revocation_request_set_token (request, refresh_token);
 * pim_revocation_request_set_token_type_hint (request, "refresh_token");
 * if (!pim_revoke_token (request, NULL, NULL, &error))
 *   …
 * ```
 *
 * The endpoint is [property@OAuthRequest:address], or the discovery
 * document's `revocation_endpoint`; the client authentication method
 * must then be one of `revocation_endpoint_auth_methods_supported` (or,
 * without that list, of the token endpoint's).
 *
 * Since: 0.1
 */

struct _PimRevocationRequest
{
  PimOAuthRequest parent_instance;

  char *token;
  char *token_type_hint;
};

enum
{
  PROP_0,
  PROP_TOKEN,
  PROP_TOKEN_TYPE_HINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimRevocationRequest, pim_revocation_request, PIM_TYPE_OAUTH_REQUEST)

/* The answer to a revocation has no meaningful body (RFC 7009 §2.2): any
 * 2xx is success, whatever it carries; JSON is what errors come as. */
static PimHttpRequest *
build (PimOAuthRequest *request, const char *endpoint, GError **error)
{
  PimRevocationRequest *self = PIM_REVOCATION_REQUEST (request);

  return pim_oauth_token_form_new (endpoint, self->token, self->token_type_hint, error);
}

static const PimOAuthRequestKind revocation_kind = {
  .endpoint_member = "revocation_endpoint",
  .auth_methods_member = "revocation_endpoint_auth_methods_supported",
  .endpoint_name = N_ ("revocation endpoint"),
  .build = build,
};

static void
pim_revocation_request_finalize (GObject *object)
{
  PimRevocationRequest *self = PIM_REVOCATION_REQUEST (object);

  pim_oauth_clear_secret (&self->token);
  g_free (self->token_type_hint);

  G_OBJECT_CLASS (pim_revocation_request_parent_class)->finalize (object);
}

static void
pim_revocation_request_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PimRevocationRequest *self = PIM_REVOCATION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_TOKEN_TYPE_HINT:
      g_value_set_string (value, self->token_type_hint);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_revocation_request_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PimRevocationRequest *self = PIM_REVOCATION_REQUEST (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      pim_oauth_clear_secret (&self->token);
      self->token = g_value_dup_string (value);
      break;
    case PROP_TOKEN_TYPE_HINT:
      g_free (self->token_type_hint);
      self->token_type_hint = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_revocation_request_class_init (PimRevocationRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_revocation_request_finalize;
  object_class->get_property = pim_revocation_request_get_property;
  object_class->set_property = pim_revocation_request_set_property;
  pim_oauth_request_class_set_kind (klass, &revocation_kind);

  /**
   * PimRevocationRequest:token: (getter get_token) (setter set_token)
   *
   * The token to revoke (`token`): an access or a refresh token. Required.
   * It is a secret: Pim never logs it or puts it in an error message, and
   * wipes it from memory when it is replaced or the request is freed; it
   * stays readable for the caller's convenience, so do not print the
   * request's properties.
   *
   * Since: 0.1
   */
  properties[PROP_TOKEN] = g_param_spec_string ("token", NULL, NULL, NULL, flags);

  /**
   * PimRevocationRequest:token-type-hint: (getter get_token_type_hint) (setter set_token_type_hint)
   *
   * What the token is believed to be (`token_type_hint`): `access_token`
   * or `refresh_token`. Sent as given; a server that finds the hint wrong
   * looks the token up as any other type (RFC 7009 §2.1).
   *
   * Since: 0.1
   */
  properties[PROP_TOKEN_TYPE_HINT] =
      g_param_spec_string ("token-type-hint", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_revocation_request_init (PimRevocationRequest *self)
{
}

/**
 * pim_revocation_request_new:
 * @address: (nullable): the revocation endpoint, or %NULL to set an issuer
 *   later
 * @client_id: the client's identifier
 * @client_secret: (nullable): the client's secret, or %NULL for a public
 *   client or to set a key later
 *
 * Creates a revocation request; set its
 * [property@RevocationRequest:token] before sending it.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimRevocationRequest *
pim_revocation_request_new (const char *address, const char *client_id, const char *client_secret)
{
  g_return_val_if_fail (client_id != NULL, NULL);

  return g_object_new (PIM_TYPE_REVOCATION_REQUEST, "address", address, "client-id", client_id,
                       "client-secret", client_secret, NULL);
}

/**
 * pim_revocation_request_get_token:
 * @self: a revocation request
 *
 * Gets [property@RevocationRequest:token].
 *
 * Returns: (nullable): the token
 *
 * Since: 0.1
 */
const char *
pim_revocation_request_get_token (PimRevocationRequest *self)
{
  g_return_val_if_fail (PIM_IS_REVOCATION_REQUEST (self), NULL);
  return self->token;
}

/**
 * pim_revocation_request_set_token:
 * @self: a revocation request
 * @token: (nullable): the token to revoke
 *
 * Sets [property@RevocationRequest:token].
 *
 * Since: 0.1
 */
void
pim_revocation_request_set_token (PimRevocationRequest *self, const char *token)
{
  g_return_if_fail (PIM_IS_REVOCATION_REQUEST (self));
  g_object_set (self, "token", token, NULL);
}

/**
 * pim_revocation_request_get_token_type_hint:
 * @self: a revocation request
 *
 * Gets [property@RevocationRequest:token-type-hint].
 *
 * Returns: (nullable): the hint
 *
 * Since: 0.1
 */
const char *
pim_revocation_request_get_token_type_hint (PimRevocationRequest *self)
{
  g_return_val_if_fail (PIM_IS_REVOCATION_REQUEST (self), NULL);
  return self->token_type_hint;
}

/**
 * pim_revocation_request_set_token_type_hint:
 * @self: a revocation request
 * @token_type_hint: (nullable): `access_token` or `refresh_token`
 *
 * Sets [property@RevocationRequest:token-type-hint].
 *
 * Since: 0.1
 */
void
pim_revocation_request_set_token_type_hint (PimRevocationRequest *self, const char *token_type_hint)
{
  g_return_if_fail (PIM_IS_REVOCATION_REQUEST (self));
  g_object_set (self, "token-type-hint", token_type_hint, NULL);
}

/* ---- Sending ---- */

/**
 * pim_revoke_token:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Asks the revocation endpoint to revoke [property@RevocationRequest:token]
 * (RFC 7009 §2.1). Any 2xx answer is success, with or without a body;
 * that includes a token the server did not know, or had already revoked
 * (RFC 7009 §2.2). A 503 is retried as [class@HttpClient] retries it.
 *
 * Errors: an [error@OAuthError] when the request is incomplete
 * (%PIM_OAUTH_ERROR_INVALID_ARGUMENT) or the server refuses it
 * (%PIM_OAUTH_ERROR_UNSUPPORTED_TOKEN_TYPE for a type of token it cannot
 * revoke, %PIM_OAUTH_ERROR_INVALID_CLIENT…; the details are then in
 * [method@OAuthRequest.get_error_response]); an [error@HttpError] for
 * transport failures and refusals without an OAuth error; a
 * [error@DiscoveryError] when the endpoint is discovered.
 *
 * Returns: %TRUE when the server accepted the request, else %FALSE with
 *   @error set
 *
 * Since: 0.1
 */
gboolean
pim_revoke_token (PimRevocationRequest *request,
                  PimHttpClient        *client,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autoptr (PimHttpResponse) response = NULL;

  g_return_val_if_fail (PIM_IS_REVOCATION_REQUEST (request), FALSE);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  response = pim_oauth_exchange (PIM_OAUTH_REQUEST (request), client, cancellable, error);
  return response != NULL;
}

static void
on_exchanged (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (PimHttpResponse) response = NULL;
  GError *error = NULL;

  response = pim_oauth_exchange_finish (result, &error);
  if (response == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pim_revoke_token_async:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Asks the revocation endpoint to revoke a token without blocking; see
 * [func@revoke_token].
 *
 * Since: 0.1
 */
void
pim_revoke_token_async (PimRevocationRequest *request,
                        PimHttpClient        *client,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (PIM_IS_REVOCATION_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_revoke_token_async));
  pim_oauth_exchange_async (PIM_OAUTH_REQUEST (request), client, cancellable, on_exchanged, task);
}

/**
 * pim_revoke_token_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@revoke_token_async].
 *
 * Returns: %TRUE when the server accepted the request, else %FALSE with
 *   @error set
 *
 * Since: 0.1
 */
gboolean
pim_revoke_token_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            PIM_SOURCE_TAG (pim_revoke_token_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
