/* pim-userinfo-response.c: PimUserInfoResponse
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-oauth-private.h"
#include "pim-userinfo-response-private.h"

/**
 * PimUserInfoResponse:
 *
 * What the UserInfo endpoint said about the end user (OpenID Connect
 * Core §5.3.2): the standard claims of §5.1, typed, with the raw JSON for
 * any other claim. When the answer was a signed JWT, the validated
 * [class@Claims] it came in are kept too.
 *
 * The answer has been checked: `sub` is a non-empty string, and each
 * standard claim present has its type — strings, the booleans
 * `email_verified` and `phone_number_verified` (JSON booleans, or the
 * strings `"true"` and `"false"` as some providers send them), `address`
 * an object, `updated_at` a number of seconds (digits in a string too) —
 * or the call failed with %PIM_OAUTH_ERROR_INVALID_RESPONSE. Absent claims
 * read as %NULL, %FALSE or 0.
 *
 * Since: 0.1
 */

enum
{
  PROP_0,
  /* The string claims, in the order of string_claims[] */
  PROP_SUBJECT,
  PROP_NAME,
  PROP_GIVEN_NAME,
  PROP_FAMILY_NAME,
  PROP_MIDDLE_NAME,
  PROP_NICKNAME,
  PROP_PREFERRED_USERNAME,
  PROP_PROFILE,
  PROP_PICTURE,
  PROP_WEBSITE,
  PROP_EMAIL,
  PROP_GENDER,
  PROP_BIRTHDATE,
  PROP_ZONEINFO,
  PROP_LOCALE,
  PROP_PHONE_NUMBER,
  PROP_EMAIL_VERIFIED,
  PROP_PHONE_NUMBER_VERIFIED,
  PROP_ADDRESS,
  PROP_UPDATED_AT,
  PROP_JSON,
  PROP_CLAIMS,
  N_PROPS
};

#define FIRST_STRING PROP_SUBJECT
#define N_STRINGS    (PROP_PHONE_NUMBER - PROP_SUBJECT + 1)

static const char *const string_claims[N_STRINGS] = {
  "sub",
  "name",
  "given_name",
  "family_name",
  "middle_name",
  "nickname",
  "preferred_username",
  "profile",
  "picture",
  "website",
  "email",
  "gender",
  "birthdate",
  "zoneinfo",
  "locale",
  "phone_number",
};

struct _PimUserInfoResponse
{
  GObject parent_instance;

  JsonObject *json;
  PimClaims  *claims;
  const char *strings[N_STRINGS];
  gboolean    email_verified;
  gboolean    phone_number_verified;
  JsonObject *address;
  gint64      updated_at;
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PimUserInfoResponse, pim_userinfo_response, G_TYPE_OBJECT)

static void
pim_userinfo_response_finalize (GObject *object)
{
  PimUserInfoResponse *self = PIM_USERINFO_RESPONSE (object);

  g_clear_pointer (&self->json, json_object_unref);
  g_clear_object (&self->claims);

  G_OBJECT_CLASS (pim_userinfo_response_parent_class)->finalize (object);
}

