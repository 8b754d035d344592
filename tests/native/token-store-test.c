/* token-store-test.c: the token stores. The in-memory store always; the
 * keyring store (libsecret) when run by with-keyring.sh, which starts a
 * private D-Bus session with GNOME Keyring and sets PIM_TEST_KEYRING_DIR:
 * round trips, a token manager's refresh token and DPoP key across two
 * managers, the documented schema, and no token in clear on disk
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <pim/pim.h>

#include "pim-test-async.h"
#include "token-test-util.h"

#define ISSUER    "https://id.example.com"
#define CLIENT_ID "org.example.App"

typedef PimTokenStore *(*StoreNew) (void);

typedef struct
{
  StoreNew    store_new;
  PimTestMode mode;
} StoreCase;

static GBytes *
lookup (PimTokenStore *store, const char *account, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_token_store_lookup (store, ISSUER, CLIENT_ID, account, NULL, error);
  pim_token_store_lookup_async (store, ISSUER, CLIENT_ID, account, NULL, pim_test_store_result,
                                &result);
  pim_test_wait_result (&result);
  return pim_token_store_lookup_finish (store, result, error);
}

static gboolean
save (PimTokenStore *store,
      const char    *account,
      const char    *secret,
      PimTestMode    mode,
      GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) bytes = g_bytes_new (secret, strlen (secret));

  if (mode == PIM_TEST_SYNC)
    return pim_token_store_save (store, ISSUER, CLIENT_ID, account, bytes, NULL, error);
  pim_token_store_save_async (store, ISSUER, CLIENT_ID, account, bytes, NULL, pim_test_store_result,
                              &result);
  pim_test_wait_result (&result);
  return pim_token_store_save_finish (store, result, error);
}

static gboolean
clear (PimTokenStore *store, const char *account, PimTestMode mode, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  if (mode == PIM_TEST_SYNC)
    return pim_token_store_clear (store, ISSUER, CLIENT_ID, account, NULL, error);
  pim_token_store_clear_async (store, ISSUER, CLIENT_ID, account, NULL, pim_test_store_result,
                               &result);
  pim_test_wait_result (&result);
  return pim_token_store_clear_finish (store, result, error);
}

static void
assert_stored (PimTokenStore *store, const char *account, const char *expected, PimTestMode mode)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) found = lookup (store, account, mode, &error);

  g_assert_no_error (error);
  if (expected == NULL)
    {
      g_assert_null (found);
      return;
    }
  g_assert_nonnull (found);
  g_assert_cmpmem (g_bytes_get_data (found, NULL), g_bytes_get_size (found), expected,
                   strlen (expected));
}

/* save, replace, another account, clear, clear again, missing */
static void
test_round_trip (gconstpointer data)
{
  const StoreCase *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenStore) store = c->store_new ();
  PimTestMode mode = c->mode;

  /* missing: NULL without an error */
  assert_stored (store, NULL, NULL, mode);
  assert_stored (store, "bob", NULL, mode);

  g_assert_true (save (store, NULL, "{\"secret\":1}", mode, &error));
  g_assert_no_error (error);
  assert_stored (store, NULL, "{\"secret\":1}", mode);
  assert_stored (store, "bob", NULL, mode);

  /* replaced, not added */
  g_assert_true (save (store, NULL, "{\"secret\":2}", mode, &error));
  g_assert_no_error (error);
  assert_stored (store, NULL, "{\"secret\":2}", mode);

  /* accounts are apart */
  g_assert_true (save (store, "bob", "{\"bob\":true}", mode, &error));
  g_assert_no_error (error);
  assert_stored (store, "bob", "{\"bob\":true}", mode);
  assert_stored (store, NULL, "{\"secret\":2}", mode);

  /* issuers and clients are apart */
  {
    g_autoptr (GBytes) other =
        pim_token_store_lookup (store, ISSUER "/other", CLIENT_ID, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_null (other);
    other = pim_token_store_lookup (store, ISSUER, CLIENT_ID ".Other", NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (other);
  }

  g_assert_true (clear (store, NULL, mode, &error));
  g_assert_no_error (error);
  assert_stored (store, NULL, NULL, mode);
  assert_stored (store, "bob", "{\"bob\":true}", mode);
  /* clearing what is not there succeeds */
  g_assert_true (clear (store, NULL, mode, &error));
  g_assert_no_error (error);
  g_assert_true (clear (store, "bob", mode, &error));
  g_assert_no_error (error);
  assert_stored (store, "bob", NULL, mode);
}

/* A secret held by a caller outlives its replacement in the store. */
static void
test_memory_held (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenStore) store = pim_memory_token_store_new ();
  g_autoptr (GBytes) held = NULL;

  g_assert_true (save (store, NULL, "first", PIM_TEST_SYNC, &error));
  held = lookup (store, NULL, PIM_TEST_SYNC, &error);
  g_assert_true (save (store, NULL, "second", PIM_TEST_SYNC, &error));
  g_assert_true (clear (store, NULL, PIM_TEST_SYNC, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (held, NULL), g_bytes_get_size (held), "first", 5);
}

static void
test_default (void)
{
  g_autoptr (PimTokenStore) store = pim_token_store_new_default ();

#if PIM_HAS_LIBSECRET
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (store, PIM_TYPE_SECRET_TOKEN_STORE));
#else
  g_assert_true (PIM_IS_MEMORY_TOKEN_STORE (store));
#endif
}

