/* pim-http-client.c: PimHttpClient, a SoupSession and the rules around it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The object: its properties, construction (the session it owns or the
 * one it is given), its constructors and close(). The getters are in
 * pim-http-client-accessors.c, the per-thread and process-wide default
 * clients in pim-http-client-defaults.c, and what one operation takes
 * from the client (and get_json) in pim-http-client-operations.c.
 */

#include "pim-private.h"

#include "pim-enum-types.h"
#include "pim-http-client-private.h"
#include "pim-http-private.h"

/**
 * PimHttpClient:
 *
 * The HTTP client that every network operation of Pim goes through.
 *
 * A `PimHttpClient` wraps a [class@Soup.Session]. Built without one, it
 * creates a session and owns it: [method@HttpClient.close] (or dropping
 * the last reference) aborts its requests and releases it. Built around a
 * session you supply ([ctor@HttpClient.new_for_session]), it does not own
 * it: closing the client marks the client closed, cancels the requests that
 * went through it, and leaves the session as it was.
 *
 * The request timeout and the TLS settings configure a session that Pim
 * creates. Passing any of them together with a supplied session is an
 * error at construction ([iface@Gio.Initable]), never silently ignored:
 * configure your own session yourself.
 *
 * Every public I/O function of Pim takes an optional client. Without one,
 * sync functions use the calling thread's default client
 * ([func@HttpClient.get_thread_default]) and async functions the
 * process-wide one ([func@HttpClient.get_shared_default]).
 *
 * Requests never follow redirects, refuse plain `http` outside loopback,
 * stop reading a body as soon as it passes
 * [property@HttpClient:max-response-size], and retry `429` and `503`
 * answers with exponential backoff that honours `Retry-After`.
 *
 * Defaults come from the environment when a property is not set:
 * `HTTP_TIMEOUT` (seconds, default 30), `HTTP_RETRY_COUNT` (default 3),
 * `HTTP_RETRY_BASE_DELAY` (seconds, default 1) and a CA bundle from
 * `SSL_CERT_FILE`, `REQUESTS_CA_BUNDLE` or `CURL_CA_BUNDLE`. Bad values are
 * clamped or ignored and logged once; they are never fatal.
 *
 * Since: 0.1
 */

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_TIMEOUT,
  PROP_TLS_VERIFY,
  PROP_CA_FILE,
  PROP_MAX_RESPONSE_SIZE,
  PROP_RETRY_COUNT,
  PROP_RETRY_BASE_DELAY,
  PROP_RETRY_MAX_DELAY,
  PROP_OWNS_SESSION,
  PROP_CLOSED,
  PROP_TLS_CLIENT_CERTIFICATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void pim_http_client_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PimHttpClient,
                               pim_http_client,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      pim_http_client_initable_iface_init))

GError *
pim_http_client_closed_error (void)
{
  return g_error_new_literal (PIM_HTTP_ERROR, PIM_HTTP_ERROR_CLOSED,
                              _ ("The HTTP client is closed"));
}

static gboolean
set_up_owned_session (PimHttpClient *self, GError **error)
{
  const PimHttpSettings *env = pim_http_settings_get_process ();
  g_autoptr (GTlsDatabase) database = NULL;
  const char *ca_file = self->ca_file;

  if (self->tls_verify == PIM_TLS_VERIFY_DISABLED && self->ca_file != NULL)
    {
      g_set_error_literal (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT,
                           _ ("A CA file cannot be given when TLS verification is disabled"));
      return FALSE;
    }

  if (ca_file != NULL)
    {
      g_autofree char *absolute = g_canonicalize_filename (ca_file, NULL);
      g_autoptr (GError) local_error = NULL;

      database = g_tls_file_database_new (absolute, &local_error);
      if (database == NULL)
        {
          g_set_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT,
                       /* translators: the first %s is a file name, the second a reason */
                       _ ("Cannot load the CA file “%s”: %s"), ca_file, local_error->message);
          return FALSE;
        }
    }
  else if (env->ca_file != NULL && self->tls_verify != PIM_TLS_VERIFY_DISABLED)
    {
      g_autoptr (GError) local_error = NULL;

      static gsize logged = 0;

      database = g_tls_file_database_new (env->ca_file, &local_error);
      if (database == NULL && g_once_init_enter (&logged))
        {
          /* Like every environment problem, said once per process. */
          pim_log_message ("Cannot load the CA bundle “%s” named by the environment (%s); "
                           "using the system trust",
                           env->ca_file, local_error->message);
          g_once_init_leave (&logged, 1);
        }
    }

  self->timeout = self->timeout_set >= 0 ? (guint) self->timeout_set : env->timeout;
  self->owns_session = TRUE;
  self->session = soup_session_new_with_options ("timeout", self->timeout, "max-conns-per-host", 8,
                                                 "user-agent", "pim/" PACKAGE_VERSION " ", NULL);
  if (database != NULL)
    soup_session_set_tls_database (self->session, database);
  return TRUE;
}

