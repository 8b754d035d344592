#!/usr/bin/python3
# test_fapi.py: the FAPI 2.0 Security Profile (Pim.SecurityProfile) from
# Python, through the typelib: the profile object, and violations as
# Pim.OAuthError.PROFILE_VIOLATION before anything is sent.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import socket
import sys
import unittest

import gi

gi.require_version('Pim', '1.0')
from gi.repository import GLib, Pim  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from pimtest import run_async  # noqa: E402


def closed_port():
    """A loopback port nobody listens on: a request sent there fails with
    an HTTP error, never a profile violation."""
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class ProfileTest(unittest.TestCase):
    def test_object(self):
        profile = Pim.SecurityProfile.new_fapi2()
        self.assertEqual(profile.props.name, 'fapi2-security')
        self.assertEqual(profile.get_name(), 'fapi2-security')
        self.assertEqual(list(profile.props.allowed_algs), ['PS256', 'ES256', 'EdDSA'])
        self.assertEqual(profile.get_allowed_algs(), ['PS256', 'ES256', 'EdDSA'])
        self.assertTrue(profile.allows_alg('ES256'))
        self.assertFalse(profile.allows_alg('RS256'))
        self.assertFalse(profile.allows_alg(None))

    def test_request_property(self):
        profile = Pim.SecurityProfile.new_fapi2()
        request = Pim.ClientCredentialsTokenRequest(address='http://127.0.0.1:1/token',
                                                    client_id='app',
                                                    security_profile=profile)
        self.assertIs(request.props.security_profile, profile)
        self.assertIs(request.get_security_profile(), profile)
        request.set_security_profile(None)
        self.assertIsNone(request.props.security_profile)


class ViolationTest(unittest.TestCase):
    def setUp(self):
        self.address = 'http://127.0.0.1:%d/token' % closed_port()
        self.profile = Pim.SecurityProfile.new_fapi2()

    def assert_violation(self, caught, needle):
        self.assertTrue(caught.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.PROFILE_VIOLATION),
                        caught.exception.message)
        self.assertIn(needle, caught.exception.message)

    def secret_request(self):
        return Pim.ClientCredentialsTokenRequest(
            address=self.address, client_id='app', client_secret='app-secret',
            client_auth_method=Pim.ClientAuthMethod.CLIENT_SECRET_BASIC,
            security_profile=self.profile)

    def test_client_secret_sync(self):
        with self.assertRaises(GLib.Error) as caught:
            Pim.request_token(self.secret_request(), None, None)
        self.assert_violation(caught, 'client_secret_basic')
        self.assertNotIn('app-secret', caught.exception.message)

    def test_client_secret_async(self):
        request = self.secret_request()
        with self.assertRaises(GLib.Error) as caught:
            run_async(lambda cb: Pim.request_token_async(request, None, None, cb),
                      Pim.request_token_finish)
        self.assert_violation(caught, 'client_secret_basic')

    def test_no_sender_constraint(self):
        key = Pim.Jwk.generate('ES256')
        request = Pim.ClientCredentialsTokenRequest(
            address=self.address, client_id='app', client_key=key,
            client_auth_method=Pim.ClientAuthMethod.PRIVATE_KEY_JWT,
            security_profile=self.profile)
        with self.assertRaises(GLib.Error) as caught:
            Pim.request_token(request, None, None)
        self.assert_violation(caught, 'sender-constrained')
        # With a DPoP key, the profile lets it go: the closed port answers.
        request.props.dpop_key = Pim.DPoPKey.new_generate('ES256')
        with self.assertRaises(GLib.Error) as caught:
            Pim.request_token(request, None, None)
        self.assertFalse(caught.exception.matches(Pim.oauth_error_quark(),
                                                  Pim.OAuthError.PROFILE_VIOLATION))

    def test_authorization_url(self):
        request = Pim.AuthorizationRequest(address='https://op.example/auth', client_id='app',
                                           redirect_uri='http://127.0.0.1/callback',
                                           issuer='https://op.example',
                                           security_profile=self.profile)
        request.prepare()
        with self.assertRaises(GLib.Error) as caught:
            request.build_url()
        self.assert_violation(caught, 'pushed authorization requests')
        request.props.security_profile = None
        self.assertTrue(request.build_url().startswith('https://op.example/auth?'))


if __name__ == '__main__':
    unittest.main()
