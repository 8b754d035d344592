/* pim-browser-sign-in-accessors.c: the getters and setters of the
 * properties of PimBrowserSignIn (installed in pim-browser-sign-in.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-browser-sign-in-private.h"

/**
 * pim_browser_sign_in_get_issuer:
 * @self: a browser sign-in
 *
 * Gets [property@BrowserSignIn:issuer].
 *
 * Returns: (nullable): the issuer
 *
 * Since: 0.1
 */
const char *
pim_browser_sign_in_get_issuer (PimBrowserSignIn *self)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), NULL);
  return self->issuer;
}

/**
 * pim_browser_sign_in_get_discovery_document:
 * @self: a browser sign-in
 *
 * Gets [property@BrowserSignIn:discovery-document].
 *
 * Returns: (transfer none) (nullable): the discovery document
 *
 * Since: 0.1
 */
PimDiscoveryDocument *
pim_browser_sign_in_get_discovery_document (PimBrowserSignIn *self)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), NULL);
  return self->document;
}

/**
 * pim_browser_sign_in_set_discovery_document:
 * @self: a browser sign-in
 * @document: (nullable): the discovery document
 *
 * Sets [property@BrowserSignIn:discovery-document].
 *
 * Since: 0.1
 */
void
pim_browser_sign_in_set_discovery_document (PimBrowserSignIn *self, PimDiscoveryDocument *document)
{
  g_return_if_fail (PIM_IS_BROWSER_SIGN_IN (self));
  g_return_if_fail (document == NULL || PIM_IS_DISCOVERY_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  pim_browser_sign_in_notify (self, PROP_DISCOVERY_DOCUMENT);
}

/**
 * pim_browser_sign_in_get_client_id:
 * @self: a browser sign-in
 *
 * Gets [property@BrowserSignIn:client-id].
 *
 * Returns: (nullable): the client id
 *
 * Since: 0.1
 */
const char *
pim_browser_sign_in_get_client_id (PimBrowserSignIn *self)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), NULL);
  return self->client_id;
}

/**
 * pim_browser_sign_in_set_client_id:
 * @self: a browser sign-in
 * @client_id: (nullable): the client id
 *
 * Sets [property@BrowserSignIn:client-id].
 *
 * Since: 0.1
 */
void
pim_browser_sign_in_set_client_id (PimBrowserSignIn *self, const char *client_id)
{
  g_return_if_fail (PIM_IS_BROWSER_SIGN_IN (self));

  if (g_strcmp0 (self->client_id, client_id) == 0)
    return;
  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
  pim_browser_sign_in_notify (self, PROP_CLIENT_ID);
}

/**
 * pim_browser_sign_in_get_scope:
 * @self: a browser sign-in
 *
 * Gets [property@BrowserSignIn:scope].
 *
 * Returns: (nullable): the scope
 *
 * Since: 0.1
 */
const char *
pim_browser_sign_in_get_scope (PimBrowserSignIn *self)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), NULL);
  return self->scope;
}

/**
 * pim_browser_sign_in_set_scope:
 * @self: a browser sign-in
 * @scope: (nullable): the scope
 *
 * Sets [property@BrowserSignIn:scope].
 *
 * Since: 0.1
 */
void
pim_browser_sign_in_set_scope (PimBrowserSignIn *self, const char *scope)
{
  g_return_if_fail (PIM_IS_BROWSER_SIGN_IN (self));

  if (g_strcmp0 (self->scope, scope) == 0)
    return;
  g_free (self->scope);
  self->scope = g_strdup (scope);
  pim_browser_sign_in_notify (self, PROP_SCOPE);
}

/**
 * pim_browser_sign_in_get_http_client:
 * @self: a browser sign-in
 *
 * Gets [property@BrowserSignIn:http-client].
 *
 * Returns: (transfer none) (nullable): the HTTP client
 *
 * Since: 0.1
 */
PimHttpClient *
pim_browser_sign_in_get_http_client (PimBrowserSignIn *self)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), NULL);
  return self->http_client;
}

/**
 * pim_browser_sign_in_set_http_client:
 * @self: a browser sign-in
 * @client: (nullable): the HTTP client
 *
 * Sets [property@BrowserSignIn:http-client].
 *
 * Since: 0.1
 */
void
pim_browser_sign_in_set_http_client (PimBrowserSignIn *self, PimHttpClient *client)
{
  g_return_if_fail (PIM_IS_BROWSER_SIGN_IN (self));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  if (!g_set_object (&self->http_client, client))
    return;
  pim_browser_sign_in_notify (self, PROP_HTTP_CLIENT);
}

