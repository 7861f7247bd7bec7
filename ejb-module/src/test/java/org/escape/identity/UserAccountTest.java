package org.escape.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.escape.access.Level;
import org.escape.access.Role;
import org.junit.jupiter.api.Test;

class UserAccountTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static IdentityClaims claims(String country, Level clearance, Set<Role> roles, Instant issuedAt) {
        return new IdentityClaims("kc-alice", "alice", "Alice Hartley", country, clearance, roles, issuedAt);
    }

    @Test
    void aNewRecordTakesTheClaimsAndIsEnabled() {
        UserAccount account = new UserAccount(claims("GBR", Level.SECRET, Set.of(Role.MEMBER, Role.MODERATOR), T0), T0);

        assertEquals("kc-alice", account.keycloakId());
        assertEquals("alice", account.username());
        assertEquals("Alice Hartley", account.displayName());
        assertEquals(Optional.of("GBR"), account.country());
        assertEquals(Level.SECRET, account.clearance());
        assertEquals(Set.of(Role.MEMBER, Role.MODERATOR), account.roles());
        assertTrue(account.enabled());
        assertEquals(T0, account.syncedAt());
    }

    @Test
    void aNewerTokenUpdatesTheRecord() {
        UserAccount account = new UserAccount(claims("GBR", Level.SECRET, Set.of(Role.MEMBER), T0), T0);

        boolean changed = account.refreshFrom(claims("KEN", Level.RESTRICTED, Set.of(), T0.plusSeconds(60)));

        assertTrue(changed);
        assertEquals(Optional.of("KEN"), account.country());
        assertEquals(Level.RESTRICTED, account.clearance());
        assertEquals(Set.of(), account.roles());
        assertEquals(T0.plusSeconds(60), account.syncedAt());
    }

    @Test
    void anOlderOrEquallyOldTokenNeverRollsTheRecordBack() {
        UserAccount account = new UserAccount(claims("GBR", Level.CONFIDENTIAL, Set.of(Role.MEMBER), T0), T0);

        assertFalse(account.refreshFrom(claims("GBR", Level.TOP_SECRET, Set.of(Role.ADMIN), T0.minusSeconds(1))));
        assertFalse(account.refreshFrom(claims("GBR", Level.TOP_SECRET, Set.of(Role.ADMIN), T0)));

        assertEquals(Level.CONFIDENTIAL, account.clearance());
        assertEquals(Set.of(Role.MEMBER), account.roles());
    }

    @Test
    void aNewerTokenWithTheSameClaimsReportsNoChange() {
        UserAccount account = new UserAccount(claims("GBR", Level.SECRET, Set.of(Role.MEMBER), T0), T0);

        assertFalse(account.refreshFrom(claims("GBR", Level.SECRET, Set.of(Role.MEMBER), T0.plusSeconds(5))));
        assertEquals(T0.plusSeconds(5), account.syncedAt());
    }

    @Test
    void claimsOfAnotherSubjectAreRejected() {
        UserAccount account = new UserAccount(claims("GBR", Level.SECRET, Set.of(), T0), T0);
        IdentityClaims other = new IdentityClaims("kc-mallory", "alice", "Alice", "GBR", Level.TOP_SECRET, Set.of(),
                T0.plusSeconds(1));

        assertThrows(IllegalArgumentException.class, () -> account.refreshFrom(other));
        assertEquals(Level.SECRET, account.clearance());
    }

    @Test
    void aUserWithoutCountryHasNone() {
        UserAccount account = new UserAccount(claims(null, Level.UNCLASSIFIED, Set.of(), T0), T0);

        assertEquals(Optional.empty(), account.country());
    }
}
