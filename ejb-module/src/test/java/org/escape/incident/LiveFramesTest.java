package org.escape.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.escape.access.Label;
import org.escape.access.Level;
import org.escape.identity.Person;
import org.junit.jupiter.api.Test;

/** The live channel writes only documented fields, with JSON escaping of everything users typed. */
class LiveFramesTest {

    private final TimelineEntry entry = new TimelineEntry(UUID.randomUUID(), UUID.randomUUID(), 7, TimelineKind.MESSAGE,
            "c-1", new Person(UUID.randomUUID(), "al\"ice", "Alice </script>", "GBR"), "**hi** \"quoted\"\n",
            "<p><strong>hi</strong></p>", Label.of(Level.SECRET, "KEN", "GBR"), Instant.parse("2026-12-02T01:00:00Z"));

    @Test
    void aMessageCarriesExactlyTheDocumentedFields() {
        JsonObject frame = parse(LiveFrames.message(entry));
        assertEquals(Set.of("type", "incident", "message"), frame.keySet());
        JsonObject message = frame.getJsonObject("message");
        assertEquals(Set.of("id", "incidentId", "seq", "clientId", "kind", "author", "body", "html", "label", "marking",
                "createdAt"), message.keySet());
        assertEquals(Set.of("id", "username", "displayName", "country"), message.getJsonObject("author").keySet());
        assertEquals("SECRET//REL TO GBR, KEN", message.getString("marking"));
        assertEquals(List.of("GBR", "KEN"), message.getJsonObject("label").getJsonArray("releasableTo")
                .getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("al\"ice", message.getJsonObject("author").getString("username"));
        assertEquals("**hi** \"quoted\"\n", message.getString("body"));
    }

    @Test
    void timelineEventsHaveANullClientId() {
        TimelineEntry event = new TimelineEntry(UUID.randomUUID(), UUID.randomUUID(), 1, TimelineKind.STATUS, null,
                entry.author(), "OPEN → CONTAINED", "<p>OPEN → CONTAINED</p>", entry.label(), entry.createdAt());
        assertTrue(LiveFrames.entry(event).isNull("clientId"));
    }

    @Test
    void errorsNameTheirCodeAndReference() {
        JsonObject error = parse(LiveFrames.error("invalid", "body must not be empty.", "c-9", null));
        assertEquals(Set.of("type", "code", "message", "ref", "incident"), error.keySet());
        assertEquals("c-9", error.getString("ref"));
        assertTrue(error.isNull("incident"));
    }

    @Test
    void presenceListsPeopleWithoutClearances() {
        JsonObject presence = parse(LiveFrames.presence(entry.incidentId(), List.of(entry.author())));
        assertEquals(Set.of("id", "username", "displayName", "country"),
                presence.getJsonArray("online").getJsonObject(0).keySet());
    }

    private static JsonObject parse(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
