/* provider-faults-test.c: every public network operation against every
 * provider fault, sync and async: a typed error within the client's
 * timeout, never a hang, and recovery once the provider is back; the
 * stale-while-error grace of discovery documents and key sets; a provider
 * that rotates its keys mid-run
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The fault table is operations × faults: each operation names the path
 * its faulted step talks to (a discovery document, a key set, an
 * endpoint) and what kind of step that is; each fault says how it is set
 * up and what a caller must get. A new operation or fault is one row.
 * Test paths are /provider-faults/GROUP/OPERATION/FAULT/MODE; meson runs
 * each group as a test of its own, so that each stays well under a minute
 * (the timeouts are real waits of FAULT_TIMEOUT seconds).
 */

#include "pim-private.h"

#include "fault-provider.h"
#include "pim-cache-private.h"
#include "pim-discovery-private.h"

/* Slack on top of the time a fault may legitimately take: scheduling,
 * TLS handshakes, a sanitizer's slowness (a failed handshake there took up
 * to 2.1 s with two tests sharing two cores). A hang takes far longer. */
#ifdef FAULT_UNDER_ASAN
#define MARGIN 10.0
#else
#define MARGIN 2.0
#endif

/* The device poller's authorization expires this long after the poll
 * starts; a poller that keeps timing out (RFC 8628 §3.5: it backs off and
 * polls again) ends when it does. */
#define POLL_EXPIRES_IN 2

/* ---- Waiting for async results ---- */

static GAsyncResult *
wait_async (GAsyncResult **slot)
{
  pim_test_wait_result (slot);
  return *slot;
}

/* ---- Operations ---- */

typedef enum
{
  STEP_DISCOVERY,  /* a discovery document */
  STEP_JWKS,       /* a key set */
  STEP_OAUTH,      /* an OAuth endpoint with a JSON answer */
  STEP_REVOCATION, /* the revocation endpoint: any 2xx is success */
  STEP_POLL,       /* the token endpoint, polled for a device */
  STEP_JSON,       /* pim_http_client_get_json() */
} StepKind;

typedef gboolean (*OpFunc) (FaultProvider *p,
                            PimHttpClient *client,
                            PimTestMode    mode,
                            GError       **error);

typedef struct
{
  const char *group;
  const char *name;
  const char *path; /* where the faulted step goes */
  StepKind    kind;
  OpFunc      run;
} Op;

static gboolean
op_discovery (FaultProvider *p, PimHttpClient *client, PimTestMode mode, GError **error)
{
  g_autoptr (PimDiscoveryRequest) request = pim_discovery_request_new (p->issuer);
  g_autoptr (PimDiscoveryDocument) document = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    document = pim_get_discovery_document (request, client, NULL, error);
  else
    {
      pim_get_discovery_document_async (request, client, NULL, pim_test_store_result, &result);
      document = pim_get_discovery_document_finish (wait_async (&result), error);
    }
  if (document == NULL)
    return FALSE;
  g_assert_cmpstr (pim_discovery_document_get_issuer (document), ==, p->issuer);
  return TRUE;
}

static gboolean
op_jwks (FaultProvider *p, PimHttpClient *client, PimTestMode mode, GError **error)
{
  g_autofree char *uri = fault_provider_uri (p, FAULT_JWKS_PATH);
  g_autoptr (PimJwkSet) keys = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    keys = pim_get_jwks (uri, client, NULL, error);
  else
    {
      pim_get_jwks_async (uri, client, NULL, pim_test_store_result, &result);
      keys = pim_get_jwks_finish (wait_async (&result), error);
    }
  if (keys == NULL)
    return FALSE;
  g_assert_cmpuint (pim_jwk_set_get_n_keys (keys), ==, pim_jwk_set_get_n_keys (p->keys));
  return TRUE;
}

static gboolean
op_validate (FaultProvider *p, PimHttpClient *client, PimTestMode mode, GError **error)
{
  g_autoptr (PimTokenValidationParameters) parameters =
      pim_token_validation_parameters_new (p->issuer, FAULT_AUDIENCE);
  g_autofree char *token = fault_provider_mint (p, FAULT_AUDIENCE, FAULT_SUBJECT,
                                                g_get_real_time () / G_USEC_PER_SEC + 3600);
  g_autoptr (PimClaims) claims = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    claims = pim_validate_token (token, parameters, client, NULL, error);
  else
    {
      pim_validate_token_async (token, parameters, client, NULL, pim_test_store_result, &result);
      claims = pim_validate_token_finish (wait_async (&result), error);
    }
  if (claims == NULL)
    return FALSE;
  g_assert_cmpstr (pim_claims_get_subject (claims), ==, FAULT_SUBJECT);
  return TRUE;
}

static gboolean
request_token (PimClientCredentialsTokenRequest *request,
               PimHttpClient                    *client,
               PimTestMode                       mode,
               GError                          **error)
{
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    tokens = pim_request_client_credentials_token (request, client, NULL, error);
  else
    {
      pim_request_client_credentials_token_async (request, client, NULL, pim_test_store_result,
                                                  &result);
      tokens = pim_request_client_credentials_token_finish (wait_async (&result), error);
    }
  if (tokens == NULL)
    return FALSE;
  g_assert_cmpstr (pim_token_response_get_access_token (tokens), ==, FAULT_ACCESS_TOKEN);
  return TRUE;
}

