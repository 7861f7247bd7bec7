package org.escape.web.forum;

import java.time.Instant;
import java.util.Locale;
import org.escape.forum.Post;
import org.escape.forum.PostListing;
import org.escape.web.api.LabelView;
import org.escape.web.api.PersonView;

/**
 * A post as the API shows it (docs/api-forums.md): {@code html} is the sanitized rendering; a
 * tombstone, or a hidden post shown to someone other than its author or a moderator, carries
 * empty content.
 */
public record PostView(String id, String threadId, PersonView author, String body, String html, LabelView label,
                       String marking, Instant createdAt, Instant editedAt, int revision, String replyTo,
                       boolean deleted, String deletedBy, boolean hidden, String hiddenReason, boolean canEdit,
                       boolean canDelete) {

    static PostView of(PostListing listing) {
        Post post = listing.post();
        boolean content = listing.showContent() && !post.deleted();
        return new PostView(post.id().toString(), post.threadId().toString(), PersonView.of(listing.author()),
                content ? post.body() : "", content ? post.html() : "", LabelView.of(post.label()),
                post.label().marking(), post.createdAt(), post.editedAt().orElse(null), post.revision(),
                listing.visibleReplyTo() == null ? null : listing.visibleReplyTo().toString(), post.deleted(),
                post.deletedBy().map(by -> by.name().toLowerCase(Locale.ROOT)).orElse(null), post.hidden(),
                post.hiddenReason().orElse(null), listing.canEdit(), listing.canDelete());
    }
}
