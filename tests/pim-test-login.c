/* pim-test-login.c: the local provider's login pages and token endpoint,
 * driven over plain HTTP without a browser
 *
 * See pim-test-login.h.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-test-login.h"

#include <libsoup/soup.h>
#include <string.h>

/* Redirects and forms one flow may go through: a code flow with login
 * and consent takes about six, a device flow about eight. */
#define MAX_STEPS             32
#define HTTP_TIMEOUT_SECONDS  30
#define MESSAGE_TEXT_MAX      400
#define LOGIN_PASSWORD        "any"
#define DEVICE_SUCCESS_MARKER "Sign-in Success"

struct _PimTestBrowser
{
  SoupSession *session;
  char        *issuer;
  char        *login;
  guint        n_logins;
  guint        n_consents;
};

/* ---------------------------------------------------------------------- */
/* Form encoding                                                          */

/* application/x-www-form-urlencoded, which RFC 6749 §2.3.1 also asks for
 * the client id and secret before they go into HTTP Basic. */
static void
append_form_encoded (GString *out, const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (g_ascii_isalnum (c) || strchr ("-._*", c) != NULL)
        g_string_append_c (out, (char) c);
      else if (c == ' ')
        g_string_append_c (out, '+');
      else
        g_string_append_printf (out, "%%%02X", c);
    }
}

static void
append_form_pair (GString *form, const char *name, const char *value)
{
  if (form->len > 0)
    g_string_append_c (form, '&');
  append_form_encoded (form, name);
  g_string_append_c (form, '=');
  append_form_encoded (form, value);
}

/* Name/value pairs up to a NULL name; pairs with a NULL value are left
 * out. */
static void
append_form_pairs_valist (GString *form, const char *first_name, va_list args)
{
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        append_form_pair (form, name, value);
    }
}

static char *
form_urlencode (const char *value)
{
  GString *out = g_string_new (NULL);

  append_form_encoded (out, value);
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Reading the provider's pages                                           */

/* Decodes the character references the provider's templates produce
 * (named ones for & < > " ', and numeric ones). */
static char *
html_unescape (const char *text)
{
  static const struct
  {
    const char *name;
    const char *value;
  } named[] = {
    { "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" }, { "apos;", "'" },
  };
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean done = FALSE;

      if (*p != '&')
        {
          g_string_append_c (out, *p);
          continue;
        }
      for (gsize i = 0; i < G_N_ELEMENTS (named) && !done; i++)
        if (g_str_has_prefix (p + 1, named[i].name))
          {
            g_string_append (out, named[i].value);
            p += strlen (named[i].name);
            done = TRUE;
          }
      if (!done && p[1] == '#')
        {
          gboolean hex = (p[2] == 'x' || p[2] == 'X');
          char    *end = NULL;
          guint64  c = g_ascii_strtoull (p + (hex ? 3 : 2), &end, hex ? 16 : 10);

          if (end != NULL && *end == ';' && end != p + (hex ? 3 : 2) && c > 0 && c <= 0x10FFFF)
            {
              g_string_append_unichar (out, (gunichar) c);
              p = end;
              done = TRUE;
            }
        }
      if (!done)
        g_string_append_c (out, '&');
    }

  return g_string_free (out, FALSE);
}

/* The value of the attribute @name in a tag's attribute text, decoded, or
 * NULL. */
static char *
html_attribute (const char *attributes, const char *name)
{
  g_autofree char *pattern = g_strdup_printf ("(?:^|\\s)%s\\s*=\\s*\"([^\"]*)\"", name);
  g_autoptr (GRegex) regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *raw = NULL;

  if (!g_regex_match (regex, attributes, 0, &match))
    return NULL;
  raw = g_match_info_fetch (match, 1);
  return html_unescape (raw);
}

/* The visible text of a page, for error messages: no head, styles or
 * scripts, tags dropped, white space collapsed, cut to a readable size. */
