package org.escape.searchindex;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;

/**
 * The security filter as a Lucene query: matches the documents a {@link ReaderProfile} may read,
 * from the per-segment bitsets of a {@link ProfileFilterCache}. Always used as a {@code FILTER}
 * clause of the query that finds, counts and facets, so that what is not readable is never a
 * hit, never counted and never scored.
 *
 * <p>It is equivalent to a {@code BooleanQuery} of one {@code FILTER} {@code TermInSetQuery}
 * per group over the security field ({@link #asTermQuery(ReaderProfile)}, which tests compare it
 * with); it opts out of Lucene's query cache because it is its own cache.
 *
 * <p>Immutable and thread-safe.
 */
final class ProfileFilterQuery extends Query {

    private final ReaderProfile profile;
    private final ProfileFilterCache cache;

    ProfileFilterQuery(ReaderProfile profile, ProfileFilterCache cache) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** The same filter built from Lucene's own queries, uncached. */
    static Query asTermQuery(ReaderProfile profile) {
        var builder = new org.apache.lucene.search.BooleanQuery.Builder();
        for (var group : profile.requiredAnyOf()) {
            builder.add(new org.apache.lucene.search.TermInSetQuery(IndexSchema.SECURITY,
                            group.stream().map(org.apache.lucene.util.BytesRef::new).toList()),
                    org.apache.lucene.search.BooleanClause.Occur.FILTER);
        }
        return new org.apache.lucene.search.ConstantScoreQuery(builder.build());
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public ScorerSupplier scorerSupplier(org.apache.lucene.index.LeafReaderContext context) throws IOException {
                ProfileFilterCache.Entry entry = cache.bits(context.reader(), profile);
                if (entry.cardinality() == 0) {
                    return null;
                }
                float score = score();
                return new ScorerSupplier() {
                    @Override
                    public Scorer get(long leadCost) {
                        return new ConstantScoreScorer(score, scoreMode, new BitSetIterator(entry.bits(), entry.cardinality()));
                    }

                    @Override
                    public long cost() {
                        return entry.cardinality();
                    }
                };
            }

            @Override
            public boolean isCacheable(org.apache.lucene.index.LeafReaderContext context) {
                return false;
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(IndexSchema.SECURITY)) {
            visitor.visitLeaf(this);
        }
    }

    @Override
    public String toString(String field) {
        return "readableBy" + profile.requiredAnyOf();
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && profile.equals(((ProfileFilterQuery) other).profile)
                && cache == ((ProfileFilterQuery) other).cache;
    }

    @Override
    public int hashCode() {
        return 31 * classHash() + profile.hashCode();
    }
}
