// test-sign-in.js: desktop sign-in (RFC 8252) and the token manager from
// GJS, through the typelib, against the real local provider. The
// "open-uri" handler hands the authorization URL to the headless-chromium
// driver of tests/browser ($PIM_BROWSER_DRIVER). Run with `gjs -m`.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Pim from 'gi://Pim?version=1.0';
import {check, run, withProvider} from './pimtest.js';

Gio._promisify(Pim.BrowserSignIn.prototype, 'run_async', 'run_finish');
Gio._promisify(Pim.TokenManager.prototype, 'get_access_token_async', 'get_access_token_finish');

const CLIENT = 'pim-desktop';
const SCOPE = 'openid profile email';

function params(url) {
    const uri = GLib.Uri.parse(url, GLib.UriFlags.ENCODED);
    return GLib.Uri.parse_params(uri.get_query(), -1, '&', GLib.UriParamsFlags.WWW_FORM);
}

// A sign-in whose browser is the driver; `browsers` gets the driver
// processes and `opened` the URLs.
function driven(issuer, browsers, opened) {
    const signIn = Pim.BrowserSignIn.new(issuer, CLIENT, SCOPE);
    signIn.timeout = 25;
    signIn.connect('open-uri', (_self, uri) => {
        opened.push(uri);
        browsers.push(Gio.Subprocess.new(['node', GLib.getenv('PIM_BROWSER_DRIVER'), uri],
            Gio.SubprocessFlags.STDOUT_SILENCE));
        return true;
    });
    return signIn;
}

async function checkResult(issuer, how, result, browsers, opened) {
    const claims = result.get_id_token_claims();
    check(claims.get_issuer() === issuer && claims.get_subject() === 'alice',
        `${how}: ID token of alice from the provider`);
    check(JSON.stringify(claims.dup_audiences()) === JSON.stringify([CLIENT]) &&
        result.get_client_id() === CLIENT, `${how}: for the client`);
    const redirect = GLib.Uri.parse(result.get_redirect_uri(), GLib.UriFlags.NONE);
    check(redirect.get_scheme() === 'http' && redirect.get_host() === '127.0.0.1' &&
        redirect.get_port() > 0 && redirect.get_path().startsWith('/pim/'),
        `${how}: loopback redirect ${result.get_redirect_uri()}`);
    const query = params(opened[0]);
    check(opened.length === 1 && query.redirect_uri === result.get_redirect_uri() &&
        query.code_challenge_method === 'S256' && query.nonce === claims.get_string('nonce'),
        `${how}: the browser got the authorization URL with PKCE and the nonce`);
    const tokens = result.get_token_response();
    check(tokens.token_type === 'Bearer' && tokens.refresh_token !== null,
        `${how}: access and refresh tokens`);
    await browsers[0].wait_async(null);
    check(browsers[0].get_successful(), `${how}: the browser driver reached the redirect`);
}

async function main() {
    await withProvider(async issuer => {
        // Sync: a private main context runs the sign-in.
        let browsers = [], opened = [];
        let signIn = driven(issuer, browsers, opened);
        const result = signIn.run(null);
        await checkResult(issuer, 'sync', result, browsers, opened);
        check(signIn.redirect_address === null, 'no redirect address once done');

        // Async.
        browsers = [];
        opened = [];
        signIn = driven(issuer, browsers, opened);
        const asyncResult = await signIn.run_async(null);
        await checkResult(issuer, 'async', asyncResult, browsers, opened);

        // The token manager, seeded by the sign-in.
        const manager = Pim.TokenManager.new_from_sign_in(asyncResult);
        const first = asyncResult.get_token_response().access_token;
        check(manager.signed_in && manager.get_access_token(null) === first,
            'the sign-in token is fresh enough for the default margin');
        let changes = 0;
        manager.connect('tokens-changed', () => changes++);
        manager.margin = 7200;
        const refreshed = manager.get_access_token(null);
        check(refreshed !== null && refreshed !== first, 'margin above the lifetime: refreshed (sync)');
        const again = await manager.get_access_token_async(null);
        check(again !== null && again !== refreshed && again !== first, 'refreshed again (async)');
        check(changes === 2 && manager.dup_tokens().access_token === again, 'tokens-changed twice');

        // Nobody comes back from the browser: timed out.
        const lost = Pim.BrowserSignIn.new(issuer, 'no-such-client', SCOPE);
        lost.timeout = 1;
        lost.connect('open-uri', () => true);
        try {
            await lost.run_async(null);
            check(false, 'timed out');
        } catch (e) {
            check(e.matches(Pim.native_error_quark(), Pim.NativeError.TIMED_OUT), `timed out (${e})`);
        }

        // Cancelled while the browser is open.
        const cancellable = new Gio.Cancellable();
        const cancelled = Pim.BrowserSignIn.new(issuer, CLIENT, SCOPE);
        cancelled.connect('open-uri', () => {
            cancellable.cancel();
            return true;
        });
        try {
            cancelled.run(cancellable);
            check(false, 'cancelled');
        } catch (e) {
            check(e.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED), `cancelled (${e})`);
        }
    });
}

run(main);
