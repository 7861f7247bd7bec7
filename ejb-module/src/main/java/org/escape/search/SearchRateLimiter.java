package org.escape.search;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.escape.platform.WriteRateLimiter;

/**
 * The per-user flood guard for searches and suggestions: generous for a person typing (suggestions
 * follow keystrokes), a wall for a runaway script. Its own bucket, {@value #RATE_KEY} (default
 * {@value #DEFAULT_PER_MINUTE}, i.e. 20 a second) and {@value #BURST_KEY} (default
 * {@value #DEFAULT_BURST}); a refusal is 429 with {@code Retry-After}, and the first in a window is
 * audited as {@code search.rate-limited}.
 */
@ApplicationScoped
@Typed(SearchRateLimiter.class)
public class SearchRateLimiter extends WriteRateLimiter {

    public static final String RATE_KEY = "escape.search.queries-per-minute";
    public static final String BURST_KEY = "escape.search.query-burst";
    static final int DEFAULT_PER_MINUTE = 1_200;
    static final int DEFAULT_BURST = 120;

    @PostConstruct
    @Override
    protected void configure() {
        configure(RATE_KEY, DEFAULT_PER_MINUTE, BURST_KEY, DEFAULT_BURST, "Search");
    }

    @Override
    protected String refusal() {
        return "You are searching too fast. Wait a moment and try again.";
    }
}
