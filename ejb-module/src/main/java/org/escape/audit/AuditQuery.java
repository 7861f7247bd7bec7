package org.escape.audit;

import java.time.Instant;

/**
 * Filters for reading the trail; null means "any".
 *
 * @param actor  exact username
 * @param action an action name or its dotted prefix ({@code identity.} matches {@code identity.user.updated})
 * @param object an object id or an object type
 * @param from   inclusive lower bound of the time
 * @param to     exclusive upper bound of the time
 * @param page   0-based page
 * @param size   page size, 1 to 100
 */
public record AuditQuery(String actor, String action, String object, Instant from, Instant to, int page, int size) {

    public AuditQuery {
        if (page < 0 || size < 1 || size > 100) {
            throw new IllegalArgumentException("page must be >= 0 and size between 1 and 100");
        }
        actor = blankToNull(actor);
        action = blankToNull(action);
        object = blankToNull(object);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
