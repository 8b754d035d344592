#!/usr/bin/env node
// generate.mjs: writes a differential corpus of compact JWS tokens, made with
// an independent implementation (npm `jose` and node:crypto), for Pim's C
// JOSE tests.
//
//   node tests/jose-interop/generate.mjs OUT.json [--seed TEXT] [--now EPOCH]
//
// See README.md for the case format and the failure classes. The EC, Ed25519
// and HMAC keys are derived from the seed (default "pim-jose-interop-v1"), so
// their tokens repeat from run to run up to the random nonces of ECDSA; the
// RSA keys are generated anew on each run. Claims carry the current time
// (iat, exp one hour later), or EPOCH seconds with --now.
// Every case is also run through the reference verifier (jose) and the result
// is recorded in the case; the script fails if jose disagrees with a verdict
// other than where that disagreement is expected and declared.
// Exit status: 0 written, 1 a self-check failed, 2 usage, 77 `jose` missing.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import crypto from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { ALGORITHMS, CLASSES, loadJose, verifyWithJose } from './reference.mjs';

const started = process.hrtime.bigint();

// --- arguments ---------------------------------------------------------------

const args = process.argv.slice(2);
let outPath = null;
let seed = 'pim-jose-interop-v1';
let nowArg = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--seed' && i + 1 < args.length) seed = args[++i];
  else if (args[i].startsWith('--seed=')) seed = args[i].slice(7);
  else if (args[i] === '--now' && i + 1 < args.length && /^\d+$/.test(args[i + 1])) nowArg = Number(args[++i]);
  else if (outPath === null && !args[i].startsWith('--')) outPath = args[i];
  else {
    console.error('usage: node generate.mjs OUT.json [--seed TEXT] [--now EPOCH]');
    process.exit(2);
  }
}
if (outPath === null) {
  console.error('usage: node generate.mjs OUT.json [--seed TEXT] [--now EPOCH]');
  process.exit(2);
}

const { jose, version: joseVersion } = await loadJose('generate.mjs');

// --- helpers -------------------------------------------------------------------

const b64u = (buf) => Buffer.from(buf).toString('base64url');
const enc = (text) => b64u(Buffer.from(text, 'utf8'));
const std = (seg) => seg.replace(/-/g, '+').replace(/_/g, '/');
const toStdPadded = (buf) => Buffer.from(buf).toString('base64');
const bigToBuf = (v, len) => Buffer.from(v.toString(16).padStart(len * 2, '0'), 'hex');
const bufToBig = (buf) => BigInt('0x' + (Buffer.from(buf).toString('hex') || '0'));

function derive(label, len) {
  const parts = [];
  for (let i = 0, have = 0; have < len; i++) {
    const block = crypto.createHmac('sha512', seed).update(`${label}#${i}`).digest();
    parts.push(block);
    have += block.length;
  }
  return Buffer.concat(parts).subarray(0, len);
}

const CURVES = {
  'P-256': { node: 'prime256v1', size: 32, alg: 'ES256', hash: 'sha256',
    n: 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551n },
  'P-384': { node: 'secp384r1', size: 48, alg: 'ES384', hash: 'sha384',
    n: 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973n },
  'P-521': { node: 'secp521r1', size: 66, alg: 'ES512', hash: 'sha512',
    n: 0x01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409n },
  secp256k1: { node: 'secp256k1', size: 32, alg: 'ES256K', hash: 'sha256' },
};
const ED25519_L = 2n ** 252n + 27742317777372353535851937790883648493n;

// The curve orders above are checked against OpenSSL: n-1 is a valid private
// key, n is not.
for (const [crv, c] of Object.entries(CURVES)) {
  if (!c.n) continue;
  const ecdh = crypto.createECDH(c.node);
  ecdh.setPrivateKey(bigToBuf(c.n - 1n, c.size));
  let refused = false;
  try { ecdh.setPrivateKey(bigToBuf(c.n, c.size)); } catch { refused = true; }
  if (!refused) throw new Error(`wrong order constant for ${crv}`);
}

function ecKey(crv, label) {
  const c = CURVES[crv];
  for (let i = 0; ; i++) {
    const d = derive(`ec/${crv}/${label}/${i}`, c.size);
    if (crv === 'P-521') d[0] &= 0x01;
    const ecdh = crypto.createECDH(c.node);
    try {
      ecdh.setPrivateKey(d);
    } catch {
      continue;
    }
    const pub = ecdh.getPublicKey();
    return { kty: 'EC', crv, x: b64u(pub.subarray(1, 1 + c.size)), y: b64u(pub.subarray(1 + c.size)), d: b64u(d) };
  }
}

function edKey(label) {
  const seedBytes = derive(`okp/Ed25519/${label}`, 32);
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seedBytes]);
  return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
}

const octKey = (label, len) => ({ kty: 'oct', k: b64u(derive(`oct/${label}`, len)) });

const PUBLIC_MEMBERS = { RSA: ['n', 'e'], EC: ['crv', 'x', 'y'], OKP: ['crv', 'x'], oct: ['k'] };

// A JWK as a key set would hold it: kty, kid, use, alg, then the key members
// (public ones only, except for oct keys).
function jwkFor(key, kid, extra = {}) {
  const out = { kty: key.kty };
  if (kid !== undefined) out.kid = kid;
  out.use = 'sig';
  Object.assign(out, extra);
  for (const m of PUBLIC_MEMBERS[key.kty]) out[m] = key[m];
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out;
}

const nodeKeys = new Map();
function nodePrivate(jwk) {
  const id = JSON.stringify(jwk);
  if (!nodeKeys.has(id)) nodeKeys.set(id, crypto.createPrivateKey({ key: jwk, format: 'jwk' }));
  return nodeKeys.get(id);
}

// A JWS signature with node:crypto, so that any header and payload bytes can
// be signed. `o` may override the digest, the PSS salt length, the ECDSA
// encoding or the HMAC secret.
function rawSign(alg, key, input, o = {}) {
  const data = Buffer.from(input);
  const bits = alg.replace(/^[A-Za-z]+/, '');
  if (alg.startsWith('HS')) {
    return crypto.createHmac(o.hash ?? 'sha' + bits, o.secret ?? Buffer.from(key.k, 'base64url')).update(data).digest();
  }
  const pk = nodePrivate(key);
  if (alg.startsWith('RS')) return crypto.sign(o.hash ?? 'sha' + bits, data, pk);
  if (alg.startsWith('PS')) {
    return crypto.sign(o.hash ?? 'sha' + bits, data, {
      key: pk, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: o.saltLength ?? Number(bits) / 8,
    });
  }
  if (alg.startsWith('ES')) {
    return crypto.sign(o.hash ?? CURVES[key.crv].hash, data, { key: pk, dsaEncoding: o.dsaEncoding ?? 'ieee-p1363' });
  }
  if (alg === 'EdDSA' || alg === 'Ed25519') return crypto.sign(null, data, pk);
  throw new Error(`cannot sign ${alg}`);
}

