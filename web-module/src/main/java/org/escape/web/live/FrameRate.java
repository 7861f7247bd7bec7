package org.escape.web.live;

/**
 * The per-socket flood guard: a token bucket of frames. Over the limit a frame is refused
 * ({@code rate_limited}); a client that keeps flooding long after being told is disconnected.
 *
 * <p>Not thread-safe: a socket's frames arrive one at a time.
 */
final class FrameRate {

    private final double perNano;
    private final double burst;
    private final int toleratedRefusals;
    private double tokens;
    private long updatedAt = System.nanoTime();
    private int refusals;

    FrameRate(int perSecond, int burst, int toleratedRefusals) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.toleratedRefusals = toleratedRefusals;
    }

    /** Takes a frame; false when over the limit. */
    boolean take() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - updatedAt) * perNano);
        updatedAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        refusals++;
        return false;
    }

    /** Whether the client has ignored refusals for too long. */
    boolean exhausted() {
        return refusals > toleratedRefusals;
    }

    /** Whether this refusal is worth an error frame (the first, then one in fifty). */
    boolean shouldTell() {
        return refusals == 1 || refusals % 50 == 0;
    }
}
