package org.escape.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.escape.access.AccessRules;
import org.escape.access.IncidentAccess;
import org.escape.access.Label;
import org.escape.access.Level;
import org.escape.access.Reader;
import org.escape.searchindex.RankingConfig;
import org.escape.searchindex.SearchRequest;
import org.escape.searchindex.SearchResult;
import org.escape.searchindex.SecureIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incident rooms in the index, end to end without a server: random incidents (MEMBERS and
 * CLEARED) with messages above the room's label, mapped by {@link IncidentDocuments}, searched by
 * readers with random memberships through {@link ReaderProfiles} — every hit, total and term
 * compared with {@link AccessRules#mayReadIncident} / {@link AccessRules#mayReadIncidentMessage}.
 * The seed is printed.
 */
class IncidentSearchSecurityTest {

    private static final List<String> COUNTRIES = List.of("GBR", "KEN", "MYS", "IND", "CAN");
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private record Room(IncidentSnapshot snapshot, String term) {
    }

    private static SecureIndex index;
    private static final List<Room> rooms = new ArrayList<>();

    @BeforeAll
    static void plant() {
        System.out.println("[IncidentSearchSecurityTest] seed " + SEED + " (-Dtests.seed=" + SEED + ")");
        Random random = new Random(SEED);
        index = SecureIndex.inMemory(RankingConfig.DEFAULT);
        for (int i = 0; i < 30; i++) {
            Label label = randomLabel(random);
            List<IncidentSnapshot.MessageSnapshot> messages = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                messages.add(new IncidentSnapshot.MessageSnapshot(UUID.randomUUID(), m + 1,
                        "msg" + i + "n" + m + "zq beacon observed", raise(random, label), T0));
            }
            String term = "inc" + i + "zq";
            IncidentSnapshot snapshot = new IncidentSnapshot(UUID.randomUUID(), "Incident " + term, "summary of " + term,
                    "HIGH", "OPEN", random.nextBoolean() ? IncidentAccess.MEMBERS : IncidentAccess.CLEARED, label, T0, T0,
                    messages);
            IncidentDocuments.of(snapshot).upserts().forEach(index::upsert);
            rooms.add(new Room(snapshot, term));
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
        for (int r = 0; r < 60; r++) {
            Reader reader = new Reader(UUID.randomUUID(), COUNTRIES.get(random.nextInt(COUNTRIES.size())),
                    Level.values()[random.nextInt(Level.values().length)], Set.of());
            Set<UUID> memberOf = new HashSet<>();
            rooms.forEach(room -> {
                if (random.nextBoolean()) {
                    memberOf.add(room.snapshot().id());
                }
            });
            Set<String> tokens = new LinkedHashSet<>();
            memberOf.forEach(id -> tokens.add(AccessTokens.incidentMembers(id)));
            var profile = ReaderProfiles.of(reader, tokens);
            Set<String> expectedAll = new HashSet<>();
            for (Room room : rooms) {
                IncidentSnapshot s = room.snapshot();
                boolean member = memberOf.contains(s.id());
                boolean roomReadable = AccessRules.mayReadIncident(reader, s.label(), s.access(), member);
                Set<String> expected = new HashSet<>();
                if (roomReadable) {
                    expected.add(s.id().toString());
                    expectedAll.add(s.id().toString());
                }
                for (IncidentSnapshot.MessageSnapshot message : s.messages()) {
                    if (AccessRules.mayReadIncidentMessage(reader, s.label(), s.access(), member, message.label())) {
                        expected.add(message.id().toString());
                        expectedAll.add(message.id().toString());
                    }
                }
                SearchResult result = index.search(SearchRequest.of(room.term()).withPage(0, 100), profile);
                Set<String> found = new HashSet<>();
                result.hits().forEach(hit -> found.add(hit.id()));
                assertEquals(expected, found, "reader " + reader + " member=" + member + " room " + s.access() + " "
                        + s.label().marking() + " (seed " + SEED + ")");
                assertEquals(expected.size(), result.total());
                cells += 1 + s.messages().size();
            }
            SearchResult all = index.search(SearchRequest.of("").withPage(0, 100), profile);
            assertEquals(expectedAll.size(), all.total(), "total for " + reader + " (seed " + SEED + ")");
        }
        System.out.println("[IncidentSearchSecurityTest] cells=" + cells + ", mismatches=0");
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

    private static Label raise(Random random, Label container) {
        if (random.nextInt(2) == 0) {
            return container;
        }
        Level level = Level.values()[container.classification().ordinal()
                + random.nextInt(Level.values().length - container.classification().ordinal())];
        if (container.isReleasableToAll()) {
            return Label.releasableToAll(level);
        }
        return Label.of(level, container.releasableTo().asList());
    }
}
