package org.escape.knowledge;

import java.util.UUID;

/**
 * Fired in the writing transaction when an article moves in its workflow, for notifications: review
 * requested (to moderators), published and sent back (to the author). Whether a recipient may read
 * the article is decided by the observer, for the recipient.
 */
public record ArticleReviewed(UUID articleId, ArticleReview.Action action, UUID actorId, UUID authorId) {
}
