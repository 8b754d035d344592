/* pim-json.c: the strict JSON reader of every layer (RFC 8259)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A non-recursive recursive-descent parser: open containers live on an
 * explicit stack bounded by max_depth, so no input can exhaust the C stack.
 *
 * One grammar, two sinks. parse_document() holds all of the grammar and
 * every check (UTF-8, escapes, numbers, depth, duplicate names), and is
 * instantiated twice: pim_json_parse_strict() builds json-glib nodes as it
 * goes, pim_json_scan_object() builds nothing and only copies out the
 * top-level string members it was asked for. The two differ only in what
 * they do with a value once it is read, so they cannot disagree about a
 * document. When building, containers are attached to their parent when
 * they open, so the tree is always complete up to the current position and
 * an error only has to drop the root.
 *
 * Duplicate names are found without nodes: each open object keeps its
 * member names (where they are in the input, or a decoded copy in an arena
 * when the name had escapes) with a hash of the decoded name; a 64-bit
 * Bloom filter of the hashes spares the linear comparison nearly always,
 * and an object with many members gets an open-addressing hash set.
 *
 * Deliberate choices where RFC 8259 leaves room:
 *   - numbers that overflow a double (1e400) are an error; numbers that
 *     underflow (1e-400) become the nearest double (0 or a subnormal);
 *   - an integer that does not fit in gint64 becomes a double node;
 *   - "-0" is an integer, so an int node 0; "-0.0" is the double -0.0.
 */

#include "pim-private.h"

#include "pim-json-private.h"

#include <math.h>
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

/* A growable byte buffer that starts in place, so that short strings
 * (nearly all of them in a token) cost no allocation of their own. */
typedef struct
{
  char *data;
  gsize len;
  gsize cap;
  char  inline_data[128];
} Buf;

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

G_DEFINE_QUARK (pim - json - error - quark, pim_json_error)

static void
fail (const guint8 *start, const guint8 *at, const char *reason, GError **error)
{
  g_set_error (error, PIM_JSON_ERROR, 0, _ ("Invalid JSON at byte %zu: %s"), (size_t) (at - start),
               reason);
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

/* Skips bytes that a string holds as they are (string_special), sixteen
 * at a time with SSE2, then eight at a time while none of them is special: a byte with its top bit set, or
 * one that is below 0x20 once 0x20 is subtracted, or zero once XORed with
 * '"' or '\\'. Borrows only mark bytes after (above) a special one, so
 * the lowest marked byte is the first special one. */
static inline const guint8 *
skip_plain (const guint8 *p, const guint8 *end)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);

#if defined(__SSE2__) && defined(__GNUC__)
  /* Sixteen at a time: as signed bytes, those from 0x80 up are below 0x20
   * too. */
  while (end - p >= 16)
    {
      __m128i x = _mm_loadu_si128 ((const __m128i *) (const void *) p);
      __m128i special = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (x, _mm_set1_epi8 ('"')),
                                                    _mm_cmpeq_epi8 (x, _mm_set1_epi8 ('\\'))),
                                      _mm_cmplt_epi8 (x, _mm_set1_epi8 (0x20)));
      int     mask = _mm_movemask_epi8 (special);

      if (mask != 0)
        return p + __builtin_ctz ((unsigned) mask);
      p += 16;
    }
#endif
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

/* How parse_string() hands a string over. */
typedef enum
{
  STRING_SKIP, /* check it, keep nothing */
  STRING_VIEW, /* point into the input when it has no escapes, else decode */
  STRING_COPY, /* always decode into the buffer, NUL-terminated */
} StringMode;

typedef struct
{
  const char *data; /* decoded; NUL-terminated unless a view */
  gsize       len;
  gboolean    escaped; /* had an escape: the decoded bytes are not the raw ones */
} String;

/* The rest of parse_string(), from @p, the first byte after the opening
 * quote that is not plain. */
