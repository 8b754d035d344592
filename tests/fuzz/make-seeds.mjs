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
// mtls_endpoint_aliases (RFC 8705 §5): usable, plain http, malformed.
const mtlsBase = {
  issuer: ISSUER, authorization_endpoint: `${ISSUER}/auth`, token_endpoint: `${ISSUER}/token`,
  jwks_uri: `${ISSUER}/jwks`, response_types_supported: ['code'],
  subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
  token_endpoint_auth_methods_supported: ['tls_client_auth', 'self_signed_tls_client_auth'],
  tls_client_certificate_bound_access_tokens: true,
};
add('discovery', 'mtls-aliases', bytes(0, JSON.stringify({ ...mtlsBase, mtls_endpoint_aliases: {
  token_endpoint: 'https://mtls.op.example/token', revocation_endpoint: 'https://mtls.op.example/revoke',
  userinfo_endpoint: 'http://127.0.0.1:8443/me', x_vendor: 'https://mtls.example.net/x',
} })));
add('discovery', 'mtls-insecure', bytes(0, JSON.stringify({ ...mtlsBase,
  mtls_endpoint_aliases: { token_endpoint: 'http://mtls.op.example/token' } })));
add('discovery', 'mtls-malformed', bytes(4, JSON.stringify({ ...mtlsBase,
  mtls_endpoint_aliases: { token_endpoint: 42, '': 'not a url', introspection_endpoint: null } })));

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

// dpop-nonce: pick (status index + 8 * content type index), flags (1: a
// DPoP-Nonce header, 2: "DPoP " before the challenge), nonce, challenge, body.
add('dpop-nonce', 'token-400', bytes(0, 1, str('eyJ7S_zG.eyJH0-Z.HX4w-7v'), str(''),
  '{"error":"use_dpop_nonce","error_description":"Authorization server requires nonce in DPoP proof"}'));
add('dpop-nonce', 'resource-401', bytes(1 + 8 * 3, 3, str('n-1'),
  str('error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"'), ''));
add('dpop-nonce', 'bearer-401', bytes(1, 1, str('n-2'), str('Bearer error="use_dpop_nonce"'), '{}'));
add('dpop-nonce', 'bad-nonce', bytes(0, 1, str('with "quote" and space'), str(''),
  '{"error":"use_dpop_nonce"}'));
add('dpop-nonce', 'success', bytes(3, 1, str('next-nonce'), str(''), '{"access_token":"x"}'));

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

