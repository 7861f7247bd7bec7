package org.escape.incident;

import java.util.List;

/**
 * What promoting an incident to an article may quote, read for one caller: the incident, its room
 * events (status and membership changes) and the chat messages the caller selected, all of which
 * the caller may read.
 */
public record PromotionSource(IncidentListing incident, List<TimelineEntry> events, List<TimelineEntry> quoted) {

    public PromotionSource {
        events = List.copyOf(events);
        quoted = List.copyOf(quoted);
    }
}
