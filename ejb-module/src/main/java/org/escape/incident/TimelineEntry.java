package org.escape.incident;

import java.time.Instant;
import java.util.UUID;
import org.escape.access.Label;
import org.escape.identity.Person;

/**
 * A timeline entry as it leaves the transaction: an immutable snapshot safe to hand to other threads
 * (socket fan-out) and to render.
 */
public record TimelineEntry(UUID id, UUID incidentId, long seq, TimelineKind kind, String clientId, Person author,
                            String body, String html, Label label, Instant createdAt) {

    static TimelineEntry of(ChatMessage message, Person author) {
        return new TimelineEntry(message.id(), message.incidentId(), message.seq(), message.kind(), message.clientId(),
                author, message.body(), message.html(), message.label(), message.createdAt());
    }
}
