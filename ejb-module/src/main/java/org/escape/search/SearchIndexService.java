package org.escape.search;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.escape.access.LabelTokens;
import org.escape.forum.ForumContentChanged;
import org.escape.knowledge.ArticleChanged;
import org.escape.searchindex.RankingConfig;
import org.escape.searchindex.ReaderProfile;
import org.escape.searchindex.SearchDocument;
import org.escape.searchindex.SearchRequest;
import org.escape.searchindex.SecureIndex;

/**
 * The one open {@link SecureIndex} of this server, its writes and its life cycle.
 *
 * <h2>Writes are serialised</h2>
 * Every change is applied under one lock that covers both the re-read of the database and the
 * write to the index. Reads under the lock happen in lock order and each sees at least what the
 * previous one saw, so the last write always carries the newest state, even when two observers for
 * the same post run concurrently.
 *
 * <h2>Rebuild without losing changes</h2>
 * {@link #startReindex(String)} writes a new generation on a managed thread while the live index
 * keeps serving and keeps taking changes. Every change applied meanwhile is also remembered; under
 * the lock, the new index replaces the live one and the remembered changes are re-applied to it
 * (re-reading the database, so order does not matter), then the old generation is closed and
 * deleted. A search that raced the swap retries on the new index.
 *
 * <p>Configuration (MicroProfile Config): {@code escape.search.index-dir} (default
 * {@code ${com.sun.aas.instanceRoot}/escape-index}, or a temporary directory outside Payara),
 * {@code escape.search.commit-interval} ({@code PT30S}).
 *
 * <p>Thread-safety: all methods may be called concurrently (bean-managed concurrency).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SearchIndexService {

    private static final Logger LOG = Logger.getLogger(SearchIndexService.class.getName());
    private static final int REBUILD_BATCH = 100;
    private static final long PROGRESS_LOG_EVERY = 1_000;

    @Inject
    @ConfigProperty(name = "escape.search.index-dir")
    Optional<String> indexDir;

    @Inject
    @ConfigProperty(name = "escape.search.commit-interval", defaultValue = "PT30S")
    Duration commitInterval;

    @Resource
    private TimerService timers;

    @Resource
    private ManagedExecutorService executor;

    @EJB
    private ForumSource forums;

    @Inject
    private IncidentSource incidents;

    @Inject
    private ArticleSource articles;

    private final Clock clock = Clock.systemUTC();
    /** Written when the index was closed cleanly; missing at start means changes since the last commit may be lost. */
    private static final String CLEAN_STOP_MARKER = "clean-stop";
    private final AtomicReference<SecureIndex> live = new AtomicReference<>();
    private final ReentrantLock writing = new ReentrantLock(true);
    private final AtomicBoolean reindexing = new AtomicBoolean();
    /** Changes (forum or incident) applied while a rebuild runs, to re-apply to the new generation; guarded by {@link #writing}. */
    private final Set<Object> replay = new LinkedHashSet<>();
    /** Guarded by {@link #writing}. */
    private boolean rebuilding;
    private volatile ReindexStatus status = ReindexStatus.idle();
    private Path root;

    @PostConstruct
    void start() {
        try {
            root = indexRoot();
            live.set(SecureIndex.open(root, RankingConfig.DEFAULT));
            SecureIndex.deleteStaleGenerations(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index below " + root, e);
        }
        timers.createIntervalTimer(commitInterval.toMillis(), commitInterval.toMillis(), new TimerConfig("search-commit", false));
        LOG.info(() -> "[search] index open at " + root + ", committed every " + commitInterval);
        boolean cleanStop = consumeCleanStopMarker();
        boolean hasContent = forums.hasPosts() || incidents.hasIncidents() || articles.hasArticles();
        if (hasContent && isEmpty()) {
            startReindex("The index was empty but the database holds forum posts or incidents (start-up).");
        } else if (hasContent && !cleanStop) {
            // Killed (or crashed) since the last periodic commit: changes of up to one commit interval are
            // missing from the index. Rebuild in the background; searches use the last commit meanwhile.
            startReindex("The server did not stop cleanly last time: rebuilding so no change since the last index commit is missing.");
        }
    }

    @PreDestroy
    void stop() {
        SecureIndex index = live.getAndSet(null);
        if (index != null) {
            try {
                index.close();
                Files.writeString(root.resolve(CLEAN_STOP_MARKER), clock.instant().toString());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "[search] closing the index failed; the next start re-opens the last commit", e);
            }
        }
    }

    /** Whether the previous run closed (and so committed) the index; removes the marker for this run. */
    private boolean consumeCleanStopMarker() {
        try {
            return Files.deleteIfExists(root.resolve(CLEAN_STOP_MARKER));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "[search] cannot read the clean-stop marker; treating the last stop as unclean", e);
            return false;
        }
    }

    @Timeout
    void commit() {
        SecureIndex index = live.get();
        if (index == null) {
            return;
        }
        try {
            index.commit();
        } catch (IllegalStateException swappedMeanwhile) {
            // a rebuild replaced it; the new generation was committed when it was written
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "[search] periodic commit failed", e);
        }
    }

    // ------------------------------------------------------------------ reading

    /** Runs a search against the live index, retrying once if a rebuild swapped it meanwhile. */
    public <T> T read(Function<SecureIndex, T> search) {
        try {
            return search.apply(current());
        } catch (IllegalStateException closedBySwap) {
            return search.apply(current());
        }
    }

    private SecureIndex current() {
        SecureIndex index = live.get();
        if (index == null) {
            throw new IllegalStateException("The search index is not open.");
        }
        return index;
    }

    /**
     * Whether the index holds no document at all. Counts with a profile of every level, which every
     * document matches (it carries exactly one level token); used only here, never for a reader.
     */
    boolean isEmpty() {
        Set<String> everyLevel = new LinkedHashSet<>();
        for (org.escape.access.Level level : org.escape.access.Level.values()) {
            everyLevel.add(LabelTokens.LEVEL_PREFIX + level.name());
        }
        return read(index -> index.search(SearchRequest.of("").withPage(0, 1), ReaderProfile.of(everyLevel))).total() == 0;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Re-reads what {@code change} touched and writes it to the live index.
     *
     * @param visibleWithin how long to wait until the change is searchable (zero: do not wait)
     */
    public void apply(ForumContentChanged change, Duration visibleWithin) {
        applyChange(change, visibleWithin);
    }

    /** Re-reads what an incident change touched and writes it, as {@link #apply(ForumContentChanged, Duration)}. */
    public void apply(IncidentChanged change, Duration visibleWithin) {
        applyChange(change, visibleWithin);
    }

    /** Re-reads a changed article and writes it, as {@link #apply(ForumContentChanged, Duration)}. */
    public void apply(ArticleChanged change, Duration visibleWithin) {
        applyChange(change, visibleWithin);
    }

    private void applyChange(Object change, Duration visibleWithin) {
        SecureIndex index;
        long generation;
        writing.lock();
        try {
            index = current();
            generation = applyTo(index, change);
            if (rebuilding) {
                replay.add(change);
            }
        } finally {
            writing.unlock();
        }
        if (!visibleWithin.isZero() && generation >= 0) {
            try {
                index.waitForGeneration(generation, visibleWithin);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IllegalStateException swapped) {
                // the new generation was refreshed when it was swapped in
            }
        }
    }

    /**
     * Removes the documents a change names directly, when re-reading it failed: an index that
     * misses an item is safe, one that keeps a stale label is not.
     */
    public void removeNamed(ForumContentChanged change) {
        writing.lock();
        try {
            SecureIndex index = current();
            if (change.postId() != null) {
                index.delete(change.postId().toString());
            }
            if (change.threadId() != null && change.scope() != ForumContentChanged.Scope.POST) {
                index.delete(change.threadId().toString());
            }
            if (rebuilding) {
                replay.add(change);
            }
        } finally {
            writing.unlock();
        }
    }

    /** Removes the documents an incident change names, when re-reading it failed. */
    public void removeNamed(IncidentChanged change) {
        writing.lock();
        try {
            SecureIndex index = current();
            if (change.messageId() != null) {
                index.delete(change.messageId().toString());
            } else {
                index.delete(change.incidentId().toString());
            }
            if (rebuilding) {
                replay.add(change);
            }
        } finally {
            writing.unlock();
        }
    }

    /** Removes a changed article's document, when re-reading it failed. */
    public void removeNamed(ArticleChanged change) {
        writing.lock();
        try {
            current().delete(change.articleId().toString());
            if (rebuilding) {
                replay.add(change);
            }
        } finally {
            writing.unlock();
        }
    }

    private long applyTo(SecureIndex index, Object change) {
        return switch (change) {
            case ForumContentChanged forum -> applyTo(index, forum);
            case IncidentChanged incident -> incidents.incident(incident.incidentId(), incident.messageId())
                    .map(snapshot -> write(index, IncidentDocuments.of(snapshot)))
                    .orElseGet(() -> index.delete(incident.incidentId().toString()));
            case ArticleChanged article -> articles.article(article.articleId())
                    .map(snapshot -> write(index, new IndexChange(List.of(ArticleDocuments.of(snapshot)), List.of())))
                    .orElseGet(() -> index.delete(article.articleId().toString()));
            default -> throw new IllegalArgumentException("not an index change: " + change);
        };
    }

    private long applyTo(SecureIndex index, ForumContentChanged change) {
        long generation = -1;
        switch (change.scope()) {
            case FORUM -> {
                for (UUID threadId : forums.threadIds(change.forumId())) {
                    generation = Math.max(generation, writeThread(index, threadId));
                }
            }
            case THREAD -> generation = writeThread(index, change.threadId());
            case POST -> {
                Optional<ForumSnapshot> snapshot = forums.post(change.threadId(), change.postId());
                if (snapshot.isEmpty() || snapshot.get().posts().isEmpty()) {
                    generation = index.delete(change.postId().toString());
                } else {
                    generation = write(index, ForumDocuments.of(snapshot.get()));
                }
            }
        }
        return generation;
    }

    private long writeThread(SecureIndex index, UUID threadId) {
        return forums.thread(threadId).map(snapshot -> write(index, ForumDocuments.of(snapshot)))
                .orElseGet(() -> index.delete(threadId.toString()));
    }

    private static long write(SecureIndex index, IndexChange change) {
        long generation = -1;
        for (String id : change.deletes()) {
            generation = Math.max(generation, index.delete(id));
        }
        for (SearchDocument document : change.upserts()) {
            generation = Math.max(generation, index.upsert(document));
        }
        return generation;
    }

    // ------------------------------------------------------------------ rebuild

    /** The latest rebuild's progress. */
    public ReindexStatus reindexStatus() {
        return status;
    }

    /**
     * Starts a full rebuild on a managed thread unless one is running.
     *
     * @return the status right after the call (RUNNING, either this one or the one already running)
     */
    public ReindexStatus startReindex(String reason) {
        if (!reindexing.compareAndSet(false, true)) {
            return status;
        }
        status = new ReindexStatus(ReindexStatus.State.RUNNING, 0, 0, clock.instant(), null, reason);
        writing.lock();
        try {
            rebuilding = true;
            replay.clear();
        } finally {
            writing.unlock();
        }
        try {
            executor.submit(this::rebuild);
        } catch (RuntimeException e) {
            abandonRebuild(e);
            throw e;
        }
        return status;
    }

    private void rebuild() {
        try {
            long total = forums.documentEstimate() + incidents.documentEstimate() + articles.documentEstimate();
            status = new ReindexStatus(ReindexStatus.State.RUNNING, 0, total, status.startedAt(), null, status.message());
            LOG.info(() -> "[search] reindex: 0/" + total + " documents (" + status.message() + ")");
            SecureIndex fresh = SecureIndex.rebuild(root, new AllDocuments(), RankingConfig.DEFAULT, written -> {
                status = status.progressed(written);
                if (written % PROGRESS_LOG_EVERY == 0) {
                    LOG.info(() -> "[search] reindex: " + written + "/" + total + " documents");
                }
            });
            SecureIndex old;
            int replayed;
            writing.lock();
            try {
                old = live.getAndSet(fresh);
                List<Object> pending = new ArrayList<>(replay);
                for (Object change : pending) {
                    applyTo(fresh, change);
                }
                replayed = pending.size();
                replay.clear();
                rebuilding = false;
            } finally {
                writing.unlock();
            }
            fresh.refresh();
            if (old != null) {
                old.close();
            }
            SecureIndex.deleteStaleGenerations(root);
            long processed = status.processed();
            // The estimate was taken at the start; threads written meanwhile can exceed it.
            status = new ReindexStatus(ReindexStatus.State.DONE, processed, Math.max(processed, status.total()), status.startedAt(),
                    clock.instant(), "Rebuilt " + processed + " documents; re-applied " + replayed
                    + " changes made meanwhile.");
            LOG.info(() -> "[search] reindex: done, " + processed + "/" + status.total() + " documents, " + replayed
                    + " changes re-applied");
        } catch (IOException | RuntimeException e) {
            abandonRebuild(e);
        } finally {
            reindexing.set(false);
        }
    }

    private void abandonRebuild(Exception e) {
        writing.lock();
        try {
            rebuilding = false;
            replay.clear();
        } finally {
            writing.unlock();
        }
        LOG.log(Level.SEVERE, "[search] reindex failed; the previous index stays in use", e);
        status = new ReindexStatus(ReindexStatus.State.FAILED, status.processed(), status.total(), status.startedAt(),
                clock.instant(), "The reindex failed; the previous index stays in use (see the server log).");
        reindexing.set(false);
    }

    private Path indexRoot() throws IOException {
        if (indexDir.isPresent() && !indexDir.get().isBlank()) {
            return Path.of(indexDir.get());
        }
        String instanceRoot = System.getProperty("com.sun.aas.instanceRoot");
        if (instanceRoot != null && !instanceRoot.isBlank()) {
            return Path.of(instanceRoot, "escape-index");
        }
        Path temp = Files.createTempDirectory("escape-index");
        LOG.warning(() -> "[search] no escape.search.index-dir and no Payara instance root: index in " + temp);
        return temp;
    }

    /**
     * Every searchable document — forum threads with their posts, incidents with their messages, then
     * articles — read container by container in batches of short transactions.
     */
    private final class AllDocuments implements Iterator<SearchDocument> {

        private final List<SearchDocument> buffer = new ArrayList<>();
        private List<UUID> batch = List.of();
        private int inBatch;
        private int offset;
        /** 0: forum threads, 1: incidents, 2: articles, 3: done. */
        private int phase;

        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && phase < 3) {
                if (inBatch >= batch.size()) {
                    batch = switch (phase) {
                        case 0 -> forums.threadIds(offset, REBUILD_BATCH);
                        case 1 -> incidents.incidentIds(offset, REBUILD_BATCH);
                        default -> articles.articleIds(offset, REBUILD_BATCH);
                    };
                    offset += batch.size();
                    inBatch = 0;
                    if (batch.isEmpty()) {
                        phase++;
                        offset = 0;
                        continue;
                    }
                }
                UUID id = batch.get(inBatch++);
                switch (phase) {
                    case 0 -> forums.thread(id).ifPresent(snapshot -> buffer.addAll(ForumDocuments.of(snapshot).upserts()));
                    case 1 -> incidents.incident(id, null)
                            .ifPresent(snapshot -> buffer.addAll(IncidentDocuments.of(snapshot).upserts()));
                    default -> articles.article(id).ifPresent(snapshot -> buffer.add(ArticleDocuments.of(snapshot)));
                }
            }
            return !buffer.isEmpty();
        }

        @Override
        public SearchDocument next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.remove(0);
        }
    }
}
