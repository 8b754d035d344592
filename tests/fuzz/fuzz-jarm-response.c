/* fuzz-jarm-response.c: JWT-secured authorization responses (JARM) with a
 * static key set and a fixed current time
 * (pim/oauth/pim-authorization-request.c): no network
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Byte 0 picks the input's shape:
 *   0  the rest is a whole callback, read in the mode byte 1 picks
 *      (query, fragment, form post);
 *   1  the rest is a compact JWT, from anyone, sent as `response`;
 *   2  the rest is the claims, signed for real with the fuzzing key byte 1
 *      picks (HS256 among them, which must never pass).
 * The JWT is checked both by pim_authorization_jarm_validate() and by the
 * request's parse_jwt_response path. Properties: a response that passes
 * comes from the issuer, for the client, not expired, signed with an
 * asymmetric algorithm, carries the request's state, and has no aud or
 * exp among its parameters; the two paths agree on signature and claims.
 */

#include "fuzz-common.h"

#include "pim-authorization-request-private.h"

#define ISSUER "https://op.example"
#define CLIENT "fuzz-client"
#define STATE  "fuzz-state"
#define NOW    G_GINT64_CONSTANT (1700000000)

static const char *const kids[] = { "fuzz-rs256", "fuzz-es256", "fuzz-eddsa", "fuzz-hs256" };

static PimAuthorizationRequest *
request_new (void)
{
  PimAuthorizationRequest *request =
      pim_authorization_request_new ("https://op.example/auth", CLIENT, NULL);

  g_object_set (request, "issuer", ISSUER, "state", STATE, "response-mode", "jwt", NULL);
  return request;
}

static void
check_params (JsonObject *params)
{
  pim_fuzz_assert (!json_object_has_member (params, "aud"), "aud among the parameters");
  pim_fuzz_assert (!json_object_has_member (params, "exp"), "exp among the parameters");
  pim_fuzz_assert (g_strcmp0 (json_object_get_string_member_with_default (params, "iss", NULL),
                              ISSUER) == 0,
                   "a response from another issuer passed");
}

static void
check_response (PimAuthorizationResponse *response)
{
  pim_fuzz_assert (g_strcmp0 (pim_authorization_response_get_state (response), STATE) == 0,
                   "a response with another state passed");
  pim_fuzz_assert (pim_authorization_response_get_code (response) != NULL &&
                       *pim_authorization_response_get_code (response) != '\0',
                   "a response without a code passed");
  pim_fuzz_assert (g_strcmp0 (pim_authorization_response_get_issuer (response), ISSUER) == 0,
                   "a response from another issuer passed");
  (void) pim_authorization_response_get_json (response);
}

/* Both paths over one JWT. */
static void
run_jwt (const char *jwt, gboolean hs256)
{
  g_autoptr (PimAuthorizationRequest) request = request_new ();
  g_autoptr (JsonObject) params = NULL;
  g_autoptr (PimAuthorizationResponse) response = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) request_error = NULL;
  g_autofree char *escaped = g_uri_escape_string (jwt, NULL, FALSE);
  g_autofree char *form = g_strconcat ("response=", escaped, NULL);

  params = pim_authorization_jarm_validate (jwt, pim_fuzz_get_public_keys (), ISSUER, CLIENT, NOW,
                                            &error);
  pim_fuzz_assert ((params == NULL) == (error != NULL), "parameters xor an error");
  pim_fuzz_check_error (error);
  if (params != NULL)
    {
      pim_fuzz_assert (!hs256, "an HS256 response passed");
      check_params (params);
    }

  response = pim_authorization_request_parse_jwt_response_with_keys (
      request, form, PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST, pim_fuzz_get_public_keys (), NOW,
      &request_error);
  pim_fuzz_assert ((response == NULL) == (request_error != NULL), "a response xor an error");
  pim_fuzz_check_error (request_error);
  if (response != NULL)
    {
      pim_fuzz_assert (params != NULL, "the request passed what validation refused");
      check_response (response);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  PimFuzzInput in = { data, size };
  guint8       shape;
  guint8       pick;

  pim_fuzz_init ();

  shape = pim_fuzz_take_byte (&in) % 3;
  pick = pim_fuzz_take_byte (&in);
  if (shape == 0)
    {
      static const PimAuthorizationResponseMode modes[] = {
        PIM_AUTHORIZATION_RESPONSE_MODE_AUTO,
        PIM_AUTHORIZATION_RESPONSE_MODE_QUERY,
        PIM_AUTHORIZATION_RESPONSE_MODE_FRAGMENT,
        PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST,
      };
      g_autofree char *text = pim_fuzz_take_rest_string (&in);
      g_autoptr (PimAuthorizationRequest) request = request_new ();
      g_autoptr (PimAuthorizationResponse) response = NULL;
      g_autoptr (GError) error = NULL;

      response =
          pim_authorization_request_parse_jwt_response_with_keys (request, text,
                                                                  modes[pick %
                                                                        G_N_ELEMENTS (modes)],
                                                                  pim_fuzz_get_public_keys (), NOW,
                                                                  &error);
      pim_fuzz_assert ((response == NULL) == (error != NULL), "a response xor an error");
      pim_fuzz_check_error (error);
      if (response != NULL)
        check_response (response);
    }
  else if (shape == 1)
    {
      g_autofree char *jwt = pim_fuzz_take_rest_string (&in);

      run_jwt (jwt, FALSE);
    }
  else
    {
      const char      *kid = kids[pick % G_N_ELEMENTS (kids)];
      const char      *alg = strcmp (kid, "fuzz-rs256") == 0   ? "RS256"
                             : strcmp (kid, "fuzz-es256") == 0 ? "ES256"
                             : strcmp (kid, "fuzz-eddsa") == 0 ? "EdDSA"
                                                               : "HS256";
      g_autofree char *header = g_strdup_printf ("{\"alg\":\"%s\",\"kid\":\"%s\"}", alg, kid);
      g_autoptr (GBytes) claims = pim_fuzz_take_rest_bytes (&in);
      gsize            len;
      const guint8    *payload = g_bytes_get_data (claims, &len);
      g_autofree char *jwt =
          pim_fuzz_sign_raw (kid, alg, (const guint8 *) header, strlen (header), payload, len);

      if (jwt != NULL)
        run_jwt (jwt, strcmp (alg, "HS256") == 0);
    }
  return 0;
}
