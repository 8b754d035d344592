// test-http-client.js: PimHttpClient from GJS, through the typelib, as
// users call it. Run with `gjs -m`.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Pim from 'gi://Pim?version=1.0';
import Soup from 'gi://Soup?version=3.0';
import {check, run, withProvider} from './pimtest.js';

Gio._promisify(Pim.HttpClient.prototype, 'get_json_async', 'get_json_finish');

function checkHttpError(error, code, what) {
    check(error instanceof GLib.Error && error.matches(Pim.http_error_quark(), code),
        `${what} (got ${error})`);
}

function startFaultServer() {
    const server = new Soup.Server();
    server.add_handler(null, (_server, msg, path) => {
        if (path === '/redirect') {
            msg.set_status(302, null);
            msg.get_response_headers().append('Location', '/ok');
            msg.set_response('application/json', Soup.MemoryUse.COPY, new Uint8Array());
        } else if (path === '/html') {
            msg.set_status(200, null);
            msg.set_response('text/html', Soup.MemoryUse.COPY, new TextEncoder().encode('<html/>'));
        } else {
            msg.set_status(200, null);
            msg.set_response('application/json', Soup.MemoryUse.COPY, new TextEncoder().encode('{"ok":true}'));
        }
    });
    server.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY);
    const base = server.get_uris()[0].to_string().replace(/\/$/, '');
    return {server, uri: path => base + path};
}

async function main() {
    await withProvider(async issuer => {
        const faults = startFaultServer();
        const discovery = `${issuer}/.well-known/openid-configuration`;

        try {
            // Constructed both ways.
            const owned = new Pim.HttpClient({timeout: 9});
            check(owned.owns_session && owned.get_session() instanceof Soup.Session, 'owned session');
            check(owned.timeout === 9 && owned.get_session().get_timeout() === 9, 'timeout applied');
            const session = new Soup.Session();
            const wrapped = Pim.HttpClient.new_for_session(session);
            check(!wrapped.owns_session && wrapped.get_session() === session, 'supplied session');

            // Construction error.
            try {
                Pim.HttpClient.new_full(session, 5, Pim.TlsVerify.DEFAULT, null);
                check(false, 'new_full with a session and a timeout throws');
            } catch (e) {
                checkHttpError(e, Pim.HttpError.INVALID_ARGUMENT, 'new_full with a session and a timeout throws');
            }
            const unchecked = new Pim.HttpClient({session, tls_verify: Pim.TlsVerify.DISABLED});
            try {
                unchecked.init(null);
                check(false, 'init reports the construction error');
            } catch (e) {
                checkHttpError(e, Pim.HttpError.INVALID_ARGUMENT, 'init reports the construction error');
            }
            try {
                await unchecked.get_json_async(discovery, null);
                check(false, 'use reports the construction error');
            } catch (e) {
                checkHttpError(e, Pim.HttpError.INVALID_ARGUMENT, 'use reports the construction error');
            }

            // Fetching, both forms.
            const doc = owned.get_json(discovery, null);
            check(doc.get_object().get_string_member('issuer') === issuer, 'sync fetch');
            const doc2 = await owned.get_json_async(discovery, null);
            check(doc2.get_object().get_string_member('issuer') === issuer, 'async fetch');
            const doc3 = await Pim.HttpClient.get_shared_default().get_json_async(discovery, null);
            check(doc3.get_object().get_string_member('issuer') === issuer, 'shared default fetch');

            // Faults (the fault server runs on this main loop: async only).
            for (const [path, code] of [['/redirect', Pim.HttpError.REDIRECT_REFUSED],
                ['/html', Pim.HttpError.NOT_JSON]]) {
                try {
                    await owned.get_json_async(faults.uri(path), null);
                    check(false, `${path} fails`);
                } catch (e) {
                    checkHttpError(e, code, `${path} fails`);
                }
            }

            // Close.
            wrapped.close();
            check(wrapped.closed && wrapped.get_session() === null, 'closed');
            try {
                wrapped.get_json(discovery, null);
                check(false, 'use after close throws');
            } catch (e) {
                checkHttpError(e, Pim.HttpError.CLOSED, 'use after close throws');
            }
            const msg = Soup.Message.new('GET', discovery);
            session.send_and_read(msg, null);
            check(msg.get_status() === 200, 'the supplied session works after close');
            owned.close();
            try {
                await owned.get_json_async(discovery, null);
                check(false, 'async use after close throws');
            } catch (e) {
                checkHttpError(e, Pim.HttpError.CLOSED, 'async use after close throws');
            }
        } finally {
            faults.server.disconnect();
        }
    });
}

run(main);
