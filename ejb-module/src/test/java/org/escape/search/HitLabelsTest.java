package org.escape.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.escape.access.Label;
import org.escape.access.LabelTokens;
import org.escape.access.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class HitLabelsTest {

    @ParameterizedTest
    @EnumSource(Level.class)
    void theTokensOfAChainReadBackAsItsEffectiveLabel(Level level) {
        List<Label> chain = List.of(Label.of(Level.UNCLASSIFIED, "GBR", "KEN", "MYS"), Label.of(level, "KEN", "GBR"));
        Set<String> tokens = ForumDocuments.tokens(chain);
        assertEquals(Label.effective(chain), HitLabels.labelOf(tokens));
        assertEquals(level.name() + "//REL TO GBR, KEN", HitLabels.labelOf(tokens).orElseThrow().marking());
    }

    @Test
    void releasableToAllReadsBackAsTheBareLevel() {
        assertEquals("CONFIDENTIAL",
                HitLabels.labelOf(ForumDocuments.tokens(List.of(Label.releasableToAll(Level.CONFIDENTIAL)))).orElseThrow().marking());
    }

    @Test
    void nobodyAndIncompleteTokensHaveNoLabel() {
        assertEquals(Optional.empty(), HitLabels.labelOf(Set.of("lvl:SECRET", LabelTokens.NOBODY, "acc:OPEN")));
        assertTrue(HitLabels.labelOf(Set.of("lvl:SECRET", "acc:OPEN")).isEmpty());
        assertTrue(HitLabels.labelOf(Set.of("rel:GBR")).isEmpty());
    }
}
