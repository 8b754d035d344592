/* json-scan-test.c: the strict JSON reader of the JOSE layer: scanning
 * without a tree
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * pim_json_scan_object(): the members it reports, its errors, numbers,
 * depth and objects of many members, each checked against the parser;
 * and, with -m perf, how fast it is next to parsing.
 */

#include "pim-private.h"

#include "json-common.h"
#include "pim-json-private.h"
#include "pim-jose-error.h"

#include <math.h>
#include <string.h>

/* ---- Scanning without a tree ---- */

static gboolean
scan (const char *text, PimJsonField *fields, gsize n_fields, GError **error)
{
  return pim_json_scan_object (text, strlen (text), PIM_JSON_MAX_DEPTH, fields, n_fields, error);
}

static void
test_scan_fields (void)
{
  g_autoptr (GError) error = NULL;
  PimJsonField fields[] = { { "alg" }, { "kid" }, { "typ" }, { "crit" } };

  g_assert_true (scan ("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"abc\"}", fields,
                       G_N_ELEMENTS (fields), &error));
  g_assert_no_error (error);
  g_assert_true (fields[0].present && fields[0].is_string);
  g_assert_cmpstr (fields[0].value, ==, "RS256");
  g_assert_cmpstr (fields[1].value, ==, "abc");
  g_assert_cmpstr (fields[2].value, ==, "JWT");
  g_assert_false (fields[3].present || fields[3].is_string);
  g_assert_null (fields[3].value);
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    g_clear_pointer (&fields[i].value, g_free);

  /* Non-strings are there, without a value; names and values are
   * unescaped; members of nested objects do not count. */
  g_assert_true (scan ("{\"crit\":[\"exp\"],\"x\":{\"kid\":\"inner\",\"typ\":\"inner\"},"
                       "\"y\":[{\"alg\":\"inner\"}],\"t\\u0079p\":null,\"alg\":\"a\\/b\\u00e9\"}",
                       fields, G_N_ELEMENTS (fields), &error));
  g_assert_no_error (error);
  g_assert_true (fields[0].present && fields[0].is_string);
  g_assert_cmpstr (fields[0].value, ==, "a/b\xc3\xa9");
  g_assert_false (fields[1].present);
  g_assert_true (fields[2].present && !fields[2].is_string);
  g_assert_null (fields[2].value);
  g_assert_true (fields[3].present && !fields[3].is_string);
  g_assert_null (fields[3].value);
  g_clear_pointer (&fields[0].value, g_free);

  /* Empty names and values, and no fields at all. */
  {
    PimJsonField empty[] = { { "" } };

    g_assert_true (scan ("{\"\":\"\"}", empty, 1, &error));
    g_assert_true (empty[0].present && empty[0].is_string);
    g_assert_cmpstr (empty[0].value, ==, "");
    g_free (empty[0].value);
  }
  g_assert_true (scan ("{\"a\":1}", NULL, 0, &error));
  g_assert_true (pim_json_scan_object ("{}  ", 2, 1, NULL, 0, &error));
  g_assert_no_error (error);
}

static void
assert_scan_fails (const char *text, const char *message)
{
  g_autoptr (GError) error = NULL;
  PimJsonField fields[] = { { "alg" }, { "kid" } };

  g_assert_false (scan (text, fields, G_N_ELEMENTS (fields), &error));
  g_assert_error (error, PIM_JSON_ERROR, 0);
  g_assert_cmpstr (error->message, ==, message);
  /* Nothing is left in the fields (under ASan, nothing leaks either). */
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_assert_false (fields[i].present || fields[i].is_string);
      g_assert_null (fields[i].value);
    }
  assert_scan_agrees (text, strlen (text), PIM_JSON_MAX_DEPTH);
}