// A compact JWS from header and payload text (or bytes), signed over exactly
// the segments that end up in the token.
function build(headerText, payloadText, alg, key, o = {}) {
  const h = o.h ?? b64u(Buffer.from(headerText));
  const p = o.p ?? b64u(Buffer.from(payloadText));
  const sig = o.sig ?? b64u(rawSign(alg, key, `${h}.${p}`, o));
  return `${h}.${p}.${sig}`;
}

const joseKeys = new Map();
async function joseSign(alg, key, header, payloadText) {
  const id = alg + JSON.stringify(key);
  if (!joseKeys.has(id)) joseKeys.set(id, await jose.importJWK(key, alg));
  return new jose.CompactSign(Buffer.from(payloadText, 'utf8')).setProtectedHeader(header).sign(joseKeys.get(id));
}

const splitToken = (t) => t.split('.');

// --- keys ----------------------------------------------------------------------

const generateKeyPair = promisify(crypto.generateKeyPair);
async function rsaJose(bits) {
  const { privateKey } = await jose.generateKeyPair('RS256', { modulusLength: bits, extractable: true });
  return jose.exportJWK(privateKey);
}
const [rsaA, rsaB, rsaWeak] = await Promise.all([
  rsaJose(2048),
  rsaJose(2048),
  // jose will not make keys under 2048 bits.
  generateKeyPair('rsa', { modulusLength: 1024 }).then(({ privateKey }) => privateKey.export({ format: 'jwk' })),
]);
const secp256k1 = (() => {
  const ecdh = crypto.createECDH('secp256k1');
  ecdh.setPrivateKey(derive('ec/secp256k1/a', 32));
  const pub = ecdh.getPublicKey();
  return { kty: 'EC', crv: 'secp256k1', x: b64u(pub.subarray(1, 33)), y: b64u(pub.subarray(33)), d: b64u(ecdh.getPrivateKey()) };
})();

const HS_SIZES = { HS256: 32, HS384: 48, HS512: 64 };
const FAMILY = {};
for (const alg of ALGORITHMS) {
  let a, b, kidA, kidB, jwkAlg;
  if (alg.startsWith('HS')) {
    const name = alg.toLowerCase();
    a = octKey(`${name}-a`, HS_SIZES[alg]);
    b = octKey(`${name}-b`, HS_SIZES[alg]);
    kidA = `${name}-a`; kidB = `${name}-b`; jwkAlg = alg;
  } else if (alg.startsWith('RS') || alg.startsWith('PS')) {
    a = rsaA; b = rsaB; kidA = 'rsa-a'; kidB = 'rsa-b'; jwkAlg = undefined; // shared by six algorithms
  } else if (alg.startsWith('ES')) {
    const crv = Object.keys(CURVES).find((c) => CURVES[c].alg === alg);
    const tag = crv.replace('P-', 'p');
    a = ecKey(crv, 'a'); b = ecKey(crv, 'b'); kidA = `${tag}-a`; kidB = `${tag}-b`; jwkAlg = alg;
  } else {
    a = edKey('a'); b = edKey('b'); kidA = 'ed25519-a'; kidB = 'ed25519-b'; jwkAlg = alg;
  }
  FAMILY[alg] = {
    a, b, kidA, kidB,
    pubA: jwkFor(a, kidA, { alg: jwkAlg }),
    pubB: jwkFor(b, kidB, { alg: jwkAlg }),
  };
}
const F = FAMILY;

// A provider-style key set: every public key, A and B, of every family; for
// HMAC tokens the set of all the shared secrets instead.
const uniq = (list) => [...new Map(list.map((k) => [k.kid, k])).values()];
const PUBLIC_SET = uniq(ALGORITHMS.filter((a) => !a.startsWith('HS')).flatMap((a) => [F[a].pubA, F[a].pubB]));
const SECRET_SET = uniq(['HS256', 'HS384', 'HS512'].flatMap((a) => [F[a].pubA, F[a].pubB]));
const providerSet = (alg) => ({ keys: alg.startsWith('HS') ? SECRET_SET : PUBLIC_SET });

// For each algorithm a key of another type (or curve), to put under its kid.
const OTHER = {
  HS: () => rsaA, RS: () => F.ES256.a, PS: () => F.ES256.a, ES: () => rsaA, Ed: () => F.ES256.a,
};
const otherKeyFor = (alg) => OTHER[alg.slice(0, 2)]();

// --- claims --------------------------------------------------------------------

const now = nowArg ?? Math.floor(Date.now() / 1000);
const exp = now + 3600;
const jti = b64u(derive('jti', 12));
const CLAIMS = {
  basic: `{"iss":"https://op.example.com","sub":"alice","aud":"pim-client","iat":${now},"nbf":${now - 5},"exp":${exp},"nonce":"n-0S6_WzA2Mj","jti":"${jti}"}`,
  numbers: `{"sub":"numbers","iat":${now},"exp":${exp},"zero":0,"negative":-42,"pi":3.141592653589793,"small":1e-7,"avogadro":6.02E23,"int53":9007199254740993,"int63_max":9223372036854775807,"int63_min":-9223372036854775808,"over_int64":18446744073709551616,"one_point_zero":1.0,"negative_zero":-0}`,
  structures: `{"sub":"structures","iat":${now},"exp":${exp},"aud":["pim-client","other-client","third"],"roles":[],"empty":{},"flag":true,"off":false,"nothing":null,"mixed":[1,"two",true,null,{"k":"v"},[3]],"address":{"formatted":"1 Main St\\nAnytown","country":"US","geo":{"lat":52.52,"lon":13.405}},"nested":{"a":{"b":{"c":{"d":[1,[2,[3,[4]]]]}}}}}`,
  unicode: String.raw`{"sub":"unicode","iat":${now},"exp":${exp},"name":"Zoë Saldaña","greek":"Ελληνικά","cjk":"日本語","emoji":"😀🔐","rtl":"עברית","escapes":"tab\tnl\ncr\rquote\"backslash\\slash\/","u_escapes":"\u00e9\u4e2d\ud83d\ude00","separators":"\u2028\u2029","control":"\u001f\u007f","ключ":"значение"}`,
  whitespace: `{ "sub" : "whitespace" ,\n\t"iat" : ${now} ,\r\n  "exp":${exp} , "list" : [ 1 , 2 , [ ] , { } ] }\n`,
};
for (const [name, text] of Object.entries(CLAIMS)) JSON.parse(text); // all well formed