static char *
page_text (const char *html)
{
  g_autoptr (GRegex) hidden = g_regex_new ("<(head|style|script)\\b.*?</\\1\\s*>",
                                           G_REGEX_CASELESS | G_REGEX_DOTALL, 0, NULL);
  g_autoptr (GRegex) tags = g_regex_new ("<[^>]*>", G_REGEX_DOTALL, 0, NULL);
  g_autoptr (GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *visible = g_regex_replace_literal (hidden, html, -1, 0, " ", 0, NULL);
  g_autofree char *untagged = g_regex_replace_literal (tags, visible, -1, 0, " ", 0, NULL);
  g_autofree char *decoded = html_unescape (untagged);
  char            *text = g_regex_replace_literal (spaces, decoded, -1, 0, " ", 0, NULL);

  g_strstrip (text);
  if (g_utf8_strlen (text, -1) > MESSAGE_TEXT_MAX)
    {
      char *cut = g_utf8_offset_to_pointer (text, MESSAGE_TEXT_MAX);

      strcpy (cut, "…");
    }
  return text;
}

static char *
body_text (GBytes *body)
{
  gsize            size;
  const char      *data = g_bytes_get_data (body, &size);
  g_autofree char *copy = g_strndup (data != NULL ? data : "", size);

  if (!g_utf8_validate (copy, -1, NULL))
    return g_strdup ("(a body that is not UTF-8)");
  return page_text (copy);
}

typedef struct
{
  char    *method;          /* "GET" or "POST" */
  GUri    *action;          /* absolute, G_URI_FLAGS_ENCODED */
  GString *fields;          /* form-encoded */
  char    *prompt;          /* the provider's hidden "prompt" input, if any */
  gboolean asks_user_code;  /* a user-code field */
  gboolean needs_user_code; /* an empty one */
} Form;

static void
form_free (Form *form)
{
  g_free (form->method);
  g_clear_pointer (&form->action, g_uri_unref);
  g_string_free (form->fields, TRUE);
  g_free (form->prompt);
  g_free (form);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Form, form_free)

/* The page's first form, filled in as its user would: any login and
 * password, @user_code (may be NULL) for an empty user-code field, and
 * every hidden field as it is. NULL when the page has no form. */
static Form *
read_form (PimTestBrowser *self,
           const char     *html,
           GUri           *page,
           const char     *user_code,
           GError        **error)
{
  g_autoptr (GRegex) form_regex =
      g_regex_new ("<form\\b([^>]*)>(.*?)</form\\s*>", G_REGEX_CASELESS | G_REGEX_DOTALL, 0, NULL);
  g_autoptr (GRegex) input_regex = g_regex_new ("<input\\b([^>]*)>", G_REGEX_CASELESS, 0, NULL);
  g_autoptr (GMatchInfo) form_match = NULL;
  g_autoptr (GMatchInfo) input_match = NULL;
  g_autofree char *attributes = NULL;
  g_autofree char *inner = NULL;
  g_autofree char *action = NULL;
  g_autofree char *method = NULL;
  g_autoptr (Form) form = NULL;

  if (!g_regex_match (form_regex, html, 0, &form_match))
    return NULL;

  attributes = g_match_info_fetch (form_match, 1);
  inner = g_match_info_fetch (form_match, 2);
  action = html_attribute (attributes, "action");
  method = html_attribute (attributes, "method");

  form = g_new0 (Form, 1);
  form->fields = g_string_new (NULL);
  form->method = g_ascii_strup (method != NULL ? method : "GET", -1);
  if (action == NULL || *action == '\0')
    form->action = g_uri_ref (page);
  else
    {
      form->action = g_uri_parse_relative (page, action, G_URI_FLAGS_ENCODED, error);
      if (form->action == NULL)
        return NULL;
    }

  g_regex_match (input_regex, inner, 0, &input_match);
  for (; g_match_info_matches (input_match); g_match_info_next (input_match, NULL))
    {
      g_autofree char *input = g_match_info_fetch (input_match, 1);
      g_autofree char *name = html_attribute (input, "name");
      g_autofree char *type = html_attribute (input, "type");
      g_autofree char *value = html_attribute (input, "value");

      if (name == NULL)
        continue;
      if (type == NULL)
        type = g_strdup ("text");

      if (g_ascii_strcasecmp (type, "password") == 0)
        append_form_pair (form->fields, name, LOGIN_PASSWORD);
      else if (g_ascii_strcasecmp (type, "hidden") == 0)
        {
          if (strcmp (name, "prompt") == 0 && form->prompt == NULL)
            form->prompt = g_strdup (value);
          append_form_pair (form->fields, name, value != NULL ? value : "");
        }
      else if (g_ascii_strcasecmp (type, "text") == 0 && strcmp (name, "login") == 0)
        append_form_pair (form->fields, name, self->login);
      else if (g_ascii_strcasecmp (type, "text") == 0 && strcmp (name, "user_code") == 0)
        {
          form->asks_user_code = TRUE;
          if (value == NULL || *value == '\0')
            {
              form->needs_user_code = TRUE;
              g_free (value);
              value = g_strdup (user_code != NULL ? user_code : "");
            }
          append_form_pair (form->fields, name, value);
        }
      else if (value != NULL)
        append_form_pair (form->fields, name, value);
    }

  return g_steal_pointer (&form);
}

/* ---------------------------------------------------------------------- */
/* Driving a flow                                                         */

static gboolean
is_on_issuer (PimTestBrowser *self, GUri *uri)
{
  g_autofree char *text = g_uri_to_string (uri);
  gsize            len = strlen (self->issuer);

  return strncmp (text, self->issuer, len) == 0 && strchr ("/?#", text[len]) != NULL;
}

typedef struct
{
  GUri *redirect; /* the first URI outside the issuer, or NULL */
  char *page;     /* else: the text of the last page, which has no form */
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->redirect, g_uri_unref);
  g_clear_pointer (&outcome->page, g_free);
}