static G_NO_INLINE gboolean
parse_string_slow (const guint8  *start,
                   const guint8 **pp,
                   const guint8  *p,
                   const guint8  *end,
                   StringMode     mode,
                   Buf           *buf,
                   String        *out,
                   GError       **error)
{
  const guint8 *run = *pp + 1;
  gboolean      escaped = FALSE;

  if (mode != STRING_SKIP)
    buf->len = 0;
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
          if (mode == STRING_VIEW && !escaped)
            {
              out->data = (const char *) (*pp + 1);
              out->len = (gsize) (p - (*pp + 1));
            }
          else if (mode != STRING_SKIP)
            {
              buf_append (buf, run, (gsize) (p - run));
              buf->data[buf->len] = '\0';
              out->data = buf->data;
              out->len = buf->len;
            }
          out->escaped = escaped;
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

          escaped = TRUE;
          if (mode != STRING_SKIP)
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
                if (mode != STRING_SKIP)
                  buf_append_unichar (buf, (guint32) u);
                run = p;
                continue;
              }
            default:
              fail (start, p, _ ("invalid escape in string"), error);
              return FALSE;
            }
          if (mode != STRING_SKIP)
            buf_append (buf, &decoded, 1);
          p += 2;
          run = p;
        }
    }
}

/* Parses the string whose opening quote is at *@pp and moves *@pp past the
 * closing quote. Unless @mode is STRING_SKIP, @out is the decoded string:
 * in @buf, or for STRING_VIEW of a string without escapes, in the input.
 * Printable ASCII up to the closing quote is done here, inline. */
static inline gboolean
parse_string (const guint8  *start,
              const guint8 **pp,
              const guint8  *end,
              StringMode     mode,
              Buf           *buf,
              String        *out,
              GError       **error)
{
  const guint8 *run = *pp + 1;
  const guint8 *p = skip_plain (run, end);

  if (G_UNLIKELY (p == end || *p != '"'))
    return parse_string_slow (start, pp, p, end, mode, buf, out, error);
  if (mode == STRING_COPY)
    {
      buf->len = 0;
      buf_append (buf, run, (gsize) (p - run));
      buf->data[buf->len] = '\0';
      out->data = buf->data;
    }
  else
    out->data = (const char *) run;
  out->len = (gsize) (p - run);
  out->escaped = FALSE;
  *pp = p + 1;
  return TRUE;
}

typedef struct
{
  gboolean is_int;
  gint64   i;
  double   d;
} Number;

/* Parses the number at *@pp (RFC 8259 §6 grammar, checked here: strtod
 * takes more) into @out, and moves *@pp past it. Without @need_value, a
 * number that cannot overflow a double is only checked, not converted
 * (@out is then unset): its value is below 10^(integer digits + exponent),
 * and below 10^308 it is finite. */
static gboolean
parse_number (const guint8  *start,
              const guint8 **pp,
              const guint8  *end,
              Buf           *buf,
              gboolean       need_value,
              Number        *out,
              GError       **error)
{
  const guint8 *p = *pp;
  const guint8 *digits;
  gboolean      negative = FALSE;
  gboolean      integer = TRUE;
  gsize         n_digits;
  gint64        exponent = 0; /* saturated, enough to bound the magnitude */
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
      return FALSE;
    }
  if (*p == '0')
    {
      p++;
      if (p < end && g_ascii_isdigit (*p))
        {
          fail (start, p, _ ("leading zero in number"), error);
          return FALSE;
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
          return FALSE;
        }
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean exponent_negative = FALSE;

      integer = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        exponent_negative = *p++ == '-';
      if (p == end || !g_ascii_isdigit (*p))
        {
          fail (start, p, _ ("invalid number"), error);
          return FALSE;
        }
      while (p < end && g_ascii_isdigit (*p))
        {
          if (exponent < 100000)
            exponent = exponent * 10 + (*p - '0');
          p++;
        }
      if (exponent_negative)
        exponent = -exponent;
    }

  if (!need_value && n_digits <= 100000 && (gint64) n_digits + exponent <= 308)
    {
      *pp = p;
      return TRUE;
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
          out->is_int = TRUE;
          out->i = (gint64) v;
          return TRUE;
        }
      if (negative && v <= (guint64) G_MAXINT64 + 1)
        {
          *pp = p;
          out->is_int = TRUE;
          /* -(v - 1) - 1 does not overflow for v = 2^63. */
          out->i = -(gint64) (v - 1) - 1;
          return TRUE;
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
      return FALSE;
    }
  *pp = p;
  out->is_int = FALSE;
  out->d = d;
  return TRUE;
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

