package org.escape.web.search;

import java.time.Instant;
import org.escape.search.ReindexStatus;

/** {@code {state, processed, total, startedAt, finishedAt, message}} of the latest reindex. */
public record ReindexStatusView(String state, long processed, long total, Instant startedAt, Instant finishedAt,
                                String message) {

    static ReindexStatusView of(ReindexStatus status) {
        return new ReindexStatusView(status.state().name(), status.processed(), status.total(), status.startedAt(),
                status.finishedAt(), status.message());
    }
}
