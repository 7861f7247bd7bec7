package org.escape.audit;

import java.util.List;

/** One page of audit records, newest first, with the total number that match. */
public record AuditPage(List<AuditRecord> items, long total, int page, int size) {

    public AuditPage {
        items = List.copyOf(items);
    }
}
