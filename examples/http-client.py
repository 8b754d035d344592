#!/usr/bin/python3
# http-client.py: fetch a JSON document through PimHttpClient, from Python.
#
#   http-client.py https://accounts.example.com/.well-known/openid-configuration
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import sys

import gi

gi.require_version('Pim', '1.0')
gi.require_version('Json', '1.0')
from gi.repository import GLib, Json, Pim  # noqa: E402

if len(sys.argv) != 2:
    sys.exit(f'Usage: {sys.argv[0]} URL')

client = Pim.HttpClient(timeout=10)
try:
    document = client.get_json(sys.argv[1], None)
except GLib.Error as error:
    if error.matches(Pim.http_error_quark(), Pim.HttpError.STATUS):
        print('The server refused:', error.message, file=sys.stderr)
    else:
        print(error.message, file=sys.stderr)
    sys.exit(1)
finally:
    client.close()

print(Json.to_string(document, True))
