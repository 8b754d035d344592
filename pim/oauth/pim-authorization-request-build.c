/* pim-authorization-request-build.c: preparing an authorization request
 * (state, nonce, PKCE verifier) and building what it sends: its
 * parameters, checked, in a signed request object when it has a key
 * (pim-request-object.c), and the URL to open. No I/O: the parameters
 * are shared by the URL and the pushed request (RFC 9126).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-authorization-request-private.h"
#include "pim-crypto-private.h"
#include "pim-front-channel-private.h"
#include "pim-pkce.h"
#include "pim-security-profile-private.h"
#include "pim-token-request-private.h"

/* 32 bytes: 256 bits for state and nonce, 43 characters. */
#define RANDOM_BYTES 32
/* A verifier of 64 characters: 384 random bits. */
#define VERIFIER_LENGTH 64

/* Whether the space-separated @list has @word. */
gboolean
pim_authorization_has_word (const char *list, const char *word)
{
  g_auto (GStrv) words = NULL;

  if (list == NULL)
    return FALSE;
  words = g_strsplit (list, " ", -1);
  return g_strv_contains ((const char *const *) words, word);
}

gboolean
pim_authorization_invalid_argument (GError **error, const char *message)
{
  g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

/**
 * pim_authorization_request_prepare:
 * @self: an authorization request
 * @error: return location for a #GError
 *
 * Fills in, from the crypto library's random generator, what is unset
 * among: [property@AuthorizationRequest:state];
 * [property@AuthorizationRequest:nonce] when the scope has `openid` or
 * the response type has `id_token`; and, for the response types with
 * `code` and no [property@AuthorizationRequest:code-challenge], a
 * [property@AuthorizationRequest:code-verifier]. Read them back from the
 * properties: the state and nonce for checking, the verifier for the
 * token request.
 *
 * Returns: %TRUE, or %FALSE with @error set if the random generator
 *   failed
 *
 * Since: 0.1
 */
gboolean
pim_authorization_request_prepare (PimAuthorizationRequest *self, GError **error)
{
  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->state == NULL)
    {
      g_autofree char *state = pim_generate_random_string (RANDOM_BYTES, error);

      if (state == NULL)
        return FALSE;
      g_object_set (self, "state", state, NULL);
    }
  if (self->nonce == NULL && (pim_authorization_has_word (self->scope, "openid") ||
                              pim_authorization_has_word (self->response_type, "id_token")))
    {
      g_autofree char *nonce = pim_generate_random_string (RANDOM_BYTES, error);

      if (nonce == NULL)
        return FALSE;
      g_object_set (self, "nonce", nonce, NULL);
    }
  if (self->code_verifier == NULL && self->code_challenge == NULL &&
      pim_authorization_has_word (self->response_type, "code"))
    {
      g_autofree char *verifier = pim_pkce_generate_verifier (VERIFIER_LENGTH, error);

      if (verifier == NULL)
        return FALSE;
      g_object_set (self, "code-verifier", verifier, NULL);
      memset (verifier, 0, strlen (verifier));
    }
  return TRUE;
}

/* The code challenge and its method to send, both NULL for none. */
static gboolean
resolve_pkce (PimAuthorizationRequest *self,
              char                   **out_challenge,
              const char             **out_method,
              GError                 **error)
{
  const char      *method = self->code_challenge_method;
  g_autofree char *computed = NULL;

  *out_challenge = NULL;
  *out_method = NULL;
  if (self->code_verifier == NULL && self->code_challenge == NULL)
    {
      if (method != NULL)
        return pim_authorization_invalid_argument (error, _ ("The authorization request has a "
                                                             "“code-challenge-method” but no "
                                                             "challenge or verifier"));
      return TRUE;
    }
  if (method == NULL)
    method = "S256";
  if (strcmp (method, "S256") != 0 && strcmp (method, "plain") != 0)
    return pim_authorization_invalid_argument (error, _ ("The “code-challenge-method” is neither "
                                                         "“S256” nor “plain”"));
  if (self->code_verifier != NULL)
    {
      if (!pim_pkce_verifier_is_valid (self->code_verifier))
        return pim_authorization_invalid_argument (error, _ ("The “code-verifier” has not 43 to "
                                                             "128 letters, digits, “-”, “.”, "
                                                             "“_” or “~”"));
      computed = strcmp (method, "S256") == 0
                     ? pim_pkce_compute_challenge (self->code_verifier, error)
                     : g_strdup (self->code_verifier);
      if (computed == NULL)
        return FALSE;
      if (self->code_challenge != NULL &&
          (strlen (computed) != strlen (self->code_challenge) ||
           !pim_crypto_equal (computed, self->code_challenge, strlen (computed))))
        return pim_authorization_invalid_argument (error, _ ("The “code-challenge” is not the "
                                                             "challenge of the “code-verifier”"));
    }
  else
    computed = g_strdup (self->code_challenge);
  *out_challenge = g_steal_pointer (&computed);
  *out_method = method;
  return TRUE;
}

