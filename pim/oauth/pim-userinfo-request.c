/* pim-userinfo-request.c: PimUserInfoRequest and pim_get_userinfo
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-dpop-key-private.h"
#include "pim-oauth-private.h"
#include "pim-userinfo-request.h"
#include "pim-userinfo-response-private.h"

/**
 * PimUserInfoRequest:
 *
 * A request to the UserInfo endpoint (OpenID Connect Core §5.3): the
 * claims about the end user that an access token with the `openid` scope
 * gives access to. The access token is sent as a bearer token (RFC 6750
 * §2.1), in a GET or, with [property@UserInfoRequest:use-post], a POST
 * (§5.3.1); the client does not authenticate, so
 * [property@OAuthRequest:client-secret] and its kin are not used.
 *
 * ```python
 * request = Pim.UserInfoRequest(issuer='https://id.example.com',
 *                               access_token=tokens.props.access_token,
 *                               expected_subject=id_token_claims.get_subject())
 * info = Pim.get_userinfo(request, None, None)
 * print(info.props.name, info.props.email)
 * ```
 *
 * The endpoint is [property@OAuthRequest:address], or the discovery
 * document's `userinfo_endpoint`.
 *
 * Set [property@UserInfoRequest:expected-subject] to the `sub` of the ID
 * token of the same login: the answer must be about that end user
 * (OpenID Connect Core §5.3.4), or the call fails with
 * %PIM_OAUTH_ERROR_SUBJECT_MISMATCH. Without it, nothing ties the claims
 * to the ID token; the caller must then compare the subjects itself.
 *
 * # Signed answers
 *
 * A client registered with `userinfo_signed_response_alg` gets a signed
 * JWT (`application/jwt`) instead of JSON. Pim validates it with
 * [func@validate_token] — in the async form with
 * [func@validate_token_async], never blocking the caller's main context —
 * and the response keeps the validated [class@Claims]. The JWT's `iss`
 * must be the provider's issuer and its `aud` the client's id (§5.3.2):
 *
 * - without [property@UserInfoRequest:validation-parameters], Pim uses
 *   [property@OAuthRequest:issuer] as the issuer and
 *   [property@OAuthRequest:client-id] as the audience (both must be set),
 *   keys from the issuer's discovery document under
 *   [property@OAuthRequest:discovery-policy], and, since a UserInfo JWT
 *   need not carry `exp` or `iat`, does not require them (each is still
 *   checked when present);
 * - with them, they are used exactly as given, nothing relaxed: their
 *   issuer and audience must be the provider's and the client's, and if
 *   the provider omits `exp` or `iat` from its UserInfo JWTs, set
 *   [property@TokenValidationParameters:require-exp] and
 *   [property@TokenValidationParameters:require-iat] to %FALSE on them.
 *   Do not reuse an ID token's parameters: a UserInfo JWT has no `nonce`.
 *
 * Encrypted answers (JWE) are not supported and fail validation.
 *
 * Since: 0.1
 */

struct _PimUserInfoRequest
{
  PimOAuthRequest parent_instance;

  char                         *access_token;
  gboolean                      use_post;
  char                         *expected_subject;
  PimTokenValidationParameters *validation_parameters;
};

enum
{
  PROP_0,
  PROP_ACCESS_TOKEN,
  PROP_USE_POST,
  PROP_EXPECTED_SUBJECT,
  PROP_VALIDATION_PARAMETERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimUserInfoRequest, pim_userinfo_request, PIM_TYPE_OAUTH_REQUEST)

