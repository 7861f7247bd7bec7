package org.escape.it;

import static org.escape.it.TestServers.KEYCLOAK_URL;
import static org.escape.it.TestServers.REALM;
import static org.escape.it.TestServers.json;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import jakarta.json.JsonObject;

/** Real tokens from the real Keycloak of the test run. */
final class Keycloak {

    private Keycloak() {
    }

    /** An access token for a demo user (password = username), via the development client escape-cli. */
    static String accessToken(String username) {
        return accessToken(KEYCLOAK_URL, "escape-cli", username);
    }

    /** An access token requested at the given Keycloak base URL (its host becomes the issuer). */
    static String accessToken(String keycloakBase, String clientId, String username) {
        HttpResponse<String> response = passwordGrant(keycloakBase, clientId, username);
        if (response.statusCode() == 400 && response.body().contains("invalid_grant")) {
            // Keycloak's brute-force detector can lock a demo user that many tests sign in at high rate
            // (its quick-login heuristics); that is Keycloak's policy, not what these tests examine.
            // Say what Keycloak reported, clear the lock, and try once more.
            System.err.println("[it] Keycloak refused " + username + " (" + response.body() + "); brute-force status: "
                    + bruteForceStatus(username) + " - clearing it and retrying once");
            clearBruteForce(username);
            response = passwordGrant(keycloakBase, clientId, username);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + username + " via " + clientId + ": "
                    + response.statusCode() + " " + response.body());
        }
        return json(response.body()).getString("access_token");
    }

    private static HttpResponse<String> passwordGrant(String keycloakBase, String clientId, String username) {
        return TestServers.postForm(keycloakBase + "/realms/" + REALM + "/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", username));
    }

    private static String userId(String username) {
        String body = TestServers.getWithToken(KEYCLOAK_URL + "/admin/realms/" + REALM
                + "/users?exact=true&username=" + username, adminToken()).body();
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
            return reader.readArray().getJsonObject(0).getString("id");
        }
    }

    private static String bruteForceStatus(String username) {
        return TestServers.getWithToken(KEYCLOAK_URL + "/admin/realms/" + REALM + "/attack-detection/brute-force/users/"
                + userId(username), adminToken()).body();
    }

    private static void clearBruteForce(String username) {
        TestServers.sendJson("DELETE", KEYCLOAK_URL + "/admin/realms/" + REALM + "/attack-detection/brute-force/users/"
                + userId(username), adminToken(), null);
    }

    /** An administrator token of the master realm (development default admin/admin). */
    static String adminToken() {
        HttpResponse<String> response = TestServers.postForm(
                KEYCLOAK_URL + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("No admin token: " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).getString("access_token");
    }

    /** The decoded payload of a JWT, for assertions about what Keycloak issued. */
    static JsonObject claims(String jwt) {
        String[] parts = jwt.split("\\.");
        return json(new String(Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8));
    }
}
