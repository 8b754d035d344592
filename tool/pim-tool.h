/* pim-tool.h: what the commands of pim-tool share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pim/pim.h>

G_BEGIN_DECLS

/* Exit codes, one per error class, so that scripts can tell them apart. */
enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_HTTP = 3,
  EXIT_DISCOVERY = 4,
  EXIT_JOSE = 5,
  EXIT_TOKEN = 6,
  EXIT_OAUTH = 7,
  /* The shell's code for a command ended by SIGINT. */
  EXIT_INTERRUPTED = 130,
};

/* Options every network command takes. */
typedef struct
{
  char    *ca_file;
  int      timeout;
  gboolean allow_http;
} CommonOptions;

/* The entries for @options: a new array, to free with g_free(). */
GOptionEntry *common_entries (CommonOptions *options);

/* Frees what parsing put in @options. */
void common_options_clear (CommonOptions *options);

/* The exit code for @error's class. */
int exit_code_for (const GError *error);

/* Prints “pim-tool COMMAND: message” on standard error; returns the exit
 * code for @error. */
int fail (const char *command, const GError *error);

/* Parses @argv for @command, with the common options only; leaves the one
 * positional argument in *@argument. On failure prints why and sets
 * *@status. */
gboolean parse_command (const char    *command,
                        const char    *parameter,
                        const char    *summary,
                        CommonOptions *options,
                        int           *argc,
                        char        ***argv,
                        const char   **argument,
                        int           *status);

/* Parses @argv with @context, then checks that it has between @min_args
 * and @max_args positional arguments. On failure prints why (the help for
 * a wrong count) and sets *@status to EXIT_USAGE. */
gboolean parse_context (const char     *command,
                        GOptionContext *context,
                        int             min_args,
                        int             max_args,
                        int            *argc,
                        char         ***argv,
                        int            *status);

/* Prints “pim-tool COMMAND: @message” and where to find help or, without a
 * message, the help of @context, on standard error; returns EXIT_USAGE. */
int usage_error (const char *command, GOptionContext *context, const char *message);

/* The whole of @path, or of standard input when @path is “-”. */
char *read_input (const char *path, GError **error);

/* A token given as an argument: @argument itself, or standard input
 * stripped of surrounding white space when @argument is “-”. */
char *read_token (const char *argument, GError **error);

/* The HTTP client @options describe. */
PimHttpClient *client_for (CommonOptions *options, GError **error);

/* Fetches and checks @issuer's discovery document (plain HTTP allowed
 * beyond loopback with --allow-http). */
PimDiscoveryDocument *
discover (CommonOptions *options, PimHttpClient *client, const char *issuer, GError **error);

/* From now until the returned source is destroyed, the first Ctrl-C
 * cancels @cancellable (the operation then ends and quits its loop); a
 * second one gets the default behaviour. Call it before the operation
 * starts, so that no prompt is seen before Ctrl-C is handled. */
GSource *cancel_on_sigint (GCancellable *cancellable);

/* Prints @node as indented JSON on standard output. */
void print_json (JsonNode *node);
void print_json_object (JsonObject *object);

/* ---- The client options of the OAuth commands (pim-tool-client.c) ---- */

/* Where a request goes and who the client is. */
typedef struct
{
  CommonOptions common;
  char         *issuer;
  char         *endpoint;
  char         *client_id;
  char         *client_secret_file;
  char         *client_key_file;
  char         *auth_method;

  /* Loaded by client_options_load () */
  char               *client_secret;
  PimJwk             *client_key;
  PimClientAuthMethod method;
  PimDiscoveryPolicy *policy;
} ClientOptions;

/* Frees what parsing and loading put in @options (the secret wiped). */
void client_options_clear (ClientOptions *options);

/* A new context for a command with its own @entries (nullable), the client
 * options (the client's credentials only when @authenticate) and the
 * common ones. */
GOptionContext *client_context (const char         *parameter,
                                const char         *summary,
                                const GOptionEntry *entries,
                                ClientOptions      *options,
                                gboolean            authenticate);

/* Checks the parsed client options and reads the secret and key they
 * name. On failure prints why and returns the exit code; else EXIT_OK. */
int client_options_load (const char     *command,
                         GOptionContext *context,
                         ClientOptions  *options,
                         gboolean        authenticate);

/* Puts the loaded client options on @request, a PimOAuthRequest. */
void client_options_apply (ClientOptions *options, gpointer request);

/* How many of @paths are “-”, standard input. */
guint count_stdin (const char *const *paths, gsize n_paths);

/* Reads a one-line secret or token (@what, for messages) from @path
 * (“-”: standard input), without its line end. Empty is an error. */
char *read_one_line (const char *path, const char *what, GError **error);

/* Text a server sent, safe for a terminal: printable ASCII only, at most
 * 200 bytes. */
char *printable (const char *text);

/* fail (), and what the provider said beyond the message when it refused
 * @request (a PimOAuthRequest): the HTTP status and any error URI. */
int fail_request (const char *command, gpointer request, const GError *error);

/* ---- The OAuth commands (pim-tool-oauth.c) ---- */
int run_token (int argc, char **argv);
int run_introspect (int argc, char **argv);
int run_revoke (int argc, char **argv);
int run_userinfo (int argc, char **argv);
int run_device (int argc, char **argv);

/* ---- Browser sign-in (pim-tool-login.c) ---- */
int run_login (int argc, char **argv);
int run_logout (int argc, char **argv);

G_END_DECLS
