package org.escape.searchindex;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * The documents each reader profile may see, one {@link FixedBitSet} per (segment, profile),
 * built on first use from the postings of the security field and reused by every later query of
 * any reader with the same profile until the segment goes away.
 *
 * <p><b>Why our own cache rather than Lucene's query cache.</b> {@code LRUQueryCache} would cache
 * the same filter, but only after its usage policy has seen it several times and only on
 * segments holding at least 10 000 documents and 3 % of the index, so the small, fresh segments
 * that near-real-time indexing creates are never cached, and the decision is invisible to the
 * application. The filter is the one clause every query carries, and there are few distinct
 * profiles (levels × countries, about 650 at most, a few dozen in practice), so caching it
 * unconditionally is cheap and predictable: a bitset costs {@code maxDoc / 8} bytes, i.e.
 * 125 KB per profile per million documents. The cache is bounded by a byte budget and evicts
 * the least recently used bitset; a bitset is rebuilt in one pass over a handful of postings
 * lists (one per token of the profile).
 *
 * <p><b>Correctness.</b> A bitset is keyed by the segment's core cache key, which identifies
 * immutable postings; it ignores deletions, which the searcher applies through the live docs
 * of the current reader. Entries are dropped when Lucene closes the segment core. A change of
 * label rewrites the document into a new segment, so no bitset ever describes a stale label.
 *
 * <p>Thread-safe: lookups and evictions are synchronized; bitsets are built outside the lock (two
 * threads may build the same bitset once; both results are equal) and never mutated afterwards.
 */
final class ProfileFilterCache {

    private record Key(IndexReader.CacheKey core, ReaderProfile profile) {
    }

    /** A cached bitset and its cardinality, the cost the query reports. */
    record Entry(FixedBitSet bits, int cardinality) {
        long bytes() {
            return bits.ramBytesUsed();
        }
    }

    private final long maxBytes;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final Set<IndexReader.CacheKey> listenedCores = ConcurrentHashMap.newKeySet();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private long bytes;

    ProfileFilterCache(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    /** The readable documents of {@code leaf} for {@code profile}, ignoring deletions. */
    Entry bits(LeafReader leaf, ReaderProfile profile) throws IOException {
        IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
        if (helper == null) {
            misses.incrementAndGet();
            return build(leaf, profile);
        }
        Key key = new Key(helper.getKey(), profile);
        synchronized (this) {
            Entry cached = entries.get(key);
            if (cached != null) {
                hits.incrementAndGet();
                return cached;
            }
        }
        misses.incrementAndGet();
        Entry built = build(leaf, profile);
        if (listenedCores.add(key.core())) {
            helper.addClosedListener(this::evictCore);
        }
        synchronized (this) {
            Entry previous = entries.put(key, built);
            bytes += built.bytes() - (previous == null ? 0 : previous.bytes());
            Iterator<Entry> eldest = entries.values().iterator();
            while (bytes > maxBytes && eldest.hasNext()) {
                Entry evicted = eldest.next();
                if (evicted == built) {
                    break;
                }
                bytes -= evicted.bytes();
                eldest.remove();
            }
        }
        return built;
    }

    private void evictCore(IndexReader.CacheKey core) {
        listenedCores.remove(core);
        synchronized (this) {
            Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Key, Entry> entry = it.next();
                if (entry.getKey().core() == core) {
                    bytes -= entry.getValue().bytes();
                    it.remove();
                }
            }
        }
    }

    private static Entry build(LeafReader leaf, ReaderProfile profile) throws IOException {
        FixedBitSet result = null;
        Terms terms = leaf.terms(IndexSchema.SECURITY);
        PostingsEnum postings = null;
        for (Set<String> group : profile.requiredAnyOf()) {
            FixedBitSet groupBits = new FixedBitSet(Math.max(1, leaf.maxDoc()));
            if (terms != null) {
                TermsEnum termsEnum = terms.iterator();
                for (String token : group) {
                    if (termsEnum.seekExact(new BytesRef(token))) {
                        postings = termsEnum.postings(postings, PostingsEnum.NONE);
                        groupBits.or(postings);
                    }
                }
            }
            if (result == null) {
                result = groupBits;
            } else {
                result.and(groupBits);
            }
        }
        return new Entry(result, result.cardinality());
    }

    /** Lookups answered from the cache, for tests and metrics. */
    long hits() {
        return hits.get();
    }

    /** Lookups that built a bitset. */
    long misses() {
        return misses.get();
    }

    /** Bitsets currently cached. */
    synchronized int size() {
        return entries.size();
    }
}
