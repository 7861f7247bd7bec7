package org.escape.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LabelTokensTest {

    @Test
    void aDocumentCarriesItsLevelAndItsCountries() {
        assertEquals(Set.of("lvl:SECRET", "rel:GBR", "rel:KEN"), LabelTokens.forItem(Label.of(Level.SECRET, "KEN", "GBR")));
        assertEquals(Set.of("lvl:CONFIDENTIAL", "rel:ALL"), LabelTokens.forItem(Label.releasableToAll(Level.CONFIDENTIAL)));
    }

    @Test
    void aReaderFilterIsTheLevelsUpToTheClearanceAndAllOrTheCountry() {
        LabelTokens.ReaderFilter filter = LabelTokens.readerFilter(Reader.of(UUID.randomUUID(), "KEN", Level.CONFIDENTIAL));
        assertEquals(List.of(Set.of("lvl:UNCLASSIFIED", "lvl:RESTRICTED", "lvl:CONFIDENTIAL"), Set.of("rel:ALL", "rel:KEN")),
                filter.requiredAnyOf());
        LabelTokens.ReaderFilter stateless = LabelTokens.readerFilter(Reader.of(UUID.randomUUID(), null, Level.UNCLASSIFIED));
        assertEquals(List.of(Set.of("lvl:UNCLASSIFIED"), Set.of("rel:ALL")), stateless.requiredAnyOf());
    }

    @Test
    void theFilterDependsOnlyOnClearanceAndCountrySoItCanKeyACache() {
        Reader member = new Reader(UUID.randomUUID(), "GBR", Level.SECRET, Set.of(Role.MEMBER));
        Reader admin = new Reader(UUID.randomUUID(), "GBR", Level.SECRET, EnumSet.allOf(Role.class));
        assertEquals(LabelTokens.readerFilter(member), LabelTokens.readerFilter(admin));
        assertEquals(LabelTokens.readerFilter(member).hashCode(), LabelTokens.readerFilter(admin).hashCode());
    }

    @Test
    void aChainNobodyMayReadMatchesNoFilter() {
        Set<String> tokens = LabelTokens.forChain(List.of(Label.of(Level.RESTRICTED, "GBR"), Label.of(Level.SECRET, "KEN")));
        assertEquals(Set.of("lvl:SECRET", LabelTokens.NOBODY), tokens);
        for (String country : new String[] {"GBR", "KEN", null}) {
            assertFalse(LabelTokens.readerFilter(Reader.of(UUID.randomUUID(), country, Level.TOP_SECRET)).matches(tokens));
        }
    }

    @Test
    void aChainIndexesItsEffectiveLabel() {
        Set<String> tokens = LabelTokens.forChain(List.of(Label.of(Level.RESTRICTED, "GBR", "KEN"), Label.releasableToAll(Level.SECRET)));
        assertEquals(Set.of("lvl:SECRET", "rel:GBR", "rel:KEN"), tokens);
        assertTrue(LabelTokens.readerFilter(Reader.of(UUID.randomUUID(), "KEN", Level.SECRET)).matches(tokens));
    }

    @Test
    void anEmptyGroupIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LabelTokens.ReaderFilter(List.of(Set.of())));
    }
}
