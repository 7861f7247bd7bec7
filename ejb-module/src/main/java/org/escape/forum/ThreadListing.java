package org.escape.forum;

import java.time.Instant;
import java.util.UUID;
import org.escape.identity.Person;

/**
 * A thread as one reader sees it: counts, unread posts and last activity cover only posts that
 * reader may read; {@code firstPostId} is null when the first post is above them.
 */
public record ThreadListing(ForumThread thread, String forumName, Person author, long postCount, long unreadCount,
                            Instant lastActivityAt, UUID firstPostId) {
}
