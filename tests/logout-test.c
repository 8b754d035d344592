/* logout-test.c: back-channel logout tokens (OpenID Connect Back-Channel
 * Logout 1.0) delivered by the real local provider to a receiver of this
 * file's own, attack cases signed by a fake issuer on the fault server,
 * the logout request's form, and front-channel logout requests; sync and
 * async
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-test-async.h"
#include "pim-test-issuer.h"
#include "pim-test-login.h"
#include "pim-test-provider.h"
#include "pim-test-server.h"

#define CLIENT_ID "logout-client"
/* Nothing listens there; the login helper never follows the redirect. */
#define REDIRECT_URI        "http://127.0.0.1:45679/callback"
#define POST_LOGOUT_URI     "http://127.0.0.1:45679/logout"
#define DELIVERY_TIMEOUT_US (10 * G_USEC_PER_SEC)

static PimJwk    *signing_key;
static PimJwk    *other_key;
static PimJwkSet *keys;

static PimClaims *
validate (const char                   *token,
          PimTokenValidationParameters *parameters,
          PimTestMode                   mode,
          GError                      **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_validate_logout_token (token, parameters, NULL, NULL, error);
  pim_validate_logout_token_async (token, parameters, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  return pim_validate_logout_token_finish (result, error);
}

/* ---- A back-channel logout receiver, on a thread of its own: the
 * provider delivers while the browser waits for its answer ---- */

typedef struct
{
  PimTestHandlerServer *http;
  GAsyncQueue          *bodies; /* char *: each request's body */
  guint16               port;
} Receiver;

static void
on_backchannel (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Receiver        *receiver = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  const char *type =
      soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg), NULL);

  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "POST");
  g_assert_cmpstr (type, ==, "application/x-www-form-urlencoded");
  g_async_queue_push (receiver->bodies,
                      g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static void
receiver_start (Receiver *receiver)
{
  receiver->bodies = g_async_queue_new_full (g_free);
  receiver->http = pim_test_handler_server_new ("/backchannel", on_backchannel, receiver);
  receiver->port = pim_test_handler_server_get_port (receiver->http);
}

static void
receiver_stop (Receiver *receiver)
{
  pim_test_handler_server_free (receiver->http);
  g_async_queue_unref (receiver->bodies);
}

/* ---- Against the provider ---- */

static const char *
issuer (void)
{
  return pim_test_provider_get_issuer (pim_test_provider_get_shared ());
}

static PimClientRegistrationResponse *
register_client (const char *backchannel_uri)
{
  g_autofree char *endpoint = g_strconcat (issuer (), "/reg", NULL);
  g_autoptr (PimClientRegistrationRequest) request = pim_client_registration_request_new (endpoint);
  const char *const redirect_uris[] = { REDIRECT_URI, NULL };
  const char *const post_logout[] = { POST_LOGOUT_URI, NULL };
  g_autoptr (GError) error = NULL;
  PimClientRegistrationResponse *registered;

  g_object_set (request, "client-name", "Pim logout test", "redirect-uris", redirect_uris,
                "post-logout-redirect-uris", post_logout, "backchannel-logout-uri", backchannel_uri,
                "backchannel-logout-session-required", TRUE, "token-endpoint-auth-method",
                "client_secret_basic", NULL);
  registered = pim_register_client (request, NULL, NULL, &error);
  g_assert_no_error (error);
  return registered;
}

static void
test_provider_backchannel (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  Receiver    receiver = { 0 };
  g_autoptr (PimClientRegistrationResponse) client = NULL;
  g_autoptr (PimClientRegistrationRequest) manage = NULL;
  g_autoptr (PimTestBrowser) browser = NULL;
  g_autoptr (GUri) redirect = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (JsonObject) tokens = NULL;
  g_autoptr (PimJwt) id_token = NULL;
  g_autoptr (PimEndSessionRequest) end = NULL;
  g_autoptr (PimTokenValidationParameters) parameters = NULL;
  g_autoptr (PimClaims) claims = NULL;
  g_autoptr (PimClaims) again = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *backchannel_uri = NULL;
  g_autofree char *authorize_url = NULL;
  g_autofree char *end_url = NULL;
  g_autofree char *end_endpoint = NULL;
  g_autofree char *after = NULL;
  g_autofree char *body = NULL;
  g_autofree char *token = NULL;
  const char      *client_id, *secret, *sid;
  JsonObject      *events;

  receiver_start (&receiver);
  backchannel_uri = g_strdup_printf ("http://127.0.0.1:%u/backchannel", receiver.port);
  client = register_client (backchannel_uri);
  client_id = pim_client_registration_response_get_client_id (client);
  secret = pim_client_registration_response_get_client_secret (client);

  /* Sign in with the new client, for a session and an ID token. */
  browser = pim_test_browser_new (issuer (), NULL);
  authorize_url = pim_test_login_authorize_url (issuer (), "client_id", client_id, "response_type",
                                                "code", "scope", "openid", "redirect_uri",
                                                REDIRECT_URI, "state", "st", "nonce", "nn", NULL);
  redirect = pim_test_browser_authorize (browser, authorize_url, &error);
  g_assert_no_error (error);
  params = pim_test_login_response_params (redirect);
  g_assert_nonnull (g_hash_table_lookup (params, "code"));
  tokens =
      pim_test_exchange_code (issuer (), client_id, secret, g_hash_table_lookup (params, "code"),
                              REDIRECT_URI, NULL, &error);
  g_assert_no_error (error);
  id_token = pim_jwt_parse (json_object_get_string_member (tokens, "id_token"), &error);
  g_assert_no_error (error);
  sid = pim_jwt_get_string_claim (id_token, "sid");
  g_assert_nonnull (sid);

  /* End the session at the provider: it posts a logout token. */
  end_endpoint = g_strconcat (issuer (), "/session/end", NULL);
  end = pim_end_session_request_new (end_endpoint);
  g_object_set (end, "id-token-hint", json_object_get_string_member (tokens, "id_token"),
                "post-logout-redirect-uri", POST_LOGOUT_URI, "client-id", client_id, NULL);
  end_url = pim_end_session_request_build_url (end, &error);
  g_assert_no_error (error);
  after = pim_test_browser_end_session (browser, end_url, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (after, POST_LOGOUT_URI));
  body = g_async_queue_timeout_pop (receiver.bodies, DELIVERY_TIMEOUT_US);
  g_assert_nonnull (body);
  bytes = g_bytes_new (body, strlen (body));
  token = pim_logout_token_from_form (bytes, &error);
  g_assert_no_error (error);

  parameters = pim_token_validation_parameters_new (issuer (), NULL);
  g_object_set (parameters, "client-id", client_id, NULL);
  claims = validate (token, parameters, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_claims_get_string (claims, "sid"), ==, sid);
  g_assert_cmpstr (pim_claims_get_subject (claims), ==, pim_jwt_get_string_claim (id_token, "sub"));
  g_assert_cmpstr (pim_claims_get_issuer (claims), ==, issuer ());
  g_assert_nonnull (pim_claims_get_string (claims, "jti"));
  events = json_object_get_object_member (pim_claims_get_json (claims), "events");
  g_assert_true (json_object_has_member (events, PIM_BACKCHANNEL_LOGOUT_EVENT));
  g_assert_false (json_object_has_member (pim_claims_get_json (claims), "nonce"));

  /* The same token is not another client's. */
  g_object_set (parameters, "client-id", PIM_TEST_CLIENT_BASIC_ID, NULL);
  again = validate (token, parameters, mode, &error);
  g_assert_null (again);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH);
  g_clear_error (&error);

  /* The ID token is not a logout token. */
  g_object_set (parameters, "client-id", client_id, NULL);
  again = validate (json_object_get_string_member (tokens, "id_token"), parameters, mode, &error);
  g_assert_null (again);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN);
  g_clear_error (&error);

  /* One delivery only. */
  g_assert_null (g_async_queue_try_pop (receiver.bodies));
  manage = pim_client_registration_request_new_for_client (client);
  g_assert_true (pim_delete_client_registration (manage, NULL, NULL, &error));
  g_assert_no_error (error);
  receiver_stop (&receiver);
}

