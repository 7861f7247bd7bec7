package org.escape.searchindex;

import java.time.Duration;
import java.util.Objects;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.PerFieldSimilarityWrapper;
import org.apache.lucene.search.similarities.Similarity;

/**
 * How matches are ordered; filtering and counting never depend on it. A match's text score is
 * the sum, over the fields where a query term matches, of BM25 times the field's boost (a simple
 * BM25F-like combination in which a title, tag or Markdown heading match outweighs a body match;
 * a heading is also body text, so a word in a heading counts in both); for a long query
 * ({@link SafeQueryParser}), pairs of neighbouring query words found within
 * {@code proximitySlop} positions of each other in a title, heading or body add
 * {@code proximityBoost} times the field's boost times their BM25. The text score is then
 * multiplied by
 * <pre>
 *   (1 + recencyWeight · 2^(−age / recencyHalfLife)) · (publishedArticleBoost if a published article, else 1)
 * </pre>
 * so a brand-new item gets at most {@code 1 + recencyWeight} times its text score, an item one
 * half-life old half that bonus.
 *
 * <p>{@link #DEFAULT} was tuned with {@code ./escape bench relevance} (ATT&amp;CK procedure texts
 * as queries against the imported mitigations, on one half of the techniques, checked on the
 * other): the weaker body length normalization stops long articles that cover many cases from
 * being pushed below short ones, and headings and word proximity carry most of the gain.
 * {@link #BASELINE} is plain Lucene BM25 (k1 1.2, b 0.75) over the same fields with no boost of
 * any kind: the reference against which tuned settings are judged.
 *
 * <p>Immutable and thread-safe.
 *
 * @param titleBoost            weight of a title match; positive
 * @param tagBoost              weight of a tag match; positive
 * @param headingBoost          weight of a match in a Markdown heading of the body; positive
 * @param bodyBoost             weight of a body match; positive
 * @param recencyWeight         extra factor for a brand-new item; 0 disables recency
 * @param recencyHalfLife       age at which the recency bonus halves; positive
 * @param publishedArticleBoost factor for published articles; 1 disables it
 * @param k1                    BM25 term-frequency saturation of every field; positive
 * @param bodyLengthNorm        BM25 {@code b} of the body: 0 ignores its length, 1 normalizes fully
 * @param headingLengthNorm     BM25 {@code b} of the headings, 0 to 1
 * @param proximityBoost        weight of neighbouring words of a long query found near each other; 0 disables it
 * @param proximitySlop         how far apart (in positions) such neighbours may be; 0 to 10
 */
public record RankingConfig(
        float titleBoost,
        float tagBoost,
        float headingBoost,
        float bodyBoost,
        double recencyWeight,
        Duration recencyHalfLife,
        double publishedArticleBoost,
        float k1,
        float bodyLengthNorm,
        float headingLengthNorm,
        float proximityBoost,
        int proximitySlop) {

    /** Lucene's default BM25 {@code b}, used for titles, tags and the baseline. */
    private static final float DEFAULT_B = 0.75f;

    /**
     * The tuned default: titles ×2, headings ×2, tags ×1.5, body length normalization 0.3, a
     * proximity bonus for long queries (neighbours within 3 positions), a mild recency bonus (+20 %,
     * half-life 90 days), published articles ×1.3.
     */
    public static final RankingConfig DEFAULT = new RankingConfig(2f, 1.5f, 2f, 1f, 0.2, Duration.ofDays(90), 1.3,
            1.2f, 0.3f, 0.3f, 1f, 3);

    /** Plain BM25: every field weighs 1, Lucene's k1 and b, no proximity, recency or status preference. */
    public static final RankingConfig BASELINE = new RankingConfig(1f, 1f, 1f, 1f, 0, Duration.ofDays(90), 1,
            1.2f, DEFAULT_B, DEFAULT_B, 0f, 0);

    /**
     * Validates.
     *
     * @throws IllegalArgumentException when a boost or k1 is not positive, the recency weight or
     *                                  proximity boost negative, a length normalization outside 0..1,
     *                                  the slop outside 0..10 or the half-life not positive
     */
    public RankingConfig {
        Objects.requireNonNull(recencyHalfLife, "recencyHalfLife");
        if (!(titleBoost > 0) || !(tagBoost > 0) || !(headingBoost > 0) || !(bodyBoost > 0) || !(publishedArticleBoost > 0)
                || !(k1 > 0) || Float.isInfinite(k1)) {
            throw new IllegalArgumentException("Boosts and k1 must be positive.");
        }
        if (!(recencyWeight >= 0) || recencyHalfLife.isNegative() || recencyHalfLife.isZero()) {
            throw new IllegalArgumentException("Recency weight must be >= 0 and the half-life positive.");
        }
        if (!(bodyLengthNorm >= 0 && bodyLengthNorm <= 1) || !(headingLengthNorm >= 0 && headingLengthNorm <= 1)) {
            throw new IllegalArgumentException("Length normalizations must be within 0..1.");
        }
        if (!(proximityBoost >= 0) || Float.isInfinite(proximityBoost) || proximitySlop < 0 || proximitySlop > 10) {
            throw new IllegalArgumentException("Proximity boost must be >= 0 and the slop within 0..10.");
        }
    }

    /** True when scores are to be multiplied by the recency/status factor at all. */
    boolean hasScoreFactor() {
        return recencyWeight > 0 || publishedArticleBoost != 1;
    }

    /**
     * BM25 per field with this configuration's parameters. Norms are encoded the same way for any
     * k1 and b, so an index written with one configuration can be searched with another.
     */
    Similarity similarity() {
        BM25Similarity body = new BM25Similarity(k1, bodyLengthNorm);
        BM25Similarity headings = new BM25Similarity(k1, headingLengthNorm);
        BM25Similarity other = new BM25Similarity(k1, DEFAULT_B);
        return new PerFieldSimilarityWrapper() {
            @Override
            public Similarity get(String field) {
                return switch (field) {
                    case IndexSchema.BODY -> body;
                    case IndexSchema.HEADINGS -> headings;
                    default -> other;
                };
            }
        };
    }
}
