#!/usr/bin/python3
# test_authorize.py: PKCE, the authorization URL and reading the redirect
# from Python, through the typelib. Pure functions: no provider.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import json
import os
import sys
import unittest
import urllib.parse

import gi

gi.require_version('Pim', '1.0')
from gi.repository import GLib, Pim  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from pimtest import run_async  # noqa: E402

ENDPOINT = 'https://op.example/authorize'
ISSUER = 'https://op.example'
REDIRECT = 'http://127.0.0.1:8400/callback'
UNRESERVED = set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~')


def load_vector():
    srcdir = os.environ.get('G_TEST_SRCDIR', os.path.join(os.path.dirname(__file__), '..'))
    with open(os.path.join(srcdir, 'vectors', 'rfc7636-appendix-b.json')) as f:
        return json.load(f)


def query(url):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query, keep_blank_values=True)


class PkceTest(unittest.TestCase):
    def test_rfc7636_vector(self):
        vector = load_vector()
        self.assertEqual(Pim.pkce_compute_challenge(vector['code_verifier']),
                         vector['code_challenge'])
        self.assertEqual(vector['code_challenge'], 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')

    def test_generate(self):
        seen = set()
        for length in (43, 64, 128):
            verifier = Pim.pkce_generate_verifier(length)
            self.assertEqual(len(verifier), length)
            self.assertLessEqual(set(verifier), UNRESERVED)
            self.assertTrue(Pim.pkce_verifier_is_valid(verifier))
            seen.add(verifier)
        self.assertEqual(len(seen), 3)
        with self.assertRaises(GLib.Error) as raised:
            Pim.pkce_generate_verifier(42)
        self.assertTrue(raised.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.INVALID_ARGUMENT))
        with self.assertRaises(GLib.Error) as raised:
            Pim.pkce_compute_challenge('not+a+verifier')
        self.assertTrue(raised.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.INVALID_ARGUMENT))
        state = Pim.generate_random_string(32)
        self.assertEqual(len(state), 43)
        self.assertNotEqual(state, Pim.generate_random_string(32))


