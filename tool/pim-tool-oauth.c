/* pim-tool-oauth.c: the OAuth commands of pim-tool (token, introspect,
 * revoke, userinfo, device)
 *
 * A token is printed only as a command's output, never in a message.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-tool.h"

/* The URI of a token type given by its short name or its URI; NULL for
 * neither. */
static const char *
token_type_uri (const char *name)
{
  static const struct
  {
    const char *name;
    const char *uri;
  } types[] = {
    { "access_token", PIM_TOKEN_TYPE_ACCESS_TOKEN },
    { "refresh_token", PIM_TOKEN_TYPE_REFRESH_TOKEN },
    { "id_token", PIM_TOKEN_TYPE_ID_TOKEN },
    { "saml1", PIM_TOKEN_TYPE_SAML1 },
    { "saml2", PIM_TOKEN_TYPE_SAML2 },
    { "jwt", PIM_TOKEN_TYPE_JWT },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    if (strcmp (name, types[i].name) == 0)
      return types[i].uri;
  return strchr (name, ':') != NULL ? name : NULL;
}

/* Resolves *@type in place; FALSE (with a usage message) when unknown. */
static gboolean
resolve_token_type (const char *command, GOptionContext *context, char **type, int *status)
{
  const char      *uri;
  g_autofree char *message = NULL;

  if (*type == NULL)
    return TRUE;
  if ((uri = token_type_uri (*type)) != NULL)
    {
      if (uri != *type)
        {
          g_free (*type);
          *type = g_strdup (uri);
        }
      return TRUE;
    }
  message = g_strdup_printf (_ ("Unknown token type “%s”: give a URI, or access_token, "
                                "refresh_token, id_token, saml1, "
                                "saml2 or jwt"),
                             *type);
  *status = usage_error (command, context, message);
  return FALSE;
}

/* --dpop FILE: the DPoP key in FILE, a private JWK; when there is no such
 * file, a new ES256 key saved there, readable by its owner only, so that
 * the tokens bound to it stay usable by later runs. */
static PimDPoPKey *
load_dpop_key (const char *path, GError **error)
{
  g_autofree char *json = NULL;
  g_autoptr (GError) read_error = NULL;
  g_autoptr (PimDPoPKey) key = NULL;
  gsize len = 0;

  if (g_file_get_contents (path, &json, &len, &read_error))
    {
      key = pim_dpop_key_new_from_jwk (json, error);
      memset (json, 0, len);
      return g_steal_pointer (&key);
    }
  if (!g_error_matches (read_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return NULL;
    }
  if ((key = pim_dpop_key_new_generate (NULL, error)) == NULL)
    return NULL;
  json = pim_dpop_key_to_jwk (key);
  if (!g_file_set_contents_full (path, json, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    key = NULL;
  memset (json, 0, strlen (json));
  return g_steal_pointer (&key);
}

/* Sets the DPoP key of @request from --dpop FILE, if given. */
static gboolean
apply_dpop (const char *path, gpointer request, GError **error)
{
  g_autoptr (PimDPoPKey) key = NULL;

  if (path == NULL)
    return TRUE;
  if ((key = load_dpop_key (path, error)) == NULL)
    return FALSE;
  pim_oauth_request_set_dpop_key (PIM_OAUTH_REQUEST (request), key);
  return TRUE;
}

#define DPOP_OPTION(file)                                                                    \
  {                                                                                          \
    "dpop", 0, 0, G_OPTION_ARG_FILENAME, &(file),                                            \
        N_ ("Bind the tokens to the DPoP key (RFC 9449) in FILE, a private JWK, made there " \
            "when missing"),                                                                 \
        N_ ("FILE")                                                                          \
  }

typedef enum
{
  GRANT_CLIENT_CREDENTIALS,
  GRANT_REFRESH,
  GRANT_EXCHANGE,
} Grant;

typedef struct
{
  char *grant;
  char *scope;
  GStrv resources;
  GStrv audiences;
  char *refresh_token_file;
  char *subject_token_file;
  char *subject_token_type;
  char *actor_token_file;
  char *actor_token_type;
  char *requested_token_type;
  char *dpop_file;
} TokenOptions;

static void
token_options_clear (TokenOptions *options)
{
  g_free (options->grant);
  g_free (options->scope);
  g_strfreev (options->resources);
  g_strfreev (options->audiences);
  g_free (options->refresh_token_file);
  g_free (options->subject_token_file);
  g_free (options->subject_token_type);
  g_free (options->actor_token_file);
  g_free (options->actor_token_type);
  g_free (options->requested_token_type);
  g_free (options->dpop_file);
}

/* Checks the grant's options; FALSE (with a usage message) when they do
 * not go together. */
static gboolean
check_grant (GOptionContext *context, TokenOptions *options, Grant *grant, int *status)
{
  const char *message = NULL;

  if (options->grant == NULL || strcmp (options->grant, "client-credentials") == 0)
    *grant = GRANT_CLIENT_CREDENTIALS;
  else if (strcmp (options->grant, "refresh") == 0)
    *grant = GRANT_REFRESH;
  else if (strcmp (options->grant, "exchange") == 0)
    *grant = GRANT_EXCHANGE;
  else
    {
      *status = usage_error ("token", context,
                             _ ("The grant must be client-credentials, refresh or exchange"));
      return FALSE;
    }

  if (*grant == GRANT_REFRESH && options->refresh_token_file == NULL)
    message = _ ("The refresh grant needs --refresh-token-file");
  else if (*grant != GRANT_REFRESH && options->refresh_token_file != NULL)
    message = _ ("The option --refresh-token-file is for the refresh grant only");
  else if (*grant == GRANT_EXCHANGE &&
           (options->subject_token_file == NULL || options->subject_token_type == NULL))
    message = _ ("The exchange grant needs --subject-token-file and --subject-token-type");
  else if (*grant != GRANT_EXCHANGE &&
           (options->subject_token_file != NULL || options->subject_token_type != NULL ||
            options->actor_token_file != NULL || options->actor_token_type != NULL ||
            options->requested_token_type != NULL))
    message = _ ("The subject, actor and requested token options are for the exchange grant only");
  else if ((options->actor_token_file == NULL) != (options->actor_token_type == NULL))
    message = _ ("The options --actor-token-file and --actor-token-type go together");
  if (message != NULL)
    {
      *status = usage_error ("token", context, message);
      return FALSE;
    }
  return resolve_token_type ("token", context, &options->subject_token_type, status) &&
         resolve_token_type ("token", context, &options->actor_token_type, status) &&
         resolve_token_type ("token", context, &options->requested_token_type, status);
}

/* Reads the grant's tokens from their files onto @request. */
static gboolean
read_grant_tokens (TokenOptions *options, Grant grant, PimTokenRequest *request, GError **error)
{
  g_autofree char *token = NULL;

  if (grant == GRANT_REFRESH)
    {
      if ((token = read_one_line (options->refresh_token_file, _ ("refresh token"), error)) == NULL)
        return FALSE;
      pim_refresh_token_request_set_refresh_token (PIM_REFRESH_TOKEN_REQUEST (request), token);
    }
  else if (grant == GRANT_EXCHANGE)
    {
      if ((token = read_one_line (options->subject_token_file, _ ("subject token"), error)) == NULL)
        return FALSE;
      g_object_set (request, "subject-token", token, "subject-token-type",
                    options->subject_token_type, "requested-token-type",
                    options->requested_token_type, NULL);
      g_clear_pointer (&token, g_free);
      if (options->actor_token_file != NULL)
        {
          if ((token = read_one_line (options->actor_token_file, _ ("actor token"), error)) == NULL)
            return FALSE;
          g_object_set (request, "actor-token", token, "actor-token-type",
                        options->actor_token_type, NULL);
        }
    }
  return TRUE;
}

int
run_token (int argc, char **argv)
{
  ClientOptions options = { 0 };
  TokenOptions  token = { 0 };
  GOptionEntry  entries[] = {
     { "grant", 0, 0, G_OPTION_ARG_STRING, &token.grant,
       N_ ("The grant: client-credentials (the default), refresh or exchange"), N_ ("GRANT") },
     { "scope", 0, 0, G_OPTION_ARG_STRING, &token.scope, N_ ("The scope to ask for"), N_ ("SCOPE") },
     { "resource", 0, 0, G_OPTION_ARG_STRING_ARRAY, &token.resources,
       N_ ("A resource the token is for (RFC 8707; repeatable)"), N_ ("URI") },
     { "audience", 0, 0, G_OPTION_ARG_STRING_ARRAY, &token.audiences,
       N_ ("An audience the token is for (repeatable)"), N_ ("AUDIENCE") },
     { "refresh-token-file", 0, 0, G_OPTION_ARG_FILENAME, &token.refresh_token_file,
       N_ ("Read the refresh token from FILE (“-”: standard input)"), N_ ("FILE") },
     { "subject-token-file", 0, 0, G_OPTION_ARG_FILENAME, &token.subject_token_file,
       N_ ("Read the token to exchange from FILE (“-”: standard input)"), N_ ("FILE") },
     { "subject-token-type", 0, 0, G_OPTION_ARG_STRING, &token.subject_token_type,
       N_ ("The subject token's type: a URI, or access_token, refresh_token, id_token, saml1, "
            "saml2, jwt"),
       N_ ("TYPE") },
     { "actor-token-file", 0, 0, G_OPTION_ARG_FILENAME, &token.actor_token_file,
       N_ ("Read the actor's token from FILE (“-”: standard input)"), N_ ("FILE") },
     { "actor-token-type", 0, 0, G_OPTION_ARG_STRING, &token.actor_token_type,
       N_ ("The actor token's type"), N_ ("TYPE") },
     { "requested-token-type", 0, 0, G_OPTION_ARG_STRING, &token.requested_token_type,
       N_ ("The type of token to ask for in an exchange"), N_ ("TYPE") },
     DPOP_OPTION (token.dpop_file),
     G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = client_context (
      NULL,
      _ ("Get a token from the token endpoint with the client credentials grant, a refresh "
         "token (RFC 6749) or a token exchange (RFC 8693), and print the token response."),
      entries, &options, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (PimTokenRequest) request = NULL;
  g_autoptr (PimTokenResponse) response = NULL;
  Grant grant = GRANT_CLIENT_CREDENTIALS;
  int   status = EXIT_OK;

  if (!parse_context ("token", context, 0, 0, &argc, &argv, &status) ||
      !check_grant (context, &token, &grant, &status))
    goto out;
  if (count_stdin ((const char *const[]){ options.client_secret_file, options.client_key_file,
                                          token.refresh_token_file, token.subject_token_file,
                                          token.actor_token_file },
                   5) > 1)
    {
      status = usage_error ("token", context, _ ("Only one input can be standard input"));
      goto out;
    }
  if ((status = client_options_load ("token", context, &options, TRUE)) != EXIT_OK)
    goto out;

  if (grant == GRANT_REFRESH)
    request = g_object_new (PIM_TYPE_REFRESH_TOKEN_REQUEST, NULL);
  else if (grant == GRANT_EXCHANGE)
    request = g_object_new (PIM_TYPE_TOKEN_EXCHANGE_REQUEST, NULL);
  else
    request = g_object_new (PIM_TYPE_CLIENT_CREDENTIALS_TOKEN_REQUEST, NULL);
  client_options_apply (&options, request);
  pim_token_request_set_scope (request, token.scope);
  pim_token_request_set_resources (request, (const char *const *) token.resources);
  pim_token_request_set_audiences (request, (const char *const *) token.audiences);
  if (!read_grant_tokens (&token, grant, request, &error) ||
      !apply_dpop (token.dpop_file, request, &error))
    {
      status = fail ("token", error);
      goto out;
    }
  if ((client = client_for (&options.common, &error)) == NULL)
    {
      status = fail ("token", error);
      goto out;
    }
  if ((response = pim_request_token (request, client, NULL, &error)) == NULL)
    {
      status = fail_request ("token", request, error);
      goto out;
    }
  print_json_object (pim_token_response_get_json (response));
out:
  token_options_clear (&token);
  client_options_clear (&options);
  return status;
}

/* What introspect and revoke share: a token and a hint. */
static int
run_token_command (const char *command, const char *summary, int argc, char **argv)
{
  ClientOptions    options = { 0 };
  g_autofree char *hint = NULL;
  GOptionEntry     entries[] = {
        { "hint", 0, 0, G_OPTION_ARG_STRING, &hint,
          N_ ("What the token is: access_token or refresh_token (token_type_hint)"), N_ ("HINT") },
        G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context =
      client_context (_ ("TOKEN|-"), summary, entries, &options, TRUE);
  gboolean introspect = strcmp (command, "introspect") == 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (PimOAuthRequest) request = NULL;
  g_autoptr (PimIntrospectionResponse) response = NULL;
  g_autofree char *token = NULL;
  int              status = EXIT_OK;

  if (!parse_context (command, context, 1, 1, &argc, &argv, &status))
    goto out;
  if (count_stdin ((const char *const[]){ options.client_secret_file, options.client_key_file,
                                          argv[1] },
                   3) > 1)
    {
      status = usage_error (command, context, _ ("Only one input can be standard input"));
      goto out;
    }
  if ((status = client_options_load (command, context, &options, TRUE)) != EXIT_OK)
    goto out;
  if ((token = read_token (argv[1], &error)) == NULL ||
      (client = client_for (&options.common, &error)) == NULL)
    {
      status = fail (command, error);
      goto out;
    }

  if (introspect)
    {
      PimIntrospectionRequest *introspection = g_object_new (PIM_TYPE_INTROSPECTION_REQUEST, NULL);

      request = PIM_OAUTH_REQUEST (introspection);
      client_options_apply (&options, request);
      pim_introspection_request_set_token (introspection, token);
      pim_introspection_request_set_token_type_hint (introspection, hint);
      if ((response = pim_introspect_token (introspection, client, NULL, &error)) != NULL)
        print_json_object (pim_introspection_response_get_json (response));
    }
  else
    {
      PimRevocationRequest *revocation = g_object_new (PIM_TYPE_REVOCATION_REQUEST, NULL);

      request = PIM_OAUTH_REQUEST (revocation);
      client_options_apply (&options, request);
      pim_revocation_request_set_token (revocation, token);
      pim_revocation_request_set_token_type_hint (revocation, hint);
      pim_revoke_token (revocation, client, NULL, &error);
    }
  if (error != NULL)
    status = fail_request (command, request, error);
out:
  client_options_clear (&options);
  return status;
}

int
run_introspect (int argc, char **argv)
{
  return run_token_command ("introspect",
                            _ ("Ask the provider's introspection endpoint whether a token is "
                               "active, and what it is for (RFC 7662); print the answer. "
                               "“-” reads the token from standard input."),
                            argc, argv);
}

int
run_revoke (int argc, char **argv)
{
  return run_token_command ("revoke",
                            _ ("Revoke a token at the provider's revocation endpoint (RFC 7009); "
                               "print nothing. “-” reads the token from standard input."),
                            argc, argv);
}

int
run_userinfo (int argc, char **argv)
{
  ClientOptions    options = { 0 };
  gboolean         post = FALSE;
  g_autofree char *subject = NULL;
  g_autofree char *dpop_file = NULL;
  GOptionEntry     entries[] = {
        { "post", 0, 0, G_OPTION_ARG_NONE, &post, N_ ("Send a POST instead of a GET"), NULL },
        { "expected-subject", 0, 0, G_OPTION_ARG_STRING, &subject,
          N_ ("The “sub” the answer must be about, the ID token's"), N_ ("SUB") },
        DPOP_OPTION (dpop_file),
        G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = client_context (
      _ ("TOKEN|-"),
      _ ("Get the claims about the user an access token is for from the UserInfo endpoint, and "
         "print them (a signed answer is validated first: give --issuer and --client-id). “-” "
         "reads the token from standard input."),
      entries, &options, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (PimUserInfoRequest) request = NULL;
  g_autoptr (PimUserInfoResponse) response = NULL;
  g_autofree char *token = NULL;
  int              status = EXIT_OK;

  if (!parse_context ("userinfo", context, 1, 1, &argc, &argv, &status) ||
      (status = client_options_load ("userinfo", context, &options, FALSE)) != EXIT_OK)
    goto out;
  if ((token = read_token (argv[1], &error)) == NULL ||
      (client = client_for (&options.common, &error)) == NULL)
    {
      status = fail ("userinfo", error);
      goto out;
    }
  request = pim_userinfo_request_new (NULL, token);
  client_options_apply (&options, request);
  pim_userinfo_request_set_use_post (request, post);
  pim_userinfo_request_set_expected_subject (request, subject);
  if (!apply_dpop (dpop_file, request, &error))
    {
      status = fail ("userinfo", error);
      goto out;
    }
  if ((response = pim_get_userinfo (request, client, NULL, &error)) == NULL)
    {
      status = fail_request ("userinfo", request, error);
      goto out;
    }
  if (pim_userinfo_response_get_claims (response) != NULL)
    print_json_object (pim_claims_get_json (pim_userinfo_response_get_claims (response)));
  else
    print_json_object (pim_userinfo_response_get_json (response));
out:
  client_options_clear (&options);
  return status;
}

/* The device flow, run on a main loop so that Ctrl-C cancels it. */
typedef struct
{
  GMainLoop                      *loop;
  GCancellable                   *cancellable;
  PimHttpClient                  *client;
  PimDeviceAuthorizationRequest  *authorization_request;
  PimDeviceAuthorizationResponse *authorization;
  PimDeviceTokenRequest          *token_request;
  gpointer                        failed_request;
  PimTokenResponse               *tokens;
  GError                         *error;
} DeviceFlow;

static void
on_tokens (GObject *source, GAsyncResult *result, gpointer data)
{
  DeviceFlow *flow = data;

  flow->tokens = pim_poll_device_token_finish (result, &flow->error);
  flow->failed_request = flow->token_request;
  g_main_loop_quit (flow->loop);
}

/* Tells the user where to go: on standard error, so that standard output
 * has the tokens only. */
static void
print_instructions (PimDeviceAuthorizationResponse *authorization)
{
  g_autofree char *uri =
      printable (pim_device_authorization_response_get_verification_uri (authorization));
  g_autofree char *code =
      printable (pim_device_authorization_response_get_user_code (authorization));
  const char *complete =
      pim_device_authorization_response_get_verification_uri_complete (authorization);
  gint64 minutes = (pim_device_authorization_response_get_expires_in (authorization) + 59) / 60;

  g_printerr (_ ("To sign in, open %s in a browser and enter the code %s\n"), uri, code);
  if (complete != NULL)
    {
      g_autofree char *shown = printable (complete);

      g_printerr (_ ("(or open %s, which holds the code).\n"), shown);
    }
  if (minutes > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "The code expires in %" G_GINT64_FORMAT " minute.\n",
                             "The code expires in %" G_GINT64_FORMAT " minutes.\n", minutes),
                minutes);
  g_printerr (_ ("Waiting for the sign-in…\n"));
}

static void
on_authorized (GObject *source, GAsyncResult *result, gpointer data)
{
  DeviceFlow *flow = data;

  flow->authorization = pim_request_device_authorization_finish (result, &flow->error);
  if (flow->authorization == NULL)
    {
      flow->failed_request = flow->authorization_request;
      g_main_loop_quit (flow->loop);
      return;
    }
  print_instructions (flow->authorization);
  pim_poll_device_token_async (flow->token_request, flow->authorization, flow->client,
                               flow->cancellable, on_tokens, flow);
}

int
run_device (int argc, char **argv)
{
  ClientOptions    options = { 0 };
  g_autofree char *scope = NULL;
  g_auto (GStrv) resources = NULL;
  g_autofree char *dpop_file = NULL;
  double           interval = -1.0;
  GOptionEntry     entries[] = {
        { "scope", 0, 0, G_OPTION_ARG_STRING, &scope, N_ ("The scope to ask for"), N_ ("SCOPE") },
        { "resource", 0, 0, G_OPTION_ARG_STRING_ARRAY, &resources,
          N_ ("A resource the token is for (RFC 8707; repeatable)"), N_ ("URI") },
        { "interval", 0, 0, G_OPTION_ARG_DOUBLE, &interval,
          N_ ("Poll every SECONDS seconds (default: as the provider says, else 5)"), N_ ("SECONDS") },
        DPOP_OPTION (dpop_file),
        G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = client_context (
      NULL,
      _ ("Sign in with the device authorization grant (RFC 8628): show where to enter a code, "
         "wait for the user to approve on another device, and print the token response. "
         "Ctrl-C stops waiting."),
      entries, &options, TRUE);
  g_autoptr (GSource) sigint = NULL;
  DeviceFlow flow = { 0 };
  int        status = EXIT_OK;

  if (!parse_context ("device", context, 0, 0, &argc, &argv, &status))
    goto out;
  if (interval != -1.0 && (interval < 0.0 || interval > 3600.0))
    {
      status =
          usage_error ("device", context, _ ("The interval must be between 0 and 3600 seconds"));
      goto out;
    }
  if ((status = client_options_load ("device", context, &options, TRUE)) != EXIT_OK)
    goto out;
  if ((flow.client = client_for (&options.common, &flow.error)) == NULL)
    {
      status = fail ("device", flow.error);
      goto out;
    }

  flow.authorization_request = g_object_new (PIM_TYPE_DEVICE_AUTHORIZATION_REQUEST, NULL);
  client_options_apply (&options, flow.authorization_request);
  pim_device_authorization_request_set_scope (flow.authorization_request, scope);
  pim_device_authorization_request_set_resources (flow.authorization_request,
                                                  (const char *const *) resources);
  flow.token_request = g_object_new (PIM_TYPE_DEVICE_TOKEN_REQUEST, NULL);
  client_options_apply (&options, flow.token_request);
  pim_token_request_set_resources (PIM_TOKEN_REQUEST (flow.token_request),
                                   (const char *const *) resources);
  if (interval >= 0.0)
    pim_device_token_request_set_interval (flow.token_request, interval);
  if (!apply_dpop (dpop_file, flow.token_request, &flow.error))
    {
      status = fail ("device", flow.error);
      goto out;
    }

  flow.loop = g_main_loop_new (NULL, FALSE);
  flow.cancellable = g_cancellable_new ();
  sigint = cancel_on_sigint (flow.cancellable);
  pim_request_device_authorization_async (flow.authorization_request, flow.client, flow.cancellable,
                                          on_authorized, &flow);
  g_main_loop_run (flow.loop);
  g_source_destroy (sigint);

  if (flow.tokens != NULL)
    print_json_object (pim_token_response_get_json (flow.tokens));
  else
    status = fail_request ("device", flow.failed_request, flow.error);
out:
  g_clear_error (&flow.error);
  g_clear_object (&flow.tokens);
  g_clear_object (&flow.token_request);
  g_clear_object (&flow.authorization);
  g_clear_object (&flow.authorization_request);
  g_clear_object (&flow.client);
  g_clear_object (&flow.cancellable);
  g_clear_pointer (&flow.loop, g_main_loop_unref);
  client_options_clear (&options);
  return status;
}
