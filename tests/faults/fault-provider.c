/* fault-provider.c: a whole provider made of documents on the fault server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "fault-provider.h"

#include <string.h>

#define JSON_TYPE "application/json"

static const char *const served_paths[] = {
  FAULT_DISCOVERY_PATH,    FAULT_JWKS_PATH,     FAULT_TOKEN_PATH,        FAULT_INTROSPECT_PATH,
  FAULT_REVOKE_PATH,       FAULT_USERINFO_PATH, FAULT_USERINFO_JWT_PATH, FAULT_DEVICE_PATH,
  FAULT_DEVICE_TOKEN_PATH, FAULT_JSON_PATH,
};

static char *
discovery_document (const char *issuer)
{
  static const char template[] =
      "{\"issuer\":\"@\",\"authorization_endpoint\":\"@/authorize\","
      "\"token_endpoint\":\"@" FAULT_TOKEN_PATH "\","
      "\"introspection_endpoint\":\"@" FAULT_INTROSPECT_PATH "\","
      "\"revocation_endpoint\":\"@" FAULT_REVOKE_PATH "\","
      "\"userinfo_endpoint\":\"@" FAULT_USERINFO_PATH "\","
      "\"device_authorization_endpoint\":\"@" FAULT_DEVICE_PATH "\","
      "\"jwks_uri\":\"@" FAULT_JWKS_PATH "\","
      "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\",\"none\"],"
      "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
      "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
  g_auto (GStrv) pieces = g_strsplit (template, "@", -1);

  /* Every "@" is the issuer. */
  return g_strjoinv (issuer, pieces);
}

/* Keeps a built document until the next one for the same path. */
static const char *
built (FaultProvider *self, const char *path, char *document)
{
  g_hash_table_replace (self->built, g_strdup (path), document);
  return document;
}

const char *
fault_provider_document (FaultProvider *self, const char *path, const char **type)
{
  *type = JSON_TYPE;
  if (g_str_equal (path, FAULT_DISCOVERY_PATH))
    return built (self, path, discovery_document (self->issuer));
  if (g_str_equal (path, FAULT_JWKS_PATH))
    return built (self, path, pim_jwk_set_to_json (self->keys, FALSE));
  if (g_str_equal (path, FAULT_TOKEN_PATH) || g_str_equal (path, FAULT_DEVICE_TOKEN_PATH))
    return "{\"access_token\":\"" FAULT_ACCESS_TOKEN "\",\"token_type\":\"Bearer\","
           "\"expires_in\":300}";
  if (g_str_equal (path, FAULT_INTROSPECT_PATH))
    return "{\"active\":true,\"sub\":\"" FAULT_SUBJECT "\",\"client_id\":\"" FAULT_CLIENT_ID "\"}";
  if (g_str_equal (path, FAULT_REVOKE_PATH))
    {
      *type = "text/plain";
      return "";
    }
  if (g_str_equal (path, FAULT_USERINFO_PATH))
    return "{\"sub\":\"" FAULT_SUBJECT "\",\"name\":\"Alice\"}";
  if (g_str_equal (path, FAULT_USERINFO_JWT_PATH))
    {
      *type = "application/jwt";
      /* UserInfo JWTs need no exp (require-exp is off for them), but one
       * does no harm. */
      return built (self, path,
                    fault_provider_mint (self, FAULT_CLIENT_ID, FAULT_SUBJECT,
                                         g_get_real_time () / G_USEC_PER_SEC + 3600));
    }
  if (g_str_equal (path, FAULT_DEVICE_PATH))
    return built (self, path,
                  g_strdup_printf ("{\"device_code\":\"dc-1\",\"user_code\":\"" FAULT_USER_CODE
                                   "\",\"verification_uri\":\"%s/verify\",\"expires_in\":300,"
                                   "\"interval\":1}",
                                   self->issuer));
  if (g_str_equal (path, FAULT_JSON_PATH))
    return "{\"ok\":true}";
  g_assert_not_reached ();
}

void
fault_provider_serve (FaultProvider *self)
{
  for (gsize i = 0; i < G_N_ELEMENTS (served_paths); i++)
    {
      const char *type = NULL;
      const char *body = fault_provider_document (self, served_paths[i], &type);

      pim_test_server_set_route (self->server, served_paths[i], NULL);
      pim_test_server_set_delay (self->server, served_paths[i], 0);
      pim_test_server_set_document (self->server, served_paths[i], 200, type, body);
    }
}

/* RSA key generation takes a good part of a second under a sanitizer:
 * every provider starts with the same first key, made once. */
static PimJwk *
first_key (void)
{
  static PimJwk *key = NULL;
  static gsize   made = 0;

  if (g_once_init_enter (&made))
    {
      g_autoptr (GError) error = NULL;

      key = pim_jwk_generate ("RS256", &error);
      g_assert_no_error (error);
      g_once_init_leave (&made, 1);
    }
  return key;
}

