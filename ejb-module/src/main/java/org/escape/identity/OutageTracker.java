package org.escape.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a stream of poll outcomes into outage boundaries, so the log says once "Keycloak is
 * unreachable" and once "reachable again after 42 s" instead of one line every few seconds.
 *
 * <p>Not thread-safe; identity sync calls it from one timer callback at a time.
 */
public final class OutageTracker {

    private Instant since;
    private long failures;

    /**
     * Records a failed attempt.
     *
     * @param now when it failed
     * @return true for the first failure of an outage (the one to log)
     */
    public boolean failed(Instant now) {
        failures++;
        if (since == null) {
            since = now;
            return true;
        }
        return false;
    }

    /**
     * Records a successful attempt.
     *
     * @param now when it succeeded
     * @return how long the outage that just ended lasted, or empty when there was none
     */
    public Optional<Duration> succeeded(Instant now) {
        if (since == null) {
            return Optional.empty();
        }
        Duration length = Duration.between(since, now);
        since = null;
        failures = 0;
        return Optional.of(length);
    }

    /** True while an outage is going on. */
    public boolean inOutage() {
        return since != null;
    }

    /** Failed attempts in the current outage (0 when there is none). */
    public long failures() {
        return failures;
    }
}
