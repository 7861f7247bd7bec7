package org.escape.knowledge;

import java.util.List;
import java.util.Objects;
import org.escape.access.Label;

/**
 * What a revision of an article says: everything a save can change. Validated values only
 * ({@link ArticleInput}); two contents are equal when a save would change nothing.
 */
public record ArticleContent(String title, String summary, String body, List<String> tags,
                             List<ArticleReference> references, Label label) {

    public ArticleContent {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(body, "body");
        tags = List.copyOf(tags);
        references = List.copyOf(references);
        Objects.requireNonNull(label, "label");
    }

    /** The same content under another label. */
    public ArticleContent withLabel(Label raised) {
        return new ArticleContent(title, summary, body, tags, references, raised);
    }
}
