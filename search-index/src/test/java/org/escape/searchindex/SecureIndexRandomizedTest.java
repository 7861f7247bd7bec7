package org.escape.searchindex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random documents, labels, readers and queries; every search compared with a brute-force oracle
 * that evaluates the same query semantics and the reader's groups on the in-memory documents:
 * hit ids, exact totals and every facet count (the date windows included, and that the
 * {@code from}/{@code to} filter of a window finds exactly its count), then suggestions, and that no snippet, title or
 * suggestion ever carries a canary word planted in a document the reader may not read. The
 * oracle shares only the analyzer with the code under test (tested on its own in
 * {@link ProseAnalyzerTest}); boolean logic, fuzzy distance, phrases, fields, filters and the
 * security rule are computed independently. The seed is printed; replay with
 * {@code -Dtests.seed=…}.
 */
class SecureIndexRandomizedTest {

    static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    private static final List<String> LEVELS = List.of("UNCLASSIFIED", "RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP_SECRET");
    private static final List<String> COUNTRIES = List.of("GBR", "KEN", "MYS", "IND", "CAN");
    private static final List<String> WORDS = List.of("malware", "phishing", "ransom", "beacon", "lateral", "exploit", "patch",
            "firewall", "credential", "powershell", "token", "botnet", "sinkhole", "payload", "dropper", "loader", "worm",
            "spear", "vector", "kernel", "router", "proxy", "tunnel", "backdoor", "rootkit", "keylogger", "cipher", "server",
            "triage", "mitigation", "isolate", "contain");
    private static final List<String> TAGS = List.of("APT29", "ransomware", "Phishing", "ics", "linux", "windows", "cloud");
    private static final Map<ItemType, List<String>> STATUSES = Map.of(
            ItemType.ARTICLE, List.of("DRAFT", "IN_REVIEW", "PUBLISHED", "RETIRED"),
            ItemType.INCIDENT, List.of("OPEN", "CONTAINED", "RESOLVED", "CLOSED"),
            ItemType.FORUM_POST, List.of(),
            ItemType.THREAD, List.of("OPEN", "LOCKED"),
            ItemType.MESSAGE, List.of());
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static final Analyzer PROSE = new ProseAnalyzer();

    @BeforeAll
    static void announceSeed() {
        System.out.println("SecureIndexRandomizedTest: -Dtests.seed=" + SEED);
    }

    private static String seedMessage() {
        return "replay with -Dtests.seed=" + SEED;
    }

    // ---- documents and readers ---------------------------------------------------------------

    private record Doc(SearchDocument item, String canary) {
    }

    /**
     * A word unique to document {@code n}. It contains digits so that it is never matched with
     * typo tolerance: canaries one edit apart would otherwise exceed the bounded fuzzy expansion,
     * which the oracle does not model.
     */
    private static String canary(int n) {
        return "qz" + n + "canary";
    }

