/* jose-interop-test.c: Pim against an independent implementation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * tests/jose-interop/generate.mjs mints a corpus with npm `jose`: valid
 * tokens for every algorithm and key type, and tampered, truncated,
 * re-encoded, wrong-key and hostile variants, each with the verdict a
 * strict verifier must reach. Every case is a test here, so a failure
 * names the case. Then the other way round: tokens Pim mints must verify
 * in `jose` (verify.mjs).
 */

#include "pim-private.h"

#include <glib/gstdio.h>
#include <pim/pim.h>

static JsonNode *corpus;
static char     *interop_dir;

static int
class_code (const char *name)
{
  static const struct
  {
    const char *name;
    int         code;
  } classes[] = {
    { "malformed", PIM_JOSE_ERROR_MALFORMED },
    { "alg_none", PIM_JOSE_ERROR_ALG_NONE },
    { "alg_not_allowed", PIM_JOSE_ERROR_ALG_NOT_ALLOWED },
    { "unsupported_alg", PIM_JOSE_ERROR_UNSUPPORTED_ALG },
    { "key_not_found", PIM_JOSE_ERROR_KEY_NOT_FOUND },
    { "key_type_mismatch", PIM_JOSE_ERROR_KEY_TYPE_MISMATCH },
    { "invalid_signature", PIM_JOSE_ERROR_INVALID_SIGNATURE },
    { "key_conversion_failed", PIM_JOSE_ERROR_KEY_CONVERSION_FAILED },
    { "weak_key", PIM_JOSE_ERROR_WEAK_KEY },
    { "unsupported_critical", PIM_JOSE_ERROR_UNSUPPORTED_CRITICAL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (classes); i++)
    if (strcmp (classes[i].name, name) == 0)
      return classes[i].code;
  g_error ("unknown verdict class “%s”", name);
}

static char *
object_to_json (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static GStrv
strv_from_array (JsonArray *array)
{
  GStrv strv = g_new0 (char *, json_array_get_length (array) + 1);

  for (guint i = 0; i < json_array_get_length (array); i++)
    strv[i] = g_strdup (json_array_get_string_element (array, i));
  return strv;
}

/* A failing case fails its own test and the run goes on, so one run lists
 * every disagreement. */
#define case_fail(...)            \
  G_STMT_START                    \
  {                               \
    g_test_message (__VA_ARGS__); \
    g_test_fail ();               \
    return;                       \
  }                               \
  G_STMT_END

static void
test_case (gconstpointer data)
{
  JsonObject      *c = (JsonObject *) data;
  const char      *name = json_object_get_string_member (c, "name");
  const char      *expect = json_object_get_string_member (c, "expect");
  g_autofree char *jwks = object_to_json (json_object_get_object_member (c, "jwks"));
  g_auto (GStrv) allowed = strv_from_array (json_object_get_array_member (c, "allowed_algs"));
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwkSet) set = pim_jwk_set_new_from_json (jwks, &error);
  g_autoptr (PimJwt) jwt = NULL;

  if (set == NULL)
    case_fail ("%s: the key set did not parse: %s", name, error->message);

  jwt = pim_jwt_parse_and_verify (json_object_get_string_member (c, "token"), set,
                                  (const char *const *) allowed, &error);

  if (strcmp (expect, "valid") == 0)
    {
      GBytes *payload;

      if (jwt == NULL)
        case_fail ("%s: expected valid, got: %s", name, error->message);
      payload = pim_jws_get_payload (pim_jwt_get_jws (jwt));
      if (json_object_has_member (c, "payload"))
        {
          const char *want = json_object_get_string_member (c, "payload");

          g_assert_cmpmem (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), want,
                           strlen (want));
        }
      return;
    }

  if (jwt != NULL)
    case_fail ("%s: expected %s, but it verified", name, expect);
  if (error->domain != PIM_JOSE_ERROR)
    case_fail ("%s: expected %s, got another domain: %s", name, expect, error->message);
  if (error->code == class_code (expect))
    return;
  if (json_object_has_member (c, "expect_alt"))
    {
      JsonArray *alt = json_object_get_array_member (c, "expect_alt");

      for (guint i = 0; i < json_array_get_length (alt); i++)
        if (error->code == class_code (json_array_get_string_element (alt, i)))
          return;
    }
  case_fail ("%s: expected %s, got code %d: %s", name, expect, error->code, error->message);
}

