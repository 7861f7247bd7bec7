package org.escape.incident;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.escape.access.Label;
import org.escape.access.Reader;
import org.escape.identity.Person;

/**
 * What live delivery reads from the store: who a connecting user is, a room's state, and the
 * entries it must replay or fill in. The application's implementation reads the database through
 * {@link IncidentService} and {@code UserDirectory}; tests drive {@link RoomRegistry} with an
 * in-memory one to check ordering and filtering against an oracle.
 */
interface RoomSource {

    /** A user allowed to hold sockets: enabled, with their current reader. */
    record Admission(Person person, Reader reader) {
    }

    /** The user's current admission, or empty when unknown or disabled. */
    Optional<Admission> admit(UUID userId);

    Optional<RoomState> roomState(UUID incidentId);

    /** Every entry with {@code after < seq < below}, ascending, unfiltered. */
    List<TimelineEntry> entriesBetween(UUID incidentId, long after, long below);

    /** Entries with {@code after < seq <= upTo} that {@code reader} may read by label, at most {@code limit}. */
    TimelinePage missedEntries(Reader reader, UUID incidentId, long after, long upTo, int limit);

    void recordSubscription(UUID userId, String username, UUID incidentId, Label label);

    /** The frame announcing a new notification to its recipient (with their current unread count). */
    Optional<String> notificationFrame(UUID recipientId, String kind);
}
