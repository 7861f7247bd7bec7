package org.escape.web.notification;

import java.time.Instant;
import org.escape.notification.NotificationListing;
import org.escape.web.api.PersonView;

/** A notification as the API shows it (docs/api-forums.md). */
public record NotificationView(String id, String kind, Instant createdAt, boolean read, PersonView actor,
                               PostRef post, MessageRef message, ArticleRef article) {

    /** A forum post the notification points at. */
    public record PostRef(String id, String threadId, String threadTitle) {
    }

    /** A chat message the notification points at (docs/api-incidents.md). */
    public record MessageRef(String id, String incidentId, String incidentTitle, long seq) {
    }

    /** A knowledge-base article the notification points at (docs/api-articles.md). */
    public record ArticleRef(String id, String title) {
    }

    static NotificationView of(NotificationListing listing) {
        var n = listing.notification();
        return new NotificationView(n.id().toString(), n.kind().name(), n.createdAt(), n.readAt().isPresent(),
                PersonView.of(listing.actor()),
                n.postId() == null ? null
                        : new PostRef(n.postId().toString(), listing.threadId().toString(), listing.threadTitle()),
                n.messageId() == null ? null
                        : new MessageRef(n.messageId().toString(), listing.incidentId().toString(), listing.incidentTitle(),
                                listing.seq()),
                n.articleId() == null ? null : new ArticleRef(n.articleId().toString(), listing.articleTitle()));
    }
}
