package org.escape.web.incident;

import java.time.Instant;
import org.escape.incident.IncidentListing;
import org.escape.web.api.LabelView;
import org.escape.web.api.PersonView;

/** An incident as the API shows it (docs/api-incidents.md). */
public record IncidentView(String id, String title, String summary, String severity, String status, String access,
                           LabelView label, String marking, PersonView createdBy, Instant createdAt, Instant updatedAt,
                           long latestSeq, String myRole, long memberCount, boolean canPost, boolean canManage) {

    static IncidentView of(IncidentListing listing) {
        var i = listing.incident();
        return new IncidentView(i.id().toString(), i.title(), i.summary(), i.severity().name(), i.status().name(),
                i.access().name(), LabelView.of(i.label()), i.label().marking(), PersonView.of(listing.createdBy()),
                i.createdAt(), i.updatedAt(), i.lastSeq(), listing.myRole() == null ? null : listing.myRole().name(),
                listing.memberCount(), listing.canPost(), listing.canManage());
    }
}
