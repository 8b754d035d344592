/* pim-authorization-request-parse.c: reading the answer to an
 * authorization request: its parameters, where the response mode puts
 * them, and the checks against the request (state, issuer, error, what
 * the response type promises). The JWT responses of JARM are in
 * pim-authorization-jarm.c and share these checks.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-authorization-request-private.h"
#include "pim-authorization-response-private.h"
#include "pim-crypto-private.h"
#include "pim-front-channel-private.h"
#include "pim-security-profile-private.h"
#include "pim-token-request-private.h"

static gboolean
resolve_mode (PimAuthorizationRequest *self, PimAuthorizationResponseMode *mode, GError **error)
{
  const char *name = self->response_mode;

  if (*mode != PIM_AUTHORIZATION_RESPONSE_MODE_AUTO)
    return TRUE;
  if (name == NULL)
    *mode = self->response_type == NULL || strcmp (self->response_type, "code") == 0 ||
                    strcmp (self->response_type, "none") == 0
                ? PIM_AUTHORIZATION_RESPONSE_MODE_QUERY
                : PIM_AUTHORIZATION_RESPONSE_MODE_FRAGMENT;
  else if (strcmp (name, "query") == 0)
    *mode = PIM_AUTHORIZATION_RESPONSE_MODE_QUERY;
  else if (strcmp (name, "fragment") == 0)
    *mode = PIM_AUTHORIZATION_RESPONSE_MODE_FRAGMENT;
  else if (strcmp (name, "form_post") == 0)
    *mode = PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST;
  else
    return pim_authorization_invalid_argument (error, _ ("Responses in the request's "
                                                         "“response-mode” cannot be "
                                                         "read as parameters"));
  return TRUE;
}

JsonObject *
pim_authorization_read_params (const char                  *response,
                               PimAuthorizationResponseMode mode,
                               GError                     **error)
{
  g_autofree char *query = NULL;
  g_autofree char *fragment = NULL;

  if (mode == PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST)
    return pim_front_channel_parse_params (response, error);
  if (!g_uri_split (response, G_URI_FLAGS_ENCODED, NULL, NULL, NULL, NULL, NULL, &query, &fragment,
                    NULL))
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
                           _ ("The authorization response is not a URI"));
      return NULL;
    }
  return pim_front_channel_parse_params (mode == PIM_AUTHORIZATION_RESPONSE_MODE_QUERY ? query
                                                                                       : fragment,
                                         error);
}

const char *
pim_authorization_param (JsonObject *params, const char *name)
{
  return json_object_has_member (params, name) ? json_object_get_string_member (params, name)
                                               : NULL;
}

/* The state, compared in constant time. */
static gboolean
check_state (PimAuthorizationRequest *self, JsonObject *params, GError **error)
{
  const char *got = pim_authorization_param (params, "state");
  const char *expected = self->state;

  if (expected == NULL && got == NULL)
    return TRUE;
  if (expected != NULL && got != NULL && strlen (expected) == strlen (got) &&
      pim_crypto_equal (expected, got, strlen (got)))
    return TRUE;
  g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_STATE_MISMATCH,
                       got == NULL ? _ ("The authorization response has no “state”")
                                   : _ ("The authorization response's “state” is not the "
                                        "request's"));
  return FALSE;
}

/* RFC 9207 §2.4. */
static gboolean
check_issuer (PimAuthorizationRequest *self, JsonObject *params, GError **error)
{
  const char *got = pim_authorization_param (params, "iss");
  const char *expected = pim_oauth_request_get_issuer (PIM_OAUTH_REQUEST (self));
  /* A security profile (FAPI 2.0) requires iss too. */
  gboolean require =
      self->require_issuer || pim_security_profile_requires_issuer (PIM_OAUTH_REQUEST (self));

  if (require && expected == NULL)
    return pim_authorization_invalid_argument (error, _ ("The authorization request requires an "
                                                         "issuer but has "
                                                         "no “issuer”"));
  if (got != NULL && expected != NULL && strcmp (got, expected) != 0)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_ISSUER_MISMATCH,
                           _ ("The authorization response comes from another issuer"));
      return FALSE;
    }
  /* Responses with an ID token go without: its iss stands for it. */
  if (got == NULL && require && pim_authorization_param (params, "id_token") == NULL)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_ISSUER_MISMATCH,
                           _ ("The authorization response has no “iss”"));
      return FALSE;
    }
  return TRUE;
}

