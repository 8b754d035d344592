#!/usr/bin/python3
# test_par.py: pushed authorization requests (RFC 9126) and request objects
# (RFC 9101) from Python, through the typelib, against the real local
# provider; JWT response mode errors.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import base64
import json
import os
import sys
import unittest
import urllib.parse

import gi

gi.require_version('Pim', '1.0')
from gi.repository import GLib, Pim  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
import pimtest  # noqa: E402
from pimtest import run_async  # noqa: E402

REDIRECT = 'http://127.0.0.1:8400/callback'
REQUEST_URN = 'urn:ietf:params:oauth:request_uri:'


def query(url):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query, keep_blank_values=True)


def jwt_part(token, index):
    part = token.split('.')[index]
    return json.loads(base64.urlsafe_b64decode(part + '=' * (-len(part) % 4)))


class ParTest(pimtest.ProviderTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document = Pim.get_discovery_document(Pim.DiscoveryRequest.new(cls.issuer), None, None)

    def authorization(self):
        request = Pim.AuthorizationRequest.new_from_discovery(self.document, 'pim-basic', REDIRECT)
        request.props.scope = 'openid'
        request.prepare()
        return request

    def check_pushed(self, authorization, pushed):
        self.assertTrue(pushed.props.request_uri.startswith(REQUEST_URN))
        self.assertGreater(pushed.props.expires_in, 0)
        url = pushed.build_authorization_url(authorization)
        self.assertTrue(url.startswith(self.document.get_authorization_endpoint() + '?'))
        self.assertEqual(query(url), {'client_id': ['pim-basic'],
                                      'request_uri': [pushed.props.request_uri]})

    def test_push_sync(self):
        authorization = self.authorization()
        push = Pim.PushedAuthorizationRequest.new(authorization)
        push.props.client_secret = 'pim-basic-secret'
        self.assertEqual(push.props.client_id, 'pim-basic')
        self.assertEqual(push.props.issuer, self.issuer)
        self.check_pushed(authorization, push.send(None, None))

    def test_push_async_with_properties(self):
        authorization = self.authorization()
        push = Pim.PushedAuthorizationRequest(authorization_request=authorization,
                                              issuer=self.issuer, client_id='pim-basic',
                                              client_secret='pim-basic-secret')
        pushed = run_async(lambda cb: push.send_async(None, None, cb), push.send_finish)
        self.check_pushed(authorization, pushed)

    def test_push_refused(self):
        push = Pim.PushedAuthorizationRequest.new(self.authorization())
        push.props.client_secret = 'wrong'
        with self.assertRaises(GLib.Error) as caught:
            push.send(None, None)
        self.assertTrue(caught.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.INVALID_CLIENT))
        details = push.get_error_response()
        self.assertEqual(details.props.status, 401)
        self.assertEqual(details.props.error, 'invalid_client')

    def test_push_request_object(self):
        authorization = self.authorization()
        secret = Pim.Jwk.new_from_secret(GLib.Bytes.new(b'pim-par-jwt-secret-0123456789abcdef'),
                                         'HS256', None)
        authorization.props.client_id = 'pim-par-jwt'
        authorization.props.request_object_key = secret
        key_path = os.path.join(os.environ.get('G_TEST_SRCDIR', '..'), 'oidc-provider', 'clients',
                                'pim-jwt.private.jwk.json')
        with open(key_path) as f:
            client_key = Pim.Jwk.new_from_json(f.read())
        push = Pim.PushedAuthorizationRequest.new(authorization)
        push.props.client_key = client_key
        push.props.client_auth_method = Pim.ClientAuthMethod.PRIVATE_KEY_JWT
        pushed = push.send(None, None)
        self.assertTrue(pushed.props.request_uri.startswith(REQUEST_URN))

    def test_request_object_url(self):
        authorization = self.authorization()
        key = Pim.Jwk.generate('ES256')
        authorization.props.request_object_key = key
        authorization.props.dpop_jkt = 'thumbprint'
        url = authorization.build_url()
        params = query(url)
        self.assertEqual(sorted(params), ['client_id', 'request'])
        header = jwt_part(params['request'][0], 0)
        claims = jwt_part(params['request'][0], 1)
        self.assertEqual(header['typ'], 'oauth-authz-req+jwt')
        self.assertEqual(header['alg'], 'ES256')
        self.assertEqual(claims['iss'], 'pim-basic')
        self.assertEqual(claims['aud'], self.issuer)
        self.assertEqual(claims['state'], authorization.props.state)
        self.assertEqual(claims['dpop_jkt'], 'thumbprint')
        authorization.props.request_object_alg = 'none'
        with self.assertRaises(GLib.Error) as caught:
            authorization.build_url()
        self.assertTrue(caught.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.INVALID_ARGUMENT))

    def test_jwt_response_refused(self):
        authorization = self.authorization()
        authorization.props.response_mode = 'query.jwt'
        with self.assertRaises(GLib.Error) as caught:
            authorization.parse_jwt_response(REDIRECT + '?response=a.b.c.d.e',
                                             Pim.AuthorizationResponseMode.AUTO, None, None)
        self.assertTrue(caught.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.INVALID_RESPONSE))


if __name__ == '__main__':
    unittest.main()
