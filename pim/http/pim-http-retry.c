/* pim-http-retry.c: when to retry, and how long to wait (pure, no I/O)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "pim-private.h"

#include <math.h>

#include "pim-http-private.h"

/* 429 Too Many Requests and 503 Service Unavailable say "come back later";
 * other failures are not made better by asking again at once. */
gboolean
pim_http_status_is_retryable (guint status)
{
  return status == 429 || status == SOUP_STATUS_SERVICE_UNAVAILABLE;
}

/*
 * pim_http_parse_retry_after:
 * @value: (nullable): a `Retry-After` header value
 * @now: the current time, to turn an HTTP date into a delay
 * @out_seconds: (out): the delay in seconds; a date in the past gives 0
 *
 * Parses RFC 9110 §10.2.3: delay-seconds (digits only) or an HTTP-date.
 *
 * Returns: whether @value was either form
 */
gboolean
pim_http_parse_retry_after (const char *value, GDateTime *now, double *out_seconds)
{
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (value == NULL)
    return FALSE;
  text = g_strstrip (g_strdup (value));
  if (*text == '\0')
    return FALSE;

  if (g_ascii_isdigit (*text))
    {
      guint64 seconds = 0;

      for (const char *p = text; *p != '\0'; p++)
        {
          if (!g_ascii_isdigit (*p))
            return FALSE;
          seconds = seconds * 10 + (guint64) (*p - '0');
          if (seconds > G_MAXINT32)
            seconds = G_MAXINT32; /* saturate: the cap applies anyway */
        }
      *out_seconds = (double) seconds;
      return TRUE;
    }

  date = soup_date_time_new_from_http_string (text);
  if (date == NULL)
    return FALSE;
  *out_seconds = MAX (0.0, (double) g_date_time_difference (date, now) / G_TIME_SPAN_SECOND);
  return TRUE;
}

/*
 * pim_http_retry_delay:
 * @attempt: 0 for the first retry, 1 for the second…
 * @retry_after: (nullable): the server's `Retry-After` value
 * @base_delay: the first backoff delay, in seconds
 * @max_delay: the cap of any delay, in seconds
 * @now: the current time
 *
 * The server's `Retry-After` wins when it parses; otherwise the delay
 * doubles with each attempt, with up to 10% jitter so that clients that
 * failed together do not come back together. Both are capped.
 *
 * Returns: the delay in seconds
 */
double
pim_http_retry_delay (guint       attempt,
                      const char *retry_after,
                      double      base_delay,
                      double      max_delay,
                      GDateTime  *now)
{
  double delay;

  if (pim_http_parse_retry_after (retry_after, now, &delay))
    return MIN (delay, max_delay);

  delay = base_delay * ldexp (1.0, (int) MIN (attempt, 30u));
  delay *= 1.0 + g_random_double_range (0.0, 0.1);
  return MIN (delay, max_delay);
}
