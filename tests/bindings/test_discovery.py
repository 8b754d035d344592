#!/usr/bin/python3
# test_discovery.py: discovery and key sets from Python, through the
# typelib, against the real local provider.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import sys
import unittest

import gi

gi.require_version('Pim', '1.0')
from gi.repository import GLib, Pim  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
import pimtest  # noqa: E402
from pimtest import run_async  # noqa: E402


class DiscoveryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.provider = pimtest.Provider()

    @classmethod
    def tearDownClass(cls):
        cls.provider.stop()

    def test_discover_sync(self):
        request = Pim.DiscoveryRequest.new(self.provider.issuer)
        document = Pim.get_discovery_document(request, None, None)
        self.assertEqual(document.get_issuer(), self.provider.issuer)
        self.assertEqual(document.get_token_endpoint(), self.provider.issuer + '/token')
        self.assertIn('client_credentials', document.get_grant_types_supported())
        self.assertTrue(document.supports('response_types_supported', 'code'))

        keys = Pim.get_jwks(document.get_jwks_uri(), Pim.HttpClient(), None)
        self.assertGreaterEqual(keys.get_n_keys(), 4)

    def test_discover_async(self):
        request = Pim.DiscoveryRequest(address=self.provider.issuer)
        document = run_async(lambda cb: Pim.get_discovery_document_async(request, None, None, cb),
                             Pim.get_discovery_document_finish)
        keys = run_async(lambda cb: Pim.get_jwks_async(document.get_jwks_uri(), None, None, cb),
                         Pim.get_jwks_finish)
        self.assertGreaterEqual(keys.get_n_keys(), 4)

    def test_policy(self):
        request = Pim.DiscoveryRequest.new(self.provider.issuer)
        request.get_policy().props.allow_http_on_loopback = False
        with self.assertRaises(GLib.Error) as raised:
            Pim.get_discovery_document(request, None, None)
        self.assertTrue(raised.exception.matches(Pim.discovery_error_quark(),
                                                 Pim.DiscoveryError.INSECURE_ENDPOINT))

    def test_issuer_mismatch(self):
        request = Pim.DiscoveryRequest.new(self.provider.issuer + '/')
        with self.assertRaises(GLib.Error) as raised:
            Pim.get_discovery_document(request, None, None)
        self.assertTrue(raised.exception.matches(Pim.discovery_error_quark(),
                                                 Pim.DiscoveryError.ISSUER_MISMATCH))


if __name__ == '__main__':
    unittest.main(verbosity=2)
