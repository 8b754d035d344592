/* cancel-test.c: cancelling every network operation at each of its await
 * points, sync and async: the callback comes exactly once, with
 * G_IO_ERROR_CANCELLED, nothing after the cancelled step happens, and
 * every object the call used is released
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each operation is a list of steps, each an await point: a request in
 * flight (every document is held 300 ms by the fault server, so each
 * request is observably in flight), a body being read, a backoff wait, a
 * poller's wait. A step says when it is under way: once a path has been
 * hit so many times, plus a delay; the canceller (a timeout on the main
 * context for async calls, a thread for sync ones) watches the fault
 * server's hit counters and cancels then. Afterwards a path's hit count
 * proves where the call stopped: the next step never began. The step
 * "before" cancels before the call, "none" never does (the call
 * succeeds). A new operation is one row; a new await point, one step.
 *
 * Leaks: the sanitizer build's leak checker sees memory; here, weak
 * pointers on the request objects and the HTTP client must clear once the
 * test drops its references (a cancelled fetch in a cache thread may hold
 * the client a moment longer: that is waited for, boundedly).
 */

#include "pim-private.h"

#include "fault-provider.h"
#include "pim-cache-private.h"
#include "pim-discovery-private.h"

#define DELAY_MS 300 /* every document is held this long */

/* ---- Steps ---- */

typedef struct
{
  const char *name;
  /* Extra setup before the call (NULL: none). */
  void (*setup) (FaultProvider *p);
  /* When to cancel: @trigger_hits requests to @trigger_path, then
   * @after_ms. A NULL path never cancels; "" cancels before the call. */
  const char *trigger_path;
  guint       trigger_hits;
  guint       after_ms;
  /* Proof of where the call stopped: @check_path's hits. */
  const char *check_path;
  guint       check_hits;
} Step;

/* clang-format off */
#define BEFORE(path)                { "before", NULL, "", 0, 0, path, 0 }
#define IN_FLIGHT(name, path, next) { name, NULL, path, 1, 50, next, 0 }
#define LAST_IN_FLIGHT(name, path)  { name, NULL, path, 1, 50, path, 1 }
#define NONE(path, hits)            { "none", NULL, NULL, 0, 0, path, hits }
/* clang-format on */

/* Operations report success or the error through this. */
typedef struct
{
  guint         calls;
  GError       *error;
  GObject      *result; /* the operation's answer, when it succeeded */
  GCancellable *cancellable;
} Outcome;

typedef struct _CancelOp CancelOp;

struct _CancelOp
{
  const char *name;
  /* Starts the call (async) or makes it (sync); registers a weak pointer
   * on each object it creates with watch(). */
  void (*run) (const CancelOp *op,
               FaultProvider  *p,
               PimHttpClient  *client,
               PimTestMode     mode,
               Outcome        *outcome);
  void (*setup) (FaultProvider *p); /* NULL: none */
  gboolean cached;                  /* the answer is the cache's, not released by design */
  Step     steps[6];
};

/* ---- Watching objects ---- */

#define MAX_WATCHED 8

static GObject *watched[MAX_WATCHED];
static guint    n_watched;

static void
watch (gpointer object)
{
  g_assert_cmpuint (n_watched, <, MAX_WATCHED);
  watched[n_watched] = object;
  g_object_add_weak_pointer (object, (gpointer *) &watched[n_watched]);
  n_watched++;
}

static gboolean
all_released (void)
{
  for (guint i = 0; i < n_watched; i++)
    if (watched[i] != NULL)
      return FALSE;
  return TRUE;
}

/* ---- Outcomes ---- */

typedef GObject *(*FinishFunc) (GAsyncResult *result, GError **error);

typedef struct
{
  Outcome   *outcome;
  FinishFunc finish;
} Pending;

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Pending *pending = user_data;
  Outcome *outcome = pending->outcome;
  GError  *error = NULL;
  GObject *object;

  (void) source;
  outcome->calls++;
  g_assert_cmpuint (outcome->calls, ==, 1);
  object = pending->finish (result, &error);
  g_assert_true ((object == NULL) != (error == NULL));
  outcome->error = error;
  outcome->result = object;
  g_free (pending);
}

