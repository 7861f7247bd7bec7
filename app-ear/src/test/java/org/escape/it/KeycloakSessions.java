package org.escape.it;

import static org.escape.it.TestServers.KEYCLOAK_URL;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.StringReader;

/** Asks Keycloak's admin API how many sessions a user has: the ground truth for sign-out. */
final class KeycloakSessions {

    private KeycloakSessions() {
    }

    static int count(String username) {
        String admin = Keycloak.adminToken();
        String users = KEYCLOAK_URL + "/admin/realms/escape/users";
        JsonArray found = array(TestServers.getWithToken(users + "?exact=true&username=" + username, admin).body());
        String id = found.getJsonObject(0).getString("id");
        return array(TestServers.getWithToken(users + "/" + id + "/sessions", admin).body()).size();
    }

    private static JsonArray array(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readArray();
        }
    }

}
