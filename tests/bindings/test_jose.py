#!/usr/bin/python3
# test_jose.py: keys, key sets and tokens from Python, through the typelib,
# including a real provider's access token and key set.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import base64
import os
import sys
import unittest

import gi

gi.require_version('Pim', '1.0')
gi.require_version('Json', '1.0')
gi.require_version('Soup', '3.0')
from gi.repository import GLib, Json, Pim, Soup  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
import pimtest  # noqa: E402


def claims(**members):
    obj = Json.Object()
    for name, value in members.items():
        if isinstance(value, int):
            obj.set_int_member(name, value)
        else:
            obj.set_string_member(name, value)
    return obj


class JoseTest(pimtest.ProviderTestCase):
    def assertJoseError(self, raised, code):
        error = raised.exception
        self.assertTrue(error.matches(Pim.jose_error_quark(), code),
                        '%s: %s' % (error.code, error.message))

    def test_base64url(self):
        self.assertEqual(Pim.base64url_encode(b'\xfb\xff'), '-_8')
        self.assertEqual(Pim.base64url_decode('-_8').get_data(), b'\xfb\xff')
        with self.assertRaises(GLib.Error) as raised:
            Pim.base64url_decode('-_8=')
        self.assertJoseError(raised, Pim.JoseError.MALFORMED)

    def test_mint_and_verify(self):
        key = Pim.Jwk.generate('ES256')
        self.assertTrue(key.is_private())
        self.assertEqual(key.get_key_id(), key.get_thumbprint())
        public = key.get_public()
        keys = Pim.JwkSet.new_from_json('{"keys":[%s]}' % public.to_json(False))
        self.assertEqual(keys.get_n_keys(), 1)

        token = Pim.Jwt.sign(claims(iss='https://pim.example', exp=2000000000), key, None, None)
        jwt = Pim.Jwt.parse_and_verify(token, keys, ['ES256'])
        self.assertEqual(jwt.get_string_claim('iss'), 'https://pim.example')
        found, exp = jwt.get_int_claim('exp')
        self.assertTrue(found)
        self.assertEqual(exp, 2000000000)
        self.assertEqual(jwt.get_claims().get_int_member('exp'), 2000000000)

        with self.assertRaises(GLib.Error) as raised:
            Pim.Jwt.parse_and_verify(token, keys, ['RS256'])
        self.assertJoseError(raised, Pim.JoseError.ALG_NOT_ALLOWED)
        with self.assertRaises(GLib.Error) as raised:
            Pim.Jwt.parse_and_verify(token[:-4] + 'AAAA', keys, ['ES256'])
        self.assertJoseError(raised, Pim.JoseError.INVALID_SIGNATURE)

    def test_alg_none_refused(self):
        def seg(text):
            return base64.urlsafe_b64encode(text.encode()).decode().rstrip('=')
        token = seg('{"alg":"none"}') + '.' + seg('{"sub":"x"}') + '.'
        with self.assertRaises(GLib.Error) as raised:
            Pim.Jwt.parse(token)
        self.assertJoseError(raised, Pim.JoseError.ALG_NONE)

    def test_pem_round_trip(self):
        key = Pim.Jwk.generate('EdDSA')
        pem = key.to_pem(False)
        self.assertTrue(pem.startswith('-----BEGIN PUBLIC KEY-----'))
        back = Pim.Jwk.new_from_pem(pem, 'EdDSA', 'k1')
        self.assertEqual(back.get_thumbprint(), key.get_thumbprint())
        self.assertEqual(back.get_key_id(), 'k1')

    def test_provider_access_token(self):
        # A client-credentials token from the real provider (an RS256 JWT for
        # the test API), verified against the provider's own key set.
        session = Soup.Session()
        message = Soup.Message.new('POST', self.provider.issuer + '/token')
        body = 'grant_type=client_credentials&resource=urn%3Apim%3Atest%3Aapi&scope=api%3Aread'
        message.set_request_body_from_bytes('application/x-www-form-urlencoded',
                                            GLib.Bytes.new(body.encode()))
        basic = base64.b64encode(b'pim-basic:pim-basic-secret').decode()
        message.get_request_headers().append('Authorization', 'Basic ' + basic)
        response = Json.from_string(session.send_and_read(message, None).get_data().decode())
        access_token = response.get_object().get_string_member('access_token')

        client = Pim.HttpClient()
        jwks_json = Json.to_string(client.get_json(self.provider.issuer + '/jwks', None), False)
        keys = Pim.JwkSet.new_from_json(jwks_json)
        self.assertGreaterEqual(keys.get_n_keys(), 4)
        self.assertEqual(list(keys.get_skipped()), [])

        jwt = Pim.Jwt.parse_and_verify(access_token, keys, ['RS256', 'PS256', 'ES256', 'EdDSA'])
        self.assertEqual(jwt.get_string_claim('iss'), self.provider.issuer)
        self.assertEqual(jwt.get_jws().get_media_type(), 'at+jwt')
        used = jwt.verify(keys, ['RS256'])
        self.assertEqual(used.get_key_type(), 'RSA')


if __name__ == '__main__':
    unittest.main(verbosity=2)
