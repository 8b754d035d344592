#!/usr/bin/python3
# test_mtls.py: mutual TLS (RFC 8705) from Python, through the typelib: a
# client certificate loaded with Gio.TlsCertificate.new_from_files, set on
# Pim.HttpClient, presented to a Soup.Server that requires one.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import sys
import unittest
import urllib.parse

import gi

gi.require_version('Pim', '1.0')
gi.require_version('Soup', '3.0')
from gi.repository import Gio, GLib, Pim, Soup  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
import pimtest  # noqa: E402
from pimtest import run_async  # noqa: E402

CERTS = os.environ.get('G_TEST_BUILDDIR', os.path.join(os.path.dirname(__file__), '..'))
TOKEN = '{"access_token": "at-mtls", "token_type": "Bearer", "expires_in": 60}'


def cert_path(name):
    return os.path.join(CERTS, name)


def load(name):
    return Gio.TlsCertificate.new_from_files(cert_path(name + '.pem'),
                                             cert_path(name + '-key.pem'))


class MtlsServer(pimtest.ThreadedServer):
    """A Soup.Server over HTTPS that requires a client certificate issued by
    the test CA, in its own thread and main context."""

    def __init__(self):
        self.peers = []
        self.forms = []
        super().__init__()

    def _configure(self, server):
        server.set_tls_certificate(load('server'))
        server.set_tls_database(Gio.TlsFileDatabase.new(cert_path('client-trust.pem')))
        server.set_tls_auth_mode(Gio.TlsAuthenticationMode.REQUIRED)
        # libsoup 3.2 refuses every client certificate unless the first
        # message of the connection accepts it.
        server.connect('request-started', lambda server, msg: msg.connect(
            'accept-certificate', lambda msg, cert, errors: errors == 0))

    def _listen(self, server):
        server.listen_local(0, Soup.ServerListenOptions.IPV4_ONLY
                           | Soup.ServerListenOptions.HTTPS)
        return 'https://127.0.0.1:%d' % server.get_uris()[0].get_port()

    def _handle(self, server, msg, path, query):
        self.peers.append(msg.get_tls_peer_certificate())
        body = msg.get_request_body().flatten().get_data() or b''
        self.forms.append((dict(urllib.parse.parse_qsl(body.decode())),
                           msg.get_request_headers().get_one('Authorization')))
        msg.set_status(200, None)
        msg.set_response('application/json', Soup.MemoryUse.COPY,
                         (TOKEN if path == '/token' else '{"ok": true}').encode())


class MtlsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = MtlsServer()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def client(self, certificate):
        client = Pim.HttpClient(ca_file=cert_path('ca.pem'), tls_client_certificate=certificate)
        client.init(None)
        return client

    def test_property(self):
        certificate = load('client')
        client = self.client(certificate)
        self.assertEqual(client.props.tls_client_certificate, certificate)
        self.assertEqual(client.get_tls_client_certificate(), certificate)
        self.assertIsNone(Pim.HttpClient().props.tls_client_certificate)
        # Without its private key: refused at construction.
        with self.assertRaises(GLib.Error) as raised:
            self.client(Gio.TlsCertificate.new_from_file(cert_path('client.pem')))
        self.assertTrue(raised.exception.matches(Pim.http_error_quark(),
                                                 Pim.HttpError.INVALID_ARGUMENT))

    def test_get_json(self):
        certificate = load('client')
        uri = self.server.base + '/ok'
        for mode in ('sync', 'async'):
            with self.subTest(mode=mode):
                # A new client, so a new connection: libsoup 3.2's server
                # knows the peer certificate on a connection's first
                # message only.
                client = self.client(certificate)
                if mode == 'sync':
                    node = client.get_json(uri, None)
                else:
                    node = run_async(lambda done: client.get_json_async(uri, None, done),
                                     client.get_json_finish)
                self.assertTrue(node.get_object().get_boolean_member('ok'))
                self.assertTrue(self.server.peers[-1].is_same(certificate))

    def test_no_certificate(self):
        client = self.client(None)
        with self.assertRaises(GLib.Error) as raised:
            client.get_json(self.server.base + '/ok', None)
        self.assertTrue(raised.exception.matches(Pim.http_error_quark(), Pim.HttpError.TLS))

    def test_tls_client_auth(self):
        certificate = load('client')
        request = Pim.ClientCredentialsTokenRequest(
            address=self.server.base + '/token', client_id='app', client_secret='never-sent',
            client_auth_method=Pim.ClientAuthMethod.TLS_CLIENT_AUTH)
        for mode in ('sync', 'async'):
            with self.subTest(mode=mode):
                client = self.client(certificate)
                if mode == 'sync':
                    response = Pim.request_token(request, client, None)
                else:
                    response = run_async(
                        lambda done: Pim.request_token_async(request, client, None, done),
                        Pim.request_token_finish)
                self.assertEqual(response.props.access_token, 'at-mtls')
                form, authorization = self.server.forms[-1]
                self.assertEqual(form, {'grant_type': 'client_credentials', 'client_id': 'app'})
                self.assertIsNone(authorization)
                self.assertTrue(self.server.peers[-1].is_same(certificate))
        # No certificate on the client: refused before sending.
        with self.assertRaises(GLib.Error) as raised:
            Pim.request_token(request, self.client(None), None)
        self.assertTrue(raised.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.INVALID_ARGUMENT))

    def test_use_mtls_endpoints(self):
        request = Pim.ClientCredentialsTokenRequest(client_id='app', use_mtls_endpoints=True)
        self.assertTrue(request.props.use_mtls_endpoints)
        request.set_use_mtls_endpoints(False)
        self.assertFalse(request.get_use_mtls_endpoints())


if __name__ == '__main__':
    unittest.main(verbosity=2)
