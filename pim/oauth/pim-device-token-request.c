/* pim-device-token-request.c: PimDeviceTokenRequest, one poll of the token
 * endpoint, and the poller that waits for the user (RFC 8628 §3.4, §3.5)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-device-authorization-response-private.h"
#include "pim-device-token-request.h"
#include "pim-token-request-private.h"

/**
 * PimDeviceTokenRequest:
 *
 * The token request of the device authorization grant (RFC 8628 §3.4):
 * `grant_type` %PIM_DEVICE_CODE_GRANT_TYPE with the `device_code` of a
 * [class@DeviceAuthorizationResponse]. The client and its authentication
 * are those of the [class@DeviceAuthorizationRequest] that got the code.
 *
 * [func@request_device_token] polls once and returns the provider's answer
 * as it is, `authorization_pending` included. [func@poll_device_token]
 * polls until the user has answered: it waits
 * [property@DeviceTokenRequest:interval] seconds (by default the
 * authorization's `interval`) before each poll, keeps polling while the
 * answer is `authorization_pending`, waits 5 seconds longer after each
 * `slow_down` (RFC 8628 §3.5, [property@DeviceTokenRequest:slow-down-increment])
 * and twice as long after a poll that timed out, and stops with the
 * tokens, with the provider's refusal (`access_denied`, `expired_token`…),
 * or with %PIM_OAUTH_ERROR_EXPIRED_TOKEN when the device code expires
 * before an answer comes. It can be cancelled at any time, waits included.
 *
 * ```c
 * g_autoptr (PimDeviceTokenRequest) request =
 *   pim_device_token_request_new (NULL, "tv-app", NULL);
 * g_autoptr (PimTokenResponse) tokens = NULL;
 *
 * pim_oauth_request_set_issuer (PIM_OAUTH_REQUEST (request), "https://id.example.com");
 * // show the user code and the verification URI of authorization, then:
 * tokens = pim_poll_device_token (request, authorization, NULL, cancellable, &error);
 * ```
 *
 * While the poller runs, [property@DeviceTokenRequest:polls] counts the
 * token requests it has made and [property@DeviceTokenRequest:current-interval]
 * is the wait between them; both notify when they change, from the thread
 * that polls.
 *
 * Since: 0.1
 */

/* The shortest wait between polls that can be set. */
#define MIN_INTERVAL 0.01
/* The shortest wait between polls a provider can ask for. */
#define MIN_PROVIDER_INTERVAL 1.0
/* Any wait is capped at a day: past that, an interval is a mistake. */
#define MAX_INTERVAL 86400.0

struct _PimDeviceTokenRequest
{
  PimTokenRequest parent_instance;

  char  *device_code;
  double interval;   /* 0: the authorization's */
  gint64 expires_at; /* 0: the authorization's */
  double slow_down_increment;

  GMutex lock; /* polls and current_interval, read from any thread */
  guint  polls;
  double current_interval;
};

enum
{
  PROP_0,
  PROP_DEVICE_CODE,
  PROP_INTERVAL,
  PROP_EXPIRES_AT,
  PROP_SLOW_DOWN_INCREMENT,
  PROP_POLLS,
  PROP_CURRENT_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimDeviceTokenRequest, pim_device_token_request, PIM_TYPE_TOKEN_REQUEST)

static PimHttpRequest *
build_device_token (PimOAuthRequest *request, const char *endpoint, GError **error)
{
  PimDeviceTokenRequest *self = PIM_DEVICE_TOKEN_REQUEST (request);
  PimHttpRequest        *http;

  if (!pim_oauth_require (self->device_code, "device-code", error))
    return NULL;
  http = pim_token_request_build_form (PIM_TOKEN_REQUEST (self), endpoint, error);
  if (http != NULL)
    pim_http_request_add_form_param (http, "device_code", self->device_code);
  return http;
}

static const PimOAuthRequestKind device_token_kind = {
  .endpoint_member = "token_endpoint",
  .auth_methods_member = "token_endpoint_auth_methods_supported",
  .endpoint_name = N_ ("token endpoint"),
  .build = build_device_token,
};

