/* pim-dpop-proof-validator.c: PimDPoPProofValidator, a resource server's
 * checks of DPoP proofs (RFC 9449 §4.3, §7.1, §8, §9, §11.1)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-base64url-private.h"
#include "pim-base64url.h"
#include "pim-crypto-private.h"
#include "pim-dpop-error.h"
#include "pim-dpop-proof-private.h"
#include "pim-dpop-proof-validator-private.h"
#include "pim-jwk-private.h"
#include "pim-jws.h"
#include "pim-jwt.h"

/**
 * PimDPoPProofValidator:
 *
 * Validates the DPoP proofs (RFC 9449) that clients send to a resource
 * server in the `DPoP` header, and remembers them to refuse replays.
 *
 * [method@DPoPProofValidator.validate] checks, in this order: that the
 * proof is a signed JWT of `typ` `dpop+jwt`; that its header carries a
 * public `jwk` (never private members, never an `oct` secret), that its
 * `alg` is among [property@DPoPProofValidator:allowed-algs] (asymmetric
 * only: `none` and `HS*` are never allowed) and that the embedded key
 * verifies the signature; that `jti`, `htm`, `htu` and `iat` are present;
 * that `htm` is the request's method and `htu` the request's URI
 * (RFC 9449 §4.3: scheme, authority and path after RFC 3986 §6.2.2–6.2.3
 * normalization, query and fragment ignored); that `iat` lies in the
 * acceptance window ([property@DPoPProofValidator:max-age] in the past,
 * [property@DPoPProofValidator:clock-skew] in the future; RFC 9449 §11.1);
 * the server nonce if [property@DPoPProofValidator:require-nonce] is set
 * (§8, §9); `ath`, the hash of the access token, when the caller passes
 * the token (§7.1); and last that no proof with the same key and `jti` was
 * accepted within the window (§11.1). Only a proof that passes everything
 * enters the replay cache.
 *
 * The replay cache holds at most
 * [property@DPoPProofValidator:replay-cache-size] entries, a fixed-size
 * digest of the key thumbprint and `jti` each (not the strings, so that a
 * long `jti` costs nothing). An entry leaves the cache once its proof's
 * `iat` has left the window, when no replay of it could be accepted any
 * more. When the cache is full of live entries, the entry with the oldest
 * `iat` is dropped and the validator stops accepting any proof issued at
 * or before that time (%PIM_DPOP_ERROR_IAT_OUT_OF_WINDOW): the window
 * shrinks under a flood instead of letting a replay through.
 *
 * Validation is pure (no network), so there is no asynchronous form. A
 * validator may be used from many threads at once: the replay cache and
 * the settings are guarded by a lock. One validator per resource server
 * (or per set of URIs sharing the replay cache) is the intended use.
 *
 * What the caller does with the proof afterwards: check that the access
 * token is bound to its key ([method@DPoPProof.check_binding]). A failed
 * validation is answered with `401` and `WWW-Authenticate: DPoP
 * error="invalid_dpop_proof"`, or `error="use_dpop_nonce"` with a
 * `DPoP-Nonce` header for %PIM_DPOP_ERROR_NONCE_REQUIRED and
 * %PIM_DPOP_ERROR_NONCE_MISMATCH.
 *
 * Since: 0.1
 */

#define DEFAULT_MAX_AGE           60
#define DEFAULT_CLOCK_SKEW        5
#define DEFAULT_REPLAY_CACHE_SIZE 10000
#define DEFAULT_NONCE_LIFETIME    300
/* A DPoP proof is a JWS with a public key in the header: an RSA 4096 key
 * and signature come to under 3 KiB. */
#define MAX_PROOF_SIZE (16 * 1024)

#define NONCE_TIME_LEN   8
#define NONCE_RANDOM_LEN 8
#define NONCE_MAC_LEN    32
#define NONCE_LEN        (NONCE_TIME_LEN + NONCE_RANDOM_LEN + NONCE_MAC_LEN)

static const char *const default_algs[] = {
  "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256", "RS384", "RS512", "EdDSA", NULL,
};

typedef struct
{
  guint8         digest[32]; /* SHA-256 (salt ‖ jkt ‖ NUL ‖ jti) */
  gint64         iat;
  guint64        serial;
  GSequenceIter *iter;
} ReplayEntry;

struct _PimDPoPProofValidator
{
  GObject parent_instance;

  GMutex   lock;
  GStrv    allowed_algs;
  guint    max_age;
  guint    clock_skew;
  guint    replay_cache_size;
  gboolean require_nonce;
  guint    nonce_lifetime;
  gint64   now; /* test hook; 0: the real clock */

  /* The replay cache: digests → entries, and the entries by (iat, serial). */
  guint8      salt[16];
  GHashTable *replay_index;
  GSequence  *replay_order;
  guint64     serial;
  gint64      floor; /* proofs with iat ≤ this are refused; G_MININT64 at first */

  PimJwk *nonce_secret; /* HS256 */
};

