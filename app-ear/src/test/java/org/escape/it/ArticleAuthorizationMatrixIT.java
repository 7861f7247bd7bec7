package org.escape.it;

import static org.escape.it.ForumApi.json;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
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
 * AUTHZ-MATRIX for the knowledge base: 11 reader profiles (countries GBR, KEN, MYS, CAN, IND and
 * none; every clearance; members, moderators, an auditor; two authors, one of them a moderator) ×
 * 28 articles (7 labels, ALL and REL TO lists, each in DRAFT, IN_REVIEW, PUBLISHED and RETIRED) ×
 * the operations of docs/api-articles.md: GET (with the {@code actions} offered), membership and
 * totals of the lists by status and {@code mine}, search hits and totals, tag counts, a no-op PUT
 * (allowed or not) and a refused workflow step per cell; then a few allowed steps, and everything
 * read again.
 *
 * <p>The expected answer of every cell is the test's own oracle: R1 from {@link OracleLabel} (not
 * the production rules), the draft rule (a DRAFT or IN_REVIEW article exists only for its author
 * and moderators) and the workflow table of the contract, re-stated in {@link #allowed}. An
 * unreadable cell must answer byte for byte like a random id. A <em>leak</em> is an answer showing
 * something the oracle says is invisible (a 200 or any answer other than the missing one, a listed
 * id, a higher total or count, a search hit); every other difference is a plain mismatch.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArticleAuthorizationMatrixIT {

    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
    private static final String TAG = "km" + RUN;
    private static final String TERM = "zkm" + RUN + "all";
    private static final RealmUsers REALM = new RealmUsers();
    private static final List<String> STATUSES = List.of("DRAFT", "IN_REVIEW", "PUBLISHED", "RETIRED");

    private static final Map<String, Profile> PROFILES = new LinkedHashMap<>();
    private static final Map<String, MArticle> ARTICLES = new LinkedHashMap<>();
    private static final AtomicInteger CELLS = new AtomicInteger();
    private static final AtomicInteger UNREADABLE_CELLS = new AtomicInteger();
    private static final List<String> MISMATCHES = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> LEAKS = Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, HttpResponse<String>> MISSING = new HashMap<>();
    private static long startedAt;

    /** A reader profile: a realm user with a country (or none), a clearance and roles. */
    record Profile(String key, String username, String country, String clearance, Set<String> roles) {
        boolean moderator() {
            return roles.contains("moderator");
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /** One article as the oracle knows it: label, author, status, who wrote the current revision. */
    static final class MArticle {
        final String key;
        final String labelKey;
        final OracleLabel label;
        final Profile author;
        final String title;
        final String body;
        final List<String> tags;
        String id;
        String status = "DRAFT";
        int revision = 1;
        Profile revisedBy;

        MArticle(String key, String labelKey, OracleLabel label, Profile author) {
            this.key = key;
            this.labelKey = labelKey;
            this.label = label;
            this.author = author;
            this.revisedBy = author;
            this.title = "Matrix " + RUN + " " + key;
            this.body = "Article " + key + " (" + label.marking() + ") " + TERM;
            this.tags = List.of(TAG, TAG + "-" + labelKey.toLowerCase(Locale.ROOT));
        }

        boolean isPublic() {
            return status.equals("PUBLISHED") || status.equals("RETIRED");
        }

        /** The content as it was written, with the current revision: a PUT that changes nothing. */
        JsonObject noOpPut() {
            JsonArrayBuilder t = Json.createArrayBuilder();
            tags.forEach(t::add);
            return Json.createObjectBuilder().add("title", title).add("summary", "Summary of " + key).add("body", body)
                    .add("tags", t).add("references", Json.createArrayBuilder()).add("label", label.json())
                    .add("baseRevision", revision).build();
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestServers.ear();
    }

    // ---------------------------------------------------------------------------------------------
    // The oracle
    // ---------------------------------------------------------------------------------------------

    /** R1 on the label, and for a DRAFT or IN_REVIEW article: the author or a moderator. */
    static boolean mayRead(Profile p, MArticle a) {
        return a.label.readableBy(p.country(), p.clearance()) && (a.isPublic() || p.equals(a.author) || p.moderator());
    }

    /** The workflow table of docs/api-articles.md, for a reader who may read the article. */
    static Set<String> allowed(Profile p, MArticle a) {
        Set<String> actions = new TreeSet<>();
        if (!mayRead(p, a)) {
            return actions;
        }
        boolean author = p.equals(a.author);
        boolean moderator = p.moderator();
        switch (a.status) {
            case "DRAFT" -> {
                if (author || moderator) {
                    actions.add("edit");
                    actions.add("submit");
                }
            }
            case "IN_REVIEW" -> {
                if (author || moderator) {
                    actions.add("edit");
                }
                if (author) {
                    actions.add("withdraw");
                }
                if (moderator && !author) {
                    actions.add("sendBack");
                    if (!p.equals(a.revisedBy)) {
                        actions.add("publish");
                    }
                }
            }
            case "PUBLISHED" -> {
                if (moderator && !author) {
                    actions.add("edit");
                }
                if (moderator) {
                    actions.add("retire");
                }
            }
            default -> {
                // RETIRED: nothing
            }
        }
        return actions;
    }

    /** The statuses in which a step is possible at all (otherwise 409). */
    static boolean statusAllows(String status, String step) {
        return switch (step) {
            case "edit" -> !status.equals("RETIRED");
            case "submit" -> status.equals("DRAFT");
            case "withdraw", "sendBack", "publish" -> status.equals("IN_REVIEW");
            case "retire" -> status.equals("PUBLISHED");
            default -> throw new IllegalArgumentException(step);
        };
    }

    // ---------------------------------------------------------------------------------------------
    // The world
    // ---------------------------------------------------------------------------------------------

    @BeforeAll
    static void createProfilesAndArticles() {
        startedAt = System.nanoTime();
        profile("author", "GBR", "TOP_SECRET");
        profile("modAuthor", "KEN", "SECRET", "moderator");
        profile("modGbrTS", "GBR", "TOP_SECRET", "moderator");
        profile("modKenC", "KEN", "CONFIDENTIAL", "moderator");
        profile("modNoneTS", null, "TOP_SECRET", "moderator");
        profile("gbrS", "GBR", "SECRET");
        profile("kenR", "KEN", "RESTRICTED");
        profile("mysC", "MYS", "CONFIDENTIAL");
        profile("canU", "CAN", "UNCLASSIFIED");
        profile("noneS", null, "SECRET");
        profile("indTS", "IND", "TOP_SECRET", "auditor");
        for (Profile p : PROFILES.values()) {
            ForumApi.provisioned(p.username(), p.clearance(), p.roles());
        }
        // label key, label, author, publisher (a moderator, not the author, who may read it)
        label("U", OracleLabel.of("UNCLASSIFIED"), "modAuthor", "modGbrTS");
        label("R", OracleLabel.of("RESTRICTED"), "author", "modKenC");
        label("C_GK", OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"), "modAuthor", "modGbrTS");
        label("S", OracleLabel.of("SECRET"), "author", "modAuthor");
        label("S_G", OracleLabel.of("SECRET", "GBR"), "author", "modGbrTS");
        label("TS", OracleLabel.of("TOP_SECRET"), "author", "modNoneTS");
        label("R_KM", OracleLabel.of("RESTRICTED", "KEN", "MYS"), "modAuthor", "modKenC");
        // Two articles in review whose current revision a moderator wrote: that moderator may not publish.
        reviseInReview("S/IN_REVIEW", "modNoneTS");
        reviseInReview("U/IN_REVIEW", "modKenC");
        System.out.printf("[article-matrix] run %s: %d profiles, %d articles, set up in %d ms%n", RUN, PROFILES.size(),
                ARTICLES.size(), (System.nanoTime() - startedAt) / 1_000_000);
    }

    @AfterAll
    static void reportAndCleanUp() throws IOException {
        String summary = String.format("ARTICLE MATRIX cells=%d mismatches=%d leaks=%d", CELLS.get(), MISMATCHES.size(),
                LEAKS.size());
        System.out.println(summary);
        System.out.printf("[article-matrix] %d s, %d cells compared with a missing id's answer, %d rate-limit answers waited out%n",
                (System.nanoTime() - startedAt) / 1_000_000_000L, UNREADABLE_CELLS.get(), ForumApi.RATE_LIMIT_WAITS.get());
        Path file = Path.of("target", "article-matrix.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, summary + "\n" + String.join("\n", MISMATCHES) + "\n");
        REALM.deleteAll();
    }

    private static void profile(String key, String country, String clearance, String... roles) {
        String username = ("km-" + key + "-" + RUN).toLowerCase(Locale.ROOT);
        Set<String> roleSet = new TreeSet<>(List.of(roles));
        roleSet.add("member");
        REALM.create(username, "Matrix", key, country, clearance, roleSet);
        PROFILES.put(key, new Profile(key, username, country, clearance, roleSet));
    }

    /** The four articles of one label, one per status. */
    private static void label(String labelKey, OracleLabel label, String authorKey, String publisherKey) {
        Profile author = PROFILES.get(authorKey);
        Profile publisher = PROFILES.get(publisherKey);
        for (String status : STATUSES) {
            MArticle a = new MArticle(labelKey + "/" + status, labelKey, label, author);
            JsonObject created = json(IncidentApi.expect(201, ArticleApi.create(author.username(),
                    Json.createObjectBuilder(a.noOpPut()).remove("baseRevision").build()), "create " + a));
            a.id = created.getString("id");
            ARTICLES.put(a.key, a);
            if (status.equals("DRAFT")) {
                continue;
            }
            ArticleApi.stepOk(author.username(), a.id, "submit", null);
            a.status = "IN_REVIEW";
            if (status.equals("IN_REVIEW")) {
                continue;
            }
            ArticleApi.stepOk(publisher.username(), a.id, "publish", null);
            a.status = "PUBLISHED";
            if (status.equals("RETIRED")) {
                ArticleApi.stepOk(publisher.username(), a.id, "retire", "Matrix retirement");
                a.status = "RETIRED";
            }
        }
    }

    private static void reviseInReview(String key, String moderatorKey) {
        MArticle a = ARTICLES.get(key);
        Profile moderator = PROFILES.get(moderatorKey);
        JsonObject put = Json.createObjectBuilder(a.noOpPut()).add("comment", "Reviewer's wording").build();
        put = Json.createObjectBuilder(put).add("body", a.body + "\n\nReviewed.").build();
        JsonObject saved = json(IncidentApi.expect(200, ArticleApi.put(moderator.username(), a.id, put), "revise " + a));
        a.revision = saved.getInt("revision");
        a.revisedBy = moderator;
        REVISED_BODIES.put(a.key, a.body + "\n\nReviewed.");
    }

    /** Bodies changed after creation (the no-op PUT must send them). */
    private static final Map<String, String> REVISED_BODIES = new HashMap<>();

    private static JsonObject noOpPut(MArticle a) {
        JsonObject put = a.noOpPut();
        String body = REVISED_BODIES.get(a.key);
        return body == null ? put : Json.createObjectBuilder(put).add("body", body).build();
    }

    // ---------------------------------------------------------------------------------------------
    // The cells
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void readsListsSearchAndTagsFollowTheOracle() {
        int before = MISMATCHES.size();
        verifyAll("initial");
        assertNoNewMismatches(before);
    }

    /**
     * For every profile and article: a PUT that changes nothing (200 when the oracle lets the
     * profile edit, 409 for a retired article, 403 otherwise, a missing id's answer when unreadable)
     * and one workflow step the oracle refuses (409 when the status does not allow it, else 403).
     * Refused writes change nothing, so the model stays exact; the writes run round-robin over the
     * profiles' rate-limit buckets.
     */
    @Test
    @Order(2)
    void refusedAndNoOpWritesFollowTheOracle() {
        int before = MISMATCHES.size();
        WriteCells cells = new WriteCells();
        List<String> steps = List.copyOf(ArticleApi.STEPS.keySet());
        JsonObject comment = Json.createObjectBuilder().add("comment", "Matrix step").build();
        JsonObject blindPut = Json.createObjectBuilder().add("title", "x").add("body", "x")
                .add("label", OracleLabel.of("UNCLASSIFIED").json()).add("baseRevision", 1).build();
        int i = 0;
        for (MArticle a : ARTICLES.values()) {
            for (Profile p : PROFILES.values()) {
                i++;
                boolean readable = mayRead(p, a);
                Set<String> allowed = allowed(p, a);
                int editStatus = allowed.contains("edit") ? 200 : statusAllows(a.status, "edit") ? 403 : 409;
                cells.add(p, "PUT", "/articles/{}", a.id, readable ? noOpPut(a) : blindPut, readable, editStatus,
                        "no-op PUT " + a, r -> {
                            if (r.statusCode() == 200) {
                                cell();
                                check(json(r).getInt("revision", -1) == a.revision, false, p + " no-op PUT of " + a
                                        + " must keep revision " + a.revision + ": " + ForumApi.abbreviate(r.body()));
                            }
                        });
                String step = null;
                for (int k = 0; k < steps.size(); k++) {
                    String candidate = steps.get((i + k) % steps.size());
                    if (!allowed.contains(candidate)) {
                        step = candidate;
                        break;
                    }
                }
                if (step == null) {
                    continue;
                }
                String s = step;
                int expected = statusAllows(a.status, s) ? 403 : 409;
                cells.add(p, "POST", "/articles/{}/" + ArticleApi.STEPS.get(s), a.id, comment, readable, expected,
                        "refused " + s + " of " + a, r -> { });
            }
        }
        cells.run();
        // Nothing changed: every article is where the model says.
        for (MArticle a : ARTICLES.values()) {
            JsonObject now = ArticleApi.article(a.author.username(), a.id);
            cell();
            check(a.status.equals(now.getString("status")) && a.revision == now.getInt("revision"), false,
                    "after refused writes " + a + " is " + now.getString("status") + " r" + now.getInt("revision")
                            + ", expected " + a.status + " r" + a.revision);
        }
        assertNoNewMismatches(before);
    }

    /** A few allowed steps by the people the table names, then every read cell again on the new state. */
    @Test
    @Order(3)
    void allowedStepsMoveTheArticlesAndEveryViewFollows() {
        int before = MISMATCHES.size();
        move("S/IN_REVIEW", "modNoneTS", "publish", 403, null); // wrote the current revision
        move("S/IN_REVIEW", "modAuthor", "publish", 200, "PUBLISHED");
        move("U/IN_REVIEW", "modAuthor", "withdraw", 200, "DRAFT");
        move("C_GK/DRAFT", "modKenC", "submit", 200, "IN_REVIEW");
        move("C_GK/DRAFT", "modAuthor", "publish", 403, null); // the author
        move("TS/PUBLISHED", "modNoneTS", "retire", 200, "RETIRED");
        move("R_KM/IN_REVIEW", "modKenC", "sendBack", 200, "DRAFT");
        move("R/DRAFT", "author", "submit", 200, "IN_REVIEW");
        move("R/IN_REVIEW", "author", "withdraw", 200, "DRAFT");
        move("S_G/PUBLISHED", "modGbrTS", "retire", 200, "RETIRED");
        move("TS/IN_REVIEW", "modGbrTS", "publish", 200, "PUBLISHED");
        verifyAll("after allowed steps");
        assertNoNewMismatches(before);
    }

    private static void move(String key, String profileKey, String step, int expected, String newStatus) {
        MArticle a = ARTICLES.get(key);
        Profile p = PROFILES.get(profileKey);
        Set<String> allowed = allowed(p, a);
        cell();
        check(allowed.contains(step) == (expected == 200), false, "oracle self-check: " + p + " " + step + " " + a
                + " expected " + expected + " but the oracle allows " + allowed);
        HttpResponse<String> r = ArticleApi.step(p.username(), a.id, step, step.equals("sendBack") || step.equals("retire")
                ? "Matrix " + step : null);
        cell();
        if (r.statusCode() != expected) {
            mismatch(r.statusCode() == 200, p + " " + step + " " + a + ": expected " + expected + ", got " + ForumApi.describe(r));
        }
        if (r.statusCode() == 200) {
            a.status = json(r).getString("status");
            cell();
            check(Objects.equals(newStatus, a.status), false, p + " " + step + " " + a + " → " + a.status + ", expected " + newStatus);
            if (step.equals("publish")) {
                cell();
                check(p.username().equals(ArticleApi.username(json(r), "publishedBy")), false, "publishedBy of " + a + ": "
                        + json(r).get("publishedBy"));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Read cells against the model
    // ---------------------------------------------------------------------------------------------

    private static void verifyAll(String phase) {
        awaitSearchOfAuthors(phase);
        for (Profile p : PROFILES.values()) {
            for (MArticle a : ARTICLES.values()) {
                getCell(phase, p, a);
            }
            lists(phase, p);
            tags(phase, p);
            search(phase, p);
        }
    }

    private static void getCell(String phase, Profile p, MArticle a) {
        boolean readable = mayRead(p, a);
        HttpResponse<String> r = ForumApi.get(p.username(), "/articles/" + a.id);
        judge(p, "GET", "/articles/{}", null, readable, 200, phase + ": GET " + a, r);
        if (readable && r.statusCode() == 200) {
            JsonObject got = json(r);
            cell();
            check(a.status.equals(got.getString("status", null)) && a.label.marking().equals(got.getString("marking", null))
                            && a.revision == got.getInt("revision", -1) && a.author.username().equals(ArticleApi.username(got, "author"))
                            && got.getString("body", "").startsWith("Article " + a.key),
                    false, phase + ": " + p + " GET " + a + " shows " + got.getString("status", null) + " "
                            + got.getString("marking", null) + " r" + got.get("revision"));
            cell();
            Set<String> expected = allowed(p, a);
            Set<String> actual = ArticleApi.actions(got);
            check(expected.equals(actual), false, phase + ": " + p + " actions on " + a + " " + actual + ", expected " + expected);
            cell();
            List<String> shape = ArticleApi.shapeViolations("article", got);
            check(shape.isEmpty(), true, phase + ": " + p + " GET " + a + " undocumented: " + shape);
            if (!a.isPublic() || a.revision > 1) {
                revisionsCell(phase, p, a);
            }
        } else if (!readable) {
            // The other read endpoints of an unreadable article answer like a missing one too.
            for (String template : List.of("/articles/{}/revisions", "/articles/{}/reviews", "/articles/{}/diff?from=1&to=1")) {
                HttpResponse<String> other = ForumApi.get(p.username(), template.replace("{}", a.id));
                judge(p, "GET", template, null, false, 200, phase + ": GET " + template + " of " + a, other);
            }
        }
    }

    private static void revisionsCell(String phase, Profile p, MArticle a) {
        HttpResponse<String> r = ForumApi.get(p.username(), "/articles/" + a.id + "/revisions");
        cell();
        if (r.statusCode() != 200) {
            mismatch(false, phase + ": " + p + " revisions of " + a + ": " + ForumApi.describe(r));
            return;
        }
        List<JsonObject> items = IncidentApi.items(r);
        check(items.size() == a.revision && items.get(0).getInt("number") == a.revision
                        && a.revisedBy.username().equals(ArticleApi.username(items.get(0), "editor")), false,
                phase + ": " + p + " revisions of " + a + ": " + items.size() + " newest by "
                        + (items.isEmpty() ? null : ArticleApi.username(items.get(0), "editor")));
    }

    /** The lists by status and {@code mine}, restricted to this run's tag (exact) and unrestricted (no leak). */
    private static void lists(String phase, Profile p) {
        for (String status : STATUSES) {
            expectList(phase, p, "tag=" + TAG + "&status=" + status,
                    a -> mayRead(p, a) && a.status.equals(status));
        }
        expectList(phase, p, "tag=" + TAG, a -> mayRead(p, a) && a.status.equals("PUBLISHED"));
        expectList(phase, p, "tag=" + TAG + "&mine=true", a -> a.author.equals(p) && mayRead(p, a));
        expectList(phase, p, "tag=" + TAG + "&mine=true&status=DRAFT", a -> a.author.equals(p) && mayRead(p, a)
                && a.status.equals("DRAFT"));
        for (MArticle a : ARTICLES.values()) {
            if (a.status.equals("PUBLISHED") || a.status.equals("IN_REVIEW")) {
                String labelTag = TAG + "-" + a.labelKey.toLowerCase(Locale.ROOT);
                expectList(phase, p, "tag=" + labelTag + "&status=" + a.status,
                        b -> b.labelKey.equals(a.labelKey) && b.status.equals(a.status) && mayRead(p, b));
            }
        }
        // Without the tag: whatever else the server holds must pass R1 and the draft rule too.
        for (String status : STATUSES) {
            ForumApi.Listing all = ArticleApi.list(p.username(), "status=" + status);
            cell();
            if (all.status() != 200) {
                mismatch(false, phase + ": " + p + " list status=" + status + ": " + all.status());
                continue;
            }
            check(all.total() == all.items().size(), all.total() > all.items().size(), phase + ": " + p + " list status="
                    + status + " total " + all.total() + " = items " + all.items().size());
            for (JsonObject item : all.items()) {
                cell();
                OracleLabel label = OracleLabel.parse(item.getJsonObject("label"));
                boolean own = p.username().equals(ArticleApi.username(item, "author"));
                boolean ok = label.readableBy(p.country(), p.clearance()) && status.equals(item.getString("status", null))
                        && (status.equals("PUBLISHED") || status.equals("RETIRED") || own || p.moderator())
                        && item.isNull("body") && item.isNull("html");
                check(ok, true, phase + ": " + p + " list status=" + status + " shows " + item.getString("id") + " "
                        + item.getString("status", null) + " " + label + " by " + ArticleApi.username(item, "author"));
            }
            for (MArticle a : ARTICLES.values()) {
                if (mayRead(p, a) && a.status.equals(status)) {
                    cell();
                    check(all.items().stream().anyMatch(i -> a.id.equals(i.getString("id"))), false,
                            phase + ": " + p + " misses " + a + " in list status=" + status);
                }
            }
        }
    }

    private static void expectList(String phase, Profile p, String query, java.util.function.Predicate<MArticle> expected) {
        ForumApi.Listing listing = ArticleApi.list(p.username(), query);
        cell();
        if (listing.status() != 200) {
            mismatch(false, phase + ": " + p + " list " + query + ": " + listing.status());
            return;
        }
        Set<String> want = ARTICLES.values().stream().filter(expected).map(a -> a.id).collect(Collectors.toCollection(TreeSet::new));
        Set<String> got = listing.items().stream().map(i -> i.getString("id")).collect(Collectors.toCollection(TreeSet::new));
        cell();
        if (!want.equals(got)) {
            Set<String> extra = minus(got, want);
            mismatch(!extra.isEmpty(), phase + ": " + p + " list " + query + " extra " + describe(extra) + ", missing "
                    + describe(minus(want, got)));
        }
        cell();
        check(listing.total() == want.size(), listing.total() > want.size(), phase + ": " + p + " list " + query + " total "
                + listing.total() + ", expected " + want.size());
    }

    /** Tag counts: published (not retired) articles the profile may read. */
    private static void tags(String phase, Profile p) {
        Map<String, Long> counts = ArticleApi.tags(p.username(), TAG);
        cell();
        if (counts == null) {
            mismatch(false, phase + ": " + p + " tags did not answer 200");
            return;
        }
        Map<String, Long> expected = new java.util.TreeMap<>();
        for (MArticle a : ARTICLES.values()) {
            if (a.status.equals("PUBLISHED") && mayRead(p, a)) {
                a.tags.forEach(t -> expected.merge(t, 1L, Long::sum));
            }
        }
        Set<String> ours = new TreeSet<>();
        ARTICLES.values().forEach(a -> ours.addAll(a.tags));
        for (String tag : ours) {
            cell();
            long want = expected.getOrDefault(tag, 0L);
            long got = counts.getOrDefault(tag, 0L);
            check(want == got, got > want, phase + ": " + p + " tag count of " + tag + " " + got + ", expected " + want);
        }
    }

    /** The run's term in every article body: the hits and the total are exactly the readable articles. */
    private static void search(String phase, Profile p) {
        Set<String> want = ARTICLES.values().stream().filter(a -> mayRead(p, a)).map(a -> a.id)
                .collect(Collectors.toCollection(TreeSet::new));
        HttpResponse<String>[] last = new HttpResponse[1];
        // Indexing follows each commit asynchronously: give a changed document up to 5 s.
        IncidentApi.await(() -> {
            last[0] = ArticleApi.search(p.username(), TERM);
            return last[0].statusCode() == 200 && ArticleApi.hitIds(last[0]).equals(want) && ArticleApi.total(last[0]) == want.size();
        }, java.time.Duration.ofSeconds(5));
        HttpResponse<String> r = last[0];
        cell();
        if (r.statusCode() != 200) {
            mismatch(false, phase + ": " + p + " search: " + ForumApi.describe(r));
            return;
        }
        Set<String> got = ArticleApi.hitIds(r);
        cell();
        if (!got.equals(want)) {
            Set<String> extra = minus(got, want);
            mismatch(!extra.isEmpty(), phase + ": " + p + " search hits extra " + describe(extra) + ", missing "
                    + describe(minus(want, got)));
        }
        cell();
        long total = ArticleApi.total(r);
        check(total == want.size(), total > want.size(), phase + ": " + p + " search total " + total + ", expected " + want.size());
        for (MArticle a : ARTICLES.values()) {
            if (!want.contains(a.id)) {
                cell();
                check(!r.body().contains(a.id) && !r.body().contains("Matrix " + RUN + " " + a.key + "\""), true,
                        phase + ": " + p + " search answer mentions " + a);
            }
        }
    }

    /** Before a phase's searches: each author finds all their own articles (indexing is asynchronous). */
    private static void awaitSearchOfAuthors(String phase) {
        for (Profile author : List.of(PROFILES.get("author"), PROFILES.get("modAuthor"))) {
            Set<String> own = ARTICLES.values().stream().filter(a -> a.author.equals(author)).map(a -> a.id)
                    .collect(Collectors.toSet());
            boolean ok = IncidentApi.await(() -> ArticleApi.hitIds(ArticleApi.search(author.username(), TERM)).containsAll(own),
                    java.time.Duration.ofSeconds(10));
            cell();
            check(ok, false, phase + ": " + author + " does not find all their own articles within 10 s");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Cell bookkeeping
    // ---------------------------------------------------------------------------------------------

    private static void judge(Profile p, String method, String template, JsonValue body, boolean readable,
            int expectedIfReadable, String what, HttpResponse<String> response) {
        cell();
        if (readable) {
            if (response.statusCode() != expectedIfReadable) {
                mismatch(response.statusCode() == 200 && expectedIfReadable != 200,
                        p + " " + what + ": expected " + expectedIfReadable + ", got " + ForumApi.describe(response));
            }
            return;
        }
        UNREADABLE_CELLS.incrementAndGet();
        HttpResponse<String> missing = MISSING.computeIfAbsent(p.username() + " " + method + " " + template + " " + body,
                k -> ForumApi.call(method, p.username(), template.replace("{}", UUID.randomUUID().toString()), body));
        if (!IncidentApi.sameAnswer(response, missing)) {
            mismatch(true, p + " " + what + ": unreadable, but the answer differs from a missing id's: "
                    + ForumApi.describe(response) + " vs " + ForumApi.describe(missing));
        } else if (response.statusCode() != 404) {
            mismatch(false, p + " " + what + ": unreadable and missing both answer " + ForumApi.describe(response));
        }
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
        System.out.println("[article-matrix] " + (leak ? "LEAK " : "MISMATCH ") + what);
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

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static String describe(Set<String> ids) {
        List<String> named = new ArrayList<>();
        for (String id : ids) {
            named.add(ARTICLES.values().stream().filter(a -> a.id.equals(id)).map(a -> a.key + "@" + a.status).findFirst()
                    .orElse(id));
        }
        return named.toString();
    }

    /**
     * Write cells of many profiles, run round-robin: every write (even a refused one) takes a token
     * from its author's bucket, so a profile answered 429 is set aside until its {@code Retry-After}
     * has passed while the others go on. Each cell is judged right after its answer.
     */
    private static final class WriteCells {

        private record Cell(String method, String template, String path, JsonValue body, boolean readable, int expected,
                            String what, Consumer<HttpResponse<String>> then) {
        }

        private final Map<Profile, ArrayDeque<Cell>> queues = new LinkedHashMap<>();

        void add(Profile p, String method, String template, String id, JsonValue body, boolean readable, int expected,
                String what, Consumer<HttpResponse<String>> then) {
            queues.computeIfAbsent(p, k -> new ArrayDeque<>())
                    .add(new Cell(method, template, template.replace("{}", id), body, readable, expected, what, then));
        }

        void run() {
            Map<Profile, Long> notBefore = new HashMap<>();
            while (queues.values().stream().anyMatch(q -> !q.isEmpty())) {
                boolean progressed = false;
                for (Map.Entry<Profile, ArrayDeque<Cell>> entry : queues.entrySet()) {
                    Profile p = entry.getKey();
                    if (entry.getValue().isEmpty() || notBefore.getOrDefault(p, 0L) > System.nanoTime()) {
                        continue;
                    }
                    Cell cell = entry.getValue().peek();
                    HttpResponse<String> response = ForumApi.once(cell.method(), p.username(), cell.path(), cell.body());
                    if (response.statusCode() == 429) {
                        ForumApi.RATE_LIMIT_WAITS.incrementAndGet();
                        long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                        notBefore.put(p, System.nanoTime() + Math.max(1, seconds) * 1_000_000_000L);
                        continue;
                    }
                    entry.getValue().poll();
                    judge(p, cell.method(), cell.template(), cell.body(), cell.readable(), cell.expected(), cell.what(), response);
                    cell.then().accept(response);
                    progressed = true;
                }
                if (!progressed) {
                    long earliest = queues.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                            .mapToLong(e -> notBefore.getOrDefault(e.getKey(), 0L)).min().orElse(0L);
                    ForumApi.sleep(Math.max(10, (earliest - System.nanoTime()) / 1_000_000 + 20));
                }
            }
        }
    }
}
