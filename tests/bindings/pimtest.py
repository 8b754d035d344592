# pimtest.py: what the Python binding tests share: the local OpenID
# provider and an in-process Soup.Server for faults.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import subprocess
import threading
import unittest

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Soup', '3.0')
from gi.repository import GLib, Soup  # noqa: E402


class Provider:
    """The real provider (npm oidc-provider), on 127.0.0.1, ephemeral port."""

    def __init__(self):
        srcdir = os.environ.get('G_TEST_SRCDIR', os.path.join(os.path.dirname(__file__), '..'))
        builddir = os.environ.get('G_TEST_BUILDDIR', '/tmp')
        script = os.path.join(srcdir, 'oidc-provider', 'provider.mjs')
        keys = os.path.join(builddir, 'test-provider-keys')
        # stdin stays open: the provider exits when it closes, so it never
        # outlives this process.
        self.process = subprocess.Popen(['node', script, '--keys-dir', keys],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith('ready '):
            self.process.kill()
            raise RuntimeError('the test provider did not start: ' + self.process.stderr.read())
        self.issuer = line.split()[1]

    def stop(self):
        self.process.stdin.close()
        self.process.terminate()
        self.process.wait(10)


class ProviderTestCase(unittest.TestCase):
    """A test case with the provider running for the whole class:
    cls.provider, and its issuer as cls.issuer."""

    @classmethod
    def setUpClass(cls):
        cls.provider = Provider()
        cls.issuer = cls.provider.issuer

    @classmethod
    def tearDownClass(cls):
        cls.provider.stop()


class ThreadedServer:
    """A Soup.Server in its own thread and main context. Subclasses answer
    in _handle(), may set the server up in _configure() and listen otherwise
    than plain HTTP on 127.0.0.1 in _listen(); they set their own
    attributes before calling __init__(), which starts the thread."""

    def __init__(self):
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self._ready.wait(10)

    def _configure(self, server):
        pass

    def _listen(self, server):
        """Listens and returns the base URI, without a trailing slash."""
        server.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY)
        return server.get_uris()[0].to_string().rstrip('/')

    def _run(self):
        self.context = GLib.MainContext()
        self.context.push_thread_default()
        self.server = Soup.Server()
        self._configure(self.server)
        self.server.add_handler(None, self._handle)
        self.base = self._listen(self.server)
        self.loop = GLib.MainLoop(self.context)
        self._ready.set()
        self.loop.run()
        self.server.disconnect()
        self.context.pop_thread_default()

    def uri(self, path):
        return self.base + path

    def stop(self):
        self.loop.quit()
        self._thread.join(10)


class FaultServer(ThreadedServer):
    """The fault server of the HTTP client tests."""

    def __init__(self):
        self.hits = {}
        super().__init__()

    def _respond(self, msg, status, body, content_type='application/json', headers=()):
        msg.set_status(status, None)
        for name, value in headers:
            msg.get_response_headers().append(name, value)
        msg.set_response(content_type, Soup.MemoryUse.COPY, body.encode())

    def _handle(self, server, msg, path, query):
        self.hits[path] = self.hits.get(path, 0) + 1
        if path == '/ok':
            self._respond(msg, 200, '{"ok": true}')
        elif path == '/redirect':
            self._respond(msg, 302, '', headers=[('Location', '/ok')])
        elif path == '/busy-once':
            if self.hits[path] == 1:
                self._respond(msg, 503, '{}', headers=[('Retry-After', '0')])
            else:
                self._respond(msg, 200, '{"after": "retry"}')
        elif path == '/big':
            self._respond(msg, 200, '{"pad": "' + 'x' * 5000 + '"}')
        elif path == '/html':
            self._respond(msg, 200, '<html></html>', 'text/html')
        else:
            self._respond(msg, 404, '{"error": "not_found"}')


def run_async(start, finish):
    """Starts an async call and spins a main loop until its finish."""
    loop = GLib.MainLoop()
    outcome = {}

    def done(source, result):
        try:
            outcome['value'] = finish(result)
        except GLib.Error as error:
            outcome['error'] = error
        loop.quit()

    start(done)
    loop.run()
    if 'error' in outcome:
        raise outcome['error']
    return outcome['value']
