package org.escape.it;

import static org.escape.it.TestServers.BASE_URL;
import static org.escape.it.TestServers.getWithToken;
import static org.escape.it.TestServers.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail on the real server: writes and denials leave records, auditors (and only they)
 * can read and verify the chain, and a row changed or removed behind the application's back is
 * reported at exactly its sequence number.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditTrailIT {

    private static final String AUDIT = BASE_URL + "/api/v1/audit";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestServers.ear();
    }

    @Test
    void aMixedWorkloadLeavesAVerifiableChain() {
        for (String user : List.of("bashir", "chen", "deepa", "eve", "ops", "alice")) {
            assertEquals(200, getWithToken(BASE_URL + "/api/v1/me", Keycloak.accessToken(user)).statusCode());
        }
        String alice = Keycloak.accessToken("alice");
        assertEquals(403, getWithToken(AUDIT, alice).statusCode());
        assertEquals(403, getWithToken(AUDIT + "/verify", alice).statusCode());

        String auditor = Keycloak.accessToken("audrey");
        JsonObject provisioned = json(getWithToken(AUDIT + "?action=identity.user.provisioned&size=100", auditor).body());
        assertTrue(provisioned.getJsonNumber("total").longValue() >= 6, provisioned.toString());

        JsonObject verification = verify(auditor);
        assertTrue(verification.getBoolean("ok"), verification.toString());
        assertTrue(verification.getJsonNumber("entries").longValue() >= 8, verification.toString());
        assertTrue(verification.isNull("firstBrokenSeq"), verification.toString());
    }

    @Test
    void aDeniedRequestIsRecordedWithItsActor() {
        HttpResponse<String> refused = getWithToken(AUDIT + "/verify", Keycloak.accessToken("eve"));
        assertEquals(403, refused.statusCode());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

        JsonObject page = json(getWithToken(AUDIT + "?actor=eve&action=audit.verify&size=1",
                Keycloak.accessToken("audrey")).body());
        JsonObject newest = page.getJsonArray("items").getJsonObject(0);
        assertEquals("eve", newest.getString("actor"));
        assertEquals("DENIED", newest.getString("outcome"));
        assertEquals(64, newest.getString("hash").length());
        assertEquals(64, newest.getString("prevHash").length());
    }

    @Test
    void pagesAreNewestFirstAndLinkedByHash() {
        String auditor = Keycloak.accessToken("audrey");
        getWithToken(BASE_URL + "/api/v1/me", Keycloak.accessToken("bashir"));
        getWithToken(AUDIT, Keycloak.accessToken("bashir")); // a denial, so there are at least two records

        JsonObject page = json(getWithToken(AUDIT + "?size=2&page=0", auditor).body());
        assertEquals(2, page.getJsonArray("items").size());
        JsonObject newer = page.getJsonArray("items").getJsonObject(0);
        JsonObject older = page.getJsonArray("items").getJsonObject(1);
        assertEquals(older.getJsonNumber("seq").longValue() + 1, newer.getJsonNumber("seq").longValue());
        assertEquals(older.getString("hash"), newer.getString("prevHash"));
        assertTrue(page.getJsonNumber("total").longValue() >= 2);
    }

    @Test
    void badFiltersAreClearBadRequests() {
        String auditor = Keycloak.accessToken("audrey");
        HttpResponse<String> badSize = getWithToken(AUDIT + "?size=1000", auditor);
        assertEquals(400, badSize.statusCode(), badSize.body());
        HttpResponse<String> badTime = getWithToken(AUDIT + "?from=yesterday", auditor);
        assertEquals(400, badTime.statusCode(), badTime.body());
        assertEquals("from", json(badTime.body()).getJsonArray("errors").getJsonObject(0).getString("field"));
        HttpResponse<String> injection = getWithToken(AUDIT + "?actor=%27%20or%201%3D1%20--", auditor);
        assertEquals(200, injection.statusCode());
        assertEquals(0, json(injection.body()).getJsonNumber("total").longValue());
    }

    @Test
    void aRowChangedOrRemovedInTheDatabaseIsReportedAtItsSeq() throws SQLException {
        String auditor = Keycloak.accessToken("audrey");
        for (String user : List.of("chen", "eve")) {
            getWithToken(AUDIT, Keycloak.accessToken(user)); // two denials: the chain has a middle
        }
        assertTrue(verify(auditor).getBoolean("ok"));

        try (Connection db = database()) {
            long last = single(db, "select max(seq) from audit_record");
            long target = last - 1;
            String original = text(db, "select details from audit_record where seq = ?", target);

            update(db, "update audit_record set details = ? where seq = ?", "{\"tampered\":\"yes\"}", target);
            JsonObject changed = verify(auditor);
            assertFalse(changed.getBoolean("ok"), changed.toString());
            assertEquals(target, changed.getJsonNumber("firstBrokenSeq").longValue(), changed.toString());

            update(db, "update audit_record set details = ? where seq = ?", original, target);
            assertTrue(verify(auditor).getBoolean("ok"), "restoring the row restores the chain");

            // Remove the row (keeping a copy), then put it back.
            db.createStatement().execute("create table audit_copy as select * from audit_record where seq = " + target);
            update(db, "delete from audit_record where seq = ?", null, target);
            JsonObject removed = verify(auditor);
            assertFalse(removed.getBoolean("ok"));
            assertEquals(target, removed.getJsonNumber("firstBrokenSeq").longValue(), removed.toString());
            db.createStatement().execute("insert into audit_record select * from audit_copy");
            db.createStatement().execute("drop table audit_copy");
            assertTrue(verify(auditor).getBoolean("ok"), "restoring the row restores the chain");
        }
    }

    private static JsonObject verify(String token) {
        HttpResponse<String> response = getWithToken(AUDIT + "/verify", token);
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body());
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("escape.jdbcUrl"),
                System.getProperty("escape.jdbcUser"), System.getProperty("escape.jdbcPassword"));
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Connection db, String sql, long seq) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, seq);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void update(Connection db, String sql, String value, long seq) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            int index = 1;
            if (value != null) {
                statement.setString(index++, value);
            }
            statement.setLong(index, seq);
            assertEquals(1, statement.executeUpdate());
        }
    }
}
