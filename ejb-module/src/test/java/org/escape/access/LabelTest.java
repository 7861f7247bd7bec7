package org.escape.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelTest {

    @Test
    void countriesAreNormalisedAndSorted() {
        Label label = Label.of(Level.SECRET, "ken", " GBR ");
        assertEquals(Label.of(Level.SECRET, "GBR", "KEN"), label);
        assertEquals(List.of("GBR", "KEN"), label.releasableTo().asList());
        assertFalse(label.isReleasableToAll());
    }

    @Test
    void allAloneMeansEveryCountry() {
        assertEquals(Label.releasableToAll(Level.RESTRICTED), Label.of(Level.RESTRICTED, "ALL"));
        assertEquals(Label.releasableToAll(Level.RESTRICTED), Label.of(Level.RESTRICTED, List.of(" all ")));
        assertSame(Releasability.ALL, Label.of(Level.RESTRICTED, "ALL").releasableTo());
        assertEquals(List.of("ALL"), Releasability.ALL.asList());
        assertTrue(Label.releasableToAll(Level.SECRET).isReleasableToAll());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            []              | releasableTo must not be empty
            [ALL, GBR]      | ALL cannot be combined with country codes in releasableTo
            [GBR, all]      | ALL cannot be combined with country codes in releasableTo
            [GB]            | "GB" in releasableTo is not an ISO 3166-1 alpha-3 country code
            [GBR, K3N]      | "K3N" in releasableTo is not an ISO 3166-1 alpha-3 country code
            [GBR, ÄBC]      | "ÄBC" in releasableTo is not an ISO 3166-1 alpha-3 country code
            [GBR, gbr]      | GBR appears more than once in releasableTo
            [GBR, '']       | releasableTo contains an empty entry
            [GBR, ' ']      | releasableTo contains an empty entry
            """)
    void malformedReleasabilityIsRefusedWithAClearMessage(String list, String message) {
        InvalidLabelException thrown = assertThrows(InvalidLabelException.class, () -> Label.of(Level.SECRET, entries(list)));
        assertTrue(thrown.getMessage().startsWith(message), thrown.getMessage());
        assertEquals(InvalidLabelException.RELEASABLE_TO, thrown.field());
    }

    @Test
    void nullAndOverlongListsAreRefused() {
        assertThrows(InvalidLabelException.class, () -> Label.of(Level.SECRET, (List<String>) null));
        assertThrows(InvalidLabelException.class, () -> Label.of(Level.SECRET, (String) null));
        assertThrows(InvalidLabelException.class, () -> Label.of(Level.SECRET));
        List<String> tooMany = new ArrayList<>();
        for (char a = 'A'; tooMany.size() <= Releasability.MAX_COUNTRIES; a++) {
            for (char b = 'A'; b <= 'Z'; b++) {
                tooMany.add("" + a + b + "X");
            }
        }
        InvalidLabelException thrown = assertThrows(InvalidLabelException.class, () -> Label.of(Level.SECRET, tooMany));
        assertTrue(thrown.getMessage().contains("at most 256"), thrown.getMessage());
        assertEquals(Releasability.MAX_COUNTRIES,
                Label.of(Level.SECRET, tooMany.subList(0, Releasability.MAX_COUNTRIES)).releasableTo().asList().size());
    }

    @Test
    void aHostileEntryIsQuotedShortAndWithoutControlCharacters() {
        String hostile = "GBR\nWARN forged log line " + "x".repeat(200);
        InvalidLabelException thrown = assertThrows(InvalidLabelException.class, () -> Label.of(Level.SECRET, hostile));
        assertFalse(thrown.getMessage().contains("\n"));
        assertTrue(thrown.getMessage().length() < 160, thrown.getMessage());
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            null        | [GBR]       | classification is required: one of UNCLASSIFIED, RESTRICTED, CONFIDENTIAL, SECRET, TOP_SECRET.
            ' '         | [GBR]       | classification is required
            COSMIC      | [GBR]       | "COSMIC" is not a classification: use one of UNCLASSIFIED, RESTRICTED, CONFIDENTIAL, SECRET, TOP_SECRET.
            SECRET      | null        | releasableTo is required
            SECRET      | []          | releasableTo must not be empty
            """)
    void theApiFormNamesTheFieldThatIsWrong(String classification, String list, String message) {
        InvalidLabelException thrown = assertThrows(InvalidLabelException.class,
                () -> Label.parse(classification, list == null ? null : entries(list)));
        assertTrue(thrown.getMessage().startsWith(message), thrown.getMessage());
        assertEquals(classification == null || classification.isBlank() || classification.equals("COSMIC")
                ? InvalidLabelException.CLASSIFICATION : InvalidLabelException.RELEASABLE_TO, thrown.field());
    }

    @Test
    void theApiFormIsReadLikeKeycloakWritesLevels() {
        assertEquals(Label.of(Level.TOP_SECRET, "GBR", "KEN"), Label.parse("top_secret", List.of("KEN", "GBR")));
        assertEquals(Label.releasableToAll(Level.CONFIDENTIAL), Label.parse("CONFIDENTIAL", List.of("ALL")));
    }

    /** Fails if dominates compared the country sets the wrong way round. */
    @Test
    void fewerCountriesDominateMoreCountriesNotTheOtherWayRound() {
        Label gbrOnly = Label.of(Level.SECRET, "GBR");
        Label gbrAndKen = Label.of(Level.SECRET, "GBR", "KEN");
        Label everyone = Label.releasableToAll(Level.SECRET);
        assertTrue(gbrOnly.dominates(gbrAndKen), "{GBR} ⊆ {GBR, KEN}");
        assertFalse(gbrAndKen.dominates(gbrOnly), "{GBR, KEN} ⊄ {GBR}");
        assertTrue(gbrOnly.dominates(everyone), "{GBR} ⊆ ALL");
        assertFalse(everyone.dominates(gbrOnly), "ALL ⊄ {GBR}");
        // And the consequence that matters: W1 refuses a post that would reach KEN inside a GBR-only thread.
        assertFalse(AccessRules.containmentHolds(gbrOnly, gbrAndKen));
        assertFalse(AccessRules.mayRelabel(gbrOnly, everyone));
    }

    @Test
    void classificationDominatesUpwardsOnly() {
        Label secret = Label.of(Level.SECRET, "GBR");
        Label confidential = Label.of(Level.CONFIDENTIAL, "GBR");
        assertTrue(secret.dominates(confidential));
        assertFalse(confidential.dominates(secret));
    }

    @Test
    void dominatesIsAPartialOrderOverTheTable() {
        List<Label> labels = ReferenceModel.tableLabels().stream().map(ReferenceModel.LabelSpec::toLabel).toList();
        for (Label a : labels) {
            assertTrue(a.dominates(a), "reflexive " + a);
            for (Label b : labels) {
                if (a.dominates(b) && b.dominates(a)) {
                    assertEquals(a, b, "antisymmetric");
                }
                for (Label c : labels) {
                    if (a.dominates(b) && b.dominates(c)) {
                        assertTrue(a.dominates(c), "transitive " + a + " > " + b + " > " + c);
                    }
                }
            }
        }
    }

    @Test
    void theEffectiveLabelIsTheHighestLevelAndTheCommonCountries() {
        Label forum = Label.of(Level.RESTRICTED, "GBR", "KEN", "MYS");
        Label thread = Label.releasableToAll(Level.CONFIDENTIAL);
        Label post = Label.of(Level.RESTRICTED, "KEN", "MYS", "USA");
        assertEquals(Optional.of(Label.of(Level.CONFIDENTIAL, "KEN", "MYS")), Label.effective(forum, thread, post));
        assertEquals(Optional.of(thread), Label.effective(List.of(thread)));
        assertEquals(Optional.of(Label.releasableToAll(Level.SECRET)),
                Label.effective(Label.releasableToAll(Level.UNCLASSIFIED), Label.releasableToAll(Level.SECRET)));
    }

    @Test
    void disjointCountriesLeaveNoEffectiveLabel() {
        assertEquals(Optional.empty(), Label.effective(Label.of(Level.UNCLASSIFIED, "GBR"), Label.of(Level.UNCLASSIFIED, "KEN")));
    }

    @Test
    void anEmptyChainHasNoEffectiveLabel() {
        assertThrows(IllegalArgumentException.class, () -> Label.effective(List.of()));
        assertThrows(IllegalArgumentException.class, Label::effective);
    }

    @Test
    void aLabelPrintsAsItsMarking() {
        assertEquals("CONFIDENTIAL//REL TO GBR, KEN", Label.of(Level.CONFIDENTIAL, "KEN", "GBR").toString());
        assertEquals("TOP_SECRET", Label.releasableToAll(Level.TOP_SECRET).marking());
    }

    @Test
    void aCountryListIsCopiedSortedNaturallyAndMustBeCanonical() {
        TreeSet<String> reversed = new TreeSet<>(Comparator.reverseOrder());
        reversed.addAll(List.of("GBR", "KEN"));
        Releasability.Countries countries = new Releasability.Countries(reversed);
        assertEquals(List.of("GBR", "KEN"), List.copyOf(countries.codes()));
        reversed.add("USA");
        assertEquals(2, countries.codes().size(), "not shared with the caller");
        assertThrows(UnsupportedOperationException.class, () -> countries.codes().add("USA"));
        assertThrows(InvalidLabelException.class, () -> new Releasability.Countries(new TreeSet<>(List.of("gbr"))));
        assertThrows(InvalidLabelException.class, () -> new Releasability.Countries(new TreeSet<>(List.of("ALL"))));
        assertThrows(InvalidLabelException.class, () -> new Releasability.Countries(new TreeSet<>()));
    }

    @Test
    void intersectionAndSubsetTreatAllAsEveryCountry() {
        Releasability gbrKen = Releasability.of("GBR", "KEN");
        assertEquals(Optional.of(gbrKen), Releasability.ALL.intersection(gbrKen));
        assertEquals(Optional.of(gbrKen), gbrKen.intersection(Releasability.ALL));
        assertEquals(Optional.of(Releasability.of("KEN")), gbrKen.intersection(Releasability.of("KEN", "MYS")));
        assertTrue(gbrKen.isWithin(Releasability.ALL));
        assertFalse(Releasability.ALL.isWithin(gbrKen));
        assertTrue(Releasability.ALL.permits(null), "a reader without a country may read ALL");
        assertFalse(gbrKen.permits(null));
    }

    /** "[GBR, '']" → the entries; quotes keep blanks. */
    private static List<String> entries(String list) {
        String inner = list.substring(1, list.length() - 1);
        if (inner.isEmpty()) {
            return Collections.emptyList();
        }
        return Arrays.stream(inner.split(",", -1)).map(String::strip)
                .map(entry -> entry.startsWith("'") ? entry.substring(1, entry.length() - 1) : entry)
                .toList();
    }
}
