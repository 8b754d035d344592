#!/usr/bin/env node
// check-vectors.mjs: checks the RFC vector files in this directory with an
// independent implementation (npm `jose`, plus node:crypto), so that the data
// the C tests read is known to be right.
//
//   node tests/jose-vectors/check-vectors.mjs [FILE.json ...]
//
// With no argument it checks every rfc*.json beside it. `jose` is taken from
// tests/oidc-provider/node_modules (run `npm ci --prefix tests/oidc-provider`
// once), or from the node_modules directory named by $PIM_NODE_MODULES.
// Exit status: 0 all good, 1 a mismatch, 77 (skip) when `jose` is missing.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

async function loadJose() {
  const nodeModules = process.env.PIM_NODE_MODULES
    ? path.resolve(process.env.PIM_NODE_MODULES)
    : path.join(here, '..', 'oidc-provider', 'node_modules');
  try {
    const require = createRequire(path.join(nodeModules, '..', 'resolver.js'));
    return await import(pathToFileURL(require.resolve('jose')).href);
  } catch (e) {
    console.error(`check-vectors: cannot load npm "jose" from ${nodeModules} (${e.message});` +
      ' run `npm ci --prefix tests/oidc-provider` first');
    process.exit(77);
  }
}

const jose = await loadJose();

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];
const THUMBPRINT_MEMBERS = { RSA: ['e', 'kty', 'n'], EC: ['crv', 'kty', 'x', 'y'], OKP: ['crv', 'kty', 'x'], oct: ['k', 'kty'] };

