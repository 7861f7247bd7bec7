package org.escape.web.incident;

import java.time.Instant;
import org.escape.incident.MemberListing;
import org.escape.web.api.PersonView;

/** A member as the API shows it: the person (never a clearance), role, when added, whether in the room now. */
public record MemberView(PersonView user, String role, Instant addedAt, boolean online) {

    static MemberView of(MemberListing member, boolean online) {
        return new MemberView(PersonView.of(member.user()), member.role().name(), member.addedAt(), online);
    }
}