static gboolean
op_token (FaultProvider *p, PimHttpClient *client, PimTestMode mode, GError **error)
{
  g_autofree char *uri = fault_provider_uri (p, FAULT_TOKEN_PATH);
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (uri, FAULT_CLIENT_ID, FAULT_CLIENT_SECRET);

  return request_token (request, client, mode, error);
}

static gboolean
op_token_discovery (FaultProvider *p, PimHttpClient *client, PimTestMode mode, GError **error)
{
  g_autoptr (PimClientCredentialsTokenRequest) request =
      pim_client_credentials_token_request_new (NULL, FAULT_CLIENT_ID, FAULT_CLIENT_SECRET);

  pim_oauth_request_set_issuer (PIM_OAUTH_REQUEST (request), p->issuer);
  return request_token (request, client, mode, error);
}

static gboolean
op_introspection (FaultProvider *p, PimHttpClient *client, PimTestMode mode, GError **error)
{
  g_autofree char *uri = fault_provider_uri (p, FAULT_INTROSPECT_PATH);
  g_autoptr (PimIntrospectionRequest) request =
      pim_introspection_request_new (uri, FAULT_CLIENT_ID, FAULT_CLIENT_SECRET);
  g_autoptr (PimIntrospectionResponse) response = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  pim_introspection_request_set_token (request, FAULT_ACCESS_TOKEN);
  if (mode == PIM_TEST_SYNC)
    response = pim_introspect_token (request, client, NULL, error);
  else
    {
      pim_introspect_token_async (request, client, NULL, pim_test_store_result, &result);
      response = pim_introspect_token_finish (wait_async (&result), error);
    }
  if (response == NULL)
    return FALSE;
  g_assert_true (pim_introspection_response_get_active (response));
  g_assert_cmpstr (pim_introspection_response_get_subject (response), ==, FAULT_SUBJECT);
  return TRUE;
}

static gboolean
op_revocation (FaultProvider *p, PimHttpClient *client, PimTestMode mode, GError **error)
{
  g_autofree char *uri = fault_provider_uri (p, FAULT_REVOKE_PATH);
  g_autoptr (PimRevocationRequest) request =
      pim_revocation_request_new (uri, FAULT_CLIENT_ID, FAULT_CLIENT_SECRET);
  g_autoptr (GAsyncResult) result = NULL;

  pim_revocation_request_set_token (request, FAULT_ACCESS_TOKEN);
  if (mode == PIM_TEST_SYNC)
    return pim_revoke_token (request, client, NULL, error);
  pim_revoke_token_async (request, client, NULL, pim_test_store_result, &result);
  return pim_revoke_token_finish (wait_async (&result), error);
}

static gboolean
get_userinfo (PimUserInfoRequest *request, PimHttpClient *client, PimTestMode mode, GError **error)
{
  g_autoptr (PimUserInfoResponse) response = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    response = pim_get_userinfo (request, client, NULL, error);
  else
    {
      pim_get_userinfo_async (request, client, NULL, pim_test_store_result, &result);
      response = pim_get_userinfo_finish (wait_async (&result), error);
    }
  if (response == NULL)
    return FALSE;
  g_assert_cmpstr (pim_userinfo_response_get_subject (response), ==, FAULT_SUBJECT);
  return TRUE;
}

static gboolean
op_userinfo (FaultProvider *p, PimHttpClient *client, PimTestMode mode, GError **error)
{
  g_autofree char *uri = fault_provider_uri (p, FAULT_USERINFO_PATH);
  g_autoptr (PimUserInfoRequest) request = pim_userinfo_request_new (uri, FAULT_ACCESS_TOKEN);

  return get_userinfo (request, client, mode, error);
}

/* A signed answer, validated through the issuer's discovery document and
 * key set. */
static gboolean
op_userinfo_signed (FaultProvider *p, PimHttpClient *client, PimTestMode mode, GError **error)
{
  g_autofree char *uri = fault_provider_uri (p, FAULT_USERINFO_JWT_PATH);
  g_autoptr (PimUserInfoRequest) request = pim_userinfo_request_new (uri, FAULT_ACCESS_TOKEN);

  pim_oauth_request_set_issuer (PIM_OAUTH_REQUEST (request), p->issuer);
  pim_oauth_request_set_client_id (PIM_OAUTH_REQUEST (request), FAULT_CLIENT_ID);
  return get_userinfo (request, client, mode, error);
}

static gboolean
op_device_authorization (FaultProvider *p, PimHttpClient *client, PimTestMode mode, GError **error)
{
  g_autofree char *uri = fault_provider_uri (p, FAULT_DEVICE_PATH);
  g_autoptr (PimDeviceAuthorizationRequest) request =
      pim_device_authorization_request_new (uri, FAULT_CLIENT_ID);
  g_autoptr (PimDeviceAuthorizationResponse) response = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    response = pim_request_device_authorization (request, client, NULL, error);
  else
    {
      pim_request_device_authorization_async (request, client, NULL, pim_test_store_result,
                                              &result);
      response = pim_request_device_authorization_finish (wait_async (&result), error);
    }
  if (response == NULL)
    return FALSE;
  g_assert_cmpstr (pim_device_authorization_response_get_user_code (response), ==, FAULT_USER_CODE);
  return TRUE;
}

