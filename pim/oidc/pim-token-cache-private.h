/* pim-token-cache-private.h: the validated-token cache
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A bounded LRU map from the SHA-256 of a token (the token itself is never
 * kept) to the claims it was validated to, for one parameters object.
 * Entries never outlive the token's `exp`, and are dropped when the key
 * sets are cleared or forced to refresh (a process-wide generation). Safe
 * to use from several threads.
 */

#pragma once

#include "pim-token-validation.h"

G_BEGIN_DECLS

typedef struct _PimTokenCache PimTokenCache;

G_GNUC_INTERNAL
PimTokenCache *pim_token_cache_new (guint max_entries);
G_GNUC_INTERNAL
PimTokenCache *pim_token_cache_ref (PimTokenCache *cache);
G_GNUC_INTERNAL
void pim_token_cache_unref (PimTokenCache *cache);

/* The claims validated for @token under the trust @trust (any string that
 * tells apart where the keys came from), if its entry is still valid at
 * @now: a new reference, or NULL. Counts a hit or a miss. */
G_GNUC_INTERNAL
PimClaims *
pim_token_cache_lookup (PimTokenCache *cache, const char *token, const char *trust, gint64 now);

/* Remembers that @token validated to @claims, until @expires (Unix
 * seconds, the token's `exp`), if @generation (read with
 * pim_token_cache_get_generation() before the keys were looked up) is
 * still current. */
G_GNUC_INTERNAL
void pim_token_cache_insert (PimTokenCache *cache,
                             const char    *token,
                             const char    *trust,
                             PimClaims     *claims,
                             gint64         expires,
                             guint          generation);

G_GNUC_INTERNAL
void pim_token_cache_clear (PimTokenCache *cache);

G_GNUC_INTERNAL
void pim_token_cache_get_stats (PimTokenCache *cache, guint64 *hits, guint64 *misses);

/* Every entry of every cache made before the last call to
 * pim_token_cache_bump_generation() is stale. */
G_GNUC_INTERNAL
guint pim_token_cache_get_generation (void);
G_GNUC_INTERNAL
void pim_token_cache_bump_generation (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PimTokenCache, pim_token_cache_unref)

G_END_DECLS