static gboolean
check_supplied_session (PimHttpClient *self, GError **error)
{
  const char *given = NULL;

  if (self->timeout_set >= 0)
    given = "timeout";
  else if (self->tls_verify != PIM_TLS_VERIFY_DEFAULT)
    given = "tls-verify";
  else if (self->ca_file != NULL)
    given = "ca-file";

  if (given != NULL)
    {
      g_set_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT,
                   /* translators: %s is a property name, such as “timeout” */
                   _ ("The “%s” setting only applies to a session that Pim creates; "
                      "configure the supplied session instead"),
                   given);
      return FALSE;
    }
  self->owns_session = FALSE;
  self->timeout = soup_session_get_timeout (self->session);
  return TRUE;
}

/* A client certificate is useless without its private key: say so at
 * construction rather than with a failed handshake. The key itself is
 * only looked at to see that it is there, and wiped. */
static gboolean
check_tls_client_certificate (GTlsCertificate *certificate, GError **error)
{
  g_autoptr (GByteArray) key = NULL;
  g_autofree char *pkcs11_uri = NULL;

  if (certificate == NULL)
    return TRUE;
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (certificate), "private-key") != NULL)
    g_object_get (certificate, "private-key", &key, NULL);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (certificate), "private-key-pkcs11-uri") !=
      NULL)
    g_object_get (certificate, "private-key-pkcs11-uri", &pkcs11_uri, NULL);
  if (key != NULL)
    memset (key->data, 0, key->len);
  if ((key != NULL && key->len > 0) || pkcs11_uri != NULL)
    return TRUE;
  g_set_error_literal (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_INVALID_ARGUMENT,
                       _ ("The TLS client certificate has no private key"));
  return FALSE;
}

static void
pim_http_client_constructed (GObject *object)
{
  PimHttpClient         *self = PIM_HTTP_CLIENT (object);
  const PimHttpSettings *env = pim_http_settings_get_process ();
  gboolean               ok;

  G_OBJECT_CLASS (pim_http_client_parent_class)->constructed (object);

  self->retry_count = self->retry_count_set >= 0 ? (guint) self->retry_count_set : env->retry_count;
  self->retry_base_delay =
      self->retry_base_delay_set >= 0 ? self->retry_base_delay_set : env->retry_base_delay;

  if (self->session != NULL)
    ok = check_supplied_session (self, &self->init_error);
  else
    ok = set_up_owned_session (self, &self->init_error);
  if (ok)
    ok = check_tls_client_certificate (self->tls_client_certificate, &self->init_error);

  if (!ok)
    {
      /* A client that failed to construct behaves as closed, with the
       * construction error as the reason, whoever ends up calling it. */
      g_clear_object (&self->session);
      self->closed = TRUE;
    }
}

static gboolean
pim_http_client_initable_init (GInitable *initable, GCancellable *cancellable, GError **error)
{
  PimHttpClient *self = PIM_HTTP_CLIENT (initable);

  if (self->init_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->init_error));
      return FALSE;
    }
  return TRUE;
}

static void
pim_http_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = pim_http_client_initable_init;
}

static void
pim_http_client_dispose (GObject *object)
{
  PimHttpClient *self = PIM_HTTP_CLIENT (object);
  g_autoptr (SoupSession) session = NULL;

  g_mutex_lock (&self->lock);
  session = g_steal_pointer (&self->session);
  g_mutex_unlock (&self->lock);

  if (session != NULL && self->owns_session)
    soup_session_abort (session);

  G_OBJECT_CLASS (pim_http_client_parent_class)->dispose (object);
}

