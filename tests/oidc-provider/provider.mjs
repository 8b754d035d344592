#!/usr/bin/env node
// Pim's local OpenID provider for tests.  TEST-ONLY: every secret and key
// here is public; never run this for anything but a test suite on loopback.
//
//   node provider.mjs [--port N] [--keys-dir DIR] [--ignore-stdin]
//                     [--require-consent]
//
// Prints exactly one line "ready <issuer>" on stdout once it listens.  All
// other output goes to stderr, and only with PIM_PROVIDER_DEBUG=1.  It exits
// on SIGTERM/SIGINT and when its stdin reaches EOF (unless --ignore-stdin).
// See README.md for the clients, resources and scopes.

import { generateKeyPair, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
// Mutual TLS mode (below).
import { X509Certificate } from 'node:crypto';
import { createServer as createHttpsServer } from 'node:https';

const DEBUG = process.env.PIM_PROVIDER_DEBUG === '1';

function log (...args) {
  if (DEBUG)
    process.stderr.write(`[pim-provider] ${args.join(' ')}\n`);
}

// stdout carries only the ready line, and oidc-provider prints notices with
// console.info (stdout) and warnings with console.warn: route the console
// to stderr in debug mode and drop it otherwise.  This must happen before
// oidc-provider is imported (it warns at import time), hence the dynamic
// import below.
for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
  console[name] = DEBUG
    ? (...args) => process.stderr.write(`[pim-provider] ${args.join(' ')}\n`)
    : () => {};
}

function fatal (message) {
  process.stderr.write(`pim test provider: ${message}\n`);
  process.exit(1);
}

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'keys-dir': { type: 'string' },
      'ignore-stdin': { type: 'boolean', default: false },
      'require-consent': { type: 'boolean', default: false },
    },
  }));
} catch (err) {
  fatal(err.message);
}

