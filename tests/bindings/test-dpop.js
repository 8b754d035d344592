// test-dpop.js: DPoP (RFC 9449) keys and proofs from GJS, through the
// typelib, and a DPoP-bound token from the real local provider. Run with
// `gjs -m`.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Pim from 'gi://Pim?version=1.0';
import {check, run, withProvider} from './pimtest.js';

Gio._promisify(Pim, 'request_token_async', 'request_token_finish');

function b64urlDecode(text) {
    const bytes = GLib.base64_decode(text.replace(/-/g, '+').replace(/_/g, '/') +
        '='.repeat((4 - text.length % 4) % 4));
    return new TextDecoder().decode(bytes);
}

function b64url(bytes) {
    return GLib.base64_encode(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decode(token) {
    const [header, payload] = token.split('.');
    return [JSON.parse(b64urlDecode(header)), JSON.parse(b64urlDecode(payload))];
}

function sha256(text) {
    const checksum = new GLib.Checksum(GLib.ChecksumType.SHA256);
    checksum.update(new TextEncoder().encode(text));
    const hex = checksum.get_string();
    const bytes = new Uint8Array(32);
    for (let i = 0; i < 32; i++)
        bytes[i] = parseInt(hex.substr(2 * i, 2), 16);
    return bytes;
}

function proofs() {
    const key = Pim.DPoPKey.new_generate(null);
    check(key.get_alg() === 'ES256', 'ES256 by default');
    const proof = key.create_proof('POST', 'https://as.example/token?x=1', 'at-1', null);
    const [header, claims] = decode(proof);
    check(header.typ === 'dpop+jwt' && header.alg === 'ES256', 'proof header');
    check(Object.keys(header.jwk).sort().join(',') === 'crv,kty,x,y', 'public jwk only');
    check(claims.htm === 'POST' && claims.htu === 'https://as.example/token', 'htm, htu');
    check(claims.ath === b64url(sha256('at-1')), 'ath');
    check(!('nonce' in claims) && claims.jti.length >= 22, 'jti, no nonce');
    const again = Pim.DPoPKey.new_from_jwk(key.to_jwk());
    check(again.get_thumbprint() === key.get_thumbprint(), 'JWK round trip');
    try {
        Pim.DPoPKey.new_generate('HS256');
        check(false, 'HS256 refused');
    } catch (e) {
        check(e.matches(Pim.jose_error_quark(), Pim.JoseError.UNSUPPORTED_ALG), `HS256 refused (${e})`);
    }
    return key;
}

async function main() {
    const key = proofs();
    await withProvider(async issuer => {
        const request = new Pim.ClientCredentialsTokenRequest({
            address: `${issuer}/token`, client_id: 'pim-dpop', client_secret: 'pim-dpop-secret',
            dpop_key: key,
        });
        const tokens = await Pim.request_token_async(request, null, null);
        const [, claims] = decode(tokens.access_token);
        check(tokens.token_type === 'DPoP', 'DPoP token type');
        check(claims.cnf.jkt === key.get_thumbprint(), 'cnf.jkt is the key thumbprint');
    });
}

run(main);
