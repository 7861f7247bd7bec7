package org.escape.knowledge;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** One step of an article's workflow: who moved it, when, with what comment, at which revision. Immutable. */
@Entity
@Table(name = "article_review")
public class ArticleReview {

    /** The workflow steps (docs/api-articles.md). */
    public enum Action { SUBMITTED, WITHDRAWN, SENT_BACK, PUBLISHED, RETIRED }

    @Id
    @Column(length = 36)
    private UUID id;

    @Column(name = "article_id", nullable = false, updatable = false, length = 36)
    private UUID articleId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private Action action;

    @Column(name = "actor_id", nullable = false, updatable = false, length = 36)
    private UUID actorId;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(length = ArticleInput.COMMENT, updatable = false)
    private String note;

    @Column(nullable = false, updatable = false)
    private int revision;

    protected ArticleReview() {
        // for JPA
    }

    ArticleReview(Article article, Action action, UUID actorId, String note, Instant now) {
        this.id = UUID.randomUUID();
        this.articleId = article.id();
        this.action = Objects.requireNonNull(action);
        this.actorId = Objects.requireNonNull(actorId);
        this.recordedAt = now;
        this.note = note == null || note.isEmpty() ? null : note;
        this.revision = article.revision();
    }

    public Action action() {
        return action;
    }

    public UUID actorId() {
        return actorId;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public Optional<String> note() {
        return Optional.ofNullable(note);
    }

    public int revision() {
        return revision;
    }
}
