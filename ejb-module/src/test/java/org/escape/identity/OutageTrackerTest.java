package org.escape.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutageTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void onlyTheFirstFailureOfAnOutageIsReported() {
        OutageTracker tracker = new OutageTracker();

        assertTrue(tracker.failed(T0));
        for (int poll = 1; poll <= 100; poll++) {
            assertFalse(tracker.failed(T0.plusSeconds(3L * poll)));
        }
        assertEquals(101, tracker.failures());
        assertTrue(tracker.inOutage());
    }

    @Test
    void recoveryReportsTheOutageLengthOnceAndANewOutageIsReportedAgain() {
        OutageTracker tracker = new OutageTracker();
        tracker.failed(T0);
        tracker.failed(T0.plusSeconds(3));

        assertEquals(Optional.of(Duration.ofSeconds(42)), tracker.succeeded(T0.plusSeconds(42)));
        assertEquals(Optional.empty(), tracker.succeeded(T0.plusSeconds(45)));
        assertFalse(tracker.inOutage());
        assertTrue(tracker.failed(T0.plusSeconds(60)));
    }

    @Test
    void successWithoutOutageReportsNothing() {
        assertEquals(Optional.empty(), new OutageTracker().succeeded(T0));
    }
}
