/* pim-end-session-request.c: PimEndSessionRequest
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-end-session-request.h"
#include "pim-front-channel-private.h"

/**
 * PimEndSessionRequest:
 *
 * A logout request to the provider (OpenID Connect RP-Initiated Logout
 * 1.0): the URL of its `end_session_endpoint`
 * ([method@DiscoveryDocument.get_end_session_endpoint]) that the user's
 * browser opens to sign out there, and from which the provider may send
 * it back to a registered post-logout redirect URI with the `state`.
 * Like an [class@AuthorizationRequest], it is not sent by Pim:
 * [method@EndSessionRequest.build_url] makes the URL.
 *
 * ```python
 * request = Pim.EndSessionRequest(
 *     address=document.get_end_session_endpoint(), client_id='my-app',
 *     id_token_hint=id_token,
 *     post_logout_redirect_uri='http://127.0.0.1:8400/logout')
 * open_browser(request.build_url())
 * ```
 *
 * The endpoint must be HTTPS unless it is on a loopback address or
 * [property@OAuthRequest:require-https] is off; [property@OAuthRequest:client-id]
 * is sent as `client_id` when set, and extra parameters
 * ([method@OAuthRequest.add_parameter]) after Pim's own.
 *
 * Since: 0.1
 */

struct _PimEndSessionRequest
{
  PimOAuthRequest parent_instance;

  char *id_token_hint;
  char *logout_hint;
  char *post_logout_redirect_uri;
  char *state;
  char *ui_locales;
};

