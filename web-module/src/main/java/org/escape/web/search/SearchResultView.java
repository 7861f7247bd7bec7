package org.escape.web.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.escape.search.SearchPage;
import org.escape.web.api.LabelView;

/**
 * A page of search results as API.md defines it, plus {@code page} and {@code size} as every page
 * carries them. Facets are {@code type}, {@code tag}, {@code classification} and {@code status}:
 * value → count of readable matches, most frequent first; and {@code date}: window ({@code day},
 * {@code week}, {@code month}, {@code year}, {@code older}) → count, in that order, the "past"
 * windows nested. Values with no readable match are absent.
 */
public record SearchResultView(long total, List<Hit> items, Facets facets, int page, int size) {

    static SearchResultView of(SearchPage page) {
        return new SearchResultView(page.total(), page.items().stream().map(Hit::of).toList(),
                new Facets(page.typeFacet(), page.tagFacet(), page.classificationFacet(), page.statusFacet(), page.dateFacet()),
                page.request().page(),
                page.request().size());
    }

    /** One hit: {@code snippet} is HTML (escaped text and {@code <mark>}), {@code title} plain text. */
    public record Hit(String type, String id, String title, String snippet, LabelView label, String marking, String url,
                      float score, Instant updatedAt) {

        static Hit of(SearchPage.Found found) {
            return new Hit(found.type().token(), found.id(), found.title(), found.snippet(), LabelView.of(found.label()),
                    found.label().marking(), found.url(), found.score(), found.updatedAt());
        }
    }

    /** Facet counts. */
    public record Facets(Map<String, Long> type, Map<String, Long> tag, Map<String, Long> classification,
                         Map<String, Long> status, Map<String, Long> date) {
    }
}