static gpointer
pending_new (Outcome *outcome, FinishFunc finish)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->outcome = outcome;
  pending->finish = finish;
  return pending;
}

/* A sync call's answer, as an outcome. */
static void
sync_done (Outcome *outcome, gpointer object, GError *error)
{
  outcome->calls++;
  g_assert_true ((object == NULL) != (error == NULL));
  outcome->error = error;
  outcome->result = object;
}

/* Wraps a gboolean-returning finish function. */
static GObject *
revoke_finish (GAsyncResult *result, GError **error)
{
  /* Any object stands for TRUE; it is released at once. */
  return pim_revoke_token_finish (result, error) ? g_object_new (G_TYPE_OBJECT, NULL) : NULL;
}

/* ---- Operations ---- */

static void
run_discovery (const CancelOp *op,
               FaultProvider  *p,
               PimHttpClient  *client,
               PimTestMode     mode,
               Outcome        *outcome)
{
  g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (p->issuer);
  GError *error = NULL;

  (void) op;
  watch (request);
  if (mode == PIM_TEST_SYNC)
    {
      PimDiscoveryDocument *document =
          pim_get_discovery_document (request, client, outcome->cancellable, &error);

      sync_done (outcome, document, error);
      return;
    }
  pim_get_discovery_document_async (request, client, outcome->cancellable, on_done,
                                    pending_new (outcome,
                                                 (FinishFunc) pim_get_discovery_document_finish));
}

static void
run_jwks (const CancelOp *op,
          FaultProvider  *p,
          PimHttpClient  *client,
          PimTestMode     mode,
          Outcome        *outcome)
{
  g_autofree char *uri = fault_provider_uri (p, FAULT_JWKS_PATH);
  GError          *error = NULL;

  (void) op;
  if (mode == PIM_TEST_SYNC)
    {
      PimJwkSet *keys = pim_get_jwks (uri, client, outcome->cancellable, &error);

      sync_done (outcome, keys, error);
      return;
    }
  pim_get_jwks_async (uri, client, outcome->cancellable, on_done,
                      pending_new (outcome, (FinishFunc) pim_get_jwks_finish));
}

static void
run_validate (const CancelOp *op,
              FaultProvider  *p,
              PimHttpClient  *client,
              PimTestMode     mode,
              Outcome        *outcome)
{
  g_autoptr (PimTokenValidationParameters) parameters =
      pim_token_validation_parameters_new (p->issuer, FAULT_AUDIENCE);
  g_autofree char *token = fault_provider_mint (p, FAULT_AUDIENCE, FAULT_SUBJECT,
                                                g_get_real_time () / G_USEC_PER_SEC + 3600);
  GError          *error = NULL;

  (void) op;
  watch (parameters);
  if (mode == PIM_TEST_SYNC)
    {
      PimClaims *claims =
          pim_validate_token (token, parameters, client, outcome->cancellable, &error);

      sync_done (outcome, claims, error);
      return;
    }
  pim_validate_token_async (token, parameters, client, outcome->cancellable, on_done,
                            pending_new (outcome, (FinishFunc) pim_validate_token_finish));
}

/* Warm caches with the provider's first key, then a new one: the token
 * (minted with the new key) makes validation fetch the key set again,
 * once the refresh cooldown since the first fetch has passed. */
static void
warm_then_rotate (FaultProvider *p)
{
  g_autoptr (PimTokenValidationParameters) parameters =
      pim_token_validation_parameters_new (p->issuer, FAULT_AUDIENCE);
  g_autofree char *token = fault_provider_mint (p, FAULT_AUDIENCE, FAULT_SUBJECT,
                                                g_get_real_time () / G_USEC_PER_SEC + 3600);
  g_autoptr (GError) error = NULL;
  G_GNUC_UNUSED g_autoptr (PimClaims) claims =
      pim_validate_token (token, parameters, NULL, NULL, &error);

  g_assert_no_error (error);
  fault_provider_rotate (p, FALSE);
  pim_cache_advance_clock_for_testing (pim_cache_get_default (), PIM_JWKS_REFRESH_COOLDOWN + 1);
}

/* The OAuth requests find their endpoint through discovery: one more
 * await point each. */
static void
set_issuer (PimOAuthRequest *request, FaultProvider *p)
{
  pim_oauth_request_set_issuer (request, p->issuer);
  watch (request);
}

