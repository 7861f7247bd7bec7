package org.escape.knowledge;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.escape.access.Label;
import org.escape.platform.PersistentLabel;

/**
 * A knowledge-base article: its current content (the latest {@link ArticleRevision}), the rendered
 * HTML, and where it is in the workflow. The service checks who may do what; the entity only
 * keeps its fields consistent.
 *
 * <p>Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "article")
public class Article {

    /** Where an article came from. */
    public enum SourceKind { INCIDENT, STIX }

    @Id
    @Column(length = 36)
    private UUID id;

    @Column(nullable = false, length = ArticleInput.TITLE)
    private String title;

    @Column(nullable = false, length = ArticleInput.SUMMARY)
    private String summary;

    @Column(nullable = false, length = 262144)
    private String body;

    @Column(nullable = false, length = 2000000)
    private String html;

    @Column(nullable = false, length = 20000)
    private String tags;

    @Column(name = "refs", nullable = false, length = 100000)
    private String references;

    @Embedded
    private PersistentLabel label;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ArticleStatus status;

    @Column(name = "author_id", nullable = false, updatable = false, length = 36)
    private UUID authorId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(nullable = false)
    private int revision;

    @Column(name = "revised_by", nullable = false, length = 36)
    private UUID revisedBy;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "published_by", length = 36)
    private UUID publishedBy;

    @Column(name = "retired_at")
    private Instant retiredAt;

    @Column(name = "retired_reason", length = ArticleInput.COMMENT)
    private String retiredReason;

    @Column(name = "review_comment", length = ArticleInput.COMMENT)
    private String reviewComment;

    @Column(name = "review_by", length = 36)
    private UUID reviewBy;

    @Column(name = "review_at")
    private Instant reviewAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_kind", updatable = false, length = 16)
    private SourceKind sourceKind;

    @Column(name = "source_ref", updatable = false, length = 100)
    private String sourceRef;

    @Column(name = "source_url", length = ArticleInput.URL)
    private String sourceUrl;

    @Column(name = "stix_id", updatable = false, length = 100)
    private String stixId;

    @Version
    private long version;

    protected Article() {
        // for JPA
    }

    Article(ArticleContent content, String html, UUID authorId, ArticleStatus status, SourceKind sourceKind,
            String sourceRef, String sourceUrl, Instant now) {
        this.id = UUID.randomUUID();
        this.authorId = Objects.requireNonNull(authorId);
        this.status = Objects.requireNonNull(status);
        this.createdAt = now;
        this.sourceKind = sourceKind;
        this.sourceRef = sourceRef;
        this.sourceUrl = sourceUrl;
        this.stixId = sourceKind == SourceKind.STIX ? sourceRef : null;
        this.revision = 0;
        revise(content, html, authorId, now);
    }

    /** Replaces the content with a new revision's; returns the new revision number. */
    int revise(ArticleContent content, String newHtml, UUID editor, Instant now) {
        title = content.title();
        summary = content.summary();
        body = content.body();
        html = Objects.requireNonNull(newHtml);
        tags = ArticleInput.storeTags(content.tags());
        references = ArticleInput.storeReferences(content.references());
        label = PersistentLabel.of(content.label());
        revisedBy = editor;
        updatedAt = now;
        return ++revision;
    }

    /** Moves to {@code next}; the service has checked that the move and the actor are allowed. */
    void moveTo(ArticleStatus next, UUID actor, String comment, Instant now) {
        switch (next) {
            case IN_REVIEW -> {
                reviewComment = null;
                reviewBy = null;
                reviewAt = null;
            }
            case DRAFT -> {
                if (status == ArticleStatus.IN_REVIEW && comment != null && !actor.equals(authorId)) {
                    reviewComment = comment;
                    reviewBy = actor;
                    reviewAt = now;
                }
            }
            case PUBLISHED -> {
                publishedAt = now;
                publishedBy = actor;
                reviewComment = null;
                reviewBy = null;
                reviewAt = null;
            }
            case RETIRED -> {
                retiredAt = now;
                retiredReason = comment;
            }
        }
        status = next;
        updatedAt = now;
    }

    public ArticleContent content() {
        return new ArticleContent(title, summary, body, tags(), references(), label());
    }

    public UUID id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String summary() {
        return summary;
    }

    public String body() {
        return body;
    }

    public String html() {
        return html;
    }

    public List<String> tags() {
        return ArticleInput.loadTags(tags);
    }

    public List<ArticleReference> references() {
        return ArticleInput.loadReferences(references);
    }

    public Label label() {
        return label.label();
    }

    public ArticleStatus status() {
        return status;
    }

    public UUID authorId() {
        return authorId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public int revision() {
        return revision;
    }

    public UUID revisedBy() {
        return revisedBy;
    }

    public Optional<Instant> publishedAt() {
        return Optional.ofNullable(publishedAt);
    }

    public Optional<UUID> publishedBy() {
        return Optional.ofNullable(publishedBy);
    }

    public Optional<Instant> retiredAt() {
        return Optional.ofNullable(retiredAt);
    }

    public Optional<String> retiredReason() {
        return Optional.ofNullable(retiredReason);
    }

    public Optional<String> reviewComment() {
        return Optional.ofNullable(reviewComment);
    }

    public Optional<UUID> reviewBy() {
        return Optional.ofNullable(reviewBy);
    }

    public Optional<Instant> reviewAt() {
        return Optional.ofNullable(reviewAt);
    }

    public Optional<SourceKind> sourceKind() {
        return Optional.ofNullable(sourceKind);
    }

    public Optional<String> sourceRef() {
        return Optional.ofNullable(sourceRef);
    }

    public Optional<String> sourceUrl() {
        return Optional.ofNullable(sourceUrl);
    }
}
