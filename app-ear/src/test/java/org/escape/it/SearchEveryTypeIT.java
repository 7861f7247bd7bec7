package org.escape.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SEARCH-NO-READ-UP over incidents, chat messages and knowledge-base articles (SearchIT covers
 * forums): a members-only room with messages above its label, a cleared room, articles in every
 * workflow state, and every demo profile searching every planted term. Who may read what is worked
 * out here from the profiles' clearances and countries, the rooms' memberships and the articles'
 * authors and status ({@link OracleLabel}, not the production access rules). Checked for every
 * answer: hits, totals, the type, classification and date facets, snippets and suggestions hold nothing of
 * an unreadable item. Also: a removed member and a lowered reader lose a room's items from search
 * within a second.
 *
 * <p>Planted terms mix letters and digits so that typo tolerance never links two of them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SearchEveryTypeIT {

    /** The demo realm's users, as the realm file states them. */
    record Profile(String username, String country, String clearance, boolean moderator) {
    }

    private static final Map<String, Profile> PROFILES = new LinkedHashMap<>();

    static {
        for (Profile p : List.of(new Profile("eve", "CAN", "UNCLASSIFIED", false),
                new Profile("chen", "MYS", "RESTRICTED", false), new Profile("bashir", "KEN", "CONFIDENTIAL", false),
                new Profile("ops", "GBR", "CONFIDENTIAL", false), new Profile("alice", "GBR", "SECRET", true),
                new Profile("audrey", "CHE", "SECRET", false), new Profile("deepa", "IND", "TOP_SECRET", false))) {
            PROFILES.put(p.username(), p);
        }
    }

    /**
     * One planted document: its type and id as search answers them, its own terms (found only in
     * it), the labels of its chain and who, beyond the labels, may read it.
     */
    record Planted(String key, String type, String id, List<String> terms, List<OracleLabel> chain,
                   Predicate<Profile> alsoNeeds) {

        boolean readableBy(Profile p) {
            return OracleLabel.chainReadableBy(chain, p.country(), p.clearance()) && alsoNeeds.test(p);
        }

        String level() {
            return chain.stream().map(OracleLabel::classification).max((a, b) -> OracleLabel.rank(a) - OracleLabel.rank(b))
                    .orElseThrow();
        }
    }

    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(10_000, 99_999));
    private static final String ALL = "zqall" + RUN;
    private static final List<Planted> PLANTED = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestServers.ear();
    }

    private static String term(String prefix, String key) {
        return prefix + RUN + key;
    }

    private static synchronized void plant() {
        if (!PLANTED.isEmpty()) {
            return;
        }
        // A members-only CONFIDENTIAL room: alice (commander), bashir and deepa; ops and audrey are
        // cleared for it but not members, so they must find nothing of it.
        OracleLabel confidential = OracleLabel.of("CONFIDENTIAL");
        String m = incident("alice", "m1", "ransomware at the port", "HIGH", confidential, "MEMBERS");
        IncidentApi.member("alice", m, "bashir", "RESPONDER");
        IncidentApi.member("alice", m, "deepa", "OBSERVER");
        Set<String> mMembers = Set.of("alice", "bashir", "deepa");
        PLANTED.add(new Planted("M", "incident", m, List.of(term("zqs", "m1"), term("zqi", "m1")), List.of(confidential),
                p -> mMembers.contains(p.username())));
        message("M2", m, "bashir", term("zqb", "m2"), null, List.of(confidential), p -> mMembers.contains(p.username()));
        OracleLabel secretGi = OracleLabel.of("SECRET", "GBR", "IND");
        message("M3", m, "alice", term("zqb", "m3"), secretGi, List.of(confidential, secretGi),
                p -> mMembers.contains(p.username()));

        // A cleared UNCLASSIFIED room: everyone may read it; its messages carry their own labels.
        OracleLabel open = OracleLabel.of("UNCLASSIFIED");
        String c = incident("chen", "c1", "phishing wave", "MEDIUM", open, "CLEARED");
        PLANTED.add(new Planted("C", "incident", c, List.of(term("zqs", "c1"), term("zqi", "c1")), List.of(open), p -> true));
        OracleLabel restricted = OracleLabel.of("RESTRICTED");
        message("C2", c, "chen", term("zqb", "c2"), restricted, List.of(open, restricted), p -> true);
        IncidentApi.expect(201, IncidentApi.join("bashir", c), "bashir joins the cleared room");
        OracleLabel confKen = OracleLabel.of("CONFIDENTIAL", "KEN");
        message("C3", c, "bashir", term("zqb", "c3"), confKen, List.of(open, confKen), p -> true);

        // Articles: published (two labels), a draft and one in review (author and moderators only).
        article("A1", "bashir", open, "publish");
        article("A2", "bashir", OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"), "publish");
        article("A3", "chen", restricted, null);
        article("A4", "deepa", OracleLabel.of("TOP_SECRET", "IND"), "submit");

        // Indexing follows each commit: wait until a reader of each item finds it.
        for (Planted item : PLANTED) {
            Profile reader = PROFILES.values().stream().filter(item::readableBy).findFirst().orElseThrow();
            boolean found = IncidentApi.await(() -> ids(search(reader.username(), item.terms().get(0))).contains(item.id()),
                    Duration.ofSeconds(10));
            assertTrue(found, reader.username() + " cannot find " + item.key() + " 10 s after planting it");
        }
    }

    /** Creates a room titled {@code zqi<run><key> …} whose summary holds {@code zqs<run><key>} and the shared word. */
    private static String incident(String user, String key, String title, String severity, OracleLabel label, String access) {
        JsonObject body = Json.createObjectBuilder(IncidentApi.incidentBody(term("zqi", key) + " " + title, severity, label, access))
                .add("summary", term("zqs", key) + " seen at two sites " + ALL).build();
        HttpResponse<String> r = ForumApi.post(user, "/incidents", body);
        IncidentApi.expect(201, r, "create incident " + key + " as " + user);
        return ForumApi.json(r).getString("id");
    }

    private static void message(String key, String incident, String author, String term, OracleLabel label,
                                List<OracleLabel> chain, Predicate<Profile> alsoNeeds) {
        JsonObject sent = IncidentApi.sendOk(author, incident, "Seen " + term + " on the gateway " + ALL, label);
        PLANTED.add(new Planted(key, "message", sent.getString("id"), List.of(term), chain, alsoNeeds));
    }

    private static void article(String key, String author, OracleLabel label, String lastStep) {
        String k = key.toLowerCase(Locale.ROOT);
        String title = term("zqa", k);
        JsonObject created = ArticleApi.createOk(author, title + " hardening guide",
                "Apply " + term("zqb", k) + " everywhere. " + ALL, label, List.of(term("zqg", k)));
        String id = created.getString("id");
        boolean published = "publish".equals(lastStep);
        if (lastStep != null) {
            ArticleApi.stepOk(author, id, "submit", null);
        }
        if (published) {
            ArticleApi.stepOk("alice", id, "publish", null);
        }
        PLANTED.add(new Planted(key, "article", id, List.of(title, term("zqb", k), term("zqg", k)), List.of(label),
                p -> published || p.username().equals(author) || p.moderator()));
    }

    @Test
    void everyProfileFindsWhatItMayReadAndNoTraceOfAnythingElse() {
        plant();
        int searches = 0;
        for (Profile p : PROFILES.values()) {
            List<Planted> hidden = PLANTED.stream().filter(item -> !item.readableBy(p)).toList();
            List<Planted> visible = PLANTED.stream().filter(item -> item.readableBy(p)).toList();
            for (Planted item : PLANTED) {
                for (String term : item.terms()) {
                    HttpResponse<String> r = search(p.username(), term);
                    assertEquals(200, r.statusCode(), r.body());
                    JsonObject result = ForumApi.json(r);
                    if (item.readableBy(p)) {
                        assertTrue(ids(r).contains(item.id()), p.username() + " should find " + item.key() + " by " + term
                                + ": " + r.body());
                    } else {
                        assertEquals(0, result.getJsonNumber("total").longValue(), p.username() + " found " + term + ": " + r.body());
                        for (String facet : List.of("type", "tag", "classification", "status", "date")) {
                            assertTrue(result.getJsonObject("facets").getJsonObject(facet).isEmpty(), r.body());
                        }
                    }
                    assertNoTrace(p, hidden, r.body());
                    searches++;
                }
            }
            // One word in every planted document: the total and the facets count readable items only.
            HttpResponse<String> all = ForumApi.get(p.username(), "/search?q=" + ALL + "&size=100");
            JsonObject result = ForumApi.json(all);
            assertEquals(visible.size(), result.getJsonNumber("total").longValue(), p.username() + ": " + all.body());
            assertEquals(counts(visible, Planted::type), facet(result, "type"), p.username() + " type facet");
            assertEquals(counts(visible, Planted::level), facet(result, "classification"), p.username() + " classification facet");
            // Everything was planted by this run: each readable item is in every "past" window, none is older.
            long n = visible.size();
            assertEquals(n == 0 ? Map.of() : Map.of("day", n, "week", n, "month", n, "year", n), facet(result, "date"),
                    p.username() + " date facet");
            for (JsonObject hit : result.getJsonArray("items").getValuesAs(JsonObject.class)) {
                assertTrue(hit.getString("snippet").contains("<mark>"), hit.toString());
                assertFalse(hit.getString("marking").isBlank(), hit.toString());
            }
            assertNoTrace(p, hidden, all.body());
            // Type filters never widen either.
            for (String type : List.of("incident", "message", "article")) {
                HttpResponse<String> typed = ForumApi.get(p.username(), "/search?q=" + ALL + "&size=100&type=" + type);
                long want = visible.stream().filter(item -> item.type().equals(type)).count();
                assertEquals(want, ForumApi.json(typed).getJsonNumber("total").longValue(), p.username() + " " + type);
                assertNoTrace(p, hidden, typed.body());
            }
            // Suggestions: titles and tags of readable items only.
            for (String prefix : List.of("zqi" + RUN, "zqa" + RUN, "zqg" + RUN, "zq")) {
                HttpResponse<String> s = ForumApi.get(p.username(), "/search/suggest?q=" + prefix);
                assertEquals(200, s.statusCode(), s.body());
                assertNoTrace(p, hidden, s.body());
            }
            Set<String> suggested = suggestions(p.username(), "zqa" + RUN);
            for (Planted item : visible) {
                if (item.type().equals("article")) {
                    assertTrue(suggested.stream().anyMatch(s -> s.startsWith(item.terms().get(0))),
                            p.username() + " misses the suggestion " + item.terms().get(0) + ": " + suggested);
                }
            }
        }
        long cells = (long) PROFILES.size() * PLANTED.size();
        System.out.println("[SearchEveryTypeIT] " + searches + " term searches, " + PROFILES.size() + " profiles x "
                + PLANTED.size() + " items (" + cells + " cells) over incidents, messages and articles, 0 leaks");
    }

    @Test
    void aRemovedMemberAndALoweredReaderLoseTheRoomFromSearchWithinASecond() throws InterruptedException {
        plant();
        OracleLabel restricted = OracleLabel.of("RESTRICTED");
        String title = term("zqi", "r1");
        String id = IncidentApi.create("alice", title + " wiper outbreak", "CRITICAL", restricted, "MEMBERS").getString("id");
        IncidentApi.member("alice", id, "chen", "RESPONDER");
        IncidentApi.member("alice", id, "bashir", "RESPONDER");
        String body = term("zqb", "r2");
        IncidentApi.sendOk("alice", id, "Isolate " + body + " now", null);
        for (String user : List.of("chen", "bashir")) {
            assertTrue(IncidentApi.await(() -> total(search(user, body)) == 1, Duration.ofSeconds(10)), user + " never found " + body);
        }
        assertEquals(0, total(search("ops", body)), "a non-member found the room's message");

        HttpResponse<String> removed = IncidentApi.removeMember("alice", id, IncidentApi.userId("chen"));
        long answered = System.nanoTime();
        assertTrue(removed.statusCode() == 200 || removed.statusCode() == 204, ForumApi.describe(removed));
        long removalMs = untilGone("chen", List.of(title, body), List.of(id), answered);
        System.out.println("[SearchEveryTypeIT] member removed -> room gone from chen's search after " + removalMs + " ms");
        assertTrue(removalMs <= 1_000, "removed member still found the room after " + removalMs + " ms");
        assertEquals(1, total(search("bashir", body)), "the remaining member lost the message");

        HttpResponse<String> raised = IncidentApi.patch("alice", id, Json.createObjectBuilder()
                .add("label", OracleLabel.of("SECRET", "GBR").json()).build());
        answered = System.nanoTime();
        IncidentApi.expect(200, raised, "raise the room to SECRET//REL TO GBR");
        long raiseMs = untilGone("bashir", List.of(title, body), List.of(id), answered);
        System.out.println("[SearchEveryTypeIT] room raised -> gone from bashir's search after " + raiseMs + " ms");
        assertTrue(raiseMs <= 1_000, "a lowered reader still found the room after " + raiseMs + " ms");
        assertEquals(1, total(search("alice", body)), "the commander lost the message");
    }

    /** Polls until {@code user} finds none of {@code terms} and no answer mentions {@code ids}; answers the ms taken. */
    private static long untilGone(String user, List<String> terms, List<String> ids, long since) throws InterruptedException {
        while (true) {
            boolean gone = true;
            for (String term : terms) {
                HttpResponse<String> r = search(user, term);
                gone &= total(r) == 0 && ids.stream().noneMatch(r.body()::contains);
            }
            long ms = (System.nanoTime() - since) / 1_000_000;
            if (gone) {
                return ms;
            }
            if (ms > 5_000) {
                fail(user + " still finds " + terms + " after " + ms + " ms");
            }
            Thread.sleep(20);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static HttpResponse<String> search(String user, String term) {
        return ForumApi.get(user, "/search?size=100&q=" + URLEncoder.encode(term, StandardCharsets.UTF_8));
    }

    private static long total(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return ForumApi.json(r).getJsonNumber("total").longValue();
    }

    private static Set<String> ids(HttpResponse<String> r) {
        Set<String> ids = new HashSet<>();
        ForumApi.json(r).getJsonArray("items").getValuesAs(JsonObject.class).forEach(h -> ids.add(h.getString("id")));
        return ids;
    }

    private static Set<String> suggestions(String user, String prefix) {
        Set<String> values = new HashSet<>();
        ForumApi.json(ForumApi.get(user, "/search/suggest?q=" + prefix)).getJsonArray("suggestions")
                .getValuesAs(JsonString.class).forEach(v -> values.add(v.getString().toLowerCase(Locale.ROOT)));
        return values;
    }

    private static Map<String, Long> counts(List<Planted> items, java.util.function.Function<Planted, String> key) {
        Map<String, Long> counts = new TreeMap<>();
        items.forEach(item -> counts.merge(key.apply(item), 1L, Long::sum));
        return counts;
    }

    private static Map<String, Long> facet(JsonObject result, String name) {
        Map<String, Long> counts = new TreeMap<>();
        result.getJsonObject("facets").getJsonObject(name)
                .forEach((value, count) -> counts.put(value, ((JsonNumber) count).longValue()));
        return counts;
    }

    /** Nothing of an unreadable item: not its id, not one of its own terms (so no snippet, title, tag or suggestion). */
    private static void assertNoTrace(Profile p, List<Planted> hidden, String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        for (Planted item : hidden) {
            assertFalse(body.contains(item.id()), p.username() + " saw " + item.key() + " (" + item.id() + "): " + body);
            for (String term : item.terms()) {
                assertFalse(lower.contains(term), p.username() + " saw " + term + " of " + item.key() + ": " + body);
            }
        }
    }
}
