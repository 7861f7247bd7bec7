package org.escape.web.audit;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.escape.audit.AuditVerification;

/** The verification result as API.md defines it: {@code firstBrokenSeq} is present, null when intact. */
@JsonbNillable
@JsonbPropertyOrder({"ok", "entries", "firstBrokenSeq"})
public record AuditVerificationView(boolean ok, long entries, Long firstBrokenSeq) {

    static AuditVerificationView of(AuditVerification verification) {
        return new AuditVerificationView(verification.ok(), verification.entries(), verification.firstBrokenSeq());
    }
}
