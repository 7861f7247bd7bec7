package org.escape.platform;

import java.util.List;
import java.util.function.Function;

/** One page of a listing; {@code total} counts only what the caller may read. */
public record Page<T>(List<T> items, long total, PageRequest request) {

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), total, request);
    }
}
