// pimtest.js: what the GJS binding tests share, as pimtest.py does for
// Python: TAP output, the local OpenID provider and the main loop. The
// tests import it relatively (`import {check} from './pimtest.js';`).
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import System from 'system';

Gio._promisify(Gio.DataInputStream.prototype, 'read_line_async', 'read_line_finish_utf8');
Gio._promisify(Gio.Subprocess.prototype, 'wait_async', 'wait_finish');

let failures = 0;
let count = 0;

// One TAP test point.
export function check(condition, what) {
    count++;
    print(`${condition ? 'ok' : 'not ok'} ${count} - ${what}`);
    if (!condition)
        failures++;
}

// Starts the real provider (npm oidc-provider, 127.0.0.1, ephemeral port),
// awaits `body(issuer)` and stops the provider however that ends.
export async function withProvider(body) {
    const srcdir = GLib.getenv('G_TEST_SRCDIR');
    const builddir = GLib.getenv('G_TEST_BUILDDIR') ?? '/tmp';
    const proc = Gio.Subprocess.new(
        ['node', `${srcdir}/oidc-provider/provider.mjs`, '--keys-dir', `${builddir}/test-provider-keys`],
        Gio.SubprocessFlags.STDIN_PIPE | Gio.SubprocessFlags.STDOUT_PIPE);
    const stdout = new Gio.DataInputStream({base_stream: proc.get_stdout_pipe()});
    const [line] = await stdout.read_line_async(GLib.PRIORITY_DEFAULT, null);
    if (!line || !line.startsWith('ready ')) {
        proc.force_exit();
        throw new Error(`the test provider did not start: ${line}`);
    }
    const issuer = line.split(' ')[1];

    try {
        await body(issuer);
    } finally {
        proc.get_stdin_pipe().close(null);
        proc.send_signal(15);
        await proc.wait_async(null);
    }
}

// Prints the TAP plan and exits: 1 when a check failed or `status` is not 0.
export function finish(status = 0) {
    print(`1..${count}`);
    System.exit(failures > 0 || status !== 0 ? 1 : 0);
}

// Runs the async `main` in a main loop, a throw being a failed test point,
// then finishes.
export function run(main) {
    const loop = new GLib.MainLoop(null, false);
    let status = 0;
    main().catch(e => {
        print(`not ok - ${e}\n${e.stack}`);
        status = 1;
    }).finally(() => loop.quit());
    loop.run();
    finish(status);
}
