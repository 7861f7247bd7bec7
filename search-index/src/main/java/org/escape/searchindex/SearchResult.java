package org.escape.searchindex;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One page of readable matches. Everything in it is computed inside the reader's filtered query:
 * {@link #total()} and every facet count are exact counts of readable matches, so a reader cannot
 * learn from them that anything else exists.
 *
 * <p>Immutable and thread-safe.
 *
 * @param total  the exact number of readable documents matching the request
 * @param hits   the requested page, best first
 * @param facets counts per value over all readable matches (not just this page)
 */
public record SearchResult(long total, List<Hit> hits, FacetCounts facets) {

    /** Copies. */
    public SearchResult {
        hits = List.copyOf(hits);
        Objects.requireNonNull(facets, "facets");
    }

    /**
     * One match.
     *
     * @param type           the item type
     * @param id             the item id
     * @param title          the title, plain text (the client escapes it)
     * @param snippet        an HTML fragment from the item's body: matches wrapped in
     *                       {@code <mark>}, everything else HTML-escaped; safe to insert as HTML
     * @param securityTokens the item's security tokens
     * @param level          the item's classification, e.g. {@code SECRET}
     * @param url            the item's application path
     * @param score          the ranking score (only comparable within one result)
     * @param updatedAt      the item's last change
     */
    public record Hit(ItemType type, String id, String title, String snippet, Set<String> securityTokens,
                      String level, String url, float score, Instant updatedAt) {

        /** Copies. */
        public Hit {
            securityTokens = Set.copyOf(securityTokens);
        }
    }

    /**
     * Facet counts over the readable matches, each map ordered by count descending, then value,
     * except {@code date}, which is in {@link Recency} order. Values absent from every readable
     * match are absent from the map (never a zero count).
     *
     * @param type   per {@link ItemType#token()}
     * @param tag    per lower-cased tag
     * @param level  per classification name (from the {@code lvl:} token)
     * @param status per lower-cased status
     * @param date   per {@link Recency#token()}: matches last changed within each window of the
     *               search's time; the "past" windows are nested, so they add up to more than
     *               the total, while {@code year + older} is the total
     */
    public record FacetCounts(Map<String, Long> type, Map<String, Long> tag, Map<String, Long> level,
                              Map<String, Long> status, Map<String, Long> date) {

        /** Keeps the maps, which the index builds unmodifiable and ordered. */
        public FacetCounts {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(date, "date");
        }
    }
}