#if PIM_HAS_LIBSECRET

/* A file's bytes contain @needle. */
static gboolean
file_contains (const char *path, const char *needle)
{
  g_autofree char *contents = NULL;
  gsize            len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return memmem (contents, len, needle, strlen (needle)) != NULL;
}

/* The keyring directory holds files, none with @secret in clear. */
static void
assert_not_in_clear (const char *secret)
{
  const char *dir = g_getenv ("PIM_TEST_KEYRING_DIR");
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name = NULL;
  guint       n_files = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      n_files++;
      g_assert_false (file_contains (path, secret));
    }
  /* at least the login keyring */
  g_assert_cmpuint (n_files, >, 0);
  {
    g_autofree char *login = g_build_filename (dir, "login.keyring", NULL);

    g_assert_true (g_file_test (login, G_FILE_TEST_IS_REGULAR));
  }
}

/* A manager saves the refresh token and DPoP key in the keyring; a new
 * manager loads both and refreshes with them (a DPoP-bound refresh
 * token, so the restored key is what makes the refresh work). */
static void
test_secret_manager (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimDiscoveryDocument) document = test_discover ();
  g_autoptr (PimTokenStore) store = pim_secret_token_store_new ();
  g_autoptr (PimDPoPKey) key = pim_dpop_key_new_generate (NULL, &error);
  g_autoptr (PimTokenResponse) tokens = test_sign_in (key);
  g_autoptr (PimTokenManager) first = pim_token_manager_new (document, PIM_TEST_CLIENT_DESKTOP_ID);
  g_autoptr (PimTokenManager) second = pim_token_manager_new (document, PIM_TEST_CLIENT_DESKTOP_ID);
  g_autoptr (PimTokenResponse) refreshed = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *token = NULL;
  gboolean         found = FALSE;
  g_autofree char *secret_tool = g_find_program_in_path ("secret-tool");

  g_assert_no_error (error);
  pim_token_manager_set_store (first, store);
  pim_token_manager_set_dpop_key (first, key);
  g_assert_true (pim_token_manager_set_tokens (first, tokens, NULL, &error));
  g_assert_no_error (error);
  assert_not_in_clear (pim_token_response_get_refresh_token (tokens));

  pim_token_manager_set_store (second, store);
  if (mode == PIM_TEST_SYNC)
    found = pim_token_manager_load (second, NULL, &error);
  else
    {
      pim_token_manager_load_async (second, NULL, pim_test_store_result, &result);
      pim_test_wait_result (&result);
      found = pim_token_manager_load_finish (second, result, &error);
      g_clear_object (&result);
    }
  g_assert_no_error (error);
  g_assert_true (found);
  g_assert_true (pim_token_manager_get_signed_in (second));
  g_assert_nonnull (pim_token_manager_get_dpop_key (second));
  g_assert_true (pim_token_manager_get_dpop_key (second) != key);
  g_assert_cmpstr (pim_dpop_key_get_thumbprint (pim_token_manager_get_dpop_key (second)), ==,
                   pim_dpop_key_get_thumbprint (key));

  if (mode == PIM_TEST_SYNC)
    token = pim_token_manager_get_access_token (second, NULL, &error);
  else
    {
      pim_token_manager_get_access_token_async (second, NULL, pim_test_store_result, &result);
      pim_test_wait_result (&result);
      token = pim_token_manager_get_access_token_finish (second, result, &error);
    }
  g_assert_no_error (error);
  refreshed = pim_token_manager_dup_tokens (second);
  g_assert_cmpstr (pim_token_response_get_token_type (refreshed), ==, "DPoP");
  g_assert_cmpstr (token, ==, pim_token_response_get_access_token (refreshed));
  g_assert_cmpstr (token, !=, pim_token_response_get_access_token (tokens));

  /* the rotated refresh token reaches the keyring, not in clear */
  test_wait_stored (store, PIM_TEST_CLIENT_DESKTOP_ID,
                    pim_token_response_get_refresh_token (refreshed));
  assert_not_in_clear (pim_token_response_get_refresh_token (refreshed));

  /* the documented attributes, through secret-tool when it is there */
  if (secret_tool != NULL)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *client_attr =
          g_strdup_printf ("attribute.client-id = %s", PIM_TEST_CLIENT_DESKTOP_ID);
      g_autofree char *label = g_strdup_printf ("label = Pim sign-in for %s at %s",
                                                PIM_TEST_CLIENT_DESKTOP_ID, test_issuer ());
      g_autofree char *issuer_attr = g_strdup_printf ("attribute.issuer = %s", test_issuer ());
      const char *argv[] = { "secret-tool", "search", "--all", "issuer", test_issuer (), NULL };
      int         status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &out, &err, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      /* secret-tool prints the attributes on stderr, the label on stdout */
      {
        g_autofree char *all = g_strconcat (out, err, NULL);

        g_assert_nonnull (strstr (all, "schema = org.gnome.Pim.Token"));
        g_assert_nonnull (strstr (all, issuer_attr));
        g_assert_nonnull (strstr (all, client_attr));
        g_assert_nonnull (strstr (all, "attribute.account = \n"));
        g_assert_nonnull (strstr (all, label));
      }
      g_test_message ("secret-tool search --all issuer %s: schema, attributes and label as "
                      "documented",
                      test_issuer ());
    }
  else
    g_test_message ("secret-tool is not installed: attributes not shown");

  /* signing out clears the keyring */
  g_assert_true (pim_token_manager_sign_out (second, NULL, &error));
  g_assert_no_error (error);
  test_wait_stored (store, PIM_TEST_CLIENT_DESKTOP_ID, NULL);
}