// dpop-proof: first byte mode (0 raw, 1 fuzzed header rest, 2 fuzzed
// claims, 3 tampered) | 4 for "with an access token"; then for 1-3 the key
// index; for 3 a u32 position and a byte; for 1 a random-length string
// (the header after `{"typ":"dpop+jwt","jwk":<key>`); the rest the claims.
// The validator's clock is 1790000000; its URI https://rs.example/api, POST.
{
  const DPOP_NOW = 1790000000;
  const DPOP_HTU = 'https://rs.example/api';
  const ath = b64(crypto.createHash('sha256').update('fuzz-access-token').digest());
  const claims = (extra = {}) =>
    JSON.stringify({ jti: 'fuzz-jti', htm: 'POST', htu: DPOP_HTU, iat: DPOP_NOW, ...extra });
  const proof = (kid, extraClaims = {}, extraHeader = {}) => {
    const jwk = { ...key(kid) };
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) delete jwk[member];
    const header = JSON.stringify({ alg: jwk.alg, typ: 'dpop+jwt', jwk, ...extraHeader });
    return sign(kid, header, claims(extraClaims));
  };
  add('dpop-proof', 'raw-es256', bytes(0, proof('es256')));
  add('dpop-proof', 'raw-eddsa-ath', bytes(4, proof('eddsa', { ath })));
  add('dpop-proof', 'raw-rs256-query', bytes(0, proof('rs256', { htu: `${DPOP_HTU}?x=1#f` })));
  add('dpop-proof', 'raw-typ-jwt', bytes(0, proof('es256', {}, { typ: 'JWT' })));
  add('dpop-proof', 'raw-hs256', bytes(0, sign('hs256',
    JSON.stringify({ alg: 'HS256', typ: 'dpop+jwt', jwk: key('hs256') }), claims())));
  add('dpop-proof', 'raw-none', bytes(0,
    `${b64(JSON.stringify({ alg: 'none', typ: 'dpop+jwt', jwk: key('es256') }))}.${b64(claims())}.`));
  add('dpop-proof', 'header-es256', bytes(1, KEY_INDEX.es256, str(',"alg":"ES256"}'), claims()));
  add('dpop-proof', 'header-crit', bytes(1, KEY_INDEX.rs256,
    str(',"alg":"RS256","crit":["x"],"x":1}'), claims()));
  add('dpop-proof', 'claims-es256', bytes(2, KEY_INDEX.es256, claims()));
  add('dpop-proof', 'claims-ath', bytes(6, KEY_INDEX.eddsa, claims({ ath })));
  add('dpop-proof', 'claims-old', bytes(2, KEY_INDEX.rs256, claims({ iat: DPOP_NOW - 61 })));
  add('dpop-proof', 'claims-float-iat', bytes(2, KEY_INDEX.es256, claims({ iat: DPOP_NOW + 0.5 })));
  add('dpop-proof', 'claims-nonce', bytes(2, KEY_INDEX.es256, claims({ nonce: 'n' })));
  add('dpop-proof', 'claims-hs256', bytes(2, KEY_INDEX.hs256, claims()));
  add('dpop-proof', 'tampered', bytes(3, KEY_INDEX.es256, u32(40), 'A', claims()));
}

// ---- par-response (RFC 9126 §2.2): the 201 body ----
add('par-response', 'rfc9126', JSON.stringify({
  request_uri: 'urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c', expires_in: 60,
}));
add('par-response', 'string-expires', '{"request_uri":"urn:x","expires_in":"60"}');
add('par-response', 'negative', '{"request_uri":"urn:x","expires_in":-1,"x":[1,{}]}');
add('par-response', 'no-uri', '{"expires_in":60}');

// ---- jarm-response: shape byte, pick byte, then a callback, a JWT or claims ----
{
  const jarm = { iss: ISSUER, aud: AUDIENCE, exp: NOW + 300, code: 'c', state: 'fuzz-state' };
  const good = jwt('es256', jarm);
  add('jarm-response', 'query', bytes(0, 1, `https://client.example/cb?response=${good}`));
  add('jarm-response', 'fragment', bytes(0, 2, `https://client.example/cb#response=${jwt('eddsa', jarm)}`));
  add('jarm-response', 'form-post', bytes(0, 3, `response=${jwt('rs256', jarm)}`));
  add('jarm-response', 'error', bytes(0, 0, `/cb?response=${jwt('es256', {
    iss: ISSUER, aud: AUDIENCE, exp: NOW + 300, error: 'access_denied', state: 'fuzz-state' })}`));
  add('jarm-response', 'jwt', bytes(1, 0, good));
  add('jarm-response', 'jwe', bytes(1, 0, 'eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a2V5.aXY.Y2lwaGVy.dGFn'));
  add('jarm-response', 'none', bytes(1, 0, `${b64('{"alg":"none"}')}.${b64(JSON.stringify(jarm))}.`));
  add('jarm-response', 'claims-es256', bytes(2, KEY_INDEX.es256, JSON.stringify(jarm)));
  add('jarm-response', 'claims-hs256', bytes(2, KEY_INDEX.hs256, JSON.stringify(jarm)));
  add('jarm-response', 'claims-aud-list', bytes(2, KEY_INDEX.rs256,
    JSON.stringify({ ...jarm, aud: ['other', AUDIENCE], expires_in: 3600 })));
  add('jarm-response', 'claims-expired', bytes(2, KEY_INDEX.eddsa, JSON.stringify({ ...jarm, exp: NOW - 60 })));
  add('jarm-response', 'claims-object', bytes(2, KEY_INDEX.es256, JSON.stringify({ ...jarm, x: { y: 1 } })));
}