static gboolean
check_claims (const char *claims, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonNode *root;

  if (claims == NULL)
    return TRUE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, claims, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return pim_authorization_invalid_argument (error,
                                               _ ("The “claims” request is not a JSON object"));
  return TRUE;
}

/* Pim's own parameters, name, value…, checked. */
static GPtrArray *
own_params (PimAuthorizationRequest *self, GError **error)
{
  PimOAuthRequest *request = PIM_OAUTH_REQUEST (self);
  g_autoptr (GPtrArray) params = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *max_age = NULL;
  const char      *method = NULL;

  if (!pim_oauth_require (pim_oauth_request_get_client_id (request), "client-id", error) ||
      !pim_oauth_require (self->response_type, "response-type", error))
    return NULL;
  if (pim_authorization_has_word (self->response_type, "id_token") &&
      (self->nonce == NULL || *self->nonce == '\0'))
    {
      pim_authorization_invalid_argument (error, _ ("The response type has “id_token” but the "
                                                    "request has no “nonce”"));
      return NULL;
    }
  if (!resolve_pkce (self, &challenge, &method, error) || !check_claims (self->claims, error))
    return NULL;
  if (self->max_age >= 0)
    max_age = g_strdup_printf ("%" G_GINT64_FORMAT, self->max_age);

  params = g_ptr_array_new_with_free_func (g_free);
  pim_front_channel_add (params, "response_type", self->response_type);
  pim_front_channel_add (params, "client_id", pim_oauth_request_get_client_id (request));
  pim_front_channel_add (params, "redirect_uri", self->redirect_uri);
  pim_front_channel_add (params, "scope", self->scope);
  pim_front_channel_add (params, "state", self->state);
  pim_front_channel_add (params, "nonce", self->nonce);
  pim_front_channel_add (params, "code_challenge", challenge);
  pim_front_channel_add (params, "code_challenge_method", method);
  pim_front_channel_add (params, "response_mode", self->response_mode);
  pim_front_channel_add (params, "prompt", self->prompt);
  pim_front_channel_add (params, "max_age", max_age);
  pim_front_channel_add (params, "login_hint", self->login_hint);
  pim_front_channel_add (params, "acr_values", self->acr_values);
  pim_front_channel_add (params, "claims", self->claims);
  pim_front_channel_add (params, "dpop_jkt", self->dpop_jkt);
  for (gsize i = 0; self->resources != NULL && self->resources[i] != NULL; i++)
    pim_front_channel_add (params, "resource", self->resources[i]);
  return g_steal_pointer (&params);
}

static gboolean
has_param (GPtrArray *params, const char *name)
{
  for (guint i = 0; i < params->len; i += 2)
    if (strcmp (g_ptr_array_index (params, i), name) == 0)
      return TRUE;
  return FALSE;
}

gboolean
pim_authorization_refuse_twice (const char *name, GError **error)
{
  g_autofree char *shown = pim_oauth_sanitize_text (name);

  g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
               /* translators: %s is a parameter name such as “client_id” */
               _ ("The parameter “%s” is given twice"), shown);
  return FALSE;
}

