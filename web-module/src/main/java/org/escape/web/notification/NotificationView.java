package org.escape.web.notification;

import java.time.Instant;
import org.escape.notification.NotificationListing;
import org.escape.web.api.PersonView;

/** A notification as the API shows it (docs/api-forums.md). */
public record NotificationView(String id, String kind, Instant createdAt, boolean read, PersonView actor,
                               PostRef post) {

    /** Where the notification points. */
    public record PostRef(String id, String threadId, String threadTitle) {
    }

    static NotificationView of(NotificationListing listing) {
        var n = listing.notification();
        return new NotificationView(n.id().toString(), n.kind().name(), n.createdAt(), n.readAt().isPresent(),
                PersonView.of(listing.actor()),
                new PostRef(n.postId().toString(), listing.threadId().toString(), listing.threadTitle()));
    }
}
