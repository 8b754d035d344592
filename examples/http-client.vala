/* http-client.vala: fetch a JSON document through PimHttpClient, from Vala.
 *
 *   http-client-vala https://accounts.example.com/.well-known/openid-configuration
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

async int fetch (string uri) {
    var client = new Pim.HttpClient ();
    try {
        Json.Node document = yield client.get_json_async (uri, null);
        print ("%s\n", Json.to_string (document, true));
        return 0;
    } catch (Error error) {
        if (error is Pim.HttpError.REDIRECT_REFUSED)
            printerr ("The server redirected: %s\n", error.message);
        else
            printerr ("%s\n", error.message);
        return 1;
    } finally {
        client.close ();
    }
}

int main (string[] args) {
    if (args.length != 2) {
        printerr ("Usage: %s URL\n", args[0]);
        return 2;
    }
    var loop = new MainLoop ();
    int status = 0;
    fetch.begin (args[1], (obj, result) => {
        status = fetch.end (result);
        loop.quit ();
    });
    loop.run ();
    return status;
}
