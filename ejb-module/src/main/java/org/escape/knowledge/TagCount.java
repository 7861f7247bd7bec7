package org.escape.knowledge;

/** A tag and how many published articles the caller may read carry it. */
public record TagCount(String tag, long count) {
}
