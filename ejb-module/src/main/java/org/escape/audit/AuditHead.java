package org.escape.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The end of the chain: one row, locked by every append until its transaction ends. Holding it is
 * what makes sequence numbers gap-free and the chain linear when many transactions write at once.
 */
@Entity
@Table(name = "audit_head")
class AuditHead {

    static final int ID = 1;

    @Id
    private int id;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    @Column(name = "last_hash", nullable = false, length = 64)
    private String lastHash;

    protected AuditHead() {
        // for JPA
    }

    long lastSeq() {
        return lastSeq;
    }

    String lastHash() {
        return lastHash;
    }

    void advanceTo(AuditRecord record) {
        if (record.seq() != lastSeq + 1 || !record.prevHash().equals(lastHash)) {
            throw new IllegalStateException("audit record does not extend the chain");
        }
        this.lastSeq = record.seq();
        this.lastHash = record.hash();
    }
}
