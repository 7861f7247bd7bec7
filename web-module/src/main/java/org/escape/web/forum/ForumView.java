package org.escape.web.forum;

import java.time.Instant;
import org.escape.forum.ForumListing;
import org.escape.web.api.LabelView;

/** A forum as the API shows it (docs/api-forums.md). */
public record ForumView(String id, String name, String description, LabelView label, String marking,
                        boolean archived, long threadCount, Instant lastActivityAt, Instant createdAt) {

    static ForumView of(ForumListing listing) {
        var forum = listing.forum();
        return new ForumView(forum.id().toString(), forum.name(), forum.description(), LabelView.of(forum.label()),
                forum.label().marking(), forum.archived(), listing.threadCount(), listing.lastActivityAt(),
                forum.createdAt());
    }
}
