/* fault-provider.h: a whole provider made of documents on the fault server,
 * for the fault, load and cancellation tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every endpoint a Pim operation talks to is a document at a path of its
 * own (FAULT_*_PATH), listed in a discovery document, so that a fault set
 * at one path (pim_test_server_set_route() and friends) hits exactly one
 * step of an operation. The provider can be stopped and started again on
 * the same port, and its signing key rotated.
 */

#pragma once

#include <pim/pim.h>

#include "pim-test-async.h"
#include "pim-test-server.h"

G_BEGIN_DECLS

#define FAULT_DISCOVERY_PATH    "/.well-known/openid-configuration"
#define FAULT_JWKS_PATH         "/jwks"
#define FAULT_TOKEN_PATH        "/token"
#define FAULT_INTROSPECT_PATH   "/introspect"
#define FAULT_REVOKE_PATH       "/revoke"
#define FAULT_USERINFO_PATH     "/userinfo"
#define FAULT_USERINFO_JWT_PATH "/userinfo-jwt"
#define FAULT_DEVICE_PATH       "/device"
#define FAULT_DEVICE_TOKEN_PATH "/device-token"
#define FAULT_JSON_PATH         "/json"

#define FAULT_CLIENT_ID     "app"
#define FAULT_CLIENT_SECRET "app-secret"
#define FAULT_AUDIENCE      "api"
#define FAULT_SUBJECT       "alice"
#define FAULT_ACCESS_TOKEN  "at-1"
#define FAULT_USER_CODE     "WDJB-MJHT"

/* Whether this is the AddressSanitizer build, where allocation-heavy work
 * (a TLS handshake loads its trust anew: about 2 s of CPU there, with
 * CI's full unwinding on every malloc) is many times slower. */
#if defined(__SANITIZE_ADDRESS__)
#define FAULT_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FAULT_UNDER_ASAN 1
#endif
#endif

/* The timeout of fault_client(), in seconds, and its retries. */
#define FAULT_TIMEOUT     1
#define FAULT_RETRY_COUNT 2

typedef struct
{
  PimTestServer     *server; /* NULL while stopped */
  PimTestServerFlags flags;
  guint16            port;
  char              *issuer;
  PimJwk            *signing_key; /* signs what fault_provider_mint() makes */
  PimJwkSet         *keys;        /* served at FAULT_JWKS_PATH */
  GHashTable        *built;       /* path → the last document built for it */
} FaultProvider;

/* Starts a provider with one RS256 key, serving every document,
 * and empties Pim's discovery and key set caches. */
void fault_provider_init (FaultProvider *self, PimTestServerFlags flags);
void fault_provider_clear (FaultProvider *self);

/* (Re)serves every document as it should be: undoes every fault. */
void fault_provider_serve (FaultProvider *self);

/* The good document at @path, and its content type; the string lives
 * until the next call for @path. */
const char *fault_provider_document (FaultProvider *self, const char *path, const char **type);

/* Stops the server (connections refused from then on); starts a new one
 * on the same port, serving every document. Hit counts start again. */
void fault_provider_stop (FaultProvider *self);
void fault_provider_restart (FaultProvider *self);

/* A new signing key (its kid is its thumbprint); with @keep_old the old
 * public keys are still served next to the new one. Serves the new key
 * set. */
void fault_provider_rotate (FaultProvider *self, gboolean keep_old);

char *fault_provider_uri (FaultProvider *self, const char *path);
guint fault_provider_hits (FaultProvider *self, const char *path);

/* A JWT from this provider for @audience and @subject, expiring at @exp
 * (seconds since the epoch), signed with the current key. */
char *
fault_provider_mint (FaultProvider *self, const char *audience, const char *subject, gint64 exp);

/* A client that gives up quickly: FAULT_TIMEOUT, FAULT_RETRY_COUNT retries
 * 10 ms apart (doubling, capped at 50 ms). @ca_file (nullable) is the CA it
 * trusts. */
PimHttpClient *fault_client (const char *ca_file);

/* Seconds of the monotonic clock since @start (g_get_monotonic_time()). */
double fault_elapsed (gint64 start);

/* The resident set size of this process, in KiB, from /proc/self/status. */
guint64 fault_vm_rss_kib (void);

/* Aborts the program, naming @what, unless fault_watchdog_disarm() is
 * called within @seconds: a hang fails at once, with its name, rather
 * than at the harness's timeout. */
void fault_watchdog_arm (const char *what, double seconds);
void fault_watchdog_disarm (void);

G_END_DECLS
