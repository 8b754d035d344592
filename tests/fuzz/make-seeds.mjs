// make-seeds.mjs: writes the seed inputs of tests/fuzz/corpus/<target>/
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
//   node tests/fuzz/make-seeds.mjs
//
// Seeds come from the test vectors and fixtures (tests/json, tests/discovery,
// tests/jose-vectors) and from tokens signed with the fuzzing keys
// (tests/fuzz/keys.jwks). Each seed is a file named seed-<name>; the
// script rewrites those and leaves everything else alone (findings are
// committed beside them as crash-*, leak-*, timeout-*). Inputs that start
// with mode bytes follow the harness's layout (see each fuzz-*.c); random-
// length strings end with a backslash and another character, as in
// fuzz-common.h.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const tests = path.dirname(here);
const keys = JSON.parse(fs.readFileSync(path.join(here, 'keys.jwks'), 'utf8')).keys;
const key = (kid) => keys.find((k) => k.kid === `fuzz-${kid}`);
const KEY_INDEX = { rs256: 0, es256: 1, eddsa: 2, hs256: 3 };

const ISSUER = 'https://op.example';
const AUDIENCE = 'fuzz-client';
const NOW = 1700000000;

const b64 = (data) => Buffer.from(data).toString('base64url');
const bytes = (...parts) =>
  Buffer.concat(parts.map((p) => (typeof p === 'number' ? Buffer.from([p]) : Buffer.from(p))));
