/* pim-client-auth.c: client authentication, one piece for every endpoint
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include "pim-base64url.h"
#include "pim-crypto-private.h"
#include "pim-jwt.h"
#include "pim-jwk-private.h"
#include "pim-oauth-private.h"

/* How long a client assertion is valid: long enough for the request to
 * arrive, short enough that a copy is of little use. */
#define ASSERTION_LIFETIME 60

PimClientAuthMethod
pim_client_auth_resolve (PimOAuthRequest *self)
{
  PimClientAuthMethod method = pim_oauth_request_get_client_auth_method (self);

  if (method != PIM_CLIENT_AUTH_AUTO)
    return method;
  if (pim_oauth_request_get_client_secret (self) != NULL)
    return PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC;
  if (pim_oauth_request_get_client_key (self) != NULL)
    return PIM_CLIENT_AUTH_PRIVATE_KEY_JWT;
  return PIM_CLIENT_AUTH_NONE;
}

const char *
pim_client_auth_method_to_string (PimClientAuthMethod method)
{
  switch (method)
    {
    case PIM_CLIENT_AUTH_NONE:
      return "none";
    case PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC:
      return "client_secret_basic";
    case PIM_CLIENT_AUTH_CLIENT_SECRET_POST:
      return "client_secret_post";
    case PIM_CLIENT_AUTH_CLIENT_SECRET_JWT:
      return "client_secret_jwt";
    case PIM_CLIENT_AUTH_PRIVATE_KEY_JWT:
      return "private_key_jwt";
    case PIM_CLIENT_AUTH_TLS_CLIENT_AUTH:
      return "tls_client_auth";
    case PIM_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH:
      return "self_signed_tls_client_auth";
    case PIM_CLIENT_AUTH_AUTO:
    default:
      return NULL;
    }
}

/* RFC 6749 Appendix B: application/x-www-form-urlencoded as the URL
 * Standard serializes it (what browsers and URLSearchParams send): only
 * alphanumerics and "*-._" stay, spaces become "+". */
static void
append_form_encoded (GString *out, const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_' || *p == '*')
        g_string_append_c (out, (char) *p);
      else if (*p == ' ')
        g_string_append_c (out, '+');
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

char *
pim_client_auth_basic_credentials (const char *id, const char *secret)
{
  GString *joined = g_string_new (NULL);
  char    *basic;

  append_form_encoded (joined, id);
  g_string_append_c (joined, ':');
  append_form_encoded (joined, secret);
  basic = g_base64_encode ((const guchar *) joined->str, joined->len);
  memset (joined->str, 0, joined->len);
  g_string_free (joined, TRUE);
  return basic;
}

static gboolean
missing (GError **error, const char *what, PimClientAuthMethod method)
{
  g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
               /* translators: the first %s is a property such as “client-secret”, the
                * second a method such as “client_secret_basic” */
               _ ("The request has no “%s”, which “%s” needs"), what,
               pim_client_auth_method_to_string (method));
  return FALSE;
}

/* RFC 7523 §3: iss = sub = the client, aud = the provider, a fresh jti
 * and a short life. */
static char *
mint_assertion (PimOAuthRequest    *self,
                PimClientAuthMethod method,
                const char         *audience,
                GError            **error)
{
  const char *client_id = pim_oauth_request_get_client_id (self);
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autoptr (PimJwk) key = NULL;
  guint8           nonce[16];
  g_autofree char *jti = NULL;
  const char      *alg = NULL;
  gint64           now = g_get_real_time () / G_USEC_PER_SEC;

  if (method == PIM_CLIENT_AUTH_CLIENT_SECRET_JWT)
    {
      const char *secret = pim_oauth_request_get_client_secret (self);
      g_autoptr (GBytes) bytes = NULL;

      if (secret == NULL)
        {
          missing (error, "client-secret", method);
          return NULL;
        }
      bytes = g_bytes_new (secret, strlen (secret));
      alg = "HS256";
      key = pim_jwk_new_from_secret (bytes, alg, NULL, error);
      if (key == NULL)
        return NULL;
    }
  else
    {
      PimJwk *client_key = pim_oauth_request_get_client_key (self);

      if (client_key == NULL || !pim_jwk_is_private (client_key))
        {
          missing (error, "client-key", method);
          return NULL;
        }
      key = g_object_ref (client_key);
      /* As the profile checks judge it (pim_jwk_get_signing_algorithm). */
      alg = pim_jwk_get_signing_algorithm (key);
    }

  if (!pim_crypto_random_bytes (nonce, sizeof nonce, error))
    return NULL;
  jti = pim_base64url_encode (nonce, sizeof nonce);
  json_object_set_string_member (claims, "iss", client_id);
  json_object_set_string_member (claims, "sub", client_id);
  json_object_set_string_member (claims, "aud", audience);
  json_object_set_string_member (claims, "jti", jti);
  json_object_set_int_member (claims, "iat", now);
  json_object_set_int_member (claims, "exp", now + ASSERTION_LIFETIME);
  return pim_jwt_sign (claims, key, alg, NULL, error);
}