/* The URI a form with @fields would send the user agent to, as a GET. */
static GUri *
uri_with_query (GUri *action, const char *fields)
{
  const char      *query = g_uri_get_query (action);
  g_autofree char *joined = NULL;

  if (*fields == '\0')
    return g_uri_ref (action);
  joined =
      query != NULL && *query != '\0' ? g_strconcat (query, "&", fields, NULL) : g_strdup (fields);
  return g_uri_build (g_uri_get_flags (action), g_uri_get_scheme (action),
                      g_uri_get_userinfo (action), g_uri_get_host (action), g_uri_get_port (action),
                      g_uri_get_path (action), joined, g_uri_get_fragment (action));
}

/* Sends @first and what follows from it: redirects at the issuer are
 * followed (as GETs), forms at the issuer submitted, until a redirect or
 * a form leaves the issuer (outcome->redirect) or a page without a form
 * ends the flow (outcome->page). */
static gboolean
drive (PimTestBrowser *self,
       SoupMessage    *first,
       const char     *user_code,
       Outcome        *outcome,
       GError        **error)
{
  g_autoptr (SoupMessage) msg = g_object_ref (first);
  g_autofree char *last_submitted = NULL; /* action and fields */
  gboolean         user_code_sent = FALSE;

  for (guint step = 0; step < MAX_STEPS; step++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (GBytes) body = NULL;
      g_autofree char *where = g_uri_to_string (soup_message_get_uri (msg));
      GUri            *page = soup_message_get_uri (msg);
      guint            status;

      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      body = soup_session_send_and_read (self->session, msg, NULL, &local_error);
      if (body == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s %s: %s",
                       soup_message_get_method (msg), where, local_error->message);
          return FALSE;
        }
      status = soup_message_get_status (msg);

      if (SOUP_STATUS_IS_REDIRECTION (status))
        {
          const char *location =
              soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
          g_autoptr (GUri) next = NULL;

          if (location == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "%s %s answered %u without a Location", soup_message_get_method (msg),
                           where, status);
              return FALSE;
            }
          next = g_uri_parse_relative (page, location, G_URI_FLAGS_ENCODED, error);
          if (next == NULL)
            return FALSE;
          if (!is_on_issuer (self, next))
            {
              outcome->redirect = g_steal_pointer (&next);
              return TRUE;
            }
          g_clear_object (&msg);
          msg = soup_message_new_from_uri ("GET", next);
          continue;
        }

      if (status == SOUP_STATUS_OK || status == SOUP_STATUS_BAD_REQUEST)
        {
          gsize            size;
          const char      *data = g_bytes_get_data (body, &size);
          g_autofree char *html = g_strndup (data != NULL ? data : "", size);
          g_autoptr (Form) form = read_form (self, html, page, user_code, &local_error);

          if (form == NULL && local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          /* A response for the client (OAuth 2.0 Form Post Response
           * Mode), a success or an error. */
          if (form != NULL && !is_on_issuer (self, form->action))
            {
              outcome->redirect = uri_with_query (form->action, form->fields->str);
              return TRUE;
            }
          if (form != NULL && status == SOUP_STATUS_OK)
            {
              g_autofree char *fields = NULL;
              g_autofree char *action = g_uri_to_string (form->action);
              g_autofree char *submission = g_strconcat (action, " ", form->fields->str, NULL);

              if (form->needs_user_code && user_code == NULL)
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "%s asks for a user code and none was given", where);
                  return FALSE;
                }
              /* The same form again, or the user code asked for again:
               * what was sent was refused; the page tells why. */
              if (g_strcmp0 (submission, last_submitted) == 0 ||
                  (form->asks_user_code && user_code_sent))
                {
                  g_autofree char *text = page_text (html);

                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "%s showed the same form again: %s", where, text);
                  return FALSE;
                }
              g_free (last_submitted);
              last_submitted = g_steal_pointer (&submission);
              user_code_sent = user_code_sent || form->asks_user_code;
              if (g_strcmp0 (form->prompt, "login") == 0)
                self->n_logins++;
              else if (g_strcmp0 (form->prompt, "consent") == 0)
                self->n_consents++;

              fields = g_strdup (form->fields->str);
              g_clear_object (&msg);
              if (strcmp (form->method, "POST") == 0)
                msg =
                    soup_message_new_from_encoded_form ("POST", action, g_steal_pointer (&fields));
              else
                {
                  g_autoptr (GUri) target = uri_with_query (form->action, fields);

                  msg = soup_message_new_from_uri ("GET", target);
                }
              continue;
            }
          if (form == NULL && status == SOUP_STATUS_OK)
            {
              outcome->page = page_text (html);
              return TRUE;
            }
        }

      {
        g_autofree char *text = body_text (body);

        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s %s answered %u: %s",
                     soup_message_get_method (msg), where, status, text);
        return FALSE;
      }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               "the provider did not let go after %d redirects and forms", MAX_STEPS);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* The browser                                                            */

