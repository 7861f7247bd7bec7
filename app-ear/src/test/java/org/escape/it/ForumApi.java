package org.escape.it;

import static org.escape.it.TestServers.BASE_URL;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The forum and notification API as the integration tests call it: one access token per user
 * (cached, renewed before Keycloak's 5-minute lifetime runs out), writes that wait out a 429 as the
 * contract asks ({@code Retry-After}), and a check of every error answer: problem+json whose
 * {@code status} is the HTTP status, with no stack trace, SQL or class name. Shape violations are
 * collected in {@link #PROBLEM_VIOLATIONS} for the tests to assert.
 */
final class ForumApi {

    static final String API = BASE_URL + "/api/v1";

    /** Every error answer that was not a clean problem+json document. */
    static final List<String> PROBLEM_VIOLATIONS = Collections.synchronizedList(new ArrayList<>());
    /** How often a write waited for the rate limiter (Retry-After) before it went through. */
    static final AtomicInteger RATE_LIMIT_WAITS = new AtomicInteger();

    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)(exception|\\bat (java|jakarta|org|com|fish|sun)\\.|\\.java:\\d+|stack ?trace|\\bsql\\b|(?-i:\\bSELECT\\b.*\\bFROM\\b)|"
                    + "org\\.escape\\.|eclipselink|jdbc|hibernate|payara|glassfish|caused by)");
    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();
    private static final long TOKEN_REUSE_MILLIS = 200_000;

    private record Token(String value, long fetchedAt) {
    }

    /** A page answer read to its end: every item and the total the server announced. */
    record Listing(List<JsonObject> items, long total, int status, HttpResponse<String> firstResponse) {
    }

    private ForumApi() {
    }

    static String token(String username) {
        Token token = TOKENS.get(username);
        if (token == null || System.currentTimeMillis() - token.fetchedAt() > TOKEN_REUSE_MILLIS) {
            token = new Token(Keycloak.accessToken(username), System.currentTimeMillis());
            TOKENS.put(username, token);
        }
        return token.value();
    }

    /**
     * A new test user's first request, repeated until the platform's record holds {@code clearance}
     * and {@code roles}: identity sync may provision a user from Keycloak's creation event before
     * the role mapping exists, and the next poll (seconds later) completes the record; a test that
     * acts at once as a moderator would meet that window.
     */
    static void provisioned(String user, String clearance, java.util.Collection<String> roles) {
        HttpResponse<String>[] last = new HttpResponse[1];
        boolean ok = IncidentApi.await(() -> {
            last[0] = get(user, "/me");
            if (last[0].statusCode() != 200) {
                return false;
            }
            JsonObject me = json(last[0]);
            List<String> has = me.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString).toList();
            return clearance.equals(me.getString("clearance", null)) && has.containsAll(roles);
        }, Duration.ofSeconds(20));
        if (!ok) {
            throw new AssertionError("provisioning " + user + " with " + clearance + " " + roles + ": " + describe(last[0]));
        }
    }

    static HttpResponse<String> get(String user, String path) {
        return call("GET", user, path, null);
    }

    static HttpResponse<String> post(String user, String path, Object body) {
        return call("POST", user, path, body);
    }

    static HttpResponse<String> patch(String user, String path, Object body) {
        return call("PATCH", user, path, body);
    }

    static HttpResponse<String> put(String user, String path, Object body) {
        return call("PUT", user, path, body);
    }

    static HttpResponse<String> delete(String user, String path) {
        return call("DELETE", user, path, null);
    }

    /** A call that waits out 429 answers (up to two minutes) and answers what finally came. */
    static HttpResponse<String> call(String method, String user, String path, Object body) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            HttpResponse<String> response = once(method, user, path, body);
            if (response.statusCode() != 429 || System.nanoTime() > deadline) {
                return response;
            }
            RATE_LIMIT_WAITS.incrementAndGet();
            long seconds = response.headers().firstValue("Retry-After").map(ForumApi::parseSeconds).orElse(1L);
            sleep(Math.max(1, seconds) * 1000 + 50);
        }
    }

    /** Exactly one request; {@code body} is a JsonValue, a raw String (sent as is) or null. */
    static HttpResponse<String> once(String method, String user, String path, Object body) {
        return once(method, user, path, body, "application/json");
    }

    /** One request on a fresh HTTP/1.1 connection (for answers the server gives before reading the body). */
    static HttpResponse<String> onceOverHttp11(String method, String user, String path, Object body) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = client.send(request(method, user, path, body, "application/json"),
                    HttpResponse.BodyHandlers.ofString());
            checkProblemShape(method + " " + path, response);
            return response;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> once(String method, String user, String path, Object body, String contentType) {
        HttpResponse<String> response = TestServers.send(request(method, user, path, body, contentType));
        checkProblemShape(method + " " + path, response);
        return response;
    }

    private static HttpRequest request(String method, String user, String path, Object body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : API + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + token(user));
        }
        return request.build();
    }

    /** Records a violation when an error answer is not clean problem+json. */
    static void checkProblemShape(String what, HttpResponse<String> response) {
        if (response.statusCode() < 400) {
            return;
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String problem = null;
        if (!contentType.startsWith("application/problem+json")) {
            problem = "content type " + contentType;
        } else {
            try {
                JsonObject document = TestServers.json(response.body());
                if (document.getInt("status", -1) != response.statusCode()) {
                    problem = "status field " + document.get("status");
                } else if (!document.containsKey("title") || !document.containsKey("type")) {
                    problem = "no type/title";
                }
            } catch (RuntimeException e) {
                problem = "body is not a JSON object";
            }
        }
        if (problem == null && INTERNALS.matcher(response.body()).find()) {
            problem = "server internals in the body";
        }
        if (problem != null) {
            PROBLEM_VIOLATIONS.add(what + " -> " + response.statusCode() + " (" + problem + "): "
                    + abbreviate(response.body()));
        }
    }

    /** Reads every page of a listing (size 100). A non-200 first page answers an empty listing with its status. */
    static Listing listAll(String user, String path) {
        List<JsonObject> items = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        long total = -1;
        HttpResponse<String> first = null;
        for (int page = 0; page < 100; page++) {
            HttpResponse<String> response = get(user, path + separator + "page=" + page + "&size=100");
            if (first == null) {
                first = response;
            }
            if (response.statusCode() != 200) {
                return new Listing(List.of(), -1, response.statusCode(), first);
            }
            JsonObject body = TestServers.json(response.body());
            total = body.getJsonNumber("total").longValue();
            JsonArray pageItems = body.getJsonArray("items");
            pageItems.getValuesAs(JsonObject.class).forEach(items::add);
            if (pageItems.isEmpty() || items.size() >= total) {
                break;
            }
        }
        return new Listing(items, total, 200, first);
    }

    static JsonObject json(HttpResponse<String> response) {
        return TestServers.json(response.body());
    }

    static JsonArray array(HttpResponse<String> response) {
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readArray();
        }
    }

    /** The items of a list answer that is either a JSON array or a page object. */
    static List<JsonObject> items(HttpResponse<String> response) {
        String body = response.body().strip();
        if (body.startsWith("[")) {
            return array(response).getValuesAs(JsonObject.class);
        }
        return json(response).getJsonArray("items").getValuesAs(JsonObject.class);
    }

    static Optional<String> string(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL
                ? Optional.empty() : Optional.of(object.getString(name));
    }

    static String describe(HttpResponse<String> response) {
        return response.request().method() + " " + response.request().uri().getPath() + " -> " + response.statusCode()
                + " " + abbreviate(response.body());
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static long parseSeconds(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
