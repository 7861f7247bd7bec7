package org.escape.searchindex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** The query-time savings of search: typo tolerance only for rare words, and top hits that may skip. */
class SearchCostTest {

    private static final List<String> WORDS = List.of("malware", "phishing", "ransomware", "beacon", "lateral", "exploit",
            "firewall", "credential", "powershell", "payload", "dropper", "loader", "kernel", "router", "tunnel");

    private final SafeQueryParser parser = new SafeQueryParser(RankingConfig.DEFAULT);

    @Test
    void aFrequentWordIsExactButARareOrAbsentOneKeepsTypoTolerance() {
        Map<String, Integer> bodyFrequencies = Map.of("ransomwar", SafeQueryParser.FUZZY_SKIP_DOC_FREQ, "beacon", 3);
        var docFreq = (java.util.function.ToIntFunction<org.apache.lucene.index.Term>) term ->
                term.field().equals(IndexSchema.BODY) ? bodyFrequencies.getOrDefault(term.text(), 0) : 0;
        String frequent = parser.parse("ransomware", false, docFreq).toString();
        assertTrue(frequent.contains("ransomwar") && !frequent.contains("~"), frequent);
        String rare = parser.parse("beacon", false, docFreq).toString();
        assertTrue(rare.contains("beacon~1"), rare);
        String typo = parser.parse("ransomwre", false, docFreq).toString();
        assertTrue(typo.contains("ransomwr~2"), typo);
    }

    @Test
    void aMisspelledWordStillFindsTheFrequentOneAndTheFrequentWordCountsExactly() throws Exception {
        try (SecureIndex index = SecureIndex.inMemory(RankingConfig.DEFAULT)) {
            int holders = SafeQueryParser.FUZZY_SKIP_DOC_FREQ + 5;
            for (int i = 0; i < holders; i++) {
                index.upsert(Docs.doc("r" + i).body("a ransomware report number " + i).build());
            }
            index.upsert(Docs.doc("typo").body("a ransomwere report").build());
            index.refresh();
            ReaderProfile reader = Docs.reader("SECRET", "GBR");
            assertEquals(holders + 1, index.search(SearchRequest.of("ransomwre"), reader).total(), "a typo matches both spellings");
            assertEquals(holders, index.search(SearchRequest.of("ransomware"), reader).total(), "a frequent word matches as typed");
        }
    }

    @Test
    void whetherAWordIsMatchedExactlyDependsOnlyOnDocumentsTheReaderMayRead() throws Exception {
        // 25 SECRET documents say "kraken"; the one UNCLASSIFIED document says "krakan". Were the
        // typo hint counted over the whole index, "kraken" would be frequent, matched exactly, and the
        // UNCLASSIFIED reader would find nothing -- learning that unreadable documents use the word.
        ReaderProfile unclassified = Docs.reader("UNCLASSIFIED", "CAN");
        SearchResult withHidden;
        SearchResult without;
        try (SecureIndex index = SecureIndex.inMemory(RankingConfig.DEFAULT)) {
            for (int i = 0; i < SafeQueryParser.FUZZY_SKIP_DOC_FREQ + 5; i++) {
                index.upsert(Docs.doc("s" + i).body("operation kraken notes " + i).tokens("lvl:SECRET", "rel:GBR").build());
            }
            index.upsert(Docs.doc("open").body("a krakan campaign").build());
            index.refresh();
            withHidden = index.search(SearchRequest.of("kraken"), unclassified);
            assertEquals(SafeQueryParser.FUZZY_SKIP_DOC_FREQ + 5,
                    index.search(SearchRequest.of("kraken"), Docs.reader("SECRET", "GBR")).total(),
                    "for a reader of the 25, the word is frequent and matched exactly");
        }
        try (SecureIndex index = SecureIndex.inMemory(RankingConfig.DEFAULT)) {
            index.upsert(Docs.doc("open").body("a krakan campaign").build());
            index.refresh();
            without = index.search(SearchRequest.of("kraken"), unclassified);
        }
        assertEquals(1, without.total());
        assertEquals(without.total(), withHidden.total(), "unreadable documents changed what the reader finds");
        assertEquals(without.hits().get(0).id(), withHidden.hits().get(0).id());
    }

    @Test
    void onlyDisjunctionsOfTermsAreSearchedInTwoPasses() {
        assertTrue(SecureIndex.isCheapToMatch(parser.parse("memory")));
        assertTrue(SecureIndex.isCheapToMatch(parser.parse("embedded OR regasm")));
        assertFalse(SecureIndex.isCheapToMatch(parser.parse("unix AND shell")));
        assertFalse(SecureIndex.isCheapToMatch(parser.parse("\"process injection\"")));
        assertFalse(SecureIndex.isCheapToMatch(parser.parse("memory OR \"process injection\"")));
        assertFalse(SecureIndex.isCheapToMatch(parser.parse("memory -shell")));
    }

    @Test
    void rankedQueryScoresLikeFunctionScoreQueryAndItsSkippingTopHitsAreTheExactOnes() throws Exception {
        Random random = new Random(20261202);
        Instant now = Instant.parse("2026-12-02T00:00:00Z");
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            RankingConfig ranking = RankingConfig.DEFAULT;
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(IndexSchema.analyzer()).setSimilarity(ranking.similarity()))) {
                for (int i = 0; i < 3_000; i++) {
                    StringBuilder body = new StringBuilder();
                    for (int w = 0; w < 3 + random.nextInt(30); w++) {
                        body.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
                    }
                    SearchDocument doc = Docs.doc("d" + i).type(random.nextInt(5) == 0 ? ItemType.ARTICLE : ItemType.FORUM_POST)
                            .status(null).body(body.toString()).updated(now.minusSeconds(random.nextInt(86_400 * 400))).build();
                    writer.addDocument(IndexSchema.toDocument(doc));
                    if (i % 700 == 0) {
                        writer.commit();
                    }
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(ranking.similarity());
                RankingFactor factor = new RankingFactor(ranking, Clock.fixed(now, ZoneOffset.UTC).millis());
                for (String text : List.of("malware", "beacon OR kernel", "ransomware payload", "dropper OR loader OR tunnel")) {
                    Query user = parser.parse(text);
                    TopDocs expected = searcher.search(FunctionScoreQuery.boostByValue(user, factor),
                            new TopScoreDocCollectorManager(10, Integer.MAX_VALUE));
                    TopDocs skipping = searcher.search(new RankedQuery(user, factor), new TopScoreDocCollectorManager(10, 10));
                    assertArrayEquals(ids(expected), ids(skipping), text);
                    for (int i = 0; i < expected.scoreDocs.length; i++) {
                        assertEquals(expected.scoreDocs[i].score, skipping.scoreDocs[i].score, text);
                    }
                    assertEquals(searcher.count(user), searcher.count(new RankedQuery(user, factor)), text);
                }
            }
        }
    }

    private static int[] ids(TopDocs top) {
        return java.util.Arrays.stream(top.scoreDocs).mapToInt(hit -> hit.doc).toArray();
    }

}
