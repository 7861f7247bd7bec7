package org.escape.search;

import java.util.List;

/**
 * A search as the API receives it, unvalidated: {@link SearchService} checks it.
 *
 * @param q               the query text (cut to 1,000 characters)
 * @param types           item types ({@code forum_post, thread, incident, message, article}); each
 *                        entry may also be a comma-separated list
 * @param tags            tags
 * @param classifications levels
 * @param statuses        statuses
 * @param from            ISO-8601 date ({@code 2026-01-31}, start of day UTC) or instant, inclusive
 * @param to              ISO-8601 date (end of that day UTC) or instant, inclusive
 * @param page            page number as sent
 * @param size            page size as sent
 */
public record SearchCriteria(String q, List<String> types, List<String> tags, List<String> classifications,
                             List<String> statuses, String from, String to, String page, String size) {

    /** Null lists become empty. */
    public SearchCriteria {
        types = types == null ? List.of() : List.copyOf(types);
        tags = tags == null ? List.of() : List.copyOf(tags);
        classifications = classifications == null ? List.of() : List.copyOf(classifications);
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    /** Just a text, first page. */
    public static SearchCriteria of(String q) {
        return new SearchCriteria(q, null, null, null, null, null, null, null, null);
    }
}
