package org.escape.search;

import java.util.Objects;
import java.util.UUID;

/**
 * What the index must re-read about an incident: the whole incident (and every message), or one
 * new message.
 *
 * @param messageId null for the whole incident
 */
public record IncidentChanged(UUID incidentId, UUID messageId) {

    public IncidentChanged {
        Objects.requireNonNull(incidentId, "incidentId");
    }

    static IncidentChanged whole(UUID incidentId) {
        return new IncidentChanged(incidentId, null);
    }

    static IncidentChanged message(UUID incidentId, UUID messageId) {
        return new IncidentChanged(incidentId, Objects.requireNonNull(messageId));
    }
}
