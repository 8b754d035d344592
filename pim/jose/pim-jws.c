/* pim-jws.c: PimJws, JWS compact serialization: parse, verify, sign
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-base64url-private.h"
#include "pim-base64url.h"
#include "pim-json-private.h"
#include "pim-jwk-private.h"
#include "pim-jwk-set-private.h"
#include "pim-jws-private.h"

/**
 * PimJws:
 *
 * A JSON Web Signature in compact serialization (RFC 7515): a protected
 * header, a payload and a signature.
 *
 * [func@Jws.parse] reads a token strictly without trusting it: three
 * base64url segments with no padding, a header that is a JSON object
 * without duplicate member names and with a string `alg`. An unsecured
 * token (`alg: none`, in any casing) and a header with `crit` extensions
 * are refused outright: Pim implements no extension.
 *
 * [method@Jws.verify] checks the signature against a key set. The caller
 * says which algorithms are allowed; the token's header never widens them.
 * A key is only used with algorithms of its type and curve, and only with
 * the one its JWK `alg` names, if it names one: an RSA public key is never
 * an HMAC secret. Every key that fits the token's `kid` and algorithm is
 * tried. RSA keys under 2048 bits are refused.
 *
 * Since: 0.1
 */

struct _PimJws
{
  GObject parent_instance;

  char       *token;
  gsize       header_len;        /* the header segment */
  gsize       signing_input_len; /* the header and payload segments, with their dot */
  PimJwsAlg   alg;
  char       *alg_name;
  char       *kid; /* or NULL */
  char       *typ; /* or NULL */
  GBytes     *payload;
  GBytes     *signature;
  JsonObject *header; /* built on first use, atomically */
};

G_DEFINE_FINAL_TYPE (PimJws, pim_jws, G_TYPE_OBJECT)

static void
pim_jws_finalize (GObject *object)
{
  PimJws *self = PIM_JWS (object);

  g_free (self->token);
  g_free (self->alg_name);
  g_free (self->kid);
  g_free (self->typ);
  g_clear_pointer (&self->header, json_object_unref);
  g_clear_pointer (&self->payload, g_bytes_unref);
  g_clear_pointer (&self->signature, g_bytes_unref);

  G_OBJECT_CLASS (pim_jws_parent_class)->finalize (object);
}

static void
pim_jws_class_init (PimJwsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pim_jws_finalize;
}

static void
pim_jws_init (PimJws *self)
{
}

static gboolean
malformed (GError **error, const char *message)
{
  g_set_error_literal (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED, message);
  return FALSE;
}

enum
{
  FIELD_ALG,
  FIELD_KID,
  FIELD_TYP,
  FIELD_CRIT,
  N_FIELDS
};

/* Reads the few header members that matter here; the header object itself
 * is only built if someone asks for it. */
static gboolean
check_header (PimJws *self, const guint8 *header, gsize header_len, GError **error)
{
  GError      *json_error = NULL;
  PimJsonField fields[N_FIELDS] = {
    [FIELD_ALG] = { "alg" },
    [FIELD_KID] = { "kid" },
    [FIELD_TYP] = { "typ" },
    [FIELD_CRIT] = { "crit" },
  };

  if (!pim_json_scan_object ((const char *) header, header_len, PIM_JSON_MAX_DEPTH, fields,
                             N_FIELDS, &json_error))
    {
      pim_jose_error_from_json (error, json_error);
      return FALSE;
    }
  self->alg_name = g_steal_pointer (&fields[FIELD_ALG].value);
  self->kid = g_steal_pointer (&fields[FIELD_KID].value);
  self->typ = g_steal_pointer (&fields[FIELD_TYP].value);
  g_free (fields[FIELD_CRIT].value);

  for (int i = FIELD_ALG; i <= FIELD_TYP; i++)
    if (fields[i].present && !fields[i].is_string)
      {
        g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_MALFORMED,
                     /* translators: %s is a header name, such as “kid” */
                     _ ("The JWS header member “%s” is not a string"), fields[i].name);
        return FALSE;
      }
  if (self->alg_name == NULL)
    return malformed (error, _ ("The JWS header has no “alg”"));
  if (g_ascii_strcasecmp (self->alg_name, "none") == 0)
    {
      g_set_error_literal (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_ALG_NONE,
                           _ ("Unsecured JWS (“alg”: “none”) is never accepted"));
      return FALSE;
    }
  self->alg = pim_jws_alg_from_name (self->alg_name);

  /* RFC 7515 §4.1.11: a recipient must refuse extensions it does not
   * understand, and Pim understands none. (A rare path: the header tree is
   * built to tell a malformed list from an unsupported one.) */
  if (fields[FIELD_CRIT].present)
    {
      JsonNode *crit = json_object_get_member (pim_jws_get_header (self), "crit");

      if (!JSON_NODE_HOLDS_ARRAY (crit) || json_array_get_length (json_node_get_array (crit)) == 0)
        return malformed (error, _ ("The JWS header member “crit” is not a list of names"));
      g_set_error_literal (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_UNSUPPORTED_CRITICAL,
                           _ ("The JWS header lists critical extensions, which are not "
                              "supported"));
      return FALSE;
    }
  return TRUE;
}