static void
run_token (const CancelOp *op,
           FaultProvider  *p,
           PimHttpClient  *client,
           PimTestMode     mode,
           Outcome        *outcome)
{
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (NULL, FAULT_CLIENT_ID, FAULT_CLIENT_SECRET);
  GError *error = NULL;

  (void) op;
  set_issuer (PIM_OAUTH_REQUEST (request), p);
  if (mode == PIM_TEST_SYNC)
    {
      PimTokenResponse *tokens =
          pim_request_client_credentials_token (request, client, outcome->cancellable, &error);

      sync_done (outcome, tokens, error);
      return;
    }
  pim_request_client_credentials_token_async (
      request, client, outcome->cancellable, on_done,
      pending_new (outcome, (FinishFunc) pim_request_client_credentials_token_finish));
}

static void
run_introspection (const CancelOp *op,
                   FaultProvider  *p,
                   PimHttpClient  *client,
                   PimTestMode     mode,
                   Outcome        *outcome)
{
  g_autoptr (PimIntrospectionRequest) request =
      pim_introspection_request_new (NULL, FAULT_CLIENT_ID, FAULT_CLIENT_SECRET);
  GError *error = NULL;

  (void) op;
  set_issuer (PIM_OAUTH_REQUEST (request), p);
  pim_introspection_request_set_token (request, FAULT_ACCESS_TOKEN);
  if (mode == PIM_TEST_SYNC)
    {
      PimIntrospectionResponse *response =
          pim_introspect_token (request, client, outcome->cancellable, &error);

      sync_done (outcome, response, error);
      return;
    }
  pim_introspect_token_async (request, client, outcome->cancellable, on_done,
                              pending_new (outcome, (FinishFunc) pim_introspect_token_finish));
}

static void
run_revocation (const CancelOp *op,
                FaultProvider  *p,
                PimHttpClient  *client,
                PimTestMode     mode,
                Outcome        *outcome)
{
  g_autoptr (PimRevocationRequest) request =
      pim_revocation_request_new (NULL, FAULT_CLIENT_ID, FAULT_CLIENT_SECRET);
  GError *error = NULL;

  (void) op;
  set_issuer (PIM_OAUTH_REQUEST (request), p);
  pim_revocation_request_set_token (request, FAULT_ACCESS_TOKEN);
  if (mode == PIM_TEST_SYNC)
    {
      gboolean revoked = pim_revoke_token (request, client, outcome->cancellable, &error);

      sync_done (outcome, revoked ? g_object_new (G_TYPE_OBJECT, NULL) : NULL, error);
      return;
    }
  pim_revoke_token_async (request, client, outcome->cancellable, on_done,
                          pending_new (outcome, revoke_finish));
}

/* The UserInfo endpoint (from discovery) answers a signed JWT, which is
 * validated with the issuer's keys: discovery, UserInfo, then the key set
 * (the validation's own discovery lookup is a cache hit by then). */
static void
serve_signed_userinfo (FaultProvider *p)
{
  const char *type = NULL;
  const char *jwt = fault_provider_document (p, FAULT_USERINFO_JWT_PATH, &type);

  pim_test_server_set_document (p->server, FAULT_USERINFO_PATH, 200, type, jwt);
}

static void
run_userinfo (const CancelOp *op,
              FaultProvider  *p,
              PimHttpClient  *client,
              PimTestMode     mode,
              Outcome        *outcome)
{
  g_autoptr (PimUserInfoRequest) request = pim_userinfo_request_new (NULL, FAULT_ACCESS_TOKEN);
  GError *error = NULL;

  (void) op;
  set_issuer (PIM_OAUTH_REQUEST (request), p);
  pim_oauth_request_set_client_id (PIM_OAUTH_REQUEST (request), FAULT_CLIENT_ID);
  if (mode == PIM_TEST_SYNC)
    {
      PimUserInfoResponse *response =
          pim_get_userinfo (request, client, outcome->cancellable, &error);

      sync_done (outcome, response, error);
      return;
    }
  pim_get_userinfo_async (request, client, outcome->cancellable, on_done,
                          pending_new (outcome, (FinishFunc) pim_get_userinfo_finish));
}

