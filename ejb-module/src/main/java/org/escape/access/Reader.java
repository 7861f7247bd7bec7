package org.escape.access;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Who is reading, as the access rules see them: the attributes an identity administrator set in
 * Keycloak, taken from the local user record (never from a token alone).
 *
 * <p>Only {@code country} and {@code clearance} decide what a reader may read. {@code roles} are
 * carried because services need them to grant functions (moderate, audit, operate); no rule in
 * {@link AccessRules} looks at them, so no role can widen read access.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id        the user's id
 * @param country   the user's ISO 3166-1 alpha-3 country, or {@code null} when the user has none;
 *                  a reader without a country may read only items releasable to ALL. A value
 *                  that is not a country code (including {@code "ALL"}) is stored as
 *                  {@code null}: an odd value must narrow access, never widen it
 * @param clearance the highest classification the user may read
 * @param roles     the user's ESCAPE roles; copied
 */
public record Reader(UUID id, String country, Level clearance, Set<Role> roles) {

    /** Normalises {@code country} as described above; the other components are required. */
    public Reader {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clearance, "clearance");
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
        country = country == null ? null : CountryCode.parse(country).orElse(null);
    }

    /** A reader with no roles, for code that only asks what someone may read. */
    public static Reader of(UUID id, String country, Level clearance) {
        return new Reader(id, country, clearance, Set.of());
    }

    /** True when the reader has a country (and so may read items released to it). */
    public boolean hasCountry() {
        return country != null;
    }

    /** True when the reader holds {@code role}; a function check, never a read check. */
    public boolean hasRole(Role role) {
        return roles.contains(role);
    }
}
