package org.escape.notification;

import java.util.UUID;
import org.escape.identity.Person;

/**
 * A notification with what its recipient needs to show it: who acted, and where — a forum thread
 * (thread id and title), an incident (incident id, title and the message's seq) or an article (its title).
 */
public record NotificationListing(Notification notification, Person actor, UUID threadId, String threadTitle,
                                  UUID incidentId, String incidentTitle, Long seq,
                                  String articleTitle) {
}
