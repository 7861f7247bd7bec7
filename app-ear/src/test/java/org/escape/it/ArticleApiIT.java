package org.escape.it;

import static org.escape.it.ForumApi.json;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
 * The knowledge-base REST API (docs/api-articles.md) on the real EAR: the workflow move by move and
 * its two-person rule; revisions, diffs and stale edits; label raises (W3, W2, audit) and what a
 * raise takes away from a reader (GET, lists, search, tag counts); input limits; promotion of a
 * resolved incident; review notifications; an unreadable article answering exactly like a missing
 * one on every endpoint.
 *
 * <p>Every test writes its own articles with throw-away users ({@code ka-<key>-<run>}), so the tests
 * do not depend on each other, on their order or on the demo world. Deviations are collected per
 * test ({@link IncidentApi.Soft}) so one run reports all of them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArticleApiIT {

    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
    private static final RealmUsers REALM = new RealmUsers();

    private static final OracleLabel U = OracleLabel.of("UNCLASSIFIED");
    private static final OracleLabel R = OracleLabel.of("RESTRICTED");
    private static final OracleLabel C = OracleLabel.of("CONFIDENTIAL");
    private static final OracleLabel S = OracleLabel.of("SECRET");
    private static final OracleLabel TS = OracleLabel.of("TOP_SECRET");
    private static final OracleLabel C_G = OracleLabel.of("CONFIDENTIAL", "GBR");
    private static final OracleLabel S_G = OracleLabel.of("SECRET", "GBR");

    /** Authors, one per test (GBR SECRET members), and the people around them. */
    private static String auth1;
    private static String auth2;
    private static String auth3;
    private static String auth4;
    private static String auth5;
    private static String auth6;
    private static String auth7;
    private static String modA;
    private static String modB;
    private static String modAuthor;
    private static String lowMod;
    private static String modC;
    private static String member2;
    private static String gbrC;
    private static String kenC;
    private static String canU;
    private static String auditor;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestServers.ear();
    }

    @BeforeAll
    static void createUsers() {
        auth1 = user("auth1", "GBR", "SECRET");
        auth2 = user("auth2", "GBR", "SECRET");
        auth3 = user("auth3", "GBR", "SECRET");
        auth4 = user("auth4", "GBR", "SECRET");
        auth5 = user("auth5", "GBR", "SECRET");
        auth6 = user("auth6", "GBR", "SECRET");
        auth7 = user("auth7", "GBR", "SECRET");
        modA = user("moda", "GBR", "TOP_SECRET", "moderator");
        modB = user("modb", "GBR", "SECRET", "moderator");
        modAuthor = user("modauthor", "GBR", "SECRET", "moderator");
        lowMod = user("lowmod", "GBR", "RESTRICTED", "moderator");
        modC = user("modc", "GBR", "CONFIDENTIAL", "moderator");
        member2 = user("member2", "GBR", "SECRET");
        gbrC = user("gbrc", "GBR", "CONFIDENTIAL");
        kenC = user("kenc", "KEN", "CONFIDENTIAL");
        canU = user("canu", "CAN", "UNCLASSIFIED");
        auditor = user("auditor", "GBR", "SECRET", "auditor");
    }

    @AfterAll
    static void deleteUsers() {
        REALM.deleteAll();
    }

    private static String user(String key, String country, String clearance, String... roles) {
        String username = "ka-" + key + "-" + RUN;
        Set<String> roleSet = new TreeSet<>(List.of(roles));
        roleSet.add("member");
        REALM.create(username, "Article", key, country, clearance, roleSet);
        // The platform knows a user from their first request: moderators must exist before a submit notifies them.
        ForumApi.provisioned(username, clearance, roleSet);
        return username;
    }

    private static String title(String what) {
        return "KA " + RUN + " " + what;
    }

    private static String detail(HttpResponse<String> r) {
        try {
            return json(r).getString("detail", "");
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static JsonValue label(OracleLabel label) {
        return label.json();
    }

    // ---------------------------------------------------------------------------------------------
    // Workflow
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void workflowFollowsTheTableAndTheTwoPersonRule() {
        IncidentApi.Soft soft = new IncidentApi.Soft("workflow");
        int problemsBefore = ForumApi.PROBLEM_VIOLATIONS.size();
        JsonObject a = ArticleApi.createOk(auth1, title("workflow A"), "# Steps\nIsolate the host", C, List.of("kb"));
        String id = a.getString("id");
        soft.check(ArticleApi.shapeViolations("article", a).isEmpty(), "created article carries only documented fields: "
                + ArticleApi.shapeViolations("article", a));
        soft.check("DRAFT".equals(a.getString("status", null)) && a.getInt("revision", -1) == 1,
                "a new article is DRAFT at revision 1: " + a);
        soft.check(auth1.equals(ArticleApi.username(a, "author")), "the author is the caller: " + a.get("author"));
        soft.check(ArticleApi.actions(a).equals(Set.of("edit", "submit")), "the author of a draft may edit and submit: "
                + a.get("actions"));
        soft.check(a.isNull("source") && a.isNull("publishedAt") && a.isNull("publishedBy") && a.isNull("reviewComment"),
                "a hand-written draft has no source, publication or review comment: " + a);
        soft.check(a.getString("html", "").contains("<h1") && a.getString("html", "").contains("Isolate the host"),
                "html is the rendered body: " + a.get("html"));

        JsonObject edited = ArticleApi.editOk(auth1, id, Map.of("body", Json.createValue("# Steps\nIsolate the host\nCall the CERT")));
        soft.check(edited.getInt("revision", -1) == 2 && "DRAFT".equals(edited.getString("status", null)),
                "an edit with the current baseRevision writes revision 2: " + edited);

        JsonObject submitted = ArticleApi.stepOk(auth1, id, "submit", null);
        soft.check("IN_REVIEW".equals(submitted.getString("status", null)), "submit with an empty body → IN_REVIEW: " + submitted);
        soft.check(ArticleApi.actions(submitted).equals(Set.of("edit", "withdraw")),
                "the (non-moderator) author of an article in review may edit and withdraw: " + submitted.get("actions"));

        HttpResponse<String> byAuthor = soft.status(403, ArticleApi.step(auth1, id, "publish", null), "the author publishes");
        soft.check(detail(byAuthor).toLowerCase().contains("moderator"), "the refusal says why: " + byAuthor.body());
        // Another non-moderator cannot even see an article in review: exactly a missing article's answer.
        soft.likeMissing(ArticleApi.step(member2, id, "publish", null), member2, "POST", "/articles/{}/publish", null,
                "a non-moderator (not the author) publishes an article in review");
        soft.likeMissing(ArticleApi.step(member2, id, "sendBack", "no"), member2, "POST", "/articles/{}/send-back",
                Json.createObjectBuilder().add("comment", "no").build(), "a non-moderator (not the author) sends back");
        soft.status(403, ArticleApi.step(modA, id, "withdraw", null), "a moderator withdraws someone else's article");

        // A moderator who is the author may not publish their own.
        JsonObject own = ArticleApi.createOk(modAuthor, title("workflow own"), "Own text", C, List.of());
        ArticleApi.stepOk(modAuthor, own.getString("id"), "submit", null);
        JsonObject ownRead = ArticleApi.article(modAuthor, own.getString("id"));
        soft.check(!ArticleApi.actions(ownRead).contains("publish") && !ArticleApi.actions(ownRead).contains("sendBack"),
                "a moderator-author is not offered publish or send-back: " + ownRead.get("actions"));
        HttpResponse<String> ownPublish = soft.status(403, ArticleApi.step(modAuthor, own.getString("id"), "publish", null),
                "a moderator publishes their own article");
        soft.check(detail(ownPublish).contains("two-person rule"), "the refusal names the two-person rule: " + ownPublish.body());
        soft.status(200, ArticleApi.step(modB, own.getString("id"), "publish", null), "another moderator publishes it");

        // A moderator who wrote the current revision may not publish it.
        JsonObject byModB = ArticleApi.editOk(modB, id, Map.of("body", Json.createValue("# Steps\nIsolate the host\nCall the national CERT")));
        soft.check(byModB.getInt("revision", -1) == 3 && "IN_REVIEW".equals(byModB.getString("status", null)),
                "a moderator's edit of an article in review keeps it in review at revision 3: " + byModB);
        soft.check(!ArticleApi.actions(byModB).contains("publish") && ArticleApi.actions(byModB).contains("sendBack"),
                "the moderator who wrote the current revision is offered send-back, not publish: " + byModB.get("actions"));
        HttpResponse<String> reviserPublishes = soft.status(403, ArticleApi.step(modB, id, "publish", null),
                "the moderator who wrote the current revision publishes");
        soft.check(detail(reviserPublishes).contains("two-person rule"), "the refusal names the two-person rule: "
                + reviserPublishes.body());
        soft.check(ArticleApi.actions(ArticleApi.article(modA, id)).equals(Set.of("edit", "sendBack", "publish")),
                "another moderator is offered edit, send-back and publish: " + ArticleApi.article(modA, id).get("actions"));
        JsonObject published = ArticleApi.stepOk(modA, id, "publish", null);
        soft.check("PUBLISHED".equals(published.getString("status", null)) && modA.equals(ArticleApi.username(published, "publishedBy"))
                        && !published.isNull("publishedAt"), "published by the other moderator: " + published);
        soft.check(ArticleApi.actions(ArticleApi.article(auth1, id)).isEmpty(),
                "the non-moderator author may do nothing with a published article: " + ArticleApi.article(auth1, id).get("actions"));
        soft.status(200, ArticleApi.get(member2, id), "a published article is readable by every R1 reader");

        // Illegal transitions: 409 naming the status.
        HttpResponse<String> resubmit = soft.status(409, ArticleApi.step(auth1, id, "submit", null), "submit a published article");
        soft.check(detail(resubmit).contains("published"), "the 409 names the status: " + resubmit.body());
        soft.status(403, ArticleApi.put(auth1, id, ArticleApi.editOf(published).add("title", "Author edit").build()),
                "the non-moderator author edits a published article");

        // Send back needs a comment; the author sees it on the draft.
        JsonObject b = ArticleApi.createOk(auth1, title("workflow B"), "Draft B", C, List.of());
        String bid = b.getString("id");
        soft.status(409, ArticleApi.step(modA, bid, "publish", null), "publish a draft");
        soft.status(409, ArticleApi.step(modA, bid, "retire", "Too early"), "retire a draft");
        soft.status(409, ArticleApi.step(auth1, bid, "withdraw", null), "withdraw a draft");
        soft.status(200, ArticleApi.step(auth1, bid, "submit", null), "submit B");
        soft.fieldError(ArticleApi.step(modA, bid, "sendBack", null), "comment", "send back without a body");
        soft.fieldError(ForumApi.post(modA, "/articles/" + bid + "/send-back", "{}"), "comment", "send back with {}");
        soft.fieldError(ArticleApi.step(modA, bid, "sendBack", "  "), "comment", "send back with a blank comment");
        soft.check("IN_REVIEW".equals(ArticleApi.article(auth1, bid).getString("status")), "a refused send-back changes nothing");
        JsonObject sentBack = ArticleApi.stepOk(modA, bid, "sendBack", "Needs sources " + RUN);
        soft.check("DRAFT".equals(sentBack.getString("status", null)), "send back → DRAFT: " + sentBack);
        JsonObject seenByAuthor = ArticleApi.article(auth1, bid);
        JsonObject comment = seenByAuthor.get("reviewComment") instanceof JsonObject o ? o : null;
        soft.check(comment != null && ("Needs sources " + RUN).equals(comment.getString("comment", null))
                        && modA.equals(ArticleApi.username(comment, "by")) && comment.containsKey("at"),
                "the author sees the review comment {comment, by, at}: " + seenByAuthor.get("reviewComment"));

        // Withdraw: by the author only; {} is accepted as "no comment".
        soft.status(200, ForumApi.post(auth1, "/articles/" + bid + "/submit", "{}"), "submit with {}");
        soft.status(403, ArticleApi.step(modA, bid, "withdraw", null), "a moderator withdraws");
        JsonObject withdrawn = ArticleApi.stepOk(auth1, bid, "withdraw", null);
        soft.check("DRAFT".equals(withdrawn.getString("status", null)), "withdraw → DRAFT: " + withdrawn);

        // Publish with {} (and a third article).
        JsonObject c = ArticleApi.createOk(auth1, title("workflow C"), "Draft C", C, List.of());
        soft.status(200, ForumApi.post(auth1, "/articles/" + c.getString("id") + "/submit", "{}"), "submit C with {}");
        soft.status(200, ForumApi.post(modA, "/articles/" + c.getString("id") + "/publish", "{}"), "publish with {}");
        soft.status(400, ForumApi.post(modA, "/articles/" + c.getString("id") + "/retire", "[1,2]"),
                "a step body that is not a JSON object");

        // Retire needs a reason; a retired article stays readable and cannot be edited.
        soft.fieldError(ArticleApi.step(modA, id, "retire", null), "comment", "retire without a reason");
        soft.fieldError(ArticleApi.step(modA, id, "retire", ""), "comment", "retire with an empty reason");
        soft.status(403, ArticleApi.step(member2, id, "retire", "Not mine"), "a non-moderator retires");
        JsonObject retired = ArticleApi.stepOk(modA, id, "retire", "Superseded " + RUN);
        soft.check("RETIRED".equals(retired.getString("status", null)) && ("Superseded " + RUN).equals(retired.getString("retiredReason", null))
                        && !retired.isNull("retiredAt"), "retired with its reason: " + retired);
        JsonObject retiredRead = ArticleApi.article(member2, id);
        soft.check("RETIRED".equals(retiredRead.getString("status", null))
                        && ("Superseded " + RUN).equals(retiredRead.getString("retiredReason", null)),
                "a retired article is still readable, with its reason: " + retiredRead);
        soft.status(409, ArticleApi.put(modA, id, ArticleApi.editOf(retired).add("title", "Edit retired").build()),
                "edit a retired article");
        soft.status(409, ArticleApi.step(modA, id, "retire", "Again"), "retire a retired article");
        soft.status(409, ArticleApi.step(modA, id, "publish", null), "publish a retired article");

        // The review history, oldest first.
        HttpResponse<String> reviews = ArticleApi.reviews(member2, id);
        soft.status(200, reviews, "reviews of a retired article");
        List<JsonObject> events = IncidentApi.items(reviews);
        List<String> actions = events.stream().map(e -> e.getString("action", "?")).toList();
        soft.check(actions.equals(List.of("SUBMITTED", "PUBLISHED", "RETIRED")), "reviews oldest first: " + actions);
        if (events.size() == 3) {
            soft.check(auth1.equals(ArticleApi.username(events.get(0), "actor")) && modA.equals(ArticleApi.username(events.get(1), "actor"))
                            && ("Superseded " + RUN).equals(events.get(2).getString("comment", null))
                            && events.get(1).getInt("revision", -1) == 3,
                    "review events carry actor, comment and revision: " + events);
            events.forEach(e -> soft.check(IncidentApi.undocumented("review", e, ArticleApi.REVIEW_FIELDS).isEmpty(),
                    "review event fields: " + e.keySet()));
        }
        assertNoNewProblemViolations(soft, problemsBefore);
        soft.done();
    }

    // ---------------------------------------------------------------------------------------------
    // Revisions, diffs, stale edits
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void revisionsDiffsAndStaleEdits() {
        IncidentApi.Soft soft = new IncidentApi.Soft("revisions");
        int problemsBefore = ForumApi.PROBLEM_VIOLATIONS.size();
        String v1 = "# Steps\nBlock port 445\nold line\nkeep";
        String v2 = "# Steps\nBlock ports 139 and 445\nkeep\nnew line";
        JsonObject a = ArticleApi.createOk(auth2, title("T1"), v1, R, List.of("smb"));
        String id = a.getString("id");
        JsonObject changed = ArticleApi.editOk(auth2, id, Map.of("title", Json.createValue(title("T2")), "body", Json.createValue(v2),
                "label", label(C), "comment", Json.createValue("Added step")));
        soft.check(changed.getInt("revision", -1) == 2 && "CONFIDENTIAL".equals(changed.getString("marking", null)),
                "revision 2 at CONFIDENTIAL: " + changed);

        HttpResponse<String> list = soft.status(200, ArticleApi.revisions(auth2, id), "revisions");
        List<JsonObject> revisions = list.statusCode() == 200 ? IncidentApi.items(list) : List.of();
        soft.check(revisions.stream().map(r -> r.getInt("number", -1)).toList().equals(List.of(2, 1)),
                "revisions newest first: " + revisions);
        if (revisions.size() == 2) {
            JsonObject r2 = revisions.get(0);
            JsonObject r1 = revisions.get(1);
            soft.check("EDITED".equals(r2.getString("kind", null)) && "CREATED".equals(r1.getString("kind", null)),
                    "kinds EDITED, CREATED: " + revisions);
            soft.check(auth2.equals(ArticleApi.username(r2, "editor")) && "Added step".equals(r2.getString("comment", null))
                            && title("T2").equals(r2.getString("title", null)) && "CONFIDENTIAL".equals(r2.getString("marking", null))
                            && r2.containsKey("at"),
                    "revision 2 with editor, comment, title, marking: " + r2);
            soft.check("RESTRICTED".equals(r1.getString("marking", null)) && title("T1").equals(r1.getString("title", null)),
                    "revision 1 keeps its title and marking: " + r1);
            soft.check(!r2.containsKey("body") || r2.isNull("body"), "list entries carry no body: " + r2.keySet());
            revisions.forEach(r -> soft.check(IncidentApi.undocumented("revision", r, ArticleApi.REVISION_FIELDS).isEmpty(),
                    "revision fields: " + r.keySet()));
        }
        HttpResponse<String> one = soft.status(200, ArticleApi.revision(auth2, id, 1), "revision 1");
        if (one.statusCode() == 200) {
            JsonObject r1 = json(one);
            soft.check(v1.equals(r1.getString("body", null)) && r1.getString("html", "").contains("Block port 445")
                            && ArticleApi.strings(r1, "tags").equals(List.of("smb")) && r1.containsKey("summary"),
                    "revision 1 with its content: " + r1);
        }
        HttpResponse<String> diff = soft.status(200, ArticleApi.diff(auth2, id, "from=1&to=2"), "diff 1→2");
        if (diff.statusCode() == 200) {
            JsonObject d = json(diff);
            Map<String, JsonObject> fields = new LinkedHashMap<>();
            d.getJsonArray("fields").getValuesAs(JsonObject.class).forEach(f -> fields.put(f.getString("field"), f));
            soft.check(fields.keySet().equals(Set.of("title", "marking")), "fields that differ: title and marking: " + fields.keySet());
            soft.check(fields.containsKey("title") && title("T1").equals(fields.get("title").getString("from", null))
                            && title("T2").equals(fields.get("title").getString("to", null)), "title change: " + fields.get("title"));
            soft.check(fields.containsKey("marking") && "RESTRICTED".equals(fields.get("marking").getString("from", null))
                            && "CONFIDENTIAL".equals(fields.get("marking").getString("to", null)), "marking change: " + fields.get("marking"));
            List<String> rows = d.getJsonArray("lines").getValuesAs(JsonObject.class).stream()
                    .map(l -> l.getString("kind") + ":" + number(l, "oldNumber") + "/" + number(l, "newNumber") + ":"
                            + text(l, "oldText") + "→" + text(l, "newText"))
                    .toList();
            List<String> expected = List.of("EQUAL:1/1:# Steps→# Steps",
                    "CHANGE:2/2:Block port 445→Block ports 139 and 445",
                    "DELETE:3/-:old line→-",
                    "EQUAL:4/3:keep→keep",
                    "INSERT:-/4:-→new line");
            soft.check(rows.equals(expected), "side-by-side rows: expected " + expected + ", got " + rows);
            soft.check(d.getInt("from", -1) == 1 && d.getInt("to", -1) == 2, "from/to echoed: " + d);
            // added/removed: new lines written (CHANGE + INSERT) and old lines dropped (CHANGE + DELETE).
            soft.check(d.getInt("added", -1) == 2 && d.getInt("removed", -1) == 2, "added 2, removed 2: " + d.get("added")
                    + "/" + d.get("removed"));
        }
        foldedDiff(soft);
        soft.status(200, ArticleApi.diff(auth2, id, "from=2&to=1"), "a reverse diff");
        soft.status(404, ArticleApi.revision(auth2, id, 9), "unknown revision");
        soft.status(404, ArticleApi.revision(auth2, id, "abc"), "revision that is not a number");
        soft.status(404, ArticleApi.diff(auth2, id, "from=1&to=9"), "diff to an unknown revision");
        soft.fieldError(ArticleApi.diff(auth2, id, "to=2"), "from", "diff without from");
        soft.fieldError(ArticleApi.diff(auth2, id, "from=x&to=2"), "from", "diff from a non-number");

        // Stale baseRevision: 409 naming the revisions; nothing written.
        JsonObject stale = ArticleApi.editOf(changed).add("baseRevision", 1).add("title", title("stale")).build();
        HttpResponse<String> conflict = soft.status(409, ArticleApi.put(auth2, id, stale), "PUT with a stale baseRevision");
        soft.check(detail(conflict).contains("(revision 2)") && detail(conflict).contains("opened revision 1"),
                "the 409 names the current and the opened revision: " + conflict.body());
        JsonObject after = ArticleApi.article(auth2, id);
        soft.check(after.getInt("revision", -1) == 2 && title("T2").equals(after.getString("title", null)),
                "a stale save writes nothing: " + after);
        soft.check(IncidentApi.items(ArticleApi.revisions(auth2, id)).size() == 2, "still two revisions after the stale save");
        soft.fieldError(ArticleApi.put(auth2, id, Json.createObjectBuilder(ArticleApi.editOf(after).build())
                .remove("baseRevision").build()), "baseRevision", "PUT without baseRevision");

        // A PUT that changes nothing writes nothing.
        HttpResponse<String> same = soft.status(200, ArticleApi.put(auth2, id, ArticleApi.editOf(after).build()), "a PUT changing nothing");
        if (same.statusCode() == 200) {
            soft.check(json(same).getInt("revision", -1) == 2 && after.getString("updatedAt").equals(json(same).getString("updatedAt", null)),
                    "a PUT changing nothing keeps the revision and updatedAt: " + same.body());
        }
        soft.check(IncidentApi.items(ArticleApi.revisions(auth2, id)).size() == 2, "still two revisions after the no-op save");
        assertNoNewProblemViolations(soft, problemsBefore);
        soft.done();
    }

    /** 20 lines, line 10 changed: the unchanged runs fold to 3 lines of context next to the change. */
    private static void foldedDiff(IncidentApi.Soft soft) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            lines.add("line " + i);
        }
        JsonObject a = ArticleApi.createOk(auth2, title("fold"), String.join("\n", lines), U, List.of());
        lines.set(9, "line 10 changed");
        ArticleApi.editOk(auth2, a.getString("id"), Map.of("body", Json.createValue(String.join("\n", lines))));
        HttpResponse<String> r = soft.status(200, ArticleApi.diff(auth2, a.getString("id"), "from=1&to=2"), "folded diff");
        if (r.statusCode() != 200) {
            return;
        }
        List<String> rows = json(r).getJsonArray("lines").getValuesAs(JsonObject.class).stream()
                .map(l -> l.getString("kind") + ":" + number(l, "oldNumber") + "/" + number(l, "newNumber")
                        + (l.containsKey("count") && !l.isNull("count") ? "x" + l.getInt("count") : ""))
                .toList();
        List<String> expected = List.of("SKIP:1/1x6", "EQUAL:7/7", "EQUAL:8/8", "EQUAL:9/9", "CHANGE:10/10", "EQUAL:11/11",
                "EQUAL:12/12", "EQUAL:13/13", "SKIP:14/14x7");
        soft.check(rows.equals(expected), "folded rows: expected " + expected + ", got " + rows);
    }

    private static String number(JsonObject row, String field) {
        return row.get(field) == null || row.isNull(field) ? "-" : Integer.toString(row.getInt(field));
    }

    private static String text(JsonObject row, String field) {
        return row.get(field) == null || row.isNull(field) ? "-" : row.getString(field);
    }

    // ---------------------------------------------------------------------------------------------
    // Labels
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(3)
    void labelsOnlyRiseAndARaiseTakesTheArticleAwayFromLowerReaders() {
        IncidentApi.Soft soft = new IncidentApi.Soft("labels");
        int problemsBefore = ForumApi.PROBLEM_VIOLATIONS.size();
        String term = "zka" + RUN + "raise1";
        String tag = "ka" + RUN + "-raise";
        soft.fieldError(ArticleApi.create(auth3, ArticleApi.body(title("too high"), "", "Body", List.of(), TS)),
                "label.classification", "create above the writer's clearance");
        soft.fieldError(ArticleApi.create(auth3, ArticleApi.body(title("not for me"), "", "Body", List.of(), OracleLabel.of("CONFIDENTIAL", "KEN"))),
                "label.releasableTo", "create not releasable to the writer's country");
        JsonObject a = ArticleApi.createOk(auth3, title("raise"), "Contain with " + term, C, List.of(tag));
        String id = a.getString("id");

        soft.status(409, ArticleApi.put(auth3, id, ArticleApi.editOf(a).add("label", label(R)).build()), "lower the label (W3)");
        soft.fieldError(ArticleApi.put(auth3, id, ArticleApi.editOf(a).add("label", label(TS)).build()), "label.classification",
                "raise above the writer's clearance (W2)");
        soft.fieldError(ArticleApi.put(auth3, id, ArticleApi.editOf(a).add("label", label(OracleLabel.of("CONFIDENTIAL", "KEN"))).build()),
                "label.releasableTo", "raise to a list without the writer's country (W2)");
        soft.check(ArticleApi.article(auth3, id).getInt("revision") == 1, "refused label changes write nothing");

        ArticleApi.stepOk(auth3, id, "submit", null);
        ArticleApi.stepOk(modA, id, "publish", null);
        awaitSearch(soft, kenC, term, id, true);
        ForumApi.Listing before = ArticleApi.list(kenC, "");
        ForumApi.Listing tagged = ArticleApi.list(kenC, "tag=" + tag);
        soft.status(200, ArticleApi.get(kenC, id), "KEN CONFIDENTIAL reads the published CONFIDENTIAL article");
        soft.check(tagged.total() == 1 && tagged.items().size() == 1, "tag list before the raise: " + tagged.total());
        soft.check(Long.valueOf(1).equals(ArticleApi.tags(kenC, tag).get(tag)), "tag count before the raise: " + ArticleApi.tags(kenC, tag).get(tag));

        // A moderator (not the author) raises the label of the published article.
        JsonObject raised = ArticleApi.editOk(modA, id, Map.of("label", label(C_G)));
        soft.check("CONFIDENTIAL//REL TO GBR".equals(raised.getString("marking", null)) && raised.getInt("revision", -1) == 2,
                "raised to CONFIDENTIAL//REL TO GBR at revision 2: " + raised);
        List<JsonObject> revisions = IncidentApi.items(ArticleApi.revisions(modA, id));
        soft.check(!revisions.isEmpty() && "RELABELLED".equals(revisions.get(0).getString("kind", null)),
                "a label-only save is a RELABELLED revision: " + revisions);
        HttpResponse<String> audit = ForumApi.get(auditor, "/audit?action=article.relabelled&size=100");
        soft.status(200, audit, "the audit trail filtered by action");
        if (audit.statusCode() == 200) {
            soft.check(IncidentApi.items(audit).stream().anyMatch(e -> id.equals(e.getString("objectId", null))
                            && modA.equals(e.getString("actor", null))),
                    "article.relabelled is audited for " + id + ": " + ForumApi.abbreviate(audit.body()));
        }
        soft.status(409, ArticleApi.put(modA, id, ArticleApi.editOf(raised).add("label", label(C)).build()),
                "lower the raised label back (W3)");

        // The reader who no longer passes R1 sees no trace of it.
        new Unreadable(soft, kenC).article(id, "raised article");
        ForumApi.Listing afterList = ArticleApi.list(kenC, "");
        soft.check(afterList.total() == before.total() - 1, "KEN's published total drops by one: " + before.total() + " → "
                + afterList.total());
        soft.check(afterList.items().stream().noneMatch(i -> id.equals(i.getString("id"))), "the raised article is not listed");
        ForumApi.Listing taggedAfter = ArticleApi.list(kenC, "tag=" + tag);
        soft.check(taggedAfter.total() == 0 && taggedAfter.items().isEmpty(), "tag list after the raise: " + taggedAfter.total());
        soft.check(!ArticleApi.tags(kenC, tag).containsKey(tag), "the tag is no longer counted for KEN: " + ArticleApi.tags(kenC, tag).get(tag));
        awaitSearch(soft, kenC, term, id, false);
        soft.status(200, ArticleApi.get(gbrC, id), "GBR CONFIDENTIAL still reads it");
        awaitSearch(soft, gbrC, term, id, true);
        soft.check(Long.valueOf(1).equals(ArticleApi.tags(gbrC, tag).get(tag)), "GBR still counts the tag");
        assertNoNewProblemViolations(soft, problemsBefore);
        soft.done();
    }

    /** Polls (up to 5 s: indexing follows the commit asynchronously) until {@code user}'s search (not) finds the article. */
    private static void awaitSearch(IncidentApi.Soft soft, String user, String term, String id, boolean found) {
        HttpResponse<String>[] last = new HttpResponse[1];
        boolean ok = IncidentApi.await(() -> {
            last[0] = ArticleApi.search(user, term);
            if (last[0].statusCode() != 200) {
                return false;
            }
            boolean hit = ArticleApi.hitIds(last[0]).contains(id);
            return found ? hit && ArticleApi.total(last[0]) == 1
                    : !hit && ArticleApi.total(last[0]) == 0 && !last[0].body().contains(id) && !last[0].body().contains(term);
        }, Duration.ofSeconds(5));
        soft.check(ok, user + (found ? " finds " : " must not find ") + term + " within 5 s: " + ForumApi.describe(last[0]));
    }

    // ---------------------------------------------------------------------------------------------
    // Input validation
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void invalidInputIsRefusedFieldByFieldAndCreatesNothing() {
        IncidentApi.Soft soft = new IncidentApi.Soft("validation");
        int problemsBefore = ForumApi.PROBLEM_VIOLATIONS.size();
        long before = ArticleApi.list(auth4, "mine=true").total();
        JsonObject ok = ArticleApi.body(title("valid"), "Summary", "Body", List.of("ok"), U);

        soft.fieldError(ArticleApi.create(auth4, with(ok, "title", Json.createValue(""))), "title", "empty title");
        soft.fieldError(ArticleApi.create(auth4, with(ok, "title", Json.createValue("t".repeat(201)))), "title", "201-character title");
        soft.fieldError(ArticleApi.create(auth4, with(ok, "summary", Json.createValue("s".repeat(1001)))), "summary", "1,001-character summary");
        soft.fieldError(ArticleApi.create(auth4, with(ok, "body", Json.createValue("  "))), "body", "blank body");
        soft.fieldError(ArticleApi.create(auth4, with(ok, "tags", Json.createArrayBuilder().add("Bad Tag!").build())), "tags", "bad tag");
        soft.fieldError(ArticleApi.create(auth4, with(ok, "tags", Json.createArrayBuilder().add("-lead").build())), "tags",
                "tag starting with a dash");
        JsonArrayBuilder many = Json.createArrayBuilder();
        for (int i = 0; i < 21; i++) {
            many.add("tag" + i);
        }
        soft.fieldError(ArticleApi.create(auth4, with(ok, "tags", many.build())), "tags", "21 tags");
        JsonArrayBuilder refs = Json.createArrayBuilder();
        for (int i = 0; i < 31; i++) {
            refs.add(Json.createObjectBuilder().add("title", "Ref " + i).add("url", "https://example.org/" + i));
        }
        soft.fieldError(ArticleApi.create(auth4, with(ok, "references", refs.build())), "references", "31 references");
        soft.fieldError(ArticleApi.create(auth4, with(ok, "references", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("title", "x").add("url", "javascript:alert(1)")).build())), "references", "javascript: URL");
        soft.fieldError(ArticleApi.create(auth4, with(ok, "references", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("title", "x").add("url", "/relative/path")).build())), "references", "relative URL");
        soft.fieldError(ArticleApi.create(auth4, Json.createObjectBuilder(ok).remove("label").build()), "label", "no label");
        HttpResponse<String> big = ArticleApi.create(auth4, with(ok, "body", Json.createValue("x".repeat(256 * 1024 + 1))));
        soft.check(big.statusCode() == 413 && big.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                        && big.body().toLowerCase().contains("body"),
                "a body above 256 KiB → 413 problem+json naming the body: " + ForumApi.describe(big));
        soft.status(400, ArticleApi.create(auth4, "{not json"), "a body that is not JSON");
        soft.status(400, ArticleApi.create(auth4, null), "no body at all");

        long after = ArticleApi.list(auth4, "mine=true").total();
        soft.check(after == before, "refused creates wrote nothing: mine total " + before + " → " + after);

        // The limits themselves are accepted; tags are lower-cased and de-duplicated.
        JsonObject edge = with(with(ok, "title", Json.createValue("t".repeat(200))), "tags",
                Json.createArrayBuilder().add("Ransomware").add("ransomware").add("t1486").build());
        HttpResponse<String> created = soft.status(201, ArticleApi.create(auth4, edge), "200-character title");
        if (created.statusCode() == 201) {
            soft.check(ArticleApi.strings(json(created), "tags").equals(List.of("ransomware", "t1486")),
                    "tags lower-cased, duplicates dropped: " + json(created).get("tags"));
        }
        soft.status(201, ArticleApi.create(auth4, with(ok, "body", Json.createValue("x".repeat(256 * 1024)))), "a body of exactly 256 KiB");
        soft.check(ArticleApi.list(auth4, "mine=true").total() == before + 2, "the two valid creates are listed");
        assertNoNewProblemViolations(soft, problemsBefore);
        soft.done();
    }

    private static JsonObject with(JsonObject body, String field, JsonValue value) {
        return Json.createObjectBuilder(body).add(field, value).build();
    }

    // ---------------------------------------------------------------------------------------------
    // Promote
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(5)
    void promotingAResolvedIncidentQuotesItUnderALabelDominatingEverySource() {
        IncidentApi.Soft soft = new IncidentApi.Soft("promote");
        int problemsBefore = ForumApi.PROBLEM_VIOLATIONS.size();
        JsonObject incident = IncidentApi.create(auth5, title("promote incident"), "HIGH", C, "MEMBERS");
        String iid = incident.getString("id");
        IncidentApi.member(auth5, iid, gbrC, "RESPONDER");
        String plain = "Blocked SMB at the edge " + RUN;
        String secret = "Sinkholed the C2 domain " + RUN;
        long seqPlain = IncidentApi.sendOk(auth5, iid, plain, null).getJsonNumber("seq").longValue();
        long seqSecret = IncidentApi.sendOk(auth5, iid, secret, S_G).getJsonNumber("seq").longValue();
        JsonObject request = Json.createObjectBuilder().add("messages", Json.createArrayBuilder().add(seqPlain).add(seqSecret)).build();

        soft.status(409, ForumApi.post(auth5, "/incidents/" + iid + "/promote", request), "promote an OPEN incident");
        soft.status(200, IncidentApi.status(auth5, iid, "RESOLVED"), "resolve the incident");

        HttpResponse<String> promoted = soft.status(201, ForumApi.post(auth5, "/incidents/" + iid + "/promote", request),
                "promote the resolved incident with both messages");
        if (promoted.statusCode() == 201) {
            JsonObject a = json(promoted);
            soft.check("SECRET//REL TO GBR".equals(a.getString("marking", null)) && "DRAFT".equals(a.getString("status", null))
                            && a.getInt("revision", -1) == 1,
                    "a DRAFT at the least label dominating the incident's and the messages' (SECRET//REL TO GBR): " + a);
            JsonObject source = a.get("source") instanceof JsonObject o ? o : null;
            soft.check(source != null && "INCIDENT".equals(source.getString("kind", null)) && iid.equals(source.getString("ref", null)),
                    "source INCIDENT with the incident id: " + a.get("source"));
            String body = a.getString("body", "");
            soft.check(body.contains("> " + plain) && body.contains("> " + secret), "the body quotes both messages: " + body);
            soft.check(body.contains("SECRET//REL TO GBR") && body.contains("Timeline") && body.contains("RESOLVED"),
                    "the body carries the quotes' markings and the timeline with the status change: " + body);
            List<JsonObject> revisions = IncidentApi.items(ArticleApi.revisions(auth5, a.getString("id")));
            soft.check(revisions.size() == 1 && "PROMOTED".equals(revisions.get(0).getString("kind", null)),
                    "one PROMOTED revision: " + revisions);
            soft.check(auth5.equals(ArticleApi.username(a, "author")), "the promoter is the author");
        }
        JsonObject lower = Json.createObjectBuilder(request).add("label", label(C)).build();
        soft.status(409, ForumApi.post(auth5, "/incidents/" + iid + "/promote", lower), "an explicit label below a quoted message (W3)");
        JsonObject tooHigh = Json.createObjectBuilder(request).add("label", label(TS)).build();
        soft.fieldError(ForumApi.post(auth5, "/incidents/" + iid + "/promote", tooHigh), "label.classification",
                "an explicit label above the promoter's clearance (W2)");
        JsonObject higher = Json.createObjectBuilder(request).add("label", label(OracleLabel.of("SECRET", "GBR"))).add("title", title("given title")).build();
        HttpResponse<String> given = soft.status(201, ForumApi.post(auth5, "/incidents/" + iid + "/promote", higher), "an explicit dominating label");
        if (given.statusCode() == 201) {
            soft.check(title("given title").equals(json(given).getString("title", null)), "the given title is used");
        }

        // A member who cannot read the SECRET message: the same 400 for it and for a missing seq.
        HttpResponse<String> unreadableSeq = ForumApi.post(gbrC, "/incidents/" + iid + "/promote",
                Json.createObjectBuilder().add("messages", Json.createArrayBuilder().add(seqSecret)).build());
        long missingSeq = 900_000 + seqSecret;
        HttpResponse<String> missing = ForumApi.post(gbrC, "/incidents/" + iid + "/promote",
                Json.createObjectBuilder().add("messages", Json.createArrayBuilder().add(missingSeq)).build());
        soft.fieldError(unreadableSeq, "messages", "quote a message the caller cannot read");
        soft.fieldError(missing, "messages", "quote a missing message");
        soft.check(unreadableSeq.body().replaceAll("(?i)message " + seqSecret + " ", "message N ")
                        .equals(missing.body().replaceAll("(?i)message " + missingSeq + " ", "message N ")),
                "unreadable and missing seqs answer alike: " + unreadableSeq.body() + " vs " + missing.body());
        soft.check(!unreadableSeq.body().contains(secret) && !unreadableSeq.body().contains("SECRET"),
                "the refusal tells nothing of the message: " + unreadableSeq.body());
        HttpResponse<String> own = soft.status(201, ForumApi.post(gbrC, "/incidents/" + iid + "/promote",
                Json.createObjectBuilder().add("messages", Json.createArrayBuilder().add(seqPlain)).build()),
                "the member promotes with the message they can read");
        if (own.statusCode() == 201) {
            soft.check("CONFIDENTIAL".equals(json(own).getString("marking", null)) && !json(own).getString("body", "").contains(secret),
                    "their draft is CONFIDENTIAL and holds nothing of the SECRET message: " + json(own).getString("marking", null));
        }

        soft.status(200, IncidentApi.status(auth5, iid, "CLOSED"), "close the incident");
        soft.status(201, ForumApi.post(auth5, "/incidents/" + iid + "/promote", request), "promote the closed incident");

        // Someone who may not read the incident: exactly a missing incident's answer.
        IncidentApi.Soft like = soft;
        like.likeMissing(ForumApi.post(canU, "/incidents/" + iid + "/promote", request), canU, "POST", "/incidents/{}/promote",
                request, "promote by a non-reader of the incident");
        like.likeMissing(ForumApi.post(member2, "/incidents/" + iid + "/promote", request), member2, "POST", "/incidents/{}/promote",
                request, "promote by a GBR SECRET non-member of a MEMBERS incident");
        assertNoNewProblemViolations(soft, problemsBefore);
        soft.done();
    }

    // ---------------------------------------------------------------------------------------------
    // Notifications
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(6)
    void reviewNotificationsReachTheModeratorsWhoMayReadAndTheAuthor() {
        IncidentApi.Soft soft = new IncidentApi.Soft("notifications");
        int problemsBefore = ForumApi.PROBLEM_VIOLATIONS.size();
        JsonObject a = ArticleApi.createOk(auth6, title("notify"), "Text", C, List.of());
        String id = a.getString("id");
        ArticleApi.stepOk(auth6, id, "submit", null);
        for (String moderator : List.of(modA, modB, modAuthor, modC)) {
            awaitNotifications(soft, moderator, id, List.of("REVIEW_REQUESTED"), "a moderator who may read it");
        }
        awaitNotifications(soft, auth6, id, List.of(), "the author (no review request for their own submit)");
        expectNone(soft, lowMod, id, "a RESTRICTED moderator who may not read the CONFIDENTIAL article");
        expectNone(soft, member2, id, "a member who is not a moderator");
        List<JsonObject> modANotes = ForumApi.listAll(modA, "/notifications").items().stream()
                .filter(n -> n.get("article") instanceof JsonObject o && id.equals(o.getString("id"))).toList();
        soft.check(modANotes.size() == 1 && title("notify").equals(modANotes.get(0).getJsonObject("article").getString("title", null)),
                "the notification carries article {id, title}: " + modANotes);

        ArticleApi.stepOk(modA, id, "sendBack", "Add the timeline");
        awaitNotifications(soft, auth6, id, List.of("ARTICLE_SENT_BACK"), "the author after a send-back");
        ArticleApi.stepOk(auth6, id, "submit", null);
        ArticleApi.stepOk(modB, id, "publish", null);
        awaitNotifications(soft, auth6, id, List.of("ARTICLE_PUBLISHED", "ARTICLE_SENT_BACK"), "the author after publication");
        awaitNotifications(soft, modA, id, List.of("REVIEW_REQUESTED", "REVIEW_REQUESTED"), "modA after the second submit");
        expectNone(soft, lowMod, id, "the RESTRICTED moderator, after everything");

        // Notifications are shown only while the recipient may read the article: a raise hides them.
        awaitNotifications(soft, modC, id, List.of("REVIEW_REQUESTED", "REVIEW_REQUESTED"), "modC before the raise");
        ArticleApi.editOk(modA, id, Map.of("label", label(S)));
        awaitNotifications(soft, modC, id, List.of(), "modC (CONFIDENTIAL) after the raise to SECRET");
        soft.check(!ForumApi.get(modC, "/notifications").body().contains(id), "no trace of the raised article in modC's notifications");
        awaitNotifications(soft, modB, id, List.of("REVIEW_REQUESTED", "REVIEW_REQUESTED"), "modB (SECRET) after the raise");
        assertNoNewProblemViolations(soft, problemsBefore);
        soft.done();
    }

    private static void awaitNotifications(IncidentApi.Soft soft, String user, String id, List<String> kinds, String who) {
        List<String>[] last = new List[1];
        boolean ok = IncidentApi.await(() -> {
            last[0] = ArticleApi.articleNotifications(user).getOrDefault(id, List.of());
            return new ArrayList<>(last[0]).stream().sorted().toList().equals(kinds.stream().sorted().toList());
        }, Duration.ofSeconds(5));
        soft.check(ok, who + " (" + user + ") has notifications " + kinds + " about the article, got " + last[0]);
    }

    private static void expectNone(IncidentApi.Soft soft, String user, String id, String who) {
        ForumApi.sleep(300);
        Map<String, List<String>> notes = ArticleApi.articleNotifications(user);
        soft.check(!notes.containsKey(id), who + " (" + user + ") must not be notified: " + notes.get(id));
    }

    // ---------------------------------------------------------------------------------------------
    // Unreadable = missing
    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(7)
    void anUnreadableArticleAnswersExactlyLikeAMissingOneOnEveryEndpoint() {
        IncidentApi.Soft soft = new IncidentApi.Soft("unreadable");
        int problemsBefore = ForumApi.PROBLEM_VIOLATIONS.size();
        JsonObject a = ArticleApi.createOk(auth7, title("hidden"), "Line one\nLine two", S_G, List.of());
        String id = a.getString("id");
        ArticleApi.editOk(auth7, id, Map.of("body", Json.createValue("Line one\nLine 2")));
        // A draft: R1 passes for member2 (GBR SECRET), the draft rule does not; KEN and CAN fail R1.
        for (String reader : List.of(member2, kenC, canU)) {
            new Unreadable(soft, reader).article(id, "draft");
        }
        ArticleApi.stepOk(auth7, id, "submit", null);
        ArticleApi.stepOk(modA, id, "publish", null);
        soft.status(200, ArticleApi.get(member2, id), "the published article is readable by member2");
        soft.status(200, ArticleApi.diff(member2, id, "from=1&to=2"), "member2 reads the published article's diff");
        for (String reader : List.of(kenC, canU, gbrC)) {
            new Unreadable(soft, reader).article(id, "published above the reader");
        }
        assertNoNewProblemViolations(soft, problemsBefore);
        soft.done();
    }

    /** Every endpoint of one article, for a reader the oracle says may not read it: a random id's answer. */
    private record Unreadable(IncidentApi.Soft soft, String reader) {
        void article(String id, String what) {
            JsonObject put = ArticleApi.body("x", "", "x", List.of(), U);
            put = Json.createObjectBuilder(put).add("baseRevision", 1).build();
            JsonObject comment = Json.createObjectBuilder().add("comment", "c").build();
            check("GET", "/articles/{}", id, null, what);
            check("GET", "/articles/{}/revisions", id, null, what);
            check("GET", "/articles/{}/revisions/1", id, null, what);
            check("GET", "/articles/{}/diff?from=1&to=2", id, null, what);
            check("GET", "/articles/{}/diff?to=2", id, null, what);
            check("GET", "/articles/{}/reviews", id, null, what);
            check("PUT", "/articles/{}", id, put, what);
            check("POST", "/articles/{}/submit", id, null, what);
            check("POST", "/articles/{}/publish", id, null, what);
            check("POST", "/articles/{}/withdraw", id, comment, what);
            check("POST", "/articles/{}/send-back", id, comment, what);
            check("POST", "/articles/{}/retire", id, comment, what);
        }

        private void check(String method, String template, String id, Object body, String what) {
            HttpResponse<String> actual = ForumApi.call(method, reader, template.replace("{}", id), body);
            soft.likeMissing(actual, reader, method, template, body, reader + " " + method + " " + template + " (" + what + ")");
        }
    }

    private static void assertNoNewProblemViolations(IncidentApi.Soft soft, int before) {
        List<String> violations = List.copyOf(ForumApi.PROBLEM_VIOLATIONS.subList(before, ForumApi.PROBLEM_VIOLATIONS.size()));
        soft.check(violations.isEmpty(), "error answers that are not clean problem+json: "
                + violations.stream().limit(10).collect(Collectors.joining("; ")));
    }

    @Test
    @Order(9)
    void aTagFilterMatchesTheTagExactly() {
        IncidentApi.Soft soft = new IncidentApi.Soft("tag-filter");
        String tag = "kt" + RUN + "-abc";
        JsonObject a = ArticleApi.createOk(auth2, title("tagged"), "Tagged", U, List.of(tag));
        ForumApi.Listing exact = ArticleApi.list(auth2, "status=DRAFT&tag=" + tag);
        soft.check(exact.total() == 1 && exact.items().size() == 1 && a.getString("id").equals(exact.items().get(0).getString("id")),
                "the exact tag lists the draft: " + exact.total());
        // '_' is a valid tag character, and must not act as a wildcard.
        String other = "kt" + RUN + "-a_c";
        ForumApi.Listing wildcard = ArticleApi.list(auth2, "status=DRAFT&tag=" + other);
        soft.check(wildcard.total() == 0 && wildcard.items().isEmpty(), "GET /articles?status=DRAFT&tag=" + other
                + " must not list the article tagged " + tag + ": total " + wildcard.total() + " (SERVER BUG: ArticleService.list"
                + " binds the tag into a LIKE pattern, \"%,\" + tag + \",%\", without escaping '_', a valid tag character)");
        ForumApi.Listing mine = ArticleApi.list(auth2, "mine=true&tag=" + other);
        soft.check(mine.total() == 0 && mine.items().isEmpty(), "GET /articles?mine=true&tag=" + other + " lists " + mine.total());
        soft.done();
    }

    @Test
    @Order(8)
    void unknownIdsAndBadQueriesAnswerCleanly() {
        IncidentApi.Soft soft = new IncidentApi.Soft("ids-and-queries");
        soft.status(404, ArticleApi.get(member2, UUID.randomUUID().toString()), "a random id");
        soft.status(404, ArticleApi.get(member2, "not-a-uuid"), "an id that is not a UUID");
        soft.fieldError(ForumApi.get(member2, "/articles?status=BURNING"), "status", "an unknown status filter");
        soft.fieldError(ForumApi.get(member2, "/articles?sort=random"), "sort", "an unknown sort");
        soft.fieldError(ForumApi.get(member2, "/articles?tag=Bad%20Tag"), "tag", "an invalid tag filter");
        soft.status(200, ForumApi.get(member2, "/articles?sort=title"), "sort by title");
        assertTrue(true);
        soft.done();
    }
}
