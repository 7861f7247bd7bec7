package org.escape.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One link of the audit chain, as stored. Immutable once written: the class has no setters and the
 * application never updates or deletes a row (tampering from outside is what verification finds).
 */
@Entity
@Table(name = "audit_record")
public class AuditRecord {

    @Id
    private long seq;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "actor_id", length = 36)
    private UUID actorId;

    @Column(name = "actor_name")
    private String actorName;

    @Column(nullable = false, length = 64)
    private String action;

    @Column(name = "object_type", length = 64)
    private String objectType;

    @Column(name = "object_id", length = 64)
    private String objectId;

    @Column(nullable = false, length = 16)
    private String outcome;

    @Column(nullable = false, length = AuditEvent.MAX_DETAILS_LENGTH)
    private String details;

    @Column(name = "prev_hash", nullable = false, length = 64)
    private String prevHash;

    @Column(nullable = false, length = 64)
    private String hash;

    protected AuditRecord() {
        // for JPA
    }

    AuditRecord(long seq, Instant recordedAt, AuditEvent event, String detailsJson, String prevHash) {
        this.seq = seq;
        this.recordedAt = recordedAt;
        this.actorId = event.actor().userId();
        this.actorName = event.actor().username();
        this.action = event.action();
        this.objectType = event.objectType();
        this.objectId = event.objectId();
        this.outcome = event.outcome().name();
        this.details = detailsJson;
        this.prevHash = prevHash;
        this.hash = AuditChain.hash(this);
    }

    public long seq() {
        return seq;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public UUID actorId() {
        return actorId;
    }

    public String actorName() {
        return actorName;
    }

    public String action() {
        return action;
    }

    public String objectType() {
        return objectType;
    }

    public String objectId() {
        return objectId;
    }

    public String outcome() {
        return outcome;
    }

    /** The details map as canonical JSON (keys sorted). */
    public String details() {
        return details;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }
}
