package org.escape.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * CDI event: the access state of a local user record changed (an administrator changed the
 * country or clearance, granted or removed a role, disabled, enabled or deleted the user in
 * Keycloak). It is fired synchronously <em>inside</em> the transaction that changes the record:
 * observers with {@code @Observes(during = TransactionPhase.IN_PROGRESS)} (the default) write in
 * that same transaction — the audit trail does — while observers that reach outside (closing
 * sockets, dropping caches, reindexing) should use {@code TransactionPhase.AFTER_SUCCESS} so they
 * never act on a change that was rolled back.
 *
 * <p>Immutable and thread-safe.
 *
 * @param userId     the local record's id
 * @param keycloakId the Keycloak user id
 * @param username   the user's sign-in name after the change
 * @param before     the access state before the change
 * @param after      the access state after the change
 * @param syncedAt   when the state that caused the change was read from Keycloak
 */
public record UserAccessChanged(UUID userId, String keycloakId, String username, AccessState before,
                                AccessState after, Instant syncedAt) {

    /** Validates the components. */
    public UserAccessChanged {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(keycloakId, "keycloakId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(syncedAt, "syncedAt");
    }

    /** True when the user can now do less than before in at least one respect. */
    public boolean isRestriction() {
        return before.enabled() && !after.enabled()
                || after.clearance().rank() < before.clearance().rank()
                || !Objects.equals(before.country(), after.country())
                || !after.roles().containsAll(before.roles());
    }
}
