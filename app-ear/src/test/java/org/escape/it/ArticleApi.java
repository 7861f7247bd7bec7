package org.escape.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The knowledge-base API (docs/api-articles.md) as the integration tests call it, on top of
 * {@link ForumApi} (tokens, 429 waits, problem+json shape checks): articles, workflow steps,
 * revisions and diffs, tags, the article part of search and of notifications, and the documented
 * field sets of its shapes.
 */
final class ArticleApi {

    static final Set<String> ARTICLE_FIELDS = Set.of("id", "title", "summary", "body", "html", "tags", "references",
            "label", "marking", "status", "revision", "author", "createdAt", "updatedAt", "publishedAt", "publishedBy",
            "retiredAt", "retiredReason", "reviewComment", "source", "actions");
    static final Set<String> REVISION_FIELDS = Set.of("number", "kind", "editor", "at", "comment", "title", "label",
            "marking", "summary", "body", "html", "tags", "references");
    static final Set<String> REVIEW_FIELDS = Set.of("action", "actor", "at", "comment", "revision");
    /** The workflow steps by their API name (also the name in {@code actions}) and path. */
    static final Map<String, String> STEPS = new LinkedHashMap<>();

    static {
        STEPS.put("submit", "submit");
        STEPS.put("withdraw", "withdraw");
        STEPS.put("sendBack", "send-back");
        STEPS.put("publish", "publish");
        STEPS.put("retire", "retire");
    }

    private ArticleApi() {
    }

    // ---------------------------------------------------------------------------------------------
    // Requests
    // ---------------------------------------------------------------------------------------------

    static JsonObject body(String title, String summary, String markdown, List<String> tags, OracleLabel label) {
        JsonArrayBuilder t = Json.createArrayBuilder();
        tags.forEach(t::add);
        JsonObjectBuilder b = Json.createObjectBuilder().add("title", title).add("summary", summary)
                .add("body", markdown).add("tags", t).add("references", Json.createArrayBuilder());
        if (label != null) {
            b.add("label", label.json());
        }
        return b.build();
    }