static void
pim_device_token_request_finalize (GObject *object)
{
  PimDeviceTokenRequest *self = PIM_DEVICE_TOKEN_REQUEST (object);

  g_free (self->device_code);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pim_device_token_request_parent_class)->finalize (object);
}

static void
pim_device_token_request_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  PimDeviceTokenRequest *self = PIM_DEVICE_TOKEN_REQUEST (object);

  switch (prop_id)
    {
    case PROP_DEVICE_CODE:
      g_value_set_string (value, self->device_code);
      break;
    case PROP_INTERVAL:
      g_value_set_double (value, self->interval);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_int64 (value, self->expires_at);
      break;
    case PROP_SLOW_DOWN_INCREMENT:
      g_value_set_double (value, self->slow_down_increment);
      break;
    case PROP_POLLS:
      g_value_set_uint (value, pim_device_token_request_get_polls (self));
      break;
    case PROP_CURRENT_INTERVAL:
      g_value_set_double (value, pim_device_token_request_get_current_interval (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_device_token_request_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  PimDeviceTokenRequest *self = PIM_DEVICE_TOKEN_REQUEST (object);

  switch (prop_id)
    {
    case PROP_DEVICE_CODE:
      g_free (self->device_code);
      self->device_code = g_value_dup_string (value);
      break;
    case PROP_INTERVAL:
      self->interval = g_value_get_double (value);
      break;
    case PROP_EXPIRES_AT:
      self->expires_at = g_value_get_int64 (value);
      break;
    case PROP_SLOW_DOWN_INCREMENT:
      self->slow_down_increment = g_value_get_double (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_device_token_request_class_init (PimDeviceTokenRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;
  GParamFlags   read_only = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_device_token_request_finalize;
  object_class->get_property = pim_device_token_request_get_property;
  object_class->set_property = pim_device_token_request_set_property;
  pim_oauth_request_class_set_kind (klass, &device_token_kind);

  /**
   * PimDeviceTokenRequest:device-code: (getter get_device_code) (setter set_device_code)
   *
   * The `device_code` from the device authorization response. Required;
   * [func@poll_device_token] sets it from its authorization when it is
   * unset. A secret: it never appears in messages.
   *
   * Since: 0.1
   */
  properties[PROP_DEVICE_CODE] = g_param_spec_string ("device-code", NULL, NULL, NULL, flags);

  /**
   * PimDeviceTokenRequest:interval: (getter get_interval) (setter set_interval)
   *
   * The seconds [func@poll_device_token] waits before each poll, at least
   * 0.01. 0, the default, means the authorization's
   * [property@DeviceAuthorizationResponse:interval] (at least 1 second),
   * or %PIM_DEVICE_AUTHORIZATION_DEFAULT_INTERVAL without an
   * authorization. A value set here is used even when it is shorter than
   * what the provider asked for: set it only when you know better, as
   * tests do.
   *
   * Since: 0.1
   */
  properties[PROP_INTERVAL] =
      g_param_spec_double ("interval", NULL, NULL, 0.0, MAX_INTERVAL, 0.0, flags);

  /**
   * PimDeviceTokenRequest:expires-at: (getter get_expires_at) (setter set_expires_at)
   *
   * When the device code expires, in Unix seconds: [func@poll_device_token]
   * stops there with %PIM_OAUTH_ERROR_EXPIRED_TOKEN. 0, the default, means
   * the authorization's [property@DeviceAuthorizationResponse:expires-at],
   * or no limit of its own without an authorization (the provider's
   * `expired_token` still ends the polling).
   *
   * Since: 0.1
   */
  properties[PROP_EXPIRES_AT] =
      g_param_spec_int64 ("expires-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * PimDeviceTokenRequest:slow-down-increment: (getter get_slow_down_increment) (setter set_slow_down_increment)
   *
   * The seconds [func@poll_device_token] adds to its interval each time
   * the provider answers `slow_down`: 5 by default, as RFC 8628 §3.5
   * requires. Change it only for tests.
   *
   * Since: 0.1
   */
  properties[PROP_SLOW_DOWN_INCREMENT] =
      g_param_spec_double ("slow-down-increment", NULL, NULL, MIN_INTERVAL, MAX_INTERVAL, 5.0,
                           flags | G_PARAM_CONSTRUCT);

  /**
   * PimDeviceTokenRequest:polls: (getter get_polls)
   *
   * How many token requests the current (or last) [func@poll_device_token]
   * made with this request. It notifies as each one starts.
   *
   * Since: 0.1
   */
  properties[PROP_POLLS] = g_param_spec_uint ("polls", NULL, NULL, 0, G_MAXUINT, 0, read_only);

  /**
   * PimDeviceTokenRequest:current-interval: (getter get_current_interval)
   *
   * The seconds the current (or last) [func@poll_device_token] waits
   * between polls: its first interval, grown by each `slow_down` and each
   * timeout; 0 before any polling.
   *
   * Since: 0.1
   */
  properties[PROP_CURRENT_INTERVAL] =
      g_param_spec_double ("current-interval", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, read_only);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_device_token_request_init (PimDeviceTokenRequest *self)
{
  g_mutex_init (&self->lock);
  g_object_set (self, "grant-type", PIM_DEVICE_CODE_GRANT_TYPE, NULL);
}

/**
 * pim_device_token_request_new:
 * @address: (nullable): the token endpoint, or %NULL to set an issuer
 *   later
 * @client_id: the client's identifier
 * @device_code: (nullable): the device code, or %NULL to take it from the
 *   authorization given to [func@poll_device_token]
 *
 * Creates a device token request.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 0.1
 */
PimDeviceTokenRequest *
pim_device_token_request_new (const char *address, const char *client_id, const char *device_code)
{
  g_return_val_if_fail (client_id != NULL, NULL);

  return g_object_new (PIM_TYPE_DEVICE_TOKEN_REQUEST, "address", address, "client-id", client_id,
                       "device-code", device_code, NULL);
}

/**
 * pim_device_token_request_get_device_code:
 * @self: a device token request
 *
 * Gets [property@DeviceTokenRequest:device-code].
 *
 * Returns: (nullable): the device code
 *
 * Since: 0.1
 */
const char *
pim_device_token_request_get_device_code (PimDeviceTokenRequest *self)
{
  g_return_val_if_fail (PIM_IS_DEVICE_TOKEN_REQUEST (self), NULL);
  return self->device_code;
}

/**
 * pim_device_token_request_set_device_code:
 * @self: a device token request
 * @device_code: (nullable): the device code
 *
 * Sets [property@DeviceTokenRequest:device-code].
 *
 * Since: 0.1
 */
void
pim_device_token_request_set_device_code (PimDeviceTokenRequest *self, const char *device_code)
{
  g_return_if_fail (PIM_IS_DEVICE_TOKEN_REQUEST (self));
  g_object_set (self, "device-code", device_code, NULL);
}

/**
 * pim_device_token_request_get_interval:
 * @self: a device token request
 *
 * Gets [property@DeviceTokenRequest:interval].
 *
 * Returns: the interval in seconds, or 0 for the authorization's
 *
 * Since: 0.1
 */
double
pim_device_token_request_get_interval (PimDeviceTokenRequest *self)
{
  g_return_val_if_fail (PIM_IS_DEVICE_TOKEN_REQUEST (self), 0.0);
  return self->interval;
}

/**
 * pim_device_token_request_set_interval:
 * @self: a device token request
 * @interval: the interval in seconds, or 0 for the authorization's
 *
 * Sets [property@DeviceTokenRequest:interval].
 *
 * Since: 0.1
 */
void
pim_device_token_request_set_interval (PimDeviceTokenRequest *self, double interval)
{
  g_return_if_fail (PIM_IS_DEVICE_TOKEN_REQUEST (self));
  g_object_set (self, "interval", interval, NULL);
}

/**
 * pim_device_token_request_get_expires_at:
 * @self: a device token request
 *
 * Gets [property@DeviceTokenRequest:expires-at].
 *
 * Returns: the expiry in Unix seconds, or 0 for the authorization's
 *
 * Since: 0.1
 */
gint64
pim_device_token_request_get_expires_at (PimDeviceTokenRequest *self)
{
  g_return_val_if_fail (PIM_IS_DEVICE_TOKEN_REQUEST (self), 0);
  return self->expires_at;
}

/**
 * pim_device_token_request_set_expires_at:
 * @self: a device token request
 * @expires_at: the expiry in Unix seconds, or 0 for the authorization's
 *
 * Sets [property@DeviceTokenRequest:expires-at].
 *
 * Since: 0.1
 */
void
pim_device_token_request_set_expires_at (PimDeviceTokenRequest *self, gint64 expires_at)
{
  g_return_if_fail (PIM_IS_DEVICE_TOKEN_REQUEST (self));
  g_object_set (self, "expires-at", expires_at, NULL);
}

/**
 * pim_device_token_request_get_slow_down_increment:
 * @self: a device token request
 *
 * Gets [property@DeviceTokenRequest:slow-down-increment].
 *
 * Returns: the increment in seconds
 *
 * Since: 0.1
 */
double
pim_device_token_request_get_slow_down_increment (PimDeviceTokenRequest *self)
{
  g_return_val_if_fail (PIM_IS_DEVICE_TOKEN_REQUEST (self), 0.0);
  return self->slow_down_increment;
}

/**
 * pim_device_token_request_set_slow_down_increment:
 * @self: a device token request
 * @increment: the increment in seconds
 *
 * Sets [property@DeviceTokenRequest:slow-down-increment].
 *
 * Since: 0.1
 */
void
pim_device_token_request_set_slow_down_increment (PimDeviceTokenRequest *self, double increment)
{
  g_return_if_fail (PIM_IS_DEVICE_TOKEN_REQUEST (self));
  g_object_set (self, "slow-down-increment", increment, NULL);
}

/**
 * pim_device_token_request_get_polls:
 * @self: a device token request
 *
 * Gets [property@DeviceTokenRequest:polls].
 *
 * Returns: how many token requests the poller made
 *
 * Since: 0.1
 */
guint
pim_device_token_request_get_polls (PimDeviceTokenRequest *self)
{
  guint polls;

  g_return_val_if_fail (PIM_IS_DEVICE_TOKEN_REQUEST (self), 0);

  g_mutex_lock (&self->lock);
  polls = self->polls;
  g_mutex_unlock (&self->lock);
  return polls;
}

/**
 * pim_device_token_request_get_current_interval:
 * @self: a device token request
 *
 * Gets [property@DeviceTokenRequest:current-interval].
 *
 * Returns: the poller's interval in seconds, or 0
 *
 * Since: 0.1
 */
double
pim_device_token_request_get_current_interval (PimDeviceTokenRequest *self)
{
  double interval;

  g_return_val_if_fail (PIM_IS_DEVICE_TOKEN_REQUEST (self), 0.0);

  g_mutex_lock (&self->lock);
  interval = self->current_interval;
  g_mutex_unlock (&self->lock);
  return interval;
}

/* ---- One poll ---- */

/**
 * pim_request_device_token:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Polls the token endpoint once. Until the user answers, the provider
 * refuses with %PIM_OAUTH_ERROR_AUTHORIZATION_PENDING (or
 * %PIM_OAUTH_ERROR_SLOW_DOWN when polled too often); waiting and polling
 * again is the caller's business, or use [func@poll_device_token]. See
 * [func@request_token] for how answers and errors are read.
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_request_device_token (PimDeviceTokenRequest *request,
                          PimHttpClient         *client,
                          GCancellable          *cancellable,
                          GError               **error)
{
  g_return_val_if_fail (PIM_IS_DEVICE_TOKEN_REQUEST (request), NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pim_token_request_send (PIM_TOKEN_REQUEST (request), client, cancellable, error);
}

/**
 * pim_request_device_token_async:
 * @request: the request
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Polls the token endpoint once, as [func@request_device_token] does,
 * without blocking.
 *
 * Since: 0.1
 */
void
pim_request_device_token_async (PimDeviceTokenRequest *request,
                                PimHttpClient         *client,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data)
{
  g_return_if_fail (PIM_IS_DEVICE_TOKEN_REQUEST (request));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  pim_token_request_send_async (PIM_TOKEN_REQUEST (request), client, cancellable,
                                PIM_SOURCE_TAG (pim_request_device_token_async), callback,
                                user_data);
}

/**
 * pim_request_device_token_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@request_device_token_async].
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_request_device_token_finish (GAsyncResult *result, GError **error)
{
  return (PimTokenResponse *)
      pim_oauth_call_finish (result, PIM_SOURCE_TAG (pim_request_device_token_async), error);
}

/* ---- The poller: what the sync and async forms share ---- */

typedef struct
{
  PimDeviceTokenRequest *request;
  PimHttpClient         *client;
  double                 interval; /* seconds */
  gint64                 deadline; /* µs of real time; 0: none */
} Poll;

static void
set_progress (PimDeviceTokenRequest *self, guint polls, double interval)
{
  gboolean polls_changed, interval_changed;

  g_mutex_lock (&self->lock);
  polls_changed = self->polls != polls;
  interval_changed = self->current_interval != interval;
  self->polls = polls;
  self->current_interval = interval;
  g_mutex_unlock (&self->lock);
  if (polls_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLLS]);
  if (interval_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_INTERVAL]);
}

/* Reads the request and the authorization into @poll. */
static gboolean
poll_begin (Poll                           *poll,
            PimDeviceTokenRequest          *request,
            PimDeviceAuthorizationResponse *authorization,
            GError                        **error)
{
  poll->request = g_object_ref (request);
  if (request->device_code == NULL && authorization != NULL)
    pim_device_token_request_set_device_code (request,
                                              pim_device_authorization_response_get_device_code (
                                                  authorization));
  pim_oauth_request_set_error_response (PIM_OAUTH_REQUEST (request), NULL);
  if (!pim_oauth_require (request->device_code, "device-code", error))
    return FALSE;

  if (request->interval > 0)
    poll->interval = MAX (request->interval, MIN_INTERVAL);
  else if (authorization != NULL)
    poll->interval = CLAMP ((double) pim_device_authorization_response_get_interval (authorization),
                            MIN_PROVIDER_INTERVAL, MAX_INTERVAL);
  else
    poll->interval = PIM_DEVICE_AUTHORIZATION_DEFAULT_INTERVAL;

  if (request->expires_at > 0)
    poll->deadline = request->expires_at > G_MAXINT64 / G_USEC_PER_SEC
                         ? 0
                         : request->expires_at * G_USEC_PER_SEC;
  else if (authorization != NULL)
    poll->deadline = pim_device_authorization_response_get_deadline (authorization);
  else
    poll->deadline = 0;

  set_progress (request, 0, poll->interval);
  return TRUE;
}

/* How long to wait before the next poll, in µs: the interval, or less
 * when the device code expires before. */
static gint64
poll_next_wait (Poll *poll)
{
  gint64 wait = (gint64) (poll->interval * G_USEC_PER_SEC);

  if (poll->deadline != 0)
    wait = CLAMP (poll->deadline - g_get_real_time (), 0, wait);
  return wait;
}

/* After a wait: whether the device code has expired, as an error. A poll
 * about to be sent is counted. */
static gboolean
poll_check_expiry (Poll *poll, GError **error)
{
  if (poll->deadline != 0 && g_get_real_time () >= poll->deadline)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_EXPIRED_TOKEN,
                           _ ("The device code expired before the user answered"));
      return FALSE;
    }
  set_progress (poll->request, pim_device_token_request_get_polls (poll->request) + 1,
                poll->interval);
  return TRUE;
}

/* After a poll that failed with @error: whether to poll again, and how
 * much later (RFC 8628 §3.5). */
static gboolean
poll_again (Poll *poll, const GError *error)
{
  if (g_error_matches (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_AUTHORIZATION_PENDING))
    return TRUE;
  if (g_error_matches (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_SLOW_DOWN))
    poll->interval += poll->request->slow_down_increment;
  else if (g_error_matches (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_TIMEOUT))
    poll->interval *= 2; /* "reduce their polling frequency", e.g. by doubling */
  else
    return FALSE;
  poll->interval = MIN (poll->interval, MAX_INTERVAL);
  set_progress (poll->request, pim_device_token_request_get_polls (poll->request), poll->interval);
  return TRUE;
}

/* A failure of the poller itself (expiry, cancellation) is not the
 * provider's refusal: the last poll's answer is dropped. */
static void
poll_fail_locally (Poll *poll)
{
  pim_oauth_request_set_error_response (PIM_OAUTH_REQUEST (poll->request), NULL);
}

/* ---- Sync ---- */

/**
 * pim_poll_device_token:
 * @request: the request
 * @authorization: (nullable): the device authorization response whose
 *   device code @request polls with; %NULL to rely on @request's
 *   properties alone
 * @client: (nullable): the HTTP client, or %NULL for the calling thread's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Polls the token endpoint until the user approves or denies the request
 * or the device code expires (RFC 8628 §3.4, §3.5), blocking the calling
 * thread.
 *
 * Before each poll it waits [property@DeviceTokenRequest:interval]
 * seconds, or the authorization's `interval` (5 without either). It polls
 * again after `authorization_pending`; after `slow_down` it waits
 * [property@DeviceTokenRequest:slow-down-increment] (5) seconds longer
 * from then on, and after a poll that timed out twice as long. Any other
 * refusal ends the polling with its [error@OAuthError] code —
 * %PIM_OAUTH_ERROR_ACCESS_DENIED when the user said no,
 * %PIM_OAUTH_ERROR_EXPIRED_TOKEN when the provider says the code expired —
 * and @request keeps the provider's answer
 * ([method@OAuthRequest.get_error_response]), as it does after each poll.
 * When the device code's lifetime
 * ([property@DeviceTokenRequest:expires-at], or the authorization's)
 * passes without an answer, the call fails with
 * %PIM_OAUTH_ERROR_EXPIRED_TOKEN too, and @request keeps no answer. So it
 * does when @cancellable is cancelled, which ends the call at once,
 * during a wait as during a poll, with %G_IO_ERROR_CANCELLED.
 *
 * When @request has no [property@DeviceTokenRequest:device-code], it is
 * set from @authorization.
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_poll_device_token (PimDeviceTokenRequest          *request,
                       PimDeviceAuthorizationResponse *authorization,
                       PimHttpClient                  *client,
                       GCancellable                   *cancellable,
                       GError                        **error)
{
  Poll              poll = { 0 };
  PimTokenResponse *response = NULL;

  g_return_val_if_fail (PIM_IS_DEVICE_TOKEN_REQUEST (request), NULL);
  g_return_val_if_fail (authorization == NULL ||
                            PIM_IS_DEVICE_AUTHORIZATION_RESPONSE (authorization),
                        NULL);
  g_return_val_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!poll_begin (&poll, request, authorization, error))
    {
      g_clear_object (&poll.request);
      return NULL;
    }
  for (;;)
    {
      GError *local_error = NULL;

      if (!pim_wait_sync ((double) poll_next_wait (&poll) / G_USEC_PER_SEC, cancellable))
        {
          poll_fail_locally (&poll);
          g_cancellable_set_error_if_cancelled (cancellable, error);
          break;
        }
      if (!poll_check_expiry (&poll, error))
        {
          poll_fail_locally (&poll);
          break;
        }
      response =
          pim_token_request_send (PIM_TOKEN_REQUEST (request), client, cancellable, &local_error);
      if (response != NULL)
        break;
      if (!poll_again (&poll, local_error))
        {
          g_propagate_error (error, local_error);
          break;
        }
      g_error_free (local_error);
    }
  g_clear_object (&poll.request);
  return response;
}

/* ---- Async ---- */

static void poll_wait_async (GTask *task);

static void
poll_free (Poll *poll)
{
  g_clear_object (&poll->request);
  g_clear_object (&poll->client);
  g_free (poll);
}

static void
on_polled (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Poll             *poll = g_task_get_task_data (task);
  GError           *error = NULL;
  PimTokenResponse *response =
      (PimTokenResponse *) pim_oauth_call_finish (result, PIM_SOURCE_TAG (on_polled), &error);

  if (response != NULL)
    g_task_return_pointer (task, response, g_object_unref);
  else if (!poll_again (poll, error))
    g_task_return_error (task, error);
  else
    {
      g_error_free (error);
      poll_wait_async (task);
    }
}

/* After a wait: poll, unless the wait was cancelled or the code expired. */
static void
on_waited (gboolean cancelled, GObject *object)
{
  GTask        *task = G_TASK (object);
  Poll         *poll = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError       *error = NULL;

  if (cancelled || !poll_check_expiry (poll, &error))
    {
      poll_fail_locally (poll);
      if (cancelled)
        g_cancellable_set_error_if_cancelled (cancellable, &error);
      g_task_return_error (task, error);
      return;
    }
  pim_token_request_send_async (PIM_TOKEN_REQUEST (poll->request), poll->client, cancellable,
                                PIM_SOURCE_TAG (on_polled), on_polled, g_object_ref (task));
}

/* Waits on the task's own main context for the next poll or a
 * cancellation, whichever comes first. The wait holds the task. */
static void
poll_wait_async (GTask *task)
{
  Poll *poll = g_task_get_task_data (task);

  pim_wait_async ((double) poll_next_wait (poll) / G_USEC_PER_SEC, g_task_get_context (task),
                  g_task_get_priority (task), g_task_get_cancellable (task), on_waited,
                  G_OBJECT (task));
}

/**
 * pim_poll_device_token_async:
 * @request: the request
 * @authorization: (nullable): the device authorization response whose
 *   device code @request polls with; %NULL to rely on @request's
 *   properties alone
 * @client: (nullable): the HTTP client, or %NULL for the process-wide
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): the callback to call with the result
 * @user_data: data for @callback
 *
 * Polls the token endpoint until the user answers, as
 * [func@poll_device_token] does, without blocking: the waits are timeouts
 * on the thread-default main context of the caller, where @callback runs.
 *
 * Since: 0.1
 */
void
pim_poll_device_token_async (PimDeviceTokenRequest          *request,
                             PimDeviceAuthorizationResponse *authorization,
                             PimHttpClient                  *client,
                             GCancellable                   *cancellable,
                             GAsyncReadyCallback             callback,
                             gpointer                        user_data)
{
  g_autoptr (GTask) task = NULL;
  Poll   *poll;
  GError *error = NULL;

  g_return_if_fail (PIM_IS_DEVICE_TOKEN_REQUEST (request));
  g_return_if_fail (authorization == NULL || PIM_IS_DEVICE_AUTHORIZATION_RESPONSE (authorization));
  g_return_if_fail (client == NULL || PIM_IS_HTTP_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, PIM_SOURCE_TAG (pim_poll_device_token_async));
  poll = g_new0 (Poll, 1);
  poll->client = client != NULL ? g_object_ref (client) : NULL;
  g_task_set_task_data (task, poll, (GDestroyNotify) poll_free);
  if (!poll_begin (poll, request, authorization, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  poll_wait_async (task);
}

/**
 * pim_poll_device_token_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@poll_device_token_async].
 *
 * Returns: (transfer full): the token response, or %NULL with @error set
 *
 * Since: 0.1
 */
PimTokenResponse *
pim_poll_device_token_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                            PIM_SOURCE_TAG (pim_poll_device_token_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
