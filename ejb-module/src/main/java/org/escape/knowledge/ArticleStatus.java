package org.escape.knowledge;

/** Where an article is in its publication workflow (docs/api-articles.md). */
public enum ArticleStatus {
    DRAFT, IN_REVIEW, PUBLISHED, RETIRED;

    /** Published and retired articles are read by everyone who passes R1; the others by their author and moderators. */
    public boolean isPublic() {
        return this == PUBLISHED || this == RETIRED;
    }
}
