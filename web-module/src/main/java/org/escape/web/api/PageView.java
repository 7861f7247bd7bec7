package org.escape.web.api;

import java.util.List;

/**
 * A page of results as API.md defines it: {@code total} counts only what the caller may read.
 */
public record PageView<T>(List<T> items, long total, int page, int size) {
}
