package org.escape.identity;

import java.util.UUID;

/**
 * A user as other users see them next to what they wrote: never their clearance, roles or e-mail.
 *
 * @param country ISO alpha-3, or null when the user has none
 */
public record Person(UUID id, String username, String displayName, String country) {

    /** Stands in for an author whose record is gone (never expected; keeps a page from failing). */
    public static Person unknown(UUID id) {
        return new Person(id, "unknown", "Unknown user", null);
    }
}
