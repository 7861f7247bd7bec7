package org.escape.platform;

/** Something the caller sent is larger than its documented limit (413). */
public class PayloadTooLargeException extends EscapeException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