/* ---- Attack cases: tokens signed by a fake issuer ---- */

typedef struct
{
  PimTestServer *server;
  char          *issuer;
} FakeIssuer;

static void
fake_issuer_init (FakeIssuer *fake)
{
  fake->server = pim_test_issuer_new (keys, "RS256", &fake->issuer);
}

static void
fake_issuer_clear (FakeIssuer *fake)
{
  pim_test_server_free (fake->server);
  g_free (fake->issuer);
}

static JsonObject *
good_claims (const char *iss)
{
  JsonObject *claims = json_object_new ();
  JsonObject *events = json_object_new ();
  gint64      now = g_get_real_time () / G_USEC_PER_SEC;

  json_object_set_object_member (events, PIM_BACKCHANNEL_LOGOUT_EVENT, json_object_new ());
  json_object_set_string_member (claims, "iss", iss);
  json_object_set_string_member (claims, "aud", CLIENT_ID);
  json_object_set_int_member (claims, "iat", now - 5);
  json_object_set_int_member (claims, "exp", now + 120);
  json_object_set_string_member (claims, "jti", "jti-1");
  json_object_set_string_member (claims, "sub", "alice");
  json_object_set_string_member (claims, "sid", "session-1");
  json_object_set_object_member (claims, "events", events);
  return claims;
}

