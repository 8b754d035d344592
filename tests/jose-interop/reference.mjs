// reference.mjs: the reference verifier shared by generate.mjs and verify.mjs.
//
// It verifies a compact JWS with npm `jose` (compactVerify) against a JWK Set
// and an algorithm allowlist, trying every candidate key when several fit
// (no `kid`, or a repeated `kid`), and sorts jose's error into the failure
// classes the corpus uses (see README.md).
//
// `jose` is loaded from tests/oidc-provider/node_modules (installed by
// `npm ci --prefix tests/oidc-provider`), or from the node_modules directory
// named by $PIM_NODE_MODULES.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const ALGORITHMS = [
  'HS256', 'HS384', 'HS512',
  'RS256', 'RS384', 'RS512',
  'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512',
  'EdDSA',
];

export const CLASSES = [
  'valid', 'malformed', 'alg_none', 'alg_not_allowed', 'unsupported_alg', 'key_not_found',
  'key_type_mismatch', 'invalid_signature', 'weak_key', 'unsupported_critical', 'key_conversion_failed',
];

// Exits with 77 (the "skip" status of meson and automake) when `jose` is
// not installed, so a C test that runs these scripts can skip cleanly.
export async function loadJose(who) {
  const nodeModules = process.env.PIM_NODE_MODULES
    ? path.resolve(process.env.PIM_NODE_MODULES)
    : path.join(here, '..', 'oidc-provider', 'node_modules');
  try {
    const require = createRequire(path.join(nodeModules, '..', 'resolver.js'));
    const entry = require.resolve('jose');
    const jose = await import(pathToFileURL(entry).href);
    const pkg = require('jose/package.json');
    return { jose, version: pkg.version };
  } catch (e) {
    console.error(`${who}: cannot load npm "jose" from ${nodeModules} (${e.message});` +
      ' run `npm ci --prefix tests/oidc-provider` first');
    process.exit(77);
  }
}

function decodeHeader(jose, token) {
  try {
    return jose.decodeProtectedHeader(token);
  } catch {
    return undefined;
  }
}

export function classify(error, header) {
  const code = error?.code;
  const msg = String(error?.message ?? error);
  if (header && typeof header.alg === 'string' && header.alg.toLowerCase() === 'none') return 'alg_none';
  switch (code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED': return 'invalid_signature';
    case 'ERR_JOSE_ALG_NOT_ALLOWED': return 'alg_not_allowed';
    case 'ERR_JWKS_NO_MATCHING_KEY': return 'key_not_found';
    case 'ERR_JOSE_NOT_SUPPORTED':
      return /Extension Header Parameter/.test(msg) ? 'unsupported_critical' : 'unsupported_alg';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWK_INVALID':
    case 'ERR_JWKS_INVALID':
      return 'malformed';
    default:
      break;
  }
  if (/modulusLength|bits or larger/.test(msg)) return 'weak_key';
  if (error instanceof TypeError || /key/i.test(msg)) return 'key_type_mismatch';
  return 'failed';
}

function keyList(jwks) {
  if (Array.isArray(jwks)) return jwks;
  if (jwks && Array.isArray(jwks.keys)) return jwks.keys;
  if (jwks && typeof jwks.kty === 'string') return [jwks];
  return null;
}

function octFits(jwk, header) {
  return jwk && jwk.kty === 'oct' &&
    (header.kid === undefined || jwk.kid === header.kid) &&
    (jwk.alg === undefined || jwk.alg === header.alg) &&
    (jwk.use === undefined || jwk.use === 'sig') &&
    (jwk.key_ops === undefined || (Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify')));
}

// Returns { ok: true, header, payload } or { ok: false, error, class }.
// `payload` is the payload as text (UTF-8, invalid sequences replaced).
export async function verifyWithJose(jose, token, jwks, allowed) {
  const header = typeof token === 'string' ? decodeHeader(jose, token) : undefined;
  const keys = keyList(jwks);
  if (keys === null) return { ok: false, error: 'input: jwks is not a JWK Set', class: 'malformed' };
  const algorithms = allowed === undefined ? ALGORITHMS : (Array.isArray(allowed) ? allowed : [allowed]);
  const options = { algorithms };

  let local = null;
  const others = [];
  const resolver = async (protectedHeader, jws) => {
    const alg = protectedHeader.alg;
    if (typeof alg === 'string' && alg.startsWith('HS')) {
      // jose's JWK Set does not take symmetric keys: select them the same way.
      const fits = keys.filter((k) => octFits(k, protectedHeader));
      if (fits.length === 0) throw new jose.errors.JWKSNoMatchingKey();
      for (const k of fits.slice(1)) others.push(() => jose.importJWK(k, alg));
      return jose.importJWK(fits[0], alg);
    }
    local ??= jose.createLocalJWKSet({ keys: keys.filter((k) => k && k.kty !== 'oct') });
    try {
      return await local(protectedHeader, jws);
    } catch (e) {
      if (e.code !== 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') throw e;
      const found = [];
      for await (const k of e) found.push(k);
      if (found.length === 0) throw new jose.errors.JWKSNoMatchingKey();
      for (const k of found.slice(1)) others.push(() => k);
      return found[0];
    }
  };

  const success = (r) => ({
    ok: true,
    header: r.protectedHeader,
    payload: Buffer.from(r.payload).toString('utf8'),
  });
  try {
    return success(await jose.compactVerify(token, resolver, options));
  } catch (first) {
    let error = first;
    if (first.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
      for (const next of others) {
        try {
          return success(await jose.compactVerify(token, await next(), options));
        } catch (e) {
          if (e.code !== 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') error = e;
        }
      }
    }
    return {
      ok: false,
      error: `${error.code ?? error.name}: ${error.message}`,
      class: classify(error, header),
    };
  }
}
