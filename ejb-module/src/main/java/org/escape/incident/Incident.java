package org.escape.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.escape.access.IncidentAccess;
import org.escape.access.Label;
import org.escape.platform.ConflictException;
import org.escape.platform.PersistentLabel;

/**
 * A labelled incident room. It hands out the per-incident sequence numbers of its timeline
 * ({@link #nextSeq}), which callers take only while holding the row's pessimistic lock, so seqs are
 * gap-free and commit in order. A CLOSED incident is read-only.
 *
 * <p>Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "incident")
public class Incident {

    @Id
    @Column(length = 36)
    private UUID id;

    @Column(nullable = false, length = IncidentInput.TITLE)
    private String title;

    @Column(nullable = false, length = IncidentInput.SUMMARY)
    private String summary;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private IncidentStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "access_mode", nullable = false, updatable = false, length = 16)
    private IncidentAccess access;

    @Embedded
    private PersistentLabel label;

    @Column(name = "created_by", nullable = false, updatable = false, length = 36)
    private UUID createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    @Version
    private long version;

    protected Incident() {
        // for JPA
    }

    Incident(String title, String summary, Severity severity, IncidentAccess access, Label label, UUID createdBy,
             Instant now) {
        this.id = UUID.randomUUID();
        this.title = Objects.requireNonNull(title);
        this.summary = Objects.requireNonNull(summary);
        this.severity = Objects.requireNonNull(severity);
        this.status = IncidentStatus.OPEN;
        this.access = Objects.requireNonNull(access);
        this.label = PersistentLabel.of(label);
        this.createdBy = Objects.requireNonNull(createdBy);
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The next timeline seq; only under the incident row's lock. */
    long nextSeq(Instant now) {
        lastSeq++;
        updatedAt = now;
        return lastSeq;
    }

    /** Moves to {@code next} or refuses with 409 naming the allowed moves. */
    void moveTo(IncidentStatus next) {
        if (!status.canMoveTo(next)) {
            throw new ConflictException(status == IncidentStatus.CLOSED
                    ? "This incident is closed: it is read-only."
                    : "An incident cannot move from " + status + " to " + next + "; allowed: " + status.moves() + ".");
        }
        status = next;
    }

    void requireOpenForChanges() {
        if (status == IncidentStatus.CLOSED) {
            throw new ConflictException("This incident is closed: it is read-only.");
        }
    }

    void describe(String newTitle, String newSummary, Severity newSeverity) {
        if (newTitle != null) {
            title = newTitle;
        }
        if (newSummary != null) {
            summary = newSummary;
        }
        if (newSeverity != null) {
            severity = newSeverity;
        }
    }

    /** Raises the label; the caller has checked W3 and audits the change. */
    void raiseLabel(Label raised) {
        label = PersistentLabel.of(raised);
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

    public Severity severity() {
        return severity;
    }

    public IncidentStatus status() {
        return status;
    }

    public IncidentAccess access() {
        return access;
    }

    public Label label() {
        return label.label();
    }

    public UUID createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long lastSeq() {
        return lastSeq;
    }
}
