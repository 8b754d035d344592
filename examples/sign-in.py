#!/usr/bin/python3
# sign-in.py: sign a user in with the system browser (OAuth 2.0 for native
# apps, RFC 8252) and print their name, from the ID token and from UserInfo.
#
#   sign-in.py https://accounts.example.com --client-id my-desktop-app
#
# The client must be registered at the provider as a public (native) client
# whose redirect URI is the loopback address, http://127.0.0.1 on any port.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import sys

import gi

gi.require_version('Pim', '1.0')
from gi.repository import GLib, Pim  # noqa: E402

parser = argparse.ArgumentParser(description='Sign in with the system browser.')
parser.add_argument('issuer')
parser.add_argument('--client-id', required=True)
parser.add_argument('--scope', default='openid profile email')
args = parser.parse_args()

# Discovers the provider, opens the authorization page in the browser,
# waits for the redirect to 127.0.0.1, exchanges the code (with PKCE) and
# validates the ID token.
sign_in = Pim.BrowserSignIn.new(args.issuer, args.client_id, args.scope)
print('Continue in your web browser…', file=sys.stderr)
try:
    result = sign_in.run(None)
except GLib.Error as error:
    if error.matches(Pim.native_error_quark(), Pim.NativeError.TIMED_OUT):
        sys.exit('You did not sign in in time.')
    sys.exit(f'Sign-in failed: {error.message}')

claims = result.get_id_token_claims()
if claims is None:
    sys.exit('No ID token: the scope needs openid')
name = (claims.get_string('name') or claims.get_string('preferred_username')
        or claims.get_subject())
print('Name from the ID token:', name)

# The access token gives the UserInfo claims, about the same user.
endpoint = result.get_discovery_document().get_userinfo_endpoint()
if endpoint is None:
    sys.exit(0)
request = Pim.UserInfoRequest(address=endpoint,
                              access_token=result.get_token_response().props.access_token,
                              expected_subject=claims.get_subject())
try:
    info = Pim.get_userinfo(request, None, None)
except GLib.Error as error:
    sys.exit(f'UserInfo failed: {error.message}')
print('Name from UserInfo:', info.props.name or info.props.preferred_username
      or info.props.subject)
