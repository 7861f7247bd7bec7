package org.escape.incident;

/**
 * CDI event: a timeline entry was written. Fired inside the writing transaction; live delivery
 * observes it {@code AFTER_SUCCESS}, so nothing uncommitted is ever pushed.
 *
 * @param entry       the entry
 * @param roomChanged whether the incident's label, status or membership changed with it (the room's
 *                    state must be re-read and its subscriptions re-checked)
 */
public record TimelineCommitted(TimelineEntry entry, boolean roomChanged) {
}
