package org.escape.platform;

import java.util.List;

/**
 * Which page of a listing the caller asked for, checked once for every listing:
 * {@code page ≥ 0}, {@code 1 ≤ size ≤ 100} (API.md).
 */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;

    public PageRequest {
        if (page < 0 || page > 100_000) {
            throw new InvalidRequestException("page must be between 0 and 100000.",
                    List.of(new InvalidRequestException.FieldError("page", "must be between 0 and 100000")));
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidRequestException("size must be between 1 and " + MAX_SIZE + ".",
                    List.of(new InvalidRequestException.FieldError("size", "must be between 1 and " + MAX_SIZE)));
        }
    }

    /** From optional query parameters, with the defaults for absent ones. */
    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    /** From query parameters as sent: absent → defaults, not a number → 400 naming the parameter. */
    public static PageRequest parse(String page, String size) {
        return of(number("page", page), number("size", size));
    }

    private static Integer number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field + " must be a whole number.",
                    List.of(new InvalidRequestException.FieldError(field, "not a whole number")));
        }
    }

    public int offset() {
        return page * size;
    }
}
