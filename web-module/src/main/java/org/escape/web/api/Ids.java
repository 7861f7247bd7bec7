package org.escape.web.api;

import java.util.UUID;
import org.escape.platform.InvalidRequestException;
import org.escape.platform.ItemNotFoundException;

/** Reads ids from paths and bodies: a malformed id in a path is simply a missing item. */
public final class Ids {

    private Ids() {
    }

    /** An id in a URL path; anything that is not a UUID names nothing (404, the same body as missing). */
    public static UUID path(String value) {
        try {
            return value == null || value.length() != 36 ? fail() : UUID.fromString(value);
        } catch (IllegalArgumentException notUuid) {
            return fail();
        }
    }

    /** An optional id in a request body; not a UUID → 400 on {@code field}. */
    public static UUID body(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException notUuid) {
            // fall through
        }
        throw new InvalidRequestException(field + " must be an id (a UUID).",
                java.util.List.of(new InvalidRequestException.FieldError(field, "not a UUID")));
    }

    private static UUID fail() {
        throw new ItemNotFoundException();
    }
}
