package org.escape.web.api;

import java.util.List;

/**
 * A page of results as API.md defines it: {@code total} counts only what the caller may read.
 */
public record PageView<T>(List<T> items, long total, int page, int size) {

    /** The view of a service page, each item mapped by {@code view}. */
    public static <S, T> PageView<T> of(org.escape.platform.Page<S> page, java.util.function.Function<S, T> view) {
        return new PageView<>(page.items().stream().map(view).toList(), page.total(), page.request().page(),
                page.request().size());
    }
}
