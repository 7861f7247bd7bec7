package org.escape.audit;

import java.util.UUID;

/**
 * Who acted: a local user, or the platform itself (identity sync, start-up jobs).
 *
 * @param userId   the local user id, or null for the platform
 * @param username the username at the time of the action, or {@code "system"}
 */
public record AuditActor(UUID userId, String username) {

    /** The platform acting on its own behalf. */
    public static final AuditActor SYSTEM = new AuditActor(null, "system");

    public static AuditActor user(UUID userId, String username) {
        return new AuditActor(userId, username);
    }
}