static void
run_device_authorization (const CancelOp *op,
                          FaultProvider  *p,
                          PimHttpClient  *client,
                          PimTestMode     mode,
                          Outcome        *outcome)
{
  g_autoptr (PimDeviceAuthorizationRequest) request =
      pim_device_authorization_request_new (NULL, FAULT_CLIENT_ID);
  GError *error = NULL;

  (void) op;
  set_issuer (PIM_OAUTH_REQUEST (request), p);
  if (mode == PIM_TEST_SYNC)
    {
      PimDeviceAuthorizationResponse *response =
          pim_request_device_authorization (request, client, outcome->cancellable, &error);

      sync_done (outcome, response, error);
      return;
    }
  pim_request_device_authorization_async (
      request, client, outcome->cancellable, on_done,
      pending_new (outcome, (FinishFunc) pim_request_device_authorization_finish));
}

/* The poller at FAULT_DEVICE_TOKEN_PATH, every 400 ms: the first poll is
 * answered "authorization_pending", the second with tokens; each answer
 * is held DELAY_MS. */
#define POLL_INTERVAL_MS 400

static void
setup_poll (FaultProvider *p)
{
  pim_test_server_queue_document (p->server, FAULT_DEVICE_TOKEN_PATH, 400, "application/json",
                                  "{\"error\":\"authorization_pending\"}");
}

static void
run_device_poll (const CancelOp *op,
                 FaultProvider  *p,
                 PimHttpClient  *client,
                 PimTestMode     mode,
                 Outcome        *outcome)
{
  g_autofree char *uri = fault_provider_uri (p, FAULT_DEVICE_TOKEN_PATH);
  g_autoptr (PimDeviceTokenRequest) request =
      pim_device_token_request_new (uri, FAULT_CLIENT_ID, "dc-1");
  GError *error = NULL;

  (void) op;
  watch (request);
  pim_device_token_request_set_interval (request, POLL_INTERVAL_MS / 1000.0);
  if (mode == PIM_TEST_SYNC)
    {
      PimTokenResponse *tokens =
          pim_poll_device_token (request, NULL, client, outcome->cancellable, &error);

      sync_done (outcome, tokens, error);
      return;
    }
  pim_poll_device_token_async (request, NULL, client, outcome->cancellable, on_done,
                               pending_new (outcome, (FinishFunc) pim_poll_device_token_finish));
}

static GObject *
get_json_finish (GAsyncResult *result, GError **error)
{
  g_autoptr (GObject) client = g_async_result_get_source_object (result);
  JsonNode *node = pim_http_client_get_json_finish (PIM_HTTP_CLIENT (client), result, error);
  GObject  *object;

  if (node == NULL)
    return NULL;
  object = g_object_new (G_TYPE_OBJECT, NULL);
  json_node_unref (node);
  return object;
}

static void
run_get_json (const CancelOp *op,
              FaultProvider  *p,
              PimHttpClient  *client,
              PimTestMode     mode,
              Outcome        *outcome)
{
  g_autofree char *uri = fault_provider_uri (p, FAULT_JSON_PATH);
  GError          *error = NULL;

  (void) op;
  if (mode == PIM_TEST_SYNC)
    {
      JsonNode *node = pim_http_client_get_json (client, uri, outcome->cancellable, &error);

      sync_done (outcome, node != NULL ? g_object_new (G_TYPE_OBJECT, NULL) : NULL, error);
      g_clear_pointer (&node, json_node_unref);
      return;
    }
  pim_http_client_get_json_async (client, uri, outcome->cancellable, on_done,
                                  pending_new (outcome, get_json_finish));
}

/* get_json's own await points: a body read in pieces, and a backoff wait
 * after a 503 that asks for a second. */
static void
slow_body (FaultProvider *p)
{
  pim_test_server_set_route (p->server, FAULT_JSON_PATH, "/slow-body?chunks=4&delay_ms=400");
}

static void
storm_then_wait (FaultProvider *p)
{
  pim_test_server_set_route (p->server, FAULT_JSON_PATH, "/storm?fail=1&status=503&retry_after=1");
}

static void
token_storm_then_wait (FaultProvider *p)
{
  pim_test_server_set_route (p->server, FAULT_TOKEN_PATH, "/storm?fail=1&status=503&retry_after=1");
}