// ---- registration-response ----
add('registration-response', 'rfc7591', JSON.stringify({
  client_id: 's6BhdRkqt3', client_secret: 'cf136dc3c1fc93f31185e5885805d',
  client_id_issued_at: 2893256800, client_secret_expires_at: 2893276800,
  redirect_uris: ['https://client.example.org/callback', 'https://client.example.org/callback2'],
  grant_types: ['authorization_code', 'refresh_token'], client_name: 'My Example Client',
  token_endpoint_auth_method: 'client_secret_basic', logo_uri: 'https://client.example.org/logo.png',
  jwks_uri: 'https://client.example.org/my_public_keys.jwks', example_extension_parameter: 'example_value',
}));
add('registration-response', 'rfc7592', JSON.stringify({
  client_id: 's6BhdRkqt3', client_secret: 'cf136dc3c1fc93f31185e5885805d',
  registration_access_token: 'reg-23410913-abewfq.123483',
  registration_client_uri: 'https://server.example.com/register/s6BhdRkqt3',
  client_secret_expires_at: 0, backchannel_logout_session_required: true, jwks: { keys: [] },
}));
add('registration-response', 'minimal', '{"client_id":"c"}');
add('registration-response', 'wrong-types', '{"client_id":"c","redirect_uris":"x","client_secret_expires_at":"0"}');

// ---- logout-token ----
{
  const logout = {
    iss: ISSUER, aud: AUDIENCE, iat: NOW - 10, exp: NOW + 120, jti: 'bWJq', sid: '08a5019c-17e1-4977-8f42-65a12843ea02',
    sub: '248289761001', events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
  };
  add('logout-token', 'rs256', bytes(4, 0, jwt('rs256', logout, { typ: 'logout+jwt' })));
  add('logout-token', 'form', bytes(1, 0, `logout_token=${jwt('es256', logout, { typ: 'logout+jwt' })}`));
  add('logout-token', 'claims-eddsa', bytes(4, 1, KEY_INDEX.eddsa, JSON.stringify(logout)));
  add('logout-token', 'claims-nonce', bytes(4, 1, KEY_INDEX.hs256, JSON.stringify({ ...logout, nonce: 'n' })));
  add('logout-token', 'claims-aud-list', bytes(2, 1, KEY_INDEX.es256,
    JSON.stringify({ ...logout, aud: [AUDIENCE, 'fuzz-trusted'], azp: AUDIENCE, sub: undefined })));
  add('logout-token', 'header-typ', bytes(0, 2, KEY_INDEX.rs256,
    str('{"alg":"RS256","kid":"fuzz-rs256","typ":"application/logout+jwt"}'), JSON.stringify(logout)));
}

// ---- loopback-redirect ----
// bits (method | no-query 8 | page << 4 | small-limit 64), the path, the query.
{
  const p = '/pim/fuzz-redirect-path';
  add('loopback-redirect', 'redirect', bytes(0, str(p), 'code=abc&state=fuzz-state&iss=https%3A%2F%2Fop.example'));
  add('loopback-redirect', 'error', bytes(1 << 4, str(p), 'error=access_denied&error_description=%3Cscript%3E&state=s'));
  add('loopback-redirect', 'duplicate', bytes(0, str(p), 'state=a&code=c&state=b'));
  add('loopback-redirect', 'bad-escape', bytes(0, str(p), 'code=%ZZ&state=%0'));
  add('loopback-redirect', 'nul-escape', bytes(0, str(p), 'code=a%00b&state=s'));
  add('loopback-redirect', 'plus-empty', bytes(0, str(p), 'a+b=c+d&&=x&flag'));
  add('loopback-redirect', 'other-path', bytes(2 << 4, str('/pim/other'), 'code=abc&state=s'));
  add('loopback-redirect', 'post', bytes(1, str(p), 'code=abc'));
  add('loopback-redirect', 'no-query', bytes(8 | (3 << 4), str(p), ''));
  add('loopback-redirect', 'long', bytes(64, str(p), 'code=' + 'x'.repeat(100)));
}

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
