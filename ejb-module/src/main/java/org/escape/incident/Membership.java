package org.escape.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A user's membership of an incident. It never outranks R1: a member whose clearance or country no
 * longer passes the incident's label is suspended (reads nothing, is not listed) until it does again.
 *
 * <p>Not thread-safe (a JPA entity).
 */
@Entity
@Table(name = "incident_member")
public class Membership {

    @Id
    @Column(length = 36)
    private UUID id;

    @Column(name = "incident_id", nullable = false, updatable = false, length = 36)
    private UUID incidentId;

    @Column(name = "user_id", nullable = false, updatable = false, length = 36)
    private UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private MemberRole role;

    @Column(name = "added_by", nullable = false, length = 36)
    private UUID addedBy;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    protected Membership() {
        // for JPA
    }

    Membership(UUID incidentId, UUID userId, MemberRole role, UUID addedBy, Instant now) {
        this.id = UUID.randomUUID();
        this.incidentId = Objects.requireNonNull(incidentId);
        this.userId = Objects.requireNonNull(userId);
        this.role = Objects.requireNonNull(role);
        this.addedBy = Objects.requireNonNull(addedBy);
        this.addedAt = now;
    }

    void changeRole(MemberRole newRole) {
        this.role = Objects.requireNonNull(newRole);
    }

    public UUID incidentId() {
        return incidentId;
    }

    public UUID userId() {
        return userId;
    }

    public MemberRole role() {
        return role;
    }

    public Instant addedAt() {
        return addedAt;
    }
}
