/* pim-jwt.c: PimJwt, a signed JWT: a JWS whose payload is a claims object
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-base64url-private.h"
#include "pim-jose-private.h"
#include "pim-json-private.h"
#include "pim-jws-private.h"
#include "pim-jwt.h"

/**
 * PimJwt:
 *
 * A signed JSON Web Token (RFC 7519): a [class@Jws] whose payload is a
 * JSON object of claims, read by the same strict reader as the header
 * (duplicate claim names are an error).
 *
 * [func@Jwt.parse] reads a token without trusting it, for inspection;
 * [func@Jwt.parse_and_verify] also checks its signature. Checking the
 * claims themselves (`iss`, `aud`, `exp`…) is the validator's job.
 * [func@Jwt.sign] mints a token from claims.
 *
 * Since: 0.1
 */

struct _PimJwt
{
  GObject parent_instance;

  PimJws     *jws;
  JsonObject *claims; /* built on first use, atomically */
};

G_DEFINE_FINAL_TYPE (PimJwt, pim_jwt, G_TYPE_OBJECT)

static void
pim_jwt_finalize (GObject *object)
{
  PimJwt *self = PIM_JWT (object);

  g_clear_object (&self->jws);
  g_clear_pointer (&self->claims, json_object_unref);

  G_OBJECT_CLASS (pim_jwt_parent_class)->finalize (object);
}

static void
pim_jwt_class_init (PimJwtClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pim_jwt_finalize;
}

static void
pim_jwt_init (PimJwt *self)
{
}

/**
 * pim_jwt_parse:
 * @token: a JWT in JWS compact serialization
 * @error: return location for a #GError
 *
 * Parses a token without verifying it, as [func@Jws.parse] does, and its
 * payload as a JSON object of claims. Use it for inspection only.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 *
 * Since: 0.1
 */
PimJwt *
pim_jwt_parse (const char *token, GError **error)
{
  g_autoptr (PimJws) jws = NULL;
  PimJwt     *self;
  gsize       len = 0;
  GError     *json_error = NULL;
  const char *payload;

  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  jws = pim_jws_parse_len (token, strlen (token), error);
  if (jws == NULL)
    return NULL;
  /* Proven to be one strict JSON object now; the tree is built only when
   * the claims are asked for. */
  payload = g_bytes_get_data (pim_jws_get_payload (jws), &len);
  if (!pim_json_scan_object (payload != NULL ? payload : "", len, PIM_JSON_MAX_DEPTH, NULL, 0,
                             &json_error))
    {
      pim_jose_error_from_json (error, json_error);
      return NULL;
    }

  self = g_object_new (PIM_TYPE_JWT, NULL);
  self->jws = g_steal_pointer (&jws);
  return self;
}

/**
 * pim_jwt_verify:
 * @self: a parsed token
 * @keys: the keys to verify with
 * @allowed_algs: (array zero-terminated=1): the algorithms the caller
 *   accepts
 * @error: return location for a #GError
 *
 * Verifies the token's signature, as [method@Jws.verify] does.
 *
 * Returns: (transfer full): the key that verified the signature, or %NULL
 *   with @error set
 *
 * Since: 0.1
 */
PimJwk *
pim_jwt_verify (PimJwt *self, PimJwkSet *keys, const char *const *allowed_algs, GError **error)
{
  g_return_val_if_fail (PIM_IS_JWT (self), NULL);

  return pim_jws_verify (self->jws, keys, allowed_algs, error);
}

/**
 * pim_jwt_parse_and_verify:
 * @token: a JWT in JWS compact serialization
 * @keys: the keys to verify with
 * @allowed_algs: (array zero-terminated=1): the algorithms the caller
 *   accepts
 * @error: return location for a #GError
 *
 * Parses a token and verifies its signature: the token is returned only
 * if both succeed. Its claims are not checked.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 *
 * Since: 0.1
 */
