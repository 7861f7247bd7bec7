package org.escape.platform;

/** The caller exceeded a rate limit (429); {@link #retryAfterSeconds()} tells them when to try again. */
public class RateLimitedException extends EscapeException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public RateLimitedException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
