package org.escape.platform;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class WriteRateLimiterTest {

    @Test
    void allowsTheBurstThenRefusesWithRetryAfter() {
        WriteRateLimiter limiter = new WriteRateLimiter();
        limiter.configure(6, 3); // one token every 10 s
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertDoesNotThrow(() -> limiter.acquire(user));
        }
        RateLimitedException refused = assertThrows(RateLimitedException.class, () -> limiter.acquire(user));
        assertTrue(refused.retryAfterSeconds() >= 9 && refused.retryAfterSeconds() <= 10,
                "retry after " + refused.retryAfterSeconds());
    }

    @Test
    void bucketsArePerUser() {
        WriteRateLimiter limiter = new WriteRateLimiter();
        limiter.configure(1, 1);
        UUID first = UUID.randomUUID();
        limiter.acquire(first);
        assertThrows(RateLimitedException.class, () -> limiter.acquire(first));
        assertDoesNotThrow(() -> limiter.acquire(UUID.randomUUID()));
    }

    @Test
    void refillsOverTime() throws InterruptedException {
        WriteRateLimiter limiter = new WriteRateLimiter();
        limiter.configure(60_000, 1); // one token per millisecond
        UUID user = UUID.randomUUID();
        limiter.acquire(user);
        Thread.sleep(5);
        assertDoesNotThrow(() -> limiter.acquire(user));
    }

    @Test
    void onlyTheFirstRefusalInAWindowIsMarkedForTheAuditTrail() {
        WriteRateLimiter limiter = new WriteRateLimiter();
        limiter.configure(1, 1);
        UUID user = UUID.randomUUID();
        limiter.acquire(user);
        RateLimitedException first = assertThrows(RateLimitedException.class, () -> limiter.acquire(user));
        assertTrue(first.firstInWindow());
        for (int i = 0; i < 5; i++) {
            RateLimitedException later = assertThrows(RateLimitedException.class, () -> limiter.acquire(user));
            assertTrue(!later.firstInWindow());
        }
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        assertEquals(1, new RateLimitedException("x", 0).retryAfterSeconds());
    }
}
