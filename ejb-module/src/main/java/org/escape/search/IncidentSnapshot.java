package org.escape.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.escape.access.IncidentAccess;
import org.escape.access.Label;

/**
 * What the index needs of an incident and its chat messages, read in one transaction: plain
 * values, so that {@link IncidentDocuments} is a pure function with unit tests. Timeline events
 * (status, membership) are not searchable content and are not included.
 *
 * @param messages the messages to (re)index: all of the incident's, or only the one that changed
 */
public record IncidentSnapshot(UUID id, String title, String summary, String severity, String status,
                               IncidentAccess access, Label label, Instant createdAt, Instant updatedAt,
                               List<MessageSnapshot> messages) {

    public IncidentSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(label, "label");
        messages = List.copyOf(messages);
    }

    /** One chat message as the index sees it. */
    public record MessageSnapshot(UUID id, long seq, String body, Label label, Instant createdAt) {
    }
}