static GBytes *
decode_segment (const char *text, gsize len)
{
  guint8 *out = g_malloc (len / 4 * 3 + 3);
  gsize   out_len = 0;

  if (!pim_base64url_decode_to (text, len, out, &out_len))
    {
      g_free (out);
      return NULL;
    }
  return g_bytes_new_take (out, out_len);
}

PimJws *
pim_jws_parse_len (const char *token, gsize len, GError **error)
{
  g_autoptr (PimJws) self = NULL;
  const char        *first, *second;
  guint8             header_buf[1024];
  g_autofree guint8 *header_heap = NULL;
  guint8            *header_bytes = header_buf;
  gsize              header_len = 0;

  if (len > PIM_JWS_MAX_TOKEN_SIZE)
    {
      malformed (error, _ ("The token is too large"));
      return NULL;
    }
  first = memchr (token, '.', len);
  second = first != NULL ? memchr (first + 1, '.', len - (gsize) (first + 1 - token)) : NULL;
  if (second == NULL || memchr (second + 1, '.', len - (gsize) (second + 1 - token)) != NULL)
    {
      malformed (error, _ ("A compact JWS has exactly three segments"));
      return NULL;
    }
  if (first == token)
    {
      malformed (error, _ ("The JWS header is empty"));
      return NULL;
    }

  if ((gsize) (first - token) / 4 * 3 + 3 > sizeof header_buf)
    header_bytes = header_heap = g_malloc ((gsize) (first - token) / 4 * 3 + 3);
  if (!pim_base64url_decode_to (token, (gsize) (first - token), header_bytes, &header_len))
    {
      malformed (error, _ ("The JWS header is not valid base64url"));
      return NULL;
    }
  self = g_object_new (PIM_TYPE_JWS, NULL);
  self->token = g_strndup (token, len);
  self->header_len = (gsize) (first - token);
  if (!check_header (self, header_bytes, header_len, error))
    return NULL;

  /* After the header checks, so that an unsecured token is named as one. */
  if (second + 1 == token + len)
    {
      malformed (error, _ ("The JWS signature is empty"));
      return NULL;
    }
  self->payload = decode_segment (first + 1, (gsize) (second - first - 1));
  self->signature = decode_segment (second + 1, (gsize) (token + len - second - 1));
  if (self->payload == NULL || self->signature == NULL)
    {
      malformed (error, _ ("The JWS payload or signature is not valid base64url"));
      return NULL;
    }
  self->signing_input_len = (gsize) (second - token);
  return g_steal_pointer (&self);
}

/**
 * pim_jws_parse:
 * @token: a JWS in compact serialization
 * @error: return location for a #GError
 *
 * Parses a token without verifying it: use the result for inspection
 * only until [method@Jws.verify] succeeds.
 *
 * Possible error codes: %PIM_JOSE_ERROR_MALFORMED, %PIM_JOSE_ERROR_ALG_NONE,
 * %PIM_JOSE_ERROR_UNSUPPORTED_CRITICAL.
 *
 * Returns: (transfer full): the parsed token, or %NULL with @error set
 *
 * Since: 0.1
 */
PimJws *
pim_jws_parse (const char *token, GError **error)
{
  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pim_jws_parse_len (token, strlen (token), error);
}

