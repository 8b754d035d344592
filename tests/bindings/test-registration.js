// test-registration.js: dynamic client registration (RFC 7591) and its
// management (RFC 7592) from GJS, through the typelib, against the real
// local provider. Run with `gjs -m`.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import Pim from 'gi://Pim?version=1.0';
import {check, run, withProvider} from './pimtest.js';

Gio._promisify(Pim, 'register_client_async', 'register_client_finish');
Gio._promisify(Pim, 'read_client_registration_async', 'read_client_registration_finish');
Gio._promisify(Pim, 'update_client_registration_async', 'update_client_registration_finish');
Gio._promisify(Pim, 'delete_client_registration_async', 'delete_client_registration_finish');
Gio._promisify(Pim, 'request_token_async', 'request_token_finish');

async function main() {
    await withProvider(async issuer => {
        const request = new Pim.ClientRegistrationRequest({
            issuer, client_name: 'GJS service', grant_types: ['client_credentials'],
            response_types: [], redirect_uris: [],
        });
        request.set_metadata('tos_uri', '"https://gjs.example/tos"');
        const client = await Pim.register_client_async(request, null, null);
        check(client.client_id.length > 0 && client.client_secret.length > 0, 'registered');
        check(client.client_name === 'GJS service', 'client_name');
        check(client.dup_metadata_json('tos_uri') === '"https://gjs.example/tos"', 'other metadata');

        const tokenRequest = new Pim.ClientCredentialsTokenRequest({
            address: `${issuer}/token`, client_id: client.client_id,
            client_secret: client.client_secret,
        });
        const tokens = await Pim.request_token_async(tokenRequest, null, null);
        check(tokens.access_token.length > 0, 'the new client gets a token');

        const manage = Pim.ClientRegistrationRequest.new_for_client(client);
        const read = Pim.read_client_registration(manage, null, null);
        check(read.client_id === client.client_id, 'read (sync)');
        manage.client_name = 'GJS renamed';
        const updated = await Pim.update_client_registration_async(manage, null, null);
        check(updated.client_name === 'GJS renamed', 'updated');
        const reread = await Pim.read_client_registration_async(manage, null, null);
        check(reread.client_name === 'GJS renamed', 'read back (async)');
        check(await Pim.delete_client_registration_async(manage, null, null) === true, 'deleted');
        try {
            await Pim.read_client_registration_async(manage, null, null);
            check(false, 'read after delete refused');
        } catch (e) {
            check(e.matches(Pim.oauth_error_quark(), Pim.OAuthError.INVALID_TOKEN) &&
                manage.get_error_response().status === 401,
                `read after delete refused (${e})`);
        }

        const bad = new Pim.ClientRegistrationRequest({
            issuer, grant_types: ['client_credentials'], response_types: [], redirect_uris: [],
            token_endpoint_auth_method: 'no_such_method',
        });
        try {
            Pim.register_client(bad, null, null);
            check(false, 'invalid metadata refused');
        } catch (e) {
            check(e.matches(Pim.oauth_error_quark(), Pim.OAuthError.INVALID_CLIENT_METADATA) &&
                bad.error_response.error === 'invalid_client_metadata',
                `invalid metadata refused (${e})`);
        }
    });
}

run(main);
