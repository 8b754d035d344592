/* pim-discovery-policy.c: PimDiscoveryPolicy
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-discovery-error.h"
#include "pim-discovery-policy.h"
#include "pim-discovery-private.h"

/**
 * PimDiscoveryPolicy:
 *
 * What a discovery document must satisfy to be trusted. The defaults are
 * strict: HTTPS for the issuer and every endpoint (plain `http` only on the
 * loopback interface), the document's `issuer` exactly the one asked for,
 * every endpoint on the issuer's own authority, and a `jwks_uri`.
 *
 * Each check can be relaxed by name — for a provider whose endpoints live
 * on another host, list that host in
 * [property@DiscoveryPolicy:additional-endpoint-base-addresses] rather than
 * switching the check off.
 *
 * Since: 0.1
 */

struct _PimDiscoveryPolicy
{
  GObject parent_instance;

  gboolean require_https;
  gboolean allow_http_on_loopback;
  gboolean validate_issuer;
  gboolean validate_endpoints;
  gboolean require_key_set;
  GStrv    additional_endpoint_base_addresses;
  GStrv    endpoint_validation_excluded;
  guint    serial; /* bumped by every change: see pim_discovery_policy_get_serial() */
};

enum
{
  PROP_0,
  PROP_REQUIRE_HTTPS,
  PROP_ALLOW_HTTP_ON_LOOPBACK,
  PROP_VALIDATE_ISSUER,
  PROP_VALIDATE_ENDPOINTS,
  PROP_REQUIRE_KEY_SET,
  PROP_ADDITIONAL_ENDPOINT_BASE_ADDRESSES,
  PROP_ENDPOINT_VALIDATION_EXCLUDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimDiscoveryPolicy, pim_discovery_policy, G_TYPE_OBJECT)

/**
 * pim_discovery_error_quark:
 *
 * Gets the quark of the [error@DiscoveryError] domain.
 *
 * Returns: the error quark
 *
 * Since: 0.1
 */
/* clang-format off */
G_DEFINE_QUARK (pim-discovery-error-quark, pim_discovery_error)
/* clang-format on */

static void
pim_discovery_policy_finalize (GObject *object)
{
  PimDiscoveryPolicy *self = PIM_DISCOVERY_POLICY (object);

  g_strfreev (self->additional_endpoint_base_addresses);
  g_strfreev (self->endpoint_validation_excluded);

  G_OBJECT_CLASS (pim_discovery_policy_parent_class)->finalize (object);
}