// A random-length string of the harness: backslashes doubled, then a
// backslash and a newline to end it.
const str = (s) => Buffer.concat([Buffer.from(s.replaceAll('\\', '\\\\')), Buffer.from('\\\n')]);
const u32 = (n) => Buffer.from([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

function sign(kid, header, payload) {
  const jwk = key(kid);
  const input = `${b64(header)}.${b64(payload)}`;
  let signature;
  if (jwk.kty === 'oct') {
    signature = crypto.createHmac('sha256', Buffer.from(jwk.k, 'base64url')).update(input).digest();
  } else {
    const priv = crypto.createPrivateKey({ key: jwk, format: 'jwk' });
    const hash = jwk.kty === 'OKP' ? null : 'sha256';
    signature = crypto.sign(hash, Buffer.from(input), { key: priv, dsaEncoding: 'ieee-p1363' });
  }
  return `${input}.${b64(signature)}`;
}

function jwt(kid, claims, extraHeader = {}) {
  const jwk = key(kid);
  const header = JSON.stringify({ alg: jwk.alg, kid: jwk.kid, typ: 'JWT', ...extraHeader });
  return sign(kid, header, JSON.stringify(claims));
}

const halfHash = (value) =>
  b64(crypto.createHash('sha256').update(value).digest().subarray(0, 16));

const goodClaims = {
  iss: ISSUER,
  sub: 'alice',
  aud: AUDIENCE,
  exp: NOW + 3600,
  iat: NOW - 10,
  nbf: NOW - 10,
  auth_time: NOW - 100,
  nonce: 'fuzz-nonce',
  azp: AUDIENCE,
  at_hash: halfHash('fuzz-access-token'),
  c_hash: halfHash('fuzz-code'),
};

const seeds = {};
const add = (target, name, data) => {
  (seeds[target] ??= {})[name] = Buffer.from(data);
};
const read = (...p) => fs.readFileSync(path.join(tests, ...p));
const vectors = (file) => JSON.parse(read('jose-vectors', file)).cases;

// ---- json: a sample of tests/json, both verdicts ----
for (const f of [
  'y_jwt_header.json', 'y_jwt_claims.json', 'y_jwks.json', 'y_object_many_members_escaped.json',
  'y_string_escapes.json', 'y_string_surrogate_pair_in_name.json', 'y_number_int64_min_minus_one.json',
  'y_number_minus_zero_double.json', 'y_depth_32_mixed.json', 'y_string_utf8_boundaries.json',
  'n_duplicate_name_escaped.json', 'n_duplicate_name_many_members_escaped.json',
  'n_string_lone_high_surrogate.json', 'n_depth_33_objects.json', 'n_number_overflow.json',
  'n_utf8_overlong_2_c0.json', 'n_string_u0000.json',
]) {
  add('json', f.replace(/\.json$/, ''), read('json', f));
}

// ---- base64url ----
for (const [name, text] of Object.entries({
  empty: '', one: 'QQ', two: 'QUI', three: 'QUJD', url: '_-8', 'bad-bits': 'QR', padded: 'QQ==',
  'bad-length': 'QUJDR', header: b64('{"alg":"RS256","kid":"fuzz-rs256","typ":"JWT"}'),
})) {
  add('base64url', name, text);
}

// ---- jwk: the fuzzing keys (private and public) and the RFC keys ----
for (const k of keys) {
  add('jwk', `${k.kid}-private`, JSON.stringify(k));
  const pub = { ...k };
  for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi']) delete pub[m];
  if (k.kty !== 'oct') add('jwk', `${k.kid}-public`, JSON.stringify(pub));
}
for (const [file, prefix] of [['rfc7515.json', 'rfc7515'], ['rfc8037.json', 'rfc8037'],
                              ['rfc7638.json', 'rfc7638']]) {
  vectors(file).forEach((c, i) => {
    if (c.jwk) add('jwk', `${prefix}-${i}`, JSON.stringify(c.jwk));
  });
}
add('jwk', 'x5c-and-ops', JSON.stringify({
  ...key('es256'), d: undefined, key_ops: ['verify'], x5c: ['MIIB'], 'x5t#S256': 'abc',
}));

// ---- jwk-set ----
const publicSet = keys.map((k) => {
  const pub = { ...k };
  for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi']) delete pub[m];
  return pub;
});
add('jwk-set', 'fuzzing-keys', JSON.stringify({ keys: publicSet }));
add('jwk-set', 'with-skipped', JSON.stringify({
  keys: [publicSet[1], { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }, 7, { kty: 'nope' }],
}));
add('jwk-set', 'empty', '{"keys":[]}');
add('jwk-set', 'duplicate-kid', JSON.stringify({ keys: [publicSet[2], { ...publicSet[1], kid: 'fuzz-eddsa' }] }));
add('jwk-set', 'json-fixture', read('json', 'y_jwks.json'));

// ---- jws ----
add('jws', 'rs256', bytes(0, jwt('rs256', goodClaims)));
add('jws', 'es256', bytes(0, jwt('es256', goodClaims)));
add('jws', 'eddsa', bytes(1, jwt('eddsa', goodClaims)));
add('jws', 'hs256', bytes(1, jwt('hs256', goodClaims)));
add('jws', 'no-kid', bytes(0, sign('hs256', '{"alg":"HS256"}', '{"sub":"x"}')));
add('jws', 'alg-none', bytes(0, `${b64('{"alg":"none"}')}.${b64('{}')}.`));
vectors('rfc7515.json').forEach((c, i) => c.token && add('jws', `rfc7515-${i}`, bytes(0, c.token)));
vectors('rfc8037.json').forEach((c, i) => c.token && add('jws', `rfc8037-${i}`, bytes(0, c.token)));
add('jws', 'signed-header', bytes(2, KEY_INDEX.es256,
  str('{"alg":"ES256","kid":"fuzz-es256","crit":["b64"],"b64":true}'), JSON.stringify(goodClaims)));
add('jws', 'signed-confused', bytes(2, KEY_INDEX.hs256,
  str('{"alg":"RS256","kid":"fuzz-rs256"}'), '{"sub":"x"}'));
add('jws', 'tampered', bytes(3, KEY_INDEX.eddsa, u32(40), 'A',
  str('{"alg":"EdDSA","kid":"fuzz-eddsa"}'), JSON.stringify(goodClaims)));

// ---- validate-token ----
add('validate-token', 'rs256', bytes(0, 0, jwt('rs256', goodClaims)));
add('validate-token', 'es256-cached', bytes(1, 0, jwt('es256', goodClaims)));
add('validate-token', 'expired', bytes(0, 0, jwt('hs256', { ...goodClaims, exp: NOW - 3600 })));
add('validate-token', 'all-checks', bytes(2 | 4 | 32 | 64, 1, KEY_INDEX.hs256, JSON.stringify(goodClaims)));
add('validate-token', 'audience-list', bytes(1 | 128, 1, KEY_INDEX.eddsa,
  JSON.stringify({ ...goodClaims, aud: [AUDIENCE, 'other'], azp: AUDIENCE })));
add('validate-token', 'at-jwt', bytes(16 | 8, 2, KEY_INDEX.es256,
  str('{"alg":"ES256","kid":"fuzz-es256","typ":"at+jwt"}'),
  JSON.stringify({ ...goodClaims, exp: NOW + 0.5, iat: 1.5e9 })));
add('validate-token', 'other-issuer', bytes(128, 1, KEY_INDEX.rs256,
  JSON.stringify({ ...goodClaims, iss: 'https://other.example' })));

// ---- discovery ----
const full = JSON.parse(read('discovery', 'full.json'));
const rebase = (doc, from) =>
  JSON.parse(JSON.stringify(doc).replaceAll(from.replace(/\/$/, ''), ISSUER));
add('discovery', 'full', bytes(0, JSON.stringify(rebase(full, full.issuer))));
const oauth = JSON.parse(read('discovery', 'oauth-metadata.json'));
add('discovery', 'oauth-metadata', bytes(1, JSON.stringify(rebase(oauth, oauth.issuer))));
add('discovery', 'local-provider', bytes(2 | 4, read('discovery', 'local-provider.json')));
add('discovery', 'foreign-endpoints', bytes(128, JSON.stringify({
  ...rebase(full, full.issuer), jwks_uri: 'https://keys.example/jwks', token_endpoint: 'https://login.example/token',
})));
add('discovery', 'duplicate-member', bytes(2, read('discovery', 'duplicate-member.json')));
add('discovery', 'truncated', bytes(0, read('discovery', 'truncated.json')));

// ---- OAuth answers ----
add('token-response', 'minimal', '{"access_token":"at","token_type":"Bearer"}');
add('token-response', 'full', JSON.stringify({
  access_token: 'at', token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt',
  id_token: jwt('hs256', goodClaims), scope: 'openid profile',
}));
add('token-response', 'exchange', JSON.stringify({
  access_token: 'at', token_type: 'N_A', expires_in: '60',
  issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
}));
add('token-response', 'wrong-types', '{"access_token":1,"token_type":null,"expires_in":-5}');

add('device-authorization-response', 'rfc8628', JSON.stringify({
  device_code: 'GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS', user_code: 'WDJB-MJHT',
  verification_uri: 'https://example.com/device',
  verification_uri_complete: 'https://example.com/device?user_code=WDJB-MJHT',
  expires_in: 1800, interval: 5,
}));
add('device-authorization-response', 'strings', JSON.stringify({
  device_code: 'd', user_code: 'u', verification_uri: 'https://op.example/device',
  expires_in: '600', interval: '0',
}));
add('device-authorization-response', 'huge', JSON.stringify({
  device_code: 'd', user_code: 'u', verification_uri: 'https://op.example/device',
  expires_in: 9223372036854775807, interval: 1e300,
}));

add('introspection-response', 'rfc7662', JSON.stringify({
  active: true, client_id: 'l238j323ds-23ij4', username: 'jdoe', scope: 'read write dolphin',
  sub: 'Z5O3upPC88QrAjx00dis', aud: 'https://protected.example.net/resource',
  iss: 'https://server.example.com/', exp: 1419356238, iat: 1419350238,
  extension_field: 'twenty-seven', jti: 'x', nbf: 1419350238, token_type: 'Bearer',
}));
add('introspection-response', 'inactive', '{"active":false,"scope":7}');
add('introspection-response', 'audiences', '{"active":true,"aud":["a","b"],"exp":"5"}');

const userinfo = {
  sub: '248289761001', name: 'Jane Doe', given_name: 'Jane', family_name: 'Doe',
  preferred_username: 'j.doe', email: 'janedoe@example.com', email_verified: true,
  picture: 'http://example.com/janedoe/me.jpg', phone_number_verified: false,
  address: { street_address: '1 Main St', country: 'US' }, updated_at: 1311280970,
};
add('userinfo-response', 'json', bytes(0, JSON.stringify(userinfo)));
add('userinfo-response', 'signed', bytes(1, KEY_INDEX.hs256,
  JSON.stringify({ ...userinfo, iss: ISSUER, aud: AUDIENCE })));
add('userinfo-response', 'no-sub', bytes(0, '{"name":"x","email_verified":"true"}'));

// oauth-error: pick (status index + 8 * content type index), bearer byte,
// reason, challenge, body.
add('oauth-error', 'invalid-grant', bytes(0, 0, str('Bad Request'), str(''),
  '{"error":"invalid_grant","error_description":"The code has expired","error_uri":"https://op.example/e"}'));
add('oauth-error', 'bearer', bytes(1, 1, str('Unauthorized'),
  str('realm="example", error="invalid_token", error_description="The access token expired"'), ''));
add('oauth-error', 'bearer-ext', bytes(1 + 8 * 4, 1, str('Unauthorized'),
  str("error*=UTF-8''invalid%20token, scope=\"a b\""), '<html>no</html>'));
add('oauth-error', 'html', bytes(4 + 8 * 4, 0, str('Internal Server Error'), str(''), '<h1>oops</h1>'));
add('oauth-error', 'problem', bytes(2 + 8 * 2, 0, str('Forbidden'), str(''),
  '{"error":"access_denied\\u0007","error_description":"\\u00e9\\ud83d\\ude00"}'));

// authorization-response: bits (mode | type << 2 | require-issuer 32 | response-mode << 6).
const cb = 'http://127.0.0.1:8400/callback';
add('authorization-response', 'code-query', bytes(0,
  `${cb}?code=abc&state=fuzz-state&iss=https%3A%2F%2Fop.example`));
add('authorization-response', 'code-path-only', bytes(1 | 32, '/callback?code=abc&state=fuzz-state&iss=https://op.example'));
add('authorization-response', 'hybrid-fragment', bytes(2 | (1 << 2),
  `${cb}#code=abc&id_token=${jwt('hs256', goodClaims)}&state=fuzz-state&session_state=x`));
add('authorization-response', 'form-post', bytes(3 | (3 << 2) | (3 << 6),
  'id_token=a.b.c&access_token=at&token_type=Bearer&expires_in=60&state=fuzz-state'));
add('authorization-response', 'error', bytes(0,
  `${cb}?error=access_denied&error_description=User+said+no&state=fuzz-state`));
add('authorization-response', 'twice', bytes(0, `${cb}?code=a&code=b&state=fuzz-state`));
add('authorization-response', 'bad-escape', bytes(0, `${cb}?code=%zz&state=fuzz-state`));

// http-headers: Retry-After, Cache-Control, Content-Length, Content-Type,
// HTTP_TIMEOUT, HTTP_RETRY_COUNT, HTTP_RETRY_BASE_DELAY.
const headers = (...values) => Buffer.concat(values.map(str));
add('http-headers', 'seconds', headers('120', 'max-age=600', '512', 'application/json', '30', '3', '1.5'));
add('http-headers', 'date', headers('Fri, 27 Nov 2026 12:00:10 GMT', 'no-store', '2048',
  'application/jwk-set+json; charset=utf-8', '0', '11', '61'));
add('http-headers', 'odd', headers(' 99999999999999999999 ', 'max-age="60", private', '-1',
  'text/html', '1e308', '2.5', 'nan'));
add('http-headers', 'bad-date', headers('Sun, 06 Nov 1994 08:49:37 GMT', 'no-cache, max-age=5',
  '18446744073709551616', 'application/', 'inf', '-0', '0x10'));

// ---- write ----
let count = 0;
for (const [target, files] of Object.entries(seeds)) {
  const dir = path.join(here, 'corpus', target);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir)) if (f.startsWith('seed-')) fs.unlinkSync(path.join(dir, f));
  for (const [name, data] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, `seed-${name}`), data);
    count++;
  }
}
console.log(`${count} seeds in ${Object.keys(seeds).length} corpora`);
