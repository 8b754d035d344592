#!/usr/bin/env node
// verify.mjs: verifies tokens with npm `jose`, one JSON line in, one out.
//
//   printf '%s\n' '{"token":"…","jwks":{"keys":[…]},"alg":["RS256"]}' | node verify.mjs
//
// Each input line is a JSON object:
//   token         the compact JWS
//   jwks          a JWK Set ({"keys":[…]}), an array of JWKs, or one JWK
//                 (public keys; for HS* the oct key)
//   alg           the allowed algorithm, or an array of them
//                 ("allowed_algs" is taken as a synonym; when neither is
//                 given, every algorithm Pim implements is allowed)
// Each output line is
//   {"ok":true,"header":{…},"payload":"…"}
//   {"ok":false,"error":"ERR_…: message","class":"invalid_signature"}
// in the order of the input. Blank input lines are skipped; a line that is
// not a JSON object gives {"ok":false,"error":"input: …","class":"input"}.
// Exit status 0 whatever the verdicts (1 on an I/O error, 77 when `jose` is
// not installed).
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import readline from 'node:readline';
import { loadJose, verifyWithJose } from './reference.mjs';

const { jose } = await loadJose('verify.mjs');

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (line.trim() === '') continue;
  let out;
  let input;
  try {
    input = JSON.parse(line);
  } catch (e) {
    input = undefined;
    out = { ok: false, error: `input: not JSON (${e.message})`, class: 'input' };
  }
  if (out === undefined) {
    if (input === null || typeof input !== 'object' || typeof input.token !== 'string') {
      out = { ok: false, error: 'input: expected an object with a "token" string', class: 'input' };
    } else {
      out = await verifyWithJose(jose, input.token, input.jwks, input.alg ?? input.allowed_algs);
    }
  }
  let text;
  try {
    text = JSON.stringify(out);
  } catch {
    // A header too deeply nested to print (it parsed, it was accepted).
    text = JSON.stringify({ ...out, header: null, header_note: 'too deeply nested to print' });
  }
  if (!process.stdout.write(text + '\n')) {
    await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}