static PimHttpRequest *
build (PimOAuthRequest *request, const char *endpoint, GError **error)
{
  PimUserInfoRequest *self = PIM_USERINFO_REQUEST (request);
  PimHttpRequest     *http;
  g_autofree char    *authorization = NULL;
  PimDPoPKey         *dpop_key;

  if (!pim_oauth_require (self->access_token, "access-token", error))
    return NULL;
  /* Extra parameters go in a form body, which a GET does not have. */
  if (!self->use_post && pim_oauth_request_get_parameters (request)[0] != NULL)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                           _ ("Extra parameters of a UserInfo request need “use-post”"));
      return NULL;
    }
  if (self->use_post)
    {
      http = pim_http_request_new ("POST", endpoint);
      /* An empty form, unless extra parameters will fill it. */
      if (pim_oauth_request_get_parameters (request)[0] == NULL)
        pim_http_request_set_body (http, "application/x-www-form-urlencoded",
                                   g_bytes_new_static ("", 0));
    }
  else
    http = pim_http_request_new ("GET", endpoint);
  /* JSON, or a signed JWT for clients registered for one (§5.3.2). */
  pim_http_request_add_header (http, "Accept", "application/json, application/jwt");
  /* RFC 9449 §7.1: a DPoP-bound token goes with a proof of the key. */
  dpop_key = pim_oauth_request_get_dpop_key (request);
  if (dpop_key != NULL && !pim_dpop_key_apply (dpop_key, http, self->access_token, error))
    {
      pim_http_request_unref (http);
      return NULL;
    }
  authorization = g_strconcat (dpop_key != NULL ? "DPoP " : "Bearer ", self->access_token, NULL);
  pim_http_request_add_header (http, "Authorization", authorization);
  memset (authorization, 0, strlen (authorization));
  return http;
}

static const PimOAuthRequestKind userinfo_kind = {
  .endpoint_member = "userinfo_endpoint",
  .auth_methods_member = NULL, /* the access token is the credential */
  .endpoint_name = N_ ("UserInfo endpoint"),
  .build = build,
};

static void
pim_userinfo_request_finalize (GObject *object)
{
  PimUserInfoRequest *self = PIM_USERINFO_REQUEST (object);

  pim_oauth_clear_secret (&self->access_token);
  g_free (self->expected_subject);
  g_clear_object (&self->validation_parameters);

  G_OBJECT_CLASS (pim_userinfo_request_parent_class)->finalize (object);
}

