package org.escape.web.forum;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.escape.forum.ThreadListing;
import org.escape.web.api.LabelView;
import org.escape.web.api.PersonView;

/** A thread as the API shows it (docs/api-forums.md). */
public record ThreadView(String id, String forumId, String forumName, String title, List<String> tags,
                         LabelView label, String marking, PersonView author, Instant createdAt,
                         Instant lastActivityAt, long postCount, long unreadCount, boolean pinned, boolean locked,
                         boolean hidden, String firstPostId) {

    static ThreadView of(ThreadListing listing) {
        var thread = listing.thread();
        UUID first = listing.firstPostId();
        return new ThreadView(thread.id().toString(), thread.forumId().toString(), listing.forumName(), thread.title(),
                thread.tags(), LabelView.of(thread.label()), thread.label().marking(), PersonView.of(listing.author()),
                thread.createdAt(), listing.lastActivityAt(), listing.postCount(), listing.unreadCount(),
                thread.pinned(), thread.locked(), thread.hidden(), first == null ? null : first.toString());
    }
}
