#!/usr/bin/python3
# test_sign_in.py: desktop sign-in (RFC 8252) and the token manager from
# Python, through the typelib, against the real local provider. The
# "open-uri" handler hands the authorization URL to the headless-chromium
# driver of tests/browser ($PIM_BROWSER_DRIVER), which logs alice in and
# consents until the loopback redirect.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import subprocess
import sys
import unittest

import gi

gi.require_version('Pim', '1.0')
from gi.repository import Gio, GLib, Pim  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
import pimtest  # noqa: E402
from pimtest import run_async  # noqa: E402

CLIENT = 'pim-desktop'
SCOPE = 'openid profile email'


class SignInTest(pimtest.ProviderTestCase):
    def setUp(self):
        self.browsers = []
        self.opened = []

    def tearDown(self):
        for browser in self.browsers:
            if browser.poll() is None:
                browser.kill()
            browser.wait(10)

    def open_in_driver(self, sign_in, uri):
        """The "open-uri" handler: the driver plays the user."""
        self.opened.append(uri)
        self.browsers.append(subprocess.Popen(['node', os.environ['PIM_BROWSER_DRIVER'], uri],
                                              stdout=subprocess.DEVNULL))
        return True

    def sign_in(self, client_id=CLIENT):
        sign_in = Pim.BrowserSignIn.new(self.issuer, client_id, SCOPE)
        sign_in.props.timeout = 25
        sign_in.connect('open-uri', self.open_in_driver)
        return sign_in

    def check_result(self, sign_in, result):
        claims = result.get_id_token_claims()
        self.assertEqual(claims.get_issuer(), self.issuer)
        self.assertEqual(claims.get_subject(), 'alice')
        # validated against the run's nonce, which the authorization URL had
        self.assertIsNotNone(claims.get_string('nonce'))
        self.assertEqual(claims.dup_audiences(), [CLIENT])
        self.assertEqual(result.get_client_id(), CLIENT)
        # a loopback redirect on 127.0.0.1 with an ephemeral port and an
        # unguessable path, which the authorization URL carried
        redirect = GLib.Uri.parse(result.get_redirect_uri(), GLib.UriFlags.NONE)
        self.assertEqual((redirect.get_scheme(), redirect.get_host()), ('http', '127.0.0.1'))
        self.assertGreater(redirect.get_port(), 0)
        self.assertTrue(redirect.get_path().startswith('/pim/'))
        self.assertEqual(len(self.opened), 1)
        query = GLib.Uri.parse_params(
            GLib.Uri.parse(self.opened[0], GLib.UriFlags.ENCODED).get_query(), -1, '&',
            GLib.UriParamsFlags.WWW_FORM)
        self.assertEqual(query['redirect_uri'], result.get_redirect_uri())
        self.assertEqual(query['code_challenge_method'], 'S256')
        self.assertEqual(query['nonce'], claims.get_string('nonce'))
        self.assertEqual(query['client_id'], CLIENT)
        self.assertEqual(result.get_discovery_document().get_issuer(), self.issuer)
        tokens = result.get_token_response()
        self.assertEqual(tokens.props.token_type, 'Bearer')
        self.assertIsNotNone(tokens.props.refresh_token)
        # the browser driver saw the redirect's answer page and exited
        self.assertEqual(self.browsers[0].wait(20), 0)
        # no run any more: no redirect address
        self.assertIsNone(sign_in.props.redirect_address)
        return result

    def test_run_sync(self):
        sign_in = self.sign_in()
        self.check_result(sign_in, sign_in.run(None))

    def test_run_async_and_token_manager(self):
        sign_in = self.sign_in()
        result = run_async(lambda cb: sign_in.run_async(None, cb), sign_in.run_finish)
        self.check_result(sign_in, result)
        first = result.get_token_response().props.access_token

        manager = Pim.TokenManager.new_from_sign_in(result)
        self.assertTrue(manager.props.signed_in)
        self.assertEqual(manager.props.client_id, CLIENT)
        # the sign-in's token is fresh enough for the default margin…
        self.assertEqual(manager.get_access_token(None), first)
        # …but not for a margin above its lifetime (an hour): refreshed
        manager.props.margin = 7200
        changes = []
        manager.connect('tokens-changed', lambda m: changes.append(m))
        refreshed = manager.get_access_token(None)
        self.assertNotIn(refreshed, (None, first))
        self.assertEqual(manager.dup_tokens().props.access_token, refreshed)
        again = run_async(lambda cb: manager.get_access_token_async(None, cb),
                          manager.get_access_token_finish)
        self.assertNotIn(again, (None, first, refreshed))
        self.assertEqual(len(changes), 2)

    def test_timed_out(self):
        # An unknown client: the provider shows an error page and never
        # redirects, like a handler that opens nothing. The run gives up.
        sign_in = Pim.BrowserSignIn.new(self.issuer, 'no-such-client', SCOPE)
        sign_in.props.timeout = 1
        sign_in.connect('open-uri', lambda s, uri: True)
        with self.assertRaises(GLib.Error) as caught:
            sign_in.run(None)
        self.assertTrue(caught.exception.matches(Pim.native_error_quark(),
                                                 Pim.NativeError.TIMED_OUT))
        with self.assertRaises(GLib.Error) as caught:
            run_async(lambda cb: sign_in.run_async(None, cb), sign_in.run_finish)
        self.assertTrue(caught.exception.matches(Pim.native_error_quark(),
                                                 Pim.NativeError.TIMED_OUT))

    def test_cancelled(self):
        cancellable = Gio.Cancellable()
        sign_in = Pim.BrowserSignIn.new(self.issuer, CLIENT, SCOPE)

        def cancel(s, uri):
            self.assertIsNotNone(s.props.redirect_address)
            cancellable.cancel()
            return True

        sign_in.connect('open-uri', cancel)
        with self.assertRaises(GLib.Error) as caught:
            sign_in.run(cancellable)
        self.assertTrue(caught.exception.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED))

    def test_missing_client_id(self):
        sign_in = Pim.BrowserSignIn(issuer=self.issuer)
        sign_in.connect('open-uri', self.open_in_driver)
        with self.assertRaises(GLib.Error) as caught:
            sign_in.run(None)
        self.assertTrue(caught.exception.matches(Pim.native_error_quark(),
                                                 Pim.NativeError.INVALID_ARGUMENT))
        self.assertEqual(self.opened, [])

    def test_signed_out_manager(self):
        # A manager without tokens: signed out, at once.
        document = Pim.get_discovery_document(Pim.DiscoveryRequest.new(self.issuer), None, None)
        manager = Pim.TokenManager.new(document, CLIENT)
        self.assertFalse(manager.props.signed_in)
        with self.assertRaises(GLib.Error) as caught:
            manager.get_access_token(None)
        self.assertTrue(caught.exception.matches(Pim.native_error_quark(),
                                                 Pim.NativeError.SIGNED_OUT))


if __name__ == '__main__':
    unittest.main(verbosity=2)
