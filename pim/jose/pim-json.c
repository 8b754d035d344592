/* pim-json.c: the strict JSON reader for everything JOSE (RFC 8259)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A non-recursive recursive-descent parser: open containers live on an
 * explicit stack bounded by max_depth, so no input can exhaust the C stack.
 * Nodes are built directly as json-glib types; containers are attached to
 * their parent when they open, so the tree is always complete up to the
 * current position and an error only has to drop the root.
 *
 * Deliberate choices where RFC 8259 leaves room:
 *   - numbers that overflow a double (1e400) are an error; numbers that
 *     underflow (1e-400) become the nearest double (0 or a subnormal);
 *   - an integer that does not fit in gint64 becomes a double node;
 *   - "-0" is an integer, so an int node 0; "-0.0" is the double -0.0.
 */

#include "pim-private.h"

#include "pim-json-private.h"
#include "pim-jose-error.h"

#include <math.h>
#include <string.h>

/* A growable byte buffer that starts in place, so that short strings
 * (nearly all of them in a token) cost no allocation of their own. */
typedef struct
{
  char *data;
  gsize len;
  gsize cap;
  char  inline_data[128];
} Buf;

typedef struct
{
  JsonObject *object; /* exactly one of object and array is set */
  JsonArray  *array;
} Frame;

/* Byte classes inside a string: 0 for a byte copied as is (printable ASCII
 * other than '"' and '\\'), 1 for everything that needs a closer look. */
/* clang-format off */
static const guint8 string_special[256] = {
  /* 0x00–0x1f: control characters */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  /* 0x20–0x7f: '"' and '\\' */
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  /* 0x80–0xff: UTF-8 sequences */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};
/* clang-format on */

static inline void
buf_init (Buf *buf)
{
  buf->data = buf->inline_data;
  buf->len = 0;
  buf->cap = sizeof buf->inline_data;
}

static inline void
buf_clear (Buf *buf)
{
  if (buf->data != buf->inline_data)
    g_free (buf->data);
}

/* Makes room for @extra more bytes and a terminator. */
static inline void
buf_reserve (Buf *buf, gsize extra)
{
  gsize need;

  if (G_LIKELY (extra < buf->cap - buf->len))
    return;
  need = buf->len + extra + 1;
  if (need < buf->len) /* cannot happen for input held in memory */
    g_error ("JSON string too long");
  buf->cap = MAX (need, buf->cap * 2);
  if (buf->data == buf->inline_data)
    {
      buf->data = g_malloc (buf->cap);
      memcpy (buf->data, buf->inline_data, buf->len);
    }
  else
    buf->data = g_realloc (buf->data, buf->cap);
}

static inline void
buf_append (Buf *buf, const guint8 *bytes, gsize n)
{
  buf_reserve (buf, n);
  memcpy (buf->data + buf->len, bytes, n);
  buf->len += n;
}

static void
fail (const guint8 *start, const guint8 *at, const char *reason, GError **error)
{
  g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED, _ ("Invalid JSON at byte %zu: %s"),
               (size_t) (at - start), reason);
}

/* The length of the well-formed UTF-8 sequence at @p (Unicode 15, table
 * 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or 0. */
static inline gsize
utf8_sequence_length (const guint8 *p, const guint8 *end)
{
  guint8 c = p[0];
  guint8 lo = 0x80, hi = 0xbf;
  gsize  n;

  if (c >= 0xc2 && c <= 0xdf)
    n = 2;
  else if (c >= 0xe0 && c <= 0xef)
    {
      n = 3;
      if (c == 0xe0)
        lo = 0xa0;
      else if (c == 0xed)
        hi = 0x9f;
    }
  else if (c >= 0xf0 && c <= 0xf4)
    {
      n = 4;
      if (c == 0xf0)
        lo = 0x90;
      else if (c == 0xf4)
        hi = 0x8f;
    }
  else
    return 0;

  if ((gsize) (end - p) < n)
    return 0;
  if (p[1] < lo || p[1] > hi)
    return 0;
  for (gsize i = 2; i < n; i++)
    if (p[i] < 0x80 || p[i] > 0xbf)
      return 0;
  return n;
}

/* Four hex digits at @p (which has at least four bytes), or -1. */
static inline gint32
hex4 (const guint8 *p)
{
  gint32 v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value ((char) p[i]);

      if (d < 0)
        return -1;
      v = v << 4 | d;
    }
  return v;
}

