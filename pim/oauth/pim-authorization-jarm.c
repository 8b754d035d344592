/* pim-authorization-jarm.c: JWT Secured Authorization Response Mode (JARM)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-authorization-request-private.h"
#include "pim-authorization-response-private.h"
#include "pim-token-request-private.h"
#include "pim-token-validation.h"

static gboolean
resolve_jwt_mode (PimAuthorizationRequest *self, PimAuthorizationResponseMode *mode, GError **error)
{
  const char *name = pim_authorization_request_get_response_mode (self);
  const char *type = pim_authorization_request_get_response_type (self);

  if (*mode != PIM_AUTHORIZATION_RESPONSE_MODE_AUTO)
    return TRUE;
  if (name == NULL || strcmp (name, "jwt") == 0)
    *mode = type == NULL || strcmp (type, "code") == 0 || strcmp (type, "none") == 0
                ? PIM_AUTHORIZATION_RESPONSE_MODE_QUERY
                : PIM_AUTHORIZATION_RESPONSE_MODE_FRAGMENT;
  else if (strcmp (name, "query.jwt") == 0)
    *mode = PIM_AUTHORIZATION_RESPONSE_MODE_QUERY;
  else if (strcmp (name, "fragment.jwt") == 0)
    *mode = PIM_AUTHORIZATION_RESPONSE_MODE_FRAGMENT;
  else if (strcmp (name, "form_post.jwt") == 0)
    *mode = PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST;
  else
    return pim_authorization_invalid_argument (error, _ ("The request's “response-mode” is not a "
                                                         "JWT response mode"));
  return TRUE;
}

static gboolean
refuse_encrypted (const char *jwt, GError **error)
{
  gsize dots = 0;

  for (const char *p = jwt; *p != '\0'; p++)
    dots += *p == '.';
  if (dots != 4)
    return TRUE;
  g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
                       _ ("Encrypted JARM responses are not supported"));
  return FALSE;
}

/* The `response` JWT of a JARM callback, not yet verified. */
static char *
jarm_begin (PimAuthorizationRequest     *self,
            const char                  *response,
            PimAuthorizationResponseMode mode,
            GError                     **error)
{
  PimOAuthRequest *request = PIM_OAUTH_REQUEST (self);
  g_autoptr (JsonObject) params = NULL;
  const char *jwt;

  pim_oauth_request_set_error_response (request, NULL);
  if (!pim_oauth_require (pim_oauth_request_get_client_id (request), "client-id", error) ||
      !pim_oauth_require (pim_oauth_request_get_issuer (request), "issuer", error) ||
      !resolve_jwt_mode (self, &mode, error) ||
      (params = pim_authorization_read_params (response, mode, error)) == NULL)
    return NULL;
  jwt = pim_authorization_param (params, "response");
  if (jwt == NULL || *jwt == '\0')
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
                           _ ("The authorization response has no “response”"));
      return NULL;
    }
  if (!refuse_encrypted (jwt, error))
    return NULL;
  return g_strdup (jwt);
}