static void
new_keys (FaultProvider *self, gboolean keep_old)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimJwk) pub = NULL;
  g_autoptr (PimJwkSet) keys = pim_jwk_set_new ();

  if (self->signing_key == NULL)
    self->signing_key = g_object_ref (first_key ());
  else
    {
      g_clear_object (&self->signing_key);
      self->signing_key = pim_jwk_generate ("RS256", &error);
      g_assert_no_error (error);
    }
  pub = pim_jwk_get_public (self->signing_key);
  if (keep_old && self->keys != NULL)
    for (guint i = 0; i < pim_jwk_set_get_n_keys (self->keys); i++)
      pim_jwk_set_add (keys, pim_jwk_set_get_key (self->keys, i));
  pim_jwk_set_add (keys, pub);
  g_set_object (&self->keys, keys);
}

void
fault_provider_init (FaultProvider *self, PimTestServerFlags flags)
{
  memset (self, 0, sizeof *self);
  self->flags = flags;
  self->server = pim_test_server_new (flags);
  self->port = pim_test_server_get_port (self->server);
  self->issuer = pim_test_server_get_uri (self->server, "");
  self->built = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  new_keys (self, FALSE);
  fault_provider_serve (self);
  pim_clear_discovery_cache ();
  pim_clear_jwks_cache ();
}

void
fault_provider_clear (FaultProvider *self)
{
  g_clear_pointer (&self->server, pim_test_server_free);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_object (&self->signing_key);
  g_clear_object (&self->keys);
  g_clear_pointer (&self->built, g_hash_table_unref);
}

void
fault_provider_stop (FaultProvider *self)
{
  g_clear_pointer (&self->server, pim_test_server_free);
}

void
fault_provider_restart (FaultProvider *self)
{
  g_assert_null (self->server);
  self->server = pim_test_server_new_on_port (self->flags, self->port);
  g_assert_cmpuint (pim_test_server_get_port (self->server), ==, self->port);
  fault_provider_serve (self);
}

void
fault_provider_rotate (FaultProvider *self, gboolean keep_old)
{
  new_keys (self, keep_old);
  fault_provider_serve (self);
}

char *
fault_provider_uri (FaultProvider *self, const char *path)
{
  return g_strconcat (self->issuer, path, NULL);
}

guint
fault_provider_hits (FaultProvider *self, const char *path)
{
  return pim_test_server_get_hits (self->server, path);
}

char *
fault_provider_mint (FaultProvider *self, const char *audience, const char *subject, gint64 exp)
{
  g_autoptr (JsonObject) claims = json_object_new ();
  g_autoptr (GError) error = NULL;
  char *token;

  json_object_set_string_member (claims, "iss", self->issuer);
  json_object_set_string_member (claims, "aud", audience);
  json_object_set_string_member (claims, "sub", subject);
  json_object_set_int_member (claims, "iat", g_get_real_time () / G_USEC_PER_SEC - 10);
  json_object_set_int_member (claims, "exp", exp);
  token = pim_jwt_sign (claims, self->signing_key, NULL, NULL, &error);
  g_assert_no_error (error);
  return token;
}

PimHttpClient *
fault_client (const char *ca_file)
{
  g_autoptr (GError) error = NULL;
  PimHttpClient *client =
      g_initable_new (PIM_TYPE_HTTP_CLIENT, NULL, &error, "timeout", FAULT_TIMEOUT, "retry-count",
                      FAULT_RETRY_COUNT, "retry-base-delay", 0.01, "retry-max-delay", 0.05,
                      "ca-file", ca_file, NULL);

  g_assert_no_error (error);
  return client;
}

double
fault_elapsed (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

guint64
fault_vm_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char      *line;
  guint64          kib = 0;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "\nVmRSS:");
  g_assert_nonnull (line);
  kib = g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10);
  g_assert_cmpuint (kib, >, 0);
  return kib;
}

static GMutex watchdog_lock;
static GCond  watchdog_cond;
static char  *watchdog_what;
static gint64 watchdog_deadline;

static gpointer
watchdog_thread (gpointer data)
{
  (void) data;
  g_mutex_lock (&watchdog_lock);
  for (;;)
    {
      if (watchdog_what == NULL)
        g_cond_wait (&watchdog_cond, &watchdog_lock);
      else if (!g_cond_wait_until (&watchdog_cond, &watchdog_lock, watchdog_deadline) &&
               watchdog_what != NULL && g_get_monotonic_time () >= watchdog_deadline)
        g_error ("%s did not finish in time: it hangs", watchdog_what);
    }
  return NULL;
}

void
fault_watchdog_arm (const char *what, double seconds)
{
  static gsize started = 0;

  if (g_once_init_enter (&started))
    {
      g_thread_unref (g_thread_new ("fault-watchdog", watchdog_thread, NULL));
      g_once_init_leave (&started, 1);
    }
  g_mutex_lock (&watchdog_lock);
  g_free (watchdog_what);
  watchdog_what = g_strdup (what);
  watchdog_deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  g_cond_signal (&watchdog_cond);
  g_mutex_unlock (&watchdog_lock);
}

void
fault_watchdog_disarm (void)
{
  g_mutex_lock (&watchdog_lock);
  g_clear_pointer (&watchdog_what, g_free);
  g_cond_signal (&watchdog_cond);
  g_mutex_unlock (&watchdog_lock);
}
