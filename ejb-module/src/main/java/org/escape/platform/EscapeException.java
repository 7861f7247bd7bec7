package org.escape.platform;

import jakarta.ejb.ApplicationException;

/**
 * The one root of every exception the application throws on purpose. It is unchecked and rolls
 * the surrounding transaction back, so a refused request never leaves a partial write behind.
 *
 * <p>The message is written for the user who sent the request: the web boundary copies it into the
 * {@code detail} of the problem+json answer. Never put content, SQL, class names or another
 * user's attributes in it.
 */
@ApplicationException(rollback = true, inherited = true)
public class EscapeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EscapeException(String message) {
        super(message);
    }

    public EscapeException(String message, Throwable cause) {
        super(message, cause);
    }
}
