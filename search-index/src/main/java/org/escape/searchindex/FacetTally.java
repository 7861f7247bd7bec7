package org.escape.searchindex;

import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts the matches of a query and their facet values (type, tag, level, status) from sorted-set
 * doc values, and their {@link Recency} windows from the last-change doc values. It sees exactly
 * the documents the query matches — the reader's filter included — so the counts are of readable
 * matches only; nothing is counted before or beside the filter.
 *
 * <p>Why not lucene-facet: its sorted-set facets need their own field and state object
 * ({@code SortedSetDocValuesReaderState}) refreshed with every near-real-time reader; counting
 * four small ordinal sets per segment directly, and comparing each match's last change with four
 * boundaries, is simpler and as fast at this index size.
 *
 * <p>A collector is used by one thread; the manager is thread-safe.
 */
final class FacetTally implements Collector {

    /** The fields counted, in {@link SearchResult.FacetCounts} order. */
    static final List<String> FIELDS = List.of(IndexSchema.TYPE, IndexSchema.TAG, IndexSchema.SECURITY, IndexSchema.STATUS);

    private static final Recency[] WINDOWS = Recency.values();

    private final List<Map<String, Long>> counts = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
    private final long[] windowCounts = new long[WINDOWS.length];
    private final long nowMillis;
    private long total;

    /**
     * A tally whose date windows are those of a search at {@code nowMillis}; use {@link #manager(long)}
     * to search, this only for an empty result.
     */
    FacetTally(long nowMillis) {
        this.nowMillis = nowMillis;
    }

    /** The manager to pass to {@code IndexSearcher.search}, for a search at {@code nowMillis}. */
    static CollectorManager<FacetTally, FacetTally> manager(long nowMillis) {
        return new CollectorManager<>() {
            @Override
            public FacetTally newCollector() {
                return new FacetTally(nowMillis);
            }

            @Override
            public FacetTally reduce(Collection<FacetTally> collectors) {
                FacetTally sum = new FacetTally(nowMillis);
                for (FacetTally tally : collectors) {
                    sum.total += tally.total;
                    for (int w = 0; w < WINDOWS.length; w++) {
                        sum.windowCounts[w] += tally.windowCounts[w];
                    }
                    for (int f = 0; f < FIELDS.size(); f++) {
                        Map<String, Long> into = sum.counts.get(f);
                        tally.counts.get(f).forEach((value, count) -> into.merge(value, count, Long::sum));
                    }
                }
                return sum;
            }
        };
    }

    long total() {
        return total;
    }

    SearchResult.FacetCounts facets() {
        Map<String, Long> levels = new HashMap<>();
        counts.get(2).forEach((token, count) -> {
            if (token.startsWith(SearchDocument.LEVEL_PREFIX)) {
                levels.put(token.substring(SearchDocument.LEVEL_PREFIX.length()), count);
            }
        });
        Map<String, Long> dates = new LinkedHashMap<>();
        for (int w = 0; w < WINDOWS.length; w++) {
            if (windowCounts[w] > 0) {
                dates.put(WINDOWS[w].token(), windowCounts[w]);
            }
        }
        return new SearchResult.FacetCounts(ordered(counts.get(0)), ordered(counts.get(1)), ordered(levels), ordered(counts.get(3)),
                Collections.unmodifiableMap(dates));
    }

    private static Map<String, Long> ordered(Map<String, Long> counts) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return Collections.unmodifiableMap(ordered);
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        SortedSetDocValues[] values = new SortedSetDocValues[FIELDS.size()];
        SortedDocValues[] single = new SortedDocValues[FIELDS.size()];
        long[][] ordCounts = new long[FIELDS.size()][];
        for (int f = 0; f < values.length; f++) {
            values[f] = DocValues.getSortedSet(context.reader(), FIELDS.get(f));
            single[f] = DocValues.unwrapSingleton(values[f]);
            ordCounts[f] = new long[Math.toIntExact(values[f].getValueCount())];
        }
        NumericDocValues updated = DocValues.getNumeric(context.reader(), IndexSchema.UPDATED);
        return new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) {
            }

            @Override
            public void collect(int doc) throws IOException {
                total++;
                for (int f = 0; f < values.length; f++) {
                    if (single[f] != null) {
                        // a segment where every document has at most one value (type, status): no ord iteration
                        if (single[f].advanceExact(doc)) {
                            ordCounts[f][single[f].ordValue()]++;
                        }
                    } else if (values[f].advanceExact(doc)) {
                        for (int i = values[f].docValueCount(); i > 0; i--) {
                            ordCounts[f][(int) values[f].nextOrd()]++;
                        }
                    }
                }
                if (updated.advanceExact(doc)) {
                    long millis = updated.longValue();
                    for (int w = 0; w < WINDOWS.length; w++) {
                        if (WINDOWS[w].contains(millis, nowMillis)) {
                            windowCounts[w]++;
                        }
                    }
                }
            }

            @Override
            public void finish() throws IOException {
                for (int f = 0; f < values.length; f++) {
                    SortedSetDocValues lookup = DocValues.getSortedSet(context.reader(), FIELDS.get(f));
                    Map<String, Long> into = counts.get(f);
                    for (int ord = 0; ord < ordCounts[f].length; ord++) {
                        if (ordCounts[f][ord] > 0) {
                            into.merge(lookup.lookupOrd(ord).utf8ToString(), ordCounts[f][ord], Long::sum);
                        }
                    }
                }
            }
        };
    }
}