static void
test_scan_errors (void)
{
  assert_scan_fails ("[]", "Invalid JSON at byte 0: not an object");
  assert_scan_fails (" \n\"alg\"", "Invalid JSON at byte 2: not an object");
  assert_scan_fails ("1", "Invalid JSON at byte 0: not an object");
  assert_scan_fails ("null", "Invalid JSON at byte 0: not an object");
  assert_scan_fails ("x", "Invalid JSON at byte 0: not an object");
  assert_scan_fails ("", "Invalid JSON at byte 0: empty input");
  assert_scan_fails ("  ", "Invalid JSON at byte 2: unexpected end of input");
  assert_scan_fails ("\xef\xbb\xbf{}", "Invalid JSON at byte 0: byte order mark");
  /* As the parser says it. */
  assert_scan_fails ("{\"a\":1,\"\\u0061\":2}", "Invalid JSON at byte 7: duplicate member name");
  assert_scan_fails ("{\"\\u0061\":1,\"a\":2}", "Invalid JSON at byte 12: duplicate member name");
  assert_scan_fails ("{\"x\":{\"a\\n\":1,\"a\\u000a\":2}}",
                     "Invalid JSON at byte 14: duplicate member name");
  /* A duplicate found after its value, as when parsing. */
  assert_scan_fails ("{\"a\":1,\"a\":1e400}", "Invalid JSON at byte 11: number out of range");
  assert_scan_fails ("{\"a\":1,\"a\":[1e400]}", "Invalid JSON at byte 7: duplicate member name");
  /* Fields that were found are dropped again. */
  assert_scan_fails ("{\"alg\":\"a\",\"alg\":\"b\"}",
                     "Invalid JSON at byte 11: duplicate member name");
  assert_scan_fails ("{\"kid\":\"k\",\"alg\":\"a\",\"x\":tru}",
                     "Invalid JSON at byte 25: unexpected character");
  assert_scan_fails ("{\"kid\":\"k\"} {}",
                     "Invalid JSON at byte 12: unexpected content after the value");

  /* Every error of test_error_offsets() on an object. */
  assert_scan_fails ("{\"a\":1,\"b\":2,\"a\":3}", "Invalid JSON at byte 13: duplicate member name");
  assert_scan_fails ("{\"a\":{\"x\":1,\"x\":2}}", "Invalid JSON at byte 12: duplicate member name");
  assert_scan_fails ("{} x", "Invalid JSON at byte 3: unexpected content after the value");
  assert_scan_fails ("{\"a\":[\"a\\u0000\"]}", "Invalid JSON at byte 8: \\u0000 in string");
  assert_scan_fails ("{\"a\":\"\\ud800\"}", "Invalid JSON at byte 6: lone surrogate in string");
  assert_scan_fails ("{\"ab\xc0\xaf\":1}", "Invalid JSON at byte 4: invalid UTF-8");
  assert_scan_fails ("{\"a\":\"\\q\"}", "Invalid JSON at byte 6: invalid escape in string");
  assert_scan_fails ("{\"a\":01}", "Invalid JSON at byte 6: leading zero in number");
  assert_scan_fails ("{\"a\" 1}", "Invalid JSON at byte 5: expected ':'");
  assert_scan_fails ("{1:1}", "Invalid JSON at byte 1: expected a member name");
  assert_scan_fails ("{\"a\":1 \"b\":2}", "Invalid JSON at byte 7: expected ',' or '}'");
  assert_scan_fails ("{\"a\":[1 2]}", "Invalid JSON at byte 8: expected ',' or ']'");
  assert_scan_fails ("{\"a\":", "Invalid JSON at byte 5: unexpected end of input");
}

