package org.escape.incident;

/** The result of a send: the stored message, and whether this send created it (false = a repeat of the clientId). */
public record PostedMessage(TimelineEntry message, boolean created) {
}
