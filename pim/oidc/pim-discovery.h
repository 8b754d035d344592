/* pim-discovery.h: fetching discovery documents and key sets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <gio/gio.h>

#include "pim-discovery-document.h"
#include "pim-discovery-policy.h"
#include "pim-http-client.h"
#include "pim-jwk-set.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

#define PIM_TYPE_DISCOVERY_REQUEST (pim_discovery_request_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimDiscoveryRequest, pim_discovery_request, PIM, DISCOVERY_REQUEST, GObject)

PIM_AVAILABLE_IN_0_1
PimDiscoveryRequest *pim_discovery_request_new (const char *address);

PIM_AVAILABLE_IN_0_1
const char *pim_discovery_request_get_address (PimDiscoveryRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_discovery_request_set_address (PimDiscoveryRequest *self, const char *address);

PIM_AVAILABLE_IN_0_1
PimDiscoveryPolicy *pim_discovery_request_get_policy (PimDiscoveryRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_discovery_request_set_policy (PimDiscoveryRequest *self, PimDiscoveryPolicy *policy);

PIM_AVAILABLE_IN_0_1
gboolean pim_discovery_request_get_oauth_metadata (PimDiscoveryRequest *self);
PIM_AVAILABLE_IN_0_1
void pim_discovery_request_set_oauth_metadata (PimDiscoveryRequest *self, gboolean oauth_metadata);

PIM_AVAILABLE_IN_0_1
PimDiscoveryDocument *pim_get_discovery_document (PimDiscoveryRequest *request,
                                                  PimHttpClient       *client,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
PIM_AVAILABLE_IN_0_1
void pim_get_discovery_document_async (PimDiscoveryRequest *request,
                                       PimHttpClient       *client,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
PIM_AVAILABLE_IN_0_1
PimDiscoveryDocument *pim_get_discovery_document_finish (GAsyncResult *result, GError **error);

PIM_AVAILABLE_IN_0_1
PimJwkSet *pim_get_jwks (const char    *jwks_uri,
                         PimHttpClient *client,
                         GCancellable  *cancellable,
                         GError       **error);
PIM_AVAILABLE_IN_0_1
void pim_get_jwks_async (const char         *jwks_uri,
                         PimHttpClient      *client,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data);
PIM_AVAILABLE_IN_0_1
PimJwkSet *pim_get_jwks_finish (GAsyncResult *result, GError **error);

PIM_AVAILABLE_IN_0_1
void pim_get_cache_stats (guint64 *hits, guint64 *misses, guint64 *refreshes, guint64 *coalesced);
PIM_AVAILABLE_IN_0_1
void pim_clear_discovery_cache (void);
PIM_AVAILABLE_IN_0_1
void pim_clear_jwks_cache (void);

G_END_DECLS
