package org.escape.platform;

import java.util.List;

/** One page of a listing; {@code total} counts only what the caller may read. */
public record Page<T>(List<T> items, long total, PageRequest request) {

    public Page {
        items = List.copyOf(items);
    }
}