PimTokenValidationParameters *
pim_authorization_jarm_parameters (const char         *issuer,
                                   const char         *client_id,
                                   PimJwkSet          *keys,
                                   PimDiscoveryPolicy *policy)
{
  static const char *const asymmetric[] = { "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                                            "ES256", "ES384", "ES512", "EdDSA", NULL };
  const char              *audiences[] = { client_id, NULL };

  return g_object_new (PIM_TYPE_TOKEN_VALIDATION_PARAMETERS, "issuer", issuer, "audiences",
                       audiences, "allowed-algorithms", asymmetric, "key-set", keys,
                       "discovery-policy", policy, "clock-skew", PIM_JARM_CLOCK_SKEW, "require-iat",
                       FALSE, NULL);
}

static PimTokenValidationParameters *
jarm_parameters_for (PimAuthorizationRequest *self, PimJwkSet *keys)
{
  PimOAuthRequest *request = PIM_OAUTH_REQUEST (self);

  return pim_authorization_jarm_parameters (pim_oauth_request_get_issuer (request),
                                            pim_oauth_request_get_client_id (request), keys,
                                            pim_oauth_request_get_discovery_policy (request));
}

JsonObject *
pim_authorization_jarm_params (JsonObject *claims, GError **error)
{
  static const char *const dropped[] = { "aud", "exp", "iat", "nbf", NULL };
  g_autoptr (JsonObject) params = json_object_new ();
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *node;

  json_object_iter_init (&iter, claims);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (g_strv_contains (dropped, name))
        continue;
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        json_object_set_string_member (params, name, json_node_get_string (node));
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

          json_object_set_string_member (params, name, text);
        }
      else
        {
          g_autofree char *shown = pim_oauth_sanitize_text (name);

          g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
                       /* translators: %s is a parameter name such as “code” */
                       _ ("The JWT authorization response's “%s” is not a string"), shown);
          return NULL;
        }
    }
  return g_steal_pointer (&params);
}

/* The checks of a verified response's claims. */
static PimAuthorizationResponse *
jarm_finish (PimAuthorizationRequest *self, PimClaims *claims, GError **error)
{
  g_autoptr (JsonObject) params =
      pim_authorization_jarm_params (pim_claims_get_json (claims), error);

  if (params == NULL)
    return NULL;
  return pim_authorization_request_check_params (self, params, error);
}

JsonObject *
pim_authorization_jarm_validate (const char *jwt,
                                 PimJwkSet  *keys,
                                 const char *issuer,
                                 const char *client_id,
                                 gint64      now,
                                 GError    **error)
{
  g_autoptr (PimTokenValidationParameters) parameters = NULL;
  g_autoptr (PimClaims) claims = NULL;

  g_return_val_if_fail (jwt != NULL && PIM_IS_JWK_SET (keys), NULL);
  g_return_val_if_fail (issuer != NULL && client_id != NULL, NULL);

  if (!refuse_encrypted (jwt, error))
    return NULL;
  parameters = pim_authorization_jarm_parameters (issuer, client_id, keys, NULL);
  g_object_set (parameters, "current-time", now, NULL);
  /* With a key set, validation never touches the network. */
  claims = pim_validate_token (jwt, parameters, NULL, NULL, error);
  if (claims == NULL)
    return NULL;
  return pim_authorization_jarm_params (pim_claims_get_json (claims), error);
}

PimAuthorizationResponse *
pim_authorization_request_parse_jwt_response_with_keys (PimAuthorizationRequest     *self,
                                                        const char                  *response,
                                                        PimAuthorizationResponseMode mode,
                                                        PimJwkSet                   *keys,
                                                        gint64                       now,
                                                        GError                     **error)
{
  g_autofree char *jwt = jarm_begin (self, response, mode, error);
  g_autoptr (PimTokenValidationParameters) parameters = NULL;
  g_autoptr (PimClaims) claims = NULL;

  if (jwt == NULL)
    return NULL;
  parameters = jarm_parameters_for (self, keys);
  g_object_set (parameters, "current-time", now, NULL);
  claims = pim_validate_token (jwt, parameters, NULL, NULL, error);
  if (claims == NULL)
    return NULL;
  return jarm_finish (self, claims, error);
}

