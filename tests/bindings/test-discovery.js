// test-discovery.js: discovery and key sets from GJS, through the typelib,
// against the real local provider. Run with `gjs -m`.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Gio from 'gi://Gio';
import Json from 'gi://Json';
import Pim from 'gi://Pim?version=1.0';
import {check, run, withProvider} from './pimtest.js';

Gio._promisify(Pim, 'get_discovery_document_async', 'get_discovery_document_finish');
Gio._promisify(Pim, 'get_jwks_async', 'get_jwks_finish');
Gio._promisify(Pim, 'validate_token_async', 'validate_token_finish');

async function main() {
    await withProvider(async issuer => {
        const request = Pim.DiscoveryRequest.new(issuer);
        const document = await Pim.get_discovery_document_async(request, null, null);
        check(document.get_issuer() === issuer, 'discovered the issuer');
        check(document.get_grant_types_supported().includes('client_credentials'), 'grant types');
        const keys = await Pim.get_jwks_async(document.get_jwks_uri(), null, null);
        check(keys.get_n_keys() >= 4, 'fetched the key set');

        // Validation with a static key set, as of a fixed instant.
        const key = Pim.Jwk.generate('ES256');
        const set = Pim.JwkSet.new();
        set.add(key.get_public());
        const claims = new Json.Object();
        claims.set_string_member('iss', 'https://op.example');
        claims.set_string_member('aud', 'api');
        claims.set_int_member('iat', 1790000000);
        claims.set_int_member('exp', 1790000300);
        const token = Pim.Jwt.sign(claims, key, null, null);
        const params = new Pim.TokenValidationParameters({
            issuer: 'https://op.example', audiences: ['api'], key_set: set, current_time: 1790000100,
        });
        const validated = await Pim.validate_token_async(token, params, null, null);
        check(validated.get_issuer() === 'https://op.example', 'validated a token');
        params.current_time = 1790001000;
        try {
            Pim.validate_token(token, params, null, null);
            check(false, 'expired token refused');
        } catch (e) {
            check(e.matches(Pim.token_error_quark(), Pim.TokenError.EXPIRED), `expired token refused (${e})`);
        }

        // A claims validator written in JavaScript, with an issuer list.
        params.current_time = 1790000100;
        params.issuer = null;
        params.issuers = ['https://elsewhere.example', 'https://op.example'];
        let calls = 0;
        params.set_claims_validator(c => {
            calls++;
            return c.get_string('sub') === 'alice' ? null : 'only alice may call';
        });
        try {
            Pim.validate_token(token, params, null, null);
            check(false, 'validator refused');
        } catch (e) {
            check(e.matches(Pim.token_error_quark(), Pim.TokenError.REJECTED) &&
                e.message.includes('only alice may call'), `validator refused (${e})`);
        }
        params.set_claims_validator(() => null);
        const accepted = await Pim.validate_token_async(token, params, null, null);
        check(calls === 1 && accepted.get_issuer() === 'https://op.example', 'validator accepted');

        request.address = `${issuer}/`;
        try {
            await Pim.get_discovery_document_async(request, null, null);
            check(false, 'issuer mismatch refused');
        } catch (e) {
            check(e.matches(Pim.discovery_error_quark(), Pim.DiscoveryError.ISSUER_MISMATCH),
                `issuer mismatch refused (${e})`);
        }
    });
}

run(main);