PimJwsAlg
pim_jws_get_alg (PimJws *self)
{
  return self->alg;
}

/**
 * pim_jws_get_header:
 * @self: a parsed token
 *
 * Gets the protected header.
 *
 * Returns: (transfer none): the header
 *
 * Since: 0.1
 */
JsonObject *
pim_jws_get_header (PimJws *self)
{
  g_return_val_if_fail (PIM_IS_JWS (self), NULL);

  if (g_atomic_pointer_get (&self->header) == NULL)
    {
      g_autofree guint8 *bytes = g_malloc (self->header_len / 4 * 3 + 3);
      gsize              len = 0;

      if (!pim_base64url_decode_to (self->token, self->header_len, bytes, &len))
        g_return_val_if_reached (NULL);
      return pim_json_lazy_object (&self->header, (const char *) bytes, len);
    }
  return self->header;
}

/**
 * pim_jws_get_algorithm:
 * @self: a parsed token
 *
 * Gets the header's `alg`, as the token states it (untrusted).
 *
 * Returns: the algorithm name
 *
 * Since: 0.1
 */
const char *
pim_jws_get_algorithm (PimJws *self)
{
  g_return_val_if_fail (PIM_IS_JWS (self), NULL);
  return self->alg_name;
}

/**
 * pim_jws_get_key_id:
 * @self: a parsed token
 *
 * Gets the header's `kid`.
 *
 * Returns: (nullable): the key ID
 *
 * Since: 0.1
 */
const char *
pim_jws_get_key_id (PimJws *self)
{
  g_return_val_if_fail (PIM_IS_JWS (self), NULL);
  return self->kid;
}

/**
 * pim_jws_get_media_type:
 * @self: a parsed token
 *
 * Gets the header's `typ`, such as `JWT`, `at+jwt` or `dpop+jwt`.
 *
 * Returns: (nullable): the type
 *
 * Since: 0.1
 */
const char *
pim_jws_get_media_type (PimJws *self)
{
  g_return_val_if_fail (PIM_IS_JWS (self), NULL);
  return self->typ;
}

/**
 * pim_jws_get_payload:
 * @self: a parsed token
 *
 * Gets the decoded payload.
 *
 * Returns: (transfer none): the payload
 *
 * Since: 0.1
 */
GBytes *
pim_jws_get_payload (PimJws *self)
{
  g_return_val_if_fail (PIM_IS_JWS (self), NULL);
  return self->payload;
}

/* A header value of the token, made fit for a message: printable ASCII
 * and short, so that a token cannot write lines or terminal escapes into
 * a log. */
static char *
shown_value (const char *value)
{
  GString *shown = g_string_new (NULL);

  for (const char *p = value; *p != '\0' && shown->len < 64; p++)
    g_string_append_c (shown, g_ascii_isprint (*p) ? *p : '?');
  if (strlen (value) > shown->len)
    g_string_append (shown, "…");
  return g_string_free (shown, FALSE);
}

