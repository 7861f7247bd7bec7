package org.escape.search;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.escape.forum.ForumContentChanged;

/**
 * Keeps the index in step with the forums: after a forum write commits, the changed thread or post
 * (or every thread of a changed forum) is re-read and re-indexed.
 *
 * <p>The work runs on a managed thread, outside the completed transaction; the writer's request
 * does not wait for it (a post's latency should not include indexing), and the index makes it
 * searchable well within the promised second. Ordering is safe without waiting: every apply
 * re-reads the committed state under the index's one writing lock, so the last apply reads the
 * last commit. When re-reading fails, the
 * documents the event names are removed: a missing hit is harmless, a hit under a stale (lower)
 * label is a leak.
 */
@ApplicationScoped
public class ForumIndexing {

    private static final Logger LOG = Logger.getLogger(ForumIndexing.class.getName());

    @Inject
    private SearchIndexService index;

    @Resource
    private ManagedExecutorService executor;

    void onForumChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ForumContentChanged change) {
        try {
            executor.submit(() -> apply(change));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "[search] could not schedule indexing; indexing in the request thread", e);
            apply(change);
        }
    }

    private void apply(ForumContentChanged change) {
        try {
            index.apply(change, Duration.ofSeconds(1));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "[search] re-indexing " + change + " failed; removing the documents it names"
                    + " (a reindex restores them)", e);
            index.removeNamed(change);
        }
    }
}
