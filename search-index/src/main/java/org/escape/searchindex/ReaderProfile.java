package org.escape.searchindex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is searching, as the index sees it: a conjunction of "any-of" token groups, exactly the
 * shape of the access module's {@code LabelTokens.ReaderFilter} (for a reader with clearance
 * SECRET from KEN: any of {@code lvl:UNCLASSIFIED … lvl:SECRET} and any of {@code rel:ALL,
 * rel:KEN}; for an incident member, a further group with the incident's access tokens). A
 * document is readable when, for every group, it carries at least one of the group's tokens.
 *
 * <p>The groups are normalised (tokens sorted, groups sorted) so that two readers with the same
 * clearance and country produce equal profiles: the profile is the key of the per-segment filter
 * cache, and equal keys share one cached bitset.
 *
 * <p>There is no profile without groups: "no restriction" cannot be expressed, so no caller can
 * obtain an unfiltered search by passing an empty list.
 *
 * <p>Immutable and thread-safe.
 *
 * @param requiredAnyOf the groups; at least one, each non-empty, no blank token
 */
public record ReaderProfile(List<Set<String>> requiredAnyOf) {

    /**
     * Validates, normalises and copies.
     *
     * @throws IllegalArgumentException when there is no group, a group is empty or a token blank
     */
    public ReaderProfile {
        Objects.requireNonNull(requiredAnyOf, "requiredAnyOf");
        if (requiredAnyOf.isEmpty()) {
            throw new IllegalArgumentException("A reader profile needs at least one token group.");
        }
        List<Set<String>> groups = new ArrayList<>();
        for (Set<String> group : requiredAnyOf) {
            TreeSet<String> copy = new TreeSet<>();
            for (String token : Objects.requireNonNull(group, "group")) {
                if (token == null || token.isBlank()) {
                    throw new IllegalArgumentException("Blank token in a reader profile.");
                }
                copy.add(token);
            }
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("A reader profile group must name at least one token.");
            }
            groups.add(Collections.unmodifiableSortedSet(copy));
        }
        groups.sort(Comparator.comparing(Object::toString));
        requiredAnyOf = List.copyOf(groups);
    }

    /** A profile from groups given as varargs, for tests and small callers. */
    @SafeVarargs
    public static ReaderProfile of(Set<String>... groups) {
        return new ReaderProfile(List.of(groups));
    }

    /**
     * True when a document carrying {@code tokens} is readable: the rule the Lucene filter
     * computes, stated without Lucene so that tests can compare the two.
     */
    public boolean matches(Set<String> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        return requiredAnyOf.stream().allMatch(group -> group.stream().anyMatch(tokens::contains));
    }
}
