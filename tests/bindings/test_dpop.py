#!/usr/bin/python3
# test_dpop.py: DPoP (RFC 9449) keys and proofs from Python, through the
# typelib, and DPoP-bound tokens from the real local provider.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import base64
import hashlib
import json
import os
import sys
import time
import unittest

import gi

gi.require_version('Pim', '1.0')
from gi.repository import GLib, Pim  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
import pimtest  # noqa: E402
from pimtest import run_async  # noqa: E402


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + '=' * (-len(text) % 4))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b'=').decode()


def decode(token):
    header, payload, signature = token.split('.')
    return json.loads(b64url_decode(header)), json.loads(b64url_decode(payload))


class ProofTest(unittest.TestCase):
    def test_generate_and_prove(self):
        key = Pim.DPoPKey.new_generate(None)
        self.assertEqual(key.get_alg(), 'ES256')
        self.assertEqual(key.props.alg, 'ES256')
        before = int(time.time())
        proof = key.create_proof('GET', 'https://rs.example/api?q=1#f', 'the-token', 'n-1')
        header, claims = decode(proof)
        self.assertEqual(header['typ'], 'dpop+jwt')
        self.assertEqual(header['alg'], 'ES256')
        self.assertEqual(sorted(header['jwk']), ['crv', 'kty', 'x', 'y'])
        self.assertEqual(claims['htm'], 'GET')
        self.assertEqual(claims['htu'], 'https://rs.example/api')
        self.assertEqual(claims['ath'], b64url(hashlib.sha256(b'the-token').digest()))
        self.assertEqual(claims['nonce'], 'n-1')
        self.assertTrue(before <= claims['iat'] <= int(time.time()))
        self.assertGreaterEqual(len(claims['jti']), 22)
        # The thumbprint is RFC 7638's over the header's jwk.
        jwk = header['jwk']
        canonical = json.dumps({m: jwk[m] for m in ('crv', 'kty', 'x', 'y')},
                               separators=(',', ':'), sort_keys=True)
        self.assertEqual(key.get_thumbprint(),
                         b64url(hashlib.sha256(canonical.encode()).digest()))
        self.assertEqual(json.loads(key.get_public_jwk()), jwk)

    def test_round_trip(self):
        key = Pim.DPoPKey.new_generate('EdDSA')
        again = Pim.DPoPKey.new_from_jwk(key.to_jwk())
        self.assertEqual(again.get_thumbprint(), key.get_thumbprint())
        from_pem = Pim.DPoPKey.new_from_pem(key.to_pem(), None)
        self.assertEqual(from_pem.get_alg(), 'EdDSA')
        self.assertEqual(from_pem.get_thumbprint(), key.get_thumbprint())

    def test_refusals(self):
        with self.assertRaises(GLib.Error) as caught:
            Pim.DPoPKey.new_generate('HS256')
        self.assertTrue(caught.exception.matches(Pim.jose_error_quark(),
                                                 Pim.JoseError.UNSUPPORTED_ALG))
        with self.assertRaises(GLib.Error) as caught:
            Pim.DPoPKey.new_from_jwk(Pim.DPoPKey.new_generate(None).get_public_jwk())
        self.assertTrue(caught.exception.matches(Pim.jose_error_quark(),
                                                 Pim.JoseError.KEY_TYPE_MISMATCH))
        with self.assertRaises(GLib.Error):
            Pim.DPoPKey.new_generate(None).create_proof('GET', '/relative', None, None)


class ProviderTest(pimtest.ProviderTestCase):
    def request(self, key, client_id='pim-dpop', secret='pim-dpop-secret'):
        return Pim.ClientCredentialsTokenRequest(
            address=self.issuer + '/token', client_id=client_id, client_secret=secret,
            dpop_key=key)

    def check_bound(self, response, key):
        self.assertEqual(response.props.token_type, 'DPoP')
        _, claims = decode(response.props.access_token)
        self.assertEqual(claims['cnf']['jkt'], key.get_thumbprint())

    def test_client_credentials_sync(self):
        key = Pim.DPoPKey.new_generate(None)
        self.check_bound(Pim.request_token(self.request(key), None, None), key)

    def test_client_credentials_async(self):
        key = Pim.DPoPKey.new_generate(None)
        request = self.request(key)
        response = run_async(
            lambda done: Pim.request_token_async(request, None, None, done),
            Pim.request_token_finish)
        self.check_bound(response, key)

    def test_nonce_required(self):
        key = Pim.DPoPKey.new_generate(None)
        request = self.request(key, 'pim-dpop-nonce', 'pim-dpop-nonce-secret')
        self.assertIsNone(key.dup_nonce(self.issuer + '/token'))
        self.check_bound(Pim.request_token(request, None, None), key)
        self.assertIsNotNone(key.dup_nonce(self.issuer + '/token'))

    def test_without_key_refused(self):
        with self.assertRaises(GLib.Error) as caught:
            Pim.request_token(self.request(None), None, None)
        self.assertTrue(caught.exception.matches(Pim.oauth_error_quark(),
                                                 Pim.OAuthError.INVALID_GRANT))


if __name__ == '__main__':
    unittest.main(verbosity=2)
