/* pim-test-issuer.h: a fake OpenID issuer on the fault server, and tokens
 * no provider would mint, for the attack tests
 *
 * Header only (like pim-test-async.h): it uses Pim itself, which the test
 * utilities library does not link. Include <pim/pim.h> (or the private
 * headers) before this one.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <string.h>

#include "pim-test-server.h"

#define PIM_TEST_ISSUER_DISCOVERY_PATH "/.well-known/openid-configuration"

/* A new plain fault server standing for an issuer: its discovery document
 * (issuer, /auth, /token, jwks_uri /jwks, code flow, public subjects, ID
 * tokens and JARM responses signed with @alg) and @keys at /jwks. Its
 * issuer (the server's root, no trailing slash) goes to @out_issuer (free
 * with g_free()). The discovery and key set caches are cleared so that
 * nothing from an earlier server is used. */
static inline PimTestServer *
pim_test_issuer_new (PimJwkSet *keys, const char *alg, char **out_issuer)
{
  PimTestServer *server = pim_test_server_new (PIM_TEST_SERVER_PLAIN);
  char          *issuer = pim_test_server_get_uri (server, "");
  char          *jwks = pim_jwk_set_to_json (keys, FALSE);
  char          *document = g_strdup_printf (
               "{\"issuer\":\"%s\",\"authorization_endpoint\":\"%s/auth\",\"token_endpoint\":\"%s/token\","
                        "\"jwks_uri\":\"%s/jwks\","
                        "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                        "\"id_token_signing_alg_values_supported\":[\"%s\"],"
                        "\"authorization_signing_alg_values_supported\":[\"%s\"]}",
               issuer, issuer, issuer, issuer, alg, alg);

  pim_test_server_set_document (server, PIM_TEST_ISSUER_DISCOVERY_PATH, 200, "application/json",
                                document);
  pim_test_server_set_document (server, "/jwks", 200, "application/json", jwks);
  pim_clear_discovery_cache ();
  pim_clear_jwks_cache ();
  g_free (document);
  g_free (jwks);
  *out_issuer = issuer;
  return server;
}

/* An unsecured JWT (RFC 7519 §6): the compact form of the JOSE header
 * @header (JSON text, encoded as it is) over @claims, with an empty
 * signature. Free with g_free(). */
static inline char *
pim_test_unsigned_jwt (JsonObject *claims, const char *header)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  char     *payload;
  char     *encoded_header = pim_base64url_encode ((const guint8 *) header, strlen (header));
  char     *encoded;
  char     *jwt;

  json_node_set_object (node, claims);
  payload = json_to_string (node, FALSE);
  encoded = pim_base64url_encode ((const guint8 *) payload, strlen (payload));
  jwt = g_strconcat (encoded_header, ".", encoded, ".", NULL);
  json_node_unref (node);
  g_free (payload);
  g_free (encoded);
  g_free (encoded_header);
  return jwt;
}

/* A new private key for @alg (asserted), and in @out_public_keys a new key
 * set holding its public part: what an issuer signs with and what it
 * publishes. */
static inline PimJwk *
pim_test_issuer_generate_key (const char *alg, PimJwkSet **out_public_keys)
{
  GError *error = NULL;
  PimJwk *key = pim_jwk_generate (alg, &error);
  PimJwk *public_key;

  g_assert_no_error (error);
  public_key = pim_jwk_get_public (key);
  g_assert_nonnull (public_key);
  *out_public_keys = pim_jwk_set_new ();
  pim_jwk_set_add (*out_public_keys, public_key);
  g_object_unref (public_key);
  return key;
}

/* @claims signed with @key under @header (nullable): a compact JWS
 * (asserted). Free with g_free(). */
static inline char *
pim_test_issuer_sign (JsonObject *claims, PimJwk *key, JsonObject *header)
{
  GError *error = NULL;
  char   *token = pim_jwt_sign (claims, key, NULL, header, &error);

  g_assert_no_error (error);
  return token;
}
