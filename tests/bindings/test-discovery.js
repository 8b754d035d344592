// test-discovery.js: discovery and key sets from GJS, through the typelib,
// against the real local provider. Run with `gjs -m`.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Pim from 'gi://Pim?version=1.0';
import System from 'system';

Gio._promisify(Pim, 'get_discovery_document_async', 'get_discovery_document_finish');
Gio._promisify(Pim, 'get_jwks_async', 'get_jwks_finish');
Gio._promisify(Gio.DataInputStream.prototype, 'read_line_async', 'read_line_finish_utf8');
Gio._promisify(Gio.Subprocess.prototype, 'wait_async', 'wait_finish');

let failures = 0;
let count = 0;

function check(condition, what) {
    count++;
    print(`${condition ? 'ok' : 'not ok'} ${count} - ${what}`);
    if (!condition)
        failures++;
}

async function main() {
    const srcdir = GLib.getenv('G_TEST_SRCDIR');
    const builddir = GLib.getenv('G_TEST_BUILDDIR') ?? '/tmp';
    const proc = Gio.Subprocess.new(
        ['node', `${srcdir}/oidc-provider/provider.mjs`, '--keys-dir', `${builddir}/test-provider-keys`],
        Gio.SubprocessFlags.STDIN_PIPE | Gio.SubprocessFlags.STDOUT_PIPE);
    const stdout = new Gio.DataInputStream({base_stream: proc.get_stdout_pipe()});
    const [line] = await stdout.read_line_async(GLib.PRIORITY_DEFAULT, null);
    const issuer = line.split(' ')[1];

    try {
        const request = Pim.DiscoveryRequest.new(issuer);
        const document = await Pim.get_discovery_document_async(request, null, null);
        check(document.get_issuer() === issuer, 'discovered the issuer');
        check(document.get_grant_types_supported().includes('client_credentials'), 'grant types');
        const keys = await Pim.get_jwks_async(document.get_jwks_uri(), null, null);
        check(keys.get_n_keys() >= 4, 'fetched the key set');

        request.address = `${issuer}/`;
        try {
            await Pim.get_discovery_document_async(request, null, null);
            check(false, 'issuer mismatch refused');
        } catch (e) {
            check(e.matches(Pim.discovery_error_quark(), Pim.DiscoveryError.ISSUER_MISMATCH),
                `issuer mismatch refused (${e})`);
        }
    } finally {
        proc.get_stdin_pipe().close(null);
        proc.send_signal(15);
        await proc.wait_async(null);
    }
}

const loop = new GLib.MainLoop(null, false);
let status = 0;
main().catch(e => {
    print(`not ok - ${e}\n${e.stack}`);
    status = 1;
}).finally(() => loop.quit());
loop.run();
print(`1..${count}`);
System.exit(failures > 0 || status !== 0 ? 1 : 0);
