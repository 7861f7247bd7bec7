package org.escape.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.escape.access.ReferenceModel.LabelSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class MarkingTest {

    @BeforeAll
    static void announceSeed() {
        RandomSpecs.announce(MarkingTest.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            UNCLASSIFIED                        | UNCLASSIFIED | ALL
            TOP_SECRET                          | TOP_SECRET   | ALL
            SECRET//REL TO GBR                  | SECRET       | GBR
            CONFIDENTIAL//REL TO GBR, KEN       | CONFIDENTIAL | KEN GBR
            TOP_SECRET//REL TO CAN, IND, MYS    | TOP_SECRET   | MYS IND CAN
            """)
    void markingsRoundTripExactly(String marking, Level level, String countries) {
        Label label = Label.of(level, countries.split(" "));
        assertEquals(marking, Marking.format(label));
        assertEquals(label, Marking.parse(marking));
        assertEquals(marking, Marking.format(Marking.parse(marking)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            COSMIC                          | Unknown classification "COSMIC" in the marking; use one of UNCLASSIFIED, RESTRICTED, CONFIDENTIAL, SECRET, TOP_SECRET.
            secret                          | Unknown classification "secret" in the marking (write it as SECRET)
            TOP SECRET                      | Unknown classification "TOP SECRET" in the marking (write it as TOP_SECRET)
            `SECRET `                       | Unknown classification "SECRET " in the marking (write it as SECRET)
            ` SECRET`                       | Unknown classification " SECRET" in the marking
            //REL TO GBR                    | Unknown classification "" in the marking
            SECRET//                        | Expected "REL TO" after "//" in the marking, found "".
            SECRET//NOFORN                  | Expected "REL TO" after "//" in the marking, found "NOFORN".
            SECRET//rel to GBR              | Expected "REL TO" after "//"
            SECRET/REL TO GBR               | Unknown classification "SECRET/REL TO GBR"
            SECRET//REL TO                  | The REL TO list of the marking is empty
            `SECRET//REL TO `               | The REL TO list of the marking is empty
            SECRET//REL TO GB               | "GB" in the REL TO list is not an ISO 3166-1 alpha-3 country code
            SECRET//REL TO gbr              | "gbr" in the REL TO list is not an ISO 3166-1 alpha-3 country code
            SECRET//REL TO G1R              | "G1R" in the REL TO list is not an ISO 3166-1 alpha-3 country code
            `SECRET//REL TO  GBR`           | " GBR" in the REL TO list is not an ISO 3166-1 alpha-3 country code
            SECRET//REL TO GBR, GBR         | GBR appears more than once in the REL TO list.
            SECRET//REL TO KEN, GBR         | The REL TO list must be in alphabetical order: GBR comes before KEN.
            SECRET//REL TO GBR,KEN          | Separate the countries of the REL TO list with ", " (comma and space).
            `SECRET//REL TO GBR, KEN, `     | The REL TO list has an empty entry
            `SECRET//REL TO GBR, KEN `      | Unexpected text " " after KEN in the marking.
            SECRET//REL TO GBR//NOFORN      | Unexpected text "//NOFORN" after GBR in the marking.
            SECRET//REL TO GBR extra        | Unexpected text " extra" after GBR in the marking.
            SECRET//REL TO ALL              | ALL cannot appear in a REL TO list
            SECRET//REL TO ALL, GBR         | ALL cannot appear in a REL TO list
            """)
    void malformedMarkingsAreRefusedSayingWhatIsWrong(String marking, String message) {
        InvalidLabelException thrown = assertThrows(InvalidLabelException.class, () -> Marking.parse(marking));
        assertTrue(thrown.getMessage().startsWith(message), () -> "got: " + thrown.getMessage());
        assertEquals(InvalidLabelException.MARKING, thrown.field());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void aMarkingIsRequired(String marking) {
        InvalidLabelException thrown = assertThrows(InvalidLabelException.class, () -> Marking.parse(marking));
        assertTrue(thrown.getMessage().startsWith("A marking is required"));
    }

    @Test
    void anOverlongListIsRefusedBeforeItIsRead() {
        String marking = "SECRET//REL TO " + "AAA, ".repeat(Releasability.MAX_COUNTRIES) + "ZZZ";
        InvalidLabelException thrown = assertThrows(InvalidLabelException.class, () -> Marking.parse(marking));
        assertTrue(thrown.getMessage().contains("at most 256"), thrown.getMessage());
    }

    /** Random labels: the marking is the one written out by hand from the spec, and parses back. */
    @Test
    void randomLabelsRoundTrip() {
        RandomSpecs specs = new RandomSpecs(RandomSpecs.SEED);
        for (int i = 0; i < 5_000; i++) {
            LabelSpec spec = specs.label();
            Label label = spec.toLabel();
            String marking = Marking.format(label);
            assertEquals(spec.expectedMarking(), marking, RandomSpecs.seedMessage());
            assertEquals(label, Marking.parse(marking), RandomSpecs.seedMessage());
        }
    }

    /**
     * Strictness: damage valid markings at random (insert, delete or replace a character from an
     * alphabet that can build near misses). Whatever the parser accepts must format back to exactly
     * the same string; everything else must fail with an {@link InvalidLabelException}.
     */
    @Test
    void everyAcceptedMarkingIsCanonical() {
        RandomSpecs specs = new RandomSpecs(RandomSpecs.SEED);
        Random random = specs.random();
        String alphabet = "ABCEGKLNRSTUY, /_\t";
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder damaged = new StringBuilder(Marking.format(specs.label().toLabel()));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(damaged.length() + 1);
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> damaged.insert(at, c);
                    case 1 -> {
                        if (at < damaged.length()) {
                            damaged.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < damaged.length()) {
                            damaged.setCharAt(at, c);
                        }
                    }
                }
            }
            String candidate = damaged.toString();
            try {
                Label label = Marking.parse(candidate);
                accepted++;
                assertEquals(candidate, Marking.format(label), "accepted a non-canonical marking; " + RandomSpecs.seedMessage());
            } catch (InvalidLabelException expected) {
                assertEquals(InvalidLabelException.MARKING, expected.field());
            }
        }
        assertTrue(accepted > 0, "some damage should still be a valid marking (e.g. another country code)");
    }
}
