package org.escape.identity;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a batch of admin events obliges identity sync to do: re-read a few users, or — when an
 * event can change the access of users it does not name (a role's composites, a group's role
 * mappings, realm defaults) — reconcile everyone.
 *
 * <p>A pure function of the events; immutable and thread-safe.
 *
 * @param userIds       Keycloak ids of the users to re-read, in first-seen order
 * @param reconcileAll  true when the events may affect users they do not name
 */
public record SyncWork(Set<String> userIds, boolean reconcileAll) {

    /** Resource types whose events name one user in their path ({@code users/<id>...}). */
    private static final Set<String> PER_USER = Set.of("USER", "REALM_ROLE_MAPPING", "GROUP_MEMBERSHIP");

    /** Resource types that can change many users' effective roles without naming them. */
    private static final Set<String> WIDE = Set.of("REALM_ROLE", "GROUP", "REALM");

    /** Copies the ids. */
    public SyncWork {
        userIds = Set.copyOf(new LinkedHashSet<>(userIds));
    }

    /**
     * The work the events call for. A user attribute change arrives as {@code USER UPDATE}, a
     * role grant or removal as {@code REALM_ROLE_MAPPING} on {@code users/<id>/role-mappings/realm},
     * a deletion as {@code USER DELETE}; group role mappings ({@code groups/<id>/role-mappings})
     * and role or realm changes affect users the event does not name, so they ask for a full
     * reconciliation. Client role mappings, clients and everything else do not touch what ESCAPE
     * reads and are ignored.
     */
    public static SyncWork of(Collection<AdminEvent> events) {
        Set<String> users = new LinkedHashSet<>();
        boolean all = false;
        for (AdminEvent event : events) {
            String path = event.resourcePath();
            String[] segments = path.split("/");
            if (PER_USER.contains(event.resourceType())) {
                if (segments.length >= 2 && segments[0].equals("users") && !segments[1].isBlank()) {
                    users.add(segments[1]);
                } else {
                    // e.g. a role mapping on a group: its members are not named.
                    all = true;
                }
            } else if (WIDE.contains(event.resourceType())) {
                all = true;
            }
        }
        return new SyncWork(users, all);
    }

    /** True when there is nothing to do. */
    public boolean isEmpty() {
        return userIds.isEmpty() && !reconcileAll;
    }
}
