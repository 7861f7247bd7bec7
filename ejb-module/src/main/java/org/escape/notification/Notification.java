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
 * Something a user should look at: a mention of them or a reply to them. It points at the post;
 * whether the recipient may read that post is decided again at every read, never stored here.
 *
 * <p>Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "notification")
public class Notification {

    /** Why the recipient is told. */
    public enum Kind { MENTION, REPLY }

    @Id
    @Column(length = 36)
    private UUID id;

    @Column(name = "recipient_id", nullable = false, updatable = false, length = 36)
    private UUID recipientId;

    @Column(nullable = false, updatable = false, length = 16)
    private String kind;

    @Column(name = "actor_id", nullable = false, updatable = false, length = 36)
    private UUID actorId;

    @Column(name = "post_id", nullable = false, updatable = false, length = 36)
    private UUID postId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "read_at")
    private Instant readAt;

    protected Notification() {
        // for JPA
    }

    Notification(UUID recipientId, Kind kind, UUID actorId, UUID postId, Instant now) {
        this.id = UUID.randomUUID();
        this.recipientId = Objects.requireNonNull(recipientId);
        this.kind = kind.name();
        this.actorId = Objects.requireNonNull(actorId);
        this.postId = Objects.requireNonNull(postId);
        this.createdAt = now;
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

    public UUID postId() {
        return postId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> readAt() {
        return Optional.ofNullable(readAt);
    }
}