// --- the cases -----------------------------------------------------------------

const cases = [];
const names = new Set();
// c: name, token, jwks, expect, and optionally allowed_algs, expect_alt,
// payload (the exact payload text of a valid token), note, and joseDiffers
// (true where jose is known to give the other verdict).
function add(c) {
  if (names.has(c.name)) throw new Error(`duplicate case name ${c.name}`);
  if (!CLASSES.includes(c.expect)) throw new Error(`${c.name}: unknown class ${c.expect}`);
  names.add(c.name);
  const jwks = Array.isArray(c.jwks) ? { keys: c.jwks } : c.jwks;
  let alg;
  try { alg = JSON.parse(Buffer.from(c.token.split('.')[0], 'base64url').toString('utf8')).alg; } catch { alg = undefined; }
  const out = {
    name: c.name,
    group: c.name.split('/')[0],
    token: c.token,
    jwks,
    allowed_algs: c.allowed_algs ?? ALGORITHMS,
    expect: c.expect,
  };
  if (c.expect_alt) out.expect_alt = c.expect_alt;
  if (typeof alg === 'string') out.alg = alg;
  if (c.payload !== undefined) out.payload = c.payload;
  if (c.note) out.note = c.note;
  out.joseDiffers = Boolean(c.joseDiffers);
  cases.push(out);
}

const ALL_BUT = (alg) => ALGORITHMS.filter((a) => a !== alg);

// 1. Valid tokens, minted by jose, for every algorithm and claim set.
const basicToken = {};
for (const alg of ALGORITHMS) {
  const f = F[alg];
  for (const [set, text] of Object.entries(CLAIMS)) {
    const header = set === 'unicode' ? { alg, kid: f.kidA } : { alg, kid: f.kidA, typ: 'JWT' };
    const token = await joseSign(alg, f.a, header, text);
    if (set === 'basic') basicToken[alg] = token;
    const jwks = (set === 'numbers' || set === 'structures') ? providerSet(alg) : [f.pubA];
    add({ name: `${alg}/valid/${set}`, token, jwks, allowed_algs: [alg], expect: 'valid', payload: text });
  }
  // The verifier's allowlist holds several algorithms.
  add({ name: `${alg}/valid/allowlist-all`, token: basicToken[alg], jwks: [f.pubA], expect: 'valid', payload: CLAIMS.basic });
}

// 2. Variants of the basic token, for every algorithm.
for (const alg of ALGORITHMS) {
  const f = F[alg];
  const [h, p, s] = splitToken(basicToken[alg]);
  const sig = Buffer.from(s, 'base64url');
  const headerNoKid = { alg, typ: 'JWT' };

  const tampered = CLAIMS.basic.replace('"alice"', '"alicf"');
  add({ name: `${alg}/tampered-payload`, token: `${h}.${enc(tampered)}.${s}`, jwks: [f.pubA], expect: 'invalid_signature',
    note: 'one character of the claims changed (sub "alice" -> "alicf"), signature kept' });

  const flipped = Buffer.from(sig);
  flipped[flipped.length >> 1] ^= 0x01;
  add({ name: `${alg}/tampered-signature`, token: `${h}.${p}.${b64u(flipped)}`, jwks: [f.pubA], expect: 'invalid_signature',
    note: 'one bit of the middle signature byte flipped' });

  add({ name: `${alg}/truncated-signature`, token: `${h}.${p}.${b64u(sig.subarray(0, sig.length - 1))}`, jwks: [f.pubA],
    expect: 'invalid_signature', expect_alt: ['malformed'], note: 'last signature byte dropped' });

  add({ name: `${alg}/empty-signature`, token: `${h}.${p}.`, jwks: [f.pubA], expect: 'invalid_signature', expect_alt: ['malformed'] });

  const otherSig = b64u(rawSign(alg, f.b, `${h}.${p}`));
  add({ name: `${alg}/other-key-same-kid`, token: `${h}.${p}.${otherSig}`, jwks: [f.pubA], expect: 'invalid_signature',
    note: `signed with ${f.kidB} under the kid of ${f.kidA}` });

  add({ name: `${alg}/wrong-kid`, token: await joseSign(alg, f.a, { alg, kid: 'no-such-key', typ: 'JWT' }, CLAIMS.basic),
    jwks: [f.pubA], expect: 'key_not_found' });

  const noKid = await joseSign(alg, f.a, headerNoKid, CLAIMS.basic);
  add({ name: `${alg}/no-kid-second-candidate-verifies`, token: noKid, jwks: [f.pubB, f.pubA], expect: 'valid', payload: CLAIMS.basic,
    note: 'no kid: both keys are candidates, only the second verifies; a verifier must try them all' });
  add({ name: `${alg}/no-kid-no-candidate-verifies`, token: noKid, jwks: [f.pubB], expect: 'invalid_signature' });

  const dup = await joseSign(alg, f.a, { alg, kid: 'dup', typ: 'JWT' }, CLAIMS.basic);
  add({ name: `${alg}/duplicate-kid-second-verifies`, token: dup, jwks: [{ ...f.pubB, kid: 'dup' }, { ...f.pubA, kid: 'dup' }],
    expect: 'valid', payload: CLAIMS.basic, note: 'two keys share the kid; only the second verifies' });

  add({ name: `${alg}/alg-not-allowed`, token: basicToken[alg], jwks: [f.pubA], allowed_algs: ALL_BUT(alg), expect: 'alg_not_allowed' });

  add({ name: `${alg}/empty-key-set`, token: basicToken[alg], jwks: [], expect: 'key_not_found' });

  const other = jwkFor(otherKeyFor(alg), f.kidA);
  add({ name: `${alg}/kid-shared-with-other-key-type`, token: basicToken[alg], jwks: [other, f.pubA], expect: 'valid', payload: CLAIMS.basic,
    note: `a ${other.kty} key with the same kid comes first; RFC 7517 §4.5 allows keys of different types to share a kid` });
  add({ name: `${alg}/only-other-key-type-under-kid`, token: basicToken[alg], jwks: [other], expect: 'key_type_mismatch',
    expect_alt: ['key_not_found'], note: `the only key with the kid is a ${other.kty} key` });

  add({ name: `${alg}/key-use-enc`, token: basicToken[alg], jwks: [{ ...f.pubA, use: 'enc' }], expect: 'key_not_found',
    note: 'the only key is for encryption ("use":"enc")' });
}