static gboolean
op_device_poll (FaultProvider *p, PimHttpClient *client, PimTestMode mode, GError **error)
{
  g_autofree char *uri = fault_provider_uri (p, FAULT_DEVICE_TOKEN_PATH);
  g_autoptr (PimDeviceTokenRequest) request =
      pim_device_token_request_new (uri, FAULT_CLIENT_ID, NULL);
  g_autoptr (PimDeviceAuthorizationResponse) authorization = NULL;
  g_autoptr (PimTokenResponse) tokens = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) local_error = NULL;

  authorization = pim_device_authorization_response_new_from_json (
      "{\"device_code\":\"dc-1\",\"user_code\":\"" FAULT_USER_CODE "\","
      "\"verification_uri\":\"https://op.example/verify\",\"expires_in\":" G_STRINGIFY (
          POLL_EXPIRES_IN) "}",
      &local_error);
  g_assert_no_error (local_error);
  pim_device_token_request_set_interval (request, 0.01);
  if (mode == PIM_TEST_SYNC)
    tokens = pim_poll_device_token (request, authorization, client, NULL, error);
  else
    {
      pim_poll_device_token_async (request, authorization, client, NULL, pim_test_store_result,
                                   &result);
      tokens = pim_poll_device_token_finish (wait_async (&result), error);
    }
  if (tokens == NULL)
    return FALSE;
  g_assert_cmpstr (pim_token_response_get_access_token (tokens), ==, FAULT_ACCESS_TOKEN);
  return TRUE;
}

static gboolean
op_get_json (FaultProvider *p, PimHttpClient *client, PimTestMode mode, GError **error)
{
  g_autofree char *uri = fault_provider_uri (p, FAULT_JSON_PATH);
  g_autoptr (JsonNode) node = pim_test_get_json (client, uri, mode, error);

  if (node == NULL)
    return FALSE;
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "ok"));
  return TRUE;
}

static const Op ops[] = {
  { "oidc", "discovery", FAULT_DISCOVERY_PATH, STEP_DISCOVERY, op_discovery },
  { "oidc", "jwks", FAULT_JWKS_PATH, STEP_JWKS, op_jwks },
  { "oidc", "validate@discovery", FAULT_DISCOVERY_PATH, STEP_DISCOVERY, op_validate },
  { "oidc", "validate@jwks", FAULT_JWKS_PATH, STEP_JWKS, op_validate },
  { "oidc", "get-json", FAULT_JSON_PATH, STEP_JSON, op_get_json },
  { "oauth", "token", FAULT_TOKEN_PATH, STEP_OAUTH, op_token },
  { "oauth", "token-discovery@discovery", FAULT_DISCOVERY_PATH, STEP_DISCOVERY,
    op_token_discovery },
  { "oauth", "token-discovery@token", FAULT_TOKEN_PATH, STEP_OAUTH, op_token_discovery },
  { "oauth", "introspection", FAULT_INTROSPECT_PATH, STEP_OAUTH, op_introspection },
  { "oauth", "revocation", FAULT_REVOKE_PATH, STEP_REVOCATION, op_revocation },
  { "flows", "userinfo", FAULT_USERINFO_PATH, STEP_OAUTH, op_userinfo },
  { "flows", "userinfo-signed@userinfo", FAULT_USERINFO_JWT_PATH, STEP_OAUTH, op_userinfo_signed },
  { "flows", "userinfo-signed@jwks", FAULT_JWKS_PATH, STEP_JWKS, op_userinfo_signed },
  { "flows", "device-authorization", FAULT_DEVICE_PATH, STEP_OAUTH, op_device_authorization },
  { "flows", "device-poll", FAULT_DEVICE_TOKEN_PATH, STEP_POLL, op_device_poll },
};

/* ---- Faults ---- */

typedef enum
{
  HOW_DOWN,      /* nothing listens on the provider's port */
  HOW_TLS,       /* the provider's certificate is not one the client trusts */
  HOW_ROUTE,     /* the faulted path answers like a fault server route */
  HOW_QUEUE,     /* two answers of a status, then the good document */
  HOW_TRUNCATED, /* the good document cut in half */
} FaultHow;

typedef enum
{
  EXPECT_SUCCESS,
  EXPECT_CONNECTION,
  EXPECT_TLS,
  EXPECT_REFUSED,   /* 400 with an OAuth error body */
  EXPECT_STATUS,    /* any other status */
  EXPECT_TIMEOUT,   /* the client's timeout */
  EXPECT_JUNK,      /* a 200 whose body is not what was asked for */
  EXPECT_CUT_SHORT, /* the connection closes before the body ends */
  EXPECT_TOO_LARGE,
  EXPECT_REDIRECT,
} Expect;

typedef struct
{
  const char *name;
  FaultHow    how;
  const char *route;  /* HOW_ROUTE */
  guint       status; /* HOW_QUEUE */
  Expect      expect;
  guint       hits;      /* requests to the faulted path; 0: not counted */
  double      seconds;   /* how long the fault may legitimately take */
  gboolean    transient; /* a cached value may be served stale meanwhile */
  double      backoff;   /* the least time its retries must have waited */
} Fault;