static inline void
buf_append_unichar (Buf *buf, guint32 c)
{
  guint8 out[4];
  gsize  n;

  if (c < 0x80)
    {
      out[0] = (guint8) c;
      n = 1;
    }
  else if (c < 0x800)
    {
      out[0] = (guint8) (0xc0 | c >> 6);
      out[1] = (guint8) (0x80 | (c & 0x3f));
      n = 2;
    }
  else if (c < 0x10000)
    {
      out[0] = (guint8) (0xe0 | c >> 12);
      out[1] = (guint8) (0x80 | (c >> 6 & 0x3f));
      out[2] = (guint8) (0x80 | (c & 0x3f));
      n = 3;
    }
  else
    {
      out[0] = (guint8) (0xf0 | c >> 18);
      out[1] = (guint8) (0x80 | (c >> 12 & 0x3f));
      out[2] = (guint8) (0x80 | (c >> 6 & 0x3f));
      out[3] = (guint8) (0x80 | (c & 0x3f));
      n = 4;
    }
  buf_append (buf, out, n);
}

/* Skips bytes that a string holds as they are (string_special), eight at
 * a time while none of them is special: a byte with its top bit set, or
 * one that is below 0x20 once 0x20 is subtracted, or zero once XORed with
 * '"' or '\\'. Borrows only mark bytes after (above) a special one, so
 * the lowest marked byte is the first special one. */
static inline const guint8 *
skip_plain (const guint8 *p, const guint8 *end)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);

  while (end - p >= 8)
    {
      guint64 x, quote, backslash, special;

      memcpy (&x, p, sizeof x);
      quote = x ^ (ones * '"');
      backslash = x ^ (ones * '\\');
      special = (x | (x - ones * 0x20) | (quote - ones) | (backslash - ones)) & highs;
      if (special != 0)
        {
#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined(__GNUC__)
          /* The first marked byte is a special one. */
          return p + (__builtin_ctzll (special) >> 3);
#else
          break;
#endif
        }
      p += 8;
    }
  while (p < end && !string_special[*p])
    p++;
  return p;
}

/* Parses the string whose opening quote is at *@pp into @buf (decoded,
 * NUL-terminated) and moves *@pp past the closing quote. */
static gboolean
parse_string (const guint8 *start, const guint8 **pp, const guint8 *end, Buf *buf, GError **error)
{
  const guint8 *p = *pp + 1;
  const guint8 *run = p;

  buf->len = 0;

  /* Fast path: printable ASCII without escapes up to the closing quote. */
  p = skip_plain (p, end);
  if (G_LIKELY (p < end && *p == '"'))
    {
      buf_append (buf, run, (gsize) (p - run));
      buf->data[buf->len] = '\0';
      *pp = p + 1;
      return TRUE;
    }

  for (;;)
    {
      guint8 c;

      p = skip_plain (p, end);
      if (p == end)
        {
          fail (start, p, _ ("unterminated string"), error);
          return FALSE;
        }
      c = *p;
      if (c == '"')
        {
          buf_append (buf, run, (gsize) (p - run));
          buf->data[buf->len] = '\0';
          *pp = p + 1;
          return TRUE;
        }
      else if (c >= 0x80)
        {
          gsize n = utf8_sequence_length (p, end);

          if (n == 0)
            {
              fail (start, p, _ ("invalid UTF-8"), error);
              return FALSE;
            }
          p += n;
        }
      else if (c < 0x20)
        {
          fail (start, p, _ ("unescaped control character in string"), error);
          return FALSE;
        }
      else /* '\\' */
        {
          const guint8 *escape = p;
          guint8        decoded;

          buf_append (buf, run, (gsize) (p - run));
          if (end - p < 2)
            {
              fail (start, p, _ ("unterminated string"), error);
              return FALSE;
            }
          switch (p[1])
            {
            case '"':
            case '\\':
            case '/':
              decoded = p[1];
              break;
            case 'b':
              decoded = '\b';
              break;
            case 'f':
              decoded = '\f';
              break;
            case 'n':
              decoded = '\n';
              break;
            case 'r':
              decoded = '\r';
              break;
            case 't':
              decoded = '\t';
              break;
            case 'u':
              {
                gint32 u = end - p >= 6 ? hex4 (p + 2) : -1;

                if (u < 0)
                  {
                    fail (start, escape, _ ("invalid \\u escape"), error);
                    return FALSE;
                  }
                p += 6;
                if (u == 0)
                  {
                    fail (start, escape, _ ("\\u0000 in string"), error);
                    return FALSE;
                  }
                if (u >= 0xdc00 && u <= 0xdfff)
                  {
                    fail (start, escape, _ ("lone surrogate in string"), error);
                    return FALSE;
                  }
                if (u >= 0xd800 && u <= 0xdbff)
                  {
                    gint32 low = -1;

                    if (end - p >= 6 && p[0] == '\\' && p[1] == 'u')
                      low = hex4 (p + 2);
                    if (low < 0xdc00 || low > 0xdfff)
                      {
                        fail (start, escape, _ ("lone surrogate in string"), error);
                        return FALSE;
                      }
                    p += 6;
                    u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
                  }
                buf_append_unichar (buf, (guint32) u);
                run = p;
                continue;
              }
            default:
              fail (start, p, _ ("invalid escape in string"), error);
              return FALSE;
            }
          buf_append (buf, &decoded, 1);
          p += 2;
          run = p;
        }
    }
}

