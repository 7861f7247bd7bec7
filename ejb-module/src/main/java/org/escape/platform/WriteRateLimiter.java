package org.escape.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Per-user limit on writes (threads, posts, edits, deletes, moderation), so one runaway script
 * cannot flood a forum or a room: a token bucket per user, refilled continuously.
 *
 * <p>Configured by the MicroProfile Config keys {@value #RATE_KEY} (default
 * {@value #DEFAULT_PER_MINUTE}) and {@value #BURST_KEY} (default {@value #DEFAULT_BURST}), read
 * once at start. In memory and per server: a restart forgives everyone, which is acceptable for
 * a flood guard (it is not a quota).
 *
 * <p>Refusals are meant for the audit trail, but a flood of them must not become a flood of audit
 * writes: the first refusal of a user in each {@value #RECORD_WINDOW_SECONDS}-second window is
 * marked {@link RateLimitedException#firstInWindow() for recording}, carrying how many refusals
 * went unrecorded since the previous record; the others are only logged.
 *
 * <p>Thread-safe: buckets live in a concurrent map and each is updated under its own monitor,
 * never across I/O.
 */
@ApplicationScoped
public class WriteRateLimiter {

    public static final String RATE_KEY = "escape.limits.writes-per-minute";
    public static final String BURST_KEY = "escape.limits.write-burst";
    static final int DEFAULT_PER_MINUTE = 60;
    static final int DEFAULT_BURST = 20;
    private static final int MAX_TRACKED_USERS = 50_000;
    static final long RECORD_WINDOW_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(WriteRateLimiter.class.getName());

    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();
    private double tokensPerNano;
    private double burst;

    @PostConstruct
    protected void configure() {
        configure(RATE_KEY, DEFAULT_PER_MINUTE, BURST_KEY, DEFAULT_BURST, "Write");
    }

    /** Reads the limits from MicroProfile Config; subclasses limit other kinds of writes with other keys. */
    protected void configure(String rateKey, int defaultPerMinute, String burstKey, int defaultBurst, String what) {
        var config = ConfigProvider.getConfig();
        int perMinute = Math.max(1, config.getOptionalValue(rateKey, Integer.class).orElse(defaultPerMinute));
        int burstSize = Math.max(1, config.getOptionalValue(burstKey, Integer.class).orElse(defaultBurst));
        configure(perMinute, burstSize);
        LOG.info(() -> what + " rate limit per user: burst " + burstSize + ", " + perMinute + " per minute");
    }

    void configure(int perMinute, int burstSize) {
        this.tokensPerNano = perMinute / 60e9;
        this.burst = burstSize;
    }

    /**
     * Takes one write from {@code user}'s bucket.
     *
     * @throws RateLimitedException when the bucket is empty, with the seconds until it holds one again
     */
    public void acquire(UUID user) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_TRACKED_USERS) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        Bucket bucket = buckets.computeIfAbsent(user, id -> new Bucket(burst, now));
        long waitNanos = bucket.take(now);
        if (waitNanos > 0) {
            long unrecorded = bucket.refusal(now);
            LOG.fine(() -> getClass().getSimpleName() + ": limit reached by user " + user);
            throw new RateLimitedException(refusal(),
                    (long) Math.ceil(waitNanos / 1e9), unrecorded >= 0, Math.max(0, unrecorded));
        }
    }

    /** What a refused caller is told; subclasses name what they limit. */
    protected String refusal() {
        return "You are writing too fast. Wait a moment and try again.";
    }

    private final class Bucket {
        private double tokens;
        private long updatedAt;
        private long recordedAt;
        private boolean everRecorded;
        private long unrecorded;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        /** 0 when a token was taken, otherwise the nanoseconds until one is available. */
        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / tokensPerNano);
        }

        /** Counts a refusal: the unrecorded count before it when it is to be recorded, else -1. */
        synchronized long refusal(long now) {
            if (!everRecorded || now - recordedAt >= RECORD_WINDOW_SECONDS * 1_000_000_000L) {
                long before = unrecorded;
                everRecorded = true;
                recordedAt = now;
                unrecorded = 0;
                return before;
            }
            unrecorded++;
            return -1;
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - updatedAt) * tokensPerNano);
            updatedAt = now;
        }
    }
}
