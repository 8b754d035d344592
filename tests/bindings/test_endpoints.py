#!/usr/bin/python3
# test_endpoints.py: token introspection, revocation and UserInfo from
# Python, through the typelib, against the real local provider; and how
# the details of a refusal (status, error, error_uri) reach a binding.
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

OPAQUE = 'urn:pim:test:opaque'


class EndpointsTest(pimtest.ProviderTestCase):
    def client_credentials_token(self):
        request = Pim.ClientCredentialsTokenRequest(
            address=self.issuer + '/token', client_id='pim-basic',
            client_secret='pim-basic-secret', resources=[OPAQUE], scope='api:read')
        response = Pim.request_token(request, None, None)
        self.assertEqual(response.props.token_type, 'Bearer')
        self.assertEqual(response.props.expires_in, 3600)
        return response.props.access_token

    def introspection_request(self, token):
        return Pim.IntrospectionRequest(
            address=self.issuer + '/token/introspection', client_id='pim-introspect',
            client_secret='pim-introspect-secret', token=token)

    def test_introspect_sync(self):
        token = self.client_credentials_token()
        response = Pim.introspect_token(self.introspection_request(token), None, None)
        self.assertTrue(response.props.active)
        self.assertEqual(response.props.client_id, 'pim-basic')
        self.assertEqual(response.props.scope, 'api:read')
        self.assertEqual(response.props.token_type, 'Bearer')
        self.assertEqual(response.props.issuer, self.issuer)
        self.assertEqual(response.get_audiences(), [OPAQUE])
        self.assertEqual(response.props.expiration - response.props.issued_at, 3600)
        found, exp = response.get_int('exp')
        self.assertTrue(found)
        self.assertEqual(exp, response.props.expiration)
        self.assertEqual(response.props.json.get_string_member('client_id'), 'pim-basic')

    def test_introspect_async_and_revoke(self):
        token = self.client_credentials_token()
        request = self.introspection_request(token)
        request.props.token_type_hint = 'refresh_token'  # wrong, and harmless
        response = run_async(lambda cb: Pim.introspect_token_async(request, None, None, cb),
                             Pim.introspect_token_finish)
        self.assertTrue(response.props.active)

        revocation = Pim.RevocationRequest(
            address=self.issuer + '/token/revocation', client_id='pim-basic',
            client_secret='pim-basic-secret', token=token, token_type_hint='access_token')
        self.assertTrue(run_async(lambda cb: Pim.revoke_token_async(revocation, None, None, cb),
                                  Pim.revoke_token_finish))
        response = Pim.introspect_token(request, None, None)
        self.assertFalse(response.props.active)
        self.assertIsNone(response.props.client_id)
        self.assertEqual(response.get_audiences() or [], [])
        # An unknown token revokes fine (RFC 7009 §2.2).
        revocation.set_token('never-issued')
        self.assertTrue(Pim.revoke_token(revocation, None, None))

    def test_invalid_client(self):
        # The token endpoint…
        request = Pim.ClientCredentialsTokenRequest(
            address=self.issuer + '/token', client_id='pim-basic', client_secret='wrong',
            resources=[OPAQUE])
        with self.assertRaises(GLib.Error) as raised:
            Pim.request_token(request, None, None)
        self.assertTrue(raised.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.INVALID_CLIENT))
        self.assertNotIn('wrong', raised.exception.message)
        details = request.get_error_response()
        self.assertEqual(details.props.status, 401)
        self.assertEqual(details.props.error, 'invalid_client')
        self.assertEqual(details.get_status(), 401)
        self.assertTrue(details.props.endpoint.endswith('/token'))

        # …and the introspection endpoint, async.
        introspection = Pim.IntrospectionRequest(
            address=self.issuer + '/token/introspection', client_id='pim-introspect',
            client_secret='wrong', token='some-token')
        with self.assertRaises(GLib.Error) as raised:
            run_async(lambda cb: Pim.introspect_token_async(introspection, None, None, cb),
                      Pim.introspect_token_finish)
        self.assertTrue(raised.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.INVALID_CLIENT))
        details = introspection.props.error_response
        self.assertEqual(details.props.status, 401)
        self.assertEqual(details.props.error, 'invalid_client')

    def test_userinfo_invalid_token(self):
        request = Pim.UserInfoRequest(issuer=self.issuer, access_token='not-a-token',
                                      use_post=True)
        with self.assertRaises(GLib.Error) as raised:
            Pim.get_userinfo(request, None, None)
        self.assertTrue(raised.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.INVALID_TOKEN))
        details = request.get_error_response()
        self.assertEqual(details.props.status, 401)
        self.assertEqual(details.props.error, 'invalid_token')


if __name__ == '__main__':
    unittest.main()
