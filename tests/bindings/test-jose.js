// test-jose.js: keys, key sets and tokens from GJS, through the typelib.
// Run with `gjs -m`.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import Json from 'gi://Json';
import Pim from 'gi://Pim?version=1.0';
import {check, finish} from './pimtest.js';

function checkJoseError(fn, code, what) {
    try {
        fn();
        check(false, `${what} (no error)`);
    } catch (e) {
        check(e instanceof GLib.Error && e.matches(Pim.jose_error_quark(), code), `${what} (${e})`);
    }
}

const key = Pim.Jwk.generate('RS256');
check(key.get_key_type() === 'RSA' && key.get_size() === 2048, 'generated an RSA key');
const keys = Pim.JwkSet.new_from_json(`{"keys":[${key.get_public().to_json(false)},{"kty":"unknown"}]}`);
check(keys.get_n_keys() === 1 && keys.get_skipped().length === 1, 'the odd key is skipped and recorded');

const claims = new Json.Object();
claims.set_string_member('sub', 'gjs-user');
const token = Pim.Jwt.sign(claims, key, null, null);
const jwt = Pim.Jwt.parse_and_verify(token, keys, ['RS256']);
check(jwt.get_string_claim('sub') === 'gjs-user', 'verified token claims');
check(jwt.get_header().get_string_member('kid') === key.get_key_id(), 'kid in the header');

checkJoseError(() => Pim.Jwt.parse_and_verify(token, keys, ['ES256']),
    Pim.JoseError.ALG_NOT_ALLOWED, 'the header cannot widen the allowed algorithms');
checkJoseError(() => Pim.Jwt.parse_and_verify(token, Pim.JwkSet.new(), ['RS256']),
    Pim.JoseError.KEY_NOT_FOUND, 'no key');
checkJoseError(() => Pim.JwkSet.new_from_json('{"keys":[],"keys":[]}'),
    Pim.JoseError.MALFORMED, 'duplicate members are refused');

finish();
