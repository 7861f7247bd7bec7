package org.escape.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.escape.access.Label;
import org.escape.platform.PersistentLabel;

/**
 * One entry of an incident's timeline: a chat message or an event (status, membership, creation,
 * update). Immutable once written; {@code seq} is the incident's, {@code clientId} makes an author's
 * sends idempotent.
 *
 * <p>Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "chat_message")
public class ChatMessage {

    @Id
    @Column(length = 36)
    private UUID id;

    @Column(name = "incident_id", nullable = false, updatable = false, length = 36)
    private UUID incidentId;

    @Column(nullable = false, updatable = false)
    private long seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private TimelineKind kind;

    @Column(name = "client_id", updatable = false, length = IncidentInput.CLIENT_ID)
    private String clientId;

    @Column(name = "author_id", nullable = false, updatable = false, length = 36)
    private UUID authorId;

    @Column(nullable = false, updatable = false, length = 65536)
    private String body;

    @Column(nullable = false, updatable = false, length = 1_000_000)
    private String html;

    @Embedded
    private PersistentLabel label;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected ChatMessage() {
        // for JPA
    }

    ChatMessage(UUID incidentId, long seq, TimelineKind kind, String clientId, UUID authorId, String body, String html,
                Label label, Instant now) {
        this.id = UUID.randomUUID();
        this.incidentId = Objects.requireNonNull(incidentId);
        this.seq = seq;
        this.kind = Objects.requireNonNull(kind);
        this.clientId = clientId;
        this.authorId = Objects.requireNonNull(authorId);
        this.body = Objects.requireNonNull(body);
        this.html = Objects.requireNonNull(html);
        this.label = PersistentLabel.of(label);
        this.createdAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public long seq() {
        return seq;
    }

    public TimelineKind kind() {
        return kind;
    }

    public String clientId() {
        return clientId;
    }

    public UUID authorId() {
        return authorId;
    }

    public String body() {
        return body;
    }

    public String html() {
        return html;
    }

    public Label label() {
        return label.label();
    }

    public Instant createdAt() {
        return createdAt;
    }
}