    private static String words(Random random, int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add(WORDS.get(random.nextInt(WORDS.size())));
        }
        return String.join(" ", words);
    }

    private static Doc randomDoc(Random random, int n) {
        ItemType type = ItemType.values()[random.nextInt(ItemType.values().length)];
        String canary = canary(n);
        Set<String> tokens = new LinkedHashSet<>();
        tokens.add("lvl:" + LEVELS.get(random.nextInt(LEVELS.size())));
        int rel = random.nextInt(10);
        if (rel < 3) {
            tokens.add("rel:ALL");
        } else if (rel == 3) {
            tokens.add("rel:NOBODY");
        } else {
            for (int i = 0; i <= random.nextInt(3); i++) {
                tokens.add("rel:" + COUNTRIES.get(random.nextInt(COUNTRIES.size())));
            }
        }
        tokens.add(random.nextInt(4) == 0 ? "acc:INC-" + random.nextInt(4) : "acc:OPEN");
        String title = words(random, 1, 3);
        String body = words(random, 3, 20);
        if (random.nextBoolean()) {
            title = title + " " + canary;
        } else {
            body = body + " " + canary + " " + words(random, 0, 3);
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < random.nextInt(3); i++) {
            tags.add(TAGS.get(random.nextInt(TAGS.size())));
        }
        if (random.nextInt(5) == 0) {
            tags.add(canary + "tag");
        }
        List<String> statuses = STATUSES.get(type);
        String status = statuses.isEmpty() ? null : statuses.get(random.nextInt(statuses.size()));
        Instant updated = NOW.minus(Duration.ofHours(random.nextInt(24 * 700)));
        if (random.nextInt(8) == 0) {
            // On a window's edge, to the millisecond: inside, on it, just outside.
            Duration edge = List.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(365))
                    .get(random.nextInt(4));
            updated = NOW.minus(edge).plusMillis(random.nextInt(3) - 1);
        }
        return new Doc(new SearchDocument(type, "d" + n, title, body, tags, tokens, List.of("c" + random.nextInt(5)), status,
                updated.minus(Duration.ofDays(3)), updated, "/x/d" + n), canary);
    }

    private static ReaderProfile randomReader(Random random) {
        Set<String> levels = new TreeSet<>();
        int clearance = random.nextInt(LEVELS.size());
        for (int i = 0; i <= clearance; i++) {
            levels.add("lvl:" + LEVELS.get(i));
        }
        Set<String> rel = new TreeSet<>(Set.of("rel:ALL"));
        if (random.nextInt(5) != 0) {
            rel.add("rel:" + COUNTRIES.get(random.nextInt(COUNTRIES.size())));
        }
        Set<String> access = new TreeSet<>(Set.of("acc:OPEN"));
        for (int i = 0; i < 4; i++) {
            if (random.nextInt(3) == 0) {
                access.add("acc:INC-" + i);
            }
        }
        return ReaderProfile.of(levels, rel, access);
    }

    /** The security rule, stated independently of {@link ReaderProfile#matches}. */
    private static boolean readable(ReaderProfile reader, SearchDocument doc) {
        for (Set<String> group : reader.requiredAnyOf()) {
            boolean any = false;
            for (String token : doc.securityTokens()) {
                any |= group.contains(token);
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    // ---- queries and their oracle ------------------------------------------------------------

    private sealed interface Q permits Leaf, And, Or, Not {
    }

    private enum F { TEXT, TITLE, TAG, TYPE }

    private record Leaf(F field, String text, boolean phrase) implements Q {
    }

    private record And(List<Q> children, boolean explicit) implements Q {
    }

    private record Or(List<Q> children) implements Q {
    }

    private record Not(Q child, boolean minus) implements Q {
    }

    private static final class QueryGen {
        private final Random random;
        private final List<Doc> docs;
        private int leaves;

        QueryGen(Random random, List<Doc> docs) {
            this.random = random;
            this.docs = docs;
        }

        Q query(int depth) {
            if (depth == 0 || leaves >= 6 || random.nextInt(100) < 45) {
                leaves++;
                return leaf();
            }
            return switch (random.nextInt(3)) {
                case 0 -> new And(List.of(query(depth - 1), query(depth - 1)), random.nextBoolean());
                case 1 -> new Or(List.of(query(depth - 1), query(depth - 1)));
                default -> new Not(query(depth - 1), random.nextBoolean());
            };
        }

        private Leaf leaf() {
            int kind = random.nextInt(100);
            if (kind < 45) {
                return new Leaf(F.TEXT, word(), false);
            } else if (kind < 57) {
                return new Leaf(F.TEXT, phrase(), true);
            } else if (kind < 67) {
                return new Leaf(F.TITLE, word(), false);
            } else if (kind < 72) {
                return new Leaf(F.TITLE, phrase(), true);
            } else if (kind < 82) {
                return new Leaf(F.TEXT, docs.get(random.nextInt(docs.size())).canary(), false);
            } else if (kind < 92) {
                return new Leaf(F.TAG, random.nextInt(4) == 0 ? TAGS.get(random.nextInt(TAGS.size())).toUpperCase(Locale.ROOT)
                        : TAGS.get(random.nextInt(TAGS.size())), random.nextInt(5) == 0);
            }
            return new Leaf(F.TYPE, random.nextInt(8) == 0 ? "bogus" : ItemType.values()[random.nextInt(ItemType.values().length)].token(),
                    false);
        }

        private String word() {
            String word = WORDS.get(random.nextInt(WORDS.size()));
            if (random.nextInt(5) == 0) {
                char[] chars = word.toCharArray();
                int at = 1 + random.nextInt(chars.length - 1);
                chars[at] = (char) ('a' + random.nextInt(26));
                word = new String(chars);
            }
            return random.nextInt(6) == 0 ? word.toUpperCase(Locale.ROOT) : word;
        }

        private String phrase() {
            SearchDocument doc = docs.get(random.nextInt(docs.size())).item();
            String[] words = (random.nextBoolean() ? doc.body() : doc.title()).split(" ");
            if (words.length < 2 || random.nextInt(4) == 0) {
                return words(random, 2, 3);
            }
            int from = random.nextInt(words.length - 1);
            int to = Math.min(words.length, from + 2 + random.nextInt(2));
            return String.join(" ", List.of(words).subList(from, to));
        }
    }

    private static String render(Q q) {
        return switch (q) {
            case Leaf leaf -> {
                String value = leaf.phrase() ? "\"" + leaf.text() + "\"" : leaf.text();
                yield switch (leaf.field()) {
                    case TEXT -> value;
                    case TITLE -> "title:" + value;
                    case TAG -> "tag:" + value;
                    case TYPE -> "type:" + value;
                };
            }
            case And and -> "(" + render(and.children().get(0)) + (and.explicit() ? " AND " : " ") + render(and.children().get(1)) + ")";
            case Or or -> "(" + render(or.children().get(0)) + " OR " + render(or.children().get(1)) + ")";
            case Not not -> (not.minus() ? "-" : "NOT ") + render(not.child());
        };
    }

    private record Tok(String text, int position) {
    }

    private static final Map<String, List<Tok>> QUERY_TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<Tok> analyze(String text) {
        List<Tok> out = new ArrayList<>();
        try (TokenStream stream = PROSE.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int pos = -1;
            while (stream.incrementToken()) {
                pos += inc.getPositionIncrement();
                out.add(new Tok(term.toString(), pos));
            }
            stream.end();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transpositions, like Lucene's fuzzy automata. */
    static int osa(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The analyzed values of a document's fields, computed once. */
    private static final class Analyzed {
        final List<List<Tok>> title;
        final List<List<Tok>> tags;
        final List<List<Tok>> body;

        Analyzed(SearchDocument doc) {
            title = List.of(analyze(doc.title()));
            body = List.of(analyze(doc.body()));
            tags = doc.tags().stream().map(SecureIndexRandomizedTest::analyze).toList();
        }
    }

    /** Evaluates a query on one document; {@code null} means "no searchable words" (left out). */
    private static Boolean eval(Q q, SearchDocument doc, Analyzed a) {
        return switch (q) {
            case Leaf leaf -> leaf(leaf, doc, a);
            case Not not -> {
                Boolean inner = eval(not.child(), doc, a);
                yield inner == null ? null : !inner;
            }
            case And and -> {
                Boolean result = null;
                for (Q child : and.children()) {
                    Boolean value = eval(child, doc, a);
                    if (value != null) {
                        result = (result == null || result) && value;
                    }
                }
                yield result;
            }
            case Or or -> {
                Boolean result = null;
                for (Q child : or.children()) {
                    Boolean value = eval(child, doc, a);
                    if (value != null) {
                        result = (result != null && result) || value;
                    }
                }
                yield result;
            }
        };
    }

    private static Boolean leaf(Leaf leaf, SearchDocument doc, Analyzed a) {
        switch (leaf.field()) {
            case TAG:
                return doc.tags().stream().anyMatch(tag -> tag.toLowerCase(Locale.ROOT).equals(leaf.text().toLowerCase(Locale.ROOT)));
            case TYPE:
                return doc.type().token().equals(leaf.text());
            default:
                break;
        }
        List<Tok> query = QUERY_TOKENS.computeIfAbsent(leaf.text(), SecureIndexRandomizedTest::analyze);
        if (query.isEmpty()) {
            return null;
        }
        List<List<List<Tok>>> fields = leaf.field() == F.TITLE ? List.of(a.title) : List.of(a.title, a.tags, a.body);
        if (query.size() == 1) {
            String term = query.get(0).text();
            int edits = leaf.phrase() || term.length() < 5 || !term.chars().allMatch(Character::isLetter) ? 0 : term.length() >= 8 ? 2 : 1;
            Predicate<String> matches = token -> token.equals(term)
                    || edits > 0 && token.charAt(0) == term.charAt(0) && osa(token, term) <= edits;
            return fields.stream().flatMap(List::stream).flatMap(List::stream).anyMatch(tok -> matches.test(tok.text()));
        }
        for (List<List<Tok>> field : fields) {
            for (List<Tok> value : field) {
                Map<Integer, String> byPosition = new HashMap<>();
                value.forEach(tok -> byPosition.put(tok.position(), tok.text()));
                for (Tok start : value) {
                    boolean all = true;
                    for (Tok q : query) {
                        all &= q.text().equals(byPosition.get(start.position() + q.position() - query.get(0).position()));
                    }
                    if (all) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ---- the test ----------------------------------------------------------------------------

    /**
     * The oracle models typo tolerance for every eligible word, while the index skips it for a
     * word found as typed in {@value SafeQueryParser#FUZZY_SKIP_DOC_FREQ} documents or more
     * (frequencies the oracle does not track, deleted documents included). The two agree because
     * no indexed word is within fuzzy reach of another: a word found as typed has no other match.
     */
    @Test
    void noIndexedWordIsATypoOfAnother() {
        for (String a : WORDS) {
            for (String b : WORDS) {
                String x = analyze(a).get(0).text();
                String y = analyze(b).get(0).text();
                int edits = x.length() < 5 ? 0 : x.length() >= 8 ? 2 : 1;
                assertTrue(x.equals(y) || x.charAt(0) != y.charAt(0) || osa(x, y) > edits, a + " is a typo of " + b);
            }
        }
    }

    @Test
    void searchesTotalsFacetsSnippetsAndSuggestionsAgreeWithTheOracle() throws Exception {
        Random random = new Random(SEED);
        int checked = 0;
        for (int round = 0; round < 3; round++) {
            RankingConfig ranking = round == 1 ? RankingConfig.BASELINE : RankingConfig.DEFAULT;
            try (SecureIndex index = SecureIndex.inMemory(ranking, Clock.fixed(NOW, ZoneOffset.UTC))) {
                Map<String, Doc> docs = new LinkedHashMap<>();
                int n = 0;
                int size = 100 + random.nextInt(100);
                while (n < size) {
                    Doc doc = randomDoc(random, n++);
                    docs.put(doc.item().id(), doc);
                    index.upsert(doc.item());
                    if (random.nextInt(40) == 0) {
                        index.refresh();
                    }
                }
                index.refresh();
                List<ReaderProfile> readers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    readers.add(randomReader(random));
                }
                for (int phase = 0; phase < 2; phase++) {
                    checked += check(index, docs, readers, random, 30);
                    // Relabel, edit, delete and add some documents, and check again on the new segments.
                    List<String> ids = new ArrayList<>(docs.keySet());
                    for (int i = 0; i < docs.size() / 5; i++) {
                        String id = ids.get(random.nextInt(ids.size()));
                        if (!docs.containsKey(id)) {
                            continue;
                        }
                        if (random.nextInt(3) == 0) {
                            index.delete(id);
                            docs.remove(id);
                        } else {
                            Doc fresh = randomDoc(random, Integer.parseInt(id.substring(1)));
                            docs.put(id, fresh);
                            index.upsert(fresh.item());
                        }
                    }
                    for (int i = 0; i < 10; i++) {
                        Doc doc = randomDoc(random, n++);
                        docs.put(doc.item().id(), doc);
                        index.upsert(doc.item());
                    }
                    index.refresh();
                }
            }
        }
        System.out.println("SecureIndexRandomizedTest: " + checked + " searches checked against the oracle");
    }

    private int check(SecureIndex index, Map<String, Doc> docs, List<ReaderProfile> readers, Random random, int queries) {
        Map<String, Analyzed> analyzed = new HashMap<>();
        docs.forEach((id, doc) -> analyzed.put(id, new Analyzed(doc.item())));
        int checked = 0;
        for (int i = 0; i < queries; i++) {
            ReaderProfile reader = readers.get(random.nextInt(readers.size()));
            List<Doc> readableDocs = docs.values().stream().filter(d -> readable(reader, d.item())).toList();
            Set<String> forbidden = new HashSet<>();
            docs.values().stream().filter(d -> !readable(reader, d.item())).forEach(d -> forbidden.add(d.canary()));
            assertEquals(readableDocs.size() == docs.size(), forbidden.isEmpty());

            Q q = new QueryGen(random, new ArrayList<>(docs.values())).query(1 + random.nextInt(3));
            String text = render(q);
            SearchRequest request = randomFilters(SearchRequest.of(text).withPage(0, SearchRequest.MAX_SIZE), random);
            String message = "query [" + text + "] " + request + " for " + reader.requiredAnyOf() + "; " + seedMessage();

            List<SearchDocument> expected = new ArrayList<>();
            for (Doc doc : readableDocs) {
                Boolean match = eval(q, doc.item(), analyzed.get(doc.item().id()));
                if (Boolean.TRUE.equals(match) && passes(request, doc.item())) {
                    expected.add(doc.item());
                }
            }
            // Whether any searchable word is left depends on the query only, so any document tells.
            Doc any = docs.values().iterator().next();
            if (eval(q, any.item(), analyzed.get(any.item().id())) == null) {
                expected.clear();
            }
            Set<String> expectedIds = new TreeSet<>();
            expected.forEach(doc -> expectedIds.add(doc.id()));

            SearchResult result = index.search(request, reader);
            assertEquals(expected.size(), result.total(), message);
            Set<String> hitIds = new TreeSet<>();
            result.hits().forEach(hit -> hitIds.add(hit.id()));
            if (expected.size() <= SearchRequest.MAX_SIZE) {
                assertEquals(expectedIds, hitIds, message);
            } else {
                assertEquals(SearchRequest.MAX_SIZE, hitIds.size(), message);
                assertTrue(expectedIds.containsAll(hitIds), message);
            }
            for (int h = 1; h < result.hits().size(); h++) {
                assertTrue(result.hits().get(h - 1).score() >= result.hits().get(h).score(), message);
            }
            assertEquals(facets(expected), List.of(new TreeMap<>(result.facets().type()), new TreeMap<>(result.facets().tag()),
                    new TreeMap<>(result.facets().level()), new TreeMap<>(result.facets().status()), new TreeMap<>(result.facets().date())),
                    message);
            assertEquals(dateOrder(result.facets().date().keySet()), List.copyOf(result.facets().date().keySet()), message);
            if (!result.facets().date().isEmpty() && random.nextInt(3) == 0) {
                // Selecting a window with the from/to filters finds exactly what its count said.
                List<String> windows = List.copyOf(result.facets().date().keySet());
                Recency window = Recency.fromToken(windows.get(random.nextInt(windows.size()))).orElseThrow();
                SearchRequest narrowed = request.withUpdated(
                        max(request.updatedFrom(), window.from(NOW)), min(request.updatedTo(), window.to(NOW)));
                assertEquals(result.facets().date().get(window.token()).longValue(), index.search(narrowed, reader).total(),
                        message + " window " + window);
            }
            for (SearchResult.Hit hit : result.hits()) {
                String own = docs.get(hit.id()).canary();
                for (String canary : forbidden) {
                    assertFalse(hit.snippet().contains(canary) || hit.title().contains(canary), message + " leaks " + canary);
                }
                assertFalse(hit.snippet().contains("<script"), message);
                assertTrue(!hit.snippet().contains("qz") || hit.snippet().contains(own) || !hit.snippet().contains("canary"), message);
            }
            if (expected.size() > 3) {
                SearchResult page = index.search(request.withPage(1, 3), reader);
                assertEquals(expected.size(), page.total(), message);
                assertEquals(Math.min(3, expected.size() - 3), page.hits().size(), message);
                page.hits().forEach(hit -> assertTrue(expectedIds.contains(hit.id()), message));
            }
            checkSuggestions(index, reader, readableDocs, forbidden, docs, random);
            checked++;
        }
        return checked;
    }

    private static SearchRequest randomFilters(SearchRequest request, Random random) {
        if (random.nextInt(4) == 0) {
            request = request.withTypes(Set.of(ItemType.values()[random.nextInt(ItemType.values().length)]));
        }
        if (random.nextInt(5) == 0) {
            request = request.withTags(new HashSet<>(List.of(TAGS.get(random.nextInt(TAGS.size())), TAGS.get(random.nextInt(TAGS.size())))));
        }
        if (random.nextInt(5) == 0) {
            request = request.withLevels(Set.of(LEVELS.get(random.nextInt(LEVELS.size()))));
        }
        if (random.nextInt(6) == 0) {
            request = request.withStatuses(Set.of(random.nextBoolean() ? "published" : "OPEN"));
        }
        if (random.nextInt(5) == 0) {
            Instant from = NOW.minus(Duration.ofDays(random.nextInt(700)));
            request = request.withUpdated(from, random.nextBoolean() ? null : from.plus(Duration.ofDays(random.nextInt(300))));
        }
        return request;
    }

    private static boolean passes(SearchRequest request, SearchDocument doc) {
        Set<String> tags = new HashSet<>();
        doc.tags().forEach(tag -> tags.add(tag.toLowerCase(Locale.ROOT)));
        return (request.types().isEmpty() || request.types().contains(doc.type()))
                && (request.tags().isEmpty() || request.tags().stream().anyMatch(tag -> tags.contains(tag.toLowerCase(Locale.ROOT))))
                && (request.levels().isEmpty() || request.levels().contains(doc.level()))
                && (request.statuses().isEmpty() || doc.status() != null
                    && request.statuses().stream().anyMatch(s -> s.equalsIgnoreCase(doc.status())))
                && (request.updatedFrom() == null || !doc.updatedAt().isBefore(request.updatedFrom()))
                && (request.updatedTo() == null || !doc.updatedAt().isAfter(request.updatedTo()));
    }

    private static List<Map<String, Long>> facets(List<SearchDocument> docs) {
        Map<String, Long> type = new TreeMap<>();
        Map<String, Long> tag = new TreeMap<>();
        Map<String, Long> level = new TreeMap<>();
        Map<String, Long> status = new TreeMap<>();
        Map<String, Long> date = new TreeMap<>();
        for (SearchDocument doc : docs) {
            Duration age = Duration.between(doc.updatedAt(), NOW);
            for (Map.Entry<String, Integer> window : Map.of("day", 1, "week", 7, "month", 30, "year", 365).entrySet()) {
                if (age.compareTo(Duration.ofDays(window.getValue())) <= 0) {
                    date.merge(window.getKey(), 1L, Long::sum);
                }
            }
            if (age.compareTo(Duration.ofDays(365)) > 0) {
                date.merge("older", 1L, Long::sum);
            }
            type.merge(doc.type().token(), 1L, Long::sum);
            Set<String> tags = new HashSet<>();
            doc.tags().forEach(t -> tags.add(t.toLowerCase(Locale.ROOT)));
            tags.forEach(t -> tag.merge(t, 1L, Long::sum));
            level.merge(doc.level(), 1L, Long::sum);
            if (doc.status() != null) {
                status.merge(doc.status().toLowerCase(Locale.ROOT), 1L, Long::sum);
            }
        }
        return List.of(type, tag, level, status, date);
    }

    private static List<String> dateOrder(Set<String> windows) {
        return List.of("day", "week", "month", "year", "older").stream().filter(windows::contains).toList();
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static void checkSuggestions(SecureIndex index, ReaderProfile reader, List<Doc> readableDocs, Set<String> forbidden,
                                         Map<String, Doc> docs, Random random) {
        String prefix;
        int kind = random.nextInt(4);
        List<Doc> all = new ArrayList<>(docs.values());
        if (kind == 0) {
            prefix = all.get(random.nextInt(all.size())).canary().substring(0, 3 + random.nextInt(5));
        } else if (kind == 1) {
            String tag = TAGS.get(random.nextInt(TAGS.size()));
            prefix = tag.substring(0, 1 + random.nextInt(tag.length()));
        } else {
            String word = WORDS.get(random.nextInt(WORDS.size()));
            prefix = word.substring(0, 1 + random.nextInt(word.length()));
            if (kind == 3) {
                String second = WORDS.get(random.nextInt(WORDS.size()));
                prefix = second + " " + prefix;
            }
        }
        String typed = prefix.toLowerCase(Locale.ROOT);
        List<String> typedWords = List.of(typed.split(" "));
        Set<Suggestion> expected = new HashSet<>();
        for (Doc doc : readableDocs) {
            List<String> titleWords = List.of(doc.item().title().split(" "));
            if (typedWords.stream().allMatch(w -> titleWords.stream().anyMatch(t -> t.startsWith(w)))) {
                expected.add(new Suggestion(doc.item().title(), Suggestion.Kind.TITLE));
            }
            for (String tag : doc.item().tags()) {
                if (tag.toLowerCase(Locale.ROOT).startsWith(typed)) {
                    expected.add(new Suggestion(tag, Suggestion.Kind.TAG));
                }
            }
        }
        int limit = SecureIndex.MAX_SUGGESTIONS;
        List<Suggestion> actual = index.suggest(prefix, reader, limit);
        String message = "suggest [" + prefix + "] for " + reader.requiredAnyOf() + "; " + seedMessage();
        Set<String> actualKeys = new HashSet<>();
        Set<String> expectedKeys = new HashSet<>();
        actual.forEach(s -> actualKeys.add(s.kind() + ":" + s.text().toLowerCase(Locale.ROOT)));
        expected.forEach(s -> expectedKeys.add(s.kind() + ":" + s.text().toLowerCase(Locale.ROOT)));
        assertEquals(actual.size(), actualKeys.size(), message + " has duplicates");
        assertTrue(expectedKeys.containsAll(actualKeys), message + ": " + actual);
        if (expectedKeys.size() <= limit) {
            assertEquals(expectedKeys, actualKeys, message);
        } else {
            assertEquals(limit, actual.size(), message);
        }
        for (Suggestion suggestion : actual) {
            for (String canary : forbidden) {
                assertFalse(suggestion.text().contains(canary), message + " leaks " + canary);
            }
        }
    }
}