PimTestBrowser *
pim_test_browser_new (const char *issuer, const char *login)
{
  PimTestBrowser *self;

  g_return_val_if_fail (issuer != NULL, NULL);

  self = g_new0 (PimTestBrowser, 1);
  self->session = soup_session_new_with_options ("timeout", HTTP_TIMEOUT_SECONDS, NULL);
  soup_session_add_feature_by_type (self->session, SOUP_TYPE_COOKIE_JAR);
  self->issuer = g_strdup (issuer);
  /* "http://host:port/" and "http://host:port" name the same issuer here. */
  if (g_str_has_suffix (self->issuer, "/"))
    self->issuer[strlen (self->issuer) - 1] = '\0';
  self->login = g_strdup (login != NULL ? login : PIM_TEST_LOGIN_DEFAULT_USER);

  return self;
}

void
pim_test_browser_free (PimTestBrowser *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->session);
  g_free (self->issuer);
  g_free (self->login);
  g_free (self);
}

GUri *
pim_test_browser_authorize (PimTestBrowser *self, const char *authorize_url, GError **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  Outcome outcome = { NULL, NULL };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (authorize_url != NULL, NULL);

  uri = g_uri_parse (authorize_url, G_URI_FLAGS_ENCODED, error);
  if (uri == NULL)
    return NULL;
  if (!is_on_issuer (self, uri))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "the authorization URL %s is not at the issuer %s", authorize_url, self->issuer);
      return NULL;
    }

  msg = soup_message_new_from_uri ("GET", uri);
  if (!drive (self, msg, NULL, &outcome, error))
    return NULL;
  if (outcome.redirect == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the authorization ended on a page of the provider instead of a redirect "
                   "to the client: %s",
                   outcome.page);
      outcome_clear (&outcome);
      return NULL;
    }

  return g_steal_pointer (&outcome.redirect);
}

