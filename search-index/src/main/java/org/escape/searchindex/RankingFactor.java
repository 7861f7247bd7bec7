package org.escape.searchindex;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * The per-document multiplier of {@link RankingConfig}: recency from the {@code updated} doc
 * values relative to a fixed "now", times the published-article boost. Used with
 * {@code FunctionScoreQuery.boostByValue}, it reorders matches and never adds or removes one.
 *
 * <p>Immutable and thread-safe.
 */
final class RankingFactor extends DoubleValuesSource {

    private final RankingConfig config;
    private final long nowMillis;

    RankingFactor(RankingConfig config, long nowMillis) {
        this.config = Objects.requireNonNull(config, "config");
        this.nowMillis = nowMillis;
    }

    /** The largest value this factor takes: a brand-new published article's. */
    double maxValue() {
        return (1 + config.recencyWeight()) * Math.max(1, config.publishedArticleBoost());
    }

    @Override
    public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
        NumericDocValues updated = DocValues.getNumeric(ctx.reader(), IndexSchema.UPDATED);
        NumericDocValues published = DocValues.getNumeric(ctx.reader(), IndexSchema.PUBLISHED_ARTICLE);
        double halfLife = config.recencyHalfLife().toMillis();
        return new DoubleValues() {
            private double value;

            @Override
            public double doubleValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                double age = updated.advanceExact(doc) ? Math.max(0, nowMillis - updated.longValue()) : Double.POSITIVE_INFINITY;
                double recency = 1 + config.recencyWeight() * Math.pow(2, -age / halfLife);
                boolean isPublished = published.advanceExact(doc) && published.longValue() == 1;
                value = recency * (isPublished ? config.publishedArticleBoost() : 1);
                return true;
            }
        };
    }

    @Override
    public boolean needsScores() {
        return false;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher reader) {
        return this;
    }

    @Override
    public boolean isCacheable(LeafReaderContext ctx) {
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(config, nowMillis);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RankingFactor that && config.equals(that.config) && nowMillis == that.nowMillis;
    }

    @Override
    public String toString() {
        return "ranking(" + config + ", now=" + nowMillis + ")";
    }
}
