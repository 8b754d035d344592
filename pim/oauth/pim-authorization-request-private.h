/* pim-authorization-request-private.h: the authorization request's
 * instance, shared by its source files, and its internal parts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "pim-authorization-request.h"
#include "pim-discovery-policy.h"
#include "pim-jwk-set.h"
#include "pim-token-validation.h"

G_BEGIN_DECLS

/* How long a request object is valid, in seconds (RFC 9101 `exp`). */
#define PIM_REQUEST_OBJECT_LIFETIME 300
/* The clock skew allowed for a JARM response's `exp`, in seconds. */
#define PIM_JARM_CLOCK_SKEW 30

/* The request (pim-authorization-request.c: the object; -accessors.c:
 * getters and setters; -build.c: prepare and the URL; -parse.c: the
 * answer). */
struct _PimAuthorizationRequest
{
  PimOAuthRequest parent_instance;

  char    *redirect_uri;
  char    *response_type;
  char    *scope;
  char    *state;
  char    *nonce;
  char    *code_verifier;
  char    *code_challenge;
  char    *code_challenge_method;
  char    *response_mode;
  char    *prompt;
  char    *login_hint;
  char    *acr_values;
  char    *claims;
  gint64   max_age;
  char    *dpop_jkt;
  char    *request_object_alg;
  GStrv    resources;
  gboolean require_issuer;
  gboolean require_pushed;
  PimJwk  *request_object_key;
};

/* Whether the space-separated @list has @word. */
G_GNUC_INTERNAL
gboolean pim_authorization_has_word (const char *list, const char *word);

/* The parameters of @self as name, value, name, value…: Pim's own, then
 * the extra ones; or, with a request object key, only `client_id` and the
 * signed `request` that holds them all (RFC 9101). What the URL carries,
 * and what is pushed (RFC 9126 §2.1). Pure but for the request object's
 * randomness and time. */
G_GNUC_INTERNAL
GPtrArray *pim_authorization_request_build_params (PimAuthorizationRequest *self, GError **error);

/* Sets @error to PIM_OAUTH_ERROR_INVALID_ARGUMENT with @message; returns
 * FALSE. */
G_GNUC_INTERNAL
gboolean pim_authorization_invalid_argument (GError **error, const char *message);

/* Sets @error to PIM_OAUTH_ERROR_INVALID_ARGUMENT for the parameter @name
 * given twice; returns FALSE. */
G_GNUC_INTERNAL
gboolean pim_authorization_refuse_twice (const char *name, GError **error);

/* RFC 9101 §4: the signed request object holding @params (name, value…)
 * of @self, which has a request object key. Pure but for its randomness
 * and time. */
G_GNUC_INTERNAL
char *pim_authorization_request_make_request_object (PimAuthorizationRequest *self,
                                                     GPtrArray               *params,
                                                     GError                 **error);

/* The parameters of the authorization response @response (a URI, or a
 * posted form's body for PIM_AUTHORIZATION_RESPONSE_MODE_FORM_POST) in
 * @mode, which is not AUTO. */
G_GNUC_INTERNAL
JsonObject *pim_authorization_read_params (const char                  *response,
                                           PimAuthorizationResponseMode mode,
                                           GError                     **error);

/* The string parameter @name of @params, or NULL. */
G_GNUC_INTERNAL
const char *pim_authorization_param (JsonObject *params, const char *name);

/* The checks of a response's @params shared by plain and JWT responses:
 * state, issuer, error, what the response type promises. */
G_GNUC_INTERNAL
PimAuthorizationResponse *pim_authorization_request_check_params (PimAuthorizationRequest *self,
                                                                  JsonObject              *params,
                                                                  GError                 **error);

/* The validation of a JARM response of @issuer for @client_id: asymmetric
 * algorithms only, aud = the client, exp required, a small clock skew;
 * @keys (nullable) instead of the issuer's discovered ones. */
G_GNUC_INTERNAL
PimTokenValidationParameters *pim_authorization_jarm_parameters (const char         *issuer,
                                                                 const char         *client_id,
                                                                 PimJwkSet          *keys,
                                                                 PimDiscoveryPolicy *policy);

/* The authorization parameters among a verified JARM JWT's @claims: every
 * member but aud, exp, iat and nbf, as strings (integers written out);
 * INVALID_RESPONSE for any other type. */
G_GNUC_INTERNAL
JsonObject *pim_authorization_jarm_params (JsonObject *claims, GError **error);

/* Verifies the JARM JWT @jwt against @keys for @issuer and @client_id at
 * @now (Unix seconds; 0 for the real time) and returns its parameters.
 * Pure: no I/O (fuzzing, tests). */
G_GNUC_INTERNAL
JsonObject *pim_authorization_jarm_validate (const char *jwt,
                                             PimJwkSet  *keys,
                                             const char *issuer,
                                             const char *client_id,
                                             gint64      now,
                                             GError    **error);

/* pim_authorization_request_parse_jwt_response() with @keys instead of
 * the issuer's discovered ones, at @now (0: the real time). Pure. */
G_GNUC_INTERNAL
PimAuthorizationResponse *
pim_authorization_request_parse_jwt_response_with_keys (PimAuthorizationRequest     *self,
                                                        const char                  *response,
                                                        PimAuthorizationResponseMode mode,
                                                        PimJwkSet                   *keys,
                                                        gint64                       now,
                                                        GError                     **error);

G_END_DECLS
