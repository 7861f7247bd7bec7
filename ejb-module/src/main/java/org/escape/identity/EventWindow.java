package org.escape.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the next admin-event poll starts, and which events it has already handled.
 *
 * <p>Keycloak stamps an event when it is created but it becomes visible only when its transaction
 * commits, so an event may appear later than a younger one. Each poll therefore asks again from
 * {@code overlap} milliseconds before the newest event seen, and drops the events it already
 * handled by their key. Re-handling an event would be harmless (it only re-reads a user), but
 * would cost a Keycloak call per poll.
 *
 * <p>Not thread-safe; identity sync calls it from one timer callback at a time.
 */
public final class EventWindow {

    private final long overlapMillis;
    private long newest;
    private final Map<String, Long> handled = new HashMap<>();

    /**
     * @param startMillis   the first poll's starting time, epoch milliseconds
     * @param overlapMillis how far back each poll looks again
     */
    public EventWindow(long startMillis, long overlapMillis) {
        this.newest = startMillis;
        this.overlapMillis = overlapMillis;
    }

    /** The {@code dateFrom} for the next poll (inclusive). */
    public long from() {
        return Math.max(0, newest - overlapMillis);
    }

    /**
     * Takes a poll's answer: returns the events not handled before, oldest first, and remembers
     * them as handled.
     */
    public List<AdminEvent> accept(Collection<AdminEvent> events) {
        List<AdminEvent> fresh = new ArrayList<>();
        for (AdminEvent event : events) {
            if (handled.putIfAbsent(event.key(), event.time()) == null) {
                fresh.add(event);
                newest = Math.max(newest, event.time());
            }
        }
        long horizon = from();
        handled.values().removeIf(time -> time < horizon);
        fresh.sort(Comparator.comparingLong(AdminEvent::time));
        return fresh;
    }
}
