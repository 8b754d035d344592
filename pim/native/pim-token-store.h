/* pim-token-store.h: where a token manager keeps what outlives the process
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <gio/gio.h>

#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_TOKEN_STORE (pim_token_store_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_INTERFACE (PimTokenStore, pim_token_store, PIM, TOKEN_STORE, GObject)

struct _PimTokenStoreInterface
{
  GTypeInterface g_iface;

  GBytes *(*lookup) (PimTokenStore *self,
                     const char    *issuer,
                     const char    *client_id,
                     const char    *account,
                     GCancellable  *cancellable,
                     GError       **error);
  void (*lookup_async) (PimTokenStore      *self,
                        const char         *issuer,
                        const char         *client_id,
                        const char         *account,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data);
  GBytes *(*lookup_finish) (PimTokenStore *self, GAsyncResult *result, GError **error);

  gboolean (*save) (PimTokenStore *self,
                    const char    *issuer,
                    const char    *client_id,
                    const char    *account,
                    GBytes        *secret,
                    GCancellable  *cancellable,
                    GError       **error);
  void (*save_async) (PimTokenStore      *self,
                      const char         *issuer,
                      const char         *client_id,
                      const char         *account,
                      GBytes             *secret,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data);
  gboolean (*save_finish) (PimTokenStore *self, GAsyncResult *result, GError **error);

  gboolean (*clear) (PimTokenStore *self,
                     const char    *issuer,
                     const char    *client_id,
                     const char    *account,
                     GCancellable  *cancellable,
                     GError       **error);
  void (*clear_async) (PimTokenStore      *self,
                       const char         *issuer,
                       const char         *client_id,
                       const char         *account,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data);
  gboolean (*clear_finish) (PimTokenStore *self, GAsyncResult *result, GError **error);

  /*< private >*/
  gpointer padding[8];
};

PIM_AVAILABLE_IN_0_1
GBytes *pim_token_store_lookup (PimTokenStore *self,
                                const char    *issuer,
                                const char    *client_id,
                                const char    *account,
                                GCancellable  *cancellable,
                                GError       **error);
PIM_AVAILABLE_IN_0_1
void pim_token_store_lookup_async (PimTokenStore      *self,
                                   const char         *issuer,
                                   const char         *client_id,
                                   const char         *account,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
PIM_AVAILABLE_IN_0_1
GBytes *pim_token_store_lookup_finish (PimTokenStore *self, GAsyncResult *result, GError **error);

PIM_AVAILABLE_IN_0_1
gboolean pim_token_store_save (PimTokenStore *self,
                               const char    *issuer,
                               const char    *client_id,
                               const char    *account,
                               GBytes        *secret,
                               GCancellable  *cancellable,
                               GError       **error);
PIM_AVAILABLE_IN_0_1
void pim_token_store_save_async (PimTokenStore      *self,
                                 const char         *issuer,
                                 const char         *client_id,
                                 const char         *account,
                                 GBytes             *secret,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
PIM_AVAILABLE_IN_0_1
gboolean pim_token_store_save_finish (PimTokenStore *self, GAsyncResult *result, GError **error);

PIM_AVAILABLE_IN_0_1
gboolean pim_token_store_clear (PimTokenStore *self,
                                const char    *issuer,
                                const char    *client_id,
                                const char    *account,
                                GCancellable  *cancellable,
                                GError       **error);
PIM_AVAILABLE_IN_0_1
void pim_token_store_clear_async (PimTokenStore      *self,
                                  const char         *issuer,
                                  const char         *client_id,
                                  const char         *account,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
PIM_AVAILABLE_IN_0_1
gboolean pim_token_store_clear_finish (PimTokenStore *self, GAsyncResult *result, GError **error);

PIM_AVAILABLE_IN_0_1
PimTokenStore *pim_token_store_new_default (void);

G_END_DECLS
