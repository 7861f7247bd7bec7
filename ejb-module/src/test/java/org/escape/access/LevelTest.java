package org.escape.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LevelTest {

    @Test
    void levelsAreRankedFromUnclassifiedToTopSecret() {
        assertEquals(0, Level.UNCLASSIFIED.rank());
        assertEquals(1, Level.RESTRICTED.rank());
        assertEquals(2, Level.CONFIDENTIAL.rank());
        assertEquals(3, Level.SECRET.rank());
        assertEquals(4, Level.TOP_SECRET.rank());
    }

    @ParameterizedTest(name = "clearance {0} covers {1}: {2}")
    @CsvSource({
        "UNCLASSIFIED, UNCLASSIFIED, true", "UNCLASSIFIED, RESTRICTED, false",
        "RESTRICTED, UNCLASSIFIED, true", "RESTRICTED, CONFIDENTIAL, false",
        "CONFIDENTIAL, CONFIDENTIAL, true", "CONFIDENTIAL, SECRET, false",
        "SECRET, CONFIDENTIAL, true", "SECRET, TOP_SECRET, false",
        "TOP_SECRET, TOP_SECRET, true", "TOP_SECRET, UNCLASSIFIED, true"})
    void aClearanceCoversItsOwnLevelAndBelowOnly(Level clearance, Level classification, boolean covers) {
        assertEquals(covers, clearance.covers(classification));
    }

    @Test
    void everyPairAgreesWithTheRankOrder() {
        for (Level clearance : Level.values()) {
            for (Level classification : Level.values()) {
                assertEquals(clearance.compareTo(classification) >= 0, clearance.covers(classification),
                        clearance + " vs " + classification);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"SECRET, SECRET", "secret, SECRET", "' Top_Secret ', TOP_SECRET", "top secret, TOP_SECRET"})
    void parsingForgivesCaseSpacesAndBlanks(String text, Level expected) {
        assertEquals(Optional.of(expected), Level.parse(text));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "COSMIC", "SECRET!", "4", "TOP_SECRET_PLUS"})
    void anythingElseIsNoLevel(String text) {
        assertTrue(Level.parse(text).isEmpty());
    }

    @Test
    void fromRankIsTheInverseOfRank() {
        for (Level level : Level.values()) {
            assertEquals(level, Level.fromRank(level.rank()));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 5, 42})
    void aRankOutsideTheLevelsIsRefused(int rank) {
        assertThrows(IllegalArgumentException.class, () -> Level.fromRank(rank));
    }

    @Test
    void higherPicksTheMoreSensitiveLevel() {
        assertEquals(Level.SECRET, Level.higher(Level.SECRET, Level.RESTRICTED));
        assertEquals(Level.SECRET, Level.higher(Level.RESTRICTED, Level.SECRET));
        assertEquals(Level.TOP_SECRET, Level.higher(Level.TOP_SECRET, Level.TOP_SECRET));
    }
}