enum
{
  PROP_0,
  PROP_ID_TOKEN_HINT,
  PROP_LOGOUT_HINT,
  PROP_POST_LOGOUT_REDIRECT_URI,
  PROP_STATE,
  PROP_UI_LOCALES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const gsize string_offsets[N_PROPS] = {
  [PROP_ID_TOKEN_HINT] = G_STRUCT_OFFSET (PimEndSessionRequest, id_token_hint),
  [PROP_LOGOUT_HINT] = G_STRUCT_OFFSET (PimEndSessionRequest, logout_hint),
  [PROP_POST_LOGOUT_REDIRECT_URI] =
      G_STRUCT_OFFSET (PimEndSessionRequest, post_logout_redirect_uri),
  [PROP_STATE] = G_STRUCT_OFFSET (PimEndSessionRequest, state),
  [PROP_UI_LOCALES] = G_STRUCT_OFFSET (PimEndSessionRequest, ui_locales),
};

#define STRING_FIELD(self, prop_id) G_STRUCT_MEMBER (char *, (self), string_offsets[(prop_id)])

G_DEFINE_FINAL_TYPE (PimEndSessionRequest, pim_end_session_request, PIM_TYPE_OAUTH_REQUEST)

static void
pim_end_session_request_finalize (GObject *object)
{
  PimEndSessionRequest *self = PIM_END_SESSION_REQUEST (object);

  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    g_clear_pointer (&STRING_FIELD (self, i), g_free);

  G_OBJECT_CLASS (pim_end_session_request_parent_class)->finalize (object);
}

static void
pim_end_session_request_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  PimEndSessionRequest *self = PIM_END_SESSION_REQUEST (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, STRING_FIELD (self, prop_id));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pim_end_session_request_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  PimEndSessionRequest *self = PIM_END_SESSION_REQUEST (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    {
      g_free (STRING_FIELD (self, prop_id));
      STRING_FIELD (self, prop_id) = g_value_dup_string (value);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pim_end_session_request_class_init (PimEndSessionRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_end_session_request_finalize;
  object_class->get_property = pim_end_session_request_get_property;
  object_class->set_property = pim_end_session_request_set_property;

  /**
   * PimEndSessionRequest:id-token-hint: (getter get_id_token_hint) (setter set_id_token_hint)
   *
   * The `id_token_hint`: the ID token the provider issued for the session
   * to end, which tells it who is signing out and for which client.
   *
   * Since: 0.1
   */
  properties[PROP_ID_TOKEN_HINT] = g_param_spec_string ("id-token-hint", NULL, NULL, NULL, flags);

  /**
   * PimEndSessionRequest:logout-hint: (getter get_logout_hint) (setter set_logout_hint)
   *
   * The `logout_hint`: who is signing out, such as a login name.
   *
   * Since: 0.1
   */
  properties[PROP_LOGOUT_HINT] = g_param_spec_string ("logout-hint", NULL, NULL, NULL, flags);

  /**
   * PimEndSessionRequest:post-logout-redirect-uri: (getter get_post_logout_redirect_uri) (setter set_post_logout_redirect_uri)
   *
   * The `post_logout_redirect_uri`: where the provider sends the browser
   * after logout, one of the client's registered URIs. It needs
   * [property@EndSessionRequest:id-token-hint] or
   * [property@OAuthRequest:client-id], for the provider to know the
   * client.
   *
   * Since: 0.1
   */
  properties[PROP_POST_LOGOUT_REDIRECT_URI] =
      g_param_spec_string ("post-logout-redirect-uri", NULL, NULL, NULL, flags);

  /**
   * PimEndSessionRequest:state: (getter get_state) (setter set_state)
   *
   * The `state` the provider passes back to the post-logout redirect URI.
   *
   * Since: 0.1
   */
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, flags);

  /**
   * PimEndSessionRequest:ui-locales: (getter get_ui_locales) (setter set_ui_locales)
   *
   * The `ui_locales`: the user's preferred languages for the provider's
   * pages, space-separated BCP 47 tags.
   *
   * Since: 0.1
   */
  properties[PROP_UI_LOCALES] = g_param_spec_string ("ui-locales", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_end_session_request_init (PimEndSessionRequest *self)
{
}

/**
 * pim_end_session_request_new:
 * @address: (nullable): the end-session endpoint
 *
 * Creates an end-session request.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimEndSessionRequest *
pim_end_session_request_new (const char *address)
{
  return g_object_new (PIM_TYPE_END_SESSION_REQUEST, "address", address, NULL);
}

/**
 * pim_end_session_request_get_id_token_hint:
 * @self: an end-session request
 *
 * Gets [property@EndSessionRequest:id-token-hint].
 *
 * Returns: (nullable): the ID token
 *
 * Since: 0.1
 */
const char *
pim_end_session_request_get_id_token_hint (PimEndSessionRequest *self)
{
  g_return_val_if_fail (PIM_IS_END_SESSION_REQUEST (self), NULL);
  return self->id_token_hint;
}

/**
 * pim_end_session_request_set_id_token_hint:
 * @self: an end-session request
 * @id_token_hint: (nullable): the ID token
 *
 * Sets [property@EndSessionRequest:id-token-hint].
 *
 * Since: 0.1
 */
void
pim_end_session_request_set_id_token_hint (PimEndSessionRequest *self, const char *id_token_hint)
{
  g_return_if_fail (PIM_IS_END_SESSION_REQUEST (self));
  g_object_set (self, "id-token-hint", id_token_hint, NULL);
}

/**
 * pim_end_session_request_get_logout_hint:
 * @self: an end-session request
 *
 * Gets [property@EndSessionRequest:logout-hint].
 *
 * Returns: (nullable): the logout hint
 *
 * Since: 0.1
 */
const char *
pim_end_session_request_get_logout_hint (PimEndSessionRequest *self)
{
  g_return_val_if_fail (PIM_IS_END_SESSION_REQUEST (self), NULL);
  return self->logout_hint;
}

/**
 * pim_end_session_request_set_logout_hint:
 * @self: an end-session request
 * @logout_hint: (nullable): the logout hint
 *
 * Sets [property@EndSessionRequest:logout-hint].
 *
 * Since: 0.1
 */
void
pim_end_session_request_set_logout_hint (PimEndSessionRequest *self, const char *logout_hint)
{
  g_return_if_fail (PIM_IS_END_SESSION_REQUEST (self));
  g_object_set (self, "logout-hint", logout_hint, NULL);
}

/**
 * pim_end_session_request_get_post_logout_redirect_uri:
 * @self: an end-session request
 *
 * Gets [property@EndSessionRequest:post-logout-redirect-uri].
 *
 * Returns: (nullable): the post-logout redirect URI
 *
 * Since: 0.1
 */
const char *
pim_end_session_request_get_post_logout_redirect_uri (PimEndSessionRequest *self)
{
  g_return_val_if_fail (PIM_IS_END_SESSION_REQUEST (self), NULL);
  return self->post_logout_redirect_uri;
}

/**
 * pim_end_session_request_set_post_logout_redirect_uri:
 * @self: an end-session request
 * @post_logout_redirect_uri: (nullable): the post-logout redirect URI
 *
 * Sets [property@EndSessionRequest:post-logout-redirect-uri].
 *
 * Since: 0.1
 */
void
pim_end_session_request_set_post_logout_redirect_uri (PimEndSessionRequest *self,
                                                      const char *post_logout_redirect_uri)
{
  g_return_if_fail (PIM_IS_END_SESSION_REQUEST (self));
  g_object_set (self, "post-logout-redirect-uri", post_logout_redirect_uri, NULL);
}

/**
 * pim_end_session_request_get_state:
 * @self: an end-session request
 *
 * Gets [property@EndSessionRequest:state].
 *
 * Returns: (nullable): the state
 *
 * Since: 0.1
 */
const char *
pim_end_session_request_get_state (PimEndSessionRequest *self)
{
  g_return_val_if_fail (PIM_IS_END_SESSION_REQUEST (self), NULL);
  return self->state;
}

/**
 * pim_end_session_request_set_state:
 * @self: an end-session request
 * @state: (nullable): the state
 *
 * Sets [property@EndSessionRequest:state].
 *
 * Since: 0.1
 */
void
pim_end_session_request_set_state (PimEndSessionRequest *self, const char *state)
{
  g_return_if_fail (PIM_IS_END_SESSION_REQUEST (self));
  g_object_set (self, "state", state, NULL);
}

/**
 * pim_end_session_request_get_ui_locales:
 * @self: an end-session request
 *
 * Gets [property@EndSessionRequest:ui-locales].
 *
 * Returns: (nullable): space-separated language tags
 *
 * Since: 0.1
 */
const char *
pim_end_session_request_get_ui_locales (PimEndSessionRequest *self)
{
  g_return_val_if_fail (PIM_IS_END_SESSION_REQUEST (self), NULL);
  return self->ui_locales;
}

/**
 * pim_end_session_request_set_ui_locales:
 * @self: an end-session request
 * @ui_locales: (nullable): space-separated language tags
 *
 * Sets [property@EndSessionRequest:ui-locales].
 *
 * Since: 0.1
 */
void
pim_end_session_request_set_ui_locales (PimEndSessionRequest *self, const char *ui_locales)
{
  g_return_if_fail (PIM_IS_END_SESSION_REQUEST (self));
  g_object_set (self, "ui-locales", ui_locales, NULL);
}

/**
 * pim_end_session_request_build_url:
 * @self: an end-session request
 * @error: return location for a #GError
 *
 * Builds the URL to open in the user's browser: the end-session endpoint
 * with `id_token_hint`, `logout_hint`, `client_id`,
 * `post_logout_redirect_uri`, `state` and `ui_locales` (those that are
 * set), then the extra parameters, percent-encoded, after any query the
 * endpoint already has.
 *
 * It fails with %PIM_OAUTH_ERROR_INVALID_ARGUMENT when the request has no
 * address, when it has a post-logout redirect URI but neither an ID token
 * hint nor a client identifier, or when a parameter Pim sets is also in
 * the endpoint's query or the extra parameters; with an [error@HttpError]
 * for an address that is not an HTTP URL, or plain HTTP outside the
 * loopback interface while [property@OAuthRequest:require-https] is on.
 *
 * Returns: (transfer full): the URL, or %NULL with @error set
 *
 * Since: 0.1
 */
char *
pim_end_session_request_build_url (PimEndSessionRequest *self, GError **error)
{
  PimOAuthRequest *request = PIM_OAUTH_REQUEST (self);
  const char      *client_id = pim_oauth_request_get_client_id (request);
  g_autoptr (GPtrArray) params = NULL;

  g_return_val_if_fail (PIM_IS_END_SESSION_REQUEST (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->post_logout_redirect_uri != NULL && self->id_token_hint == NULL && client_id == NULL)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                           _ ("The end-session request has a “post-logout-redirect-uri” but "
                              "neither an “id-token-hint” nor a “client-id”"));
      return NULL;
    }
  params = g_ptr_array_new_with_free_func (g_free);
  pim_front_channel_add (params, "id_token_hint", self->id_token_hint);
  pim_front_channel_add (params, "logout_hint", self->logout_hint);
  pim_front_channel_add (params, "client_id", client_id);
  pim_front_channel_add (params, "post_logout_redirect_uri", self->post_logout_redirect_uri);
  pim_front_channel_add (params, "state", self->state);
  pim_front_channel_add (params, "ui_locales", self->ui_locales);
  return pim_front_channel_build_url (request, _ ("end-session request"), params, error);
}