const b64u = (buf) => Buffer.from(buf).toString('base64url');
const unb64u = (s) => {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error(`not base64url: ${s.slice(0, 20)}`);
  const buf = Buffer.from(s, 'base64url');
  if (b64u(buf) !== s) throw new Error('non-canonical base64url');
  return buf;
};
const big = (s) => BigInt('0x' + (unb64u(s).toString('hex') || '0'));
const modpow = (b, e, m) => {
  let r = 1n; b %= m;
  for (; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
};

function publicPart(jwk) {
  const out = {};
  for (const [k, v] of Object.entries(jwk)) if (!PRIVATE_MEMBERS.includes(k)) out[k] = v;
  return out;
}
const isPrivate = (jwk) => jwk.kty === 'oct' || jwk.d !== undefined;

// Raw signatures as JWS defines them, with node:crypto (not `jose`), to compare
// with the RFC bytes.
function rawSign(alg, jwk, input) {
  if (alg.startsWith('HS')) {
    return crypto.createHmac('sha' + alg.slice(2), unb64u(jwk.k)).update(input).digest();
  }
  const key = crypto.createPrivateKey({ key: jwk, format: 'jwk' });
  const bits = alg.slice(2);
  if (alg.startsWith('RS')) return crypto.sign('sha' + bits, input, key);
  if (alg.startsWith('PS')) {
    return crypto.sign('sha' + bits, input, {
      key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(bits) / 8,
    });
  }
  if (alg.startsWith('ES')) return crypto.sign('sha' + bits, input, { key, dsaEncoding: 'ieee-p1363' });
  if (alg === 'EdDSA') return crypto.sign(null, input, key);
  throw new Error(`no signer for ${alg}`);
}

function checkRsaPrivate(jwk) {
  const n = big(jwk.n), e = big(jwk.e), d = big(jwk.d), p = big(jwk.p), q = big(jwk.q);
  if (p * q !== n) throw new Error('RSA p*q != n');
  if ((d * e) % ((p - 1n) * (q - 1n) / gcd(p - 1n, q - 1n)) !== 1n) throw new Error('RSA d*e != 1 mod lcm(p-1,q-1)');
  if (big(jwk.dp) !== d % (p - 1n)) throw new Error('RSA dp != d mod (p-1)');
  if (big(jwk.dq) !== d % (q - 1n)) throw new Error('RSA dq != d mod (q-1)');
  if ((big(jwk.qi) * q) % p !== 1n) throw new Error('RSA qi*q != 1 mod p');
  const m = 0x1234567890abcdefn;
  if (modpow(modpow(m, e, n), d, n) !== m) throw new Error('RSA round trip failed');
}
function gcd(a, b) { while (b) [a, b] = [b, a % b]; return a; }

// The private key's public members must be the ones that go with its private
// members: derive the public key from the private part alone and compare.
function checkPrivateMatchesPublic(jwk) {
  if (jwk.kty === 'RSA') return checkRsaPrivate(jwk);
  if (jwk.kty === 'OKP') {
    // PKCS#8 of an Ed25519 seed (RFC 8410), without the public key.
    const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), unb64u(jwk.d)]);
    const derived = crypto.createPublicKey(crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }))
      .export({ format: 'jwk' });
    if (derived.x !== jwk.x) throw new Error(`OKP x does not go with d (derived ${derived.x})`);
    return;
  }
  if (jwk.kty === 'EC') {
    const ecdh = crypto.createECDH({ 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' }[jwk.crv]);
    ecdh.setPrivateKey(unb64u(jwk.d));
    const pub = ecdh.getPublicKey();
    const len = (pub.length - 1) / 2;
    if (b64u(pub.subarray(1, 1 + len)) !== jwk.x || b64u(pub.subarray(1 + len)) !== jwk.y) {
      throw new Error('EC x/y do not go with d');
    }
  }
}

async function checkJwk(c) {
  const jwk = c.jwk;
  for (const [k, v] of Object.entries(jwk)) {
    if (['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi', 'x', 'y', 'k'].includes(k)) unb64u(v);
  }
  if (jwk.kty === 'oct') {
    await jose.importJWK(jwk, jwk.alg ?? 'HS256');
    return;
  }
  const alg = jwk.alg ?? { RSA: 'RS256', OKP: 'EdDSA', EC: { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }[jwk.crv] }[jwk.kty];
  const pub = await jose.importJWK(publicPart(jwk), alg);
  if (pub.type !== 'public') throw new Error('public part did not import as a public key');
  if (isPrivate(jwk)) {
    const priv = await jose.importJWK(jwk, alg);
    if (priv.type !== 'private') throw new Error('did not import as a private key');
    checkPrivateMatchesPublic(jwk);
    const token = await new jose.CompactSign(Buffer.from('check')).setProtectedHeader({ alg }).sign(priv);
    await jose.compactVerify(token, pub, { algorithms: [alg] });
  }
}

async function checkThumbprint(c) {
  const names = THUMBPRINT_MEMBERS[c.jwk.kty];
  const canonical = '{' + names.map((n) => `${JSON.stringify(n)}:${JSON.stringify(c.jwk[n])}`).join(',') + '}';
  if (c.canonical_json !== undefined && canonical !== c.canonical_json) throw new Error('canonical JSON differs');
  const digest = crypto.createHash('sha256').update(canonical).digest();
  if (b64u(digest) !== c.thumbprint) throw new Error(`sha256 gives ${b64u(digest)}`);
  if (c.thumbprint_sha256_hex !== undefined && digest.toString('hex') !== c.thumbprint_sha256_hex) throw new Error('hex differs');
  if (c.thumbprint_sha256_octets !== undefined && JSON.stringify([...digest]) !== JSON.stringify(c.thumbprint_sha256_octets)) {
    throw new Error('octets differ');
  }
  const byJose = await jose.calculateJwkThumbprint(c.jwk, 'sha256');
  if (byJose !== c.thumbprint) throw new Error(`jose computes ${byJose}`);
}

async function checkJws(c) {
  const [h, p, s, ...rest] = c.token.split('.');
  if (rest.length || s === undefined) throw new Error('not a 3-part compact JWS');
  if (c.protected_header !== undefined && unb64u(h).toString('utf8') !== c.protected_header) throw new Error('header segment != protected_header');
  if (c.payload_b64 !== undefined && p !== c.payload_b64) throw new Error('payload segment != payload_b64');
  if (c.payload !== undefined && unb64u(p).toString('utf8') !== c.payload) throw new Error('payload segment != payload');
  if (c.payload_is_json !== undefined) {
    let isJson = true;
    try { JSON.parse(unb64u(p).toString('utf8')); } catch { isJson = false; }
    if (isJson !== c.payload_is_json) throw new Error('payload_is_json is wrong');
  }
  const header = JSON.parse(unb64u(h).toString('utf8'));
  if (header.alg !== c.alg) throw new Error('alg differs from the header');

  const pub = await jose.importJWK(c.jwk.kty === 'oct' ? c.jwk : publicPart(c.jwk), c.alg);
  let verdict = 'valid';
  try {
    const r = await jose.compactVerify(c.token, pub, { algorithms: [c.alg] });
    if (c.payload !== undefined && Buffer.from(r.payload).toString('utf8') !== c.payload) throw new Error('jose payload differs');
  } catch (e) {
    if (e.code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') verdict = 'invalid_signature';
    else throw e;
  }
  if (verdict !== c.expect) throw new Error(`jose says ${verdict}, file expects ${c.expect}`);
  if (c.expect !== 'valid' || !isPrivate(c.jwk)) return;

  // Signing again: with node:crypto over the exact signing input, and with
  // jose when the header is plain compact JSON.
  checkPrivateMatchesPublic(c.jwk);
  const input = Buffer.from(`${h}.${p}`);
  const again = b64u(rawSign(c.alg, c.jwk, input));
  const priv = await jose.importJWK(c.jwk, c.alg);
  let byJose = null;
  if (JSON.stringify(header) === unb64u(h).toString('utf8')) {
    byJose = await new jose.CompactSign(unb64u(p)).setProtectedHeader(header).sign(priv);
  }
  if (c.deterministic) {
    if (again !== s) throw new Error('deterministic signature, but signing again gives other bytes');
    if (byJose !== null && byJose !== c.token) throw new Error('jose signs to another token');
  } else {
    if (again === s) throw new Error('marked non-deterministic, but signing again gave the same bytes');
    await jose.compactVerify(`${h}.${p}.${again}`, pub, { algorithms: [c.alg] });
    if (byJose !== null) await jose.compactVerify(byJose, pub, { algorithms: [c.alg] });
  }
}

const files = process.argv.length > 2
  ? process.argv.slice(2)
  : fs.readdirSync(here).filter((f) => /^rfc\d+\.json$/.test(f)).sort().map((f) => path.join(here, f));

let failures = 0, total = 0;
for (const file of files) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(doc.cases) || doc.cases.length === 0) {
    console.log(`not ok - ${path.basename(file)}: no "cases" array`);
    failures++;
    continue;
  }
  for (const c of doc.cases) {
    total++;
    const label = `${path.basename(file)}: ${c.name}`;
    try {
      if (typeof c.name !== 'string' || typeof c.expect !== 'string') throw new Error('case needs name and expect');
      if (c.kind === 'jwk') await checkJwk(c);
      else if (c.kind === 'thumbprint') await checkThumbprint(c);
      else if (c.kind === 'jws') await checkJws(c);
      else throw new Error(`unknown kind ${c.kind}`);
      console.log(`ok - ${label}`);
    } catch (e) {
      failures++;
      console.log(`not ok - ${label}: ${e.message}`);
    }
  }
}
console.log(`${total - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