/* Tokens Pim mints, for every algorithm, verify in `jose`. */
static void
test_pim_minted_verify_in_jose (void)
{
  JsonNode *keys = json_object_get_member (json_node_get_object (corpus), "signing_keys");
  g_autoptr (GString) input = g_string_new (NULL);
  g_autofree char *script = g_build_filename (interop_dir, "verify.mjs", NULL);
  const char      *argv[] = { "node", script, NULL };
  g_autoptr (GSubprocess) node = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto (GStrv) lines = NULL;
  GList *members = NULL;
  guint  n = 0;

  /* signing_keys is an object keyed by algorithm, or an array. */
  if (JSON_NODE_HOLDS_OBJECT (keys))
    members = json_object_get_values (json_node_get_object (keys));
  else
    members = json_array_get_elements (json_node_get_array (keys));

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonObject *k = json_node_get_object (l->data);
      const char *alg = json_object_get_string_member (k, "alg");
      g_autoptr (PimJwk) key =
          pim_jwk_new_from_object (json_object_get_object_member (k, "private_jwk"), &error);
      g_autoptr (JsonObject) claims = json_object_new ();
      g_autoptr (JsonObject) line = json_object_new ();
      g_autoptr (JsonObject) jwks = json_object_new ();
      g_autoptr (JsonArray) list = json_array_new ();
      g_autofree char *token = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      json_object_set_string_member (claims, "iss", "https://pim.example");
      json_object_set_string_member (claims, "note", "minted by Pim, “quoted” ✓");
      json_object_set_int_member (claims, "iat", 1790000000);
      token = pim_jwt_sign (claims, key, alg, NULL, &error);
      g_assert_no_error (error);

      json_array_add_object_element (list,
                                     json_object_ref (
                                         json_object_get_object_member (k,
                                                                        g_str_has_prefix (alg, "HS")
                                                                            ? "private_jwk"
                                                                            : "public_jwk")));
      json_object_set_array_member (jwks, "keys", g_steal_pointer (&list));
      json_object_set_string_member (line, "token", token);
      json_object_set_object_member (line, "jwks", g_steal_pointer (&jwks));
      json_object_set_string_member (line, "alg", alg);
      text = object_to_json (line);
      g_string_append_printf (input, "%s\n", text);
      n++;
    }
  g_list_free (members);
  g_assert_cmpuint (n, ==, 13);

  node = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (node, input->str, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (node));
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n);
  for (guint i = 0; i < n; i++)
    if (strstr (lines[i], "\"ok\":true") == NULL)
      g_error ("jose refused Pim's token %u: %s", i, lines[i]);
}

static void
skip_no_jose (void)
{
  g_test_skip ("npm jose is not installed (npm ci in tests/oidc-provider)");
}

static gboolean
generate_corpus (const char *path)
{
  g_autofree char *script = g_build_filename (interop_dir, "generate.mjs", NULL);
  const char      *argv[] = { "node", script, path, NULL };
  g_autoptr (GSubprocess) node = NULL;
  g_autoptr (GError) error = NULL;

  node = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait (node, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_exited (node) && g_subprocess_get_exit_status (node) == 77)
    return FALSE;
  if (!g_subprocess_get_successful (node))
    g_error ("generate.mjs failed");
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *cases;
  int        ret;

  g_test_init (&argc, &argv, NULL);

  interop_dir = g_test_build_filename (G_TEST_DIST, "jose-interop", NULL);
  dir = g_dir_make_tmp ("pim-jose-interop-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "corpus.json", NULL);
  if (!generate_corpus (path))
    {
      g_test_add_func ("/jose-interop/corpus", skip_no_jose);
      return g_test_run ();
    }

  {
    g_autofree char *text = NULL;

    g_file_get_contents (path, &text, NULL, &error);
    g_assert_no_error (error);
    corpus = json_from_string (text, &error);
    g_assert_no_error (error);
    g_unlink (path);
    g_rmdir (dir);
  }

  cases = json_object_get_array_member (json_node_get_object (corpus), "cases");
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject      *c = json_array_get_object_element (cases, i);
      g_autofree char *test_path =
          g_strdup_printf ("/jose-interop/%s", json_object_get_string_member (c, "name"));

      g_test_add_data_func (test_path, c, test_case);
    }
  g_test_add_func ("/jose-interop/pim-minted-verify-in-jose", test_pim_minted_verify_in_jose);

  ret = g_test_run ();
  json_node_unref (corpus);
  g_free (interop_dir);
  return ret;
}