// JWK "alg" restricting a key (RFC 7517 §4.4).
const RESTRICT = { RS256: 'RS384', RS384: 'RS256', RS512: 'RS256', PS256: 'RS256', PS384: 'PS256', PS512: 'PS256', HS256: 'HS384', HS384: 'HS256', HS512: 'HS256' };
for (const [alg, keyAlg] of Object.entries(RESTRICT)) {
  const f = F[alg];
  add({ name: `${alg}/jwk-alg-is-${keyAlg}`, token: basicToken[alg], jwks: [{ ...f.pubA, alg: keyAlg }], allowed_algs: [alg, keyAlg],
    expect: 'alg_not_allowed', expect_alt: ['key_not_found'], note: `the key says "alg":"${keyAlg}", the token is ${alg}; both are allowed` });
}

// 3. Unsecured tokens.
const rsaSet = [F.RS256.pubA];
for (const none of ['none', 'None', 'NONE', 'nOnE']) {
  const hdr = `{"alg":"${none}","typ":"JWT"}`;
  add({ name: `none/alg-${none}`, token: `${enc(hdr)}.${enc(CLAIMS.basic)}.`, jwks: rsaSet, expect: 'alg_none',
    expect_alt: none === 'none' ? undefined : ['unsupported_alg', 'alg_not_allowed'] });
}
{
  const hdr = enc('{"alg":"none","kid":"rsa-a"}');
  const p = enc(CLAIMS.basic);
  add({ name: 'none/alg-none-with-signature', token: `${hdr}.${p}.${b64u(rawSign('RS256', rsaA, `${hdr}.${p}`))}`, jwks: rsaSet,
    expect: 'alg_none', note: 'alg none with the RSA signature of the same input appended' });
  add({ name: 'none/alg-none-hs-allowed', token: `${enc('{"alg":"none"}')}.${p}.`, jwks: [F.HS256.pubA], allowed_algs: ['HS256'], expect: 'alg_none' });
}

// 4. Algorithm confusion: HMAC with the public key as the secret.
{
  const pubKey = crypto.createPublicKey({ key: F.RS256.pubA, format: 'jwk' });
  const secrets = {
    'spki-pem': pubKey.export({ type: 'spki', format: 'pem' }),
    'pkcs1-pem': pubKey.export({ type: 'pkcs1', format: 'pem' }),
    'spki-der': pubKey.export({ type: 'spki', format: 'der' }),
    'jwk-json': JSON.stringify(F.RS256.pubA),
    'modulus-bytes': Buffer.from(rsaA.n, 'base64url'),
  };
  for (const [form, secret] of Object.entries(secrets)) {
    add({ name: `confusion/hs256-with-rsa-public-key-${form}`,
      token: build('{"alg":"HS256","kid":"rsa-a","typ":"JWT"}', CLAIMS.basic, 'HS256', null, { secret: Buffer.from(secret) }),
      jwks: rsaSet, allowed_algs: ['HS256', 'RS256'], expect: 'key_type_mismatch', expect_alt: ['key_not_found'],
      note: `HMAC keyed with the verifier's RSA public key (${form}); the RSA key must never serve as an HMAC secret` });
  }
  add({ name: 'confusion/hs256-with-ec-public-key-jwk-json',
    token: build('{"alg":"HS256","kid":"p256-a"}', CLAIMS.basic, 'HS256', null, { secret: Buffer.from(JSON.stringify(F.ES256.pubA)) }),
    jwks: [F.ES256.pubA], allowed_algs: ['HS256', 'ES256'], expect: 'key_type_mismatch', expect_alt: ['key_not_found'] });
  add({ name: 'confusion/hs256-with-ed25519-public-key-bytes',
    token: build('{"alg":"HS256","kid":"ed25519-a"}', CLAIMS.basic, 'HS256', null, { secret: Buffer.from(F.EdDSA.a.x, 'base64url') }),
    jwks: [F.EdDSA.pubA], allowed_algs: ['HS256', 'EdDSA'], expect: 'key_type_mismatch', expect_alt: ['key_not_found'] });
}

// 5. ECDSA.
for (const alg of ['ES256', 'ES384', 'ES512']) {
  const f = F[alg];
  const c = CURVES[f.a.crv];
  const [h, p, s] = splitToken(basicToken[alg]);
  const sig = Buffer.from(s, 'base64url');
  const r = sig.subarray(0, c.size), sv = sig.subarray(c.size);
  const zero = Buffer.alloc(c.size);
  const order = bigToBuf(c.n, c.size);
  const withSig = (bytes) => `${h}.${p}.${b64u(bytes)}`;
  const der = rawSign(alg, f.a, `${h}.${p}`, { dsaEncoding: 'der' });
  add({ name: `${alg}/der-encoded-signature`, token: withSig(der), jwks: [f.pubA], expect: 'invalid_signature', expect_alt: ['malformed'],
    note: 'ASN.1 DER ECDSA-Sig-Value instead of the fixed-width R || S of RFC 7518 §3.4' });
  add({ name: `${alg}/r-zero`, token: withSig(Buffer.concat([zero, sv])), jwks: [f.pubA], expect: 'invalid_signature', expect_alt: ['malformed'] });
  add({ name: `${alg}/s-zero`, token: withSig(Buffer.concat([r, zero])), jwks: [f.pubA], expect: 'invalid_signature', expect_alt: ['malformed'] });
  add({ name: `${alg}/r-and-s-zero`, token: withSig(Buffer.alloc(2 * c.size)), jwks: [f.pubA], expect: 'invalid_signature',
    expect_alt: ['malformed'], note: 'the "psychic signature" (CVE-2022-21449)' });
  add({ name: `${alg}/r-and-s-equal-order`, token: withSig(Buffer.concat([order, order])), jwks: [f.pubA], expect: 'invalid_signature',
    expect_alt: ['malformed'], note: 'r = s = n, the group order, which is 0 mod n' });
  const highS = bigToBuf(c.n - bufToBig(sv), c.size);
  add({ name: `${alg}/high-s`, token: withSig(Buffer.concat([r, highS])), jwks: [f.pubA], expect: 'valid', payload: CLAIMS.basic,
    note: '(r, n - s) is as valid as (r, s); JWS does not demand low-S signatures' });
}
{
  // An ES token checked against a key of another curve that claims the alg.
  const MISMATCH = { ES256: 'ES384', ES384: 'ES512', ES512: 'ES256' };
  for (const [alg, keyFrom] of Object.entries(MISMATCH)) {
    const wrong = jwkFor(F[keyFrom].a, F[alg].kidA, { alg });
    add({ name: `${alg}/key-on-${F[keyFrom].a.crv}-claiming-${alg}`, token: basicToken[alg], jwks: [wrong], allowed_algs: [alg],
      expect: 'key_type_mismatch', expect_alt: ['key_not_found'], note: `the key is on ${wrong.crv} but says "alg":"${alg}"` });
  }
  const bad = { ...F.ES256.pubA };
  const y = bufToBig(Buffer.from(bad.y, 'base64url'));
  bad.y = b64u(bigToBuf(y ^ 1n, 32));
  add({ name: 'ES256/key-point-not-on-curve', token: basicToken.ES256, jwks: [bad], expect: 'key_conversion_failed',
    expect_alt: ['malformed', 'key_not_found'], note: 'the key\'s y coordinate has its low bit flipped' });
}

