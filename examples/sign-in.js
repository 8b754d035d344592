// sign-in.js: sign a user in with the system browser (OAuth 2.0 for native
// apps, RFC 8252) and print their name, from the ID token and from UserInfo.
//
//   gjs -m sign-in.js https://accounts.example.com --client-id my-desktop-app
//
// The client must be registered at the provider as a public (native) client
// whose redirect URI is the loopback address, http://127.0.0.1 on any port.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Pim from 'gi://Pim?version=1.0';
import System from 'system';

// The async pairs as promises (GJS 1.74 needs this).
Gio._promisify(Pim.BrowserSignIn.prototype, 'run_async', 'run_finish');
Gio._promisify(Pim, 'get_userinfo_async', 'get_userinfo_finish');

function usage() {
    printerr('Usage: sign-in.js ISSUER --client-id ID [--scope SCOPE]');
    System.exit(2);
}

let issuer = null, clientId = null, scope = 'openid profile email';
for (let i = 0; i < ARGV.length; i++) {
    if (ARGV[i] === '--client-id' && i + 1 < ARGV.length)
        clientId = ARGV[++i];
    else if (ARGV[i] === '--scope' && i + 1 < ARGV.length)
        scope = ARGV[++i];
    else if (issuer === null && !ARGV[i].startsWith('-'))
        issuer = ARGV[i];
    else
        usage();
}
if (issuer === null || clientId === null)
    usage();

async function signIn() {
    // Discovers the provider, opens the authorization page in the browser,
    // waits for the redirect to 127.0.0.1, exchanges the code (with PKCE)
    // and validates the ID token.
    const signIn = Pim.BrowserSignIn.new(issuer, clientId, scope);
    printerr('Continue in your web browser…');
    const result = await signIn.run_async(null);

    const claims = result.get_id_token_claims();
    if (claims === null)
        throw new Error('No ID token: the scope needs openid');
    print('Name from the ID token:', claims.get_string('name') ??
        claims.get_string('preferred_username') ?? claims.get_subject());

    // The access token gives the UserInfo claims, about the same user.
    const endpoint = result.get_discovery_document().get_userinfo_endpoint();
    if (endpoint === null)
        return;
    const request = new Pim.UserInfoRequest({
        address: endpoint,
        access_token: result.get_token_response().access_token,
        expected_subject: claims.get_subject(),
    });
    const info = await Pim.get_userinfo_async(request, null, null);
    print('Name from UserInfo:', info.name ?? info.preferred_username ?? info.subject);
}

const loop = new GLib.MainLoop(null, false);
let status = 0;
signIn().catch(error => {
    printerr(`Sign-in failed: ${error.message}`);
    status = 1;
}).finally(() => loop.quit());
loop.run();
System.exit(status);
