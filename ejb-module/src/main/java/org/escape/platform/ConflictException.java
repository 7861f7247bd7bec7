package org.escape.platform;

/** An illegal state change or an edit based on a stale revision; nothing was written. */
public class ConflictException extends EscapeException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
