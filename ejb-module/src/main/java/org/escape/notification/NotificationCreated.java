package org.escape.notification;

import java.util.UUID;

/**
 * CDI event, fired in the transaction that stores a notification: the live channel observes it
 * after success and tells the recipient's open sockets.
 */
public record NotificationCreated(UUID recipientId, String kind) {
}
