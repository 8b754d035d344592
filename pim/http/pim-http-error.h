/* pim-http-error.h: errors of the HTTP layer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__PIM_INSIDE__) && !defined(PIM_COMPILATION)
#error "Only <pim/pim.h> can be included directly."
#endif

#include <glib.h>

#include "pim-version-macros.h"

G_BEGIN_DECLS

/**
 * PIM_HTTP_ERROR:
 *
 * The error domain of the HTTP layer. Errors in this domain are from the
 * [error@HttpError] enumeration.
 *
 * Since: 0.1
 */
#define PIM_HTTP_ERROR (pim_http_error_quark ())

/**
 * PimHttpError:
 * @PIM_HTTP_ERROR_FAILED: a failure that no other code describes
 * @PIM_HTTP_ERROR_CLOSED: the client was closed with [method@HttpClient.close]
 * @PIM_HTTP_ERROR_INVALID_ARGUMENT: the client or request was given settings
 *   that cannot work together, or a URL that is not valid
 * @PIM_HTTP_ERROR_TIMEOUT: the server did not answer in time
 * @PIM_HTTP_ERROR_STATUS: the server answered with an HTTP status that is not
 *   a success, or kept answering 429/503 after every retry
 * @PIM_HTTP_ERROR_REDIRECT_REFUSED: the server answered with a redirect, which
 *   Pim never follows on protocol endpoints
 * @PIM_HTTP_ERROR_TOO_LARGE: the response body is larger than the client's
 *   [property@HttpClient:max-response-size]
 * @PIM_HTTP_ERROR_NOT_JSON: a JSON response was expected but the content type
 *   or the body is not JSON
 * @PIM_HTTP_ERROR_TLS: the TLS connection failed, for example because the
 *   server certificate is not trusted
 * @PIM_HTTP_ERROR_CONNECTION: the server could not be reached (name
 *   resolution, connection refused or reset), or the connection ended
 *   before the whole response was received
 * @PIM_HTTP_ERROR_INSECURE: a plain `http` URL outside the loopback interface
 *   was refused
 *
 * Error codes of the [error@HttpError] domain. Messages name the URL without
 * its query and fragment, so that no secret travels in an error.
 *
 * Since: 0.1
 */
typedef enum
{
  PIM_HTTP_ERROR_FAILED,
  PIM_HTTP_ERROR_CLOSED,
  PIM_HTTP_ERROR_INVALID_ARGUMENT,
  PIM_HTTP_ERROR_TIMEOUT,
  PIM_HTTP_ERROR_STATUS,
  PIM_HTTP_ERROR_REDIRECT_REFUSED,
  PIM_HTTP_ERROR_TOO_LARGE,
  PIM_HTTP_ERROR_NOT_JSON,
  PIM_HTTP_ERROR_TLS,
  PIM_HTTP_ERROR_CONNECTION,
  PIM_HTTP_ERROR_INSECURE,
} PimHttpError;

PIM_AVAILABLE_IN_0_1
GQuark pim_http_error_quark (void);

G_END_DECLS
