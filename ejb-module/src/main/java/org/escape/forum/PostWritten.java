package org.escape.forum;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.escape.access.Label;

/**
 * A post was created or its body edited: fired inside the writing transaction so that the
 * notifications it causes commit (or roll back) with it.
 *
 * @param chain          the labels a reader must pass to read the post: forum, thread, post
 * @param mentions       usernames newly mentioned by this write (lower-case)
 * @param repliedToAuthor the author of the post replied to, or null
 */
public record PostWritten(UUID postId, UUID authorId, List<Label> chain, Set<String> mentions, UUID repliedToAuthor) {
}
