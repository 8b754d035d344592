/* pim-claims.c: PimClaims, what a valid token says
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-token-validation-private.h"

/**
 * PimClaims:
 *
 * The claims of a token that passed [func@validate_token]: its signature
 * verified and its claims checked. There is no way to make one from an
 * unverified token.
 *
 * Since: 0.1
 */

struct _PimClaims
{
  GObject parent_instance;

  PimJwt *jwt;
};

G_DEFINE_FINAL_TYPE (PimClaims, pim_claims, G_TYPE_OBJECT)

static void
pim_claims_finalize (GObject *object)
{
  g_clear_object (&PIM_CLAIMS (object)->jwt);

  G_OBJECT_CLASS (pim_claims_parent_class)->finalize (object);
}

static void
pim_claims_class_init (PimClaimsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pim_claims_finalize;
}

static void
pim_claims_init (PimClaims *self)
{
}

PimClaims *
pim_claims_new (PimJwt *jwt)
{
  PimClaims *self = g_object_new (PIM_TYPE_CLAIMS, NULL);

  self->jwt = g_object_ref (jwt);
  return self;
}

/**
 * pim_claims_get_jwt:
 * @self: claims
 *
 * Gets the validated token.
 *
 * Returns: (transfer none): the token
 *
 * Since: 0.1
 */
PimJwt *
pim_claims_get_jwt (PimClaims *self)
{
  g_return_val_if_fail (PIM_IS_CLAIMS (self), NULL);
  return self->jwt;
}

/**
 * pim_claims_get_json:
 * @self: claims
 *
 * Gets every claim, as the token carried them.
 *
 * Returns: (transfer none): the claims
 *
 * Since: 0.1
 */
JsonObject *
pim_claims_get_json (PimClaims *self)
{
  g_return_val_if_fail (PIM_IS_CLAIMS (self), NULL);
  return pim_jwt_get_claims (self->jwt);
}

/**
 * pim_claims_get_string:
 * @self: claims
 * @name: a claim name
 *
 * Gets a claim that is a string.
 *
 * Returns: (nullable): the value, or %NULL if missing or not a string
 *
 * Since: 0.1
 */
const char *
pim_claims_get_string (PimClaims *self, const char *name)
{
  g_return_val_if_fail (PIM_IS_CLAIMS (self), NULL);
  return pim_jwt_get_string_claim (self->jwt, name);
}

/**
 * pim_claims_get_int:
 * @self: claims
 * @name: a claim name
 * @value: (out) (optional): the value
 *
 * Gets a claim that is an integer.
 *
 * Returns: whether the claim is present and an integer
 *
 * Since: 0.1
 */
gboolean
pim_claims_get_int (PimClaims *self, const char *name, gint64 *value)
{
  g_return_val_if_fail (PIM_IS_CLAIMS (self), FALSE);
  return pim_jwt_get_int_claim (self->jwt, name, value);
}

/**
 * pim_claims_get_issuer:
 * @self: claims
 *
 * Gets `iss`.
 *
 * Returns: the issuer
 *
 * Since: 0.1
 */
const char *
pim_claims_get_issuer (PimClaims *self)
{
  return pim_claims_get_string (self, "iss");
}

/**
 * pim_claims_get_subject:
 * @self: claims
 *
 * Gets `sub`.
 *
 * Returns: (nullable): the subject
 *
 * Since: 0.1
 */
const char *
pim_claims_get_subject (PimClaims *self)
{
  return pim_claims_get_string (self, "sub");
}

/* `aud` is a string or an array of strings (RFC 7519 §4.1.3). */
GStrv
pim_claims_audiences_of (JsonObject *claims, gboolean *valid)
{
  JsonNode *node = json_object_get_member (claims, "aud");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  *valid = TRUE;
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_strv_builder_add (builder, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            {
              *valid = FALSE;
              return NULL;
            }
          g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  else
    {
      *valid = FALSE;
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/**
 * pim_claims_dup_audiences:
 * @self: claims
 *
 * Gets `aud` as a list, whether the token carried one string or several.
 *
 * Returns: (transfer full) (nullable) (array zero-terminated=1): the
 *   audiences, or %NULL if the token has none
 *
 * Since: 0.1
 */
GStrv
pim_claims_dup_audiences (PimClaims *self)
{
  gboolean valid;

  g_return_val_if_fail (PIM_IS_CLAIMS (self), NULL);
  return pim_claims_audiences_of (pim_jwt_get_claims (self->jwt), &valid);
}

/**
 * pim_claims_get_expiration:
 * @self: claims
 *
 * Gets `exp`.
 *
 * Returns: the expiry in Unix seconds, or 0 if the token has none
 *
 * Since: 0.1
 */
gint64
pim_claims_get_expiration (PimClaims *self)
{
  gint64 value = 0;

  pim_claims_get_int (self, "exp", &value);
  return value;
}

/**
 * pim_claims_get_issued_at:
 * @self: claims
 *
 * Gets `iat`.
 *
 * Returns: the issue time in Unix seconds, or 0 if the token has none
 *
 * Since: 0.1
 */
gint64
pim_claims_get_issued_at (PimClaims *self)
{
  gint64 value = 0;

  pim_claims_get_int (self, "iat", &value);
  return value;
}
