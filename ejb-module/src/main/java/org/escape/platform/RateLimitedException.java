package org.escape.platform;

/** The caller exceeded a rate limit (429); {@link #retryAfterSeconds()} tells them when to try again. */
public class RateLimitedException extends EscapeException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;
    private final boolean firstInWindow;
    private final long refusedSinceLastRecord;

    public RateLimitedException(String message, long retryAfterSeconds) {
        this(message, retryAfterSeconds, false, 0);
    }

    /**
     * @param firstInWindow          true for the first refusal of this user in the current recording
     *                               window: the one to put in the audit trail
     * @param refusedSinceLastRecord refusals of this user not recorded since the last recorded one
     */
    public RateLimitedException(String message, long retryAfterSeconds, boolean firstInWindow,
                                long refusedSinceLastRecord) {
        super(message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        this.firstInWindow = firstInWindow;
        this.refusedSinceLastRecord = refusedSinceLastRecord;
    }

    /** Whether this refusal should be recorded (one per user per window, so a flood cannot flood the trail). */
    public boolean firstInWindow() {
        return firstInWindow;
    }

    public long refusedSinceLastRecord() {
        return refusedSinceLastRecord;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