static void
pim_discovery_policy_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PimDiscoveryPolicy *self = PIM_DISCOVERY_POLICY (object);

  switch (prop_id)
    {
    case PROP_REQUIRE_HTTPS:
      g_value_set_boolean (value, self->require_https);
      break;
    case PROP_ALLOW_HTTP_ON_LOOPBACK:
      g_value_set_boolean (value, self->allow_http_on_loopback);
      break;
    case PROP_VALIDATE_ISSUER:
      g_value_set_boolean (value, self->validate_issuer);
      break;
    case PROP_VALIDATE_ENDPOINTS:
      g_value_set_boolean (value, self->validate_endpoints);
      break;
    case PROP_REQUIRE_KEY_SET:
      g_value_set_boolean (value, self->require_key_set);
      break;
    case PROP_ADDITIONAL_ENDPOINT_BASE_ADDRESSES:
      g_value_set_boxed (value, self->additional_endpoint_base_addresses);
      break;
    case PROP_ENDPOINT_VALIDATION_EXCLUDED:
      g_value_set_boxed (value, self->endpoint_validation_excluded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_discovery_policy_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PimDiscoveryPolicy *self = PIM_DISCOVERY_POLICY (object);

  switch (prop_id)
    {
    case PROP_REQUIRE_HTTPS:
      pim_discovery_policy_set_require_https (self, g_value_get_boolean (value));
      break;
    case PROP_ALLOW_HTTP_ON_LOOPBACK:
      pim_discovery_policy_set_allow_http_on_loopback (self, g_value_get_boolean (value));
      break;
    case PROP_VALIDATE_ISSUER:
      pim_discovery_policy_set_validate_issuer (self, g_value_get_boolean (value));
      break;
    case PROP_VALIDATE_ENDPOINTS:
      pim_discovery_policy_set_validate_endpoints (self, g_value_get_boolean (value));
      break;
    case PROP_REQUIRE_KEY_SET:
      pim_discovery_policy_set_require_key_set (self, g_value_get_boolean (value));
      break;
    case PROP_ADDITIONAL_ENDPOINT_BASE_ADDRESSES:
      pim_discovery_policy_set_additional_endpoint_base_addresses (self, g_value_get_boxed (value));
      break;
    case PROP_ENDPOINT_VALIDATION_EXCLUDED:
      pim_discovery_policy_set_endpoint_validation_excluded (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_discovery_policy_class_init (PimDiscoveryPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_discovery_policy_finalize;
  object_class->get_property = pim_discovery_policy_get_property;
  object_class->set_property = pim_discovery_policy_set_property;

  /**
   * PimDiscoveryPolicy:require-https: (getter get_require_https) (setter set_require_https)
   *
   * Whether the issuer and every endpoint must be `https` (default %TRUE).
   *
   * Since: 0.1
   */
  properties[PROP_REQUIRE_HTTPS] = g_param_spec_boolean ("require-https", NULL, NULL, TRUE, flags);

  /**
   * PimDiscoveryPolicy:allow-http-on-loopback: (getter get_allow_http_on_loopback) (setter set_allow_http_on_loopback)
   *
   * Whether plain `http` is accepted on the loopback interface even when
   * HTTPS is required (default %TRUE): a provider on 127.0.0.1 is on this
   * machine.
   *
   * Since: 0.1
   */
  properties[PROP_ALLOW_HTTP_ON_LOOPBACK] =
      g_param_spec_boolean ("allow-http-on-loopback", NULL, NULL, TRUE, flags);

  /**
   * PimDiscoveryPolicy:validate-issuer: (getter get_validate_issuer) (setter set_validate_issuer)
   *
   * Whether the document's `issuer` must be exactly the issuer it was
   * fetched for (default %TRUE; OpenID Connect Discovery §4.3).
   *
   * Since: 0.1
   */
  properties[PROP_VALIDATE_ISSUER] =
      g_param_spec_boolean ("validate-issuer", NULL, NULL, TRUE, flags);

  /**
   * PimDiscoveryPolicy:validate-endpoints: (getter get_validate_endpoints) (setter set_validate_endpoints)
   *
   * Whether every endpoint must be on the issuer's authority (scheme, host
   * and port) or under an additional base address (default %TRUE).
   *
   * Since: 0.1
   */
  properties[PROP_VALIDATE_ENDPOINTS] =
      g_param_spec_boolean ("validate-endpoints", NULL, NULL, TRUE, flags);

  /**
   * PimDiscoveryPolicy:require-key-set: (getter get_require_key_set) (setter set_require_key_set)
   *
   * Whether the document must name a `jwks_uri` (default %TRUE).
   *
   * Since: 0.1
   */
  properties[PROP_REQUIRE_KEY_SET] =
      g_param_spec_boolean ("require-key-set", NULL, NULL, TRUE, flags);

  /**
   * PimDiscoveryPolicy:additional-endpoint-base-addresses: (getter get_additional_endpoint_base_addresses) (setter set_additional_endpoint_base_addresses)
   *
   * URL prefixes, besides the issuer's authority, that endpoints may live
   * under, such as `https://login.example.net/`.
   *
   * Since: 0.1
   */
  properties[PROP_ADDITIONAL_ENDPOINT_BASE_ADDRESSES] =
      g_param_spec_boxed ("additional-endpoint-base-addresses", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * PimDiscoveryPolicy:endpoint-validation-excluded: (getter get_endpoint_validation_excluded) (setter set_endpoint_validation_excluded)
   *
   * Names of endpoint members, such as `end_session_endpoint`, that need
   * not be on the issuer's authority. HTTPS still applies to them.
   *
   * Since: 0.1
   */
  properties[PROP_ENDPOINT_VALIDATION_EXCLUDED] =
      g_param_spec_boxed ("endpoint-validation-excluded", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_discovery_policy_init (PimDiscoveryPolicy *self)
{
  self->require_https = TRUE;
  self->allow_http_on_loopback = TRUE;
  self->validate_issuer = TRUE;
  self->validate_endpoints = TRUE;
  self->require_key_set = TRUE;
}

/**
 * pim_discovery_policy_new:
 *
 * Creates a policy with the strict defaults.
 *
 * Returns: (transfer full): a new policy
 *
 * Since: 0.1
 */
PimDiscoveryPolicy *
pim_discovery_policy_new (void)
{
  return g_object_new (PIM_TYPE_DISCOVERY_POLICY, NULL);
}

#define BOOLEAN_ACCESSORS(name, NAME)                                             \
  gboolean pim_discovery_policy_get_##name (PimDiscoveryPolicy *self)             \
  {                                                                               \
    g_return_val_if_fail (PIM_IS_DISCOVERY_POLICY (self), FALSE);                 \
    return self->name;                                                            \
  }                                                                               \
  void pim_discovery_policy_set_##name (PimDiscoveryPolicy *self, gboolean value) \
  {                                                                               \
    g_return_if_fail (PIM_IS_DISCOVERY_POLICY (self));                            \
    value = !!value;                                                              \
    if (self->name == value)                                                      \
      return;                                                                     \
    self->name = value;                                                           \
    g_atomic_int_inc (&self->serial);                                             \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_##NAME]);          \
  }

/**
 * pim_discovery_policy_get_require_https:
 * @self: a policy
 *
 * Gets [property@DiscoveryPolicy:require-https].
 *
 * Returns: whether HTTPS is required
 *
 * Since: 0.1
 */
/**
 * pim_discovery_policy_set_require_https:
 * @self: a policy
 * @require_https: whether to require HTTPS
 *
 * Sets [property@DiscoveryPolicy:require-https].
 *
 * Since: 0.1
 */
BOOLEAN_ACCESSORS (require_https, REQUIRE_HTTPS)

/**
 * pim_discovery_policy_get_allow_http_on_loopback:
 * @self: a policy
 *
 * Gets [property@DiscoveryPolicy:allow-http-on-loopback].
 *
 * Returns: whether loopback `http` is allowed
 *
 * Since: 0.1
 */
/**
 * pim_discovery_policy_set_allow_http_on_loopback:
 * @self: a policy
 * @allow: whether to allow `http` on loopback
 *
 * Sets [property@DiscoveryPolicy:allow-http-on-loopback].
 *
 * Since: 0.1
 */
BOOLEAN_ACCESSORS (allow_http_on_loopback, ALLOW_HTTP_ON_LOOPBACK)

/**
 * pim_discovery_policy_get_validate_issuer:
 * @self: a policy
 *
 * Gets [property@DiscoveryPolicy:validate-issuer].
 *
 * Returns: whether the issuer is checked
 *
 * Since: 0.1
 */
/**
 * pim_discovery_policy_set_validate_issuer:
 * @self: a policy
 * @validate: whether to check the issuer
 *
 * Sets [property@DiscoveryPolicy:validate-issuer].
 *
 * Since: 0.1
 */
BOOLEAN_ACCESSORS (validate_issuer, VALIDATE_ISSUER)

/**
 * pim_discovery_policy_get_validate_endpoints:
 * @self: a policy
 *
 * Gets [property@DiscoveryPolicy:validate-endpoints].
 *
 * Returns: whether endpoints are checked
 *
 * Since: 0.1
 */
/**
 * pim_discovery_policy_set_validate_endpoints:
 * @self: a policy
 * @validate: whether to check endpoints
 *
 * Sets [property@DiscoveryPolicy:validate-endpoints].
 *
 * Since: 0.1
 */
BOOLEAN_ACCESSORS (validate_endpoints, VALIDATE_ENDPOINTS)

/**
 * pim_discovery_policy_get_require_key_set:
 * @self: a policy
 *
 * Gets [property@DiscoveryPolicy:require-key-set].
 *
 * Returns: whether a `jwks_uri` is required
 *
 * Since: 0.1
 */
/**
 * pim_discovery_policy_set_require_key_set:
 * @self: a policy
 * @require: whether to require a `jwks_uri`
 *
 * Sets [property@DiscoveryPolicy:require-key-set].
 *
 * Since: 0.1
 */
BOOLEAN_ACCESSORS (require_key_set, REQUIRE_KEY_SET)

/**
 * pim_discovery_policy_get_additional_endpoint_base_addresses:
 * @self: a policy
 *
 * Gets [property@DiscoveryPolicy:additional-endpoint-base-addresses].
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the addresses
 *
 * Since: 0.1
 */
const char *const *
pim_discovery_policy_get_additional_endpoint_base_addresses (PimDiscoveryPolicy *self)
{
  g_return_val_if_fail (PIM_IS_DISCOVERY_POLICY (self), NULL);
  return (const char *const *) self->additional_endpoint_base_addresses;
}

/**
 * pim_discovery_policy_set_additional_endpoint_base_addresses:
 * @self: a policy
 * @addresses: (nullable) (array zero-terminated=1): URL prefixes
 *
 * Sets [property@DiscoveryPolicy:additional-endpoint-base-addresses].
 *
 * Since: 0.1
 */
void
pim_discovery_policy_set_additional_endpoint_base_addresses (PimDiscoveryPolicy *self,
                                                             const char *const  *addresses)
{
  g_return_if_fail (PIM_IS_DISCOVERY_POLICY (self));

  g_strfreev (self->additional_endpoint_base_addresses);
  self->additional_endpoint_base_addresses = g_strdupv ((GStrv) addresses);
  g_atomic_int_inc (&self->serial);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDITIONAL_ENDPOINT_BASE_ADDRESSES]);
}

/**
 * pim_discovery_policy_get_endpoint_validation_excluded:
 * @self: a policy
 *
 * Gets [property@DiscoveryPolicy:endpoint-validation-excluded].
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the member names
 *
 * Since: 0.1
 */
const char *const *
pim_discovery_policy_get_endpoint_validation_excluded (PimDiscoveryPolicy *self)
{
  g_return_val_if_fail (PIM_IS_DISCOVERY_POLICY (self), NULL);
  return (const char *const *) self->endpoint_validation_excluded;
}

/**
 * pim_discovery_policy_set_endpoint_validation_excluded:
 * @self: a policy
 * @names: (nullable) (array zero-terminated=1): endpoint member names
 *
 * Sets [property@DiscoveryPolicy:endpoint-validation-excluded].
 *
 * Since: 0.1
 */
void
pim_discovery_policy_set_endpoint_validation_excluded (PimDiscoveryPolicy *self,
                                                       const char *const  *names)
{
  g_return_if_fail (PIM_IS_DISCOVERY_POLICY (self));

  g_strfreev (self->endpoint_validation_excluded);
  self->endpoint_validation_excluded = g_strdupv ((GStrv) names);
  g_atomic_int_inc (&self->serial);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDPOINT_VALIDATION_EXCLUDED]);
}

guint
pim_discovery_policy_get_serial (PimDiscoveryPolicy *self)
{
  return (guint) g_atomic_int_get (&self->serial);
}
