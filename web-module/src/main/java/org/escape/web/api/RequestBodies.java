package org.escape.web.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.escape.platform.InvalidRequestException;

/** Small checks every write endpoint needs on its JSON body before calling its service. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** An absent body ({@code null} or {@code "null"}) is a 400, not a server error. */
    public static void require(Object body) {
        if (body == null) {
            throw new InvalidRequestException("A JSON request body is required.");
        }
    }

    /** One constant of {@code type}, case-insensitively; anything else is a 400 listing the choices. */
    public static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        String choices = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value.strip().toUpperCase(Locale.ROOT))) {
                    return constant;
                }
            }
        }
        throw new InvalidRequestException(field + " must be one of " + choices + ".",
                List.of(new InvalidRequestException.FieldError(field, "one of " + choices)));
    }
}
