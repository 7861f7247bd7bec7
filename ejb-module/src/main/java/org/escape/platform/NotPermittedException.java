package org.escape.platform;

/**
 * The caller lacks the role a <em>function</em> needs (for example importing as a non-admin).
 * Never used for content the caller may not read: that is {@link ItemNotFoundException}.
 */
public class NotPermittedException extends EscapeException {

    private static final long serialVersionUID = 1L;

    public NotPermittedException(String message) {
        super(message);
    }
}