#define ALL_RETRIES (FAULT_RETRY_COUNT + 1)
/* Two retries without Retry-After wait 10 ms, then 20 ms (fault_client(),
 * plus up to 10 % jitter). */
#define TWO_BACKOFFS 0.03

static const Fault faults[] = {
  { "down", HOW_DOWN, NULL, 0, EXPECT_CONNECTION, 0, 0, TRUE },
  { "tls-untrusted", HOW_TLS, NULL, 0, EXPECT_TLS, 0, 0, TRUE },
  { "refused-400", HOW_ROUTE, "/status/400", 0, EXPECT_REFUSED, 1, 0, FALSE },
  { "refused-403", HOW_ROUTE, "/status/403", 0, EXPECT_STATUS, 1, 0, FALSE },
  /* 500 is not retried: only 429 and 503 say "come back later". */
  { "error-500", HOW_ROUTE, "/status/500", 0, EXPECT_STATUS, 1, 0, TRUE },
  { "slow-headers", HOW_ROUTE, "/slow-headers?delay_ms=4000", 0, EXPECT_TIMEOUT, 1, FAULT_TIMEOUT,
    TRUE },
  { "slow-body", HOW_ROUTE, "/slow-body?chunks=3&delay_ms=4000", 0, EXPECT_TIMEOUT, 1,
    FAULT_TIMEOUT, TRUE },
  { "stall-mid-body", HOW_ROUTE, "/stall", 0, EXPECT_TIMEOUT, 1, FAULT_TIMEOUT, TRUE },
  { "storm-503", HOW_ROUTE, "/storm?fail=1000&status=503", 0, EXPECT_STATUS, ALL_RETRIES, 0, TRUE,
    TWO_BACKOFFS },
  /* Retry-After: 0 is honoured: no wait. */
  { "storm-429", HOW_ROUTE, "/storm?fail=1000&status=429&retry_after=0", 0, EXPECT_STATUS,
    ALL_RETRIES, 0, TRUE },
  { "storm-503-ends", HOW_QUEUE, NULL, 503, EXPECT_SUCCESS, 3, 0, TRUE, TWO_BACKOFFS },
  { "storm-429-ends", HOW_QUEUE, NULL, 429, EXPECT_SUCCESS, 3, 0, TRUE, TWO_BACKOFFS },
  { "truncated-json", HOW_TRUNCATED, NULL, 0, EXPECT_JUNK, 1, 0, FALSE },
  { "garbage", HOW_ROUTE, "/garbage", 0, EXPECT_JUNK, 1, 0, FALSE },
  { "cut-short", HOW_ROUTE, "/lying-length?size=20&claim=200", 0, EXPECT_CUT_SHORT, 1, 0, TRUE },
  { "huge", HOW_ROUTE, "/huge?size=2000000", 0, EXPECT_TOO_LARGE, 1, 0, FALSE },
  { "redirect", HOW_ROUTE, "/redirect?to=%2Felsewhere", 0, EXPECT_REDIRECT, 1, 0, FALSE },
};