static char *
sign (JsonObject *claims, const char *typ, PimJwk *key)
{
  g_autoptr (JsonObject) header = json_object_new ();

  if (typ != NULL)
    json_object_set_string_member (header, "typ", typ);
  return pim_test_issuer_sign (claims, key, header);
}

typedef enum
{
  EDIT_NONE,
  EDIT_REMOVE,
  EDIT_STRING,
  EDIT_INT,
  EDIT_TRUE,
  EDIT_EVENTS_EMPTY,
  EDIT_AUDS,
} Edit;

static const struct
{
  const char *name;
  const char *claim;
  Edit        edit;
  const char *value;
  const char *typ;
  gboolean    other_key;
  gboolean    alg_none;
  GQuark (*domain) (void);
  int code; /* -1: valid */
} attacks[] = {
  { "valid", NULL, EDIT_NONE, NULL, "logout+jwt", FALSE, FALSE, NULL, -1 },
  { "valid-application-typ", NULL, EDIT_NONE, NULL, "application/logout+jwt", FALSE, FALSE, NULL,
    -1 },
  { "valid-no-typ", NULL, EDIT_NONE, NULL, NULL, FALSE, FALSE, NULL, -1 },
  { "valid-typ-JWT", NULL, EDIT_NONE, NULL, "JWT", FALSE, FALSE, NULL, -1 },
  { "valid-sid-only", "sub", EDIT_REMOVE, NULL, "logout+jwt", FALSE, FALSE, NULL, -1 },
  { "valid-sub-only", "sid", EDIT_REMOVE, NULL, "logout+jwt", FALSE, FALSE, NULL, -1 },
  { "nonce", "nonce", EDIT_STRING, "n-0S6", "logout+jwt", FALSE, FALSE, pim_token_error_quark,
    PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN },
  { "no-events", "events", EDIT_REMOVE, NULL, "logout+jwt", FALSE, FALSE, pim_token_error_quark,
    PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN },
  { "events-string", "events", EDIT_STRING, PIM_BACKCHANNEL_LOGOUT_EVENT, "logout+jwt", FALSE,
    FALSE, pim_token_error_quark, PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN },
  { "events-without-logout", "events", EDIT_EVENTS_EMPTY, NULL, "logout+jwt", FALSE, FALSE,
    pim_token_error_quark, PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN },
  { "event-not-object", "events", EDIT_TRUE, NULL, "logout+jwt", FALSE, FALSE,
    pim_token_error_quark, PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN },
  { "no-sid-no-sub", "sub", EDIT_REMOVE, "sid", "logout+jwt", FALSE, FALSE, pim_token_error_quark,
    PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN },
  { "empty-sid", "sid", EDIT_STRING, "", "logout+jwt", FALSE, FALSE, pim_token_error_quark,
    PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN },
  { "sub-not-string", "sub", EDIT_INT, NULL, "logout+jwt", FALSE, FALSE, pim_token_error_quark,
    PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN },
  { "no-jti", "jti", EDIT_REMOVE, NULL, "logout+jwt", FALSE, FALSE, pim_token_error_quark,
    PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN },
  { "jti-not-string", "jti", EDIT_INT, NULL, "logout+jwt", FALSE, FALSE, pim_token_error_quark,
    PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN },
  { "wrong-typ", NULL, EDIT_NONE, NULL, "at+jwt", FALSE, FALSE, pim_token_error_quark,
    PIM_TOKEN_ERROR_TYPE_MISMATCH },
  { "wrong-aud", "aud", EDIT_STRING, "someone-else", "logout+jwt", FALSE, FALSE,
    pim_token_error_quark, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH },
  { "untrusted-extra-aud", "aud", EDIT_AUDS, NULL, "logout+jwt", FALSE, FALSE,
    pim_token_error_quark, PIM_TOKEN_ERROR_AUDIENCE_MISMATCH },
  { "wrong-iss", "iss", EDIT_STRING, "https://evil.example", "logout+jwt", FALSE, FALSE,
    pim_token_error_quark, PIM_TOKEN_ERROR_ISSUER_MISMATCH },
  { "no-iat", "iat", EDIT_REMOVE, NULL, "logout+jwt", FALSE, FALSE, pim_token_error_quark,
    PIM_TOKEN_ERROR_MISSING_CLAIM },
  { "no-exp", "exp", EDIT_REMOVE, NULL, "logout+jwt", FALSE, FALSE, pim_token_error_quark,
    PIM_TOKEN_ERROR_MISSING_CLAIM },
  { "expired", "exp", EDIT_INT, NULL, "logout+jwt", FALSE, FALSE, pim_token_error_quark,
    PIM_TOKEN_ERROR_EXPIRED },
  { "alg-none", NULL, EDIT_NONE, NULL, "logout+jwt", FALSE, TRUE, pim_jose_error_quark,
    PIM_JOSE_ERROR_ALG_NONE },
  { "other-key", NULL, EDIT_NONE, NULL, "logout+jwt", TRUE, FALSE, pim_jose_error_quark,
    PIM_JOSE_ERROR_KEY_NOT_FOUND },
};

