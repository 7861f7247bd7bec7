package org.escape.incident;

import java.time.Instant;
import org.escape.identity.Person;

/** A member of an incident as listed to a reader of it. */
public record MemberListing(Person user, MemberRole role, Instant addedAt) {
}
