package org.escape.searchindex;

import java.time.Duration;
import java.util.Objects;

/**
 * How matches are ordered; filtering and counting never depend on it. A match's text score is
 * the sum, over the fields where a query term matches, of BM25 times the field's boost (a simple
 * BM25F-like combination in which a title or tag match outweighs a body match); the text score
 * is then multiplied by
 * <pre>
 *   (1 + recencyWeight · 2^(−age / recencyHalfLife)) · (publishedArticleBoost if a published article, else 1)
 * </pre>
 * so a brand-new item gets at most {@code 1 + recencyWeight} times its text score, an item one
 * half-life old half that bonus.
 *
 * <p>{@link #BASELINE} is plain Lucene BM25 over the same fields with no boost of any kind: the
 * reference against which tuned settings (e.g. on ATT&amp;CK mitigations) are judged.
 *
 * <p>Immutable and thread-safe.
 *
 * @param titleBoost            weight of a title match; positive
 * @param tagBoost              weight of a tag match; positive
 * @param bodyBoost             weight of a body match; positive
 * @param recencyWeight         extra factor for a brand-new item; 0 disables recency
 * @param recencyHalfLife       age at which the recency bonus halves; positive
 * @param publishedArticleBoost factor for published articles; 1 disables it
 */
public record RankingConfig(
        float titleBoost,
        float tagBoost,
        float bodyBoost,
        double recencyWeight,
        Duration recencyHalfLife,
        double publishedArticleBoost) {

    /** The tuned default: titles ×3, tags ×2, a mild recency bonus (+20 %, half-life 90 days), published articles ×1.3. */
    public static final RankingConfig DEFAULT = new RankingConfig(3f, 2f, 1f, 0.2, Duration.ofDays(90), 1.3);

    /** Plain BM25: every field weighs 1, no recency, no status preference. */
    public static final RankingConfig BASELINE = new RankingConfig(1f, 1f, 1f, 0, Duration.ofDays(90), 1);

    /**
     * Validates.
     *
     * @throws IllegalArgumentException when a boost is not positive, the recency weight negative
     *                                  or the half-life not positive
     */
    public RankingConfig {
        Objects.requireNonNull(recencyHalfLife, "recencyHalfLife");
        if (!(titleBoost > 0) || !(tagBoost > 0) || !(bodyBoost > 0) || !(publishedArticleBoost > 0)) {
            throw new IllegalArgumentException("Boosts must be positive.");
        }
        if (!(recencyWeight >= 0) || recencyHalfLife.isNegative() || recencyHalfLife.isZero()) {
            throw new IllegalArgumentException("Recency weight must be >= 0 and the half-life positive.");
        }
    }

    /** True when scores are to be multiplied by the recency/status factor at all. */
    boolean hasScoreFactor() {
        return recencyWeight > 0 || publishedArticleBoost != 1;
    }
}
