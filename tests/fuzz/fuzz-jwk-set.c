/* fuzz-jwk-set.c: JSON Web Key Sets (pim/jose/pim-jwk-set.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is a JWK Set as JSON text, as a provider's jwks_uri serves
 * it. It is read by each constructor, then used: keys looked up by kid
 * and algorithm, written out and read again, and the fixed tokens (one
 * per fuzzing key) verified against it. Properties: the constructors
 * agree; every element of "keys" is either a key or a skip message; the
 * written set reads back to as many keys; a token verifies only with the
 * key that signed it, whatever else the set holds.
 */

#include "fuzz-common.h"

#include "pim-json-private.h"
#include "pim-jwk-set-private.h"

static const char *const kids[] = { "fuzz-rs256", "fuzz-es256", "fuzz-eddsa", "fuzz-hs256" };

static PimJws *tokens[G_N_ELEMENTS (kids)];

static void
make_tokens (void)
{
  static const char payload[] = "{\"iss\":\"https://op.example\"}";

  for (gsize i = 0; i < G_N_ELEMENTS (kids); i++)
    {
      PimJwk *key = pim_fuzz_get_signing_key (kids[i]);
      g_autoptr (GBytes) bytes = g_bytes_new_static (payload, strlen (payload));
      g_autofree char *token = pim_jws_sign (bytes, key, NULL, NULL, NULL);

      tokens[i] = pim_jws_parse (token, NULL);
      g_assert (tokens[i] != NULL);
    }
}

static void
use_set (PimJwkSet *set, const char *data, gsize len)
{
  g_autoptr (JsonNode) root = pim_json_parse_strict (data, len, PIM_JSON_MAX_DEPTH, NULL);
  JsonArray         *array = json_object_get_array_member (json_node_get_object (root), "keys");
  const char *const *skipped = pim_jwk_set_get_skipped (set);
  guint              n_keys = pim_jwk_set_get_n_keys (set);
  g_autofree char   *json = pim_jwk_set_to_json (set, TRUE);
  g_autoptr (PimJwkSet) again = pim_jwk_set_new_from_json (json, NULL);

  pim_fuzz_assert (skipped != NULL, "no list of skipped keys");
  for (gsize i = 0; skipped[i] != NULL; i++)
    pim_fuzz_check_text (skipped[i], "a skipped key's message");
  pim_fuzz_assert (n_keys + g_strv_length ((GStrv) skipped) == json_array_get_length (array),
                   "a key neither kept nor skipped");
  pim_fuzz_assert (again != NULL && pim_jwk_set_get_n_keys (again) == n_keys &&
                       pim_jwk_set_get_skipped (again)[0] == NULL,
                   "a written key set does not read back");

  for (guint i = 0; i < n_keys; i++)
    {
      PimJwk *key = pim_jwk_set_get_key (set, i);
      g_autoptr (GPtrArray) by_kid = pim_jwk_set_find (set, pim_jwk_get_key_id (key), NULL);
      const char *alg = pim_jwk_get_algorithm (key) != NULL ? pim_jwk_get_algorithm (key) : "RS256";
      g_autoptr (GPtrArray) by_alg = pim_jwk_set_find (set, NULL, alg);

      pim_fuzz_assert (by_kid->len >= 1, "a key is not found by its own kid");
      for (guint j = 0; j < by_alg->len; j++)
        pim_fuzz_assert (pim_jwk_allows_algorithm (g_ptr_array_index (by_alg, j), alg),
                         "a key found for an algorithm does not allow it");
    }

  for (gsize i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr (PimJwk) key = pim_jws_verify (tokens[i], set, pim_fuzz_allowed_algs, NULL);

      if (key != NULL)
        pim_fuzz_assert (pim_fuzz_same_signing_key (key, pim_fuzz_get_signing_key (kids[i])),
                         "a token verified with a key that did not sign it");
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  const char *text = (const char *) data;
  g_autoptr (PimJwkSet) set = NULL;
  g_autoptr (GError) error = NULL;

  pim_fuzz_init ();
  if (tokens[0] == NULL)
    make_tokens ();

  set = pim_jwk_set_new_from_data (text, size, &error);
  pim_fuzz_assert ((set == NULL) == (error != NULL), "a set xor an error");
  pim_fuzz_check_error (error);

  if (memchr (text, '\0', size) == NULL)
    {
      g_autofree char *copy = g_strndup (text, size);
      g_autoptr (PimJwkSet) from_json = pim_jwk_set_new_from_json (copy, NULL);
      g_autoptr (GBytes) bytes = g_bytes_new_static (data, size);
      g_autoptr (PimJwkSet) from_bytes = pim_jwk_set_new_from_bytes (bytes, NULL);

      pim_fuzz_assert ((from_json != NULL) == (set != NULL), "new_from_json disagrees");
      pim_fuzz_assert ((from_bytes != NULL) == (set != NULL), "new_from_bytes disagrees");
      pim_fuzz_assert (from_json == NULL ||
                           pim_jwk_set_get_n_keys (from_json) == pim_jwk_set_get_n_keys (set),
                       "new_from_json reads other keys");
    }

  if (set != NULL)
    use_set (set, text, size);
  return 0;
}
