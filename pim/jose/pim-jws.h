/* pim-jws.h: JWS compact serialization (RFC 7515)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pim-jwk-set.h"
#include "pim-jwk.h"
#include "pim-version-macros.h"

G_BEGIN_DECLS

/**
 * PIM_JWS_MAX_TOKEN_SIZE:
 *
 * The largest compact JWS Pim parses, in bytes (256 KiB).
 *
 * Since: 0.1
 */
#define PIM_JWS_MAX_TOKEN_SIZE (256 * 1024)

#define PIM_TYPE_JWS (pim_jws_get_type ())

PIM_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (PimJws, pim_jws, PIM, JWS, GObject)

PIM_AVAILABLE_IN_0_1
PimJws *pim_jws_parse (const char *token, GError **error);

PIM_AVAILABLE_IN_0_1
JsonObject *pim_jws_get_header (PimJws *self);

PIM_AVAILABLE_IN_0_1
const char *pim_jws_get_algorithm (PimJws *self);

PIM_AVAILABLE_IN_0_1
const char *pim_jws_get_key_id (PimJws *self);

PIM_AVAILABLE_IN_0_1
const char *pim_jws_get_media_type (PimJws *self);

PIM_AVAILABLE_IN_0_1
GBytes *pim_jws_get_payload (PimJws *self);

PIM_AVAILABLE_IN_0_1
PimJwk *
pim_jws_verify (PimJws *self, PimJwkSet *keys, const char *const *allowed_algs, GError **error);

PIM_AVAILABLE_IN_0_1
gboolean pim_jws_verify_with_key (PimJws            *self,
                                  PimJwk            *key,
                                  const char *const *allowed_algs,
                                  GError           **error);

PIM_AVAILABLE_IN_0_1
char *
pim_jws_sign (GBytes *payload, PimJwk *key, const char *alg, JsonObject *header, GError **error);

G_END_DECLS
