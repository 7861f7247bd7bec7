package org.escape.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Classification levels, ranked from least to most sensitive. The declaration order is the rank:
 * {@code UNCLASSIFIED < RESTRICTED < CONFIDENTIAL < SECRET < TOP_SECRET}.
 *
 * <p>Immutable and thread-safe.
 */
public enum Level {
    UNCLASSIFIED,
    RESTRICTED,
    CONFIDENTIAL,
    SECRET,
    TOP_SECRET;

    /** The rank used in comparisons and in SQL filters: 0 for UNCLASSIFIED up to 4 for TOP_SECRET. */
    public int rank() {
        return ordinal();
    }

    /**
     * The level with that rank, the inverse of {@link #rank()}; used when reading a stored
     * {@code classification_rank} back.
     *
     * @throws IllegalArgumentException when {@code rank} is not between 0 and 4: a stored rank
     *         outside that range is corrupt data and must not be guessed at
     */
    public static Level fromRank(int rank) {
        Level[] levels = values();
        if (rank < 0 || rank >= levels.length) {
            throw new IllegalArgumentException(
                    "Classification rank " + rank + " is out of range 0.." + (levels.length - 1) + ".");
        }
        return levels[rank];
    }

    /** The more sensitive of two levels (the first when they are equal). */
    public static Level higher(Level a, Level b) {
        return a.rank() >= b.rank() ? a : b;
    }

    /** True when a holder of this clearance may read an item classified at {@code classification}. */
    public boolean covers(Level classification) {
        return rank() >= classification.rank();
    }

    /**
     * Parses a level name as Keycloak and the API write it ({@code "SECRET"}, {@code "TOP_SECRET"});
     * case and surrounding white space are forgiven, anything else is empty.
     */
    public static Optional<Level> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normalized = name.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
        return Arrays.stream(values()).filter(level -> level.name().equals(normalized)).findFirst();
    }
}
