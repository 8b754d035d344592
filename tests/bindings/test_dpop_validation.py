#!/usr/bin/python3
# test_dpop_validation.py: a resource server validating DPoP proofs and
# checking cnf.jkt from Python, through the typelib.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import time
import unittest

import gi

gi.require_version('Pim', '1.0')
gi.require_version('Json', '1.0')
from gi.repository import GLib, Json, Pim  # noqa: E402

HTU = 'https://api.example/resource'


def make_proof(key, jti, htm='GET', htu=HTU, nonce=None):
    header = Json.Object()
    header.set_string_member('typ', 'dpop+jwt')
    header.set_object_member('jwk', key.get_public().to_object(False))
    claims = Json.Object()
    claims.set_string_member('jti', jti)
    claims.set_string_member('htm', htm)
    claims.set_string_member('htu', htu)
    claims.set_int_member('iat', int(time.time()))
    if nonce is not None:
        claims.set_string_member('nonce', nonce)
    return Pim.Jwt.sign(claims, key, None, header)


class DPoPValidationTest(unittest.TestCase):
    def assertDPoPError(self, raised, code):
        error = raised.exception
        self.assertTrue(error.matches(Pim.dpop_error_quark(), code),
                        '%s: %s' % (error.code, error.message))

    def test_validate_and_bind(self):
        key = Pim.Jwk.generate('ES256')
        validator = Pim.DPoPProofValidator(max_age=30, replay_cache_size=100)
        self.assertEqual(validator.props.max_age, 30)
        self.assertIn('EdDSA', validator.props.allowed_algs)

        proof_text = make_proof(key, 'py-1')
        proof = validator.validate(proof_text, 'GET', HTU + '?page=2', None)
        self.assertEqual(proof.props.jkt, key.get_public().get_thumbprint())
        self.assertEqual(proof.get_jti(), 'py-1')
        self.assertEqual(proof.props.htm, 'GET')

        with self.assertRaises(GLib.Error) as raised:
            validator.validate(proof_text, 'GET', HTU, None)
        self.assertDPoPError(raised, Pim.DPoPError.REPLAYED)
        with self.assertRaises(GLib.Error) as raised:
            validator.validate(make_proof(key, 'py-2'), 'GET', 'https://api.example/x', None)
        self.assertDPoPError(raised, Pim.DPoPError.HTU_MISMATCH)

        claims = Json.Object()
        cnf = Json.Object()
        cnf.set_string_member('jkt', proof.get_jkt())
        claims.set_object_member('cnf', cnf)
        self.assertTrue(Pim.token_binding_check_jkt(claims, proof.get_jkt()))
        other = Pim.Jwk.generate('ES256').get_public().get_thumbprint()
        with self.assertRaises(GLib.Error) as raised:
            Pim.token_binding_check_jkt(claims, other)
        self.assertDPoPError(raised, Pim.DPoPError.KEY_MISMATCH)

    def test_nonce(self):
        key = Pim.Jwk.generate('EdDSA')
        validator = Pim.DPoPProofValidator(require_nonce=True)
        with self.assertRaises(GLib.Error) as raised:
            validator.validate(make_proof(key, 'n-1'), 'GET', HTU, None)
        self.assertDPoPError(raised, Pim.DPoPError.NONCE_REQUIRED)
        nonce = validator.issue_nonce()
        proof = validator.validate(make_proof(key, 'n-2', nonce=nonce), 'GET', HTU, None)
        self.assertEqual(proof.get_nonce(), nonce)


if __name__ == '__main__':
    unittest.main()