/* The bounds: overflow is checked even where no value is kept. */
static void
test_scan_numbers (void)
{
  static const char *const docs[] = {
    "{\"n\":1.7976931348623157e308}",
    "{\"n\":1.7976931348623158e308}",
    "{\"n\":1.7976931348623159e308}",
    "{\"n\":-1.8e308}",
    "{\"n\":0.1e310}",
    "{\"n\":1000e306}",
    "{\"n\":100e306}",
    "{\"n\":1e308}",
    "{\"n\":1e309}",
    "{\"n\":0e99999999999999999999}",
    "{\"n\":1e-99999999999999999999}",
    "{\"n\":1e99999999999999999999}",
    "{\"n\":-1E+00000000000000000309}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (docs); i++)
    assert_scan_agrees (docs[i], strlen (docs[i]), PIM_JSON_MAX_DEPTH);

  {
    /* 309 digits: 1e308 and finite; 310: beyond DBL_MAX. */
    g_autoptr (GString) s = g_string_new ("{\"n\":1");

    for (int i = 0; i < 308; i++)
      g_string_append_c (s, '0');
    g_string_append (s, "}");
    g_assert_true (pim_json_scan_object (s->str, s->len, PIM_JSON_MAX_DEPTH, NULL, 0, NULL));
    assert_scan_agrees (s->str, s->len, PIM_JSON_MAX_DEPTH);
    g_string_insert_c (s, 6, '9');
    g_assert_false (pim_json_scan_object (s->str, s->len, PIM_JSON_MAX_DEPTH, NULL, 0, NULL));
    assert_scan_agrees (s->str, s->len, PIM_JSON_MAX_DEPTH);
  }
}

static void
test_scan_depth (void)
{
  g_autoptr (GString) deep = g_string_new (NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (pim_json_scan_object ("{}", 2, 0, NULL, 0, &error));
  g_assert_error (error, PIM_JSON_ERROR, 0);
  g_clear_error (&error);
  assert_scan_agrees ("{}", 2, 0);
  assert_scan_agrees ("{\"a\":[]}", 8, 1);
  assert_scan_agrees ("{\"a\":[]}", 8, 2);

  /* Beyond the built-in stack of open containers. */
  for (int i = 0; i < 2000; i++)
    g_string_append (deep, "{\"a\":");
  g_string_append (deep, "1");
  for (int i = 0; i < 2000; i++)
    g_string_append (deep, "}");
  g_assert_true (pim_json_scan_object (deep->str, deep->len, 2000, NULL, 0, &error));
  g_assert_no_error (error);
  assert_scan_agrees (deep->str, deep->len, 2000);
  assert_scan_agrees (deep->str, deep->len, 1999);
  assert_scan_agrees (deep->str, deep->len, PIM_JSON_MAX_DEPTH);
  g_string_truncate (deep, deep->len - 1);
  assert_scan_agrees (deep->str, deep->len, 2000);
}

/* "{"m0":0,"m1":1,...}", the names written "\u006d0" where @escaped says. */
static GString *
many_members (guint n, gboolean (*escaped) (guint i))
{
  GString *s = g_string_new ("{");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s\"%s%u\":%u", i > 0 ? "," : "", escaped (i) ? "\\u006d" : "m", i,
                            i);
  g_string_append_c (s, '}');
  return s;
}

static gboolean
never (guint i)
{
  return FALSE;
}

static gboolean
every_third (guint i)
{
  return i % 3 == 0;
}

/* Member names must be unique however many there are, and finding that
 * out must not take quadratic time. */
static void
test_scan_many_members (void)
{
  static const guint sizes[] = { 15, 16, 17, 18, 64, 65, 1000, 10000 };

  for (gsize k = 0; k < G_N_ELEMENTS (sizes); k++)
    for (int e = 0; e < 2; e++)
      {
        g_autoptr (GString) s = many_members (sizes[k], e ? every_third : never);
        guint            n = sizes[k];
        g_autofree char *message = NULL;
        gsize            at;
        g_autoptr (GError) error = NULL;

        g_assert_true (pim_json_scan_object (s->str, s->len, PIM_JSON_MAX_DEPTH, NULL, 0, &error));
        g_assert_no_error (error);
        assert_scan_agrees (s->str, s->len, PIM_JSON_MAX_DEPTH);

        /* The same name again, at the end, escaped or not; then one more. */
        for (guint which = 0; which<n; which += n> 1000 ? n : n / 3 + 1)
          for (int escape_again = 0; escape_again < 2; escape_again++)
            {
              g_autoptr (GString) dup = g_string_new_len (s->str, (gssize) s->len - 1);

              at = dup->len + 1;
              g_string_append_printf (dup, ",\"%s%u\":0,\"x\":1}", escape_again ? "\\u006d" : "m",
                                      which);
              message = g_strdup_printf ("Invalid JSON at byte %" G_GSIZE_FORMAT
                                         ": duplicate member name",
                                         at);
              g_assert_false (
                  pim_json_scan_object (dup->str, dup->len, PIM_JSON_MAX_DEPTH, NULL, 0, &error));
              g_assert_cmpstr (error->message, ==, message);
              g_clear_error (&error);
              g_clear_pointer (&message, g_free);
              assert_scan_agrees (dup->str, dup->len, PIM_JSON_MAX_DEPTH);
            }
      }

  /* Names are per object: a big inner object, then its names again in
   * the outer one, and a duplicate there after all of that. */
  {
    g_autoptr (GString) inner = many_members (100, every_third);
    g_autoptr (GString) s = g_string_new (NULL);

    g_string_printf (s, "{\"m1\":1,\"o\":%s,\"p\":[%s,%s],", inner->str, inner->str, inner->str);
    for (guint i = 2; i < 40; i++)
      g_string_append_printf (s, "\"\\u006d%u\":%u,", i, i);
    g_string_append (s, "\"q\":{\"m1\":1}}");
    g_assert_true (pim_json_scan_object (s->str, s->len, PIM_JSON_MAX_DEPTH, NULL, 0, NULL));
    assert_scan_agrees (s->str, s->len, PIM_JSON_MAX_DEPTH);
    g_string_truncate (s, s->len - 1);
    g_string_append (s, ",\"m1\":2}");
    g_assert_false (pim_json_scan_object (s->str, s->len, PIM_JSON_MAX_DEPTH, NULL, 0, NULL));
    assert_scan_agrees (s->str, s->len, PIM_JSON_MAX_DEPTH);
  }
}

/* ---- Speed (-m perf) ---- */

static const char perf_header[] = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"abc\"}";
static const char perf_claims[] =
    "{\"iss\":\"https://login.example.com/realms/main\",\"sub\":\"248289761001\","
    "\"aud\":[\"s6BhdRkqt3\",\"https://api.example.com\"],\"exp\":1716239022,"
    "\"iat\":1716235422,\"nbf\":1716235422,\"jti\":\"b7f3c1e2-9a4d-4e8b-8f21-3c5d6e7f8a9b\","
    "\"scope\":\"openid profile email offline_access\",\"azp\":\"s6BhdRkqt3\","
    "\"email\":\"janedoe@example.com\",\"email_verified\":true,\"name\":\"Jane Doe\","
    "\"cnf\":{\"x5t#S256\":\"bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2\"},"
    "\"sid\":\"08a5019c-17e1-4977-8f42-65a12843ea02\"}";

/* The best of several rounds, in us per header and claims. */
static double
time_scan (guint n)
{
  double best = G_MAXDOUBLE;

  for (int round = 0; round < 10; round++)
    {
      gint64 t0 = g_get_monotonic_time ();

      for (guint i = 0; i < n; i++)
        {
          PimJsonField fields[] = { { "alg" }, { "kid" }, { "typ" }, { "crit" } };

          if (!pim_json_scan_object (perf_header, sizeof perf_header - 1, PIM_JSON_MAX_DEPTH,
                                     fields, G_N_ELEMENTS (fields), NULL) ||
              !pim_json_scan_object (perf_claims, sizeof perf_claims - 1, PIM_JSON_MAX_DEPTH, NULL,
                                     0, NULL))
            g_error ("rejected");
          for (gsize f = 0; f < G_N_ELEMENTS (fields); f++)
            g_free (fields[f].value);
        }
      best = MIN (best, (double) (g_get_monotonic_time () - t0) / n);
    }
  return best;
}

static double
time_parse (guint n)
{
  double best = G_MAXDOUBLE;

  for (int round = 0; round < 10; round++)
    {
      gint64 t0 = g_get_monotonic_time ();

      for (guint i = 0; i < n; i++)
        {
          JsonNode *header =
              pim_json_parse_strict (perf_header, sizeof perf_header - 1, PIM_JSON_MAX_DEPTH, NULL);
          JsonNode *claims =
              pim_json_parse_strict (perf_claims, sizeof perf_claims - 1, PIM_JSON_MAX_DEPTH, NULL);

          json_node_unref (header);
          json_node_unref (claims);
        }
      best = MIN (best, (double) (g_get_monotonic_time () - t0) / n);
    }
  return best;
}

static void
test_perf (void)
{
  double scan_us, parse_us;

  if (!g_test_perf ())
    {
      g_test_skip ("only with -m perf");
      return;
    }
  scan_us = time_scan (200000);
  parse_us = time_parse (20000);
  g_test_message ("a %zu-byte header and %zu bytes of claims: scanned in %.3f us, parsed in %.3f "
                  "us",
                  sizeof perf_header - 1, sizeof perf_claims - 1, scan_us, parse_us);
  g_test_minimized_result (scan_us, "scan header + claims: %.3f us", scan_us);
  g_test_minimized_result (parse_us, "parse header + claims: %.3f us", parse_us);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/scan/fields", test_scan_fields);
  g_test_add_func ("/json/scan/errors", test_scan_errors);
  g_test_add_func ("/json/scan/numbers", test_scan_numbers);
  g_test_add_func ("/json/scan/depth", test_scan_depth);
  g_test_add_func ("/json/scan/many-members", test_scan_many_members);
  g_test_add_func ("/json/perf", test_perf);

  return g_test_run ();
}