/* What a step of @kind must fail with under @expect; FALSE for success. */
static gboolean
expected_error (StepKind kind, Expect expect, GQuark *domain, int *code)
{
  *domain = PIM_HTTP_ERROR;
  switch (expect)
    {
    case EXPECT_SUCCESS:
      return FALSE;
    case EXPECT_CONNECTION:
      *code = PIM_HTTP_ERROR_CONNECTION;
      return TRUE;
    case EXPECT_TLS:
      *code = PIM_HTTP_ERROR_TLS;
      return TRUE;
    case EXPECT_REFUSED:
      if (kind == STEP_OAUTH || kind == STEP_REVOCATION || kind == STEP_POLL)
        {
          *domain = PIM_OAUTH_ERROR;
          *code = PIM_OAUTH_ERROR_INVALID_REQUEST;
        }
      else
        *code = PIM_HTTP_ERROR_STATUS;
      return TRUE;
    case EXPECT_STATUS:
      *code = PIM_HTTP_ERROR_STATUS;
      return TRUE;
    case EXPECT_TIMEOUT:
      if (kind == STEP_POLL)
        {
          /* RFC 8628 §3.5: a poller that times out polls again, less
           * often, until the code expires. */
          *domain = PIM_OAUTH_ERROR;
          *code = PIM_OAUTH_ERROR_EXPIRED_TOKEN;
        }
      else
        *code = PIM_HTTP_ERROR_TIMEOUT;
      return TRUE;
    case EXPECT_JUNK:
      switch (kind)
        {
        case STEP_DISCOVERY:
          *domain = PIM_DISCOVERY_ERROR;
          *code = PIM_DISCOVERY_ERROR_MALFORMED;
          return TRUE;
        case STEP_JWKS:
          *domain = PIM_JOSE_ERROR;
          *code = PIM_JOSE_ERROR_MALFORMED;
          return TRUE;
        case STEP_OAUTH:
        case STEP_POLL:
          *domain = PIM_OAUTH_ERROR;
          *code = PIM_OAUTH_ERROR_INVALID_RESPONSE;
          return TRUE;
        case STEP_REVOCATION:
          return FALSE; /* RFC 7009 §2.2: the body of a 200 means nothing */
        case STEP_JSON:
        default:
          *code = PIM_HTTP_ERROR_NOT_JSON;
          return TRUE;
        }
    case EXPECT_CUT_SHORT:
      *code = PIM_HTTP_ERROR_CONNECTION;
      return TRUE;
    case EXPECT_TOO_LARGE:
      *code = PIM_HTTP_ERROR_TOO_LARGE;
      return TRUE;
    case EXPECT_REDIRECT:
      *code = PIM_HTTP_ERROR_REDIRECT_REFUSED;
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

/* How long @op may take under @fault before it must have answered. */
static double
time_bound (const Op *op, const Fault *fault)
{
  double seconds = fault->seconds;

  if (op->kind == STEP_POLL && fault->expect == EXPECT_TIMEOUT)
    seconds = POLL_EXPIRES_IN + FAULT_TIMEOUT;
  return seconds + MARGIN;
}

static void
apply_fault (FaultProvider *p, const Op *op, const Fault *fault)
{
  switch (fault->how)
    {
    case HOW_DOWN:
      fault_provider_stop (p);
      break;
    case HOW_TLS:
      break; /* the provider is TLS, the client trusts another CA */
    case HOW_ROUTE:
      pim_test_server_set_route (p->server, op->path, fault->route);
      break;
    case HOW_QUEUE:
      {
        g_autofree char *body = g_strdup_printf ("{\"status\":%u}", fault->status);

        for (guint i = 0; i < 2; i++)
          pim_test_server_queue_document (p->server, op->path, fault->status, "application/json",
                                          body);
      }
      break;
    case HOW_TRUNCATED:
      {
        const char      *type = NULL;
        const char      *good = fault_provider_document (p, op->path, &type);
        g_autofree char *half = g_strndup (good, strlen (good) / 2);

        pim_test_server_set_document (p->server, op->path, 200, "application/json",
                                      *half != '\0' ? half : "{\"a\":");
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  const Op    *op;
  const Fault *fault;
  PimTestMode  mode;
} Case;

static void
test_fault (gconstpointer data)
{
  const Case      *c = data;
  const Op        *op = c->op;
  const Fault     *fault = c->fault;
  g_autofree char *name =
      g_strdup_printf ("%s under %s (%s)", op->name, fault->name, pim_test_mode_name (c->mode));
  FaultProvider p;
  g_autoptr (PimHttpClient) client = NULL;
  g_autoptr (GError) error = NULL;
  GQuark   domain = 0;
  int      code = 0;
  gboolean fails = expected_error (op->kind, fault->expect, &domain, &code);
  gboolean ok;
  gint64   start;
  double   elapsed;

  fault_provider_init (&p, fault->how == HOW_TLS ? PIM_TEST_SERVER_TLS : PIM_TEST_SERVER_PLAIN);
  client = fault_client (fault->how == HOW_TLS ? pim_test_server_get_other_ca_file () : NULL);
  apply_fault (&p, op, fault);

  fault_watchdog_arm (name, 30);
  start = g_get_monotonic_time ();
  ok = op->run (&p, client, c->mode, &error);
  elapsed = fault_elapsed (start);
  fault_watchdog_disarm ();
  g_test_message ("%s: %s after %.3f s", name, error != NULL ? error->message : "success", elapsed);

  if (fails)
    {
      g_assert_false (ok);
      g_assert_error (error, domain, code);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  g_assert_cmpfloat (elapsed, <, time_bound (op, fault));
  /* Retries backed off. */
  g_assert_cmpfloat (elapsed, >=, fault->backoff);
  /* A timeout is the client's, not an earlier one (50 ms for the clocks'
   * granularity: the expiry is on the real-time clock). */
  if (fault->expect == EXPECT_TIMEOUT)
    g_assert_cmpfloat (elapsed, >=,
                       (op->kind == STEP_POLL ? POLL_EXPIRES_IN : FAULT_TIMEOUT) - 0.05);
  if (op->kind == STEP_POLL && fault->expect == EXPECT_TIMEOUT)
    {
      /* A poll times out after FAULT_TIMEOUT, the next starts at once
       * (the interval is 10 ms, doubled) and times out too, past the
       * expiry. */
      G_STATIC_ASSERT (POLL_EXPIRES_IN == 2 * FAULT_TIMEOUT);
      g_assert_cmpuint (fault_provider_hits (&p, op->path), ==, 2);
    }
  else if (fault->hits != 0)
    g_assert_cmpuint (fault_provider_hits (&p, op->path), ==, fault->hits);
  g_clear_error (&error);

  /* The provider comes back; a TLS failure is the client's trust, and a
   * client that trusts the provider's CA is not refused for it. */
  if (fault->how == HOW_DOWN)
    fault_provider_restart (&p);
  else if (fault->how == HOW_TLS)
    {
      g_clear_object (&client);
      client = fault_client (pim_test_server_get_ca_file ());
    }
  else
    fault_provider_serve (&p);
  fault_watchdog_arm (name, 30);
  ok = op->run (&p, client, c->mode, &error);
  fault_watchdog_disarm ();
  g_assert_no_error (error);
  g_assert_true (ok);

  fault_provider_clear (&p);
}

/* ---- Stale-while-error ---- */

/* A warm discovery document or key set outlives its TTL while its
 * provider fails transiently (transport errors, 5xx), for the grace
 * period after it went stale; other failures (4xx, junk) surface at once.
 * pim-cache-private.h: TTL 3600 s without Cache-Control, a stale value is
 * tried again after PIM_CACHE_MIN_TTL, grace PIM_CACHE_DEFAULT_GRACE. */
static void
test_stale_while_error (gconstpointer data)
{
  const Case      *c = data;
  const Op        *op = c->op;
  const Fault     *fault = c->fault;
  gboolean         transient = fault->transient;
  g_autofree char *name = g_strdup_printf ("%s stale under %s (%s)", op->name, fault->name,
                                           pim_test_mode_name (c->mode));
  PimCache        *cache = pim_cache_get_default ();
  PimCacheStats    before, after;
  FaultProvider    p;
  g_autoptr (PimHttpClient) client = fault_client (NULL);
  g_autoptr (GError) error = NULL;
  GQuark domain = 0;
  int    code = 0;
  guint  hits;

  g_assert_true (expected_error (op->kind, fault->expect, &domain, &code));
  fault_provider_init (&p, PIM_TEST_SERVER_PLAIN);
  fault_watchdog_arm (name, 60);

  /* Warm. */
  g_assert_true (op->run (&p, client, c->mode, &error));
  g_assert_no_error (error);
  hits = fault_provider_hits (&p, op->path);
  g_assert_cmpuint (hits, ==, 1);

  /* Expired, and the provider fails. */
  pim_cache_advance_clock_for_testing (cache, PIM_CACHE_DEFAULT_TTL + 1);
  apply_fault (&p, op, fault);
  pim_cache_get_stats (cache, &before);
  if (!transient)
    {
      g_assert_false (op->run (&p, client, c->mode, &error));
      g_assert_error (error, domain, code);
      goto done;
    }
  g_assert_true (op->run (&p, client, c->mode, &error));
  g_assert_no_error (error);
  pim_cache_get_stats (cache, &after);
  /* A validation down the whole provider gets both its documents stale. */
  g_assert_cmpuint (after.stale_served, ==,
                    before.stale_served +
                        (fault->how == HOW_DOWN && op->run == op_validate ? 2 : 1));
  if (fault->how != HOW_DOWN)
    {
      /* It did ask. */
      g_assert_cmpuint (fault_provider_hits (&p, op->path), ==, hits + fault->hits);
      hits = fault_provider_hits (&p, op->path);
    }

  /* Served stale without asking again until the shortest TTL passed… */
  g_assert_true (op->run (&p, client, c->mode, &error));
  g_assert_no_error (error);
  if (fault->how != HOW_DOWN)
    g_assert_cmpuint (fault_provider_hits (&p, op->path), ==, hits);
  pim_cache_advance_clock_for_testing (cache, PIM_CACHE_MIN_TTL + 1);
  g_assert_true (op->run (&p, client, c->mode, &error));
  g_assert_no_error (error);
  if (fault->how != HOW_DOWN)
    g_assert_cmpuint (fault_provider_hits (&p, op->path), ==, hits + fault->hits);

  /* …and no longer than the grace period after it went stale. */
  pim_cache_advance_clock_for_testing (cache, PIM_CACHE_DEFAULT_GRACE);
  g_assert_false (op->run (&p, client, c->mode, &error));
  g_assert_error (error, domain, code);

done:
  g_clear_error (&error);
  /* Back: a fresh value. */
  if (fault->how == HOW_DOWN)
    fault_provider_restart (&p);
  else
    fault_provider_serve (&p);
  pim_cache_get_stats (cache, &before);
  g_assert_true (op->run (&p, client, c->mode, &error));
  g_assert_no_error (error);
  pim_cache_get_stats (cache, &after);
  g_assert_cmpuint (after.stale_served, ==, before.stale_served);
  fault_watchdog_disarm ();
  fault_provider_clear (&p);
}

/* ---- Key rotation mid-run ---- */

typedef struct
{
  guint ok;
  guint failed;
  guint done;
} Tally;

static void
on_validated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Tally *tally = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = pim_validate_token_finish (result, &error);

  (void) source;
  if (claims != NULL && g_strcmp0 (pim_claims_get_subject (claims), FAULT_SUBJECT) == 0)
    g_atomic_int_inc (&tally->ok);
  else
    {
      g_test_message ("validation failed: %s", error != NULL ? error->message : "wrong subject");
      g_atomic_int_inc (&tally->failed);
    }
  g_atomic_int_inc (&tally->done);
}

typedef struct
{
  const char                   *token;
  PimTokenValidationParameters *parameters;
  Tally                        *tally;
} RotationThread;

static gpointer
rotation_thread (gpointer data)
{
  RotationThread *t = data;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PimClaims) claims =
          pim_validate_token (t->token, t->parameters, NULL, NULL, &error);

      if (claims != NULL)
        g_atomic_int_inc (&t->tally->ok);
      else
        {
          g_test_message ("sync validation failed: %s", error->message);
          g_atomic_int_inc (&t->tally->failed);
        }
      g_atomic_int_inc (&t->tally->done);
    }
  return NULL;
}

static PimClaims *
validate (const char                   *token,
          PimTokenValidationParameters *parameters,
          PimTestMode                   mode,
          GError                      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_validate_token (token, parameters, NULL, NULL, error);
  pim_validate_token_async (token, parameters, NULL, NULL, pim_test_store_result, &result);
  return pim_validate_token_finish (wait_async (&result), error);
}

static char *
mint (FaultProvider *p)
{
  return fault_provider_mint (p, FAULT_AUDIENCE, FAULT_SUBJECT,
                              g_get_real_time () / G_USEC_PER_SEC + 3600);
}

/* The provider signs with a new key and serves only that one: the first
 * token naming it refreshes the key set once (no sooner than the refresh
 * cooldown after the last fetch), tokens of the retired key fail typed, and
 * a burst of callers that all meet the new key at once, async and from
 * threads, all validate with one refresh between them. */
static void
test_rotation (gconstpointer data)
{
  PimTestMode   mode = GPOINTER_TO_INT (data);
  PimCache     *cache = pim_cache_get_default ();
  FaultProvider p;
  g_autoptr (PimTokenValidationParameters) parameters = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimClaims) claims = NULL;
  g_autofree char *old_token = NULL;
  g_autofree char *new_token = NULL;
  g_autofree char *newest_token = NULL;
  RotationThread   threads[8];
  GThread         *handles[G_N_ELEMENTS (threads)];
  Tally            tally = { 0, 0, 0 };
  Tally            sync_tally = { 0, 0, 0 };

  fault_provider_init (&p, PIM_TEST_SERVER_PLAIN);
  parameters = pim_token_validation_parameters_new (p.issuer, FAULT_AUDIENCE);
  old_token = mint (&p);
  claims = validate (old_token, parameters, mode, &error);
  g_assert_no_error (error);
  g_clear_object (&claims);
  g_assert_cmpuint (fault_provider_hits (&p, FAULT_JWKS_PATH), ==, 1);

  /* Rotated within the cooldown of the last fetch: refused, no fetch. */
  fault_provider_rotate (&p, FALSE);
  new_token = mint (&p);
  claims = validate (new_token, parameters, mode, &error);
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (fault_provider_hits (&p, FAULT_JWKS_PATH), ==, 1);

  /* After it: one refresh, and the new key validates. */
  pim_cache_advance_clock_for_testing (cache, PIM_JWKS_REFRESH_COOLDOWN + 1);
  claims = validate (new_token, parameters, mode, &error);
  g_assert_no_error (error);
  g_clear_object (&claims);
  g_assert_cmpuint (fault_provider_hits (&p, FAULT_JWKS_PATH), ==, 2);
  claims = validate (new_token, parameters, mode, &error);
  g_assert_no_error (error);
  g_clear_object (&claims);
  g_assert_cmpuint (fault_provider_hits (&p, FAULT_JWKS_PATH), ==, 2);

  /* The retired key's tokens fail, typed, after one more look. */
  pim_cache_advance_clock_for_testing (cache, PIM_JWKS_REFRESH_COOLDOWN + 1);
  claims = validate (old_token, parameters, mode, &error);
  g_assert_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (fault_provider_hits (&p, FAULT_JWKS_PATH), ==, 3);

  /* Rotated again, keeping the old key; 50 async and 8 × 5 sync callers
   * meet the newest key at once. */
  pim_cache_advance_clock_for_testing (cache, PIM_JWKS_REFRESH_COOLDOWN + 1);
  fault_provider_rotate (&p, TRUE);
  newest_token = mint (&p);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      threads[i] = (RotationThread){ newest_token, parameters, &sync_tally };
      handles[i] = g_thread_new ("rotation", rotation_thread, &threads[i]);
    }
  for (guint i = 0; i < 50; i++)
    pim_validate_token_async (newest_token, parameters, NULL, NULL, on_validated, &tally);
  /* The async callbacks run here, so each wakes this loop. */
  while (tally.done < 50)
    g_main_context_iteration (NULL, TRUE);
  for (gsize i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (handles[i]);
  g_assert_cmpuint (tally.failed, ==, 0);
  g_assert_cmpuint (tally.ok, ==, 50);
  g_assert_cmpuint (sync_tally.failed, ==, 0);
  g_assert_cmpuint (sync_tally.ok, ==, G_N_ELEMENTS (threads) * 5);
  g_assert_cmpuint (fault_provider_hits (&p, FAULT_JWKS_PATH), ==, 4);
  /* Both keys are served: the previous one still validates, no fetch. */
  claims = validate (new_token, parameters, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fault_provider_hits (&p, FAULT_JWKS_PATH), ==, 4);
  g_assert_cmpuint (fault_provider_hits (&p, FAULT_DISCOVERY_PATH), ==, 1);
  fault_provider_clear (&p);
}

/* ---- The fault server's additions this suite relies on ---- */

static void
test_server_additions (void)
{
  FaultProvider p;
  g_autoptr (PimHttpClient) client = fault_client (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autoptr (JsonNode) node = NULL;
  gint64 start;

  fault_provider_init (&p, PIM_TEST_SERVER_PLAIN);
  uri = fault_provider_uri (&p, FAULT_JSON_PATH);

  /* A route stands in for the document, hits counted at the path. */
  pim_test_server_set_route (p.server, FAULT_JSON_PATH, "/storm?fail=1&status=503");
  node = pim_test_get_json (client, uri, PIM_TEST_SYNC, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "hits"), ==, 2);
  g_assert_cmpuint (fault_provider_hits (&p, FAULT_JSON_PATH), ==, 2);
  g_clear_pointer (&node, json_node_unref);

  /* A queued answer comes before it; removing it brings the document
   * back. */
  pim_test_server_queue_document (p.server, FAULT_JSON_PATH, 200, "application/json",
                                  "{\"queued\":true}");
  node = pim_test_get_json (client, uri, PIM_TEST_SYNC, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "queued"));
  g_clear_pointer (&node, json_node_unref);
  pim_test_server_set_route (p.server, FAULT_JSON_PATH, NULL);
  node = pim_test_get_json (client, uri, PIM_TEST_SYNC, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "ok"));
  g_clear_pointer (&node, json_node_unref);

  /* A delayed document. */
  pim_test_server_set_delay (p.server, FAULT_JSON_PATH, 300);
  start = g_get_monotonic_time ();
  node = pim_test_get_json (client, uri, PIM_TEST_ASYNC, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (fault_elapsed (start), >=, 0.29);
  g_clear_pointer (&node, json_node_unref);

  /* Stopped: refused; restarted on the same port: served again. */
  fault_provider_stop (&p);
  node = pim_test_get_json (client, uri, PIM_TEST_SYNC, &error);
  g_assert_error (error, PIM_HTTP_ERROR, PIM_HTTP_ERROR_CONNECTION);
  g_clear_error (&error);
  fault_provider_restart (&p);
  node = pim_test_get_json (client, uri, PIM_TEST_SYNC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fault_provider_hits (&p, FAULT_JSON_PATH), ==, 1);
  fault_provider_clear (&p);
}

