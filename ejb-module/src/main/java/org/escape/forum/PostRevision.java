package org.escape.forum;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.escape.access.Label;
import org.escape.platform.PersistentLabel;

/**
 * One state a post had: its body and label after a change, who made the change and why. Written
 * once, never updated: the history of a post, including what a deletion removed from view.
 *
 * <p>Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "forum_post_revision")
@IdClass(PostRevision.Key.class)
public class PostRevision {

    /** What made the revision. */
    public enum Kind { CREATED, EDITED, RELABELLED, DELETED, HIDDEN, UNHIDDEN }

    @Id
    @Column(name = "post_id", length = 36)
    private UUID postId;

    @Id
    @Column(name = "revision")
    private int revision;

    @Column(nullable = false, length = 16)
    private String kind;

    @Column(nullable = false, length = 65536)
    private String body;

    @Embedded
    private PersistentLabel label;

    @Column(name = "editor_id", nullable = false, length = 36)
    private UUID editorId;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(length = ForumLimits.REASON)
    private String note;

    protected PostRevision() {
        // for JPA
    }

    /** The revision {@code post} is at now; {@code body} is the content it holds (kept for deletions). */
    PostRevision(Post post, Kind kind, String body, UUID editorId, String note, Instant now) {
        this.postId = post.id();
        this.revision = post.revision();
        this.kind = kind.name();
        this.body = Objects.requireNonNull(body);
        this.label = PersistentLabel.of(post.label());
        this.editorId = Objects.requireNonNull(editorId);
        this.note = note;
        this.recordedAt = now;
    }

    public int revision() {
        return revision;
    }

    public Kind kind() {
        return Kind.valueOf(kind);
    }

    public String body() {
        return body;
    }

    public Label label() {
        return label.label();
    }

    public UUID editorId() {
        return editorId;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public String note() {
        return note;
    }

    /** The composite key (post, revision). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private UUID postId;
        private int revision;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && revision == key.revision && Objects.equals(postId, key.postId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(postId, revision);
        }
    }
}
