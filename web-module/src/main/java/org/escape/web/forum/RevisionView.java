package org.escape.web.forum;

import java.time.Instant;
import org.escape.forum.RevisionListing;
import org.escape.web.api.LabelView;
import org.escape.web.api.PersonView;

/** One revision of a post, for its author, moderators and auditors. */
public record RevisionView(int revision, String kind, String body, LabelView label, String marking, PersonView editor,
                           Instant at, String note) {

    static RevisionView of(RevisionListing listing) {
        var revision = listing.revision();
        return new RevisionView(revision.revision(), revision.kind().name(), revision.body(),
                LabelView.of(revision.label()), revision.label().marking(), PersonView.of(listing.editor()),
                revision.recordedAt(), revision.note());
    }
}
