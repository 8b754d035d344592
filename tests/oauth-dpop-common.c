/* oauth-dpop-common.c: decoding DPoP proofs (independently of the key's
 * own code), for the key, proof and nonce tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "oauth-dpop-common.h"

/* ---- Decoding proofs (independently of the key's own code) ---- */

void
proof_clear (Proof *proof)
{
  g_clear_pointer (&proof->header, json_object_unref);
  g_clear_pointer (&proof->claims, json_object_unref);
}

static JsonObject *
decode_part (const char *part, gsize len)
{
  g_autofree char *text = g_strndup (part, len);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = pim_base64url_decode (text, &error);
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                              (gssize) g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Decodes @token and checks its signature with the `jwk` of its header. */
void
decode_proof (const char *token, Proof *out)
{
  g_auto (GStrv) parts = g_strsplit (token, ".", -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJws) jws = NULL;
  g_autoptr (PimJwk) jwk = NULL;
  const char *algs[] = { NULL, NULL };

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  out->header = decode_part (parts[0], strlen (parts[0]));
  out->claims = decode_part (parts[1], strlen (parts[1]));
  algs[0] = json_object_get_string_member (out->header, "alg");
  jwk = pim_jwk_new_from_object (json_object_get_object_member (out->header, "jwk"), &error);
  g_assert_no_error (error);
  jws = pim_jws_parse (token, &error);
  g_assert_no_error (error);
  g_assert_true (pim_jws_verify_with_key (jws, jwk, (const char *const *) algs, &error));
  g_assert_no_error (error);
}
