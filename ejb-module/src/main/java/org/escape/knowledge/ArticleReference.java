package org.escape.knowledge;

/** A reference of an article: a title and an absolute http(s) URL (validated by {@link ArticleInput}). */
public record ArticleReference(String title, String url) {
}
