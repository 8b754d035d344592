/* pim-dpop-proof.c: PimDPoPProof, the facts of a validated DPoP proof
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-dpop-proof-private.h"
#include "pim-token-binding.h"

/**
 * PimDPoPProof:
 *
 * A DPoP proof (RFC 9449) that [method@DPoPProofValidator.validate]
 * accepted: its public key and that key's thumbprint, and the claims the
 * validator checked. Immutable.
 *
 * A resource server then checks that the access token presented with the
 * proof is bound to the proof's key ([method@DPoPProof.check_binding] for
 * a validated JWT access token, [func@token_binding_check_jkt] for the
 * members of an introspection response).
 *
 * Since: 0.1
 */

struct _PimDPoPProof
{
  GObject parent_instance;

  PimJwk *key;
  char   *alg;
  char   *jti;
  char   *htm;
  char   *htu;
  gint64  iat;
  char   *nonce;
};

G_DEFINE_FINAL_TYPE (PimDPoPProof, pim_dpop_proof, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_JKT,
  PROP_KEY,
  PROP_ALGORITHM,
  PROP_JTI,
  PROP_HTM,
  PROP_HTU,
  PROP_ISSUED_AT,
  PROP_NONCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pim_dpop_proof_finalize (GObject *object)
{
  PimDPoPProof *self = PIM_DPOP_PROOF (object);

  g_clear_object (&self->key);
  g_free (self->alg);
  g_free (self->jti);
  g_free (self->htm);
  g_free (self->htu);
  g_free (self->nonce);

  G_OBJECT_CLASS (pim_dpop_proof_parent_class)->finalize (object);
}

static void
pim_dpop_proof_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PimDPoPProof *self = PIM_DPOP_PROOF (object);

  switch (prop_id)
    {
    case PROP_JKT:
      g_value_set_string (value, pim_dpop_proof_get_jkt (self));
      break;
    case PROP_KEY:
      g_value_set_object (value, self->key);
      break;
    case PROP_ALGORITHM:
      g_value_set_string (value, self->alg);
      break;
    case PROP_JTI:
      g_value_set_string (value, self->jti);
      break;
    case PROP_HTM:
      g_value_set_string (value, self->htm);
      break;
    case PROP_HTU:
      g_value_set_string (value, self->htu);
      break;
    case PROP_ISSUED_AT:
      g_value_set_int64 (value, self->iat);
      break;
    case PROP_NONCE:
      g_value_set_string (value, self->nonce);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_dpop_proof_class_init (PimDPoPProofClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_dpop_proof_finalize;
  object_class->get_property = pim_dpop_proof_get_property;

  /**
   * PimDPoPProof:jkt:
   *
   * The RFC 7638 thumbprint of the proof's key, base64url: what a bound
   * access token carries as `cnf.jkt`.
   *
   * Since: 0.1
   */
  properties[PROP_JKT] = g_param_spec_string ("jkt", NULL, NULL, NULL, flags);

  /**
   * PimDPoPProof:key:
   *
   * The public key of the proof's `jwk` header, which verified its
   * signature.
   *
   * Since: 0.1
   */
  properties[PROP_KEY] = g_param_spec_object ("key", NULL, NULL, PIM_TYPE_JWK, flags);

  /**
   * PimDPoPProof:algorithm:
   *
   * The proof's signature algorithm, such as `ES256`.
   *
   * Since: 0.1
   */
  properties[PROP_ALGORITHM] = g_param_spec_string ("algorithm", NULL, NULL, NULL, flags);

  /**
   * PimDPoPProof:jti:
   *
   * The proof's unique identifier.
   *
   * Since: 0.1
   */
  properties[PROP_JTI] = g_param_spec_string ("jti", NULL, NULL, NULL, flags);

  /**
   * PimDPoPProof:htm:
   *
   * The HTTP method the proof is for, as the proof states it (it matched
   * the request's).
   *
   * Since: 0.1
   */
  properties[PROP_HTM] = g_param_spec_string ("htm", NULL, NULL, NULL, flags);

  /**
   * PimDPoPProof:htu:
   *
   * The HTTP URI the proof is for, as the proof states it (it matched the
   * request's URI).
   *
   * Since: 0.1
   */
  properties[PROP_HTU] = g_param_spec_string ("htu", NULL, NULL, NULL, flags);

  /**
   * PimDPoPProof:issued-at:
   *
   * The proof's `iat`, in Unix seconds.
   *
   * Since: 0.1
   */
  properties[PROP_ISSUED_AT] =
      g_param_spec_int64 ("issued-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  /**
   * PimDPoPProof:nonce:
   *
   * The proof's `nonce`, if it has one.
   *
   * Since: 0.1
   */
  properties[PROP_NONCE] = g_param_spec_string ("nonce", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_dpop_proof_init (PimDPoPProof *self)
{
}

PimDPoPProof *
pim_dpop_proof_new (PimJwk     *key,
                    const char *alg,
                    const char *jti,
                    const char *htm,
                    const char *htu,
                    gint64      iat,
                    const char *nonce)
{
  PimDPoPProof *self = g_object_new (PIM_TYPE_DPOP_PROOF, NULL);

  self->key = g_object_ref (key);
  self->alg = g_strdup (alg);
  self->jti = g_strdup (jti);
  self->htm = g_strdup (htm);
  self->htu = g_strdup (htu);
  self->iat = iat;
  self->nonce = g_strdup (nonce);
  return self;
}

/**
 * pim_dpop_proof_get_jkt:
 * @self: a proof
 *
 * Gets [property@DPoPProof:jkt].
 *
 * Returns: the thumbprint of the proof's key
 *
 * Since: 0.1
 */
const char *
pim_dpop_proof_get_jkt (PimDPoPProof *self)
{
  g_return_val_if_fail (PIM_IS_DPOP_PROOF (self), NULL);
  return pim_jwk_get_thumbprint (self->key);
}

/**
 * pim_dpop_proof_get_key:
 * @self: a proof
 *
 * Gets [property@DPoPProof:key].
 *
 * Returns: (transfer none): the proof's public key
 *
 * Since: 0.1
 */
PimJwk *
pim_dpop_proof_get_key (PimDPoPProof *self)
{
  g_return_val_if_fail (PIM_IS_DPOP_PROOF (self), NULL);
  return self->key;
}

/**
 * pim_dpop_proof_get_algorithm:
 * @self: a proof
 *
 * Gets [property@DPoPProof:algorithm].
 *
 * Returns: the signature algorithm
 *
 * Since: 0.1
 */
const char *
pim_dpop_proof_get_algorithm (PimDPoPProof *self)
{
  g_return_val_if_fail (PIM_IS_DPOP_PROOF (self), NULL);
  return self->alg;
}

/**
 * pim_dpop_proof_get_jti:
 * @self: a proof
 *
 * Gets [property@DPoPProof:jti].
 *
 * Returns: the proof's identifier
 *
 * Since: 0.1
 */
const char *
pim_dpop_proof_get_jti (PimDPoPProof *self)
{
  g_return_val_if_fail (PIM_IS_DPOP_PROOF (self), NULL);
  return self->jti;
}

/**
 * pim_dpop_proof_get_htm:
 * @self: a proof
 *
 * Gets [property@DPoPProof:htm].
 *
 * Returns: the HTTP method
 *
 * Since: 0.1
 */
const char *
pim_dpop_proof_get_htm (PimDPoPProof *self)
{
  g_return_val_if_fail (PIM_IS_DPOP_PROOF (self), NULL);
  return self->htm;
}

/**
 * pim_dpop_proof_get_htu:
 * @self: a proof
 *
 * Gets [property@DPoPProof:htu].
 *
 * Returns: the HTTP URI
 *
 * Since: 0.1
 */
const char *
pim_dpop_proof_get_htu (PimDPoPProof *self)
{
  g_return_val_if_fail (PIM_IS_DPOP_PROOF (self), NULL);
  return self->htu;
}

/**
 * pim_dpop_proof_get_issued_at:
 * @self: a proof
 *
 * Gets [property@DPoPProof:issued-at].
 *
 * Returns: the proof's `iat`, in Unix seconds
 *
 * Since: 0.1
 */
gint64
pim_dpop_proof_get_issued_at (PimDPoPProof *self)
{
  g_return_val_if_fail (PIM_IS_DPOP_PROOF (self), 0);
  return self->iat;
}

/**
 * pim_dpop_proof_get_nonce:
 * @self: a proof
 *
 * Gets [property@DPoPProof:nonce].
 *
 * Returns: (nullable): the proof's nonce
 *
 * Since: 0.1
 */
const char *
pim_dpop_proof_get_nonce (PimDPoPProof *self)
{
  g_return_val_if_fail (PIM_IS_DPOP_PROOF (self), NULL);
  return self->nonce;
}

/**
 * pim_dpop_proof_check_binding:
 * @self: a validated proof
 * @access_token_claims: the claims of the access token presented with the
 *   proof, from [func@validate_token]
 * @error: return location for a #GError
 *
 * Checks that the access token is bound to the proof's key (RFC 9449
 * §6.1): its `cnf.jkt` must be the key's thumbprint. A token without
 * `cnf.jkt` is not DPoP-bound and fails too. This is
 * [func@token_binding_check_jkt] on the token's claims.
 *
 * Possible error code: %PIM_DPOP_ERROR_KEY_MISMATCH.
 *
 * Returns: %TRUE if the token is bound to the proof's key
 *
 * Since: 0.1
 */
gboolean
pim_dpop_proof_check_binding (PimDPoPProof *self, PimClaims *access_token_claims, GError **error)
{
  g_return_val_if_fail (PIM_IS_DPOP_PROOF (self), FALSE);
  g_return_val_if_fail (PIM_IS_CLAIMS (access_token_claims), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return pim_token_binding_check_jkt (pim_claims_get_json (access_token_claims),
                                      pim_dpop_proof_get_jkt (self), error);
}