/* The token's algorithm must be implemented and among @allowed. */
static gboolean
check_allowed (PimJws *self, const char *const *allowed, GError **error)
{
  gboolean         any = FALSE;
  g_autofree char *shown = NULL;

  if (self->alg == PIM_JWS_ALG_INVALID)
    {
      shown = shown_value (self->alg_name);
      g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_UNSUPPORTED_ALG,
                   /* translators: %s is an algorithm name from a token */
                   _ ("Unsupported algorithm “%s”"), shown);
      return FALSE;
    }
  for (gsize i = 0; allowed != NULL && allowed[i] != NULL; i++)
    {
      if (pim_jws_alg_from_name (allowed[i]) == PIM_JWS_ALG_INVALID)
        {
          g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_UNSUPPORTED_ALG,
                       /* translators: %s is an algorithm name given by the program */
                       _ ("Unsupported algorithm “%s” in the allowed list"), allowed[i]);
          return FALSE;
        }
      if (strcmp (allowed[i], self->alg_name) == 0)
        any = TRUE;
    }
  if (!any)
    {
      /* Implemented, so a name of Pim's own: nothing to clean. */
      g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_ALG_NOT_ALLOWED,
                   /* translators: %s is an algorithm name from a token */
                   _ ("The algorithm “%s” is not allowed"), self->alg_name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
verify_with (PimJws *self, PimJwk *key, GError **error)
{
  gsize         signature_len = 0;
  const guint8 *signature = g_bytes_get_data (self->signature, &signature_len);

  return pim_jwk_check_algorithm (key, self->alg, FALSE, error) &&
         pim_crypto_verify (pim_jwk_get_crypto_key (key), self->alg, (const guint8 *) self->token,
                            self->signing_input_len, signature, signature_len,
                            PIM_CRYPTO_MIN_RSA_BITS, error);
}

/* How bad a failure is, for reporting the most telling one when every
 * candidate fails: a bad signature says more than a misfit key. */
static int
failure_rank (const GError *error)
{
  switch (error->code)
    {
    case PIM_JOSE_ERROR_INVALID_SIGNATURE:
      return 4;
    case PIM_JOSE_ERROR_WEAK_KEY:
      return 3;
    case PIM_JOSE_ERROR_ALG_NOT_ALLOWED:
      return 2;
    case PIM_JOSE_ERROR_KEY_TYPE_MISMATCH:
      return 1;
    default:
      return 0;
    }
}

/**
 * pim_jws_verify:
 * @self: a parsed token
 * @keys: the keys to verify with, such as a provider's JWK Set
 * @allowed_algs: (array zero-terminated=1): the algorithms the caller
 *   accepts, such as `{ "RS256", "ES256", NULL }`
 * @error: return location for a #GError
 *
 * Verifies the signature. The token's algorithm must be in @allowed_algs.
 * The candidates are the keys with the token's `kid` (every key if the
 * token has none); each one whose type, curve, `alg` and `use` fit the
 * algorithm is tried until one verifies.
 *
 * Possible error codes: %PIM_JOSE_ERROR_UNSUPPORTED_ALG,
 * %PIM_JOSE_ERROR_ALG_NOT_ALLOWED, %PIM_JOSE_ERROR_KEY_NOT_FOUND (no key
 * with the `kid`, or none for signatures), %PIM_JOSE_ERROR_KEY_TYPE_MISMATCH
 * (keys with the `kid` exist but none of the algorithm's type),
 * %PIM_JOSE_ERROR_WEAK_KEY, %PIM_JOSE_ERROR_INVALID_SIGNATURE.
 *
 * Returns: (transfer full): the key that verified the signature, or %NULL
 *   with @error set
 *
 * Since: 0.1
 */
PimJwk *
pim_jws_verify (PimJws *self, PimJwkSet *keys, const char *const *allowed_algs, GError **error)
{
  GPtrArray *all;
  g_autoptr (GError) best = NULL;

  g_return_val_if_fail (PIM_IS_JWS (self), NULL);
  g_return_val_if_fail (PIM_IS_JWK_SET (keys), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_allowed (self, allowed_algs, error))
    return NULL;

  all = pim_jwk_set_get_keys_internal (keys);
  for (guint i = 0; i < all->len; i++)
    {
      PimJwk *key = all->pdata[i];
      g_autoptr (GError) local_error = NULL;

      if (self->kid != NULL && g_strcmp0 (pim_jwk_get_key_id (key), self->kid) != 0)
        continue;
      if (verify_with (self, key, &local_error))
        return g_object_ref (key);
      if (best == NULL || failure_rank (local_error) > failure_rank (best))
        {
          g_clear_error (&best);
          best = g_steal_pointer (&local_error);
        }
    }

  if (best == NULL)
    {
      g_autofree char *shown = self->kid != NULL ? shown_value (self->kid) : NULL;

      if (self->kid != NULL)
        g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_NOT_FOUND,
                     /* translators: %s is a key ID from a token */
                     _ ("No key with the ID “%s”"), shown);
      else
        g_set_error_literal (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_KEY_NOT_FOUND,
                             _ ("The key set is empty"));
      return NULL;
    }
  g_propagate_error (error, g_steal_pointer (&best));
  return NULL;
}

/**
 * pim_jws_verify_with_key:
 * @self: a parsed token
 * @key: the key to verify with
 * @allowed_algs: (array zero-terminated=1): the algorithms the caller
 *   accepts
 * @error: return location for a #GError
 *
 * Verifies the signature with one key, as [method@Jws.verify] does,
 * whatever the token's `kid`.
 *
 * Returns: whether the signature verified
 *
 * Since: 0.1
 */