/* ---- Member names seen in the open objects ---- */

/* An object with more members than this gets a hash set of their names. */
#define NAMES_LINEAR_MAX 16

typedef struct
{
  gsize    pos; /* of the decoded name: in the arena, or in the input */
  gsize    len; /* when the raw name had no escape */
  guint32  hash;
  gboolean in_arena;
} Name;

typedef struct
{
  JsonObject *object; /* when building: exactly one of object and array */
  JsonArray  *array;
  gboolean    is_object;
  guint64     bloom;      /* of its names' hashes, while it has no set */
  gsize       names_mark; /* its first name in Parser.names */
  gsize       arena_mark; /* where its escaped names start in Parser.arena */
  gsize      *set;        /* open addressing: index in Parser.names + 1, or 0 */
  gsize       set_mask;
} Frame;

typedef struct
{
  const guint8 *start;
  const guint8 *end;
  guint64       seed;
  Frame        *frames;
  gsize         frames_cap;
  Name         *names; /* the names of all open objects, outer ones first */
  gsize         n_names;
  gsize         names_cap;
  Buf           arena; /* decoded copies of the escaped ones */
  Buf           key;
  Buf           value;
  Frame         local_frames[PIM_JSON_MAX_DEPTH];
  Name          local_names[64];
} Parser;

/* A per-process key, so that no document can be made of names whose
 * hashes collide on purpose. */
static guint64
hash_seed (void)
{
  static gsize seed = 0;

  if (g_once_init_enter (&seed))
    {
      guint64 s = (guint64) g_random_int () << 32 | g_random_int ();

      g_once_init_leave (&seed, (gsize) s | 1);
    }
  return seed;
}

static inline guint64
mix (guint64 h, guint64 w)
{
  h = (h ^ w) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  return h ^ h >> 31;
}

/* Whole-word loads only: bytes stored one by one and loaded as a word
 * would stall on store forwarding. */