/* The first TLS handshake of a process loads and sets up the TLS backend,
 * which takes seconds under a sanitizer: done once before the timed
 * calls. */
static void
warm_up_tls (void)
{
  g_autoptr (PimTestServer) server = pim_test_server_new (PIM_TEST_SERVER_TLS);
  g_autoptr (PimHttpClient) client = fault_client (pim_test_server_get_ca_file ());
  g_autofree char *uri = pim_test_server_get_uri (server, "/ok");

  for (PimTestMode mode = PIM_TEST_SYNC; mode <= PIM_TEST_ASYNC; mode++)
    {
      g_autoptr (GError) error = NULL;
      G_GNUC_UNUSED g_autoptr (JsonNode) node = pim_test_get_json (client, uri, mode, &error);

      g_assert_no_error (error);
    }
}

int
main (int argc, char **argv)
{
  /* Each case is registered once per mode; the cases live as long as the
   * program. */
  static Case cases[G_N_ELEMENTS (ops) * G_N_ELEMENTS (faults) * 2];
  static Case stale_cases[G_N_ELEMENTS (ops) * G_N_ELEMENTS (faults) * 2];
  gsize       n = 0, n_stale = 0;

  g_test_init (&argc, &argv, NULL);
  warm_up_tls ();

  g_test_add_func ("/provider-faults/server/additions", test_server_additions);
  for (gsize i = 0; i < G_N_ELEMENTS (ops); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (faults); j++)
      for (PimTestMode mode = PIM_TEST_SYNC; mode <= PIM_TEST_ASYNC; mode++)
        {
          g_autofree char *path =
              g_strdup_printf ("/provider-faults/%s/%s/%s/%s", ops[i].group, ops[i].name,
                               faults[j].name, pim_test_mode_name (mode));

          cases[n] = (Case){ &ops[i], &faults[j], mode };
          g_test_add_data_func (path, &cases[n++], test_fault);
        }

  /* Stale-while-error: the cached kinds, under the faults that matter. */
  for (gsize i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      if (!g_str_equal (ops[i].group, "oidc") ||
          (ops[i].kind != STEP_DISCOVERY && ops[i].kind != STEP_JWKS))
        continue;
      for (gsize j = 0; j < G_N_ELEMENTS (faults); j++)
        {
          const char *const stale_faults[] = { "down",        "error-500",      "storm-503",
                                               "storm-429",   "stall-mid-body", "cut-short",
                                               "refused-403", "garbage",        "huge",
                                               NULL };

          if (!g_strv_contains (stale_faults, faults[j].name))
            continue;
          for (PimTestMode mode = PIM_TEST_SYNC; mode <= PIM_TEST_ASYNC; mode++)
            {
              g_autofree char *path =
                  g_strdup_printf ("/provider-faults/stale/%s/%s/%s", ops[i].name, faults[j].name,
                                   pim_test_mode_name (mode));

              stale_cases[n_stale] = (Case){ &ops[i], &faults[j], mode };
              g_test_add_data_func (path, &stale_cases[n_stale++], test_stale_while_error);
            }
        }
    }
  pim_test_add_both ("/provider-faults/stale", "rotation", test_rotation);

  return g_test_run ();
}