gboolean
pim_jws_verify_with_key (PimJws *self, PimJwk *key, const char *const *allowed_algs, GError **error)
{
  g_return_val_if_fail (PIM_IS_JWS (self), FALSE);
  g_return_val_if_fail (PIM_IS_JWK (key), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_allowed (self, allowed_algs, error) && verify_with (self, key, error);
}

char *
pim_jws_sign_encoded (const char *payload_b64,
                      gsize       payload_b64_len,
                      PimJwk     *key,
                      const char *alg,
                      JsonObject *header,
                      GError    **error)
{
  g_autoptr (JsonObject) full = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (GBytes) signature = NULL;
  g_autofree char *header_json = NULL;
  g_autofree char *input = NULL;
  PimJwsAlg        parsed;
  GString         *token;
  gsize            header_len, input_len;

  if (alg == NULL)
    alg = pim_jwk_get_algorithm (key);
  parsed = pim_jws_alg_from_name (alg);
  if (parsed == PIM_JWS_ALG_INVALID)
    {
      g_set_error (error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_UNSUPPORTED_ALG,
                   _ ("Unsupported algorithm “%s”"), alg != NULL ? alg : "(none)");
      return NULL;
    }
  if (!pim_jwk_check_algorithm (key, parsed, TRUE, error))
    return NULL;

  json_object_set_string_member (full, "alg", alg);
  if (pim_jwk_get_key_id (key) != NULL &&
      (header == NULL || !json_object_has_member (header, "kid")))
    json_object_set_string_member (full, "kid", pim_jwk_get_key_id (key));
  if (header != NULL)
    {
      JsonObjectIter iter;
      const char    *name;
      JsonNode      *member;

      json_object_iter_init_ordered (&iter, header);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        if (strcmp (name, "alg") != 0)
          json_object_set_member (full, name, json_node_copy (member));
    }
  json_node_set_object (node, full);
  header_json = pim_json_to_string (node);
  header_len = strlen (header_json);

  input_len = pim_base64url_encoded_length (header_len) + 1 + payload_b64_len;
  input = g_malloc (input_len + 1);
  pim_base64url_encode_to ((const guint8 *) header_json, header_len, input);
  input[pim_base64url_encoded_length (header_len)] = '.';
  memcpy (input + pim_base64url_encoded_length (header_len) + 1, payload_b64, payload_b64_len);
  input[input_len] = '\0';

  signature = pim_crypto_sign (pim_jwk_get_crypto_key (key), parsed, (const guint8 *) input,
                               input_len, error);
  if (signature == NULL)
    return NULL;

  token = g_string_new_len (input, (gssize) input_len);
  g_string_append_c (token, '.');
  {
    gsize         signature_len = 0;
    const guint8 *data = g_bytes_get_data (signature, &signature_len);
    gsize         encoded_len = pim_base64url_encoded_length (signature_len);
    gsize         at = token->len;

    g_string_set_size (token, at + encoded_len);
    pim_base64url_encode_to (data, signature_len, token->str + at);
  }
  return g_string_free (token, FALSE);
}

/**
 * pim_jws_sign:
 * @payload: the payload
 * @key: a private key (or `oct` secret)
 * @alg: (nullable): the algorithm, or %NULL for the key's own `alg`
 * @header: (nullable): more header members, such as `typ`
 * @error: return location for a #GError
 *
 * Signs @payload into a compact JWS. The header is `alg`, the key's `kid`
 * (unless @header sets one) and the members of @header.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 *
 * Since: 0.1
 */
char *
pim_jws_sign (GBytes *payload, PimJwk *key, const char *alg, JsonObject *header, GError **error)
{
  gsize            len = 0;
  const guint8    *data;
  g_autofree char *encoded = NULL;

  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (PIM_IS_JWK (key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (payload, &len);
  encoded = g_malloc (pim_base64url_encoded_length (len) + 1);
  pim_base64url_encode_to (data, len, encoded);
  return pim_jws_sign_encoded (encoded, pim_base64url_encoded_length (len), key, alg, header,
                               error);
}
