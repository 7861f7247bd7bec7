package org.escape.it;

import static org.escape.it.ForumApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AUTHZ-MATRIX for forums: 15 reader profiles (countries GBR, KEN, MYS, IND, CAN, FRA and none;
 * every clearance; members, moderators, auditors) × content at 20+ label combinations along
 * forum → thread → post chains (threads above their forum, posts above their thread, REL TO lists)
 * × every REST action of the forum API (read, list with totals and counts, create, edit, delete,
 * revisions, mention and reply notifications).
 *
 * <p>The expected answer of every cell comes from {@link OracleLabel}, an independent reading of
 * R1 written in the test (no production class). Every cell the oracle calls unreadable must
 * answer exactly like a missing item: a 404 byte-identical (status, content type, body) to the
 * one for a random UUID on the same endpoint, with the same request body. Content is created once;
 * the in-test model follows every write the tests make, so the expected counts stay exact whatever
 * order the tests run in.
 *
 * <p>A <em>leak</em> is a mismatch that shows the reader something the oracle says they may not
 * see (an unexpected 200/403, an extra list item, a higher count, a later activity time, a
 * notification, a 404 that differs from the missing one); every other difference is a plain
 * mismatch (the server is stricter than the model).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForumAuthorizationMatrixIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final RealmUsers REALM = new RealmUsers();

    private static final Map<String, Profile> PROFILES = new LinkedHashMap<>();
    private static final Map<String, MForum> FORUMS = new LinkedHashMap<>();
    private static final Map<String, MThread> THREADS = new LinkedHashMap<>();
    private static final Map<String, MPost> POSTS = new LinkedHashMap<>();
    /** Threads and posts written by the matrix cells themselves (they count like any other). */
    private static final List<MThread> CELL_THREADS = new ArrayList<>();
    private static final List<MPost> MENTION_POSTS = new ArrayList<>();

    private static final AtomicInteger CELLS = new AtomicInteger();
    /** Cells answered for something the profile may not read, each compared with a missing id's answer. */
    private static final AtomicInteger UNREADABLE_CELLS = new AtomicInteger();
    private static final List<String> MISMATCHES = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> LEAKS = Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, HttpResponse<String>> MISSING = new HashMap<>();
    private static final Set<String> OWN_FORUM_IDS = new LinkedHashSet<>();
    private static long startedAt;

    /** A reader profile: a realm user with a country (or none), a clearance and roles. */
    record Profile(String key, String username, String country, String clearance, Set<String> roles) {
        boolean moderator() {
            return roles.contains("moderator");
        }

        boolean auditor() {
            return roles.contains("auditor");
        }

        boolean mayRead(List<OracleLabel> chain) {
            return OracleLabel.chainReadableBy(chain, country, clearance);
        }

        @Override
        public String toString() {
            return key;
        }
    }

    static final class MForum {
        final String key;
        final OracleLabel label;
        final Profile author;
        final List<MThread> threads = new ArrayList<>();
        String id;

        MForum(String key, OracleLabel label, Profile author) {
            this.key = key;
            this.label = label;
            this.author = author;
        }

        List<OracleLabel> chain() {
            return List.of(label);
        }
    }

    static final class MThread {
        final String key;
        final MForum forum;
        final OracleLabel label;
        final Profile author;
        final String title;
        final List<MPost> posts = new ArrayList<>();
        String id;

        MThread(String key, MForum forum, OracleLabel label, Profile author, String title) {
            this.key = key;
            this.forum = forum;
            this.label = label;
            this.author = author;
            this.title = title;
        }

        List<OracleLabel> chain() {
            return List.of(forum.label, label);
        }
    }

    static final class MPost {
        final String key;
        final MThread thread;
        final OracleLabel label;
        final Profile author;
        final String body;
        final MPost replyTo;
        String id;
        Instant createdAt;

        MPost(String key, MThread thread, OracleLabel label, Profile author, String body, MPost replyTo) {
            this.key = key;
            this.thread = thread;
            this.label = label;
            this.author = author;
            this.body = body;
            this.replyTo = replyTo;
        }

        List<OracleLabel> chain() {
            return List.of(thread.forum.label, thread.label, label);
        }
    }

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestServers.ear();
    }

    // ---------------------------------------------------------------------------------------------
    // The world: profiles and content
    // ---------------------------------------------------------------------------------------------

    @BeforeAll
    static void createProfilesAndContent() {
        startedAt = System.nanoTime();
        profile("gbrTS", "GBR", "TOP_SECRET", "moderator");
        profile("indTS", "IND", "TOP_SECRET", "moderator");
        profile("kenS", "KEN", "SECRET", "moderator");
        profile("gbrS", "GBR", "SECRET");
        profile("gbrC", "GBR", "CONFIDENTIAL", "auditor");
        profile("kenC", "KEN", "CONFIDENTIAL");
        profile("mysR", "MYS", "RESTRICTED");
        profile("mysC", "MYS", "CONFIDENTIAL");
        profile("indR", "IND", "RESTRICTED");
        profile("canU", "CAN", "UNCLASSIFIED");
        profile("canTS", "CAN", "TOP_SECRET", "auditor");
        profile("fraS", "FRA", "SECRET");
        profile("fraU", "FRA", "UNCLASSIFIED");
        profile("noneTS", null, "TOP_SECRET");
        profile("noneC", null, "CONFIDENTIAL", "moderator");
        for (Profile p : PROFILES.values()) {
            ForumApi.provisioned(p.username(), p.clearance(), p.roles());
        }

        forum("F_U", OracleLabel.of("UNCLASSIFIED"), "gbrTS");
        forum("F_R", OracleLabel.of("RESTRICTED"), "noneC");
        forum("F_C", OracleLabel.of("CONFIDENTIAL"), "kenS");
        forum("F_S", OracleLabel.of("SECRET"), "gbrTS");
        forum("F_TS", OracleLabel.of("TOP_SECRET"), "indTS");
        forum("F_C_GK", OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"), "kenS");
        forum("F_S_G", OracleLabel.of("SECRET", "GBR"), "gbrTS");
        forum("F_R_MI", OracleLabel.of("RESTRICTED", "MYS", "IND"), "indTS");
        forum("F_U_5", OracleLabel.of("UNCLASSIFIED", "CAN", "GBR", "IND", "KEN", "MYS"), "gbrTS");

        thread("T_U", "F_U", OracleLabel.of("UNCLASSIFIED"), "gbrS");
        thread("T_U_S", "F_U", OracleLabel.of("SECRET"), "fraS");
        thread("T_U_R_MI", "F_U", OracleLabel.of("RESTRICTED", "MYS", "IND"), "mysC");
        thread("T_U_C_GK", "F_U", OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"), "kenC");
        thread("T_R", "F_R", OracleLabel.of("RESTRICTED"), "indR");
        thread("T_C", "F_C", OracleLabel.of("CONFIDENTIAL"), "mysC");
        thread("T_C_GK", "F_C", OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"), "gbrC");
        thread("T_S", "F_S", OracleLabel.of("SECRET"), "noneTS");
        thread("T_S_TS", "F_S", OracleLabel.of("TOP_SECRET"), "canTS");
        thread("T_TS", "F_TS", OracleLabel.of("TOP_SECRET"), "indTS");
        thread("T_GK", "F_C_GK", OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"), "kenC");
        thread("T_GK_S_G", "F_C_GK", OracleLabel.of("SECRET", "GBR"), "gbrS");
        thread("T_G", "F_S_G", OracleLabel.of("SECRET", "GBR"), "gbrTS");
        thread("T_MI", "F_R_MI", OracleLabel.of("RESTRICTED", "MYS", "IND"), "mysR");
        thread("T_MI_C_I", "F_R_MI", OracleLabel.of("CONFIDENTIAL", "IND"), "indTS");
        thread("T_5", "F_U_5", OracleLabel.of("UNCLASSIFIED", "CAN", "GBR", "IND", "KEN", "MYS"), "canU");
        thread("T_5_R_K", "F_U_5", OracleLabel.of("RESTRICTED", "KEN"), "kenC");

        post("P_U_R", "T_U", OracleLabel.of("RESTRICTED"), "mysR", null);
        post("P_U_C_GK", "T_U", OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"), "kenC", null);
        post("P_U_S", "T_U", OracleLabel.of("SECRET"), "gbrS", null);
        post("P_U_TS", "T_U", OracleLabel.of("TOP_SECRET"), "noneTS", null);
        post("P_U_R_MI", "T_U", OracleLabel.of("RESTRICTED", "MYS", "IND"), "indR", null);
        post("P_U_reply", "T_U", OracleLabel.of("UNCLASSIFIED"), "fraS", "P_U_S");
        post("P_C_S_G", "T_C", OracleLabel.of("SECRET", "GBR"), "gbrS", null);
        post("P_C_TS", "T_C", OracleLabel.of("TOP_SECRET"), "canTS", null);
        post("P_R_C_GK", "T_R", OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"), "kenS", null);
        post("P_GK_S_K", "T_GK", OracleLabel.of("SECRET", "KEN"), "kenS", null);
        post("P_MI_R_I", "T_MI", OracleLabel.of("RESTRICTED", "IND"), "indR", null);
        post("P_MI_C_MI", "T_MI", OracleLabel.of("CONFIDENTIAL", "MYS", "IND"), "mysC", null);
        post("P_5_R_MI", "T_5", OracleLabel.of("RESTRICTED", "MYS", "IND"), "indR", null);
        post("P_5_U_C", "T_5", OracleLabel.of("UNCLASSIFIED", "CAN"), "canU", null);
        post("P_S_TS", "T_S", OracleLabel.of("TOP_SECRET"), "indTS", null);

        Set<String> combinations = POSTS.values().stream()
                .map(p -> p.chain().stream().map(OracleLabel::marking).collect(Collectors.joining(" > ")))
                .collect(Collectors.toCollection(TreeSet::new));
        System.out.printf("[forum-matrix] run %s: %d profiles, %d forums, %d threads, %d posts, %d label chains, "
                        + "set up in %d ms%n", RUN, PROFILES.size(), FORUMS.size(), THREADS.size(), POSTS.size(),
                combinations.size(), (System.nanoTime() - startedAt) / 1_000_000);
    }

    @AfterAll
    static void reportAndCleanUp() throws IOException {
        String summary = String.format("FORUM MATRIX: cells=%d, mismatches=%d, leaks=%d", CELLS.get(),
                MISMATCHES.size(), LEAKS.size());
        System.out.println(summary);
        long seconds = (System.nanoTime() - startedAt) / 1_000_000_000L;
        System.out.printf("[forum-matrix] %d s, %d requests compared with a missing id's answer, %d rate-limit answers waited out%n",
                seconds, UNREADABLE_CELLS.get(), ForumApi.RATE_LIMIT_WAITS.get());
        Path file = Path.of("target", "forum-matrix.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, summary + "\n" + String.join("\n", MISMATCHES) + "\n");
        REALM.deleteAll();
    }

    private static void profile(String key, String country, String clearance, String... roles) {
        String username = ("fm-" + key + "-" + RUN).toLowerCase(java.util.Locale.ROOT);
        Set<String> roleSet = new TreeSet<>(List.of(roles));
        roleSet.add("member");
        REALM.create(username, "Matrix", key, country, clearance, roleSet);
        PROFILES.put(key, new Profile(key, username, country, clearance, roleSet));
    }

    private static void forum(String key, OracleLabel label, String author) {
        MForum forum = new MForum(key, label, PROFILES.get(author));
        JsonObject body = Json.createObjectBuilder().add("name", "Matrix " + RUN + " " + key)
                .add("description", "Authorization matrix forum " + key).add("label", label.json()).build();
        HttpResponse<String> created = ForumApi.post(forum.author.username(), "/forums", body);
        assertEquals(201, created.statusCode(), "forum " + key + ": " + created.body());
        forum.id = json(created).getString("id");
        assertEquals(label.marking(), json(created).getString("marking"), "marking of forum " + key);
        FORUMS.put(key, forum);
        OWN_FORUM_IDS.add(forum.id);
    }

    private static void thread(String key, String forumKey, OracleLabel label, String author) {
        MForum forum = FORUMS.get(forumKey);
        MThread thread = new MThread(key, forum, label, PROFILES.get(author), "Matrix " + RUN + " " + key);
        String firstBody = "First post of " + key + " (" + label.marking() + ")";
        JsonObject body = Json.createObjectBuilder().add("title", thread.title).add("body", firstBody)
                .add("label", label.json()).add("tags", Json.createArrayBuilder().add("matrix")).build();
        HttpResponse<String> created = ForumApi.post(thread.author.username(), "/forums/" + forum.id + "/threads", body);
        assertEquals(201, created.statusCode(), "thread " + key + ": " + created.body());
        registerThread(thread, json(created), firstBody);
        THREADS.put(key, thread);
    }

    /** Adds a created thread and its first post (same label, same author) to the model. */
    private static void registerThread(MThread thread, JsonObject created, String firstBody) {
        thread.id = created.getString("id");
        String firstPostId = created.getString("firstPostId");
        HttpResponse<String> first = ForumApi.get(thread.author.username(), "/posts/" + firstPostId);
        assertEquals(200, first.statusCode(), "first post of " + thread.key + ": " + first.body());
        MPost post = new MPost(thread.key + "/first", thread, thread.label, thread.author, firstBody, null);
        post.id = firstPostId;
        post.createdAt = Instant.parse(json(first).getString("createdAt"));
        thread.posts.add(post);
        thread.forum.threads.add(thread);
        if (thread.key.startsWith("T_")) {
            POSTS.put(post.key, post);
        }
    }

    private static void post(String key, String threadKey, OracleLabel label, String author, String replyTo) {
        MThread thread = THREADS.get(threadKey);
        MPost parent = replyTo == null ? null : POSTS.get(replyTo);
        MPost post = new MPost(key, thread, label, PROFILES.get(author), "Post " + key + " (" + label.marking() + ")",
                parent);
        JsonObjectBuilder body = Json.createObjectBuilder().add("body", post.body).add("label", label.json());
        if (parent != null) {
            body.add("replyTo", parent.id);
        }
        HttpResponse<String> created = ForumApi.post(post.author.username(), "/threads/" + thread.id + "/posts",
                body.build());
        assertEquals(201, created.statusCode(), "post " + key + ": " + created.body());
        post.id = json(created).getString("id");
        post.createdAt = Instant.parse(json(created).getString("createdAt"));
        thread.posts.add(post);
        POSTS.put(key, post);
    }

    // ---------------------------------------------------------------------------------------------
    // The cells
    // ---------------------------------------------------------------------------------------------

    /**
     * Reads (GET forum/thread/post), revisions, and edits and deletes of someone else's post. Every
     * write takes a rate-limit token even when refused, so the read cells fill the time in which the
     * writers wait for their buckets (see {@link WriteCells}).
     */
    @Test
    @Order(1)
    void readsRevisionsAndRefusedEditsAndDeletesFollowR1ForEveryProfile() {
        int before = MISMATCHES.size();
        java.util.ArrayDeque<Runnable> reads = new java.util.ArrayDeque<>();
        for (MForum forum : FORUMS.values()) {
            for (Profile p : PROFILES.values()) {
                reads.add(() -> {
                    HttpResponse<String> r = statusCell(p, "GET", "/forums/{}", forum.id, null, p.mayRead(forum.chain()),
                            200, "read forum " + forum.key);
                    if (r.statusCode() == 200) {
                        checkForumItem(p, forum, json(r), "GET forum");
                    }
                });
            }
        }
        for (MThread thread : THREADS.values()) {
            for (Profile p : PROFILES.values()) {
                reads.add(() -> {
                    HttpResponse<String> r = statusCell(p, "GET", "/threads/{}", thread.id, null,
                            p.mayRead(thread.chain()), 200, "read thread " + thread.key);
                    if (r.statusCode() == 200) {
                        checkThreadItem(p, thread, json(r), "GET thread");
                    }
                });
            }
        }
        for (MPost post : POSTS.values()) {
            for (Profile p : PROFILES.values()) {
                reads.add(() -> {
                    HttpResponse<String> r = statusCell(p, "GET", "/posts/{}", post.id, null, p.mayRead(post.chain()),
                            200, "read post " + post.key);
                    if (r.statusCode() == 200) {
                        checkPostItem(p, post, json(r), "GET post");
                    }
                });
                reads.add(() -> revisionsCell(p, post));
            }
        }

        int skipped = 0;
        JsonObject edit = Json.createObjectBuilder().add("body", "an edit that must not happen").build();
        WriteCells cells = new WriteCells();
        for (MPost post : POSTS.values()) {
            for (Profile p : PROFILES.values()) {
                if (p.equals(post.author)) {
                    continue;
                }
                boolean readable = p.mayRead(post.chain());
                cells.add(p, "PATCH", "/posts/{}", post.id, edit, readable, 403, "edit " + post.key, r -> { });
                if (p.moderator() && readable) {
                    skipped++; // a moderator may delete what they can read; that path is ForumApiIT's
                    continue;
                }
                cells.add(p, "DELETE", "/posts/{}", post.id, null, readable, 403, "delete " + post.key, r -> { });
            }
        }
        cells.run(reads);
        for (MPost post : POSTS.values()) {
            HttpResponse<String> r = ForumApi.get(post.author.username(), "/posts/" + post.id);
            JsonObject after = json(r);
            check(r.statusCode() == 200 && post.body.equals(after.getString("body", null))
                            && after.getInt("revision", -1) == 1 && !after.getBoolean("deleted", true),
                    false, post.key + " is unchanged after the refused edits and deletes: " + r.body());
        }
        System.out.printf("[forum-matrix] delete cells skipped for moderators who may read the post: %d%n", skipped);
        verifyListings("reads");
        assertNoNewMismatches(before);
    }

    /** Revisions: the author, moderators and auditors who may read the post → 200; other readers → 403. */
    private static void revisionsCell(Profile p, MPost post) {
        boolean readable = p.mayRead(post.chain());
        boolean entitled = p.equals(post.author) || p.moderator() || p.auditor();
        HttpResponse<String> r = statusCell(p, "GET", "/posts/{}/revisions", post.id, null, readable,
                entitled ? 200 : 403, "revisions of " + post.key);
        if (r.statusCode() == 200) {
            List<JsonObject> revisions = ForumApi.items(r);
            check(!revisions.isEmpty() && "CREATED".equals(revisions.get(0).getString("kind", ""))
                            && post.body.equals(revisions.get(0).getString("body", null))
                            && post.label.marking().equals(revisions.get(0).getString("marking", null)),
                    false, p + " revisions of " + post.key + " start with CREATED and the original body: " + r.body());
        }
    }

    @Test
    @Order(2)
    void creatingThreadsAndPostsIsAllowedExactlyWhereTheProfileMayReadAndTheLabelRulesHold() {
        int before = MISMATCHES.size();
        WriteCells cells = new WriteCells();
        for (MForum forum : List.copyOf(FORUMS.values())) {
            for (Profile p : PROFILES.values()) {
                boolean readable = p.mayRead(forum.chain());
                String title = "Cell " + RUN + " " + p.key() + " in " + forum.key;
                String body = "Thread written by cell " + p.key() + " in " + forum.key;
                JsonObject request = Json.createObjectBuilder().add("title", title).add("body", body).build();
                cells.add(p, "POST", "/forums/{}/threads", forum.id, request, readable, 201, "create thread in " + forum.key,
                        r -> {
                            if (r.statusCode() == 201) {
                                JsonObject created = json(r);
                                check(forum.label.marking().equals(created.getString("marking", null)), false,
                                        p + " thread in " + forum.key + " defaults to the forum's label: " + r.body());
                                MThread thread = new MThread("cell:" + p.key() + ":" + forum.key, forum, forum.label, p, title);
                                registerThread(thread, created, body);
                                CELL_THREADS.add(thread);
                            }
                        });
                // W1: a label below the forum's → 400. (Unreadable forums: the plain request above covers them.)
                if (readable && !forum.label.equals(OracleLabel.of("UNCLASSIFIED"))) {
                    JsonObject below = Json.createObjectBuilder().add("title", title).add("body", body)
                            .add("label", OracleLabel.of("UNCLASSIFIED").json()).build();
                    cells.add(p, "POST", "/forums/{}/threads", forum.id, below, readable, 400,
                            "W1 thread below " + forum.key, r -> { });
                }
                // W2: a label above the profile's clearance, though it dominates the forum's → 400.
                if (readable && !p.clearance().equals("TOP_SECRET")) {
                    OracleLabel above = new OracleLabel("TOP_SECRET", forum.label.releasableTo());
                    JsonObject tooHigh = Json.createObjectBuilder().add("title", title).add("body", body)
                            .add("label", above.json()).build();
                    cells.add(p, "POST", "/forums/{}/threads", forum.id, tooHigh, readable, 400,
                            "W2 thread at " + above + " in " + forum.key, false, r -> { });
                }
            }
        }
        for (MThread thread : List.copyOf(THREADS.values())) {
            for (Profile p : PROFILES.values()) {
                boolean readable = p.mayRead(thread.chain());
                String text = "Reply written by cell " + p.key() + " in " + thread.key;
                JsonObject request = Json.createObjectBuilder().add("body", text).build();
                cells.add(p, "POST", "/threads/{}/posts", thread.id, request, readable, 201, "create post in " + thread.key,
                        r -> {
                            if (r.statusCode() == 201) {
                                JsonObject created = json(r);
                                check(thread.label.marking().equals(created.getString("marking", null)), false,
                                        p + " post in " + thread.key + " defaults to the thread's label: " + r.body());
                                MPost post = new MPost("cell:" + p.key() + ":" + thread.key, thread, thread.label, p, text,
                                        null);
                                post.id = created.getString("id");
                                post.createdAt = Instant.parse(created.getString("createdAt"));
                                thread.posts.add(post);
                            }
                        });
            }
        }
        // While writers wait for their buckets: every profile's listings, as the writes land.
        Map<String, OracleLabel> foreign = new HashMap<>();
        Map<Profile, Set<String>> listed = new HashMap<>();
        java.util.ArrayDeque<Runnable> listings = new java.util.ArrayDeque<>();
        PROFILES.values().forEach(p -> listings.add(() -> verifyListingsOf("during cell writes", p, foreign, listed)));
        cells.run(listings);
        checkForeignForums("during cell writes", foreign, listed);
        System.out.printf("[forum-matrix] cells wrote %d threads and %d posts%n", CELL_THREADS.size(),
                THREADS.values().stream().mapToLong(t -> t.posts.stream().filter(p -> p.key.startsWith("cell:")).count()).sum());
        verifyListings("after cell writes");
        assertNoNewMismatches(before);
    }

    @Test
    @Order(3)
    void mentionsAndRepliesNotifyExactlyTheProfilesWhoMayReadThePost() {
        int before = MISMATCHES.size();
        String everyone = PROFILES.values().stream().map(p -> "@" + p.username()).collect(Collectors.joining(" "));
        for (MPost source : List.copyOf(POSTS.values())) {
            String text = "Mentions at " + source.label.marking() + " in " + source.thread.key + ": " + everyone + " .";
            JsonObject request = Json.createObjectBuilder().add("body", text).add("label", source.label.json()).build();
            HttpResponse<String> r = ForumApi.post(source.author.username(), "/threads/" + source.thread.id + "/posts",
                    request);
            assertEquals(201, r.statusCode(), "mention post beside " + source.key + ": " + r.body());
            MPost mention = new MPost("mention:" + source.key, source.thread, source.label, source.author, text, null);
            mention.id = json(r).getString("id");
            mention.createdAt = Instant.parse(json(r).getString("createdAt"));
            source.thread.posts.add(mention);
            MENTION_POSTS.add(mention);
        }

        for (Profile p : PROFILES.values()) {
            Map<String, String> expected = new LinkedHashMap<>(); // post id -> kind
            for (MPost mention : MENTION_POSTS) {
                if (!p.equals(mention.author) && p.mayRead(mention.chain())) {
                    expected.put(mention.id, "MENTION");
                }
            }
            for (MThread thread : allThreads()) {
                for (MPost post : thread.posts) {
                    if (post.replyTo != null && p.equals(post.replyTo.author) && !p.equals(post.author)
                            && p.mayRead(post.chain())) {
                        expected.put(post.id, "REPLY");
                    }
                }
            }
            checkNotifications(p, expected);
        }
        verifyListings("after mentions");
        assertNoNewMismatches(before);
    }

    // ---------------------------------------------------------------------------------------------
    // Listings and counts against the model
    // ---------------------------------------------------------------------------------------------

    private static void verifyListings(String phase) {
        Map<String, OracleLabel> foreign = new HashMap<>();
        Map<Profile, Set<String>> listed = new HashMap<>();
        for (Profile p : PROFILES.values()) {
            verifyListingsOf(phase, p, foreign, listed);
        }
        checkForeignForums(phase, foreign, listed);
    }

    /** One profile's forum list, every forum's thread list and every original thread's post list. */
    private static void verifyListingsOf(String phase, Profile p, Map<String, OracleLabel> foreign,
            Map<Profile, Set<String>> listedForums) {
        ForumApi.Listing forums = ForumApi.listAll(p.username(), "/forums");
        cell();
        if (forums.status() != 200) {
            mismatch(false, phase + ": " + p + " lists forums: " + forums.status());
            return;
        }
        check(forums.total() == forums.items().size(), forums.total() > forums.items().size(),
                phase + ": " + p + " forum total " + forums.total() + " = items " + forums.items().size());
        Set<String> listed = new LinkedHashSet<>();
        for (JsonObject item : forums.items()) {
            String id = item.getString("id");
            listed.add(id);
            OracleLabel label = OracleLabel.parse(item.getJsonObject("label"));
            cell();
            check(p.mayRead(List.of(label)), true, phase + ": " + p + " is listed forum " + id + " at " + label);
            if (!OWN_FORUM_IDS.contains(id)) {
                foreign.put(id, label);
            }
        }
        listedForums.put(p, listed);
        for (MForum forum : FORUMS.values()) {
            boolean readable = p.mayRead(forum.chain());
            cell();
            if (listed.contains(forum.id) != readable) {
                mismatch(!readable, phase + ": " + p + (readable ? " misses " : " sees ") + "forum " + forum.key
                        + " in the forum list");
            }
            if (readable && listed.contains(forum.id)) {
                JsonObject item = forums.items().stream().filter(i -> i.getString("id").equals(forum.id))
                        .findFirst().orElseThrow();
                checkForumItem(p, forum, item, phase + " forum list");
            }
        }
        for (MForum forum : FORUMS.values()) {
            listThreads(phase, p, forum);
        }
        for (MThread thread : THREADS.values()) {
            listPosts(phase, p, thread);
        }
    }

    /** Forums created elsewhere: whoever may read one per the oracle must have been shown it. */
    private static void checkForeignForums(String phase, Map<String, OracleLabel> foreign,
            Map<Profile, Set<String>> listedForums) {
        for (Map.Entry<String, OracleLabel> entry : foreign.entrySet()) {
            for (Profile p : PROFILES.values()) {
                cell();
                if (p.mayRead(List.of(entry.getValue())) && !listedForums.getOrDefault(p, Set.of()).contains(entry.getKey())) {
                    mismatch(false, phase + ": " + p + " misses foreign forum " + entry.getKey() + " at " + entry.getValue());
                }
            }
        }
    }

    private static void listThreads(String phase, Profile p, MForum forum) {
        boolean readable = p.mayRead(forum.chain());
        if (!readable) {
            statusCell(p, "GET", "/forums/{}/threads", forum.id, null, false, 200, phase + ": list threads of " + forum.key);
            return;
        }
        ForumApi.Listing threads = ForumApi.listAll(p.username(), "/forums/" + forum.id + "/threads");
        cell();
        if (threads.status() != 200) {
            mismatch(false, phase + ": " + p + " lists threads of " + forum.key + ": " + threads.status());
            return;
        }
        List<MThread> expected = forum.threads.stream().filter(t -> p.mayRead(t.chain())).toList();
        Set<String> expectedIds = expected.stream().map(t -> t.id).collect(Collectors.toCollection(TreeSet::new));
        Set<String> actualIds = threads.items().stream().map(i -> i.getString("id")).collect(Collectors.toCollection(TreeSet::new));
        cell();
        if (!expectedIds.equals(actualIds)) {
            mismatch(!expectedIds.containsAll(actualIds), phase + ": " + p + " threads of " + forum.key + " expected "
                    + keys(expected) + " got " + actualIds.size() + " ids, extra " + minus(actualIds, expectedIds)
                    + ", missing " + minus(expectedIds, actualIds));
        }
        cell();
        check(threads.total() == expected.size(), threads.total() > expected.size(), phase + ": " + p + " thread total of "
                + forum.key + " " + threads.total() + ", expected " + expected.size());
        for (JsonObject item : threads.items()) {
            expected.stream().filter(t -> t.id.equals(item.getString("id"))).findFirst()
                    .ifPresent(t -> checkThreadItem(p, t, item, phase + " thread list"));
        }
    }

    private static void listPosts(String phase, Profile p, MThread thread) {
        boolean readable = p.mayRead(thread.chain());
        if (!readable) {
            statusCell(p, "GET", "/threads/{}/posts", thread.id, null, false, 200, phase + ": list posts of " + thread.key);
            return;
        }
        ForumApi.Listing posts = ForumApi.listAll(p.username(), "/threads/" + thread.id + "/posts");
        cell();
        if (posts.status() != 200) {
            mismatch(false, phase + ": " + p + " lists posts of " + thread.key + ": " + posts.status());
            return;
        }
        List<MPost> expected = thread.posts.stream().filter(post -> p.mayRead(post.chain())).toList();
        List<String> expectedIds = expected.stream().map(post -> post.id).toList();
        List<String> actualIds = posts.items().stream().map(i -> i.getString("id")).toList();
        cell();
        if (!expectedIds.equals(actualIds)) {
            boolean leak = !expectedIds.containsAll(actualIds);
            mismatch(leak, phase + ": " + p + " posts of " + thread.key + " (in posting order) expected " + keys(expected)
                    + "; extra " + minus(new TreeSet<>(actualIds), new TreeSet<>(expectedIds)) + ", missing "
                    + minus(new TreeSet<>(expectedIds), new TreeSet<>(actualIds)) + ", same set in another order: "
                    + new TreeSet<>(expectedIds).equals(new TreeSet<>(actualIds)));
        }
        cell();
        check(posts.total() == expected.size(), posts.total() > expected.size(), phase + ": " + p + " post total of "
                + thread.key + " " + posts.total() + ", expected " + expected.size());
        for (JsonObject item : posts.items()) {
            expected.stream().filter(post -> post.id.equals(item.getString("id"))).findFirst()
                    .ifPresent(post -> checkPostItem(p, post, item, phase + " post list"));
        }
    }

    private static void checkForumItem(Profile p, MForum forum, JsonObject item, String where) {
        List<MThread> readable = forum.threads.stream().filter(t -> p.mayRead(t.chain())).toList();
        Instant last = readable.stream().flatMap(t -> t.posts.stream()).filter(post -> p.mayRead(post.chain()))
                .map(post -> post.createdAt).max(Instant::compareTo).orElse(null);
        cell();
        int count = item.getInt("threadCount", -1);
        check(count == readable.size(), count > readable.size(), where + ": " + p + " threadCount of " + forum.key + " "
                + count + ", expected " + readable.size());
        cell();
        checkInstant(item, "lastActivityAt", last, where + ": " + p + " lastActivityAt of " + forum.key);
        cell();
        check(forum.label.marking().equals(item.getString("marking", null)), false,
                where + ": marking of " + forum.key + " " + item.get("marking"));
    }

    private static void checkThreadItem(Profile p, MThread thread, JsonObject item, String where) {
        List<MPost> readable = thread.posts.stream().filter(post -> p.mayRead(post.chain())).toList();
        long unread = readable.stream().filter(post -> !post.author.equals(p)).count();
        Instant last = readable.stream().map(post -> post.createdAt).max(Instant::compareTo).orElse(null);
        String firstPostId = p.mayRead(thread.posts.get(0).chain()) ? thread.posts.get(0).id : null;
        cell();
        int count = item.getInt("postCount", -1);
        check(count == readable.size(), count > readable.size(), where + ": " + p + " postCount of " + thread.key + " "
                + count + ", expected " + readable.size());
        cell();
        int unreadCount = item.getInt("unreadCount", -1);
        check(unreadCount == unread, unreadCount > unread, where + ": " + p + " unreadCount of " + thread.key + " "
                + unreadCount + ", expected " + unread);
        cell();
        checkInstant(item, "lastActivityAt", last, where + ": " + p + " lastActivityAt of " + thread.key);
        cell();
        check(Objects.equals(firstPostId, ForumApi.string(item, "firstPostId").orElse(null)), firstPostId == null,
                where + ": " + p + " firstPostId of " + thread.key + " " + item.get("firstPostId"));
        cell();
        check(thread.label.marking().equals(item.getString("marking", null)) && thread.forum.id.equals(item.getString("forumId", null)),
                false, where + ": marking/forumId of " + thread.key + " " + item.get("marking"));
        checkAuthor(p, item.getJsonObject("author"), thread.author, where + " " + thread.key);
    }

    private static void checkPostItem(Profile p, MPost post, JsonObject item, String where) {
        cell();
        check(post.body.equals(item.getString("body", null)) && post.label.marking().equals(item.getString("marking", null))
                        && post.thread.id.equals(item.getString("threadId", null)) && !item.getBoolean("deleted", true),
                false, where + ": " + p + " sees " + post.key + " as written: " + item);
        if (post.replyTo != null || item.containsKey("replyTo")) {
            cell();
            String expected = post.replyTo != null && p.mayRead(post.replyTo.chain()) ? post.replyTo.id : null;
            String actual = ForumApi.string(item, "replyTo").orElse(null);
            check(Objects.equals(expected, actual), expected == null, where + ": " + p + " replyTo of " + post.key
                    + " is " + actual + ", expected " + expected);
        }
        checkAuthor(p, item.getJsonObject("author"), post.author, where + " " + post.key);
    }

    private static void checkAuthor(Profile p, JsonObject author, Profile expected, String where) {
        cell();
        if (author == null) {
            mismatch(false, where + ": no author");
            return;
        }
        Set<String> allowed = Set.of("id", "username", "displayName", "country");
        check(allowed.containsAll(author.keySet()), true, where + ": " + p + " sees author fields " + author.keySet());
        check(expected.username().equals(author.getString("username", null)), false,
                where + ": author " + author.get("username") + ", expected " + expected.username());
    }

    private static void checkInstant(JsonObject item, String field, Instant expected, String what) {
        String actual = ForumApi.string(item, field).orElse(null);
        if (expected == null) {
            check(actual == null, actual != null, what + " is " + actual + ", expected null");
            return;
        }
        if (actual == null) {
            mismatch(false, what + " is null, expected " + expected);
            return;
        }
        Instant got = Instant.parse(actual).truncatedTo(ChronoUnit.MILLIS);
        Instant want = expected.truncatedTo(ChronoUnit.MILLIS);
        check(got.equals(want), got.isAfter(want), what + " is " + got + ", expected " + want);
    }

    private static void checkNotifications(Profile p, Map<String, String> expected) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        ForumApi.Listing listing;
        Map<String, String> actual;
        while (true) {
            listing = ForumApi.listAll(p.username(), "/notifications");
            actual = new LinkedHashMap<>();
            for (JsonObject n : listing.items()) {
                actual.put(n.getJsonObject("post").getString("id"), n.getString("kind"));
            }
            if (actual.equals(expected) || System.nanoTime() > deadline) {
                break;
            }
            ForumApi.sleep(300);
        }
        cell();
        if (listing.status() != 200) {
            mismatch(false, p + " notifications: " + listing.status());
            return;
        }
        if (!actual.equals(expected)) {
            Set<String> extra = minus(actual.keySet(), expected.keySet());
            Set<String> missing = minus(expected.keySet(), actual.keySet());
            mismatch(!extra.isEmpty(), p + " notifications: extra " + describePosts(extra) + ", missing "
                    + describePosts(missing) + ", kinds " + actual.values());
        }
        cell();
        check(listing.total() == expected.size(), listing.total() > expected.size(),
                p + " notification total " + listing.total() + ", expected " + expected.size());
        HttpResponse<String> count = ForumApi.get(p.username(), "/notifications/unread-count");
        cell();
        int unread = count.statusCode() == 200 ? json(count).getInt("unread", -1) : -1;
        check(unread == expected.size(), unread > expected.size(), p + " unread-count " + count.body() + ", expected "
                + expected.size());
        HttpResponse<String> page = ForumApi.get(p.username(), "/notifications?size=100");
        cell();
        int inPage = page.statusCode() == 200 ? json(page).getInt("unread", -1) : -1;
        check(inPage == expected.size(), inPage > expected.size(), p + " notifications page 'unread' " + inPage
                + ", expected " + expected.size());
        for (JsonObject n : listing.items()) {
            String postId = n.getJsonObject("post").getString("id");
            allPosts().filter(post -> post.id.equals(postId)).findFirst().ifPresent(post -> {
                cell();
                check(post.thread.title.equals(n.getJsonObject("post").getString("threadTitle", null))
                                && post.thread.id.equals(n.getJsonObject("post").getString("threadId", null))
                                && post.author.username().equals(n.getJsonObject("actor").getString("username", null))
                                && !n.getBoolean("read", true),
                        false, p + " notification about " + post.key + ": " + n);
                checkAuthor(p, n.getJsonObject("actor"), post.author, "notification actor");
            });
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Cell bookkeeping
    // ---------------------------------------------------------------------------------------------

    /**
     * One request cell: when the oracle says the target is readable the status must be
     * {@code expectedIfReadable}; otherwise the answer must equal, byte for byte, the answer to the
     * same request (same user, same body) for a random missing id.
     */
    private static HttpResponse<String> statusCell(Profile p, String method, String template, String id, JsonValue body,
            boolean readable, int expectedIfReadable, String what) {
        return statusCell(p, method, template, id, body, readable, expectedIfReadable, what, true);
    }

    /**
     * As above; {@code unreadableMustBe404} is false for bodies the server may refuse before it looks
     * the target up (a label above the caller): then only the identity with the missing answer counts.
     */
    private static HttpResponse<String> statusCell(Profile p, String method, String template, String id, JsonValue body,
            boolean readable, int expectedIfReadable, String what, boolean unreadableMustBe404) {
        HttpResponse<String> response = ForumApi.call(method, p.username(), template.replace("{}", id), body);
        judge(p, method, template, body, readable, expectedIfReadable, what, unreadableMustBe404, response);
        return response;
    }

    private static void judge(Profile p, String method, String template, JsonValue body, boolean readable,
            int expectedIfReadable, String what, boolean unreadableMustBe404, HttpResponse<String> response) {
        cell();
        if (readable) {
            if (response.statusCode() != expectedIfReadable) {
                mismatch(false, p + " " + what + ": expected " + expectedIfReadable + ", got " + ForumApi.describe(response));
            }
            return;
        }
        UNREADABLE_CELLS.incrementAndGet();
        HttpResponse<String> missing = missing(p, method, template, body);
        if (!sameBytes(response, missing)) {
            mismatch(true, p + " " + what + ": unreadable, but the answer differs from a missing id's: "
                    + ForumApi.describe(response) + " vs " + ForumApi.describe(missing));
        } else if (response.statusCode() != 404 && unreadableMustBe404) {
            mismatch(false, p + " " + what + ": unreadable and missing both answer " + ForumApi.describe(response)
                    + ", expected 404");
        }
    }

    private static HttpResponse<String> missing(Profile p, String method, String template, JsonValue body) {
        String key = p.username() + " " + method + " " + template + " " + body;
        return MISSING.computeIfAbsent(key, k -> ForumApi.call(method, p.username(),
                template.replace("{}", UUID.randomUUID().toString()), body));
    }

    /** Same status, body and headers (all of them but Date): nothing tells unreadable from missing. */
    static boolean sameBytes(HttpResponse<String> a, HttpResponse<String> b) {
        return a.statusCode() == b.statusCode() && a.body().equals(b.body()) && headersBut(a, "date").equals(headersBut(b, "date"));
    }

    private static Map<String, List<String>> headersBut(HttpResponse<String> response, String skipped) {
        Map<String, List<String>> headers = new java.util.TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(skipped)) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), values);
            }
        });
        return headers;
    }

    private static void cell() {
        CELLS.incrementAndGet();
    }

    private static void check(boolean ok, boolean leakIfNot, String what) {
        if (!ok) {
            mismatch(leakIfNot, what);
        }
    }

    private static void mismatch(boolean leak, String what) {
        MISMATCHES.add((leak ? "LEAK " : "") + what);
        if (leak) {
            LEAKS.add(what);
        }
    }

    private static void assertNoNewMismatches(int before) {
        List<String> found = List.copyOf(MISMATCHES.subList(before, MISMATCHES.size()));
        List<String> shapes = List.copyOf(ForumApi.PROBLEM_VIOLATIONS);
        assertTrue(found.isEmpty(), found.size() + " mismatches, first ones:\n"
                + found.stream().limit(40).collect(Collectors.joining("\n")));
        assertTrue(shapes.isEmpty(), "error answers that are not clean problem+json:\n"
                + shapes.stream().limit(20).collect(Collectors.joining("\n")));
    }

    private static List<MThread> allThreads() {
        return FORUMS.values().stream().flatMap(f -> f.threads.stream()).toList();
    }

    private static Stream<MPost> allPosts() {
        return allThreads().stream().flatMap(t -> t.posts.stream());
    }

    private static String describePosts(Set<String> ids) {
        return allPosts().filter(p -> ids.contains(p.id)).map(p -> p.key + "@" + p.label).toList().toString();
    }

    private static List<String> keys(List<? extends Object> items) {
        return items.stream().map(i -> i instanceof MThread t ? t.key : ((MPost) i).key).toList();
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }

    /**
     * Write cells of many profiles, run round-robin: every write (even a refused one) takes a token
     * from its author's bucket (burst 20, 60 per minute), so a profile answered 429 is set aside
     * until its {@code Retry-After} has passed while the others go on, instead of everyone waiting.
     * Single-threaded: each cell is judged right after its answer, in the order the server saw them.
     */
    private static final class WriteCells {

        private record Cell(String method, String path, JsonValue body, java.util.function.Consumer<HttpResponse<String>> judge) {
        }

        private final Map<Profile, java.util.ArrayDeque<Cell>> queues = new LinkedHashMap<>();

        void add(Profile p, String method, String template, String id, JsonValue body, boolean readable,
                int expectedIfReadable, String what, java.util.function.Consumer<HttpResponse<String>> then) {
            add(p, method, template, id, body, readable, expectedIfReadable, what, true, then);
        }

        void add(Profile p, String method, String template, String id, JsonValue body, boolean readable,
                int expectedIfReadable, String what, boolean unreadableMustBe404,
                java.util.function.Consumer<HttpResponse<String>> then) {
            queues.computeIfAbsent(p, k -> new java.util.ArrayDeque<>()).add(new Cell(method, template.replace("{}", id), body,
                    response -> {
                        judge(p, method, template, body, readable, expectedIfReadable, what, unreadableMustBe404, response);
                        then.accept(response);
                    }));
        }

        /** Runs every write cell; while all writers wait for their buckets, runs {@code filler} tasks instead of sleeping. */
        void run(java.util.Deque<Runnable> filler) {
            Map<Profile, Long> notBefore = new HashMap<>();
            while (queues.values().stream().anyMatch(q -> !q.isEmpty())) {
                boolean progressed = false;
                for (Map.Entry<Profile, java.util.ArrayDeque<Cell>> entry : queues.entrySet()) {
                    if (entry.getValue().isEmpty() || notBefore.getOrDefault(entry.getKey(), 0L) > System.nanoTime()) {
                        continue;
                    }
                    Cell cell = entry.getValue().peek();
                    HttpResponse<String> response = ForumApi.once(cell.method(), entry.getKey().username(), cell.path(),
                            cell.body());
                    if (response.statusCode() == 429) {
                        ForumApi.RATE_LIMIT_WAITS.incrementAndGet();
                        long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                        notBefore.put(entry.getKey(), System.nanoTime() + Math.max(1, seconds) * 1_000_000_000L);
                        continue;
                    }
                    entry.getValue().poll();
                    cell.judge().accept(response);
                    progressed = true;
                }
                if (!progressed && !filler.isEmpty()) {
                    long until = queues.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                            .mapToLong(e -> notBefore.getOrDefault(e.getKey(), 0L)).min().orElse(0L);
                    while (!filler.isEmpty() && System.nanoTime() < until) {
                        filler.poll().run();
                    }
                } else if (!progressed) {
                    long earliest = queues.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                            .mapToLong(e -> notBefore.getOrDefault(e.getKey(), 0L)).min().orElse(0L);
                    ForumApi.sleep(Math.max(10, (earliest - System.nanoTime()) / 1_000_000 + 20));
                }
            }
            while (!filler.isEmpty()) {
                filler.poll().run();
            }
        }
    }
}
