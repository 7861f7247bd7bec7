package org.escape.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.escape.access.Level;
import org.escape.access.Role;
import org.junit.jupiter.api.Test;

class UserAccountTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static KeycloakUser alice(String country, Level clearance, Set<Role> roles, boolean enabled) {
        return new KeycloakUser("kc-alice", "alice", "Alice Hartley",
                new AccessState(country, clearance, roles, enabled));
    }

    private static UserAccount account() {
        return new UserAccount(alice("GBR", Level.SECRET, Set.of(Role.MEMBER, Role.MODERATOR), true), T0, T0);
    }

    @Test
    void aNewRecordTakesWhatKeycloakSays() {
        UserAccount account = account();

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
    void aNewRecordOfADisabledUserIsDisabled() {
        UserAccount account = new UserAccount(alice("GBR", Level.SECRET, Set.of(Role.MEMBER), false), T0, T0);

        assertFalse(account.enabled());
    }

    @Test
    void aNewerSnapshotChangesTheRecordAndReportsBeforeAndAfter() {
        UserAccount account = account();

        UserAccessChanged change = account.syncFrom(alice("KEN", Level.RESTRICTED, Set.of(Role.MEMBER), true),
                T0.plusSeconds(3)).orElseThrow();

        assertEquals(Optional.of("KEN"), account.country());
        assertEquals(Level.RESTRICTED, account.clearance());
        assertEquals(Set.of(Role.MEMBER), account.roles());
        assertEquals(T0.plusSeconds(3), account.syncedAt());
        assertEquals(account.id(), change.userId());
        assertEquals(new AccessState("GBR", Level.SECRET, Set.of(Role.MEMBER, Role.MODERATOR), true), change.before());
        assertEquals(new AccessState("KEN", Level.RESTRICTED, Set.of(Role.MEMBER), true), change.after());
        assertTrue(change.isRestriction());
    }

    @Test
    void disablingIsAChangeAndARestriction() {
        UserAccount account = account();

        UserAccessChanged change = account.syncFrom(alice("GBR", Level.SECRET, Set.of(Role.MEMBER, Role.MODERATOR),
                false), T0.plusSeconds(1)).orElseThrow();

        assertFalse(account.enabled());
        assertTrue(change.before().enabled());
        assertFalse(change.after().enabled());
        assertTrue(change.isRestriction());
    }

    @Test
    void raisingAClearanceIsAChangeButNoRestriction() {
        UserAccount account = account();

        UserAccessChanged change = account.syncFrom(alice("GBR", Level.TOP_SECRET,
                Set.of(Role.MEMBER, Role.MODERATOR), true), T0.plusSeconds(1)).orElseThrow();

        assertFalse(change.isRestriction());
    }

    @Test
    void anOlderSnapshotNeverRollsANewerOneBack() {
        UserAccount account = account();
        account.syncFrom(alice("GBR", Level.CONFIDENTIAL, Set.of(Role.MEMBER), false), T0.plusSeconds(10));

        // A reconciliation page read before the downgrade commits after it.
        Optional<UserAccessChanged> stale = account.syncFrom(
                alice("GBR", Level.TOP_SECRET, Set.of(Role.MEMBER, Role.ADMIN), true), T0.plusSeconds(9));

        assertTrue(stale.isEmpty());
        assertEquals(Level.CONFIDENTIAL, account.clearance());
        assertEquals(Set.of(Role.MEMBER), account.roles());
        assertFalse(account.enabled());
        assertEquals(T0.plusSeconds(10), account.syncedAt());
    }

    @Test
    void aSnapshotOfTheSameMomentApplies() {
        UserAccount account = account();

        assertTrue(account.syncFrom(alice("GBR", Level.RESTRICTED, Set.of(Role.MEMBER), true), T0).isPresent());
        assertEquals(Level.RESTRICTED, account.clearance());
    }

    @Test
    void aSnapshotWithTheSameAccessReportsNoChangeButMovesTheStamp() {
        UserAccount account = account();

        assertTrue(account.syncFrom(alice("GBR", Level.SECRET, Set.of(Role.MEMBER, Role.MODERATOR), true),
                T0.plusSeconds(5)).isEmpty());
        assertEquals(T0.plusSeconds(5), account.syncedAt());
    }

    @Test
    void aNameChangeAloneIsAppliedButIsNoAccessChange() {
        UserAccount account = account();
        KeycloakUser renamed = new KeycloakUser("kc-alice", "alice.h", "Alice H.",
                new AccessState("GBR", Level.SECRET, Set.of(Role.MEMBER, Role.MODERATOR), true));

        assertTrue(account.syncFrom(renamed, T0.plusSeconds(1)).isEmpty());
        assertEquals("alice.h", account.username());
        assertEquals("Alice H.", account.displayName());
    }

    @Test
    void aSnapshotOfAnotherUserIsRejected() {
        UserAccount account = account();
        KeycloakUser mallory = new KeycloakUser("kc-mallory", "alice", "Alice",
                new AccessState("GBR", Level.TOP_SECRET, Set.of(Role.ADMIN), true));

        assertThrows(IllegalArgumentException.class, () -> account.syncFrom(mallory, T0.plusSeconds(1)));
        assertEquals(Level.SECRET, account.clearance());
    }

    @Test
    void aDeletedUserIsDisabledAndLosesTheirRoles() {
        UserAccount account = account();

        UserAccessChanged change = account.markDeleted(T0.plusSeconds(1)).orElseThrow();

        assertFalse(account.enabled());
        assertEquals(Set.of(), account.roles());
        assertTrue(change.isRestriction());
        assertTrue(account.markDeleted(T0.plusSeconds(2)).isEmpty(), "deleting twice changes nothing more");
    }

    @Test
    void aStaleDeletionDoesNotOverrideANewerSnapshot() {
        UserAccount account = account();
        account.syncFrom(alice("GBR", Level.SECRET, Set.of(Role.MEMBER), true), T0.plusSeconds(10));

        assertTrue(account.markDeleted(T0.plusSeconds(9)).isEmpty());
        assertTrue(account.enabled());
    }

    @Test
    void aUserWithoutCountryHasNone() {
        UserAccount account = new UserAccount(alice(null, Level.UNCLASSIFIED, Set.of(), true), T0, T0);

        assertEquals(Optional.empty(), account.country());
    }

    @Test
    void keycloakRepresentationsAreNormalisedLikeTokens() {
        KeycloakUser user = KeycloakUser.of("id-1", "bashir", "Bashir", "Otieno",
                Map.of("country", List.of("ken"), "clearance", List.of("CONFIDENTIAL")), true,
                List.of("default-roles-escape", "member", "offline_access"));

        assertEquals("Bashir Otieno", user.displayName());
        assertEquals(new AccessState("KEN", Level.CONFIDENTIAL, Set.of(Role.MEMBER), true), user.access());
    }

    @Test
    void oddAttributesNeverWidenAccess() {
        KeycloakUser user = KeycloakUser.of("id-2", "x", null, " ",
                Map.of("country", List.of("ALL"), "clearance", List.of("COSMIC")), true, List.of());

        assertEquals("x", user.displayName());
        assertEquals(new AccessState(null, Level.UNCLASSIFIED, Set.of(), true), user.access());
        assertEquals(AccessState.none(), KeycloakUser.of("id-3", "y", null, null, null, false, List.of()).access());
    }
}