gboolean
pim_test_browser_verify_device (PimTestBrowser *self,
                                const char     *verification_uri,
                                const char     *user_code,
                                GError        **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  Outcome  outcome = { NULL, NULL };
  gboolean ok = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (verification_uri != NULL, FALSE);

  uri = g_uri_parse (verification_uri, G_URI_FLAGS_ENCODED, error);
  if (uri == NULL)
    return FALSE;
  if (!is_on_issuer (self, uri))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "the verification URI %s is not at the issuer %s", verification_uri,
                   self->issuer);
      return FALSE;
    }

  msg = soup_message_new_from_uri ("GET", uri);
  if (!drive (self, msg, user_code, &outcome, error))
    return FALSE;

  if (outcome.redirect != NULL)
    {
      g_autofree char *text = g_uri_to_string (outcome.redirect);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the device verification left the provider for %s", text);
    }
  else if (strstr (outcome.page, DEVICE_SUCCESS_MARKER) == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 "the device verification ended without success: %s", outcome.page);
  else
    ok = TRUE;

  outcome_clear (&outcome);
  return ok;
}

guint
pim_test_browser_get_n_logins (PimTestBrowser *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_logins;
}

guint
pim_test_browser_get_n_consents (PimTestBrowser *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_consents;
}

/* ---------------------------------------------------------------------- */
/* Shortcuts                                                              */

char *
pim_test_login_authorize_url (const char *issuer, const char *first_name, ...)
{
  GString *form = g_string_new (NULL);
  va_list  args;
  char    *url;

  g_return_val_if_fail (issuer != NULL, NULL);

  va_start (args, first_name);
  append_form_pairs_valist (form, first_name, args);
  va_end (args);

  url = g_strconcat (issuer, g_str_has_suffix (issuer, "/") ? "auth?" : "/auth?", form->str, NULL);
  g_string_free (form, TRUE);
  return url;
}

GHashTable *
pim_test_login_response_params (GUri *redirect)
{
  const char *fragment, *query, *params;
  GHashTable *table;

  g_return_val_if_fail (redirect != NULL, NULL);

  fragment = g_uri_get_fragment (redirect);
  query = g_uri_get_query (redirect);
  params = fragment != NULL && *fragment != '\0' ? fragment : query;
  if (params == NULL || *params == '\0')
    return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  table = g_uri_parse_params (params, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  if (table == NULL)
    table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return table;
}

char *
pim_test_login_get_code (const char *issuer, const char *authorize_url, GError **error)
{
  g_autoptr (PimTestBrowser) browser = pim_test_browser_new (issuer, NULL);
  g_autoptr (GUri) redirect = NULL;
  g_autoptr (GHashTable) params = NULL;
  const char *code, *iss;

  redirect = pim_test_browser_authorize (browser, authorize_url, error);
  if (redirect == NULL)
    return NULL;

  params = pim_test_login_response_params (redirect);
  code = g_hash_table_lookup (params, "code");
  iss = g_hash_table_lookup (params, "iss");
  if (code == NULL)
    {
      const char *description = g_hash_table_lookup (params, "error_description");

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the authorization response has no code: error %s (%s)",
                   (const char *) g_hash_table_lookup (params, "error"),
                   description != NULL ? description : "no description");
      return NULL;
    }
  if (iss != NULL && strcmp (iss, browser->issuer) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the authorization response is from %s, not %s", iss, browser->issuer);
      return NULL;
    }

  return g_strdup (code);
}

