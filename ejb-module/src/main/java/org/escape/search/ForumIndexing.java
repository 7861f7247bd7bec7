package org.escape.search;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.escape.forum.ForumContentChanged;

/**
 * Keeps the index in step with the forums: after a forum write commits, the changed thread or post
 * (or every thread of a changed forum) is re-read and re-indexed.
 *
 * <p>The work runs on a managed thread, outside the completed transaction, and the writer's request
 * waits for it (up to {@link #WAIT}) so that an author's own search right after the response sees
 * the change; if it takes longer it simply finishes in the background. When re-reading fails, the
 * documents the event names are removed: a missing hit is harmless, a hit under a stale (lower)
 * label is a leak.
 */
@ApplicationScoped
public class ForumIndexing {

    private static final Logger LOG = Logger.getLogger(ForumIndexing.class.getName());
    /** How long a writer's request waits for its change to become searchable. */
    static final Duration WAIT = Duration.ofSeconds(2);

    @Inject
    private SearchIndexService index;

    @Resource
    private ManagedExecutorService executor;

    void onForumChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ForumContentChanged change) {
        Future<?> work;
        try {
            work = executor.submit(() -> apply(change));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "[search] could not schedule indexing; indexing in the request thread", e);
            apply(change);
            return;
        }
        try {
            work.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.fine(() -> "[search] indexing of " + change + " continues in the background");
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "[search] indexing failed for " + change, e.getCause());
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