/* Adds the request's extra parameters to @params, refusing one that is
 * already there (but for the repeatable `resource`). */
static gboolean
add_extra (PimAuthorizationRequest *self, GPtrArray *params, GError **error)
{
  const char *const *extra = pim_oauth_request_get_parameters (PIM_OAUTH_REQUEST (self));

  for (gsize i = 0; extra[i] != NULL; i += 2)
    if (strcmp (extra[i], "resource") != 0 && has_param (params, extra[i]))
      return pim_authorization_refuse_twice (extra[i], error);
  for (gsize i = 0; extra[i] != NULL; i += 2)
    pim_front_channel_add (params, extra[i], extra[i + 1]);
  return TRUE;
}

GPtrArray *
pim_authorization_request_build_params (PimAuthorizationRequest *self, GError **error)
{
  g_autoptr (GPtrArray) params = own_params (self, error);
  g_autoptr (GPtrArray) outer = NULL;
  g_autofree char *request_object = NULL;

  if (params == NULL || !add_extra (self, params, error))
    return NULL;
  if (self->request_object_key == NULL)
    return g_steal_pointer (&params);
  request_object = pim_authorization_request_make_request_object (self, params, error);
  if (request_object == NULL)
    return NULL;
  outer = g_ptr_array_new_with_free_func (g_free);
  pim_front_channel_add (outer, "client_id",
                         pim_oauth_request_get_client_id (PIM_OAUTH_REQUEST (self)));
  pim_front_channel_add (outer, "request", request_object);
  return g_steal_pointer (&outer);
}

/**
 * pim_authorization_request_build_url:
 * @self: an authorization request
 * @error: return location for a #GError
 *
 * Builds the URL to open in the user's browser: the authorization
 * endpoint with `response_type`, `client_id`, `redirect_uri`, `scope`,
 * `state`, `nonce`, `code_challenge` and `code_challenge_method`,
 * `response_mode`, `prompt`, `max_age`, `login_hint`, `acr_values`,
 * `claims`, `dpop_jkt` and `resource` (those that are set), then the
 * extra parameters, each percent-encoded (RFC 3986 unreserved characters
 * only), after any query the endpoint already has.
 *
 * With a [property@AuthorizationRequest:request-object-key], all of
 * those go into a signed request object instead (RFC 9101 §5.1), and the
 * URL carries only `client_id` and `request`.
 *
 * It fails with %PIM_OAUTH_ERROR_INVALID_ARGUMENT when the request has no
 * address, client identifier or response type, when a response type with
 * `id_token` has no nonce, when the PKCE properties contradict each other
 * or the verifier is not valid, when the claims request is not a JSON
 * object, when a parameter Pim sets is also in the endpoint's query or
 * the extra parameters, when a request object cannot be signed (no
 * issuer for its audience, no algorithm, `none`, not a private key), or
 * when [property@AuthorizationRequest:require-pushed-authorization-requests]
 * is set; with an [error@HttpError] for an address that is not an HTTP
 * URL, or plain HTTP outside the loopback interface while
 * [property@OAuthRequest:require-https] is on.
 *
 * Returns: (transfer full): the URL, or %NULL with @error set
 *
 * Since: 0.1
 */
char *
pim_authorization_request_build_url (PimAuthorizationRequest *self, GError **error)
{
  g_autoptr (GPtrArray) params = NULL;

  g_return_val_if_fail (PIM_IS_AUTHORIZATION_REQUEST (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Security profile (FAPI 2.0): only pushed requests. */
  if (!pim_security_profile_check_url (self, error))
    return NULL;
  if (self->require_pushed)
    {
      pim_authorization_invalid_argument (
          error, _ ("The provider accepts only pushed authorization requests: "
                    "push the request and open the URL of its answer"));
      return NULL;
    }
  params = pim_authorization_request_build_params (self, error);
  if (params == NULL)
    return NULL;
  return pim_front_channel_build_url_without_extra (PIM_OAUTH_REQUEST (self),
                                                    _ ("authorization request"), params, error);
}
