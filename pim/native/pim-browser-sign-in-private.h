/* pim-browser-sign-in-private.h: what the files of PimBrowserSignIn
 * share: the object's fields and property ids (pim-browser-sign-in.c,
 * pim-browser-sign-in-accessors.c) and one run (pim-sign-in-run.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-browser-sign-in.h"

G_BEGIN_DECLS

/* One run of a sign-in, from start to result; its fields are private to
 * pim-sign-in-run.c. */
typedef struct _PimSignInRun PimSignInRun;

struct _PimBrowserSignIn
{
  GObject parent_instance;

  char                 *issuer;
  PimDiscoveryDocument *document;
  char                 *client_id;
  char                 *scope;
  PimHttpClient        *http_client;
  char                 *redirect_uri;
  char                 *redirect_path;
  gboolean              use_ipv6;
  gboolean              use_par;
  guint                 timeout;
  char                 *prompt;
  char                 *login_hint;
  PimDPoPKey           *dpop_key;

  gint          running; /* atomic: one run at a time */
  PimSignInRun *run;     /* the running sign-in, touched on its context only */
};

/* The properties, installed by pim-browser-sign-in.c. */
enum
{
  PROP_0,
  PROP_ISSUER,
  PROP_DISCOVERY_DOCUMENT,
  PROP_CLIENT_ID,
  PROP_SCOPE,
  PROP_HTTP_CLIENT,
  PROP_REDIRECT_URI,
  PROP_REDIRECT_PATH,
  PROP_USE_IPV6,
  PROP_USE_PAR,
  PROP_TIMEOUT,
  PROP_PROMPT,
  PROP_LOGIN_HINT,
  PROP_DPOP_KEY,
  PROP_REDIRECT_ADDRESS,
  N_PROPS
};

/* Notifies the property @prop_id (a PROP_ value) of @self. */
G_GNUC_INTERNAL
void pim_browser_sign_in_notify (PimBrowserSignIn *self, guint prop_id);

/* Emits PimBrowserSignIn::open-uri with @uri; returns whether a handler
 * took care of it. */
G_GNUC_INTERNAL
gboolean pim_browser_sign_in_emit_open_uri (PimBrowserSignIn *self, const char *uri);

/* Starts a run of @self with @client (NULL: the shared default) on the
 * thread-default main context, as self->run; returns its task (a new
 * reference), which returns a PimSignInResult or an error. Fails with
 * PIM_NATIVE_ERROR_BUSY while another run is going on. */
G_GNUC_INTERNAL
GTask *pim_sign_in_run_start (PimBrowserSignIn   *self,
                              PimHttpClient      *client,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data);

/* The default handler of PimBrowserSignIn::open-uri: opens @uri with the
 * default browser, failing @run with PIM_NATIVE_ERROR_BROWSER_FAILED when
 * that fails. Returns FALSE when @run is NULL or has ended. */
G_GNUC_INTERNAL
gboolean pim_sign_in_run_launch_browser (PimSignInRun *run, const char *uri);

/* Hands @uri, received by the app, to @run (NULL: none) waiting for a
 * private-use scheme redirect: see pim_browser_sign_in_handle_redirect_uri(). */
G_GNUC_INTERNAL
gboolean pim_sign_in_run_handle_redirect_uri (PimSignInRun *run, const char *uri);

/* The redirect URI of @run (NULL: none), or NULL once it has ended. */
G_GNUC_INTERNAL
const char *pim_sign_in_run_get_redirect_uri (PimSignInRun *run);

G_END_DECLS