/**
 * pim_browser_sign_in_get_redirect_uri:
 * @self: a browser sign-in
 *
 * Gets [property@BrowserSignIn:redirect-uri].
 *
 * Returns: (nullable): the redirect URI
 *
 * Since: 0.1
 */
const char *
pim_browser_sign_in_get_redirect_uri (PimBrowserSignIn *self)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), NULL);
  return self->redirect_uri;
}

/**
 * pim_browser_sign_in_set_redirect_uri:
 * @self: a browser sign-in
 * @redirect_uri: (nullable): the redirect URI
 *
 * Sets [property@BrowserSignIn:redirect-uri].
 *
 * Since: 0.1
 */
void
pim_browser_sign_in_set_redirect_uri (PimBrowserSignIn *self, const char *redirect_uri)
{
  g_return_if_fail (PIM_IS_BROWSER_SIGN_IN (self));

  if (g_strcmp0 (self->redirect_uri, redirect_uri) == 0)
    return;
  g_free (self->redirect_uri);
  self->redirect_uri = g_strdup (redirect_uri);
  pim_browser_sign_in_notify (self, PROP_REDIRECT_URI);
}

/**
 * pim_browser_sign_in_get_redirect_path:
 * @self: a browser sign-in
 *
 * Gets [property@BrowserSignIn:redirect-path].
 *
 * Returns: (nullable): the redirect path
 *
 * Since: 0.1
 */
const char *
pim_browser_sign_in_get_redirect_path (PimBrowserSignIn *self)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), NULL);
  return self->redirect_path;
}

/**
 * pim_browser_sign_in_set_redirect_path:
 * @self: a browser sign-in
 * @path: (nullable): the redirect path
 *
 * Sets [property@BrowserSignIn:redirect-path].
 *
 * Since: 0.1
 */
void
pim_browser_sign_in_set_redirect_path (PimBrowserSignIn *self, const char *path)
{
  g_return_if_fail (PIM_IS_BROWSER_SIGN_IN (self));

  if (g_strcmp0 (self->redirect_path, path) == 0)
    return;
  g_free (self->redirect_path);
  self->redirect_path = g_strdup (path);
  pim_browser_sign_in_notify (self, PROP_REDIRECT_PATH);
}

/**
 * pim_browser_sign_in_get_use_ipv6:
 * @self: a browser sign-in
 *
 * Gets [property@BrowserSignIn:use-ipv6].
 *
 * Returns: whether to listen on `[::1]`
 *
 * Since: 0.1
 */
gboolean
pim_browser_sign_in_get_use_ipv6 (PimBrowserSignIn *self)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), FALSE);
  return self->use_ipv6;
}

/**
 * pim_browser_sign_in_set_use_ipv6:
 * @self: a browser sign-in
 * @use_ipv6: whether to listen on `[::1]`
 *
 * Sets [property@BrowserSignIn:use-ipv6].
 *
 * Since: 0.1
 */
void
pim_browser_sign_in_set_use_ipv6 (PimBrowserSignIn *self, gboolean use_ipv6)
{
  g_return_if_fail (PIM_IS_BROWSER_SIGN_IN (self));

  use_ipv6 = !!use_ipv6;
  if (self->use_ipv6 == use_ipv6)
    return;
  self->use_ipv6 = use_ipv6;
  pim_browser_sign_in_notify (self, PROP_USE_IPV6);
}

/**
 * pim_browser_sign_in_get_use_par:
 * @self: a browser sign-in
 *
 * Gets [property@BrowserSignIn:use-par].
 *
 * Returns: whether to push the authorization request
 *
 * Since: 0.1
 */
gboolean
pim_browser_sign_in_get_use_par (PimBrowserSignIn *self)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), FALSE);
  return self->use_par;
}

/**
 * pim_browser_sign_in_set_use_par:
 * @self: a browser sign-in
 * @use_par: whether to push the authorization request
 *
 * Sets [property@BrowserSignIn:use-par].
 *
 * Since: 0.1
 */
void
pim_browser_sign_in_set_use_par (PimBrowserSignIn *self, gboolean use_par)
{
  g_return_if_fail (PIM_IS_BROWSER_SIGN_IN (self));

  use_par = !!use_par;
  if (self->use_par == use_par)
    return;
  self->use_par = use_par;
  pim_browser_sign_in_notify (self, PROP_USE_PAR);
}

