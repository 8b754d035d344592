/* fuzz-dpop-nonce.c: what a DPoP client reads from a server's answer
 * (pim/oauth/pim-dpop-key.c: the DPoP-Nonce header, the use_dpop_nonce
 * refusal as a JSON body or a WWW-Authenticate: DPoP challenge, RFC 9449
 * §8, §9)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input makes an answer: byte 0 picks the status and the Content-Type,
 * byte 1's low bit whether a DPoP-Nonce header is sent and its next bit
 * whether "DPoP " goes in front of the challenge; then come the nonce and
 * the WWW-Authenticate value (random-length strings) and the rest is the
 * body. Properties: a nonce is asked for only by a 400 or 401 answer with
 * a DPoP-Nonce; a nonce is kept only when it is valid (1*NQCHAR, bounded)
 * and it is then the header's, byte for byte; the next proof for that
 * server carries it and is still made; nothing else is kept.
 */

#include "fuzz-common.h"

#include "pim-dpop-key-private.h"

static const guint       statuses[] = { 400, 401, 403, 200, 500, 400, 401, 302 };
static const char *const content_types[] = {
  "application/json",
  "application/json; charset=utf-8",
  "text/html",
  NULL,
};

static void
strip_line_breaks (char *text)
{
  for (char *p = text; *p != '\0'; p++)
    if (*p == '\r' || *p == '\n')
      *p = ' ';
}

static PimDPoPKey *
the_key (void)
{
  static PimDPoPKey *key;

  if (key == NULL)
    key = pim_dpop_key_new_generate (NULL, NULL);
  return key;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  PimFuzzInput     in = { data, size };
  guint8           pick = pim_fuzz_take_byte (&in);
  guint8           flags = pim_fuzz_take_byte (&in);
  g_autofree char *nonce = pim_fuzz_take_string (&in, 1024);
  g_autofree char *challenge = pim_fuzz_take_string (&in, 1024);
  guint            status = statuses[pick % G_N_ELEMENTS (statuses)];
  const char      *content_type = content_types[(pick / 8) % G_N_ELEMENTS (content_types)];
  const char      *uri = "https://as.example/token";
  g_autoptr (PimHttpResponse) response = NULL;
  g_autoptr (PimHttpRequest) http = NULL;
  g_autofree char *kept = NULL;
  PimDPoPKey      *key;
  gboolean         wants, learnt;

  pim_fuzz_init ();
  key = the_key ();
  pim_dpop_key_set_nonce (key, uri, NULL);

  response = pim_fuzz_response_new (status, content_type, in.data, in.size);
  strip_line_breaks (nonce);
  strip_line_breaks (challenge);
  if (flags & 1)
    soup_message_headers_append (response->headers, "DPoP-Nonce", nonce);
  if ((flags & 2) || *challenge != '\0')
    {
      g_autofree char *value = g_strconcat ((flags & 2) ? "DPoP " : "", challenge, NULL);

      soup_message_headers_append (response->headers, "WWW-Authenticate", value);
    }

  wants = pim_dpop_response_wants_nonce (response);
  pim_fuzz_assert (!wants || ((status == 400 || status == 401) && (flags & 1)),
                   "a nonce asked for without a DPoP-Nonce or by another status");
  pim_fuzz_assert (pim_dpop_challenge_wants_nonce (status, response->headers) ==
                       (wants && status == 401),
                   "the challenge and the answer disagree");

  learnt = pim_dpop_key_learn_nonce (key, uri, response->headers);
  kept = pim_dpop_key_dup_nonce (key, uri);
  if (learnt)
    {
      pim_fuzz_assert (kept != NULL && strcmp (kept, nonce) == 0, "a nonce kept wrongly");
      pim_fuzz_assert (pim_dpop_nonce_is_valid (kept), "an invalid nonce kept");
      pim_fuzz_assert (strlen (kept) <= PIM_DPOP_NONCE_MAX_LENGTH, "an unbounded nonce kept");
    }
  else
    pim_fuzz_assert (kept == NULL, "a nonce kept without being learnt");

  http = pim_http_request_new ("POST", uri);
  pim_fuzz_assert (pim_dpop_key_apply (key, http, NULL, NULL), "no proof with the kept nonce");
  return 0;
}
