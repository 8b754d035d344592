// test-authorize.js: PKCE, the authorization URL and reading the redirect
// from GJS, through the typelib. Pure functions: no provider. Run with
// `gjs -m`.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Pim from 'gi://Pim?version=1.0';
import {check, run} from './pimtest.js';

Gio._promisify(Pim, 'request_refresh_token_async', 'request_refresh_token_finish');

const ENDPOINT = 'https://op.example/authorize';
const ISSUER = 'https://op.example';
const REDIRECT = 'http://127.0.0.1:8400/callback';

function params(url) {
    const uri = GLib.Uri.parse(url, GLib.UriFlags.ENCODED);
    return GLib.Uri.parse_params(uri.get_query(), -1, '&', GLib.UriParamsFlags.WWW_FORM);
}

async function main() {
    // RFC 7636 Appendix B, from the data file.
    const srcdir = GLib.getenv('G_TEST_SRCDIR');
    const [, bytes] = GLib.file_get_contents(`${srcdir}/vectors/rfc7636-appendix-b.json`);
    const vector = JSON.parse(new TextDecoder().decode(bytes));
    check(Pim.pkce_compute_challenge(vector.code_verifier) === vector.code_challenge,
        'RFC 7636 Appendix B challenge');

    const verifier = Pim.pkce_generate_verifier(64);
    check(verifier.length === 64 && /^[A-Za-z0-9._~-]+$/.test(verifier) &&
        Pim.pkce_verifier_is_valid(verifier), 'generated verifier');
    try {
        Pim.pkce_generate_verifier(129);
        check(false, 'verifier length refused');
    } catch (e) {
        check(e.matches(Pim.oauth_error_quark(), Pim.OAuthError.INVALID_ARGUMENT),
            `verifier length refused (${e})`);
    }

    // Building the URL.
    const request = new Pim.AuthorizationRequest({
        address: `${ENDPOINT}?tenant=t`, issuer: ISSUER, client_id: 'my-app',
        redirect_uri: REDIRECT, scope: 'openid email', prompt: 'login',
    });
    request.prepare();
    const url = request.build_url();
    check(url.startsWith(`${ENDPOINT}?tenant=t&response_type=code&client_id=my-app&`),
        'endpoint query kept');
    const sent = params(url);
    check(sent['state'] === request.state && sent['nonce'] === request.nonce &&
        sent['scope'] === 'openid email' && sent['prompt'] === 'login', 'parameters sent');
    check(sent['code_challenge'] === Pim.pkce_compute_challenge(request.code_verifier) &&
        sent['code_challenge_method'] === 'S256' && !url.includes(request.code_verifier),
        'S256 challenge of the verifier');

    // Reading the redirect.
    const response = request.parse_response(
        `${REDIRECT}?code=abc&state=${request.state}&iss=${encodeURIComponent(ISSUER)}`,
        Pim.AuthorizationResponseMode.AUTO);
    check(response.code === 'abc' && response.issuer === ISSUER, 'response read');

    try {
        request.parse_response(`${REDIRECT}?code=abc&state=forged`,
            Pim.AuthorizationResponseMode.AUTO);
        check(false, 'state mismatch refused');
    } catch (e) {
        check(e.matches(Pim.oauth_error_quark(), Pim.OAuthError.STATE_MISMATCH),
            `state mismatch refused (${e})`);
    }

    try {
        request.parse_response(
            `${REDIRECT}#error=login_required&error_description=Sign+in&state=${request.state}`,
            Pim.AuthorizationResponseMode.FRAGMENT);
        check(false, 'error response raised');
    } catch (e) {
        const details = request.get_error_response();
        check(e.matches(Pim.oauth_error_quark(), Pim.OAuthError.LOGIN_REQUIRED) &&
            details.error === 'login_required' && details.error_description === 'Sign in' &&
            details.status === 0, `error response raised (${e})`);
    }

    // The refresh grant's pair, promisified: refused before sending.
    const refresh = new Pim.RefreshTokenRequest({address: 'http://127.0.0.1:9/token',
        client_id: 'my-app'});
    try {
        await Pim.request_refresh_token_async(refresh, null, null);
        check(false, 'refresh without a token refused');
    } catch (e) {
        check(e.matches(Pim.oauth_error_quark(), Pim.OAuthError.INVALID_ARGUMENT),
            `refresh without a token refused (${e})`);
    }

    const logout = new Pim.EndSessionRequest({address: `${ISSUER}/session/end`,
        id_token_hint: 'h.p.s', state: 'bye'});
    check(logout.build_url() === `${ISSUER}/session/end?id_token_hint=h.p.s&state=bye`,
        'end-session URL');
}

run(main);
