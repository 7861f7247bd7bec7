package org.escape.web.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The per-socket frame bucket: a burst passes, a flood is refused and, ignored long enough, ends the socket. */
class FrameRateTest {

    @Test
    void aBurstPassesThenFramesAreRefusedAndAFloodExhaustsTheSocket() {
        FrameRate rate = new FrameRate(20, 60, 200);
        for (int i = 0; i < 60; i++) {
            assertTrue(rate.take(), "frame " + i + " of the burst");
        }
        assertFalse(rate.take());
        assertTrue(rate.shouldTell(), "the first refusal is told");
        for (int i = 0; i < 200; i++) {
            rate.take();
        }
        assertTrue(rate.exhausted());
    }

    @Test
    void theBucketRefills() throws InterruptedException {
        FrameRate rate = new FrameRate(1000, 5, 10);
        for (int i = 0; i < 5; i++) {
            rate.take();
        }
        Thread.sleep(20);
        assertTrue(rate.take());
        assertFalse(rate.exhausted());
    }
}
