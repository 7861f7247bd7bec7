package org.escape.searchindex;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.BooleanClause.Occur;

/**
 * A query whose score is its inner query's text score times the document's {@link RankingFactor},
 * as {@code FunctionScoreQuery.boostByValue} computes it (same arithmetic, so the same scores),
 * but which tells Lucene an upper bound of its scores: the inner bound times the factor's
 * {@linkplain RankingFactor#maxValue() largest value}. So a top-k search that does not need an
 * exact hit count can skip blocks that cannot compete (block-max WAND), which
 * {@code FunctionScoreQuery} (maximum score: infinity) never allows. It matches exactly the inner
 * query's documents; without scores it is the inner query.
 *
 * <p>Immutable and thread-safe.
 */
final class RankedQuery extends Query {

    private final Query in;
    private final RankingFactor factor;

    RankedQuery(Query in, RankingFactor factor) {
        this.in = Objects.requireNonNull(in, "in");
        this.factor = Objects.requireNonNull(factor, "factor");
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        Query rewritten = in.rewrite(searcher);
        return rewritten == in ? super.rewrite(searcher) : new RankedQuery(rewritten, factor);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        Weight inner = in.createWeight(searcher, scoreMode, 1f);
        if (!scoreMode.needsScores()) {
            return inner;
        }
        double maxFactor = factor.maxValue() * boost;
        return new Weight(this) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                ScorerSupplier supplier = inner.scorerSupplier(context);
                if (supplier == null) {
                    return null;
                }
                return new ScorerSupplier() {
                    @Override
                    public Scorer get(long leadCost) throws IOException {
                        return new RankedScorer(supplier.get(leadCost), factor.getValues(context, null), boost, maxFactor);
                    }

                    @Override
                    public long cost() {
                        return supplier.cost();
                    }

                    @Override
                    public void setTopLevelScoringClause() throws IOException {
                        supplier.setTopLevelScoringClause();
                    }
                };
            }

            @Override
            public Explanation explain(LeafReaderContext context, int doc) throws IOException {
                Explanation text = inner.explain(context, doc);
                if (!text.isMatch()) {
                    return text;
                }
                DoubleValues values = factor.getValues(context, null);
                values.advanceExact(doc);
                float score = (float) (text.getValue().doubleValue() * values.doubleValue() * boost);
                return Explanation.match(score, "product of:", text,
                        Explanation.match((float) values.doubleValue(), "ranking factor " + factor));
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return false;
            }
        };
    }

    /** The inner scorer with its scores multiplied by the factor and its bounds by the factor's maximum. */
    private static final class RankedScorer extends Scorer {
        private final Scorer in;
        private final DoubleValues factor;
        private final float boost;
        private final double maxFactor;

        RankedScorer(Scorer in, DoubleValues factor, float boost, double maxFactor) {
            this.in = in;
            this.factor = factor;
            this.boost = boost;
            this.maxFactor = maxFactor;
        }

        @Override
        public float score() throws IOException {
            if (factor.advanceExact(in.docID())) {
                double value = (double) in.score() * factor.doubleValue();
                if (value >= 0) {
                    return (float) (value * boost);
                }
            }
            return 0;
        }

        @Override
        public int docID() {
            return in.docID();
        }

        @Override
        public DocIdSetIterator iterator() {
            return in.iterator();
        }

        @Override
        public TwoPhaseIterator twoPhaseIterator() {
            return in.twoPhaseIterator();
        }

        @Override
        public int advanceShallow(int target) throws IOException {
            return in.advanceShallow(target);
        }

        @Override
        public float getMaxScore(int upTo) throws IOException {
            float bound = (float) (in.getMaxScore(upTo) * maxFactor);
            // round up so that the bound never undercuts a real score
            return Float.isFinite(bound) ? Math.nextUp(bound) : bound;
        }

        @Override
        public void setMinCompetitiveScore(float minScore) throws IOException {
            // a document can only compete if its text score reaches minScore / maxFactor; round
            // down so that no competitive document is skipped
            in.setMinCompetitiveScore(Math.max(0f, Math.nextDown(Math.nextDown((float) (minScore / maxFactor)))));
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        in.visit(visitor.getSubVisitor(Occur.MUST, this));
    }

    @Override
    public String toString(String field) {
        return "ranked(" + in.toString(field) + ", " + factor + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && in.equals(((RankedQuery) other).in) && factor.equals(((RankedQuery) other).factor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), in, factor);
    }
}
