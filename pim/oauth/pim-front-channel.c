/* pim-front-channel.c: URLs the user agent carries
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-front-channel-private.h"

void
pim_front_channel_add (GPtrArray *params, const char *name, const char *value)
{
  if (value == NULL)
    return;
  g_ptr_array_add (params, g_strdup (name));
  g_ptr_array_add (params, g_strdup (value));
}

/* RFC 3986 §2.3: everything but unreserved characters is escaped, so a
 * space is %20, never "+", and the result is the same in a query read as
 * RFC 3986 or as application/x-www-form-urlencoded. */
static void
append_encoded (GString *out, const char *text)
{
  static const char hex[] = "0123456789ABCDEF";

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~')
        g_string_append_c (out, (char) *p);
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 0xf]);
        }
    }
}

/* @separator: what goes before the next parameter, "?", "&" or nothing. */
static void
append_param (GString *out, const char **separator, const char *name, const char *value)
{
  g_string_append (out, *separator);
  *separator = "&";
  append_encoded (out, name);
  g_string_append_c (out, '=');
  append_encoded (out, value);
}

/* Whether @name is one of @params' names, other than the repeatable
 * `resource`. */
static gboolean
is_own (GPtrArray *params, const char *name)
{
  if (strcmp (name, "resource") == 0)
    return FALSE;
  for (guint i = 0; i < params->len; i += 2)
    if (strcmp (g_ptr_array_index (params, i), name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
refuse_twice (const char *name, GError **error)
{
  g_autofree char *shown = pim_oauth_sanitize_text (name);

  g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
               /* translators: %s is a parameter name such as “client_id” */
               _ ("The parameter “%s” is given twice"), shown);
  return FALSE;
}

/* The names of the address's own query must not be Pim's. */
static gboolean
check_address_query (const char *query, GPtrArray *params, GError **error)
{
  GUriParamsIter iter;
  char          *name = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;
  g_uri_params_iter_init (&iter, query, -1, "&", G_URI_PARAMS_WWW_FORM);
  while (g_uri_params_iter_next (&iter, &name, NULL, NULL))
    {
      g_autofree char *owned = name;

      if (owned == NULL)
        break;
      if (is_own (params, owned))
        return refuse_twice (owned, error);
    }
  return TRUE;
}

static char *
build_url (PimOAuthRequest *request,
           const char      *what,
           GPtrArray       *params,
           gboolean         with_extra,
           GError         **error)
{
  static const char *const none[] = { NULL };
  const char              *address = pim_oauth_request_get_address (request);
  const char *const       *extra = with_extra ? pim_oauth_request_get_parameters (request) : none;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GString) url = NULL;
  const char *query;
  const char *separator;

  if (address == NULL || *address == '\0')
    {
      g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                   /* translators: %s is a request such as “authorization request” */
                   _ ("The %s has no “address”"), what);
      return NULL;
    }
  uri = pim_http_uri_parse_checked (address, !pim_oauth_request_get_require_https (request), error);
  if (uri == NULL)
    return NULL;
  if (strchr (address, '#') != NULL)
    {
      g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                   /* translators: %s is a request such as “authorization request” */
                   _ ("The address of the %s has a fragment"), what);
      return NULL;
    }
  query = strchr (address, '?');
  if (!check_address_query (query != NULL ? query + 1 : NULL, params, error))
    return NULL;
  for (gsize i = 0; extra[i] != NULL; i += 2)
    if (is_own (params, extra[i]))
      {
        refuse_twice (extra[i], error);
        return NULL;
      }

  url = g_string_new (address);
  if (query == NULL)
    separator = "?";
  else if (g_str_has_suffix (address, "?") || g_str_has_suffix (address, "&"))
    separator = "";
  else
    separator = "&";
  for (guint i = 0; i < params->len; i += 2)
    append_param (url, &separator, g_ptr_array_index (params, i),
                  g_ptr_array_index (params, i + 1));
  for (gsize i = 0; extra[i] != NULL; i += 2)
    append_param (url, &separator, extra[i], extra[i + 1]);
  return g_string_free (g_steal_pointer (&url), FALSE);
}

char *
pim_front_channel_build_url (PimOAuthRequest *request,
                             const char      *what,
                             GPtrArray       *params,
                             GError         **error)
{
  return build_url (request, what, params, TRUE, error);
}

char *
pim_front_channel_build_url_without_extra (PimOAuthRequest *request,
                                           const char      *what,
                                           GPtrArray       *params,
                                           GError         **error)
{
  return build_url (request, what, params, FALSE, error);
}

static JsonObject *
invalid_params (GError **error, const char *why)
{
  g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
               /* translators: %s is a reason */
               _ ("The authorization response is malformed: %s"), why);
  return NULL;
}

JsonObject *
pim_front_channel_parse_params (const char *text, GError **error)
{
  g_autoptr (JsonObject) params = json_object_new ();
  GUriParamsIter iter;
  char          *name = NULL;
  char          *value = NULL;
  g_autoptr (GError) local_error = NULL;

  if (text == NULL || *text == '\0')
    return invalid_params (error, _ ("it has no parameters"));
  g_uri_params_iter_init (&iter, text, -1, "&", G_URI_PARAMS_WWW_FORM);
  while (g_uri_params_iter_next (&iter, &name, &value, &local_error))
    {
      g_autofree char *owned_name = name;
      g_autofree char *owned_value = value;

      if (owned_name == NULL)
        break;
      if (!g_utf8_validate (owned_name, -1, NULL) || !g_utf8_validate (owned_value, -1, NULL))
        return invalid_params (error, _ ("a parameter is not UTF-8"));
      if (json_object_has_member (params, owned_name))
        {
          g_autofree char *shown = pim_oauth_sanitize_text (owned_name);
          g_autofree char *why =
              /* translators: %s is a parameter name such as “state” */
              g_strdup_printf (_ ("the parameter “%s” is given twice"), shown);

          return invalid_params (error, why);
        }
      json_object_set_string_member (params, owned_name, owned_value);
    }
  if (local_error != NULL)
    return invalid_params (error, _ ("it has an invalid escape"));
  if (json_object_get_size (params) == 0)
    return invalid_params (error, _ ("it has no parameters"));
  return g_steal_pointer (&params);
}
