package org.escape.identity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.escape.access.CountryCode;
import org.escape.access.Level;
import org.escape.access.Role;

/**
 * A user as Keycloak's admin API described them at one moment, already normalised exactly like
 * token claims are: a malformed country is absent, a missing or unknown clearance is
 * {@link Level#UNCLASSIFIED} (the least access), and only realm roles ESCAPE knows are kept.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id          Keycloak's stable user id (the tokens' {@code sub})
 * @param username    the sign-in name
 * @param displayName first and last name, or the username when Keycloak has neither
 * @param access      country, clearance, roles and the enabled flag
 */
public record KeycloakUser(String id, String username, String displayName, AccessState access) {

    /** Validates the components. */
    public KeycloakUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(access, "access");
    }

    /**
     * Normalises the raw fields of a Keycloak user representation.
     *
     * @param attributes the user's attributes as Keycloak stores them (multi-valued; the first value counts)
     * @param realmRoles the names of the user's <em>effective</em> realm roles (composites expanded)
     */
    public static KeycloakUser of(String id, String username, String firstName, String lastName,
                                  Map<String, List<String>> attributes, boolean enabled,
                                  Collection<String> realmRoles) {
        String displayName = join(firstName, lastName).orElse(username);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        realmRoles.stream().map(Role::fromClaim).flatMap(Optional::stream).forEach(roles::add);
        String country = first(attributes, "country").flatMap(CountryCode::parse).orElse(null);
        Level clearance = first(attributes, "clearance").flatMap(Level::parse).orElse(Level.UNCLASSIFIED);
        return new KeycloakUser(id, username, displayName, new AccessState(country, clearance, roles, enabled));
    }

    private static Optional<String> first(Map<String, List<String>> attributes, String name) {
        List<String> values = attributes == null ? null : attributes.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    private static Optional<String> join(String first, String last) {
        String given = first == null ? "" : first.trim();
        String family = last == null ? "" : last.trim();
        String name = (given + " " + family).trim();
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
}
