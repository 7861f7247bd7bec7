package org.escape.it;

import static org.escape.it.TestServers.BASE_URL;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The incident, chat and ticket API (docs/api-incidents.md) as the integration tests call it, on
 * top of {@link ForumApi} (tokens, 429 waits, problem+json shape checks), plus the documented field
 * sets of every shape so the tests can tell a documented answer from one carrying extra fields
 * (a clearance, an email, an internal id).
 */
final class IncidentApi {

    static final String WS_URL = BASE_URL.replaceFirst("^http", "ws") + "/ws";
    static final int HTTP_PORT = URI.create(BASE_URL).getPort();

    static final Set<String> PERSON_FIELDS = Set.of("id", "username", "displayName", "country");
    static final Set<String> LABEL_FIELDS = Set.of("classification", "releasableTo");
    static final Set<String> INCIDENT_FIELDS = Set.of("id", "title", "summary", "severity", "status", "access", "label",
            "marking", "createdBy", "createdAt", "updatedAt", "latestSeq", "myRole", "memberCount", "canPost",
            "canManage");
    static final Set<String> MEMBER_FIELDS = Set.of("user", "role", "addedAt", "online");
    static final Set<String> MESSAGE_FIELDS = Set.of("id", "incidentId", "seq", "clientId", "kind", "author", "body",
            "html", "label", "marking", "createdAt");
    static final Set<String> MESSAGE_PAGE_FIELDS = Set.of("items", "latestSeq", "hasMore");

    private static final Map<String, String> USER_IDS = new ConcurrentHashMap<>();
    /** The answer to a request on a random missing id, per user, method, path template and body. */
    private static final Map<String, HttpResponse<String>> MISSING = new ConcurrentHashMap<>();

    private IncidentApi() {
    }

    // ---------------------------------------------------------------------------------------------
    // Incidents
    // ---------------------------------------------------------------------------------------------

