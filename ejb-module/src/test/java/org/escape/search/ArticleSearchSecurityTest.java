package org.escape.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.escape.access.AccessRules;
import org.escape.access.Label;
import org.escape.access.Level;
import org.escape.access.Reader;
import org.escape.access.Role;
import org.escape.searchindex.RankingConfig;
import org.escape.searchindex.SearchRequest;
import org.escape.searchindex.SearchResult;
import org.escape.searchindex.SecureIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Articles in the index, end to end without a server: random articles in every workflow status,
 * by random authors, mapped by {@link ArticleDocuments}, searched by random readers (some of them
 * the authors, some moderators) through {@link ReaderProfiles} — every hit and total compared with
 * {@link AccessRules#mayReadArticle}. The seed is printed.
 */
class ArticleSearchSecurityTest {

    private static final List<String> COUNTRIES = List.of("GBR", "KEN", "MYS", "IND", "CAN");
    private static final List<String> STATUSES = List.of("DRAFT", "IN_REVIEW", "PUBLISHED", "RETIRED");
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static SecureIndex index;
    private static final List<ArticleSnapshot> articles = new ArrayList<>();
    private static final List<UUID> authors = new ArrayList<>();

    @BeforeAll
    static void plant() {
        System.out.println("[ArticleSearchSecurityTest] seed " + SEED + " (-Dtests.seed=" + SEED + ")");
        Random random = new Random(SEED);
        for (int i = 0; i < 8; i++) {
            authors.add(UUID.randomUUID());
        }
        index = SecureIndex.inMemory(RankingConfig.DEFAULT);
        for (int i = 0; i < 60; i++) {
            ArticleSnapshot article = new ArticleSnapshot(UUID.randomUUID(), "Article art" + i + "zq", "summary",
                    "Isolate the host art" + i + "zq then rotate credentials", List.of("ransomware"),
                    randomLabel(random), STATUSES.get(random.nextInt(STATUSES.size())),
                    authors.get(random.nextInt(authors.size())), T0, T0);
            index.upsert(ArticleDocuments.of(article));
            articles.add(article);
        }
        index.refresh();
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    @Test
    void everyReaderFindsExactlyWhatTheRulesAllow() {
        Random random = new Random(SEED + 1);
        int cells = 0;
        for (int r = 0; r < 80; r++) {
            UUID id = random.nextInt(2) == 0 ? authors.get(random.nextInt(authors.size())) : UUID.randomUUID();
            Set<Role> roles = random.nextInt(3) == 0 ? Set.of(Role.MODERATOR) : Set.of();
            Reader reader = new Reader(id, COUNTRIES.get(random.nextInt(COUNTRIES.size())),
                    Level.values()[random.nextInt(Level.values().length)], roles);
            var profile = ReaderProfiles.of(reader, Set.of());
            Set<String> expectedAll = new HashSet<>();
            for (int i = 0; i < articles.size(); i++) {
                ArticleSnapshot a = articles.get(i);
                boolean expected = AccessRules.mayReadArticle(reader, a.label(), a.published(),
                        a.authorId().equals(id) || roles.contains(Role.MODERATOR));
                if (expected) {
                    expectedAll.add(a.id().toString());
                }
                SearchResult result = index.search(SearchRequest.of("art" + i + "zq").withPage(0, 10), profile);
                assertEquals(expected ? 1 : 0, result.total(), "reader " + reader + " article " + a.status() + " "
                        + a.label().marking() + " own=" + a.authorId().equals(id) + " (seed " + SEED + ")");
                cells++;
            }
            SearchResult all = index.search(SearchRequest.of("").withPage(0, 100), profile);
            Set<String> found = new HashSet<>();
            all.hits().forEach(hit -> found.add(hit.id()));
            assertEquals(expectedAll, found, "all for " + reader + " (seed " + SEED + ")");
        }
        System.out.println("[ArticleSearchSecurityTest] cells=" + cells + ", mismatches=0");
    }

    private static Label randomLabel(Random random) {
        Level level = Level.values()[random.nextInt(Level.values().length)];
        if (random.nextInt(3) > 0) {
            return Label.releasableToAll(level);
        }
        List<String> countries = new ArrayList<>(COUNTRIES);
        Collections.shuffle(countries, random);
        return Label.of(level, countries.subList(0, 1 + random.nextInt(3)));
    }
}
