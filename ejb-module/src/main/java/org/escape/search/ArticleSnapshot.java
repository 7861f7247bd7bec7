package org.escape.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.escape.access.Label;

/**
 * What the index needs of an article, read in one transaction: plain values, so that
 * {@link ArticleDocuments} is a pure function with unit tests.
 *
 * @param status the workflow status name (DRAFT, IN_REVIEW, PUBLISHED, RETIRED)
 */
public record ArticleSnapshot(UUID id, String title, String summary, String body, List<String> tags, Label label,
                              String status, UUID authorId, Instant createdAt, Instant updatedAt) {

    public ArticleSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(authorId, "authorId");
        tags = List.copyOf(tags);
    }

    boolean published() {
        return "PUBLISHED".equals(status) || "RETIRED".equals(status);
    }
}
