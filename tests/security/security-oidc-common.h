/* security-oidc-common.h: the tokens the OpenID Connect security tests
 * sign: claims for an issuer, a JWT signed with a key under a kid, and a
 * key set publishing a key under a kid
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Header-only, like tests/pim-test-async.h, for
 * security-oidc-discovery-test.c and security-oidc-claims-test.c.
 */

#pragma once

#include <pim/pim.h>

/* ---- Tokens ---- */

static inline gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static inline JsonObject *
claims_for (const char *issuer, gint64 at)
{
  JsonObject *claims = json_object_new ();

  json_object_set_string_member (claims, "iss", issuer);
  json_object_set_string_member (claims, "aud", "api");
  json_object_set_string_member (claims, "sub", "alice");
  json_object_set_int_member (claims, "iat", at - 10);
  json_object_set_int_member (claims, "exp", at + 3600);
  return claims;
}

static inline char *
sign (JsonObject *claims, PimJwk *key, const char *kid, const char *typ)
{
  g_autoptr (JsonObject) header = json_object_new ();
  g_autoptr (GError) error = NULL;
  char *token;

  json_object_set_string_member (header, "kid", kid);
  if (typ != NULL)
    json_object_set_string_member (header, "typ", typ);
  token = pim_jwt_sign (claims, key, "RS256", header, &error);
  g_assert_no_error (error);
  return token;
}

static inline PimJwkSet *
keys_of (PimJwk *key, const char *kid)
{
  g_autoptr (PimJwk) pub = pim_jwk_get_public (key);
  g_autoptr (JsonObject) object = pim_jwk_to_object (pub, FALSE);
  g_autoptr (PimJwk) named = NULL;
  g_autoptr (GError) error = NULL;
  PimJwkSet *set = pim_jwk_set_new ();

  json_object_set_string_member (object, "kid", kid);
  named = pim_jwk_new_from_object (object, &error);
  g_assert_no_error (error);
  pim_jwk_set_add (set, named);
  return set;
}
