package org.escape.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * R1 as search-index terms: the tokens a searchable document carries for its label, and the
 * filter a reader's query must pass. Pure data — plain strings and sets — so the search-index
 * module, which does not depend on this package, can turn them into Lucene terms in one
 * (untokenized, multi-valued) field and a {@code FILTER} clause per group.
 *
 * <p>A document carries exactly one level token and its releasability tokens:
 * <pre>
 *   SECRET//REL TO GBR, KEN   →  lvl:SECRET  rel:GBR  rel:KEN
 *   CONFIDENTIAL              →  lvl:CONFIDENTIAL  rel:ALL
 * </pre>
 * A reader's filter is two groups, each of which must match at least one token:
 * <pre>
 *   SECRET reader from KEN    →  any of {lvl:UNCLASSIFIED, lvl:RESTRICTED, lvl:CONFIDENTIAL, lvl:SECRET}
 *                                and any of {rel:ALL, rel:KEN}
 *   reader without a country  →  any of {lvl:...}  and  any of {rel:ALL}
 * </pre>
 * That is R1 for one label, term by term: "clearance covers classification" is "the document's
 * level is one of the levels up to the clearance", and "releasable to ALL or to the country" is
 * the second group. Level names, not ranks, are indexed so that a range query is never needed and
 * the filter is a handful of exact terms, cacheable per (clearance, country).
 *
 * <p>A document indexes the tokens of its {@linkplain Label#effective(List) effective label},
 * which R1 on the whole chain equals; {@link #forChain(List)} does that. When the chain's
 * countries have nothing in common the document gets {@value #NOBODY} instead of country tokens,
 * which no filter contains: nobody finds it, exactly as nobody may read it.
 *
 * <p>Stateless and thread-safe; returned sets are immutable.
 */
public final class LabelTokens {

    /** Prefix of the level token. */
    public static final String LEVEL_PREFIX = "lvl:";
    /** Prefix of the releasability tokens. */
    public static final String RELEASABILITY_PREFIX = "rel:";
    /** The releasability token of a label releasable to every country. */
    public static final String ALL = RELEASABILITY_PREFIX + CountryCode.ALL;
    /**
     * The releasability token of a document under a chain nobody may read. It cannot collide with
     * a country token: country codes have three letters.
     */
    public static final String NOBODY = RELEASABILITY_PREFIX + "NOBODY";

    private LabelTokens() {
    }

    /** The tokens a document labelled {@code label} carries. */
    public static Set<String> forItem(Label label) {
        Objects.requireNonNull(label, "label");
        Set<String> tokens = new LinkedHashSet<>();
        tokens.add(LEVEL_PREFIX + label.classification().name());
        switch (label.releasableTo()) {
            case Releasability.All all -> tokens.add(ALL);
            case Releasability.Countries countries ->
                    countries.codes().forEach(code -> tokens.add(RELEASABILITY_PREFIX + code));
        }
        return Collections.unmodifiableSet(tokens);
    }

    /**
     * The tokens of a document whose item sits under containers: those of the chain's
     * {@linkplain Label#effective(List) effective label}, or the highest level and
     * {@value #NOBODY} when no country may read the chain.
     *
     * @throws IllegalArgumentException when the chain is empty
     */
    public static Set<String> forChain(List<Label> chain) {
        return Label.effective(chain).map(LabelTokens::forItem).orElseGet(() -> {
            Level highest = chain.stream().map(Label::classification).reduce(Level.UNCLASSIFIED, Level::higher);
            return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(LEVEL_PREFIX + highest.name(), NOBODY)));
        });
    }

    /** The filter a query on behalf of {@code reader} must carry. Roles play no part. */
    public static ReaderFilter readerFilter(Reader reader) {
        Objects.requireNonNull(reader, "reader");
        Set<String> levels = new LinkedHashSet<>();
        for (Level level : Level.values()) {
            if (reader.clearance().covers(level)) {
                levels.add(LEVEL_PREFIX + level.name());
            }
        }
        Set<String> releasability = new LinkedHashSet<>();
        releasability.add(ALL);
        if (reader.hasCountry()) {
            releasability.add(RELEASABILITY_PREFIX + reader.country());
        }
        return new ReaderFilter(List.of(levels, releasability));
    }

    /**
     * A conjunction of groups; a document passes when, for every group, it carries at least one
     * of the group's tokens. Equal for all readers with the same clearance and country, so it
     * can key a per-profile filter cache.
     *
     * @param requiredAnyOf the groups, each non-empty; copied
     */
    public record ReaderFilter(List<Set<String>> requiredAnyOf) {

        /** Copies the groups; an empty group would match nothing and is refused as a bug. */
        public ReaderFilter {
            List<Set<String>> groups = new ArrayList<>();
            for (Set<String> group : Objects.requireNonNull(requiredAnyOf, "requiredAnyOf")) {
                if (group.isEmpty()) {
                    throw new IllegalArgumentException("A filter group must name at least one token.");
                }
                groups.add(Collections.unmodifiableSet(new LinkedHashSet<>(group)));
            }
            requiredAnyOf = List.copyOf(groups);
        }

        /**
         * True when a document carrying {@code itemTokens} passes this filter; what the Lucene
         * filter must compute, stated without Lucene so tests can compare it with R1.
         */
        public boolean matches(Set<String> itemTokens) {
            Objects.requireNonNull(itemTokens, "itemTokens");
            return requiredAnyOf.stream().allMatch(group -> group.stream().anyMatch(itemTokens::contains));
        }
    }
}