// 6. EdDSA.
{
  const f = F.EdDSA;
  const [h, p, s] = splitToken(basicToken.EdDSA);
  const sig = Buffer.from(s, 'base64url');
  const S = bufToBig(Buffer.from(sig.subarray(32)).reverse());
  const bigS = Buffer.from(bigToBuf(S + ED25519_L, 32)).reverse();
  add({ name: 'EdDSA/s-not-reduced', token: `${h}.${p}.${b64u(Buffer.concat([sig.subarray(0, 32), bigS]))}`, jwks: [f.pubA],
    expect: 'invalid_signature', expect_alt: ['malformed'], note: 'S + L in place of S; RFC 8032 §5.1.7 requires S < L' });
  const x25519 = crypto.generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' });
  add({ name: 'EdDSA/x25519-key-under-kid', token: basicToken.EdDSA, jwks: [{ kty: 'OKP', kid: f.kidA, use: 'sig', crv: 'X25519', x: x25519.x }],
    expect: 'key_type_mismatch', expect_alt: ['key_not_found'] });
  add({ name: 'unsupported/alg-Ed25519', token: build(`{"alg":"Ed25519","kid":"${f.kidA}"}`, CLAIMS.basic, 'Ed25519', f.a),
    jwks: [f.pubA], expect: 'unsupported_alg', expect_alt: ['alg_not_allowed'],
    note: 'the fully-specified "Ed25519" name (RFC 9864), which Pim does not implement' });
}

// 7. RSA.
{
  const weakPub = jwkFor(rsaWeak, 'rsa-1024');
  for (const alg of ['RS256', 'PS256']) {
    add({ name: `${alg}/rsa-1024-bit-key`, token: build(`{"alg":"${alg}","kid":"rsa-1024"}`, CLAIMS.basic, alg, rsaWeak),
      jwks: [weakPub], expect: 'weak_key', note: 'a correct signature by a 1024-bit key' });
  }
  const hdrPs = enc('{"alg":"PS256","kid":"rsa-a"}');
  const p = enc(CLAIMS.basic);
  for (const [label, saltLength] of [['0', 0], ['max', 256 - 32 - 2]]) {
    add({ name: `PS256/salt-length-${label}`, token: `${hdrPs}.${p}.${b64u(rawSign('PS256', rsaA, `${hdrPs}.${p}`, { saltLength }))}`,
      jwks: [F.PS256.pubA], expect: 'invalid_signature', note: `PSS with a ${saltLength}-byte salt; RFC 7518 §3.5 fixes it to the hash size` });
  }
  const hdrPs512 = enc('{"alg":"PS512","kid":"rsa-a"}');
  add({ name: 'PS512/salt-length-32', token: `${hdrPs512}.${p}.${b64u(rawSign('PS512', rsaA, `${hdrPs512}.${p}`, { saltLength: 32 }))}`,
    jwks: [F.PS512.pubA], expect: 'invalid_signature' });
  const hdrRs = enc('{"alg":"RS256","kid":"rsa-a"}');
  const n = Buffer.from(rsaA.n, 'base64url');
  add({ name: 'RS256/signature-equals-modulus', token: `${hdrRs}.${p}.${b64u(n)}`, jwks: [F.RS256.pubA], expect: 'invalid_signature', expect_alt: ['malformed'] });
  const good = rawSign('RS256', rsaA, `${hdrRs}.${p}`);
  add({ name: 'RS256/signature-with-leading-zero', token: `${hdrRs}.${p}.${b64u(Buffer.concat([Buffer.alloc(1), good]))}`,
    jwks: [F.RS256.pubA], expect: 'invalid_signature', expect_alt: ['malformed'], note: 'a correct signature with a zero byte in front (257 bytes)' });
  add({ name: 'RS256/sha1-digest-inside', token: `${hdrRs}.${p}.${b64u(rawSign('RS256', rsaA, `${hdrRs}.${p}`, { hash: 'sha1' }))}`,
    jwks: [F.RS256.pubA], expect: 'invalid_signature', note: 'PKCS#1 v1.5 over SHA-1 under an RS256 header' });
  add({ name: 'RS256/pss-signature-under-rs256', token: `${hdrRs}.${p}.${b64u(rawSign('PS256', rsaA, `${hdrRs}.${p}`))}`,
    jwks: [F.RS256.pubA], expect: 'invalid_signature' });
  add({ name: 'PS256/pkcs1-signature-under-ps256', token: `${hdrPs}.${p}.${b64u(rawSign('RS256', rsaA, `${hdrPs}.${p}`))}`,
    jwks: [F.PS256.pubA], expect: 'invalid_signature' });
  add({ name: 'unsupported/alg-RS1', token: build('{"alg":"RS1","kid":"rsa-a"}', CLAIMS.basic, 'RS256', rsaA, { hash: 'sha1' }),
    jwks: [F.RS256.pubA], expect: 'unsupported_alg', expect_alt: ['alg_not_allowed'] });
}

// 8. HMAC.
{
  const weak = [['HS256', 16], ['HS256', 31], ['HS384', 32], ['HS512', 48], ['HS256', 0]];
  for (const [alg, len] of weak) {
    const key = { kty: 'oct', k: b64u(derive(`oct/weak/${len}`, len)) };
    const kid = `${alg.toLowerCase()}-${len}-bytes`;
    add({ name: `${alg}/secret-${len}-bytes`, token: build(`{"alg":"${alg}","kid":"${kid}"}`, CLAIMS.basic, alg, key),
      jwks: [jwkFor(key, kid)], expect: 'weak_key',
      // An empty "k" makes an unusable key, which a key set skips: no key is left.
      expect_alt: len === 0 ? ['malformed', 'key_not_found'] : undefined, joseDiffers: len > 0,
      note: `RFC 7518 §3.2: the key must be at least as long as the hash output (${HS_SIZES[alg]} bytes)` });
  }
  const hdr = enc('{"alg":"HS256","kid":"hs256-a"}');
  const p = enc(CLAIMS.basic);
  add({ name: 'HS256/hs512-mac-under-hs256', token: `${hdr}.${p}.${b64u(rawSign('HS512', F.HS256.a, `${hdr}.${p}`))}`,
    jwks: [F.HS256.pubA], expect: 'invalid_signature' });
}