static char *
attack_token (gsize i, const char *iss)
{
  g_autoptr (JsonObject) claims = good_claims (iss);
  const char *claim = attacks[i].claim;

  switch (attacks[i].edit)
    {
    case EDIT_NONE:
      break;
    case EDIT_REMOVE:
      json_object_remove_member (claims, claim);
      if (attacks[i].value != NULL)
        json_object_remove_member (claims, attacks[i].value);
      break;
    case EDIT_STRING:
      json_object_set_string_member (claims, claim, attacks[i].value);
      break;
    case EDIT_INT:
      /* A number where a string goes, or an exp long past. */
      json_object_set_int_member (claims, claim, 1000);
      break;
    case EDIT_TRUE:
      {
        JsonObject *events = json_object_new ();

        json_object_set_boolean_member (events, PIM_BACKCHANNEL_LOGOUT_EVENT, TRUE);
        json_object_set_object_member (claims, claim, events);
      }
      break;
    case EDIT_EVENTS_EMPTY:
      json_object_set_object_member (claims, claim, json_object_new ());
      break;
    case EDIT_AUDS:
      {
        JsonArray *auds = json_array_new ();

        json_array_add_string_element (auds, CLIENT_ID);
        json_array_add_string_element (auds, "untrusted");
        json_object_set_array_member (claims, claim, auds);
        json_object_set_string_member (claims, "azp", CLIENT_ID);
      }
      break;
    }
  if (attacks[i].alg_none)
    return pim_test_unsigned_jwt (claims, "{\"alg\":\"none\",\"typ\":\"logout+jwt\"}");
  return sign (claims, attacks[i].typ, attacks[i].other_key ? other_key : signing_key);
}

static void
test_attacks (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  FakeIssuer  fake;
  g_autoptr (PimTokenValidationParameters) parameters = NULL;

  fake_issuer_init (&fake);
  parameters = pim_token_validation_parameters_new (fake.issuer, NULL);
  g_object_set (parameters, "client-id", CLIENT_ID, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (attacks); i++)
    {
      g_autofree char *token = attack_token (i, fake.issuer);
      g_autoptr (PimClaims) claims = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("case %s", attacks[i].name);
      claims = validate (token, parameters, mode, &error);
      if (attacks[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (claims);
          g_assert_cmpstr (pim_claims_get_string (claims, "jti"), ==, "jti-1");
          continue;
        }
      g_assert_null (claims);
      g_assert_error (error, attacks[i].domain (), attacks[i].code);
    }
  fake_issuer_clear (&fake);
}

static void
test_parameters (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (PimTokenValidationParameters) parameters =
      pim_token_validation_parameters_new ("https://op.example", NULL);
  g_autoptr (JsonObject) claims = good_claims ("https://op.example");
  g_autofree char *token = sign (claims, "logout+jwt", signing_key);
  g_autoptr (PimClaims) result = NULL;
  g_autoptr (GError) error = NULL;

  /* A logout token is for a client: without its id, nothing is checked. */
  result = validate (token, parameters, mode, &error);
  g_assert_null (result);
  g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_PARAMETERS);
  g_clear_error (&error);

  /* With a key set, no network. */
  g_object_set (parameters, "client-id", CLIENT_ID, "key-set", keys, NULL);
  result = validate (token, parameters, mode, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pim_claims_get_string (result, "sid"), ==, "session-1");
}

/* ---- The logout request's form ---- */

