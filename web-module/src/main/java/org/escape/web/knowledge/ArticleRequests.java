package org.escape.web.knowledge;

import java.util.List;
import org.escape.knowledge.ArticleReference;
import org.escape.web.api.LabelView;

/**
 * The request bodies of the knowledge-base API. Unknown fields ({@code status}, {@code author},
 * {@code revision}, …) are ignored: nothing but these fields is ever read.
 */
final class ArticleRequests {

    private ArticleRequests() {
    }

    /** {@code POST /articles} and {@code PUT /articles/{id}}. */
    public record ArticleBody(String title, String summary, String body, List<String> tags,
                              List<ArticleReference> references, LabelView label, Integer baseRevision, String comment) {
    }

    /** The workflow steps' optional or required comment. */
    public record Step(String comment) {
    }
}