/**
 * pim_browser_sign_in_get_timeout:
 * @self: a browser sign-in
 *
 * Gets [property@BrowserSignIn:timeout].
 *
 * Returns: the timeout in seconds
 *
 * Since: 0.1
 */
guint
pim_browser_sign_in_get_timeout (PimBrowserSignIn *self)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), 0);
  return self->timeout;
}

/**
 * pim_browser_sign_in_set_timeout:
 * @self: a browser sign-in
 * @seconds: the timeout in seconds
 *
 * Sets [property@BrowserSignIn:timeout].
 *
 * Since: 0.1
 */
void
pim_browser_sign_in_set_timeout (PimBrowserSignIn *self, guint seconds)
{
  g_return_if_fail (PIM_IS_BROWSER_SIGN_IN (self));

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  pim_browser_sign_in_notify (self, PROP_TIMEOUT);
}

/**
 * pim_browser_sign_in_get_prompt:
 * @self: a browser sign-in
 *
 * Gets [property@BrowserSignIn:prompt].
 *
 * Returns: (nullable): the prompt
 *
 * Since: 0.1
 */
const char *
pim_browser_sign_in_get_prompt (PimBrowserSignIn *self)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), NULL);
  return self->prompt;
}

/**
 * pim_browser_sign_in_set_prompt:
 * @self: a browser sign-in
 * @prompt: (nullable): the prompt
 *
 * Sets [property@BrowserSignIn:prompt].
 *
 * Since: 0.1
 */
void
pim_browser_sign_in_set_prompt (PimBrowserSignIn *self, const char *prompt)
{
  g_return_if_fail (PIM_IS_BROWSER_SIGN_IN (self));

  if (g_strcmp0 (self->prompt, prompt) == 0)
    return;
  g_free (self->prompt);
  self->prompt = g_strdup (prompt);
  pim_browser_sign_in_notify (self, PROP_PROMPT);
}

/**
 * pim_browser_sign_in_get_login_hint:
 * @self: a browser sign-in
 *
 * Gets [property@BrowserSignIn:login-hint].
 *
 * Returns: (nullable): the login hint
 *
 * Since: 0.1
 */
const char *
pim_browser_sign_in_get_login_hint (PimBrowserSignIn *self)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), NULL);
  return self->login_hint;
}

/**
 * pim_browser_sign_in_set_login_hint:
 * @self: a browser sign-in
 * @login_hint: (nullable): the login hint
 *
 * Sets [property@BrowserSignIn:login-hint].
 *
 * Since: 0.1
 */
void
pim_browser_sign_in_set_login_hint (PimBrowserSignIn *self, const char *login_hint)
{
  g_return_if_fail (PIM_IS_BROWSER_SIGN_IN (self));

  if (g_strcmp0 (self->login_hint, login_hint) == 0)
    return;
  g_free (self->login_hint);
  self->login_hint = g_strdup (login_hint);
  pim_browser_sign_in_notify (self, PROP_LOGIN_HINT);
}

/**
 * pim_browser_sign_in_get_dpop_key:
 * @self: a browser sign-in
 *
 * Gets [property@BrowserSignIn:dpop-key].
 *
 * Returns: (transfer none) (nullable): the DPoP key
 *
 * Since: 0.1
 */
PimDPoPKey *
pim_browser_sign_in_get_dpop_key (PimBrowserSignIn *self)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), NULL);
  return self->dpop_key;
}

/**
 * pim_browser_sign_in_set_dpop_key:
 * @self: a browser sign-in
 * @key: (nullable): the DPoP key
 *
 * Sets [property@BrowserSignIn:dpop-key].
 *
 * Since: 0.1
 */
void
pim_browser_sign_in_set_dpop_key (PimBrowserSignIn *self, PimDPoPKey *key)
{
  g_return_if_fail (PIM_IS_BROWSER_SIGN_IN (self));
  g_return_if_fail (key == NULL || PIM_IS_DPOP_KEY (key));

  if (!g_set_object (&self->dpop_key, key))
    return;
  pim_browser_sign_in_notify (self, PROP_DPOP_KEY);
}

/**
 * pim_browser_sign_in_get_redirect_address:
 * @self: a browser sign-in
 *
 * Gets [property@BrowserSignIn:redirect-address].
 *
 * Returns: (nullable): the redirect URI of the running sign-in, or %NULL
 *
 * Since: 0.1
 */
const char *
pim_browser_sign_in_get_redirect_address (PimBrowserSignIn *self)
{
  g_return_val_if_fail (PIM_IS_BROWSER_SIGN_IN (self), NULL);
  return pim_sign_in_run_get_redirect_uri (self->run);
}
