package org.escape.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.escape.access.AccessRules;
import org.escape.access.Label;
import org.escape.access.Level;
import org.escape.access.Reader;
import org.escape.search.ForumSnapshot.PostSnapshot;
import org.escape.searchindex.RankingConfig;
import org.escape.searchindex.ReaderProfile;
import org.escape.searchindex.SearchRequest;
import org.escape.searchindex.SearchResult;
import org.escape.searchindex.SecureIndex;
import org.escape.searchindex.Suggestion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wiring end to end without a server: random forum chains mapped by {@link ForumDocuments},
 * searched with {@link ReaderProfiles}, compared with {@link AccessRules#mayRead} for every
 * (country, clearance) profile — hits, totals, facets and suggestions. The seed is printed.
 */
class ForumSearchSecurityTest {

    private static final List<String> COUNTRIES = List.of("GBR", "KEN", "MYS", "IND", "CAN");
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    record Planted(String id, List<Label> chain, String term, String tag, String title) {
        /** Whether the document text holds {@code word}: posts carry their thread's title too. */
        boolean holds(String word) {
            return term.equals(word) || title.endsWith(" " + word);
        }
    }

    private static SecureIndex index;
    private static final List<Planted> planted = new ArrayList<>();

    @BeforeAll
    static void plant() {
        System.out.println("[ForumSearchSecurityTest] seed " + SEED + " (-Dtests.seed=" + SEED + ")");
        Random random = new Random(SEED);
        index = SecureIndex.inMemory(RankingConfig.DEFAULT);
        for (int t = 0; t < 40; t++) {
            Label forum = randomLabel(random, Level.UNCLASSIFIED);
            Label thread = raise(random, forum);
            String threadTerm = "thr" + t + "zq";
            String tag = "tag" + t + "x";
            List<PostSnapshot> posts = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                Label postLabel = raise(random, thread);
                String term = "pst" + t + "n" + p + "zq";
                posts.add(new PostSnapshot(UUID.randomUUID(), "about " + term + " and mitigation", postLabel, T0, null, false,
                        false));
            }
            UUID threadId = UUID.randomUUID();
            String title = "Title " + threadTerm;
            ForumSnapshot snapshot = new ForumSnapshot(threadId, UUID.randomUUID(), forum, thread, title, List.of(tag),
                    false, T0, posts);
            IndexChange change = ForumDocuments.of(snapshot);
            change.upserts().forEach(index::upsert);
            planted.add(new Planted(threadId.toString(), List.of(forum, thread), threadTerm, tag, title));
            for (PostSnapshot post : posts) {
                planted.add(new Planted(post.id().toString(), List.of(forum, thread, post.label()),
                        "pst" + t + "n" + posts.indexOf(post) + "zq", tag, title));
            }
        }
        index.refresh();
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    static Stream<Arguments> readers() {
        List<String> countries = new ArrayList<>(COUNTRIES);
        countries.add(null);
        return countries.stream().flatMap(country -> Arrays.stream(Level.values()).map(level -> Arguments.of(country, level)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("readers")
    void everyProfileFindsExactlyWhatR1LetsItRead(String country, Level clearance) {
        Reader reader = Reader.of(UUID.randomUUID(), country, clearance);
        ReaderProfile profile = ReaderProfiles.of(reader);
        Set<String> readable = planted.stream().filter(p -> AccessRules.mayRead(reader, p.chain())).map(Planted::id)
                .collect(Collectors.toSet());

        SearchResult all = index.search(SearchRequest.of("").withPage(0, 100), profile);
        assertEquals(readable.size(), all.total(), "total for " + country + " " + clearance);
        long facetSum = all.facets().type().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(readable.size(), facetSum);
        // Every item falls in exactly one of "past year" and "older": the date facet counts readable items only.
        assertEquals(readable.size(), all.facets().date().getOrDefault("year", 0L) + all.facets().date().getOrDefault("older", 0L));
        for (SearchResult.Hit hit : all.hits()) {
            assertTrue(readable.contains(hit.id()), "unreadable hit " + hit.id());
            assertEquals(Label.effective(chainOf(hit.id())).orElseThrow(), HitLabels.labelOf(hit.securityTokens()).orElseThrow());
        }

        for (Planted item : planted) {
            SearchResult result = index.search(SearchRequest.of(item.term()), profile);
            Set<String> ids = result.hits().stream().map(SearchResult.Hit::id).collect(Collectors.toSet());
            Set<String> expected = planted.stream().filter(p -> p.holds(item.term()))
                    .filter(p -> readable.contains(p.id())).map(Planted::id).collect(Collectors.toSet());
            assertEquals(expected, ids, "term " + item.term());
            assertEquals(expected.size(), result.total());
            for (SearchResult.Hit hit : result.hits()) {
                assertTrue(readable.contains(hit.id()));
            }
        }

        Set<String> readableTags = planted.stream().filter(p -> readable.contains(p.id())).map(Planted::tag)
                .collect(Collectors.toSet());
        Set<String> readableTitles = planted.stream().filter(p -> readable.contains(p.id())).map(Planted::title)
                .map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        for (String prefix : List.of("tag", "title", "title thr1")) {
            for (Suggestion suggestion : index.suggest(prefix, profile, 50)) {
                Set<String> allowed = suggestion.kind() == Suggestion.Kind.TAG ? readableTags : readableTitles;
                assertTrue(allowed.contains(suggestion.text().toLowerCase(Locale.ROOT)),
                        "suggestion " + suggestion + " for " + country + " " + clearance);
            }
        }
        Set<String> facetTags = new HashSet<>(all.facets().tag().keySet());
        assertTrue(readableTags.containsAll(facetTags));
    }

    private static List<Label> chainOf(String id) {
        return planted.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow().chain();
    }

    private static Label randomLabel(Random random, Level min) {
        Level level = Level.values()[min.ordinal() + random.nextInt(Level.values().length - min.ordinal())];
        if (random.nextInt(3) == 0) {
            return Label.releasableToAll(level);
        }
        List<String> countries = new ArrayList<>(COUNTRIES);
        java.util.Collections.shuffle(countries, random);
        return Label.of(level, countries.subList(0, 1 + random.nextInt(3)));
    }

    /** A label dominating {@code container} (W1), sometimes equal to it. */
    private static Label raise(Random random, Label container) {
        if (random.nextInt(3) == 0) {
            return container;
        }
        Level level = Level.values()[container.classification().ordinal()
                + random.nextInt(Level.values().length - container.classification().ordinal())];
        List<String> countries = container.isReleasableToAll() ? new ArrayList<>(COUNTRIES)
                : new ArrayList<>(container.releasableTo().asList());
        if (container.isReleasableToAll() && random.nextBoolean()) {
            return Label.releasableToAll(level);
        }
        java.util.Collections.shuffle(countries, random);
        return Label.of(level, countries.subList(0, 1 + random.nextInt(countries.size())));
    }

}
