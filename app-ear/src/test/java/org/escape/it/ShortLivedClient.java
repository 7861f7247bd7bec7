package org.escape.it;

import static org.escape.it.TestServers.KEYCLOAK_URL;

import java.net.http.HttpResponse;

/**
 * A test-only Keycloak client whose access tokens live 3 seconds, created through the admin API
 * (idempotently) so expiry can be tested without waiting five minutes. It has the same default
 * scopes as escape-cli, so its tokens differ from real ones only in lifetime.
 */
final class ShortLivedClient {

    static final String CLIENT_ID = "escape-it-short-lived";

    private ShortLivedClient() {
    }

    static String tokenFor(String username) {
        ensureClient();
        return Keycloak.accessToken(KEYCLOAK_URL, CLIENT_ID, username);
    }

    private static void ensureClient() {
        String admin = Keycloak.adminToken();
        String clients = KEYCLOAK_URL + "/admin/realms/escape/clients";
        HttpResponse<String> existing = TestServers.getWithToken(clients + "?clientId=" + CLIENT_ID, admin);
        if (existing.statusCode() == 200 && existing.body().contains("\"" + CLIENT_ID + "\"")) {
            return;
        }
        String representation = """
                {"clientId":"%s","publicClient":true,"directAccessGrantsEnabled":true,"standardFlowEnabled":false,
                 "attributes":{"access.token.lifespan":"3"},
                 "defaultClientScopes":["basic","profile","roles","microprofile-jwt","escape-profile"]}
                """.formatted(CLIENT_ID);
        HttpResponse<String> created = TestServers.sendJson("POST", clients, admin, representation);
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IllegalStateException("Could not create the test client: " + created.statusCode() + " " + created.body());
        }
    }
}