/* No Secret Service (the session bus points nowhere): every operation
 * fails with STORE_FAILED, and so do the manager's load and save (which
 * keeps the tokens all the same). */
static void
test_secret_no_service (gconstpointer data)
{
  PimTestMode mode = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PimTokenStore) store = pim_secret_token_store_new ();
  g_autoptr (GBytes) found = lookup (store, NULL, mode, &error);
  g_autoptr (PimDiscoveryDocument) document = NULL;
  g_autoptr (PimTokenManager) manager = NULL;
  g_autoptr (PimTokenResponse) tokens =
      pim_token_response_new_from_json ("{\"access_token\":\"at-secret\",\"token_type\":\"Bearer\","
                                        "\"expires_in\":600,"
                                        "\"refresh_token\":\"rt-secret\"}",
                                        NULL);

  g_assert_null (found);
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_STORE_FAILED);
  g_test_message ("lookup: %s", error->message);
  g_clear_error (&error);
  g_assert_false (save (store, NULL, "x", mode, &error));
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_STORE_FAILED);
  g_clear_error (&error);
  g_assert_false (clear (store, NULL, mode, &error));
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_STORE_FAILED);
  g_clear_error (&error);

  document = pim_discovery_document_new_from_json (
      "{\"issuer\":\"" ISSUER "\",\"authorization_endpoint\":\"" ISSUER "/auth\","
      "\"token_endpoint\":\"" ISSUER "/token\",\"jwks_uri\":\"" ISSUER "/jwks\","
      "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
      "\"id_token_signing_alg_values_supported\":[\"ES256\"]}",
      ISSUER, NULL, &error);
  g_assert_no_error (error);
  manager = pim_token_manager_new (document, CLIENT_ID);
  pim_token_manager_set_store (manager, store);
  g_assert_false (pim_token_manager_load (manager, NULL, &error));
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_STORE_FAILED);
  g_clear_error (&error);
  g_assert_false (pim_token_manager_set_tokens (manager, tokens, NULL, &error));
  g_assert_error (error, PIM_NATIVE_ERROR, PIM_NATIVE_ERROR_STORE_FAILED);
  g_assert_null (strstr (error->message, "rt-secret"));
  g_assert_true (pim_token_manager_get_signed_in (manager));
  {
    g_autofree char *token = pim_token_manager_get_access_token (manager, NULL, NULL);

    g_assert_cmpstr (token, ==, "at-secret");
  }
}

static PimTokenStore *
secret_store_new (void)
{
  return pim_secret_token_store_new ();
}

#endif

static PimTokenStore *
memory_store_new (void)
{
  return pim_memory_token_store_new ();
}

static const StoreCase memory_cases[] = {
  { memory_store_new, PIM_TEST_SYNC },
  { memory_store_new, PIM_TEST_ASYNC },
};

#if PIM_HAS_LIBSECRET
static const StoreCase secret_cases[] = {
  { secret_store_new, PIM_TEST_SYNC },
  { secret_store_new, PIM_TEST_ASYNC },
};
#endif

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/token-store/memory/round-trip/sync", &memory_cases[0], test_round_trip);
  g_test_add_data_func ("/token-store/memory/round-trip/async", &memory_cases[1], test_round_trip);
  g_test_add_func ("/token-store/memory/held", test_memory_held);
  g_test_add_func ("/token-store/default", test_default);

  /* The keyring's tests run under with-keyring.sh only (the
   * token-store-keyring test), never against the user's own keyring. */
  if (g_getenv ("PIM_TEST_KEYRING_DIR") == NULL)
    {
#if PIM_HAS_LIBSECRET
      /* no Secret Service at all */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/pim-test-bus", TRUE);
      pim_test_add_both ("/token-store/secret", "no-service", test_secret_no_service);
#endif
    }
  else
    {
#if PIM_HAS_LIBSECRET
      g_test_add_data_func ("/token-store/secret/round-trip/sync", &secret_cases[0],
                            test_round_trip);
      g_test_add_data_func ("/token-store/secret/round-trip/async", &secret_cases[1],
                            test_round_trip);
      pim_test_add_both ("/token-store/secret", "manager", test_secret_manager);
#endif
    }

  return g_test_run ();
}