PimJwt *
pim_jwt_parse_and_verify (const char        *token,
                          PimJwkSet         *keys,
                          const char *const *allowed_algs,
                          GError           **error)
{
  g_autoptr (PimJwt) self = NULL;
  g_autoptr (PimJwk) key = NULL;

  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (PIM_IS_JWK_SET (keys), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = pim_jwt_parse (token, error);
  if (self == NULL)
    return NULL;
  key = pim_jws_verify (self->jws, keys, allowed_algs, error);
  if (key == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * pim_jwt_get_jws:
 * @self: a token
 *
 * Gets the JWS the token is.
 *
 * Returns: (transfer none): the JWS
 *
 * Since: 0.1
 */
PimJws *
pim_jwt_get_jws (PimJwt *self)
{
  g_return_val_if_fail (PIM_IS_JWT (self), NULL);
  return self->jws;
}

/**
 * pim_jwt_get_header:
 * @self: a token
 *
 * Gets the protected header.
 *
 * Returns: (transfer none): the header
 *
 * Since: 0.1
 */
JsonObject *
pim_jwt_get_header (PimJwt *self)
{
  g_return_val_if_fail (PIM_IS_JWT (self), NULL);
  return pim_jws_get_header (self->jws);
}

/**
 * pim_jwt_get_claims:
 * @self: a token
 *
 * Gets the claims.
 *
 * Returns: (transfer none): the claims
 *
 * Since: 0.1
 */
JsonObject *
pim_jwt_get_claims (PimJwt *self)
{
  g_return_val_if_fail (PIM_IS_JWT (self), NULL);

  if (g_atomic_pointer_get (&self->claims) == NULL)
    {
      gsize       len = 0;
      const char *payload = g_bytes_get_data (pim_jws_get_payload (self->jws), &len);

      return pim_json_lazy_object (&self->claims, payload, len);
    }
  return self->claims;
}

/**
 * pim_jwt_get_string_claim:
 * @self: a token
 * @name: a claim name, such as `iss`
 *
 * Gets a claim that is a string.
 *
 * Returns: (nullable): the value, or %NULL if the claim is missing or not
 *   a string
 *
 * Since: 0.1
 */
const char *
pim_jwt_get_string_claim (PimJwt *self, const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (PIM_IS_JWT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  node = json_object_get_member (pim_jwt_get_claims (self), name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * pim_jwt_get_int_claim:
 * @self: a token
 * @name: a claim name, such as `exp`
 * @value: (out) (optional): the value
 *
 * Gets a claim that is an integer, such as a NumericDate.
 *
 * Returns: %TRUE if the claim is present and an integer
 *
 * Since: 0.1
 */
gboolean
pim_jwt_get_int_claim (PimJwt *self, const char *name, gint64 *value)
{
  JsonNode *node;

  g_return_val_if_fail (PIM_IS_JWT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  node = json_object_get_member (pim_jwt_get_claims (self), name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  if (value != NULL)
    *value = json_node_get_int (node);
  return TRUE;
}

/**
 * pim_jwt_sign:
 * @claims: the claims
 * @key: a private key (or `oct` secret)
 * @alg: (nullable): the algorithm, or %NULL for the key's own `alg`
 * @header: (nullable): more header members; `typ` defaults to `JWT`
 * @error: return location for a #GError
 *
 * Mints a signed JWT, as [func@Jws.sign] does with the claims as payload.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 *
 * Since: 0.1
 */
char *
pim_jwt_sign (JsonObject *claims, PimJwk *key, const char *alg, JsonObject *header, GError **error)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (JsonObject) full_header = json_object_new ();
  g_autofree char *payload = NULL;
  g_autofree char *encoded = NULL;
  gsize            len;

  g_return_val_if_fail (claims != NULL, NULL);
  g_return_val_if_fail (PIM_IS_JWK (key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  json_object_set_string_member (full_header, "typ", "JWT");
  if (header != NULL)
    {
      JsonObjectIter iter;
      const char    *name;
      JsonNode      *member;

      json_object_iter_init_ordered (&iter, header);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        json_object_set_member (full_header, name, json_node_copy (member));
    }

  json_node_set_object (node, claims);
  payload = pim_json_to_string (node);
  len = strlen (payload);
  encoded = g_malloc (pim_base64url_encoded_length (len) + 1);
  pim_base64url_encode_to ((const guint8 *) payload, len, encoded);
  return pim_jws_sign_encoded (encoded, pim_base64url_encoded_length (len), key, alg, full_header,
                               error);
}
