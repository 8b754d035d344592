// test-par.js: pushed authorization requests (RFC 9126) and request
// objects (RFC 9101) from GJS, through the typelib, against the real local
// provider. Run with `gjs -m`.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Pim from 'gi://Pim?version=1.0';
import {check, run, withProvider} from './pimtest.js';

Gio._promisify(Pim.PushedAuthorizationRequest.prototype, 'send_async', 'send_finish');

const REDIRECT = 'http://127.0.0.1:8400/callback';
const REQUEST_URN = 'urn:ietf:params:oauth:request_uri:';

function params(url) {
    const uri = GLib.Uri.parse(url, GLib.UriFlags.ENCODED);
    return GLib.Uri.parse_params(uri.get_query(), -1, '&', GLib.UriParamsFlags.WWW_FORM);
}

async function main() {
    await withProvider(async issuer => {
        const document = Pim.get_discovery_document(Pim.DiscoveryRequest.new(issuer), null, null);
        const authorization = Pim.AuthorizationRequest.new_from_discovery(document, 'pim-basic',
            REDIRECT);
        authorization.scope = 'openid';
        authorization.prepare();

        // Pushed, sync and async.
        const push = new Pim.PushedAuthorizationRequest({
            authorization_request: authorization, issuer, client_id: 'pim-basic',
            client_secret: 'pim-basic-secret',
        });
        let pushed = push.send(null, null);
        check(pushed.request_uri.startsWith(REQUEST_URN) && pushed.expires_in > 0, 'pushed (sync)');
        pushed = await push.send_async(null, null);
        check(pushed.request_uri.startsWith(REQUEST_URN), 'pushed (async)');
        const url = pushed.build_authorization_url(authorization);
        const query = params(url);
        check(Object.keys(query).length === 2 && query.client_id === 'pim-basic' &&
            query.request_uri === pushed.request_uri, 'follow-up URL has client_id and request_uri only');

        // Refused: the details as properties.
        const bad = new Pim.PushedAuthorizationRequest({
            authorization_request: authorization, issuer, client_id: 'pim-basic',
            client_secret: 'wrong',
        });
        try {
            await bad.send_async(null, null);
            check(false, 'wrong secret refused');
        } catch (e) {
            check(e.matches(Pim.oauth_error_quark(), Pim.OAuthError.INVALID_CLIENT) &&
                bad.get_error_response().status === 401, `wrong secret refused (${e})`);
        }

        // A request object by value.
        authorization.request_object_key = Pim.Jwk.generate('ES256');
        const jar = params(authorization.build_url());
        check(Object.keys(jar).length === 2 && jar.request.split('.').length === 3,
            'request object URL');
        authorization.request_object_alg = 'none';
        try {
            authorization.build_url();
            check(false, 'alg none refused');
        } catch (e) {
            check(e.matches(Pim.oauth_error_quark(), Pim.OAuthError.INVALID_ARGUMENT),
                `alg none refused (${e})`);
        }
    });
}

run(main);