const port = Number(options.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fatal(`invalid --port ${options.port}`);

// Exit paths: the test program closing our stdin (also when it dies), or a
// signal.  Registered first so a provider whose parent is already gone does
// not linger while it starts.
function shutdown (why) {
  log(`exiting: ${why}`);
  process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
if (!options['ignore-stdin']) {
  process.stdin.on('end', () => shutdown('stdin EOF'));
  process.stdin.on('error', () => shutdown('stdin error'));
  process.stdin.on('data', () => {});
  process.stdin.resume();
}

const importProvider = import('oidc-provider');

/* ------------------------------------------------------------------ */
/* Constants shared with tests/pim-test-provider.h and README.md       */

const RESOURCE_JWT = 'urn:pim:test:api';
const RESOURCE_OPAQUE = 'urn:pim:test:opaque';
// JWT access-token resources and the algorithm each signs with; the one
// for RS256 is RESOURCE_JWT.
const JWT_RESOURCE_ALGS = {
  [RESOURCE_JWT]: 'RS256',
  'urn:pim:test:api:ps256': 'PS256',
  'urn:pim:test:api:es256': 'ES256',
  'urn:pim:test:api:eddsa': 'EdDSA',
};
const RESOURCE_SCOPES = 'api:read api:write';
const INTROSPECTOR_ID = 'pim-introspect';

const HERE = new URL('.', import.meta.url).pathname;

/* ------------------------------------------------------------------ */
/* Signing keys                                                        */

const KEY_SPECS = [
  { alg: 'RS256', type: 'rsa', options: { modulusLength: 2048 } },
  { alg: 'PS256', type: 'rsa', options: { modulusLength: 2048 } },
  { alg: 'ES256', type: 'ec', options: { namedCurve: 'P-256' } },
  { alg: 'EdDSA', type: 'ed25519', options: {} },
];

const generateKeyPairAsync = promisify(generateKeyPair);

async function generateJwks () {
  const keys = await Promise.all(KEY_SPECS.map(async (spec) => {
    const { privateKey } = await generateKeyPairAsync(spec.type, spec.options);
    return {
      ...privateKey.export({ format: 'jwk' }),
      kid: `${spec.alg.toLowerCase()}-${randomBytes(6).toString('hex')}`,
      alg: spec.alg,
      use: 'sig',
    };
  }));
  return { keys };
}

function jwksIsUsable (jwks) {
  return Array.isArray(jwks?.keys)
    && KEY_SPECS.every((spec) => jwks.keys.some((k) => k.alg === spec.alg && k.d));
}

async function loadOrGenerateJwks (dir) {
  if (!dir)
    return generateJwks();

  const file = join(dir, 'jwks.json');
  try {
    const jwks = JSON.parse(readFileSync(file, 'utf8'));
    if (jwksIsUsable(jwks))
      return jwks;
    log(`${file} lacks a key, regenerating`);
  } catch (err) {
    if (err.code !== 'ENOENT')
      log(`cannot use ${file} (${err.message}), regenerating`);
  }

  const jwks = await generateJwks();
  // Several test programs may start at once with the same directory: write
  // to a private file and rename it, so a reader never sees half a file.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.jwks.json.${process.pid}`);
  writeFileSync(tmp, `${JSON.stringify(jwks, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  log(`generated signing keys in ${file}`);
  return jwks;
}

/* ------------------------------------------------------------------ */
/* Clients                                                             */

function publicJwk (jwk) {
  const { d, p, q, dp, dq, qi, ...pub } = jwk;
  return pub;
}

const pimJwtKey = JSON.parse(
  readFileSync(join(HERE, 'clients', 'pim-jwt.private.jwk.json'), 'utf8'));

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

const LOOPBACK_REDIRECTS = ['http://127.0.0.1/callback', 'http://[::1]/callback'];
const LOOPBACK_LOGOUT_REDIRECTS = ['http://127.0.0.1/logout', 'http://[::1]/logout'];

// One client per ID token signing algorithm (id_token_signed_response_alg),
// for the code flow and the hybrid flows whose front-channel ID token
// carries c_hash (and at_hash with "code id_token token").
const ID_TOKEN_ALGS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
const ID_TOKEN_CLIENT_SECRET = 'pim-idtoken-secret';
const ID_TOKEN_CLIENTS = ID_TOKEN_ALGS.map((alg) => ({
  client_id: `pim-idtoken-${alg.toLowerCase()}`,
  client_secret: ID_TOKEN_CLIENT_SECRET,
  token_endpoint_auth_method: 'client_secret_basic',
  application_type: 'native',
  id_token_signed_response_alg: alg,
  grant_types: ['authorization_code', 'implicit'],
  response_types: ['code', 'code id_token', 'code id_token token'],
  redirect_uris: LOOPBACK_REDIRECTS,
}));

const CLIENTS = [
  {
    client_id: 'pim-basic',
    client_secret: 'pim-basic-secret',
    token_endpoint_auth_method: 'client_secret_basic',
    // native: loopback redirect URIs match on any port (RFC 8252 §7.3).
    application_type: 'native',
    grant_types: ['client_credentials', 'authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: LOOPBACK_REDIRECTS,
    post_logout_redirect_uris: LOOPBACK_LOGOUT_REDIRECTS,
  },
  {
    client_id: 'pim-post',
    client_secret: 'pim-post-secret',
    token_endpoint_auth_method: 'client_secret_post',
    application_type: 'native',
    grant_types: ['client_credentials', 'authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: LOOPBACK_REDIRECTS,
    post_logout_redirect_uris: LOOPBACK_LOGOUT_REDIRECTS,
  },
  {
    // Reserved characters in both id and secret: client_secret_basic must
    // form-urlencode them before base64 (RFC 6749 §2.3.1).  Client ids and
    // secrets are restricted to printable ASCII (VSCHAR), so no non-ASCII.
    client_id: 'pim-weird:id',
    client_secret: 'p:m %+&=/?#~secret',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  },
  {
    client_id: 'pim-jwt',
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    jwks: { keys: [publicJwk(pimJwtKey)] },
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  },
  {
    client_id: 'pim-native',
    token_endpoint_auth_method: 'none',
    application_type: 'native',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: LOOPBACK_REDIRECTS,
    post_logout_redirect_uris: LOOPBACK_LOGOUT_REDIRECTS,
  },
  // Desktop apps (RFC 8252 §7.3): public, loopback redirect on any port and,
  // like Google's desktop clients, any path (see allowAnyLoopbackPath), so
  // a sign-in can use an unguessable path. The -par one must push (RFC 9126).
  ...['pim-desktop', 'pim-desktop-par'].map((client_id) => ({
    client_id,
    token_endpoint_auth_method: 'none',
    application_type: 'native',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: ['http://127.0.0.1/', 'http://[::1]/'],
    post_logout_redirect_uris: LOOPBACK_LOGOUT_REDIRECTS,
    require_pushed_authorization_requests: client_id === 'pim-desktop-par',
  })),
  {
    client_id: 'pim-device',
    token_endpoint_auth_method: 'none',
    grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
    response_types: [],
    redirect_uris: [],
  },
  {
    client_id: INTROSPECTOR_ID,
    client_secret: 'pim-introspect-secret',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  },
  {
    // client_secret_jwt: an HS256 assertion under this secret.
    client_id: 'pim-secret-jwt',
    client_secret: 'pim-secret-jwt-secret-0123456789abcdef',
    token_endpoint_auth_method: 'client_secret_jwt',
    token_endpoint_auth_signing_alg: 'HS256',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  },
  {
    // RFC 8693 token exchange (the grant below), and client credentials to
    // get subject tokens.
    client_id: 'pim-exchange',
    client_secret: 'pim-exchange-secret',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials', TOKEN_EXCHANGE],
    response_types: [],
    redirect_uris: [],
  },
  {
    // Signed UserInfo answers (jwtUserinfo): an ES256 JWT with iss = the
    // issuer and aud = this client, instead of JSON.
    client_id: 'pim-userinfo-jwt',
    client_secret: 'pim-userinfo-jwt-secret',
    token_endpoint_auth_method: 'client_secret_basic',
    application_type: 'native',
    userinfo_signed_response_alg: 'ES256',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: LOOPBACK_REDIRECTS,
  },
  ...ID_TOKEN_CLIENTS,
  {
    // PAR and JAR with private_key_jwt: the pim-jwt key (ES256) both
    // authenticates the client and signs its request objects; the secret
    // keys HS256 request objects only (RFC 9101 §10.1).
    client_id: 'pim-par-jwt',
    client_secret: 'pim-par-jwt-secret-0123456789abcdef',
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'ES256',
    jwks: { keys: [publicJwk(pimJwtKey)] },
    application_type: 'native',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: LOOPBACK_REDIRECTS,
  },
  {
    // Authorization requests only through PAR (RFC 9126 §6).
    client_id: 'pim-par-required',
    client_secret: 'pim-par-required-secret',
    token_endpoint_auth_method: 'client_secret_basic',
    require_pushed_authorization_requests: true,
    application_type: 'native',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: LOOPBACK_REDIRECTS,
  },
  // DPoP (RFC 9449): access tokens must be DPoP-bound (a token request
  // without a proof is refused).
  {
    client_id: 'pim-dpop',
    client_secret: 'pim-dpop-secret',
    token_endpoint_auth_method: 'client_secret_basic',
    application_type: 'native',
    dpop_bound_access_tokens: true,
    grant_types: ['client_credentials', 'authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: LOOPBACK_REDIRECTS,
  },
  // DPoP with server nonces: every proof of this client's token requests
  // must carry a nonce (DPOP_NONCE_CLIENT below).
  {
    client_id: 'pim-dpop-nonce',
    client_secret: 'pim-dpop-nonce-secret',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials', 'refresh_token'],
    response_types: [],
    redirect_uris: [],
  },
];
// The client whose DPoP proofs need a server nonce (use_dpop_nonce).
const DPOP_NONCE_CLIENT = 'pim-dpop-nonce';

/* ------------------------------------------------------------------ */
/* Mutual TLS (RFC 8705): only with PIM_PROVIDER_MTLS_CERTS=DIR        */

// DIR holds the test PKI (tests/tls/gen-test-certs.sh and
// tests/mtls/make-pki.sh). The provider then also listens over HTTPS on a
// second ephemeral port of 127.0.0.1 (server.pem), asking every client for
// a certificate, and its discovery document's mtls_endpoint_aliases point
// there: the issuer and the usual endpoints stay plain http. Two more
// clients, both client_credentials with certificate-bound access tokens:
//   pim-mtls              tls_client_auth, subject "CN=Pim Test Client,
//                         O=Pim tests" (client.pem, issued by ca.pem)
//   pim-mtls-self-signed  self_signed_tls_client_auth (self-signed-client.pem)
const MTLS_DIR = process.env.PIM_PROVIDER_MTLS_CERTS || null;
const MTLS_CLIENT_DN = 'CN=Pim Test Client,O=Pim tests';

function mtlsFile (name) {
  return readFileSync(join(MTLS_DIR, name));
}

function mtlsClients () {
  if (!MTLS_DIR)
    return [];
  const selfSigned = new X509Certificate(mtlsFile('self-signed-client.pem'));
  const jwk = {
    ...selfSigned.publicKey.export({ format: 'jwk' }),
    x5c: [selfSigned.raw.toString('base64')],
  };
  const common = {
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    tls_client_certificate_bound_access_tokens: true,
  };
  return [
    { ...common, client_id: 'pim-mtls', token_endpoint_auth_method: 'tls_client_auth',
      tls_client_auth_subject_dn: MTLS_CLIENT_DN },
    { ...common, client_id: 'pim-mtls-self-signed',
      token_endpoint_auth_method: 'self_signed_tls_client_auth', jwks: { keys: [jwk] } },
  ];
}

// The client certificate of a request over the HTTPS listener.
function mtlsCertificate (ctx) {
  const peer = ctx.socket?.getPeerCertificate?.();
  return peer?.raw ? new X509Certificate(peer.raw) : undefined;
}

function mtlsFeature () {
  if (!MTLS_DIR)
    return { enabled: false };
  return {
    enabled: true,
    certificateBoundAccessTokens: true,
    tlsClientAuth: true,
    selfSignedTlsClientAuth: true,
    getCertificate: mtlsCertificate,
    // Node checked it against ca.pem (the listener does not refuse others:
    // the provider answers them invalid_client).
    certificateAuthorized: (ctx) => ctx.socket?.authorized === true,
    certificateSubjectMatches: (ctx, property, expected) => {
      const cert = mtlsCertificate(ctx);
      return property === 'tls_client_auth_subject_dn' && cert !== undefined
        && cert.subject.split('\n').reverse().join(',') === expected;
    },
  };
}

// Listens over HTTPS and returns the configuration the provider needs
// (undefined in the usual mode).
async function startMtls (handler) {
  if (!MTLS_DIR)
    return {};
  const mtlsServer = createHttpsServer({
    key: mtlsFile('server-key.pem'),
    cert: mtlsFile('server.pem'),
    ca: [mtlsFile('ca.pem')],
    requestCert: true,
    rejectUnauthorized: false,
  }, handler);
  await new Promise((resolve, reject) => {
    mtlsServer.on('error', reject);
    mtlsServer.listen(0, '127.0.0.1', resolve);
  });
  const base = `https://127.0.0.1:${mtlsServer.address().port}`;
  return {
    clientAuthMethods: ['client_secret_basic', 'client_secret_jwt', 'client_secret_post',
      'private_key_jwt', 'none', 'tls_client_auth', 'self_signed_tls_client_auth'],
    discovery: {
      claim_types_supported: ['normal'],
      mtls_endpoint_aliases: {
        token_endpoint: `${base}/token`,
        introspection_endpoint: `${base}/token/introspection`,
        revocation_endpoint: `${base}/token/revocation`,
        userinfo_endpoint: `${base}/me`,
      },
    },
  };
}

/* ------------------------------------------------------------------ */
/* Hooks                                                               */

async function findAccount (_ctx, id) {
  return {
    accountId: id,
    async claims () {
      return {
        sub: id,
        name: `Test User ${id}`,
        preferred_username: id,
        email: `${id}@example.test`,
        email_verified: true,
      };
    },
  };
}

async function getResourceServerInfo (_ctx, indicator, _client, errors) {
  if (Object.hasOwn(JWT_RESOURCE_ALGS, indicator)) {
    return {
      scope: RESOURCE_SCOPES,
      audience: indicator,
      accessTokenTTL: 3600,
      accessTokenFormat: 'jwt',
      jwt: { sign: { alg: JWT_RESOURCE_ALGS[indicator] } },
    };
  }
  switch (indicator) {
    case RESOURCE_OPAQUE:
      return {
        scope: RESOURCE_SCOPES,
        audience: RESOURCE_OPAQUE,
        accessTokenTTL: 3600,
        accessTokenFormat: 'opaque',
      };
    default:
      throw new errors.InvalidTarget();
  }
}

// Client credentials without a resource get the JWT resource; everything
// else keeps the library's behaviour (no resource: token for userinfo).
async function defaultResource (ctx, _client, oneOf) {
  if (oneOf)
    return oneOf;
  if (ctx.oidc.route === 'token' && ctx.oidc.params.grant_type === 'client_credentials')
    return RESOURCE_JWT;
  return undefined;
}

// Auto-consent (unless --require-consent) for every client, static or
// dynamically registered: hand out, and top up, a grant that covers all that
// is requested, so a code or device flow needs only a login.
async function loadExistingGrant (ctx) {
  const { oidc } = ctx;
  const grantId = oidc.result?.consent?.grantId
    || oidc.session.grantIdFor(oidc.client.clientId);
  let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;

  if (options['require-consent'])
    return grant;

  grant ??= new oidc.provider.Grant({
    accountId: oidc.account.accountId,
    clientId: oidc.client.clientId,
  });

  const oidcScopes = [...oidc.requestParamOIDCScopes];
  if (oidcScopes.length)
    grant.addOIDCScope(oidcScopes.join(' '));
  const claims = [...oidc.requestParamClaims];
  if (claims.length)
    grant.addOIDCClaims(claims);
  for (const [indicator, server] of Object.entries(oidc.resourceServers)) {
    const scopes = [...oidc.requestParamScopes].filter((s) => server.scopes.has(s));
    if (scopes.length)
      grant.addResourceScope(indicator, scopes.join(' '));
  }

  await grant.save();
  return grant;
}

async function introspectionAllowedPolicy (_ctx, client, token) {
  return client.clientId === INTROSPECTOR_ID || client.clientId === token.clientId;
}

function revocationAllowedPolicy (errors) {
  return async (_ctx, client, token) => {
    if (client.clientId === INTROSPECTOR_ID || client.clientId === token.clientId)
      return true;
    if (client.clientAuthMethod === 'none')
      return false;
    throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
  };
}

// oidc-provider refuses outgoing requests to special-use addresses, loopback
// included.  Our back-channel logout receivers and client jwks_uri servers
// live on loopback, and nothing else exists: allow loopback, refuse the rest.
function isLoopbackHost (hostname) {
  return hostname === 'localhost'
    || hostname === '[::1]'
    || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

async function loopbackOnlyFetch (url, fetchOptions) {
  const target = new URL(url);
  if (!isLoopbackHost(target.hostname))
    throw new Error(`test provider: refusing outgoing request to ${target.origin} (loopback only)`);
  // Drop the library's SSRF-guarding dispatcher, which closes loopback sockets.
  const { dispatcher: _ssrfGuard, ...rest } = fetchOptions;
  return globalThis.fetch(target, rest);
}

/* ------------------------------------------------------------------ */
/* Token exchange (RFC 8693)                                           */

// oidc-provider has no token exchange; this one is enough to test a client.
// The subject (and actor) token must be an opaque access token this
// provider issued and still holds.  requested_token_type "jwt" gives a JWT
// signed with the provider's RS256 key, with "act" for delegation and
// token_type N_A; anything else gives an opaque access token (Bearer).
// The answer echoes what was received in "pim_received", so tests can
// check the parameters arrived verbatim.  audience "urn:pim:test:forbidden"
// is refused with invalid_target.
const TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:';

function registerTokenExchange (provider, errors, jwks) {
  const params = new Set(['subject_token', 'subject_token_type', 'actor_token',
    'actor_token_type', 'requested_token_type', 'resource', 'audience', 'scope']);

  async function findToken (value, what) {
    const token = await provider.ClientCredentials.find(value)
      ?? await provider.AccessToken.find(value);
    if (!token || token.isExpired)
      throw new errors.InvalidGrant(`${what} is not valid`);
    return token;
  }

  async function handler (ctx) {
    const p = ctx.oidc.params;
    const list = (v) => (v === undefined ? [] : [].concat(v));
    if (!p.subject_token || !p.subject_token_type)
      throw new errors.InvalidRequest('subject_token and subject_token_type are required');
    if (p.subject_token_type !== `${TOKEN_TYPE}access_token`)
      throw new errors.InvalidRequest('unsupported subject_token_type');
    if (p.actor_token && !p.actor_token_type)
      throw new errors.InvalidRequest('actor_token_type is required with actor_token');
    if (list(p.audience).includes('urn:pim:test:forbidden'))
      throw new errors.InvalidTarget('audience not allowed');

    const subject = await findToken(p.subject_token, 'subject_token');
    const actor = p.actor_token ? await findToken(p.actor_token, 'actor_token') : undefined;
    const sub = subject.accountId ?? subject.clientId;
    const received = {
      subject_token_type: p.subject_token_type,
      actor_token_type: p.actor_token_type,
      requested_token_type: p.requested_token_type,
      resource: list(p.resource),
      audience: list(p.audience),
      scope: p.scope,
    };

    if (p.requested_token_type === `${TOKEN_TYPE}jwt`) {
      const { SignJWT, importJWK } = await import('jose');
      const jwk = jwks.keys.find((k) => k.alg === 'RS256');
      const now = Math.floor(Date.now() / 1000);
      const claims = { sub, client_id: ctx.oidc.client.clientId };
      if (actor)
        claims.act = { sub: actor.accountId ?? actor.clientId };
      const jwt = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'JWT' })
        .setIssuer(provider.issuer)
        .setAudience(list(p.audience).length ? list(p.audience) : ctx.oidc.client.clientId)
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(await importJWK(jwk, 'RS256'));
      ctx.body = {
        access_token: jwt,
        issued_token_type: `${TOKEN_TYPE}jwt`,
        token_type: 'N_A',
        expires_in: 300,
        pim_received: received,
      };
      return;
    }

    const token = new provider.ClientCredentials({
      client: ctx.oidc.client,
      scope: p.scope || undefined,
      extra: { sub, act: actor ? { sub: actor.accountId ?? actor.clientId } : undefined },
    });
    ctx.body = {
      access_token: await token.save(),
      issued_token_type: `${TOKEN_TYPE}access_token`,
      token_type: 'Bearer',
      expires_in: token.expiration,
      scope: token.scope,
      pim_received: received,
    };
  }

  provider.registerGrantType(TOKEN_EXCHANGE, handler, params, ['resource', 'audience']);
}

// The desktop clients accept a redirect to any path of a loopback http
// URI (any port): http://127.0.0.1 or http://[::1], no user info, no
// fragment. Other clients keep the library's exact (port-agnostic) match.
function allowAnyLoopbackPath(provider, clientIds) {
  const ids = new Set(clientIds);
  const proto = provider.Client.prototype;
  const exact = proto.redirectUriAllowed;
  proto.redirectUriAllowed = function redirectUriAllowed(value) {
    if (!ids.has(this.clientId))
      return exact.call(this, value);
    let url;
    try {
      url = new URL(value);
    } catch {
      return false;
    }
    return url.protocol === 'http:' && ['127.0.0.1', '[::1]'].includes(url.hostname) &&
      url.username === '' && url.password === '' && url.hash === '' && !value.includes('#');
  };
}

/* ------------------------------------------------------------------ */
/* Start                                                               */

// The port must be known before the Provider exists (the issuer names it),
// so the server listens first; a request that comes before the provider is
// set up waits for it instead of hanging unanswered.
let setCallback;
const callback = new Promise((resolve) => { setCallback = resolve; });
const server = createServer(async (req, res) => (await callback)(req, res));
server.on('error', (err) => fatal(`cannot listen: ${err.message}`));
const listening = new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));

