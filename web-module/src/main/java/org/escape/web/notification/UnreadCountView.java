package org.escape.web.notification;

/** {@code {"unread": N}}. */
public record UnreadCountView(long unread) {
}
