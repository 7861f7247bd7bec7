package org.escape.searchindex;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.BreakIterator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * The secure index: one Lucene index of every searchable item, searched on behalf of a
 * {@link ReaderProfile} so that a reader finds, counts, facets, sees snippets of and gets
 * suggestions from readable documents only.
 *
 * <h2>Writing and visibility</h2>
 * {@link #upsert(SearchDocument)} and {@link #delete(String)} return a generation. A background
 * {@link ControlledRealTimeReopenThread} reopens the near-real-time searcher at least every
 * {@value #MAX_STALE_SECONDS} s, and within {@value #MIN_STALE_SECONDS} s when someone waits, so a
 * change is searchable within a second without any call; a caller that must see its own write
 * (e.g. the author's search right after posting) calls {@link #waitForGeneration(long, Duration)}
 * or {@link #refresh()}. {@link #commit()} makes changes durable; near-real-time search does not
 * need it, so the application commits on a timer and on shutdown ({@link #close()} commits).
 *
 * <h2>Searching</h2>
 * Every query is {@code +userQuery #readerFilter #requestFilters}: the reader's filter
 * ({@link ProfileFilterQuery}, cached per segment and profile) is a {@code FILTER} clause of the
 * one query that is scored, counted and faceted, never a filter over hits afterwards; so pages
 * are full, totals are exact (counted, with the facets, over every match), and facet counts
 * come from the same matches. Snippets are highlighted from the hits' own stored bodies only.
 *
 * <h2>Rebuilding without downtime</h2>
 * An index opened with {@link #open(Path, RankingConfig)} lives in a generation directory below
 * the given root, named by the root's {@code CURRENT} file. {@link #rebuild} writes a complete new
 * generation from the application's source of truth, commits it, atomically repoints
 * {@code CURRENT} and returns it open; the old instance keeps serving until the caller swaps its
 * reference and closes it, then {@link #deleteStaleGenerations(Path)} frees the disk. Changes made
 * while the rebuild ran must be re-applied to the new instance before the swap (upserts are
 * idempotent: re-upsert everything changed since the rebuild started).
 *
 * <p><b>Thread-safety:</b> all methods may be called concurrently from any thread; searches see a
 * consistent point-in-time view. After {@link #close()}, every method throws
 * {@link IllegalStateException}.
 */
public final class SecureIndex implements Closeable {

    /** Upper bound on the delay before a change is searchable, in seconds. */
    public static final double MAX_STALE_SECONDS = 0.5;
    /** Reopen delay while a caller waits for a generation, in seconds. */
    public static final double MIN_STALE_SECONDS = 0.025;
    /** Default memory budget of the per-segment reader filters. */
    public static final long DEFAULT_FILTER_CACHE_BYTES = 64L << 20;
    /** Most suggestions returned. */
    public static final int MAX_SUGGESTIONS = 50;

    private static final String CURRENT = "CURRENT";
    private static final String GENERATION_PREFIX = "index-";
    private static final int MAX_SUGGEST_PREFIX = 100;
    private static final int SUGGEST_SCAN_LIMIT = 1_000;
    private static final int SNIPPET_LENGTH = 300;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    private final RankingConfig ranking;
    private final SafeQueryParser parser;
    private final ProfileFilterCache filters;
    private final Analyzer analyzer = IndexSchema.analyzer();
    private final Analyzer suggestWords = SuggestAnalyzers.words();
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SecureIndex(Directory directory, RankingConfig ranking, Clock clock) throws IOException {
        this.directory = directory;
        this.ranking = Objects.requireNonNull(ranking, "ranking");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.parser = new SafeQueryParser(ranking);
        this.filters = new ProfileFilterCache(DEFAULT_FILTER_CACHE_BYTES);
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setSimilarity(ranking.similarity());
        IndexWriter opened = new IndexWriter(directory, config);
        try {
            this.searchers = new SearcherManager(opened, true, false, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    searcher.setSimilarity(ranking.similarity());
                    return searcher;
                }
            });
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        this.writer = opened;
        this.reopener = new ControlledRealTimeReopenThread<>(writer, searchers, MAX_STALE_SECONDS, MIN_STALE_SECONDS);
        reopener.setName("escape-index-reopen");
        reopener.setDaemon(true);
        reopener.start();
    }

    /**
     * Opens (creating if needed) the current generation of the index below {@code root}.
     *
     * @throws IOException when the directory cannot be created or the index is unreadable
     */
    public static SecureIndex open(Path root, RankingConfig ranking) throws IOException {
        Files.createDirectories(root);
        Path current = root.resolve(CURRENT);
        if (!Files.exists(current)) {
            pointTo(root, GENERATION_PREFIX + "000001");
        }
        String generation = Files.readString(current, StandardCharsets.UTF_8).strip();
        return new SecureIndex(FSDirectory.open(root.resolve(generation)), ranking, Clock.systemUTC());
    }

    /** An empty index in memory, for tests and benchmarks. */
    public static SecureIndex inMemory(RankingConfig ranking) {
        return inMemory(ranking, Clock.systemUTC());
    }

    /** An empty index in memory whose recency ranking reads {@code clock}, for tests. */
    public static SecureIndex inMemory(RankingConfig ranking, Clock clock) {
        try {
            return new SecureIndex(new ByteBuffersDirectory(), ranking, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds a complete new generation below {@code root} from {@code documents}, commits it, makes
     * it the one {@link #open(Path, RankingConfig)} opens, and returns it open and searchable. The
     * index currently in use is not touched. On failure the new generation is deleted and
     * {@code CURRENT} is unchanged.
     *
     * @param progress told the number of documents written so far, every 1 000 and at the end
     * @throws IOException when writing fails; {@code CURRENT} then still names the old generation
     */
    public static SecureIndex rebuild(Path root, Iterator<SearchDocument> documents, RankingConfig ranking,
                                      LongConsumer progress) throws IOException {
        Files.createDirectories(root);
        String generation = GENERATION_PREFIX + String.format(Locale.ROOT, "%06d", highestGeneration(root) + 1);
        Path target = root.resolve(generation);
        SecureIndex index = new SecureIndex(FSDirectory.open(target), ranking, Clock.systemUTC());
        try {
            index.writer.deleteAll();
            long count = 0;
            while (documents.hasNext()) {
                index.upsert(documents.next());
                if (++count % 1_000 == 0) {
                    progress.accept(count);
                }
            }
            progress.accept(count);
            index.commit();
            index.refresh();
            pointTo(root, generation);
            return index;
        } catch (IOException | RuntimeException e) {
            index.close();
            deleteTree(target);
            throw e;
        }
    }

    /**
     * Deletes every generation below {@code root} except the current one. Call after the instance
     * of the previous generation is closed.
     */
    public static void deleteStaleGenerations(Path root) throws IOException {
        String current = Files.readString(root.resolve(CURRENT), StandardCharsets.UTF_8).strip();
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (name.startsWith(GENERATION_PREFIX) && !name.equals(current)) {
                    deleteTree(child);
                }
            }
        }
    }

    private static long highestGeneration(Path root) throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return children.map(child -> child.getFileName().toString())
                    .filter(name -> name.matches(GENERATION_PREFIX + "\\d+"))
                    .mapToLong(name -> Long.parseLong(name.substring(GENERATION_PREFIX.length())))
                    .max().orElse(0);
        }
    }

    private static void pointTo(Path root, String generation) throws IOException {
        Path temp = Files.createTempFile(root, CURRENT, ".tmp");
        Files.writeString(temp, generation + "\n", StandardCharsets.UTF_8);
        Files.move(temp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ---- writing -----------------------------------------------------------------------------

    /**
     * Adds the document or replaces the one with the same id (e.g. after an edit or a label
     * change).
     *
     * @return the generation to wait for to see this change
     */
    public long upsert(SearchDocument document) {
        Objects.requireNonNull(document, "document");
        ensureOpen();
        try {
            return writer.updateDocument(new Term(IndexSchema.ID, document.id()), IndexSchema.toDocument(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes the document with this id, if any.
     *
     * @return the generation to wait for to see this change
     */
    public long delete(String id) {
        Objects.requireNonNull(id, "id");
        ensureOpen();
        try {
            return writer.deleteDocuments(new Term(IndexSchema.ID, id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes every document.
     *
     * @return the generation to wait for to see this change
     */
    public long deleteAll() {
        ensureOpen();
        try {
            return writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until changes up to {@code generation} are searchable.
     *
     * @return false when {@code timeout} passed first
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean waitForGeneration(long generation, Duration timeout) throws InterruptedException {
        ensureOpen();
        return reopener.waitForGeneration(generation, Math.toIntExact(Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()))));
    }

    /** Makes every change made so far searchable, now, blocking. */
    public void refresh() {
        ensureOpen();
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes every change made so far durable. */
    public void commit() {
        ensureOpen();
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- searching ---------------------------------------------------------------------------

    /**
     * Searches on behalf of {@code reader}.
     *
     * @return one page of readable matches with exact total and facet counts; never throws on
     *         anything the user typed
     */
    public SearchResult search(SearchRequest request, ReaderProfile reader) {
        return search(request, reader, FilterMode.CACHED);
    }

    /**
     * How {@link #search(SearchRequest, ReaderProfile, FilterMode)} applies the reader's filter.
     * The application has only {@link #CACHED}, through the public {@link #search(SearchRequest,
     * ReaderProfile)}; the other two exist for the lower-bound and comparison arms of benchmark B3
     * ({@code bench/SearchIndexBench.java}, which reaches this package-private type by reflection)
     * and for tests. Nothing public leads to them.
     */
    enum FilterMode {
        /** The reader's filter from the per-segment bitsets of {@link ProfileFilterCache}: production. */
        CACHED,
        /** The same filter as Lucene term queries ({@link ProfileFilterQuery#asTermQuery}), with Lucene's query cache off too. */
        UNCACHED,
        /** No security filter at all: the benchmark's lower bound. Never for serving readers. */
        NONE
    }

    /** {@link #search(SearchRequest, ReaderProfile)} with the filter applied as {@code mode} says. */
    SearchResult search(SearchRequest request, ReaderProfile reader, FilterMode mode) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(mode, "mode");
        IndexSearcher acquired = acquire();
        try {
            return search(request, reader, mode, acquired);
        } finally {
            release(acquired);
        }
    }

    private SearchResult search(SearchRequest request, ReaderProfile reader, FilterMode mode, IndexSearcher acquired) {
        IndexReader indexReader = acquired.getIndexReader();
        Query userQuery = parser.parse(request.text(), request.prefixLastWord(),
                term -> readableDocFreq(indexReader, reader, mode, term, SafeQueryParser.FUZZY_SKIP_DOC_FREQ));
        long now = clock.millis();
        Query scored = ranking.hasScoreFactor()
                ? new RankedQuery(userQuery, new RankingFactor(ranking, now))
                : userQuery;
        Query query = switch (mode) {
            case CACHED -> secured(scored, reader, filters(request));
            case UNCACHED -> filtered(scored, ProfileFilterQuery.asTermQuery(reader), filters(request));
            case NONE -> filtered(scored, null, filters(request));
        };
        int window = Math.min((request.page() + 1) * request.size(), SearchRequest.MAX_WINDOW);
        IndexSearcher searcher = acquired;
        if (mode == FilterMode.UNCACHED) {
            searcher = new IndexSearcher(acquired.getIndexReader());
            searcher.setQueryCache(null);
        }
        try {
            TopDocs top;
            FacetTally tally;
            try {
                if (isCheapToMatch(userQuery)) {
                    // two passes over the same secured query: the top hits by score, skipping blocks
                    // that cannot compete (block-max WAND; this pass's hit count is a lower bound and
                    // is not used), then the exact total and facets without scoring
                    top = searcher.search(query, new TopScoreDocCollectorManager(window, window));
                    tally = searcher.search(query, FacetTally.manager(now));
                } else {
                    // one pass that scores, counts and facets every match
                    Object[] results = searcher.search(query,
                            new MultiCollectorManager(new TopScoreDocCollectorManager(window, Integer.MAX_VALUE), FacetTally.manager(now)));
                    top = (TopDocs) results[0];
                    tally = (FacetTally) results[1];
                }
            } catch (IndexSearcher.TooManyClauses e) {
                return new SearchResult(0, List.of(), new FacetTally(now).facets());
            }
            int from = request.page() * request.size();
            List<ScoreDoc> page = new ArrayList<>();
            for (int i = from; i < top.scoreDocs.length && i < from + request.size(); i++) {
                page.add(top.scoreDocs[i]);
            }
            return new SearchResult(tally.total(), hits(searcher, userQuery, page), tally.facets());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether matching {@code userQuery} costs little next to scoring its matches, so that a
     * skipping top-k pass plus a non-scoring counting pass beats one pass that scores every match:
     * true for a disjunction (a word over its fields, {@code a OR b}) without phrases. Conjunctions
     * and phrases are dearer to match than to score, and twice the matching costs more than the
     * skipping saves (measured on B3's 1M-document index: words and ORs 35-40 % less CPU with two
     * passes, ANDs and phrases 30-45 % more). Either way the results are the same.
     */
    static boolean isCheapToMatch(Query userQuery) {
        return switch (userQuery) {
            case BoostQuery boost -> isCheapToMatch(boost.getQuery());
            case TermQuery term -> true;
            case FuzzyQuery fuzzy -> true;
            case BooleanQuery bool -> bool.clauses().stream()
                    .allMatch(clause -> clause.occur() == Occur.SHOULD && isCheapToMatch(clause.query()));
            default -> false;
        };
    }

    /** Whether {@code query} holds a phrase anywhere (whose highlighting needs weight matches). */
    private static boolean hasPhrase(Query query) {
        boolean[] phrase = new boolean[1];
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query leaf, Term... terms) {
                phrase[0] |= !(leaf instanceof TermQuery);
            }

            @Override
            public void visitLeaf(Query leaf) {
                phrase[0] |= leaf instanceof PhraseQuery;
            }

            @Override
            public QueryVisitor getSubVisitor(Occur occur, Query parent) {
                phrase[0] |= parent instanceof PhraseQuery;
                return this;
            }
        });
        return phrase[0];
    }

    /**
     * Live documents holding {@code term} that {@code reader} may read, counted up to {@code limit}: the
     * parser's typo-tolerance hint. Counted inside the reader's filter, like everything else: with the
     * whole index's document frequency, whether a word is matched exactly or with its near-spellings
     * would tell a reader that documents they cannot read contain it.
     */
    private int readableDocFreq(IndexReader index, ReaderProfile reader, FilterMode mode, Term term, int limit) {
        int count = 0;
        try {
            for (LeafReaderContext leaf : index.leaves()) {
                PostingsEnum postings = leaf.reader().postings(term, PostingsEnum.NONE);
                if (postings == null) {
                    continue;
                }
                Bits live = leaf.reader().getLiveDocs();
                FixedBitSet readable = mode == FilterMode.NONE ? null : filters.bits(leaf.reader(), reader).bits();
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if ((live == null || live.get(doc)) && (readable == null || readable.get(doc)) && ++count >= limit) {
                        return count;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    /** {@code +query #readerFilter #filters}: the only way any query reaches the searcher in production. */
    private Query secured(Query query, ReaderProfile reader, List<Query> extraFilters) {
        return filtered(query, new ProfileFilterQuery(reader, filters), extraFilters);
    }

    /** {@code +query #readerFilter #filters}, without the reader's filter when it is null (benchmark only). */
    private static Query filtered(Query query, Query readerFilter, List<Query> extraFilters) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder().add(query, Occur.MUST);
        if (readerFilter != null) {
            builder.add(readerFilter, Occur.FILTER);
        }
        extraFilters.forEach(filter -> builder.add(filter, Occur.FILTER));
        return builder.build();
    }

    private static List<Query> filters(SearchRequest request) {
        List<Query> filters = new ArrayList<>();
        if (!request.types().isEmpty()) {
            filters.add(anyOf(IndexSchema.TYPE, request.types().stream().map(ItemType::token).toList()));
        }
        if (!request.tags().isEmpty()) {
            filters.add(anyOf(IndexSchema.TAG, request.tags().stream().map(IndexSchema::normalizeTag).toList()));
        }
        if (!request.levels().isEmpty()) {
            filters.add(anyOf(IndexSchema.SECURITY, request.levels().stream().map(level -> SearchDocument.LEVEL_PREFIX + level).toList()));
        }
        if (!request.statuses().isEmpty()) {
            filters.add(anyOf(IndexSchema.STATUS, request.statuses().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()));
        }
        if (request.updatedFrom() != null || request.updatedTo() != null) {
            long from = request.updatedFrom() == null ? Long.MIN_VALUE : request.updatedFrom().toEpochMilli();
            long to = request.updatedTo() == null ? Long.MAX_VALUE : request.updatedTo().toEpochMilli();
            filters.add(LongPoint.newRangeQuery(IndexSchema.UPDATED, from, to));
        }
        return filters;
    }

    private static Query anyOf(String field, List<String> values) {
        return values.size() == 1
                ? new TermQuery(new Term(field, values.get(0)))
                : new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }

    private List<SearchResult.Hit> hits(IndexSearcher searcher, Query userQuery, List<ScoreDoc> page) throws IOException {
        if (page.isEmpty()) {
            return List.of();
        }
        int[] docIds = page.stream().mapToInt(hit -> hit.doc).toArray();
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new EscapingPassageFormatter())
                // weight matches (one mark per matched phrase) analyse each body into a MemoryIndex;
                // without a phrase the marks are the same words, found by filtering the analysis
                .withWeightMatches(hasPhrase(userQuery))
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(BreakIterator.getWordInstance(Locale.ROOT), SNIPPET_LENGTH, 0.5f))
                .build();
        String[] snippets = highlighter.highlightFields(new String[] {IndexSchema.BODY}, userQuery, docIds, new int[] {2})
                .get(IndexSchema.BODY);
        StoredFields stored = searcher.storedFields();
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            Document doc = stored.document(docIds[i]);
            Set<String> tokens = Set.of(doc.getValues(IndexSchema.SECURITY));
            String level = tokens.stream().filter(t -> t.startsWith(SearchDocument.LEVEL_PREFIX))
                    .map(t -> t.substring(SearchDocument.LEVEL_PREFIX.length())).findFirst().orElse("");
            String snippet = snippets[i] != null ? snippets[i] : "";
            hits.add(new SearchResult.Hit(
                    ItemType.fromToken(doc.get(IndexSchema.TYPE)).orElseThrow(),
                    doc.get(IndexSchema.ID),
                    doc.get(IndexSchema.TITLE),
                    snippet,
                    tokens,
                    level,
                    doc.get(IndexSchema.URL),
                    page.get(i).score,
                    Instant.ofEpochMilli(doc.getField(IndexSchema.UPDATED).numericValue().longValue())));
        }
        return hits;
    }

    // ---- suggestions -------------------------------------------------------------------------

    /**
     * Completions for what the user is typing: titles in which every typed word starts a word,
     * and tags that start with the typed text, of documents {@code reader} may read, most
     * recently updated first, without duplicates (case-insensitive).
     *
     * @param prefix what has been typed; blank gives no suggestions
     * @param limit  at most this many, capped at {@value #MAX_SUGGESTIONS}
     */
    public List<Suggestion> suggest(String prefix, ReaderProfile reader, int limit) {
        Objects.requireNonNull(reader, "reader");
        ensureOpen();
        String typed = prefix == null ? "" : prefix.strip().toLowerCase(Locale.ROOT);
        if (typed.length() > MAX_SUGGEST_PREFIX) {
            typed = typed.substring(0, MAX_SUGGEST_PREFIX);
        }
        int wanted = Math.min(limit, MAX_SUGGESTIONS);
        if (typed.isEmpty() || wanted <= 0) {
            return List.of();
        }
        List<String> words = words(typed);
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        if (!words.isEmpty() && words.size() <= 8) {
            BooleanQuery.Builder title = new BooleanQuery.Builder();
            words.forEach(word -> title.add(new TermQuery(new Term(IndexSchema.SUGGEST_TITLE, gram(word))), Occur.FILTER));
            either.add(title.build(), Occur.SHOULD);
        }
        either.add(new TermQuery(new Term(IndexSchema.SUGGEST_TAG, gram(typed))), Occur.SHOULD);
        Query query = secured(either.build(), reader, List.of());
        Sort recentFirst = new Sort(new SortField(IndexSchema.UPDATED, SortField.Type.LONG, true));
        Map<String, Suggestion> found = new LinkedHashMap<>();
        IndexSearcher searcher = acquire();
        try {
            StoredFields stored = searcher.storedFields();
            ScoreDoc after = null;
            int scanned = 0;
            while (found.size() < wanted && scanned < SUGGEST_SCAN_LIMIT) {
                TopDocs batch = after == null ? searcher.search(query, 100, recentFirst) : searcher.searchAfter(after, query, 100, recentFirst);
                if (batch.scoreDocs.length == 0) {
                    break;
                }
                for (ScoreDoc hit : batch.scoreDocs) {
                    Document doc = stored.document(hit.doc, Set.of(IndexSchema.TITLE, IndexSchema.TAGS));
                    String title = doc.get(IndexSchema.TITLE);
                    if (!title.isBlank() && titleMatches(words, title)) {
                        found.putIfAbsent("title\u0000" + title.toLowerCase(Locale.ROOT), new Suggestion(title, Suggestion.Kind.TITLE));
                    }
                    for (String tag : doc.getValues(IndexSchema.TAGS)) {
                        if (tag.toLowerCase(Locale.ROOT).startsWith(typed)) {
                            found.putIfAbsent("tag\u0000" + tag.toLowerCase(Locale.ROOT), new Suggestion(tag, Suggestion.Kind.TAG));
                        }
                    }
                    after = hit;
                    scanned++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            release(searcher);
        }
        return found.values().stream().limit(wanted).toList();
    }

    private boolean titleMatches(List<String> typedWords, String title) {
        List<String> titleWords = words(title);
        return typedWords.stream().allMatch(typed -> titleWords.stream().anyMatch(word -> word.startsWith(typed)));
    }

    private List<String> words(String text) {
        List<String> words = new ArrayList<>();
        try (TokenStream stream = suggestWords.tokenStream(IndexSchema.SUGGEST_TITLE, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                words.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    private static String gram(String word) {
        return word.length() > SuggestAnalyzers.MAX_GRAM ? word.substring(0, SuggestAnalyzers.MAX_GRAM) : word;
    }

    // ---- plumbing ----------------------------------------------------------------------------

    /** The per-profile filter cache, for tests. */
    ProfileFilterCache filterCache() {
        return filters;
    }

    private IndexSearcher acquire() {
        ensureOpen();
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The index is closed.");
        }
    }

    /**
     * Stops the reopen thread, commits pending changes and releases the index. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try (directory; writer; searchers) {
            reopener.close();
        }
    }
}
