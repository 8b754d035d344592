// test-dpop-validation.js: a resource server validating DPoP proofs from
// GJS, through the typelib. Run with `gjs -m`.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import Json from 'gi://Json';
import Pim from 'gi://Pim?version=1.0';
import {check, finish} from './pimtest.js';

function checkDPoPError(fn, code, what) {
    try {
        fn();
        check(false, `${what} (no error)`);
    } catch (e) {
        check(e instanceof GLib.Error && e.matches(Pim.dpop_error_quark(), code), `${what} (${e})`);
    }
}

const HTU = 'https://api.example/resource';

function makeProof(key, jti, htm) {
    const header = new Json.Object();
    header.set_string_member('typ', 'dpop+jwt');
    header.set_object_member('jwk', key.get_public().to_object(false));
    const claims = new Json.Object();
    claims.set_string_member('jti', jti);
    claims.set_string_member('htm', htm);
    claims.set_string_member('htu', HTU);
    claims.set_int_member('iat', Math.floor(Date.now() / 1000));
    return Pim.Jwt.sign(claims, key, null, header);
}

const key = Pim.Jwk.generate('ES256');
const validator = new Pim.DPoPProofValidator({replay_cache_size: 50});
check(validator.replay_cache_size === 50, 'replay-cache-size is a property');

const text = makeProof(key, 'gjs-1', 'POST');
const proof = validator.validate(text, 'POST', HTU, null);
check(proof.jkt === key.get_public().get_thumbprint(), 'the proof carries the key thumbprint');
check(proof.get_htu() === HTU && proof.issued_at > 0, 'the proof claims are readable');
checkDPoPError(() => validator.validate(text, 'POST', HTU, null),
    Pim.DPoPError.REPLAYED, 'a replayed proof is refused');
checkDPoPError(() => validator.validate(makeProof(key, 'gjs-2', 'POST'), 'GET', HTU, null),
    Pim.DPoPError.HTM_MISMATCH, 'another method is refused');

const claims = new Json.Object();
const cnf = new Json.Object();
cnf.set_string_member('jkt', proof.jkt);
claims.set_object_member('cnf', cnf);
check(Pim.token_binding_check_jkt(claims, proof.jkt), 'cnf.jkt binds the proof key');
checkDPoPError(() => Pim.token_binding_check_jkt(new Json.Object(), proof.jkt),
    Pim.DPoPError.KEY_MISMATCH, 'a token without cnf.jkt is not bound');

finish();
