package org.escape.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoleTest {

    @Test
    void theRealmRoleNamesMapToRoles() {
        assertEquals(Optional.of(Role.MEMBER), Role.fromClaim("member"));
        assertEquals(Optional.of(Role.MODERATOR), Role.fromClaim("moderator"));
        assertEquals(Optional.of(Role.AUDITOR), Role.fromClaim("auditor"));
        assertEquals(Optional.of(Role.ADMIN), Role.fromClaim("admin"));
    }

    @Test
    void theConstantsForRolesAllowedMatchTheClaimNames() {
        assertEquals(Role.MEMBER.claimName(), Role.MEMBER_NAME);
        assertEquals(Role.MODERATOR.claimName(), Role.MODERATOR_NAME);
        assertEquals(Role.AUDITOR.claimName(), Role.AUDITOR_NAME);
        assertEquals(Role.ADMIN.claimName(), Role.ADMIN_NAME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"offline_access", "uma_authorization", "default-roles-escape", "ADMIN", "Admin", " admin", ""})
    void otherOrMisspelledRolesAreIgnored(String claim) {
        assertTrue(Role.fromClaim(claim).isEmpty());
    }
}
