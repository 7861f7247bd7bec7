package org.escape.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Something a user should look at: a mention of them or a reply to them. It points at the forum
 * post or the chat message; whether the recipient may read it is decided again at every read, never stored here.
 *
 * <p>Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "notification")
public class Notification {

    /** Why the recipient is told. */
    public enum Kind { MENTION, REPLY, REVIEW_REQUESTED, ARTICLE_PUBLISHED, ARTICLE_SENT_BACK }

    @Id
    @Column(length = 36)
    private UUID id;

    @Column(name = "recipient_id", nullable = false, updatable = false, length = 36)
    private UUID recipientId;

    @Column(nullable = false, updatable = false, length = 32)
    private String kind;

    @Column(name = "actor_id", nullable = false, updatable = false, length = 36)
    private UUID actorId;

    @Column(name = "post_id", updatable = false, length = 36)
    private UUID postId;

    @Column(name = "message_id", updatable = false, length = 36)
    private UUID messageId;

    @Column(name = "article_id", updatable = false, length = 36)
    private UUID articleId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "read_at")
    private Instant readAt;

    protected Notification() {
        // for JPA
    }

    private Notification(UUID recipientId, Kind kind, UUID actorId, UUID postId, UUID messageId, Instant now) {
        this.id = UUID.randomUUID();
        this.recipientId = Objects.requireNonNull(recipientId);
        this.kind = kind.name();
        this.actorId = Objects.requireNonNull(actorId);
        this.postId = postId;
        this.messageId = messageId;
        this.createdAt = now;
    }

    static Notification aboutPost(UUID recipientId, Kind kind, UUID actorId, UUID postId, Instant now) {
        return new Notification(recipientId, kind, actorId, Objects.requireNonNull(postId), null, now);
    }

    static Notification aboutArticle(UUID recipientId, Kind kind, UUID actorId, UUID articleId, Instant now) {
        Notification n = new Notification(recipientId, kind, actorId, null, null, now);
        n.articleId = Objects.requireNonNull(articleId);
        return n;
    }

    static Notification aboutMessage(UUID recipientId, Kind kind, UUID actorId, UUID messageId, Instant now) {
        return new Notification(recipientId, kind, actorId, null, Objects.requireNonNull(messageId), now);
    }

    void markRead(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    public UUID id() {
        return id;
    }

    public UUID recipientId() {
        return recipientId;
    }

    public Kind kind() {
        return Kind.valueOf(kind);
    }

    public UUID actorId() {
        return actorId;
    }

    /** The forum post it is about, or null when it is about a chat message. */
    public UUID postId() {
        return postId;
    }

    /** The knowledge-base article it is about, or null. */
    public UUID articleId() {
        return articleId;
    }

    /** The chat message it is about, or null when it is about a forum post. */
    public UUID messageId() {
        return messageId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> readAt() {
        return Optional.ofNullable(readAt);
    }
}
