package org.escape.platform;

/** A dependency (database, identity provider) cannot be reached; the request may be retried. */
public class UnavailableException extends EscapeException {

    private static final long serialVersionUID = 1L;

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