static inline guint32
name_hash (const guint8 *p, gsize n, guint64 seed)
{
  guint64 h = seed ^ (n * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
  guint64 w;
  guint32 a, b;

  if (n > 8)
    {
      for (; n > 8; p += 8, n -= 8)
        {
          memcpy (&w, p, 8);
          h = mix (h, w);
        }
      memcpy (&w, p + n - 8, 8); /* the last 1 to 8 bytes, and some before */
    }
  else if (n >= 4)
    {
      memcpy (&a, p, 4);
      memcpy (&b, p + n - 4, 4);
      w = (guint64) a << 32 | b;
    }
  else if (n > 0)
    w = (guint64) p[0] << 16 | (guint64) p[n / 2] << 8 | p[n - 1];
  else
    w = 0;
  h = mix (h, w) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return (guint32) (h >> 32);
}

static inline const guint8 *
name_data (const Parser *ps, const Name *name)
{
  return name->in_arena ? (const guint8 *) ps->arena.data + name->pos : ps->start + name->pos;
}

static inline gboolean
name_equal (const Parser *ps, const Name *name, const guint8 *data, gsize len, guint32 hash)
{
  return name->hash == hash && name->len == len && memcmp (name_data (ps, name), data, len) == 0;
}

/* Where a name is looked for first: the hash bits the Bloom filter does
 * not use. */
static inline gsize
set_slot (guint32 hash, gsize mask)
{
  return (hash >> 6) & mask;
}

static void
set_insert (const Parser *ps, gsize *set, gsize mask, gsize index)
{
  gsize slot = set_slot (ps->names[index].hash, mask);

  while (set[slot] != 0)
    slot = (slot + 1) & mask;
  set[slot] = index + 1;
}

/* (Re)builds @frame's set of names, at most a quarter full (it is rebuilt
 * when half full). */
static void
set_rebuild (const Parser *ps, Frame *frame)
{
  gsize n = ps->n_names - frame->names_mark;
  gsize size = 64;

  while (size < 4 * n)
    size *= 2;
  g_free (frame->set);
  frame->set = g_new0 (gsize, size);
  frame->set_mask = size - 1;
  for (gsize i = frame->names_mark; i < ps->n_names; i++)
    set_insert (ps, frame->set, frame->set_mask, i);
}

/* names_add() for all but the common case. */
static G_NO_INLINE gboolean
names_add_slow (Parser *ps, Frame *frame, const guint8 *key_at, const String *key, guint32 hash)
{
  const guint8 *data = (const guint8 *) key->data;
  Name         *name;

  if (frame->set == NULL)
    {
      guint64 bit = G_GUINT64_CONSTANT (1) << (hash & 63);

      if (G_UNLIKELY (frame->bloom & bit))
        for (gsize i = frame->names_mark; i < ps->n_names; i++)
          if (name_equal (ps, &ps->names[i], data, key->len, hash))
            return FALSE;
      frame->bloom |= bit;
    }
  else
    for (gsize slot = set_slot (hash, frame->set_mask); frame->set[slot] != 0;
         slot = (slot + 1) & frame->set_mask)
      if (name_equal (ps, &ps->names[frame->set[slot] - 1], data, key->len, hash))
        return FALSE;

  if (ps->n_names == ps->names_cap)
    {
      ps->names_cap *= 2;
      if (ps->names == ps->local_names)
        {
          ps->names = g_new (Name, ps->names_cap);
          memcpy (ps->names, ps->local_names, sizeof ps->local_names);
        }
      else
        ps->names = g_renew (Name, ps->names, ps->names_cap);
    }
  name = &ps->names[ps->n_names++];
  name->len = key->len;
  name->hash = hash;
  name->in_arena = key->escaped;
  if (key->escaped)
    {
      name->pos = ps->arena.len;
      buf_append (&ps->arena, data, key->len);
    }
  else /* the decoded name is the raw one */
    name->pos = (gsize) (key_at + 1 - ps->start);

  if (frame->set != NULL)
    {
      if (4 * (ps->n_names - frame->names_mark) > 2 * (frame->set_mask + 1))
        set_rebuild (ps, frame);
      else
        set_insert (ps, frame->set, frame->set_mask, ps->n_names - 1);
    }
  else if (ps->n_names - frame->names_mark > NAMES_LINEAR_MAX)
    set_rebuild (ps, frame);
  return TRUE;
}

/* Adds the name of the member whose raw name starts at @key_at to the
 * innermost open object @frame, or returns FALSE if it has it already.
 * Inline: a name without escapes whose hash is new to the Bloom filter of
 * a small object. */
G_ALWAYS_INLINE static inline gboolean
names_add (Parser *ps, Frame *frame, const guint8 *key_at, const String *key)
{
  guint32 hash = name_hash ((const guint8 *) key->data, key->len, ps->seed);
  guint64 bit = G_GUINT64_CONSTANT (1) << (hash & 63);
  Name   *name;

  if (G_UNLIKELY ((frame->bloom & bit) != 0 || frame->set != NULL || key->escaped ||
                  ps->n_names == ps->names_cap ||
                  ps->n_names - frame->names_mark >= NAMES_LINEAR_MAX))
    return names_add_slow (ps, frame, key_at, key, hash);
  frame->bloom |= bit;
  name = &ps->names[ps->n_names++];
  name->pos = (gsize) (key_at + 1 - ps->start);
  name->len = key->len;
  name->hash = hash;
  name->in_arena = FALSE;
  return TRUE;
}

/* ---- The grammar ---- */

static inline PimJsonField *
find_field (PimJsonField *fields, gsize n_fields, const String *key)
{
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].name[0] == (key->len > 0 ? key->data[0] : '\0') &&
        strncmp (fields[i].name, key->data, key->len) == 0 && fields[i].name[key->len] == '\0')
      return &fields[i];
  return NULL;
}

/* Reads the whole document at ps->start. @build is a constant in each
 * caller: with it, the tree goes to *@root_out; without, nothing is built
 * and the root must be an object, whose top-level members named in
 * @fields are reported there. Everything else is the same code. */
