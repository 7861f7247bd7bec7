package org.escape.forum;

import java.time.Instant;

/**
 * A forum as one reader sees it: the counts and the last activity cover only the threads and
 * posts that reader may read.
 *
 * @param lastActivityAt null when nothing readable is inside
 */
public record ForumListing(Forum forum, long threadCount, Instant lastActivityAt) {
}