static void
test_form (void)
{
  const struct
  {
    const char *body;
    const char *token; /* NULL: refused */
  } cases[] = {
    { "logout_token=a.b.c", "a.b.c" },
    { "x=1&logout_token=a.b.c&y=2", "a.b.c" },
    { "logout_token=a%2Eb.c", "a.b.c" },
    { "logout%5Ftoken=a.b.c", "a.b.c" },
    { "logout_token=a+b", "a b" },
    { "", NULL },
    { "logout_token=", NULL },
    { "logout_token", NULL },
    { "token=a.b.c", NULL },
    { "logout_token=a.b.c&logout_token=d.e.f", NULL },
    { "logout_token=a%zzb", NULL },
    { "logout_token=a%00b", NULL },
    { "logout_token=%ff%fe", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) body = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autoptr (GError) error = NULL;
      g_autofree char *token = pim_logout_token_from_form (body, &error);

      if (cases[i].token != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (token, ==, cases[i].token);
        }
      else
        {
          g_assert_null (token);
          g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN);
        }
    }

  /* A NUL inside the body, and a body too big to be a form of a token. */
  {
    static const char with_nul[] = "logout_token=a\0b";
    g_autoptr (GBytes) body = g_bytes_new_static (with_nul, sizeof with_nul - 1);
    g_autoptr (GError) error = NULL;
    g_autofree char *token = pim_logout_token_from_form (body, &error);
    gsize            big = PIM_JWS_MAX_TOKEN_SIZE + 2048;
    g_autofree char *huge = g_malloc (big);
    g_autoptr (GBytes) huge_body = NULL;
    g_autofree char *huge_token = NULL;

    g_assert_null (token);
    g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN);
    g_clear_error (&error);
    memcpy (huge, "logout_token=", 13);
    memset (huge + 13, 'a', big - 13);
    huge_body = g_bytes_new (huge, big);
    huge_token = pim_logout_token_from_form (huge_body, &error);
    g_assert_null (huge_token);
    g_assert_error (error, PIM_TOKEN_ERROR, PIM_TOKEN_ERROR_INVALID_LOGOUT_TOKEN);
  }
}

/* ---- Front-channel logout requests ---- */

static void
test_front_channel (void)
{
  const char *iss = "https://op.example";
  const struct
  {
    const char *uri;
    const char *sid; /* expected by the caller */
    gboolean    ok;
    const char *out_sid;
  } cases[] = {
    { "https://app.example/logout?iss=https%3A%2F%2Fop.example&sid=s1", NULL, TRUE, "s1" },
    { "/logout?sid=s1&iss=https://op.example", "s1", TRUE, "s1" },
    { "/logout?iss=https%3A%2F%2Fop.example&sid=s1&x=y", "s1", TRUE, "s1" },
    { "/logout", NULL, TRUE, NULL },
    { "/logout", "s1", FALSE, NULL },
    { "/logout?iss=https%3A%2F%2Fop.example&sid=s2", "s1", FALSE, NULL },
    { "/logout?iss=https%3A%2F%2Fevil.example&sid=s1", "s1", FALSE, NULL },
    { "/logout?iss=https%3A%2F%2Fop.example%2F&sid=s1", NULL, FALSE, NULL },
    { "/logout?iss=https%3A%2F%2Fop.example", NULL, FALSE, NULL },
    { "/logout?sid=s1", NULL, FALSE, NULL },
    { "/logout?iss=https%3A%2F%2Fop.example&sid=", NULL, FALSE, NULL },
    { "/logout?iss=https%3A%2F%2Fop.example&sid=s1&sid=s2", NULL, FALSE, NULL },
    { "/logout?iss=https%3A%2F%2Fop.example&iss=x&sid=s1", NULL, FALSE, NULL },
    { "/logout?iss=%zz&sid=s1", NULL, FALSE, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *out_sid = NULL;
      gboolean         ok;

      g_test_message ("front-channel case %" G_GSIZE_FORMAT ": %s", i, cases[i].uri);
      ok = pim_front_channel_logout_check (cases[i].uri, iss, cases[i].sid, &out_sid, &error);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (out_sid, ==, cases[i].out_sid);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_REQUEST);
          g_assert_null (out_sid);
        }
    }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  signing_key = pim_test_issuer_generate_key ("RS256", &keys);
  other_key = pim_jwk_generate ("RS256", &error);
  g_assert_no_error (error);

  pim_test_add_both ("/logout", "provider/backchannel", test_provider_backchannel);
  pim_test_add_both ("/logout", "attacks", test_attacks);
  pim_test_add_both ("/logout", "parameters", test_parameters);
  g_test_add_func ("/logout/form", test_form);
  g_test_add_func ("/logout/front-channel", test_front_channel);

  ret = g_test_run ();
  g_clear_object (&signing_key);
  g_clear_object (&other_key);
  g_clear_object (&keys);
  return ret;
}
