package org.escape.web.audit;

import org.escape.audit.AuditRecord;

/** One audit record as auditors see it (the details map stays server-side in this view). */
public record AuditEntryView(long seq, String at, String actor, String action, String objectType, String objectId,
                             String outcome, String hash, String prevHash) {

    static AuditEntryView of(AuditRecord record) {
        return new AuditEntryView(record.seq(), record.recordedAt().toString(), record.actorName(), record.action(),
                record.objectType(), record.objectId(), record.outcome(), record.hash(), record.prevHash());
    }
}
