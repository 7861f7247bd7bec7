package org.escape.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.escape.access.ReferenceModel.LabelSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StoredLabelTest {

    @BeforeAll
    static void announceSeed() {
        RandomSpecs.announce(StoredLabelTest.class);
    }

    @ParameterizedTest(name = "{0} is stored as {1}, {2}")
    @CsvSource(delimiter = '|', textBlock = """
            UNCLASSIFIED                     | 0 | ALL
            TOP_SECRET                       | 4 | ALL
            SECRET//REL TO GBR               | 3 | ,GBR,
            CONFIDENTIAL//REL TO GBR, KEN    | 2 | ,GBR,KEN,
            RESTRICTED//REL TO CAN, IND, MYS | 1 | ,CAN,IND,MYS,
            """)
    void labelsAreStoredAsRankAndWrappedCodes(String marking, int rank, String releasableTo) {
        Label label = Marking.parse(marking);
        assertEquals(new StoredLabel(rank, releasableTo), StoredLabel.from(label));
        assertEquals(label, new StoredLabel(rank, releasableTo).toLabel());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "all", " ALL", "GBR", ",GBR", "GBR,", ",gbr,", ",KEN,GBR,", ",GBR,GBR,", ",ALL,",
        ",GBR,,", ",,", ",GB,", ",GBRK,", ",GBR,KEN", ",GBR;KEN,", "%,GBR,%"})
    void anythingButTheCanonicalFormIsCorrupt(String releasableTo) {
        assertThrows(InvalidLabelException.class, () -> new StoredLabel(1, releasableTo));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 5, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void aRankOutsideTheLevelsIsCorrupt(int rank) {
        assertThrows(InvalidLabelException.class, () -> new StoredLabel(rank, StoredLabel.ALL));
    }

    @Test
    void theColumnIsWideEnoughForTheLongestList() {
        assertEquals(1025, StoredLabel.RELEASABLE_TO_MAX_LENGTH);
    }

    @Test
    void theListingPatternAcceptsOnlyCanonicalCodes() {
        assertEquals("%,GBR,%", StoredLabel.listingPattern("GBR"));
        assertThrows(IllegalArgumentException.class, () -> StoredLabel.listingPattern("gbr"));
        assertThrows(IllegalArgumentException.class, () -> StoredLabel.listingPattern("%"));
        assertThrows(IllegalArgumentException.class, () -> StoredLabel.listingPattern(null));
    }

    @Test
    void randomLabelsRoundTripThroughTheHandWrittenForm() {
        RandomSpecs specs = new RandomSpecs(RandomSpecs.SEED);
        for (int i = 0; i < 10_000; i++) {
            LabelSpec spec = specs.label();
            Label label = spec.toLabel();
            StoredLabel stored = StoredLabel.from(label);
            assertEquals(ReferenceModel.rank(spec.level()), stored.classificationRank(), RandomSpecs.seedMessage());
            assertEquals(spec.expectedStoredReleasability(), stored.releasableTo(), RandomSpecs.seedMessage());
            assertEquals(label, stored.toLabel(), RandomSpecs.seedMessage());
        }
    }
}
