/* pim-logout-token.c: pim_validate_logout_token in both forms, and the
 * back-channel logout request's body
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-logout-token-private.h"
#include "pim-token-error.h"
#include "pim-token-validation-private.h"

/* The most a logout request's body may hold: a token, and its name. */
#define MAX_FORM_SIZE (PIM_JWS_MAX_TOKEN_SIZE + 1024)

static gboolean
logout_error (GError **error, const char *claim, const char *message)
{
  /* translators: the first %s is a claim name such as “events”, the
   * second a reason */
  g_set_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN,
               _ ("Logout token claim “%s”: %s"), claim, message);
  return FALSE;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* An optional non-empty string: absent is fine, anything else is not. */
static gboolean
check_optional_string (JsonObject *claims, const char *name, gboolean *present, GError **error)
{
  JsonNode *node = json_object_get_member (claims, name);

  *present = node != NULL;
  if (node == NULL)
    return TRUE;
  if (!is_string (node) || *json_node_get_string (node) == '\0')
    return logout_error (error, name, _ ("not a non-empty string"));
  return TRUE;
}

/* Back-Channel Logout 1.0 §2.4 (and §4.1): a logout token should say
 * `logout+jwt`; one that names no type, or the generic `JWT` of
 * providers older than explicit typing, is taken, as the other checks
 * set it apart from an ID token; any other type is another kind of
 * token. */
static gboolean
check_type (PimJwt *jwt, GError **error)
{
  const char *typ = pim_jws_get_media_type (pim_jwt_get_jws (jwt));

  if (typ == NULL)
    return TRUE;
  if (g_ascii_strncasecmp (typ, "application/", 12) == 0)
    typ += 12;
  if (g_ascii_strcasecmp (typ, "logout+jwt") == 0 || g_ascii_strcasecmp (typ, "JWT") == 0)
    return TRUE;
  g_set_error_literal (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_TYPE_MISMATCH,
                       _ ("The token's type is not “logout+jwt”"));
  return FALSE;
}

/* As for an ID token (OpenID Connect Core §3.1.3.7): every audience is the
 * client or one it trusts. */
static gboolean
check_audiences (JsonObject *claims, PimTokenValidationParameters *p, GError **error)
{
  g_auto (GStrv) audiences = NULL;
  gboolean valid;

  audiences = pim_claims_audiences_of (claims, &valid);
  for (gsize i = 0; valid && audiences != NULL && audiences[i] != NULL; i++)
    if (strcmp (audiences[i], p->client_id) != 0 &&
        (p->audiences == NULL ||
         !g_strv_contains ((const char *const *) p->audiences, audiences[i])))
      {
        g_set_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH,
                     /* translators: the first %s is a claim name, “aud”, the
                      * second a reason */
                     _ ("Claim “%s”: %s"), "aud",
                     _ ("the token is also for an audience the client does not trust"));
        return FALSE;
      }
  return TRUE;
}

gboolean
pim_logout_token_check_claims (PimJwt *jwt, PimTokenValidationParameters *p, GError **error)
{
  JsonObject *claims = pim_jwt_get_claims (jwt);
  JsonNode   *events, *event;
  gboolean    has_sub, has_sid, has_jti;

  if (!check_type (jwt, error) || !check_audiences (claims, p, error))
    return FALSE;
  /* §2.6 step 5: a nonce would make it an ID token; refusing one keeps an
   * ID token from being taken for a logout. */
  if (json_object_has_member (claims, "nonce"))
    return logout_error (error, "nonce", _ ("forbidden in a logout token"));
  events = json_object_get_member (claims, "events");
  if (events == NULL)
    return logout_error (error, "events", _ ("required but missing"));
  if (!JSON_NODE_HOLDS_OBJECT (events))
    return logout_error (error, "events", _ ("not a JSON object"));
  event = json_object_get_member (json_node_get_object (events), PIM_BACKCHANNEL_LOGOUT_EVENT);
  if (event == NULL)
    return logout_error (error, "events", _ ("has no back-channel logout event"));
  if (!JSON_NODE_HOLDS_OBJECT (event))
    return logout_error (error, "events", _ ("the back-channel logout event is not a JSON object"));
  if (!check_optional_string (claims, "jti", &has_jti, error))
    return FALSE;
  if (!has_jti)
    return logout_error (error, "jti", _ ("required but missing"));
  if (!check_optional_string (claims, "sub", &has_sub, error) ||
      !check_optional_string (claims, "sid", &has_sid, error))
    return FALSE;
  if (!has_sub && !has_sid)
    return logout_error (error, "sub", _ ("a logout token names a subject or a session (“sid”)"));
  return TRUE;
}

