package org.escape.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.escape.access.Level;
import org.escape.access.Role;
import org.junit.jupiter.api.Test;

class KeycloakAdminClientTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void aUserRepresentationBecomesASnapshot() {
        JsonObject raw = json("""
                {"id":"5d1","username":"chen","firstName":"Chen","lastName":"Wei","enabled":true,
                 "attributes":{"country":["MYS"],"clearance":["RESTRICTED"],"other":["x"]}}""");

        KeycloakUser user = KeycloakAdminClient.toUser(raw, List.of("member", "default-roles-escape"));

        assertEquals("5d1", user.id());
        assertEquals("chen", user.username());
        assertEquals("Chen Wei", user.displayName());
        assertEquals(new AccessState("MYS", Level.RESTRICTED, Set.of(Role.MEMBER), true), user.access());
    }

    @Test
    void aUserWithoutAttributesOrEnabledFlagGetsTheLeast() {
        KeycloakUser user = KeycloakAdminClient.toUser(json("{\"id\":\"1\",\"username\":\"u\"}"), List.of("admin"));

        assertEquals(new AccessState(null, Level.UNCLASSIFIED, Set.of(Role.ADMIN), false), user.access());
    }
}