static void
pim_userinfo_request_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PimUserInfoRequest *self = PIM_USERINFO_REQUEST (object);

  switch (prop_id)
    {
    case PROP_ACCESS_TOKEN:
      g_value_set_string (value, self->access_token);
      break;
    case PROP_USE_POST:
      g_value_set_boolean (value, self->use_post);
      break;
    case PROP_EXPECTED_SUBJECT:
      g_value_set_string (value, self->expected_subject);
      break;
    case PROP_VALIDATION_PARAMETERS:
      g_value_set_object (value, self->validation_parameters);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_userinfo_request_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PimUserInfoRequest *self = PIM_USERINFO_REQUEST (object);

  switch (prop_id)
    {
    case PROP_ACCESS_TOKEN:
      pim_oauth_clear_secret (&self->access_token);
      self->access_token = g_value_dup_string (value);
      break;
    case PROP_USE_POST:
      self->use_post = g_value_get_boolean (value);
      break;
    case PROP_EXPECTED_SUBJECT:
      g_free (self->expected_subject);
      self->expected_subject = g_value_dup_string (value);
      break;
    case PROP_VALIDATION_PARAMETERS:
      g_clear_object (&self->validation_parameters);
      self->validation_parameters = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_userinfo_request_class_init (PimUserInfoRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_userinfo_request_finalize;
  object_class->get_property = pim_userinfo_request_get_property;
  object_class->set_property = pim_userinfo_request_set_property;
  pim_oauth_request_class_set_kind (klass, &userinfo_kind);

  /**
   * PimUserInfoRequest:access-token: (getter get_access_token) (setter set_access_token)
   *
   * The access token, sent as `Authorization: Bearer` (`DPoP`, with a
   * proof, when the request has a [property@OAuthRequest:dpop-key]).
   * Required; it must
   * have been issued with the `openid` scope. It is a secret: Pim never
   * logs it or puts it in an error message, and wipes it from memory
   * when it is replaced or the request is freed; it stays readable for
   * the caller's convenience, so do not print the request's properties.
   *
   * Since: 0.1
   */
  properties[PROP_ACCESS_TOKEN] = g_param_spec_string ("access-token", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoRequest:use-post: (getter get_use_post) (setter set_use_post)
   *
   * Whether to POST (with a form body, which carries any extra parameters)
   * instead of GET (the default, which takes none). The access token is
   * in the `Authorization` header either way.
   *
   * Since: 0.1
   */
  properties[PROP_USE_POST] = g_param_spec_boolean ("use-post", NULL, NULL, FALSE, flags);

  /**
   * PimUserInfoRequest:expected-subject: (getter get_expected_subject) (setter set_expected_subject)
   *
   * The `sub` of the ID token of the same login. When set, an answer
   * about another subject fails with %PIM_OAUTH_ERROR_SUBJECT_MISMATCH
   * (OpenID Connect Core §5.3.4).
   *
   * Since: 0.1
   */
  properties[PROP_EXPECTED_SUBJECT] =
      g_param_spec_string ("expected-subject", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoRequest:validation-parameters: (getter get_validation_parameters) (setter set_validation_parameters)
   *
   * How to validate a signed (`application/jwt`) answer; see "Signed
   * answers" in [class@UserInfoRequest] for what is used when this is
   * unset. Not used for a JSON answer.
   *
   * Since: 0.1
   */
  properties[PROP_VALIDATION_PARAMETERS] =
      g_param_spec_object ("validation-parameters", NULL, NULL,
                           PIM_TYPE_TOKEN_VALIDATION_PARAMETERS, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_userinfo_request_init (PimUserInfoRequest *self)
{
}

/**
 * pim_userinfo_request_new:
 * @address: (nullable): the UserInfo endpoint, or %NULL to set an issuer
 *   later
 * @access_token: the access token
 *
 * Creates a UserInfo request.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimUserInfoRequest *
pim_userinfo_request_new (const char *address, const char *access_token)
{
  g_return_val_if_fail (access_token != NULL, NULL);

  return g_object_new (PIM_TYPE_USERINFO_REQUEST, "address", address, "access-token", access_token,
                       NULL);
}

/**
 * pim_userinfo_request_get_access_token:
 * @self: a UserInfo request
 *
 * Gets [property@UserInfoRequest:access-token].
 *
 * Returns: (nullable): the access token
 *
 * Since: 0.1
 */
const char *
pim_userinfo_request_get_access_token (PimUserInfoRequest *self)
{
  g_return_val_if_fail (PIM_IS_USERINFO_REQUEST (self), NULL);
  return self->access_token;
}

/**
 * pim_userinfo_request_set_access_token:
 * @self: a UserInfo request
 * @access_token: (nullable): the access token
 *
 * Sets [property@UserInfoRequest:access-token].
 *
 * Since: 0.1
 */
void
pim_userinfo_request_set_access_token (PimUserInfoRequest *self, const char *access_token)
{
  g_return_if_fail (PIM_IS_USERINFO_REQUEST (self));
  g_object_set (self, "access-token", access_token, NULL);
}

/**
 * pim_userinfo_request_get_use_post:
 * @self: a UserInfo request
 *
 * Gets [property@UserInfoRequest:use-post].
 *
 * Returns: whether the request is a POST
 *
 * Since: 0.1
 */
gboolean
pim_userinfo_request_get_use_post (PimUserInfoRequest *self)
{
  g_return_val_if_fail (PIM_IS_USERINFO_REQUEST (self), FALSE);
  return self->use_post;
}

/**
 * pim_userinfo_request_set_use_post:
 * @self: a UserInfo request
 * @use_post: whether to POST instead of GET
 *
 * Sets [property@UserInfoRequest:use-post].
 *
 * Since: 0.1
 */
void
pim_userinfo_request_set_use_post (PimUserInfoRequest *self, gboolean use_post)
{
  g_return_if_fail (PIM_IS_USERINFO_REQUEST (self));
  g_object_set (self, "use-post", use_post, NULL);
}

/**
 * pim_userinfo_request_get_expected_subject:
 * @self: a UserInfo request
 *
 * Gets [property@UserInfoRequest:expected-subject].
 *
 * Returns: (nullable): the expected `sub`
 *
 * Since: 0.1
 */
const char *
pim_userinfo_request_get_expected_subject (PimUserInfoRequest *self)
{
  g_return_val_if_fail (PIM_IS_USERINFO_REQUEST (self), NULL);
  return self->expected_subject;
}

/**
 * pim_userinfo_request_set_expected_subject:
 * @self: a UserInfo request
 * @expected_subject: (nullable): the ID token's `sub`
 *
 * Sets [property@UserInfoRequest:expected-subject].
 *
 * Since: 0.1
 */
void
pim_userinfo_request_set_expected_subject (PimUserInfoRequest *self, const char *expected_subject)
{
  g_return_if_fail (PIM_IS_USERINFO_REQUEST (self));
  g_object_set (self, "expected-subject", expected_subject, NULL);
}

/**
 * pim_userinfo_request_get_validation_parameters:
 * @self: a UserInfo request
 *
 * Gets [property@UserInfoRequest:validation-parameters].
 *
 * Returns: (nullable) (transfer none): the parameters
 *
 * Since: 0.1
 */
PimTokenValidationParameters *
pim_userinfo_request_get_validation_parameters (PimUserInfoRequest *self)
{
  g_return_val_if_fail (PIM_IS_USERINFO_REQUEST (self), NULL);
  return self->validation_parameters;
}

/**
 * pim_userinfo_request_set_validation_parameters:
 * @self: a UserInfo request
 * @parameters: (nullable): how to validate a signed answer
 *
 * Sets [property@UserInfoRequest:validation-parameters].
 *
 * Since: 0.1
 */
void
pim_userinfo_request_set_validation_parameters (PimUserInfoRequest           *self,
                                                PimTokenValidationParameters *parameters)
{
  g_return_if_fail (PIM_IS_USERINFO_REQUEST (self));
  g_return_if_fail (parameters == NULL || PIM_IS_TOKEN_VALIDATION_PARAMETERS (parameters));
  g_object_set (self, "validation-parameters", parameters, NULL);
}

/* ---- Reading the answer (pure) ---- */

static gboolean
is_jwt (PimHttpResponse *response)
{
  const char *type = soup_message_headers_get_content_type (response->headers, NULL);

  return type != NULL && g_ascii_strcasecmp (type, "application/jwt") == 0;
}

/* The JWT of a signed answer, as text: printable ASCII, surrounding
 * whitespace dropped. */
static char *
jwt_text (PimHttpResponse *response, GError **error)
{
  gsize            len = 0;
  const char      *data = response->body != NULL ? g_bytes_get_data (response->body, &len) : NULL;
  g_autofree char *text = NULL;

  while (len > 0 && g_ascii_isspace (data[len - 1]))
    len--;
  while (len > 0 && g_ascii_isspace (data[0]))
    data++, len--;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isgraph (data[i]))
      len = 0;
  if (len == 0)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
                           _ ("The UserInfo endpoint's signed answer is not a JWT"));
      return NULL;
    }
  text = g_strndup (data, len);
  return g_steal_pointer (&text);
}

/* The request's own parameters, or the defaults for a UserInfo JWT:
 * iss the request's issuer, aud its client id, exp and iat optional. */
static PimTokenValidationParameters *
validation_parameters_for (PimUserInfoRequest *self, GError **error)
{
  PimOAuthRequest              *request = PIM_OAUTH_REQUEST (self);
  const char                   *issuer = pim_oauth_request_get_issuer (request);
  const char                   *client_id = pim_oauth_request_get_client_id (request);
  PimTokenValidationParameters *parameters;

  if (self->validation_parameters != NULL)
    return g_object_ref (self->validation_parameters);
  if (issuer == NULL || client_id == NULL)
    {
      g_set_error_literal (
          error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
          _ ("The UserInfo endpoint answered with a signed JWT, and the request has neither "
             "“validation-parameters” nor an “issuer” and a “client-id” to validate it with"));
      return NULL;
    }
  parameters = pim_token_validation_parameters_new (issuer, client_id);
  g_object_set (parameters, "require-exp", FALSE, "require-iat", FALSE, "discovery-policy",
                pim_oauth_request_get_discovery_policy (request), NULL);
  return parameters;
}

/* The response, once the claims are known, checked against the ID
 * token's subject. */
static PimUserInfoResponse *
response_from (PimUserInfoRequest *self, JsonObject *json, PimClaims *claims, GError **error)
{
  g_autoptr (PimUserInfoResponse) response = pim_userinfo_response_new (json, claims, error);

  if (response == NULL)
    return NULL;
  if (self->expected_subject != NULL &&
      g_strcmp0 (pim_userinfo_response_get_subject (response), self->expected_subject) != 0)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_SUBJECT_MISMATCH,
                           _ ("The UserInfo response is about another subject than the ID token"));
      return NULL;
    }
  return g_steal_pointer (&response);
}

static PimUserInfoResponse *
response_from_json (PimUserInfoRequest *self, PimHttpResponse *http, GError **error)
{
  g_autoptr (JsonObject) json =
      pim_oauth_response_parse_object (http, _ ("UserInfo endpoint"), error);

  if (json == NULL)
    return NULL;
  return response_from (self, json, NULL, error);
}

/* ---- Sync ---- */

/**
 * pim_get_userinfo:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets the claims about the end user from the UserInfo endpoint; a
 * signed answer is validated first (see [class@UserInfoRequest]).
 *
 * Errors: an [error@OAuthError] when the request is incomplete
 * (%PIM_OAUTH_ERROR_INVALID_ARGUMENT), when the endpoint refuses the
 * access token (%PIM_OAUTH_ERROR_INVALID_TOKEN,
 * %PIM_OAUTH_ERROR_INSUFFICIENT_SCOPE…, from the JSON body or the
 * `WWW-Authenticate: Bearer` header of RFC 6750 §3; the details are then
 * in [method@OAuthRequest.get_error_response]), when the answer is not a
 * UserInfo response (%PIM_OAUTH_ERROR_INVALID_RESPONSE: not JSON or a JWT,
 * no `sub`, a claim of the wrong type) or is about another end user
 * (%PIM_OAUTH_ERROR_SUBJECT_MISMATCH); a [error@TokenError] or
 * [error@JoseError] when a signed answer fails validation; an
 * [error@HttpError] for transport failures and refusals without an OAuth
 * error; a [error@DiscoveryError] when the endpoint or the keys are
 * discovered.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimUserInfoResponse *
pim_get_userinfo (PimUserInfoRequest *request,
                  PimHttpClient      *client,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autoptr (PimHttpResponse) http = NULL;
  g_autoptr (PimTokenValidationParameters) parameters = NULL;
  g_autoptr (PimClaims) claims = NULL;
  g_autofree char *jwt = NULL;

  g_return_val_if_fail (PIM_IS_USERINFO_REQUEST (request), NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  http = pim_oauth_exchange (PIM_OAUTH_REQUEST (request), client, cancellable, error);
  if (http == NULL)
    return NULL;
  if (!is_jwt (http))
    return response_from_json (request, http, error);
  if ((jwt = jwt_text (http, error)) == NULL ||
      (parameters = validation_parameters_for (request, error)) == NULL ||
      (claims = pim_validate_token (jwt, parameters, client, cancellable, error)) == NULL)
    return NULL;
  return response_from (request, pim_claims_get_json (claims), claims, error);
}

/* ---- Async: exchange, then (for a JWT) validate ---- */

typedef struct
{
  PimUserInfoRequest *request;
  PimHttpClient      *client;
} CallData;

static void
call_data_free (CallData *data)
{
  g_clear_object (&data->request);
  g_clear_object (&data->client);
  g_free (data);
}

static void
return_response (GTask *task, PimUserInfoResponse *response, GError *error)
{
  if (response == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, response, g_object_unref);
}

static void
on_validated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr (PimClaims) claims = NULL;
  PimUserInfoResponse *response = NULL;
  GError              *error = NULL;

  claims = pim_validate_token_finish (result, &error);
  if (claims != NULL)
    response = response_from (data->request, pim_claims_get_json (claims), claims, &error);
  return_response (task, response, error);
}