/* Parses the number at *@pp (RFC 8259 §6 grammar, checked here: strtod
 * takes more) into a new node, and moves *@pp past it. */
static JsonNode *
parse_number (const guint8 *start, const guint8 **pp, const guint8 *end, Buf *buf, GError **error)
{
  const guint8 *p = *pp;
  const guint8 *digits;
  gboolean      negative = FALSE;
  gboolean      integer = TRUE;
  gsize         n_digits;
  double        d;
  char         *endptr;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  digits = p;
  if (p == end || !g_ascii_isdigit (*p))
    {
      fail (start, p, _ ("invalid number"), error);
      return NULL;
    }
  if (*p == '0')
    {
      p++;
      if (p < end && g_ascii_isdigit (*p))
        {
          fail (start, p, _ ("leading zero in number"), error);
          return NULL;
        }
    }
  else
    while (p < end && g_ascii_isdigit (*p))
      p++;
  n_digits = (gsize) (p - digits);

  if (p < end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (p == end || !g_ascii_isdigit (*p))
        {
          fail (start, p, _ ("invalid number"), error);
          return NULL;
        }
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p == end || !g_ascii_isdigit (*p))
        {
          fail (start, p, _ ("invalid number"), error);
          return NULL;
        }
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  /* 19 digits always fit in a guint64; then it is a matter of sign. */
  if (integer && n_digits <= 19)
    {
      guint64 v = 0;

      for (gsize i = 0; i < n_digits; i++)
        v = v * 10 + (guint64) (digits[i] - '0');
      if (!negative && v <= (guint64) G_MAXINT64)
        {
          *pp = p;
          return json_node_init_int (json_node_alloc (), (gint64) v);
        }
      if (negative && v <= (guint64) G_MAXINT64 + 1)
        {
          *pp = p;
          /* -(v - 1) - 1 does not overflow for v = 2^63. */
          return json_node_init_int (json_node_alloc (), -(gint64) (v - 1) - 1);
        }
    }

  /* The grammar is checked, so strtod reads exactly this text. */
  buf->len = 0;
  buf_append (buf, *pp, (gsize) (p - *pp));
  buf->data[buf->len] = '\0';
  d = g_ascii_strtod (buf->data, &endptr);
  if (endptr != buf->data + buf->len || isinf (d) || isnan (d))
    {
      fail (start, *pp, _ ("number out of range"), error);
      return NULL;
    }
  *pp = p;
  return json_node_init_double (json_node_alloc (), d);
}

static inline const guint8 *
skip_whitespace (const guint8 *p, const guint8 *end)
{
  while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;
  return p;
}

static inline gboolean
has_literal (const guint8 *p, const guint8 *end, const char *literal, gsize n)
{
  return (gsize) (end - p) >= n && memcmp (p, literal, n) == 0;
}

JsonNode *
pim_json_parse_strict (const char *data, gsize len, guint max_depth, GError **error)
{
  const guint8 *start = (const guint8 *) data;
  const guint8 *end = len > 0 ? start + len : start; /* NULL + 0 is undefined */
  const guint8 *p = start;
  const guint8 *key_at = start;
  JsonNode     *root = NULL;
  JsonNode     *node;
  guint8        opened;
  Frame         local_frames[PIM_JSON_MAX_DEPTH];
  Frame        *frames = local_frames;
  gsize         frames_cap = G_N_ELEMENTS (local_frames);
  gsize         depth = 0;
  Buf           key;
  Buf           value;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len == 0)
    {
      fail (start, p, _ ("empty input"), error);
      return NULL;
    }

  buf_init (&key);
  buf_init (&value);

