package org.escape.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * To whom a labelled item may be released: either {@linkplain #ALL every country}, or a non-empty
 * set of ISO 3166-1 alpha-3 country codes.
 *
 * <p>The two cases are separate types on purpose. The tempting shortcut "an empty country list
 * means all" turns every forgotten list into a leak, and a subset test written over such lists
 * ({@code a.containsAll(b)}) silently answers "ALL is within {GBR}". Here {@link All} has no
 * country list to misuse; ask {@link #permits(String)}, {@link #isWithin(Releasability)} and
 * {@link #intersection(Releasability)} instead, or switch over the two cases.
 *
 * <p>Instances are immutable and thread-safe.
 */
public sealed interface Releasability permits Releasability.All, Releasability.Countries {

    /** Every country, and also readers without a country. Written {@code ["ALL"]} in the API. */
    Releasability ALL = All.EVERY_COUNTRY;

    /**
     * The most countries one list may name. ISO 3166-1 assigns 249 codes, so a longer list is not
     * a real releasability; the bound also bounds the stored column and the marking.
     */
    int MAX_COUNTRIES = 256;

    /**
     * Parses the API form of a releasability: {@code ["ALL"]} for every country, otherwise one or
     * more alpha-3 country codes. Each entry is read as {@link CountryCode#parse(String)} reads it
     * (surrounding blanks and lower case are forgiven), the result is sorted.
     *
     * @throws InvalidLabelException when the list is null or empty, mixes {@code ALL} with
     *         countries, contains a blank, malformed or repeated entry, or is longer than
     *         {@link #MAX_COUNTRIES}; the message says which
     */
    static Releasability of(Collection<String> entries) {
        if (entries == null) {
            throw invalid("releasableTo is required: list country codes such as [\"GBR\", \"KEN\"], "
                    + "or [\"ALL\"] for every country.");
        }
        if (entries.isEmpty()) {
            throw invalid("releasableTo must not be empty: list country codes such as [\"GBR\", \"KEN\"], "
                    + "or [\"ALL\"] for every country.");
        }
        if (entries.size() > MAX_COUNTRIES) {
            throw invalid("releasableTo lists " + entries.size() + " entries; at most " + MAX_COUNTRIES
                    + " are allowed.");
        }
        List<String> normalized = new ArrayList<>(entries.size());
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                throw invalid("releasableTo contains an empty entry.");
            }
            normalized.add(entry.trim().toUpperCase(Locale.ROOT));
        }
        if (normalized.contains(CountryCode.ALL)) {
            if (normalized.size() > 1) {
                throw invalid("ALL cannot be combined with country codes in releasableTo: "
                        + "use [\"ALL\"] alone, or list the countries.");
            }
            return ALL;
        }
        SortedSet<String> codes = new TreeSet<>();
        for (String entry : entries) {
            String code = CountryCode.parse(entry).orElseThrow(() -> invalid(InvalidLabelException.quote(entry)
                    + " in releasableTo is not an ISO 3166-1 alpha-3 country code (three letters, such as GBR)."));
            if (!codes.add(code)) {
                throw invalid(code + " appears more than once in releasableTo.");
            }
        }
        return new Countries(codes);
    }

    /** {@link #of(Collection)} for a literal list: {@code Releasability.of("GBR", "KEN")}. */
    static Releasability of(String... entries) {
        return of(entries == null ? null : Arrays.asList(entries));
    }

    /**
     * True when this releasability lets a reader from {@code country} see the item. A reader
     * without a country ({@code null}) is permitted only {@link #ALL} items.
     *
     * @param country an alpha-3 code as {@link CountryCode#parse(String)} returns it, or null
     */
    boolean permits(String country);

    /**
     * True when this set of countries is a subset of {@code other}'s, counting {@link #ALL} as the
     * set of every country: a country list is within ALL, ALL is within no country list.
     * This is the releasability half of "dominates".
     */
    boolean isWithin(Releasability other);

    /**
     * The countries both permit, or empty when they share none (an item under both may then be
     * read by nobody at all).
     */
    Optional<Releasability> intersection(Releasability other);

    /** The API form: {@code ["ALL"]}, or the country codes in alphabetical order. */
    List<String> asList();

    /** True for {@link #ALL}. */
    default boolean isAll() {
        return this instanceof All;
    }

    private static InvalidLabelException invalid(String message) {
        return new InvalidLabelException(InvalidLabelException.RELEASABLE_TO, message);
    }

    /** Every country: the single value of {@link Releasability#ALL}. */
    enum All implements Releasability {
        EVERY_COUNTRY;

        @Override
        public boolean permits(String country) {
            return true;
        }

        @Override
        public boolean isWithin(Releasability other) {
            // ALL is within ALL only: no finite list contains every country.
            return other instanceof All;
        }

        @Override
        public Optional<Releasability> intersection(Releasability other) {
            return Optional.of(Objects.requireNonNull(other, "other"));
        }

        @Override
        public List<String> asList() {
            return List.of(CountryCode.ALL);
        }

        @Override
        public String toString() {
            return CountryCode.ALL;
        }
    }

    /**
     * A non-empty, alphabetically sorted set of country codes.
     *
     * @param codes alpha-3 codes in the canonical upper-case form; copied, so the record never
     *              shares a mutable set with its creator
     */
    record Countries(SortedSet<String> codes) implements Releasability {

        /**
         * @throws InvalidLabelException when {@code codes} is empty, longer than
         *         {@link #MAX_COUNTRIES}, or holds anything but canonical alpha-3 codes; use
         *         {@link Releasability#of(Collection)} to parse untrusted input
         */
        public Countries {
            Objects.requireNonNull(codes, "codes");
            if (codes.isEmpty()) {
                throw invalid("releasableTo must name at least one country.");
            }
            if (codes.size() > MAX_COUNTRIES) {
                throw invalid("releasableTo lists " + codes.size() + " countries; at most " + MAX_COUNTRIES
                        + " are allowed.");
            }
            // A new TreeSet with natural ordering: a caller's set with a custom comparator could
            // otherwise reorder the marking or make two equal labels compare unequal.
            TreeSet<String> copy = new TreeSet<>();
            for (String code : codes) {
                if (code == null || CountryCode.parse(code).filter(code::equals).isEmpty()) {
                    throw invalid(InvalidLabelException.quote(code)
                            + " is not an upper-case ISO 3166-1 alpha-3 country code.");
                }
                copy.add(code);
            }
            codes = Collections.unmodifiableSortedSet(copy);
        }

        @Override
        public boolean permits(String country) {
            return country != null && codes.contains(country);
        }

        @Override
        public boolean isWithin(Releasability other) {
            return switch (Objects.requireNonNull(other, "other")) {
                case All all -> true;
                case Countries wider -> wider.codes.containsAll(codes);
            };
        }

        @Override
        public Optional<Releasability> intersection(Releasability other) {
            return switch (Objects.requireNonNull(other, "other")) {
                case All all -> Optional.of(this);
                case Countries that -> {
                    TreeSet<String> common = new TreeSet<>(codes);
                    common.retainAll(that.codes);
                    yield common.isEmpty() ? Optional.empty() : Optional.of(new Countries(common));
                }
            };
        }

        @Override
        public List<String> asList() {
            return List.copyOf(codes);
        }

        @Override
        public String toString() {
            return String.join(", ", codes);
        }
    }
}