    /** A PUT body from the article as read: every field as it is, {@code baseRevision} its revision, then the changes. */
    static JsonObjectBuilder editOf(JsonObject article) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        for (String field : List.of("title", "summary", "body", "tags", "references", "label")) {
            if (article.containsKey(field)) {
                b.add(field, article.get(field));
            }
        }
        return b.add("baseRevision", article.getInt("revision"));
    }

    static HttpResponse<String> create(String user, Object body) {
        return ForumApi.post(user, "/articles", body);
    }

    /** Creates an article and answers it (fails the test on anything but 201). */
    static JsonObject createOk(String user, String title, String markdown, OracleLabel label, List<String> tags) {
        HttpResponse<String> r = create(user, body(title, "Summary of " + title, markdown, tags, label));
        IncidentApi.expect(201, r, "create article " + title + " as " + user);
        return ForumApi.json(r);
    }

    static HttpResponse<String> get(String user, String id) {
        return ForumApi.get(user, "/articles/" + id);
    }

    static JsonObject article(String user, String id) {
        HttpResponse<String> r = get(user, id);
        IncidentApi.expect(200, r, "GET article as " + user);
        return ForumApi.json(r);
    }

    static HttpResponse<String> put(String user, String id, Object body) {
        return ForumApi.put(user, "/articles/" + id, body);
    }

    /** Saves changes on top of the article as {@code user} reads it now; fails the test on anything but 200. */
    static JsonObject editOk(String user, String id, Map<String, JsonValue> changes) {
        JsonObjectBuilder b = editOf(article(user, id));
        changes.forEach(b::add);
        HttpResponse<String> r = put(user, id, b.build());
        IncidentApi.expect(200, r, "edit article as " + user);
        return ForumApi.json(r);
    }

    /** A workflow step ({@code submit, withdraw, sendBack, publish, retire}); a null comment sends no body. */
    static HttpResponse<String> step(String user, String id, String action, String comment) {
        String path = STEPS.get(action);
        if (path == null) {
            throw new IllegalArgumentException(action);
        }
        Object body = comment == null ? null : Json.createObjectBuilder().add("comment", comment).build();
        return ForumApi.post(user, "/articles/" + id + "/" + path, body);
    }

    static JsonObject stepOk(String user, String id, String action, String comment) {
        HttpResponse<String> r = step(user, id, action, comment);
        IncidentApi.expect(200, r, action + " as " + user);
        return ForumApi.json(r);
    }

    static HttpResponse<String> revisions(String user, String id) {
        return ForumApi.get(user, "/articles/" + id + "/revisions");
    }

    static HttpResponse<String> revision(String user, String id, Object number) {
        return ForumApi.get(user, "/articles/" + id + "/revisions/" + number);
    }

    static HttpResponse<String> diff(String user, String id, String query) {
        return ForumApi.get(user, "/articles/" + id + "/diff" + (query == null ? "" : "?" + query));
    }

    static HttpResponse<String> reviews(String user, String id) {
        return ForumApi.get(user, "/articles/" + id + "/reviews");
    }

    /** Every page of {@code GET /articles?query}. */
    static ForumApi.Listing list(String user, String query) {
        return ForumApi.listAll(user, "/articles" + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    /**
     * The counts of the tags starting with {@code prefix} the caller sees ({@code GET /articles/tags?prefix=});
     * null when the answer is not 200. A prefix keeps the test's tags in the answer however many other
     * articles (MITRE's import: hundreds of tags) the server holds.
     */
    static Map<String, Long> tags(String user, String prefix) {
        HttpResponse<String> r = ForumApi.get(user, "/articles/tags?prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            return null;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JsonObject t : ForumApi.json(r).getJsonArray("tags").getValuesAs(JsonObject.class)) {
            counts.put(t.getString("tag"), t.getJsonNumber("count").longValue());
        }
        return counts;
    }

    /** {@code GET /search?q=term&type=article&size=100}. */
    static HttpResponse<String> search(String user, String term) {
        return ForumApi.get(user, "/search?q=" + URLEncoder.encode(term, StandardCharsets.UTF_8) + "&type=article&size=100");
    }

    /** Ids of the hits of a search answer. */
    static Set<String> hitIds(HttpResponse<String> r) {
        Set<String> ids = new TreeSet<>();
        ForumApi.json(r).getJsonArray("items").getValuesAs(JsonObject.class).forEach(h -> ids.add(h.getString("id")));
        return ids;
    }

    static long total(HttpResponse<String> r) {
        return ForumApi.json(r).getJsonNumber("total").longValue();
    }

    /** The caller's notifications about articles: article id → kinds (every page). */
    static Map<String, List<String>> articleNotifications(String user) {
        Map<String, List<String>> byArticle = new LinkedHashMap<>();
        for (JsonObject n : ForumApi.listAll(user, "/notifications").items()) {
            if (n.get("article") instanceof JsonObject article) {
                byArticle.computeIfAbsent(article.getString("id"), k -> new java.util.ArrayList<>()).add(n.getString("kind"));
            }
        }
        return byArticle;
    }

    // ---------------------------------------------------------------------------------------------
    // Reading answers
    // ---------------------------------------------------------------------------------------------

    static Set<String> actions(JsonObject article) {
        Set<String> actions = new TreeSet<>();
        if (article.get("actions") instanceof jakarta.json.JsonArray array) {
            array.getValuesAs(JsonString.class).forEach(a -> actions.add(a.getString()));
        }
        return actions;
    }

    static List<String> strings(JsonObject object, String field) {
        return object.getJsonArray(field).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** The username of a person field, or null. */
    static String username(JsonObject object, String field) {
        return object.get(field) instanceof JsonObject person ? person.getString("username", null) : null;
    }

    /** Undocumented fields of an article (nested people and label included), or a clearance/email anywhere. */
    static List<String> shapeViolations(String where, JsonObject article) {
        List<String> extra = new java.util.ArrayList<>(IncidentApi.shapeViolations(where, article, ARTICLE_FIELDS));
        for (String personField : List.of("publishedBy")) {
            if (article.get(personField) instanceof JsonObject person) {
                extra.addAll(IncidentApi.undocumented(where + "." + personField, person, IncidentApi.PERSON_FIELDS));
            }
        }
        return extra;
    }
}
