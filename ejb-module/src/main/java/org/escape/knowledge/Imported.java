package org.escape.knowledge;

import java.util.List;

/**
 * One article an import brings, before validation: the source object's id and web page, and the
 * content (the label is the import's).
 */
public record Imported(String sourceRef, String sourceUrl, String title, String summary, String body, List<String> tags,
                       List<ArticleReference> references) {
}
