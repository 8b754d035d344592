/* sign-in.vala: sign a user in with the system browser (OAuth 2.0 for
 * native apps, RFC 8252) and print their name, from the ID token and from
 * UserInfo, in Vala.
 *
 *   sign-in-vala https://accounts.example.com --client-id my-desktop-app
 *
 * The client must be registered at the provider as a public (native)
 * client whose redirect URI is the loopback address, http://127.0.0.1 on
 * any port.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

string? client_id = null;
string? scope = null;

const OptionEntry[] ENTRIES = {
    { "client-id", 0, 0, OptionArg.STRING, ref client_id, "The app's client id (required)", "ID" },
    { "scope", 0, 0, OptionArg.STRING, ref scope, "The scope (default: openid profile email)", "SCOPE" },
    { null }
};

async int sign_in (string issuer) {
    /* Discovers the provider, opens the authorization page in the browser,
     * waits for the redirect to 127.0.0.1, exchanges the code (with PKCE)
     * and validates the ID token. */
    var sign_in = new Pim.BrowserSignIn (issuer, client_id, scope ?? "openid profile email");
    printerr ("Continue in your web browser…\n");
    try {
        Pim.SignInResult result = yield sign_in.run_async (null);
        unowned Pim.Claims? claims = result.get_id_token_claims ();
        if (claims == null) {
            printerr ("No ID token: the scope needs openid\n");
            return 1;
        }
        print ("Name from the ID token: %s\n",
               claims.get_string ("name") ?? claims.get_string ("preferred_username")
               ?? claims.get_subject ());

        /* The access token gives the UserInfo claims, about the same user. */
        unowned string? endpoint = result.get_discovery_document ().get_userinfo_endpoint ();
        if (endpoint == null)
            return 0;
        var request = new Pim.UserInfoRequest (endpoint, result.get_token_response ().access_token);
        request.expected_subject = claims.get_subject ();
        Pim.UserInfoResponse info = yield Pim.get_userinfo_async (request, null, null);
        print ("Name from UserInfo: %s\n", info.name ?? info.preferred_username ?? info.subject);
        return 0;
    } catch (Error error) {
        if (error is Pim.NativeError.TIMED_OUT)
            printerr ("You did not sign in in time.\n");
        else
            printerr ("Sign-in failed: %s\n", error.message);
        return 1;
    }
}

int main (string[] args) {
    Intl.setlocale ();
    var options = new OptionContext ("ISSUER");
    options.add_main_entries (ENTRIES, null);
    try {
        options.parse (ref args);
    } catch (OptionError error) {
        printerr ("%s\n", error.message);
        return 2;
    }
    if (args.length != 2 || client_id == null) {
        printerr ("Usage: %s ISSUER --client-id ID [--scope SCOPE]\n", args[0]);
        return 2;
    }
    var loop = new MainLoop ();
    int status = 0;
    sign_in.begin (args[1], (obj, result) => {
        status = sign_in.end (result);
        loop.quit ();
    });
    loop.run ();
    return status;
}
