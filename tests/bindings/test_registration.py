#!/usr/bin/python3
# test_registration.py: dynamic client registration (RFC 7591) and its
# management (RFC 7592) from Python, through the typelib, against the real
# local provider; a refusal's details; a logout token's form.
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


class RegistrationTest(pimtest.ProviderTestCase):
    def service(self):
        request = Pim.ClientRegistrationRequest(
            issuer=self.issuer, client_name='Python service', grant_types=['client_credentials'],
            response_types=[], redirect_uris=[], token_endpoint_auth_method='client_secret_post')
        request.set_metadata('client_uri', '"https://py.example/"')
        return request

    def test_lifecycle(self):
        client = Pim.register_client(self.service(), None, None)
        self.assertTrue(client.props.client_id)
        self.assertTrue(client.props.client_secret)
        self.assertEqual(client.props.client_secret_expires_at, 0)
        self.assertEqual(client.props.client_name, 'Python service')
        self.assertEqual(client.props.token_endpoint_auth_method, 'client_secret_post')
        self.assertEqual(client.dup_metadata_json('client_uri'), '"https://py.example/"')
        self.assertEqual(client.props.json.get_string_member('client_name'), 'Python service')

        # The new client gets a token.
        token = Pim.ClientCredentialsTokenRequest(
            address=self.issuer + '/token', client_id=client.props.client_id,
            client_secret=client.props.client_secret,
            client_auth_method=Pim.ClientAuthMethod.CLIENT_SECRET_POST)
        self.assertTrue(Pim.request_token(token, None, None).props.access_token)

        manage = Pim.ClientRegistrationRequest.new_for_client(client)
        self.assertEqual(manage.props.client_id, client.props.client_id)
        read = run_async(lambda done: Pim.read_client_registration_async(manage, None, None, done),
                         Pim.read_client_registration_finish)
        self.assertEqual(read.props.client_id, client.props.client_id)
        manage.props.client_name = 'Python renamed'
        updated = Pim.update_client_registration(manage, None, None)
        self.assertEqual(updated.props.client_name, 'Python renamed')
        self.assertEqual(Pim.read_client_registration(manage, None, None).props.client_name,
                         'Python renamed')
        self.assertTrue(run_async(
            lambda done: Pim.delete_client_registration_async(manage, None, None, done),
            Pim.delete_client_registration_finish))
        with self.assertRaises(GLib.Error) as caught:
            Pim.read_client_registration(manage, None, None)
        self.assertTrue(caught.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.INVALID_TOKEN))
        self.assertEqual(manage.get_error_response().props.status, 401)

    def test_async_register(self):
        request = self.service()
        client = run_async(lambda done: Pim.register_client_async(request, None, None, done),
                           Pim.register_client_finish)
        self.assertTrue(client.props.registration_access_token)
        self.assertTrue(client.props.registration_client_uri.startswith(self.issuer))
        self.assertTrue(Pim.delete_client_registration(
            Pim.ClientRegistrationRequest.new_for_client(client), None, None))

    def test_invalid_metadata(self):
        request = self.service()
        request.props.token_endpoint_auth_method = 'no_such_method'
        with self.assertRaises(GLib.Error) as caught:
            Pim.register_client(request, None, None)
        self.assertTrue(caught.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.INVALID_CLIENT_METADATA))
        details = request.get_error_response()
        self.assertEqual(details.props.status, 400)
        self.assertEqual(details.props.error, 'invalid_client_metadata')

    def test_strict_response(self):
        with self.assertRaises(GLib.Error) as caught:
            Pim.ClientRegistrationResponse.new_from_json('{"client_id": 5}')
        self.assertTrue(caught.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.INVALID_RESPONSE))

    def test_logout_helpers(self):
        body = GLib.Bytes.new(b'logout_token=a.b.c')
        self.assertEqual(Pim.logout_token_from_form(body), 'a.b.c')
        with self.assertRaises(GLib.Error) as caught:
            Pim.logout_token_from_form(GLib.Bytes.new(b'token=x'))
        self.assertTrue(caught.exception.matches(Pim.token_error_quark(),
                                                 Pim.TokenError.INVALID_LOGOUT_TOKEN))
        ok, sid = Pim.front_channel_logout_check(
            '/logout?iss=https%3A%2F%2Fop.example&sid=s1', 'https://op.example', None)
        self.assertTrue(ok)
        self.assertEqual(sid, 's1')
        with self.assertRaises(GLib.Error):
            Pim.front_channel_logout_check('/logout?iss=x&sid=s1', 'https://op.example', 's1')


if __name__ == '__main__':
    unittest.main(verbosity=2)
