package org.escape.search;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.escape.incident.TimelineCommitted;
import org.escape.incident.TimelineKind;

/**
 * Keeps the index in step with incident rooms, as {@link ForumIndexing} does with forums: after a
 * timeline entry commits, the new chat message is indexed; an entry that changed the room (its
 * creation, label, status, access) re-indexes the incident and all its messages. Re-reads the
 * committed state; on failure removes what the event names.
 */
@ApplicationScoped
public class IncidentIndexing {

    private static final Logger LOG = Logger.getLogger(IncidentIndexing.class.getName());

    /** How long indexing waits for a changed room to be searchable (it is refreshed at once). */
    private static final Duration ROOM_CHANGE_VISIBLE_WITHIN = Duration.ofSeconds(2);

    @Inject
    private SearchIndexService index;

    @Resource
    private ManagedExecutorService executor;

    void onTimeline(@Observes(during = TransactionPhase.AFTER_SUCCESS) TimelineCommitted committed) {
        IncidentChanged change;
        if (committed.roomChanged() || committed.entry().kind() == TimelineKind.CREATED) {
            change = IncidentChanged.whole(committed.entry().incidentId());
        } else if (committed.entry().kind() == TimelineKind.MESSAGE) {
            change = IncidentChanged.message(committed.entry().incidentId(), committed.entry().id());
        } else {
            return;
        }
        try {
            executor.submit(() -> apply(change));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "[search] could not schedule indexing; indexing in the request thread", e);
            apply(change);
        }
    }

    private void apply(IncidentChanged change) {
        try {
            // A new message: no waiting for the refresh, since chat runs at up to hundreds of messages a
            // second and the (single-threaded) indexing must keep up; the reopen thread makes it
            // searchable within SecureIndex.MAX_STALE_SECONDS (0.5 s) anyway. A changed room (label,
            // access, status) is rare and may have to disappear from readers' results: waiting for
            // its generation makes the reopen thread refresh at once (tens of ms, measured by
            // SearchEveryTypeIT) instead of at its next idle tick.
            index.apply(change, change.messageId() == null ? ROOM_CHANGE_VISIBLE_WITHIN : Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "[search] re-indexing " + change + " failed; removing the documents it names"
                    + " (a reindex restores them)", e);
            index.removeNamed(change);
        }
    }
}