static void
pim_http_client_finalize (GObject *object)
{
  PimHttpClient *self = PIM_HTTP_CLIENT (object);

  g_clear_object (&self->close_cancellable);
  g_clear_error (&self->init_error);
  g_clear_object (&self->tls_client_certificate);
  g_free (self->ca_file);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pim_http_client_parent_class)->finalize (object);
}

static void
pim_http_client_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PimHttpClient *self = PIM_HTTP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, pim_http_client_get_session (self));
      break;
    case PROP_TIMEOUT:
      g_value_set_int (value, (int) self->timeout);
      break;
    case PROP_TLS_VERIFY:
      g_value_set_enum (value, self->tls_verify);
      break;
    case PROP_CA_FILE:
      g_value_set_string (value, self->ca_file);
      break;
    case PROP_MAX_RESPONSE_SIZE:
      g_value_set_uint64 (value, self->max_response_size);
      break;
    case PROP_RETRY_COUNT:
      g_value_set_int (value, (int) self->retry_count);
      break;
    case PROP_RETRY_BASE_DELAY:
      g_value_set_double (value, self->retry_base_delay);
      break;
    case PROP_RETRY_MAX_DELAY:
      g_value_set_double (value, self->retry_max_delay);
      break;
    case PROP_OWNS_SESSION:
      g_value_set_boolean (value, self->owns_session);
      break;
    case PROP_CLOSED:
      g_value_set_boolean (value, pim_http_client_is_closed (self));
      break;
    case PROP_TLS_CLIENT_CERTIFICATE:
      g_value_set_object (value, self->tls_client_certificate);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_http_client_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PimHttpClient *self = PIM_HTTP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_TIMEOUT:
      self->timeout_set = g_value_get_int (value);
      break;
    case PROP_TLS_VERIFY:
      self->tls_verify = g_value_get_enum (value);
      break;
    case PROP_CA_FILE:
      self->ca_file = g_value_dup_string (value);
      break;
    case PROP_MAX_RESPONSE_SIZE:
      self->max_response_size = g_value_get_uint64 (value);
      break;
    case PROP_RETRY_COUNT:
      self->retry_count_set = g_value_get_int (value);
      break;
    case PROP_RETRY_BASE_DELAY:
      self->retry_base_delay_set = g_value_get_double (value);
      break;
    case PROP_RETRY_MAX_DELAY:
      self->retry_max_delay = g_value_get_double (value);
      break;
    case PROP_TLS_CLIENT_CERTIFICATE:
      self->tls_client_certificate = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_http_client_class_init (PimHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pim_http_client_constructed;
  object_class->dispose = pim_http_client_dispose;
  object_class->finalize = pim_http_client_finalize;
  object_class->get_property = pim_http_client_get_property;
  object_class->set_property = pim_http_client_set_property;

  /**
   * PimHttpClient:session: (getter get_session)
   *
   * The session requests go through. Set it to wrap a session of your own;
   * leave it unset and the client creates one and owns it. Reads %NULL
   * once the client is closed.
   *
   * Since: 0.1
   */
  properties[PROP_SESSION] =
      g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * PimHttpClient:timeout: (getter get_timeout)
   *
   * The I/O timeout of a created session, in seconds (0 for none). -1, the
   * default, takes `HTTP_TIMEOUT` from the environment, else
   * %PIM_HTTP_CLIENT_DEFAULT_TIMEOUT. Reads the timeout in effect. Setting
   * it together with [property@HttpClient:session] is an error.
   *
   * Since: 0.1
   */
  properties[PROP_TIMEOUT] =
      g_param_spec_int ("timeout", NULL, NULL, -1, PIM_HTTP_TIMEOUT_MAX, -1,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * PimHttpClient:tls-verify: (getter get_tls_verify)
   *
   * Whether a created session verifies server certificates. Anything but
   * %PIM_TLS_VERIFY_DEFAULT together with [property@HttpClient:session] is
   * an error.
   *
   * Since: 0.1
   */
  properties[PROP_TLS_VERIFY] =
      g_param_spec_enum ("tls-verify", NULL, NULL, PIM_TYPE_TLS_VERIFY, PIM_TLS_VERIFY_DEFAULT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * PimHttpClient:ca-file: (getter get_ca_file)
   *
   * A PEM file of CA certificates that a created session trusts instead of
   * the system's. Unset, the environment's `SSL_CERT_FILE`,
   * `REQUESTS_CA_BUNDLE` or `CURL_CA_BUNDLE` is used if one is set. Setting
   * it together with [property@HttpClient:session] is an error.
   *
   * Since: 0.1
   */
  properties[PROP_CA_FILE] =
      g_param_spec_string ("ca-file", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * PimHttpClient:max-response-size: (getter get_max_response_size)
   *
   * The largest response body accepted, in bytes. A larger one fails with
   * %PIM_HTTP_ERROR_TOO_LARGE as soon as the limit is passed, before the
   * rest is read.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_RESPONSE_SIZE] =
      g_param_spec_uint64 ("max-response-size", NULL, NULL, 1, G_MAXUINT64,
                           PIM_HTTP_CLIENT_DEFAULT_MAX_RESPONSE_SIZE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * PimHttpClient:retry-count: (getter get_retry_count)
   *
   * How many times a `429` or `503` answer is retried. -1, the default,
   * takes `HTTP_RETRY_COUNT` from the environment, else 3. Reads the count
   * in effect.
   *
   * Since: 0.1
   */
  properties[PROP_RETRY_COUNT] =
      g_param_spec_int ("retry-count", NULL, NULL, -1, PIM_HTTP_RETRY_COUNT_MAX, -1,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * PimHttpClient:retry-base-delay: (getter get_retry_base_delay)
   *
   * The first backoff delay in seconds; it doubles with each retry. -1, the
   * default, takes `HTTP_RETRY_BASE_DELAY` from the environment, else 1.
   * A `Retry-After` header replaces the computed delay.
   *
   * Since: 0.1
   */
  properties[PROP_RETRY_BASE_DELAY] =
      g_param_spec_double ("retry-base-delay", NULL, NULL, -1, PIM_HTTP_RETRY_BASE_DELAY_MAX, -1,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * PimHttpClient:retry-max-delay: (getter get_retry_max_delay)
   *
   * The cap, in seconds, of any wait between retries, including one that a
   * server asks for with `Retry-After`.
   *
   * Since: 0.1
   */
  properties[PROP_RETRY_MAX_DELAY] =
      g_param_spec_double ("retry-max-delay", NULL, NULL, 0, 3600, PIM_HTTP_RETRY_MAX_DELAY_DEFAULT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * PimHttpClient:owns-session: (getter get_owns_session)
   *
   * Whether the client created its session, and so aborts and releases it
   * when closed.
   *
   * Since: 0.1
   */
  properties[PROP_OWNS_SESSION] = g_param_spec_boolean ("owns-session", NULL, NULL, FALSE,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * PimHttpClient:closed: (getter is_closed)
   *
   * Whether the client is closed. Every use of a closed client fails with
   * %PIM_HTTP_ERROR_CLOSED.
   *
   * Since: 0.1
   */
  properties[PROP_CLOSED] =
      g_param_spec_boolean ("closed", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * PimHttpClient:tls-client-certificate: (getter get_tls_client_certificate)
   *
   * The certificate, with its private key, that the client presents to
   * every TLS server that asks for one: mutual TLS, for the client
   * authentication methods `tls_client_auth` and
   * `self_signed_tls_client_auth` and for certificate-bound access tokens
   * (RFC 8705). It is set on every request the client sends, retries
   * included, whether the session is the client's own or supplied.
   *
   * Load one from PEM files with [ctor@Gio.TlsCertificate.new_from_files],
   * or from a PKCS #11 token with
   * [ctor@Gio.TlsCertificate.new_from_pkcs11_uris] where the TLS backend
   * supports it. A certificate without a private key makes construction
   * fail with %PIM_HTTP_ERROR_INVALID_ARGUMENT.
   *
   * Without one, a server that requires a client certificate refuses the
   * connection, which fails with %PIM_HTTP_ERROR_TLS.
   *
   * Since: 0.1
   */
  properties[PROP_TLS_CLIENT_CERTIFICATE] =
      g_param_spec_object ("tls-client-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_http_client_init (PimHttpClient *self)
{
  g_mutex_init (&self->lock);
  self->close_cancellable = g_cancellable_new ();
  self->timeout_set = -1;
  self->retry_count_set = -1;
  self->retry_base_delay_set = -1;
  self->retry_max_delay = PIM_HTTP_RETRY_MAX_DELAY_DEFAULT;
  self->max_response_size = PIM_HTTP_CLIENT_DEFAULT_MAX_RESPONSE_SIZE;
}

/**
 * pim_http_client_new:
 *
 * Creates a client with a session of its own, configured from the
 * environment (see [class@HttpClient]).
 *
 * Returns: (transfer full): a new client
 *
 * Since: 0.1
 */
PimHttpClient *
pim_http_client_new (void)
{
  return g_object_new (PIM_TYPE_HTTP_CLIENT, NULL);
}

/**
 * pim_http_client_new_for_session:
 * @session: a session to send requests through
 *
 * Creates a client around @session, which it does not own: closing the
 * client leaves @session open and usable.
 *
 * Returns: (transfer full): a new client
 *
 * Since: 0.1
 */
PimHttpClient *
pim_http_client_new_for_session (SoupSession *session)
{
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  return g_object_new (PIM_TYPE_HTTP_CLIENT, "session", session, NULL);
}

/**
 * pim_http_client_new_full:
 * @session: (nullable): a session to wrap, or %NULL to create one
 * @timeout: the request timeout in seconds for a created session, or -1 for
 *   the default
 * @tls_verify: whether a created session verifies certificates
 * @ca_file: (nullable) (type filename): a PEM file of trusted CA
 *   certificates for a created session
 * @error: return location for a #GError
 *
 * Creates a client, checking that the settings go together: @timeout,
 * @tls_verify and @ca_file apply only to a created session, so giving any
 * of them with @session fails with %PIM_HTTP_ERROR_INVALID_ARGUMENT, as
 * does a @ca_file that cannot be loaded.
 *
 * Returns: (transfer full): a new client, or %NULL with @error set
 *
 * Since: 0.1
 */
PimHttpClient *
pim_http_client_new_full (SoupSession *session,
                          int          timeout,
                          PimTlsVerify tls_verify,
                          const char  *ca_file,
                          GError     **error)
{
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (timeout >= -1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (PIM_TYPE_HTTP_CLIENT, NULL, error, "session", session, "timeout", timeout,
                         "tls-verify", tls_verify, "ca-file", ca_file, NULL);
}

/**
 * pim_http_client_close:
 * @self: a client
 *
 * Closes the client. Requests in flight through it are cancelled and fail
 * with %PIM_HTTP_ERROR_CLOSED, as does every later use. An owned session is
 * aborted and released; a supplied one is left untouched. Closing twice
 * does nothing.
 *
 * The default clients cannot be closed.
 *
 * Since: 0.1
 */
void
pim_http_client_close (PimHttpClient *self)
{
  g_autoptr (SoupSession) session = NULL;
  gboolean was_closed;

  g_return_if_fail (PIM_IS_HTTP_CLIENT (self));
  g_return_if_fail (!self->is_default);

  g_mutex_lock (&self->lock);
  was_closed = self->closed;
  self->closed = TRUE;
  session = g_steal_pointer (&self->session);
  g_mutex_unlock (&self->lock);

  if (was_closed)
    return;

  g_cancellable_cancel (self->close_cancellable);
  if (session != NULL && self->owns_session)
    soup_session_abort (session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED]);
}

/**
 * pim_http_client_is_closed:
 * @self: a client
 *
 * Tells whether [method@HttpClient.close] was called, or the client could
 * not be constructed.
 *
 * Returns: whether the client is closed
 *
 * Since: 0.1
 */
gboolean
pim_http_client_is_closed (PimHttpClient *self)
{
  gboolean closed;

  g_return_val_if_fail (PIM_IS_HTTP_CLIENT (self), TRUE);

  g_mutex_lock (&self->lock);
  closed = self->closed;
  g_mutex_unlock (&self->lock);
  return closed;
}
