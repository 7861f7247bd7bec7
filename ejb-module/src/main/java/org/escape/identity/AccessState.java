package org.escape.identity;

import java.util.Objects;
import java.util.Set;
import org.escape.access.Level;
import org.escape.access.Role;

/**
 * The part of a user record that authorization depends on: country, clearance, roles and the
 * enabled flag. Two records with equal access states grant exactly the same access.
 *
 * <p>Immutable and thread-safe.
 *
 * @param country   ISO alpha-3 code, or {@code null} when the user has none
 * @param clearance the user's clearance, never null
 * @param roles     the ESCAPE realm roles the user holds
 * @param enabled   false when an administrator disabled (or deleted) the user in Keycloak
 */
public record AccessState(String country, Level clearance, Set<Role> roles, boolean enabled) {

    /** Validates and copies; roles become an unmodifiable set. */
    public AccessState {
        Objects.requireNonNull(clearance, "clearance");
        roles = Set.copyOf(roles);
    }

    /** The state of a user who may do nothing at all: no country, least clearance, no roles, disabled. */
    public static AccessState none() {
        return new AccessState(null, Level.UNCLASSIFIED, Set.of(), false);
    }
}
