package org.escape.searchindex;

import java.util.Objects;

/**
 * A completion offered while the user types: the title or a tag of a document the reader may
 * read.
 *
 * <p>Immutable and thread-safe.
 *
 * @param text the title or tag, as written
 * @param kind where it comes from
 */
public record Suggestion(String text, Kind kind) {

    /** Where a suggestion comes from. */
    public enum Kind {
        /** A document title. */
        TITLE,
        /** A tag. */
        TAG
    }

    /** Validates. */
    public Suggestion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
    }
}
