package org.escape.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.escape.access.Label;
import org.escape.platform.PageRequest;
import org.escape.searchindex.ItemType;

/**
 * One page of search results for a reader: only readable items, exact total, facet counts over
 * readable matches only.
 *
 * @param total           readable matches
 * @param items           this page
 * @param typeFacet       matches per item type token
 * @param tagFacet        matches per tag (lower-cased)
 * @param classificationFacet matches per level name
 * @param statusFacet     matches per status (lower-cased)
 * @param dateFacet       matches per {@link org.escape.searchindex.Recency} window ({@code day},
 *                        {@code week}, {@code month}, {@code year}: nested; {@code older})
 * @param request         the page asked for
 */
public record SearchPage(long total, List<Found> items, Map<String, Long> typeFacet, Map<String, Long> tagFacet,
                         Map<String, Long> classificationFacet, Map<String, Long> statusFacet, Map<String, Long> dateFacet,
                         PageRequest request) {

    /** Copies the items. */
    public SearchPage {
        items = List.copyOf(items);
    }

    /**
     * One hit.
     *
     * @param type      the item type
     * @param id        the item id
     * @param title     plain text
     * @param snippet   HTML: escaped text with {@code <mark>}
     * @param label     the effective label of the item's whole chain
     * @param url       the application path
     * @param score     ranking score (comparable within one result only)
     * @param updatedAt last change
     */
    public record Found(ItemType type, String id, String title, String snippet, Label label, String url, float score,
                        Instant updatedAt) {
    }
}