PimTokenValidationParameters *
pim_logout_token_parameters_new (PimTokenValidationParameters *p, GError **error)
{
  const char *audiences[] = { p->client_id, NULL };

  if (p->client_id == NULL || *p->client_id == '\0')
    {
      g_set_error_literal (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_PARAMETERS,
                           _ ("A logout token is validated for a client: set “client-id”"));
      return NULL;
    }
  /* No nonce, hashes, type, max_age or cache: a logout token has none of
   * the first, its type is checked here, and each token is looked at
   * once. */
  return g_object_new (PIM_TYPE_TOKEN_VALIDATION_PARAMETERS, "issuer", p->issuer, "issuers",
                       p->issuers, "discovery-address", p->discovery_address, "audiences",
                       audiences, "client-id", p->client_id, "allowed-algorithms",
                       p->allowed_algorithms, "key-set", p->key_set, "discovery-policy",
                       p->discovery_policy, "clock-skew", p->clock_skew, "current-time",
                       p->current_time, "require-exp", TRUE, "require-iat", TRUE, NULL);
}

/* After the signature and the standard claims: the logout checks, then
 * the caller's own. */
static PimClaims *
finish (PimClaims *claims, PimTokenValidationParameters *p, GError **error)
{
  g_autoptr (PimClaims) owned = claims;

  if (!pim_logout_token_check_claims (pim_claims_get_jwt (claims), p, error))
    return NULL;
  if (p->claims_validator != NULL)
    {
      g_autofree char *reason = p->claims_validator (claims, p->claims_validator_data);

      if (reason != NULL)
        {
          g_set_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_REJECTED,
                       /* translators: %s is the reason an application gave */
                       _ ("The token was refused: %s"), reason);
          return NULL;
        }
    }
  return g_steal_pointer (&owned);
}

/**
 * pim_validate_logout_token:
 * @token: the logout token a provider posted to the client's
 *   `backchannel_logout_uri` (see [func@logout_token_from_form])
 * @parameters: the provider and the client: an issuer (or issuers) and
 *   [property@TokenValidationParameters:client-id] are required
 * @client: (nullable): the HTTP client for discovery, or %NULL for the
 *   calling thread's default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Validates a back-channel logout token (OpenID Connect Back-Channel
 * Logout 1.0 §2.6). Its signature is verified as an ID token's is (the
 * issuer's keys from discovery, or the parameters' key set; asymmetric
 * algorithms, or the parameters' list), and:
 *
 * - `iss` is an accepted issuer; `aud` contains the client, and any
 *   other audience is one of [property@TokenValidationParameters:audiences];
 *   `iat` and `exp` are present and `exp` not past (with the clock skew);
 * - the header's `typ`, when present, is `logout+jwt` (or the generic
 *   `JWT`): any other type is %PIM_TOKEN_ERROR_TYPE_MISMATCH;
 * - `events` is an object with the member
 *   [const@BACKCHANNEL_LOGOUT_EVENT], itself an object; `jti` is a
 *   string; `sub` or `sid` is present (each a non-empty string when it
 *   is); there is no `nonce`: else %PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN;
 * - then the parameters' claims validator, if any.
 *
 * The parameters' nonce, expected type, hashes, `max_age` and
 * validated-token cache do not apply.
 *
 * Pim keeps no record of the tokens it saw: to refuse a replayed token,
 * remember each valid token's `jti` until its `exp` and refuse one seen
 * before. Which sessions to end is the caller's: those of `sid` when
 * present, else all of `sub`'s with this provider. Answer the provider
 * 200 when the token is valid (and the sessions ended), else 400
 * (Back-Channel Logout 1.0 §2.8).
 *
 * Possible error domains are those of [func@validate_token].
 *
 * Returns: (transfer full): the claims of the valid logout token, or
 *   %NULL with @error set
 *
 * Since: 0.1
 */
