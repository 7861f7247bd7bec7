package org.escape.searchindex;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One search: what the user typed, exact filters, and the page wanted. The filters narrow the
 * readable matches: each non-empty set keeps documents having any of its values, and all given
 * filters must hold. They are {@code FILTER} clauses of the same query the security filter is in,
 * so totals and facets reflect them exactly.
 *
 * <p>Immutable and thread-safe. Start with {@link #of(String)} and refine with the
 * {@code with…} methods.
 *
 * @param text           the user's query text ({@link SafeQueryParser} syntax); blank lists
 *                       every readable document
 * @param types          item types to keep; empty for all
 * @param tags           tags to keep (case-insensitive); empty for all
 * @param levels         classification names to keep (e.g. {@code SECRET}); empty for all
 * @param statuses       statuses to keep (case-insensitive); empty for all
 * @param updatedFrom    earliest {@code updatedAt} kept, inclusive; null for no bound
 * @param updatedTo      latest {@code updatedAt} kept, inclusive; null for no bound
 * @param page           zero-based page number
 * @param size           hits per page, 1 to {@value #MAX_SIZE}
 * @param prefixLastWord whether the last typed word also matches as a prefix (search as you type)
 */
public record SearchRequest(
        String text,
        Set<ItemType> types,
        Set<String> tags,
        Set<String> levels,
        Set<String> statuses,
        Instant updatedFrom,
        Instant updatedTo,
        int page,
        int size,
        boolean prefixLastWord) {

    /** Largest page size. */
    public static final int MAX_SIZE = 100;
    /** Deepest hit reachable by paging ({@code (page + 1) * size}); deeper pages are empty but still counted. */
    public static final int MAX_WINDOW = 10_000;
    /** Default page size. */
    public static final int DEFAULT_SIZE = 20;

    private static final Pattern LEVEL_NAME = Pattern.compile("[A-Z][A-Z_]{0,39}");

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException when page or size is out of range, a level is not a level
     *                                  name, or the date range is reversed
     */
    public SearchRequest {
        text = text == null ? "" : text;
        types = types == null || types.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(types));
        tags = copy(tags, "tag");
        levels = copy(levels, "level");
        statuses = copy(statuses, "status");
        for (String level : levels) {
            if (!LEVEL_NAME.matcher(level).matches()) {
                throw new IllegalArgumentException("Not a level name: " + level);
            }
        }
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page must be >= 0 and size 1.." + MAX_SIZE);
        }
        if (updatedFrom != null && updatedTo != null && updatedTo.isBefore(updatedFrom)) {
            throw new IllegalArgumentException("updatedTo is before updatedFrom");
        }
    }

    /** The first page of {@value #DEFAULT_SIZE} hits for {@code text}, unfiltered. */
    public static SearchRequest of(String text) {
        return new SearchRequest(text, Set.of(), Set.of(), Set.of(), Set.of(), null, null, 0, DEFAULT_SIZE, false);
    }

    /** This request keeping only the given types. */
    public SearchRequest withTypes(Set<ItemType> newTypes) {
        return new SearchRequest(text, newTypes, tags, levels, statuses, updatedFrom, updatedTo, page, size, prefixLastWord);
    }

    /** This request keeping only the given tags. */
    public SearchRequest withTags(Set<String> newTags) {
        return new SearchRequest(text, types, newTags, levels, statuses, updatedFrom, updatedTo, page, size, prefixLastWord);
    }

    /** This request keeping only the given classification levels. */
    public SearchRequest withLevels(Set<String> newLevels) {
        return new SearchRequest(text, types, tags, newLevels, statuses, updatedFrom, updatedTo, page, size, prefixLastWord);
    }

    /** This request keeping only the given statuses. */
    public SearchRequest withStatuses(Set<String> newStatuses) {
        return new SearchRequest(text, types, tags, levels, newStatuses, updatedFrom, updatedTo, page, size, prefixLastWord);
    }

    /** This request keeping only documents updated within the range (either end may be null). */
    public SearchRequest withUpdated(Instant from, Instant to) {
        return new SearchRequest(text, types, tags, levels, statuses, from, to, page, size, prefixLastWord);
    }

    /** This request for another page. */
    public SearchRequest withPage(int newPage, int newSize) {
        return new SearchRequest(text, types, tags, levels, statuses, updatedFrom, updatedTo, newPage, newSize, prefixLastWord);
    }

    /** This request with search-as-you-type prefix matching of the last word on or off. */
    public SearchRequest withPrefixLastWord(boolean on) {
        return new SearchRequest(text, types, tags, levels, statuses, updatedFrom, updatedTo, page, size, on);
    }

    private static Set<String> copy(Set<String> values, String what) {
        if (values == null) {
            return Set.of();
        }
        Set<String> copy = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Blank " + what + " filter.");
            }
            copy.add(value.strip());
        }
        return Collections.unmodifiableSet(copy);
    }
}