static void
pim_userinfo_response_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PimUserInfoResponse *self = PIM_USERINFO_RESPONSE (object);

  if (prop_id >= FIRST_STRING && prop_id < FIRST_STRING + N_STRINGS)
    {
      g_value_set_string (value, self->strings[prop_id - FIRST_STRING]);
      return;
    }
  switch (prop_id)
    {
    case PROP_EMAIL_VERIFIED:
      g_value_set_boolean (value, self->email_verified);
      break;
    case PROP_PHONE_NUMBER_VERIFIED:
      g_value_set_boolean (value, self->phone_number_verified);
      break;
    case PROP_ADDRESS:
      g_value_set_boxed (value, self->address);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    case PROP_JSON:
      g_value_set_boxed (value, self->json);
      break;
    case PROP_CLAIMS:
      g_value_set_object (value, self->claims);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pim_userinfo_response_class_init (PimUserInfoResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pim_userinfo_response_finalize;
  object_class->get_property = pim_userinfo_response_get_property;

  /**
   * PimUserInfoResponse:subject: (getter get_subject)
   *
   * Whom the claims are about (`sub`): the end user's identifier at the issuer. Always present;
   * compare it with the ID token's (OpenID Connect Core §5.3.4), which
   * [property@UserInfoRequest:expected-subject] does for you.
   *
   * Since: 0.1
   */
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:name: (getter get_name)
   *
   * The end user's full name (`name`).
   *
   * Since: 0.1
   */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:given-name: (getter get_given_name)
   *
   * The end user's given names (`given_name`).
   *
   * Since: 0.1
   */
  properties[PROP_GIVEN_NAME] = g_param_spec_string ("given-name", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:family-name: (getter get_family_name)
   *
   * The end user's surnames (`family_name`).
   *
   * Since: 0.1
   */
  properties[PROP_FAMILY_NAME] = g_param_spec_string ("family-name", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:middle-name: (getter get_middle_name)
   *
   * The end user's middle names (`middle_name`).
   *
   * Since: 0.1
   */
  properties[PROP_MIDDLE_NAME] = g_param_spec_string ("middle-name", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:nickname: (getter get_nickname)
   *
   * A casual name of the end user (`nickname`).
   *
   * Since: 0.1
   */
  properties[PROP_NICKNAME] = g_param_spec_string ("nickname", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:preferred-username: (getter get_preferred_username)
   *
   * The name the end user wants to be called by (`preferred_username`). Not unique, not stable:
   * never use it as a key.
   *
   * Since: 0.1
   */
  properties[PROP_PREFERRED_USERNAME] =
      g_param_spec_string ("preferred-username", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:profile: (getter get_profile)
   *
   * The URL of the end user's profile page (`profile`).
   *
   * Since: 0.1
   */
  properties[PROP_PROFILE] = g_param_spec_string ("profile", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:picture: (getter get_picture)
   *
   * The URL of the end user's picture (`picture`).
   *
   * Since: 0.1
   */
  properties[PROP_PICTURE] = g_param_spec_string ("picture", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:website: (getter get_website)
   *
   * The URL of the end user's web site (`website`).
   *
   * Since: 0.1
   */
  properties[PROP_WEBSITE] = g_param_spec_string ("website", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:email: (getter get_email)
   *
   * The end user's preferred e-mail address (`email`). Not unique, not stable: never use it as
   * a key.
   *
   * Since: 0.1
   */
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:gender: (getter get_gender)
   *
   * The end user's gender (`gender`).
   *
   * Since: 0.1
   */
  properties[PROP_GENDER] = g_param_spec_string ("gender", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:birthdate: (getter get_birthdate)
   *
   * The end user's birthday (`birthdate`), as ISO 8601 `YYYY-MM-DD`, or `YYYY`, or `0000-MM-
   * DD`.
   *
   * Since: 0.1
   */
  properties[PROP_BIRTHDATE] = g_param_spec_string ("birthdate", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:zoneinfo: (getter get_zoneinfo)
   *
   * The end user's time zone (`zoneinfo`), such as `Europe/Paris`.
   *
   * Since: 0.1
   */
  properties[PROP_ZONEINFO] = g_param_spec_string ("zoneinfo", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:locale: (getter get_locale)
   *
   * The end user's locale (`locale`), a BCP 47 language tag such as `en-US`.
   *
   * Since: 0.1
   */
  properties[PROP_LOCALE] = g_param_spec_string ("locale", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:phone-number: (getter get_phone_number)
   *
   * The end user's preferred telephone number (`phone_number`).
   *
   * Since: 0.1
   */
  properties[PROP_PHONE_NUMBER] = g_param_spec_string ("phone-number", NULL, NULL, NULL, flags);

  /**
   * PimUserInfoResponse:email-verified: (getter get_email_verified)
   *
   * Whether the provider verified that the end user controls
   * [property@UserInfoResponse:email] (`email_verified`); %FALSE when not
   * said.
   *
   * Since: 0.1
   */
  properties[PROP_EMAIL_VERIFIED] =
      g_param_spec_boolean ("email-verified", NULL, NULL, FALSE, flags);

  /**
   * PimUserInfoResponse:phone-number-verified: (getter get_phone_number_verified)
   *
   * Whether the provider verified that the end user controls
   * [property@UserInfoResponse:phone-number] (`phone_number_verified`);
   * %FALSE when not said.
   *
   * Since: 0.1
   */
  properties[PROP_PHONE_NUMBER_VERIFIED] =
      g_param_spec_boolean ("phone-number-verified", NULL, NULL, FALSE, flags);

  /**
   * PimUserInfoResponse:address: (getter get_address)
   *
   * The end user's postal address (`address`, OpenID Connect Core §5.1.1):
   * an object with `formatted`, `street_address`, `locality`, `region`,
   * `postal_code` and `country` members.
   *
   * Since: 0.1
   */
  properties[PROP_ADDRESS] = g_param_spec_boxed ("address", NULL, NULL, JSON_TYPE_OBJECT, flags);

  /**
   * PimUserInfoResponse:updated-at: (getter get_updated_at)
   *
   * When the end user's information last changed (`updated_at`), in Unix
   * seconds; 0 when not said.
   *
   * Since: 0.1
   */
  properties[PROP_UPDATED_AT] =
      g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * PimUserInfoResponse:json: (getter get_json)
   *
   * Every claim, as the provider sent them (for a JWT answer, its claims,
   * `iss` and `aud` included).
   *
   * Since: 0.1
   */
  properties[PROP_JSON] = g_param_spec_boxed ("json", NULL, NULL, JSON_TYPE_OBJECT, flags);

  /**
   * PimUserInfoResponse:claims: (getter get_claims)
   *
   * When the answer was a signed JWT (`application/jwt`), its claims as
   * [func@validate_token] validated them; %NULL for a plain JSON answer.
   *
   * Since: 0.1
   */
  properties[PROP_CLAIMS] = g_param_spec_object ("claims", NULL, NULL, PIM_TYPE_CLAIMS, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pim_userinfo_response_init (PimUserInfoResponse *self)
{
}

/* ---- Reading ---- */

static GType
value_type (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                      : G_TYPE_INVALID;
}

/* A boolean, or the string "true" or "false" as some providers send. */
static gboolean
boolean_value (JsonNode *node, gboolean *out)
{
  GType type = value_type (node);

  if (type == G_TYPE_BOOLEAN)
    *out = json_node_get_boolean (node);
  else if (type == G_TYPE_STRING && strcmp (json_node_get_string (node), "true") == 0)
    *out = TRUE;
  else if (type == G_TYPE_STRING && strcmp (json_node_get_string (node), "false") == 0)
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
read_boolean (JsonObject *json, const char *name, const char *what, gboolean *out, GError **error)
{
  JsonNode *node = json_object_get_member (json, name);

  /* The strings first; anything else is read, and refused, as the other
   * answers' booleans are. */
  if (node != NULL && boolean_value (node, out))
    return TRUE;
  return pim_oauth_json_boolean (json, name, FALSE, what, out, error);
}

static gboolean
read_address (JsonObject *json, const char *what, JsonObject **out, GError **error)
{
  JsonNode *node = json_object_get_member (json, "address");

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_RESPONSE,
                   /* translators: the first %s is an answer such as “UserInfo
                    * response”, the second a member such as “address” */
                   _ ("The %s's “%s” is not an object"), what, "address");
      return FALSE;
    }
  *out = json_node_get_object (node);
  return TRUE;
}

PimUserInfoResponse *
pim_userinfo_response_new (JsonObject *json, PimClaims *claims, GError **error)
{
  g_autoptr (PimUserInfoResponse) self = g_object_new (PIM_TYPE_USERINFO_RESPONSE, NULL);
  const char *what = _ ("UserInfo response");

  self->json = json_object_ref (json);
  self->claims = claims != NULL ? g_object_ref (claims) : NULL;
  /* OpenID Connect Core §5.3.2: "The sub Claim MUST always be returned". */
  for (gsize i = 0; i < N_STRINGS; i++)
    if (!pim_oauth_json_string (json, string_claims[i], i + FIRST_STRING == PROP_SUBJECT, what,
                                &self->strings[i], error))
      return NULL;
  if (!read_boolean (json, "email_verified", what, &self->email_verified, error) ||
      !read_boolean (json, "phone_number_verified", what, &self->phone_number_verified, error) ||
      !read_address (json, what, &self->address, error) ||
      !pim_oauth_json_int (json, "updated_at", FALSE, what, &self->updated_at, error))
    return NULL;
  if (self->updated_at < 0)
    self->updated_at = 0;
  return g_steal_pointer (&self);
}

/* ---- Getters ---- */

#define STRING_GETTER(name, prop)                                          \
  const char *pim_userinfo_response_get_##name (PimUserInfoResponse *self) \
  {                                                                        \
    g_return_val_if_fail (PIM_IS_USERINFO_RESPONSE (self), NULL);          \
    return self->strings[prop - FIRST_STRING];                             \
  }

#define GETTER(type, name, fallback)                                  \
  type pim_userinfo_response_get_##name (PimUserInfoResponse *self)   \
  {                                                                   \
    g_return_val_if_fail (PIM_IS_USERINFO_RESPONSE (self), fallback); \
    return self->name;                                                \
  }

/**
 * pim_userinfo_response_get_subject:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:subject].
 *
 * Returns: the `sub` claim
 *
 * Since: 0.1
 */
STRING_GETTER (subject, PROP_SUBJECT)

/**
 * pim_userinfo_response_get_name:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:name].
 *
 * Returns: (nullable): the `name` claim
 *
 * Since: 0.1
 */
STRING_GETTER (name, PROP_NAME)

/**
 * pim_userinfo_response_get_given_name:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:given-name].
 *
 * Returns: (nullable): the `given_name` claim
 *
 * Since: 0.1
 */
STRING_GETTER (given_name, PROP_GIVEN_NAME)

/**
 * pim_userinfo_response_get_family_name:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:family-name].
 *
 * Returns: (nullable): the `family_name` claim
 *
 * Since: 0.1
 */
STRING_GETTER (family_name, PROP_FAMILY_NAME)

/**
 * pim_userinfo_response_get_middle_name:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:middle-name].
 *
 * Returns: (nullable): the `middle_name` claim
 *
 * Since: 0.1
 */
STRING_GETTER (middle_name, PROP_MIDDLE_NAME)

/**
 * pim_userinfo_response_get_nickname:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:nickname].
 *
 * Returns: (nullable): the `nickname` claim
 *
 * Since: 0.1
 */
STRING_GETTER (nickname, PROP_NICKNAME)

/**
 * pim_userinfo_response_get_preferred_username:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:preferred-username].
 *
 * Returns: (nullable): the `preferred_username` claim
 *
 * Since: 0.1
 */
STRING_GETTER (preferred_username, PROP_PREFERRED_USERNAME)

/**
 * pim_userinfo_response_get_profile:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:profile].
 *
 * Returns: (nullable): the `profile` claim
 *
 * Since: 0.1
 */
STRING_GETTER (profile, PROP_PROFILE)

/**
 * pim_userinfo_response_get_picture:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:picture].
 *
 * Returns: (nullable): the `picture` claim
 *
 * Since: 0.1
 */
STRING_GETTER (picture, PROP_PICTURE)

/**
 * pim_userinfo_response_get_website:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:website].
 *
 * Returns: (nullable): the `website` claim
 *
 * Since: 0.1
 */
STRING_GETTER (website, PROP_WEBSITE)

/**
 * pim_userinfo_response_get_email:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:email].
 *
 * Returns: (nullable): the `email` claim
 *
 * Since: 0.1
 */
STRING_GETTER (email, PROP_EMAIL)

/**
 * pim_userinfo_response_get_gender:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:gender].
 *
 * Returns: (nullable): the `gender` claim
 *
 * Since: 0.1
 */
STRING_GETTER (gender, PROP_GENDER)

/**
 * pim_userinfo_response_get_birthdate:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:birthdate].
 *
 * Returns: (nullable): the `birthdate` claim
 *
 * Since: 0.1
 */
STRING_GETTER (birthdate, PROP_BIRTHDATE)

/**
 * pim_userinfo_response_get_zoneinfo:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:zoneinfo].
 *
 * Returns: (nullable): the `zoneinfo` claim
 *
 * Since: 0.1
 */
STRING_GETTER (zoneinfo, PROP_ZONEINFO)

/**
 * pim_userinfo_response_get_locale:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:locale].
 *
 * Returns: (nullable): the `locale` claim
 *
 * Since: 0.1
 */
STRING_GETTER (locale, PROP_LOCALE)

/**
 * pim_userinfo_response_get_phone_number:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:phone-number].
 *
 * Returns: (nullable): the `phone_number` claim
 *
 * Since: 0.1
 */
STRING_GETTER (phone_number, PROP_PHONE_NUMBER)

/**
 * pim_userinfo_response_get_email_verified:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:email-verified].
 *
 * Returns: whether the e-mail address was verified
 *
 * Since: 0.1
 */
GETTER (gboolean, email_verified, FALSE)

/**
 * pim_userinfo_response_get_phone_number_verified:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:phone-number-verified].
 *
 * Returns: whether the telephone number was verified
 *
 * Since: 0.1
 */
GETTER (gboolean, phone_number_verified, FALSE)

/**
 * pim_userinfo_response_get_address:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:address].
 *
 * Returns: (nullable) (transfer none): the postal address
 *
 * Since: 0.1
 */
GETTER (JsonObject *, address, NULL)

/**
 * pim_userinfo_response_get_updated_at:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:updated-at].
 *
 * Returns: the time of the last change in Unix seconds, or 0
 *
 * Since: 0.1
 */
GETTER (gint64, updated_at, 0)

/**
 * pim_userinfo_response_get_json:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:json].
 *
 * Returns: (transfer none): every claim
 *
 * Since: 0.1
 */
GETTER (JsonObject *, json, NULL)

/**
 * pim_userinfo_response_get_claims:
 * @self: a UserInfo response
 *
 * Gets [property@UserInfoResponse:claims].
 *
 * Returns: (nullable) (transfer none): the validated claims of a JWT
 *   answer, or %NULL
 *
 * Since: 0.1
 */
GETTER (PimClaims *, claims, NULL)

/**
 * pim_userinfo_response_get_string:
 * @self: a UserInfo response
 * @name: a claim name
 *
 * Gets any claim that is a string, such as a provider's own.
 *
 * Returns: (nullable): the value, or %NULL if the claim is missing or not
 *   a string
 *
 * Since: 0.1
 */
const char *
pim_userinfo_response_get_string (PimUserInfoResponse *self, const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (PIM_IS_USERINFO_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  node = json_object_get_member (self->json, name);
  return value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

/**
 * pim_userinfo_response_get_int:
 * @self: a UserInfo response
 * @name: a claim name
 * @value: (out) (optional): the value
 *
 * Gets any claim that is an integer.
 *
 * Returns: whether the claim is present and an integer
 *
 * Since: 0.1
 */
gboolean
pim_userinfo_response_get_int (PimUserInfoResponse *self, const char *name, gint64 *value)
{
  JsonNode *node;

  g_return_val_if_fail (PIM_IS_USERINFO_RESPONSE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  node = json_object_get_member (self->json, name);
  if (value_type (node) != G_TYPE_INT64)
    return FALSE;
  if (value != NULL)
    *value = json_node_get_int (node);
  return TRUE;
}

/**
 * pim_userinfo_response_get_boolean:
 * @self: a UserInfo response
 * @name: a claim name
 * @value: (out) (optional): the value
 *
 * Gets any claim that is a boolean (or the string `"true"` or `"false"`).
 *
 * Returns: whether the claim is present and a boolean
 *
 * Since: 0.1
 */
gboolean
pim_userinfo_response_get_boolean (PimUserInfoResponse *self, const char *name, gboolean *value)
{
  gboolean found = FALSE;

  g_return_val_if_fail (PIM_IS_USERINFO_RESPONSE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!boolean_value (json_object_get_member (self->json, name), &found))
    return FALSE;
  if (value != NULL)
    *value = found;
  return TRUE;
}