static void
on_exchanged (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr (PimHttpResponse) http = NULL;
  g_autoptr (PimTokenValidationParameters) parameters = NULL;
  g_autofree char *jwt = NULL;
  GCancellable    *cancellable;
  GError          *error = NULL;

  http = pim_oauth_exchange_finish (result, &error);
  if (http == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!is_jwt (http))
    {
      PimUserInfoResponse *response = response_from_json (data->request, http, &error);

      return_response (task, response, error);
      return;
    }
  if ((jwt = jwt_text (http, &error)) == NULL ||
      (parameters = validation_parameters_for (data->request, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  pim_validate_token_async (jwt, parameters, data->client, cancellable, on_validated,
                            g_steal_pointer (&task));
}

/**
 * pim_get_userinfo_async:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Gets the claims about the end user without blocking; see
 * [func@get_userinfo].
 *
 * Since: 0.1
 */
void
pim_get_userinfo_async (PimUserInfoRequest *request,
                        PimHttpClient      *client,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  GTask    *task;
  CallData *data;

  g_return_if_fail (PIM_IS_USERINFO_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_get_userinfo_async));
  data = g_new0 (CallData, 1);
  data->request = g_object_ref (request);
  data->client = client != NULL ? g_object_ref (client) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);
  pim_oauth_exchange_async (PIM_OAUTH_REQUEST (request), client, cancellable, on_exchanged, task);
}

/**
 * pim_get_userinfo_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@get_userinfo_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimUserInfoResponse *
pim_get_userinfo_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            PIM_SOURCE_TAG (pim_get_userinfo_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
