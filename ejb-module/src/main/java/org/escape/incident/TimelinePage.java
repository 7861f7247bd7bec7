package org.escape.incident;

import java.util.List;

/** A slice of a timeline a reader may see, ascending by seq, with the incident's latest seq. */
public record TimelinePage(List<TimelineEntry> items, long latestSeq, boolean hasMore) {
}