value:
  p = skip_whitespace (p, end);
  if (p == end)
    {
      fail (start, p, _ ("unexpected end of input"), error);
      goto out;
    }
  opened = 0;
  switch (*p)
    {
    case '{':
    case '[':
      if (depth >= max_depth)
        {
          fail (start, p, _ ("nesting too deep"), error);
          goto out;
        }
      opened = *p;
      node = json_node_alloc ();
      if (*p == '{')
        json_node_take_object (json_node_init (node, JSON_NODE_OBJECT), json_object_new ());
      else
        json_node_take_array (json_node_init (node, JSON_NODE_ARRAY), json_array_new ());
      break;
    case '"':
      if (!parse_string (start, &p, end, &value, error))
        goto out;
      node = json_node_init_string (json_node_alloc (), value.data);
      break;
    case 't':
      if (!has_literal (p, end, "true", 4))
        goto unexpected;
      p += 4;
      node = json_node_init_boolean (json_node_alloc (), TRUE);
      break;
    case 'f':
      if (!has_literal (p, end, "false", 5))
        goto unexpected;
      p += 5;
      node = json_node_init_boolean (json_node_alloc (), FALSE);
      break;
    case 'n':
      if (!has_literal (p, end, "null", 4))
        goto unexpected;
      p += 4;
      node = json_node_init_null (json_node_alloc ());
      break;
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      node = parse_number (start, &p, end, &value, error);
      if (node == NULL)
        goto out;
      break;
    default:
      goto unexpected;
    }

  /* Attach the new node to its container (or make it the root). */
  if (depth == 0)
    root = node;
  else if (frames[depth - 1].array != NULL)
    json_array_add_element (frames[depth - 1].array, node);
  else
    {
      JsonObject *object = frames[depth - 1].object;
      guint       size = json_object_get_size (object);

      /* A duplicate is an insertion that does not grow the object (it
       * replaced the first member; the whole tree is dropped anyway). This
       * saves the json_object_has_member() lookup, a hash more per member. */
      json_object_set_member (object, key.data, node);
      if (G_UNLIKELY (json_object_get_size (object) == size))
        {
          fail (start, key_at, _ ("duplicate member name"), error);
          goto out;
        }
    }

  if (opened != 0)
    {
      gboolean is_object = opened == '{';

      if (depth == frames_cap)
        {
          frames_cap *= 2;
          if (frames == local_frames)
            {
              frames = g_new (Frame, frames_cap);
              memcpy (frames, local_frames, sizeof local_frames);
            }
          else
            frames = g_renew (Frame, frames, frames_cap);
        }
      frames[depth].object = is_object ? json_node_get_object (node) : NULL;
      frames[depth].array = is_object ? NULL : json_node_get_array (node);
      depth++;
      p = skip_whitespace (p + 1, end);
      if (p < end && *p == (is_object ? '}' : ']'))
        {
          p++;
          depth--;
          goto after_value;
        }
      if (is_object)
        goto member;
      goto value;
    }

after_value:
  p = skip_whitespace (p, end);
  if (depth == 0)
    {
      if (p != end)
        {
          fail (start, p, _ ("unexpected content after the value"), error);
          goto out;
        }
      goto done;
    }
  if (p == end)
    {
      fail (start, p, _ ("unexpected end of input"), error);
      goto out;
    }
  if (*p == ',')
    {
      p = skip_whitespace (p + 1, end);
      if (frames[depth - 1].object != NULL)
        goto member;
      goto value;
    }
  if (*p == (frames[depth - 1].object != NULL ? '}' : ']'))
    {
      p++;
      depth--;
      goto after_value;
    }
  fail (start, p,
        frames[depth - 1].object != NULL ? _ ("expected ',' or '}'") : _ ("expected ',' or ']'"),
        error);
  goto out;

member:
  /* At a member name, after '{' or ',' and whitespace. */
  if (p == end)
    {
      fail (start, p, _ ("unexpected end of input"), error);
      goto out;
    }
  if (*p != '"')
    {
      fail (start, p, _ ("expected a member name"), error);
      goto out;
    }
  key_at = p;
  if (!parse_string (start, &p, end, &key, error))
    goto out;
  p = skip_whitespace (p, end);
  if (p == end || *p != ':')
    {
      fail (start, p, p == end ? _ ("unexpected end of input") : _ ("expected ':'"), error);
      goto out;
    }
  p++;
  goto value;

unexpected:
  if (p == start && has_literal (p, end, "\xef\xbb\xbf", 3))
    fail (start, p, _ ("byte order mark"), error);
  else
    fail (start, p, _ ("unexpected character"), error);

out:
  g_clear_pointer (&root, json_node_unref);

done:
  if (frames != local_frames)
    g_free (frames);
  buf_clear (&key);
  buf_clear (&value);
  return root;
}
