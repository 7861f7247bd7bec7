package org.escape.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The security model of PRODUCT.md restated as bluntly as possible, as the oracle the tests
 * compare the real code with. It shares no code with {@code org.escape.access} beyond naming
 * levels: ranks come from its own list, releasability is an explicit set of countries where ALL
 * is expanded to every ISO 3166-1 alpha-3 code the JDK knows plus a pseudo-country for readers
 * without one (only ALL contains it, so such readers pass only ALL, and ALL is a subset of no
 * country list, even one naming all 249 codes), and every rule is the sentence of the spec.
 *
 * <p>Test cases are described by {@link LabelSpec} and {@link ReaderSpec}, which build both the
 * production value and the reference value from the same plain description.
 */
final class ReferenceModel {

    static final List<String> LEVEL_NAMES = List.of("UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP_SECRET");

    /** Every real country, from the JDK rather than from the code under test. */
    static final List<String> ISO_COUNTRIES = List.copyOf(new TreeSet<>(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3)));

    /** The one "country" of readers without a country; not a three-letter code. */
    static final String NO_COUNTRY = "<none>";

    /** ALL, expanded. */
    static final Set<String> EVERY_COUNTRY;

    static {
        Set<String> every = new HashSet<>(ISO_COUNTRIES);
        every.add(NO_COUNTRY);
        EVERY_COUNTRY = Collections.unmodifiableSet(every);
    }

    private ReferenceModel() {
    }

    /** A label as the oracle sees it: a rank and the explicit set of countries that may read it. */
    record RefLabel(int rank, Set<String> countries) {
    }

    /** A reader as the oracle sees it. */
    record RefReader(int clearance, String country) {
    }

    static int rank(String levelName) {
        int rank = LEVEL_NAMES.indexOf(levelName);
        if (rank < 0) {
            throw new IllegalArgumentException(levelName);
        }
        return rank;
    }

    /** R1, literally: for every label, clearance ≥ classification and the country is in the set. */
    static boolean mayRead(RefReader reader, List<RefLabel> chain) {
        for (RefLabel label : chain) {
            if (!(reader.clearance() >= label.rank() && label.countries().contains(reader.country()))) {
                return false;
            }
        }
        return true;
    }

    /** A dominates B: A.classification ≥ B.classification and A's countries ⊆ B's. */
    static boolean dominates(RefLabel a, RefLabel b) {
        return a.rank() >= b.rank() && b.countries().containsAll(a.countries());
    }

    /** The least upper bound: the highest rank and the countries in every set. */
    static RefLabel leastUpperBound(List<RefLabel> chain) {
        int rank = 0;
        Set<String> countries = new HashSet<>(EVERY_COUNTRY);
        for (RefLabel label : chain) {
            rank = Math.max(rank, label.rank());
            countries.retainAll(label.countries());
        }
        return new RefLabel(rank, countries);
    }

    /**
     * A label as a test describes it.
     *
     * @param level     the level name
     * @param countries the country codes, or null for ALL
     */
    record LabelSpec(String level, List<String> countries) {

        static LabelSpec all(String level) {
            return new LabelSpec(level, null);
        }

        static LabelSpec of(String level, String... countries) {
            return new LabelSpec(level, List.of(countries));
        }

        Label toLabel() {
            Level classification = Level.valueOf(level);
            return countries == null ? Label.releasableToAll(classification) : Label.of(classification, countries);
        }

        RefLabel toReference() {
            return new RefLabel(rank(level), countries == null ? EVERY_COUNTRY : Set.copyOf(countries));
        }

        /** The marking, written out from the spec by hand. */
        String expectedMarking() {
            return countries == null ? level : level + "//REL TO " + String.join(", ", new TreeSet<>(countries));
        }

        /** The stored releasability, written out from the spec by hand. */
        String expectedStoredReleasability() {
            if (countries == null) {
                return "ALL";
            }
            StringBuilder stored = new StringBuilder(",");
            new TreeSet<>(countries).forEach(code -> stored.append(code).append(','));
            return stored.toString();
        }

        /** The search tokens, written out from the spec by hand. */
        Set<String> expectedTokens() {
            Set<String> tokens = new HashSet<>();
            tokens.add("lvl:" + level);
            if (countries == null) {
                tokens.add("rel:ALL");
            } else {
                countries.forEach(code -> tokens.add("rel:" + code));
            }
            return tokens;
        }

        @Override
        public String toString() {
            return level + "/" + (countries == null ? "ALL" : String.join("+", countries));
        }
    }

    /**
     * A reader as a test describes it.
     *
     * @param clearance the clearance level name
     * @param country   the country, or null for none
     * @param roles     the roles (which must not matter)
     */
    record ReaderSpec(String clearance, String country, Set<Role> roles) {

        static ReaderSpec of(String clearance, String country) {
            return new ReaderSpec(clearance, country, Set.of());
        }

        Reader toReader() {
            return new Reader(UUID.nameUUIDFromBytes(toString().getBytes()), country, Level.valueOf(clearance), roles);
        }

        RefReader toReference() {
            return new RefReader(rank(clearance), country == null ? NO_COUNTRY : country);
        }

        @Override
        public String toString() {
            return clearance + "@" + (country == null ? "no-country" : country) + (roles.isEmpty() ? "" : roles.toString());
        }
    }

    static List<RefLabel> references(List<LabelSpec> chain) {
        return chain.stream().map(LabelSpec::toReference).toList();
    }

    static List<Label> labels(List<LabelSpec> chain) {
        return chain.stream().map(LabelSpec::toLabel).toList();
    }

    // ------------------------------------------------------------------ the table dimensions

    /** Releasability cases of the exhaustive tables; null is ALL. */
    static final List<List<String>> TABLE_RELEASABILITIES = Arrays.asList(
            null, List.of("GBR"), List.of("GBR", "KEN"), List.of("KEN"), List.of("MYS", "IND", "CAN"));

    /** Reader countries of the exhaustive tables; null is "no country". */
    static final List<String> TABLE_COUNTRIES = Arrays.asList("GBR", "KEN", "MYS", null);

    /** Every level × every table releasability: 25 labels. */
    static List<LabelSpec> tableLabels() {
        List<LabelSpec> labels = new ArrayList<>();
        for (String level : LEVEL_NAMES) {
            for (List<String> countries : TABLE_RELEASABILITIES) {
                labels.add(new LabelSpec(level, countries));
            }
        }
        return labels;
    }

    /** Every level × every table country, without roles: 20 readers. */
    static List<ReaderSpec> tableReaders() {
        List<ReaderSpec> readers = new ArrayList<>();
        for (String level : LEVEL_NAMES) {
            for (String country : TABLE_COUNTRIES) {
                readers.add(ReaderSpec.of(level, country));
            }
        }
        return readers;
    }

    /** {@link #tableReaders()} once without roles and once with every role: 40 readers. */
    static List<ReaderSpec> tableReadersWithAndWithoutRoles() {
        List<ReaderSpec> readers = new ArrayList<>(tableReaders());
        for (ReaderSpec plain : tableReaders()) {
            readers.add(new ReaderSpec(plain.clearance(), plain.country(), EnumSet.allOf(Role.class)));
        }
        return readers;
    }
}
