/* pim-front-channel-logout.c: pim_front_channel_logout_check
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-front-channel-logout.h"
#include "pim-oauth-error.h"

static gboolean
refuse (GError **error, const char *message)
{
  g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_REQUEST, message);
  return FALSE;
}

/**
 * pim_front_channel_logout_check:
 * @uri: the front-channel logout request the user agent made: an
 *   absolute URI, or a path with its query (`/logout?iss=…&sid=…`)
 * @issuer: the provider's issuer identifier
 * @sid: (nullable): the session the client holds with the provider (the
 *   ID token's `sid`), to require that the request is for it; %NULL to
 *   take a request for any session, or one without a session
 * @out_sid: (out) (optional) (nullable) (transfer full): the request's
 *   `sid`, or %NULL when it has none
 * @error: return location for a #GError
 *
 * Checks a request to the client's `frontchannel_logout_uri` (OpenID
 * Connect Front-Channel Logout 1.0 §2): its `iss` and `sid` query
 * parameters come together, `iss` is @issuer (compared exactly), and when
 * @sid is given the request has a `sid` equal to it. A request with
 * neither parameter is taken only when @sid is %NULL: the provider did
 * not say which session ended, and the client decides which of its
 * sessions with @issuer to end.
 *
 * The check is pure: it does not end any session, and an attacker can
 * make a user agent load any URI, so a front-channel request should only
 * ever log the user out, never do more.
 *
 * Returns: %TRUE when the request may end the session, else %FALSE with
 *   %PIM_OAUTH_ERROR_INVALID_REQUEST
 *
 * Since: 0.1
 */
gboolean
pim_front_channel_logout_check (const char *uri,
                                const char *issuer,
                                const char *sid,
                                char      **out_sid,
                                GError    **error)
{
  g_autoptr (GUri) base = NULL;
  g_autoptr (GUri) parsed = NULL;
  g_autofree char *iss_value = NULL;
  g_autofree char *sid_value = NULL;
  GUriParamsIter   iter;
  char            *name, *value;
  const char      *query;
  GError          *local_error = NULL;

  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (issuer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_sid != NULL)
    *out_sid = NULL;
  /* A path is read against a placeholder base: only the query matters. */
  base = g_uri_parse ("http://client.invalid/", G_URI_FLAGS_ENCODED, NULL);
  parsed = g_uri_parse_relative (base, uri, G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL)
    return refuse (error, _ ("The front-channel logout request is not a URI"));
  query = g_uri_get_query (parsed);
  if (query != NULL)
    {
      g_uri_params_iter_init (&iter, query, -1, "&", G_URI_PARAMS_WWW_FORM);
      while (g_uri_params_iter_next (&iter, &name, &value, &local_error))
        {
          char **slot = strcmp (name, "iss") == 0   ? &iss_value
                        : strcmp (name, "sid") == 0 ? &sid_value
                                                    : NULL;

          g_free (name);
          if (slot == NULL)
            {
              g_free (value);
              continue;
            }
          if (*slot != NULL)
            {
              g_free (value);
              return refuse (error, _ ("The front-channel logout request repeats a parameter"));
            }
          *slot = value;
        }
      if (local_error != NULL)
        {
          g_error_free (local_error);
          return refuse (error, _ ("The front-channel logout request's query is malformed"));
        }
    }
  if ((iss_value == NULL) != (sid_value == NULL))
    return refuse (error, _ ("The front-channel logout request has one of “iss” and “sid” "
                             "without the other"));
  if (iss_value == NULL)
    {
      if (sid != NULL)
        return refuse (error, _ ("The front-channel logout request names no session"));
      return TRUE;
    }
  if (strcmp (iss_value, issuer) != 0)
    return refuse (error, _ ("The front-channel logout request is from another issuer"));
  if (*sid_value == '\0' || (sid != NULL && strcmp (sid_value, sid) != 0))
    return refuse (error, _ ("The front-channel logout request is for another session"));
  if (out_sid != NULL)
    *out_sid = g_steal_pointer (&sid_value);
  return TRUE;
}
