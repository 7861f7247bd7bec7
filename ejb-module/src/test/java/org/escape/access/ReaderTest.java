package org.escape.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReaderTest {

    private static final UUID ID = UUID.randomUUID();

    @Test
    void aCountryIsKeptInItsCanonicalForm() {
        Reader reader = Reader.of(ID, " gbr", Level.SECRET);
        assertEquals("GBR", reader.country());
        assertTrue(reader.hasCountry());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "ALL", "all", "GB", "GBRR", "%", "GBR' OR '1'='1", "G_R", "%,GBR,%"})
    void anythingButACountryCodeIsNoCountry(String country) {
        Reader reader = Reader.of(ID, country, Level.TOP_SECRET);
        assertNull(reader.country());
        assertFalse(reader.hasCountry());
        assertFalse(AccessRules.mayRead(reader, Label.of(Level.UNCLASSIFIED, "GBR")), "an odd country narrows access");
        assertTrue(AccessRules.mayRead(reader, Label.releasableToAll(Level.TOP_SECRET)));
    }

    @Test
    void rolesAreCopied() {
        Set<Role> roles = EnumSet.of(Role.MEMBER);
        Reader reader = new Reader(ID, "KEN", Level.RESTRICTED, roles);
        roles.add(Role.ADMIN);
        assertFalse(reader.hasRole(Role.ADMIN));
        assertTrue(reader.hasRole(Role.MEMBER));
        assertThrows(UnsupportedOperationException.class, () -> reader.roles().add(Role.ADMIN));
    }

    @Test
    void idClearanceAndRolesAreRequired() {
        assertThrows(NullPointerException.class, () -> Reader.of(null, "GBR", Level.SECRET));
        assertThrows(NullPointerException.class, () -> Reader.of(ID, "GBR", null));
        assertThrows(NullPointerException.class, () -> new Reader(ID, "GBR", Level.SECRET, null));
    }
}
