#!/usr/bin/python3
# test_http_client.py: PimHttpClient from Python, through the typelib, as
# users call it.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import sys
import threading
import unittest

import gi

gi.require_version('Pim', '1.0')
gi.require_version('Soup', '3.0')
from gi.repository import Gio, GLib, Pim, Soup  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
import pimtest  # noqa: E402
from pimtest import run_async  # noqa: E402


class HttpClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.provider = pimtest.Provider()
        cls.server = pimtest.FaultServer()
        cls.discovery = cls.provider.issuer + '/.well-known/openid-configuration'

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.provider.stop()

    def assertHttpError(self, raised, code):
        error = raised.exception
        self.assertTrue(error.matches(Pim.http_error_quark(), code),
                        '%s: %s' % (error.code, error.message))

    def test_construct_owned(self):
        for client in (Pim.HttpClient(), Pim.HttpClient.new(),
                       Pim.HttpClient.new_full(None, 9, Pim.TlsVerify.DEFAULT, None)):
            self.assertTrue(client.props.owns_session)
            self.assertIsInstance(client.get_session(), Soup.Session)
            self.assertFalse(client.props.closed)
        client = Pim.HttpClient(timeout=9, retry_count=1, max_response_size=4096)
        self.assertEqual(client.props.timeout, 9)
        self.assertEqual(client.get_session().get_timeout(), 9)
        self.assertEqual(client.get_retry_count(), 1)
        self.assertEqual(client.get_max_response_size(), 4096)

    def test_construct_supplied(self):
        session = Soup.Session()
        for client in (Pim.HttpClient.new_for_session(session), Pim.HttpClient(session=session)):
            self.assertFalse(client.props.owns_session)
            self.assertEqual(client.get_session(), session)

    def test_construction_error(self):
        session = Soup.Session()
        with self.assertRaises(GLib.Error) as raised:
            Pim.HttpClient.new_full(session, 5, Pim.TlsVerify.DEFAULT, None)
        self.assertHttpError(raised, Pim.HttpError.INVALID_ARGUMENT)
        self.assertIn('timeout', raised.exception.message)

        with self.assertRaises(GLib.Error) as raised:
            Pim.HttpClient.new_full(session, -1, Pim.TlsVerify.DISABLED, None)
        self.assertHttpError(raised, Pim.HttpError.INVALID_ARGUMENT)

        # Built with properties, the error comes from init() and from every use.
        client = Pim.HttpClient(session=session, ca_file='/nonexistent.pem')
        with self.assertRaises(GLib.Error) as raised:
            client.init(None)
        self.assertHttpError(raised, Pim.HttpError.INVALID_ARGUMENT)
        with self.assertRaises(GLib.Error) as raised:
            client.get_json(self.discovery, None)
        self.assertHttpError(raised, Pim.HttpError.INVALID_ARGUMENT)

    def test_fetch_discovery_sync(self):
        client = Pim.HttpClient()
        document = client.get_json(self.discovery, None)
        self.assertEqual(document.get_object().get_string_member('issuer'), self.provider.issuer)

    def test_fetch_discovery_async(self):
        client = Pim.HttpClient()
        document = run_async(lambda cb: client.get_json_async(self.discovery, None, cb),
                             client.get_json_finish)
        self.assertEqual(document.get_object().get_string_member('issuer'), self.provider.issuer)

    def test_close_owned(self):
        client = Pim.HttpClient()
        notified = []
        client.connect('notify::closed', lambda *args: notified.append(True))
        client.close()
        client.close()
        self.assertTrue(client.props.closed)
        self.assertIsNone(client.get_session())
        self.assertEqual(len(notified), 1)
        with self.assertRaises(GLib.Error) as raised:
            client.get_json(self.discovery, None)
        self.assertHttpError(raised, Pim.HttpError.CLOSED)
        with self.assertRaises(GLib.Error) as raised:
            run_async(lambda cb: client.get_json_async(self.discovery, None, cb),
                      client.get_json_finish)
        self.assertHttpError(raised, Pim.HttpError.CLOSED)

    def test_close_supplied_leaves_session(self):
        session = Soup.Session()
        client = Pim.HttpClient.new_for_session(session)
        client.get_json(self.discovery, None)
        client.close()
        with self.assertRaises(GLib.Error) as raised:
            client.get_json(self.discovery, None)
        self.assertHttpError(raised, Pim.HttpError.CLOSED)
        # The session still works.
        message = Soup.Message.new('GET', self.discovery)
        body = session.send_and_read(message, None)
        self.assertEqual(message.get_status(), Soup.Status.OK)
        self.assertIn(self.provider.issuer.encode(), body.get_data())

    def test_fault_errors(self):
        client = Pim.HttpClient(retry_base_delay=0.01, max_response_size=1000)
        cases = [('/redirect', Pim.HttpError.REDIRECT_REFUSED),
                 ('/missing', Pim.HttpError.STATUS),
                 ('/html', Pim.HttpError.NOT_JSON),
                 ('/big', Pim.HttpError.TOO_LARGE)]
        for path, code in cases:
            with self.assertRaises(GLib.Error) as raised:
                client.get_json(self.server.uri(path), None)
            self.assertHttpError(raised, code)
        self.assertNotIn('/ok', self.server.hits)   # the redirect was not followed
        with self.assertRaises(GLib.Error) as raised:
            client.get_json('http://op.example/.well-known/openid-configuration', None)
        self.assertHttpError(raised, Pim.HttpError.INSECURE)

    def test_retry(self):
        client = Pim.HttpClient(retry_base_delay=0.01)
        document = client.get_json(self.server.uri('/busy-once'), None)
        self.assertEqual(document.get_object().get_string_member('after'), 'retry')
        self.assertEqual(self.server.hits['/busy-once'], 2)

    def test_cancel(self):
        client = Pim.HttpClient()
        cancellable = Gio.Cancellable()
        cancellable.cancel()
        with self.assertRaises(GLib.Error) as raised:
            client.get_json(self.discovery, cancellable)
        self.assertTrue(raised.exception.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED))

    def test_text_domain_bound(self):
        # Loading the library binds its translations, with nothing to do for
        # the caller.
        import locale
        Pim.HttpClient()
        self.assertEqual(locale.bindtextdomain("pim-1.0", None), os.environ['PIM_LOCALEDIR'])

    def test_defaults(self):
        main = Pim.HttpClient.get_thread_default()
        shared = Pim.HttpClient.get_shared_default()
        self.assertIs(Pim.HttpClient.get_thread_default(), main)
        self.assertIsNot(main, shared)
        seen = {}

        def worker():
            seen['thread'] = Pim.HttpClient.get_thread_default()
            seen['shared'] = Pim.HttpClient.get_shared_default()
            seen['doc'] = seen['thread'].get_json(self.discovery, None)

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        self.assertIsNot(seen['thread'], main)
        self.assertIs(seen['shared'], shared)
        self.assertEqual(seen['doc'].get_object().get_string_member('issuer'),
                         self.provider.issuer)


if __name__ == '__main__':
    unittest.main(verbosity=2)