static GError *
error_from_params (PimAuthorizationRequest *self, JsonObject *params)
{
  const char      *error = pim_authorization_param (params, "error");
  const char      *description = pim_authorization_param (params, "error_description");
  g_autofree char *endpoint =
      pim_http_uri_for_display (pim_oauth_request_get_address (PIM_OAUTH_REQUEST (self)));
  g_autofree char *shown_error = pim_oauth_sanitize_text (error);
  g_autofree char *shown_description = pim_oauth_sanitize_text (description);
  g_autoptr (PimOAuthErrorResponse) details =
      pim_oauth_error_response_new (error, description,
                                    pim_authorization_param (params, "error_uri"), 0, endpoint,
                                    params);

  pim_oauth_request_set_error_response (PIM_OAUTH_REQUEST (self), details);
  if (shown_description != NULL && *shown_description != '\0')
    return g_error_new (PIM_OAUTH_ERROR, pim_oauth_error_from_string (error),
                        /* translators: the first %s is an OAuth error code, the second
                         * the server's description */
                        _ ("The authorization server refused the request: %s (%s)"), shown_error,
                        shown_description);
  return g_error_new (PIM_OAUTH_ERROR, pim_oauth_error_from_string (error),
                      /* translators: %s is an OAuth error code */
                      _ ("The authorization server refused the request: %s"), shown_error);
}

/* What the response type promises. */
static gboolean
check_required (PimAuthorizationRequest *self, JsonObject *params, GError **error)
{
  static const struct
  {
    const char *response_type;
    const char *param;
  } required[] = {
    { "code", "code" },
    { "id_token", "id_token" },
    { "token", "access_token" },
    { "token", "token_type" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const char *value = pim_authorization_param (params, required[i].param);

      if (pim_authorization_has_word (self->response_type, required[i].response_type) &&
          (value == NULL || *value == '\0'))
        {
          g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
                       /* translators: %s is a parameter such as “code” */
                       _ ("The authorization response has no “%s”"), required[i].param);
          return FALSE;
        }
    }
  return TRUE;
}

/* The checks shared by plain and JWT responses. */
PimAuthorizationResponse *
pim_authorization_request_check_params (PimAuthorizationRequest *self,
                                        JsonObject              *params,
                                        GError                 **error)
{
  if (!check_state (self, params, error) || !check_issuer (self, params, error))
    return NULL;
  if (json_object_has_member (params, "error"))
    {
      g_propagate_error (error, error_from_params (self, params));
      return NULL;
    }
  if (!check_required (self, params, error))
    return NULL;
  return pim_authorization_response_new_from_params (params, error);
}

/**
 * pim_authorization_request_parse_response:
 * @self: the authorization request the response answers
 * @response: the URI the browser was sent back to (absolute, or only its
 *   path and what follows, as a loopback server sees it), or for
 *   %PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST the posted form's body
 * @mode: where the parameters are
 * @error: return location for a #GError
 *
 * Reads an authorization response and checks it against the request, in
 * this order:
 *
 * - the parameters must be well-formed, each at most once, else
 *   %PIM_OAUTH_ERROR_INVALID_RESPONSE;
 * - the `state` must be the request's (compared in constant time), and
 *   absent only if the request had none, else
 *   %PIM_OAUTH_ERROR_STATE_MISMATCH;
 * - an `iss` (RFC 9207) must be [property@OAuthRequest:issuer], and is
 *   required when [property@AuthorizationRequest:require-issuer] is set,
 *   except in a response with an ID token, else
 *   %PIM_OAUTH_ERROR_ISSUER_MISMATCH;
 * - an `error` makes the call fail with the [error@OAuthError] of that
 *   string (%PIM_OAUTH_ERROR_FAILED for one that is not registered), and
 *   the request keeps the details: [method@OAuthRequest.get_error_response];
 * - otherwise what the response type promises must be there (`code`,
 *   `id_token`, `access_token` and `token_type`), else
 *   %PIM_OAUTH_ERROR_INVALID_RESPONSE.
 *
 * The ID token of a hybrid or implicit response is not validated here:
 * use [func@validate_token] with the request's
 * [property@AuthorizationRequest:nonce].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimAuthorizationResponse *
pim_authorization_request_parse_response (PimAuthorizationRequest     *self,
                                          const char                  *response,
                                          PimAuthorizationResponseMode mode,
                                          GError                     **error)
{
  g_autoptr (JsonObject) params = NULL;

  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pim_oauth_request_set_error_response (PIM_OAUTH_REQUEST (self), NULL);
  if (!resolve_mode (self, &mode, error) ||
      (params = pim_authorization_read_params (response, mode, error)) == NULL)
    return NULL;
  return pim_authorization_request_check_params (self, params, error);
}