class AuthorizationRequestTest(unittest.TestCase):
    def request(self, **props):
        props = {'address': ENDPOINT, 'issuer': ISSUER, 'client_id': 'my-app',
                 'redirect_uri': REDIRECT, **props}
        return Pim.AuthorizationRequest(**props)

    def test_build_url(self):
        request = self.request(scope='openid profile', state='s t&u', max_age=0,
                               resources=['urn:api:one', 'urn:api:two'],
                               claims='{"id_token":{"email":null}}')
        request.add_parameter('ui_locales', 'fr en')
        url = request.build_url()
        self.assertTrue(url.startswith(ENDPOINT + '?response_type=code&client_id=my-app&'))
        self.assertIn('&state=s%20t%26u&', url)
        params = query(url)
        self.assertEqual(params['redirect_uri'], [REDIRECT])
        self.assertEqual(params['scope'], ['openid profile'])
        self.assertEqual(params['max_age'], ['0'])
        self.assertEqual(params['resource'], ['urn:api:one', 'urn:api:two'])
        self.assertEqual(params['claims'], ['{"id_token":{"email":null}}'])
        self.assertEqual(params['ui_locales'], ['fr en'])
        self.assertNotIn('code_challenge', params)

    def test_prepare(self):
        request = self.request(scope='openid')
        self.assertTrue(request.prepare())
        verifier = request.props.code_verifier
        self.assertTrue(Pim.pkce_verifier_is_valid(verifier))
        params = query(request.build_url())
        self.assertEqual(params['state'], [request.props.state])
        self.assertEqual(params['nonce'], [request.props.nonce])
        self.assertEqual(params['code_challenge'], [Pim.pkce_compute_challenge(verifier)])
        self.assertEqual(params['code_challenge_method'], ['S256'])

    def test_refusals(self):
        for request, domain, code in (
                (self.request(address='http://op.example/authorize'),
                 Pim.http_error_quark(), Pim.HttpError.INSECURE),
                (self.request(client_id=None), Pim.oauth_error_quark(),
                 Pim.OAuthError.INVALID_ARGUMENT),
                (self.request(code_verifier=load_vector()['code_verifier'],
                              code_challenge_method='S512'),
                 Pim.oauth_error_quark(), Pim.OAuthError.INVALID_ARGUMENT)):
            with self.assertRaises(GLib.Error) as raised:
                request.build_url()
            self.assertTrue(raised.exception.matches(domain, code), raised.exception.message)

    def test_parse_response(self):
        request = self.request()
        request.prepare()
        state = request.props.state
        response = request.parse_response(
            f'{REDIRECT}?code=abc&state={state}&iss=https%3A%2F%2Fop.example&x=1',
            Pim.AuthorizationResponseMode.AUTO)
        self.assertEqual(response.props.code, 'abc')
        self.assertEqual(response.props.issuer, ISSUER)
        self.assertEqual(response.get_string('x'), '1')
        self.assertEqual(response.props.json.get_string_member('state'), state)

        form = request.parse_response(f'code=def&state={state}',
                                      Pim.AuthorizationResponseMode.FORM_POST)
        self.assertEqual(form.get_code(), 'def')

    def test_state_mismatch(self):
        request = self.request(state='expected')
        with self.assertRaises(GLib.Error) as raised:
            request.parse_response(REDIRECT + '?code=abc&state=forged',
                                   Pim.AuthorizationResponseMode.QUERY)
        self.assertTrue(raised.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.STATE_MISMATCH))

    def test_error_response(self):
        request = self.request(state='s', require_issuer=True)
        with self.assertRaises(GLib.Error) as raised:
            request.parse_response(REDIRECT + '?error=access_denied&error_description=No+way'
                                   '&error_uri=https%3A%2F%2Fop.example%2Fe&state=s&iss=' + ISSUER,
                                   Pim.AuthorizationResponseMode.AUTO)
        self.assertTrue(raised.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.ACCESS_DENIED))
        details = request.get_error_response()
        self.assertEqual(details.props.error, 'access_denied')
        self.assertEqual(details.props.error_description, 'No way')
        self.assertEqual(details.props.error_uri, 'https://op.example/e')
        self.assertEqual(details.props.status, 0)

        with self.assertRaises(GLib.Error) as raised:
            request.parse_response(REDIRECT + '?code=abc&state=s',
                                   Pim.AuthorizationResponseMode.AUTO)
        self.assertTrue(raised.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.ISSUER_MISMATCH))
        self.assertIsNone(request.props.error_response)

    def test_end_session(self):
        request = Pim.EndSessionRequest(address=ISSUER + '/session/end', client_id='my-app',
                                        post_logout_redirect_uri='http://127.0.0.1:8400/logout',
                                        state='bye')
        self.assertEqual(request.build_url(),
                         ISSUER + '/session/end?client_id=my-app&post_logout_redirect_uri='
                         'http%3A%2F%2F127.0.0.1%3A8400%2Flogout&state=bye')

    def test_grant_needs_code(self):
        request = Pim.AuthorizationCodeTokenRequest(address='http://127.0.0.1:9/token',
                                                    client_id='my-app', redirect_uri=REDIRECT)
        self.assertEqual(request.props.grant_type, 'authorization_code')
        with self.assertRaises(GLib.Error) as raised:
            run_async(lambda cb: Pim.request_authorization_code_token_async(
                request, None, None, cb), Pim.request_authorization_code_token_finish)
        self.assertTrue(raised.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.INVALID_ARGUMENT))
        refresh = Pim.RefreshTokenRequest(address='http://127.0.0.1:9/token', client_id='my-app',
                                          scope='openid')
        with self.assertRaises(GLib.Error) as raised:
            Pim.request_refresh_token(refresh, None, None)
        self.assertTrue(raised.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.INVALID_ARGUMENT))


if __name__ == '__main__':
    unittest.main(verbosity=2)
