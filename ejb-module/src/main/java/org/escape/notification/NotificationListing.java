package org.escape.notification;

import java.util.UUID;
import org.escape.identity.Person;

/** A notification with what its recipient needs to show it: who acted, and where. */
public record NotificationListing(Notification notification, Person actor, UUID threadId, String threadTitle) {
}