PimClaims *
pim_validate_logout_token (const char                   *token,
                           PimTokenValidationParameters *parameters,
                           PimHttpClient                *client,
                           GCancellable                 *cancellable,
                           GError                      **error)
{
  g_autoptr (PimTokenValidationParameters) logout = NULL;
  PimClaims *claims;

  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (PIM_IS_TOKEN_VALIDATION_PARAMETERS (parameters), NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((logout = pim_logout_token_parameters_new (parameters, error)) == NULL ||
      (claims = pim_validate_token (token, logout, client, cancellable, error)) == NULL)
    return NULL;
  return finish (claims, parameters, error);
}

static void
on_validated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PimClaims *claims;
  GError    *error = NULL;

  claims = pim_validate_token_finish (result, &error);
  if (claims != NULL)
    claims = finish (claims, g_task_get_task_data (task), &error);
  if (claims == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, claims, g_object_unref);
}

/**
 * pim_validate_logout_token_async:
 * @token: a logout token
 * @parameters: the provider and the client
 * @client: (nullable): the HTTP client for discovery, or %NULL for the
 *   process-wide default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Validates a logout token, as [func@validate_logout_token] does, without
 * blocking.
 *
 * Since: 0.1
 */
void
pim_validate_logout_token_async (const char                   *token,
                                 PimTokenValidationParameters *parameters,
                                 PimHttpClient                *client,
                                 GCancellable                 *cancellable,
                                 GAsyncReadyCallback           callback,
                                 gpointer                      user_data)
{
  g_autoptr (PimTokenValidationParameters) logout = NULL;
  GTask  *task;
  GError *error = NULL;

  g_return_if_fail (token != NULL);
  g_return_if_fail (PIM_IS_TOKEN_VALIDATION_PARAMETERS (parameters));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_validate_logout_token_async));
  g_task_set_task_data (task, g_object_ref (parameters), g_object_unref);
  if ((logout = pim_logout_token_parameters_new (parameters, &error)) == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  pim_validate_token_async (token, logout, client, cancellable, on_validated, task);
}

/**
 * pim_validate_logout_token_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@validate_logout_token_async].
 *
 * Returns: (transfer full): the claims of the valid logout token, or
 *   %NULL with @error set
 *
 * Since: 0.1
 */
PimClaims *
pim_validate_logout_token_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            PIM_SOURCE_TAG (pim_validate_logout_token_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A form-urlencoded name or value: '+' is a space, then %XX escapes; NULL
 * when an escape is broken or decodes to a NUL. */
static char *
form_decode (const char *start, const char *end)
{
  g_autofree char *copy = g_strndup (start, end - start);

  g_strdelimit (copy, "+", ' ');
  return g_uri_unescape_string (copy, NULL);
}

/**
 * pim_logout_token_from_form:
 * @body: the body of the provider's POST to the client's
 *   `backchannel_logout_uri`, `application/x-www-form-urlencoded`
 * @error: return location for a #GError
 *
 * Reads the logout token from a back-channel logout request (OpenID
 * Connect Back-Channel Logout 1.0 §2.5): the one `logout_token`
 * parameter. Other parameters are ignored. Validate the token with
 * [func@validate_logout_token]; check the request's content type, which
 * this function does not see.
 *
 * Returns: (transfer full): the logout token, or %NULL with
 *   %PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN when the body has none, has
 *   several, or is not a form
 *
 * Since: 0.1
 */
char *
pim_logout_token_from_form (GBytes *body, GError **error)
{
  g_autofree char *token = NULL;
  const char      *data, *p, *end;
  gsize            size;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (body, &size);
  if (size > MAX_FORM_SIZE || (size > 0 && memchr (data, '\0', size) != NULL))
    {
      g_set_error_literal (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN,
                           _ ("The logout request's body is not a form"));
      return NULL;
    }
  end = data + size;
  for (p = data; p != NULL && p < end;)
    {
      const char      *amp = memchr (p, '&', end - p);
      const char      *stop = amp != NULL ? amp : end;
      const char      *eq = memchr (p, '=', stop - p);
      g_autofree char *name = form_decode (p, eq != NULL ? eq : stop);

      if (name != NULL && strcmp (name, "logout_token") == 0)
        {
          if (token != NULL)
            {
              g_set_error_literal (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN,
                                   _ ("The logout request has more than one logout token"));
              return NULL;
            }
          token = eq != NULL ? form_decode (eq + 1, stop) : g_strdup ("");
          if (token == NULL || *token == '\0' || !g_utf8_validate (token, -1, NULL))
            {
              g_set_error_literal (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN,
                                   _ ("The logout request's logout token is empty or malformed"));
              return NULL;
            }
        }
      p = amp != NULL ? amp + 1 : NULL;
    }
  if (token == NULL)
    {
      g_set_error_literal (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN,
                           _ ("The logout request has no logout token"));
      return NULL;
    }
  return g_steal_pointer (&token);
}
