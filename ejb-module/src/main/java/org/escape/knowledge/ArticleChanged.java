package org.escape.knowledge;

import java.util.UUID;

/** Fired in the writing transaction whenever an article's content, label or status changes (for the search index). */
public record ArticleChanged(UUID articleId) {
}
