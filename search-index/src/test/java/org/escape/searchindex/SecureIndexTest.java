package org.escape.searchindex;

import static org.escape.searchindex.Docs.doc;
import static org.escape.searchindex.Docs.reader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SecureIndexTest {

    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String OTHER_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a09";
    private static final ReaderProfile PUBLIC = reader("UNCLASSIFIED", null);
    private static final ReaderProfile TOP = reader("TOP_SECRET", "GBR");

    private final SecureIndex index = SecureIndex.inMemory(RankingConfig.DEFAULT,
            Clock.fixed(Docs.T0.plus(Duration.ofDays(1)), ZoneOffset.UTC));

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private List<String> ids(String text, ReaderProfile reader) {
        return index.search(SearchRequest.of(text), reader).hits().stream().map(SearchResult.Hit::id).toList();
    }

    private void indexIdentifiers() {
        index.upsert(doc("ps").body("Adversaries ran PowerShell (T1059.001) from 10.0.0.1 talking to evil.example.com").build());
        index.upsert(doc("cmd").body("Windows command shell T1059.003 from 10.0.0.10 and good.example.com").build());
        index.upsert(doc("parent").body("Command and scripting interpreter T1059 generally").build());
        index.upsert(doc("pan").body("Patch CVE-2024-3400 on the firewall; payload " + SHA256).build());
        index.upsert(doc("other").body("Patch CVE-2024-3401 later; payload " + OTHER_SHA256 + " mail ops@evil.example.com").build());
        index.refresh();
    }

    static List<Object[]> identifierQueries() {
        return List.of(
                new Object[] {"T1059.001", List.of("ps")},
                new Object[] {"t1059.001", List.of("ps")},
                new Object[] {"T1059", List.of("parent")},
                new Object[] {"cve-2024-3400", List.of("pan")},
                new Object[] {"CVE-2024-3400", List.of("pan")},
                new Object[] {"10.0.0.1", List.of("ps")},
                new Object[] {"evil.example.com", List.of("other", "ps")},
                new Object[] {SHA256, List.of("pan")},
                new Object[] {SHA256.toUpperCase(), List.of("pan")},
                new Object[] {"ops@evil.example.com", List.of("other")},
                new Object[] {"powershell", List.of("ps")},
                new Object[] {"\"command shell\"", List.of("cmd")},
                new Object[] {"firewall", List.of("pan")});
    }

    @ParameterizedTest
    @MethodSource("identifierQueries")
    void identifiersAreFoundExactlyAndNotTheirNeighbours(String query, List<String> expected) {
        indexIdentifiers();
        assertEquals(Set.copyOf(expected), Set.copyOf(ids(query, PUBLIC)), query);
    }

    @Test
    void unreadableDocumentsAreAbsentFromHitsTotalsFacetsSnippetsAndSuggestions() {
        index.upsert(doc("open").title("Ransomware playbook").body("Isolate hosts quickly.").tags("Ransomware").build());
        index.upsert(doc("secret").title("Ransomware secretcanary operation").body("secretcanary details").tags("ransomware", "secretcanarytag")
                .tokens("lvl:SECRET", "rel:GBR").build());
        index.upsert(doc("nobody").title("Ransomware nobodycanary").body("nobodycanary").tokens("lvl:UNCLASSIFIED", "rel:NOBODY").build());
        index.refresh();

        SearchResult publicView = index.search(SearchRequest.of("ransomware"), PUBLIC);
        assertEquals(1, publicView.total());
        assertEquals(List.of("open"), publicView.hits().stream().map(SearchResult.Hit::id).toList());
        assertEquals(Map.of("ransomware", 1L), publicView.facets().tag());
        assertEquals(Map.of("UNCLASSIFIED", 1L), publicView.facets().level());
        assertEquals(0, index.search(SearchRequest.of("secretcanary"), PUBLIC).total());
        assertTrue(index.suggest("secretc", PUBLIC, 10).isEmpty());
        assertEquals(List.of(new Suggestion("Ransomware playbook", Suggestion.Kind.TITLE), new Suggestion("Ransomware", Suggestion.Kind.TAG)),
                index.suggest("ransom", PUBLIC, 10));

        SearchResult topView = index.search(SearchRequest.of("ransomware"), TOP);
        assertEquals(2, topView.total());
        assertEquals(Map.of("UNCLASSIFIED", 1L, "SECRET", 1L), topView.facets().level());
        assertEquals(0, index.search(SearchRequest.of("nobodycanary"), TOP).total());
        assertEquals(List.of(new Suggestion("secretcanarytag", Suggestion.Kind.TAG)), index.suggest("secretcanaryt", TOP, 10));
    }

    @Test
    void statusAndDateFacetsCountReadableMatchesInWindowsThatTheFiltersSelect() {
        Instant now = Docs.T0.plus(Duration.ofDays(1));
        index.upsert(doc("hour").type(ItemType.INCIDENT).status("OPEN").updated(now.minus(Duration.ofHours(1))).build());
        index.upsert(doc("day-edge").type(ItemType.INCIDENT).status("Contained").updated(now.minus(Duration.ofDays(1))).build());
        index.upsert(doc("past-day").type(ItemType.THREAD).status("open").updated(now.minus(Duration.ofDays(1)).minusMillis(1)).build());
        index.upsert(doc("year-edge").type(ItemType.ARTICLE).status("PUBLISHED").updated(now.minus(Duration.ofDays(365))).build());
        index.upsert(doc("old").updated(now.minus(Duration.ofDays(365)).minusMillis(1)).build());
        index.upsert(doc("secret").type(ItemType.ARTICLE).status("DRAFT").updated(now.minus(Duration.ofHours(2)))
                .tokens("lvl:SECRET", "rel:ALL").build());
        index.refresh();

        SearchResult.FacetCounts facets = index.search(SearchRequest.of(""), PUBLIC).facets();
        assertEquals(Map.of("open", 2L, "contained", 1L, "published", 1L), facets.status());
        assertEquals(List.of("open", "contained", "published"), List.copyOf(facets.status().keySet()));
        assertEquals(Map.of("day", 2L, "week", 3L, "month", 3L, "year", 4L, "older", 1L), facets.date());
        assertEquals(List.of("day", "week", "month", "year", "older"), List.copyOf(facets.date().keySet()));
        for (Recency window : Recency.values()) {
            SearchRequest selected = SearchRequest.of("").withUpdated(window.from(now), window.to(now));
            assertEquals(facets.date().get(window.token()), index.search(selected, PUBLIC).total(), window.name());
        }
        SearchResult.FacetCounts within = index.search(SearchRequest.of("").withUpdated(Recency.PAST_DAY.from(now), null), PUBLIC).facets();
        assertEquals(Map.of("day", 2L, "week", 2L, "month", 2L, "year", 2L), within.date());
        assertEquals(Map.of("open", 1L, "contained", 1L), within.status());

        SearchResult.FacetCounts top = index.search(SearchRequest.of(""), TOP).facets();
        assertEquals(3L, top.date().get("day"));
        assertEquals(1L, top.status().get("draft"));
        assertEquals(Map.of(), index.search(SearchRequest.of("nomatchanywhere"), TOP).facets().date());
    }

    /** The examples of the SPA's query syntax help (SearchPage.tsx) do what it says. */
    @Test
    void theSearchHelpExamplesHold() {
        index.upsert(doc("log4j").title("Cobalt Strike beacon after Log4Shell").body("Ransomware staged via CVE-2021-44228; PowerShell T1059.001")
                .tags("phishing").build());
        index.upsert(doc("cmd").title("Lateral movement notes").body("Emotet test run with T1059.002 and a qakbot sample").build());
        index.refresh();
        assertEquals(List.of("log4j"), ids("ransomwear", PUBLIC));
        assertEquals(List.of("log4j"), ids("T1059.001", PUBLIC));
        assertEquals(List.of("log4j"), ids("CVE-2021-44228", PUBLIC));
        assertEquals(List.of("log4j"), ids("title:\"cobalt strike\"", PUBLIC));
        assertEquals(List.of("log4j"), ids("title:beacon", PUBLIC));
        assertEquals(List.of("log4j"), ids("tag:phishing", PUBLIC));
        assertEquals(List.of("cmd"), ids("\"lateral movement\"", PUBLIC));
        assertEquals(Set.of("log4j", "cmd"), Set.copyOf(ids("emotet OR ransomware", PUBLIC)));
        assertEquals(List.of("log4j"), ids("ransomware -test", PUBLIC));
        assertEquals(List.of("log4j"), ids("ransomware NOT test", PUBLIC));
        assertEquals(List.of(), ids("type:article", PUBLIC));
        assertEquals(List.of(), ids("ransom*", PUBLIC));
    }

    @Test
    void recencyWindowsAreNamedByTheirToken() {
        assertEquals(List.of("day", "week", "month", "year", "older"), Stream.of(Recency.values()).map(Recency::token).toList());
        assertEquals(Optional.of(Recency.PAST_WEEK), Recency.fromToken(" Week "));
        assertEquals(Optional.empty(), Recency.fromToken("decade"));
        assertEquals(Optional.empty(), Recency.fromToken(null));
    }

    @Test
    void levelFilterCannotWidenTheReadersFilter() {
        index.upsert(doc("secret").title("Beacon").tokens("lvl:SECRET", "rel:ALL").build());
        index.refresh();
        assertEquals(0, index.search(SearchRequest.of("beacon").withLevels(Set.of("SECRET")), PUBLIC).total());
        assertEquals(1, index.search(SearchRequest.of("beacon").withLevels(Set.of("SECRET")), TOP).total());
    }

    @ParameterizedTest
    @MethodSource("org.escape.searchindex.SafeQueryParserTest#hostile")
    void hostileQueriesNeverThrowNorReachUnreadableDocuments(String text) {
        index.upsert(doc("open").title("label secret").body("open notes").build());
        index.upsert(doc("secret").title("label secret").body("lvl:TOP_SECRET securityTokens:lvl:SECRET").tokens("lvl:TOP_SECRET", "rel:GBR").build());
        index.refresh();
        SearchResult result = index.search(SearchRequest.of(text).withPrefixLastWord(true), PUBLIC);
        assertTrue(result.total() <= 1, text);
        assertTrue(result.hits().stream().allMatch(hit -> hit.id().equals("open")), text);
        assertTrue(index.suggest(text, PUBLIC, 10).stream().allMatch(s -> s.text().equals("label secret")), text);
    }

    @Test
    void snippetsAreEscapedAndMarkTheMatch() {
        index.upsert(doc("xss").title("Script").body("Payload <script>alert('x')</script> & dropper found in the dropper folder").build());
        index.refresh();
        String snippet = index.search(SearchRequest.of("dropper"), PUBLIC).hits().get(0).snippet();
        assertEquals("Payload &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; <mark>dropper</mark> found in the <mark>dropper</mark> folder",
                snippet);
    }

    @Test
    void titleOutranksBodyAndBaselineIsPlainBm25() {
        index.upsert(doc("body").title("Notes").body("sinkhole sinkhole domain seen").build());
        index.upsert(doc("title").title("Sinkhole").body("notes on the domain").build());
        index.refresh();
        assertEquals(List.of("title", "body"), ids("sinkhole", PUBLIC));
        try (SecureIndex baseline = SecureIndex.inMemory(RankingConfig.BASELINE)) {
            baseline.upsert(doc("a").title("Sinkhole").body("x").build());
            baseline.refresh();
            SearchResult result = baseline.search(SearchRequest.of("sinkhole"), PUBLIC);
            assertEquals(1, result.total());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void recentAndPublishedArticlesRankHigherOnEqualText() {
        index.upsert(doc("old").type(ItemType.ARTICLE).status("DRAFT").title("Triage").updated(Docs.T0.minus(Duration.ofDays(700))).build());
        index.upsert(doc("new").type(ItemType.ARTICLE).status("DRAFT").title("Triage").updated(Docs.T0).build());
        index.upsert(doc("published").type(ItemType.ARTICLE).status("PUBLISHED").title("Triage").updated(Docs.T0.minus(Duration.ofDays(700))).build());
        index.refresh();
        List<String> order = ids("triage", PUBLIC);
        assertEquals("old", order.get(2));
        SearchResult facets = index.search(SearchRequest.of("triage").withStatuses(Set.of("published")), PUBLIC);
        assertEquals(List.of("published"), facets.hits().stream().map(SearchResult.Hit::id).toList());
    }

    @Test
    void deleteAndUpsertAreVisibleAfterWaitingForTheirGeneration() throws Exception {
        long generation = index.upsert(doc("a").title("Botnet").build());
        assertTrue(index.waitForGeneration(generation, Duration.ofSeconds(5)));
        assertEquals(List.of("a"), ids("botnet", PUBLIC));
        generation = index.upsert(doc("a").title("Botnet").tokens("lvl:SECRET", "rel:ALL").build());
        assertTrue(index.waitForGeneration(generation, Duration.ofSeconds(5)));
        assertEquals(List.of(), ids("botnet", PUBLIC));
        assertEquals(List.of("a"), ids("botnet", TOP));
        assertTrue(index.waitForGeneration(index.delete("a"), Duration.ofSeconds(5)));
        assertEquals(List.of(), ids("botnet", TOP));
    }

    @Test
    void changesBecomeSearchableWithinASecondWithoutAnyCall() throws Exception {
        index.upsert(doc("a").title("Keylogger").build());
        long deadline = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
        while (ids("keylogger", PUBLIC).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of("a"), ids("keylogger", PUBLIC));
    }

    @Test
    void theProfileFilterIsBuiltOncePerSegmentAndReused() {
        index.upsert(doc("a").title("Rootkit").build());
        index.refresh();
        ProfileFilterCache cache = index.filterCache();
        ids("rootkit", PUBLIC);
        long misses = cache.misses();
        for (int i = 0; i < 5; i++) {
            ids("rootkit", reader("UNCLASSIFIED", null));
        }
        assertEquals(misses, cache.misses());
        assertTrue(cache.hits() >= 5);
    }

    @Test
    void rebuildSwapsGenerationsAtomically(@TempDir Path root) throws Exception {
        try (SecureIndex live = SecureIndex.open(root, RankingConfig.DEFAULT)) {
            live.upsert(doc("old").title("Tunnel").build());
            live.commit();
            List<Long> progress = new ArrayList<>();
            List<SearchDocument> source = List.of(doc("new1").title("Tunnel").build(), doc("new2").title("Proxy").build());
            try (SecureIndex rebuilt = SecureIndex.rebuild(root, source.iterator(), RankingConfig.DEFAULT, progress::add)) {
                assertEquals(List.of(2L), progress);
                assertEquals(Set.of("new1"), Set.copyOf(rebuilt.search(SearchRequest.of("tunnel"), PUBLIC).hits().stream()
                        .map(SearchResult.Hit::id).toList()));
                live.refresh();
                assertEquals(1, live.search(SearchRequest.of("tunnel"), PUBLIC).total(), "the old generation keeps serving");
            }
        }
        SecureIndex.deleteStaleGenerations(root);
        try (SecureIndex reopened = SecureIndex.open(root, RankingConfig.DEFAULT)) {
            assertEquals(2, reopened.search(SearchRequest.of(""), PUBLIC).total());
        }
        try (var children = Files.list(root)) {
            assertEquals(2, children.count(), "CURRENT and one generation");
        }
    }

    @Test
    void invalidInputFromTheApplicationIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ReaderProfile(List.of()));
        assertThrows(IllegalArgumentException.class, () -> ReaderProfile.of(Set.of()));
        assertThrows(IllegalArgumentException.class, () -> doc("x").tokens("rel:ALL").build());
        assertThrows(IllegalArgumentException.class, () -> doc("x").tokens("lvl:SECRET", "lvl:UNCLASSIFIED").build());
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.of("x").withPage(0, 101));
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.of("x").withLevels(Set.of("lvl:SECRET rel:ALL")));
        assertFalse(index.search(SearchRequest.of("x"), PUBLIC).total() > 0);
    }

    @Test
    void theBenchmarkFilterModesAgreeOrOmitTheFilter() {
        index.upsert(doc("open").body("lateral movement notes").build());
        index.upsert(doc("secret").body("lateral movement notes").tokens("lvl:SECRET", "rel:GBR").build());
        index.upsert(doc("kenya").body("lateral movement notes").tokens("lvl:RESTRICTED", "rel:KEN").build());
        index.refresh();
        ReaderProfile gbrSecret = reader("SECRET", "GBR");
        SearchRequest request = SearchRequest.of("lateral movement");
        for (ReaderProfile reader : List.of(PUBLIC, gbrSecret)) {
            SearchResult cached = index.search(request, reader, SecureIndex.FilterMode.CACHED);
            SearchResult uncached = index.search(request, reader, SecureIndex.FilterMode.UNCACHED);
            assertEquals(index.search(request, reader).hits().stream().map(SearchResult.Hit::id).sorted().toList(),
                    cached.hits().stream().map(SearchResult.Hit::id).sorted().toList());
            assertEquals(cached.hits().stream().map(SearchResult.Hit::id).sorted().toList(),
                    uncached.hits().stream().map(SearchResult.Hit::id).sorted().toList());
            assertEquals(cached.total(), uncached.total());
        }
        assertEquals(List.of("open", "secret"), ids("lateral movement", gbrSecret).stream().sorted().toList());
        assertEquals(3, index.search(request, PUBLIC, SecureIndex.FilterMode.NONE).total(), "no filter: every match");
    }
}