static JsonObject *
post_form (const char *issuer,
           const char *path,
           const char *client_id,
           const char *client_secret,
           GString    *form,
           GError    **error)
{
  g_autoptr (SoupSession) session =
      soup_session_new_with_options ("timeout", HTTP_TIMEOUT_SECONDS, NULL);
  g_autofree char *uri =
      g_strconcat (issuer, g_str_has_suffix (issuer, "/") ? path + 1 : path, NULL);
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonObject *object;
  JsonNode   *root;
  gsize       size;
  const char *data;
  guint       status;

  if (client_secret == NULL)
    append_form_pair (form, "client_id", client_id);
  msg = soup_message_new_from_encoded_form ("POST", uri, g_string_free (form, FALSE));
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/json");
  if (client_secret != NULL)
    {
      g_autofree char *id = form_urlencode (client_id);
      g_autofree char *secret = form_urlencode (client_secret);
      g_autofree char *joined = g_strconcat (id, ":", secret, NULL);
      g_autofree char *base64 = g_base64_encode ((const guchar *) joined, strlen (joined));
      g_autofree char *authorization = g_strconcat ("Basic ", base64, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    authorization);
    }

  body = soup_session_send_and_read (session, msg, NULL, &local_error);
  if (body == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "POST %s: %s", uri, local_error->message);
      return NULL;
    }
  status = soup_message_get_status (msg);
  data = g_bytes_get_data (body, &size);
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", (gssize) size, &local_error) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *text = body_text (body);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "POST %s answered %u with something other than a JSON object: %s", uri, status,
                   text);
      return NULL;
    }

  object = json_node_get_object (root);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "POST %s answered %u: %s (%s)", uri,
                   status, json_object_get_string_member_with_default (object, "error", "?"),
                   json_object_get_string_member_with_default (object, "error_description",
                                                               "no description"));
      return NULL;
    }

  return json_object_ref (object);
}

JsonObject *
pim_test_endpoint_request (const char *issuer,
                           const char *path,
                           const char *client_id,
                           const char *client_secret,
                           GError    **error,
                           const char *first_name,
                           ...)
{
  GString *form = g_string_new (NULL);
  va_list  args;

  g_return_val_if_fail (issuer != NULL, NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  va_start (args, first_name);
  append_form_pairs_valist (form, first_name, args);
  va_end (args);

  return post_form (issuer, path, client_id, client_secret, form, error);
}

JsonObject *
pim_test_token_request (const char *issuer,
                        const char *client_id,
                        const char *client_secret,
                        GError    **error,
                        const char *first_name,
                        ...)
{
  GString *form = g_string_new (NULL);
  va_list  args;

  g_return_val_if_fail (issuer != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  va_start (args, first_name);
  append_form_pairs_valist (form, first_name, args);
  va_end (args);

  return post_form (issuer, "/token", client_id, client_secret, form, error);
}

JsonObject *
pim_test_exchange_code (const char *issuer,
                        const char *client_id,
                        const char *client_secret,
                        const char *code,
                        const char *redirect_uri,
                        const char *code_verifier,
                        GError    **error)
{
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (redirect_uri != NULL, NULL);

  return pim_test_token_request (issuer, client_id, client_secret, error, "grant_type",
                                 "authorization_code", "code", code, "redirect_uri", redirect_uri,
                                 "code_verifier", code_verifier, NULL);
}

/* ---------------------------------------------------------------------- */
/* RP-initiated logout                                                    */

char *
pim_test_browser_end_session (PimTestBrowser *self, const char *end_session_url, GError **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (SoupMessage) confirm = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (Form) form = NULL;
  g_autofree char *html = NULL;
  g_autofree char *action = NULL;
  g_autofree char *fields = NULL;
  Outcome          outcome = { NULL, NULL };
  char            *result;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (end_session_url != NULL, NULL);

  uri = g_uri_parse (end_session_url, G_URI_FLAGS_ENCODED, error);
  if (uri == NULL)
    return NULL;
  /* The provider asks "sign out?" in a form whose yes is a button, which
   * the generic form reader does not press. */
  msg = soup_message_new_from_uri ("GET", uri);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  body = soup_session_send_and_read (self->session, msg, NULL, error);
  if (body == NULL)
    return NULL;
  html = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  if (soup_message_get_status (msg) != SOUP_STATUS_OK ||
      (form = read_form (self, html, uri, NULL, error)) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     "the end-session page answered %u without a form: %s",
                     soup_message_get_status (msg), html);
      return NULL;
    }
  action = g_uri_to_string (form->action);
  fields =
      g_strconcat (form->fields->str, *form->fields->str != '\0' ? "&" : "", "logout=yes", NULL);
  confirm = soup_message_new_from_encoded_form ("POST", action, g_steal_pointer (&fields));
  if (!drive (self, confirm, NULL, &outcome, error))
    return NULL;
  result = outcome.redirect != NULL ? g_uri_to_string (outcome.redirect)
                                    : g_strdup (outcome.page != NULL ? outcome.page : "");
  outcome_clear (&outcome);
  return result;
}
