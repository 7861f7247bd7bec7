package org.escape.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.escape.access.IncidentAccess;
import org.escape.access.Label;
import org.escape.access.Level;
import org.escape.platform.ConflictException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The incident life cycle as a table: every pair of statuses, allowed or 409. */
class IncidentStatusTest {

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
            "OPEN, OPEN, false", "OPEN, CONTAINED, true", "OPEN, RESOLVED, true", "OPEN, CLOSED, false",
            "CONTAINED, OPEN, true", "CONTAINED, CONTAINED, false", "CONTAINED, RESOLVED, true", "CONTAINED, CLOSED, false",
            "RESOLVED, OPEN, true", "RESOLVED, CONTAINED, false", "RESOLVED, RESOLVED, false", "RESOLVED, CLOSED, true",
            "CLOSED, OPEN, false", "CLOSED, CONTAINED, false", "CLOSED, RESOLVED, false", "CLOSED, CLOSED, false"})
    void transitions(IncidentStatus from, IncidentStatus to, boolean allowed) {
        assertEquals(allowed, from.canMoveTo(to));
        Incident incident = incidentIn(from);
        if (allowed) {
            incident.moveTo(to);
            assertEquals(to, incident.status());
        } else {
            ConflictException refused = assertThrows(ConflictException.class, () -> incident.moveTo(to));
            assertEquals(from, incident.status());
            assertEquals(from == IncidentStatus.CLOSED, refused.getMessage().contains("read-only"), refused.getMessage());
        }
    }

    private static Incident incidentIn(IncidentStatus status) {
        Incident incident = new Incident("t", "s", Severity.LOW, IncidentAccess.MEMBERS,
                Label.releasableToAll(Level.RESTRICTED), java.util.UUID.randomUUID(), java.time.Instant.now());
        switch (status) {
            case OPEN -> { }
            case CONTAINED -> incident.moveTo(IncidentStatus.CONTAINED);
            case RESOLVED -> incident.moveTo(IncidentStatus.RESOLVED);
            case CLOSED -> {
                incident.moveTo(IncidentStatus.RESOLVED);
                incident.moveTo(IncidentStatus.CLOSED);
            }
        }
        return incident;
    }
}
