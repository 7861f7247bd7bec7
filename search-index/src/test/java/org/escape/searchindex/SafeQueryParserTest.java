package org.escape.searchindex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SafeQueryParserTest {

    private static final Set<String> USER_FIELDS = Set.of(IndexSchema.TITLE, IndexSchema.BODY, IndexSchema.TAGS, IndexSchema.TAG,
            IndexSchema.TYPE, IndexSchema.HEADINGS);

    private final SafeQueryParser parser = new SafeQueryParser(RankingConfig.DEFAULT);

    static Stream<String> hostile() {
        return Stream.of("label:*", "securityTokens:lvl:SECRET", "security:lvl:TOP_SECRET", "+lvl:TOP_SECRET", "id:42",
                "status:draft", "\"unbalanced", "(open", "close)", "((a)", "a AND", "OR b", "NOT", "AND OR NOT", "a OR OR b",
                "-", "+", "- a", "/.*/", "/[a-z]+/", "a*", "*", "?", "*:*", "title:", "tag:", "title:(a b)", "a~2", "a^100",
                "[a TO z]", "{!lucene}x", "\\", "\u0000\u0001", "()", "\"\"", "title:\"\"", "type:secret",
                "(".repeat(500) + "a" + ")".repeat(500), "NOT ".repeat(300) + "a", "a ".repeat(5_000),
                "x".repeat(10_240), "malware ".repeat(200) + "\"", "\"" + "a b ".repeat(400) + "\"");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileInputNeverThrowsAndOnlyTouchesSearchableFields(String text) {
        for (boolean prefix : new boolean[] {false, true}) {
            Query query = parser.parse(text, prefix);
            assertTrue(fields(query).stream().allMatch(USER_FIELDS::contains), text + " -> " + query);
            assertTrue(clauses(query) <= 4 * SafeQueryParser.MAX_TERMS * 3, text + " -> too many clauses");
        }
    }

    @Test
    void blankMatchesAllAndStopWordsMatchNothing() {
        assertInstanceOf(MatchAllDocsQuery.class, parser.parse("  "));
        assertInstanceOf(MatchAllDocsQuery.class, parser.parse(null));
        assertInstanceOf(MatchNoDocsQuery.class, parser.parse("the of and"));
        assertInstanceOf(MatchNoDocsQuery.class, parser.parse("*"));
    }

    @Test
    void unknownFieldIsPlainTextAndKnownFieldsAreScoped() {
        assertEquals(Set.of(IndexSchema.TITLE, IndexSchema.TAGS, IndexSchema.HEADINGS, IndexSchema.BODY), fields(parser.parse("label:secret")));
        assertEquals(Set.of(IndexSchema.TITLE), fields(parser.parse("title:ransomware")));
        assertEquals(Set.of(IndexSchema.TAG), fields(parser.parse("tag:APT29")));
        assertEquals(Set.of(IndexSchema.TYPE), fields(parser.parse("type:article")));
        assertTrue(terms(parser.parse("tag:APT29")).contains(new Term(IndexSchema.TAG, "apt29")));
    }

    @Test
    void aLoneNegationMeansEverythingExcept() {
        String query = parser.parse("NOT worm").toString();
        assertTrue(query.contains("+*:*") && query.contains("-("), query);
    }

    @Test
    void identifiersAreNeverFuzzyButLongWordsAre() {
        String identifier = parser.parse("T1059.001").toString();
        assertTrue(identifier.contains("t1059.001") && !identifier.contains("~"), identifier);
        String word = parser.parse("ransomware").toString();
        assertTrue(word.contains("ransomwar~2"), word);
        String shortWord = parser.parse("worm").toString();
        assertTrue(!shortWord.contains("~"), shortWord);
    }

    @Test
    void atMostMaxTermsWordsAreUsed() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append("w").append(Integer.toString(i, 36)).append("x ");
        }
        Set<Term> terms = terms(parser.parse(text.toString()));
        Set<String> words = new HashSet<>();
        terms.forEach(term -> words.add(term.text()));
        assertEquals(SafeQueryParser.MAX_TERMS, words.size());
    }

    static Set<String> fields(Query query) {
        Set<String> fields = new HashSet<>();
        query.visit(new QueryVisitor() {
            @Override
            public boolean acceptField(String field) {
                fields.add(field);
                return true;
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        return fields;
    }

    static Set<Term> terms(Query query) {
        Set<Term> terms = new HashSet<>();
        query.visit(QueryVisitor.termCollector(terms));
        return terms;
    }

    private static int clauses(Query query) {
        int[] count = {0};
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query q, Term... t) {
                count[0] += t.length;
            }

            @Override
            public void visitLeaf(Query q) {
                count[0]++;
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        return count[0];
    }
}