G_DEFINE_FINAL_TYPE (PimDPoPProofValidator, pim_dpop_proof_validator, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ALLOWED_ALGS,
  PROP_MAX_AGE,
  PROP_CLOCK_SKEW,
  PROP_REPLAY_CACHE_SIZE,
  PROP_REQUIRE_NONCE,
  PROP_NONCE_LIFETIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
digest_hash (gconstpointer key)
{
  guint hash;

  memcpy (&hash, key, sizeof hash);
  return hash;
}

static gboolean
digest_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, 32) == 0;
}

static gint
entry_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const ReplayEntry *x = a, *y = b;

  if (x->iat != y->iat)
    return x->iat < y->iat ? -1 : 1;
  if (x->serial != y->serial)
    return x->serial < y->serial ? -1 : 1;
  return 0;
}

static void
pim_dpop_proof_validator_finalize (GObject *object)
{
  PimDPoPProofValidator *self = PIM_DPOP_PROOF_VALIDATOR (object);

  g_strfreev (self->allowed_algs);
  g_hash_table_unref (self->replay_index);
  g_sequence_free (self->replay_order);
  g_clear_object (&self->nonce_secret);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pim_dpop_proof_validator_parent_class)->finalize (object);
}

static void
pim_dpop_proof_validator_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  PimDPoPProofValidator *self = PIM_DPOP_PROOF_VALIDATOR (object);
  G_GNUC_UNUSED          g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  switch (prop_id)
    {
    case PROP_ALLOWED_ALGS:
      g_value_set_boxed (value, self->allowed_algs);
      break;
    case PROP_MAX_AGE:
      g_value_set_uint (value, self->max_age);
      break;
    case PROP_CLOCK_SKEW:
      g_value_set_uint (value, self->clock_skew);
      break;
    case PROP_REPLAY_CACHE_SIZE:
      g_value_set_uint (value, self->replay_cache_size);
      break;
    case PROP_REQUIRE_NONCE:
      g_value_set_boolean (value, self->require_nonce);
      break;
    case PROP_NONCE_LIFETIME:
      g_value_set_uint (value, self->nonce_lifetime);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_dpop_proof_validator_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  PimDPoPProofValidator *self = PIM_DPOP_PROOF_VALIDATOR (object);

  switch (prop_id)
    {
    case PROP_ALLOWED_ALGS:
      pim_dpop_proof_validator_set_allowed_algs (self, g_value_get_boxed (value));
      break;
    case PROP_MAX_AGE:
      pim_dpop_proof_validator_set_max_age (self, g_value_get_uint (value));
      break;
    case PROP_CLOCK_SKEW:
      pim_dpop_proof_validator_set_clock_skew (self, g_value_get_uint (value));
      break;
    case PROP_REPLAY_CACHE_SIZE:
      pim_dpop_proof_validator_set_replay_cache_size (self, g_value_get_uint (value));
      break;
    case PROP_REQUIRE_NONCE:
      pim_dpop_proof_validator_set_require_nonce (self, g_value_get_boolean (value));
      break;
    case PROP_NONCE_LIFETIME:
      pim_dpop_proof_validator_set_nonce_lifetime (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_dpop_proof_validator_class_init (PimDPoPProofValidatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_dpop_proof_validator_finalize;
  object_class->get_property = pim_dpop_proof_validator_get_property;
  object_class->set_property = pim_dpop_proof_validator_set_property;

  /**
   * PimDPoPProofValidator:allowed-algs: (type GStrv)
   *
   * The signature algorithms accepted for proofs. The default is every
   * asymmetric algorithm Pim implements: `ES256`, `ES384`, `ES512`,
   * `PS256`, `PS384`, `PS512`, `RS256`, `RS384`, `RS512` and `EdDSA`.
   * Setting %NULL restores it. A list naming `none`, an `HS*` algorithm
   * (a DPoP key is a public key: RFC 9449 §4.2) or an algorithm Pim does
   * not implement is refused with a critical warning, and the setting is
   * left as it was.
   *
   * Since: 0.1
   */
  properties[PROP_ALLOWED_ALGS] =
      g_param_spec_boxed ("allowed-algs", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * PimDPoPProofValidator:max-age:
   *
   * How old a proof's `iat` may be, in seconds, and how long a replay of
   * it is watched for. RFC 9449 §11.1 leaves the window to the server
   * ("a few seconds" to "a few minutes"); the default is 60.
   *
   * Since: 0.1
   */
  properties[PROP_MAX_AGE] =
      g_param_spec_uint ("max-age", NULL, NULL, 1, 24 * 3600, DEFAULT_MAX_AGE, flags);

  /**
   * PimDPoPProofValidator:clock-skew:
   *
   * How far ahead of the validator's clock a proof's `iat` may be, in
   * seconds, for clients whose clock runs fast. The default is 5.
   *
   * Since: 0.1
   */
  properties[PROP_CLOCK_SKEW] =
      g_param_spec_uint ("clock-skew", NULL, NULL, 0, 3600, DEFAULT_CLOCK_SKEW, flags);

  /**
   * PimDPoPProofValidator:replay-cache-size:
   *
   * How many accepted proofs the replay cache holds at most (48 bytes and
   * some bookkeeping each). The default is 10000. Shrinking it drops the
   * entries with the oldest `iat` as a full cache does.
   *
   * Since: 0.1
   */
  properties[PROP_REPLAY_CACHE_SIZE] =
      g_param_spec_uint ("replay-cache-size", NULL, NULL, 1, 10000000, DEFAULT_REPLAY_CACHE_SIZE,
                         flags);

  /**
   * PimDPoPProofValidator:require-nonce:
   *
   * Whether proofs must carry a nonce from
   * [method@DPoPProofValidator.issue_nonce] (RFC 9449 §9). Without it, a
   * proof's `nonce` is not checked (it may be one of the authorization
   * server's) but is reported in [property@DPoPProof:nonce].
   *
   * Since: 0.1
   */
  properties[PROP_REQUIRE_NONCE] = g_param_spec_boolean ("require-nonce", NULL, NULL, FALSE, flags);

  /**
   * PimDPoPProofValidator:nonce-lifetime:
   *
   * How long a nonce from [method@DPoPProofValidator.issue_nonce] is
   * accepted, in seconds. The default is 300.
   *
   * Since: 0.1
   */
  properties[PROP_NONCE_LIFETIME] =
      g_param_spec_uint ("nonce-lifetime", NULL, NULL, 1, 24 * 3600, DEFAULT_NONCE_LIFETIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_dpop_proof_validator_init (PimDPoPProofValidator *self)
{
  g_autoptr (GError) error = NULL;

  g_mutex_init (&self->lock);
  self->allowed_algs = g_strdupv ((char **) default_algs);
  self->max_age = DEFAULT_MAX_AGE;
  self->clock_skew = DEFAULT_CLOCK_SKEW;
  self->replay_cache_size = DEFAULT_REPLAY_CACHE_SIZE;
  self->nonce_lifetime = DEFAULT_NONCE_LIFETIME;
  self->replay_index = g_hash_table_new (digest_hash, digest_equal);
  self->replay_order = g_sequence_new (g_free);
  self->floor = G_MININT64;

  /* The CSPRNG failing is not something to go on without. */
  if (!pim_crypto_random_bytes (self->salt, sizeof self->salt, &error))
    g_error ("Cannot get random bytes: %s", error->message);
  self->nonce_secret = pim_jwk_generate ("HS256", &error);
  if (self->nonce_secret == NULL)
    g_error ("Cannot make the nonce key: %s", error->message);
}

/**
 * pim_dpop_proof_validator_new:
 *
 * Creates a validator with the default settings: every asymmetric
 * algorithm, a 60 s window with 5 s of clock skew, a replay cache of 10000
 * proofs, and no nonce required.
 *
 * Returns: (transfer full): a new validator
 *
 * Since: 0.1
 */
PimDPoPProofValidator *
pim_dpop_proof_validator_new (void)
{
  return g_object_new (PIM_TYPE_DPOP_PROOF_VALIDATOR, NULL);
}

/* ---- Settings ---- */

/**
 * pim_dpop_proof_validator_get_allowed_algs:
 * @self: a validator
 *
 * Gets [property@DPoPProofValidator:allowed-algs]. Not to be called while
 * another thread changes the setting.
 *
 * Returns: (transfer none) (array zero-terminated=1): the algorithms
 *
 * Since: 0.1
 */
const char *const *
pim_dpop_proof_validator_get_allowed_algs (PimDPoPProofValidator *self)
{
  g_return_val_if_fail (PIM_IS_DPOP_PROOF_VALIDATOR (self), NULL);
  return (const char *const *) self->allowed_algs;
}

/**
 * pim_dpop_proof_validator_set_allowed_algs:
 * @self: a validator
 * @algs: (nullable) (array zero-terminated=1): the algorithms, or %NULL
 *   for the default
 *
 * Sets [property@DPoPProofValidator:allowed-algs].
 *
 * Since: 0.1
 */
void
pim_dpop_proof_validator_set_allowed_algs (PimDPoPProofValidator *self, const char *const *algs)
{
  g_return_if_fail (PIM_IS_DPOP_PROOF_VALIDATOR (self));

  if (algs == NULL)
    algs = default_algs;
  for (gsize i = 0; algs[i] != NULL; i++)
    {
      PimJwsAlg alg = pim_jws_alg_from_name (algs[i]);

      if (alg == PIM_JWS_ALG_INVALID || pim_jws_alg_get_key_type (alg) == PIM_KEY_TYPE_OCT)
        {
          g_critical ("“%s” is not an asymmetric JWS algorithm: not allowed for DPoP proofs",
                      algs[i]);
          return;
        }
    }
  g_mutex_lock (&self->lock);
  g_strfreev (self->allowed_algs);
  self->allowed_algs = g_strdupv ((char **) algs);
  g_mutex_unlock (&self->lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOWED_ALGS]);
}

static guint
clamp_uint (guint value, guint min, guint max)
{
  return value < min ? min : value > max ? max : value;
}

#define UINT_SETTING(name, field, prop, min, max)                                     \
  guint pim_dpop_proof_validator_get_##name (PimDPoPProofValidator *self)             \
  {                                                                                   \
    guint value;                                                                      \
                                                                                      \
    g_return_val_if_fail (PIM_IS_DPOP_PROOF_VALIDATOR (self), 0);                     \
    g_mutex_lock (&self->lock);                                                       \
    value = self->field;                                                              \
    g_mutex_unlock (&self->lock);                                                     \
    return value;                                                                     \
  }                                                                                   \
  void pim_dpop_proof_validator_set_##name (PimDPoPProofValidator *self, guint value) \
  {                                                                                   \
    gboolean changed;                                                                 \
                                                                                      \
    g_return_if_fail (PIM_IS_DPOP_PROOF_VALIDATOR (self));                            \
    value = clamp_uint (value, min, max);                                             \
    g_mutex_lock (&self->lock);                                                       \
    changed = self->field != value;                                                   \
    self->field = value;                                                              \
    after_##name (self);                                                              \
    g_mutex_unlock (&self->lock);                                                     \
    if (changed)                                                                      \
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);                   \
  }

static void trim_replay_cache (PimDPoPProofValidator *self);

#define after_max_age(self)           ((void) (self))
#define after_clock_skew(self)        ((void) (self))
#define after_nonce_lifetime(self)    ((void) (self))
#define after_replay_cache_size(self) trim_replay_cache (self)

/**
 * pim_dpop_proof_validator_get_max_age:
 * @self: a validator
 *
 * Gets [property@DPoPProofValidator:max-age].
 *
 * Returns: the window, in seconds
 *
 * Since: 0.1
 */
/**
 * pim_dpop_proof_validator_set_max_age:
 * @self: a validator
 * @seconds: the window, in seconds (1 to 86400)
 *
 * Sets [property@DPoPProofValidator:max-age].
 *
 * Since: 0.1
 */
UINT_SETTING (max_age, max_age, PROP_MAX_AGE, 1, 24 * 3600)

/**
 * pim_dpop_proof_validator_get_clock_skew:
 * @self: a validator
 *
 * Gets [property@DPoPProofValidator:clock-skew].
 *
 * Returns: the skew, in seconds
 *
 * Since: 0.1
 */
/**
 * pim_dpop_proof_validator_set_clock_skew:
 * @self: a validator
 * @seconds: the skew, in seconds (at most 3600)
 *
 * Sets [property@DPoPProofValidator:clock-skew].
 *
 * Since: 0.1
 */
UINT_SETTING (clock_skew, clock_skew, PROP_CLOCK_SKEW, 0, 3600)

/**
 * pim_dpop_proof_validator_get_replay_cache_size:
 * @self: a validator
 *
 * Gets [property@DPoPProofValidator:replay-cache-size].
 *
 * Returns: the number of entries
 *
 * Since: 0.1
 */
/**
 * pim_dpop_proof_validator_set_replay_cache_size:
 * @self: a validator
 * @size: the number of entries (1 to 10000000)
 *
 * Sets [property@DPoPProofValidator:replay-cache-size].
 *
 * Since: 0.1
 */
UINT_SETTING (replay_cache_size, replay_cache_size, PROP_REPLAY_CACHE_SIZE, 1, 10000000)

/**
 * pim_dpop_proof_validator_get_nonce_lifetime:
 * @self: a validator
 *
 * Gets [property@DPoPProofValidator:nonce-lifetime].
 *
 * Returns: the lifetime, in seconds
 *
 * Since: 0.1
 */
/**
 * pim_dpop_proof_validator_set_nonce_lifetime:
 * @self: a validator
 * @seconds: the lifetime, in seconds (1 to 86400)
 *
 * Sets [property@DPoPProofValidator:nonce-lifetime].
 *
 * Since: 0.1
 */
UINT_SETTING (nonce_lifetime, nonce_lifetime, PROP_NONCE_LIFETIME, 1, 24 * 3600)

/**
 * pim_dpop_proof_validator_get_require_nonce:
 * @self: a validator
 *
 * Gets [property@DPoPProofValidator:require-nonce].
 *
 * Returns: whether a server nonce is required
 *
 * Since: 0.1
 */
gboolean
pim_dpop_proof_validator_get_require_nonce (PimDPoPProofValidator *self)
{
  gboolean value;

  g_return_val_if_fail (PIM_IS_DPOP_PROOF_VALIDATOR (self), FALSE);
  g_mutex_lock (&self->lock);
  value = self->require_nonce;
  g_mutex_unlock (&self->lock);
  return value;
}

/**
 * pim_dpop_proof_validator_set_require_nonce:
 * @self: a validator
 * @require_nonce: whether to require a server nonce
 *
 * Sets [property@DPoPProofValidator:require-nonce].
 *
 * Since: 0.1
 */
void
pim_dpop_proof_validator_set_require_nonce (PimDPoPProofValidator *self, gboolean require_nonce)
{
  gboolean changed;

  g_return_if_fail (PIM_IS_DPOP_PROOF_VALIDATOR (self));
  g_mutex_lock (&self->lock);
  changed = self->require_nonce != !!require_nonce;
  self->require_nonce = !!require_nonce;
  g_mutex_unlock (&self->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUIRE_NONCE]);
}

void
pim_dpop_proof_validator_set_now (PimDPoPProofValidator *self, gint64 now)
{
  g_mutex_lock (&self->lock);
  self->now = now;
  g_mutex_unlock (&self->lock);
}

/* Called with the lock held. */
static gint64
get_now (PimDPoPProofValidator *self)
{
  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- The replay cache (called with the lock held) ---- */

static void
remove_entry (PimDPoPProofValidator *self, GSequenceIter *iter)
{
  ReplayEntry *entry = g_sequence_get (iter);

  g_hash_table_remove (self->replay_index, entry->digest);
  g_sequence_remove (iter); /* frees the entry */
}

/* Drops the entries no replay of which could be accepted any more, and
 * the oldest ones beyond the size, raising the floor past them. */
static void
trim_replay_cache (PimDPoPProofValidator *self)
{
  gint64 oldest_acceptable = get_now (self) - (gint64) self->max_age;

  while (g_sequence_get_length (self->replay_order) > 0)
    {
      GSequenceIter *first = g_sequence_get_begin_iter (self->replay_order);
      ReplayEntry   *entry = g_sequence_get (first);

      if (entry->iat >= oldest_acceptable &&
          (guint) g_sequence_get_length (self->replay_order) <= self->replay_cache_size)
        break;
      if (entry->iat >= oldest_acceptable)
        self->floor = MAX (self->floor, entry->iat);
      remove_entry (self, first);
    }
}

guint
pim_dpop_proof_validator_get_replay_cache_length (PimDPoPProofValidator *self)
{
  guint length;

  g_mutex_lock (&self->lock);
  length = g_hash_table_size (self->replay_index);
  g_mutex_unlock (&self->lock);
  return length;
}

/* ---- Nonces ---- */

static void
put_be64 (guint8 *out, gint64 value)
{
  guint64 v = (guint64) value;

  for (int i = 7; i >= 0; i--, v >>= 8)
    out[i] = (guint8) (v & 0xff);
}

static gint64
get_be64 (const guint8 *in)
{
  guint64 v = 0;

  for (int i = 0; i < 8; i++)
    v = (v << 8) | in[i];
  return (gint64) v;
}

static gboolean
nonce_mac (PimDPoPProofValidator *self, const guint8 *data, guint8 *mac)
{
  g_autoptr (GBytes) signature = NULL;

  signature = pim_crypto_sign (pim_jwk_get_crypto_key (self->nonce_secret), PIM_JWS_ALG_HS256, data,
                               NONCE_TIME_LEN + NONCE_RANDOM_LEN, NULL);
  if (signature == NULL || g_bytes_get_size (signature) != NONCE_MAC_LEN)
    return FALSE;
  memcpy (mac, g_bytes_get_data (signature, NULL), NONCE_MAC_LEN);
  return TRUE;
}

/**
 * pim_dpop_proof_validator_issue_nonce:
 * @self: a validator
 *
 * Makes a fresh server nonce (RFC 9449 §9) for the `DPoP-Nonce` header of
 * a response, which this validator accepts in proofs for
 * [property@DPoPProofValidator:nonce-lifetime] seconds. Nonces are
 * stateless (an issue time, random bytes and an HMAC under a key the
 * validator made at random), so issuing them costs no memory; they are
 * only valid for the validator that issued them.
 *
 * Returns: (transfer full): the nonce, base64url
 *
 * Since: 0.1
 */
char *
pim_dpop_proof_validator_issue_nonce (PimDPoPProofValidator *self)
{
  guint8 nonce[NONCE_LEN];

  g_return_val_if_fail (PIM_IS_DPOP_PROOF_VALIDATOR (self), NULL);

  g_mutex_lock (&self->lock);
  put_be64 (nonce, get_now (self));
  g_mutex_unlock (&self->lock);
  if (!pim_crypto_random_bytes (nonce + NONCE_TIME_LEN, NONCE_RANDOM_LEN, NULL) ||
      !nonce_mac (self, nonce, nonce + NONCE_TIME_LEN + NONCE_RANDOM_LEN))
    g_error ("Cannot make a DPoP nonce");
  return pim_base64url_encode (nonce, sizeof nonce);
}

static gboolean
check_nonce (PimDPoPProofValidator *self, const char *text, gint64 now, guint lifetime)
{
  guint8 nonce[NONCE_LEN + 3];
  guint8 mac[NONCE_MAC_LEN];
  gsize  len = strlen (text), out_len = 0;
  gint64 issued;

  if (len != pim_base64url_encoded_length (NONCE_LEN) ||
      !pim_base64url_decode_to (text, len, nonce, &out_len) || out_len != NONCE_LEN ||
      !nonce_mac (self, nonce, mac) ||
      !pim_crypto_equal (mac, nonce + NONCE_TIME_LEN + NONCE_RANDOM_LEN, NONCE_MAC_LEN))
    return FALSE;
  issued = get_be64 (nonce);
  return issued <= now && now - issued <= (gint64) lifetime;
}

/* ---- htu ---- */

static gboolean
is_default_port (const char *scheme, int port)
{
  return (strcmp (scheme, "https") == 0 && port == 443) ||
         (strcmp (scheme, "http") == 0 && port == 80);
}

char *
pim_dpop_htu_of_uri (GUri *parsed)
{
  g_autofree char *host = NULL;
  const char      *scheme = g_uri_get_scheme (parsed);
  const char      *path = g_uri_get_path (parsed);
  int              port = g_uri_get_port (parsed);
  GString         *out;

  if (strcmp (scheme, "https") != 0 && strcmp (scheme, "http") != 0)
    return NULL;
  if (g_uri_get_host (parsed) == NULL || g_uri_get_host (parsed)[0] == '\0')
    return NULL;
  host = g_ascii_strdown (g_uri_get_host (parsed), -1);

  out = g_string_new (scheme);
  g_string_append (out, "://");
  if (strchr (host, ':') != NULL)
    g_string_append_printf (out, "[%s]", host);
  else
    g_string_append (out, host);
  if (port != -1 && !is_default_port (scheme, port))
    g_string_append_printf (out, ":%d", port);
  g_string_append (out, path[0] != '\0' ? path : "/");
  return g_string_free (out, FALSE);
}

char *
pim_dpop_normalize_htu (const char *uri)
{
  g_autoptr (GUri) parsed = NULL;

  /* ENCODED keeps reserved percent-encodings as they are; SCHEME_NORMALIZE
   * fills in the default port and an empty path; GUri itself lower-cases
   * the scheme, decodes unreserved characters, upper-cases the hex digits
   * of the rest, and removes dot segments. */
  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (parsed == NULL || g_uri_get_userinfo (parsed) != NULL)
    return NULL;
  return pim_dpop_htu_of_uri (parsed);
}

/* ---- Validation ---- */

static PimDPoPProof *
refuse (GError **error, PimDPoPError code, const char *message)
{
  g_set_error_literal (error, PIM_DPOP_ERROR, code, message);
  return NULL;
}

/* A string claim, or NULL; *@wrong_type set when present but not one. */
static const char *
string_claim (JsonObject *claims, const char *name, gboolean *wrong_type)
{
  JsonNode *node = json_object_get_member (claims, name);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *wrong_type = TRUE;
      return NULL;
    }
  return json_node_get_string (node);
}

static gboolean
is_dpop_type (const char *typ)
{
  /* RFC 7515 §4.1.9: compared case-insensitively, "application/" optional. */
  if (typ == NULL)
    return FALSE;
  if (g_ascii_strncasecmp (typ, "application/", 12) == 0)
    typ += 12;
  return g_ascii_strcasecmp (typ, "dpop+jwt") == 0;
}

static gboolean
strv_has (char **strv, const char *value)
{
  for (gsize i = 0; strv != NULL && strv[i] != NULL; i++)
    if (strcmp (strv[i], value) == 0)
      return TRUE;
  return FALSE;
}

static void
replay_digest (PimDPoPProofValidator *self, const char *jkt, const char *jti, guint8 *digest)
{
  gsize              jkt_len = strlen (jkt), jti_len = strlen (jti);
  g_autofree guint8 *input = g_malloc (sizeof self->salt + jkt_len + 1 + jti_len);

  memcpy (input, self->salt, sizeof self->salt);
  memcpy (input + sizeof self->salt, jkt, jkt_len + 1);
  memcpy (input + sizeof self->salt + jkt_len + 1, jti, jti_len);
  pim_crypto_digest (PIM_DIGEST_SHA256, input, sizeof self->salt + jkt_len + 1 + jti_len, digest);
}

/**
 * pim_dpop_proof_validator_validate:
 * @self: a validator
 * @proof: the value of the request's `DPoP` header
 * @htm: the request's method, such as `GET`
 * @htu: the request's absolute URI, such as
 *   `https://api.example/resource?x=1` (the query is ignored)
 * @access_token: (nullable): the access token the request presented
 *   (`Authorization: DPoP <token>`), to check the proof's `ath`; %NULL for
 *   a request without one
 * @error: return location for a #GError
 *
 * Validates a DPoP proof for a request, as described for
 * [class@DPoPProofValidator], and records it against replays. A proof is
 * accepted once: validating the same proof again fails with
 * %PIM_DPOP_ERROR_REPLAYED.
 *
 * Thread-safe, and pure (no network): there is no asynchronous form.
 *
 * Possible error codes: %PIM_DPOP_ERROR_INVALID_ARGUMENT (@htm empty or
 * @htu not an absolute `http`/`https` URI), %PIM_DPOP_ERROR_INVALID_PROOF,
 * %PIM_DPOP_ERROR_HTM_MISMATCH, %PIM_DPOP_ERROR_HTU_MISMATCH,
 * %PIM_DPOP_ERROR_IAT_OUT_OF_WINDOW, %PIM_DPOP_ERROR_NONCE_REQUIRED,
 * %PIM_DPOP_ERROR_NONCE_MISMATCH, %PIM_DPOP_ERROR_ATH_MISMATCH,
 * %PIM_DPOP_ERROR_REPLAYED.
 *
 * Returns: (transfer full): the proof's key and claims, or %NULL with
 *   @error set
 *
 * Since: 0.1
 */
PimDPoPProof *
pim_dpop_proof_validator_validate (PimDPoPProofValidator *self,
                                   const char            *proof,
                                   const char            *htm,
                                   const char            *htu,
                                   const char            *access_token,
                                   GError               **error)
{
  g_autofree char *want_htu = NULL;
  g_autofree char *got_htu = NULL;
  g_auto (GStrv) allowed = NULL;
  g_autoptr (PimJwt) jwt = NULL;
  g_autoptr (PimJwk) key = NULL;
  g_autoptr (GError) local_error = NULL;
  PimJws     *jws;
  JsonObject *header, *claims;
  JsonNode   *jwk_node, *iat_node;
  const char *jti, *claim_htm, *claim_htu, *nonce, *ath;
  gboolean    wrong_type = FALSE;
  gint64      now, iat;
  guint       max_age, clock_skew, nonce_lifetime;
  gboolean    require_nonce;
  guint8      digest[32];

  g_return_val_if_fail (PIM_IS_DPOP_PROOF_VALIDATOR (self), NULL);
  g_return_val_if_fail (proof != NULL, NULL);
  g_return_val_if_fail (htm != NULL, NULL);
  g_return_val_if_fail (htu != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->lock);
  now = get_now (self);
  allowed = g_strdupv (self->allowed_algs);
  max_age = self->max_age;
  clock_skew = self->clock_skew;
  require_nonce = self->require_nonce;
  nonce_lifetime = self->nonce_lifetime;
  g_mutex_unlock (&self->lock);

  /* The caller's side of the comparison. */
  if (htm[0] == '\0')
    return refuse (error, PIM_DPOP_ERROR_INVALID_ARGUMENT, _ ("The request method is empty"));
  want_htu = pim_dpop_normalize_htu (htu);
  if (want_htu == NULL)
    return refuse (error, PIM_DPOP_ERROR_INVALID_ARGUMENT,
                   _ ("The request URI is not an absolute http or https URI"));

  /* The proof's form and signature (RFC 9449 §4.3, checks 1–6). */
  if (strlen (proof) > MAX_PROOF_SIZE)
    return refuse (error, PIM_DPOP_ERROR_INVALID_PROOF, _ ("The DPoP proof is too large"));
  jwt = pim_jwt_parse (proof, &local_error);
  if (jwt == NULL)
    {
      if (g_error_matches (local_error, PIM_JOSE_ERROR, PIM_JOSE_ERROR_ALG_NONE))
        return refuse (error, PIM_DPOP_ERROR_INVALID_PROOF,
                       _ ("The DPoP proof is unsigned (“alg”: “none”)"));
      return refuse (error, PIM_DPOP_ERROR_INVALID_PROOF, _ ("The DPoP proof is not a signed JWT"));
    }
  jws = pim_jwt_get_jws (jwt);
  if (!is_dpop_type (pim_jws_get_media_type (jws)))
    return refuse (error, PIM_DPOP_ERROR_INVALID_PROOF,
                   _ ("The DPoP proof's “typ” is not “dpop+jwt”"));
  if (!strv_has (allowed, pim_jws_get_algorithm (jws)))
    return refuse (error, PIM_DPOP_ERROR_INVALID_PROOF,
                   _ ("The DPoP proof's algorithm is not allowed"));
  header = pim_jws_get_header (jws);
  jwk_node = header != NULL ? json_object_get_member (header, "jwk") : NULL;
  if (jwk_node == NULL || !JSON_NODE_HOLDS_OBJECT (jwk_node))
    return refuse (error, PIM_DPOP_ERROR_INVALID_PROOF,
                   _ ("The DPoP proof's header has no “jwk” object"));
  key = pim_jwk_new_from_object (json_node_get_object (jwk_node), NULL);
  if (key == NULL)
    return refuse (error, PIM_DPOP_ERROR_INVALID_PROOF,
                   _ ("The DPoP proof's “jwk” is not a usable key"));
  if (pim_jwk_is_private (key))
    return refuse (error, PIM_DPOP_ERROR_INVALID_PROOF,
                   _ ("The DPoP proof's “jwk” is not a public key"));
  if (!pim_jws_verify_with_key (jws, key, (const char *const *) allowed, NULL))
    return refuse (error, PIM_DPOP_ERROR_INVALID_PROOF,
                   _ ("The DPoP proof's signature does not verify with its “jwk”"));

  /* The claims (checks 7–11). */
  claims = pim_jwt_get_claims (jwt);
  jti = string_claim (claims, "jti", &wrong_type);
  claim_htm = string_claim (claims, "htm", &wrong_type);
  claim_htu = string_claim (claims, "htu", &wrong_type);
  iat_node = json_object_get_member (claims, "iat");
  if (wrong_type || jti == NULL || jti[0] == '\0' || claim_htm == NULL || claim_htu == NULL ||
      iat_node == NULL || !JSON_NODE_HOLDS_VALUE (iat_node) ||
      (json_node_get_value_type (iat_node) != G_TYPE_INT64 &&
       json_node_get_value_type (iat_node) != G_TYPE_DOUBLE))
    return refuse (error, PIM_DPOP_ERROR_INVALID_PROOF,
                   _ ("The DPoP proof lacks “jti”, “htm”, “htu” or “iat”, or one is of the "
                      "wrong type"));
  if (json_node_get_value_type (iat_node) == G_TYPE_INT64)
    iat = json_node_get_int (iat_node);
  else
    {
      double value = json_node_get_double (iat_node);

      if (!(value > -1e15 && value < 1e15))
        return refuse (error, PIM_DPOP_ERROR_INVALID_PROOF,
                       _ ("The DPoP proof's “iat” is out of range"));
      iat = (gint64) value;
    }

  if (strcmp (claim_htm, htm) != 0)
    return refuse (error, PIM_DPOP_ERROR_HTM_MISMATCH,
                   _ ("The DPoP proof is for another HTTP method"));
  got_htu = pim_dpop_normalize_htu (claim_htu);
  if (got_htu == NULL || strcmp (got_htu, want_htu) != 0)
    return refuse (error, PIM_DPOP_ERROR_HTU_MISMATCH, _ ("The DPoP proof is for another URI"));
  if (iat < now - (gint64) max_age)
    return refuse (error, PIM_DPOP_ERROR_IAT_OUT_OF_WINDOW, _ ("The DPoP proof is too old"));
  if (iat > now + (gint64) clock_skew)
    return refuse (error, PIM_DPOP_ERROR_IAT_OUT_OF_WINDOW,
                   _ ("The DPoP proof is issued in the future"));

  nonce = string_claim (claims, "nonce", &wrong_type);
  if (wrong_type)
    return refuse (error, PIM_DPOP_ERROR_INVALID_PROOF,
                   _ ("The DPoP proof's “nonce” is not a string"));
  if (require_nonce && nonce == NULL)
    return refuse (error, PIM_DPOP_ERROR_NONCE_REQUIRED, _ ("The DPoP proof has no server nonce"));
  if (require_nonce && !check_nonce (self, nonce, now, nonce_lifetime))
    return refuse (error, PIM_DPOP_ERROR_NONCE_MISMATCH,
                   _ ("The DPoP proof's nonce is not a current server nonce"));

  if (access_token != NULL)
    {
      guint8           hash[64];
      gsize            hash_len;
      g_autofree char *expected = NULL;

      ath = string_claim (claims, "ath", &wrong_type);
      if (ath == NULL)
        return refuse (error, PIM_DPOP_ERROR_ATH_MISMATCH,
                       _ ("The DPoP proof has no access token hash (“ath”)"));
      hash_len = pim_crypto_digest (PIM_DIGEST_SHA256, (const guint8 *) access_token,
                                    strlen (access_token), hash);
      expected = pim_base64url_encode (hash, hash_len);
      if (strlen (ath) != strlen (expected) || !pim_crypto_equal (ath, expected, strlen (ath)))
        return refuse (error, PIM_DPOP_ERROR_ATH_MISMATCH,
                       _ ("The DPoP proof is for another access token (“ath”)"));
    }

  /* Last: replays (check 12). */
  replay_digest (self, pim_jwk_get_thumbprint (key), jti, digest);
  {
    G_GNUC_UNUSED g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);
    ReplayEntry  *entry;

    trim_replay_cache (self);
    if (iat <= self->floor)
      return refuse (error, PIM_DPOP_ERROR_IAT_OUT_OF_WINDOW,
                     _ ("The DPoP proof is older than the replay cache can account for"));
    if (g_hash_table_contains (self->replay_index, digest))
      return refuse (error, PIM_DPOP_ERROR_REPLAYED, _ ("The DPoP proof was used before"));
    entry = g_new0 (ReplayEntry, 1);
    memcpy (entry->digest, digest, sizeof digest);
    entry->iat = iat;
    entry->serial = self->serial++;
    entry->iter = g_sequence_insert_sorted (self->replay_order, entry, entry_compare, NULL);
    g_hash_table_add (self->replay_index, entry->digest);
    trim_replay_cache (self);
  }

  return pim_dpop_proof_new (key, pim_jws_get_algorithm (jws), jti, claim_htm, claim_htu, iat,
                             nonce);
}
