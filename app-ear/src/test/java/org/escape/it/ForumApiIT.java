package org.escape.it;

import static org.escape.it.ForumApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
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
 * The forum and notification API beyond the matrix (docs/api-forums.md): the label rules W1–W3
 * with their field errors, audit records and "nothing written"; IDOR and id confusion;
 * PARAM-OVERRIDE; revisions and tombstones; moderation; limits; the write rate limit; unread
 * markers; notifications; and the shape of every error answer. Each test builds its own forum and
 * threads, so the tests are independent of each other and of their order (the last one only
 * collects what all the others saw).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForumApiIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final RealmUsers REALM = new RealmUsers();
    private static final String AUDITOR = "audrey";
    private static final Instant STARTED = Instant.now();

    /** GBR TOP_SECRET moderator. */
    private static String mod;
    /** GBR SECRET member. */
    private static String gbrS;
    /** KEN CONFIDENTIAL member. */
    private static String kenC;
    /** MYS RESTRICTED member. */
    private static String mysR;
    /** CAN UNCLASSIFIED member whose write bucket the rate-limit test empties. */
    private static String burst;
    /** IND SECRET member for the limits test. */
    private static String limits;

    private static final OracleLabel U = OracleLabel.of("UNCLASSIFIED");
    private static final OracleLabel R = OracleLabel.of("RESTRICTED");
    private static final OracleLabel C = OracleLabel.of("CONFIDENTIAL");
    private static final OracleLabel S = OracleLabel.of("SECRET");
    private static final OracleLabel TS = OracleLabel.of("TOP_SECRET");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return TestServers.ear();
    }

    @BeforeAll
    static void createUsers() {
        mod = user("mod", "GBR", "TOP_SECRET", "moderator");
        gbrS = user("gbrs", "GBR", "SECRET");
        kenC = user("kenc", "KEN", "CONFIDENTIAL");
        mysR = user("mysr", "MYS", "RESTRICTED");
        burst = user("burst", "CAN", "UNCLASSIFIED");
        limits = user("lim", "IND", "SECRET");
        for (String user : List.of(mod, gbrS, kenC, mysR, burst, limits, AUDITOR, "alice")) {
            HttpResponse<String> me = ForumApi.get(user, "/me");
            assertEquals(200, me.statusCode(), user + ": " + me.body());
        }
    }

    @AfterAll
    static void deleteUsers() {
        REALM.deleteAll();
        System.out.printf("[forum-api] rate-limit waits so far: %d%n", ForumApi.RATE_LIMIT_WAITS.get());
    }

    private static String user(String key, String country, String clearance, String... roles) {
        String username = "fa-" + key + "-" + RUN;
        Set<String> roleSet = new java.util.TreeSet<>(List.of(roles));
        roleSet.add("member");
        REALM.create(username, "Api", key, country, clearance, roleSet);
        return username;
    }

    // ---------------------------------------------------------------------------------------------
    // W1, W2, W3
    // ---------------------------------------------------------------------------------------------

    @Test
    void w1AThreadOrPostBelowItsContainerIsRefusedWithTheLabelFieldAndNothingIsWritten() {
        String forum = forum(OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"));
        Instant since = Instant.now().minusMillis(200);
        String threads = "/forums/" + forum + "/threads";

        assertFieldError(ForumApi.post(gbrS, threads, threadBody("Below", "w1", R)), "label.classification");
        assertFieldError(ForumApi.post(gbrS, threads, threadBody("Wider", "w1", C)), "label.releasableTo");
        assertFieldError(ForumApi.post(gbrS, threads,
                threadBody("Wider list", "w1", OracleLabel.of("CONFIDENTIAL", "FRA", "GBR", "KEN"))), "label.releasableTo");
        assertEquals(0, total(gbrS, threads), "nothing written (author's view)");
        assertEquals(0, total(mod, threads), "nothing written (moderator's view)");

        JsonObject thread = thread(gbrS, forum, OracleLabel.of("SECRET", "GBR"), "W1 thread " + RUN);
        String posts = "/threads/" + thread.getString("id") + "/posts";
        assertFieldError(ForumApi.post(gbrS, posts, postBody("below", OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"))),
                "label.classification");
        assertFieldError(ForumApi.post(gbrS, posts, postBody("wider", S)), "label.releasableTo");
        assertFieldError(ForumApi.post(gbrS, posts, postBody("wider list", OracleLabel.of("SECRET", "GBR", "KEN"))),
                "label.releasableTo");
        assertEquals(1, total(gbrS, posts), "only the first post");
        assertEquals(1, total(mod, posts), "only the first post");
        assertEquals(1, total(gbrS, threads));

        long denied = awaitDenials(gbrS, since, 6);
        assertTrue(denied >= 6, "six W1 refusals audited as DENIED for " + gbrS + " since " + since + ": " + denied);
    }

    @Test
    void w2ALabelTheAuthorCouldNotReadIsRefused() {
        String forum = forum(U);
        String threads = "/forums/" + forum + "/threads";

        assertFieldError(ForumApi.post(gbrS, threads, threadBody("Above clearance", "w2", TS)), "label.classification");
        assertFieldError(ForumApi.post(gbrS, threads, threadBody("Other country", "w2", OracleLabel.of("SECRET", "KEN"))),
                "label.releasableTo");
        assertFieldError(ForumApi.post(mysR, threads, threadBody("Other country", "w2", OracleLabel.of("RESTRICTED", "GBR"))),
                "label.releasableTo");
        assertEquals(0, total(mod, threads), "nothing written");

        JsonObject thread = thread(gbrS, forum, U, "W2 thread " + RUN);
        String posts = "/threads/" + thread.getString("id") + "/posts";
        assertFieldError(ForumApi.post(gbrS, posts, postBody("above", TS)), "label.classification");
        assertFieldError(ForumApi.post(kenC, posts, postBody("elsewhere", OracleLabel.of("CONFIDENTIAL", "GBR"))),
                "label.releasableTo");
        assertEquals(1, total(mod, posts), "only the first post");

        long kenForums = total(kenC, "/forums");
        JsonObject kenOnly = Json.createObjectBuilder().add("name", "Kenya only " + RUN).add("description", "w2")
                .add("label", OracleLabel.of("CONFIDENTIAL", "KEN").json()).build();
        assertFieldError(ForumApi.post(mod, "/forums", kenOnly), "label.releasableTo");
        assertEquals(kenForums, total(kenC, "/forums"), "no forum written that the Kenyan reader would see");
    }

    @Test
    void w3LoweringALabelIs409RaisingIsAllowedAuditedAndDropsTheReadersBelow() {
        String forum = forum(R);
        JsonObject thread = thread(gbrS, forum, R, "W3 thread " + RUN);
        String threadId = thread.getString("id");
        String first = thread.getString("firstPostId");
        String second = post(gbrS, threadId, "second, for GBR and KEN", OracleLabel.of("CONFIDENTIAL", "GBR", "KEN"), null)
                .getString("id");
        Instant since = Instant.now().minusMillis(200);

        assertStatus(409, ForumApi.patch(gbrS, "/posts/" + first, labelBody(U)), "lower classification");
        assertStatus(409, ForumApi.patch(gbrS, "/posts/" + second, labelBody(OracleLabel.of("CONFIDENTIAL", "GBR", "MYS"))),
                "sideways");
        assertStatus(409, ForumApi.patch(gbrS, "/posts/" + second, labelBody(OracleLabel.of("RESTRICTED", "GBR", "KEN"))),
                "lower classification, same list");
        assertStatus(409, ForumApi.patch(gbrS, "/posts/" + second, labelBody(C)), "wider releasability");
        assertEquals("RESTRICTED", getOk(gbrS, "/posts/" + first).getString("marking"));
        assertEquals("CONFIDENTIAL//REL TO GBR, KEN", getOk(gbrS, "/posts/" + second).getString("marking"));
        assertEquals(200, ForumApi.get(mysR, "/posts/" + first).statusCode(), "the restricted reader reads it before");
        assertEquals(1, total(mysR, "/threads/" + threadId + "/posts"));

        HttpResponse<String> raised = ForumApi.patch(gbrS, "/posts/" + first, labelBody(C));
        assertStatus(200, raised, "raise by the author");
        assertEquals("CONFIDENTIAL", json(raised).getString("marking"));
        assertLikeMissing(ForumApi.get(mysR, "/posts/" + first), mysR, "GET", "/posts/{}", null);
        assertEquals(0, total(mysR, "/threads/" + threadId + "/posts"), "the raised post dropped out of the list");
        JsonObject seenByMysR = getOk(mysR, "/threads/" + threadId);
        assertEquals(0, seenByMysR.getInt("postCount"), seenByMysR.toString());
        assertTrue(seenByMysR.isNull("firstPostId"), "firstPostId is null when the first post is above the reader");
        assertEquals(200, ForumApi.get(kenC, "/posts/" + first).statusCode(), "a CONFIDENTIAL reader still reads it");
        List<String> kinds = ForumApi.items(ForumApi.get(gbrS, "/posts/" + first + "/revisions")).stream()
                .map(r -> r.getString("kind")).toList();
        assertEquals(List.of("CREATED", "RELABELLED"), kinds);

        HttpResponse<String> byModerator = ForumApi.patch(mod, "/posts/" + second, labelBody(OracleLabel.of("SECRET", "GBR")));
        assertStatus(200, byModerator, "a moderator raises someone else's post");
        assertLikeMissing(ForumApi.get(kenC, "/posts/" + second), kenC, "GET", "/posts/{}", null);

        List<JsonObject> audited = awaitAudit("action=forum.post.relabelled&object=" + first, 1);
        assertEquals(gbrS, audited.get(0).getString("actor"), audited.toString());
        assertFalse(awaitAudit("action=forum.post.relabelled&object=" + second, 1).isEmpty());
        assertTrue(awaitDenials(gbrS, since, 4) >= 4, "the four refused downgrades are audited as DENIED");

        // Forums: only upward, by moderators; a raise hides everything inside from the readers below.
        assertStatus(409, ForumApi.patch(mod, "/forums/" + forum, labelBody(U)), "lower a forum");
        assertStatus(403, ForumApi.patch(gbrS, "/forums/" + forum, labelBody(S)), "a member relabels a forum");
        assertEquals(200, ForumApi.get(mysR, "/threads/" + threadId).statusCode());
        assertStatus(200, ForumApi.patch(mod, "/forums/" + forum, labelBody(C)), "raise a forum");
        assertLikeMissing(ForumApi.get(mysR, "/forums/" + forum), mysR, "GET", "/forums/{}", null);
        assertFalse(ids(ForumApi.listAll(mysR, "/forums").items()).contains(forum), "the raised forum is not listed");
        // The thread (RESTRICTED) is now the child of an unreadable parent.
        assertLikeMissing(ForumApi.get(mysR, "/threads/" + threadId), mysR, "GET", "/threads/{}", null);
        assertLikeMissing(ForumApi.get(mysR, "/threads/" + threadId + "/posts"), mysR, "GET", "/threads/{}/posts", null);
        assertEquals(200, ForumApi.get(kenC, "/threads/" + threadId).statusCode());
        assertFalse(awaitAudit("action=forum.relabelled&object=" + forum, 1).isEmpty());
    }

    // ---------------------------------------------------------------------------------------------
    // IDOR, ID-CONFUSION, PARAM-OVERRIDE
    // ---------------------------------------------------------------------------------------------

    @Test
    void repliesAcrossThreadsToUnreadablePostsAndIdsOfTheWrongKindAre404AndChangeNothing() {
        String forum = forum(U);
        JsonObject a = thread(gbrS, forum, U, "IDOR A " + RUN);
        JsonObject b = thread(gbrS, forum, U, "IDOR B " + RUN);
        String threadA = a.getString("id");
        String postA = a.getString("firstPostId");
        String postB = b.getString("firstPostId");
        String secret = post(gbrS, threadA, "secret in A", S, null).getString("id");
        String postsOfA = "/threads/" + threadA + "/posts";
        long before = total(gbrS, postsOfA);

        JsonObject replyToB = postBody("reply across threads", null, postB);
        assertLikeMissing(ForumApi.post(kenC, postsOfA, replyToB), kenC, "POST", postsOfA,
                postBody("reply across threads", null, UUID.randomUUID().toString()));
        JsonObject replyToSecret = postBody("reply to what I cannot read", null, secret);
        assertLikeMissing(ForumApi.post(kenC, postsOfA, replyToSecret), kenC, "POST", postsOfA,
                postBody("reply to what I cannot read", null, UUID.randomUUID().toString()));
        assertEquals(before, total(gbrS, postsOfA), "nothing written");
        JsonObject reply = post(kenC, threadA, "a proper reply", null, postA);
        assertEquals(postA, reply.getString("replyTo"));
        assertEquals(before + 1, total(gbrS, postsOfA));

        // Ids of the wrong kind: a post id where a thread id belongs, and so on.
        assertLikeMissing(ForumApi.get(gbrS, "/threads/" + postA), gbrS, "GET", "/threads/{}", null);
        assertLikeMissing(ForumApi.get(gbrS, "/threads/" + postA + "/posts"), gbrS, "GET", "/threads/{}/posts", null);
        assertLikeMissing(ForumApi.get(gbrS, "/posts/" + threadA), gbrS, "GET", "/posts/{}", null);
        assertLikeMissing(ForumApi.get(gbrS, "/forums/" + threadA), gbrS, "GET", "/forums/{}", null);
        assertLikeMissing(ForumApi.get(gbrS, "/forums/" + postA + "/threads"), gbrS, "GET", "/forums/{}/threads", null);
        assertLikeMissing(ForumApi.get(gbrS, "/posts/" + forum + "/revisions"), gbrS, "GET", "/posts/{}/revisions", null);
        JsonObject body = postBody("into a forum id", null);
        assertLikeMissing(ForumApi.post(gbrS, "/threads/" + forum + "/posts", body), gbrS, "POST", "/threads/{}/posts", body);
        JsonObject edit = Json.createObjectBuilder().add("body", "edit a thread id").build();
        assertLikeMissing(ForumApi.patch(gbrS, "/posts/" + threadA, edit), gbrS, "PATCH", "/posts/{}", edit);
        assertLikeMissing(ForumApi.put(gbrS, "/threads/" + postA + "/read-marker", null), gbrS, "PUT",
                "/threads/{}/read-marker", null);

        // Children of what the reader may not read: every action answers like a missing id.
        for (String[] call : new String[][] {{"GET", "/posts/{}"}, {"GET", "/posts/{}/revisions"}, {"DELETE", "/posts/{}"}}) {
            assertLikeMissing(ForumApi.call(call[0], kenC, call[1].replace("{}", secret), null), kenC, call[0], call[1], null);
        }
        assertLikeMissing(ForumApi.patch(kenC, "/posts/" + secret, edit), kenC, "PATCH", "/posts/{}", edit);
        String secretThread = thread(gbrS, forum, S, "IDOR secret " + RUN).getString("id");
        String topSecretThread = thread(mod, forum, TS, "IDOR top secret " + RUN).getString("id");
        assertLikeMissing(ForumApi.get(kenC, "/threads/" + secretThread), kenC, "GET", "/threads/{}", null);
        assertLikeMissing(ForumApi.get(kenC, "/threads/" + secretThread + "/posts"), kenC, "GET", "/threads/{}/posts", null);
        assertLikeMissing(ForumApi.post(kenC, "/threads/" + secretThread + "/posts", body), kenC, "POST",
                "/threads/{}/posts", body);
        assertLikeMissing(ForumApi.put(kenC, "/threads/" + secretThread + "/read-marker", null), kenC, "PUT",
                "/threads/{}/read-marker", null);
        JsonObject lock = moderation("LOCK", "idor");
        assertLikeMissing(ForumApi.post("alice", "/threads/" + topSecretThread + "/moderation", lock), "alice", "POST",
                "/threads/{}/moderation", lock);

        JsonObject untouched = getOk(gbrS, "/posts/" + secret);
        assertFalse(untouched.getBoolean("deleted"));
        assertEquals("secret in A", untouched.getString("body"));
        assertFalse(getOk(mod, "/threads/" + topSecretThread).getBoolean("locked"));
        assertEquals(1, total(gbrS, "/threads/" + secretThread + "/posts"));
    }

    @Test
    void clientSuppliedAuthorTimesIdsAndAttributesAreNeverTrusted() {
        String forum = forum(U);
        String other = forum(U);
        String chosenId = UUID.randomUUID().toString();
        JsonObject impersonated = Json.createObjectBuilder().add("id", UUID.randomUUID().toString()).add("username", mod)
                .add("displayName", "Moderator").add("country", "GBR").build();
        JsonObject threadOverride = Json.createObjectBuilder()
                .add("title", "Override " + RUN).add("body", "param override").add("tags", Json.createArrayBuilder().add("override"))
                .add("author", impersonated).add("createdAt", "2001-01-01T00:00:00Z").add("revision", 42)
                .add("country", "GBR").add("clearance", "TOP_SECRET").add("id", chosenId).add("forumId", other)
                .add("pinned", true).add("locked", true).add("hidden", true).add("postCount", 99).build();
        HttpResponse<String> created = ForumApi.post(mysR, "/forums/" + forum + "/threads", threadOverride);
        System.out.printf("[forum-api] thread body with author/createdAt/revision/country/clearance/id/forumId: %d%n",
                created.statusCode());
        String threadId;
        if (created.statusCode() == 400) {
            assertEquals(0, total(mod, "/forums/" + forum + "/threads"), "refused and nothing written");
            threadId = thread(mysR, forum, U, "Override fallback " + RUN).getString("id");
        } else {
            assertStatus(201, created, "thread with foreign fields");
            JsonObject thread = json(created);
            threadId = thread.getString("id");
            assertNotEquals(chosenId, threadId, "the client chose the id");
            assertEquals(mysR, thread.getJsonObject("author").getString("username"));
            assertEquals(forum, thread.getString("forumId"));
            assertFalse(thread.getBoolean("pinned") || thread.getBoolean("locked") || thread.getBoolean("hidden"),
                    thread.toString());
            assertRecent(thread.getString("createdAt"));
            assertEquals("UNCLASSIFIED", thread.getString("marking"));
            assertLikeMissing(ForumApi.get(mod, "/threads/" + chosenId), mod, "GET", "/threads/{}", null);
            assertEquals(0, total(mod, "/forums/" + other + "/threads"));
        }

        String otherThread = thread(gbrS, other, U, "Other " + RUN).getString("id");
        String chosenPostId = UUID.randomUUID().toString();
        JsonObject postOverride = Json.createObjectBuilder()
                .add("body", "post override").add("label", R.json()).add("author", impersonated)
                .add("createdAt", "2001-01-01T00:00:00Z").add("revision", 7).add("id", chosenPostId)
                .add("threadId", otherThread).add("deleted", true).add("hidden", true).add("country", "GBR")
                .add("clearance", "TOP_SECRET").add("editedAt", "2001-01-02T00:00:00Z").build();
        HttpResponse<String> posted = ForumApi.post(mysR, "/threads/" + threadId + "/posts", postOverride);
        System.out.printf("[forum-api] post body with foreign fields: %d%n", posted.statusCode());
        String ownPost;
        if (posted.statusCode() == 400) {
            ownPost = post(mysR, threadId, "fallback", R, null).getString("id");
        } else {
            assertStatus(201, posted, "post with foreign fields");
            JsonObject post = json(posted);
            ownPost = post.getString("id");
            assertNotEquals(chosenPostId, ownPost);
            assertEquals(mysR, post.getJsonObject("author").getString("username"));
            assertEquals(threadId, post.getString("threadId"));
            assertEquals(1, post.getInt("revision"));
            assertFalse(post.getBoolean("deleted") || post.getBoolean("hidden"), post.toString());
            assertTrue(post.isNull("editedAt"), post.toString());
            assertRecent(post.getString("createdAt"));
            assertEquals(1, total(gbrS, "/threads/" + otherThread + "/posts"), "nothing landed in the other thread");
        }

        // Attributes in the body never widen what the author may assign.
        JsonObject escalate = Json.createObjectBuilder().add("body", "escalate").add("label", S.json())
                .add("clearance", "TOP_SECRET").add("country", "GBR").add("roles", Json.createArrayBuilder().add("moderator"))
                .build();
        assertFieldError(ForumApi.post(mysR, "/threads/" + threadId + "/posts", escalate), "label.classification");

        // Nor in the query.
        String secret = post(gbrS, threadId, "secret", S, null).getString("id");
        String query = "?clearance=TOP_SECRET&country=GBR&roles=moderator";
        HttpResponse<String> withQuery = ForumApi.get(mysR, "/posts/" + secret + query);
        HttpResponse<String> missing = ForumApi.get(mysR, "/posts/" + UUID.randomUUID() + query);
        assertEquals(404, withQuery.statusCode(), withQuery.body());
        assertTrue(ForumAuthorizationMatrixIT.sameBytes(withQuery, missing), "like a missing id");
        assertEquals(total(mysR, "/threads/" + threadId + "/posts"),
                total(mysR, "/threads/" + threadId + "/posts" + query));
        assertEquals(total(mysR, "/forums"), total(mysR, "/forums" + query));

        // Nor in an edit.
        JsonObject before = getOk(mysR, "/posts/" + ownPost);
        JsonObject editOverride = Json.createObjectBuilder().add("body", "edited").add("author", impersonated)
                .add("revision", 1).add("createdAt", "2001-01-01T00:00:00Z").add("editedAt", "2001-01-01T00:00:00Z")
                .add("id", UUID.randomUUID().toString()).build();
        HttpResponse<String> edited = ForumApi.patch(mysR, "/posts/" + ownPost, editOverride);
        if (edited.statusCode() != 400) {
            assertStatus(200, edited, "edit with foreign fields");
            JsonObject after = json(edited);
            assertEquals(ownPost, after.getString("id"));
            assertEquals(mysR, after.getJsonObject("author").getString("username"));
            assertEquals(before.getInt("revision") + 1, after.getInt("revision"));
            assertEquals(Instant.parse(before.getString("createdAt")), Instant.parse(after.getString("createdAt")));
            assertRecent(after.getString("editedAt"));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Revisions, tombstones, moderation
    // ---------------------------------------------------------------------------------------------

    @Test
    void editsGrowTheRevisionListAndADeleteLeavesATombstoneWhoseHistoryKeepsTheContent() {
        String forum = forum(U);
        String thread = thread(gbrS, forum, U, "Revisions " + RUN).getString("id");
        String post = post(gbrS, thread, "original body", null, null).getString("id");

        JsonObject second = json(assertStatus(200, ForumApi.patch(gbrS, "/posts/" + post, bodyOnly("second body")), "edit"));
        assertEquals(2, second.getInt("revision"));
        assertEquals("second body", second.getString("body"));
        assertFalse(second.isNull("editedAt"), second.toString());
        assertStatus(200, ForumApi.patch(gbrS, "/posts/" + post, bodyOnly("third body")), "edit again");
        List<JsonObject> revisions = revisions(gbrS, post);
        assertEquals(List.of("CREATED", "EDITED", "EDITED"), revisions.stream().map(r -> r.getString("kind")).toList());
        assertEquals(List.of(1, 2, 3), revisions.stream().map(r -> r.getInt("revision")).toList());
        assertEquals(List.of("original body", "second body", "third body"),
                revisions.stream().map(r -> r.getString("body")).toList());
        assertEquals(gbrS, revisions.get(2).getJsonObject("editor").getString("username"));

        assertStatus(403, ForumApi.patch(kenC, "/posts/" + post, bodyOnly("not mine")), "someone else's edit");
        assertStatus(403, ForumApi.get(kenC, "/posts/" + post + "/revisions"), "a member reads another's history");
        assertEquals(3, revisions(AUDITOR, post).size(), "the auditor reads the history");

        assertStatus(204, ForumApi.delete(gbrS, "/posts/" + post), "the author deletes");
        JsonObject tombstone = getOk(kenC, "/posts/" + post);
        assertTrue(tombstone.getBoolean("deleted"));
        assertEquals("", tombstone.getString("body"));
        assertEquals("", tombstone.getString("html"));
        assertEquals("author", tombstone.getString("deletedBy"));
        JsonObject listed = ForumApi.listAll(kenC, "/threads/" + thread + "/posts").items().stream()
                .filter(p -> p.getString("id").equals(post)).findFirst().orElseThrow(() -> new AssertionError("tombstone listed"));
        assertTrue(listed.getBoolean("deleted"));
        assertEquals("", listed.getString("body"));
        for (String reader : List.of(gbrS, AUDITOR)) {
            List<JsonObject> history = revisions(reader, post);
            assertEquals("DELETED", history.get(history.size() - 1).getString("kind"), reader + ": " + history);
            assertTrue(history.stream().anyMatch(r -> "third body".equals(r.getString("body", null))),
                    reader + " still finds the deleted content in the history");
        }
        assertStatus(409, ForumApi.patch(gbrS, "/posts/" + post, bodyOnly("resurrect")), "edit a deleted post");

        String other = post(kenC, thread, "moderated away", null, null).getString("id");
        assertStatus(403, ForumApi.delete(gbrS, "/posts/" + other), "a member deletes someone else's post");
        assertStatus(204, ForumApi.delete(mod, "/posts/" + other), "a moderator deletes");
        assertEquals("moderator", getOk(gbrS, "/posts/" + other).getString("deletedBy"));
    }

    @Test
    void moderatorsLockPinAndHideAndHiddenThreadsAreAbsentForEveryoneElse() {
        String forum = forum(U);
        String older = thread(gbrS, forum, U, "Older " + RUN).getString("id");
        String newer = thread(gbrS, forum, U, "Newer " + RUN).getString("id");
        String threads = "/forums/" + forum + "/threads";
        assertEquals(List.of(newer, older), ids(ForumApi.listAll(kenC, threads).items()), "last activity first");

        JsonObject pinned = json(assertStatus(200, ForumApi.post(mod, "/threads/" + older + "/moderation",
                moderation("PIN", "reference material")), "pin"));
        assertTrue(pinned.getBoolean("pinned"));
        assertEquals(List.of(older, newer), ids(ForumApi.listAll(kenC, threads).items()), "pinned first");
        assertStatus(200, ForumApi.post(mod, "/threads/" + older + "/moderation", moderation("UNPIN", "done")), "unpin");
        assertEquals(List.of(newer, older), ids(ForumApi.listAll(kenC, threads).items()));

        assertStatus(403, ForumApi.post(gbrS, "/threads/" + newer + "/moderation", moderation("LOCK", "mine")),
                "a member moderates");
        assertFieldError(ForumApi.post(mod, "/threads/" + newer + "/moderation",
                Json.createObjectBuilder().add("action", "LOCK").build()), "reason");
        assertFieldError(ForumApi.post(mod, "/threads/" + newer + "/moderation", moderation("LOCK", "x".repeat(501))),
                "reason");
        assertStatus(400, ForumApi.post(mod, "/threads/" + newer + "/moderation", moderation("EXPLODE", "no")),
                "unknown action");

        assertTrue(json(assertStatus(200, ForumApi.post(mod, "/threads/" + newer + "/moderation",
                moderation("LOCK", "cooling off")), "lock")).getBoolean("locked"));
        long posts = total(mod, "/threads/" + newer + "/posts");
        assertStatus(409, ForumApi.post(kenC, "/threads/" + newer + "/posts", postBody("into a locked thread", null)),
                "post into a locked thread");
        assertStatus(409, ForumApi.post(gbrS, "/threads/" + newer + "/posts", postBody("author into a locked thread", null)),
                "the author posts into a locked thread");
        assertEquals(posts, total(mod, "/threads/" + newer + "/posts"));
        assertStatus(200, ForumApi.post(mod, "/threads/" + newer + "/moderation", moderation("UNLOCK", "ok")), "unlock");
        post(kenC, newer, "after the unlock", null, null);

        assertStatus(200, ForumApi.post(mod, "/threads/" + older + "/moderation", moderation("HIDE", "off topic")), "hide");
        for (String reader : List.of(kenC, gbrS)) { // gbrS is the author, still not a moderator
            assertLikeMissing(ForumApi.get(reader, "/threads/" + older), reader, "GET", "/threads/{}", null);
            assertLikeMissing(ForumApi.get(reader, "/threads/" + older + "/posts"), reader, "GET", "/threads/{}/posts", null);
            ForumApi.Listing listing = ForumApi.listAll(reader, threads);
            assertEquals(List.of(newer), ids(listing.items()), reader);
            assertEquals(1, listing.total(), reader);
            assertEquals(1, getOk(reader, "/forums/" + forum).getInt("threadCount"), reader);
        }
        ForumApi.Listing moderators = ForumApi.listAll(mod, threads);
        assertEquals(2, moderators.total());
        assertTrue(getOk(mod, "/threads/" + older).getBoolean("hidden"));
        assertEquals(2, getOk(mod, "/forums/" + forum).getInt("threadCount"));
        assertFalse(awaitAudit("action=forum.thread.moderated&object=" + older, 3).isEmpty());
        assertStatus(200, ForumApi.post(mod, "/threads/" + older + "/moderation", moderation("UNHIDE", "back")), "unhide");
        assertEquals(200, ForumApi.get(kenC, "/threads/" + older).statusCode());

        String hidden = post(gbrS, newer, "will be hidden", null, null).getString("id");
        assertStatus(200, ForumApi.post(mod, "/posts/" + hidden + "/moderation", moderation("HIDE", "spam")), "hide post");
        JsonObject forOthers = getOk(kenC, "/posts/" + hidden);
        assertTrue(forOthers.getBoolean("hidden"));
        assertEquals("", forOthers.getString("body"));
        assertEquals("", forOthers.getString("html"));
        for (String privileged : List.of(gbrS, mod)) {
            JsonObject seen = getOk(privileged, "/posts/" + hidden);
            assertTrue(seen.getBoolean("hidden"), privileged);
            assertEquals("will be hidden", seen.getString("body"), privileged);
            assertEquals("spam", seen.getString("hiddenReason"), privileged);
        }
        assertTrue(revisions(mod, hidden).stream().anyMatch(r -> "HIDDEN".equals(r.getString("kind"))));
        assertStatus(403, ForumApi.post(gbrS, "/posts/" + hidden + "/moderation", moderation("UNHIDE", "mine")),
                "the author unhides");
        assertStatus(200, ForumApi.post(mod, "/posts/" + hidden + "/moderation", moderation("UNHIDE", "fine")), "unhide post");
        assertEquals("will be hidden", getOk(kenC, "/posts/" + hidden).getString("body"));
    }

    // ---------------------------------------------------------------------------------------------
    // Limits and the rate limit
    // ---------------------------------------------------------------------------------------------

    @Test
    void limitsAreEnforcedWithProblemJson() {
        String forum = forum(U);
        String threads = "/forums/" + forum + "/threads";
        assertFieldError(ForumApi.post(limits, threads, threadBody("t".repeat(201), "long title", null)), "title");
        assertFieldError(ForumApi.post(limits, threads, threadBody("   ", "blank title", null)), "title");
        assertEquals(0, total(limits, threads));
        String thread = thread(limits, forum, null, "t".repeat(199) + "!").getString("id");
        String posts = "/threads/" + thread + "/posts";

        String tooLarge = "a".repeat(64 * 1024 + 1);
        assertStatus(413, ForumApi.post(limits, posts, postBody(tooLarge, null)), "64 KiB + 1 byte");
        String multiByte = "€".repeat(21_846); // 21,846 chars, 65,538 bytes
        assertStatus(413, ForumApi.post(limits, posts, postBody(multiByte, null)), "the limit counts UTF-8 bytes");
        assertStatus(201, ForumApi.post(limits, posts, postBody("b".repeat(64 * 1024), null)), "exactly 64 KiB");
        assertFieldError(ForumApi.post(limits, posts, postBody("", null)), "body");
        assertFieldError(ForumApi.post(limits, posts, postBody(" \n\t ", null)), "body");
        // Refused before the body is read; over a reused HTTP/2 (h2c) connection the early close makes the
        // JDK client fail with "EOF reached while reading" (curl is fine), so this one goes over HTTP/1.1.
        assertStatus(413, ForumApi.onceOverHttp11("POST", limits, posts, postBody("c".repeat(1_100_000), null)),
                "more than 1 MiB");
        assertEquals(2, total(limits, posts));

        JsonArrayBuilder nine = Json.createArrayBuilder();
        for (int i = 1; i <= 9; i++) {
            nine.add("tag" + i);
        }
        assertFieldError(ForumApi.post(limits, threads, Json.createObjectBuilder().add("title", "Nine tags")
                .add("body", "x").add("tags", nine).build()), "tags");
        for (String bad : List.of("bad tag", "<b>", "-dash", "x".repeat(33), "")) {
            assertFieldError(ForumApi.post(limits, threads, Json.createObjectBuilder().add("title", "Bad tag")
                    .add("body", "x").add("tags", Json.createArrayBuilder().add(bad)).build()), "tags");
        }
        JsonArrayBuilder eight = Json.createArrayBuilder().add("Phishing").add("T1566");
        for (int i = 3; i <= 8; i++) {
            eight.add("tag-" + i);
        }
        JsonObject tagged = json(assertStatus(201, ForumApi.post(limits, threads, Json.createObjectBuilder()
                .add("title", "Eight tags").add("body", "x").add("tags", eight).build()), "eight tags"));
        List<String> tags = tagged.getJsonArray("tags").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        assertTrue(tags.contains("phishing") && tags.contains("t1566") && tags.size() == 8, tags.toString());
        assertEquals(2, total(limits, threads), "the 200-character title and the eight tags");

        for (String malformed : List.of("{\"title\": ", "[1,2,3]", "not json", "{\"title\": 5, \"body\": []}")) {
            HttpResponse<String> r = ForumApi.post(limits, threads, malformed);
            assertStatus(400, r, "malformed: " + malformed);
            assertProblem(r);
        }
        assertProblem(assertStatus(415, ForumApi.once("POST", limits, threads, "title=x", "text/plain"), "form body"));
        assertEquals(2, total(limits, threads), "the 200-character title and the eight tags");

        IdentityIT.assertUnauthenticated(ForumApi.get(null, "/forums"));
        IdentityIT.assertUnauthenticated(ForumApi.post(null, threads, threadBody("anonymous", "x", null)));
        IdentityIT.assertUnauthenticated(ForumApi.get(null, "/notifications/unread-count"));

        JsonObject longName = Json.createObjectBuilder().add("name", "n".repeat(101)).add("description", "d")
                .add("label", U.json()).build();
        assertFieldError(ForumApi.post(mod, "/forums", longName), "name");
        JsonObject longDescription = Json.createObjectBuilder().add("name", "Long description " + RUN)
                .add("description", "d".repeat(2001)).add("label", U.json()).build();
        assertFieldError(ForumApi.post(mod, "/forums", longDescription), "description");
        assertStatus(403, ForumApi.post(gbrS, "/forums", Json.createObjectBuilder().add("name", "Member forum " + RUN)
                .add("description", "d").add("label", U.json()).build()), "a member creates a forum");
        assertStatus(400, ForumApi.get(limits, threads + "?size=101"), "page size above 100");
        assertStatus(400, ForumApi.get(limits, threads + "?page=-1"), "negative page");
    }

    @Test
    void aBurstOfWritesFromOneUserIsRateLimitedWithRetryAfterAndOthersAreUnaffected() {
        String forum = forum(U);
        String thread = thread(mod, forum, U, "Burst " + RUN).getString("id");
        String posts = "/threads/" + thread + "/posts";
        int bound = 300;
        int accepted = 0;
        HttpResponse<String> limited = null;
        long started = System.nanoTime();
        for (int i = 0; i < bound; i++) {
            HttpResponse<String> r = ForumApi.once("POST", burst, posts, postBody("burst " + i, null));
            if (i == 0) {
                Optional<String> announced = r.headers().firstValue("RateLimit-Limit")
                        .or(() -> r.headers().firstValue("X-RateLimit-Limit"));
                if (announced.isPresent()) {
                    bound = Math.max(bound, 3 * Integer.parseInt(announced.get().replaceAll("[^0-9].*", "")) + 50);
                }
            }
            if (r.statusCode() == 429) {
                limited = r;
                break;
            }
            assertStatus(201, r, "write " + i + " of the burst");
            accepted++;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("[forum-api] rate limit: %d writes accepted in %d ms before the first 429%n", accepted, millis);
        assertNotNull(limited, "no 429 after " + accepted + " writes in " + millis + " ms");
        assertProblem(limited);
        String retryAfter = limited.headers().firstValue("Retry-After").orElse("");
        assertTrue(retryAfter.matches("\\d+") && Long.parseLong(retryAfter) >= 1, "Retry-After in seconds: '" + retryAfter + "'");
        assertEquals(accepted + 1, total(mod, posts), "the refused write was not written");

        assertStatus(201, ForumApi.once("POST", kenC, posts, postBody("someone else writes", null)), "another user");
        ForumApi.sleep(Long.parseLong(retryAfter) * 1000 + 200);
        assertStatus(201, ForumApi.once("POST", burst, posts, postBody("after Retry-After", null)), "after waiting");
        // api-forums.md: rate-limited requests are logged, not audited (no flood of audit writes).
    }

    // ---------------------------------------------------------------------------------------------
    // Unread markers and notifications
    // ---------------------------------------------------------------------------------------------

    @Test
    void unreadCountsFollowTheReadMarker() {
        String forum = forum(U);
        String thread = thread(gbrS, forum, U, "Unread " + RUN).getString("id");
        String path = "/threads/" + thread;
        assertEquals(0, getOk(gbrS, path).getInt("unreadCount"), "own posts are never unread");
        assertEquals(1, getOk(kenC, path).getInt("unreadCount"), "never opened: everything readable is unread");
        assertEquals(1, threadInList(kenC, forum, thread).getInt("unreadCount"));

        assertStatus(204, ForumApi.put(kenC, path + "/read-marker", null), "read marker");
        assertEquals(0, getOk(kenC, path).getInt("unreadCount"));
        assertEquals(0, threadInList(kenC, forum, thread).getInt("unreadCount"));

        post(gbrS, thread, "news", null, null);
        assertEquals(1, getOk(kenC, path).getInt("unreadCount"));
        assertEquals(0, getOk(gbrS, path).getInt("unreadCount"));
        post(gbrS, thread, "secret news", S, null);
        assertEquals(1, getOk(kenC, path).getInt("unreadCount"), "a post above the reader is not counted");
        assertEquals(2, getOk(mysR, path).getInt("unreadCount"), "the restricted reader counts the two unclassified posts");
        assertStatus(204, ForumApi.put(kenC, path + "/read-marker", null), "read marker");
        assertEquals(0, getOk(kenC, path).getInt("unreadCount"));

        String secretThread = thread(gbrS, forum, S, "Unread secret " + RUN).getString("id");
        assertLikeMissing(ForumApi.put(kenC, "/threads/" + secretThread + "/read-marker", null), kenC, "PUT",
                "/threads/{}/read-marker", null);
    }

    @Test
    void notificationsAreNewestFirstReadableOnlyAndCanBeMarkedReadOneByOneOrAll() {
        String forum = forum(U);
        String thread = thread(gbrS, forum, U, "Notify " + RUN).getString("id");
        assertStatus(204, ForumApi.post(kenC, "/notifications/read-all", null), "start from zero");
        assertEquals(0, unread(kenC));

        String first = post(gbrS, thread, "hello @" + kenC + " first", null, null).getString("id");
        String second = post(gbrS, thread, "hello @" + kenC + " second", null, null).getString("id");
        post(gbrS, thread, "code `@" + kenC + "` is not a mention", null, null);
        post(gbrS, thread, "```\n@" + kenC + "\n```", null, null);
        post(gbrS, thread, "secret for @" + kenC, S, null);
        post(gbrS, thread, "nobody @no-such-user-" + RUN, null, null);
        awaitUnread(kenC, 2);
        ForumApi.sleep(1_000); // nothing more arrives late
        assertEquals(2, unread(kenC), "mentions in code, above the reader or of nobody notify no one");
        List<JsonObject> items = ForumApi.listAll(kenC, "/notifications").items().stream()
                .filter(n -> n.getJsonObject("post").getString("threadId").equals(thread)).toList();
        assertEquals(List.of(second, first), items.stream().map(n -> n.getJsonObject("post").getString("id")).toList(),
                "newest first, only the two readable mentions outside code");
        for (JsonObject n : items) {
            assertEquals("MENTION", n.getString("kind"));
            assertEquals(gbrS, n.getJsonObject("actor").getString("username"));
            assertEquals("Notify " + RUN, n.getJsonObject("post").getString("threadTitle"));
            assertFalse(n.getBoolean("read"));
            assertFalse(n.getJsonObject("actor").containsKey("clearance"));
        }
        String newest = items.get(0).getString("id");
        String oldest = items.get(1).getString("id");
        assertEquals(2, ForumApi.listAll(kenC, "/notifications?unread=true").total());

        assertLikeMissing(ForumApi.post(mysR, "/notifications/" + newest + "/read", null), mysR, "POST",
                "/notifications/{}/read", null);
        assertEquals(2, unread(kenC), "someone else cannot mark my notification");
        assertStatus(204, ForumApi.post(kenC, "/notifications/" + newest + "/read", null), "read one");
        assertEquals(1, unread(kenC));
        List<JsonObject> unreadOnly = ForumApi.listAll(kenC, "/notifications?unread=true").items();
        assertEquals(List.of(oldest), ids(unreadOnly));
        assertStatus(204, ForumApi.post(kenC, "/notifications/read-all", null), "read all");
        assertEquals(0, unread(kenC));
        assertTrue(ForumApi.listAll(kenC, "/notifications").items().stream()
                .filter(n -> Set.of(newest, oldest).contains(n.getString("id"))).allMatch(n -> n.getBoolean("read")));

        // A post raised above the recipient silences its notification.
        String confidential = post(gbrS, thread, "confidential for @" + kenC, C, null).getString("id");
        awaitUnread(kenC, 1);
        assertStatus(200, ForumApi.patch(gbrS, "/posts/" + confidential, labelBody(S)), "raise");
        assertEquals(0, unread(kenC), "the raised post dropped out of the count");
        assertTrue(ForumApi.listAll(kenC, "/notifications").items().stream()
                .noneMatch(n -> n.getJsonObject("post").getString("id").equals(confidential)), "and out of the list");

        // A reply notifies the author of the post replied to.
        long gbrUnread = unread(gbrS);
        String reply = post(kenC, thread, "thanks", null, first).getString("id");
        awaitUnread(gbrS, gbrUnread + 1);
        JsonObject notification = ForumApi.listAll(gbrS, "/notifications").items().get(0);
        assertEquals("REPLY", notification.getString("kind"));
        assertEquals(reply, notification.getJsonObject("post").getString("id"));
        assertEquals(kenC, notification.getJsonObject("actor").getString("username"));
    }

    @Test
    void readingAThreadPageHoldingItemsAboveUnclassifiedIsAudited() {
        String forum = forum(U);
        String thread = thread(gbrS, forum, U, "Audited read " + RUN).getString("id");
        post(gbrS, thread, "confidential detail", C, null);
        assertStatus(200, ForumApi.get(kenC, "/threads/" + thread + "/posts"), "kenC reads the thread page");
        List<JsonObject> reads = awaitAudit("actor=" + kenC + "&action=forum.thread.read&object=" + thread, 1);
        assertEquals("thread", reads.get(0).getString("objectType"), reads.toString());
        // mysR sees only the unclassified first post on that page: nothing above UNCLASSIFIED was read.
        assertStatus(200, ForumApi.get(mysR, "/threads/" + thread + "/posts"), "mysR reads the thread page");
        ForumApi.sleep(500);
        System.out.printf("[forum-api] audited thread-page reads by the reader who saw only UNCLASSIFIED: %d%n",
                audit("actor=" + mysR + "&action=forum.thread.read&object=" + thread).size());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyErrorAnswerIsProblemJsonWithoutServerInternals() {
        String forum = forum(U);
        ForumApi.get(gbrS, "/forums/" + forum + "/nothing-here");
        ForumApi.delete(gbrS, "/forums");
        ForumApi.get(gbrS, "/posts/not-a-uuid");
        ForumApi.get(gbrS, "/threads/%27%20or%201%3D1--");
        ForumApi.post(gbrS, "/forums/" + forum + "/threads", "{\"title\":\"x\",\"body\":\"y\",\"label\":{\"classification\":\"ULTRA\"}}");
        ForumApi.post(gbrS, "/forums/" + forum + "/threads", "{\"title\":\"x\",\"body\":\"y\",\"label\":{\"classification\":\"SECRET\",\"releasableTo\":[\"XX1\"]}}");
        ForumApi.post(gbrS, "/forums/" + forum + "/threads", "{\"title\":\"x\",\"body\":\"y\",\"label\":\"SECRET\"}");
        ForumApi.post(gbrS, "/forums/" + forum + "/threads", "{\"title\":" + "[".repeat(5000) + "}");
        ForumApi.get(gbrS, "/notifications?size=abc");
        ForumApi.get(gbrS, "/forums?page=99999999999999999999");
        List<String> violations = List.copyOf(ForumApi.PROBLEM_VIOLATIONS);
        assertTrue(violations.isEmpty(), violations.size() + " error answers were not clean problem+json:\n"
                + violations.stream().limit(30).collect(Collectors.joining("\n")));
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private static String forum(OracleLabel label) {
        JsonObject body = Json.createObjectBuilder().add("name", "Api " + RUN + " " + UUID.randomUUID().toString().substring(0, 8))
                .add("description", "ForumApiIT").add("label", label.json()).build();
        return json(assertStatus(201, ForumApi.post(mod, "/forums", body), "create forum")).getString("id");
    }

    private static JsonObject thread(String user, String forum, OracleLabel label, String title) {
        return json(assertStatus(201, ForumApi.post(user, "/forums/" + forum + "/threads",
                threadBody(title, "First post of " + title, label)), "create thread " + title));
    }

    private static JsonObject post(String user, String thread, String body, OracleLabel label, String replyTo) {
        return json(assertStatus(201, ForumApi.post(user, "/threads/" + thread + "/posts", postBody(body, label, replyTo)),
                "create post"));
    }

    private static JsonObject threadBody(String title, String body, OracleLabel label) {
        JsonObjectBuilder builder = Json.createObjectBuilder().add("title", title).add("body", body);
        if (label != null) {
            builder.add("label", label.json());
        }
        return builder.build();
    }

    private static JsonObject postBody(String body, OracleLabel label) {
        return postBody(body, label, null);
    }

    private static JsonObject postBody(String body, OracleLabel label, String replyTo) {
        JsonObjectBuilder builder = Json.createObjectBuilder().add("body", body);
        if (label != null) {
            builder.add("label", label.json());
        }
        if (replyTo != null) {
            builder.add("replyTo", replyTo);
        }
        return builder.build();
    }

    private static JsonObject bodyOnly(String body) {
        return Json.createObjectBuilder().add("body", body).build();
    }

    private static JsonObject labelBody(OracleLabel label) {
        return Json.createObjectBuilder().add("label", label.json()).build();
    }

    private static JsonObject moderation(String action, String reason) {
        return Json.createObjectBuilder().add("action", action).add("reason", reason).build();
    }

    private static HttpResponse<String> assertStatus(int expected, HttpResponse<String> response, String what) {
        assertEquals(expected, response.statusCode(), what + ": " + ForumApi.describe(response));
        return response;
    }

    private static JsonObject getOk(String user, String path) {
        return json(assertStatus(200, ForumApi.get(user, path), "GET " + path + " as " + user));
    }

    private static void assertProblem(HttpResponse<String> response) {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                ForumApi.describe(response));
        assertEquals(response.statusCode(), json(response).getInt("status"));
    }

    private static void assertFieldError(HttpResponse<String> response, String field) {
        assertStatus(400, response, "expected a field error on " + field);
        assertProblem(response);
        JsonObject problem = json(response);
        List<String> fields = problem.containsKey("errors")
                ? problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream().map(e -> e.getString("field", "")).toList()
                : List.of();
        assertTrue(fields.stream().anyMatch(f -> f.equals(field) || f.startsWith(field + "[") || f.startsWith(field + ".")),
                "field " + field + " named in " + response.body());
    }

    /** The answer is a 404 byte-identical to the same request on a random missing id. */
    private static void assertLikeMissing(HttpResponse<String> actual, String user, String method, String template,
            JsonValue body) {
        HttpResponse<String> missing = ForumApi.call(method, user, template.replace("{}", UUID.randomUUID().toString()), body);
        assertEquals(404, actual.statusCode(), ForumApi.describe(actual));
        assertEquals(404, missing.statusCode(), ForumApi.describe(missing));
        assertTrue(ForumAuthorizationMatrixIT.sameBytes(actual, missing),
                "like a missing id: " + ForumApi.describe(actual) + " vs " + ForumApi.describe(missing));
    }

    private static long total(String user, String path) {
        ForumApi.Listing listing = ForumApi.listAll(user, path);
        assertEquals(200, listing.status(), "list " + path + " as " + user + ": "
                + (listing.firstResponse() == null ? "" : listing.firstResponse().body()));
        assertEquals(listing.total(), listing.items().size(), "total = items for " + path);
        return listing.total();
    }

    private static List<String> ids(List<JsonObject> items) {
        return items.stream().map(i -> i.getString("id")).toList();
    }

    private static JsonObject threadInList(String user, String forum, String thread) {
        return ForumApi.listAll(user, "/forums/" + forum + "/threads").items().stream()
                .filter(t -> t.getString("id").equals(thread)).findFirst().orElseThrow();
    }

    private static List<JsonObject> revisions(String user, String post) {
        return ForumApi.items(assertStatus(200, ForumApi.get(user, "/posts/" + post + "/revisions"), "revisions as " + user));
    }

    private static long unread(String user) {
        return getOk(user, "/notifications/unread-count").getInt("unread");
    }

    private static void awaitUnread(String user, long expected) {
        await(() -> unread(user) == expected, Duration.ofSeconds(10), user + " unread count " + expected);
    }

    private static void await(Supplier<Boolean> condition, Duration bound, String what) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                fail(what + " not reached within " + bound.toSeconds() + " s");
            }
            ForumApi.sleep(200);
        }
    }

    private static List<JsonObject> audit(String query) {
        HttpResponse<String> response = ForumApi.get(AUDITOR, "/audit?" + query + "&size=100");
        assertStatus(200, response, "audit " + query);
        return ForumApi.items(response);
    }

    private static List<JsonObject> awaitAudit(String query, int atLeast) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<JsonObject> entries = audit(query);
        while (entries.size() < atLeast && System.nanoTime() < deadline) {
            ForumApi.sleep(200);
            entries = audit(query);
        }
        assertTrue(entries.size() >= atLeast, "audit " + query + ": " + entries);
        return entries;
    }

    /** DENIED forum.* audit records of {@code actor} from {@code since} on (a time window, so the count is exact). */
    private static long denials(String actor, Instant since) {
        return audit("actor=" + actor + "&action=forum.&from=" + since).stream()
                .filter(e -> "DENIED".equals(e.getString("outcome", ""))).count();
    }

    private static long awaitDenials(String actor, Instant since, long atLeast) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long count = denials(actor, since);
        while (count < atLeast && System.nanoTime() < deadline) {
            ForumApi.sleep(200);
            count = denials(actor, since);
        }
        return count;
    }

    private static void assertRecent(String instant) {
        Instant at = Instant.parse(instant);
        assertTrue(at.isAfter(STARTED.minusSeconds(120)) && at.isBefore(Instant.now().plusSeconds(120)),
                "a server time, not the client's: " + instant);
    }
}
