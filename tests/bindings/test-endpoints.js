// test-endpoints.js: token introspection, revocation and UserInfo from
// GJS, through the typelib, against the real local provider; and how the
// details of a refusal reach a binding. Run with `gjs -m`.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import Pim from 'gi://Pim?version=1.0';
import {check, run, withProvider} from './pimtest.js';

Gio._promisify(Pim, 'request_token_async', 'request_token_finish');
Gio._promisify(Pim, 'introspect_token_async', 'introspect_token_finish');
Gio._promisify(Pim, 'revoke_token_async', 'revoke_token_finish');
Gio._promisify(Pim, 'get_userinfo_async', 'get_userinfo_finish');

const OPAQUE = 'urn:pim:test:opaque';

async function main() {
    await withProvider(async issuer => {
        // A client credentials token for the opaque resource.
        const tokenRequest = new Pim.ClientCredentialsTokenRequest({
            address: `${issuer}/token`, client_id: 'pim-basic', client_secret: 'pim-basic-secret',
            resources: [OPAQUE], scope: 'api:read',
        });
        const tokens = await Pim.request_token_async(tokenRequest, null, null);
        const token = tokens.access_token;
        check(tokens.token_type === 'Bearer' && token.length > 0, 'client credentials token');

        // Introspected, sync and async.
        const request = new Pim.IntrospectionRequest({
            address: `${issuer}/token/introspection`, client_id: 'pim-introspect',
            client_secret: 'pim-introspect-secret', token,
        });
        let response = Pim.introspect_token(request, null, null);
        check(response.active && response.client_id === 'pim-basic' && response.scope === 'api:read',
            'introspected (sync)');
        check(response.get_audiences().length === 1 && response.get_audiences()[0] === OPAQUE,
            'audiences');
        check(response.expiration - response.issued_at === 3600, 'lifetime');
        response = await Pim.introspect_token_async(request, null, null);
        check(response.active && response.token_type === 'Bearer', 'introspected (async)');

        // Revoked, then inactive.
        const revocation = new Pim.RevocationRequest({
            address: `${issuer}/token/revocation`, client_id: 'pim-basic',
            client_secret: 'pim-basic-secret', token,
        });
        check(await Pim.revoke_token_async(revocation, null, null) === true, 'revoked');
        response = await Pim.introspect_token_async(request, null, null);
        check(!response.active && response.client_id === null, 'inactive after revocation');

        // invalid_client: the details on the request, as properties.
        const bad = new Pim.ClientCredentialsTokenRequest({
            address: `${issuer}/token`, client_id: 'pim-basic', client_secret: 'wrong',
            resources: [OPAQUE],
        });
        try {
            await Pim.request_token_async(bad, null, null);
            check(false, 'invalid_client refused');
        } catch (e) {
            check(e.matches(Pim.oauth_error_quark(), Pim.OAuthError.INVALID_CLIENT),
                `invalid_client refused (${e})`);
            const details = bad.get_error_response();
            check(details !== null && details.status === 401 && details.error === 'invalid_client',
                'error response: status 401, error invalid_client');
            check(bad.error_response.status === 401, 'error-response property');
        }
        request.client_secret = 'wrong';
        try {
            Pim.introspect_token(request, null, null);
            check(false, 'introspection invalid_client refused');
        } catch (e) {
            check(e.matches(Pim.oauth_error_quark(), Pim.OAuthError.INVALID_CLIENT) &&
                request.get_error_response().status === 401,
                `introspection invalid_client refused (${e})`);
        }

        // UserInfo with a token it does not know.
        const userinfo = new Pim.UserInfoRequest({issuer, access_token: 'not-a-token'});
        try {
            await Pim.get_userinfo_async(userinfo, null, null);
            check(false, 'userinfo invalid_token refused');
        } catch (e) {
            check(e.matches(Pim.oauth_error_quark(), Pim.OAuthError.INVALID_TOKEN) &&
                userinfo.get_error_response().status === 401 &&
                userinfo.get_error_response().error === 'invalid_token',
                `userinfo invalid_token refused (${e})`);
        }
    });
}

run(main);
