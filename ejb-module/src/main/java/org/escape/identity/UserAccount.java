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
 * The local record of a user, kept in step with the identity provider. Authorization reads this
 * record, never a token's claims alone.
 */
@Entity
@Table(name = "user_account")
@NamedQuery(name = UserAccount.BY_SUBJECT,
        query = "select u from UserAccount u where u.keycloakId = :subject")
public class UserAccount {

    static final String BY_SUBJECT = "UserAccount.bySubject";

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

    /** A new, enabled record for a user seen for the first time. */
    public UserAccount(IdentityClaims claims, Instant now) {
        this.id = UUID.randomUUID();
        this.keycloakId = claims.subject();
        this.enabled = true;
        this.createdAt = now;
        apply(claims);
    }

    /**
     * Takes over the claims of a token issued after this record was last synchronised; an older
     * token changes nothing, so a stale token can never roll back a newer change.
     *
     * @return true when the record changed
     */
    public boolean refreshFrom(IdentityClaims claims) {
        if (!claims.subject().equals(keycloakId)) {
            throw new IllegalArgumentException("claims of another user");
        }
        if (!claims.issuedAt().isAfter(syncedAt)) {
            return false;
        }
        boolean changed = !claims.username().equals(username)
                || !claims.displayName().equals(displayName)
                || !Objects.equals(claims.country(), country)
                || claims.clearance() != clearance()
                || !claims.roles().equals(roles());
        apply(claims);
        return changed;
    }

    private void apply(IdentityClaims claims) {
        this.username = claims.username();
        this.displayName = claims.displayName();
        this.country = claims.country();
        this.clearance = claims.clearance().name();
        this.roles = claims.roles().stream()
                .sorted()
                .map(Role::claimName)
                .collect(Collectors.joining(","));
        this.syncedAt = claims.issuedAt();
    }

    public UUID id() {
        return id;
    }

    public String keycloakId() {
        return keycloakId;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public Optional<String> country() {
        return Optional.ofNullable(country);
    }

    public Level clearance() {
        return Level.parse(clearance).orElse(Level.UNCLASSIFIED);
    }

    public Set<Role> roles() {
        if (roles == null || roles.isBlank()) {
            return Set.of();
        }
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(",")).map(Role::fromClaim).flatMap(Optional::stream).forEach(parsed::add);
        return Set.copyOf(parsed);
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant syncedAt() {
        return syncedAt;
    }
}