#define DISCO FAULT_DISCOVERY_PATH

/* clang-format off */
static const CancelOp ops[] = {
  { "discovery", run_discovery, NULL, TRUE,
    { BEFORE (DISCO),
      LAST_IN_FLIGHT ("discovery", DISCO),
      NONE (DISCO, 1) } },
  { "jwks", run_jwks, NULL, TRUE,
    { BEFORE (FAULT_JWKS_PATH),
      LAST_IN_FLIGHT ("jwks", FAULT_JWKS_PATH),
      NONE (FAULT_JWKS_PATH, 1) } },
  { "validate", run_validate, NULL, FALSE,
    { BEFORE (DISCO),
      IN_FLIGHT ("discovery", DISCO, FAULT_JWKS_PATH),
      LAST_IN_FLIGHT ("jwks", FAULT_JWKS_PATH),
      NONE (FAULT_JWKS_PATH, 1) } },
  { "validate-rotated", run_validate, warm_then_rotate, FALSE,
    { /* The caches are warm: only the warm-up's fetch. */
      { "before", NULL, "", 0, 0, FAULT_JWKS_PATH, 1 },
      /* The refresh: the key set's second fetch. */
      { "refresh", NULL, FAULT_JWKS_PATH, 2, 50, FAULT_JWKS_PATH, 2 },
      NONE (FAULT_JWKS_PATH, 2) } },
  { "token", run_token, NULL, FALSE,
    { BEFORE (DISCO),
      IN_FLIGHT ("discovery", DISCO, FAULT_TOKEN_PATH),
      LAST_IN_FLIGHT ("token", FAULT_TOKEN_PATH),
      /* A 503 asking for a second: the backoff wait. */
      { "backoff", token_storm_then_wait, FAULT_TOKEN_PATH, 1, 300, FAULT_TOKEN_PATH, 1 },
      NONE (FAULT_TOKEN_PATH, 1) } },
  { "introspection", run_introspection, NULL, FALSE,
    { BEFORE (DISCO),
      IN_FLIGHT ("discovery", DISCO, FAULT_INTROSPECT_PATH),
      LAST_IN_FLIGHT ("introspection", FAULT_INTROSPECT_PATH),
      NONE (FAULT_INTROSPECT_PATH, 1) } },
  { "revocation", run_revocation, NULL, FALSE,
    { BEFORE (DISCO),
      IN_FLIGHT ("discovery", DISCO, FAULT_REVOKE_PATH),
      LAST_IN_FLIGHT ("revocation", FAULT_REVOKE_PATH),
      NONE (FAULT_REVOKE_PATH, 1) } },
  { "userinfo", run_userinfo, serve_signed_userinfo, FALSE,
    { BEFORE (DISCO),
      IN_FLIGHT ("discovery", DISCO, FAULT_USERINFO_PATH),
      IN_FLIGHT ("userinfo", FAULT_USERINFO_PATH, FAULT_JWKS_PATH),
      LAST_IN_FLIGHT ("jwks", FAULT_JWKS_PATH),
      NONE (FAULT_JWKS_PATH, 1) } },
  { "device-authorization", run_device_authorization, NULL, FALSE,
    { BEFORE (DISCO),
      IN_FLIGHT ("discovery", DISCO, FAULT_DEVICE_PATH),
      LAST_IN_FLIGHT ("device-authorization", FAULT_DEVICE_PATH),
      NONE (FAULT_DEVICE_PATH, 1) } },
  { "device-poll", run_device_poll, setup_poll, FALSE,
    { BEFORE (FAULT_DEVICE_TOKEN_PATH),
      /* At once (0 hits): the first wait is 400 ms. */
      { "first-wait", NULL, FAULT_DEVICE_TOKEN_PATH, 0, 150, FAULT_DEVICE_TOKEN_PATH, 0 },
      { "first-poll", NULL, FAULT_DEVICE_TOKEN_PATH, 1, 50, FAULT_DEVICE_TOKEN_PATH, 1 },
      /* Answered at 300 ms, polled again at 700 ms. */
      { "second-wait", NULL, FAULT_DEVICE_TOKEN_PATH, 1, DELAY_MS + POLL_INTERVAL_MS / 2,
        FAULT_DEVICE_TOKEN_PATH, 1 },
      { "second-poll", NULL, FAULT_DEVICE_TOKEN_PATH, 2, 50, FAULT_DEVICE_TOKEN_PATH, 2 },
      NONE (FAULT_DEVICE_TOKEN_PATH, 2) } },
  { "get-json", run_get_json, NULL, FALSE,
    { BEFORE (FAULT_JSON_PATH),
      LAST_IN_FLIGHT ("headers", FAULT_JSON_PATH),
      { "body", slow_body, FAULT_JSON_PATH, 1, 200, FAULT_JSON_PATH, 1 },
      { "backoff", storm_then_wait, FAULT_JSON_PATH, 1, 300, FAULT_JSON_PATH, 1 },
      NONE (FAULT_JSON_PATH, 1) } },
};
/* clang-format on */

