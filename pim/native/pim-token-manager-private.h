/* pim-token-manager-private.h: the token manager's instance, shared by
 * its source files, and its pure parts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "pim-token-manager.h"

G_BEGIN_DECLS

/* The largest stored blob pim_token_blob_decode() reads. */
#define PIM_TOKEN_BLOB_MAX_SIZE (64 * 1024)

/* The secret a token manager keeps in its store: the JSON object
 * {"version":1,"refresh_token":"…"} with "dpop_key" (the private JWK of
 * the manager's DPoP key, an object) when @dpop_jwk is not NULL. The
 * bytes are wiped when freed. */
G_GNUC_INTERNAL
GBytes *pim_token_blob_encode (const char *refresh_token, const char *dpop_jwk);

/* Reads a blob of pim_token_blob_encode() with the strict JSON reader:
 * an object with "version" 1 (an integer), "refresh_token" a non-empty
 * string and optionally "dpop_key" an object (returned serialized in
 * *@dpop_jwk, else NULL there); other members are ignored. Errors are
 * PIM_NATIVE_ERROR_STORE_FAILED, never quoting the input. */
G_GNUC_INTERNAL
gboolean pim_token_blob_decode (const void *data,
                                gsize       len,
                                char      **refresh_token,
                                char      **dpop_jwk,
                                GError    **error);

/* Whether an access token expiring at @expires_at (Unix seconds; 0 or
 * less: no expiry known, the token is taken as valid) must be refreshed at
 * @now to be valid for at least @margin seconds more: it has expired, or
 * fewer than @margin seconds are left. */
G_GNUC_INTERNAL
gboolean pim_token_needs_refresh (gint64 expires_at, gint64 now, guint margin);

/* Whether it is still valid at all at @now. */
G_GNUC_INTERNAL
gboolean pim_token_is_expired (gint64 expires_at, gint64 now);

/* The manager (pim-token-manager.c: the object; -refresh.c: access tokens
 * and the signals on the main context; -storage.c: the store, set_tokens,
 * load and sign_out). */
struct _PimTokenManager
{
  GObject parent_instance;

  /* construct-only */
  PimDiscoveryDocument             *document;
  char                             *client_id;
  PimClientCredentialsTokenRequest *cc_request;
  GNetworkMonitor                  *monitor;
  GMainContext                     *context;

  GMutex lock; /* everything below */
  GCond  cond;

  PimHttpClient *http_client;
  PimTokenStore *store;
  char          *account;
  guint          margin;
  PimDPoPKey    *dpop_key;

  PimTokenResponse *tokens;
  char             *refresh_token;

  /* single flight */
  gboolean refreshing;
  guint64  generation;    /* completed refreshes */
  char    *outcome_token; /* of the last completed refresh */
  GError  *outcome_error;
  GQueue   waiters; /* async callers waiting for the refresh (PimTokenWaiter) */

  gulong network_changed_id;

  GMutex store_lock; /* serializes the writes to the store */
};

/* What pim_token_manager_emit() emits, in this order. */
typedef enum
{
  PIM_TOKEN_MANAGER_EMIT_NOTIFY_SIGNED_IN = 1 << 0,
  PIM_TOKEN_MANAGER_EMIT_NOTIFY_DPOP_KEY = 1 << 1,
  PIM_TOKEN_MANAGER_EMIT_TOKENS_CHANGED = 1 << 2,
  PIM_TOKEN_MANAGER_EMIT_REFRESH_FAILED = 1 << 3,
  PIM_TOKEN_MANAGER_EMIT_SIGNED_OUT = 1 << 4,
} PimTokenManagerEmission;

/* The current time in Unix seconds. */
G_GNUC_INTERNAL
gint64 pim_token_manager_now_seconds (void);

/* Zeroes and frees the string *@s, and sets it to NULL. */
G_GNUC_INTERNAL
void pim_token_manager_wipe_string (char **s);

/* Whether the manager is signed in ([property@TokenManager:signed-in]);
 * the caller holds self->lock. */
G_GNUC_INTERNAL
gboolean pim_token_manager_signed_in_locked (PimTokenManager *self);

/* Emits @what (PimTokenManagerEmission flags; @error for "refresh-failed")
 * at once, in the calling thread. */
G_GNUC_INTERNAL
void pim_token_manager_emit (PimTokenManager *self, guint what, const GError *error);

/* Emits @what on the manager's main context: at once when this thread is
 * running it, else from an idle source there. */
G_GNUC_INTERNAL
void pim_token_manager_emit_later (PimTokenManager *self, guint what, const GError *error);

/* Writes the refresh token (and DPoP key) the manager holds now to the
 * store, or clears it, in a worker thread; a failure is only logged. */
G_GNUC_INTERNAL
void pim_token_manager_sync_store_in_background (PimTokenManager *self);

G_END_DECLS