/**
 * pim_authorization_request_parse_jwt_response:
 * @self: the authorization request the response answers
 * @response: the URI the browser was sent back to, or for
 *   %PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST the posted form's body, as
 *   for [method@AuthorizationRequest.parse_response]
 * @mode: where the `response` parameter is; %PIM_AUTHORIZATION_RESPONSE_MODE_AUTO
 *   follows [property@AuthorizationRequest:response-mode]: `query.jwt`,
 *   `fragment.jwt`, `form_post.jwt`, or `jwt` (and unset) for the
 *   response type's default
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a JWT Secured Authorization Response (JARM): the single
 * `response` parameter, a JWT signed by the provider. Its signature is
 * verified with the keys of [property@OAuthRequest:issuer] (discovery and
 * its `jwks_uri`, cached as for [func@validate_token]), by an asymmetric
 * algorithm only; `iss` must be the issuer, `aud` must contain the
 * client, and `exp` must not be past (30 seconds of clock skew). Its
 * other claims are then the response's parameters, checked as
 * [method@AuthorizationRequest.parse_response] checks them (`state`,
 * `iss`, `error`, what the response type promises).
 *
 * Errors: %PIM_OAUTH_ERROR_INVALID_ARGUMENT without a client identifier or
 * issuer or for a response mode that is not a JWT one;
 * %PIM_OAUTH_ERROR_INVALID_RESPONSE without a `response` parameter, for
 * an encrypted (JWE) response, which Pim does not support, or a claim
 * that is not a string or an integer; a [error@JoseError] for a JWT
 * that is malformed, unsigned, signed with another algorithm or key or
 * whose signature does not verify; a [error@TokenError] for the wrong
 * `iss` or `aud` or an expired response; a [error@DiscoveryError] or
 * [error@HttpError] when the keys cannot be fetched; then the errors of
 * [method@AuthorizationRequest.parse_response].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimAuthorizationResponse *
pim_authorization_request_parse_jwt_response (PimAuthorizationRequest     *self,
                                              const char                  *response,
                                              PimAuthorizationResponseMode mode,
                                              PimHttpClient               *client,
                                              GCancellable                *cancellable,
                                              GError                     **error)
{
  g_autofree char *jwt = NULL;
  g_autoptr (PimTokenValidationParameters) parameters = NULL;
  g_autoptr (PimClaims) claims = NULL;

  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  jwt = jarm_begin (self, response, mode, error);
  if (jwt == NULL)
    return NULL;
  parameters = jarm_parameters_for (self, NULL);
  claims = pim_validate_token (jwt, parameters, client, cancellable, error);
  if (claims == NULL)
    return NULL;
  return jarm_finish (self, claims, error);
}

static void
on_jarm_validated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PimAuthorizationRequest *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = pim_validate_token_finish (result, &error);
  PimAuthorizationResponse *response;

  (void) source;
  if (claims == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  response = jarm_finish (self, claims, &error);
  if (response == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, response, g_object_unref);
}

/**
 * pim_authorization_request_parse_jwt_response_async:
 * @self: the authorization request the response answers
 * @response: the URI the browser was sent back to, or the posted form's
 *   body
 * @mode: where the `response` parameter is
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Reads a JWT Secured Authorization Response without blocking; see
 * [method@AuthorizationRequest.parse_jwt_response].
 *
 * Since: 0.1
 */
void
pim_authorization_request_parse_jwt_response_async (PimAuthorizationRequest     *self,
                                                    const char                  *response,
                                                    PimAuthorizationResponseMode mode,
                                                    PimHttpClient               *client,
                                                    GCancellable                *cancellable,
                                                    GAsyncReadyCallback          callback,
                                                    gpointer                     user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *jwt = NULL;
  g_autoptr (PimTokenValidationParameters) parameters = NULL;

  g_return_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self));
  g_return_if_fail (response != NULL);
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_authorization_request_parse_jwt_response_async));
  jwt = jarm_begin (self, response, mode, &error);
  if (jwt == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  parameters = jarm_parameters_for (self, NULL);
  pim_validate_token_async (jwt, parameters, client, cancellable, on_jarm_validated,
                            g_steal_pointer (&task));
}

/**
 * pim_authorization_request_parse_jwt_response_finish:
 * @self: the authorization request
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@AuthorizationRequest.parse_jwt_response_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimAuthorizationResponse *
pim_authorization_request_parse_jwt_response_finish (PimAuthorizationRequest *self,
                                                     GAsyncResult            *result,
                                                     GError                 **error)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            PIM_SOURCE_TAG (pim_authorization_request_parse_jwt_response_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