/* ---- The canceller ---- */

typedef struct
{
  FaultProvider *p;
  const Step    *step;
  GCancellable  *cancellable;
  gint64         hit_at; /* 0 until the trigger's hits were seen */
  gint           fired;
} Canceller;

/* One look: whether it is time to cancel (and then it did). */
static gboolean
canceller_tick (Canceller *c)
{
  gint64 now = g_get_monotonic_time ();

  if (c->hit_at == 0)
    {
      if (fault_provider_hits (c->p, c->step->trigger_path) < c->step->trigger_hits)
        return FALSE;
      c->hit_at = now;
    }
  if (now - c->hit_at < (gint64) c->step->after_ms * 1000)
    return FALSE;
  g_cancellable_cancel (c->cancellable);
  g_atomic_int_set (&c->fired, 1);
  return TRUE;
}

static gboolean
canceller_source (gpointer data)
{
  return canceller_tick (data) ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static gpointer
canceller_thread (gpointer data)
{
  Canceller *c = data;

  while (!canceller_tick (c))
    g_usleep (1000);
  return NULL;
}

static void
drain (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

typedef struct
{
  const CancelOp *op;
  const Step     *step;
  PimTestMode     mode;
} Case;

static void
test_cancel (gconstpointer data)
{
  const Case      *k = data;
  const Step      *step = k->step;
  g_autofree char *name = g_strdup_printf ("%s cancelled at %s (%s)", k->op->name, step->name,
                                           pim_test_mode_name (k->mode));
  FaultProvider    p;
  Outcome          outcome = { 0, NULL, NULL, NULL };
  Canceller        canceller = { 0 };
  GThread         *thread = NULL;
  guint            source = 0;
  PimHttpClient   *client;
  gint64           deadline;

  fault_provider_init (&p, PIM_TEST_SERVER_PLAIN);
  if (k->op->setup != NULL)
    k->op->setup (&p);
  if (step->setup != NULL)
    step->setup (&p);
  /* Every document is in flight for a while. */
  for (const char *const *path =
           (const char *const[]){ FAULT_DISCOVERY_PATH, FAULT_JWKS_PATH, FAULT_TOKEN_PATH,
                                  FAULT_INTROSPECT_PATH, FAULT_REVOKE_PATH, FAULT_USERINFO_PATH,
                                  FAULT_DEVICE_PATH, FAULT_DEVICE_TOKEN_PATH, FAULT_JSON_PATH,
                                  NULL };
       *path != NULL; path++)
    pim_test_server_set_delay (p.server, *path, DELAY_MS);

  n_watched = 0;
  /* Backoff waits as long as a 503's Retry-After asks (a second). */
  client = g_object_new (PIM_TYPE_HTTP_CLIENT, "timeout", 5, "retry-count", 2, "retry-base-delay",
                         1.0, "retry-max-delay", 5.0, NULL);
  watch (client);
  outcome.cancellable = g_cancellable_new ();
  watch (outcome.cancellable);
  canceller = (Canceller){ &p, step, outcome.cancellable, 0, 0 };
  if (step->trigger_path != NULL && *step->trigger_path == '\0')
    g_cancellable_cancel (outcome.cancellable);
  else if (step->trigger_path != NULL && k->mode == PIM_TEST_ASYNC)
    source = g_timeout_add (1, canceller_source, &canceller);
  else if (step->trigger_path != NULL)
    thread = g_thread_new ("canceller", canceller_thread, &canceller);

  fault_watchdog_arm (name, 30);
  k->op->run (k->op, &p, client, k->mode, &outcome);
  while (outcome.calls == 0)
    g_main_context_iteration (NULL, TRUE);
  if (thread != NULL)
    {
      /* A sync call cancelled: the canceller has fired. */
      g_thread_join (thread);
    }
  /* A second callback would come soon, if at all. */
  drain (100);
  fault_watchdog_disarm ();
  g_assert_cmpuint (outcome.calls, ==, 1);
  g_test_message ("%s: %s", name, outcome.error != NULL ? outcome.error->message : "success");

  if (step->trigger_path == NULL)
    {
      g_assert_no_error (outcome.error);
      g_assert_nonnull (outcome.result);
    }
  else
    {
      g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (outcome.result);
      if (*step->trigger_path != '\0')
        g_assert_true (g_atomic_int_get (&canceller.fired));
    }
  /* Where it stopped: nothing after the cancelled step began. */
  g_assert_cmpuint (fault_provider_hits (&p, step->check_path), ==, step->check_hits);
  if (source != 0 && !g_atomic_int_get (&canceller.fired))
    g_source_remove (source);

  /* Everything released once the test lets go. */
  g_clear_error (&outcome.error);
  if (outcome.result != NULL)
    {
      if (!k->op->cached)
        watch (outcome.result);
      g_object_unref (outcome.result);
    }
  g_object_unref (outcome.cancellable);
  g_object_unref (client);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!all_released () && g_get_monotonic_time () < deadline)
    drain (10);
  for (guint i = 0; i < n_watched; i++)
    if (watched[i] != NULL)
      g_error ("%s: object %u (%s) is still alive", name, i, G_OBJECT_TYPE_NAME (watched[i]));
  fault_provider_clear (&p);
}

/* A sync call whose cancellable is cancelled before it starts makes no
 * request: the cache used to start the shared fetch first and leave it
 * only then, racing the fetch thread to the provider. */
static void
test_pre_cancelled_no_request (void)
{
  FaultProvider p;
  g_autoptr (PimHttpClient) client = fault_client (NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  guint   hits = 0;
  guint64 misses_before, misses_after;

  fault_provider_init (&p, PIM_TEST_SERVER_PLAIN);
  g_cancellable_cancel (cancellable);
  pim_get_cache_stats (NULL, &misses_before, NULL, NULL);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s?n=%u", FAULT_JSON_PATH, i);
      g_autofree char *uri = fault_provider_uri (&p, path);
      g_autoptr (GError) error = NULL;
      G_GNUC_UNUSED g_autoptr (PimJwkSet) keys = pim_get_jwks (uri, client, cancellable, &error);

      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
  /* Any fetch started would have reached the server by now. */
  g_usleep (300 * 1000);
  hits = fault_provider_hits (&p, FAULT_JSON_PATH);
  g_assert_cmpuint (hits, ==, 0);
  /* Not even begun (a fetch begun is counted as a miss): whether a begun
   * fetch reaches the server first is a race the sleep above may lose. */
  pim_get_cache_stats (NULL, &misses_after, NULL, NULL);
  g_assert_cmpuint (misses_after, ==, misses_before);
  fault_provider_clear (&p);
}

int
main (int argc, char **argv)
{
  static Case cases[G_N_ELEMENTS (ops) * G_N_ELEMENTS (ops[0].steps) * 2];
  gsize       n = 0;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cancel/pre-cancelled-sync-makes-no-request", test_pre_cancelled_no_request);
  for (gsize i = 0; i < G_N_ELEMENTS (ops); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (ops[i].steps) && ops[i].steps[j].name != NULL; j++)
      for (PimTestMode mode = PIM_TEST_SYNC; mode <= PIM_TEST_ASYNC; mode++)
        {
          g_autofree char *path = g_strdup_printf ("/cancel/%s/%s/%s", ops[i].name,
                                                   ops[i].steps[j].name, pim_test_mode_name (mode));

          cases[n] = (Case){ &ops[i], &ops[i].steps[j], mode };
          g_test_add_data_func (path, &cases[n++], test_cancel);
        }
  return g_test_run ();
}
