/* pim-request-object.c: the signed request object of an authorization request (RFC 9101)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-authorization-request-private.h"
#include "pim-base64url.h"
#include "pim-crypto-private.h"
#include "pim-token-request-private.h"

/* The request object's algorithm: never none. */
static const char *
request_object_alg (PimAuthorizationRequest *self, GError **error)
{
  PimJwk     *key = pim_authorization_request_get_request_object_key (self);
  const char *alg = pim_authorization_request_get_request_object_alg (self);

  if (alg == NULL)
    alg = pim_jwk_get_algorithm (key);
  if (alg == NULL && g_strcmp0 (pim_jwk_get_key_type (key), "RSA") == 0)
    alg = "RS256";
  if (alg == NULL)
    {
      pim_authorization_invalid_argument (error, _ ("The request object key has no “alg”: set "
                                                    "“request-object-alg”"));
      return NULL;
    }
  if (g_ascii_strcasecmp (alg, "none") == 0)
    {
      pim_authorization_invalid_argument (error,
                                          _ ("A request object is never unsigned (“alg”: “none”)"));
      return NULL;
    }
  return alg;
}

/* RFC 9101 §4: every parameter of @params as a claim, with iss = the
 * client, aud = the issuer, a short life and a fresh jti; typed
 * oauth-authz-req+jwt (§10.8). */
char *
pim_authorization_request_make_request_object (PimAuthorizationRequest *self,
                                               GPtrArray               *params,
                                               GError                 **error)
{
  PimOAuthRequest *request = PIM_OAUTH_REQUEST (self);
  const char      *issuer = pim_oauth_request_get_issuer (request);
  PimJwk          *key = pim_authorization_request_get_request_object_key (self);
  gint64           max_age = pim_authorization_request_get_max_age (self);
  const char      *claims_request = pim_authorization_request_get_claims (self);
  const char      *alg;
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autoptr (JsonObject) header = json_object_new ();
  g_autoptr (JsonArray) resources = json_array_new ();
  static const char *const registered[] = { "iss", "aud", "iat", "nbf", "exp", "jti", NULL };
  guint8                   nonce[16];
  g_autofree char         *jti = NULL;
  gint64                   now = g_get_real_time () / G_USEC_PER_SEC;

  if (!pim_oauth_require (issuer, "issuer", error) ||
      (alg = request_object_alg (self, error)) == NULL)
    return NULL;
  if (!pim_jwk_is_private (key))
    {
      pim_authorization_invalid_argument (error, _ ("The request object key is not a private key"));
      return NULL;
    }
  for (guint i = 0; i < params->len; i += 2)
    {
      const char *name = g_ptr_array_index (params, i);
      const char *value = g_ptr_array_index (params, i + 1);

      if (g_strv_contains (registered, name))
        {
          pim_authorization_refuse_twice (name, error);
          return NULL;
        }
      if (strcmp (name, "resource") == 0)
        json_array_add_string_element (resources, value);
      else if (strcmp (name, "max_age") == 0 && max_age >= 0)
        json_object_set_int_member (claims, name, max_age);
      else if (strcmp (name, "claims") == 0 && claims_request != NULL)
        {
          g_autoptr (JsonNode) node = json_from_string (claims_request, NULL);

          if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
            {
              pim_authorization_invalid_argument (error,
                                                  _ ("The “claims” request is not a JSON object"));
              return NULL;
            }
          json_object_set_member (claims, name, g_steal_pointer (&node));
        }
      else
        json_object_set_string_member (claims, name, value);
    }
  if (json_array_get_length (resources) == 1)
    json_object_set_string_member (claims, "resource",
                                   json_array_get_string_element (resources, 0));
  else if (json_array_get_length (resources) > 1)
    json_object_set_array_member (claims, "resource", json_array_ref (resources));

  if (!pim_crypto_random_bytes (nonce, sizeof nonce, error))
    return NULL;
  jti = pim_base64url_encode (nonce, sizeof nonce);
  json_object_set_string_member (claims, "iss", pim_oauth_request_get_client_id (request));
  json_object_set_string_member (claims, "aud", issuer);
  json_object_set_int_member (claims, "iat", now);
  json_object_set_int_member (claims, "nbf", now);
  json_object_set_int_member (claims, "exp", now + PIM_REQUEST_OBJECT_LIFETIME);
  json_object_set_string_member (claims, "jti", jti);
  json_object_set_string_member (header, "typ", "oauth-authz-req+jwt");
  return pim_jwt_sign (claims, key, alg, header, error);
}
