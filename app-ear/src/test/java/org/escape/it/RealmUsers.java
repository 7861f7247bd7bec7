package org.escape.it;

import static org.escape.it.TestServers.KEYCLOAK_URL;
import static org.escape.it.TestServers.json;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Throw-away users of the test realm, created through Keycloak's admin API with whatever country,
 * clearance and roles a test needs (password = username, like the demo users) and deleted again by
 * {@link #deleteAll()}. A {@code null} country creates a user without one.
 */
final class RealmUsers {

    static final String ADMIN = KEYCLOAK_URL + "/admin/realms/" + TestServers.REALM;

    private static String adminToken;
    private static long adminTokenAt;

    private final List<String> created = Collections.synchronizedList(new ArrayList<>());

    /** A user of the realm: Keycloak id and username. */
    record RealmUser(String id, String username) {
    }

    RealmUser create(String username, String firstName, String lastName, String country, String clearance,
            Collection<String> roles) {
        HttpResponse<String> response = tryCreate(username, firstName, lastName, country, clearance);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused user " + username + ": " + response.statusCode() + " "
                    + response.body());
        }
        RealmUser user = find(username);
        for (String role : roles) {
            JsonObject representation = json(admin("GET", ADMIN + "/roles/" + role, null, 200));
            admin("POST", ADMIN + "/users/" + user.id() + "/role-mappings/realm",
                    Json.createArrayBuilder().add(representation).build().toString(), 204);
        }
        return user;
    }

    /** Asks Keycloak to create the user and answers what it said (its user profile validates names). */
    HttpResponse<String> tryCreate(String username, String firstName, String lastName, String country,
            String clearance) {
        JsonObjectBuilder attributes = Json.createObjectBuilder()
                .add("clearance", Json.createArrayBuilder().add(clearance));
        if (country != null) {
            attributes.add("country", Json.createArrayBuilder().add(country));
        }
        JsonObject representation = Json.createObjectBuilder()
                .add("username", username).add("enabled", true).add("emailVerified", true)
                .add("email", username + "@it.invalid").add("firstName", firstName).add("lastName", lastName)
                .add("attributes", attributes)
                .add("credentials", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", "password").add("value", username).add("temporary", false)))
                .build();
        HttpResponse<String> response = TestServers.sendJson("POST", ADMIN + "/users", token(),
                representation.toString());
        if (response.statusCode() == 201) {
            created.add(find(username).id());
        }
        return response;
    }

    RealmUser find(String username) {
        String body = admin("GET", ADMIN + "/users?exact=true&username=" + username, null, 200);
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonArray found = reader.readArray();
            return new RealmUser(found.getJsonObject(0).getString("id"), username);
        }
    }

    /** Sets one attribute (country, clearance) of a user, as an identity administrator would. */
    void setAttribute(RealmUser user, String name, String value) {
        JsonObject current = json(admin("GET", ADMIN + "/users/" + user.id(), null, 200));
        JsonObject attributes = Json.createObjectBuilder(current.getJsonObject("attributes"))
                .add(name, Json.createArrayBuilder().add(value)).build();
        admin("PUT", ADMIN + "/users/" + user.id(),
                Json.createObjectBuilder(current).add("attributes", attributes).build().toString(), 204);
    }

    /** Enables or disables a user, as an identity administrator would. */
    void setEnabled(RealmUser user, boolean enabled) {
        JsonObject current = json(admin("GET", ADMIN + "/users/" + user.id(), null, 200));
        admin("PUT", ADMIN + "/users/" + user.id(),
                Json.createObjectBuilder(current).add("enabled", enabled).build().toString(), 204);
    }

    void deleteAll() {
        for (String id : List.copyOf(created)) {
            TestServers.sendJson("DELETE", ADMIN + "/users/" + id, token(), null);
        }
        created.clear();
    }

    private static String admin(String method, String url, String body, int expected) {
        HttpResponse<String> response = TestServers.sendJson(method, url, token(), body);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }

    /** The master realm's admin token lives 60 s: reuse it for 30. */
    private static synchronized String token() {
        if (adminToken == null || System.currentTimeMillis() - adminTokenAt > 30_000) {
            adminToken = Keycloak.adminToken();
            adminTokenAt = System.currentTimeMillis();
        }
        return adminToken;
    }
}
