package org.escape.web.knowledge;

import java.time.Instant;
import org.escape.knowledge.ReviewListing;
import org.escape.web.api.PersonView;

/** A workflow step as the API shows it. */
public record ReviewView(String action, PersonView actor, Instant at, String comment, int revision) {

    static ReviewView of(ReviewListing listing) {
        var r = listing.review();
        return new ReviewView(r.action().name(), PersonView.of(listing.actor()), r.recordedAt(), r.note().orElse(null),
                r.revision());
    }
}
