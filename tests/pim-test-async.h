/* pim-test-async.h: running async operations to completion in tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

/* Use as the GAsyncReadyCallback with &result as user data, then
 * pim_test_wait_result (&result). */
static inline void
pim_test_store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

/* Iterates the thread-default main context until the result arrives. */
static inline void
pim_test_wait_result (GAsyncResult **result)
{
  GMainContext *context = g_main_context_ref_thread_default ();

  while (*result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_unref (context);
}

typedef enum
{
  PIM_TEST_SYNC,
  PIM_TEST_ASYNC,
} PimTestMode;

static inline const char *
pim_test_mode_name (PimTestMode mode)
{
  return mode == PIM_TEST_SYNC ? "sync" : "async";
}

/* Registers @func twice, as PREFIX/NAME/sync and PREFIX/NAME/async, with
 * the PimTestMode as its data. */
static inline void
pim_test_add_both (const char *prefix, const char *name, GTestDataFunc func)
{
  for (PimTestMode mode = PIM_TEST_SYNC; mode <= PIM_TEST_ASYNC; mode++)
    {
      char *path = g_strdup_printf ("%s/%s/%s", prefix, name, pim_test_mode_name (mode));

      g_test_add_data_func (path, GINT_TO_POINTER (mode), func);
      g_free (path);
    }
}

/* Cancels @cancellable after @ms milliseconds, from another thread, so
 * that it also interrupts a blocking sync call. */
typedef struct
{
  GCancellable *cancellable;
  GObject      *object;
  guint         ms;
} PimTestCancelLater;

static inline gpointer
pim_test_cancel_later_thread (gpointer data)
{
  PimTestCancelLater *later = data;

  g_usleep (later->ms * 1000);
  g_cancellable_cancel (later->cancellable);
  g_object_unref (later->cancellable);
  g_free (later);
  return NULL;
}

static inline GThread *
pim_test_cancel_later (GCancellable *cancellable, guint ms)
{
  PimTestCancelLater *later = g_new0 (PimTestCancelLater, 1);

  later->cancellable = g_object_ref (cancellable);
  later->ms = ms;
  return g_thread_new ("cancel-later", pim_test_cancel_later_thread, later);
}

/* pim_http_client_get_json() or its async form, by @mode. Needs <pim/pim.h>
 * or the private headers included before this one. */
#ifdef PIM_TYPE_HTTP_CLIENT
static inline JsonNode *
pim_test_get_json (PimHttpClient *client, const char *uri, PimTestMode mode, GError **error)
{
  GAsyncResult *result = NULL;
  JsonNode     *node;

  if (mode == PIM_TEST_SYNC)
    return pim_http_client_get_json (client, uri, NULL, error);
  pim_http_client_get_json_async (client, uri, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  node = pim_http_client_get_json_finish (client, result, error);
  g_object_unref (result);
  return node;
}

static inline gpointer
pim_test_close_later_thread (gpointer data)
{
  PimTestCancelLater *later = data;

  g_usleep (later->ms * 1000);
  pim_http_client_close (PIM_HTTP_CLIENT (later->object));
  g_object_unref (later->object);
  g_free (later);
  return NULL;
}

/* Closes @client after @ms milliseconds, from another thread. */
static inline GThread *
pim_test_close_later (PimHttpClient *client, guint ms)
{
  PimTestCancelLater *later = g_new0 (PimTestCancelLater, 1);

  later->object = g_object_ref (G_OBJECT (client));
  later->ms = ms;
  return g_thread_new ("close-later", pim_test_close_later_thread, later);
}
#endif

/* pim_request_token() or its async form, by @mode. Needs <pim/pim.h> or
 * the private headers included before this one. */
#ifdef PIM_TYPE_TOKEN_REQUEST
static inline PimTokenResponse *
pim_test_request_token (PimTokenRequest *request,
                        PimHttpClient   *client,
                        PimTestMode      mode,
                        GError         **error)
{
  GAsyncResult     *result = NULL;
  PimTokenResponse *response;

  if (mode == PIM_TEST_SYNC)
    return pim_request_token (request, client, NULL, error);
  pim_request_token_async (request, client, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  response = pim_request_token_finish (result, error);
  g_object_unref (result);
  return response;
}
#endif

/* pim_get_userinfo() or its async form, by @mode; the same header needs. */
#ifdef PIM_TYPE_USERINFO_REQUEST
static inline PimUserInfoResponse *
pim_test_get_userinfo (PimUserInfoRequest *request,
                       PimHttpClient      *client,
                       PimTestMode         mode,
                       GError            **error)
{
  GAsyncResult        *result = NULL;
  PimUserInfoResponse *response;

  if (mode == PIM_TEST_SYNC)
    return pim_get_userinfo (request, client, NULL, error);
  pim_get_userinfo_async (request, client, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  response = pim_get_userinfo_finish (result, error);
  g_object_unref (result);
  return response;
}
#endif

/* pim_pushed_authorization_request_send() or its async form, by @mode;
 * the same header needs. */
#ifdef PIM_TYPE_PUSHED_AUTHORIZATION_REQUEST
static inline PimPushedAuthorizationResponse *
pim_test_push_authorization (PimPushedAuthorizationRequest *request,
                             PimTestMode                    mode,
                             GError                       **error)
{
  GAsyncResult                   *result = NULL;
  PimPushedAuthorizationResponse *response;

  if (mode == PIM_TEST_SYNC)
    return pim_pushed_authorization_request_send (request, NULL, NULL, error);
  pim_pushed_authorization_request_send_async (request, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  response = pim_pushed_authorization_request_send_finish (request, result, error);
  g_object_unref (result);
  return response;
}
#endif

/* pim_validate_token() or its async form, by @mode; the same header needs. */
#ifdef PIM_TYPE_TOKEN_VALIDATION_PARAMETERS
static inline PimClaims *
pim_test_validate_token (const char                   *token,
                         PimTokenValidationParameters *parameters,
                         PimTestMode                   mode,
                         GError                      **error)
{
  GAsyncResult *result = NULL;
  PimClaims    *claims;

  if (mode == PIM_TEST_SYNC)
    return pim_validate_token (token, parameters, NULL, NULL, error);
  pim_validate_token_async (token, parameters, NULL, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  claims = pim_validate_token_finish (result, error);
  g_object_unref (result);
  return claims;
}
#endif

/* pim_browser_sign_in_run() or its async form, by @mode; the same header
 * needs. */
#ifdef PIM_TYPE_BROWSER_SIGN_IN
static inline PimSignInResult *
pim_test_run_sign_in (PimBrowserSignIn *sign_in,
                      GCancellable     *cancellable,
                      PimTestMode       mode,
                      GError          **error)
{
  GAsyncResult    *result = NULL;
  PimSignInResult *signed_in;

  if (mode == PIM_TEST_SYNC)
    return pim_browser_sign_in_run (sign_in, cancellable, error);
  pim_browser_sign_in_run_async (sign_in, cancellable, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  signed_in = pim_browser_sign_in_run_finish (sign_in, result, error);
  g_object_unref (result);
  return signed_in;
}
#endif

/* pim_token_manager_get_access_token() or its async form, by @mode; the
 * same header needs. */
#ifdef PIM_TYPE_TOKEN_MANAGER
static inline char *
pim_test_get_access_token (PimTokenManager *manager, PimTestMode mode, GError **error)
{
  GAsyncResult *result = NULL;
  char         *token;

  if (mode == PIM_TEST_SYNC)
    return pim_token_manager_get_access_token (manager, NULL, error);
  pim_token_manager_get_access_token_async (manager, NULL, pim_test_store_result, &result);
  pim_test_wait_result (&result);
  token = pim_token_manager_get_access_token_finish (manager, result, error);
  g_object_unref (result);
  return token;
}
#endif
