package org.escape.forum;

import java.util.UUID;
import org.escape.identity.Person;

/**
 * A post as one reader sees it.
 *
 * @param visibleReplyTo the post replied to, only when the reader may read it
 * @param showContent    false when the post is hidden and the reader is neither its author nor a moderator
 * @param canEdit        whether the reader may edit the body (the author, unless deleted)
 * @param canDelete      whether the reader may delete it (the author or a moderator, unless deleted)
 */
public record PostListing(Post post, Person author, UUID visibleReplyTo, boolean showContent, boolean canEdit,
                          boolean canDelete) {
}
