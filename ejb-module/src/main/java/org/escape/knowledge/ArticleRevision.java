package org.escape.knowledge;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.escape.platform.PersistentLabel;

/** One saved state of an article, kept forever: who saved what, when, and why. Immutable once stored. */
@Entity
@Table(name = "article_revision")
@IdClass(ArticleRevision.Key.class)
public class ArticleRevision {

    /** How a revision came about. */
    public enum Kind { CREATED, EDITED, RELABELLED, IMPORTED, PROMOTED }

    /** The composite key: article and revision number. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private UUID articleId;
        private int number;

        public Key() {
        }

        public Key(UUID articleId, int number) {
            this.articleId = articleId;
            this.number = number;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(articleId, k.articleId) && number == k.number;
        }

        @Override
        public int hashCode() {
            return Objects.hash(articleId, number);
        }
    }

    @Id
    @Column(name = "article_id", length = 36)
    private UUID articleId;

    @Id
    @Column(name = "number")
    private int number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Kind kind;

    @Column(nullable = false, length = ArticleInput.TITLE)
    private String title;

    @Column(nullable = false, length = ArticleInput.SUMMARY)
    private String summary;

    @Column(nullable = false, length = 262144)
    private String body;

    @Column(nullable = false, length = 20000)
    private String tags;

    @Column(name = "refs", nullable = false, length = 100000)
    private String references;

    @Embedded
    private PersistentLabel label;

    @Column(name = "editor_id", nullable = false, length = 36)
    private UUID editorId;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(length = ArticleInput.COMMENT)
    private String note;

    protected ArticleRevision() {
        // for JPA
    }

    ArticleRevision(Article article, Kind kind, UUID editorId, String note, Instant now) {
        ArticleContent content = article.content();
        this.articleId = article.id();
        this.number = article.revision();
        this.kind = Objects.requireNonNull(kind);
        this.title = content.title();
        this.summary = content.summary();
        this.body = content.body();
        this.tags = ArticleInput.storeTags(content.tags());
        this.references = ArticleInput.storeReferences(content.references());
        this.label = PersistentLabel.of(content.label());
        this.editorId = Objects.requireNonNull(editorId);
        this.recordedAt = now;
        this.note = note == null || note.isEmpty() ? null : note;
    }

    public ArticleContent content() {
        return new ArticleContent(title, summary, body, ArticleInput.loadTags(tags),
                ArticleInput.loadReferences(references), label.label());
    }

    public UUID articleId() {
        return articleId;
    }

    public int number() {
        return number;
    }

    public Kind kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public org.escape.access.Label label() {
        return label.label();
    }

    public UUID editorId() {
        return editorId;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public Optional<String> note() {
        return Optional.ofNullable(note);
    }
}
