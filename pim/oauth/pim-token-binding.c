/* pim-token-binding.c: `cnf.jkt` (RFC 9449 §6) and `cnf.x5t#S256`
 * (RFC 8705 §3.1) checks for resource servers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Both compare a thumbprint the token carries with one the resource server
 * computed from what the client proved it holds, in constant time. The
 * functions take the token's members as a JsonObject so that one check
 * serves a validated JWT access token ([method@Claims.get_json]) and an
 * introspection response ([method@IntrospectionResponse.get_json]) alike:
 * RFC 7662 responses carry `cnf` as JWTs do (RFC 9449 §6.2, RFC 8705 §3.2).
 */

#include "pim-private.h"

#include "pim-base64url.h"
#include "pim-crypto-private.h"
#include "pim-dpop-error.h"
#include "pim-token-binding.h"

/* The string member @name of the token's `cnf` object, or NULL. */
static const char *
cnf_member (JsonObject *claims, const char *name)
{
  JsonNode *cnf = json_object_get_member (claims, "cnf");
  JsonNode *member;

  if (cnf == NULL || !JSON_NODE_HOLDS_OBJECT (cnf))
    return NULL;
  member = json_object_get_member (json_node_get_object (cnf), name);
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

/* Thumbprints are public lengths: only their contents need constant time. */
static gboolean
thumbprints_equal (const char *a, const char *b)
{
  gsize len = strlen (a);

  return len == strlen (b) && pim_crypto_equal (a, b, len);
}

/**
 * pim_token_binding_check_jkt:
 * @claims: the access token's members: [method@Claims.get_json] of a
 *   validated JWT access token, or [method@IntrospectionResponse.get_json]
 *   of an active introspection response
 * @jkt: the thumbprint of the key the client proved it holds, such as
 *   [property@DPoPProof:jkt]
 * @error: return location for a #GError
 *
 * Checks that the token is bound to the DPoP key with thumbprint @jkt
 * (RFC 9449 §6): its `cnf.jkt` must be @jkt, compared in constant time. A
 * token without `cnf.jkt` is not DPoP-bound, and fails.
 *
 * A pure function: no network, safe from any thread.
 *
 * Possible error code: %PIM_DPOP_ERROR_KEY_MISMATCH.
 *
 * Returns: %TRUE if the token is bound to the key
 *
 * Since: 0.1
 */
gboolean
pim_token_binding_check_jkt (JsonObject *claims, const char *jkt, GError **error)
{
  const char *bound;

  g_return_val_if_fail (claims != NULL, FALSE);
  g_return_val_if_fail (jkt != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bound = cnf_member (claims, "jkt");
  if (bound == NULL)
    {
      g_set_error_literal (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_KEY_MISMATCH,
                           _ ("The access token is not bound to a DPoP key (no “cnf.jkt”)"));
      return FALSE;
    }
  if (!thumbprints_equal (bound, jkt))
    {
      g_set_error_literal (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_KEY_MISMATCH,
                           _ ("The access token is bound to another DPoP key"));
      return FALSE;
    }
  return TRUE;
}

/**
 * pim_token_binding_compute_certificate_thumbprint:
 * @certificate: a certificate, such as the TLS client certificate of a
 *   connection ([method@Gio.TlsConnection.get_peer_certificate] on the
 *   server's side)
 * @error: return location for a #GError
 *
 * Computes the certificate's `x5t#S256` thumbprint (RFC 8705 §3.1): the
 * base64url SHA-256 of its DER encoding.
 *
 * Possible error code: %PIM_DPOP_ERROR_INVALID_ARGUMENT (a certificate
 * object without its DER encoding).
 *
 * Returns: (transfer full): the thumbprint, or %NULL with @error set
 *
 * Since: 0.1
 */
char *
pim_token_binding_compute_certificate_thumbprint (GTlsCertificate *certificate, GError **error)
{
  g_autoptr (GByteArray) der = NULL;
  guint8 digest[64];
  gsize  digest_len;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL || der->len == 0)
    {
      g_set_error_literal (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_INVALID_ARGUMENT,
                           _ ("The certificate has no DER encoding"));
      return NULL;
    }
  digest_len = pim_crypto_digest (PIM_DIGEST_SHA256, der->data, der->len, digest);
  return pim_base64url_encode (digest, digest_len);
}

/**
 * pim_token_binding_check_certificate:
 * @claims: the access token's members, as for
 *   [func@token_binding_check_jkt]
 * @certificate: the TLS client certificate the request came with
 * @error: return location for a #GError
 *
 * Checks that the token is bound to the client certificate (RFC 8705
 * §3.1): its `cnf.x5t#S256` must be the certificate's thumbprint
 * ([func@token_binding_compute_certificate_thumbprint]), compared in
 * constant time. A token without `cnf.x5t#S256` is not certificate-bound,
 * and fails.
 *
 * A pure function: no network, safe from any thread.
 *
 * Possible error codes: %PIM_DPOP_ERROR_CERTIFICATE_MISMATCH,
 * %PIM_DPOP_ERROR_INVALID_ARGUMENT.
 *
 * Returns: %TRUE if the token is bound to the certificate
 *
 * Since: 0.1
 */
gboolean
pim_token_binding_check_certificate (JsonObject      *claims,
                                     GTlsCertificate *certificate,
                                     GError         **error)
{
  g_autofree char *thumbprint = NULL;
  const char      *bound;

  g_return_val_if_fail (claims != NULL, FALSE);
  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bound = cnf_member (claims, "x5t#S256");
  if (bound == NULL)
    {
      g_set_error_literal (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_CERTIFICATE_MISMATCH,
                           _ ("The access token is not bound to a certificate (no "
                              "“cnf.x5t#S256”)"));
      return FALSE;
    }
  thumbprint = pim_token_binding_compute_certificate_thumbprint (certificate, error);
  if (thumbprint == NULL)
    return FALSE;
  if (!thumbprints_equal (bound, thumbprint))
    {
      g_set_error_literal (error, PIM_DPOP_ERROR, PIM_DPOP_ERROR_CERTIFICATE_MISMATCH,
                           _ ("The access token is bound to another certificate"));
      return FALSE;
    }
  return TRUE;
}
