package org.escape.incident;

import org.escape.identity.Person;

/**
 * An incident as one caller sees it: their role (null when not a member), the members they can see,
 * and what they may do.
 */
public record IncidentListing(Incident incident, Person createdBy, MemberRole myRole, long memberCount, boolean canPost,
                              boolean canManage) {
}
