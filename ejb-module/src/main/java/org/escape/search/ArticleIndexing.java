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
import org.escape.knowledge.ArticleChanged;

/**
 * Keeps the index in step with the knowledge base, as {@link ForumIndexing} does with forums: after
 * an article's change commits, its document is re-read and re-written (or removed). On failure the
 * document is removed: an index that misses an article is safe, one with a stale label is not.
 */
@ApplicationScoped
public class ArticleIndexing {

    private static final Logger LOG = Logger.getLogger(ArticleIndexing.class.getName());

    @Inject
    private SearchIndexService index;

    @Resource
    private ManagedExecutorService executor;

    void onArticleChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArticleChanged change) {
        try {
            executor.submit(() -> apply(change));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "[search] could not schedule indexing; indexing in the request thread", e);
            apply(change);
        }
    }

    private void apply(ArticleChanged change) {
        try {
            index.apply(change, Duration.ofSeconds(1));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "[search] re-indexing " + change + " failed; removing its document"
                    + " (a reindex restores it)", e);
            index.removeNamed(change);
        }
    }
}