static gboolean
check_supported (PimClientAuthMethod method, const char *const *supported, GError **error)
{
  const char *name = pim_client_auth_method_to_string (method);

  /* RFC 8414 §2: without a list, only client_secret_basic. */
  if (supported == NULL ? method == PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC
                        : g_strv_contains (supported, name))
    return TRUE;
  g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_UNSUPPORTED_BY_PROVIDER,
               /* translators: %s is a method such as “private_key_jwt” */
               _ ("The provider does not accept the client authentication method “%s”"), name);
  return FALSE;
}

gboolean
pim_client_auth_apply (PimOAuthRequest   *self,
                       PimHttpRequest    *http,
                       const char        *endpoint,
                       const char        *issuer,
                       gboolean           check_supported_methods,
                       const char *const *supported,
                       GError           **error)
{
  PimClientAuthMethod method = pim_client_auth_resolve (self);
  const char         *client_id = pim_oauth_request_get_client_id (self);
  const char         *secret = pim_oauth_request_get_client_secret (self);

  if (client_id == NULL)
    {
      g_set_error_literal (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
                           _ ("The request has no “client-id”"));
      return FALSE;
    }
  /* An endpoint from discovery: the method must be one the provider lists. */
  if (check_supported_methods && !check_supported (method, supported, error))
    return FALSE;

  switch (method)
    {
    case PIM_CLIENT_AUTH_NONE:
      pim_http_request_add_form_param (http, "client_id", client_id);
      return TRUE;

    case PIM_CLIENT_AUTH_CLIENT_SECRET_BASIC:
      {
        g_autofree char *basic = NULL;
        g_autofree char *header = NULL;

        if (secret == NULL)
          return missing (error, "client-secret", method);
        basic = pim_client_auth_basic_credentials (client_id, secret);
        header = g_strconcat ("Basic ", basic, NULL);
        pim_http_request_add_header (http, "Authorization", header);
        memset (header, 0, strlen (header));
        return TRUE;
      }

    case PIM_CLIENT_AUTH_CLIENT_SECRET_POST:
      if (secret == NULL)
        return missing (error, "client-secret", method);
      pim_http_request_add_form_param (http, "client_id", client_id);
      pim_http_request_add_form_param (http, "client_secret", secret);
      return TRUE;

    case PIM_CLIENT_AUTH_CLIENT_SECRET_JWT:
    case PIM_CLIENT_AUTH_PRIVATE_KEY_JWT:
      {
        const char      *audience = pim_oauth_request_get_assertion_audience (self);
        g_autofree char *assertion = NULL;

        if (audience == NULL)
          audience = issuer != NULL ? issuer : endpoint;
        assertion = mint_assertion (self, method, audience, error);
        if (assertion == NULL)
          return FALSE;
        pim_http_request_add_form_param (http, "client_id", client_id);
        pim_http_request_add_form_param (http, "client_assertion_type",
                                         "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        pim_http_request_add_form_param (http, "client_assertion", assertion);
        return TRUE;
      }

    /* RFC 8705 §2: the certificate in the TLS handshake is the proof
     * (pim_client_auth_check_tls() checked the client has one); the body
     * names the client and carries nothing secret. */
    case PIM_CLIENT_AUTH_TLS_CLIENT_AUTH:
    case PIM_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH:
      pim_http_request_add_form_param (http, "client_id", client_id);
      return TRUE;

    case PIM_CLIENT_AUTH_AUTO:
    default:
      g_assert_not_reached ();
    }
}

gboolean
pim_client_auth_is_tls (PimClientAuthMethod method)
{
  return method == PIM_CLIENT_AUTH_TLS_CLIENT_AUTH ||
         method == PIM_CLIENT_AUTH_SELF_SIGNED_TLS_CLIENT_AUTH;
}

gboolean
pim_client_auth_check_tls (PimOAuthRequest *self, PimHttpClient *client, GError **error)
{
  PimClientAuthMethod method = pim_client_auth_resolve (self);

  if (!pim_client_auth_is_tls (method))
    return TRUE;
  if (client != NULL && pim_http_client_get_tls_client_certificate (client) != NULL)
    return TRUE;
  g_set_error (error, PIM_OAUTH_ERROR, PIM_OAUTH_ERROR_INVALID_ARGUMENT,
               /* translators: %s is a method such as “tls_client_auth” */
               _ ("The HTTP client has no TLS client certificate, which “%s” needs"),
               pim_client_auth_method_to_string (method));
  return FALSE;
}
