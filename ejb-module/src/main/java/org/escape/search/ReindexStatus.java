package org.escape.search;

import java.time.Instant;

/**
 * Where the latest full rebuild of the index stands.
 *
 * @param state      IDLE (none since start-up), RUNNING, DONE or FAILED
 * @param processed  documents written so far
 * @param total      documents expected (an upper bound: hidden and deleted items are counted but
 *                   not written)
 * @param startedAt  when it started, or null
 * @param finishedAt when it finished, or null
 * @param message    a short human note (why it ran, or that it failed — details in the server log)
 */
public record ReindexStatus(State state, long processed, long total, Instant startedAt, Instant finishedAt,
                            String message) {

    /** The rebuild's phase. */
    public enum State { IDLE, RUNNING, DONE, FAILED }

    static ReindexStatus idle() {
        return new ReindexStatus(State.IDLE, 0, 0, null, null, "No reindex since start-up.");
    }

    ReindexStatus progressed(long newProcessed) {
        return new ReindexStatus(state, newProcessed, total, startedAt, finishedAt, message);
    }
}
