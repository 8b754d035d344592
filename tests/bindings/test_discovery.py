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


class DiscoveryTest(pimtest.ProviderTestCase):
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

    def test_validate_provider_token(self):
        import base64
        gi.require_version('Soup', '3.0')
        from gi.repository import Json, Soup
        session = Soup.Session()
        message = Soup.Message.new('POST', self.provider.issuer + '/token')
        body = 'grant_type=client_credentials&resource=urn%3Apim%3Atest%3Aapi&scope=api%3Aread'
        message.set_request_body_from_bytes('application/x-www-form-urlencoded',
                                            GLib.Bytes.new(body.encode()))
        basic = base64.b64encode(b'pim-basic:pim-basic-secret').decode()
        message.get_request_headers().append('Authorization', 'Basic ' + basic)
        response = Json.from_string(session.send_and_read(message, None).get_data().decode())
        token = response.get_object().get_string_member('access_token')

        params = Pim.TokenValidationParameters(issuer=self.provider.issuer,
                                               audiences=['urn:pim:test:api'],
                                               expected_type='at+jwt')
        claims = Pim.validate_token(token, params, None, None)
        self.assertEqual(claims.get_issuer(), self.provider.issuer)
        self.assertEqual(claims.dup_audiences(), ['urn:pim:test:api'])
        claims = run_async(lambda cb: Pim.validate_token_async(token, params, None, None, cb),
                           Pim.validate_token_finish)
        self.assertEqual(claims.get_string('client_id'), 'pim-basic')

        params.props.audiences = ['urn:other']
        with self.assertRaises(GLib.Error) as raised:
            Pim.validate_token(token, params, None, None)
        self.assertTrue(raised.exception.matches(Pim.token_error_quark(),
                                                 Pim.TokenError.AUDIENCE_MISMATCH))

        # An issuer list, a claims validator written in Python, and the
        # validated-token cache.
        params = Pim.TokenValidationParameters(issuers=['https://other.example',
                                                        self.provider.issuer],
                                               audiences=['urn:pim:test:api'],
                                               token_cache_size=16)
        seen = []

        def needs_write(claims):
            seen.append(claims.get_subject())
            scopes = (claims.get_string('scope') or '').split()
            return None if 'api:write' in scopes else 'api:write is required'

        params.set_claims_validator(needs_write)
        with self.assertRaises(GLib.Error) as raised:
            Pim.validate_token(token, params, None, None)
        self.assertTrue(raised.exception.matches(Pim.token_error_quark(),
                                                 Pim.TokenError.REJECTED))
        self.assertIn('api:write is required', raised.exception.message)
        self.assertEqual(len(seen), 1)

        params.set_claims_validator(lambda claims: None)
        first = Pim.validate_token(token, params, None, None)
        second = run_async(lambda cb: Pim.validate_token_async(token, params, None, None, cb),
                           Pim.validate_token_finish)
        self.assertIs(first, second)
        self.assertEqual(params.get_token_cache_stats(), (1, 1))

    def test_issuer_mismatch(self):
        request = Pim.DiscoveryRequest.new(self.provider.issuer + '/')
        with self.assertRaises(GLib.Error) as raised:
            Pim.get_discovery_document(request, None, None)
        self.assertTrue(raised.exception.matches(Pim.discovery_error_quark(),
                                                 Pim.DiscoveryError.ISSUER_MISMATCH))


if __name__ == '__main__':
    unittest.main(verbosity=2)
