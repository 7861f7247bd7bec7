package org.escape.platform;

import java.util.List;

/** The request is malformed or breaks a rule about its own content; nothing was written. */
public class InvalidRequestException extends EscapeException {

    private static final long serialVersionUID = 1L;

    /** One offending field and what is wrong with it, in words for the user. */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidRequestException(String message) {
        this(message, List.of());
    }

    public InvalidRequestException(String message, List<FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