// 9. crit.
{
  const p = CLAIMS.basic;
  add({ name: 'crit/unknown-extension', token: build('{"alg":"RS256","kid":"rsa-a","crit":["x-unknown"],"x-unknown":true}', p, 'RS256', rsaA),
    jwks: rsaSet, expect: 'unsupported_critical' });
  const h64 = enc('{"alg":"HS256","kid":"hs256-a","b64":false,"crit":["b64"]}');
  const raw = 'unencoded-payload';
  add({ name: 'crit/b64-false', token: `${h64}.${raw}.${b64u(rawSign('HS256', F.HS256.a, `${h64}.${raw}`))}`, jwks: [F.HS256.pubA],
    expect: 'unsupported_critical', expect_alt: ['malformed'], joseDiffers: true,
    note: 'RFC 7797 unencoded payload, which Pim does not implement (jose does)' });
  add({ name: 'crit/empty-array', token: build('{"alg":"RS256","kid":"rsa-a","crit":[]}', p, 'RS256', rsaA), jwks: rsaSet,
    expect: 'malformed', note: 'RFC 7515 §4.1.11: crit must not be empty' });
  add({ name: 'crit/listed-member-absent', token: build('{"alg":"RS256","kid":"rsa-a","crit":["x-absent"]}', p, 'RS256', rsaA), jwks: rsaSet,
    expect: 'unsupported_critical', expect_alt: ['malformed'] });
  add({ name: 'crit/not-an-array', token: build('{"alg":"RS256","kid":"rsa-a","crit":"x-unknown","x-unknown":1}', p, 'RS256', rsaA),
    jwks: rsaSet, expect: 'malformed' });
  add({ name: 'crit/lists-alg', token: build('{"alg":"RS256","kid":"rsa-a","crit":["alg"]}', p, 'RS256', rsaA), jwks: rsaSet,
    expect: 'malformed', expect_alt: ['unsupported_critical'], note: 'RFC 7515 §4.1.11: crit must not name header parameters the JWS specs define' });
}

// 10. Keys named or carried by the header.
{
  const attacker = jwkFor(rsaB, undefined);
  add({ name: 'attack/embedded-jwk', token: build(JSON.stringify({ alg: 'RS256', jwk: attacker }), CLAIMS.basic, 'RS256', rsaB),
    jwks: rsaSet, expect: 'invalid_signature', note: 'signed by the key the header carries in "jwk"; it must not be trusted' });
  add({ name: 'attack/jku-with-unknown-kid', token: build('{"alg":"RS256","kid":"attacker","jku":"https://attacker.example/jwks.json"}', CLAIMS.basic, 'RS256', rsaB),
    jwks: rsaSet, expect: 'key_not_found', note: 'the header points to another key set with "jku"; it must not be fetched' });
}

// 11. Key sets with keys to ignore (RFC 7517 §5).
add({ name: 'jwks/ignores-unknown-kty', token: basicToken.RS256, jwks: [{ kty: 'XYZ', kid: 'rsa-a', data: 'opaque' }, F.RS256.pubA],
  expect: 'valid', expect_alt: ['malformed'], payload: CLAIMS.basic, note: 'RFC 7517 §5: keys of unknown kty should be ignored' });
add({ name: 'jwks/ignores-key-missing-members', token: basicToken.RS256, jwks: [{ kty: 'RSA', kid: 'broken', use: 'sig' }, F.RS256.pubA],
  expect: 'valid', expect_alt: ['malformed'], payload: CLAIMS.basic, note: 'RFC 7517 §5: keys missing required members should be ignored' });

