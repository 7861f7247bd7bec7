package org.escape.knowledge;

import java.util.List;
import org.escape.access.Label;

/**
 * An article as a user sent it, before validation; any field may be null.
 *
 * @param baseRevision for an edit, the revision the user started from; ignored on create
 * @param comment      for an edit, the revision's note
 */
public record ArticleDraft(String title, String summary, String body, List<String> tags,
                           List<ArticleReference> references, Label label, Integer baseRevision, String comment) {
}