    static JsonObject incidentBody(String title, String severity, OracleLabel label, String access) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("title", title)
                .add("summary", "Summary of " + title).add("severity", severity).add("label", label.json());
        if (access != null) {
            body.add("access", access);
        }
        return body.build();
    }

    /** Creates an incident and answers it (fails the test on anything but 201). */
    static JsonObject create(String user, String title, String severity, OracleLabel label, String access) {
        HttpResponse<String> r = ForumApi.post(user, "/incidents", incidentBody(title, severity, label, access));
        expect(201, r, "create incident " + title + " as " + user);
        return ForumApi.json(r);
    }

    static HttpResponse<String> get(String user, String id) {
        return ForumApi.get(user, "/incidents/" + id);
    }

    static JsonObject incident(String user, String id) {
        HttpResponse<String> r = get(user, id);
        expect(200, r, "GET incident as " + user);
        return ForumApi.json(r);
    }

    static HttpResponse<String> patch(String user, String id, JsonObject body) {
        return ForumApi.patch(user, "/incidents/" + id, body);
    }

    static HttpResponse<String> status(String user, String id, String status) {
        return patch(user, id, Json.createObjectBuilder().add("status", status).build());
    }

    static HttpResponse<String> members(String user, String id) {
        return ForumApi.get(user, "/incidents/" + id + "/members");
    }

    static HttpResponse<String> addMember(String user, String id, String username, String role) {
        return ForumApi.post(user, "/incidents/" + id + "/members",
                Json.createObjectBuilder().add("username", username).add("role", role).build());
    }

    /** Adds (201) or changes (200) a member and fails the test otherwise. */
    static void member(String user, String id, String username, String role) {
        HttpResponse<String> r = addMember(user, id, username, role);
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw new AssertionError("add " + username + " as " + role + " by " + user + ": " + ForumApi.describe(r));
        }
    }

    static HttpResponse<String> removeMember(String user, String id, String userId) {
        return ForumApi.delete(user, "/incidents/" + id + "/members/" + userId);
    }

    static HttpResponse<String> join(String user, String id) {
        return ForumApi.post(user, "/incidents/" + id + "/join", null);
    }

    // ---------------------------------------------------------------------------------------------
    // Messages
    // ---------------------------------------------------------------------------------------------

    static JsonObject messageBody(String body, String clientId, OracleLabel label) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("body", body).add("clientId", clientId);
        if (label != null) {
            b.add("label", label.json());
        }
        return b.build();
    }

    static HttpResponse<String> send(String user, String id, String body, String clientId, OracleLabel label) {
        return ForumApi.post(user, "/incidents/" + id + "/messages", messageBody(body, clientId, label));
    }

    /** Posts a message and answers it (fails the test on anything but 201). */
    static JsonObject sendOk(String user, String id, String body, OracleLabel label) {
        HttpResponse<String> r = send(user, id, body, clientId(), label);
        expect(201, r, "message by " + user);
        return ForumApi.json(r);
    }

    static HttpResponse<String> messages(String user, String id, String query) {
        return ForumApi.get(user, "/incidents/" + id + "/messages" + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    /** Every readable timeline entry, oldest first, read with {@code after} pages of 500. */
    static List<JsonObject> timeline(String user, String id) {
        List<JsonObject> all = new ArrayList<>();
        long after = 0;
        for (int guard = 0; guard < 100; guard++) {
            HttpResponse<String> r = messages(user, id, "after=" + after + "&limit=500");
            expect(200, r, "timeline as " + user);
            JsonObject page = ForumApi.json(r);
            List<JsonObject> items = page.getJsonArray("items").getValuesAs(JsonObject.class);
            all.addAll(items);
            if (items.isEmpty() || !page.getBoolean("hasMore", false)) {
                break;
            }
            after = items.get(items.size() - 1).getJsonNumber("seq").longValue();
        }
        return all;
    }

    static String clientId() {
        return "c-" + UUID.randomUUID();
    }

    // ---------------------------------------------------------------------------------------------
    // Users and tickets
    // ---------------------------------------------------------------------------------------------

    /** The platform's id of a user (from /me; cached). */
    static String userId(String username) {
        return USER_IDS.computeIfAbsent(username, u -> {
            HttpResponse<String> me = ForumApi.get(u, "/me");
            expect(200, me, "/me of " + u);
            return ForumApi.json(me).getString("id");
        });
    }

    static HttpResponse<String> ticketResponse(String user) {
        return ForumApi.post(user, "/ws-tickets", null);
    }

    static String ticket(String user) {
        HttpResponse<String> r = ticketResponse(user);
        expect(201, r, "ws ticket for " + user);
        return ForumApi.json(r).getString("ticket");
    }

    // ---------------------------------------------------------------------------------------------
    // Shapes and comparisons
    // ---------------------------------------------------------------------------------------------

    /** Field names of {@code object} that the contract does not document for its shape. */
    static List<String> undocumented(String where, JsonObject object, Set<String> documented) {
        List<String> extra = new ArrayList<>();
        for (String key : object.keySet()) {
            if (!documented.contains(key)) {
                extra.add(where + "." + key);
            }
        }
        return extra;
    }

    /** Undocumented fields of an incident, message, member or person, looking into nested people and labels. */
    static List<String> shapeViolations(String where, JsonObject object, Set<String> documented) {
        List<String> extra = new ArrayList<>(undocumented(where, object, documented));
        for (String personField : List.of("createdBy", "author", "user")) {
            JsonValue value = object.get(personField);
            if (value instanceof JsonObject person) {
                extra.addAll(undocumented(where + "." + personField, person, PERSON_FIELDS));
            }
        }
        if (object.get("label") instanceof JsonObject label) {
            extra.addAll(undocumented(where + ".label", label, LABEL_FIELDS));
        }
        String text = object.toString().toLowerCase(Locale.ROOT);
        if (text.contains("\"clearance\"") || text.contains("@it.invalid") || text.contains("\"email\"")) {
            extra.add(where + " mentions a clearance or an email: " + ForumApi.abbreviate(object.toString()));
        }
        return extra;
    }

    static List<JsonObject> items(HttpResponse<String> r) {
        return ForumApi.json(r).getJsonArray("items").getValuesAs(JsonObject.class);
    }

    static List<Long> seqs(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getJsonNumber("seq").longValue()).toList();
    }

    static List<String> ids(List<JsonObject> items) {
        return items.stream().map(i -> i.getString("id")).toList();
    }

    static JsonArray array(JsonObject object, String name) {
        return object.getJsonArray(name);
    }

    /** Same status, body and headers (all of them but Date): nothing tells one answer from the other. */
    static boolean sameAnswer(HttpResponse<String> a, HttpResponse<String> b) {
        return a.statusCode() == b.statusCode() && a.body().equals(b.body())
                && headersBut(a, "date").equals(headersBut(b, "date"));
    }

    static Map<String, List<String>> headersBut(HttpResponse<String> response, String skipped) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(skipped)) {
                headers.put(name.toLowerCase(Locale.ROOT), values);
            }
        });
        return headers;
    }

    static HttpResponse<String> expect(int status, HttpResponse<String> r, String what) {
        if (r.statusCode() != status) {
            throw new AssertionError(what + ": expected " + status + ", got " + ForumApi.describe(r));
        }
        return r;
    }

    /** Field names of a 400 answer's {@code errors[]}. */
    static List<String> errorFields(HttpResponse<String> r) {
        try {
            JsonObject problem = ForumApi.json(r);
            if (!problem.containsKey("errors")) {
                return List.of();
            }
            return problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                    .map(e -> e.getString("field", "")).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Waits (polling every 100 ms) for a condition; answers whether it held within the bound. */
    static boolean await(BooleanSupplier condition, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            ForumApi.sleep(100);
        }
        return true;
    }

    /** GET /health/ready answers 200 with status UP. */
    static boolean ready() {
        HttpResponse<String> r = TestServers.get(BASE_URL + "/health/ready");
        return r.statusCode() == 200 && r.body().contains("UP");
    }

    /**
     * Soft assertions for one test: every deviation from the contract is collected with what was
     * sent and answered, so a run reports all of them at once; {@link #done()} fails the test if any.
     */
    static final class Soft {
        private final String test;
        final List<String> problems = new ArrayList<>();
        int checks;

        Soft(String test) {
            this.test = test;
        }

        boolean check(boolean ok, String what) {
            checks++;
            if (!ok) {
                problems.add(what);
                System.out.println("[" + test + "] DEVIATION " + what);
            }
            return ok;
        }

        HttpResponse<String> status(int expected, HttpResponse<String> r, String what) {
            check(r.statusCode() == expected, what + ": expected " + expected + ", got " + ForumApi.describe(r));
            return r;
        }

        /** A 400 whose errors[] names a field equal to or starting with {@code field}. */
        HttpResponse<String> fieldError(HttpResponse<String> r, String field, String what) {
            List<String> fields = errorFields(r);
            check(r.statusCode() == 400 && fields.stream().anyMatch(f -> f.equals(field) || f.startsWith(field + ".")
                            || f.startsWith(field + "[")),
                    what + ": expected 400 naming " + field + ", got " + ForumApi.describe(r));
            return r;
        }

        /** The answer is a 404 identical (status, body, every header but Date) to the same request on a random id. */
        void likeMissing(HttpResponse<String> actual, String user, String method, String template, Object body,
                String what) {
            HttpResponse<String> missing = MISSING.computeIfAbsent(user + " " + method + " " + template + " " + body,
                    k -> ForumApi.call(method, user, template.replace("{}", UUID.randomUUID().toString()), body));
            check(actual.statusCode() == 404 && sameAnswer(actual, missing), what + ": unreadable must answer like missing: "
                    + ForumApi.describe(actual) + " " + headersBut(actual, "date") + " vs " + ForumApi.describe(missing)
                    + " " + headersBut(missing, "date"));
        }

        void done() {
            System.out.printf("[%s] %d checks, %d deviations%n", test, checks, problems.size());
            if (!problems.isEmpty()) {
                throw new AssertionError(problems.size() + " deviations in " + test + ":\n"
                        + String.join("\n", problems.subList(0, Math.min(40, problems.size()))));
            }
        }
    }
}
