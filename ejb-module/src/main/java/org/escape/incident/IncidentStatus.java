package org.escape.incident;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of an incident: OPEN → CONTAINED → RESOLVED → CLOSED, with the moves responders need in
 * practice (containment failed: back to OPEN; a false alarm: OPEN straight to RESOLVED; reopen from
 * RESOLVED). CLOSED is final and read-only.
 */
public enum IncidentStatus {
    OPEN, CONTAINED, RESOLVED, CLOSED;

    private static final Map<IncidentStatus, Set<IncidentStatus>> MOVES = Map.of(
            OPEN, EnumSet.of(CONTAINED, RESOLVED),
            CONTAINED, EnumSet.of(OPEN, RESOLVED),
            RESOLVED, EnumSet.of(CLOSED, OPEN),
            CLOSED, EnumSet.noneOf(IncidentStatus.class));

    /** Whether the incident may move from this status to {@code next}. */
    public boolean canMoveTo(IncidentStatus next) {
        return MOVES.get(this).contains(next);
    }

    /** The statuses reachable in one move, for messages and the UI. */
    public Set<IncidentStatus> moves() {
        return MOVES.get(this);
    }
}
