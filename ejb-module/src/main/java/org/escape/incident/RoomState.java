package org.escape.incident;

import java.util.Set;
import java.util.UUID;
import org.escape.access.AccessRules;
import org.escape.access.IncidentAccess;
import org.escape.access.Label;
import org.escape.access.Reader;

/**
 * What live delivery needs to know about a room, as last read from the database. Immutable; the
 * registry replaces it whenever the room's label, status or membership changes.
 */
public record RoomState(UUID incidentId, Label label, IncidentAccess access, IncidentStatus status, long lastSeq,
                        Set<UUID> members) {

    /** R1 and membership for the room itself, by the one rule in {@code access}. */
    public boolean mayRead(UUID userId, Reader reader) {
        return AccessRules.mayReadIncident(reader, label, access, members.contains(userId));
    }

    /** R1 for one entry of the room. */
    public boolean mayRead(UUID userId, Reader reader, TimelineEntry entry) {
        return AccessRules.mayReadIncidentMessage(reader, label, access, members.contains(userId), entry.label());
    }
}
