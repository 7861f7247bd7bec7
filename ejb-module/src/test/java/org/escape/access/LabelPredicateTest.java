package org.escape.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text and parameters of the query forms; {@link LabelPredicateDatabaseTest} runs them. */
class LabelPredicateTest {

    private static final Reader KEN_SECRET = Reader.of(UUID.randomUUID(), "KEN", Level.SECRET);
    private static final Reader STATELESS = Reader.of(UUID.randomUUID(), null, Level.CONFIDENTIAL);

    @Test
    void jpqlForAReaderWithACountry() {
        LabelPredicate.Jpql predicate = LabelPredicate.jpql(KEN_SECRET, "r1", "e.label");
        assertEquals("(e.label.classificationRank <= :r1_rank and (e.label.releasableTo = 'ALL' "
                + "or e.label.releasableTo like :r1_country))", predicate.text());
        assertEquals(Map.of("r1_rank", 3, "r1_country", "%,KEN,%"), predicate.parameters());
    }

    @Test
    void jpqlForAReaderWithoutCountryMatchesOnlyAll() {
        LabelPredicate.Jpql predicate = LabelPredicate.jpql(STATELESS, "r1", "e.label");
        assertEquals("(e.label.classificationRank <= :r1_rank and e.label.releasableTo = 'ALL')", predicate.text());
        assertEquals(Map.of("r1_rank", 2), predicate.parameters());
    }

    @Test
    void jpqlForAChainRequiresEveryLabel() {
        LabelPredicate.Jpql predicate = LabelPredicate.jpql(KEN_SECRET, "reader", "p.label", "t.label", "f.label");
        assertEquals("((p.label.classificationRank <= :reader_rank and (p.label.releasableTo = 'ALL' or p.label.releasableTo like :reader_country))"
                + " and (t.label.classificationRank <= :reader_rank and (t.label.releasableTo = 'ALL' or t.label.releasableTo like :reader_country))"
                + " and (f.label.classificationRank <= :reader_rank and (f.label.releasableTo = 'ALL' or f.label.releasableTo like :reader_country)))",
                predicate.text());
        assertEquals(Map.of("reader_rank", 3, "reader_country", "%,KEN,%"), predicate.parameters());
    }

    @Test
    void sqlUsesJdbcMarkersInOrder() {
        LabelPredicate.Sql predicate = LabelPredicate.sql(KEN_SECRET, LabelPredicate.LabelColumns.qualifiedBy("t"),
                LabelPredicate.LabelColumns.prefixed("t", "forum_"));
        assertEquals("((t.classification_rank <= ? and (t.releasable_to = 'ALL' or t.releasable_to like ?))"
                + " and (t.forum_classification_rank <= ? and (t.forum_releasable_to = 'ALL' or t.forum_releasable_to like ?)))",
                predicate.text());
        assertEquals(List.of(3, "%,KEN,%", 3, "%,KEN,%"), predicate.parameters());
        LabelPredicate.Sql stateless = LabelPredicate.sql(STATELESS, LabelPredicate.LabelColumns.CONVENTIONAL);
        assertEquals("(classification_rank <= ? and releasable_to = 'ALL')", stateless.text());
        assertEquals(List.of(2), stateless.parameters());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "e.", ".label", "e.label; drop table post", "e.label or 1=1", "e.label--", "e.'x'", "e label", "e.label)"})
    void onlyPlainIdentifiersReachTheText(String path) {
        assertThrows(IllegalArgumentException.class, () -> LabelPredicate.jpql(KEN_SECRET, "r1", path));
        assertThrows(IllegalArgumentException.class, () -> new LabelPredicate.LabelColumns(path, "releasable_to"));
        assertThrows(IllegalArgumentException.class, () -> new LabelPredicate.LabelColumns("classification_rank", path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1r", "r 1", "r1:", "r1;x", "_r"})
    void theParameterPrefixIsAnIdentifier(String prefix) {
        assertThrows(IllegalArgumentException.class, () -> LabelPredicate.jpql(KEN_SECRET, prefix, "e.label"));
    }

    @Test
    void atLeastOneLabelIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> LabelPredicate.jpql(KEN_SECRET, "r1"));
        assertThrows(IllegalArgumentException.class, () -> LabelPredicate.sql(KEN_SECRET));
    }
}