// 12. Malformed serializations (HS256 unless said; each signature is right for
// the exact segments, so only the strictness of the parser can catch it).
{
  const key = F.HS256.a;
  const jwks = [F.HS256.pubA];
  const H = '{"alg":"HS256","kid":"hs256-a"}';
  const P = CLAIMS.basic;
  const mal = (name, token, extra = {}) => add({ name: `malformed/${name}`, token, jwks, expect: 'malformed', ...extra });
  const hs = (hSeg, pSeg) => `${hSeg}.${pSeg}.${b64u(rawSign('HS256', key, `${hSeg}.${pSeg}`))}`;
  const good = build(H, P, 'HS256', key);
  const [gh, gp, gs] = splitToken(good);

  // Duplicate members.
  mal('header-duplicate-alg', build('{"alg":"none","kid":"hs256-a","alg":"HS256"}', P, 'HS256', key), { joseDiffers: true,
    note: 'alg given twice; a last-one-wins parser sees HS256 and a good MAC' });
  mal('header-duplicate-alg-escaped', build('{"alg":"none","kid":"hs256-a","\\u0061lg":"HS256"}', P, 'HS256', key), { joseDiffers: true,
    note: 'the second "alg" is spelled "\\u0061lg"' });
  mal('header-duplicate-kid', build('{"alg":"HS256","kid":"hs256-b","kid":"hs256-a"}', P, 'HS256', key), { joseDiffers: true });
  mal('payload-duplicate-sub', build(H, `{"sub":"alice","iat":${now},"exp":${exp},"sub":"mallory"}`, 'HS256', key), { joseDiffers: true });
  mal('payload-duplicate-sub-escaped', build(H, `{"sub":"alice","iat":${now},"exp":${exp},"\\u0073ub":"mallory"}`, 'HS256', key), { joseDiffers: true });
  mal('payload-duplicate-nested', build(H, `{"sub":"alice","exp":${exp},"address":{"country":"US","country":"FR"}}`, 'HS256', key), { joseDiffers: true });

  // base64url strictness.
  const padded = (text) => {
    let t = text;
    while (Buffer.byteLength(t) % 3 === 0) t = t.replace(/}$/, ' }');
    const s = toStdPadded(Buffer.from(t)).replace(/\+/g, '-').replace(/\//g, '_');
    if (!s.endsWith('=')) throw new Error('no padding');
    return s;
  };
  mal('header-padded', hs(padded(H), gp), { joseDiffers: true });
  mal('payload-padded', hs(gh, padded(P)), { joseDiffers: true });
  mal('signature-padded', `${gh}.${gp}.${gs}=`, { joseDiffers: true });
  // Text whose base64url has '-' and '_', sent in the standard alphabet.
  const plusSlash = (text) => {
    for (let i = 0; ; i++) {
      const t = text.replace(/}$/, `,"x":"${'>'.repeat(i % 7)}${'?'.repeat(i)}"}`);
      const seg = enc(t);
      if (seg.includes('-') && seg.includes('_')) return std(seg);
    }
  };
  mal('header-standard-alphabet', hs(plusSlash(H), gp), { note: "the header segment uses '+' and '/'" });
  mal('payload-standard-alphabet', hs(gh, plusSlash(P)), { note: "the payload segment uses '+' and '/'" });
  for (let i = 0; ; i++) {
    const pSeg = enc(P.replace(/}$/, `,"n":${i}}`));
    const sSeg = b64u(rawSign('HS256', key, `${gh}.${pSeg}`));
    if (/[-_]/.test(sSeg)) {
      mal('signature-standard-alphabet', `${gh}.${pSeg}.${std(sSeg)}`, { note: "the signature segment uses '+' or '/'" });
      break;
    }
  }
  // Non-zero unused bits in the last character (several texts decode to the
  // same bytes; a strict decoder takes only the canonical one).
  const nonCanonical = (seg) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    if (seg.length % 4 < 2) throw new Error('no unused bits');
    const v = alphabet.indexOf(seg.at(-1));
    return seg.slice(0, -1) + alphabet[v | 1];
  };
  mal('signature-non-canonical-last-char', `${gh}.${gp}.${nonCanonical(gs)}`, { joseDiffers: true,
    note: 'the unused low bits of the last character are not zero: same bytes, other text' });
  let pNc = gp;
  for (let i = 0; pNc.length % 4 < 2; i++) pNc = enc(P.replace(/}$/, `,"pad":"${'x'.repeat(i + 1)}"}`));
  mal('payload-non-canonical-last-char', hs(gh, nonCanonical(pNc)), { joseDiffers: true });
  let pLen = gp;
  for (let i = 0; pLen.length % 4 !== 0; i++) pLen = enc(P.replace(/}$/, `,"pad":"${'y'.repeat(i + 1)}"}`));
  mal('payload-length-1-mod-4', hs(gh, `${pLen}A`), { note: 'a base64url text of length 1 mod 4 decodes to nothing valid' });

  // Segments.
  mal('two-segments', `${gh}.${gp}`);
  mal('four-segments', `${good}.${gs}`);
  mal('five-segments', `${gh}.${gp}.${gs}.${gs}.${gs}`, { note: 'the shape of a JWE' });
  mal('one-segment', `${gh}${gp}${gs}`);
  mal('empty-string', '');
  mal('only-dots', '..');
  mal('empty-header-segment', hs('', gp));
  mal('empty-payload-segment', hs(gh, ''), { joseDiffers: true, note: 'a JWS may have an empty payload, but a JWT needs a claims object' });

  // Whitespace and garbage.
  mal('trailing-space', `${good} `, { joseDiffers: true });
  mal('trailing-newline', `${good}\n`, { joseDiffers: true });
  mal('trailing-crlf', `${good}\r\n`, { joseDiffers: true });
  mal('trailing-tab', `${good}\t`, { joseDiffers: true });
  mal('leading-space', ` ${good}`);
  mal('trailing-garbage', `${good}#garbage`);
  mal('space-inside-header', `${gh.slice(0, 5)} ${gh.slice(5)}.${gp}.${gs}`);
  mal('newline-inside-signature', `${gh}.${gp}.${gs.slice(0, 10)}\n${gs.slice(10)}`, { joseDiffers: true });

  // Headers that are not a JSON object, or not one Pim reads.
  const badHeaders = {
    'header-array': '["HS256"]',
    'header-string': '"HS256"',
    'header-null': 'null',
    'header-number': '42',
    'header-empty-object': '{}',
    'header-truncated': '{"alg":"HS256","kid":"hs256-a"',
    'header-trailing-comma': '{"alg":"HS256","kid":"hs256-a",}',
    'header-single-quotes': "{'alg':'HS256','kid':'hs256-a'}",
    'header-trailing-garbage': '{"alg":"HS256","kid":"hs256-a"} x',
    'header-two-values': '{"alg":"HS256","kid":"hs256-a"}{}',
    'header-byte-order-mark': '\uFEFF{"alg":"HS256","kid":"hs256-a"}',
    'header-lone-surrogate': '{"alg":"HS256","kid":"hs256-a","x":"\\ud800"}',
    'header-nul-escape': '{"alg":"HS256","kid":"hs256-a","x":"a\\u0000b"}',
    'header-depth-bomb': `{"alg":"HS256","kid":"hs256-a","x":${'['.repeat(10000)}${']'.repeat(10000)}}`,
    'alg-number': '{"alg":256,"kid":"hs256-a"}',
    'alg-null': '{"alg":null,"kid":"hs256-a"}',
    'alg-array': '{"alg":["HS256"],"kid":"hs256-a"}',
    'alg-object': '{"alg":{"name":"HS256"},"kid":"hs256-a"}',
    'alg-true': '{"alg":true,"kid":"hs256-a"}',
    'alg-missing': '{"kid":"hs256-a","typ":"JWT"}',
    'kid-number': '{"alg":"HS256","kid":42}',
    'kid-array': '{"alg":"HS256","kid":["hs256-a"]}',
  };
  const jsonDiffers = new Set(['header-byte-order-mark', 'header-lone-surrogate', 'header-nul-escape', 'header-depth-bomb']);
  for (const [name, text] of Object.entries(badHeaders)) {
    mal(name, hs(enc(text), gp), { joseDiffers: jsonDiffers.has(name) || undefined });
  }
  mal('alg-empty-string', hs(enc('{"alg":"","kid":"hs256-a"}'), gp), { expect_alt: ['unsupported_alg', 'alg_not_allowed'] });
  mal('header-invalid-utf8', hs(b64u(Buffer.concat([Buffer.from('{"alg":"HS256","kid":"hs256-a","x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')])), gp),
    { note: 'bytes FF FE inside a string: not UTF-8' });
  mal('header-overlong-utf8', hs(b64u(Buffer.concat([Buffer.from('{"alg":"HS256","kid":"hs256-a","x":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')])), gp),
    { note: 'C0 AF, an overlong encoding of "/"' });

  // Payloads that are not a JWT claims object, or not one Pim reads.
  const badPayloads = {
    'payload-not-json': 'hello',
    'payload-json-array': '["alice"]',
    'payload-json-string': '"alice"',
    'payload-json-null': 'null',
    'payload-truncated': `{"sub":"alice","exp":${exp}`,
    'payload-nul-escape': `{"sub":"ali\\u0000ce","exp":${exp}}`,
    'payload-lone-surrogate': `{"sub":"\\udc00","exp":${exp}}`,
    'payload-number-out-of-range': `{"sub":"alice","exp":${exp},"big":1e400}`,
    'payload-depth-bomb': `{"sub":"alice","exp":${exp},"x":${'['.repeat(10000)}${']'.repeat(10000)}}`,
    'payload-byte-order-mark': `\uFEFF{"sub":"alice","exp":${exp}}`,
    'payload-trailing-garbage': `{"sub":"alice","exp":${exp}} x`,
  };
  for (const [name, text] of Object.entries(badPayloads)) {
    mal(name, hs(gh, enc(text)), { joseDiffers: true,
      note: name === 'payload-depth-bomb' ? '10000 nested arrays' : undefined });
  }
  mal('payload-invalid-utf8', hs(gh, b64u(Buffer.concat([Buffer.from('{"sub":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(`","exp":${exp}}`)]))),
    { joseDiffers: true, note: 'ED A0 80, a UTF-8-encoded surrogate' });

  // An RS256 one, so that not only HMAC is covered.
  add({ name: 'malformed/rs256-header-duplicate-alg', token: build('{"alg":"HS256","kid":"rsa-a","alg":"RS256"}', P, 'RS256', rsaA),
    jwks: rsaSet, expect: 'malformed', joseDiffers: true });
}

// 13. Valid edge cases.
{
  const deep = `{"sub":"deep","exp":${exp},"x":${'['.repeat(20)}1${']'.repeat(20)}}`;
  add({ name: 'HS256/valid/nesting-depth-21', token: build('{"alg":"HS256","kid":"hs256-a"}', deep, 'HS256', F.HS256.a), jwks: [F.HS256.pubA],
    expect: 'valid', payload: deep, note: '20 nested arrays in a claim: deep, but under any sane limit' });
  const hdr = { alg: 'RS256', kid: 'rsa-a', typ: 'JWT', 'x-custom': { a: [1, 2] }, 'x-flag': true };
  add({ name: 'RS256/valid/unknown-header-members', token: await joseSign('RS256', rsaA, hdr, CLAIMS.basic), jwks: rsaSet,
    expect: 'valid', payload: CLAIMS.basic, note: 'header members nobody marked critical are ignored' });
  const emptyClaims = '{}';
  add({ name: 'ES256/valid/empty-claims', token: await joseSign('ES256', F.ES256.a, { alg: 'ES256', kid: F.ES256.kidA }, emptyClaims),
    jwks: [F.ES256.pubA], expect: 'valid', payload: emptyClaims });
  const big = `{"sub":"large","exp":${exp},"blob":"${b64u(derive('blob', 6 * 1024))}"}`;
  add({ name: 'PS256/valid/large-payload', token: await joseSign('PS256', rsaA, { alg: 'PS256', kid: 'rsa-a' }, big), jwks: rsaSet,
    expect: 'valid', payload: big, note: 'an 8 KiB claim; the token is about 11 KB' });
}

// 14. Unsupported algorithms, with real signatures.
{
  const k1 = jwkFor(secp256k1, 'secp256k1-a');
  add({ name: 'unsupported/alg-ES256K', token: build('{"alg":"ES256K","kid":"secp256k1-a"}', CLAIMS.basic, 'ES256', secp256k1), jwks: [k1],
    expect: 'unsupported_alg', expect_alt: ['alg_not_allowed', 'key_not_found'], note: 'ECDSA on secp256k1 (RFC 8812)' });
  for (const alg of ['foo', 'hs256', 'HS256 ', 'HS-256']) {
    add({ name: `unsupported/alg-${JSON.stringify(alg).slice(1, -1).replace(/ /g, '_')}`,
      token: build(JSON.stringify({ alg, kid: 'hs256-a' }), CLAIMS.basic, 'HS256', F.HS256.a),
      jwks: [F.HS256.pubA], expect: 'unsupported_alg', expect_alt: ['alg_not_allowed'],
      note: 'alg names are case-sensitive and exact' });
  }
}

// --- the reference verdicts ---------------------------------------------------

const problems = [];
for (const c of cases) {
  const r = await verifyWithJose(jose, c.token, c.jwks, c.allowed_algs);
  c.jose = r.ok ? { ok: true } : { ok: false, class: r.class, error: r.error };
  const agrees = r.ok === (c.expect === 'valid');
  if (r.ok && c.expect === 'valid' && r.payload !== c.payload) problems.push(`${c.name}: jose returns another payload`);
  if (agrees === c.joseDiffers) {
    problems.push(`${c.name}: expected ${c.expect}${c.joseDiffers ? ' (jose declared to differ)' : ''}, jose says ${r.ok ? 'valid' : r.error}`);
  }
  c.jose_differs = c.joseDiffers;
  delete c.joseDiffers;
}

const counts = {};
for (const k of CLASSES) counts[k] = 0;
for (const c of cases) counts[c.expect]++;

// The A keys with their private members, so that a test can sign with the
// same keys (and, for the deterministic algorithms, expect jose's bytes).
const DETERMINISTIC = (alg) => /^(HS|RS)/.test(alg) || alg === 'EdDSA';
const signingKeys = ALGORITHMS.map((alg) => {
  const f = F[alg];
  const priv = { ...f.pubA };
  for (const [k, v] of Object.entries(f.a)) if (priv[k] === undefined && k !== 'key_ops' && k !== 'ext') priv[k] = v;
  return { alg, kid: f.kidA, deterministic: DETERMINISTIC(alg), private_jwk: priv, public_jwk: f.pubA };
});

const doc = {
  generator: 'tests/jose-interop/generate.mjs',
  jose_version: joseVersion,
  node_version: process.version,
  seed,
  generated_at: new Date(now * 1000).toISOString(),
  algorithms: ALGORITHMS,
  classes: CLASSES,
  counts,
  signing_keys: signingKeys,
  cases,
};
const lines = JSON.stringify({ ...doc, cases: [] }).replace(/"cases":\[\]\}$/, '"cases":[\n');
fs.writeFileSync(outPath, lines + cases.map((c) => JSON.stringify(c)).join(',\n') + '\n]}\n');

const ms = Number(process.hrtime.bigint() - started) / 1e6;
const summary = Object.entries(counts).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`).join(', ');
console.error(`generate.mjs: ${cases.length} cases (${summary}) in ${ms.toFixed(0)} ms -> ${outPath}`);
if (problems.length) {
  for (const p of problems) console.error(`generate.mjs: self-check: ${p}`);
  process.exit(1);
}
