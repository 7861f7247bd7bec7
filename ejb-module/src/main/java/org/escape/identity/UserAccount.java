package org.escape.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.escape.access.Level;
import org.escape.access.Role;

/**
 * The local record of a user, kept in step with Keycloak. Authorization reads this record, never a
 * token's claims: the record is what Keycloak's admin API last said about the user.
 *
 * <p>Every change comes from a {@link KeycloakUser} snapshot read from Keycloak, stamped with the
 * moment the read <em>started</em> ({@link #syncedAt()}). A snapshot older than the record's stamp
 * changes nothing, so a slow reconciliation page can never roll back what a later event poll
 * applied. Tokens never change a record at all (see the package documentation for why).
 *
 * <p>Not thread-safe (a JPA entity); each transaction works on its own instance.
 */
@Entity
@Table(name = "user_account")
@NamedQuery(name = UserAccount.BY_SUBJECT,
        query = "select u from UserAccount u where u.keycloakId = :subject")
@NamedQuery(name = UserAccount.ALL_SUBJECTS,
        query = "select u.keycloakId from UserAccount u")
@NamedQuery(name = UserAccount.BY_USERNAME,
        query = "select u from UserAccount u where lower(u.username) = :username")
@NamedQuery(name = UserAccount.BY_IDS,
        query = "select u from UserAccount u where u.id in :ids")
public class UserAccount {

    static final String BY_SUBJECT = "UserAccount.bySubject";
    static final String ALL_SUBJECTS = "UserAccount.allSubjects";
    static final String BY_USERNAME = "UserAccount.byUsername";
    static final String BY_IDS = "UserAccount.byIds";

    @Id
    @Column(length = 36)
    private UUID id;

    @Column(name = "keycloak_id", nullable = false, updatable = false, length = 64)
    private String keycloakId;

    @Column(nullable = false)
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(length = 3)
    private String country;

    @Column(nullable = false, length = 16)
    private String clearance;

    /** Comma-separated role names, in declaration order of {@link Role}. */
    @Column(nullable = false)
    private String roles;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "synced_at", nullable = false)
    private Instant syncedAt;

    @Version
    private long version;

    protected UserAccount() {
        // for JPA
    }

    /**
     * A new record for a user seen for the first time, as Keycloak describes them.
     *
     * @param user      what Keycloak's admin API answered
     * @param fetchedAt when the read that produced {@code user} started
     * @param now       the creation time
     */
    public UserAccount(KeycloakUser user, Instant fetchedAt, Instant now) {
        this.id = UUID.randomUUID();
        this.keycloakId = user.id();
        this.createdAt = now;
        apply(user, fetchedAt);
    }

    /**
     * Takes over a snapshot read from Keycloak, unless the record already holds a newer one.
     *
     * @param user      what Keycloak's admin API answered for this user
     * @param fetchedAt when the read that produced {@code user} started
     * @return the change of access, when there was one; empty when the snapshot was stale or granted
     *         exactly the same access (name changes alone are applied but not reported)
     * @throws IllegalArgumentException when the snapshot describes another user
     */
    public Optional<UserAccessChanged> syncFrom(KeycloakUser user, Instant fetchedAt) {
        if (!user.id().equals(keycloakId)) {
            throw new IllegalArgumentException("snapshot of another user");
        }
        if (fetchedAt.isBefore(syncedAt)) {
            return Optional.empty();
        }
        AccessState before = access();
        apply(user, fetchedAt);
        AccessState after = access();
        return before.equals(after) ? Optional.empty()
                : Optional.of(new UserAccessChanged(id, keycloakId, username, before, after, fetchedAt));
    }

    /**
     * Keycloak no longer knows the user (deleted): the record stays, for history, but is disabled
     * and loses its roles. A later snapshot (the id reappearing) would enable it again.
     *
     * @param confirmedAt when the read that found the user missing started
     * @return the change of access, when there was one
     */
    public Optional<UserAccessChanged> markDeleted(Instant confirmedAt) {
        if (confirmedAt.isBefore(syncedAt)) {
            return Optional.empty();
        }
        AccessState before = access();
        this.enabled = false;
        this.roles = "";
        this.syncedAt = confirmedAt;
        AccessState after = access();
        return before.equals(after) ? Optional.empty()
                : Optional.of(new UserAccessChanged(id, keycloakId, username, before, after, confirmedAt));
    }

    private void apply(KeycloakUser user, Instant fetchedAt) {
        AccessState access = user.access();
        this.username = user.username();
        this.displayName = user.displayName();
        this.country = access.country();
        this.clearance = access.clearance().name();
        this.roles = access.roles().stream()
                .sorted()
                .map(Role::claimName)
                .collect(Collectors.joining(","));
        this.enabled = access.enabled();
        this.syncedAt = fetchedAt;
    }

    /** The local id, a random UUID that never changes. */
    public UUID id() {
        return id;
    }

    /** Keycloak's user id, the tokens' {@code sub}. */
    public String keycloakId() {
        return keycloakId;
    }

    /** The sign-in name. */
    public String username() {
        return username;
    }

    /** First and last name, or the username. */
    public String displayName() {
        return displayName;
    }

    /** ISO alpha-3 country code, empty when the user has none (then no country-restricted item is readable). */
    public Optional<String> country() {
        return Optional.ofNullable(country);
    }

    /** The clearance; an unreadable stored value counts as the least. */
    public Level clearance() {
        return Level.parse(clearance).orElse(Level.UNCLASSIFIED);
    }

    /** The ESCAPE realm roles the user holds. */
    public Set<Role> roles() {
        if (roles == null || roles.isBlank()) {
            return Set.of();
        }
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(",")).map(Role::fromClaim).flatMap(Optional::stream).forEach(parsed::add);
        return Set.copyOf(parsed);
    }

    /** False when the user is disabled or deleted in Keycloak: every API call is then refused. */
    public boolean enabled() {
        return enabled;
    }

    /** The user as the access rules see them: country, clearance and roles of this record. */
    public org.escape.access.Reader reader() {
        return new org.escape.access.Reader(id, country, clearance(), roles());
    }

    /** The user as other users see them: never the clearance. */
    public Person person() {
        return new Person(id, username, displayName, country);
    }

    /** Everything authorization reads, in one value. */
    public AccessState access() {
        return new AccessState(country, clearance(), roles(), enabled);
    }

    /** When the record was created (the user's first API call). */
    public Instant createdAt() {
        return createdAt;
    }

    /** When the Keycloak read that the record reflects started. */
    public Instant syncedAt() {
        return syncedAt;
    }

    @Override
    public String toString() {
        return "UserAccount[" + username + " " + id + " " + Objects.requireNonNullElse(country, "-") + " "
                + clearance + " [" + roles + "]" + (enabled ? "" : " disabled") + "]";
    }
}
