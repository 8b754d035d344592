/* pim-http-client-accessors.c: the getters of the properties of
 * PimHttpClient (installed in pim-http-client.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-http-client-private.h"
#include "pim-http-private.h"

/**
 * pim_http_client_get_session:
 * @self: a client
 *
 * Gets the session requests go through.
 *
 * Returns: (transfer none) (nullable): the session, or %NULL once the
 *   client is closed
 *
 * Since: 0.1
 */
SoupSession *
pim_http_client_get_session (PimHttpClient *self)
{
  SoupSession *session;

  g_return_val_if_fail (PIM_IS_HTTP_CLIENT (self), NULL);

  g_mutex_lock (&self->lock);
  session = self->session;
  g_mutex_unlock (&self->lock);
  return session;
}

/**
 * pim_http_client_get_owns_session:
 * @self: a client
 *
 * Tells whether the client created its session.
 *
 * Returns: %TRUE if the session is the client's own
 *
 * Since: 0.1
 */
gboolean
pim_http_client_get_owns_session (PimHttpClient *self)
{
  g_return_val_if_fail (PIM_IS_HTTP_CLIENT (self), FALSE);

  return self->owns_session;
}

/**
 * pim_http_client_get_timeout:
 * @self: a client
 *
 * Gets the I/O timeout of the client's session.
 *
 * Returns: the timeout in seconds, 0 for none
 *
 * Since: 0.1
 */
guint
pim_http_client_get_timeout (PimHttpClient *self)
{
  g_return_val_if_fail (PIM_IS_HTTP_CLIENT (self), 0);

  return self->timeout;
}

/**
 * pim_http_client_get_tls_verify:
 * @self: a client
 *
 * Gets the TLS verification setting the client was built with.
 *
 * Returns: the setting
 *
 * Since: 0.1
 */
PimTlsVerify
pim_http_client_get_tls_verify (PimHttpClient *self)
{
  g_return_val_if_fail (PIM_IS_HTTP_CLIENT (self), PIM_TLS_VERIFY_DEFAULT);

  return self->tls_verify;
}

/**
 * pim_http_client_get_ca_file:
 * @self: a client
 *
 * Gets the CA file the client was built with.
 *
 * Returns: (nullable) (type filename): the file, or %NULL if none was given
 *
 * Since: 0.1
 */
const char *
pim_http_client_get_ca_file (PimHttpClient *self)
{
  g_return_val_if_fail (PIM_IS_HTTP_CLIENT (self), NULL);

  return self->ca_file;
}

/**
 * pim_http_client_get_max_response_size:
 * @self: a client
 *
 * Gets the largest response body the client accepts.
 *
 * Returns: the limit in bytes
 *
 * Since: 0.1
 */
guint64
pim_http_client_get_max_response_size (PimHttpClient *self)
{
  g_return_val_if_fail (PIM_IS_HTTP_CLIENT (self), 0);

  return self->max_response_size;
}

/**
 * pim_http_client_get_retry_count:
 * @self: a client
 *
 * Gets how many times a `429` or `503` answer is retried.
 *
 * Returns: the retry count in effect
 *
 * Since: 0.1
 */
guint
pim_http_client_get_retry_count (PimHttpClient *self)
{
  g_return_val_if_fail (PIM_IS_HTTP_CLIENT (self), 0);

  return self->retry_count;
}

/**
 * pim_http_client_get_retry_base_delay:
 * @self: a client
 *
 * Gets the first backoff delay.
 *
 * Returns: the delay in seconds
 *
 * Since: 0.1
 */
double
pim_http_client_get_retry_base_delay (PimHttpClient *self)
{
  g_return_val_if_fail (PIM_IS_HTTP_CLIENT (self), 0);

  return self->retry_base_delay;
}

/**
 * pim_http_client_get_retry_max_delay:
 * @self: a client
 *
 * Gets the cap of any wait between retries.
 *
 * Returns: the cap in seconds
 *
 * Since: 0.1
 */
double
pim_http_client_get_retry_max_delay (PimHttpClient *self)
{
  g_return_val_if_fail (PIM_IS_HTTP_CLIENT (self), 0);

  return self->retry_max_delay;
}

/**
 * pim_http_client_get_tls_client_certificate:
 * @self: a client
 *
 * Gets the certificate the client presents to TLS servers that ask for
 * one (see [property@HttpClient:tls-client-certificate]).
 *
 * Returns: (transfer none) (nullable): the certificate, or %NULL
 *
 * Since: 0.1
 */
GTlsCertificate *
pim_http_client_get_tls_client_certificate (PimHttpClient *self)
{
  g_return_val_if_fail (PIM_IS_HTTP_CLIENT (self), NULL);

  return self->tls_client_certificate;
}