const [{ default: Provider, errors, interactionPolicy }, jwks] = await Promise.all([
  importProvider,
  loadOrGenerateJwks(options['keys-dir']),
  listening,
]).catch((err) => fatal(err.stack ?? String(err)));

const issuer = `http://127.0.0.1:${server.address().port}`;
const mtlsConfig = await startMtls(async (req, res) => (await callback)(req, res))
  .catch((err) => fatal(`cannot start mutual TLS: ${err.stack ?? err}`));

const policy = interactionPolicy.base();
if (!options['require-consent'])
  // Native clients are asked for consent on every authorization otherwise.
  policy.get('consent').checks.remove('native_client_prompt');

let provider;
try {
  provider = new Provider(issuer, {
    clients: [...CLIENTS, ...mtlsClients()],
    ...mtlsConfig,
    jwks,
    findAccount,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'profile', 'email', 'offline_access', 'api:read', 'api:write'],
    // The library's default plus "code id_token token": the hybrid flows
    // give front-channel ID tokens with c_hash and at_hash.
    responseTypes: ['code', 'code id_token', 'code id_token token', 'id_token', 'none'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    interactions: { policy },
    loadExistingGrant,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    fetch: loopbackOnlyFetch,
    features: {
      devInteractions: { enabled: true },
      mTLS: mtlsFeature(),
      clientCredentials: { enabled: true },
      introspection: { enabled: true, allowedPolicy: introspectionAllowedPolicy },
      revocation: { enabled: true, allowedPolicy: revocationAllowedPolicy(errors) },
      deviceFlow: { enabled: true },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: true },
      // Nonces (DPoP-Nonce) are offered to every DPoP request, and
      // required only of DPOP_NONCE_CLIENT's token requests.
      dPoP: {
        enabled: true,
        nonceSecret: randomBytes(32),
        requireNonce: (ctx) => ctx.oidc?.client?.clientId === DPOP_NONCE_CLIENT,
      },
      pushedAuthorizationRequests: { enabled: true },
      requestObjects: { enabled: true },
      jwtResponseModes: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      backchannelLogout: { enabled: true },
      // Open dynamic registration (RFC 7591/7592): lets tests add clients
      // whose URIs (back-channel logout, jwks_uri) point at their own ports.
      registration: { enabled: true },
      registrationManagement: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource,
        useGrantedResource: async () => false,
        getResourceServerInfo: (ctx, indicator, client) =>
          getResourceServerInfo(ctx, indicator, client, errors),
      },
    },
  });
} catch (err) {
  fatal(`cannot configure the provider: ${err.stack ?? err}`);
}

if (DEBUG) {
  const errorEvents = [
    'authorization.error', 'backchannel.error', 'code_verification.error',
    'device_authorization.error', 'device_resume.error', 'discovery.error',
    'end_session.error', 'end_session_confirm.error', 'end_session_success.error',
    'grant.error', 'introspection.error', 'jwks.error',
    'pushed_authorization_request.error', 'revocation.error', 'userinfo.error',
  ];
  for (const name of errorEvents) {
    provider.on(name, (_ctx, err) => {
      const detail = err.error_detail ? ` (${err.error_detail})` : '';
      log(`${name}: ${err.error ?? err.name}: ${err.error_description ?? err.message}${detail}`);
    });
  }
  provider.on('server_error', (_ctx, err) => log(`server_error: ${err.stack ?? err}`));
  server.prependListener('request', (req) => log(`${req.method} ${req.url}`));
}

registerTokenExchange(provider, errors, jwks);
allowAnyLoopbackPath(provider, ['pim-desktop', 'pim-desktop-par']);

setCallback(provider.callback());
process.stdout.write(`ready ${issuer}\n`);