G_ALWAYS_INLINE static inline gboolean
parse_document (Parser        *ps,
                guint          max_depth,
                const gboolean build,
                JsonNode     **root_out,
                PimJsonField  *fields,
                gsize          n_fields,
                GError       **error)
{
  const guint8 *start = ps->start;
  const guint8 *end = ps->end;
  const guint8 *p = start;
  const guint8 *key_at = start;
  JsonNode     *root = NULL;
  JsonNode     *node = NULL;
  PimJsonField *field = NULL; /* the requested member whose value is next */
  String        key = { NULL, 0, FALSE };
  String        string;
  Number        number = { FALSE, 0, 0.0 };
  guint8        opened;
  gsize         depth = 0;
  gboolean      ok = FALSE;

  if (start == end)
    {
      fail (start, p, _ ("empty input"), error);
      return FALSE;
    }

value:
  p = skip_whitespace (p, end);
  if (p == end)
    {
      fail (start, p, _ ("unexpected end of input"), error);
      goto out;
    }
  if (!build && depth == 0 && *p != '{')
    {
      if (*p == 0xef)
        goto unexpected; /* it may be a byte order mark, said as such */
      fail (start, p, _ ("not an object"), error);
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
      if (build)
        {
          node = json_node_alloc ();
          if (*p == '{')
            json_node_take_object (json_node_init (node, JSON_NODE_OBJECT), json_object_new ());
          else
            json_node_take_array (json_node_init (node, JSON_NODE_ARRAY), json_array_new ());
        }
      break;
    case '"':
      if (!parse_string (start, &p, end, build || field != NULL ? STRING_COPY : STRING_SKIP,
                         &ps->value, &string, error))
        goto out;
      if (build)
        node = json_node_init_string (json_node_alloc (), string.data);
      else if (field != NULL)
        {
          /* (A second one is a duplicate, an error once it is attached.) */
          g_free (field->value);
          field->is_string = TRUE;
          field->value = g_strndup (string.data, string.len);
        }
      break;
    case 't':
      if (!has_literal (p, end, "true", 4))
        goto unexpected;
      p += 4;
      if (build)
        node = json_node_init_boolean (json_node_alloc (), TRUE);
      break;
    case 'f':
      if (!has_literal (p, end, "false", 5))
        goto unexpected;
      p += 5;
      if (build)
        node = json_node_init_boolean (json_node_alloc (), FALSE);
      break;
    case 'n':
      if (!has_literal (p, end, "null", 4))
        goto unexpected;
      p += 4;
      if (build)
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
      if (!parse_number (start, &p, end, &ps->value, build, &number, error))
        goto out;
      if (build)
        node = number.is_int ? json_node_init_int (json_node_alloc (), number.i)
                             : json_node_init_double (json_node_alloc (), number.d);
      break;
    default:
      goto unexpected;
    }
  if (field != NULL)
    {
      field->present = TRUE;
      field = NULL;
    }

  /* A member: its name must be new in its object. As when the node is
   * attached, that is after a scalar and before a container's content. */
  if (depth > 0 && ps->frames[depth - 1].is_object &&
      !names_add (ps, &ps->frames[depth - 1], key_at, &key))
    {
      fail (start, key_at, _ ("duplicate member name"), error);
      if (build)
        json_node_unref (node);
      goto out;
    }
  /* Attach the new node to its container (or make it the root). */
  if (build)
    {
      if (depth == 0)
        root = node;
      else if (ps->frames[depth - 1].array != NULL)
        json_array_add_element (ps->frames[depth - 1].array, node);
      else
        json_object_set_member (ps->frames[depth - 1].object, key.data, node);
    }

  if (opened != 0)
    {
      gboolean is_object = opened == '{';
      Frame   *frame;

      if (depth == ps->frames_cap)
        {
          ps->frames_cap *= 2;
          if (ps->frames == ps->local_frames)
            {
              ps->frames = g_new (Frame, ps->frames_cap);
              memcpy (ps->frames, ps->local_frames, sizeof ps->local_frames);
            }
          else
            ps->frames = g_renew (Frame, ps->frames, ps->frames_cap);
        }
      frame = &ps->frames[depth++];
      frame->object = build && is_object ? json_node_get_object (node) : NULL;
      frame->array = build && !is_object ? json_node_get_array (node) : NULL;
      frame->is_object = is_object;
      frame->bloom = 0;
      frame->names_mark = ps->n_names;
      frame->arena_mark = ps->arena.len;
      frame->set = NULL;
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
      ok = TRUE;
      goto out;
    }
  if (p == end)
    {
      fail (start, p, _ ("unexpected end of input"), error);
      goto out;
    }
  if (*p == ',')
    {
      p = skip_whitespace (p + 1, end);
      if (ps->frames[depth - 1].is_object)
        goto member;
      goto value;
    }
  if (*p == (ps->frames[depth - 1].is_object ? '}' : ']'))
    {
      Frame *frame = &ps->frames[--depth];

      g_free (frame->set);
      ps->n_names = frame->names_mark;
      ps->arena.len = frame->arena_mark;
      p++;
      goto after_value;
    }
  fail (start, p,
        ps->frames[depth - 1].is_object ? _ ("expected ',' or '}'") : _ ("expected ',' or ']'"),
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
  if (!parse_string (start, &p, end, build ? STRING_COPY : STRING_VIEW, &ps->key, &key, error))
    goto out;
  if (!build && depth == 1 && n_fields > 0)
    field = find_field (fields, n_fields, &key);
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
  /* The objects still open on an error. */
  while (depth > 0)
    g_free (ps->frames[--depth].set);
  if (build)
    {
      if (!ok)
        g_clear_pointer (&root, json_node_unref);
      *root_out = root;
    }
  return ok;
}

static void
parser_init (Parser *ps, const char *data, gsize len)
{
  ps->start = (const guint8 *) data;
  ps->end = len > 0 ? ps->start + len : ps->start; /* NULL + 0 is undefined */
  ps->seed = hash_seed ();
  ps->frames = ps->local_frames;
  ps->frames_cap = G_N_ELEMENTS (ps->local_frames);
  ps->names = ps->local_names;
  ps->n_names = 0;
  ps->names_cap = G_N_ELEMENTS (ps->local_names);
  buf_init (&ps->arena);
  buf_init (&ps->key);
  buf_init (&ps->value);
}

static void
parser_clear (Parser *ps)
{
  if (ps->frames != ps->local_frames)
    g_free (ps->frames);
  if (ps->names != ps->local_names)
    g_free (ps->names);
  buf_clear (&ps->arena);
  buf_clear (&ps->key);
  buf_clear (&ps->value);
}

JsonNode *
pim_json_parse_strict (const char *data, gsize len, guint max_depth, GError **error)
{
  Parser    ps;
  JsonNode *root = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser_init (&ps, data, len);
  parse_document (&ps, max_depth, TRUE, &root, NULL, 0, error);
  parser_clear (&ps);
  return root;
}

gboolean
pim_json_scan_object (const char   *data,
                      gsize         len,
                      guint         max_depth,
                      PimJsonField *fields,
                      gsize         n_fields,
                      GError      **error)
{
  Parser   ps;
  gboolean ok;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (fields != NULL || n_fields == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (gsize i = 0; i < n_fields; i++)
    {
      fields[i].present = FALSE;
      fields[i].is_string = FALSE;
      fields[i].value = NULL;
    }
  parser_init (&ps, data, len);
  ok = parse_document (&ps, max_depth, FALSE, NULL, fields, n_fields, error);
  parser_clear (&ps);
  if (!ok)
    for (gsize i = 0; i < n_fields; i++)
      {
        fields[i].present = FALSE;
        fields[i].is_string = FALSE;
        g_clear_pointer (&fields[i].value, g_free);
      }
  return ok;
}

JsonObject *
pim_json_lazy_object (JsonObject **slot, const char *data, gsize len)
{
  JsonObject *object = g_atomic_pointer_get (slot);
  g_autoptr (JsonNode) node = NULL;

  if (object != NULL)
    return object;
  node = pim_json_parse_strict (data != NULL ? data : "", len, PIM_JSON_MAX_DEPTH, NULL);
  g_return_val_if_fail (node != NULL && JSON_NODE_HOLDS_OBJECT (node), NULL);
  object = json_object_ref (json_node_get_object (node));
  if (!g_atomic_pointer_compare_and_exchange (slot, NULL, object))
    {
      json_object_unref (object);
      object = g_atomic_pointer_get (slot);
    }
  return object;
}
