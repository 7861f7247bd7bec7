package org.escape.searchindex;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of item the index holds. Each kind has a lower-case {@linkplain #token() token}: the
 * value indexed in the type field, accepted by {@code type:} in query text and returned as a facet
 * value, so that the three always agree.
 *
 * <p>Immutable and thread-safe.
 */
public enum ItemType {
    /** A post in a forum thread. */
    FORUM_POST,
    /** A forum thread (its title and opening text). */
    THREAD,
    /** An incident room (title and summary). */
    INCIDENT,
    /** A chat message in an incident room. */
    MESSAGE,
    /** A knowledge-base article. */
    ARTICLE;

    private final String token = name().toLowerCase(Locale.ROOT);

    /** The indexed value, e.g. {@code forum_post}. */
    public String token() {
        return token;
    }

    /**
     * The type a user or caller named, by token or constant name in any case.
     *
     * @return empty when {@code text} names no type; never throws
     */
    public static Optional<ItemType> fromToken(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (ItemType type : values()) {
            if (type.token.equals(wanted)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
